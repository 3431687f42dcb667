"""The mail package loads its parts on first use."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import cscomm.mail


@pytest.mark.parametrize("name", cscomm.mail.__all__)
def test_every_exported_name_resolves(name: str) -> None:
    assert getattr(cscomm.mail, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = cscomm.mail.nothing  # type: ignore[attr-defined]


def test_sniffing_plain_text_does_not_load_the_mime_parser(
    modules_loaded_by: Callable[[str], set[str]],
) -> None:
    code = (
        "from cscomm.messages import is_message; from cscomm.sources import Source; "
        "assert not is_message(Source('Hi Sam,', 'd.txt', b'Hi Sam,'))"
    )
    loaded = modules_loaded_by(code)
    assert "cscomm.mail.sniff" in loaded and "cscomm.mail.parser" not in loaded
