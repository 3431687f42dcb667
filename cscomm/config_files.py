"""Find the config file that applies to a path, importing nothing heavy.

:mod:`cscomm.config` validates what it finds; the daemon's thin client
(:mod:`cscomm.daemon.entry`) reads one key of it before anything else is imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CONFIG_FILES = (".cscomm.toml", "cscomm.toml", "pyproject.toml")


def find_config_file(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or a folder); the search
    stops at a folder holding ``.git``."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or has_tool_table(candidate)):
                return candidate
        if (directory / ".git").exists():
            return None
    return None


def has_tool_table(path: Path) -> bool:
    """Whether the ``pyproject.toml`` at ``path`` has a ``[tool.cscomm]`` table."""
    import tomllib  # here: a start without a config file does not pay for it

    try:
        return "cscomm" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def read_settings(path: Path) -> dict[str, Any]:
    """The cscomm settings of a config file, unvalidated (``[tool.cscomm]`` of a pyproject.toml).

    Raises:
        OSError, UnicodeDecodeError, tomllib.TOMLDecodeError: the file cannot be read.
    """
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("cscomm", {})
        return table if isinstance(table, dict) else {}
    return data
