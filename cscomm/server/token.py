"""The per-install token that browser callers of ``cscomm serve`` must send.

It is made once, at random, and kept readable by its owner only in
``$XDG_CONFIG_HOME/cscomm/token`` (``~/.config/cscomm/token`` by default). A browser
extension is given it at set-up (``cscomm serve --print-token``); a web page cannot read
it, so a page cannot use the API even when a user allows its origin by mistake.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from cscomm.errors import ConfigError

TOKEN_BYTES = 32
"""256 random bits, sent as 43 URL-safe characters."""


def token_path() -> Path:
    """``$XDG_CONFIG_HOME/cscomm/token``, else ``~/.config/cscomm/token``."""
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if os.path.isabs(config) else Path.home() / ".config"
    return base / "cscomm" / "token"


def load_token(path: Path) -> str:
    """The token kept at ``path``, made there first (mode 0600) when there is none."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot create the API token ({exc.strerror or exc})") from None
    token = secrets.token_urlsafe(TOKEN_BYTES)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(token + "\n")
    except OSError as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        raise ConfigError(f"{path}: cannot write the API token ({exc.strerror or exc})") from None
    return token


def _read(path: Path) -> str:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        token = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not ASCII"
        raise ConfigError(f"{path}: cannot read the API token ({reason or exc})") from None
    if mode & 0o077:
        raise ConfigError(f"{path}: the API token is readable by others (mode {mode:04o}); chmod 600 it")
    if len(token) < 16 or any(c.isspace() for c in token):
        raise ConfigError(f"{path}: not an API token; delete the file to make a new one")
    return token
