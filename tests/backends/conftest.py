"""A real local HTTP server that replays recorded LanguageTool responses.

The recordings in ``fixtures/languagetool/`` are copies of
``shared/fixtures/languagetool/`` (real LanguageTool 6.3 answers; see its README).
The server answers ``POST /v2/check`` with the recorded body for the same text and
form fields, and ``GET /v2/languages``. A path prefix picks a failure instead:
``/slow`` (answers after the client gave up), ``/error500`` and ``/garbage``, or one of
:data:`FAULTS`, which change the recorded answer: offsets moved, outside the text or
counted in code points, the body cut short, the connection closed halfway.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "languagetool"

# Synthesised case: fixture 03 with two emoji put in front. Each emoji is one code
# point but two UTF-16 units, so every LanguageTool offset moves by 5 (2 + 2 + the
# space) while the Python index moves by 3. Only the offsets change; the rest of
# the recorded response is kept.
EMOJI_PREFIX = "🚚📦 "


@dataclass(frozen=True)
class Recorded:
    """One recorded request and its response."""

    name: str
    text: str
    params: dict[str, str]
    status: int
    content_type: str
    body: bytes
    rule_ids: frozenset[str] = frozenset()
    count: int = 0

    def json(self) -> Any:
        return json.loads(self.body)


def _read_text(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def load_recorded() -> list[Recorded]:
    """Every fixture listed in MANIFEST.json, in order."""
    manifest = json.loads((FIXTURES / "MANIFEST.json").read_text(encoding="utf-8"))
    return [
        Recorded(
            name=entry["file"].split(".")[0],
            text=_read_text(entry["text_file"]),
            params=dict(entry["params"]),
            status=entry["http_status"],
            content_type=entry["content_type"] or "text/plain; charset=utf-8",
            body=(FIXTURES / entry["file"]).read_bytes(),
            rule_ids=frozenset(entry.get("rule_ids", ())),
            count=entry.get("matches", 0),
        )
        for entry in manifest["fixtures"]
    ]


def emoji_shifted(base: Recorded) -> Recorded:
    """``base`` with `EMOJI_PREFIX` before its text and its offsets moved to match."""
    shift = len(EMOJI_PREFIX.encode("utf-16-le")) // 2
    body = base.json()
    for match in body["matches"]:
        match["offset"] += shift
    return Recorded(
        name=f"{base.name}_emoji",
        text=EMOJI_PREFIX + base.text,
        params=base.params,
        status=base.status,
        content_type=base.content_type,
        body=json.dumps(body).encode(),
        rule_ids=base.rule_ids,
        count=base.count,
    )


RECORDED = load_recorded()
SHIFTED = emoji_shifted(next(r for r in RECORDED if r.name == "03_typos_received"))
REPLAYED = [r for r in RECORDED if r.status == 200] + [SHIFTED]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests that take ``replayed`` once per successful recording."""
    if "replayed" in metafunc.fixturenames:
        metafunc.parametrize("replayed", REPLAYED, ids=[r.name for r in REPLAYED])


@pytest.fixture(scope="session")
def recordings() -> dict[str, Recorded]:
    """Every recording by name, including the synthesised ``*_emoji`` one."""
    return {r.name: r for r in [*RECORDED, SHIFTED]}


def _moved(body: bytes, move: Callable[[dict[str, Any], str], None], text: str) -> bytes:
    answer = json.loads(body)
    for match in answer["matches"]:
        move(match, text)
    return json.dumps(answer).encode()


def _in_code_points(match: dict[str, Any], text: str) -> None:
    """As a server that counts code points, not UTF-16 units, would place the match."""
    units = text.encode("utf-16-le")
    before = units[: 2 * match["offset"]].decode("utf-16-le")
    match["offset"] = len(before)


FAULTS: dict[str, Callable[[bytes, str], bytes]] = {
    "shifted": lambda body, text: _moved(body, lambda m, t: m.update(offset=m["offset"] + 1), text),
    "codepoints": lambda body, text: _moved(body, _in_code_points, text),
    "beyond": lambda body, text: _moved(body, lambda m, t: m.update(offset=len(t) + 5), text),
    "negative": lambda body, text: _moved(body, lambda m, t: m.update(offset=-3), text),
    "fractional": lambda body, text: _moved(body, lambda m, t: m.update(length=2.5), text),
    "truncated": lambda body, text: body[: len(body) // 2],
    "shape": lambda body, text: b'{"matches": [{"offset": 1}]}',
    "empty": lambda body, text: b"",
}
"""Wrong answers to a check, by path prefix: each takes the recorded body and the text."""


def _key(form: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(form.items()))


@dataclass
class FakeLanguageTool:
    """Handle on the running server."""

    url: str
    requests: list[dict[str, str]]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    responses: dict[tuple[tuple[str, str], ...], Recorded]
    stop: threading.Event
    seen: list[dict[str, str]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that time out hang up before the answer: that is expected."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> str | None:
        """Apply the failure prefix, if any; return the path left, None if answered."""
        prefix, _, rest = self.path.partition("/v2/")
        if prefix == "/slow":
            self.server.stop.wait(5)
        elif prefix == "/error500":
            body = b"Error: java.lang.OutOfMemoryError: Java heap space\n\tat ..."
            self._send(500, "text/plain; charset=utf-8", body)
            return None
        elif prefix == "/garbage":
            self._send(200, "text/html", b"<html><body>502 Bad Gateway</body></html>")
            return None
        return rest

    def do_GET(self) -> None:
        rest = self._route()
        if rest == "languages":
            body = (FIXTURES / "v2_languages.json").read_bytes()
            self._send(200, "application/json", body)
        elif rest is not None:
            self._send(404, "text/plain", b"not found")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length).decode("utf-8")
        form = dict(urllib.parse.parse_qsl(raw, keep_blank_values=True))
        self.server.seen.append(form)
        rest = self._route()
        if rest is None:
            return
        recorded = self.server.responses.get(_key(form))
        prefix = self.path.partition("/v2/")[0].strip("/")
        if rest != "check" or recorded is None:
            self._send(404, "text/plain", b"no recording for this request")
        elif prefix in FAULTS:
            self._send(recorded.status, recorded.content_type, FAULTS[prefix](recorded.body, form["text"]))
        elif prefix == "closed":  # the answer's headers, half its body, then the connection ends
            self.send_response(recorded.status)
            self.send_header("Content-Length", str(len(recorded.body)))
            self.end_headers()
            self.wfile.write(recorded.body[: len(recorded.body) // 2])
        else:
            self._send(recorded.status, recorded.content_type, recorded.body)


@pytest.fixture(scope="session")
def _server() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.responses = {_key({**r.params, "text": r.text}): r for r in [*RECORDED, SHIFTED]}
    server.stop = threading.Event()
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def fake_lt(_server: _Server) -> FakeLanguageTool:
    """The replay server, with the requests of this test only."""
    _server.seen.clear()
    host, port = _server.server_address[:2]
    return FakeLanguageTool(url=f"http://{host!s}:{port}", requests=_server.seen)
