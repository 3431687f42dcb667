"""Harper backend over the in-process ``harper-py`` bindings (``import harper``).

Harper's spans are code-point indices, so they are Python ``str`` offsets as they
are. Text is linted as plain text (the bindings default to Markdown) with the
dialect taken from the language tag, so British spellings pass under ``en-GB``.

Process-wide state, on purpose: one ``harper.Linter`` per dialect and rule set,
built on first use (0.6-1.1 s for the first, milliseconds after) and reused, and
one lock that serialises every call into Harper. The lock is needed because a
``Linter`` is not thread-safe (a concurrent call raises ``RuntimeError``) and
because a check points file descriptor 1 at the null device while Harper runs: a
Harper rule can write to stdout, which would corrupt JSON output. While a check
runs, whatever *any* thread writes to fd 1 is lost, so do not print from other
threads meanwhile (logging to stderr is unaffected).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from cscomm.backends.base import BackendMatch, BackendUnavailable, Category

if TYPE_CHECKING:
    import harper

logger = logging.getLogger(__name__)

#: Rules that misfire on customer-service mail, or duplicate a cscomm rule:
#: NumericRangeEnDash wants an en dash in "5-7 days" and in phone numbers;
#: OrthographicConsistency turns "Sam" into "SAM"; LongSentences is CL001.
#: OxfordComma and HaveTakeALook are house-style or American preferences, not
#: errors; AsSoonAsPossible duplicates the mistake pack's SG120 (a suggestion), as a
#: warning; RepeatedWords duplicates SG116 doubled-word without its exceptions ("had had",
#: "ever ever"). ExpandMemoryShorthands and ExpandTimeShorthands want "500 GB" and "2 hrs"
#: spelt out: a unit's symbol after a number is standard notation, not an error. The rest
#: flag JFLEG's corrected sentences (dev+test) at least a third as often as its wrong ones
#: (3+ false alarms): a coin toss, not a check.
DEFAULT_DISABLED_RULES = frozenset(
    {
        "AsSoonAsPossible",
        "AvoidAndAlso",
        "CompoundNouns",
        "Dashes",
        "DiscourseMarkers",
        "DisjointPrefixes",
        "Excellent",
        "ExpandMemoryShorthands",
        "ExpandTimeShorthands",
        "HaveTakeALook",
        "LongSentences",
        "MissingPreposition",
        "MissingTo",
        "NumericRangeEnDash",
        "OrthographicConsistency",
        "OxfordComma",
        "RepeatedWords",
    }
)

_DIALECTS = {
    "en": "AMERICAN",
    "en-us": "AMERICAN",
    "en-gb": "BRITISH",
    "en-ie": "BRITISH",
    "en-nz": "BRITISH",
    "en-za": "BRITISH",
    "en-au": "AUSTRALIAN",
    "en-ca": "CANADIAN",
    "en-in": "INDIAN",
}

_CATEGORIES = {
    "Spelling": Category.MISSPELLING,
    "Typo": Category.MISSPELLING,
    "Agreement": Category.GRAMMAR,
    "BoundaryError": Category.GRAMMAR,
    "Eggcorn": Category.GRAMMAR,
    "Grammar": Category.GRAMMAR,
    "Malapropism": Category.GRAMMAR,
    "Nonstandard": Category.GRAMMAR,
    "Preposition": Category.GRAMMAR,
    "Repetition": Category.GRAMMAR,
    "Usage": Category.GRAMMAR,
    "WordChoice": Category.GRAMMAR,
    "Punctuation": Category.PUNCTUATION,
    "Capitalization": Category.TYPOGRAPHY,
    "Formatting": Category.STYLE,  # two spaces after a full stop, "..." for "…": house style
    "Enhancement": Category.STYLE,
    "Readability": Category.STYLE,
    "Redundancy": Category.STYLE,
    "Regionalism": Category.STYLE,
    "Style": Category.STYLE,
}

# The first misspelling with no near dictionary word (a tracking number, a
# made-up token) makes Harper build its suggestion search once per process: about
# 1 s. This text triggers it on purpose, and writes nothing to stdout.
_WARM_UP_TEXT = "Ref xqzvbn."

_TOKEN = re.compile(r"[^\W_]+")
_ORDINAL_OR_TIME = re.compile(r"(?<!\d)\d+(?:st|nd|rd|th|am|pm)", re.IGNORECASE)

_LOCK = threading.Lock()
_LINTERS: dict[tuple[str, frozenset[str]], harper.Linter] = {}


class HarperBackend:
    """Spelling and grammar from Harper, offline and in process."""

    name = "harper"

    def __init__(self, disabled_rules: Iterable[str] = DEFAULT_DISABLED_RULES) -> None:
        """Create the backend; ``disabled_rules`` are Harper rule names to turn off.

        They are turned off inside Harper, not filtered afterwards: Harper drops
        lints that overlap others, so a disabled LongSentences lint would still
        hide every misspelling in its sentence.
        """
        self._disabled = frozenset(disabled_rules)

    def available(self) -> str | None:
        """Return why Harper cannot run, or ``None``."""
        try:
            import harper  # noqa: F401
        except ImportError:
            return "harper-py is not installed (pip install harper-py)"
        return None

    def check(self, text: str, language: str) -> list[BackendMatch]:
        """Lint ``text`` as plain text in the dialect of ``language``."""
        dialect = _dialect(language)
        if not text.strip():
            return []
        with _LOCK:
            linter = _linter(dialect, self._disabled)
            with _stdout_to_devnull():
                found = linter.organized_lints(_mask_codes(text), language="plaintext")
        matches = [
            _to_match(rule, lint, text)
            for rule, lints in found.items()
            for lint in lints
            if not _is_indentation(text, lint.span.start, lint.span.end)
        ]
        return sorted(matches, key=lambda m: (m.start, m.end, m.rule_id))

    def warm_up(self, language: str) -> None:
        """Pay the one-time costs now (see the module function `warm_up`)."""
        warm_up(language)


def warm_up(language: str = "en-US") -> None:
    """Build the linter and pay Harper's one-time suggestion setup now.

    Run it in a background thread while spaCy loads, so these 1.5-2 s do not land
    on the first check. Measured: the ~1 s suggestion setup releases the GIL and
    overlaps fully; the 0.6-0.8 s ``Linter()`` construction mostly holds it.
    Does nothing when harper-py is missing or the language is not English. Unlike
    `HarperBackend.check`, it leaves fd 1 alone: its fixed text prints nothing,
    and the main thread may be printing.
    """
    try:
        dialect = _dialect(language)
        with _LOCK:
            _linter(dialect, DEFAULT_DISABLED_RULES).lint(_WARM_UP_TEXT, language="plaintext")
    except BackendUnavailable as exc:
        logger.debug("Harper warm-up skipped: %s", exc)


def _dialect(language: str) -> str:
    """Map a language tag to a ``harper.Dialect`` name."""
    tag = language.replace("_", "-").lower()
    if tag in _DIALECTS:
        return _DIALECTS[tag]
    if tag.startswith("en-"):
        return "AMERICAN"
    raise BackendUnavailable(f"Harper checks English only, not {language!r}")


def _linter(dialect: str, disabled: frozenset[str]) -> harper.Linter:
    """Return the shared linter for this configuration, built once (hold ``_LOCK``).

    Only the first build in a process is slow: Harper keeps its dictionary.
    """
    linter = _LINTERS.get((dialect, disabled))
    if linter is None:
        try:
            import harper
        except ImportError as exc:
            raise BackendUnavailable("harper-py is not installed") from exc
        started = time.perf_counter()
        linter = harper.Linter(harper.Dialect[dialect])
        linter.set_lint_config(dict.fromkeys(disabled, False))
        _LINTERS[dialect, disabled] = linter
        logger.debug("Harper %s linter built in %.2f s", dialect, time.perf_counter() - started)
    return linter


def _mask_codes(text: str) -> str:
    """Zero out tokens mixing letters and digits (tracking numbers, order ids).

    Harper would flag them as misspellings, and the first one costs a ~1 s stall.
    Each masked character becomes one ``0``, so offsets do not move. Ordinals and
    times ("21st", "21th", "10am") are left for Harper to check.
    """

    def mask(found: re.Match[str]) -> str:
        token = found.group()
        if token.isalpha() or token.isdigit() or _ORDINAL_OR_TIME.fullmatch(token):
            return token
        return "0" * len(token)

    return _TOKEN.sub(mask, text)


def _is_indentation(text: str, start: int, end: int) -> bool:
    """Whether the span is a line's leading whitespace ("French spaces" to Harper)."""
    return text[start:end].isspace() and (start == 0 or text[start - 1] == "\n")


@contextmanager
def _stdout_to_devnull() -> Iterator[None]:
    """Point file descriptor 1 at the null device, process-wide, for the block."""
    if sys.stdout is not None:
        sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no fd 1 at all: there is nothing to protect
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
        finally:
            os.close(devnull)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _to_match(rule: str, lint: harper.Lint, text: str) -> BackendMatch:
    """Convert a Harper lint; ``text`` is the unmasked text that was checked."""
    import harper

    start, end = lint.span.start, lint.span.end
    flagged = text[start:end]
    replacements: dict[str, None] = {}
    for suggestion in lint.suggestions:
        if suggestion.kind == harper.SuggestionKind.REMOVE:
            value = ""
        elif suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
            value = flagged + suggestion.replacement_text
        else:
            value = suggestion.replacement_text
        replacements.setdefault(value)
    return BackendMatch(
        start=start,
        end=end,
        rule_id=rule,
        category=_CATEGORIES.get(lint.lint_kind, Category.OTHER),
        message=lint.message,
        replacements=tuple(replacements),
    )
