"""``check --fix`` on a .eml: the body's text part is re-encoded, every other byte kept."""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP, Policy, default
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm import Config, Linter
from cscomm.autofix import Fixed, fix_source
from cscomm.cli import cli
from cscomm.mail import parse_message
from cscomm.messages import draft_from_source
from cscomm.sources import decode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eml"
QUOTE = (
    "On Mon, 9 Mar 2026, Sam <sam@example.com> wrote:\n> Will you recieve the the parcel durring the week?\n"
)
BODY = (
    "Hi Sam,\n\nThanks for your message. We will recieve the the parcel durring the week and refund"
    " the café fee.\n\nBest regards,\nAna\n\n" + QUOTE
)
FIXED = BODY.replace("recieve the the parcel durring", "receive the parcel during", 1)
ATTACHMENT = b"%PDF-1.4 recieve the the\n" * 20


def message(encoding: str, policy: Policy = default, html: bool = False) -> bytes:
    mail = EmailMessage(policy=policy)
    mail["From"] = "Ana <ana@example.com>"
    mail["To"] = "Sam <sam@example.com>"
    mail["Subject"] = "Re: when will you recieve the the parcel"
    mail["X-Cscomm-Note"] = "headers are never fixed: recieve"
    mail.set_content(BODY, cte=encoding)
    if html:
        mail.add_alternative(f"<p>{BODY}</p>", subtype="html")
    mail.add_attachment(ATTACHMENT, maintype="application", subtype="pdf", filename="label.pdf")
    return mail.as_bytes()


def fixed(linter: Linter, data: bytes, name: str = "reply.eml") -> Fixed:
    return fix_source(linter, decode(data, name), draft_from_source)


def text_payload_span(data: bytes) -> tuple[int, int]:
    """Where the text/plain payload lies in ``data``."""
    part = next(
        p for p in message_from_bytes(data, policy=default).walk() if p.get_content_type() == "text/plain"
    )
    payload = part.get_payload(decode=part["Content-Transfer-Encoding"] not in ("base64", "quoted-printable"))
    raw = payload if isinstance(payload, bytes) else payload.encode("ascii")
    start = data.index(raw)
    return start, start + len(raw)


def changed_region(old: bytes, new: bytes) -> tuple[int, int]:
    """The span of ``old`` outside of which ``new`` has the same bytes."""
    head = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
    )
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, len(old) - tail


def structure(data: bytes) -> list[tuple[str, str | None, str | None]]:
    mail = message_from_bytes(data, policy=default)
    return [(p.get_content_type(), p.get_boundary(), p.get_filename()) for p in mail.walk()]


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64", "8bit"])
@pytest.mark.parametrize("policy", [default, SMTP], ids=["LF", "CRLF"])
def test_only_the_text_part_changes(linter: Linter, encoding: str, policy: Policy) -> None:
    data = message(encoding, policy)
    result = fixed(linter, data)
    new = result.source.raw
    assert parse_message(new).body == FIXED
    assert result.warning == ""
    start, end = changed_region(data, new)
    payload = text_payload_span(data)
    assert payload[0] <= start and end <= payload[1]  # headers, boundaries, attachment: same bytes
    assert structure(new) == structure(data)
    assert message_from_bytes(new, policy=default)["Content-Transfer-Encoding"] is None  # multipart root


def test_the_quoted_thread_and_headers_keep_their_mistakes(linter: Linter) -> None:
    new = fixed(linter, message("8bit")).source.raw
    body = parse_message(new).body
    assert body.endswith(QUOTE)
    mail = message_from_bytes(new, policy=default)
    assert mail["Subject"] == "Re: when will you recieve the the parcel"
    assert mail["X-Cscomm-Note"] == "headers are never fixed: recieve"


def test_fixing_a_message_twice_changes_nothing(linter: Linter) -> None:
    once = fixed(linter, message("quoted-printable"))
    assert fixed(linter, once.source.raw).source.raw == once.source.raw


def test_a_message_with_an_html_body_is_left_alone(linter: Linter) -> None:
    data = message("8bit", html=True)
    result = fixed(linter, data)
    assert result.source.raw == data
    assert result.warning == "not fixed: it has an HTML body, which would keep the mistakes"
    assert {f.text for f in result.report.findings} >= {"recieve", "durring"}


def test_a_flowed_body_keeps_its_soft_line_breaks(linter: Linter) -> None:
    data = (FIXTURES / "05_flowed_delsp.eml").read_bytes()
    data = data.replace(b"The replacement  \n", b"The the replacement  \n", 1)
    data = data.replace(b"our warehouse today", b"our warehouse durring today", 1)
    assert b"The the" in data and b"durring" in data
    new = fixed(linter, data).source.raw
    assert new == data.replace(b"The the", b"The", 1).replace(b"durring", b"during", 1)


def test_an_edit_across_a_flowed_line_break_is_skipped(linter: Linter) -> None:
    data = (FIXTURES / "05_flowed_delsp.eml").read_bytes()
    data = data.replace(b"The replacement  \n", b"The  \nthe replacement  \n", 1)
    result = fixed(linter, data)
    assert result.source.raw == data
    assert result.warning == "some fixes were not applied: an edit crosses a line break the message wraps"


def test_a_7bit_part_takes_no_8bit_fix(linter: Linter) -> None:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "ana@example.com", "sam@example.com", "Re: refund"
    mail.set_content(
        "Hi Sam,\n\nThanks. Your refund is waiting... It will reach you soon.\n\nBest,\nAna\n", cte="7bit"
    )
    data = mail.as_bytes()
    style = Linter(Config(select=("SG004",)), backend_process=False)  # "..." for "…", unsafe
    result = fix_source(style, decode(data, "r.eml"), draft_from_source, unsafe=True)
    assert result.source.raw == data
    assert result.warning == "some fixes were not applied: a fix needs 8-bit text in a 7bit part"


def test_the_command_line_fixes_an_eml_in_place(tmp_path: Path) -> None:
    path = tmp_path / "reply.eml"
    path.write_bytes(message("quoted-printable"))
    result = CliRunner().invoke(cli, ["check", "--isolated", "--fix", str(path)])
    assert parse_message(path.read_bytes()).body == FIXED
    assert "Fixed 3 problems in 1 file." in result.stderr
