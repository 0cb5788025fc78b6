"""Detect many files at once, letting a file borrow the schema of an earlier one with its layout.

Offices export day after day from one template, and detection costs about as much as parsing a
small daily file. A file whose lines before the data (preamble and header) are byte-identical to
those of a file already detected may borrow that file's schema; where its dates name a day and a month
in numbers ("%d/%m/%Y"), only a file of the same source may (named alike in the same folder:
_order_source), as the order is no part of those bytes, or one whose own first rows prove that order
(_proves_alike). The borrowed schema must then be proven on the file's rows; what proves it:
- the schema reads every data row: none is rejected for a reason of reading (an unparseable or
  missing value, a wrong field count), only for its values;
- the file ends with exactly as many non-data lines (totals, notes) as the schema says: no line
  it calls footer reads as a price row (normalisation/outside.py), and no footer line is left in the
  data region (it would be rejected for a reason of reading);
- its notes declare the unit the schema reads its volume in ("Volume in millions." below the
  table: detection/multipliers.py), as they are not among the bytes it was borrowed on, and its
  volumes are not already the count that unit would make them;
- its own dates do not say the other day/month order: "01/02/2024, 02/02/2024, ... 12/02/2024"
  read month first under a neighbour's "%m/%d/%Y" parse, as a month a row, yet they are February's
  days (dates.py: `_num_order`), and detected on its own the file reads them so.
Anything else (a rejected row, a different footer, an unusual file) and the file is detected on its
own, so borrowing can make detection cheaper but never different in what it accepts.

The schema is borrowed on the pre-data bytes alone, marked `borrowed_from`; the first read of the
whole file, which parses every row anyway, proves it (`holds_on_whole_file`): the raw step's survey
(survey.py), or the conversion for a file detected apart (parsed.py). Where it does not hold, the
file is detected on its own and read with that schema, which is what file_schemas records. A
borrowed schema is then never worse than the file's own.
"""
from __future__ import annotations

import copy
import csv
import json
import re
from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection import FileSchema
from backintime_assets.detection.epoch_days import utc_instants
from backintime_assets.detection.canonical import names_a_term
from backintime_assets.detection.dates import GUESSED_ORDER_CERTAINTY, _num_order, infer_date_format
from backintime_assets.detection.dialect import reader_kwargs
from backintime_assets.detection.filename import dated_name, download_day, named_days
from backintime_assets.detection.swapped_cells import own_swap
from backintime_assets.detection.tenors import bare_tenors
from backintime_assets.detection.nameless import nameless_problem
from backintime_assets.detection.multipliers import (
    PRICE_FIELDS, already_counted, as_declared, column_unit, noted_unit, price_scale, prices_already_counted,
)
from backintime_assets.detection.office_names import source
from backintime_assets.ingestion.schema_texts import names_tickers
from backintime_assets.ingestion.sibling_order import DAY_MONTH
from backintime_assets.normalisation.outside import OUTSIDE_THE_TABLE, READING_PROBLEMS, unlabelled


class LayoutMemory:
    """Schemas detected so far, by the bytes before their data (and, for those whose dates name a day and
    a month in numbers, by the source of their file: _order_source); one per Spark task."""

    def __init__(self) -> None:
        self._by_prefix: dict[tuple[bytes, tuple | str | None], FileSchema] = {}
        self._prefix_lengths: set[int] = set()  # data_start_line of the schemas held
        # Whether a schema is held by its source: until one is, a file's source (a name's regex, 15 us)
        # is not worked out, as on most migrations, whose dates are ISO's.
        self._sourced = False
        self.borrowed = 0
        # id -> (a schema lent, its lender), and id of a lender -> its text after the name: to_json
        self._lent: dict[int, tuple[FileSchema, FileSchema]] = {}
        self._texts: dict[int, str | None] = {}

    def borrow(self, head: bytes, name: str) -> FileSchema | None:
        """The schema of an earlier file whose pre-data bytes the file's first bytes (`head`) repeat,
        marked `borrowed_from` and left for the first read of the whole file to prove; None if there is none."""
        known = next(self._candidates(head, name), None)
        if known is None or (_named_by_file(known) and nameless_problem(name) is not None):
            # A site's name for every download ("HistoricalPrices.csv") is refused where nothing in the
            # file names its rows (detection/nameless.py): lent "DJI.csv"'s schema of the same header bytes,
            # it loaded as ticker HISTORICALPRICES. Detected on its own, it says whether anything does.
            # Not asked where a column names them, as detection does not ask: a regex or two of the
            # name, ~50 us, had cost every file of a daily survey ~2%.
            return None
        if _swapped_here(head, known):
            # Its own first rows hold ISO dates typed in the other order (detection/swapped_cells.py), which
            # a neighbour's schema, without such dates to prove it, reads as stored: every row read, the
            # date cells on days of their own making. Detected on its own, the file reads them swapped.
            return None
        # The name's regex (~12 us) last: most daily drops' rows name their own tickers.
        if _named_by_file(known) and dated_name(name) and not download_day(known.file, known.data_until):
            # Rows named after a name that writes a day, a download's or an instrument's by the file's own
            # data's last day (FileSchema.data_until), not the lender's: detected on its own. Lent by a file
            # whose name's day was its download's (a daily drop's), it is one too, cut as detected alone.
            return None
        self.borrowed += 1
        # A copy with three fields set, not dataclasses.replace: its __init__ of ~30 fields cost ~40 us a
        # file of a daily survey, for the same schema (the columns shared either way).
        lent = copy.copy(known)
        lent.file, lent.borrowed_from, lent.data_until = name, known.file, None
        self._lent[id(lent)] = (lent, known)
        return lent

    def to_json(self, schema: FileSchema) -> str:
        """schema.to_json(). Of a schema this memory lent, its lender's text written once, under the
        borrower's name: a daily run's borrowed schemas differ in their file's name alone, and writing
        each whole cost ~3% of a survey of daily files. Lent schemas are never changed."""
        lent = self._lent.get(id(schema))
        if lent is None or lent[0] is not schema:
            return schema.to_json()
        known = lent[1]
        if id(known) not in self._texts:
            # The lender's text under no name, as a borrower's: FileSchema.to_json writes the name first.
            text = replace(known, file=None, borrowed_from=known.file, data_until=None).to_json()
            self._texts[id(known)] = text[len(_UNNAMED):] if text.startswith(_UNNAMED) else None
        rest = self._texts[id(known)]
        if rest is None:
            return schema.to_json()
        return '{"file":' + json.dumps(schema.file, ensure_ascii=False) + "," + rest

    def learn(self, head: bytes, schema: FileSchema) -> None:
        """Remember a schema the file (its first bytes: `head`) was detected with on its own."""
        if schema.borrowed_from is None and _reusable(schema):
            prefix = _prefix(head, schema.data_start_line)
            if prefix is not None:
                own = _order_source(schema)
                self._by_prefix.setdefault((prefix, own), schema)
                self._sourced |= own is not None
                if own is not None and _day_month_format(schema) is not None:
                    self._by_prefix.setdefault((prefix, _ANOTHER_SOURCE), schema)
                self._prefix_lengths.add(schema.data_start_line)

    def _candidates(self, data: bytes, name: str) -> Iterator[FileSchema]:
        """Schemas of earlier files whose bytes before the data this file repeats, of its own source
        first, then another source's whose day/month order its own first rows prove (_proves_alike),
        looked at only where there is no other (callers ask for text files only: detect_job sniffs for
        workbooks before it borrows)."""
        prefixes = [p for p in (_prefix(data, lines) for lines in sorted(self._prefix_lengths)) if p is not None]
        for key in ((source(name), None) if self._sourced else (None,)):
            yield from (known for p in prefixes if (known := self._by_prefix.get((p, key))) is not None)
        if self._sourced:
            yield from (known for p in prefixes if (known := self._by_prefix.get((p, _ANOTHER_SOURCE))) is not None
                        and _proves_alike(data[len(p):], known, name))


_UNNAMED = '{"file":null,'


def _named_by_file(schema: FileSchema) -> bool:
    """Whether the rows take the ticker the file's name gives: no column, header or series names them,
    the one case detection asks the name of (detect._schema)."""
    return schema.ticker is None and "ticker" not in schema.canonical_map() and not schema.side_by_side


# Rows enough to hold a day above 12 of a daily history (nine trading days from the 2nd), few enough to
# cost far less than the detection a borrowed schema saves.
_PROVING_ROWS = 40
# The key of the first schema of a prefix whose dates name a day and a month, whatever its source: lent
# to a file of another source only where the file's own rows prove the same order (_proves_alike).
_ANOTHER_SOURCE = "another source"


def _day_month_format(schema: FileSchema) -> str | None:
    """The date column's day, month and year part ("%d.%m.%Y"), where its dates name a day and a month in
    numbers with the year last, the order dates._num_order reads from a file's values; else None."""
    column = next((c for c in schema.columns if c.canonical == "date"), None)
    found = DAY_MONTH.match(column.format or "") if column is not None else None
    return found.group(0) if found is not None and found.group(1) != found.group(3) else None


def _proves_alike(data: bytes, schema: FileSchema, name: str) -> bool:
    """Whether the rows of a file's first bytes after its header (`data`) prove, read alone, the order
    another source's `schema` reads its day and month in: a day above 12, the date in its name, the part
    that moves (dates._num_order), not the separator's custom. A folder of one ticker's history a file
    ("02.01.2022" .. "31.12.2023", named by ticker: a source each) borrows so, where each file detected
    alone cost a detection apiece; a lone "01/02/2024" does not, and is read as its own office's."""
    cells = first_date_cells(data, schema)
    guess = infer_date_format(cells, file_date=named_days(name)) if cells else None
    if guess is None or guess.confidence <= GUESSED_ORDER_CERTAINTY:
        return False
    found = DAY_MONTH.match(guess.format)
    return found is not None and found.group(0) == _day_month_format(schema)


def after_header(head: bytes, schema: FileSchema) -> bytes:
    """A file's first bytes (`head`) past its lines before the data (preamble and header); b"" where it
    holds no more than those."""
    prefix = _prefix(head, schema.data_start_line)
    return b"" if prefix is None else head[len(prefix):]


def first_date_cells(data: bytes, schema: FileSchema) -> list[str]:
    """The date cells of the first _PROVING_ROWS rows of a file's bytes after its header (`data`), read
    in `schema`'s dialect; [] where it has no one-character delimiter."""
    return first_cells(data, schema, "date")


def first_cells(data: bytes, schema: FileSchema, canonical: str) -> list[str]:
    """The cells of the column mapped to `canonical` in the first _PROVING_ROWS rows of a file's bytes after
    its header (`data`), read in `schema`'s dialect; [] where it has no such column or no one-character
    delimiter."""
    j = next((j for j, c in enumerate(schema.columns) if c.canonical == canonical), None)
    if len(schema.delimiter) != 1 or j is None:
        return []
    end = 0
    for _ in range(_PROVING_ROWS):  # decoded no further than its rows: the head may be 64 KiB
        found = data.find(b"\n", end)
        if found < 0:
            break
        end = found + 1
    lines = data[:end].decode(schema.encoding, errors="replace").splitlines()
    kwargs = reader_kwargs(schema.delimiter, schema.quotechar, schema.escapechar, schema.skipinitialspace)
    return [row[j].strip() for row in csv.reader(lines, **kwargs) if len(row) > j]


def _swapped_here(head: bytes, schema: FileSchema) -> bool:
    """Whether a file's first rows (`head`: its first bytes) read their ISO dates swapped where `schema`,
    whose dates name a day and a month in numbers, reads them as stored (detection/swapped_cells.py)."""
    if _day_month_format(schema) is None:
        return False
    start = len(_prefix(head, schema.data_start_line) or b"")
    rows = head[start:start + 64 * _PROVING_ROWS]
    if b"-" not in rows:
        return False  # most such files: no ISO date among their first rows (a regex scan cost 60 us)
    column = next(c for c in schema.columns if c.canonical == "date")
    return own_swap(first_date_cells(rows, schema), column) is not None


# ISO's year, month, day ("%Y-%m-%d", "%Y%m%d"): the order detection reads wherever a file's values do
# not prove another, so a file borrowing it takes no order it would not read alone.
_YEAR_MONTH_DAY = re.compile(r"%Y[^%\w]?%m[^%\w]?%d")


def _order_source(schema: FileSchema) -> tuple[str, str | None] | None:
    """The source (sibling_order.source) whose files alone may borrow `schema`, where its dates name a
    day and a month in numbers in an order the borrower's own values may not settle; else None (any file).

    A header is no source: "Date,Close,Volume" is written by offices either side of the Atlantic. A lone
    US office's "01/02/2024" (every day up to 12: its order a guess, month first for "/") that borrowed
    a European office's proven "%d/%m/%Y" loaded 1 February as 2 January, its rows all read, the proof
    (_day_month_order_holds) letting a guess give way. Files of one office are named alike in one
    folder (us_close_001.csv, us_close_017.csv), and borrow as before; another office's file is
    detected on its own once, and its office's later files borrow its schema. Its guess is then its
    own, for sibling_order to settle from the files of its own source. A file of another source whose
    own first rows prove the order borrows the schema still (_proves_alike): alone it reads the same."""
    if any(c.format and "%d" in c.format and "%m" in c.format and not _YEAR_MONTH_DAY.match(c.format)
           for c in schema.columns):
        return source(schema.file)
    return None


def _prefix(data: bytes, lines: int) -> bytes | None:
    """The first `lines` physical lines, as bytes (a UTF-16 line break also contains b"\\n");
    None when `data` holds fewer (a file with no data, or a sample cut before its data starts)."""
    end = 0
    for _ in range(lines):
        end = data.find(b"\n", end) + 1
        if end == 0:
            return None
    return data[:end]


def _reusable(schema: FileSchema) -> bool:
    # Multi-byte encodings are left out: a line break cannot be found in them byte-wise (_prefix).
    # So are epoch dates: their stamps, not the header, say which day a bar is (epoch_days.py), and
    # a sibling read with the other reading would have every row read, each a day off; so is
    # timestamp text with a zone, which may say UTC ("...T23:00:00Z": epoch_days.east_format), or under a
    # header that says so ("Gmt time": epoch_days.header_says_utc). So is a day's
    # list dated by its title or name (detection/day_date.py): a sibling of the same header bytes,
    # named for another day, would load every row under this file's date. So is a column whose ISO dates
    # read swapped (detection/swapped_cells.py): its own dates prove it, a sibling's ISO dates are its own.
    # So is a rate's term table, of bare tenors ("Date,1W,1M,3M": detection/tenors.py) or long ("Date,Tenor,
    # Rate"): loaded only where its name names the rate and its numbers move as fixings, both unproven of a
    # sibling, whose returns by window of the same header ("fund_returns.csv", refused alone) loaded as
    # FUND_RETURNS 1W without a word.
    return (schema.problem is None and schema.date_from is None and schema.file_format == "csv"
            and schema.header_row >= 0
            and bool(schema.columns) and schema.data_start_line > 0
            and not schema.encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))
            and not any(c.canonical == "date" and (utc_instants(c.format, c.name) or c.swapped_cells is not None)
                        for c in schema.columns)
            and not bare_tenors(c.series for c in schema.columns if c.series)
            and not any(c.canonical == "ticker" and names_a_term([c.name]) for c in schema.columns))


def holds_on_whole_file(result, schema: dict | None = None) -> bool:
    """The deferred proof of a borrowed schema: `result` is the whole file read with it (`schema`,
    as a dict, named as the file is: its name may date it; its noted units the file's own notes must
    declare too). A dict, as schema_texts.schema_dict shares it: most borrowed files hold, and building
    a FileSchema for each would parse the JSON the survey's cache already read."""
    if result.file_problem is not None or result.prices_arrow.num_rows == 0:
        return False
    # A row it cannot read, a footer line the schema takes for data, or a line it calls footer
    # that reads as a row (normalisation/outside.py): a file with a shorter footer than its
    # neighbour's must not lose rows.
    if any(unlabelled(reason).startswith((*READING_PROBLEMS, OUTSIDE_THE_TABLE))
           for reason in result.rejected_arrow["reason"].to_pylist()):
        return False
    return schema is None or (_notes_agree(result, schema) and _scale_holds(result, schema)
                              and _day_month_order_holds(result.prices_arrow["date"], schema)
                              and _name_day_holds(result.prices_arrow["date"], schema))


def _name_day_holds(dates, schema: dict) -> bool:
    """Whether the day the borrower's name writes is its download's by its own data's last day (`dates`),
    as the lender's was (LayoutMemory.borrow), so its rows are named alike cut: 'ES_2025-03-21.csv' lent
    'ES_2024-12-20.csv's schema (data to its expiry, the name's day) had loaded as ES, where detected
    alone it loads as ES_2025-03-21 (silent, and hung on which files shared a Spark slice)."""
    name = schema.get("file") or ""
    # On the dict: a FileSchema built for each borrowing file to ask this had cost a survey of daily files ~2%.
    if schema.get("ticker") is not None or names_tickers(schema) or not dated_name(name):
        return True
    last = pc.max(dates).as_py()
    return last is None or download_day(name, str(last)[:10])


def _scale_holds(result, schema: dict) -> bool:
    """Whether the borrowed volume's declared scale is the file's too: detected alone, a file whose
    volumes are all whole multiples of it already counts them (detect._already_counted), and its
    1,234,000 under a neighbour's x1000 would load as 1.2 billion. So the other way: a header's scale
    the lender's values already counted (all whole thousands under "Volume ('000)") holds only where
    the file's values count it too: a sibling's 1,201.5 thousand shares loaded as 1,201.5. A price's
    declared thousands ("Close (K)", multipliers.price_scale) alike."""
    for price in schema.get("columns", []):
        if price.get("canonical") not in PRICE_FIELDS or not (price.get("multiplier") or price.get("unit")):
            continue
        prices = pc.fill_null(result.prices_arrow[price["canonical"]], 0.0).to_numpy(zero_copy_only=False)
        if scale := price.get("multiplier"):
            if prices_already_counted((v / scale for v in prices), scale):
                return False
        elif (declared := price_scale([price["name"]])) and not prices_already_counted(prices, declared):
            return False  # the lender's 23,500 under "Close (K)" counted; the file's 23.5 is thousands
    volume = next((c for c in schema.get("columns", []) if c.get("canonical") == "volume"), None)
    if volume is None:
        return True
    scale = volume.get("multiplier")
    declared = as_declared(column_unit([volume["name"]]))[0] if not scale and volume.get("unit") else None
    if not scale and declared is None:
        # The usual borrowed file (a plain "Volume"): nothing to weigh, and the volumes' copy out of
        # Arrow (fill_null, to_numpy) had cost every small file of a daily survey ~20 us.
        return True
    # A volume the file leaves blank (NULL) says nothing of the scale: filled as 0, which
    # already_counted skips (NaN % scale had read as "not a multiple" and let a borrowed scale pass).
    volumes = pc.fill_null(result.prices_arrow["volume"], 0.0).to_numpy(zero_copy_only=False)
    if scale:
        return not already_counted((v / scale for v in volumes), scale)
    return already_counted(volumes, declared)


def _notes_agree(result, schema: dict) -> bool:
    """Whether the file's footer notes a volume unit as the schema reads it (detect._declare_unit):
    a note above the header is among the bytes borrowed on, one below the table is not, and a
    sibling whose footer says "Volume in thousands." (or nothing) read in millions is wrong data."""
    if not schema.get("footer_lines"):
        return True  # most files: no footer, nothing noted below the table
    volume = next((c for c in schema.get("columns", []) if c.get("canonical") == "volume"), None)
    if volume is None or column_unit([volume["name"]]) is not None:
        return True  # no volume, or its header declares its unit: the same bytes, the same unit
    kinds = result.non_data_arrow["reason"].to_pylist()
    lines = result.non_data_arrow["source_line"].to_pylist()
    header = next((line for line, kind in zip(lines, kinds) if kind == "header"), None)
    raws = result.non_data_arrow["raw"].to_pylist()
    notes = [_text(raw, schema) for raw, line, kind in zip(raws, lines, kinds)
             if kind == "footer" or (header is not None and line == header - 1)]
    unit = noted_unit(notes, (volume["name"],))
    return as_declared(unit) == (volume.get("multiplier"), volume.get("unit"))


def _text(raw: str, schema: dict) -> str:
    """A non-data line's cells joined, as detection reads a note (detect._notes)."""
    delimiter = schema.get("delimiter") or ","
    if len(delimiter) != 1:
        return raw
    cells = next(csv.reader([raw], **reader_kwargs(delimiter, schema.get("quotechar"), schema.get("escapechar"),
                                                   schema.get("skipinitialspace", False))), [])
    return " ".join(c.strip() for c in cells if c.strip())




def _day_month_order_holds(dates, schema: dict) -> bool:
    """Whether the file's own dates (as `schema` read them, in row order) leave its day/month order
    as it is: every value parses either way when no day passes 12, so only the evidence detection
    weighs (dates.py: a day above 12, the date in the name, the part that moves from row to row)
    can tell, and a mere guess (the separator's custom) gives way to the neighbour's proof."""
    fmt = next((c.get("format") for c in schema.get("columns", []) if c.get("canonical") == "date" and c.get("format")),
               None)
    found = DAY_MONTH.match(fmt or "")
    if found is None or found.group(1) == found.group(3):
        return True
    first, sep, _, year = found.groups()
    dates = dates.drop_null().combine_chunks()
    if len(dates) == 0:
        return True
    # A date repeated on the next row (a ticker each) is no evidence: only changes and extremes are.
    day = dates.cast(pa.int32()).to_numpy(zero_copy_only=False)
    dates = dates.filter(pa.array(np.r_[True, day[1:] != day[:-1]]))
    days, months = pc.day(dates).to_pylist(), pc.month(dates).to_pylist()
    years = [y % 100 if year == "%y" else y for y in pc.year(dates).to_pylist()]
    a, b = (days, months) if first == "%d" else (months, days)
    groups = [{"a": str(x), "b": str(y), "c": str(z)} for x, y, z in zip(a, b, years)]
    own, certainty = _num_order(groups, sep, "y2" if year == "%y" else "y4", named_days(schema.get("file") or ""))
    return own == found.group(0) or certainty <= GUESSED_ORDER_CERTAINTY
