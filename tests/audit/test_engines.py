"""The same audit on ``--jobs 1``, ``--jobs 2`` and a Dask LocalCluster of 2 workers gives
identical results; Dask loads one linter per worker; the Spark/Ray partition function agrees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cscomm import Config, Linter
from cscomm.audit import run_audit, to_dask
from cscomm.audit.records import Conversation
from cscomm.audit.scorecard import Scorecard
from cscomm.audit.scoring import frame_scorer, score_conversations
from cscomm.audit.synthetic import Case, history, write_tickets

from .conftest import rows

REPLIES, PARTITION = 12, 3


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory, cases: list[Case]) -> Path:
    path = tmp_path_factory.mktemp("export") / "tickets.jsonl"
    write_tickets(path, history(cases, REPLIES, seed=11))
    return path


@pytest.fixture(scope="module")
def one_job(tmp_path_factory: pytest.TempPathFactory, export: Path, audit_linter: Linter) -> Path:
    out = tmp_path_factory.mktemp("jobs1")
    run_audit([export], out, linter=audit_linter, partition_size=PARTITION, html=False)
    return out


def comparable(out: Path) -> tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
    import pyarrow.parquet as pq

    table = pq.read_table(out / "parquet").sort_by("reply_id").to_pylist()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return rows(out), summary, table


def test_two_jobs_give_the_results_of_one_from_one_pool(
    tmp_path: Path, export: Path, one_job: Path, forked_pools: list[int]
) -> None:
    run_audit([export], tmp_path, jobs=2, partition_size=9, html=False)  # partitions of 9 and 3
    assert forked_pools == [2]  # forked for the first partition, reused by the second
    assert comparable(tmp_path) == comparable(one_job)


def test_a_dask_local_cluster_gives_the_results_of_one_job(
    tmp_path: Path, export: Path, one_job: Path
) -> None:
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        outcome = to_dask([export], tmp_path, client, partition_size=PARTITION, html=False)
        loads = client.run(lambda dask_worker: dask_worker.plugins["cscomm-linter"].loads)
    assert outcome.scored == REPLIES
    assert sorted(loads.values()) == [1, 1]  # one linter per worker, for 4 partitions
    assert len(list((tmp_path / "parquet").glob("part-*.parquet"))) == REPLIES // PARTITION
    assert comparable(tmp_path) == comparable(one_job)


def test_the_spark_and_ray_partition_function_agrees(
    export: Path, cases: list[Case], audit_linter: Linter
) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed (Spark and Ray bring it)")
    conversations = [
        Conversation(f"r{n}", case.reply, case.customer, agent="a") for n, case in enumerate(cases[:3])
    ]
    frame = frame_scorer(Config(), Scorecard())(pd.DataFrame([c.to_dict() for c in conversations]))
    expected = score_conversations(audit_linter, Scorecard(), conversations)
    assert list(frame["reply_id"]) == ["r0", "r1", "r2"]
    assert list(frame["score"]) == [r.score for r in expected]
    assert [json.loads(f) for f in frame["findings"]] == [r.to_row()["findings"] for r in expected]
