"""The size limit counts words too: checking time grows with words, not bytes."""

from __future__ import annotations

import pytest

from cscomm.errors import InputError
from cscomm.limits import check_size


def test_a_token_dense_draft_under_the_byte_limit_is_refused() -> None:
    text = "a\n" * 120_000  # 240 KB: under 250,000 bytes, but 120,000 words
    with pytest.raises(InputError, match=r"draft.txt: 120,000 words to check; the limit is 50,000"):
        check_size(text, "draft.txt", 250_000)


def test_prose_of_the_size_limit_passes() -> None:
    text = "Thanks for writing to us today. " * 7_000  # 224 KB, 42,000 words
    check_size(text, "draft.txt", 250_000)


def test_a_draft_of_very_many_short_lines_is_refused() -> None:
    text = "ok then\n" * 20_000  # 160 KB, 40,000 words, 20,001 lines
    with pytest.raises(InputError, match=r"20,001 lines to check; the limit is 12,500"):
        check_size(text, "draft.txt", 250_000)
