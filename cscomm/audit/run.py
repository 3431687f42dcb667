"""Run an audit: stream the inputs in partitions, score the ones not done, summarise.

Only one partition of conversations is read ahead at a time (a few per worker with
Dask), and the summary is built from the written results file by file, so memory does
not grow with the history. Each finished partition is checkpointed; run the same audit
again on the same folder and it continues where it stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from cscomm.audit.aggregate import Aggregator
from cscomm.audit.checkpoint import digest, is_done, partitions, prepare
from cscomm.audit.progress import AuditProgress
from cscomm.audit.records import Conversation
from cscomm.audit.settings import AuditSettings
from cscomm.audit.sources import check_sources, conversations
from cscomm.audit.writers import read_rows, write_json
from cscomm.config import Config
from cscomm.errors import InputError

if TYPE_CHECKING:
    from distributed import Client

    from cscomm.engine import Linter

SUMMARY_VERSION = 1
DEFAULT_PARTITION_SIZE = 500


class Engine(Protocol):
    """Where partitions are scored: this machine (``--jobs``) or a Dask cluster."""

    def run(self, number: int, part: Sequence[Conversation], part_digest: str) -> int: ...

    def finish(self) -> int: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class AuditOutcome:
    """What a run did: replies scored now, replies done by earlier runs, and the summary
    (as in ``summary.json``, plus the worst replies as ``examples``)."""

    scored: int
    resumed: int
    summary: dict[str, Any]


def run_audit(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    settings: AuditSettings | None = None,
    config: Config | None = None,
    jobs: int = 1,
    client: Client | None = None,
    linter: Linter | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    restart: bool = False,
    html: bool = True,
    redact: bool = True,
    warn: Callable[[str], None] | None = None,
    progress: AuditProgress | None = None,
) -> AuditOutcome:
    """Audit the replies in ``paths`` into ``out_dir`` (see the module docstring).

    With ``client`` (a Dask client) the partitions are scored on its workers, else on
    ``jobs`` processes here, with ``linter`` if given (a warm one is reused; its config
    then wins over ``config``). ``html`` writes ``report.html`` (needs the ``audit`` extra's
    plotly), with personal data in its examples redacted unless ``redact`` is false.

    Raises:
        CscommError: an input, the settings or the output folder is unusable.
    """
    settings = settings or AuditSettings()
    config = linter.config if linter is not None else config or Config()
    warn = warn or (lambda message: print(f"cscomm: {message}", file=sys.stderr))
    progress = progress or AuditProgress(sys.stderr, enabled=False)
    if partition_size < 1:
        raise InputError("the partition size must be at least 1")
    check_sources(paths)
    prepare(out_dir, _fingerprint(paths, settings, config, partition_size), restart)
    engine = _engine(config, settings, out_dir, jobs, client, linter)
    scored = resumed = 0
    try:
        stream = conversations(paths, settings, out_dir, warn)
        for number, part in partitions(stream, partition_size):
            part_digest = digest(part)
            if is_done(out_dir, number, part_digest):
                resumed += len(part)
                progress.add(skipped=len(part))
                continue
            finished = engine.run(number, part, part_digest)
            scored += finished
            progress.add(scored=finished)
        finished = engine.finish()
        scored += finished
        progress.add(scored=finished)
    finally:
        engine.close()
        progress.stop()
    summary = summarise(out_dir, settings)
    if not summary["overall"]["replies"]:
        warn("no agent replies found in the inputs (for mail, see --agents)")
    if html:
        from cscomm.audit.html_report import write_report

        write_report(out_dir, summary, redact=redact)
    return AuditOutcome(scored, resumed, summary)


def summarise(out_dir: Path, settings: AuditSettings) -> dict[str, Any]:
    """Aggregate the written results into ``summary.json`` and return it."""
    aggregator = Aggregator(settings.scorecard)
    aggregator.add_all(read_rows(out_dir))
    scorecard = settings.scorecard
    summary = {
        "version": SUMMARY_VERSION,
        "scorecard": {
            "categories": {name: list(selectors) for name, selectors in scorecard.categories.items()},
            "weights": dict(scorecard.weights),
            "auto_fail": list(scorecard.auto_fail),
            "penalties": {str(severity): value for severity, value in scorecard.penalties.items()},
        },
        **aggregator.summary(),
        "examples": aggregator.worst(),
    }
    public = {key: value for key, value in summary.items() if key != "examples"}
    write_json(out_dir / "summary.json", public)
    return summary


def _engine(
    config: Config,
    settings: AuditSettings,
    out_dir: Path,
    jobs: int,
    client: Client | None,
    linter: Linter | None,
) -> Engine:
    if client is not None:
        from cscomm.audit.dask_engine import DaskEngine

        return DaskEngine(client, config, settings.scorecard, out_dir)
    from cscomm.audit.local import LocalEngine
    from cscomm.engine import Linter

    return LocalEngine(linter or Linter(config), settings.scorecard, out_dir, jobs)


def _fingerprint(
    paths: Sequence[Path], settings: AuditSettings, config: Config, partition_size: int
) -> dict[str, Any]:
    """What a resumed audit must share with the run it continues."""
    return {
        "sources": [str(p.resolve()) for p in paths],
        "partition_size": partition_size,
        "settings": repr(settings),
        "config": repr(replace(config, source=None)),
    }
