"""Give the heap memory a check freed back to the system (glibc's ``malloc_trim``).

A check allocates and frees many small objects and a few large arrays; glibc keeps what
was freed, scattered, so a long-running server's resident memory creeps up without a
leak. Trimming after each check takes well under a millisecond. Elsewhere (musl, macOS)
there is nothing to call and this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable
from typing import Any


@functools.cache
def _malloc_trim() -> Callable[[int], Any] | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    trim: Callable[[int], Any] | None = getattr(libc, "malloc_trim", None)
    return trim


def release_free_memory() -> None:
    """Return freed heap memory to the system, where the C library can."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
