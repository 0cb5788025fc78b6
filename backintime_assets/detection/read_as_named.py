"""A content's one stored detection as the file under one of its names reads it: the one place every caller
(the manifest's dates, the conversion, `schema show`) takes a name's reading from.

file_schemas keeps one detection per content (sha256), made under one of its names. Two things of it belong to
the name, not the bytes: whether the name names an instrument (nameless.as_named) and the day a day's list's
name gives (renamed_day.dated_as_named). Applied one by one, callers had drifted apart: the conversion applied
both, `schema show` only the day (a copy "DJI.csv" of a download detected as "HistoricalPrices.csv" was shown
refused though its rows load), the manifest only the day and without the copies' names."""
from __future__ import annotations

from collections.abc import Iterable

from .nameless import as_named
from .renamed_day import dated_as_named


def read_as_named(schema: dict, name: str, twins: Iterable[str] = ()) -> dict:
    """`schema` as the file named `name` reads it, `twins` the current names of the same bytes (a copy under an
    earlier day's name makes a day's list a re-send: renamed_day.py); the schema itself where the name changes
    nothing."""
    return dated_as_named(as_named(schema, name), name, twins)
