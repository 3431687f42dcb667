"""The backend registry, the null backend and the category → SG code map."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscomm.backends import BACKEND_NAMES
from cscomm.backends.base import BackendMatch, Category
from cscomm.backends.mapping import load_backend_map
from cscomm.backends.null import NullBackend

BACKEND_MAP = Path(__file__).resolve().parents[2] / "rules" / "grammar" / "backend-map.yml"


def test_backends_by_name() -> None:
    from cscomm.grammar import make_backend

    assert set(BACKEND_NAMES) == {"harper", "languagetool", "none"}
    for name in BACKEND_NAMES:
        assert make_backend(name, None).name == name


def test_null_backend() -> None:
    backend = NullBackend()
    assert backend.available() is None
    assert backend.check("We recieved it.", "en-US") == []


def test_match_rejects_bad_span() -> None:
    with pytest.raises(ValueError, match="bad span"):
        BackendMatch(5, 2, "X", Category.OTHER, "m")


def test_shipped_map() -> None:
    table = load_backend_map(BACKEND_MAP)
    assert set(table) == set(Category)
    assert {c.value: (m.code, m.name, m.category) for c, m in table.items()} == {
        "misspelling": ("SG001", "misspelling", "spelling"),
        "grammar": ("SG002", "grammar-error", "grammar"),
        "punctuation": ("SG003", "punctuation-error", "grammar"),
        "style": ("SG004", "style-issue", "clarity"),
        "typography": ("SG005", "typography-issue", "grammar"),
        "other": ("SG002", "grammar-error", "grammar"),
    }


ENTRY = "  - {{backend-category: {cat}, code: {code}, name: {name}, category: grammar, severity: warning}}\n"


def _write(tmp_path: Path, *entries: tuple[str, str, str]) -> Path:
    path = tmp_path / "map.yml"
    lines = [ENTRY.format(cat=c, code=k, name=n) for c, k, n in entries]
    path.write_text("mappings:\n" + "".join(lines), encoding="utf-8")
    return path


def _all_but(skip: str) -> list[tuple[str, str, str]]:
    return [(c.value, "SG002", "grammar-error") for c in Category if c.value != skip]


@pytest.mark.parametrize(
    ("entries", "error"),
    [
        (_all_but("style"), "no mapping for style"),
        ([*_all_but(""), ("style", "SG004", "style-issue")], "'style' is mapped twice"),
        ([*_all_but("style"), ("style", "SG4", "style-issue")], "not SG \\+ 3 digits"),
        ([*_all_but("style"), ("style", "SG004", "Style Issue")], "not kebab-case"),
        (
            [*_all_but("style"), ("tone", "SG004", "style-issue")],
            "unknown backend-category",
        ),
        ([*_all_but("style"), ("style", "SG002", "style-issue")], "SG002 is both"),
    ],
)
def test_invalid_maps(tmp_path: Path, entries: list[tuple[str, str, str]], error: str) -> None:
    with pytest.raises(ValueError, match=error) as caught:
        load_backend_map(_write(tmp_path, *entries))
    assert "map.yml" in str(caught.value)


def test_unknown_key_and_bad_severity(tmp_path: Path) -> None:
    path = tmp_path / "map.yml"
    path.write_text("mappings:\n  - {backend-category: other, colour: red}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"mappings\[1\]: unknown key\(s\) colour"):
        load_backend_map(path)
    path.write_text(
        "mappings:\n  - {backend-category: other, code: SG002, name: grammar-error,"
        " category: grammar, severity: fatal}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="severity 'fatal'"):
        load_backend_map(path)
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ValueError, match="top-level 'mappings' list"):
        load_backend_map(path)


def test_opt_in_must_be_a_boolean(tmp_path: Path) -> None:
    path = _write(tmp_path, *_all_but(""))
    text = path.read_text(encoding="utf-8").replace(
        "severity: warning}", "severity: warning, opt-in: maybe}", 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="opt-in must be true or false"):
        load_backend_map(path)


def test_the_shipped_style_rule_is_opt_in() -> None:
    from cscomm.checks.grammar import backend_rules
    from cscomm.resources import rules_dir

    rules = {rule.code: rule for rule in backend_rules(rules_dir() / "grammar" / "backend-map.yml")}
    assert rules["SG004"].opt_in and not rules["SG001"].opt_in
