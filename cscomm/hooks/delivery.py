"""Hand a checked message to the real sendmail, or, inside the daemon, back to the client.

A message is sent by the process the mail client started, never by the daemon: while
:func:`handed_over` is active, :func:`deliver` records the command and the bytes instead
of running it, and the daemon's client runs :func:`deliver` itself with them. So a daemon
that dies at any point cannot lose a message or send it twice.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TextIO

EX_UNAVAILABLE = 69
ACTIVE = "CSCOMM_SENDMAIL_ACTIVE"
"""Set for the real sendmail: if it turns out to be ``cscomm sendmail`` again, stop the loop."""

Handover = list[tuple[list[str], bytes]]
_HANDOVER: ContextVar[Handover | None] = ContextVar("cscomm_handover", default=None)


def deliver(argv: list[str], data: bytes, err: TextIO) -> int:
    """Run the real sendmail with ``data`` on stdin; its exit status (128+N if killed by
    signal N). While :func:`handed_over` is active, record them and return 0."""
    handover = _HANDOVER.get()
    if handover is not None:
        handover.append((argv, data))
        return 0
    try:
        done = subprocess.run(argv, input=data, env={**os.environ, ACTIVE: "1"}, check=False)
    except OSError as exc:
        err.write(
            f"cscomm: error: cannot run the real sendmail {argv[0]!r}: {exc.strerror or exc}. "
            "The message was not sent.\n"
        )
        return EX_UNAVAILABLE
    return done.returncode if done.returncode >= 0 else 128 - done.returncode


@contextmanager
def handed_over() -> Iterator[Handover]:
    """Record the deliveries asked for in this block instead of making them."""
    handover: Handover = []
    token = _HANDOVER.set(handover)
    try:
        yield handover
    finally:
        _HANDOVER.reset(token)
