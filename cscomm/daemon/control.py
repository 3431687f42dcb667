"""``cscomm daemon start|stop|status``, and the start on first use.

Starting spawns ``python -m cscomm.daemon.server`` in a session of its own (so it outlives
the command that started it), its output in ``daemon.log`` in the runtime folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from typing import Any

from cscomm.daemon.client import Endpoint, Unavailable, exchange
from cscomm.daemon.paths import LOCK, LOG, UnsafeFolder, runtime_dir

START_WAIT = 120.0
"""Seconds ``cscomm daemon start`` waits for the models to load (a busy machine is slow)."""
STOP_WAIT = 10.0


class ControlError(Exception):
    """The daemon could not be started or stopped; the message says why."""


def status(timeout: float = 5.0) -> dict[str, Any] | None:
    """The running daemon's status, or ``None`` when none answers."""
    try:
        return exchange({"op": "status"}, timeout)
    except Unavailable:
        return None


def start(idle_timeout: float) -> tuple[dict[str, Any], bool]:
    """Start the daemon unless one runs, and wait until it serves; its status, and
    whether this call started it.

    Raises:
        ControlError: it could not start (the last line of its log says why).
        OSError, UnsafeFolder: the runtime folder cannot be made, or is not private.
    """
    running = status()
    if running is not None:
        return running, False
    child = spawn(idle_timeout)
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        running = status()
        if running is not None:
            return running, True
        if child.poll() not in (None, 3):  # 3: another start won the race; wait for it
            break
        time.sleep(0.1)
    raise ControlError(f"the daemon did not start: {last_log_line() or 'no reason given'}")


def stop() -> bool:
    """Stop the running daemon; whether one was running.

    It is asked to stop; one that does not answer (busy on a long check, or hung) is sent
    SIGTERM, then SIGKILL.
    """
    pid = _pid()
    if pid is None or not locked():  # an endpoint left by a dead daemon names no live one
        return False
    with contextlib.suppress(Unavailable):
        exchange({"op": "stop"}, STOP_WAIT)
    for sig in (None, signal.SIGTERM, signal.SIGKILL):
        if sig is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        if _ended(STOP_WAIT):
            return True
    raise ControlError(f"the daemon (pid {pid}) did not stop")


def start_in_background() -> None:
    """Start the daemon for the next command, without waiting (the first use); not when
    one is starting already (it holds the lock while it loads the models)."""
    with contextlib.suppress(OSError, UnsafeFolder):
        if not locked():
            spawn(None)


def spawn(idle_timeout: float | None) -> subprocess.Popen[bytes]:
    """The daemon process, started in its own session with its output in the log.

    Raises:
        OSError: the runtime folder or the process cannot be made.
    """
    folder = runtime_dir(create=True)
    assert folder is not None
    argv = [sys.executable, "-m", "cscomm.daemon.server"]
    if idle_timeout is not None:
        argv += ["--idle-timeout", f"{idle_timeout:g}"]
    fd = os.open(folder / LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        return subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=fd, stderr=fd, start_new_session=True, close_fds=True
        )
    finally:
        os.close(fd)


def last_log_line() -> str:
    """The last line the daemon logged, if any."""
    try:
        folder = runtime_dir(create=False)
        lines = (folder / LOG).read_text(encoding="utf-8", errors="replace").splitlines() if folder else []
    except OSError:
        return ""
    return lines[-1].strip() if lines else ""


def _pid() -> int | None:
    try:
        folder = runtime_dir(create=False)
        return Endpoint.read(folder).pid if folder else None
    except (Unavailable, UnsafeFolder, OSError):
        return None


def locked() -> bool:
    """Whether a daemon holds the runtime folder's lock (it runs, or is starting).

    Raises:
        OSError: the folder is not private, or the lock file cannot be opened.
    """
    folder = runtime_dir(create=False)
    if folder is None:
        return False
    try:
        fd = os.open(folder / LOCK, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # releases the lock if this took it
    return False


def _ended(seconds: float) -> bool:
    """Wait up to ``seconds`` for the lock to be free: the daemon has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not locked():
            return True
        time.sleep(0.05)
    return False
