"""The command line: exit codes, output formats, bad input, encodings, selection."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cscomm.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "cscomm" / "report.schema.json").read_text())
BAD = str(EXAMPLES / "refund-reply.bad.txt")
GOOD = str(EXAMPLES / "refund-reply.good.txt")
DRAFT = "Hi Sam,\n\nThanks for writing. Your parcel ships on Friday.\n\nKind regards,\nAna\n"


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_bad_example_reports_findings_and_exits_1() -> None:
    code, out, _ = run("check", BAD)
    assert code == 1
    assert f"{BAD}:1:1: warning CT001 " in out and "[missing-greeting]" in out
    assert f"{BAD}:3:1: warning TN002 " in out


def test_good_example_is_clean_and_exits_0() -> None:
    code, out, _ = run("check", GOOD)
    assert code == 0
    assert out.strip() == "No problems found in 1 file."


def test_json_output_matches_the_schema() -> None:
    code, out, _ = run("check", "--format", "json", BAD, GOOD)
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert [Path(f["path"]).name for f in data["files"]] == ["refund-reply.bad.txt", "refund-reply.good.txt"]
    assert data["summary"]["findings"] == len(data["files"][0]["findings"])


def test_json_positions_point_at_the_flagged_text() -> None:
    _, out, _ = run("check", "--format", "json", BAD)
    lines = Path(BAD).read_text().splitlines()
    for finding in json.loads(out)["files"][0]["findings"]:
        if finding["text"] and finding["line"] == finding["end_line"]:
            line = lines[finding["line"] - 1]
            assert line[finding["column"] - 1 : finding["end_column"] - 1] == finding["text"]


def test_stdin() -> None:
    code, out, _ = run("check", "-", stdin="Your parcel ships on Friday.\n")
    assert code == 1
    assert "<stdin>:1:1: suggestion CT001" in out  # no salutation, sign-off or customer: maybe a notice


@pytest.mark.parametrize(
    ("option", "absent", "present"),
    [
        (("--select", "CT001,CT003"), "CT002", "CT001"),
        (("--ignore", "courtesy"), "CT001", "TN001"),
        (("--ignore", "missing-greeting"), "CT001", "CT002"),
        (("--select", "TN", "--ignore", "TN002"), "TN002", "TN001"),
    ],
)
def test_select_and_ignore(option: tuple[str, ...], absent: str, present: str) -> None:
    _, out, _ = run("check", *option, BAD)
    assert f" {present} " in out
    assert f" {absent} " not in out


def test_fail_on_error_ignores_warnings() -> None:
    code, _, _ = run("check", "--fail-on", "error", BAD)
    assert code == 0


def test_unknown_selector_is_a_usage_error() -> None:
    code, _, err = run("check", "--select", "XX999", GOOD)
    assert code == 2
    assert "XX999" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: ((d / "empty.txt").write_text("") and d / "empty.txt") or d / "empty.txt", "empty file"),
        (lambda d: (d / "blank.txt").write_text("  \n\n") and d / "blank.txt", "empty file"),
        (
            lambda d: (
                (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") and d / "image.txt"
            ),
            "binary",
        ),
        (lambda d: (d / "nothing").mkdir() or d / "nothing", "no files to check"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    target = setup(tmp_path)
    code, out, err = run("check", str(target))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in err


def test_batch_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path / "missing.txt"), BAD)
    assert code == 2
    assert "no such file" in err
    assert "CT001" in out


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("cp1252", "cp1252"),
        ("latin-1", "latin-1"),
        ("utf-16", "UTF-16"),
    ],
)
def test_other_encodings_are_decoded_with_a_warning(tmp_path: Path, encoding: str, name: str) -> None:
    text = (
        "Hi Zoë,\n\nThanks for writing. Your café order — £12 — will ship on Friday. "
        "Let me know if you need anything else.\n\nKind regards,\nAna\n"
    )
    if encoding == "latin-1":
        text = text.replace("—", "-")
    path = tmp_path / "draft.txt"
    path.write_bytes(text.encode(encoding))
    code, out, err = run("check", "--format", "json", str(path))
    assert name in err
    data = json.loads(out)
    assert code == 0, data
    assert data["files"][0]["findings"] == []
    assert name in data["files"][0]["notices"][0]


def test_rules_lists_every_rule() -> None:
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    rules = json.loads(out)
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes))
    assert {"CT001", "CT005", "CL001", "CL004", "TN001"} <= set(codes)


def test_rule_explains_by_name() -> None:
    code, out, _ = run("rule", "missing-greeting")
    assert code == 0 and "CT001" in out and "G1" in out
    assert run("rule", "nope")[0] == 2


def test_help_and_rules_do_not_import_spacy(modules_loaded_by: Callable[[str], set[str]]) -> None:
    code = (
        "from click.testing import CliRunner; from cscomm.cli import cli; "
        "CliRunner().invoke(cli, ['rules']); CliRunner().invoke(cli, ['--help'])"
    )
    loaded = modules_loaded_by(code)
    assert "cscomm.cli" in loaded and "spacy" not in loaded


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "cscomm", "check", GOOD], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "No problems found" in result.stdout


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    _, plain, _ = run("check", BAD)
    _, coloured, _ = run("check", "--color", "always", BAD)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    assert "CT001" in coloured


def test_plain_output_does_not_load_rich(modules_loaded_by: Callable[[str], set[str]]) -> None:
    code = (
        "from click.testing import CliRunner; from cscomm.cli import cli; "
        f"CliRunner().invoke(cli, ['check', '--select', 'CT001', {GOOD!r}])"
    )
    loaded = modules_loaded_by(code)
    assert "cscomm.engine" in loaded and "rich" not in loaded


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


@pytest.mark.parametrize(("args", "status"), [(["check", BAD], 1), (["check", GOOD], 0), (["check"], 2)])
def test_main_ends_with_os_exit_and_the_command_status(
    monkeypatch: pytest.MonkeyPatch, args: list[str], status: int
) -> None:
    """The entry point skips the interpreter's clean-up (~0.3 s after spaCy) through
    ``os._exit``, also when the command itself ends with ``sys.exit``."""
    import cscomm.cli

    def fake_exit(code: int) -> None:
        raise _Exited(code)

    monkeypatch.setattr(cscomm.cli.os, "_exit", fake_exit)
    monkeypatch.setattr(sys, "argv", ["cscomm", *args])
    with pytest.raises(_Exited) as exited:
        cscomm.cli.main()
    assert exited.value.code == status
