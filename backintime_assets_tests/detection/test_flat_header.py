import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.canonical import SIDE_BY_SIDE
from backintime_assets.detection.columns import ColumnType
from backintime_assets.detection.flat_header import split_cell, split_header

D = ColumnType("date", "%Y-%m-%d", 1.0)
F = ColumnType("float", None, 1.0)
N = ColumnType("integer", None, 1.0)


@pytest.mark.parametrize(("cell", "split"), [
    ("AAPL Close", ("AAPL", "Close")), ("AAPL.Close", ("AAPL", "Close")), ("AAPL_close", ("AAPL", "close")),
    ("Close AAPL", ("AAPL", "Close")), ("Close_AAPL", ("AAPL", "Close")), ("close.MSFT", ("MSFT", "close")),
    ("('Close', 'AAPL')", ("AAPL", "Close")), ('("Adj Close", "AAPL")', ("AAPL", "Adj Close")),
    ("Adj Close_AAPL", ("AAPL", "Adj Close")), ("AAPL Adj Close", ("AAPL", "Adj Close")),
    ("SPY.Adjusted", ("SPY", "Adjusted")),
    # An exchange's suffix is part of the ticker: split where the rest is a field's whole name.
    ("BHP.AX Close", ("BHP.AX", "Close")), ("7203.T_Close", ("7203.T", "Close")),
    ("BHP.AX.Close", ("BHP.AX", "Close")), ("Close.BHP.AX", ("BHP.AX", "Close")), ("BRK-B Close", ("BRK-B", "Close")),
])
def test_a_cell_naming_a_ticker_and_a_field_splits_into_them(cell, split):
    assert split_cell(cell) == split


@pytest.mark.parametrize("cell", [
    "Close", "Adj Close", "Close Price", "Adj. Close", "Change %",
    # Qualifiers, sides, periods, indicators: not a ticker beside the field.
    "Prev Close", "Close Bid", "Bid Close", "PREV. CLOSE", "OPEN INT", "Open Interest", "52W High", "SMA 20 Close",
    "EMA Close", "VWAP Close", "Close EOD", "YTD High", "Total Volume", "Avg Volume", "Close 1",
    # A company's name is no ticker as written.
    "Apple Close",
])
def test_a_cell_with_no_ticker_written_as_one_stays_whole(cell):
    assert split_cell(cell) is None


def test_a_flat_header_of_two_tickers_reads_as_labels_over_fields():
    header = [["Date"], ["AAPL Close"], ["AAPL Volume"], ["MSFT Close"], ["MSFT Volume"]]
    assert split_header(header, [D, F, N, F, N]) == (
        [["Date"], ["AAPL", "Close"], ["AAPL", "Volume"], ["MSFT", "Close"], ["MSFT", "Volume"]], ["AAPL", "MSFT"])


def test_a_header_not_wholly_flat_wide_is_not_split():
    # A bare price beside a labelled one: whose is the bare one? (the safety net refuses it: detect.py)
    assert split_header([["Date"], ["Close"], ["SPY Close"]], [D, F, F]) is None
    # Two rows of header already name the labels; a one-letter currency pair is no set of tickers.
    assert split_header([["Date"], ["AAPL", "Close"]], [D, F]) is None
    assert split_header([["Date"], ["Close USD"], ["Close EUR"]], [D, F, F]) is None
    # Capitals in a header all in capitals are no evidence: a label must name two fields.
    assert split_header([["DATE"], ["CLOSE"], ["OPEN INTEREST"]], [D, F, N]) is None
    assert split_header([["DATE"], ["SPY CLOSE"], ["SPY VOLUME"]], [D, F, N]) == (
        [["DATE"], ["SPY", "CLOSE"], ["SPY", "VOLUME"]], ["SPY"])
    assert split_header([["DATE"], ["SPY CLOSE"], ["QQQ CLOSE"]], [D, F, F])[1] == ["SPY", "QQQ"]
    assert split_header([["DATE"], ["SPY CLOSE"], ["QQQ VOLUME"]], [D, F, N]) is None


def _rows(header: str, *rows: str) -> bytes:
    return (header + "\n" + "\n".join(rows) + "\n").encode()


TWO = ["2021-01-04,130.0,900000,220.0,500000", "2021-01-05,130.1,900001,220.1,500001",
       "2021-01-06,130.2,900002,220.2,500002"]


@pytest.mark.parametrize("header", [
    "Date,AAPL Close,AAPL Volume,MSFT Close,MSFT Volume", "Date,AAPL.Close,AAPL.Volume,MSFT.Close,MSFT.Volume",
    "Date,AAPL_close,AAPL_volume,MSFT_close,MSFT_volume", "Date,Close AAPL,Volume AAPL,Close MSFT,Volume MSFT",
    "Date,Close_AAPL,Volume_AAPL,Close_MSFT,Volume_MSFT", "date,close.AAPL,volume.AAPL,close.MSFT,volume.MSFT",
    "Date,\"('Close', 'AAPL')\",\"('Volume', 'AAPL')\",\"('Close', 'MSFT')\",\"('Volume', 'MSFT')\"",
])
def test_two_tickers_in_one_flat_header_map_each_tickers_columns(header):
    # AAPL's rows were loaded under the file's name and MSFT's columns left unread without a word.
    schema = detect_bytes(_rows(header, *TWO), "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical) for c in schema.columns] == [
        (None, "date"), ("AAPL", "close"), ("AAPL", "volume"), ("MSFT", "close"), ("MSFT", "volume")]


@pytest.mark.parametrize(("header", "tickers"), [
    ("Date,BHP.AX Close,BHP.AX Volume,CBA.AX Close,CBA.AX Volume", ["BHP.AX", "CBA.AX"]),
    ("Date,7203.T_Close,7203.T_Volume,6758.T_Close,6758.T_Volume", ["7203.T", "6758.T"]),
    ("Index,BHP.AX.Close,BHP.AX.Volume,CBA.AX.Close,CBA.AX.Volume", ["BHP.AX", "CBA.AX"]),
])
def test_an_exchange_suffix_stays_in_the_ticker(header, tickers):
    schema = detect_bytes(_rows(header, *TWO), "prices.csv")
    assert schema.problem is None and [c.series for c in schema.columns] == [None, *[t for t in tickers for _ in "cv"]]


QUANTMOD = ["2021-01-04,375.3,375.4,364.8,368.8,110210800,355.1", "2021-01-05,368.1,372.5,368.0,371.3,66426200,357.5",
            "2021-01-06,369.7,376.9,369.1,373.5,107997700,359.7"]


def test_one_tickers_flat_header_names_the_rows_ticker():
    # quantmod's write.zoo of getSymbols("SPY"): loaded under the file's name (spy_2021.csv: SPY_2021).
    schema = detect_bytes(_rows("Index,SPY.Open,SPY.High,SPY.Low,SPY.Close,SPY.Volume,SPY.Adjusted", *QUANTMOD),
                          "spy_2021.csv")
    assert schema.problem is None and schema.ticker == "SPY"
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume", "adj_close"]
    assert all(c.series is None for c in schema.columns)


def test_a_close_matrix_of_names_written_as_tickers_is_refused_naming_them():
    # Nothing says these are closes (nor tickers: "CPI", "GDP" are written alike): refused, naming them.
    schema = detect_bytes(_rows("Date,AAPL,MSFT,GOOG", "2021-01-04,130.0,220.0,1700.0",
                                "2021-01-05,130.1,220.1,1700.1", "2021-01-06,130.2,220.2,1700.2"), "closes.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert "AAPL, MSFT, GOOG" in schema.problem


@pytest.mark.parametrize("header", ["Date,Close,Volume,SPY Close", "Date,Close,Volume,SPY.Close,SPY.Volume",
                                    "Date,AAPL Close,Volume,MSFT Close"])
def test_a_ticker_named_price_left_unread_beside_the_mapped_ones_refuses_the_file(header):
    rows = ["2021-01-04,130.0,900000,380.0,5", "2021-01-05,130.1,900001,380.1,6", "2021-01-06,130.2,900002,380.2,7"]
    width = header.count(",") + 1
    schema = detect_bytes(_rows(header, *(",".join(r.split(",")[:width]) for r in rows)), "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert ("SPY" if "SPY" in header else "MSFT Close") in schema.problem


@pytest.mark.parametrize(("header", "row"), [
    ("Date,Open,High,Low,Close,Adj Close,Change %,Volume", "{d},10.0,10.5,9.5,10.2,10.1,0.5%,1000"),
    ("Date,Close,Prev Close,Close Bid,Close Ask", "{d},10.0,9.9,9.95,10.05"),
    ("Date,Close,Volume,SMA 20 Close,EMA Close,Volume MA", "{d},10.0,1000,9.8,9.9,1100"),
    ("DATE,OPEN,HIGH,LOW,CLOSE,VOLUME,OPEN INT", "{d},10.0,10.5,9.5,10.2,1000,300"),
    ("Date,Close USD,Close EUR", "{d},10.0,9.1"),
    ("Date,Close,Volume,52W High,52W Low", "{d},10.0,1000,12.0,8.0"),
])
def test_extra_price_words_of_one_ticker_load_as_before(header, row):
    data = _rows(header, *(row.format(d=d) for d in ("2021-01-04", "2021-01-05", "2021-01-06")))
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None and schema.ticker is None and "close" in [c.canonical for c in schema.columns]
