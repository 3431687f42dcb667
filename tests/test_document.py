"""The document model: parts, quoted customer text, kinds, and exact positions."""

from __future__ import annotations

import pytest

from cscomm.document import DocKind, Envelope, PartKind
from cscomm.parsing import parse


def parts(text: str) -> dict[PartKind, list[str]]:
    doc = parse(text)
    found: dict[PartKind, list[str]] = {}
    for part in doc.parts:
        found.setdefault(part.kind, []).append(doc.text_of(part.span))
    return found


def test_email_parts() -> None:
    found = parts("Hi Sam,\n\nYour order shipped.\n\nKind regards,\nAna Cruz\nNorthwind\n")
    assert found[PartKind.GREETING] == ["Hi Sam,"]
    assert found[PartKind.BODY] == ["Your order shipped."]
    assert found[PartKind.CLOSING] == ["Kind regards,"]
    assert found[PartKind.SIGNATURE] == ["Ana Cruz\nNorthwind"]


def test_greeting_and_sign_off_sharing_a_line_with_text() -> None:
    found = parts("Hi Tom, thanks for writing.\n\nIt ships today.\n\nBest, Ana")
    assert found[PartKind.GREETING] == ["Hi Tom,"]
    assert found[PartKind.BODY][0] == "thanks for writing."
    assert found[PartKind.CLOSING] == ["Best,"]
    assert found[PartKind.SIGNATURE] == ["Ana"]


@pytest.mark.parametrize(
    ("first_line", "greets"),
    [
        ("Mrs Tallis,", True),
        ("Dr. Amara Osei,", True),
        ("Gng. Valdez,", True),  # Tagalog: Ginang
        ("Sra. Beatriz Lima,", True),
        ("Chị Đặng Thu,", True),
        ("Mr Cruz, your claim is approved.", False),  # the name opens a sentence
        ("Mrs smith,", False),  # no name: a lower-case word
    ],
)
def test_the_readers_title_and_name_alone_on_the_first_line_greet(first_line: str, greets: bool) -> None:
    found = parts(f"{first_line}\n\nYour order shipped.\n\nKind regards,\nAna")
    assert (found.get(PartKind.GREETING) == [first_line]) is greets


def test_thanks_sentence_at_the_end_is_body_not_closing() -> None:
    found = parts("Hi Tom,\n\nIt ships today.\n\nThanks for your patience.\n\nAna")
    assert "Thanks for your patience." in found[PartKind.BODY]
    assert PartKind.CLOSING not in found


@pytest.mark.parametrize(
    "quote",
    [
        "On Tue, 10 Mar 2026 at 18:02, Sam <sam@example.com> wrote:\n> When will it arrive?\n",
        "On Tue, 10 Mar 2026 at 18:02, Sam <sam@example.com>\nwrote:\n> When will it arrive?\n",
        "-----Original Message-----\nFrom: Sam\nSent: Tuesday\nTo: Support\nSubject: Order\n\nWhen will it arrive?\n",
        "________________________________\nFrom: Sam\nSent: Tuesday\nSubject: Order\n\nWhen will it arrive?\n",
        "Em ter., 10 de mar. de 2026 às 18:02, Sam <sam@example.com> escreveu:\n> When will it arrive?\n",
        "> When will it arrive?\n",
    ],
)
def test_quoted_customer_message_is_separated(quote: str) -> None:
    text = f"Hi Sam,\n\nIt ships today.\n\nBest regards,\nAna\n\n{quote}"
    doc = parse(text)
    assert doc.customer is not None
    assert "When will it arrive?" in doc.customer.text
    assert "ships" not in doc.masked_text().split("Best")[1]
    own = " ".join(doc.text_of(p.span) for p in doc.own_parts)
    assert "arrive" not in own


def test_customer_text_maps_back_to_the_file() -> None:
    text = "Hi Sam,\n\nDone.\n\nBest,\nAna\n\n> Can you refund me?\n> Thanks\n"
    doc = parse(text)
    assert doc.customer is not None
    start = doc.customer.text.index("refund")
    span = doc.customer.source_span(start, start + len("refund"))
    assert span is not None and text[span.start : span.end] == "refund"


def test_nested_company_quote_is_not_customer_text() -> None:
    text = (
        "Hi Sam,\n\nDone.\n\nBest,\nAna\n\n> Here is the map.\n>\n"
        "> On Mon, 9 Mar 2026, Support <s@example.com> wrote:\n> > Could you send a map?\n"
    )
    doc = parse(text)
    assert doc.customer is not None
    assert "Here is the map." in doc.customer.text
    assert "Could you send" not in doc.customer.text


def test_incoming_message_given_separately() -> None:
    doc = parse("Hi Sam,\n\nDone.\n\nBest,\nAna", incoming="Where is my parcel?")
    assert doc.customer is not None and doc.customer.offsets is None
    assert doc.customer.text == "Where is my parcel?"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("MEMORANDUM\n\nTo: All staff\nFrom: Ops\nSubject: Hours\n\nDesks open at ten.\n", DocKind.MEMO),
        (
            "Acme Ltd\n1 High St\nLeeds\n\n5 March 2026\n\nDear Mrs Lee,\n\nDone.\n\nYours sincerely,\nAna",
            DocKind.LETTER,
        ),
        ("Dear Mrs Lee,\n\nDone.\n\nYours faithfully,\nAna", DocKind.LETTER),
        ("Hi Sam,\n\nDone.\n\nCheers,\nAna", DocKind.EMAIL),
        # a numbered memo title: "No. 12", "nº 014/2026", "số 12/TB"
        ("MEMO No. 12\nTo: All staff\n\nDesks open at ten.\n", DocKind.MEMO),
        ("MEMORANDO Nº 7/2026\nPara: Equipe\n\nO balcão abre às dez.\n", DocKind.MEMO),
        ("Memo about the printer 2\n\nIt is fixed.\n", DocKind.EMAIL),
        # the organisation's name above the memo's title
        ("NORTHGATE WATER LTD\nINTERNAL MEMO\n\nTo: Call centre\n\nMains work tonight.\n", DocKind.MEMO),
        (
            "CÔNG TY ĐIỆN LỰC HÒA AN\nTHÔNG BÁO NỘI BỘ\n\nKính gửi: Tổng đài\n\nCắt điện tối nay.\n",
            DocKind.MEMO,
        ),
        # two lines of prose above a title-like line are no letterhead
        ("Hi Sam,\nGood news.\nThe memo is below.\n\nThanks,\nAna\n", DocKind.EMAIL),
    ],
)
def test_kind_detection(text: str, kind: DocKind) -> None:
    assert parse(text).kind is kind


@pytest.mark.parametrize(
    "notes",
    [
        "Enclosures: claim form; authorisation form.",
        "Encl. Invoice 5521.\ncc: Billing team.",
        "Anexos: formulário de reembolso.",
        "Đính kèm: Phiếu yêu cầu; Giấy ủy quyền.",
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
    ],
)
def test_a_letters_notations_below_the_signature_end_it(notes: str) -> None:
    found = parts(
        f"Dear Mrs Lee,\n\nYour claim is approved.\n\nYours sincerely,\n\nAna Cruz\nClaims\n\n{notes}\n"
    )
    assert found[PartKind.CLOSING] == ["Yours sincerely,"]
    assert found[PartKind.BODY] == ["Your claim is approved."]


@pytest.mark.parametrize(
    "postscript",
    ["P.S. The branch is open late on Thursdays.", "PS: nail clipping is free.", "ป.ล. ที่จอดรถอยู่ชั้น 2"],
)
def test_a_postscript_below_the_signature_is_the_writers_prose(postscript: str) -> None:
    found = parts(f"Hi Sam,\n\nYour order shipped.\n\nKind regards,\nAna Cruz\nNorthwind\n\n{postscript}\n")
    assert found[PartKind.CLOSING] == ["Kind regards,"]
    assert found[PartKind.SIGNATURE] == ["Ana Cruz\nNorthwind"]
    assert found[PartKind.BODY] == ["Your order shipped.", postscript]


def test_a_sign_off_above_a_long_signature_of_links() -> None:
    links = "\n".join(
        f"{label}: https://www.northwind.example.com/{path}"
        for label, path in [
            ("Web", ""),
            ("Track an order", "orders/track"),
            ("Returns and exchanges policy", "policies/returns-and-exchanges"),
            ("Store finder", "stores"),
            ("Facebook", "social/facebook"),
            ("Instagram", "social/instagram"),
        ]
    )
    found = parts(
        f"Hi Sam,\n\nYour order shipped.\n\nEnjoy it!\n\nBest wishes,\nAna Cruz\nNorthwind\n\n{links}\n"
    )
    assert found[PartKind.CLOSING] == ["Best wishes,"]
    assert found[PartKind.BODY] == ["Your order shipped.", "Enjoy it!"]


def test_a_notation_without_a_sign_off_above_stays_in_the_body() -> None:
    found = parts("Hi Sam,\n\nThe form is below.\n\nAttachments: none needed, just reply.\n")
    assert PartKind.CLOSING not in found
    assert "Attachments: none needed, just reply." in found[PartKind.BODY]


def test_letterhead_is_not_body() -> None:
    found = parts("Acme Ltd\n1 High St\nLeeds LS1 1AA\n\nDear Mrs Lee,\n\nDone.\n\nYours sincerely,\nAna")
    assert found[PartKind.BODY] == ["Done."]
    assert "Acme Ltd" in found[PartKind.HEADER][0]


def test_memo_subject_is_recorded() -> None:
    doc = parse("MEMO\nTo: All\nFrom: Ops\nRe: New hours\n\nDesks open at ten.\n")
    assert doc.subject == "New hours"
    assert doc.has_part(PartKind.SUBJECT)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_positions_with_crlf_and_tabs(newline: str) -> None:
    text = newline.join(["Hi Sam,", "", "\tYour parcel\tshipped.", "", "Best,", "Ana"])
    doc = parse(text)
    offset = text.index("shipped")
    assert doc.locate(offset) == (3, 14)


def test_masked_text_keeps_offsets() -> None:
    text = "Hi Sam,\n\nIt ships.\n\nBest,\nAna Cruz\n\n> Where is it?\n"
    doc = parse(text)
    masked = doc.masked_text()
    assert masked.index("ships") == text.index("ships")
    assert "Ana" not in masked and "Where" not in masked


@pytest.mark.parametrize("line", ["Dear Mr. Brennan,", "Hello Dr. Okafor,", "Hi Sam", "Dear Mrs Lee,"])
def test_salutations(line: str) -> None:
    assert parts(f"{line}\n\nIt ships today.\n\nBest,\nAna")[PartKind.GREETING] == [line]


def test_kind_at_finds_the_part_holding_an_offset() -> None:
    text = "Hi Sam,\n\nIt ships today.\n\nBest,\nAna\n\n> Where is it?\n"
    doc = parse(text)
    assert doc.kind_at(text.index("ships")) is PartKind.BODY
    assert doc.kind_at(0) is PartKind.GREETING
    assert doc.kind_at(text.index("Ana")) is PartKind.SIGNATURE
    assert doc.kind_at(text.index("Where")) is PartKind.QUOTED
    assert doc.kind_at(text.index("\n\nIt")) is None


def test_addressees_come_from_the_memo_header_and_the_envelope() -> None:
    memo = (
        "MEMO\n\nTo: Packing team, Unit 4\nFrom: Operations\nSubject: Cards\n\nHi all,\n\nCheck the cards.\n"
    )
    assert parse(memo).addressees() == ("Packing team, Unit 4",)
    envelope = Envelope(recipients=(("Sam Lee", "sam@example.com"), ("", "ops@example.com")))
    email = parse("Hi Sam,\n\nTo: the point, it shipped.\n\nBest,\nAna\n", envelope=envelope)
    assert email.addressees() == ("Sam Lee", "ops@example.com")  # a body line is no header


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Dear Mrs Lee,\n\nYour claim is approved.\n\nYours sincerely,\nAna Cruz\n", DocKind.LETTER),
        ("Dear Mrs Lee,\n\nYour claim is approved.\n\nSincerely,\nAna Cruz\n", DocKind.LETTER),
        ("Hi Mrs Lee,\n\nYour claim is approved.\n\nSincerely,\nAna Cruz\n", DocKind.EMAIL),
        ("Hello Sam,\n\nYour claim is approved.\n\nYours sincerely,\nAna Cruz\n", DocKind.EMAIL),
    ],
)
def test_a_formal_close_makes_a_letter_only_after_a_formal_opening(text: str, kind: DocKind) -> None:
    assert parse(text).kind is kind


def test_a_customer_message_pasted_as_a_quote_is_read_without_its_marks() -> None:
    incoming = (
        "On Mon, 2 Mar 2026 at 09:14, Sam Lee <sam@example.com> wrote:\n"
        "> My parcel has not arrived. When will it be delivered?\n>\n> Sam\n"
    )
    customer = parse("Hi Sam,\n\nIt arrives on Thursday.\n\nBest,\nAna\n", incoming=incoming).customer
    assert customer is not None
    assert "When will it be delivered?" in customer.text
    assert ">" not in customer.text and "wrote:" not in customer.text


def test_a_customer_message_given_on_its_own_is_kept_whole() -> None:
    incoming = "Hello,\n\nMy parcel has not arrived. When will it be delivered?\n\nSam\n"
    customer = parse("Hi Sam,\n\nIt arrives on Thursday.\n\nBest,\nAna\n", incoming=incoming).customer
    assert customer is not None and customer.text == incoming


def test_a_department_in_capitals_heads_a_bare_signature() -> None:
    found = parts(
        "Kính gửi ông Minh,\n\nHồ sơ của ông đã được duyệt.\n\n"
        "TRUNG TÂM CHĂM SÓC KHÁCH HÀNG MIỀN BẮC\nTrưởng phòng\nLê Văn Tâm\n"
    )
    assert found[PartKind.SIGNATURE] == ["TRUNG TÂM CHĂM SÓC KHÁCH HÀNG MIỀN BẮC\nTrưởng phòng\nLê Văn Tâm"]
    assert found[PartKind.BODY] == ["Hồ sơ của ông đã được duyệt."]
