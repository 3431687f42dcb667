"""Collect what was worked around while reading a message, as warning strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.errors import MessageDefect


@dataclass(slots=True)
class Notes:
    """Warnings gathered while reading one message: charsets, and everything else."""

    charset: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def defect(self, where: str, defect: MessageDefect) -> None:
        """Record a defect the ``email`` parser found, by its documented meaning."""
        summary = (type(defect).__doc__ or type(defect).__name__).strip()
        self.other.append(f"{where}: {summary.splitlines()[0]}")
