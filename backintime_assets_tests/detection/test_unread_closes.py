import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.canonical import SEVERAL_CLOSES, SIDE_BY_SIDE
from backintime_assets.detection.columns import ColumnType
from backintime_assets.detection.refusals import judged
from backintime_assets.detection.statements import not_prices
from backintime_assets.detection.unread_closes import position_values, unread_close_problem, unread_closes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support.workbooks import xlsx

DAYS = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"]


def _load(text: str, name: str = "prices.csv"):
    data = text.encode()
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


def _rows(*columns) -> str:
    """A row per day: its date, then each column's price of that day (a base plus the day's number)."""
    return "".join(",".join([d, *(f"{base + k}.5" for base in columns)]) + "\n" for k, d in enumerate(DAYS))


@pytest.mark.parametrize("header", [
    "Ticker,BRK,BRK\nDate,Close,Close",  # nothing tells the two apart
    ",BTC,BTC\nDate,Close (USD),Close (EUR)",  # one coin's close in two currencies
    "Ticker,BTC,BTC\nDate,Close in USD,Close in EUR",
    ",BTC,BTC\nDate,Close USD,Close EUR",  # a currency's code after the close: "close" by its token only
    ",BTC,BTC\nDate,Close USDT,Close USDC",  # a coin's close in two stablecoins: codes of four letters
    ",BTC,BTC\nDate,Close in USDT,Close (BUSD)",
])
def test_a_second_close_no_row_sets_apart_refuses_the_file_naming_it(header):
    # Each had loaded the first column's prices and dropped the second's, nothing in rejected_rows.
    schema, result = _load(f"{header}\n" + _rows(100, 200))
    assert schema.problem is not None and schema.problem.startswith(f"{SEVERAL_CLOSES}?")
    assert judged(schema.problem)  # a user who knows which to load may map it
    unread = [c.name for c in schema.columns if c.canonical is None and c.type == "float"]
    assert unread and all(name in schema.problem for name in unread)
    assert result.prices.empty and result.rows_read == len(DAYS) == len(result.rejected)


@pytest.mark.parametrize("header", ["Type,Bid,Ask\nDate,Close,Close", "Date,Close,Close\n,Bid,Ask"])
def test_a_quotes_sides_over_two_closes_are_refused_as_kinds_before_a_second_close(header):
    # A quote's two sides above or below the closes: the row of kinds (listing_rows) refuses the file first,
    # naming the sides; nothing of either column loads, every row rejected.
    schema, result = _load(f"{header}\n" + _rows(100, 200))
    assert schema.problem is not None and schema.problem.startswith(f"{SIDE_BY_SIDE} (Bid, Ask)"), schema.problem
    assert result.prices.empty and result.rows_read == len(DAYS) == len(result.rejected)


def test_a_column_per_ticker_loads_each_ticker():
    schema, result = _load("Ticker,AAPL,MSFT\nDate,Close,Close\n" + _rows(185, 370))
    assert schema.problem is None
    assert sorted(set(result.prices["ticker"])) == ["AAPL", "MSFT"] and len(result.prices) == 2 * len(DAYS)


def test_a_row_that_sets_the_closes_apart_loads_each_as_its_series():
    schema, result = _load("Ticker,BRK,BRK\nClass,A,B\nDate,Close,Close\n" + _rows(600000, 400))
    assert schema.problem is None
    assert sorted(set(result.prices["ticker"])) == ["BRK A", "BRK B"]


@pytest.mark.parametrize("header,bases", [
    ("Date,Close,Adj Close", (100, 98)), ("Date,Open,High,Low,Close", (100, 103, 99, 101)),
    ("Date,Close,Prev Close", (100, 99)), ("Date,Close,Previous Close", (100, 99)), ("Date,Last,Close", (100, 101)),
    ("Date,NAV,Price", (100, 101)), ("Date,Close,Settle", (100, 101)), ("Date,Bid,Ask,Mid", (100, 102, 101)),
    # The close converted beside the instrument's own, as test_series loads each ticker's "Close" beside it.
    ("Date,Close,Close (EUR)", (100, 92)), ("Date,Close,Close USD", (100, 108)),
    # A bracket that says which close it is: a quote side's, a venue's.
    ("Date,Closing Price (Bid),Closing Price", (100, 101)), ("Date,Close,Close (LSE)", (100, 99)),
])
def test_closes_named_apart_load_as_before(header, bases):
    # Look-alikes: the names say which figure each is, and canonical's rules chose the close among them.
    schema, result = _load(f"{header}\n" + _rows(*bases), "SPY.csv")
    assert schema.problem is None
    assert len(result.prices) == len(DAYS)


def test_a_second_close_under_a_spanned_ticker_label_is_refused():
    # The empty cell right of "MSFT" spans it (a merged label): MSFT's two closes, the second (an index's
    # 4700s) had been dropped while AAPL's and MSFT's first loaded.
    schema, result = _load("Ticker,AAPL,MSFT,\nDate,Close,Close,Close\n" + _rows(185, 370, 4700))
    assert schema.problem is not None and schema.problem.startswith(f"{SEVERAL_CLOSES}?")
    assert result.prices.empty


@pytest.mark.parametrize("lower", ["Yield", "Change", "Chg %", "Return"])
def test_a_close_over_another_figure_is_no_close_left_unread(lower):
    # "Close" spans a bond's price and its yield: the yield is a figure at the close, no second close.
    schema, result = _load(f"Date,Close,Close\n,Price,{lower}\n" + _rows(98, 4), "BOND.csv")
    assert schema.problem is None
    assert result.prices["close"].tolist() == [98.5 + k for k in range(len(DAYS))]


def test_a_close_exported_twice_loads_once():
    # The same values in both columns: nothing is lost by reading one.
    schema, result = _load("Ticker,SPY,SPY\nDate,Close,Close\n" + _rows(470, 470), "SPY.csv")
    assert schema.problem is None
    assert result.prices["close"].tolist() == [470.5 + k for k in range(len(DAYS))]


def test_a_workbook_with_two_closes_of_one_ticker_is_refused():
    rows = [["Ticker", "BRK", "BRK"], ["Date", "Close", "Close"]]
    rows += [[d, 100.5 + k, 200.5 + k] for k, d in enumerate(DAYS)]
    schema = detect_bytes(xlsx({"Sheet1": rows}), "brk.xlsx")
    assert schema.problem is not None and schema.problem.startswith(f"{SEVERAL_CLOSES}?")


def test_a_holdings_sheet_of_shares_and_values_is_no_prices():
    # A position's value (shares times price) had loaded as each ticker's close.
    rows = "".join(f"{d},10,{1850 + 10 * k}.5,5,{1850 + 5 * k}.0\n" for k, d in enumerate(DAYS))
    schema, result = _load("Ticker,AAPL,AAPL,MSFT,MSFT\nDate,Shares,Value (USD),Shares,Value (USD)\n" + rows)
    assert not_prices(schema.problem) and "AAPL_2" in schema.problem and "MSFT_2" in schema.problem
    assert result.prices.empty and len(result.rejected) == result.rows_read > 0


def test_a_close_beside_a_share_count_still_loads():
    # "Value" only: a close named as a price is the price, whatever count stands beside it.
    rows = "".join(f"{d},10,{185 + k}.5\n" for k, d in enumerate(DAYS))
    schema, result = _load("Ticker,AAPL,AAPL\nDate,Shares,Close\n" + rows)
    assert schema.problem is None
    assert result.prices["close"].tolist() == [185.5 + k for k in range(len(DAYS))]


_NUMBER = ColumnType("float", None, 1.0)
_DATE = ColumnType("date", "%Y-%m-%d", 1.0)


def test_the_rule_compares_each_series_with_its_own_close():
    cells = [["Date"], ["AAPL", "Close"], ["AAPL", "Close"], ["MSFT", "Close"]]
    types = [_DATE, _NUMBER, _NUMBER, _NUMBER]
    body = [["2024-01-02", "1", "2", "3"]]
    assert unread_closes(cells, types, ["date", "close", None, "close"], [None, "AAPL", "AAPL", "MSFT"], body) == [2]
    assert unread_closes(cells, types, ["date", "close", "close", "close"], [None, "A", "B", "MSFT"], body) == []
    # Text under a close's name is no price left unread (a word column is refused or read elsewhere).
    words = [_DATE, _NUMBER, ColumnType("string", None, 1.0), _NUMBER]
    assert unread_closes(cells, words, ["date", "close", None, "close"], [None, "AAPL", "AAPL", "MSFT"], body) == []


def test_position_values_need_a_steady_count_held_in_the_same_series():
    cells = [["Date"], ["AAPL", "Shares"], ["AAPL", "Value"], ["MSFT", "Value"]]
    canonical, series = ["date", "volume", "close", "close"], [None, "AAPL", "AAPL", "MSFT"]
    steady = [[d, "10", f"{1850 + k}.5", f"{370 + k}.5"] for k, d in enumerate(DAYS)]
    assert position_values(cells, canonical, series, steady) == [2]
    # Shares traded move every day: a market's, and its value traded no holding's worth.
    traded = [[d, str(1000 + 37 * k), f"{1850 + k}.5", f"{370 + k}.5"] for k, d in enumerate(DAYS)]
    assert position_values(cells, canonical, series, traded) == []
    assert position_values([["Date"], ["Value"]], ["date", "close"], [None, None], steady) == []


def test_a_close_no_ticker_names_beside_the_tickers_is_said_so():
    cells = [["Date"], ["AAPL", "Close"], ["Close"]]
    problem = unread_close_problem(["Date", "AAPL Close", "Close"], cells, [_DATE, _NUMBER, _NUMBER],
                                   ["date", "close", None], [None, "AAPL", None], [["2024-01-02", "1", "2"]])
    assert problem is not None and problem.startswith(f"{SIDE_BY_SIDE} (Close): a close no ticker names")


@pytest.mark.parametrize("lower", ["Var.", "+/-", "Points", "Accrued", "MA50", "EMA", "Index", "Rebased",
                                   "Total Return", "Smoothed"])
def test_a_close_heading_over_its_price_and_another_figure_loads_the_price(lower):
    # "Close" spans the price and a figure of it (its change, its average, its index): the price loads,
    # as before the rule; refused as a second close, the file loaded nothing.
    schema, result = _load(f"Date,Close,Close\n,Price,{lower}\n" + _rows(98, 4), "BOND.csv")
    assert schema.problem is None
    assert result.prices["close"].tolist() == [98.5 + k for k in range(len(DAYS))]


@pytest.mark.parametrize("header", ["Ticker,BRK,BRK\nDate,Close,Close\n,Price,Price", "Date,Close,Close\n,Price,Mid"])
def test_a_close_heading_over_two_prices_is_still_refused(header):
    # Under the heading a price each (or a quote's two sides): two closes, one would be left unread.
    schema, result = _load(f"{header}\n" + _rows(600000, 400))
    assert schema.problem is not None and schema.problem.startswith(f"{SEVERAL_CLOSES}?")
    assert result.prices.empty


def test_a_close_written_twice_to_two_precisions_loads_once():
    # One close exported by two formats: nothing is lost by reading either.
    rows = "".join(f"{d},{470.1234 + k:.4f},{470.1234 + k:.2f}\n" for k, d in enumerate(DAYS))
    schema, result = _load("Ticker,SPY,SPY\nDate,Close,Close\n" + rows, "SPY.csv")
    assert schema.problem is None
    assert result.prices["close"].tolist() == pytest.approx([470.1234 + k for k in range(len(DAYS))])


@pytest.mark.parametrize("first,second", [("470.13", "470.12"), ("2500", "2500.5"), ("2500", "2501")])
def test_closes_a_last_decimal_apart_are_two_closes(first, second):
    # A step of the coarser column's last decimal is another price, not its rounding; nor is a price to
    # the unit beside one with decimals a rounding told.
    schema, _ = _load(f"Ticker,SPY,SPY\nDate,Close,Close\n{DAYS[0]},{first},{second}\n{DAYS[1]},{first},{second}\n")
    assert schema.problem is not None and schema.problem.startswith(f"{SEVERAL_CLOSES}?")


def test_a_value_over_a_day_s_high_and_low_is_no_holding():
    # A bar's close named "Value" beside a steady count: a holding has no day's high and low (as the long
    # tables' rule says, statements.py).
    rows = "".join(f"{d},{4700 + k}.5,{4710 + k}.5,{4690 + k}.5,{4705 + k}.5,500\n" for k, d in enumerate(DAYS))
    schema, result = _load("Ticker,SPX,SPX,SPX,SPX,SPX\nDate,Open,High,Low,Value,Shares\n" + rows)
    assert schema.problem is None
    assert result.prices["close"].tolist() == [4705.5 + k for k in range(len(DAYS))]
