"""Formats for CI and other programs: SARIF (checked against the official 2.1.0 schema),
JSON Lines, GitHub workflow commands, JUnit XML and Checkstyle XML. Each is compared with
the JSON report of the same drafts, so that a format cannot drift from the findings."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from cscomm.checks.base import Examples, Hit, Rule
from cscomm.checks.conversation import BlamingLanguage
from cscomm.cli import cli
from cscomm.document import Span
from cscomm.engine import make_finding
from cscomm.findings import Category, Finding, Severity
from cscomm.messages import MAIL_NOTICE
from cscomm.parsing import parse
from cscomm.report import FileReport, Report
from cscomm.reporters import report_checkstyle, report_github, report_junit, report_sarif

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
BAD = str(EXAMPLES / "refund-reply.bad.txt")
GOOD = str(EXAMPLES / "refund-reply.good.txt")
SARIF_SCHEMA = json.loads((HERE / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SARIF_LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
TEXT = "Hi Sam,\n\nYour order is on it's way. As I said, you failed to send the receipt.\n\nBest,\nAna\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def json_report() -> dict[str, Any]:
    """The JSON report of the bad and the good example, to compare the other formats with."""
    data: dict[str, Any] = json.loads(run("--format", "json", BAD, GOOD)[1])
    return data


def _findings(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(file["path"], finding) for file in report["files"] for finding in file["findings"]]


def _validate_sarif(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    validator.validate(log)


def _finding(
    code: str,
    start: int,
    end: int,
    *,
    severity: Severity = Severity.WARNING,
    suggestions: tuple[str, ...] = (),
) -> Finding:
    hit = Hit(Span(start, end), suggestions=suggestions)
    return make_finding(parse(TEXT), code, "a-rule", Category.GRAMMAR, severity, "Message.", hit)


class _Replacing(Rule):
    code = "XX001"
    name = "a-rule"
    message = "“{match}” should be “{replacement}”."
    rationale = "Why it matters."
    examples = Examples()


def test_sarif_is_valid_and_holds_every_finding_where_json_puts_it(json_report: dict[str, Any]) -> None:
    code, out = run("--format", "sarif", BAD, GOOD)
    assert code == 1
    log = json.loads(out)
    _validate_sarif(log)
    sarif_run = log["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    expected = _findings(json_report)
    assert len(results) == len(expected) > 0
    for result, (path, finding) in zip(results, expected, strict=True):
        assert result["ruleId"] == finding["code"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] == SARIF_LEVELS[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == Path(path).as_uri()
        region = location["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"], finding["column"])
        assert (region["endLine"], region["endColumn"]) == (finding["end_line"], finding["end_column"])
    assert sarif_run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_describes_each_reported_rule_from_the_registry(json_report: dict[str, Any]) -> None:
    log = json.loads(run("--format", "sarif", BAD, GOOD)[1])
    registry = {
        rule["code"]: rule
        for rule in json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).stdout)
    }
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({finding["code"] for _, finding in _findings(json_report)})
    for rule in rules:
        known = registry[rule["id"]]
        assert rule["name"] == known["name"]
        assert rule["help"]["text"] == known["rationale"]
        short = rule["shortDescription"]["text"]
        assert "{" not in short and re.fullmatch(
            re.sub(r"\\\{\w+\\\}", ".+", re.escape(known["message"])), short
        )
        assert rule["defaultConfiguration"]["level"] == SARIF_LEVELS[known["severity"]]
        assert "helpUri" not in rule  # the default docs-url is relative; helpUri must be absolute


def test_sarif_offers_replacements_as_fixes_but_not_tone_advice() -> None:
    start = TEXT.index("on it's")
    replaced = _finding("XX001", start, start + 7, suggestions=("on its",))
    blame = TEXT.index("you failed")
    advice = _finding("TN001", blame, blame + 10, suggestions=("Describe what happened.",))
    files = (
        FileReport("d.txt", "email", (replaced, advice), text=TEXT),
        FileReport("d.eml", "email", (replaced,), notices=(MAIL_NOTICE,)),  # positions not in the file
    )
    out = io.StringIO()
    report_sarif(Report(files), out, {"XX001": _Replacing, "TN001": BlamingLanguage})
    log = json.loads(out.getvalue())
    _validate_sarif(log)
    first, second, in_message = log["runs"][0]["results"]
    assert "fixes" not in in_message
    (fix,) = first["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert change["artifactLocation"]["uri"] == "d.txt"
    assert replacement["deletedRegion"] == first["locations"][0]["physicalLocation"]["region"]
    assert replacement["deletedRegion"]["startColumn"] == start - TEXT.index("Your") + 1
    assert replacement["insertedContent"] == {"text": "on its"}
    assert "fixes" not in second
    rule = log["runs"][0]["tool"]["driver"]["rules"][first["ruleIndex"]]
    assert rule["shortDescription"]["text"] == "“…” should be “…”."


def test_sarif_uris_notices_and_input_errors(tmp_path: Path) -> None:
    absolute = tmp_path / "a draft.txt"
    files = (
        FileReport("my drafts/reply #1.txt", "email", (_finding("XX001", 0, 2),), text=TEXT),
        FileReport(str(absolute), "email", (), notices=("CS902 not-english: skipped",)),
    )
    out = io.StringIO()
    report_sarif(Report(files, errors=("missing.txt: no such file",)), out)
    log = json.loads(out.getvalue())
    _validate_sarif(log)
    (result,) = log["runs"][0]["results"]
    assert (
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "my%20drafts/reply%20%231.txt"
    )
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notice, error = invocation["toolExecutionNotifications"]
    assert notice["level"] == "warning" and notice["message"]["text"].startswith("CS902")
    assert notice["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == absolute.as_uri()
    assert error["level"] == "error" and "no such file" in error["message"]["text"]


def test_jsonl_is_one_finding_per_line_with_its_path(json_report: dict[str, Any]) -> None:
    code, out = run("--format", "jsonl", BAD, GOOD)
    assert code == 1
    lines = out.splitlines()
    assert [json.loads(line) for line in lines] == [{"path": p, **f} for p, f in _findings(json_report)]
    assert all(line.startswith('{"path": ') for line in lines)


GITHUB_LINE = re.compile(
    r"::(?P<level>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+),title=(?P<title>[A-Z]{2,4}\d{3} [a-z0-9-]+)::(?P<msg>.+)"
)


def test_github_annotates_each_finding(json_report: dict[str, Any]) -> None:
    code, out = run("--format", "github", BAD, GOOD)
    assert code == 1
    lines = out.splitlines()
    expected = _findings(json_report)
    assert len(lines) == len(expected)
    for line, (path, finding) in zip(lines, expected, strict=True):
        match = GITHUB_LINE.fullmatch(line)
        assert match, line
        assert (
            match["level"]
            == {"error": "error", "warning": "warning", "suggestion": "notice"}[finding["severity"]]
        )
        assert match["file"] == path and match["title"] == f"{finding['code']} {finding['name']}"
        assert (int(match["line"]), int(match["col"])) == (finding["line"], finding["column"])
        assert (int(match["end_line"]), int(match["end_col"])) == (finding["end_line"], finding["end_column"])
        assert match["msg"] == finding["message"]


def test_github_escapes_messages_and_properties_as_github_documents() -> None:
    finding = _finding("XX001", 0, 2, severity=Severity.ERROR)
    odd = replace(finding, message="50% off, now:\r\nor later")
    files = (FileReport(r"C:\drafts\a,b.txt", "email", (odd,), notices=("CS901 down: 100%",)),)
    out = io.StringIO()
    report_github(Report(files), out)
    finding_line, notice_line = out.getvalue().splitlines()
    assert finding_line.startswith(r"::error file=C%3A\drafts\a%2Cb.txt,line=1,col=1,")
    assert finding_line.endswith("::50%25 off, now:%0D%0Aor later")
    assert notice_line == r"::notice file=C%3A\drafts\a%2Cb.txt,title=cscomm::CS901 down: 100%25"


def test_junit_has_a_suite_per_file_and_a_failing_case_per_finding(json_report: dict[str, Any]) -> None:
    code, out = run("--format", "junit", BAD, GOOD)
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f["path"] for f in json_report["files"]]
    for suite, file in zip(suites, json_report["files"], strict=True):
        cases = suite.findall("testcase")
        failures = [case.find("failure") for case in cases]
        if file["findings"]:
            assert len(cases) == len(file["findings"]) == int(suite.get("failures", ""))
            for case, failure, finding in zip(cases, failures, file["findings"], strict=True):
                assert case.get("name") == f"{finding['code']} {finding['name']}"
                assert case.get("classname") == file["path"]
                assert failure is not None and failure.get("message") == finding["message"]
                assert failure.get("type") == finding["severity"]
        else:
            assert len(cases) == 1 and failures == [None] and suite.get("failures") == "0"
    assert int(root.get("failures", "")) == json_report["summary"]["findings"]
    assert int(root.get("tests", "")) == sum(int(s.get("tests", "")) for s in suites)


def test_junit_skips_a_clean_file_that_was_not_fully_checked_and_stays_valid_xml() -> None:
    odd = replace(_finding("XX001", 0, 2), message="bell\x07 & <tag>")
    files = (
        FileReport("a.txt", "email", (odd,)),
        FileReport("b.txt", "email", (), notices=("CS902 not-english: skipped",)),
    )
    out = io.StringIO()
    report_junit(Report(files), out)
    first, second = ET.fromstring(out.getvalue()).findall("testsuite")
    failure = first.find("testcase/failure")
    assert failure is not None and failure.get("message") == "bell\ufffd & <tag>"
    skipped = second.find("testcase/skipped")
    assert skipped is not None and second.get("skipped") == "1"
    assert second.findtext("system-out") == "CS902 not-english: skipped"


def test_checkstyle_lists_every_file_and_an_error_per_finding(json_report: dict[str, Any]) -> None:
    code, out = run("--format", "checkstyle", BAD, GOOD)
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "checkstyle"
    files = root.findall("file")
    assert [f.get("name") for f in files] == [f["path"] for f in json_report["files"]]
    for node, file in zip(files, json_report["files"], strict=True):
        errors = node.findall("error")
        assert len(errors) == len(file["findings"])
        for error, finding in zip(errors, file["findings"], strict=True):
            assert (int(error.get("line", "")), int(error.get("column", ""))) == (
                finding["line"],
                finding["column"],
            )
            assert (
                error.get("severity")
                == {"error": "error", "warning": "warning", "suggestion": "info"}[finding["severity"]]
            )
            assert error.get("message") == finding["message"]
            assert error.get("source") == f"cscomm.{finding['code']}"


def test_checkstyle_escapes_markup() -> None:
    odd = replace(_finding("XX001", 0, 2), message='say "hi" & <wave>')
    out = io.StringIO()
    report_checkstyle(Report((FileReport("a&b.txt", "email", (odd,)),)), out)
    node = ET.fromstring(out.getvalue()).find("file")
    assert node is not None and node.get("name") == "a&b.txt"
    error = node.find("error")
    assert error is not None and error.get("message") == 'say "hi" & <wave>'
