"""Every rule's embedded examples and tests/cases/*.yml: must fire / must not fire."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscomm import Config, Linter
from cscomm.registry import Registry
from cscomm.testing import RuleCase, expand_markers, load_cases

CASES_DIR = Path(__file__).parent / "cases"
REGISTRY = Registry.build()


def _embedded_cases() -> list[RuleCase]:
    cases = []
    for rule in REGISTRY.rules:
        kind, options = rule.examples.kind, dict(rule.examples.options) or None
        cases += [
            RuleCase(rule.code, f"example-fail-{i}", t, True, kind, options=options)
            for i, t in enumerate(rule.examples.fail)
        ]
        cases += [
            RuleCase(rule.code, f"example-pass-{i}", t, False, kind, options=options)
            for i, t in enumerate(rule.examples.pass_)
        ]
    return cases


def _file_cases() -> list[RuleCase]:
    return [case for path in sorted(CASES_DIR.glob("*.yml")) for case in load_cases(path)]


ALL_CASES = _embedded_cases() + _file_cases()


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_rule_case(case: RuleCase) -> None:
    rule = REGISTRY.get(case.rule)
    assert rule is not None, f"unknown rule {case.rule}"
    options = {rule.name: case.options} if case.options else {}
    linter = Linter(Config(select=(rule.code,), rules=options), registry=REGISTRY)
    text, marked = expand_markers(case.text)
    report = linter.check(text, kind=case.kind, incoming=case.incoming)
    found = [f for f in report.findings if f.code == rule.code]
    if not case.fires:
        assert not found, f"{case.id} must not fire, got {[f.text for f in found]}"
        return
    assert found, f"{case.id} must fire"
    if marked:
        assert sorted((f.start, f.end) for f in found) == [(s.start, s.end) for s in marked]


def test_every_rule_has_cases_that_fire_and_pass() -> None:
    for rule in REGISTRY.rules:
        cases = [c for c in ALL_CASES if c.rule == rule.code]
        assert any(c.fires for c in cases), f"{rule.code} has no must-fire case"
        assert any(not c.fires for c in cases), f"{rule.code} has no must-not-fire case"
