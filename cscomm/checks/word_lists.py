"""Slips a language pack's word list settles (wordfreq's list for the language): SG012, a
syllable written with the wrong tone mark (Vietnamese, :mod:`cscomm.tone_marks`), and SG013,
a word typed without its accents (Portuguese, :mod:`cscomm.accents`)."""

from __future__ import annotations

from collections.abc import Iterator

from cscomm.accents import missing_accents
from cscomm.checks.base import Context, Examples, Hit, Rule, correction_hit, in_own_prose
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability
from cscomm.language_packs import language_packs
from cscomm.tone_marks import tone_slips


class ToneMarkSlip(Rule):
    """A syllable the language's word list has never seen, common with another tone mark."""

    code = "SG012"
    name = "tone-mark-slip"
    category = Category.SPELLING
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE  # the commonest syllable may not be the one meant
    message = "“{match}” is not a syllable in use; did you mean {choices}?"
    rationale = (
        "Check spelling and grammar before sending (L4): a wrong tone mark (“xin lổi”) is a "
        "slip customers notice, and it changes or loses the word (E1)."
    )
    guidelines = ("L4", "E1")
    samples = {"choices": "“lỗi”, “lối” or “lôi”"}
    any_language = True
    examples = Examples(
        fail=(
            "Chào chị Lan,\n\nCảm ơn chị đã liên hệ. Em xin [[lổi]] vì đơn hàng giao chậm [[trể]]. "
            "Bên em sẽ [[kiễm]] tra và gọi lại cho chị trước thứ Sáu.\n\nTrân trọng,\nMinh",
        ),
        pass_=(
            "Chào chị Lan,\n\nCảm ơn chị đã liên hệ. Em xin lỗi vì đơn hàng giao chậm trễ. "
            "Bên em sẽ kiểm tra và gọi lại cho chị trước thứ Sáu.\n\nTrân trọng,\nMinh",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        pack = language_packs().get(ctx.analysis.language or "")
        if pack is None or not pack.tone_marks:
            return
        text = ctx.doc.text
        for start, end, corrections in in_own_prose(
            ctx, lambda prose: tone_slips(prose, pack.tone_marks, pack.wordfreq)
        ):
            quoted = [f"“{c}”" for c in corrections[:3]]
            choices = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
            yield correction_hit(
                text, start, end, self.message.format(match=text[start:end], choices=choices), corrections
            )


class MissingAccent(Rule):
    """A word without its accents: the same letters with them are far commoner."""

    code = "SG013"
    name = "missing-accent"
    category = Category.SPELLING
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE  # the commonest accented word may not be the one meant
    message = "“{match}” has lost its accents: did you mean “{correction}”?"
    rationale = (
        "Check spelling and grammar before sending (L4): a word without its accents (“voce”, "
        "“apos”) reads as careless, and some change meaning (E1)."
    )
    guidelines = ("L4", "E1")
    samples = {"correction": "após"}
    any_language = True
    examples = Examples(
        fail=(
            "Olá, Ana,\n\nObrigado pelo contato. O reembolso será feito [[apos]] a devolução do "
            "produto, e [[voce]] recebe o valor na fatura seguinte. Qualquer dúvida, é só "
            "responder este e-mail.\n\nAtenciosamente,\nCarlos",
        ),
        pass_=(
            "Olá, Ana,\n\nObrigado pelo contato. O reembolso será feito após a devolução do "
            "produto, e você recebe o valor na fatura seguinte. Esta é a nossa política, e ela "
            "está no site.\n\nAtenciosamente,\nCarlos",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        pack = language_packs().get(ctx.analysis.language or "")
        if pack is None or not pack.accents:
            return
        text = ctx.doc.text
        for start, end, correction in in_own_prose(
            ctx, lambda prose: missing_accents(prose, pack.accents, pack.wordfreq)
        ):
            message = self.message.format(match=text[start:end], correction=correction)
            yield correction_hit(text, start, end, message, (correction,))
