"""The Spark and Ray recipes run the audit's partition function and agree with it.

Skipped unless pyspark (with Java) or ray is installed: neither is in the test extra, as
their wheels are large; the recipes are what ``examples/audit/`` documents.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cscomm import Linter
from cscomm.audit.records import Conversation
from cscomm.audit.scorecard import Scorecard
from cscomm.audit.scoring import score_conversations
from cscomm.audit.synthetic import Case

from .conftest import ROOT


def run_recipe(recipe: str, tmp_path: Path, cases: list[Case], linter: Linter) -> None:
    import pyarrow.parquet as pq

    conversations = [
        Conversation(f"r{n}", c.reply, c.customer, agent=f"a{n % 2}") for n, c in enumerate(cases[:4])
    ]
    source = tmp_path / "conversations.jsonl"
    source.write_text("".join(json.dumps(c.to_dict()) + "\n" for c in conversations), encoding="utf-8")
    script = ROOT / "examples" / "audit" / recipe
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}  # Spark's workers: this environment
    done = subprocess.run(
        [sys.executable, str(script), str(source), str(tmp_path / "scored")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = pq.read_table(tmp_path / "scored").to_pylist()
    scored = {row["reply_id"]: row for row in table}
    for result in score_conversations(linter, Scorecard(), conversations):
        row = scored[result.reply_id]
        assert row["score"] == result.score
        assert json.loads(row["findings"]) == result.to_row()["findings"]


def test_the_ray_recipe(tmp_path: Path, cases: list[Case], audit_linter: Linter) -> None:
    pytest.importorskip("ray", reason="ray is not installed (pip install ray)")
    run_recipe("ray_recipe.py", tmp_path, cases, audit_linter)


def test_the_spark_recipe(tmp_path: Path, cases: list[Case], audit_linter: Linter) -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark)")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (apt-get install default-jre-headless)")
    run_recipe("spark_recipe.py", tmp_path, cases, audit_linter)
