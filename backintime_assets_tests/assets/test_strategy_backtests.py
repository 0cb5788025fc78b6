"""The strategy_backtest asset: ma_crossover and a user's SQL strategy, run from Dagster config
against a real lake, Spark and Postgres, checked against plain-loop oracles."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import psycopg
import pytest
from dagster import materialize

from backintime_assets.definitions import ASSETS, build_resources
from backintime_assets.strategies import MaCrossoverParams
from backintime_assets_tests.assets.pipeline import settings_for
from backintime_assets_tests.backtesting.lake_prices import random_market, write_lake
from backintime_assets_tests.strategies.oracle import naive_ma_crossover

pytestmark = pytest.mark.spark

FIRST_DAY_SQL = """
select ticker, sector, date as purchase_date, adj_close as purchase_price, 10.0 / adj_close as purchase_vol,
       adj_close as last_close, 0.0 as pnl
from prices where date = (select min(date) from prices) and adj_close between 0.1 and 1000
"""


@pytest.fixture
def market_home(tmp_path, postgres_url):
    market = random_market(seed=5, tickers=12, days=90)
    settings = settings_for(tmp_path, postgres_url)
    write_lake(build_resources(settings)["lake"].location(), market)
    return market, settings, postgres_url


def run(settings, **config):
    return materialize(ASSETS, resources=build_resources(settings), selection=["strategy_backtest"],
                       run_config={"ops": {"strategy_backtest": {"config": config}}}, raise_on_error=False)


def stored(url: str, strategy: str) -> pd.DataFrame:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select ticker, purchase_date, purchase_price, exit_date, exit_price, pnl, params"
            " from backtest_trades where strategy = %s order by ticker, purchase_date", (strategy,)).fetchall()
    return pd.DataFrame(rows, columns=["ticker", "purchase_date", "purchase_price", "exit_date", "exit_price",
                                       "pnl", "params"])


def test_ma_crossover_round_trips_land_with_their_exits_and_params(market_home):
    market, settings, url = market_home
    assert run(settings, strategy="ma_crossover", fast=3, slow=8).success
    expected = naive_ma_crossover(market, MaCrossoverParams(fast=3, slow=8)).sort_values(
        ["ticker", "purchase_date"], ignore_index=True)
    assert expected["exit_date"].notna().any() and expected["exit_date"].isna().any()
    got = stored(url, "ma_crossover")
    assert got[["ticker", "purchase_date", "purchase_price"]].values.tolist() == \
        expected[["ticker", "purchase_date", "purchase_price"]].values.tolist()
    assert [d if isinstance(d, dt.date) else None for d in got["exit_date"]] == \
        [d if isinstance(d, dt.date) else None for d in expected["exit_date"]]
    # Sold positions are fixed at their exit price, open ones marked to the latest close.
    np.testing.assert_allclose(got["pnl"].astype(float), expected["pnl"], rtol=0, atol=1e-6)
    assert got["params"].iloc[0] == {"fast": 3, "slow": 8, "amount": 100.0, "min_price": 0.1, "max_price": 1000.0}

    # A rerun with other settings replaces the strategy's rows, never adds to them.
    assert run(settings, strategy="ma_crossover", fast=2, slow=5).success
    again = stored(url, "ma_crossover")
    assert len(again) == len(naive_ma_crossover(market, MaCrossoverParams(fast=2, slow=5)))
    assert {p["slow"] for p in again["params"]} == {5}


def test_a_users_sql_strategy_is_stored_under_its_name_and_marked_to_the_latest_close(market_home):
    market, settings, url = market_home
    assert run(settings, strategy="sql", name="buy_first_day", sql=FIRST_DAY_SQL).success
    got = stored(url, "buy_first_day")
    first = market[(market["date"] == market["date"].min()) & market["adj_close"].between(0.1, 1000)]
    assert sorted(got["ticker"]) == sorted(first["ticker"])
    in_bounds = market[market["adj_close"].between(0.1, 1000)].sort_values("date")
    last = in_bounds.groupby("ticker")["adj_close"].last()
    for row, price in zip(got.itertuples(), got["purchase_price"]):
        assert float(row.pnl) == pytest.approx((last[row.ticker] - price) * 10.0 / price, abs=1e-6)
    with psycopg.connect(url) as conn:
        sectors = conn.execute("select sum(trades) from sector_monthly_pnl where strategy = 'buy_first_day'").fetchone()
    assert sectors[0] == len(got)


@pytest.mark.parametrize("config, message", [
    ({"strategy": "sql", "sql": FIRST_DAY_SQL}, "needs a name"),
    ({"strategy": "sql", "name": "x"}, "needs the sql setting"),
    ({"strategy": "sql", "name": "monthly_ma_dip", "sql": FIRST_DAY_SQL}, "kept by the monthly assets"),
    ({"strategy": "sql", "name": "bad name;", "sql": FIRST_DAY_SQL}, "must be 1-63 letters"),
    ({"strategy": "sql", "name": "broken", "sql": "select nonsense from prices"}, "does not run"),
    ({"strategy": "momentum"}, "unknown strategy"),
])
def test_configurations_that_cannot_run_fail_with_a_clear_reason(market_home, config, message):
    _, settings, url = market_home
    result = run(settings, **config)
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert message in str(failure.event_specific_data.error)
