import datetime as dt
import threading
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
import pytest

from backintime_assets.db import results
from backintime_assets.db.results import (
    count_entries,
    ensure_results_schema,
    refresh_summaries,
    replace_entries,
    replace_month_entries,
    upsert_latest_close,
)
from backintime_assets.db.schema import ensure_schema

pytestmark = pytest.mark.postgres
JAN, FEB, MAR = dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)
PARAMS = {"amount": 100.0, "window": 7}


def _entries(rows: list[tuple]) -> pd.DataFrame:
    """rows of (ticker, sector, purchase_date, purchase_price, purchase_vol)."""
    return pd.DataFrame(rows, columns=["ticker", "sector", "purchase_date", "purchase_price", "purchase_vol"])


def _closes(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["ticker", "date", "adj_close"])


@pytest.fixture
def conn(postgres_url):
    with psycopg.connect(postgres_url) as connection:
        ensure_results_schema(connection)
        yield connection


def _stored(conn, strategy="s"):
    return conn.execute(
        "select month, ticker, sector, purchase_date, purchase_price, purchase_vol, params"
        " from backtest_entries where strategy = %s order by purchase_date, ticker",
        (strategy,),
    ).fetchall()


def test_replacing_a_month_twice_never_duplicates(conn):
    jan = _entries([("A", "TECH", dt.date(2025, 1, 2), 10.0, 10.0), ("B", "TECH", dt.date(2025, 1, 2), 5.0, 20.0)])
    feb = _entries([("A", "TECH", dt.date(2025, 2, 3), 11.0, 9.0)])
    assert replace_month_entries(conn, "s", JAN, jan, PARAMS) == 2
    replace_month_entries(conn, "s", FEB, feb, PARAMS)
    replace_month_entries(conn, "other", JAN, jan, {})
    jan_again = _entries([
        ("A", "TECH", dt.date(2025, 1, 2), 10.5, 10.0),
        ("B", "TECH", dt.date(2025, 1, 2), 5.0, 20.0),
        ("C", "ENERGY", dt.date(2025, 1, 31), 2.0, 50.0),
    ])
    replace_month_entries(conn, "s", JAN, jan_again, PARAMS)
    replace_month_entries(conn, "s", JAN, jan_again, PARAMS)

    assert count_entries(conn, "s", JAN) == 3
    assert count_entries(conn, "s", FEB) == 1
    assert count_entries(conn, "other") == 2
    assert _stored(conn)[:3] == [
        (JAN, "A", "TECH", dt.date(2025, 1, 2), 10.5, 10.0, PARAMS),
        (JAN, "B", "TECH", dt.date(2025, 1, 2), 5.0, 20.0, PARAMS),
        (JAN, "C", "ENERGY", dt.date(2025, 1, 31), 2.0, 50.0, PARAMS),
    ]


def test_a_multi_month_backfill_replaces_every_month_it_names(conn):
    replace_entries(conn, "s", [JAN, FEB], _entries([
        ("A", "TECH", dt.date(2025, 1, 2), 1.0, 1.0), ("A", "TECH", dt.date(2025, 2, 3), 1.0, 1.0),
    ]), PARAMS)
    # FEB is named but has no entries now: its old row must go too.
    assert replace_entries(conn, "s", [JAN, FEB, MAR], _entries([
        ("B", "TECH", dt.date(2025, 1, 2), 1.0, 1.0), ("B", "TECH", dt.date(2025, 3, 3), 1.0, 1.0),
    ]), PARAMS) == 2
    assert [(r[0], r[1]) for r in _stored(conn)] == [(JAN, "B"), (MAR, "B")]


def test_a_failing_copy_leaves_the_previous_rows(conn, monkeypatch):
    before = _entries([("A", "TECH", dt.date(2025, 1, 2), 10.0, 10.0)])
    replace_month_entries(conn, "s", JAN, before, PARAMS)
    snapshot = _stored(conn)
    # Small batches, so several reach the server before the bad last row does.
    monkeypatch.setattr(results, "BATCH_ROWS", 2)
    good = [(f"T{i}", "TECH", dt.date(2025, 1, 3), 1.0, 1.0) for i in range(7)]
    bad = _entries(good + [("Z", None, dt.date(2025, 1, 3), 1.0, 1.0)])
    with pytest.raises(psycopg.errors.NotNullViolation):
        replace_month_entries(conn, "s", JAN, bad, PARAMS)
    assert _stored(conn) == snapshot


def test_entries_outside_the_replaced_months_are_refused(conn):
    replace_month_entries(conn, "s", JAN, _entries([("A", "TECH", dt.date(2025, 1, 2), 10.0, 10.0)]), PARAMS)
    stray = _entries([("A", "TECH", dt.date(2025, 1, 2), 10.0, 10.0), ("A", "TECH", dt.date(2025, 2, 2), 1.0, 1.0)])
    with pytest.raises(ValueError, match="2025-02-01"):
        replace_month_entries(conn, "s", JAN, stray, PARAMS)
    with pytest.raises(ValueError, match="first day"):
        replace_month_entries(conn, "s", dt.date(2025, 1, 2), stray.iloc[:1], PARAMS)
    with pytest.raises(ValueError, match="NaN"):
        replace_month_entries(conn, "s", JAN, _entries([("A", "TECH", dt.date(2025, 1, 2), float("inf"), 1.0)]), PARAMS)
    with pytest.raises(ValueError, match="other strategies"):
        replace_month_entries(conn, "s", JAN, stray.iloc[:1].assign(strategy="t"), PARAMS)
    assert count_entries(conn, "s") == 1


def test_dates_may_come_as_timestamps_or_arrow_but_not_with_a_time_of_day(conn):
    frame = _entries([("A", "TECH", pd.Timestamp("2025-01-02"), 10.0, 10.0)])
    assert frame["purchase_date"].dtype.kind == "M"
    replace_month_entries(conn, "s", JAN, frame, PARAMS)
    arrow = pa.table({
        "ticker": ["B"], "sector": ["TECH"], "purchase_date": pa.array([dt.date(2025, 2, 3)]),
        "purchase_price": [1.0], "purchase_vol": [2.0], "last_close": [9.9], "strategy": ["s"],
    })
    replace_month_entries(conn, "s", FEB, arrow, PARAMS)
    assert [(r[1], r[3]) for r in _stored(conn)] == [("A", dt.date(2025, 1, 2)), ("B", dt.date(2025, 2, 3))]
    with pytest.raises(ValueError, match="time of day"):
        with_time = _entries([("A", "TECH", pd.Timestamp("2025-01-02 15:30"), 1.0, 1.0)])
        replace_month_entries(conn, "s", JAN, with_time, PARAMS)


def test_strings_survive_csv_quoting(conn):
    odd = 'a,"b"\\c\n\t'
    replace_month_entries(conn, "s", JAN, _entries([(odd, "", dt.date(2025, 1, 2), 0.1, 1e-7)]), {"note": odd})
    assert _stored(conn) == [(JAN, odd, "", dt.date(2025, 1, 2), 0.1, 1e-7, {"note": odd})]


def test_view_pnl_matches_hand_computed_values(conn):
    replace_month_entries(conn, "s", JAN, _entries([
        ("A", "TECH", dt.date(2025, 1, 2), 10.0, 2.5),
        ("B", "TECH", dt.date(2025, 1, 2), 3.0, 100 / 3.0),
        ("C", "UTIL", dt.date(2025, 1, 2), 4.0, 1.0),  # no close yet
    ]), PARAMS)
    upsert_latest_close(conn, "s", _closes([("A", dt.date(2025, 3, 1), 12.34), ("B", dt.date(2025, 3, 1), 2.7)]))
    rows = conn.execute(
        "select ticker, last_close, pnl from backtest_trades where strategy = 's' order by ticker"
    ).fetchall()
    assert rows == [
        ("A", 12.34, Decimal("5.850000")),  # (12.34 - 10) * 2.5
        # 100/3 is stored as a float8 and read into numeric with 15 digits: -0.3 * 33.3333333333333
        ("B", 2.7, Decimal("-10.000000")),
        ("C", None, None),
    ]


def test_pnl_sums_are_exact_to_the_cent(conn):
    replace_month_entries(conn, "s", JAN, _entries([
        ("A", "TECH", dt.date(2025, 1, 2), 1.0, 1.0), ("B", "TECH", dt.date(2025, 1, 2), 1.0, 1.0),
    ]), PARAMS)
    upsert_latest_close(conn, "s", _closes([("A", dt.date(2025, 1, 31), 1.1), ("B", dt.date(2025, 1, 31), 1.2)]))
    assert (1.1 - 1.0) + (1.2 - 1.0) != 0.3  # what float8 arithmetic would have shown
    assert conn.execute("select sum(pnl) from backtest_trades").fetchone()[0] == Decimal("0.30")
    refresh_summaries(conn, "s")
    assert conn.execute("select sum(pnl) from ticker_pnl").fetchone()[0] == Decimal("0.30")
    assert conn.execute("select pnl from sector_monthly_pnl").fetchone()[0] == Decimal("0.30")


def test_upsert_latest_close_keeps_the_later_date(conn):
    upsert_latest_close(conn, "s", _closes([("A", dt.date(2025, 1, 10), 10.0), ("B", dt.date(2025, 1, 10), 5.0)]))
    assert upsert_latest_close(conn, "s", _closes([("A", dt.date(2025, 1, 5), 9.0)])) == 0
    # A same-date value is a correction; several dates in one call: the latest wins.
    written = upsert_latest_close(conn, "s", _closes([
        ("A", dt.date(2025, 1, 10), 10.5),
        ("B", dt.date(2025, 1, 13), 6.0), ("B", dt.date(2025, 1, 14), 6.5), ("B", dt.date(2025, 1, 12), 1.0),
        ("C", dt.date(2025, 1, 2), 3.0),
    ]))
    assert written == 3
    upsert_latest_close(conn, "other", _closes([("A", dt.date(2020, 1, 1), 1.0)]))
    rows = conn.execute("select strategy, ticker, date, adj_close from latest_close order by 1, 2").fetchall()
    assert rows == [
        ("other", "A", dt.date(2020, 1, 1), 1.0),
        ("s", "A", dt.date(2025, 1, 10), 10.5),
        ("s", "B", dt.date(2025, 1, 14), 6.5),
        ("s", "C", dt.date(2025, 1, 2), 3.0),
    ]
    with pytest.raises(ValueError, match="more than one"):
        upsert_latest_close(conn, "s", _closes([("A", dt.date(2025, 2, 1), 1.0), ("A", dt.date(2025, 2, 1), 2.0)]))
    assert conn.execute("select adj_close from latest_close where strategy='s' and ticker='A'").fetchone()[0] == 10.5


def test_a_rerun_of_days_corrects_the_closes_stored_from_them(conn):
    jan = [dt.date(2025, 1, d) for d in (2, 3, 6, 7)]
    upsert_latest_close(conn, "s", _closes([("A", jan[3], 13.0), ("B", jan[3], 23.0), ("C", jan[1], 5.0),
                                            ("D", jan[3], 1.0), ("LATER", dt.date(2025, 2, 3), 7.0)]))
    asked = []

    def earlier(tickers):
        asked.append(tickers)
        return _closes([("D", jan[0], 0.5)])  # A has no close before the days any more

    # The rerun of Jan 6-7: B's close stands, C's is earlier than the days (kept), A's and D's
    # are gone from them, LATER's is after them (kept); E is new.
    written = upsert_latest_close(conn, "s", _closes([("B", jan[3], 23.5), ("E", jan[2], 2.0)]),
                                  (jan[2], jan[3]), earlier)
    assert asked == [["A", "D"]]
    assert written == 4  # B and E upserted, D replaced by its earlier close, A removed
    assert dict((t, (d, c)) for t, d, c in conn.execute(
        "select ticker, date, adj_close from latest_close where strategy = 's'")) == {
        "B": (jan[3], 23.5), "C": (jan[1], 5.0), "D": (jan[0], 0.5), "E": (jan[2], 2.0),
        "LATER": (dt.date(2025, 2, 3), 7.0),
    }
    with pytest.raises(ValueError, match="outside the days"):
        upsert_latest_close(conn, "s", _closes([("B", jan[0], 1.0)]), (jan[2], jan[3]))


def test_trades_overview_reads_the_summaries(conn):
    replace_month_entries(conn, "s", JAN, _entries([
        ("A", "Tech", dt.date(2025, 1, 2), 10.0, 10.0), ("A", "Tech", dt.date(2025, 1, 9), 5.0, 20.0),
        ("B", "Energy", dt.date(2025, 1, 9), 4.0, 25.0), ("C", "Energy", dt.date(2025, 1, 3), 2.0, 50.0),
    ]), PARAMS)
    upsert_latest_close(conn, "s", _closes([("A", dt.date(2025, 1, 31), 11.0), ("B", dt.date(2025, 1, 31), 5.0)]))
    refresh_summaries(conn, "s")
    trades, pnl, unmarked, latest = results.trades_overview(conn, "s")
    assert (trades, pnl, unmarked) == (4, Decimal("10") + Decimal("120") + Decimal("25"), 1)
    assert [(t, d) for t, _, d, *_ in latest] == [
        ("A", dt.date(2025, 1, 9)), ("B", dt.date(2025, 1, 9)), ("C", dt.date(2025, 1, 3)), ("A", dt.date(2025, 1, 2)),
    ]
    assert latest[2][-1] is None  # C has no close: its pnl is null


def _hand_invested(price: float, vol: float) -> Decimal:
    # What the SQL does: float8 -> numeric keeps 15 significant digits; numeric(20, 6) rounds half up.
    product = Decimal(f"{price:.15g}") * Decimal(f"{vol:.15g}")
    return product.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def test_summaries_match_a_pandas_groupby_of_the_view(conn):
    rng = np.random.default_rng(3)
    tickers = {f"T{i}": ["TECH", "UTIL", "ENERGY"][i % 3] for i in range(12)}
    rows = []
    for month in (JAN, FEB, MAR):
        for ticker, sector in tickers.items():
            for day in rng.choice(np.arange(1, 28), size=rng.integers(0, 3), replace=False):
                price = float(np.round(rng.uniform(1, 300), 2))
                rows.append((ticker, sector, month.replace(day=int(day)), price, 100 / price))
    replace_entries(conn, "s", [JAN, FEB, MAR], _entries(rows), PARAMS)
    replace_month_entries(conn, "untouched", JAN, _entries(rows[:3]), PARAMS)
    closes = [(t, dt.date(2025, 3, 31), float(np.round(rng.uniform(1, 300), 2))) for t in list(tickers)[1:]]
    upsert_latest_close(conn, "s", _closes(closes))
    upsert_latest_close(conn, "untouched", _closes(closes))
    refresh_summaries(conn, "untouched")
    counts = refresh_summaries(conn, "s")
    refresh_summaries(conn, "s")  # a second rebuild must not duplicate

    columns = ["ticker", "sector", "purchase_date", "purchase_price", "purchase_vol", "pnl"]
    view = pd.DataFrame(
        conn.execute(f"select {', '.join(columns)} from backtest_trades where strategy = 's'").fetchall(),
        columns=columns,
    )
    assert len(view) == len(rows) and view["pnl"].isna().any()  # T0 has no close
    view["month"] = view["purchase_date"].map(lambda d: d.replace(day=1))
    view["invested"] = [_hand_invested(p, v) for p, v in zip(view["purchase_price"], view["purchase_vol"])]

    def expect(keys):
        grouped = view.groupby(keys, sort=True).agg(
            trades=("ticker", "size"),
            invested=("invested", lambda s: sum(s, Decimal(0))),
            # SQL sum() skips nulls and is null when every value is.
            pnl=("pnl", lambda s: sum(s.dropna(), Decimal(0)) if s.notna().any() else None),
        )
        return [(*k, int(r.trades), r.invested, r.pnl) for k, r in zip(grouped.index, grouped.itertuples())]

    by_sector = conn.execute(
        "select sector, month, trades, invested, pnl from sector_monthly_pnl where strategy = 's' order by 1, 2"
    ).fetchall()
    by_ticker = conn.execute(
        "select ticker, sector, trades, invested, pnl from ticker_pnl where strategy = 's' order by 1, 2"
    ).fetchall()
    assert by_sector == expect(["sector", "month"])
    assert by_ticker == expect(["ticker", "sector"])
    assert counts == {"sector_monthly_pnl": len(by_sector), "ticker_pnl": len(by_ticker)}
    assert conn.execute("select count(*) from ticker_pnl where strategy = 'untouched'").fetchone()[0] > 0


def test_the_legacy_table_is_renamed_with_its_rows(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        # The first release's layout: a plain table that the loader filled.
        conn.execute("""create table backtest_trades (
            strategy text not null, ticker text not null, sector text not null, purchase_date date not null,
            purchase_price double precision not null, purchase_vol double precision not null,
            last_close double precision not null, pnl numeric(20, 6) not null, params jsonb,
            created_at timestamptz not null default now())""")
        conn.execute("create index backtest_trades_ticker_sector_date"
                     " on backtest_trades (ticker, sector, purchase_date)")
        conn.execute("""insert into backtest_trades (strategy, ticker, sector, purchase_date, purchase_price,
            purchase_vol, last_close, pnl) values ('s', 'A', 'TECH', '2024-01-02', 1, 1, 2, 1),
            ('s', 'B', 'TECH', '2024-01-02', 2, 1, 2, 0)""")
        ensure_schema(conn)
        ensure_results_schema(conn)
        ensure_results_schema(conn)  # idempotent once migrated
        kinds = dict(conn.execute(
            "select relname, relkind from pg_class where relname in ('backtest_trades', 'backtest_trades_legacy')"
        ).fetchall())
        assert kinds == {"backtest_trades": "v", "backtest_trades_legacy": "r"}
        assert conn.execute("select ticker, pnl from backtest_trades_legacy order by 1").fetchall() == [
            ("A", Decimal("1.000000")), ("B", Decimal("0.000000")),
        ]
        assert conn.execute("select count(*) from backtest_trades").fetchone()[0] == 0


def test_the_dashboard_reads_the_view(postgres_url):
    from dashboard import data

    with psycopg.connect(postgres_url) as conn:
        ensure_results_schema(conn)
        replace_month_entries(conn, "s", JAN, _entries([
            ("A", "TECH", dt.date(2025, 1, 2), 1.0, 1.0), ("A", "TECH", dt.date(2025, 1, 2), 2.0, 1.0),
            ("B", "UTIL", dt.date(2025, 1, 3), 1.0, 1.0),
        ]), PARAMS)
        upsert_latest_close(conn, "s", _closes([("A", dt.date(2025, 2, 1), 1.5), ("B", dt.date(2025, 2, 1), 0.5)]))
    assert data.strategies(postgres_url) == ["s"]
    assert data.sectors(postgres_url, "s") == ["TECH", "UTIL"]
    frame = data.pnl_by_purchase_date(postgres_url, "s", None, None, None, None)
    assert frame.values.tolist() == [[dt.date(2025, 1, 2), "A", 2, 0.0], [dt.date(2025, 1, 3), "B", 1, -0.5]]


def test_concurrent_replaces_of_one_month_do_not_duplicate(postgres_url):
    first = _entries([("A", "TECH", dt.date(2025, 1, 2), 1.0, 1.0)] * 3)
    second = _entries([("B", "TECH", dt.date(2025, 1, 2), 1.0, 1.0)] * 2)
    with psycopg.connect(postgres_url) as a, psycopg.connect(postgres_url) as b:
        ensure_results_schema(a)
        errors = []

        def other_writer():
            try:
                replace_month_entries(b, "s", JAN, second, PARAMS)
            except Exception as exc:  # surfaced by the assertion below
                errors.append(exc)

        with a.transaction():
            replace_month_entries(a, "s", JAN, first, PARAMS)  # a savepoint: not committed yet
            writer = threading.Thread(target=other_writer)
            writer.start()
            writer.join(timeout=1.0)
            assert writer.is_alive(), "the second writer should wait for the first to commit"
        writer.join(timeout=30)
        assert not errors
        assert [r[1] for r in _stored(a)] == ["B", "B"]


@pytest.mark.parametrize("seed", range(5))
def test_rows_are_sent_in_index_order_and_none_are_lost(seed):
    rng = np.random.default_rng(seed)
    n = 300
    table = pa.table({
        "month": pa.array([JAN] * n),
        "ticker": pa.array([None if rng.random() < 0.05 else f"T{rng.integers(0, 30)}" for _ in range(n)]),
        "sector": pa.array([["b", "a", None][i] for i in rng.integers(0, 3, n)]),
        "purchase_date": pa.array([dt.date(2025, 1, int(d)) for d in rng.integers(1, 29, n)]),
        "purchase_price": rng.uniform(1, 2, n),
        "purchase_vol": np.arange(n, dtype=float),
    })
    ordered = results._in_index_order(table)
    assert sorted(ordered["purchase_vol"].to_pylist()) == list(range(n))
    tickers, sectors, dates = (ordered[c].to_pylist() for c in ["ticker", "sector", "purchase_date"])
    keys = [(t or "", s or "", d) for t, s, d in zip(tickers, sectors, dates)]
    valid = [k for k, t, s in zip(keys, tickers, sectors) if t and s]
    assert valid == sorted(valid)
    assert results._in_index_order(table.slice(0, 0)).num_rows == 0
    no_sectors = results._in_index_order(table.set_column(2, "sector", pa.nulls(n, pa.string())))
    assert sorted(no_sectors["purchase_vol"].to_pylist()) == list(range(n))
