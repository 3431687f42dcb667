"""A progress bar on standard error for a batch, drawn only where it helps.

As cargo decides for its bar: never when standard error is not a terminal, in CI (``CI``
or ``TF_BUILD`` set), with ``TERM=dumb`` or ``--quiet``. And since the bar lives on
standard error, not while the report streams to a terminal too: there each file's
findings are the progress (as pytest's lines are), and a bar redrawn between them would
garble them. A document format (json, sarif…), a report written to a file or a pipe, or
``--statistics`` leave the terminal to the bar until the check ends; it is then cleared.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress


def draws_progress(out: TextIO, err: TextIO, *, streams: bool, quiet: bool, files: int) -> bool:
    """Whether to draw the bar on ``err`` for ``files`` files, the report going to ``out``
    (``streams``: file by file)."""
    if quiet or files < 2 or not _is_terminal(err):
        return False
    if "CI" in os.environ or "TF_BUILD" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return not (streams and _is_terminal(out))


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # closed
        return False


class Progress:
    """Counts the files checked on a bar once :meth:`start` is called, and prints messages
    on standard error above it (or plainly, without a bar).

    The bar is redrawn by each file, not by a thread: a grammar helper process forks only
    from a single-threaded process.
    """

    def __init__(self, err: TextIO) -> None:
        self.err = err
        self._bar: RichProgress | None = None

    def start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("cscomm: checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=self.err),
            auto_refresh=False,
            transient=True,
            redirect_stdout=False,
        )
        self._bar.add_task("check", total=total)
        self._bar.start()
        self._bar.refresh()

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._bar.task_ids[0])
            self._bar.refresh()

    def echo(self, message: str) -> None:
        """Print ``message`` as a line of standard error, above the bar if it is drawn."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            self.err.write(message + "\n")
            self.err.flush()

    def stop(self) -> None:
        """Clear the bar."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
