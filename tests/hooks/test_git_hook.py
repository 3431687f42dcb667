"""git send-email's sendemail-validate hook: installed into a real repository, run by git."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cscomm.hooks.git import prose

COMMIT_MESSAGE = """Show the refund rule in the order history

Customers who open an order can now read the refund rule next to the
order total, so they know what to keep before they ask for a refund.

Signed-off-by: Ana Cruz <ana@brightside.example>
"""
# Words that cscomm flags, in the diff only: the hook must not check them.
DIFF_LINES = (
    "    # As I already said, you failed to include the receipt.\n"
    '    return "Refunds are NOT ISSUED without proof of purchase!!"\n'
)
BLURB = """Hi all,

As I already said in my last email, you failed to read the refund policy. Refunds are NOT \
ISSUED without a receipt!!

Ana
"""


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=False, env=_env(repo)
    )


def cscomm(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cscomm", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=_env(cwd),
    )


def _env(where: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CSCOMM_", "GIT_"))}
    # Checked in-process here; tests/daemon run the hook through the daemon.
    return {**env, "HOME": str(where), "GIT_CONFIG_NOSYSTEM": "1", "CSCOMM_DAEMON": "off"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one commit to send, as ``git format-patch --cover-letter`` files in out/."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for args in (
        ("init", "-q", "."),
        ("config", "user.name", "Ana Cruz"),
        ("config", "user.email", "ana@brightside.example"),
    ):
        git(repo, *args)
    (repo / "notice.py").write_text('def refund_notice():\n    return ""\n')
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Add the refund notice")
    (repo / "notice.py").write_text(f"def refund_notice():\n{DIFF_LINES}")
    git(repo, "commit", "-qam", COMMIT_MESSAGE)
    assert git(repo, "format-patch", "-q", "--cover-letter", "-1", "-o", "out").returncode == 0
    cover = repo / "out" / "0000-cover-letter.patch"
    text = cover.read_text().replace("*** SUBJECT HERE ***", "Refund rule in the order history")
    cover.write_text(text.replace("*** BLURB HERE ***\n", BLURB))
    return repo


def test_install_writes_an_executable_hook_once(repo: Path) -> None:
    first = cscomm("hook", "install", "git-sendemail", "--repo", str(repo), cwd=repo.parent)
    again = cscomm("hook", "install", "git-sendemail", cwd=repo)

    hook = repo / ".git" / "hooks" / "sendemail-validate"
    assert first.returncode == 0 and "Installed" in first.stdout
    assert again.returncode == 0 and "Already installed" in again.stdout
    assert os.access(hook, os.X_OK)
    assert 'hook run git-sendemail "$@"' in hook.read_text()
    hook.write_text(hook.read_text().replace(sys.executable, "/old/venv/bin/python"))
    updated = cscomm("hook", "install", "git-sendemail", cwd=repo)  # cscomm's own: no --force needed
    assert updated.returncode == 0 and sys.executable in hook.read_text()


def test_install_respects_core_hooks_path_and_keeps_other_hooks(repo: Path) -> None:
    git(repo, "config", "core.hooksPath", ".githooks")
    hook = repo / ".githooks" / "sendemail-validate"
    hook.parent.mkdir()
    hook.write_text("#!/bin/sh\nexit 0\n")

    refused = cscomm("hook", "install", "git-sendemail", cwd=repo)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"

    forced = cscomm("hook", "install", "git-sendemail", "--force", cwd=repo)
    assert forced.returncode == 0
    assert "cscomm" in hook.read_text()
    assert not (repo / ".git" / "hooks" / "sendemail-validate").exists()


def test_install_outside_a_repository_fails(tmp_path: Path) -> None:
    result = cscomm("hook", "install", "git-sendemail", cwd=tmp_path)

    assert result.returncode == 2 and "error:" in result.stderr


def test_git_runs_the_hook_on_the_prose_not_the_diff(repo: Path) -> None:
    assert cscomm("hook", "install", "git-sendemail", cwd=repo).returncode == 0
    (patch,) = (repo / "out").glob("0001-*.patch")
    cover = repo / "out" / "0000-cover-letter.patch"
    assert "NOT ISSUED" in patch.read_text()

    # As git send-email does: the hook, with the email's file (newer git adds a second file).
    on_patch = git(repo, "hook", "run", "sendemail-validate", "--", str(patch), "smtp-headers")
    on_cover = git(repo, "hook", "run", "sendemail-validate", "--", str(cover))

    assert on_patch.returncode == 0, on_patch.stderr
    assert on_patch.stderr == ""
    assert on_cover.returncode == 1
    for code in ("TN001", "TN002", "CL006", "CL007"):
        assert code in on_cover.stderr
    assert str(cover) in on_cover.stderr and "not sending" in on_cover.stderr
    assert "notice.py" not in on_cover.stderr  # nothing from the shortlog or the diffstat


def test_cscomm_force_lets_the_email_through(repo: Path) -> None:
    cover = repo / "out" / "0000-cover-letter.patch"
    result = subprocess.run(
        [sys.executable, "-m", "cscomm", "hook", "run", "git-sendemail", str(cover)],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={**_env(repo), "CSCOMM_FORCE": "1"},
    )

    assert result.returncode == 0


def test_prose_stops_before_the_diff_the_shortlog_and_the_trailers() -> None:
    patch = (
        f"{COMMIT_MESSAGE}---\n notice.py | 3 ++-\n 1 file changed, 2 insertions(+), 1 deletion(-)\n\n"
        "diff --git a/notice.py b/notice.py\n--- a/notice.py\n+++ b/notice.py\n"
        f"@@ -1,2 +1,3 @@\n{DIFF_LINES}-- \n2.39.5\n"
    )
    cover = f"{BLURB}\nAna Cruz (1):\n  Show the refund rule\n\n notice.py | 3 ++-\n\n-- \n2.39.5\n"
    rule = "Keep the receipt.\n\n---\n\nThe line above is a rule, not a diff.\n"

    assert prose(patch) == COMMIT_MESSAGE.split("\n\nSigned-off-by")[0] + "\n"
    assert prose(cover) == BLURB
    assert prose(rule) == rule


TYPO_PATCH = """From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001
From: Ana Cruz <ana@brightside.example>
Date: Mon, 9 Mar 2026 10:00:00 +0000
Subject: [PATCH v2 3/8] Show the refnud rule next to the order total in
 the order histroy and on the recipt page

Customers who open an order can now read the refnud rule next to the
order total, so they know what to keep before they ask for a refund.

Signed-off-by: Ana Cruz <ana@brightside.example>
---
 notice.py | 1 +
 1 file changed, 1 insertion(+)

diff --git a/notice.py b/notice.py
--- a/notice.py
+++ b/notice.py
@@ -1 +1,2 @@
+# refnud
-- 
2.39.5
"""


def test_the_subject_is_checked_and_findings_point_into_the_patch_file(tmp_path: Path) -> None:
    patch = tmp_path / "0003-refund.patch"
    patch.write_text(TYPO_PATCH)

    result = cscomm("hook", "run", "git-sendemail", str(patch), cwd=tmp_path)
    lines = TYPO_PATCH.splitlines()

    assert result.returncode == 1
    found = [
        line.split(": warning ")[0].removeprefix(f"{patch}:")
        for line in result.stderr.splitlines()
        if "SG001" in line
    ]
    assert "4:34" in found and lines[3][33:39] == "refnud"  # in the subject, after "[PATCH v2 3/8] "
    assert "5:31" in found and lines[4][30:36] == "recipt"  # on the subject's folded line
    assert "7:46" in found and lines[6][45:51] == "refnud"  # in the message: not excused by the subject
    assert " 4 | Subject: [PATCH v2 3/8] Show the refnud rule" in result.stderr  # the file's own line
    assert "+# refnud" not in result.stderr  # the diff is not checked


def test_subject_lines_keep_their_places() -> None:
    from cscomm.hooks.git import read_email

    email = read_email(TYPO_PATCH.encode(), "x.patch")

    assert email.subject is not None
    assert (
        email.subject.text
        == "Show the refnud rule next to the order total in\nthe order histroy and on the recipt page\n"
    )
    assert email.subject_lines.lines == ((4, 24), (5, 1))
    assert email.message_lines.lines[0] == (7, 0)
