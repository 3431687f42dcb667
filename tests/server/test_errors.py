"""Every error is JSON ``{"error": {"code", "message"}}`` with the right status."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from cscomm.server import ApiServer

from .conftest import MAX_BYTES, Client, Reply


def error(reply: Reply, status: int, code: str) -> str:
    assert reply.status == status, reply.body
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
    body = reply.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    message: str = body["error"]["message"]
    return message


def test_body_over_the_limit_is_refused_before_it_is_read(client: Client) -> None:
    conn = client.connection()
    try:
        conn.putrequest("POST", "/v1/check")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(MAX_BYTES * 100))
        conn.endheaders()  # no body is sent
        response = conn.getresponse()
        reply = Reply(response.status, response.headers, response.read())
    finally:
        conn.close()
    assert str(MAX_BYTES) in error(reply, 413, "body-too-large")


def test_missing_content_length(client: Client) -> None:
    conn = client.connection()
    try:
        conn.putrequest("POST", "/v1/check")
        conn.putheader("Content-Type", "application/json")
        conn.endheaders()
        response = conn.getresponse()
        reply = Reply(response.status, response.headers, response.read())
    finally:
        conn.close()
    error(reply, 411, "length-required")


def test_non_json_content_type(client: Client) -> None:
    reply = client.post("/v1/check", b'{"draft": "Hi"}', content_type="text/plain")
    error(reply, 415, "unsupported-media-type")


def test_json_content_type_with_charset_is_accepted(client: Client) -> None:
    reply = client.post("/v1/check", {"draft": "Hi"}, content_type="application/json; charset=utf-8")
    assert reply.status == 200


@pytest.mark.parametrize("body", [b"{", b'{"draft": "x",}', b"\xff\xfe\x00", b"[" * 20_000])
def test_malformed_json(client: Client, body: bytes) -> None:
    error(client.post("/v1/check", body), 400, "invalid-json")


@pytest.mark.parametrize(
    ("payload", "mentions"),
    [
        (["draft"], "JSON object"),
        ({"draft": 42}, "'draft'"),
        ({"draft": "x", "customer_message": ["a"]}, "'customer_message'"),
        ({"draft": "x", "kind": "fax"}, "'kind'"),
        ({"draft": "x", "path": 1}, "'path'"),
        ({"draft": "x", "config": ["select"]}, "'config'"),
        ({}, "exactly one"),
        ({"draft": "x", "message": "y"}, "exactly one"),
        ({"draft": "\ud800"}, "Unicode"),
    ],
)
def test_wrong_types(client: Client, payload: Any, mentions: str) -> None:
    assert mentions in error(client.post("/v1/check", payload), 400, "invalid-request")


def test_unknown_field(client: Client) -> None:
    message = error(client.post("/v1/check", {"draft": "x", "drafts": "y"}), 400, "invalid-request")
    assert "'drafts'" in message


@pytest.mark.parametrize(
    ("config", "mentions"),
    [
        ({"selct": ["CT001"]}, "'selct'"),
        ({"select": "CT001"}, "'select'"),
        ({"select": ["NOPE999"]}, "'NOPE999'"),
        ({"rules": {"CT001": {"colour": 1}}}, "'colour'"),
        ({"backend": "languagetool"}, "'backend'"),
        ({"packs": ["/tmp"]}, "'packs'"),
    ],
)
def test_bad_config_names_the_key(client: Client, config: dict[str, Any], mentions: str) -> None:
    message = error(client.post("/v1/check", {"draft": "x", "config": config}), 400, "invalid-config")
    assert message.startswith("request config:") and mentions in message


def test_wrong_method(client: Client) -> None:
    reply = client.get("/v1/check")
    error(reply, 405, "method-not-allowed")
    assert reply.headers["Allow"] == "POST, OPTIONS"
    error(client.post("/v1/health", {}), 405, "method-not-allowed")
    error(client.request("DELETE", "/v1/rules"), 405, "method-not-allowed")


def test_unknown_path(client: Client) -> None:
    error(client.get("/v2/check"), 404, "not-found")
    error(client.post("/v1/check/", {"draft": "x"}), 404, "not-found")


def test_internal_error_is_one_line_without_traceback(
    client: Client, server: ApiServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(*args: Any) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(server.checker, "check", explode)
    message = error(client.post("/v1/check", {"draft": "x"}), 500, "internal-error")
    assert "secret detail" not in message and "Traceback" not in message
    assert "RuntimeError: secret detail" in caplog.text
    assert client.get("/v1/health").status == 200  # still serving


def _nested(depth: int) -> bytes:
    return b'{"draft": "x", "config": {"rules": ' + b"[" * depth + b"]" * depth + b"}}"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (_nested(900), 400, "invalid-config"),
        (b'{"draft": "x", "config": ' + b'{"a": ' * 900 + b"1" + b"}" * 901, 400, "invalid-config"),
        (b'{"draft": "x", "kind": ' + b"1" * 5000 + b"}", 400, "invalid-json"),
        (b'{"draft": "x", "config": {"select": [["CT"]]}}', 400, "invalid-config"),
        (b'{"draft": "x", "fix": {}}', 400, "invalid-request"),
        (b'{"message": "From: a@b\\u0000\\nContent-Type: text/plain; charset=\\u0000\\n\\nHi Sam"}', 200, ""),
        (b'{"message": "From: a@b.example"}', 400, "invalid-input"),
    ],
    ids=["deep-config", "deep-object", "huge-number", "nested-list", "fix-object", "nul-charset", "no-body"],
)
def test_bad_input_is_a_4xx_never_a_500(client: Client, body: bytes, status: int, code: str) -> None:
    reply = client.post("/v1/check", body)
    if code:
        error(reply, status, code)
    else:
        assert reply.status == status


@pytest.mark.parametrize(
    ("request_line", "status"),
    [
        (b"GET http://[/v1/health HTTP/1.1", 404),
        (b"GET /v1/health?x=%ff HTTP/1.1", 200),
        (b"\xff\xfe GET / HTTP/1.1", 400),
        (b"GET / HTTP/9.9", 505),
    ],
    ids=["bad-absolute-url", "bad-query", "binary", "http-version"],
)
def test_bad_request_lines_are_answered(client: Client, request_line: bytes, status: int) -> None:
    with socket.create_connection((client.host, client.port), timeout=10) as sock:
        sock.sendall(request_line + b"\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b"".join(iter(lambda: sock.recv(65536), b""))
    assert answer.startswith(b"HTTP/1.0 %d " % status) or (
        status == 505 and b'"http-version-not-supported"' in answer
    )
