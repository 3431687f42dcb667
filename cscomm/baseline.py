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
from cscomm.report import FileReport

VERSION = 1
Fingerprint = tuple[str, str, str, str]
"""(path, code, text, context)."""
_FIELDS = ("path", "code", "text", "context")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+|\n[\s>]*\n")


class Baseline:
    """A baseline file, applied to a check's reports one file at a time (as they stream).

    When the file does not exist, or with ``update``, every finding goes into it (and none
    is reported); :meth:`close` writes it.
    """

    def __init__(self, path: Path, *, update: bool = False) -> None:
        self.path = path
        self._folder = path.resolve().parent
        self._writing = update or not path.exists()
        self._accepted: Counter[Fingerprint] = Counter() if self._writing else _read(path)
        self._found: Counter[Fingerprint] = Counter()
        self._checked: set[str] = set()

    def filter(self, file: FileReport) -> FileReport:
        """``file`` less one finding per accepted fingerprint it matches (each used up)."""
        self._checked.add(_relative(file.path, self._folder))
        fingerprints = _fingerprints(file, self._folder)
        if self._writing:
            self._found.update(fingerprints)
            return replace(file, findings=())
        kept = []
        for finding, fingerprint in zip(file.findings, fingerprints, strict=True):
            if self._accepted[fingerprint] > 0:
                self._accepted[fingerprint] -= 1
            else:
                kept.append(finding)
        return replace(file, findings=tuple(kept))

    def close(self) -> str | None:
        """Write the file if it is being written; a note for the user, if any: what was
        written, or how many accepted findings no longer occur in the files checked."""
        if self._writing:
            _write(self.path, self._found)
            total = sum(self._found.values())
            return f"wrote {self.path} with {total} finding{'s' * (total != 1)}"
        stale = sum(n for fp, n in self._accepted.items() if n > 0 and fp[0] in self._checked)
        if not stale:
            return None
        return (
            f"{stale} finding{'s' * (stale != 1)} in {self.path} no longer occur{'s' * (stale == 1)}; "
            f"--update-baseline drops {'it' if stale == 1 else 'them'}"
        )


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
