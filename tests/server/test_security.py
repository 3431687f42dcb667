"""Local API security: each refusal (wrong Host, missing or wrong token, foreign origin,
non-loopback bind without --host) and what still passes (local tools, the extension)."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm.cli import cli
from cscomm.errors import ConfigError
from cscomm.server import ServerOptions, create_server
from cscomm.server.errors import ApiError
from cscomm.server.security import Gate
from cscomm.server.token import load_token, token_path

from .conftest import ALLOWED_ORIGIN, TOKEN, Client
from .test_errors import error

BEARER = {"Authorization": f"Bearer {TOKEN}"}
FROM_EXTENSION = {"Origin": ALLOWED_ORIGIN, **BEARER}


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8765",
        "127.0.0.1.evil.example",
        "localhost.evil.example",
        "[::2]",
        "::1",
        "",
    ],
)
def test_a_host_that_is_not_this_server_is_refused(client: Client, host: str) -> None:
    reply = client.request("GET", "/v1/health", headers={"Host": host})
    assert repr(host) in error(reply, 403, "host-not-allowed")


def test_a_rebound_host_is_refused_before_the_preflight(client: Client) -> None:
    headers = {"Host": "evil.example:8765", "Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST"}
    error(client.request("OPTIONS", "/v1/check", headers=headers), 403, "host-not-allowed")


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.0.0.1:{port}", "localhost:{port}", "LOCALHOST.", "[::1]:{port}"]
)
def test_loopback_hosts_are_answered(client: Client, host: str) -> None:
    reply = client.request("GET", "/v1/health", headers={"Host": host.format(port=client.port)})
    assert reply.status == 200


def _raw(client: Client, request: bytes) -> bytes:
    with socket.create_connection((client.host, client.port), timeout=10) as sock:
        sock.sendall(request)
        return b"".join(iter(lambda: sock.recv(65536), b""))


def test_http_1_1_without_a_host_is_a_bad_request(client: Client) -> None:
    answer = _raw(client, b"GET /v1/health HTTP/1.1\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 400") and b'"host-required"' in answer


def test_http_1_0_may_leave_out_the_host(client: Client) -> None:
    assert _raw(client, b"GET /v1/health HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 200")


def test_a_browser_request_without_the_token_is_refused(client: Client) -> None:
    reply = client.post_with("/v1/check", {"draft": "Hi"}, Origin=ALLOWED_ORIGIN)
    assert "--print-token" in error(reply, 401, "token-required")
    assert reply.headers["WWW-Authenticate"] == 'Bearer realm="cscomm"'
    assert reply.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN  # the extension can read why


@pytest.mark.parametrize("authorization", ["Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"])
def test_a_wrong_token_is_refused(client: Client, authorization: str) -> None:
    reply = client.post_with("/v1/check", {"draft": "Hi"}, Origin=ALLOWED_ORIGIN, Authorization=authorization)
    error(reply, 401, "token-invalid")


def test_the_extension_with_the_token_is_answered(client: Client) -> None:
    reply = client.post_with("/v1/check", {"draft": "Hi Sam,"}, **FROM_EXTENSION)
    assert reply.status == 200 and reply.json()["files"]
    assert reply.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN


def test_a_foreign_origin_is_refused_even_with_the_token(client: Client) -> None:
    reply = client.post_with("/v1/check", {"draft": "Hi"}, Origin="https://evil.example", **BEARER)
    error(reply, 403, "origin-not-allowed")
    assert "Access-Control-Allow-Origin" not in reply.headers


def test_local_tools_need_no_token(client: Client) -> None:
    assert client.post("/v1/check", {"draft": "Hi Sam,"}).status == 200


def test_another_machine_needs_the_token_even_without_origin() -> None:
    gate = Gate("0.0.0.0", frozenset(), TOKEN)
    with pytest.raises(ApiError) as caught:
        gate.check_caller(None, None, "192.168.1.20")
    assert (caught.value.status, caught.value.code) == (401, "token-required")
    gate.check_caller(None, f"Bearer {TOKEN}", "192.168.1.20")
    gate.check_caller(None, None, "::ffff:127.0.0.1")


def test_on_a_wildcard_bind_addresses_are_answered_but_names_are_not() -> None:
    gate = Gate("0.0.0.0", frozenset(), TOKEN)
    gate.check_host("192.168.1.5:8765", "HTTP/1.1")
    with pytest.raises(ApiError):
        gate.check_host("evil.example:8765", "HTTP/1.1")
    Gate("cscomm.lan", frozenset(), TOKEN).check_host("cscomm.lan:8765", "HTTP/1.1")


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.1"])
def test_a_non_loopback_bind_is_refused_unless_the_host_is_explicit(host: str) -> None:
    with pytest.raises(ConfigError, match=f"refusing to listen on {host}.*--host"):
        create_server(ServerOptions(host=host, port=0, token=TOKEN))


def test_an_explicit_non_loopback_host_is_served_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    options = ServerOptions(host="0.0.0.0", port=0, token=TOKEN, explicit_host=True)
    exposed = create_server(options)
    try:
        assert "0.0.0.0, which is not a loopback address" in caplog.text
        assert exposed.server_address[0] == "0.0.0.0"
    finally:
        exposed.server_close()


def test_print_token_makes_one_token_and_keeps_it_private() -> None:
    first = CliRunner().invoke(cli, ["serve", "--print-token"])
    second = CliRunner().invoke(cli, ["serve", "--print-token"])
    assert first.exit_code == second.exit_code == 0
    token = first.stdout.strip()
    assert len(token) >= 40 and second.stdout.strip() == token
    path = token_path()
    assert path == Path(os.environ["XDG_CONFIG_HOME"]) / "cscomm" / "token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_token_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "token"
    load_token(path)
    path.chmod(0o644)
    with pytest.raises(ConfigError, match=r"readable by others.*chmod 600"):
        load_token(path)
    path.chmod(0o600)
    path.write_text("\n", encoding="ascii")
    with pytest.raises(ConfigError, match="not an API token; delete the file"):
        load_token(path)


def test_a_bad_token_file_is_a_clean_cli_error() -> None:
    path = token_path()
    path.parent.mkdir(parents=True)
    path.write_text("x\n", encoding="ascii")
    path.chmod(0o666)
    result = CliRunner().invoke(cli, ["serve", "--print-token"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "readable by others" in result.stderr
