"""Helpers for the daemon tests: run cscomm with or without the daemon, wait, feed a FIFO."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cscomm.daemon import control

ROOT = Path(__file__).resolve().parents[2]
BAD_REPLY = (ROOT / "examples" / "refund-reply.bad.txt").read_text(encoding="utf-8")
GOOD_REPLY = (
    "Hi Sam,\n\nThank you for your message. Your refund of £20 for order AB-1234 will reach your "
    "card by Friday 13 March. Please reply with a photo of the label if it does not.\n\n"
    "If anything else comes up, just reply to this email.\n\nKind regards,\nAna\n"
)


@dataclass(frozen=True)
class Run:
    status: int
    stdout: bytes
    stderr: bytes

    @property
    def result(self) -> tuple[int, bytes, bytes]:
        return self.status, self.stdout, self.stderr


def cscomm(*args: str, cwd: Path, stdin: bytes | None = None, daemon: str | None = None, **env: str) -> Run:
    """``python -m cscomm ARGS`` in ``cwd``; ``daemon="off"`` (``$CSCOMM_DAEMON``) checks in-process."""
    done = subprocess.run(
        [sys.executable, "-m", "cscomm", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env={**os.environ, **({"CSCOMM_DAEMON": daemon} if daemon else {}), **env},
        timeout=300,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def status() -> dict[str, Any]:
    """The running daemon's status (the test fails if none answers)."""
    state = control.status()
    assert state is not None, "the daemon is not running"
    return state


class Served:
    """What the module's daemon did during one test."""

    def __init__(self) -> None:
        self._start = status()

    def requests(self) -> int:
        return int(status()["requests"] - self._start["requests"])

    def linters_built(self) -> int:
        return int(status()["linters_built"] - self._start["linters_built"])


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 120.0) -> None:
    """Poll ``condition`` until it holds (a bound for a stuck test, not a measure of speed)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.05)


def fifo_opened_by(pid: int, fifo: Path) -> bool:
    """Whether process ``pid`` has ``fifo`` open (Linux ``/proc``)."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(fifo):
                return True
        except OSError:
            continue
    return False


class Fifo:
    """A FIFO that blocks its readers until :meth:`release`: the test holds it open for
    reading and writing, so a reader's ``open`` returns (and shows in ``/proc``) while its
    ``read`` waits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        os.mkfifo(path)
        self._fd = os.open(path, os.O_RDWR)

    def release(self, text: str) -> None:
        """Give the readers ``text`` and then end-of-file; hold the next ones again."""
        os.write(self._fd, text.encode())
        os.close(self._fd)
        wait_for(lambda: not _has_reader(self.path), f"the readers of {self.path} are done")
        self._fd = os.open(self.path, os.O_RDWR)

    def close(self) -> None:
        os.close(self._fd)


def _has_reader(fifo: Path) -> bool:
    """Whether any process other than this one has ``fifo`` open."""
    return any(
        p.isdigit() and int(p) != os.getpid() and fifo_opened_by(int(p), fifo) for p in os.listdir("/proc")
    )


needs_proc = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
