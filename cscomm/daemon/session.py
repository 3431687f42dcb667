"""Run one client's command line inside the daemon, as the client's own process would.

The command runs through :func:`cscomm.cli.invoke` in the client's folder, with the
client's environment, standard input and stream encodings; its standard output and error
are recorded, in the order written, with the terminal state the client has (so colours
are chosen as they would be there; a progress bar is never drawn). A message that
``cscomm sendmail`` would hand to the real sendmail is handed back to the client instead
(:mod:`cscomm.hooks.delivery`), which sends it: a daemon that fails after that point
cannot lose or double a message.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from cscomm.daemon.entry import served
from cscomm.daemon.protocol import pack, unpack
from cscomm.daemon.warm import Lender, lending
from cscomm.hooks.delivery import handed_over

Chunk = tuple[int, bytes]


class Refused(Exception):
    """The request is not one the daemon runs; the client runs it itself."""


class _Recorder(io.BufferedIOBase):
    """The bytes a stream is given, kept with the stream's number in write order."""

    def __init__(self, number: int, chunks: list[Chunk], tty: bool) -> None:
        super().__init__()
        self._number, self._chunks, self._tty = number, chunks, tty

    @property
    def name(self) -> str:
        return f"<the client's {'standard output' if self._number == 1 else 'standard error'}>"

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if data:
            self._chunks.append((self._number, bytes(data)))
        return len(data)

    def isatty(self) -> bool:
        return self._tty


def run_command(request: dict[str, Any], lender: Lender) -> dict[str, Any]:
    """Run the request's command line; its output, exit status and any message to send.

    Raises:
        Refused: a command the daemon does not run, or a malformed request.
    """
    try:
        argv = [str(arg) for arg in request["argv"]]
        cwd, prog = str(request["cwd"]), str(request["prog"])
        env = {str(k): str(v) for k, v in request["env"].items()}
        stdin = unpack(request["stdin"]) if request.get("stdin") is not None else b""
        (in_enc, in_err, _), (out_enc, out_err, out_tty), (err_enc, err_err, _) = request["streams"]
    except Exception as exc:
        raise Refused(f"a malformed request ({exc!r})") from None
    if not served(argv):
        raise Refused("not a command the daemon runs")
    chunks: list[Chunk] = []
    streams: tuple[TextIO, TextIO, TextIO] = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding=in_enc, errors=in_err),
        io.TextIOWrapper(
            _Recorder(1, chunks, bool(out_tty)), encoding=out_enc, errors=out_err, write_through=True
        ),
        io.TextIOWrapper(_Recorder(2, chunks, False), encoding=err_enc, errors=err_err, write_through=True),
    )
    from cscomm.cli import invoke

    with _as_client(cwd, env, streams), lending(lender), handed_over() as handover:
        status = invoke(argv, prog_name=prog)
        for stream in streams[1:]:
            stream.flush()
    delivery = [handover[0][0], pack(handover[0][1])] if handover else None
    return {"exit": status, "output": [[n, pack(data)] for n, data in _joined(chunks)], "deliver": delivery}


@contextmanager
def _as_client(cwd: str, env: dict[str, str], streams: tuple[TextIO, TextIO, TextIO]) -> Iterator[None]:
    """This process in the client's folder, with its environment and standard streams,
    and log messages on its standard error (as ``cscomm.cli.main`` sets them up)."""
    saved_cwd, saved_env = os.getcwd(), dict(os.environ)
    saved_streams = (sys.stdin, sys.stdout, sys.stderr)
    root = logging.getLogger()
    handlers = [h for h in root.handlers if isinstance(h, logging.StreamHandler)]
    saved_level = root.level
    os.chdir(cwd)
    try:
        os.environ.clear()
        os.environ.update(env)
        sys.stdin, sys.stdout, sys.stderr = streams
        previous = [h.stream for h in handlers]
        for handler in handlers:
            handler.setStream(streams[2])
        root.setLevel(logging.DEBUG if env.get("CSCOMM_DEBUG") else logging.WARNING)
        try:
            yield
        finally:
            for handler, stream in zip(handlers, previous, strict=True):
                handler.setStream(stream)
    finally:
        root.setLevel(saved_level)
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)


def _joined(chunks: list[Chunk]) -> Iterator[Chunk]:
    """Consecutive chunks of one stream as one."""
    number, data = 0, b""
    for stream, chunk in chunks:
        if stream != number and data:
            yield number, data
            data = b""
        number, data = stream, data + chunk
    if data:
        yield number, data
