"""Why a file without a date or close column was refused: the column named for one whose values did not
fit, or what the file holds instead (words, months, dates across the top, numbers named otherwise), said
in the refusal's reason so that whoever reads it knows what to fix or map. Read for the reason only."""
from __future__ import annotations

import csv
import re
from collections.abc import Callable

from backintime_assets.detection.announced_day import announced_alone
from backintime_assets.detection.canonical import fits_type, named_as
from backintime_assets.detection.columns import ColumnType, infer_column_type
from backintime_assets.detection.dates import FIRST_YEAR, LAST_YEAR, months_only, years_outside
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.words import folded_words
from backintime_assets.detection.xlsx import WORKBOOK_FORMATS

from .split_dates import split_date_reason


def field_past_the_header(schema: FileSchema) -> bool:
    """Whether the rows of a comma-separated file hold a field past its header's names (detection names
    it "column_N"), as rows whose dates a comma cut in two do (split_dates.py): a "Date,Year,..." header
    over "Jul 09,2026" names both halves, and a ";" file's commas cut nothing."""
    return schema.delimiter == "," and schema.columns[-1].name == f"column_{len(schema.columns)}"


def why_unmapped(schema: FileSchema, missing: list[str], cells_of: Callable[[int], list[str]] | None = None) -> str:
    """What to look at when a column named for a missing one was not read as it: its values did not
    fit the type ("4,537" in a file whose decimal mark is in doubt, a date in an unknown format), its
    dates are months, or of years no date is read in; of a day's list of tickers, why the date its
    title or name gives was not taken (detection/day_date.py): after a column's own reason, which
    says what to fix. `cells_of(j)`: some data cells of column j."""
    names = [frozenset(folded_words(c.name)) for c in schema.columns]
    for wanted in missing:
        for j, column in enumerate(schema.columns):
            # Tushare's ann_date beside a NAV, which canonical left unmapped by the same rule (announced_day.py).
            if wanted == "date" and column.canonical is None and announced_alone(names, j) \
                    and fits_type(wanted, ColumnType(column.type, column.format, column.confidence)):
                return (f" ({column.name!r} is the day each NAV was announced, a day or weeks after the day it"
                        " stands at: no trade date; fetch the NAV's own (Tushare's nav_date) or map it)")
            if wanted == "date" and months_only(column.format):
                return f" ({column.name!r} holds months ({column.format}), not trade dates: a monthly series)"
            if wanted == "date" and column.canonical is None and named_as(wanted, column.name) and cells_of \
                    and (outside := years_outside(cells_of(j))):
                listed = ", ".join(outside[:3]) + (", ..." if len(outside) > 3 else "")
                return (f" ({column.name!r} holds dates of years outside {FIRST_YEAR}-{LAST_YEAR} ({listed}): no"
                        " trade date is read there; load the file from its first date within them)")
            if wanted == "date" and column.canonical is None and named_as(wanted, column.name) and cells_of \
                    and j + 1 < len(schema.columns) and field_past_the_header(schema) \
                    and (split := split_date_reason(column.name, cells_of(j), cells_of(j + 1))):
                return split
            # (A column whose values would feed it was left unmapped for its name among the others'
            # ("c" beside "a", "b"; canonical._tersely_named): its values are not what to check.)
            if column.canonical is None and named_as(wanted, column.name) and not fits_type(
                    wanted, ColumnType(column.type, column.format, column.confidence)):
                # Words are no number in any format ("KURS" of a German list of courses, "Kurs" its word
                # for a price too): told to check the decimal mark, the user was sent to look for a
                # format error where the column holds no price at all.
                if wanted != "date" and cells_of and (words := _words(cells_of(j))):
                    return (f" ({column.name!r} is named as one but holds words, not numbers ({words}, ...):"
                            " no price is read there)")
                marks = f"decimal mark {schema.decimal!r}, " + (
                    f"thousands mark {schema.thousands!r}" if schema.thousands else "no thousands mark")
                check = "its date format" if wanted == "date" else f"the file's number format ({marks})"
                return (f" ({column.name!r} is named as one but its values read as {column.type}: check {check},"
                        " or override the column's type)")
    if "date" in missing and schema.date_from and not schema.day:
        return f" ({schema.date_from})"
    if "date" in missing and (across := _dates_across(schema)):
        return across
    if "close" in missing:
        return _numbers_left(schema)
    return ""


def _words(cells: list[str]) -> str:
    """The first two of `cells` quoted, where every one not blank is words (_is_words); "" otherwise."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled or not all(_is_words(c) for c in filled):
        return ""
    return ", ".join(repr(c if len(c) <= _QUOTED else c[:_QUOTED] + "...") for c in filled[:2])


_QUOTED = 40  # characters of a cell quoted in a reason, which every one of the file's rejected rows repeats
_WORD = re.compile(r"[^\W\d_]+")


def _is_words(cell: str) -> bool:
    """Whether `cell` holds words, not a number: no numeral in it ("Hoehere Mathematik", "AAPL"), or two
    words before its first ("Hoehere Mathematik 2"). Not a number with its unit, scale or currency, whose
    letters may outnumber its digits ("1,5 Mio EUR", "12 bps", "USD 1"), nor one in CJK numerals ("千二百",
    letters to str.isalpha): told they held words, the user was sent away from a unit to strip or a
    number format to set."""
    first = next((i for i, ch in enumerate(cell) if ch.isnumeric()), None)
    return bool(_WORD.search(cell)) if first is None else len(_WORD.findall(cell[:first])) >= 2


_ACROSS = 3  # columns named by dates, at least, of a table written with its dates across the top


def _dates_across(schema: FileSchema) -> str:
    """Why a table whose columns of numbers are named by dates has no date column: its dates run across
    the top, a row per series (pandas' `df.T.to_csv()`, a sheet of rates a row per currency), which loads
    once written the other way round. Said, not "none of them named as a close"; "" otherwise."""
    names = [c.name for c in schema.columns if c.type in ("integer", "float")]
    if len(names) < _ACROSS or infer_column_type(names, "date", ".", None).type != "date":
        return ""
    return (f" (its columns are named by dates ({', '.join(map(repr, names[:3]))}, ...): dates across the top, "
            "a row per series; save the table with a date column, a row per date)")


_HEAD_CELLS = 20  # data rows whose cells a refusal's reason looks at


def head_cells(schema: FileSchema, raw_of: Callable[[int], str], rows: int, j: int) -> list[str]:
    """The non-blank cells of column j in the first data rows, as the csv module splits their raw
    text (a workbook's rows are CSV lines: records.csv_line). Read for a refusal's reason only."""
    workbook = schema.file_format in WORKBOOK_FORMATS
    delimiter, quote = (",", '"') if workbook else (schema.delimiter, schema.quotechar)
    try:
        split = csv.reader((raw_of(k) for k in range(min(rows, _HEAD_CELLS))), delimiter=delimiter,
                           quotechar=quote or '"', quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE,
                           skipinitialspace=schema.skipinitialspace)
        return [cells[j].strip() for cells in split if j < len(cells) and cells[j].strip()]
    except (csv.Error, TypeError):  # a delimiter the csv module takes no part in (a run of blanks)
        return []


# A file refused for no close column often holds prices, only none of them a close: an office's
# dealer sheet of buy and sell rates ("compra,venta"), a market's minimum, maximum and modal price
# of the day, a station's price of each fuel, a central bank's rates beside its parities. Its
# reason had said only "no close column"; it names the columns of numbers that were read, so
# that whoever looks knows what the file holds and which one to map, if one is the price to load.
_NUMBERS = ("float", "integer")
_NAMED_AT_MOST = 6


def _numbers_left(schema: FileSchema) -> str:
    """The columns of numbers no canonical took, for the reason of a file without a close."""
    adjusted = [c.name for c in schema.columns if c.canonical == "adj_close"]
    if adjusted:
        # An adjusted-only download ("Date,Open,High,Low,Adj Close,Volume"): its closes are there, only
        # restated for later splits and dividends; loading them as the day's close is the user's call.
        return (f" (only an adjusted close, {adjusted[0]!r}: prices restated for later splits and dividends,"
                " not the day's close; map it as the close to load them so)")
    left = [c.name for c in schema.columns if c.canonical is None and c.type in _NUMBERS and c.format is None]
    if not left:
        return ""
    names = ", ".join(repr(n) for n in left[:_NAMED_AT_MOST]) + (", ..." if len(left) > _NAMED_AT_MOST else "")
    if schema.header_row < 0:
        # Said of what was read, not guessed at: a headerless file of whole-number prices (a won's
        # or a yen's bars) is refused too, and had been told its numbers were buy and sell rates.
        return (f" ({len(left)} unnamed columns of numbers, {names}, were not read as one bar's open, high, low"
                " and close: map the one to load as the close, if one is)")
    return f" (its columns of numbers, {names}, are none of them named as a close: map the one to load, if one is)"
