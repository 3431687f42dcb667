"""Suppressions that never reach the customer: comment directives in templates, the
X-Cscomm-Ignore header of a message, per-file ignores, and the report of unused ones."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cscomm.cli import cli
from cscomm.directives import Comment, read_directives
from cscomm.suppression import WHOLE_FILE, for_path

ROOT = Path(__file__).resolve().parent.parent
BAD = (ROOT / "examples" / "refund-reply.bad.txt").read_text()
SCHEMA = json.loads((ROOT / "cscomm" / "report.schema.json").read_text())
# A real macro whose one mistake ("recieve", SG117) is made twice, on lines 5 and 9.
MACRO = """\
Hi Daniel,

Thank you for getting in touch about order BX-20417, and I'm sorry the kettle arrived damaged.

I have approved a full refund of £39.99 today. You will recieve it within five working days.

You do not need to send the kettle back.

Once the refund is approved, you will recieve an email from us.

If anything else comes up, just reply to this email and I will help.

Kind regards,
Ana Cruz
"""


def check(*args: str) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return result.exit_code, [f for file in data["files"] for f in file["findings"]], result.stderr


def codes(findings: list[dict]) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [(f["code"], f["line"]) for f in findings]


# --- comment directives ---------------------------------------------------------------------


def test_a_directive_in_a_markdown_template_silences_exactly_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "macro.md"
    path.write_text(MACRO)
    _, before, _ = check("--isolated", str(path))
    path.write_text(MACRO.replace("Once", "<!-- cscomm-disable-next-line SG117 -->\nOnce"))

    _, after, _ = check("--isolated", str(path))

    assert codes(before) == [("SG117", 5), ("SG117", 9)]
    assert codes(after) == [("SG117", 5)]


def test_disable_lasts_until_enable_and_the_comments_are_never_checked(tmp_path: Path) -> None:
    path = tmp_path / "macro.md"
    path.write_text(
        MACRO.replace("I have", "<!-- cscomm-disable common-misspelling, CL -->\nI have").replace(
            "You do not", "<!-- cscomm-enable -->\nYou do not"
        )
    )

    _, findings, _ = check("--isolated", "--report-unused-ignores", str(path))

    assert codes(findings) == [("CS905", 5), ("SG117", 11)]  # nothing in the comments ("cscomm")
    assert findings[0]["message"].startswith("Unused suppression in “<!-- cscomm-disable common-misspelling")
    assert "CL silenced nothing" in findings[0]["message"]


def test_read_directives_ranges_and_notices() -> None:
    source = "a\n<!--c-->\nb\n<!--d-->\nc\nlast <!--n-->\nafter\n<!--x--><!--y-->\n"
    spans = {
        "c": " cscomm-disable SG001, TN ",
        "d": " cscomm-enable TN ",
        "n": "cscomm-disable-next-line CT004",
        "x": " cscomm-disable-line SG001 ",
        "y": "cscomm-disable-next-line",
    }
    comments = []
    for marker, body in spans.items():
        start = source.index(f"<!--{marker}-->")
        comments.append(Comment(start, start + len(f"<!--{marker}-->"), body))

    suppressions, notices = read_directives(source, tuple(comments))

    ranges = {s.selector: (source[s.start : s.end] if s.end != WHOLE_FILE else "…") for s in suppressions}
    assert ranges == {"TN": "\nb\n", "CT004": "after\n", "SG001": "…"}
    assert notices == [
        "line 8: unknown directive cscomm-disable-line (use disable, enable, disable-next-line); ignored",
        "line 8: cscomm-disable-next-line names no rule (write its codes, or ALL); ignored",
    ]


# --- the X-Cscomm-Ignore header -------------------------------------------------------------


def message(extra_headers: str = "") -> str:
    return (
        "From: Ana Cruz <ana@brightside.example>\nTo: Daniel Reyes <daniel@example.org>\n"
        "Subject: Your refund\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
        f"{extra_headers}\n{BAD}"
    )


def test_the_ignore_header_skips_those_rules_for_that_message(tmp_path: Path) -> None:
    plain, ignoring = tmp_path / "plain.eml", tmp_path / "ignoring.eml"
    plain.write_text(message())
    ignoring.write_text(message("X-Cscomm-Ignore: CL006,\n rude-language\n"))

    _, before, _ = check("--isolated", str(plain))
    _, after, _ = check("--isolated", str(ignoring))

    assert {"CL006", "TN002"} <= {f["code"] for f in before}
    assert codes(after) == [c for c in codes(before) if c[0] not in ("CL006", "TN002")]


def test_unused_header_codes_are_reported_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "reply.eml"
    path.write_text(message("X-Cscomm-Ignore: CL006 SG001 XX999\n"))

    _, quiet, _ = check("--isolated", str(path))
    _, findings, _ = check("--isolated", "--report-unused-ignores", str(path))

    assert "CS905" not in {f["code"] for f in quiet}
    unused = [f for f in findings if f["code"] == "CS905"]
    assert len(unused) == 1 and unused[0]["category"] == "engine" and unused[0]["severity"] == "warning"
    assert unused[0]["message"] == (
        "Unused suppression in “X-Cscomm-Ignore: CL006 SG001 XX999”: SG001 silenced nothing here; "
        "XX999 names no rule; remove it."
    )


# --- per-file ignores -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "pyproject.toml",
            '[tool.cscomm.per-file-ignores]\n"drafts/*.txt" = ["CL", "TN001"]\n"*.md" = ["ALL"]\n',
        ),
        ("cscomm.toml", '[per-file-ignores]\n"drafts/*.txt" = ["CL", "TN001"]\n"*.md" = ["ALL"]\n'),
    ],
)
def test_per_file_ignores_from_either_config_file(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / ".git").mkdir()  # the config search stops here
    (tmp_path / name).write_text(text)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "bad.txt").write_text(BAD)
    (tmp_path / "bad.txt").write_text(BAD)
    (tmp_path / "drafts" / "bad.md").write_text(BAD)

    _, findings, _ = check("--report-unused-ignores", str(tmp_path / "drafts" / "bad.txt"))
    _, elsewhere, _ = check(str(tmp_path / "bad.txt"))
    _, markdown, _ = check(str(tmp_path / "drafts" / "bad.md"))

    kept = {f["code"] for f in findings}
    assert "TN002" in kept and not kept & {"TN001", "CL001", "CL005", "CL006", "CL007", "CS905"}
    assert {"TN001", "CL006"} <= {f["code"] for f in elsewhere}
    assert markdown == []


def test_for_path_matches_globs_with_folders_against_the_whole_path() -> None:
    ignores = {str(ROOT / "examples" / "**/*.txt"): ("CL",), "*.md": ("SS001",), "/else/*": ("TN",)}

    assert [s.selector for s in for_path(ignores, str(ROOT / "examples" / "a.txt"))] == ["CL"]
    assert [s.selector for s in for_path(ignores, "docs/deep/x.md")] == ["SS001"]
    assert for_path(ignores, "<stdin>") == ()


def test_an_unknown_rule_in_per_file_ignores_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "cscomm.toml").write_text('[per-file-ignores]\n"*.txt" = ["CT999"]\n')
    (tmp_path / "bad.txt").write_text(BAD)

    result = CliRunner().invoke(
        cli, ["check", "--config", str(tmp_path / "cscomm.toml"), str(tmp_path / "bad.txt")]
    )

    assert result.exit_code == 2
    assert "per-file-ignores.*.txt: no rule matches 'CT999'" in result.stderr
