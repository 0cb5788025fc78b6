"""Cells that hold no value: a formula's error ("#DIV/0!"), an infinity, "NaN". Each breaks its own
row at most, never its column's reading (an open filled from the close, a volume or a ticker's
closes lost without a word)."""

import pytest

from backintime_assets.detection.columns import infer_column_type
from backintime_assets.detection.detect import detect_bytes
from backintime_assets.normalisation.normalise import normalise_bytes


def run(text: str, name: str):
    data = text.encode()
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


def reasons(out):
    rejected = out.rejected_arrow
    return dict(zip(rejected.column("source_line").to_pylist(), rejected.column("reason").to_pylist()))


@pytest.mark.parametrize("broken", ["#VALUE!", "#DIV/0!", "inf", "-Infinity"])
def test_a_currency_open_with_broken_cells_is_read_not_filled_from_the_close(broken):
    text = ("Ticker,Date,Open,High,Low,Close,Volume\n"
            "ACME,2023-11-22,USD 254.33,USD 255.15,USD 247.86,USD 250.26,7416248\n"
            f"ACME,2023-11-23,{broken},USD 256.64,USD 248.87,USD 254.23,6348809\n"
            "ACME,2023-11-24,USD 255.91,USD 257.44,USD 251.64,USD 252.30,7726988\n"
            "ACME,2023-11-27,USD 251.63,USD 252.22,USD 249.45,USD 251.76,4666530\n"
            f"ACME,2023-11-28,{broken},USD 253.49,USD 248.59,USD 250.27,3369661\n"
            "ACME,2023-11-29,USD 248.00,USD 248.67,USD 245.83,USD 247.92,766558\n")
    schema, out = run(text, "export.csv")
    assert {c.name: c.canonical for c in schema.columns}["Open"] == "open"
    prices = out.prices_arrow.to_pydict()
    assert prices["open"] == [254.33, 255.91, 251.63, 248.00]  # each row's own open, none its close
    assert reasons(out) == {3: "unparseable value: open", 6: "unparseable value: open"}


def test_a_wide_table_keeps_the_closes_of_a_ticker_with_a_broken_cell():
    text = ("Date,ACME Close,PENNY Close,BRKA Close\n"
            "2023-04-05,136.25,0.000607,244657.52\n2023-04-06,133.38,0.000622,241718.01\n"
            "2023-04-07,130.38,0.000617,243011.64\n2023-04-10,131.76,0.000618,#DIV/0!\n"
            "2023-04-11,130.75,0.000633,242942.62\n2023-04-12,#DIV/0!,0.000627,243036.76\n")
    _, out = run(text, "closes.csv")
    prices = out.prices_arrow.to_pydict()
    by_ticker = {t: prices["ticker"].count(t) for t in set(prices["ticker"])}
    assert by_ticker == {"ACME": 5, "PENNY": 6, "BRKA": 5}  # ACME's and BRKA's closes had been lost, unsaid
    assert sorted(reasons(out).values()) == ["ACME: unparseable value: close", "BRKA: unparseable value: close"]


def test_bloombergs_px_volume_with_na_cells_is_the_volume():
    text = ("Date,PX_OPEN,PX_HIGH,PX_LOW,PX_LAST,PX_VOLUME,Trades\n"
            "2023-11-22,254.33,255.15,247.86,250.26,7416248,200\n"
            "2023-11-23,250.11,256.64,248.87,254.23,#N/A Field Not Applicable,171\n"
            "2023-11-24,255.91,257.44,251.64,252.30,7726988,208\n"
            "2023-11-27,251.63,252.22,249.45,251.76,#VALUE!,126\n"
            "2023-11-28,252.54,253.49,248.59,250.27,3369661,91\n")
    _, out = run(text, "ACME.csv")
    # Mapped (it had stayed unmapped, every volume lost); a broken cell's row rejected with its reason.
    assert out.prices_arrow.column("volume").to_pylist() == [7416248.0, 7726988.0, 3369661.0]
    assert reasons(out) == {3: "unparseable value: volume", 5: "unparseable value: volume"}


@pytest.mark.parametrize("nan", ["NaN", "nan", "NAN"])
def test_nan_is_a_missing_volume_on_the_fast_path_too(nan):
    rows = [f"2023-04-{d:02d},10.{d},10.9,9.9,10.{d},{nan if d in (5, 11) else 1000 + d}"
            for d in (3, 4, 5, 6, 10, 11, 12)]
    _, out = run("Date,Open,High,Low,Close,Volume\n" + "\n".join(rows) + "\n", "ACME.csv")
    assert out.reader == "pyarrow"  # typed by pyarrow, which reads "NaN" as a float NaN, not a null
    assert out.rejected_arrow.num_rows == 0
    assert out.prices_arrow.column("volume").to_pylist() == [1003.0, 1004.0, None, 1006.0, 1010.0, None, 1012.0]


def test_error_cells_tell_no_type_and_marked_numbers_keep_their_reading():
    t = infer_column_type(["$1.50", "#DIV/0!", "$1.52", "$1.49", "inf"], "Open", ".", None)
    assert (t.type, t.format) == ("float", "currency")
    # Words among amounts (no error, no null): text, read through its mostly-currency `alt` when named so.
    t = infer_column_type(["USD 1.50", "USD 1.52", "halted", "USD 1.49", "USD 1.51", "USD 1.55", "halted"],
                          "Open", ".", None)
    assert t.type == "string" and (t.alt.type, t.alt.format) == ("float", "currency")


def test_an_adjusted_only_file_is_refused_naming_its_adjusted_close():
    # No close but an adjusted one: refused as before, its reason now saying what the file holds and
    # how to load it (it had said only "no close column").
    text = ("Date,Open,High,Low,Adj Close,Volume\n2023-04-05,136.27,137.29,135.99,132.16,8548379\n"
            "2023-04-06,135.79,136.77,132.06,129.38,7874671\n2023-04-10,133.04,134.08,130.10,126.47,167887\n")
    _, out = run(text, "ACME.csv")
    assert out.prices_arrow.num_rows == 0
    assert out.file_problem.startswith("no close column (only an adjusted close, 'Adj Close'")
    assert out.rejected_arrow.num_rows == 3


def test_a_row_of_error_cells_is_no_header():
    # "2023-11-23;#DIV/0!;#DIV/0!;250.007,06" reads as words and a number: it had been taken for the
    # header (the real one for a title), its cells the column names, and the file refused "no close column".
    text = ("Date;ACME Close;PENNY Close;BRKA Close\n2023-11-22;250,26;0,000786;#DIV/0!\n"
            "2023-11-23;#DIV/0!;#DIV/0!;250.007,06\n2023-11-24;252,30;#DIV/0!;248.197,42\n"
            "2023-11-27;251,76;0,000797;#DIV/0!\n2023-11-28;250,27;0,000797;238.857,23\n"
            "2023-11-29;247,92;0,000795;#DIV/0!\n2023-11-30;248,08;0,000789;236.723,39\n")
    schema, out = run(text, "closes.csv")
    assert schema.header_row == 0
    assert out.prices_arrow.num_rows == 15 and out.rejected_arrow.num_rows == 6
    assert set(out.prices_arrow["ticker"].to_pylist()) == {"ACME", "PENNY", "BRKA"}
    assert 250007.06 in out.prices_arrow["close"].to_pylist()


def test_dot_grouped_volumes_with_error_cells_are_still_the_volume():
    # A decimal-comma file grouping its prices by spaces and its volumes by dots: an "#DIV/0!" among
    # the volumes had left the column text, unmapped, every row loaded without its volume unsaid.
    text = ("Date;Close;Volume\n08.09.2023;1 234,58;4.243.920\n11.09.2023;1 235,90;#DIV/0!\n"
            "12.09.2023;1 234,81;2.658.292\n13.09.2023;1 235,95;12.230.138\n14.09.2023;1 236,04;8.405.907\n")
    _, out = run(text, "ACME.csv")
    assert out.prices_arrow.column("volume").to_pylist() == [4243920.0, 2658292.0, 12230138.0, 8405907.0]
    assert reasons(out) == {3: "unparseable value: volume"}


def test_a_column_of_nothing_but_errors_is_no_column_not_every_rows_rejection():
    # Bloomberg writes "#N/A Field Not Applicable" down an index's PX_VOLUME (named a volume since this
    # round), a sheet "#VALUE!" down an open: typed as a column never seen, each was mapped by its name
    # and every row rejected "unparseable value". As a column of "#N/A" does, they load no volume, and
    # the open, high and low are the close's.
    index = ("Date,PX_OPEN,PX_HIGH,PX_LOW,PX_LAST,PX_VOLUME\n"
             "2023-11-22,4553.04,4568.43,4545.05,4556.62,#N/A Field Not Applicable\n"
             "2023-11-24,4555.84,4560.31,4552.80,4559.34,#N/A Field Not Applicable\n"
             "2023-11-27,4554.86,4560.52,4546.32,4550.43,#N/A Field Not Applicable\n"
             "2023-11-28,4545.55,4568.14,4540.51,4554.89,#N/A Field Not Applicable\n"
             "2023-11-29,4571.84,4587.64,4547.15,4550.58,#N/A Field Not Applicable\n")
    schema, out = run(index, "SPX.csv")
    assert {c.name: c.canonical for c in schema.columns}["PX_VOLUME"] is None
    prices = out.prices_arrow.to_pydict()
    assert prices["close"] == [4556.62, 4559.34, 4550.43, 4554.89, 4550.58]
    assert prices["volume"] == [None] * 5 and out.rejected_arrow.num_rows == 0
    opens = ("Date,Open,High,Low,Close,Volume\n"
             + "".join(f"2023-11-{d},#VALUE!,#VALUE!,#VALUE!,25{k}.5,{1000 + k}\n"
                       for k, d in enumerate((22, 24, 27, 28, 29))))
    schema, out = run(opens, "ACME.csv")
    assert {c.name: c.canonical for c in schema.columns}["Open"] is None
    assert out.prices_arrow.to_pydict()["open"] == [250.5, 251.5, 252.5, 253.5, 254.5]
    assert out.rejected_arrow.num_rows == 0
