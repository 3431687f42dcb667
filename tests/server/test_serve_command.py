"""The ``cscomm serve`` command, run as a real process."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request

from click.testing import CliRunner

from cscomm.cli import cli

LISTENING = re.compile(r"cscomm serve: listening on (http://127\.0\.0\.1:\d+)$")


def test_serve_prints_its_address_and_answers() -> None:
    command = [sys.executable, "-c", "from cscomm.cli import main; main()", "serve", "--port", "0"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=os.environ.copy()) as process:
        try:
            assert process.stderr is not None
            line = process.stderr.readline().strip()
            match = LISTENING.fullmatch(line)
            assert match, line
            with urllib.request.urlopen(f"{match.group(1)}/v1/health", timeout=10) as response:
                assert json.load(response)["status"] == "ok"
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=10) == 0
        finally:
            if process.poll() is None:
                process.kill()


def test_bad_origin_is_a_clean_error() -> None:
    result = CliRunner().invoke(cli, ["serve", "--allow-origin", "https://a.example/"])
    assert result.exit_code == 2
    assert "--allow-origin 'https://a.example/'" in result.stderr


def test_port_in_use_is_a_clean_error() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(cli, ["serve", "--port", port])
    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1:" in result.stderr
