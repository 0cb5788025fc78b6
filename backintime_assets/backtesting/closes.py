"""Each ticker's last in-bounds close within some days of prices: what trades are marked to."""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.backtesting.lookback import CLOSE_COLUMNS, STEP, in_bounds
from backintime_assets.lake import LakeLocation
from backintime_assets.lake.tables import list_dates, read_arrow


def last_closes(prices: pa.Table, min_price: float, max_price: float) -> pa.Table:
    """ticker, date, adj_close of each ticker's latest row with min_price <= adj_close <= max_price."""
    kept = in_bounds(prices, min_price, max_price).select(["ticker", "date", "adj_close"])
    latest = kept.group_by("ticker").aggregate([("date", "max")]).rename_columns(["ticker", "date"])
    return latest.join(kept, keys=["ticker", "date"]).sort_by("ticker").select(["ticker", "date", "adj_close"])


def closes_before(location: LakeLocation, tickers: Iterable[str], day: str, min_price: float,
                  max_price: float) -> pa.Table:
    """last_closes of `tickers` over the lake's dates before `day`, walking back a few dates at a
    time until each has one or the history ends. Only corrections need it, so it is rarely called."""
    wanted = set(tickers)
    earlier = [d for d in list_dates(location, "prices") if d < day][::-1]
    found = []
    for start in range(0, len(earlier), STEP):
        if not wanted:
            break
        rows = read_arrow(location, "prices", CLOSE_COLUMNS, earlier[start:start + STEP])
        rows = rows.filter(pc.is_in(rows["ticker"], value_set=pa.array(sorted(wanted), pa.string())))
        closes = last_closes(rows, min_price, max_price)
        found.append(closes)
        wanted -= set(closes["ticker"].to_pylist())
    if not found:
        return pa.schema([("ticker", pa.string()), ("date", pa.date32()), ("adj_close", pa.float64())]).empty_table()
    return pa.concat_tables(found).sort_by("ticker")
