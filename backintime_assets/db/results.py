"""Backtest results in Postgres: trade entries computed once per month, marked to market through a
small `latest_close` table, read through the `backtest_trades` view and summarised per strategy.

Entries are loaded with a text COPY fed from CSV that pyarrow formats in C++, batch by batch, while
a worker thread streams the previous batch (see bench/bench_results_load.py for the figures).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from psycopg.copy import QueuedLibpqWriter

from backintime_assets.db.schema import apply_once

LEGACY_TABLE = "backtest_trades_legacy"
# Readable results: what the dashboard's read-only role may select (db/roles.py).
READABLE_RELATIONS = ("backtest_trades", "latest_close", "sector_monthly_pnl", "ticker_pnl")

ENTRY_TYPES = {
    "ticker": pa.string(),
    "sector": pa.string(),
    "purchase_date": pa.date32(),
    "purchase_price": pa.float64(),
    "purchase_vol": pa.float64(),
    "exit_date": pa.date32(),  # optional in what callers pass: null when absent
    "exit_price": pa.float64(),
}
EXIT_TYPES = {c: ENTRY_TYPES[c] for c in ("exit_date", "exit_price")}
CLOSE_TYPES = {"ticker": pa.string(), "date": pa.date32(), "adj_close": pa.float64()}
_COPY_COLUMNS = ["strategy", "month", *ENTRY_TYPES, "params"]
# Rows per CSV batch: large enough for pyarrow to be efficient, small enough to overlap
# formatting the next batch with sending this one.
BATCH_ROWS = 50_000

DDL = """
create table if not exists backtest_entries (
    strategy       text not null,
    month          date not null,
    ticker         text not null,
    sector         text not null,
    -- Keeps "delete the month, insert its rows" sound even for writers other than replace_entries.
    purchase_date  date not null check (date_trunc('month', purchase_date::timestamp)::date = month),
    purchase_price double precision not null,
    purchase_vol   double precision not null,
    params         jsonb not null,
    created_at     timestamptz not null default now()
);
-- Strategies that sell record where; null while the position is open. Added after the table
-- first shipped, hence here rather than above.
alter table backtest_entries add column if not exists exit_date date;
alter table backtest_entries add column if not exists exit_price double precision;
create index if not exists backtest_entries_ticker_sector_date on backtest_entries (ticker, sector, purchase_date);
create index if not exists backtest_entries_strategy_month on backtest_entries (strategy, month);

create table if not exists latest_close (
    strategy  text not null,
    ticker    text not null,
    date      date not null,
    adj_close double precision not null,
    primary key (strategy, ticker)
);

-- Prices are stored as the float64 the strategy computed with; pnl is numeric so sums are exact.
-- float8 -> numeric keeps 15 significant digits, so 1.1 becomes exactly 1.1. A left join keeps
-- entries whose ticker has no close yet visible, with a null pnl, rather than hiding them.
-- A sold position's pnl is fixed at its exit price. New columns go last: create or replace view
-- can only append.
create or replace view backtest_trades as
select e.strategy, e.ticker, e.sector, e.purchase_date, e.purchase_price, e.purchase_vol,
       c.adj_close as last_close,
       ((coalesce(e.exit_price, c.adj_close)::numeric - e.purchase_price::numeric)
        * e.purchase_vol::numeric)::numeric(20, 6) as pnl,
       e.params, e.created_at, e.exit_date, e.exit_price
from backtest_entries e
left join latest_close c on c.strategy = e.strategy and c.ticker = e.ticker;

create table if not exists sector_monthly_pnl (
    strategy text not null,
    sector   text not null,
    month    date not null,
    trades   bigint not null,
    invested numeric not null,
    pnl      numeric,
    primary key (strategy, sector, month)
);

create table if not exists ticker_pnl (
    strategy text not null,
    ticker   text not null,
    sector   text not null,
    trades   bigint not null,
    invested numeric not null,
    pnl      numeric,
    primary key (strategy, ticker, sector)
);
"""

# The summaries and what they group the trades by.
SUMMARY_KEYS = {"sector_monthly_pnl": "sector, month", "ticker_pnl": "ticker, sector"}
# invested is rounded per trade like pnl, so both sums are exact sums of what the view shows.
_INVESTED = "(purchase_price::numeric * purchase_vol::numeric)::numeric(20, 6)"


def ensure_results_schema(conn) -> None:
    """Create the results tables, view and summaries; an old `backtest_trades` table is kept
    under a legacy name, never dropped."""

    def apply() -> None:
        old = conn.execute(
            "select c.relkind from pg_class c where c.oid = to_regclass('backtest_trades')"
        ).fetchone()
        if old and old[0] in ("r", "p"):
            _rename_legacy(conn)
        conn.execute(DDL)

    # Migrations (manifest.lock_for_migration) touch none of these tables: a results change need
    # not wait for one to finish its survey.
    apply_once(conn, "results", DDL, apply, migration_lock=False)


def _rename_legacy(conn) -> None:
    taken = {r[0] for r in conn.execute(
        "select relname from pg_class where relnamespace = current_schema()::regnamespace and relname like %s",
        (LEGACY_TABLE + "%",),
    )}
    # A second migration (the old DDL ran again after the first) must not clobber the first.
    name = next(n for n in (LEGACY_TABLE, *(f"{LEGACY_TABLE}_{i}" for i in range(2, 1000))) if n not in taken)
    # Fixed identifiers only: `name` is built from the constant above.
    conn.execute(f"alter table backtest_trades rename to {name}")
    if "backtest_trades_ticker_sector_date" not in taken:
        conn.execute(
            "alter index if exists backtest_trades_ticker_sector_date"
            " rename to backtest_trades_legacy_ticker_sector_date"
        )


def replace_month_entries(conn, strategy: str, month: dt.date, entries, params: dict) -> int:
    """Swap `strategy`'s entries for `month` (its first day) for `entries`, in one transaction."""
    return replace_entries(conn, strategy, [month], entries, params)


def replace_entries(conn, strategy: str, months: Iterable[dt.date], entries, params: dict) -> int:
    """Swap `strategy`'s entries for all `months` at once; a failure leaves the old rows in place.

    `entries` (pyarrow Table or pandas DataFrame) needs ticker, sector, purchase_date,
    purchase_price and purchase_vol, and may have exit_date and exit_price; other columns are
    ignored, except that a strategy column must name `strategy` only. Every purchase_date must
    fall in one of `months`, or a later replace of its month would not remove it.
    """
    months = sorted(set(months))
    for month in months:
        if month.day != 1:
            raise ValueError(f"month must be the first day of a month, got {month}")
    _check_strategy_column(entries, strategy)
    table = _conform(_with_exit_columns(entries), ENTRY_TYPES)
    _check_finite(table, ["purchase_price", "purchase_vol", "exit_price"])
    entry_months = pc.floor_temporal(table["purchase_date"], unit="month")
    outside = pc.invert(pc.is_in(entry_months, value_set=pa.array(months, pa.date32())))
    if pc.any(outside).as_py():
        stray = sorted(set(pc.filter(entry_months, outside).to_pylist()))
        raise ValueError(f"entries fall in months not being replaced: {', '.join(map(str, stray[:5]))}")
    params_json = json.dumps(params, sort_keys=True, allow_nan=False)
    table = _in_index_order(table.add_column(0, "month", entry_months))

    with conn.transaction():
        _lock_strategy(conn, "backtest_entries", strategy)
        conn.execute("delete from backtest_entries where strategy = %s and month = any(%s)", (strategy, months))
        cursor = conn.cursor()
        with cursor.copy(
            f"copy backtest_entries ({', '.join(_COPY_COLUMNS)}) from stdin (format csv)",
            writer=QueuedLibpqWriter(cursor),
        ) as copy:
            for chunk in _csv_chunks(table, strategy, params_json):
                copy.write(chunk)
    return table.num_rows


def replace_all_entries(conn, strategy: str, entries, params: dict) -> int:
    """Swap all of `strategy`'s entries, for a strategy recomputed over the whole history: the
    months it had and the months it has now are replaced together."""
    stored = [r[0] for r in conn.execute("select distinct month from backtest_entries where strategy = %s",
                                         (strategy,))]
    dates = entries["purchase_date"]
    if isinstance(entries, pd.DataFrame):
        dates = pa.array(dates, pa.date32())
    now = pc.unique(pc.floor_temporal(dates, unit="month")).to_pylist() if len(entries) else []
    return replace_entries(conn, strategy, set(stored) | {m for m in now if m is not None}, entries, params)


def upsert_latest_close(conn, strategy: str, closes, days: tuple[dt.date, dt.date] | None = None,
                        earlier: Callable[[list[str]], object] | None = None) -> int:
    """Record each ticker's latest adj_close: a later date replaces the stored row, the same date
    too (a correction), an earlier one never does. Returns the number of rows written or removed.

    With `days` (first, last), `closes` are every ticker's latest close over all the lake holds for
    those days, so they also correct what was stored from them: a stored close dated within them
    is replaced even by an earlier one, and one whose ticker has no close there any more by
    `earlier(tickers)` (their latest closes before `first`), or removed if it has none.
    """
    table = _conform(closes, CLOSE_TYPES)
    _check_finite(table, ["adj_close"])
    if days is not None:
        first, last = days
        dates = table["date"]
        if len(dates) and (pc.min(dates).as_py() < first or pc.max(dates).as_py() > last):
            raise ValueError(f"closes fall outside the days {first} to {last}")
    with conn.transaction():
        _lock_strategy(conn, "latest_close", strategy)
        conn.execute(
            "create temp table if not exists incoming_close (ticker text, date date, adj_close double precision)"
            " on commit drop"
        )
        conn.execute("truncate incoming_close")
        cursor = conn.cursor()
        with cursor.copy("copy incoming_close (ticker, date, adj_close) from stdin (format csv)") as copy:
            copy.write(_csv(table))
        clash = conn.execute(
            "select ticker, date from incoming_close group by 1, 2 having count(*) > 1 limit 5"
        ).fetchall()
        if clash:
            raise ValueError(f"closes has more than one adj_close for (ticker, date): {clash}")
        replaced = 0
        if days is not None:
            # Stored closes the rerun days no longer back, a correction having removed them.
            orphans = [r[0] for r in conn.execute(
                "select ticker from latest_close c where strategy = %s and date between %s and %s"
                " and not exists (select from incoming_close i where i.ticker = c.ticker) order by ticker",
                (strategy, first, last),
            )]
            if orphans:
                fallback = _conform(earlier(orphans), CLOSE_TYPES) if earlier else table.slice(0, 0)
                if len(fallback) and pc.max(fallback["date"]).as_py() >= first:
                    raise ValueError(f"earlier closes must come before {first}")
                with cursor.copy("copy incoming_close (ticker, date, adj_close) from stdin (format csv)") as copy:
                    copy.write(_csv(fallback))
                replaced = conn.execute(
                    "delete from latest_close c where strategy = %s and ticker = any(%s)"
                    " and not exists (select from incoming_close i where i.ticker = c.ticker)",
                    (strategy, orphans),
                ).rowcount
        cursor.execute(
            """
            insert into latest_close (strategy, ticker, date, adj_close)
            select distinct on (ticker) %(strategy)s, ticker, date, adj_close
            from incoming_close order by ticker, date desc
            on conflict (strategy, ticker) do update
                set date = excluded.date, adj_close = excluded.adj_close
                where excluded.date >= latest_close.date or latest_close.date <= %(last)s
            """,
            {"strategy": strategy, "last": days[1] if days else None},
        )
        return cursor.rowcount + replaced


def refresh_summaries(conn, strategy: str) -> dict[str, int]:
    """Rebuild `sector_monthly_pnl` and `ticker_pnl` for `strategy` from the view, in one transaction.

    Every trade's pnl moves with its ticker's latest close, so both are rebuilt whole; the view's
    numeric arithmetic (most of the cost) runs once per trade into a temporary table that both
    summaries then group. Rows are deleted and inserted, never the tables dropped, so grants to
    readers survive.
    """
    with conn.transaction():
        _lock_strategy(conn, "summaries", strategy)
        conn.execute("drop table if exists pg_temp.marked_trades")  # from a call earlier in an outer transaction
        conn.execute(
            f"""
            create temp table marked_trades on commit drop as
            select sector, ticker, date_trunc('month', purchase_date::timestamp)::date as month,
                   {_INVESTED} as invested, pnl
            from backtest_trades where strategy = %s
            """,
            (strategy,),
        )
        counts = {}
        # Fixed identifiers only, from SUMMARY_KEYS.
        for table, keys in SUMMARY_KEYS.items():
            conn.execute(f"delete from {table} where strategy = %s", (strategy,))
            counts[table] = conn.execute(
                f"insert into {table} (strategy, {keys}, trades, invested, pnl)"
                f" select %s, {keys}, count(*), sum(invested), sum(pnl) from marked_trades group by {keys}",
                (strategy,),
            ).rowcount
    return counts


def trades_overview(conn, strategy: str) -> tuple[int, Decimal, int, list[tuple]]:
    """(trades, total pnl, trades without a close, the 5 latest trades) of `strategy`, read from
    `ticker_pnl` (fresh after refresh_summaries) rather than the whole view.

    A ticker's trades share its one latest close, so its pnl sum is null exactly when all its
    trades lack a close.
    """
    trades, pnl, unmarked = conn.execute(
        "select coalesce(sum(trades), 0), coalesce(sum(pnl), 0), coalesce(sum(trades) filter (where pnl is null), 0)"
        " from ticker_pnl where strategy = %s",
        (strategy,),
    ).fetchone()
    # The latest entries first, so the view's arithmetic runs for those rows alone.
    latest = conn.execute(
        """
        select t.ticker, t.sector, t.purchase_date, t.purchase_price, t.last_close, t.pnl
        from (select ticker, purchase_date from backtest_entries where strategy = %(s)s
              order by purchase_date desc, ticker limit 5) e
        join backtest_trades t on t.strategy = %(s)s and t.ticker = e.ticker and t.purchase_date = e.purchase_date
        order by t.purchase_date desc, t.ticker limit 5
        """,
        {"s": strategy},
    ).fetchall()
    return int(trades), pnl, int(unmarked), latest


def count_entries(conn, strategy: str, month: dt.date | None = None) -> int:
    if month is None:
        return conn.execute("select count(*) from backtest_entries where strategy = %s", (strategy,)).fetchone()[0]
    sql = "select count(*) from backtest_entries where strategy = %s and month = %s"
    return conn.execute(sql, (strategy, month)).fetchone()[0]


# -- internals -------------------------------------------------------------------------------


def _lock_strategy(conn, what: str, strategy: str) -> None:
    # Two writers of one strategy would each delete only the rows they can see, then both insert:
    # duplicates. The transaction-scoped lock makes the second wait for the first to commit.
    conn.execute("select pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"{what}:{strategy}",))


def _conform(data, types: dict[str, pa.DataType]) -> pa.Table:
    """The needed columns of `data`, in order, cast to their types; missing ones raise."""
    if isinstance(data, pd.DataFrame):
        missing = [c for c in types if c not in data.columns]
        if missing:
            raise ValueError(f"missing columns {missing}")
        data = pa.Table.from_pandas(data[list(types)], preserve_index=False)
    missing = [c for c in types if c not in data.column_names]
    if missing:
        raise ValueError(f"missing columns {missing}")
    columns = []
    for name, wanted in types.items():
        column = data[name]
        if column.type == wanted:
            columns.append(column)
            continue
        cast = pc.cast(column, wanted)
        # Timestamp -> date drops the time of day silently; a date with a time is a caller bug.
        if pa.types.is_timestamp(column.type) and pc.any(pc.not_equal(pc.cast(cast, column.type), column)).as_py():
            raise ValueError(f"{name} has values with a time of day")
        columns.append(cast)
    return pa.table(columns, names=list(types))


def _with_exit_columns(entries):
    """Entries of strategies that never sell, given null exits."""
    if isinstance(entries, pd.DataFrame):
        return entries.assign(**{c: None for c in EXIT_TYPES if c not in entries.columns})
    for name in (c for c in EXIT_TYPES if c not in entries.column_names):
        entries = entries.append_column(name, pa.nulls(entries.num_rows, EXIT_TYPES[name]))
    return entries


def _check_strategy_column(entries, strategy: str) -> None:
    # Trades frames often carry their own strategy column; one naming another strategy is a mix-up.
    names = entries.columns if isinstance(entries, pd.DataFrame) else entries.column_names
    if "strategy" in names:
        found = set(pa.array(entries["strategy"]).unique().to_pylist()) if len(entries) else set()
        if found - {strategy}:
            raise ValueError(f"entries name other strategies {sorted(map(str, found - {strategy}))}, not {strategy!r}")


def _check_finite(table: pa.Table, names: list[str]) -> None:
    for name in names:
        # Nulls are left for the NOT NULL constraint to reject, inside the transaction.
        if pc.any(pc.invert(pc.is_finite(table[name]))).as_py():
            raise ValueError(f"{name} has NaN or infinite values")


def _in_index_order(table: pa.Table) -> pa.Table:
    """`table` sorted like the (ticker, sector, purchase_date) index.

    Rows in random order (as Spark returns them) touch index pages at random: slower inserts and,
    once a checkpoint passes mid-load, a full-page image in the WAL for nearly every page. Sorted,
    each page is visited once; 2M rows load about 1.3-1.9x faster for ~1 s of sorting here.
    Strings sort bytewise, as under the C collation; under another the order is only roughly
    right, which still gives most of the locality.
    """
    if table.num_rows < 2:
        return table
    # Nulls get any position: NOT NULL rejects their rows inside the transaction anyway.
    days = pc.fill_null(table["purchase_date"].combine_chunks().cast(pa.int32()), 0).to_numpy()
    # lexsort's last key is the primary one.
    order = np.lexsort((days, _ranks(table["sector"]), _ranks(table["ticker"])))
    return table.take(pa.array(order))


def _ranks(column: pa.ChunkedArray) -> np.ndarray:
    """Each value's rank among the distinct values: sorting a few thousand distinct strings and
    then integers is much faster than comparing millions of strings."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    if len(encoded.dictionary) == 0:  # all null
        return np.zeros(len(column), np.int64)
    ranks = np.empty(len(encoded.dictionary), np.int64)
    ranks[pc.sort_indices(encoded.dictionary).to_numpy()] = np.arange(len(encoded.dictionary))
    return ranks[pc.fill_null(encoded.indices, 0).to_numpy()]


def _csv_chunks(table: pa.Table, strategy: str, params_json: str) -> Iterator[pa.Buffer]:
    for batch in table.to_batches(max_chunksize=BATCH_ROWS):
        n = batch.num_rows
        zeros = pa.array(np.zeros(n, np.int8))
        # Constant columns as dictionaries: one value and n one-byte indices, not n strings.
        strategy_col = pa.DictionaryArray.from_arrays(zeros, pa.array([strategy]))
        params_col = pa.DictionaryArray.from_arrays(zeros, pa.array([params_json]))
        columns = [strategy_col, *batch.columns, params_col]
        yield _csv(pa.RecordBatch.from_arrays(columns, names=_COPY_COLUMNS))


def _csv(data: pa.Table | pa.RecordBatch) -> pa.Buffer:
    # "needed" quotes every string, "" included, and leaves nulls bare: COPY CSV reads a bare
    # empty field as NULL, so null and empty stay distinct. Floats are written shortest-exact.
    sink = pa.BufferOutputStream()
    pcsv.write_csv(data, sink, pcsv.WriteOptions(include_header=False, quoting_style="needed"))
    return sink.getvalue()
