import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.price_unit import UNREAD_SCALE, unread_price_scale, without_price_unit, without_unit
from backintime_assets.detection.refusals import judgement
from backintime_assets.normalisation.normalise import normalise_bytes


@pytest.mark.parametrize(("cell", "rest"), [
    ("Close USDT", "Close"), ("Close (USDT)", "Close"), ("close_usdt", "close"),  # a coin pairs quote in
    ("Close in USD", "Close"), ("Close, EUR", "Close"), ("Close (USD)", "Close"), ("Close usd", "Close"),
    ("BP.L Close (GBp)", "BP.L Close"), ("Close (GBX)", "Close"),  # London's pence
    ("Close AAPL (USD)", "Close AAPL"), ("Adj Close [USD]", "Adj Close"),
    # Thousands, the one scale read on prices (multipliers.price_scale), however written.
    ("Close (K)", "Close"), ("Close (thousands)", "Close"), ("Close in thousands", "Close"), ("Close (000s)", "Close"),
])
def test_a_currency_a_coin_or_thousands_after_the_name_is_cut_off(cell, rest):
    assert without_price_unit(cell) == rest


@pytest.mark.parametrize("cell", [
    # Scales no price is read in (millions, a hundredfold, thousands of dollars): cut, each ticker's
    # closes would load as written, unscaled.
    "Close (mn)", "Close (USD mn)", "Close (bn)", "Close (x100)", "Close (USD 000)",
    # A letter may be a share class or a side ("Close (B)"), a note no unit, "all" a word, not the lek.
    "Close (M)", "Close (B)", "Close (LSE)", "Close (cents)", "Close all", "Price, Close",
    "Close", "(USD)", "USD",
])
def test_no_unit_or_one_no_price_is_read_in_is_not_cut(cell):
    assert without_price_unit(cell) is None


@pytest.mark.parametrize(("cells", "scale"), [
    (["Close (mn)"], "mn"), (["Close (USD mn)"], "USD mn"), (["Close in millions"], "millions"), (["Close (bn)"], "bn"),
    (["Close (x100)"], "x100"), (["Close (USD 000)"], "USD 000"), (["Close USD (000)"], "000"),
    (["BTC", "Close (Mio. EUR)"], "Mio. EUR"),
    # Read (thousands), none, a currency alone, one letter (a class B share's close, the bid's), cents.
    (["Close (K)"], None), (["Close (000s)"], None), (["Close (USD)"], None), (["Close"], None),
    (["Close (B)"], None), (["Close (M)"], None), (["Close (cents)"], None), (["Berkshire (B)", "Close"], None),
])
def test_a_scale_no_price_is_read_in_is_told_as_written(cells, scale):
    assert unread_price_scale(cells) == scale


def _refused(text: str) -> str:
    data = text.encode()
    schema = detect_bytes(data, "prices.csv")
    result = normalise_bytes(data, schema, "prices.csv")
    assert result.prices_arrow.num_rows == 0 and result.rejected_arrow.num_rows == result.rows_read > 0
    return schema.problem


@pytest.mark.parametrize("text", [
    "Date,Close (USD mn)\n2024-01-02,42.5\n2024-01-03,43.5\n",
    "Date,Open (bn),Close (bn),Volume\n2024-01-02,1.2,1.25,100\n2024-01-03,1.25,1.3,200\n",
    # Each ticker's close in millions: BTC's loaded under the file's name as written, ETH's dropped.
    "Ticker,BTC,ETH\nDate,Close (USD mn),Close (USD mn)\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n",
])
def test_prices_declared_in_a_scale_not_read_for_prices_refuse_the_file(text):
    # Loaded as written, a million dollars stood as 1 dollar, without a word. A user who knows may set
    # the columns' multiplier and load it: a judgement.
    problem = _refused(text)
    assert problem.startswith(UNREAD_SCALE) and ("mn" in problem or "bn" in problem)
    assert judgement(problem) == UNREAD_SCALE


@pytest.mark.parametrize("unit", ["mn", "USD mn", "x100", "00", "USD 000"])
def test_each_tickers_close_in_an_unread_scale_in_one_row_is_refused_for_its_scale(unit):
    # Split as "AAPL" and "Close", each ticker's millions loaded as units (BASE); unsplit, the file was
    # refused as "several tickers side by side?", a reason that sent its user the wrong way.
    problem = _refused(f"Date,AAPL Close ({unit}),MSFT Close ({unit})\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n")
    assert problem.startswith(UNREAD_SCALE) and "AAPL Close" in problem and "MSFT Close" in problem


@pytest.mark.parametrize("unit", ["M", "B", "lots"])
def test_each_tickers_close_named_with_a_letter_or_lots_in_one_row_loads_as_written(unit):
    # As one ticker's "Close (M)" does: a letter is a class or a side as often as a scale. Cut off as
    # no currency, coin or thousands, the file was refused as several tickers side by side.
    data = f"Date,AAPL Close ({unit}),MSFT Close ({unit})\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n".encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    loaded = normalise_bytes(data, schema, "prices.csv").prices_arrow.to_pylist()
    assert sorted((r["ticker"], r["close"]) for r in loaded) == [
        ("AAPL", 42.5), ("AAPL", 43.5), ("MSFT", 2.25), ("MSFT", 2.5)]


@pytest.mark.parametrize(("cell", "rest"), [
    ("AAPL Close (M)", "AAPL Close"), ("Close (mn)", "Close"), ("Close (lots)", "Close"), ("Close (USD)", "Close"),
    ("Close (K)", "Close"), ("Close in millions", None), ("Close (LSE)", None), ("Close", None),
])
def test_any_unit_brackets_declare_is_cut_for_the_split(cell, rest):
    assert without_unit(cell) == rest


@pytest.mark.parametrize("header", ["Date,Close (B)", "Date,Close (K)", "Date,Close (EUR)"])
def test_a_close_of_a_class_or_in_thousands_or_a_currency_still_loads(header):
    data = f"{header}\n2024-01-02,42.5\n2024-01-03,43.5\n".encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "prices.csv").prices_arrow.num_rows == 2


@pytest.mark.parametrize(("text", "told"), [
    ("Date,Symbol,Quantity,Price (USD mn),Market Value (USD mn)\n2024-01-02,AAPL,100,0.0185,1.85\n"
     "2024-01-02,MSFT,50,0.037,1.85\n2024-01-03,AAPL,100,0.0186,1.86\n", "a list of holdings"),
    ("Date,Symbol,Side,Quantity,Price (x100),Amount\n2024-01-02,AAPL,BUY,100,18500,18500\n"
     "2024-01-03,MSFT,SELL,50,37000,18500\n", "a list of trades"),
])
def test_a_list_of_trades_or_holdings_with_a_scaled_price_is_told_as_such(text, told):
    # Refused first for its price's scale, its user was told to set a multiplier and load the list's
    # rows as prices; they are no prices, whatever the scale.
    problem = _refused(text)
    assert problem.startswith(told) and not problem.startswith(UNREAD_SCALE)


@pytest.mark.parametrize(("text", "told"), [
    ("Ticker,BN,MN\nDate,Close (bn),Close (mn)\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n",
     "(BN Close (bn), MN Close (mn))"),
    ("Date,BN Close (bn),BN.A Close (bn)\n2024-01-02,42.5,2.25\n2024-01-03,43.5,2.5\n",
     "(BN Close (bn), BN.A Close (bn))"),
])
def test_a_ticker_named_as_its_scale_keeps_the_scale_its_close_is_written_in(text, told):
    # Brookfield's "BN" taken off every header cell took "(bn)" with it (as Kellanova's "K" took its
    # thousands): BN's billions and MN's millions loaded as written, or BN's went unnamed, silently.
    problem = _refused(text)
    assert problem.startswith(f"{UNREAD_SCALE} {told}")
