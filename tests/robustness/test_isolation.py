"""Isolation: one file's failure costs that file only; a dead grammar helper is started
again (a few times) and is always ended with its parent; LanguageTool has a deadline per
request; ``--format json`` prints its document on every error path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm.backends.base import BackendMatch
from cscomm.backends.languagetool import LanguageToolBackend
from cscomm.backends.process import MAX_RESTARTS, ProcessBackend, stop_helpers
from cscomm.cli import cli
from cscomm.engine import Linter
from cscomm.errors import BackendUnavailable

GOOD = "Hi Sam,\n\nThanks for your message. Your refund is on its way.\n\nBest regards,\nAna\n"


class Poisoned:
    """A backend that dies, as Harper aborts, on one input; slow on another."""

    name = "poisoned"

    def available(self) -> str | None:
        return None

    def check(self, text: str, language: str) -> list[BackendMatch]:
        if "POISON" in text:
            os._exit(1)
        if "SLOW" in text:
            time.sleep(float(text.split()[-1]))
        return []


def test_one_poisoned_request_degrades_only_itself() -> None:
    backend = ProcessBackend(Poisoned, "poisoned", "xx")
    try:
        for restart in range(1, MAX_RESTARTS + 1):
            with pytest.raises(BackendUnavailable, match="ended unexpectedly"):
                backend.check("POISON", "xx")
            assert backend.check("fine", "xx") == []
            assert backend.restarts == restart
        with pytest.raises(BackendUnavailable):
            backend.check("POISON", "xx")
        with pytest.raises(BackendUnavailable, match=f"ended {MAX_RESTARTS + 1} times"):
            backend.check("fine", "xx")
        assert backend.available() is not None
    finally:
        backend.stop()


def test_stop_helpers_ends_a_helper_busy_on_a_long_check() -> None:
    backend = ProcessBackend(Poisoned, "poisoned", "xx")
    failures: list[Exception] = []

    def ask() -> None:
        try:
            backend.check("SLOW 60", "xx")
        except BackendUnavailable as exc:
            failures.append(exc)

    asking = threading.Thread(target=ask)
    asking.start()
    time.sleep(0.5)
    started = time.monotonic()
    stop_helpers()
    asking.join(timeout=10)
    assert not backend._process.is_alive()
    assert time.monotonic() - started < 5 and len(failures) == 1


def test_a_helper_whose_parent_is_gone_neither_holds_its_output_nor_prints_a_traceback() -> None:
    """The parent exits (``os._exit``) while its helper is busy: the parent's standard
    output closes at once, and the helper's late answer fails without a BrokenPipeError."""
    probe = (
        "import os, sys, threading, time\n"
        f"sys.path[:0] = {sys.path!r}\n"
        "from robustness.test_isolation import Poisoned\n"
        "from cscomm.backends.process import ProcessBackend\n"
        "b = ProcessBackend(Poisoned, 'poisoned', 'xx')\n"
        "b.check('fine', 'xx')\n"
        "threading.Thread(target=b.check, args=('SLOW 1.5', 'xx'), daemon=True).start()\n"
        "time.sleep(0.3)\n"
        "print('done', flush=True)\n"
        "os._exit(0)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", probe], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    started = time.monotonic()
    assert child.stdout.read() == b"done\n"
    assert time.monotonic() - started < 1.4  # before the helper's answer (1.5 s)
    errors = child.stderr.read().decode()  # until the helper too has ended
    child.wait()
    assert "Traceback" not in errors and "BrokenPipe" not in errors


class _Dripping(BaseHTTPRequestHandler):
    """A LanguageTool that answers one byte every 0.2 s."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b'{"matches": []}' + b" " * 40
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for byte in body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.2)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def dripping() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Dripping)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_dripping_languagetool_is_cut_off_at_the_deadline(dripping: str) -> None:
    backend = LanguageToolBackend(dripping, timeout=1)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=r"did not answer within 1 s"):
        backend.check("We recieved it.", "en-US")
    assert time.monotonic() - started < 2


def test_an_invalid_languagetool_url_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "cscomm.toml"
    config.write_text('backend = "languagetool"\nlanguagetool-url = "localhost:8081"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "-"], input=GOOD)
    assert result.exit_code == 2
    assert "key 'languagetool-url' must be an http:// or https:// URL" in result.stderr


@pytest.mark.parametrize(
    "config",
    ["select = [1]\n", "[rules.long-sentence]\nlimit = 'x'\n", "packs = ['missing-pack']\n"],
    ids=["config-error", "option-type", "pack-error"],
)
def test_json_is_printed_on_every_error_path(tmp_path: Path, config: str) -> None:
    (tmp_path / "cscomm.toml").write_text(config, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD, encoding="utf-8")
    for args in (["--config", str(tmp_path / "cscomm.toml")], []):
        result = CliRunner().invoke(cli, ["check", "--format", "json", *args, str(draft)])
        assert result.exit_code == 2
        report = json.loads(result.stdout)
        assert report["files"] == [] and len(report["summary"]["input_errors"]) == 1


def test_a_crash_on_one_file_loses_no_other_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As spaCy's E088 on a huge draft once did: that file is an input error."""
    real = Linter.check_many

    def check_many(self: Linter, drafts: list, **kwargs: object) -> list:  # type: ignore[type-arg]
        if any("b.txt" in d.path for d in drafts):
            raise ValueError("[E088] Text of length 1000001 exceeds maximum")
        return real(self, drafts)

    monkeypatch.setattr(Linter, "check_many", check_many)
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "check",
            "--isolated",
            "--format",
            "json",
            *(str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")),
        ],
    )
    report = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in report["files"]] == ["a.txt", "c.txt"]
    [error] = report["summary"]["input_errors"]
    assert "b.txt: internal error: ValueError: [E088]" in error
    assert result.exit_code == 2
