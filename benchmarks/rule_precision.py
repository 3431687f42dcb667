"""Per-rule precision on labelled case folders: how often each rule's findings are right.

Every finding is judged against the case's labels with the scorer's own matching
(``../shared/eval/score.py``):

- questions: right when it names a question labelled unanswered;
- next-action: right when the labels say no next action is stated;
- courtesy elements (greeting, thanks, closing): right when that element is labelled missing;
- tone and spelling/grammar: right when its span overlaps a labelled span of that family;
- anything else: right when its span overlaps an ``other_issues`` span, and unjudged in
  cases without ``other_issues``.

    python benchmarks/rule_precision.py                       # realworld + dev + eval-extra*
    python benchmarks/rule_precision.py --markdown            # the README's rule table
    python benchmarks/rule_precision.py --json out.json CASES_DIR ...

Evaluation only: the labelled texts are read, never copied.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_SETS = (
    SHARED_EVAL / "realworld",
    SHARED_EVAL / "dev",
    *sorted((ROOT / "benchmarks").glob("eval-extra*")),
)
PRECISION_TARGET = 0.9


@dataclass
class Tally:
    """One rule's judged findings."""

    code: str
    name: str
    severity: str
    opt_in: bool = False
    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    loud_right: int = 0
    loud_wrong: int = 0
    """Findings reported at warning or error (an unsure one is a suggestion), right and wrong."""

    @property
    def fired(self) -> int:
        return self.right + self.wrong + self.unjudged

    @property
    def precision(self) -> float | None:
        judged = self.right + self.wrong
        return self.right / judged if judged else None

    @property
    def loud_precision(self) -> float | None:
        """Precision of the findings a check fails on (warning or error)."""
        judged = self.loud_right + self.loud_wrong
        return self.loud_right / judged if judged else None


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("cscomm_eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"error: cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up here
    spec.loader.exec_module(module)
    return module


def judge(score: ModuleType, case: Any, finding: dict[str, Any]) -> bool | None:
    """True when the labels agree with ``finding``, False when they contradict it, None
    when nothing labels that kind of finding."""
    labels = case.labels
    category = score._cat(finding)
    name = score._name(finding)
    if category in ("questions", "question"):
        asked = str(finding.get("question") or finding.get("text") or "")
        return any(score.question_match(asked, q["text"]) and not q["answered"] for q in labels["questions"])
    if category in ("next-action", "nextaction"):
        return not labels["next_action_stated"]
    for element, keys in score.COURTESY_ELEMENTS.items():
        if any(key in name for key in keys):
            return not labels[element]
    if score.is_tone_finding(finding):
        return any(score.span_hit(finding, s["text"], case) for s in labels.get("tone_issues", []))
    if category in ("spelling", "grammar"):
        return any(score.span_hit(finding, s["text"], case) for s in labels.get("spelling_grammar", []))
    if "other_issues" not in labels:
        return None
    text = str(finding.get("text") or "").strip()
    for issue in labels["other_issues"]:
        if not issue["text"] and not text:
            return True
        if issue["text"] and text and score.span_hit(finding, issue["text"], case):
            return True
    return False


def tally(score: ModuleType, sets: list[Path], select: str | None) -> dict[str, Tally]:
    from cscomm.config import Config
    from cscomm.engine import Linter

    config = Config(select=tuple(select.split(","))) if select else Config()
    linter = Linter(config)
    declared = {rule.code: rule for rule in linter.rules}
    tallies: dict[str, Tally] = {}
    for folder in sets:
        for case in score.load_cases(folder):
            report = linter.check(case.draft, path=str(case.path / "draft.txt"), incoming=case.incoming)
            for finding in report.to_dict()["findings"]:
                rule = declared[finding["code"]]
                entry = tallies.setdefault(
                    rule.code, Tally(rule.code, rule.name, str(rule.severity), rule.opt_in)
                )
                verdict = judge(score, case, finding)
                if verdict is None:
                    entry.unjudged += 1
                elif verdict:
                    entry.right += 1
                    entry.loud_right += finding["severity"] != "suggestion"
                else:
                    entry.wrong += 1
                    entry.loud_wrong += finding["severity"] != "suggestion"
    return tallies


def _loud(t: Tally) -> str:
    judged = t.loud_right + t.loud_wrong
    return f"{_fmt(t.loud_precision)} ({t.loud_right}/{judged})" if judged else "–"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def print_table(tallies: dict[str, Tally], markdown: bool) -> None:
    rows = sorted(tallies.values(), key=lambda t: t.code)
    if markdown:
        print("| rule | name | severity | fired | right | wrong | unjudged | precision | at warning |")
        print("|---|---|---|---|---|---|---|---|---|")
        for t in rows:
            severity = f"{t.severity}, opt-in" if t.opt_in else t.severity
            print(
                f"| {t.code} | {t.name} | {severity} | {t.fired} | {t.right} | {t.wrong} | {t.unjudged} | "
                f"{_fmt(t.precision)} | {_loud(t)} |"
            )
        return
    print(
        f"{'rule':7} {'name':30} {'severity':10} {'fired':>5} {'right':>5} {'wrong':>5} {'unjud':>5}  "
        "prec  at warning"
    )
    for t in rows:
        below = t.loud_precision is not None and t.loud_precision < PRECISION_TARGET
        flag = "  < target" if below else ""
        print(
            f"{t.code:7} {t.name:30} {t.severity:10} {t.fired:5} {t.right:5} {t.wrong:5} {t.unjudged:5}  "
            f"{_fmt(t.precision)}  {_loud(t)}{flag}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="labelled case folders (default: all known)")
    parser.add_argument("--scorer", type=Path, default=SHARED_EVAL / "score.py", help="path to score.py")
    parser.add_argument("--select", help="rule selectors, comma-separated (default: the default set)")
    parser.add_argument("--markdown", action="store_true", help="print the README's table")
    parser.add_argument("--json", type=Path, help="also write the tallies as JSON")
    args = parser.parse_args(argv)
    sets = args.sets or [s for s in DEFAULT_SETS if s.is_dir()]
    if not args.scorer.is_file():
        parser.error(f"scorer not found: {args.scorer}")
    if not sets:
        parser.error("no labelled case folders found")
    tallies = tally(load_scorer(args.scorer), sets, args.select)
    print_table(tallies, args.markdown)
    if args.json:
        data = {c: {**asdict(t), "fired": t.fired, "precision": t.precision} for c, t in tallies.items()}
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"\nsets: {', '.join(str(s) for s in sets)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
