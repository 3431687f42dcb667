"""Check drafts on several processes; each worker reuses the parent's loaded model.

The workers are forked after the parent has loaded the model, so they share its memory
pages and start at once. Where processes cannot fork, the drafts are checked here.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from cscomm.draft import Draft
from cscomm.engine import Linter
from cscomm.report import FileReport

_worker_linter: Linter | None = None


def _init_worker(linter: Linter) -> None:
    global _worker_linter
    _worker_linter = linter


def _check_chunk(drafts: Sequence[Draft]) -> list[FileReport]:
    assert _worker_linter is not None
    return _worker_linter.check_many(drafts)


def check_parallel(
    linter: Linter, drafts: Sequence[Draft], jobs: int, chunk_size: int = 8
) -> list[FileReport]:
    """Like ``linter.check_many(drafts)`` but spread over ``jobs`` processes.

    The linter switches its grammar backend into this process and loads everything
    before the workers fork, so they inherit a ready backend and model.
    """
    if jobs <= 1 or len(drafts) <= chunk_size or "fork" not in multiprocessing.get_all_start_methods():
        return linter.check_many(drafts)
    linter.use_backend_in_process()
    linter.warm_up()
    gc.freeze()  # the workers' garbage collector then leaves the shared model pages alone
    context = multiprocessing.get_context("fork")
    chunks = [drafts[i : i + chunk_size] for i in range(0, len(drafts), chunk_size)]
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(linter,)) as pool:
        try:
            return [report for part in pool.map(_check_chunk, chunks) for report in part]
        finally:
            gc.unfreeze()
