// A minimal VS Code extension that runs cscomm's language server (`cscomm lsp`) over stdio.
// No build step: this file is the extension. See ../README.md to install it.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

async function activate() {
  const [command, ...args] = vscode.workspace.getConfiguration("cscomm").get("command", ["cscomm", "lsp"]);
  const server = { command, args };
  client = new LanguageClient(
    "cscomm",
    "cscomm",
    { run: server, debug: server },
    {
      // Drafts, templates and mail: cscomm reads a buffer by its language and file name.
      documentSelector: [
        { scheme: "file", language: "plaintext" },
        { scheme: "untitled", language: "plaintext" },
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "html" },
        { scheme: "file", pattern: "**/*.eml" },
      ],
    },
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
