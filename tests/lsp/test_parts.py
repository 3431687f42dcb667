"""The language server's transport-free parts: positions, formats, a mail buffer's body
and the "ignore this rule here" edits (the features themselves are tested over stdio)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscomm.fixes import apply_edits
from cscomm.lsp.buffers import prepare
from cscomm.lsp.formats import BufferFormat, buffer_format, checked_path
from cscomm.lsp.mailmap import body_placer, header_end
from cscomm.lsp.positions import UTF8, UTF16, UTF32, PositionMap
from cscomm.lsp.suppress import ignore

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("encoding", "character"), [(UTF16, 6), (UTF8, 9), (UTF32, 5)], ids=["utf-16", "utf-8", "utf-32"]
)
def test_positions_count_the_agreed_code_units(encoding: str, character: int) -> None:
    text = "one\r\ntwo\rthree\nhé 😊 x\n"
    positions = PositionMap(text, encoding)
    offset = text.index("x")
    assert positions.position(offset) == (3, character)
    assert positions.offset(3, character) == offset
    assert positions.position(text.index("t")) == (1, 0)
    assert positions.offset(0, 99) == 3, "past a line's end is its end, before the CRLF"
    assert positions.offset(99, 0) == len(text)


@pytest.mark.parametrize(
    ("language", "uri", "expected"),
    [
        ("markdown", "file:///d/reply", BufferFormat.MARKDOWN),
        ("plaintext", "file:///d/macro.html", BufferFormat.HTML),
        ("mail", "file:///tmp/mutt-host-1000-1", BufferFormat.MAIL),
        ("message", "file:///tmp/x", BufferFormat.MAIL),
        ("text", "untitled:Untitled-1", BufferFormat.PLAIN),
        ("python", "file:///d/app.py", None),
    ],
)
def test_buffer_formats(language: str, uri: str, expected: BufferFormat | None) -> None:
    assert buffer_format(language, uri) is expected


def test_the_checked_path_carries_the_format_suffix(tmp_path: Path) -> None:
    assert checked_path("file:///tmp/mutt-host-1", BufferFormat.MAIL, tmp_path) == Path(
        "/tmp/mutt-host-1.eml"
    )
    assert checked_path("file:///d/a%20b.md", BufferFormat.MARKDOWN, tmp_path) == Path("/d/a b.md")
    assert checked_path("untitled:Untitled-1", BufferFormat.PLAIN, tmp_path) == tmp_path / "Untitled-1.txt"


def test_a_quoted_printable_body_is_found_in_the_buffer() -> None:
    text = (ROOT / "tests/fixtures/eml/07_quoted_printable.eml").read_text(encoding="utf-8")
    body = prepare(text, BufferFormat.MAIL, Path("reply.eml")).draft.text
    place = body_placer(text, body)
    start = body.index("The price difference")
    assert text[place(start) : place(start + 20)] == "The price difference"
    assert place(0) >= (header_end(text) or 0)


def test_an_emacs_message_buffer_is_a_message() -> None:
    text = "To: sam@example.com\nSubject: Refund\n--text follows this line--\nHi Sam,\n\nI recieve it.\n"
    prepared = prepare(text, BufferFormat.MAIL, Path("draft.eml"))
    assert prepared.draft.text.startswith("Hi Sam,")
    assert text[prepared.place(prepared.draft.text.index("recieve")) :].startswith("recieve")


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        (
            "Hi Sam,\n\nThanks.\nYour refund will recieve you.\n",
            BufferFormat.MARKDOWN,
            "Thanks.<!-- cscomm-disable-next-line SG117 -->\nYour",
        ),
        (
            "Hi Sam,\r\n\r\nYour refund will recieve you.\r\n",
            BufferFormat.MARKDOWN,
            "\r\n<!-- cscomm-disable-next-line SG117 -->\r\nYour",
        ),
        (
            "Hi Sam,\n\n<!-- cscomm-disable-next-line CL006 -->\nYour refund will recieve you.\n",
            BufferFormat.MARKDOWN,
            "<!-- cscomm-disable-next-line CL006, SG117 -->\nYour",
        ),
        (
            "<p>Hi Sam,</p>\n<p>Thanks.\nYour refund will recieve you.</p>\n",
            BufferFormat.HTML,
            "Thanks.<!-- cscomm-disable-next-line SG117 -->\nYour",
        ),
        (
            "From: a@example.com\nTo: b@example.com\nX-Cscomm-Ignore: CT001,\n CT002\nSubject: x\n\nHi,\nI recieve it.\n",
            BufferFormat.MAIL,
            "X-Cscomm-Ignore: CT001,\n CT002, SG117\nSubject",
        ),
    ],
    ids=["mid-paragraph", "crlf-paragraph-start", "existing-directive", "html", "existing-header"],
)
def test_ignore_edits(text: str, fmt: BufferFormat, expected: str) -> None:
    suffix = {BufferFormat.MARKDOWN: ".md", BufferFormat.HTML: ".html", BufferFormat.MAIL: ".eml"}[fmt]
    prepared = prepare(text, fmt, Path(f"draft{suffix}"))
    found = ignore(prepared, "SG117", text.index("recieve"))
    assert found is not None
    assert expected in apply_edits(text, [found.edit])


def test_plain_text_gets_no_ignore_edit() -> None:
    text = "Hi Sam,\n\nI recieve it.\n"
    assert (
        ignore(prepare(text, BufferFormat.PLAIN, Path("draft.txt")), "SG117", text.index("recieve")) is None
    )
