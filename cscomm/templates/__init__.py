"""Markdown and HTML templates: their prose is checked, and findings point into the file.

`draft_from_template` reads a template into a :class:`~cscomm.draft.Draft` whose text is
the prose (:mod:`cscomm.templates.markdown`, :mod:`cscomm.templates.html`), with a
source map back to the file and the suppressions of its comment directives.
"""

from __future__ import annotations

from pathlib import PurePath

from cscomm.directives import read_directives
from cscomm.draft import Draft
from cscomm.errors import InputError
from cscomm.source_map import SourceMap
from cscomm.sources import Source

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


def is_template(path: str) -> bool:
    """A Markdown or HTML file, by its name."""
    return PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES | HTML_SUFFIXES


def draft_from_template(source: Source, incoming: str | None = None) -> Draft:
    """The draft of a template: its prose, mapped back to the file, and its directives
    (each reader is imported only for its own format)."""
    if PurePath(source.path).suffix.lower() in MARKDOWN_SUFFIXES:
        from cscomm.templates.markdown import read_markdown

        prose = read_markdown(source.text)
    else:
        from cscomm.templates.html import read_html

        prose = read_html(source.text)
    if not prose.text.strip():
        raise InputError(f"{source.path}: no prose to check (only code, markup or comments)")
    suppressions, notices = read_directives(source.text, prose.comments)
    return Draft(
        prose.text,
        source.path,
        incoming,
        notices=(*((source.warning,) if source.warning else ()), *notices),
        source_map=SourceMap(source.text, prose.offsets),
        suppressions=suppressions,
    )
