"""``cscomm lsp`` driven by a real LSP client over stdio: diagnostics on open and after a
change, quick fixes, "ignore this rule here", hover, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from .conftest import RecordingClient, apply, open_buffer, published, replace_all

pytestmark = pytest.mark.asyncio(loop_scope="module")

DRAFT = """Hi Sam,

Thanks for getting in touch. I recieve your parcel today and the the refund is on its way.
It will reach your card by Friday 13 March.

Kind regards,
Ana

On Mon, 9 Mar 2026, Sam <sam@example.com> wrote:
> I recieve nothing yet. When will my refund arrive?
"""


def _by_code(diagnostics: list[types.Diagnostic], code: str) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def _line_of(text: str, needle: str) -> tuple[int, int]:
    """The 0-based line and character of ``needle``'s first occurrence."""
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(needle)


async def _actions(client: RecordingClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


async def test_diagnostics_on_open_skip_the_quoted_customer_text(
    client: RecordingClient, workspace: Path
) -> None:
    uri = (workspace / "reply.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    diagnostics = await published(client, uri, 1)
    misspelt = _by_code(diagnostics, "SG117")
    assert [d.range.start for d in misspelt] == [types.Position(*_line_of(DRAFT, "recieve"))]
    assert misspelt[0].range.end.character - misspelt[0].range.start.character == len("recieve")
    assert misspelt[0].severity == types.DiagnosticSeverity.Warning
    assert misspelt[0].source == "cscomm"
    assert "[common-misspelling]" in misspelt[0].message
    assert _by_code(diagnostics, "SG116"), "the doubled word is reported"


async def test_diagnostics_after_a_change(client: RecordingClient, workspace: Path) -> None:
    uri = (workspace / "changed.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    assert _by_code(await published(client, uri, 1), "SG117")
    line, character = _line_of(DRAFT, "recieve")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(line, character), types.Position(line, character + 7)),
                    text="received",
                )
            ],
        )
    )
    after = await published(client, uri, 2)
    assert not _by_code(after, "SG117")
    assert _by_code(after, "SG116")


async def test_a_code_action_applies_the_safe_fix(client: RecordingClient, workspace: Path) -> None:
    uri = (workspace / "fix.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    (misspelt,) = _by_code(await published(client, uri, 1), "SG117")
    actions = await _actions(client, uri, misspelt)
    (preferred,) = [a for a in actions if a.is_preferred]
    assert preferred.kind == types.CodeActionKind.QuickFix
    assert "receive" in preferred.title
    assert preferred.edit is not None and preferred.edit.changes is not None
    fixed = apply(DRAFT, list(preferred.edit.changes[uri]))
    assert "I receive your parcel" in fixed
    assert "> I recieve nothing yet" in fixed, "the customer's words are never edited"
    assert not [a for a in actions if a.title.startswith("Ignore")], "plain text has no in-text marker"
    replace_all(client, uri, fixed, 2)
    assert not _by_code(await published(client, uri, 2), "SG117")


async def test_fix_all_applies_every_safe_fix(client: RecordingClient, workspace: Path) -> None:
    uri = (workspace / "fix-all.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    await published(client, uri, 1)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    (fix_all,) = [a for a in result or [] if isinstance(a, types.CodeAction)]
    assert fix_all.edit is not None and fix_all.edit.changes is not None
    fixed = apply(DRAFT, list(fix_all.edit.changes[uri]))
    assert "I receive your parcel today and the refund" in fixed


async def test_hover_shows_the_rule_documentation(client: RecordingClient, workspace: Path) -> None:
    uri = (workspace / "hover.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    (misspelt,) = _by_code(await published(client, uri, 1), "SG117")
    inside = types.Position(misspelt.range.start.line, misspelt.range.start.character + 2)
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert result.contents.kind == types.MarkupKind.Markdown
    assert result.contents.value.startswith("# SG117 common-misspelling")
    assert "## Why" in result.contents.value
    assert result.range == misspelt.range
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 1))
    )
    assert nothing is None or "SG117" not in str(nothing.contents)


async def test_markdown_ignore_this_rule_here(client: RecordingClient, workspace: Path) -> None:
    text = "# Refund\n\nHi {{first_name}},\n\nThanks for writing. Your refund will recieve you by Friday.\n"
    uri = (workspace / "macro.md").as_uri()
    open_buffer(client, uri, text, "markdown")
    (placeholder,) = _by_code(await published(client, uri, 1), "SS001")
    assert placeholder.range.start == types.Position(*_line_of(text, "{{first_name}}"))
    actions = await _actions(client, uri, placeholder)
    (silence,) = [a for a in actions if a.title.startswith("Ignore SS001")]
    assert silence.edit is not None and silence.edit.changes is not None
    silenced = apply(text, list(silence.edit.changes[uri]))
    assert "<!-- cscomm-disable-next-line SS001 -->\nHi {{first_name}}," in silenced
    replace_all(client, uri, silenced, 2)
    after = await published(client, uri, 2)
    assert not _by_code(after, "SS001")
    assert _by_code(after, "SG117"), "other rules still report on that line and below"


async def test_mail_findings_point_into_the_body_and_ignore_adds_a_header(
    client: RecordingClient, workspace: Path
) -> None:
    text = (
        "From: Ana <ana@example.com>\nTo: Sam <sam@example.com>\nSubject: Your refund\n\n"
        "Hi Sam,\n\nThanks for writing. I recieve your parcel today.\n\nKind regards,\nAna\n"
    )
    uri = (workspace / "reply.eml").as_uri()
    open_buffer(client, uri, text, "mail")
    diagnostics = await published(client, uri, 1)
    (misspelt,) = _by_code(diagnostics, "SG117")
    assert misspelt.range.start == types.Position(*_line_of(text, "recieve"))
    assert not [d for d in diagnostics if "decoded message body" in d.message]
    actions = await _actions(client, uri, misspelt)
    (fix,) = [a for a in actions if a.is_preferred]
    assert fix.edit is not None and fix.edit.changes is not None
    assert "I receive your parcel" in apply(text, list(fix.edit.changes[uri]))
    (silence,) = [a for a in actions if a.title.startswith("Ignore SG117")]
    assert silence.edit is not None and silence.edit.changes is not None
    silenced = apply(text, list(silence.edit.changes[uri]))
    assert "Subject: Your refund\nX-Cscomm-Ignore: SG117\n\nHi Sam," in silenced
    replace_all(client, uri, silenced, 2)
    assert not _by_code(await published(client, uri, 2), "SG117")


async def test_a_bad_config_is_one_diagnostic_and_the_server_lives_on(
    client: RecordingClient, workspace: Path
) -> None:
    folder = workspace / "team"
    folder.mkdir()
    (folder / "cscomm.toml").write_text('selct = ["ALL"]\n', encoding="utf-8")
    uri = (folder / "draft.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    (problem,) = await published(client, uri, 1)
    assert problem.severity == types.DiagnosticSeverity.Error
    assert "unknown key 'selct'" in problem.message and "\n" not in problem.message
    (folder / "cscomm.toml").write_text('ignore = ["SG117"]\n', encoding="utf-8")
    replace_all(client, uri, DRAFT + "\n", 2)
    fixed = await published(client, uri, 2)
    assert _by_code(fixed, "SG116") and not _by_code(fixed, "SG117")


async def test_a_buffer_that_is_no_draft_gets_a_notice_not_a_crash(
    client: RecordingClient, workspace: Path
) -> None:
    uri = (workspace / "binary.txt").as_uri()
    open_buffer(client, uri, "\x00\x01\x02\x03\x04\x05" * 50)
    (notice,) = await published(client, uri, 1)
    assert notice.severity == types.DiagnosticSeverity.Information
    assert "binary" in notice.message
    empty = (workspace / "empty.md").as_uri()
    open_buffer(client, empty, "", "markdown")
    assert await published(client, empty, 1) == []
    code_only = (workspace / "code.md").as_uri()
    open_buffer(client, code_only, "```\nprint('hi')\n```\n", "markdown")
    (notice,) = await published(client, code_only, 1)
    assert "no prose to check" in notice.message
    uri = (workspace / "alive.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    assert _by_code(await published(client, uri, 1), "SG117")


async def test_closing_a_buffer_clears_its_diagnostics(client: RecordingClient, workspace: Path) -> None:
    uri = (workspace / "closed.txt").as_uri()
    open_buffer(client, uri, DRAFT)
    assert await published(client, uri, 1)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
    assert await published(client, uri, None) == []
