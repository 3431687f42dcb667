"""Clear errors, one line each: a lone surrogate given to the library, an invalid
LanguageTool URL (library, ``check`` and ``serve``), an output file that cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cscomm
from cscomm import Config, Draft, Linter
from cscomm.cli import cli
from cscomm.errors import CscommError, InputError

GOOD = "Hi Sam,\n\nThanks for your message. Your refund is on its way.\n\nBest regards,\nAna\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(backend_process=False)


def test_a_lone_surrogate_is_an_input_error_that_says_where() -> None:
    with pytest.raises(
        InputError, match=r"^<text>: the draft holds a lone surrogate \(U\+D800\) at line 3, column 8"
    ):
        cscomm.check("Hi Sam,\n\nThanks \ud800 for it.\n")


def test_a_lone_surrogate_in_a_batch_or_the_customer_message_is_named(linter: Linter) -> None:
    with pytest.raises(InputError, match=r"^b\.txt: the draft holds a lone surrogate \(U\+DC80\)"):
        linter.check_many([Draft(GOOD, "a.txt"), Draft("Hi \udc80", "b.txt")])
    with pytest.raises(
        InputError, match=r"the customer's message holds a lone surrogate \(U\+DFFF\) at line 1, column 5"
    ):
        linter.check(GOOD, incoming="Why \udfff?")


def test_astral_characters_are_not_surrogates(linter: Linter) -> None:
    assert linter.check("Hi Sam 😊,\n\nThanks! 𝒜 is fine.\n").path == "<text>"


def test_an_invalid_languagetool_url_in_the_library_is_a_clear_error() -> None:
    with pytest.raises(CscommError, match="'localhost:8081' is not an http:// or https:// URL"):
        Linter(
            Config(backend="languagetool", languagetool_url="localhost:8081"), backend_process=False
        ).check(GOOD)


def test_an_invalid_languagetool_url_stops_serve_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "cscomm.toml"
    config.write_text('backend = "languagetool"\nlanguagetool-url = "ftp://lt.example"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--config", str(config), "--port", "0"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "key 'languagetool-url' must be an http:// or https:// URL" in result.stderr


def test_an_output_file_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "-o", str(tmp_path / "blocker" / "out.txt"), "-"], input=GOOD
    )
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
