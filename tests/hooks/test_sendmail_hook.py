"""``cscomm sendmail``, run as a real process in front of a stand-in "real sendmail".

The stand-in records the bytes it reads and its arguments, so each test can tell whether
the message went out, and exactly as the mail client handed it over.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

GOOD_REPLY = """Hi Daniel,

Thank you for getting in touch about order BX-20417, and I'm sorry the kettle arrived damaged.

I have approved a full refund of £39.99 today. You will see it on your card within five working days. \
You do not need to send the kettle back.

If anything else comes up, just reply to this email and I will help.

Kind regards,
Ana Cruz
Brightside Homeware
"""

BAD_REPLY = """Your refund request for order BX-20417 has been reviewed by the RMA team.

As I already said in my last email, you failed to include the receipt, so we can't do anything until \
it arrives.

Refunds are NOT ISSUED without proof of purchase!!

Ana Cruz
"""

STAND_IN = """\
import json, os, sys
data = sys.stdin.buffer.read()
out = os.environ["STAND_IN_OUT"]
with open(out + ".bin", "wb") as f:
    f.write(data)
with open(out + ".argv", "w") as f:
    json.dump(sys.argv[1:], f)
sys.exit(int(os.environ.get("STAND_IN_STATUS", "0")))
"""


def message(body: str, *, extra_headers: str = "", newline: str = "\n") -> bytes:
    """An 8-bit UTF-8 message with ``body``, lines ending in ``newline``."""
    head = (
        "From: Ana Cruz <ana@brightside.example>\nTo: Daniel Reyes <daniel@example.org>\n"
        "Subject: Your refund for order BX-20417\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n" + extra_headers
    )
    return f"{head}\n{body}".replace("\n", newline).encode("utf-8")


@dataclass
class Run:
    """One finished ``cscomm sendmail``, and what the stand-in sendmail received (if it ran)."""

    status: int
    stdout: bytes
    stderr: str
    sent: bytes | None
    argv: list[str] | None


@dataclass
class Sendmail:
    """Runs ``python -m cscomm sendmail`` in a fresh process, with a stand-in real sendmail."""

    tmp: Path
    stand_in: Path
    env: dict[str, str]

    @property
    def report_file(self) -> Path:
        return self.tmp / "state" / "cscomm" / "last-report.txt"

    def __call__(self, data: bytes, *args: str, **env: str) -> Run:
        out = self.tmp / "sent"
        for suffix in (".bin", ".argv"):
            out.with_suffix(suffix).unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "cscomm", "sendmail", *args],
            input=data,
            capture_output=True,
            env={**self.env, **env},
            cwd=self.tmp,
            timeout=120,
            check=False,
        )
        sent = out.with_suffix(".bin")
        argv = out.with_suffix(".argv")
        return Run(
            done.returncode,
            done.stdout,
            done.stderr.decode("utf-8", "replace"),
            sent.read_bytes() if sent.exists() else None,
            json.loads(argv.read_text()) if argv.exists() else None,
        )


@pytest.fixture
def sendmail(tmp_path: Path) -> Sendmail:
    stand_in = tmp_path / "real-sendmail"
    stand_in.write_text(f"#!{sys.executable}\n{STAND_IN}")
    stand_in.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSCOMM_")}
    env["CSCOMM_DAEMON"] = "off"  # checked in-process here; tests/daemon run them through the daemon
    env.update(
        XDG_STATE_HOME=str(tmp_path / "state"),
        STAND_IN_OUT=str(tmp_path / "sent"),
        CSCOMM_SENDMAIL=str(stand_in),
    )
    return Sendmail(tmp_path, stand_in, env)


# --- pass-through -----------------------------------------------------------------------------


def test_clean_message_passes_through_byte_for_byte_with_its_arguments(sendmail: Sendmail) -> None:
    data = message(GOOD_REPLY, newline="\r\n")
    assert b"\xc2\xa339.99" in data and b"\r\n" in data  # 8-bit text, CRLF line endings

    run = sendmail(data, "--isolated", "--sendmail", str(sendmail.stand_in), "-oi", "-f", "me@x", "--", "a@b")

    assert run.status == 0, run.stderr
    assert run.sent == data
    assert run.argv == ["-oi", "-f", "me@x", "--", "a@b"]
    assert run.stdout == b""
    assert run.stderr == ""  # Emacs reports any output from sendmail as a failure
    assert "No problems found" in sendmail.report_file.read_text()


def test_ten_megabyte_message_is_sent_whole_and_only_its_start_is_checked(sendmail: Sendmail) -> None:
    quoted = "> My new kettle arrived with a cracked lid and a dent in the side.\n>\n" * 150_000
    data = message(GOOD_REPLY + "\nOn Mon, 2 Mar 2026 at 09:14, Daniel Reyes wrote:\n" + quoted)
    assert len(data) > 10_000_000

    run = sendmail(data, "--isolated")

    assert run.status == 0, run.stderr
    assert run.sent == data
    assert "only the first" in sendmail.report_file.read_text()


# --- blocking and overrides -------------------------------------------------------------------


def test_findings_hold_the_message_with_status_65_and_a_report(sendmail: Sendmail) -> None:
    run = sendmail(message(BAD_REPLY), "--isolated", "a@b")

    assert run.status == 65
    assert run.sent is None and run.argv is None  # the real sendmail never ran
    assert run.stdout == b""
    assert "TN001" in run.stderr and "CL006" in run.stderr
    assert f"this report is also in {sendmail.report_file}" in run.stderr
    saved = sendmail.report_file.read_text()
    assert "TN001" in saved and "X-Cscomm-Override: yes" in saved


def test_fail_level_and_report_file_from_the_config_and_the_options(sendmail: Sendmail) -> None:
    # A light config (no model, no grammar backend) whose findings are warnings only.
    (sendmail.tmp / "light.toml").write_text(
        'select = ["CL006", "CL007"]\nbackend = "none"\nfail-on = "error"\nreport-file = "reports/last.txt"\n'
    )
    data = message(BAD_REPLY)

    below = sendmail(data, "--config", "light.toml", "a@b")
    other = sendmail.tmp / "elsewhere" / "report.txt"
    at = sendmail(data, "--config", "light.toml", "--fail-on", "warning", "--report-file", str(other), "a@b")

    assert below.status == 0, below.stderr
    assert below.sent == data
    assert "CL006" in (sendmail.tmp / "reports" / "last.txt").read_text()
    assert at.status == 65 and at.sent is None
    assert "CL006" in other.read_text() and str(other) in at.stderr
    assert not sendmail.report_file.exists()


def test_cscomm_force_sends_without_checking_and_passes_on_the_exit_status(sendmail: Sendmail) -> None:
    data = message(BAD_REPLY)
    run = sendmail(data, "--isolated", "a@b", CSCOMM_FORCE="1", STAND_IN_STATUS="75")

    assert run.status == 75  # the real sendmail's own status
    assert run.sent == data and run.argv == ["a@b"]
    assert "CSCOMM_FORCE" in sendmail.report_file.read_text()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_override_header_sends_and_is_the_only_thing_removed(sendmail: Sendmail, newline: str) -> None:
    override = "X-Cscomm-Override: yes\nX-Mailer: Mutt\n\t(folded)\n"
    data = message(BAD_REPLY, extra_headers=override, newline=newline)
    folded = "X-cscomm-override:\n  YES\nX-Mailer: Mutt\n\t(folded)\n"  # any case, folded value

    run = sendmail(data, "--isolated", "a@b")
    run_folded = sendmail(message(BAD_REPLY, extra_headers=folded, newline=newline), "--isolated")

    expected = message(BAD_REPLY, extra_headers="X-Mailer: Mutt\n\t(folded)\n", newline=newline)
    assert run.status == 0 and run.sent == expected
    assert run_folded.status == 0 and run_folded.sent == expected
    assert run.stderr == ""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_ignore_header_skips_its_rules_and_is_the_only_thing_removed(
    sendmail: Sendmail, newline: str
) -> None:
    # A light config (no model, no grammar backend): the draft's shouting is its only problem.
    (sendmail.tmp / "light.toml").write_text('select = ["CL006", "CL007"]\nbackend = "none"\n')
    ignore = "X-Cscomm-Ignore: CL006,\n\tall-caps-shouting CL007\nX-Mailer: Mutt\n"
    data = message(BAD_REPLY, extra_headers=ignore, newline=newline)

    held = sendmail(message(BAD_REPLY, newline=newline), "--config", "light.toml", "a@b")
    run = sendmail(data, "--config", "light.toml", "a@b")

    assert held.status == 65 and held.sent is None
    assert run.status == 0, run.stderr
    assert run.sent == message(BAD_REPLY, extra_headers="X-Mailer: Mutt\n", newline=newline)
    folded = f"X-Cscomm-Ignore: CL006,{newline}\tall-caps-shouting CL007{newline}".encode()
    assert folded in data and run.sent == data.replace(folded, b"")
    assert run.stderr == ""


def test_arguments_after_a_leading_double_dash_are_all_passed_on(sendmail: Sendmail) -> None:
    args = (f"--sendmail={sendmail.stand_in}", "--", "--timeout", "5", "--", "a@b")
    run = sendmail(message(GOOD_REPLY), *args, CSCOMM_FORCE="yes")

    assert run.argv == ["--timeout", "5", "--", "a@b"]


# --- failing open -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "args"),
    [
        ("binary", ("--isolated",)),
        ("invalid config", ("--config", "invalid.toml")),
        ("crash in the checker", ("--config", "missing-pack.toml")),
        ("timeout", ("--isolated", "--timeout", "0.2")),
    ],
)
def test_when_cscomm_fails_the_original_bytes_go_out_with_a_warning(
    sendmail: Sendmail, case: str, args: tuple[str, ...]
) -> None:
    (sendmail.tmp / "invalid.toml").write_text("select = 3\n")
    (sendmail.tmp / "missing-pack.toml").write_text('packs = ["no-such-pack"]\n')  # fails in the child
    data = bytes(range(256)) * 40 if case == "binary" else message(BAD_REPLY)

    run = sendmail(data, *args, "-oi", "a@b")

    assert run.status == 0, run.stderr
    assert run.sent == data and run.argv == ["-oi", "a@b"]
    assert "cscomm: warning: could not check the message" in run.stderr
    assert "sent unchecked" in run.stderr
    assert run.stdout == b""
    assert "Sent unchecked" in sendmail.report_file.read_text()


@pytest.mark.parametrize("how", ["--strict", "config"])
def test_strict_mode_holds_the_message_when_cscomm_fails(sendmail: Sendmail, how: str) -> None:
    (sendmail.tmp / "strict.toml").write_text('strict = true\npacks = ["no-such-pack"]\n')
    args = (
        ("--strict", "--isolated", "--timeout", "0.2") if how == "--strict" else ("--config", "strict.toml")
    )

    run = sendmail(message(GOOD_REPLY), *args, "a@b")

    assert run.status == 75
    assert run.sent is None
    assert "not sent (strict mode)" in run.stderr


def test_missing_real_sendmail_is_a_clear_error(sendmail: Sendmail) -> None:
    missing = sendmail.tmp / "no" / "sendmail"
    run = sendmail(message(GOOD_REPLY), "a@b", CSCOMM_FORCE="1", CSCOMM_SENDMAIL=f"{missing} -oi")

    assert run.status == 69
    assert f"cannot run the real sendmail {str(missing)!r}" in run.stderr
    assert "not sent" in run.stderr


def test_real_sendmail_from_the_config(sendmail: Sendmail) -> None:
    (sendmail.tmp / "cscomm.toml").write_text(f'sendmail = "{sendmail.stand_in} -oi"\n')
    env = {"CSCOMM_SENDMAIL": "", "CSCOMM_FORCE": "1"}

    run = sendmail(message(GOOD_REPLY), "--config", "cscomm.toml", "a@b", **env)

    assert run.status == 0 and run.argv == ["-oi", "a@b"]


def test_a_sendmail_that_is_cscomm_again_stops_instead_of_looping(sendmail: Sendmail) -> None:
    run = sendmail(message(GOOD_REPLY), "a@b", CSCOMM_SENDMAIL_ACTIVE="1")

    assert run.status == 69 and run.sent is None
    assert "`cscomm sendmail` again" in run.stderr
