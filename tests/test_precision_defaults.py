"""What runs by default, and how sure it is: opt-in rules, the strict preset, and
judgements reported as suggestions when the draft's shape leaves them unsure."""

from __future__ import annotations

import pytest

from cscomm import Config, Linter
from cscomm.findings import Severity

NOTICE = (
    "Scheduled maintenance on Sunday 9 March\n\n"
    "The customer portal will be unavailable from 01:00 to 03:00 GMT while we upgrade our servers. "
    "Payments made during that time will be processed when the portal is back.\n"
)
REPLY_WITHOUT_FRAME = "Your order shipped today and arrives on Friday.\n"
CUSTOMER = "Where is my order? I placed it a week ago.\n"


def codes(linter: Linter, text: str, incoming: str | None = None) -> dict[str, Severity]:
    return {f.code: f.severity for f in linter.check(text, incoming=incoming).findings}


@pytest.mark.parametrize("code", ["CT001", "CT002", "CT003"])
def test_courtesy_elements_of_a_possible_notice_are_suggestions(linter: Linter, code: str) -> None:
    assert codes(linter, NOTICE)[code] is Severity.SUGGESTION


@pytest.mark.parametrize("code", ["CT001", "CT002", "CT003"])
def test_courtesy_elements_of_a_reply_to_a_customer_are_warnings(linter: Linter, code: str) -> None:
    assert codes(linter, REPLY_WITHOUT_FRAME, CUSTOMER)[code] is Severity.WARNING


def test_a_notice_hint_names_the_memo_profile(linter: Linter) -> None:
    (greeting,) = [f for f in linter.check(NOTICE).findings if f.code == "CT001"]
    assert "--kind memo" in greeting.message


def test_opt_in_rule_is_not_run_by_default(linter: Linter) -> None:
    assert "CL004" not in codes(linter, "Hi Sam,\n\nYour refund was processed.\n\nBest regards,\nAna")


@pytest.mark.parametrize("selector", ["CL004", "passive-voice", "strict"])
def test_opt_in_rule_runs_when_named_or_with_strict(selector: str) -> None:
    strict = Linter(Config(select=(selector,), backend="none"))
    found = strict.check("Hi Sam,\n\nYour refund was processed.\n\nBest regards,\nAna").findings
    assert any(f.code == "CL004" for f in found)


@pytest.mark.parametrize("selector", ["ALL", "CL", "clarity"])
def test_prefixes_and_categories_do_not_pick_opt_in_rules(selector: str) -> None:
    assert not any(rule.code == "CL004" for rule in Linter(Config(select=(selector,), backend="none")).rules)


def test_a_draft_written_as_i_is_a_reply_not_a_notice(linter: Linter) -> None:
    assert codes(linter, "I have refunded your order today.\n")["CT001"] is Severity.WARNING
