"""Turn one file's bytes and its FileSchema into canonical price rows, accounting for every line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.canonical import DIGIT_CLOCK, DIGIT_CLOCK_FORMATS, digit_clock, names_time_of_day
from backintime_assets.detection.comma_groups import COMMA_GROUPED, DOT_GROUPED
from backintime_assets.detection.date_system import DAY_MONTH, EPOCH_EAST_UNITS, EPOCH_UNITS
from backintime_assets.detection.dates import GUESSED_ORDER_CERTAINTY
from backintime_assets.detection.eastern_digits import has_eastern_digits, may_hold_eastern_digits
from backintime_assets.detection.multipliers import unsized_unit
from backintime_assets.detection.nameless import nameless_problem, names_nothing, sheet_names_ticker
from backintime_assets.detection.refusals import judged
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.filename import base_name
from backintime_assets.detection.split_date import joined_sheet
from backintime_assets.detection.tenors import bare_tenors, rate_named, tenor_ticker
from backintime_assets.detection.xlsx import MARKUP_FORMATS, WORKBOOK_FORMATS, read_sheets, unreadable
from backintime_assets.trading_week import MON_FRI, TradingWeek

from .east_days import WholeFile, east_readings, session_days
from .file_ticker import STOOQ_TICKER_COLUMN, default_ticker_for, stooq_american, stooq_polish
from .lines import FileLines, LineIndex, to_utf8
from .nul import set_aside_nul_lines, shown
from .outside import strays
from .parse import (TICKER_NULLS, UNDECIDED_MARK, UTC_EVENING_AMONG_DATES, WRITTEN_OTHERWISE, Parsed, Strings,
                    another_locales_decimals, decimal_cells, parse_dates, parse_grouped_whole, parse_numbers,
                    parse_strings, scaled, units_written, utc_evenings_among_dates, whole_only_reason)
from .rewrites import next_rewrite
from .records import Line, Records, csv_line, reread_columns, split_fast, split_sheets, split_slow
from .shifted_rows import short_fields, shifted_rows, spilled_rows, widened_rows
from .unmapped import field_past_the_header, head_cells, why_unmapped
from .repeated_header import (
    PART_STARTS,
    header_like,
    name_repeated_headers,
    under_reordered_header,
)
from .stacked_tables import header_ticker_holds, stacked_tables, tickers_of_rows
from .string_runs import strings_at
from .result import PRICES_ARROW_SCHEMA, NormalisedFile, empty_prices, lines_frame
from .aggregates import check_aggregate_rows, check_labelled_sums
from .day_snapshot import check_day_snapshot
from .carried_on import carries_on
from .currency_mix import other_currency_rows
from .cut_end import cut_last_rows
from .label_columns import label_columns, told_apart
from .other_series import other_series_rows
from .rounded_bounds import snapped_bounds
from .rules import (
    PRICE_FIELDS, Reasons, Repeats, accepted_repeats, check_duplicates, check_intraday, check_prices,
    check_subtotal_rows, check_trade_days, check_two_digit_future, check_unnamed_behind_values, check_unnamed_series,
    series_reason,
)
from .sheets import (
    OTHER_SHEET, SheetPlan, as_written, plan_sheets, sheet_header_tickers, sheet_place, sheet_starts, sheet_tickers,
)
from .unread_formulas import unread_formula_lines
from .unread_lines import DETECTION_FAILED, unread_text_lines
from .unit_slips import unit_slips
from .unrecorded_volume import unrecorded_zeros

_NUMERIC_FIELDS = (*PRICE_FIELDS, "volume")
# No market trades 9.2e18 of anything (the int64 bound the volume had until session 22): a cell
# that large is no volume (an id, a misread number), refused as unparseable as it always was.
_MAX_VOLUME = 2.0**63
_EPOCH = dt.date(1970, 1, 1)
_BLANK = b" \t\r\n"
_WIDE_BLANK = _BLANK + b"\x00"  # a UTF-16/32 blank line ("\n\0", "\n\0\0\0")



def _blank(data: bytes, encoding: str) -> bool:
    """Whether `data` holds nothing but line breaks and spaces. In an 8-bit or UTF-8 file a NUL is
    no blank: it is damage, lost rows to report (nul.py), and a piece of a large file
    (ingestion/parsed.py) may hold nothing else: a zero-filled block, lines of one NUL each."""
    blank = _WIDE_BLANK if encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32")) else _BLANK
    return not data[:4096].strip(blank) and not data.strip(blank)


def _outside_lines(first: int, stop: int, total: int, schema: FileSchema, text, base: int = 0) -> list[Line]:
    """Lines before the data region (preamble, header block) and after it (footer); line i is
    base + i + 1 (a workbook's later sheets: detection/xlsx.py)."""
    out: list[Line] = []
    for i in list(range(0, first)) + list(range(stop, total)):
        raw = text(i)
        if not raw.strip():
            kind = "blank"
        elif i >= stop:
            kind = "footer"
        elif schema.header_row >= 0 and i >= schema.header_row:
            kind = "header"
        else:
            kind = "preamble"
        out.append((base + i + 1, raw, kind))
    return out


def time_named(schema: FileSchema) -> list[int]:
    """The columns whose names name a time of day ("Time", "Uhrzeit")."""
    return [j for j, c in enumerate(schema.columns) if names_time_of_day(c.name)]


def _time_column(schema: FileSchema, cmap: dict[str, int], timed: list[int] | None = None) -> int | None:
    """An unmapped column beside the date that names a time of day ("Time", "Uhrzeit"); in a file
    without a header, the text column right after the date, which _moments takes for the time when
    its values read as times of day (TickData, MetaTrader 4: "01/02/2024,09:31,..."): unnamed, a
    day's minute bars were conflicting duplicates of its first one, and that one loaded as the day's.
    `timed`: time_named(schema), found once for a file of many tickers side by side, whose maps
    each ask (a name test per column per ticker made 3000 tickers' file take minutes)."""
    if "date" not in cmap:
        return None
    mapped = set(cmap.values())
    named = next((j for j in (time_named(schema) if timed is None else timed) if j not in mapped), None)
    if named is not None or schema.header_row >= 0:
        return named
    j = cmap["date"] + 1
    # An integer column too: Finam's headerless export writes the time as digits ("100500", 10:05).
    return j if j < len(schema.columns) and j not in mapped and schema.columns[j].type in ("string", "integer") \
        else None


# A clock's time as written: "09:31", "9:31:00.250". In digits ("093000", "0930") where detection read
# the column so (canonical.digit_clock, carried as the column's format); a schema stored before it
# carried its answer is asked the same question, of the file's first rows as detection's sample is.
# Two tests of one question had disagreed (a daily file's codes beside the date read as times by one).
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
_DIGIT_CLOCK_FORMATS = frozenset(DIGIT_CLOCK_FORMATS.values())
_DIGIT_CLOCK_ROWS = 2000  # the first rows asked (detection's sample of a workbook: detect.XLSX_HEAD_ROWS)


def _clock_times(column: pa.Array) -> bool:
    """Whether every filled cell of a column reads as a time of day ("09:31", "9:31:00.250"), and
    one does. An empty cell is no evidence against: one bar without its time had left the file's
    bars unread as bars, the day's first loaded as its price."""
    times = pc.match_substring_regex(column, rf"^\s*{_CLOCK}\s*$")
    if not pc.any(times).as_py():
        return False  # (most such columns: a currency, an exchange; the blanks need no second look)
    if pc.all(times).as_py():
        return True
    return bool(pc.all(pc.or_(times, pc.match_substring_regex(column, r"^\s*$"))).as_py())


def _timed(schema: FileSchema, cmap: dict[str, int], time: int, cols: dict[int, pa.Array]) -> bool:
    """Whether a headerless file's column beside the date holds its rows' times: written as a clock's,
    or in digits where detection says so (its format) or, of a schema that does not say, where
    canonical.digit_clock finds them in the first rows."""
    column = cols[time]
    if schema.columns[time].format in _DIGIT_CLOCK_FORMATS or _clock_times(column):
        return True
    if schema.columns[time].type not in ("integer", "string") or not pc.any(
            pc.match_substring_regex(column.slice(0, _DIGIT_CLOCK_ROWS), rf"^\s*{DIGIT_CLOCK}\s*$")).as_py():
        return False  # (most such columns: a currency, an exchange, a count)
    keys = ["ticker", "date"] if "ticker" in cmap and cmap["ticker"] in cols else ["date"]
    head = [[v or "" for v in cols[cmap[k]].slice(0, _DIGIT_CLOCK_ROWS).to_pylist()] for k in keys]
    head.append([v or "" for v in column.slice(0, _DIGIT_CLOCK_ROWS).to_pylist()])
    return digit_clock(len(keys), [*keys, None], list(zip(*head))) is not None


def read_columns(schema: FileSchema, cmap: dict[str, int], timed: list[int] | None = None) -> list[int]:
    """The file columns a reading needs: the mapped ones, and a time-of-day column (intraday bars)."""
    time = _time_column(schema, cmap, timed)
    spill = _spill_column(schema, cmap)
    return sorted(set(cmap.values()) | ({time} if time is not None else set()) | ({spill} if spill else set()))


def _spill_column(schema: FileSchema, cmap: dict[str, int]) -> int | None:
    """The field past the header's names (field_past_the_header), unmapped, after a number column mapped:
    where an unquoted comma cut a number in two, its tail (shifted_rows.spilled_rows)."""
    last = len(schema.columns) - 1
    if last < 1 or not field_past_the_header(schema) or last in cmap.values():
        return None
    return last if any(cmap.get(c) == last - 1 for c in _NUMERIC_FIELDS) else None


def _moments(cols: dict[int, pa.Array], schema: FileSchema, cmap: dict[str, int], timed: list[int] | None = None
             ) -> tuple[Callable[[np.ndarray], np.ndarray], int, str, Callable[[np.ndarray], np.ndarray] | None,
                        Callable[[np.ndarray], np.ndarray]] | None:
    """(codes of the time of day of given rows, the distinct times a ticker's date needs to be bars,
    their source, codes of rows' time of day alike across dates or None, the millisecond of the day of
    given rows (-1 for none): rules.check_intraday) from a time column, or from the date column's own
    time: None when the file has neither. A date with a
    time shows two rows a day at two times (a correction) as often as bars: three. The codes are worked
    out only for the rows asked for (those sharing a ticker and day, in most files none): encoding a
    whole column of timestamps cost 15% of reading such a file."""
    time = _time_column(schema, cmap, timed)
    if time is not None and time in cols and (schema.header_row >= 0 or _timed(schema, cmap, time, cols)):
        column, least, source = cols[time], 2, f"column {schema.columns[time].name!r}"
        width = {"%H%M": 4, "%H%M%S": 6}.get(schema.columns[time].format or "")
        return ((lambda rows: parse_strings(column.take(pa.array(rows))).codes), least, source, None,
                lambda rows: _column_times_of_day(column.take(pa.array(rows)), width))
    elif (clock := _date_clock(cols, schema, cmap)) is not None:
        # A date column's text may write a time where its format has none ("2024-01-08 10:00" among plain
        # dates, read by its day): the same, its times weighed against the file's own (rules.check_intraday);
        # there by the time it writes, not the cell (a date written two ways is no two times).
        column, least, source = cols[cmap["date"]], 3, "the date's time of day"
        if schema.columns[cmap["date"]].type != "timestamp":
            return clock, least, source, clock, clock
    else:
        return None
    return (lambda rows: parse_strings(column.take(pa.array(rows))).codes), least, source, clock, clock


def _labels(rec: Records, reread: Callable[[list[int]], Records] | None, schema: FileSchema, cmap: dict[str, int],
            days: np.ndarray, timed: list[int] | None, tickers: Strings | None
            ) -> Callable[[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]], np.ndarray] | None:
    """rules.check_unnamed_series' `labels`: the clashing dates whose rows the file's text columns
    name apart, or None for a file with a ticker (a column, or a sheet's) or without such columns.
    The columns are read only then, from the file's lines again (`reread`), matched to `rec` by line:
    read with every file's mapped ones, two text columns had made a file without a ticker about an
    eighth slower to read (200,000 rows), for a rule that most files never reach."""
    if tickers is not None or reread is None:
        return None
    js = label_columns(schema, cmap, _time_column(schema, cmap, timed))
    if not js:
        return None

    def apart(rows: np.ndarray, key: np.ndarray, clash: np.ndarray, prices: list[np.ndarray]) -> np.ndarray:
        return told_apart(list(_reread_columns(rec, reread, js).values()), days, rows, key, clash, prices)
    return apart


def _reread_columns(rec: Records, reread: Callable[..., Records], js: list[int],
                    rows: np.ndarray | None = None) -> dict[int, pa.Array]:
    """Columns `js` read again from the file's lines, a cell for each of `rec`'s records, or of its
    records `rows` alone, read from their lines alone (null where a record's line is not among those
    read)."""
    lines = rec.line if rows is None else rec.line[rows]
    more = reread(js) if rows is None else reread(js, lines)
    at = np.minimum(np.searchsorted(more.line, lines), max(len(more.line) - 1, 0))
    same = more.line[at] == lines if len(more.line) else np.zeros(len(lines), dtype=bool)
    return {j: pc.if_else(pa.array(same), more.columns[j].take(pa.array(at)), pa.nulls(len(at), pa.string()))
            for j in js if j in more.columns}


def _check_other_series(reasons: Reasons, repeats: Repeats, tickers: np.ndarray, rec: Records,
                        reread: Callable[[list[int]], Records] | None, schema: FileSchema, cmap: dict[str, int],
                        timed: list[int] | None, files: FileLines | None, prices: list[np.ndarray]) -> None:
    """other_series.py's rule, for a file with a ticker column and text columns unmapped beside it; read
    again only for a file whose tickers' dates repeat (few do). `prices`: every row's prices and volume."""
    if reread is None or "ticker" not in cmap:
        return
    mapped, time = set(cmap.values()), _time_column(schema, cmap, timed)
    js = [j for j, c in enumerate(schema.columns) if c.type == "string" and j not in mapped and j != time]
    if not js:
        return
    rows, key = repeats
    still = reasons.ok[rows]
    rows, key = rows[still], key[still]
    if not _written_apart(rec, reread, js, rows, key):
        return
    columns = _reread_columns(rec, reread, js)
    found = other_series_rows([(schema.columns[j].name, columns[j]) for j in js if j in columns], tickers,
                              rows, key, None if files is None else files.file_of(rec.line), reasons.ok,
                              np.column_stack([p[rows] for p in prices]))
    if found is not None:
        reasons.set_rows(*found)


def _written_apart(rec: Records, reread: Callable[..., Records], js: list[int], rows: np.ndarray,
                   key: np.ndarray) -> bool:
    """Whether one of the text columns `js` writes two values on the rows of one of the repeated dates
    (`rows`, their `key`), read from those rows' lines alone: most repeats are a row written twice or
    corrected, alike in every text column, and reading each column of the whole file for them had made
    such a file of 200,000 rows about a quarter slower to read. A record over several lines (or a
    workbook's row) is no line alone: the whole read tells."""
    if rows.size < 2 or rec.raw is not None or any(int(n) in rec.spanned for n in rec.line[rows]):
        return rows.size >= 2
    for cells in _reread_columns(rec, reread, js, rows).values():
        trimmed = pc.utf8_trim_whitespace(pc.cast(cells, pa.string()))
        if trimmed.null_count:
            return True  # a row its line alone did not read: the whole read tells
        written = pc.not_equal(trimmed, "").to_numpy(zero_copy_only=False)
        pairs = pd.DataFrame({"key": key[written], "cell": trimmed.filter(pa.array(written)).to_numpy(
            zero_copy_only=False)}).drop_duplicates()
        if pairs["key"].duplicated().any():
            return True
    return False


def _date_clock(cols: dict[int, pa.Array], schema: FileSchema, cmap: dict[str, int],
                moved: np.ndarray | None = None, midnight: np.ndarray | None = None
                ) -> Callable[[np.ndarray], np.ndarray] | None:
    """The millisecond of the day given rows' dates write (-1 for none), where the date column may
    write a time (text, or epochs): _moments' clock too, asked whether or not a date repeats. A row
    `moved` to the next day's session (east_days.py) stamped at 23:00 UTC is at that day's midnight:
    London's in summer time. Read at 23:00, a London file in UTC ending on its first summer row
    ("2024-03-31T23:00:00Z", read as Monday 1 April) had that close refused as a price taken
    within its day. Moved at another time (a coin's Sunday 20:30 snapshot read as Monday), a row
    keeps the time it writes. `midnight`: of a workbook, its rows whose date is a date cell at midnight
    (Records.midnight_days); those reading as their date alone are stamped at midnight, and a text
    cell reading so is a CSV's: no stamp."""
    if "date" not in cmap or cmap["date"] not in cols:
        return None
    column, col = cols[cmap["date"]], schema.columns[cmap["date"]]
    if col.type != "timestamp" and not _written_text(column):
        return None
    unit = {**EPOCH_UNITS, **EPOCH_EAST_UNITS}.get(col.format or "")
    sheet_cells = schema.file_format in SHEET_CELL_FORMATS and unit is None

    def clock(rows: np.ndarray) -> np.ndarray:
        cells = column.take(pa.array(rows))
        ms = _times_of_day(cells) if unit is None else _epoch_times_of_day(cells, unit)
        if sheet_cells:  # a workbook's date cell at midnight reads as its date alone (xlsx.cell_text)
            day = _sheet_days(cells) if midnight is None else _sheet_days(cells) & midnight[rows]
            ms = np.where((ms < 0) & day, 0, ms)
        return ms if moved is None else np.where(moved[rows] & (ms == _SUMMER_MIDNIGHT_MS), 0, ms)
    return clock


# Workbooks whose cells hold typed values: a date cell is a moment, one at midnight read as its date
# alone ("2017-12-04", xlsx.cell_text). A CoinDesk export saved as .xlsx stamps its days at midnight
# and its last row at the export's moment (day_snapshot.py); read as plain dates with one time, its
# 14:52 snapshot loaded as the day's close, silently, where the CSV's "00:00" rows refuse it. Pages'
# tables (html, xmlss) are text as written, left as a CSV's.
SHEET_CELL_FORMATS = WORKBOOK_FORMATS - MARKUP_FORMATS
_SHEET_DAY = r"^\d{4}-\d{2}-\d{2}$"
_NO_LINES = np.empty(0, dtype=np.int64)


def _sheet_days(cells: pa.Array) -> np.ndarray:
    """Which `cells` read as xlsx.cell_text writes a date cell at midnight: the ISO date alone."""
    return pc.fill_null(pc.match_substring_regex(cells, _SHEET_DAY), False).to_numpy(zero_copy_only=False)


# Midnight of a zone on UTC in winter (London, Lisbon, Dublin) once summer time moves it an hour.
_SUMMER_MIDNIGHT_MS = 23 * 3_600_000


def _written_text(column: pa.Array) -> bool:
    return pa.types.is_string(column.type) or pa.types.is_large_string(column.type)


# A time of day as a cell writes it after its date: "16:00", "9:31:00.250", "4:00 PM"; its parts.
_TIME_OF_DAY = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?(?:\s*(?P<ap>[AaPp])\.?[Mm]\.?)?"
_DAY_MS = 86_400_000


def _times_of_day(cells: pa.Array) -> np.ndarray:
    """The millisecond of the day each of `cells` writes, -1 for none: alike across dates, and
    ordered, so that rules._clockless tells times an hour apart (a UTC close over summer time's
    change) from times all over the day (a thin market's hourly bars)."""
    found = pc.extract_regex(cells, _TIME_OF_DAY)
    if isinstance(found, pa.ChunkedArray):
        found = found.combine_chunks()

    def part(i: int) -> np.ndarray:
        text = pc.fill_null(pc.struct_field(found, [i]), "")
        if i == 3:  # a second's fraction: its first three digits are the milliseconds
            text = pc.utf8_rpad(pc.utf8_slice_codeunits(text, 0, 3), 3, "0")
        return pc.if_else(pc.equal(text, ""), "0", text).cast(pa.int64()).to_numpy(zero_copy_only=False)

    hour, ampm = part(0), pc.utf8_lower(pc.fill_null(pc.struct_field(found, [4]), "")).to_numpy(zero_copy_only=False)
    hour = np.where(ampm == "p", hour % 12 + 12, np.where(ampm == "a", hour % 12, hour))
    ms = ((hour * 60 + part(1)) * 60 + part(2)) * 1000 + part(3)
    return np.where(found.is_valid().to_numpy(zero_copy_only=False), ms, -1).astype(np.int64)


def _column_times_of_day(cells: pa.Array, width: int | None) -> np.ndarray:
    """_times_of_day of a time column's cells, those written in digits too: "0930", "093000" (a clock's
    digits, DIGIT_CLOCK), or where detection read the column so (`width`: 4 or 6), "93000" too."""
    ms = _times_of_day(cells)
    unknown = np.flatnonzero(ms < 0)
    if not unknown.size:
        return ms
    text = pc.utf8_trim_whitespace(pc.cast(cells, pa.string())).to_numpy(zero_copy_only=False)
    for i in unknown:
        digits = text[i]
        if not isinstance(digits, str) or not digits.isdigit():
            continue
        if width is not None and width - 1 <= len(digits) <= width:
            digits = digits.zfill(width)
        elif not re.fullmatch(DIGIT_CLOCK, digits):
            continue
        second = int(digits[4:6]) if len(digits) == 6 else 0
        ms[i] = ((int(digits[:2]) * 60 + int(digits[2:4])) * 60 + second) * 1000
    return ms


def _epoch_times_of_day(cells: pa.Array, unit: int) -> np.ndarray:
    """The millisecond of the day of epoch stamps (`unit`s a second), -1 for none, as _times_of_day's:
    a stamp writes no time as text, and _times_of_day had given every one the same code, so that a
    ticker's stamps at a different hour each day (a thin market's hourly bars, a bar or two a day)
    showed one clock."""
    values = parse_numbers(cells).values
    ms = np.floor(values * (1000 // unit) if unit <= 1000 else values / (unit // 1000)) % _DAY_MS
    return np.where(np.isnan(ms), -1, ms).astype(np.int64)


def _typed_columns(schema: FileSchema, cmap: dict[str, int]) -> dict[int, pa.DataType]:
    """Columns pyarrow can convert while reading with our semantics: plain numbers (no digit
    grouping; pyarrow knows the decimal mark) and ISO dates. The rest is read as text. Not the numbers
    of a file whose marks detection never saw (decimal_unseen): pyarrow would read "71.500" past the
    sample as 71.5, where parse_numbers reads neither it nor 71500. Nor a column that rejects its numbers
    written with a decimal mark (ColumnSchema.whole_only): typed, '150,35' is a float whose text, cast
    back, writes a point, and '1.501E4' one that writes none."""
    typed: dict[int, pa.DataType] = {}
    if schema.thousands is None and not schema.decimal_unseen:
        for name in _NUMERIC_FIELDS:
            if name in cmap and not schema.columns[cmap[name]].whole_only:
                typed[cmap[name]] = pa.float64()
    if "date" in cmap and schema.columns[cmap["date"]].format == "%Y-%m-%d":
        typed[cmap["date"]] = pa.date32()
    # One bad cell makes the typed read fail and costs a second read: only try it when every
    # sampled cell of those columns was clean.
    if any(schema.columns[j].confidence < 0.999 or schema.columns[j].format not in (None, "%Y-%m-%d") for j in typed):
        return {}
    return typed


def _set_aside(parsed: Parsed, cells: np.ndarray) -> np.ndarray | None:
    """Of the `cells` (a mask), those `parsed` read, made bad in it: numbers a carried correction reads
    otherwise than the user saw (FileSchema.ungrouped, ColumnSchema.whole_only), their rows rejected with
    the caller's reason, not loaded. None where it read none of them."""
    read = cells & ~parsed.bad & ~parsed.missing
    if not read.any():
        return None
    parsed.bad = parsed.bad | read
    parsed.values = np.where(read, np.nan, parsed.values)
    return read


def _guessed_order(column) -> str | None:
    """"month first" or "day first" where a date column's order is the separator's guess (dates.py:
    GUESSED_ORDER_CERTAINTY): a row it dates on a weekend is the likeliest sign the guess was wrong."""
    found = DAY_MONTH.match(column.format or "") if column is not None else None
    if found is None or found.group(1) == found.group(3) or column.confidence > GUESSED_ORDER_CERTAINTY:
        return None
    return "day first" if found.group(1) == "%d" else "month first"


def _region(schema: FileSchema, total: int) -> tuple[int, int]:
    first = min(max(schema.data_start_line, 0), total)
    stop = max(first, total - max(schema.footer_lines, 0))
    return first, stop


def _the_day(schema: FileSchema, n: int) -> Parsed:
    """Every row's date in a day's list of tickers without a date column: the one its title or name
    gives (detection/day_date.py), as days since 1970-01-01 like a parsed date column."""
    day = (dt.date.fromisoformat(schema.day) - _EPOCH).days
    return Parsed(np.full(n, day, np.float64), np.zeros(n, bool), np.zeros(n, bool))


def _rate_of(numbers: str, source_file: str, default_ticker: str | None, schema: FileSchema) -> str:
    """The name a rate's tenors ("1M", "3 Mo": a term table's series, a long table's tickers) load under,
    "EURIBOR" of "EURIBOR 1M": the rate its column of numbers or the file's name names (tenors.rate_named),
    else the file's ticker. Bare, one file's 1M and another's were one series; named at detection, a file
    that borrowed another's schema (ingestion/shared_layouts.py) had taken that file's rate."""
    return rate_named(numbers, base_name(source_file)) or default_ticker \
        or _file_ticker(source_file, schema)


def _file_ticker(source_file: str, schema: FileSchema) -> str:
    """The ticker a file's rows load under where nothing in it names one: its name (file_ticker.py), read
    as a stooq.pl download's where its header is one."""
    return default_ticker_for(source_file, schema.data_until, stooq_polish(c.name for c in schema.columns))


def _renamed(strings: Strings, rename) -> Strings:
    """`strings` with each distinct word renamed, words renamed alike merged into one code."""
    words, codes = np.unique(np.array([rename(w) for w in strings.words], dtype=object), return_inverse=True)
    return Strings(codes.reshape(-1)[strings.codes], words, strings.missing)


def _reject_all(rec: Records, raw_of, reason: str) -> list[Line]:
    return [(int(n), raw_of(k), reason) for k, n in enumerate(rec.line)]


def normalise_bytes(data: bytes, schema: FileSchema, source_file: str,
                    default_ticker: str | None = None, week: TradingWeek = MON_FRI,
                    whole: WholeFile | None = None) -> NormalisedFile:
    """Canonical prices of one file. Never raises: a file that cannot be read gives zero rows and
    `file_problem`. Without a ticker column every row gets `default_ticker` (default: the file stem).
    `week`: the days that hold trade dates (the deployment's BACKINTIME_TRADING_WEEK, passed in by
    the caller so that a Spark executor reads by the driver's setting); a row dated on another is rejected.
    `whole`: of a piece of a large file (ingestion/parsed.py), its "_east" epochs' readings decided
    over the whole file (normalisation/east_days.py), or their gathering."""
    try:
        return _digits_as_written(_normalise(data, schema, source_file, default_ticker, week, whole), data, schema)
    except Exception as exc:  # a Spark task must not die on one odd file; the reason is kept
        return NormalisedFile(empty_prices(), lines_frame(source_file, []), 0,
                              file_problem=f"internal error: {type(exc).__name__}: {exc}")


def _digits_as_written(out: NormalisedFile, data: bytes, schema: FileSchema) -> NormalisedFile:
    """`out` with the raw text of its rejected and non-data lines as the file writes them, where
    the reading wrote its Arabic-Indic digits in ASCII (eastern_digits.py): rejected_rows shows a
    file's own line, "٢٠٢٤/٠١/١٤" as it stands, not "2024/01/14". The digits change no line break,
    so each line is where it was."""
    if (not (out.rejected_arrow.num_rows or out.non_data_arrow.num_rows) or schema.file_format in WORKBOOK_FORMATS
            or schema.encoding in ("binary", "") or not may_hold_eastern_digits(data, schema.encoding)):
        return out
    written = to_utf8(data, schema.encoding, digits=False)
    if not has_eastern_digits(written):  # a UTF-16 file in Arabic script, its digits ASCII
        return out
    index = LineIndex(written)
    out.rejected_arrow = _as_written(out.rejected_arrow, index)
    out.non_data_arrow = _as_written(out.non_data_arrow, index)
    return out


def _normalise(data: bytes, schema: FileSchema, source_file: str, default_ticker: str | None,
               week: TradingWeek = MON_FRI, whole: WholeFile | None = None) -> NormalisedFile:
    def nothing(problem: str, non_data: list[Line] | None = None, total: int = 0) -> NormalisedFile:
        return NormalisedFile(empty_prices(), lines_frame(source_file, []), 0, problem,
                              lines_frame(source_file, non_data or []), total)

    if not data or _blank(data, schema.encoding):
        return nothing("empty file")
    if schema.encoding != "binary" and (schema.problem or "").startswith(DETECTION_FAILED) \
            and (unread := unread_text_lines(data, f"file problem: {schema.problem}")) is not None:
        # Detection failed on a text file (a detector's fault): its lines rejected with why (unread_lines.py).
        rejected, total = unread
        return NormalisedFile(empty_prices(), lines_frame(source_file, rejected), len(rejected), schema.problem,
                              lines_frame(source_file, []), total)
    if schema.encoding == "binary" or (schema.problem or "").startswith(("binary", "unreadable")):
        return nothing(schema.problem or "binary content")
    if (step := next_rewrite(schema)) is not None:  # unwrapped, unforced, gaps as tabs (rewrites.py)
        rewrite, rewritten = step
        return _rewritten(data, rewrite, rewritten, source_file, default_ticker, week, whole)
    width = len(schema.columns)
    if width == 0:
        return nothing(schema.problem or "no table found")
    cmap = schema.canonical_map()
    series = schema.series_maps()  # several tickers side by side: a map per ticker
    maps = [m for _, m, _ in series] or [cmap]
    timed = time_named(schema)
    needed = sorted({j for m in maps for j in read_columns(schema, m, timed)})

    plans: list[SheetPlan] = []
    others: list[Line] = []  # lines of a workbook's sheets not read as data
    labels: dict[int, str] = {}
    if schema.file_format in WORKBOOK_FORMATS:
        try:
            sheets = read_sheets(data)
            if schema.split_date:  # a date in three columns, joined as detection read it (split_date.py)
                sheets = [joined_sheet(sheet, schema.split_date) for sheet in sheets]
            plans = plan_sheets(sheets, schema, source_file, week)
        except Exception as exc:  # corrupt archive, or no reader for the format
            return nothing(unreadable(exc, data))
        rec, outside, others, labels, total = _workbook(plans, width, needed)
        if schema.file_format == "xlsx":
            outside, others = _unread_formulas(data, plans, rec, outside, others)
        index = None
    else:
        buf = to_utf8(data, schema.encoding)
        index = LineIndex(buf)
        total = index.count
        first, stop = _region(schema, total)
        outside = _outside_lines(first, stop, total, schema, index.text)
        typed = {j: t for m in maps for j, t in _typed_columns(schema, m).items()}
        rec = split_fast(index, first, stop, schema, needed, typed)
        if rec is None:
            rec = split_slow(index, first, stop, schema, needed)
        rec, outside = set_aside_nul_lines(rec, index, outside, stop)
    reader = rec.reader

    def raw_of(k: int) -> str:
        return rec.raw_text(k, index)

    # The data lines' region, bound now: `first` names the first table's ticker further down.
    region = (first, stop) if index is not None else None

    def reread(js: list[int], lines: np.ndarray | None = None, since: int | None = None) -> Records:
        """Columns `js` of the lines `rec` was read from (label columns, wanted by a rare rule), or of
        those of them that start records on `lines` alone, or of those from the line `since` on (a
        record's first line; a workbook's are read whole)."""
        if region is None:
            return _workbook(plans, width, js)[0]
        return reread_columns(index, *region, schema, js, lines, since)

    # Of several tickers side by side, each must have its date and close.
    # A title's or name's date is one sheet's at most: a workbook of a sheet per day would load
    # every sheet's rows under it.
    sheets = sum(plan.schema is not None for plan in plans)
    if schema.day and "date" not in cmap and sheets > 1:
        schema = replace(schema, day=None, date_from=f"{schema.date_from}, but {sheets} sheets of the workbook "
                                                     "hold the table: it cannot be every sheet's date")
    own_tickers = None
    if schema.ticker and sheets > 1:
        # So is a header's ticker: each sheet's own header names its rows' (a workbook of downloads,
        # a sheet each), or, where one names none, the sheets' names or the file's (sheet_tickers).
        # A user's ticker stands in for the file's name there: sheets named as tickers keep theirs.
        own_tickers = sheet_header_tickers(plans, rec.line) if default_ticker is None else None
        if schema.ticker_from is None:
            schema = replace(schema, ticker=None)
    missing_cols = ([f"{c} ({label})" for label, m, _ in series for c in ("date", "close") if c not in m] if series
                    else [c for c in ("date", "close") if c not in cmap and not (c == "date" and schema.day)])
    stray = strays(outside, schema, lambda text, as_rows: _normalise(text, as_rows, source_file, default_ticker,
                                                                                 week))
    if stray:
        strayed = {line for line, _, _ in stray}
        outside = [line for line in outside if line[0] not in strayed]
    if labels:  # after the stray check, which reads the raw text as cells
        outside, stray = _labelled(outside, labels), _labelled(stray, labels)
    non_data = outside + rec.non_data + others
    # Each line of several tickers side by side is a row per ticker: a line rejected before its
    # cells are read (a wrong field count, a stray) is rejected once for each, naming it.
    wide = [series_ticker(label) for label, _, _ in series]
    if bare_tenors(wide):
        rate = _rate_of("", source_file, default_ticker, schema)
        wide = [tenor_ticker(rate, label) for label in wide]
    per_line = _for_each(wide, rec.rejected + stray)
    rows_read = len(rec.line) * max(len(wide), 1) + len(per_line)
    if len(rec.line) + len(rec.rejected) == 0:  # no data rows in the table
        return NormalisedFile(empty_prices(), lines_frame(source_file, per_line), rows_read,
                              schema.problem or "no data rows", lines_frame(source_file, non_data), total, reader)
    # A table that is not one of prices (several tickers' side by side, a broker's trades): no row loads.
    refused = judged(schema.problem)
    if missing_cols or refused:
        problem = schema.problem if refused else \
            "no " + " or ".join(missing_cols) + " column" + why_unmapped(
                schema, missing_cols, lambda j: head_cells(schema, raw_of, len(rec.line), j))
        rejected = per_line + _for_each(wide, _reject_all(rec, raw_of, f"file problem: {problem}"))
        return NormalisedFile(empty_prices(), lines_frame(source_file, rejected), rows_read, problem,
                              lines_frame(source_file, non_data), total, reader)
    if wide:
        prices, rejected = _side_by_side(rec, schema, series, wide, source_file, raw_of, rec.rejected + stray,
                                         None if index is not None else plans, timed, week, whole)
        return NormalisedFile(prices, lines_frame(source_file, rejected), rows_read, None,
                              lines_frame(source_file, non_data), total, reader)

    tickers = None
    if len(plans) > 1 and "ticker" not in cmap and "date" in cmap and default_ticker is None:
        date_col = schema.columns[cmap["date"]]
        days = parse_dates(rec.columns[cmap["date"]], date_col.format, schema.decimal, schema.thousands,
                           date_col.swapped_cells is not None).values
        closes = parse_numbers(rec.columns[cmap["close"]], schema.decimal, schema.thousands,
                               unseen=schema.decimal_unseen).values \
            if "close" in cmap else None
        tickers = own_tickers or sheet_tickers(plans, rec.line, days, closes)
    if plans and tickers is None and schema.ticker is None and "ticker" not in cmap and default_ticker is None \
            and sheet_names_ticker(schema.sheet or "") and (nameless := nameless_problem(source_file)):
        # A workbook detection let by for its sheet's name ("AAPL") whose sheets name no ticker after all
        # (one sheet, or sheets of no shared dates named as periods: sheets.sheet_tickers): its rows would
        # load under the file's name, a site's for every download ("export.xlsx": EXPORT), refused as
        # detection refuses it.
        rejected = per_line + _reject_all(rec, raw_of, f"file problem: {nameless}")
        return NormalisedFile(empty_prices(), lines_frame(source_file, rejected), rows_read, nameless,
                              lines_frame(source_file, non_data), total, reader)
    # An unterminated last line cut inside its last value (cut_end.py): rejected before its values are read.
    cut = [] if index is None or not index.count or index.buf.endswith((b"\n", b"\r")) else \
        cut_last_rows(rec, schema, cmap, [(index.count, np.arange(len(rec.line)))], raw_of, reread)
    refused: list[tuple[np.ndarray, str]] = list(cut)

    def judged_by(named: Strings | None) -> tuple[pa.Table, list[Line]]:
        if whole is not None:
            whole.judged_again()  # the rows read as the last judgment reads them
        prices, reasons = _canonical(rec, schema, cmap, source_file, default_ticker, tickers=named, week=week,
                                     refused=refused, whole=whole, reread=reread)
        bad = np.flatnonzero(~reasons.open())
        rejected = rec.rejected + stray + [(int(rec.line[k]), raw_of(int(k)), reasons.reason[k]) for k in bad]
        return prices, name_repeated_headers(rejected, schema) if index is not None else rejected

    prices, rejected = judged_by(tickers)
    # A part of the file under the header's names in another order (repeated_header.py): its rows
    # read in the file's order loaded its volumes as closes. Judged again without them.
    reordered = _under_reordered(rejected, rec, schema, None if index is not None else plans)
    if reordered:
        refused = reordered + cut  # read by every judgment after this one too (the header's ticker below)
        prices, rejected = judged_by(tickers)
    # The first table's ticker as its header names it: the file's, or each data sheet's own.
    first = None
    if schema.ticker_from is None and default_ticker is None:
        if schema.ticker and tickers is None:
            first = series_ticker(schema.ticker)
        elif own_tickers is not None and tickers is own_tickers:
            first = own_tickers.words[own_tickers.codes]
    # A later sheet's rows are labelled with it: read as the sheet writes them (sheets.as_written).
    heads = as_written(plans, rejected) if first is not None and plans else rejected
    if first is not None and not header_ticker_holds(heads, schema):
        # Tables stacked beyond detection's sample, each under its own ticker's header: each table's
        # rows are its own header's ticker, not the first table's (stacked_tables.py); on one sheet
        # of a workbook as in a CSV. Not a user's ticker, which names every row whatever the file
        # shows, as the file's name does. Judged again by ticker: two securities' rows of one day
        # are not "several series" of one.
        tables = stacked_tables(heads, schema, rec.line)
        # Under a plain repeat of the header, which names no ticker: the file's name, as a file
        # whose header names none has; on a workbook of a download per sheet, its sheet's header's
        # (a month's export pasted below the last with its header row is still that security's).
        # Nor a name a site gives every download ("export.csv"), which names nothing: there the
        # label above the header is the file's only name for its rows, as a name is elsewhere (its
        # rows under a repeat of the header had loaded as security "EXPORT"): the table's above it,
        # as a large file read in pieces names them (ingestion/parsed.py).
        carried = isinstance(first, str) and names_nothing(source_file)
        unnamed = first if own_tickers is not None else _file_ticker(source_file, schema)
        named = tickers_of_rows(tables, rec.line, first, unnamed, series_ticker, sheet_starts(plans) if plans else None,
                                carried=carried)
        if isinstance(first, str) or not np.array_equal(named, first):
            words, codes = np.unique(named.astype(str), return_inverse=True)
            prices, rejected = judged_by(Strings(codes.astype(np.int64), words.astype(object),
                                                 np.zeros(len(codes), dtype=bool)))
    return NormalisedFile(prices, lines_frame(source_file, rejected), rows_read, None,
                          lines_frame(source_file, non_data), total, reader)


def _rewritten(data: bytes, rewrite: Callable[[bytes], bytes], schema: FileSchema, source_file: str,
               default_ticker: str | None, week: TradingWeek, whole: WholeFile | None = None) -> NormalisedFile:
    """The file read as `rewrite` gives its UTF-8 text, with `schema` (that text's). The rewrite
    keeps every line where it was, so the lines reported (rejected rows, header, notes) are given
    back as the file writes them: rejected_rows shows a file's own line."""
    text = to_utf8(data, schema.encoding)
    out = _normalise(rewrite(text), replace(schema, encoding="utf-8"), source_file, default_ticker, week, whole)
    if out.rejected_arrow.num_rows or out.non_data_arrow.num_rows:
        written = LineIndex(text)
        out.rejected_arrow = _as_written(out.rejected_arrow, written)
        out.non_data_arrow = _as_written(out.non_data_arrow, written)
    return out


def _as_written(lines: pa.Table, written: LineIndex) -> pa.Table:
    """`lines` (REJECTED_COLUMNS of the rewritten text) with each raw text the line or lines it came
    from in `written`, a record over several lines joined with "\\n" as records.py joins them; NULs
    shown as nul.py shows them."""
    if not lines.num_rows:
        return lines
    raws = []
    for n, raw in zip(lines["source_line"].to_pylist(), lines["raw"].to_pylist()):
        first = n - 1
        span = range(first, min(first + raw.count("\n") + 1, written.count))
        own = "\n".join(written.text(i) for i in span) if first < written.count else raw
        raws.append(shown(own) if "\x00" in own else own)
    return lines.set_column(lines.schema.get_field_index("raw"), "raw", pa.array(raws, pa.string()))


def _for_each(tickers: list[str], lines: list[Line]) -> list[Line]:
    """`lines` as they are, or (several tickers side by side) once for each ticker, the reason naming it."""
    if not tickers:
        return lines
    return [(n, raw, series_reason(t, why)) for t in tickers for n, raw, why in lines]


def series_ticker(label: str) -> str:
    """A ticker's label as its ticker, cleaned as a ticker column's cells are (parse_strings)."""
    return parse_strings(pa.array([label], pa.string()), upper=True).words[0]


def _side_by_side(rec: Records, schema: FileSchema, series: list[tuple[str, dict[str, int], frozenset[str]]],
                  tickers: list[str], source_file: str, raw_of: Callable[[int], str], per_line: list[Line],
                  plans: list[SheetPlan] | None, timed: list[int], week: TradingWeek,
                  whole: WholeFile | None = None) -> tuple[pa.Table, list[Line]]:
    """(prices, rejected rows) of the records of a table of several tickers side by side, read once
    per ticker with its own columns and the shared ones, as a file of that ticker would be. A
    ticker's row whose own cells are all empty (listed later than the others) is an empty row.
    `per_line`: the lines rejected before their cells were read, rejected once for each ticker.
    `plans`: a workbook's sheets (None for a text file)."""
    n = len(rec.line)
    carried = None  # whether the rows on either side of a line run on, as first read (carried_on.py)

    def read(refused: list[tuple[np.ndarray, str]]) -> tuple[list[pa.Table], list[list[Line]], list[Line]]:
        nonlocal carried
        if whole is not None:
            whole.judged_again()  # read again without a reordered part: each ticker's rows counted once
        prices, theirs = [], []
        for ticker, (_, cmap, own) in zip(tickers, series):
            named = Strings(np.zeros(n, np.int64), np.array([ticker], dtype=object), np.zeros(n, dtype=bool))
            table, reasons = _canonical(rec, schema, cmap, source_file, None, tickers=named, own=own, timed=timed,
                                        week=week, refused=refused, whole=whole)
            bad = np.flatnonzero(~reasons.open())
            theirs.append(per_line + [(int(rec.line[k]), raw_of(int(k)), reasons.reason[k]) for k in bad])
            prices.append(table)
        every = [line for mine in theirs for line in mine]
        if carried is None:  # read again without a part's rows, a line over them still judged by them
            carried = carries_on(pa.concat_tables(prices))
        # In one call: each call reads the header's names again, a cost per ticker of the file's width.
        if plans is None:
            every = name_repeated_headers(every, schema, carried)
        return prices, theirs, every

    prices, theirs, every = read([])
    # A part under the fields' names in another order ("Date,Volume,Close,Volume,Close" below the
    # labels): read in the file's order, each ticker's volumes loaded as its closes; or under labels
    # naming the tickers in another order (",MSFT,MSFT,AAPL,AAPL"), each's prices loaded as the
    # other's. Read again without its rows, as a file of one ticker is (repeated_header.py).
    # A workbook's as well (its rows' lines named as the sheets write them).
    if refused := _under_reordered(every, rec, schema, plans, carried):
        prices, theirs, every = read(refused)
    counts = np.cumsum([0] + [len(mine) for mine in theirs]).tolist()
    rejected = [line for k, ticker in enumerate(tickers)
                for line in _for_each([ticker], every[counts[k]:counts[k + 1]])]
    return pa.concat_tables(prices), rejected


def _under_reordered(rejected: list[Line], rec: Records, schema: FileSchema, plans: list[SheetPlan] | None,
                     carried: Callable[[int], bool | None] | None = None) -> list[tuple[np.ndarray, str]]:
    """(mask of `rec`'s rows, reason) of the parts under a header naming the columns in another order
    (repeated_header.py). A text file's `rejected` lines are named already; a workbook's (`plans`)
    are not (a later sheet's are labelled with it): looked at as the sheets write them, and a part
    ends with its sheet."""
    if plans is None:
        return under_reordered_header(rejected, rec.line, schema=schema)
    heads = name_repeated_headers(as_written(plans, header_like(rejected, schema)), schema, carried)
    refused = under_reordered_header(heads, rec.line, sheet_starts(plans), sheet_place(plans), schema)
    if refused:  # the header in another order named as a CSV's is, not left "unparseable value: date, ..."
        refused += [(np.isin(rec.line, at), kind) for kind in PART_STARTS
                    if (at := [line for line, _, why in heads if why == kind])]
    return refused


def _workbook(plans: list[SheetPlan], width: int, needed: list[int]
              ) -> tuple[Records, list[Line], list[Line], dict[int, str], int]:
    """(records of the data sheets with the rows refused on other sheets, the data sheets' lines
    outside their tables, the other sheets' non-data lines, the labels of the outside lines not on
    the first sheet by line, the rows of all sheets): see sheets.py."""
    regions, outside, refused, others, labels, total = [], [], [], [], {}, 0
    for plan in plans:
        rows, base = plan.sheet.rows, plan.base
        total += len(rows)
        if plan.schema is not None:
            first, stop = _region(plan.schema, len(rows))
            lines = _outside_lines(first, stop, len(rows), plan.schema, lambda i, rows=rows: csv_line(rows[i]), base)
            if plan.sheet.index:
                labels.update((line, plan.label(line - base)) for line, raw, _ in lines if raw.strip())
            outside += lines
            regions.append((rows, first, stop, base, plan.label if plan.sheet.index else None, plan.cells))
            continue
        own = plan.own
        start = min(max(own.data_start_line, 0), len(rows)) if plan.reason else len(rows)
        for i, row in enumerate(rows):
            raw = csv_line(row)
            if not raw.strip():
                others.append((base + i + 1, raw, "blank"))
            elif i >= start:
                refused.append((base + i + 1, plan.label(i + 1) + raw, plan.reason))
            else:
                kind = OTHER_SHEET if not plan.reason else "header" if 0 <= own.header_row <= i else "preamble"
                others.append((base + i + 1, plan.label(i + 1) + raw, kind))
    rec = split_sheets(regions, width, needed, refused)
    rec.midnight_days = _midnight_lines(plans)
    return rec, outside, others, labels, total


def _midnight_lines(plans: list[SheetPlan]) -> dict[int, np.ndarray]:
    """Records.midnight_days of the data sheets: by column, the lines of their date cells at midnight."""
    found: dict[int, list[np.ndarray]] = {}
    for plan in plans:
        if plan.schema is not None:
            for j, rows in plan.sheet.midnight_days.items():
                found.setdefault(j, []).append(plan.base + 1 + rows.astype(np.int64))
    return {j: np.concatenate(lines) for j, lines in found.items()}


def _unread_formulas(data: bytes, plans: list[SheetPlan], rec: Records, outside: list[Line], others: list[Line]
                     ) -> tuple[list[Line], list[Line]]:
    """(outside, others) with the rows of formulas alone of the data sheets (unread_formulas.py) taken out
    of the blank lines they read as, each rejected in `rec` where a price of it is lost, else a non-data
    line among `others`."""
    lost, kept = unread_formula_lines(data, plans)
    if not (lost or kept):
        return outside, others
    lines = {line for line, _, _ in lost + kept}
    rec.non_data = [line for line in rec.non_data if line[0] not in lines]
    rec.rejected = rec.rejected + lost
    return [line for line in outside if line[0] not in lines], others + kept


def _name_units(reasons: Reasons, cells: pa.Array) -> None:
    """A volume unparseable for a unit written beside its number ("1.5 L", "1.5 BTC", "3.2만") named with
    it: "unparseable value: volume" alone left a reader to find the word in the row."""
    rows = np.flatnonzero(reasons.reason == "unparseable value: volume")
    if rows.size == 0 or not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)):
        return
    units = units_written(cells.take(pa.array(rows)))
    named = [k for k, unit in enumerate(units) if unit]
    if named:
        reasons.set_rows(rows[named], np.array([f"unparseable value: volume (in a unit not read: '{units[k]}')"
                                                for k in named], dtype=object))


def _labelled(lines: list[Line], labels: dict[int, str]) -> list[Line]:
    return [(line, labels.get(line, "") + raw, why) for line, raw, why in lines]


def _decode(strings: Strings, rows: np.ndarray | slice) -> pa.Array:
    """The cleaned strings at `rows`, taken from the small table of distinct words."""
    return pa.array(strings.words, pa.string()).take(pa.array(strings.codes[rows]))


def _canonical(rec: Records, schema: FileSchema, cmap: dict[str, int], source_file: str,
               default_ticker: str | None, files: FileLines | None = None,
               tickers: Strings | None = None, own: frozenset[str] | None = None,
               timed: list[int] | None = None, week: TradingWeek = MON_FRI,
               refused: list[tuple[np.ndarray, str]] | None = None,
               whole: WholeFile | None = None,
               reread: Callable[[list[int]], Records] | None = None) -> tuple[pa.Table, Reasons]:
    """(accepted rows as a PRICES_ARROW_SCHEMA table, reasons for every record).
    `files`: when the records come from several files read as one (see group.py), which file and
    line each record is, so repeats are looked for within a file and rows name their own file.
    `tickers`: each record's ticker when the file has no ticker column (a workbook's sheet names).
    `own`: of one ticker among several side by side, its own canonical columns, whose cells all
    empty make an empty row (the shared date is filled on every line). `refused`: (mask, reason) of
    rows not to be read as the schema reads them (repeated_header.under_reordered_header). `whole`: see
    normalise_bytes. `reread`: the records of other columns of the same lines, for a rule that needs
    them on a rare file (_labels)."""
    n = len(rec.line)
    cols = rec.columns
    reasons = Reasons(n)
    date_col = schema.columns[cmap["date"]] if "date" in cmap else None
    date = parse_dates(cols[cmap["date"]], date_col.format, schema.decimal, schema.thousands,
                       date_col.swapped_cells is not None) if date_col \
        else _the_day(schema, n)

    if "ticker" in cmap:
        ticker = parse_strings(cols[cmap["ticker"]], upper=True, nulls=TICKER_NULLS)
        if schema.columns[cmap["ticker"]].name.strip().upper() == STOOQ_TICKER_COLUMN:
            ticker = _renamed(ticker, stooq_american)
        elif "close" in cmap and bare_tenors(ticker.words):
            rate = _rate_of(schema.columns[cmap["close"]].name, source_file, default_ticker, schema)
            ticker = _renamed(ticker, lambda w: tenor_ticker(rate, w) if w else w)
    elif tickers is not None:
        ticker = tickers
    else:
        # The ticker the header names (detection/header_ticker.py), cleaned as a label's is.
        name = default_ticker or (series_ticker(schema.ticker) if schema.ticker
                                  else _file_ticker(source_file, schema))
        ticker = Strings(np.zeros(n, np.int64), np.array([name], dtype=object), np.zeros(n, dtype=bool))
    ticker_missing = ticker.missing
    # A ticker's rows within one file: the unit the rules on repeats and stamps judge.
    file_of_row = None if files is None else files.file_of(rec.line)
    if files is None:
        repeat_keys, lines = ticker.codes, rec.line
    else:
        repeat_keys = ticker.codes * files.count + file_of_row
        lines = files.line_in_file(rec.line)
    # Stamps that may be the next day's sessions (detection/epoch_days.py): which they are is the
    # week's call, made here per ticker where the week is known, not stored with the detection.
    readings = east_readings(cols[cmap["date"]], date_col.format, date, schema.decimal, schema.thousands) \
        if date_col is not None else None
    moved = None  # rows read as the next day's session: stamped the evening before it (_date_clock)
    if readings is not None:
        east, utc, seconds = readings
        date = session_days(east, utc, repeat_keys, week, seconds, file_of_row, whole, ticker.words)
        moved = np.isfinite(date.values) & np.isfinite(utc.values) & (date.values != utc.values)
        if whole is not None and whole.gathering and whole.evidence_alone:
            # A large file's first read, for its tickers' evidence alone (ingestion/parsed.py): the
            # rows are read by the second, so nothing more is made of them here.
            return empty_prices(), reasons
    num: dict[str, Parsed] = {}
    otherwise: dict[str, np.ndarray] = {}  # numbers another locale's marks wrote (FileSchema.ungrouped)
    # multiplier -> numbers of another unit, with a decimal mark where it was said of whole ones (whole_only)
    unit_otherwise: dict[float, dict[str, np.ndarray]] = {}
    for name in _NUMERIC_FIELDS:
        if name in cmap:
            if schema.columns[cmap[name]].format == COMMA_GROUPED:  # whole numbers, commas grouping them
                num[name] = parse_grouped_whole(cols[cmap[name]])
            elif schema.columns[cmap[name]].format == DOT_GROUPED:  # whole numbers, dots grouping them
                num[name] = parse_numbers(cols[cmap[name]], ",", ".", suffixes=name == "volume")
            else:
                num[name] = parse_numbers(cols[cmap[name]], schema.decimal, schema.thousands, suffixes=name == "volume",
                                          dots_written=schema.columns[cmap[name]].type == "string",
                                          unseen=schema.decimal_unseen)
                if schema.ungrouped and schema.columns[cmap[name]].name in schema.ungrouped:
                    grouped = _set_aside(num[name], another_locales_decimals(cols[cmap[name]], schema.decimal,
                                                                             schema.thousands))
                    if grouped is not None:
                        otherwise[name] = grouped
            multiplier = schema.columns[cmap[name]].multiplier
            if multiplier is not None and schema.columns[cmap[name]].whole_only:
                # Not a volume's '1.5M': read by its own scale, not the multiplier (below).
                own_scale = num[name].suffixed if num[name].suffixed is not None else False
                marked = _set_aside(num[name], decimal_cells(cols[cmap[name]], schema.decimal) & ~own_scale)
                if marked is not None:
                    unit_otherwise.setdefault(multiplier, {})[name] = marked
            if multiplier is not None:  # "Volume ('000)": the quantities, not the numbers written
                read = scaled(num[name].values, multiplier)
                if num[name].suffixed is not None:  # "12.3K" under "Vol (K)": the cell's own scale, once
                    read = np.where(num[name].suffixed, num[name].values, read)
                num[name].values = read
            elif unsized_unit(schema.columns[cmap[name]].unit):
                # "成交量(手)": lots of a size the file does not say (100 shares in Shanghai, one
                # contract in futures), loaded as shares a hundredfold wrong: no volume, until a user
                # sets the multiplier (detect shows the unit). A bad cell is still rejected as one.
                num[name].values = np.full(n, np.nan)
    if "sector" in cmap:
        sector = parse_strings(cols[cmap["sector"]], nulls_as="UNKNOWN")
    else:
        sector = Strings(np.zeros(n, np.int64), np.array(["UNKNOWN"], dtype=object), np.zeros(n, dtype=bool))

    # The day a title or name gives is on every row, blank ones too: they are blank by their cells.
    blank = (date.missing if date_col is not None else True) & np.logical_and.reduce(
        [p.missing for p in num.values()] or [True])
    if own is not None:
        blank = np.logical_and.reduce([date.missing if c == "date" else num[c].missing for c in own if c in num
                                       or c == "date"] or [blank])
    if "ticker" in cmap:
        blank &= ticker_missing
    reasons.set(blank, "empty row")
    for mask, reason in refused or ():  # before any value is judged: they are not the columns read
        reasons.set(mask, reason)
    if "ticker" in cmap:  # a subtotal's row, named as such: before its values, often partly blank, are judged
        check_subtotal_rows(reasons, ticker.words, ticker.codes)
    if date_col is not None:  # a timestamp that reads, but not as one day: named so, not "unparseable"
        reasons.set(utc_evenings_among_dates(cols[cmap["date"]], date_col.format, date.bad), UTC_EVENING_AMONG_DATES)
    reasons.set_per_column(WRITTEN_OTHERWISE, otherwise)
    for multiplier, marked in unit_otherwise.items():
        reasons.set_per_column(whole_only_reason(multiplier), marked)
    undecided = {c: p.undecided for c, p in num.items() if p.undecided is not None}
    if undecided:  # named so, not "unparseable value": the number reads, twice, 1000x apart
        reasons.set_per_column(UNDECIDED_MARK, undecided)
    unparseable = {"date": date.bad, **{c: p.bad for c, p in num.items()}}
    if "volume" in num:
        unparseable["volume"] = num["volume"].bad | (np.abs(np.nan_to_num(num["volume"].values)) >= _MAX_VOLUME)
    reasons.set_per_column("unparseable value", unparseable)
    if "volume" in num and num["volume"].bad.any():
        _name_units(reasons, cols[cmap["volume"]])
    required = {"date": date.missing, "ticker": ticker_missing}
    for c in ("open", "high", "low", "close"):
        if c in num:
            required[c] = num[c].missing
    reasons.set_per_column("missing value", required)
    marked = [cols[cmap[c]] for c in PRICE_FIELDS if c in cmap and schema.columns[cmap[c]].format == "currency"]
    for mask, why in other_currency_rows(marked, repeat_keys) if marked else ():
        reasons.set(mask, why)
    if rec.short:  # rows read padded: one a field lost in the middle reads a column off (shifted_rows.py)
        rows, why = shifted_rows(short_fields(rec.line, rec.short), num, cmap, reasons.open(), len(schema.columns))
        if rows.size:
            reasons.set_rows(rows, why)
    spill = _spill_column(schema, cmap)
    if spill is not None and spill in cols:  # a number an unquoted comma cut, its tail past the header
        field = next(c for c in _NUMERIC_FIELDS if cmap.get(c) == spill - 1)
        rows, why = spilled_rows(num[field], cols[spill], schema.columns[spill - 1].name, reasons.open(),
                                 len(schema.columns), file_of_row, num["close"].values if "close" in num else None)
        if rows.size:
            reasons.set_rows(rows, why)
    if rec.wide:  # rows read with a blank surplus cut: one a stray delimiter split reads a column off
        rows, why = widened_rows(short_fields(rec.line, rec.wide), num, reasons.open(), len(schema.columns))
        if rows.size:
            reasons.set_rows(rows, why)

    close = num["close"].values
    values = {c: (num[c].values if c in num else close) for c in PRICE_FIELDS}
    # A file with open and close but no high or low: the filled ones bound the two it has, so that
    # the sanity checks between them hold (filled from close alone, every row whose open differed
    # from its close failed "high < max(open, close)" or "low > min(open, close)").
    if "open" in num:
        if "high" not in num:
            values["high"] = np.fmax(values["open"], close)
        if "low" not in num:
            values["low"] = np.fmin(values["open"], close)
    if "adj_close" in num:
        values["adj_close"] = np.where(num["adj_close"].missing, close, values["adj_close"])
    # A high or low the file rounded inside the open or close is that price (rounded_bounds): before
    # check_prices, which compares exactly, as the lake's blocking check does.
    values["high"], values["low"] = snapped_bounds(values["open"], values["high"], values["low"], close)
    # A volume the file does not give (no column, a blank or "n/a" cell) is NaN here and NULL in
    # the lake: loaded as 0 it said "nothing traded" where nothing is known, and a filter on
    # liquidity (volume > 0) dropped close-only sources (FRED, fund NAVs) as untraded. A written 0
    # stays 0. Bad cells (unparseable, too large, infinite) are rejected above.
    volume = num["volume"].values if "volume" in num else np.full(n, np.nan)
    if "volume" in num:  # a 0 on every row of a file: not recorded (MetaTrader's forex <VOL>), as a blank
        written = ~(num["volume"].missing | num["volume"].bad)
        volume = np.where(unrecorded_zeros(volume, written, file_of_row), np.nan, volume)
    unjudged = reasons.ok.copy()
    check_prices(reasons, values, volume, tuple(c for c in PRICE_FIELDS if c in num))
    # Rows rejected for their values still held their date: a file of several stocks without a
    # ticker, all but one's rows rejected so, is still several (rules.check_unnamed_behind_values).
    valued = unjudged & ~reasons.ok
    # As written, fractions too (a coin's 0.0213 had been rounded to 0; rows too large are rejected
    # above). Adding 0.0 makes a "-0" written 0, as the rounding to int64 had.
    volume = volume + 0.0

    days = np.nan_to_num(date.values, nan=0.0).astype(np.int64)
    if date_col is not None:  # before the weekday: 2067's Sunday is no reason a Thai 2024's row fails
        check_two_digit_future(reasons, days, date_col.format, (dt.date.today() - dt.date(1970, 1, 1)).days)
    check_trade_days(reasons, days, week, _guessed_order(date_col), file_of_row)
    midnight = None  # a workbook's rows whose date is a date cell at midnight (Records.midnight_days)
    if rec.midnight_days is not None and "date" in cmap:
        midnight = np.isin(rec.line, rec.midnight_days.get(cmap["date"], _NO_LINES))
    # An export's own moment (day_snapshot.py).
    if (clock := _date_clock(cols, schema, cmap, moved, midnight)) is not None:
        check_day_snapshot(reasons, repeat_keys, days, clock)
    if "ticker" in cmap:  # "Subtotal Energy" whose close adds up the rows above: no share (aggregates.py)
        check_labelled_sums(reasons, ticker.words, ticker.codes,
                            days if files is None else days * files.count + files.file_of(rec.line),
                            {"close": close, "volume": volume})
    # Per day of each file: a group of files read together (group.py) sums each file's own rows.
    check_aggregate_rows(reasons, days if files is None else days * files.count + files.file_of(rec.line), volume,
                         ticker.codes)
    # One sort tells whether any ticker's date repeats (most files': none); intraday bars need it to.
    repeats = accepted_repeats(reasons, repeat_keys, days)
    moments = _moments(cols, schema, cmap, timed) if repeats is not None else None
    if moments is not None:
        codes, least, source, clock, times = moments
        reason = f"intraday bar: this ticker's date at several times of day ({source}); prices holds one row a day"
        check_intraday(reasons, repeat_keys, days, codes, least, reason, clock, found=repeats,
                       files=1 if files is None else files.count, day_ms=times)
    if repeats is not None:
        _check_other_series(reasons, repeats, repeat_keys, rec, reread, schema, cmap, timed, files,
                            [*values.values(), volume])
        check_unnamed_series(reasons, repeat_keys, days, {**values, "volume": volume},
                             named="ticker" in cmap or tickers is not None, found=repeats,
                             files=1 if files is None else files.count,
                             labels=_labels(rec, reread, schema, cmap, days, timed, tickers))
    if "ticker" not in cmap and tickers is None and valued.any():
        check_unnamed_behind_values(reasons, repeat_keys, days, values, valued,
                                    found=repeats)
    if repeats is not None:
        check_duplicates(reasons, repeat_keys, days, {**values, "volume": volume, "sector": sector.codes}, lines,
                         found=repeats)
    # Last: a ticker's rows as they will load, one a day, in each file (unit_slips.py).
    slipped, why = unit_slips(repeat_keys, days, values, volume, reasons.ok)
    if slipped.size:
        reasons.set_rows(slipped, why)
    # Every row kept (a clean file's): the columns as they are, where a take of each copied every row.
    keep = slice(None) if reasons.ok.all() else np.flatnonzero(reasons.ok)
    kept_lines = rec.line[keep] if isinstance(keep, np.ndarray) else rec.line  # file_of knows rec.line
    table = pa.Table.from_arrays([
        pa.array(days[keep].astype(np.int32), pa.date32()),
        _decode(ticker, keep),
        _decode(sector, keep),
        *[pa.array(values[c][keep], pa.float64()) for c in PRICE_FIELDS],
        pa.array(volume[keep], pa.float64(), from_pandas=True),  # NaN -> NULL: no volume given
        pa.array(np.broadcast_to(source_file, kept_lines.size).astype(object), pa.string()) if files is None
        else strings_at(files.names, files.file_of(kept_lines)),
        pa.array(lines[keep].astype(np.int64, copy=False), pa.int64()),
    ], schema=PRICES_ARROW_SCHEMA)
    return table, reasons
