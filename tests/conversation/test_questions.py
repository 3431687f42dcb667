"""Question extraction, driven by the YAML cases in cases/questions_*.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language

from cscomm.conversation import extract_questions

CASES = Path(__file__).parent / "cases"


def load_cases(pattern: str) -> list[Any]:
    """Every case in the YAML files matching ``pattern``, as pytest params."""
    return [
        pytest.param(case, id=f"{path.stem}:{case['name']}")
        for path in sorted(CASES.glob(pattern))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


@pytest.mark.parametrize("case", load_cases("questions_*.yml"))
def test_extraction(nlp: Language, case: dict[str, Any]) -> None:
    doc = nlp(case["message"])
    found = [{"text": q.text, "form": q.form, "answer_type": q.answer_type} for q in extract_questions(doc)]
    assert found == case["questions"]


def test_offsets_focus_and_context(nlp: Language) -> None:
    doc = nlp("Hello,\n\nMy parcel never came. Where is it now and who do I call?\n")
    where, who = extract_questions(doc)
    assert [doc.text[q.start : q.end] for q in (where, who)] == [where.text, who.text]
    assert (where.text, who.text) == ("Where is it now", "who do I call?")
    assert where.focus == () and "parcel" in where.context
    assert who.focus == ("call",)


def test_empty_message(nlp: Language) -> None:
    assert extract_questions(nlp("")) == []
