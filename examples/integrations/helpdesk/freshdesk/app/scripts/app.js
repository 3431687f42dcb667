// cscomm check for Freshdesk: intercepts ticket.sendReply in a ticket_sidebar app. The reply
// is checked by cscomm serve on the agent's own machine; blocking findings stop the send
// (sending the unchanged reply again sends it anyway). When cscomm cannot check, the reply
// is sent and Freshdesk shows "not checked" with the reason.

let lastBlocked = null;

async function notChecked(client, event, reason) {
  const message = `cscomm: this reply was not checked. ${reason}.`;
  cscomm.showStatus(message, true);
  await client.interface.trigger("showNotify", { type: "warning", message });
  event.helper.done(); // cscomm's own failure never holds a reply back; the agent is told instead
}

async function onSendReply(client, event) {
  // The reply editor's HTML, as the ticket.sendReply event gives it.
  const draft = cscomm.htmlToText(event.helper.getData().body || "");
  if (!draft) return notChecked(client, event, "Freshdesk gave the app no reply text");
  if (draft === lastBlocked) {
    lastBlocked = null;
    return event.helper.done(); // the agent sent the unchanged reply again: send it anyway
  }
  const { ticket } = await client.data.get("ticket");
  const result = await cscomm.check(draft, ticket.description_text);
  if (result.status !== "checked") return notChecked(client, event, result.reason);
  const message = cscomm.blockingMessage(result.findings);
  cscomm.showStatus(message ? "cscomm stopped the last reply." : "cscomm checked the last reply.", Boolean(message));
  if (!message) return event.helper.done();
  lastBlocked = draft;
  return event.helper.fail(message); // Freshdesk shows the message and does not send
}

app.initialized().then((client) => {
  cscomm.setUpSidebar();
  client.events.on(
    "ticket.sendReply",
    (event) => onSendReply(client, event).catch((error) => notChecked(client, event, String(error))),
    { intercept: true },
  );
});
