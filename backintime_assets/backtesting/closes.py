"""Each ticker's last in-bounds close within some days of prices: what trades are marked to."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def last_closes(prices: pa.Table, min_price: float, max_price: float) -> pa.Table:
    """ticker, date, adj_close of each ticker's latest row with min_price <= adj_close <= max_price."""
    close = prices.column("adj_close")
    kept = prices.filter(pc.and_(pc.greater_equal(close, min_price), pc.less_equal(close, max_price)))
    kept = kept.select(["ticker", "date", "adj_close"])
    latest = kept.group_by("ticker").aggregate([("date", "max")]).rename_columns(["ticker", "date"])
    return latest.join(kept, keys=["ticker", "date"]).sort_by("ticker").select(["ticker", "date", "adj_close"])
