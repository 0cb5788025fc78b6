from datetime import date

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.columns import ColumnType
from backintime_assets.detection.row_names import names_after_row_names
from backintime_assets.normalisation import normalise_bytes

DAYS = [date(2024, 1, d) for d in (2, 3, 4, 5, 8, 9)]


def _load(data: bytes, name: str):
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


def test_r_write_table_rows_lead_with_their_row_names():
    # R's write.table: quoted row names, no name over them, space-separated.
    lines = ['"Date" "Open" "High" "Low" "Close" "Volume"']
    lines += [f'"{k}" "{d}" {10 + k}.5 {12 + k}.25 {9 + k}.75 {11 + k}.5 {k * 100}' for k, d in enumerate(DAYS, 1)]
    schema, result = _load(("\n".join(lines) + "\n").encode(), "SPY.txt")
    assert [c.canonical for c in schema.columns] == [None, "date", "open", "high", "low", "close", "volume"]
    prices = result.prices_arrow
    assert result.rejected_arrow.num_rows == 0
    assert prices["date"].to_pylist() == DAYS
    assert prices["close"].to_pylist() == [11 + k + 0.5 for k in range(1, 7)]
    assert prices["low"].to_pylist() == [9 + k + 0.75 for k in range(1, 7)]
    assert prices["volume"].to_pylist() == [k * 100 for k in range(1, 7)]


def test_numbered_lines_under_a_header_one_name_short():
    lines = ["Date,Close,Volume"] + [f"{k},{d:%d/%m/%Y},{100 + k}.5,{k * 10}" for k, d in enumerate(DAYS)]
    schema, result = _load(("\n".join(lines) + "\n").encode(), "fund.csv")
    assert [c.name for c in schema.columns] == ["column_1", "Date", "Close", "Volume"]
    assert result.prices_arrow["date"].to_pylist() == DAYS
    assert result.prices_arrow["close"].to_pylist() == [100 + k + 0.5 for k in range(6)]


def test_rows_ending_in_a_stray_delimiter_keep_the_names_as_written():
    lines = ["Date,Open,High,Low,Close,Volume"]
    lines += [f"{d},{10 + k}.5,{12 + k}.25,{9 + k}.75,{11 + k}.5,{k * 100}," for k, d in enumerate(DAYS, 1)]
    schema, result = _load(("\n".join(lines) + "\n").encode(), "AAPL.csv")
    assert [c.canonical for c in schema.columns][:6] == ["date", "open", "high", "low", "close", "volume"]
    assert result.prices_arrow["close"].to_pylist() == [11 + k + 0.5 for k in range(1, 7)]


def test_names_that_fit_as_well_either_way_stay_as_written():
    date_type, number = ColumnType("date", "%Y-%m-%d", 1.0), ColumnType("float", None, 1.0)
    text = ColumnType("string", None, 1.0)
    # "Ticker" fits the tickers as written, "Close" the numbers shifted: no better either way.
    assert names_after_row_names(["Ticker", "Close"], [text, date_type, number]) is None
    assert names_after_row_names(["Date", "Close"], [number, date_type, number]) == ["", "Date", "Close"]
    assert names_after_row_names(["Date", "Close", "Volume"], [number, date_type, number]) is None  # not short


def test_a_name_over_an_empty_column_is_no_evidence():
    # A statement's label lines end with a stray delimiter: the second column never holds a value.
    lines = ['"Posting date from",', '"Posting date until",', '"Amount from",', '"Amount up to",']
    schema = detect_bytes(("\n".join(lines) + "\n").encode(), "statement.csv")
    assert schema.columns[0].name == "Posting date from"
