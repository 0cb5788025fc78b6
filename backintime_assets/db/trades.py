"""Backtest results in Postgres, bulk-loaded with COPY and replaced per strategy in one transaction."""
from __future__ import annotations

import json

import pandas as pd

TRADE_COLUMNS = ["strategy", "ticker", "sector", "purchase_date", "purchase_price", "purchase_vol", "last_close", "pnl"]


def replace_trades(conn, strategy: str, trades: pd.DataFrame, params: dict) -> int:
    """Swap the strategy's rows for `trades`; a failure leaves the previous rows in place."""
    params_json = json.dumps(params, sort_keys=True)
    with conn.transaction():
        conn.execute("delete from backtest_trades where strategy = %s", (strategy,))
        with conn.cursor().copy(
            f"copy backtest_trades ({', '.join(TRADE_COLUMNS)}, params) from stdin"
        ) as copy:
            for row in trades[TRADE_COLUMNS].itertuples(index=False, name=None):
                copy.write_row((*row, params_json))
    return len(trades)


def count_trades(conn, strategy: str) -> int:
    return conn.execute("select count(*) from backtest_trades where strategy = %s", (strategy,)).fetchone()[0]
