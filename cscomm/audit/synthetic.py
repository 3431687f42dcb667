"""A synthetic reply history built from the labelled cases, for tests and benchmarks.

Each labelled case (a folder with ``draft.txt`` and, when the customer's message is not
quoted in it, ``incoming.txt``) gives a customer message and a reply. The history deals
them out to agents, teams, channels, macros and weeks with a seeded generator, so the
same arguments always give the same history; no text but the cases' own is used.
"""

from __future__ import annotations

import json
import mailbox
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from cscomm.audit.mail_source import own_text

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # a Monday
CHANNELS = ("email", "web", "chat")


@dataclass(frozen=True, slots=True)
class Case:
    """A labelled case as a customer message and the reply to it."""

    name: str
    customer: str
    reply: str


@dataclass(frozen=True, slots=True)
class Exchange:
    """One ticket of the history: a customer message, the reply, and who and when."""

    ticket: int
    case: Case
    agent: str
    team: str
    channel: str
    macro: str
    sent: datetime

    @property
    def customer_address(self) -> str:
        return f"customer{self.ticket:05d}@example.com"


def load_cases(folders: Iterable[Path]) -> list[Case]:
    """The cases under ``folders`` (each a folder of case folders), sorted by path."""
    cases = []
    for folder in folders:
        for case in sorted(p for p in folder.iterdir() if (p / "draft.txt").is_file()):
            if _kind(case) != "email":  # letters and internal memos answer no one
                continue
            draft = (case / "draft.txt").read_text(encoding="utf-8")
            incoming = case / "incoming.txt"
            if incoming.is_file():
                customer, reply = incoming.read_text(encoding="utf-8"), draft
            else:
                reply, customer = own_text(draft), _quoted(draft)
            if customer.strip():
                cases.append(Case(f"{folder.name}/{case.name}", customer, reply))
    return cases


def _kind(case: Path) -> str:
    labels = case / "labels.json"
    return (
        str(json.loads(labels.read_text(encoding="utf-8")).get("kind", "email"))
        if labels.is_file()
        else "email"
    )


def _quoted(draft: str) -> str:
    lines = [line for line in draft.split("\n") if line.startswith(">")]
    return "\n".join(line[1:].removeprefix(" ") for line in lines).strip() + "\n"


def history(
    cases: Sequence[Case], replies: int, *, seed: int = 0, agents: int = 12, macros: int = 8, weeks: int = 12
) -> Iterator[Exchange]:
    """``replies`` exchanges dealt from ``cases`` (the same for the same arguments)."""
    rng = random.Random(seed)
    for ticket in range(replies):
        agent = rng.randrange(agents)
        macro = rng.randrange(macros + macros // 2)  # a third of the replies use no macro
        yield Exchange(
            ticket=ticket,
            case=cases[rng.randrange(len(cases))],
            agent=f"agent{agent:02d}@support.example.com",
            team=f"team-{'abc'[agent % 3]}",
            channel=CHANNELS[rng.randrange(len(CHANNELS))],
            macro=f"macro-{macro:02d}" if macro < macros else "",
            sent=START + timedelta(days=rng.randrange(weeks * 7), minutes=rng.randrange(600)),
        )


def write_mbox(path: Path, exchanges: Iterable[Exchange]) -> None:
    """Write each exchange as a thread: the customer's message, then the agent's reply."""
    box = mailbox.mbox(path, create=True)
    box.lock()
    try:
        for exchange in exchanges:
            customer, reply = thread(exchange)
            box.add(customer)
            box.add(reply)
    finally:
        box.flush()
        box.unlock()
        box.close()


def thread(exchange: Exchange) -> tuple[EmailMessage, EmailMessage]:
    """The customer's message and the agent's reply to it."""
    asked = exchange.sent - timedelta(hours=3)
    customer = _message(exchange.customer_address, exchange.agent, exchange.case.customer, asked)
    customer["Message-ID"] = f"<c{exchange.ticket}@example.com>"
    reply = _message(exchange.agent, exchange.customer_address, exchange.case.reply, exchange.sent)
    reply["Message-ID"] = f"<r{exchange.ticket}@support.example.com>"
    reply["In-Reply-To"] = customer["Message-ID"]
    reply["References"] = customer["Message-ID"]
    reply["X-Team"] = exchange.team
    if exchange.macro:
        reply["X-Macro"] = exchange.macro
    return customer, reply


def _message(sender: str, recipient: str, body: str, sent: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = "Your request"
    message["Date"] = format_datetime(sent)
    message.set_content(body)
    return message


def write_tickets(path: Path, exchanges: Iterable[Exchange], *, notes: bool = True) -> None:
    """Write a ticket-comments JSONL export: per ticket the customer's comment, an internal
    note by the agent (with ``notes``, every other ticket), and the public reply."""
    with open(path, "w", encoding="utf-8") as handle:
        for exchange in exchanges:
            handle.write(json.dumps(ticket_record(exchange, notes=notes), ensure_ascii=False) + "\n")


def ticket_record(exchange: Exchange, *, notes: bool = True) -> dict[str, object]:
    """One exchange as a ticket with comments, in the ``ticket-comments`` shape."""
    asked = exchange.sent - timedelta(hours=3)
    comments: list[dict[str, object]] = [
        _comment(1, "end-user", exchange.customer_address, exchange.case.customer, asked, True)
    ]
    if notes and exchange.ticket % 2 == 0:
        note = (
            f"Internal: checked the account for ticket {exchange.ticket}. Customer sounds annoyed, be careful"
        )
        comments.append(_comment(2, "agent", exchange.agent, note, asked + timedelta(hours=1), False))
    reply = _comment(3, "agent", exchange.agent, exchange.case.reply, exchange.sent, True)
    if exchange.macro:
        reply["macro_id"] = exchange.macro
    comments.append(reply)
    return {
        "id": exchange.ticket,
        "subject": "Your request",
        "group_name": exchange.team,
        "via": {"channel": exchange.channel},
        "comments": comments,
    }


def _comment(
    number: int, role: str, author: str, body: str, created: datetime, public: bool
) -> dict[str, object]:
    return {
        "id": number,
        "author_role": role,
        "author_name": author,
        "public": public,
        "plain_body": body,
        "created_at": created.isoformat(),
    }
