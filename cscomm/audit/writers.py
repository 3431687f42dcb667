"""Write a partition's scored replies as Parquet and JSONL, and read them back.

Each partition goes to ``parquet/part-NNNNN.parquet`` and ``jsonl/part-NNNNN.jsonl``
(``parquet/`` is one partitioned dataset for pyarrow, pandas, Dask or Spark), each
written to a temporary name and renamed, so a file that exists is complete.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cscomm.audit.records import META_FIELDS, ReplyResult
from cscomm.audit.scorecard import Scorecard

if TYPE_CHECKING:
    import pyarrow as pa

PARQUET, JSONL = "parquet", "jsonl"


def part_name(number: int) -> str:
    return f"part-{number:05d}"


def parquet_schema(scorecard: Scorecard) -> pa.Schema:
    """The Parquet schema of the per-reply results (the JSONL rows have the same fields)."""
    import pyarrow as pa

    finding = pa.struct(
        [
            ("code", pa.string()),
            ("name", pa.string()),
            ("category", pa.string()),
            ("severity", pa.string()),
            ("message", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("line", pa.int64()),
            ("column", pa.int64()),
            ("text", pa.string()),
        ]
    )
    return pa.schema(
        [
            ("reply_id", pa.string()),
            *((name, pa.string()) for name in META_FIELDS),
            ("week", pa.string()),
            ("score", pa.float64()),
            ("auto_fail", pa.bool_()),
            ("incomplete", pa.bool_()),
            ("has_customer", pa.bool_()),
            *((f"score_{name}", pa.float64()) for name in scorecard.names),
            ("findings", pa.list_(finding)),
            ("notices", pa.list_(pa.string())),
            ("text", pa.string()),
        ]
    )


def load_writer() -> None:
    """Write an empty table to memory, so a worker pays the Parquet writer's one-time cost
    (imports, its native code paged in) when it starts, not inside its first partition."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([], schema=parquet_schema(Scorecard())), io.BytesIO())


def write_partition(out_dir: Path, number: int, results: Sequence[ReplyResult], scorecard: Scorecard) -> None:
    """Write one partition's results as Parquet and JSONL (both complete, or neither)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [r.to_row() for r in results]
    for folder in (PARQUET, JSONL):
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    jsonl = out_dir / JSONL / f"{part_name(number)}.jsonl"
    temporary = jsonl.with_suffix(".jsonl.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    parquet = out_dir / PARQUET / f"{part_name(number)}.parquet"
    parquet_temporary = out_dir / PARQUET / f".{part_name(number)}.parquet.tmp"  # hidden from readers
    pq.write_table(pa.Table.from_pylist(rows, schema=parquet_schema(scorecard)), parquet_temporary)
    os.replace(parquet_temporary, parquet)
    os.replace(temporary, jsonl)


def read_rows(out_dir: Path) -> Iterator[dict[str, Any]]:
    """Every written row, partition by partition (one partition in memory at a time)."""
    for path in sorted((out_dir / JSONL).glob("part-*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def write_json(path: Path, document: dict[str, Any]) -> None:
    """Write ``document`` as indented JSON through a temporary file."""
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)
