"""Vectorised conversion of string cells to numbers and dates, telling missing from unparseable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.columns import PARENTHESISED
from backintime_assets.detection.currencies import (COINS, CURRENCY_CODE_BUT_RUPIAH, LOCAL_UNIT_AFTER,
                                                    LOCAL_UNIT_BEFORE, RUPIAH)
from backintime_assets.detection.date_system import (DAYS_1904_AFTER_1900, EAST, EAST_EVENING, EPOCH_EAST_UNITS,
                                                     EPOCH_UNITS, EXCEL_SERIAL, EXCEL_SERIAL_1904, UTC_ZONE,
                                                     zoned)
from backintime_assets.detection.format_regex import format_regex
from backintime_assets.detection.month_names import (DOTTED_HALF_DAY, TAG, UNDOTTED_HALF_DAY, numeric_format,
                                                      numeric_value)
from backintime_assets.detection.numbers import CURRENCY_SIGN, NULL_TOKENS, indian_groups

from .other_separators import other_separator_cells

_NULLS = pa.array(sorted(NULL_TOKENS), type=pa.string())
_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"
# "$12", "-₹12", "R$ 12"; "12 €" (detection.columns.CURRENCY_MARKS). An ISO code for the sign, "USD 12",
# "CHF 12", "12 EUR", apart: its ~180 codes made every marked column's two passes 1.7x dearer, and
# few columns hold one (_WORDED).
# The blank beside the mark may be a no-break one (a French locale's "12,50\u00a0€"): RE2's \s is ASCII.
_BLANK = r"[\s\x{00a0}\x{202f}]"
_CURRENCY_BEFORE = rf"^([+-]?){_BLANK}?(?:[A-Z]{{0,3}}\$|{CURRENCY_SIGN}){_BLANK}?"
_CURRENCY_AFTER = rf"{_BLANK}?{CURRENCY_SIGN}$"
# So are a local abbreviation's for the sign ("12,50 kr", "kr. 1.234,50", "1 234 Ft": currencies.py), with
# the codes: looked for only where a cell holds three capitals or begins or ends in one (_WORDED).
# South Africa's "R" only before a number with a fraction (currencies.RAND), which RE2, without a look-ahead,
# takes and writes back (\2): "R2" stays unparseable, a code, not 2 rand.
# Indonesia's rupiah (currencies.RUPIAH) by a number as read (\3) whose dot could not have grouped a thousand:
# its grouping gone, "Rp 1.234.567" is "Rp 1234567" where the dot groups; where it is the decimal point,
# "Rp 12.500" and "12.500 IDR" stay unparseable, a thousandth of the price had they been read. Cents, four
# decimals or more ("IDR 0.0000645", a rate), a 0 or four digits before the dot ("15850.125 IDR") are no
# grouping: read only as whole numbers or cents, such rates had their rows rejected.
_RUPIAH_NUMBER = r"(?:\d+(?:\.(?:\d{1,2}|\d{4,}))?|0\.\d{3}|\d{4,}\.\d{3})"
_CODE_BEFORE = (rf"^([+-]?){_BLANK}?(?:(?:{CURRENCY_CODE_BUT_RUPIAH}|{LOCAL_UNIT_BEFORE}){_BLANK}?"
                rf"|R{_BLANK}?(\d*\.(?:\d{{1,2}}|\d{{4,}})$)|{RUPIAH}{_BLANK}?({_RUPIAH_NUMBER}$))")
# After the number only, a digit before it (\1, kept): "1,2 Mkr" (millions of crowns), "12 kkr", "1.2 MSEK",
# "1,2 MKč" are money scaled by a letter, which the mark gone had left as "1.2 M", a volume's suffix: a
# turnover in crowns loaded as a million shares traded.
_CODE_AFTER = rf"(\d){_BLANK}?(?:{CURRENCY_CODE_BUT_RUPIAH}|{LOCAL_UNIT_AFTER})$"
# The rupiah's code after its number, as _CODE_BEFORE reads it before: looked for only where a cell ends in
# it (an alternative of _CODE_AFTER, it cost every column of "12,50 kr" 5% of its parse).
_RUPIAH_AFTER = rf"^([+-]?{_RUPIAH_NUMBER}){_BLANK}?IDR$"
_WORDED = rf"[A-Z]{{3}}|(?:{LOCAL_UNIT_AFTER})$|^[+-]?{_BLANK}?(?:{LOCAL_UNIT_BEFORE}|R)"
_MINUS_AFTER = r"^(\d+\.?\d*)-$"  # columns.TRAILING_MINUS, its grouping gone and its decimal mark a dot
# A volume's own scale after its number: "1.5M", "350K"; "45.67万", "1.2亿" (CJK, 10^4 and 10^8); "1.5 Lakh",
# "2 Cr" (India, 10^5 and 10^7). Lower-cased, each suffix's factor (detection/columns.py types them).
_MULTIPLIER = {"k": 1e3, "m": 1e6, "b": 1e9, "千": 1e3, "仟": 1e3, "万": 1e4, "萬": 1e4, "百万": 1e6, "百萬": 1e6,
               "亿": 1e8, "億": 1e8, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "cr": 1e7, "crore": 1e7,
               "crores": 1e7}
_SCALE = r"(?P<suf>(?i:[KMB]|百万|百萬|[千仟万萬亿億]|lakhs?|lacs?|crores?|cr))"
_SUFFIX = rf"^(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))\s?{_SCALE}$"
# A coin's code after either ("1.2K BTC", "3.4M ETH", "0.5 BTC": exchanges' and wallets' exports) is the unit
# the volume counts, no money (detection/currencies.COINS, as a volume's name "Volume BTC" says it): unread,
# every row of such a file was rejected. Not a quote currency's ("1.2M USDT"): money traded, a turnover.
# Read where at least half the column's filled cells are so written: one "1.5 BTC" among a share's volumes is
# damage, rejected naming its unit. Looked for only in cells _SUFFIX leaves unread: an alternative of it, it
# cost scaled volumes 3% of their parse.
_COINED = rf"^(?P<num>[+-]?(?:\d+\.?\d*|\.\d+))(?:\s?{_SCALE})?\s?(?i:{'|'.join(sorted(COINS))})$"
_SUFFIXES = pa.array(list(_MULTIPLIER) + [""], type=pa.string())  # "": a coin's count without a scale
_FACTORS = np.array([*_MULTIPLIER.values(), 1.0])
_EXCEL_EPOCH = 25569  # Excel serial of 1970-01-01
# Dates written as numbers: format -> (units a day, the number of 1970-01-01, the least number
# that is a date, units added before the day is taken). Serial 0 of the 1900 system is 1900-01-00,
# damage; the 1904 one starts at 0. An "_east" epoch at or after the UTC evening (EAST_EVENING, 11:00)
# is the next day (detection/epoch_days.py): the rest of the day from it added, in whole units (a
# fraction of a day added to a float missed 11:00 by a rounding). Every format reads a day's midnight as that day.
# An Excel serial is a day and its time to the millisecond, as Excel shows it: a program's midnight computed in
# floating point (45293.99999999991) is the next day's, where the floor of the float had read every row a
# day early. Half a millisecond is added before the day is taken.
_HALF_MS = 0.5 / 86_400_000
SERIAL_FORMATS = {
    EXCEL_SERIAL: (1, _EXCEL_EPOCH, 1, _HALF_MS),
    EXCEL_SERIAL_1904: (1, _EXCEL_EPOCH - DAYS_1904_AFTER_1900, 0, _HALF_MS),  # Mac Excel's workbooks (date_system.py)
    **{fmt: (86400 * unit, 0, -np.inf, 0) for fmt, unit in EPOCH_UNITS.items()},
    **{fmt: (86400 * unit, 0, -np.inf, (86400 - EAST_EVENING) * unit) for fmt, unit in EPOCH_EAST_UNITS.items()},
}
_MIN_YEAR, _MAX_YEAR = 1800, 2200  # dates outside are typos (or 2-digit years read as %Y)
_MIN_DAY = int(np.datetime64(f"{_MIN_YEAR}-01-01", "D").astype(np.int64))
_MAX_DAY = int(np.datetime64(f"{_MAX_YEAR}-12-31", "D").astype(np.int64))


@dataclass
class Parsed:
    values: np.ndarray  # float64: the number, or days since 1970-01-01 for dates; NaN when not parsed
    missing: np.ndarray  # bool: empty or a null token
    bad: np.ndarray  # bool: present but not parseable
    # bool: cells that carried their own scale ("1.5M", read with `suffixes`); None: none did. A
    # column's declared scale ("Vol (K)") is theirs already, not to be applied again (normalise.py).
    suffixed: np.ndarray | None = None
    # bool: bad cells whose lone mark before three digits ("71.500", "1,234") reads as a thousand grouped
    # or as three decimals, in a file whose marks detection never saw (_either_mark); None: none.
    undecided: np.ndarray | None = None


# Significant digits a scaled number keeps: a float64 holds 15 decimal digits exactly.
_SCALED_DIGITS = 15
_EXACT_POWERS = 22  # 10.0 ** 22 is the largest power of ten a float64 holds exactly
# A product this close to a whole number, relative to its size, is that number: the float noise of
# one multiplication (two units of 2**-53 at most), and under the half-step of _SCALED_DIGITS digits
# whatever the product's size, so these are the products the rounding below makes whole too.
_WHOLE_NOISE = 2.0**-51


def scaled(values: np.ndarray, factor: float | np.ndarray) -> np.ndarray:
    """`values` times `factor` (1000 for "Volume ('000)", 1e6 for "1.5M") as the number written times
    its scale: the product of two floats is off by a unit in the last place now and then (2.01 x
    1000 is 2009.9999999999998; 1.5% of three-decimal numbers), which a rounded volume hid; a volume
    loads as written since session 22. Each product is rounded to _SCALED_DIGITS significant digits, its float noise
    only: an integer count of them, divided by a power of ten (both exact up to 1e22), rounds once,
    to the float nearest the decimal. Products of 1e15 and more are whole (rounded to the unit);
    those under 1e-8 (no scale makes one) are left as multiplied.

    Most scaled volumes are whole (thousands written to three decimals, "12.3K"): those are rounded
    to the unit in a few passes, and only the others take the logarithm and power of each (for all
    of them, 27 of the 400 ms of CPU normalising a file of 480,000 rows of scaled volumes took)."""
    product = np.multiply(values, factor)
    whole = np.rint(product)
    with np.errstate(invalid="ignore"):  # inf - inf
        noise = np.abs(product - whole) <= _WHOLE_NOISE * np.abs(product)  # NaN, inf: False
    if noise.all():
        return whole
    rest = np.flatnonzero(~noise)
    if 2 * rest.size > product.size:  # mostly fractions (a coin's "0.0213K"): rounded all alike, no gather
        return _significant(product)
    out = np.where(noise, whole, product)
    out[rest] = _significant(product[rest])
    return out


def _significant(product: np.ndarray) -> np.ndarray:
    """`product` rounded to _SCALED_DIGITS significant digits (scaled's rounding of fractional ones)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = (_SCALED_DIGITS - 1) - np.floor(np.log10(np.abs(product)))
    fine = np.isfinite(shift) & (shift > 0) & (shift <= _EXACT_POWERS)
    power = 10.0 ** np.where(fine, shift, 0.0)
    whole = np.isfinite(shift) & (shift <= 0)
    return np.where(fine, np.rint(product * power) / power, np.where(whole, np.rint(product), product))


def _mask(a: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return np.asarray(a.fill_null(False), dtype=bool) if a.null_count else np.asarray(a, dtype=bool)


def missing_mask(trimmed: pa.Array) -> np.ndarray:
    return _mask(pc.is_in(pc.utf8_lower(trimmed), value_set=_NULLS))


def parse_numbers(cells: pa.Array, decimal: str = ".", thousands: str | None = None,
                  suffixes: bool = False, dots_written: bool = False, unseen: bool = False) -> Parsed:
    """Floats from cells; `suffixes` also reads "1.5M"-style abbreviations (volumes). Cells the CSV
    reader already converted to float64 (nulls = missing) pass straight through. `dots_written`: the
    column's sampled cells already held a dot that is neither of the file's marks (detection typed it
    as text: "21.375" coins beside "1 500,00"), read as a decimal point; else such a dot is none
    (_foreign_dots). `unseen`: the file's marks are the default, none seen (FileSchema.decimal_unseen):
    a cell is read only as both conventions agree (_either_mark)."""
    n = len(cells)
    if pa.types.is_floating(cells.type):
        values = cells.to_numpy(zero_copy_only=False).astype(np.float64)
        missing = _mask(pc.is_null(cells)) if cells.null_count else np.zeros(n, bool)
        return Parsed(values, missing, ~missing & ~np.isfinite(values))
    if unseen and decimal == "." and not thousands and not pa.types.is_integer(cells.type):
        return _either_mark(cells, suffixes)
    if decimal == "." and not thousands:
        try:
            values = pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False)
            finite = np.isfinite(values)
            if finite.all():
                return Parsed(values, np.zeros(n, bool), np.zeros(n, bool))
        except pa.ArrowInvalid:
            pass
    elif thousands != decimal:
        plain = _plain_numbers(cells, decimal, thousands)
        if plain is not None:
            return plain
    trimmed = pc.utf8_trim_whitespace(cells)
    missing = missing_mask(trimmed)
    text = trimmed
    misgrouped = None
    if thousands:
        misgrouped = _misgrouped(trimmed, decimal, thousands)
        if misgrouped is not None and (thousands.isspace() or thousands == ".") and misgrouped.any():
            # Where a blank groups thousands, the currency's blank is none ("4,62 €", "CHF 8,65"):
            # judged with it, every such price was "misgrouped", unparseable, and the file refused.
            # Nor, where a dot does, is a local abbreviation's ("kr. 12,50", "12,50 руб.").
            # Judged again without it only then: its two passes had cost every such column 70%.
            misgrouped = _misgrouped(_without_currency(trimmed), decimal, thousands)
        text = pc.replace_substring(text, thousands, "")
    if decimal != ".":
        text = pc.replace_substring(text, decimal, ".")
    text = pc.replace_substring_regex(text, PARENTHESISED.pattern, r"-\1")  # accounting negatives: "(1234.5)"
    if pc.any(pc.ends_with(text, "-")).as_py():  # the regex's groups double the cost of a column's parse
        text = pc.replace_substring_regex(text, _MINUS_AFTER, r"-\1")  # SAP's negatives: "1234.5-"
    # A volume's scale is read only where no currency marks the cell: "$1.2M", "kr 1,2 M", "₹1.2 Cr", "1.2M USD"
    # are money traded, a turnover, which read without the mark had loaded as 1.2 million shares.
    marked = text
    text = pc.replace_substring_regex(text, _CURRENCY_BEFORE, r"\1")
    text = _codes_stripped(pc.replace_substring_regex(text, _CURRENCY_AFTER, ""))
    shaped = _mask(pc.match_substring_regex(text, _NUMBER))
    if misgrouped is not None:
        shaped &= ~misgrouped
    if decimal != "." and thousands != "." and not dots_written:
        shaped &= ~_foreign_dots(trimmed, text, decimal)
    values = pc.cast(pc.if_else(pa.array(shaped), text, pa.scalar(None, pa.string())), pa.float64())
    values = values.to_numpy(zero_copy_only=False).astype(np.float64)
    suffixed = None
    if suffixes:
        unread = pc.if_else(pa.array(shaped | missing), pa.scalar(None, pa.string()), marked)
        parts = pc.extract_regex(unread, _SUFFIX)
        hit = _mask(pc.is_valid(parts))
        if not (hit | shaped | missing).all():
            coined = _mask(pc.is_valid(coins := pc.extract_regex(unread, _COINED))) & ~hit
            if 2 * coined.sum() >= (~missing).sum():  # a column written in coins, not a stray "1.5 BTC"
                parts = pc.if_else(pa.array(hit), parts, coins)
                hit = hit | coined
        if hit.any():
            num = pc.cast(parts.field("num").filter(pa.array(hit)), pa.float64()).to_numpy(zero_copy_only=False)
            suffix = pc.utf8_lower(parts.field("suf").filter(pa.array(hit)))
            mult = _FACTORS[pc.index_in(suffix, value_set=_SUFFIXES).to_numpy(zero_copy_only=False)]
            values[hit] = scaled(num, mult)
            shaped = shaped | hit
            suffixed = hit.copy()
            suffixed[hit] = np.asarray(pc.not_equal(suffix, ""))  # a coin's code alone ("0.5 BTC") scales nothing
    bad = ~missing & (~shaped | ~np.isfinite(np.where(shaped, values, 0.0)))
    values[~shaped] = np.nan
    if thousands is None and bad.any():
        _read_grouped(trimmed, bad, values, decimal, prices=not suffixes)
    return Parsed(values, missing, bad, suffixed)


# What may group thousands where a file's marks name no thousands mark (_GROUPED).
_SEPARATORS = " ,'.\u00a0\u202f"
# The reason of a row whose number groups thousands in a file whose marks were said of numbers that never
# did (FileSchema.ungrouped): another locale's, read 1000x off by them.
WRITTEN_OTHERWISE = "grouped thousands, unlike every number the file's marks were said of (another locale's?)"


def whole_only_reason(multiplier: float) -> str:
    """The reason of a row whose number has a decimal mark in a column whose multiplier was said of whole
    numbers only (ColumnSchema.whole_only): written in another unit ('150.35' dollars among cents said
    x0.01), read by the multiplier 100x off."""
    return f"a decimal mark, unlike every number the column's multiplier x{multiplier:g} was said of (another unit?)"


def decimal_cells(cells: pa.Array, decimal: str) -> np.ndarray:
    """Cells with the decimal mark before a digit ('150.35', '.35' under '.'), but not after a letter (a
    currency's 'Rs.15003' is whole): what a multiplier said of whole numbers does not read as they did
    (whole_only_reason). Typed cells (a workbook's) are cast to text with a point, whatever the file's mark."""
    if not pa.types.is_string(cells.type):
        cells, decimal = pc.cast(cells, pa.string()), "."
    marked = pc.match_substring_regex(cells, rf"(?:^|[^A-Za-z]){re.escape(decimal)}\d")
    return np.asarray(pc.fill_null(marked, False), dtype=bool)


def grouped_cells(cells: pa.Array, decimal: str, thousands: str | None) -> np.ndarray:
    """Cells that the marks read as grouping thousands: the thousands mark between digits, or, where the
    marks name none, a separator other than the decimal mark (read so by _read_grouped)."""
    grouping = re.escape(thousands) if thousands else f"[{re.escape(_SEPARATORS.replace(decimal, ''))}]"
    text = cells if pa.types.is_string(cells.type) else pc.cast(cells, pa.string())
    return np.asarray(pc.fill_null(pc.match_substring_regex(text, rf"\d{grouping}\d"), False), dtype=bool)


def another_locales_decimals(cells: pa.Array, decimal: str, thousands: str | None) -> np.ndarray:
    """Cells the marks read as grouping thousands that another locale writes as a decimal: one mark, the
    other of '.' and ',', between a whole part of 1 to 3 digits and exactly three ('1,510' beside '1.503'
    rates is 1.510 there). Not '1,002.50' nor '12,345,678', which no locale reads as a decimal."""
    other = re.escape("," if decimal == "." else ".")
    text = cells if pa.types.is_string(cells.type) else pc.cast(cells, pa.string())
    written = pc.fill_null(pc.match_substring_regex(text, rf"^\s*-?\d{{1,3}}{other}\d{{3}}\s*$"), False)
    return grouped_cells(text, decimal, thousands) & np.asarray(written, dtype=bool)


# A lone mark before exactly three digits, after a whole part a group may start ("71.500", "-1,234", "€ 1.234"):
# a thousand grouped by one custom, three decimals by the other. Not "0.125" (no group starts with a 0),
# nor "1234.567" (nor is a group of four digits).
_EITHER_WAY = r"^\D*?[1-9]\d{0,2}[.,]\d{3}(?:\D*)$"


# The reason of a row whose cell is undecided (its columns named after it): a reading problem still
# (outside.READING_PROBLEMS: a borrowed schema that rejects it does not hold).
UNDECIDED_MARK = ("unparseable as one number (a lone '.' or ',' before three digits, a decimal or a thousands mark: "
                  "the file's sampled numbers write neither)")


def _either_mark(cells: pa.Array, suffixes: bool) -> Parsed:
    """parse_numbers of a column in a file whose sample wrote no decimal or grouping mark: a cell read as the
    dot's custom would, or else as the comma's ("71.5" and "71,5" are 71.5 either way; "1.234.567" and
    "1.234,5" group by a dot, "1,234,567" and "1,234.5" by a comma). A lone mark before three digits
    (_EITHER_WAY: "71.500" is 71.5 or 71500, "1,234" 1234 or 1.234) is read by neither: nothing of the file
    settles which, and the cell is `undecided`, its row rejected naming the number format, not loaded 1000x
    off. Most of such a file's cells read at once as before: the regex's one pass is the cost."""
    parsed = parse_numbers(cells, ".", None, suffixes)
    either = _mask(pc.match_substring_regex(cells, _EITHER_WAY)) & ~parsed.missing
    retry = parsed.bad & ~either  # "71,5", "1.234,5", "1.234.567": the comma's custom's, unread by the dot's
    if not either.any() and not retry.any():
        return parsed
    values, bad, suffixed = parsed.values.copy(), parsed.bad.copy(), parsed.suffixed
    if retry.any():
        rows = np.flatnonzero(retry)
        comma = parse_numbers(cells.take(pa.array(rows)), ",", None, suffixes)
        read = rows[~comma.bad]
        values[read] = comma.values[~comma.bad]
        bad[read] = False
        if comma.suffixed is not None:
            suffixed = np.zeros(len(cells), bool) if suffixed is None else suffixed.copy()
            suffixed[rows] = comma.suffixed
    values[either] = np.nan
    bad |= either
    return Parsed(values, parsed.missing, bad, suffixed, either if either.any() else None)


def parse_grouped_whole(cells: pa.Array) -> Parsed:
    """Whole numbers whose commas group thousands ("1,234,567", "987": detection/comma_groups.py's column
    in a file whose decimal mark is the comma). A cell with a dot is unparseable: no decimal point, as
    read with the dot for one "1.500" (a German thousand past the sampled rows) had loaded as 1.5."""
    parsed = parse_numbers(cells, ".", ",")
    if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)):
        return parsed
    dotted = _mask(pc.match_substring(cells, ".")) & ~parsed.missing
    if not dotted.any():
        return parsed
    values = parsed.values.copy()
    values[dotted] = np.nan
    return Parsed(values, parsed.missing, parsed.bad | dotted, parsed.suffixed)


# A number written with a word after or before it ("1.5 L", "3.2만", "BTC 1.5"): the word its unit.
# Not letters among the digits ("12x0"): a damaged number, no unit.
_FIGURE = r"[+-]?[\d.,'\s\x{00a0}\x{202f}]*\d[\d.,'\s\x{00a0}\x{202f}]*"
_UNIT_AFTER = rf"^{_FIGURE}?\s*(?P<u>\pL[^\d]*)$"
_UNIT_BEFORE = rf"^(?P<u>[^\d]*\pL)\s*{_FIGURE}$"


def units_written(cells: pa.Array) -> list[str]:
    """Each cell's unit, a word written beside its number ("L" of "1.5 L", a lakh; "BTC"; "만" of Korean
    "3.2만"); "" for a cell with none (no digit, or letters among its digits)."""
    text = pc.utf8_trim_whitespace(pc.cast(cells, pa.string()))
    numbered = _mask(pc.match_substring_regex(text, r"\d"))
    out = [""] * len(text)
    for pattern in (_UNIT_BEFORE, _UNIT_AFTER):
        found = pc.struct_field(pc.extract_regex(text, pattern), [0]).to_pylist()
        out = [o or (u.strip() if u and n else "") for o, u, n in zip(out, found, numbered)]
    return out


def _plain_numbers(cells: pa.Array, decimal: str, thousands: str | None) -> Parsed | None:
    """Parsed numbers when every cell is a bare number in the file's own marks ("1'234.5", "-12,5"),
    else None. Such cells come out of the careful path below exactly as read here (no blank, no
    currency, no misgrouping, no suffix), at a third of its compute calls per column; a file of
    grouped volumes has every number column read as text."""
    if not _mask(pc.match_substring_regex(cells, _plain_pattern(decimal, thousands))).all():
        return None
    text = pc.replace_substring(cells, thousands, "") if thousands else cells
    if decimal != ".":
        text = pc.replace_substring(text, decimal, ".")
    try:
        values = pc.cast(text, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64)
    except pa.ArrowInvalid:
        return None
    if not np.isfinite(values).all():
        return None  # too many digits: the careful path names them unparseable
    return Parsed(values, np.zeros(len(cells), bool), np.zeros(len(cells), bool))


@lru_cache(maxsize=64)
def _plain_pattern(decimal: str, thousands: str | None) -> str:
    grouped = rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+|" if thousands else ""
    if thousands == ",":
        grouped += indian_groups() + "|"
    return rf"^[+-]?(?:{grouped}\d+)(?:{re.escape(decimal)}\d+)?$"


def _without_currency(text: pa.Array) -> pa.Array:
    return _codes_stripped(pc.replace_substring_regex(pc.replace_substring_regex(text, _CURRENCY_BEFORE, r"\1"),
                                                      _CURRENCY_AFTER, ""))


def _codes_stripped(text: pa.Array) -> pa.Array:
    """`text` without an ISO code or local abbreviation for its currency's sign ("CHF 12", "12 EUR",
    "12 kr"), looked for only where a cell may hold one (_WORDED)."""
    if not pc.any(pc.match_substring_regex(text, _WORDED)).as_py():
        return text
    text = pc.replace_substring_regex(pc.replace_substring_regex(text, _CODE_BEFORE, r"\1\2\3"), _CODE_AFTER, r"\1")
    if pc.any(pc.ends_with(text, "IDR")).as_py():
        text = pc.replace_substring_regex(text, _RUPIAH_AFTER, r"\1")
    return text


def _misgrouped(trimmed: pa.Array, decimal: str, thousands: str) -> np.ndarray | None:
    """Cells holding the thousands mark other than between groups of three digits ("10.5" where
    "." groups thousands): another convention's number, unparseable here rather than read as 105."""
    has_mark = _mask(pc.match_substring(trimmed, thousands))
    if not has_mark.any():
        return None
    t, d = re.escape(thousands), re.escape(decimal)
    digits = rf"\d{{1,3}}(?:{t}\d{{3}})+" + ("|" + indian_groups() if thousands == "," else "")
    grouped = _mask(pc.match_substring_regex(trimmed, rf"^\D*?(?:{digits})(?:{d}\d*)?\D*$"))
    return has_mark & ~grouped


def _foreign_dots(trimmed: pa.Array, read: pa.Array, decimal: str) -> np.ndarray:
    """Cells whose number holds a dot in a file whose decimal mark is another and whose grouping is
    not the dot: "1.500" past the sample of a file of "987,50" and "750" is a thousand grouped, read
    with the dot for a decimal point as 1.5 (1000x off, silently); "1.5" is another convention's
    number. Neither is read as written: _read_grouped takes the unmistakable grouping, the rest are
    unparseable. `read` is the cell as read, its currency gone and its decimal mark a dot: a dot
    more than the decimal marks written is the number's own, where a currency's ("kr. 12,50",
    "12,50 руб.") is gone (counted, not looked for again: that cost such a column 80%)."""
    dotted = _mask(pc.match_substring(trimmed, "."))
    if not dotted.any():
        return dotted
    return np.asarray(pc.count_substring(read, ".").fill_null(0)) > np.asarray(
        pc.count_substring(trimmed, decimal).fill_null(0))


def _read_grouped(text: pa.Array, bad: np.ndarray, values: np.ndarray, decimal: str, prices: bool = False) -> None:
    """Numbers with digit grouping in a file detected without it: large values may first appear
    past the detection sample ("2 590.53" in a column of three-digit prices). A cell is read only
    when its grouping is unmistakable (one separator, other than the decimal mark, between every
    three digits), its currency's mark aside ("kr 1.234"). One separator alone ("1.086") is no
    grouping where the column writes it as a decimal point elsewhere (_DECIMAL_SHOWN): beside
    "1.0856" (another tool's rows of a decimal-comma file) it is a rate of 1.086, not 1086; either
    may be, and it is not read. Nor, in a column of `prices`, where its own numbers say a decimal point
    (_DECIMAL_READ).
    "1.234.567" and "12.345,60" are groupings still. `bad` and `values` are updated in place."""
    rows = np.flatnonzero(bad)
    cells = _without_currency(text.take(pa.array(rows))).to_pylist()
    shown = {m["sep"] or m["after_zero"] for cell in cells if (m := _DECIMAL_SHOWN.match(cell or ""))}
    read = None
    for row, cell in zip(rows, cells):
        match = _GROUPED.match(cell or "")
        if match and match["sep"] != decimal and match["mark"] in (None, decimal):
            number = match["int"].replace(match["sep"], "") + ("." + match["frac"] if match["frac"] else "")
            if match["mark"] is None and match["int"].count(match["sep"]) == 1:
                if match["sep"] in shown:
                    continue
                if prices and read is None:
                    read = values[~bad & np.isfinite(values)]
                if prices and _decimal_read(float(number), read):
                    continue
            values[row] = float(number)
            bad[row] = False


# A lone separator read as grouping makes a number 1000 times its reading as a decimal point. Where that
# reading falls among a price column's numbers (within this factor of their least and largest) and the
# grouped one over this factor squared times their largest, the separator is a decimal point: rows of
# another tool in a German archive of USD/JPY ("157.123" beside "157,12") had loaded at 157,123 yen, no
# four-decimal neighbour showing their dot (the family of _DECIMAL_SHOWN). Either reading may be, and
# neither is taken; a price past a thousand ("1.200" beside "987,50") groups still. Not for volumes,
# which do grow a thousandfold (a coin's from its first years).
_DECIMAL_READ = 10


def _decimal_read(grouped: float, read: np.ndarray) -> bool:
    """Whether a lone separator's number (`grouped`, read as grouping) is a decimal point's among the
    column's numbers as `read` (_DECIMAL_READ)."""
    if not read.size:
        return False
    low, high = float(read.min()), float(read.max())
    point = grouped / 1000
    return low / _DECIMAL_READ <= point <= high * _DECIMAL_READ and grouped > _DECIMAL_READ ** 2 * high


_GROUPED = re.compile(
    r"^(?P<int>[+-]?[1-9]\d{0,2}(?P<sep>[ ,'.\u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*)(?:(?P<mark>[.,])(?P<frac>\d+))?$")
# A number whose lone dot or comma is a decimal point, as it cannot group thousands ("1.5", "1.0856", "0.125":
# no group starts with a 0).
_DECIMAL_SHOWN = re.compile(r"^[+-]?(?:\d+(?P<sep>[.,])(?:\d{1,2}|\d{4,})|0(?P<after_zero>[.,])\d+)$")


def _strip_for_arrow(cells: pa.Array, fmt: str) -> tuple[pa.Array, str]:
    """Arrow's strptime lacks %f and %Z, and %z would shift dates to UTC: drop fractions of seconds
    and zones from values and format (the wall-clock date as written is what we keep). Under %p, a
    half of the day written with dots ("9:30 a.m.") loses them, as %p reads it (month_names.DOTTED_HALF_DAY)."""
    if "%p" in fmt:
        cells = pc.replace_substring_regex(cells, DOTTED_HALF_DAY.pattern, UNDOTTED_HALF_DAY)
    if "%f" in fmt:
        cells = pc.replace_substring_regex(cells, r"(:\d{2})[.,]\d+", r"\1")
        fmt = re.sub(r"[.,]%f", "", fmt)
    if "%z" in fmt or "%Z" in fmt:
        # At the end, or before the year of asctime's layout ("... 20:19:24 +0000 2018": Twitter's).
        cells = pc.replace_substring_regex(cells, r"\s?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)($|\s\d{4}$)", r"\1")
        fmt = re.sub(r"\s?%[zZ]", "", fmt)
    return cells, fmt


_SAYS_UTC = f"{UTC_ZONE}$"  # timestamp text that says its time is UTC's


def utc_seconds(cells: pa.Array, fmt: str) -> np.ndarray:
    """Epoch seconds (float64) of the cells in strptime format `fmt` whose text says UTC ("Z",
    "+00:00", " UTC"); NaN for any other, whose time is another zone's or none said. Of a format with
    no zone (an "_east" one: its header says UTC, detection/epoch_days.header_says_utc), every cell read."""
    trimmed = pc.utf8_trim_whitespace(cells)
    fmt = fmt.removesuffix(EAST)
    if "%z" in fmt and "%f" not in fmt:
        # Arrow reads "Z" and "+00:00" as %z itself, sparing the zone's removal (a regex over the column).
        ts = pc.strptime(trimmed, format=fmt, unit="s", error_is_null=True)
    else:
        text, afmt = _strip_for_arrow(trimmed, fmt)
        ts = pc.strptime(text, format=afmt, unit="s", error_is_null=True)
    says = _mask(pc.is_valid(ts))
    if zoned(fmt):  # else the header says UTC, of every cell
        written = _mask(pc.ends_with(trimmed, "Z"))
        if not written.all():
            written |= _mask(pc.match_substring_regex(trimmed, _SAYS_UTC))
        says &= written
    seconds = pc.cast(ts, pa.int64()).to_numpy(zero_copy_only=False).astype(np.float64)
    return np.where(says, seconds, np.nan)


def _reject_rollover(text: pa.Array, fmt: str, ts: pa.Array, ok: np.ndarray) -> np.ndarray:
    """Arrow's strptime turns 31/02 into 02/03 instead of failing. A rolled-over date lands on day
    1-3 of the next month, so only those rows are checked against the day written in the text."""
    rx = format_regex(fmt, "d", r"\s*")  # as Arrow's strptime reads a space ("21 Mar  2012")
    if rx is None:
        return ok
    day = pc.day(ts).to_numpy(zero_copy_only=False)
    suspect = np.flatnonzero(ok & (np.nan_to_num(day.astype(np.float64), nan=99) <= 3))
    if suspect.size == 0:
        return ok
    parts = pc.extract_regex(text.take(pa.array(suspect)), rx)
    # A value the regex misses has no day to compare: unproven, so not read (a struct's null
    # does not reach its fields).
    written = pc.if_else(pc.is_valid(parts), parts.field("d"), pa.scalar(None, pa.string()))
    written = pc.cast(written, pa.int64()).to_numpy(zero_copy_only=False)
    ok = ok.copy()
    ok[suspect] = np.nan_to_num(written.astype(np.float64), nan=-1) == day[suspect]
    return ok


def _days_from_timestamps(ts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    ok = _mask(pc.is_valid(ts))
    years = pc.year(ts).to_numpy(zero_copy_only=False)
    years = np.where(ok, np.nan_to_num(years.astype(np.float64), nan=0), 0)
    ok &= (years >= _MIN_YEAR) & (years <= _MAX_YEAR)
    days = pc.cast(pc.cast(ts, pa.timestamp("s")), pa.date32()).cast(pa.int32())
    return days.to_numpy(zero_copy_only=False).astype(np.float64), ok


def _read(text: pa.Array, fmt: str) -> tuple[np.ndarray, np.ndarray]:
    """(days, ok) of cells in the strptime format `fmt`, month names in English."""
    text, afmt = _strip_for_arrow(text, fmt)
    ts = pc.strptime(text, format=afmt, unit="s", error_is_null=True)
    days, ok = _days_from_timestamps(ts)
    return days, _reject_rollover(text, afmt, ts, ok)


def _read_month_names(text: pa.Array, fmt: str) -> tuple[np.ndarray, np.ndarray]:
    """_read for month names of other languages (month_names.py): each distinct cell (a date
    column repeats its dates) has its name made a number in Python, the rest is read as usual."""
    enc = pc.dictionary_encode(text.fill_null("") if text.null_count else text)
    numeric = pa.array([numeric_value(v, fmt) for v in enc.dictionary.to_pylist()], type=pa.string())
    days, ok = _read(numeric, numeric_format(fmt))
    rows = enc.indices.to_numpy(zero_copy_only=False)
    return days[rows], ok[rows]


# An ISO date alone or with a time of day (and its zone): "2020-01-02", "2020-01-02 00:00:00",
# "2020-01-02T23:00:00-05:00". Not any text after a blank: "2024-01-22 - 2024-01-26" is a week's
# row, which its first day's date loaded as a day's.
_ISO_DAY = r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$"


# An ISO timestamp that says UTC at or after the UTC evening (EAST_EVENING, 11:00): possibly the
# next day's session east of UTC (detection/epoch_days.py), which a column of dates cannot tell; a
# sheet's check (restate.py) reads its cells with it too.
UTC_EVENING = r"^\s*\d{4}-\d{2}-\d{2}[ T](?:1[1-9]|2[0-3]):\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?" + UTC_ZONE + r"\s*$"
assert EAST_EVENING == 11 * 3600  # the hours UTC_EVENING names


def _utc_evening(text: pa.Array) -> np.ndarray:
    """Cells of ISO timestamps that say UTC in the evening: in a column detected as dates (its
    sample plain dates, later rows "2024-07-01T23:00:00Z"), such a row's day is the UTC day as
    written or the next (an ASX session stamped at its open), which one only a column of such
    stamps tells (east_days.py). Read as written, an ASX file's later rows loaded a day early:
    they are rejected instead, with UTC_EVENING_AMONG_DATES (utc_evenings_among_dates)."""
    return _mask(pc.match_substring_regex(text, UTC_EVENING))


def _rejects_utc_evenings(fmt: str | None) -> bool:
    """Whether parse_dates rejects UTC evening text in a column of format `fmt`: one of dates
    without a time (a zoned format's cells the east reading weighs: east_days.py)."""
    return fmt is not None and fmt not in SERIAL_FORMATS and "%H" not in fmt


# The reason of a row so rejected: "unparseable value: date" named a clean timestamp unreadable. A
# reading problem still (outside.READING_PROBLEMS: a borrowed schema that rejects it does not hold).
UTC_EVENING_AMONG_DATES = ("unparseable as a day: a UTC evening timestamp among dates, the day written or the next "
                           "(a session east of UTC stamped the evening before), which a column of dates does not tell")


def utc_evenings_among_dates(cells: pa.Array, fmt: str | None, bad: np.ndarray) -> np.ndarray:
    """Of a date column's cells that parse_dates found `bad` in format `fmt`, those it rejected as
    UTC evening text (_utc_evening); looked at only where some are bad."""
    out = np.zeros(len(bad), dtype=bool)
    if not bad.any() or not _rejects_utc_evenings(fmt) or pa.types.is_date32(cells.type):
        return out
    at = np.flatnonzero(bad)
    out[at] = _utc_evening(pc.utf8_trim_whitespace(cells.take(pa.array(at))))
    return out


def parse_dates(cells: pa.Array, fmt: str | None, decimal: str = ".", thousands: str | None = None,
                swapped: bool = False) -> Parsed:
    """Days since 1970-01-01 (as float64, NaN where unparseable) for a column in format `fmt`:
    a strptime format or one of SERIAL_FORMATS. Timestamp text that may be stamped east of UTC (a
    strptime format ending "_east": detection/epoch_days.py) reads as written here, its UTC days;
    normalise.py weighs its other reading (east_days.east_readings). `swapped`: the ISO dates beside
    the format's read with day and month swapped (a column's `swapped_cells`: detection/swapped_cells.py)."""
    n = len(cells)
    if fmt and fmt.endswith(EAST) and fmt not in SERIAL_FORMATS:
        fmt = fmt.removesuffix(EAST)
    if pa.types.is_date32(cells.type):  # converted by the CSV reader (ISO dates)
        missing = _mask(pc.is_null(cells))
        days = cells.cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.float64)
        ok = ~missing & (days >= _MIN_DAY) & (days <= _MAX_DAY)
        return Parsed(np.where(ok, days, np.nan), missing, ~missing & ~ok)
    if fmt in SERIAL_FORMATS:
        nums = parse_numbers(cells, decimal, thousands)
        scale, of_1970, least, shift = SERIAL_FORMATS[fmt]
        days = np.floor((nums.values + shift) / scale) - of_1970
        # A serial below the system's first day, or anything outside the year range, is damage.
        ok = (days >= _MIN_DAY) & (days <= _MAX_DAY) & (nums.values >= least)
        bad = nums.bad | (~nums.missing & ~ok)
        return Parsed(np.where(ok, days, np.nan), nums.missing, bad)
    if fmt == "%Y-%m-%d":
        try:
            days = pc.cast(cells, pa.date32()).cast(pa.int32()).to_numpy(zero_copy_only=False).astype(np.float64)
            if ((days >= _MIN_DAY) & (days <= _MAX_DAY)).all():
                return Parsed(days, np.zeros(n, bool), np.zeros(n, bool))
        except pa.ArrowInvalid:
            pass
    trimmed = pc.utf8_trim_whitespace(cells)
    missing = missing_mask(trimmed)
    days = np.full(n, np.nan)
    ok = np.zeros(n, dtype=bool)
    if fmt:
        d, ok = (_read_month_names if TAG in fmt else _read)(trimmed, fmt)
        days[ok] = d[ok]
    retry = ~ok & ~missing
    if retry.any() and (other := other_separator_cells(trimmed.take(pa.array(np.flatnonzero(retry))), fmt,
                                                       days[ok])):
        # "16-12-2025" in a column of "9/12/2025": a spreadsheet restyled the dates it could read.
        rows, cells = other
        idx = np.flatnonzero(retry)[rows]
        d, ok2 = _read(cells, fmt)
        days[idx[ok2]] = d[ok2]
        ok[idx[ok2]] = True
        retry[idx[ok2]] = False
    if retry.any() and fmt and TAG not in fmt and ("%b" in fmt or "%B" in fmt):
        # Detected from a sample of English names ("Jan", "Feb"), a file may name later months in
        # its own language ("Mär", "Okt"): read those as the table's names.
        idx = np.flatnonzero(retry)
        d, ok2 = _read_month_names(trimmed.take(pa.array(idx)), fmt)
        days[idx[ok2]] = d[ok2]
        ok[idx[ok2]] = True
        retry[idx[ok2]] = False
    if retry.any():
        # ISO dates cannot be misread, so a file that mixes them in still parses; in a column of
        # ISO dates too, its cells written with a time ("2020-01-02 00:00:00" where a sheet's cell
        # held a datetime), which the format alone rejects.
        idx = np.flatnonzero(retry)
        sub = pc.utf8_slice_codeunits(trimmed.take(pa.array(idx)), 0, 10)
        if swapped:  # "2023-05-03" is 5 March typed day first (detection/swapped_cells.py)
            sub = pc.binary_join_element_wise(*(pc.utf8_slice_codeunits(sub, i, j) for i, j in _SWAPPED_PARTS), "")
        ts = pc.strptime(sub, format="%Y-%m-%d", unit="s", error_is_null=True)
        d, ok2 = _days_from_timestamps(ts)
        iso = _mask(pc.match_substring_regex(trimmed.take(pa.array(idx)), _ISO_DAY))
        if _rejects_utc_evenings(fmt):
            iso &= ~_utc_evening(trimmed.take(pa.array(idx)))
        ok2 = _reject_rollover(sub, "%Y-%m-%d", ts, ok2 & iso)
        days[idx[ok2]] = d[ok2]
        ok[idx[ok2]] = True
    return Parsed(days, missing, ~ok & ~missing)


_SWAPPED_PARTS = ((0, 5), (8, 10), (7, 8), (5, 7))  # "YYYY-MM-DD" -> "YYYY-" "DD" "-" "MM"


_NULL_TOKENS = pa.array(sorted(NULL_TOKENS), pa.string())
# The null tokens a ticker column may hold for a missing ticker: all but the words that exchanges
# list as symbols (NA: Nano Labs on Nasdaq; NAN: a Nuveen fund on NYSE) or plausibly could (NONE,
# NIL, which no exporter writes for a null: the csv module and pandas write None as empty). NULL,
# SQL's word, is what SQL Server Management Studio's "Save Results As" writes for one, and no
# exchange lists it; "\N" is the dumps' marker (null_marker.py), "#N/A" a failed lookup in a sheet. Loaded,
# each made a ticker of rows that belong to no known one, unseen; missing, the row is rejected
# with its reason as an empty ticker cell is, whether or not the file's other columns use the token.
# Upper-cased, as a ticker column is read (parse_strings' `nulls`).
TICKER_NULLS = pa.array(sorted(t.upper() for t in NULL_TOKENS - {"na", "nan", "none", "nil"}), pa.string())


@dataclass
class Strings:
    """Text cells as codes into a small table of distinct cleaned values: tickers and sectors
    repeat, so cleaning the distinct values (and building their Python strings once) is cheap."""

    codes: np.ndarray  # int64 index into `words`, one per cell
    words: np.ndarray  # object array of distinct cleaned strings
    missing: np.ndarray  # bool per cell: empty after trimming

    def at(self, rows: np.ndarray) -> np.ndarray:
        return self.words[self.codes[rows]]


def _has_controls(strings: pa.Array) -> bool:
    """Whether a control character may be among `strings`: a look at their bytes at once (a regex
    over thousands of tickers had cost a clean daily file ~5% of its normalisation). UTF-8 writes
    them as themselves, and no byte of a longer character is below 0x80."""
    data = strings.buffers()[2]
    if data is None:
        return False
    raw = np.frombuffer(data, dtype=np.uint8)
    return bool((raw < 0x20).any() or (raw == 0x7F).any())


def parse_strings(cells: pa.Array, upper: bool = False, nulls_as: str | None = None,
                  nulls: pa.Array | None = None) -> Strings:
    """Trimmed (optionally upper-cased) strings of one line; with `nulls_as`, null tokens ("N/A"...)
    and empty cells read as that value instead of being missing; `nulls`: cleaned values (upper-cased
    with `upper`) that are missing, as an empty cell is."""
    # Cleaned in Arrow, a distinct value at a time: a file's thousand tickers cost ~2x as much
    # as Python strings sorted by numpy.
    enc = pc.dictionary_encode(cells)
    distinct = enc.dictionary
    if _has_controls(distinct):
        # A control character (a tab or line break inside a quoted cell, a dump's escaped one) is a
        # space: a ticker or sector is a label of one line, and stored, shown and exported as one.
        distinct = pc.replace_substring_regex(distinct, r"[\x00-\x1f\x7f]", " ")
    distinct = pc.utf8_trim_whitespace(distinct)
    # Excel's mark of a cell kept as text ("'600000": NetEase's code column, lest Excel drop its
    # zeros) is no part of the value: the ticker had been loaded as "'600000". Not a quote closed
    # at the end ("'AAPL'"): a single-quoted cell, which the dialect left as it is.
    distinct = pc.replace_substring_regex(distinct, r"^'([^'\s](?:.*[^'])?)$", r"\1")
    if upper:
        distinct = pc.utf8_upper(distinct)
    if nulls_as is not None:
        distinct = pc.if_else(pc.is_in(pc.utf8_lower(distinct), value_set=_NULL_TOKENS), nulls_as, distinct)
    if nulls is not None:
        null = pc.is_in(distinct, value_set=nulls)
        if pc.any(null).as_py():  # rebuilt only where one is: a clean file's thousands of tickers are not
            distinct = pc.if_else(null, "", distinct)
    # Distinct raw values can clean to the same word ("aapl ", "AAPL"): merge their codes.
    clean = pc.dictionary_encode(distinct)
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    if len(clean.dictionary) < len(distinct):  # else each cleaned word is its own: the codes stand
        codes = clean.indices.to_numpy(zero_copy_only=False).astype(np.int64)[codes]
    empty = np.asarray(pc.equal(clean.dictionary, ""), dtype=bool)
    return Strings(codes, np.asarray(clean.dictionary.to_pylist(), dtype=object),
                   empty[codes] if empty.any() else np.zeros(codes.size, dtype=bool))
