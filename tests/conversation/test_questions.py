"""Question extraction, driven by the YAML cases in cases/questions_*.yml."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from yaml_cases import load_cases

from cscomm.conversation import extract_questions


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
    assert extract_questions(nlp("")) == ()
