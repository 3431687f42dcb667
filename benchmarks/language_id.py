"""Language identification on labelled drafts: cscomm's identifier (py3langid behind a plain-
English fast path; it declines to judge under 12 words, which counts as wrong here), py3langid
alone, and lingua-language-detector when it is installed, on whole drafts and on their 5-15
word sentences.

    python benchmarks/language_id.py          # every labelled set, by its "language" label

Evaluation only: the labelled texts are read, never copied.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rule_precision import DEFAULT_SETS, ROOT, SHARED_EVAL, load_scorer

SEED_SET = re.compile(r"eval-(?:pt|vi|tl|th)\d*")
SETS = [*DEFAULT_SETS, *sorted(p for p in (ROOT / "benchmarks").iterdir() if SEED_SET.fullmatch(p.name))]
"""The English sets and every seed-language set (eval-pt, eval-pt2 … eval-th5)."""
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def samples() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(language, text) for each draft's reply, and for its sentences of 5-15 words."""
    score = load_scorer(SHARED_EVAL / "score.py")
    drafts = []
    for folder in (s for s in SETS if s.is_dir()):
        for case in score.load_cases(folder):
            drafts.append((str(case.labels.get("language", "en")), case.reply))
    sentences = [
        (lang, s)
        for lang, text in drafts
        if lang != "th"
        for s in SENTENCE.split(text)
        if 5 <= len(s.split()) <= 15
    ]
    return drafts, sentences


def identifiers() -> dict[str, Callable[[str], str | None]]:
    from cscomm.language import _identifier, identify

    found: dict[str, Callable[[str], str | None]] = {
        "cscomm (py3langid)": identify,
        "py3langid alone": lambda text: str(_identifier().classify(text)[0]),
    }
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        return found
    detector = LanguageDetectorBuilder.from_all_languages().build()

    def lingua(text: str) -> str | None:
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language is not None else None

    found["lingua"] = lingua
    return found


def main() -> int:
    drafts, sentences = samples()
    results = {}
    for name, guess in identifiers().items():
        start = time.perf_counter()
        right = sum(guess(text) == lang for lang, text in drafts)
        per_draft = (time.perf_counter() - start) / len(drafts)
        short = sum(guess(text) == lang for lang, text in sentences)
        results[name] = {
            "drafts": f"{right}/{len(drafts)}",
            "sentences": f"{short}/{len(sentences)}",
            "ms_per_draft": round(per_draft * 1000, 2),
        }
        figures = f"drafts {right}/{len(drafts)}  sentences {short}/{len(sentences)}"
        print(f"{name:20} {figures}  {per_draft * 1000:.2f} ms a draft")
    print(json.dumps(results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
