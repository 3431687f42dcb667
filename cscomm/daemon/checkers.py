"""The daemon's linters: one per configuration, rebuilt when the config or its packs change.

A linter is kept under its resolved settings plus the modification times and sizes of
the files it read when built: the config file, each rule pack's files, the dictionary
files. Editing any of them makes the next check build a new linter (a reload). The
built-in rules and cscomm's own code are loaded once per process; :func:`code_stamp`
tells the daemon when the files it loaded change, and it then exits rather than serve
stale rules.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cscomm.config import Config
from cscomm.engine import Linter
from cscomm.resources import rules_dir

if TYPE_CHECKING:
    from cscomm.draft import Draft
    from cscomm.report import FileReport

CACHE_SIZE = 8
log = logging.getLogger(__name__)
Stamp = list[tuple[str, int, int]]


class WarmLinter(Linter):
    """A linter that calls ``on_check`` before each check (the daemon tells its client
    that work goes on, and turns away clients that would wait behind it)."""

    def __init__(self, config: Config, on_check: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_check = on_check

    def check_many(self, drafts: Iterable[Draft], *, batch_size: int = 16) -> list[FileReport]:
        self._on_check()
        return super().check_many(drafts, batch_size=batch_size)


class LinterCache:
    """Warm linters by configuration (least recently used dropped): the daemon's lender."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._linters: OrderedDict[str, Linter] = OrderedDict()
        self.on_check: Callable[[], None] = lambda: None
        self.spoiled = False
        self.built = 0

    def linter(self, config: Config) -> Linter:
        """The linter for ``config``, built if its settings or files are new."""
        key = cache_key(config)
        linter = self._linters.get(key)
        if linter is None:
            linter = WarmLinter(config, lambda: self.on_check())
            self.built += 1
            log.info("built a linter for %s", config.source or "the defaults")
            self._linters[key] = linter
            if len(self._linters) > self._size:
                self._linters.popitem(last=False)
        self._linters.move_to_end(key)
        return linter

    def spoil(self) -> None:
        self.spoiled = True

    def __len__(self) -> int:
        return len(self._linters)


def cache_key(config: Config) -> str:
    """``config``'s settings and the state of the files a linter reads from it."""
    files = [config.source] if config.source else []
    files += [str(p) for p in (*config.packs, *config.dictionary_files)]
    settings = json.dumps(config.to_dict(), sort_keys=True, default=str)
    languagetool = os.environ.get("CSCOMM_LANGUAGETOOL_URL", "")
    return json.dumps([settings, languagetool, [stamp([Path(f)]) for f in files]])


def code_files() -> list[Path]:
    """cscomm's modules loaded in this process, and the built-in rules folder."""
    loaded = {
        getattr(module, "__file__", None)
        for name, module in list(sys.modules.items())
        if name == "cscomm" or name.startswith("cscomm.")
    }
    return [*sorted(Path(f) for f in loaded if f), rules_dir()]


def code_stamp(files: Sequence[Path]) -> Stamp:
    """The state of ``files`` (:func:`code_files`), which a process loads once: when it
    changes, the daemon exits rather than answer with code or rules no longer on disk."""
    return stamp(files, suffixes=(".py", ".yml", ".yaml", ".txt", ".json"))


def stamp(paths: Sequence[Path], suffixes: tuple[str, ...] = ()) -> Stamp:
    """(path, mtime in ns, size) of each file at or below ``paths`` (with one of ``suffixes``,
    if given); a path that does not exist counts as ``(path, -1, -1)``."""
    found: Stamp = []
    for path in paths:
        if not path.exists():
            found.append((str(path), -1, -1))
            continue
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if suffixes and file.suffix not in suffixes and file != path:
                continue
            try:
                info = file.stat()
            except OSError:
                continue
            found.append((str(file), info.st_mtime_ns, info.st_size))
    return found
