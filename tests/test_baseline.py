"""``cscomm check --baseline``: accepted findings stay quiet, new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BAD = (ROOT / "examples" / "refund-reply.bad.txt").read_text()


def check(*args: str) -> tuple[int, list[tuple[str, int]], str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", *args])
    findings = [(f["code"], f["line"]) for f in json.loads(result.stdout)["files"][0]["findings"]]
    return result.exit_code, findings, result.stderr


def test_a_baseline_round_trip_survives_an_edit_above_the_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("draft.txt").write_text(BAD)

    first = check("--baseline", "baseline.json", "draft.txt")
    again = check("--baseline", "baseline.json", "draft.txt")
    # A new paragraph above every finding but the first line's, with one new mistake (SG117).
    edited = BAD.replace("\n\nAs I", "\n\nOur warehouse will recieve your parcel on Monday.\n\nAs I", 1)
    Path("draft.txt").write_text(edited)
    after_edit = check("--baseline", "baseline.json", "draft.txt")
    without = check("draft.txt")

    assert first[0] == 0 and first[1] == [] and "wrote baseline.json with 10 findings" in first[2]
    assert again[:2] == (0, [])
    assert after_edit[:2] == (1, [("SG117", 3)])
    assert len(without[1]) == 11 and ("TN001", 5) in without[1]  # the old ones moved down, still found


def test_the_file_is_sorted_json_without_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("draft.txt").write_text(BAD)

    check("--baseline", "baseline.json", "draft.txt")

    data = json.loads(Path("baseline.json").read_text())
    entries = data["findings"]
    assert data["version"] == 1 and len(entries) == 10
    assert all(set(e) == {"path", "code", "text", "context", "count"} for e in entries)
    keys = [(e["path"], e["code"], e["text"], e["context"]) for e in entries]
    assert keys == sorted(keys)
    shouting = next(e for e in entries if e["code"] == "CL006")
    assert shouting == {
        "path": "draft.txt",
        "code": "CL006",
        "text": "not issued",
        "context": "refunds are not issued without proof of purchase!!",
        "count": 1,
    }
    greeting = next(e for e in entries if e["code"] == "CT001")
    assert greeting["text"] == greeting["context"] == ""  # about the whole draft


def test_duplicates_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shout = "\n\nRefunds are NOT ISSUED without proof of purchase."
    Path("draft.txt").write_text(BAD.replace("\n\nAna Cruz", shout * 2 + "\n\nAna Cruz"))
    check("--baseline", "baseline.json", "draft.txt")
    shouting = [e for e in json.loads(Path("baseline.json").read_text())["findings"] if e["code"] == "CL006"]

    Path("draft.txt").write_text(BAD.replace("\n\nAna Cruz", shout * 3 + "\n\nAna Cruz"))
    three = check("--baseline", "baseline.json", "draft.txt")
    Path("draft.txt").write_text(BAD.replace("\n\nAna Cruz", shout + "\n\nAna Cruz"))
    one = check("--baseline", "baseline.json", "draft.txt")

    assert [e["count"] for e in shouting] == [1, 2]  # "…purchase!!" once, "…purchase." twice
    assert three[:2] == (1, [("CL006", 11)])  # the third is new
    assert one[:2] == (0, []) and "1 finding in baseline.json no longer occurs" in one[2]


def test_paths_are_relative_to_the_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.txt").write_text(BAD)
    monkeypatch.chdir(tmp_path)
    check("--baseline", "baseline.json", "drafts/draft.txt")
    monkeypatch.chdir(tmp_path / "drafts")

    code, findings, _ = check("--baseline", "../baseline.json", "draft.txt")

    assert {e["path"] for e in json.loads((tmp_path / "baseline.json").read_text())["findings"]} == {
        "drafts/draft.txt"
    }
    assert (code, findings) == (0, [])


def test_update_baseline_rewrites_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("draft.txt").write_text(BAD)
    check("--baseline", "baseline.json", "draft.txt")
    Path("draft.txt").write_text(BAD.replace("NOT ISSUED", "not issued"))

    updated = check("--baseline", "baseline.json", "--update-baseline", "draft.txt")

    entries = json.loads(Path("baseline.json").read_text())["findings"]
    assert updated[:2] == (0, [])
    assert "CL006" not in {e["code"] for e in entries} and len(entries) == 9


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (("--update-baseline",), None, "--update-baseline needs --baseline FILE"),
        (("--baseline", "baseline.json"), "[]", "baseline.json: not a cscomm baseline"),
        (("--baseline", "baseline.json"), '{"version": 1, "findings": [{"path": "x"}]}', "finding 1 needs"),
    ],
)
def test_bad_use_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], content: str | None, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("draft.txt").write_text(BAD)
    if content is not None:
        Path("baseline.json").write_text(content)

    result = CliRunner().invoke(cli, ["check", "--isolated", *args, "draft.txt"])

    assert result.exit_code == 2
    assert message in result.stderr
