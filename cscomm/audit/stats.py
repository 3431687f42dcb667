"""Confidence intervals for small samples: Wilson for rates, Student's t for means."""

from __future__ import annotations

import math

Z95 = 1.959964
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
"""Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom."""


def t95(df: int) -> float:
    """The two-sided 95% quantile of Student's t with ``df`` degrees of freedom."""
    if df <= len(_T95):
        return _T95[max(df, 1) - 1]
    return Z95 + (Z95**3 + Z95) / (4 * df)  # Cornish-Fisher: within 0.001 above 30


def wilson(successes: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a rate (``(0, 1)`` with no data)."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = p + Z95**2 / (2 * n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n))
    scale = 1 + Z95**2 / n
    return max(0.0, (centre - half) / scale), min(1.0, (centre + half) / scale)


def mean_interval(n: int, total: float, squares: float) -> tuple[float, float, float]:
    """``(mean, low, high)``: the mean of ``n`` values with the given sum and sum of squares,
    and its 95% t interval (as wide as the scale, 0-100, for one value)."""
    if n == 0:
        return 0.0, 0.0, 0.0
    mean = total / n
    if n == 1:
        return mean, 0.0, 100.0
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    half = t95(n - 1) * math.sqrt(variance / n)
    return mean, max(0.0, mean - half), min(100.0, mean + half)
