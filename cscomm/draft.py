"""A draft to check: the text and what came with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cscomm.document import DocKind, Envelope

if TYPE_CHECKING:
    from cscomm.source_map import SourceMap
    from cscomm.suppression import Suppression


@dataclass(frozen=True, slots=True)
class Draft:
    """One draft to check, with the customer's message when it is given separately.

    ``source_map`` is set when ``text`` is the prose read out of a template, so findings
    are placed in the file as written; ``suppressions`` are those the draft carries (a
    message's header, a template's comment directives).
    """

    text: str
    path: str = "<text>"
    incoming: str | None = None
    kind: DocKind | None = None
    notices: tuple[str, ...] = ()
    envelope: Envelope | None = None
    source_map: SourceMap | None = None
    suppressions: tuple[Suppression, ...] = ()
