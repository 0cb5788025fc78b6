"""Write a table in a chosen dialect: the inverse of detection, used to make test and benchmark files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Style:
    delimiter: str = ","
    quoting: str = "minimal"  # "minimal" | "all" | "none"
    quotechar: str = '"'
    line_terminator: str = "\n"
    encoding: str = "utf-8"  # any Python codec; "utf-8-sig" / "utf-16" write a BOM
    decimal: str = "."
    thousands: str | None = None
    date_format: str = "%Y-%m-%d"
    preamble: list[str] = field(default_factory=list)  # lines written before the header
    footer: list[str] = field(default_factory=list)  # lines written after the data
    header: bool = True
    final_newline: bool = True


def format_number(x: float | int, decimal: str = ".", thousands: str | None = None) -> str:
    """repr-exact number text with the given decimal mark and optional digit grouping."""
    text = str(x) if isinstance(x, int) else repr(float(x))
    if "e" in text or "inf" in text or "nan" in text:
        return text
    sign = "-" if text.startswith("-") else ""
    body = text.lstrip("-")
    whole, _, frac = body.partition(".")
    if thousands:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = thousands.join([whole, *groups])
    return sign + whole + (decimal + frac if frac else "")


def format_cell(v: object, style: Style) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return format_number(v, style.decimal, style.thousands)
    if isinstance(v, date):
        return v.strftime(style.date_format)
    return str(v)


def render_table(header: Sequence[str], rows: Sequence[Sequence[object]], style: Style) -> bytes:
    quoting = {"minimal": csv.QUOTE_MINIMAL, "all": csv.QUOTE_ALL, "none": csv.QUOTE_NONE}[style.quoting]
    out = io.StringIO()
    kw = {"delimiter": style.delimiter, "lineterminator": style.line_terminator, "quoting": quoting}
    if style.quoting != "none":
        kw["quotechar"] = style.quotechar
    else:
        kw["escapechar"] = "\\"
    writer = csv.writer(out, **kw)
    for line in style.preamble:
        out.write(line + style.line_terminator)
    if style.header:
        writer.writerow(header)
    for row in rows:
        writer.writerow([format_cell(v, style) for v in row])
    for line in style.footer:
        out.write(line + style.line_terminator)
    text = out.getvalue()
    if not style.final_newline and text.endswith(style.line_terminator):
        text = text[: -len(style.line_terminator)]
    return text.encode(style.encoding)


PRICE_HEADER = ["Date", "Ticker", "Sector", "Open", "High", "Low", "Close", "Adj Close", "Volume"]
_SECTORS = ["Technology", "Énergie", "Consumer Staples", "Santé", "Financials"]


def sample_prices(n: int, seed: int = 0, tickers: int = 1, start: date = date(2020, 1, 1)) -> list[list[object]]:
    """`n` valid daily bars (PRICE_HEADER order) on consecutive business days from `start` (or the
    next one), rows cycling over tickers: weekend rows are refused by the normaliser's rules. Each
    close is drawn on its own within its ticker's band, at most fivefold wide: drawn over the whole
    1-2000 range, a ticker's day a hundredfold off the days around it, which happen to agree, was
    rejected as a unit slip (normalisation/unit_slips.py), as a real file's would be."""
    import random

    import numpy as np

    rng = random.Random(seed)
    # Bands from a stream of their own, so that every other value drawn is as it was.
    band_rng = random.Random(seed + 7919)
    lows = [band_rng.uniform(1, 400) for _ in range(tickers)]
    days = np.busday_offset(np.datetime64(start, "D"), np.arange((n + tickers - 1) // tickers), roll="forward")
    rows: list[list[object]] = []
    for i in range(n):
        day = days[i // tickers].astype(object)
        close = round(lows[i % tickers] * (1 + 4 * (rng.uniform(1, 2000) - 1) / 1999), 2)
        open_ = round(close * rng.uniform(0.97, 1.03), 2)
        high = round(max(open_, close) * rng.uniform(1.0, 1.02), 2)
        low = round(min(open_, close) * rng.uniform(0.98, 1.0), 2)
        adj = round(close * rng.uniform(0.5, 1.0), 4)
        ticker = f"TK{i % tickers:02d}"
        rows.append([day, ticker, _SECTORS[i % tickers % len(_SECTORS)], open_, high, low, close, adj,
                     rng.randrange(1000, 50_000_000)])
    return rows
