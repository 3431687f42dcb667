"""Checkpoints: an interrupted audit resumes where it stopped, without duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscomm import Linter
from cscomm.audit import run_audit
from cscomm.audit.progress import AuditProgress
from cscomm.audit.synthetic import Case, history, write_mbox
from cscomm.errors import InputError

from .conftest import rows


class InterruptAfter(AuditProgress):
    """A progress counter that stops the run as Ctrl-C would, after ``limit`` replies."""

    def __init__(self, limit: int) -> None:
        super().__init__(open("/dev/null", "w"), enabled=False)  # noqa: SIM115
        self.limit = limit

    def add(self, scored: int = 0, skipped: int = 0) -> None:
        super().add(scored, skipped)
        if self.scored >= self.limit:
            raise KeyboardInterrupt


def test_an_interrupted_audit_resumes_without_duplicates(
    tmp_path: Path, cases: list[Case], audit_linter: Linter
) -> None:
    mbox = tmp_path / "mail.mbox"
    write_mbox(mbox, history(cases, 12, seed=5))
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_audit([mbox], out, linter=audit_linter, partition_size=4, html=False, progress=InterruptAfter(8))
    assert len(list((out / "checkpoints").glob("*.json"))) == 2
    assert not (out / "summary.json").exists()

    resumed = run_audit([mbox], out, linter=audit_linter, partition_size=4, html=False)
    assert (resumed.resumed, resumed.scored) == (8, 4)
    written = [r["reply_id"] for r in rows(out)]
    assert written == [f"<r{n}@support.example.com>" for n in range(12)]
    assert resumed.summary["overall"]["replies"] == 12

    again = run_audit([mbox], out, linter=audit_linter, partition_size=4, html=False)
    assert (again.resumed, again.scored) == (12, 0)
    assert [r["reply_id"] for r in rows(out)] == written


def test_a_folder_of_another_audit_is_refused_unless_restarted(
    tmp_path: Path, cases: list[Case], audit_linter: Linter
) -> None:
    mbox = tmp_path / "mail.mbox"
    write_mbox(mbox, history(cases, 3, seed=6))
    out = tmp_path / "out"
    run_audit([mbox], out, linter=audit_linter, partition_size=2, html=False)
    with pytest.raises(InputError, match="holds an audit of other inputs or settings; use --restart"):
        run_audit([mbox], out, linter=audit_linter, partition_size=3, html=False)
    restarted = run_audit([mbox], out, linter=audit_linter, partition_size=3, html=False, restart=True)
    assert (restarted.resumed, restarted.scored) == (0, 3)
    assert len(rows(out)) == 3


def test_an_input_changed_under_a_checkpoint_is_an_error(
    tmp_path: Path, cases: list[Case], audit_linter: Linter
) -> None:
    mbox = tmp_path / "mail.mbox"
    write_mbox(mbox, history(cases, 2, seed=7))
    out = tmp_path / "out"
    run_audit([mbox], out, linter=audit_linter, partition_size=2, html=False)
    mbox.unlink()
    write_mbox(mbox, list(history(cases, 4, seed=8))[1:])
    with pytest.raises(InputError, match="partition 0 holds other replies than the input now gives"):
        run_audit([mbox], out, linter=audit_linter, partition_size=2, html=False)
