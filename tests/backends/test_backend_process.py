"""The forked backend helper: same answers as in process, and it never outlives its parent."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection

import pytest

from cscomm.backends import harper
from cscomm.backends.base import GrammarBackend
from cscomm.backends.harper import DEFAULT_DISABLED_RULES, HarperBackend
from cscomm.backends.process import ProcessBackend, _serve
from cscomm.errors import BackendUnavailable

TEXT = "Thanks for your order. We recieved the payment."


def test_matches_equal_the_in_process_backend() -> None:
    backend = ProcessBackend(HarperBackend, "harper", "en-US")
    assert backend.check(TEXT, "en-US") == HarperBackend().check(TEXT, "en-US")


def test_helper_exits_when_the_parent_exits_abruptly() -> None:
    probe = (
        "import os\n"
        "from cscomm.backends.harper import HarperBackend\n"
        "from cscomm.backends.process import ProcessBackend\n"
        "b = ProcessBackend(HarperBackend, 'harper', 'en-US')\n"
        f"b.check({TEXT!r}, 'en-US')\n"
        "print(b._process.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    child = int(result.stdout)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(child, 9)
    raise AssertionError("the backend helper outlived its parent")


@pytest.mark.parametrize(
    ("config", "helpers"), [("Config()", 1), ("Config(select=('CT',))", 0), ("Config(backend='none')", 0)]
)
def test_the_helper_starts_early_only_when_grammar_rules_run_and_the_linter_reuses_it(
    config: str, helpers: int
) -> None:
    probe = (
        "import multiprocessing\n"
        "from cscomm.config import Config\n"
        "from cscomm.grammar import start_helper\n"
        f"start_helper({config})\n"
        "print(len(multiprocessing.active_children()))\n"
        "from cscomm.engine import Linter\n"
        "Linter(Config())\n"
        "print(len(multiprocessing.active_children()))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    early, after_linter = result.stdout.split()
    assert (int(early), int(after_linter)) == (helpers, 1)


def _serve_in_thread(factory: Callable[[], GrammarBackend]) -> Connection:
    """Run the helper's request loop in a thread of this process, so its effects show."""
    ours, theirs = Pipe()
    threading.Thread(target=_serve, args=(factory, theirs, None, "en-US"), daemon=True).start()
    return ours


def test_warm_up_requests_reach_the_backend_in_the_helper() -> None:
    harper._LINTERS.pop(("BRITISH", DEFAULT_DISABLED_RULES), None)
    conn = _serve_in_thread(HarperBackend)
    conn.send(("warm_up", "en-GB"))
    assert conn.recv() == ("ok", None)
    assert ("BRITISH", DEFAULT_DISABLED_RULES) in harper._LINTERS
    conn.send(("check", TEXT, "en-US"))
    status, matches = conn.recv()
    assert status == "ok" and matches == HarperBackend().check(TEXT, "en-US")
    conn.close()


def _unavailable() -> GrammarBackend:
    raise BackendUnavailable("no such backend here")


def test_a_backend_that_failed_to_start_warms_up_quietly_and_reports_on_check() -> None:
    conn = _serve_in_thread(_unavailable)
    conn.send(("warm_up", "en-US"))
    assert conn.recv() == ("ok", None)
    conn.send(("check", TEXT, "en-US"))
    assert conn.recv() == ("unavailable", "no such backend here")
    conn.close()


def test_an_ended_helper_is_started_again_for_the_next_request() -> None:
    backend = ProcessBackend(HarperBackend, "harper", "en-US")
    backend._process.kill()
    backend._process.join()
    backend.warm_up("en-US")
    assert backend.check(TEXT, "en-US") == HarperBackend().check(TEXT, "en-US")
    assert backend.restarts == 1
