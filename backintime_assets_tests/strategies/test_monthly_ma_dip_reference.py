from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backintime_assets.strategies import TRADE_COLUMNS, MonthlyMaDipParams, monthly_ma_dip_reference
from backintime_assets_tests.strategies.markets import (
    HAND_PARAMS,
    HAND_TRADES,
    PRICE_COLUMNS,
    assert_same_trades,
    hand_market,
    identical_prices_market,
    markets,
    window_market,
)
from backintime_assets_tests.strategies.oracle import naive_monthly_ma_dip

D = datetime.date


def test_hand_computed_market():
    trades = monthly_ma_dip_reference(hand_market(), HAND_PARAMS)
    assert_same_trades(trades, HAND_TRADES)
    assert trades[["ticker", "purchase_date"]].equals(HAND_TRADES[["ticker", "purchase_date"]])  # sorted


def test_naive_oracle_agrees_on_hand_market():
    assert_same_trades(naive_monthly_ma_dip(hand_market(), HAND_PARAMS), HAND_TRADES)


def test_eight_identical_prices_average_below_themselves():
    trades = monthly_ma_dip_reference(identical_prices_market())
    assert trades["purchase_date"].tolist() == [D(2024, 2, 1)]
    assert trades["pnl"].tolist() == [0.0]


@pytest.mark.parametrize("window, buys", [(1, 1), (2, 0)])
def test_window_counts_rows_before_the_current_one(window, buys):
    assert len(monthly_ma_dip_reference(window_market(), MonthlyMaDipParams(window=window))) == buys


def test_bounds_are_inclusive_and_parameters_apply():
    prices = pd.DataFrame(
        {
            "date": [D(2024, 1, 31), D(2024, 2, 1), D(2024, 2, 2)],
            "ticker": "X",
            "sector": "S",
            "adj_close": [2.0, 1.0, 3.0],
        }
    )
    # Feb 1: mean (2+1)/2 = 1.5 < 2: a buy of 50 units at 1.0, marked to 3.0.
    trades = monthly_ma_dip_reference(prices, MonthlyMaDipParams(amount=50.0, window=7, min_price=1.0, max_price=3.0))
    assert trades[["purchase_price", "purchase_vol", "last_close", "pnl"]].values.tolist() == [[1.0, 50.0, 3.0, 100.0]]
    # Raising the floor above 1.0 drops the Feb 1 row, so February starts on Feb 2 (ma 2.5 < 2? no).
    assert monthly_ma_dip_reference(prices, MonthlyMaDipParams(min_price=1.5)).empty


def test_input_types_do_not_change_the_result():
    market = hand_market()
    as_datetime = market.assign(date=pd.to_datetime(market["date"]))
    as_categories = market.astype({"ticker": "category", "sector": "category"})
    shuffled = market.sample(frac=1.0, random_state=3)
    for variant in (as_datetime, as_categories, shuffled):
        assert_same_trades(monthly_ma_dip_reference(variant, HAND_PARAMS), HAND_TRADES)


def test_rows_without_ticker_date_or_price_are_ignored():
    junk = pd.DataFrame(
        [(None, "A", "Tech", 1.0), (D(2024, 1, 1), None, "Tech", 1.0), (D(2024, 1, 1), "A", "Tech", float("nan"))],
        columns=PRICE_COLUMNS,
    )
    # Jan 1 would otherwise become January's buy date.
    assert_same_trades(monthly_ma_dip_reference(pd.concat([hand_market(), junk]), HAND_PARAMS), HAND_TRADES)


def test_empty_and_all_out_of_bounds_markets_give_no_trades():
    empty = pd.DataFrame(columns=PRICE_COLUMNS)
    out = pd.DataFrame([(D(2024, 1, 2), "A", "S", 5000.0)], columns=PRICE_COLUMNS)
    for prices in (empty, out):
        trades = monthly_ma_dip_reference(prices)
        assert list(trades.columns) == TRADE_COLUMNS and trades.empty
        assert trades["pnl"].dtype == np.float64


def test_duplicate_ticker_dates_are_refused():
    market = hand_market()
    with pytest.raises(ValueError, match="more than one row"):
        monthly_ma_dip_reference(pd.concat([market, market.iloc[[0]]]))


@settings(max_examples=100, deadline=None)
@given(market=markets(), window=st.integers(0, 9))
def test_matches_naive_loop(market, window):
    params = MonthlyMaDipParams(window=window)
    assert_same_trades(monthly_ma_dip_reference(market, params), naive_monthly_ma_dip(market, params))
