import codecs

import pytest

from backintime_assets.normalisation import lines
from backintime_assets.normalisation.lines import LineIndex, count_byte, to_utf8


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b"a\nb\n", ["a", "b"]),
        (b"a\r\nb", ["a", "b"]),
        (b"a\rb\r\n\nc", ["a", "b", "", "c"]),
        (b"", []),
        (b"\n", [""]),
        (b"x", ["x"]),
        (b"\r\r\n", ["", ""]),
    ],
)
def test_physical_lines(data, lines):
    index = LineIndex(data)
    assert index.count == len(lines)
    assert [index.text(i) for i in range(index.count)] == lines
    assert index.offset(index.count) == len(data)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
def test_to_utf8_strips_bom_and_transcodes(encoding):
    text = "Date;Société\n02.01.2020;Crédit\n"
    assert to_utf8(text.encode(encoding), encoding) == text.encode()


def test_invalid_bytes_become_replacement_characters():
    assert to_utf8(b"ok\x81\n", "utf-8") == "ok\ufffd\n".encode()  # no character in cp1252 either
    assert to_utf8(b"ok\xff\n", "cp1250") == "ok\u02d9\n".encode()
    assert to_utf8(codecs.BOM_UTF8 + b"x", "utf-8") == b"x"


def test_a_utf8_file_with_cp1252_rows_reads_them_as_cp1252():
    # A cp1252 export appended to a UTF-8 one: its rows must name the same ticker, not "Soci\ufffdt\ufffd".
    data = "Société,1.5\n".encode() + "Société,1.6\n".encode("cp1252")
    assert to_utf8(data, "utf-8") == "Société,1.5\nSociété,1.6\n".encode()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_to_utf8_drops_the_boms_that_start_lines(encoding):
    # Files joined into one carry each part's BOM into the middle; a BOM inside a line stays.
    text = "Date;Close\r\n\ufeff02.01.2020;1\n\ufeffDate;Close\r\ufeff03.01.2020;a\ufeffb\n"
    data = text.encode(encoding, errors="replace") if encoding != "cp1252" else text.encode("utf-8")
    want = "Date;Close\r\n02.01.2020;1\nDate;Close\r03.01.2020;a\ufeffb\n"
    assert to_utf8(data, "utf-8" if encoding == "cp1252" else encoding).decode() == want


@pytest.mark.parametrize("data", [b"", b"a", b"\n", b"a\nb\n\nc", b"x\r\ny\n" * 3])
def test_count_byte_counts_as_bytes_count(data, monkeypatch):
    assert count_byte(data, 10) == data.count(b"\n")
    monkeypatch.setattr(lines, "_MASK_BYTES", 2)  # slices that cut between the bytes counted
    assert count_byte(data, 10) == data.count(b"\n")


@pytest.mark.parametrize("asked", [
    [1, 2, 3, 4, 5, 6, 7, 8, 9],  # every line, in order
    [2, 2, 5, 9, 9],  # some, repeated, a file without any
    [9, 1, 5, 3],  # out of order
    [0, 1],  # a line before the first file
    [7],
    [],
])
def test_the_file_of_each_line_of_a_group_read_as_one_text(asked):
    import numpy as np

    # Files a (lines 1-3), b (4), c (5-6, none asked for in some cases), d (7 on).
    files = lines.FileLines(["a", "b", "c", "d"], [1, 4, 5, 7], [2, 2, 2, 2])
    expected = [{0: -1, 1: 0, 2: 0, 3: 0, 4: 1, 5: 2, 6: 2}.get(n, 3) for n in asked]
    assert files.file_of(np.array(asked, dtype=np.int64)).tolist() == expected
    within = [(n, k) for n, k in zip(asked, expected) if k >= 0]
    assert files.line_in_file(np.array([n for n, _ in within], dtype=np.int64)).tolist() == [
        n - [1, 4, 5, 7][k] + 2 for n, k in within]


def test_the_file_of_lines_in_order_as_a_search_per_line_finds_it():
    """Files of no lines (two files starting at one line), lines in order with repeats and gaps, lines
    before the first file and after the last: as a search of each line finds them."""
    import numpy as np

    rng = np.random.default_rng(31)
    for _ in range(500):
        sizes = rng.choice([0, 1, 2, 5], size=int(rng.integers(1, 6)))
        first = (1 + np.r_[0, np.cumsum(sizes)[:-1]]).tolist()
        files = lines.FileLines([f"f{k}" for k in range(len(first))], first, [2] * len(first))
        asked = np.sort(rng.integers(-1, int(sizes.sum()) + 3, size=int(rng.integers(0, 20))))
        expected = np.searchsorted(np.array(first), asked, side="right") - 1
        assert files.file_of(asked).tolist() == expected.tolist()
    files = lines.FileLines(["a", "empty", "b"], [1, 3, 3], [2, 2, 5])
    assert files.file_of(np.array([1, 2, 3, 3, 4])).tolist() == [0, 0, 2, 2, 2]
    assert files.line_in_file(np.array([2, 3, 4])).tolist() == [3, 5, 6]


def test_a_file_of_ascii_then_cp1251_rows_reads_them_as_cp1251():
    # Detection saw the ASCII first 64 KB alone and said UTF-8: the rows past them are Cyrillic,
    # a ticker of their own, not "Ñáåðáàíê".
    data = b"SBER;1.5\n" * 3 + "Сбербанк-п;1.6\nГазпром;2\n".encode("cp1251")
    assert to_utf8(data, "utf-8").decode() == "SBER;1.5\n" * 3 + "Сбербанк-п;1.6\nГазпром;2\n"
