"""The daemon process: ``python -m cscomm.daemon.server [--idle-timeout SECONDS]``.

It takes the lock of the user's runtime folder (one daemon per user; a second exits with
status 3), loads the models, then listens on ``daemon.sock`` (0600, in the 0700 folder),
or on a loopback port where a Unix socket cannot be made (no ``AF_UNIX``, a folder path
too long for one). Only then does it write ``daemon.json``, which tells clients where it
listens and the random token each request must carry.

Requests are served one at a time. A connection from another user (``SO_PEERCRED`` on
Linux) is closed unanswered; one without the token, from another cscomm installation or
protocol is refused. While a check runs, a client that connects is told the daemon is
busy (it checks in-process). The daemon exits after ``--idle-timeout`` seconds without a
request, on ``cscomm daemon stop`` or SIGTERM, and once its own code or built-in rules
change on disk, removing its socket and endpoint file.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hmac
import json
import logging
import os
import secrets
import selectors
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

from cscomm.daemon.client import installation, peer_uid
from cscomm.daemon.paths import ENDPOINT, LOCK, SOCKET, UNIX_PATH_MAX, UnsafeFolder, runtime_dir
from cscomm.daemon.protocol import PROTOCOL, ProtocolError, recv_frame, send_frame

DEFAULT_IDLE_TIMEOUT = 900.0
EXIT_RUNNING = 3
REQUEST_TIMEOUT = 10.0
"""Seconds a connected client has to send its request."""
log = logging.getLogger("cscomm.daemon")


class Terminated(BaseException):
    """SIGTERM: stop now (a ``BaseException``, so that no command's handler catches it)."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated


class Daemon:
    """One user's daemon: its folder, lock, listening socket and warm linters."""

    def __init__(self, folder: Path, idle_timeout: float) -> None:
        self.folder = folder
        self.idle_timeout = idle_timeout
        self.token = secrets.token_hex(16)
        self.started = time.time()
        self.requests = 0
        self.stopping = False
        self._lock_fd = -1
        self._listener: socket.socket | None = None
        self._unix: Path | None = None

    def lock(self) -> bool:
        """Take the folder's lock; ``False`` if another daemon holds it."""
        self._lock_fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock_fd)
            return False
        return True

    def serve(self) -> None:
        """Warm up, listen, write the endpoint, and answer requests until told to stop."""
        from cscomm.config import Config
        from cscomm.daemon.checkers import LinterCache, code_files, code_stamp

        self.cache = LinterCache()
        self.cache.linter(Config()).warm_up()  # the model and grammar helper every linter shares
        self.code_files = code_files()
        self.code = code_stamp(self.code_files)
        self._listener = self._listen()
        self._write_endpoint()
        log.info("serving (pid %d, %s)", os.getpid(), self._unix or self._listener.getsockname())
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            idle_since = time.monotonic()
            while not self.stopping:
                left = self.idle_timeout - (time.monotonic() - idle_since)
                if self.idle_timeout and left <= 0:
                    log.info("idle for %g s: exiting", self.idle_timeout)
                    return
                if not selector.select(left if self.idle_timeout else None):
                    continue
                with contextlib.suppress(BlockingIOError):
                    connection, _ = self._listener.accept()
                    with connection:
                        self._answer(connection)
                idle_since = time.monotonic()

    def _listen(self) -> socket.socket:
        """A Unix socket readable by this user only, else a loopback TCP port."""
        path = self.folder / SOCKET
        if hasattr(socket, "AF_UNIX") and len(os.fsencode(path)) < UNIX_PATH_MAX:
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()  # a dead daemon's: the lock is ours
                mask = os.umask(0o177)
                try:
                    listener.bind(str(path))
                finally:
                    os.umask(mask)
                listener.listen(16)
                listener.setblocking(False)
                self._unix = path
                return listener
            except OSError as exc:
                log.info("no Unix socket at %s (%s): using a loopback port", path, exc)
                listener.close()
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.setblocking(False)
        return listener

    def _write_endpoint(self) -> None:
        assert self._listener is not None
        endpoint = {
            "pid": os.getpid(),
            "unix": str(self._unix) if self._unix else None,
            "port": None if self._unix else self._listener.getsockname()[1],
            "token": self.token,
        }
        temporary = self.folder / f".{ENDPOINT}.{os.getpid()}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as file:
            json.dump(endpoint, file)
        os.replace(temporary, self.folder / ENDPOINT)

    def _answer(self, connection: socket.socket) -> None:
        """Serve one connection; any failure closes it (the client checks in-process)."""
        connection.setblocking(True)
        connection.settimeout(REQUEST_TIMEOUT)
        try:
            if self._unix is not None and peer_uid(connection) not in (None, os.geteuid()):
                log.warning("closed a connection from another user")
                return
            request = recv_frame(connection)
            connection.settimeout(None)
            send_frame(connection, self._reply(request, connection))
        except (OSError, ProtocolError) as exc:
            log.info("a connection failed: %s", exc)

    def _reply(self, request: dict[str, Any], connection: socket.socket) -> dict[str, Any]:
        if not hmac.compare_digest(str(request.get("token", "")), self.token):
            return {"refused": "wrong token"}
        if request.get("protocol") != PROTOCOL:
            return {"refused": f"protocol {request.get('protocol')!r}, not {PROTOCOL}"}
        op = request.get("op")
        if op == "status":
            return {"done": self.status()}
        if op == "stop":
            self.stopping = True
            return {"done": {"stopping": True}}
        if op != "run":
            return {"refused": f"unknown request {op!r}"}
        if request.get("install") != installation():
            return {"refused": "another cscomm installation"}
        from cscomm.daemon.checkers import code_stamp
        from cscomm.daemon.session import Refused, run_command

        if code_stamp(self.code_files) != self.code:
            self.stopping = True
            return {"refused": "cscomm's code or built-in rules changed; the daemon exits"}
        self.requests += 1
        self.cache.on_check = lambda: self._beat(connection)
        try:
            return {"done": run_command(request, self.cache)}
        except Refused as exc:
            return {"refused": str(exc)}
        except Exception as exc:  # the daemon's own failure: the client checks in-process
            log.exception("a request failed")
            return {"refused": f"internal error: {type(exc).__name__}: {exc}"}
        finally:
            self.cache.on_check = lambda: None
            self.stopping = self.stopping or self.cache.spoiled

    def _beat(self, connection: socket.socket) -> None:
        """Tell the client work goes on; turn away clients waiting behind it (busy)."""
        with contextlib.suppress(OSError):
            send_frame(connection, {"beat": 1})
        assert self._listener is not None
        while True:
            try:
                waiting, _ = self._listener.accept()
            except (BlockingIOError, OSError):
                return
            with waiting, contextlib.suppress(OSError):
                send_frame(waiting, {"refused": "busy with another check"})

    def status(self) -> dict[str, Any]:
        """What ``cscomm daemon status`` shows."""
        assert self._listener is not None
        return {
            "pid": os.getpid(),
            "socket": str(self._unix) if self._unix else None,
            "port": None if self._unix else self._listener.getsockname()[1],
            "uptime": round(time.time() - self.started, 1),
            "idle_timeout": self.idle_timeout,
            "requests": self.requests,
            "linters": len(self.cache),
            "linters_built": self.cache.built,
        }

    def close(self) -> None:
        """Remove the socket and endpoint (only ours: we hold the lock), then release it."""
        if self._listener is not None:
            self._listener.close()
            for name in (ENDPOINT, SOCKET):
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()
        if self._lock_fd >= 0:
            os.close(self._lock_fd)


def main(argv: list[str] | None = None) -> None:
    """Run the daemon in this process until it stops; exit 3 if one already runs."""
    parser = argparse.ArgumentParser(prog="python -m cscomm.daemon.server")
    parser.add_argument("--idle-timeout", type=float, default=DEFAULT_IDLE_TIMEOUT, metavar="SECONDS")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s cscomm daemon: %(message)s")
    try:
        folder = runtime_dir(create=True)
    except (UnsafeFolder, OSError) as exc:
        sys.stderr.write(f"cscomm daemon: error: {exc}\n")
        os._exit(2)
    assert folder is not None
    daemon = Daemon(folder, max(args.idle_timeout, 0.0))
    if not daemon.lock():
        sys.stderr.write("cscomm daemon: already running\n")
        os._exit(EXIT_RUNNING)
    signal.signal(signal.SIGTERM, _terminate)
    status = 0
    try:
        daemon.serve()
    except Terminated:
        log.info("terminated")
    except Exception:
        log.exception("the daemon failed")
        status = 1
    finally:
        daemon.close()
        log.info("stopped")
        sys.stderr.flush()
        helpers = sys.modules.get("cscomm.backends.process")
        if helpers is not None:
            helpers.stop_helpers()
    os._exit(status)  # skip the slow clean-up of spaCy


if __name__ == "__main__":
    main()
