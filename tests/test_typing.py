"""The public API is typed for users: ``py.typed`` is shipped and ``mypy --strict`` accepts
code that uses every name ``cscomm`` exports."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import cscomm

USER_CODE = """
from __future__ import annotations

import cscomm
from cscomm import (
    Applicability, Category, Config, ConfigError, CscommError, DocKind, Document, Draft, Edit,
    FileReport, Finding, Fix, InputError, Linter, Report, RulePackError, Severity, check,
)

report: Report = check("Hi Sam,", kind="email", config=Config(select=("CT",)), path="a.txt")
linter = Linter(Config())
files: list[FileReport] = linter.check_many([Draft("Hi Sam,", "b.txt")])
single: FileReport = linter.check("Hi Sam,", kind=DocKind.EMAIL)
findings: tuple[Finding, ...] = report.findings
worst: Severity = max((f.severity for f in findings), default=Severity.SUGGESTION)
categories: set[Category] = {f.category for f in findings}
failed: bool = report.failed(Severity.parse("warning"))
documents: list[Document] = []
errors: tuple[type[CscommError], ...] = (ConfigError, InputError, RulePackError)
version: str = cscomm.__version__
fixes: list[Fix] = [f.fix for f in findings if f.fix and f.fix.applicability is Applicability.SAFE]
edits: list[Edit] = [e for fix in fixes for e in fix.edits]
"""


def test_py_typed_is_in_the_package() -> None:
    assert (Path(cscomm.__file__).parent / "py.typed").is_file()


def test_mypy_strict_accepts_code_using_the_public_api(tmp_path: Path) -> None:
    """Run from another folder, so that mypy finds cscomm as an installed package: without
    ``py.typed`` it would refuse to read it."""
    pytest.importorskip("mypy")
    assert set(cscomm.__all__) <= set(re.findall(r"\w+", USER_CODE))  # every name is used
    (tmp_path / "user.py").write_text(USER_CODE)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
