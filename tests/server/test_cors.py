"""CORS: only origins given with --allow-origin get CORS headers; others are refused."""

from __future__ import annotations

import pytest

from cscomm.errors import ConfigError
from cscomm.server.security import check_origin, is_loopback

from .conftest import ALLOWED_ORIGIN, TOKEN, Client

PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}


def test_preflight_from_an_allowed_origin(client: Client) -> None:
    reply = client.request("OPTIONS", "/v1/check", headers={"Origin": ALLOWED_ORIGIN, **PREFLIGHT})
    assert reply.status == 204
    assert reply.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "POST" in reply.headers["Access-Control-Allow-Methods"]
    assert reply.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type"
    assert reply.headers["Vary"] == "Origin"


def test_preflight_private_network_access(client: Client) -> None:
    headers = {"Origin": ALLOWED_ORIGIN, **PREFLIGHT, "Access-Control-Request-Private-Network": "true"}
    reply = client.request("OPTIONS", "/v1/check", headers=headers)
    assert reply.headers["Access-Control-Allow-Private-Network"] == "true"


@pytest.mark.parametrize("origin", ["https://evil.example", ALLOWED_ORIGIN + ":8443", "null"])
def test_preflight_from_another_origin_is_forbidden(client: Client, origin: str) -> None:
    reply = client.request("OPTIONS", "/v1/check", headers={"Origin": origin, **PREFLIGHT})
    assert reply.status == 403
    assert reply.json()["error"]["code"] == "origin-not-allowed"
    assert not [h for h in reply.headers if h.lower().startswith("access-control-")]


def test_actual_requests_get_the_header_only_for_allowed_origins(client: Client) -> None:
    allowed = client.get("/v1/health", Origin=ALLOWED_ORIGIN, Authorization=f"Bearer {TOKEN}")
    assert allowed.status == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "Access-Control-Allow-Origin" not in client.get("/v1/health").headers


def test_actual_requests_from_another_origin_are_refused(client: Client) -> None:
    other = client.get("/v1/health", Origin="https://evil.example", Authorization=f"Bearer {TOKEN}")
    assert other.status == 403 and other.json()["error"]["code"] == "origin-not-allowed"
    assert "--allow-origin https://evil.example" in other.json()["error"]["message"]
    assert "Access-Control-Allow-Origin" not in other.headers


def test_plain_options_lists_the_methods(client: Client) -> None:
    reply = client.request("OPTIONS", "/v1/health")
    assert (reply.status, reply.headers["Allow"]) == (204, "GET, OPTIONS")


def test_origin_values_are_checked() -> None:
    for good in ("*", "null", "moz-extension://1b2c", "http://localhost:3000"):
        assert check_origin(good) == good
    for bad in ("https://a.example/", "a.example", "https://a.example/app"):
        with pytest.raises(ConfigError):
            check_origin(bad)


def test_loopback_hosts() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.5", "example.com", "localhost.example"]))
