"""A file cut inside its last line: the row whose last value the cut shortened.

A file copied from a shared drive and cut short ends inside a line, with no line break after it. A cut
that leaves too few fields is rejected for its field count (records.py); one inside the last field
leaves a row of the right width whose last value is a prefix of the written one: "...,20.60,48" of a
volume of 48000, "2025-03-07,12" of a close of 121.75. Read as it stands it loaded 48 and 12.

Many hand-made files simply lack a final line break, so that alone rejects nothing. The last row is
rejected only where its last cell shows the cut against the same column's other rows:
- it ends in the decimal mark ("121."), or a quoted field is left open ('"12');
- it has fewer decimals than the column has on every other row, all written with as many (closes
  always "121.75"; a column whose decimals vary, trailing zeros dropped or floats written short, may
  end in "121.5" or "121");
- a price that is a whole number with fewer digits than every other row's, all of them >= 5x it
  ("1777" under 17,650 .. 17,740); a volume two digits short or more whose missing digits put back
  land among the other rows' volumes, all of one scale ("48" -> 48,000 .. 48,999 among 47,100 ..
  51,200); within one ticker's rows where a ticker column names them;
- it lacks the unit letter every other row writes ("1.2" under "1.5M"), or is empty where every
  other row fills it (cut just past the delimiter);
- a date shorter than every other row's ("2025-03-1" of "2025-03-12").
A last value written like its column's (same decimals, same scale) loads: a varying column ("121.5",
"121.75", "122") gives no evidence of a cut, nor does a file of fewer than MIN_OTHERS other rows.
The judgments of cells are pure; cut_last_rows finds the last row and its column's cells as written
in a file's records (normalise.py, or several files read as one: group.py)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.comma_groups import COMMA_GROUPED, DOT_GROUPED
from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.schema import FileSchema

from .rules import PRICE_FIELDS

if TYPE_CHECKING:
    from .records import Records

TRUNCATED = ("truncated: the file ends inside this line, no line break after it; its last value may be cut"
             " ({why})")
MIN_OTHERS = 3  # other rows the column must have for its writing to be evidence (two are a sketch)
MIN_COUNTS = 4  # other volumes for their scale to be evidence: three steady days can be chance
RECENT_COUNTS = 20  # the volumes written just before the last: a file of years spans decades of them
# The rows before the last that are read as evidence: a column's writing over the last few years of days
# (a cut shows against its neighbours, and a longer file's rows cost time to read one by one, not evidence).
NEAR_ROWS = 1000
MOST_ZERO_SHARE = 4  # zero volumes on more than 1 in 4 of the recent days: a stock that seldom trades
MOST_FIXED_DECIMALS = 8  # a column of more decimals on every row: floats written in full, not a price format


def open_quote(raw: str, delimiter: str, quotechar: str | None) -> bool:
    """Whether the line ends inside a quoted field opened at a field's start ('...,"12'): a doubled
    quote inside one toggles twice and keeps it open; a quote inside an unquoted field ('5"') opens none."""
    if not quotechar:
        return False
    inside = False
    field_start = True
    i = 0
    while i < len(raw):
        ch = raw[i]
        if inside:
            if ch == quotechar:
                if raw[i + 1:i + 2] == quotechar:
                    i += 1
                else:
                    inside = False
        elif ch == quotechar and field_start:
            inside = True
        field_start = ch == delimiter or (field_start and ch == " " and not inside)
        i += 1
    return inside


def blanks_after_value(written: str, others: Sequence[str], thousands: str | None) -> bool:
    """Whether the last field as written (`written`, quotes read) is a value followed by blanks (spaces,
    tabs): a cut ends where the bytes stop, so blanks after a value were written after it, and the
    value is whole ("...,48  " is a volume of 48). Not where blanks can be inside a value, so that a
    cut can end in one: the column's other cells hold a blank between characters ("48 000", "1.5 M",
    "12 Mar 2025", "2025-03-12 16:00"), or the file groups thousands by a blank; nor an empty cell
    (a cut inside the blanks before a value padded to the right: ",   48000"); nor where the other
    cells write a unit after the number ("1.5M", "51K", "121.50USD"): "1.2 " can be "1.2 M" cut
    after its blank, and read as it stands loaded 1.2 for 1.2 million."""
    value = written.rstrip(" \t")
    if value == written or not value.strip():
        return False
    if thousands is not None and not thousands.strip():
        return False
    inner = re.compile(r"\S\s+\S")
    return not inner.search(value) and not any(inner.search(c) or _UNIT_AFTER.search(c) for c in others)


# A cell ending in text after its number ("1.5M", "51K", "121.50USD", "5%"), a closing quote and blanks aside.
_UNIT_AFTER = re.compile(r"\d[^\d\s\"']+[\"']?\s*$")


def _number(decimal: str | None, thousands: str | None) -> re.Pattern:
    """(leading text, whole digits with their grouping, decimal mark, decimals, trailing text)."""
    group = re.escape(thousands) if thousands and thousands != decimal else None
    whole = rf"\d(?:\d|{group}(?=\d))*" if group else r"\d+"
    mark = rf"({re.escape(decimal)})(\d*)" if decimal else "()()"
    return re.compile(rf"([^\d]*?)({whole})(?:{mark})?([^\d]*)")


def _read(cell: str, pattern: re.Pattern, thousands: str | None) -> tuple[str, int, bool, int, str] | None:
    """(leading text, whole digits, decimal mark written, decimals, trailing text) of a number cell."""
    m = pattern.fullmatch(cell.strip().strip('"').strip())
    if m is None:
        return None
    lead, whole, mark, decimals, trail = m.groups()
    digits = whole.replace(thousands, "") if thousands else whole
    return lead, int(digits), bool(mark), len(decimals or ""), trail.strip()


def _digits(n: int) -> int:
    return len(str(n))


def decimals_vary(cells: Sequence[str], decimal: str | None, thousands: str | None) -> bool:
    """Whether the number cells are written with more than one count of decimals ("122.4" among
    "121.75"): a writer that drops trailing zeros (a spreadsheet's General format, Python's repr)."""
    pattern = _number(decimal, thousands)
    return len({r[3] for r in (_read(c, pattern, thousands) for c in cells if c.strip()) if r is not None}) > 1


def cut_number(last: str, others: Sequence[str], same_ticker: Sequence[str] | None,
               decimal: str | None, thousands: str | None, volume: bool = False,
               drops_zeros: bool | Callable[[], bool] = False) -> str | None:
    """Why the number cell `last` looks cut, given the column's `others` (every other row's cells) and
    `same_ticker` (those of the last row's ticker, where a column names them; None: all are). None if
    it is written as its column is. A cut of one digit leaves a tenth or so: a price under a fifth of
    every other row's is one (a price seldom falls so far in one file); a `volume`, which a quiet day
    can leave at any fraction, only as _cut_count says. `drops_zeros`: the row's other price
    columns vary in decimals, so the writer drops trailing zeros and this column's fixed decimals on
    the other rows are chance ("121.5" among "121.25", "122.75" is 121.50 written short); asked, where
    a callable, only of a last value with fewer decimals than the column's (it reads other columns)."""
    filled = [c for c in others if c.strip()]
    if len(filled) < MIN_OTHERS:
        return None
    if not last.strip():
        return "empty where every other row has a value" if len(filled) == len(others) else None
    pattern = _number(decimal, thousands)
    read = _read(last, pattern, thousands)
    if read is None:
        return None  # not a number: judged unparseable as any row is
    lead, whole, mark, decimals, trail = read
    rows = [r for r in (_read(c, pattern, thousands) for c in filled) if r is not None]
    if len(rows) < MIN_OTHERS:
        return None
    if mark and decimals == 0 and not any(r[2] and r[3] == 0 for r in rows):
        return f"it ends in the decimal mark: {last.strip()!r}"
    places = {r[3] for r in rows}
    # A writer of fixed decimals, not one that drops zeros; nor floats written in full ("121.23456789012345"),
    # which a cut among their last decimals leaves as good as whole.
    if len(places) == 1 and decimals < min(places) <= MOST_FIXED_DECIMALS and not (
            drops_zeros() if callable(drops_zeros) else drops_zeros):
        return f"{last.strip()!r} has {decimals} decimals where every other row has {min(places)}"
    if not trail and all(r[4] for r in rows):
        return f"{last.strip()!r} lacks the unit every other row writes ({rows[0][4]!r})"
    if whole <= 0 or decimals:
        return None
    scale = rows if same_ticker is None else [
        r for r in (_read(c, pattern, thousands) for c in same_ticker if c.strip()) if r is not None]
    if volume and same_ticker is not None and not scale:
        # The ticker's only row: a day's list of tickers, each once. Its own days give no scale; the
        # other tickers' volumes, far apart as they are, bound how short a whole count can be.
        return _cut_among_tickers(last.strip(), whole, [r[1] for r in rows])
    if volume:
        return _cut_count(last.strip(), whole, [r[1] for r in scale][-RECENT_COUNTS:])
    if (len(scale) >= MIN_OTHERS and _digits(whole) < min(_digits(r[1]) for r in scale)
            and min(r[1] for r in scale) >= 5 * whole):
        return f"{last.strip()!r} is shorter than, and under a fifth of, every other row's"
    return None


def _cut_count(cell: str, whole: int, others: Sequence[int]) -> str | None:
    """Why a whole count (a volume) looks cut: a cut drops a value's trailing digits, so the cut value
    is the start of a value written like the column's. Only a column steady enough for its scale to be
    known says so: MIN_COUNTS others (the RECENT_COUNTS written before it, in the file's order: its
    days' neighbours), their digit counts within one and max under ten times min; the
    value short of two digits or more (one short is a tenth, as a quiet day or a half session can be),
    and with the digits it lacks put back ("48" -> 48000..48999) landing among the others' values.
    A quiet day is the start of no such value: 889,105 after 21 .. 48 million puts back to 88.9 million,
    above them all, and loads; a column spread over decades (an illiquid stock's) gives no scale."""
    # A zero is a day without trades (a holiday row, a halt), no evidence of the column's scale: among
    # the others it switched the rule off (48 after a holiday's 0 among 47,100 .. 51,200 loaded 48).
    # Zeros on more than a quarter of the days are a stock that seldom trades, whose last day can be
    # any small count, as a column spread over decades can be.
    traded = [n for n in others if n > 0]
    if len(others) - len(traded) > len(others) // MOST_ZERO_SHARE:
        return None
    others = traded
    if len(others) < MIN_COUNTS:
        return None
    low, high = min(others), max(others)
    fewest, most = min(_digits(n) for n in others), max(_digits(n) for n in others)
    if most - fewest > 1 or high >= 10 * low or fewest - _digits(whole) < 2:
        return None
    for short in range(fewest - _digits(whole), most - _digits(whole) + 1):
        if whole * 10 ** short <= high and (whole + 1) * 10 ** short - 1 >= low:
            return f"{cell!r} is the start of a value like the {len(others)} before it ({low} .. {high})"
    return None


def _cut_among_tickers(cell: str, whole: int, others: Sequence[int]) -> str | None:
    """Why a whole count (a volume) on a ticker's only row looks cut, given the other tickers' counts
    (`others`): two digits or more shorter than every one of MIN_COUNTS others that traded. A day's
    tickers trade from hundreds of shares to millions, so nothing short of that is evidence: "12" under
    98,700 .. 5.6 million (12,345 cut) is; "1,234" under 98,700 is not (a quiet stock's day). A list
    with zeros on more than 1 in 4 of its tickers is of a market where small counts are common: none."""
    traded = [n for n in others if n > 0]
    if len(others) - len(traded) > len(others) // MOST_ZERO_SHARE or len(traded) < MIN_COUNTS:
        return None
    fewest = min(_digits(n) for n in traded)
    if fewest - _digits(whole) < 2:
        return None
    return (f"{cell!r} is {fewest - _digits(whole)} digits shorter than every other ticker's volume, "
            f"{len(traded)} of them ({min(traded)} .. {max(traded)})")


def _runs(cell: str) -> list[str]:
    """The cell's runs of digits, of letters and of other marks: "2025-03-1" -> 2025, -, 03, -, 1."""
    return re.findall(r"\d+|[^\W\d_]+|[\W_]+", cell)


def cut_date(last: str, others: Sequence[str]) -> str | None:
    """Why the date cell `last` looks cut: shorter than every other row's, and shorter where a cut
    shortens it, at its end: fewer runs of digits, letters or marks, or a last run shorter than every
    other row's ("2025-03-1" of "2025-03-12"). A date written unpadded or with its month's name is
    shorter inside, its year as long as the others': "3/3/2025" after "2/28/2025", "October 1 2025"
    after "September 30 2025", complete and loaded."""
    filled = [c.strip() for c in others if c.strip()]
    cell = last.strip()
    if len(filled) < MIN_OTHERS or not cell or len(cell) >= min(len(c) for c in filled):
        return None
    runs, other_runs = _runs(cell), [_runs(c) for c in filled]
    if len(runs) >= min(len(r) for r in other_runs) and len(runs[-1]) >= min(len(r[-1]) for r in other_runs):
        return None
    return f"{cell!r} is shorter than every other row's date"


_NUMBER_FIELDS = (*PRICE_FIELDS, "volume")


def cut_last_rows(rec: Records, schema: FileSchema, cmap: dict[str, int], ends: list[tuple[int, np.ndarray]],
                  raw_of: Callable[[int], str], reread: Callable[..., Records]) -> list[tuple[np.ndarray, str]]:
    """(mask, reason) of each file's last row where the file ends inside it, no line break after it,
    and its last value shows the cut (above). `ends`: of each file ending so, the line it ends on
    and its records among `rec`'s, their indices in order (several files read as one: group.py). Of a
    piece of a large file only the last piece can end so (ingestion/parsed.py cuts pieces at line breaks).
    Each file is judged on its own rows: a group of thousands of daily files, each without a final line
    break, read the whole group's columns once per file (1,000 files of 20 rows: 9 s, not 0.2 s).

    `reread(js)` reads columns as written over the whole file, `reread(js, since=line)` from a line on.
    One file is judged first on the lines from the first row it reads on: the whole columns were read
    to take at most ~2,000 rows (0.06 of 0.08 s on a 300k-row history). Where that finds a cut, the
    judgment is made again on the whole columns, as it always was, so that a file whose whole reread
    does not line up with its records is still judged on none of its values: the first judgment can
    only spare the whole read where it finds nothing."""
    if len(ends) == 1:
        try:
            if not _cut_last_rows(rec, schema, cmap, ends, raw_of, _from_first_asked(rec, reread), narrow=True):
                return []
        except _ReadWider:
            pass
    return _cut_last_rows(rec, schema, cmap, ends, raw_of, lambda js, rows: reread(js).columns)


class _ReadWider(Exception):
    """The rows read do not hold the evidence the judgment needs (a ticker's last volumes among blanks)."""


# Columns `js` as written, aligned with a file's records, given the records the caller will take of them.
ReadAsWritten = Callable[[list[int], np.ndarray], dict[int, pa.Array]]


def _from_first_asked(rec: Records, reread: Callable[..., Records]) -> ReadAsWritten:
    """ReadAsWritten of the lines from the first record asked on (null before it, never taken); the whole
    columns where those lines' records are not the same as `rec`'s."""
    def read(js: list[int], rows: np.ndarray) -> dict[int, pa.Array]:
        since = int(rec.line[rows].min())
        tail = reread(js, since=since)
        at = np.flatnonzero(rec.line >= since)
        if not np.array_equal(rec.line[at], tail.line):
            return reread(js).columns
        where = np.full(len(rec.line), -1, dtype=np.int64)
        where[at] = np.arange(at.size)
        taken = pa.array(where, mask=where < 0)
        return {j: column.take(taken) for j, column in tail.columns.items()}
    return read


def _cut_last_rows(rec: Records, schema: FileSchema, cmap: dict[str, int], ends: list[tuple[int, np.ndarray]],
                   raw_of: Callable[[int], str], read: ReadAsWritten,
                   narrow: bool = False) -> list[tuple[np.ndarray, str]]:
    """cut_last_rows, reading the columns as written by `read`. `narrow`: of a last volume's ticker, read
    only its last rows, the RECENT_COUNTS volumes _cut_count reads and as many again for blanks (the
    ticker of one of many spans the file); raises _ReadWider where they hold fewer volumes."""
    n, width = len(rec.line), len(schema.columns)
    role = next((c for c, j in cmap.items() if j == width - 1), None)
    if not n or role is None:
        return []  # no column read is the last: a note, a field no name heads, cut, misreads no value
    kw = reader_kwargs(schema.delimiter, schema.quotechar, schema.escapechar, schema.skipinitialspace)
    j, column, found = width - 1, None, []
    prices_written: dict[int, pa.Array] | None = None  # the other price columns as written, read once
    for end, own in ends:
        rows = own[rec.line[own] <= end]
        if not rows.size:
            continue
        k = int(rows[np.argmax(rec.line[rows])])
        raw = raw_of(k)
        if int(rec.line[k]) + raw.count("\n") != end:
            continue  # the unterminated line is not a data row (a footer, a note)
        fields = next(csv.reader([raw.replace("\n", " ")], **kw), [])
        if len(fields) != width:
            continue  # a field past the header's names holds the cut, or the field count rejects it
        mask = np.zeros(n, dtype=bool)
        mask[k] = True
        if open_quote(raw, schema.delimiter, schema.quotechar):
            found.append((mask, TRUNCATED.format(why="a quoted value left open")))
            continue
        if role not in _NUMBER_FIELDS and role != "date":
            continue
        # The rows written just before the last are the evidence, not all of a long file's: each cell is
        # read by a Python regex, and 250,000 of them in a 16 MB piece took seconds (NEAR_ROWS).
        near = rows[rows != k][-NEAR_ROWS:]
        same_rows = None
        if role != "date" and "ticker" in cmap and cmap["ticker"] in rec.columns:
            names = rec.columns[cmap["ticker"]].take(pa.array(rows, type=pa.int64()))
            name = rec.columns[cmap["ticker"]][k].as_py()
            alike = (pc.is_null(names) if name is None else pc.fill_null(pc.equal(names, name), False))
            alike = np.asarray(alike.to_numpy(zero_copy_only=False), dtype=bool)
            # The ticker's own rows before its last, from the whole file: in one of many tickers
            # by date, the last NEAR_ROWS rows hold few of them.
            same_rows = rows[alike & (rows != k)][-NEAR_ROWS:]
        all_same = same_rows
        if narrow and role == "volume" and same_rows is not None:
            same_rows = same_rows[-2 * RECENT_COUNTS:]
        asked = np.concatenate([near, [k], same_rows if same_rows is not None else []]).astype(np.int64)
        if column is None:  # as written: a column pyarrow typed has lost its decimals' count
            column = rec.columns[j] if j in rec.columns and pa.types.is_string(rec.columns[j].type) \
                else read([j], asked).get(j)
            if column is None or len(column) != n:
                return found
        cells = _written(column, near)
        if blanks_after_value(fields[-1], cells, schema.thousands):
            continue  # blanks the writer put after the value: the cut, if any, came after it
        last = column[k].as_py() or ""
        if role == "date":
            why = cut_date(last, cells)
        else:
            spec = schema.columns[j]
            decimal, thousands = ((None, ",") if spec.format == COMMA_GROUPED else (None, ".")
                                  if spec.format == DOT_GROUPED else (schema.decimal, schema.thousands))
            same = None if same_rows is None else _written(column, same_rows)
            if same is not None and same_rows.size < all_same.size and _numbers_in(
                    same, decimal, thousands) < RECENT_COUNTS:
                raise _ReadWider

            # Read only where the last value has fewer decimals than its column's: every other price
            # column read again and each of its ~1,000 cells by a regex took 60% of a 1,000-row file's
            # normalisation where it ends without a line break, for a last value written as the others.
            def drops(asked: np.ndarray = asked, judged: np.ndarray = np.append(near, k)) -> bool:
                nonlocal prices_written
                if prices_written is None:
                    prices_written = _other_prices_written(rec, schema, cmap, read, asked)
                return _drops_zeros(prices_written, judged, schema)
            why = cut_number(last, cells, same, decimal, thousands, volume=role == "volume",
                             drops_zeros=role != "volume" and drops)
        if why:
            found.append((mask, TRUNCATED.format(why=why)))
    return found


def _numbers_in(cells: Sequence[str], decimal: str | None, thousands: str | None) -> int:
    """How many of `cells` cut_number reads as numbers (its `scale`)."""
    pattern = _number(decimal, thousands)
    return sum(1 for c in cells if c.strip() and _read(c, pattern, thousands) is not None)


def _other_prices_written(rec: Records, schema: FileSchema, cmap: dict[str, int], read: ReadAsWritten,
                          asked: np.ndarray) -> dict[int, pa.Array]:
    """The price columns other than the last, as written (not grouped by a thousands mark alone), of
    every record (those `asked` at least): column index -> its cells."""
    width = len(schema.columns)
    js = [j for f, j in cmap.items() if f in PRICE_FIELDS and j != width - 1 and schema.columns[j].format
          not in (COMMA_GROUPED, DOT_GROUPED)]
    if not js:
        return {}
    written = read(js, asked)
    return {j: written[j] for j in js if j in written and len(written[j]) == len(rec.line)}


def _drops_zeros(prices_written: dict[int, pa.Array], rows: np.ndarray, schema: FileSchema) -> bool:
    """Whether a price column other than the last (`prices_written`), on the file's `rows`, varies in
    decimals as written (decimals_vary): a writer dropping trailing zeros, as a spreadsheet's General
    format or Python's repr does, writes a whole price column so, not a cut."""
    return any(decimals_vary(_written(column, rows), schema.decimal, schema.thousands)
               for column in prices_written.values())


def _written(column: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> list[str]:
    """The cells of `column` on `rows`, as written ("" where empty)."""
    return [c or "" for c in column.take(pa.array(rows, type=pa.int64())).to_pylist()]
