"""Write a report while the check runs: in the formats made of lines (text, concise, github,
jsonl) each file as soon as it is checked; the documents (json, sarif, junit, checkstyle)
and ``--statistics`` whole, at the end."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from cscomm.report import FileReport, Report
from cscomm.reporters import report_statistics, report_statistics_json, write_report
from cscomm.reporters.github import report_github_file
from cscomm.reporters.json import report_jsonl_file
from cscomm.reporters.text import report_text_file, report_text_summary

if TYPE_CHECKING:
    from cscomm.checks.base import Rule

STREAMING_FORMATS = ("text", "concise", "github", "jsonl")


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """How the report is written (the output options of ``cscomm check``)."""

    output_format: str = "text"
    color: bool | None = None
    verbose: bool = False
    quiet: bool = False
    statistics: bool = False

    @property
    def streams(self) -> bool:
        """Whether each file is written as soon as it is checked."""
        return self.output_format in STREAMING_FORMATS and not self.statistics

    @property
    def text(self) -> bool:
        return self.output_format in ("text", "concise")


class ReportWriter:
    """Writes a report to ``out`` in the chosen format: :meth:`file` for each file as it is
    checked, :meth:`finish` once with the whole report."""

    def __init__(self, out: TextIO, options: OutputOptions) -> None:
        self.out = out
        self.options = options

    def file(self, file: FileReport) -> None:
        """Write ``file`` now if the format streams, flushed so that a pipe gets it at once."""
        options = self.options
        if not options.streams:
            return
        if options.text:
            report_text_file(
                file,
                self.out,
                color=options.color,
                verbose=options.verbose,
                concise=options.output_format == "concise",
                quiet=options.quiet,
            )
        elif options.output_format == "github":
            report_github_file(file, self.out)
        else:
            report_jsonl_file(file, self.out)
        self.out.flush()

    def finish(self, report: Report, rules: Mapping[str, type[Rule]] | None = None) -> None:
        """Write what comes at the end: the text summary, the statistics, or the document
        (``rules`` describe the rules in SARIF)."""
        options = self.options
        if options.text and not report.files and report.errors:
            return  # "0 files" would only repeat the errors on stderr
        if options.statistics and options.output_format == "json":
            report_statistics_json(report, self.out)
        elif options.statistics:
            report_statistics(report, self.out, color=options.color, quiet=options.quiet)
        elif options.text and not options.quiet:
            report_text_summary(report, self.out, color=options.color)
        elif not options.streams:
            write_report(report, self.out, options.output_format, rules=rules)
        self.out.flush()
