import datetime as dt
from decimal import Decimal

import pandas as pd
import psycopg
import pytest

from backintime_assets.db.schema import ensure_schema
from backintime_assets.db.trades import count_trades, replace_trades

pytestmark = pytest.mark.postgres


def _trades(n, pnl=1.2345678):
    return pd.DataFrame({
        "strategy": ["s"] * n, "ticker": [f"T{i:05d}" for i in range(n)], "sector": ["ENERGY"] * n,
        "purchase_date": [dt.date(2025, 1, 2)] * n, "purchase_price": [10.0] * n, "purchase_vol": [10.0] * n,
        "last_close": [11.0] * n, "pnl": [pnl] * n,
    })


def test_replace_is_idempotent_and_per_strategy(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        replace_trades(conn, "s", _trades(3), {"window": 7})
        replace_trades(conn, "other", _trades(2).assign(strategy="other"), {})
        replace_trades(conn, "s", _trades(4), {"window": 7})
        assert count_trades(conn, "s") == 4
        assert count_trades(conn, "other") == 2
        pnl, params = conn.execute("select pnl, params from backtest_trades where strategy='s' limit 1").fetchone()
        assert pnl == Decimal("1.234568") and params == {"window": 7}


def test_a_failed_load_keeps_the_previous_rows(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        replace_trades(conn, "s", _trades(3), {})
        bad = _trades(2)
        bad.loc[1, "purchase_date"] = None  # not null violated mid-COPY
        with pytest.raises(psycopg.Error):
            replace_trades(conn, "s", bad, {})
        conn.rollback()
        assert count_trades(conn, "s") == 3
