// The service worker: it alone calls cscomm serve (with the token), for the content
// scripts and the options page, and it registers the content scripts on the extra sites
// the user enabled.
import { loadSettings } from "./settings.js";

const TIMEOUT_MS = 10000;
const EXTRA_SITES = "cscomm-extra-sites";
const STATIC_SCRIPTS = chrome.runtime.getManifest().content_scripts[0];

// Every answer is one of:
//   {status: "checked", findings, notices}
//   {status: "not-running", service}          nothing answers at the service URL
//   {status: "refused", message}              cscomm answered 401/403 (token, origin)
//   {status: "failed", message}               any other error
async function callService(path, init = {}) {
  const { service, token } = await loadSettings();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(`${service}${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
  } catch (error) {
    const timedOut = error.name === "AbortError";
    return timedOut
      ? { status: "failed", message: `no answer from ${service} within ${TIMEOUT_MS / 1000} s` }
      : { status: "not-running", service };
  } finally {
    clearTimeout(timer);
  }
  const body = await response.json().catch(() => null);
  if (response.ok && body) return { status: "checked", body };
  const message = body?.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${response.status}`;
  const refused = response.status === 401 || response.status === 403;
  return { status: refused ? "refused" : "failed", message };
}

async function check({ draft, customerMessage }) {
  const answer = await callService("/v1/check", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ draft, customer_message: customerMessage || null, kind: "email" }),
  });
  if (answer.status !== "checked") return answer;
  const file = answer.body.files[0];
  return { status: "checked", findings: file.findings, notices: file.notices };
}

async function health() {
  const answer = await callService("/v1/health");
  return answer.status === "checked" ? { status: "running", version: answer.body.version } : answer;
}

// The extra sites run the same scripts as the built-in ones, where the user granted access.
async function registerExtraSites() {
  const { extraOrigins } = await loadSettings();
  if ((await chrome.scripting.getRegisteredContentScripts({ ids: [EXTRA_SITES] })).length) {
    await chrome.scripting.unregisterContentScripts({ ids: [EXTRA_SITES] });
  }
  const matches = [];
  for (const origin of extraOrigins) {
    if (await chrome.permissions.contains({ origins: [`${origin}/*`] })) matches.push(`${origin}/*`);
  }
  if (matches.length === 0) return [];
  await chrome.scripting.registerContentScripts([
    {
      id: EXTRA_SITES,
      matches,
      excludeMatches: STATIC_SCRIPTS.matches,
      js: STATIC_SCRIPTS.js,
      allFrames: true,
    },
  ]);
  return matches;
}

// What a content script needs to know of the settings (not the token).
async function siteSettings() {
  const { sites, extraOrigins, mode } = await loadSettings();
  return { sites, extraOrigins, mode };
}

const HANDLERS = { check, health, registerExtraSites, siteSettings };

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const handler = HANDLERS[message.type];
  if (!handler) return false;
  handler(message).then(reply, (error) => reply({ status: "failed", message: String(error) }));
  return true; // the reply is sent asynchronously
});

chrome.runtime.onInstalled.addListener(() => registerExtraSites());
