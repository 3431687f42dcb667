"""Drafts in the languages of rules/<lang>/: their greeting, thanks and sign-off are found and
checked, the checks that need English are skipped with a notice, and the packs are data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cscomm import Linter
from cscomm.conversation.tone import find_phrase_issues, language_lexicon, load_lexicon
from cscomm.errors import RulePackError
from cscomm.language_packs import language_packs
from cscomm.language_packs import pattern as language_pattern
from cscomm.report import Report
from cscomm.reporters import report_text

PORTUGUESE = (
    "Prezada Sra. Lima,\n\nAgradecemos o seu contato. O seu pedido foi enviado hoje pelos Correios e o "
    "código de rastreio é NB123456789BR. Qualquer dúvida, estamos à disposição.\n\nAtenciosamente,\n"
    "João Pereira\nAtendimento Loja Sol"
)
VIETNAMESE = (
    "Chào chị Lan,\n\nCảm ơn chị đã liên hệ. Đơn hàng của chị đã được gửi đi hôm nay và sẽ đến trong "
    "vòng ba ngày làm việc. Nếu cần hỗ trợ thêm, chị cứ trả lời email này.\n\nTrân trọng,\nMinh Anh\n"
    "Bộ phận Chăm sóc Khách hàng Công ty Thương mại Sao Mai"
)
TAGALOG = (
    "Magandang araw po, Gng. Reyes,\n\nSalamat po sa inyong pasensya. Naipadala na po namin ang inyong "
    "bagong card at darating ito sa loob ng tatlong araw ng trabaho.\n\nLubos na gumagalang,\n\n"
    "Ana Cruz\nPadala Express, Inc."
)
THAI = (
    "เรียน คุณสมชาย\n\nขอบคุณที่ติดต่อเรา ทางบริษัทได้จัดส่งสินค้าให้ท่านแล้ว และจะถึงภายในสามวันทำการ "
    "หากมีข้อสงสัยเพิ่มเติม กรุณาตอบกลับอีเมลนี้\n\nขอแสดงความนับถือ\nสมศรี ใจดี\nศูนย์บริการลูกค้า บริษัทฟ้าใส จำกัด"
)


DRAFTS = {
    "pt": (PORTUGUESE, "Qualquer dúvida"),
    "vi": (VIETNAMESE, "Nếu cần"),
    "tl": (TAGALOG, "Naipadala"),
    "th": (THAI, "หากมี"),
}
"""Each language's courteous draft, and the words a test sentence is put before."""


def _with(language: str, sentence: str) -> str:
    """The courteous draft of ``language`` with ``sentence`` added to its body."""
    draft, anchor = DRAFTS[language]
    return draft.replace(anchor, f"{sentence} {anchor}")


@pytest.mark.parametrize("code", ["pt", "vi", "tl", "th"])
def test_the_seed_languages_have_packs(code: str) -> None:
    pack = language_packs()[code]
    assert pack.salutations and pack.sign_offs and pack.thanks and pack.memo_headers


@pytest.mark.parametrize("text", [PORTUGUESE, VIETNAMESE, TAGALOG, THAI])
def test_a_courteous_draft_has_no_courtesy_finding(text: str) -> None:
    report = Linter().check(text)
    assert not [f.code for f in report.findings if f.code in {"CT001", "CT002", "CT003"}]
    assert any(n.startswith("CS904") for n in report.notices)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (PORTUGUESE.replace("Prezada Sra. Lima,\n\n", ""), "CT001"),
        (VIETNAMESE.replace("Cảm ơn chị đã liên hệ. ", ""), "CT002"),
        (TAGALOG.replace("Lubos na gumagalang,\n\n", ""), "CT003"),
        (THAI.replace("ขอบคุณที่ติดต่อเรา ", ""), "CT002"),
    ],
)
def test_a_missing_element_is_found_in_the_drafts_language(text: str, code: str) -> None:
    assert code in {f.code for f in Linter().check(text).findings}


def test_checks_that_need_english_are_skipped_and_the_file_is_not_called_clean() -> None:
    import io

    report = Linter().check(PORTUGUESE + "\n\nGARANTO QUE NUNCA MAIS VAI ACONTECER!!")
    allowed = {
        "CL006",
        "CL005",
        "CL007",
        "CT001",
        "CT002",
        "CT003",
        "NX001",
        "SS001",
        "SS004",
        "TN001",
        "TN002",
        "TN003",
    }
    assert {f.code for f in report.findings} <= allowed
    out = io.StringIO()
    report_text(Report((report,)), out, color=False)
    assert "not fully checked" in out.getvalue()


@pytest.mark.parametrize(
    "memo",
    [
        "COMUNICADO INTERNO\n\nPara: Equipe de Atendimento\nDe: Coordenação\nData: 9 de março de 2026\n"
        "Assunto: Novo horário de atendimento\n\nA partir de segunda-feira, o atendimento por telefone "
        "funcionará das 8h às 20h. Atualizem as respostas prontas no sistema até sexta-feira.",
        "BẢN GHI NHỚ NỘI BỘ\n\nGửi: Nhân viên tổng đài\nTừ: Phòng Chăm sóc Khách hàng\nNgày: 3/12/2026\n"
        "Về việc: Giờ làm việc mới\n\nTừ thứ Hai, tổng đài làm việc từ 7 giờ đến 21 giờ. Các bạn vui lòng "
        "cập nhật mẫu trả lời trước thứ Sáu.",
        "บันทึกภายใน\n\nถึง: เจ้าหน้าที่ศูนย์บริการทุกคน\nจาก: หัวหน้าฝ่ายบริการลูกค้า\nวันที่: 3 ธันวาคม 2569\n"
        "เรื่อง: เวลาทำการใหม่\n\nตั้งแต่วันจันทร์ ศูนย์บริการจะเปิดเวลา 8.00 ถึง 20.00 น. "
        "กรุณาแก้ไขข้อความตอบกลับสำเร็จรูปในระบบภายในวันศุกร์",
    ],
    ids=["pt", "vi", "th"],
)
def test_a_memo_in_another_language_needs_no_greeting(memo: str) -> None:
    report = Linter().check(memo)
    assert report.kind == "memo"
    assert not [f.code for f in report.findings if f.code in {"CT001", "CT002", "CT003"}]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (_with("pt", "Garanto que isso nunca mais vai acontecer."), "TN003"),
        (_with("vi", "Như bên em đã thông báo rất rõ, đơn không đổi được."), "TN002"),
        (_with("tl", "Kasalanan niyo po kasi ang maling address."), "TN001"),
        (_with("th", "เป็นความผิดของคุณที่ไม่ได้แจ้งที่อยู่"), "TN001"),
        (_with("pt", "NÃO ACEITAMOS DEVOLUÇÕES DEPOIS DE SETE DIAS."), "CL006"),
        (_with("vi", "Em cam kết 100% máy mới chạy tốt."), "TN003"),
        (_with("vi", "Lẽ ra chị phải gửi yêu cầu qua ứng dụng."), "TN001"),
        (_with("th", "รบกวนใจเย็น ๆ ก่อนนะคะ"), "TN002"),
        (_with("th", "สินค้าลดราคา NO REFUND ค่ะ"), "CL006"),
        (_with("pt", "O caso seguiu para o time de WFM."), "CL005"),
        (_with("pt", "Como já explicamos, o prazo acabou."), "TN002"),
        (_with("vi", "Chị không cần phải liên tục gửi email hối thúc."), "TN002"),
        (_with("tl", "Gaya ng paulit-ulit na sinabi sa inyo, sarado kami."), "TN002"),
        (_with("tl", "Sa susunod po, siguraduhin ninyong tama ang address."), "TN001"),
        (_with("th", "บริษัทประกาศหลายครั้งแล้วค่ะ"), "TN002"),
        (_with("th", "ความเสียหายเกิดจากการที่ลูกค้าทำตกเอง"), "TN001"),
        (_with("pt", "Como todo cliente devia saber, o frete não volta."), "TN002"),
        (_with("tl", "Tulad ng nakalagay po nang malinaw sa resibo, walang refund."), "TN002"),
        # "if you had read …, you would know / it would not have happened"
        (_with("th", "หากท่านอ่านคู่มือก่อนติดตั้งก็จะทราบอยู่แล้ว"), "TN002"),
        (_with("th", "ถ้าเสียบปลั๊กให้แน่นตั้งแต่ต้นก็จะไม่เกิดปัญหานี้"), "TN001"),
        (_with("pt", "Era só ter conferido o endereço antes."), "TN001"),
        (_with("vi", "Chị đọc kỹ phiếu bảo hành, trong đó đã ghi rõ điều kiện."), "TN002"),
        (_with("tl", "Sigurado po akong hindi na mauulit ang aberya."), "TN003"),
        # blame by shape: because / should have / had you, with the pack's forms of address
        (_with("vi", "Máy hỏng là do anh tự ý tháo nắp sau."), "TN001"),
        (_with("vi", "Đáng lẽ chị đã phải báo trước ba ngày."), "TN001"),
        (_with("pt", "A senhora deveria ter guardado a nota fiscal."), "TN001"),
        (_with("pt", "Se você tivesse conferido o tamanho, não haveria troca."), "TN001"),
        (_with("tl", "Dapat binasa ninyo muna ang manwal bago gamitin."), "TN001"),
        (_with("th", "คุณควรสำรองข้อมูลไว้ตั้งแต่แรก"), "TN001"),
        (_with("th", "คราวหน้าควรระมัดระวังในการกรอกข้อมูลมากกว่านี้"), "TN001"),
        (_with("th", "ถ้าคุณแจ้งเราล่วงหน้า ก็คงไม่ต้องรอนานขนาดนี้"), "TN001"),
        (_with("th", "ตามที่บริษัทระบุไว้อย่างชัดเจนในสัญญา ค่าธรรมเนียมนี้ไม่คืน"), "TN002"),
        (_with("pt", "Isso ocorreu porque o senhor não informou o novo CEP."), "TN001"),
        (_with("pt", "Como está bem claro no contrato, a taxa não é devolvida."), "TN002"),
        (_with("tl", "Kung binasa lang po ninyo ang paalala, hindi na sana kayo nagbayad ulit."), "TN001"),
        (_with("tl", "Dapat po sana ay inayos ninyong mabuti ang form."), "TN001"),
        (_with("vi", "Anh vui lòng đọc kỹ hướng dẫn trước khi hỏi."), "TN002"),
        (_with("pt", "Mais uma vez, reforçamos o óbvio: a taxa é anual."), "TN002"),
        (_with("vi", "Chuyện nhỏ thôi, chị không cần làm lớn chuyện."), "TN002"),
        # should have done better, it was your own doing, go and do it yourself
        (_with("th", "ลูกค้าควรตรวจสอบยอดเงินให้ดีกว่านี้ค่ะ"), "TN001"),
        (_with("th", "ไม่ควรรอจนบัตรหมดอายุแล้วค่อยติดต่อมาค่ะ"), "TN001"),
        (_with("th", "ที่พัสดุตีกลับก็เป็นเพราะไม่ได้กรอกรหัสไปรษณีย์เองค่ะ"), "TN001"),
        (_with("th", "ถ้าอยากได้ใบเสร็จก็ไปดาวน์โหลดในแอปเอาเอง"), "TN002"),
        (_with("tl", "Ginagarantiya po namin na darating ang unit bukas."), "TN003"),
        (_with("tl", "Responsibilidad po ninyo ang pag-check ng petsa."), "TN002"),
        (_with("tl", "Tiningnan po sana ang resibo para hindi na umabot sa ganito."), "TN001"),
        (_with("pt", "Como já está indicado na fatura, a taxa é mensal."), "TN002"),
        (_with("pt", "A regra vale para todos os clientes, não só para o senhor."), "TN002"),
        (_with("vi", "Lần sau anh chịu khó giữ lại hóa đơn nhé."), "TN002"),
        (_with("vi", "Nhân viên đã nhắc anh mang giấy tờ rồi."), "TN002"),
        (_with("vi", "Bên em cam kết hoàn tiền 100% trong hôm nay."), "TN003"),
        (_with("pt", "Cabe ao cliente conferir o endereço antes de pagar."), "TN001"),
        (_with("vi", "Chị cũng nên tự kiểm tra lại hóa đơn trước khi thanh toán."), "TN001"),
        (_with("vi", "Anh nên xem kỹ điều khoản thay vì phàn nàn."), "TN002"),
        (_with("vi", "Như nhà trường đã thông báo rõ, học phí không hoàn lại."), "TN002"),
        (_with("vi", "Em cam kết máy sẽ được sửa xong ngay trong ngày."), "TN003"),
        (_with("tl", "Hindi po responsibilidad ng kumpanya ang nawawalang payong."), "TN002"),
        (_with("tl", "Hindi na po ito mauulit sa susunod ninyong order."), "TN003"),
        (_with("th", "ลูกค้าเป็นคนยกเลิกการจองเองค่ะ"), "TN001"),
        (_with("th", "หากกดยืนยันในแอป ตามที่แจ้งไว้ตั้งแต่แรกก็จะไม่เสียค่าปรับ"), "TN001"),
        # blame with two deeds, a duty put on someone else, a past that did not happen
        (_with("tl", "Dapat po ay binuksan at sinuri ninyo agad ang kahon."), "TN001"),
        (_with("tl", "Hindi po trabaho ng guwardiya na bantayan ang inyong bag."), "TN002"),
        (_with("vi", "Chị để ý kỹ hơn thì đã không mất vé như vậy."), "TN001"),
        (_with("vi", "Nhân viên đã dặn đi dặn lại là giữ vé cẩn thận."), "TN002"),
        (_with("th", "เพราะคุณลูกค้าไม่ได้เก็บใบเสร็จไว้เองค่ะ"), "TN001"),
        (_with("th", "เรื่องนี้ลูกค้าควรรู้อยู่แล้วค่ะ"), "TN002"),
        (_with("th", "คุณไปถึงสนามบินทันแน่นอนค่ะ"), "TN003"),
    ],
)
def test_tone_in_the_drafts_language(text: str, code: str) -> None:
    assert code in {f.code for f in Linter().check(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        _with("pt", "Informe o CPF e o CEP do titular."),
        # a word of the language in capitals is not an acronym
        _with("pt", "Se preferir, é possível PARCELAR em três vezes."),
    ],
)
def test_an_acronym_the_languages_customers_know_is_not_jargon(text: str) -> None:
    assert "CL005" not in {f.code for f in Linter().check(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        # two letters that are common in English lists ("NS", "OB") but not in the draft's language
        _with("th", "เคสนี้เป็นเคส NS ค่ะ"),
        _with("vi", "Bên em đã chuyển yêu cầu sang bộ phận OB."),
    ],
)
def test_an_internal_code_is_jargon_in_the_drafts_language(text: str) -> None:
    assert "CL005" in {f.code for f in Linter().check(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        PORTUGUESE,
        VIETNAMESE,
        TAGALOG,
        THAI,
        # two abbreviations that are common words only as abbreviations do not shout
        _with("vi", "Bản sao lưu tại phòng VT, TP."),
        # advice for what is still to come ("thì sẽ không"), not a past that did not happen
        _with("vi", "Chị gửi hồ sơ trước ngày 5 thì sẽ không bị phạt."),
        # once our fix is in, the problem will not happen again: a promise, not blame
        _with("th", "ถ้าระบบอัปเดตเสร็จก็จะไม่เกิดปัญหานี้อีกค่ะ"),
    ],
)
def test_a_courteous_draft_has_no_tone_finding(text: str) -> None:
    assert not [f.code for f in Linter().check(text).findings if f.code.startswith("TN") or f.code == "CL006"]


def test_a_next_step_in_the_drafts_language_is_found() -> None:
    assert "NX001" not in {
        f.code
        for f in Linter()
        .check(PORTUGUESE.replace("Qualquer", "Por favor, confira o pedido. Qualquer"))
        .findings
    }


@pytest.mark.parametrize(
    ("code", "text", "step"),
    [
        ("pt", "Agendamos a visita técnica para sexta-feira.", True),
        ("pt", "É só responder este e-mail com a foto.", True),
        ("pt", "As fotos ajudaram bastante na análise.", False),  # "basta" inside a word
        ("pt", "A TV do quarto pode funcionar junto com a da sala.", False),
        ("vi", "Kỹ thuật viên sẽ đến nhà anh vào sáng mai.", True),
        ("tl", "Dalhin lamang po ang inyong ID at reference number.", True),
        ("tl", "Ang klase po ay mula 7:00 AM hanggang 3:30 PM.", False),  # a range, not a deadline
        ("th", "หากต้องการเปลี่ยนเวลา แจ้งสำนักงานได้ที่เบอร์ด้านล่างครับ", True),
        ("th", "บริษัทไม่สามารถจ่ายค่าสินไหมทดแทนได้", False),  # "cannot"
        ("th", "จึงเรียนมาเพื่อโปรดทราบ", False),  # "for your information"
        ("pt", "Os casos especiais devem ser encaminhados ao supervisor.", True),  # "must be"
        ("pt", "A presença no treinamento é obrigatória.", True),
        ("vi", "Chị nhớ mang theo CMND khi đến quầy.", True),  # "remember to"
        ("vi", "Anh xem số dư ở mục Ví của tôi.", True),  # where to look in the app
        ("vi", "Khi anh nhắn tin đăng ký, hệ thống báo lỗi.", False),  # what the customer did
        ("tl", "Hinihiling ko sa lahat ng kawani na dumalo sa pulong.", True),  # "I ask that"
        ("tl", "Para sa mga tanong, lumapit kay G. Santos.", True),
        ("th", "คูปองใช้ได้ถึงวันที่ 31 มีนาคม", True),  # usable until a date
        ("th", "ระหว่างการตรวจสอบ คุณไม่ต้องชำระยอดนี้ในรอบบิลหน้า", True),  # what the customer need not do
        ("th", "จึงขอให้ท่านเก็บใบเสร็จไว้", True),
        ("th", "จึงขอให้ท่านทำความเข้าใจในข้อจำกัดนี้", False),  # "please understand" asks no step
        ("pt", "Pedimos que compreenda a situação.", False),
        ("pt", "A matrícula abre 72 horas antes do início das aulas.", True),  # relative to an event
        (
            "vi",
            "Vali sẽ giao tận khách sạn trước 21 giờ tối nay.",
            True,
        ),  # a form ending in a digit reads the number
        ("vi", "Gói cước sẽ được gia hạn tự động.", True),  # "will be [done]"
        ("pt", "Não é necessário pagar o boleto antigo.", True),
        ("pt", "O novo boleto será enviado pelos Correios até 15 de janeiro.", True),
        ("pt", "O seu pedido será analisado.", False),  # no day or date
        ("pt", "Recomendo chegar ao aeroporto com duas horas de antecedência.", True),
        ("tl", "Huwag ibigay ang inyong PIN kahit kanino.", True),  # a prohibition is an instruction
        ("tl", "Makakatanggap ka ng SMS kapag pumasok na ang refund.", True),
        ("tl", "Tumawag lamang sa aming hotline bago ang Disyembre 18.", True),
        # days ahead and dates, from the CLDR calendar of the language
        ("pt", "O técnico passa na sua casa amanhã de manhã.", True),
        ("pt", "A nova tarifa vale a partir de 3 de março.", True),
        ("pt", "A troca não pode ser feita pela loja.", False),  # "cannot be done"
        ("pt", "A fatura pode ser parcelada em até 3 vezes.", False),  # instalments, not days
        ("pt", "O reembolso sai em até 5 dias úteis.", True),
        ("pt", "O atendimento leva até 60 minutos.", False),  # a duration, not a deadline
        ("pt", "Envie o comprovante até 15/03.", True),
        ("pt", "A análise leva até 10 dias úteis.", True),  # working days: a service's timeframe
        ("pt", "Para trocar o plano, é só ir em Configurações.", True),
        ("pt", "O senhor pode ficar tranquilo, pois a cobrança foi cancelada.", False),  # a reassurance
        ("tl", "Salamat po sa pakikipag-ugnayan sa amin.", False),  # "contacting", not "paki-"
        ("vi", "Hàng sẽ về kho vào ngày mai.", True),
        ("tl", "Bukas po darating ang technician.", True),
        ("tl", "Makukuha na ang ID simula Lunes, 7 Disyembre.", True),
        ("tl", "May error po sa server mula Marso 9.", False),  # since a past date
        ("th", "ช่างจะเข้าไปที่บ้านพรุ่งนี้ช่วงบ่าย", True),
        # the customer addressed by any of the language's forms of address
        ("vi", "Bà có thể nộp hồ sơ tại phường.", True),
        ("vi", "Em nộp đơn tại Phòng Công tác sinh viên, tầng 2.", True),  # "em": a student, a young customer
        ("vi", "Chị vào Cài đặt > Bảo mật để đổi mật khẩu.", True),  # a path through the app's menus
        ("vi", "Nhân viên đã ghé nhà anh vào chiều qua.", False),  # "vào" as "on", after "anh"
        ("vi", "Đội bảo trì sẽ thay bóng đèn hành lang lúc 9h sáng mai.", True),  # will … at a time
        ("vi", "Đội bảo trì đã thay bóng đèn hành lang lúc 9h sáng qua.", False),  # did, not will
        ("th", "ชำระเงินได้ทันทีที่หน้าบัญชีของท่าน", True),
        # what the writer will do on a day, a request to get in touch, a choice left open
        ("pt", "Vou buscar o aparelho na sexta-feira de manhã.", True),
        ("pt", "Se precisar, me mande as fotos do defeito.", True),
        ("pt", "Me desculpe pelo transtorno.", False),
        ("tl", "Maaari pa rin ninyong kunin ang voucher hanggang Biyernes.", True),
        ("tl", "Ipakita lamang po ninyo ang resibo sa counter.", True),
        ("tl", "Ganoon lang po ang patakaran.", False),
        # a notice and a reminder are no step: "please be advised", "it is worth remembering"
        ("tl", "Please be advised na sarado ang opisina sa Lunes.", False),
        ("pt", "Vale lembrar que a garantia cobre só peças.", False),
    ],
)
def test_next_step_forms(code: str, text: str, step: bool) -> None:
    steps = language_pattern(code, "next-steps")
    assert steps is not None
    assert bool(steps.search(text)) is step


def test_a_form_names_a_list_of_its_pack(tmp_path, monkeypatch) -> None:
    """``{you}`` is the pack's forms of address and ``{month}`` its calendar's month names."""
    pack = tmp_path / "xx"
    pack.mkdir()
    (pack / "language.yml").write_text(
        "language: xx\nyou: ['tu', 'vos']\nnext-steps: ['{you} (?:call|write)', 'by {month}']\n"
    )
    (pack / "calendar.yml").write_text(
        "weekday: [oneday]\nmonth: [firstmonth, secondmonth]\nahead: [morrow]\n"
    )
    monkeypatch.setattr("cscomm.language_packs.rules_dir", lambda: tmp_path)
    language_packs.cache_clear()
    try:
        assert language_packs()["xx"].next_steps == (
            "(?:tu|vos) (?:call|write)",
            "by (?:firstmonth|secondmonth)",
        )
    finally:
        language_packs.cache_clear()


def test_a_tone_form_names_the_packs_forms_of_address(tmp_path, monkeypatch) -> None:
    pack = tmp_path / "xx"
    pack.mkdir()
    (pack / "language.yml").write_text("language: xx\nyou: ['tu', 'vos']\n")
    (pack / "tone.yml").write_text("blame:\n  - '{you} forgot'\n")
    monkeypatch.setattr("cscomm.language_packs.rules_dir", lambda: tmp_path)
    monkeypatch.setattr("cscomm.conversation.tone.rules_dir", lambda: tmp_path)
    load_lexicon.cache_clear()
    language_lexicon.cache_clear()
    try:
        lexicon = language_lexicon("xx")
        assert lexicon is not None
        text = "Vos forgot it."
        assert [(i.type.value, text[i.start : i.end]) for i in find_phrase_issues(text, lexicon)] == [
            ("blame", "Vos forgot")
        ]
    finally:
        load_lexicon.cache_clear()
        language_lexicon.cache_clear()


def test_a_form_naming_an_unknown_list_is_a_pack_error(tmp_path, monkeypatch) -> None:
    pack = tmp_path / "xx"
    pack.mkdir()
    (pack / "language.yml").write_text("language: xx\nnext-steps: ['by {weekday}']\n")
    monkeypatch.setattr("cscomm.language_packs.rules_dir", lambda: tmp_path)
    language_packs.cache_clear()
    try:
        with pytest.raises(RulePackError, match=r"\{weekday\} names no list"):
            language_packs()
    finally:
        language_packs.cache_clear()


def test_the_calendars_are_those_the_cldr_gives() -> None:
    """``rules/<lang>/calendar.yml`` is what scripts/gen_calendar.py writes from Babel's CLDR."""
    pytest.importorskip("babel")
    script = Path(__file__).resolve().parent.parent / "scripts" / "gen_calendar.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_next_step_is_an_unsure_suggestion() -> None:
    text = "Prezada Sra. Lima,\n\nAgradecemos o seu contato e lamentamos o ocorrido com o seu pedido de março.\n\nAtenciosamente,\nJoão"
    (finding,) = [f for f in Linter().check(text).findings if f.code == "NX001"]
    assert finding.severity.name == "SUGGESTION" and "Unsure" in finding.message


TAGLISH = (
    "Hi Ma'am Liza,\n\nSalamat po sa inyong mensahe. We already recived your request and we will send "
    "the new card to your address tomorrow. Paki-check na lang po ang inyong email para sa tracking "
    "number.\n\nSalamat po,\nJomar\nPadala Express Support"
)


def test_english_sentences_of_a_taglish_reply_get_english_spelling() -> None:
    from cscomm.language import english_sentences

    report = Linter().check(TAGLISH)
    flagged = {f.text for f in report.findings if f.code == "SG001"}
    assert flagged == {"recived"}
    spans = english_sentences(TAGLISH)
    assert any("recived" in TAGLISH[a:b] for a, b in spans)
    assert not any("Paki-check" in TAGLISH[a:b] for a, b in spans)


@pytest.mark.parametrize(
    "text",
    [
        _with("pt", "Conforme orientamos no site, o prazo é de sete dias."),
        _with("tl", "Sa susunod na linggo po darating ang technician."),
        # the customer as the doer of a plain deed, and an instruction: not blame
        _with("vi", "Phí vận chuyển do Quý khách tự chọn khi đặt hàng."),
        _with("vi", "Chúng tôi rất tiếc vì chị nhận nhầm màu giày."),  # done to the customer
        _with("vi", "Khi đến cửa hàng, anh phải mang theo phiếu bảo hành."),
        _with("pt", "Você deve receber o código por SMS em alguns minutos."),
        # a present condition, a future outcome, an instruction to read before a step
        _with("tl", "Mas mabilis po ang download kung naka-Wi-Fi lang kayo."),
        _with("th", "หากคุณส่งเอกสารครบ ก็จะไม่ต้องรอ"),
        _with("vi", "Anh vui lòng đọc kỹ hướng dẫn trước khi lắp đặt."),
        # fetching it oneself, a sent code, a promotion for everyone, the company's duty
        _with("th", "ท่านสามารถไปรับสินค้าเองที่สาขาได้ค่ะ"),
        _with("vi", "Bên em đã gửi mã xác nhận cho chị rồi ạ."),
        _with("pt", "A promoção vale para todos os planos."),
        _with("tl", "Responsibilidad po ng kumpanya na ayusin ito."),
        # a cancelled event that "will no longer happen", a plain commitment to a process
        _with("tl", "Hindi na po mangyayari ang brownout bukas dahil naayos na ang linya."),
        _with("vi", "Bên em cam kết bảo mật thông tin của chị."),
    ],
)
def test_a_neutral_reference_is_no_tone_finding(text: str) -> None:
    assert not [f.code for f in Linter().check(text).findings if f.code.startswith("TN")]


@pytest.mark.parametrize(
    "text",
    [VIETNAMESE.replace("Trân trọng,", "Trân trọng./."), THAI.replace("ขอแสดงความนับถือ", "ด้วยความยินดีให้บริการ")],
    ids=["vi", "th"],
)
def test_a_formal_closing_of_the_language(text: str) -> None:
    assert "CT003" not in {f.code for f in Linter().check(text).findings}


def test_a_languages_own_rules_check_its_drafts_only() -> None:
    """``rules/pt/grammar/`` names ``language: pt``: its rules skip an English draft."""
    from cscomm import Config
    from cscomm.registry import Registry

    rule = Registry.build().get("SG204")
    assert rule is not None and rule.languages == frozenset({"pt"})
    english = (
        "Hi Ana,\n\nOur Lisbon team calls the old form 'seje', as the manual does.\n\nBest regards,\nTom"
    )
    portuguese = _with("pt", "Caso o pedido não seje entregue, fazemos o reembolso.")
    linter = Linter(Config(select=("SG204",)))
    assert not linter.check(english).findings
    assert [f.text for f in linter.check(portuguese).findings] == ["seje"]


@pytest.mark.parametrize(
    ("opening", "flagged"),
    [
        ("ทางเราได้คืนเงินเข้าบัญชีของคุณเรียบร้อยแล้วคะ", True),  # a statement
        ("คุณต้องการให้จัดส่งวันไหนคะ", False),  # a question word asks
        ("คุณสมศรีคะ", False),  # a name called out
        ("ได้รับเอกสารแล้วนะคะ", False),  # after "นะ"
    ],
)
def test_the_particle_of_a_thai_sentence(opening: str, flagged: bool) -> None:
    from cscomm import Config

    draft = THAI.replace("\n\nขอบคุณที่ติดต่อเรา", f"\n\n{opening} ขอบคุณที่ติดต่อเรา")
    assert bool(Linter(Config(select=("SG014",))).check(draft).findings) is flagged
