"""Where the built-in rule packs and data live, and how their YAML is read."""

from __future__ import annotations

from pathlib import Path

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader (10x faster) when PyYAML was built with it."""


def rules_dir() -> Path:
    """``cscomm/_rules`` in an installed wheel, else the repository's ``rules/``."""
    here = Path(__file__).resolve().parent
    bundled = here / "_rules"
    return bundled if bundled.is_dir() else here.parent / "rules"
