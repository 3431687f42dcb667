"""Frames: length-prefixed JSON objects, bounded in size."""

from __future__ import annotations

import socket
import struct

import pytest

from cscomm.daemon.protocol import MAX_FRAME, ProtocolError, pack, recv_frame, send_frame, unpack


def test_a_frame_round_trips() -> None:
    left, right = socket.socketpair()
    with left, right:
        send_frame(left, {"op": "run", "stdin": pack(b"\x00\xffbytes"), "argv": ["check", "é"]})
        frame = recv_frame(right)

    assert frame["argv"] == ["check", "é"]
    assert unpack(frame["stdin"]) == b"\x00\xffbytes"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (struct.pack(">I", MAX_FRAME + 1), "over the limit"),
        (struct.pack(">I", 2) + b"[]", "not a JSON object"),
        (struct.pack(">I", 3) + b"{x}", "not JSON"),
        (struct.pack(">I", 10) + b"{}", "closed"),
    ],
)
def test_a_bad_frame_is_an_error(data: bytes, problem: str) -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(data)
        left.shutdown(socket.SHUT_WR)
        with pytest.raises(ProtocolError, match=problem):
            recv_frame(right)


def test_bad_base64_is_an_error() -> None:
    with pytest.raises(ProtocolError):
        unpack("not base64!")
