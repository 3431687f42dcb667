// Finds the compose boxes of this page, checks each (debounced) with cscomm serve through
// the service worker, shows the findings beside it, and stops Send on send-stoppers.

const DEBOUNCE_MS = 600;
const composes = new Map(); // compose box -> Compose
let mode = "warn";

const isStopper = (finding) => finding.code.startsWith("SS") || finding.severity === "error";
const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

function notChecked(answer) {
  switch (answer.status) {
    case "not-running":
      return `cscomm is not running (${answer.service}): this reply is not checked. Start it with cscomm serve.`;
    case "refused":
      return `cscomm refused the check (${answer.message}): not checked. See the extension's options.`;
    default:
      return `cscomm could not check this reply (${answer.message}): not checked.`;
  }
}

class Compose {
  constructor(box, siteName) {
    this.box = box;
    this.site = SITES[siteName];
    this.panel = new Panel(box, siteName, () => this.sendButton());
    this.result = null; // {text, answer}: the last answer and the text it is about
    this.warned = null; // the text whose send-stoppers were warned about (mode "warn")
    this.sequence = 0;
    this.timer = null;
    box.addEventListener("input", () => this.schedule());
    const onKey = (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && this.sendButton()) this.onSend(event);
    };
    box.addEventListener("keydown", onKey, true);
    this.check();
  }

  schedule() {
    clearTimeout(this.timer);
    this.panel.status("cscomm: checking…", "busy");
    this.timer = setTimeout(() => this.check(), DEBOUNCE_MS);
  }

  async check() {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    const { text, customer } = readBox(this.box, this.site.quote);
    let answer = { status: "checked", findings: [], notices: [] };
    if (text.trim()) {
      this.panel.status("cscomm: checking…", "busy");
      answer = await ask({ type: "check", draft: text, customerMessage: customer });
    }
    if (sequence !== this.sequence) return null; // a newer check is on its way
    this.result = { text, answer };
    this.render();
    return this.result;
  }

  render() {
    const { text, answer } = this.result;
    const findings = answer.status === "checked" ? answer.findings : [];
    this.panel.alert(null);
    this.panel.findings(findings, isStopper, (finding) => this.apply(finding));
    if (answer.status !== "checked") return this.panel.status(notChecked(answer), "bad");
    if (!text.trim()) return this.panel.status("cscomm: ready; the reply is checked as you write");
    const stoppers = findings.filter(isStopper).length;
    let summary = findings.length ? `cscomm: ${plural(findings.length, "finding")}` : "cscomm: no problems found";
    if (stoppers) summary += `, ${plural(stoppers, "send-stopper")}`;
    if (answer.notices.length) summary += ` (not fully checked: ${answer.notices.join("; ")})`;
    return this.panel.status(summary, stoppers ? "bad" : "ok");
  }

  async apply(finding) {
    if (readBox(this.box, this.site.quote).text !== this.result.text) {
      await this.check(); // the draft changed since: its findings are shown afresh
      return;
    }
    if (!applyEdits(this.box, this.site.quote, finding.fix.edits)) {
      this.panel.alert("This box did not accept the fix; edit the text by hand.");
    }
  }

  sendButton() {
    return sendButtonFor(this.box, this.site);
  }

  // A Send: let it go, or stop it (and send later, once an outdated check is done).
  onSend(event) {
    const { text } = readBox(this.box, this.site.quote);
    if (this.result?.text === text) {
      if (!this.allows(text)) stop(event);
      return;
    }
    stop(event);
    this.check().then((result) => {
      if (result && this.allows(result.text)) resend(this.sendButton());
    });
  }

  allows(text) {
    const { answer } = this.result;
    if (answer.status !== "checked") return true; // never held back by cscomm's own failure; the panel says so
    const stoppers = answer.findings.filter(isStopper).length;
    if (stoppers === 0 || (mode === "warn" && this.warned === text)) return true;
    this.warned = text;
    const advice = mode === "block" ? "Fix them to send." : "Fix them, or press Send again to send anyway.";
    this.panel.alert(`Not sent: ${plural(stoppers, "send-stopper")}. ${advice}`);
    return false;
  }
}

async function ask(message) {
  try {
    return await chrome.runtime.sendMessage(message);
  } catch (error) {
    return { status: "failed", message: `${error.message}; reload the page` };
  }
}

function stop(event) {
  event.preventDefault();
  event.stopImmediatePropagation();
}

let resending = false;
function resend(button) {
  resending = true;
  try {
    button?.click();
  } finally {
    resending = false;
  }
}

// Send buttons are watched before the page's own handlers (capture on window).
function onSendGesture(event) {
  if (resending) return;
  if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
  for (const compose of composes.values()) {
    if (compose.sendButton()?.contains(event.target)) return compose.onSend(event);
  }
}

function scan(siteNames) {
  for (const name of siteNames) {
    for (const box of document.querySelectorAll(SITES[name].box)) {
      if (!composes.has(box) && isComposeBox(box, SITES[name])) composes.set(box, new Compose(box, name));
    }
  }
  for (const [box, compose] of composes) {
    if (!box.isConnected) {
      compose.panel.remove();
      composes.delete(box);
    }
  }
}

async function start() {
  const settings = await ask({ type: "siteSettings" });
  const siteNames = settings.sites ? sitesHere(settings) : [];
  if (siteNames.length === 0) return;
  mode = settings.mode;
  window.addEventListener("click", onSendGesture, true);
  window.addEventListener("keydown", onSendGesture, true);
  const place = () => composes.forEach((compose) => compose.panel.place());
  window.addEventListener("scroll", place, true);
  window.addEventListener("resize", place);
  let pending = null;
  new MutationObserver(() => {
    pending ??= setTimeout(() => {
      pending = null;
      scan(siteNames);
    }, 200);
  }).observe(document.documentElement, { childList: true, subtree: true });
  scan(siteNames);
}

start();
