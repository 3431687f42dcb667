"""Hover: the documentation of the rules whose findings lie under the cursor, as the
rule reference (``docs/rules/<CODE>.md``, :mod:`cscomm.rule_docs`) gives it.

The page is made from the rule's own metadata (so a team's own rule packs are
documented too), without the measured precision, which comes from the repository's
README and is not at hand in an installed copy.
"""

from __future__ import annotations

from lsprotocol import types

from cscomm.links import is_absolute
from cscomm.lsp.checker import Checked, Placed
from cscomm.lsp.diagnostics import lsp_range
from cscomm.lsp.positions import PositionMap
from cscomm.rule_docs import ENGINE_FINDINGS, GENERATED, rule_page

PRECISION_SECTION = "\n## Measured precision\n"


def hover(checked: Checked, offset: int, positions: PositionMap, markdown: bool = True) -> types.Hover | None:
    """The documentation of each rule with a finding at buffer ``offset``, as Markdown or,
    for a client that reads only plain text, as the same text marked plain."""
    under = [p for p in checked.findings if _under(p, offset)]
    if not under:
        return None
    pages: dict[str, str] = {}
    for placed in under:
        finding = placed.finding
        if finding.code not in pages:
            page = rule_documentation(checked, finding.code)
            link = f"\n\n[{finding.code} documentation]({finding.url})" if is_absolute(finding.url) else ""
            pages[finding.code] = page + link
    first = under[0]
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
            value="\n\n---\n\n".join(pages.values()),
        ),
        range=lsp_range(positions, first.start, first.end),
    )


def rule_documentation(checked: Checked, code: str) -> str:
    """The reference page of rule ``code`` (Markdown)."""
    rule = checked.registry.get(code) if checked.registry is not None else None
    if rule is not None:
        page = rule_page(rule).replace(f"{GENERATED}\n\n", "", 1)
        return page.split(PRECISION_SECTION, 1)[0].rstrip()
    for (known, name), (severity, text) in ENGINE_FINDINGS.items():
        if known == code:
            return f"# {code} {name}\n\n{text}\n\nSeverity: {severity}."
    return f"# {code}\n\nNo documentation for this code."


def _under(placed: Placed, offset: int) -> bool:
    """Whether the cursor at ``offset`` is on the finding (on its place, for an empty span)."""
    if placed.start == placed.end:
        return offset == placed.start
    return placed.start <= offset < placed.end
