"""Parse every tests/fixtures/eml/*.eml and compare with its .expected.json sidecar.

The sidecar format is described in tests/fixtures/eml/README.md. The body is
split the way the document model will split it: at the first attribution line
found by `find_attribution`; quoted text is compared with its "> " marks removed
and its whitespace collapsed, so wrapped lines still match.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from cscomm.mail import find_attribution, looks_like_message, parse_message
from cscomm.mail.html_text import html_to_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eml"
MESSAGES = sorted(FIXTURES.glob("*.eml"))


@dataclass(frozen=True)
class Split:
    reply: str
    attribution: str | None
    quoted: str


def _collapse(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split()).lstrip("> ")


def split_body(body: str) -> Split:
    lines = body.split("\n")
    found = find_attribution(lines)
    if found is None:
        return Split(body, None, "")
    index, count = found
    quoted = " ".join(line.lstrip("> ") for line in lines[index + count :])
    return Split(
        "\n".join(lines[:index]),
        _collapse(lines[index : index + count]),
        " ".join(quoted.split()),
    )


def expected(path: Path) -> dict[str, Any]:
    sidecar = path.with_suffix(".expected.json")
    data: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
    return data


def check_text(body: str, signature: str, spec: dict[str, Any]) -> None:
    split = split_body(body)
    assert split.reply.startswith(spec["reply_startswith"]), split.reply[:80]
    for text in spec.get("reply_contains", []):
        assert text in split.reply
    for text in spec.get("reply_excludes", []):
        assert text not in split.reply
    assert split.attribution == spec["attribution"]
    for text in spec.get("quoted_contains", []):
        assert text in split.quoted
    for text in spec.get("quoted_excludes", []):
        assert text not in split.quoted
    for text in spec.get("body_contains", []):
        assert text in body
    for text in spec.get("signature_contains", []):
        assert text in signature


def test_fixture_set_is_complete() -> None:
    assert len(MESSAGES) >= 22
    sidecars = sorted(FIXTURES.glob("*.expected.json"))
    assert [p.name.removesuffix(".expected.json") for p in sidecars] == [p.stem for p in MESSAGES]


@pytest.mark.parametrize("path", MESSAGES, ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    spec = expected(path)
    data = path.read_bytes()
    assert looks_like_message(data)
    draft = parse_message(data)
    assert draft.subject == spec["subject"]
    assert draft.from_name == spec["from_name"]
    assert draft.from_addr == spec["from_addr"]
    assert [list(pair) for pair in draft.to] == spec["to"]
    assert draft.source_format == spec["source_format"]
    assert list(draft.attachments) == spec["attachments"]
    assert list(draft.charset_warnings) == spec["charset_warnings"]
    assert list(draft.warnings) == spec["warnings"]
    for name, value in spec.get("headers", {}).items():
        assert (name, value) in draft.headers
    assert "\r" not in draft.body
    if "body_equals" in spec:
        assert draft.body == spec["body_equals"]
    check_text(draft.body, draft.signature, spec)


HTML_CASES = [path for path in MESSAGES if "html" in expected(path)]


@pytest.mark.parametrize("path", HTML_CASES, ids=lambda p: p.stem)
def test_fixture_html_alternative(path: Path) -> None:
    """The text/html alternative of a fixture, converted on its own."""
    message = message_from_bytes(path.read_bytes(), policy=default)
    part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    converted = html_to_text(part.get_content())
    check_text(converted.body, converted.signature, expected(path)["html"])
