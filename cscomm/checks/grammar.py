"""SG rules for the grammar backend's matches: one rule per code in backend-map.yml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from cscomm.backends.base import Category as BackendCategory
from cscomm.backends.mapping import CodeMapping, load_backend_map
from cscomm.checks.base import Context, Examples, Hit, Rule
from cscomm.document import Span
from cscomm.errors import RulePackError
from cscomm.findings import Category, Severity


class BackendRule(Rule):
    """Reports the backend matches whose category maps to this rule's code."""

    backend_categories: ClassVar[frozenset[BackendCategory]] = frozenset()
    message_prefix: ClassVar[str] = ""
    needs_grammar: ClassVar[bool] = True

    def check(self, ctx: Context) -> Iterator[Hit]:
        for match in ctx.analysis.grammar or ():
            if match.category in self.backend_categories:
                prefix = f"{self.message_prefix}: " if self.message_prefix else ""
                yield Hit(
                    Span(match.start, match.end),
                    f"{prefix}{match.message}",
                    suggestions=tuple(match.replacements[:3]),
                    origin=f"{ctx.analysis.grammar_backend}:{match.rule_id}",
                )


_EXAMPLES = {
    "SG001": Examples(
        fail=("Hi Sam,\n\nThanks. We [[recieved]] your order.\n\nBest regards,\nAna",),
        pass_=("Hi Sam,\n\nThanks. We received your order.\n\nBest regards,\nAna",),
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
    attrs = {
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
        "backend_categories": frozenset(e.backend_category for e in entries),
        "message_prefix": first.message_prefix,
        "pack": "grammar",
        "origin": str(origin),
    }
    return type("".join(w.capitalize() for w in first.name.split("-")), (BackendRule,), attrs)
