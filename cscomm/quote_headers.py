"""Attribution lines that introduce a quoted earlier message ("On … wrote:")."""

from __future__ import annotations

import re

ATTRIBUTION_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*On\b.{4,200}\bwrote\s*:\s*$",  # English (Gmail, Apple, Thunderbird)
        r"^\s*Em\b.{4,200}\bescreveu\s*:\s*$",  # Portuguese
        r"^\s*El\b.{4,200}\bescribi[óo]\s*:\s*$",  # Spanish
        r"^\s*Le\b.{4,200}\ba\s+[ée]crit\s*:\s*$",  # French
        r"^\s*Am\b.{4,200}\bschrieb\b.{0,120}:\s*$",  # German
        r"^\s*V[àa]o\b.{4,200}\b(?:đã\s+)?viết\s*:\s*$",  # Vietnamese
        r"^\s*Noong\b.{4,200}\bsumulat\b.{0,120}:\s*$",  # Tagalog
        r"^\s*.{2,120}\b(?:wrote|escreveu|escribió|a écrit|schrieb|viết)\s*:\s*$",  # "Name wrote:"
    )
)
_WRAPPED_ENDINGS = re.compile(
    r"^\s*(?:wrote|escreveu|escribi[óo]|a\s+[ée]crit|schrieb.{0,80}|(?:đã\s+)?viết)\s*:\s*$",
    re.IGNORECASE,
)
_WRAPPED_STARTS = re.compile(r"^\s*(?:On|Em|El|Le|Am|V[àa]o|Noong)\b.{4,200}$", re.IGNORECASE)


def is_attribution(line: str) -> bool:
    """True when ``line`` introduces a quoted message, e.g. ``On Mon, Ana wrote:``."""
    return len(line) <= 300 and any(p.match(line) for p in ATTRIBUTION_PATTERNS)


def is_wrapped_attribution(line: str, next_line: str) -> bool:
    """True for an attribution wrapped over two lines (``On … <addr>`` / ``wrote:``)."""
    return bool(_WRAPPED_STARTS.match(line) and _WRAPPED_ENDINGS.match(next_line)
                and ("@" in line or re.search(r"\d", line)))
