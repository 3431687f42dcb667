"""The customer-message parse cache: least recently used parses are dropped first."""

from __future__ import annotations

from typing import Any, cast

from cscomm.parse_cache import ParseCache


def doc(name: str) -> Any:
    return cast(Any, name)  # the cache stores whatever it is given; a name is easy to compare


def test_keeps_the_most_recently_used_parses() -> None:
    cache = ParseCache(2)
    cache.put("a", doc("A"))
    cache.put("b", doc("B"))
    assert cache.get("a") == "A"  # "a" is now the most recent, so "b" goes first
    cache.put("c", doc("C"))
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("A", None, "C")
    assert len(cache) == 2


def test_a_parse_put_again_replaces_the_old_one_and_clear_empties_the_cache() -> None:
    cache = ParseCache(2)
    cache.put("a", doc("A"))
    cache.put("a", doc("A2"))
    assert cache.get("a") == "A2" and len(cache) == 1
    cache.clear()
    assert cache.get("a") is None and len(cache) == 0
