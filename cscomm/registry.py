"""All known rules: built-in Python rules plus YAML packs, looked up by any identifier."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cscomm.checks import BUILTIN_RULES
from cscomm.checks.base import Rule, validate_rule_class
from cscomm.checks.grammar import backend_rules
from cscomm.checks.packs import load_pack
from cscomm.errors import RulePackError
from cscomm.resources import rules_dir


@dataclass(frozen=True, slots=True)
class Registry:
    """An immutable set of rule classes with unique codes and names."""

    rules: tuple[type[Rule], ...]

    @classmethod
    def build(cls, extra_packs: Iterable[Path] = ()) -> Registry:
        rules = list(BUILTIN_RULES) + list(_builtin_pack_rules())
        for folder in extra_packs:
            rules.extend(load_pack(folder))
        _check_unique(rules)
        return cls(tuple(sorted(rules, key=lambda r: r.code)))

    def get(self, identifier: str) -> type[Rule] | None:
        """The rule with this code or name."""
        return next((r for r in self.rules if identifier in (r.code, r.name)), None)


@cache
def _builtin_pack_rules() -> tuple[type[Rule], ...]:
    root = rules_dir()
    rules: list[type[Rule]] = list(backend_rules(root / "grammar" / "backend-map.yml"))
    for manifest in sorted(root.glob("*/pack.yml")) + sorted(root.glob("*/*/pack.yml")):
        rules.extend(load_pack(manifest.parent, builtin=True))  # a language's own packs: rules/<lang>/<pack>/
    return tuple(rules)


def _check_unique(rules: list[type[Rule]]) -> None:
    codes: dict[str, type[Rule]] = {}
    names: dict[str, type[Rule]] = {}
    for rule in rules:
        where = rule.origin or f"{rule.__module__}.{rule.__qualname__}"
        problems = validate_rule_class(rule, where)
        if problems:
            raise RulePackError(problems[0])
        if rule.code in codes:
            raise RulePackError(f"{where}: code {rule.code} is already used by {codes[rule.code].name}")
        if rule.name in names:
            raise RulePackError(f"{where}: name {rule.name} is already used by {names[rule.name].code}")
        codes[rule.code] = names[rule.name] = rule
