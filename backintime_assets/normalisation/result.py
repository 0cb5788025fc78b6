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
    ("volume", pa.int64()), ("source_file", pa.string()), ("source_line", pa.int64()),
])
REJECTED_ARROW_SCHEMA = pa.schema([
    ("source_file", pa.string()), ("source_line", pa.int64()), ("raw", pa.string()), ("reason", pa.string()),
])


def empty_prices() -> pd.DataFrame:
    frame = PRICES_ARROW_SCHEMA.empty_table().to_pandas(date_as_object=False)
    return frame.astype({"date": "datetime64[ns]"})


def lines_frame(source_file: str, rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    """(line, raw, reason) triples as a REJECTED_COLUMNS frame, in line order."""
    rows = sorted(rows, key=lambda r: r[0])
    return pd.DataFrame({
        "source_file": pd.Series([source_file] * len(rows), dtype=object),
        "source_line": pd.Series([r[0] for r in rows], dtype="int64"),
        "raw": pd.Series([r[1] for r in rows], dtype=object),
        "reason": pd.Series([r[2] for r in rows], dtype=object),
    })


@dataclass
class NormalisedFile:
    """prices: CANONICAL_COLUMNS; `date` is datetime64[ns] at midnight (the wall-clock date written in
    the file), prices float64, volume and source_line int64.
    rejected: REJECTED_COLUMNS, data records that did not become prices, with the reason.
    non_data: REJECTED_COLUMNS, lines outside the data (preamble, header, footer, blank) with the kind.
    rows_read: data records considered; rows_read == len(prices) + len(rejected) always."""

    prices: pd.DataFrame
    rejected: pd.DataFrame
    rows_read: int
    file_problem: str | None = None
    non_data: pd.DataFrame = field(default_factory=lambda: lines_frame("", []))
    physical_lines: int = 0  # lines in the file (rows for xlsx)
    reader: str = ""  # how records were split: "pyarrow" (fast path), "csv" (careful path) or "xlsx"

    def prices_arrow(self) -> pa.Table:
        """prices as Arrow with `date` as date32 (maps to Spark DateType in mapInArrow)."""
        return pa.Table.from_pandas(self.prices, schema=PRICES_ARROW_SCHEMA, preserve_index=False)

    def rejected_arrow(self) -> pa.Table:
        return pa.Table.from_pandas(self.rejected, schema=REJECTED_ARROW_SCHEMA, preserve_index=False)
