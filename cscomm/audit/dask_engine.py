"""Score partitions on a Dask cluster, with one warm linter per worker.

A worker plugin builds the linter when the worker joins (``Client.register_plugin``), so
the model loads once per worker, never once per task. The client reads the inputs and
submits partitions as they come, with a few in flight per worker, so its memory stays
bounded; each task writes its partition's Parquet and JSONL and its checkpoint itself,
so the output folder must be one every worker can reach (a shared file system).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import dask.config
from distributed import Client, Future, WorkerPlugin, get_worker, wait

from cscomm.audit.checkpoint import mark_done
from cscomm.audit.records import Conversation
from cscomm.audit.scorecard import Scorecard
from cscomm.audit.scoring import score_conversations
from cscomm.audit.writers import load_writer, write_partition
from cscomm.config import Config
from cscomm.errors import InputError

if TYPE_CHECKING:
    from cscomm.engine import Linter

PLUGIN = "cscomm-linter"
IN_FLIGHT_PER_WORKER = 2
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
"""Settings for the workers of a cluster started here: Dask's statistical profiler samples
every task's stack 100 times a second and keeps the samples, so a worker's memory grew
with every partition (+10% from 1,000 to 10,000 replies) and not without it."""


class LinterPlugin(WorkerPlugin):  # type: ignore[misc]
    """A Dask worker plugin holding the worker's one linter (``loads`` counts its builds)."""

    name = PLUGIN

    def __init__(self, config: Config) -> None:
        self.config = config
        self.linter: Linter | None = None
        self.loads = 0

    def setup(self, worker: Any) -> None:
        from cscomm.engine import Linter

        self.linter = Linter(self.config, backend_process=False)  # workers may not fork helpers
        self.linter.warm_up()
        load_writer()
        self.loads += 1

    def teardown(self, worker: Any) -> None:
        self.linter = None


def _workers_hold(client: Client, config: Config) -> bool:
    """Whether every worker already has a linter plugin for ``config``."""
    held = client.run(lambda dask_worker: repr(getattr(dask_worker.plugins.get(PLUGIN), "config", None)))
    return bool(held) and all(value == repr(config) for value in held.values())


def score_partition_task(
    number: int, rows: list[dict[str, Any]], out_dir: str, scorecard: Scorecard, part_digest: str
) -> int:
    """The task run on a worker: score a partition with the worker's linter and write it."""
    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, LinterPlugin) and plugin.linter is not None
    results = score_conversations(plugin.linter, scorecard, [Conversation.from_dict(r) for r in rows])
    write_partition(Path(out_dir), number, results, scorecard)
    mark_done(Path(out_dir), number, part_digest, len(results))
    return len(results)


def connect(address: str) -> Client:
    """A client of the scheduler at ``address``; ``local:N`` starts a LocalCluster of N
    single-threaded worker processes here."""
    from distributed import LocalCluster

    if address.startswith("local:"):
        workers = address.removeprefix("local:")
        if not workers.isdigit() or int(workers) < 1:
            raise InputError(f"--dask {address}: local:N needs a number of workers, e.g. local:2")
        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True)
        return Client(cluster)
    try:
        return Client(address, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"--dask {address}: cannot reach the scheduler ({exc})") from None


class DaskEngine:
    """Submits partitions to ``client``'s workers, a bounded number at a time."""

    def __init__(self, client: Client, config: Config, scorecard: Scorecard, out_dir: Path) -> None:
        self.client = client
        self.scorecard = scorecard
        self.out_dir = str(out_dir.resolve())
        if not _workers_hold(client, config):  # a long-lived cluster keeps its warm linters
            client.register_plugin(LinterPlugin(config), name=PLUGIN)
        workers = max(1, len(client.scheduler_info()["workers"]))
        self.limit = IN_FLIGHT_PER_WORKER * workers
        self.pending: list[Future] = []

    def run(self, number: int, part: Sequence[Conversation], part_digest: str) -> int:
        """Submit partition ``number``; returns the replies of partitions finished meanwhile."""
        rows = [c.to_dict() for c in part]
        future = self.client.submit(
            score_partition_task, number, rows, self.out_dir, self.scorecard, part_digest, pure=False
        )
        self.pending.append(future)
        done = 0
        while len(self.pending) >= self.limit:
            done += self._wait_one()
        return done

    def _wait_one(self) -> int:
        finished, _ = wait(self.pending, return_when="FIRST_COMPLETED")
        self.pending = [f for f in self.pending if f not in finished]
        return sum(int(f.result()) for f in finished)

    def finish(self) -> int:
        """Wait for every submitted partition; the replies they scored."""
        done = 0
        while self.pending:
            done += self._wait_one()
        return done

    def close(self) -> None:
        """Cancel the partitions still running (after an error); the workers stay warm."""
        if self.pending:
            self.client.cancel(self.pending)
            self.pending = []
