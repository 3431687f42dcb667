"""SG013: a word typed without its accents, in a language pack that names its accents
(Portuguese). The judgement is :mod:`cscomm.accents`'s."""

from __future__ import annotations

from collections.abc import Iterator

from cscomm.accents import missing_accents
from cscomm.checks.base import Context, Examples, Hit, Rule
from cscomm.document import Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability, replacement
from cscomm.language_packs import language_packs


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
        for part in ctx.doc.own_parts:
            prose = text[part.span.start : part.span.end]
            for start, end, correction in missing_accents(prose, pack.accents, pack.wordfreq):
                at = part.span.start
                yield Hit(
                    Span(at + start, at + end),
                    self.message.format(match=prose[start:end], correction=correction),
                    suggestions=(correction,),
                    fix=replacement(text, at + start, at + end, correction, Applicability.UNSAFE),
                )
