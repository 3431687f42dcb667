"""The records an audit passes along: a conversation to score, and a scored reply."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from cscomm.document import Envelope
from cscomm.draft import Draft

META_FIELDS = ("agent", "team", "channel", "ticket_id", "date", "macro")
"""The metadata an audit keeps with each reply, in the order of its output columns."""


@dataclass(frozen=True, slots=True)
class Conversation:
    """One agent reply with the customer message it answers and what is known about it.

    ``reply_id`` is stable across runs (a Message-ID, or ticket and comment ids), so a
    resumed audit can tell replies apart; ``date`` is ISO 8601 (UTC when known), or "".
    """

    reply_id: str
    reply: str
    customer: str | None = None
    agent: str = ""
    team: str = ""
    channel: str = ""
    ticket_id: str = ""
    date: str = ""
    macro: str = ""
    subject: str = ""
    recipients: tuple[tuple[str, str], ...] = ()
    attachments: tuple[str, ...] = ()

    def to_draft(self) -> Draft:
        """The draft the linter checks: the reply, the customer's message as ``incoming``."""
        envelope = Envelope(self.subject, self.recipients, self.attachments)
        return Draft(self.reply, self.reply_id, incoming=self.customer, envelope=envelope)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready row (for Dask, Spark and Ray partitions)."""
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        row["recipients"] = [list(pair) for pair in self.recipients]
        row["attachments"] = list(self.attachments)
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Conversation:
        """The inverse of :meth:`to_dict`; missing metadata is empty."""
        customer = row.get("customer")
        return cls(
            reply_id=str(row["reply_id"]),
            reply=str(row["reply"]),
            customer=None if customer is None or customer != customer else str(customer),  # NaN from pandas
            **{name: _text(row.get(name)) for name in (*META_FIELDS, "subject")},
            recipients=tuple((str(a), str(b)) for a, b in _items(row.get("recipients"))),
            attachments=tuple(str(a) for a in _items(row.get("attachments"))),
        )


def _items(value: Any) -> Any:
    """A list field's items (a list, a tuple or a numpy array from pandas), or none."""
    return () if value is None or isinstance(value, float) else value


def _text(value: Any) -> str:
    return "" if value is None or value != value else str(value)


def iso_week(day: str) -> str:
    """``2026-03-09…`` → ``2026-W11`` (ISO week); "" for a missing or unreadable date."""
    try:
        parsed = datetime.fromisoformat(day).date() if "T" in day else date.fromisoformat(day[:10])
    except ValueError:
        return ""
    year, week, _ = parsed.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True, slots=True)
class FindingRow:
    """A finding of a scored reply, as written to the outputs."""

    code: str
    name: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    text: str


@dataclass(frozen=True, slots=True)
class ReplyResult:
    """A scored reply: its scorecard and the findings behind it.

    ``categories`` maps each scorecard category to its score (0-100), or ``None`` when
    the category does not apply (questions, when there is no customer message).
    """

    reply_id: str
    agent: str
    team: str
    channel: str
    ticket_id: str
    date: str
    macro: str
    week: str
    score: float
    auto_fail: bool
    incomplete: bool
    has_customer: bool
    categories: dict[str, float | None]
    findings: tuple[FindingRow, ...]
    notices: tuple[str, ...]
    text: str = ""

    def to_row(self) -> dict[str, Any]:
        """The flat row written to JSONL and Parquet."""
        row: dict[str, Any] = {
            "reply_id": self.reply_id,
            **{name: getattr(self, name) for name in META_FIELDS},
            "week": self.week,
            "score": self.score,
            "auto_fail": self.auto_fail,
            "incomplete": self.incomplete,
            "has_customer": self.has_customer,
        }
        row.update({f"score_{name}": value for name, value in self.categories.items()})
        row["findings"] = [
            {f.name: getattr(finding, f.name) for f in fields(FindingRow)} for finding in self.findings
        ]
        row["notices"] = list(self.notices)
        row["text"] = self.text
        return row
