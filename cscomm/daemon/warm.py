"""The linters a command uses: new ones, or the daemon's warm ones while it runs a command.

The daemon runs its clients' commands through the ordinary command line; while it does,
:func:`lending` puts its :class:`~cscomm.daemon.checkers.LinterCache` here, and
:func:`linter_for` (called wherever a command builds a linter) lends from it. Outside the
daemon nothing is lent and each call builds a new linter, as before.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from cscomm.config import Config
    from cscomm.engine import Linter


class Lender(Protocol):
    """Where warm linters come from (the daemon's cache)."""

    def linter(self, config: Config) -> Linter:
        """A warm linter for ``config``."""

    def spoil(self) -> None:
        """Say that a check was cut short: the daemon's state may be half-changed."""


class Expired(Exception):
    """A :func:`time_limit` ran out."""


_LENDER: ContextVar[Lender | None] = ContextVar("cscomm_lender", default=None)


def linter_for(config: Config) -> Linter:
    """The daemon's warm linter for ``config`` while it serves a command, else a new one."""
    lender = _LENDER.get()
    if lender is not None:
        return lender.linter(config)
    from cscomm.engine import Linter

    return Linter(config)


def serving() -> bool:
    """Whether this code runs a client's command inside the daemon."""
    return _LENDER.get() is not None


@contextmanager
def lending(lender: Lender) -> Iterator[None]:
    """Lend ``lender``'s linters to the commands run in this block."""
    token = _LENDER.set(lender)
    try:
        yield
    finally:
        _LENDER.reset(token)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Expired` in the block after ``seconds`` (main thread only, as the
    daemon serves). A check cut short may leave a linter or its helper half-way, so the
    lender is told to stop serving once it has answered."""
    lender = _LENDER.get()

    def expire(signum: int, frame: Any) -> None:
        if lender is not None:
            lender.spoil()
        raise Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
