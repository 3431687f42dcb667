import { loadSettings, serviceUrl, siteOrigin } from "./settings.js";

const $ = (id) => document.getElementById(id);
const SITES = ["gmail", "zendesk", "freshdesk"];
const origin = chrome.runtime.getURL("").replace(/\/$/, "");

$("setup").textContent =
  `cscomm serve --allow-origin ${origin}\n` + "cscomm serve --print-token    # the token to paste below";

function show(text, bad = false) {
  $("status").textContent = text;
  $("status").className = bad ? "bad" : "";
}

async function fill() {
  const settings = await loadSettings();
  $("service").value = settings.service;
  $("token").value = settings.token;
  for (const site of SITES) $(`site-${site}`).checked = settings.sites[site];
  $("extra").value = settings.extraOrigins.join("\n");
  document.querySelector(`input[name=mode][value=${settings.mode}]`).checked = true;
}

function read() {
  const lines = $("extra").value.split("\n").filter((line) => line.trim());
  return {
    service: serviceUrl($("service").value),
    token: $("token").value.trim(),
    sites: Object.fromEntries(SITES.map((site) => [site, $(`site-${site}`).checked])),
    extraOrigins: [...new Set(lines.map(siteOrigin))],
    mode: document.querySelector("input[name=mode]:checked").value,
  };
}

async function testConnection() {
  const answer = await chrome.runtime.sendMessage({ type: "health" });
  const texts = {
    running: `cscomm ${answer.version} is running and accepts this extension.`,
    "not-running": `cscomm is not running at ${answer.service}: start it with the command above.`,
    refused: `cscomm refused this extension (${answer.message}): check the token and --allow-origin.`,
    failed: `cscomm could not be reached: ${answer.message}`,
  };
  show(texts[answer.status], answer.status !== "running");
}

$("options").addEventListener("submit", async (event) => {
  event.preventDefault();
  let settings;
  try {
    settings = read();
  } catch (error) {
    show(error.message, true);
    return;
  }
  // Asked first, while the click still counts as the user's gesture.
  const origins = settings.extraOrigins.map((site) => `${site}/*`);
  const granted = origins.length === 0 || (await chrome.permissions.request({ origins }));
  await chrome.storage.local.set(settings);
  const matches = await chrome.runtime.sendMessage({ type: "registerExtraSites" });
  if (!Array.isArray(matches)) {
    show(`Saved, but the other sites could not be set up: ${matches.message}`, true);
  } else if (!granted) {
    show(`Saved, but access to ${settings.extraOrigins.join(", ")} was not granted.`, true);
  } else {
    show(`Saved.${matches.length ? ` Also checking on ${settings.extraOrigins.join(", ")}.` : ""}`);
  }
});

$("test").addEventListener("click", testConnection);
fill();
