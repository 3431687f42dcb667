"""Property tests (hypothesis) for the library and the ``.eml`` reader.

For any draft, template or message: no exception (a message that cannot be read is an
``InputError``); every finding's span lies inside the text it was found in, its ``text``
is that text's slice, and its line and column are where the span starts and ends; the
report is valid JSON under ``cscomm/report.schema.json``.

The budget is fixed and the examples derandomized, so CI runs the same examples every
time, in well under a minute: :data:`DRAFTS`, :data:`TEMPLATES` and :data:`MESSAGES`
examples.
"""

from __future__ import annotations

import base64
import json
import quopri
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscomm import Linter
from cscomm.draft import Draft
from cscomm.errors import InputError
from cscomm.messages import draft_from_message, draft_from_source
from cscomm.report import FileReport, Report
from cscomm.sources import Source

DRAFTS = 300
TEMPLATES = 100
MESSAGES = 300
SCHEMA = json.loads((Path(__file__).parents[2] / "cscomm" / "report.schema.json").read_text(encoding="utf-8"))
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

PIECES = [
    "Hi Sam,",
    "Dear Mrs Lee,",
    "Thanks for your message.",
    "We recieved your order and it will ship on friday!!",
    "I CANNOT HELP WITH THAT",
    "Please send the receipt by Monday.",
    "As I already said, you failed to include the receipt.",
    "We guarantee it will never happen again.",
    "Kind regards,\nAna",
    "> When will my refund arrive? Why is it late?",
    "On Mon, 9 Mar 2026, Sam <sam@example.com> wrote:",
    "Hello {{first_name}}, see attached.",
    "[Customer Name], your card 4111 1111 1111 1111 is on file.",
    "Your password is hunter2 and the code is 482913.",
    "Read https://example.com/help?topic=refund#top for details.",
    "the the",
    "Olá Sam, obrigado pela mensagem.",
    "Xin chào anh, cảm ơn anh.",
    "Salamat po sa inyong mensahe.",
    "สวัสดีครับ ขอบคุณที่ติดต่อมา",
    "😊🚚 👍🏽",
    "ASAP FYI the RMA is pending.",
    "x" * 150,
    "MEMO\nTo: All staff\nSubject: Rota",
    "- one\n- two\n  * three",
    "e\u0301\u200b\ufeff\u202e",
]
SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "\r\n", "\r", "\t", "", "\n> "])
piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=30))
drafts = st.lists(st.tuples(piece, SEPARATORS), max_size=10).map(
    lambda parts: "".join(p + s for p, s in parts)
)
budget = settings(derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture(scope="module")
def linter() -> Linter:
    linter = Linter()
    linter.warm_up()
    return linter


def locate(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, breaking lines as cscomm does."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text, 0, offset)]
    return len(starts), offset - starts[-1] + 1


def check_report(report: FileReport, text: str) -> None:
    """The properties every report has, against the ``text`` its findings point into."""
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.text == text[finding.start : finding.end], finding
        assert (finding.line, finding.column) == locate(text, finding.start), finding
        assert (finding.end_line, finding.end_column) == locate(text, finding.end), finding
    document = json.loads(json.dumps(Report((report,)).to_dict()))
    jsonschema.validate(document, SCHEMA)


@settings(budget, max_examples=DRAFTS)
@given(draft=drafts, customer=st.none() | drafts)
def test_any_draft(linter: Linter, draft: str, customer: str | None) -> None:
    check_report(linter.check(draft, incoming=customer), draft)


@settings(budget, max_examples=TEMPLATES)
@given(body=drafts, markup=st.sampled_from(["md", "html"]))
def test_any_template_points_into_the_file_as_written(linter: Linter, body: str, markup: str) -> None:
    if markup == "md":
        text = f"# Reply\n\n{body}\n\n```\ncode {body[:20]}\n```\n<!-- cscomm-disable-next-line CT001 -->\n{body[-30:]}\n"
    else:
        text = f"<html><body><p>{body}</p><blockquote>{body[:40]}</blockquote><pre>{body[-20:]}</pre></body></html>"
    try:
        draft = draft_from_source(Source(text, f"macro.{markup}", text.encode()))
    except InputError:
        return
    [report] = linter.check_many([draft])
    check_report(report, text)


CHARSETS = [
    "utf-8",
    "iso-8859-1",
    "cp1252",
    "utf-16",
    "koi8-r",
    "shift_jis",
    "base64",
    "rot13",
    "x-unknown",
    "",
]
ENCODINGS = ["7bit", "8bit", "quoted-printable", "base64", "binary", "x-uuencode"]


def _encoded_word(text: str, charset: str) -> str:
    try:
        return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="
    except (LookupError, UnicodeError):
        return text


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    """An RFC 822 message: random headers, charset labels, transfer encodings, nesting."""
    charset = draw(st.sampled_from(CHARSETS))
    encoding = draw(st.sampled_from(ENCODINGS))
    text = draw(drafts)
    try:
        body = text.encode(charset or "utf-8")
    except (LookupError, UnicodeError):
        body = text.encode()
    if draw(st.booleans()):
        body = draw(st.binary(max_size=200)) + body
    if encoding == "quoted-printable":
        body = quopri.encodestring(body)
    elif encoding == "base64":
        body = base64.encodebytes(body)
    subject = _encoded_word(draw(st.text(max_size=20)), draw(st.sampled_from(CHARSETS)))
    part = (
        f"Content-Type: text/{draw(st.sampled_from(['plain', 'html']))}; charset={charset}\n"
        f"Content-Transfer-Encoding: {encoding}\n\n"
    ).encode() + body
    for depth in range(draw(st.integers(0, 3))):
        part = (
            (
                f"Content-Type: multipart/{draw(st.sampled_from(['mixed', 'alternative']))}; boundary=B{depth}\n\n"
                f"--B{depth}\n"
            ).encode()
            + part
            + f"\n--B{depth}--\n".encode()
        )
    head = f"From: Ana <ana@shop.example>\nTo: Sam <sam@example.com>\nSubject: {subject}\nMIME-Version: 1.0\n"
    if draw(st.booleans()):
        head += f"X-Cscomm-Ignore: {draw(st.sampled_from(['CT001', 'ALL', 'nope, ,', '']))}\n"
    return head.encode("utf-8", "surrogateescape") + part


@settings(budget, max_examples=MESSAGES)
@given(message=messages())
def test_any_message(linter: Linter, message: bytes) -> None:
    try:
        draft = draft_from_message(message, "reply.eml")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(draft, Draft)
    [report] = linter.check_many([draft])
    check_report(report, draft.text)
