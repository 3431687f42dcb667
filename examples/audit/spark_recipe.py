"""Score a reply history on Spark with the audit's partition function (``mapInPandas``).

    spark-submit examples/audit/spark_recipe.py conversations.jsonl scored/

The input holds one conversation a line, as ``cscomm.audit.Conversation.to_dict()``
writes it (reply_id, reply, customer, agent, team, channel, ticket_id, date, macro, ...).
Each Spark Python worker builds one linter on its first batch and keeps it for the next
ones. Every executor needs ``pip install 'cscomm[audit]'`` (the model ships with it), and
``PYSPARK_PYTHON`` must name that environment's Python.
"""

from __future__ import annotations

import sys

from pyspark.sql import SparkSession

from cscomm import Config
from cscomm.audit import Scorecard, frames_scorer
from cscomm.audit.scoring import flat_columns


def main(source: str, target: str) -> None:
    spark = SparkSession.builder.appName("cscomm-audit").getOrCreate()
    scorecard = Scorecard()
    scores = {f"score_{name}" for name in scorecard.names}
    kinds = {"score": "double", "auto_fail": "boolean", "incomplete": "boolean", "has_customer": "boolean"}
    schema = ", ".join(
        f"{column} {kinds.get(column, 'double' if column in scores else 'string')}"
        for column in flat_columns(scorecard)
    )
    conversations = spark.read.json(source)
    scored = conversations.mapInPandas(frames_scorer(Config(), scorecard), schema=schema)
    scored.write.mode("overwrite").parquet(target)
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:3])
