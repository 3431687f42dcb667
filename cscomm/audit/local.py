"""Score partitions on this machine: one warm linter, forked into ``jobs`` processes.

The linter loads its model once; a :class:`cscomm.parallel.CheckerPool` forks the workers
from it on the first partition, so each starts with the warm model and they share its
memory pages, and keeps them for every later partition.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cscomm.audit.checkpoint import mark_done
from cscomm.audit.records import Conversation
from cscomm.audit.scorecard import Scorecard
from cscomm.audit.scoring import result_of
from cscomm.audit.writers import write_partition
from cscomm.engine import Linter
from cscomm.parallel import CheckerPool


class LocalEngine:
    """Scores each partition as it is given, on ``jobs`` processes, and writes it."""

    def __init__(self, linter: Linter, scorecard: Scorecard, out_dir: Path, jobs: int) -> None:
        self.scorecard = scorecard
        self.out_dir = out_dir
        self.pool = CheckerPool(linter, jobs)

    def run(self, number: int, part: Sequence[Conversation], part_digest: str) -> int:
        """Score partition ``number``, write it and mark it done; the replies scored."""
        drafts = [c.to_draft() for c in part]
        reports = self.pool.check(drafts)
        results = [result_of(c, r, self.scorecard) for c, r in zip(part, reports, strict=True)]
        write_partition(self.out_dir, number, results, self.scorecard)
        mark_done(self.out_dir, number, part_digest, len(results))
        return len(results)

    def finish(self) -> int:
        """Nothing is pending here: each :meth:`run` returns when its partition is written."""
        return 0

    def close(self) -> None:
        """Stop the worker processes."""
        self.pool.close()
