"""POST /v1/check with fixes: each finding's fix for an "apply" button, and ``fix`` for all."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import jsonschema

from cscomm.mail import parse_message

from .conftest import Client

ROOT = Path(__file__).resolve().parents[2]
REPORT_SCHEMA = json.loads((ROOT / "cscomm" / "report.schema.json").read_text(encoding="utf-8"))
DRAFT = "Hi Sam,\n\nThanks for writing. We will recieve the the parcel today.\n\nBest regards,\nAna\n"
FIXED = "Hi Sam,\n\nThanks for writing. We will receive the parcel today.\n\nBest regards,\nAna\n"


def apply(text: str, edit: dict[str, Any]) -> str:
    """What an add-in does with an edit: replace its line:column span (code points)."""
    lines = text.splitlines(keepends=True)
    start = sum(map(len, lines[: edit["line"] - 1])) + edit["column"] - 1
    end = sum(map(len, lines[: edit["end_line"] - 1])) + edit["end_column"] - 1
    return text[:start] + edit["content"] + text[end:]


def test_each_finding_carries_the_fix_an_add_in_can_apply(client: Client) -> None:
    report = client.post("/v1/check", {"draft": DRAFT}).json()
    jsonschema.validate(report, REPORT_SCHEMA)
    fixes = {f["text"]: f["fix"] for f in report["files"][0]["findings"]}
    assert fixes["recieve"]["applicability"] == "safe"
    assert fixes["recieve"]["message"] == "Replace “recieve” with “receive”"
    (edit,) = fixes["recieve"]["edits"]
    assert apply(DRAFT, edit) == DRAFT.replace("recieve", "receive")


def test_fix_answers_the_fixed_draft_and_what_remains(client: Client) -> None:
    reply = client.post("/v1/check", {"draft": DRAFT, "fix": "safe"})
    assert reply.status == 200
    report = reply.json()
    jsonschema.validate(report, REPORT_SCHEMA)
    file = report["files"][0]
    assert file["fixed"] == {"text": FIXED, "count": 2}
    assert not any(f["text"] in ("recieve", "the the") for f in file["findings"])


def test_unsafe_fixes_are_asked_for(client: Client) -> None:
    draft = DRAFT.replace("today", "or you may loose your booking")
    assert (
        "loose"
        in client.post("/v1/check", {"draft": draft, "fix": "safe"}).json()["files"][0]["fixed"]["text"]
    )
    fixed = client.post("/v1/check", {"draft": draft, "fix": "unsafe"}).json()["files"][0]["fixed"]["text"]
    assert "you may lose your booking" in fixed


def test_fix_of_a_raw_message_answers_the_message(client: Client) -> None:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "ana@example.com", "sam@example.com", "Re: recieve"
    mail.set_content(DRAFT, cte="quoted-printable")
    raw = mail.as_string()
    file = client.post("/v1/check", {"message": raw, "fix": "safe"}).json()["files"][0]
    fixed = file["fixed"]["text"]
    assert parse_message(fixed.encode()).body == FIXED
    assert fixed.split("\n\n")[0] == raw.split("\n\n")[0]  # the headers, as sent


def test_a_bad_fix_value_is_a_400(client: Client) -> None:
    reply = client.post("/v1/check", {"draft": DRAFT, "fix": "all"})
    assert reply.status == 400
    assert reply.json()["error"]["message"] == "field 'fix' must be 'safe', 'unsafe' or null"
