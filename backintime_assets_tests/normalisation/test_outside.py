"""Lines that detection put outside the table (preamble, header, footer) but that read as price rows
are rejected with the reason, never skipped unseen."""
import io
from dataclasses import replace
from datetime import datetime

import openpyxl

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.shared_layouts import holds_on_whole_file
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.group import normalise_group

ROWS = [f"2021-03-0{d},AAPL,10,12,9,11,100" for d in range(1, 6)]
TABLE = "Date,Ticker,Open,High,Low,Close,Volume\n" + "\n".join(ROWS) + "\n"


def _read(text: str, **wrong):
    """`text` read with its own detection, then with `wrong` fields of the schema (a detection error)."""
    data = text.encode()
    schema = replace(detect_bytes(data, "a.csv"), **wrong)
    result = normalise_bytes(data, schema, "a.csv")
    assert result.rows_read == result.prices_arrow.num_rows + result.rejected_arrow.num_rows
    return result


def _rejected(result) -> dict[int, str]:
    return dict(zip(result.rejected_arrow["source_line"].to_pylist(), result.rejected_arrow["reason"].to_pylist()))


def _kinds(result) -> dict[int, str]:
    return dict(zip(result.non_data_arrow["source_line"].to_pylist(), result.non_data_arrow["reason"].to_pylist()))


def test_data_rows_taken_for_a_footer_are_rejected_with_where_they_were():
    result = _read(TABLE + "Total,,,,,,500\n", footer_lines=3)
    assert result.prices_arrow["source_line"].to_pylist() == [2, 3, 4]
    assert result.rows_read == 5
    reasons = _rejected(result)
    assert sorted(reasons) == [5, 6]
    assert all(r.startswith("outside the table: a footer line that reads as a price row") for r in reasons.values())
    assert _kinds(result) == {1: "header", 7: "footer"}  # the totals line stays a footer


def test_a_data_row_taken_for_the_header_and_rows_taken_for_preamble_are_rejected():
    result = _read(TABLE, header_row=3, data_start_line=4)
    assert result.prices_arrow["source_line"].to_pylist() == [5, 6]
    reasons = _rejected(result)
    assert sorted(reasons) == [2, 3, 4]
    assert reasons[2].startswith("outside the table: a preamble line")
    assert reasons[4].startswith("outside the table: a header line")
    assert _kinds(result) == {1: "preamble"}


def test_a_row_outside_the_table_with_bad_values_is_still_rejected_as_outside():
    result = _read(TABLE + "2021-03-08,AAPL,10,8,9,11,100\n", footer_lines=1)  # high below low
    assert _rejected(result)[7].startswith("outside the table: a footer line")


def test_a_file_whose_every_row_was_taken_for_preamble_says_so():
    result = _read(TABLE, data_start_line=6, footer_lines=0)  # the table region holds nothing
    assert result.prices_arrow.num_rows == 0
    assert result.file_problem == "no data rows"
    assert sorted(_rejected(result)) == [2, 3, 4, 5, 6]


def test_notes_totals_and_headers_outside_the_table_stay_non_data():
    text = ("Prices exported 2021-03-06 by desk 4\nAccount,12345\n" + TABLE
            + "TOTAL,,,,,,500\nTotal,AAPL,,,,55,500\n2021-03-05,Closing note: checked,,,,,\n")
    result = _read(text, footer_lines=3)
    assert result.prices_arrow.num_rows == 5 and result.rejected_arrow.num_rows == 0
    assert set(_kinds(result).values()) == {"preamble", "header", "footer"}


def test_quoted_and_semicolon_rows_outside_the_table_are_read_with_the_file_s_dialect():
    text = 'Date;Ticker;Close\n"2021-03-01";"AAPL";"11,5"\n"2021-03-02";"AAPL";"11,7"\n"2021-03-03";"AAPL";"11,9"\n'
    result = _read(text, footer_lines=1)
    assert list(_rejected(result)) == [4]
    assert result.prices_arrow["close"].to_pylist() == [11.5, 11.7]


def test_a_group_with_a_row_outside_a_file_s_table_is_left_to_normalise_bytes():
    schema = replace(detect_bytes(TABLE.encode(), "a.csv"), footer_lines=1)
    with_totals = (TABLE + "TOTAL,,,,,,500\n").encode()
    assert normalise_group([with_totals, with_totals], schema, ["a.csv", "b.csv"]) is not None
    assert normalise_group([with_totals, TABLE.encode()], schema, ["a.csv", "b.csv"]) is None


def test_a_borrowed_schema_whose_footer_holds_a_row_of_the_file_does_not_hold():
    schema = replace(detect_bytes(TABLE.encode(), "a.csv"), footer_lines=1, borrowed_from="lender.csv")
    assert holds_on_whole_file(normalise_bytes((TABLE + "TOTAL,,,,,,500\n").encode(), schema, "b.csv"))
    assert not holds_on_whole_file(normalise_bytes(TABLE.encode(), schema, "b.csv"))


def test_a_workbook_row_taken_for_a_footer_is_rejected():
    book = openpyxl.Workbook()
    book.active.append(["Date", "Symbol", "Open", "High", "Low", "Close"])
    for day in (2, 3, 6):
        book.active.append([datetime(2020, 1, day), "AAPL", 74.5, 75.1, 73.8, 75.0])
    buf = io.BytesIO()
    book.save(buf)
    schema = detect_bytes(buf.getvalue(), "a.xlsx")
    result = normalise_bytes(buf.getvalue(), replace(schema, footer_lines=1), "a.xlsx")
    assert result.prices_arrow.num_rows == 2
    assert list(_rejected(result)) == [4]


def test_a_workbook_row_with_empty_trailing_cells_taken_for_a_footer_is_rejected():
    # The sheet reader drops a row's trailing empty cells (a day without volume); the table pads
    # them back, so the row outside the table must be read padded too, or it vanishes unseen.
    book = openpyxl.Workbook()
    book.active.append(["Date", "Symbol", "Close", "Volume"])
    for day, volume in ((2, 100), (3, 100), (6, None), (7, None)):
        book.active.append([datetime(2020, 1, day), "AAPL", 75.0 + day, volume])
    buf = io.BytesIO()
    book.save(buf)
    schema = detect_bytes(buf.getvalue(), "a.xlsx")
    result = normalise_bytes(buf.getvalue(), replace(schema, footer_lines=2), "a.xlsx")
    assert result.prices_arrow["source_line"].to_pylist() == [2, 3]
    assert result.rows_read == 4
    reasons = _rejected(result)
    assert sorted(reasons) == [4, 5] and all(r.startswith("outside the table: a footer") for r in reasons.values())
    assert result.rejected_arrow["raw"].to_pylist() == ["2020-01-06,AAPL,81", "2020-01-07,AAPL,82"]


def test_a_row_outside_with_a_date_and_a_close_but_an_empty_open_or_a_bad_volume_is_rejected():
    # In the table these rows are counted ("missing value: open", "unparseable value: volume"):
    # outside it, a row that reads a date and a close must not vanish either.
    text = ("Date,Ticker,Open,Close,Volume\n" + "".join(f"2021-03-0{d},AAPL,10,11,100\n" for d in (1, 2, 3))
            + "2021-03-04,AAPL,,11,100\n2021-03-05,AAPL,10,11,n.v.\n")
    result = _read(text, footer_lines=2)
    assert result.rows_read == 5
    reasons = _rejected(result)
    assert sorted(reasons) == [5, 6] and all(r.startswith("outside the table: a footer") for r in reasons.values())


def test_a_header_that_runs_into_the_first_row_has_that_row_rejected_not_lost():
    # cophieu68's Metastock export misses the line break after its header: read as the header (its
    # last name "<Volume>AAA"), the file's first row, its newest day, vanished without a word.
    rows = [f"AAA,2026100{d},7.5,7.6,7.4,7.5,10000{d}" for d in (5, 2, 1)]
    result = _read("<Ticker>,<DTYYYYMMDD>,<Open>,<High>,<Low>,<Close>,<Volume>" + "\n".join(rows) + "\n")
    assert result.prices_arrow["source_line"].to_pylist() == [2, 3]
    assert _rejected(result) == {1: "outside the table: a header line that runs into a price row"
                                    " (a line break missing after the header's last name)"}
    assert _kinds(result) == {}


def test_a_header_whose_last_name_is_bracketed_text_stays_the_header():
    result = _read("<Ticker>,<Date>,<Close>,<Vol>\nAAA,20261005,7.5,100\nAAA,20261002,7.4,200\n")
    assert _rejected(result) == {} and _kinds(result) == {1: "header"}
