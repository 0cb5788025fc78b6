"""A file whose rows nothing names but a site's name for every download is refused, not loaded as
one made-up ticker shared with every other download of that name."""
import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.nameless import NAMELESS, as_named, sheet_names_a_period
from backintime_assets.detection.refusals import judged
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support.workbooks import xlsx

ROWS = b"Date,Open,High,Low,Close\n01/03/24,100.0,101.0,99.0,100.5\n01/02/24,99.0,100.0,98.0,99.5\n"


def read(data: bytes, name: str):
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


@pytest.mark.parametrize("name", [
    # Real names: WSJ's download (and a browser's second copy of it, a different index's as often as
    # not), Yahoo's old one, Nasdaq's (the moment of the download), Investing.com's words without the
    # symbol, a new Google spreadsheet's, a page's export as the browser saves it.
    "HistoricalPrices.csv", "HistoricalPrices (1).csv", "table.csv", "HistoricalData_1700000000000.csv",
    "Historical Data.csv", "Untitled spreadsheet - Sheet1.csv", "data.csv", "export.csv", "download (2).csv",
    "chart.csv", "quotes.csv", "downloads/Data - Copy.CSV",
    # A browser counts past 9: the eleventh download had loaded as ticker "HISTORICALPRICES (10)".
    "HistoricalPrices (10).csv", "data (12).csv",
    # Nasdaq's older download (Mengying-Li/VFIAX-Price): had loaded as ticker "HISTORICALQUOTES".
    "HistoricalQuotes.csv", "HistoricalQuotes (3).csv",
    # FRED's graph download, whichever series it holds (its id now names the close: "DATE,NIKKEI225").
    "fredgraph.csv", "fredgraph (1).csv",
    # A scraper's name for every symbol's file, in a folder no code's (vnstock-data's symbol is its folder's:
    # test_a_sites_name_in_a_code_s_folder_loads_under_the_folder), and a script's "dataset.csv": had loaded
    # as PRICEHISTORY, DATASET.
    "dataset/PriceHistory.csv", "Price History.csv", "price_history.csv", "dataset.csv", "Dataset (1).csv",
    # A script's or an office's name for each day's or year's file, whatever it holds: words that name no
    # instrument, or a site's name, beside its days, or days alone. Each had loaded as a ticker of its own
    # ("PRICES_2024-09-03"); named without its days, any two such files of different instruments as one.
    "prices_2024-09-03.csv", "export_20240903.csv", "daily_data_2024.csv", "Stock Prices 2024-09-03.csv",
    "DAILY_PRICES_20240903.csv", "data_2024-09-03_153000.csv", "HistoricalPrices_2024-09-03 (1).csv",
    "2024-09-03.csv", "20240101_20241231.csv",
    # A day's file counted, versioned, in parts, or of its session: each day's first file had loaded as one
    # ticker "1", every day's final one as FINAL, whatever each held (since d54f0ae).
    "20240903_1.csv", "2024-09-03_001.csv", "20240903_v2.csv", "2024-09-03_part1.csv", "2024-09-03_sheet1.csv",
    "2024-09-03_final.csv", "2024-09-03_am.csv", "2024-09-03_eod.csv", "raw_2024-09-03.csv",
])
def test_a_sites_name_for_every_download_is_refused_with_the_reason(name):
    # Each had loaded as a ticker of its own ("HISTORICALPRICES"): two downloads of different
    # instruments as one security, the older's rows conflicts or filling the other's missing days.
    schema, result = read(ROWS, name)
    assert schema.problem.startswith(NAMELESS) and judged(schema.problem), schema.problem
    assert "rename the file to its symbol or add a ticker column" in schema.problem
    assert result.prices_arrow.num_rows == 0 and result.file_problem == schema.problem
    assert result.rejected.reason.tolist() == [f"file problem: {schema.problem}"] * 2


@pytest.mark.parametrize(("data", "ticker"), [
    (b"Date,Symbol,Close\n2024-01-02,AAPL,185.6\n2024-01-03,AAPL,184.2\n", "AAPL"),  # a ticker column
    (b"AAPL US Equity,\nDate,PX_LAST\n2024-01-02,185.6\n2024-01-03,184.2\n", "AAPL US EQUITY"),  # a label above
    (b"Price,Close\nTicker,7203.T\nDate,\n2024-01-04,2700.5\n2024-01-05,2710.0\n", "7203.T"),  # yfinance's header
])
@pytest.mark.parametrize("name", ["HistoricalPrices.csv", "prices_2024-09-03.csv"])
def test_a_ticker_from_the_file_loads_under_a_sites_name(data, ticker, name):
    schema, result = read(data, name)
    assert schema.problem is None
    assert set(result.prices.ticker) == {ticker} and len(result.prices) == 2


@pytest.mark.parametrize(("name", "ticker"), [
    # An office's own names for its series, and names that hold a word of a generic one, load as before.
    ("prices.csv", "PRICES"), ("AAPL.csv", "AAPL"), ("AAPL Historical Data.csv", "AAPL"), ("data2.csv", "DATA2"),
    ("market data.csv", "MARKET DATA"), ("tables.csv", "TABLES"), ("aapl_us_d.csv", "AAPL"),
    # The scraper's name and "dataset" only whole: beside a symbol, or a longer word, the name loads as before.
    ("ACB PriceHistory.csv", "ACB PRICEHISTORY"), ("datasets.csv", "DATASETS"),
    ("aapl_price_history.csv", "AAPL_PRICE_HISTORY"),
    # A symbol's file of a day or a range, its day no part of it (normalisation/file_ticker.py); a symbol in
    # capitals, an office's own word, a year alone or eight digits alone (a code's as well) beside none.
    ("AAPL_2024-09-03.csv", "AAPL"), ("COIN_2024-09-03.csv", "COIN"), ("sales_2024-09-03.csv", "SALES"),
    ("sales_2019.csv", "SALES_2019"), ("20240903.csv", "20240903"), ("prices_2024-09.csv", "PRICES_2024-09"),
    ("2024-09-03_7203.csv", "7203"), ("2024-09-03_PM.csv", "PM"), ("AAPL_2024-09-03_1.csv", "AAPL_2024-09-03_1"),
])
def test_a_name_of_an_instrument_or_an_offices_own_loads(name, ticker):
    # Rows up to the day the names write: a download's day, no expiry's (filename.without_dates).
    schema, result = read(ROWS.replace(b"01/03/24", b"09/03/24").replace(b"01/02/24", b"09/02/24"), name)
    assert schema.problem is None
    assert result.prices.ticker.tolist() == [ticker] * 2



@pytest.mark.parametrize(("name", "ticker"), [
    # vnstock-data's cafef histories: every symbol's file is "PriceHistory.csv", the symbol its folder.
    ("dataset/ACB/PriceHistory.csv", "ACB"), ("ACB/PriceHistory.csv", "ACB"),
    ("C:\\cafef\\VNM\\PriceHistory.csv", "VNM"),
    ("BRK.B/PriceHistory.csv", "BRK.B"), ("downloads/SPY/Price History.csv", "SPY"),
])
def test_a_sites_name_in_a_code_s_folder_loads_under_the_folder(name, ticker):
    schema, result = read(ROWS, name)
    assert schema.problem is None
    assert result.prices.ticker.tolist() == [ticker] * 2


@pytest.mark.parametrize("name", [
    # Folders that hold a market's, a period's, a kind's or a user's files, not one security's: each had
    # given its rows a made-up ticker (HOSE, EXPORTS, 2024), as wrong as the file's own name.
    "dataset/data/PriceHistory.csv", "exports/HistoricalPrices.csv", "EXPORTS/HistoricalPrices.csv",
    "2024/PriceHistory.csv", "HOSE/PriceHistory.csv", "NYSE/data.csv", "US/data.csv", "DAILY/data.csv",
    "PRICES/data.csv", "/home/alice/data.csv", "DATA2024/data.csv", "USD/data.csv", "Q1/data.csv", "CSV/export.csv",
    "FY2024/data.csv", "OHLCV/data.csv", "acb/PriceHistory.csv", "C:\\Users\\JSMITH\\data.csv", "/home/JDOE/data.csv",
    # A browser's or a site's name for every download, in a folder named in capitals as a code is but holding
    # a user's downloads: a site's, a broker's, a client's, a person's initials. Each had loaded as the folder
    # (WSJ, IBKR, MYFILES, C1234, JSM), several instruments' downloads under one made-up ticker; nor a copy
    # of a scraper's name, which says the folder holds more than one symbol's file.
    "WSJ/HistoricalPrices (1).csv", "WSJ/HistoricalPrices.csv", "IBKR/export.csv", "MYFILES/data.csv",
    "C1234/data.csv", "JSM/download.csv", "INVESTING/Historical Data.csv", "AAPL/data.csv", "ACB/PriceHistory (1).csv",
    "/home/JDOE/PriceHistory.csv", "C:\\Users\\JSMITH\\PriceHistory.csv",  # a user's home, named as its user is
])
def test_a_sites_name_in_a_folder_of_no_code_stays_refused(name):
    schema, result = read(ROWS, name)
    assert schema.problem.startswith(NAMELESS), schema.problem
    assert result.prices_arrow.num_rows == 0


@pytest.mark.parametrize(("data", "name", "ticker"), [
    (ROWS, "ACB/MSFT.csv", "MSFT"),  # the file's own name names its instrument: the folder says nothing
    (b"Date,Symbol,Close\n2024-01-02,AAPL,185.6\n2024-01-03,AAPL,184.2\n", "ACB/PriceHistory.csv", "AAPL"),
])
def test_a_folder_gives_no_ticker_where_the_file_names_one(data, name, ticker):
    schema, result = read(data, name)
    assert schema.problem is None
    assert result.prices.ticker.tolist() == [ticker] * 2


def test_a_renamed_copy_of_a_sites_download_loads_under_its_own_name():
    # One detection per content: "DJI.csv", saved from "HistoricalPrices.csv" and renamed, shares its
    # refusal. Read as its own name, it loads as DJI; the site's name stays refused.
    schema, _ = read(ROWS, "HistoricalPrices.csv")
    stored = schema.to_dict()
    assert as_named(stored, "HistoricalPrices.csv") is stored and as_named(stored, "table.csv") is stored
    own = as_named(stored, "DJI.csv")
    assert own["problem"] is None and stored["problem"].startswith(NAMELESS)
    assert normalise_bytes(ROWS, FileSchema.from_dict(own), "DJI.csv").prices.ticker.tolist() == ["DJI"] * 2
    trades = detect_bytes(b"Date,Symbol,Side,Quantity,Price\n2025-03-03,AAA,Buy,100,10.5\n", "t.csv").to_dict()
    assert trades["problem"] and as_named(trades, "DJI.csv") is trades  # another refusal is no name's to lift


def test_a_sites_name_sharing_a_detection_made_under_a_symbols_is_refused():
    # Detected under "DJI.csv" first, the same bytes saved as "HistoricalPrices.csv" had loaded the
    # index's rows a second time, as ticker HISTORICALPRICES.
    schema, _ = read(ROWS, "DJI.csv")
    stored = schema.to_dict()
    assert stored["problem"] is None and as_named(stored, "DJI.csv") is stored
    copy = as_named(stored, "HistoricalPrices (1).csv")
    assert copy["problem"].startswith(NAMELESS) and '"HistoricalPrices (1).csv"' in copy["problem"]
    assert normalise_bytes(ROWS, FileSchema.from_dict(copy), "HistoricalPrices.csv").prices_arrow.num_rows == 0
    # Something in the file names the rows: they load under it whatever the copy's name.
    labelled = detect_bytes(b"AAPL US Equity,\nDate,PX_LAST\n2024-01-02,185.6\n", "aapl.csv").to_dict()
    assert as_named(labelled, "table.csv") is labelled
    # Detected under the site's name and loading all the same: a user lifted the refusal, left so.
    lifted = dict(read(ROWS, "HistoricalPrices.csv")[0].to_dict(), problem=None)
    assert as_named(lifted, "table.csv") is lifted


def test_a_table_with_no_close_says_so_under_a_sites_name():
    # Nothing of it loads under any name: told to rename it, the user was told next that it has no close.
    data = b"Date,AAPL\n2024-01-02,185.64\n2024-01-03,184.25\n2024-01-04,181.91\n"
    schema, result = read(data, "chart.csv")
    assert schema.problem is None and result.prices_arrow.num_rows == 0
    assert result.rejected.reason.str.startswith("file problem: no close column").all()
    # Nor is its copy under a site's name refused for its name (as_named).
    own = detect_bytes(data, "aapl.csv").to_dict()
    assert as_named(own, "chart.csv") is own


@pytest.mark.parametrize("name", [
    # Investing.com's words after no instrument: a user's word for the file in the symbol's place, or the
    # words alone in another of the site's languages. "My Historical Data.csv" had loaded as ticker MY,
    # "Stock Historical Data.csv" as STOCK: two such files of different instruments as one.
    "My Historical Data.csv", "Stock Historical Data.csv", "stock price historical data (1).csv",
    # The words first, before no instrument either: "Dados Históricos - stock.csv" names none.
    "Dados Históricos - stock.csv",
    # The site's words before a browser's count of its copies, or before a word for what the file is in the
    # site's language: "Dados Históricos - 1.csv" had loaded as ticker "1", "... - Diários.csv" as DIÁRIOS.
    "Dados Históricos - 1.csv", "Dados Históricos - Diários.csv", "Datos históricos de acciones.csv",
    "my_stock_historical_data.csv", "Dados Históricos.csv", "历史数据.csv", "Coin Historical Data.csv",
])
def test_a_sites_words_around_no_instrument_are_refused(name):
    schema, result = read(ROWS, name)
    assert schema.problem is not None and schema.problem.startswith(NAMELESS), schema.problem
    assert result.prices_arrow.num_rows == 0


@pytest.mark.parametrize(("name", "ticker"), [
    # The site writes a symbol in capitals, a name as a name: each stays the instrument's.
    ("COIN Historical Data.csv", "COIN"), ("BOND Historical Data.csv", "BOND"),
    ("Bitcoin Historical Data.csv", "BITCOIN"),
    ("Gold Futures Historical Data.csv", "GOLD FUTURES"), ("Dữ liệu Lịch sử HPG.csv", "HPG"),
])
def test_a_sites_words_around_an_instrument_load_under_it(name, ticker):
    schema, result = read(ROWS, name)
    assert schema.problem is None
    assert result.prices.ticker.tolist() == [ticker] * 2


_SHEET = [["Date", "Open", "High", "Low", "Close"], ["2024-01-02", 99.0, 100.0, 98.0, 99.5],
          ["2024-01-03", 100.0, 101.0, 99.0, 100.5]]


def test_a_workbook_under_a_sites_name_is_refused_unless_its_sheets_name_the_tickers():
    # "data.xlsx" of one "Sheet1" had loaded as ticker DATA where "data.csv" is refused; of a lone sheet
    # named "AAPL" as EXPORT (one sheet names no ticker: normalisation/sheets.py).
    schema, result = read(xlsx({"Sheet1": _SHEET}), "data.xlsx")
    assert schema.problem.startswith(NAMELESS) and result.prices_arrow.num_rows == 0
    # Detection and the reading agree: a lone sheet's name lifts no refusal (detection had let it by,
    # the reading then refused it).
    schema, result = read(xlsx({"AAPL": _SHEET}), "export.xlsx")
    assert schema.problem.startswith(NAMELESS) and result.file_problem == schema.problem
    assert result.prices_arrow.num_rows == 0 and len(result.rejected) == 2
    # A sheet each, named as tickers and sharing their dates: each sheet's rows are its ticker's.
    # (MSFT's own prices: a sheet of another's very closes is its copy, sheets.sheet_tickers)
    msft = [_SHEET[0]] + [[day, *(price + 300 for price in prices)] for day, *prices in _SHEET[1:]]
    _, result = read(xlsx({"AAPL": _SHEET, "MSFT": msft}), "download.xlsx")
    assert sorted(set(result.prices.ticker)) == ["AAPL", "MSFT"] and len(result.prices) == 4
    # Under a name of the instrument's, as before.
    schema, result = read(xlsx({"Sheet1": _SHEET}), "AAPL.xlsx")
    assert schema.problem is None and result.prices.ticker.tolist() == ["AAPL"] * 2


@pytest.mark.parametrize("sheet, period", [
    ("2021", True), ("FY2021", True), ("Q1", True), ("1Q21", True), ("H2 2020", True), ("JAN", True),
    ("MÄRZ 2021", True), ("2021-01", True), ("Sept", True), ("OLD", True), ("BACKUP", True),
    ("AAPL", False), ("MSFT", False), ("BRK.B", False), ("7203.T", False), ("005930", False), ("^GSPC", False),
])
def test_a_sheet_named_as_a_period_or_a_part_is_told_from_one_named_as_a_ticker(sheet, period):
    assert sheet_names_a_period(sheet) is period
