"""The cells of a text file's number columns as its reader splits them, before any mark reads them:
what a user's marks said of one version of a file are weighed against in the next (ingestion/carry.py)."""
from __future__ import annotations

from dataclasses import replace

import pyarrow as pa

from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.xlsx import WORKBOOK_FORMATS

from .lines import LineIndex, to_utf8
from .records import split_fast, split_slow
from .rewrites import next_rewrite


class CellsNotSplit(ValueError):
    """A file whose numbers are text, which marks read, but not written in lines to split."""


def number_cells(data: bytes, schema: FileSchema, names: set[str]) -> dict[str, pa.Array] | None:
    """Column name -> its data cells (text), of the columns of `schema` named in `names`; None for a
    file whose numbers are no text (a workbook's are typed: no mark reads them) or not read as a table.
    Raises CellsNotSplit for an HTML page, whose cells are text (marks read them) its markup reader finds."""
    if schema.file_format == "html" and schema.columns and not schema.problem and data:
        raise CellsNotSplit("an HTML page's cells are read from its markup, not split")
    if schema.file_format in WORKBOOK_FORMATS or not schema.columns or schema.problem or not data:
        return None
    text = to_utf8(data, schema.encoding)
    while (step := next_rewrite(schema)) is not None:  # as the reader rewrites it, every line kept in place
        rewrite, schema = step
        text = rewrite(text)
    schema = replace(schema, encoding="utf-8")
    wanted = [j for j, c in enumerate(schema.columns) if c.name in names]
    if not wanted:
        return {}
    index = LineIndex(text)
    # The data lines, as the reader takes them: after the header block, before the footer.
    first = min(max(schema.data_start_line, 0), index.count)
    stop = max(first, index.count - max(schema.footer_lines, 0))
    records = split_fast(index, first, stop, schema, wanted, {}) or split_slow(index, first, stop, schema, wanted)
    return {schema.columns[j].name: records.columns[j] for j in wanted if j in records.columns}
