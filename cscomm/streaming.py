"""``cscomm check`` as it runs: each file's report written as soon as it is checked (in the
order of the inputs), input problems told on standard error as they are met, a baseline
applied file by file, and a progress bar where it helps (:mod:`cscomm.progress`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from cscomm.progress import Progress, draws_progress
from cscomm.report import FileReport
from cscomm.reporters.stream import OutputOptions, ReportWriter
from cscomm.runner import Batch, CheckRequest, CheckResult

if TYPE_CHECKING:
    from cscomm.baseline import Baseline


def check_and_report(
    request: CheckRequest,
    out: TextIO,
    err: TextIO,
    options: OutputOptions,
    baseline: Baseline | None = None,
) -> CheckResult:
    """Check ``request``'s inputs, writing the report to ``out`` and messages to ``err``;
    return the result, less what ``baseline`` accepts."""
    progress = Progress(err)
    batch = Batch(request, notify=lambda level, message: progress.echo(f"cscomm: {level}: {message}"))
    writer = ReportWriter(out, options)
    if draws_progress(out, err, streams=options.streams, quiet=options.quiet, files=len(batch.paths)):
        progress.start(len(batch.paths))
    files: list[FileReport] = []
    try:
        for file in batch:
            files.append(baseline.filter(file) if baseline else file)
            writer.file(files[-1])
            progress.advance()
    finally:
        progress.stop()
    result = batch.result()
    result = replace(result, report=replace(result.report, files=tuple(files)))
    note = baseline.close() if baseline else None
    if note:
        progress.echo(f"cscomm: {note}")
    writer.finish(result.report, result.rules)
    return result
