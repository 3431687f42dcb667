// cscomm pre-send check for Thunderbird: each outgoing message is checked by cscomm serve
// on this machine, and the send is cancelled when the report has blocking findings (Send
// again on the unchanged text sends it anyway). When cscomm cannot check, a "not checked"
// notification says why. The message goes to the service URL of the options (loopback).

const BLOCKING = new Set(["error", "warning"]); // as `cscomm check`; drop "warning" to stop on errors only
const TIMEOUT_MS = 15000;
const FAIL_OPEN = true; // send unchecked when cscomm cannot check (false holds the message)
const DEFAULT_SERVICE = "http://127.0.0.1:8765";

// Pressing Send again on an unchanged draft sends it anyway.
const lastBlocked = new Map(); // compose tab id -> text that was blocked

// {status: "checked", findings} or {status: "not-checked", reason}
async function checkDraft(details) {
  const { service = DEFAULT_SERVICE, token = "" } = await messenger.storage.local.get(["service", "token"]);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(`${service}/v1/check`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        draft: details.plainTextBody ?? "",
        kind: "email",
        path: details.subject || "(no subject)",
      }),
      signal: controller.signal,
    });
    const body = await response.json();
    if (response.ok) return { status: "checked", findings: body.files[0].findings };
    const refused = response.status === 401 || response.status === 403;
    const advice = refused ? "; check the token and --allow-origin in the add-on's options" : "";
    return { status: "not-checked", reason: `cscomm refused the check (${body.error.code}: ${body.error.message})${advice}` };
  } catch (error) {
    let reason = `cscomm could not check (${error.message})`;
    if (error.name === "AbortError") reason = `cscomm did not answer within ${TIMEOUT_MS / 1000} s`;
    else if (error instanceof TypeError) reason = `cscomm is not running at ${service}`; // fetch found no server
    return { status: "not-checked", reason };
  } finally {
    clearTimeout(timer);
  }
}

function notify(title, message) {
  return messenger.notifications.create({ type: "basic", title, message: message.slice(0, 1000) });
}

messenger.compose.onBeforeSend.addListener(async (tab, details) => {
  const text = details.plainTextBody ?? "";
  if (lastBlocked.get(tab.id) === text) {
    lastBlocked.delete(tab.id);
    return {}; // second Send on the same text: the agent chose to send anyway
  }
  const result = await checkDraft(details);
  if (result.status !== "checked") {
    await notify(FAIL_OPEN ? "cscomm: sent, not checked" : "cscomm: not checked - not sent", result.reason);
    return FAIL_OPEN ? {} : { cancel: true };
  }
  const blocking = result.findings.filter((f) => BLOCKING.has(f.severity));
  if (blocking.length === 0) return {};
  lastBlocked.set(tab.id, text);
  const lines = blocking.slice(0, 5).map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`);
  await notify(
    `cscomm: ${blocking.length} problem(s) - not sent`,
    `${lines.join("\n")}\n\nFix them, or press Send again to send anyway.`,
  );
  return { cancel: true };
});

messenger.tabs.onRemoved.addListener((tabId) => lastBlocked.delete(tabId));
