"""``check --fix``, ``--unsafe-fixes`` and ``--diff``: what is fixed, what never is, and
that fixing twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cscomm import Config, Linter
from cscomm.autofix import fix_source
from cscomm.checks.packs import build_rule
from cscomm.cli import cli
from cscomm.document import PartKind, Span
from cscomm.errors import RulePackError
from cscomm.files import expand_paths
from cscomm.fixes import Applicability, Edit, Fix, apply_edits, non_overlapping, offered, replacement
from cscomm.messages import draft_from_source
from cscomm.parsing import parse
from cscomm.report import Report
from cscomm.sources import decode, read_path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "cscomm" / "report.schema.json").read_text(encoding="utf-8"))
CORPUS = [
    *expand_paths([str(ROOT / "examples")], lambda path: ())[0],
    *sorted(str(p) for p in ROOT.glob("benchmarks/eval-extra*/*/draft.txt")),
]
QUOTED = (
    "On Mon, 9 Mar 2026, Sam <sam@example.com> wrote:\n> Will you recieve the the parcel durring the week?\n"
)
TYPOS = (
    "Hi Sam\n\nThanks for your message. We will recieve the the parcel durring the week, dont worry."
    " Could you send the receipt.\n\nBest regards,\nAna\n\n" + QUOTED
)
FIXED = (
    "Hi Sam,\n\nThanks for your message. We will receive the parcel during the week, don't worry."
    " Could you send the receipt?\n\nBest regards,\nAna\n\n" + QUOTED
)
UNSAFE_ONLY = (
    "Hi Sam,\n\nThanks for writing. Without the code you may loose your booking.\n\nBest regards,\nAna\n"
)


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def fixed_text(linter: Linter, text: str, *, unsafe: bool = False) -> str:
    return fix_source(
        linter, decode(text.encode(), "draft.txt"), draft_from_source, unsafe=unsafe
    ).source.text


def quoted(text: str) -> list[str]:
    doc = parse(text)
    return [doc.text_of(p.span) for p in doc.parts if p.kind is PartKind.QUOTED]


# --- edits -----------------------------------------------------------------------------


def fix(text: str, start: int, end: int, content: str) -> Fix:
    made = replacement(text, start, end, content, Applicability.SAFE)
    assert made is not None
    return made


def test_a_replacement_is_one_minimal_edit() -> None:
    recieve = fix("We will recieve it.", 8, 15, "receive")
    assert recieve.edits == (Edit(11, 13, "ei"),)
    assert recieve.message == "Replace “recieve” with “receive”"
    assert fix("the the", 0, 7, "the").edits == (Edit(3, 7, ""),)
    assert replacement("same", 0, 4, "same", Applicability.SAFE) is None


def test_overlapping_and_touching_fixes_wait_for_the_next_round() -> None:
    text = "abcdefghij"
    first, overlapping, touching, later = (fix(text, s, e, "X") for s, e in ((0, 3), (2, 5), (3, 4), (6, 8)))
    assert non_overlapping([later, touching, overlapping, first]) == [first, later]
    assert apply_edits(text, [e for f in (first, later) for e in f.edits]) == "XdefXij"


# --- what is fixed, and how safely ------------------------------------------------------


def test_safe_fixes_mend_the_reply_and_leave_the_quoted_text(linter: Linter) -> None:
    assert fixed_text(linter, TYPOS) == FIXED
    assert quoted(fixed_text(linter, TYPOS)) == quoted(TYPOS)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("She had had enough of the wait.", "had had"),  # grammatical: no rule may undo it
        ("You may get the jist of it from the notice.", "jist"),  # short: "gist" is not among the candidates
        ("Without the code you may loose your booking.", "loose"),  # "loose" is a verb too
        ("I would never ever ever do that to you.", "never ever ever"),
    ],
)
def test_unsure_corrections_are_not_safe(linter: Linter, text: str, kept: str) -> None:
    draft = f"Hi Sam,\n\nThanks for writing. {text}\n\nBest regards,\nAna\n"
    assert kept in fixed_text(linter, draft)


def test_unsafe_fixes_need_the_flag(linter: Linter) -> None:
    assert fixed_text(linter, UNSAFE_ONLY) == UNSAFE_ONLY
    assert "you may lose your booking" in fixed_text(linter, UNSAFE_ONLY, unsafe=True)


def test_advice_is_no_fix(linter: Linter) -> None:
    draft = "Hi Sam,\n\nAs I already said, you failed to include the receipt.\n\nBest regards,\nAna\n"
    tone = [f for f in linter.check(draft).findings if f.code.startswith("TN")]
    assert tone and all(f.fix is None for f in tone)


def test_json_says_whether_a_fix_is_safe(linter: Linter) -> None:
    report = Report((linter.check(TYPOS), linter.check(UNSAFE_ONLY))).to_dict()
    jsonschema.validate(report, SCHEMA)
    fixes = {f["text"]: f["fix"] for file in report["files"] for f in file["findings"]}
    assert fixes["recieve"] == {
        "applicability": "safe",
        "message": "Replace “recieve” with “receive”",
        "edits": [{"content": "ei", "line": 3, "column": 37, "end_line": 3, "end_column": 39}],
    }
    assert fixes["loose"]["applicability"] == "unsafe"
    assert fixes[""] is None  # CT004: a missing offer of help has no one right wording


# --- every draft we have: fixing twice changes nothing, quotes never change ------------


@pytest.fixture(scope="module")
def corpus_linter() -> Linter:
    return Linter(Config(), backend_process=False)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_fixing_twice_changes_nothing(corpus_linter: Linter, path: str, unsafe: bool) -> None:
    once = fix_source(corpus_linter, read_path(path), draft_from_source, unsafe=unsafe)
    twice = fix_source(corpus_linter, once.source, draft_from_source, unsafe=unsafe)
    assert twice.source.raw == once.source.raw
    assert "still apply" not in once.warning
    if not path.endswith((".md", ".html")):
        assert quoted(once.after) == quoted(once.before)


# --- the command line ------------------------------------------------------------------


def test_fix_writes_the_file_and_reports_what_remains(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(TYPOS, encoding="utf-8")
    code, out, err = run("check", "--isolated", "--fix", "--format", "json", str(draft))
    assert draft.read_text(encoding="utf-8") == FIXED
    remaining = json.loads(out)["files"][0]["findings"]
    assert {f["code"] for f in remaining} == {"CT004"}  # a suggestion: nothing fails
    assert code == 0
    assert "Fixed 6 problems in 1 file." in err


def test_fix_keeps_the_file_encoding_and_line_ends(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes(TYPOS.replace("Ana", "Ana Müller").replace("\n", "\r\n").encode("cp1252"))
    run("check", "--isolated", "--fix", str(draft))
    assert draft.read_bytes() == FIXED.replace("Ana", "Ana Müller").replace("\n", "\r\n").encode("cp1252")


def test_diff_prints_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(TYPOS, encoding="utf-8")
    code, out, err = run("check", "--isolated", "--diff", str(draft))
    assert code == 1
    assert draft.read_text(encoding="utf-8") == TYPOS
    assert f"--- {draft}\n+++ {draft}\n" in out
    assert "-Thanks for your message. We will recieve the the parcel" in out
    assert "+Thanks for your message. We will receive the parcel" in out
    assert "CT004" not in out  # the diff only
    assert "Would fix 6 problems in 1 file." in err


def test_diff_of_a_clean_draft_exits_0(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXED, encoding="utf-8")
    assert run("check", "--isolated", "--diff", str(draft)) == (0, "", "")


def test_fix_on_stdin_writes_the_fixed_text_to_stdout() -> None:
    code, out, err = run("check", "--isolated", "--fix", "-", stdin=TYPOS)
    assert out == FIXED
    assert "CT004" in err and code == 0


def test_fix_on_stdin_writes_a_clean_text_unchanged() -> None:
    assert run("check", "--isolated", "--fix", "-", stdin=FIXED)[1] == FIXED


def test_unsafe_fixes_need_the_flag_on_the_command_line(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(UNSAFE_ONLY, encoding="utf-8")
    code, _, _ = run("check", "--isolated", "--fix", str(draft))
    assert (code, draft.read_text(encoding="utf-8")) == (1, UNSAFE_ONLY)
    code, _, _ = run("check", "--isolated", "--fix", "--unsafe-fixes", str(draft))
    assert code == 0
    assert "you may lose your booking" in draft.read_text(encoding="utf-8")


def test_unsafe_fixes_alone_is_a_usage_error() -> None:
    code, _, err = run("check", "--unsafe-fixes", "-", stdin=TYPOS)
    assert code == 2 and "--unsafe-fixes goes with --fix or --diff" in err


def test_templates_are_fixed_in_their_prose_only(tmp_path: Path) -> None:
    macro = tmp_path / "macro.md"
    macro.write_text(
        "Hi Sam,\n\nThanks for your message. We will **recieve** the the parcel, see "
        "[the the page](https://example.com/recieve).\n\n> Will you recieve it?\n\n"
        "`recieve` is code.\n\nBest regards,\nAna\n",
        encoding="utf-8",
    )
    run("check", "--isolated", "--fix", str(macro))
    assert macro.read_text(encoding="utf-8") == (
        "Hi Sam,\n\nThanks for your message. We will **receive** the parcel, see "
        "[the page](https://example.com/recieve).\n\n> Will you recieve it?\n\n"
        "`recieve` is code.\n\nBest regards,\nAna\n"
    )


def test_an_html_template_keeps_its_markup(tmp_path: Path) -> None:
    macro = tmp_path / "macro.html"
    macro.write_text(
        "<p>Hi Sam</p>\n<p>Thanks for your message. We will <b>recieve</b> it &amp; refund you.</p>\n"
        "<p>Best regards,<br>Ana</p>\n",
        encoding="utf-8",
    )
    run("check", "--isolated", "--fix", str(macro))
    assert macro.read_text(encoding="utf-8") == (
        "<p>Hi Sam,</p>\n<p>Thanks for your message. We will <b>receive</b> it &amp; refund you.</p>\n"
        "<p>Best regards,<br>Ana</p>\n"
    )


# --- the rule packs' fix key ------------------------------------------------------------

PACK = {"name": "p", "prefix": "XX", "category": "spelling"}
RULE = {
    "code": "XX001",
    "name": "teh",
    "message": "m",
    "rationale": "r",
    "examples": {"fail": ["[[teh]]"], "pass": ["the"]},
}


def test_a_substitution_is_unsafe_unless_the_pack_says_safe(tmp_path: Path) -> None:
    swap = {**RULE, "kind": "substitution", "swap": {"teh": "the"}}
    assert build_rule(swap, tmp_path / "r.yml", PACK).fixable is Applicability.UNSAFE
    assert build_rule({**swap, "fix": "safe"}, tmp_path / "r.yml", PACK).fixable is Applicability.SAFE


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        (
            {"kind": "substitution", "swap": {"teh": "the"}, "fix": "maybe"},
            "key 'fix' must be safe or unsafe",
        ),
        ({"kind": "existence", "tokens": ["teh"], "fix": "safe"}, "key 'fix' needs 'replace'"),
        ({"kind": "existence", "tokens": ["teh"], "replace": 1}, "key 'replace' must be a string"),
    ],
)
def test_bad_fix_keys_name_the_file(tmp_path: Path, extra: dict[str, object], error: str) -> None:
    with pytest.raises(RulePackError, match=error):
        build_rule({**RULE, **extra}, tmp_path / "r.yml", PACK)


def test_a_fix_that_reaches_into_quoted_text_is_dropped() -> None:
    doc = parse(TYPOS)
    start = TYPOS.index("recieve the the parcel durring the week?")
    inside = replacement(TYPOS, start, start + 7, "receive", Applicability.SAFE)
    assert doc.kind_at(start) is PartKind.QUOTED
    assert offered(doc, Span(start, start + 7), (), inside, None) is None
    assert offered(doc, Span(start, start + 7), ("receive",), None, Applicability.SAFE) is None
    own = TYPOS.index("recieve")
    assert offered(doc, Span(own, own + 7), ("receive",), None, Applicability.SAFE) is not None
