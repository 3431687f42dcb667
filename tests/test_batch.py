"""Batches: reports stream in input order, --jobs 2 prints what --jobs 1 prints, and the
progress bar shows only on a terminal that the report does not stream to."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm.cli import cli
from cscomm.draft import Draft
from cscomm.engine import Linter
from cscomm.progress import draws_progress
from cscomm.report import FileReport
from cscomm.reporters.stream import OutputOptions
from cscomm.runner import CheckRequest
from cscomm.streaming import check_and_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PLACEHOLDER = "Hi {{first_name}},\n\nYour parcel ships on Friday.\n\nKind regards,\nAna\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def paths_in(output: str) -> list[str]:
    """The files named by the finding lines of concise output, in order, once each."""
    return list(dict.fromkeys(line.split(":", 1)[0] for line in output.splitlines() if ": " in line))


def drafts_folder(root: Path) -> Path:
    """The examples' drafts and templates (two configurations), and one more draft after the
    templates' folder, so that a batch has three runs of drafts."""
    folder = root / "drafts"
    folder.mkdir()
    for path in EXAMPLES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    shutil.copytree(EXAMPLES / "templates", folder / "templates")
    shutil.copy(EXAMPLES / "refund-reply.bad.txt", folder / "zz-refund.txt")
    return folder


def test_jobs_2_prints_what_jobs_1_prints(tmp_path: Path, forked_pools: list[int]) -> None:
    folder = drafts_folder(tmp_path)
    serial = run(str(folder))
    parallel = run("--jobs", "2", str(folder))
    assert forked_pools == [2]  # the ten drafts before the templates went to two processes
    assert parallel == serial
    assert serial[0] == 1 and "Found " in serial[1]
    assert paths_in(serial[1])[-1].endswith("zz-refund.txt")


def test_jobs_2_reports_in_input_order_not_completion_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first chunk of drafts is slow, so the second finishes first; its reports still
    come after the first chunk's (the workers are forked with the patched linter)."""
    check_many = Linter.check_many

    def slow_first_chunk(self: Linter, drafts: Iterable[Draft], **kwargs: int) -> list[FileReport]:
        drafts = list(drafts)
        if any("slow" in d.path for d in drafts):
            time.sleep(0.5)
        return check_many(self, drafts, **kwargs)

    monkeypatch.setattr(Linter, "check_many", slow_first_chunk)
    names = [f"slow-{i}.txt" for i in range(8)] + [f"fast-{i}.txt" for i in range(4)]
    for name in names:
        (tmp_path / name).write_text(PLACEHOLDER)
    order = [str(tmp_path / n) for n in reversed(names[:8])] + [str(tmp_path / n) for n in names[8:]]
    code, out, _ = run("--isolated", "--select", "SS001", "--format", "concise", "--jobs", "2", *order)
    assert code == 1
    assert paths_in(out) == order


class Recorder(io.StringIO):
    """An output stream that logs what is written into a shared event list."""

    def __init__(self, events: list[tuple[str, str]]) -> None:
        super().__init__()
        self.events = events

    def write(self, text: str) -> int:
        self.events.extend(("write", path) for path in paths_in(text))
        return super().write(text)


def test_each_file_is_written_as_soon_as_it_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, str]] = []
    check_many = Linter.check_many

    def logged(self: Linter, drafts: Iterable[Draft], **kwargs: int) -> list[FileReport]:
        drafts = list(drafts)
        events.extend(("check", d.path) for d in drafts)
        return check_many(self, drafts, **kwargs)

    monkeypatch.setattr(Linter, "check_many", logged)
    for name in ("c.txt", "a.txt", "folder/b.txt", "folder/a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(PLACEHOLDER)
    paths = [str(tmp_path / n) for n in ("c.txt", "a.txt", "folder")]
    request = CheckRequest(paths, isolated=True, overrides={"select": ("SS001",)})
    out = Recorder(events)
    result = check_and_report(request, out, io.StringIO(), OutputOptions("concise"))
    expected = [str(tmp_path / n) for n in ("c.txt", "a.txt", "folder/a.txt", "folder/b.txt")]
    assert events == [(kind, path) for path in expected for kind in ("check", "write")]
    assert [file.path for file in result.report.files] == expected
    assert out.getvalue().endswith("Found 4 problems (4 errors) in 4 files.\n")


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("err_tty", "out_tty", "streams", "env", "quiet", "files", "drawn"),
    [
        (True, False, True, {}, False, 2, True),  # the report goes to a pipe or file
        (True, True, False, {}, False, 2, True),  # a document, written when the check ends
        (True, True, True, {}, False, 2, False),  # streaming to the terminal: its lines are the progress
        (False, False, False, {}, False, 2, False),  # not a terminal
        (True, False, False, {"CI": "true"}, False, 2, False),
        (True, False, False, {"TF_BUILD": "True"}, False, 2, False),
        (True, False, False, {"TERM": "dumb"}, False, 2, False),
        (True, False, False, {}, True, 2, False),  # --quiet
        (True, False, False, {}, False, 1, False),  # one file
    ],
)
def test_when_the_progress_bar_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
    err_tty: bool,
    out_tty: bool,
    streams: bool,
    env: dict[str, str],
    quiet: bool,
    files: int,
    drawn: bool,
) -> None:
    for name in ("CI", "TF_BUILD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out, err = Stream(out_tty), Stream(err_tty)
    assert draws_progress(out, err, streams=streams, quiet=quiet, files=files) is drawn


def check_json(folder: Path, stderr: int) -> subprocess.Popen[bytes]:
    """``cscomm check --format json FOLDER`` outside CI, its stderr on ``stderr``."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TF_BUILD")} | {"TERM": "xterm"}
    argv = [sys.executable, "-m", "cscomm", "check", "--isolated", "--select", "SS001", "--format", "json"]
    return subprocess.Popen([*argv, str(folder)], stdout=subprocess.DEVNULL, stderr=stderr, env=env)


def read_all(fd: int) -> bytes:
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal closed with the process
            return data
        if not chunk:
            return data
        data += chunk


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(PLACEHOLDER)
    piped = check_json(tmp_path, subprocess.PIPE)
    _, err = piped.communicate()
    assert piped.returncode == 1 and err == b""
    primary, secondary = pty.openpty()
    on_terminal = check_json(tmp_path, secondary)
    os.close(secondary)
    drawn = read_all(primary)
    os.close(primary)
    assert on_terminal.wait() == 1
    assert b"cscomm: checking" in drawn and b"3/3" in drawn  # drawn, then cleared
