"""Write fixes of a message's checked body back into the message (``check --fix`` on a .eml).

Only the text/plain parts the fixes touch are re-encoded, each with its own charset and
transfer encoding; the headers, the other parts and the boundaries keep their bytes. A
format=flowed part keeps its line breaks: an edit lands in the line it came from. A
message with an HTML body is not rewritten (its HTML would keep the mistakes), nor is a
fix that cannot be written in its part (it crosses a flowed line break, or needs a
character its charset or 7bit encoding lacks). The result is read back and must give the
fixed body, or nothing is written.
"""

from __future__ import annotations

import base64
import email.quoprimime
from collections.abc import Sequence
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from itertools import pairwise

from cscomm.fixes import Edit, Fix, apply_edits
from cscomm.mail.charsets import decode_bytes
from cscomm.mail.flowed import unflow
from cscomm.mail.parser import parse_message
from cscomm.mail.structure import analyse

_AS_IS = ("7bit", "8bit", "binary")
_ENCODINGS = (*_AS_IS, "quoted-printable", "base64")

_Char = tuple[str, int, int]
"""A character of the checked body and the span of the decoded part it comes from
(``(-1, -1)``: a quote mark or line break the flowed reader wrote itself)."""
_MADE = (-1, -1)


class NotWritable(ValueError):
    """The message cannot take any of the fixes."""


@dataclass(frozen=True, slots=True)
class Rewritten:
    """The new message, the fixes written into it, and why the others were not."""

    data: bytes
    applied: tuple[Fix, ...]
    skipped: str = ""


@dataclass(frozen=True, slots=True)
class _Part:
    part: EmailMessage
    encoding: str
    decoded: str
    codec: str
    chars: list[_Char]

    @property
    def text(self) -> str:
        return "".join(c for c, _, _ in self.chars)

    def edit(self, start: int, end: int, content: str) -> Edit | str:
        """The edit of ``text[start:end]`` in the decoded part, or why it cannot be made."""
        span = _decoded_span(self.chars, start, end)
        if span is None:
            return "an edit crosses a line break the message wraps"
        if "\r\n" in self.decoded:
            content = content.replace("\n", "\r\n")
        try:
            encoded = content.encode(self.codec)
        except UnicodeEncodeError:
            return f"a fix needs a character that {self.codec} lacks"
        if self.encoding == "7bit" and not encoded.isascii():
            return "a fix needs 8-bit text in a 7bit part"
        return Edit(span[0], span[1], content)


def rewrite_body(data: bytes, body: str, fixes: Sequence[Fix]) -> Rewritten:
    """``data`` with ``fixes`` (edits of the checked ``body``) written into its text parts.

    Raises:
        NotWritable: the message has an HTML body, or its body cannot be found again.
    """
    message = message_from_bytes(data, policy=default)
    structure = analyse(message)
    if structure.html:
        raise NotWritable("it has an HTML body, which would keep the mistakes")
    parts = [_read(p) for p in structure.plain]
    texts = [p.text for p in parts]
    if not "\n".join(texts).startswith(body):
        raise NotWritable("its body could not be matched to its MIME parts")
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    edits: dict[int, list[Edit]] = {}
    applied: list[Fix] = []
    skipped = ""
    for fix in fixes:
        mapped = [_mapped(parts, starts, edit) for edit in fix.edits]
        problem = next((m for m in mapped if isinstance(m, str)), None)
        if problem is not None:
            skipped = skipped or problem
            continue
        for index, edit in (m for m in mapped if not isinstance(m, str)):
            edits.setdefault(index, []).append(edit)
        applied.append(fix)
    new = _spliced(data, message, {id(parts[i].part): (parts[i], e) for i, e in edits.items()})
    expected = apply_edits("\n".join(texts), [e for fix in applied for e in fix.edits])
    if parse_message(new).body != expected:
        raise NotWritable("the rewritten message would not read back as the fixed text")
    return Rewritten(new, tuple(applied), skipped)


def _mapped(parts: list[_Part], starts: list[int], edit: Edit) -> tuple[int, Edit] | str:
    for index, (part, start) in enumerate(zip(parts, starts, strict=True)):
        if start <= edit.start and edit.end <= start + len(part.text):
            made = part.edit(edit.start - start, edit.end - start, edit.content)
            return made if isinstance(made, str) else (index, made)
    return "an edit joins two parts of the message"


def _read(part: EmailMessage) -> _Part:
    """A text/plain part decoded as :mod:`cscomm.mail.parser` reads it, each character
    traced back to the decoded payload."""
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    if encoding not in _ENCODINGS:
        raise NotWritable(f"a text part has the transfer encoding {encoding!r}")
    payload = part.get_payload(decode=True)
    decoded = decode_bytes(payload if isinstance(payload, bytes) else b"", part.get_content_charset(), "")
    if not decoded.exact:
        raise NotWritable("a text part holds bytes that are not valid in its charset")
    chars: list[_Char] = []
    for i, c in enumerate(decoded.text):
        if c == "\n" and i and decoded.text[i - 1] == "\r":  # CRLF: one line break
            chars[-1] = ("\n", chars[-1][1], i + 1)
        else:
            chars.append(("\n" if c == "\r" else c, i, i + 1))
    if chars and chars[0][0] == "\ufeff":
        chars = chars[1:]
    if str(part.get_param("format", "")).lower() == "flowed":
        delsp = str(part.get_param("delsp", "")).lower() == "yes"
        plain = "".join(c for c, _, _ in chars)
        chars = _unflowed(chars, delsp)
        if "".join(c for c, _, _ in chars) != unflow(plain, delsp):
            raise NotWritable("its format=flowed text could not be traced")
    return _Part(part, encoding, decoded.text, decoded.codec, chars)


def _unflowed(chars: list[_Char], delsp: bool) -> list[_Char]:
    """:func:`cscomm.mail.flowed.unflow` over traced characters."""
    lines: list[list[_Char]] = [[]]
    for char in chars:
        if char[0] == "\n":
            lines.append([])
        else:
            lines[-1].append(char)
    out: list[list[_Char]] = []
    pending: tuple[int, list[_Char]] | None = None
    for line in lines:
        depth = next((i for i, c in enumerate(line) if c[0] != ">"), len(line))
        content = line[depth:]
        if content and content[0][0] == " ":
            content = content[1:]
        text = "".join(c for c, _, _ in content)
        soft = text.endswith(" ") and text != "-- "
        if soft and delsp:
            content = content[:-1]
        if pending is not None and pending[0] == depth:
            content = pending[1] + content
        elif pending is not None:
            out.append(_render(*pending))
        pending = (depth, content) if soft else None
        if not soft:
            out.append(_render(depth, content))
    if pending is not None:
        out.append(_render(*pending))
    joined: list[_Char] = []
    for i, line in enumerate(out):
        joined += [("\n", *_MADE)] * (i > 0) + line
    return joined


def _render(depth: int, content: list[_Char]) -> list[_Char]:
    if not depth:
        return content
    marks = [(">", *_MADE)] * depth
    return [*marks, (" ", *_MADE), *content] if content else marks


def _decoded_span(chars: list[_Char], start: int, end: int) -> tuple[int, int] | None:
    """The span of the decoded part that ``chars[start:end]`` come from, if they come
    from one run of it (an insertion goes right after the character before it)."""
    if start == end:
        near = chars[start - 1][2] if start > 0 else chars[0][1] if chars else 0
        return (near, near) if near >= 0 else None
    span = chars[start:end]
    if any(c[1] < 0 for c in span) or any(a[2] != b[1] for a, b in pairwise(span)):
        return None
    return span[0][1], span[-1][2]


def _spliced(data: bytes, message: EmailMessage, changes: dict[int, tuple[_Part, list[Edit]]]) -> bytes:
    """``data`` with the payload of each changed part replaced by its re-encoded text."""
    cursor = 0
    pieces: list[bytes] = []
    for leaf in message.walk():
        if leaf.is_multipart():
            continue
        raw = _payload_bytes(leaf)
        at = _find_payload(data, raw, cursor) if raw else -1
        if id(leaf) in changes:
            if at < 0:
                raise NotWritable("a text part could not be found in the message")
            part, edits = changes[id(leaf)]
            pieces += [data[cursor:at], _encoded(part, apply_edits(part.decoded, edits), raw)]
            cursor = at + len(raw)
        elif at >= 0:
            pieces.append(data[cursor : at + len(raw)])
            cursor = at + len(raw)
    pieces.append(data[cursor:])
    return b"".join(pieces)


def _payload_bytes(part: EmailMessage) -> bytes:
    """The part's payload as it is written in the message."""
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    if encoding in ("quoted-printable", "base64"):
        payload = part.get_payload()
        return payload.encode("ascii", "surrogateescape") if isinstance(payload, str) else b""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _find_payload(data: bytes, raw: bytes, cursor: int) -> int:
    """Where ``raw`` starts after ``cursor``, right after the blank line that ends a header."""
    at = data.find(raw, cursor)
    while at >= 0 and not data[max(0, at - 3) : at].endswith((b"\n\n", b"\n\r\n")):
        at = data.find(raw, at + 1)
    return at


def _encoded(part: _Part, text: str, old: bytes) -> bytes:
    """``text`` in the part's charset and transfer encoding, ending as the old payload did."""
    data = text.encode(part.codec)
    if part.encoding in _AS_IS:
        return data
    eol = "\r\n" if b"\r\n" in old else "\n"
    if part.encoding == "quoted-printable":
        encoded = email.quoprimime.body_encode(data.decode("latin-1"), 76, eol)
    else:
        encoded = base64.encodebytes(data).decode("ascii").replace("\n", eol)
    encoded = encoded.rstrip("\r\n") + (eol if old.endswith(b"\n") else "")
    return encoded.encode("ascii")
