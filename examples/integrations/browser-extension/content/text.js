// A compose box's text as cscomm reads it (blocks and <br> as line breaks, quoted
// customer text left out), and the way back from a finding's line and column to the box.

const BLOCKS = new Set([
  "ADDRESS", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGURE", "FORM", "H1", "H2", "H3", "H4", "H5",
  "H6", "HR", "LI", "OL", "P", "PRE", "SECTION", "TABLE", "TR", "UL",
]);
const KEEPS_WHITESPACE = /^(pre|pre-wrap|pre-line|break-spaces)$/;

// {text, customer, starts, ends}: for a contenteditable box, starts[i] and ends[i] are the
// DOM points ([node, offset]) before and after text[i]; a textarea needs none.
function readBox(box, quote) {
  if (box instanceof HTMLTextAreaElement) return { text: box.value, customer: "" };
  const chars = [];
  const starts = [];
  const ends = [];
  const quoted = [];
  const push = (char, start, end) => {
    chars.push(char);
    starts.push(start);
    ends.push(end);
  };
  const lineBreak = () => {
    if (chars.length && chars[chars.length - 1] !== "\n") {
      const end = ends[ends.length - 1];
      push("\n", end, end);
    }
  };
  const readText = (node) => {
    const keep = KEEPS_WHITESPACE.test(getComputedStyle(node.parentElement).whiteSpace);
    for (let i = 0; i < node.data.length; i++) {
      let char = node.data[i] === "\u00a0" ? " " : node.data[i];
      if (!keep && /[ \t\n\r\f]/.test(char)) {
        const last = chars[chars.length - 1];
        if (last === undefined || last === " " || last === "\n") continue; // collapsed, as shown
        char = " ";
      }
      push(char, [node, i], [node, i + 1]);
    }
  };
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return readText(node);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(quote)) return quoted.push(customerText(node));
    if (node.tagName === "BR") {
      const index = [...node.parentNode.childNodes].indexOf(node);
      return push("\n", [node.parentNode, index], [node.parentNode, index + 1]);
    }
    const block = BLOCKS.has(node.tagName);
    if (block) lineBreak();
    node.childNodes.forEach(walk);
    if (block) lineBreak();
  };
  box.childNodes.forEach(walk);
  return { text: chars.join(""), customer: quoted.join("\n").trim(), starts, ends };
}

// The customer's words in a quote: its blockquote, without the "On …, Sam wrote:" line.
function customerText(quote) {
  const body = quote.matches("blockquote") ? quote : (quote.querySelector("blockquote") ?? quote);
  return body.innerText;
}

// The UTF-16 index of a 1-based line and column counted in code points (as cscomm counts).
function indexAt(text, line, column) {
  let index = 0;
  for (let n = 1; n < line; n++) index = text.indexOf("\n", index) + 1;
  for (let n = 1; n < column; n++) index += text.codePointAt(index) > 0xffff ? 2 : 1;
  return index;
}

// Apply a fix's edits (positions in the draft that was checked, which is still the box's
// text) as typing would, so the page's editor and its undo history follow.
function applyEdits(box, quote, edits) {
  const text = readBox(box, quote).text;
  const spans = edits
    .map((edit) => ({
      start: indexAt(text, edit.line, edit.column),
      end: indexAt(text, edit.end_line, edit.end_column),
      content: edit.content,
    }))
    .sort((a, b) => b.start - a.start); // from the end, so earlier positions stay put
  box.focus();
  for (const span of spans) {
    select(box, quote, span.start, span.end);
    const done = span.content
      ? document.execCommand("insertText", false, span.content)
      : document.execCommand("delete");
    if (!done) return false;
  }
  return true;
}

function select(box, quote, start, end) {
  if (box instanceof HTMLTextAreaElement) {
    box.setSelectionRange(start, end);
    return;
  }
  const view = readBox(box, quote);
  const [startNode, startOffset] = start < view.starts.length ? view.starts[start] : view.ends[start - 1];
  const [endNode, endOffset] = end > start ? view.ends[end - 1] : [startNode, startOffset];
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
