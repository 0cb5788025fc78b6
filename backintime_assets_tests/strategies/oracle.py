"""monthly_ma_dip as a plain loop over dicts: the oracle for the numpy reference and for the whole
pipeline's trades, written apart from both project implementations."""
from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd

from backintime_assets.strategies import TRADE_COLUMNS, MonthlyMaDipParams


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
