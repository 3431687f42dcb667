"""Check buffers: the configuration of each buffer's folder, one warm linter per
configuration, and the findings placed in the buffer.

Not thread-safe: the server runs every check on one worker thread (spaCy pipelines must
not be called from two threads at once). Nothing leaves the machine: the checks run in
this process and its grammar helper, as ``cscomm check`` runs them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cscomm.config import Config, resolve_config
from cscomm.errors import CscommError
from cscomm.findings import Finding
from cscomm.limits import check_size
from cscomm.lsp.buffers import Prepared, prepare
from cscomm.lsp.formats import BufferFormat
from cscomm.messages import MAIL_NOTICE

if TYPE_CHECKING:
    from cscomm.engine import Linter
    from cscomm.registry import Registry

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Placed:
    """A finding and its span in the buffer (offsets into the buffer's text)."""

    finding: Finding
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of checking one buffer's text.

    ``problem`` is set when the buffer could not be checked at all (a configuration
    error, a buffer that is no draft): one line, shown as a single diagnostic.
    """

    text: str
    findings: tuple[Placed, ...] = ()
    notices: tuple[str, ...] = ()
    problem: str = ""
    config_error: bool = False
    prepared: Prepared | None = None
    registry: Registry | None = field(default=None, repr=False)


class Checker:
    """Linters by configuration file; a changed file gets a new linter (the model and the
    grammar helper are shared by all of them, so only the rules are built again)."""

    def __init__(self) -> None:
        self._linters: dict[str | None, tuple[Config, Linter]] = {}

    def warm_up(self, folder: Path) -> None:
        """Load the model, the grammar backend and the rules of ``folder``'s configuration."""
        try:
            self._linter(self._config(folder)).warm_up()
        except CscommError as exc:  # the check of a buffer will report it
            log.warning("warm-up skipped: %s", exc)
        except Exception:  # a bug must not stop the server: the checks will try again
            log.exception("warm-up failed")

    def check(self, text: str, fmt: BufferFormat, path: Path) -> Checked:
        """Check a buffer's ``text`` as the file ``path`` in format ``fmt``. Never raises:
        a failure is the outcome's ``problem``."""
        try:
            linter = self._linter(self._config(path))
        except CscommError as exc:
            return Checked(text, problem=f"cscomm configuration error: {exc}", config_error=True)
        try:
            if not text.strip():
                return Checked(text, registry=linter.registry)
            prepared = prepare(text, fmt, path)
            check_size(prepared.draft.text, str(path), linter.config.max_bytes)
            report = linter.check_many([prepared.draft])[0]
        except CscommError as exc:
            return Checked(text, problem=f"cscomm did not check this buffer: {exc}", registry=linter.registry)
        except Exception as exc:  # a bug must cost this check only, never the server
            log.exception("checking %s failed", path)
            return Checked(
                text,
                problem=f"cscomm failed on this buffer: {type(exc).__name__}: {exc}",
                registry=linter.registry,
            )
        placed = tuple(Placed(f, prepared.place(f.start), prepared.place(f.end)) for f in report.findings)
        notices = tuple(n for n in report.notices if n != MAIL_NOTICE)
        return Checked(text, placed, notices, prepared=prepared, registry=linter.registry)

    def _config(self, path: Path) -> Config:
        """The configuration of the nearest config file above ``path`` (which may not exist)."""
        return resolve_config(start=path)

    def _linter(self, config: Config) -> Linter:
        """The linter of ``config``, built again when its file changed."""
        known = self._linters.get(config.source)
        if known is not None and known[0] == config:
            return known[1]
        from cscomm.engine import Linter

        linter = Linter(config)
        self._linters[config.source] = (config, linter)
        return linter
