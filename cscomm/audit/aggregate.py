"""Aggregate scored replies by agent, team, channel, macro and week, in bounded memory.

Each group keeps running sums only (count, sum, sum of squares, passes), so a million
replies cost no more memory than a thousand; the worst replies kept as examples are a
fixed number per category. A category *passes* a reply when it scores full marks.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cscomm.audit.scorecard import FULL_MARKS, Scorecard
from cscomm.audit.stats import mean_interval, wilson

DIMENSIONS = ("agent", "team", "channel", "macro", "week")
LOW_CONFIDENCE = 30
"""Groups of fewer replies are marked ``low_confidence``: their intervals are wide."""
EXAMPLES_PER_CATEGORY = 3


@dataclass(slots=True)
class _Sums:
    n: int = 0
    total: float = 0.0
    squares: float = 0.0
    passes: int = 0

    def add(self, value: float) -> None:
        self.n += 1
        self.total += value
        self.squares += value * value
        self.passes += value >= FULL_MARKS

    def to_dict(self) -> dict[str, Any]:
        mean, low, high = mean_interval(self.n, self.total, self.squares)
        pass_low, pass_high = wilson(self.passes, self.n)
        return {
            "n": self.n,
            "mean": round(mean, 2),
            "ci95": [round(low, 2), round(high, 2)],
            "pass_rate": round(self.passes / self.n, 4) if self.n else None,
            "pass_ci95": [round(pass_low, 4), round(pass_high, 4)],
        }


@dataclass(slots=True)
class _Group:
    score: _Sums = field(default_factory=_Sums)
    auto_fail: int = 0
    incomplete: int = 0
    categories: dict[str, _Sums] = field(default_factory=dict)

    def add(self, row: Mapping[str, Any], names: tuple[str, ...]) -> None:
        self.score.add(float(row["score"]))
        self.auto_fail += bool(row["auto_fail"])
        self.incomplete += bool(row["incomplete"])
        for name in names:
            value = row.get(f"score_{name}")
            if value is not None:
                self.categories.setdefault(name, _Sums()).add(float(value))

    def to_dict(self, names: tuple[str, ...]) -> dict[str, Any]:
        n = self.score.n
        low, high = wilson(self.auto_fail, n)
        return {
            "replies": n,
            "low_confidence": n < LOW_CONFIDENCE,
            "score": self.score.to_dict(),
            "auto_fail": {
                "count": self.auto_fail,
                "rate": round(self.auto_fail / n, 4) if n else None,
                "ci95": [round(low, 4), round(high, 4)],
            },
            "incomplete": self.incomplete,
            "categories": {name: self.categories.get(name, _Sums()).to_dict() for name in names},
        }


class Aggregator:
    """Running totals of scored rows (as written to JSONL), and the worst examples."""

    def __init__(self, scorecard: Scorecard) -> None:
        self.names = scorecard.names
        self.overall = _Group()
        self.groups: dict[str, dict[str, _Group]] = {d: {} for d in DIMENSIONS}
        self.rules: Counter[tuple[str, str, str]] = Counter()
        self._worst: dict[str, list[tuple[float, str, int, dict[str, Any]]]] = {}
        self._added = 0

    def add_all(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.add(row)

    def add(self, row: Mapping[str, Any]) -> None:
        self._added += 1
        self.overall.add(row, self.names)
        for dimension in DIMENSIONS:
            key = str(row.get(dimension) or "(none)")
            self.groups[dimension].setdefault(key, _Group()).add(row, self.names)
        for finding in row["findings"]:
            self.rules[finding["code"], finding["name"], finding["category"]] += 1
        for name in (*self.names, "auto_fail"):
            value = (0.0 if row["auto_fail"] else None) if name == "auto_fail" else row.get(f"score_{name}")
            if value is None or value >= FULL_MARKS:
                continue
            kept = self._worst.setdefault(name, [])
            entry = (-float(value), str(row["reply_id"]), -self._added, dict(row))
            if len(kept) < EXAMPLES_PER_CATEGORY:
                heapq.heappush(kept, entry)
            elif entry[:3] > kept[0][:3]:
                heapq.heapreplace(kept, entry)

    def worst(self) -> dict[str, list[dict[str, Any]]]:
        """Per category (and ``auto_fail``), its lowest-scoring replies, worst first."""
        return {
            name: [row for *_, row in sorted(kept, key=lambda e: (-e[0], e[1], -e[2]))]
            for name, kept in sorted(self._worst.items())
        }

    def summary(self) -> dict[str, Any]:
        """The ``summary.json`` document (without the run's own fields)."""
        return {
            "overall": self.overall.to_dict(self.names),
            "by": {
                dimension: {key: group.to_dict(self.names) for key, group in sorted(groups.items())}
                for dimension, groups in self.groups.items()
            },
            "rules": [
                {"code": code, "name": name, "category": category, "count": count}
                for (code, name, category), count in sorted(self.rules.items(), key=lambda i: (-i[1], i[0]))
            ],
        }
