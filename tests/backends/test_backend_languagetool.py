"""LanguageTool client against recorded responses served over real HTTP."""

from __future__ import annotations

import os
import socket
import time
from typing import TYPE_CHECKING

import pytest

from cscomm import Config, Linter
from cscomm.backends import languagetool
from cscomm.backends.base import BackendError, BackendUnavailable, Category
from cscomm.backends.languagetool import LanguageToolBackend

if TYPE_CHECKING:
    from conftest import FakeLanguageTool, Recorded

    Recordings = dict[str, Recorded]

# The normalisation this client promises, per (rule.category.id, rule.issueType)
# seen in the recordings. A new pair in a recording fails the test until listed.
EXPECTED_CATEGORY = {
    ("TYPOS", "misspelling"): Category.MISSPELLING,
    ("MISC", "misspelling"): Category.MISSPELLING,
    ("GRAMMAR", "grammar"): Category.GRAMMAR,
    ("CONFUSED_WORDS", "misspelling"): Category.GRAMMAR,
    ("MISC", "duplication"): Category.GRAMMAR,
    ("PUNCTUATION", "typographical"): Category.PUNCTUATION,
    ("CASING", "typographical"): Category.TYPOGRAPHY,
    ("TYPOGRAPHY", "whitespace"): Category.TYPOGRAPHY,
    ("STYLE", "style"): Category.STYLE,
    ("REDUNDANCY", "style"): Category.STYLE,
    ("AMERICAN_ENGLISH_STYLE", "style"): Category.STYLE,
    ("MISC", "uncategorized"): Category.OTHER,
}


def utf16_slice(text: str, offset: int, length: int) -> str:
    """What LanguageTool's offset/length designate, computed the slow, sure way."""
    units = text.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def backend_for(server: FakeLanguageTool, recorded: Recorded) -> LanguageToolBackend:
    extra = {k: v for k, v in recorded.params.items() if k != "language"}
    return LanguageToolBackend(server.url, timeout=5, params=extra)


def test_replayed_response_is_mapped(fake_lt: FakeLanguageTool, replayed: Recorded) -> None:
    recorded = replayed
    backend = backend_for(fake_lt, recorded)
    matches = backend.check(recorded.text, recorded.params["language"])

    raw = recorded.json()["matches"]
    assert len(matches) == len(raw) == recorded.count
    assert {m.rule_id for m in matches} == recorded.rule_ids
    for match, expected in zip(matches, raw, strict=True):
        flagged = utf16_slice(recorded.text, expected["offset"], expected["length"])
        assert recorded.text[match.start : match.end] == flagged
        assert match.rule_id == expected["rule"]["id"]
        assert match.message == expected["message"]
        assert match.replacements == tuple(r["value"] for r in expected["replacements"])
        rule = expected["rule"]
        assert match.category == EXPECTED_CATEGORY[(rule["category"]["id"], rule["issueType"])]


def test_request_carries_text_language_and_params(fake_lt: FakeLanguageTool, recordings: Recordings) -> None:
    recorded = recordings["29_enabled_only_rule"]
    backend_for(fake_lt, recorded).check(recorded.text, "en-US")
    assert fake_lt.requests == [{**recorded.params, "text": recorded.text}]


def test_recorded_emoji_offset_is_converted(fake_lt: FakeLanguageTool, recordings: Recordings) -> None:
    recorded = recordings["16_emoji_offsets"]
    assert recorded.json()["matches"][0]["offset"] == 41  # UTF-16 units
    (match,) = LanguageToolBackend(fake_lt.url).check(recorded.text, "en-US")
    assert (match.start, match.end) == (40, 48)
    assert recorded.text[match.start : match.end] == "recieved"


def test_astral_prefix_shifts_python_offsets_by_code_points(
    fake_lt: FakeLanguageTool, recordings: Recordings
) -> None:
    base, shifted = (
        recordings["03_typos_received"],
        recordings["03_typos_received_emoji"],
    )
    prefix = shifted.text[: len(shifted.text) - len(base.text)]
    assert len(prefix) == 3  # two emoji and a space: 5 UTF-16 units
    backend = LanguageToolBackend(fake_lt.url)
    plain = backend.check(base.text, "en-US")
    moved = backend.check(shifted.text, "en-US")
    assert plain
    assert [(m.start, m.end) for m in moved] == [(m.start + 3, m.end + 3) for m in plain]


def test_utf16_conversion_at_text_end() -> None:
    text = "ok 😊"
    to_index = languagetool._utf16_to_index(text)
    assert [to_index(u) for u in range(6)] == [
        0,
        1,
        2,
        3,
        3,
        4,
    ]  # unit 4 is inside the pair
    assert to_index(5) == len(text)


@pytest.mark.parametrize("suffix", ["", "/", "/v2", "/v2/"])
def test_url_forms(fake_lt: FakeLanguageTool, recordings: Recordings, suffix: str) -> None:
    recorded = recordings["05_doubled_word"]
    backend = LanguageToolBackend(fake_lt.url + suffix)
    assert [m.rule_id for m in backend.check(recorded.text, "en-US")] == ["DT_DT"]


def test_plain_en_is_sent_as_en_us(fake_lt: FakeLanguageTool, recordings: Recordings) -> None:
    recorded = recordings["05_doubled_word"]
    assert LanguageToolBackend(fake_lt.url).check(recorded.text, "en")
    assert fake_lt.requests[0]["language"] == "en-US"


def test_rejected_request_is_a_backend_error(fake_lt: FakeLanguageTool, recordings: Recordings) -> None:
    recorded = recordings["35_error_unknown_language"]
    with pytest.raises(BackendError) as caught:
        LanguageToolBackend(fake_lt.url).check(recorded.text, "xx-YY")
    assert not isinstance(caught.value, BackendUnavailable)
    message = str(caught.value)
    assert "HTTP 400" in message
    assert "'xx-YY' is not a language code" in message
    assert "\n" not in message


def test_slow_server_times_out(fake_lt: FakeLanguageTool) -> None:
    backend = LanguageToolBackend(fake_lt.url + "/slow", timeout=0.2)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=r"did not answer within 0\.2 s"):
        backend.check("We recieved it.", "en-US")
    assert time.monotonic() - started < 2


def test_server_error_is_unavailable(fake_lt: FakeLanguageTool) -> None:
    backend = LanguageToolBackend(fake_lt.url + "/error500")
    with pytest.raises(BackendUnavailable, match=r"HTTP 500: Error: java\.lang\.OutOfMemory"):
        backend.check("We recieved it.", "en-US")


def test_non_json_answer_is_unavailable(fake_lt: FakeLanguageTool) -> None:
    backend = LanguageToolBackend(fake_lt.url + "/garbage")
    with pytest.raises(BackendUnavailable, match="invalid JSON"):
        backend.check("We recieved it.", "en-US")


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("shifted", r"offsets that do not fit the text \(they flag 'ecieved "),
        ("beyond", "offsets outside the text"),
        ("negative", r"offsets outside the text \(offset -3"),
        ("fractional", "offsets that are not whole numbers"),
        ("truncated", "invalid JSON"),
        ("empty", r"invalid JSON: \(empty body\)"),
        ("shape", "unexpected response"),
        ("closed", "IncompleteRead"),
    ],
)
def test_a_wrong_answer_is_unavailable_never_wrong_findings(
    fake_lt: FakeLanguageTool, recordings: Recordings, fault: str, says: str
) -> None:
    recorded = recordings["03_typos_received"]
    extra = {k: v for k, v in recorded.params.items() if k != "language"}
    backend = LanguageToolBackend(f"{fake_lt.url}/{fault}", timeout=5, params=extra)
    with pytest.raises(BackendUnavailable, match=says):
        backend.check(recorded.text, recorded.params["language"])
    assert fake_lt.requests  # the server was asked, and its answer refused


def test_offsets_counted_in_code_points_are_refused(
    fake_lt: FakeLanguageTool, recordings: Recordings
) -> None:
    """A server (or proxy) that counts code points, not UTF-16 units, after an emoji."""
    recorded = recordings["16_emoji_offsets"]
    with pytest.raises(BackendUnavailable, match="offsets that do not fit the text"):
        LanguageToolBackend(f"{fake_lt.url}/codepoints").check(recorded.text, "en-US")
    (match,) = LanguageToolBackend(fake_lt.url).check(recorded.text, "en-US")  # the true answer is kept
    assert recorded.text[match.start : match.end] == "recieved"


@pytest.mark.parametrize("fault", ["garbage", "error500", "refused"])
def test_a_failing_languagetool_costs_a_draft_its_spelling_only(
    fake_lt: FakeLanguageTool, fault: str
) -> None:
    url = _closed_port_url() if fault == "refused" else f"{fake_lt.url}/{fault}"
    linter = Linter(Config(backend="languagetool", languagetool_url=url), backend_process=False)
    report = linter.check("thanks for you're order, we recieved it.\n")
    assert any(n.startswith("CS901") for n in report.notices)
    assert {"CT001", "CT003"} <= {f.code for f in report.findings}  # the other rules still ran
    assert report.incomplete


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_down_server_is_unavailable() -> None:
    backend = LanguageToolBackend(_closed_port_url(), timeout=2)
    with pytest.raises(BackendUnavailable, match="unreachable"):
        backend.check("We recieved it.", "en-US")
    reason = backend.available()
    assert reason is not None
    assert "unreachable" in reason


def test_available_asks_the_server(fake_lt: FakeLanguageTool) -> None:
    assert LanguageToolBackend(fake_lt.url).available() is None
    reason = LanguageToolBackend(fake_lt.url + "/error500").available()
    assert reason is not None
    assert "HTTP 500" in reason


def test_local_mode_needs_java(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: None)
    reason = LanguageToolBackend().available()
    assert reason is not None
    assert "Java" in reason
    with pytest.raises(BackendUnavailable, match="Java"):
        LanguageToolBackend().check("We recieved it.", "en-US")


def test_local_mode_never_downloads(monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]) -> None:
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: "/usr/bin/java")
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    reason = LanguageToolBackend().available()
    assert reason is not None
    assert "not downloaded" in reason
    with pytest.raises(BackendUnavailable, match="not downloaded"):
        LanguageToolBackend().check("We recieved it.", "en-US")


LIVE_URL = os.environ.get("CSCOMM_TEST_LANGUAGETOOL_URL")


@pytest.mark.skipif(not LIVE_URL, reason="set CSCOMM_TEST_LANGUAGETOOL_URL to test a live server")
def test_live_server() -> None:
    assert LIVE_URL
    backend = LanguageToolBackend(LIVE_URL)
    assert backend.available() is None
    text = "Thanks 😊 — we recieved your order."
    matches = backend.check(text, "en-US")
    spelled = [m for m in matches if m.category is Category.MISSPELLING]
    assert [text[m.start : m.end] for m in spelled] == ["recieved"]
    assert "received" in spelled[0].replacements
