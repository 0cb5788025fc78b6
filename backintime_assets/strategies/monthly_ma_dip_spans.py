"""`monthly_ma_dip` computed span of dates by span, then stitched: no shuffle by ticker.

A buy on a month's first trading day looks at the ticker's current row and the few rows before it,
and is marked to the ticker's last close. So each span of consecutive dates can be summarised on
its own (`summarise_span`): its months' first days, each candidate buy with the earlier rows the
span itself holds, and each ticker's last rows. Stitching the summaries in date order
(`trades_from_summaries`) lends each candidate the rows it lacks from the spans before it, which
is exact however a ticker's history is cut, gaps of months included. The summaries are small (a
row per ticker and month), so the stitching is cheap on the driver.

Sums add the window oldest first, as Spark's sliding `avg` and the numpy reference do, so ties
(`ma == previous_close`) fall the same way everywhere.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.lake.schemas import PRICES
from backintime_assets.strategies.params import MonthlyMaDipParams
from backintime_assets.strategies.trades import TRADE_COLUMNS

STRATEGY_NAME = "monthly_ma_dip"
FIRST_DAY, CANDIDATE, TAIL = "first_day", "candidate", "tail"
# What the strategy reads of the prices table, with the date its partitions give.
PRICE_SCHEMA = pa.schema([("date", pa.date32()), *(PRICES.field(c) for c in ("ticker", "sector", "adj_close"))])
PRICE_COLUMNS = PRICE_SCHEMA.names


def history_length(params: MonthlyMaDipParams) -> int:
    """Rows before a buy that decide it: the window's, and at least the previous close."""
    return max(params.window, 1)


def summary_schema(params: MonthlyMaDipParams) -> pa.Schema:
    """One schema for the three kinds of summary row. `earlier_k` are the rows before a candidate
    (or a tail's last rows, its last one included), oldest first, right-aligned, NaN where none."""
    return pa.schema(
        [("span", pa.int32()), ("kind", pa.string()), ("ticker", pa.string()), ("sector", pa.string()),
         ("date", pa.date32()), ("adj_close", pa.float64())]
        + [(f"earlier_{k}", pa.float64()) for k in range(history_length(params))]
    )  # fmt: skip


def summarise_span(prices: pa.Table, span: int, params: MonthlyMaDipParams) -> pa.Table:
    """The summary of one span's `prices` (date, ticker, sector, adj_close; one row per ticker and
    date). Rows without a ticker, a date or a price within the bounds are ignored."""
    schema = summary_schema(params)
    length = history_length(params)
    price = prices["adj_close"].cast(pa.float64())
    usable = pc.and_(pc.and_(pc.is_valid(prices["ticker"]), pc.is_valid(prices["date"])),
                     pc.and_(pc.greater_equal(price, params.min_price), pc.less_equal(price, params.max_price)))
    kept = prices.filter(pc.fill_null(usable, False))
    if kept.num_rows == 0:
        return schema.empty_table()

    codes = kept["ticker"].cast(pa.string()).combine_chunks().dictionary_encode()
    days = kept["date"].cast(pa.date32()).combine_chunks().cast(pa.int32()).to_numpy().astype(np.int64)
    first = days.min()
    span_days = days.max() - first + 1
    order = np.argsort(codes.indices.to_numpy().astype(np.int64) * span_days + (days - first))
    code = codes.indices.to_numpy()[order]
    day = days[order]
    close = kept["adj_close"].cast(pa.float64()).combine_chunks().to_numpy()[order]
    n = len(order)
    same_ticker = code[1:] == code[:-1]
    if np.any(same_ticker & (day[1:] == day[:-1])):
        raise ValueError("prices has more than one row for some (ticker, date)")
    starts = np.flatnonzero(np.concatenate(([True], ~same_ticker)))
    ends = np.append(starts[1:], n) - 1
    start_of_row = np.repeat(starts, np.diff(np.append(starts, n)))

    month_firsts = _month_first_days(day)
    candidates = np.flatnonzero(np.isin(day, month_firsts))
    tickers = codes.dictionary
    sectors = kept["sector"].cast(pa.string()).combine_chunks().take(pa.array(order))

    def rows(kind: str, at: np.ndarray, back_from: np.ndarray) -> pa.Table:
        # earlier_k: the ticker's row `length - 1 - k` rows before `back_from`, or NaN if none.
        earlier = {}
        for k in range(length):
            source = back_from - (length - 1 - k)
            earlier[f"earlier_{k}"] = np.where(source >= start_of_row[at], close[np.maximum(source, 0)], np.nan)
        return pa.table({
            "span": np.full(len(at), span, np.int32),
            "kind": pa.array([kind] * len(at), pa.string()),
            "ticker": tickers.take(pa.array(code[at])),
            "sector": sectors.take(pa.array(at)) if kind == CANDIDATE else pa.nulls(len(at), pa.string()),
            "date": _dates(day[at]),
            "adj_close": close[at],
            **earlier,
        }, schema=schema)

    month_rows = schema.empty_table().to_pydict()
    month_rows.update(span=[span] * len(month_firsts), kind=[FIRST_DAY] * len(month_firsts), date=_dates(month_firsts))
    for name in schema.names:
        if name not in ("span", "kind", "date"):
            month_rows[name] = pa.nulls(len(month_firsts), schema.field(name).type)
    return pa.concat_tables([
        pa.table(month_rows, schema=schema),
        rows(CANDIDATE, candidates, candidates - 1),
        rows(TAIL, ends, ends),
    ])


def trades_from_summaries(summaries: pa.Table, params: MonthlyMaDipParams) -> pa.Table:
    """TRADE_COLUMNS of the whole history the spans' summaries cover, sorted by ticker and date."""
    length = history_length(params)
    candidates, tails = _candidates_and_tails(summaries)
    walk = _SpanWalk(candidates, tails, length)
    last_close = np.full(walk.tickers, np.nan)
    tail_close = tails["adj_close"].to_numpy()
    price = candidates["adj_close"].to_numpy()
    buys = np.zeros(candidates.num_rows, dtype=bool)

    for mine, before, ended in walk:
        total = np.zeros(len(mine))
        for k in range(length - params.window, length):  # oldest first; absent rows add 0.0
            total += np.nan_to_num(before[:, k], nan=0.0)
        total += price[mine]
        rows_in_window = np.count_nonzero(~np.isnan(before[:, length - params.window:]), axis=1) + 1
        previous_close = np.nan_to_num(before[:, -1], nan=0.0)
        buys[mine] = total / rows_in_window < previous_close
        last_close[walk.tail_codes[ended]] = tail_close[ended]

    bought = candidates.filter(pa.array(buys))
    purchase_price = price[buys]
    last = last_close[walk.candidate_codes[buys]]
    volume = params.amount / purchase_price
    trades = pa.table({
        "strategy": pa.array([STRATEGY_NAME] * bought.num_rows, pa.string()),
        "ticker": bought["ticker"],
        "sector": bought["sector"],
        "purchase_date": bought["date"],
        "purchase_price": purchase_price,
        "purchase_vol": volume,
        "last_close": last,
        "pnl": (last - purchase_price) * volume,
    })
    return trades.select(TRADE_COLUMNS).sort_by([("ticker", "ascending"), ("purchase_date", "ascending")])


def lookback_demand(summaries: pa.Table, params: MonthlyMaDipParams) -> dict[str, int]:
    """For each ticker that may buy on one of the summaries' months' first trading days, the rows
    in bounds it still needs from before the summaries' dates (positive counts only): a buy on a
    later month lacks rows too if the ticker has few of them before it, being new or gappy."""
    length = history_length(params)
    walk = _SpanWalk(*_candidates_and_tails(summaries), length)
    lacking = np.zeros(walk.tickers, dtype=np.int64)  # the most any of its buys lacks
    for mine, before, _ in walk:
        np.maximum.at(lacking, walk.candidate_codes[mine], length - np.count_nonzero(~np.isnan(before), axis=1))
    return {ticker: int(n) for ticker, n in zip(walk.names, lacking.tolist()) if n > 0}


class _SpanWalk:
    """The spans, oldest first: for each, (its candidates' rows, the `length` rows in bounds before
    each of them, NaN where there are none, its tails' rows). A ticker's rows are carried from
    span to span: a tail holds its last `length` rows of its span, so fewer are all the span has."""

    def __init__(self, candidates: pa.Table, tails: pa.Table, length: int):
        tickers = pa.concat_arrays([candidates["ticker"].combine_chunks(), tails["ticker"].combine_chunks()])
        encoded = tickers.dictionary_encode()
        codes = encoded.indices.to_numpy()
        self.candidate_codes, self.tail_codes = codes[:candidates.num_rows], codes[candidates.num_rows:]
        self.names = encoded.dictionary.to_pylist()
        self.tickers = len(self.names)
        earlier_names = [f"earlier_{k}" for k in range(length)]
        self._candidate_earlier, self._tail_earlier = _matrix(candidates, earlier_names), _matrix(tails, earlier_names)
        self._candidate_span, self._tail_span = candidates["span"].to_numpy(), tails["span"].to_numpy()
        self._length = length

    def __iter__(self):
        held = np.full((self.tickers, self._length), np.nan)  # each ticker's last rows so far
        for span in np.unique(np.concatenate([self._candidate_span, self._tail_span])):
            mine = np.flatnonzero(self._candidate_span == span)
            ended = np.flatnonzero(self._tail_span == span)
            yield mine, _append_rows(held[self.candidate_codes[mine]], self._candidate_earlier[mine]), ended
            held[self.tail_codes[ended]] = _append_rows(held[self.tail_codes[ended]], self._tail_earlier[ended])


def _candidates_and_tails(summaries: pa.Table) -> tuple[pa.Table, pa.Table]:
    """(candidate rows on the months' first trading days over all spans, tail rows) of the summaries."""
    kind = summaries["kind"]
    first_days = _global_first_days(summaries.filter(pc.equal(kind, FIRST_DAY))["date"])
    candidates = summaries.filter(pc.and_(pc.equal(kind, CANDIDATE),
                                          pc.is_in(summaries["date"], value_set=first_days)))
    return candidates, summaries.filter(pc.equal(kind, TAIL))


def _month_first_days(day: np.ndarray) -> np.ndarray:
    """The earliest day of each calendar month present in `day` (epoch days), ascending."""
    present = np.unique(day)
    months = present.astype("datetime64[D]").astype("datetime64[M]")
    first = np.ones(len(present), dtype=bool)
    first[1:] = months[1:] != months[:-1]
    return present[first]


def _global_first_days(span_first_days: pa.ChunkedArray) -> pa.Array:
    """Each month's earliest first day across spans (a span may start mid-month)."""
    days = span_first_days.cast(pa.int32()).to_numpy().astype(np.int64)
    return _dates(_month_first_days(days))


def _dates(epoch_days: np.ndarray) -> pa.Array:
    return pa.array(epoch_days.astype(np.int32), pa.int32()).cast(pa.date32())


def _matrix(table: pa.Table, names: list[str]) -> np.ndarray:
    if not names:
        return np.empty((table.num_rows, 0))
    return np.column_stack([table[name].to_numpy() for name in names])


def _append_rows(held: np.ndarray, newer: np.ndarray) -> np.ndarray:
    """The last rows of `held` followed by `newer`, both right-aligned with NaN for none, keeping
    as many as fit (the newest)."""
    length = held.shape[1]
    newer_count = np.count_nonzero(~np.isnan(newer), axis=1)
    out = np.empty_like(newer)
    for k in range(length):
        from_held = np.minimum(k + newer_count, length - 1)
        out[:, k] = np.where(k + newer_count >= length, newer[:, k],
                             np.take_along_axis(held, from_held[:, None], axis=1)[:, 0])
    return out
