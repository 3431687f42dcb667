"""Text output: severity on every line, an excerpt with a caret, the concise form, notices,
most severe first, and a summary that counts correctly and never calls unchecked text clean."""

from __future__ import annotations

import io

from cscomm.checks.base import Hit
from cscomm.document import Span
from cscomm.engine import make_finding
from cscomm.findings import Category, Severity
from cscomm.parsing import parse
from cscomm.report import FileReport, Report
from cscomm.reporters import report_text

TEXT = "Hi Sam,\n\nRefunds are NOT ISSUED without a receipt.\n\nBest,\nAna\n"


def _finding(code: str, severity: Severity, start: int, end: int):  # type: ignore[no-untyped-def]
    doc = parse(TEXT)
    return make_finding(doc, code, "a-rule", Category.CLARITY, severity, "Message.", Hit(Span(start, end)))


def _render(report: Report, **options: bool) -> str:
    out = io.StringIO()
    report_text(report, out, color=False, **options)
    return out.getvalue()


def _file(*findings, notices: tuple[str, ...] = ()) -> FileReport:  # type: ignore[no-untyped-def]
    return FileReport("d.txt", "email", tuple(findings), notices=notices, text=TEXT)


SHOUT = TEXT.index("NOT ISSUED")


def test_each_line_shows_its_severity_and_an_excerpt_with_a_caret() -> None:
    out = _render(Report((_file(_finding("CL006", Severity.WARNING, SHOUT, SHOUT + 10)),)))
    lines = out.splitlines()
    assert lines[0] == "d.txt:3:13: warning CL006 Message. [a-rule]"
    assert lines[1] == " 3 | Refunds are NOT ISSUED without a receipt."
    assert lines[2] == "   |             ^^^^^^^^^^"


def test_concise_keeps_one_line_per_finding() -> None:
    out = _render(Report((_file(_finding("CL006", Severity.WARNING, SHOUT, SHOUT + 10)),)), concise=True)
    assert out.splitlines()[0] == "d.txt:3:13: warning CL006 Message. [a-rule]"
    assert "^" not in out


def test_most_severe_first_and_singular_counts() -> None:
    hint = _finding("CL001", Severity.SUGGESTION, 0, 2)
    shout = _finding("CL006", Severity.WARNING, SHOUT, SHOUT + 10)
    out = _render(Report((_file(hint, shout),)), concise=True).splitlines()
    assert out[0].startswith("d.txt:3:13: warning") and out[1].startswith("d.txt:1:1: suggestion")
    assert out[-1] == "Found 2 problems (1 warning, 1 suggestion) in 1 file."


def test_notices_are_printed_and_an_unchecked_file_is_never_clean() -> None:
    out = _render(Report((_file(notices=("CS902 not-english: skipped",)),)))
    assert "d.txt: notice: CS902 not-english: skipped" in out
    assert "No problems found in 1 file." not in out
    assert "not fully checked" in out


def test_a_clean_checked_file_says_so() -> None:
    assert _render(Report((_file(),))).strip() == "No problems found in 1 file."
