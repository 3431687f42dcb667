"""Conversations from mail: agent replies paired with the customer messages they answer.

Every mail source of an audit is indexed together (replies kept in a Sent mbox find the
customer's messages in an Inbox Maildir), then each agent reply is read with cscomm's
message parser. The customer's message is their own text: what their message quotes of
earlier mail is cut.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from cscomm.audit.mail_files import locate
from cscomm.audit.records import Conversation
from cscomm.audit.threads import Indexed, MailIndex, MailOptions
from cscomm.mail import MailParseError, parse_message
from cscomm.quote_headers import find_attribution

logger = logging.getLogger(__name__)


def mail_conversations(
    paths: Sequence[Path], index_path: Path, options: MailOptions, warn: Callable[[str], None]
) -> Iterator[Conversation]:
    """The conversations of the mail sources ``paths``, indexed in ``index_path``."""
    index = MailIndex(index_path, options)
    try:
        for path in paths:
            for location in locate(path):
                index.add(location)
        index.build_threads()
        for reply, customer in index.pairs():
            conversation = _conversation(reply, customer, warn)
            if conversation is not None:
                yield conversation
    finally:
        index.close()
        index_path.unlink(missing_ok=True)


def _conversation(
    reply: Indexed, customer: Indexed | None, warn: Callable[[str], None]
) -> Conversation | None:
    try:
        draft = parse_message(reply.location.read())
    except MailParseError as exc:
        warn(f"{reply.location.path}: reply {reply.msgid} skipped: {exc}")
        return None
    customer_text = None
    if customer is not None:
        try:
            customer_text = own_text(parse_message(customer.location.read()).body)
        except MailParseError as exc:
            logger.debug("customer message %s unreadable: %s", customer.msgid, exc)
    return Conversation(
        reply_id=reply.msgid,
        reply=draft.body,
        customer=customer_text,
        agent=reply.sender,
        team=reply.team,
        channel="email",
        ticket_id=reply.ticket or reply.root_msgid,
        date=reply.date,
        macro=reply.macro,
        subject=draft.subject,
        recipients=draft.to,
        attachments=draft.attachments,
    )


def own_text(body: str) -> str:
    """A message's own words: ``body`` up to its first quoted line or attribution."""
    lines = body.split("\n")
    end = len(lines)
    found = find_attribution(lines)
    if found is not None:
        end = found[0]
    for number, line in enumerate(lines[:end]):
        if line.startswith(">"):
            end = number
            break
    return "\n".join(lines[:end]).strip() + "\n"
