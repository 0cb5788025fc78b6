import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.held_quantity import held_quantity
from backintime_assets.normalisation import normalise_bytes

DAYS = ["2023-01-02", "2023-01-03", "2023-01-04", "2023-01-05", "2023-01-06", "2023-01-09", "2023-01-10",
        "2023-01-11"]


def _load(text: str, name: str = "positions.csv"):
    data = text.encode()
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name).prices


@pytest.mark.parametrize("name", ["Quantity", "Qté", "Qtde"])
def test_a_position_history_loads_its_prices_without_the_holding_as_volume(name):
    # A daily position history with no worth column: its Quantity (the units held, 50 then 80) had
    # loaded as each day's volume without a word; so a French export's "Qté", a Brazilian's "Qtde".
    rows = "".join(f"{d},AAPL,{50 if k < 5 else 80},{100 + k}.25\n" for k, d in enumerate(DAYS))
    schema, prices = _load(f"Date,Ticker,{name},Price\n" + rows)
    assert schema.problem is None
    assert prices["close"].tolist() == [100.25 + k for k in range(8)]
    assert prices["volume"].isna().all()


def test_several_tickers_holdings_interleaved_by_date_are_judged_each_on_its_own():
    holdings = {"AAPL": 10, "MSFT": 25, "IBM": 40}
    rows = "".join(f"{d},{t},{q + (5 if k > 4 else 0)},{100 + k + q}.5\n"
                   for k, d in enumerate(DAYS) for t, q in holdings.items())
    _, prices = _load("Date,Symbol,Quantity,Price\n" + rows)
    assert sorted(set(prices["ticker"])) == ["AAPL", "IBM", "MSFT"]
    assert len(prices) == 24 and prices["volume"].isna().all()


def test_a_share_count_beside_the_close_is_no_volume():
    rows = "".join(f"{d},{100 + k}.5,{15_500_000_000 if k < 6 else 15_400_000_000},{(100 + k) * 155}00000000\n"
                   for k, d in enumerate(DAYS))
    schema, prices = _load("Date,Close,Shares,Market Cap\n" + rows, "AAPL.csv")
    assert schema.problem is None
    assert prices["close"].tolist() == [100.5 + k for k in range(8)]
    assert prices["volume"].isna().all()


@pytest.mark.parametrize("name", ["Quantity", "Qty", "Qte", "Shares", "Total Traded Quantity",
                                  "Total Trade Quantity", "Volume"])
def test_a_days_traded_quantity_stays_the_volume(name):
    # NSE names its volume a quantity; a day's volume moves every day, halted days' zeros among them.
    volumes = [123456, 0, 0, 98765, 101010, 0, 87878, 134343]
    rows = "".join(f"{d},{100 + k},{102 + k},{99 + k},{101 + k},{v}\n" for k, (d, v) in enumerate(zip(DAYS, volumes)))
    _, prices = _load(f"Date,Open,High,Low,Close,{name}\n" + rows, "INFY.csv")
    assert prices["volume"].tolist() == volumes


def test_the_rule_reads_counts_not_zeros_nor_a_few_rows():
    names, canonical = [["Date"], ["Qty"], ["Price"]], ["date", "volume", "close"]
    assert held_quantity(names, canonical, [[d, "0", "1"] for d in DAYS]) is None  # a halted stock's zeros
    assert held_quantity(names, canonical, [[d, "50", "1"] for d in DAYS[:4]]) is None  # too few to tell
    assert held_quantity(names, canonical, [[d, "50", "1"] for d in DAYS]) == 1
    assert held_quantity([["Date"], ["Volume"], ["Price"]], canonical, [[d, "50", "1"] for d in DAYS]) is None
    # A unit over the volume's name: a volume counted in shares (thousands of them), whatever it does.
    assert held_quantity([["Date"], ["Shares ('000)", "Volume"], ["Price"]], canonical,
                         [[d, "50", "1"] for d in DAYS]) is None


def test_a_position_history_with_its_worth_is_still_refused_as_holdings():
    rows = "".join(f"{d},AAPL,50,{100 + k}.25,{(100 + k) * 50 + 12.5:.2f}\n" for k, d in enumerate(DAYS))
    schema, prices = _load("Date,Ticker,Quantity,Price,Market Value\n" + rows)
    assert schema.problem is not None and "a list of holdings" in schema.problem
    assert prices.empty


# A thin share traded in lots: the same count on most of its traded days, none on others.
LOTS = [3000, 3000, 6000, 3000, 3000, 3000, 3000, 9000, 3000, 3000]
TRADED_DAYS = ["2023-01-09", "2023-01-12", "2023-01-13", "2023-01-19", "2023-01-20", "2023-01-26", "2023-02-01",
               "2023-02-02", "2023-02-08", "2023-02-13"]


def test_a_thin_shares_volumes_in_lots_beside_its_trades_stay_the_volume():
    # BSE's export names its volume "No.of Shares", beside "No. of Trades" and "Total Turnover (Rs.)";
    # a share of the SME board, traded in lots of 3000 on a few days, had its volumes read as a holding.
    rows = "".join(f"{d},{40 + k}.1,{40 + k}.1,{40 + k}.1,{40 + k}.1,{40 + k}.1,{q},{q // 3000},{q * (40 + k)}\n"
                   for k, (d, q) in enumerate(zip(TRADED_DAYS, LOTS)))
    _, prices = _load("Date,Open Price,High Price,Low Price,Close Price,WAP,No.of Shares,No. of Trades,"
                      "Total Turnover (Rs.)\n" + rows, "SME.csv")
    assert prices["volume"].tolist() == LOTS


def test_a_thin_shares_bars_keep_their_volume_in_lots():
    rows = "".join(f"{d},{40 + k}.1,{41 + k}.0,{40 + k}.0,{40 + k}.5,{q}\n"
                   for k, (d, q) in enumerate(zip(TRADED_DAYS, LOTS)))
    _, prices = _load("Date,Open,High,Low,Close,Qty\n" + rows, "SME.csv")
    assert prices["volume"].tolist() == LOTS


def test_a_thin_shares_closes_with_untraded_days_between_keep_their_volume():
    # Every weekday written, the untraded ones with no count: a holding is not closed and opened again
    # every few days.
    days = [f"2023-01-{d:02d}" for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27)]
    volumes = [q if k % 2 else 0 for k, q in enumerate(LOTS + LOTS)]
    rows = "".join(f"{d},{40 + k // 2}.5,{v}\n" for k, (d, v) in enumerate(zip(days, volumes)))
    _, prices = _load("Date,Close,Shares\n" + rows, "SME.csv")
    assert prices["volume"].tolist() == volumes


def test_a_count_of_trades_or_money_traded_beside_the_count_makes_it_traded():
    canonical = ["date", "close", "volume", None]
    body = [[d, "40.5", str(q), str(q // 3000)] for d, q in zip(TRADED_DAYS, LOTS)]
    for other in ("No. of Trades", "Turnover", "Deals"):
        assert held_quantity([["Date"], ["Close"], ["Shares"], [other]], canonical, body) is None
    assert held_quantity([["Date"], ["Close"], ["Shares"], ["Note"]], canonical, body) == 2
