"""``cscomm lsp``: the language server, on pygls, over standard input and output.

Buffers are checked on one worker thread: at once when opened, and
:data:`DEBOUNCE_SECONDS` after the last change while the user types (a change cancels
the check it would make stale, and a result for an older version is dropped). The
model, the grammar helper and the rules of the workspace's configuration are loaded at
``initialize``, so the first diagnostic waits for nothing else. Code actions and hover
read the last check of the buffer, and only while the buffer still has its text.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from cscomm import __version__
from cscomm.lsp.actions import KINDS, code_actions
from cscomm.lsp.checker import Checked, Checker
from cscomm.lsp.diagnostics import diagnostics
from cscomm.lsp.formats import buffer_format, checked_path, uri_path
from cscomm.lsp.hover import hover
from cscomm.lsp.positions import PositionMap

log = logging.getLogger(__name__)
DEBOUNCE_SECONDS = 0.1
"""Quiet time after a change before the buffer is checked."""


class Session:
    """The server's state: the checker, its worker thread, each buffer's pending check
    and last result."""

    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self.checker = Checker()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cscomm-lsp-check")
        self.folder = Path.cwd()
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.results: dict[str, Checked] = {}

    def start(self, params: types.InitializeParams) -> None:
        """Note the workspace folder and warm the checker up for it, in the background."""
        folders = params.workspace_folders or []
        root = params.root_uri or (folders[0].uri if folders else None)
        local = uri_path(root) if root else None
        if local and Path(local).is_dir():
            self.folder = Path(local)
        self.worker.submit(self.checker.warm_up, self.folder)

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, instead of any check pending for it."""
        self.cancel(uri)
        self.pending[uri] = asyncio.ensure_future(self._check(uri, delay))

    def cancel(self, uri: str) -> None:
        """Drop the check pending for ``uri`` (one already running finishes unpublished)."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def close(self, uri: str) -> None:
        """Forget a closed buffer and clear its diagnostics."""
        self.cancel(uri)
        self.results.pop(uri, None)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def document(self, uri: str) -> TextDocument | None:
        """The open buffer at ``uri``, if any."""
        found: TextDocument | None = self.server.workspace.text_documents.get(unquote(uri))
        return found

    def fresh(self, uri: str) -> tuple[Checked, PositionMap] | None:
        """The last check of ``uri`` and positions over it, while the buffer still holds
        the text that was checked."""
        checked = self.results.get(uri)
        document = self.document(uri)
        if checked is None or document is None or document.source != checked.text:
            return None
        return checked, self.positions(checked.text)

    def positions(self, text: str) -> PositionMap:
        """Positions in ``text`` in the encoding agreed with the client."""
        encoding = self.server.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return PositionMap(text, str(getattr(encoding, "value", encoding)))

    async def _check(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        try:
            await self._publish(uri)
        except Exception:  # a bug must cost this check only, never the server
            log.exception("checking %s failed", uri)

    async def _publish(self, uri: str) -> None:
        """Check the buffer's text now and publish the diagnostics, if it has not changed since."""
        document = self.document(uri)
        if document is None:
            return
        fmt = buffer_format(document.language_id or "", uri)
        if fmt is None:
            return
        text, version = document.source, document.version
        path = checked_path(uri, fmt, self.folder)
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(self.worker, self.checker.check, text, fmt, path)
        current = self.document(uri)
        if current is None or current.version != version:
            return
        self.results[uri] = checked
        self.pending.pop(uri, None)
        self.server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=diagnostics(checked, self.positions(text))
            )
        )


def build_server() -> LanguageServer:
    """The language server with its features registered."""
    server = LanguageServer("cscomm", __version__)
    session = Session(server)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        session.start(params)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        session.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        session.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        session.close(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=list(KINDS)))
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        found = session.fresh(params.text_document.uri)
        if found is None:
            return None
        checked, positions = found
        start = positions.offset(params.range.start.line, params.range.start.character)
        end = positions.offset(params.range.end.line, params.range.end.character)
        only = params.context.only
        return code_actions(checked, params.text_document.uri, start, end, positions, only) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        found = session.fresh(params.text_document.uri)
        if found is None:
            return None
        checked, positions = found
        formats = get_capability(server.client_capabilities, "text_document.hover.content_format", [])
        markdown = not formats or types.MarkupKind.Markdown in formats
        offset = positions.offset(params.position.line, params.position.character)
        return hover(checked, offset, positions, markdown)

    @server.feature(types.SHUTDOWN)
    def shutdown(params: Any) -> None:
        session.worker.shutdown(wait=False, cancel_futures=True)

    return server
