"""JFLEG benchmark for the spelling/grammar backends.

For each checker: recall = share of source sentences that need a correction
(``.src`` differs from ``.ref0``) on which it flags at least one issue;
false-alarm rate = share of corrected sentences (``.ref0``) it flags anyway.

    PYTHONPATH=. python benchmarks/jfleg.py [--split dev|test] [--limit N]
        [--languagetool-url URL] [--data DIR]

Harper always runs; LanguageTool only with a server URL (flag, or the
``CSCOMM_LANGUAGETOOL_URL`` environment variable). JFLEG (CC BY-NC-SA 4.0) is
evaluation data only: it is read from ``shared/eval/jfleg`` beside the clone and
never copied into the repository or the wheel. Its sentences are tokenised
("do n't", "end ."), so they are detokenised first; otherwise every sentence
would be flagged for spacing.

Other checkers plug in through ``main(extra_checkers={"name": callable})``: any
``callable(text) -> list of matches`` (e.g. the customer-service mistake pack).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cscomm.backends.base import GrammarBackend
from cscomm.backends.harper import HarperBackend, warm_up
from cscomm.backends.languagetool import LanguageToolBackend

Checker = Callable[[str], Sequence[object]]

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "jfleg"
_GLUE_LEFT = frozenset({".", ",", "?", "!", ":", ";", "%", ")", "...", "n't"})
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m", "'t")
_GLUE_RIGHT = frozenset({"(", "$"})


@dataclass(frozen=True)
class Result:
    """Counts for one checker over one split."""

    name: str
    needs_fix: int
    caught: int
    clean: int
    false_alarms: int
    seconds: float
    false_alarm_rules: Counter[str] = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.caught / self.needs_fix if self.needs_fix else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0

    @property
    def ms_per_sentence(self) -> float:
        return 1000 * self.seconds / (self.needs_fix + self.clean)


def detokenize(line: str) -> str:
    """Undo JFLEG's tokenisation: ``'I do n't know , " he said " .'``."""
    out: list[str] = []
    glue = True  # no space before the next token
    in_quote = False
    for token in line.split():
        if token == '"':
            if in_quote:
                out.append('"')
            else:
                out.append('"' if glue else ' "')
                glue = True
            in_quote = not in_quote
            continue
        left = token in _GLUE_LEFT or token.startswith(_CLITICS)
        out.append(token if glue or left else " " + token)
        glue = token in _GLUE_RIGHT
    return "".join(out)


def load_pairs(data: Path, split: str, limit: int | None) -> list[tuple[str, str]]:
    """(source, first reference) sentence pairs of a split, detokenised."""
    src = (data / split / f"{split}.src").read_text(encoding="utf-8").splitlines()
    ref = (data / split / f"{split}.ref0").read_text(encoding="utf-8").splitlines()
    pairs = [(detokenize(s), detokenize(r)) for s, r in zip(src, ref, strict=True)]
    return pairs[:limit]


def evaluate(name: str, check: Checker, pairs: Sequence[tuple[str, str]]) -> Result:
    """Run ``check`` on every wrong source sentence and every reference."""
    caught = false_alarms = needs_fix = 0
    rules: Counter[str] = Counter()
    started = time.perf_counter()
    for source, reference in pairs:
        if source.split() != reference.split():
            needs_fix += 1
            caught += bool(check(source))
        found = check(reference)
        if found:
            false_alarms += 1
            rules.update({_label(match) for match in found})
    seconds = time.perf_counter() - started
    return Result(name, needs_fix, caught, len(pairs), false_alarms, seconds, rules)


def backend_checker(backend: GrammarBackend, language: str = "en-US") -> Checker:
    """Adapt a grammar backend to a `Checker`."""
    return lambda text: backend.check(text, language)


def linter_checker(*select: str) -> Checker:
    """cscomm's rules matching ``select`` as a `Checker` (``cs-mistakes``: the mistake
    pack; ``SG``: all spelling and grammar, the backend's matches filtered as shipped)."""
    from cscomm import Config, Linter

    linter = Linter(Config(select=select), backend_process=False)
    return lambda text: list(linter.check(text).findings)


def _label(match: object) -> str:
    return str(getattr(match, "rule_id", None) or getattr(match, "code", "?"))


def _print_table(split: str, results: Sequence[Result]) -> None:
    print(f"JFLEG {split}: recall on sentences needing a fix, false alarms on ref0")
    print(f"{'checker':<14} {'caught':>11} {'recall':>7} {'flagged':>11} {'false':>6} {'ms/sent':>8}")
    for r in results:
        print(
            f"{r.name:<14} {r.caught:>5}/{r.needs_fix:<5} {r.recall:>7.1%} "
            f"{r.false_alarms:>5}/{r.clean:<5} {r.false_alarm_rate:>6.1%} "
            f"{r.ms_per_sentence:>8.2f}"
        )
    for r in results:
        top = ", ".join(f"{rule} {n}" for rule, n in r.false_alarm_rules.most_common(8))
        print(f"{r.name} false alarms by rule: {top or '-'}")


def main(
    argv: Sequence[str] | None = None,
    extra_checkers: Mapping[str, Checker] | None = None,
) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--languagetool-url", default=os.environ.get("CSCOMM_LANGUAGETOOL_URL"))
    args = parser.parse_args(argv)
    if not (args.data / args.split).is_dir():
        parser.error(f"no JFLEG {args.split} split under {args.data}")
    pairs = load_pairs(args.data, args.split, args.limit)

    started = time.perf_counter()
    warm_up()
    warm = time.perf_counter() - started
    print(f"Harper warm-up (build + suggestion setup): {warm:.2f} s")
    harper = backend_checker(HarperBackend())
    pack = linter_checker("cs-mistakes")
    checkers: dict[str, Checker] = {
        "harper": harper,
        "cs-mistakes": pack,
        "harper+pack": lambda text: [*harper(text), *pack(text)],
        "cscomm SG": linter_checker("SG"),
    }
    if args.languagetool_url:
        checkers["languagetool"] = backend_checker(LanguageToolBackend(args.languagetool_url))
    checkers.update(extra_checkers or {})
    _print_table(args.split, [evaluate(n, c, pairs) for n, c in checkers.items()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
