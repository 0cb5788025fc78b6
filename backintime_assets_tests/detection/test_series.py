import json

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.canonical import labels_over_fields
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.series import lettered, wide_columns
from backintime_assets.detection.columns import ColumnType
from backintime_assets.normalisation.normalise import normalise_bytes

D = ColumnType("date", "%Y-%m-%d", 1.0)
F = ColumnType("float", None, 1.0)
N = ColumnType("integer", None, 1.0)

YF_BY_COLUMN = [["Price", "Ticker", "Date"], ["Close", "AAPL"], ["Close", "MSFT"], ["Volume", "AAPL"],
                ["Volume", "MSFT"]]


def test_labels_over_fields_set_apart_each_tickers_columns_the_date_shared():
    assert wide_columns(YF_BY_COLUMN, [D, F, F, N, N], []) == (
        [None, "AAPL", "MSFT", "AAPL", "MSFT"], ["date", "close", "close", "volume", "volume"])
    by_ticker = [["Ticker", "Price", "Date"], ["AAPL", "Open"], ["AAPL", "Close"], ["MSFT", "Open"], ["MSFT", "Close"]]
    assert wide_columns(by_ticker, [D, F, F, F, F], []) == (
        [None, "AAPL", "AAPL", "MSFT", "MSFT"], ["date", "open", "close", "open", "close"])


@pytest.mark.parametrize(("header", "tickers"), [
    ("Ticker,BP.L,VOD.L\nDate,Close (GBp),Close (GBp)", ("BP.L", "VOD.L")),  # the unit in brackets after each close
    ("Date,Close (GBp),Close (GBp)\nTicker,BP.L,VOD.L", ("BP.L", "VOD.L")),  # the tickers' row under the fields'
    ("Symbol,SAP.DE,SIE.DE\nDate,Close EUR,Close EUR", ("SAP.DE", "SIE.DE")),  # the currency's code after the name
])
def test_tickers_over_closes_named_with_their_currency_each_load_their_own(header, tickers):
    # "Close (GBp)" read as no field's name, BP.L's label was none: its closes loaded under the file's name,
    # VOD.L's column unread without a word. Each close now loads under its ticker, as written (in pence).
    data = (header + "\n2024-01-02,480.5,70.1\n2024-01-03,482.0,70.4\n").encode()
    first, second = tickers
    assert _tickers_closes(data) == [(first, 480.5), (first, 482.0), (second, 70.1), (second, 70.4)]


@pytest.mark.parametrize("second", ["Close (EUR)", "Value (USD)"])
def test_each_tickers_close_beside_a_price_named_with_a_currency_still_loads_under_its_ticker(second):
    # Beside each ticker's "Close", its close converted ("Close (EUR)") or its position's worth ("Value (USD)")
    # read as a second close of the label: no label set apart, AAPL's closes loaded under the file's name and
    # MSFT's were left unread without a word. The fields' own names set the labels apart, as before.
    data = (f"Ticker,AAPL,AAPL,MSFT,MSFT\nDate,Close,{second},Close,{second}\n"
            "2024-01-02,185.5,170.1,370.1,340.2\n2024-01-03,184.0,169.0,371.0,341.0\n").encode()
    assert _tickers_closes(data) == [("AAPL", 184.0), ("AAPL", 185.5), ("MSFT", 370.1), ("MSFT", 371.0)]


def test_a_tickers_close_named_with_its_currency_beside_others_named_plainly_loads_under_its_ticker():
    # BP.L's close in pence beside AAPL's and MSFT's closes: BP.L's label has no "Close" of its own.
    data = (b"Ticker,AAPL,MSFT,BP.L\nDate,Close,Close,Close (GBp)\n"
            b"2024-01-02,185.5,370.1,480.5\n2024-01-03,184.0,371.0,482.0\n")
    assert _tickers_closes(data) == [
        ("AAPL", 184.0), ("AAPL", 185.5), ("BP.L", 480.5), ("BP.L", 482.0), ("MSFT", 370.1), ("MSFT", 371.0)]


@pytest.mark.parametrize(("field", "scale"), [
    ("Close USDT", 1), ("Close (USDT)", 1), ("Close in USD", 1), ('"Close, EUR"', 1), ("Close (USD)", 1),
    ("Close (K)", 1000), ("Close (thousands)", 1000),  # thousands: applied to each ticker's closes
])
def test_each_tickers_close_named_with_its_unit_loads_under_its_ticker(field, scale):
    # "BTC" and "ETH" over "Close USDT" read as no field's labels (only a 3-letter code after the
    # name was a unit there, a unit of any kind in a one-row header's split): BTC's closes loaded
    # under the file's name and ETH's column was dropped without a word.
    data = f"Ticker,BTC,ETH\nDate,{field},{field}\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n".encode()
    assert _tickers_closes(data) == [("BTC", 42.5 * scale), ("BTC", 43.5 * scale),
                                     ("ETH", 2.25 * scale), ("ETH", 2.5 * scale)]


@pytest.mark.parametrize("field", ["Close (M)", "Close (B)", "Close (lots)"])
def test_each_tickers_close_named_with_a_letter_or_lots_loads_under_its_ticker_as_written(field):
    # "BTC" and "ETH" over "Close (M)" read as no field's labels (only a currency, a coin or thousands
    # was cut off): BTC's closes loaded under the file's name and ETH's were left unread without a
    # word. A letter is no price's scale (one ticker's "Close (M)" loads as written), nor are lots.
    data = f"Ticker,BTC,ETH\nDate,{field},{field}\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n".encode()
    assert _tickers_closes(data) == [("BTC", 42.5), ("BTC", 43.5), ("ETH", 2.25), ("ETH", 2.5)]


def _tickers_closes(data: bytes) -> list[tuple[str, float]]:
    """Each loaded row's (ticker, close), sorted, of a file detected with no problem."""
    schema = detect_bytes(data, "book.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "book.csv").prices_arrow
    return sorted(zip(prices.column("ticker").to_pylist(), prices.column("close").to_pylist()))


@pytest.mark.parametrize(("field", "labels"), [
    ("Close (GBp)", [("BP.L",), ("VOD.L",)]),
    ("Adj Close [USD]", [("BP.L",), ("VOD.L",)]),
    ("Close USDT", [("BP.L",), ("VOD.L",)]), ("Close (K)", [("BP.L",), ("VOD.L",)]),
    # The turnover in money (canonical._in_money), no field a ticker's label sets apart; a volume no price.
    ("Volume (GBP)", []), ("Volume USDT", []), ("Volume (K)", []),
])
def test_tickers_labels_set_apart_prices_named_with_a_currency_not_volumes_in_money(field, labels):
    header = [["Ticker", "Date"], ["BP.L", field], ["VOD.L", field]]
    assert labels_over_fields(header, [D, F, F]) == labels


def test_a_security_written_once_over_its_fields_owns_the_columns_up_to_the_next():
    bloomberg = [["Dates"], ["AAPL US Equity", "PX_LAST"], ["PX_VOLUME"], ["MSFT US Equity", "PX_LAST"], ["PX_VOLUME"]]
    assert wide_columns(bloomberg, [D, F, N, F, N], []) == (
        [None, "AAPL US Equity", "AAPL US Equity", "MSFT US Equity", "MSFT US Equity"],
        ["date", "close", "volume", "close", "volume"])


def test_a_whole_cell_of_a_split_flat_header_is_no_merged_labels_column():
    # "AAPL Volume USD" that flat_header left whole, right of "MSFT Close": read as a merged label's
    # column, AAPL's turnover loaded as MSFT's volume. Shared, it is no ticker's price or volume.
    split = [["Date"], ["AAPL", "Close"], ["MSFT", "Close"], ["AAPL Volume USD"], ["MSFT Volume USD"]]
    assert wide_columns(split, [D, F, F, N, N], [], merged=False) == (
        [None, "AAPL", "MSFT", None, None], ["date", "close", "close", None, None])


def test_series_over_their_own_dates_are_labelled_by_the_cells_above_them():
    labelled = [["AAPL US Equity", "Date"], ["PX_LAST"], ["MSFT US Equity", "Date"], ["PX_LAST"]]
    assert wide_columns(labelled, [D, F, D, F], []) == (
        ["AAPL US Equity"] * 2 + ["MSFT US Equity"] * 2, ["date", "close", "date", "close"])


def test_series_that_no_label_names_as_a_ticker_are_not_read():
    assert wide_columns([["Date"], ["PX_LAST"], ["Date"], ["PX_LAST"]], [D, F, D, F], []) is None  # "columns 1-2"
    title = "Closing prices of the portfolio as of the end of the month"
    long = [["Date"], [title, "Close"], ["Other " + title, "Close"]]
    assert wide_columns(long, [D, F, F], []) is None
    assert wide_columns([["Date"], ["aapl", "Close"], ["AAPL", "Close"]], [D, F, F], []) is None  # one ticker twice
    assert wide_columns([["Date"], ["AAPL", "Close"], ["MSFT", "Volume"], ["MSFT", "Close"]], [D, F, N, F], []) == (
        [None, "AAPL", "MSFT", "MSFT"], ["date", "close", "volume", "close"])


def test_a_wide_schema_keeps_each_columns_ticker_and_other_schemas_keep_their_json():
    data = (b"Price,Close,Close\nTicker,AAPL,MSFT\nDate,,\n2024-01-02,184.29,367.9\n2024-01-03,182.91,367.6\n")
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [(c.series, c.canonical) for c in schema.columns] == [(None, "date"), ("AAPL", "close"), ("MSFT", "close")]
    stored = json.loads(schema.to_json())["columns"]
    assert "series" not in stored[0] and [c.get("series") for c in stored[1:]] == ["AAPL", "MSFT"]
    assert FileSchema.from_json(schema.to_json()) == schema
    assert [(label, cmap, sorted(own)) for label, cmap, own in schema.series_maps()] == [
        ("AAPL", {"date": 0, "close": 1}, ["close"]), ("MSFT", {"date": 0, "close": 2}, ["close"])]
    one = detect_bytes(b"Date,Close\n2024-01-02,1.5\n2024-01-03,1.6\n", "AAPL.csv")
    assert all("series" not in c for c in json.loads(one.to_json())["columns"]) and one.series_maps() == []


def test_currencies_over_two_closes_are_no_tickers():
    # One fund's close in dollars and in euros: loaded as two instruments named USD and EUR.
    assert wide_columns([["Date"], ["Close", "USD"], ["Close", "EUR"]], [D, F, F], []) is None
    assert wide_columns([["Date"], ["Close", "ALL"], ["Close", "MSFT"]], [D, F, F], []) == (
        [None, "ALL", "MSFT"], ["date", "close", "close"])  # Allstate beside Microsoft: tickers


def test_series_over_their_own_dates_named_dates_are_labelled():
    # Bloomberg writes "Dates" over each security's dates: no series was found, AAPL's prices were
    # loaded under the file's name and MSFT's dropped without a word.
    labelled = [["AAPL US Equity", "Dates"], ["PX_LAST"], ["MSFT US Equity", "Dates"], ["PX_LAST"]]
    assert wide_columns(labelled, [D, F, D, F], []) == (
        ["AAPL US Equity"] * 2 + ["MSFT US Equity"] * 2, ["date", "close", "date", "close"])


def test_a_units_row_under_the_fields_is_no_part_of_the_tickers_label():
    # "USD" under "Close" under "AAPL" was read into the label: AAPL's rows loaded as "AAPL USD".
    from backintime_assets.normalisation.normalise import normalise_bytes

    data = (",AAPL,,MSFT,\nDate,Close,Volume,Close,Volume\n,USD,'000,USD,'000\n"
            "2021-01-04,130.0,900,220.0,500\n2021-01-05,130.1,901,220.1,501\n2021-01-06,130.2,902,220.2,502\n").encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert [c.series for c in schema.columns] == [None, "AAPL", "AAPL", "MSFT", "MSFT"]
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert sorted(set(prices["ticker"])) == ["AAPL", "MSFT"]
    assert prices[prices["ticker"] == "MSFT"]["volume"].tolist() == [500_000, 501_000, 502_000]


@pytest.mark.parametrize("header", ["Date,AAPL Close,AAPL Volume,MSFT Close,MSFT Volume,GOOG Open",
                                    "date,aapl_close,aapl_volume,msft_close,msft_volume,goog_open"])
def test_a_price_of_a_ticker_without_a_close_beside_tickers_side_by_side_is_no_ones(header):
    # GOOG's open, under no ticker that loads (it has no close), was read as a shared column (as the
    # date is): loaded as AAPL's and MSFT's opens (or, its label left whole, as MSFT's).
    data = (header + "\n" + "".join(f"2021-01-{4 + k:02d},{100 + k}.5,{900000 + k},{300 + k}.5,{500000 + k},"
                                    f"{777 + k}\n" for k in range(5))).encode()
    schema = detect_bytes(data, "wide.csv")
    assert schema.columns[-1].canonical is None
    prices = normalise_bytes(data, schema, "wide.csv").prices_arrow.to_pylist()
    assert len(prices) == 10 and all(r["open"] == r["close"] < 400 for r in prices)


def test_a_run_of_letters_or_numbers_is_a_labelling():
    assert lettered(["A", "B", "C"]) and lettered(["A", "B"]) and lettered(["1", "2", "3"])
    assert lettered(["X", "Y", "Z"])
    assert not lettered(["F", "T"]) and not lettered(["C", "D"]) and not lettered(["AAPL", "MSFT"])
    assert not lettered(["C", "B", "A"]) and not lettered(["A"])


@pytest.mark.parametrize("tickers", [("A", "B"), ("C", "D", "E")])
def test_a_run_of_letters_in_a_row_headed_ticker_still_loads_as_those_tickers(tickers):
    # yfinance's download of Agilent and Barnes (or Citi, Dominion and Eni) heads its labels' row
    # "Ticker": they are tickers however they run, and the file had been refused as a labelling.
    n = len(tickers)
    data = (f"Price,{','.join(['Close'] * n)}\nTicker,{','.join(tickers)}\nDate{',' * n}\n"
            + "".join(f"2024-01-0{d},{','.join(f'{10 * k + d}.0' for k in range(1, n + 1))}\n" for d in (2, 3, 4)))
    schema = detect_bytes(data.encode(), "download.csv")
    assert schema.problem is None
    prices = normalise_bytes(data.encode(), schema, "download.csv").prices
    assert sorted(set(prices.ticker)) == list(tickers) and len(prices) == 3 * n


@pytest.mark.parametrize(("header", "first", "second"), [
    ("Symbol,K,KO\nDate,Close (K),Close (K)", "K", "KO"), ("Symbol,KO,K\nDate,Close (K),Close (K)", "KO", "K"),
    ("Date,K Close (K),KO Close (K)", "K", "KO"), ("Date,KO Close (K),K Close (K)", "KO", "K"),
])
def test_a_ticker_named_k_keeps_the_thousands_its_close_is_written_in(header, first, second):
    # Kellanova's label taken off every header cell took "(K)" with it: its closes loaded as written,
    # a thousandfold low beside Coca-Cola's, which were scaled, without a word.
    data = f"{header}\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n".encode()
    assert _tickers_closes(data) == sorted([(first, 42_500.0), (first, 43_500.0), (second, 2_250.0), (second, 2_500.0)])
