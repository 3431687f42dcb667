"""JUnit XML, for CI systems that show test reports: each draft is a test suite."""

from __future__ import annotations

from typing import TextIO

from cscomm.report import Report
from cscomm.reporters._xml import element, write_xml


def report_junit(report: Report, out: TextIO) -> None:
    """One ``testsuite`` per file with a failing ``testcase`` per finding, or one passing
    testcase for a clean file (``skipped`` if a notice says it was not fully checked); the
    file's notices go in its ``system-out``."""
    tests = sum(max(1, len(file.findings)) for file in report.files)
    failures = len(report.findings)
    root = element(None, "testsuites", name="cscomm", tests=tests, failures=failures, errors=0)
    for file in report.files:
        skipped = int(file.incomplete and not file.findings)
        suite = element(
            root,
            "testsuite",
            name=file.path,
            tests=max(1, len(file.findings)),
            failures=len(file.findings),
            errors=0,
            skipped=skipped,
        )
        for f in file.findings:
            case = element(
                suite,
                "testcase",
                name=f"{f.code} {f.name}",
                classname=file.path,
                file=file.path,
                line=f.line,
                column=f.column,
            )
            where = f"{file.path}:{f.line}:{f.column}"
            text = f"{where}: {f.severity} {f.code} {f.message} [{f.name}]"
            element(case, "failure", text, message=f.message, type=f.severity)
        if not file.findings:
            case = element(suite, "testcase", name="no problems", classname=file.path, file=file.path)
            if skipped:
                element(case, "skipped", message="not fully checked (see the notices)")
        if file.notices:
            element(suite, "system-out", "\n".join(file.notices))
    write_xml(root, out)
