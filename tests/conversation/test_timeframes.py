"""Cases for the date, time and duration finder."""

from __future__ import annotations

import itertools

import pytest

from cscomm.conversation.timeframes import find_timeframes

# (text, expected timeframe strings in order)
FOUND = [
    ("Please reply by Friday.", ["by Friday"]),
    ("The engineer will call on Monday 3 March at 10am.", ["on Monday 3 March at 10am"]),
    ("It should arrive tomorrow morning.", ["tomorrow morning"]),
    ("We will ship it next week.", ["next week"]),
    ("I'll have an answer by end of day.", ["end of day"]),
    ("Call us before 5pm.", ["5pm"]),
    ("The outage ended at 14:00 UTC.", ["14:00 UTC"]),
    ("The refund takes up to 10 a.m. on Tuesday.", ["10 a.m. on Tuesday"]),
    ("Your refund will arrive within 48 hours.", ["within 48 hours"]),
    ("It takes 3–5 business days.", ["3–5 business days"]),
    ("The card arrives in 3-5 working days.", ["in 3-5 working days"]),
    ("Allow two weeks for the new card.", ["two weeks"]),
    ("You will hear from us within the hour.", ["within the hour"]),
    ("The visit is in the week beginning 23 March.", ["in the week beginning 23 March"]),
    ("Open Monday to Friday, 8am to 6pm.", ["Monday to Friday, 8am to 6pm"]),
    ("Sessions run from 16 to 27 March.", ["16 to 27 March"]),
    ("Your renewal is due on 3 May 2026.", ["3 May 2026"]),
    ("The new prices start in May.", ["in May"]),
    ("It is booked for the 23rd.", ["the 23rd"]),
    ("Delivery is by next-day courier.", ["next-day"]),
    ("We aim to fix it the same day.", ["the same day"]),
    ("Expect it within a few days.", ["within a few days"]),
    ("The survey takes half an hour.", ["half an hour"]),
    ("We will post the form on 2026-04-01.", ["2026-04-01"]),
    ("It closes at midnight tonight.", ["midnight tonight"]),
    ("We'll call back later today.", ["later today"]),
    ("The offer runs until mid-April.", ["mid-April"]),
]

# Vague or past expressions, and numbers that only look like times.
NOT_FOUND = [
    "We will be in touch shortly.",
    "Someone will get back to you soon.",
    "We'll deal with this as soon as possible.",
    "You will hear from us in due course.",
    "The parcel was delivered yesterday.",
    "We wrote to you three days ago.",
    "The fee is £29.99 and the rate is 7.25% a year.",
    "The helpline is open 24/7.",
    "May I ask for your order number?",
    "A note from Jan about the 2 of us.",
    "I am 81 and live alone.",
    "The plan costs £3 a month.",
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t for t, _ in FOUND])
def test_finds_timeframe(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in find_timeframes(text)] == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ignores_vague_or_past_expressions(text: str) -> None:
    assert find_timeframes(text) == ()


def test_spans_are_sorted_and_disjoint() -> None:
    text = "Reply by Friday 13 March, and we will call within 2 days or next week at 9am."
    spans = find_timeframes(text)
    assert list(spans) == sorted(spans)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))
