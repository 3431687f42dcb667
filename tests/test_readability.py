"""textstat 0.7.8 with the fast pronunciation lookup: same figures, offline."""

from __future__ import annotations

import subprocess
import sys

from cscomm import readability

SAMPLE = (
    "Notwithstanding the aforementioned considerations, our organisation's comprehensive "
    "reimbursement methodology necessitates documentary substantiation. The dog ran home."
)


def test_fast_lookup_gives_textstat_s_own_syllable_counts() -> None:
    probe = (
        "import textstat, sys; "
        "print(textstat.syllable_count(sys.argv[1]), textstat.flesch_kincaid_grade(sys.argv[1]))"
    )
    stock = subprocess.run([sys.executable, "-c", probe, SAMPLE], capture_output=True, text=True, check=True)
    syllables, grade = stock.stdout.split()
    ours = readability._textstat()
    assert ours.syllable_count(SAMPLE) == int(syllables)
    assert readability.grade_level(SAMPLE) == float(grade)


def test_works_offline_without_nltk() -> None:
    probe = (
        "import sys; sys.modules['nltk'] = None; from cscomm import readability; "
        "print(readability.grade_level('The cat sat on the mat. It was happy.'))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert float(result.stdout) < 5


def test_dictionary_words() -> None:
    assert readability.is_dictionary_word("NEVER")
    assert not readability.is_dictionary_word("AIPQ")
