"""Questions, requests and answers in the seed languages, read by their packs' forms."""

from __future__ import annotations

import pytest

from cscomm.conversation import pack_questions
from cscomm.language_packs import question_forms

# (language, customer sentence, form, what it asks for)
ASKED = [
    ("pt", "Quando o técnico vem instalar o modem?", "direct", "time"),
    ("pt", "Gostaria de saber se a taxa de instalação pode ser parcelada.", "indirect", "yes-no"),
    ("pt", "Por favor, cancelem a assinatura da revista digital.", "request", "action"),
    ("pt", "Onde fica a agência mais próxima do centro", "direct", "place"),
    ("pt", "Por que a fatura veio em dobro?", "direct", "reason"),
    ("pt", "Gostaria também de saber se a vistoria pode ser feita no sábado.", "indirect", "yes-no"),
    ("pt", "Por último, cancelem o seguro que aparece na minha fatura.", "request", "action"),
    ("tl", "Gusto ko rin pong malaman kung may bayad ang paglipat ng linya.", "indirect", "yes-no"),
    # "porque" is "because": the reason the customer gives, not the question's
    ("pt", "Queria saber se devo trocar a senha, porque recebi um aviso estranho.", "indirect", "yes-no"),
    ("vi", "Khi nào đơn hàng của em được giao ạ?", "direct", "time"),
    ("vi", "Em đổi sang gói cước khác được không ạ", "indirect", "yes-no"),
    ("vi", "Vui lòng hủy đơn hàng số 5521 giúp tôi.", "request", "action"),
    ("vi", "Tôi cũng muốn biết vì sao phí giao hàng tăng gấp đôi.", "indirect", "reason"),
    ("vi", "Cho em xin hóa đơn điện tử của tháng này.", "request", "action"),
    # the "có … không" frame asks; the words inside it say what about, even across a line break
    ("vi", "Xưởng có thể cho người qua nhà lấy xe giúp\ntôi không, vì tôi đang bận.", "indirect", "yes-no"),
    ("tl", "Magkano po ang bayad sa pagpapalit ng SIM?", "direct", "amount"),
    ("tl", "Puwede po bang ilipat ang delivery sa Sabado", "indirect", "yes-no"),
    ("tl", "Pakicheck po ang status ng aking refund.", "request", "action"),
    ("th", "พัสดุของดิฉันจะมาถึงเมื่อไรคะ", "direct", "time"),
    ("th", "รบกวนช่วยยกเลิกการจองห้องพักให้ด้วยครับ", "request", "action"),
    ("th", "แล้วต้องจ่ายส่วนต่างเพิ่มหรือเปล่า", "indirect", "yes-no"),  # one content word left
]

# Sentences that ask nothing.
NOT_ASKED = [
    ("pt", "Recebi o pedido ontem e está tudo certo com a entrega."),
    ("pt", "Tudo bem?"),
    ("vi", "Tôi đã nhận được hàng vào sáng nay."),
    ("vi", "Nhà chỉ có 3 người, không có gì thay đổi so với tháng trước."),  # "không" opens a clause
    ("tl", "Natanggap ko na po ang package kahapon."),
    ("th", "ผมได้รับสินค้าเรียบร้อยแล้วครับ"),
    ("th", "อย่างไรก็ตาม ผมได้รับสินค้าเรียบร้อยแล้วครับ"),
    ("pt", "Quando cheguei em casa, a caixa estava molhada."),
]

# (language, customer message, reply, answered)
JUDGED = [
    (
        "pt",
        "Quando o reembolso do ingresso cai na minha conta?",
        "O reembolso do ingresso cai na sua conta até sexta-feira, 12 de junho.",
        True,
    ),
    (
        "pt",
        "Quando o reembolso do ingresso cai na minha conta?",
        "Lamentamos o cancelamento do show. Nossa equipe segue à disposição.",
        False,
    ),
    (
        "vi",
        "Khi nào bên mình hoàn tiền phí vận chuyển cho em?",
        "Bên em sẽ hoàn tiền phí vận chuyển trong vòng 3 ngày làm việc.",
        True,
    ),
    (
        "vi",
        "Khi nào bên mình hoàn tiền phí vận chuyển cho em?",
        "Cảm ơn anh đã phản hồi về chất lượng dịch vụ của cửa hàng.",
        False,
    ),
    (
        "tl",
        "Kailan po maibabalik ang bayad sa cancelled booking ko?",
        "Maibabalik po ang bayad sa inyong booking sa loob ng 5 araw.",
        True,
    ),
    (
        "th",
        "ช่วยยกเลิกการจองห้องพักวันเสาร์ให้ด้วยครับ",
        "เราได้ยกเลิกการจองห้องพักวันเสาร์ให้เรียบร้อยแล้วค่ะ",
        True,
    ),
    (
        "th",
        "ช่วยยกเลิกการจองห้องพักวันเสาร์ให้ด้วยครับ",
        "ขอบคุณที่ใช้บริการโรงแรมของเราค่ะ",
        False,
    ),
]


@pytest.mark.parametrize(("code", "text", "form", "kind"), ASKED, ids=[t for _, t, _, _ in ASKED])
def test_question_is_found(code: str, text: str, form: str, kind: str) -> None:
    forms = question_forms(code)
    assert forms is not None
    [question] = pack_questions.extract(text, forms)
    assert (question.form, question.answer_type) == (form, kind)
    assert text.strip().startswith(question.text)


@pytest.mark.parametrize(("code", "text"), NOT_ASKED, ids=[t for _, t in NOT_ASKED])
def test_statement_asks_nothing(code: str, text: str) -> None:
    forms = question_forms(code)
    assert forms is not None
    assert pack_questions.extract(text, forms) == ()


@pytest.mark.parametrize(("code", "message", "reply", "answered"), JUDGED)
def test_answer_is_judged(code: str, message: str, reply: str, answered: bool) -> None:
    forms = question_forms(code)
    assert forms is not None
    [verdict] = pack_questions.judge(pack_questions.extract(message, forms), reply, forms)
    assert verdict.answered is answered
    assert verdict.unsure is not answered  # no parse, no model: never a sure "unanswered"


def test_thai_sentences_end_after_a_particle() -> None:
    forms = question_forms("th")
    assert forms is not None
    text = "สินค้ามาถึงแล้วครับ แต่กล่องบุบ จะเปลี่ยนได้ไหมครับ"
    pieces = [text[s:e] for s, e in pack_questions.sentences(text, forms)]
    assert pieces == ["สินค้ามาถึงแล้วครับ", "แต่กล่องบุบ จะเปลี่ยนได้ไหมครับ"]


def test_abbreviation_does_not_end_a_sentence() -> None:
    forms = question_forms("pt")
    assert forms is not None
    text = "Gostaria de saber se a Dra. Helena atende aos sábados."
    assert [text[s:e] for s, e in pack_questions.sentences(text, forms)] == [text]


def test_every_pack_has_question_forms() -> None:
    for code in ("pt", "vi", "tl", "th"):
        forms = question_forms(code)
        assert forms is not None and forms.cues is not None and forms.requests is not None
        assert {"time", "place", "amount"} <= set(forms.asks) & set(forms.answers)


# (language, customer message, reply, signal, whether it is raised)
SIGNALS = [
    ("pt", "Quando chega o cartão novo?", "O cartão novo chega na sexta-feira.", "coverage", True),
    ("pt", "Quando chega o cartão novo?", "Obrigado pelo contato.", "coverage", False),
    ("pt", "Quando chega o cartão novo?", "O cartão segue pelos Correios amanhã.", "kind_near", True),
    ("pt", "Quando chega o cartão novo?", "O cartão segue pelos Correios.", "kind_near", False),
    ("pt", "Quando chega o cartão novo?", "Tudo certo. Chega amanhã.", "kind_anywhere", True),
    (
        "pt",
        "Por favor, cancelem a assinatura da revista.",
        "Já cancelamos a assinatura da revista.",
        "done_best",
        True,
    ),
    (
        "pt",
        "Por favor, cancelem a assinatura da revista.",
        "A assinatura da revista segue ativa.",
        "done_best",
        False,
    ),
    (
        "pt",
        "Vocês devolvem a taxa da revista?",
        "Infelizmente a taxa da revista não é devolvida.",
        "refusal_best",
        True,
    ),
    (
        "vi",
        "Làm sao để đổi mật khẩu tài khoản?",
        "Để đổi mật khẩu, anh vui lòng vào mục Tài khoản.",
        "instruction_near",
        True,
    ),
    ("pt", "Isso tem algum custo?", "Não há custo.", "light_question", True),
    ("pt", "Quando chega o cartão novo do meu marido?", "Chega amanhã.", "light_question", False),
]


@pytest.mark.parametrize(("code", "message", "reply", "name", "raised"), SIGNALS)
def test_signal(code: str, message: str, reply: str, name: str, raised: bool) -> None:
    forms = question_forms(code)
    assert forms is not None
    [verdict] = pack_questions.judge(pack_questions.extract(message, forms), reply, forms, use_model=False)
    assert (dict(verdict.signals)[name] > 0) is raised


@pytest.mark.parametrize(
    ("code", "message", "related", "unrelated"),
    [
        (
            "pt",
            "Vocês fazem o cancelamento hoje?",
            "O plano foi cancelado hoje.",
            "O boleto segue por e-mail.",
        ),
        ("th", "ต้องจ่ายส่วนต่างเพิ่มหรือเปล่าคะ", "ไม่ต้องจ่ายส่วนต่างค่ะ", "พัสดุจะถึงพรุ่งนี้ค่ะ"),
    ],
)
def test_runs_of_letters_meet_words_cut_or_inflected_differently(
    code: str, message: str, related: str, unrelated: str
) -> None:
    forms = question_forms(code)
    assert forms is not None
    asked = pack_questions.extract(message, forms)

    def overlap(reply: str) -> float:
        [verdict] = pack_questions.judge(asked, reply, forms, use_model=False)
        return dict(verdict.signals)["letters_best"]

    assert overlap(related) > 2 * overlap(unrelated)


def test_a_question_frame_keeps_the_words_it_holds() -> None:
    forms = question_forms("vi")
    assert forms is not None
    [question] = pack_questions.extract("Lỗi này có được bảo hành không?", forms)
    assert {"bảo", "hành"} <= set(question.focus)


def test_the_model_decides_when_it_ships() -> None:
    forms = question_forms("pt")
    assert forms is not None
    asked = pack_questions.extract("Quando chega o cartão novo?", forms)
    [verdict] = pack_questions.judge(asked, "O cartão novo chega na sexta-feira.", forms)
    assert verdict.confidence is not None and verdict.answered


@pytest.mark.parametrize(
    ("code", "message", "asked"),
    [
        ("th", "เรื่อง: ขอเลื่อนนัดทำฟัน\nขอเลื่อนนัดเป็นวันเสาร์ที่ 12 ได้ไหมครับ", 1),
        ("pt", "Assunto: Pedido de troca do sofá\n\nVocês podem trocar o sofá até sexta?", 1),
    ],
)
def test_a_subject_line_is_no_question_of_its_own(code: str, message: str, asked: int) -> None:
    forms = question_forms(code)
    assert forms is not None
    assert len(pack_questions.extract(message, forms)) == asked


@pytest.mark.parametrize(
    ("code", "message", "short"),
    [
        ("vi", "Tôi bị trừ tiền hai lần cho đơn hàng hôm qua. Mất bao lâu?", "Mất bao lâu?"),
        ("pt", "Pedi um cartão novo pelo aplicativo ontem. Em quanto tempo chega?", "Em quanto tempo chega?"),
    ],
)
def test_a_short_question_asks_about_the_sentence_before_it(code: str, message: str, short: str) -> None:
    forms = question_forms(code)
    assert forms is not None
    [question] = pack_questions.extract(message, forms)
    assert question.text == short and len(question.focus) >= 2


# (language, customer sentence, the questions it joins)
JOINED = [
    (
        "vi",
        "Tôi cần mang theo hóa đơn gốc không, phí đổi máy ai chịu?",
        ["Tôi cần mang theo hóa đơn gốc không", "phí đổi máy ai chịu?"],
    ),
    (
        "vi",
        "Cửa hàng nhận thẻ tín dụng không và giao hàng vào Chủ nhật được không?",
        ["Cửa hàng nhận thẻ tín dụng không", "giao hàng vào Chủ nhật được không?"],
    ),
    # The first clause does not end as a question does: one question.
    ("vi", "Nếu máy vẫn lỗi, bên mình có đổi máy mới cho tôi không?", None),
    # What follows the comma asks nothing: one question.
    ("vi", "Bên mình nhận lại hàng không, tôi vẫn còn giữ hộp.", None),
]


@pytest.mark.parametrize(("code", "text", "pieces"), JOINED, ids=[t for _, t, _ in JOINED])
def test_a_sentence_that_joins_questions_is_cut(code: str, text: str, pieces: list[str] | None) -> None:
    forms = question_forms(code)
    assert forms is not None
    found = [text[s:e] for s, e in pack_questions.clauses(text, 0, len(text), forms)]
    assert found == (pieces or [text])
