"""Language packs: the courtesy forms of the languages besides English, as data.

Each pack is ``rules/<lang>/language.yml``: the language's salutations, sign-offs, ways of
thanking, memo header labels and memo titles, and the forms that state a next step, as
regular expressions. The document parser adds them to
its English forms, so a Portuguese "Prezada Sra. Lima," is a greeting and "Atenciosamente,"
a sign-off; the rules that need no more than that check drafts in those languages too.

A form may name a list instead of spelling it out: ``{you}`` is the pack's ``you`` key (the
ways of addressing the customer), and ``{weekday}``, ``{month}`` and ``{ahead}`` (tomorrow,
next week…) come from ``calendar.yml``, generated from the Unicode CLDR by
``scripts/gen_calendar.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from cscomm.errors import RulePackError
from cscomm.resources import rules_dir

UNSPACED = frozenset({"th"})
"""Languages written without spaces between words: their forms match anywhere."""
KEYS = (
    "salutations",
    "titles",
    "sign-offs",
    "thanks",
    "memo-headers",
    "memo-titles",
    "end-notes",
    "next-steps",
)
CALENDAR_KEYS = ("weekday", "month", "ahead")
_NAMED_LIST = re.compile(r"\{([a-z]+)\}")


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """One language's courtesy forms (regular expressions)."""

    code: str
    name: str
    wordfreq: str
    """wordfreq's code for the language (Tagalog: "fil"), whose words are no misspellings."""
    languagetool: str
    """LanguageTool's tag for the language ("pt-BR"), or "" when it has none."""
    tone_marks: str
    """The combining marks that carry a syllable's tone (Vietnamese), or "": a syllable the
    word list has not seen, with another of them, is a slip (``cscomm.tone_marks``)."""
    accents: str
    """The combining marks the language's words carry (Portuguese: acute, circumflex, tilde,
    grave, cedilla), or "": a bare word far rarer than the same word with them has lost
    them (``cscomm.accents``)."""
    identified_as: frozenset[str]
    """The identifier's codes for the language and for the near relatives it confuses with
    it in this language's mail (Tagalog mixed with English reads partly as Central Bikol)."""
    salutations: tuple[str, ...]
    titles: tuple[str, ...]
    """The reader's titles, which open a greeting with the name alone ("Gng. Valdez,")."""
    sign_offs: tuple[str, ...]
    thanks: tuple[str, ...]
    memo_headers: tuple[str, ...]
    memo_titles: tuple[str, ...]
    end_notes: tuple[str, ...]
    """A letter's notations below the signature ("Anexos:", "Nơi nhận:")."""
    next_steps: tuple[str, ...]

    def forms(self, key: str) -> tuple[str, ...]:
        """The forms under a file key ("thanks", "sign-offs", …)."""
        return tuple(getattr(self, key.replace("-", "_")))


@functools.cache
def language_packs() -> dict[str, LanguagePack]:
    """Every language pack shipped in ``rules/<lang>/language.yml``, by language code."""
    from cscomm.checks.packs import load_yaml

    packs = {}
    for path in sorted(rules_dir().glob("*/language.yml")):
        data = load_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("language"), str):
            raise RulePackError(f"{path}: a language pack needs a 'language' code")
        lists = _named_lists(data, path)
        forms = {}
        for key in KEYS:
            values = [expand(value, lists, path, key) for value in _patterns(data, key, path)]
            for value in values:
                try:
                    re.compile(value)
                except re.error as exc:
                    raise RulePackError(f"{path}: key {key!r}: bad pattern {value!r} ({exc})") from None
            forms[key.replace("-", "_")] = tuple(values)
        code = data["language"]
        name, wordfreq = str(data.get("name", code)), str(data.get("wordfreq", code))
        languagetool, tone_marks = str(data.get("languagetool", "")), str(data.get("tone-marks", ""))
        accents = str(data.get("accents", ""))
        identified_as = frozenset({code, *map(str, data.get("identified-as") or ())})
        packs[code] = LanguagePack(
            code, name, wordfreq, languagetool, tone_marks, accents, identified_as, **forms
        )
    return packs


def named_lists(code: str) -> dict[str, list[str]]:
    """The lists a form of ``code``'s pack may name (``{you}``, ``{weekday}``…); none when
    the language has no pack."""
    from cscomm.checks.packs import load_yaml

    path = rules_dir() / code / "language.yml"
    data = load_yaml(path) if path.is_file() else None
    return _named_lists(data, path) if isinstance(data, dict) else {}


def _named_lists(data: dict[str, object], path: Path) -> dict[str, list[str]]:
    return {"you": _patterns(data, "you", path), **_calendar(path.parent / "calendar.yml")}


def _patterns(data: dict[str, object], key: str, path: Path) -> list[str]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RulePackError(f"{path}: key {key!r} must be a list of patterns")
    return values


def _calendar(path: Path) -> dict[str, list[str]]:
    """The named lists of a pack's ``calendar.yml`` (none when the pack has no such file)."""
    from cscomm.checks.packs import load_yaml

    if not path.is_file():
        return {}
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: expected a mapping")
    return {key: _patterns(data, key, path) for key in CALENDAR_KEYS}


def expand(form: str, lists: dict[str, list[str]], path: Path, key: str) -> str:
    """``form`` with each ``{name}`` replaced by the named list as one alternation."""

    def alternation(match: re.Match[str]) -> str:
        name = match.group(1)
        if not lists.get(name):
            raise RulePackError(f"{path}: key {key!r}: {{{name}}} names no list of this pack")
        return "(?:" + "|".join(lists[name]) + ")"

    return _NAMED_LIST.sub(alternation, form)


def all_forms(key: str) -> tuple[str, ...]:
    """The forms under ``key`` in every language pack, for the parser's patterns."""
    return tuple(form for pack in language_packs().values() for form in pack.forms(key))


WORD_START = r"(?<!\w)"
WORD_END = r"(?![^\W\d_])"
"""A form is a whole word or phrase: no letter right before or after it. A digit may follow,
so a form that ends in a digit reads the start of a number ("trước \\d" in "trước 21 giờ")."""


@functools.cache
def pattern(code: str, key: str) -> re.Pattern[str] | None:
    """One language's forms under ``key`` as one case-insensitive pattern (None without any),
    each a whole word or phrase in languages written with spaces ("basta" is not in
    "bastante")."""
    pack = language_packs().get(code)
    forms = pack.forms(key) if pack else ()
    start, end = ("", "") if code in UNSPACED else (WORD_START, WORD_END)
    return re.compile("|".join(f"{start}(?:{f}){end}" for f in forms), re.IGNORECASE) if forms else None


@dataclass(frozen=True, slots=True)
class QuestionForms:
    """One language's forms of questions, requests and answers (``rules/<lang>/questions.yml``),
    compiled: case-insensitive, and held to word boundaries in languages written with spaces.

    ``asks`` maps what a question asks for (time, place, amount, reason, method) to the words
    that ask it; ``answers`` maps a kind of answer (those, plus done, refusal and yes-no) to
    the words that give it.
    """

    code: str
    asks: dict[str, re.Pattern[str]]
    cues: re.Pattern[str] | None
    requests: re.Pattern[str] | None
    skip: re.Pattern[str] | None
    answers: dict[str, re.Pattern[str]]
    sentence_ends: tuple[str, ...]
    stem: Stemming | None = None
    stop_words: frozenset[str] = frozenset()
    """Function words the language's spaCy stop list lacks ("po", "yung", "ครับ")."""
    clause_breaks: re.Pattern[str] = re.compile(r"\s*[,;]\s+")
    """Where one sentence may join two questions: a comma or semicolon, or a joining word of
    the pack's ``joins`` ("và": "… không và có phải …?")."""
    particles: Particles | None = None
    """A language whose sentences end in a particle that differs for a question and a
    statement (Thai "คะ" and "ค่ะ")."""


@dataclass(frozen=True, slots=True)
class Particles:
    """The sentence-final particle of a question, its form in a statement, and the words
    after which the question's form ends any sentence (Thai "นะคะ")."""

    question: str
    statement: str
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stemming:
    """How a language's words are cut to a stem before they are compared: affixes off
    (Tagalog "nag-", "-in-", "ba-bayad"), then the first ``length`` letters (Portuguese
    "cancelar" and "cancelamento" meet at "cance")."""

    length: int
    prefixes: tuple[str, ...] = ()
    infixes: tuple[str, ...] = ()
    reduplication: bool = False


@functools.cache
def question_forms(code: str) -> QuestionForms | None:
    """The question forms of a language pack, or ``None`` when it has none."""
    from cscomm.checks.packs import load_yaml

    path = rules_dir() / code / "questions.yml"
    if not path.is_file():
        return None
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: expected a mapping")
    bounded = code not in UNSPACED

    def compiled(key: str, forms: object) -> re.Pattern[str] | None:
        if forms is None:
            return None
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise RulePackError(f"{path}: key {key!r} must be a list of patterns")
        joined = "|".join(f"{WORD_START}(?:{f}){WORD_END}" if bounded else f"(?:{f})" for f in forms)
        try:
            return re.compile(joined, re.IGNORECASE)
        except re.error as exc:
            raise RulePackError(f"{path}: key {key!r}: bad pattern ({exc})") from None

    def kinds(key: str) -> dict[str, re.Pattern[str]]:
        table = data.get(key) or {}
        if not isinstance(table, dict):
            raise RulePackError(f"{path}: key {key!r} must map kinds to lists of patterns")
        found = {kind: compiled(f"{key}.{kind}", forms) for kind, forms in table.items()}
        return {kind: p for kind, p in found.items() if p is not None}

    ends = data.get("sentence-ends") or []
    stem = data.get("stem")
    if stem is not None and not (isinstance(stem, dict) and isinstance(stem.get("length"), int)):
        raise RulePackError(f"{path}: key 'stem' needs a 'length' (letters kept)")
    return QuestionForms(
        code=code,
        asks=kinds("asks"),
        cues=compiled("cues", data.get("cues")),
        requests=compiled("requests", data.get("requests")),
        skip=compiled("skip", data.get("skip")),
        answers=kinds("answers"),
        sentence_ends=tuple(str(e) for e in ends),
        stem=Stemming(
            length=stem["length"],
            prefixes=tuple(sorted(map(str, stem.get("prefixes", ())), key=len, reverse=True)),
            infixes=tuple(map(str, stem.get("infixes", ()))),
            reduplication=bool(stem.get("reduplication", False)),
        )
        if stem
        else None,
        stop_words=frozenset(str(w).casefold() for w in data.get("stop-words") or ()),
        clause_breaks=_clause_breaks(compiled("joins", data.get("joins"))),
        particles=_particles(data.get("particles"), path),
    )


def _particles(data: object, path: Path) -> Particles | None:
    if data is None:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("question", "statement")):
        raise RulePackError(f"{path}: key 'particles' needs a 'question' and a 'statement' particle")
    return Particles(str(data["question"]), str(data["statement"]), tuple(map(str, data.get("after") or ())))


def _clause_breaks(joins: re.Pattern[str] | None) -> re.Pattern[str]:
    """A comma or semicolon, or one of the joining words between spaces."""
    words = rf"|\s+(?:{joins.pattern})\s+" if joins is not None else ""
    return re.compile(rf"\s*[,;]\s+{words}", re.IGNORECASE)
