"""Answer judgement, driven by the YAML cases in cases/answers_*.yml."""

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
    judgements = judge_answers(extract_questions(customer), customer, reply, addressees)
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
