"""Split a plain-text draft into its parts and find the quoted customer message.

The reply's own parts are the greeting, body paragraphs and closing; a signature,
memo header or letterhead, and any quoted earlier message are kept apart so that
style rules never read them. The quoted message, without its ``>`` marks, becomes
the customer's message for the conversation checks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cscomm.document import DocKind, Document, Envelope, MappedText, Part, PartKind, Span, count_words
from cscomm.language_packs import KEYS, all_forms
from cscomm.limits import not_prose
from cscomm.quote_headers import is_attribution

_QUOTE_MARK = re.compile(r"[ \t]*>[ \t]?")
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Forwarded message|Mensagem original|Mensaje original)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_UNDERSCORE_RULE = re.compile(r"^\s*_{8,}\s*$")
_OUTLOOK_FROM = re.compile(r"^\s*(?:From|De|Von):\s+\S", re.IGNORECASE)
_OUTLOOK_SENT = re.compile(r"^\s*(?:Sent|Date|Enviado|Enviada|Gesendet|Envoyé):\s+\S", re.IGNORECASE)
_MAIL_HEADER = re.compile(r"^\s*(?:From|Sent|Date|To|Cc|Bcc|Subject|Reply-To|Importance)\s*:", re.IGNORECASE)
_SUBJECT_HEADER = re.compile(r"^\s*(?:Subject|Re|Subj)\s*:\s*(?P<value>.*\S)?\s*$", re.IGNORECASE)
_OTHER_LANGUAGES = {key: "".join(f"|{form}" for form in all_forms(key)) for key in KEYS}
"""The courtesy forms of the language packs (``rules/<lang>/language.yml``), as alternatives."""
_MEMO_HEADER = re.compile(
    r"^\s*(?:To|From|Date|Subject|Re|CC|Bcc|Attn|Ref|Reference|Purpose|Department|Dept"
    rf"{_OTHER_LANGUAGES['memo-headers']})\s*:",
    re.IGNORECASE,
)


def is_header_field(line: str) -> bool:
    """A header line of a message or memo, in English or a pack's language ("Subject:",
    "Assunto:", "เรื่อง:")."""
    return _MEMO_HEADER.match(line) is not None


_DOCUMENT_NUMBER = r"(?:\s+(?:[^\W\d]{1,6}\.?\s*)?[#nº°]?\s*\d[\w./-]*)?"
"""A memo's number after its title: "No. 12", "#45", "nº 014/2026", "số 12/TB", "Blg. 5"."""
_MEMO_TITLE = re.compile(
    rf"^\s*(?:(?:INTERNAL\s+)?(?:MEMO|MEMORANDUM){_OTHER_LANGUAGES['memo-titles']}){_DOCUMENT_NUMBER}\s*$",
    re.IGNORECASE,
)
_NAME_WORD = r"(?-i:[A-ZÀ-ÖØ-ÞĐ\u1EA0-\u1EF8][^\s,]*)"
"""A capitalised word of a name (Vietnamese capitals too: "Đặng", "Ánh")."""
_SALUTATION = re.compile(
    r"^\s*(?P<greeting>(?:hi|hello|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening|day)"
    r"|morning|afternoon|evening|to\s+whom\s+it\s+may\s+concern"
    rf"{_OTHER_LANGUAGES['salutations']})\b"
    r"(?:[^\n,:!.?]|\b[A-Z][a-z]{0,3}\.){0,60}?"  # a title's full stop: "Mrs.", "Sra.", "Gng."
    r"(?:[,:!]|(?=\s*$))"
    # or the reader's title and name alone on the line: "Mrs Tallis,", "Gng. Valdez,"
    rf"|(?:mr|mrs|ms|miss|mx|dr|prof{_OTHER_LANGUAGES['titles']})\.?\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}},(?=\s*$))",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(?P<closing>(?:"
    r"(?:(?:with\s+)?(?:kind(?:est)?|best|warm(?:est)?|many)\s+|with\s+)?"
    r"(?:regards|wishes|thanks|thank\s+you)(?:\s+again)?"
    r"|yours(?:\s+(?:sincerely|faithfully|truly))?"
    r"|(?:very\s+)?(?:sincerely|truly)(?:\s+yours)?"
    r"|best|cheers|take\s+care|all\s+the\s+best|respectfully|cordially|speak\s+soon|talk\s+soon"
    rf"{_OTHER_LANGUAGES['sign-offs']}"
    r")(?:\s*,|\s*(?:[!.]|\./\.)(?=\s*$))?)"  # "./.": how Vietnamese letters end
    r"\s*(?P<name>(?-i:[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}))?\s*$",
    re.IGNORECASE,
)
_DAY = re.compile(r"\b\d{1,2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SIGN_OFF_WORDS = 9
_SIGNATURE_WORDS = 10
_SIGNATURE_CHARS = 60
_COMPANY_SUFFIX = re.compile(r"\b(?:Inc|Ltd|Corp|Co|LLC|Pty|Bhd|Jr|Sr)\.$")
"""An abbreviation that ends a company or person's name, not a sentence ("PadalaExpress, Inc.")."""
_EXCLAIMED_SIGN_OFF_WORDS = 4
_SIG_DASHES = re.compile(r"^--\s?$")
_CLOSING_LINES = 8
"""How many of the reply's last lines may hold its sign-off, signature and notations."""
_LINK = re.compile(r"(?:https?://|www\.|mailto:)\S++|(?<!\S)[^\s@]++@\S++")
_LONGEST_SIGNATURE = 20
"""How many lines a run of signature lines below the sign-off may take (links, addresses)."""
_END_NOTE = re.compile(
    rf"^\s*(?:enclosures?|encl|enc|attachments?|attached|cc|c\.c|bcc{_OTHER_LANGUAGES['end-notes']})\s*[.:]",
    re.IGNORECASE,
)
"""A letter's notation below the signature: what is enclosed, who gets a copy."""
_POSTSCRIPT = re.compile(r"^\s*(?:P\.?\s?(?:P\.?\s?)?S\b\.?|ป\.?ล\.)", re.IGNORECASE)
"""A postscript below the signature ("P.S.", "PS:", "P.P.S.", Thai "ป.ล."): more of the
writer's own prose, after the sign-off."""
_CASUAL_OPEN = re.compile(r"^\s*(?:hi|hey|hiya|hello)\b", re.IGNORECASE)
_LETTER_CLOSE = re.compile(r"^\s*(?:yours\s+(?:sincerely|faithfully|truly)|sincerely)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # before the line break
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def words(self) -> int:
        return count_words(self.text)


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if match.start() == len(text) and match.end() == len(text) and lines:
            break
        body = match.group().rstrip("\r\n")
        lines.append(_Line(match.start(), match.start() + len(body), body))
        pos = match.end()
        if pos >= len(text):
            break
    return lines


def parse(
    text: str,
    *,
    path: str | None = None,
    kind: DocKind | None = None,
    incoming: str | None = None,
    envelope: Envelope | None = None,
) -> Document:
    """Parse ``text`` into a :class:`Document`.

    ``kind`` overrides the detected profile; ``incoming`` is the customer's message
    when it is given separately instead of quoted in the draft.
    """
    lines = _split_lines(text)
    quoted, tail = _find_quoted(lines)
    labels: dict[int, PartKind] = {i: PartKind.QUOTED for i in quoted}
    for i in range(tail, len(lines)):
        labels[i] = PartKind.QUOTED
    reply = [i for i in range(tail) if i not in quoted]
    subject, is_memo = _label_header(lines, reply, labels)
    greeting_line = _label_greeting(lines, reply, labels)
    closing_line = _label_closing(lines, reply, labels)
    holes = not_prose(text)
    parts = _without(_build_parts(lines, labels, greeting_line, closing_line), holes, text)
    detected = _detect_kind(lines, labels, is_memo, closing_line)
    customer = _incoming(incoming) if incoming is not None else _customer_text(lines, quoted, tail)
    return Document(
        text=text,
        kind=kind or detected,
        parts=parts,
        path=path,
        customer=customer,
        subject=subject or (envelope.subject if envelope else ""),
        envelope=envelope,
        skipped=holes,
    )


def _find_quoted(lines: list[_Line]) -> tuple[set[int], int]:
    """Indices of quoted lines, and where an unprefixed quoted tail starts."""
    quoted: set[int] = set()
    prose = 0
    for i, line in enumerate(lines):
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if _ORIGINAL_MESSAGE.match(line.text) or _UNDERSCORE_RULE.match(line.text):
            return quoted, i
        if (_QUOTE_MARK.match(line.text) and line.text.lstrip().startswith(">")) or is_attribution(line.text):
            quoted.add(i)
        elif nxt.strip() and not is_attribution(nxt) and is_attribution(f"{line.text}\n{nxt}"):
            quoted.update((i, i + 1))
        elif (
            prose >= 2
            and _OUTLOOK_FROM.match(line.text)
            and any(_OUTLOOK_SENT.match(n.text) for n in lines[i + 1 : i + 4])
        ):
            return quoted, i
        elif not line.blank and not _MEMO_HEADER.match(line.text) and i not in quoted:
            prose += 1
    return quoted, len(lines)


def _label_header(lines: list[_Line], reply: list[int], labels: dict[int, PartKind]) -> tuple[str, bool]:
    """Label memo headers, a subject line and a letterhead; return (subject, is_memo)."""
    subject, header_keys, memo_title = "", 0, False
    leading = [i for i in reply if not lines[i].blank]
    for n, i in enumerate(leading):
        text = lines[i].text
        if _MEMO_TITLE.match(text):
            memo_title = True
        elif _MEMO_HEADER.match(text):
            header_keys += 1
            match = _SUBJECT_HEADER.match(text)
            if match and match.group("value"):
                subject = match.group("value")
        elif not (n < _LETTERHEAD_LINES and _memo_follows(lines, leading[n + 1 : _LETTERHEAD_LINES + 1])):
            break
        labels[i] = PartKind.SUBJECT if _SUBJECT_HEADER.match(text) else PartKind.HEADER
    salutation = next((i for i in leading[:20] if _SALUTATION.match(lines[i].text)), None)
    before = [i for i in leading if salutation is not None and i < salutation and i not in labels]
    dated = len(before) == 1 and _is_date_line(lines[before[0]].text)
    if len(before) >= 2 or dated:  # a letterhead, address block or date line above the salutation
        for i in before:
            labels[i] = PartKind.HEADER
    return subject, memo_title or header_keys >= 2


_LETTERHEAD_LINES = 2
"""Lines of letterhead (the organisation's name) a memo's title may stand under."""


def _memo_follows(lines: list[_Line], following: list[int]) -> bool:
    """A memo title among the next lines: what stands above it is the letterhead."""
    return any(_MEMO_TITLE.match(lines[i].text) for i in following)


def _label_greeting(lines: list[_Line], reply: list[int], labels: dict[int, PartKind]) -> int | None:
    first = next((i for i in reply if not lines[i].blank and i not in labels), None)
    if first is None or not _SALUTATION.match(lines[first].text):
        return None
    labels[first] = PartKind.GREETING
    return first


def _label_closing(lines: list[_Line], reply: list[int], labels: dict[int, PartKind]) -> int | None:
    """Label the sign-off line and the signature below it; return the sign-off line."""
    free = [i for i in reply if i not in labels]
    dashes = next((i for i in free if _SIG_DASHES.match(lines[i].text)), None)
    if dashes is not None:
        for i in free:
            if i >= dashes:
                labels[i] = PartKind.SIGNATURE
        free = [i for i in free if i < dashes]
    content = [i for i in free if not lines[i].blank]
    postscript = next((n for n, i in enumerate(content) if _POSTSCRIPT.match(lines[i].text)), None)
    if postscript:  # signed above it; the postscript stays the writer's prose
        closing = _sign_off_above_signature(lines, content[:postscript], labels)
        if closing is not None:
            return closing
    tail = range(max(0, len(content) - _CLOSING_LINES), len(content))
    notes = next((pos for pos in tail if _END_NOTE.match(lines[content[pos]].text)), None)
    for signed in [content[:notes], content] if notes else [content]:
        closing = _sign_off_above_signature(lines, signed, labels)
        if closing is not None:
            for i in content[len(signed) :]:  # the notations ("Enclosures: …") end the signature
                labels[i] = PartKind.SIGNATURE
            return closing
    _label_bare_signature(lines, free, labels)
    return None


def _sign_off_above_signature(
    lines: list[_Line], content: list[int], labels: dict[int, PartKind]
) -> int | None:
    """Label a sign-off among the last lines of ``content`` with only signature lines below
    it; return the sign-off line. Above a longer run of signature lines (an address, a
    line per link) only a sign-off phrase ("Best wishes,") is taken."""
    run = next((n for n, i in enumerate(reversed(content)) if not _is_signature_line(lines[i])), len(content))
    top = max(0, len(content) - run - 1)  # the highest line with only signature lines below it
    near = range(max(top, len(content) - _CLOSING_LINES), len(content))
    far = range(max(top, len(content) - _LONGEST_SIGNATURE), max(top, len(content) - _CLOSING_LINES))
    candidates = [(pos, False) for pos in near] + [(pos, True) for pos in far]
    for pos, phrase_only in candidates:
        i = content[pos]
        after = content[pos + 1 :]
        if _SIGN_OFF.match(lines[i].text) if phrase_only else _is_sign_off(lines[i], bool(after)):
            labels[i] = PartKind.CLOSING
            for j in after:
                labels[j] = PartKind.SIGNATURE
            return i
    return None


def sign_off_start(text: str) -> int | None:
    """Where the sign-off line of a message ("Kind regards,", "Speak soon, Jo") starts."""
    lines = _split_lines(text)
    line = _label_closing(lines, list(range(len(lines))), {})
    return None if line is None else lines[line].start


def _is_sign_off(line: _Line, name_below: bool) -> bool:
    """A sign-off phrase ("Kind regards,"), any short line ending in a comma ("Thanks for
    your patience with us,"), or a short exclamation right above the name ("Happy building!")."""
    if _SIGN_OFF.match(line.text):
        return True
    text = line.text.strip()
    if _SALUTATION.match(text):
        return False
    if text.endswith(","):
        return 1 <= line.words <= _SIGN_OFF_WORDS
    return name_below and text.endswith("!") and 1 <= line.words <= _EXCLAIMED_SIGN_OFF_WORDS


def _is_signature_line(line: _Line) -> bool:
    """A short line with no sentence ending: a name, a role, a company. Short by words, or
    by characters for languages whose words are syllables or unspaced (Vietnamese, Thai)."""
    text = _COMPANY_SUFFIX.sub("", line.text.strip())
    plain = _LINK.sub("link", text)  # a link or address is one item, however long
    short = count_words(plain) <= _SIGNATURE_WORDS or _letters(plain) <= _SIGNATURE_CHARS
    return short and not re.search(r"[a-z]{2}[.?!]$", text)


def _letters(text: str) -> int:
    """The length of ``text`` as it is seen: Thai vowel and tone marks, written above or below
    a consonant, take no room of their own."""
    return sum(unicodedata.category(c) != "Mn" for c in text)


def _label_bare_signature(lines: list[_Line], free: list[int], labels: dict[int, PartKind]) -> None:
    """With no sign-off, a last paragraph of short unpunctuated lines is a signature (a line
    in capitals, a department's name in a letter's signature, may be longer)."""
    block: list[int] = []
    for i in reversed(free):
        if lines[i].blank:
            if block:
                break
            continue
        block.append(i)
    first = min(block, default=-1)
    has_prose_before = any(not lines[i].blank for i in free if i < first)
    if (
        block
        and has_prose_before
        and len(block) <= 5
        and all(
            (lines[i].words <= 6 or lines[i].text.isupper())
            and not re.search(r"[.?!:;,]$", lines[i].text.strip())
            for i in block
        )
    ):
        for i in block:
            labels[i] = PartKind.SIGNATURE


def _build_parts(
    lines: list[_Line], labels: dict[int, PartKind], greeting_line: int | None, closing_line: int | None
) -> tuple[Part, ...]:
    """Group labelled lines into parts; unlabelled non-blank lines form body paragraphs."""
    parts: list[Part] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            parts.append(Part(PartKind.BODY, Span(lines[current[0]].start, lines[current[-1]].end)))
            current.clear()

    for i, line in enumerate(lines):
        kind = labels.get(i)
        if kind is None:
            if line.blank:
                flush()
            else:
                current.append(i)
            continue
        flush()
        if i == greeting_line:
            parts.extend(_split_greeting(line))
        elif i == closing_line:
            parts.extend(_split_closing(line))
        elif not line.blank:
            parts.append(Part(kind, Span(line.start + _indent(line.text), line.end)))
    flush()
    return tuple(_merge_adjacent(parts))


def _is_date_line(text: str) -> bool:
    """A line with a day and a year: "São Paulo, 3 de março de 2026", "12 March 2026"."""
    return _DAY.search(text) is not None and _YEAR.search(text) is not None


def _without(parts: tuple[Part, ...], holes: tuple[Span, ...], text: str) -> tuple[Part, ...]:
    """``parts`` less the ``holes`` (both sorted): a part with a hole in it splits in two,
    and what is left blank of it is dropped."""
    if not holes:
        return parts
    kept: list[Part] = []
    first = 0
    for part in parts:
        start = part.span.start
        while first < len(holes) and holes[first].end <= start:
            first += 1
        index = first
        while index < len(holes) and holes[index].start < part.span.end:
            kept.append(Part(part.kind, Span(start, holes[index].start)))
            start = max(start, holes[index].end)
            index += 1
        kept.append(Part(part.kind, Span(start, part.span.end)))
    return tuple(p for p in kept if text[p.span.start : p.span.end].strip())


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _split_greeting(line: _Line) -> list[Part]:
    """'Hi Tom, thanks for writing.' → greeting 'Hi Tom,' and a body part."""
    match = _SALUTATION.match(line.text)
    assert match is not None
    start = line.start + match.start("greeting")
    end = line.start + match.end("greeting")
    parts = [Part(PartKind.GREETING, Span(start, end))]
    rest = line.text[match.end("greeting") :]
    if rest.strip():
        offset = line.start + match.end("greeting") + _indent(rest)
        parts.append(Part(PartKind.BODY, Span(offset, line.end)))
    return parts


def _split_closing(line: _Line) -> list[Part]:
    """'Best, Ana' → closing 'Best,' and signature 'Ana'."""
    match = _SIGN_OFF.match(line.text)
    if match is None or not match.group("name"):
        return [Part(PartKind.CLOSING, Span(line.start + _indent(line.text), line.end))]
    return [
        Part(PartKind.CLOSING, Span(line.start + match.start("closing"), line.start + match.end("closing"))),
        Part(PartKind.SIGNATURE, Span(line.start + match.start("name"), line.end)),
    ]


def _merge_adjacent(parts: list[Part]) -> list[Part]:
    """Join consecutive quoted/signature/header lines into one part each."""
    merged: list[Part] = []
    for part in parts:
        if (
            merged
            and part.kind in (PartKind.QUOTED, PartKind.SIGNATURE, PartKind.HEADER)
            and merged[-1].kind is part.kind
        ):
            merged[-1] = Part(part.kind, Span(merged[-1].span.start, part.span.end))
        else:
            merged.append(part)
    return merged


def _detect_kind(
    lines: list[_Line], labels: dict[int, PartKind], is_memo: bool, closing_line: int | None
) -> DocKind:
    if is_memo:
        return DocKind.MEMO
    letterhead = sum(1 for i, k in labels.items() if k is PartKind.HEADER)
    formal_close = closing_line is not None and _LETTER_CLOSE.match(lines[closing_line].text)
    greetings = [lines[i].text for i, k in labels.items() if k is PartKind.GREETING]
    casual_open = bool(greetings) and _CASUAL_OPEN.match(greetings[0])
    # "Hi Sam, … Sincerely," is an email that signs off formally, not a letter
    if letterhead >= 3 or (formal_close and not casual_open):
        return DocKind.LETTER
    return DocKind.EMAIL


def _incoming(incoming: str) -> MappedText:
    """The customer's message given on its own. Pasted as a mail client quotes it ("On …,
    Sam wrote:", then "> " lines), it is the customer's words without the quote marks."""
    lines = _split_lines(incoming)
    first = next((line for line in lines if line.text.strip()), None)
    if first is not None and (is_attribution(first.text) or first.text.lstrip().startswith(">")):
        quoted, tail = _find_quoted(lines)
        unquoted = _customer_text(lines, quoted, tail)
        if unquoted is not None:
            return MappedText(unquoted.text)
    return MappedText(incoming)


def _customer_text(lines: list[_Line], quoted: set[int], tail: int) -> MappedText | None:
    """The customer's own words from the quote, without marks, headers or nested quotes."""
    pieces: list[tuple[int, str]] = []  # (file offset, text) per kept line
    nested = False
    for i in sorted(quoted):
        line = lines[i]
        mark = _QUOTE_MARK.match(line.text)
        if mark is None or not line.text.lstrip().startswith(">"):
            continue  # an attribution line
        inner = line.text[mark.end() :]
        if inner.lstrip().startswith(">") or is_attribution(inner):
            nested = nested or is_attribution(inner)
            continue
        if nested:
            continue
        pieces.append((line.start + mark.end(), inner))
    pieces.extend(_tail_pieces(lines, tail))
    if not any(text.strip() for _, text in pieces):
        return None
    return _join(pieces)


def _tail_pieces(lines: list[_Line], tail: int) -> list[tuple[int, str]]:
    """Lines of an Outlook-style unprefixed quote: headers dropped, subject kept."""
    pieces: list[tuple[int, str]] = []
    in_headers = True
    for line in lines[tail + 1 :]:
        text = line.text
        if text.lstrip().startswith(">") or is_attribution(text):
            break  # an earlier message nested in the customer's
        if in_headers:
            if _MAIL_HEADER.match(text):
                subject = _SUBJECT_HEADER.match(text)
                if subject and subject.group("value"):
                    value = subject.group("value")
                    pieces.append((line.start + text.index(value), value))
                continue
            if line.blank:
                continue
            in_headers = False
        if _ORIGINAL_MESSAGE.match(text) or _UNDERSCORE_RULE.match(text):
            break
        pieces.append((line.start, text))
    return pieces


def _join(pieces: list[tuple[int, str]]) -> MappedText:
    chars: list[str] = []
    offsets: list[int] = []
    for start, text in pieces:
        if chars:
            chars.append("\n")
            offsets.append(max(start - 1, 0))
        chars.extend(text)
        offsets.extend(range(start, start + len(text)))
    return MappedText("".join(chars), tuple(offsets))
