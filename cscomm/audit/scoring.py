"""Score conversations: the one partition function every engine runs.

:func:`score_conversations` checks a partition with a warm linter and scores each reply;
the local runner, the Dask workers, and Spark's ``mapInPandas`` or Ray's ``map_batches``
(through :func:`frame_scorer`) all call it, so each engine gives the same results.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cscomm.audit.records import Conversation, FindingRow, ReplyResult, iso_week
from cscomm.audit.scorecard import Scorecard
from cscomm.config import Config
from cscomm.report import FileReport

if TYPE_CHECKING:
    import pandas as pd

    from cscomm.engine import Linter


def result_of(conversation: Conversation, report: FileReport, scorecard: Scorecard) -> ReplyResult:
    """The scored reply for ``conversation`` checked as ``report``."""
    has_customer = bool(report.metrics.get("has_customer_message", conversation.customer is not None))
    score, auto_fail, categories = scorecard.score(report.findings, has_customer)
    findings = tuple(
        FindingRow(
            f.code,
            f.name,
            scorecard.category_of(f.code),
            str(f.severity),
            f.message,
            f.start,
            f.end,
            f.line,
            f.column,
            f.text,
        )
        for f in report.findings
    )
    return ReplyResult(
        reply_id=conversation.reply_id,
        agent=conversation.agent,
        team=conversation.team,
        channel=conversation.channel,
        ticket_id=conversation.ticket_id,
        date=conversation.date,
        macro=conversation.macro,
        week=iso_week(conversation.date),
        score=score,
        auto_fail=auto_fail,
        incomplete=report.incomplete,
        has_customer=has_customer,
        categories=categories,
        findings=findings,
        notices=report.notices,
        text=conversation.reply,
    )


def score_conversations(
    linter: Linter, scorecard: Scorecard, conversations: Sequence[Conversation]
) -> list[ReplyResult]:
    """Check and score one partition in this process."""
    reports = linter.check_many(c.to_draft() for c in conversations)
    return [result_of(c, r, scorecard) for c, r in zip(conversations, reports, strict=True)]


_process_linters: dict[str, Linter] = {}


def process_linter(config: Config) -> Linter:
    """This process's linter for ``config``, built and warmed on first use (one per
    Spark or Ray worker process, reused by every batch it runs)."""
    from cscomm.engine import Linter

    key = repr(config)  # a Config holds dicts, so it is not hashable
    linter = _process_linters.get(key)
    if linter is None:
        linter = Linter(config, backend_process=False)
        linter.warm_up()
        _process_linters[key] = linter
    return linter


def frame_scorer(config: Config, scorecard: Scorecard) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A function from a pandas frame of :meth:`Conversation.to_dict` rows to a frame of
    scored rows (``findings`` and ``notices`` as JSON text), for Ray's ``map_batches``;
    :func:`frames_scorer` wraps it for Spark's ``mapInPandas``."""

    def score(frame: pd.DataFrame) -> pd.DataFrame:
        import pandas as pd

        conversations = [Conversation.from_dict(row) for row in frame.to_dict("records")]
        results = score_conversations(process_linter(config), scorecard, conversations)
        return pd.DataFrame([_flat(r.to_row()) for r in results], columns=flat_columns(scorecard))

    return score


def frames_scorer(
    config: Config, scorecard: Scorecard
) -> Callable[[Iterable[pd.DataFrame]], Iterable[pd.DataFrame]]:
    """:func:`frame_scorer` over an iterator of frames (Spark's ``mapInPandas``)."""
    score = frame_scorer(config, scorecard)

    def score_all(frames: Iterable[pd.DataFrame]) -> Iterable[pd.DataFrame]:
        for frame in frames:
            yield score(frame)

    return score_all


def flat_columns(scorecard: Scorecard) -> list[str]:
    """The columns of a scored frame, in order."""
    return [
        "reply_id",
        "agent",
        "team",
        "channel",
        "ticket_id",
        "date",
        "macro",
        "week",
        "score",
        "auto_fail",
        "incomplete",
        "has_customer",
        *(f"score_{name}" for name in scorecard.names),
        "findings",
        "notices",
        "text",
    ]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "findings": json.dumps(row["findings"]), "notices": json.dumps(row["notices"])}
