// The "server" of the test pages: a Send that reaches the page is recorded here.
function recordSend(text) {
  document.body.dataset.sends = String(Number(document.body.dataset.sends || 0) + 1);
  document.getElementById("sent").textContent = text;
}
