"""Load the data-driven conversation cases (tests/conversation/cases/*.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).parent / "cases"


def load_cases(pattern: str) -> list[Any]:
    """Every case in the YAML files matching ``pattern``, as pytest params."""
    return [
        pytest.param(case, id=f"{path.stem}:{case['name']}")
        for path in sorted(CASES.glob(pattern))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]
