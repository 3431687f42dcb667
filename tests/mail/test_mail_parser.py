"""parse_message on hand-made messages: errors, robustness, parts and headers."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

import pytest

from cscomm.mail import MailDraft, MailParseError, SourceFormat, parse_message

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eml"


def mixed(*parts: str, headers: str = "From: a@example.com\nSubject: s\n") -> bytes:
    body = "".join(f"--XYZ\n{part}\n" for part in parts)
    content_type = 'Content-Type: multipart/mixed; boundary="XYZ"'
    return f"{headers}MIME-Version: 1.0\n{content_type}\n\n{body}--XYZ--\n".encode()


PLAIN = "Content-Type: text/plain; charset=utf-8\n\nHi Ana,\nYour refund is on its way.\n"
PDF = base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode()


def test_no_text_at_all() -> None:
    with pytest.raises(MailParseError):
        parse_message(b"")
    only_pdf = mixed(f"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n{PDF}")
    with pytest.raises(MailParseError, match="no text body"):
        parse_message(only_pdf)
    assert issubclass(MailParseError, ValueError)


def test_draft_is_frozen() -> None:
    draft = parse_message(b"From: a@example.com\nSubject: s\n\nHello\n")
    assert isinstance(draft, MailDraft)
    with pytest.raises(dataclasses.FrozenInstanceError):
        draft.body = "changed"  # type: ignore[misc]


def test_message_without_mime_headers() -> None:
    draft = parse_message(
        b"From: Ana <ana@example.com>\nTo: b@example.com\nSubject: Hi\n\nHello\r\nthere\r\n"
    )
    assert (draft.body, draft.from_name, draft.source_format) == ("Hello\nthere\n", "Ana", SourceFormat.PLAIN)
    assert draft.to == (("", "b@example.com"),)


def test_attachments_and_inline_parts() -> None:
    data = mixed(
        'Content-Type: multipart/related; boundary="REL"\n\n'
        '--REL\nContent-Type: text/html\n\n<p>Hi <img src="cid:logo"></p>\n'
        "--REL\nContent-Type: image/png\nContent-ID: <logo>\n"
        'Content-Disposition: inline; filename="logo.png"\n\nxx\n--REL--',
        'Content-Type: text/plain; name="notes.txt"\n'
        'Content-Disposition: attachment; filename="notes.txt"\n\nlog',
        f"Content-Type: application/pdf\nContent-Disposition: attachment\n"
        f"Content-Transfer-Encoding: base64\n\n{PDF}",
        'Content-Type: image/jpeg; name="photo.jpg"\n\nxx',
        "Content-Type: message/rfc822\n\nFrom: c@example.com\nSubject: old\n\nold text",
    )
    draft = parse_message(data)
    assert draft.attachments == ("notes.txt", "unnamed.pdf", "photo.jpg", "unnamed.eml")
    assert (draft.body, draft.source_format) == ("Hi\n", SourceFormat.HTML)


def test_blank_plain_part_falls_back_to_html() -> None:
    data = mixed("Content-Type: text/plain\n\n  \n", "Content-Type: text/html\n\n<p>Real <b>text</b></p>")
    draft = parse_message(data)
    assert (draft.body, draft.source_format) == ("Real text\n", SourceFormat.HTML)


def test_several_plain_parts_are_joined() -> None:
    data = mixed(
        PLAIN,
        f"Content-Type: application/pdf; name=a.pdf\n\n{PDF}",
        "Content-Type: text/plain\n\nBest,\nSam\n",
    )
    assert parse_message(data).body == "Hi Ana,\nYour refund is on its way.\n\nBest,\nSam\n"


@pytest.mark.parametrize(
    ("cut", "defect"),
    [
        (2, "base64 encoded sequence had an incorrect length"),
        (3, "base64 encoded sequence had invalid length (1 mod 4)"),
    ],
)
def test_truncated_base64_body(cut: int, defect: str) -> None:
    encoded = base64.b64encode(b"Hi Ana, your refund was approved today!").decode()[:-cut]
    data = (
        "From: a@example.com\nSubject: s\nContent-Type: text/plain; charset=utf-8\n"
        f"Content-Transfer-Encoding: base64\n\n{encoded}\n"
    ).encode()
    draft = parse_message(data)
    assert draft.body.startswith("Hi Ana, your refund was approved tod")
    assert draft.warnings == (f"body: {defect}",)


def test_multipart_without_any_boundary_line() -> None:
    data = b"From: a@example.com\nSubject: s\nContent-Type: multipart/mixed\n\nJust some text.\n"
    draft = parse_message(data)
    assert draft.body == "Just some text.\n"
    assert "multipart/mixed part has no boundary; read as plain text" in draft.warnings


def test_raw_8bit_headers_in_a_legacy_charset() -> None:
    data = b"From: Ren\xe9e <r@example.com>\nSubject: Caf\xe9 \x93special\x94\n\nHi\n"
    draft = parse_message(data)
    assert (draft.from_name, draft.subject) == ("Ren\u00e9e", "Caf\u00e9 \u201cspecial\u201d")
    assert draft.charset_warnings == (
        'header "Subject" declared no charset; decoded as cp1252',
        'header "From" declared no charset; decoded as cp1252',
    )


def test_encoded_words() -> None:
    data = (
        b"From: =?utf-8?q?Silva=2C_Ana?= <ana@example.com>\n"
        b'To: "=?utf-8?q?Lef=C3=A8vre=2C_Camille?=" <c@example.fr>, =?utf-8?b?SsO8cmdlbg==?= <j@example.de>\n'
        b"Subject: =?utf-8?q?caf=C3=A9?= =?utf-8?q?_table?= and =?utf-8?b?QUJDR?=\n\nHi\n"
    )
    draft = parse_message(data)
    assert (draft.from_name, draft.from_addr) == ("Silva, Ana", "ana@example.com")
    assert draft.to == (("Lef\u00e8vre, Camille", "c@example.fr"), ("J\u00fcrgen", "j@example.de"))
    assert draft.subject == "caf\u00e9 table and =?utf-8?b?QUJDR?="
    assert draft.warnings == ('header "Subject" has a malformed encoded word; kept as is',)


def test_unparseable_address_is_read_loosely() -> None:
    draft = parse_message(b'From: <<<>>>@@ broken ,,, "\nTo: ok@example.com\nSubject: s\n\nHi\n')
    assert draft.to == (("", "ok@example.com"),)
    assert draft.warnings == ('header "From" could not be parsed strictly; read loosely',)


def test_extra_headers_are_kept_in_order() -> None:
    data = (
        b"Date: Tue, 3 Mar 2026 10:02:10 +0000\nFrom: a@example.com\nSubject: s\n"
        b"Cc: Team <team@example.com>\nX-Spam-Score: 0.1\nMessage-ID: <1@example.com>\n\nHi\n"
    )
    assert parse_message(data).headers == (
        ("Date", "Tue, 3 Mar 2026 10:02:10 +0000"),
        ("Message-ID", "<1@example.com>"),
        ("Cc", "Team <team@example.com>"),
    )


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.eml")), ids=lambda p: p.stem)
def test_truncated_fixtures_never_crash(path: Path) -> None:
    """Every prefix cut of a fixture gives a draft or MailParseError, nothing else."""
    data = path.read_bytes()
    for cut in range(0, len(data), max(1, len(data) // 12)):
        try:
            draft = parse_message(data[:cut])
        except MailParseError:
            continue
        assert draft.body.strip()
