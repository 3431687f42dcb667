"""Choose rules by code (CT005), prefix (CT), name, category or pack, ALL, or the
``strict`` preset.

As in flake8: the most specific selector wins; on a tie, ignore beats select. Opt-in rules
(``Rule.opt_in``) are chosen only by their code, their name or ``strict`` (ALL plus the
opt-in rules), as ruff's preview rules are not chosen by a prefix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cscomm.checks.base import Rule

STRICT = "strict"
"""The preset that adds the opt-in rules to ALL."""


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
    if selector in (str(rule.category), rule.pack):
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
        or selector.upper() == "ALL"
        or (selector.isupper() and code.startswith(selector))
    )


def unknown_selectors(selectors: Iterable[str], rules: Sequence[type[Rule]]) -> list[str]:
    """Selectors that match no rule (typos)."""
    return [s for s in selectors if not any(specificity(s, r) for r in rules)]
