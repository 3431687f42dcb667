"""The QA scorecard: which rules feed which category, and how a reply is scored.

Each finding goes to the category whose selector (a rule code such as ``CT001`` or a
prefix such as ``SG``) matches its code most specifically. A category scores
``100 - sum of its findings' penalties`` (by severity; at least 0). The reply scores
the weighted mean of its categories that apply (``questions`` applies only when the
customer's message is known), or 0 when a finding falls in an auto-fail category.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cscomm.errors import ConfigError
from cscomm.findings import Finding, Severity

QUESTIONS = "questions"
DEFAULT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "greeting": ("CT001", "CT006", "CT009", "SG114"),
    "thanks": ("CT002",),
    "empathy": ("CT010", "CT011"),
    "spelling_grammar": ("SG",),
    QUESTIONS: ("QA",),
    "next_action": ("NX", "CL009", "CL010"),
    "tone": ("TN", "CL006", "CL007"),
    "readability": ("CL", "SG004", "SG118", "SG119", "SG120"),
    "closing": ("CT003", "CT004", "CT007", "CT008"),
    "send_stoppers": ("SS",),
}
DEFAULT_WEIGHTS: dict[str, float] = {
    "greeting": 1,
    "thanks": 1,
    "empathy": 1,
    "spelling_grammar": 1,
    QUESTIONS: 2,
    "next_action": 2,
    "tone": 2,
    "readability": 1,
    "closing": 1,
    "send_stoppers": 0,
}
DEFAULT_PENALTIES: dict[Severity, float] = {
    Severity.SUGGESTION: 10,
    Severity.WARNING: 50,
    Severity.ERROR: 100,
}
FULL_MARKS = 100.0


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Categories (name → rule selectors), their weights, auto-fail categories, penalties."""

    categories: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    auto_fail: tuple[str, ...] = ("send_stoppers",)
    penalties: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_PENALTIES))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.categories)

    def category_of(self, code: str) -> str:
        """The category of rule ``code`` (the longest matching selector), or "" for none."""
        best, length = "", -1
        for name, selectors in self.categories.items():
            for selector in selectors:
                if code.startswith(selector) and len(selector) > length:
                    best, length = name, len(selector)
        return best

    def score(
        self, findings: tuple[Finding, ...], has_customer: bool
    ) -> tuple[float, bool, dict[str, float | None]]:
        """``(reply score, auto-failed, category scores)`` for a reply's findings."""
        penalties = dict.fromkeys(self.categories, 0.0)
        for finding in findings:
            category = self.category_of(finding.code)
            if category:
                penalties[category] += self.penalties.get(finding.severity, 0.0)
        scores: dict[str, float | None] = {
            name: (None if name == QUESTIONS and not has_customer else max(0.0, FULL_MARKS - penalty))
            for name, penalty in penalties.items()
        }
        auto_fail = any(penalties[name] > 0 for name in self.auto_fail if name in penalties)
        weighted = [
            (self.weights.get(name, 1.0), value) for name, value in scores.items() if value is not None
        ]
        total = sum(weight for weight, _ in weighted)
        score = sum(weight * value for weight, value in weighted) / total if total else FULL_MARKS
        return (0.0 if auto_fail else round(score, 2)), auto_fail, scores


def scorecard_from_table(table: Mapping[str, Any], source: str) -> Scorecard:
    """Read the ``[scorecard]`` table of an audit settings file.

    Keys: ``categories`` (name → list of rule codes or prefixes; replaces the defaults
    for the names given, and adds new categories), ``weights`` (name → number),
    ``auto-fail`` (list of category names), ``penalties`` (severity → number).
    """
    unknown = set(table) - {"categories", "weights", "auto-fail", "penalties"}
    if unknown:
        raise ConfigError(f"{source}: unknown key scorecard.{sorted(unknown)[0]}")
    categories = dict(DEFAULT_CATEGORIES)
    for name, selectors in _table(table, "categories", source).items():
        if not isinstance(selectors, list) or not all(isinstance(s, str) and s for s in selectors):
            raise ConfigError(
                f"{source}: scorecard.categories.{name} must be a list of rule codes or prefixes"
            )
        categories[name] = tuple(s.upper() for s in selectors)
    weights = {**DEFAULT_WEIGHTS, **dict.fromkeys(set(categories) - set(DEFAULT_WEIGHTS), 1.0)}
    for name, weight in _table(table, "weights", source).items():
        _known(name, categories, f"scorecard.weights.{name}", source)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise ConfigError(f"{source}: scorecard.weights.{name} must be a number of 0 or more")
        weights[name] = float(weight)
    auto_fail = table.get("auto-fail", ["send_stoppers"])
    if not isinstance(auto_fail, list):
        raise ConfigError(f"{source}: scorecard.auto-fail must be a list of category names")
    for name in auto_fail:
        _known(name, categories, "scorecard.auto-fail", source)
    penalties = dict(DEFAULT_PENALTIES)
    for name, value in _table(table, "penalties", source).items():
        try:
            severity = Severity.parse(name)
        except ValueError as exc:
            raise ConfigError(f"{source}: scorecard.penalties: {exc}") from None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"{source}: scorecard.penalties.{name} must be a number of 0 or more")
        penalties[severity] = float(value)
    return Scorecard(categories, weights, tuple(auto_fail), penalties)


def _table(table: Mapping[str, Any], key: str, source: str) -> Mapping[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: scorecard.{key} must be a table")
    return value


def _known(name: object, categories: Mapping[str, Any], key: str, source: str) -> None:
    if name not in categories:
        raise ConfigError(f"{source}: {key}: no category {name!r} (known: {', '.join(categories)})")
