"""The tickers a file's first rows hold, that tell apart two offices whose siblings disagree on day/month order.

A London office and a New York office may write one header under one name pattern into one folder: their
files' days above 12 prove both orders, and a file of the first twelve days keeps its guess (month first for
'/'), half of them London's read a month for a day, silently (sibling_order.settle_orders). Nothing of the
name or the layout tells them apart; what they hold may: London's VOD.L and BARC.L, New York's AAPL. Where
only the siblings holding one of a file's tickers prove an order, and agree, they are its office's.
"""
from __future__ import annotations

from collections.abc import Callable

from backintime_assets.detection import FileSchema
from backintime_assets.ingestion.shared_layouts import after_header, first_cells

Tickers = Callable[[dict[str, dict]], dict[str, frozenset[str]]]  # key -> schema, to key -> its tickers


def tickers_in_heads(heads: Callable[[list[str]], dict[str, bytes]]) -> Tickers:
    """Of files named by key with their schemas, the tickers their first rows hold (`heads`: key -> a file's
    first bytes): its ticker column's cells, or the one ticker its schema names (a title's). Each
    file's head is read once, however many files that guess it is asked for."""
    found: dict[str, frozenset[str]] = {}

    def tickers(schemas: dict[str, dict]) -> dict[str, frozenset[str]]:
        for key, head in heads([key for key in schemas if key not in found]).items():
            schema = schemas[key]
            try:
                read = FileSchema.from_dict(schema)
                cells = first_cells(after_header(head, read), read, "ticker")
            except Exception:  # a head its schema cannot split (a workbook): it tells nothing
                cells = []
            named = {schema["ticker"]} if schema.get("ticker") else set()
            found[key] = frozenset(c.strip().upper() for c in [*cells, *named] if c.strip())
        return {key: found[key] for key in schemas if key in found}
    return tickers
