"""SG rules for the grammar backend's matches: one rule per code in backend-map.yml."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from cscomm.backends.base import BackendMatch
from cscomm.backends.base import Category as BackendCategory
from cscomm.backends.mapping import CodeMapping, load_backend_map
from cscomm.checks.base import Context, Examples, Hit, Rule
from cscomm.document import Span
from cscomm.errors import RulePackError
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability, Fix, replacement

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class BackendRule(Rule):
    """Reports the backend matches whose category maps to this rule's code."""

    backend_categories: ClassVar[frozenset[BackendCategory]] = frozenset()
    message_prefix: ClassVar[str] = ""
    needs_grammar: ClassVar[bool] = True
    needs_nlp: ClassVar[bool] = True  # the parse overrules some matches (not needed to run)
    any_language: ClassVar[bool] = True  # in another language, the backend reads its English sentences

    def check(self, ctx: Context) -> Iterator[Hit]:
        reply = ctx.analysis.reply if ctx.analysis.has_parser else None
        # English word frequencies judge a slip; LanguageTool reads a pt or tl draft in its own language
        english = ctx.analysis.language == "en" or ctx.analysis.grammar_backend != "languagetool"
        for match in ctx.analysis.grammar or ():
            word = ctx.doc.text[match.start : match.end]
            if match.category in self.backend_categories and not (
                (reply is not None and contradicted_by_parse(match, reply)) or counted_in_use(match, word)
            ):
                prefix = f"{self.message_prefix}: " if self.message_prefix else ""
                unsure = match.category is BackendCategory.MISSPELLING and (
                    not clear_slip(word, match.replacements[:3]) or _repeated(ctx, word)
                )
                if unsure and english and not ctx.options.get("rare-words", False):
                    continue  # right 2 times in 14 on unseen drafts: mostly trade words and names
                yield Hit(
                    Span(match.start, match.end),
                    f"{prefix}{match.message}" + (_RARE_WORD if unsure else ""),
                    suggestions=tuple(match.replacements[:3]),
                    origin=f"{ctx.analysis.grammar_backend}:{match.rule_id}",
                    unsure=unsure,
                    fix=_fix(ctx.doc.text, match, unsure),
                )


def _repeated(ctx: Context, word: str) -> bool:
    """Whether the writer uses ``word`` more than once: a slip of the keys does not repeat
    itself, a term the checker lacks does ("plunker" for a code playground)."""
    whole = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    text = ctx.doc.text
    return sum(len(whole.findall(text, p.span.start, p.span.end)) for p in ctx.doc.own_parts) > 1


SAFE_BACKEND_RULES = frozenset(
    {
        "Spaces",
        "NoFrenchSpaces",
        "CommaFixes",
        "EllipsisLength",
        "WHITESPACE_RULE",
        "COMMA_PARENTHESIS_WHITESPACE",
    }
)
"""Backend rules (Harper's, then LanguageTool's) whose one replacement only mends spacing or
punctuation: safe. Harper's RepeatedWords, off by default, is not: it also flags "had had"
and "that that" (``SG116 doubled-word`` knows the grammatical doubles, and its fix is safe)."""
SAFE_SPELLING_LENGTH = 5
"""Shorter misspellings have many near words, and the intended one may not be among the
suggestions ("jist" for "gist" gets "just"): their fixes are unsafe."""


def _fix(text: str, match: BackendMatch, unsure: bool) -> Fix | None:
    """Safe: a sure misspelling (long enough, or a contraction without its apostrophe) with
    exactly one certain correction, or a spacing or punctuation mend. Unsafe: any other
    match with exactly one replacement."""
    word = text[match.start : match.end]
    if match.category is BackendCategory.MISSPELLING and not unsure:
        certain = [s for s in match.replacements[:3] if clear_slip(word, (s,))]
        contraction = any(_unapostrophed(s) == word.lower() for s in certain)
        if len(certain) == 1 and (len(word) >= SAFE_SPELLING_LENGTH or contraction):
            return replacement(text, match.start, match.end, certain[0], Applicability.SAFE)
    if len(match.replacements) != 1:
        return None
    safe = match.rule_id in SAFE_BACKEND_RULES and match.category is not BackendCategory.MISSPELLING
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    return replacement(text, match.start, match.end, match.replacements[0], applicability)


def _unapostrophed(word: str) -> str:
    return word.lower().replace("'", "").replace("\u2019", "")


_RARE_WORD = " (Unsure: no far commoner word is a slip away; it may be a rare word or a name.)"
CLEAR_GAP = 2.0
"""How much commoner (Zipf units, ~30×) a suggestion a slip away must be for a word to be
its certain misspelling ("ammount", "definetly"); otherwise the word may be a rare one the
checker lacks ("varifocals", "sessional", "combi"), and the finding is a suggestion."""


COMMON = 3.0
"""Zipf frequency at which a word is in everyday use, though the checker lacks it."""


def clear_slip(word: str, suggestions: Sequence[str]) -> bool:
    """Whether ``word`` is a slip away from a far commoner suggestion (see :func:`_near`)."""
    from cscomm.word_frequency import zipf

    lower = word.lower()
    if any(_unapostrophed(s) == lower for s in suggestions):
        return True  # "dont", "isnt": a contraction without its apostrophe
    own = zipf(lower)
    if own >= COMMON:
        return False  # "comms": a word in everyday use that the checker lacks
    return any(_near(word, s) and zipf(s.lower()) - own >= CLEAR_GAP for s in suggestions)


def _near(word: str, suggestion: str) -> bool:
    """One letter apart, or a slip and one more edit in a long word in lower case ("definetly";
    not a name, nor a short word, where two changes reach too many other words)."""
    from cscomm.word_frequency import one_edit, slip_and_edit

    lower, meant = word.lower(), suggestion.lower()
    if one_edit(lower, meant):
        return True
    return len(word) >= TWO_SLIPS_FROM and word.islower() and slip_and_edit(lower, meant)


TWO_SLIPS_FROM = 7
"""How long a word must be for a suggestion a slip and one more change away to be its certain
correction."""


def counted_in_use(match: BackendMatch, word: str) -> bool:
    """Whether a noun the backend calls uncountable ("a briefing") is counted in use: its
    plural is nearly as common as the word. In wordfreq's lists the plurals of countable
    nouns run 0.4-0.8 Zipf below the singular (briefing, meeting, refund, booking,
    update, warning); those of mass nouns 1.0-3.3 (help, support, advice, information,
    equipment, luggage)."""
    from cscomm.verb_tables import s_form
    from cscomm.word_frequency import zipf

    if match.rule_id != "MassNouns":
        return False
    noun = word.split()[-1].lower() if word.strip() else ""
    return bool(noun) and zipf(s_form(noun)) >= zipf(noun) - COUNTED_GAP


COUNTED_GAP = 0.9
"""How far (Zipf) below a noun its plural may fall for the noun to count as countable."""


_NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound"})
_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
_OBJECTS = frozenset({"dobj", "pobj"})


def contradicted_by_parse(match: BackendMatch, reply: Doc) -> bool:
    """Whether the dependency parse shows the flagged words are used correctly, for
    backend rules that judge a word by its neighbours alone."""
    span = reply.char_span(match.start, match.end, alignment_mode="expand")
    if span is None:
        return False
    if match.rule_id == "QuantifierNumeralConflict":  # "a little one": "one" heads a noun phrase
        return any(t.lower_ in {"one", "ones"} and t.dep_ not in _NUMBER_DEPS for t in span)
    if match.rule_id == "ToTwoToo":  # "comes to roughly £150", "back to normal": a preposition
        return any(
            t.lower_ == "to" and t.dep_ == "prep" and any(c.dep_ == "pobj" for c in t.children) for t in span
        )
    if match.rule_id == "TheirToThere":  # "before their right-to-work check": it owns a noun
        return any(t.lower_ == "their" and t.dep_ == "poss" and t.head.pos_ == "NOUN" for t in span)
    if match.rule_id == "AnA":  # "the short ones (bag A)": a letter that labels, not an article
        return all(t.dep_ != "det" for t in span if t.lower_ in {"a", "an"})
    if match.rule_id == "ItsPossessive":  # "It's basic common sense": opening "it is"
        return any(t.lower_ == "it" and t.is_sent_start for t in span)
    if match.rule_id == "PossessiveYour":  # "we wrote to you four times": an object
        return any(t.lower_ == "you" and t.dep_ == "pobj" for t in span)
    if match.rule_id == "Everyone":  # "every one of them": one of a group
        return span.end < len(reply) and reply[span.end].lower_ == "of"
    if match.rule_id == "PhrasalVerbAsCompoundNoun":  # "Setup takes 15 minutes": a noun, rightly closed
        return any(
            _modifies_later_noun(t)  # "Backup codes", whatever the tagger calls "Backup"
            or (
                t.pos_ in {"NOUN", "PROPN"}
                and (t.dep_ in _NOUN_ROLES or any(c.dep_ in {"det", "poss"} for c in t.children))
            )
            for t in span
        )
    if match.rule_id == "PronounVerbAgreement":  # "Serving you is our priority": a gerund's object
        verbs = [t for t in span if t.pos_ in {"VERB", "AUX"}]
        return any(
            any(c.dep_ == "csubj" for c in t.children) or (t.i > 0 and reply[t.i - 1].dep_ in _OBJECTS)
            for t in verbs
        )
    if match.rule_id == "DoubleModal":  # "before 31 May will": the month, not the verb
        return any(t.text == "May" and not t.is_sent_start for t in span)
    if match.rule_id == "YourPredicateAdjective":  # "your kind message": the adjective has its noun
        return span.end < len(reply) and _modifies_later_noun(reply[span.end])
    if match.rule_id == "RepeatedWords":  # "Koh Phi Phi", "Bora Bora": a name mid-sentence
        words = [t for t in span if not t.is_space]
        return not words[0].is_sent_start and all(t.text[:1].isupper() for t in words)
    return False


def _modifies_later_noun(token: Token) -> bool:
    """Whether ``token`` modifies a noun after it ("kind" in "your kind words", tagged an
    adjective or, as often, a noun of a compound)."""
    head = token.head
    return token.dep_ in {"amod", "compound"} and head.i > token.i and head.pos_ in {"NOUN", "PROPN"}


_EXAMPLES = {
    "SG001": Examples(
        fail=("Hi Sam,\n\nThanks. We [[recieved]] your order.\n\nBest regards,\nAna",),
        pass_=("Hi Sam,\n\nThanks. We received your order.\n\nBest regards,\nAna",),
    ),
    "SG002": Examples(
        fail=("Hi Sam,\n\nThanks. The parcel is on [[it's]] way.\n\nBest regards,\nAna",),
        pass_=("Hi Sam,\n\nThanks. The parcel is on its way.\n\nBest regards,\nAna",),
    ),
    "SG003": Examples(
        fail=("Hi Sam,\n\nThanks. Hello , your parcel left today.\n\nBest regards,\nAna",),
        pass_=("Hi Sam,\n\nThanks. Hello, your parcel left today.\n\nBest regards,\nAna",),
    ),
    "SG004": Examples(
        fail=("Hi Sam,\n\nThanks. [[All of the]] items shipped today.\n\nBest regards,\nAna",),
        pass_=("Hi Sam,\n\nThanks. All the items shipped today.\n\nBest regards,\nAna",),
    ),
    "SG005": Examples(
        fail=("Hi Sam,\n\nThanks for writing. [[your]] order shipped today.\n\nBest regards,\nAna",),
        pass_=("Hi Sam,\n\nThanks for writing. Your order shipped today.\n\nBest regards,\nAna",),
    ),
}


def backend_rules(map_path: Path) -> tuple[type[Rule], ...]:
    """One rule class per SG code in the backend map."""
    try:
        table = load_backend_map(map_path)
    except ValueError as exc:
        raise RulePackError(str(exc)) from None
    by_code: dict[str, list[CodeMapping]] = {}
    for mapping in table.values():
        by_code.setdefault(mapping.code, []).append(mapping)
    return tuple(_rule_class(code, entries, map_path) for code, entries in sorted(by_code.items()))


def _rule_class(code: str, entries: list[CodeMapping], origin: Path) -> type[Rule]:
    first = entries[0]
    kinds = ", ".join(sorted(e.backend_category.value for e in entries))
    categories = frozenset(e.backend_category for e in entries)
    attrs: dict[str, object] = {
        "code": code,
        "name": first.name,
        "category": Category(first.category),
        "severity": Severity.parse(first.severity),
        "message": f"{first.message_prefix or first.name} reported by the grammar backend.",
        "rationale": (
            f"Check spelling and grammar before sending (L4, E1). Reports the grammar "
            f"backend's {kinds} findings; its own rule id is the finding's origin."
        ),
        "guidelines": ("L4", "E1"),
        "examples": _EXAMPLES.get(code, Examples()),
        "backend_categories": categories,
        "message_prefix": first.message_prefix,
        "opt_in": first.opt_in,
        "pack": "grammar",
        "origin": str(origin),
    }
    if BackendCategory.MISSPELLING in categories:
        # rare-words: also report, as unsure suggestions, words the checker rejects that are
        # one letter from no far commoner word ("varifocals", "diverter", "moqueca")
        attrs["options"] = {"rare-words": False}
    return type("".join(w.capitalize() for w in first.name.split("-")), (BackendRule,), attrs)
