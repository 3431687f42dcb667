"""Decoding: one stray byte in a UTF-8 file or body stays one character where it stands (the
whole file was once re-read as cp1252: mojibake, false misspellings, shifted columns); a
UTF-16 label on a UTF-8 body is seen through; UTF-16 without a byte-order mark is text."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm import Linter
from cscomm.cli import cli
from cscomm.errors import InputError
from cscomm.mail import parse_message
from cscomm.mail.charsets import decode_bytes
from cscomm.mail.rewrite import NotWritable, rewrite_body
from cscomm.messages import draft_from_message
from cscomm.sources import decode

REPLY = (
    "Hi Zoë,\n\nThanks for your message. Your café voucher of €25 is on its way and will "
    "reach you by Friday.\n\nBest regards,\nAna\n"
)
AT = REPLY.index("é voucher")


def with_stray(byte: bytes) -> bytes:
    """The reply in UTF-8 but for ``byte`` (not UTF-8 there) in place of the "é" of "café"."""
    return REPLY[:AT].encode() + byte + REPLY[AT + 1 :].encode()


@pytest.mark.parametrize(
    ("byte", "read_as"), [(b"\x92", "’"), (b"\xe9", "é"), (b"\x81", "\x81"), (b"\xff", "ÿ")]
)
def test_a_stray_byte_is_one_character_where_it_stands(byte: bytes, read_as: str) -> None:
    source = decode(with_stray(byte), "reply.txt")
    assert source.text == REPLY[:AT] + read_as + REPLY[AT + 1 :]
    assert source.warning == "1 byte that is not UTF-8 (line 3) read as cp1252; the rest is UTF-8"


def test_stray_bytes_on_many_lines_are_counted_and_placed() -> None:
    lines = [f"Line {n} says caf\u00e9.".encode() + (b" \xe9" if n % 2 else b"") for n in range(1, 10)]
    source = decode(b"\n".join(lines), "x.txt")
    assert (
        source.warning
        == "5 bytes that are not UTF-8 (lines 1, 3, 5 and 2 more) read as cp1252; the rest is UTF-8"
    )
    assert "caf\u00e9" in source.text and "Ã" not in source.text


def test_a_file_with_no_utf8_in_it_is_still_cp1252() -> None:
    source = decode(REPLY.encode("cp1252"), "x.txt")
    assert (source.text, source.warning) == (REPLY, "not valid UTF-8; decoded as cp1252")
    assert decode("Olá, café".encode("latin-1"), "x").warning == "not valid UTF-8; decoded as latin-1"


def test_a_stray_byte_shifts_no_column_and_makes_no_misspelling(tmp_path: Path) -> None:
    """A cp1252 "é" pasted into a UTF-8 reply: the same findings as the clean reply."""
    typo = b"Your refund is recieved.\n"
    (tmp_path / "clean.txt").write_bytes(REPLY.encode() + typo)
    (tmp_path / "pasted.txt").write_bytes(with_stray(b"\xe9") + typo)
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", str(tmp_path)])
    clean, pasted = sorted(json.loads(result.stdout)["files"], key=lambda f: f["path"])
    assert pasted["findings"] == clean["findings"]
    assert ("recieved", 7, 16) in [(f["text"], f["line"], f["column"]) for f in pasted["findings"]]
    assert not any("Ã" in f["text"] for f in pasted["findings"])
    assert any("1 byte that is not UTF-8 (line 3)" in n for n in pasted["notices"])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [REPLY, "สวัสดีครับ คุณสมชาย\n\nขอบคุณที่ติดต่อมาครับ\n", "您好，感谢您的来信。\n订单将于周五发货。\n"],
    ids=["english", "thai", "chinese"],
)
def test_utf16_without_a_byte_order_mark_is_text(encoding: str, text: str) -> None:
    source = decode(text.encode(encoding), "reply.txt")
    assert (source.text, source.warning) == (text, f"decoded as {encoding.upper()} (no byte-order mark)")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        zlib.compress(os.urandom(64) * 40),
        b"\x00\x00\x00\x00" * 100,
    ],
    ids=["all-bytes", "png", "compressed", "zeros"],
)
def test_binary_is_still_binary(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file"):
        decode(data, "x.bin")


def _message(charset: str, body: bytes) -> bytes:
    head = f"From: Ana <ana@shop.example>\nTo: zoe@example.com\nSubject: Your voucher\nMIME-Version: 1.0\nContent-Type: text/plain; charset={charset}\n\n"
    return head.encode() + body


def test_a_stray_byte_in_a_utf8_body_is_one_character() -> None:
    mail = parse_message(_message("utf-8", with_stray(b"\x92")))
    assert mail.body.startswith(REPLY[:AT] + "’ voucher of €25") and "Hi Zoë," in mail.body
    assert mail.charset_warnings == (
        'body declared charset "utf-8" but was not valid; 1 byte that is not UTF-8 (line 3) read as cp1252; '
        "the rest is UTF-8",
    )


def test_a_body_with_a_stray_byte_is_not_rewritten_by_fixes() -> None:
    with pytest.raises(NotWritable, match="not valid in its charset"):
        rewrite_body(_message("utf-8", with_stray(b"\x92")), "", [])


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "utf-32"])
def test_a_utf16_label_on_a_utf8_body_is_seen_through(label: str) -> None:
    draft = draft_from_message(_message(label, REPLY.encode()), "reply.eml")
    assert draft.text.startswith("Hi Zoë,")
    assert f'body declared charset "{label.lower()}" but is utf-8; decoded as utf-8' in draft.notices
    report = Linter(backend_process=False).check(draft.text, path=draft.path)
    assert not any(n.startswith(("CS902", "CS904")) for n in report.notices)  # checked as English


def test_a_utf16_label_without_a_byte_order_mark_is_read_in_the_order_the_text_has() -> None:
    decoded = decode_bytes(REPLY.encode("utf-16-be"), "utf-16", "body")
    assert (decoded.text, decoded.codec, decoded.warning) == (REPLY, "utf-16-be", None)
