"""The backend that finds nothing: the default in tests and when none is usable."""

from __future__ import annotations

from cscomm.backends.base import BackendMatch


class NullBackend:
    """A grammar backend that is always available and never reports anything."""

    name = "none"

    def available(self) -> str | None:
        """Always usable."""
        return None

    def check(self, text: str, language: str) -> list[BackendMatch]:
        """Return no matches."""
        return []
