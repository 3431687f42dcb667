"""Selectors: the README's family names, and near matches suggested for a misspelt one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm import Config, Linter
from cscomm.cli import cli
from cscomm.errors import ConfigError
from cscomm.registry import Registry
from cscomm.selection import FAMILIES, is_selected, names, no_rule_matches

REGISTRY = Registry.build()
DRAFT = "Hi {{first_name}},\n\nAs I said, it ships Friday!!\n\nBest,\nAna\n"


def _selected(*select: str, ignore: tuple[str, ...] = ()) -> set[str]:
    return {r.code for r in REGISTRY.rules if is_selected(r, select, ignore)}


def _codes(prefix: str) -> set[str]:
    return {r.code for r in REGISTRY.rules if r.code.startswith(prefix) and not r.opt_in}


def test_the_families_are_the_readmes() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    rows = [
        line.split("|")[1:3]
        for line in readme.splitlines()
        if re.match(r"\| [\w &-]+ \| `[A-Z]{2}` \|", line)
    ]
    named = {
        cell.strip().replace(" & ", "-and-").replace(" ", "-"): prefix.strip(" `") for cell, prefix in rows
    }
    assert named == FAMILIES


@pytest.mark.parametrize(
    ("family", "codes"),
    [
        ("send-stoppers", {"SS001", "SS002", "SS003", "SS004"}),
        ("tone", {"TN001", "TN002", "TN003"}),
        ("questions", {"QA001"}),
        ("next-action", {"NX001"}),
    ],
)
def test_a_family_selects_exactly_its_rules(family: str, codes: set[str]) -> None:
    assert _selected(family) == codes


def test_families_that_share_a_category_name_select_both() -> None:
    clarity = _selected("clarity")
    assert _codes("CL") <= clarity  # the family
    assert {"SG118", "SS001"} <= clarity  # rules of the category clarity in other families
    assert _codes("CT") <= _selected("courtesy")
    assert _selected("spelling-and-grammar") == _codes("SG")
    assert "CL004" not in clarity  # opt-in rules only by code, name or strict


def test_ignoring_a_family_keeps_the_rest() -> None:
    kept = _selected("ALL", ignore=("send-stoppers",))
    assert not kept & _codes("SS") and _codes("TN") <= kept


def test_a_family_selector_on_the_command_line() -> None:
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--format", "concise", "--select", "send-stoppers", "-"], input=DRAFT
    )
    codes = {line.split()[2] for line in result.stdout.splitlines() if ": " in line and "problem" not in line}
    assert codes == {"SS001"}


def test_a_family_silences_its_findings_in_a_suppression() -> None:
    assert names("send-stoppers", "SS001", "unfilled-placeholder", "clarity")
    assert not names("send-stoppers", "TN001", "blaming-language", "tone")


@pytest.mark.parametrize(
    ("selector", "hint"),
    [
        ("pasive-voice", "; did you mean passive-voice?"),
        ("send-stopers", "; did you mean send-stoppers?"),
        ("CT0001", "; did you mean CT001?"),
        ("courtesey", "; did you mean courtesy?"),
        ("zzzzzz", ""),
    ],
)
def test_an_unknown_selector_suggests_the_nearest(selector: str, hint: str) -> None:
    assert no_rule_matches(selector, REGISTRY.rules) == f"no rule matches {selector!r}{hint}"


def test_misspelt_selectors_are_errors_with_a_suggestion() -> None:
    with pytest.raises(
        ConfigError, match="ignore: no rule matches 'pasive-voice'; did you mean passive-voice"
    ):
        Linter(Config(ignore=("pasive-voice",)), registry=REGISTRY)
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--select", "tone,send-stopers", "-"], input=DRAFT
    )
    assert result.exit_code == 2
    assert "no rule matches 'send-stopers'; did you mean send-stoppers?" in result.stderr
    result = CliRunner().invoke(cli, ["rule", "pasive-voice"])
    assert result.exit_code == 2 and "did you mean passive-voice?" in result.stderr
