"""The whole graph on real Spark, Postgres and lake: simulate, ingest, backtest, and check every number."""
from __future__ import annotations

import math
from datetime import date

import psycopg
import pytest
from dagster import Definitions

from backintime_assets.definitions import defs
from backintime_assets.simulation import MarketSpec, simulate_prices
from backintime_assets_tests.assets.pipeline import (
    INGEST, lake_prices, lake_rejections, run_backtest, run_range, settings_for,
)
from backintime_assets_tests.strategies.oracle import naive_monthly_ma_dip

FIRST, LAST = date(2025, 1, 27), date(2025, 2, 7)  # two weeks across a month boundary
N_TICKERS = 6
BUSINESS_DAYS = 10


def test_definitions_load():
    Definitions.validate_loadable(defs)
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys == {"simulated_price_files", "raw_price_files", "file_schemas", "prices", "rejected_rows",
                    "latest_close", "backtest_entries", "backtest_trades", "sector_monthly_pnl", "ticker_pnl",
                    "strategy_backtest"}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory, postgres_server, spark):
    home = tmp_path_factory.mktemp("home")
    settings = settings_for(home, postgres_server)
    result = run_range(settings, FIRST, LAST, ["simulated_price_files", *INGEST], n_tickers=N_TICKERS)
    assert result.success
    marked = run_backtest(settings, date(2025, 1, 1), date(2025, 2, 1))
    assert marked.success
    # The view and both summaries are assets of their own, each with its row count.
    counts = {m.asset_key.to_user_string(): m.metadata["dagster/row_count"].value
              for m in marked.asset_materializations_for_node("backtest_trades")}
    assert set(counts) == {"backtest_trades", "sector_monthly_pnl", "ticker_pnl"}
    assert min(counts.values()) > 0
    return settings


@pytest.mark.spark
def test_every_simulated_row_lands_in_prices(pipeline):
    prices = lake_prices(pipeline)
    assert len(prices) == N_TICKERS * BUSINESS_DAYS
    assert len(lake_rejections(pipeline)) == 0
    assert not prices.duplicated(["date", "ticker"]).any()
    expected = simulate_prices(MarketSpec(n_tickers=N_TICKERS, seed=11), FIRST, LAST)
    merged = prices.merge(expected.assign(date=lambda f: [date.fromisoformat(str(d)[:10]) for d in f["date"]]),
                          on=["date", "ticker"], suffixes=("", "_sim"))
    assert len(merged) == len(prices)
    for column in ("open", "high", "low", "close", "adj_close"):
        assert (merged[column] - merged[f"{column}_sim"]).abs().max() < 1e-3
    assert (merged["volume"] == merged["volume_sim"]).all()
    assert prices["source_file"].str.endswith(".csv").all() and (prices["source_line"] >= 2).all()


@pytest.mark.spark
def test_trades_match_an_independent_implementation(pipeline):
    prices = lake_prices(pipeline)
    trades = naive_monthly_ma_dip(prices).sort_values(["ticker", "purchase_date"])
    expected = list(trades[["ticker", "purchase_date", "purchase_price", "purchase_vol", "last_close", "pnl"]]
                    .itertuples(index=False, name=None))
    with psycopg.connect(pipeline.postgres_url) as conn:
        got = conn.execute(
            "select ticker, purchase_date, purchase_price, purchase_vol, last_close, pnl from backtest_trades"
            " where strategy = 'monthly_ma_dip' order by ticker, purchase_date").fetchall()
    assert len(got) == len(expected) and len(expected) > 0
    for g, e in zip(got, expected):
        assert g[:2] == e[:2]
        assert all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(g[2:5], e[2:5]))
        assert abs(float(g[5]) - e[5]) < 1e-6


@pytest.mark.spark
def test_rematerializing_a_day_leaves_identical_data(pipeline):
    before = lake_prices(pipeline).sort_values(["date", "ticker"]).reset_index(drop=True)
    day = date(2025, 1, 29)
    assert run_range(pipeline, day, day, ["simulated_price_files", *INGEST], n_tickers=N_TICKERS).success
    after = lake_prices(pipeline).sort_values(["date", "ticker"]).reset_index(drop=True)
    assert after.equals(before)
    with psycopg.connect(pipeline.postgres_url) as conn:
        assert conn.execute("select count(*) from raw_files where superseded_at is null").fetchone()[0] == len(
            set(before["source_file"]))


@pytest.mark.spark
def test_a_bad_row_is_quarantined_and_the_good_rows_land(pipeline):
    source = pipeline.source_dir / "desk" / "manual_2025-02-10.csv"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(
        "Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume\n"
        "2025-02-10,AAAAAA,ENERGY,10,11,9,10.5,10.5,1000\n"
        "2025-02-10,BBBBBB,ENERGY,10,abc,9,10.5,10.5,1000\n"
        "2025-02-10,CCCCCC,FINANCE,20,21,19,20.5,20.5,2000\n"
    )
    day = date(2025, 2, 10)
    result = run_range(pipeline, day, day, INGEST)
    assert result.success and _checks(result) == {
        "every_row_accounted_for": True, "prices_have_one_row_per_ticker_and_date": True, "prices_are_sane": True,
        "prices_have_no_unit_slips": True,
    }
    prices = lake_prices(pipeline)
    landed = prices[prices["source_file"] == "desk/manual_2025-02-10.csv"]
    assert sorted(landed["ticker"]) == ["AAAAAA", "CCCCCC"]
    rejected = lake_rejections(pipeline)
    assert list(rejected["source_line"]) == [3]
    assert "BBBBBB" in rejected["raw"].iloc[0] and rejected["reason"].iloc[0]


def _checks(result) -> dict[str, bool]:
    return {e.check_name: e.passed for e in result.get_asset_check_evaluations()}


@pytest.mark.spark
def test_collisions_across_files_and_broken_files_never_fail_the_day(pipeline):
    import os
    import time

    folder = pipeline.source_dir / "desk"
    folder.mkdir(parents=True, exist_ok=True)
    header = "Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume\n"
    old, new = folder / "old_2025-02-11.csv", folder / "new_2025-02-11.csv"
    old.write_text(header + "2025-02-11,DDDDDD,ENERGY,10,11,9,10,10,100\n2025-02-11,EEEEEE,ENERGY,5,6,4,5,5,50\n")
    new.write_text(header + "2025-02-11,DDDDDD,ENERGY,10,11,9,10.5,10.5,100\n2025-02-11,EEEEEE,ENERGY,5,6,4,5,5,50\n")
    past = time.time() - 3600
    os.utime(old, (past, past))  # `new` is the later re-export: it wins
    (folder / "empty.csv").write_bytes(b"")
    (folder / "header_only.csv").write_text(header)
    (folder / "binary.csv").write_bytes(bytes(range(256)) * 4)
    day = date(2025, 2, 11)
    result = run_range(pipeline, day, day, INGEST)
    assert result.success
    assert _checks(result) == {
        "every_row_accounted_for": True, "prices_have_one_row_per_ticker_and_date": True, "prices_are_sane": True,
        "prices_have_no_unit_slips": True,
    }
    prices = lake_prices(pipeline)
    today = prices[prices["date"] == day].set_index("ticker")
    assert today.loc["DDDDDD", "close"] == 10.5 and today.loc["DDDDDD", "source_file"] == "desk/new_2025-02-11.csv"
    assert today.loc["EEEEEE", "source_file"] == "desk/new_2025-02-11.csv"
    rejected = lake_rejections(pipeline)
    reasons = dict(zip(rejected["source_file"] + ":" + rejected["source_line"].astype(str), rejected["reason"]))
    assert reasons["desk/old_2025-02-11.csv:2"] == (
        "conflict: superseded by desk/new_2025-02-11.csv:2 (a more recently modified file)")
    assert reasons["desk/old_2025-02-11.csv:3"] == "duplicate of desk/new_2025-02-11.csv:3"
    with psycopg.connect(pipeline.postgres_url) as conn:
        problems = dict(conn.execute("select name, problem from raw_files where problem is not null").fetchall())
    assert {"empty.csv", "header_only.csv", "binary.csv"} <= set(problems)
