// cscomm check for Zendesk Support: a ticket.save hook in a ZAF app (ticket_sidebar).
// Load it from the app's assets/iframe.html after the ZAF SDK:
//   <script src="https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"></script>
//   <script src="zendesk-app.js"></script>
// The reply goes from the agent's browser to cscomm serve on their own machine only.

const SERVICE = "http://127.0.0.1:8765/v1/check";
const BLOCKING = new Set(["error", "warning"]); // as `cscomm check`; drop "warning" to stop on errors only
const TIMEOUT_MS = 8000; // stay well inside Zendesk's save-hook time limit

const client = ZAFClient.init();
let lastBlocked = null; // submitting the same reply again saves it anyway

// The comment editor holds HTML; keep its line breaks, drop the markup.
function htmlToText(html) {
  const withBreaks = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li|h\d)>/gi, "\n");
  const doc = new DOMParser().parseFromString(withBreaks, "text/html");
  return (doc.body.textContent || "").replace(/\n{3,}/g, "\n\n").trim();
}

async function check(draft, customerMessage) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(SERVICE, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ draft, customer_message: customerMessage, kind: "email" }),
      signal: controller.signal,
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`${body.error.code}: ${body.error.message}`);
    return body.files[0].findings;
  } finally {
    clearTimeout(timer);
  }
}

client.on("ticket.save", async () => {
  const data = await client.get(["ticket.comment.text", "ticket.comment.type", "ticket.description"]);
  if (data["ticket.comment.type"] !== "publicReply" || !data["ticket.comment.text"]) {
    return true; // internal notes and status-only saves are not checked
  }
  const draft = htmlToText(data["ticket.comment.text"]);
  if (draft === lastBlocked) {
    lastBlocked = null;
    return true; // the agent submitted the unchanged reply again: save it anyway
  }
  let findings;
  try {
    findings = await check(draft, data["ticket.description"] || null);
  } catch (error) {
    console.warn("cscomm: not checked:", error); // fail open: the service is optional
    return true;
  }
  const blocking = findings.filter((f) => BLOCKING.has(f.severity));
  if (blocking.length === 0) return true;
  lastBlocked = draft;
  const list = blocking.slice(0, 5).map((f) => `• ${f.message}`).join("\n");
  return Promise.reject(
    `cscomm found ${blocking.length} problem(s) in this reply:\n${list}\n` +
      "Fix them, or submit again unchanged to save anyway.",
  );
});
