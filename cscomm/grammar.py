"""Spelling and grammar: run the configured backend on a draft's own text, then filter.

The backend sees the agent's prose only (quoted text, signature and headers are
blanked, offsets unchanged). Matches on names, codes, addresses and dictionary words
are dropped before they become SG findings.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cscomm import word_frequency
from cscomm.backends.base import BackendMatch, Category, GrammarBackend
from cscomm.config import Config
from cscomm.document import Document, PartKind
from cscomm.errors import ConfigError
from cscomm.limits import pieces
from cscomm.resources import rules_dir
from cscomm.span_index import Overlaps

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NOT_PROSE = re.compile(  # each branch starts only where its run of characters starts: linear time
    r"(?<![\w.%+'-])[\w.%+'-]{1,64}@[\w-]+(?:\.[\w-]+)+"  # email addresses
    r"|(?:https?://|www\.)\S+"  # links
    r"|(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{2,}/\S*"  # links without a scheme: shop.example/gift
    r"|(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|info|biz|io|app|dev|shop|online|site)(?![\w-])"
    r"|(?<![\w@.-])(?:[a-z0-9-]+\.){2,}[a-z]{2}(?![\w-])"  # bare domains: help.example.com, gov.ph
    r"|(?<![\w-])[\w-]*\d[\w-]*"  # order numbers, ticket ids, postcodes
)
_LIST_MARKER = re.compile(r"\s*(?:[-*•–]|\d{1,2}[.)]|[a-z][.)])\s+")
BACKEND_PIECE_CHARS = 10_000
ANY_ENGLISH = frozenset({"en", "en-any"})
"""Language tags that accept both American and British spelling."""
_WORD_START = re.compile(r"(?<![\w'’-])[^\W\d_]{2,}\b")
_SENTENCE_OPENERS = frozenset('.!?:;"“\n>•*-–')
"""What a word follows when it opens a sentence, a line or a list item."""
_NAME_PARTS = frozenset({PartKind.GREETING, PartKind.SIGNATURE, PartKind.HEADER, PartKind.SUBJECT})


@dataclass(frozen=True, slots=True)
class GrammarChecker:
    """A backend plus the words that are never misspellings."""

    backend: GrammarBackend
    language: str = "en-US"
    dictionary: frozenset[str] = frozenset()
    ignored_rules: frozenset[str] = frozenset()

    def matches(
        self,
        doc: Document,
        only: Sequence[tuple[int, int]] | None = None,
        mixed_with: str = "",
        language: str | None = None,
    ) -> list[BackendMatch]:
        """Backend matches on ``doc``'s own prose, as file offsets, filtered; with ``only``,
        on those spans of it alone (the English sentences of a draft in another language).
        ``mixed_with`` names that language (wordfreq's code): its words are no misspellings.
        ``language`` (a backend tag such as "pt-BR") checks the prose in that language."""
        text = doc.masked_text()
        if only is not None:
            text = _keep(text, only)
        if not text.strip():
            return []
        protected = Overlaps([m.span() for m in _NOT_PROSE.finditer(text)])
        matches = [
            m
            for m in check_in_pieces(self.backend, text, language or self._dialect)
            if not self._ignored(m)
            and not protected.hit(m.start, m.end)
            and not (m.category is Category.TYPOGRAPHY and _starts_list_item(text, m.start))
        ]
        matches = [m for m in matches if not (m.category is Category.GRAMMAR and _names_a_name(text, m))]
        if any(m.category is Category.MISSPELLING for m in matches):
            known = self.dictionary | _names(doc)
            matches = [
                m
                for m in matches
                if not (m.category is Category.MISSPELLING and _is_known_word(text, m, known))
            ]
        if language is None and self.language in ANY_ENGLISH:
            matches = self._drop_attested(text, matches)
            matches = self._drop_british_spellings(text, matches)
        if mixed_with:
            matches = [m for m in matches if not _word_of(text, m, mixed_with)]
        return matches

    def _drop_attested(self, text: str, matches: list[BackendMatch]) -> list[BackendMatch]:
        """Drop misspellings that the word-frequency lexicon knows as English words (see
        :mod:`cscomm.word_frequency`), asked of the backend's helper process when it has one."""
        asked = [m for m in matches if m.category is Category.MISSPELLING and text[m.start : m.end].isalpha()]
        if not asked:
            return matches
        words = [(text[m.start : m.end], m.replacements) for m in asked]
        remote = getattr(self.backend, "attested", None)
        if remote is not None:
            verdicts = remote(words)
        else:
            from cscomm.word_frequency import attested

            verdicts = [attested(word, suggestions) for word, suggestions in words]
        known = {id(m) for m, verdict in zip(asked, verdicts, strict=True) if verdict}
        return [m for m in matches if id(m) not in known]

    @property
    def _dialect(self) -> str:
        return "en-US" if self.language in ANY_ENGLISH else self.language

    def _drop_british_spellings(self, text: str, matches: list[BackendMatch]) -> list[BackendMatch]:
        """Under plain ``en``, a word is a misspelling only if British English rejects it too."""
        words = sorted({text[m.start : m.end] for m in matches if m.category is Category.MISSPELLING})
        if not words:
            return matches
        probe = "\n".join(words)
        rejected = {
            probe[m.start : m.end]
            for m in check_in_pieces(self.backend, probe, "en-GB")
            if m.category is Category.MISSPELLING
        }
        return [
            m for m in matches if m.category is not Category.MISSPELLING or text[m.start : m.end] in rejected
        ]

    def warm_up(self) -> None:
        """Let the backend pay its one-time costs now, if it has any, and load the lexicon
        that settles misspellings (loaded otherwise on the first word Harper rejects)."""
        warm = getattr(self.backend, "warm_up", None)
        if warm is not None:
            warm(self._dialect)
        if self.language in ANY_ENGLISH and getattr(self.backend, "attested", None) is None:
            from cscomm.word_frequency import zipf

            zipf("the")

    def _ignored(self, match: BackendMatch) -> bool:
        return bool({match.rule_id, f"{self.backend.name}:{match.rule_id}"} & self.ignored_rules)


def build_grammar_checker(config: Config, *, helper_process: bool = True) -> GrammarChecker:
    """The configured backend with the configured words and ignores.

    LanguageTool uses ``languagetool-url`` or ``CSCOMM_LANGUAGETOOL_URL``; without
    either it manages a local server. With ``helper_process``, Harper runs in a helper
    process shared by every checker in this process.
    """
    url = config.languagetool_url or os.environ.get("CSCOMM_LANGUAGETOOL_URL")
    if config.backend == "harper" and helper_process:
        backend = _shared_harper_helper(config.language)
        word_frequency.use_helper(getattr(backend, "zipf", None))
    else:
        backend = make_backend(config.backend, url)
    dictionary = frozenset(w.lower() for w in config.dictionary)
    files = (rules_dir() / "grammar" / "dictionary.txt", *config.dictionary_files)
    return GrammarChecker(
        backend=backend,
        language=config.language,
        dictionary=dictionary | load_dictionary_files(files),
        ignored_rules=frozenset(config.ignore_backend_rules),
    )


def start_helper(config: Config) -> None:
    """Fork the shared Harper helper now, when ``config`` will use it, so that Harper's
    0.7 s start-up runs while this process imports the engine and loads the model.

    Only when every rule is selected (the default): otherwise the linter starts the
    helper itself, if a selected rule needs it. A helper started here and never asked
    anything exits with this process.
    """
    if config.backend == "harper" and "ALL" in (s.upper() for s in config.select):
        _shared_harper_helper(config.language)


def check_in_pieces(backend: GrammarBackend, text: str, language: str) -> list[BackendMatch]:
    """``backend.check`` of ``text``, asked piece by piece (:data:`BACKEND_PIECE_CHARS`):
    Harper's time grows with the square of what it checks at once (0.7 s for 100 KB,
    8.8 s for 400 KB; 30 ms for 10 KB)."""
    matches: list[BackendMatch] = []
    offset = 0
    for piece in pieces(text, BACKEND_PIECE_CHARS):
        if piece.strip():
            found = backend.check(piece, language)
            matches.extend(dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in found)
        offset += len(piece)
    return matches


def make_backend(name: str, url: str | None) -> GrammarBackend:
    """A backend by name (module-level, so a helper process can build it too)."""
    if name == "languagetool":
        from cscomm.backends.languagetool import LanguageToolBackend

        return LanguageToolBackend(url)
    if name == "none":
        from cscomm.backends.null import NullBackend

        return NullBackend()
    from cscomm.backends.harper import HarperBackend

    return HarperBackend()


@functools.cache
def _shared_harper_helper(language: str) -> GrammarBackend:
    from cscomm.backends.process import ProcessBackend, helper_processes_available

    if not helper_processes_available():
        return make_backend("harper", None)
    return ProcessBackend(functools.partial(make_backend, "harper", None), "harper", language)


def _names(doc: Document) -> frozenset[str]:
    """Names, companies and products: the words of the greeting, signature and headers,
    and words that the draft or the customer's message capitalises mid-sentence (so
    "Haverford" opening a sentence passes when the customer wrote "with Haverford")."""
    parts = (doc.text_of(part.span) for part in doc.parts_of(_NAME_PARTS))
    names = {word.lower() for text in parts for word in _WORD.findall(text)}
    for text in (doc.text, doc.customer.text if doc.customer else ""):
        names.update(_capitalised_mid_sentence(text))
    return frozenset(names)


def _capitalised_mid_sentence(text: str) -> set[str]:
    """Lower-cased words written with a capital inside a sentence ("with Haverford")."""
    found = set()
    for word in _WORD_START.finditer(text):
        before = word.start() - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        if word.group()[0].isupper() and before >= 0 and text[before] not in _SENTENCE_OPENERS:
            found.add(word.group().lower())
    return found


_TITLE_BEFORE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Fr|Sr|Rev|Capt|Atty|Engr|Hon)\.?$")


def _is_known_word(text: str, match: BackendMatch, known: frozenset[str]) -> bool:
    """A dictionary word, an acronym, a compound's affix, or a capitalised name mid-sentence."""
    word = text[match.start : match.end]
    if word.lower() in known or (word.isupper() and len(word) > 1):
        return True
    hyphenated = text[match.start - 1 : match.start] == "-" or text[match.end : match.end + 1] == "-"
    if hyphenated and len(word) <= 3:  # an affix of a compound: add-ons, e-bike, re-send
        return True
    before = text[: match.start].rstrip()
    return word[:1].isupper() and (_mid_sentence(before) or bool(_TITLE_BEFORE.search(before)))


def _names_a_name(text: str, match: BackendMatch) -> bool:
    """A grammar match on one word capitalised mid-sentence: a name ("looking forward to
    Hallow Pike"), which the rules of verb forms and agreement do not govern."""
    word = text[match.start : match.end]
    if not word.isalpha() or not word[:1].isupper() or word.isupper():
        return False
    before = text[: match.start].rstrip()
    return _mid_sentence(before) and not _TITLE_BEFORE.search(before)


def _mid_sentence(before: str) -> bool:
    """Whether the text ``before`` a word (right-stripped) leaves it inside a sentence."""
    return bool(before) and before[-1] not in '.!?:;"“\n'


def _word_of(text: str, match: BackendMatch, language: str) -> bool:
    """A "misspelling" that is a word of the other language of a mixed draft ("inyong")."""
    from cscomm.word_frequency import UNSEEN, zipf

    word = text[match.start : match.end]
    return match.category is Category.MISSPELLING and zipf(word.lower(), language) >= UNSEEN


def _keep(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` blanked (line breaks kept), offsets unchanged."""
    kept = [" " if c != "\n" else c for c in text]
    for start, end in spans:
        kept[start:end] = text[start:end]
    return "".join(kept)


def _starts_list_item(text: str, offset: int) -> bool:
    """Whether ``offset`` is the first word of a list item ("1. an original…")."""
    line_start = text.rfind("\n", 0, offset) + 1
    return bool(_LIST_MARKER.fullmatch(text[line_start:offset]))


def load_dictionary_files(paths: Iterable[Path]) -> frozenset[str]:
    """Words from dictionary files: one per line, ``#`` comments allowed."""
    words: set[str] = set()
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read dictionary ({exc.strerror or exc})") from None
        words.update(ln.split("#", 1)[0].strip().lower() for ln in lines if ln.split("#", 1)[0].strip())
    log.debug("loaded %d dictionary words", len(words))
    return frozenset(words)
