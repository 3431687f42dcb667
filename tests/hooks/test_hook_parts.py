"""The pieces of the hooks that need no process: header removal and the size bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscomm.config import load_config
from cscomm.draft import Draft
from cscomm.hooks.checking import MAX_PROSE_CHARS, _bounded
from cscomm.hooks.headers import pop_header

HEAD = b"From: a@example.com\nX-Cscomm-Override: yes\nTo: b@example.org\n"


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_pop_header_removes_only_that_field(newline: bytes) -> None:
    data = (HEAD + b"\nX-Cscomm-Override: yes in the body stays\n").replace(b"\n", newline)

    rest, values = pop_header(data, "X-Cscomm-Override")

    assert values == ["yes"]
    expected = b"From: a@example.com\nTo: b@example.org\n\nX-Cscomm-Override: yes in the body stays\n"
    assert rest == expected.replace(b"\n", newline)


def test_pop_header_takes_folded_lines_and_every_copy() -> None:
    data = b"x-cscomm-override :\n yes\nSubject: one\n two\nX-CSCOMM-OVERRIDE: no\n\nBody\xff\n"

    rest, values = pop_header(data, "X-Cscomm-Override")

    assert values == ["yes", "no"]
    assert rest == b"Subject: one\n two\n\nBody\xff\n"


@pytest.mark.parametrize(
    "data",
    [
        b"From: a@example.com\nTo: b@example.org\n\nX-Cscomm-Override: yes\n",  # only in the body
        b"Just some prose: X-Cscomm-Override: yes\n",  # no header block at all
        b"",
    ],
)
def test_pop_header_without_the_field_returns_the_same_bytes(data: bytes) -> None:
    rest, values = pop_header(data, "X-Cscomm-Override")

    assert rest is data and values == []


def test_a_long_draft_is_cut_at_a_paragraph_break_with_a_notice() -> None:
    paragraph = "We have sent the replacement kettle today.\n\n"
    draft = Draft(paragraph * (2 * MAX_PROSE_CHARS // len(paragraph)), "message", notices=("n",))

    bounded = _bounded(draft)

    assert len(bounded.text) <= MAX_PROSE_CHARS and bounded.text.endswith("today.")
    assert bounded.notices[0] == "n" and "only the first" in bounded.notices[1]
    assert _bounded(Draft(paragraph)) == Draft(paragraph)


def test_the_example_config_for_the_recipes_is_valid() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "integrations" / "sendmail" / "cscomm.toml"
    config = load_config(path)

    assert config.sendmail == "/usr/sbin/sendmail" and config.strict is False
