"""The rows of a planned file as canonical Polars frames, a bounded block at a time."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
import polars as pl

from backintime_assets.simulation.calendar import business_day_numbers, day_number, from_day_number
from backintime_assets.simulation.daily import YearBlock, year_block
from backintime_assets.simulation.panel import PRICE_FIELDS, simulate_panel
from backintime_assets.simulation.plans import FilePlan, Segment
from backintime_assets.simulation.rng import TICKERS_PER_STREAM as GROUP
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
        # Days of every ticker in exchange-then-name order: a daily file of one exchange is then a
        # zero-copy slice. The year's blocks are kept (each is drawn whole), rows built some days at a time.
        order = np.lexsort((found.names, found.exchange))
        self._day_order = order
        self._day_position = np.empty_like(order)
        self._day_position[order] = np.arange(len(order))
        self._year: tuple[int, list[YearBlock]] | None = None
        self._days: tuple[np.ndarray, pl.DataFrame] | None = None  # day numbers held, their rows

    def blocks(self, plan: FilePlan) -> Iterator[pl.DataFrame]:
        # Text columns the file does not show are left out: building them costs as much as a price.
        texts = tuple(c for c in ("sector", "exchange") if c in plan.layout.sources)
        for segment in plan.segments:
            if segment.first == segment.last and self.share_years:
                yield self.day_rows(segment.first, segment.tickers)
            else:
                yield from self._ranges(segment, texts)

    def day_rows(self, day: date, tickers: np.ndarray) -> pl.DataFrame:
        """Rows of `tickers` (in that order) on `day`, with every text column."""
        return self.days_rows([(day, tickers)])

    def days_rows(self, parts: list[tuple[date, np.ndarray]]) -> pl.DataFrame:
        """Rows of each (day, tickers) in turn, with every text column; the days must be held together
        (see `held_days`). A zero-copy slice when the parts are consecutive in the held frame."""
        held, frame = self._hold(parts[0][0])
        pieces = []
        for day, tickers in parts:
            row = int(np.searchsorted(held, day_number(day)))
            if row == len(held) or held[row] != day_number(day):
                raise ValueError(f"{day} is not a business day held with {parts[0][0]}")
            pieces.append(row * self.spec.n_tickers + self._day_position[tickers])
        positions = np.concatenate(pieces)
        first = int(positions[0]) if len(positions) else 0
        if np.array_equal(positions, np.arange(first, first + len(positions))):
            return frame.slice(first, len(positions))
        return frame[positions]

    def held_days(self, day: date) -> np.ndarray:
        """Day numbers of the business days held with `day`: from it on, within its year, at most
        `block_rows` rows of the whole market (at least the one day)."""
        return self._hold(day)[0]

    def _hold(self, day: date) -> tuple[np.ndarray, pl.DataFrame]:
        number = day_number(day)
        if self._days is not None and self._days[0][0] <= number <= self._days[0][-1]:
            return self._days
        self._days = None  # let the old frame go before building the next
        if self._year is None or self._year[0] != day.year:
            self._year = None
            groups = range(-(-self.spec.n_tickers // GROUP))
            self._year = (day.year, [year_block(self.spec, g, day.year) for g in groups])
        blocks = self._year[1]
        days = blocks[0].days  # every group's block has the year's days
        row = int(np.searchsorted(days, number))
        if row >= len(days) or days[row] != number:
            raise ValueError(f"{day} is not a business day of the market")
        rows = slice(row, row + max(1, self.block_rows // max(self.spec.n_tickers, 1)))
        values = {f: np.concatenate([getattr(b, f)[:, rows] for b in blocks])[self._day_order]
                  for f in (*PRICE_FIELDS, "volume")}
        self._days = (days[rows], self.frame(days[rows], self._day_order, values, ticker_major=False))
        return self._days

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
        numbers = business_day_numbers(first, last, self.spec.week)
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
            day_column, ticker_column = np.tile(days.astype(np.int32), n_tickers), np.repeat(tickers, n_days)
            flat = {f: v.ravel() for f, v in values.items()}
        else:
            day_column, ticker_column = np.repeat(days.astype(np.int32), n_tickers), np.tile(tickers, n_days)
            flat = {f: v.T.ravel() for f, v in values.items()}
        return pl.DataFrame({
            "date": pl.Series(day_column).cast(pl.Date),  # int32 day numbers, as Polars holds dates
            **{c: self._text(c, ticker_column) for c in ("ticker", *texts)},
            **flat,
        })
