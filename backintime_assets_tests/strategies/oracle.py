"""The strategies as plain loops over dicts: the oracles for the project's implementations and for
the whole pipeline's trades, written apart from them."""
from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from backintime_assets.strategies import EXIT_COLUMNS, TRADE_COLUMNS, MaCrossoverParams, MonthlyMaDipParams


def naive_monthly_ma_dip(prices: pd.DataFrame, params: MonthlyMaDipParams = MonthlyMaDipParams()) -> pd.DataFrame:
    """Trades (TRADE_COLUMNS) of `prices` (date, ticker, sector, adj_close), one row at a time."""
    kept = [
        row
        for row in prices.to_dict("records")
        if row["ticker"] is not None
        and row["date"] is not None
        and not math.isnan(row["adj_close"])
        and params.min_price <= row["adj_close"] <= params.max_price
    ]
    first_in_month = {}
    for row in kept:
        month = (row["date"].year, row["date"].month)
        if month not in first_in_month or row["date"] < first_in_month[month]:
            first_in_month[month] = row["date"]
    buy_dates = set(first_in_month.values())

    history = defaultdict(list)
    for row in kept:
        history[row["ticker"]].append(row)
    trades = []
    for ticker, rows in history.items():
        rows.sort(key=lambda row: row["date"])
        last_close = rows[-1]["adj_close"]
        for i, row in enumerate(rows):
            if row["date"] not in buy_dates:
                continue
            window = rows[max(0, i - params.window) : i + 1]
            total = 0.0
            for earlier in window:
                total += earlier["adj_close"]
            ma = total / len(window)
            previous_close = rows[i - 1]["adj_close"] if i > 0 else 0.0
            if ma < previous_close:
                price = row["adj_close"]
                vol = params.amount / price
                pnl = (last_close - price) * vol
                trades.append(["monthly_ma_dip", ticker, row["sector"], row["date"], price, vol, last_close, pnl])
    return pd.DataFrame(trades, columns=TRADE_COLUMNS)


def naive_ma_crossover(prices: pd.DataFrame, params: MaCrossoverParams) -> pd.DataFrame:
    """The strategy as a plain loop: the oracle for the Spark version."""
    history = defaultdict(list)
    for row in prices.to_dict("records"):
        price = row["adj_close"]
        if row["ticker"] is not None and not math.isnan(price) and params.min_price <= price <= params.max_price:
            history[row["ticker"]].append(row)

    def mean_of_last(rows, n):
        total = 0.0
        for row in rows[-n:]:
            total += row["adj_close"]
        return total / len(rows[-n:])

    trades = []
    for ticker, rows in history.items():
        rows.sort(key=lambda row: row["date"])
        was_above, open_trade = None, None
        for i in range(params.slow - 1, len(rows)):
            upto = rows[: i + 1]
            above = mean_of_last(upto, params.fast) > mean_of_last(upto, params.slow)
            row = rows[i]
            if was_above is False and above:
                open_trade = [ticker, row["sector"], row["date"], row["adj_close"]]
            elif was_above and not above and open_trade:
                trades.append(open_trade + [row["date"], row["adj_close"]])
                open_trade = None
            was_above = above
        if open_trade:
            trades.append(open_trade + [None, None])

    out = []
    for ticker, sector, bought, price, exit_date, exit_price in trades:
        vol = params.amount / price
        last_close = history[ticker][-1]["adj_close"]
        pnl = ((exit_price if exit_price is not None else last_close) - price) * vol
        out.append(["ma_crossover", ticker, sector, bought, price, vol, last_close, pnl, exit_date, exit_price])
    return pd.DataFrame(out, columns=TRADE_COLUMNS + EXIT_COLUMNS)
