"""Find where the table is in a file: preamble, header block, data, and trailing notes or totals."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache, partial
from itertools import chain, compress, filterfalse, repeat, zip_longest
from operator import itemgetter, not_

from .agreed_order import agree_day_order, day_first_by_decimal_comma, proven_beyond_spread
from .canonical import header_says, named_as, names_its_column, names_the_ticker, whole_name
from .columns import (ACCOUNTING, BOOLEAN_WORDS, CJK_SCALES, INDIAN_SCALES, MARKED_NUMBERS, NO_VALUE, ColumnType,
                      infer_column_type, plausible_serial)
from .date_system import NUMBER_DATE_FORMATS
from .dates import shape, strptime_year
from .filename import NamedMonth
from .footer import cut_sentence, footer_start, note_row, summary_row
from .joined import joined
from .leading_step import leads_run, never
from .listing_rows import listing_notes
from .multipliers import declared_unit, scale_cell, units_cell
from .numbers import NULL_SPELLINGS, joined_number_patterns, number_patterns, to_float
from .numbers_header import numbers_header
from .pandas_repeats import unsuffixed
from .ragged import named_width, ragged_from
from .row_names import names_after_row_names
from .shapes import shape_hits, shape_of
from .spacing import set_off_blanks
from .stacked_words import keys_over_a_dated_header, words_over_names
from .wider_header import names_past_rows, words_over_headerless

_MAX_HEADER_BLOCK = 3
_SUFFIX = re.compile(rf"\s?(?:[KkMmBb]|{CJK_SCALES}|{INDIAN_SCALES})$")  # columns._ABBREVIATED*
# Damaged rows (garbage, a row cut short) that may sit between the header and the first good data
# row without hiding the header; they stay in the data region, where normalisation rejects them.
_MAX_HEADER_GAP = 2
_CODE = re.compile(r"\d{4,6}")  # a numbered code: Tokyo's 7203, Taipei's 2330, Shenzhen's 000333
_CONFIRM_LOOKAHEAD = 6  # rows looked at for the two that confirm a data start
# A run of wider rows (a header and two rows at least) that is at least a quarter as long as the
# lines without a delimiter is the table, and those lines notes around it.
_MIN_TABLE_RUN = 3
_TABLE_AMONG_PROSE = 0.25
# Only notes and lines of words give way so: a line of fewer words is a value of a one-column list
# (a ticker, a URL, a date, a name), and a few rows of pairs ("Source,web") must not outvote it.
_PROSE_WORDS = 3
_RAGGED_SHARE = 0.5  # rows that must reach a wider header for it to set the table's width
_STARTS = 10  # rows the typed body may start at, as a rule
# Rows a start past those must leave to type from: in a file of text, the two rows over its last (a
# total, a count) typed a column alone, and every row above them was taken for preamble.
_DEEP_BODY = 5
_NUMBERS_HEADER_PROBE = 50  # rows below a row of numbers that say whether it heads them
_SECTION_ROWS = 2  # section title rows looked past between a row of years and the data

Row = tuple[int, list[str]]  # (line index, or lines-from-end for tail rows; fields)


@dataclass
class Layout:
    header_row: int = -1
    data_start_line: int = 0
    footer_lines: int = 0
    width: int = 0
    names: list[str] = field(default_factory=list)
    header_cells: list[list[str]] = field(default_factory=list)  # every header-block cell, per column
    header_rows: list[list[str]] = field(default_factory=list)  # the header block's rows, as wide as the table
    body: list[list[str]] = field(default_factory=list)  # sampled data rows, width-adjusted
    tail_data_rows: int = 0  # of those, rows from the tail sample: the table's end was seen
    types: list[ColumnType] = field(default_factory=list)
    double_spaced: bool = False  # a blank line after every row (spacing.py)
    short_header: bool = False  # the width is the one a header one name short of its rows gave (_width)
    ragged_from: int | None = None  # rows this many fields long or longer read padded (ragged.py)
    unnamed_past: int | None = None  # fields past the header's names, empty in the sample (ragged.named_width)
    whole: bool = False  # the sample is every row of the table (no tail sample): nothing between unseen

    @property
    def head_end(self) -> int | None:
        """How many of the body's rows are the head sample's (the rest the tail's), None where the sample
        is every row of the table (sample_runs.py)."""
        return None if self.whole else max(0, len(self.body) - self.tail_data_rows)


def _nonblank(fields: list[str]) -> bool:
    return any(map(str.strip, fields))  # stops at the first filled field, usually the first


def _filled(fields: list[str]) -> float:
    return sum(1 for c in fields if c.strip()) / max(1, len(fields))


def _names_then_padding(fields: list[str], width: int, judge: _RowJudge) -> bool:
    """Whether a row names each of a table's columns, two at least, one of them as its values read ("Date"
    over dates), then only pads with delimiters past them ("Date,Yield,,," over "2023-01-02,3.10"): under
    half filled, it was dropped as a title, and the columns, mapped by their values alone, loaded the yield
    as a close. A title leaves a column unnamed ("Report,,,,"), or names none as its values read
    ("Prices,USD,,,")."""
    return 2 <= width < len(fields) and all(c.strip() for c in fields[:width]) \
        and not any(c.strip() for c in fields[width:]) \
        and any(names_its_column([c], t) for c, t in zip(fields[:width], judge.types))


def _matcher(t: ColumnType, decimal: str, thousands: str | None) -> Callable[[str], bool] | None:
    if t.type in ("integer", "float") or t.format in NUMBER_DATE_FORMATS:
        rx = number_patterns(decimal, thousands)[1]
        if t.format in MARKED_NUMBERS:
            return partial(MARKED_NUMBERS[t.format][2], float_rx=rx)
        if t.format == "abbreviated":
            return lambda v: bool(rx.match(_SUFFIX.sub("", v)))
        return lambda v: bool(rx.match(v))
    if t.type in ("date", "timestamp") and t.format:
        fmt = t.format
        seen: dict[str, bool] = {}  # strptime is slow, and a date column repeats its values (a daily file one date)

        def is_date(v: str) -> bool:
            if v not in seen:
                seen[v] = _parses(v, fmt)
            return seen[v]

        return is_date
    if t.type == "boolean":
        return lambda v: v.lower() in BOOLEAN_WORDS
    return None


def _parses(value: str, fmt: str) -> bool:
    """Whether datetime.strptime reads `value` with `fmt` (month names of other languages too)."""
    return strptime_year(value, fmt) is not None


class _RowJudge:
    """Says whether a row looks like a data row, from the types of the columns' typical cells."""

    def __init__(self, types: list[ColumnType], decimal: str, thousands: str | None, width: int,
                 typical: list[list[str]] | None = None):
        self.width = width
        self.types = types
        self.matchers = [(j, m) for j, t in enumerate(types) if (m := _matcher(t, decimal, thousands))]
        self.words = self._words_when_sparse(typical or [])

    def _words_when_sparse(self, typical: list[list[str]]) -> list[int]:
        """The columns most typical rows fill, when each typed column is left empty in most of them
        (a listing of codes and titles whose one number column only some rows fill: "A1,Grundfinanzierung
        MPG,," between "A100,Grundfinanzierung MPG,300368540,"): there, a row with its typed cells
        empty is data if it fills those, and with no column's name ("Name,ISIN,Sector," is the
        header, its number column unnamed). Else none: an empty typed cell says nothing."""
        if not self.matchers or len(typical) < 5:
            return []
        # A column at a time, as asked: most files fill their first typed column, and that one
        # answers. (Transposing every row for it was ~3% of detecting a drifted daily file.)
        shortest = min(map(len, typical))

        def filled(j: int) -> int:  # (a row too short for the column leaves it unfilled)
            cells = map(itemgetter(j), typical) if j < shortest else (r[j] for r in typical if j < len(r))
            return len(list(filterfalse(NULL_SPELLINGS.__contains__, map(str.strip, cells))))
        if any(2 * filled(j) >= len(typical) for j, _ in self.matchers):
            return []
        typed = {j for j, _ in self.matchers}
        words = [j for j in range(self.width) if j not in typed and 2 * filled(j) > len(typical)]
        return words if len(words) >= 2 else []

    def data_like(self, fields: list[str], strict_width: bool = False) -> bool:
        if strict_width and len(fields) != self.width:
            return False
        if not self.matchers:
            return len(fields) == self.width and _filled(fields) >= 0.5
        if len(fields) < 2 <= self.width:
            return False
        present = matched = 0
        for m, v in self.filled_cells(fields):
            present += 1
            matched += m(v)
        if not present:
            return self._missing_values(fields) or bool(self.words) and all(
                j < len(fields) and fields[j].strip() for j in self.words) and not any(
                names_its_column([fields[j]], self.types[j]) for j in self.words)
        return matched >= 0.6 * present

    def _missing_values(self, fields: list[str]) -> bool:
        """A row whose typed cells are all empty or null, one at least written out ("NA", "..",
        ":"): a record of missing values, as exporters write them. A preamble or note line
        leaves those cells empty; only a data row spells out that a value is missing."""
        return any(fields[j].strip() for j, _ in self.matchers if j < len(fields))

    def filled_cells(self, fields: list[str]):
        """(matcher, stripped cell) of each typed column the row fills."""
        for j, m in self.matchers:
            if j < len(fields):
                v = fields[j].strip()
                # A null, "?" (a UCI row's missing value) or a formula's error ("#DIV/0!", "inf") names no
                # column: "2023-11-28;inf;0.000576;inf" had been taken for the header of a table of closes.
                if v not in NO_VALUE:
                    yield m, v


def _commented(fields: list[str]) -> bool:
    """A '#' comment line, but not a header that marks each name with one (mBank's "#Data
    operacji;#Opis operacji;#Kwota;"): taken for a comment, the file had no header."""
    return fields[0].lstrip().startswith("#") and not _hash_names(fields)


def _hash_names(fields: list[str]) -> bool:
    """Two names or more, each after a '#' (no "#N/A", a missing value)."""
    filled = [c.strip() for c in fields if c.strip()]
    return len(filled) >= 2 and all(c.startswith("#") and c not in NULL_SPELLINGS for c in filled)


def _row_numbers_named(fields: list[str], judge: _RowJudge) -> bool:
    """A header whose first name is a bare '#' over a column of integers: the rows' numbers
    ("#,Date,Open,High,..."; "#;Datum;..."), as web tables and report tools number them. Taken for
    a comment, the file lost its header (unless a comment block ended right above it). A comment
    has words after its '#' in the first cell; a lone "#" over dates or prices is no row number."""
    return (fields[0].strip() == "#" and _fits(fields, judge.width) and judge.width > 1
            and judge.types[0].type == "integer")


def _unmarked(fields: list[str]) -> list[str]:
    """A '#'-marked header's names without their marks."""
    return [c.lstrip().lstrip("#").lstrip() for c in fields]


def tickers_row(fields: list[str]) -> bool:
    """A header row of tickers: headed by the ticker's own field name ("Ticker", "Symbol"), a ticker over
    each column past it ("Ticker,AAPL,AAPL"). "Exchange,NYSE,NASDAQ" and "Ticker,,AAPL" are none."""
    return len(fields) > 1 and names_the_ticker(fields[0]) and all(c.strip() for c in fields[1:])


def ticker_level(fields: list[str]) -> bool:
    """A row of a header of tickers: the tickers' own, or one naming a price over each ("Price,Close,High")."""
    return tickers_row(fields) or len(fields) > 1 and all(header_says(c) for c in fields[1:])


def _fits(fields: list[str], width: int) -> bool:
    """Has the table's field count, as normalisation sees it (empty trailing extras are dropped)."""
    n = len(fields)
    return n == width or (n > width and not any(c.strip() for c in fields[width:]))


def _confirmed(rows: list[Row], k: int, judge: _RowJudge) -> bool:
    """Row k starts the data if the next two rows of the table's width are data-like too. Rows of
    another width (garbage, a row cut short) neither confirm nor refute: one damaged row right
    below the header must not push the data start past it. Nor does a wider row that fits only by
    its empty last cells but is no data row: a doubled delimiter early in a row whose last cell is
    empty ("2020-01-02,,AAPL,1.5,"), which would otherwise push the data start below it, and make
    it the header."""
    # Nor does a sentence the delimiter cut to the table's width (cut_sentence): a note under a day's row.
    following = [f for _, f in rows[k + 1:k + 1 + _CONFIRM_LOOKAHEAD]
                 if (len(f) == judge.width or (_fits(f, judge.width) and judge.data_like(f)))
                 and not cut_sentence(f)][:2]
    if all(judge.data_like(f) for f in following):
        return True
    # Nor does a row above repeated below: exports joined into one file ("Date,Close" over two
    # days, then again, a BOM before each). Refuted by the second header, the first days were
    # taken for preamble, the second header for the file's, and those days rejected "outside the table".
    # So too a repeat in other capitals ("DATE,OPEN,..." below "Date,Open,...": another export's
    # settings), named a repeat in normalisation (repeated_header.py). Not one in another order: which
    # part's layout is the file's is unsaid, and one part is rejected either way (repeated_header.py).
    above = {_plain(f) for _, f in rows[max(0, k - _MAX_HEADER_BLOCK):k]}
    following = [f for _, f in rows[k + 1:k + 1 + _CONFIRM_LOOKAHEAD] if _plain(f) not in above
                 and (len(f) == judge.width or (_fits(f, judge.width) and judge.data_like(f)))][:2]
    return bool(above) and all(judge.data_like(f) for f in following)


def _plain(fields: list[str]) -> tuple[str, ...]:
    """A row's cells as compared for a repeat: trimmed, without a byte order mark (each joined
    file's own, decoded as a character), in any capitals."""
    return tuple(c.strip().lstrip("\ufeff").casefold() for c in fields)


def _dense_columns(rows: list[Row], width: int) -> list[int]:
    """The columns most rows of the table's width fill: the table's own, not side columns a few
    rows carry (a statistics table typed beside the prices in the sheet the file was saved from)."""
    full = [f for _, f in rows if len(f) == width]
    # Counted a column at a time in C (zip, map): cell by cell in Python it was ~2% of detecting a file.
    return [j for j, column in enumerate(zip(*full)) if sum(map(bool, map(str.strip, column))) > 0.5 * len(full)]


def _fills(fields: list[str], dense: list[int]) -> bool:
    """Whether a row fills half the table's own columns at least: the data starts at such a row.
    Rows that fill only side columns ("Av Pos,1.25%,2575" in the banner rows above Investing's header,
    typed like the side table below) read as data, and taken for its start hid the header."""
    return 2 * sum(1 for j in dense if j < len(fields) and fields[j].strip()) >= len(dense)


def _fills_every_column(fields: list[str], width: int) -> bool:
    """Whether a row fills each of the table's `width` columns: it then _fills any of them."""
    return len(fields) >= width and all(map(str.strip, fields[:width]))


def _names_nothing(fields: list[str], judge: _RowJudge) -> bool:
    """A row of values in the data's shapes that the provisional types rejected in part ("+ $1,150.00",
    "10.5*", "11.0p", a date in another format): one of its typed cells reads as the column's data,
    and none is a name (a name has more letters than digits). A header names its columns: "Date",
    "Close", "52 Week Low"; a row of years ("2019,2020") under numbers reads as data already."""
    matched = False
    for m, v in judge.filled_cells(fields):
        if sum(map(str.isdigit, v)) <= sum(map(str.isalpha, v)):
            return False
        matched = matched or m(v)
    return matched


# The rows either side of a row that its column's words for no value are looked for in.
_MARKER_REACH = 200


def _marks_no_value(fields: list[str], others: list[list[str]], judge: _RowJudge) -> bool:
    """A row of values whose typed cells that do not read as their column's data each recur in that
    column in other rows (`others`): a word the source writes for no value ("NC" a driver not
    classified, "DNF", "n.v."), one typed cell at least reading as data beside it
    ("Harry,Hadjar,NC,0"). Not data to the judge, the row ended the data's top: taken for the
    header, the real header and the records above it were skipped unseen. A header's names are its
    columns' own, written once; a header repeated down the table reads as data in none of its
    typed cells."""
    matched, odd = False, []
    for j, m in judge.matchers:
        if j < len(fields) and (v := fields[j].strip()) and v not in NO_VALUE:
            if m(v):
                matched = True
            else:
                odd.append((j, v))
    return matched and bool(odd) and all(any(j < len(f) and f[j].strip() == v for f in others) for j, v in odd)


# How far above the header block a row of series codes over its key and value rows is looked for.
_CORNER_REACH = 6


def _leaves_a_column(fields: list[str], width: int) -> bool:
    """Whether a row leaves one of the table's value columns (all but the first) empty."""
    cells = _fit(fields, width) if _fits(fields, width) else fields
    return len(cells) == width and not all(c.strip() for c in cells[1:width])


def _corner_names_over(rows: list[Row], block: list[Row], head: list[Row], width: int, judge: _RowJudge) -> int | None:
    """The row above the header block that names the series of a table with a blank corner, when the
    block is key and value rows under it: a statistics office's download (the Bundesbank's
    ",BBK01.SU0202,BBK01.SU0202_FLAGS" over its description, "unit,% p.a.,", "unit multiplier,one,"
    and "last update,2024-06-11 08:40:48,"). Each block row leaves a value column empty (a key over
    the dates and its one value); the corner row names every value column, each once. Stacked for
    the header, "unit" named the dates and "% p.a." the series, whose code was lost. The rows between
    touch, are as wide and leave a value column empty too (a description); None when there is none.
    So too the file's first row when it names every column, corner and all, over keys whose values
    are codes and days (INSEE's "Libellé;...;Codes" over "idBank;010567069;" and "Dernière mise à
    jour;28/08/2025 08:45;": the update's time had named the series)."""
    if width < 3 or not all(_leaves_a_column(f, width) for _, f in block):
        return None
    top = next(i for i, (line, _) in enumerate(rows) if line == block[0][0])
    for j in range(top - 1, max(-1, top - 1 - _CORNER_REACH), -1):
        line, fields = rows[j]
        if not _fits(fields, width) or _blank_between(head, line, rows[j + 1][0]):
            return None
        cells = [c.strip() for c in _fit(fields, width)]
        if judge.data_like(fields) and sum(map(str.isalpha, cells[0])) <= sum(map(str.isdigit, cells[0])):
            return None  # a record, not a key and its value ("idBank;010567069;" reads as data past its key)
        if not cells[0] and all(cells[1:]) and len(set(cells[1:])) == width - 1:
            return j
        if j == 0 and all(cells) and len(set(cells)) == width and all(
                _values_no_names(f) for _, f in chain(rows[1:top], block)):
            return j  # the file's first row names every column, the keys' values below are codes and days
        if not _leaves_a_column(fields, width):
            return None
    return None


def _values_no_names(fields: list[str]) -> bool:
    """Whether a key's values (the cells past the first) are codes, days or numbers, each more
    digits than letters ("idBank;010567069;", "Dernière mise à jour;28/08/2025 08:45;"): no name
    of a column ("Date,Close," has one)."""
    return all(sum(map(str.isdigit, c)) > sum(map(str.isalpha, c)) for c in fields[1:] if c.strip())


def _data_top(rows: list[Row], start: int, judge: _RowJudge, heads: Callable[[int], bool]) -> int:
    """Index of the first data row: the confirmed start, or above it the run of rows that read as
    data too though the rows below them did not confirm them (early values the provisional types
    reject, rows short by their omitted trailing fields). Only a row of names ends the run (the
    header), or a row that is no data (a note, a comment, a line of another kind): an unconfirmed
    data row is data, to be loaded or rejected with its reason, never skipped as preamble. A row of
    years heading the rows below (`heads`) reads as data too, yet ends the run: past it, a preamble
    line that reads as data ("Account,12345") would carry it into the data and the file lose its
    header."""
    k = start
    while k > 0:
        fields = rows[k - 1][1]
        if len(fields) < 2 or _commented(fields) or _numbered_ticker_row(fields):
            break  # (a ticker row of a numbered code reads as data, yet is the header's)
        if not (judge.data_like(fields) or _names_nothing(fields, judge)
                or _marks_no_value(fields, [f for _, f in chain(rows[max(0, k - 1 - _MARKER_REACH):k - 1],
                                                                rows[k:k + _MARKER_REACH])], judge)
                or _record_of_blanks(fields, rows[k:k + _CONFIRM_LOOKAHEAD], judge,
                                     k >= 2 and judge.data_like(rows[k - 2][1]) and not heads(k - 2))
                and not (k >= 2 and _names_under_spans(fields, rows[k - 2][1], judge))) or heads(k):
            break
        k -= 1
    return k


def _record_of_blanks(fields: list[str], below: list[Row], judge: _RowJudge, under_a_record: bool) -> bool:
    """A record whose figures are all missing, left empty: its typed cells blank, its words the
    rows' own in the same columns ("Africa Eastern and Southern,AFE,Consumer price index,FP.CPI.TOTL,,,"
    above "Albania,ALB,Consumer price index,FP.CPI.TOTL,,110.0" in a World Bank download). No data
    row to the judge (no typed cell to read), it ended the data's top: the rows above it were taken
    for preamble, the header with them. A header's names are no values of its columns, and a note
    or title line fills one cell, not the row's words. Its words recur in the rows below (an
    indicator's name and code), or a record stands right above it (`under_a_record`): a header
    has none above it."""
    if not _fits(fields, judge.width) or any(True for _ in judge.filled_cells(fields)):
        return False
    cells = [(j, c) for j, c in enumerate(map(str.strip, fields)) if c not in NULL_SPELLINGS]
    if len(cells) < 2:
        return False
    seen = sum(1 for j, c in cells if any(j < len(f) and f[j].strip() == c for _, f in below))
    return under_a_record or seen >= 1 and 2 * seen >= len(cells)


def _names_under_spans(fields: list[str], above: list[str], judge: _RowJudge) -> bool:
    """Whether a row of words, no typed value in it, names the cells a header row above leaves blank
    after one of its names: the names under a heading spanning several columns (a survey export's
    "Which products do you use?,,," over "Product A,Product B,Product C"; "Price,,,,Volume" over
    "Open,High,Low,Close"). Its words may recur below (a chosen option written in its column): it is
    the header's second row, not a record of blanks. A blank before any name (a pandas index's)
    spans nothing, and a record names its row first (a country, an indicator): a header's second row
    leaves the first column's cell to the name above it ("Respondent ID", "Date")."""
    if not fields or fields[0].strip() or judge.data_like(above) or any(True for _ in judge.filled_cells(fields)):
        return False
    spanning = False  # a heading over a name of the row's, and names under its blanks since
    for head, cell in zip(above, fields):
        if head.strip():
            spanning = bool(cell.strip())
        elif spanning and cell.strip():
            return True
        else:
            spanning = False
    return False


def _prefix_of(fields: list[str], below: list[list[str]]) -> int:
    """The field count of a header row wider than the table whose rows are a prefix of it (ragged
    exports omit trailing empty fields: "version,codename,release,eol" above "1.1,Buzz,1996-06-17"),
    or 0. Nine rows below in ten at least are no wider than it (a damaged row may be)."""
    n = len(fields)
    while n and not fields[n - 1].strip():
        n -= 1
    if not below or sum(len(f) <= n or _fits(f, n) for f in below) < 0.9 * len(below):
        return 0
    return n


def _header_width(n: int, below: list[list[str]], width: int, padded: bool = False) -> int:
    """The width a lone header of `n` names (see _prefix_of) sets: its own when half the rows below
    reach it at least, else the table's (its names fitted to it). The reader rejects a row for its
    field count, so the width most rows have loads most of them: a trailing "Comment" column that
    few rows fill must not cost the others (at the header's width they would all be rejected).
    `padded`: the rows are a workbook's, which stores no trailing empty cell and whose reader pads
    short rows: there, the header's width costs no row, and the table's would cost each row that
    fills the "Comment" column (rejected for its field count). Its names past the last column any
    row fills head nothing: a note or an "As of" date typed beside the header ("Source: Bloomberg",
    a stray "Close" label), which as a column of its own would take the date or close, empty on
    every row."""
    if n <= width:
        return width
    if padded:
        filled = max((len(f) - next((k for k, v in enumerate(reversed(f)) if v.strip()), len(f)) for f in below),
                     default=0)
        return max(width, min(n, filled))
    reaching = sum(len(f) >= n and _fits(f, n) for f in below)
    return n if reaching and reaching >= _RAGGED_SHARE * len(below) else width


def _section_row(fields: list[str], width: int) -> bool:
    """A section's total between the header and the data (Schwab's "Total Pending Check and other
    Credit(s),,,,,$0.00," under its "Pending Transactions" line, which being one field is skipped as a
    damaged row is): taken for the header, whose cells are mostly empty, it was dropped, and the table read
    as having none. It stays a data row, rejected with a reason. A total carries its figure: a header half
    empty (a sheet's side columns) names a "Total Return" or an "Average" with words alone, and skipped as
    a total, the header search took the fund's details above it (loud: no close column)."""
    return 2 * sum(bool(c.strip()) for c in fields) <= width and summary_row(fields, width, ()) \
        and any(map(_figure, fields))


def _figure(cell: str) -> bool:
    """A number as a total writes it ("$0.00", "-1.234,50", "12%"): digits, no letter."""
    return any(map(str.isdigit, cell)) and not any(map(str.isalpha, cell))


def _header_above(rows: list[Row], start: int, judge: _RowJudge, width: int) -> int:
    """Index of the row to start the header search from: normally the row right above the data;
    past up to _MAX_HEADER_GAP damaged rows when a header-shaped row sits above them. Damaged: of
    quite another width, or a data row a field short or long (a delimiter lost or doubled in the
    first data row), which did not start the data only for its field count."""
    for gap in range(1, _MAX_HEADER_GAP + 1):
        k = start - gap
        if k < 1:
            break
        fields = rows[k][1]
        if width - 1 <= len(fields) <= width + 1 and not (
                len(fields) != width and judge.matchers and judge.data_like(fields)) \
                and not _section_row(fields, width):
            break  # not a damaged row: the header search starts here as usual
        above = rows[k - 1][1]
        if _header_shaped(above, judge, width) or _numbered_ticker_row(above):
            return k - 1
    return start - 1


def _index_names_row(fields: list[str], judge: _RowJudge, width: int) -> bool:
    """Whether a sheet's row, short of the table, is pandas' row of the index's names under a header
    of several rows ("Date" alone under yfinance's "Price,Close,..." and "Ticker,AAPL,..."): each
    cell fills the first columns and names its own ("Date" over the dates), an index's (no column of
    numbers: "Date,Close" under "Date,Open,...", a header repeated in part, would name the open the
    close). A CSV writes it "Date,,," and it joins the header; a sheet leaves its empty cells out,
    and the short row, taken for a damaged first data row, was rejected as an unparseable date."""
    return 0 < len(fields) < width - 1 and all(
        c.strip() and j < len(judge.types) and judge.types[j].type not in ("float", "integer")
        and names_its_column([c.strip()], judge.types[j]) for j, c in enumerate(fields))


# A period a statistics office heads a column with: a year, a year's quarter, half, month or week
# ("2001", "2021Q3", "2021-03", "2021W05"), or a reference day ("31.12.1995", "1995-12-31").
_PERIOD = re.compile(r"(?:1[89]|20)\d\d(?:[-/ ]?(?:Q[1-4]|H[12]|W\d\d|M?\d\d))?"
                     r"|\d{1,2}[./-]\d{1,2}[./-](?:1[89]|20)\d\d|(?:1[89]|20)\d\d-\d\d-\d\d")


def _period_heads(rows: list[Row], k: int, width: int) -> bool:
    """Whether row k is the second row of a cross table's header: under a row that repeats one
    name or a few over the value columns (GENESIS' ";Jahr;Jahr;Jahr", ";Stichtag;Stichtag"), a
    distinct period heading each of them, the label columns left blank in both, while the rows
    below fill them ("15 Jahre;1,0;1,0"). Its years read as numbers, its days as dates: taken for
    the first data row, the table's columns were all named "Jahr" and that row loaded as a record."""
    if not 0 < k < len(rows) - 1 or width < 3:
        return False
    fields, above = rows[k][1], rows[k - 1][1]
    if len(fields) != width or len(above) != width:
        return False
    lead = next((j for j, c in enumerate(fields) if c.strip()), width)
    if not 0 < lead <= width - 2 or any(c.strip() for c in above[:lead]):
        return False
    below = [f for _, f in rows[k + 1:k + 4]]
    if not all(len(f) >= lead and any(c.strip() for c in f[:lead]) for f in below):
        return False
    periods = [c.strip() for c in fields[lead:]]
    names = [c.strip() for c in above[lead:]]
    # Below, the figures of each period; rows of periods there make this one a record like them
    # (",Year,Year" over ",1990,1995" and "Germany,1949,1957": a table of years, its first record's
    # label missing), which taken into the header was lost unseen.
    return (all(periods) and len(set(periods)) == len(periods) and all(map(_PERIOD.fullmatch, periods))
            and all(names) and 2 * len(set(names)) <= len(names)
            and not any(all(_PERIOD.fullmatch(c.strip()) for c in f[lead:]) for f in below))


def _short_by_empty_ends(fields: list[str], below: list[list[str]], width: int) -> bool:
    """Whether a row two names or more short of the table is short by no more than one name once the
    columns every row below leaves empty at its end are left out: the rows end in a delimiter ("...;0;2;"
    under INSEE's "CODGEO;LIBGEO;...;NB_B101", one value past the names). One name short is a header
    (an unnamed index or last column), and the trailing delimiter made it two: the header was taken
    for a preamble line, skipped, and the columns went unnamed."""
    if not 1 < len(fields) < width - 1 or not below:
        return False
    empty = 0
    while empty < width and all(len(f) >= width - empty and not f[width - 1 - empty].strip() for f in below):
        empty += 1
    return len(fields) >= width - empty - 1


_LOADED = ("date", "open", "high", "low", "close", "adj_close", "volume")


def _names_their_columns(fields: list[str], judge: _RowJudge) -> bool:
    """Whether a short header's names, set over the first columns, name the dates and the prices
    below them as what they are: a price file's header short of an unnamed index ("Open;High;...;
    Volume" over "2024-01-02;100;...;" rows) or a preamble of words ("Kurse;Aktie;Boerse") would put
    a name over the wrong column (open loaded as high, close as volume) or none over the dates."""
    return all(names_its_column([n], t) for n, t in zip(fields, judge.types)
               if t.type in ("date", "timestamp") or any(named_as(c, n) for c in _LOADED))


# Lines of a title block a blank line sets off above a one-column list of words: few, and the list
# below them several times as long.
_TITLE_LINES = 3
_LIST_OVER_TITLE = 3


def _below_title_lines(rows: list[Row], head: list[Row], k: int) -> int:
    """The row that heads a one-column list of words, from `k`, the first taken for it: the first row
    after a blank line that sets a short block of lines off at the top ("Cities report", "", "city",
    "Paris", ...). A list's lines are all one cell: nothing but the blank line tells its title from
    its header, and the title named the column, the header read as its first value."""
    for j in range(k + 1, min(k + _TITLE_LINES + 1, len(rows))):
        if _blank_between(head, rows[j - 1][0], rows[j][0]):
            # A title is words: a lone word over a blank line is the list's header ("city", "",
            # "Paris", ...), and taken for a title, the first value was read as the header.
            if not any(" " in f[0].strip() for _, f in rows[k:j]):
                return k
            after = len(rows) - j
            return j if after >= max(3, _LIST_OVER_TITLE * (j - k)) else k
    return k


def _unit_line(cell: str) -> bool:
    """Whether a one-column table's line under its name says the values' unit: a scale or currency
    (units_cell), a bracketed unit ("(deg C)", "[kg]") or a sign ("%", "‰"). Taken for the name, the
    name above it ("Temperature", "Rate") was lost."""
    cell = cell.strip()
    return units_cell(cell) or (cell[:1] in "([" and cell[-1:] in ")]") or (
        0 < len(cell) <= 3 and not any(map(str.isalnum, cell)))


def _blank_between(head: list[Row], top: int, bottom: int) -> bool:
    """Whether a blank line lies between lines `top` and `bottom` of the sample."""
    return any(top < i < bottom and not any(map(str.strip, f)) for i, f in head)


def _one_value_for_all(values: list[str]) -> bool:
    """Whether a key's values are one value written over each of two columns or more ("Source,RBA,
    RBA,RBA", "Publication date,04-Jun-2024,04-Jun-2024"): the same for every series, it tells none
    apart. Not a field a price is loaded as ("Price,Close,Close,Close" over a row of tickers labels
    the price each ticker's column holds)."""
    return (len(values) >= 2 and all(values) and len(set(values)) == 1
            and not any(named_as(c, values[0]) for c in _LOADED))


def _metadata_over_names(fields: list[str], below: list[str], width: int) -> bool:
    """Whether a row over a header row that names every column is a line of metadata, a key and its values,
    not labels: filled from the left and empty after ("File created by:,Sally,Brown,,," above
    readr's deaths.csv header), or led by a key ending in a colon ("Unit:", "Currency:" above the
    Fed's series codes). A row over names that already name each column labels groups of them,
    spread over the columns; stacked onto the header, the key and values named the columns ("NA"
    over the Fed's rates) and the header's own names were lost. So too a key with one value for
    every column (_one_value_for_all: the RBA's "Publication date,04-Jun-2024,04-Jun-2024"). Unless
    its key names the ticker ("Ticker:,AAPL,AAPL"): that row is the header's ticker row
    (header_ticker.py), and taken for preamble, the file's prices loaded under the file's name. Nor
    a row that holds a unit alone in a cell ("Units:,USD,USD,('000)", "Unit:,,,('000)" over a
    volume), or one of scale with words ("Shares ('000)", "Volume (000s)"): a units row, whose
    "('000)" over the volume is its scale (detect.py); taken for preamble, the volume loaded a
    thousand times small."""
    if len(below) < width or not all(c.strip() for c in below[:width]):
        return False
    cells = [c.strip() for c in fields[:width]]
    if cells and names_the_ticker(cells[0]):
        return False
    if any((unit := declared_unit(c)) is not None and (not unit.name or unit.factor not in (None, 1))
           for c in cells[1:] if c):
        return False
    if cells and cells[0].endswith((":", "\uff1a")):
        return True
    if cells and cells[0] and _one_value_for_all(cells[1:]):
        return True
    n = next((j for j, c in enumerate(cells) if not c), len(cells))
    return 0 < n < width and not any(cells[n:])


def _units_under_names(rows: list[Row], k: int, head: list[Row], block: list[Row], judge: _RowJudge,
                       width: int) -> bool:
    """Whether sparse row `k`, over the header block, is a units row under a row of names: the row
    above it names every column, each once, and the three touch, with room in the block for both.
    A data logger's table (Campbell's TOA5: "TIMESTAMP,RECORD,BattV,PTemp_C,PAR,..." over "TS,RN,
    Volts,Deg C,,,..." over ",,Min,Smp,Smp,...") gives few of its columns a unit; cut off at that
    row for its empty cells, the block kept the last row alone, and "Min", "Smp", "Smp_2" named the
    columns."""
    if k < 1 or len(block) > _MAX_HEADER_BLOCK - 2 or not any(c.strip() for c in rows[k][1]):
        return False
    if _distinct_names(block[0][1], width):
        # The row below is a header of its own ("Date,Open,...,Volume"): the sparse row is the values
        # of another table's names above it ("Symbol,Close,Date,..." over "AAPL,185.50,,,"), which,
        # taken in, named the table's columns ("Symbol" its dates).
        return False
    line, names = rows[k - 1]
    return (_distinct_names(names, width) and _header_shaped(names, judge, width)
            and not _blank_between(head, line, block[0][0]))


def _short_over_units(fields: list[str], block: list[Row], width: int) -> bool:
    """Whether `fields`, a header one name short of the table, sits over a units row as short (block,
    "Date,Close,Volume" over ",,x1000" over rows of four): the two are its header. Cut off at the
    header for its width, the units row alone was no header, the table was read headerless and its
    volume's scale lost (loaded a thousand times small)."""
    units = [c.strip() for c in block[0][1]] if len(block) == 1 else []
    return (len(fields) == len(units) == width - 1 and all(c.strip() for c in fields)
            and any(units) and all(units_cell(c) for c in units))


def _units_over_names(fields: list[str], names: list[str], width: int) -> bool:
    """Whether `fields`, right over a row naming every column, is a units row written above the names
    ("Unit,,Thousands" over "Date,Close,Volume"; a statistics office's order): each cell a unit, its key
    or empty, one a scale at least. Taken for preamble or for the names, the volume's scale was lost
    (loaded a thousand times small) and, stacked on top, its words named the columns."""
    cells = [c.strip().rstrip(":\uff1a").strip() for c in fields]
    keyed = bool(cells) and cells[0].casefold() in _UNITS_KEYS
    # Unkeyed, capitals alone ("K", "M", "BN") may be a ticker written over its columns, not a scale.
    scales = [c for c in cells if scale_cell(c) and (keyed or not (c.isalpha() and c.isupper()))]
    return (len(fields) == width and _distinct_names(names, width) and bool(scales)
            and all(units_cell(c) for c in cells[keyed:]))


def _without_units_key(fields: list[str]) -> list[str]:
    """A units row less its key ("Unit", "Einheit") in its first cell."""
    key = bool(fields) and fields[0].strip().rstrip(":\uff1a").strip().casefold() in _UNITS_KEYS
    return ["", *fields[1:]] if key else fields


# The key a units row may start with, over the first column's name.
_UNITS_KEYS = frozenset({"unit", "units", "unit multiplier", "multiplier", "scale", "unit of measure", "einheit",
                         "maßeinheit", "unité", "unités", "unidad", "unidades", "unità", "eenheid", "enhet", "yksikkö"})


def _distinct_names(fields: list[str], width: int) -> bool:
    """Whether a row fills each of the table's columns, each with a cell of its own."""
    cells = [c.strip() for c in fields]
    return len(cells) == width and all(cells) and len(set(cells)) == width


def _ticker_row_over(rows: list[Row], k: int, head: list[Row], width: int, room: int) -> bool:
    """Whether a row naming the ticker ("Ticker:,AAPL", "Symbol:,AAPL") sits in the rows right above row
    `k`, within the `room` the header block has left, each as wide as the table and touching the one
    below: key rows over the header ("Symbol:,AAPL" over "Name:,Apple Inc." over "Date,Close"). The
    block stacks them as it did: cut off at "Name:", the ticker row was lost with it, and the prices
    loaded under the file's name."""
    for i in range(k - 1, max(-1, k - 1 - room), -1):
        line, fields = rows[i]
        if len(fields) != width or _filled(fields) < 0.5 or _blank_between(head, line, rows[i + 1][0]):
            return False
        if names_the_ticker(fields[0].strip()):
            return True
    return False


def _numbered_ticker_row(fields: list[str]) -> bool:
    """Whether a row is a header's ticker row, its tickers numbered codes: its first cell names the
    ticker and the others each hold one ("Ticker,000333,000333,..." in pandas' export of a Shenzhen,
    Taipei or Seoul code, between "Price,Close,High,Low,Open" and "Date,,,"; "Ticker,000333,600519"
    over two tickers' closes). Its cells read as prices, so it looked like a data row and cut the
    block above it off: the file read headerless, its columns by position, and the open loaded as
    the close. A data row's first cell is a value (a date, a ticker), not the ticker column's name;
    yet a ticker may be spelled as one (Symbotic's "SYM", Santander Consumer's "SC", first in a long
    table), so the other cells must be codes: bare digits of a code's length, which a date
    ("2024-01-02", "20240102"), a price with decimals or a volume is not. Taken for a header, such a
    row was lost, or its file refused for "no close column"."""
    return (len(fields) > 2 and all(_CODE.fullmatch(c.strip()) for c in fields[1:])
            and names_the_ticker(fields[0].strip()))


def _column_names(block: list[Row], width: int) -> list[tuple[str, ...]]:
    """Each column's names down a header block's rows; pandas' "Close.1" is a second "Close"."""
    rows = [unsuffixed(f) for _, f in block]
    return [tuple(f[j].strip() if j < len(f) else "" for f in rows) for j in range(width)]


def _names_repeated(names: list[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return {n for n, count in Counter(names).items() if count > 1 and any(n)}


def _names_alike(block: list[Row]) -> bool:
    """Whether the rows of a header block name two columns alike ("PX_LAST" twice, "USD" over each
    price): a row above them, blank line or not, is what tells those columns apart."""
    return bool(_names_repeated(_column_names(block, len(block[0][1]))))


def _labels_over(fields: list[str], block: list[Row], width: int) -> bool:
    """Whether a row labels the columns the header block below names alike, though sparse or short
    by its trailing empty cells (a Bloomberg sheet's securities, each written once over the first
    of its fields, ",AAPL US Equity,,MSFT US Equity" over "Dates,PX_LAST,PX_VOLUME,PX_LAST,PX_VOLUME";
    Excel leaves a row's trailing empty cells out): two labels or more, each over a column named
    alike to another or named by nothing below. Taken for preamble, one security's prices loaded
    under the file's name and the others' were dropped without a word."""
    if len(fields) > width and not _fits(fields, width):
        return False
    names = _column_names(block, width)
    repeated = _names_repeated(names)
    if not repeated:
        return False
    filled = [j for j, c in enumerate(fields[:width]) if c.strip()]
    # Words over named columns that tell every pair named alike apart are the first lines of names
    # split over two rows ("Adj" over "Date,...,Close,Close,Volume", "Change" over "%" beside it):
    # taken for preamble, the two closes were refused as several tickers' side by side. Over a name
    # repeated, the word and the name must read whole as a known one ("Adj Close"): a ticker, a
    # currency or a benchmark over one of two closes ("MSFT" over the first) names whose it is and
    # leaves the other's unsaid; joined to the header, the file's ticker loaded MSFT's closes.
    split = [(fields[j].strip() if j < len(fields) else "", *names[j]) for j in range(width)]
    if filled and all(any(names[j]) and any(ch.isalpha() for ch in fields[j]) for j in filled) and any(
            names[j] in repeated for j in filled) and not _names_repeated(split) and all(
            whole_name(split[j]) is not None for j in filled if names[j] in repeated):
        return True
    return len(filled) >= 2 and all(names[j] in repeated or not any(names[j]) for j in filled)


def _heads_table(rows: list[Row], start: int, judge: _RowJudge, width: int) -> bool:
    """Whether the row the header search starts from, above data starting at `start`, is a header:
    shaped as one, or naming every column the data fills (_names_full_columns)."""
    fields = rows[_header_above(rows, start, judge, width)][1]
    below = [f for _, f in rows[start:start + _NUMBERS_HEADER_PROBE * 4]]
    return _header_shaped(fields, judge, width) or _names_full_columns(fields, below, width, judge)


def _names_full_columns(fields: list[str], below: list[list[str]], width: int, judge: _RowJudge) -> bool:
    """Whether a row right above the data names every column the data fills on (nearly) every row,
    and only with words: a header half empty because the sheet it was saved from carries side
    columns that few rows fill (a statistics table typed beside Investing's columns, "Bin,Frequency"
    in a handful of rows). Dropped for its empty half, the file lost its header and its columns
    were mapped by their values alone: open and close swapped. A preamble row ("Report,,,,") names
    one column of several the data fills."""
    rows = [f for f in below if _fits(f, width) or len(f) == width][:_NUMBERS_HEADER_PROBE]
    if len(rows) < 3 or not (width - 1 <= len(fields) <= width + 1):
        return False
    full = [j for j in range(width) if sum(1 for f in rows if j < len(f) and f[j].strip()) >= 0.9 * len(rows)]
    names = [fields[j].strip() if j < len(fields) else "" for j in full]
    # One name at least must name its column ("Date" over dates): words over a headerless sheet's
    # columns ("Ticker,AAPL,NASDAQ,,,,," above its dates, closes and volumes) are a title, and taken
    # for its names, they left the file no close column.
    return len(full) >= 3 and all(any(ch.isalpha() for ch in n) for n in names) and any(
        names_its_column([n], judge.types[j]) for j, n in zip(full, names))


def _header_shaped(fields: list[str], judge: _RowJudge, width: int) -> bool:
    """As wide as the table, mostly filled, mostly words, and no data row."""
    if not (width - 1 <= len(fields) <= width + 1) or _filled(fields) < 0.5:
        return False
    if (_commented(fields) and not _row_numbers_named(fields, judge)) or (judge.matchers and judge.data_like(fields)):
        return False
    cells = [c.strip() for c in fields if c.strip()]
    return sum(1 for c in cells if any(ch.isalpha() for ch in c)) >= 0.5 * len(cells)


def _numbers_header_at(rows: list[Row], start: int, width: int, decimal: str, thousands: str | None) -> int | None:
    """Index of a row of numbers (years) that heads the table though it reads as data: the row the
    data starts at, or the full-width row right above it (data-like, but not confirmed as the data
    start by the rows below it, which are of another kind: text or decimals under a year)."""
    for k in (start - 1, start):
        if _heads_numbers(rows, k, width, decimal, thousands):
            return k
    # Or above a section's title row or two, a label over blank cells (GBE's "   Innere Medizin ...";
    # "      ";... under its row of years): the years were taken for preamble, the columns unnamed.
    k = start - 1
    while k > start - 1 - _SECTION_ROWS and 0 <= k and _label_only(rows[k][1], width):
        k -= 1
    if k < start - 1 and _heads_numbers(rows, k, width, decimal, thousands):
        return k
    return None


def _label_only(fields: list[str], width: int) -> bool:
    return _fits(fields, width) and bool(fields[0].strip()) and not any(c.strip() for c in fields[1:])


def _heads_numbers(rows: list[Row], k: int, width: int, decimal: str, thousands: str | None) -> bool:
    if not (0 <= k < len(rows) and _fits(rows[k][1], width)):
        return False
    below = [f for _, f in rows[k + 1:k + 1 + _NUMBERS_HEADER_PROBE] if _fits(f, width)]
    return numbers_header(rows[k][1][:width], below, decimal, thousands)


def _width(rows: list[Row]) -> tuple[int, bool]:
    """The usual field count, and whether a header one name short decided it
    (_short_header_widened); rows in the later half (past any preamble) weigh double. Lines without
    a delimiter are prose (titles, notes) as often as a one-column table: a short file's notes can
    outnumber its rows, so a run of wider rows long enough to be a table wins over them."""
    # '#' comment lines (a metadata block above the table) do not vote: one '#' a line is not a column.
    voting = list(map(itemgetter(1), rows))
    if "#" in "".join(map(itemgetter(0), voting)):  # else no line is a comment: spare the test of each
        voting = [f for f in voting if not _commented(f)] or voting
    # Nor do "Label:;value" lines, an account statement's metadata above its table (DKB's "Kontonummer:",
    # "Von:", "Bis:", "Kontostand vom 31.01.2017:"): over a month of one booking they outnumbered the
    # header and its row, the table was read as their three columns and the booking was lost. Only under
    # a wider table of two rows at least: else they are the table (a summary's "Close:;10.8" lines, under
    # a title padded with delimiters, would have been read at the title's width).
    if ":" in "".join(map(itemgetter(0), voting)):
        voting = _without_labelled_values(voting)
    voting = _without_padded_words(voting)
    n = list(map(len, voting))
    widths = _short_header_widened(n)
    usual = _usual_width(widths, voting)
    # Whether the header's missing name decided the width: the only evidence such a tiny table holds.
    return usual, widths is not n and usual != _usual_width(n, voting)


def _without_padded_words(voting: list[list[str]]) -> list[list[str]]:
    """The rows but lines of words padded with delimiters ("Disclaimer,,,,", "Note;;;") wider than every
    other row, where such lines are fewer than the rest: a spreadsheet pads its notes to the sheet's widest
    row, and three of them under a table of two days had outvoted it (the table read at their width, no
    date or close column). Padded to the table's own width, they vote for it: a one-day download's header
    and row are outvoted by a "Page 1" line and its padded notes counted as one field (no data rows)."""
    padded = [len(f) > 1 and not f[-1].strip() and _padded_words(f) for f in voting]  # most rows end filled
    if not any(padded) or 2 * sum(padded) >= len(voting):
        return voting
    widths = {len(f) for f, p in zip(voting, padded) if not p}
    return [f for f, p in zip(voting, padded) if not p or len(f) in widths]


def _padded_words(fields: list[str]) -> bool:
    first = fields[0].strip()
    return bool(first) and not any(map(str.isdigit, first)) and not any(c.strip() for c in fields[1:])


def _without_labelled_values(voting: list[list[str]]) -> list[list[str]]:
    """The rows but "Label:;value" lines (_labelled_value), where the rest hold a table wider than them of
    two rows at least (a header and a row); else the rows as given. A table's row fills two cells at least:
    a title or a footer padded with delimiters ("Report,,,", "Total,,,") is none, and counted as one, two of
    them set a day's "Date,NAV" table under its labels at their width (no date or close column)."""
    labelled = list(map(_labelled_value, voting))
    labels = [len(f) for f, label in zip(voting, labelled) if label]
    if not labels:
        return voting  # most files with a colon: times ("09:30"), no labels; spare the table's count
    rest = [f for f, label in zip(voting, labelled) if not label]
    table = Counter(len(f) for f in rest if sum(bool(c.strip()) for c in f) >= 2 and not cut_sentence(f))
    if not table:
        return voting
    width, rows = max(table.items(), key=lambda kv: (kv[1], kv[0]))
    return rest if rows >= 2 and width > max(labels) else voting


def _labelled_value(fields: list[str]) -> bool:
    """A line of a label ending in a colon and a value or two ("Von:;01.01.2018;"): metadata, not a record."""
    label = fields[0].strip()
    return len(fields) > 1 and label.endswith(":") and any(c.isalpha() for c in label) \
        and sum(bool(c.strip()) for c in fields) <= 3


def _keyed_value(fields: list[str], number_rx, first: str) -> bool:
    """A line of a key and its value, no names: two cells, a word and then nothing or a date
    ("Release date","16-10-2024"; "Important notes",""). Not a number: "Country","2020" names a
    year's column. Nor a first cell written like the data's (`first`, its first row's): digits and
    letters alike ("1989 Q1","" over "1989 Q3","6.3"; "Aruba","" over "Angola","3.1") make a row of
    the data whose value is missing. Taken for keys, the search stopped at them and the table's own
    header above ("Quarter","Value") was lost."""
    return len(fields) == 2 and any(map(str.isalpha, fields[0])) and _cell_kind(fields[1], number_rx) in (0, 2) \
        and _written_as(fields[0]) != _written_as(first)


def _written_as(cell: str) -> tuple[bool, bool]:
    """Whether `cell` holds digits, and letters."""
    return any(map(str.isdigit, cell)), any(map(str.isalpha, cell))


def _short_header_widened(n: list[int]) -> list[int]:
    """The field counts `n`, a header one name short of the table right under a preamble line
    counted at the table's width (Euronext names no last, VWAP, column): a one-day download's header
    and its row had split their votes, and its three preamble lines had made the table one column
    wide. Of the table: every row below it of more than one field is one field longer. Only one
    below it (a stray field in the first of two rows) is a damaged row, and counted at its width it
    made the table as wide, the good row rejected for its field count. `n` itself when none is."""
    if 1 not in n:
        return n  # no preamble line of one field (most files): spare the walk over every row
    ends = [k for k, (above, w, below) in enumerate(zip([0, *n], n, [*n[1:], 0])) if above == 1 and 1 < w == below - 1]
    ends = [k for k in ends if all(x == n[k] + 1 for x in n[k + 1:] if x > 1)]
    if not ends:
        return n
    return [w + 1 if k in ends else w for k, w in enumerate(n)]


def _usual_width(widths: list[int], voting: list[list[str]]) -> int:
    counts: Counter[int] = Counter(widths)
    counts.update(widths[len(widths) // 2:])
    usual = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    if usual == 1:
        wider = Counter(w for w in widths if w > 1)
        if wider:
            width, rows_of_width = max(wider.items(), key=lambda kv: (kv[1], kv[0]))
            # A label ("Disclaimer:", over the disclaimer's text) is no value either.
            values = sum(1 for w, f in zip(widths, voting) if w == 1 and len(f[0].split()) < _PROSE_WORDS
                         and not note_row(f) and not f[0].rstrip().endswith(":"))
            # Among lines that are all prose, notes or labels, a header and one row are a table: an
            # account statement of one booking above its disclaimer (PostFinance) had been read as
            # the disclaimer's one column. Among values, it takes a longer run to outweigh them.
            run = _MIN_TABLE_RUN if values else _MIN_TABLE_RUN - 1
            if rows_of_width >= max(_TABLE_AMONG_PROSE * widths.count(1), values) \
                    and _longest_run(widths, width) >= run:
                return width
    of_usual = [f for w, f in zip(widths, voting) if w == usual]
    if not any(map(_holds_a_value, of_usual)) and _words(of_usual):
        return _width_of_values(widths, voting) or usual
    return usual


# The words a legend's cells hold on average, fewest ("TG = Daily mean temperature (in 0.1 degrees)").
_LEGEND_WORDS = 3


def _words(rows: list[list[str]]) -> bool:
    """Whether the filled cells of `rows` hold _LEGEND_WORDS words or more on average: lines of a
    legend cut by the commas in their text, not a table's rows whose values _VALUE_CELL does not
    know ("02-Jan-2024", "$12.50", "12,50 EUR"), which a run of a few key and value lines above or
    below them ("Period,2024-01-02,2024-01-31") had outvoted for the table's width."""
    cells = [c for f in rows for c in f if c.strip()]
    return bool(cells) and sum(len(c.split()) for c in cells) >= _LEGEND_WORDS * len(cells)


# A cell that is a number or a day written in digits ("-50", "1.258,25", "2024-01-02", "09:30"),
# not words with digits among them ("(in 0.1 units)").
_VALUE_CELL = re.compile(r"[-+(]?\d(?:[\d.,:/' -]*\d)?\)?")


def _holds_a_value(fields: list[str]) -> bool:
    return any(_VALUE_CELL.fullmatch(c.strip()) for c in fields)


def _width_of_values(widths: list[int], voting: list[list[str]]) -> int | None:
    """The width of the longest run of rows (_MIN_TABLE_RUN at least), wider than one field, whose
    filled cells are values half of them at least, when the usual width's rows hold no value at all: a
    legend of "TG = Daily mean temperature (in 0.1 degrees) / ..." lines, cut by the commas in
    their text, outnumbers a short download's rows below it (KNMI's "  260,20240101,  -50,..."), and
    read at the legend's width, the table was taken for a footer and its values lost."""
    best, run, width = (0, None), 0, None
    for w, f in zip(widths, voting):
        filled = [c.strip() for c in f if c.strip()]
        values = w > 1 and bool(filled) and 2 * sum(bool(_VALUE_CELL.fullmatch(c)) for c in filled) >= len(filled)
        run = run + 1 if values and w == width else (1 if values else 0)
        width = w if values else None
        if run >= _MIN_TABLE_RUN and run > best[0]:
            best = (run, w)
    return best[1]


def _longest_run(widths: list[int], width: int) -> int:
    longest = run = 0
    for w in widths:
        run = run + 1 if w == width else 0
        longest = max(longest, run)
    return longest


_LABEL = re.compile(r"[^\W\d][\w ]*:")  # words ending in a colon: "Data:", "Observed values:"


def _fit_header(fields: list[str], width: int) -> list[str]:
    """A header row fitted to the table's width. A header wider than the data by a stray delimiter
    (",Date,Close", "Date,,Close") loses blank cells, trailing ones first, rather than its last
    names: the names stay over their columns."""
    if len(fields) > width:
        fields = list(fields)
        while len(fields) > width and not fields[-1].strip():
            fields.pop()
        if len(fields) == width + 1 and _LABEL.fullmatch(fields[0].strip()) and not any(
                _LABEL.fullmatch(c.strip()) for c in fields[1:]):
            # "Data:  Instrument  AgWt" over two columns (NIST's datasets): the label ending in a
            # colon names no column; cut at the end instead, the second column took the first's name.
            fields.pop(0)
        blanks = [j for j, c in enumerate(fields) if not c.strip()]
        for j in reversed(blanks[:len(fields) - width]):
            del fields[j]
    return _fit(fields, width)


def _fit(fields: list[str], width: int) -> list[str]:
    n = len(fields)
    if n == width:
        return fields
    return fields[:width] if n > width else fields + [""] * (width - n)


def _spread(rows: list[list[str]], limit: int) -> list[list[str]]:
    """At most `limit` rows, evenly spread, keeping the order (day/month order looks at sequences)."""
    if len(rows) <= limit:
        return rows
    if limit < 2:  # itemgetter of one index gives the item, not a tuple
        return rows[:limit]
    return list(_spread_picks(len(rows), limit)(rows))


@lru_cache(maxsize=256)
def _spread_picks(n: int, limit: int) -> Callable[[list], tuple]:
    """Picks `limit` (two or more) of `n` items, evenly spread: row counts recur from file to file."""
    step = n / limit
    return itemgetter(*[int(k * step) for k in range(limit)])


def _column_types(rows: list[list[str]], names: list[str], width: int, decimal: str,
                  thousands: str | None, threshold: float = 0.9, limit: int = 160,
                  file_date: date | NamedMonth | None = None, dates_from_1904: bool = False) -> list[ColumnType]:
    every_row = rows
    rows = _spread(rows, limit)
    if rows and set(map(len, rows)) == {width}:
        cols: list[Sequence[str]] = list(zip(*rows))  # the rows are fitted to the width: transpose in C
    else:
        cols = [[r[j] for r in rows] for j in range(width)]

    def typed(j: int, cells: Sequence[str]) -> ColumnType:
        return infer_column_type(cells, names[j] if j < len(names) else "", decimal, thousands, threshold,
                                 file_date, dates_from_1904)

    types = [typed(j, c) for j, c in enumerate(cols)]
    if len(rows) < len(every_row):
        # A date that proves the day/month order may lie between the spread's rows: the column is
        # typed again from every row, its order then the data's, not a guess; agree_day_order sees
        # every row of it too, so the proof stands against another column's.
        whole = cache(lambda j: [r[j] if j < len(r) else "" for r in every_row])  # built once, asked twice
        for j in proven_beyond_spread(types, cols, whole):
            cols[j] = whole(j)
            types[j] = typed(j, cols[j])
    return day_first_by_decimal_comma(agree_day_order(types, cols, file_date), cols, decimal, names)


def unique_names(raw: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for j, name in enumerate(raw):
        # A NUL (a damaged header, nul.py) shown as a sign: names are stored in Postgres, whose text holds none.
        name = name.replace("\x00", "\u2400").strip() or f"column_{j + 1}"
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _cell_kind(v: str, number_rx) -> int:
    """0 empty, 1 number (money and shares too: _marked_number), 2 date-like, 3 other text."""
    v = v.strip()
    if v in NO_VALUE:
        return 0
    if number_rx.match(v) or _marked_number(v, number_rx):
        return 1
    if shape(v) is not None:
        return 2
    return 3


# The marks of numbers typing reads (columns.MARKED_NUMBERS) that a row's shape should see through too.
_NUMBER_MARKS = [MARKED_NUMBERS[f] for f in ("currency", "percent", ACCOUNTING)]


def _marked_number(v: str, number_rx) -> bool:
    """A number written with money's, a share's or an accountant's marks ("£0.4203", "3.520 EUR", "-1.2%",
    "(1,234.56)"), as typing reads one. Seen as text, a table of such prices had no numbers to tell its
    rows by: two footer lines ("End of report", "Total,,,8") made the last two rows its header and data."""
    return any(not chars.isdisjoint(v) and test(v, number_rx) for chars, _, test in _NUMBER_MARKS) \
        if any(map(str.isdigit, v)) else False


def _values_row(fields: list[str], judge: _RowJudge, number_rx) -> bool:
    """In the columns the data types as numbers or dates, its filled cells are numbers and dates,
    one of them a date or not a plain integer: plain integers under a label row may be a header
    row (years). Text columns (tickers, notes) say nothing either way."""
    cells = [(c.strip(), _cell_kind(c, number_rx)) for c in (fields[j] for j, _ in judge.matchers if j < len(fields))]
    cells = [(c, kind) for c, kind in cells if kind]
    return bool(cells) and all(kind in (1, 2) for _, kind in cells) and any(
        kind == 2 or not c.lstrip("+-").isdigit() for c, kind in cells)


def _repeats_values(fields: list[str], below: list[list[str]], judge: _RowJudge) -> bool:
    """Whether two of the row's cells of words at least, and half of them, are values the data rows
    below hold in the same column (numbers, dates and ids differ from row to row; a column's words
    recur). Records only, here and below: rows whose typed cells hold figures, if in other shapes
    ("IAH126", "01/11/2010"). A units row ("dd/mm/yyyy,,GBP,GBP,LSE" over a "GBP" currency column)
    writes words there, and so does a header repeated down the table with a cell changed ("Volume
    (page 2)"): taken for values, its names cost the file its header row."""
    def record(f: list[str]) -> bool:
        return all(any(map(str.isdigit, c)) for _, c in judge.filled_cells(f))
    cells = [(j, c) for j, c in enumerate(map(str.strip, fields))
             if c not in NULL_SPELLINGS and any(map(str.isalpha, c))]
    if len(cells) < 2 or not record(fields):
        return False
    below = [f for f in below if record(f)]
    seen = sum(1 for j, c in cells if any(j < len(f) and f[j].strip() == c for f in below))
    return seen >= 2 and 2 * seen >= len(cells)


def _dated_row(fields: list[str], dates: list[tuple[int, Callable[[str], bool]]], judge: _RowJudge,
               number_rx, leads: list[tuple[int, Callable[[str], bool]]] = ()) -> bool:
    """A cell of the row reads as a date of the data's date column above which it stands, and its
    other typed cells are values or one word for none: numbers, blanks, Excel's errors ("#N/A ..."),
    a source's single spelling of no value ("ND" in every column). A row of names under labels may
    hold a date where the dates go (",AAA,,BBB" over "31/01/2024,Close,Volume,Close,Volume"): its
    words differ, or name their columns ("PX_LAST" twice); taken for data, the file lost its names."""
    # A date column's other spellings pass ("Holiday" in a settlement date); of the whole-number
    # columns (leads) only a cell that leads the run: "shares" over a rising volume is a unit.
    led = {j for j, m in leads if j < len(fields) and m(fields[j].strip())}
    if not led and not any(j < len(fields) and m(fields[j].strip()) for j, m in dates):
        return False
    dated = led | {j for j, _ in dates}
    words = set()
    for j, _ in judge.matchers:
        v = fields[j].strip() if j < len(fields) and j not in dated else ""
        if _cell_kind(v, number_rx) in (0, 1, 2) or v.startswith("#"):
            continue
        if names_its_column([v], judge.types[j]):
            return False
        words.add(v)
    return len(words) <= 1


def _dated(dates: list[tuple[int, Callable[[str], bool]]], fields: list[str]) -> bool:
    """A cell of the row reads as a date of its column, or is written like a date of any format."""
    return any(j < len(fields) and (m(v := fields[j].strip()) or shape(v) is not None) for j, m in dates)


def _cell_kinds(cells: set[str], decimal: str, thousands: str | None) -> dict[str, int]:
    """_cell_kind of each cell; the numbers are found in one scan (joined.py) of the cells' digit
    shapes (shapes.py: the number test treats all digits alike, and prices share a few shapes)."""
    stripped = dict(zip(cells, map(str.strip, cells)))  # a mapping built in C, not a step per cell
    values = list(set(stripped.values()).difference(NULL_SPELLINGS))
    text = joined(values)
    if text is None:
        number_rx = number_patterns(decimal, thousands)[1]
        return {c: _cell_kind(c, number_rx) for c in cells}
    is_number = shape_hits(text, joined_number_patterns(decimal, thousands)[1])[1]
    kind = dict.fromkeys(compress(values, is_number), 1)  # most cells: taken in C, only the others looked at
    number_rx = number_patterns(decimal, thousands)[1]
    kind.update((v, 1 if _marked_number(v, number_rx) else 3 if shape(v) is None else 2)
                for v in compress(values, map(not_, is_number)))
    return dict(zip(stripped, map(kind.get, stripped.values(), repeat(0))))


def _uniform_counts(columns: list[list[int]], n: int, starts: int) -> list[int]:
    """For each start k < `starts`: how many columns (of _cell_kind codes, `n` rows) are uniformly
    numeric or date-like from row k to the last row but one (to the last row when fewer than three
    rows remain)."""
    def uniform(empty: int, numbers: int, dates: int, length: int) -> bool:
        filled = length - empty
        top = max(numbers, dates)
        return bool(filled) and top >= 0.9 * filled and top > 0

    scores = [0] * starts
    ending = max(0, min(starts, n - 2))  # the starts whose slice ends at the last row but one
    for column in columns:
        if ending:
            part = column[:n - 1]
            counts = [part.count(0), part.count(1), part.count(2), 0]  # by kind, 0 to 3
            for k in range(ending):
                if k:
                    counts[column[k - 1]] -= 1  # one row less at the top
                scores[k] += uniform(counts[0], counts[1], counts[2], n - 1 - k)
        # The last starts of a short head, fewer than three rows below them: the end moves too, each
        # slice counted afresh (where a head of a daily file's few rows counted every start's so).
        for k in range(ending, starts):
            p = column[k:n]
            scores[k] += uniform(p.count(0), p.count(1), p.count(2), len(p))
    return scores


def _odd_last(upper: list[str], lower: list[str], last: list[str], width: int) -> bool:
    """Whether `last` is an odd row under two rows of one table (`upper`, `lower`): those alike cell
    by cell (the same shape, digits alike, shapes.py, or both filled) and in a cell that holds
    digits ("x2" and "x3", "01:02:04" and "01:02:05"), where `last` holds digits of another shape
    (a stray "1"). In a short head the last row alone may type the columns (a header over one row);
    under such rows it is an odd last row, and the rows above are data: typed from it, they were
    taken for a header block and skipped. A title over a header ("Report,Daily" over "Date,Close")
    holds no digits alike; a preamble of dated lines ("Report date,2024-01-05" over "Printed
    on,2024-01-08") does, but the day's row below holds no digits where they hold their dates
    ("2024-01-05,AAPL,185.25"): it is the data, and typed without it the file lost its date column."""
    a = [shape_of(c.strip()) for c in _fit(upper, width)]
    b = [shape_of(c.strip()) for c in _fit(lower, width)]
    c = [shape_of(v.strip()) for v in _fit(last, width)]
    return all(x == y or (x and y) for x, y in zip(a, b)) and any(
        x == y and "0" in x and "0" in z and z != x for x, y, z in zip(a, b, c))


def _shaped_like_above(columns: list[list[int]], k: int, n: int) -> bool:
    """Whether many rows above row k (but the one right above, a header) hold their cells in the
    kinds of the rows from k on (_cell_kind, cell by cell): those are data rows, no preamble. In a
    table of text, flags and accounting numbers ("(39,462)" reads as no number), the last rows held
    no parentheses by chance, typed a column alone from there, and every row above was taken for
    preamble (eight rows lost). A preamble's "Key,value" lines are shaped unlike the log below them."""
    shapes = list(zip(*columns)) if columns else []
    # Of the rows from k on, those in the kinds that typed their columns: the uniform typing lets a
    # few others through (prose and a header over a scientific table's data), and counted as data's
    # shapes, a preamble of prose lines was "shaped like" them and the table was read from line 0.
    typed = [(j, _uniform_kind(column[k:n])) for j, column in enumerate(columns)]
    typed = [(j, kind) for j, kind in typed if kind]
    below = {s for s in shapes[k:n] if all(s[j] in (0, kind) for j, kind in typed)}
    above = shapes[:max(k - 1, 0)]
    return bool(above) and 4 * sum(s in below for s in above) >= len(above)


def _uniform_kind(kinds: list[int]) -> int:
    """The kind (1 number, 2 date-like) nine in ten of a column's filled cells hold, as
    _uniform_counts types a column; 0 where none does."""
    filled = [kind for kind in kinds if kind]
    top = max((1, 2), key=filled.count)
    return top if filled and filled.count(top) >= 0.9 * len(filled) else 0


def _names_typed_rows(rows: list[Row], k: int, width: int, decimal: str, thousands: str | None) -> bool:
    """Whether row k, full and under a row taken for the header of a table no column of which types
    as numbers or dates, names columns that the rows below it type (booleans, codes) and is none of
    their values, under a row with empty cells: the header's own row of names, the row above labels
    spanning it ("Totals,,Group B" over "verified,tel,active" over "N,+1 919 530 7698,f"). Taken for
    data, its names made text of the flags, and were loaded as a record. Under a full row it may be
    a damaged first record: that row stays the header."""
    if k + 2 >= len(rows) or len(rows[k][1]) != width or not all(c.strip() for c in rows[k][1]) \
            or all(c.strip() for c in rows[k - 1][1]):  # labels span their columns: some cells empty
        return False
    below = [f if len(f) == width else _fit(f, width) for _, f in rows[k + 1:k + 1 + _NUMBERS_HEADER_PROBE]]
    names = rows[k][1]
    # Every typed column's: a first record with one odd flag ("zed,maybe,t" under ",verified,active",
    # a blank corner over an index of names) holds the others' values, and was read as the names.
    matchers = [(m, names[j].strip()) for j, t in enumerate(
        _column_types(below, [], width, decimal, thousands, limit=_NUMBERS_HEADER_PROBE))
        if (m := _matcher(t, decimal, thousands)) is not None]
    return bool(matchers) and not any(m(name) for m, name in matchers)


# Cells shaped as values that no column is named by: an e-mail address, a URL, a UUID, an IPv4
# address, a hash of hex digits.
_VALUE_SHAPED = re.compile(r"(?:https?|ftp)://\S+|[\w.+-]+@[\w-]+\.[\w.-]+|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-"
                           r"[0-9a-fA-F]{12}|\d{1,3}(?:\.\d{1,3}){3}|(?=[a-f]*\d)[0-9a-f]{16,}")


def _case_of(text: str) -> str:
    """The letter case a cell is written in: all capitals, all small, each word capitalised
    ("New York", "O'Brien") or mixed."""
    if text.isupper():
        return "U"
    if text.islower():
        return "l"
    return "T" if text.istitle() else "M" if any(map(str.isalpha, text)) else ""


def _values_of_their_columns(fields: list[str], below: list[list[str]], width: int) -> bool:
    """Whether the first row of a table no column of which types as numbers or dates is one of its
    records: half its filled cells at least are values of their columns. Shaped as values
    (_VALUE_SHAPED) over a column most of whose cells are so shaped, holding digits in the shape
    most cells below have ("AB-104" over "AB-311"), or written again below in the same column and in
    the letter case the cells there are written in (a list's words recur). Taken for the header, the
    first record of a headerless list of cities, e-mails or codes was lost. One word written once
    more below, alone in a row of several, is no evidence: a name can recur as a value once
    ("name,description" over a data dictionary's "name,The customer's name"); nor is a name heading
    its column again where files were joined ("Symbol" over tickers, twice: not in their case). A
    cell shaped as a value over a column not so shaped, or a word over a column of values, is a
    name ("http://schema.org/url", "alice@example.com" over words; "email" over addresses). A
    header repeated below as a whole row (files joined) is no evidence."""
    filled = [(j, c.strip()) for j, c in enumerate(_fit(fields, width)) if c.strip()]
    below = [f for f in below if any(map(str.strip, f))]
    if not filled or len(below) < 2:
        return False
    plain = _plain(fields)
    whole_repeat = width > 1 and any(_plain(f) == plain for f in below)
    strong = weak = 0
    columns = list(zip_longest(*below, fillvalue=""))  # transposed in C: a wide table paid per cell
    for j, c in filled:
        column = list(filter(None, map(str.strip, columns[j]))) if j < len(columns) else []
        if not column:
            continue
        few = column[:20]  # enough to say what a column holds
        valued = 2 * sum(1 for v in few if _VALUE_SHAPED.fullmatch(v)) > len(few)
        if _VALUE_SHAPED.fullmatch(c):
            if not valued:
                return False  # a value's shape over a column of others: a name
            strong += 1
        elif valued:
            return False  # a word over e-mails or URLs: their name
        elif any(map(str.isdigit, c)) and 2 * list(map(shape_of, few)).count(shape_of(c)) > len(few):
            strong += 1
        elif c in column and not whole_repeat:
            case, n = Counter(map(_case_of, few)).most_common(1)[0]
            if _case_of(c) == case or 5 * n < 4 * len(few):  # unlike a column written in one case
                if column.count(c) > 1:
                    strong += 1  # written twice more: a value of the column ("csv" after the '.')
                else:
                    weak += 1
    return 2 * (strong + weak) >= len(filled) and (strong > 0 or weak > 1 or len(filled) == 1)


def _typed_body(rows: list[Row], width: int, decimal: str, thousands: str | None, probe: int = 50) -> list[Row]:
    """Rows to type the columns from: those from the start that makes the most columns uniformly
    numeric or date-like (header and preamble rows spoil that), without the last row when there are
    enough others (totals and notes sit there)."""
    # Not the closing summary or notes (_before_summary): under a day's one row, a note cut into cells spoilt
    # every start, and the rows were typed from the top, the labels and header among them.
    summary = _before_summary(rows, 0, width)
    head = rows[:min(probe, summary)]
    cells = list(chain.from_iterable(_fit(f, width) for _, f in head))  # each row's cells taken in C
    kind_of = _cell_kinds(set(cells), decimal, thousands)  # dates, names, blanks repeat: each once
    kinds = list(map(kind_of.__getitem__, cells))
    columns = [kinds[j::width] for j in range(width)] if kinds else []
    n = len(head)
    best_k, best = 0, -1
    for k, score in enumerate(_uniform_counts(columns, n, min(n, _STARTS))):
        if score > best and not (k == n - 1 and k >= 2
                                 and _odd_last(head[k - 2][1], head[k - 1][1], head[k][1], width)):
            best_k, best = k, score
    if best <= 0 and n > _STARTS:
        # No column typed from any of the first starts: the preamble is longer than they reach (an
        # instrument's download, twenty "Key,value" lines over a short log). From further down, the
        # log's own columns type; typed as text from the top, its header went unseen and the
        # preamble's "Upper Alarm,100000,ppb" named the columns. Only for such heads: most type early.
        for k, score in enumerate(_uniform_counts(columns, n, n - _DEEP_BODY)):
            if score > best:
                best_k, best = k, score
        if best > 0 and _shaped_like_above(columns, best_k, n):
            best_k = 0  # no preamble: a run of rows near the end typed a column by chance
    least = max(1, width // 2)
    full = len(rows) - 1 if len(rows) - best_k >= 3 else len(rows)
    # _before_summary(rows, best_k, width), as best_k < summary: from a later start, the run of summary rows
    # above the end is the same one (asked twice, each row of it was judged twice over).
    end = summary
    # Above the summary, rows that are no row of the table (a damaged one, cut short) leave nothing
    # to type: typed with the summary, as before, the file is read and its rows rejected, not "no data rows".
    body = [r for r in rows[best_k:end] if len(r[1]) >= least] if end < len(rows) else []
    body = body or [r for r in rows[best_k:full] if len(r[1]) >= least]
    # '#' comment lines type no column: above a headerless table of flags ("# no header..." over
    # "Yes","Medium rare"), they cost the column its boolean type, and untyped, the table's first
    # row was taken for its header. Only a minority: a column of hashtags is data. Most bodies have no
    # '#' in a first cell at all: one join of them says so, where a test per row cost every file.
    if "#" not in "".join(map(itemgetter(0), map(itemgetter(1), body))):
        return body
    remark = [_commented(f) and f[0].strip() not in NULL_SPELLINGS for _, f in body]
    return list(compress(body, map(not_, remark))) if any(remark) and 2 * sum(remark) < len(body) else body


def _before_summary(rows: list[Row], start: int, width: int) -> int:
    """The end of `rows` without the run of summary and note rows that closes them ("Highest:",
    "Lowest:", "Average:", "Change %:" below a few days' prices). In a short file they outnumber the
    data: typing them as rows, the date column was text and the file refused "no date column". Not
    when every row is one: a file of labelled lines is what it is."""
    end = len(rows)
    while end > start + 1 and _summing_up(rows[end - 1][1], width):
        end -= 1
    return end if end < len(rows) and not _summing_up(rows[end - 1][1], width) else len(rows)


def _summing_up(fields: list[str], width: int) -> bool:
    """A note, a totals line, or a label ending in a colon ("Change %:") in a row at most half filled."""
    if note_row(fields) or summary_row(fields, width, ()) or cut_sentence(fields):
        return True
    label = fields[0].strip() if fields else ""
    return label.endswith((":", "：")) and not any(map(str.isdigit, label)) and any(map(str.isalpha, label)) \
        and 2 * sum(1 for c in fields if c.strip()) <= max(width, 2)


def _provisional(rows: list[Row], width: int, decimal: str, thousands: str | None,
                 file_date: date | NamedMonth | None, dates_from_1904: bool) -> tuple[list[ColumnType], _RowJudge]:
    typical = [f if len(f) == width else _fit(f, width) for _, f in _typed_body(rows, width, decimal, thousands)]
    # A low bar here: the sample may still hold footer rows; the final typing below is stricter.
    provisional = _column_types(typical, [], width, decimal, thousands, threshold=0.6, limit=100,
                                file_date=file_date, dates_from_1904=dates_from_1904)
    return provisional, _RowJudge(provisional, decimal, thousands, width, typical)


def _keyed_rows_over_ids(header: list[str], others: list[list[str]]) -> bool:
    """Whether a header block of several rows is a statistics office's rows of series metadata, each keyed
    in the first column (the RBA's "Source,WM/Reuters,RBA,RBA,...", "Publication date,18-Dec-2024,...",
    "Series ID,FXRUSD,FXRTWI,..."), its top row saying the same of several columns, and its last row
    telling every column apart: that row names them. No cell names a column's field ("Date", "Close"):
    a ticker repeated over its fields ("AAPL,AAPL" over "Open,Close") labels a header that names. Named by
    the top row, the series were shown as "RBA", "RBA_2", ..., and their refusal named no series."""
    if not others:
        return False
    last = [c.strip() for c in others[-1]]
    top = [c.strip() for c in header[1:]]
    return all(last) and len(set(last)) == len(last) and len(set(top)) < len(top) \
        and not any(header_says(c.strip()) for row in (header, *others) for c in row if c.strip())


_LEAST_PADDING = 2  # empty fields past the table on every line: one is a trailing delimiter (the ECB's "ZAR,")


def padding(rows: list[Row], tail: list[Row] | None = None) -> int:
    """How many empty fields end every row, the rows all of one width (blank lines aside), where they are
    _LEAST_PADDING or more; else 0."""
    every = [r for r in rows + (tail or []) if any(map(str.strip, r[1]))]
    if not every:
        return 0
    n = len(every[0][1])
    if any(len(f) != n for _, f in every):
        return 0
    pad = 0
    while pad < n - 1 and not any(f[n - 1 - pad].strip() for _, f in every):
        pad += 1
    return pad if pad >= _LEAST_PADDING else 0


def detect_layout(head: list[Row], head_lines: int, tail: list[Row] | None, decimal: str,
                  thousands: str | None, file_date: date | NamedMonth | None = None, dates_from_1904: bool = False,
                  padded: bool = False, unpad: bool = False) -> Layout:
    """`head`: records of the file's first sample with their 0-based start line; `head_lines`: physical
    lines in that sample. `tail`: records of the last sample keyed by lines-from-end (1 = last line),
    None when the head sample is the whole file. `file_date`: the date in the file's name, if any.
    `dates_from_1904`: the rows are a sheet of a workbook in Mac Excel's date system (date_system.py).
    `padded`: the rows are a sheet's, whose trailing empty cells the reader restores (_header_width).
    `unpad`: the table read without the empty fields that end every line, where every line has them
    (padding): the layout of the text without them, which the reader reads alike (it drops a row's empty
    trailing fields)."""
    # _nonblank, stepped through in C: every row passes
    rows = list(compress(head, map(any, map(map, repeat(str.strip), map(itemgetter(1), head)))))
    if not rows:
        return Layout()
    if unpad and not padded and (pad := padding(rows, tail)):
        # Every line padded to one width with empty fields past the table (detect.py asks for the table
        # without them where, with them, it is read with no close).
        def cut(rs: list[Row]) -> list[Row]:
            return [(i, f[:len(f) - pad] if len(f) > pad else f) for i, f in rs]
        return detect_layout(cut(head), head_lines, cut(tail) if tail is not None else None, decimal, thousands,
                             file_date, dates_from_1904)
    # Blank lines that set rows off: in a double-spaced file, not the one after every row.
    gaps = set_off_blanks(head, len(rows))
    width, short_header = _width(rows)
    provisional, judge = _provisional(rows, width, decimal, thousands, file_date, dates_from_1904)

    start = confirmed = None
    if judge.matchers:
        # Data starts at the first full-width data-like row that the next rows confirm, or above it.
        # The header is searched for above the first such row that fills the table's own columns
        # (_fills); rows typed like data above it (banner rows that fill side columns only) are
        # data only if no header sits between.
        starts = (k for k, (_, fields) in enumerate(rows)
                  if judge.data_like(fields, strict_width=True) and not _numbered_ticker_row(fields)
                  and _confirmed(rows, k, judge))
        confirmed = next(starts, None)
        if confirmed is not None:
            heads = partial(_heads_numbers, rows, width=width, decimal=decimal, thousands=thousands)
            start = _data_top(rows, confirmed, judge, heads)
            # (A row with no blank cell fills the dense columns, whichever they are: most files'
            # first data row, and their count over every row of the sample is spared.)
            if not _fills_every_column(rows[confirmed][1], width) \
                    and not _fills(rows[confirmed][1], dense := _dense_columns(rows, width)):
                k = next((k for k in starts if _fills(rows[k][1], dense)), None)
                top = start if k is None else _data_top(rows, k, judge, heads)
                # Only a header between makes the rows above banner rows: a new listing's first days
                # (a close, no open or volume) above a dividend's or a note's line are the data's
                # first rows, and taken for preamble, the header above them was lost.
                if top > start and _heads_table(rows, top, judge, width):
                    start = top
    unconfirmed = None  # the row taken for the header when no data start was confirmed
    if start is None:
        # All-text table (or no row fits): its first full-width row is taken as the header, a
        # mostly filled one: a title padded with delimiters ("Title,,") is as wide, and taken for
        # the header then dropped for its empty cells, left the table headerless.
        full = [k for k, (_, f) in enumerate(rows) if len(f) == width]
        unconfirmed = next((k for k in full if _filled(rows[k][1]) >= 0.5), full[0] if full else 0)
        if width == 1:
            unconfirmed = _below_title_lines(rows, gaps, unconfirmed)
        elif _names_typed_rows(rows, unconfirmed + 1, width, decimal, thousands):
            unconfirmed += 1  # the row over it labels groups of columns: a two-row header
        start = unconfirmed + 1
        if unconfirmed == 0 and _values_of_their_columns(rows[0][1], [f for _, f in rows[1:_NUMBERS_HEADER_PROBE * 4]],
                                                         width):
            start = 0  # the table's first record: no header (nothing above it to look at)
    # A period row under the header: read as data (years), or not (days over numbers), and then
    # left between the header and the data, a record to be rejected.
    period_row = _period_heads(rows, start, width)
    if period_row:
        start += 1
    else:
        period_row = _period_heads(rows, start - 1, width)

    # The header block is the run of non-data rows right above the data (multi-row headers exist,
    # e.g. pandas MultiIndex exports); sparse rows ("Report,,,,") above it are preamble.
    block: list[Row] = []
    number_rx = number_patterns(decimal, thousands)[1]
    # Only under a header of levels, the row of the table's width touching it: above a blank line
    # or a title, the header search passes it as a damaged first data row, as it did (taken for the
    # header's only row, it left the levels above it unread and the prices unnamed).
    names_row = padded and start >= 2 and len(rows[start - 2][1]) == width \
        and not _blank_between(gaps, rows[start - 2][0], rows[start - 1][0]) \
        and _index_names_row(rows[start - 1][1], judge, width)
    k = start - 1 if names_row else _header_above(rows, start, judge, width)
    below = [f for _, f in rows[start:start + _NUMBERS_HEADER_PROBE * 4]]
    past_comment = False
    if period_row and k == start - 1:  # it reads as data: the search below would stop at it
        block.insert(0, rows[k])
        k -= 1
    else:
        period_row = False  # the header search starts past it: it is no part of this header
    while k >= 0 and len(block) < _MAX_HEADER_BLOCK:
        line, fields = rows[k]
        if judge.matchers and judge.data_like(fields) and not _numbered_ticker_row(fields):
            break
        if _hash_names(fields):
            if block:
                break  # above a header, '#'-marked cells are a metadata block ("# Source: X;# Run: 2")
            fields = _unmarked(fields)
        elif fields[0].lstrip().startswith("#") and (block or not _row_numbers_named(fields, judge)):
            # (a bare '#' names the row numbers only in the header row right above the data: over
            # it, "#,Source,Yahoo,," is a comment, and taken for a header row, named the columns)
            if block:
                break  # comment lines above the header: preamble
            # A commented header right above the data that ends a block of comments (metadata:
            # "# Altitude: 500 m" above "# Observation period;TOA;GHI"), or a preamble of lines far
            # narrower than the table (KNMI's legend of "TG = Daily mean temperature" lines over
            # "# STN,YYYYMMDD,TG,..."): its names, without the '#'. Below a row that could head the
            # table (as wide as it), it is a remark between a header and the data.
            above = rows[k - 1][1] if k else []
            ends_comments = k == 0 or _commented(above) or 2 * len(above) <= width
            if not past_comment and ends_comments and len(fields) == width > 1:
                named = [fields[0].lstrip().lstrip("#").lstrip(), *fields[1:]]
                if _header_shaped(named, judge, width):
                    block.insert(0, (line, named))
                    k -= 1
                    break
            k -= 1  # a comment between the header and the data: read as a data line (and rejected)
            past_comment = True
            continue
        if not block and k and _labelled_value(fields) and _labelled_value(rows[k - 1][1]) \
                and not any(header_says(c.strip().rstrip(":").strip()) for c in fields):
            # The last of a block of "Label :;value" lines right over the data (the Banque de France's
            # Webstat: "Titre :", "Code série :", "Unité :", ..., "Source :;BCE ..."): the series' metadata,
            # no header. Taken for one, "Source :" named the date and its source the rate, refused for no
            # close column. Not names of columns written with colons ("Date:;Close:").
            break
        if not block and width == 2 and k and below and below[0] and _keyed_value(fields, number_rx, below[0][0]) \
                and _keyed_value(rows[k - 1][1], number_rx, below[0][0]):
            # The same without colons: the ONS' time series ("Title","CDID",...,"Release date","Next
            # release","Important notes" over "1989","6.3"), a key and a date or nothing on the lines
            # right over the data. Taken for a header, "Release date" named the periods and the
            # release's date the values.
            break
        if past_comment and not block and not _header_shaped(fields[:width] if _fits(fields, width) else fields,
                                                             judge, width):
            break  # above a comment, only a row of names is a header (not a damaged data row)
        if not block and not (width - 1 <= len(fields) <= width + 1 or _fits(fields, width)
                              or names_row and k == start - 1) and not (
                (n := _prefix_of(fields, below)) > width and _header_shaped(fields[:n], judge, n)) and not (
                _short_by_empty_ends(fields, below, width) and _header_shaped(fields, judge, len(fields))
                and _names_their_columns(fields, judge)):
            break  # (a header may trail any number of empty cells, "Date,Close,,,", or names of ragged rows)
        # Rows stacked above the header must be as wide as the table and name several columns, and
        # touch it: a blank line between ends the block (a disclaimer of as many commas as the table
        # has columns, blank lines above Macrotrends' header, named its columns "Disclaimer...", "tax"),
        # unless the rows below name columns alike: then the row above labels them (a Bloomberg sheet's
        # tickers over "PX_LAST, PX_LAST"; cut off, one ticker's prices loaded, the others' dropped).
        if block and width == 1 and not _unit_line(block[0][1][0]):
            # One column: its name is the line right above its values (over a units line, the one
            # above that). Lines above are a title, a source, a date: stacked as a header block, the
            # title named the column ("Prices report" over "value") and the name was lost.
            break
        # A row padded past the table as the header under it ("Ticker,AAPL,AAPL,,,," over "Date,Open,Close,,,,"
        # over rows of three fields): the reader drops the empty fields, and so does the block. Counted, they
        # made the row no part of the header, and the ticker it names was lost: the rows loaded under the
        # file's name, where "Ticker,AAPL,AAPL" over "Date,Open,Close" loads them as AAPL's.
        # Only a row that reaches the table's last column: "Symbol,AAPL,,,," is a label, padded as wide. And only
        # in a block a row of tickers heads, each row above it a level of its header ("Price,Close,..." over it is
        # yfinance's): "Exchange,NYSE,NASDAQ,,,," over "Date,Close,Close,,,," (or over "Ticker,AAPL,MSFT,,,,") had
        # loaded the closes as NYSE's and NASDAQ's (as "NYSE AAPL"'s), where the padding refused them.
        if block and _fits(fields, width) and fields[width - 1].strip() and all(_fits(f, width) for _, f in block) \
                and any(len(f) > width for f in (fields, *(f for _, f in block))) \
                and ticker_level(fields[:width]) \
                and any(tickers_row(f[:width]) for f in (fields, *(f for _, f in block))):
            fields = fields[:width]
            block, kept = [(i, f[:width]) for i, f in block], block
        else:
            kept = block
        if block and (len(fields) != width and not _short_over_units(fields, block, width)
                      or (_filled(fields) < 0.5 or (width > 1 and _filled(fields) * width < 2))
                      and not _units_under_names(rows, k, gaps, block, judge, width)
                      or (_blank_between(gaps, line, block[0][0]) and not _names_alike(block))
                      or (_metadata_over_names(fields, block[0][1], width)
                          and not _ticker_row_over(rows, k, gaps, width, _MAX_HEADER_BLOCK - len(block) - 1))
                      ) and not _labels_over(fields, block, width) and not (
                          len(block) == 1 and _units_over_names(fields, block[0][1], width)):
            block = kept
            break
        block.insert(0, (line, fields))
        k -= 1
    while block and _filled(block[0][1]) < 0.5 and not (len(block[0][1]) == 1 == width) \
            and not _names_then_padding(block[0][1], width, judge) and not (
            len(block) > 1 and _labels_over(block[0][1], block[1:], width)) and not (
            len(block) == 1 and _names_full_columns(block[0][1], below, width, judge)) and not (
            len(block) == 2 and _units_over_names(block[0][1], block[1][1], width)):
        block.pop(0)
    # Only a lone header may be a field short or long: under a full-width header row, such a row is
    # the first data row, damaged. It stays in the data region (to be rejected, not skipped unseen).
    # A sheet's row is short by the empty cells it does not store: under "Date,Price (USD),,,,Volume"
    # (merged over two rows), ",Open,High,Low,Close" names the prices, and taken for a data row, the
    # open loaded as the close.
    if len(block) > 1 and len(block[-1][1]) != width and not _short_over_units(block[0][1], block[1:], width) \
            and not (padded and len(block[-1][1]) < width):
        block.pop()
    # Nor a row of values: numbers and dates where the data has them, in another format (which is
    # why it did not read as data: "2020-01-01T15:00:00" above "2020-01-01T15:00:00Z"). It is the
    # first data row, and stays in the data region, to be rejected with its reason.
    while len(block) > 1 and not period_row and _values_row(block[-1][1], judge, number_rx):
        block.pop()
    # Nor a row dated where the data has its dates, its other cells the source's words for no value
    # ("2024-01-01,ND,ND" in the Fed's downloads on a holiday, Banxico's "N/E", Bloomberg's "#N/A
    # Field Not Applicable"): a day's row, not a name. Taken into the header, it was skipped unseen.
    # Dates written as such: an epoch or serial column's matcher takes any number. Numbers that
    # are dates (a sheet's General serials, typed as integers in a short sample) count as the day
    # before the run of them below: FRED's 1 January, its value blank, was taken for a header row.
    # Only the dates' run: beside written dates or typed serials, a whole-number run is a row
    # counter or a volume, and the number over it a units row ("1000") or the header's row number.
    dates = [(j, m) for j, m in judge.matchers if provisional[j].type in ("date", "timestamp")
             and provisional[j].format not in NUMBER_DATE_FORMATS]
    cols = {j: [f[j] if j < len(f) else "" for f in below] for j, _ in judge.matchers
            if provisional[j].type == "integer" or provisional[j].format in NUMBER_DATE_FORMATS}
    runs = [] if dates else [j for j in cols if provisional[j].format in NUMBER_DATE_FORMATS] or [
        j for j, c in cols.items() if provisional[j].type == "integer" and plausible_serial([v for v in c if v])]
    # The first column that runs is the dates' (leftmost, as a table keys its rows): a volume of
    # serial width rising a little under its units row ("10000") leads nothing beside it.
    leads = [(j, m) for j in runs if (m := leads_run(cols[j])) is not never][:1]
    while len(block) > 1 and not period_row and (dates or leads) \
            and _dated_row(block[-1][1], dates, judge, number_rx, leads):
        block.pop()
    # Nor a row whose cells are the data's own values, column by column ("BIS,BBSRC,01/11/2010,...,
    # IAH126" above "BIS,BBSRC,03-NOV-2010,...,174195" in a UK spending return): a record the
    # provisional types rejected in part (its id and date in other shapes). A header row names
    # its columns, and its names are no values of them; taken into the header, the rows were skipped.
    while len(block) > 1 and not period_row and _repeats_values(block[-1][1], below, judge) \
            and not _names_under_spans(block[-1][1], block[-2][1], judge):
        block.pop()
    del block[:words_over_names([f for _, f in block], provisional, width)]
    del block[:keys_over_a_dated_header([f for _, f in block], provisional, width)]
    metadata_end = None  # the last key and value row under a row of series codes: the data follow it
    if block and (corner := _corner_names_over(rows, block, gaps, width, judge)) is not None:
        metadata_end, block = block[-1][0], [rows[corner]]
    if not block:
        k = _numbers_header_at(rows, start, width, decimal, thousands)
        if k is not None:
            block, start = [rows[k]], k + 1  # (section rows under it are data, not preamble)
        elif unconfirmed is not None and not _commented(rows[unconfirmed][1]):
            # The row taken for the header reads as data; the rows below did not confirm it (they
            # are damaged, or of mixed kinds), yet it is no header: data, to be loaded or rejected
            # with its reason, not skipped as preamble.
            start = unconfirmed

    ragged, short_rows, unnamed_past = False, None, None
    if len(block) == 1 and len(block[0][1]) > width:
        n = _prefix_of(block[0][1], below)
        # Rows short by the trailing fields their writer leaves out: the header's width, and those
        # rows read padded (ragged.py); else the width most rows have, so that most rows load.
        # Not under a header with an empty name among them: a stray delimiter (_fit_header).
        short_rows = None if padded or n < width or not all(c.strip() for c in block[0][1][:n]) else \
            ragged_from(below, n, judge.data_like)
        wider = n if short_rows is not None else _header_width(n, below, width, padded)
        if wider != width:  # ragged rows: the header says how wide the table is
            width, ragged = wider, True
            provisional, judge = _provisional(rows, width, decimal, thousands, file_date, dates_from_1904)
    elif len(block) == 1 and not padded:
        if len(block[0][1]) == width:
            short_rows = ragged_from(below, width, judge.data_like)
        # Rows end in empty fields, all the sample's to the file's end: a column the header leaves
        # unnamed and later rows fill stays (read without it, they were rejected for their width).
        # So does a header that ends in the delimiter as its rows do ("Date,USD,...,ZAR," in the ECB's
        # eurofxref-hist.csv, "Date;Symbol;Indexvalue;" in STOXX's): the field past the names holds
        # nothing, and was shown as a column of its own.
        if short_rows is None and (
                named := named_width(block[0][1], [f for _, f in rows[start:] + (tail or [])], width)) < width:
            width, short_header, unnamed_past = named, False, width - named
            provisional, judge = _provisional(rows, width, decimal, thousands, file_date, dates_from_1904)

    layout = Layout(width=width, double_spaced=len(gaps) < len(head), short_header=short_header and not ragged,
                    ragged_from=short_rows, unnamed_past=unnamed_past, whole=tail is None)
    first_data_line = rows[start][0] if start < len(rows) else head_lines
    if block:
        layout.header_row = block[0][0]
        last = block[-1][0] if metadata_end is None else metadata_end
        if len(block) == 2 and _units_over_names(block[0][1], block[1][1], width):
            # Read as the usual order, names over units: the names name, units scale. The units' key
            # names nothing: under a first column that is no date's ("Units" under "Close", the date
            # second), its "units" named the close as the volume, and the file had no close.
            block = [block[1], (block[0][0], _without_units_key(block[0][1]))]
        following = [i for i, _ in head if i > last]
        layout.data_start_line = following[0] if following else head_lines
        if len(block) > 2 and any(tickers_row(_fit(f, width)) for _, f in block):
            # "Exchange,NYSE,NASDAQ" beside "Ticker,AAPL,MSFT": a note on the tickers, no part of their labels
            # (listing_rows.py). Kept, the closes loaded as tickers "AAPL NYSE" and "MSFT NASDAQ".
            notes = listing_notes([_fit(f, width) for _, f in block])
            block = [b for k, b in enumerate(block) if k not in notes]
        header = _fit_header(block[0][1], width)
        others = [_fit(f, width) for _, f in block[1:]]
        raw_names = [h if h.strip() else next((o[j] for o in others if o[j].strip()), "") for j, h in enumerate(header)]
        if period_row and others:  # "Jahr 2001": the repeated name, told apart by its period
            raw_names = [f"{h.strip()} {p.strip()}".strip() if p.strip() else n
                         for h, p, n in zip(header, others[-1], raw_names)]
        elif others and not all(map(str.strip, header)) and all(map(str.strip, others[-1])):
            # Labels spanning groups of columns ("Sales,,Costs,") over a row naming every column
            # ("date,units,date,units"): each column is named by both, as pandas flattens such a
            # header. Named by the label alone, "units" and "date" were lost, and the column typed
            # under the label's name (an Excel serial under "Sales" read as a number).
            raw_names = [" ".join(c.strip() for c in (h, *(o[j] for o in others)) if c.strip())
                         for j, h in enumerate(header)]
        elif _keyed_rows_over_ids(header, others):
            raw_names = others[-1]
        layout.names = unique_names(raw_names)
        layout.header_rows = [header, *others]
        # pandas' "Close.1" is a second "Close" (pandas_repeats.py); the names shown keep it.
        cells = [unsuffixed(r) for r in layout.header_rows]
        layout.header_cells = [[r[j].strip() for r in cells if r[j].strip()] for j in range(width)]
    else:
        layout.data_start_line = first_data_line
        layout.names = unique_names([""] * width)
        layout.header_cells = [[] for _ in range(width)]

    # The rows above the confirmed start are data, but type no column: they hold the values the
    # provisional types rejected, and one in a few rows would cost a date column its format.
    data_rows = rows[start if confirmed is None else max(start, confirmed):]
    if tail is None:
        candidates = data_rows
        blank = [i for i, f in gaps if not any(map(str.strip, f))]
    else:
        candidates = [(i, f) for i, f in tail if any(map(str.strip, f))]
        blank = sorted(i for i, f in set_off_blanks(tail, len(candidates)) if not any(map(str.strip, f)))
    date_columns = [j for j, t in enumerate(provisional) if t.type in ("date", "timestamp")]
    written = [(j, m) for j, m in judge.matchers if provisional[j].type in ("date", "timestamp")
               and provisional[j].format not in NUMBER_DATE_FORMATS]
    m = footer_start(candidates, blank, judge.data_like, width, date_columns, from_end=tail is not None,
                     dated=partial(_dated, written) if written and blank else None,
                     number=partial(to_float, decimal=decimal, thousands=thousands))
    first_footer = candidates[m][0] if m is not None else None
    if first_footer is not None:
        layout.footer_lines = (head_lines - first_footer) if tail is None else first_footer
    body = [f for i, f in data_rows if first_footer is None or tail is not None or i < first_footer]
    if tail is not None:  # tail rows count lines from the end: the footer has the small numbers
        tail_data = [f for i, f in candidates if first_footer is None or i > first_footer]
        layout.tail_data_rows = sum(len(f) == width or _fits(f, width) for f in tail_data)
        body += tail_data
    # Only rows of the table's width vote on column types: a row cut short ("BBJQLW|4") would put
    # its stray cell under a column it does not belong to.
    if set(map(len, body)) == {width}:  # most samples: every row as wide, each kept as it is (asked in C)
        fitting = list(body)
    else:
        fitting = [f if len(f) == width else _fit(f, width) for f in body if len(f) == width or _fits(f, width)
                   or ((ragged or short_rows) and len(f) < width and judge.data_like(f))]  # short by trailing fields
    body = fitting or [_fit(f, width) for f in body if judge.data_like(f)]
    if block and body:
        # The header repeated down the table (a report's page breaks, files joined into one) names
        # its columns again: counted among the values, its names made text of numeric columns.
        heads = [_fit(f, width) for _, f in block]
        if any(h in body for h in heads):  # the list's own scan, in C: most files repeat none
            body = [f for f in body if f not in heads]
    layout.body = body
    body_types = partial(_column_types, body, width=width, decimal=decimal, thousands=thousands,
                         file_date=file_date, dates_from_1904=dates_from_1904)
    layout.types = body_types(layout.names)
    shifted = names_after_row_names(block[0][1], layout.types, body) if len(block) == 1 and not ragged else None
    if shifted is not None:  # the rows lead with row names that the header does not name (row_names.py)
        layout.names = unique_names(shifted)
        layout.header_cells = [[name] if name else [] for name in shifted]
        layout.types = body_types(layout.names)
    if len(block) == 1 and not ragged and names_past_rows(block[0][1], below, width):
        unnamed = body_types([])
        if words_over_headerless(layout.header_cells, layout.types, unnamed, body):
            # A line of words wider than the table, no header of it: preamble, the rows headerless.
            # The data still starts right below it: rows between (damaged ones the header search
            # looked past) stay data, to be loaded or rejected, not skipped as preamble.
            layout.header_row = -1
            layout.names = unique_names([""] * width)
            layout.header_cells = [[] for _ in range(width)]
            layout.types = unnamed
    return layout
