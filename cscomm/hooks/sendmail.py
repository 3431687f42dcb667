"""``cscomm sendmail``: check a message, then hand the very same bytes to the real sendmail.

Exit statuses (sysexits.h, which mail clients know): the real sendmail's own status
when the message was handed over; 65 (EX_DATAERR) when findings block it; 69
(EX_UNAVAILABLE) when the real sendmail cannot be run; 75 (EX_TEMPFAIL) when the check
failed in strict mode. Nothing is ever written to stdout, and nothing to stderr when
the message goes out checked: Emacs reports any output from sendmail as a failure.

Two headers are for cscomm alone and are removed before sending, every other byte kept:
``X-Cscomm-Override: yes`` sends without checking, and ``X-Cscomm-Ignore: CODE, …``
skips those rules for this message.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from cscomm.config import Config, resolve_config
from cscomm.daemon.warm import Expired, serving, time_limit
from cscomm.errors import CscommError
from cscomm.findings import Severity
from cscomm.hooks.checking import Verdict
from cscomm.hooks.delivery import ACTIVE, EX_UNAVAILABLE, deliver
from cscomm.hooks.headers import pop_header
from cscomm.hooks.worker import CheckFailed, check_in_child, verdict_for
from cscomm.suppression import IGNORE_HEADER

EX_DATAERR, EX_TEMPFAIL = 65, 75
DEFAULT_SENDMAIL = "/usr/sbin/sendmail"
OVERRIDE_HEADER = "X-Cscomm-Override"
_YES = frozenset({"1", "yes", "true", "on"})


@dataclass(frozen=True, slots=True)
class SendmailOptions:
    """The command line: cscomm's options, and the arguments for the real sendmail."""

    args: tuple[str, ...] = ()
    sendmail: str | None = None
    config: Path | None = None
    isolated: bool = False
    fail_on: Severity | None = None
    strict: bool = False
    timeout: float = 20.0
    report_file: Path | None = None


@dataclass(frozen=True, slots=True)
class _Decision:
    """What to do with the message: the bytes to send (``None``: hold it) and what to say."""

    send: bytes | None
    status: int
    report: str
    stderr: str = ""


def run(data: bytes, options: SendmailOptions, err: TextIO) -> int:
    """Check ``data`` and send it, or hold it back; return the exit status."""
    if os.environ.get(ACTIVE):
        err.write(
            "cscomm: error: the real sendmail command is `cscomm sendmail` again; set it with "
            "--sendmail, CSCOMM_SENDMAIL or `sendmail` in the config. The message was not sent.\n"
        )
        return EX_UNAVAILABLE
    try:
        config, problem = resolve_config(options.config, isolated=options.isolated), None
    except CscommError as exc:
        config, problem = Config(), str(exc)
    except Exception as exc:  # a bug in cscomm must not hold back the message
        config, problem = Config(), f"internal error: {type(exc).__name__}: {exc}"
    try:
        command = sendmail_command(options.sendmail, config)
    except ValueError as exc:
        err.write(f"cscomm: error: {exc}. The message was not sent.\n")
        return EX_UNAVAILABLE
    report_file = options.report_file or config.report_file or default_report_file()
    decision = _decide(data, options, config, problem)
    written = _write_report(report_file, decision.report, err)
    err.write(decision.stderr)
    if written and decision.status == EX_DATAERR:
        err.write(f"cscomm: this report is also in {report_file}\n")
    if decision.send is None:
        return decision.status
    return deliver([*command, *options.args], decision.send, err)


def sendmail_command(option: str | None, config: Config) -> list[str]:
    """The real sendmail: ``--sendmail``, else ``$CSCOMM_SENDMAIL``, else the config, else the default."""
    line = option or os.environ.get("CSCOMM_SENDMAIL") or config.sendmail or DEFAULT_SENDMAIL
    try:
        command = shlex.split(line)
    except ValueError as exc:
        raise ValueError(f"cannot read the sendmail command {line!r} ({exc})") from None
    if not command:
        raise ValueError("the sendmail command is empty")
    return command


def default_report_file() -> Path:
    """``$XDG_STATE_HOME/cscomm/last-report.txt``, else ``~/.local/state/cscomm/last-report.txt``."""
    state = os.environ.get("XDG_STATE_HOME", "")
    base = Path(state) if os.path.isabs(state) else Path.home() / ".local" / "state"
    return base / "cscomm" / "last-report.txt"


def _decide(data: bytes, options: SendmailOptions, config: Config, problem: str | None) -> _Decision:
    """Never raises: when cscomm fails, the message goes out unchecked (held in strict mode)."""
    message = checked = data
    try:
        checked, values = pop_header(data, OVERRIDE_HEADER)
        message, _ = pop_header(checked, IGNORE_HEADER)  # the check reads it; the recipient never does
        if os.environ.get("CSCOMM_FORCE", "").lower() in _YES:
            return _Decision(message, 0, "Sent without checking: CSCOMM_FORCE is set.\n")
        if any(value.lower() in _YES for value in values):
            return _Decision(
                message,
                0,
                f"Sent without checking: the {OVERRIDE_HEADER} header asked "
                "for it (the header was removed).\n",
            )
        if problem is not None:
            raise CheckFailed(problem)
        config_path = Path(config.source) if config.source else None
        check = _check_here if serving() else check_in_child
        verdict = check(checked, config_path, options.fail_on, options.timeout)
    except CheckFailed as exc:
        reason = str(exc)
    except Exception as exc:  # a bug in cscomm must not hold back the message
        reason = f"internal error: {type(exc).__name__}: {exc}"
    else:
        if not verdict.blocked:
            return _Decision(message, 0, verdict.report)
        level = str(options.fail_on or config.fail_on)
        advice = (
            f"fix the problems at or above {level!r} level, or send anyway with the header "
            f'"{OVERRIDE_HEADER}: yes" (or CSCOMM_FORCE=1)'
        )
        return _Decision(
            None,
            EX_DATAERR,
            f"{verdict.report}Not sent: {advice}.\n",
            f"{verdict.report}cscomm: not sent: {advice}.\n",
        )
    if options.strict or config.strict:
        return _Decision(
            None,
            EX_TEMPFAIL,
            f"Not sent: cscomm could not check the message ({reason}); strict mode is on.\n",
            f"cscomm: error: could not check the message ({reason}); not sent (strict mode).\n",
        )
    return _Decision(
        message,
        0,
        f"Sent unchecked: cscomm could not check the message ({reason}).\n",
        f"cscomm: warning: could not check the message ({reason}); it was sent unchecked.\n",
    )


def _check_here(data: bytes, config_path: Path | None, fail_on: Severity | None, timeout: float) -> Verdict:
    """Inside the daemon: check with its warm linters, within ``timeout`` s and with the
    failures worded as :func:`check_in_child` words them."""
    try:
        with time_limit(timeout):
            return verdict_for(data, config_path, fail_on)
    except Expired:
        raise CheckFailed(f"the check took longer than {timeout:g} s") from None
    except CscommError as exc:
        raise CheckFailed(str(exc)) from None


def _write_report(path: Path, text: str, err: TextIO) -> bool:
    """Keep the outcome where clients that discard stderr (aerc) still let the user see it;
    the file is the user's alone (0600), as drafts are private. Whether it was written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as file:
            os.fchmod(fd, 0o600)  # also when it existed with wider permissions
            file.write(text)
    except OSError as exc:
        err.write(f"cscomm: warning: cannot write the report to {path}: {exc.strerror or exc}\n")
        return False
    return True
