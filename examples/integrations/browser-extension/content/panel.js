// The panel beside a compose box: a status line, a send banner, the findings with their
// fixes. It lives in a shadow root, so the page's styles and the panel's do not mix.

const PANEL_STYLE = `
  :host { all: initial; position: fixed; z-index: 2147483647; width: 320px; }
  .panel { font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #fff;
    border: 1px solid #c8c8cc; border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.15);
    max-height: 45vh; overflow: auto; }
  .status { padding: 6px 10px; font-weight: 600; border-bottom: 1px solid #eee; }
  .status[data-tone="bad"] { background: #b00020; color: #fff; }
  .status[data-tone="busy"] { color: #666; }
  .alert { padding: 6px 10px; background: #fff3cd; border-bottom: 1px solid #e0c36b; font-weight: 600; }
  .alert:empty { display: none; }
  ul { list-style: none; margin: 0; padding: 0; }
  li { padding: 6px 10px; border-bottom: 1px solid #f0f0f0; }
  li[data-stopper] { background: #fdecee; }
  .severity { font-size: 11px; text-transform: uppercase; font-weight: 700; margin-right: 4px; }
  .severity[data-severity="error"] { color: #b00020; }
  .severity[data-severity="warning"] { color: #9a6700; }
  .severity[data-severity="suggestion"] { color: #0969da; }
  .where { color: #666; margin-left: 4px; }
  button { display: block; margin-top: 4px; font: inherit; font-size: 12px; cursor: pointer; }
`;

class Panel {
  // sendButton(): the box's Send button (or null), which the panel must not cover.
  constructor(box, siteName, sendButton) {
    this.box = box;
    this.sendButton = sendButton;
    this.host = document.createElement("cscomm-panel");
    this.host.dataset.site = siteName;
    const root = this.host.attachShadow({ mode: "open" });
    root.innerHTML = `<style>${PANEL_STYLE}</style>
      <div class="panel"><div class="status" role="status"></div>
      <div class="alert" role="alert"></div><ul class="findings"></ul></div>`;
    this.statusLine = root.querySelector(".status");
    this.alertLine = root.querySelector(".alert");
    this.list = root.querySelector(".findings");
    document.body.append(this.host);
    new ResizeObserver(() => this.place()).observe(box);
    this.place();
  }

  status(text, tone = "ok") {
    this.statusLine.textContent = text;
    this.statusLine.dataset.tone = tone;
    this.place();
  }

  alert(text) {
    this.alertLine.textContent = text || "";
  }

  // findings: the report's findings; isStopper(f) marks send-stoppers; apply(f) applies f.fix.
  findings(findings, isStopper, apply) {
    this.list.replaceChildren(
      ...findings.map((finding) => {
        const item = document.createElement("li");
        item.dataset.code = finding.code;
        item.toggleAttribute("data-stopper", isStopper(finding));
        const severity = document.createElement("span");
        severity.className = "severity";
        severity.dataset.severity = finding.severity;
        severity.textContent = finding.severity;
        const where = document.createElement("span");
        where.className = "where";
        where.textContent = `${finding.code} · line ${finding.line}`;
        item.append(severity, finding.message, where);
        if (finding.fix) {
          const button = document.createElement("button");
          button.className = "apply";
          button.textContent = finding.fix.message;
          button.addEventListener("click", () => apply(finding));
          item.append(button);
        }
        return item;
      }),
    );
    this.place();
  }

  // To the right of the box (and of a Send button beside it) when there is room, else to its
  // left (Gmail's compose window sits in the bottom right corner), else below both.
  place() {
    const box = this.box.getBoundingClientRect();
    this.host.style.display = box.width || box.height ? "" : "none"; // a hidden box: no panel
    const send = this.sendButton()?.getBoundingClientRect();
    const sendBeside = send && send.top < box.bottom && send.bottom > box.top;
    const width = this.host.offsetWidth;
    const right = Math.max(box.right, sendBeside ? send.right : 0) + 8;
    let left = right;
    let top = Math.max(box.top, 0);
    if (right + width > innerWidth) {
      left = box.left - 8 - width;
      if (left < 0) [left, top] = [Math.max(box.left, 0), Math.max(box.bottom, send?.bottom ?? 0) + 4];
    }
    this.host.style.left = `${left}px`;
    this.host.style.top = `${top}px`;
  }

  remove() {
    this.host.remove();
  }
}
