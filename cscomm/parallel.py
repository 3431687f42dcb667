"""Check drafts on several processes; each worker reuses the parent's loaded model.

The workers are forked after the parent has loaded the model, so they share its memory
pages and start at once. Where processes cannot fork, the drafts are checked here.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType

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


class CheckerPool:
    """``jobs`` forked checkers that live until :meth:`close`, so several batches (an
    audit's partitions) share warm workers: each keeps its caches and copied pages.

    The workers are forked on the first batch that needs them. Its first draft is checked
    here at once, as a single check is (with the linter's grammar helper, if it has one),
    so its report does not wait for the workers. Then the linter switches its grammar
    backend into this process and loads everything before the workers fork, so they
    inherit a ready backend and model.
    """

    def __init__(self, linter: Linter, jobs: int, chunk_size: int = 8) -> None:
        self.linter = linter
        self.jobs = jobs
        self.chunk_size = chunk_size
        self._pool: ProcessPoolExecutor | None = None

    def check(self, drafts: Sequence[Draft]) -> Iterator[FileReport]:
        """The reports of ``drafts``, in order, each as soon as its chunk and those before
        it are done (whichever process finishes first)."""
        if self._pool is None and not self._worth_forking(drafts):
            yield from self.linter.check_many(drafts)
            return
        if self._pool is None:
            yield from self.linter.check_many(drafts[:1])
            drafts = drafts[1:]
            self._pool = self._fork()
        chunks = [drafts[i : i + self.chunk_size] for i in range(0, len(drafts), self.chunk_size)]
        for part in self._pool.map(_check_chunk, chunks):  # a consumer that stops early cancels the rest
            yield from part

    def close(self) -> None:
        """Stop the workers (pending chunks are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            gc.unfreeze()

    def __enter__(self) -> CheckerPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _worth_forking(self, drafts: Sequence[Draft]) -> bool:
        return (
            self.jobs > 1
            and len(drafts) > self.chunk_size
            and "fork" in multiprocessing.get_all_start_methods()
        )

    def _fork(self) -> ProcessPoolExecutor:
        self.linter.use_backend_in_process()
        self.linter.warm_up()
        gc.freeze()  # the workers' garbage collector then leaves the shared model pages alone
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=_init_worker, initargs=(self.linter,)
        )


def check_parallel(
    linter: Linter, drafts: Sequence[Draft], jobs: int, chunk_size: int = 8
) -> list[FileReport]:
    """Like ``linter.check_many(drafts)`` but spread over ``jobs`` processes."""
    return list(iter_parallel(linter, drafts, jobs, chunk_size))


def iter_parallel(
    linter: Linter, drafts: Sequence[Draft], jobs: int, chunk_size: int = 8
) -> Iterator[FileReport]:
    """The reports of :func:`check_parallel`, each as soon as it is ready (see
    :meth:`CheckerPool.check`); the workers stop when the last report is taken."""
    with CheckerPool(linter, jobs, chunk_size) as pool:
        yield from pool.check(drafts)
