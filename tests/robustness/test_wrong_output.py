"""Wrong output and unclear errors: a passive span that ends before it starts, a rule option
of the wrong type, a report file others can read."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from spacy.tokens import Doc

from cscomm import Config, Linter
from cscomm.analysis import Analysis
from cscomm.checks.base import Context
from cscomm.checks.clarity import PassiveVoice
from cscomm.config import load_config
from cscomm.errors import ConfigError
from cscomm.hooks import sendmail
from cscomm.hooks.checking import Verdict
from cscomm.hooks.sendmail import _write_report
from cscomm.nlp import load_pipeline
from cscomm.parsing import parse
from cscomm.server.checker import Checker


@pytest.mark.parametrize(
    ("words", "heads", "deps", "spans"),
    [
        (
            ["Your", "refund", "was", "sent"],
            [1, 3, 3, 3],
            ["poss", "nsubjpass", "auxpass", "ROOT"],
            [(12, 20)],
        ),
        (["sent", "was", "it"], [0, 0, 0], ["ROOT", "auxpass", "nsubj"], []),
    ],
    ids=["passive", "participle-before-its-auxiliary"],
)
def test_passive_spans_never_end_before_they_start(
    words: list[str], heads: list[int], deps: list[str], spans: list[tuple[int, int]]
) -> None:
    reply = Doc(load_pipeline(None).nlp.vocab, words=words, heads=heads, deps=deps)
    doc = parse(reply.text)
    hits = list(PassiveVoice().check_parse(Context(doc, Analysis(doc)), reply))
    assert [(h.span.start, h.span.end) for h in hits] == spans


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ("[rules.long-sentence]\nlimit = 'x'\n", "rules.long-sentence.limit: must be a number, not 'x'"),
        ("[rules.long-sentence]\nlimit = true\n", "rules.long-sentence.limit: must be a number, not True"),
        ("[rules.undefined-acronym]\nknown = 'VAT'\n", "rules.undefined-acronym.known: must be a list"),
        ("[rules.CL001]\nenabled = 'no'\n", "rules.CL001.enabled: must be true or false"),
    ],
    ids=["string-for-number", "boolean-for-number", "string-for-list", "string-for-boolean"],
)
def test_a_rule_option_of_the_wrong_type_is_an_error_naming_file_and_key(
    tmp_path: Path, table: str, problem: str
) -> None:
    path = tmp_path / "cscomm.toml"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError, match="^" + re.escape(f"{path}: {problem}")):
        Linter(load_config(path), backend_process=False)


def test_serve_refuses_a_rule_option_of_the_wrong_type() -> None:
    checker = Checker.__new__(Checker)  # only its configuration is used here
    checker.base = Config()
    config = checker._config({"rules": {"long-sentence": {"limit": "x"}}})
    with pytest.raises(ConfigError, match=re.escape("long-sentence.limit: must be a number")):
        Linter(config, backend_process=False)


@pytest.mark.parametrize("existing", [None, 0o644])
def test_the_report_file_is_the_users_alone(tmp_path: Path, existing: int | None) -> None:
    path = tmp_path / "state" / "last-report.txt"
    if existing is not None:
        path.parent.mkdir()
        path.write_text("old", encoding="utf-8")
        path.chmod(existing)
    assert _write_report(path, "report", _Errors())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8") == "report"


def test_an_unwritable_report_file_is_not_said_to_hold_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sendmail, "check_in_child", lambda *args: Verdict(True, 1, "draft: warning\n"))
    monkeypatch.delenv("CSCOMM_FORCE", raising=False)
    (tmp_path / "blocker").write_text("", encoding="utf-8")
    report = tmp_path / "blocker" / "report.txt"
    errors = _Errors()
    options = sendmail.SendmailOptions(args=(), sendmail="true", isolated=True, report_file=report)
    assert sendmail.run(b"Subject: x\n\nHi Sam,\n", options, errors) == sendmail.EX_DATAERR  # type: ignore[arg-type]
    assert "cannot write the report" in errors.text and "also in" not in errors.text


class _Errors:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)
