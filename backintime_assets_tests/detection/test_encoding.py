import codecs

import pytest

from backintime_assets.detection.encoding import (
    binary_problem,
    decode_head,
    decode_tail,
    detect_encoding,
)

TEXT = "Date;Société;Close\n02.01.2020;Crédit Agricole;12,5\n03.01.2020;Nestlé;13,5\n" * 3


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-8"), "utf-8"),
        (b"Date,Close\n2020-01-02,1.5\n", "utf-8"),
        ((TEXT + "Price in €\n").encode("cp1252"), "cp1252"),
    ],
)
def test_detects_encoding(data, expected):
    assert detect_encoding(data)[0] == expected


def test_cyrillic_code_page_is_not_mistaken_for_western():
    text = "Дата;Тикер;Цена закрытия\n02.01.2020;Сбербанк;255,3\n03.01.2020;Газпром;258,1\n" * 20
    enc, _ = detect_encoding(text.encode("cp1251"))
    assert enc != "cp1252"
    assert text.encode("cp1251").decode(enc) == text


def test_utf8_cut_inside_a_character_is_still_utf8_when_sample_is_partial():
    data = ("é" * 100).encode()[:-1]  # sample boundary splits the last character
    assert detect_encoding(data, complete=False)[0] == "utf-8"
    assert decode_head(data, "utf-8", complete=False) == "é" * 99


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"PK\x03\x04rest", "zip"),
        (b"%PDF-1.4 ...", "pdf"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"abc\x00def\x00" * 10, "NUL"),
        (bytes(range(1, 9)) * 50, "control"),
    ],
)
def test_binary_content_is_named(data, fragment):
    assert fragment in binary_problem(data)


def test_text_is_not_binary():
    assert binary_problem(TEXT.encode()) is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "cp1252"])
@pytest.mark.parametrize("odd", [0, 1])
def test_tail_is_realigned_on_a_character(encoding, odd):
    text = "line é one\n" * 50 + "last line\n"
    data = text.encode(encoding)
    offset = len(data) - 41 - odd
    tail = decode_tail(data[offset:], encoding, offset, data[:4])
    assert tail.endswith("last line\n")
    assert "\ufffd" not in tail.split("\n", 1)[1]
