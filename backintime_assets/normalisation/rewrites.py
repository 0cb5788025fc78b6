"""The rewrites of a text file's UTF-8 text that its reader makes before splitting it, in the order it
makes them: a table whose every line is a record in quotes unwrapped (detection/wrapped_lines.py),
cells forced to text unforced (detection/forced_text.py), a date in three columns joined into one
(detection/split_date.py), spans of one day written as their start's date (detection/day_spans.py),
columns set apart by runs of spaces given tabs (detection/gaps.py). Each
keeps every line where it was. The normaliser reads a file through them, and the weighing of carried
marks (number_cells.py) splits its cells the same way."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from backintime_assets.detection.day_spans import start_days
from backintime_assets.detection.forced_text import unforce
from backintime_assets.detection.gaps import GAP, gaps_to_tabs
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.split_date import join_split_dates
from backintime_assets.detection.wrapped_lines import unwrap
from backintime_assets.detection.xlsx import WORKBOOK_FORMATS


def next_rewrite(schema: FileSchema) -> tuple[Callable[[str], str], FileSchema] | None:
    """The first rewrite a text file of `schema` is read through, with the schema of the text it gives
    (the rewrite's mark cleared); None when it is read as written (a workbook always is)."""
    if schema.file_format in WORKBOOK_FORMATS:
        return None
    if schema.wrapped:
        quote = schema.wrapped
        return (lambda text: unwrap(text, quote)), replace(schema, wrapped=None)
    if schema.forced:
        marks = schema.forced
        return (lambda text: unforce(text, marks)), replace(schema, forced=None)
    if schema.split_date:
        delimiter, order = schema.delimiter, schema.split_date
        return (lambda text: join_split_dates(text, delimiter, order)), replace(schema, split_date=None)
    if schema.day_spans:
        order = schema.day_spans
        return (lambda text: start_days(text, order)), replace(schema, day_spans=None)
    if schema.delimiter == GAP:
        return gaps_to_tabs, replace(schema, delimiter="\t")
    return None
