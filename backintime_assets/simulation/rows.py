"""The rows of a planned file as canonical Polars frames, a bounded block at a time."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
import polars as pl

from backintime_assets.simulation.calendar import business_day_numbers, day_number, from_day_number
from backintime_assets.simulation.panel import PRICE_FIELDS, Panel, simulate_panel
from backintime_assets.simulation.plans import FilePlan, Segment
from backintime_assets.simulation.spec import MarketSpec
from backintime_assets.simulation.universe import listing


class RowSource:
    """Builds frames with columns date, ticker, sector, exchange, open..adj_close, volume."""

    def __init__(self, spec: MarketSpec, block_rows: int, share_years: bool):
        self.spec = spec
        self.block_rows = block_rows
        # Daily files each hold one day of a few tickers: simulating the whole market's year once
        # and slicing it beats assembling every small file from the yearly blocks on its own.
        self.share_years = share_years
        found = listing(spec)
        self._arrays = {"ticker": found.names, "sector": found.sector_names(), "exchange": found.exchange_names()}
        self._series = {name: pl.Series(values) for name, values in self._arrays.items()}
        self._year: tuple[int, Panel] | None = None
        # One frame of every ticker per day, in exchange-then-name order: a daily file of one
        # exchange is then a zero-copy slice of it.
        order = np.lexsort((found.names, found.exchange))
        self._day_order = order
        self._day_position = np.empty_like(order)
        self._day_position[order] = np.arange(len(order))
        self._day: tuple[date, pl.DataFrame] | None = None

    def blocks(self, plan: FilePlan) -> Iterator[pl.DataFrame]:
        # Text columns the file does not show are left out: building them costs as much as a price.
        texts = tuple(c for c in ("sector", "exchange") if c in plan.layout.sources)
        for segment in plan.segments:
            if segment.first == segment.last and self.share_years:
                yield self._one_day(segment)
            else:
                yield from self._ranges(segment, texts)

    def _one_day(self, segment: Segment) -> pl.DataFrame:
        if self._day is None or self._day[0] != segment.first:
            self._day = (segment.first, self._whole_day(segment.first))
        frame = self._day[1]
        positions = self._day_position[segment.tickers]
        first = int(positions[0]) if len(positions) else 0
        if np.array_equal(positions, np.arange(first, first + len(positions))):
            frame = frame.slice(first, len(positions))
        else:
            frame = frame[positions.tolist()]
        return frame  # with every text column: dropping some would cost a Polars query per file

    def _whole_day(self, day: date) -> pl.DataFrame:
        segment = Segment(self._day_order, day, day, False)
        year = segment.first.year
        if self._year is None or self._year[0] != year:
            everyone = np.arange(self.spec.n_tickers)
            self._year = (year, simulate_panel(self.spec, everyone, date(year, 1, 1), date(year, 12, 31)))
        panel = self._year[1]
        row = int(np.searchsorted(panel.days, day_number(segment.first)))
        if row >= len(panel.days) or panel.days[row] != day_number(segment.first):
            raise ValueError(f"{segment.first} is not a business day of the market")
        values = {f: getattr(panel, f)[segment.tickers, row : row + 1] for f in (*PRICE_FIELDS, "volume")}
        return self.frame(panel.days[row : row + 1], segment.tickers, values, ticker_major=False)

    def _ranges(self, segment: Segment, texts: tuple[str, ...]) -> Iterator[pl.DataFrame]:
        days = segment.days
        per_block = max(1, self.block_rows // max(days, 1))
        for i in range(0, len(segment.tickers), per_block):
            tickers = segment.tickers[i : i + per_block]
            for first, last in self._day_pieces(segment.first, segment.last, days):
                panel = simulate_panel(self.spec, tickers, first, last)
                values = {f: getattr(panel, f) for f in (*PRICE_FIELDS, "volume")}
                yield self.frame(panel.days, tickers, values, segment.ticker_major, texts)

    def _day_pieces(self, first: date, last: date, days: int):
        if days <= self.block_rows:
            yield first, last
            return
        numbers = business_day_numbers(first, last)
        for i in range(0, len(numbers), self.block_rows):
            piece = numbers[i : i + self.block_rows]
            yield from_day_number(piece[0]), from_day_number(piece[-1])

    def _text(self, column: str, tickers: np.ndarray) -> pl.Series:
        if len(tickers) < 4096:  # a Polars gather costs a query run: more than small files take
            return pl.Series(self._arrays[column][tickers].tolist(), dtype=pl.String)
        return self._series[column].gather(tickers)

    def frame(self, days: np.ndarray, tickers: np.ndarray, values: dict[str, np.ndarray], ticker_major: bool,
              texts: tuple[str, ...] = ("sector", "exchange")) -> pl.DataFrame:
        """Rows from arrays of shape (len(tickers), len(days)), ticker by ticker or day by day.

        Columns: date, ticker, the `texts` asked for (sector, exchange), open..adj_close, volume.
        """
        n_days, n_tickers = len(days), len(tickers)
        if ticker_major:
            day_column, ticker_column = np.tile(days, n_tickers), np.repeat(tickers, n_days)
            flat = {f: v.ravel() for f, v in values.items()}
        else:
            day_column, ticker_column = np.repeat(days, n_tickers), np.tile(tickers, n_days)
            flat = {f: v.T.ravel() for f, v in values.items()}
        return pl.DataFrame({
            "date": pl.Series(day_column.astype(np.int32)).cast(pl.Date),
            **{c: self._text(c, ticker_column) for c in ("ticker", *texts)},
            **flat,
        })
