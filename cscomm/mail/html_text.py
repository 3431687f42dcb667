"""Convert an HTML message body to text, with the quoted thread set apart.

Quoted blocks and signatures are cut out of the lxml tree by the markers mail
clients write — Gmail ``.gmail_quote`` / ``.gmail_signature``, Outlook
``#appendonsend`` / ``#divRplyFwdMsg`` or desktop Outlook's top-bordered header
div (the quoted message follows them as siblings, so everything after the
marker is cut) / ``#Signature``, Thunderbird
``.moz-cite-prefix`` / ``.moz-signature``, Apple Mail and others
``blockquote`` — and each piece is converted with inscriptis. The result is laid
out by :mod:`cscomm.mail.layout`; quotes nested inside quotes become "> > …".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parseaddr

from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_engine import Inscriptis
from inscriptis.model.config import ParserConfig
from lxml import etree, html

from cscomm.mail.layout import compose
from cscomm.quote_headers import find_attribution, is_attribution

logger = logging.getLogger(__name__)

_CONFIG = ParserConfig(css=CSS_PROFILES["strict"])
# Quotes nested deeper than this are converted flat (bounds the recursion).
_MAX_DEPTH = 20

_CODE_TAGS = frozenset({"pre", "code"})
_QUOTE_CLASSES = frozenset({"gmail_quote", "moz-cite-prefix"})
_SIGNATURE_CLASSES = frozenset({"gmail_signature", "gmail_signature_prefix", "moz-signature"})
_SIGNATURE_IDS = frozenset({"Signature"})
_OUTLOOK_HEADER_ID = "divRplyFwdMsg"
_OUTLOOK_START_ID = "appendonsend"
# Desktop Outlook has no ids: its header block is a div with a thin top border.
_OUTLOOK_HEADER_STYLES = ("border-top:solid#e1e1e1", "border-top:solid#b5c4df")

# Labels of the "From:" and "Sent:" lines in Outlook's header block, by language.
_FROM_LABELS = ("from", "de", "von", "van", "da", "từ", "mula kay")
_SENT_LABELS = (
    "sent", "date", "enviado", "enviada", "fecha", "envoyé", "gesendet",
    "datum", "verzonden", "inviato", "data", "đã gửi", "ipinadala",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class HtmlText:
    """An HTML body as laid-out text, and the reply's signature cut from it."""

    body: str
    signature: str


@dataclass(frozen=True, slots=True)
class _Split:
    text: str
    attribution: str
    quoted: str
    signature: str


def _classes(element: html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _is_element(node: html.HtmlElement) -> bool:
    return isinstance(node.tag, str)


def _is_quote(element: html.HtmlElement) -> bool:
    return element.tag == "blockquote" or bool(_classes(element) & _QUOTE_CLASSES)


def _is_signature(element: html.HtmlElement) -> bool:
    return (
        bool(_classes(element) & _SIGNATURE_CLASSES)
        or element.get("id") in _SIGNATURE_IDS
        or element.get("data-smartmail") == "gmail_signature"
    )


def _is_outlook_header(element: html.HtmlElement) -> bool:
    if element.get("id") == _OUTLOOK_HEADER_ID:
        return True
    style = "".join((element.get("style") or "").split()).lower()
    return element.tag == "div" and any(s in style for s in _OUTLOOK_HEADER_STYLES)


def _is_outlook_marker(element: html.HtmlElement) -> bool:
    return element.get("id") == _OUTLOOK_START_ID or _is_outlook_header(element)


def _inside(
    element: html.HtmlElement,
    root: html.HtmlElement,
    predicate: Callable[[html.HtmlElement], bool],
) -> bool:
    """Tell whether an ancestor of ``element`` below ``root`` matches ``predicate``."""
    for ancestor in element.iterancestors():
        if ancestor is root:
            return False
        if predicate(ancestor):
            return True
    return False


def _top_level(
    root: html.HtmlElement, predicate: Callable[[html.HtmlElement], bool]
) -> list[html.HtmlElement]:
    """Descendants of ``root`` matching ``predicate`` and not inside another match."""
    found: list[html.HtmlElement] = []
    chosen: set[html.HtmlElement] = set()
    for element in root.iterdescendants():
        if not (_is_element(element) and predicate(element)):
            continue
        if any(ancestor in chosen for ancestor in element.iterancestors()):
            continue
        found.append(element)
        chosen.add(element)
    return found


def _detach(element: html.HtmlElement) -> html.HtmlElement:
    """Remove ``element`` from its tree, leaving its tail text in place."""
    parent = element.getparent()
    if parent is None:
        return element
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
        element.tail = None
    parent.remove(element)
    return element


def _tidy(text: str) -> str:
    """Strip trailing spaces and collapse runs of blank lines into one."""
    lines: list[str] = []
    for line in text.replace("\xa0", " ").splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _to_text(element: html.HtmlElement) -> str:
    return _tidy(Inscriptis(element, _CONFIG).get_text())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _leading_attribution(text: str) -> tuple[str, str]:
    """Split an attribution off the start of ``text``: ``(attribution, rest)``."""
    lines = text.split("\n")
    found = find_attribution(lines[:2])
    if found is None or found[0] != 0:
        return "", text
    _, count = found
    rest = "\n".join(lines[count:]).strip("\n")
    return _one_line("\n".join(lines[:count])), rest


def _trailing_attribution(text: str) -> tuple[str, str]:
    """Split an attribution off the end of ``text``: ``(attribution, rest)``."""
    lines = text.split("\n")
    for count in (1, 2):
        tail = "\n".join(lines[-count:])
        if len(lines) >= count and is_attribution(tail):
            return _one_line(tail), "\n".join(lines[:-count]).rstrip("\n")
    return "", text


def _cut_after(marker: html.HtmlElement, root: html.HtmlElement) -> html.HtmlElement:
    """Move ``marker`` and everything after it in document order into a new div."""
    nodes = [marker, *marker.itersiblings()]
    node = marker.getparent()
    while node is not None and node is not root:
        nodes.extend(node.itersiblings())
        node = node.getparent()
    region: html.HtmlElement = html.Element("div")
    for node in nodes:
        region.append(node)
    return region


def _outlook_attribution(header: str) -> str:
    """Build "On <sent>, <name> wrote:" from Outlook's "From:"/"Sent:" lines."""
    fields: dict[str, str] = {}
    for line in header.split("\n"):
        label, colon, value = line.partition(":")
        if colon:
            fields.setdefault(label.strip().lower(), value.strip())
    sender = next((fields[label] for label in _FROM_LABELS if label in fields), "")
    sent = next((fields[label] for label in _SENT_LABELS if label in fields), "")
    if not (sender and sent):
        return ""
    name, address = parseaddr(sender) if "<" in sender else (sender, "")
    return f"On {sent}, {name.strip() or address} wrote:"


def _outlook_quote(region: html.HtmlElement, depth: int) -> tuple[str, str]:
    """The attribution and rendered text of an Outlook region cut by `_cut_after`."""
    marker = _detach(region[0])
    header = marker if _is_outlook_header(marker) else None
    if header is None:
        header = next((el for el in region if _is_outlook_header(el)), None)
    header_text = _to_text(_detach(header)) if header is not None else ""
    attribution = _outlook_attribution(header_text)
    content = _render(_split(region, depth))
    if not attribution:
        content = "\n\n".join(part for part in (header_text, content) if part)
        attribution, content = _leading_attribution(content)
    return attribution, content


def _quote(element: html.HtmlElement, depth: int) -> tuple[str, str]:
    """The attribution and rendered text of one quote element."""
    inner = _split(element, depth)
    if element.tag != "blockquote" and not inner.text and inner.quoted:
        # A wrapper such as Gmail's div.gmail_quote: attribution + blockquote.
        return inner.attribution, inner.quoted
    return _leading_attribution(_render(inner))


def _render(split: _Split) -> str:
    return compose(split.text, split.attribution, split.quoted)


def _split(root: html.HtmlElement, depth: int = 0) -> _Split:
    """Cut the quotes and signatures out of ``root`` and convert every piece."""
    if depth > _MAX_DEPTH:
        return _Split(_to_text(root), "", "", "")
    quotes: list[tuple[str, str]] = []
    marker = next(
        (
            el
            for el in root.iterdescendants()
            if _is_element(el) and _is_outlook_marker(el) and not _inside(el, root, _is_quote)
        ),
        None,
    )
    outlook = _outlook_quote(_cut_after(marker, root), depth + 1) if marker is not None else None
    pending = ""
    for element in _top_level(root, _is_quote):
        _detach(element)
        if "moz-cite-prefix" in _classes(element):
            pending = _one_line(_to_text(element))
            continue
        attribution, content = _quote(element, depth + 1)
        quotes.append((attribution or pending, content))
        pending = ""
    if outlook is not None:
        quotes.append(outlook)
    signature = "\n".join(_to_text(_detach(el)) for el in _top_level(root, _is_signature))
    text = _to_text(root)
    quotes = [(attribution, content) for attribution, content in quotes if content]
    if not quotes:
        return _Split(text, "", "", signature)
    attribution = quotes[0][0]
    if not attribution:
        attribution, text = _trailing_attribution(text)
    rest = [f"{head}\n{body}" if head else body for head, body in quotes[1:]]
    quoted = "\n\n".join([quotes[0][1], *rest])
    return _Split(text, attribution, quoted, signature)


def _parse(markup: str) -> html.HtmlElement | None:
    markup = markup.strip()
    if markup.startswith("<?xml"):
        markup = markup.partition("?>")[2]
    try:
        root: html.HtmlElement = html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        logger.debug("HTML body has no content")
        return None
    return root


def html_to_text(markup: str, *, prose_only: bool = False) -> HtmlText:
    """Convert an HTML body to the reply followed by its laid-out quote; with
    ``prose_only`` (templates), without ``<pre>`` and ``<code>``."""
    root = _parse(markup)
    if root is None:
        return HtmlText("", "")
    if prose_only:
        for element in _top_level(root, lambda el: el.tag in _CODE_TAGS):
            _detach(element)
    split = _split(root)
    return HtmlText(_render(split), split.signature)
