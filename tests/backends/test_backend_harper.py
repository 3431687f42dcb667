"""Harper backend: real harper-py on real text."""

from __future__ import annotations

import os
from types import SimpleNamespace
from typing import Any

import pytest

from cscomm.backends import harper as harper_backend
from cscomm.backends.base import BackendUnavailable, Category
from cscomm.backends.harper import HarperBackend, warm_up

pytest.importorskip("harper")


@pytest.fixture(scope="module")
def backend() -> HarperBackend:
    return HarperBackend()


def spans(text: str, backend: HarperBackend, language: str = "en-US") -> list[str]:
    return [text[m.start : m.end] for m in backend.check(text, language)]


def test_misspelling_found_with_suggestion(backend: HarperBackend) -> None:
    (match,) = backend.check("We recieved your order.", "en-US")
    assert (match.start, match.end) == (3, 11)
    assert match.category is Category.MISSPELLING
    assert match.rule_id == "SpellCheck"
    assert match.replacements[0] == "received"
    assert "recieved" in match.message


def test_clean_text_gives_nothing(backend: HarperBackend) -> None:
    text = (
        "Hi Maria,\n\nThank you for your order. It will arrive on Monday, "
        "and I will email you the tracking link today.\n\nBest regards,\nSam"
    )
    assert backend.check(text, "en-US") == []
    assert backend.check("", "en-US") == []


def test_british_spelling_passes_under_en_gb(backend: HarperBackend) -> None:
    text = "We apologise: the colour of your jacket was wrong."
    assert spans(text, backend, "en-GB") == []
    assert spans(text, backend, "en_gb") == []
    assert spans(text, backend, "en-US") == ["apologise", "colour"]


def test_offsets_are_code_points_after_emoji_and_accents(
    backend: HarperBackend,
) -> None:
    # Byte or UTF-16 offsets would slice beside the word after these characters.
    text = "Thanks 😊👍🏽 — José's café order: we recieved it."
    assert "recieved" in spans(text, backend)


def test_linted_as_plain_text_and_indentation_ignored(backend: HarperBackend) -> None:
    # As Markdown, the indented line would be a code block and go unchecked.
    text = "Hello,\n\n    We recieved your order.\n"
    assert spans(text, backend) == ["recieved"]


def test_code_like_tokens_are_not_flagged(backend: HarperBackend) -> None:
    text = "Tracking 1Z9462385299, order AB12CD34: we recieved it on the 21st at 10am."
    assert spans(text, backend) == ["recieved"]


def test_masking_keeps_length_and_leaves_ordinals_and_times() -> None:
    text = "1Z9462385299 AB12CD34 RB1 21st 21th 10am covid19 déjà 555-0199 x_1"
    masked = harper_backend._mask_codes(text)
    assert len(masked) == len(text)
    assert masked == "000000000000 00000000 000 21st 21th 10am 0000000 déjà 555-0199 x_1"


def test_default_disabled_rules(backend: HarperBackend) -> None:
    text = "Please allow 5-7 business days. Call 555-0199 any time. Your plan has 50 GB a month."
    assert backend.check(text, "en-US") == []
    assert {m.rule_id for m in HarperBackend(disabled_rules=()).check(text, "en-US")} == {
        "NumericRangeEnDash",
        "ExpandMemoryShorthands",
    }


def test_disabled_rule_does_not_hide_errors_inside_it(backend: HarperBackend) -> None:
    # Harper drops lints overlapping another one; a LongSentences lint filtered out
    # after the fact would take this misspelling with it.
    text = (
        "Please send us the following: a copy of the damage report, your boarding "
        "pass and bag tag, proof of the ammount you paid for the skis, such as the "
        "original receipt, and a repair estimate or a letter from a ski shop "
        "confirming that they cannot be repaired at a reasonable cost to you."
    )
    assert spans(text, HarperBackend(disabled_rules=())) == [text]
    assert spans(text, backend) == ["ammount"]


def test_other_languages_are_unavailable(backend: HarperBackend) -> None:
    with pytest.raises(BackendUnavailable, match="English only"):
        backend.check("Wir haben Ihre Bestellung erhalten.", "de-DE")


def test_nothing_reaches_stdout_during_check(
    backend: HarperBackend, capfd: pytest.CaptureFixture[str]
) -> None:
    backend.check("We recieved your order, its on it's way. Ref 1Z9462385299.", "en-GB")
    assert capfd.readouterr().out == ""


class _NoisyLinter:
    """Stands in for a Harper rule that writes to fd 1 when it fires."""

    def organized_lints(self, text: str, **options: Any) -> dict[str, list[Any]]:
        os.write(1, b"noise from a rule\n")
        return {}


def test_stdout_isolated_and_restored(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(harper_backend, "_linter", lambda *config: _NoisyLinter())
    assert HarperBackend().check("Some text.", "en-US") == []
    os.write(1, b"after\n")
    assert capfd.readouterr().out == "after\n"


def test_warm_up_is_silent_and_tolerant(capfd: pytest.CaptureFixture[str]) -> None:
    warm_up("en-GB")
    warm_up("de-DE")
    assert capfd.readouterr().out == ""


def _suggestion(kind: int, text: str) -> SimpleNamespace:
    import harper

    return SimpleNamespace(kind=harper.SuggestionKind(kind), replacement_text=text)


def test_suggestion_kinds_become_span_replacements() -> None:
    lint = SimpleNamespace(
        span=SimpleNamespace(start=3, end=6),
        lint_kind="Repetition",
        message="Repeated word.",
        suggestions=[
            _suggestion(0, "the"),
            _suggestion(1, ""),
            _suggestion(2, ","),
            _suggestion(0, "the"),
        ],
    )
    match = harper_backend._to_match("Demo", lint, "To the the end")  # type: ignore[arg-type]
    assert match.replacements == ("the", "", "the,")
    assert match.category is Category.GRAMMAR
