from datetime import date

import pytest

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
    # "Ticker" fits the tickers as written, "Close" the numbers shifted: no better as row names, but
    # both fit with the unnamed column between them (the dates).
    assert names_after_row_names(["Ticker", "Close"], [text, date_type, number]) == ["Ticker", "", "Close"]
    assert names_after_row_names(["Close", "Ticker"], [text, date_type, number]) is None  # no better anywhere
    assert names_after_row_names(["Date", "Close"], [number, date_type, number]) == ["", "Date", "Close"]
    assert names_after_row_names(["Date", "Close", "Volume"], [number, date_type, number]) is None  # not short


def test_a_name_over_an_empty_column_is_no_evidence():
    # A statement's label lines end with a stray delimiter: the second column never holds a value.
    lines = ['"Posting date from",', '"Posting date until",', '"Amount from",', '"Amount up to",']
    schema = detect_bytes(("\n".join(lines) + "\n").encode(), "statement.csv")
    assert schema.columns[0].name == "Posting date from"


# backtrader's datas/2006-01-02-volume-min-001.txt (5c110428): the header names the date and not the
# time written after it, one name short of every row.
BACKTRADER_MINUTES = ("Date,Open,High,Low,Close,Volume,OpenInterest\n"
                      "2006-01-02,09:01:00,3602.00,3603.00,3597.00,3599.00,5699,0\n"
                      "2006-01-02,09:02:00,3600.00,3601.00,3598.00,3599.00,894,0\n"
                      "2006-01-02,09:03:00,3599.00,3602.00,3598.00,3600.00,883,0\n"
                      "2006-01-02,09:04:00,3599.00,3599.00,3597.00,3597.00,726,0\n"
                      "2006-01-02,09:05:00,3597.00,3598.00,3596.00,3598.00,1085,0\n"
                      "2006-01-02,09:06:00,3598.00,3599.00,3597.00,3598.00,963,0\n")


def test_a_time_column_the_header_does_not_name_leaves_the_names_over_their_prices():
    # Read left to right, "Open" sat over the times and "Close" over the lows: every row rejected
    # for "high < low", as if the prices were damaged. The minutes are rejected as a day's bars.
    schema, result = _load(BACKTRADER_MINUTES.encode(), "2006-01-02-volume-min-001.txt")
    assert [c.canonical for c in schema.columns][:6] == ["date", None, "open", "high", "low", "close"]
    assert result.prices_arrow.num_rows == 0
    assert all(r.startswith("unnamed series") for r in result.rejected_arrow["reason"].to_pylist())


def test_daily_bars_with_an_unnamed_time_column_load_their_own_closes():
    # The same export's daily bars, each at midnight: read one column off, each bar's open stood as
    # its high and its high as its low, and every bar but a flat one was rejected (high < low).
    bars = [(10.0, 11.5, 9.5, 11.0), (11.0, 12.5, 10.5, 12.0), (12.0, 12.0, 12.0, 12.0),
            (12.0, 13.0, 11.5, 12.5), (12.5, 13.75, 12.25, 13.5), (13.5, 14.0, 13.0, 13.0)]
    lines = ["Date,Open,High,Low,Close,Volume,OpenInterest"]
    lines += [f"{d},00:00:00,{o},{h},{lo},{c},1000,0" for d, (o, h, lo, c) in zip(DAYS, bars)]
    schema, result = _load(("\n".join(lines) + "\n").encode(), "2006-day-001.txt")
    assert result.rejected_arrow.num_rows == 0
    assert result.prices_arrow["date"].to_pylist() == DAYS
    assert result.prices_arrow["close"].to_pylist() == [c for _, _, _, c in bars]
    assert result.prices_arrow["high"].to_pylist() == [h for _, h, _, _ in bars]


def test_a_delimiter_ending_every_line_the_headers_too_shifts_no_name():
    # The header is as wide as its rows, its last cell empty like theirs: short of nothing. Shifted,
    # "account" named the zip codes and "opened" the balances.
    text = ("account,zip,holder,opened,balance,\n"
            '00005514,02139,D. Müller,2021-07-30,"127,243.60",\n35506468,10001,A. Smith,2022-04-17,"90,817.91",\n'
            '00166827,94105,B. Jones,2020-07-19,"196,881.03",\n87439875,07030,C. Nguyen,2018-11-14,"5,772.77",\n'
            '00438693,60601,B. Jones,2019-03-09,"76,751.98",\n')
    schema = detect_bytes(text.encode(), "accounts.csv")
    assert [(c.name, c.type) for c in schema.columns][:5] == [
        ("account", "string"), ("zip", "string"), ("holder", "string"), ("opened", "date"), ("balance", "float")]


def test_numbered_lines_ending_in_a_stray_delimiter_under_a_header_one_name_short():
    # Every line, the header's too, ends in ';': the header was two short of the rows and kept as
    # written, "Date" over the row numbers, every row rejected (high < low).
    lines = ["Date;Open;High;Low;Close;Volume;"]
    lines += [f"{k};{d};10,{k};11,{k};9,{k};10,{k + 1};{k * 100};" for k, d in enumerate(DAYS, 1)]
    schema, result = _load(("\n".join(lines) + "\n").encode(), "SPY.csv")
    assert [c.canonical for c in schema.columns][:7] == [None, "date", "open", "high", "low", "close", "volume"]
    assert result.rejected_arrow.num_rows == 0
    assert result.prices_arrow["close"].to_pylist() == [10 + (k + 1) / 10 for k in range(1, 7)]


@pytest.mark.parametrize("text", [
    # R's mtcars by write.table: quoted, space-separated; and a genes-by-samples matrix, tab, unquoted.
    '"mpg" "cyl" "disp" "hp"\n"Mazda RX4" 21 6 160 110\n"Datsun 710" 22.8 4 108 93\n"Valiant" 18.1 6 225 105\n',
    "T1 vs T2\tT1 vs T3\ngene103\tNA\t0.87\ngene1054\t5.1\tNA\ngene10305\t-1.85\t-1.94\n",
])
def test_names_that_fit_nothing_go_over_the_columns_after_r_row_names(text):
    names = [c.name for c in detect_bytes(text.encode(), "table.txt").columns]
    assert names[0] == "column_1" and names[1] in ("mpg", "T1 vs T2")


@pytest.mark.parametrize("text", [
    "name,age\nBob,23,Paris\nAnn,31,Rome\nJoe,40,Oslo\n",  # text past the names: the last one unnamed
    "cat,x,y\nA,1,2,3\nA,4,5,6\nB,7,8,9\n",  # labels repeat: no row names
    "id,score\n7,1.5,2\n3,1.7,8\n9,1.1,9\n",  # numbers, not the rows' own 1, 2, 3
])
def test_names_that_fit_nothing_stay_as_written_over_other_first_columns(text):
    assert [c.name for c in detect_bytes(text.encode(), "table.csv").columns][0] != "column_1"
