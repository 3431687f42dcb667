"""Tone-mark slips (cscomm.tone_marks): what must and must not be read as one."""

from __future__ import annotations

import unicodedata

import pytest

from cscomm.language_packs import language_packs
from cscomm.tone_marks import tone_slips

VI = language_packs()["vi"]


def _slips(text: str) -> dict[str, tuple[str, ...]]:
    return {text[start:end]: corrections for start, end, corrections in tone_slips(text, VI.tone_marks, "vi")}


@pytest.mark.parametrize(
    ("text", "slip", "meant"),
    [
        ("Em xin lổi chị.", "lổi", "lỗi"),
        ("Đơn hàng bị chậm trể.", "trể", "trễ"),
        ("Bên em sẽ kiễm tra lại.", "kiễm", "kiểm"),
        ("Chị xem hướng dẩn kèm theo.", "dẩn", "dẫn"),
    ],
)
def test_a_wrong_tone_mark_is_a_slip(text: str, slip: str, meant: str) -> None:
    found = _slips(text)
    assert slip in found
    assert meant in found[slip][:3]


@pytest.mark.parametrize(
    "text",
    [
        "Em xin lỗi chị vì sự chậm trễ; bên em sẽ kiểm tra và hướng dẫn chị.",
        "Anh Hùng và chị Lổi đã gửi hồ sơ.",  # a capitalised word is a name
        "Chị có thể cập nhật app trên điện thoại.",  # no tone mark, English: not judged
        "Chúng tôi sẽ xử lý trong ngày.",
    ],
)
def test_right_marks_names_and_english_are_left_alone(text: str) -> None:
    assert _slips(text) == {}


def test_decomposed_text_is_read_as_the_list_writes_it() -> None:
    decomposed = unicodedata.normalize("NFD", "Em xin lỗi chị; bên em sẽ kiểm tra.")
    assert _slips(decomposed) == {}
    assert "lổi" in {unicodedata.normalize("NFC", k) for k in _slips(unicodedata.normalize("NFD", "xin lổi"))}


def test_only_a_pack_that_names_its_tone_marks_is_checked() -> None:
    assert VI.tone_marks
    assert not language_packs()["pt"].tone_marks
