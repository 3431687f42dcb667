"""Turn a helpdesk's macro export into one file per macro, for ``cscomm check``.

    python macros_to_files.py --out macros/ EXPORT [EXPORT ...]

Each EXPORT is a page of Zendesk's macro list (``GET /api/v2/macros.json``: an object
with a ``"macros"`` list; its ``comment_value_html`` or ``comment_value`` action is the
reply), or a CSV file with ``title`` and ``body`` columns (and ``id``, if it has one): a
spreadsheet of saved replies, or another helpdesk's canned-response export with its
columns renamed. A macro becomes ``<id>-<title>.html`` when its reply is HTML, else
``<id>-<title>.txt``; a macro that writes no reply (it only sets fields) is skipped.
Names are stable, so the files diff cleanly from one export to the next. Standard
library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HTML = re.compile(r"<(?:p|br|div|span|ul|ol|li|a|strong|em|b|i|table)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Macro:
    """One saved reply: its id, title and body, and whether the body is HTML."""

    id: str
    title: str
    body: str
    html: bool

    @property
    def filename(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:60] or "macro"
        return f"{self.id}-{slug}.{'html' if self.html else 'txt'}"


def from_zendesk(data: dict[str, object]) -> Iterator[Macro]:
    """The macros of one page of Zendesk's macro list that write a reply."""
    for macro in data.get("macros", []):  # type: ignore[union-attr]
        actions = {action["field"]: action["value"] for action in macro.get("actions", [])}
        html = actions.get("comment_value_html")
        body = html if html is not None else actions.get("comment_value")
        if isinstance(body, list):  # older exports: ["channel:all", "the text"]
            body = body[-1]
        if isinstance(body, str) and body.strip():
            yield Macro(str(macro["id"]), macro.get("title", ""), body, html is not None)


def from_csv(path: Path) -> Iterator[Macro]:
    """The rows of a CSV file with ``title`` and ``body`` columns (``id`` optional)."""
    with path.open(newline="", encoding="utf-8-sig") as file:
        for number, row in enumerate(csv.DictReader(file), 1):
            body = row.get("body") or ""
            if body.strip():
                identifier = row.get("id") or f"{number:04d}"
                yield Macro(identifier, row.get("title") or "", body, bool(HTML.search(body)))


def read_export(path: Path) -> list[Macro]:
    if path.suffix.lower() == ".csv":
        return list(from_csv(path))
    return list(from_zendesk(json.loads(path.read_text(encoding="utf-8"))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exports", nargs="+", type=Path, metavar="EXPORT")
    parser.add_argument("--out", type=Path, required=True, help="folder for the macro files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    for export in args.exports:
        for macro in read_export(export):
            (args.out / macro.filename).write_text(macro.body.rstrip() + "\n", encoding="utf-8")
            written += 1
    print(f"{written} macro{'s' * (written != 1)} written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
