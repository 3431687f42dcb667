"""The OpenAPI document describes exactly the routes that are implemented."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cscomm import __version__
from cscomm.server.app import ROUTES

from .conftest import ALLOWED_ORIGIN, Client

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT: dict[str, Any] = json.loads(
    resources.files("cscomm.server").joinpath("openapi.json").read_text(encoding="utf-8")
)
OPERATIONS = sorted((path, method) for path, item in DOCUMENT["paths"].items() for method in item)
EXAMPLE_BODIES = {("/v1/check", "post"): {"draft": "Hi Sam,\n\nIt ships on Friday.\n\nBest,\nAna"}}


def validator(name: str) -> jsonschema.Draft202012Validator:
    """A validator for ``#/components/schemas/<name>``, resolving refs within the document."""
    return jsonschema.Draft202012Validator({**DOCUMENT, "$ref": f"#/components/schemas/{name}"})


def test_served_document(client: Client) -> None:
    reply = client.get("/openapi.json")
    assert reply.status == 200
    served = reply.json()
    assert served["openapi"].startswith("3.1")
    assert served["info"]["version"] == __version__
    assert "post" in served["paths"]["/v1/check"]
    assert served["paths"] == DOCUMENT["paths"]


def test_documented_operations_are_exactly_the_implemented_ones() -> None:
    implemented = sorted(
        (path, method.lower()) for path, route in ROUTES.items() for method in [*route, "OPTIONS"]
    )
    assert implemented == OPERATIONS


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_every_documented_operation_answers(client: Client, path: str, method: str) -> None:
    operation = DOCUMENT["paths"][path][method]
    if method == "options":
        headers = {"Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "GET"}
        reply = client.request("OPTIONS", path, headers=headers)
    else:
        payload = EXAMPLE_BODIES.get((path, method))
        body = json.dumps(payload).encode() if payload is not None else None
        headers = {"Content-Type": "application/json"} if body is not None else {}
        reply = client.request(method.upper(), path, body, headers)
    assert str(reply.status) in operation["responses"]
    assert reply.status < 300
    schema = operation["responses"][str(reply.status)].get("content", {}).get("application/json")
    if schema is not None:
        jsonschema.Draft202012Validator({**DOCUMENT, **schema["schema"]}).validate(reply.json())


def test_schemas_are_valid_and_examples_match_them() -> None:
    for schema in DOCUMENT["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    request = DOCUMENT["paths"]["/v1/check"]["post"]["requestBody"]["content"]["application/json"]
    validator("CheckRequest").validate(request["example"])
    for response in DOCUMENT["paths"]["/v1/check"]["post"]["responses"].values():
        example = response.get("content", {}).get("application/json", {}).get("example")
        if example is not None:
            validator("Error").validate(example)


def test_report_schema_is_the_published_one() -> None:
    published = json.loads((ROOT / "cscomm" / "report.schema.json").read_text(encoding="utf-8"))
    del published["$schema"], published["$id"]
    assert DOCUMENT["components"]["schemas"]["Report"] == published, (
        "copy cscomm/report.schema.json (less $schema and $id) into components.schemas.Report "
        "of cscomm/server/openapi.json"
    )


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({"draft": "x"}, True),
        ({"message": "From: a@b.example\n\nHi", "draft": None}, True),
        ({"draft": "x", "config": {"select": ["CT"], "strict": True}}, True),
        ({"draft": "x", "message": "y"}, False),
        ({"draft": "x", "extra": 1}, False),
        ({"draft": "x", "config": {"packs": ["p"]}}, False),
        ({"draft": "x", "fix": "unsafe"}, True),
        ({"draft": "x", "fix": "all"}, False),
    ],
)
def test_request_schema_agrees_with_the_server(client: Client, body: dict[str, Any], valid: bool) -> None:
    assert validator("CheckRequest").is_valid(body) is valid
    assert (client.post("/v1/check", body).status == 200) is valid


def test_errors_match_the_error_schema(client: Client) -> None:
    for reply in (client.get("/nope"), client.get("/v1/check"), client.post("/v1/check", b"{")):
        validator("Error").validate(reply.json())


def test_the_token_is_documented_as_a_bearer_scheme() -> None:
    assert DOCUMENT["components"]["securitySchemes"]["token"] == {
        **DOCUMENT["components"]["securitySchemes"]["token"],
        "type": "http",
        "scheme": "bearer",
    }
    assert {"token": []} in DOCUMENT["security"] and {} in DOCUMENT["security"]


@pytest.mark.parametrize(("path", "method"), [op for op in OPERATIONS if op[1] != "options"])
def test_every_refusal_is_documented(client: Client, path: str, method: str) -> None:
    responses = DOCUMENT["paths"][path][method]["responses"]
    refusals = {
        "host-not-allowed": {"Host": "evil.example"},
        "origin-not-allowed": {"Origin": "https://evil.example"},
        "token-required": {"Origin": ALLOWED_ORIGIN},
        "token-invalid": {"Origin": ALLOWED_ORIGIN, "Authorization": "Bearer nope"},
    }
    for code, headers in refusals.items():
        reply = client.request(method.upper(), path, headers=headers)
        assert reply.json()["error"]["code"] == code
        assert str(reply.status) in responses
        validator("Error").validate(reply.json())
