"""A baseline: the findings a team has accepted, so a check reports only new ones.

The file is JSON, written by ``cscomm check --baseline FILE`` when FILE does not exist
(or by ``--update-baseline``)::

    {
      "version": 1,
      "findings": [
        {"path": "drafts/refund.txt", "code": "TN002",
         "text": "as i already said in my last email",
         "context": "as i already said in my last email, you failed to include the receipt, …",
         "count": 1}
      ]
    }

A finding is recognised by its fingerprint, never by its line: the rule's code, the
flagged text and the sentence around it (both casefolded, whitespace collapsed; a finding
about the whole draft, such as a missing greeting, has neither), and the file's path
relative to the baseline's folder. So edits elsewhere in a file do not bring its
accepted findings back, and rewording the flagged sentence does. ``count`` is how many
findings share the fingerprint: two in the baseline excuse two. Entries are sorted, so
the file diffs cleanly.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from cscomm.errors import InputError
from cscomm.findings import Finding
from cscomm.report import FileReport, Report

VERSION = 1
Fingerprint = tuple[str, str, str, str]
"""(path, code, text, context)."""
_FIELDS = ("path", "code", "text", "context")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n[\s>]*\n")


def apply_baseline(report: Report, path: Path, *, update: bool = False) -> tuple[Report, str | None]:
    """``report`` without the findings in the baseline ``path``, and a note for the user.

    When ``path`` does not exist, or with ``update``, it is (re)written with every finding
    of ``report`` first, so none is reported.
    """
    folder = path.resolve().parent
    found = Counter(fp for file in report.files for fp in _fingerprints(file, folder))
    if update or not path.exists():
        _write(path, found)
        total = sum(found.values())
        return _without(report, folder, found), f"wrote {path} with {total} finding{'s' * (total != 1)}"
    accepted = _read(path)
    remaining = accepted.copy()
    filtered = _without(report, folder, remaining)
    checked = {_relative(file.path, folder) for file in report.files}
    stale = sum(n for fp, n in remaining.items() if n > 0 and fp[0] in checked)
    if not stale:
        return filtered, None
    return filtered, (
        f"{stale} finding{'s' * (stale != 1)} in {path} no longer occur{'s' * (stale == 1)}; "
        f"--update-baseline drops {'it' if stale == 1 else 'them'}"
    )


def _without(report: Report, folder: Path, accepted: Counter[Fingerprint]) -> Report:
    """``report`` less one finding per accepted fingerprint it matches (``accepted`` is used up)."""
    files = []
    for file in report.files:
        kept = []
        for finding, fingerprint in zip(file.findings, _fingerprints(file, folder), strict=True):
            if accepted[fingerprint] > 0:
                accepted[fingerprint] -= 1
            else:
                kept.append(finding)
        files.append(replace(file, findings=tuple(kept)))
    return replace(report, files=tuple(files))


def _fingerprints(file: FileReport, folder: Path) -> list[Fingerprint]:
    path = _relative(file.path, folder)
    breaks = [0, *(m.end() for m in _SENTENCE_BREAK.finditer(file.text)), len(file.text)]
    return [(path, f.code, _normal(f.text), _context(file.text, f, breaks)) for f in file.findings]


def _context(text: str, finding: Finding, breaks: list[int]) -> str:
    """The sentence(s) holding the flagged text, normalised; empty for a finding about the
    whole draft (no flagged text)."""
    if not finding.text or not text:
        return ""
    start = breaks[bisect.bisect_right(breaks, finding.start) - 1]
    end = breaks[min(bisect.bisect_left(breaks, finding.end), len(breaks) - 1)]
    return _normal(text[start:end])


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _relative(path: str, folder: Path) -> str:
    """``path`` relative to the baseline's folder, with ``/`` (``<stdin>`` stays as it is)."""
    if path.startswith("<"):
        return path
    return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()


def _write(path: Path, found: Counter[Fingerprint]) -> None:
    entries = [{**dict(zip(_FIELDS, fp, strict=True)), "count": n} for fp, n in sorted(found.items())]
    try:
        path.write_text(
            json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise InputError(f"{path}: cannot write the baseline ({exc.strerror or exc})") from None


def _read(path: Path) -> Counter[Fingerprint]:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise InputError(f"{path}: not a cscomm baseline (invalid JSON: {exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise InputError(
            f'{path}: not a cscomm baseline (expected {{"version": {VERSION}, "findings": [...]}})'
        )
    accepted: Counter[Fingerprint] = Counter()
    for number, entry in enumerate(data["findings"], 1):
        if not (
            isinstance(entry, dict)
            and all(isinstance(entry.get(key), str) for key in _FIELDS)
            and isinstance(entry.get("count"), int)
            and entry["count"] > 0
        ):
            raise InputError(f"{path}: finding {number} needs {', '.join(_FIELDS)} (strings) and a count")
        fingerprint: Fingerprint = (entry["path"], entry["code"], entry["text"], entry["context"])
        accepted[fingerprint] += entry["count"]
    return accepted
