"""Find date, time and duration expressions in English text.

A timeframe tells the reader *when*: a date ("on Monday 3 March", "by 27 March"), a day
("tomorrow", "next week", "end of day"), a clock time ("by 5pm", "14:00 UTC") or a
duration ("within 48 hours", "in 3-5 business days", "two weeks"). Vague words such as
"shortly", "soon" or "in due course" are deliberately not timeframes, and neither are
deictic past expressions ("yesterday", "last week", "three days ago"). Calendar dates are
returned whether they are past or future: the text alone cannot tell.
"""

from __future__ import annotations

import functools
import re

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DAY_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
_FULL_MONTH = r"(?:january|february|march|april|june|july|august|september|october|november|december)"
_MONTH = rf"(?:{_FULL_MONTH}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)(?!\w)"
_MAY = r"(?-i:May)"  # capitalised only: "may" is usually the modal verb
_ANY_MONTH = rf"(?:{_MONTH}|{_MAY})"
_NAMED_MONTH = rf"(?:{_FULL_MONTH}|{_MAY})"  # no abbreviations: "from Jan" may be a name
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+\d{4})"
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen"
    r"|twenty|thirty|forty[- ]?eight|seventy[- ]?two|ninety|a\s+couple\s+of|a\s+few|a|an"
    r"|half\s+an|several)"
)
_QUANTITY = (
    rf"(?:\d+(?:\.\d+)?(?:\s*(?:-|–|—|to|or)\s*\d+(?:\.\d+)?)?"
    rf"|{_NUMBER_WORD}(?:\s*(?:-|–|—|to|or)\s*{_NUMBER_WORD})?)"
)
_UNIT = r"(?:minute|min|hour|hr|day|night|week|fortnight|month|year)s?"
_QUALIFIER = r"(?:(?:working|business|calendar|clear|full|school|banking)\s+)?"
_DURATION_LEAD = (
    r"(?:(?:within|in|over|for|after|up\s+to|about|around|approximately|roughly|at\s+least"
    r"|at\s+most|no\s+later\s+than|no\s+more\s+than|less\s+than|under|the\s+next|the\s+coming"
    r"|another|a\s+further|within\s+the\s+next|in\s+the\s+next)\s+)?"
)
_AM_PM = r"\s*[ap](?:\.m\.|m\b)"
_CLOCK = (
    rf"(?:\d{{1,2}}:\d{{2}}(?:{_AM_PM})?|\d{{1,2}}(?:\.\d{{2}})?{_AM_PM}|noon|midday|midnight)"
    r"(?:\s+(?-i:UTC|GMT|BST|CET|CEST|EST|EDT|PST|PDT|[A-Z]{2,4}T)\b)?"
)
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|lunchtime)"
_PERIOD = r"(?:week|weekend|month|year|quarter)"
_DATE = (
    rf"(?:{_ORD}(?:\s*(?:-|–|—|to|and)\s*{_ORD})?\s+(?:of\s+)?{_ANY_MONTH}{_YEAR}?"
    rf"|{_ANY_MONTH}\s+{_ORD}\b{_YEAR}?"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
)

_PATTERNS = (
    rf"\b(?:(?:in|for|during)\s+)?(?:the\s+)?week\s+(?:beginning|commencing|starting|of)\s+"
    rf"(?:{_DATE}|{_DAY})",
    # weekday, optionally with a date and a part of the day: "Monday 3 March", "Friday afternoon"
    rf"(?:(?:this|next|on|by|until|before|from|after|coming)\s+)?\b{_DAY}\b"
    rf"(?:\s*(?:-|–|—|to)\s*{_DAY})?(?:,?\s+(?:the\s+)?{_DATE})?(?:\s+{_PART_OF_DAY})?",
    rf"\b{_DAY_ABBR}\s+{_DATE}",
    # calendar dates and month references: "3 March 2026", "March 3rd", "early April"
    rf"\b{_DATE}",
    rf"(?:\b(?:early|mid|late|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of)[- ]\s*)"
    rf"{_NAMED_MONTH}(?!\w)",
    rf"\b(?:in|by|until|from|during|before|after|since|throughout)\s+{_NAMED_MONTH}(?!\w){_YEAR}?",
    r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s*(?:floor|time|century|place|anniversary))",
    # clock times and ranges: "by 5pm", "14:00 UTC", "8am to 6pm"
    rf"(?<![\d:.£$€]){_CLOCK}(?:\s*(?:-|–|—|to|and)\s*{_CLOCK})?(?![\d:])",
    # relative days and periods
    r"\b(?:today|tonight|tomorrow|overnight)\b(?:\s+" + _PART_OF_DAY + r")?",
    rf"\b(?:this|next|the\s+following|the\s+coming|later\s+this)\s+(?:{_PART_OF_DAY}|{_PERIOD})\b",
    r"\blater\s+(?:today|tonight|this\s+(?:morning|afternoon|evening|week))\b",
    rf"\b(?:the\s+)?(?:end|close|start|beginning)\s+of\s+(?:the\s+)?(?:business\s+)?"
    rf"(?:day|{_PERIOD}|play|business)\b",
    r"\b(?:EOD|COB|EOW)\b",
    r"\b(?:the\s+)?(?:same|next|following)[- ](?:working\s+|business\s+)?day\b",
    # durations: "within 48 hours", "in 3-5 business days", "two weeks", "half an hour"
    rf"\b{_DURATION_LEAD}{_QUANTITY}[- ]{_QUALIFIER}{_UNIT}\b(?!\s+ago)",
    r"\b(?:within|in)\s+(?:the\s+next\s+|the\s+|an\s+)(?:hour|day|week|month)\b",
)

_TIMEFRAME = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_BARE_ARTICLE_UNIT = re.compile(rf"^(?:an?|several)\s+{_UNIT}$", re.IGNORECASE)
_JOINER = re.compile(r"[ \t]*(?:,|at|,\s*at)?[ \t]*")


@functools.lru_cache(maxsize=64)
def find_timeframes(text: str) -> tuple[tuple[int, int], ...]:
    """Return sorted, non-overlapping ``(start, end)`` spans of timeframes in ``text``.

    Overlapping or touching matches are merged, so "by Friday 13 March at 5pm" is one
    span. A bare "a day"/"an hour" with no preposition is not counted: it is usually a
    rate ("twice a day") rather than a timeframe.
    """
    spans: list[tuple[int, int]] = []
    for match in _TIMEFRAME.finditer(text):
        start, end = match.span()
        if _BARE_ARTICLE_UNIT.match(match.group()):
            continue
        if spans and _JOINER.fullmatch(text[spans[-1][1] : start]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return tuple(spans)
