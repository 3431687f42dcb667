"""A rule's message with its ``{placeholders}`` filled in from its first failing example.

``{match}`` is the example's first ``[[…]]`` span; a substitution rule's ``{replacement}``
is what it suggests for it, a metric rule's ``{limit}`` its default and ``{value}`` the
example's word count; anything else comes from the rule's ``samples``. No model is loaded,
so ``cscomm rules`` stays fast.
"""

from __future__ import annotations

from typing import Any

from cscomm.checks.base import Rule
from cscomm.checks.kinds import MetricRule, SubstitutionRule, match_case
from cscomm.document import count_words
from cscomm.testing import expand_markers


class _Values(dict[str, str]):
    """Placeholder values; one without a value stays as written."""

    def __missing__(self, key: str) -> str:
        return f"{{{key}}}"


def sample_message(rule: type[Rule]) -> str:
    """``rule.message`` with every placeholder the examples or ``samples`` give filled in."""
    values = _Values(_derived(rule))
    values.update(rule.samples)
    return rule.message.format_map(values)


def _first_marked(rule: type[Rule]) -> tuple[str, int, int] | None:
    """The first failing example with a ``[[…]]`` span, without its markers, and the span."""
    for example in rule.examples.fail:
        text, spans = expand_markers(example)
        if spans:
            return text, spans[0].start, spans[0].end
    return None


def _derived(rule: type[Rule]) -> dict[str, str]:
    values: dict[str, str] = {}
    if "limit" in rule.options:
        values["limit"] = _number(rule.options["limit"])
    found = _first_marked(rule)
    if found is None:
        return values
    text, start, end = found
    values["match"] = match = text[start:end]
    if issubclass(rule, SubstitutionRule):  # the swap that applies, as the rule finds it
        which = next((i for i, swap in enumerate(rule.swaps) if swap.match(text, start)), None)
        if which is not None:
            values["replacement"] = match_case(match, rule.replacements[which])
    elif issubclass(rule, MetricRule) and rule.metric == "words":
        values["value"] = _number(count_words(match))
    return values


def _number(value: Any) -> str:
    """As a metric rule's message shows a number (``35``, ``10.5``)."""
    return f"{float(value):g}"
