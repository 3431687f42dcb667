"""Questions about many spans at once, in O(log n) each, so that filtering a draft's
findings stays near-linear however many there are."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence


class Overlaps:
    """Fixed spans; :meth:`hit` tells whether a span overlaps any of them."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._max_ends = list(itertools.accumulate((end for _, end in ordered), max))

    def hit(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s < end`` and ``start < e``."""
        before = bisect.bisect_left(self._starts, end)
        return before > 0 and self._max_ends[before - 1] > start


class Nesting:
    """Spans added one by one; :meth:`nested` tells whether a span lies within, or
    around, one added before. The starts of every span that may be added are given first
    (two Fenwick trees over them: the largest end by start, the smallest end by start
    from the right)."""

    def __init__(self, starts: Iterable[int]) -> None:
        self._starts = sorted(set(starts))
        size = len(self._starts)
        self._max_end = [-1] * (size + 1)
        self._min_end = [float("inf")] * (size + 1)

    def add(self, start: int, end: int) -> None:
        size = len(self._starts)
        index = bisect.bisect_left(self._starts, start) + 1
        while index <= size:
            self._max_end[index] = max(self._max_end[index], end)
            index += index & -index
        index = size - bisect.bisect_left(self._starts, start)
        while index <= size:
            self._min_end[index] = min(self._min_end[index], end)
            index += index & -index

    def nested(self, start: int, end: int) -> bool:
        """Whether an added span lies around ``[start, end)`` or within it."""
        index, widest = bisect.bisect_right(self._starts, start), -1
        while index > 0:  # added spans starting at or before ``start``
            widest = max(widest, self._max_end[index])
            index -= index & -index
        if widest >= end:
            return True
        index, narrowest = len(self._starts) - bisect.bisect_left(self._starts, start), float("inf")
        while index > 0:  # added spans starting at or after ``start``
            narrowest = min(narrowest, self._min_end[index])
            index -= index & -index
        return narrowest <= end
