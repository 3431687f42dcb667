"""Check a message in a child process, so that a crash or a hang cannot hold it back.

The child runs ``python -m cscomm.hooks.worker MESSAGE VERDICT [--config FILE]
[--fail-on LEVEL]``: it reads the message from the file MESSAGE and writes its
:class:`Verdict` as JSON to the file VERDICT. Files, not pipes, so that nothing the
child or its own children do with their standard streams can stall the parent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from cscomm.config import resolve_config
from cscomm.errors import CscommError, InputError
from cscomm.findings import Severity
from cscomm.hooks.checking import Verdict, judge
from cscomm.mail import looks_like_message
from cscomm.messages import draft_from_message

MESSAGE_LABEL = "message"


class CheckFailed(Exception):
    """The check did not produce a verdict; the message says why."""


def check_in_child(
    data: bytes, config_path: Path | None, fail_on: Severity | None, timeout: float
) -> Verdict:
    """Check ``data`` in a child process; raise :class:`CheckFailed` on any failure or after ``timeout`` s."""
    with tempfile.TemporaryDirectory(prefix="cscomm-") as folder:
        message, verdict, errors = (Path(folder) / name for name in ("message", "verdict", "errors"))
        message.write_bytes(data)
        argv = [sys.executable, "-m", "cscomm.hooks.worker", str(message), str(verdict)]
        if config_path is not None:
            argv += ["--config", str(config_path)]
        if fail_on is not None:
            argv += ["--fail-on", fail_on.name.lower()]
        with errors.open("wb") as stderr:
            # A session of its own, so that ending it also ends whatever it started.
            child = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            status = child.wait(timeout)
        except subprocess.TimeoutExpired:
            raise CheckFailed(f"the check took longer than {timeout:g} s") from None
        finally:
            _end_session(child)
        if status != 0:
            lines = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            raise CheckFailed(lines[-1] if lines else f"the checker exited with status {status}")
        try:
            payload = json.loads(verdict.read_text(encoding="utf-8"))
            return Verdict(bool(payload["blocked"]), int(payload["findings"]), str(payload["report"]))
        except (OSError, ValueError, KeyError, TypeError):
            raise CheckFailed("the checker gave no verdict") from None


def _end_session(child: subprocess.Popen[bytes]) -> None:
    """Kill the child and anything it left running (a grammar server, say), then reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def verdict_for(data: bytes, config_path: Path | None, fail_on: Severity | None) -> Verdict:
    """The verdict on the message ``data`` under the config file ``config_path`` (none:
    the defaults), failing at ``fail_on`` if given.

    Raises:
        CscommError: the config is invalid, or ``data`` is not a message.
    """
    config = resolve_config(config_path, isolated=config_path is None)
    if fail_on is not None:
        config = config.merged(fail_on=fail_on)
    if not looks_like_message(data):
        raise InputError("the input does not start with mail headers")
    return judge([draft_from_message(data, MESSAGE_LABEL)], config)


def main() -> None:
    """The child: one message file in, one verdict file out, a one-line error on stderr."""
    parser = argparse.ArgumentParser(prog="python -m cscomm.hooks.worker")
    parser.add_argument("message", type=Path)
    parser.add_argument("verdict", type=Path)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--fail-on", type=Severity.parse)
    args = parser.parse_args()
    try:
        verdict = verdict_for(args.message.read_bytes(), args.config, args.fail_on)
    except OSError as exc:
        sys.stderr.write(f"cannot read the message: {exc.strerror or exc}\n")
        sys.exit(2)
    except CscommError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(2)
    args.verdict.write_text(json.dumps(asdict(verdict)), encoding="utf-8")
    sys.stderr.flush()
    os._exit(0)  # skip the slow interpreter clean-up of spaCy


if __name__ == "__main__":
    main()
