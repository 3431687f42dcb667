"""Train the answer judge of the languages read by their packs (Portuguese, Vietnamese,
Tagalog, Thai): a logistic regression over the signals of
:func:`cscomm.conversation.pack_questions.signals`, from labelled case folders.

    pip install -e '.[train]'
    python scripts/train_pack_answer_model.py data/answer-pairs/{pt,vi,tl,th}.jsonl benchmarks/eval-pt ...
    python scripts/train_pack_answer_model.py --check --test benchmarks/eval-pt2 ... SETS

Each case's ``labels.json`` (each JSON line) names its ``language``; cscomm finds the
questions with that pack's forms, and each found question is matched to the labelled one it overlaps. With
``--test``, the model trained on the given sets is also scored on the test sets (whole
conversations it never saw). The weights go to ``rules/models/answer-judge.packs.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_answer_model import ROOT, _unanswered_figures, train

MODEL = ROOT / "rules" / "models" / "answer-judge.packs.json"


def _matches(found: str, labelled: str) -> bool:
    """Word overlap of a found and a labelled question (character pairs in Thai)."""
    a, b = _units(found), _units(labelled)
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= 0.5 or a <= b or b <= a


def _units(text: str) -> set[str]:
    if any("\u0e00" <= c <= "\u0e7f" for c in text):  # Thai has no spaces between words
        return {text[i : i + 2] for i in range(len(text) - 1) if not text[i : i + 2].isspace()}
    return {w.strip("?.,!:;") for w in text.lower().split()}


def conversations(paths: list[Path]) -> Iterator[tuple[str, str, str, str, list[dict[str, Any]]]]:
    """(id, language, customer message, reply text, labelled questions) from labelled case
    folders and from JSON Lines files of answer pairs that name their ``language``."""
    from cscomm.parsing import parse

    for path in paths:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    yield item["id"], item["language"], item["customer"], item["reply"], item["questions"]
            continue
        for case in sorted(p for p in path.iterdir() if (p / "labels.json").is_file()):
            labels = json.loads((case / "labels.json").read_text(encoding="utf-8"))
            incoming = case / "incoming.txt"
            doc = parse(
                (case / "draft.txt").read_text(encoding="utf-8"),
                incoming=incoming.read_text(encoding="utf-8") if incoming.is_file() else None,
            )
            if doc.customer is not None and labels["questions"]:
                ident, language = f"{path.name}/{case.name}", labels.get("language", "en")
                yield ident, language, doc.customer.text, doc.masked_text(), labels["questions"]


def examples(paths: list[Path]) -> Iterator[tuple[str, dict[str, float], bool]]:
    """(conversation id, signals, answered) for every found question a label matches."""
    from cscomm.conversation import pack_questions
    from cscomm.language_packs import question_forms

    for ident, language, customer, reply, labelled in conversations(paths):
        forms = question_forms(language)
        if forms is None:
            continue
        asked = pack_questions.extract(customer, forms)
        for verdict in pack_questions.judge(asked, reply, forms, use_model=False):
            found = verdict.question.text
            label = next((q for q in labelled if _matches(found, q["text"])), None)
            if label is not None:
                yield ident, dict(verdict.signals), bool(label["answered"])


def score(model: dict[str, Any], rows: list[tuple[str, dict[str, float], bool]]) -> dict[str, Any]:
    """The model's figures on rows it was not trained on."""
    import numpy as np

    weights, bias = model["weights"], model["bias"]
    z = np.array([bias + sum(w * r[1].get(n, 0.0) for n, w in weights.items()) for r in rows])
    probability = 1 / (1 + np.exp(-z))
    answered = np.array([r[2] for r in rows], dtype=int)
    rule = np.array([r[1]["rule_verdict"] for r in rows])
    return {
        "questions": len(rows),
        "accuracy": round(float(((probability >= 0.5) == answered).mean()), 3),
        "rule_accuracy": round(float((rule == answered).mean()), 3),
        "unanswered": _unanswered_figures(probability, answered),
        "rule_unanswered": _unanswered_figures(rule * 1.0, answered),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path, help="labelled case folders or JSON Lines files")
    parser.add_argument("--test", nargs="*", type=Path, default=[], help="labelled case folders to score on")
    parser.add_argument("--check", action="store_true", help="write nothing")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    rows = list(examples(args.paths))
    if not rows:
        print("error: no labelled question was found in the training data", file=sys.stderr)
        return 2
    result = train(rows)
    report = {k: result[k] for k in ("trained_on", "cross_validation")}
    if args.test:
        report["test"] = score(result, list(examples(args.test)))
    print(json.dumps(report, indent=2))
    if not args.check:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
