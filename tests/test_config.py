"""Configuration files: discovery, validation and precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm import Config, ConfigError, Linter
from cscomm.cli import cli
from cscomm.config import find_config_file, load_config, parse_config
from cscomm.findings import Severity

DRAFT = "Your parcel ships on Friday.\n"


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_pyproject_table_is_found_from_a_nested_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cscomm]\nignore = ["CT001"]\n')
    nested = tmp_path / "drafts" / "march"
    nested.mkdir(parents=True)
    draft = nested / "reply.txt"
    draft.write_text(DRAFT)
    assert find_config_file(draft) == tmp_path / "pyproject.toml"
    _, out, _ = check(str(draft))
    assert "CT001" not in out and "CT002" in out


def test_nearest_file_wins_and_git_root_stops_search(tmp_path: Path) -> None:
    (tmp_path / ".cscomm.toml").write_text('ignore = ["CT002"]\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "reply.txt").write_text(DRAFT)
    assert find_config_file(repo / "reply.txt") is None


def test_cli_flags_override_the_file(tmp_path: Path) -> None:
    (tmp_path / "cscomm.toml").write_text('ignore = ["CT001"]\nfail-on = "error"\n')
    draft = tmp_path / "reply.txt"
    draft.write_text(DRAFT)
    code, _, _ = check(str(draft))
    assert code == 0
    code, _, _ = check("--fail-on", "warning", str(draft))
    assert code == 1


def test_isolated_ignores_files(tmp_path: Path) -> None:
    (tmp_path / "cscomm.toml").write_text('ignore = ["CT001"]\n')
    draft = tmp_path / "reply.txt"
    draft.write_text(DRAFT)
    _, out, _ = check("--isolated", str(draft))
    assert "CT001" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selct = ["CT"]\n', "unknown key 'selct' (did you mean 'select'?)"),
        ('fail-on = "fatal"\n', "key 'fail-on'"),
        ('kind = "fax"\n', "key 'kind' must be one of email, letter, memo"),
        ("select = 3\n", "key 'select' must be a list of strings"),
        ("select = [\n", "invalid TOML"),
        ("[rules.long-sentence]\nlimt = 20\n", "unknown option 'limt'"),
        ("[rules.no-such-rule]\nlimit = 20\n", "no rule named 'no-such-rule'"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "cscomm.toml"
    config.write_text(content)
    draft = tmp_path / "reply.txt"
    draft.write_text(DRAFT)
    code, _, err = check(str(draft))
    assert code == 2
    assert str(config) in err and message in err
    assert len(err.strip().splitlines()) == 1


def test_rule_options_and_severity_apply() -> None:
    text = "Hi Sam,\n\nThanks. " + "word " * 25 + "end.\n\nBest regards,\nAna\n"
    strict = Linter(
        parse_config(
            {"rules": {"long-sentence": {"limit": 20}}, "severity": {"long-sentence": "error"}}, "test"
        )
    )
    findings = [f for f in strict.check(text).findings if f.code == "CL001"]
    assert findings and findings[0].severity is Severity.ERROR
    assert not [f for f in Linter(Config()).check(text).findings if f.code == "CL001"]


def test_profile_disables_rules_for_memos() -> None:
    memo = "MEMO\nTo: All staff\nFrom: Ops\nSubject: Hours\n\nDesks open at ten from Monday.\n"
    codes = {f.code for f in Linter(Config()).check(memo).findings}
    assert not codes & {"CT001", "CT002", "CT003"}


def test_load_config_reports_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")


def _competitor_pack(folder: Path, prefix: str, language: str = "") -> None:
    """A user pack with one rule, ``<prefix>001``: never name the competitor Globex; with
    ``language``, for that language's drafts only."""
    folder.mkdir()
    limited = f"language: {language}\n" if language else ""
    (folder / "pack.yml").write_text(f"name: {folder.name}\nprefix: {prefix}\ncategory: tone\n{limited}")
    (folder / "competitor.yml").write_text(
        f"code: {prefix}001\nname: competitor-name-{folder.name}\nkind: existence\ntokens: [Globex]\n"
        "message: Do not mention {match}.\nrationale: House style.\n"
        "examples: {fail: ['Try [[Globex]].'], pass: ['Try us.']}\n"
    )
    (folder.parent / "cscomm.toml").write_text(f'packs = ["{folder.name}"]\n')


def test_user_pack_adds_rules(tmp_path: Path) -> None:
    _competitor_pack(tmp_path / "acme", "AC")
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Sam,\n\nThanks. Globex is cheaper.\n\nBest regards,\nAna\n")
    _, out, _ = check(str(draft))
    assert "AC001 Do not mention Globex." in out


def _check_with_pack(tmp_path: Path, files: dict[str, str]) -> tuple[int, str]:
    """Exit code and stderr of checking a draft with a user pack "acme" made of ``files``."""
    pack = tmp_path / "acme"
    pack.mkdir()
    for name, text in files.items():
        (pack / name).write_text(text)
    (tmp_path / "cscomm.toml").write_text('packs = ["acme"]\n')
    draft = tmp_path / "reply.txt"
    draft.write_text(DRAFT)
    code, _, err = check(str(draft))
    return code, err


def test_bad_user_pack_names_file_and_key(tmp_path: Path) -> None:
    code, err = _check_with_pack(
        tmp_path,
        {
            "pack.yml": "name: acme\nprefix: AC\ncategory: tone\n",
            "bad.yml": "code: AC001\nname: x\nkind: existence\ntokns: [a]\n",
        },
    )
    assert code == 2 and "bad.yml: key 'tokns' is not allowed (did you mean 'tokens'?)" in err


def test_a_user_pack_limited_to_a_language_checks_only_its_drafts(tmp_path: Path) -> None:
    _competitor_pack(tmp_path / "acme-pt", "AP", language="pt")
    english = tmp_path / "reply.txt"
    english.write_text("Hi Sam,\n\nThanks. Globex is cheaper.\n\nBest regards,\nAna\n")
    _, out, _ = check(str(english))
    assert "AP001" not in out
    portuguese = tmp_path / "resposta.txt"
    portuguese.write_text(
        "Olá, Ana,\n\nObrigado pelo contato. A Globex cobra mais caro pelo mesmo plano, e o nosso "
        "inclui a instalação sem custo. Basta responder este e-mail para agendar a visita.\n\n"
        "Atenciosamente,\nCarlos\n"
    )
    _, out, _ = check(str(portuguese))
    assert "AP001 Do not mention Globex." in out


def test_a_pack_for_a_language_without_a_pack_is_an_error(tmp_path: Path) -> None:
    code, err = _check_with_pack(tmp_path, {"pack.yml": "name: acme\nprefix: AC\nlanguage: xx\n"})
    assert code == 2 and "key 'language' must be one of en, pt, th, tl, vi, not 'xx'" in err


def test_config_command_shows_the_settings_and_their_file(tmp_path: Path) -> None:
    config = tmp_path / ".cscomm.toml"
    config.write_text(
        'ignore = ["CL004"]\nfail-on = "error"\n[severity]\nCT001 = "suggestion"\n'
        "[rules.long-sentence]\nlimit = 30\n"
    )
    (tmp_path / ".git").mkdir()
    result = CliRunner().invoke(cli, ["config", str(tmp_path / "reply.txt")])
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["source"] == str(config)
    assert shown["ignore"] == ["CL004"] and shown["fail-on"] == "error"
    assert shown["severity"] == {"CT001": "suggestion"}
    assert shown["rules"] == {"long-sentence": {"limit": 30}}
    isolated = json.loads(CliRunner().invoke(cli, ["config", str(tmp_path), "--isolated"]).stdout)
    assert isolated["source"] is None and isolated["ignore"] == [] and isolated["select"] == ["ALL"]


def test_config_command_reports_a_bad_file_in_one_line(tmp_path: Path) -> None:
    (tmp_path / ".cscomm.toml").write_text("colour = 1\n")
    result = CliRunner().invoke(cli, ["config", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown key 'colour'" in result.stderr
