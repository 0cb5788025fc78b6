"""Name the rejected lines that repeat the file's header.

Files joined into one (`copy a.csv+b.csv`, `cat *.csv`, an export appended to by hand) repeat
their header wherever a part begins, often behind a byte-order mark of its own. Such a line is
rejected like any row that does not read ("unparseable value: date, close"), which leaves the
reader of rejected_rows to guess; its reason says what it is instead. It stays rejected: its
place in the data is the evidence that files were joined, and the accounting stays as it was.

A part whose header names the same columns in another order ("Date,Volume,Close" below
"Date,Close,Volume": another export's settings, another yfinance version), or in other words for
them in another order ("Date,Vol.,Price", "Datum,Volumen,Schluss": another site's, another
language's), is not the file's layout: read in the file's order, its volumes loaded as closes.
Its rows are rejected, naming the line of their header (under_reordered_header), up to the next
line that repeats the file's header, in its words or in others in its order ("Datum,Schluss,
Volumen" below "Date,Close,Volume": a repeat, its rows read right).

Of several tickers side by side under a line of labels (",AAPL,AAPL,MSFT,MSFT" over the fields), a
part pasted below under its own labels in another order (",MSFT,MSFT,AAPL,AAPL"), or naming a ticker
the file's do not, is another layout as well: read in the file's order, MSFT's prices loaded as
AAPL's. Its label line is RELABELLED_HEADER; a line of fields below it (the file's order, a repeat
on its own) carries its part on rather than ending it: only a line of labels says whose columns are
whose. A line of labels naming none of the file's tickers heads such a part when a line of fields
is beside it (not a line of currencies under the file's labels), or when it lies between rows and
the rows below it do not carry on each ticker's series above (carried_on.py): in capitals or not,
",ADR,,ORD," over rows running on is a note, ",goog,goog,amzn,amzn" over another series a part.
Written as a download writes its labels (",GOOGL,GOOGL,IVV,IVV", "GOOGL US Equity"), it heads a
part whatever the prices: another share class's or an ETF twin's prices run on from the file's.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.canonical import header_says, names_time_of_day
from backintime_assets.detection.currencies import CURRENCY_CODES
from backintime_assets.detection.date_system import EPOCH_FORMATS
from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.flat_header import named_in_any_case, split_cell
from backintime_assets.detection.layout import unique_names
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.series import ticker_like

from .carried_on import carries_on
from .records import Line

REPEATED_HEADER = "a repeat of the header line (files joined into one?)"
REORDERED_HEADER = "the header's names in another order (files joined into one?)"
RELABELLED_HEADER = ("labels naming the tickers over other columns than the header's: in another order, or "
                     "a ticker it does not name (files joined into one?)")
# Of a line of labels naming none of the file's tickers: a part's, or a line of currencies under the
# file's labels; never a reason (name_repeated_headers judges it with the lines beside it).
_FOREIGN = "labels naming none of the file's tickers"
# The lines that begin a part whose rows are not read in the file's order.
PART_STARTS = (REORDERED_HEADER, RELABELLED_HEADER)
_HEADS = (REPEATED_HEADER, *PART_STARTS)
_BOM = "\ufeff"
# A header in other words than the file's ("Datum,Volumen,Schluss" below "Date,Close,Volume") may
# lack its first name; a line without a digit is looked at too, as no row of prices is.
_DIGIT = re.compile(r"\d")


def name_repeated_headers(rejected: list[Line], schema: FileSchema,
                          carried: Callable[[int], bool | None] | None = None) -> list[Line]:
    """`rejected` with the reason of each line that is a header replaced by what it is: a repeat of
    the file's (in its words or others, in its order), its names in another order, or labels naming
    the tickers over other columns than the file's (_header_kind). `carried(line)`: whether the
    loaded rows on either side of a line run on (carried_on.carries_on; None: not known)."""
    names = [c.name.strip().lower() for c in schema.columns]
    named = _first_name(schema)  # a quick refusal for the usual rejected row: it lacks this name
    if not rejected or schema.header_row < 0 or named is None:
        return rejected
    out = []
    kinds: dict[str, str | None] = {}  # a wide table's line is rejected once for each ticker: judged once
    labels = _labels_of(schema)
    for line, raw, reason in rejected:
        if raw in kinds:
            kind = kinds[raw]
        else:
            kind = kinds[raw] = _header_kind(raw, names, schema) if _may_name(raw, named, schema, labels) else None
        out.append((line, raw, kind or reason))
    if _FOREIGN in kinds.values():
        out = _foreign_labels_judged(out, rejected, schema, carried)
    return out


def _foreign_labels_judged(named: list[Line], rejected: list[Line], schema: FileSchema,
                           carried: Callable[[int], bool | None] | None = None) -> list[Line]:
    """`named` with each line of labels naming none of the file's tickers (_FOREIGN) named
    RELABELLED_HEADER when it heads a part: a line of fields is right above it (yfinance's "Price"
    over its "Ticker"; not the file's fields under its labels) or right below it and the rejected
    lines without a digit under it (a line of currencies), or, in capitals or not, it lies between
    rows and the rows below it do not carry on those above (`carried`); and no line of labels is
    right above it. Else its reason is left as it was (`rejected`): a line of currencies or exchanges
    under the file's labels, a note over each ticker."""
    at = {line: (raw, kind) for line, raw, kind in named}
    labelled: dict[int, bool] = {}

    def labels(line: int) -> bool:
        if line not in labelled:
            labelled[line] = line in at and _names_labels(at[line][0], schema)
        return labelled[line]

    def fields(line: int) -> bool:
        return line in at and at[line][1] in (REPEATED_HEADER, REORDERED_HEADER) and not labels(line)

    def row(line: int) -> bool:  # a row of prices (loaded, or rejected with a digit), not a header's line
        return _DIGIT.search(at[line][0]) is not None if line in at else line > schema.data_start_line

    def heads(line: int) -> bool:
        below = line + 1
        while below in at and at[below][1] not in _HEADS and (at[below][1] == _FOREIGN or
                                                               _DIGIT.search(at[below][0]) is None):
            below += 1  # past a line of currencies, not past the file's labels (a line of names over them)
        if labels(line - 1):
            return False
        # Under the file's labels and fields repeated, a line of currencies (the file's header block
        # again, as at its top) carries the part on.
        if (fields(line - 1) and not labels(line - 2)) or fields(below):
            return True
        # Right over rows, between rows, with no line of fields (",GOOG,GOOG,AMZN,AMZN" pasted over
        # another download's rows): its rows were loaded under the file's tickers. A note between
        # rows (",ADR,,ORD,", ",Halted,,Trading,") is written as tickers may be, in capitals or not
        # (",goog,goog,amzn,amzn"): the prices tell, the rows below carrying on each ticker's series
        # above or not. Exchanges, states and currencies are notes whatever the prices do; labels
        # written as a download writes them (in capitals over each column, "GOOG US Equity") are
        # not, whatever the prices do: a share class's or an ETF twin's run on from the file's. Not
        # known (no rows loaded on either side: the part's own rows clashing with those above), the
        # rows below are rejected rather than loaded as the file's tickers'.
        if not (row(line - 1) and row(below)) or _a_note(at[line][0], schema):
            return False
        return carried is None or _a_download_s(at[line][0], schema) or carried(line) is not True
    kinds = {line: RELABELLED_HEADER if heads(line) else None for line, (_, kind) in at.items() if kind == _FOREIGN}
    return [(line, raw, kind if (kind := kinds.get(line, why)) is not None else reason)
            for (line, raw, why), (_, _, reason) in zip(named, rejected)]


# Exchanges and trading states written over each ticker's columns between rows, no ticker's label.
_NOTE_WORDS = frozenset({"NYSE", "NASDAQ", "AMEX", "XETRA", "LSE", "TSX", "TSXV", "HKEX", "EURONEXT", "HALTED",
                         "SUSPENDED", "TRADING", "DELISTED"})
_MAJOR_CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CHF"})


def _label_words(raw: str, schema: FileSchema) -> list[str]:
    """The first word of each label of a line of labels (over a ticker's columns)."""
    found, cells = _labels_of(schema), _cells(raw, schema, len(schema.columns))
    if found is None or cells is None:
        return []
    return [cell.split()[0] for cell, key in zip(cells, found[0]) if key is not None and cell.strip()]


# A Bloomberg security's last word (its "yellow key"): "GOOG US Equity", "SPX Index", "EURUSD Curncy".
_YELLOW_KEYS = frozenset({"EQUITY", "INDEX", "CURNCY", "COMDTY", "GOVT", "CORP", "MTGE", "MUNI", "PFD"})


def _a_download_s(raw: str, schema: FileSchema) -> bool:
    """Whether a line of labels is written as a download writes its tickers' labels: in capitals over
    each of a ticker's columns (",GOOGL,GOOGL,IVV,IVV"), or naming Bloomberg securities ("GOOG US
    Equity"). Another download's rows below it are loaded as the file's tickers' when its prices run
    on from theirs (a share class, an ETF's twin, the next months' download): not a note, whatever
    the prices do. A note over each ticker is written once over its columns (",ADR,,ORD,")."""
    found, cells = _labels_of(schema), _cells(raw, schema, len(schema.columns))
    if found is None or cells is None:
        return False
    mine = [cell for cell, key in zip(cells, found[0]) if key is not None]
    if any(len(words := cell.split()) > 1 and words[-1].upper() in _YELLOW_KEYS for cell in mine):
        return True
    return len(mine) == sum(key is not None for key in found[0]) and all(
        cell and cell.split()[0] == cell.split()[0].upper() for cell in mine)


def _a_note(raw: str, schema: FileSchema) -> bool:
    """Whether a line of labels names exchanges, trading states or currencies over each ticker, in
    any case (",NYSE,,NASDAQ,", ",HALTED,,TRADING,", ",usd,,eur,"): a note, the good rows below it
    not rejected. Only words no ticker is: a currency code may be ("AMD", "ALL", "NOK"), so a line of
    them is a note only beside a major one."""
    words = [w.upper() for w in _label_words(raw, schema)]
    return any(w in _NOTE_WORDS for w in words) \
        or (bool(words) and all(w in CURRENCY_CODES for w in words) and any(w in _MAJOR_CURRENCIES for w in words))


def header_like(rejected: list[Line], schema: FileSchema) -> list[Line]:
    """The rejected lines that hold the header's first real name, or name columns without a digit:
    those that may repeat it (_may_name)."""
    named, labels = _first_name(schema), _labels_of(schema)
    return [] if named is None or schema.header_row < 0 else \
        [x for x in rejected if _may_name(x[1], named, schema, labels)]


def _may_name(raw: str, named: str, schema: FileSchema,
              labels: tuple[tuple[str | None, ...], frozenset[str]] | None) -> bool:
    """Whether a rejected line may be a header: it holds the header's first name, or no digit and two
    cells that name a column (split plainly: a quick refusal of a line of words, read no further),
    or, of several tickers side by side (`labels`: _labels_of, once for all lines), a ticker's label."""
    if named in raw.lower():
        return True
    if _DIGIT.search(raw) is None and _names_two(raw, schema.delimiter or ","):
        return True
    # Of several tickers side by side, a line of labels naming none of them as well: judged with
    # the lines beside it (_foreign_labels_judged).
    return labels is not None and (_DIGIT.search(raw) is None or _names_a_label(raw.split(schema.delimiter or ","),
                                                                                *labels))


def _names_a_label(cells: list[str], keys: tuple[str | None, ...], known: frozenset[str]) -> bool:
    """Whether a line's cells, split plainly, name one of the file's tickers as its labels do, and
    no shared column's holds a digit: a quick refusal of a row of prices, its date in a shared one."""
    if any(key is None and _DIGIT.search(cell) for cell, key in zip(cells, keys)):
        return False
    return any(_label_key(c.strip().strip('"').lstrip(_BOM)) in known for c in cells)


def _label_key(label: str) -> str:
    """The ticker a label names: its first word ("AAPL US Equity" and "AAPL" are one ticker's)."""
    words = label.split()
    return words[0].upper() if words else ""


def _labels_of(schema: FileSchema) -> tuple[tuple[str | None, ...], frozenset[str]] | None:
    return _label_keys(tuple(c.series for c in schema.columns))


@lru_cache(maxsize=64)
def _label_keys(series: tuple[str | None, ...]) -> tuple[tuple[str | None, ...], frozenset[str]] | None:
    """(per column, the key of its ticker's label, None for a shared column; the keys) of a table of
    several tickers side by side, or None: another table, or labels whose first words are alike
    (keys that would not tell them apart)."""
    labels = {s for s in series if s is not None}
    keys = frozenset(_label_key(s) for s in labels)
    if not labels or len(keys) < len(labels) or "" in keys:
        return None
    return tuple(None if s is None else _label_key(s) for s in series), keys


@lru_cache(maxsize=1024)  # a note or a marker line repeated down a file is looked at once
def _names_two(raw: str, delimiter: str) -> bool:
    return sum(header_says(c.strip().strip('"').lstrip(_BOM)) is not None for c in raw.split(delimiter)) >= 2


def _first_name(schema: FileSchema) -> str | None:
    """The header's first real name (an R-style header leaves the first column unnamed, "column_1",
    which no line holds): a line without it repeats no header."""
    return next((n for c in schema.columns if not (n := c.name.strip().lower()).startswith("column_")), None)


def under_reordered_header(rejected: list[Line], row_lines: np.ndarray, sheets: np.ndarray | None = None,
                           place: Callable[[int], str] = "line {}".format, schema: FileSchema | None = None
                           ) -> list[tuple[np.ndarray, str]]:
    """(mask by `row_lines`, reason) of the rows below each line that names the header's columns in
    another order, or the tickers' labels (named by name_repeated_headers), up to the next line
    repeating the header in any order (below such labels, the next line of labels: `schema`, the
    file's, tells them), or the end of its workbook sheet (`sheets`: the line each data sheet starts
    after, sorted): none in most files, whose rejected lines are looked at no further. `place(line)`:
    where the reason says that header is (a workbook's sheet and row: its lines run on past a million)."""
    if not any(reason in PART_STARTS for _, _, reason in rejected):
        return []
    # Once each: a wide table's line is rejected once for each ticker.
    heads = sorted({(line, reason) for line, _, reason in rejected if reason in _HEADS})
    lines = np.asarray(row_lines, np.int64)
    heads = _fields_under_labels_dropped(heads, {line: raw for line, raw, _ in rejected}, schema)
    starts = np.array([line for line, _ in heads], np.int64)
    under = np.searchsorted(starts, lines, "right") - 1  # -1: above every one
    if sheets is not None and sheets.size:
        sheet_start = sheets[np.maximum(np.searchsorted(sheets, lines, "right") - 1, 0)]
        under[(under >= 0) & (starts[np.maximum(under, 0)] <= sheet_start)] = -1  # a header on a sheet before
    out = []
    for k, (line, kind) in enumerate(heads):
        if kind in PART_STARTS:
            says = ("whose labels name the tickers over other columns than the file's header (in another order, "
                    "or a ticker it does not name)" if kind == RELABELLED_HEADER else
                    "whose header names the columns in another order than the file's header")
            out.append(((under == k) & (lines != line),
                        f"below {place(line)}, {says}: not read in the file's order; save that part as a file "
                        "of its own"))
    return out


def _fields_under_labels_dropped(heads: list[tuple[int, str]], raws: dict[int, str],
                                 schema: FileSchema | None) -> list[tuple[int, str]]:
    """`heads` (line, kind) without the repeats of the fields alone below a line of labels in another
    order, up to the next line of labels (`raws`: each line's text): the part's own lines, which
    carry it on (its fields below its labels, a line of currencies between, its pages' headers), not
    the file's header again. Only a line of labels says whose columns are whose."""
    out: list[tuple[int, str]] = []
    relabelled = False
    for line, kind in heads:
        if kind == REPEATED_HEADER and relabelled and not _names_labels(raws.get(line, ""), schema):
            continue
        relabelled = kind == RELABELLED_HEADER
        out.append((line, kind))
    return out


def _names_labels(raw: str, schema: FileSchema | None) -> bool:
    """Whether a line is a line of the tickers' labels (_label_kind), the file's or others."""
    cells = None if schema is None else _cells(raw, schema, len(schema.columns))
    return cells is not None and _label_kind(cells, schema) is not None


def repeats_header(raw: str, schema: FileSchema) -> bool:
    """Whether one line repeats the header's names, whether or not the text read holds the header
    (a piece of a large file read past it: ingestion/parsed.py)."""
    named = _first_name(schema)
    names = [c.name.strip().lower() for c in schema.columns]
    return named is not None and named in raw.lower() and _repeats(raw, names, schema)


def _repeats(raw: str, names: list[str], schema: FileSchema) -> bool:
    return _header_kind(raw, names, schema) == REPEATED_HEADER


def _header_kind(raw: str, names: list[str], schema: FileSchema) -> str | None:
    """REPEATED_HEADER, REORDERED_HEADER (the header's names, each once, in another order), of several
    tickers side by side a line of labels' kind (_label_kind), or None."""
    if (cells := _cells(raw, schema, len(names))) is None:
        return None
    if (labelled := _label_kind(cells, schema)) is not None:
        return labelled
    if len(cells) != len(names):
        return None
    # Named as detection named the header's cells (an empty one "column_3", a second "Close" "Close_2").
    found = [c.lower() for c in unique_names(cells)]
    if found == names:
        return REPEATED_HEADER
    # Each name once, and every one written: an unnamed column's place ("column_3") says no order.
    # Only a column read moved: two notes beside the prices swapped leave every row read right.
    if sorted(found) == sorted(names) and len(set(names)) == len(names) \
            and not any(n.startswith("column_") for n in names) \
            and any(found[j] != names[j] for j, c in enumerate(schema.columns)
                    if c.canonical or names_time_of_day(c.name)):
        return REORDERED_HEADER
    return _respelt(cells, schema)


def _cells(raw: str, schema: FileSchema, width: int) -> list[str] | None:
    """A line's cells read as the file's records are (a space-aligned table merges its runs of
    spaces), its empty ones past the header's `width` dropped; None for a line the reader refuses."""
    kwargs = reader_kwargs(schema.delimiter or ",", schema.quotechar, schema.escapechar,
                           schema.skipinitialspace)
    try:
        cells = next(csv.reader([raw.lstrip(_BOM)], **kwargs))
    except (csv.Error, StopIteration, TypeError):  # a line past the field size limit: no header
        return None
    cells = [c.strip().lstrip(_BOM) for c in cells]
    while len(cells) > width and not cells[-1]:
        cells.pop()
    return cells


def _label_kind(cells: list[str], schema: FileSchema) -> str | None:
    """Of several tickers side by side: REPEATED_HEADER when a line's cells repeat the labels over
    each ticker's columns (",AAPL,AAPL,MSFT,MSFT"; "AAPL" under "AAPL US Equity"'s columns: its first
    word), RELABELLED_HEADER when they name one ticker over each's columns but another than the
    file's over some (",MSFT,MSFT,AAPL,AAPL", ",AAPL,AAPL,GOOG,GOOG"), _FOREIGN when they name none of
    the file's (",GOOG,GOOG,AMZN,AMZN", or a line of currencies: judged with the lines beside it),
    else None. A label line has nothing with a digit over a shared column (a date)."""
    found = _labels_of(schema)
    if found is None or len(cells) > len(schema.columns):
        return None
    keys, known = found
    # Tickers not in capitals ("Apple Close": flat_header._named_side_by_side): a cell naming a ticker
    # and a field in any case ("Google Close") is a header's name, as "GOOG Close" is, judged by
    # _respelt; taken for a label, a line of other companies' names between rows was no header of
    # theirs ("Google" not written as a ticker), and their rows loaded as Apple's and Microsoft's.
    loose = _loose(schema)
    over: dict[str, str] = {}  # the file's ticker -> the one written over its columns
    for cell, key in zip(cells, keys):
        if not cell:
            continue
        if key is None:
            if _DIGIT.search(cell):
                return None
        elif not ticker_like(cell) or header_says(cell) is not None or split_cell(cell) is not None \
                or (loose and named_in_any_case(cell) is not None) \
                or over.setdefault(key, _label_key(cell)) != _label_key(cell):
            # A field's name, a flat header's ticker and field ("AAPL Vol.": its fields' order is
            # judged by _respelt), a note, or two tickers over one ticker's columns: no label line.
            return None
    written = set(over.values())
    if len(over) < 2 or len(written) < len(over):
        return None
    if not written & known:
        return _FOREIGN
    return REPEATED_HEADER if all(k == w for k, w in over.items()) else RELABELLED_HEADER


def _respelt(cells: list[str], schema: FileSchema) -> str | None:
    """REORDERED_HEADER when a line's cells name the columns the header's names map to in other
    words and in another order ("Date,Vol.,Price" below "Date,Close,Volume"; "Date,Volume,Close,
    Volume,Close" below two tickers' "Date,Close,Volume,Close,Volume"): the read columns, each named
    by a whole-name synonym (canonical.header_says), one of them moved. REPEATED_HEADER when they
    name them in the same order ("Datum,Schluss,Volumen"): its rows read right, and it ends a part
    in another order above it, whose rows below it were rejected too. Else None.
    Of tickers named in a one-row header's cells ("Date,AAPL Vol.,AAPL Price" below "Date,AAPL Close,
    AAPL Volume": detection/flat_header.py), each cell's ticker as well: a part with the tickers
    swapped loaded one's prices as the other's, and a part of another ticker below one's
    ("Index,QQQ.Open,..." below "Index,SPY.Open,...") loaded as its."""
    read = [(c.series or _says(c.name)[0], "time_of_day" if names_time_of_day(c.name) else c.canonical)
            for c in schema.columns]
    # Tickers not in capitals ("aapl_close": flat_header._named_side_by_side) read in any case: a part
    # naming others ("goog_close") loaded as theirs.
    loose = _loose(schema)
    # A cell that is a header's name says what that column was read as ("Index": quantmod's date).
    own = {c.name.strip().lower(): k for c, (_, k) in zip(schema.columns, read)}
    says = [(_says(c, loose)[0], own[c.lower()]) if c.lower() in own else _says(c, loose) for c in cells]
    # An empty cell over the date names it as the file's header may ("": pandas' unnamed index): a
    # line ",goog_close,amzn_close" (",msft_close,aapl_close") between rows was no header, and
    # another download's (the tickers swapped) loaded as the file's tickers'. Only where every other
    # cell names a ticker, as a flat header's do (not a fields row under labels: ",PX_LAST,PX_VOLUME").
    if all(label for c, (label, _) in zip(cells, says) if c):
        says = [(None, "date") if not c and j < len(read) and read[j] == (None, "date") else said
                for j, (c, said) in enumerate(zip(cells, says))]
    if not any(label for label, _ in says):  # a line of fields alone (under a label row) names no ticker
        read = [(None, k) for _, k in read]
    if any(c.canonical == "date" and _stamped(c.format) for c in schema.columns) \
            and not any(k == "time_of_day" for _, k in read):
        # "Time" over a file's stamps (its date and time in one column) names its date: read as a
        # time of day, the part below "Time,Symbol,Close,High,Low,Open" was no reordered one, and
        # loaded its closes as opens.
        says = [(label, "date" if k == "time_of_day" else k) for label, k in says]
    found, wanted = [k for _, k in says if k], [k for _, k in read if k]
    if len(set(wanted)) < 2 or sorted(found) != sorted(wanted):
        return None
    return REORDERED_HEADER if any(says[j] != k for j, k in enumerate(read) if k[1]) else REPEATED_HEADER


def _loose(schema: FileSchema) -> bool:
    """Whether the file's tickers are named in its header's cells not in capitals ("aapl_close",
    "Apple Close": flat_header._named_side_by_side)."""
    return any(c.series and split_cell(c.name) is None and named_in_any_case(c.name) for c in schema.columns)


def _stamped(fmt: str | None) -> bool:
    """Whether a date column's format reads a time of day with the date (an ISO stamp, an epoch)."""
    return bool(fmt) and ("%H" in fmt or fmt in EPOCH_FORMATS)


def _says(cell: str, loose: bool = False) -> tuple[str | None, str | None]:
    """(the ticker a cell names with a field, "AAPL Close": flat_header.py, in any case if `loose`
    ("aapl_close"); what its name says it holds)."""
    if not cell:
        return None, None
    named = header_says(cell)
    if loose and named is None and (found := named_in_any_case(cell)) is not None:
        return found
    if named is not None or (parts := split_cell(cell)) is None:
        return None, named
    return parts[0], header_says(parts[1])


def reordered_in_piece(result, schema: FileSchema, source_file: str, above: tuple[int, str] | None,
                       text_of, before: pa.Table | None = None) -> tuple[int, str] | None:
    """A piece of a large file read on its own (ingestion/parsed.py), its lines numbered in the file:
    its rows below a line naming the header's columns in another order, in it or `above` it (the
    line and kind of the last header line of the pieces before, when that one begins a part), moved
    from its prices to its rejected rows, as the file read whole rejects them. A piece past the
    first is read without the header, which names none of its repeats: named here with `schema`,
    the file's. `text_of(line)`: a line's text. `before`: each ticker's last row of the pieces before
    (carried_on.last_rows), which a line of labels at the piece's top is judged by as read whole.
    Returns what `above` is for the next piece."""
    rejected = result.rejected_arrow
    named = _first_name(schema)
    # Of several tickers side by side, each row's reason names its ticker (rules.series_reason), as read whole.
    wide = schema.side_by_side
    if named is None or schema.header_row < 0 or not (rejected.num_rows or above is not None):
        return above
    # The lines that may repeat the header found without a row of Python for each rejected line.
    maybe = pc.or_(pc.match_substring(rejected["raw"], named, ignore_case=True),
                   pc.invert(pc.match_substring_regex(rejected["raw"], r"\d")))
    if (labels := _labels_of(schema)) is not None:  # a line of labels
        maybe = pc.or_(maybe, pc.match_substring_regex(rejected["raw"], "|".join(map(re.escape, labels[1])),
                                                       ignore_case=True))
    maybe = rejected.filter(maybe)
    heads = [x for x in name_repeated_headers(
        list(zip(*(maybe[c].to_pylist() for c in ("source_line", "raw", "reason")))), schema,
        carries_on(result.prices_arrow, before))
        if x[2] in _HEADS]
    if heads:  # each named as the file read whole names it
        kinds = {line: reason for line, _, reason in heads}
        reasons = [reason if (kind := kinds.get(line)) is None else f"{reason.partition(': ')[0]}: {kind}" if wide
                   else kind
                   for line, reason in zip(rejected["source_line"].to_pylist(), rejected["reason"].to_pylist())]
        at = rejected.schema.get_field_index("reason")
        rejected = rejected.set_column(at, "reason", pa.array(reasons, pa.string()))
    if above is not None:
        heads.insert(0, (above[0], "", above[1]))
    if not heads:
        return above
    heads.sort(key=lambda x: x[0])
    prices = result.prices_arrow
    lines = prices["source_line"].to_numpy(zero_copy_only=False)
    tickers = prices["ticker"] if wide else None
    moved = np.zeros(len(lines), dtype=bool)
    rows: list[Line] = []
    for mask, reason in under_reordered_header(heads, lines, schema=schema):
        moved |= mask
        named = tickers.filter(pa.array(mask)).to_pylist() if wide else None
        rows += [(int(n), text_of(int(n)), f"{named[k]}: {reason}" if wide else reason)
                 for k, n in enumerate(lines[mask])]
    if rows:
        extra = pa.Table.from_arrays([pa.array([source_file] * len(rows), pa.string()),
                                      pa.array([r[0] for r in rows], pa.int64()),
                                      pa.array([r[1] for r in rows], pa.string()),
                                      pa.array([r[2] for r in rows], pa.string())], schema=rejected.schema)
        rejected = pa.concat_tables([rejected, extra]).sort_by("source_line")
        result.prices_arrow = prices.filter(pa.array(~moved))
    result.rejected_arrow = rejected
    last = _fields_under_labels_dropped([(line, kind) for line, _, kind in heads], {x[0]: x[1] for x in heads},
                                        schema)[-1]
    return last if last[1] in PART_STARTS else None


def header_at_end(result, schema: FileSchema) -> int | None:
    """Of several tickers side by side, the line (in the file) a piece's last lines begin on when
    they are header lines (labels, fields: rejected, no digit) with no row below them in the piece;
    None otherwise (most pieces). Read apart from the lines on either side, a line of labels naming
    none of the file's tickers is not known to head a part (_foreign_labels_judged): the piece ends
    above them instead (ingestion/parsed.py)."""
    rejected = result.rejected_arrow
    if _labels_of(schema) is None or not rejected.num_rows:
        return None
    lines = rejected["source_line"].to_numpy(zero_copy_only=False)
    loaded = result.prices_arrow["source_line"].to_numpy(zero_copy_only=False)
    below = lines > (loaded.max() if loaded.size else -1)
    tail = sorted({(int(line), raw) for line, raw in zip(lines[below], rejected["raw"].filter(pa.array(below))
                                                         .to_pylist())}, reverse=True)
    names = [c.name.strip().lower() for c in schema.columns]
    start = None
    for line, raw in tail:  # the last lines without a digit, from the piece's end up
        if _DIGIT.search(raw) is not None:
            break
        start = line if _header_kind(raw, names, schema) is not None else start
    return start
