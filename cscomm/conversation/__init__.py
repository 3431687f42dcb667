"""Customer questions and whether the reply answers them."""

from __future__ import annotations

from cscomm.conversation.answers import Judgement, judge_answers
from cscomm.conversation.questions import Question, extract_questions

__all__ = ["Judgement", "Question", "extract_questions", "judge_answers"]
