// Where the compose boxes are, site by site: the box, the quoted customer message inside
// it (left out of the draft and sent as the customer's message), and the Send button,
// found as the nearest one around the box. Helpdesks change their markup: when a site
// stops being checked, its selectors here are what to update.
const SITES = {
  gmail: {
    host: /^mail\.google\.com$/,
    box: 'div[contenteditable="true"][role="textbox"][aria-label*="Message Body"]',
    quote: ".gmail_quote",
    send: 'div[role="button"][data-tooltip^="Send"]',
  },
  zendesk: {
    host: /\.zendesk\.com$/,
    box: '[data-test-id="omnicomposer-rich-text-ckeditor"][contenteditable="true"]',
    quote: "blockquote",
    send: 'button[data-test-id="submit_button-button"]',
  },
  freshdesk: {
    host: /\.freshdesk\.com$/,
    box: '.fr-element.fr-view[contenteditable="true"]',
    quote: ".freshdesk_quote",
    send: 'button[data-test-id="send-button"]',
  },
  // Sites the user enabled: any text box or editable area, its Send the form's submit.
  any: {
    box: 'textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]',
    quote: "blockquote",
    send: 'button[type="submit"], button:not([type]), input[type="submit"]',
    within: "form",
    minHeight: 40,
  },
};

// The sites to look for on this page: a built-in site's own (if enabled), or all of them
// on a site the user added (a helpdesk on a domain of its own looks like the built-in one).
function sitesHere(settings) {
  const builtIn = Object.keys(SITES).find((name) => SITES[name].host?.test(location.hostname));
  if (builtIn) return settings.sites[builtIn] ? [builtIn] : [];
  return settings.extraOrigins.includes(location.origin) ? Object.keys(SITES) : [];
}

function isComposeBox(box, site) {
  if (box.parentElement?.isContentEditable) return false; // part of a bigger editable area
  return !site.minHeight || box.getBoundingClientRect().height >= site.minHeight;
}

function sendButtonFor(box, site) {
  const limit = site.within ? box.closest(site.within) : document.body;
  for (let element = box.parentElement; element && limit?.contains(element); element = element.parentElement) {
    const button = element.querySelector(site.send);
    if (button) return button;
  }
  return null;
}
