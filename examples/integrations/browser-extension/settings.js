// The extension's settings, kept in chrome.storage.local (the token stays on this machine).
// Shared by the service worker and the options page; content scripts read only what they
// need (sites and mode), never the token.

export const DEFAULTS = {
  service: "http://127.0.0.1:8765",
  token: "",
  sites: { gmail: true, zendesk: true, freshdesk: true },
  extraOrigins: [], // other sites, each checked in any textarea or contenteditable box
  mode: "warn", // send-stoppers: "warn" stops the first Send, "block" every Send
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export async function loadSettings() {
  return { ...DEFAULTS, ...(await chrome.storage.local.get(Object.keys(DEFAULTS))) };
}

// The service URL without a trailing slash; only this machine's cscomm serve is called,
// so the token and the drafts never leave it.
export function serviceUrl(text) {
  const url = new URL(text.trim());
  if (url.protocol !== "http:" || !LOOPBACK.has(url.hostname)) {
    throw new Error("the service must be http://127.0.0.1:PORT, http://localhost:PORT or http://[::1]:PORT");
  }
  return url.origin;
}

// "https://support.example.com/agent" -> "https://support.example.com"
export function siteOrigin(text) {
  const url = new URL(text.trim());
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${text.trim()}: give a web address (https://…)`);
  }
  return url.origin;
}
