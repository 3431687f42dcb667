"""Checkpoints: an audit's folder remembers which input partitions are done.

``manifest.json`` names the inputs and settings the folder's results belong to; a
partition is done when ``checkpoints/part-NNNNN.json`` exists, written after its results.
It holds a digest of the partition's reply ids, so an input that changed under a
checkpoint is an error rather than a silent mix of old and new results.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from cscomm.audit.records import Conversation
from cscomm.audit.writers import JSONL, PARQUET, part_name, write_json
from cscomm.errors import InputError

CHECKPOINTS = "checkpoints"
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
OUTPUTS = (PARQUET, JSONL, CHECKPOINTS, "summary.json", "report.html")


def partitions(conversations: Iterable[Conversation], size: int) -> Iterator[tuple[int, list[Conversation]]]:
    """``(number, conversations)`` of consecutive partitions of ``size`` conversations."""
    stream = iter(conversations)
    number = 0
    while part := list(islice(stream, size)):
        yield number, part
        number += 1


def digest(part: Sequence[Conversation]) -> str:
    """A digest of the reply ids of a partition."""
    return hashlib.sha256("\n".join(c.reply_id for c in part).encode()).hexdigest()


def prepare(out_dir: Path, fingerprint: dict[str, Any], restart: bool) -> None:
    """Make ``out_dir`` ready: a new folder, the same audit resumed, or (``restart``) cleared.

    Raises:
        InputError: the folder holds results of other inputs or settings.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = out_dir / MANIFEST
    wanted = {"version": MANIFEST_VERSION, **fingerprint}
    if manifest.exists() and not restart:
        try:
            found = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if found != wanted:
            raise InputError(
                f"{out_dir}: holds an audit of other inputs or settings; use --restart to replace it"
            )
        return
    if restart:
        for name in OUTPUTS:
            target = out_dir / name
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
    write_json(manifest, wanted)


def is_done(out_dir: Path, number: int, part_digest: str) -> bool:
    """Whether partition ``number`` was finished by an earlier run.

    Raises:
        InputError: it was, but with other replies (the input changed).
    """
    marker = out_dir / CHECKPOINTS / f"{part_name(number)}.json"
    if not marker.exists():
        return False
    if json.loads(marker.read_text(encoding="utf-8")).get("digest") != part_digest:
        raise InputError(
            f"{out_dir}: partition {number} holds other replies than the input now gives; use --restart"
        )
    return True


def mark_done(out_dir: Path, number: int, part_digest: str, replies: int) -> None:
    """Record partition ``number`` as done (after its results are written)."""
    folder = out_dir / CHECKPOINTS
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / f"{part_name(number)}.json", {"digest": part_digest, "replies": replies})
