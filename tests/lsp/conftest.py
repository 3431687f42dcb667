"""A real language client (pytest-lsp) driving ``cscomm lsp`` as a subprocess over stdio.

Each test module that uses ``client`` gets one server, initialised on a fresh workspace
folder (``workspace``) and shut down at the end. ``published`` waits for the diagnostics
the server publishes for one version of a buffer.
"""

from __future__ import annotations

import asyncio
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

FIRST_CHECK_SECONDS = 120
"""The first diagnostics wait for the model to load (slow on a busy machine)."""


class RecordingClient(LanguageClient):
    """A test client that keeps every ``publishDiagnostics`` with its version."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: defaultdict[str, list[types.PublishDiagnosticsParams]] = defaultdict(list)


def _record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published[params.uri].append(params)


def make_client() -> RecordingClient:
    client = RecordingClient()
    register_lsp_features(
        client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record}
    )
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "cscomm", "lsp"], client_factory=make_client
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace folder: a git repository, so no config file above it is found."""
    folder = tmp_path_factory.mktemp("workspace")
    (folder / ".git").mkdir()
    return folder


def capabilities(encodings: list[str] | None = None) -> types.ClientCapabilities:
    """A client that applies workspace edits and reads Markdown hovers, offering
    ``encodings`` for positions (none: the LSP default, UTF-16)."""
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    return types.ClientCapabilities(
        general=general,
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
                    )
                ),
                is_preferred_support=True,
            ),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        ),
    )


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: RecordingClient, workspace: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities(), root_uri=workspace.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


async def published(
    client: RecordingClient, uri: str, version: int | None, timeout: float = FIRST_CHECK_SECONDS
) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for ``version`` of ``uri``."""
    async with asyncio.timeout(timeout):
        while True:
            for params in client.published[uri]:
                if params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.01)


def open_buffer(
    client: LanguageClient, uri: str, text: str, language: str = "plaintext", version: int = 1
) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )


def replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """Send the buffer's whole new text as a change."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with LSP ``edits`` made (UTF-16 positions; tests keep to the BMP here)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text
