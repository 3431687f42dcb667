"""The forked backend helper: same answers as in process, and it never outlives its parent."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from cscomm.backends.harper import HarperBackend
from cscomm.backends.process import ProcessBackend

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
