"""A real ``cscomm serve`` server on 127.0.0.1 (a free port), shared by the session."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from cscomm import Config
from cscomm.server import ApiServer, ServerOptions, create_server

ALLOWED_ORIGIN = "https://helpdesk.example"
MAX_BYTES = 50_000


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


@pytest.fixture(scope="session")
def server() -> Iterator[ApiServer]:
    options = ServerOptions(
        host="127.0.0.1",
        port=0,
        max_bytes=MAX_BYTES,
        allow_origins=frozenset({ALLOWED_ORIGIN}),
        config=Config(),
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
