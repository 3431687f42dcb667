"""The audit's progress on a terminal: replies scored and partitions skipped, with a rate."""

from __future__ import annotations

import os
import time
from typing import TextIO


class AuditProgress:
    """A one-line counter on ``err`` when it is a terminal (not in CI or with ``TERM=dumb``)."""

    def __init__(self, err: TextIO, enabled: bool = True) -> None:
        self.err = err
        self.shown = enabled and _is_terminal(err) and "CI" not in os.environ
        self.shown = self.shown and os.environ.get("TERM") != "dumb"
        self.scored = 0
        self.skipped = 0
        self._start = time.monotonic()

    def add(self, scored: int = 0, skipped: int = 0) -> None:
        self.scored += scored
        self.skipped += skipped
        if self.shown:
            elapsed = max(time.monotonic() - self._start, 1e-9)
            resumed = f", {self.skipped} done before" if self.skipped else ""
            self.err.write(
                f"\rcscomm audit: {self.scored} replies scored ({self.scored / elapsed:.1f}/s){resumed}\x1b[K"
            )
            self.err.flush()

    def stop(self) -> None:
        """Clear the line."""
        if self.shown:
            self.err.write("\r\x1b[K")
            self.err.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:
        return False
