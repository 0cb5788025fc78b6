"""Read-only queries on `backtest_trades` for the dashboard, one short connection per call.

Every value from the page is a bound parameter; the SQL text only ever varies between fixed
fragments chosen here, never by pasting user input.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import psycopg

PNL_COLUMNS = ["purchase_date", "ticker", "trades", "pnl"]


def _rows(url: str, sql: str, params: Sequence = ()) -> list[tuple]:
    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            return conn.execute(sql, params).fetchall()
    except psycopg.errors.UndefinedTable:
        # Before the first backtest run the loader has not created the table: show an empty app.
        return []


def _selection(strategy: str, sectors: Sequence[str] | None, tickers: Sequence[str] | None):
    """WHERE clause and parameters; an empty or missing list means "no filter on that column"."""
    clauses, params = ["strategy = %s"], [strategy]
    if sectors:
        clauses.append("sector = any(%s)")
        params.append(list(sectors))
    if tickers:
        clauses.append("ticker = any(%s)")
        params.append(list(tickers))
    return " and ".join(clauses), params


def strategies(url: str) -> list[str]:
    return [r[0] for r in _rows(url, "select distinct strategy from backtest_trades order by 1")]


def sectors(url: str, strategy: str | None) -> list[str]:
    if not strategy:
        return []
    sql = "select distinct sector from backtest_trades where strategy = %s order by 1"
    return [r[0] for r in _rows(url, sql, (strategy,))]


def tickers(url: str, strategy: str | None, sectors: Sequence[str] | None) -> list[str]:
    """Tickers traded by `strategy`, narrowed to `sectors` when any are given."""
    if not strategy:
        return []
    where, params = _selection(strategy, sectors, None)
    return [r[0] for r in _rows(url, f"select distinct ticker from backtest_trades where {where} order by 1", params)]


def date_bounds(url: str, strategy: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last purchase date of `strategy`, or (None, None) when it has no trades."""
    if not strategy:
        return None, None
    sql = "select min(purchase_date), max(purchase_date) from backtest_trades where strategy = %s"
    rows = _rows(url, sql, (strategy,))
    return rows[0] if rows else (None, None)


def pnl_by_purchase_date(
    url: str,
    strategy: str | None,
    sectors: Sequence[str] | None,
    tickers: Sequence[str] | None,
    start: dt.date | None,
    end: dt.date | None,
) -> pd.DataFrame:
    """Trades and summed PnL per (purchase_date, ticker), dates inclusive, sorted by date then ticker.

    `pnl` is numeric in Postgres; it is summed there exactly and only then turned into a float.
    """
    if not strategy:
        return _frame([])
    where, params = _selection(strategy, sectors, tickers)
    if start is not None:
        where += " and purchase_date >= %s"
        params.append(start)
    if end is not None:
        where += " and purchase_date <= %s"
        params.append(end)
    sql = (
        "select purchase_date, ticker, count(*) as trades, sum(pnl)::float8 as pnl"
        f" from backtest_trades where {where} group by 1, 2 order by 1, 2"
    )
    return _frame(_rows(url, sql, params))


def _frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PNL_COLUMNS)
    return frame.astype({"ticker": "object", "trades": "int64", "pnl": "float64"})
