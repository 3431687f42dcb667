"""Checkpoints: an interrupted audit resumes where it stopped, without duplicates."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm import Linter
from cscomm.audit import run_audit
from cscomm.audit.progress import AuditProgress
from cscomm.audit.synthetic import Case, history, write_mbox, write_tickets
from cscomm.cli import cli
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


def test_ctrl_c_stops_the_command_and_the_next_run_continues(tmp_path: Path, cases: list[Case]) -> None:
    export = tmp_path / "tickets.jsonl"
    write_tickets(export, history(cases, 8, seed=9))
    out = tmp_path / "out"
    argv = [
        sys.executable,
        "-m",
        "cscomm",
        "audit",
        str(export),
        "-o",
        str(out),
        "--partition-size",
        "2",
        "--no-html",
    ]
    command = subprocess.Popen(argv, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not (out / "checkpoints" / "part-00000.json").exists() and command.poll() is None:
        assert time.monotonic() < deadline, "no partition was finished"
        time.sleep(0.05)
    command.send_signal(signal.SIGINT)
    _, errors = command.communicate(timeout=60)
    assert (command.returncode, errors.strip().splitlines()[-1:]) == (2, ["cscomm: aborted"]), errors
    done = len(list((out / "checkpoints").glob("*.json")))
    assert 1 <= done < 4
    result = CliRunner().invoke(
        cli, ["audit", str(export), "-o", str(out), "--partition-size", "2", "--no-html"]
    )
    assert result.exit_code == 0, result.output
    assert f"Scored {8 - 2 * done} replies ({2 * done} done before)" in result.output
    assert [r["reply_id"] for r in rows(out)] == [f"{n}:3" for n in range(8)]


def test_progress_is_shown_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = AuditProgress(stream)
        progress.add(skipped=4)
        progress.add(scored=3)
        progress.stop()
    assert "3 replies scored" in terminal.getvalue() and "4 done before" in terminal.getvalue()
    assert pipe.getvalue() == ""
