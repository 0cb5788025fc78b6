import csv
import io
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes, detect_file
from backintime_assets.detection.detect import HEAD_BYTES, TAIL_BYTES
from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.gaps import GAP
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.detection.render import PRICE_HEADER, Style, format_cell, render_table, sample_prices

CANONICAL = ["date", "ticker", "sector", "open", "high", "low", "close", "adj_close", "volume"]


def test_yahoo_style_file():
    data = render_table(PRICE_HEADER, sample_prices(30), Style())
    s = detect_bytes(data, "AAPL.csv")
    assert (s.encoding, s.delimiter, s.quotechar, s.line_terminator) == ("utf-8", ",", '"', "\n")
    assert (s.header_row, s.data_start_line, s.footer_lines, s.decimal, s.thousands) == (0, 1, 0, ".", None)
    assert [c.canonical for c in s.columns] == CANONICAL
    assert [c.type for c in s.columns] == ["date", "string", "string", "float", "float", "float", "float", "float",
                                           "integer"]
    assert s.problem is None


def test_investing_com_style_export():
    data = (
        '"Date","Price","Open","High","Low","Vol.","Change %"\n'
        '"Jan 06, 2020","74.95","73.45","74.99","73.19","118.39M","0.80%"\n'
        '"Jan 03, 2020","74.36","74.29","75.14","74.13","146.32M","-0.97%"\n'
        '"Jan 02, 2020","75.09","74.06","75.15","73.80","135.48M","2.28%"\n'
    ).encode()
    s = detect_bytes(data, "AAPL Historical Data.csv")
    by_name = {c.name: c for c in s.columns}
    assert by_name["Date"].format == "%b %d, %Y" and by_name["Date"].canonical == "date"
    assert by_name["Price"].canonical == "close"
    assert by_name["Vol."].canonical == "volume" or by_name["Vol."].type == "string"


def test_german_excel_export():
    text = ("Kursdaten SAP\r\n\r\nDatum;Symbol;Eröffnung;Hoch;Tief;Schluss;Volumen\r\n"
            + "".join(f"{d:02d}.01.2020;SAP;1.234,50;1.240,00;1.230,10;1.238,20;12.345\r\n" for d in range(2, 20)))
    s = detect_bytes(text.encode("cp1252"), "sap.csv")
    assert (s.encoding, s.delimiter, s.line_terminator, s.decimal, s.thousands) == ("cp1252", ";", "\r\n", ",", ".")
    assert (s.header_row, s.data_start_line) == (2, 3)
    assert s.columns[0].format == "%d.%m.%Y"
    assert [c.canonical for c in s.columns] == ["date", "ticker", "open", "high", "low", "close", "volume"]


def test_utf16_tab_export_month_first():
    text = "Symbol\tDate\tClose\n" + "".join(f"AAPL\t01/{d:02d}/2020\t{70 + d}.5\n" for d in range(2, 20))
    s = detect_bytes(text.encode("utf-16"), "x.txt")
    assert (s.encoding, s.delimiter) == ("utf-16", "\t")
    assert s.columns[1].format == "%m/%d/%Y"


def test_problems_instead_of_exceptions():
    assert detect_bytes(b"", "e.csv").problem == "empty file"
    assert detect_bytes(b"\n\n  \n", "e.csv").problem == "empty file"
    assert detect_bytes(b"\x00\x01\x02\x03garbage" * 20, "g.csv").problem.startswith("binary")
    header_only = detect_bytes(b"Date,Ticker,Close\n", "h.csv")
    assert header_only.problem == "no data rows" and header_only.header_row == 0
    assert [c.name for c in header_only.columns] == ["Date", "Ticker", "Close"]


def big_file(tmp_path, middle: bytes = b""):
    rows = sample_prices(3000, seed=1)
    head = render_table(PRICE_HEADER, rows[:1500], Style(footer=[]))
    tail = render_table(PRICE_HEADER, rows[1500:], Style(header=False, footer=["Total,,,,,,,,123", "", "Source: X"]))
    data = head + middle + tail
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    return path, data


def test_large_file_footer_found_in_tail_and_file_matches_bytes(tmp_path):
    path, data = big_file(tmp_path)
    assert len(data) > HEAD_BYTES + TAIL_BYTES
    from_file = detect_file(path)
    from_bytes = detect_bytes(data, str(path))
    assert from_file == from_bytes
    assert from_file.footer_lines == 3 and from_file.header_row == 0


def test_only_the_sample_is_read(tmp_path):
    # Binary junk in the middle of a big file cannot change what detection sees.
    path, _ = big_file(tmp_path, middle=b"\x00\xff" * 100_000)
    clean_path, _ = big_file(tmp_path / "..")
    assert detect_file(path).columns == detect_file(clean_path).columns


@pytest.mark.parametrize("where", ["middle", "tail"])
def test_a_code_page_past_an_ascii_head_names_its_tickers(where):
    # A multi-ticker export sorted by code: ASCII for its first 64 KB, Cyrillic names after them.
    # Each must load as written, not read as cp1252 ("ÑÁÅÐÁÀÍÊ"), silently a ticker of its own.
    def rows(ticker, n):
        days = (f"{2000 + k // 250}-{k % 12 + 1:02d}-{k % 28 + 1:02d}" for k in range(n))
        return "".join(f"{ticker};{day};{10 + k % 7}.5;100\n" for k, day in enumerate(days))
    text = "Ticker;Date;Close;Volume\n" + rows("SBER", 3000) + rows("Сбербанк", 20)
    if where == "middle":
        text += rows("GAZP", 1000)
    data = text.encode("cp1251")
    assert data.find("Сбербанк".encode("cp1251")) > HEAD_BYTES
    result = normalise_bytes(data, detect_bytes(data, "moex.csv"), "moex.csv")
    tickers = set(result.prices_arrow.column("ticker").to_pylist())
    assert "СБЕРБАНК" in tickers and all(t.isascii() or t == "СБЕРБАНК" for t in tickers)


def test_utf8_names_past_the_quick_head_keep_utf8_before_a_tail_in_another_code_page():
    # A hand-kept file: ASCII rows, then UTF-8 names before 64 KB, then rows appended on a Mac. The
    # quick look's ASCII 16 KB had let the tail's Mac Roman read the whole file: "NESTL√©".
    def rows(ticker, n):
        days = (f"{2000 + k // 250}-{k % 12 + 1:02d}-{k % 28 + 1:02d}" for k in range(n))
        return "".join(f"{ticker};{day};{10 + k % 7}.5;100\n" for k, day in enumerate(days))
    data = (("Ticker;Date;Close;Volume\n" + rows("ABC", 700)).encode() + rows("Nestlé", 300).encode()
            + rows("DEF", 2500).encode() + rows("Crédit Agricole", 20).encode("mac_roman"))
    assert data.find("Nestlé".encode()) > 16 * 1024 and len(data) > HEAD_BYTES + TAIL_BYTES
    result = normalise_bytes(data, detect_bytes(data, "book.csv"), "book.csv")
    assert "NESTLÉ" in set(result.prices_arrow.column("ticker").to_pylist())


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y%m%d", "%d-%b-%Y", "%b %d, %Y", "%Y/%m/%d"]
PREAMBLES = ["Exported from Broker X", "Account: 12345", "Prices in local currency", ""]
FOOTERS = ["End of report", "Source: exchange", ""]


@st.composite
def styles(draw):
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    decimal = draw(st.sampled_from([".", ","]))
    thousands = draw(st.sampled_from([None, " ", "." if decimal == "," else ","]))
    return Style(
        delimiter=delimiter,
        quoting=draw(st.sampled_from(["minimal", "all"])),
        line_terminator=draw(st.sampled_from(["\n", "\r\n"])),
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])),
        decimal=decimal,
        thousands=thousands,
        date_format=draw(st.sampled_from(DATE_FORMATS)),
        preamble=[p for p in draw(st.lists(st.sampled_from(PREAMBLES[:3]), max_size=3))],
        footer=draw(st.lists(st.sampled_from(FOOTERS[:2]), max_size=2)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(style=styles(), n=st.integers(5, 60), seed=st.integers(0, 10_000), tickers=st.integers(1, 3))
def test_random_dialects_are_detected(style, n, seed, tickers):
    rows = sample_prices(n, seed=seed, tickers=tickers, start=date(2019, 12, 28))
    data = render_table(PRICE_HEADER, rows, style)
    s = detect_bytes(data, "f.csv")
    assert s.delimiter == style.delimiter
    assert s.quotechar == '"'
    ascii_only = data.isascii()
    assert s.encoding == ("utf-8" if ascii_only and style.encoding == "cp1252" else style.encoding)
    assert s.line_terminator == style.line_terminator
    assert s.header_row == len(style.preamble)
    assert s.data_start_line == len(style.preamble) + 1
    assert s.footer_lines == len(style.footer)
    assert s.decimal == style.decimal
    assert s.thousands == style.thousands
    assert [c.canonical for c in s.columns] == CANONICAL
    assert s.columns[0].format == style.date_format


WORDS = ["alpha", "beta", "gamma", "delta", "Zürich", "São Paulo", "x-ray", "O'Neil", "foo bar", "New York, NY",
         'say "hi"', "semi;colon", "pipe|d"]


@st.composite
def generic_tables(draw):
    """Arbitrary (non-price) tables: the detector must not depend on price-file conventions."""
    kinds = draw(st.lists(st.sampled_from(["int", "float", "word", "date"]), min_size=2, max_size=6))
    n = draw(st.integers(4, 30))
    rows = []
    for i in range(n):
        row = []
        for j, kind in enumerate(kinds):
            if kind == "int":
                row.append(draw(st.integers(-5000, 10**6)))
            elif kind == "float":
                row.append(draw(st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3))))
            elif kind == "word":
                row.append(draw(st.sampled_from(WORDS)))
            else:
                row.append(date(2001, 1, 1) + (date(2001, 1, 2) - date(2001, 1, 1)) * (i * 3 + j))
        rows.append(row)
    header = [f"col_{k}_{j}" for j, k in enumerate(kinds)]
    style = Style(
        delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
        quotechar=draw(st.sampled_from(['"', "'"])),
        line_terminator=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        header=draw(st.booleans()),
        date_format=draw(st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y"])),
    )
    return header, rows, style, kinds


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=generic_tables())
def test_generic_tables(table):
    header, rows, style, kinds = table
    data = render_table(header, rows, style)
    s = detect_bytes(data, "t.csv")
    text = data.decode()
    assert s.delimiter == style.delimiter
    quoted = any(c.startswith(style.quotechar) for line in text.splitlines() for c in line.split(style.delimiter))
    assert s.quotechar == (style.quotechar if quoted else '"')
    assert s.line_terminator == style.line_terminator
    assert len(s.columns) == len(kinds)
    if set(kinds) != {"word"}:  # an all-text table has no telltale header
        assert s.header_row == (0 if style.header else -1)
        assert s.data_start_line == (1 if style.header else 0)
    types = {"int": "integer", "float": "float", "word": "string", "date": "date"}
    assert [c.type for c in s.columns] == [types[k] for k in kinds]


def a1_file() -> bytes:
    """UTF-16LE with BOM, CRLF, decimal comma, thousands dot, month-first dates with a time, and a
    garbage line right below the header (a case the ground-truth test found)."""
    rows = ["TradeDate,Symbol,Sector,Open,High,Low Price,Close,Adj Close", "????????"]
    for k in range(8):
        o = 1234.5 + 7 * k
        prices = [f'"{v:,.2f}"'.replace(",", "_").replace(".", ",").replace("_", ".") for v in (o, o + 5, o - 5, o + 1)]
        rows.append(f"01/{20 + k:02d}/2025 00:00,T{k},FINANCE," + ",".join(prices + prices[-1:]))
    return b"\xff\xfe" + "\r\n".join(rows + [""]).encode("utf-16-le")


def test_garbage_below_the_header_in_a_utf16_export():
    s = detect_bytes(a1_file(), "a1.csv")
    assert (s.encoding, s.delimiter, s.line_terminator, s.decimal, s.thousands) == ("utf-16", ",", "\r\n", ",", ".")
    assert (s.header_row, s.data_start_line) == (0, 1)
    assert [c.name for c in s.columns][:2] == ["TradeDate", "Symbol"]
    assert s.columns[0].format == "%m/%d/%Y %H:%M"
    assert [c.canonical for c in s.columns] == ["date", "ticker", "sector", "open", "high", "low", "close", "adj_close"]


def _single_day_drop(day: str) -> bytes:
    tickers = "AAA BBB CCC DDD EEE".split()
    rows = [f"{day},{t},Tech,10.5,11.0,10.0,10.8,10.8,{1000 + k}" for k, t in enumerate(tickers)]
    return ("Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume\n" + "\n".join(rows) + "\n").encode()


def _date_column(s):
    return next(c for c in s.columns if c.canonical == "date")


def test_single_day_drop_takes_month_first_order_from_its_name():
    c = _date_column(detect_bytes(_single_day_drop("02/04/2025"), "NYSE_2025-02-04.csv"))
    assert c.format == "%m/%d/%Y" and 0.5 < c.confidence < 1.0


def test_single_day_drop_takes_day_first_order_from_its_name():
    for name in ("LSE_2025-04-02.csv", "LSE_20250402.csv", "/drops/LSE_2025_04_02.csv"):
        c = _date_column(detect_bytes(_single_day_drop("02/04/2025"), name))
        assert c.format == "%d/%m/%Y" and 0.5 < c.confidence < 1.0, name
    # '.' defaults to day-first: a month-first name date turns it round.
    c = _date_column(detect_bytes(_single_day_drop("04.02.2025"), "XETRA_20250402.csv"))
    assert c.format == "%m.%d.%Y"


def test_unambiguous_data_wins_over_a_conflicting_name():
    data = _single_day_drop("02/04/2025") + b"13/04/2025,FFF,Tech,10.5,11.0,10.0,10.8,10.8,99\n"
    c = _date_column(detect_bytes(data, "NYSE_2025-02-04.csv"))
    assert c.format == "%d/%m/%Y" and c.confidence == 1.0


def test_single_day_drop_without_a_date_in_its_name_keeps_the_fallback():
    for name in ("NYSE.csv", "NYSE_02-04-2025.csv", "NYSE_2019-07-01.csv"):
        c = _date_column(detect_bytes(_single_day_drop("02/04/2025"), name))
        assert c.format == "%m/%d/%Y" and c.confidence == 0.5, name
    c = _date_column(detect_bytes(_single_day_drop("02.04.2025"), "XETRA.csv"))
    assert c.format == "%d.%m.%Y" and c.confidence == 0.5


# Preamble lines with quotes in them, as exports write them: an odd quote inside a cell, an inch
# mark in a title, a quote opening the line or a cell (which, read with quoting, swallows the header).
_PREAMBLES = ['Export "daily{d} unchecked', 'Prices for 12" pipes', '"Export daily{d} unchecked',
              'Export{d}"daily unchecked', 'Export daily{d} unchecked', 'Report{d} Q1\nNote: "prices" are "raw']
_NOTE = "halted\nresumed{d} next day"


def _noted_table(delimiter: str, rows: int, multiline: bool) -> tuple[str, list[list[str]]]:
    """A price table whose notes are quoted: a quoted line break every 50th row (when `multiline`),
    an escaped quote every third; the text and the fields a reader must find in it."""
    decimal = "," if delimiter == ";" else "."
    fields = [["Date", "Comment", "Ticker", "Close", "Volume"]]
    for k in range(rows):
        day = date.fromordinal(date(2020, 1, 1).toordinal() + k).isoformat()
        note = _NOTE.format(d=delimiter) if multiline and k % 50 == 7 else ("ok" if k % 3 else 'a "quoted" café note')
        fields.append([day, note, "AAA", f"{10 + k % 90}{decimal}{k % 100:02d}", str(1000 + k)])
    quoted = [[f'"{c.replace(chr(34), 2 * chr(34))}"' if '"' in c or "\n" in c or delimiter in c else c for c in r]
              for r in fields]
    return "".join(delimiter.join(r) + "\n" for r in quoted), fields


def _records(text: str, s) -> list[list[str]]:
    """The records of the data region of `text` (lines end in \\n alone) as the schema reads them."""
    region = "\n".join(text.split("\n")[s.data_start_line:])
    return list(csv.reader(io.StringIO(region, newline=""), **reader_kwargs(s.delimiter, s.quotechar, s.escapechar)))


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
@pytest.mark.parametrize("multiline", [True, False])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("preamble", _PREAMBLES)
def test_quotes_in_a_preamble_do_not_decide_the_quote_character(preamble, delimiter, multiline, encoding):
    # The dialect was judged on the preamble too: a preamble line made no quote at all win (every
    # quoted line break then split its row), or a quote opening a preamble cell hid the header.
    preamble = preamble.format(d=delimiter) + "\n"
    table, fields = _noted_table(delimiter, 300, multiline)
    text = preamble.replace("Export", "Exporté €") + table
    s = detect_bytes(text.encode(encoding), "prices.csv")
    assert text.encode(encoding).decode(s.encoding) == text and s.problem is None
    assert (s.delimiter, s.quotechar) == (delimiter, '"')
    lines = preamble.count("\n")
    assert (s.header_row, s.data_start_line) == (lines, lines + 1)
    assert [c.name for c in s.columns] == fields[0]
    assert _records(text, s) == fields[1:]  # every row whole, the notes' line breaks inside them


def test_a_large_file_with_an_odd_quote_in_its_preamble_keeps_its_quoted_line_breaks():
    # Over HEAD_BYTES + TAIL_BYTES: the quick look and the head/tail sample judge it as well.
    table, fields = _noted_table(",", 3000, True)
    text = 'Export "daily, unchecked\n' + table
    assert len(text) > HEAD_BYTES + TAIL_BYTES
    s = detect_bytes(text.encode(), "big.csv")
    assert (s.delimiter, s.quotechar, s.header_row, s.data_start_line) == (",", '"', 1, 2)
    assert _records(text, s) == fields[1:]


@pytest.mark.parametrize(("header", "names"), [
    ('"Date,Ticker,"Name",Close,Volume', ['"Date', "Ticker", "Name", "Close", "Volume"]),
    ('Date,"Ticker,Name,"Close",Volume', ["Date", '"Ticker', "Name", "Close", "Volume"]),
])
def test_a_stray_quote_in_the_header_line_does_not_cost_the_header(header, names):
    # Read with quotes, the header line is two or three cells ('"Date,Ticker,"' and the rest), and
    # the file seemed to have none (found on Pollock's polluted files, rebuilt here by hand).
    body = "".join(f'2020-01-{d:02d},AAPL,"Apple, Inc.",{70 + d}.5,{1000 + d}\n' for d in range(2, 12))
    s = detect_bytes((header + "\n" + body).encode(), "prices.csv")
    assert (s.delimiter, s.quotechar, s.header_row, s.data_start_line) == (",", '"', 0, 1)
    assert [c.name for c in s.columns] == names
    assert [c.canonical for c in s.columns] == ["date", "ticker", None, "close", "volume"]


def test_a_quoted_preamble_line_above_a_headerless_table_stays_preamble():
    body = "".join(f'2020-01-{d:02d},AAPL,"Apple, Inc.",{70 + d}.5,{1000 + d}\n' for d in range(2, 12))
    s = detect_bytes(('"Prices, volumes, names, closes, AAPL"\n' + body).encode(), "prices.csv")
    assert (s.header_row, s.data_start_line) == (-1, 1)


@pytest.mark.parametrize(("text", "expected"), [
    # Zero-padded integers are text (codes keep their zeros); a strong name reads them as numbers.
    ("Date,Ticker,Close,Volume\n" + "".join(f"2020-01-{d:02d},AAA,1{d}.5,{d * 1000:09d}\n" for d in (2, 3, 6, 7)),
     [("date", "date"), ("string", "ticker"), ("float", "close"), ("integer", "volume")]),
    # Numeric ticker codes (Hong Kong's "0700") stay text, zeros and all.
    ("Date,Code,Close\n" + "".join(f"2020-01-{d:02d},{c},1{d}.5\n" for d in (2, 3, 6, 7) for c in ("0700", "0005")),
     [("date", "date"), ("string", "ticker"), ("float", "close")]),
    # Under a weak name ("Vol Class", "Lowlot", "Open Time") or no name, a padded column is a code,
    # not a number: a headerless CUSIP must not take the volume (reviews of this session's mends).
    ("".join(f"2020-01-{d:02d},AAA,037833100,99.5{d},{1200 + d}\n" for d in (2, 3, 6, 7, 8, 9)),
     [("date", "date"), ("string", "ticker"), ("string", None), ("float", "close"), ("integer", "volume")]),
    ("Date,Ticker,Close,Vol Class\n" + "".join(f"2020-01-{d:02d},AAA,1{d}.5,{d:03d}\n" for d in (2, 3, 6, 7)),
     [("date", "date"), ("string", "ticker"), ("float", "close"), ("string", None)]),
])
def test_zero_padded_numbers_are_codes_unless_strongly_named(text, expected):
    schema = detect_bytes(text.encode(), "prices.csv")
    assert [(c.type, c.canonical) for c in schema.columns] == expected


_DISCLAIMER_WORDS = "prices are in local currency and may be revised please check the totals before any use".split()


def _disclaimer(lines: int) -> list[str]:
    # Lines of prose of varied length, as a disclaimer runs: no delimiter, no keyword on most lines.
    return [" ".join(_DISCLAIMER_WORDS[k % 5:k % 5 + 3 + k % 9]) for k in range(lines)]


def test_notes_that_outnumber_a_short_files_rows_do_not_hide_its_table():
    rows = [f"2021-03-{1 + i:02d},T{i:03d},{10 + i / 2:.2f},{1000 + i}" for i in range(15)]
    notes = ["", "Notes:", *_disclaimer(40)]
    s = detect_bytes(("\n".join(["Date,Ticker,Close,Volume", *rows, *notes]) + "\n").encode(), "prices.csv")
    assert (s.delimiter, s.header_row, s.data_start_line) == (",", 0, 1)
    assert [c.canonical for c in s.columns] == ["date", "ticker", "close", "volume"]
    assert s.footer_lines == 41  # "Notes:" and the disclaimer; the blank line is skipped anyway


def test_a_one_column_list_under_a_short_preamble_stays_one_column():
    lines = ["Exchange,AMEX", "Report,daily", "Ticker", *[f"T{i:03d}" for i in range(30)]]
    s = detect_bytes(("\n".join(lines) + "\n").encode(), "tickers.csv")
    assert len(s.columns) == 1 and s.columns[0].name == "Ticker" and s.data_start_line == 3


def test_a_file_with_quoted_cells_after_spaced_delimiters():
    data = (b'id, name, city, amount\r\n1, "Smith, John", "Paris", 12.5\r\n2, "Doe, Jane", "Lyon", 7\r\n'
            b'3, "Roe, Rick", "Nice", 3.25\r\n4, "Poe, Edgar", "Lille", 1\r\n')
    s = detect_bytes(data, "people.csv")
    assert (s.delimiter, s.quotechar, s.skipinitialspace, s.header_row, s.data_start_line) == (",", '"', True, 0, 1)
    assert [(c.name, c.type) for c in s.columns] == [("id", "integer"), ("name", "string"), ("city", "string"),
                                                     ("amount", "float")]
    assert s.to_dict()["skipinitialspace"] is True  # what `backintime detect --json` prints


def test_quoted_header_names_after_spaced_delimiters_lose_their_quotes():
    # frictionless issue-1109: read without skipping, the header was taken for a data row.
    data = b'"int", "number", "string"\n"1", "2.3", "string"\n"", "4.3", "string"\n"3", "3.14", "string"\n'
    s = detect_bytes(data, "t.csv")
    assert (s.header_row, s.data_start_line, s.skipinitialspace) == (0, 1, True)
    assert [(c.name, c.type) for c in s.columns] == [("int", "integer"), ("number", "float"), ("string", "string")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=generic_tables(), spaces=st.integers(1, 2))
def test_generic_tables_with_spaced_delimiters(table, spaces):
    # The table written with spaces after each delimiter, a cell quoted where it holds the
    # delimiter or the quote: detected as such wherever a quoted cell follows a delimiter, and
    # read back cell for cell.
    header, rows, style, kinds = table
    assume(style.delimiter != "\t")  # a tab and spaces: as much a space-delimited table
    style.quotechar = '"'
    out = io.StringIO()
    writer = csv.writer(out, delimiter=style.delimiter, lineterminator="")
    lines = []
    cells_of_lines = ([header] if style.header else []) + [[format_cell(v, style) for v in r] for r in rows]
    for row in cells_of_lines:
        cells = []
        for c in row:
            out.seek(0), out.truncate()
            writer.writerow([c])
            cells.append(out.getvalue())
        lines.append((style.delimiter + " " * spaces).join(cells))
    text = "\n".join(lines) + "\n"
    s = detect_bytes(text.encode(), "t.csv")
    assert s.delimiter == style.delimiter
    assert len(s.columns) == len(kinds)
    spaced_quote = any(c.startswith('"') for line in lines for c in line.split(style.delimiter + " " * spaces)[1:])
    assert s.skipinitialspace == spaced_quote
    got = csv.reader(io.StringIO(text), **reader_kwargs(s.delimiter, s.quotechar, s.escapechar, s.skipinitialspace))
    assert [[c.strip() for c in r] for r in got] == [[c.strip() for c in r] for r in cells_of_lines]


@pytest.mark.parametrize(("lines", "name"), [
    # a key-value preamble as long as the table rule's run, above a short list (review of fee58f8)
    (["Source,Broker X", "Date,2021-03-01", "Account,12345", "Ticker", *[f"T{i:03d}" for i in range(8)]], "Ticker"),
    # a key-value trailer below a list of URLs, and of dates
    (["url", *[f"http://{c}.example.com" for c in "abcdefgh"], "", "Generated by,tool", "Version,1.2", "Rows,8"],
     "url"),
    (["Holiday", *[f"2021-{m:02d}-01" for m in range(1, 11)], "", "Calendar,NYSE", "Year,2021", "Source,web"],
     "Holiday"),
])
def test_a_one_column_list_is_not_outvoted_by_a_few_rows_of_pairs(lines, name):
    # Values, one to a line, are the table; only lines of words (notes) give way to a wider run.
    s = detect_bytes(("\n".join(lines) + "\n").encode(), "list.csv")
    assert [c.name for c in s.columns] == [name]
    assert s.data_start_line == lines.index(name) + 1


def test_a_payment_app_export_keeps_its_header_and_reads_its_signed_amounts():
    # "+ $1,150.00" beside "- $12.00" (Venmo): the early rows the provisional types rejected cost
    # the header and every row above the one taken for it (real-world evaluation, class C).
    data = ('Date,Amount\n2020-01-02,"+ $1,150.00"\n2020-01-03,- $12.00\n2020-01-04,- $2.24\n'
            '2020-01-05,"+ $1,423.73"\n2020-01-06,- $22.84\n2020-01-07,- $3.00\n').encode()
    s = detect_bytes(data, "transactions.csv")
    assert (s.header_row, s.data_start_line, s.thousands) == (0, 1, ",")
    assert [(c.name, c.type, c.format) for c in s.columns] == [("Date", "date", "%Y-%m-%d"),
                                                              ("Amount", "float", "currency")]


# Space-aligned text tables (issue 4, class A).
ALIGNED_OHLC = (b"Date         Open    High     Low   Close\n2020-01-02   10.50   11.50   10.00   11.00 \n"
                b"2020-01-03    9.75   10.50    9.50   10.25\n2020-01-06  101.00  102.00  100.00  100.50   \n"
                b"2020-01-07   99.00  100.50   98.00  100.00\n")


def test_a_space_aligned_table_is_read_with_its_header():
    s = detect_bytes(ALIGNED_OHLC, "prices.txt")
    assert (s.delimiter, s.skipinitialspace, s.header_row, s.data_start_line) == (" ", True, 0, 1)
    assert [(c.name, c.canonical) for c in s.columns] == [
        ("Date", "date"), ("Open", "open"), ("High", "high"), ("Low", "low"), ("Close", "close")]


def test_names_with_single_spaces_in_a_space_aligned_header_stay_whole():
    data = (b"Date         Open Price   High Price   Low Price   Close Price\n"
            b"2020-01-02        10.50        11.50       10.00         11.00\n"
            b"2020-01-03         9.75        10.50        9.50         10.25\n"
            b"2020-01-06       101.00       102.00      100.00        100.50\n")
    s = detect_bytes(data, "prices.txt")
    assert (s.delimiter, s.skipinitialspace, s.header_row, s.data_start_line) == (" ", True, 0, 1)
    assert [c.name for c in s.columns] == ["Date", "Open Price", "High Price", "Low Price", "Close Price"]


def test_a_line_of_units_under_a_space_aligned_header_joins_the_header():
    # A weather station's monthly table: no unit under the year and month, so merged on runs of
    # spaces the units line is five cells for seven columns, and it had been the first data row.
    data = (b"Station X\nMissing data is marked by  ---.\n"
            b"   yyyy  mm   tmax    tmin      af    rain     sun\n"
            b"              degC    degC    days      mm   hours\n"
            + b"".join(f"   {1950 + i // 12}  {i % 12 + 1:2d}   {8 + i % 9}.{i % 7}     {i % 5}.{i % 3}"
                       f"      {i % 6}    {60 + i}.{i % 9}   {100 + i}.{i % 4}\n".encode() for i in range(24)))
    s = detect_bytes(data, "stationdata.txt")
    assert (s.delimiter, s.header_row, s.data_start_line) == (" ", 2, 4)
    assert [(c.name, c.type) for c in s.columns] == [
        ("yyyy", "integer"), ("mm", "integer"), ("tmax", "float"), ("tmin", "float"), ("af", "integer"),
        ("rain", "float"), ("sun", "float")]


def _codes_and_a_priceless_row(code: str) -> bytes:
    return (f"Code        Close    Volume\n{code:<10}  HOLIDAY\n".encode()
            + b"".join(f"{code:<10}  {10 + d}.50   {1000 + d}\n".encode() for d in range(2, 28)))


@pytest.mark.parametrize("data", [
    # Values, not units: a first row with empty cells is data, even where its words sit under names.
    b"   yyyy  mm   tmax    tmin\n              8.1     2.2\n"
    + b"".join(f"   {1950 + i // 12}  {i % 12 + 1:2d}    {8 + i % 9}.{i % 7}     {i % 5}.{i % 3}\n".encode()
               for i in range(12)),
    # A ticker and a note over a name and a close are a row of the table (rejected with a reason when
    # read), not a line of units: taken for one, the row vanished unsaid (a reviewer's find).
    b"Name    Date        Close\nABC             HOLIDAY\n"
    + b"".join(f"ABC     2020-01-{d:02d}  {100 + d}.25\n".encode() for d in range(3, 31)),
    # A code under a name is no value, though it starts as one: "7203.T  HOLIDAY" over Code and Close was
    # taken for a line of units, and the row vanished unsaid.
    *(_codes_and_a_priceless_row(code) for code in ("7203.T", "0700.HK", "38259P508")),
], ids=["values with empty cells", "a priceless row", "7203.T", "0700.HK", "a CUSIP"])
def test_a_row_under_a_space_aligned_header_that_is_no_units_line_stays_data(data):
    s = detect_bytes(data, "prices.txt")
    assert (s.header_row, s.data_start_line) == (0, 1)


_BARS = b"".join(f"09:{30 + m}:00  {10 + m}.50     {1000 + m}\n".encode() for m in range(1, 28))


@pytest.mark.parametrize("first", [b"09:30:00  10.5*", b"09:30:00  $10.5"])
def test_a_first_row_of_values_missing_a_cell_under_a_space_aligned_header_stays_data(first):
    # A time and a flagged (or priced) close, the volume missing: values, no units, though each starts as the
    # cells below do. Taken for a line of units, the bar vanished unsaid.
    s = detect_bytes(b"Time      Close     Volume\n" + first + b"\n" + _BARS, "bars.txt")
    assert (s.header_row, s.data_start_line) == (0, 1)


@pytest.mark.parametrize("unit", [b"000s", b"10^6"])
def test_a_units_line_of_a_unit_that_starts_with_a_digit_joins_the_header(unit):
    # A scale written as a power ("10^6") starts as a value does, but no value is written so: read as one,
    # the units line was the table's first row, rejected.
    s = detect_bytes(b"Time      Close     Volume\nUTC                 " + unit + b"\n" + _BARS, "bars.txt")
    assert (s.header_row, s.data_start_line) == (0, 2)


def test_a_units_line_over_money_and_counts_joins_the_header():
    data = (b"Date        Ticker       Close      Volume\n                          USD      shares\n"
            + b"".join(f"2024-01-{d:02d}  AAPL    {10 + d}.50  {1000 + d:>10}\n".encode() for d in range(2, 30)))
    s = detect_bytes(data, "prices.txt")
    assert (s.header_row, s.data_start_line) == (0, 2)
    assert [c.canonical for c in s.columns] == ["date", "ticker", "close", "volume"]


_STATION = b"   yyyy  mm   tmax    tmin      af    rain     sun\n              degC    degC    days      mm   hours\n"


def _station_row(i: int) -> str:
    # Sunshine as the Met Office writes it: "---" where none was measured, "#" from another instrument,
    # and a maximum flagged "*" where estimated.
    sun = ("---", "61.6#", "98.5")[i % 3]
    tmax = "8.9*" if i % 5 == 0 else "8.9"
    return f"   {2000 + i // 12}  {i % 12 + 1:>2}   {tmax:>4}     3.2       0    95.3    {sun:>5}\n"


@pytest.mark.parametrize("data", [
    _STATION + "".join(_station_row(i) for i in range(28)).encode(),
    b"Date        Time    Temp   Pressure\n            UTC     degC   hPa\n"
    + b"".join(f"2024-01-{d:02d}  12:00   {d}.5   101{d:02d}.2\n".encode() for d in range(2, 28)),
    b"x          y\n           m\n" + b"".join(f"{i}   {i * 1.5e-5:.3e}\n".encode() for i in range(1, 28)),
], ids=["flagged and missing values", "a time", "scientific notation"])
def test_a_units_line_over_values_not_all_plain_numbers_joins_the_header(data):
    # Values a unit stands over as much as plain numbers: held to those alone, the units line was read
    # as the table's first row and rejected.
    s = detect_bytes(data, "station.txt")
    assert (s.header_row, s.data_start_line) == (0, 2)


def test_a_mainframe_report_header_over_a_dashed_rule_names_its_columns():
    # A fixed-width report: title lines, names of two words, a rule of dashes under them. Read with
    # every run of spaces a delimiter, the names were cut in two and the rule taken for the header.
    data = (b"ACME CORP  DAILY PRICE REPORT                    PAGE 1\nRUN DATE 2024-01-09\n\n"
            b"TRADE DATE   SECURITY ID   OPEN PRICE   CLOSE PRICE   VOLUME\n"
            b"----------   -----------   ----------   -----------   ------\n"
            b"2024-01-02   IBM              161.50        162.10     3520\n"
            b"2024-01-03   IBM              162.00        160.80     4210\n"
            b"2024-01-04   IBM              160.90        161.30     3980\n")
    s = detect_bytes(data, "report.txt")
    assert (s.delimiter, s.header_row, s.data_start_line) == (GAP, 3, 5)
    assert [(c.name, c.canonical) for c in s.columns] == [
        ("TRADE DATE", "date"), ("SECURITY ID", "ticker"), ("OPEN PRICE", "open"), ("CLOSE PRICE", "close"),
        ("VOLUME", "volume")]


def test_a_space_aligned_table_of_tight_single_spaces_keeps_every_space_a_delimiter():
    # Runs of two spaces set apart no columns here: reading by them would merge the values.
    data = (b"Date Open High Low Close\n2020-01-02 10.50 11.50 10.00 11.00\n"
            b"2020-01-03  9.75 10.50  9.50 10.25\n2020-01-06 10.00 10.50  9.50 10.25\n")
    s = detect_bytes(data, "prices.txt")
    assert s.delimiter == " " and [c.name for c in s.columns] == ["Date", "Open", "High", "Low", "Close"]


def test_a_commented_header_below_a_comment_block_leaves_the_data_delimiter():
    # Issue 4, class B (CAMS): the block's one '#' a line was taken for the delimiter, and no row read.
    data = (b"# Coding: utf-8\n# Title: CAMS radiation service\n# Latitude: 38.2970 (N)\n"
            b"# Longitude: -2.2580 (E)\n# Altitude: 500.0 m\n# Observation period;TOA;GHI;BHI\n"
            b"2020-01-01T00:00:00.0/2020-01-01T00:01:00.0;0.0000;0.0000;0.0000\n"
            b"2020-01-01T00:01:00.0/2020-01-01T00:02:00.0;0.0000;0.0000;0.0000\n"
            b"2020-01-01T00:02:00.0/2020-01-01T00:03:00.0;1.5000;0.2000;0.0000\n")
    s = detect_bytes(data, "cams.csv")
    assert (s.delimiter, s.data_start_line, len(s.columns)) == (";", 6, 4)
    assert [c.type for c in s.columns][1:] == ["float", "float", "float"]


def _nul_damaged(rows: str) -> dict[str, bytes]:
    return {
        "tail": rows.encode() + b"\x00" * 3000,
        "big tail": (rows * 60).encode() + b"\x00" * (HEAD_BYTES + TAIL_BYTES),
        "cell": rows.replace(",AAPL,", ",AA\x00PL,", 1).encode(),
        "padded": rows.replace("AAPL,", "AAPL\x00\x00,").encode(),
    }


@pytest.mark.parametrize("kind", ["tail", "big tail", "cell", "padded"])
def test_a_text_file_with_stray_nuls_gets_its_table(kind):
    rows = "Date,Ticker,Close,Volume\n" + "".join(f"2021-02-{d:02d},AAPL,{d}.5,{d}00\n" for d in range(1, 29))
    schema = detect_bytes(_nul_damaged(rows)[kind], "damaged.csv")
    assert schema.problem is None and schema.encoding == "utf-8"
    assert (schema.delimiter, schema.header_row, schema.data_start_line) == (",", 0, 1)
    assert [c.canonical for c in schema.columns] == ["date", "ticker", "close", "volume"]


def test_a_nul_in_a_header_name_is_shown_as_a_sign_that_postgres_can_store():
    rows = "Date,Tick\x00er,Close\n" + "".join(f"2021-02-{d:02d},AAPL,{d}.5\n" for d in range(1, 9))
    schema = detect_bytes(rows.encode(), "damaged.csv")
    assert [c.name for c in schema.columns] == ["Date", "Tick\u2400er", "Close"]
    assert "\\u0000" not in schema.to_json() and "\x00" not in schema.to_json()


def test_a_file_of_zeros_is_named_so():
    assert "zero-filled" in detect_bytes(b"\x00" * 5000, "zeros.csv").problem
    assert detect_bytes(b"\x00" * 5000, "zeros.csv").encoding == "binary"


@pytest.mark.parametrize("header", ["Date,Close,Volume\n", ""])
def test_a_trailing_column_of_currency_codes_is_left_unmapped(header):
    # Taken for the ticker by its values, it put every row of msft.csv on ticker "USD".
    body = "".join(f"2024-01-{d:02d},{10 + d}.5,{1000 + d},USD\n" for d in (2, 3, 4, 5, 8, 9))
    s = detect_bytes((header + body).encode(), "msft.csv")
    assert [c.canonical for c in s.columns] == ["date", "close", "volume", None]


def test_a_headerless_sensor_log_of_space_separated_numbers_gets_its_columns():
    # Epoch seconds and readings, one space apart, no header: read as one column of text before.
    text = "".join(f"{1614556800 + 60 * k} {20 + k / 7:.3f} {50 + k % 5 * 1.1:.2f} 1013.{k % 10}\n" for k in range(30))
    s = detect_bytes(text.encode(), "sensor.txt")
    assert (s.delimiter, s.header_row, s.data_start_line, len(s.columns)) == (" ", -1, 0, 4)
    assert [c.type for c in s.columns] == ["timestamp", "float", "float", "float"]


def test_a_log_of_ip_addresses_keeps_its_decimal_mark_and_its_addresses_text():
    rows = "".join(f"192.168.100.{100 + i},{200 + i},{1000 + 37 * i}\n" for i in range(12))
    s = detect_bytes(("ip,status,bytes\n" + rows).encode(), "access.csv")
    assert (s.decimal, s.thousands) == (".", None)
    assert [c.type for c in s.columns] == ["string", "integer", "integer"]


# MySQL SELECT ... INTO OUTFILE: tab, no header, NULL as \N, backslash escapes (\" below makes the
# dialect take the escape). PostgreSQL COPY ... TO (text) writes the same, with t/f booleans.
MYSQL_DUMP = (
    "1\tAAPL\t2024-01-02\t185.50\t\\N\tplain\n"
    "2\tMSFT\t2024-01-02\t\\N\t2000\tsaid \\\"hi\\\"\n"
    "3\tAAPL\t2024-01-03\t186.25\t1500\tC:\\\\temp\n"
    "4\tMSFT\t2024-01-03\t371.00\t\\N\t\\N\n"
    "5\tAAPL\t2024-01-04\t184.00\t1200\tok\n"
    "6\tMSFT\t2024-01-04\t370.10\t2100\tok\n"
).encode()


def test_the_null_marker_of_database_dumps_leaves_numbers_typed_through_a_backslash_escape():
    s = detect_bytes(MYSQL_DUMP, "prices.txt")
    assert (s.delimiter, s.escapechar, s.header_row) == ("\t", "\\", -1)
    assert [c.type for c in s.columns] == ["integer", "string", "date", "float", "integer", "string"]
    assert [c.canonical for c in s.columns][1:5] == ["ticker", "date", "close", "volume"]


def test_the_null_marker_of_a_copy_dump_without_escapes_reads_as_missing():
    null = "\\N"
    text = "".join(f"{k}\t2024-01-{k + 1:02d}\t{'t' if k % 2 else 'f'}\t{null if k % 3 == 0 else 10 + k}\n"
                   for k in range(1, 9))
    s = detect_bytes(text.encode(), "copy.txt")
    # The markers alone do not make the backslash an escape (Hive and pandas write them and escape
    # nothing, dump_escapes.escapes_as_a_dump); unescaped, "\\N" is a null token all the same.
    assert s.escapechar is None
    assert [c.type for c in s.columns] == ["integer", "date", "boolean", "integer"]


def _bloomberg_wide(tickers: int, days: int) -> bytes:
    """A Bloomberg BDH sheet saved as CSV: a label row, then a date and a close per ticker."""
    names = [f"T{k:04d} US Equity" for k in range(tickers)]
    weekdays = [day for day in range(1, 32) if date(2024, 1, day).weekday() < 5][:days]
    rows = [",".join(f"2024-01-{day:02d},{10 + day}.5" for _ in names) for day in weekdays]
    return "\n".join([",".join(f"{n}," for n in names), ",".join("Date,PX_LAST" for _ in names), *rows, ""]).encode()


@pytest.mark.parametrize("opened", [False, True], ids=["bytes", "opened"])
def test_a_head_of_few_long_lines_is_read_on_until_it_holds_rows(monkeypatch, opened):
    # Thousands of tickers side by side: the head held the labels and a row or two, detection
    # could not tell a header from data, and not one price of the file loaded. (A small head
    # stands in for HEAD_BYTES, as 100 tickers stand in for thousands.)
    from backintime_assets.detection import detect as detect_module
    from backintime_assets.normalisation import normalise_bytes

    monkeypatch.setattr(detect_module, "HEAD_BYTES", 4096)
    monkeypatch.setattr(detect_module, "TAIL_BYTES", 1024)
    data = _bloomberg_wide(100, 12)  # a line of 1.7 KB: the head held two rows
    schema = detect_module.detect_opened(io.BytesIO(data), len(data), "bdh.csv") if opened else \
        detect_bytes(data, "bdh.csv")
    assert schema.problem is None
    result = normalise_bytes(data, schema, "bdh.csv")
    assert result.prices_arrow.num_rows == 1200 and result.rejected_arrow.num_rows == 0


def test_a_file_without_line_breaks_is_not_read_on_past_a_header_s_length():
    from backintime_assets.detection.detect import MAX_HEADER_BYTES, read_on

    reads = []

    def read_at(at, length):
        reads.append(length)
        return b"x;" * (length // 2)

    assert len(read_on(b"x;" * (HEAD_BYTES // 2), read_at)) == MAX_HEADER_BYTES
    assert len(read_on(b"a;b\n" * (HEAD_BYTES // 4), read_at)) == HEAD_BYTES  # lines enough: no read


@pytest.mark.parametrize(("line_end", "lines"), [(b"\n", 9), (b"\n", 10), (b"\r", 9), (b"\r", 10), (b"\r\n", 10)])
def test_a_head_is_read_on_until_it_holds_ten_line_ends_of_one_kind(line_end, lines):
    # Counted up to ten, not over the whole head: a head of ten lines or more is not read on.
    from backintime_assets.detection.detect import MIN_HEAD_LINES, read_on

    head = b"a;b" + line_end * lines + b"x" * 100
    reads = []

    def read_at(at, length):
        reads.append(at)
        return b"c;d\n" * MIN_HEAD_LINES if len(reads) == 1 else b""

    assert read_on(head, read_at) == (head if lines >= MIN_HEAD_LINES else head + b"c;d\n" * MIN_HEAD_LINES)
    assert reads == ([] if lines >= MIN_HEAD_LINES else [len(head)])


def _bars(rows: int) -> str:
    return "".join(f"2024-01-{1 + i % 28:02d},{100 + i % 7}.25,{58 + i % 5}.38\n" for i in range(rows))


@pytest.mark.parametrize("rows", [12, 4000])  # read whole, and a file whose end is read apart (its tail)
def test_a_note_below_the_table_declares_the_volumes_unit(rows):
    # FactSet's export: "Volume in millions." in a footnote, not in the header
    data = ("FactSet Research Systems,,\nIdentifier:,AAPL-US,\n,,\nDate,Price,Volume\n" + _bars(rows)
            + ",,\n\"Volume in millions. Source: FactSet Prices.\",,\n").encode()
    volume = detect_bytes(data, "aapl.csv").columns[2]
    assert (volume.canonical, volume.multiplier) == ("volume", 1_000_000)


def test_a_note_right_above_the_header_declares_the_volumes_unit_and_others_do_not():
    noted = ("Banco Santander\nVolume in thousands of shares\nDate,Close,Volume\n" + _bars(12)).encode()
    assert detect_bytes(noted, "san.csv").columns[2].multiplier == 1_000
    for note in ("All figures in thousands", "Prices in EUR", "Volume in shares"):
        other = (f"Banco Santander\n{note}\nDate,Close,Volume\n" + _bars(12)).encode()
        assert detect_bytes(other, "san.csv").columns[2].multiplier is None, note


@pytest.mark.parametrize("units", [",EUR,EUR,EUR,EUR,x1000\n", ",,,,,x1000\n,EUR,EUR,EUR,EUR,shares\n"])
def test_a_units_row_that_writes_the_volumes_scale_alone_declares_it(units):
    # A units row under the names, the volume's cell "x1000" alone (sparse or full): read as no
    # unit, the volumes loaded a thousand times small.
    bars = "".join(f"2024-01-{2 + i:02d},99.70,101.00,99.00,100.{i:02d},{1000 + i}\n" for i in range(12))
    data = ("Date,Open,High,Low,Close,Volume\n" + units + bars).encode()
    volume = detect_bytes(data, "units.csv").columns[5]
    assert (volume.canonical, volume.multiplier) == ("volume", 1_000)


_DAY_LIST = "Symbol,Open,High,Low,Close,Volume\nAAA,10.0,10.5,9.8,10.2,1200\nBBB,20.0,20.4,19.9,20.1,3400\n" \
            "CCC,5.00,5.10,4.90,5.05,800\n"


@pytest.mark.parametrize(("data", "name", "day", "source"), [
    ("Daily Quotations 2024/01/02\n" + _DAY_LIST, "quotes.csv", "2024-01-02", "title line 1: 2024/01/02"),
    ('"113年01月02日每日收盤行情(全部)"\n' + _DAY_LIST, "MI_INDEX_ALL_20240102.csv", "2024-01-02",
     "title line 1: 113年01月02日"),
    (_DAY_LIST, "STOCK_DAY_ALL_20240104.csv", "2024-01-04", "file name: 20240104"),
    ("Closing prices as of 2024-01-02, published 2024-01-03\n" + _DAY_LIST, "x.csv", None, "not the trade date"),
])
def test_a_days_list_of_tickers_without_a_date_column_takes_its_title_or_name_date(data, name, day, source):
    schema = detect_bytes(data.encode(), name)
    assert schema.day == day and source in schema.date_from and schema.problem is None


@pytest.mark.parametrize(("data", "name"), [
    ("Symbol,Open,High,Low,Close,Volume\nAAPL,187.15,188.44,183.89,185.64,82488700\n", "AAPL_20240102.csv"),
    ("Open,High,Low,Close,Volume\n187.15,188.44,183.89,185.64,82488700\n", "AAPL_20240102.csv"),
    ("Date,Symbol,Close\n2024-01-03,AAA,10\n2024-01-03,BBB,20\n", "list_20240102.csv"),  # its column dates it
])
def test_no_days_date_for_one_tickers_snapshot_or_a_file_with_a_date_column(data, name):
    schema = detect_bytes(data.encode(), name)
    assert schema.day is None and schema.date_from is None


def test_a_workbooks_title_row_dates_a_days_list():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["JSE Equity Market Statistics - 02 January 2024"], [], ["Instrument", "Open", "High", "Low", "Close"],
                ["NPN", 3300, 3350, 3280, 3320], ["PRX", 1100, 1120, 1090, 1110]):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    schema = detect_bytes(buf.getvalue(), "jse.xlsx")
    assert (schema.day, schema.date_from) == ("2024-01-02", "title line 1: 02 January 2024")


def test_investing_chinese_resaved_with_a_side_table_maps_close_and_volume_by_name():
    # Zechen003/Q_Finance, 上证指数历史数据.csv (see test_layout's side-table test): without its
    # header, 开盘 (open) loaded as the close, and a statistic of the side table ("Kurtosis",
    # 12.98) as the volume.
    from backintime_assets_tests.detection.test_layout import _side_table_file

    s = detect_bytes(_side_table_file().encode(), "上证指数历史数据.csv")
    by_name = {c.name: c.canonical for c in s.columns}
    assert (by_name["收盘"], by_name["开盘"], by_name["交易量"]) == ("close", "open", "volume")
    assert [c.name for c in s.columns if c.canonical == "volume"] == ["交易量"]


def test_kabuoji3_adjusted_close_is_the_adj_close():
    # kokikurahashi/predict, 7203_2019.csv (kabuoji3's download): "終値調整値" is the split-adjusted
    # close. Unmapped, every row's adj_close was its unadjusted close: across Toyota's 2021 split
    # (five for one) the adjusted series jumped.
    data = ("7203 東証1部 トヨタ自動車(株)（輸送用機器）,,,,,\n日付,始値,高値,安値,終値,出来高,終値調整値\n"
            '"2019-01-04","6180","6360","6161","6346","10011900","6346"\n'
            '"2019-01-07","6495","6622","6478","6546","7677200","6546"\n'
            '"2019-01-08","6610","6687","6584","6626","7979300","6626"\n').encode("cp932")
    s = detect_bytes(data, "7203_2019.csv")
    assert {c.name: c.canonical for c in s.columns}["終値調整値"] == "adj_close"


def test_investing_dutch_laatste_is_the_close():
    # portfolio-performance/portfolio-help, hist-prices-Daimler-Truck.csv: Investing.com's Dutch
    # download names its close "Laatste" (last); unread, the file loaded nothing ("no close column").
    data = ('"Datum","Laatste","Open","Hoog","Laag","Vol.","+/- %"\n'
            '"01-03-2024","44,58","42,40","44,72","41,38","7,77M","18,00%"\n'
            '"29-02-2024","37,78","37,48","38,01","37,45","2,81M","0,85%"\n'
            '"28-02-2024","37,46","37,27","37,59","37,20","1,01M","0,51%"\n').encode()
    s = detect_bytes(data, "hist-prices-Daimler-Truck.csv")
    assert [c.canonical for c in s.columns][:6] == ["date", "close", "open", "high", "low", "volume"]
    assert s.columns[0].format == "%d-%m-%Y" and s.decimal == ","


@pytest.mark.parametrize("ending", ["\r\r\n", "\n\n"])
def test_double_spaced_bloomberg_label_names_the_ticker(ending):
    # A blank line after every row (detection/spacing.py): the label sits over the header's spacing
    # line, not beside a gap; read as apart, the prices loaded under the file's name.
    rows = "".join(f"2024-01-{d:02d},1{d}.25,1{d}.5,10{d}\n" for d in (2, 3, 4, 5, 8, 9))
    text = "AAPL US Equity,,,\nDate,PX_LAST,PX_OPEN,PX_VOLUME\n" + rows
    schema = detect_bytes(text.replace("\n", ending).encode(), "label.csv")
    assert (schema.header_row, schema.ticker) == (2, "AAPL US Equity")


def test_bloomberg_label_a_blank_line_above_a_single_spaced_header_stays_apart():
    # Only a double-spaced file's blank line is spacing: elsewhere it sets a title off from the table.
    rows = "".join(f"2024-01-{d:02d},1{d}.25,1{d}.5,10{d}\n" for d in (2, 3, 4, 5, 8, 9))
    schema = detect_bytes(("AAPL US Equity,,,\n\nDate,PX_LAST,PX_OPEN,PX_VOLUME\n" + rows).encode(), "label.csv")
    assert (schema.header_row, schema.ticker) == (2, None)


def test_detecting_a_plain_file_imports_no_numpy(tmp_path):
    # `backintime detect` sniffs hundreds of files in one call: its start-up is part of its speed, and
    # numpy alone costs ~0.1 s to import. Only a file whose stamps are read at once loads it.
    (tmp_path / "prices.csv").write_text("Date,Close,Volume\n2024-01-02,185.6,1000\n2024-01-03,184.2,1200\n")
    code = ("import sys; from backintime_assets.detection.detect import detect_file; "
            f"detect_file({str(tmp_path / 'prices.csv')!r}); print('numpy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_header_written_with_another_delimiter_than_its_rows_is_the_header():
    # kwoshvick/NSE-Stock-Price-Crawler data/company/SCOM.csv (mystocks.co.ke, Nairobi): the header
    # joined by ";", the rows by ",". Read as one cell it was no header, and the file was refused for
    # columns of numbers no name told apart.
    data = ("Date;Lowest Price of the Day;Highest Price of the Day;Closing Price;Previous Day Closing Price;"
            "Volume Traded\n20080609,6.95,8.0,7.35,219.5,416383100\n20080610,6.65,8.0,6.95,7.35,127305600\n"
            "20080611,6.9,7.1,6.95,6.95,183494800\n20080612,7.1,7.5,7.35,6.95,131243700\n").encode()
    from backintime_assets.normalisation import normalise_bytes
    schema = detect_bytes(data, "SCOM.csv")
    assert schema.header_row == 0
    prices = normalise_bytes(data, schema, "SCOM.csv").prices
    assert prices["close"].tolist() == [7.35, 6.95, 6.95, 7.35]  # not the day before's 219.5
    assert prices["low"].tolist() == [6.95, 6.65, 6.9, 7.1] and prices["high"].tolist() == [8.0, 8.0, 7.1, 7.5]
    assert prices["volume"].tolist() == [416383100, 127305600, 183494800, 131243700]


def test_prices_with_an_iso_code_for_the_sign_load():
    # Swiss Excel's currency format: "CHF 1'234.50". Its prices were text, the file refused "no close column".
    from backintime_assets.normalisation import normalise_bytes

    text = ("Datum;Eröffnung;Hoch;Tief;Schluss;Volumen\n"
            "02.01.2024;CHF 1'234.50;CHF 1'241.00;CHF 1'230.00;CHF 1'240.75;1000\n"
            "03.01.2024;CHF 1'240.75;CHF 1'251.20;CHF 1'238.40;CHF 1'241.10;2000\n"
            "04.01.2024;CHF 1'241.10;CHF 1'251.30;CHF 1'230.90;CHF 1'241.00;1500\n").encode()
    schema = detect_bytes(text, "NESN.csv")
    assert schema.problem is None and schema.thousands == "'"
    prices = normalise_bytes(text, schema, "NESN.csv").prices
    assert prices["close"].tolist() == [1240.75, 1241.1, 1241.0]
    assert prices["open"].tolist() == [1234.5, 1240.75, 1241.1]


@pytest.mark.parametrize("above", ["Source: Bloomberg | Ticker: AAPL | Currency: USD\n",
                                   "ACME Corp; daily prices; close and volume\n",
                                   "AAPL|Apple Inc|NASDAQ\n"])
def test_a_title_right_above_headerless_rows_that_splits_as_wide_is_no_header(above):
    # Split by "|" or ";" the title is as wide as the comma rows; read as their header, its words
    # named no close and the file was refused, where its rows load by position (date, close, volume).
    data = (above + "2024-01-02,185.5,1000\n2024-01-03,184.3,1100\n2024-01-04,181.9,1200\n"
            "2024-01-05,182.5,1300\n").encode()
    from backintime_assets.normalisation import normalise_bytes
    schema = detect_bytes(data, "AAPL.csv")
    result = normalise_bytes(data, schema, "AAPL.csv")
    assert result.file_problem is None
    assert result.prices["close"].tolist() == [185.5, 184.3, 181.9, 182.5]
    assert result.prices["volume"].tolist() == [1000, 1100, 1200, 1300]


def test_a_bank_export_whose_every_amount_has_its_minus_after_it():
    # DTAUS-style export: each debit written "345,00-", a credit column left empty. The amounts are
    # numbers with a decimal comma (they had been text, the decimal read as a dot).
    data = ("Buchungstag;Verwendungszweck;Soll;Haben\r\n"
            "01.06.2026;Rechnung 001;345,00-;\r\n"
            "02.06.2026;Rechnung 002;;100,50-\r\n"
            "03.06.2026;Rechnung 003;1.020,00-;\r\n").encode()
    s = detect_bytes(data, "umsaetze.csv")
    assert (s.delimiter, s.decimal, s.header_row, s.data_start_line) == (";", ",", 0, 1)
    assert [(c.type, c.format) for c in s.columns[2:]] == [("float", "trailing_minus")] * 2


def test_a_vcf_reads_by_its_commented_header():
    data = ("##fileformat=VCFv4.2\n##source=Mutect2\n"
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
            "MT\t73\t.\tA\tG\t.\t.\tDP=670;ECNT=2\tGT:AD:AF:DP:SB\t0/1:0,660:0.998:660:0,0,265,395\n"
            "MT\t152\t.\tT\tC\t.\t.\tDP=1257;ECNT=2\tGT:AD:AF:DP:SB\t0/1:0,1226:0.999:1226:0,0,576,650\n").encode()
    s = detect_bytes(data, "calls.vcf")
    assert (s.delimiter, s.header_row, s.data_start_line) == ("\t", 2, 3)
    assert [c.name for c in s.columns][:3] == ["CHROM", "POS", "ID"] and s.columns[1].type == "integer"
    assert s.problem is not None or normalise_bytes(data, s, "calls.vcf").prices_arrow.num_rows == 0


@pytest.mark.parametrize("data", [
    b"id,open,close,low,high,amount,vol,count\n1704153600,42283.58,44179.55,42180.77,44240.0,21345.2,921000000.1,812345\n"
    b"1704240000,44179.55,44946.91,44148.34,45879.63,30123.1,1345000000.5,912345\n"
    b"1704326400,44946.91,42845.23,40750.0,45500.0,41234.5,1789000000.2,1012345\n",
    b"t,v,c,h,l,o\n1704326400,1789000000.2,42845.23,45500.0,40750.0,44946.91\n"
    b"1704240000,1345000000.5,44946.91,45879.63,44148.34,44179.55\n"
    b"1704153600,921000000.1,44179.55,44240.0,42180.77,42283.58\n",
])
def test_a_few_days_of_huobi_and_gate_candles_load_by_their_epoch_stamps(data):
    # Refused "no date column": three stamps were too few for a time axis without a date's name.
    out = normalise_bytes(data, detect_bytes(data, "btcusdt.csv"), "btcusdt.csv")
    assert out.rejected_arrow.num_rows == 0
    prices = out.prices_arrow.sort_by("date")
    assert [d.isoformat() for d in prices["date"].to_pylist()] == ["2024-01-02", "2024-01-03", "2024-01-04"]
    assert prices["close"].to_pylist() == [44179.55, 44946.91, 42845.23]


def test_a_headerless_file_of_a_few_round_amounts_is_no_series_of_candles():
    # 1500000000, 1500060000, ... step by whole minutes (1000 of them), no bar's length: read as
    # epoch stamps, a row loaded dated 2017-07-14 and the others were rejected as its duplicate or
    # as a Saturday. Such a file is refused, as before short stamps were read.
    data = b"1500000000,10.5\n1500060000,11\n1500120000,12\n"
    out = normalise_bytes(data, detect_bytes(data, "amounts.csv"), "amounts.csv")
    assert out.prices_arrow.num_rows == 0
    assert out.file_problem is not None and "no date column" in out.file_problem


def test_a_line_of_units_over_a_column_of_missing_values_is_still_units():
    # The Met Office's historic station data: "degC degC days mm hours" under "yyyy mm tmax ...",
    # aligned under its columns but, its first two cells blank, two fields short once the runs of
    # spaces are merged; no sunshine measured in the early years ("---"). Looked past as a damaged
    # row, it stayed in the data, a row to reject.
    text = ("Oxford\nLocation: 450900E 207200N, Lat 51.761 Lon -1.262, 63 metres amsl\n"
            "   yyyy  mm   tmax    tmin      af    rain     sun\n"
            "              degC    degC    days      mm   hours\n"
            + "".join(f"   1853  {m:2d}   {8 + m}.4     2.{m}       4    6{m}.8     ---\n" for m in range(1, 8)))
    schema = detect_bytes(text.encode(), "oxforddata.txt")
    assert (schema.header_row, schema.data_start_line) == (2, 4)
    assert [c.name for c in schema.columns][:3] == ["yyyy", "mm", "tmax"]


def test_a_header_padded_past_its_names_keeps_them():
    # "Date,Yield,,,": the padding left the header under half filled, it was dropped, and the yield, read by
    # its values alone, loaded as a close. Read without the padding, as "Date,Yield" is: a yield is no price.
    rows = "".join(f"2023-01-0{d},3.{d}0,,,\n" for d in range(2, 7))
    yields = detect_bytes(("Date,Yield,,,\n" + rows).encode(), "prices.csv")
    assert [(c.name, c.canonical) for c in yields.columns] == [("Date", "date"), ("Yield", None)]
    result = normalise_bytes(("Date,Yield,,,\n" + rows).encode(), yields, "prices.csv")
    assert len(result.prices) == 0 and "no close column" in result.rejected["reason"].iloc[0]
    # A rate is a close by its name, padded or not.
    rates = detect_bytes(("Date,Rate,,,\n" + rows).encode(), "prices.csv")
    assert [(c.name, c.canonical) for c in rates.columns] == [("Date", "date"), ("Rate", "close")]
