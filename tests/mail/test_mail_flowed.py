"""unflow: RFC 3676 format=flowed decoding."""

from __future__ import annotations

from cscomm.mail.flowed import unflow


def test_soft_breaks_join() -> None:
    assert (
        unflow("Thank you for \nwaiting.\nNext line\n", delsp=False) == "Thank you for waiting.\nNext line\n"
    )


def test_delsp_removes_the_added_space() -> None:
    assert unflow("id=NW- \n7730\nlooked  \ninto it\n", delsp=True) == "id=NW-7730\nlooked into it\n"


def test_space_stuffing_is_removed() -> None:
    assert unflow(" From here on\n  indented\n", delsp=False) == "From here on\n indented\n"


def test_quotes_join_at_the_same_depth_only() -> None:
    text = "> Can I get a \n> refund?\n>> older \n> back\nreply \n"
    assert unflow(text, delsp=False) == "> Can I get a refund?\n>> older \n> back\nreply "


def test_signature_separator_is_not_soft() -> None:
    assert (
        unflow("Kind regards \nTomasz\n-- \nSupport\n", delsp=False) == "Kind regards Tomasz\n-- \nSupport\n"
    )


def test_empty_quoted_line() -> None:
    assert unflow("> \n> text\n", delsp=False) == ">\n> text\n"


def test_empty() -> None:
    assert unflow("", delsp=True) == ""
