"""Find the files a check reads, as ruff and ripgrep walk a project.

A folder is walked for text files (:data:`~cscomm.sources.TEXT_SUFFIXES`), skipping hidden
files and folders, what the ignore files of its git repository ignore, and the
``exclude`` globs. A file named on the command line is read even so, unless
``force_exclude`` asks for the ``exclude`` globs to apply to it too (pre-commit names files).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pathspec

from cscomm.globs import matches_any
from cscomm.sources import TEXT_SUFFIXES

Excludes = Callable[[str], Sequence[str]]
"""The ``exclude`` globs that apply to an input path (those of its configuration)."""


def expand_paths(
    paths: Sequence[str], excludes: Excludes, *, force_exclude: bool = False
) -> tuple[list[str], list[str]]:
    """Expand folders into the files they hold, each folder's sorted; return (files, errors)."""
    files: list[str] = []
    errors: list[str] = []
    for path in paths:
        if path == "-":
            files.append(path)
            continue
        exclude = excludes(path)
        if force_exclude and _named_excluded(path, exclude):
            continue
        if not Path(path).is_dir():
            files.append(path)
            continue
        found = sorted(_walk(Path(path), exclude))
        if not found:
            errors.append(f"{path}: directory holds no files to check (*.txt, *.md, *.html, *.eml)")
        files.extend(found)
    return files, errors


def _named_excluded(path: str, exclude: Sequence[str]) -> bool:
    """Whether ``path`` or a folder in it, as written, matches an ``exclude`` glob."""
    named = Path(path)
    return any(matches_any(str(p), exclude) for p in (named, *named.parents) if p.name)


def _walk(root: Path, exclude: Sequence[str]) -> Iterator[str]:
    ignore = GitIgnore.around(root)

    def skipped(path: Path, is_dir: bool) -> bool:
        return (
            path.name.startswith(".")
            or matches_any(str(path), exclude)
            or (ignore is not None and ignore.ignored(path, is_dir))
        )

    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders[:] = [name for name in subfolders if not skipped(here / name, True)]
        for name in names:
            file = here / name
            if file.suffix.lower() in TEXT_SUFFIXES and file.is_file() and not skipped(file, False):
                yield str(file)


class GitIgnore:
    """The ignore files of a git repository: each folder's ``.gitignore`` and the
    repository's ``.git/info/exclude``.

    As git reads them: a deeper ``.gitignore`` overrides a shallower one, which overrides
    ``info/exclude``, and within a file the last matching pattern wins (``!`` re-includes).
    """

    def __init__(self, top: Path) -> None:
        self.top = top
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self._info = _read_spec(top / ".git" / "info" / "exclude")

    @classmethod
    def around(cls, folder: Path) -> GitIgnore | None:
        """The repository ``folder`` is in; ``None`` outside one (ruff and ripgrep then
        read no ``.gitignore`` either)."""
        start = Path(os.path.abspath(folder))
        top = next((d for d in (start, *start.parents) if (d / ".git").exists()), None)
        return cls(top) if top is not None else None

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """Whether the repository ignores the file or folder ``path``."""
        path = Path(os.path.abspath(path))
        for folder in path.parents:
            if folder != self.top and self.top not in folder.parents:
                break
            decision = self._decide(self._spec(folder), path, folder, is_dir)
            if decision is not None:
                return decision
        return bool(self._decide(self._info, path, self.top, is_dir))

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            self._specs[folder] = _read_spec(folder / ".gitignore")
        return self._specs[folder]

    @staticmethod
    def _decide(spec: pathspec.GitIgnoreSpec | None, path: Path, folder: Path, is_dir: bool) -> bool | None:
        if spec is None:
            return None
        relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
        return spec.check_file(relative).include


def _read_spec(file: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        return pathspec.GitIgnoreSpec.from_lines(file.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return None
