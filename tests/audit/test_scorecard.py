"""The scorecard: categories by rule code, scores, weights, auto-fail; intervals."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscomm import Linter
from cscomm.audit.records import Conversation
from cscomm.audit.scorecard import Scorecard
from cscomm.audit.scoring import score_conversations
from cscomm.audit.settings import load_settings
from cscomm.audit.stats import mean_interval, t95, wilson
from cscomm.errors import ConfigError

CUSTOMER = "Hi,\n\nWhen will my refund arrive? Can I also change my address?\n\nSam\n"
GOOD = (
    "Hi Sam,\n\nThanks for getting in touch. Your refund will reach your card by Friday 13 March, "
    "and I have changed your address to the one you sent.\n\nIf anything else comes up, just reply "
    "to this email.\n\nKind regards,\nAna\n"
)
SEND_STOPPER = "Hi {{first_name}},\n\nThanks for your message. Your refund will reach your card by Friday.\n\nKind regards,\nAna\n"
RUDE = "As I already said in my last email, you failed to include the receipt. We can't do anything.\n"


def test_each_rule_goes_to_its_most_specific_category() -> None:
    card = Scorecard()
    assert card.category_of("CL009") == "next_action"
    assert card.category_of("CL001") == "readability"
    assert card.category_of("SG118") == "readability"
    assert card.category_of("SG001") == "spelling_grammar"
    assert card.category_of("SS004") == "send_stoppers"
    assert card.category_of("CS900") == ""


def test_replies_are_scored_per_category(audit_linter: Linter) -> None:
    good, stopper, rude, alone = score_conversations(
        audit_linter,
        Scorecard(),
        [
            Conversation("good", GOOD, CUSTOMER),
            Conversation("stopper", SEND_STOPPER, CUSTOMER),
            Conversation("rude", RUDE, CUSTOMER),
            Conversation("alone", GOOD),
        ],
    )
    assert good.score >= 90 and not good.auto_fail
    assert (stopper.score, stopper.auto_fail, stopper.categories["send_stoppers"]) == (0.0, True, 0.0)
    assert {f.code for f in stopper.findings if f.category == "send_stoppers"} == {"SS001"}
    assert rude.categories["tone"] == 0.0 and rude.categories["greeting"] == 50.0
    assert rude.score < good.score
    assert alone.categories["questions"] is None and not alone.has_customer


def test_weights_auto_fail_and_categories_come_from_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "audit.toml"
    path.write_text(
        '[scorecard]\nweights = { questions = 5 }\nauto-fail = ["send_stoppers", "tone"]\n'
        'penalties = { suggestion = 0 }\n[scorecard.categories]\nempathy = ["CT011"]\npoliteness = ["CT005"]\n',
        encoding="utf-8",
    )
    card = load_settings(path).scorecard
    assert card.weights["questions"] == 5 and card.weights["politeness"] == 1
    assert card.auto_fail == ("send_stoppers", "tone")
    assert card.category_of("CT010") == "" and card.category_of("CT005") == "politeness"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[scorecard]\nauto-fail = ['nope']\n", "scorecard.auto-fail: no category 'nope'"),
        ("[scorecard]\nweights = { tone = -1 }\n", "scorecard.weights.tone must be a number of 0 or more"),
        ("[scorecard]\nbonus = 1\n", "unknown key scorecard.bonus"),
        ("[mapping]\npreset = 'zendesk'\n", "mapping.preset: unknown 'zendesk'"),
        ("[mail]\nagents = 'x'\n", "mail.agents must be a list of address globs"),
        ("[extra]\n", "unknown table [extra]"),
        ("[scorecard\n", "invalid TOML"),
    ],
)
def test_bad_settings_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "audit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(path)


def test_intervals() -> None:
    assert t95(1) == 12.706 and abs(t95(120) - 1.980) < 0.002
    low, high = wilson(0, 10)
    assert low == 0.0 and 0.27 < high < 0.28
    assert wilson(0, 0) == (0.0, 1.0)
    assert mean_interval(1, 80, 6400) == (80, 0.0, 100.0)
    mean, low, high = mean_interval(4, 340, 29000)
    assert mean == 85 and low < 85 < high
