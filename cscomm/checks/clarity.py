"""Clarity rules that need the parse or a dictionary."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cscomm import readability
from cscomm.checks.base import Context, Examples, Hit, ParseRule, Rule
from cscomm.document import OWN_PARTS, Span
from cscomm.findings import Category, Severity
from cscomm.resources import rules_dir
from cscomm.word_frequency import zipf

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CAPS_WORD = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]*[A-Z](?:s|'s)?(?![\w-])")
_CAPS_RUN = re.compile(r"(?<![\w-])[A-Z]{2,}(?:(?:[ \t]+(?:\d+[ \t]+)?|[ \t]*[,!][ \t]*)[A-Z]{2,})+(?![\w-])")
_IDENTIFIER_TAIL = re.compile(r"[ -]?[A-Z]*\d")
_AFTER_NUMBER = re.compile(r"\d[ \t]?$")
_NAME_TAIL = re.compile(r" [A-Z][a-z]")
_PLURAL_ENDING = re.compile(r"(?:'s|s)$")
_COMPANY_UNITS = frozenset({"team", "department", "desk", "unit", "group", "squad", "office", "division"})
KIND_NAMED = 2.5
"""Zipf frequency from which an acronym before its noun may stand ("the DHL hub" 2.7, "a CSV
export" 2.6): the noun says what kind of thing it is. Rarer ones are a team's own words even
with a noun after them ("the ETL pipeline" 2.3, "the OOM limit" 2.4, "WFM forecasts" 1.9)."""
WIDELY_KNOWN = 3.4
"""Zipf frequency (wordfreq) at which an acronym is in everyday use (FAQ 3.3, NPR 3.5, CEO 4.5);
internal and trade codes (AIP, DCC, SPD) are rarer."""


@functools.cache
def known_acronyms(language: str = "en") -> frozenset[str]:
    """The acronyms a customer knows: ``rules/clarity/known-acronyms.txt``, plus the draft's
    language pack's ``rules/<lang>/known-acronyms.txt`` (Brazil's "CPF", Vietnam's "TNHH")."""
    files = [rules_dir() / "clarity" / "known-acronyms.txt", rules_dir() / language / "known-acronyms.txt"]
    lines = [line for f in files if f.is_file() for line in f.read_text(encoding="utf-8").splitlines()]
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


class PassiveVoice(ParseRule):
    """A passive construction that hides who acts."""

    code = "CL004"
    name = "passive-voice"
    category = Category.CLARITY
    severity = Severity.SUGGESTION
    opt_in = True  # wrong 83 times in 90 on published drafts: good writers use the passive
    message = "“{match}” is passive; say who does it (“we sent…”, not “was sent”)."
    rationale = "Clear, simple messages name who acts (E3, L1); the passive can sound evasive."
    guidelines = ("E3", "L1")
    examples = Examples(
        fail=("Hi Ana,\n\nYour refund [[was processed]] yesterday.\n\nBest regards,\nTom",),
        pass_=("Hi Ana,\n\nWe processed your refund yesterday.\n\nBest regards,\nTom",),
    )

    def check_parse(self, ctx: Context, reply: Doc) -> Iterator[Hit]:
        for token in reply:
            if token.dep_ != "auxpass" or ctx.doc.kind_at(token.idx) not in OWN_PARTS:
                continue
            verb = token.head
            if verb.i < token.i:  # an odd parse: the participle before its auxiliary
                continue
            auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
            start = min(c.idx for c in auxiliaries) if auxiliaries else token.idx
            yield Hit(Span(start, verb.idx + len(verb)))


class UndefinedAcronym(Rule):
    """An acronym the customer may not know (did not use), used without being spelled out."""

    code = "CL005"
    name = "undefined-acronym"
    category = Category.CLARITY
    severity = Severity.SUGGESTION  # right 6 times in 12 on unseen drafts: names of banks and carriers
    message = "Spell out “{match}” the first time, or use plain words."
    rationale = "Define jargon and acronyms (S1); clear, simple messages are key (E3)."
    guidelines = ("S1", "E3")
    examples = Examples(
        fail=("Hi Ana,\n\nYour claim is with the [[AIP]] team now.\n\nBest regards,\nTom",),
        pass_=(
            "Hi Ana,\n\nYour claim is with the Approved Insurance Partner (AIP) team. The AIP "
            "team replies by Friday.\n\nBest regards,\nTom",
            "Hi Ana,\n\nThe price includes VAT.\n\nBest regards,\nTom",
        ),
    )
    options = {"known": []}
    needs_nlp = True  # the parse tells an acronym that modifies a noun (English)
    any_language = True  # acronyms are written in capitals in every script

    @property
    def reads_background(self) -> bool:
        """It asks the grammar helper for word frequencies: it runs once the helper is free."""
        return True

    def check(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.doc.text
        own = [p.span for p in ctx.doc.own_parts]
        prose = " ".join(text[s.start : s.end] for s in own)
        known = set(known_acronyms(ctx.analysis.language)) | {
            str(k).upper() for k in ctx.options.get("known", [])
        }
        if ctx.doc.customer is not None:  # the customer used it, so the customer knows it
            known.update(_acronym(m) for m in _CAPS_WORD.finditer(ctx.doc.customer.text))
        shouted = {m.span() for s in own for m in _CAPS_RUN.finditer(text, s.start, s.end)}
        english = ctx.analysis.language == "en"  # the parse reads English only
        seen: set[str] = set()
        for span in own:
            for match in _CAPS_WORD.finditer(text, span.start, span.end):
                word = _acronym(match)
                if word in seen or word in known or _inside(match.span(), shouted):
                    continue
                if _IDENTIFIER_TAIL.match(text, match.end()) or any(c.isdigit() for c in word):
                    continue  # a flight, route, reference or SMS code: "CJ 214", "AT-551287", "DK JP7"
                if _AFTER_NUMBER.search(text, max(0, match.start() - 2), match.start()):
                    continue  # a unit or time of day after a number: "12 NN", "40 GB"
                if _NAME_TAIL.match(text, match.end()):
                    continue  # part of a name: "the SS Corvina", "your CEA Card"
                named = english and _names_a_kind(ctx.analysis.reply, match.start())
                if named and zipf(word.lower()) >= KIND_NAMED:
                    continue  # its noun says what it is: "the DHL hub", "a CSV export"
                seen.add(word)
                if english and len(word) >= 4 and readability.is_dictionary_word(word):
                    continue  # a shouted word, not an acronym
                if not english and _in_language(word, ctx.analysis.language):
                    continue  # a word of the draft's language in capitals ("PARCELAR"), or its acronym
                if (english or len(word) >= 3) and zipf(word.lower()) >= WIDELY_KNOWN:
                    continue  # in everyday use: AI, NPR, FAQ, or a shouted "ONE"
                if _is_defined(word, prose):
                    continue
                yield Hit(Span(match.start(), match.start() + len(word)), self.message.format(match=word))


SHOUTED_WORD = 2.0
"""Zipf frequency in the draft's language from which a capitalised word of four letters or
more is one of its words, shouted, not an acronym ("PARCELAR")."""


def _in_language(word: str, language: str) -> bool:
    """Whether a capitalised word is a word, or an everyday acronym, of the draft's language
    (wordfreq's list for it). Two letters must be: in English lists they are mostly other
    words ("CA", "WO", "OB")."""
    from cscomm.language_packs import language_packs

    pack = language_packs().get(language)
    if pack is None:
        return False
    frequency = zipf(word.lower(), pack.wordfreq)
    return frequency >= WIDELY_KNOWN or (len(word) >= 4 and frequency >= SHOUTED_WORD)


def _acronym(match: re.Match[str]) -> str:
    """The acronym a capitalised word spells, without a plural or possessive ending."""
    return _PLURAL_ENDING.sub("", match.group())


def _inside(span: tuple[int, int], spans: set[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _names_a_kind(reply: Doc | None, start: int) -> bool:
    """Whether the acronym at ``start`` modifies a noun after it ("the DHL hub", "a CSV
    export"): the noun tells the customer what kind of thing it is, so a known acronym can stay.
    A team's name is still jargon ("the AIP team"): it names a part of the company the
    customer cannot know."""
    if reply is None:
        return False
    span = reply.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    token = span[0]
    head = token.head
    return (
        token.dep_ in ("compound", "nmod", "amod")
        and head.i > token.i
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in _COMPANY_UNITS
    )


def _is_defined(acronym: str, prose: str) -> bool:
    """'Average Issue Price (AIP)' or 'AIP (average issue price)' defines it."""
    if f"({acronym})" in prose:
        return True
    after = re.search(rf"\b{re.escape(acronym)}\s*\(([^)]+)\)", prose)
    if after:
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", after.group(1))).upper()
        return acronym[0] in initials
    return False


class AllCapsShouting(Rule):
    """A phrase or sentence in capitals, which reads as shouting.

    Capitals that are not prose are left alone: a heading on its own line ("NEXT STEPS"),
    a bracketed label or placeholder ("(CUSTOMER NAME)"), a link, a known acronym. A single
    capitalised word is usually a name or a brand ("LEGO"), or emphasis a careful writer
    might choose ("ONE person"); the ``single-words`` option flags those that are
    dictionary words too.
    """

    code = "CL006"
    name = "all-caps-shouting"
    category = Category.CLARITY
    severity = Severity.WARNING
    message = "Capitals read as shouting: “{match}”. Use normal case, or bold for emphasis."
    rationale = "Stay professional and courteous at all times (G1, L3); capitals read as shouting."
    guidelines = ("G1", "L3", "P7")
    examples = Examples(
        fail=(
            "Hi Ana,\n\n[[DO NOT]] reply to this email.\n\nBest regards,\nTom",
            "Hi Ana,\n\nYour parcel is [[NOT LOST]]. It is at the depot.\n\nBest regards,\nTom",
        ),
        pass_=(
            "Hi Ana,\n\nThe price includes UK VAT.\n\nBest regards,\nTom",
            "Hi Ana,\n\nWHAT HAPPENED\n\nThe depot closed early.\n\nBest regards,\nTom",
            "Hi Ana,\n\nThanks, (CUSTOMER NAME), for writing.\n\nBest regards,\nTom",
            'Hi Ana,\n\nThe refund shows as "ACME PAY REFUND" on your statement.\n\nBest regards,\nTom',
            "Hi Ana,\n\nWe no longer make that LEGO set.\n\nBest regards,\nTom",
            "Hi Ana,\n\nPlease give it to ONE person only.\n\nBest regards,\nTom",
        ),
    )
    options = {"known": [], "single-words": False}
    any_language = True

    def check(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.doc.text
        if ctx.analysis.language != "en":
            yield from _shouted_in_any_language(ctx)
            return
        known = set(known_acronyms(ctx.analysis.language)) | {
            str(k).upper() for k in ctx.options.get("known", [])
        }
        for part in ctx.doc.own_parts:
            runs = [
                run
                for run in _CAPS_RUN.finditer(text, part.span.start, part.span.end)
                if not _is_label(text, run.start(), run.end())
            ]
            for run in runs:
                words = re.findall(r"[A-Z]+", run.group())
                if any(w not in known and len(w) >= 2 and readability.is_dictionary_word(w) for w in words):
                    yield Hit(Span(*run.span()), self.message.format(match=run.group()))
            if not ctx.options.get("single-words"):
                continue
            for match in _CAPS_WORD.finditer(text, part.span.start, part.span.end):
                word = match.group()
                if _inside(match.span(), {r.span() for r in runs}) or word in known:
                    continue
                if _is_label(text, *match.span()):
                    continue
                if len(word) >= 4 and word.isalpha() and readability.is_dictionary_word(word):
                    yield Hit(Span(*match.span()), self.message.format(match=word))


_OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">", '"': '"', "“": "”", "'": "'", "‘": "’", "«": "»"}
"""Brackets around a label or placeholder, and quotation marks around a literal: what a
statement or a screen shows ("HLB GOODWILL"), quoted, not said in capitals."""
_LINK = re.compile(r"(?<!\S)\S*(?:://|www\.|\.[a-z]{2,4}\b)\S*")
_HEADING_WORDS = 6
_COMMANDING = re.compile(r"\b(?:PLEASE|MUST|NOT|NEVER|DON'T)\b")


def _is_label(text: str, start: int, end: int) -> bool:
    """Capitals that label rather than speak: inside brackets or quotation marks, inside a
    link, or a heading (a short line with no sentence punctuation that gives no command:
    "WHAT YOU NEED TO DO", not "PLEASE BRING YOUR ID")."""
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    if before and after and _OPENERS.get(before[-1]) == after[0]:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if any(link.start() <= start - line_start < link.end() for link in _LINK.finditer(line)):
        return True
    heading = len(line.split()) <= _HEADING_WORDS and not line.rstrip().endswith((".", "!", "?", ","))
    return heading and not _COMMANDING.search(line)


_UPPER_RUN = re.compile(r"(?<![^\W\d_])[^\W\d_]{2,}(?:[ \t,:!]+(?:\d[\d.,]*[ \t]+)?[^\W\d_]{2,})+")
_SHOUTED_WORDS = 3
"""Capitalised words in a row that shout in a language cscomm has no dictionary for: three,
so that a pair of acronyms ("OTP SMS") does not."""


def _english_word(word: str) -> bool:
    """An everyday English word: common, in the pronouncing dictionary ("VT" and "TP" are
    common as abbreviations only), and not an acronym a customer knows."""
    return (
        word not in known_acronyms()
        and zipf(word.lower()) >= WIDELY_KNOWN
        and readability.is_dictionary_word(word)
    )


def _shouted_in_any_language(ctx: Context) -> Iterator[Hit]:
    """Runs of three or more words in capitals, in any script that has them (ATENÇÃO, KHÔNG)."""
    text = ctx.doc.text
    for part in ctx.doc.own_parts:
        for match in _UPPER_RUN.finditer(text, part.span.start, part.span.end):
            run: list[re.Match[str]] = []
            for word in re.finditer(r"[^\W\d_]+", match.group()):
                if word.group().isupper() and len(word.group()) >= 2:
                    run.append(word)
                    continue
                yield from _run_hit(ctx, match.start(), run)
                run = []
            yield from _run_hit(ctx, match.start(), run)


def _run_hit(ctx: Context, offset: int, run: list[re.Match[str]]) -> Iterator[Hit]:
    """A run of capitalised words that shouts: three or more, or two English words
    ("NO REFUND" in a Thai reply shouts as it would in English)."""
    if len(run) < _SHOUTED_WORDS and not (len(run) == 2 and all(_english_word(w.group()) for w in run)):
        return
    start, end = offset + run[0].start(), offset + run[-1].end()
    if not _is_label(ctx.doc.text, start, end):
        yield Hit(Span(start, end), AllCapsShouting.message.format(match=ctx.doc.text[start:end]))
