"""The ``cscomm`` console entry point: hand the command to the warm daemon, else run it here.

``cscomm check``, ``cscomm sendmail`` and ``cscomm hook run git-sendemail`` go to the
daemon when the ``daemon`` setting is ``auto`` (:func:`mode`): the command line, the
current folder, the environment and standard input are sent, and the daemon answers the
exact output and exit status the command would give here. Every other command, the
options that write files or fork (``--fix``, ``--baseline``, ``--jobs``) and ``--help``
run in-process, as does any command the daemon cannot serve: when none is running (one
is then started for next time, outside CI), when it is slow (no sign of work for
``CSCOMM_DAEMON_TIMEOUT`` seconds, default 30), or when it fails. Nothing is printed
before the daemon's answer is complete, so a fallback prints the same as the daemon would.

Only the standard library's light modules are imported before the daemon answers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

from cscomm.config_files import find_config_file, read_settings
from cscomm.daemon.client import Unavailable, exchange
from cscomm.daemon.protocol import pack, unpack

DEFAULT_TIMEOUT = 30.0
IN_PROCESS = frozenset({"--fix", "--baseline", "--update-baseline", "-j", "--jobs", "--help", "-h"})
"""Options of a served command that make it run in-process (files written, processes forked, help)."""


def main() -> None:
    """Run ``sys.argv``: through the daemon when it serves the command, else in-process."""
    argv = sys.argv[1:]
    if served(argv) and mode(argv) == "auto":
        stdin = _read_stdin(argv)
        try:
            done = exchange(_request(argv, stdin), timeout())
            _finish(argv, done)
        except Unavailable as exc:
            if exc.absent and may_start():
                from cscomm.daemon.control import start_in_background

                start_in_background()
        if stdin is not None:  # the in-process run reads the same bytes
            sys.stdin = io.TextIOWrapper(
                io.BytesIO(stdin), encoding=sys.stdin.encoding, errors=sys.stdin.errors
            )
    from cscomm.cli import main as run_here

    run_here()


def served(argv: list[str]) -> bool:
    """Whether the daemon runs this command line."""
    if argv[:1] == ["check"]:
        return not any(arg.split("=", 1)[0] in IN_PROCESS or arg.startswith("-j") for arg in argv)
    if argv[:1] == ["sendmail"] or argv[:3] == ["hook", "run", "git-sendemail"]:
        return "--help" not in argv
    return False


def mode(argv: list[str]) -> str:
    """``auto`` or ``off``: ``$CSCOMM_DAEMON``, else the ``daemon`` setting of ``--config``
    or of the current folder's config file. A config that cannot be read gives ``off``
    (the in-process run reports it)."""
    chosen = os.environ.get("CSCOMM_DAEMON", "").strip().lower()
    if chosen:
        return chosen if chosen in ("auto", "off") else "off"
    options = argv[: argv.index("--")] if "--" in argv else argv
    if "--isolated" in options:
        return "auto"
    path = next((Path(a.split("=", 1)[1]) for a in options if a.startswith("--config=")), None)
    if path is None and "--config" in options[:-1]:
        path = Path(options[options.index("--config") + 1])
    try:
        path = path or find_config_file(Path.cwd())
        value = read_settings(path).get("daemon", "auto") if path else "auto"
    except Exception:  # unreadable or invalid: the in-process run says so
        return "off"
    return value if value in ("auto", "off") else "off"


def may_start() -> bool:
    """Whether a command may start the daemon: not in CI, whose runs must leave no process."""
    return os.environ.get("CI", "").strip().lower() in ("", "0", "false", "no")


def timeout() -> float:
    """Seconds to wait for each sign of work from the daemon (``$CSCOMM_DAEMON_TIMEOUT``)."""
    try:
        seconds = float(os.environ.get("CSCOMM_DAEMON_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_TIMEOUT


def _read_stdin(argv: list[str]) -> bytes | None:
    """Standard input, read whole, when the command reads it (``sendmail``; ``check -``)."""
    if argv[0] == "sendmail" or (argv[0] == "check" and "-" in argv):
        return sys.stdin.buffer.read()
    return None


def _request(argv: list[str], stdin: bytes | None) -> dict[str, Any]:
    """What the daemon needs to run ``argv`` as this process would."""
    env = dict(os.environ)
    if sys.stdout.isatty() and "COLUMNS" not in env:
        size = os.get_terminal_size(sys.stdout.fileno())
        env |= {"COLUMNS": str(size.columns), "LINES": str(size.lines)}
    streams = [(s.encoding, s.errors, s.isatty()) for s in (sys.stdin, sys.stdout, sys.stderr)]
    return {
        "op": "run",
        "argv": argv,
        "prog": program_name(),
        "cwd": os.getcwd(),
        "env": env,
        "stdin": pack(stdin) if stdin is not None else None,
        "streams": streams,
    }


def program_name() -> str:
    """The program's name as click gives it in messages (``cscomm``, ``python -m cscomm``)."""
    package = getattr(sys.modules["__main__"], "__package__", None)
    if not package:
        return os.path.basename(sys.argv[0])
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


def _finish(argv: list[str], done: dict[str, Any]) -> None:
    """Print the daemon's output, hand a message to the real sendmail if asked, and exit.

    Raises:
        Unavailable: the answer is malformed (nothing has been printed).
    """
    try:
        output = [(int(stream), unpack(chunk)) for stream, chunk in done["output"]]
        status = int(done["exit"])
        handover = done.get("deliver")
        delivery = None if handover is None else ([str(a) for a in handover[0]], unpack(handover[1]))
    except Exception as exc:
        raise Unavailable(f"a malformed answer ({exc!r})") from None
    try:
        for stream, chunk in output:
            target = sys.stdout if stream == 1 else sys.stderr
            target.buffer.write(chunk)
            target.flush()
        if delivery is not None:
            from cscomm.hooks.delivery import deliver

            status = deliver(*delivery, sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        status = status or 1
    os._exit(status)
