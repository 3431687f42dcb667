"""decode_bytes: the declared charset, and the fallback chain when it is wrong."""

from __future__ import annotations

from cscomm.mail.charsets import decode_bytes

TEXT = "We\u2019re sorry \u2014 your \u20ac25 caf\u00e9 voucher is ready."


def test_declared_charset_that_fits() -> None:
    decoded = decode_bytes(TEXT.encode("utf-8"), "UTF-8", "body")
    assert (decoded.text, decoded.codec, decoded.warning) == (TEXT, "utf-8", None)


def test_cp1252_declared_utf8() -> None:
    decoded = decode_bytes(TEXT.encode("cp1252"), "utf-8", "body")
    assert decoded.text == TEXT
    assert decoded.warning == 'body declared charset "utf-8" but was not valid; decoded as cp1252'


def test_unknown_label() -> None:
    decoded = decode_bytes(TEXT.encode("utf-8"), "x-unknown", "body")
    assert decoded.text == TEXT
    assert decoded.warning == 'body declared unknown charset "x-unknown"; decoded as utf-8'


def test_utf8_labelled_latin1() -> None:
    decoded = decode_bytes(TEXT.encode("utf-8"), "iso-8859-1", "body")
    assert decoded.text == TEXT
    assert decoded.warning == 'body declared charset "iso-8859-1" but is utf-8; decoded as utf-8'


def test_latin1_is_read_as_cp1252() -> None:
    raw = "\u201cCaf\u00e9\u201d".encode("cp1252")
    decoded = decode_bytes(raw, "ISO-8859-1", "body")
    assert (decoded.text, decoded.warning) == ("\u201cCaf\u00e9\u201d", None)


def test_no_charset() -> None:
    assert decode_bytes(b"plain ascii", None, "body").warning is None
    decoded = decode_bytes("na\u00efve".encode(), None, "body")
    assert decoded.text == "na\u00efve"
    assert decoded.warning == "body declared no charset; decoded as utf-8"


def test_last_resort_is_latin1() -> None:
    decoded = decode_bytes(b"caf\xe9 \x81", "utf-8", "body")
    assert decoded.text == "caf\u00e9 \x81"
    assert decoded.warning == 'body declared charset "utf-8" but was not valid; decoded as latin-1'


def test_shift_jis_vendor_characters() -> None:
    text = "\u2460 \u5bdd\u888b\u306f\u672c\u65e5\u767a\u9001"  # NEC circled digit: cp932 only
    decoded = decode_bytes(text.encode("cp932"), "Shift_JIS", "body")
    assert (decoded.text, decoded.warning) == (text, None)


def test_single_byte_cyrillic_is_not_taken_for_utf8() -> None:
    text = "\u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435"
    decoded = decode_bytes(text.encode("koi8-r"), "koi8-r", "body")
    assert (decoded.text, decoded.warning) == (text, None)


def test_seven_bit_iso_2022_jp() -> None:
    text = "\u5c71\u7530\u69d8"
    decoded = decode_bytes(text.encode("iso-2022-jp"), "ISO-2022-JP", "body")
    assert (decoded.text, decoded.warning) == (text, None)
