"""Field mappings for helpdesk exports (JSONL or CSV): where each record keeps what.

Three built-in shapes cover the common exports:

- ``ticket-comments``: one ticket per record with its ``comments`` (author role,
  ``public`` flag, ``created_at``), as Zendesk's ticket exports with comments;
- ``conversation-parts``: one conversation per record with its ``conversation_parts``
  (author type, ``part_type``, where ``note`` marks an internal note), as Intercom's;
- ``message-rows``: one message per record (a CSV row), with its ticket id; the rows
  of a ticket are read together when they are next to each other.

A field is a dotted path (``via.channel``); a list of paths takes the first one present.
Metadata (agent, team, channel, macro) is looked up on the message, then on the ticket.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from cscomm.errors import ConfigError

SHAPES = ("ticket-comments", "conversation-parts", "message-rows")


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Where a helpdesk export keeps each field (see the module docstring)."""

    shape: str
    ticket_id: tuple[str, ...]
    messages: str
    message_id: tuple[str, ...]
    role: tuple[str, ...]
    agent_roles: tuple[str, ...]
    public: tuple[str, ...]
    kind: tuple[str, ...]
    note_kinds: tuple[str, ...]
    body: tuple[str, ...]
    html_body: tuple[str, ...]
    created_at: tuple[str, ...]
    agent: tuple[str, ...]
    team: tuple[str, ...]
    channel: tuple[str, ...]
    macro: tuple[str, ...]
    subject: tuple[str, ...]


BUILT_IN: dict[str, FieldMapping] = {
    "ticket-comments": FieldMapping(
        shape="ticket-comments",
        ticket_id=("id", "ticket_id"),
        messages="comments",
        message_id=("id",),
        role=("author_role", "author.role"),
        agent_roles=("agent", "admin"),
        public=("public",),
        kind=(),
        note_kinds=(),
        body=("plain_body", "body"),
        html_body=("html_body",),
        created_at=("created_at",),
        agent=("author_name", "author.name", "author_id"),
        team=("group_name", "group.name", "group_id"),
        channel=("via.channel", "channel"),
        macro=("macro_id", "metadata.macro_id", "macro"),
        subject=("subject",),
    ),
    "conversation-parts": FieldMapping(
        shape="conversation-parts",
        ticket_id=("id",),
        messages="conversation_parts",
        message_id=("id",),
        role=("author.type",),
        agent_roles=("admin",),
        public=(),
        kind=("part_type",),
        note_kinds=("note",),
        body=(),
        html_body=("body",),
        created_at=("created_at",),
        agent=("author.name", "author.id"),
        team=("team_assignee_id", "team"),
        channel=("source.delivered_as", "channel"),
        macro=("macro_id",),
        subject=("source.subject", "title"),
    ),
    "message-rows": FieldMapping(
        shape="message-rows",
        ticket_id=("ticket_id",),
        messages="",
        message_id=("message_id", "id"),
        role=("author_role", "role"),
        agent_roles=("agent", "admin"),
        public=("public",),
        kind=("kind",),
        note_kinds=("note", "internal"),
        body=("body",),
        html_body=("html_body",),
        created_at=("created_at",),
        agent=("agent",),
        team=("team",),
        channel=("channel",),
        macro=("macro",),
        subject=("subject",),
    ),
}


def mapping_from_table(table: Mapping[str, Any], source: str) -> FieldMapping:
    """Read the ``[mapping]`` table of an audit settings file: ``preset`` (a built-in
    mapping, default ``ticket-comments``), then any field as a path or a list of paths."""
    preset = table.get("preset", "ticket-comments")
    if preset not in BUILT_IN:
        raise ConfigError(f"{source}: mapping.preset: unknown {preset!r} (known: {', '.join(SHAPES)})")
    base = BUILT_IN[preset]
    names = {f.name.replace("_", "-"): f.name for f in fields(FieldMapping)} | {"preset": ""}
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key not in names:
            raise ConfigError(f"{source}: unknown key mapping.{key}")
        if key in ("preset", "shape"):
            continue
        if key == "messages":
            if not isinstance(value, str):
                raise ConfigError(f"{source}: mapping.messages must be a path")
            changes["messages"] = value
            continue
        paths = [value] if isinstance(value, str) else value
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{source}: mapping.{key} must be a path or a list of paths")
        changes[names[key]] = tuple(paths)
    return replace(base, **changes)


def lookup(record: Mapping[str, Any], paths: tuple[str, ...]) -> Any:
    """The value at the first of ``paths`` present in ``record`` (``None`` if none is)."""
    for path in paths:
        value: Any = record
        for key in path.split("."):
            if not isinstance(value, Mapping) or key not in value:
                value = None
                break
            value = value[key]
        if value is not None and value != "":
            return value
    return None
