"""git send-email's ``sendemail-validate`` hook: install it, and check each email's prose.

git runs the hook once per email with the email's file as the first argument (newer
git adds more, which are ignored); a non-zero exit stops the whole series. Only the
subject and the message are checked, as a memo: the cover letter's blurb, or the
commit message up to the ``---`` before the diffstat. Diffs, shortlogs and trailers
are left out, and so are rules that presume a reply to a customer.

The subject is checked on its own for spelling and grammar: as a memo header it would
be skipped, and its words would count as names and excuse the same typo in the message.
Findings point at the lines and columns of the email's file (:mod:`.patch_lines`).
When the daemon runs, the hook runs in it (:mod:`cscomm.daemon.entry`).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path
from typing import TextIO

from cscomm.config import resolve_config
from cscomm.document import DocKind, Envelope
from cscomm.draft import Draft
from cscomm.errors import CscommError
from cscomm.findings import Category, Severity
from cscomm.hooks.checking import judge
from cscomm.hooks.patch_lines import Placement, locate
from cscomm.report import FileReport

HOOK_NAME = "sendemail-validate"
EXIT_BLOCKED, EXIT_ERROR = 1, 2
PROSE_NOTICE = "git email: only the subject and the message were checked"
# Rules that presume a reply to a customer; a patch email has no next step to state.
NOT_FOR_PATCHES = ("NX001",)
MEMO_SUBJECT = "CT008"
"""A memo's subject line: the email's subject is checked on its own, so the message has none."""
SUBJECT_CATEGORIES = frozenset({Category.SPELLING, Category.GRAMMAR})
"""What the subject is checked for (other rules presume sentences and a whole message)."""

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
        email = read_email(Path(path).read_bytes(), path)
        ignored = (*NOT_FOR_PATCHES, *((MEMO_SUBJECT,) if email.subject else ()))
        config = config.merged(fail_on=fail_on, ignore=(*config.ignore, *ignored))
        verdict = judge(email.drafts, config, email.combine)
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


@dataclass(frozen=True, slots=True)
class PatchEmail:
    """A patch email's prose: its message as a memo, its subject alone, and where the
    lines of each are in the email's file."""

    message: Draft
    subject: Draft | None
    message_lines: Placement
    subject_lines: Placement

    @property
    def drafts(self) -> list[Draft]:
        return [self.message] if self.subject is None else [self.message, self.subject]

    def combine(self, reports: Sequence[FileReport]) -> FileReport:
        """One report for the file: the message's findings, and the subject's spelling and
        grammar findings, each at its place in the file."""
        message = self.message_lines.relocate(reports[0])
        if len(reports) < 2:
            return message
        subject = self.subject_lines.relocate(reports[1])
        found = [f for f in subject.findings if f.category in SUBJECT_CATEGORIES]
        findings = tuple(sorted((*found, *message.findings), key=lambda f: f.sort_key))
        return replace(message, findings=findings)


def read_email(data: bytes, path: str) -> PatchEmail:
    """The prose of a patch email: the message up to its diff, and the subject without
    its ``[PATCH …]`` tags."""
    message = message_from_bytes(data, policy=policy.default)
    subject = _SUBJECT_TAGS.sub("", str(message.get("Subject", ""))).strip()
    body = message.get_body(preferencelist=("plain",))
    text = prose(str(body.get_content())) if body is not None else ""
    recipients = tuple(getaddresses([str(v) for v in message.get_all("To", [])]))
    envelope = Envelope(subject=subject, recipients=recipients)
    file_text = data.decode("utf-8", errors="replace")
    file_lines = file_text.splitlines()
    body_start = next((i for i, line in enumerate(file_lines) if not line.strip()), len(file_lines))
    checked = Draft(text, path, kind=DocKind.MEMO, notices=(PROSE_NOTICE,), envelope=envelope)
    placed = Placement(tuple(locate(text.splitlines(), file_lines, body_start)), file_text)
    head, where = _subject_lines(subject, file_lines)
    heading = Draft("\n".join(head) + "\n", path, kind=DocKind.MEMO) if head else None
    return PatchEmail(checked, heading, placed, Placement(tuple(where), file_text))


def _subject_lines(subject: str, file_lines: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """The subject as lines of prose, and where each is in the file.

    A subject folded over several header lines keeps its lines, so that each word is
    found where it is written; an encoded one (``=?utf-8?…``) is one line, placed at
    the start of the header's value.
    """
    if not subject:
        return [], []
    start = next((i for i, line in enumerate(file_lines) if line.lower().startswith("subject:")), None)
    if start is None:
        return [subject], [(1, 0)]
    raw = [file_lines[start][len("subject:") :]]
    raw += [line for line in file_lines[start + 1 :] if line[:1] in (" ", "\t")][: _folds(file_lines, start)]
    first = _SUBJECT_TAGS.sub("", raw[0])
    pieces = [first.strip(), *(line.strip() for line in raw[1:])]
    if " ".join(p for p in pieces if p) != subject:
        return [subject], [(start + 1, len(file_lines[start]) - len(raw[0].lstrip()))]
    lines, placed = [], []
    for number, (piece, line) in enumerate(zip(pieces, [file_lines[start], *raw[1:]], strict=True)):
        if piece:
            lines.append(piece)
            placed.append((start + 1 + number, line.index(piece)))
    return lines, placed


def _folds(file_lines: list[str], start: int) -> int:
    """How many continuation lines follow the header line ``start``."""
    count = 0
    for line in file_lines[start + 1 :]:
        if line[:1] not in (" ", "\t") or not line.strip():
            break
        count += 1
    return count


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
