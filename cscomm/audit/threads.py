"""Rebuild mail threads from ``In-Reply-To``/``References`` and pair each agent reply with
the customer message it answers.

The headers of every message go into an SQLite index on disk, so memory stays flat
however large the mailbox. A message's parent is the message its ``In-Reply-To`` names,
else the last one of its ``References`` that is in the index; its thread's root is the
first ancestor. An agent's message is one whose sender matches the ``agents`` address
globs; without globs, one whose sender is not the sender of the thread's root (the
customer who opened it). A reply answers its nearest ancestor written by a customer.
A Message-ID seen twice (the same message in two folders) is indexed once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from fnmatch import fnmatchcase
from pathlib import Path

from cscomm.audit.mail_files import Location

_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY, msgid TEXT UNIQUE, in_reply_to TEXT, sender TEXT,
    date TEXT, team TEXT, macro TEXT, ticket TEXT, path TEXT, offset INTEGER, length INTEGER,
    parent INTEGER, root INTEGER, is_agent INTEGER
);
CREATE TABLE IF NOT EXISTS refs (seq INTEGER, pos INTEGER, msgid TEXT);
"""
_MAX_DEPTH = 10_000


@dataclass(frozen=True, slots=True)
class MailOptions:
    """How mail is read: agents' address globs, and the headers holding metadata."""

    agents: tuple[str, ...] = ()
    team_header: str = "X-Team"
    macro_header: str = "X-Macro"
    ticket_header: str = "X-Ticket-Id"


@dataclass(frozen=True, slots=True)
class Indexed:
    """A message of the index: its id, sender, metadata and where its bytes are."""

    msgid: str
    sender: str
    date: str
    team: str
    macro: str
    ticket: str
    root_msgid: str
    location: Location


class MailIndex:
    """The on-disk index of the messages of one audit's mail sources."""

    def __init__(self, path: Path, options: MailOptions) -> None:
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path)
        self._db.executescript(_SCHEMA)
        self._options = options
        self._parser = BytesHeaderParser(policy=compat32)

    def close(self) -> None:
        self._db.close()

    def add(self, location: Location) -> None:
        """Index the headers of the message at ``location``."""
        headers = self._parser.parsebytes(location.read())
        msgid = _first_id(headers.get("Message-ID")) or f"<{location.path}:{location.offset}>"
        refs = _ids(headers.get("References"))
        addresses = getaddresses([str(headers.get("From", ""))])
        sender = addresses[0][1].lower() if addresses else ""
        o = self._options
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO messages (msgid, in_reply_to, sender, date, team, macro, ticket,"
            " path, offset, length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                msgid,
                _first_id(headers.get("In-Reply-To")),
                sender,
                _iso_date(headers.get("Date")),
                _header(headers, o.team_header),
                _header(headers, o.macro_header),
                _header(headers, o.ticket_header),
                location.path,
                location.offset,
                location.length,
            ),
        )
        if cursor.rowcount and refs:
            seq = cursor.lastrowid
            self._db.executemany(
                "INSERT INTO refs VALUES (?, ?, ?)", [(seq, i, r) for i, r in enumerate(refs)]
            )

    def build_threads(self) -> None:
        """Find each message's parent and root, and whether an agent wrote it (in SQL, so
        no list of all messages is held here)."""
        db = self._db
        db.execute("CREATE INDEX IF NOT EXISTS refs_by_seq ON refs (seq)")
        db.execute(
            "UPDATE messages SET parent = (SELECT p.seq FROM messages p WHERE p.msgid = messages.in_reply_to"
            " AND p.seq != messages.seq)"
        )
        db.execute(
            "UPDATE messages SET parent = (SELECT p.seq FROM refs r JOIN messages p ON p.msgid = r.msgid"
            " WHERE r.seq = messages.seq AND p.seq != messages.seq ORDER BY r.pos DESC LIMIT 1)"
            " WHERE parent IS NULL"
        )
        db.execute("UPDATE messages SET root = seq WHERE parent IS NULL")
        changed = 1
        while changed:  # one level of each thread per pass
            changed = db.execute(
                "UPDATE messages SET root = (SELECT p.root FROM messages p WHERE p.seq = messages.parent)"
                " WHERE root IS NULL AND (SELECT p.root FROM messages p WHERE p.seq = messages.parent)"
                " IS NOT NULL"
            ).rowcount
        db.execute("UPDATE messages SET root = seq WHERE root IS NULL")  # a loop of references
        agents = tuple(g.lower() for g in self._options.agents)
        if agents:
            db.create_function(
                "is_agent", 1, lambda a: any(fnmatchcase(a, g) for g in agents), deterministic=True
            )
            db.execute("UPDATE messages SET is_agent = is_agent(sender)")
        else:
            db.execute(
                "UPDATE messages SET is_agent = (sender != (SELECT r.sender FROM messages r"
                " WHERE r.seq = messages.root))"
            )
        db.commit()

    def pairs(self) -> Iterator[tuple[Indexed, Indexed | None]]:
        """Each agent message, in the sources' order, with the customer message it answers."""
        cursor = self._db.execute("SELECT seq FROM messages WHERE is_agent = 1 ORDER BY seq")
        while batch := cursor.fetchmany(256):
            for (seq,) in batch:
                yield self._indexed(seq), self._customer_ancestor(seq)

    def _customer_ancestor(self, seq: int) -> Indexed | None:
        current = seq
        for _ in range(_MAX_DEPTH):
            parent = self._db.execute("SELECT parent FROM messages WHERE seq = ?", (current,)).fetchone()[0]
            if parent is None or parent == seq:
                return None
            row = self._db.execute("SELECT is_agent FROM messages WHERE seq = ?", (parent,)).fetchone()
            if not row[0]:
                return self._indexed(parent)
            current = parent
        return None

    def _indexed(self, seq: int) -> Indexed:
        row = self._db.execute(
            "SELECT m.msgid, m.sender, m.date, m.team, m.macro, m.ticket, r.msgid, m.path, m.offset,"
            " m.length FROM messages m JOIN messages r ON r.seq = m.root WHERE m.seq = ?",
            (seq,),
        ).fetchone()
        msgid, sender, day, team, macro, ticket, root, path, offset, length = row
        return Indexed(msgid, sender, day, team, macro, ticket, root, Location(path, offset, length))


def _ids(value: object) -> list[str]:
    """The ``<…>`` message ids in a header value, in order."""
    text = str(value or "")
    ids, start = [], text.find("<")
    while start >= 0:
        end = text.find(">", start)
        if end < 0:
            break
        ids.append(text[start : end + 1].strip())
        start = text.find("<", end)
    return ids


def _first_id(value: object) -> str:
    found = _ids(value)
    return found[0] if found else str(value or "").strip()


def _header(headers: Message, name: str) -> str:
    return str(headers.get(name, "")).strip() if name else ""


def _iso_date(value: object) -> str:
    """The ``Date`` header as ISO 8601 in UTC (when it names a zone), or ""."""
    if not value:
        return ""
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.isoformat()
