"""The rule reference (docs/rules/), each finding's url, filled-in messages in `cscomm rules`."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from string import Formatter

import pytest
from click.testing import CliRunner

from cscomm import Config, Linter
from cscomm.checks.base import Rule
from cscomm.checks.kinds import DataRule
from cscomm.cli import cli
from cscomm.config import parse_config
from cscomm.errors import ConfigError
from cscomm.guidelines import GUIDELINES
from cscomm.registry import Registry
from cscomm.report import Report
from cscomm.reporters.sarif import report_sarif
from cscomm.rule_docs import ENGINE_FINDINGS, Precision, read_precision, reference, stale, write
from cscomm.samples import sample_message
from cscomm.testing import expand_markers

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules"
SCRIPT = ROOT / "scripts" / "gen_rule_docs.py"
BAD = str(ROOT / "examples" / "refund-reply.bad.txt")
REGISTRY = Registry.build()
PAGES = reference(REGISTRY.rules, {})
PLACEHOLDER = re.compile(r"\{\w+\}")


def _unfilled(rule: type[Rule], text: str) -> list[str]:
    """The placeholders of the rule's message still written as such in ``text``."""
    fields = {field for _, field, _, _ in Formatter().parse(rule.message) if field}
    return sorted(f for f in fields if f"{{{f}}}" in text)


def _section(page: str, heading: str) -> str:
    return page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def test_committed_reference_is_current() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_outdated_reference_is_caught(tmp_path: Path) -> None:
    write(tmp_path, PAGES)
    assert stale(tmp_path, PAGES) == []
    (tmp_path / "CT001.md").write_text("# edited by hand\n", encoding="utf-8")
    (tmp_path / "TN003.md").unlink()
    (tmp_path / "XX999.md").write_text("a rule that is gone\n", encoding="utf-8")
    assert stale(tmp_path, PAGES) == ["CT001.md", "TN003.md", "XX999.md"]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "CT001.md: out of date" in result.stderr
    write(tmp_path, PAGES)
    assert stale(tmp_path, PAGES) == []


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=[r.code for r in REGISTRY.rules])
def test_every_rule_has_a_page_with_rationale_examples_and_explained_guidelines(rule: type[Rule]) -> None:
    page = PAGES[f"{rule.code}.md"]
    assert page.splitlines()[2] == f"# {rule.code} {rule.name}"
    assert _section(page, "Why") == rule.rationale.strip() != ""
    assert "```text\n" in _section(page, "Examples"), f"{rule.code} has no example"
    assert page.splitlines()[4] == f"> {sample_message(rule)}"
    assert _unfilled(rule, page.splitlines()[4]) == []
    guidelines = _section(page, "Guidelines")
    for guideline in rule.guidelines:
        assert guideline in GUIDELINES, f"{rule.code} cites {guideline}, which the guidelines lack"
        assert f"- {guideline} (" in guidelines and GUIDELINES[guideline] in guidelines
    assert f"[{rule.code}]({rule.code}.md)" in PAGES["README.md"]


def test_pages_show_options_profiles_and_precision() -> None:
    page = reference(REGISTRY.rules, {"CL001": Precision(35, 3, 32, 0, "0.09", "–")})["CL001.md"]
    assert "| `limit` | `35` | `40` | `40` |" in _section(page, "Options")
    assert "[tool.cscomm.rules.long-sentence]\nlimit = 35" in page
    assert "fired 35 times, 3 right and 32 wrong; precision 0.09" in _section(page, "Measured precision")
    assert "Off for memo drafts" in PAGES["SS002.md"]
    assert "it is opt-in" in _section(PAGES["CL004.md"], "Measured precision")


def test_precision_is_read_from_the_readme_table() -> None:
    table = read_precision((ROOT / "README.md").read_text(encoding="utf-8"))
    assert table["CL006"].right == table["CL006"].fired > 0
    assert "CL004" not in table  # opt-in rules are not in the default run
    assert read_precision("no table here") == {}


def test_findings_carry_their_rule_url_in_json_and_verbose_text() -> None:
    out = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", BAD]).stdout
    findings = json.loads(out)["files"][0]["findings"]
    assert findings
    for finding in findings:
        assert finding["url"] == f"docs/rules/{finding['code']}.md"
        assert (ROOT / finding["url"]).is_file(), "the default url is the committed page"
    text = CliRunner().invoke(cli, ["check", "--isolated", "-v", "--select", "TN002", BAD]).stdout
    assert "\n    docs: docs/rules/TN002.md\n" in text


def test_docs_url_is_configurable_and_becomes_sarif_help_uri(tmp_path: Path) -> None:
    config = tmp_path / "cscomm.toml"
    config.write_text('docs-url = "https://example.org/cscomm/{name}/"\n', encoding="utf-8")
    args = ["check", "--config", str(config), "--select", "TN002", BAD]
    (file,) = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)["files"]
    (finding,) = file["findings"]
    assert finding["url"] == "https://example.org/cscomm/rude-language/"
    log = json.loads(CliRunner().invoke(cli, [*args, "--format", "sarif"]).stdout)
    (descriptor,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["helpUri"] == "https://example.org/cscomm/rude-language/"


def test_sarif_has_no_help_uri_for_a_relative_url() -> None:
    """SARIF's helpUri must be an absolute URI; the default url is relative to the repository."""
    report = Linter(Config(select=("TN002",))).check(
        "Hi Sam,\n\nAs I already said in my last email, it ships Friday.\n\nBest,\nAna\n"
    )
    assert report.findings[0].url == "docs/rules/TN002.md"
    out = io.StringIO()
    report_sarif(Report((report,)), out)
    assert "helpUri" not in out.getvalue()


@pytest.mark.parametrize("value", ["https://example.org/rules", "https://example.org/{rule}", "{code}{0}"])
def test_a_docs_url_without_its_placeholders_is_a_config_error(value: str) -> None:
    with pytest.raises(ConfigError, match="docs-url"):
        parse_config({"docs-url": value}, "cscomm.toml")


def test_engine_findings_have_pages_too() -> None:
    for code, name in ENGINE_FINDINGS:
        assert PAGES[f"{code}.md"].splitlines()[2] == f"# {code} {name}"


def test_rules_shows_messages_with_placeholders_filled_in() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    rows = {line[:5]: line for line in result.stdout.splitlines() if re.match(r"[A-Z]{2}\d{3} ", line)}
    assert len(rows) == len(REGISTRY.rules)
    assert [r.code for r in REGISTRY.rules if _unfilled(r, rows[r.code])] == []
    assert "“recieved” is misspelt; write “received”." in result.stdout
    assert "Sentence has 39 words (limit 35); split it." in result.stdout
    assert "The greeting says “Tom”, but the customer is “Lena”." in result.stdout


DATA_RULES = [r for r in REGISTRY.rules if issubclass(r, DataRule) and PLACEHOLDER.search(r.message)]


@pytest.mark.parametrize("rule", DATA_RULES, ids=[r.code for r in DATA_RULES])
def test_a_data_rules_sample_message_is_what_it_reports_on_its_example(rule: type[DataRule]) -> None:
    text, _ = expand_markers(rule.examples.fail[0])
    report = Linter(Config(select=(rule.code,)), registry=REGISTRY).check(text, kind=rule.examples.kind)
    assert sample_message(rule) in [f.message for f in report.findings]


def test_a_seed_language_rule_is_read_from_the_second_table() -> None:
    table = read_precision((ROOT / "README.md").read_text(encoding="utf-8"))
    assert table["SG201"].seed_languages and table["SG201"].fired > 0
    assert not table["CT001"].seed_languages  # in both tables: the English one counts
