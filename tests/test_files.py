"""Folders walked for drafts: hidden files, the git repository's ignore files, and exclude globs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm.cli import cli
from cscomm.files import expand_paths
from cscomm.globs import anchor

PLACEHOLDER = "Hi {{first_name}},\n\nYour parcel ships on Friday.\n\nKind regards,\nAna\n"


def write(root: Path, *names: str, text: str = PLACEHOLDER) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def found(
    root: Path, exclude: Sequence[str] = (), *, named: Sequence[str] = (), force: bool = False
) -> list[str]:
    paths = [str(root / n) for n in named] or [str(root)]
    files, errors = expand_paths(paths, lambda _: tuple(exclude), force_exclude=force)
    assert not errors
    return [Path(f).relative_to(root).as_posix() for f in files]


def test_gitignore_files_are_honoured_as_git_reads_them(tmp_path: Path) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("scratch.txt\n")
    (tmp_path / ".gitignore").write_text("old/\n*.draft.txt\n!keep.draft.txt\n/top-only.txt\n")
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / ".gitignore").write_text("!again.draft.txt\nlocal.md\n")
    write(
        tmp_path,
        "reply.txt",
        "x.draft.txt",
        "keep.draft.txt",
        "old/reply.txt",
        "top-only.txt",
        "team/top-only.txt",
        "team/again.draft.txt",
        "team/local.md",
        "scratch.txt",
        ".hidden/reply.txt",
        "notes.pdf",
    )
    assert found(tmp_path) == ["keep.draft.txt", "reply.txt", "team/again.draft.txt", "team/top-only.txt"]


def test_the_repository_is_found_above_the_folder_checked(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/generated/\n")
    write(tmp_path, "drafts/a.txt", "drafts/generated/b.txt")
    assert found(tmp_path / "drafts") == ["a.txt"]


def test_outside_a_repository_no_gitignore_is_read(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.txt\n")
    write(tmp_path, "a.txt")
    assert found(tmp_path) == ["a.txt"]


def test_exclude_globs_name_or_anchored_path(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "archive/b.txt", "team/archive/c.txt", "drafts/private/d.txt", "drafts/e.txt")
    exclude = ["archive", anchor("drafts/private", tmp_path)]
    assert found(tmp_path, exclude) == ["a.txt", "drafts/e.txt"]
    assert found(tmp_path, [anchor("drafts/*", tmp_path)]) == ["a.txt", "archive/b.txt", "team/archive/c.txt"]


def test_files_named_on_the_command_line_are_excluded_only_with_force_exclude(tmp_path: Path) -> None:
    write(tmp_path, "archive/b.txt", "a.txt")
    named = ["archive/b.txt", "a.txt"]
    assert found(tmp_path, ["archive"], named=named) == named
    assert found(tmp_path, ["archive"], named=named, force=True) == ["a.txt"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git working tree with a config that excludes one folder and an ignore file for another."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "cscomm.toml").write_text('exclude = ["templates/vendor"]\n')
    write(
        tmp_path, "templates/a.txt", "templates/vendor/b.txt", "templates/build/c.txt", "templates/old/d.txt"
    )
    return tmp_path


def checked(*args: str) -> list[str]:
    result = CliRunner().invoke(cli, ["check", "--select", "SS001", "--format", "concise", "-q", *args])
    assert result.exit_code == 1, result.output
    return [line.split(":", 1)[0] for line in result.stdout.splitlines()]


def test_check_honours_gitignore_and_config_exclude(project: Path) -> None:
    assert checked("templates") == ["templates/a.txt", "templates/old/d.txt"]


def test_exclude_option_replaces_the_config_setting(project: Path) -> None:
    assert checked("--exclude", "templates/old,*.md", "templates") == [
        "templates/a.txt",
        "templates/vendor/b.txt",
    ]


def test_force_exclude_applies_config_exclude_to_named_files(project: Path) -> None:
    named = ("templates/a.txt", "templates/vendor/b.txt")
    assert checked(*named) == list(named)
    assert checked("--force-exclude", *named) == ["templates/a.txt"]
