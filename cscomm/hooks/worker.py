"""Check a message in a child process, so that a crash or a hang cannot hold it back.

The child runs ``python -m cscomm.hooks.worker [--config FILE] [--fail-on LEVEL]``,
reads the message on stdin and writes its :class:`Verdict` as JSON on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from cscomm.errors import CscommError, InputError
from cscomm.findings import Severity
from cscomm.hooks.checking import Verdict, hook_config, judge
from cscomm.mail import looks_like_message
from cscomm.messages import draft_from_message

MESSAGE_LABEL = "message"


class CheckFailed(Exception):
    """The check did not produce a verdict; the message says why."""


def check_in_child(data: bytes, config_path: Path | None, fail_on: Severity | None,
                   timeout: float) -> Verdict:
    """Check ``data`` in a child process; raise :class:`CheckFailed` on any failure or after ``timeout`` s."""
    argv = [sys.executable, "-m", "cscomm.hooks.worker"]
    if config_path is not None:
        argv += ["--config", str(config_path)]
    if fail_on is not None:
        argv += ["--fail-on", fail_on.name.lower()]
    # Its own session, so that a timeout also ends the grammar backend it may start.
    child = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = child.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(child)
        raise CheckFailed(f"the check took longer than {timeout:g} s") from None
    if child.returncode != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        raise CheckFailed(lines[-1] if lines else f"the checker exited with status {child.returncode}")
    try:
        payload = json.loads(out)
        return Verdict(bool(payload["blocked"]), int(payload["findings"]), str(payload["report"]))
    except (ValueError, KeyError, TypeError):
        raise CheckFailed("the checker returned no verdict") from None


def _kill(child: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    for stream in (child.stdin, child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def main() -> None:
    """The child: message on stdin, verdict on stdout, a one-line error on stderr."""
    parser = argparse.ArgumentParser(prog="python -m cscomm.hooks.worker")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--fail-on", type=Severity.parse)
    args = parser.parse_args()
    data = sys.stdin.buffer.read()
    try:
        config = hook_config(args.config, isolated=args.config is None)
        if args.fail_on is not None:
            config = config.merged(fail_on=args.fail_on)
        if not looks_like_message(data):
            raise InputError("the input does not start with mail headers")
        verdict = judge(draft_from_message(data, MESSAGE_LABEL), config)
    except CscommError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(2)
    sys.stdout.write(json.dumps(asdict(verdict)))
    sys.stdout.flush()
    os._exit(0)  # skip the slow interpreter clean-up of spaCy


if __name__ == "__main__":
    main()
