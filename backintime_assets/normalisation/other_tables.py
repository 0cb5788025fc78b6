"""Blocks of data rows of another layout among the lines outside the detected table.

Two exports of two layouts in one file (this year's export, one column more, appended below last
year's; two yfinance downloads of one security each, stacked) show detection two tables: it takes
one, and the other's rows fall outside it, as preamble or footer. They do not read as rows of the
table (another field count, another date format), so outside.py's read passes them over as it does
notes, and they would vanish unseen. A run of lines that are evidently rows of a table of their own
is rejected with a reason instead: counted and visible. Never loaded: their columns are not the
schema's, and which is the close is a guess.

The evidence, all of it needed, so that notes stay notes: each line holds a whole cell that is a
date (a note dates itself inside a sentence: "Downloaded 2024-01-05, prices in USD") and a number,
and no fewer numbers than words of prose; the run's lines have one field count with the date in one
column, on dates that differ (a row a day) and its words stand still down a column (a ticker, a
currency), where a block of statistics labels each line ("High", "Low", "Mean"); or on one date,
told apart by codes down a column (a day's snapshot of several tickers). A word that
repeats down its column, or is a code ("AAPL.O", "USD", "XNAS"), is a cell of the block's, not
prose: a row of ticker, date, currency, exchange and price holds more words than numbers. Two lines
at least: one line is no table.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass

from backintime_assets.detection.dates import shape, strptime_year
from backintime_assets.detection.numbers import NULL_SPELLINGS

from .records import Line

MIN_ROWS = 2
_MAX_SPLITS = 8  # levels of splitting a run that fails as one block (_run_rejected)
# A number as exports write it: a sign or brackets, a currency sign, digit groups of either mark,
# a percent sign or a K/M/B suffix (Investing.com's volumes).
_NUMBER = re.compile(r"^[(+-]?[$€£¥]?\d[\d.,'\u00a0\u202f ]*(?:[eE][+-]?\d+)?[%KMBkmb)]?$")
_DIGIT = re.compile(r"\d")
# A code: a ticker, a currency, an exchange, an ISIN; upper case, no space. A label ("High",
# "Total") or a phrase ("Closing note") is prose.
_CODE = re.compile(r"^[\^]?[A-Z][A-Z0-9.=/:_-]{0,15}$")
# A number with a fraction, as a price has ("185.20", "0,24"; "1,200" is a grouping): the one mark
# of a price a line of codes and one number holds, where a page count, an id, a counter have none.
_FRACTION = re.compile(r"\d\.\d|\d,(?!\d{3}\b)\d")


@dataclass(frozen=True)
class _Row:
    """An outside line that reads as a dated row of numbers: its place, its key (the run's lines
    share it), its date, and its words by column."""
    line: Line
    key: tuple[int, ...]
    width: int
    date: str
    words: tuple[tuple[int, str], ...]
    numbers: int


def other_layout_rows(lines: Sequence[Line], dialect: dict, date_format: str | None, width: int,
                      padded: bool, where: dict[str, str]) -> list[Line]:
    """The lines of `lines` ((line, raw, kind) outside the table, in line order, those that read as
    the table's rows left out) in runs of rows of a table of their own, as rejected (line, raw,
    reason). `dialect`: csv.reader keywords for a line's cells; `date_format`: the table's date
    column's (its rows' dates may be written so); `width`: the table's field count; `padded`: the
    cells are a spreadsheet row's, whose trailing empty cells the reader dropped (no steady field
    count); `where`: by kind, where such a line lies ("above the table's header")."""
    out: list[Line] = []
    run: list[_Row] = []
    cuts: list[int] = []  # where in the run a blank line came between two rows
    follows, blank = 0, False  # the line a row must be on to continue the run: the next, past blank lines
    for line in lines:
        if not line[1].strip():
            # A blank line between two rows does not end their table: an export that writes
            # "\r\r\n" (or double spaces its lines) has one after every row, and no run of its
            # rows was ever two lines long.
            blank = blank or follows == line[0]
            follows += follows == line[0]
            continue
        row = _row(line, dialect, date_format, padded)
        if run and (row is None or row.key != run[-1].key or line[0] != follows):
            out += _run_rejected(run, cuts, width, where)
            run, cuts = [], []
        if row is not None:
            if run and blank:
                cuts.append(len(run))
            run.append(row)
        follows, blank = line[0] + 1, False
    return out + _run_rejected(run, cuts, width, where)


def _run_rejected(run: list[_Row], cuts: list[int], width: int, where: dict[str, str], depth: int = 0) -> list[Line]:
    """The rows of a run rejected: the run as one block or, where it is none, each of its parts
    between blank lines (two tables set apart by a blank line, one ticker's days each, share
    their dates: joined, neither would be one)."""
    out = _rejected(run, width, where)
    # Each split may leave parts whose words now read as prose, split again: a few levels find the
    # blocks there are; past them a run of notes is left notes, not read down a line at a time
    # (thousands of levels, and a RecursionError would leave the whole file unread).
    if out or len(run) < MIN_ROWS or depth >= _MAX_SPLITS:
        return out
    # Lines of more words than numbers may be notes among rows (a dated remark below the block, of
    # its width): the parts between them are judged without them. Those of prose first; failing
    # them, the parts between blank lines and those between all such lines (below).
    notes = _prose(run)
    if notes:
        return _between(run, cuts, notes, width, where, depth + 1)
    bounds = [0, *cuts, len(run)]
    by_blanks = ([line for a, b in zip(bounds, bounds[1:])
                  for line in _run_rejected(run[a:b], [], width, where, depth + 1)] if cuts else [])
    # Split at all lines of more words than numbers, each part then at its blank lines: as the run
    # was judged before such lines could be rows. Split at the blank lines alone, a double-spaced
    # block with one such line among its rows fell into parts of one row each, passed over. A row
    # either split rejects is rejected, so none rejected before such lines could be rows is lost.
    wordy = [k for k, row in enumerate(run) if row.numbers < len(row.words)]
    if not wordy:
        return by_blanks
    by_line = {line[0]: line for line in _between(run, cuts, wordy, width, where, depth + 1)}
    by_line.update((line[0], line) for line in by_blanks)
    return sorted(by_line.values())


def _between(run: list[_Row], cuts: list[int], splits: list[int], width: int, where: dict[str, str],
             depth: int) -> list[Line]:
    """The rows rejected of the parts of a run between its rows at `splits`, each a run of its own."""
    bounds = [-1, *splits, len(run)]
    return [line for a, b in zip(bounds, bounds[1:]) if b - a > MIN_ROWS
            for line in _run_rejected(run[a + 1:b], [c - a - 1 for c in cuts if a + 1 < c < b], width, where, depth)]


def _row(line: Line, dialect: dict, date_format: str | None, padded: bool) -> _Row | None:
    raw = line[1]
    if not _DIGIT.search(raw):  # most notes, labels and headers: no cell to read
        return None
    cells = _cells(raw, dialect)
    if len(cells) < 2:  # a row has a date and a number at least: a note of one cell is none
        return None
    # One pass over the cells: the line is looked at in Python, and a file may have thousands of
    # lines outside its table (a table stacked above it).
    date_at, date, numbers, words, priced = -1, "", 0, [], False
    for j, cell in enumerate(cells):
        value = cell.strip()
        if value in NULL_SPELLINGS:
            continue
        if not _DIGIT.search(value):  # a word: every date shape and number has a digit
            words.append((j, value))
        elif date_at < 0 and shape(value) is not None:
            date_at, date = j, value
        elif _NUMBER.match(value):
            numbers += 1
            priced = priced or bool(_FRACTION.search(value))
        elif shape(value) is None:  # a second date (a settlement day) is no word
            words.append((j, value))
    if (date_at < 0 and numbers and date_format and "%" in date_format
            and sum(not _CODE.match(value) for _, value in words) <= numbers + 1):
        # The table's own date format where no common shape reads: strptime is slow, so only on a
        # line that one date among its words of prose would make a row.
        k = next((k for k, (_, value) in enumerate(words) if strptime_year(value, date_format) is not None), None)
        if k is not None:
            (date_at, date), words = words[k], words[:k] + words[k + 1:]
    if date_at < 0 or numbers == 0 or (numbers < len(words) and not priced):
        # More words than numbers and no price among them: a dated note of labels and a count
        # ("AS OF,2024-01-05,PAGE,1", "HOLIDAY,2024-01-15,NYSE,1"), however its words repeat.
        return None
    # More words than numbers with a price is judged with the run (_prose): whether they repeat down it.
    key = (date_at,) if padded else (date_at, len(cells))
    return _Row(line, key, len(cells), date, tuple(words), numbers)


def _cells(raw: str, dialect: dict) -> list[str]:
    """The cells of one line. Split by hand where no quote, escape or leading space asks for the
    reader (a line's reader costs more than the rest of its look); an error of the reader, a cell
    past csv.field_size_limit() (a disclaimer of one long quoted line), is no row, not the file's end:
    raised, it had left the whole file unread ("internal error")."""
    quote = dialect.get("quotechar")
    if not (dialect.get("escapechar") or dialect.get("skipinitialspace") or (quote and quote in raw)):
        return raw.split(dialect["delimiter"])
    try:
        return next(csv.reader([raw], **dialect), [])
    except csv.Error:
        return []


def _rejected(run: list[_Row], width: int, where: dict[str, str]) -> list[Line]:
    if len(run) < MIN_ROWS or _prose(run):
        return []
    days = len({row.date for row in run})
    if not (days == len(run) and _steady_words(run) or days == 1 and _securities(run)):
        return []
    fields = max(row.width for row in run)
    place = where.get(run[0].line[2], "outside the table's rows")
    shape_of = (f"(the table's rows have {width})" if fields != width
                else "that do not read as the table's rows")
    why = (f"outside the table: a row of {fields} fields, one of a block of {len(run)} such rows {place}"
           f" {shape_of}: a table of another layout? save it as a file of its own")
    return [(row.line[0], row.line[1], why) for row in run]


def _steady_words(run: list[_Row]) -> bool:
    """Whether no column of the run's words names each line differently (a label a line: the
    statistics below a table), a ticker or a currency repeating down it."""
    return all(len(set(words)) == 1 or len(set(words)) < len(words) for words in _by_column(run).values())


def _securities(run: list[_Row]) -> bool:
    """Whether a column of codes tells the run's lines apart: several securities' rows of one day (a
    day's snapshot of tickers and prices, appended again on a later run), not one line repeated."""
    return any(len(set(words)) > 1 and all(_CODE.match(word) for word in words) for words in _by_column(run).values())


def _by_column(run: list[_Row]) -> dict[int, list[str]]:
    by_column: dict[int, list[str]] = {}
    for row in run:
        for j, word in row.words:
            by_column.setdefault(j, []).append(word)
    return by_column


def _prose(run: list[_Row]) -> list[int]:
    """Where in the run the lines are that hold more words of prose than numbers: a word is the
    block's cell where it is a code or repeats down its column (the ticker, currency and exchange
    of a row of one price), prose where it is neither ("Closing note", a label)."""
    if all(row.numbers >= len(row.words) for row in run):
        return []  # the common block: no word to weigh
    seen: dict[tuple[int, str], int] = {}
    for row in run:
        for word in row.words:
            seen[word] = seen.get(word, 0) + 1
    return [k for k, row in enumerate(run)
            if sum(seen[(j, word)] == 1 and not _CODE.match(word) for j, word in row.words) > row.numbers]
