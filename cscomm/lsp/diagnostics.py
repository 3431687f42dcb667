"""A buffer's check as LSP diagnostics: one per finding, where it stands in the buffer,
then the file's notices (a check that was not complete must not look clean) and, when
the buffer could not be checked, why."""

from __future__ import annotations

import re

from lsprotocol import types

from cscomm.findings import Severity
from cscomm.links import is_absolute
from cscomm.lsp.checker import Checked, Placed
from cscomm.lsp.positions import PositionMap

SOURCE = "cscomm"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}
_NOTICE_CODE = re.compile(r"CS\d{3}\b")
_START = types.Range(types.Position(0, 0), types.Position(0, 0))


def lsp_range(positions: PositionMap, start: int, end: int) -> types.Range:
    """The LSP range of buffer offsets ``[start, end)``."""
    return types.Range(types.Position(*positions.position(start)), types.Position(*positions.position(end)))


def diagnostics(checked: Checked, positions: PositionMap) -> list[types.Diagnostic]:
    """The diagnostics to publish for ``checked`` (``positions`` over its text)."""
    out: list[types.Diagnostic] = []
    if checked.problem:
        severity = (
            types.DiagnosticSeverity.Error if checked.config_error else types.DiagnosticSeverity.Information
        )
        out.append(types.Diagnostic(range=_START, message=checked.problem, severity=severity, source=SOURCE))
    out += [diagnostic(placed, positions) for placed in checked.findings]
    for notice in checked.notices:
        code = _NOTICE_CODE.match(notice)
        out.append(
            types.Diagnostic(
                range=_START,
                message=notice,
                severity=types.DiagnosticSeverity.Information,
                code=code.group() if code else None,
                source=SOURCE,
            )
        )
    return out


def diagnostic(placed: Placed, positions: PositionMap) -> types.Diagnostic:
    """The diagnostic of one finding."""
    finding = placed.finding
    return types.Diagnostic(
        range=lsp_range(positions, placed.start, placed.end),
        message=f"{finding.message} [{finding.name}]",
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=finding.url) if is_absolute(finding.url) else None,
        source=SOURCE,
    )
