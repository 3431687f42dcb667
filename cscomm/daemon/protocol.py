"""The wire protocol: each message is a 4-byte big-endian length, then that many bytes of
UTF-8 JSON. Bytes (standard input, output) travel as base64 strings.

A client sends one request and reads frames until the last: ``{"beat": 1}`` while the
daemon works (one per draft checked), then ``{"done": ...}`` or ``{"refused": reason}``.
"""

from __future__ import annotations

import base64
import json
import socket
import struct
from typing import Any

PROTOCOL = 1
MAX_FRAME = 256 * 1024 * 1024
_LENGTH = struct.Struct(">I")


class ProtocolError(Exception):
    """The other side closed the connection or sent something that is not a frame."""


def send_frame(sock: socket.socket, message: dict[str, Any]) -> None:
    """Send ``message`` as one frame."""
    data = json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if len(data) > MAX_FRAME:
        raise ProtocolError(f"a frame of {len(data):,} bytes is over the limit of {MAX_FRAME:,}")
    sock.sendall(_LENGTH.pack(len(data)) + data)


def recv_frame(sock: socket.socket) -> dict[str, Any]:
    """The next frame, as a JSON object (the socket's timeout applies to each read).

    Raises:
        ProtocolError: the connection closed, or the frame is too large or not a JSON object.
        TimeoutError: no data within the socket's timeout.
    """
    (length,) = _LENGTH.unpack(_recv_exactly(sock, _LENGTH.size))
    if length > MAX_FRAME:
        raise ProtocolError(f"a frame of {length:,} bytes is over the limit of {MAX_FRAME:,}")
    try:
        message = json.loads(_recv_exactly(sock, length))
    except (UnicodeDecodeError, ValueError):
        raise ProtocolError("a frame is not JSON") from None
    if not isinstance(message, dict):
        raise ProtocolError("a frame is not a JSON object")
    return message


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray()
    while len(buffer) < size:
        chunk = sock.recv(min(size - len(buffer), 1 << 20))
        if not chunk:
            raise ProtocolError("the connection closed")
        buffer += chunk
    return bytes(buffer)


def pack(data: bytes) -> str:
    """Bytes as a JSON string."""
    return base64.b64encode(data).decode("ascii")


def unpack(text: Any) -> bytes:
    """The bytes a JSON string holds.

    Raises:
        ProtocolError: it is not base64 text.
    """
    if not isinstance(text, str):
        raise ProtocolError("expected base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise ProtocolError("invalid base64 text") from None
