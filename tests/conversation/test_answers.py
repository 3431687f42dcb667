"""Answer judgement, driven by the YAML cases in cases/answers_*.yml (the rules' verdict,
which the learned judge then weighs with the other signals), and the learned judge."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from yaml_cases import load_cases

from cscomm.conversation import extract_questions, judge_answers


@pytest.mark.parametrize("case", load_cases("answers_*.yml"))
def test_judgement(nlp: Language, case: dict[str, Any]) -> None:
    customer, reply = nlp(case["message"]), nlp(case["reply"])
    addressees = case.get("addressed_to", ())
    judgements = judge_answers(extract_questions(customer), customer, reply, addressees, use_model=False)
    for expected in case["answers"]:
        matching = [j for j in judgements if expected["question"] in j.question.text]
        assert matching, f"no question containing {expected['question']!r}"
        judgement = matching[0]
        assert judgement.answered == expected["answered"], judgement.reason
        if judgement.answered and not addressees:
            assert judgement.evidence is not None
            start, end = judgement.evidence
            assert 0 <= start < end <= len(reply.text)
        else:
            assert judgement.evidence is None


def test_no_questions_no_judgements(nlp: Language) -> None:
    assert judge_answers([], nlp("Thanks!"), nlp("You're welcome.")) == []


MESSAGE = (
    "Hello,\nMy parcel has not arrived. When will it arrive? Also, can I change the delivery address?\nSam"
)


def _judged(nlp: Language, reply: str) -> dict[str, Any]:
    customer, parsed = nlp(MESSAGE), nlp(reply)
    return {j.question.text: j for j in judge_answers(extract_questions(customer), customer, parsed)}


def test_the_learned_judge_reports_a_confidence(nlp: Language) -> None:
    judged = _judged(nlp, "Hi Sam,\n\nYour parcel will arrive on Friday 13 March.\n\nBest,\nAna")
    assert all(j.confidence is not None and 0.0 < j.confidence < 1.0 for j in judged.values())


def test_an_answer_raises_the_confidence_that_a_question_is_answered(nlp: Language) -> None:
    silent = _judged(nlp, "Hi Sam,\n\nThanks for your patience.\n\nBest,\nAna")
    answered = _judged(nlp, "Hi Sam,\n\nYour parcel will arrive on Friday 13 March.\n\nBest,\nAna")
    question = next(q for q in answered if q.startswith("When"))
    assert answered[question].confidence > silent[question].confidence
    assert answered[question].answered and not silent[question].answered


@pytest.mark.parametrize(
    ("name", "signals", "expected"),
    [
        ("coverage", {"coverage": 1.0}, "up"),
        ("own words covered", {"own_terms_covered": 1.0}, "up"),
        ("rules say answered", {"rule_verdict": 1.0}, "up"),
    ],
)
def test_model_weights_point_the_right_way(name: str, signals: dict[str, float], expected: str) -> None:
    from cscomm.conversation.answer_model import answer_model

    model = answer_model()
    assert model is not None, "rules/models/answer-judge.en.json is shipped"
    assert (model.probability(signals) > model.probability({})) == (expected == "up"), name
