"""The checks ``cscomm serve`` runs: one Linter per request configuration, one at a time.

spaCy pipelines are not safe to call from several threads at once, so checks take turns
on one thread of their own (which also keeps their memory in one heap arena instead of one
per request thread); every Linter shares the process's spaCy pipeline.

Memory stays flat over a long run: each check runs in a spaCy memory zone, so the words
and strings it adds to the shared vocabulary are freed when it ends (a draft's names,
order numbers and typos would otherwise stay for good), and the heap memory it freed is
then given back to the system. The customer parses a Linter keeps between checks belong to
the zone they were made in, so they are dropped with it.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar

from cscomm.autofix import Fixed, fix_source
from cscomm.config import Config, parse_config
from cscomm.draft import Draft
from cscomm.engine import Linter
from cscomm.errors import ConfigError
from cscomm.limits import check_size
from cscomm.messages import draft_from_message
from cscomm.report import Report
from cscomm.server.memory import release_free_memory
from cscomm.sources import Source

T = TypeVar("T")

REQUEST_CONFIG_KEYS = (
    "select",
    "ignore",
    "fail-on",
    "kind",
    "language",
    "severity",
    "rules",
    "dictionary",
    "ignore-backend-rules",
    "strict",
)
"""Config keys a request may set; the others choose programs, files or hosts on this machine."""
REQUEST_CONFIG = "request config"
LINTER_CACHE_SIZE = 16


class Checker:
    """Linters by request configuration (least recently used dropped); one check at a time."""

    def __init__(self, base: Config) -> None:
        self.base = base
        self.linter = Linter(base)
        self._linters: OrderedDict[str, Linter] = OrderedDict()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="cscomm-check")

    def warm_up(self) -> None:
        """Load the model and the grammar backend before the first request."""
        self._in_turn(self.linter.warm_up)

    def close(self) -> None:
        """Stop taking checks (one that is running finishes)."""
        self._thread.shutdown(wait=False, cancel_futures=True)

    def check(self, draft: Draft, config: Mapping[str, Any] | None) -> Report:
        def work() -> Report:
            linter = self._linter_for(config)
            check_size(draft.text, draft.path, linter.config.max_bytes)
            with self._memory_zone(linter):
                return Report((linter.check_many([draft])[0],))

        return self._in_turn(work)

    def fix(
        self, draft: Draft, message: bytes | None, config: Mapping[str, Any] | None, unsafe: bool
    ) -> Fixed:
        """``draft`` (or the raw ``message`` it was read from) with its fixes applied."""
        if message is None:
            source = Source(draft.text, draft.path, draft.text.encode("utf-8"))
        else:
            source = Source(message.decode("utf-8"), draft.path, message)

        def make_draft(fixed: Source) -> Draft:
            if message is None:
                return replace(draft, text=fixed.text)
            read = draft_from_message(fixed.raw, draft.path, draft.incoming)
            return replace(read, kind=draft.kind)

        def work() -> Fixed:
            linter = self._linter_for(config)
            with self._memory_zone(linter):
                return fix_source(linter, source, make_draft, unsafe=unsafe, message=message is not None)

        return self._in_turn(work)

    def _in_turn(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the checks' thread after those before it, then trim the heap."""

        def run() -> T:
            try:
                return work()
            finally:
                release_free_memory()

        return self._thread.submit(run).result()

    @contextmanager
    def _memory_zone(self, linter: Linter) -> Iterator[None]:
        """Free what the block adds to the spaCy vocabulary when it ends (the pipeline is
        loaded first, outside the zone, so that it is kept)."""
        if not linter.needs_nlp:
            yield
            return
        with linter.pipeline.nlp.memory_zone():
            try:
                yield
            finally:
                for kept in (self.linter, *self._linters.values()):
                    kept.customer_parses.clear()

    def _linter_for(self, data: Mapping[str, Any] | None) -> Linter:
        if not data:
            return self.linter
        key = json.dumps(data, sort_keys=True, separators=(",", ":"))
        linter = self._linters.get(key)
        if linter is None:
            linter = Linter(self._config(data))
            linter.warm_up()  # what it builds on first use is kept, outside any memory zone
            self._linters[key] = linter
            if len(self._linters) > LINTER_CACHE_SIZE:
                self._linters.popitem(last=False)
        self._linters.move_to_end(key)
        return linter

    def _config(self, data: Mapping[str, Any]) -> Config:
        """The server's configuration with the request's keys replaced."""
        parsed = parse_config(data, REQUEST_CONFIG)
        for key in data:
            if key not in REQUEST_CONFIG_KEYS:
                raise ConfigError(
                    f"{REQUEST_CONFIG}: key {key!r} can only be set in the server's --config file"
                )
        names = [key.replace("-", "_") for key in data]
        return replace(self.base, source=REQUEST_CONFIG, **{n: getattr(parsed, n) for n in names})
