"""File names that name no instrument: the name a site or a program gives every download, whatever it
holds. A file without a ticker column is named after its file (normalisation/file_ticker.py); under
such a name two downloads of different instruments (WSJ's "HistoricalPrices.csv", a browser's
"HistoricalPrices (1).csv" beside it) loaded as one made-up ticker, one file's rows rejected as the
other's conflicts, or loaded on the days the other lacks as the same security's. Such a file is
refused with the reason, not loaded under the site's word."""

from __future__ import annotations

import re

from .filename import COPY_PREFIX, COPY_SUFFIX, base_name

# A judgement (refusals.py): the rows are read and refused whole; a user's ticker for the file names
# them (db/file_overrides.apply), as a rename or a ticker column does.
NAMELESS = "no ticker column, and the file's name names no instrument"

# Each a real download's name, in capitals, a second copy's words cut (filename.COPY_SUFFIX): WSJ's
# "HistoricalPrices.csv"; Yahoo's old "table.csv"; Nasdaq's "HistoricalData_1700000000000.csv" (the
# moment of the download); Investing.com's words without the symbol ("Historical Data.csv"); a new Google
# spreadsheet's "Untitled spreadsheet - Sheet1.csv"; a page's export or chart saved as the browser names
# it ("data.csv", "export.csv", "download.csv", "chart.csv", "quotes.csv"). Not "prices.csv" and its
# like: an office's own name for its one series, which its other files do not share.
_SITE_NAMES = re.compile(r"HISTORICALPRICES|TABLE|HISTORICALDATA(?:_\d{13})?|HISTORICAL[ _]DATA"
                         r"|UNTITLED SPREADSHEET(?: - SHEET\d+)?|DATA|EXPORT|DOWNLOAD|CHART|QUOTES")


def nameless_problem(name: str) -> str | None:
    """The refusal of a file named `name` whose rows nothing else names (no ticker column, no label
    above the header), where the name is a site's for every download; None where it names them."""
    base = base_name(name)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = COPY_SUFFIX.sub("", stem) or stem
    stem = COPY_PREFIX.sub("", stem) or stem
    if not _SITE_NAMES.fullmatch(stem.strip().upper()):
        return None
    return (f"{NAMELESS}: \"{base}\" is the name a site or a program gives every download, so two such "
            "files of different instruments would load as one; rename the file to its symbol or add a "
            "ticker column")


def as_named(schema: dict, name: str) -> dict:
    """`schema` as the file named `name` reads it. A detection is stored once per content (file_layouts is
    keyed by sha256), made under one of its names: a copy renamed after its symbol ("DJI.csv" beside the
    "HistoricalPrices.csv" it was saved from) was refused for the other name, its rows under its own
    symbol lost with the reason naming another file. (The other way, a site's name sharing a detection
    made under a symbol's, loads as it always did: after its own name.)"""
    problem = schema.get("problem")
    if problem is None or not problem.startswith(NAMELESS) or nameless_problem(name) is not None:
        return schema
    return dict(schema, problem=None)
