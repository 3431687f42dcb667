"""Shared pieces of the audit tests: the labelled cases, a warm linter, small histories.

The tests skip, saying why, when the ``audit`` extra (pyarrow) is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cscomm import Config, Linter

ROOT = Path(__file__).resolve().parents[2]
CASE_SETS = sorted(ROOT.glob("benchmarks/eval-extra*"))

pytest.importorskip("pyarrow", reason="the audit extra is not installed (pip install -e '.[audit]')")

from cscomm.audit.synthetic import Case, load_cases  # noqa: E402


@pytest.fixture(scope="session")
def cases() -> list[Case]:
    return load_cases(CASE_SETS)


@pytest.fixture(scope="session")
def audit_linter() -> Linter:
    """The audit tests' own warm linter (the ``--jobs`` tests move its grammar backend)."""
    linter = Linter(Config())
    linter.warm_up()
    return linter


def rows(out_dir: Path) -> list[dict[str, Any]]:
    """Every JSONL row an audit wrote, in partition order."""
    return [json.loads(line) for path in sorted((out_dir / "jsonl").glob("*.jsonl")) for line in path.open()]
