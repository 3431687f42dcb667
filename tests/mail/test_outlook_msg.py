"""Outlook ``.msg`` drafts, built here with extract-msg's own OLE writer (no third-party files)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

extract_msg = pytest.importorskip("extract_msg")
from extract_msg.ole_writer import OleWriter  # noqa: E402

BODY = (
    "Hi Sam,\r\n\r\nThanks for your message. You will recieve your refund of £20 by Friday.\r\n\r\n"
    "Kind regards,\r\nAna\r\n\r\n"
    "On Mon, 9 Mar 2026, Sam <sam@example.com> wrote:\r\n> When will my refund arrive?\r\n"
)


def _strings(writer: OleWriter, folder: str, values: dict[int, str], header: bytes) -> None:
    """String properties (PT_UNICODE) as ``__substg1.0_XXXX001F`` streams, with their
    entries in the folder's property stream (MS-OXMSG 2.4)."""
    table = bytearray(header)
    for prop, text in values.items():
        data = text.encode("utf-16-le")
        writer.addEntry(f"{folder}__substg1.0_{prop:04X}001F", data)
        table += struct.pack("<IIII", (prop << 16) | 0x001F, 6, len(data) + 2, 0)
    writer.addEntry(f"{folder}__properties_version1.0", bytes(table))


def build_msg(path: Path, subject: str, body: str) -> Path:
    """A minimal Outlook message: class IPM.Note, subject, sender, body, one recipient."""
    writer = OleWriter()
    header = struct.pack("<8xIIII8x", 1, 0, 1, 0)  # next recipient/attachment ids, counts
    _strings(writer, "", {0x001A: "IPM.Note", 0x0037: subject, 0x1000: body, 0x0C1A: "Ana Cruz"}, header)
    recipient = "__recip_version1.0_#00000000/"
    writer.addEntry(recipient[:-1], storage=True)
    _strings(
        writer, recipient, {0x3001: "Sam Lee", 0x39FE: "sam@example.com", 0x3003: "sam@example.com"}, bytes(8)
    )
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    writer.write(str(path))
    return path


def cscomm(*args: str, cwd: Path, code: str = "") -> subprocess.CompletedProcess[str]:
    prelude = (
        f"{code}\nimport sys\nfrom cscomm.cli import main\nsys.argv = ['cscomm', *sys.argv[1:]]\nmain()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _findings(output: str) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in json.loads(output)["files"][0]["findings"]]


def test_a_msg_draft_is_checked_as_the_message_it_holds(tmp_path: Path) -> None:
    build_msg(tmp_path / "reply.msg", "Your refund", BODY)
    eml = "From: Ana Cruz\nTo: Sam Lee <sam@example.com>\nSubject: Your refund\n\n" + BODY.replace(
        "\r\n", "\n"
    )
    (tmp_path / "reply.eml").write_text(eml, encoding="utf-8")

    from_msg = cscomm("check", "--format", "json", "reply.msg", cwd=tmp_path)
    from_eml = cscomm("check", "--format", "json", "reply.eml", cwd=tmp_path)

    assert from_msg.returncode == from_eml.returncode == 1, from_msg.stderr
    assert _findings(from_msg.stdout) == _findings(from_eml.stdout)
    assert ("SG117", 3, 35) in _findings(from_msg.stdout)  # "recieve", in the decoded body
    assert json.loads(from_msg.stdout)["files"][0]["metrics"]["has_customer_message"]


def test_a_folder_walk_finds_msg_drafts_and_fix_leaves_them_alone(tmp_path: Path) -> None:
    draft = (
        build_msg(tmp_path / "drafts" / "reply.msg", "Your refund", BODY)
        if (tmp_path / "drafts").mkdir() is None
        else None
    )
    assert draft is not None
    before = draft.read_bytes()

    walked = cscomm("check", "--format", "concise", "drafts", cwd=tmp_path)
    fixed = cscomm("check", "--fix", "drafts/reply.msg", cwd=tmp_path)

    assert "drafts/reply.msg:3:35: warning SG117" in walked.stdout
    assert draft.read_bytes() == before
    assert "not fixed: an Outlook .msg file is only read; fix the draft in Outlook" in fixed.stderr
    assert fixed.returncode == 1


def test_a_damaged_msg_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "broken.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    writer = OleWriter()
    writer.addEntry("notes", b"not a message")
    writer.write(str(tmp_path / "other.msg"))

    result = cscomm("check", "broken.msg", "other.msg", cwd=tmp_path)

    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "cscomm: error: broken.msg: cannot read the Outlook message (incorrect DllVersion in OLE header)",
        "cscomm: error: other.msg: cannot read the Outlook message (File does not contain a property stream.)",
    ]


def test_without_extract_msg_the_error_says_what_to_install(tmp_path: Path) -> None:
    build_msg(tmp_path / "reply.msg", "Your refund", BODY)

    result = cscomm("check", "reply.msg", cwd=tmp_path, code="import sys\nsys.modules['extract_msg'] = None")

    assert result.returncode == 2
    assert result.stderr == (
        "cscomm: error: reply.msg: an Outlook .msg draft; reading it needs pip install 'cscomm[msg]' (extract-msg)\n"
    )


def test_a_text_file_named_msg_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "note.msg").write_text(BODY.replace("\r\n", "\n"), encoding="utf-8")

    result = cscomm("check", "--format", "json", "note.msg", cwd=tmp_path)

    assert result.returncode == 1
    assert ("SG117", 3, 35) in _findings(result.stdout)
