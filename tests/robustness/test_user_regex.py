"""User rule packs: patterns run on RE2 (linear time), match as ``re`` would, and a pattern
RE2 cannot compile or a message with an unknown placeholder is a load error naming the file
and the key."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cscomm import Config, Linter
from cscomm.checks.kinds import compile_phrases, compile_swaps
from cscomm.checks.packs import load_pack
from cscomm.checks.user_regex import compile_user_phrases, compile_user_swaps
from cscomm.errors import RulePackError

from .conftest import Deadline

DRAFT = "Hi Sam,\n\nThanks for your message. {body}\n\nBest regards,\nAna\n"


def _pack(folder: Path, rule: str) -> Path:
    folder.mkdir()
    (folder / "pack.yml").write_text("name: acme\nprefix: XA\ncategory: clarity\n", encoding="utf-8")
    (folder / "rule.yml").write_text(rule, encoding="utf-8")
    return folder


def _rule(key: str, value: str, message: str = "“{match}” is off-brand.") -> str:
    return (
        f"code: XA001\nname: off-brand\nkind: {'substitution' if key == 'swap' else 'existence'}\n"
        f"message: {message!r}\nrationale: House style.\n"
        f"{key}: {value}\n"
        "examples:\n  fail: ['Hi Sam, aaa.']\n  pass: ['Hi Sam, ok.']\n"
    )


def test_a_backtracking_user_pattern_runs_in_linear_time(tmp_path: Path, deadline: Deadline) -> None:
    """``(a+)+$`` on thirty a's took 38 s with ``re``."""
    pack = _pack(tmp_path / "acme", _rule("tokens", "['(a+)+$']"))
    linter = Linter(Config(packs=(pack,), select=("XA001",)), backend_process=False)
    with deadline(2):
        report = linter.check(DRAFT.format(body="a" * 30 + "b " + "a" * 50_000 + "!"))
    assert [f.code for f in report.findings] == []


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("tokens", "['(?<=we )where']", "key 'tokens': RE2 cannot compile"),
        ("tokens", "['(?P<w>a) (?P=w)']", "key 'tokens': RE2 cannot compile"),
        ("exceptions", "['(?!x)y']", "key 'exceptions': RE2 cannot compile"),
        ("swap", "{'revert(?= back)': reply}", "key 'swap': RE2 cannot compile"),
    ],
    ids=["look-behind", "back-reference", "exception-look-ahead", "swap-look-ahead"],
)
def test_a_pattern_re2_cannot_compile_is_a_load_error(
    tmp_path: Path, key: str, value: str, problem: str
) -> None:
    rule = _rule(key, value) if key != "exceptions" else _rule("tokens", "[y]") + f"{key}: {value}\n"
    with pytest.raises(RulePackError) as caught:
        load_pack(_pack(tmp_path / "acme", rule))
    assert str(caught.value).startswith(f"{tmp_path / 'acme' / 'rule.yml'}: {problem}")


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("“{match}” in {pack}", "unknown placeholder {pack}"),
        ("“{}” is off-brand", "a placeholder without a name"),
        ("“{match” is off-brand", "expected '}'"),
        ("{match:.0f} is off-brand", "Unknown format code 'f'"),
    ],
    ids=["unknown-name", "positional", "unbalanced", "bad-format"],
)
def test_a_message_placeholder_that_cannot_be_filled_is_a_load_error(
    tmp_path: Path, message: str, problem: str
) -> None:
    with pytest.raises(RulePackError) as caught:
        load_pack(_pack(tmp_path / "acme", _rule("tokens", "[aaa]", message)))
    text = str(caught.value)
    assert text.startswith(f"{tmp_path / 'acme' / 'rule.yml'}: key 'message': ")
    assert problem in text and "may use {match}" in text


def test_builtin_packs_keep_python_patterns() -> None:
    """Their look-arounds are audited (test_linear_time); 44 of their 933 patterns need them."""
    from cscomm.registry import Registry

    rule = Registry.build().get("SG126")
    assert rule is not None and rule.pattern.pattern.startswith("(?<![\\w-])")  # type: ignore[attr-defined]


ALPHABET = "ab -!?é\nX_1ก"
PHRASES = ["a", "ab", "b a", "a+", "é", "!", "x", "a b", "ba?", "[!?]{2,}", "ก"]


def test_user_patterns_match_as_python_patterns_do() -> None:
    """Generated texts and phrase lists: RE2 with its emulated word bounds finds the same
    spans as ``re`` with look-arounds, between any two positions."""
    chance = random.Random(19)
    for _ in range(200):
        text = "".join(chance.choice(ALPHABET) for _ in range(chance.randint(0, 1500)))
        phrases = chance.sample(PHRASES, chance.randint(1, 3))
        ignorecase, bounded = chance.random() < 0.5, chance.random() < 0.7
        pos = chance.randint(0, len(text))
        endpos = chance.randint(pos, len(text))
        python = compile_phrases(phrases, ignorecase, bounded)
        user = compile_user_phrases(phrases, ignorecase, bounded)
        expected = [m.span() for m in python.finditer(text, pos, endpos)]
        assert [m.span() for m in user.finditer(text, pos, endpos)] == expected, (text, phrases)
        swaps, user_swaps = (
            compile_swaps(phrases, ignorecase)[1:],
            compile_user_swaps(phrases, ignorecase)[1:],
        )
        assert [bool(s.match(text, pos)) for s in user_swaps] == [bool(s.match(text, pos)) for s in swaps]
