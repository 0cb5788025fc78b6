import datetime as dt

import pytest

from backintime_assets_tests.dashboard.conftest import D1, D2, D3, D4, insert_trades
from dashboard import data

pytestmark = pytest.mark.postgres


def test_strategies_sectors_and_tickers(trades_db):
    assert data.strategies(trades_db) == ["mean_reversion", "momentum"]
    assert data.sectors(trades_db, "momentum") == ["Energy", "Health", "Tech"]
    assert data.tickers(trades_db, "momentum", []) == ["AAPL", "MSFT", "PFE", "XOM"]
    assert data.tickers(trades_db, "momentum", ["Tech"]) == ["AAPL", "MSFT"]
    assert data.tickers(trades_db, "momentum", ["Energy", "Health"]) == ["PFE", "XOM"]
    assert data.tickers(trades_db, "mean_reversion", ["Tech"]) == ["NVDA"]
    assert data.tickers(trades_db, None, ["Tech"]) == []


def test_date_bounds(trades_db):
    assert data.date_bounds(trades_db, "momentum") == (D1, D4)
    assert data.date_bounds(trades_db, "mean_reversion") == (D1, D2)
    assert data.date_bounds(trades_db, "unknown") == (None, None)


def test_pnl_by_purchase_date_sums_exactly_per_date_and_ticker(trades_db):
    frame = data.pnl_by_purchase_date(trades_db, "momentum", ["Tech"], None, None, None)
    assert list(frame.columns) == data.PNL_COLUMNS
    assert frame.to_dict("records") == [
        {"purchase_date": D1, "ticker": "AAPL", "trades": 2, "pnl": 1.75},
        {"purchase_date": D1, "ticker": "MSFT", "trades": 1, "pnl": 3.0},
        {"purchase_date": D2, "ticker": "MSFT", "trades": 1, "pnl": -0.75},
        {"purchase_date": D3, "ticker": "AAPL", "trades": 1, "pnl": -2.0},
    ]


def test_pnl_filters_tickers_and_inclusive_dates(trades_db):
    frame = data.pnl_by_purchase_date(trades_db, "momentum", None, ["XOM", "PFE"], D2, D3)
    assert [(r.purchase_date, r.ticker, r.pnl) for r in frame.itertuples()] == [
        (D2, "XOM", 4.125),
        (D3, "PFE", 0.333333),
    ]


def test_user_input_is_bound_not_interpolated(trades_db):
    hostile = "x' or '1'='1"
    assert data.sectors(trades_db, hostile) == []
    assert data.tickers(trades_db, "momentum", [hostile]) == []
    assert data.pnl_by_purchase_date(trades_db, hostile, [hostile], [hostile], None, None).empty
    assert data.strategies(trades_db) == ["mean_reversion", "momentum"]


def test_empty_table(empty_trades_db):
    assert data.strategies(empty_trades_db) == []
    assert data.date_bounds(empty_trades_db, "momentum") == (None, None)
    frame = data.pnl_by_purchase_date(empty_trades_db, "momentum", None, None, None, None)
    assert frame.empty and list(frame.columns) == data.PNL_COLUMNS


def test_missing_table_reads_as_empty(postgres_url):
    # The loader creates the table on its first run; the app must already start before that.
    assert data.strategies(postgres_url) == []
    assert data.tickers(postgres_url, "momentum", ["Tech"]) == []
    assert data.pnl_by_purchase_date(postgres_url, "momentum", None, None, None, None).empty
    assert data.date_bounds(postgres_url, "momentum") == (None, None)


def test_new_rows_show_up_on_the_next_call(trades_db):
    insert_trades(trades_db, [("momentum", "BP", "Energy", dt.date(2024, 2, 1), "7")])
    assert data.tickers(trades_db, "momentum", ["Energy"]) == ["BP", "XOM"]
    assert data.date_bounds(trades_db, "momentum")[1] == dt.date(2024, 2, 1)
