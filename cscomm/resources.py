"""Where the built-in rule packs and data live: inside the wheel, or the source tree."""

from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    """``cscomm/_rules`` in an installed wheel, else the repository's ``rules/``."""
    here = Path(__file__).resolve().parent
    bundled = here / "_rules"
    return bundled if bundled.is_dir() else here.parent / "rules"
