"""A dateless day's list whose name's date its siblings named alike settle.

An exchange's daily price sheet often holds no date column: its day is in its name only (day_date.py).
Named with the month and the day in numbers ("01-13-2023.csv", as the Zimbabwe Stock Exchange's sheets
are scraped into a folder a day at a time), a sheet of a month's first twelve days may be either day
("01-02-2023.csv": 2 January or 1 February), and detection dates none of its rows: it is refused. Its
siblings in the same folder named alike (the same name but for its numbers: office_names.name_pattern),
whose names prove the order (a part above 12: "01-13-2023" is month first), settle it where they all
agree, as a date column's siblings settle its order (sibling_order.py). Where they disagree, or none
proves, it stays refused: nothing tells which day it is.
"""
from __future__ import annotations

import copy
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from backintime_assets.detection.day_date import FILE_NAME, NameDate, name_date
from backintime_assets.detection.office_names import name_pattern
from backintime_assets.ingestion.sibling_order import folder_of, one_folder, order_named

_DATED_BY_TITLE_OR_NAME = '"date_from"'  # a key of every dateless day's list's schema JSON, however spaced
_NEAR = dt.timedelta(days=62)


def may_guess_name(schema_json: str) -> bool:
    """Whether a schema, as its JSON text, may be of a file whose name's date is ambiguous: one of a day's
    list dated (or refused a date) by its title or name. Most are not, and their JSON is not parsed to find
    so (guesses_name)."""
    return _DATED_BY_TITLE_OR_NAME in schema_json


def guesses_name(schema: dict) -> bool:
    """Whether the file's only date is its name's, which reads as more than one day."""
    named = _by_name(schema)
    return not schema.get("day") and named is not None and len(named.dated.readings) > 1


def settle_name_dates(guessing: dict[str, dict], siblings: Iterable[dict]) -> tuple[dict[str, dict], list[str]]:
    """(key -> the schema, dated, of each of the `guessing` files whose siblings named alike prove the
    order of its name's date; what was left refused because they disagree)."""
    proofs: dict[tuple, list[tuple[str | None, str, dt.date]]] = defaultdict(list)
    for schema in siblings:
        proven = _proven_order(schema)
        if proven is not None:
            proofs[proven[0]].append((folder_of(schema), proven[1], dt.date.fromisoformat(schema["day"])))
    settled, disagreeing = {}, []
    for key, schema in guessing.items():
        named = _by_name(schema)
        if named is None:
            continue
        folder = folder_of(schema)
        alike = [(first, day) for f, first, day in proofs.get(_name_shape(schema, named), ()) if one_folder(f, folder)]
        found = Counter(first for first, _ in alike)
        if len(found) > 1:
            disagreeing.append(f"{key}: siblings named alike disagree on its name's day/month order "
                               f"({', '.join(f'{n} {order_named(p)}' for p, n in sorted(found.items()))}); "
                               "it stays undated")
        elif found:
            (first, count), = found.items()
            day = _reading(named, first)
            if day is not None and _among(day, [d for _, d in alike]):
                settled[key] = _dated(schema, named, day, first, count)
    return settled, disagreeing


def _by_name(schema: dict) -> NameDate | None:
    """The date of the file's name its day was (or was not) taken from (day_date.name_date), where it is the
    name's: what detection makes of the name alone is what the schema says. Not a day a title gave, nor
    one siblings or a user settled."""
    named = name_date(schema.get("file") or "")
    return named if named is not None and named.dated.source == schema.get("date_from") else None


def _name_shape(schema: dict, named: NameDate) -> tuple[str, str]:
    """What a sibling's name must share to speak for the file's: the name but for its numbers, and the
    date's separator (its parts' digits are two, two and four: day_date._NAME_DMY)."""
    return name_pattern(schema.get("file") or ""), named.separator


def _proven_order(schema: dict) -> tuple[tuple, str] | None:
    """(the file's name shape, "%d" or "%m": the part its name writes first) where its name dated it in
    one reading only, its two parts differing: "01-13-2023" is month first."""
    day = schema.get("day")
    named = _by_name(schema) if day else None
    if named is None or named.first == named.second:
        return None
    day = dt.date.fromisoformat(day)
    if (day.day, day.month) == (named.first, named.second):
        return _name_shape(schema, named), "%d"
    if (day.month, day.day) == (named.first, named.second):
        return _name_shape(schema, named), "%m"
    return None


def _reading(named: NameDate, first: str) -> dt.date | None:
    """Of the days the file's name may be (as detection listed them), the one read `first`-part first."""
    chosen = [d for d in named.dated.readings if (d.month if first == "%m" else d.day) == named.first]
    return chosen[0] if len(chosen) == 1 else None


def _among(day: dt.date, proven: list[dt.date]) -> bool:
    """Whether the day falls among the proving siblings' days (two months either side): a week of a new
    clerk's day-first names, 07-03-2023 for 7 March, beside January's month-first ones, read month first
    is a July no sibling is near, and is left refused rather than loaded on a wrong day."""
    return min(proven) - _NEAR <= day <= max(proven) + _NEAR


def _dated(schema: dict, named: NameDate, day: dt.date, first: str, count: int) -> dict:
    out = copy.deepcopy(schema)
    out["day"] = day.isoformat()
    out["date_from"] = (f"{FILE_NAME}: {named.text} (order settled by {count} sibling file{'s' if count != 1 else ''}"
                        f" named alike: {order_named(first)})")
    out["borrowed_from"] = None
    return out
