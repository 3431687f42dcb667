"""Answer judgement, driven by the YAML cases in cases/answers_*.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from cscomm.conversation import extract_questions, judge_answers

CASES = Path(__file__).parent / "cases"


def load_cases(pattern: str) -> list[Any]:
    """Every case in the YAML files matching ``pattern``, as pytest params."""
    return [
        pytest.param(case, id=f"{path.stem}:{case['name']}")
        for path in sorted(CASES.glob(pattern))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("case", load_cases("answers_*.yml"))
def test_judgement(nlp: Language, case: dict[str, Any]) -> None:
    customer, reply = nlp(case["message"]), nlp(case["reply"])
    judgements = judge_answers(extract_questions(customer), customer, reply)
    for expected in case["answers"]:
        matching = [j for j in judgements if expected["question"] in j.question.text]
        assert matching, f"no question containing {expected['question']!r}"
        judgement = matching[0]
        assert judgement.answered == expected["answered"], judgement.reason
        if judgement.answered:
            assert judgement.evidence is not None
            start, end = judgement.evidence
            assert 0 <= start < end <= len(reply.text)
        else:
            assert judgement.evidence is None


def test_no_questions_no_judgements(nlp: Language) -> None:
    assert judge_answers([], nlp("Thanks!"), nlp("You're welcome.")) == []
