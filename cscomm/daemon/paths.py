"""Where the daemon lives: a private folder per user, and the files in it.

``$XDG_RUNTIME_DIR/cscomm`` when the session has a runtime folder, else
``$TMPDIR/cscomm-UID``. Either must be a real folder (not a link) owned by this user with
no access for anyone else (0700); a folder that is not is refused, never used or repaired,
since another user could have made it to catch drafts.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

SOCKET = "daemon.sock"
ENDPOINT = "daemon.json"
"""Written by the daemon once it serves: its pid, socket or port, and the token clients send."""
LOCK = "daemon.lock"
"""Held (``flock``) by the running daemon for its lifetime: one daemon per folder."""
LOG = "daemon.log"
UNIX_PATH_MAX = 104
"""The longest socket path that binds everywhere (macOS; Linux allows 107 bytes)."""


class UnsafeFolder(Exception):
    """The runtime folder is not this user's alone."""


def runtime_dir(*, create: bool) -> Path | None:
    """The daemon's folder, made when ``create`` (else ``None`` if it does not exist).

    Raises:
        UnsafeFolder: it exists but another user owns it, or others may enter it, or it is a link.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and os.path.isdir(runtime):
        folder = Path(runtime) / "cscomm"
    else:
        temp = next((os.environ[k] for k in ("TMPDIR", "TEMP", "TMP") if os.environ.get(k)), "/tmp")
        folder = Path(temp) / f"cscomm-{os.geteuid()}"
    if create:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    elif not os.path.lexists(folder):
        return None
    check_private(folder, directory=True)
    return folder


def check_private(path: Path, *, directory: bool = False) -> None:
    """Raise :class:`UnsafeFolder` unless ``path`` is this user's and no one else's.

    A folder must be mode 0700 exactly as far as others go (no group or other bits);
    a file must have no group or other bits either.
    """
    info = os.lstat(path)
    kind = "folder" if directory else "file"
    if directory and not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(f"{path} is not a folder")
    if info.st_uid != os.geteuid():
        raise UnsafeFolder(f"the daemon's {kind} {path} belongs to another user")
    if info.st_mode & 0o077:
        raise UnsafeFolder(
            f"the daemon's {kind} {path} is open to other users (mode {info.st_mode & 0o777:o})"
        )
