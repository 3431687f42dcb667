"""Non-English drafts are recognised and not checked with English rules."""

from __future__ import annotations

import pytest

from cscomm import Linter
from cscomm.language import identify


def looks_english(text: str) -> bool:
    """English, or too short to tell: what the English checks run on."""
    return identify(text) in (None, "en")


PORTUGUESE = (
    "Olá Ana,\n\nObrigado pelo contato. O seu pedido foi enviado hoje pelos Correios e o "
    "código de rastreio é NB123456789BR. Qualquer dúvida, estamos à disposição.\n\n"
    "Atenciosamente,\nJoão"
)
VIETNAMESE = (
    "Chào anh Minh,\n\nCảm ơn anh đã liên hệ. Đơn hàng của anh đã được gửi đi hôm nay và sẽ "
    "đến trong vòng ba ngày làm việc. Nếu cần hỗ trợ thêm, anh cứ trả lời email này.\n\n"
    "Trân trọng,\nLan"
)


SPANISH = (
    "Hola Ana,\n\nGracias por tu mensaje. Tu pedido ha sido enviado hoy y llegará en un plazo de tres "
    "días hábiles. Si necesitas algo más, responde a este correo.\n\nSaludos cordiales,\nJuan"
)
GERMAN = (
    "Hallo Frau Weber,\n\nvielen Dank für Ihre Nachricht. Ihre Bestellung wurde heute versandt und kommt "
    "in drei Werktagen bei Ihnen an. Bei Fragen antworten Sie einfach auf diese E-Mail.\n\nBeste Grüße,\nJonas"
)


@pytest.mark.parametrize("text", [SPANISH, GERMAN])
def test_languages_without_a_pack_are_skipped_with_a_notice(text: str) -> None:
    assert not looks_english(text)
    report = Linter().check(text)
    assert report.findings == ()
    assert any("CS902" in n for n in report.notices)


def test_english_is_english() -> None:
    assert looks_english(
        "Thanks for your message. Your parcel will arrive on Friday, and you can "
        "track it with the link in your order email."
    )
    assert looks_english("Short note.")


def test_dense_english_is_still_english() -> None:
    assert looks_english(
        "Notwithstanding the aforementioned considerations, our organisation's "
        "comprehensive reimbursement methodology necessitates documentary "
        "substantiation prior to authorisation."
    )


def test_tagalog_and_thai_are_not_english() -> None:
    assert not looks_english(
        "Magandang araw po! Salamat sa inyong mensahe. Ang inyong order ay "
        "naipadala na namin ngayong araw at darating ito sa loob ng tatlong araw."
    )
    assert not looks_english(
        "สวัสดีค่ะ ขอบคุณที่ติดต่อเรา คำสั่งซื้อของคุณถูกจัดส่งแล้ว วันนี้ และจะถึงภายใน "
        "สามวัน หากมีคำถาม กรุณาตอบกลับ อีเมล นี้ ได้เลย ค่ะ ขอบคุณ มาก"
    )


TAGALOG = (
    "Magandang araw po, Ginang Reyes. Salamat po sa inyong pasensya. Naipadala na po namin ang "
    "inyong bagong card at darating ito sa loob ng tatlong araw ng trabaho."
)
THAI = "เรียน คุณสมชาย ขอบคุณที่ติดต่อเรา ทางบริษัทได้จัดส่งสินค้าให้ท่านแล้ว และจะถึงภายในสามวันทำการ ขอแสดงความนับถือ"


@pytest.mark.parametrize(
    ("text", "code"), [(PORTUGUESE, "pt"), (VIETNAMESE, "vi"), (TAGALOG, "tl"), (THAI, "th")]
)
def test_the_seed_languages_are_named(text: str, code: str) -> None:
    from cscomm.language import identify

    assert identify(text) == code
    notices = Linter().check(text).notices
    assert any(n.startswith("CS904") and f"({code})" in n for n in notices)


def test_a_taglish_draft_read_partly_as_a_related_language_is_tagalog() -> None:
    """py3langid splits Taglish between Tagalog and Central Bikol; the Tagalog pack names
    both (``identified-as``), so the draft is Tagalog, not a draft too unsure to tell."""
    from cscomm.language import MIXED, _identifier, identify

    text = (
        "Salamat po. Naka-file na ang request ninyo. Permit P300, Clearance P100, kabuuan P400, "
        "babayaran sa Cashier pagkuha. Ready for release sa Lunes, 9 AM to 4 PM, Window 5."
    )
    code, probability = _identifier().classify(text)
    assert (code, probability < MIXED) == ("tl", True)  # Tagalog alone is too unsure
    assert identify(text) == "tl"


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for your message. Your parcel will arrive on Friday, and you can track it with the "
        "link in your order email.",
        # "at", "no" and "do" are function words of other languages too
        "We looked at your account and there is no fee to pay this month. Please call us if "
        "anything changes, and we will help you straight away.",
    ],
)
def test_plain_english_does_not_load_the_identifier(modules_loaded_by, text: str) -> None:  # type: ignore[no-untyped-def]
    loaded = modules_loaded_by(f"from cscomm.language import identify\nassert identify({text!r}) == 'en'")
    assert "py3langid" not in loaded
