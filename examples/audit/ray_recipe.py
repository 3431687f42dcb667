"""Score a reply history on Ray with the audit's partition function (``map_batches``).

    python examples/audit/ray_recipe.py conversations.jsonl scored/

The input holds one conversation a line, as ``cscomm.audit.Conversation.to_dict()``
writes it. Each Ray worker process builds one linter on its first batch and keeps it.
Connect to a running cluster with ``ray.init(address="auto")`` (or ``RAY_ADDRESS``).
"""

from __future__ import annotations

import sys

import ray

from cscomm import Config
from cscomm.audit import Scorecard, frame_scorer


def main(source: str, target: str) -> None:
    ray.init()
    conversations = ray.data.read_json(source)
    scored = conversations.map_batches(
        frame_scorer(Config(), Scorecard()), batch_format="pandas", batch_size=200
    )
    scored.write_parquet(target)


if __name__ == "__main__":
    main(*sys.argv[1:3])
