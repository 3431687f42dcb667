"""Train the answer judge: a logistic regression over the signals of
:func:`cscomm.conversation.answers.signals`, from labelled question/reply pairs.

    pip install -e '.[train]'
    python scripts/train_answer_model.py                   # the shipped judge's files (SHIPPED)
    python scripts/train_answer_model.py --check           # cross-validate only, write nothing

Each training line holds a customer message, the reply, and the customer's questions
with ``answered`` labels (see ``data/answer-pairs/README.md``). cscomm finds the questions
itself; each one found is matched to the labelled question it overlaps (token Jaccard),
and found questions that match no label are left out. Cross-validation keeps every
conversation's questions in one fold. The weights go to
``rules/models/answer-judge.en.json``, which cscomm reads at run time (no scikit-learn
needed there).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "answer-pairs"
MODEL = ROOT / "rules" / "models" / "answer-judge.en.json"
SHIPPED = (
    *(DATA / f"part-{part}.jsonl" for part in "abcd"),
    ROOT.parent / "shared" / "eval" / "dev",
    ROOT / "benchmarks" / "eval-extra",
    *(ROOT / "benchmarks" / f"eval-extra{n}" for n in range(2, 14)),
)
"""What the shipped judge is trained on (it reproduces its weights). Later sets and
``../shared/eval/realworld`` are kept out of training so that they measure it."""
FOLDS = 5
MATCH_AT = 0.5
WARNING_PRECISION = 0.9
"""How often a warning must be right (the project's bar): "unanswered" is sure, and a warning,
below the largest cut-off on P(answered) whose cross-validated precision reaches it."""
"""P(answered) under which "unanswered" is a warning; between it and one half, a suggestion."""


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def _matches(found: str, labelled: str) -> bool:
    a, b = _tokens(found), _tokens(labelled)
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= MATCH_AT or a <= b or b <= a


def conversations(paths: list[Path]) -> Iterator[tuple[str, str, str, list[dict[str, Any]]]]:
    """(id, customer message, reply draft, labelled questions) from JSON Lines files and
    from labelled case folders (``draft.txt``, ``labels.json``, maybe ``incoming.txt``)."""
    from cscomm.parsing import parse

    for path in paths:
        if path.is_dir():
            for case in sorted(p for p in path.iterdir() if (p / "labels.json").is_file()):
                labels = json.loads((case / "labels.json").read_text(encoding="utf-8"))
                draft = (case / "draft.txt").read_text(encoding="utf-8")
                incoming = case / "incoming.txt"
                doc = parse(
                    draft, incoming=incoming.read_text(encoding="utf-8") if incoming.is_file() else None
                )
                if doc.customer is not None and labels["questions"] and labels.get("language", "en") == "en":
                    yield f"{path.name}/{case.name}", doc.customer.text, draft, labels["questions"]
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if item.get("language", "en") == "en":  # the packs' languages train their own judge
                    yield item["id"], item["customer"], item["reply"], item["questions"]


def examples(paths: list[Path]) -> Iterator[tuple[str, dict[str, float], bool]]:
    """(conversation id, signals, answered) for every found question that a label matches."""
    from cscomm.conversation import extract_questions, judge_answers
    from cscomm.conversation.questions import own_message
    from cscomm.nlp import for_parser, load_pipeline
    from cscomm.parsing import parse

    nlp = load_pipeline().nlp
    for ident, customer_text, draft, labelled in conversations(paths):
        customer = nlp(for_parser(own_message(customer_text)))
        reply = nlp(for_parser(parse(draft).masked_text()))
        for verdict in judge_answers(extract_questions(customer), customer, reply, use_model=False):
            label = next((q for q in labelled if _matches(verdict.question.text, q["text"])), None)
            if label is not None:
                yield ident, dict(verdict.signals), bool(label["answered"])


def train(rows: list[tuple[str, dict[str, float], bool]]) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    names = sorted(rows[0][1])
    x = np.array([[r[1][n] for n in names] for r in rows])
    y = np.array([r[2] for r in rows], dtype=int)
    groups = [r[0] for r in rows]
    held_out = np.zeros(len(rows))
    for fit, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        held_out[test] = (
            LogisticRegression(C=1.0, max_iter=2000).fit(x[fit], y[fit]).predict_proba(x[test])[:, 1]
        )
    rule = np.array([r[1]["rule_verdict"] for r in rows])
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    figures = _unanswered_figures(held_out, y)
    sure = [float(cut) for cut, f in figures.items() if f["precision"] >= WARNING_PRECISION]
    return {
        "sure_below": max(sure, default=min(float(cut) for cut in figures)),
        "features": names,
        "weights": dict(zip(names, (round(float(w), 4) for w in model.coef_[0]), strict=True)),
        "bias": round(float(model.intercept_[0]), 4),
        "trained_on": {"questions": len(rows), "answered": int(y.sum())},
        "cross_validation": {
            "folds": FOLDS,
            "auc": round(float(roc_auc_score(y, held_out)), 3),
            "accuracy": round(float(((held_out >= 0.5) == y).mean()), 3),
            "rule_accuracy": round(float((rule == y).mean()), 3),
            "unanswered": figures,
        },
    }


def _unanswered_figures(probability: Any, answered: Any) -> dict[str, dict[str, float]]:
    """Precision and recall of "unanswered" for a few cut-offs on P(answered)."""
    figures = {}
    for cut in (0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        flagged = probability < cut
        true = flagged & (answered == 0)
        figures[str(cut)] = {
            "precision": round(float(true.sum() / max(flagged.sum(), 1)), 3),
            "recall": round(float(true.sum() / max((answered == 0).sum(), 1)), 3),
        }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="JSON Lines files or labelled case folders (default: the shipped judge's files)",
    )
    parser.add_argument("--check", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    paths = args.paths or [path for path in SHIPPED if path.exists()]
    rows = list(examples(paths))
    if not rows:
        print("error: no labelled question was found in the training data", file=sys.stderr)
        return 2
    result = train(rows)
    print(json.dumps({k: result[k] for k in ("trained_on", "cross_validation")}, indent=2))
    if not args.check:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
