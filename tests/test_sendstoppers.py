"""Send-stopper rules that depend on the email envelope or on who the customer is."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from cscomm import Config, Linter
from cscomm.checks.sendstoppers import customer_names
from cscomm.document import DocKind, Envelope
from cscomm.draft import Draft
from cscomm.findings import Finding
from cscomm.messages import draft_from_message
from cscomm.parsing import parse

EML = Path(__file__).parent / "fixtures" / "eml"
LINTER = Linter(Config(select=("SS",)))
REPLY = "Hi Eva,\n\nPlease find attached invoice INV-20417 for your order.\n\nKind regards,\nAisha\n"


def findings(draft: Draft, code: str) -> list[Finding]:
    return [f for f in LINTER.check_many([draft])[0].findings if f.code == code]


def eml(body: str, *, to: str = "Eva Novak <eva.novak@example.cz>", attach: bool = False) -> Draft:
    """A reply built and parsed as a real MIME message."""
    message = EmailMessage()
    message["From"] = "Aisha Rahman <support@northwind.example>"
    message["To"] = to
    message["Subject"] = "RE: Invoice for order NW-61002"
    message.set_content(body)
    if attach:
        message.add_attachment(
            b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="Invoice INV-20417.pdf"
        )
    return draft_from_message(message.as_bytes(), "reply.eml")


# --- missing-attachment (SS003) -------------------------------------------------------


def test_attachment_promised_but_missing() -> None:
    found = findings(Draft(REPLY, envelope=Envelope(recipients=(("Eva Novak", "e@x.cz"),))), "SS003")
    assert [f.text for f in found] == ["Please find attached"]


def test_attachment_present() -> None:
    envelope = Envelope(attachments=("Invoice INV-20417.pdf",))
    assert not findings(Draft(REPLY, envelope=envelope), "SS003")


def test_plain_text_draft_cannot_know() -> None:
    assert not findings(Draft(REPLY), "SS003")


def test_letters_enclose_paper() -> None:
    letter = "Dear Ms Novak,\n\nPlease complete the enclosed form.\n\nYours sincerely,\nAisha Rahman\n"
    assert not findings(Draft(letter, kind=DocKind.LETTER, envelope=Envelope()), "SS003")


def test_eml_without_attachment() -> None:
    assert [f.text for f in findings(eml(REPLY), "SS003")] == ["Please find attached"]


def test_eml_with_attachment() -> None:
    assert not findings(eml(REPLY, attach=True), "SS003")


def test_outlook_fixture_with_pdf_attachments() -> None:
    draft = draft_from_message((EML / "04_mixed_pdf_attachment.eml").read_bytes(), "04.eml")
    assert draft.envelope is not None and draft.envelope.attachments
    assert "Please find attached" in draft.text
    assert not findings(draft, "SS003")


# --- wrong-customer-name (SS002) ------------------------------------------------------


def test_recipient_is_the_customer() -> None:
    found = findings(eml(REPLY.replace("Eva", "Anna")), "SS002")
    assert [(f.text, f.suggestions) for f in found] == [("Anna", ("Eva",))]
    assert not findings(eml(REPLY), "SS002")


def test_recipient_written_surname_first() -> None:
    assert not findings(eml(REPLY, to='"Novak, Eva" <eva.novak@example.cz>'), "SS002")
    assert findings(eml(REPLY.replace("Eva", "Anna"), to='"Novak, Eva" <e@example.cz>'), "SS002")


def test_title_compares_the_surname() -> None:
    assert not findings(eml(REPLY.replace("Hi Eva", "Dear Ms Novak")), "SS002")
    found = findings(eml(REPLY.replace("Hi Eva", "Dear Mr Smith")), "SS002")
    assert [(f.text, f.suggestions) for f in found] == [("Smith", ("Novak",))]


def test_any_recipient_may_be_greeted() -> None:
    to = "Eva Novak <eva@example.cz>, Petr Novak <petr@example.cz>"
    assert not findings(eml(REPLY.replace("Eva", "Petr"), to=to), "SS002")


def test_role_account_is_not_a_name() -> None:
    to = "Northwind Billing Team <billing@example.cz>"
    assert not findings(eml(REPLY.replace("Eva", "Anna"), to=to), "SS002")


def test_gmail_fixture_with_greeting_changed() -> None:
    data = (EML / "13_gmail_reply.eml").read_bytes().replace(b"Hi Margaret,", b"Hi Sandra,")
    found = findings(draft_from_message(data, "13.eml"), "SS002")
    assert [(f.text, f.suggestions) for f in found] == [("Sandra", ("Margaret",))]


def test_curly_apostrophe_matches_straight() -> None:
    draft = draft_from_message((EML / "10_cp1252_declared_utf8.eml").read_bytes(), "10.eml")
    assert "O\u2019Brien" in draft.text
    assert not findings(draft, "SS002")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "On Mon, 2 Mar 2026 at 21:47, Margaret Oyelaran-Fitzgerald <m@example.com>\nwrote:\n> Hi\n",
            ["Margaret Oyelaran-Fitzgerald"],
        ),
        (
            "-----Original Message-----\nFrom: Tom Brennan <tom@example.org>\nSent: Tuesday, 3 March "
            "2026 09:00\nSubject: Refund\n\nWhen will I get my refund?\n",
            ["Tom Brennan"],
        ),
        (
            "Em seg., 2 de mar. de 2026 às 21:47, Ana de Souza <\nana@example.com.br> escreveu:\n> Oi\n",
            ["Ana de Souza"],
        ),
        (
            "Am Mo., 2. März 2026 um 21:47 Uhr schrieb Jürgen Weiß <j@example.de>:\n> Hallo\n>\n"
            "> Viele Grüße\n> Jürgen Weiß\n",
            ["Jürgen Weiß"],
        ),
        ("> Where is it?\n>\n> Thanks,\n> Lena\n", ["Lena"]),
        ("> Where is it?\n> Many thanks, Priscilla\n", ["Priscilla"]),
        ("> Where is it?\n>\n> Beth x\n", ["Beth"]),
        ("> Where is it?\n>\n> Eva Novak\n> Novak Design s.r.o.\n> +420 601 123 456\n", ["Eva Novak"]),
        ("> Where is it?\n>\n> Kind Regards\n", []),
        ("> Where is it?\n>\n> Sent from my iPhone\n", []),
        ("On Mon, 2 Mar 2026 at 21:47, Northwind Support <help@example.com> wrote:\n> Hi\n", []),
    ],
)
def test_customer_names(quote: str, expected: list[str]) -> None:
    doc = parse("Hi Sam,\n\nThanks for writing.\n\nBest regards,\nAna\n\n" + quote)
    assert customer_names(doc) == expected


def test_unknown_customer_never_fires() -> None:
    draft = Draft("Hi Sam,\n\nThanks.\n\nBest regards,\nAna\n", envelope=Envelope())
    assert not findings(draft, "SS002")


# --- all send-stoppers ------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(EML.glob("*.eml")), ids=lambda p: p.stem)
def test_realistic_messages_are_clean(path: Path) -> None:
    draft = draft_from_message(path.read_bytes(), path.name)
    assert not LINTER.check_many([draft])[0].findings


def test_secret_is_not_echoed_in_the_message() -> None:
    text = "Hi Ana,\n\nWe refunded the card 4111 1111 1111 1111.\n\nBest regards,\nTom\n"
    (found,) = findings(Draft(text), "SS004")
    assert found.text == "4111 1111 1111 1111"
    assert "ending 1111" in found.message and "4111" not in found.message
