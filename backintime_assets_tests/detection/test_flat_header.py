import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.canonical import SEVERAL_CLOSES, SIDE_BY_SIDE
from backintime_assets.detection.columns import ColumnType
from backintime_assets.detection.flat_header import split_cell, split_header
from backintime_assets.detection.refusals import judgement
from backintime_assets.normalisation.normalise import normalise_bytes

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


@pytest.mark.parametrize("header", ["Date,AAPL,MSFT,GOOG", "Date,AAPL,,MSFT,GOOG", "Date,,AAPL,MSFT,GOOG"])
def test_a_close_matrix_of_names_written_as_tickers_is_refused_naming_them(header):
    # Nothing says these are closes (nor tickers: "CPI", "GDP" are written alike): refused, naming them.
    # (A file named as the close says it: test_named_field.py.) A column of no name among them had loaded
    # as the file's close, the tickers' columns left unread without a word.
    rows = ["2021-01-04,130.0,3.90,220.0,1700.0", "2021-01-05,130.1,3.91,220.1,1700.1",
            "2021-01-06,130.2,3.92,220.2,1700.2"]
    width = header.count(",") + 1
    schema = detect_bytes(_rows(header, *(",".join(r.split(",")[:width]) for r in rows)), "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert "AAPL, MSFT, GOOG" in schema.problem


@pytest.mark.parametrize(("header", "loads"), [
    ("Date,USD,,JPY,GBP", False),  # a rate table's currencies, a column's name lost: no close, as without it
    ("Date,,Change,Change %", True), ("Date,,AAPL", True),  # one ticker beside a close of no name
    ("Date,,^GSPC,^IXIC", True),  # a share's close beside its benchmarks
])
def test_a_close_of_no_name_loads_only_beside_fewer_than_two_tickers(header, loads):
    rows = ["2021-01-04,130.0,1.0956,157.32,0.8634", "2021-01-05,130.1,1.0919,158.1,0.8641",
            "2021-01-06,130.2,1.0945,159.2,0.8622"]
    width = header.count(",") + 1
    data = _rows(header, *(",".join(r.split(",")[:width]) for r in rows))
    schema = detect_bytes(data, "fund.csv")
    prices = normalise_bytes(data, schema, "fund.csv").prices_arrow.to_pylist()
    assert [p["close"] for p in prices] == ([130.0, 130.1, 130.2] if loads else [])


def test_figures_in_capitals_without_a_close_are_no_matrix_of_tickers():
    # "EPS", "BETA": figures, not tickers. Called "prices of several tickers side by side?", the
    # refusal was a judgement a user may lift by a mapping; it is a file with no close.
    data = _rows("Date,EPS,BETA", "2021-01-04,1.52,1.10", "2021-01-05,1.52,1.11", "2021-01-06,1.53,1.12")
    schema = detect_bytes(data, "figures.csv")
    assert schema.problem is None  # no judgement: normalisation finds no close
    assert normalise_bytes(data, schema, "figures.csv").file_problem.startswith("no close column")


@pytest.mark.parametrize("header", ["Date,Close,Volume,SPY Close,QQQ Close", "Date,Close,Volume,SPY.Close,SPY.Volume",
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
    ("Date,Close,Close USD", "{d},10.0,9.1"),
    ("Date,Close,Volume,52W High,52W Low", "{d},10.0,1000,12.0,8.0"),
])
def test_extra_price_words_of_one_ticker_load_as_before(header, row):
    data = _rows(header, *(row.format(d=d) for d in ("2021-01-04", "2021-01-05", "2021-01-06")))
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None and schema.ticker is None and "close" in [c.canonical for c in schema.columns]


@pytest.mark.parametrize("extra", ["ETF Close", "US Close", "INDEX Close", "FX Close", "NY Close", "Close T-1",
                                   "Close C", "EUR/USD Close", "SPY Close"])
def test_one_extra_price_column_of_one_tickers_export_loads_the_file_as_before(extra):
    # A word in capitals or a benchmark beside the file's own bars: the file's prices read right, and
    # the column is left unread as "SMA Close" is. Each had refused the whole file as tickers side by side.
    rows = [f"2021-01-0{d},10.0,10.5,9.5,10.2,1000,11.0" for d in (4, 5, 6)]
    schema = detect_bytes(_rows(f"Date,Open,High,Low,Close,Volume,{extra}", *rows), "AAPL.csv")
    assert schema.problem is None and schema.ticker is None
    assert [c.canonical for c in schema.columns][:6] == ["date", "open", "high", "low", "close", "volume"]


@pytest.mark.parametrize("cell", ["CPI Value", "SOFR Rate", "SPY NAV", "GDP Units", "INDEX Close", "NY Close",
                                  "Close T-1", "LCL Close"])
def test_a_wide_name_or_a_word_beside_a_field_is_no_ticker_and_field(cell):
    assert split_cell(cell) is None


def test_series_named_with_a_value_or_a_rate_are_no_tickers_prices():
    # "CPI Value,GDP Value": macro series, refused before ("no close column"), loaded as closes of
    # tickers "CPI" and "GDP".
    for header in ("Date,CPI Value,GDP Value", "Date,SOFR Rate,LIBOR Rate"):
        schema = detect_bytes(_rows(header, "2021-01-04,260.1,21000.0", "2021-01-05,260.2,21001.0",
                                    "2021-01-06,260.3,21002.0"), "macro.csv")
        assert all(c.series is None for c in schema.columns) and "close" not in [c.canonical for c in schema.columns]


def test_one_word_over_every_column_names_no_ticker():
    # "INDEX Open,...,INDEX Close": the rows loaded under ticker "INDEX", not the file's name.
    schema = detect_bytes(_rows("Date,INDEX Open,INDEX High,INDEX Low,INDEX Close", "2021-01-04,10.0,10.5,9.5,10.2",
                                "2021-01-05,10.1,10.6,9.6,10.3", "2021-01-06,10.2,10.7,9.7,10.4"), "ftse.csv")
    assert schema.ticker is None and schema.problem is None


@pytest.mark.parametrize("word", ["NET", "LOW"])
def test_a_ticker_written_as_a_word_among_tickers_is_a_ticker(word):
    # Cloudflare (NET) beside SPY: NET's cells were left whole and unread, SPY's rows loaded alone. Lowe's
    # (LOW), a field's name too, was refused (loud) since "LOW Close" had been mapped as SPY's low.
    data = _rows(f"Date,{word} Close,{word} Volume,SPY Close,SPY Volume", *TWO)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical) for c in schema.columns] == [
        (None, "date"), (word, "close"), (word, "volume"), ("SPY", "close"), ("SPY", "volume")]
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert sorted(zip(prices.ticker, prices.close)) == [(word, 130.0), (word, 130.1), (word, 130.2), ("SPY", 220.0),
                                                        ("SPY", 220.1), ("SPY", 220.2)]


@pytest.mark.parametrize("header,tickers", [
    # Home Depot's bars beside Lowe's: HD's loaded under the file's name and LOW's were left unread (silent).
    ("Date,HD Open,HD High,HD Low,HD Close,LOW Open,LOW High,LOW Low,LOW Close", ["HD", "HD", "LOW", "LOW"]),
    # Lowe's alone: "LOW Close" was no close, and the file refused (loud). Its low's low names no figure.
    ("Date,LOW Open,LOW High,LOW Low,LOW Close", ["LOW", "LOW"]),
    ("Date,OPEN Open,OPEN High,OPEN Low,OPEN Close", ["OPEN", "OPEN"]),
])
def test_bars_of_a_ticker_named_as_a_field_load_under_it(header, tickers):
    width = header.count(",") + 1
    rows = [",".join(f"2021-01-0{d},10{d}.0,10{d}.5,9{d}.5,10{d}.2,20{d}.0,20{d}.5,19{d}.5,20{d}.2".split(",")[:width])
            for d in (4, 5)]
    data = _rows(header, *rows)
    prices = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv").prices
    assert list(prices.ticker) == tickers and list(prices.close) == [104.2, 105.2, 204.2, 205.2][:len(tickers)]


@pytest.mark.parametrize("header", ["Date,PREV Close,PREV Volume", "Date,LOW Close,LOW Volume",
                                    "Date,HIGH Close,HIGH Volume", "Date,LOW Close,SPY Close"])
def test_a_word_alone_over_fields_it_may_qualify_names_no_ticker(header):
    # The day before's close and volume, a low-volatility basket's?: no ticker "PREV", "LOW" or "HIGH".
    width = header.count(",") + 1
    data = _rows(header, *[",".join(r.split(",")[:width]) for r in TWO])
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert result.prices.empty and result.file_problem


@pytest.mark.parametrize(("header", "named"), [("Date,VOD.L,BP.L,HSBA.L", "VOD.L, BP.L, HSBA.L"),
                                               ("Date,AAPL.O,MSFT.O", "AAPL.O, MSFT.O")])
def test_a_close_matrix_of_tickers_with_an_exchange_letter_loads_naming_them_whole(header, named):
    # London's ".L", Nasdaq's ".O": split as the low and the open of tickers "VOD", "BP", and refused
    # as bars missing their close, naming "BP, HSBA, VOD". Named only as tickers are, each is a
    # ticker's close (marked_tickers.py).
    width = header.count(",") + 1
    rows = [",".join(r.split(",")[:width]) for r in ("2021-01-04,1.0,2.0,3.0", "2021-01-05,1.1,2.1,3.1",
                                                      "2021-01-06,1.2,2.2,3.2")]
    schema = detect_bytes(_rows(header, *rows), "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical) for c in schema.columns[1:]] == [(t, "close") for t in named.split(", ")]


@pytest.mark.parametrize("header", ["Date,Open USDT,High USDT,Low USDT,Close USDT,Volume ETH,Volume USDT",
                                    "Date,Close USDT,Volume ETH"])
def test_a_pairs_prices_in_a_coin_and_volumes_in_its_units_load_as_one_instruments(header):
    # ETH/USDT's bars: "USDT" and "ETH" read as two tickers side by side, the file refused.
    width = header.count(",") + 1
    rows = [",".join(f"2021-01-0{d},2000.5,2010.5,1990.5,2005.5,120.5,240000.5".split(",")[:width]) for d in (4, 5, 6)]
    schema = detect_bytes(_rows(header, *rows), "ETHUSDT.csv")
    assert schema.problem is None and schema.ticker is None and all(c.series is None for c in schema.columns)
    assert "close" in [c.canonical for c in schema.columns] and "volume" in [c.canonical for c in schema.columns]


@pytest.mark.parametrize(("header", "named"), [
    ("Date,AAPL,MSFT Close", "AAPL"), ("Date,AAPL Close,MSFT Close,GOOG", "GOOG"),
    ("Date,AAPL Close,AAPL Volume,MSFT", "MSFT"),
])
def test_a_bare_ticker_beside_columns_named_by_ticker_and_field_refuses_the_file(header, named):
    # MSFT's close loaded and AAPL's column was left unread without a word (GOOG's taken into MSFT's
    # columns as one of no name): which price it holds nothing says.
    rows = ["2021-01-04,130.0,220.0,1700.0", "2021-01-05,130.1,220.1,1700.1", "2021-01-06,130.2,220.2,1700.2"]
    width = header.count(",") + 1
    schema = detect_bytes(_rows(header, *(",".join(r.split(",")[:width]) for r in rows)), "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert f"({named})" in schema.problem


@pytest.mark.parametrize("extra", ["ID", "VWAP", "RSI", "USD", "P/E", "EV/EBITDA"])
def test_a_row_number_an_indicator_or_a_currency_beside_a_tickers_columns_loads_as_before(extra):
    rows = [f"2021-01-0{d},130.0,900000,{d}" for d in (4, 5, 6)]
    schema = detect_bytes(_rows(f"Date,AAPL Close,AAPL Volume,{extra}", *rows), "prices.csv")
    assert schema.problem is None and [c.canonical for c in schema.columns][:3] == ["date", "close", "volume"]


@pytest.mark.parametrize("extra", ["EPS", "PE", "BETA", "DIV", "YLD", "CODE", "SYM", "AMT", "OBV", "SPREAD", "TR",
                                   "RSI14", "ATR_14", "VOL20", "DIF"])
def test_a_figure_in_capitals_beside_a_tickers_columns_loads_as_before(extra):
    # A code, a fundamental or an indicator kept beside AAPL's prices: taken for another ticker's
    # prices, the whole file was refused; it loaded AAPL's rows before and does again.
    rows = [f"2021-01-0{d},130.0,900000,{d}.5" for d in (4, 5, 6)]
    schema = detect_bytes(_rows(f"Date,AAPL Close,AAPL Volume,{extra}", *rows), "prices.csv")
    assert schema.problem is None and [c.canonical for c in schema.columns][:3] == ["date", "close", "volume"]
    assert {c.series for c in schema.columns} <= {None, "AAPL"}


def _two_tickers_flat_over(second: str):
    """The prices of AAPL's and MSFT's flat header over `second`, a row under it, each ticker's
    columns read as its own."""
    data = _rows("Date,AAPL Close,AAPL Volume,MSFT Close,MSFT Volume", second, *TWO)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical) for c in schema.columns] == [
        (None, "date"), ("AAPL", "close"), ("AAPL", "volume"), ("MSFT", "close"), ("MSFT", "volume")]
    return normalise_bytes(data, schema, "prices.csv").prices


@pytest.mark.parametrize("units", [",,x1000,,x1000", ",USD,'000,USD,'000", ",(USD),(000),(USD),(000)"])
def test_a_flat_header_over_a_units_row_reads_each_tickers_columns_at_the_units_scale(units):
    # The units row joined the header as a second row, so the header was no flat one: AAPL's rows
    # loaded under the file's name and MSFT's columns were left unread without a word.
    prices = _two_tickers_flat_over(units)
    first = prices[prices["date"].astype(str) == "2021-01-04"].set_index("ticker")
    assert first.loc["AAPL", "close"] == 130.0 and first.loc["AAPL", "volume"] == 900_000_000
    assert first.loc["MSFT", "close"] == 220.0 and first.loc["MSFT", "volume"] == 500_000_000
    assert len(prices) == 6


def test_one_tickers_flat_header_over_a_units_row_names_the_rows_ticker():
    schema = detect_bytes(_rows("Index,SPY.Open,SPY.High,SPY.Low,SPY.Close,SPY.Volume,SPY.Adjusted",
                                ",USD,USD,USD,USD,x1000,USD", *QUANTMOD), "spy_2021.csv")
    assert schema.problem is None and schema.ticker == "SPY"
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume", "adj_close"]
    assert schema.columns[5].multiplier == 1000


def test_a_ticker_left_unread_beside_the_mapped_ones_over_a_units_row_refuses_the_file():
    # The safety net read one-row headers only: over a units row, SPY's columns went unread unsaid.
    schema = detect_bytes(_rows("Date,Close,Volume,SPY Close,SPY Volume", ",USD,x1000,USD,x1000", *TWO), "aapl.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE) and "SPY Close" in schema.problem


@pytest.mark.parametrize("second", ["yyyy-mm-dd,USD,shares,USD,shares", "Local,Last,shares,Last,shares"])
def test_a_flat_header_over_a_row_of_words_naming_no_ticker_reads_each_tickers_columns(second):
    # Read as a two-row header, each ticker's columns loaded under its cell whole ("AAPL VOLUME",
    # "AAPL CLOSE"), or the first ticker's alone under the file's name.
    prices = _two_tickers_flat_over(second)
    assert sorted(set(prices["ticker"])) == ["AAPL", "MSFT"] and len(prices) == 6
    assert prices[prices["ticker"] == "MSFT"]["close"].tolist() == [220.0, 220.1, 220.2]


def test_a_field_row_over_tickers_in_capitals_is_no_flat_header():
    # "Close" over "AAPL": yfinance's labels under their field, read as before (series.py).
    assert split_header([["Date"], ["AAPL Close", "SPY"], ["MSFT Close", "QQQ"]], [D, F, F]) is None


@pytest.mark.parametrize(("header", "tickers"), [
    ("date,aapl_close,aapl_volume,msft_close,msft_volume", ["AAPL", "MSFT"]),
    ("date,close_aapl,volume_aapl,close_msft,volume_msft", ["AAPL", "MSFT"]),
    ("date,aapl.close,aapl.vol,msft.close,msft.vol", ["AAPL", "MSFT"]),
    # A company's name kept as written (normalisation writes each ticker in capitals).
    ("Date,Apple Close,Apple Volume,Microsoft Close,Microsoft Volume", ["Apple", "Microsoft"]),
    ("Date,Bank of America Close,Bank of America Volume,Wells Fargo Close,Wells Fargo Volume",
     ["Bank of America", "Wells Fargo"]),
])
def test_labels_not_in_capitals_each_over_a_close_and_a_volume_are_tickers_side_by_side(header, tickers):
    # The first's columns were loaded under the file's name and the second's left unread without a word.
    assert _first_rows_side_by_side(_rows(header, *TWO), tickers, None) == [
        (tickers[0].upper(), 130.0, 900000), (tickers[1].upper(), 220.0, 500000)]


def _first_rows_side_by_side(data: bytes, tickers: list[str], multiplier: int | None) -> list[tuple]:
    """(ticker, close, volume) of each ticker's first row, the file read as two tickers' closes and
    volumes side by side, each volume counted in `multiplier`."""
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical, c.multiplier) for c in schema.columns] == [
        (None, "date", None), (tickers[0], "close", None), (tickers[0], "volume", multiplier),
        (tickers[1], "close", None), (tickers[1], "volume", multiplier)]
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    return sorted((r["ticker"], r["close"], r["volume"]) for r in prices)[::3]


def test_lower_case_tickers_each_over_their_bars_are_tickers_side_by_side():
    header = [["date"], *[[f"{t}_{f}"] for t in ("aapl", "msft") for f in ("open", "high", "low", "close")]]
    split, labels = split_header(header, [D, *[F] * 8])
    assert labels == ["AAPL", "MSFT"] and split[1] == ["AAPL", "open"] and split[8] == ["MSFT", "close"]


@pytest.mark.parametrize("header", [
    "date,aapl_close,aapl_volume",  # one label: the file's own ticker, read as before
    "date,close,volume,close_lag1,volume_lag1", "date,close_lag1,volume_lag1,close_lag2,volume_lag2",
    "Date,Close,Volume,Prev Close,Prev Volume", "date,bid_close,bid_volume,ask_close,ask_volume",
    "date,adj_close,adj_volume,unadj_close,unadj_volume", "date,close,volume,close_ma20,volume_ma20",
    "date,close_usd,volume_usd,close_eur,volume_eur", "date,aapl_close,aapl_volume,msft_close,msft_open",
    "date,close_a,volume_a,close_b,volume_b",
])
def test_words_beside_fields_not_in_capitals_are_no_tickers_side_by_side(header):
    cells = header.split(",")
    types = [D] + [N if "volume" in c else F for c in cells[1:]]
    assert split_header([[c] for c in cells], types) is None


@pytest.mark.parametrize(("header", "tickers"), [
    ("Date,Apple Close,Apple Volume (thousands),Microsoft Close,Microsoft Volume (thousands)", ["Apple", "Microsoft"]),
    ("date,aapl_close,aapl_volume ('000),msft_close,msft_volume ('000)", ["AAPL", "MSFT"]),
    ("date,aapl_close,aapl_volume_000s,msft_close,msft_volume_000s", ["AAPL", "MSFT"]),
    ("Date,Apple Close (USD),Apple Volume (000s),Microsoft Close (USD),Microsoft Volume (000s)",
     ["Apple", "Microsoft"]),
])
def test_labels_not_in_capitals_over_a_volume_in_thousands_are_tickers_side_by_side(header, tickers):
    # The unit was read as part of the field ("Volume (thousands)": no field), so no label held a
    # close and a volume: Apple's close and volume loaded under the file's name, Microsoft's
    # columns were left unread without a word. Each volume is counted in its declared scale.
    data = _rows(header, "2021-01-04,130.0,900.5,220.0,500.25", "2021-01-05,130.1,901.5,220.1,501.25",
                 "2021-01-06,130.2,902.5,220.2,502.25")
    assert _first_rows_side_by_side(data, tickers, 1000) == [
        (tickers[0].upper(), 130.0, 900500.0), (tickers[1].upper(), 220.0, 500250.0)]


@pytest.mark.parametrize("header", [
    # One instrument's legs, sessions, versions, periods or venues, each over a whole set of fields:
    # read as tickers, the file's rows loaded under "SPOT" and "FUT", "NSE" and "BSE", not its name.
    "date,spot_close,spot_volume,fut_close,fut_volume", "date,long_close,long_volume,short_close,short_volume",
    "date,front_close,front_volume,back_close,back_volume", "date,old_close,old_volume,new_close,new_volume",
    "date,current_close,current_volume,previous_close,previous_volume",
    "Date,Regular Close,Regular Volume,Extended Close,Extended Volume",
    "date,premarket_close,premarket_volume,regular_close,regular_volume,afterhours_close,afterhours_volume",
    "date,primary_close,primary_volume,composite_close,composite_volume",
    "date,weekly_close,weekly_volume,monthly_close,monthly_volume",
    "date,stock_close,stock_volume,benchmark_close,benchmark_volume",
    "date,nse_close,nse_volume,bse_close,bse_volume", "date,lse_close,lse_volume,nyse_close,nyse_volume",
    "Datum,Schluss Xetra,Umsatz Xetra,Schluss Frankfurt,Umsatz Frankfurt",
    "date,spot_open,spot_high,spot_low,spot_close,fut_open,fut_high,fut_low,fut_close",
])
def test_words_over_one_instruments_whole_sets_of_fields_are_no_tickers_side_by_side(header):
    data = _rows(header, *TWO) if header.count(",") == 4 else None
    cells = header.split(",")
    types = [D] + [N if "volume" in c.lower() or "umsatz" in c.lower() else F for c in cells[1:]]
    assert split_header([[c] for c in cells], types) is None
    if data is not None:  # no rows under the words (the file's own load under its name, as before)
        prices = normalise_bytes(data, detect_bytes(data, "gold.csv"), "gold.csv").prices_arrow
        assert set(prices["ticker"].to_pylist()) <= {"GOLD"} and prices.num_rows <= len(TWO)


@pytest.mark.parametrize(("header", "tickers"), [
    ("date,btcusdt_close,btcusdt_volume,ethusdt_close,ethusdt_volume", ["BTCUSDT", "ETHUSDT"]),
    ("date,brk-b_close,brk-b_volume,bhp.ax_close,bhp.ax_volume", ["BRK-B", "BHP.AX"]),
    ("date,600519.ss_close,600519.ss_volume,000858.sz_close,000858.sz_volume", ["600519.SS", "000858.SZ"]),
])
def test_lower_case_tickers_of_pairs_and_suffixes_are_tickers_side_by_side(header, tickers):
    cells = header.split(",")
    split, labels = split_header([[c] for c in cells], [D, F, N, F, N])
    assert labels == tickers


def test_a_lower_case_ticker_over_its_close_alone_beside_whole_sets_is_read_too():
    # "goog_close" beside AAPL's and MSFT's closes and volumes: left whole, GOOG's closes were unread
    # without a word ("GOOG Close" is read).
    data = _rows("date,aapl_close,aapl_volume,msft_close,msft_volume,goog_close,prev_close",
                 *[f"{r},640.5,129.0" for r in TWO])
    schema = detect_bytes(data, "prices.csv")
    assert (schema.columns[5].series, schema.columns[5].canonical) == ("GOOG", "close")
    assert schema.columns[6].canonical is None  # a qualifier's close: unread, as "PREV Close" is
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    assert sorted({(r["ticker"], r["close"]) for r in prices if r["ticker"] == "GOOG"}) == [("GOOG", 640.5)]


CLOSES = ["2021-01-04,130.0,220.0,140.0", "2021-01-05,130.1,220.1,140.1", "2021-01-06,130.2,220.2,140.2"]


@pytest.mark.parametrize(("header", "tickers"), [
    ("date,aapl_close,msft_close,goog_close", ["AAPL", "MSFT", "GOOG"]),
    ("date,close_aapl,close_msft,close_goog", ["AAPL", "MSFT", "GOOG"]),
    ("date,btc_close,eth_close,sol_close", ["BTC", "ETH", "SOL"]),
    # A ticker in lower case beside one in capitals: the file was AAPL's, MSFT's closes unread.
    ("date,AAPL_close,msft_close,goog_close", ["AAPL", "MSFT", "GOOG"]),
])
def test_lower_case_tickers_each_over_a_close_alone_are_a_close_matrix(header, tickers):
    # AAPL's closes loaded under the file's name (or AAPL), MSFT's and GOOG's left unread without a word.
    data = _rows(header, *CLOSES)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical) for c in schema.columns] == [(None, "date"), *[(t, "close") for t in tickers]]
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    assert sorted((r["ticker"], str(r["date"]), r["close"]) for r in prices if str(r["date"]) == "2021-01-05") == \
        sorted(zip(tickers, ["2021-01-05"] * 3, [130.1, 220.1, 140.1]))


def test_a_lower_case_ticker_beside_one_in_capitals_over_whole_sets_is_read_too():
    data = _rows("Date,AAPL_close,AAPL_volume,msft_close,msft_volume", *TWO)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None and schema.ticker is None
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    assert sorted((r["ticker"], r["close"], r["volume"]) for r in prices)[::3] == [
        ("AAPL", 130.0, 900000), ("MSFT", 220.0, 500000)]


def test_lower_case_tickers_over_a_close_and_an_adjusted_close_each_load_both():
    data = _rows("date,aapl_close,aapl_adj_close,msft_close,msft_adj_close",
                 "2021-01-04,130.0,129.0,220.0,219.0", "2021-01-05,130.1,129.1,220.1,219.1")
    schema = detect_bytes(data, "prices.csv")
    assert [(c.series, c.canonical) for c in schema.columns][1:] == [
        ("AAPL", "close"), ("AAPL", "adj_close"), ("MSFT", "close"), ("MSFT", "adj_close")]
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    assert sorted((r["ticker"], r["close"], r["adj_close"]) for r in prices)[::2] == [
        ("AAPL", 130.0, 129.0), ("MSFT", 220.0, 219.0)]


@pytest.mark.parametrize(("header", "shown"), [
    # Names or longer words in lower case: a company's, a ticker's, or one instrument's venue or
    # session? The first's prices loaded under the file's name, the others' unread without a word.
    ("date,google_close,google_volume,amazon_close,amazon_volume",
     "google_close, google_volume, amazon_close, amazon_volume"),
    ("date,aapl_close,aapl_volume,microsoft_close,microsoft_volume",
     "aapl_close, aapl_volume, microsoft_close, microsoft_volume"),
    ("date,gold_close,silver_close,copper_close", "gold_close, silver_close, copper_close"),
    ("Date,Apple Close,Microsoft Close,Alphabet Close", "Apple Close, Microsoft Close, Alphabet Close"),
    ("date,AAPL_close,microsoft_close,google_close", "AAPL_close, microsoft_close, google_close"),
    # Tickers' shape, but not the same fields each: whose set is whole?
    ("date,aapl_close,aapl_volume,msft_close,msft_open", "aapl_close, aapl_volume, msft_close, msft_open"),
    ("date,aapl_close,aapl_volume,msft_close", "msft_close"),  # as "AAPL Close" beside a mapped "Close"
])
def test_series_named_by_labels_not_written_as_tickers_are_refused_naming_them(header, shown):
    width = header.count(",")
    data = _rows(header, *[",".join([d, *[f"{130 + k}.5" for k in range(width)]])
                           for d in ("2021-01-04", "2021-01-05", "2021-01-06")])
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE) and f"({shown})" in schema.problem


def test_a_lower_case_tickers_close_and_volume_beside_the_files_own_refuses_the_file():
    # As "SPY Close,SPY Volume" beside "Close,Volume" does: SPY's were left unread without a word.
    data = _rows("date,close,volume,spy_close,spy_volume", *TWO)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and "(spy_close, spy_volume)" in schema.problem


@pytest.mark.parametrize("header", [
    # One instrument's close beside its other columns: a close named as one ("close", "official_close",
    # "px_close", "last_close"), beside the day before's or an adjusted one. No close matrix, no refusal.
    "date,close,adj_close", "date,close,close_lag1", "date,close_lag1,close_lead1", "date,last_close,prev_close",
    "date,nav_close,px_close", "date,official_close,indicative_close",
])
def test_one_instruments_close_beside_its_other_columns_is_no_close_matrix(header):
    data = _rows(header, *[r.rsplit(",", 1)[0] for r in CLOSES])
    schema = detect_bytes(data, "gold.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "gold.csv").prices_arrow
    assert set(prices["ticker"].to_pylist()) <= {"GOLD"}


@pytest.mark.parametrize("header", [
    # One instrument's closes under words over a close alone, none named as the close: no close
    # matrix (no tickers "SPOT" and "FUT"), but which is the close? The first had loaded under the
    # file's name (a bid, a moving average, a prediction, a listing's price) and the others were unread.
    "date,bid_close,ask_close", "date,spot_close,fut_close", "date,close_usd,close_eur",
    "date,sma_close,ema_close", "date,close_left,close_right", "date,close_x,close_y",
    "date,pred_close,true_close", "date,actual_close,predicted_close", "date,week_close,month_close",
    "date,yahoo_close,stooq_close", "date,am_close,pm_close", "date,us_close,eu_close", "date,ny_close,ldn_close",
    "date,kraken_close,binance_close", "date,stock_close,index_close", "date,fund_close,bench_close",
    "date,close_src1,close_src2",
    # Ticker-shaped words in lower case: a moving average's or filter's, a crossover's legs (the slow
    # one read as the low), a bar's other prices, whose, a period shortened, a listing, a return's kind.
    "date,fast_close,slow_close", "date,up_close,dn_close", "date,hl_close,oc_close", "date,dema_close,tema_close",
    "date,my_close,their_close", "date,dly_close,wkly_close", "date,adr_close,ord_close",
    "date,renko_close,kagi_close", "date,gr_close,nt_close", "date,hma_close,kama_close",
    "date,cost_close,mark_close", "date,start_close,end_close", "date,lhs_close,rhs_close",
])
def test_words_over_one_instruments_closes_refuse_the_file_naming_them(header):
    data = _rows(header, *[r.rsplit(",", 1)[0] for r in CLOSES])
    schema = detect_bytes(data, "gold.csv")
    # A spot's and a future's: one instrument's several closes, said so.
    several = header == "date,spot_close,fut_close"
    assert schema.problem is not None and schema.problem.startswith(SEVERAL_CLOSES if several else SIDE_BY_SIDE)
    assert f"({', '.join(header.split(',')[1:])})" in schema.problem
    assert normalise_bytes(data, schema, "gold.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("extra", ["log_close", "prev_close", "spot_close", "sma_close", "fut_close", "dema_close",
                                   "hma_close", "fast_close", "hl_close", "kf_close"])
def test_a_word_over_a_close_in_lower_case_beside_one_tickers_columns_is_no_ticker(extra):
    # A ticker in lower case beside one in capitals is read as a ticker ("AAPL_close,msft_close");
    # a word there is one instrument's derived or other close, left unread as before.
    data = _rows(f"Date,AAPL Close,AAPL Volume,{extra}", *[r.rsplit(",", 1)[0] for r in TWO])
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None and schema.ticker == "AAPL" and schema.columns[3].canonical is None
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow
    assert set(prices["ticker"].to_pylist()) == {"AAPL"} and prices.num_rows == 3


@pytest.mark.parametrize("extra", ["dema_close", "hma_close", "fast_close", "trend_close"])
def test_a_moving_average_beside_one_lower_case_tickers_columns_loads_its_rows(extra):
    # A quant's dump of one ticker and a series derived from its closes: refused as two tickers'
    # (the derived one "naming another ticker"), where it loaded the ticker's rows before.
    data = _rows(f"date,spy_close,spy_volume,{extra}", *[r.rsplit(",", 1)[0] for r in TWO])
    schema = detect_bytes(data, "spy.csv")
    assert schema.problem is None and schema.columns[3].canonical is None
    prices = normalise_bytes(data, schema, "spy.csv").prices_arrow
    assert prices.num_rows == 3 and set(prices["ticker"].to_pylist()) == {"SPY"}
    assert prices["close"].to_pylist() == [130.0, 130.1, 130.2]


def test_an_indicators_high_and_low_beside_the_days_prices_are_no_other_tickers():
    # Tiingo's daily AAPL saved by a screener with its indicators (trimmed): an order block's high and
    # low ("OB_High,OB_Low") were read as ticker OB's bars and the whole file refused as two tickers'.
    data = _rows(
        "date,Close,High,Low,Open,Volume,Peaks_Valleys_avg,color,SMA_50,OB,OB_High,OB_Low,OB_Mitigated_Index",
        "2022-01-03 00:00:00+00:00,178.6649357263,179.5189464624,174.4439631225,174.5617577068,104701220,,"
        "#000000,,0.0,0.0,0.0,0.0",
        "2022-01-04 00:00:00+00:00,176.3973899787,179.5778437546,175.8280494879,179.2735410785,99310438,,"
        "#000000,,0.0,0.0,0.0,0.0",
        "2022-01-24 00:00:00+00:00,158.6496726119,159.3171752562,151.8568515843,157.0790781546,162706686,"
        "156.60789981746666,#000000,,1.0,158.2,152.1,0.0")
    schema = detect_bytes(data, "AAPL_daily_010725.csv")
    assert schema.problem is None
    assert [c.canonical for c in schema.columns][:6] == ["date", "close", "high", "low", "open", "volume"]
    assert all(c.canonical is None for c in schema.columns[6:])
    prices = normalise_bytes(data, schema, "AAPL_daily_010725.csv").prices_arrow
    assert prices.num_rows == 3 and prices["close"].to_pylist() == [178.6649357263, 176.3973899787, 158.6496726119]
    assert prices["high"].to_pylist()[2] == 159.3171752562


@pytest.mark.parametrize(("band", "refused"), [
    # Another ticker's range far from the file's prices: its columns had been left unread without a word.
    ("MSFT_High,MSFT_Low", [("380", "375"), ("382", "376"), ("381", "377")]),
    ("GE_High,GE_Low", [("30.5", "29.5"), ("31", "30"), ("30", "29")]),
])
def test_another_tickers_high_and_low_far_from_the_files_prices_refuse_the_file(band, refused):
    rows = [f"2024-01-0{d},100,101,99,100.5,{hi},{lo}" for d, (hi, lo) in zip((2, 3, 4), refused)]
    data = _rows(f"Date,Open,High,Low,Close,{band}", *rows)
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert band.replace(",", ", ") in schema.problem


def test_a_keltner_channel_around_the_files_prices_is_its_band():
    data = _rows("Date,Open,High,Low,Close,KC_High,KC_Low",
                 "2024-01-02,100,101,99,100.5,104.2,96.1", "2024-01-03,100.5,102,100,101.5,105.0,97.0",
                 "2024-01-04,101.5,103,101,102,105.9,98.2")
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None and [c.canonical for c in schema.columns][5:] == [None, None]
    prices = normalise_bytes(data, schema, "AAPL.csv").prices_arrow
    assert prices["close"].to_pylist() == [100.5, 101.5, 102.0]


@pytest.mark.parametrize("band", ["ATH_High,ATH_Low", "52wk High,52wk Low"])
def test_a_fallen_shares_span_high_and_low_far_above_it_are_its_band(band):
    # An all-time (or 52-week) high eight times the close, the low beside it: they hold the close
    # between them, as no other ticker's range does. Refused as another ticker's had they been.
    rows = [f"2024-01-{d:02d},10.{d:02d},10.5,9.8,10.{d:02d},80.00,9.50" for d in (2, 3, 4, 5)]
    data = _rows(f"Date,Open,High,Low,Close,{band}", *rows)
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "AAPL.csv").prices_arrow["close"].to_pylist() == [10.02, 10.03, 10.04, 10.05]


def test_another_tickers_close_beside_its_high_and_low_still_refuses_the_file():
    # The range rule spares a label naming a high and a low alone; SPY's close beside them is a series.
    data = _rows("Date,Open,High,Low,Close,SPY_High,SPY_Low,SPY_Close",
                 "2021-01-04,1.0,1.2,0.9,1.1,371.0,365.0,368.8", "2021-01-05,1.1,1.3,1.0,1.2,372.0,366.0,371.3")
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert "SPY_High, SPY_Low, SPY_Close" in schema.problem


@pytest.mark.parametrize(("header", "tickers"), [
    # Words over a close alone ("am_close,pm_close", "exp_close"), but each over a close and a
    # volume: Philip Morris and Altria, Eagle Materials and Fitbit, as before. Taken for words, one's
    # rows loaded under the file's name and the other's unread without a word, or the file refused.
    ("date,pm_close,pm_volume,mo_close,mo_volume", ["PM", "MO"]),
    ("date,exp_close,exp_volume,fit_close,fit_volume", ["EXP", "FIT"]),
    ("date,ibm_close,ibm_volume,hp_close,hp_volume", ["IBM", "HP"]),
    ("Date,AAPL_close,AAPL_volume,pm_close,pm_volume", ["AAPL", "PM"]),
])
def test_tickers_that_are_words_over_a_close_alone_are_tickers_over_whole_sets(header, tickers):
    data = _rows(header, *TWO)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical) for c in schema.columns][1:] == [
        (tickers[0], "close"), (tickers[0], "volume"), (tickers[1], "close"), (tickers[1], "volume")]
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    assert sorted((r["ticker"], r["close"], r["volume"]) for r in prices if str(r["date"]) == "2021-01-04") == \
        sorted([(tickers[0], 130.0, 900000), (tickers[1], 220.0, 500000)])


@pytest.mark.parametrize("header", [
    "date,entry_price,exit_price", "date,limit_price,stop_price", "date,list_price,sale_price",
    "date,book_price,par_price", "date,order_price,deal_price", "date,fv_price,mv_price"])
def test_words_over_a_price_in_lower_case_are_no_close_matrix(header):
    # A field by a synonym ("price") beside a word in lower case: one instrument's prices of several
    # kinds as often, loaded as tickers "ENTRY" and "EXIT".
    data = _rows(header, *[r.rsplit(",", 1)[0] for r in CLOSES])
    schema = detect_bytes(data, "gold.csv")
    assert all(c.series is None for c in schema.columns)
    assert set(normalise_bytes(data, schema, "gold.csv").prices_arrow["ticker"].to_pylist()) <= {"GOLD"}


@pytest.mark.parametrize("extra", ["stop_price", "limit_price"])
def test_a_price_by_a_synonym_beside_one_lower_case_tickers_columns_is_no_ticker(extra):
    # "date,spy_close,spy_volume,stop_price": a stop's price, no ticker STOP; the file loads SPY's rows.
    data = _rows(f"date,spy_close,spy_volume,{extra}", *[r.rsplit(",", 1)[0] for r in TWO])
    schema = detect_bytes(data, "spy.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "spy.csv").prices_arrow
    assert prices.num_rows == 3 and prices["close"].to_pylist() == [130.0, 130.1, 130.2]


@pytest.mark.parametrize("header", ["date,promo_price,shelf_price", "date,brent_price,wti_price"])
def test_labels_over_a_price_by_a_synonym_are_refused_not_read_as_tickers(header):
    # No word list holds every kind of price ("promo", "shelf"): over a field named by its synonym,
    # a ticker-shaped label is not read as a ticker (loaded as "PROMO" and "SHELF"), and two such
    # series are refused naming them, as "google_close,amazon_close" are.
    data = _rows(header, *[r.rsplit(",", 1)[0] for r in CLOSES])
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert f"({header.split(',', 1)[1].replace(',', ', ')})" in schema.problem
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 0
@pytest.mark.parametrize("header", [
    "date,aapl_close,msft_close,aapl_vol_k,msft_vol_k",
    "date,aapl_close,msft_close,aapl_volume_thousands,msft_volume_thousands",
    "Date,AAPL Close,MSFT Close,AAPL Vol_K,MSFT Vol_K",
    "Date,AAPL_Close,MSFT_Close,AAPL_Vol_K,MSFT_Vol_K",
])
def test_each_tickers_volume_named_with_its_scale_is_that_tickers_scaled(header):
    # Grouped by field, a volume whose name carries its scale was not split: taken as the last
    # label's column (a merged label's), AAPL's volumes loaded as MSFT's and MSFT's unread.
    data = _rows(header, "2021-01-04,130.0,220.0,450,300", "2021-01-05,130.1,220.1,451,301")
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical, c.multiplier) for c in schema.columns][3:] == [
        ("AAPL", "volume", 1000), ("MSFT", "volume", 1000)]
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    assert sorted((r["ticker"], r["close"], r["volume"]) for r in prices)[::2] == [
        ("AAPL", 130.0, 450000), ("MSFT", 220.0, 300000)]


@pytest.mark.parametrize("header", ["date,aapl_close,msft_close,vol_k", "Date,AAPL Close,MSFT Close,Volume (K)",
                                    "Date,AAPL Close,MSFT Close,Vol_K"])
def test_a_volume_named_with_its_scale_beside_several_tickers_refuses_the_file(header):
    # As a bare "Volume" there does: whose volume? Loaded as MSFT's (the last label's), a thousandfold.
    data = _rows(header, "2021-01-04,130.0,220.0,450", "2021-01-05,130.1,220.1,451")
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)


@pytest.mark.parametrize(("cell", "split"), [
    ("Close (MSFT)", ("MSFT", "Close")), ("Close [AAPL]", ("AAPL", "Close")), ("AAPL|Close", ("AAPL", "Close")),
    ("AAPL Close USD", ("AAPL", "Close")), ("AAPL Close (K)", ("AAPL", "Close")),
])
def test_a_ticker_in_brackets_after_a_bar_or_before_a_currency_splits(cell, split):
    assert split_cell(cell) == split


@pytest.mark.parametrize("cell", ["Close (K)", "Volume (M)", "Volume (mil)", "Close (BN)", "Close (USD)",
                                  "Close (A)", "AAPL Volume USD", "Volume (000s)"])
def test_a_scale_a_currency_or_a_class_in_brackets_is_no_ticker_alone(cell):
    # A bracket that is a scale is read as one unless the header writes its tickers in brackets
    # ("Close (BN)" beside "Close (MSFT)"); one letter is a share class as often; money is no volume.
    assert split_cell(cell) is None


def _loaded(header: str, *rows: str) -> tuple[object, list[tuple]]:
    data = _rows(header, *rows)
    schema = detect_bytes(data, "prices.csv")
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    return schema, sorted((r["ticker"], str(r["date"]), r["close"], r["volume"]) for r in prices)


@pytest.mark.parametrize("header", ["Date,AAPL Close,MSFT Close,AAPL Volume USD,MSFT Volume USD",
                                    "Date,AAPL Close,AAPL Volume USD,MSFT Close,MSFT Volume USD",
                                    # In brackets the currency was cut off as a unit, and each ticker's
                                    # dollars loaded as its volume, without a word.
                                    "Date,AAPL Close,AAPL Volume (USD),MSFT Close,MSFT Volume (USD)",
                                    "Date,AAPL Close,MSFT Close,AAPL Volume (EUR),MSFT Volume (EUR)"])
def test_a_tickers_turnover_in_money_is_no_ones_volume(header):
    # Unsplit, "AAPL Volume USD" was taken as the column of the label left of it (a merged label's):
    # AAPL's dollar turnover loaded as MSFT's share volume. Money traded is no volume at all.
    rows = ["2021-01-04,130.0,220.0,9000000,5000000", "2021-01-05,130.1,220.1,9000001,5000001"]
    if header.split(",")[2] != "MSFT Close":
        rows = ["2021-01-04,130.0,9000000,220.0,5000000", "2021-01-05,130.1,9000001,220.1,5000001"]
    schema, loaded = _loaded(header, *rows)
    assert schema.problem is None
    assert [c.canonical for c in schema.columns if "Volume" in c.name] == [None, None]
    assert loaded == [("AAPL", "2021-01-04", 130.0, None), ("AAPL", "2021-01-05", 130.1, None),
                      ("MSFT", "2021-01-04", 220.0, None), ("MSFT", "2021-01-05", 220.1, None)]


@pytest.mark.parametrize("header", ["date,aapl_close_k,msft_close_k", "Date,AAPL Close K,MSFT Close K",
                                    "Date,Close_AAPL_k,Close_MSFT_k",
                                    "date,aapl_close_k,aapl_vol_k,msft_close_k,msft_vol_k"])
def test_each_tickers_price_named_with_its_scale_refuses_the_file(header):
    # AAPL's closes loaded under the file's name, as written (thousands as units), and MSFT's unread.
    width = header.count(",")
    schema, loaded = _loaded(header, *[f"2021-01-0{d}," + ",".join(["23.5"] * width) for d in (4, 5)])
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert "scale" in schema.problem and header.split(",")[1] in schema.problem
    assert loaded == []


def test_each_tickers_price_with_its_scale_in_brackets_loads_each_scaled():
    schema, loaded = _loaded("Date,AAPL Close (K),MSFT Close (K)", "2021-01-04,23.5,41.25", "2021-01-05,23.6,41.5")
    assert schema.problem is None
    assert loaded == [("AAPL", "2021-01-04", 23500.0, None), ("AAPL", "2021-01-05", 23600.0, None),
                      ("MSFT", "2021-01-04", 41250.0, None), ("MSFT", "2021-01-05", 41500.0, None)]


@pytest.mark.parametrize(("header", "tickers"), [
    ("Date,Close (BN),Volume (BN),Close (MSFT),Volume (MSFT)", ["BN", "MSFT"]),
    ("Date,Close (AAPL),Volume (AAPL),Close (MSFT),Volume (MSFT)", ["AAPL", "MSFT"]),
    ("Date,Close [AAPL],Volume [AAPL],Close [MSFT],Volume [MSFT]", ["AAPL", "MSFT"]),
    ("Date,AAPL|Close,AAPL|Volume,MSFT|Close,MSFT|Volume", ["AAPL", "MSFT"]),
    ("Date,AAPL Close USD,AAPL Volume,MSFT Close USD,MSFT Volume", ["AAPL", "MSFT"]),
])
def test_tickers_in_brackets_after_each_field_or_otherwise_decorated_load_each(header, tickers):
    # "(BN)" read as billions: BN's volumes loaded under the file's name a billionfold, MSFT's unread;
    # "(AAPL)" loaded under ticker "(AAPL)"; "AAPL|Close", "AAPL Close USD" left AAPL's under the file's name.
    schema, loaded = _loaded(header, *TWO[:2])
    assert schema.problem is None
    assert all(c.multiplier is None for c in schema.columns)
    a, m = tickers
    assert loaded == [(a, "2021-01-04", 130.0, 900000), (a, "2021-01-05", 130.1, 900001),
                      (m, "2021-01-04", 220.0, 500000), (m, "2021-01-05", 220.1, 500001)]


@pytest.mark.parametrize(("header", "multipliers"), [
    ("Date,Close (K),Volume (M)", [None, 1000, 1_000_000]), ("Date,Close,Volume (BN)", [None, None, 1_000_000_000]),
    ("Date,Close (USD),Volume (000s)", [None, None, 1000]),
])
def test_a_bracket_that_is_a_scale_beside_no_bracketed_ticker_stays_a_scale(header, multipliers):
    schema = detect_bytes(_rows(header, "2021-01-04,23.5,45", "2021-01-05,23.6,46"), "prices.csv")
    assert schema.problem is None and [c.multiplier for c in schema.columns] == multipliers


@pytest.mark.parametrize("header", [
    "Date,Close (LSE),Close (NYSE)", "Date,Close (NSE),Close (BSE)", "Date,Close (ORD),Close (ADR)",
    "Date,Close (SPOT),Close (FUT)", "Date,Close (TR),Close (PR)", "Date,Close (RTRS),Close (BBG)",
    "Date,Close (XETRA),Close (LSE)", "Date,Close (PM),Close (AM)", "Date,Close (LDN),Close (NY)",
    "Date,Close (LSE),Volume (LSE),Close (NYSE),Volume (NYSE)",
    "Date,Close (AAPL),Volume (AAPL),Close (MSFT),Volume (MSFT),Close (LSE)",
])
def test_one_instruments_venues_sources_or_sessions_in_brackets_are_no_tickers(header):
    # Read as tickers, one stock's London and New York closes loaded as tickers "LSE" and "NYSE"
    # (or "(LSE)", "(NYSE)"); with "(LDN)", "(NY)" read as qualifiers, London's loaded alone and
    # New York's were unread. Two such series are refused, as before brackets were read.
    # Beside tickers in brackets, "Close (LSE)" loaded as ticker LSE's, a close of no ticker said.
    width = header.count(",")
    cells = (["23.5", "900"] * width)[:width]
    schema, loaded = _loaded(header, *[f"2021-01-0{d}," + ",".join(cells) for d in (4, 5)])
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert loaded == []


@pytest.mark.parametrize("header", ["Date,Close (NYSE),Volume (NYSE)", "Date,Close (ET),Volume (ET)",
                                    "Date,Close (ADR),Volume (ADR)", "Date,Close [LSE],Volume [LSE]",
                                    "Date,Close (BBG),Volume (BBG)", "Date,Close (FTSE),Volume (FTSE)"])
def test_one_label_in_brackets_after_each_field_does_not_name_the_files_rows(header):
    # A bracket after the fields of one instrument notes its venue, source, session or clock as often
    # as its ticker: VOD's rows loaded under "NYSE", "ET", "ADR". They load under the file's name.
    schema, loaded = _loaded(header, "2021-01-04,130.0,900000", "2021-01-05,130.1,900001")
    assert schema.problem is None
    assert loaded == [("PRICES", "2021-01-04", 130.0, 900000), ("PRICES", "2021-01-05", 130.1, 900001)]


def test_a_price_in_a_currency_beside_the_same_price_plain_leaves_the_plain_one_the_close():
    # Cut off its currency, "AAPL Close EUR" was a second AAPL close: the file, which loaded each
    # ticker's plain close, was refused as columns of another ticker left unread.
    schema, loaded = _loaded("Date,AAPL Close,AAPL Close EUR,MSFT Close,MSFT Close EUR",
                             "2021-01-04,130.0,120.0,220.0,200.0", "2021-01-05,130.1,120.1,220.1,200.1")
    assert schema.problem is None
    assert loaded == [("AAPL", "2021-01-04", 130.0, None), ("AAPL", "2021-01-05", 130.1, None),
                      ("MSFT", "2021-01-04", 220.0, None), ("MSFT", "2021-01-05", 220.1, None)]


@pytest.mark.parametrize("note", ["Close (T-1)", "Close (UTC)", "Close (NYSE)"])
def test_a_note_in_brackets_beside_tickers_written_plain_stays_a_qualifiers_unread_column(note):
    # "Close (UTC)" beside "AAPL Close,MSFT Close" loaded a third ticker, "UTC". Such a close (no
    # ticker in brackets) is a qualifier's, left unread as "PREV Close" is: each ticker's own load.
    schema, loaded = _loaded(f"Date,AAPL Close,MSFT Close,{note}", "2021-01-04,130.0,220.0,129.0",
                             "2021-01-05,130.1,220.1,130.0")
    assert schema.problem is None
    assert loaded == [("AAPL", "2021-01-04", 130.0, None), ("AAPL", "2021-01-05", 130.1, None),
                      ("MSFT", "2021-01-04", 220.0, None), ("MSFT", "2021-01-05", 220.1, None)]


@pytest.mark.parametrize("header", ["time,Close (7203),Close (6758)", "time,7203 Close,6758 Close",
                                    "time,600519_close,000001_close", "time,Close 2023,Close 2024",
                                    "time,7203 Close JPY,6758 Close JPY", "time,Close (7203),Close (MSFT)",
                                    "time,Close (MSFT),Close (7203)"])
def test_series_labelled_by_numbers_refuse_the_file(header):
    # Tokyo's codes (or years) beside a close: no letter, never read as tickers. Read as one series,
    # 7203's closes loaded under the file's name and 6758's were left unread without a word; beside
    # "Close (MSFT)", the header's one ticker, 7203's closes loaded as MSFT's.
    schema, loaded = _loaded(header, "1704639600,2514,13000", "1704726000,2520,13010")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert header.split(",")[2] in schema.problem and "a number a code's or a year's" in schema.problem
    assert loaded == []


@pytest.mark.parametrize("header", [
    # Each label a currency's code as well as a common ticker (AMD, NOK, ALL), or only a currency's:
    # read as one instrument's currencies, the first loaded under the file's name, the others unread.
    "Date,AMD Close,NOK Close", "Date,AMD Close,ALL Close", "Date,AMD Close,AMD Volume,NOK Close,NOK Volume",
    "date,amd_close,nok_close", "Date,HKD Close,CNY Close", "Date,USD Close,EUR Close",
    "Date,Close USD,Close EUR", "Date,Close USD,Close EUR,Close GBP", "Date,Open USD,Close USD,Open EUR,Close EUR",
    # One letter in brackets, a share class's as often as a ticker's (F, T, C are Ford's, AT&T's,
    # Citi's); numbers: one series loaded, the others unread.
    "Date,Close (A),Close (B)", "Date,Close (F),Close (T)", "date,close_a,close_b", "Date,Close 1,Close 2",
    # Venues and other notes: loaded as tickers "LSE" and "NYSE", or the first alone.
    "Date,Close LSE,Close NYSE", "Date,Close|NYSE,Close|LSE", "Date,LSE Close,NYSE Close", "Date,Close.LSE,Close.NYSE",
    "Date,Close_LSE,Close_NYSE", "Date,Close - LSE,Close - NYSE", "Date,Close XETRA,Close FRANKFURT",
    "Date,Close NYSE,Volume NYSE,Close LSE,Volume LSE", "date,close_lse,close_nyse", "date,nyse_close,lse_close",
    "Date,Close PRIMARY,Close COMPOSITE", "Date,SPOT Close,FUT Close",
    # A note in brackets no list holds, a word longer than a ticker: loaded as tickers "INDICATIVE", "FIRM".
    "Date,Close (INDICATIVE),Close (FIRM)", "Date,Close INDICATIVE,Close FIRM",
    # One ticker's closes on two venues: its London close loaded, New York's unread.
    "Date,AAPL Close (LSE),AAPL Close (NYSE)",
    # Sides of the quote: the bid loaded as the close.
    "Date,Close Bid,Close Ask", "Date,Open Bid,High Bid,Low Bid,Close Bid,Open Ask,High Ask,Low Ask,Close Ask",
])
def test_several_series_labelled_by_no_ticker_refuse_the_file_naming_them(header):
    cells = header.split(",")
    data = _three_days_of(header)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE), schema.problem
    assert cells[1 if len(cells) > 5 else -1] in schema.problem  # named, whichever check refuses it
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 0


def _two_days(volumes: bool) -> list[str]:
    """Two days of AAPL's and MSFT's closes (with their volumes after each), in their headers' order."""
    return (["2021-01-04,130.0,900,220.0,500", "2021-01-05,130.1,901,220.1,501"] if volumes
            else ["2021-01-04,130.0,220.0", "2021-01-05,130.1,220.1"])


def _three_days_of(header: str) -> bytes:
    """The header over three days of a bar that holds: each volume 1000, high 12, low 9, the rest 10."""
    cells = header.split(",")
    row = ",".join(["{d}"] + [("1000" if "olume" in c.lower() else "12.0" if "high" in c.lower()
                               else "9.0" if "low" in c.lower() else "10.0") for c in cells[1:]])
    return _rows(header, *(row.format(d=d) for d in ("2021-01-04", "2021-01-05", "2021-01-06")))


def _refused_side_by_side(header: str, name: str = "prices.csv") -> FileSchema:
    """The schema of `header` over three days, refused as series side by side, no row loaded."""
    data = _three_days_of(header)
    schema = detect_bytes(data, name)
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE), schema.problem
    assert normalise_bytes(data, schema, name).prices_arrow.num_rows == 0
    return schema


def _loads_three_days(header: str) -> FileSchema:
    """The schema of `header` over three days, which loads all three."""
    data = _three_days_of(header)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 3
    return schema


@pytest.mark.parametrize("header", ["Date,AAPL Close (LSE),MSFT Close (LSE)",
                                    "Date,AAPL Close (LSE),AAPL Volume (LSE),MSFT Close (LSE),MSFT Volume (LSE)",
                                    "Date,AAPL Close (UTC),MSFT Close (UTC)"])
def test_tickers_and_fields_with_a_note_in_brackets_load_each_ticker(header):
    # The note (a venue, a clock's zone) is no part of the field: unsplit, AAPL's closes loaded under
    # the file's name and MSFT's were left unread without a word.
    volumes = "Volume" in header
    schema, loaded = _loaded(header, *_two_days(volumes))
    assert schema.problem is None
    assert loaded == [("AAPL", "2021-01-04", 130.0, 900 if volumes else None),
                      ("AAPL", "2021-01-05", 130.1, 901 if volumes else None),
                      ("MSFT", "2021-01-04", 220.0, 500 if volumes else None),
                      ("MSFT", "2021-01-05", 220.1, 501 if volumes else None)]


def test_a_tickers_close_with_a_note_beside_its_own_close_stays_unread():
    # As a close in a currency does ("AAPL Close,AAPL Close EUR"): AAPL's own close is its close.
    schema, loaded = _loaded("Date,AAPL Close,AAPL Close (LSE),MSFT Close", "2021-01-04,130.0,100.0,220.0")
    assert schema.problem is None and schema.columns[2].canonical is None
    assert loaded == [("AAPL", "2021-01-04", 130.0, None), ("MSFT", "2021-01-04", 220.0, None)]


@pytest.mark.parametrize("header", ["Date,AAPL Close,MSFT Close", "Date,Close (AAPL),Close (MSFT)",
                                    "date,aapl_close,msft_close", "Date,AAPL.Close,MSFT.Close",
                                    "Date,F Close,T Close", "Date,ALL Close,AAPL Close",
                                    "Date,AAPL Close USD,MSFT Close USD"])
def test_tickers_side_by_side_still_load_each_ticker(header):
    schema, loaded = _loaded(header, "2021-01-04,130.0,220.0")
    tickers = [c.series for c in schema.columns[1:]]
    assert schema.problem is None and None not in tickers
    assert loaded == sorted([(tickers[0], "2021-01-04", 130.0, None), (tickers[1], "2021-01-04", 220.0, None)])


@pytest.mark.parametrize("header", ["date,close_k,volume_k", "date,open_k,high_k,low_k,close_k",
                                    "Date,Close K,Volume K", "Date,Close thousands,Volume"])
def test_one_instruments_prices_named_with_a_scale_refuse_the_file(header):
    # "_k" is not read for prices (it may be a series' or a ticker's letter, Kellogg's K): read as
    # written, the closes loaded a thousandfold off under the file's name.
    cells = header.split(",")
    data = _three_days_of(header)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert "scale written onto their names" in schema.problem
    assert f"({', '.join(c for c in cells[1:] if 'olume' not in c or '_k' in c or ' K' in c)})" in schema.problem
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("header", [
    # Names longer than a US ticker's five letters, written where a ticker is: NSE's symbols, a coin's,
    # a metal's or an index's name; a series word that is a ticker beside another (Spotify's SPOT).
    # Each had loaded right under its own name, then the file was refused as words over one series.
    "Date,RELIANCE Close,HDFCBANK Close", "Date,GOLD Close,SILVER Close", "Date,BITCOIN Close,ETHEREUM Close",
    "Date,NIKKEI Close,SENSEX Close", "Date,SPOT Close,AAPL Close", "Date,AAPL Close,SPOT Close",
    "Date,\"('Close', 'SPOT')\",\"('Close', 'AAPL')\"",
])
def test_long_names_and_word_tickers_beside_tickers_still_load_each(header):
    schema, loaded = _loaded(header, "2021-01-04,130.0,220.0")
    tickers = [c.series for c in schema.columns[1:]]
    assert schema.problem is None and None not in tickers
    assert loaded == sorted([(tickers[0], "2021-01-04", 130.0, None), (tickers[1], "2021-01-04", 220.0, None)])


def test_long_names_after_their_fields_over_a_whole_set_still_load_each():
    # pandas' flattened "Close_INFY,Volume_INFY": a ticker over its close and volume, no note.
    schema, loaded = _loaded("Date,Close_RELIANCE,Volume_RELIANCE,Close_HDFCBANK,Volume_HDFCBANK", *TWO[:1])
    assert schema.problem is None
    assert loaded == [("HDFCBANK", "2021-01-04", 220.0, 500000), ("RELIANCE", "2021-01-04", 130.0, 900000)]


@pytest.mark.parametrize("header", ["Date,AAPL Close (IBM),MSFT Close (IBM)",
                                    "Date,AAPL Close (IBM),AAPL Volume (IBM),MSFT Close (IBM),MSFT Volume (IBM)",
                                    "Date,AAPL Close (Apple Inc),MSFT Close (Microsoft)"])
def test_tickers_fields_with_a_note_that_may_be_a_ticker_refuse_the_file(header):
    # "(IBM)" may be IBM's prices as well as a note: unsplit, AAPL's closes loaded under the file's
    # name and MSFT's were left unread without a word.
    volumes = "Volume" in header
    schema, loaded = _loaded(header, *_two_days(volumes))
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert header.split(",")[-1] in schema.problem
    assert loaded == []


@pytest.mark.parametrize("note", ["prev", "chg", "Bid", "MA20", "T-1", "yesterday"])
def test_tickers_fields_with_a_qualifier_in_brackets_are_not_their_closes(note):
    # A qualifier is another figure than the close: cut off as a note, the day before's close, a
    # change or a bid loaded as AAPL's and MSFT's closes.
    schema, loaded = _loaded(f"Date,AAPL Close ({note}),MSFT Close ({note})",
                             "2021-01-04,130.0,220.0", "2021-01-05,130.1,220.1")
    assert not any(c.series for c in schema.columns)  # no "AAPL", no "MSFT"
    assert loaded == []  # refused (naming them) or no close read


@pytest.mark.parametrize("header", ["Date,Close USD,Close EUR,Volume", "Date,Close (A),Close (B),Volume",
                                    "date,spot_close,fut_close,volume", "Date,AMD Close,NOK Close,Volume",
                                    "Date,Close (USD),Volume,Close (EUR)"])
def test_several_series_labelled_by_no_ticker_beside_a_plain_volume_refuse_the_file(header):
    # A volume named by its field alone says no more whose the closes are: the first loaded under the
    # file's name and the others were left unread, as without it.
    data = _three_days_of(header)
    schema = detect_bytes(data, "prices.csv")
    # A spot's and a future's closes are one instrument's several, said so.
    refusal = SEVERAL_CLOSES if "spot_close" in header or "(EUR)" in header else SIDE_BY_SIDE
    assert schema.problem is not None and schema.problem.startswith(refusal), schema.problem
    assert [c for c in header.split(",")[1:] if "olume" not in c][-1] in schema.problem
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("header", ["Date,Close (Nasdaq),Adj Close (Nasdaq)",
                                    "Date,Close (LSE),Adj Close (LSE),Volume (LSE)",
                                    "Date,Close (Nasdaq),Adj Close (Nasdaq),Volume"])
def test_one_instruments_close_and_adjusted_close_with_a_venues_note_load(header):
    # "Adj Close (LSE)" is the adjusted close of the instrument "Close (LSE)" is the close of, no
    # series "Adj": read as two series, the file was refused where it had loaded right.
    rows = ["2021-01-04,10.0,9.5,100", "2021-01-05,10.1,9.6,101"] if "Volume" in header else \
        ["2021-01-04,10.0,9.5", "2021-01-05,10.1,9.6"]
    data = _rows(header, *rows)
    schema = detect_bytes(data, "vod.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "vod.csv").prices_arrow.to_pylist()
    assert [(r["close"], r["adj_close"]) for r in prices] == [(10.0, 9.5), (10.1, 9.6)]


@pytest.mark.parametrize("header", [
    # A run of letters or numbers labels series, not tickers (A, B and C are Agilent's, Barnes' and
    # Citi's): loaded as tickers A, B and C.
    "Date,Close A,Close B,Close C", "Date,A Close,B Close", "Date,Close X,Close Y,Close Z",
    # A quote's standing, written before the field: loaded as tickers "INDICATIVE" and "FIRM".
    "Date,INDICATIVE Close,FIRM Close",
    # An analyst's estimate, not the zone EST: each loaded as the ticker's close.
    "Date,AAPL Close (est),MSFT Close (est)",
])
def test_series_labelled_by_a_run_of_letters_a_quote_s_standing_or_an_estimate_refuse(header):
    _refused_side_by_side(header)


def test_letters_that_make_no_run_still_load_as_tickers():
    # Ford and AT&T, Citigroup and Dominion: no labelling from A or 1.
    for header in ("Date,F Close,T Close", "Date,C Close,D Close"):
        schema, loaded = _loaded(header, "2021-01-04,13.0,22.0")
        assert schema.problem is None
        assert [t for t, *_ in loaded] == header.replace(" Close", "").split(",")[1:]


@pytest.mark.parametrize("header", ["Date,AAPL Close (%),MSFT Close (%)", "Date,Close (%)", "Date,Close (est)",
                                    "Date,AAPL Close %,MSFT Close %"])
def test_a_percentage_or_an_estimate_of_a_close_is_no_close(header):
    # "Close (%)" was a close by its letters (the sign dropped): a day's change of 1.2% loaded as 1.2.
    data = _three_days_of(header)
    schema = detect_bytes(data, "prices.csv")
    result = normalise_bytes(data, schema, "prices.csv")
    assert result.prices_arrow.num_rows == 0
    assert schema.problem is not None or result.rejected.reason.str.contains("no close column").all()


def test_a_percentage_beside_each_plain_close_is_left_unread_and_the_zone_est_still_loads():
    schema, loaded = _loaded("Date,AAPL Close,AAPL Close (%),MSFT Close,MSFT Close (%)",
                             "2021-01-04,130.0,1.2,220.0,0.5")
    assert schema.problem is None and [c.canonical for c in schema.columns] == ["date", "close", None, "close", None]
    assert loaded == [("AAPL", "2021-01-04", 130.0, None), ("MSFT", "2021-01-04", 220.0, None)]
    schema, loaded = _loaded("Date,AAPL Close (EST),MSFT Close (EST)", "2021-01-04,130.0,220.0")
    assert loaded == [("AAPL", "2021-01-04", 130.0, None), ("MSFT", "2021-01-04", 220.0, None)]


@pytest.mark.parametrize("header", ["Date,Total Close,Apple Close,Microsoft Close", "Date,Value Close,Growth Close",
                                    "date,value_close,growth_close", "date,weighted_close,equal_close",
                                    "date,avg_close,msft_close", "date,equal_close,weighted_close",
                                    "Date,Growth Close,Weighted Close", "Date,Apple Close,Typical Close",
                                    "date,spot_close,avg_close", "Date,Close USD,Close Average",
                                    "Date,Value Close,Google Close,Value Volume,Google Volume",
                                    # a mean after a series' close: loaded the series' (a simulation's summary)
                                    "Date,Growth Close,Mean Close", "date,growth_close,avg_close"])
def test_a_total_or_a_style_beside_other_series_is_no_word_of_which_price(header):
    # "Total", "Value", "Weighted", "Avg" name a series made of others or set beside them (a portfolio's
    # total, a value index beside a growth one), not which of one instrument's prices: read as which
    # price ("Closing Price - VWAP"), the first loaded under the file's name and the others went unread.
    _refused_side_by_side(header)


@pytest.mark.parametrize("header", ["date,last_close,aapl_close", "Date,Price Close,Apple Close",
                                    "date,vwap_close,twap_close",
                                    "Date,TOTAL Close,AAPL Close", "Date,AAPL Close,AAPL Volume,INDEX Close"])
def test_a_second_series_beside_a_close_named_by_which_price_or_by_a_ticker_is_refused(header):
    # The close named by which price it is ("Closing Price", "last_close") stood as a plain "Close":
    # the same close in another currency, a ticker's or a name's close beside it, or a total beside
    # AAPL's close, was left unread without a word and the first loaded as the file's only series.
    schema = _refused_side_by_side(header)
    shown = [c.name for c in schema.columns if c.name in schema.problem]
    assert len(shown) >= 1 and any(c.canonical is None and c.name in shown for c in schema.columns)


@pytest.mark.parametrize(("header", "close"), [
    ("Date,Last Close,Prev Close,Close %", "Last Close"), ("date,trade_close,settlement_close", "trade_close"),
    ("Date,Last Price,Last Price (Bid)", "Last Price"), ("Date,Settlement Price,Settlement Price (prev)",
                                                         "Settlement Price"),
    ("Date,Closing Price - VWAP,Last Transaction Price,Closing Bid Price,Closing Offer Price",
     "Closing Price - VWAP"),
    ("Date,AAPL Close,AAPL Volume,SMA Close", "AAPL Close"), ("Date,INDEX Open,INDEX High,INDEX Low,INDEX Close",
                                                             "INDEX Close"),
    # The bare close beside itself written otherwise, as "Close,Close (EUR)" loads its plain close.
    ("Date,Closing Price,Closing Price (Pence)", "Closing Price"), ("Date,Closing Price,Closing Price (EUR)",
                                                                    "Closing Price"),
    # The day's average beside the close an exchange's list names by which price it is.
    ("Date,Closing Price,Average Price", "Closing Price"), ("Date,Closing Price,Avg Price", "Closing Price"),
    ("Date,Weighted Average Price,Closing Price", "Closing Price"),
    # An average beside a ticker's close in capitals is its own, in either order (26d9a30 had refused both).
    ("Date,AAPL Close,Avg Close", "AAPL Close"), ("Date,Mean Close,AAPL Close", "AAPL Close")])
def test_another_price_of_one_instrument_beside_its_close_still_loads(header, close):
    # The day before's close, a change, a bid or an offer, another kind of price, an average: one
    # instrument's, left unread beside its close as beside a plain "Close".
    schema = _loads_three_days(header)
    assert [c.name for c in schema.columns if c.canonical == "close"] == [close]


@pytest.mark.parametrize("header", ["Date,AAPL Close,AAPL Volume (units),MSFT Close,MSFT Volume (units)",
                                    "Date,AAPL Close ($),AAPL Vol (Stk.),MSFT Close ($),MSFT Vol (Stk.)",
                                    "Date,AAPL Close,AAPL Volume (pieces),MSFT Close,MSFT Volume (pieces)"])
def test_a_tickers_volume_naming_what_it_counts_is_its_volume(header):
    # As "Volume (shares)" is: unsplit, the volumes were left unread and both tickers loaded
    # without them, without a word.
    schema, loaded = _loaded(header, *_two_days(True))
    assert schema.problem is None
    assert loaded == [("AAPL", "2021-01-04", 130.0, 900), ("AAPL", "2021-01-05", 130.1, 901),
                      ("MSFT", "2021-01-04", 220.0, 500), ("MSFT", "2021-01-05", 220.1, 501)]


@pytest.mark.parametrize("header", ["Date,Closing Price,Closing Price (T-1)", "Date,Last Price,Last Price (D-1)",
                                    "Date,Closing Price,Closing Price (1W ago)", "Date,Closing Price,Official Close",
                                    "Date,Closing Price,Unadjusted Close", "date,closing_price,official_close"])
def test_the_day_befores_or_the_official_close_beside_a_close_named_by_which_price_still_loads(header):
    # "T-1" and "D-1" were cut at their hyphen and read as no day before's; an official or unadjusted
    # close is one instrument's as a bid is: each was taken for another series, and a file that
    # loaded its closes was refused as tickers side by side.
    schema = _loads_three_days(header)
    assert [c.name for c in schema.columns if c.canonical == "close"] == [header.split(",")[1]]


@pytest.mark.parametrize("header", ["Date,Fund NAV,Index Close", "Date,Fund NAV,Benchmark Close",
                                    "Date,Unit Price,INDEX Close"])
def test_a_benchmarks_close_beside_a_funds_own_price_is_refused(header):
    # A fund's file with its benchmark beside: "Index Close" took the close and "Fund NAV" was left
    # unread, the index's closes loaded under the fund's name without a word.
    _refused_side_by_side(header, "fund.csv")


@pytest.mark.parametrize("header", ["Date,Index Close,Index High,Index Low", "Date,NAV,Index Close",
                                    "Date,Index Close,Prev Close"])
def test_an_index_or_a_fund_beside_its_benchmark_still_loads(header):
    _loads_three_days(header)


@pytest.mark.parametrize("header", ["Date,Closing Price (USD),Closing Price",
                                    "Date,Last Price (EUR),Last Price,Volume"])
def test_a_close_in_a_currency_of_its_note_beside_the_bare_close_is_refused(header):
    # The mirror of "Closing Price,Closing Price (EUR)": the noted close was mapped and the bare one,
    # the same close in another currency, left unread without a word.
    _refused_side_by_side(header)


@pytest.mark.parametrize("header", ["Date,AAPL Close,MSFT Close,TOTAL Close", "Date,AAPL Close,MSFT Close,Total Close",
                                    "Date,AAPL Close,BENCHMARK Close,PORTFOLIO Close",
                                    "Date,AAPL Close,AAPL Volume,MSFT Close,MSFT Volume,INDEX Close"])
def test_a_total_or_benchmark_beside_tickers_side_by_side_is_refused(header):
    # AAPL's and MSFT's closes loaded and the total's was left unread without a word; "BENCHMARK" and
    # "PORTFOLIO" in capitals loaded as tickers of those names.
    schema = _refused_side_by_side(header)
    assert any(w in schema.problem for w in ("TOTAL Close", "Total Close", "BENCHMARK Close", "INDEX Close"))
    assert "made of others' prices" in schema.problem


def test_tickers_side_by_side_with_no_total_still_load():
    schema, loaded = _loaded("Date,AAPL Close,MSFT Close", *_two_days(False))
    assert schema.problem is None and {t for t, *_ in loaded} == {"AAPL", "MSFT"}


@pytest.mark.parametrize("header", ["Date,Closing Price,Daily Close", "Date,Closing Price,Spot Close",
                                    "Date,Closing Price,Auction Close", "Date,last_close,fut_close",
                                    # "unadj" had taken the adjusted close: the raw closes loaded as adjusted ones.
                                    "Date,last_close,unadj_close", "Date,closing_price,unadj_close"])
def test_one_instruments_several_closes_are_refused_as_such_not_as_tickers(header):
    # Refused as "several tickers side by side?": one instrument's closes (or a spot's and its future's),
    # none of them said to be the day's.
    data = _three_days_of(header)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and schema.problem.startswith(SEVERAL_CLOSES)
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 0
    assert detect_bytes(_three_days_of("Date,Apple Close,Microsoft Close"), "p.csv").problem.startswith(SIDE_BY_SIDE)


@pytest.mark.parametrize("header", ["Date,AAPL Close,TOT Close,MSFT Close", "Date,AAPL Close,PTF Close,MSFT Close"])
def test_a_listed_ticker_spelt_as_a_totals_label_beside_tickers_still_loads(header):
    # TotalEnergies (TOT on the NYSE until 2021) and Invesco's PTF ETF: refused as a total's or a
    # portfolio's beside the tickers, the whole file loaded nothing.
    schema, loaded = _loaded(header, "2019-01-02,157.9,54.2,101.1", "2019-01-03,142.2,53.8,97.4")
    assert schema.problem is None
    assert {t for t, *_ in loaded} == {h.split()[0] for h in header.split(",")[1:]}


@pytest.mark.parametrize("header", ["Date,Closing Price (USD),Closing Price (EUR)",
                                    "Date,Closing Price - VWAP (USD),Closing Price - VWAP (EUR)"])
def test_a_close_in_two_currencies_is_refused_as_one_instruments(header):
    # The same close in another currency: left unread without a word beside the first, loaded as the
    # file's only series; refused, as one instrument's closes in several currencies.
    data = _three_days_of(header)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem.startswith(f"{SEVERAL_CLOSES} in different currencies"), schema.problem
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 0


def test_one_funds_price_in_two_currencies_is_refused_as_such():
    # "NAV per share (EUR)" beside "(USD)": one fund's two currencies, refused as "several tickers side
    # by side?"; still refused (which to load is the user's call), but saying what the columns are.
    data = (b"Date,NAV per share (EUR),NAV per share (USD)\n2024-01-02,10.50,11.55\n2024-01-03,10.52,11.50\n"
            b"2024-01-04,10.55,11.60\n")
    problem = detect_bytes(data, "fund.csv").problem
    assert problem.startswith("several closes of one instrument in different currencies "
                              "(NAV per share (EUR), NAV per share (USD)): one price written in EUR, USD")
    assert "map the one to load" in problem.lower()
    assert judgement(problem) == SEVERAL_CLOSES
    # Names that differ by more than the currency stay "side by side?"; so do brackets holding no currency.
    for other in (b"NAV per unit (USD)", b"NAV per share (ABC)"):
        problem = detect_bytes(data.replace(b"NAV per share (USD)", other), "fund.csv").problem
        assert "different currencies" not in problem


def _beside_msft(band: str, band_of) -> bytes:
    # Twelve days of AAPL near 200; the band's columns from band_of(day, close).
    closes = [200.0, 203.1, 199.4, 204.8, 201.2, 206.9, 202.3, 198.7, 203.9, 200.1, 205.6, 201.8]
    days = [2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17]  # weekdays of January 2024
    rows = [f"2024-01-{days[d]:02d},{c - 0.5},{c + 2},{c - 2},{c},{','.join(band_of(d, c))}"
            for d, c in enumerate(closes)]
    return _rows(f"Date,Open,High,Low,Close,{band}", *rows)


def test_another_tickers_range_near_the_files_prices_moving_on_its_own_refuses_the_file():
    # MSFT's range at about 250, within three times AAPL's 200: taken for an indicator's band, its
    # columns had been left unread without a word. It moves each day as much as AAPL, and on its own.
    msft = [250.0, 248.2, 252.9, 249.1, 255.3, 251.0, 247.4, 253.8, 250.2, 256.1, 252.7, 249.0]
    data = _beside_msft("MSFT_High,MSFT_Low", lambda d, c: (f"{msft[d] * 1.01:.2f}", f"{msft[d] * 0.99:.2f}"))
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE)
    assert "MSFT_High, MSFT_Low" in schema.problem


@pytest.mark.parametrize(("band", "band_of"), [
    # A zone below the prices that holds still, and an envelope above them that moves with them.
    ("OB_High,OB_Low", lambda d, c: ("190.5", "186.0")),
    ("ENV_High,ENV_Low", lambda d, c: (f"{c * 1.06:.2f}", f"{c * 1.03:.2f}")),
])
def test_a_band_apart_from_the_files_prices_that_does_not_move_on_its_own_is_still_its_band(band, band_of):
    data = _beside_msft(band, band_of)
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "AAPL.csv").prices_arrow) == 12



@pytest.mark.parametrize("band", ["PM_High,PM_Low", "ON High,ON Low", "GLOBEX High,GLOBEX Low"])
def test_another_sessions_range_of_the_same_instrument_is_no_other_tickers(band):
    # The premarket's or the overnight session's high and low, about each day's open, beside the day's
    # bars: they move as much as the closes and on their own (the day's move from its open), but meet
    # each day's bar (low to high). The file had been refused as two tickers' side by side.
    bars = [(200.2, 204.0), (201.7, 204.7), (204.1, 203.3), (208.0, 208.5), (208.4, 210.7), (213.6, 213.5),
            (215.0, 211.9), (211.0, 209.6), (206.3, 201.7), (197.8, 197.1), (196.7, 195.8), (196.0, 192.1)]
    days = [2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17]
    rows = [f"2024-01-{day:02d},{o},{max(o, c) + 1:.1f},{min(o, c) - 1:.1f},{c},{o + 0.6:.1f},{o - 0.7:.1f}"
            for day, (o, c) in zip(days, bars)]
    data = _rows(f"Date,Open,High,Low,Close,{band}", *rows)
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "AAPL.csv").prices_arrow
    assert prices.column("close").to_pylist() == [c for _, c in bars]


@pytest.mark.parametrize("end", ["", ";"])
def test_a_days_average_price_beside_its_closing_price_is_no_second_series(end):
    # Nasdaq Nordic's share price history; without its trailing ';' (and, once the empty field past the
    # names stopped counting as a column, with it: real CSV round 29) it was refused as two series side
    # by side, "Closing price" and "Average price".
    text = (f"sep=;\nDate;Bid;Ask;Opening price;High price;Low price;Closing price;Average price;Total volume;"
            f"Turnover;Trades{end}\n2024-01-05;152.10;152.15;151.00;153.05;150.45;152.10;151.88;1875214;"
            f"284802152.87;9518{end}\n2024-01-04;151.20;151.25;150.60;152.30;149.75;151.20;151.14;2086712;"
            f"315386111.22;10345{end}\n")
    schema = detect_bytes(text.encode(), "prices.csv")
    assert schema.problem is None
    assert [c.name for c in schema.columns if c.canonical == "close"] == ["Closing price"]


@pytest.mark.parametrize("header", ["Dates,CLOSE_VOD.L,PX_VOLUME_VOD.L,CLOSE_K,PX_VOLUME_K",
                                    "Date,Close_AAPL,Volume_AAPL,Close_K,Volume_K"])
def test_ticker_k_after_its_fields_beside_other_tickers_so_written_is_a_ticker(header):
    # Kellogg's K after its fields as the other tickers are written: its volume read as one in thousands
    # (a field alone, no ticker's), the file was refused as tickers side by side (the wide fuzz's ticker K).
    data = _rows(header, *TWO)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pandas()
    k = prices[prices.ticker == "K"]
    assert len(prices) == 6 and k.close.tolist() == [220.0, 220.1, 220.2]
    assert k.volume.tolist() == [500000, 500001, 500002]


@pytest.mark.parametrize(("header", "tickers"), [
    # Read as no unit here (only "USD" and the like after the name, and brackets that declare a
    # scale, were): BP.L's pence loaded under the file's name, VOD.L's were left unread without a word.
    ("Date,BP.L Close (GBp),VOD.L Close (GBp)", ["BP.L", "VOD.L"]),
    ("Date,BTC Close (USDT),ETH Close (USDT)", ["BTC", "ETH"]),
    ("Date,AAPL Close,MSFT Close", ["AAPL", "MSFT"]), ("Date,Close AAPL (USD),Close MSFT (USD)", ["AAPL", "MSFT"]),
])
def test_each_tickers_close_named_with_its_unit_in_one_cell_loads_under_its_ticker(header, tickers):
    # Pence load as written, as a two-row header's "Close (GBp)" under "BP.L" does.
    schema, loaded = _loaded(header, "2021-01-04,480.5,70.25", "2021-01-05,482.0,70.5")
    assert schema.problem is None
    a, m = tickers
    assert loaded == [(a, "2021-01-04", 480.5, None), (a, "2021-01-05", 482.0, None),
                      (m, "2021-01-04", 70.25, None), (m, "2021-01-05", 70.5, None)]


@pytest.mark.parametrize(("header", "mapped"), [
    ("Date,Close,Volume (K)", ["date", "close", "volume"]), ("Date,Close (USD),Volume (USD)", ["date", "close", None]),
    ("Date,Price (USD),Change %", ["date", "close", None]), ("Date,Close (EUR)", ["date", "close"]),
])
def test_a_unit_after_one_tickers_names_splits_nothing(header, mapped):
    # A unit cut off a price's name is no ticker: each file is one ticker's, loaded under its name.
    width = header.count(",")
    schema, loaded = _loaded(header, *[f"2021-01-0{d}," + ",".join(["23.5"] * width) for d in (4, 5)])
    assert schema.problem is None and [c.canonical for c in schema.columns] == mapped
    assert {ticker for ticker, *_ in loaded} == {"PRICES"} and len(loaded) == 2


@pytest.mark.parametrize("header", ["Date,Adj Close (USD),Close (USD)", "Date,Close (USD),Adj Close (USD)",
                                    "Date,Open (USD),Close (USD),Adj Close (USD)", "Date,Adj Close USD,Close USD"])
def test_an_adjusted_close_named_with_its_unit_beside_the_close_is_one_tickers(header):
    # "Adj Close (USD)" less its unit read as a series "Adj" beside "Close (USD)" (its "(USD)" a label
    # too): one ticker's bars were refused as several tickers side by side.
    names = header.split(",")[1:]
    rows = [f"2021-01-0{d}," + ",".join(f"{10 + k}.{d}" for k in range(len(names))) for d in (4, 5)]
    schema, loaded = _loaded(header, *rows)
    assert schema.problem is None
    close = names.index(next(n for n in names if n.startswith("Close")))
    assert loaded == [("PRICES", f"2021-01-0{d}", float(f"{10 + close}.{d}"), None) for d in (4, 5)]
    adjusted = next(c for c in schema.columns if c.name.startswith("Adj"))
    assert adjusted.canonical == "adj_close"


@pytest.mark.parametrize("header", ["Date,Close in USDT,Close in BTC", "Date,Close in EUR,Close in GBP",
                                    'Date,"Close, EUR","Close, USD"', "Date,Price in USD,Price in EUR",
                                    "Date,Close USD,Adj Close EUR", "Date,Adj Close USD,Close EUR"])
def test_closes_each_named_with_its_own_unit_after_the_name_are_refused_not_one_loaded(header):
    # "Close in USDT" cut to a plain close read as no series beside "Close in BTC": the first loaded
    # under the file's name and the second was left unread (or an adjusted close in euros loaded beside
    # a close in dollars), without a word, as "Close (EUR)" beside "Close (GBP)" is refused.
    schema, loaded = _loaded(header, "2021-01-04,42.5,42.4", "2021-01-05,43.5,43.4")
    assert schema.problem is not None and loaded == []


@pytest.mark.parametrize("header", ["Date,Close in USD,Adj Close in USD", "Date,Close USD,Adj Close USD",
                                    'Date,"Close, EUR","Adj Close, EUR"'])
def test_a_close_and_its_adjusted_close_in_one_unit_after_the_name_load(header):
    schema, loaded = _loaded(header, "2021-01-04,42.5,42.4", "2021-01-05,43.5,43.4")
    assert schema.problem is None
    assert loaded == [("PRICES", "2021-01-04", 42.5, None), ("PRICES", "2021-01-05", 43.5, None)]
