"""Parses of customer messages kept between checks.

The customer's message stays the same while a reply to it changes: an agent edits and
re-checks a draft (the HTTP service and mail-client add-ins check on every save), or
checks several drafts against one ``--incoming`` message. A linter keeps the parses of
the messages it read last, so each is parsed once. Rules treat a parsed ``Doc`` as
read-only, which makes sharing one between checks safe; values derived from it
(:mod:`cscomm.per_doc`) are kept with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ParseCache:
    """The ``size`` parses used last, by text (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._docs: OrderedDict[str, Doc] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> Doc | None:
        with self._lock:
            doc = self._docs.get(text)
            if doc is not None:
                self._docs.move_to_end(text)
            return doc

    def put(self, text: str, doc: Doc) -> None:
        with self._lock:
            self._docs[text] = doc
            self._docs.move_to_end(text)
            while len(self._docs) > self.size:
                self._docs.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._docs.clear()

    def __len__(self) -> int:
        return len(self._docs)
