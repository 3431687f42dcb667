"""Shared fixtures: one loaded Linter per configuration, reused across tests."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cscomm import Config, Linter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_colour_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs must not depend on the NO_COLOR / FORCE_COLOR of the shell running the tests."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _private_daemon_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reaches the user's daemon: the runtime folder is the session's own, and any
    daemon a test leaves there is stopped at the end."""
    folder = tmp_path_factory.mktemp("run")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_RUNTIME_DIR", str(folder))
        yield
        from cscomm.daemon.control import stop

        stop()


@pytest.fixture(autouse=True)
def _daemon_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands check in-process, as they did before the daemon; tests/daemon turn it on."""
    monkeypatch.setenv("CSCOMM_DAEMON", "off")


@pytest.fixture(scope="session")
def linter() -> Linter:
    """A Linter with every rule selected (the model loads once per session)."""
    return Linter(Config())


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def modules_loaded_by() -> Callable[[str], set[str]]:
    """A function that runs Python code in a fresh interpreter and returns the names of
    the modules loaded by the end."""

    def run(code: str) -> set[str]:
        probe = f"{code}\nimport json, sys; print(json.dumps(sorted(sys.modules)))"
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        return set(json.loads(result.stdout.splitlines()[-1]))

    return run


@pytest.fixture
def forked_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of the process pools :mod:`cscomm.parallel` starts during a test."""
    import cscomm.parallel

    pools: list[int] = []

    class CountedPool(cscomm.parallel.ProcessPoolExecutor):
        def __init__(self, jobs: int, **kwargs: object) -> None:
            pools.append(jobs)
            super().__init__(jobs, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cscomm.parallel, "ProcessPoolExecutor", CountedPool)
    return pools
