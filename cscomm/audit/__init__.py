"""Audit a team's reply history: QA scorecards from mail and helpdesk exports.

:func:`run_audit` reads mbox files, Maildirs, folders of ``.eml`` and JSONL/CSV exports,
scores each agent reply on the :class:`Scorecard`, and writes per-reply Parquet and
JSONL, ``summary.json`` and ``report.html``. :func:`to_dask` runs the same on a Dask
cluster. :func:`frame_scorer` and :func:`frames_scorer` are the partition function for
Ray's ``map_batches`` and Spark's ``mapInPandas``.

Parquet, Dask and the report's charts need the ``audit`` extra:
``pip install 'cscomm[audit]'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscomm.lazy import lazy_getattr

if TYPE_CHECKING:
    from distributed import Client

    from cscomm.audit.records import Conversation, ReplyResult
    from cscomm.audit.run import AuditOutcome, run_audit
    from cscomm.audit.scorecard import Scorecard
    from cscomm.audit.scoring import frame_scorer, frames_scorer, score_conversations
    from cscomm.audit.settings import AuditSettings, load_settings

__all__ = [
    "AuditOutcome",
    "AuditSettings",
    "Conversation",
    "ReplyResult",
    "Scorecard",
    "frame_scorer",
    "frames_scorer",
    "load_settings",
    "run_audit",
    "score_conversations",
    "to_dask",
]

_HOMES = {
    "AuditOutcome": "cscomm.audit.run",
    "AuditSettings": "cscomm.audit.settings",
    "Conversation": "cscomm.audit.records",
    "ReplyResult": "cscomm.audit.records",
    "Scorecard": "cscomm.audit.scorecard",
    "frame_scorer": "cscomm.audit.scoring",
    "frames_scorer": "cscomm.audit.scoring",
    "load_settings": "cscomm.audit.settings",
    "run_audit": "cscomm.audit.run",
    "score_conversations": "cscomm.audit.scoring",
}

__getattr__ = lazy_getattr(__name__, _HOMES)


def to_dask(paths: list[Path], out_dir: Path, client: Client, **options: Any) -> AuditOutcome:
    """:func:`run_audit` with the partitions scored on the workers of Dask ``client``
    (one linter per worker, loaded by a worker plugin); ``options`` as for ``run_audit``."""
    from cscomm.audit.run import run_audit

    return run_audit(paths, out_dir, client=client, **options)


def __dir__() -> list[str]:
    return sorted(__all__)
