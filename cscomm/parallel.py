"""Check drafts on several processes; each worker reuses the parent's loaded model.

The workers are forked after the parent has loaded the model, so they share its memory
pages and start at once. Where processes cannot fork, the drafts are checked here.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator, Sequence
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
    """Like ``linter.check_many(drafts)`` but spread over ``jobs`` processes."""
    return list(iter_parallel(linter, drafts, jobs, chunk_size))


def iter_parallel(
    linter: Linter, drafts: Sequence[Draft], jobs: int, chunk_size: int = 8
) -> Iterator[FileReport]:
    """The reports of :func:`check_parallel`, each as soon as its chunk and those before
    it are done (in the order of ``drafts``, whichever process finishes first).

    The first draft is checked here at once, as a single check is (with the linter's
    grammar helper, if it has one), so its report does not wait for the workers. Then the
    linter switches its grammar backend into this process and loads everything before the
    workers fork, so they inherit a ready backend and model.
    """
    if jobs <= 1 or len(drafts) <= chunk_size or "fork" not in multiprocessing.get_all_start_methods():
        yield from linter.check_many(drafts)
        return
    yield from linter.check_many(drafts[:1])
    drafts = drafts[1:]
    linter.use_backend_in_process()
    linter.warm_up()
    gc.freeze()  # the workers' garbage collector then leaves the shared model pages alone
    context = multiprocessing.get_context("fork")
    chunks = [drafts[i : i + chunk_size] for i in range(0, len(drafts), chunk_size)]
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(linter,))
    try:
        for part in pool.map(_check_chunk, chunks):
            yield from part
    finally:
        pool.shutdown(cancel_futures=True)  # a consumer that stops early waits for no more chunks
        gc.unfreeze()
