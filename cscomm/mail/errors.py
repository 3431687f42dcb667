"""The error raised when a message holds no text to lint."""

from __future__ import annotations


class MailParseError(ValueError):
    """A message could not be read: it has no text body at all."""
