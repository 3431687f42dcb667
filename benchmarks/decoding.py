"""Decoding benchmark: how files that are not clean UTF-8 are read, three ways.

    .venv/bin/python benchmarks/decoding.py [--json]

The 405 labelled drafts of ``benchmarks/eval-*`` (five languages) are written, at run time,
as: clean UTF-8; UTF-8 with one character pasted from a cp1252 program (é, ’, € or –
as its cp1252 byte) at a random place; UTF-8 with one random byte that is not UTF-8 there;
UTF-8 with a signature line in cp1252 at the end; whole cp1252 (the drafts it can encode);
UTF-16-LE and UTF-16-BE without a byte-order mark. Each is read by

- **whole-file** fallback (cscomm before issue 19): UTF-8, else the whole file as cp1252
  (latin-1 if cp1252 fails), and a NUL byte makes it binary;
- **charset-normalizer** (``from_bytes(data).best()``);
- **cscomm** now (:func:`cscomm.sources.decode`).

A file is read right when its text is the draft's, but for the one character at a random
stray byte, which may be anything (a cp1252 guess, U+FFFD). A read that fails (binary,
no guess) is wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from cscomm.errors import InputError
from cscomm.sources import decode

ROOT = Path(__file__).resolve().parent
PASTED = "é’€–"
SIGNATURE = "\n--\nHélène Dupré – Service client “Express”\n"


@dataclass(frozen=True)
class Case:
    variant: str
    data: bytes
    expected: str
    free: int | None = None
    """Offset in ``expected`` of a character any reading may get wrong (a random byte)."""


def cases() -> list[Case]:
    rng = random.Random(19)
    drafts = sorted(p.read_text(encoding="utf-8") for p in ROOT.glob("eval-*/*/draft.txt"))
    found: list[Case] = []
    for text in drafts:
        found.append(Case("UTF-8", text.encode(), text))
        at = rng.randrange(len(text))
        char = rng.choice(PASTED)
        found.append(
            Case(
                "UTF-8 + a pasted cp1252 character",
                text[:at].encode() + char.encode("cp1252") + text[at:].encode(),
                text[:at] + char + text[at:],
            )
        )
        byte = bytes([rng.choice([*range(0x80, 0xC0), *range(0xF8, 0x100)])])  # never starts UTF-8
        found.append(
            Case(
                "UTF-8 + a random stray byte",
                text[:at].encode() + byte + text[at:].encode(),
                text[:at] + "?" + text[at:],
                free=at,
            )
        )
        found.append(
            Case("UTF-8 + a cp1252 signature", text.encode() + SIGNATURE.encode("cp1252"), text + SIGNATURE)
        )
        with contextlib.suppress(UnicodeEncodeError):
            found.append(Case("cp1252", text.encode("cp1252"), text))
        found.append(Case("UTF-16-LE, no BOM", text.encode("utf-16-le"), text))
        found.append(Case("UTF-16-BE, no BOM", text.encode("utf-16-be"), text))
    return found


def whole_file(data: bytes) -> str | None:
    """cscomm's reading before issue 19 (without its BOM branch, which no case needs)."""
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def normalizer(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def cscomm(data: bytes) -> str | None:
    try:
        return decode(data, "draft").text
    except InputError:
        return None


def right(case: Case, text: str | None) -> bool:
    if text is None:
        return False
    if case.free is None:
        return text == case.expected
    at, expected = case.free, case.expected
    return len(text) == len(expected) and text[:at] + text[at + 1 :] == expected[:at] + expected[at + 1 :]


METHODS: dict[str, Callable[[bytes], str | None]] = {
    "whole-file": whole_file,
    "charset-normalizer": normalizer,
    "cscomm": cscomm,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    options = parser.parse_args()
    all_cases = cases()
    variants = list(dict.fromkeys(c.variant for c in all_cases))
    rows = []
    for name, method in METHODS.items():
        started = time.perf_counter()
        results = [(case.variant, right(case, method(case.data))) for case in all_cases]
        seconds = time.perf_counter() - started
        row: dict[str, object] = {"method": name, "ms_per_file": 1000 * seconds / len(all_cases)}
        for variant in variants:
            got = [ok for v, ok in results if v == variant]
            row[variant] = f"{sum(got)}/{len(got)}"
        rows.append(row)
    print("| variant | " + " | ".join(METHODS) + " |")
    print("|---|" + "---|" * len(METHODS))
    for variant in variants:
        print(f"| {variant} | " + " | ".join(str(r[variant]) for r in rows) + " |")
    print("| time per file | " + " | ".join(f"{r['ms_per_file']:.2f} ms" for r in rows) + " |")
    if options.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
