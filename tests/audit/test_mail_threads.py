"""Mail sources: threads rebuilt from In-Reply-To/References, each reply paired with the
customer message it answers, across an mbox, a Maildir and a folder of .eml files."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

from click.testing import CliRunner

from cscomm.audit.records import Conversation
from cscomm.audit.settings import AuditSettings
from cscomm.audit.sources import conversations
from cscomm.audit.threads import MailOptions
from cscomm.cli import cli

from .conftest import rows

AGENT = "ana@support.example.com"
CUSTOMER = "sam@example.com"


def message(
    msgid: str, sender: str, body: str, parent: str = "", refs: str = "", **headers: str
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = AGENT if sender == CUSTOMER else CUSTOMER
    mail["Subject"] = "Refund"
    mail["Date"] = "Mon, 09 Mar 2026 10:00:00 +0100"
    mail["Message-ID"] = msgid
    if parent:
        mail["In-Reply-To"] = parent
    if refs:
        mail["References"] = refs
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    return mail


FIRST = "Hello,\n\nWhen will my refund for order AB-1234 arrive?\n\nSam\n"
REPLY_1 = "Hi Sam,\n\nThanks for your message. The refund reaches your card by Friday 13 March.\n\nKind regards,\nAna\n"
FOLLOW_UP = (
    "Thanks. Can I also change my delivery address?\n\n"
    "On Mon, 9 Mar 2026, Ana <ana@support.example.com> wrote:\n> Hi Sam,\n> The refund reaches your card by Friday.\n"
)
REPLY_2 = "Hi Sam,\n\nThanks for asking. Yes: reply with the new address and we will update it today.\n\nBest wishes,\nAna\n"
OTHER = "Hi,\n\nFrom now on I want paper invoices. Is that possible?\n\nLee\n"
REPLY_3 = (
    "Hi Lee,\n\nThank you for asking. Yes, we will post paper invoices from April.\n\nKind regards,\nAna\n"
)


def thread_messages() -> list[EmailMessage]:
    """Two threads: a back-and-forth (the last reply has only References), and a reply
    that comes before the message it answers; plus a duplicate of the first message."""
    return [
        message("<c1@example.com>", CUSTOMER, FIRST),
        message(
            "<r1@support>", AGENT, REPLY_1, parent="<c1@example.com>", X_Team="billing", X_Macro="refund-eta"
        ),
        message(
            "<c2@example.com>",
            CUSTOMER,
            FOLLOW_UP,
            parent="<r1@support>",
            refs="<c1@example.com> <r1@support>",
        ),
        message("<r2@support>", AGENT, REPLY_2, refs="<c1@example.com> <r1@support> <c2@example.com>"),
        message("<r3@support>", AGENT, REPLY_3, parent="<c3@example.com>"),
        message("<c3@example.com>", "lee@example.com", OTHER),
        message("<c1@example.com>", CUSTOMER, FIRST),
    ]


def read(paths: list[Path], tmp_path: Path, agents: tuple[str, ...] = ()) -> list[Conversation]:
    settings = AuditSettings(mail=MailOptions(agents=agents))
    return list(conversations(paths, settings, tmp_path, warnings.append))


warnings: list[str] = []


def write_mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(path)
    for mail in messages:
        box.add(mail)
    box.flush()
    box.close()
    return path


def pairs(found: list[Conversation]) -> dict[str, tuple[str | None, str]]:
    return {c.reply_id: (c.customer, c.ticket_id) for c in found}


def test_mbox_threads_pair_each_reply_with_the_message_it_answers(tmp_path: Path) -> None:
    found = read([write_mbox(tmp_path / "mail.mbox", thread_messages())], tmp_path)
    assert [c.reply_id for c in found] == ["<r1@support>", "<r2@support>", "<r3@support>"]
    assert pairs(found) == {
        "<r1@support>": (FIRST, "<c1@example.com>"),
        "<r2@support>": ("Thanks. Can I also change my delivery address?\n", "<c1@example.com>"),
        "<r3@support>": (OTHER, "<c3@example.com>"),
    }
    first = found[0]
    assert (first.agent, first.team, first.macro, first.channel) == (AGENT, "billing", "refund-eta", "email")
    assert first.date == "2026-03-09T09:00:00+00:00"
    assert first.reply == REPLY_1


def test_replies_in_a_sent_mbox_find_customers_in_a_maildir_and_eml_folder(tmp_path: Path) -> None:
    messages = thread_messages()
    sent = write_mbox(tmp_path / "sent.mbox", [m for m in messages if m["From"] == AGENT])
    inbox = mailbox.Maildir(tmp_path / "inbox")
    for mail in messages[:3]:
        if mail["From"] != AGENT:
            inbox.add(mail)
    folder = tmp_path / "eml"
    folder.mkdir()
    (folder / "lee.eml").write_bytes(messages[5].as_bytes())
    found = read([sent, tmp_path / "inbox", folder], tmp_path, agents=("*@support.example.com",))
    assert pairs(found)["<r1@support>"][0] == FIRST
    assert pairs(found)["<r2@support>"][0] == "Thanks. Can I also change my delivery address?\n"
    assert pairs(found)["<r3@support>"][0] == OTHER


def test_cscomm_audit_on_an_mbox_scores_the_agent_replies(tmp_path: Path) -> None:
    mbox = write_mbox(tmp_path / "mail.mbox", thread_messages())
    result = CliRunner().invoke(cli, ["audit", str(mbox), "-o", str(tmp_path / "out"), "--no-html", "-q"])
    assert result.exit_code == 0, result.output
    written = rows(tmp_path / "out")
    assert [r["reply_id"] for r in written] == ["<r1@support>", "<r2@support>", "<r3@support>"]
    assert {r["agent"] for r in written} == {AGENT}
    assert all(r["has_customer"] for r in written)
    assert (tmp_path / "out" / "summary.json").is_file()
    assert not (tmp_path / "out" / "mail-index.sqlite").exists()
