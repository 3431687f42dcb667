"""Run a check over paths: read inputs, find each file's config, lint, collect results."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscomm.config import Config, resolve_config
from cscomm.errors import InputError
from cscomm.findings import Severity
from cscomm.grammar import start_helper
from cscomm.messages import draft_from_source
from cscomm.report import FileReport, Report
from cscomm.sources import Source, decode, expand_paths, read_path

if TYPE_CHECKING:
    from cscomm.checks.base import Rule
    from cscomm.engine import Linter


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


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of :func:`run_check`."""

    report: Report
    fail_level: Severity
    warnings: list[str]
    rules: dict[str, type[Rule]]
    """Every rule the checks knew, by code (for reporters that describe rules)."""


def run_check(request: CheckRequest) -> CheckResult:
    """Check every readable input; return the report, the fail level, warnings and rules.

    Unreadable inputs are reported in ``Report.errors`` while the others are checked.
    """
    files, errors = expand_paths(request.paths)
    warnings: list[str] = []
    incoming = _read_incoming(request.incoming, warnings)
    sources: list[Source] = []
    for path in files:
        try:
            source = _read(path, request.stdin_filename)
        except InputError as exc:
            errors.append(str(exc))
            continue
        if source.warning:
            warnings.append(f"{source.path}: {source.warning}")
        sources.append(source)
    linters: dict[str | None, Linter] = {}
    results: list[FileReport] = []
    fail_level = Severity.WARNING
    for source in sources:
        config = _config_for(source.path, request)
        key = config.source
        if key not in linters:
            linters[key] = _linter_for(config)
        fail_level = config.fail_on
        try:
            draft = draft_from_source(source, incoming)
        except InputError as exc:
            errors.append(str(exc))
            continue
        results.extend(linters[key].check_many([draft]))
    rules = {rule.code: rule for linter in linters.values() for rule in linter.registry.rules}
    return CheckResult(Report(tuple(results), tuple(errors)), fail_level, warnings, rules)


def _read(path: str, stdin_filename: str | None) -> Source:
    """Read ``path``; standard input takes the name ``stdin_filename`` when one is given."""
    if path == "-" and stdin_filename:
        return decode(sys.stdin.buffer.read(), stdin_filename)
    return read_path(path)


def _linter_for(config: Config) -> Linter:
    """A linter for ``config``. Its grammar helper is forked first, so that it starts
    up while the engine's modules import and the model loads."""
    start_helper(config)
    from cscomm.engine import Linter

    return Linter(config)


def _read_incoming(path: str | None, warnings: list[str]) -> str | None:
    if path is None:
        return None
    source = read_path(path)
    if source.warning:
        warnings.append(f"{source.path}: {source.warning}")
    return source.text


def _config_for(path: str, request: CheckRequest) -> Config:
    start = None if path == "-" else Path(path)
    base = request.config or resolve_config(isolated=request.isolated, start=start)
    return base.merged(**request.overrides)
