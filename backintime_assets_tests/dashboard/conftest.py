"""A small `backtest_trades` table for the dashboard tests, created with the loader's DDL."""
from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import time
import urllib.request

import psycopg
import pytest

DDL = """
create table backtest_trades (
  strategy text not null, ticker text not null, sector text not null, purchase_date date not null,
  purchase_price double precision not null, purchase_vol double precision not null,
  last_close double precision not null, pnl numeric(20, 6) not null, params jsonb,
  created_at timestamptz not null default now());
create index on backtest_trades (ticker, sector, purchase_date);
"""

D1, D2, D3, D4 = (dt.date(2024, 1, d) for d in (2, 3, 4, 5))

# (strategy, ticker, sector, purchase_date, pnl); AAPL on D1 is bought twice so sums are exercised.
TRADES = [
    ("momentum", "AAPL", "Tech", D1, "1.250000"),
    ("momentum", "AAPL", "Tech", D1, "0.500000"),
    ("momentum", "AAPL", "Tech", D3, "-2.000000"),
    ("momentum", "MSFT", "Tech", D1, "3.000000"),
    ("momentum", "MSFT", "Tech", D2, "-0.750000"),
    ("momentum", "XOM", "Energy", D2, "4.125000"),
    ("momentum", "XOM", "Energy", D4, "1.000000"),
    ("momentum", "PFE", "Health", D3, "0.333333"),
    ("mean_reversion", "NVDA", "Tech", D1, "10.000000"),
    ("mean_reversion", "DUK", "Utilities", D2, "-5.000000"),
]


def create_trades_table(url: str) -> None:
    with psycopg.connect(url) as conn:
        conn.execute(DDL)


def insert_trades(url: str, trades=TRADES) -> None:
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.executemany(
            "insert into backtest_trades (strategy, ticker, sector, purchase_date, purchase_price,"
            " purchase_vol, last_close, pnl, params) values (%s, %s, %s, %s, 100, 1000, 101, %s, %s)",
            [(*t, json.dumps({"window": 20})) for t in trades],
        )


@pytest.fixture
def empty_trades_db(postgres_url) -> str:
    create_trades_table(postgres_url)
    return postgres_url


@pytest.fixture
def trades_db(empty_trades_db) -> str:
    insert_trades(empty_trades_db)
    return empty_trades_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served_dashboard(trades_db, tmp_path):
    """`python -m dashboard` on a free port over the sample trades; yields its base URL."""
    port = _free_port()
    log = (tmp_path / "dashboard.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--db-url", trades_db, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log = (tmp_path / "dashboard.log").read_text()
                raise RuntimeError(f"dashboard exited with {proc.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(base + "/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"dashboard did not answer on {base}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
