"""Run a check over paths: read inputs, find each file's config, lint, collect results.

A :class:`Batch` yields each file's report as soon as it is checked, in the order of the
inputs (also on several processes), so a long batch can be reported as it goes.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscomm.config import Config, resolve_config
from cscomm.errors import CscommError, InputError
from cscomm.files import expand_paths
from cscomm.findings import Severity
from cscomm.fixes import Applicability
from cscomm.grammar import start_helper
from cscomm.limits import check_size
from cscomm.messages import draft_from_source
from cscomm.report import FileReport, Report
from cscomm.sources import Source, decode, read_path

if TYPE_CHECKING:
    from cscomm.autofix import Fixed
    from cscomm.checks.base import Rule
    from cscomm.draft import Draft
    from cscomm.engine import Linter

log = logging.getLogger(__name__)
Notify = Callable[[str, str], None]
"""Told of each input problem as it is met: ``("warning" | "error", message)``."""


@dataclass(frozen=True, slots=True)
class CheckRequest:
    """What the user asked for on the command line."""

    paths: list[str]
    incoming: str | None = None
    config: Config | None = None
    isolated: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    stdin_filename: str | None = None
    """The path standard input (``-``) stands for: its name in the report, and where its
    config is looked for."""
    force_exclude: bool = False
    """Apply the ``exclude`` globs to files named in ``paths`` too (not only in folders)."""
    jobs: int = 1
    """Processes to check on (:mod:`cscomm.parallel`); the reports are the same, in the same order."""
    fix: Applicability | None = None
    """Fix the files first (:mod:`cscomm.autofix`): the safe fixes, or also the unsafe ones;
    the reports are then those of the fixed files. Files are fixed one after the other."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of :func:`run_check`."""

    report: Report
    fail_level: Severity
    warnings: list[str]
    rules: dict[str, type[Rule]]
    """Every rule the checks knew, by code (for reporters that describe rules)."""
    fixed: tuple[Fixed, ...] = ()
    """With :attr:`CheckRequest.fix`: each file as fixed (nothing is written)."""


def run_check(request: CheckRequest) -> CheckResult:
    """Check every readable input; return the report, the fail level, warnings and rules.

    Unreadable inputs are reported in ``Report.errors`` while the others are checked.
    """
    batch = Batch(request)
    for _ in batch:
        pass
    return batch.result()


class Batch:
    """The check of a request's inputs, run as it is iterated (once): each file's report
    is yielded as soon as it and the files before it are checked.

    Input problems (an unreadable file, a decoding fallback) are collected and told to
    ``notify`` as they are met. Reading the folders' file lists happens at once, so
    :attr:`paths` can size a progress bar.
    """

    def __init__(self, request: CheckRequest, notify: Notify | None = None) -> None:
        self.request = request
        self._notify = notify
        self.warnings: list[str] = []
        self.errors: list[str] = []
        self.files: list[FileReport] = []
        self.fixed: list[Fixed] = []
        self.fail_level = Severity.WARNING
        self._linters: dict[str | None, Linter] = {}
        self.paths, errors = expand_paths(
            request.paths,
            lambda path: _config_for(path, request).exclude,
            force_exclude=request.force_exclude,
        )
        for message in errors:
            self._problem("error", message)
        self._incoming = self._read_incoming(request.incoming)

    def __iter__(self) -> Iterator[FileReport]:
        if self.request.fix is not None:
            yield from self._fixed(self.request.fix is Applicability.UNSAFE)
            return
        if self.request.jobs <= 1:
            for linter, draft in self._drafts():
                yield from self._kept(self._checked(linter, draft))
            return
        from cscomm.parallel import iter_parallel

        for linter, group in itertools.groupby(self._drafts(), key=lambda pair: pair[0]):
            drafts = [draft for _, draft in group]
            yield from self._kept(iter_parallel(linter, drafts, self.request.jobs))

    def result(self) -> CheckResult:
        """What the check found, once the batch has been iterated."""
        rules = {rule.code: rule for linter in self._linters.values() for rule in linter.registry.rules}
        report = Report(tuple(self.files), tuple(self.errors))
        return CheckResult(report, self.fail_level, self.warnings, rules, tuple(self.fixed))

    def _fixed(self, unsafe: bool) -> Iterator[FileReport]:
        """Each readable input fixed; the report of what remains in it."""
        from cscomm.autofix import fix_source

        for linter, path, source in self._sources():
            try:
                fixed = fix_source(
                    linter, source, lambda s: draft_from_source(s, self._incoming), unsafe=unsafe
                )
            except InputError as exc:
                self._problem("error", str(exc))
                continue
            if fixed.warning:
                self._problem("warning", f"{source.path}: {fixed.warning}")
            self.fixed.append(replace(fixed, stdin=path == "-"))
            yield from self._kept([fixed.report])

    def _checked(self, linter: Linter, draft: Draft) -> list[FileReport]:
        """The draft's report; a failure is that file's input error, and the batch goes on."""
        try:
            return linter.check_many([draft])
        except CscommError as exc:
            self._problem("error", f"{draft.path}: {exc}")
        except Exception as exc:  # a bug must cost this file only, not the others' results
            log.debug("checking %s failed", draft.path, exc_info=True)
            self._problem("error", f"{draft.path}: internal error: {type(exc).__name__}: {exc}")
        return []

    def _drafts(self) -> Iterator[tuple[Linter, Draft]]:
        """Each readable input as a draft no larger than ``max-bytes``, with the linter of
        its configuration."""
        for linter, _, source in self._sources():
            try:
                draft = draft_from_source(source, self._incoming)
                check_size(draft.text, source.path, linter.config.max_bytes)
            except InputError as exc:
                self._problem("error", str(exc))
                continue
            except Exception as exc:  # a reader's bug must cost this file only
                log.debug("reading %s failed", source.path, exc_info=True)
                self._problem("error", f"{source.path}: internal error: {type(exc).__name__}: {exc}")
                continue
            yield linter, draft

    def _sources(self) -> Iterator[tuple[Linter, str, Source]]:
        """Each readable input, with the linter of its configuration and its path as given."""
        for path in self.paths:
            try:
                source = _read(path, self.request.stdin_filename)
            except InputError as exc:
                self._problem("error", str(exc))
                continue
            if source.warning:
                self._problem("warning", f"{source.path}: {source.warning}")
            try:
                config = _config_for(source.path, self.request)
                if config.source not in self._linters:
                    self._linters[config.source] = _linter_for(config)
            except CscommError as exc:  # this configuration's files fail; the others are checked
                if str(exc) not in self.errors:
                    self._problem("error", str(exc))
                continue
            self.fail_level = config.fail_on
            yield self._linters[config.source], path, source

    def _kept(self, reports: Iterable[FileReport]) -> Iterator[FileReport]:
        for report in reports:
            self.files.append(report)
            yield report

    def _read_incoming(self, path: str | None) -> str | None:
        if path is None:
            return None
        source = read_path(path)
        if source.warning:
            self._problem("warning", f"{source.path}: {source.warning}")
        return source.text

    def _problem(self, level: str, message: str) -> None:
        (self.errors if level == "error" else self.warnings).append(message)
        if self._notify is not None:
            self._notify(level, message)


def _read(path: str, stdin_filename: str | None) -> Source:
    """Read ``path``; standard input takes the name ``stdin_filename`` when one is given."""
    if path == "-" and stdin_filename:
        return decode(sys.stdin.buffer.read(), stdin_filename)
    return read_path(path)


def _linter_for(config: Config) -> Linter:
    """A linter for ``config`` (the daemon's warm one when it runs this check). Its grammar
    helper is forked first, so that it starts up while the engine's modules import and the
    model loads."""
    start_helper(config)
    from cscomm.daemon.warm import linter_for

    return linter_for(config)


def _config_for(path: str, request: CheckRequest) -> Config:
    start = None if path == "-" else Path(path)
    base = request.config or resolve_config(isolated=request.isolated, start=start)
    return base.merged(**request.overrides)
