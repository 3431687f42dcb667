"""Helpers for the bad-input matrix: a hard deadline for code that may hang."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

Deadline = Callable[[float], AbstractContextManager[None]]


class Expired(BaseException):
    """Raised in the block that ran out of time (a BaseException: no ``except Exception`` in
    the code under test can swallow it)."""


@pytest.fixture
def deadline() -> Deadline:
    """``with deadline(seconds):`` fails the test if the block runs longer (Python's ``re``
    checks for signals, so a backtracking pattern is interrupted too). Main thread only."""

    @contextmanager
    def within(seconds: float) -> Iterator[None]:
        def expire(signum: int, frame: object) -> None:
            raise Expired(f"took longer than {seconds:g} s")

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        started = time.monotonic()
        try:
            yield
            assert time.monotonic() - started < seconds, f"took longer than {seconds:g} s"
        except Expired as exc:
            pytest.fail(str(exc))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return within
