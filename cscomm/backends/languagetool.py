"""LanguageTool backend: an HTTP client for ``POST /v2/check``.

Two modes. Given ``url``, the backend talks to that server and nothing else; it
never falls back to the public API. Without ``url`` it asks language-tool-python
(imported lazily) to run a local server - which needs Java and a LanguageTool
download - once per process, and then talks to it the same way.

The client is plain ``http.client`` rather than language-tool-python's remote mode,
which hard-codes a 300 s time-out, retries, and queries ``/v2/languages`` on
construction. The time-out bounds each whole request: a server that sends its answer
a byte at a time is cut off when it is up. LanguageTool counts offsets in UTF-16
code units; they are converted to code points here.
"""

from __future__ import annotations

import bisect
import contextlib
import http.client
import json
import logging
import os
import shutil
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from cscomm.backends.base import (
    BackendError,
    BackendMatch,
    BackendUnavailable,
    Category,
)

if TYPE_CHECKING:
    import language_tool_python

logger = logging.getLogger(__name__)

_CATEGORY_BY_ID = {
    "TYPOS": Category.MISSPELLING,
    "GRAMMAR": Category.GRAMMAR,
    "CONFUSED_WORDS": Category.GRAMMAR,
    "COLLOCATIONS": Category.GRAMMAR,
    "PUNCTUATION": Category.PUNCTUATION,
    "TYPOGRAPHY": Category.TYPOGRAPHY,
    "CASING": Category.TYPOGRAPHY,
    "COMPOUNDING": Category.TYPOGRAPHY,
    "STYLE": Category.STYLE,
    "REDUNDANCY": Category.STYLE,
    "AMERICAN_ENGLISH_STYLE": Category.STYLE,
    "BRITISH_ENGLISH": Category.STYLE,
    "PLAIN_ENGLISH": Category.STYLE,
    "REPETITIONS_STYLE": Category.STYLE,
}
# For categories not listed above (MISC, SEMANTICS...): LanguageTool's issue type.
_CATEGORY_BY_ISSUE_TYPE = {
    "misspelling": Category.MISSPELLING,
    "grammar": Category.GRAMMAR,
    "duplication": Category.GRAMMAR,
    "inconsistency": Category.GRAMMAR,
    "typographical": Category.TYPOGRAPHY,
    "whitespace": Category.TYPOGRAPHY,
    "style": Category.STYLE,
    "register": Category.STYLE,
    "locale-violation": Category.STYLE,
}

_LOCAL_LOCK = threading.Lock()
_local_tool: language_tool_python.LanguageTool | None = None


class LanguageToolBackend:
    """Spelling, grammar and style from a LanguageTool server."""

    name = "languagetool"

    def __init__(
        self,
        url: str | None = None,
        *,
        timeout: float = 10.0,
        params: Mapping[str, str] | None = None,
    ) -> None:
        """Create the backend.

        Args:
            url: Base URL of a LanguageTool server (``http://host:8081``, with or
                without ``/v2``). ``None`` runs a local server.
            timeout: Seconds a whole request may take (connect, send, answer).
            params: Extra ``/v2/check`` form fields sent with every request, e.g.
                ``{"level": "picky", "disabledRules": "EN_QUOTES"}``.
        """
        if url is not None and not _is_http_url(url):
            raise BackendUnavailable(f"LanguageTool URL {url!r} is not an http:// or https:// URL")
        self.url = _api_root(url) if url else None
        self.timeout = timeout
        self.params = dict(params or {})

    def available(self) -> str | None:
        """Return why LanguageTool cannot be used now, or ``None``."""
        if self.url is None:
            return _local_reason()
        try:
            self._request("languages", None)
        except BackendError as exc:
            return str(exc)
        return None

    def check(self, text: str, language: str) -> list[BackendMatch]:
        """Send ``text`` to ``/v2/check`` and convert the matches."""
        if self.url is None:
            self.url = _local_server()
        body = self._request("check", {**self.params, "text": text, "language": _tag(language)})
        try:
            to_index = _utf16_to_index(text)
            units = text.encode("utf-16-le")
            problem = next(filter(None, (_offset_problem(raw, units) for raw in body["matches"])), None)
            if problem is None:
                return [_to_match(raw, to_index, len(text)) for raw in body["matches"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise BackendUnavailable(
                f"LanguageTool at {self.url} sent an unexpected response ({exc!r})"
            ) from exc
        raise BackendUnavailable(f"LanguageTool at {self.url} sent {problem}")

    def _request(self, endpoint: str, form: Mapping[str, str] | None) -> Any:
        """GET (no form) or POST one endpoint and return the decoded JSON, all within
        :attr:`timeout` seconds."""
        parts = urllib.parse.urlsplit(f"{self.url}/{endpoint}")
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        https = parts.scheme == "https"
        connection = (http.client.HTTPSConnection if https else http.client.HTTPConnection)(
            parts.hostname or "", parts.port, timeout=self.timeout
        )
        watchdog: threading.Timer | None = None
        started = time.monotonic()
        try:
            connection.connect()
            watchdog = threading.Timer(
                started + self.timeout - time.monotonic(), _cut_off, (connection.sock,)
            )
            watchdog.start()
            connection.request(
                "POST" if data is not None else "GET",
                parts.path + (f"?{parts.query}" if parts.query else ""),
                body=data,
                headers={"Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"},
            )
            response = connection.getresponse()
            status, payload = response.status, response.read()
            if time.monotonic() - started >= self.timeout:  # cut off: what came is not all
                raise TimeoutError
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError) or time.monotonic() - started >= self.timeout:
                raise BackendUnavailable(
                    f"LanguageTool at {self.url} did not answer within {self.timeout:g} s"
                ) from exc
            if isinstance(exc, ConnectionRefusedError | socket.gaierror):
                raise BackendUnavailable(f"LanguageTool at {self.url} is unreachable: {exc}") from exc
            raise BackendUnavailable(f"LanguageTool at {self.url} failed: {exc!r}") from exc
        finally:
            if watchdog is not None:
                watchdog.cancel()
            connection.close()
        if status >= 400:
            message = f"LanguageTool at {self.url} answered HTTP {status}: {_first_line(payload)}"
            raise (BackendError if status == 400 else BackendUnavailable)(message)
        try:
            return json.loads(payload)
        except ValueError as exc:
            raise BackendUnavailable(
                f"LanguageTool at {self.url} sent invalid JSON: {_first_line(payload)}"
            ) from exc


def _cut_off(sock: socket.socket) -> None:
    """End a request that ran out of time: a shut-down socket wakes the blocked read."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _is_http_url(url: str) -> bool:
    try:
        parts = urllib.parse.urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _api_root(url: str) -> str:
    """Normalise a server URL to its ``.../v2`` root, without a trailing slash."""
    root = url.rstrip("/")
    return root if root.endswith("/v2") else f"{root}/v2"


def _tag(language: str) -> str:
    """LanguageTool spell-checks only regional English: read plain ``en`` as en-US."""
    return "en-US" if language.lower() == "en" else language


def _first_line(payload: bytes) -> str:
    """The first non-blank line of a response body, shortened for a message."""
    text = payload.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else "(empty body)"
    return line if len(line) <= 200 else line[:199] + "…"


def _utf16_to_index(text: str) -> Callable[[int], int]:
    """Return a function mapping UTF-16 offsets in ``text`` to code-point indices."""
    starts: list[int] = []  # UTF-16 offset of every astral (surrogate-pair) char
    units = 0
    for char in text:
        if ord(char) > 0xFFFF:
            starts.append(units)
            units += 2
        else:
            units += 1
    if not starts:
        return lambda offset: offset
    return lambda offset: offset - bisect.bisect_left(starts, offset)


def _offset_problem(raw: Mapping[str, Any], units: bytes) -> str | None:
    """What is wrong with a match's offsets against the text sent (``units``, UTF-16-LE):
    out of it, or flagging other text than the match's own context shows. A server that
    counts in code points, or a proxy that changed the text, would put every finding in
    the wrong place, so one such match refuses the whole answer."""
    offset, length = raw["offset"], raw["length"]
    if not (isinstance(offset, int) and isinstance(length, int)):
        return f"offsets that are not whole numbers ({offset!r}, {length!r})"
    if offset < 0 or length < 0 or 2 * (offset + length) > len(units):
        return f"offsets outside the text (offset {offset}, length {length}; the text has {len(units) // 2})"
    flagged = units[2 * offset : 2 * (offset + length)].decode("utf-16-le", "replace")
    context = raw.get("context")
    if not isinstance(context, Mapping) or not isinstance(context.get("text"), str):
        return None
    start, size = context["offset"], context["length"]
    said = context["text"].encode("utf-16-le", "surrogatepass")[2 * start : 2 * (start + size)]
    shown = said.decode("utf-16-le", "replace")
    if shown != flagged and "?" not in shown:  # LanguageTool writes a cut emoji as "?"
        return f"offsets that do not fit the text (they flag {flagged!r}; the match's context, {shown!r})"
    return None


def _to_match(raw: Mapping[str, Any], to_index: Callable[[int], int], size: int) -> BackendMatch:
    """Convert one JSON match of ``/v2/check``."""
    offset, length = int(raw["offset"]), int(raw["length"])
    rule = raw["rule"]
    return BackendMatch(
        start=min(to_index(offset), size),
        end=min(to_index(offset + length), size),
        rule_id=rule["id"],
        category=_category(rule),
        message=raw["message"],
        replacements=tuple(r["value"] for r in raw.get("replacements", ())),
    )


def _category(rule: Mapping[str, Any]) -> Category:
    """Normalise a rule's category id, else its issue type."""
    category_id = rule.get("category", {}).get("id", "")
    if category_id in _CATEGORY_BY_ID:
        return _CATEGORY_BY_ID[category_id]
    return _CATEGORY_BY_ISSUE_TYPE.get(rule.get("issueType", ""), Category.OTHER)


def _local_reason() -> str | None:
    """Why a local server cannot be started, checked without downloading anything."""
    if shutil.which("java") is None:
        return "a local LanguageTool needs Java, and java is not on PATH"
    try:
        from language_tool_python.download_lt import (
            LTP_DOWNLOAD_VERSION,
            LocalLanguageTool,
        )
    except ImportError:
        return "language-tool-python is not installed"
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return None
    wanted = LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION)
    if wanted not in LocalLanguageTool.get_installed_versions():
        return (
            f"LanguageTool {LTP_DOWNLOAD_VERSION} is not downloaded "
            "(language-tool-python fetches it on first use; or set a server URL)"
        )
    return None


def _local_server() -> str:
    """Start (once per process) a local server and return its ``/v2`` root."""
    global _local_tool
    with _LOCAL_LOCK:
        if _local_tool is None:
            reason = _local_reason()
            if reason is not None:
                raise BackendUnavailable(reason)
            import language_tool_python
            from language_tool_python.exceptions import LanguageToolError

            try:
                _local_tool = language_tool_python.LanguageTool("en-US")
            except (LanguageToolError, OSError) as exc:
                raise BackendUnavailable(f"could not start a local LanguageTool server: {exc}") from exc
            logger.debug("local LanguageTool server at %s", _local_tool.url)
        return _api_root(_local_tool.url)
