"""Conversations from helpdesk exports: JSONL (one record a line) or CSV (one a row).

Records are read one at a time. Each ticket's messages are put in time order; internal
notes (a ``public`` flag that is false, or a note kind) are dropped, never scored and never
read as the customer's words. A public message by an agent role is a reply; it answers the
customer messages since the reply before it (or, for a second reply in a row, the last
customer messages before it).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from itertools import groupby
from pathlib import Path
from typing import Any

from cscomm.audit.mappings import FieldMapping, lookup
from cscomm.audit.records import Conversation
from cscomm.errors import InputError
from cscomm.mail.html_text import html_to_text

_FALSE = frozenset({"false", "0", "no", "private", "internal", "n", "f"})


def table_conversations(path: Path, mapping: FieldMapping) -> Iterator[Conversation]:
    """The conversations of the export ``path`` (``.csv``, else JSONL)."""
    records = _csv_records(path) if path.suffix.lower() == ".csv" else _jsonl_records(path)
    if mapping.shape == "message-rows":
        tickets: Iterator[tuple[Mapping[str, Any], list[Mapping[str, Any]]]] = (
            ({}, list(rows)) for _, rows in groupby(records, key=lambda r: str(lookup(r, mapping.ticket_id)))
        )
    else:
        tickets = ((record, _messages(record, mapping, path)) for record in records)
    for ticket, messages in tickets:
        yield from _pairs(ticket, messages, mapping)


def _messages(record: Mapping[str, Any], mapping: FieldMapping, path: Path) -> list[Mapping[str, Any]]:
    messages = lookup(record, (mapping.messages,))
    if messages is None:
        return []
    if not isinstance(messages, list):
        raise InputError(f"{path}: field {mapping.messages!r} of a record is not a list")
    return [m for m in messages if isinstance(m, Mapping)]


def _pairs(
    ticket: Mapping[str, Any], messages: list[Mapping[str, Any]], mapping: FieldMapping
) -> Iterator[Conversation]:
    ordered = sorted(messages, key=lambda m: str(lookup(m, mapping.created_at) or ""))
    customer: list[str] = []
    after_reply = False
    found = lookup(ticket if ticket else (ordered[0] if ordered else {}), mapping.ticket_id)
    ticket_id = "" if found is None else str(found)
    for number, message in enumerate(ordered):
        if _internal(message, mapping):
            continue
        text = _body(message, mapping)
        if not text.strip():
            continue
        role = str(lookup(message, mapping.role) or "").lower()
        if role not in mapping.agent_roles:
            if after_reply:
                customer, after_reply = [], False
            customer.append(text)
            continue
        after_reply = True
        message_id = lookup(message, mapping.message_id)
        yield Conversation(
            reply_id=f"{ticket_id}:{message_id if message_id is not None else number}",
            reply=text,
            customer="\n\n".join(customer) if customer else None,
            agent=_meta(message, ticket, mapping.agent),
            team=_meta(message, ticket, mapping.team),
            channel=_meta(message, ticket, mapping.channel),
            ticket_id=ticket_id,
            date=str(lookup(message, mapping.created_at) or ""),
            macro=_meta(message, ticket, mapping.macro),
            subject=_meta(message, ticket, mapping.subject),
        )


def _internal(message: Mapping[str, Any], mapping: FieldMapping) -> bool:
    public = lookup(message, mapping.public) if mapping.public else None
    if public is not None and (public is False or str(public).strip().lower() in _FALSE):
        return True
    kind = lookup(message, mapping.kind) if mapping.kind else None
    return kind is not None and str(kind).lower() in mapping.note_kinds


def _body(message: Mapping[str, Any], mapping: FieldMapping) -> str:
    text = lookup(message, mapping.body) if mapping.body else None
    if text is not None:
        return str(text).replace("\r\n", "\n")
    markup = lookup(message, mapping.html_body) if mapping.html_body else None
    return html_to_text(str(markup)).body if markup is not None else ""


def _meta(message: Mapping[str, Any], ticket: Mapping[str, Any], paths: tuple[str, ...]) -> str:
    value = lookup(message, paths)
    if value is None:
        value = lookup(ticket, paths)
    return "" if value is None else str(value)


def _jsonl_records(path: Path) -> Iterator[Mapping[str, Any]]:
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not a JSON record ({exc.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}: a record must be a JSON object")
            yield record


def _csv_records(path: Path) -> Iterator[Mapping[str, Any]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames:
            raise InputError(f"{path}: empty CSV file (no header row)")
        yield from reader
