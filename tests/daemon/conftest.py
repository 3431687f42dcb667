"""A real daemon per test, in a runtime folder of its own, stopped (and checked gone) after it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from daemon_support import BAD_REPLY, GOOD_REPLY, Served, wait_for

from cscomm.daemon import control


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime folder for this test's daemon (short: a socket path must fit in 104 bytes);
    after the test, any daemon in it is stopped and its lock must be free."""
    base = Path(tempfile.mkdtemp(prefix="csd-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(base))
    for name in ("CSCOMM_DAEMON", "CSCOMM_DAEMON_TIMEOUT", "CI"):
        monkeypatch.delenv(name, raising=False)
    try:
        yield base / "cscomm"
    finally:
        if runtime_folder_exists := (base / "cscomm").is_dir():  # a test may have opened it up
            (base / "cscomm").chmod(0o700)
        assert runtime_folder_exists or not (base / "cscomm").exists()
        control.stop()
        wait_for(lambda: not control.locked(), "the daemon's lock is released", 30)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def daemon(runtime: Path) -> dict[str, Any]:
    """A started daemon's status."""
    state, started = control.start(idle_timeout=300)
    assert started
    return state


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with drafts, outside any git repository's config."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / ".git").mkdir()  # the config search stops here
    (folder / "bad.txt").write_text(BAD_REPLY, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD_REPLY, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def _module_daemon() -> Iterator[dict[str, Any]]:
    """One daemon for a module whose tests only send it requests (starting one costs seconds)."""
    base = Path(tempfile.mkdtemp(prefix="csd-", dir="/tmp"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_RUNTIME_DIR", str(base))
        for name in ("CSCOMM_DAEMON", "CSCOMM_DAEMON_TIMEOUT", "CI"):
            patch.delenv(name, raising=False)
        state, _ = control.start(idle_timeout=600)
        try:
            yield state
        finally:
            control.stop()
            wait_for(lambda: not control.locked(), "the daemon's lock is released", 30)
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def served(_module_daemon: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Served:
    """The module's daemon, with this test's commands sent to it."""
    for name in ("CSCOMM_DAEMON", "CSCOMM_DAEMON_TIMEOUT", "CI"):
        monkeypatch.delenv(name, raising=False)
    return Served()
