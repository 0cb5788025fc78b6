"""Small price markets for the strategy tests: hypothesis strategies with the awkward cases
(single rows, gaps of weeks, out-of-bounds and identical prices, month edges), and helpers to
batch many markets into one Spark job and to compare trades."""
from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from backintime_assets.strategies import TRADE_COLUMNS, MonthlyMaDipParams

PRICE_SCHEMA = "date date, ticker string, sector string, adj_close double"
PRICE_COLUMNS = ["date", "ticker", "sector", "adj_close"]
D = datetime.date

# Bounds themselves, their nearest neighbours outside, and values whose sums round.
EDGE_PRICES = [0.1, 1000.0, 0.09999999999999999, 1000.0000000000001, 0.05, 1500.0, 0.3, 0.7, 1.1, 10.0]
prices = st.one_of(st.sampled_from(EDGE_PRICES), st.floats(0.01, 1200.0, allow_nan=False))
# Month starts and ends, and any day, of a leap year.
month_edges = [datetime.date(2000, m, 1) for m in range(1, 13)] + [D(2000, 1, 31), D(2000, 2, 29)]
starts = st.one_of(st.sampled_from(month_edges), st.dates(datetime.date(2000, 1, 1), datetime.date(2000, 12, 31)))


def _daily_run(span_days: int):
    """Every calendar day of a stretch of up to six weeks."""
    return st.integers(0, span_days).flatmap(
        lambda a: st.integers(a, min(a + 40, span_days)).map(lambda b: list(range(a, b + 1)))
    )


@st.composite
def markets(draw, max_tickers: int = 4, max_rows: int = 30, span_days: int = 150) -> pd.DataFrame:
    """A market of a few tickers within `span_days` of a day in 2000."""
    start = draw(starts)
    shared = sorted(draw(st.lists(st.integers(0, span_days), min_size=1, max_size=max_rows, unique=True)))
    rows = []
    for t in range(draw(st.integers(1, max_tickers))):
        days = draw(
            st.one_of(
                st.just(shared),  # trades whenever the others do: the regular case
                st.lists(st.integers(0, span_days), min_size=1, max_size=max_rows, unique=True).map(sorted),
                _daily_run(span_days),
            )
        )
        constant = draw(st.one_of(st.none(), prices))
        for day in days:
            rows.append(
                (
                    start + datetime.timedelta(days=day),
                    f"T{t}",
                    draw(st.sampled_from(["Energy", "Tech"])),
                    constant if constant is not None else draw(prices),
                )
            )
    return pd.DataFrame(rows, columns=PRICE_COLUMNS)


def side_by_side(markets_: list[pd.DataFrame]) -> pd.DataFrame:
    """Markets moved 4k years apart (so leap days survive) with tickers prefixed m{k}_, as one
    frame: one Spark job checks them all, and no market's months mix with another's."""
    frames = []
    for k, market in enumerate(markets_):
        moved = market.assign(
            date=[d.replace(year=d.year - 2000 + 1904 + 4 * k) for d in market["date"]],
            ticker=f"m{k}_" + market["ticker"],
        )
        frames.append(moved)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=PRICE_COLUMNS)


def to_spark(spark, prices: pd.DataFrame):
    return spark.createDataFrame(prices[PRICE_COLUMNS], PRICE_SCHEMA)


def sorted_trades(trades: pd.DataFrame) -> pd.DataFrame:
    return trades.sort_values(["ticker", "purchase_date"], ignore_index=True)


def assert_same_trades(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same buys (strategy, ticker, sector, date, price, last close) and money equal to 1e-9."""
    assert list(actual.columns) == TRADE_COLUMNS
    actual, expected = sorted_trades(actual), sorted_trades(expected)
    exact = ["strategy", "ticker", "sector", "purchase_date", "purchase_price", "last_close"]
    assert actual[exact].to_dict("records") == expected[exact].to_dict("records")
    for column in ["purchase_vol", "pnl"]:
        np.testing.assert_allclose(actual[column].to_numpy(float), expected[column].to_numpy(float), rtol=0, atol=1e-9)


def hand_market() -> pd.DataFrame:
    """Four tickers, worked through by hand with window=2 (averages of 3 rows).

    Buy dates: Jan 2 (first of January), Feb 1, Mar 4 (D's Mar 1 row is out of bounds, so it
    does not count) and May 2; April has no data.
    """
    rows = [
        # A: Feb 1: ma (11+12+9)/3 = 10.67 < prev 12, buy at 9. Mar 4: ma 10.67 < 10? no.
        #    May 2: ma (13+14+6)/3 = 11 < 14, buy at 6. Last close 6.
        (D(2024, 1, 2), "A", "Tech", 10.0),
        (D(2024, 1, 3), "A", "Tech", 11.0),
        (D(2024, 1, 31), "A", "Tech", 12.0),
        (D(2024, 2, 1), "A", "Tech", 9.0),
        (D(2024, 2, 2), "A", "Tech", 10.0),
        (D(2024, 3, 4), "A", "Tech", 13.0),
        (D(2024, 3, 5), "A", "Tech", 14.0),
        (D(2024, 5, 2), "A", "Tech", 6.0),
        # B: Jan 2 is its first row (previous close 0). Feb 1: ma 45 < 50, buy at 40.
        #    Mar 4: ma 50 < 40? no. Last close 70.
        (D(2024, 1, 2), "B", "Energy", 50.0),
        (D(2024, 2, 1), "B", "Energy", 40.0),
        (D(2024, 3, 4), "B", "Energy", 60.0),
        (D(2024, 3, 5), "B", "Energy", 70.0),
        # C: Feb 15 is out of bounds and skipped. Mar 4: ma (5+4+2)/3 < 4, buy at 2, now Materials.
        (D(2024, 2, 1), "C", "Energy", 5.0),
        (D(2024, 2, 15), "C", "Energy", 2000.0),
        (D(2024, 2, 20), "C", "Energy", 4.0),
        (D(2024, 3, 4), "C", "Materials", 2.0),
        # D: one usable row, not on a buy date.
        (D(2024, 3, 1), "D", "Energy", 1500.0),
        (D(2024, 3, 5), "D", "Energy", 20.0),
    ]
    return pd.DataFrame(rows, columns=PRICE_COLUMNS)


HAND_PARAMS = MonthlyMaDipParams(window=2)
HAND_TRADES = pd.DataFrame(
    [
        ["monthly_ma_dip", "A", "Tech", D(2024, 2, 1), 9.0, 100 / 9, 6.0, (6.0 - 9.0) * 100 / 9],
        ["monthly_ma_dip", "A", "Tech", D(2024, 5, 2), 6.0, 100 / 6, 6.0, 0.0],
        ["monthly_ma_dip", "B", "Energy", D(2024, 2, 1), 40.0, 2.5, 70.0, 75.0],
        ["monthly_ma_dip", "C", "Materials", D(2024, 3, 4), 2.0, 50.0, 2.0, 0.0],
    ],
    columns=TRADE_COLUMNS,
)


def window_market() -> pd.DataFrame:
    """Feb 1 buys only if the average leaves out Jan 30's 100: window=1 gives (10+9)/2 < 10,
    window=2 gives (100+10+9)/3 > 10."""
    return pd.DataFrame(
        [(D(2024, 1, 30), "X", "S", 100.0), (D(2024, 1, 31), "X", "S", 10.0), (D(2024, 2, 1), "X", "S", 9.0)],
        columns=PRICE_COLUMNS,
    )


def identical_prices_market() -> pd.DataFrame:
    """Nine business days at 0.1 up to Feb 1: 0.1 added eight times is 0.7999999999999999, so the
    8-row mean is just under 0.1 and the original project bought on Feb 1."""
    days = pd.bdate_range("2024-01-22", "2024-02-01").date
    return pd.DataFrame({"date": days, "ticker": "X", "sector": "S", "adj_close": 0.1})
