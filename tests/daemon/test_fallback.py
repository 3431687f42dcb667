"""Without a working daemon, commands check in-process and print the same.

A daemon is stopped mid-request by giving it a config whose dictionary file is a FIFO: it
blocks opening it while it builds the linter, which the test sees in ``/proc``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from daemon_support import Fifo, cscomm, fifo_opened_by, needs_proc, status, wait_for

from cscomm.daemon import control
from cscomm.daemon.protocol import recv_frame

WORDS = "Zorblat\n"


@pytest.fixture
def fifo(work: Path) -> Iterator[Fifo]:
    """A config whose dictionary file is a FIFO: whoever builds a linter for it waits."""
    (work / "cscomm.toml").write_text('dictionary-files = ["words.fifo"]\n')
    held = Fifo(work / "words.fifo")
    yield held
    held.close()


def _client(*args: str, cwd: Path, stdin: bytes = b"", **env: str) -> subprocess.Popen[bytes]:
    with tempfile.TemporaryFile() as source:
        source.write(stdin)
        source.seek(0)
        return subprocess.Popen(
            [sys.executable, "-m", "cscomm", *args],
            cwd=cwd,
            stdin=source,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **env},
        )


def _finished(process: subprocess.Popen[bytes]) -> tuple[int, bytes, bytes]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


@needs_proc
def test_a_daemon_killed_mid_check_gives_the_same_result(
    daemon: dict[str, Any], work: Path, fifo: Fifo
) -> None:
    reference = _client("check", "bad.txt", cwd=work, CSCOMM_DAEMON="off")
    wait_for(lambda: fifo_opened_by(reference.pid, fifo.path), "the reference check reads")
    fifo.release(WORDS)
    expected = _finished(reference)

    client = _client("check", "bad.txt", cwd=work)
    wait_for(lambda: fifo_opened_by(daemon["pid"], fifo.path), "the daemon is mid-request")
    os.kill(daemon["pid"], signal.SIGKILL)
    wait_for(lambda: fifo_opened_by(client.pid, fifo.path), "the client checks in-process")
    fifo.release(WORDS)

    assert _finished(client) == expected
    assert expected[0] == 1 and b"TN001" in expected[1]


@needs_proc
def test_a_slow_daemon_is_given_up(daemon: dict[str, Any], work: Path, fifo: Fifo) -> None:
    reference = _client("check", "bad.txt", cwd=work, CSCOMM_DAEMON="off")
    wait_for(lambda: fifo_opened_by(reference.pid, fifo.path), "the reference check reads")
    fifo.release(WORDS)
    expected = _finished(reference)

    client = _client("check", "bad.txt", cwd=work, CSCOMM_DAEMON_TIMEOUT="1")
    wait_for(lambda: fifo_opened_by(client.pid, fifo.path), "the client gives up and checks in-process")
    assert fifo_opened_by(daemon["pid"], fifo.path)  # still stuck
    os.kill(daemon["pid"], signal.SIGKILL)  # so that only the client reads the words
    fifo.release(WORDS)

    assert _finished(client) == expected


@needs_proc
def test_a_message_is_sent_once_when_the_daemon_dies_mid_check(
    daemon: dict[str, Any], work: Path, tmp_path: Path, fifo: Fifo
) -> None:
    sent = tmp_path / "sent"
    stand_in = (
        f"{sys.executable} -c \"import sys; open(sys.argv[1], 'ab').write(sys.stdin.buffer.read())\" {sent}"
    )
    message = (
        b"From: ana@shop.example\nTo: sam@example.com\nSubject: Refund\n\n" + (work / "good.txt").read_bytes()
    )
    args = (
        "sendmail",
        "--sendmail",
        stand_in,
        "--config",
        "cscomm.toml",
        "--report-file",
        "report.txt",
        "--",
        "sam@example.com",
    )

    reference = _client(*args, cwd=work, stdin=message, CSCOMM_DAEMON="off")
    wait_for(lambda: _reader_in_children(reference.pid, fifo.path), "the reference's check")
    fifo.release(WORDS)
    expected = _finished(reference)
    expected_report = (work / "report.txt").read_bytes()
    assert sent.read_bytes() == message
    sent.unlink()

    client = _client(*args, cwd=work, stdin=message)
    wait_for(lambda: fifo_opened_by(daemon["pid"], fifo.path), "the daemon is mid-request")
    os.kill(daemon["pid"], signal.SIGKILL)
    wait_for(lambda: _reader_in_children(client.pid, fifo.path), "the client checks in its own child")
    fifo.release(WORDS)

    assert _finished(client) == expected
    assert sent.read_bytes() == message  # once
    assert (work / "report.txt").read_bytes() == expected_report


def _reader_in_children(pid: int, fifo: Path) -> bool:
    """Whether ``pid`` or one of its children has ``fifo`` open (sendmail checks in a child)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return any(fifo_opened_by(p, fifo) for p in (pid, *map(int, children)))


def test_a_dead_daemons_socket_is_ignored_and_it_restarts(runtime: Path, work: Path) -> None:
    state, _ = control.start(idle_timeout=300)
    os.kill(state["pid"], signal.SIGKILL)
    wait_for(lambda: not control.locked(), "the daemon is gone")
    assert (runtime / "daemon.sock").exists()  # left behind

    first = cscomm("check", "bad.txt", cwd=work)
    expected = cscomm("check", "bad.txt", cwd=work, daemon="off")
    wait_for(lambda: control.status() is not None, "a new daemon serves")
    second = cscomm("check", "bad.txt", cwd=work)

    assert first.result == expected.result == second.result
    assert status()["requests"] == 1


def test_a_broken_daemon_is_bypassed(runtime: Path, work: Path) -> None:
    """Something that listens on the socket but answers garbage."""
    runtime.mkdir(mode=0o700)
    path = runtime / "daemon.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(path))
        listener.listen(4)
        (runtime / "daemon.json").write_text(
            json.dumps({"pid": os.getpid(), "unix": str(path), "token": "t"})
        )
        (runtime / "daemon.json").chmod(0o600)

        def answer_garbage() -> None:
            for _ in range(2):
                connection, _ = listener.accept()
                with connection:
                    recv_frame(connection)
                    connection.sendall(b"\x00\x00\x00\x05hello")

        server = threading.Thread(target=answer_garbage, daemon=True)
        server.start()
        served = cscomm("check", "bad.txt", cwd=work)
        served_mail = cscomm("hook", "run", "git-sendemail", "bad.txt", cwd=work)
        server.join(timeout=60)

    assert served.result == cscomm("check", "bad.txt", cwd=work, daemon="off").result
    assert (
        served_mail.result == cscomm("hook", "run", "git-sendemail", "bad.txt", cwd=work, daemon="off").result
    )
    assert not control.locked()  # a daemon that answers is not replaced by another


def test_first_use_starts_the_daemon_but_not_in_ci(runtime: Path, work: Path) -> None:
    in_ci = cscomm("check", "bad.txt", cwd=work, CI="true")
    assert not runtime.exists()  # nothing started, nothing made

    first = cscomm("check", "bad.txt", cwd=work)
    wait_for(lambda: control.status() is not None, "the daemon started by the first use serves")
    second = cscomm("check", "bad.txt", cwd=work)

    assert in_ci.result == first.result == second.result
    assert status()["requests"] == 1
