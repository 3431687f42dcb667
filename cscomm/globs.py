"""Path globs of the configuration (``exclude``, ``per-file-ignores``), as ruff reads them.

A glob with a ``/`` is anchored at the folder it was written for (the config file's, or
the current folder for a command-line option) and matched against the whole path; a
glob without one is matched against a name, as in ``.gitignore``. ``*`` also crosses
folders, and ``**/`` may match no folder at all.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path


def anchor(glob: str, base: Path) -> str:
    """``glob`` made absolute from ``base`` when it has a folder in it; else as it is."""
    return os.path.normpath(os.path.join(os.path.abspath(base), glob)) if "/" in glob else glob


def matches(path: str, glob: str) -> bool:
    """Whether ``path`` (absolute, or a name) matches ``glob`` (anchored, or a name)."""
    return fnmatch.fnmatchcase(path, glob) or fnmatch.fnmatchcase(path, glob.replace("**/", ""))


def matches_any(path: str, globs: Iterable[str]) -> bool:
    """Whether the file or folder ``path`` matches one of ``globs``: anchored globs
    against its absolute path, the others against its name."""
    whole, name = os.path.abspath(path), os.path.basename(os.path.normpath(path))
    return any(matches(whole if "/" in glob else name, glob) for glob in globs)
