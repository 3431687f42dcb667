// cscomm pre-send check: POST each outgoing draft to a local `cscomm serve` and
// cancel the send when the report has blocking findings. A sketch: adapt the
// settings below. The draft goes to 127.0.0.1 only.

const SERVICE = "http://127.0.0.1:8765/v1/check";
const BLOCKING = new Set(["error", "warning"]); // as `cscomm check`; drop "warning" to stop on errors only
const TIMEOUT_MS = 15000;
const FAIL_OPEN = true; // send unchecked when cscomm serve is not running

// Pressing Send again on an unchanged draft sends it anyway.
const lastBlocked = new Map(); // compose tab id -> text that was blocked

async function checkDraft(details) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(SERVICE, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        draft: details.plainTextBody ?? "",
        kind: "email",
        path: details.subject || "(no subject)",
      }),
      signal: controller.signal,
    });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(`${body.error?.code}: ${body.error?.message}`);
    }
    return body.files[0].findings;
  } finally {
    clearTimeout(timer);
  }
}

function notify(title, message) {
  return messenger.notifications.create({
    type: "basic",
    title,
    message: message.slice(0, 1000),
  });
}

messenger.compose.onBeforeSend.addListener(async (tab, details) => {
  const text = details.plainTextBody ?? "";
  if (lastBlocked.get(tab.id) === text) {
    lastBlocked.delete(tab.id);
    return {}; // second Send on the same text: the agent chose to send anyway
  }
  let findings;
  try {
    findings = await checkDraft(details);
  } catch (error) {
    await notify("cscomm could not check this message", `${error}`);
    return FAIL_OPEN ? {} : { cancel: true };
  }
  const blocking = findings.filter((f) => BLOCKING.has(f.severity));
  if (blocking.length === 0) {
    return {};
  }
  lastBlocked.set(tab.id, text);
  const lines = blocking
    .slice(0, 5)
    .map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`);
  await notify(
    `cscomm: ${blocking.length} problem(s) - not sent`,
    `${lines.join("\n")}\n\nFix them, or press Send again to send anyway.`,
  );
  return { cancel: true };
});

messenger.tabs.onRemoved.addListener((tabId) => lastBlocked.delete(tabId));
