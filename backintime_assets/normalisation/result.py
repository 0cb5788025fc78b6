"""The output of normalising one file: canonical price rows, rejected rows and non-data lines."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

CANONICAL_COLUMNS = ["date", "ticker", "sector", "open", "high", "low", "close", "adj_close", "volume",
                     "source_file", "source_line"]
REJECTED_COLUMNS = ["source_file", "source_line", "raw", "reason"]

PRICES_ARROW_SCHEMA = pa.schema([
    ("date", pa.date32()), ("ticker", pa.string()), ("sector", pa.string()), ("open", pa.float64()),
    ("high", pa.float64()), ("low", pa.float64()), ("close", pa.float64()), ("adj_close", pa.float64()),
    ("volume", pa.float64()), ("source_file", pa.string()), ("source_line", pa.int64()),
])
REJECTED_ARROW_SCHEMA = pa.schema([
    ("source_file", pa.string()), ("source_line", pa.int64()), ("raw", pa.string()), ("reason", pa.string()),
])


_NO_LINES = REJECTED_ARROW_SCHEMA.empty_table()


def empty_prices() -> pa.Table:
    return PRICES_ARROW_SCHEMA.empty_table()


def lines_frame(source_file: str, rows: list[tuple[int, str, str]]) -> pa.Table:
    """(line, raw, reason) triples as a REJECTED_COLUMNS table, in line order."""
    if not rows:  # most files: a group of a thousand files builds two of these per file
        return _NO_LINES
    rows = sorted(rows, key=lambda r: r[0])
    return pa.Table.from_arrays([
        pa.array([source_file] * len(rows), pa.string()),
        pa.array([r[0] for r in rows], pa.int64()),
        pa.array([r[1] for r in rows], pa.string()),
        pa.array([r[2] for r in rows], pa.string()),
    ], schema=REJECTED_ARROW_SCHEMA)


@dataclass
class NormalisedFile:
    """prices_arrow: PRICES_ARROW_SCHEMA, with the wall-clock date written in the file.
    rejected_arrow: REJECTED_COLUMNS, data records that did not become prices, with the reason.
    non_data_arrow: REJECTED_COLUMNS, lines outside the data (preamble, header, footer, blank) with the kind.
    rows_read: data records considered; rows_read == len(prices) + len(rejected) always.
    The pandas views (`prices`, ...) are for tests and tools; the pipeline stays in Arrow."""

    prices_arrow: pa.Table
    rejected_arrow: pa.Table
    rows_read: int
    file_problem: str | None = None
    non_data_arrow: pa.Table = field(default_factory=lambda: lines_frame("", []))
    physical_lines: int = 0  # lines in the file (for xlsx, the rows of all its sheets: normalisation/sheets.py)
    reader: str = ""  # how records were split: "pyarrow" (fast path), "csv" (careful path), "pyarrow+csv"
    # (records spanning lines by the csv module, the others by pyarrow: records.split_fast) or "xlsx"

    @property
    def prices(self) -> pd.DataFrame:
        """`date` as datetime64[ns] at midnight, prices and volume float64, source_line int64."""
        return self.prices_arrow.to_pandas(date_as_object=False).astype({"date": "datetime64[ns]"})

    @property
    def rejected(self) -> pd.DataFrame:
        return self.rejected_arrow.to_pandas()

    @property
    def non_data(self) -> pd.DataFrame:
        return self.non_data_arrow.to_pandas()
