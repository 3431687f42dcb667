"""A draft in a pack language that LanguageTool checks goes to it whole, in that language.

A stand-in server answers in LanguageTool's shape (``/v2/check`` JSON, offsets in UTF-16
units): it flags every occurrence of the words it is told are wrong, in whatever language
it is asked, and records each request's language.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from cscomm import Config, Linter

WRONG = {"recebimeto": "recebimento", "recived": "received"}
PORTUGUESE = (
    "Prezada Sra. Lima,\n\nObrigada pelo contato. Pedimos desculpas pelo atraso no recebimeto "
    "do seu pedido. O novo envio chega até sexta-feira, dia 13.\n\nAtenciosamente,\nAna Souza"
)
VIETNAMESE = (
    "Chào anh Minh,\n\nCảm ơn anh đã liên hệ. Bên em đã gửi lại đơn hàng, anh sẽ nhận trong vòng "
    "3 ngày làm việc. You will get a text once it has recived the parcel.\n\nTrân trọng,\nLan"
)


class _StandIn(ThreadingHTTPServer):
    daemon_threads = True
    languages: list[str]


class _Handler(BaseHTTPRequestHandler):
    server: _StandIn

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""

    def do_GET(self) -> None:  # /v2/languages: the availability probe
        self._json([{"name": "Portuguese (Brazil)", "code": "pt", "longCode": "pt-BR"}])

    def do_POST(self) -> None:
        form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
        self.server.languages.append(form["language"])
        text = form["text"]
        matches = []
        for word, fix in WRONG.items():
            start = text.find(word)
            if start >= 0:
                offset = len(text[:start].encode("utf-16-le")) // 2
                matches.append(
                    {
                        "message": "Possible spelling mistake found.",
                        "offset": offset,
                        "length": len(word),
                        "replacements": [{"value": fix}],
                        "rule": {
                            "id": "MORFOLOGIK_RULE_PT_BR",
                            "issueType": "misspelling",
                            "category": {"id": "TYPOS"},
                        },
                    }
                )
        self._json({"matches": matches})

    def _json(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def stand_in() -> Iterator[_StandIn]:
    server = _StandIn(("127.0.0.1", 0), _Handler)
    server.languages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _linter(server: _StandIn) -> Linter:
    host, port = server.server_address[:2]
    return Linter(Config(backend="languagetool", languagetool_url=f"http://{host!s}:{port}"))


def test_a_portuguese_draft_is_checked_in_portuguese(stand_in: _StandIn) -> None:
    report = _linter(stand_in).check(PORTUGUESE)
    assert stand_in.languages == ["pt-BR"]
    [finding] = [f for f in report.findings if f.code == "SG001"]
    assert finding.text == "recebimeto"
    assert finding.suggestions == ("recebimento",)
    assert any("by LanguageTool" in n for n in report.notices)


def test_a_language_languagetool_lacks_gets_english_checks_only(stand_in: _StandIn) -> None:
    report = _linter(stand_in).check(VIETNAMESE)
    assert (
        "vi" not in stand_in.languages and stand_in.languages[0] == "en-US"
    )  # British spelling is asked too
    [finding] = [f for f in report.findings if f.code == "SG001"]
    assert finding.text == "recived"
    assert not any("by LanguageTool" in n for n in report.notices)
