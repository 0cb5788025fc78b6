"""A file whose header names its ticker, with other tickers' tables stacked below detection's sample."""
import collections
from datetime import date, timedelta

import numpy as np
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.stacked_tables import Table, tickers_of_rows


def _weekdays(start: date, n: int) -> list[str]:
    days, day = [], start
    while len(days) < n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day.isoformat())
    return days


def _yfinance(ticker: str, start: date, n: int) -> str:
    rows = "".join(f"{d},{100 + k % 50}.25,{101 + k % 50}.5,{99 + k % 50}.75,{100 + k % 50}.0,{1000 + k}\n"
                   for k, d in enumerate(_weekdays(start, n)))
    return f"Price,Close,High,Low,Open,Volume\nTicker,{ticker},{ticker},{ticker},{ticker},{ticker}\nDate,,,,,\n{rows}"


def _bloomberg(ticker: str, start: date, n: int) -> str:
    rows = "".join(f"{d},{100 + k % 50}.25,{1000 + k}\n" for k, d in enumerate(_weekdays(start, n)))
    return f"{ticker} US Equity\nDate,PX_LAST,PX_VOLUME\n{rows}"


@pytest.mark.parametrize("table", [_yfinance, _bloomberg])
def test_tables_stacked_beyond_the_sample_load_each_under_its_own_ticker(table):
    # A long sheet of AAPL, then MSFT, then GOOG, each under its own header: detection's head and
    # tail show only AAPL's label; MSFT's and GOOG's 2,000 rows loaded as AAPL's, then all 5,000
    # under the file's name (one made-up security jumping between three).
    text = (table("AAPL", date(1990, 1, 1), 3000) + "\n" + table("MSFT", date(2005, 1, 1), 1000) + "\n"
            + table("GOOG", date(2010, 1, 1), 1000))
    data = text.encode()
    assert len(data) > 100_000 and text.index("MSFT") > 64 * 1024
    schema = detect_bytes(data, "prices.csv")
    out = normalise_bytes(data, schema, "prices.csv")
    suffix = " US EQUITY" if table is _bloomberg else ""
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {
        "AAPL" + suffix: 3000, "MSFT" + suffix: 1000, "GOOG" + suffix: 1000}
    assert out.prices_arrow.num_rows + out.rejected_arrow.num_rows == out.rows_read


def test_stacked_tables_whose_dates_overlap_load_each_under_its_own_ticker_not_as_several_series():
    # Under one name, two securities' rows of the same days were rejected as "unnamed series".
    text = _yfinance("AAPL", date(2000, 1, 1), 3000) + _yfinance("MSFT", date(2000, 1, 1), 3000)
    data = text.encode()
    out = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {"AAPL": 3000, "MSFT": 3000}
    assert out.rejected_arrow.num_rows == 3  # MSFT's header's three lines


def test_a_table_under_a_plain_repeat_of_the_header_keeps_the_files_name():
    # Nothing tells the second table's security: the file's name, as a file whose header names none.
    text = _bloomberg("AAPL", date(1990, 1, 1), 3500) + "Date,PX_LAST,PX_VOLUME\n" + "".join(
        f"{d},{50 + k % 7}.5,{k}\n" for k, d in enumerate(_weekdays(date(2005, 1, 1), 2000)))
    data = text.encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.ticker == "AAPL US Equity"
    out = normalise_bytes(data, schema, "prices.csv")
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {"AAPL US EQUITY": 3500, "PRICES": 2000}


def test_a_plain_repeat_of_the_header_in_a_file_a_site_names_keeps_the_labels_ticker():
    # "export.csv" names no instrument: the label over the first header is the rows' only name. The
    # rows under a repeat of the header (two exports joined) had loaded as security "EXPORT".
    rows = [f"{d},{100 + k}.5,{101 + k}.0,{99 + k}.0,{100 + k}.25,{1000 + k}\n"
            for k, d in enumerate(_weekdays(date(2024, 1, 1), 6))]
    header = "Date,Open,High,Low,Close,Volume\n"
    data = ("Symbol: ACME\n\n" + header + "".join(rows[:3]) + header + "".join(rows[3:])).encode()
    out = normalise_bytes(data, detect_bytes(data, "export.csv"), "export.csv")
    assert out.prices_arrow["ticker"].to_pylist() == ["ACME"] * 6
    assert out.prices_arrow["close"].to_pylist() == [100.25, 101.25, 102.25, 103.25, 104.25, 105.25]
    assert out.rejected_arrow["reason"].to_pylist() == ["a repeat of the header line (files joined into one?)"]


def test_a_plain_repeat_in_a_file_a_site_names_keeps_the_ticker_of_the_table_above_it():
    # ACME's table, BETA's under its own label, then a plain repeat of the header: BETA's export
    # pasted below, not ACME's (its row had loaded as ACME's). Under a title read as no label ("BETA"
    # alone), nothing says whose: the file's name, as before a label's ticker was kept at all.
    rows = [f"{d},{100 + k}.5,{101 + k}.0,{99 + k}.0,{100 + k}.25,{1000 + k}\n"
            for k, d in enumerate(_weekdays(date(2024, 1, 1), 6))]
    header = "Date,Open,High,Low,Close,Volume\n"
    data = ("Symbol: ACME\n" + header + "".join(rows[:2]) + "Symbol: BETA\n" + header + "".join(rows[2:4])
            + header + "".join(rows[4:])).encode()
    out = normalise_bytes(data, detect_bytes(data, "export.csv"), "export.csv")
    assert out.prices_arrow["ticker"].to_pylist() == ["ACME"] * 2 + ["BETA"] * 4
    assert out.prices_arrow["close"].to_pylist() == [100.25, 101.25, 102.25, 103.25, 104.25, 105.25]
    titled = ("Symbol: ACME\n" + header + "".join(rows[:3]) + "\nBETA\n" + header + "".join(rows[3:])).encode()
    out = normalise_bytes(titled, detect_bytes(titled, "export.csv"), "export.csv")
    assert out.prices_arrow["ticker"].to_pylist() == ["ACME"] * 3 + ["EXPORT"] * 3
    assert dict(zip(out.rejected_arrow["source_line"].to_pylist(), out.rejected_arrow["reason"].to_pylist())) == {
        7: "wrong field count: expected 6, got 1", 8: "a repeat of the header line (files joined into one?)"}


def test_a_repeat_of_one_tickers_flat_header_keeps_its_ticker():
    # quantmod's SPY written twice, header and all: the rows below the repeat loaded under the file's
    # name (ETFS), as though the header named no ticker; it names SPY as the first one does.
    header = "Index,SPY.Open,SPY.High,SPY.Low,SPY.Close,SPY.Volume\n"
    rows = [f"{d},{100 + k % 50}.25,{101 + k % 50}.5,{99 + k % 50}.75,{100 + k % 50}.0,{1000 + k}\n"
            for k, d in enumerate(_weekdays(date(2010, 1, 1), 60))]
    data = (header + "".join(rows[:30]) + header + "".join(rows[30:])).encode()
    schema = detect_bytes(data, "etfs.csv")
    assert schema.ticker == "SPY"
    out = normalise_bytes(data, schema, "etfs.csv")
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {"SPY": 60}
    assert out.prices_arrow.num_rows + out.rejected_arrow.num_rows == out.rows_read


def test_a_security_stacked_twice_loads_under_its_label_both_times():
    text = _bloomberg("AAPL", date(1990, 1, 1), 3500) + _bloomberg("AAPL", date(2005, 1, 1), 2000)
    data = text.encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.ticker == "AAPL US Equity"
    out = normalise_bytes(data, schema, "prices.csv")
    assert set(out.prices_arrow["ticker"].to_pylist()) == {"AAPL US EQUITY"} and out.prices_arrow.num_rows == 5500


def test_one_long_table_under_its_ticker_loads_as_that_ticker():
    data = _yfinance("AAPL", date(1990, 1, 1), 5000).encode()
    out = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert set(out.prices_arrow["ticker"].to_pylist()) == {"AAPL"} and out.prices_arrow.num_rows == 5000


@pytest.mark.parametrize("missing", ["NULL", "NA", "N/A"])
def test_a_dateless_row_of_missing_values_names_no_table_below_it(missing):
    # ",NULL,NULL,NULL,NULL,NULL" reads as a ticker row of no name (pandas' way): AAPL's last 1000
    # rows loaded as security "NULL"'s. It is a damaged row: rejected, and AAPL's rows stay AAPL's.
    text = (_yfinance("AAPL", date(1990, 1, 1), 3000) + ("," + missing) * 5 + "\n"
            + _yfinance("AAPL", date(2003, 1, 1), 1000).split("Date,,,,,\n")[1])
    data = text.encode()
    out = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {"AAPL": 4000}
    assert out.rejected_arrow.num_rows == 1 and out.rows_read == 4001


@pytest.mark.parametrize("table", [_yfinance, _bloomberg])
def test_short_stacked_tables_inside_detections_sample_load_each_under_its_own_ticker(table):
    # Three downloads of a month pasted one below the other: detection saw the header recur and
    # named no ticker, so every row was the file's: the overlapping days rejected as unnamed series.
    text = "\n".join(table(t, date(2024, 1, 1), 30) for t in ("AAPL", "MSFT", "NVDA"))
    data = text.encode()
    out = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    suffix = " US EQUITY" if table is _bloomberg else ""
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {
        t + suffix: 30 for t in ("AAPL", "MSFT", "NVDA")}


def test_a_tables_ticker_ends_with_its_workbook_sheet():
    # Rows 1-9 of sheet 0 (base 0) and of sheet 1 (base 100): MSFT's header on sheet 0's line 5
    # names sheet 0's rows below it, not sheet 1's, which are their own header's (GOOG).
    lines = np.array([2, 3, 6, 7, 102, 103])
    first = np.array(["AAPL", "AAPL", "AAPL", "AAPL", "GOOG", "GOOG"], dtype=object)
    named = tickers_of_rows([Table(5, "MSFT")], lines, first, "PRICES", str, np.array([0, 100]))
    assert named.tolist() == ["AAPL", "AAPL", "MSFT", "MSFT", "GOOG", "GOOG"]
    assert tickers_of_rows([Table(5, None)], lines, "AAPL", "PRICES", str).tolist() == [
        "AAPL", "AAPL", "PRICES", "PRICES", "PRICES", "PRICES"]
    # On a workbook of a security per sheet, a plain repeat of a sheet's header keeps its ticker.
    assert tickers_of_rows([Table(5, None)], lines, first, first, str, np.array([0, 100])).tolist() == first.tolist()


def test_a_stacked_table_under_its_fields_in_another_order_is_rejected_not_read_in_the_firsts():
    # MSFT's table written "Date,PX_VOLUME,PX_LAST": its volumes loaded as MSFT's closes.
    msft = _bloomberg("MSFT", date(2010, 1, 1), 300).replace("Date,PX_LAST,PX_VOLUME", "Date,PX_VOLUME,PX_LAST")
    msft = "\n".join(f"{c[0]},{c[2]},{c[1]}" if len(c) == 3 and c[0][:1].isdigit() else line
                      for line in msft.splitlines() for c in [line.split(",")]) + "\n"
    data = (_bloomberg("AAPL", date(1990, 1, 1), 4000) + msft).encode()
    out = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {"AAPL US EQUITY": 4000}
    reasons = out.rejected_arrow["reason"].to_pylist()
    assert sum(r.startswith("below line 4004, whose header names the columns in another order") for r in reasons) == 300


def test_a_cut_last_row_stays_rejected_when_the_tables_are_judged_again_by_their_own_tickers():
    # A file cut inside its last volume (1999 -> 19), no line break after it: the first judgment refused
    # the row, and judging the stacked tables again by their headers' tickers had loaded it, volume 19.
    text = (_bloomberg("AAPL", date(1990, 1, 1), 3000) + "\n" + _bloomberg("MSFT", date(2005, 1, 1), 1000))
    text = text[:-3]
    assert text.endswith(",19")
    data = text.encode()
    out = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert collections.Counter(out.prices_arrow["ticker"].to_pylist()) == {
        "AAPL US EQUITY": 3000, "MSFT US EQUITY": 999}
    assert out.rejected_arrow.filter(
        np.array([r.startswith("truncated") for r in out.rejected_arrow["reason"].to_pylist()])).num_rows == 1
