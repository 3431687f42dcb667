"""Linear time: no built-in pattern backtracks, what is not prose is skipped, big drafts
are parsed in pieces and checked piece by piece, and drafts above max-bytes are refused.

Inputs are generated here; each case has a hard deadline (the old code took seconds to
minutes on them, or crashed the grammar helper)."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import cscomm
from cscomm import Config, Linter
from cscomm.backends.base import BackendMatch, Category
from cscomm.checks import clarity, sendstoppers
from cscomm.cli import cli
from cscomm.engine import _drop_backend_duplicates, _drop_repeated_corrections
from cscomm.grammar import _NOT_PROSE, check_in_pieces
from cscomm.limits import DEFAULT_MAX_BYTES, MAX_LINE, MAX_TOKEN, NOT_PROSE, not_prose
from cscomm.nlp import load_pipeline, parse_in_pieces
from cscomm.parsing import parse
from cscomm.registry import Registry

from .conftest import Deadline

# (pattern, repeated unit): each took seconds or more at these sizes before the fix.
BACKTRACKING = [
    pytest.param(_NOT_PROSE, "@", 3_000, id="email-part-cubic-on-at-signs"),
    pytest.param(_NOT_PROSE, "a-", 40_000, id="order-number-part-on-hyphenated-run"),
    pytest.param(_NOT_PROSE, "-", 40_000, id="link-part-on-dashes"),
    pytest.param(sendstoppers._MASKED_NUMBER, "*", 60, id="masked-number-exponential"),
    pytest.param(clarity._LINK, "a", 40_000, id="link-on-long-token"),
    pytest.param(clarity._UPPER_RUN, "A", 40_000, id="shouting-on-long-token"),
]


@pytest.mark.parametrize(("pattern", "unit", "size"), BACKTRACKING)
def test_a_fixed_pattern_runs_in_linear_time(
    pattern: re.Pattern[str], unit: str, size: int, deadline: Deadline
) -> None:
    with deadline(0.5):
        list(pattern.finditer(unit * size + "!"))


ANCHORED = {
    "cscomm.checks.clarity._IDENTIFIER_TAIL",
    "cscomm.checks.sendstoppers._FILL_VERB",
    "cscomm.checks.sendstoppers._SALUTE",
    "cscomm.directives._DIRECTIVE",
    "cscomm.grammar._LIST_MARKER",
    "cscomm.mail.sniff._FIELD",
    "cscomm.parsing._QUOTE_MARK",
    "cscomm.server.security._HOST",
    "cscomm.server.security._ORIGIN",
    "cscomm.testing._MARKER",
    "SG114.pattern",
}
"""Patterns only ever used with ``match``/``fullmatch`` at one position (linear there), or,
for SG114 (greeting-comma), on the greeting part alone (70 characters at most)."""
UNITS = ("a", "A", "1", "-", ".", "@", " ", "*", "?", "!", "a ", "a-", "a.", "1.", "Hi ", "\n", "x@", "[[")


def _builtin_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(cscomm.__path__, "cscomm."):
        if info.name == "cscomm.__main__":
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{info.name}.{name}", value)
    for rule in Registry.build().rules:
        for name in ("pattern", "exceptions"):
            value = getattr(rule, name, None)
            if isinstance(value, re.Pattern):
                found[f"{rule.code}.{name}"] = value
    return {name: pattern for name, pattern in found.items() if name not in ANCHORED}


def test_no_builtin_pattern_backtracks_on_repeated_input(deadline: Deadline) -> None:
    """Every pattern of cscomm's modules and built-in packs, on each repeated unit."""
    slow = []
    for name, pattern in _builtin_patterns().items():
        for unit in UNITS:
            text = unit * (12_000 // len(unit)) + "!"
            try:
                with deadline(0.5):
                    list(pattern.finditer(text))
            except pytest.fail.Exception:
                slow.append(f"{name} on {unit!r}")
                break
    assert not slow


@dataclass(frozen=True)
class Shape:
    name: str
    text: str
    seconds: float
    notice: bool = False


SHAPES = [
    Shape("one-100k-token", "Hi Sam,\n\nThanks " + "x" * 100_000 + " for it.\n\nBest,\nAna\n", 5, True),
    Shape("one-50k-line", "Hi Sam,\n\n" + "word " * 10_000 + "\n\nBest,\nAna\n", 8, True),
    Shape("at-signs", "Hi Sam,\n\n" + "@" * 20_000 + "\n\nBest,\nAna\n", 5, True),
    Shape("digits-and-spaces-line", "1 " * 20_000 + "\nHi Sam,\n\nThanks.\n\nBest,\nAna\n", 5, True),
    Shape(
        "quoted-questions", "Hi Sam,\n\nThanks.\n\nOn Mon, Sam wrote:\n" + "> why is it late?\n" * 3_000, 8
    ),
    Shape("doubled-words", "a\n" * 4_000, 6),
]
"""Before: a crash of the grammar helper, then the next three each minutes; quoted
questions about 20 s (a walk up the parse tree per word, timeframes against every unit)."""


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_an_adversarial_draft_is_checked_in_bounded_time(
    linter: Linter, shape: Shape, deadline: Deadline
) -> None:
    linter.warm_up()
    with deadline(shape.seconds):
        report = linter.check(shape.text)
    assert any(n.startswith(NOT_PROSE) for n in report.notices) == shape.notice
    for finding in report.findings:
        assert shape.text[finding.start : finding.end] == finding.text


def test_overlapping_findings_are_filtered_in_near_linear_time(linter: Linter, deadline: Deadline) -> None:
    """Thousands of spelling findings on one draft (every line a doubled word)."""
    [finding] = [f for f in linter.check("Hi Sam,\n\nThe the parcel left.\n").findings if f.code == "SG116"]
    many = [replace(finding, start=i, end=i + 3) for i in range(0, 60_000, 3)]
    with deadline(2):
        assert len(_drop_repeated_corrections(many)) == len(many)
        assert _drop_backend_duplicates(many, {finding.code}) == many


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("a" * MAX_TOKEN, []),
        ("a" * (MAX_TOKEN + 1), [(0, MAX_TOKEN + 1)]),
        ("see https://example.com/" + "a" * 500 + " now", []),
        ("see https://example.com/" + "a" * 3000, [(4, 4 + 20 + 3000)]),
        ("ok " * (MAX_LINE // 3 + 1), [(0, 3 * (MAX_LINE // 3 + 1))]),
        ("ก" * 500 + " Thai is written without spaces", []),
    ],
    ids=["token-at-limit", "token-over-limit", "long-link", "link-over-limit", "long-line", "thai"],
)
def test_what_is_not_prose(text: str, skipped: list[tuple[int, int]]) -> None:
    assert [(s.start, s.end) for s in not_prose(text)] == skipped


def test_what_is_not_prose_is_in_no_part() -> None:
    token = "Q" * 500
    doc = parse(f"Hi Sam,\n\nThe key {token} is yours.\n\nBest,\nAna\n")
    start = doc.text.index(token)
    assert [(s.start, s.end) for s in doc.skipped] == [(start, start + len(token))]
    assert all(p.span.end <= start or p.span.start >= start + len(token) for p in doc.parts)
    assert token not in doc.masked_text()


def test_a_long_text_is_parsed_in_pieces_with_its_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cscomm.nlp.PIECE_CHARS", 200)
    text = "Your refund is on its way. It reaches your card on Friday.\n" * 40
    nlp = load_pipeline(None).nlp
    [doc] = parse_in_pieces(nlp, [text], batch_size=4)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert len(list(doc.sents)) >= 80


class _Recording:
    name = "recording"

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def available(self) -> str | None:
        return None

    def check(self, text: str, language: str) -> list[BackendMatch]:
        self.sizes.append(len(text))
        start = text.index("recieved")
        return [BackendMatch(start, start + 8, "Typo", Category.MISSPELLING, "Spelling")]


def test_the_grammar_backend_is_asked_piece_by_piece() -> None:
    line = "We recieved your parcel and the refund is on its way to your card today.\n"
    text = line * 1_000
    backend = _Recording()
    matches = check_in_pieces(backend, text, "en-US")
    assert max(backend.sizes) <= 10_000
    assert sum(backend.sizes) == len(text)
    assert all(text[m.start : m.end] == "recieved" for m in matches)


def test_a_draft_above_max_bytes_is_an_input_error_and_the_others_are_checked(tmp_path: Path) -> None:
    (tmp_path / "cscomm.toml").write_text("max-bytes = 2000\n", encoding="utf-8")
    good = "Hi Sam,\n\nThanks for your message. Your refund is on its way.\n\nBest regards,\nAna\n"
    (tmp_path / "a.txt").write_text(good, encoding="utf-8")
    (tmp_path / "b.txt").write_text(good + "More words here. " * 200, encoding="utf-8")
    (tmp_path / "c.txt").write_text(good, encoding="utf-8")
    paths = [str(tmp_path / name) for name in ("a.txt", "b.txt", "c.txt")]
    result = CliRunner().invoke(cli, ["check", "--format", "json", *paths])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["a.txt", "c.txt"]
    [error] = report["summary"]["input_errors"]
    assert "b.txt" in error and "the limit is 2,000 (max-bytes)" in error


def test_the_default_size_limit_is_sized_for_mail() -> None:
    assert Config().max_bytes == DEFAULT_MAX_BYTES == 250_000
