"""Each signal the answer judge weighs, with replies that must raise it and must not."""

from __future__ import annotations

import pytest
from spacy.language import Language

from cscomm.conversation import extract_questions, judge_answers
from cscomm.conversation import lexicon as lx

MESSAGE = "Hello,\nMy parcel has not arrived. When will it arrive? Can you refund the delivery fee?\nSam"


def _signals(nlp: Language, reply: str, starts: str) -> dict[str, float]:
    customer, parsed = nlp(MESSAGE), nlp(reply)
    (verdict,) = [
        j
        for j in judge_answers(extract_questions(customer), customer, parsed)
        if j.question.text.startswith(starts)
    ]
    return dict(verdict.signals)


# (signal, question start, reply that raises it, reply that does not)
CASES = [
    ("coverage", "When", "Your parcel will arrive on Friday.", "Thanks for your patience."),
    ("kind_anywhere", "When", "It will be with you on Friday 13 March.", "We are sorry about this."),
    (
        "commitment_near",
        "When",
        "I will check with the courier and confirm the parcel's arrival by Friday.",
        "The parcel is with the courier.",
    ),
    (
        "done_near",
        "Can you refund",
        "I have refunded the delivery fee to your card.",
        "Delivery fees are set by the courier.",
    ),
    (
        "refusal_near",
        "Can you refund",
        "Unfortunately we cannot refund the delivery fee.",
        "The delivery fee is £4.",
    ),
    (
        "polar_near",
        "Can you refund",
        "Yes, the delivery fee refund is on its way.",
        "The delivery fee refund is on its way.",
    ),
    (
        "instruction_near",
        "Can you refund",
        "Please reply with your order number and we will refund the delivery fee.",
        "The delivery fee is £4.",
    ),
    (
        "own_terms_covered",
        "Can you refund",
        "The delivery fee will be refunded today.",
        "Your parcel will arrive today.",
    ),
    ("rule_verdict", "When", "Your parcel will arrive on Friday.", "Thanks for getting in touch."),
]


@pytest.mark.parametrize(("signal", "starts", "raises", "does_not"), CASES, ids=[c[0] for c in CASES])
def test_signal(nlp: Language, signal: str, starts: str, raises: str, does_not: str) -> None:
    high = _signals(nlp, f"Hi Sam,\n\n{raises}\n\nBest,\nAna", starts)[signal]
    low = _signals(nlp, f"Hi Sam,\n\n{does_not}\n\nBest,\nAna", starts)[signal]
    assert high > low, f"{signal}: {high} should exceed {low}"


@pytest.mark.parametrize(("starts", "kind"), [("When", "asks_time"), ("Can you refund", "asks_action")])
def test_what_the_question_asks_for(nlp: Language, starts: str, kind: str) -> None:
    assert _signals(nlp, "Hi Sam,\n\nThanks.\n\nBest,\nAna", starts)[kind] == 1.0


@pytest.mark.parametrize(
    ("text", "timed"),
    [
        ("Three days of cleaning is normal for a flat this size.", False),  # a quantity of an activity
        ("Returns are free within 14 days of delivery.", True),
        ("The refund reaches your card in 3 working days.", True),
        ("We aim to reply in two weeks.", True),
    ],
)
def test_a_duration_is_a_time_answer_unless_it_measures_something_else(text: str, timed: bool) -> None:
    assert bool(lx.TIME_CUE.search(text)) is timed


@pytest.mark.parametrize(("one", "other"), [("8.30", "8:30"), ("08:30", "8.30"), ("9h15", "9:15")])
def test_a_clock_time_has_one_key_however_written(one: str, other: str) -> None:
    assert lx.term_key(one) == lx.term_key(other)


def test_a_decimal_is_no_clock_time() -> None:
    assert lx.term_key("3.5") != lx.term_key("3:50")
