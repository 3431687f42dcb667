// cscomm serve, called from a helpdesk app's frame. The Zendesk and the Freshdesk app are
// each packaged from their own folder, so each has a copy of this file (a test keeps the
// two the same). The service URL and the token are the agent's own: they are set in the
// app's sidebar and kept in the frame's localStorage, in this browser only.
const cscomm = (() => {
  const BLOCKING = new Set(["error", "warning"]); // as `cscomm check`; drop "warning" to stop on errors only
  const TIMEOUT_MS = 8000; // well inside the helpdesks' time limits for a send hook
  const DEFAULT_SERVICE = "http://127.0.0.1:8765";

  function settings() {
    return {
      service: localStorage.getItem("cscomm.service") || DEFAULT_SERVICE,
      token: localStorage.getItem("cscomm.token") || "",
    };
  }

  // The reply editors hold HTML; keep its line breaks, drop the markup.
  function htmlToText(html) {
    const withBreaks = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li|h\d)>/gi, "\n");
    const doc = new DOMParser().parseFromString(withBreaks, "text/html");
    return (doc.body.textContent || "").replace(/\n{3,}/g, "\n\n").trim();
  }

  // {status: "checked", findings} or {status: "not-checked", reason}
  async function check(draft, customerMessage) {
    const { service, token } = settings();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(`${service}/v1/check`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ draft, customer_message: customerMessage || null, kind: "email" }),
        signal: controller.signal,
      });
      const body = await response.json();
      if (response.ok) return { status: "checked", findings: body.files[0].findings };
      return notChecked(`cscomm refused the check (${body.error.code}: ${body.error.message})`);
    } catch (error) {
      if (error.name === "AbortError") return notChecked(`cscomm did not answer within ${TIMEOUT_MS / 1000} s`);
      return notChecked(await whyUnreachable(service));
    } finally {
      clearTimeout(timer);
    }
  }

  function notChecked(reason) {
    return { status: "not-checked", reason };
  }

  // The browser hides why a cross-origin call failed; a request whose answer it keeps
  // from the page (no-cors) still tells a refusing service from one that is not there.
  async function whyUnreachable(service) {
    try {
      await fetch(`${service}/v1/health`, { mode: "no-cors" });
      return `cscomm at ${service} refused this app: start it with --allow-origin ${location.origin} and save its token here`;
    } catch {
      return `cscomm is not running at ${service}`;
    }
  }

  // The message that stops a send, or null when nothing blocks it.
  function blockingMessage(findings) {
    const blocking = findings.filter((finding) => BLOCKING.has(finding.severity));
    if (blocking.length === 0) return null;
    const list = blocking.slice(0, 5).map((finding) => `• ${finding.code} ${finding.message}`);
    return `cscomm found ${blocking.length} problem(s) in this reply:\n${list.join("\n")}\nFix them, or send it again unchanged to send it anyway.`;
  }

  function showStatus(text, bad = false) {
    const status = document.getElementById("cscomm-status");
    status.textContent = text;
    status.className = bad ? "bad" : "";
  }

  // The sidebar: the service URL and token form, and the command that allows this frame.
  function setUpSidebar() {
    const form = document.getElementById("cscomm-setup");
    const { service, token } = settings();
    form.elements.service.value = service;
    form.elements.token.value = token;
    document.getElementById("cscomm-allow").textContent = `cscomm serve --allow-origin ${location.origin}`;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      localStorage.setItem("cscomm.service", form.elements.service.value.trim().replace(/\/+$/, ""));
      localStorage.setItem("cscomm.token", form.elements.token.value.trim());
      showStatus("Saved: replies are checked when you send them.");
    });
  }

  return { check, htmlToText, blockingMessage, showStatus, setUpSidebar };
})();
