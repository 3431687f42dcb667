"""Integration files: the pre-commit hook (run by ``pre-commit try-repo``), the GitHub
Action's check step, and the helpdesk-macro recipe."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BAD = (ROOT / "examples" / "refund-reply.bad.txt").read_text()
GOOD = (ROOT / "examples" / "refund-reply.good.txt").read_text()
RECIPE = ROOT / "examples" / "integrations" / "helpdesk-macros"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git_repo(folder: Path, files: dict[str, str]) -> Path:
    """A git repository at ``folder`` with ``files`` committed."""
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    env = os.environ | GIT_ENV
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "files"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True)
    return folder


def hook_clone(folder: Path) -> Path:
    """The working tree's package and hook definition, committed in a repository of their
    own: what ``pre-commit`` installs the hook from (a clone of HEAD would miss the
    uncommitted state under test)."""
    folder.mkdir()
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("cscomm", "rules"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return git_repo(folder, {})


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_try_repo_runs_the_hook(tmp_path: Path) -> None:
    """``language: python`` offline: pre-commit makes the hook's virtualenv and pip-installs
    cscomm from the clone without an index (PIP_NO_INDEX) or build isolation; cscomm's own
    dependencies, and the build backend, come from this test's environment (PYTHONPATH),
    since a machine without network cannot download them."""
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install -e '.[test]'")
    hook = hook_clone(tmp_path / "cscomm-clone")
    target = git_repo(
        tmp_path / "drafts",
        {
            "reply.txt": BAD,
            "thanks.txt": GOOD,
            "archive/old.txt": BAD,
            "cscomm.toml": 'exclude = ["archive"]\n',
        },
    )
    site = sysconfig.get_paths()
    env = os.environ | {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
        "PYTHONPATH": os.pathsep.join(dict.fromkeys((site["purelib"], site["platlib"]))),
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        **GIT_ENV,
    }
    files = ["reply.txt", "thanks.txt", "archive/old.txt"]
    argv = [sys.executable, "-m", "pre_commit", "try-repo", str(hook), "cscomm", "--color", "never"]
    result = subprocess.run([*argv, "--files", *files], cwd=target, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "cscomm..." in output and "Failed" in output
    assert "reply.txt:3:1: warning TN001 " in output
    assert "thanks.txt" not in output.split("Failed", 1)[1]  # clean
    assert "archive/old.txt" not in output.split("Failed", 1)[1]  # the config's exclude, forced


def action_step(name: str) -> dict[str, object]:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps: list[dict[str, object]] = action["runs"]["steps"]
    return next(step for step in steps if step.get("name") == name)


def test_action_inputs_reach_the_scripts_only_through_the_environment() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "format", "args"}
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step  # no script injection through inputs


@pytest.mark.parametrize("output_format", ["github", "sarif"])
def test_action_check_step(tmp_path: Path, output_format: str) -> None:
    """The Check step's script as the runner runs it (bash -eo pipefail), with the cscomm
    of this environment in place of the one the Install step puts in RUNNER_TEMP."""
    (tmp_path / "runner" / "cscomm" / "bin").mkdir(parents=True)
    (tmp_path / "runner" / "cscomm" / "bin" / "cscomm").symlink_to(Path(sys.executable).with_name("cscomm"))
    (tmp_path / "work" / "macros").mkdir(parents=True)
    (tmp_path / "work" / "macros" / "a.txt").write_text("Hi {{first_name}},\n\nThanks!\n")
    step = action_step("Check")
    env = os.environ | {
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "INPUT_PATHS": "macros\n",
        "INPUT_FORMAT": output_format,
        "INPUT_ARGS": "--isolated --select SS001",
    }
    script = str(step["run"])
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path / "work",
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    if output_format == "github":
        assert result.stdout.startswith("::error file=macros/a.txt,line=1,col=4,")
    else:
        sarif = json.loads((tmp_path / "work" / "cscomm.sarif").read_text())
        assert sarif["runs"][0]["results"][0]["ruleId"] == "SS001"
        assert (tmp_path / "output").read_text() == "sarif-file=cscomm.sarif\n"


def test_helpdesk_macro_export_becomes_files_checked_with_the_recipe_config(tmp_path: Path) -> None:
    exports = [RECIPE / "sample-macros.json", RECIPE / "sample-macros.csv"]
    script = RECIPE / "macros_to_files.py"
    subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path / "macros"), *map(str, exports)], check=True
    )
    files = sorted(p.name for p in (tmp_path / "macros").iterdir())
    assert files == [
        "360001-refund-approved.html",
        "360002-damaged-item-send-photos.txt",
        "sr-7-delivery-delayed.txt",
    ]
    assert (
        (tmp_path / "macros" / files[0]).read_text().startswith("<p>Hi {{ticket.requester.first_name}},</p>")
    )
    shutil.copy(RECIPE / "cscomm.toml", tmp_path / "cscomm.toml")
    check = [sys.executable, "-m", "cscomm", "check", "--select", "SS001", "--format", "concise", "macros"]
    silenced = subprocess.run(check, cwd=tmp_path, capture_output=True, text=True)
    flagged = subprocess.run([*check, "--isolated"], cwd=tmp_path, capture_output=True, text=True)
    assert silenced.returncode == 0, silenced.stdout
    assert flagged.returncode == 1 and " error SS001 " in flagged.stdout
