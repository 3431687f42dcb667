"""``cscomm daemon start|stop|status``, the private folder, idle exit, and who may connect."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from daemon_support import cscomm, status, wait_for

from cscomm.daemon import control
from cscomm.daemon.protocol import PROTOCOL, recv_frame, send_frame


def test_start_status_stop(runtime: Path, tmp_path: Path) -> None:
    started = cscomm("daemon", "start", cwd=tmp_path)
    again = cscomm("daemon", "start", cwd=tmp_path)
    running = cscomm("daemon", "status", cwd=tmp_path)

    assert started.status == 0 and b"cscomm daemon: started (pid " in started.stdout
    assert again.status == 0 and b"already running" in again.stdout
    assert running.status == 0 and b"running" in running.stdout and b"socket" in running.stdout
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o700
    for name in ("daemon.sock", "daemon.json", "daemon.lock", "daemon.log"):
        assert stat.S_IMODE((runtime / name).stat().st_mode) == 0o600, name

    stopped = cscomm("daemon", "stop", cwd=tmp_path)
    after = cscomm("daemon", "status", cwd=tmp_path)

    assert stopped.status == 0 and stopped.stdout == b"cscomm daemon: stopped\n"
    assert after.status == 1 and after.stdout == b"cscomm daemon: not running\n"
    assert not control.locked()
    assert not (runtime / "daemon.sock").exists() and not (runtime / "daemon.json").exists()
    assert cscomm("daemon", "stop", cwd=tmp_path).stdout == b"cscomm daemon: not running\n"


def test_it_exits_after_its_idle_timeout(runtime: Path, tmp_path: Path) -> None:
    assert cscomm("daemon", "start", "--idle-timeout", "1", cwd=tmp_path).status == 0

    wait_for(lambda: not control.locked(), "the idle daemon exits")

    assert control.status() is None
    assert not (runtime / "daemon.sock").exists() and not (runtime / "daemon.json").exists()


def test_a_folder_open_to_others_is_refused(runtime: Path, work: Path) -> None:
    runtime.mkdir(mode=0o700)
    runtime.chmod(0o755)

    started = cscomm("daemon", "start", cwd=work)
    checked, expected = (
        cscomm("check", "bad.txt", cwd=work),
        cscomm("check", "bad.txt", cwd=work, daemon="off"),
    )

    assert started.status == 2
    assert started.stderr.decode().count("\n") == 1 and "open to other users" in started.stderr.decode()
    assert checked.result == expected.result  # checked in-process, and no daemon was started
    assert sorted(p.name for p in runtime.iterdir()) == []


def _ask(address: Any, family: socket.AddressFamily, request: dict[str, Any]) -> dict[str, Any]:
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(30)
        sock.connect(address)
        send_frame(sock, request)
        return recv_frame(sock)


def test_a_request_without_the_token_is_refused(daemon: dict[str, Any], runtime: Path) -> None:
    endpoint = json.loads((runtime / "daemon.json").read_text())

    wrong = _ask(endpoint["unix"], socket.AF_UNIX, {"op": "status", "protocol": PROTOCOL, "token": "0" * 32})
    right = _ask(
        endpoint["unix"], socket.AF_UNIX, {"op": "status", "protocol": PROTOCOL, "token": endpoint["token"]}
    )

    assert wrong == {"refused": "wrong token"}
    assert right["done"]["pid"] == daemon["pid"]


SYSTEM_PYTHON = "/usr/bin/python3"  # one that another user may run (the venv's may be private)


@pytest.mark.skipif(
    os.geteuid() != 0 or not os.access(SYSTEM_PYTHON, os.X_OK), reason="needs root and /usr/bin/python3"
)
def test_another_user_is_never_answered(daemon: dict[str, Any], runtime: Path) -> None:
    """SO_PEERCRED: even with the folder opened up and the token known, a connection from
    another user is closed unanswered."""
    endpoint = json.loads((runtime / "daemon.json").read_text())
    for folder in (runtime.parent, runtime):
        folder.chmod(0o711)
    Path(endpoint["unix"]).chmod(0o666)
    probe = (
        "import json, socket, struct, sys\n"
        "s = socket.socket(socket.AF_UNIX)\n"
        "s.settimeout(30)\n"
        "s.connect(sys.argv[1])\n"
        "data = json.dumps({'op': 'status', 'protocol': 1, 'token': sys.argv[2]}).encode()\n"
        "try:\n"
        "    s.sendall(struct.pack('>I', len(data)) + data)\n"
        "    print(repr(s.recv(100)))\n"
        "except (BrokenPipeError, ConnectionResetError):\n"
        "    print(repr(b''))\n"
    )

    done = subprocess.run(
        [SYSTEM_PYTHON, "-c", probe, endpoint["unix"], endpoint["token"]],
        user=65534,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    for folder in (runtime.parent, runtime):
        folder.chmod(0o700)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "b''"  # closed without a word
    assert "another user" in (runtime / "daemon.log").read_text()
    assert status()["requests"] == 0


def test_a_loopback_port_where_the_socket_path_is_too_long(
    monkeypatch: pytest.MonkeyPatch, runtime: Path, work: Path
) -> None:
    deep = runtime.parent / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    try:
        state, _ = control.start(idle_timeout=300)
        endpoint = json.loads((deep / "cscomm" / "daemon.json").read_text())
        served = cscomm("check", "bad.txt", cwd=work)
        expected = cscomm("check", "bad.txt", cwd=work, daemon="off")
        refused = _ask(
            ("127.0.0.1", endpoint["port"]), socket.AF_INET, {"op": "status", "protocol": PROTOCOL}
        )

        assert state["socket"] is None and state["port"] == endpoint["port"]
        assert not (deep / "cscomm" / "daemon.sock").exists()
        assert stat.S_IMODE((deep / "cscomm" / "daemon.json").stat().st_mode) == 0o600
        assert served.result == expected.result
        assert status()["requests"] == 1
        assert refused == {"refused": "wrong token"}
    finally:
        control.stop()
