"""Positions over stdio: UTF-16 code units by default, UTF-8 when the client offers it,
with characters outside the Basic Multilingual Plane and CRLF line ends before a finding."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types

from .conftest import SERVER, RecordingClient, capabilities, open_buffer, published

pytestmark = pytest.mark.asyncio(loop_scope="module")

TEXT = (
    "Hi Zoë,\r\n\r\nThanks for the café photo 😊 of the parcel. I recieve it today and "
    "the refund reaches your card by Friday 13 March.\r\n\r\nKind regards,\r\nAna\r\n"
)
LINE = TEXT.split("\r\n")[2]
BEFORE = LINE[: LINE.index("recieve")]


@pytest_lsp.fixture(config=SERVER, scope="module")
async def utf8_client(lsp_client: RecordingClient, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("utf8")
    (folder / ".git").mkdir()
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities(["utf-8", "utf-16"]), root_uri=folder.as_uri())
    )
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def _misspelt(client: RecordingClient, uri: str) -> types.Diagnostic:
    open_buffer(client, uri, TEXT)
    (found,) = [d for d in await published(client, uri, 1) if d.code == "SG117"]
    return found


async def test_utf16_positions_by_default(client: RecordingClient, workspace: Path) -> None:
    found = await _misspelt(client, (workspace / "utf16.txt").as_uri())
    units = len(BEFORE.encode("utf-16-le")) // 2
    assert found.range == types.Range(types.Position(2, units), types.Position(2, units + len("recieve")))
    assert units == len(BEFORE) + 1, "the emoji is two UTF-16 code units"


async def test_utf8_positions_when_the_client_offers_them(utf8_client: RecordingClient) -> None:
    found = await _misspelt(utf8_client, "untitled:Untitled-1")
    units = len(BEFORE.encode("utf-8"))
    assert found.range == types.Range(types.Position(2, units), types.Position(2, units + len("recieve")))
    result = await utf8_client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri="untitled:Untitled-1"),
            range=found.range,
            context=types.CodeActionContext(diagnostics=[found]),
        )
    )
    (fix,) = [a for a in result or [] if isinstance(a, types.CodeAction) and a.is_preferred]
    assert fix.edit is not None and fix.edit.changes is not None
    (edit,) = fix.edit.changes["untitled:Untitled-1"]
    assert edit.range.start == types.Position(2, units + 3) and edit.new_text == "ei"
