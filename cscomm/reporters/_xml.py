"""What the XML reporters share: elements that hold only what XML 1.0 allows, and writing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, even escaped: most control characters, lone surrogates."""


def element(parent: ET.Element | None, tag: str, text: str = "", **attributes: object) -> ET.Element:
    """A new element (under ``parent``, if given) with ``text`` and ``attributes``; characters
    that XML cannot hold become U+FFFD."""
    attrib = {key: _clean(str(value)) for key, value in attributes.items()}
    node = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text:
        node.text = _clean(text)
    return node


def write_xml(root: ET.Element, out: TextIO) -> None:
    """``root`` as an indented UTF-8 XML document."""
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
