"""Run a backend in a forked helper process, so its start-up overlaps the model load.

Harper's first ``Linter()`` takes 0.6-0.8 s and holds the GIL, so a thread cannot hide
it behind spaCy's load; a second process on the second core can. Used for one-shot
command-line runs; long-lived programs keep the backend in process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection

from cscomm.backends.base import BackendMatch, GrammarBackend
from cscomm.errors import BackendError, BackendUnavailable

_WARM_TEXT = "Hello there."


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class ProcessBackend:
    """A backend built and run in a child process; same protocol as the backend."""

    def __init__(self, factory: Callable[[], GrammarBackend], name: str, language: str) -> None:
        self.name = name
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(factory, child, self._conn, language), daemon=True
        )
        self._process.start()
        child.close()

    def available(self) -> str | None:
        return None if self._process.is_alive() or self._conn.poll() else "helper process ended"

    def check(self, text: str, language: str) -> list[BackendMatch]:
        try:
            self._conn.send((text, language))
            status, payload = self._conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            raise BackendUnavailable(f"{self.name} helper process failed ({exc or 'ended'})") from None
        if status == "ok":
            return list(payload)
        raise (BackendUnavailable if status == "unavailable" else BackendError)(payload)


def _serve(
    factory: Callable[[], GrammarBackend], conn: Connection, parent_end: Connection, language: str
) -> None:
    """Child: build the backend, then answer (text, language) requests until EOF.

    The child closes its inherited copy of the parent's end first, so that it sees
    end-of-file (and exits) when the parent exits.
    """
    parent_end.close()
    try:
        backend = factory()
        backend.check(_WARM_TEXT, language)
        ready: tuple[str, object] | None = None
    except BackendError as exc:
        ready = ("unavailable", str(exc))
    while True:
        try:
            text, lang = conn.recv()
        except (EOFError, OSError):
            return
        if ready is not None:
            conn.send(ready)
            continue
        try:
            conn.send(("ok", backend.check(text, lang)))
        except BackendUnavailable as exc:
            conn.send(("unavailable", str(exc)))
        except BackendError as exc:
            conn.send(("error", str(exc)))
        except Exception as exc:
            conn.send(("unavailable", f"{type(exc).__name__}: {exc}"))
