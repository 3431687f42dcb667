"""Commands served by a running daemon give exactly what they give in-process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from daemon_support import GOOD_REPLY, ROOT, Served, cscomm

from cscomm.daemon import entry

CUSTOMER = ROOT / "examples" / "customer"


@pytest.mark.parametrize(
    "args",
    [
        ("check", "bad.txt"),
        ("check", "bad.txt", "good.txt", "--format", "json"),
        ("check", "--format", "concise", "--select", "CT,TN", "bad.txt"),
        ("check", "--statistics", "."),
        ("check", "--format", "sarif", "bad.txt"),
        ("check", "-q", "--color", "always", "bad.txt"),
        ("check", "missing.txt", "good.txt"),
        ("check", "--select", "pasive-voice", "bad.txt"),
        ("check", "--kind", "banana", "bad.txt"),
    ],
)
def test_check_is_the_same_through_the_daemon(served: Served, work: Path, args: tuple[str, ...]) -> None:
    run = cscomm(*args, cwd=work)
    expected = cscomm(*args, cwd=work, daemon="off")

    assert run.result == expected.result
    assert served.requests() == 1


def test_standard_input_and_output_file(served: Served, work: Path) -> None:
    draft = (work / "bad.txt").read_bytes()
    args = ("check", "--stdin-filename", "drafts/reply.txt", "-o", "out/report.json", "--format", "json", "-")

    run = cscomm(*args, cwd=work, stdin=draft)
    report = (work / "out" / "report.json").read_bytes()
    expected = cscomm(*args, cwd=work, stdin=draft, daemon="off")

    assert run.result == expected.result
    assert report == (work / "out" / "report.json").read_bytes()
    assert served.requests() == 1


def test_the_environment_is_the_clients(served: Served, work: Path) -> None:
    run = cscomm("check", "bad.txt", cwd=work, FORCE_COLOR="1")

    assert b"\x1b[" in run.stdout
    assert run.result == cscomm("check", "bad.txt", cwd=work, daemon="off", FORCE_COLOR="1").result


@pytest.mark.parametrize(
    ("argv", "by_daemon"),
    [
        (["check", "a.txt"], True),
        (["check", "--fix", "a.txt"], False),
        (["check", "--baseline=b.json", "a.txt"], False),
        (["check", "--update-baseline", "--baseline", "b.json", "a.txt"], False),
        (["check", "-j2", "a.txt"], False),
        (["check", "--jobs", "2", "a.txt"], False),
        (["check", "--help"], False),
        (["sendmail", "-oi", "-t"], True),
        (["sendmail", "--help"], False),
        (["hook", "run", "git-sendemail", "x.patch"], True),
        (["hook", "install", "git-sendemail"], False),
        (["rules"], False),
        (["daemon", "status"], False),
    ],
)
def test_which_commands_the_daemon_runs(argv: list[str], by_daemon: bool) -> None:
    assert entry.served(argv) is by_daemon


def test_a_fix_runs_in_process(served: Served, work: Path) -> None:
    (work / "typo.txt").write_text(GOOD_REPLY.replace("Thank you", "Thank you, I recieve"))

    fixed = cscomm("check", "--fix", "typo.txt", cwd=work)

    assert fixed.status in (0, 1) and b"Fixed 1 problem" in fixed.stderr
    assert served.requests() == 0


def test_daemon_off_in_the_config_is_never_served(served: Served, work: Path) -> None:
    (work / "cscomm.toml").write_text('daemon = "off"\n')

    off = cscomm("check", "bad.txt", cwd=work)
    isolated = cscomm("check", "--isolated", "bad.txt", cwd=work)

    assert off.status == 1 and isolated.status == 1
    assert served.requests() == 1  # only the --isolated one, which reads no config


def test_a_bad_daemon_setting_is_a_config_error(served: Served, work: Path) -> None:
    (work / "cscomm.toml").write_text('daemon = "always"\n')

    run = cscomm("check", "bad.txt", cwd=work)

    assert run.status == 2
    assert run.stderr.decode().strip().endswith("key 'daemon' must be one of auto, off")
    assert served.requests() == 0


def _touch_later(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 2_000_000_000))


def test_a_changed_config_or_rule_pack_is_reloaded(served: Served, work: Path) -> None:
    pack = work / "acme"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: acme\nprefix: AC\ncategory: tone\n")
    rule = pack / "competitor.yml"

    def write_rule(token: str) -> None:
        rule.write_text(
            f"code: AC001\nname: competitor-name\nkind: existence\ntokens: [{token}]\n"
            "message: Do not mention {match}.\nrationale: House style.\n"
            f"examples: {{fail: ['Try [[{token}]].'], pass: ['Try us.']}}\n"
        )

    write_rule("Globex")
    config = work / "cscomm.toml"
    config.write_text('packs = ["acme"]\n')
    (work / "reply.txt").write_text(
        GOOD_REPLY.replace("Kind regards", "Globex and Initech are cheaper.\n\nKind regards")
    )
    first = cscomm("check", "reply.txt", cwd=work)

    write_rule("Initech")
    _touch_later(rule)
    second = cscomm("check", "reply.txt", cwd=work)

    config.write_text('packs = ["acme"]\nignore = ["AC001"]\n')
    _touch_later(config)
    third = cscomm("check", "reply.txt", cwd=work)

    assert b"Do not mention Globex." in first.stdout
    assert b"Do not mention Initech." in second.stdout and b"Globex." not in second.stdout
    assert b"AC001" not in third.stdout
    assert served.linters_built() == 3  # one per state of the files
    for run in (first, second, third):
        assert run.status in (0, 1)
    assert third.result == cscomm("check", "reply.txt", cwd=work, daemon="off").result


def test_the_client_imports_neither_spacy_nor_the_engine(served: Served, work: Path) -> None:
    run = cscomm("check", "bad.txt", cwd=work, PYTHONPROFILEIMPORTTIME="1")

    imported = [
        line.rsplit("|", 1)[-1].strip()
        for line in run.stderr.decode().splitlines()
        if line.startswith("import time:")
    ]
    assert run.status == 1 and b"TN001" in run.stdout
    assert served.requests() == 1
    assert "cscomm.daemon.client" in imported
    heavy = [
        name
        for name in imported
        if name.split(".")[0] in ("spacy", "click", "numpy")
        or name in ("cscomm.engine", "cscomm.cli", "cscomm.config")
    ]
    assert heavy == []
    assert sys.executable  # the same interpreter ran it
