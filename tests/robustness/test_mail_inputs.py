"""The .eml reader on hostile messages: charset labels naming codecs that are no character
set, and deeply nested multiparts. ``serve`` answers 400 for what cannot be read."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from cscomm.errors import InputError
from cscomm.mail import MailParseError, parse_message
from cscomm.mail.structure import MAX_DEPTH, TOO_DEEP
from cscomm.messages import draft_from_message
from cscomm.server.errors import ApiError
from cscomm.server.request_body import parse_check_request

NOT_CHARSETS = ["base64", "rot13", "hex", "zlib", "bz2", "uu", "quopri", "idna", "punycode", "undefined"]
HELLO = "SGVsbG8gU2FtLCB0aGFua3Mu"  # "Hello Sam, thanks." in base64


def _message(charset: str, where: str) -> bytes:
    subject = f"=?{charset}?B?{HELLO}?=" if where == "header" else "Your refund"
    body_charset = charset if where == "body" else "utf-8"
    return (
        "From: Ana <ana@shop.example>\nTo: sam@example.com\n"
        f"Subject: {subject}\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset={body_charset}\n\n"
        "Hi Sam,\n\nThanks for your message. Your refund is on its way.\n\nBest regards,\nAna\n"
    ).encode()


@pytest.mark.parametrize("where", ["body", "header"])
@pytest.mark.parametrize("charset", NOT_CHARSETS)
def test_a_codec_that_is_no_charset_is_an_unknown_charset(charset: str, where: str) -> None:
    mail = parse_message(_message(charset, where))
    assert "Thanks for your message" in mail.body
    assert any(f'unknown charset "{charset}"' in w for w in mail.charset_warnings)
    draft, _ = parse_check_request({"message": _message(charset, where).decode()})
    assert any(f'unknown charset "{charset}"' in n for n in draft.notices)


def _nested(depth: int, text_at_top: bool) -> bytes:
    opening = "".join(f"Content-Type: multipart/mixed; boundary=B{i}\n\n--B{i}\n" for i in range(depth))
    top = "Content-Type: multipart/mixed; boundary=TOP\n\n--TOP\nContent-Type: text/plain\n\nHello Sam.\n--TOP\n"
    return f"From: a@shop.example\nMIME-Version: 1.0\n{top if text_at_top else ''}{opening}Content-Type: text/plain\n\nDeep.\n".encode()


def test_multiparts_nested_beyond_the_bound_are_skipped_with_a_warning() -> None:
    mail = parse_message(_nested(MAX_DEPTH + 10, text_at_top=True))
    assert "Hello Sam." in mail.body and "Deep." not in mail.body
    assert TOO_DEEP in mail.warnings


def test_multiparts_within_the_bound_are_read() -> None:
    assert "Deep." in parse_message(_nested(MAX_DEPTH - 5, text_at_top=False)).body


@pytest.mark.parametrize("depth", [MAX_DEPTH + 10, 1_500], ids=["past-the-bound", "past-the-stack"])
def test_a_message_whose_text_nests_too_deep_is_an_input_error(depth: int) -> None:
    with pytest.raises(MailParseError):
        parse_message(_nested(depth, text_at_top=False))
    with pytest.raises(InputError, match="nest"):
        draft_from_message(_nested(depth, text_at_top=False), "deep.eml")
    with pytest.raises(ApiError) as caught:
        parse_check_request({"message": _nested(depth, text_at_top=False).decode()})
    assert caught.value.status is HTTPStatus.BAD_REQUEST
