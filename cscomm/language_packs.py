"""Language packs: the courtesy forms of the languages besides English, as data.

Each pack is ``rules/<lang>/language.yml``: the language's salutations, sign-offs, ways of
thanking, memo header labels and memo titles, and the forms that state a next step, as
regular expressions. The document parser adds them to
its English forms, so a Portuguese "Prezada Sra. Lima," is a greeting and "Atenciosamente,"
a sign-off; the rules that need no more than that check drafts in those languages too.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from cscomm.errors import RulePackError
from cscomm.resources import rules_dir

KEYS = ("salutations", "sign-offs", "thanks", "memo-headers", "memo-titles", "next-steps")


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """One language's courtesy forms (regular expressions)."""

    code: str
    name: str
    wordfreq: str
    """wordfreq's code for the language (Tagalog: "fil"), whose words are no misspellings."""
    salutations: tuple[str, ...]
    sign_offs: tuple[str, ...]
    thanks: tuple[str, ...]
    memo_headers: tuple[str, ...]
    memo_titles: tuple[str, ...]
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
        forms = {}
        for key in KEYS:
            values = data.get(key) or []
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise RulePackError(f"{path}: key {key!r} must be a list of patterns")
            for value in values:
                try:
                    re.compile(value)
                except re.error as exc:
                    raise RulePackError(f"{path}: key {key!r}: bad pattern {value!r} ({exc})") from None
            forms[key.replace("-", "_")] = tuple(values)
        code = data["language"]
        name, wordfreq = str(data.get("name", code)), str(data.get("wordfreq", code))
        packs[code] = LanguagePack(code, name, wordfreq, **forms)
    return packs


def all_forms(key: str) -> tuple[str, ...]:
    """The forms under ``key`` in every language pack, for the parser's patterns."""
    return tuple(form for pack in language_packs().values() for form in pack.forms(key))


@functools.cache
def pattern(code: str, key: str) -> re.Pattern[str] | None:
    """One language's forms under ``key`` as one case-insensitive pattern (None without any)."""
    pack = language_packs().get(code)
    forms = pack.forms(key) if pack else ()
    return re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE) if forms else None
