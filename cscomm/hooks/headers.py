"""Remove one header field from a raw message, leaving every other byte as it was."""

from __future__ import annotations

_FOLD = (b" ", b"\t")


def pop_header(data: bytes, name: str) -> tuple[bytes, list[str]]:
    """``data`` without its ``name`` fields, and their values (unfolded).

    Only the header block is searched: it ends at the first empty line, or at a line
    that is neither a field nor a continuation. A field's folded continuation lines go
    with it; every other byte, line endings included (CRLF or LF), is kept. When no
    field matches, ``data`` itself is returned.
    """
    wanted = name.lower().encode("ascii")
    kept: list[bytes] = []
    values: list[str] = []
    dropping = False
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        line = data[start:end]
        content = line.rstrip(b"\r\n")
        if not content:
            break
        if content.startswith(_FOLD) and start > 0:
            if dropping:
                values[-1] += " " + content.decode("latin-1").strip()
        elif b":" in content or (start == 0 and content.startswith(b"From ")):
            field, _, value = content.partition(b":")
            dropping = field.rstrip(b" \t").lower() == wanted
            if dropping:
                values.append(value.decode("latin-1").strip())
        else:
            break
        if not dropping:
            kept.append(line)
        start = end
    if not values:
        return data, []
    return b"".join(kept) + data[start:], [" ".join(v.split()) for v in values]
