"""Score partitions on this machine: one warm linter, forked into ``jobs`` processes.

The linter loads its model once; :func:`cscomm.parallel.iter_parallel` forks the workers
from it, so each starts with the warm model and they share its memory pages.
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
from cscomm.parallel import iter_parallel


class LocalEngine:
    """Scores each partition as it is given, on ``jobs`` processes, and writes it."""

    def __init__(self, linter: Linter, scorecard: Scorecard, out_dir: Path, jobs: int) -> None:
        self.linter = linter
        self.scorecard = scorecard
        self.out_dir = out_dir
        self.jobs = jobs

    def run(self, number: int, part: Sequence[Conversation], part_digest: str) -> int:
        """Score partition ``number``, write it and mark it done; the replies scored."""
        drafts = [c.to_draft() for c in part]
        reports = iter_parallel(self.linter, drafts, self.jobs)
        results = [result_of(c, r, self.scorecard) for c, r in zip(part, reports, strict=True)]
        write_partition(self.out_dir, number, results, self.scorecard)
        mark_done(self.out_dir, number, part_digest, len(results))
        return len(results)

    def finish(self) -> int:
        """Nothing is pending here: each :meth:`run` returns when its partition is written."""
        return 0
