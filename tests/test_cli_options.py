"""Options of ``cscomm check`` that fit it into a team's tooling: --output-file, --quiet,
--exit-zero, --statistics, --stdin-filename, NO_COLOR/FORCE_COLOR; and the summary's counts."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm.checks.base import Hit
from cscomm.cli import cli
from cscomm.document import Span
from cscomm.engine import make_finding
from cscomm.findings import Category, Severity
from cscomm.parsing import parse
from cscomm.report import FileReport, Report
from cscomm.reporters import report_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BAD = str(EXAMPLES / "refund-reply.bad.txt")
GOOD = str(EXAMPLES / "refund-reply.good.txt")
ANSI = "\x1b["


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], input=stdin, env=env)
    return result.exit_code, result.stdout, result.stderr


def _json_findings(*paths: str) -> list[dict[str, str]]:
    data = json.loads(run("--format", "json", *paths)[1])
    return [finding for file in data["files"] for finding in file["findings"]]


def test_output_file_gets_the_report_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "cscomm.json"  # the folder does not exist yet
    code, out, _ = run("--format", "json", "--output-file", str(target), BAD)
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8") == run("--format", "json", BAD)[1]


def test_an_output_file_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    code, out, err = run("-o", str(tmp_path / "file.txt" / "report.txt"), GOOD)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "cannot write" in err and "Traceback" not in err


def test_quiet_prints_only_the_findings(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"  # not UTF-8: its notice names the encoding
    legacy.write_bytes(
        Path(BAD)
        .read_text(encoding="utf-8")
        .replace("refund request", "refund request (café)")
        .encode("cp1252")
    )
    _, loud, _ = run("--format", "concise", str(legacy))
    code, quiet, _ = run("--format", "concise", "--quiet", str(legacy))
    assert code == 1
    assert " notice: " in loud and loud.splitlines()[-1].startswith("Found ")
    assert quiet.splitlines() == [line for line in loud.splitlines()[:-1] if " notice: " not in line]
    assert quiet.strip() and run("-q", GOOD)[1] == ""


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_quiet_leaves_machine_formats_alone(output_format: str) -> None:
    assert run("--format", output_format, "-q", BAD)[1] == run("--format", output_format, BAD)[1]


def test_exit_zero_keeps_the_findings_but_not_input_errors(tmp_path: Path) -> None:
    code, out, _ = run("--exit-zero", BAD)
    assert code == 0 and " CT001 " in out
    assert run("--exit-zero", str(tmp_path / "missing.txt"), BAD)[0] == 2


def test_statistics_counts_findings_per_rule_as_ruff_does(tmp_path: Path) -> None:
    loud = tmp_path / "loud.txt"
    loud.write_text(
        "Hi Sam,\n\nThanks for writing!! Your parcel ships TODAY!! It WILL ARRIVE soon!!\n\nBest,\nAna\n"
    )
    expected = Counter((f["code"], f["name"]) for f in _json_findings(BAD, str(loud)))
    assert len(set(expected.values())) > 1  # some rules fire more often than others
    code, out, _ = run("--statistics", BAD, str(loud))
    assert code == 1
    *table, summary = out.splitlines()
    rows = [line.split("\t") for line in table]
    assert {(c.strip(), n): int(k) for k, c, n in rows} == expected
    assert [(-int(k), c) for k, c, _ in rows] == sorted((-int(k), c) for k, c, _ in rows)
    assert len({len(c) for _, c, _ in rows}) == 1  # codes padded to one width, as ruff does
    assert summary.startswith(f"Found {sum(expected.values())} problems")


def test_statistics_as_json_and_not_in_other_formats() -> None:
    expected = Counter((f["code"], f["name"]) for f in _json_findings(BAD))
    code, out, _ = run("--statistics", "--format", "json", BAD)
    assert code == 1
    assert {(s["code"], s["name"]): s["count"] for s in json.loads(out)} == expected
    code, _, err = run("--statistics", "--format", "sarif", BAD)
    assert code == 2 and "--statistics" in err


def test_stdin_filename_names_the_input_and_finds_its_config(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # config discovery stops here
    (tmp_path / ".cscomm.toml").write_text('ignore = ["CT001"]\n')
    text = Path(BAD).read_text(encoding="utf-8")
    name = str(tmp_path / "drafts" / "reply.txt")  # need not exist
    code, out, _ = run("--format", "concise", "--stdin-filename", name, "-", stdin=text)
    assert code == 1
    findings = out.splitlines()[:-1]
    assert findings and all(line.startswith(f"{name}:") for line in findings)
    assert " CT001 " not in out and " CT002 " in out
    _, plain, _ = run("--format", "concise", "-", stdin=text)
    assert "<stdin>:1:1: warning CT001 " in plain


def test_stdin_filename_needs_the_dash() -> None:
    code, _, err = run("--stdin-filename", "reply.txt", GOOD)
    assert code == 2 and "--stdin-filename" in err


@pytest.mark.parametrize(
    ("env", "flag", "coloured"),
    [
        ({}, (), False),  # not a terminal
        ({"FORCE_COLOR": "1"}, (), True),
        ({"NO_COLOR": "1"}, ("--color", "always"), True),  # the flag wins
        ({"FORCE_COLOR": "1"}, ("--color", "never"), False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),
        ({"NO_COLOR": "", "FORCE_COLOR": "1"}, (), True),  # empty means unset
    ],
)
def test_no_color_and_force_color(env: dict[str, str], flag: tuple[str, ...], coloured: bool) -> None:
    code, out, _ = run(*flag, "--select", "CT001", BAD, env=env)
    assert code == 1 and "CT001" in out
    assert (ANSI in out) is coloured


def test_force_color_also_colours_statistics() -> None:
    assert ANSI in run("--statistics", BAD, env={"FORCE_COLOR": "1"})[1]
    assert ANSI not in run("--statistics", BAD)[1]


TEXT = "Hi Sam,\n\nThanks for writing.\n\nBest,\nAna\n"


def _report(*files: tuple[Severity, ...]) -> Report:
    doc = parse(TEXT)
    hit = Hit(Span(0, 2))
    return Report(
        tuple(
            FileReport(
                f"d{i}.txt",
                "email",
                tuple(
                    make_finding(doc, "CL001", "a-rule", Category.CLARITY, s, "M.", hit) for s in severities
                ),
            )
            for i, severities in enumerate(files)
        )
    )


E, W, S = Severity.ERROR, Severity.WARNING, Severity.SUGGESTION


@pytest.mark.parametrize(
    ("files", "summary"),
    [
        (((E,),), "Found 1 problem (1 error) in 1 file."),
        (((E, E),), "Found 2 problems (2 errors) in 1 file."),
        (((W,), ()), "Found 1 problem (1 warning) in 2 files."),
        (((E, W, W, S),), "Found 4 problems (1 error, 2 warnings, 1 suggestion) in 1 file."),
        (((S,), (S,)), "Found 2 problems (2 suggestions) in 2 files."),
        (((), ()), "No problems found in 2 files."),
    ],
)
def test_summary_counts_agree_in_number(files: tuple[tuple[Severity, ...], ...], summary: str) -> None:
    out = io.StringIO()
    report_text(_report(*files), out, color=False, concise=True)
    assert out.getvalue().splitlines()[-1] == summary
