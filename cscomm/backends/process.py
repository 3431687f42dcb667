"""Run a grammar backend in a helper process.

Harper's first ``Linter()`` takes 0.6-0.8 s and holds the GIL, so a thread cannot hide
it behind spaCy's load; a second process on the second core can. Afterwards the helper
checks a draft while the main process parses it, computes its readability figures and
settles misspellings against the word-frequency lexicon (textstat's dictionaries and the
lexicon load there, in parallel, too). It also isolates native code: a crash
or stray output in the backend cannot take the linter down. The helper is forked when
the process has a single thread (fast), and spawned otherwise (fork-safe).

A helper that dies (Harper aborts on some inputs) fails the request it was answering,
and is started again for the next one, up to :data:`MAX_RESTARTS` times. Its standard
output is the null device, so it never holds the parent's output open, and
:func:`stop_helpers` ends every helper when the parent exits without clean-up.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import weakref
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from cscomm import readability, word_frequency
from cscomm.backends.base import BackendMatch, GrammarBackend
from cscomm.errors import BackendError, BackendUnavailable
from cscomm.readability import Figures

_WARM_TEXT = "Hello there."
MAX_RESTARTS = 3
log = logging.getLogger(__name__)
_HELPERS: weakref.WeakSet[ProcessBackend] = weakref.WeakSet()
"""Every helper started by this process, for :func:`stop_helpers`."""


def helper_processes_available() -> bool:
    return bool({"fork", "spawn"} & set(multiprocessing.get_all_start_methods()))


class ProcessBackend:
    """A backend built and run in a child process; same protocol as the backend.

    ``factory`` must be picklable (a module-level function or a ``functools.partial``
    of one) in case the helper is spawned. Calls are serialised by a lock.
    """

    def __init__(self, factory: Callable[[], GrammarBackend], name: str, language: str) -> None:
        self.name = name
        self._factory = factory
        self._language = language
        self._lock = threading.Lock()
        self._owner = os.getpid()
        self.restarts = 0
        self._start()
        _HELPERS.add(self)

    def _start(self) -> None:
        forking = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        context = multiprocessing.get_context("fork" if forking else "spawn")
        self._conn, child = context.Pipe()
        inherited = self._conn if forking else None
        self._process = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(self._factory, child, inherited, self._language), daemon=True
        )
        self._process.start()
        child.close()

    def stop(self) -> None:
        """End the helper now (a helper busy on a long check is killed)."""
        self._conn.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=5)

    def available(self) -> str | None:
        if os.getpid() != self._owner:
            return "the helper process belongs to the parent process"
        if not self._process.is_alive() and self.restarts >= MAX_RESTARTS:
            return f"helper process ended {MAX_RESTARTS + 1} times"
        return None

    def check(self, text: str, language: str) -> list[BackendMatch]:
        return list(self._ask("check", text, language))

    def figures(self, text: str) -> Figures:
        """Readability figures of ``text``, computed in the helper (which loads textstat's
        dictionaries while this process loads the model)."""
        figures = self._ask("figures", text)
        assert isinstance(figures, Figures)
        return figures

    def attested(self, words: list[tuple[str, tuple[str, ...]]]) -> list[bool]:
        """:func:`cscomm.word_frequency.attested` for each (word, suggestions), in the helper
        (which loads the lexicon while this process loads the model)."""
        found = self._ask("attested", words)
        assert isinstance(found, list)
        return found

    def zipf(self, word: str, language: str) -> float:
        """:func:`cscomm.word_frequency.zipf` asked of the helper, which holds the lexicon."""
        found = self._ask("zipf", word, language)
        assert isinstance(found, float)
        return found

    def warm_up(self, language: str) -> None:
        """Let the backend in the helper pay its one-time costs now, if it has any
        (Harper's suggestion search: ~0.9 s, else paid by the first draft that needs it).
        A helper that has ended is reported by the next check, not here."""
        try:
            self._ask("warm_up", language)
        except BackendError:
            log.debug("grammar helper could not warm up", exc_info=True)

    def _ask(self, *request: Any) -> Any:
        with self._lock:
            if not self._process.is_alive():
                if self.restarts >= MAX_RESTARTS:
                    raise BackendUnavailable(f"{self.name} helper process ended {MAX_RESTARTS + 1} times")
                self.stop()
                self.restarts += 1
                log.debug("restarting the %s helper (%d)", self.name, self.restarts)
                self._start()
            try:
                self._conn.send(request)
                status, payload = self._conn.recv()
            except (EOFError, OSError):
                self._process.join(timeout=5)  # it has ended: reap it
                raise BackendUnavailable(f"{self.name} helper process ended unexpectedly") from None
        if status == "ok":
            return payload
        raise (BackendUnavailable if status == "unavailable" else BackendError)(payload)


def stop_helpers() -> None:
    """End every helper of this process (for exits that skip clean-up, ``os._exit``)."""
    for helper in list(_HELPERS):
        if helper._owner == os.getpid():
            helper.stop()


def _serve(
    factory: Callable[[], GrammarBackend], conn: Connection, inherited: Connection | None, language: str
) -> None:
    """Child: build the backend, then answer requests (check, figures, warm-up) until EOF.

    A forked child first closes its copy of the parent's end, so that it sees
    end-of-file (and exits) when the parent exits; a parent gone while a request was
    answered ends the child too, quietly.
    """
    if inherited is not None:
        inherited.close()
    if multiprocessing.parent_process() is not None:  # a child, not a thread in a test
        _detach_stdout()
    try:
        _answer(factory, conn, language)
    except (EOFError, OSError):  # the parent went away
        return


def _detach_stdout() -> None:
    """Point file descriptor 1 at the null device, so the helper never holds the
    parent's standard output open (a reader of a pipe would wait for it)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


def _answer(factory: Callable[[], GrammarBackend], conn: Connection, language: str) -> None:
    """Build the backend, then answer requests until end-of-file."""
    word_frequency.use_helper(None)  # a forked child holds the lexicon itself
    try:
        backend = factory()
        backend.check(_WARM_TEXT, language)
        failure: tuple[str, str] | None = None
    except BackendError as exc:
        failure = ("unavailable", str(exc))
    readability.warm_up()
    if language.startswith("en"):
        word_frequency.zipf("the")  # load the lexicon that settles misspellings
    while True:
        kind, *args = conn.recv()
        if kind == "figures":
            conn.send(("ok", readability.figures(*args)))
        elif kind == "zipf":
            conn.send(("ok", word_frequency.local_zipf(*args)))
        elif kind == "attested":
            conn.send(("ok", [word_frequency.attested(word, suggestions) for word, suggestions in args[0]]))
        elif kind == "warm_up":
            if failure is None:
                _warm_up(backend, *args)
            conn.send(("ok", None))
        elif failure is not None:
            conn.send(failure)
        else:
            conn.send(_checked(backend, *args))


def _checked(backend: GrammarBackend, text: str, language: str) -> tuple[str, Any]:
    """The reply to a check request: ``("ok", matches)`` or a failure and its reason."""
    try:
        return "ok", backend.check(text, language)
    except BackendUnavailable as exc:
        return "unavailable", str(exc)
    except BackendError as exc:
        return "error", str(exc)
    except Exception as exc:
        return "unavailable", f"{type(exc).__name__}: {exc}"


def _warm_up(backend: GrammarBackend, language: str) -> None:
    """Best effort: a backend that fails here fails again, and is reported, on its first check."""
    warm = getattr(backend, "warm_up", None)
    try:
        if warm is not None:
            warm(language)
    except Exception:  # see the docstring
        log.debug("grammar backend could not warm up", exc_info=True)
