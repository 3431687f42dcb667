"""POST /v1/check, /v1/health and /v1/rules over real HTTP."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest

from cscomm import __version__
from cscomm.messages import MAIL_NOTICE

from .conftest import Client

ROOT = Path(__file__).resolve().parents[2]
REPORT_SCHEMA = json.loads((ROOT / "cscomm" / "report.schema.json").read_text(encoding="utf-8"))
BARE = "Your parcel ships on Friday."


def test_check_returns_a_valid_report_with_findings(client: Client) -> None:
    reply = client.post("/v1/check", {"draft": BARE})
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
    report = reply.json()
    jsonschema.validate(report, REPORT_SCHEMA)
    assert report["summary"]["files"] == 1
    assert {"CT001", "CT002", "CT003"} <= {f["code"] for f in report["files"][0]["findings"]}
    assert report["files"][0]["path"] == "<text>"


def test_optional_fields_reach_the_linter(client: Client) -> None:
    reply = client.post(
        "/v1/check",
        {
            "draft": "Hi Sam,\n\nThanks for writing. It ships on Friday.\n\nKind regards,\nAna",
            "customer_message": "When will my order ship?",
            "kind": "letter",
            "path": "ticket-42",
            "config": None,
        },
    )
    assert reply.status == 200
    file = reply.json()["files"][0]
    assert (file["path"], file["kind"]) == ("ticket-42", "letter")
    assert file["metrics"]["has_customer_message"] is True


def test_request_config_selects_rules(client: Client) -> None:
    reply = client.post("/v1/check", {"draft": BARE, "config": {"select": ["CT003"]}})
    assert reply.status == 200
    assert {f["code"] for f in reply.json()["files"][0]["findings"]} == {"CT003"}
    # the server's own configuration is unchanged for the next request
    everything = client.post("/v1/check", {"draft": BARE}).json()
    assert len({f["code"] for f in everything["files"][0]["findings"]}) > 1


def test_raw_message(client: Client) -> None:
    raw = (ROOT / "tests" / "fixtures" / "eml" / "01_plain_reply.eml").read_text(encoding="utf-8")
    reply = client.post("/v1/check", {"message": raw, "config": {"select": ["CT"]}})
    assert reply.status == 200
    report = reply.json()
    jsonschema.validate(report, REPORT_SCHEMA)
    file = report["files"][0]
    assert file["path"] == "<message>"
    assert MAIL_NOTICE in file["notices"]
    assert file["findings"] == []  # greeting, thanks and closing are all there


def test_concurrent_checks_all_succeed(client: Client) -> None:
    payloads = [{"draft": f"{BARE} Ref {n}."} for n in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda p: client.post("/v1/check", p), payloads))
    assert [r.status for r in replies] == [200] * 8
    assert all(r.json()["files"][0]["findings"] for r in replies)


def test_health(client: Client) -> None:
    reply = client.get("/v1/health")
    assert (reply.status, reply.json()) == (200, {"status": "ok", "version": __version__})


def test_rules(client: Client) -> None:
    reply = client.get("/v1/rules")
    assert reply.status == 200
    rules = reply.json()
    codes = [rule["code"] for rule in rules]
    assert "CT001" in codes and codes == sorted(codes)
    assert {"code", "name", "category", "severity", "message", "rationale"} <= set(rules[0])


@pytest.mark.parametrize("path", ["/v1/health?x=1", "/v1/rules?verbose"])
def test_query_strings_are_ignored(client: Client, path: str) -> None:
    assert client.get(path).status == 200
