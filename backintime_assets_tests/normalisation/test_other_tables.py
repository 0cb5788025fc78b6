"""Rows of a table of another layout outside the detected table (two exports stacked) are rejected
with a reason, never dropped as notes; notes with dates and numbers stay notes."""
import datetime as dt
import io
from dataclasses import replace

import openpyxl
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.group import normalise_group
from backintime_assets.normalisation import other_tables
from backintime_assets.normalisation.other_tables import other_layout_rows

_DIALECT = {"delimiter": ",", "quotechar": '"'}
_WHERE = {"preamble": "above the table's header", "footer": "below the table"}


def _days(start: str, n: int) -> list[dt.date]:
    day, out = dt.date.fromisoformat(start), []
    while len(out) < n:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(1)
    return out


def _table() -> str:
    """The detected table of most tests: eight days of Date,Close,Volume from 2024-01-02."""
    return "Date,Close,Volume\n" + "".join(f"{d},{20.5 + k},{1000 + k}\n" for k, d in enumerate(_days("2024-01-02", 8)))


def _read(data: bytes, name: str, **wrong):
    schema = replace(detect_bytes(data, name), **wrong)
    result = normalise_bytes(data, schema, name)
    # Every row read is loaded or rejected: the accounting proves nothing vanished.
    assert result.rows_read == result.prices_arrow.num_rows + result.rejected_arrow.num_rows
    return result


def _rejected(result) -> dict[int, str]:
    return dict(zip(result.rejected_arrow["source_line"].to_pylist(), result.rejected_arrow["reason"].to_pylist()))


def _yfinance(ticker: str, start: str, adj_close: bool) -> str:
    names = ["Adj Close"] * adj_close + ["Close", "High", "Low", "Open", "Volume"]
    text = f"Price,{','.join(names)}\nTicker{f',{ticker}' * len(names)}\nDate{',' * len(names)}\n"
    for k, day in enumerate(_days(start, 30)):
        values = [90.1 + k] * adj_close + [100.25 + k, 101.5 + k, 99.75 + k, 100.0 + k, 1000000 + k]
        text += f"{day},{','.join(map(str, values))}\n"
    return text


def test_a_download_of_six_columns_above_one_of_seven_is_rejected_not_dropped_as_preamble():
    # Two one-security yfinance downloads stacked: detection takes the wider table, the other's
    # 30 rows fell into its preamble and vanished (rows read 30, no rejection).
    result = _read((_yfinance("AAPL", "2024-01-02", False) + _yfinance("MSFT", "2024-03-04", True)).encode(),
                   "stacked.csv")
    assert result.prices_arrow.num_rows == 30 and set(result.prices_arrow["ticker"].to_pylist()) == {"MSFT"}
    assert result.rows_read == 60
    reasons = _rejected(result)
    assert sorted(reasons) == list(range(4, 34))
    assert reasons[4] == ("outside the table: a row of 6 fields, one of a block of 30 such rows above the table's"
                          " header (the table's rows have 7): a table of another layout? save it as a file of its own")
    kinds = dict(zip(result.non_data_arrow["source_line"].to_pylist(), result.non_data_arrow["reason"].to_pylist()))
    assert [kinds[n] for n in (1, 2, 3)] == ["preamble"] * 3  # its header lines stay non-data


def test_last_year_s_export_above_this_year_s_with_a_column_more_is_rejected():
    old = "Date,Open,High,Low,Close\n" + "".join(
        f"{d:%d/%m/%Y},{10 + k},{11 + k},{9 + k},{10.5 + k}\n" for k, d in enumerate(_days("2023-12-01", 12)))
    new = "Date,Open,High,Low,Close,Volume\n" + "".join(
        f"{d:%d/%m/%Y},{20 + k},{21 + k},{19 + k},{20.5 + k},{1000 + k}\n"
        for k, d in enumerate(_days("2024-01-02", 20)))
    result = _read((old + new).encode(), "office.csv")
    assert result.prices_arrow.num_rows == 20 and result.rows_read == 32
    reasons = _rejected(result)
    assert sorted(reasons) == list(range(2, 14))
    assert all("a row of 5 fields, one of a block of 12 such rows" in r for r in reasons.values())


# A blank line after every row: an export that ends its lines "\r\r\n" (or double spaces them); no
# two of the block's rows were adjacent, and all of them vanished as notes.
@pytest.mark.parametrize("row_end, footer_lines, lines", [("\n", 5, [11, 12, 13, 14]), ("\n\n", 9, [11, 13, 15, 17])])
def test_a_footer_block_of_daily_rows_in_another_layout_is_rejected(row_end, footer_lines, lines):
    block = "Daily 2023\n" + "".join(f"{d},{1 + k},{2 + k},{3 + k},{4 + k},{5 + k}{row_end}"
                                     for k, d in enumerate(_days("2023-06-01", 4)))
    result = _read((_table() + block).encode(), "f.csv", footer_lines=footer_lines)
    assert result.prices_arrow.num_rows == 8 and result.rows_read == 12
    reasons = _rejected(result)
    assert sorted(reasons) == lines
    assert reasons[11].startswith("outside the table: a row of 6 fields, one of a block of 4 such rows below the table")


def test_a_block_of_the_table_s_width_whose_dates_are_written_otherwise_is_rejected():
    # Same columns, dates day first above the header: they do not read as the table's rows, nor may
    # they vanish.
    old = "".join(f"{d:%d.%m.%Y},{10 + k},{1000 + k}\n" for k, d in enumerate(_days("2023-12-01", 3)))
    new = _table()
    schema = replace(detect_bytes(new.encode(), "d.csv"), header_row=3, data_start_line=4)  # its table's
    result = normalise_bytes((old + new).encode(), schema, "d.csv")
    assert result.prices_arrow.num_rows == 8 and result.rows_read == 11
    reasons = _rejected(result)
    assert sorted(reasons) == [1, 2, 3]
    assert "3 such rows above the table's header that do not read as the table's rows" in reasons[1]


def test_a_workbook_block_wider_than_its_table_above_it_is_rejected():
    book = openpyxl.Workbook()
    for width, start, n in ((7, "2023-11-01", 12), (5, "2024-01-02", 25)):
        book.active.append(["Date", "Open", "High", "Low", "Close", "Volume", "Turnover"][:width])
        for k, day in enumerate(_days(start, n)):
            book.active.append([dt.datetime.combine(day, dt.time()), 10 + k, 11 + k, 9 + k, 10.5 + k, 1000 + k,
                                5000 + k][:width])
    buf = io.BytesIO()
    book.save(buf)
    result = _read(buf.getvalue(), "w.xlsx")
    assert result.prices_arrow.num_rows == 25 and result.rows_read == 37
    reasons = _rejected(result)
    assert sorted(reasons) == list(range(2, 14))
    assert reasons[2].startswith("outside the table: a row of 7 fields, one of a block of 12 such rows")


def test_notes_with_dates_and_numbers_outside_the_table_stay_non_data():
    preamble = ("Downloaded 2024-01-05, prices in USD\nStart Date,2024-01-02\nEnd Date,2024-01-11\n"
                "AAPL US Equity,,,\nTicker,AAPL,AAPL,AAPL\nCurrency,USD,USD,USD\nAs of,2024-01-05,Page,1\n")
    table = "Date,Open,Close,Volume\n" + "".join(f"{d},{10 + k},{11 + k},{100 + k}\n"
                                                 for k, d in enumerate(_days("2024-01-02", 8)))
    footer = ("Total,,,828\nHigh,2024-01-11,18,107\nLow,2024-01-02,11,100\nFirst,2024-01-02,11\n"
              "Last,2024-01-11,18\n2024-01-12,Closing note: checked 2 times,,\n"
              "(c) 2024 Data Vendor. All rights reserved.\n")
    result = _read((preamble + table + footer).encode(), "n.csv", header_row=7, data_start_line=8, footer_lines=7)
    assert result.prices_arrow.num_rows == 8 and result.rejected_arrow.num_rows == 0
    assert result.rows_read == 8


def test_one_dated_line_or_a_day_repeated_is_no_table():
    lines = [(1, "2024-01-02,1,2,3", "preamble"), (3, "2024-01-03,1,2,3", "preamble"),
             (4, "2024-01-03,1,2,3", "preamble"), (6, "2024-01-04,1,2,3", "footer"), (7, "2024-01-05,1,2", "footer")]
    assert other_layout_rows(lines, _DIALECT, "%Y-%m-%d", 5, False, _WHERE) == []
    # The same lines with a steady field count and a day each: a block of two below the table.
    lines[-1] = (7, "2024-01-05,1,2,4", "footer")
    assert [n for n, _, _ in other_layout_rows(lines, _DIALECT, "%Y-%m-%d", 5, False, _WHERE)] == [6, 7]


def test_a_ticker_repeating_down_a_block_is_a_row_s_and_labels_a_line_each_are_not():
    rows = [(1, "2024-01-02,AAPL,1,2", "preamble"), (2, "2024-01-03,AAPL,1,2", "preamble")]
    assert len(other_layout_rows(rows, _DIALECT, None, 5, False, _WHERE)) == 2
    stats = [(1, "Max,2024-01-02,1,2", "footer"), (2, "Min,2024-01-03,1,2", "footer")]
    assert other_layout_rows(stats, _DIALECT, None, 5, False, _WHERE) == []


def test_a_group_whose_file_holds_a_block_of_another_layout_is_left_to_normalise_bytes():
    table = "Date,Ticker,Open,High,Low,Close,Volume\n" + "".join(
        f"{d},AAPL,10,12,9,{11 + k},{1000 + k}\n" for k, d in enumerate(_days("2024-01-02", 8)))
    block = "".join(f"{d},{1 + k},{2 + k},{3 + k}\n" for k, d in enumerate(_days("2023-06-01", 3)))
    schema = replace(detect_bytes(table.encode(), "a.csv"), footer_lines=3)
    notes = (table + "TOTAL,,,,,,500\nSource: vendor\nEnd\n").encode()
    assert normalise_group([notes, notes], schema, ["a.csv", "b.csv"]) is not None
    assert normalise_group([notes, (table + block).encode()], schema, ["a.csv", "b.csv"]) is None


def test_a_line_outside_the_table_past_the_reader_s_field_limit_leaves_the_file_read():
    # A disclaimer of one quoted line longer than csv.field_size_limit(): its reading raised, and
    # the whole file read as an "internal error", nothing loaded.
    table = _table()
    footer = '"' + "Figures of 2024, rounded to 2 places. " * 4000 + '"\n'
    result = _read((table + footer).encode(), "long.csv", footer_lines=1)
    assert result.file_problem is None
    assert result.prices_arrow.num_rows == 8 and result.rejected_arrow.num_rows == 0


def test_quoted_rows_of_another_layout_are_read_with_the_file_s_quotes():
    # Investing.com's quoted cells ("1,234.50" holds the delimiter): cut at each comma by hand, the
    # numbers fall apart into pieces; the reader keeps them whole.
    lines = [(k + 1, f'"{d:%m/%d/%Y}","1,{200 + k}.50","1,{210 + k}.00","1.2{k}M","0.5{k}%"', "footer")
             for k, d in enumerate(_days("2023-06-01", 3))]
    found = other_layout_rows(lines, _DIALECT, None, 6, False, _WHERE)
    assert [n for n, _, _ in found] == [1, 2, 3]
    assert "a row of 5 fields" in found[0][2]


def _two_blocks_a_blank_apart() -> list:
    """Outside lines: AAPL's and MSFT's rows of the same three days, a blank line between."""
    rows = [f"{d},{ticker},{1 + k},{2 + k}" for ticker in ("AAPL", "MSFT")
            for k, d in enumerate(_days("2023-06-01", 3))]
    return [(n, raw, "preamble") for n, raw in enumerate(rows[:3] + [""] + rows[3:], start=1)]


def test_two_blocks_set_apart_by_a_blank_line_on_the_same_days_are_each_rejected():
    # Joined across the blank line they repeat their days, as no table does: each is a block still.
    lines = _two_blocks_a_blank_apart()
    found = other_layout_rows(lines, _DIALECT, None, 6, False, _WHERE)
    assert [n for n, _, _ in found] == [1, 2, 3, 5, 6, 7]
    assert "a block of 3 such rows" in found[0][2]


def test_a_run_is_split_no_deeper_than_the_cap(monkeypatch):
    # Splitting a run that fails as one block recurses: capped, a pathological run of notes is left
    # notes rather than a RecursionError leaving the whole file unread. At a cap of none, the two
    # blocks above (found only by a split) stay notes.
    lines = _two_blocks_a_blank_apart()
    monkeypatch.setattr(other_tables, "_MAX_SPLITS", 0)
    assert other_layout_rows(lines, _DIALECT, None, 6, False, _WHERE) == []


def _quotes(start: str, n: int, ticker: str = "AAPL.O") -> str:
    """Rows of ticker, date, currency, exchange and price: more words than numbers."""
    return "".join(f"{ticker},{d},USD,NASDAQ,{185.2 + k}\n" for k, d in enumerate(_days(start, n)))


def test_a_block_of_rows_with_more_words_than_numbers_below_the_table_is_rejected():
    # Ticker, currency and exchange repeat down the block: its columns, not prose. Passed over as
    # notes for holding three words to one number, the block's 5 rows vanished.
    result = _read((_table() + _quotes("2023-06-01", 5)).encode(), "q.csv", footer_lines=5)
    assert result.prices_arrow.num_rows == 8 and result.rows_read == 13
    reasons = _rejected(result)
    assert sorted(reasons) == list(range(10, 15))
    assert reasons[10].startswith("outside the table: a row of 5 fields, one of a block of 5 such rows below the table"
                                  " (the table's rows have 3)")


def test_codes_are_a_block_s_cells_and_words_of_prose_a_note_s():
    # A currency of its own on one row is a code, a cell still; a phrase a line is prose, however
    # dated and numbered its lines.
    rows = [(n, f"AAPL.O,2024-01-0{n + 1},{currency},NASDAQ,18{n}.2", "footer")
            for n, currency in enumerate(("USD", "USD", "EUR"), start=1)]
    assert [n for n, _, _ in other_layout_rows(rows, _DIALECT, None, 3, False, _WHERE)] == [1, 2, 3]
    rows[2] = (3, "AAPL.O,2024-01-04,in euros,see note,183.2", "footer")  # no codes: two words of prose
    assert [n for n, _, _ in other_layout_rows(rows, _DIALECT, None, 3, False, _WHERE)] == [1, 2]
    notes = [(1, "Checked by,2024-01-02,the desk,1", "footer"), (2, "Signed off,2024-01-03,by ops,2", "footer")]
    assert other_layout_rows(notes, _DIALECT, None, 3, False, _WHERE) == []
    labels = [(1, "Report,2024-01-02,Version,3", "preamble"), (2, "Data as of,2024-01-03,Version,3", "preamble")]
    assert other_layout_rows(labels, _DIALECT, None, 3, False, _WHERE) == []


def test_a_dated_note_of_the_block_s_width_below_it_leaves_the_block_rejected():
    # The note reads as a row of more words than numbers, one of prose: the block above it is one still.
    lines = [(n, raw, "footer") for n, raw in enumerate(
        [f"{d},{1 + k},{2 + k},{3 + k}" for k, d in enumerate(_days("2023-06-01", 3))]
        + ["2023-06-09,Closing note,checked twice,1"], start=1)]
    found = other_layout_rows(lines, _DIALECT, None, 6, False, _WHERE)
    assert [n for n, _, _ in found] == [1, 2, 3]
    assert "a block of 3 such rows" in found[0][2]


def test_two_blocks_of_more_words_than_numbers_set_apart_by_a_blank_line_are_each_rejected():
    rows = [f"{ticker},{d},USD,NASDAQ,{185.2 + k}" for ticker in ("AAPL.O", "MSFT.O")
            for k, d in enumerate(_days("2023-06-01", 3))]
    lines = [(n, raw, "footer") for n, raw in enumerate(rows[:3] + [""] + rows[3:], start=1)]
    found = other_layout_rows(lines, _DIALECT, None, 6, False, _WHERE)
    assert [n for n, _, _ in found] == [1, 2, 3, 5, 6, 7]


def test_dated_notes_of_codes_and_a_count_stay_notes():
    # Labels in capitals and a page count, an id, a flag: codes that repeat down their column, but
    # no price among the numbers. Read as rows they were rejected as a table of another layout.
    for notes in (["AS OF,2024-01-05,PAGE,1", "AS OF,2024-01-08,PAGE,2"],
                  ["USD,2024-01-05,CLOSE,1", "USD,2024-01-08,CLOSE,2"],
                  ["FACTSET,2024-01-05,REPORT,ID,12345", "FACTSET,2024-01-08,REPORT,ID,12345"],
                  ["HOLIDAY,2024-01-15,NYSE,1", "HOLIDAY,2024-02-19,NYSE,1", "HOLIDAY,2024-03-29,NYSE,1"],
                  ["RUN,2024-02-01,OK,1200", "RUN,2024-02-02,OK,1201", "RUN,2024-02-05,FAILED,0"]):
        lines = [(n, raw, "preamble") for n, raw in enumerate(notes, start=1)]
        assert other_layout_rows(lines, _DIALECT, None, 6, False, _WHERE) == [], notes


def test_a_double_spaced_block_with_a_row_of_codes_among_its_rows_is_rejected_still():
    # The line of codes shares a day with a row, so the run is no block whole; split at its blank
    # lines first, the block fell into parts of one row each and all of it was passed over.
    rows = [f"{d},{1.5 + k},{2.5 + k},{1.0 + k},{2.0 + k}" for k, d in enumerate(_days("2023-06-01", 5))]
    rows.insert(3, f"{_days('2023-06-01', 3)[2]},DIV,USD,,0.24")
    lines = [line for n, raw in enumerate(rows) for line in ((2 * n + 1, raw, "footer"), (2 * n + 2, "", "blank"))]
    assert [n for n, _, _ in other_layout_rows(lines, _DIALECT, None, 6, False, _WHERE)] == [1, 3, 5, 9, 11]


def test_a_days_snapshot_of_several_tickers_above_the_table_is_rejected_not_dropped_as_preamble():
    # A scraper's snapshot (date, ticker, name, change, price, sector), all of one day and appended
    # twice, above a series of date,close: its rows shared a date, so were no block, and vanished as
    # preamble (csobreiro/Itisinvest historico.csv). One line repeated is no table still.
    snapshot = ["2026-02-07,NVDA,NVIDIA Corporation,7.87,185.41,Technology",
                '2026-02-07,TSLA,"Tesla, Inc.",3.5,411.11,Consumer Cyclical',
                "2026-02-07,AAPL,Apple Inc.,0.8,278.12,Technology"]
    series = "".join(f"{d.strftime('%d/%m/%Y')},{24.5 + k / 10}\n" for k, d in enumerate(_days("2026-02-09", 12)))
    data = ("data,ticker,nome,variacao,preco,setor\n" + "\n".join(snapshot * 2) + "\n" + series).encode()
    result = _read(data, "historico.csv")
    assert result.prices_arrow.num_rows == 12
    assert sorted(_rejected(result)) == list(range(2, 8))
    lines = [(n, snapshot[0], "preamble") for n in (1, 2)]
    assert other_layout_rows(lines, _DIALECT, None, 2, False, _WHERE) == []
