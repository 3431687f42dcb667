"""Code actions on a checked buffer: the findings' fixes and "ignore this rule here".

A safe fix (``cscomm check --fix`` applies it) is a preferred quick fix, which editors
apply from one key; an unsafe one (only ``--unsafe-fixes``) is offered but not preferred,
its title says so. ``source.fixAll.cscomm`` applies every safe fix that does not overlap
another, as one round of ``--fix`` does.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from cscomm.fixes import Applicability, Edit, Fix, non_overlapping
from cscomm.lsp.checker import Checked, Placed
from cscomm.lsp.diagnostics import diagnostic, lsp_range
from cscomm.lsp.positions import PositionMap
from cscomm.lsp.suppress import ignore

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.cscomm"
KINDS = (types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll)
"""The kinds the server announces."""


def code_actions(
    checked: Checked,
    uri: str,
    start: int,
    end: int,
    positions: PositionMap,
    only: Sequence[str] | None = None,
) -> list[types.CodeAction]:
    """The actions for the findings that touch buffer offsets ``[start, end]``, then the
    fix-all action; ``only`` keeps the kinds the client asked for."""
    prepared = checked.prepared
    if prepared is None:
        return []
    actions: list[types.CodeAction] = []
    titles: set[str] = set()
    for placed in checked.findings:
        if not _touches(placed, start, end):
            continue
        finding = placed.finding
        diagnostics = [diagnostic(placed, positions)]
        if finding.fix is not None:
            edits = prepared.edits([finding.fix])
            if edits:
                actions.append(
                    types.CodeAction(
                        title=_title(finding.fix, finding.code),
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=diagnostics,
                        is_preferred=finding.fix.applicability is Applicability.SAFE,
                        edit=_workspace_edit(uri, edits, positions),
                    )
                )
        silence = ignore(prepared, finding.code, placed.start)
        if silence is not None and silence.title not in titles:
            titles.add(silence.title)
            actions.append(
                types.CodeAction(
                    title=silence.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=diagnostics,
                    edit=_workspace_edit(uri, [silence.edit], positions),
                )
            )
    safe = [p.finding.fix for p in checked.findings if p.finding.fix is not None]
    edits = prepared.edits(non_overlapping(f for f in safe if f.applicability is Applicability.SAFE))
    if edits:
        actions.append(
            types.CodeAction(
                title="Fix all safe cscomm problems",
                kind=FIX_ALL,
                edit=_workspace_edit(uri, edits, positions),
            )
        )
    return [a for a in actions if _wanted(_value(a.kind), only)]


def _touches(placed: Placed, start: int, end: int) -> bool:
    return placed.start <= end and start <= placed.end


def _title(fix: Fix, code: str) -> str:
    if fix.applicability is Applicability.SAFE:
        return f"{fix.message} ({code})"
    return f"{fix.message} ({code}, unsafe: check the meaning)"


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether ``kind`` is one of ``only`` or below one (``source`` covers ``source.fixAll``)."""
    return not only or any(kind == _value(k) or kind.startswith(f"{_value(k)}.") for k in only)


def _value(kind: str | None) -> str:
    """A kind as its string (lsprotocol's kinds are ``str`` enums, whose ``str()`` is their name)."""
    return str(getattr(kind, "value", kind or ""))


def _workspace_edit(uri: str, edits: Sequence[Edit], positions: PositionMap) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        changes={uri: [types.TextEdit(lsp_range(positions, e.start, e.end), e.content) for e in edits]}
    )
