"""Choose rules by code (CT005), prefix (CT), name, category, family or pack, ALL, or the
``strict`` preset.

As in flake8: the most specific selector wins; on a tie, ignore beats select. Opt-in rules
(``Rule.opt_in``) are chosen only by their code, their name or ``strict`` (ALL plus the
opt-in rules), as ruff's preview rules are not chosen by a prefix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from cscomm.checks.base import Rule

STRICT = "strict"
"""The preset that adds the opt-in rules to ALL."""
FAMILIES = {
    "courtesy": "CT",
    "spelling-and-grammar": "SG",
    "clarity": "CL",
    "questions": "QA",
    "next-action": "NX",
    "tone": "TN",
    "send-stoppers": "SS",
}
"""The README's rule families by selector name, each the rules of one code prefix. Where a
family shares its name with a category (``clarity``), the selector names both."""


def in_family(selector: str, code: str) -> bool:
    """Whether ``selector`` is the name of the family ``code`` belongs to."""
    return selector in FAMILIES and code.startswith(FAMILIES[selector])


def specificity(selector: str, rule: type[Rule]) -> int:
    """How precisely ``selector`` names ``rule``: 0 = not at all."""
    if selector in (rule.code, rule.name):
        return 100
    if selector == STRICT:
        return 1
    if rule.opt_in:
        return 0
    if selector.upper() == "ALL":
        return 1
    if selector in (str(rule.category), rule.pack) or in_family(selector, rule.code):
        return 2
    if selector.isupper() and rule.code.startswith(selector):
        return 2 + len(selector)
    return 0


def is_selected(rule: type[Rule], select: Sequence[str], ignore: Sequence[str]) -> bool:
    chosen = max((specificity(s, rule) for s in select), default=0)
    dropped = max((specificity(s, rule) for s in ignore), default=0)
    return chosen > 0 and chosen > dropped


def names(selector: str, code: str, name: str, category: str, pack: str = "") -> bool:
    """Whether ``selector`` names a finding's rule at all, opt-in or not: what a
    suppression silences (a finding exists, so its rule was selected)."""
    return (
        selector in (code, name, category, pack, STRICT)
        or in_family(selector, code)
        or selector.upper() == "ALL"
        or (selector.isupper() and code.startswith(selector))
    )


def unknown_selectors(selectors: Iterable[str], rules: Sequence[type[Rule]]) -> list[str]:
    """Selectors that match no rule (typos)."""
    return [s for s in selectors if not any(specificity(s, r) for r in rules)]


def no_rule_matches(selector: str, rules: Sequence[type[Rule]]) -> str:
    """The error for an unknown selector, with the nearest known one if any is close:
    ``no rule matches 'pasive-voice'; did you mean passive-voice?``"""
    known = {STRICT, "ALL", *FAMILIES}
    for rule in rules:
        known.update((rule.code, rule.code[:2], rule.name, str(rule.category), rule.pack))
    return f"no rule matches {selector!r}{did_you_mean(selector, known)}"


def did_you_mean(identifier: str, known: Iterable[str]) -> str:
    """``"; did you mean X?"`` for the known identifier nearest ``identifier``, else ``""``."""
    close = difflib.get_close_matches(identifier, sorted(known), n=1)
    return f"; did you mean {close[0]}?" if close else ""
