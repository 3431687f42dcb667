"""``cscomm sendmail`` and the git hook through the daemon: the same verdicts, reports and
sent bytes as in-process; the message is sent by the client, never by the daemon."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from daemon_support import BAD_REPLY, GOOD_REPLY, Served, cscomm

HEADERS = "From: Ana <ana@shop.example>\nTo: Sam <sam@example.com>\nSubject: Your refund\n"


def _message(body: str, extra: str = "") -> bytes:
    return f"{HEADERS}{extra}\n{body}".encode()


@pytest.mark.parametrize(
    ("body", "extra", "args"),
    [
        (GOOD_REPLY, "", ()),
        (BAD_REPLY, "", ()),
        (BAD_REPLY, "X-Cscomm-Override: yes\n", ()),
        (BAD_REPLY, "X-Cscomm-Ignore: CT001, TN\n", ("--fail-on", "error")),
        (BAD_REPLY, "", ("--isolated", "--strict")),
    ],
)
def test_sendmail_is_the_same_through_the_daemon(
    served: Served, tmp_path: Path, body: str, extra: str, args: tuple[str, ...]
) -> None:
    sent = tmp_path / "sent"
    stand_in = (
        f"{sys.executable} -c \"import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())\" {sent}"
    )
    argv = (
        "sendmail",
        "--sendmail",
        stand_in,
        "--report-file",
        "report.txt",
        *args,
        "--",
        "-oi",
        "sam@example.com",
    )
    message = _message(body, extra)

    run = cscomm(*argv, cwd=tmp_path, stdin=message)
    run_bytes = sent.read_bytes() if sent.exists() else None
    run_report = (tmp_path / "report.txt").read_bytes()
    sent.unlink(missing_ok=True)
    expected = cscomm(*argv, cwd=tmp_path, stdin=message, daemon="off")
    expected_bytes = sent.read_bytes() if sent.exists() else None

    assert run.result == expected.result
    assert run_bytes == expected_bytes
    assert run_report == (tmp_path / "report.txt").read_bytes()
    assert served.requests() == 1


def test_the_real_sendmail_failing_is_reported_as_in_process(served: Served, tmp_path: Path) -> None:
    argv = ("sendmail", "--sendmail", str(tmp_path / "no-such-sendmail"), "--report-file", "r.txt")

    run = cscomm(*argv, cwd=tmp_path, stdin=_message(GOOD_REPLY))

    assert run.status == 69 and b"cannot run the real sendmail" in run.stderr
    assert run.result == cscomm(*argv, cwd=tmp_path, stdin=_message(GOOD_REPLY), daemon="off").result


PATCH = """From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001
From: Ana Cruz <ana@brightside.example>
Date: Mon, 9 Mar 2026 10:00:00 +0000
Subject: [PATCH {n}/8] Show the refnud rule on page {n}

Customers who open page {n} can now read the refund rule next to the
order total, so they know what to keep before they ask for a refund.

Signed-off-by: Ana Cruz <ana@brightside.example>
---
 notice.py | 1 +
 1 file changed, 1 insertion(+)

diff --git a/notice.py b/notice.py
--- a/notice.py
+++ b/notice.py
@@ -1 +1,2 @@
+# As I already said, you failed to include the receipt!!
-- 
2.39.5
"""


def test_the_git_hook_is_the_same_through_the_daemon(served: Served, tmp_path: Path) -> None:
    for n in range(1, 4):  # benchmarks/daemon.py times a series of 8
        (tmp_path / f"000{n}.patch").write_text(PATCH.format(n=n))

    runs = [cscomm("hook", "run", "git-sendemail", f"000{n}.patch", cwd=tmp_path) for n in range(1, 4)]
    expected = [
        cscomm("hook", "run", "git-sendemail", f"000{n}.patch", cwd=tmp_path, daemon="off")
        for n in range(1, 4)
    ]

    assert [run.result for run in runs] == [run.result for run in expected]
    assert runs[0].status == 1 and b"0001.patch:4:31: warning SG001" in runs[0].stderr
    assert served.requests() == 3
