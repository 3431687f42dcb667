// cscomm check for Zendesk Support: a ticket.save hook in a ZAF app (ticket_sidebar).
// A public reply is checked by cscomm serve on the agent's own machine before it is saved;
// blocking findings stop the save (saving the unchanged reply again saves it anyway). When
// cscomm cannot check, the reply is saved and Zendesk shows "not checked" with the reason.

const client = ZAFClient.init();
let lastBlocked = null;

async function notChecked(reason) {
  const message = `cscomm: this reply was not checked. ${reason}.`;
  cscomm.showStatus(message, true);
  await client.invoke("notify", message, "error", { sticky: true });
  return true; // cscomm's own failure never holds a reply back; the agent is told instead
}

client.on("ticket.save", async () => {
  const data = await client.get(["ticket.comment.text", "ticket.comment.type", "ticket.description"]);
  if (data["ticket.comment.type"] !== "publicReply" || !data["ticket.comment.text"]) {
    return true; // internal notes and status-only saves are not checked
  }
  const draft = cscomm.htmlToText(data["ticket.comment.text"]);
  if (draft === lastBlocked) {
    lastBlocked = null;
    return true; // the agent submitted the unchanged reply again: save it anyway
  }
  const result = await cscomm.check(draft, data["ticket.description"]);
  if (result.status !== "checked") return notChecked(result.reason);
  const message = cscomm.blockingMessage(result.findings);
  cscomm.showStatus(message ? "cscomm stopped the last reply." : "cscomm checked the last reply.", Boolean(message));
  if (!message) return true;
  lastBlocked = draft;
  return Promise.reject(message); // Zendesk shows the message and does not save
});

cscomm.setUpSidebar();
