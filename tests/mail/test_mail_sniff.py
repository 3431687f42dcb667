"""looks_like_message: RFC 822 header blocks versus prose and memos."""

from __future__ import annotations

import pytest

from cscomm.mail import looks_like_message

MESSAGES = [
    b"From: a@example.com\nTo: b@example.com\n\nHi",
    b"Return-Path: <a@example.com>\nReceived: from x\n\tby y; Mon, 2 Mar 2026\nSubject: Hi\n\nBody",
    b"From a@example.com Sat Jan  3 01:05:34 2026\nFrom: a@example.com\nSubject: x\n\nBody",
    b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nBody",
    b"Subject: Re: refund\nFrom: Ana <ana@example.com>\n",
]

NOT_MESSAGES = [
    b"",
    b"Dear Ana,\n\nThank you for your email.\n",
    b"Subject: Refund\n\nHi Ana, your refund is on its way.",
    b"To: All staff\nFrom: Human Resources\nDate: 2 March 2026\nSubject: Holiday policy\n\nBody",
    b"From: a@example.com\nHello there, this is not a header\n\nBody",
    b"\nFrom: a@example.com\nTo: b@example.com\n\nHi",
    b"Hi: this looks like a header\nbut: is not a message at all\n\nText",
]


@pytest.mark.parametrize("data", MESSAGES)
def test_messages(data: bytes) -> None:
    assert looks_like_message(data)


@pytest.mark.parametrize("data", NOT_MESSAGES)
def test_not_messages(data: bytes) -> None:
    assert not looks_like_message(data)


def test_long_header_block_cut_by_the_sniff_window() -> None:
    received = b"".join(b"Received: from relay%d.example.com by mx.example.com\n" % i for i in range(600))
    assert looks_like_message(received + b"Subject: x\n\nBody")
