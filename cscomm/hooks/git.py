"""git send-email's ``sendemail-validate`` hook: install it, and check each email's prose.

git runs the hook once per email with the email's file as the first argument (newer
git adds more, which are ignored); a non-zero exit stops the whole series. Only the
subject and the message are checked, as a memo: the cover letter's blurb, or the
commit message up to the ``---`` before the diffstat. Diffs, shortlogs and trailers
are left out, and so are rules that presume a reply to a customer.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path
from typing import TextIO

from cscomm.config import resolve_config
from cscomm.document import DocKind, Envelope
from cscomm.draft import Draft
from cscomm.errors import CscommError
from cscomm.findings import Severity
from cscomm.hooks.checking import judge

HOOK_NAME = "sendemail-validate"
EXIT_BLOCKED, EXIT_ERROR = 1, 2
PROSE_NOTICE = "git email: only the subject and the message were checked; line:col refer to them"
# Rules that presume a reply to a customer; a patch email has no next step to state.
NOT_FOR_PATCHES = ("NX001",)

_SUBJECT_TAGS = re.compile(r"^\s*(?:\[[^\]]*\]\s*)+")
_DIFF_START = re.compile(r"^(?:diff --git |Index: |--- a/|\+\+\+ b/)")
_DIFFSTAT_SUMMARY = re.compile(r"^ \d+ files? changed")
_SHORTLOG_HEAD = re.compile(r"^\S.* \(\d+\):$")
_TRAILER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*: \S")
_SIGNATURE = "-- "
_RUN_LINE = b'hook run git-sendemail "$@"'


def hook_script(python: str = sys.executable) -> str:
    """The hook: this cscomm's interpreter when it still exists, else ``cscomm`` on PATH."""
    return (
        "#!/bin/sh\n"
        "# Installed by `cscomm hook install git-sendemail`: git send-email runs it with each\n"
        "# email's file; cscomm checks the prose (not the diff) and a non-zero exit stops sending.\n"
        f"python={shlex.quote(python)}\n"
        'if [ -x "$python" ]; then\n'
        '\texec "$python" -m cscomm hook run git-sendemail "$@"\n'
        "fi\n"
        'exec cscomm hook run git-sendemail "$@"\n'
    )


def install(repo: Path, *, force: bool = False) -> tuple[Path, bool]:
    """Write the hook into ``repo``'s hooks folder (``core.hooksPath`` is honoured).

    Returns the hook's path and whether it was written (``False``: already installed).
    A cscomm hook written by another Python is updated. Raises :class:`CscommError` when
    ``repo`` is not a git repository, or when another hook is there and ``force`` is not set.
    """
    path = hooks_dir(repo) / HOOK_NAME
    script = hook_script().encode()
    current = path.read_bytes() if path.is_file() else None
    if current == script:
        return path, False
    if path.exists() and not force and (current is None or _RUN_LINE not in current):
        raise CscommError(f"{path} already exists and is not cscomm's; use --force to replace it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(script)
        path.chmod(0o755)
    except OSError as exc:
        raise CscommError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path, True


def hooks_dir(repo: Path) -> Path:
    """``git rev-parse --git-path hooks``, run in ``repo``."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--git-path", "hooks"], cwd=repo, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise CscommError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise CscommError(f"{repo}: {done.stderr.strip() or 'not a git repository'}")
    return repo / done.stdout.strip()


def run(
    files: Sequence[str], err: TextIO, *, config_path: Path | None = None, fail_on: Severity | None = None
) -> int:
    """Check the email in ``files[0]``: 0 to send, 1 when findings block, 2 on error in strict mode.

    When cscomm fails, the email may still be sent (a warning is printed) unless the
    config says ``strict = true``. ``CSCOMM_FORCE=1`` skips the check.
    """
    if os.environ.get("CSCOMM_FORCE", "").lower() in {"1", "yes", "true", "on"}:
        return 0
    path = files[0]
    strict = False
    try:
        config = resolve_config(config_path)
        strict = config.strict
        config = config.merged(fail_on=fail_on, ignore=(*config.ignore, *NOT_FOR_PATCHES))
        verdict = judge(email_draft(Path(path).read_bytes(), path), config)
    except Exception as exc:  # cscomm failing must not stop the email unless strict
        reason = str(exc) if isinstance(exc, CscommError | OSError) else f"internal error: {exc!r}"
        if strict:
            err.write(f"cscomm: error: cannot check {path}: {reason}; not sending (strict mode)\n")
            return EXIT_ERROR
        err.write(f"cscomm: warning: cannot check {path}: {reason}; sending it unchecked\n")
        return 0
    if verdict.findings:
        err.write(verdict.report)
    if not verdict.blocked:
        return 0
    err.write(
        f"cscomm: not sending: fix the problems above in {path}, or send anyway with "
        "CSCOMM_FORCE=1 (or git send-email --no-validate)\n"
    )
    return EXIT_BLOCKED


def email_draft(data: bytes, path: str) -> Draft:
    """The prose of a patch email, as a memo whose first line is its subject."""
    message = message_from_bytes(data, policy=policy.default)
    subject = _SUBJECT_TAGS.sub("", str(message.get("Subject", ""))).strip()
    body = message.get_body(preferencelist=("plain",))
    text = prose(str(body.get_content())) if body is not None else ""
    recipients = tuple(getaddresses([str(v) for v in message.get_all("To", [])]))
    envelope = Envelope(subject=subject, recipients=recipients)
    head = f"Subject: {subject}\n\n" if subject else ""
    return Draft(head + text, path, kind=DocKind.MEMO, notices=(PROSE_NOTICE,), envelope=envelope)


def prose(body: str) -> str:
    """``body`` up to its diff, diffstat, shortlog or signature, without a closing trailer block."""
    lines = body.splitlines()
    end = next((i for i in range(len(lines)) if _ends_prose(lines, i)), len(lines))
    paragraphs = "\n".join(lines[:end]).strip().split("\n\n")
    if all(_TRAILER.match(line) for line in paragraphs[-1].splitlines()):
        paragraphs.pop()
    return "\n\n".join(paragraphs).strip() + "\n"


def _ends_prose(lines: list[str], index: int) -> bool:
    line = lines[index]
    if line == _SIGNATURE or line.startswith("diff --git "):
        return True
    if line == "---":
        return any(_DIFF_START.match(ln) or _DIFFSTAT_SUMMARY.match(ln) for ln in lines[index + 1 :])
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(_SHORTLOG_HEAD.match(line)) and following.startswith("  ")
