"""All the conversations of an audit's sources, in a stable order.

Mail sources (mbox files, Maildirs, folders of ``.eml``, single ``.eml`` files) are
indexed together, since a thread's messages may sit in several of them; their replies
come first, in the sources' order. Then each helpdesk export (``.jsonl``, ``.ndjson``,
``.csv``) in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from cscomm.audit.mail_files import is_mail_source
from cscomm.audit.mail_source import mail_conversations
from cscomm.audit.records import Conversation
from cscomm.audit.settings import AuditSettings
from cscomm.audit.table_source import table_conversations
from cscomm.errors import InputError

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv")


def check_sources(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """``(mail sources, exports)``; an input that is neither is an :class:`InputError`."""
    mail, tables = [], []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
            tables.append(path)
            continue
        try:
            readable = is_mail_source(path)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if not readable:
            raise InputError(f"{path}: not an mbox, Maildir, .eml folder or export (.jsonl, .ndjson, .csv)")
        mail.append(path)
    return mail, tables


def conversations(
    paths: Sequence[Path], settings: AuditSettings, work_dir: Path, warn: Callable[[str], None]
) -> Iterator[Conversation]:
    """Every conversation of ``paths``; ``work_dir`` holds the mail index while it is read."""
    mail, tables = check_sources(paths)
    try:
        if mail:
            yield from mail_conversations(mail, work_dir / "mail-index.sqlite", settings.mail, warn)
        for path in tables:
            yield from table_conversations(path, settings.mapping)
    except UnicodeDecodeError as exc:
        raise InputError(f"input is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{exc.filename or 'input'}: cannot read ({exc.strerror or exc})") from None
