// A stand-in for Zendesk's ZAF SDK, which runs only inside Zendesk: the test plays Zendesk.
// zafStub.save() does what Zendesk does with the ticket.save hook's answer: true (or a
// promise of it) saves; a rejection stops the save and its message is shown to the agent.
window.zafStub = { handlers: {}, data: {}, invoked: [] };

window.ZAFClient = {
  init: () => ({
    on: (name, handler) => {
      zafStub.handlers[name] = handler;
    },
    get: async (paths) => Object.fromEntries(paths.map((path) => [path, zafStub.data[path]])),
    invoke: async (...args) => {
      zafStub.invoked.push(args);
    },
  }),
};

zafStub.save = async () => {
  try {
    return { saved: (await zafStub.handlers["ticket.save"]()) !== false };
  } catch (message) {
    return { saved: false, message: String(message) };
  }
};
