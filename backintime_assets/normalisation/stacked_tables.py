"""Whether a file whose header names its ticker (FileSchema.ticker) holds other tables below.

Detection reads a sample (the head and the tail): a long sheet of several securities one below
the other, each under its own label ("MSFT US Equity") or yfinance block ("Ticker,MSFT,..."), shows
it only the first one's. Read whole, the other tables' header lines are among the rejected lines:
then the header's ticker is the first table's, not every row's, and the rows keep the file's name
(as before the header named any), rather than load MSFT's prices as AAPL's.
"""
from __future__ import annotations

import csv

from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.header_ticker import price_fields, row_ticker
from backintime_assets.detection.schema import FileSchema

from .records import Line
from .repeated_header import REPEATED_HEADER


def header_ticker_holds(rejected: list[Line], schema: FileSchema) -> bool:
    """False when a rejected line repeats the header (its reason named by name_repeated_headers) or
    names another ticker as a header's ticker row or security label does."""
    fields = price_fields([c.canonical for c in schema.columns])
    kwargs = reader_kwargs(schema.delimiter or ",", schema.quotechar, schema.escapechar, schema.skipinitialspace)
    for _, raw, reason in rejected:
        if reason == REPEATED_HEADER:
            return False
        try:
            cells = next(csv.reader([raw], **kwargs))
        except (csv.Error, StopIteration, TypeError):
            continue
        named = row_ticker(cells, fields) if fields else None
        if named is not None and named != schema.ticker:
            return False
    return True
