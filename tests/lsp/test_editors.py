"""``cscomm lsp`` as real editors meet it: the capabilities Neovim, Emacs (eglot) and VS Code
announce (recorded by pytest-lsp), the language ids the recipes in
``examples/integrations/editors/`` send, and only answers each client said it can read.
The recipes' own files are checked to parse."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import client_capabilities

from .conftest import SERVER, RecordingClient, apply, open_buffer, published

ROOT = Path(__file__).resolve().parents[2]
RECIPES = ROOT / "examples" / "integrations" / "editors"
EDITORS = {
    # client: (the language ids it sends for a draft, a template, a mail)
    "neovim@v0.11.0": ("text", "markdown", "mail"),
    "emacs@v29.1": ("plaintext", "markdown", "mail"),
    "visual-studio-code@v1.65.2": ("plaintext", "markdown", "plaintext"),
}
UNITS = {"utf-8": 1, "utf-16": 2, "utf-32": 4}
CODECS = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
MAIL = (
    "From: Ana <ana@example.com>\nTo: Zoë <zoe@example.com>\nSubject: Your café order\n\n"
    "Hi Zoë,\n\nThanks for your café order. I recieve it today and it ships tomorrow.\n\n"
    "Kind regards,\nAna\n"
)


@pytest_lsp.fixture(config=SERVER, scope="module", loop_scope="module", params=list(EDITORS))
async def editor(lsp_client: RecordingClient, request: pytest.FixtureRequest, tmp_path_factory):
    folder = tmp_path_factory.mktemp("editor")
    (folder / ".git").mkdir()
    capabilities = client_capabilities(request.param)
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=folder.as_uri())
    )
    lsp_client.editor = request.param  # type: ignore[attr-defined]
    lsp_client.folder = folder  # type: ignore[attr-defined]
    encoding = result.capabilities.position_encoding or "utf-16"
    lsp_client.encoding = str(getattr(encoding, "value", encoding))  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` ``text`` takes."""
    return len(text.encode(CODECS[encoding])) // UNITS[encoding]


@pytest.mark.asyncio(loop_scope="module")
async def test_an_editor_gets_diagnostics_fixes_ignores_and_hover(editor: RecordingClient) -> None:
    draft_id, template_id, mail_id = EDITORS[editor.editor]  # type: ignore[attr-defined]
    capabilities = editor.capabilities
    assert capabilities is not None
    offered = capabilities.general.position_encodings if capabilities.general else None
    assert editor.encoding in (offered or ["utf-16"])  # type: ignore[attr-defined]

    uri = (editor.folder / "reply.eml").as_uri()  # type: ignore[attr-defined]
    open_buffer(editor, uri, MAIL, mail_id)
    (misspelt,) = [d for d in await published(editor, uri, 1) if d.code == "SG117"]
    line = MAIL.splitlines()[misspelt.range.start.line]
    start = _units(line[: line.index("recieve")], editor.encoding)  # type: ignore[attr-defined]
    assert misspelt.range.start.character == start

    result = await editor.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=misspelt.range,
            context=types.CodeActionContext(diagnostics=[misspelt]),
        )
    )
    actions = [a for a in result or [] if isinstance(a, types.CodeAction)]
    literal = capabilities.text_document.code_action.code_action_literal_support  # type: ignore[union-attr]
    kinds = [str(getattr(k, "value", k)) for k in literal.code_action_kind.value_set]  # type: ignore[union-attr]
    for action in actions:
        kind = str(getattr(action.kind, "value", action.kind))
        assert any(kind == k or kind.startswith(f"{k}.") for k in kinds if k), kind
    titles = [a.title for a in actions]
    assert any("receive" in t for t in titles) and any(t.startswith("Ignore SG117") for t in titles)
    if editor.encoding == "utf-16":  # type: ignore[attr-defined]
        (fix,) = [a for a in actions if a.is_preferred]
        assert fix.edit is not None and fix.edit.changes is not None
        assert "I receive it today" in apply(MAIL, list(fix.edit.changes[uri]))

    hover = await editor.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=misspelt.range.start)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    formats = capabilities.text_document.hover.content_format  # type: ignore[union-attr]
    assert hover.contents.kind in formats
    assert "SG117 common-misspelling" in hover.contents.value

    template = (editor.folder / "macro.md").as_uri()  # type: ignore[attr-defined]
    open_buffer(editor, template, "Hi {{first_name}},\n\nThanks for writing.\n", template_id)
    assert [d for d in await published(editor, template, 1) if d.code == "SS001"]
    draft = (editor.folder / "draft.txt").as_uri()  # type: ignore[attr-defined]
    open_buffer(editor, draft, "Hi Sam,\n\nI recieve it today.\n", draft_id)
    assert [d for d in await published(editor, draft, 1) if d.code == "SG117"]


def test_the_recipes_parse() -> None:
    helix = tomllib.loads((RECIPES / "helix" / "languages.toml").read_text(encoding="utf-8"))
    assert helix["language-server"]["cscomm"] == {"command": "cscomm", "args": ["lsp"]}
    assert all("cscomm" in language["language-servers"] for language in helix["language"])
    package = json.loads((RECIPES / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert package["main"] == "./extension.js" and "vscode-languageclient" in package["dependencies"]
    assert '"cscomm" "lsp"' in (RECIPES / "emacs" / "cscomm-eglot.el").read_text(encoding="utf-8")
    assert '{ "cscomm", "lsp" }' in (RECIPES / "neovim" / "cscomm.lua").read_text(encoding="utf-8")
    node = shutil.which("node")
    if node is not None:
        subprocess.run([node, "--check", str(RECIPES / "vscode" / "extension.js")], check=True)
