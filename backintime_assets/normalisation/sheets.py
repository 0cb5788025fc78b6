"""Which worksheets of a workbook its schema reads, and how the others are accounted for.

A schema is detected on one sheet (FileSchema.sheet). Offices keep a sheet per month, year or
ticker in one layout, and notes or other tables beside them. Every row of every sheet ends in
prices, rejected rows or non-data lines (line numbers: detection/xlsx.py):
- a sheet in the schema's layout is data, read with the schema and its own title block: with a
  header, a row of the same header cells (trimmed, case-folded), at the schema's header row or
  near it (a longer or shorter title); without one, a sheet that detection reads with no header, as many columns
  and the same column types. The schema's footer ends each sheet up to its last dated row; rows outside each
  sheet's table that read as price rows are rejected as on any file (outside.py). A data sheet whose
  dates or prices are written in other formats (text dates beside real ones) is read in its own
  (restate.py);
- a data sheet of another frequency (monthly bars beside daily ones, in the same layout) has its
  rows rejected, each naming its sheet and why: they are not the day's prices of their date;
- a sheet in another layout that reads as prices in its own (a date or a price column) has its
  rows from its own data start on rejected, each naming its sheet and why; its title and header
  are non-data lines, as any file's;
- any other sheet (notes, one column of text, a list of names) is non-data, kind OTHER_SHEET: its
  rows are not price rows, and rejecting them would bury the rejections that matter. An empty
  sheet (a chart's) has no rows.
A hidden sheet in the table's layout has its rows rejected where the table is on a visible one
(_hidden_sheets): a keeper hides stale backups and scratch, which are no reader's prices.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa

from backintime_assets.detection.detect import detect_sheet
from backintime_assets.detection.header_ticker import (BETWEEN, LABEL_REACH, block_ticker, filler, header_ticker,
                                                        labelled_ticker)
from backintime_assets.detection.nameless import sheet_names_a_period, sheet_names_ticker, sheets_numbered_as_parts
from backintime_assets.detection.schema import FileSchema
from backintime_assets.detection.swapped_cells import own_swap
from backintime_assets.detection.xlsx import Sheet, chosen_sheet, sheet_lines
from backintime_assets.trading_week import MON_FRI, TradingWeek

from .parse import Strings, parse_dates, parse_numbers, parse_strings
from .records import Line, csv_line
from .restate import column_cells, misread, restated

OTHER_SHEET = "other sheet"  # the kind of a non-data line on a sheet that holds no price table
# How far below the schema's header row another sheet's copy of it is looked for (a longer title).
_HEADER_SEARCH_ROWS = 50
_PRICE_LIKE = {"date", "open", "high", "low", "close", "adj_close"}
# Without a ticker column, sheets of which one has its dates mostly on another's are one ticker
# each (AAPL, MSFT; a recent listing's few weeks beside a long history, whose own dates are mostly
# not shared); sheets of distinct dates (Jan, Feb) are periods of the file's one ticker.
_SHARED_DATES = 0.5
# ... and only when every such sheet is named as a ticker is (nameless.sheet_names_ticker).
# A data sheet whose distinct dates are at least this many times further apart (median) than
# another's holds other bars: weekly or monthly ones, or month-end averages, beside daily prices.
_OTHER_FREQUENCY = 5
_FEW_DATES = 4  # fewer distinct dates on a sheet say nothing of its frequency (a month's first days)
_FREQUENCY_SAMPLE = 2000  # rows of a sheet whose dates measure it


@dataclass
class SheetPlan:
    sheet: Sheet
    base: int  # line of row r is base + r
    schema: FileSchema | None = None  # data: the file's schema with this sheet's header row and start
    # not data: why its rows from `start` on are rejected (None: the sheet is non-data, OTHER_SHEET)
    reason: str | None = None
    own: FileSchema | None = None  # not data: detection's schema of the sheet on its own (or the file's)
    cells: list[list[str]] | None = None  # data: its rows restated in the schema's formats (restate.py)
    hidden: bool = False  # not data: a sheet in the table's layout set aside for being hidden (_hidden_sheets)

    def label(self, row: int) -> str:
        """What the raw text of one of its rows starts with: nothing on the workbook's first sheet."""
        return "" if self.sheet.index == 0 else f"sheet {self.sheet.name!r} row {row}: "


def _key(row: list[str]) -> tuple[str, ...]:
    return tuple(" ".join(c.split()).casefold() for c in row)


def _block_rows(schema: FileSchema) -> int:
    """The rows from the schema's header row that another sheet must repeat to be read with it:
    its header row; of several tickers side by side, the whole header block, whose labels name the
    tickers (a sheet of GOOG and AMZN under the same fields, read with AAPL's and MSFT's labels,
    loaded GOOG's prices as AAPL's). Not the ticker one ticker's header names (FileSchema.ticker):
    a sheet of yfinance's MSFT download is read as its own ticker's (sheet_header_tickers)."""
    if schema.side_by_side:
        return max(schema.data_start_line - schema.header_row, 1)
    return 1


def _header_key(rows: list[list[str]], h: int, span: int) -> tuple:
    if span == 1:
        return _key(rows[h])
    # a row's trailing empty cells left out: Excel writes a labels' row as far as its last label
    return tuple(_key(row[:max((j + 1 for j, c in enumerate(row) if c.strip()), default=0)])
                 for row in rows[h:h + span])


def _as_header(sheet: Sheet, schema: FileSchema, header: tuple) -> FileSchema | None:
    rows, span = sheet.rows, _block_rows(schema)
    if schema.header_row < len(rows) and _header_key(rows, schema.header_row, span) == header:
        return replace(schema, sheet=sheet.name)
    gap = schema.data_start_line - schema.header_row
    for h in range(min(len(rows), schema.header_row + _HEADER_SEARCH_ROWS)):
        if _header_key(rows, h, span) == header:
            return replace(schema, header_row=h, data_start_line=h + gap, sheet=sheet.name)
    return None


def _kinds(schema: FileSchema) -> list[str]:
    # Whole prices on one sheet read as integers, on another as floats: one layout.
    return ["float" if c.type == "integer" else c.type for c in schema.columns]


def _as_headerless(own: FileSchema, schema: FileSchema) -> FileSchema | None:
    if own.header_row >= 0 or _kinds(own) != _kinds(schema):
        return None
    return replace(schema, data_start_line=own.data_start_line, sheet=own.sheet)


def _own_footer(rows: list[list[str]], schema: FileSchema) -> int:
    """The schema's footer (detected on its own sheet: a total line, a note) as it holds on another
    sheet: it ends before the last row whose date cell reads as a date. A month sheet without the
    first one's total line has a bar there, which read as footer was rejected as outside the table."""
    cmap = schema.canonical_map()
    if "date" not in cmap:
        return schema.footer_lines
    col = cmap["date"]
    last = rows[max(len(rows) - schema.footer_lines, schema.data_start_line, 0):]
    cells = column_cells(last, col)
    fmt = schema.columns[col].format
    swapped = schema.columns[col].swapped_cells is not None
    dated = ~np.isnan(parse_dates(cells, fmt, schema.decimal, schema.thousands, swapped).values)
    return len(last) - 1 - int(np.flatnonzero(dated)[-1]) if dated.any() else schema.footer_lines


def _price_like(own: FileSchema) -> bool:
    return any(c.canonical in _PRICE_LIKE or c.type in ("date", "timestamp") for c in own.columns)


def plan_sheets(sheets: list[Sheet], schema: FileSchema, name: str, week: TradingWeek = MON_FRI) -> list[SheetPlan]:
    """A plan per sheet holding rows, the schema's own sheet first, then the visible ones (`week`:
    the trading week, by which a sheet's own epochs stamped east of UTC are restated)."""
    main = chosen_sheet(sheets, schema.sheet)
    if main is None:
        return []
    stride = sheet_lines(sheets)
    plans = [SheetPlan(main, main.index * stride, schema)]
    header = (_header_key(main.rows, schema.header_row, _block_rows(schema))
              if 0 <= schema.header_row < len(main.rows) else None)
    for sheet in sorted(sheets, key=lambda s: not s.visible):  # stable: tab order within each
        if sheet is main or not any(sheet.rows):
            continue
        plan = SheetPlan(sheet, sheet.index * stride)
        own = None
        if header is not None:
            plan.schema = _as_header(sheet, schema, header)
        elif schema.header_row < 0:
            own = detect_sheet(sheet, name, schema.file_format)
            plan.schema = _as_headerless(own, schema)
        if plan.schema is not None and misread(sheet.rows, plan.schema.data_start_line, plan.schema):
            own = own or detect_sheet(sheet, name, schema.file_format)
            plan.cells = restated(sheet.rows, plan.schema.data_start_line, own, plan.schema, week)
        elif plan.schema is not None:
            plan.cells = _own_swap(sheet.rows, plan.schema, week)
        if plan.schema is not None and plan.schema.footer_lines > 0:
            rows = plan.cells or sheet.rows
            plan.schema = replace(plan.schema, footer_lines=_own_footer(rows, plan.schema))
        if plan.schema is None:
            plan.own = own or detect_sheet(sheet, name, schema.file_format)
            if _price_like(plan.own):
                plan.reason = (f"on sheet {sheet.name!r}, not read: its layout differs from sheet {main.name!r},"
                               " which this file's schema describes")
        plans.append(plan)
    if len(plans) > 1:
        _other_frequencies(plans, schema)
        _hidden_sheets(plans)
    return plans


def _hidden_sheets(plans: list[SheetPlan]) -> None:
    """A hidden sheet in the table's layout, beside the visible sheet the table was read from,
    becomes a sheet whose rows are rejected, each saying so. A keeper hides what no reader of the
    workbook is to see: a stale backup, last year's scratch, a ticker dropped from the watchlist.
    Loaded, its rows came back as prices without a word: a hidden "AAPL old" put the days deleted
    from the visible sheet back under its ticker, hidden "GOOG" and "TSLA" sheets loaded as tickers
    the workbook no longer shows, and a hidden "Backup" beside ticker sheets had vetoed their names
    (sheet_tickers names sheets only when all are tickers). Where the table itself is on a hidden
    sheet (a cover or chart shown in front of it), nothing says the hidden sheets are stale: all load.
    Nor is a hidden sheet stale whose rows a visible one shows a window of (_windowed): a dashboard's
    last days over the hidden history they are read from."""
    if not plans[0].sheet.visible or all(p.sheet.visible for p in plans):
        return
    shown = [_day_closes(p) for p in plans if p.schema is not None and p.sheet.visible]
    for plan in plans[1:]:
        if plan.schema is not None and not plan.sheet.visible and not _windowed(shown, _day_closes(plan)):
            plan.reason = (f"on sheet {plan.sheet.name!r}, not read: the sheet is hidden in the workbook"
                           " (a stale copy or scratch kept out of sight?): unhide it to load its rows")
            plan.own, plan.schema, plan.cells, plan.hidden = plan.schema, None, None, True


def _day_closes(plan: SheetPlan) -> set[tuple[float, float]] | None:
    """The (day, close) of each row of a data sheet's table that has both, None without a date or close."""
    cmap = plan.schema.canonical_map()
    if "date" not in cmap or "close" not in cmap:
        return None
    rows = plan.cells or plan.sheet.rows
    first = max(plan.schema.data_start_line, 0)
    body = rows[first:max(first, len(rows) - max(plan.schema.footer_lines, 0))]
    date_col = plan.schema.columns[cmap["date"]]
    days = parse_dates(column_cells(body, cmap["date"]), date_col.format, plan.schema.decimal, plan.schema.thousands,
                       date_col.swapped_cells is not None).values
    closes = parse_numbers(column_cells(body, cmap["close"]), plan.schema.decimal, plan.schema.thousands).values
    both = ~np.isnan(days) & ~np.isnan(closes)
    return set(zip(days[both].tolist(), closes[both].tolist()))


def _windowed(shown: list[set[tuple[float, float]] | None], hidden: set[tuple[float, float]] | None) -> bool:
    """Whether a visible sheet's every day and close is on the hidden sheet, which holds more than twice
    as many: a window onto it (a dashboard's last days), the hidden sheet its source. A stale copy holds
    the visible sheet's days but a few (days deleted since) or other closes; a hidden ticker, other closes."""
    return bool(hidden) and any(rows and rows <= hidden and 2 * len(rows) < len(hidden) for rows in shown)


def _own_swap(rows: list[list[str]], schema: FileSchema, week: TradingWeek) -> list[list[str]] | None:
    """`rows` restated in the schema's dates where the sheet's own date cells read swapped and the
    schema's do not, or the other way (detection/swapped_cells.own_swap); None where they read alike."""
    col = schema.canonical_map().get("date")
    if col is None:
        return None
    column = schema.columns[col]
    start = max(schema.data_start_line, 0)
    note = own_swap([r[col] if col < len(r) else "" for r in rows[start:start + _FREQUENCY_SAMPLE]], column)
    if (note is None) == (column.swapped_cells is None):
        return None
    own = replace(schema, columns=[replace(c, swapped_cells=note) if i == col else c
                                   for i, c in enumerate(schema.columns)])
    return restated(rows, schema.data_start_line, own, schema, week)


def _median_gap(plan: SheetPlan, col: int) -> float | None:
    """The median number of days between the distinct dates of a data sheet's table, None when it
    has too few of them to tell."""
    schema = plan.schema
    rows = plan.cells or plan.sheet.rows
    first = max(schema.data_start_line, 0)
    stop = min(max(first, len(rows) - max(schema.footer_lines, 0)), first + _FREQUENCY_SAMPLE)
    cells = column_cells(rows[first:stop], col)
    days = parse_dates(cells, schema.columns[col].format, schema.decimal, schema.thousands,
                       schema.columns[col].swapped_cells is not None).values
    distinct = np.unique(days[~np.isnan(days)])
    if distinct.size < _FEW_DATES:
        return None
    gaps = np.sort(np.diff(distinct))  # the upper median: cheaper than np.median on small sheets
    return float(gaps[gaps.size // 2])


def _other_frequencies(plans: list[SheetPlan], schema: FileSchema) -> None:
    """Data sheets of another frequency than the finest (the schema's own sheet among them: a
    "Monthly" sheet first, "Daily" after it) become sheets whose rows are rejected. A sheet per
    ticker is left as it is: a thinly traded ticker's dates are far apart and still its prices."""
    cmap = schema.canonical_map()
    if "date" not in cmap:
        return
    # (with a ticker column too: a fund per sheet, one priced daily, another weekly)
    ticker_sheets = sum(sheet_names_ticker(p.sheet.name or "") for p in plans) > 1
    gaps = [(p, g) for p in plans if p.schema is not None
            for g in [_median_gap(p, cmap["date"])] if g is not None]
    if len(gaps) < 2:
        return
    finest, least = min(gaps, key=lambda pg: pg[1])
    for plan, gap in gaps:
        if gap < _OTHER_FREQUENCY * least or (ticker_sheets and sheet_names_ticker(plan.sheet.name or "")):
            continue
        its = "is daily" if least <= 1 else f"has them {least:g} days apart"
        plan.reason = (f"on sheet {plan.sheet.name!r}, not read: its dates are {gap:g} days apart,"
                       f" sheet {finest.sheet.name!r} {its}")
        plan.own, plan.schema, plan.cells = plan.schema, None, None


def sheet_tickers(plans: list[SheetPlan], lines: np.ndarray, days: np.ndarray,
                  closes: np.ndarray | None = None) -> Strings | None:
    """Without a ticker column: each record's sheet name as its ticker when the data sheets are one
    ticker each (most dated rows share their date with another sheet); None to keep the file's.
    `closes` (per record, NaN where none): a row whose close on its date another sheet holds too
    is that sheet's row copied, and shares nothing."""
    data = [p for p in plans if p.schema is not None]
    bases = np.array(sorted(p.base for p in data), dtype=np.int64)
    sheet = np.searchsorted(bases, lines - 1, side="right") - 1  # position in `bases` of each record
    dated = ~np.isnan(days)
    # Only sheets holding dated rows have a say: a header-only template ("Sheet1") or a sheet of
    # undated leftovers names no ticker, and must not send AAPL's rows to the file's name.
    holding = set(np.unique(sheet[dated]).tolist())
    named = [p for k, p in enumerate(sorted(data, key=lambda p: p.base)) if k in holding]
    if len(named) == 1 and _among_hidden_tickers(named[0], plans):
        return Strings(np.zeros(len(lines), dtype=np.int64), np.array([(named[0].sheet.name or "").strip().upper()],
                                                                      dtype=object), np.zeros(len(lines), dtype=bool))
    if len(named) < 2 or not all(sheet_names_ticker(p.sheet.name or "") for p in named):
        return None
    pairs = np.unique(np.stack([days[dated].astype(np.int64), sheet[dated]]), axis=1)
    day_sheets = np.bincount(np.unique(pairs[0], return_inverse=True)[1])  # sheets holding each day
    shared = day_sheets[np.unique(days[dated].astype(np.int64), return_inverse=True)[1]] > 1
    copied = np.zeros(len(shared), dtype=bool)
    if closes is not None:
        # The last days pasted again on a sheet of their own ("DATA", then "NEW"): judged sheet by
        # sheet, the copies' dates are all on the history's, and their rows loaded as ticker NEW.
        # Another ticker's close differs on the day; a copy's is the one the other sheet holds.
        copied = _copied(days[dated], closes[dated], sheet[dated])
        shared &= ~copied
    # Judged sheet by sheet: over all rows, a long history's unshared days outvoted the short sheet
    # whose every day the long one holds, and RIVN's rows loaded as AAPL's, under the file's name.
    on_sheet = sheet[dated]
    if (np.bincount(on_sheet, weights=shared) / np.maximum(np.bincount(on_sheet), 1)).max() < _SHARED_DATES \
            and (copied.any() or any(sheet_names_a_period(p.sheet.name or "") for p in named)
                 or sheets_numbered_as_parts([p.sheet.name or "" for p in named])):
        # Sheets of distinct dates are the file's ticker's periods, unless each is named as a ticker
        # and none as a period ("AAPL", "MSFT" of different dates; not "2021", "2022", "JAN", "FEB"):
        # their rows had loaded as one security's under the file's name, or been refused under
        # "export.xlsx".
        return None
    by_base = {p.base: p.sheet.name for p in data}
    words = np.array([(by_base[int(b)] or "").strip().upper() for b in bases], dtype=object)
    return Strings(sheet.astype(np.int64), words, (words == "")[sheet])


def _among_hidden_tickers(shown: SheetPlan, plans: list[SheetPlan]) -> bool:
    """Whether the one visible data sheet left is named as a ticker beside hidden sheets of its layout
    each named as another ("MSFT" shown, "GOOG" hidden): a sheet per ticker, whose hidden ones are set
    aside (_hidden_sheets). A lone sheet's name names no ticker ("Data", "Prices"), but its hidden
    siblings so named say this one is one too; without them, MSFT's rows loaded under the file's name."""
    hidden = [(p.sheet.name or "").strip() for p in plans if p.hidden]
    names = [(shown.sheet.name or "").strip(), *hidden]
    return bool(hidden) and all(sheet_names_ticker(n) and not sheet_names_a_period(n) for n in names) \
        and len({n.upper() for n in names}) == len(names) and not sheets_numbered_as_parts(names)


def _copied(days: np.ndarray, closes: np.ndarray, sheet: np.ndarray) -> np.ndarray:
    """Of each dated row, whether another sheet holds its day and close again (a copy's row, not
    another ticker's)."""
    pair = np.unique(np.stack([days, closes]), axis=1, return_inverse=True)[1].ravel()
    held = np.unique(np.stack([pair, sheet]), axis=1)  # (day and close, sheet) once each
    return (np.bincount(held[0], minlength=len(pair))[pair] > 1) & ~np.isnan(closes)


def sheet_header_tickers(plans: list[SheetPlan], lines: np.ndarray) -> Strings | None:
    """Each record's ticker as its own sheet's header names it (a workbook of yfinance downloads or
    Bloomberg securities, a sheet each), when every data sheet's does; None to name them otherwise."""
    data = sorted((p for p in plans if p.schema is not None), key=lambda p: p.base)
    words = []
    for plan in data:
        schema, rows = plan.schema, plan.sheet.rows
        above = _label_above(rows, schema.header_row)
        canonical = [c.canonical for c in schema.columns]
        named = header_ticker(rows[schema.header_row:schema.data_start_line], canonical,
                              lambda above=above: above, lambda rows=rows, at=schema.header_row: _labelled(rows, at)) \
            or block_ticker(plan.sheet.labels, schema.header_row, schema.data_start_line, canonical)
        if named is None:
            return None
        words.append(named)
    # Cleaned as one sheet's would be (normalise.series_ticker), and each once: two sheets of one
    # ticker (January, February) are one ticker's rows, whose repeats are judged together.
    cleaned = parse_strings(pa.array(words, pa.string()), upper=True)
    bases = np.array([p.base for p in data], dtype=np.int64)
    sheet = np.searchsorted(bases, lines - 1, side="right") - 1
    return Strings(cleaned.codes[sheet].astype(np.int64), cleaned.words, np.zeros(len(lines), dtype=bool))


def _label_above(rows: list[list[str]], header_row: int) -> str | None:
    """The filled cells of a sheet's row above its header, joined by a space, past rows of placeholders
    between (as detect._line_above reads a file's): where a security's label is; None where there is none."""
    for i in range(header_row - 1, max(header_row - BETWEEN - 2, -1), -1):
        if not filler(rows[i]):
            return " ".join(c.strip() for c in rows[i] if c.strip()) or None
    return None


def _labelled(rows: list[list[str]], header_row: int) -> str | None:
    """The nearest of a sheet's rows above its header, within LABEL_REACH, that names a ticker by its
    field's name ("Security | AAPL US Equity" over a preamble's dates): as detect._label_above reads a
    file's. Read as the security alone, such a label named no ticker, and each sheet loaded under its
    sheet's name or none."""
    for i in range(header_row - 1, max(header_row - LABEL_REACH - 1, -1), -1):
        line = " ".join(c.strip() for c in rows[i] if c.strip())
        if line and labelled_ticker(line) is not None:
            return line
    return None


def sheet_starts(plans: list[SheetPlan]) -> np.ndarray:
    """The line each data sheet starts after (its base, sorted): where a table stacked on the sheet
    before ends (normalisation/stacked_tables.py)."""
    return np.array(sorted(p.base for p in plans if p.schema is not None), dtype=np.int64)


def _plan_of(plans: list[SheetPlan]) -> Callable[[int], SheetPlan | None]:
    """A workbook's line -> the plan of the sheet it is on (None above the first sheet's base)."""
    by_base = sorted(plans, key=lambda p: p.base)
    bases = [p.base for p in by_base]

    def plan_of(line: int) -> SheetPlan | None:
        k = bisect_right(bases, line - 1) - 1
        return by_base[k] if k >= 0 else None
    return plan_of


def sheet_place(plans: list[SheetPlan]) -> Callable[[int], str]:
    """Where a workbook's line is, as a reader of the workbook finds it: "line 12" on the first
    sheet (its rows' lines, as its rejected rows show them), "sheet 'MSFT' row 12" on a later one,
    whose lines are numbered on past the sheets before (a million apiece)."""
    plan_of = _plan_of(plans)

    def place(line: int) -> str:
        plan = plan_of(line)
        if plan is None or plan.sheet.index == 0:
            return f"line {line - (plan.base if plan is not None else 0)}"
        return f"sheet {plan.sheet.name!r} row {line - plan.base}"
    return place


def as_written(plans: list[SheetPlan], lines: list[Line]) -> list[Line]:
    """Of `lines`, those on data sheets, each raw text the row as its sheet writes it: without the
    label naming a later sheet ("sheet 'P' row 3: "), which made a stacked table's "Ticker,MSFT,..."
    row or "MSFT US Equity" label no header's line (stacked_tables.py), and MSFT's rows AAPL's."""
    plan_of = _plan_of(plans)
    out: list[Line] = []
    for line, raw, reason in lines:
        plan = plan_of(line)
        row = line - plan.base - 1 if plan is not None else -1
        if plan is not None and plan.schema is not None and 0 <= row < len(plan.sheet.rows):
            out.append((line, raw if plan.sheet.index == 0 else csv_line(plan.sheet.rows[row]), reason))
    return out

