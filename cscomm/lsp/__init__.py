"""The language server (``cscomm lsp``): diagnostics, quick fixes, "ignore this rule here"
and rule documentation on hover, in any editor with an LSP client.

:mod:`cscomm.lsp.server` wires the features into pygls; the other modules do one job
each and know nothing of the transport: :mod:`~cscomm.lsp.formats` (which buffers, read
as what), :mod:`~cscomm.lsp.buffers` and :mod:`~cscomm.lsp.mailmap` (a buffer as a draft,
and findings back in the buffer), :mod:`~cscomm.lsp.checker` (configuration and warm
linters), :mod:`~cscomm.lsp.positions` (offsets and LSP positions),
:mod:`~cscomm.lsp.diagnostics`, :mod:`~cscomm.lsp.actions`, :mod:`~cscomm.lsp.suppress`
and :mod:`~cscomm.lsp.hover`. Importing this package imports nothing else, so the
command line stays quick to start.
"""
