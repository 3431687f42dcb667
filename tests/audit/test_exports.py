"""Helpdesk exports: only public agent replies are scored; internal notes never are, and
never count as the customer's words."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from cscomm import Linter
from cscomm.audit import run_audit
from cscomm.audit.settings import AuditSettings, load_settings
from cscomm.audit.sources import conversations
from cscomm.audit.synthetic import Case, history, write_tickets
from cscomm.cli import cli

from .conftest import rows

NOTE = "Internal: card 4111 1111 1111 1111 on file, customer is a pain"


def test_jsonl_ticket_export_scores_only_public_agent_replies(
    tmp_path: Path, cases: list[Case], audit_linter: Linter
) -> None:
    exchanges = list(history(cases, 10, seed=3))
    export = tmp_path / "tickets.jsonl"
    write_tickets(export, exchanges)
    with export.open("a", encoding="utf-8") as handle:  # a ticket with only a note after the reply
        ticket = {
            "id": "T-9",
            "group_name": "vip",
            "comments": [
                {
                    "id": 1,
                    "author_role": "end-user",
                    "public": True,
                    "plain_body": cases[0].customer,
                    "created_at": "2026-03-02T09:00:00Z",
                },
                {
                    "id": 2,
                    "author_role": "agent",
                    "author_name": "bo",
                    "public": True,
                    "plain_body": cases[0].reply,
                    "created_at": "2026-03-02T10:00:00Z",
                },
                {
                    "id": 3,
                    "author_role": "agent",
                    "author_name": "bo",
                    "public": False,
                    "plain_body": NOTE,
                    "created_at": "2026-03-02T11:00:00Z",
                },
                {
                    "id": 4,
                    "author_role": "agent",
                    "author_name": "bo",
                    "public": "false",
                    "plain_body": NOTE,
                    "created_at": "2026-03-02T08:00:00Z",
                },
            ],
        }
        handle.write(json.dumps(ticket) + "\n")
    outcome = run_audit([export], tmp_path / "out", linter=audit_linter, html=False, partition_size=4)
    written = rows(tmp_path / "out")
    assert outcome.scored == len(written) == 11
    assert [r["reply_id"] for r in written] == [*(f"{e.ticket}:3" for e in exchanges), "T-9:2"]
    assert not any("Internal:" in r["text"] or "4111" in r["text"] for r in written)
    assert not any(f["code"] == "SS004" for r in written for f in r["findings"])
    assert all(r["has_customer"] for r in written)
    assert written[-1]["team"] == "vip" and written[-1]["agent"] == "bo"
    assert [r["macro"] for r in written[:10]] == [e.macro for e in exchanges]
    assert [r["channel"] for r in written[:10]] == [e.channel for e in exchanges]


def test_notes_are_never_the_customers_words(tmp_path: Path, cases: list[Case]) -> None:
    export = tmp_path / "conversations.jsonl"
    parts = [
        {
            "id": "p1",
            "part_type": "comment",
            "author": {"type": "user"},
            "body": "<p>Where is my parcel?</p>",
            "created_at": 1,
        },
        {
            "id": "p2",
            "part_type": "note",
            "author": {"type": "admin", "name": "kim"},
            "body": "<p>courier lost it</p>",
            "created_at": 2,
        },
        {
            "id": "p3",
            "part_type": "comment",
            "author": {"type": "admin", "name": "kim"},
            "body": f"<p>{cases[1].reply}</p>",
            "created_at": 3,
        },
        {
            "id": "p4",
            "part_type": "comment",
            "author": {"type": "admin", "name": "kim"},
            "body": "<p>Hi again, any news?</p>",
            "created_at": 4,
        },
    ]
    export.write_text(json.dumps({"id": 77, "conversation_parts": parts}) + "\n", encoding="utf-8")
    found = list(conversations([export], load_settings(None, "conversation-parts"), tmp_path, print))
    assert [(c.reply_id, c.customer, c.agent) for c in found] == [
        ("77:p3", "Where is my parcel?", "kim"),
        ("77:p4", "Where is my parcel?", "kim"),
    ]


def test_csv_message_rows_with_a_mapping_file(tmp_path: Path, cases: list[Case]) -> None:
    export = tmp_path / "messages.csv"
    with export.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ticket", "who", "visibility", "text", "at", "agent_email"])
        writer.writerow(["1", "customer", "public", cases[2].customer, "2026-03-01T09:00", ""])
        writer.writerow(["1", "agent", "internal", NOTE, "2026-03-01T09:30", "jo@x"])
        writer.writerow(["1", "agent", "public", cases[2].reply, "2026-03-01T10:00", "jo@x"])
        writer.writerow(["2", "agent", "public", cases[3].reply, "2026-03-01T11:00", "jo@x"])
    settings = tmp_path / "audit.toml"
    settings.write_text(
        '[mapping]\npreset = "message-rows"\nticket-id = "ticket"\nrole = "who"\npublic = "visibility"\n'
        'body = "text"\ncreated-at = "at"\nagent = "agent_email"\n',
        encoding="utf-8",
    )
    found = list(conversations([export], load_settings(settings), tmp_path, print))
    assert [(c.reply_id, c.customer, c.agent, c.ticket_id) for c in found] == [
        ("1:2", cases[2].customer, "jo@x", "1"),
        ("2:0", None, "jo@x", "2"),
    ]


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1, "comments": []}\n{"id": 2, \n', encoding="utf-8")
    plain = tmp_path / "notes.txt"
    plain.write_text("not mail\n", encoding="utf-8")
    bad_settings = tmp_path / "audit.toml"
    bad_settings.write_text("[scorecard]\nweights = { courtesy = 2 }\n", encoding="utf-8")
    for args, wanted in [
        ([str(broken)], f"{broken}:2: not a JSON record"),
        ([str(plain)], "not an mbox, Maildir, .eml folder or export"),
        ([str(tmp_path / "missing.mbox")], "no such file or folder"),
        (
            [str(broken), "--settings", str(bad_settings)],
            "scorecard.weights.courtesy: no category 'courtesy'",
        ),
    ]:
        result = CliRunner().invoke(cli, ["audit", *args, "-o", str(tmp_path / "out"), "--no-html", "-q"])
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and wanted in lines[0], result.output
        assert "Traceback" not in result.output


def test_default_settings_are_the_documented_scorecard() -> None:
    settings = AuditSettings()
    assert settings.scorecard.auto_fail == ("send_stoppers",)
    assert settings.mapping.shape == "ticket-comments"


def test_inputs_without_agent_replies_say_so(tmp_path: Path, cases: list[Case]) -> None:
    export = tmp_path / "tickets.jsonl"
    export.write_text(
        json.dumps({"id": 1, "comments": [{"author_role": "end-user", "plain_body": cases[0].customer}]})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["audit", str(export), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "cscomm: no agent replies found in the inputs (for mail, see --agents)"
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["overall"]["replies"] == 0 and (tmp_path / "out" / "report.html").is_file()
