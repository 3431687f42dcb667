"""A real ``cscomm serve`` server on 127.0.0.1 (a free port), shared by the session."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cscomm import Config
from cscomm.server import ApiServer, ServerOptions, create_server

ALLOWED_ORIGIN = "https://helpdesk.example"
MAX_BYTES = 50_000
TOKEN = "test-token-0123456789abcdef"
REQUEST_TIMEOUT = 2.0


@dataclass(frozen=True)
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Client:
    """Plain http.client requests against the test server."""

    def __init__(self, server: ApiServer) -> None:
        self.host, self.port = server.server_address[:2]

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: Mapping[str, str] | None = None
    ) -> Reply:
        conn = self.connection()
        try:
            conn.request(method, path, body=body, headers=dict(headers or {}))
            response = conn.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            conn.close()

    def get(self, path: str, **headers: str) -> Reply:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, payload: Any, content_type: str = "application/json") -> Reply:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return self.request("POST", path, body, {"Content-Type": content_type})

    def post_with(self, path: str, payload: Any, **headers: str) -> Reply:
        """POST JSON with these headers too (``Origin``, ``Authorization``)."""
        body = json.dumps(payload).encode()
        return self.request("POST", path, body, {"Content-Type": "application/json", **headers})


@pytest.fixture(autouse=True)
def _own_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the API token that a test makes out of the real ``~/.config``."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(scope="session")
def server() -> Iterator[ApiServer]:
    options = ServerOptions(
        host="127.0.0.1",
        port=0,
        max_bytes=MAX_BYTES,
        allow_origins=frozenset({ALLOWED_ORIGIN}),
        config=Config(),
        token=TOKEN,
        request_timeout=REQUEST_TIMEOUT,
    )
    server = create_server(options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def client(server: ApiServer) -> Client:
    return Client(server)
