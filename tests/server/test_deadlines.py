"""Deadlines: a client that sends its request a byte at a time, or nothing at all, holds a
worker for the request's deadline at most, and the pool's threads stay few."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from cscomm.server.transport import WORKERS

from .conftest import REQUEST_TIMEOUT, Client

SLACK = 1.5
"""Seconds past the deadline the server may take to notice and answer."""


@contextlib.contextmanager
def connected(client: Client) -> Iterator[socket.socket]:
    sock = socket.create_connection((client.host, client.port), timeout=REQUEST_TIMEOUT * 5)
    try:
        yield sock
    finally:
        sock.close()


def drip(sock: socket.socket, data: bytes, every: float) -> float:
    """Send ``data`` a byte at a time until the server hangs up; seconds until it did."""
    started = time.monotonic()
    for byte in data:
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            break
        time.sleep(every)
        if time.monotonic() - started > REQUEST_TIMEOUT * 5:
            pytest.fail("the server never cut the request off")
    return time.monotonic() - started


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    with contextlib.suppress(OSError):
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_dribbling_body_gets_408_at_the_deadline(client: Client) -> None:
    body = json.dumps({"draft": "Hi Sam, " * 40}).encode()
    head = (
        f"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with connected(client) as sock:
        started = time.monotonic()
        sock.sendall(head)
        reader = threading.Thread(target=drip, args=(sock, body, 0.2), daemon=True)
        reader.start()
        answer = read_all(sock)
        elapsed = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.0 408") and b'"request-timeout"' in answer
    assert REQUEST_TIMEOUT - 0.1 <= elapsed < REQUEST_TIMEOUT + SLACK


def test_dribbling_headers_are_cut_off_at_the_deadline(client: Client) -> None:
    head = b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n"
    with connected(client) as sock:
        elapsed = drip(sock, head, 0.1)
    assert elapsed < REQUEST_TIMEOUT + SLACK


def test_an_idle_connection_is_closed_at_the_deadline(client: Client) -> None:
    with connected(client) as sock:
        started = time.monotonic()
        assert read_all(sock) == b""
        assert time.monotonic() - started < REQUEST_TIMEOUT + SLACK


def test_more_stalled_clients_than_workers_delay_a_request_but_never_block_it(client: Client) -> None:
    threads_before = threading.active_count()
    stalled = [socket.create_connection((client.host, client.port)) for _ in range(WORKERS * 2)]
    try:
        time.sleep(0.2)
        started = time.monotonic()
        reply = client.get("/v1/health")
        waited = time.monotonic() - started
        assert reply.status == 200
        assert waited < 2 * REQUEST_TIMEOUT + SLACK  # two rounds of stalled clients at most
        assert threading.active_count() <= threads_before + WORKERS
    finally:
        for sock in stalled:
            sock.close()
