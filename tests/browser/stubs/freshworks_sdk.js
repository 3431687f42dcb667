// A stand-in for the Freshworks app SDK, which runs only inside Freshdesk: the test plays
// Freshdesk. fwStub.sendReply(html) fires ticket.sendReply with the reply and resolves
// with what the app decided (helper.done() sends, helper.fail(message) stops the send).
window.fwStub = { handlers: {}, ticket: {}, notifications: [] };

window.app = {
  initialized: async () => ({
    events: {
      on: (name, handler, options) => {
        fwStub.handlers[name] = { handler, options };
      },
    },
    data: { get: async (name) => ({ [name]: fwStub[name] }) },
    interface: {
      trigger: async (action, payload) => {
        fwStub.notifications.push({ action, ...payload });
      },
    },
  }),
};

fwStub.sendReply = (body) =>
  new Promise((resolve) => {
    const { handler, options } = fwStub.handlers["ticket.sendReply"];
    if (!options?.intercept) resolve({ sent: true, intercepted: false });
    handler({
      type: "ticket.sendReply",
      helper: {
        getData: () => ({ body }),
        done: () => resolve({ sent: true }),
        fail: (message) => resolve({ sent: false, message }),
      },
    });
  });
