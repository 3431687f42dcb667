"""Talk to the user's daemon: find it, make sure it is the user's own, exchange one request.

Imports only the standard library's light modules, so that a command served by the
daemon starts in tens of milliseconds. Every failure is :class:`Unavailable`: the caller
then checks in-process.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
from pathlib import Path
from typing import Any

from cscomm import __version__
from cscomm.daemon.paths import ENDPOINT, UnsafeFolder, check_private, runtime_dir
from cscomm.daemon.protocol import PROTOCOL, ProtocolError, recv_frame, send_frame

_PEERCRED = struct.Struct("3i")


class Unavailable(Exception):
    """No daemon served the request; ``absent`` when none is running at all."""

    def __init__(self, reason: str, *, absent: bool = False) -> None:
        super().__init__(reason)
        self.absent = absent


class Endpoint:
    """What the daemon wrote in its folder: where it listens and the token it expects.

    (A plain class: ``dataclasses`` costs the client's start ~5 ms of imports.)
    """

    __slots__ = ("pid", "port", "token", "unix")

    def __init__(self, pid: int, unix: str | None, port: int | None, token: str) -> None:
        self.pid, self.unix, self.port, self.token = pid, unix, port, token

    @classmethod
    def read(cls, folder: Path) -> Endpoint:
        """The endpoint file of ``folder``.

        Raises:
            Unavailable: there is none (``absent``), or it is unreadable or not private.
        """
        path = folder / ENDPOINT
        try:
            check_private(path)
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(int(data["pid"]), data.get("unix"), data.get("port"), str(data["token"]))
        except FileNotFoundError:
            raise Unavailable("not running", absent=True) from None
        except UnsafeFolder as exc:
            raise Unavailable(str(exc)) from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise Unavailable(f"cannot read {path}: {exc}") from None


def installation() -> str:
    """This cscomm: its version, package folder and environment. A daemon serves only the
    same installation, so that its answers are the ones this process would give."""
    return f"{__version__} {os.path.dirname(os.path.dirname(__file__))} {sys.prefix}"


def exchange(request: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Send ``request`` to the daemon and return its answer (the ``done`` frame's content).

    ``timeout`` bounds each wait for a frame; the daemon sends one per draft it checks.

    Raises:
        Unavailable: no daemon, not the user's own, refused, too slow, or broken.
    """
    endpoint = _endpoint()
    try:
        with connect(endpoint, timeout) as sock:
            send_frame(
                sock, {**request, "protocol": PROTOCOL, "token": endpoint.token, "install": installation()}
            )
            while True:
                frame = recv_frame(sock)
                if "beat" in frame:
                    continue
                if "refused" in frame:
                    raise Unavailable(f"the daemon refused: {frame['refused']}")
                done = frame.get("done")
                if not isinstance(done, dict):
                    raise Unavailable("the daemon sent an unexpected frame")
                return done
    except TimeoutError:
        raise Unavailable(f"the daemon did not answer within {timeout:g} s") from None
    except ConnectionRefusedError:
        raise Unavailable("not running (stale socket)", absent=True) from None
    except (OSError, ProtocolError) as exc:
        raise Unavailable(f"the daemon failed: {exc}") from None


def _endpoint() -> Endpoint:
    try:
        folder = runtime_dir(create=False)
    except (UnsafeFolder, OSError) as exc:
        raise Unavailable(str(exc)) from None
    if folder is None:
        raise Unavailable("not running", absent=True)
    return Endpoint.read(folder)


def connect(endpoint: Endpoint, timeout: float) -> socket.socket:
    """A connection to ``endpoint``, after checking (on Linux) that the peer is this user.

    Raises:
        OSError: it cannot be reached.
        Unavailable: the process listening is another user's.
    """
    if endpoint.unix is not None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        address: Any = endpoint.unix
    elif endpoint.port is not None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        address = ("127.0.0.1", int(endpoint.port))
    else:
        raise Unavailable("the endpoint names no socket and no port")
    sock.settimeout(timeout)
    try:
        sock.connect(address)
        if endpoint.unix is not None and peer_uid(sock) not in (None, os.geteuid()):
            raise Unavailable("the daemon's socket is served by another user")
    except BaseException:
        sock.close()
        raise
    return sock


def peer_uid(sock: socket.socket) -> int | None:
    """The user id of the process at the other end of a Unix socket (Linux ``SO_PEERCRED``);
    ``None`` where the system does not tell."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    _pid, uid, _gid = _PEERCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, option, _PEERCRED.size))
    return int(uid)
