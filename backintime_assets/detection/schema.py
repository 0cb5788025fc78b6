"""The detected layout of one file: what `backintime detect --json` prints and what normalisation reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

COLUMN_TYPES = ("integer", "float", "date", "timestamp", "boolean", "string")


@dataclass
class ColumnSchema:
    name: str
    type: str  # one of COLUMN_TYPES
    # strptime format ("%d-%b-%Y|de": month names of another language, month_names.py), "excel_serial"
    # ("excel_serial_1904" in a Mac workbook, date_system.py),
    # "epoch_s", "true/false", ...
    format: str | None = None
    confidence: float = 0.0
    canonical: str | None = None  # canonical price column this feeds, None when unmapped
    # A table of several tickers side by side (detection/series.py): the label of the ticker whose
    # column this is ("AAPL", "AAPL US Equity"); None for a column all of them share (the date) and
    # in every other file, where it is left out of the JSON, so schemas stored before it read alike.
    series: str | None = None
    # What the column's values are multiplied by on loading, when its header declares a scale
    # ("Volume ('000)": 1000, "Shares Traded (Lakhs)": 100000; detection/multipliers.py), and the
    # unit a header declares that gives no factor ("成交量(手)": lots, of a size the file does not
    # say), its volume loaded as NULL (multipliers.unsized_unit). A price's header may declare a
    # scale too ("Close (K)": 1000, multipliers.price_scale). Both None (1, none) in most files, and then left out
    # of the JSON, so schemas stored before them read, and key their rows, alike.
    multiplier: float | None = None
    unit: str | None = None
    # Why a date column reads its day/month order where the file's own values could not say: "order
    # settled by 3 sibling files of the same layout" (ingestion/sibling_order.py); or its stamps the next
    # day's sessions, east of UTC, where the file's own stamps could not say (ingestion/sibling_east.py).
    # None in every other column, and then left out of the JSON, so schemas stored before it read, and key
    # their rows, alike.
    order_from: str | None = None
    # Of a date column of UTC instants (epochs, text that says UTC), the UTC weekdays and the one or two
    # times of day of detection's sample's stamps after midday UTC, where they may be one exchange's
    # midnights east of UTC ("Sun Tue 15:00": epoch_days.evenings): what its siblings of one source read
    # to settle the reading a file of a few midweek bars cannot show (ingestion/sibling_east.py). Not how
    # rows are read (reading_key leaves it out). None, and left out of the JSON, in every other column.
    evenings: str | None = None
    # The same note with the day and month of its dates read the other way, where their order is a guess
    # ("01/02/2024 15:00:00 UTC": Tuesday 2 January's evening, or Thursday 1 February's): what the column
    # notes once its siblings settle the order (ingestion/sibling_order.py), before they settle its reading
    # east of UTC. Noted at detection, where the cells are at hand. None, and left out, in every other column.
    evenings_other_order: str | None = None
    # Of a date column whose ISO dates (a sheet's date cells) are dates typed in the other order of day
    # and month than the spreadsheet read (detection/swapped_cells.py): why they read swapped, which the
    # loader does where it is set. None, and left out of the JSON, in every other column.
    swapped_cells: str | None = None
    # A user's multiplier carried to the file's new version, said of a column whose numbers were all whole
    # ('15003' cents, x0.01), where the new version's have a decimal mark ('150.35' dollars appended:
    # ingestion/carry.py): such a number is another unit's, its row rejected (parse.whole_only_reason), not
    # loaded 100x off. None in every other column, and then left out of the JSON, so schemas stored before it
    # read, and key their rows, alike.
    whole_only: bool | None = None


@dataclass
class FileSchema:
    file: str
    encoding: str
    delimiter: str
    quotechar: str | None
    escapechar: str | None
    line_terminator: str  # "\n" | "\r\n" | "\r"
    # Physical line indices are 0-based and count every line of the file, preamble included.
    header_row: int  # the header line; -1 when the file has none
    data_start_line: int  # first line after the header block (or after the preamble)
    footer_lines: int  # trailing lines (notes, totals) that are not data, counted from the end
    decimal: str
    thousands: str | None
    file_format: str  # "csv" | a workbook's "xlsx" (.xlsx, .xlsm) | "xls" | "xlsb" | "ods" | "html" | "xmlss"
    columns: list[ColumnSchema] = field(default_factory=list)
    sheet: str | None = None  # workbook: the worksheet the schema was detected on (others: normalisation/sheets.py)
    problem: str | None = None  # why the file cannot be read as a table (empty, binary, ...)
    confidence: float = 0.0  # confidence in the dialect (delimiter/quote) choice
    # The file whose schema this one took because their lines before the data are byte-identical
    # (ingestion/shared_layouts.py), not yet proven on this file's rows: the conversion proves it on
    # the whole file and falls back to the file's own detection where it does not hold.
    borrowed_from: str | None = None
    # Spaces after a delimiter are skipped, so a quote after them opens a cell ('1, "Smith, J"'), as
    # the csv module's skipinitialspace does; with a space delimiter, a run of spaces is one
    # delimiter (a space-aligned text table). Defaults to False: schemas stored before it load.
    skipinitialspace: bool = False
    # A day's list of tickers with no date column (detection/day_date.py): the one date its rows
    # load under (ISO), and where it was read ("title line 1: 113年01月02日", "file name: 20240102");
    # with `day` None, why a date found there is not certain. Both None in every other file, and
    # then left out of the JSON, so schemas stored before them read, and key their rows, alike.
    day: str | None = None
    date_from: str | None = None
    # The quote each line is wrapped in when every line holds a whole record as one quoted field
    # ('"2020-01-02,1.5,""1,234"""': detection/wrapped_lines.py): the file is read with those lines
    # unwrapped, and the rest of the schema describes that text. None in every other file, and
    # then left out of the JSON, so schemas stored before it read, and key their rows, alike.
    wrapped: str | None = None
    # The marks that force cells to text in the file (`="2024-01-02"`, `'10.75`: detection/forced_text.py):
    # the file is read with them off, and the rest of the schema describes that text. None in every
    # other file, and then left out of the JSON, so schemas stored before it read, and key their rows, alike.
    forced: str | None = None
    # The order ("ymd", "dmy") of a date written in the table's first three columns (detection/split_date.py):
    # the file is read with each line's date joined into the first, and the rest of the schema describes
    # that text. None in every other file, and then left out of the JSON, so schemas stored before it
    # read, and key their rows, alike.
    split_date: str | None = None
    # The date order ("%d.%m.%Y") of spans of one day dating the rows ("02.01.2023 00:00 - 03.01.2023 00:00":
    # detection/day_spans.py): the file is read with each such span written as its start's date, and the
    # rest of the schema describes that text. None in every other file, and then left out of the JSON, so
    # schemas stored before it read, and key their rows, alike.
    day_spans: str | None = None
    # The ticker the header names for every row of a file without a ticker column (a yfinance
    # download's "Ticker" row, a Bloomberg security label: detection/header_ticker.py), as written;
    # its rows load under it, not the file's name. None in every other file, and then left out of
    # the JSON, so schemas stored before it read, and key their rows, alike.
    ticker: str | None = None
    # Who named `ticker` when a user did ("schema override by NAME": db/file_overrides.py), in place
    # of the file's name or the header's ticker; then it names the rows whatever the file shows
    # below its sample (normalisation/stacked_tables.py). None, and left out of the JSON, otherwise.
    ticker_from: str | None = None
    # The tickers a whole file's rows load under where tables stacked below the first name their own
    # ("AAPL, GOOG, MSFT": normalisation/stacked_tables.py), as the survey read them; detection sees
    # the first table's `ticker` only. What the file holds, not how it is read (reading_key leaves it
    # out). None, and left out of the JSON, otherwise.
    stacked_tickers: str | None = None
    # The fewest fields a row short of the header may have and be read as the first columns, the rest
    # empty, where the file's writer leaves a row's trailing empty fields out (GTFS feeds, a volume
    # written on some days only: detection/ragged.py); shorter rows are rejected for their field count.
    # None in every other file, and then left out of the JSON, so schemas stored before it read, and key
    # their rows, alike.
    ragged_from: int | None = None
    # The fields a row may hold past the header's names, unnamed and empty in the whole sample, the
    # header ending in the delimiter as its rows do ("Date,Close,Volume,") or stopping short of their
    # last one (ragged.named_width): the table is read without them, and a row past the sample that
    # fills them is read, their cells ignored (rejected for its field count, it was lost though it holds
    # a whole price row). None in every other file, and then left out of the JSON, so schemas stored
    # before it read, and key their rows, alike.
    unnamed_past: int | None = None
    # No number of the sample wrote a decimal or grouping mark, and nothing else of the file settles them
    # (detection/numbers.marks_unsettled): `decimal` is the dot by default, not by evidence, and a lone mark
    # before three digits past the sample ("71.500", "1,234") is read as neither a decimal nor a grouping
    # (normalisation/parse.py). False in every other file, and then left out of the JSON, so schemas
    # stored before it read, and key their rows, alike.
    decimal_unseen: bool = False
    # Every marked number of the sample read either way ("4,537", "4.537") and a custom chose (numbers.py:
    # NumberMarks.guessed), or left them in doubt. A sibling of the same layout whose numbers prove the marks
    # settles them (ingestion/sibling_marks.py), and says so in `marks_from`. False and None in every other
    # file, and then left out of the JSON, so schemas stored before them read, and key their rows, alike.
    marks_guessed: bool = False
    marks_from: str | None = None
    # The columns (by name) whose numbers a user's marks, carried to the file's new version, were said of
    # where none grouped thousands, and the new version's do ('1,510' appended to '1.503' rates:
    # ingestion/carry.py): a number of theirs read as grouped is another locale's, its row rejected
    # (parse.WRITTEN_OTHERWISE), not loaded 1000x off. None in every other file, and then left out of the
    # JSON, so schemas stored before it read, and key their rows, alike.
    ungrouped: list[str] | None = None
    # The last day of the file's data (ISO), as its sample's dates show it where the sample reached the
    # table's end, in a file whose name writes one day beside its symbol ("ES_2024-12-20"): a day after
    # the data is an instrument's own, which the ticker the name gives keeps (filename.without_dates);
    # the download's is cut. None in every other file, and then left out of the JSON.
    data_until: str | None = None

    def to_dict(self) -> dict:
        # What asdict gives (every value is plain), without its deep copy: a daily run writes
        # thousands of these, most of them borrowed schemas that take no other work.
        d = {f.name: getattr(self, f.name) for f in _FILE_FIELDS if f.name not in _OPTIONAL_FILE_KEYS}
        if self.date_from is not None:
            d.update(day=self.day, date_from=self.date_from)
        if self.wrapped is not None:
            d["wrapped"] = self.wrapped
        if self.forced is not None:
            d["forced"] = self.forced
        if self.split_date is not None:
            d["split_date"] = self.split_date
        if self.day_spans is not None:
            d["day_spans"] = self.day_spans
        if self.ticker is not None:
            d["ticker"] = self.ticker
        if self.ticker_from is not None:
            d["ticker_from"] = self.ticker_from
        if self.stacked_tickers is not None:
            d["stacked_tickers"] = self.stacked_tickers
        if self.ragged_from is not None:
            d["ragged_from"] = self.ragged_from
        if self.unnamed_past is not None:
            d["unnamed_past"] = self.unnamed_past
        if self.decimal_unseen:
            d["decimal_unseen"] = True
        if self.ungrouped:
            d["ungrouped"] = list(self.ungrouped)
        if self.marks_guessed:
            d["marks_guessed"] = True
        if self.marks_from is not None:
            d["marks_from"] = self.marks_from
        if self.data_until is not None:
            d["data_until"] = self.data_until
        d["columns"] = [_column_dict(c) for c in self.columns]
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, d: dict) -> FileSchema:
        kwargs = {k: v for k, v in d.items() if k in _FILE_NAMES}
        kwargs["columns"] = [
            c if isinstance(c, ColumnSchema) else ColumnSchema(**{k: v for k, v in c.items() if k in _COLUMN_NAMES})
            for c in d.get("columns", [])
        ]
        return cls(**kwargs)

    @classmethod
    def from_json(cls, s: str) -> FileSchema:
        return cls.from_dict(json.loads(s))

    def canonical_map(self) -> dict[str, int]:
        """Canonical column name -> column index in the file (of a wide table, the last series':
        see series_maps)."""
        return {c.canonical: i for i, c in enumerate(self.columns) if c.canonical}

    @property
    def side_by_side(self) -> bool:
        """Whether the file holds several tickers side by side (a column names its ticker)."""
        return any(c.series is not None for c in self.columns)

    def series_maps(self) -> list[tuple[str, dict[str, int], frozenset[str]]]:
        """Of a table of several tickers side by side: per ticker, in the order of their columns,
        (its label, canonical_map of its own columns and the shared ones, the canonical columns it
        owns); [] for any other file."""
        # In one pass over the columns: a pass per label made a file of thousands of tickers quadratic.
        shared: dict[str, int] = {}
        owned: dict[str, dict[str, int]] = {}  # label -> its own columns
        for i, c in enumerate(self.columns):
            if c.series is not None:
                mine = owned.setdefault(c.series, {})
                if c.canonical:
                    mine[c.canonical] = i
            elif c.canonical:
                shared[c.canonical] = i
        return [(label, {**shared, **own}, frozenset(own)) for label, own in owned.items()]


_FILE_FIELDS = fields(FileSchema)
_COLUMN_FIELDS = fields(ColumnSchema)
# Fields a stored schema may hold; others (from another version) are left out. Named once: a daily
# run reads thousands of schemas, and `fields()` cost as much as the rest of the reading.
_FILE_NAMES = frozenset(f.name for f in _FILE_FIELDS)
_COLUMN_NAMES = frozenset(f.name for f in _COLUMN_FIELDS)
# A column's keys in JSON: these, and the optional ones only where they are set (a wide table's
# series, a declared unit).
_OPTIONAL_FILE_KEYS = ("day", "date_from", "wrapped", "forced", "split_date", "day_spans", "ticker", "ticker_from",
                       "stacked_tickers", "ragged_from", "unnamed_past", "decimal_unseen", "ungrouped", "marks_guessed",
                       "marks_from", "data_until")
_OPTIONAL_COLUMN_KEYS = ("series", "multiplier", "unit", "order_from", "evenings", "evenings_other_order",
                         "swapped_cells", "whole_only")
_COLUMN_KEYS = tuple(f.name for f in _COLUMN_FIELDS if f.name not in _OPTIONAL_COLUMN_KEYS)


def _column_dict(c: ColumnSchema) -> dict:
    d = {n: getattr(c, n) for n in _COLUMN_KEYS}
    if (c.series is not None or c.multiplier is not None or c.unit is not None or c.order_from is not None
            or c.evenings is not None or c.evenings_other_order is not None or c.swapped_cells is not None
            or c.whole_only is not None):
        d.update((n, v) for n in _OPTIONAL_COLUMN_KEYS if (v := getattr(c, n)) is not None)
    return d


# The content (sha256) of a stored sibling's schema, as file_schemas.sibling_detections gives it, which
# the survey's keys are: a file is no sibling of itself. A file detected again (schema redetect) is among
# its own stored siblings, with its user's correction on it, and that correction settled the new detection:
# stored as detected, it was no correction any more, and proved nothing to the office's next files.
SIBLING_CONTENT = "sibling_content"
# Of a stored sibling's column, that a user said its format (file_schemas.sibling_detections): a reading east
# of UTC said proves its source so (sibling_east.proves), as its weekend evening stamps would.
FORMAT_SAID = "format_said"
# Of a stored sibling, the marks a user said of it (file_schemas.sibling_detections): they prove its source's
# marks (ingestion/sibling_marks.py), but not to a new version of its own path, which takes them or not as
# carry.py weighs them against its numbers.
MARKS_SAID = "marks_said"
# The trade dates a stored sibling's current file holds (file_schemas.sibling_detections), ISO strings: a
# source's one-day files whose day/month order is a guess are read together (ingestion/pooled_order.py),
# the files of a daily run stored before among them.
SIBLING_DATES = "sibling_dates"
# When a stored sibling's current file was last modified (epoch seconds), beside its dates: one-day files
# written months apart are no run of days (pooled_order._written_apart).
SIBLING_WRITTEN = "sibling_written"


def layout_signature(schema: dict) -> tuple[str | None, tuple[str, ...]]:
    """The delimiter and header names (lower-cased) of a stored schema: files sharing them share a
    layout (db/file_schemas.layout_key keys it; ingestion/sibling_order.py matches siblings by it)."""
    return schema.get("delimiter"), tuple(c["name"].strip().lower() for c in schema.get("columns") or [])
