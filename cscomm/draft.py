"""A draft to check: the text and what came with it."""

from __future__ import annotations

from dataclasses import dataclass

from cscomm.document import DocKind, Envelope


@dataclass(frozen=True, slots=True)
class Draft:
    """One draft to check, with the customer's message when it is given separately."""

    text: str
    path: str = "<text>"
    incoming: str | None = None
    kind: DocKind | None = None
    notices: tuple[str, ...] = ()
    envelope: Envelope | None = None
