"""Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) with the cscomm extension
loaded, a real ``cscomm serve`` on a free port, and a local web server for the test pages.

The tests skip, saying why, when Chromium, chromedriver or Selenium is missing. Screenshots are
written to the artefacts folder named in the session's closing summary.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import headless_chromium
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "examples" / "integrations" / "browser-extension"
STUBS = "/tests/browser/stubs"
# The third-party SDKs cannot run here: the shipped app pages load these stand-ins instead.
SDK_STUBS = {
    "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js": f"{STUBS}/zaf_sdk.js",
    "{{{appclient}}}": f"{STUBS}/freshworks_sdk.js",
}
SERVE_START_TIMEOUT = 120
_artefacts: list[Path] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = headless_chromium.missing()
    if reason is None:
        return
    for item in items:
        if Path(item.path).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.skip(reason=f"browser tests: {reason}"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _artefacts:
        terminalreporter.write_line(f"browser test screenshots: {_artefacts[0]}")


def extension_id() -> str:
    """Chrome's id of an extension whose manifest has a ``key``: its hash, in letters a-p."""
    key = json.loads((EXTENSION / "manifest.json").read_text())["key"]
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


class _Handler(SimpleHTTPRequestHandler):
    """Files of the repository; HTML pages get the SDK stand-ins in place of the real SDKs."""

    def send_head(self) -> BytesIO | None:  # type: ignore[override]
        if not self.path.split("?")[0].endswith(".html"):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().send_head()
        html = path.read_text(encoding="utf-8")
        for real, stub in SDK_STUBS.items():
            html = html.replace(real, stub)
        body = html.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    """``http://127.0.0.1:PORT``: the repository, served for the test pages."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(ROOT)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@dataclass(frozen=True)
class Service:
    url: str
    token: str


@pytest.fixture(scope="session")
def service(site: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """A real ``cscomm serve`` that allows the extension and the test site, with its token."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path_factory.mktemp("config"))}
    cscomm = [sys.executable, "-m", "cscomm", "serve"]
    token = subprocess.run(
        [*cscomm, "--print-token"], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    origins = [f"chrome-extension://{extension_id()}", site]
    command = [*cscomm, "--port", "0", *(f"--allow-origin={origin}" for origin in origins)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    url = _listening_url(process)
    yield Service(url, token)
    process.terminate()
    process.wait(timeout=30)
    process.stderr.close()


def _listening_url(process: subprocess.Popen[str]) -> str:
    timer = threading.Timer(SERVE_START_TIMEOUT, process.kill)
    timer.start()
    try:
        for line in process.stderr or ():
            if "listening on " in line:
                return line.rsplit("listening on ", 1)[1].strip()
    finally:
        timer.cancel()
    raise RuntimeError(f"cscomm serve did not start (exit {process.wait()})")


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("artefacts")
    _artefacts.append(folder)
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    driver = headless_chromium.start(
        "1100,800", (f"--load-extension={EXTENSION}", f"--disable-extensions-except={EXTENSION}")
    )
    yield driver
    driver.quit()
