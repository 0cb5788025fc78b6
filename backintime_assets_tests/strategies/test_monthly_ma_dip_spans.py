"""The span-by-span monthly_ma_dip against the numpy reference, however the history is cut."""
from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.strategies import TRADE_COLUMNS, MonthlyMaDipParams, monthly_ma_dip_reference
from backintime_assets.strategies.monthly_ma_dip_spans import lookback_demand, summarise_span, trades_from_summaries
from backintime_assets_tests.strategies.markets import (
    HAND_PARAMS,
    HAND_TRADES,
    PRICE_COLUMNS,
    assert_same_trades,
    hand_market,
    markets,
    side_by_side,
)

D = datetime.date


def span_summaries(prices: pd.DataFrame, cuts: list[int], params: MonthlyMaDipParams) -> pa.Table:
    """The summaries of `prices` (put in date order) in spans that start at row positions `cuts`:
    a cut may fall inside a date, as a row-group boundary can."""
    table = pa.Table.from_pandas(prices[PRICE_COLUMNS], preserve_index=False)
    table = table.set_column(0, "date", table["date"].cast(pa.date32()))
    table = table.take(pa.array(np.argsort(table["date"].cast(pa.int32()).to_numpy(), kind="stable")))
    edges = sorted({0, table.num_rows, *[c for c in cuts if 0 < c < table.num_rows]})
    return pa.concat_tables([summarise_span(table.slice(a, b - a), i, params)
                             for i, (a, b) in enumerate(zip(edges, edges[1:]))])


def in_spans(prices: pd.DataFrame, cuts: list[int], params: MonthlyMaDipParams) -> pd.DataFrame:
    """Trades of `prices` summarised in spans that start at row positions `cuts`."""
    return trades_from_summaries(span_summaries(prices, cuts, params), params).to_pandas()


def demand_by_counting(prices: pd.DataFrame, params: MonthlyMaDipParams) -> dict[str, int]:
    """What `lookback_demand` should give: for each ticker with an in-bounds row on a month's first
    trading day, the window's rows it lacks before its earliest such row."""
    length = max(params.window, 1)
    usable = prices[(prices["adj_close"] >= params.min_price) & (prices["adj_close"] <= params.max_price)]
    days = sorted(set(usable["date"]))
    first_days = {day for before, day in zip([None, *days], days)
                  if before is None or (before.year, before.month) != (day.year, day.month)}
    demand = {}
    for ticker, rows in usable.groupby("ticker"):
        for before, day in enumerate(sorted(rows["date"])):
            if day in first_days and before < length:
                demand[ticker] = length - before
                break
    return demand


def test_hand_market_in_one_span():
    trades = in_spans(hand_market(), [], HAND_PARAMS)
    assert_same_trades(trades, HAND_TRADES)
    assert trades[["ticker", "purchase_date"]].equals(HAND_TRADES[["ticker", "purchase_date"]])  # sorted


def test_hand_market_cut_after_every_row():
    market = hand_market()
    assert_same_trades(in_spans(market, list(range(len(market))), HAND_PARAMS), HAND_TRADES)


def test_a_ticker_absent_from_whole_spans_borrows_rows_across_them():
    # X trades in January, vanishes for two spans, and returns on March's first trading day:
    # its average reaches back over the empty spans to January's rows.
    rows = [(D(2024, 1, d), "X", "S", p) for d, p in [(2, 10.0), (3, 12.0), (4, 14.0)]]
    rows += [(D(2024, 2, 1), "Y", "S", 5.0), (D(2024, 2, 15), "Y", "S", 5.0), (D(2024, 3, 1), "X", "S", 11.0)]
    market = pd.DataFrame(rows, columns=PRICE_COLUMNS)
    params = MonthlyMaDipParams(window=2)
    expected = monthly_ma_dip_reference(market, params)
    assert expected["purchase_date"].tolist() == [D(2024, 3, 1)]  # (12 + 14 + 11) / 3 < 14
    for cuts in ([3], [3, 4], [3, 4, 5], [1, 2, 3, 4, 5]):
        assert_same_trades(in_spans(market, cuts, params), expected)


def test_a_span_starting_mid_month_does_not_make_a_first_day():
    # The second span starts on Jan 10: not a month's first trading day, so no buy there.
    market = pd.DataFrame([(D(2024, 1, 2), "A", "S", 10.0), (D(2024, 1, 10), "A", "S", 5.0),
                           (D(2024, 1, 10), "B", "S", 50.0), (D(2024, 1, 11), "B", "S", 40.0)],
                          columns=PRICE_COLUMNS)
    assert in_spans(market, [1], MonthlyMaDipParams(window=1)).empty


def test_duplicate_rows_within_a_span_are_refused():
    market = pd.DataFrame([(D(2024, 1, 2), "A", "S", 1.0)] * 2, columns=PRICE_COLUMNS)
    with pytest.raises(ValueError, match="more than one row"):
        in_spans(market, [], MonthlyMaDipParams())


def test_no_usable_rows_give_no_trades_in_the_trades_shape():
    market = pd.DataFrame([(D(2024, 1, 2), "A", "S", 5000.0), (None, "B", "S", 1.0)], columns=PRICE_COLUMNS)
    trades = in_spans(market, [1], MonthlyMaDipParams())
    assert list(trades.columns) == TRADE_COLUMNS and trades.empty


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(markets(), min_size=1, max_size=4), window=st.integers(0, 8), data=st.data())
def test_any_cut_gives_the_reference_trades(batch, window, data):
    prices = side_by_side(batch)
    cuts = data.draw(st.lists(st.integers(0, len(prices)), max_size=6))
    params = MonthlyMaDipParams(window=window)
    assert_same_trades(in_spans(prices, cuts, params), monthly_ma_dip_reference(prices, params))


def test_lookback_demand_counts_the_rows_a_later_month_lacks():
    # A buys on January's first day with nothing before it; S is new in February and has two
    # rows before March's first day; B has its window before February's first day.
    rows = [(D(2024, 1, 2), "A", "S", 1.0), (D(2024, 2, 1), "A", "S", 1.0), (D(2024, 3, 1), "A", "S", 1.0)]
    rows += [(D(2024, 1, d), "B", "S", 1.0) for d in (3, 4, 5)] + [(D(2024, 2, 1), "B", "S", 1.0)]
    rows += [(D(2024, 2, d), "S", "S", 1.0) for d in (15, 20)] + [(D(2024, 3, 1), "S", "S", 1.0)]
    rows += [(D(2024, 2, 21), "OUT", "S", 5000.0), (D(2024, 3, 1), "OUT", "S", 1.0)]  # its Feb row is out of bounds
    market = pd.DataFrame(rows, columns=PRICE_COLUMNS)
    params = MonthlyMaDipParams(window=3)
    expected = {"A": 3, "S": 1, "OUT": 3}
    assert demand_by_counting(market, params) == expected
    for cuts in ([], [2], [3, 6, 9], list(range(len(market)))):
        assert lookback_demand(span_summaries(market, cuts, params), params) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(market=markets(), window=st.integers(0, 8), data=st.data())
def test_any_cut_gives_the_same_lookback_demand(market, window, data):
    cuts = data.draw(st.lists(st.integers(0, len(market)), max_size=6))
    params = MonthlyMaDipParams(window=window)
    assert lookback_demand(span_summaries(market, cuts, params), params) == demand_by_counting(market, params)
