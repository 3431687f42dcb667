"""Import spaCy without its command-line package.

``spacy/__init__.py`` imports ``spacy.cli.info`` only to offer ``spacy.info``, and
that pulls in spaCy's whole CLI: typer, weasel, httpx, requests. cscomm never uses
them; measured here, leaving them out takes 0.1-0.2 s off a cold ``import spacy``.
While spaCy imports, a stand-in module answers for ``spacy.cli.info``; it is removed
at once, so a later ``import spacy.cli`` gets the real package, and ``spacy.info``
imports the real function when first called.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_NAME = "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, imported when first called."""
    return importlib.import_module(_NAME).info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """``import spacy``, leaving its CLI out unless it is imported already."""
    if "spacy" in sys.modules or _NAME in sys.modules:
        return importlib.import_module("spacy")
    stand_in = types.ModuleType(_NAME, "Stands in for spacy.cli.info while spaCy imports.")
    stand_in.info = _info  # type: ignore[attr-defined]
    sys.modules[_NAME] = stand_in
    try:
        return importlib.import_module("spacy")
    finally:
        if sys.modules.get(_NAME) is stand_in:
            del sys.modules[_NAME]
