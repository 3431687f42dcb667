"""The learned answer judge: the probability that a reply answers a question, from the
signals of :func:`cscomm.conversation.answers.signals`.

A logistic regression trained by ``scripts/train_answer_model.py`` on labelled
question/reply pairs written apart from the code; its weights ship as data
(``rules/models/answer-judge.<lang>.json``) and are read without scikit-learn.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

from cscomm.resources import rules_dir

ANSWERED_AT = 0.5
"""P(answered) from which a question counts as answered."""


@dataclass(frozen=True, slots=True)
class AnswerModel:
    """Weights over named signals, a bias, and the cut-off below which "unanswered" is sure."""

    weights: Mapping[str, float]
    bias: float
    sure_below: float

    def probability(self, signals: Mapping[str, float]) -> float:
        """P(answered): the logistic of the weighted signals (a missing signal counts 0)."""
        z = self.bias + sum(w * signals.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-z))


@functools.cache
def answer_model(language: str = "en") -> AnswerModel | None:
    """The shipped model for ``language``, or None when there is none."""
    path = rules_dir() / "models" / f"answer-judge.{language}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return AnswerModel(dict(data["weights"]), float(data["bias"]), float(data["sure_below"]))
