"""A file's guessed day/month order, where another file holding the same bars settles it.

A short file whose days are all up to the 12th ("05/01/2015": a colleague's copy of last week's closes,
named latest.csv) has no day above 12 to prove its order, and where no sibling of its layout and name
proves it either (sibling_order.py) it keeps the separator's guess: read month first, 5 January loaded
as 1 May, a bar on a day the listing never traded, beside the archive that holds it on 5 January.
Detection runs per file and cannot see that; the rows can. The same ticker's bar (open, high, low and
close alike) in another file on the date the other order reads, and on none of the dates the guess
reads, is the same bar: the file takes the other order, as a sibling's proof would give it. Only other
files that do not guess their own order count, only bars they hold on one date alone (a suspended
share's bar, repeated day after day, tells no day), and only a file with no bar matching its guess.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.ingestion.sibling_order import date_order

ROWS = pa.schema([("source_file", pa.string()), ("date", pa.date32()), ("ticker", pa.string()),
                  ("open", pa.float64()), ("high", pa.float64()), ("low", pa.float64()), ("close", pa.float64())])
_BAR = ["ticker", "close"]
_OTHER_PRICES = ["open", "high", "low"]


def other_order_dates(dates) -> list:
    """The dates the other day/month order reads for `dates` (datetime.date each): day and month
    exchanged, where that is a date and another one."""
    out = []
    for d in dates:
        if d.day <= 12 and d.day != d.month:
            out.append(d.replace(month=d.day, day=d.month))
    return out


def proven_by_rows(guessing: dict[str, dict], rows: pa.Table) -> dict[str, tuple[str, int, str]]:
    """key -> (the order its bars prove: "%d" or "%m" first, how many bars, the other file that holds
    them) for each of the `guessing` files (key -> schema) whose loaded bars (`rows`, as ROWS, the
    guessing files' and others', named by key in source_file) another file holds on the other order's
    dates and on none of the guessed ones."""
    if rows.num_rows == 0:
        return {}
    mine = pc.is_in(rows["source_file"], value_set=pa.array(list(guessing), pa.string()))
    own, others = rows.filter(mine), rows.filter(pc.invert(mine))
    if own.num_rows == 0 or others.num_rows == 0:
        return {}
    flips = _flipped(own["date"])
    # The guessing files' bars count too, each on the date the other order reads where it reads one (a
    # bar that is the other file's reads one date so): the same bar on several days in them is no proof.
    seen = pa.concat_tables([own.set_column(1, "date", pc.coalesce(flips, own["date"])), others])
    others = others.take(_once(others, seen))
    as_read = _matches(own, own["date"], others)[0]
    flipped, telling, against = _matches(own, flips, others)
    proven = {}
    for key, schema in guessing.items():
        mine_read = as_read.get(key, {})
        # A lone close alike (or a flat bar: open, high and low at the close) is a quiet share's chance:
        # a desk's one close of 2 May, rightly read, equal to the archive's of 5 February, had moved to
        # 5 February (and lost there as the archive's duplicate). It takes two bars alike, or one whose
        # prices differ; and none of the file's bars on the other order's days may differ from that file's.
        mine_flipped = {other: n for other, n in flipped.get(key, {}).items()
                        if (n > 1 or telling.get(key, {}).get(other)) and not against.get(key, {}).get(other)}
        if mine_read or not mine_flipped:
            continue
        order = date_order(schema)
        if order is None:
            continue
        by = max(mine_flipped, key=lambda f: (mine_flipped[f], f))
        proven[key] = ("%m" if order[1] == "%d" else "%d", mine_flipped[by], by)
    return proven


def _once(rows: pa.Table, seen: pa.Table) -> pa.Array:
    """Indices of the rows whose bar (ticker, open, high, low and close) `seen` holds on one date only:
    a bar repeated on other days (a suspended share's, a fund's fixed price, test data's) tells no day."""
    keys = [*_BAR, *(f"{c}_key" for c in _OTHER_PRICES)]

    def keyed(table: pa.Table) -> pa.Table:
        out = table.select(["date", *_BAR])
        for c in _OTHER_PRICES:
            out = out.append_column(f"{c}_key", pc.fill_null(table[c], -1.0))  # a join matches no null key
        return out

    days = keyed(seen).group_by(keys).aggregate([("date", "count_distinct")])
    mine = keyed(rows).append_column("row", pa.array(np.arange(rows.num_rows)))
    once = mine.select([*keys, "row"]).join(days.filter(pc.equal(days["date_count_distinct"], 1)), keys,
                                            join_type="inner")
    return once["row"].combine_chunks()


def _flipped(dates: pa.ChunkedArray) -> pa.Array:
    """Each date with its day and month exchanged; null where that is no other date."""
    days, months, years = (pc.fill_null(f(dates), 1).to_numpy(zero_copy_only=False).astype(np.int64)
                           for f in (pc.day, pc.month, pc.year))
    ok = (days <= 12) & (days != months) & np.asarray(pc.is_valid(dates).to_numpy(zero_copy_only=False))
    # The old day as the month, the old month (up to 12: a day of every month) as the day.
    flipped = ((years - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (days - 1)).astype("datetime64[D]") \
        + (months - 1)
    return pa.array(flipped, pa.date32(), mask=~ok)


def _matches(own: pa.Table, dates, others: pa.Table) -> tuple[dict[str, dict[str, int]], ...]:
    """key -> other file -> how many of the key's bars, dated `dates`, that file holds alike; of them, how
    many tell a day (an open, high or low both give, not the close: no flat bar); how many it holds of the
    ticker and date with other prices."""
    left = pa.table({"source_file": own["source_file"], "date": dates,
                     **{c: own[c] for c in [*_BAR, *_OTHER_PRICES]}}).filter(pc.is_valid(dates))
    right = others.select(["date", *_BAR, *_OTHER_PRICES, "source_file"]).rename_columns(
        ["date", "ticker", "close_other", *[f"{c}_other" for c in _OTHER_PRICES], "other_file"])
    joined = left.join(right, ["date", "ticker"], join_type="inner")
    if joined.num_rows == 0:
        return {}, {}, {}
    alike = np.asarray(pc.fill_null(pc.equal(joined["close"], joined["close_other"]), False), dtype=bool)
    telling = np.zeros(joined.num_rows, dtype=bool)
    for c in _OTHER_PRICES:  # a price one file leaves out says nothing against the bar
        x, y = joined[c], joined[f"{c}_other"]
        alike &= np.asarray(pc.fill_null(pc.equal(x, y), True), dtype=bool)
        telling |= np.asarray(pc.fill_null(pc.not_equal(x, joined["close"]), False), dtype=bool) & np.asarray(
            pc.is_valid(y), dtype=bool)
    return (_count(joined, alike), _count(joined, alike & telling), _count(joined, ~alike))


def _count(joined: pa.Table, where: np.ndarray) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for key, other in zip(joined["source_file"].filter(pa.array(where)).to_pylist(),
                          joined["other_file"].filter(pa.array(where)).to_pylist()):
        out.setdefault(key, {}).setdefault(other, 0)
        out[key][other] += 1
    return out

