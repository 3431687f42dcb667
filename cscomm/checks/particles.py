"""SG014: a statement that ends in a question's particle, in a language whose pack names
its particles (Thai: "ค่ะ" ends a statement, "คะ" a question)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cscomm.checks.base import Context, Examples, Hit, Rule, correction_hit, in_own_prose
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability
from cscomm.language_packs import question_forms

_VOCATIVE = re.compile(r"(?:คุณ|ท่าน)\S{0,20}")
"""A name called out ("คุณสมศรีคะ"): the question's particle is the one that calls."""


class QuestionParticleOnStatement(Rule):
    """A sentence that asks nothing but ends in the particle of a question."""

    code = "SG014"
    name = "question-particle-on-statement"
    category = Category.GRAMMAR
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE  # a question without a question word still takes "คะ"
    message = "“{match}” ends a question; this sentence states something: write “{statement}”."
    rationale = (
        "Check spelling and grammar before sending (L4): a statement that ends in the "
        "question's particle (“…แล้วคะ”) is a slip Thai readers notice at once (E1)."
    )
    guidelines = ("L4", "E1")
    samples = {"statement": "ค่ะ"}
    any_language = True
    examples = Examples(
        fail=(
            "เรียน คุณสมศรี\n\nขอบคุณที่ติดต่อเรา เจ้าหน้าที่ได้ส่งเอกสารให้ทางอีเมลแล้ว[[คะ]] "
            "หากมีข้อสงสัยโปรดติดต่อกลับได้ตลอดเวลาค่ะ\n\nขอแสดงความนับถือ\nฝ่ายบริการลูกค้า",
        ),
        pass_=(
            "เรียน คุณสมศรี\n\nขอบคุณที่ติดต่อเรา เจ้าหน้าที่ได้ส่งเอกสารให้ทางอีเมลแล้วค่ะ "
            "คุณสะดวกรับสายวันไหนคะ ได้รับแล้วนะคะ\n\nขอแสดงความนับถือ\nฝ่ายบริการลูกค้า",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Hit]:
        from cscomm.conversation.pack_questions import asks, sentences

        forms = question_forms(ctx.analysis.language or "")
        particles = forms.particles if forms is not None else None
        if forms is None or particles is None:
            return

        def statement_particles(prose: str) -> Iterator[tuple[int, int, str]]:
            for start, end in sentences(prose, forms):
                sentence = prose[start:end].rstrip(" .!")
                head = sentence[: -len(particles.question)]
                if not sentence.endswith(particles.question) or head.endswith(particles.after):
                    continue
                if not (asks(head, forms) or _VOCATIVE.fullmatch(head.strip())):
                    yield start + len(head), start + len(sentence), particles.statement

        text = ctx.doc.text
        message = self.message.format(match=particles.question, statement=particles.statement)
        for start, end, statement in in_own_prose(ctx, statement_particles):
            yield correction_hit(text, start, end, message, (statement,))
