"""The kinds of data rules a YAML pack can declare.

- ``existence``: flag each match of a list of phrases (regexes allowed).
- ``substitution``: flag a phrase and suggest its replacement.
- ``required``: flag the document when no phrase (or no part) is found in scope.
- ``metric``: flag a sentence, paragraph or document whose measure passes a limit.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Sequence
from typing import ClassVar

from cscomm.analysis import Analysis
from cscomm.checks.base import Context, Hit, Rule
from cscomm.document import OWN_PARTS, PartKind, Span, count_words
from cscomm.language_packs import pattern as language_pattern

COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def compile_phrases(
    phrases: Sequence[str], ignorecase: bool = True, word_bounded: bool = True
) -> re.Pattern[str]:
    """One alternation of ``phrases`` (each may be a regex), by default word-bounded."""
    body = "|".join(f"(?:{p})" for p in sorted(phrases, key=len, reverse=True))
    if word_bounded:
        body = rf"(?<![\w-])(?:{body})(?![\w-])"
    return re.compile(body, re.IGNORECASE if ignorecase else 0)


class DataRule(Rule):
    """A rule defined by a YAML file; ``configure`` fills the kind's settings."""

    kind: ClassVar[str] = ""
    scope: ClassVar[frozenset[PartKind]] = OWN_PARTS

    def spans_in_scope(self, ctx: Context) -> Iterator[Span]:
        return (p.span for p in ctx.doc.parts_of(self.scope))


class ExistenceRule(DataRule):
    kind = "existence"
    pattern: ClassVar[re.Pattern[str]]
    exceptions: ClassVar[re.Pattern[str] | None] = None
    replace: ClassVar[str] = ""
    """A ``re`` template (``\\g<name>``) for the replacement of each match, suggested (and
    a fix, see ``fixable``) when set."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.doc.text
        for span in self.spans_in_scope(ctx):
            for match in self.pattern.finditer(text, span.start, span.end):
                if self.exceptions and self.exceptions.fullmatch(match.group()):
                    continue
                yield Hit(
                    Span(match.start(), match.end()),
                    self.message.format(match=match.group()),
                    suggestions=(match.expand(self.replace),) if self.replace else (),
                )


def compile_swaps(
    swaps: Sequence[str], ignorecase: bool = True, bounded: bool = True
) -> tuple[re.Pattern[str], ...]:
    """One word-bounded alternation of ``swaps`` (not bounded, for a language written
    without spaces between words: Thai), then each swap on its own.

    The alternation finds the matches. Tried in order where a match starts, the first
    swap that matches there tells which replacement applies: it is the alternative that
    matched. (A named group per swap would say so directly, but makes every scan about
    three times slower.)
    """
    flags = re.IGNORECASE if ignorecase else 0
    body = "|".join(f"(?:{bad})" for bad in swaps)
    before, after = (r"(?<![\w-])", r"(?![\w-])") if bounded else ("", "")
    return (
        re.compile(rf"{before}(?:{body}){after}", flags),
        *(re.compile(rf"(?:{bad}){after}", flags) for bad in swaps),
    )


class SubstitutionRule(DataRule):
    kind = "substitution"
    pattern: ClassVar[re.Pattern[str]]
    swaps: ClassVar[tuple[re.Pattern[str], ...]] = ()
    replacements: ClassVar[tuple[str, ...]] = ()

    def check(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.doc.text
        for span in self.spans_in_scope(ctx):
            for match in self.pattern.finditer(text, span.start, span.end):
                found = match.group()
                which = next(i for i, swap in enumerate(self.swaps) if swap.match(text, match.start()))
                replacement = match_case(found, self.replacements[which])
                yield Hit(
                    Span(match.start(), match.end()),
                    self.message.format(match=found, replacement=replacement),
                    suggestions=(replacement,),
                )


def match_case(found: str, replacement: str) -> str:
    """Capitalise the replacement when the found text was capitalised (not shouted)."""
    if found[:1].isupper() and not found.isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


NOTICE_HINT = (
    "(Unsure: no salutation, sign-off or customer message. A notice to many readers needs "
    "none; check it with --kind memo.)"
)


class RequiredRule(DataRule):
    """Fires once per document when nothing in scope matches (or the part is absent)."""

    kind = "required"
    pattern: ClassVar[re.Pattern[str] | None] = None
    anchor: ClassVar[str] = "start"
    unsure_in_notice: ClassVar[bool] = False
    """A draft that may be a notice to many readers (:attr:`Document.may_be_notice`) gets
    a suggestion, not a warning: it may need no such element."""

    language_forms: ClassVar[str] = ""
    """For a draft in another language, the language pack's forms under this key
    ("thanks") stand in for ``tokens``."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        spans = list(self.spans_in_scope(ctx))
        patterns = [self.pattern]
        if ctx.analysis.language != "en" and self.language_forms:
            # the language's own forms, and English ones (Taglish replies thank in English too)
            patterns.append(language_pattern(ctx.analysis.language, self.language_forms))
        found = [p for p in patterns if p is not None]
        if not found and spans:
            return
        text = ctx.doc.text
        if any(p.search(text, s.start, s.end) for p in found for s in spans):
            return
        if self.unsure_in_notice and ctx.doc.may_be_notice:
            yield Hit(self._anchor_span(ctx), f"{self.message} {NOTICE_HINT}", unsure=True)
            return
        yield Hit(self._anchor_span(ctx))

    def _anchor_span(self, ctx: Context) -> Span:
        own = ctx.doc.own_parts
        if self.anchor == "end" and own:
            end = own[-1].span.end
            return Span(end, end)
        start = ctx.doc.body_start
        return Span(start, start)


def _sentences(analysis: Analysis, span: Span) -> float:
    return sum(1 for s in analysis.sentences() if span.start <= s.start < span.end)


class MetricRule(DataRule):
    """Compares a measure of each unit with ``options['limit']``."""

    kind = "metric"
    metric: ClassVar[str] = "words"
    unit: ClassVar[str] = "sentence"
    comparison: ClassVar[str] = ">"
    METRICS: ClassVar[tuple[str, ...]] = ("words", "sentences", "grade-level")
    UNITS: ClassVar[tuple[str, ...]] = ("sentence", "paragraph", "document")

    @property
    def reads_background(self) -> bool:
        return self.metric == "grade-level"

    @property
    def uses_sentences(self) -> bool:
        return self.unit == "sentence" or self.metric == "sentences"

    def check(self, ctx: Context) -> Iterator[Hit]:
        limit = float(ctx.options["limit"])
        compare = COMPARISONS[self.comparison]
        for span, value in self._measures(ctx):
            if compare(value, limit):
                yield Hit(span, self.message.format(value=_fmt(value), limit=_fmt(limit)))

    def _measures(self, ctx: Context) -> Iterator[tuple[Span, float]]:
        doc, analysis = ctx.doc, ctx.analysis
        if self.unit == "sentence":
            units = [s for s in analysis.sentences() if doc.kind_at(s.start) in self.scope]
        elif self.unit == "paragraph":
            units = [p.span for p in doc.parts_of(self.scope)]
        else:
            units = [p.span for p in doc.parts_of(self.scope)]
            if not units:
                return
            text = "\n\n".join(doc.text_of(s) for s in units)
            if count_words(text) >= float(ctx.options.get("min-words", 0)):
                value = self._measure(text, analysis, Span(units[0].start, units[-1].end))
                yield Span(units[0].start, units[0].start), value
            return
        for span in units:
            yield span, self._measure(doc.text_of(span), analysis, span)

    def _measure(self, text: str, analysis: Analysis, span: Span) -> float:
        if self.metric == "words":
            return count_words(text)
        if self.metric == "sentences":
            return _sentences(analysis, span)
        return analysis.figures(text).grade_level


def _fmt(value: float) -> str:
    return f"{value:g}"


KINDS: dict[str, type[DataRule]] = {
    cls.kind: cls for cls in (ExistenceRule, SubstitutionRule, RequiredRule, MetricRule)
}
