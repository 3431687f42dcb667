// The service URL and the token cscomm serve printed, kept in the add-on's local storage.
const form = document.getElementById("setup");

document.getElementById("commands").textContent =
  `cscomm serve --allow-origin ${location.origin}\ncscomm serve --print-token`;

messenger.storage.local.get(["service", "token"]).then(({ service, token }) => {
  form.elements.service.value = service || "http://127.0.0.1:8765";
  form.elements.token.value = token || "";
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  await messenger.storage.local.set({
    service: form.elements.service.value.trim().replace(/\/+$/, ""),
    token: form.elements.token.value.trim(),
  });
  document.getElementById("status").textContent = "Saved.";
});
