"""Connections of ``cscomm serve``: a deep listen backlog, a fixed pool of worker
threads, and a deadline on every read and write.

A burst of clients waits in the kernel's backlog and then in the pool's queue instead of
being refused, and the number of threads stays fixed however many connect. A client that
sends its request (or reads its answer) a byte at a time holds a worker until the
request's deadline at most: the deadline bounds the whole request, not each read.
"""

from __future__ import annotations

import io
import logging
import math
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

LISTEN_BACKLOG = 512
"""Connections the kernel holds before they are accepted (Linux caps it at somaxconn)."""
WORKERS = 32
"""Threads that handle connections; more clients wait their turn in the pool's queue."""
log = logging.getLogger(__name__)


class DeadlineSocket(io.RawIOBase):
    """A connected socket read and written until :attr:`deadline` (``time.monotonic()``),
    however the bytes trickle: each read or write may take only the time that is left."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock
        self.deadline = math.inf

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self._arm()
        return self._sock.recv_into(buffer)

    def write(self, data: Any) -> int:
        self._arm()
        self._sock.sendall(data)  # the time-out bounds the whole sendall
        return len(data)

    def _arm(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request's deadline has passed")
        self._sock.settimeout(left)


class DeadlineHandler(BaseHTTPRequestHandler):
    """A request handler whose reads and writes share a deadline of :attr:`request_timeout`
    seconds: one from the first byte of a request to the end of its body, and another for
    the answer."""

    request_timeout = 10.0

    def setup(self) -> None:
        self.connection = self.request
        self.stream = DeadlineSocket(self.connection)
        self.rfile = io.BufferedReader(self.stream)
        self.wfile = io.BufferedWriter(self.stream)

    def handle_one_request(self) -> None:
        self.restart_deadline()
        super().handle_one_request()

    def restart_deadline(self) -> None:
        """Give the next reads or writes :attr:`request_timeout` seconds from now."""
        self.stream.deadline = time.monotonic() + self.request_timeout


class PooledHTTPServer(HTTPServer):
    """An HTTP server whose connections are handled by :data:`WORKERS` threads."""

    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="cscomm-serve")
        super().__init__(address, handler)  # on failure it calls server_close()

    def process_request(self, request: Any, client_address: Any) -> None:
        self._pool.submit(self._handle, request, client_address)

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self._pool.shutdown(wait=True, cancel_futures=True)
