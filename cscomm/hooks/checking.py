"""Check one draft for a hook: find the config, bound the work, decide whether it blocks."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from cscomm.config import Config
from cscomm.daemon.warm import linter_for
from cscomm.draft import Draft
from cscomm.report import FileReport, Report
from cscomm.reporters import report_text

# About 8,000 words (2-3 s of parsing): far more than any reply; beyond it, only the start is checked.
MAX_PROSE_CHARS = 50_000


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a check: whether it blocks sending, and the text report."""

    blocked: bool
    findings: int
    report: str


def judge(
    drafts: Sequence[Draft],
    config: Config,
    combine: Callable[[Sequence[FileReport]], FileReport] | None = None,
) -> Verdict:
    """Lint ``drafts`` (at most :data:`MAX_PROSE_CHARS` of each): one message, or the parts of
    one (``combine`` makes their reports one); it blocks at ``config.fail_on``."""
    linter = linter_for(config)  # the daemon's warm one, or a new one (its helper exits with this process)
    files = linter.check_many([_bounded(draft) for draft in drafts])
    report = Report((combine(files),) if combine else tuple(files))
    out = io.StringIO()
    report_text(report, out, color=False)
    for notice in report.files[0].notices:
        out.write(f"note: {notice}\n")
    return Verdict(report.failed(config.fail_on), len(report.findings), out.getvalue())


def _bounded(draft: Draft) -> Draft:
    """The draft cut at a paragraph break before :data:`MAX_PROSE_CHARS`, with a notice."""
    text = draft.text
    if len(text) <= MAX_PROSE_CHARS:
        return draft
    cut = text.rfind("\n\n", 0, MAX_PROSE_CHARS)
    cut = cut if cut > 0 else MAX_PROSE_CHARS
    notice = (
        f"the text is {len(text):,} characters long; only the first {cut:,} were checked "
        "(findings that depend on the ending, such as a missing sign-off, may be wrong)"
    )
    return replace(draft, text=text[:cut], notices=(*draft.notices, notice))
