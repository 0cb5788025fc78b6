"""Per-file seeded choices: which layout a file gets and whether it is a workbook."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from backintime_assets.simulation.layouts import CLEAN, Layout, for_xlsx, random_layout
from backintime_assets.simulation.options import FileOptions
from backintime_assets.simulation.rng import Stream, stream


def era_of(day: date, era_years: int) -> int:
    return (day.year - 1900) // era_years


def file_layout(options: FileOptions, seed: int, key: tuple[int, ...], key_date: date) -> Layout:
    """The file's layout, from its identity only, so rewriting any subset of files repeats it."""
    if options.drift == "none":
        layout = CLEAN
    elif options.drift == "eras":
        layout = _era_layout(seed, era_of(key_date, options.era_years))
    else:
        layout = random_layout(stream(seed, Stream.LAYOUT_FILE, *key))
    return for_xlsx(layout) if is_workbook(options, seed, key) else layout


@lru_cache(maxsize=256)
def _era_layout(seed: int, era: int) -> Layout:
    return random_layout(stream(seed, Stream.LAYOUT_ERA, era))  # every file of an era: drawn once


def is_workbook(options: FileOptions, seed: int, key: tuple[int, ...]) -> bool:
    if options.xlsx_share <= 0:
        return False
    return bool(stream(seed, Stream.FILE_FORMAT, *key).random() < options.xlsx_share)
