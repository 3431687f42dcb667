"""SG012: a syllable written with the wrong tone mark, in a language pack that names its tone
marks (Vietnamese). The judgement is :mod:`cscomm.tone_marks`'s."""

from __future__ import annotations

from collections.abc import Iterator

from cscomm.checks.base import Context, Examples, Hit, Rule
from cscomm.document import Span
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability, replacement
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
        for part in ctx.doc.own_parts:
            prose = text[part.span.start : part.span.end]
            for start, end, corrections in tone_slips(prose, pack.tone_marks, pack.wordfreq):
                at = part.span.start
                quoted = [f"“{c}”" for c in corrections[:3]]
                choices = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
                only = corrections[0] if len(corrections) == 1 else None
                yield Hit(
                    Span(at + start, at + end),
                    self.message.format(match=prose[start:end], choices=choices),
                    suggestions=corrections[:3],
                    fix=replacement(text, at + start, at + end, only, Applicability.UNSAFE) if only else None,
                )
