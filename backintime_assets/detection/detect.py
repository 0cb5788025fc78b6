"""Detect the FileSchema of a CSV/text export or a workbook (.xlsx, .xls, .xlsb, .ods) from a
bounded sample of it."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from .bar_period import (bar_period_problem, few_months_firsts, lone_bar_problem, longer_bars, series_dates,
                         spaced_bars_problem, ticker_holds_bars)
from .buddhist_era import be_two_digit
from .canonical import (SEVERAL_CLOSES, SIDE_BY_SIDE, digit_clock, fits_type, map_canonical, names_its_column,
                        repeated_unlabelled, tickers_side_by_side)
from .date_system import DAY_MONTH
from .dates import GUESSED_ORDER_CERTAINTY, name_vouches_all
from .day_date import DayDate, day_of_file, not_a_days_list
from .dialect import (
    LINE_END, Dialect, count_lines, detect_dialect, line_offset, parse_rows, quoting_at_stake, reader_kwargs,
)
from .encoding import ZERO_FILLED, binary_problem, decode_head, decode_tail, detect_encoding, later_encoding
from .epoch_days import east_format, east_reading, may_be_east, other_order_evenings, utc_instants
from .excel_sep import declared_delimiter, without_sep_line
from .filename import date_in_name, dated_name, named_days
from .traded_money import traded_money_problem
from .flat_header import (bare_tickers, closes_of_one, currencies_of_one, labelled_unread, made_of_others,
                          named_as_tickers, nameless_among_tickers, scaled_fields, scaled_series, split_header,
                          untold_series)
from .forced_text import forced_marks, unforce
from .gaps import GAP, gaps_to_tabs
from .cell_days import days_of, reads_days
from .comma_groups import comma_grouped_volumes
from .minguo import minguo_dates
from .six_digit_dates import six_digit_dates
from .day_spans import day_span_order, halved_span_problem, long_span_problem, paired_span_problem, start_days
from .split_date import dated_in_first, join_split_dates, joined_sheet, split_date_order
from .stated_order import stated_order
from .header_ticker import BETWEEN, LABEL_REACH, block_ticker, filler, header_ticker, labelled_ticker, venues_only
from .json_records import json_lines_problem
from .prose import prose_problem
from .time_spans import time_span_problem
from .row_currency import currency_switch_problem
from .layout import Layout, Row, detect_layout, padding, ticker_level, tickers_row
from .listing_rows import kind_labels, listing_labels
from .lots import LOT, in_hundred_share_lots
from .lots import UNIT as LOTS_UNIT
from .nameless import a_history, nameless_problem, sheet_names_ticker, sheet_sums_up
from .marked_tickers import dated_column, marked_beside_close, marked_closes, rate_table, unlike_closes
from .named_field import close_named, other_field_named
from .names_above import names_above_problem
from .lean_prices import DECI_CENTS, lean_deci_cents
from .multipliers import (
    PRICE_FIELDS, already_counted, as_declared, column_unit, noted_unit, price_scale, prices_already_counted,
    unsized_unit,
)
from .numbers import NumberMarks, detect_number_format, detect_number_marks
from .schema import ColumnSchema, FileSchema
from .series import lettered, wide_columns
from .tenors import term_table
from .settled import settled
from .measurements import interest_rates_problem, jumping_table_problem, leaping_series_problem, reading_series_problem
from .moving_average import moving_average_problem
from .price_unit import unread_scale_problem
from .net_worth import net_worth_problem
from .held_quantity import held_quantity
from .options import option_problem
from .reference_lists import reference_list_problem
from .statements import not_prices, statement_problem
from .stray_text import words_among_numbers
from .swapped_cells import read_swapped
from .unread_closes import position_value_problem, unread_close_problem
from .unsettled_order import month_first_against_its_script, unsettled_order_problem
from .wrapped_lines import unwrap, wrapped_quote
from .uncalculated import (UNCALCULATED, blank_prices, rejected_by_close, uncalculated_cells,
                           uncalculated_problem)
from .xlsx import MARKUP_FORMATS, Sheet, read_sheet, read_sheets, unreadable, workbook_format

HEAD_BYTES = 64 * 1024
TAIL_BYTES = 16 * 1024
# A first look at a quarter of the sample settles most files; the full sample is read only when
# that look leaves a doubt (see settled.py). Detection costs about as much per byte as parsing, so
# for small daily files this halves or better the cost of detection.
QUICK_HEAD_BYTES = 16 * 1024
QUICK_TAIL_BYTES = 4 * 1024
# A table whose lines are long (thousands of tickers side by side, a column each) leaves the head
# a header and a row or two, or only part of the header: too little to tell a header from data,
# and nothing of the file loaded. The head is read on, doubling, until it holds this many lines.
# A header longer than MAX_HEADER_BYTES is none (detection costs ~40 µs a field on one long line):
# a file without a line break by then is not read on.
MIN_HEAD_LINES = 10
MAX_HEAD_BYTES = 2 * 2**20
MAX_HEADER_BYTES = 256 * 2**10
XLSX_HEAD_ROWS = 2000
XLSX_TAIL_ROWS = 200

# Records near the top looked at for one spanning lines (a quote opened in a preamble line).
_SPAN_PROBE = 10
# A header and the two rows that confirm a data start (layout.py): fewer lines below the table's
# start are too few to judge a dialect on, and the whole sample's judgement stands.
_MIN_TABLE_LINES = 3
_SPACE_RUNS = re.compile(r"\s{2,}")  # between the names of a space-aligned header


def problem_schema(name: str, problem: str, encoding: str = "utf-8", file_format: str = "csv") -> FileSchema:
    return FileSchema(file=name, encoding=encoding, delimiter=",", quotechar='"', escapechar=None,
                      line_terminator="\n", header_row=-1, data_start_line=0, footer_lines=0, decimal=".",
                      thousands=None, file_format=file_format, columns=[], problem=problem)


def _schema(name: str, encoding: str, dialect: Dialect, layout: Layout, decimal: str, thousands: str | None,
            file_format: str = "csv", sheet: str | None = None, notes: list[str] | None = None,
            titles: Callable[[], list[tuple[int, str]]] = list, lone_sheet: bool = False,
            labels: dict[int, tuple[int, int, str]] | None = None, split_date: str | None = None) -> FileSchema:
    # A volume's commas grouping thousands where the file's comma is its decimal (comma_groups.py).
    layout.types = comma_grouped_volumes(layout.names, layout.types, layout.body, decimal, thousands)
    # Two-digit Minguo years ("83/09/05") where the file shows it is Taiwan's (minguo.py).
    layout.types = minguo_dates(layout.names, layout.types, layout.body, layout.header_cells)
    # Finam's yymmdd and ddmmyy dates ("230103") under a header naming the date (six_digit_dates.py).
    layout.types = six_digit_dates(layout.names, layout.types, layout.body)
    # A guessed day/month order the file's title or a timestamp column states (stated_order.py).
    layout.types = stated_order(layout.types, layout.body, titles, layout.names)
    # A one-row header naming each column's ticker in its cell ("AAPL Close", "SPY.Open"): read as
    # labels over fields (flat_header.py), as yfinance's two rows write them.
    flat = split_header(layout.header_cells, layout.types) if layout.body else None
    cells = flat[0] if flat is not None else layout.header_cells
    lone = flat[1][0] if flat is not None and len(flat[1]) == 1 else None
    fields = [c[1:] if len(c) == 2 else c for c in cells] if lone is not None else layout.header_cells
    canonical = map_canonical(fields, layout.types, layout.body, (decimal, thousands), layout.head_end, name)
    if split_date is not None:
        canonical = dated_in_first(canonical)
    if flat is None:
        canonical = nameless_among_tickers(cells, layout.types, canonical)
    unnamed = named_as_tickers(cells, layout.types, canonical) if flat is None else []
    unlike = None  # why numbers under marked tickers are no closes (volumes, weights), said in the refusal
    # A central bank's rates by currency ("Date,USD,JPY,BGN"): each column its pair's close (marked_tickers.py).
    rates = rate_table(layout.names, name, layout.types, canonical, layout.body, decimal, thousands) \
        if flat is None else {}
    # A term table of a rate ("Date,1W,1M,3M": tenors.py): each tenor's fixings its series, as each currency's.
    rates = rates or (term_table(layout.names, layout.types, canonical, layout.body, decimal, thousands, name)
                      if flat is None else {})
    if rates and (unlike := unlike_closes(layout.names, layout.body, list(rates), decimal, thousands,
                                          dated_column(canonical, layout.types), rates=True)):
        rates = {}
    if rates:
        unnamed = list(rates)
        cells = [[rates[j][0]] if j in rates else c for j, c in enumerate(cells)]
    elif len(unnamed) > 1 and not close_named(name):
        # Named by tickers only as a ticker is ("Date,VOD.L,BP.L": marked_tickers.py), unless the file's
        # name says which other field they hold ("volume.csv", "adj_close.csv"), or its numbers do.
        unnamed = [] if other_field_named(name) else marked_closes(cells, layout.types, canonical, layout.body,
                                                                   unnamed, decimal, thousands)
        if unnamed and (unlike := unlike_closes(layout.names, layout.body, unnamed, decimal, thousands,
                                                dated_column(canonical, layout.types))):
            unnamed = []
    beside = marked_beside_close(cells, layout.types, canonical, layout.body, decimal, thousands, named_as_tickers) \
        if flat is None and not rates else []
    if len(unnamed) > 1:
        # "Date,AAPL,MSFT" in "close.csv", or "Date,VOD.L,BP.L": each ticker's name read as a label over
        # its close, as yfinance's two rows write them. Refused as prices no name said, a pandas dump
        # of closes loaded nothing.
        cells = [[*c, "Close"] if j in unnamed else c for j, c in enumerate(cells)]
    series: list[str | None] = [None] * len(canonical)
    split_labels = flat[1] if flat is not None else []  # tickers the split read, some a field's word ("LOW")
    side_by_side = tickers_side_by_side(cells, layout.types, split_labels) if layout.body else []
    # A ticker's name alone beside them ("AAPL" by "MSFT Close"): refused below, its lines once each.
    bare = bare_tickers(flat[0], layout.types, canonical) if flat is not None else []
    # A cell split_header left whole is no merged label's column: "AAPL Volume USD" (turnover) right
    # of "MSFT Close" was read as MSFT's, and loaded as MSFT's volume.
    wide = wide_columns(cells, layout.types, layout.body, merged=flat is None, tickers=split_labels) \
        if side_by_side and not bare else None
    if wide is not None:
        series, canonical = wide  # each line loads a row per ticker (series.py)
    elif (held := held_quantity(layout.header_cells, canonical, layout.body)) is not None:
        # Units held or issued, steady from day to day, are no day's volume (held_quantity.py): its
        # prices load, its volume is NULL. A position history had loaded its holding as the volume.
        canonical[held] = None
    # A word among an unmapped column's numbers, anywhere in the sample: text (stray_text.py). For the
    # columns shown only: the judgements below read the typing's numbers. Another ticker's prices beside
    # the file's ("SPY Close", "Fund NAV", "Close NYSE") with a "halted" among them are still prices
    # left unread; read as text, the file's refusal was lifted and its own prices loaded without a word.
    typed = words_among_numbers(layout.types, layout.names, layout.body, canonical, decimal, thousands)
    columns = []
    labelled = _label_on_prices(layout.header_cells, canonical)
    # A ticker's prices count in one unit: "Open, High, Low, Close (K)" are all thousands. Scaled alone,
    # the close stood a thousandfold over its high, and every row was rejected as "high < max(open, close)".
    price_scales = {s: scale for j, (c, s) in enumerate(zip(canonical, series))
                    if c in PRICE_FIELDS and j < len(layout.header_cells)
                    and (scale := price_scale(_label_once_off(layout.header_cells[j], s)))}
    for j, (n, t, c, s) in enumerate(zip(layout.names, typed, canonical, series)):
        if c and t.type == "string" and t.alt is not None and not fits_type(c, t):
            t = t.alt  # mapped through its mostly-numeric (or date) reading
        column = ColumnSchema(name=n, type=t.type, format=t.format, confidence=t.confidence, canonical=c, series=s)
        if c == "volume" and j < len(layout.header_cells):
            _declare_unit(column, _unlabelled(layout.header_cells[j], s or labelled), notes or [])
        elif c in PRICE_FIELDS and j < len(layout.header_cells):
            column.multiplier = price_scales.get(s)
        if column.multiplier is not None and j < len(layout.header_cells):
            counted = prices_already_counted if c in PRICE_FIELDS else already_counted
            if _already_counted(layout.body, j, column.multiplier, decimal, thousands, counted):
                column.unit, column.multiplier = f"x{column.multiplier:g} declared, values already counted", None
        if j in rates and rates[j][1] > 1:
            # "100 JPY": loaded as the rate of one yen. Not judged "already counted": a rate of 100 yen written
            # whole (16.000) is still the rate of 100.
            column.multiplier = 1 / rates[j][1]
        columns.append(column)
    if layout.header_row < 0 and lean_deci_cents(layout.body, canonical, [c.format for c in columns], name):
        # LEAN's equity bars: whole deci-cents, loaded as written SPY stood at 3,250,700 dollars (lean_prices.py).
        for column in columns:
            if column.canonical in PRICE_FIELDS:
                column.multiplier, column.unit = DECI_CENTS, "LEAN deci-cents"
    # A volume of no unit, or in lots of a size unsaid ("成交量(手)": loaded as NULL), whose size the money
    # beside it tells.
    if "volume" in canonical and (v := columns[canonical.index("volume")]).multiplier is None \
            and (v.unit is None or unsized_unit(v.unit)) \
            and in_hundred_share_lots(layout.body, canonical, [c.type for c in columns], decimal, thousands,
                                      [c.name for c in columns]):
        v.multiplier, v.unit = LOT, LOTS_UNIT  # 成交量 in 手 beside 成交额 (lots.py)
    if layout.header_row < 0 and "date" in canonical and (j := canonical.index("date") + 1) < len(columns) \
            and canonical[j] is None and columns[j].type in ("integer", "string"):
        # Its rows' times of day in digits ("100500"): decided here, once, and read so (normalise.py).
        columns[j].format = digit_clock(j, canonical, layout.body) or columns[j].format
    if "date" in canonical:  # "02/01/67" in a Thai file: BE 2567, 2024 (buddhist_era.py)
        columns = be_two_digit(columns, layout.body, name, layout.header_cells,
                               lambda: " ".join(line for _, line in titles()))
        # Dates typed day first into a spreadsheet reading month first: its date cells swapped (swapped_cells.py).
        columns = read_swapped(columns, layout.body)
    problem = None
    firsts_guessed = False  # a few months' firsts read by a guessed order (below)
    if not columns:
        problem = "no table found"
    elif not layout.body:
        problem = "no data rows"
    elif bare and flat is not None:
        shown = _shown([layout.names[j] for j in bare])
        named = next(layout.names[j] for j, cells in enumerate(flat[0]) if len(cells) == 2)
        problem = (f"{SIDE_BY_SIDE} ({shown}): numbers under a ticker's name alone beside columns named by ticker "
                   f"and field (\"{named}\"): which price each holds is unsaid, and it would be left unread; "
                   "name each column by its ticker and field (\"AAPL Close\") or save each ticker's columns "
                   "as a file of its own")
    elif beside:
        close = layout.names[canonical.index("close")]
        problem = (f"{SIDE_BY_SIDE} ({_shown([layout.names[j] for j in beside])}): closes under tickers' names "
                   f"beside \"{close}\", a close no ticker names: whose it is is unsaid, and the tickers' would be "
                   "left unread; name it by its ticker or save it as a file of its own")
    elif wide is not None and not any(map(tickers_row, layout.header_rows)) \
            and (listing := listing_labels(layout.header_rows, series)):
        # Beside a ticker row the listing row stayed in the block only where it tells apart what the tickers do
        # not ("Class,A,B" under "Ticker,BRK,BRK": listing_rows.listing_notes): the labels are "BRK A", "BRK B".
        head, words = listing
        problem = (f"{SIDE_BY_SIDE} ({_shown(words)}): the row headed \"{head}\" sets the prices apart by each one's "
                   f"{head.lower()}, not its ticker, and no row names their tickers: loaded, they would stand under "
                   f"made-up tickers {', '.join(words)}. Add a row \"Ticker\" naming each column's ticker, or save "
                   "each ticker's columns as a file of its own")
    elif wide is not None and not any(map(tickers_row, layout.header_rows)) \
            and venues_only(venues := list(dict.fromkeys(s for s in series if s is not None))):
        # Not under a row headed by the ticker's field name: "Ticker,CBOE,ASX" names Cboe's and ASE's shares.
        problem = (f"{SIDE_BY_SIDE} ({_shown(venues)}): the prices are set apart by venues' or sources' names, not "
                   "tickers: loaded, they would stand under made-up tickers. Add a row \"Ticker\" naming each "
                   "column's ticker, or save each ticker's columns as a file of its own")
    elif len(layout.header_rows) > 1 and not any(map(tickers_row, layout.header_rows)) \
            and (kinds := kind_labels(layout.header_rows)):
        # Read as labels of series or not (",Stock,Stock,Index": one close loaded under the file's name, the
        # others unread), words of an instrument's kind name no ticker: listing_rows.labels_kinds.
        head, words = kinds
        row = f"the row headed \"{head}\"" if head else f"the row \"{', '.join(words)}\""
        problem = (f"{SIDE_BY_SIDE} ({_shown(words)}): {row} sets the prices apart by each one's kind of "
                   "instrument or quote, not its ticker, and no row names their tickers: loaded, they would stand "
                   f"under made-up tickers {', '.join(w.upper() for w in words)}, or one would be loaded as the "
                   "file's and the others left unread. Add a row \"Ticker\" naming each column's ticker, or save "
                   "each ticker's columns as a file of its own")
    elif wide is not None and (others := made_of_others(layout.header_cells, layout.types, series, canonical)):
        shown = _shown([layout.names[j] for j in others])
        problem = (f"{SIDE_BY_SIDE} ({shown}): beside the tickers' prices, a total's, benchmark's or portfolio's, "
                   "made of others' prices and no instrument's: it would be left unread, or loaded as a ticker of "
                   "that name. Save the tickers' columns as a file of their own")
    elif scaled := scaled_series(layout.header_cells, layout.types):
        shown = _shown([layout.names[j] for j in scaled])
        problem = (f"{SIDE_BY_SIDE} ({shown}): each ticker's price is named with a scale written onto its name, "
                   "which is not read for prices (\"_k\" may be a series' letter too): read as written, the prices "
                   "could be a thousandfold off. Write the scale in brackets (\"AAPL Close (K)\") or save each "
                   "ticker's columns as a file of its own")
    elif wide is None and (scaled := scaled_fields(layout.header_cells, canonical)):
        shown = _shown([layout.names[j] for j in scaled])
        # A judgement (SIDE_BY_SIDE?): "close_k,volume_k" may be series K's as well, a user who knows may load it.
        problem = (f"{SIDE_BY_SIDE}? ({shown}): prices named with a scale written onto their names, which is not "
                   "read for prices (\"_k\" may be a series' or a ticker's letter too: K's prices?): read as "
                   "written, they could be a thousandfold off. Write the scale in brackets (\"Close (K)\") or "
                   "leave it off the names")
    elif side_by_side and wide is None and lettered(side_by_side, layout.header_cells):
        problem = (f"{SIDE_BY_SIDE} ({_shown(side_by_side)}): columns labelled by a run of letters or numbers, "
                   "a labelling of series, not their tickers (A, B and C are tickers too: loaded so, any series "
                   "would be filed as those companies'); name each column by its ticker (\"AAPL Close\") or save "
                   "each series as a file of its own")
    elif side_by_side and wide is None:
        shown = _shown(side_by_side)
        problem = (f"{SIDE_BY_SIDE} ({shown}): a line holds several tickers' prices, and their labels do not "
                   "name a ticker each with its date and close; save each ticker's columns as a file of its own")
    elif wide is None and (repeats := repeated_unlabelled(layout.header_cells, canonical, layout.body)):
        shown = _shown([layout.names[j] for j in repeats])
        problem = (f"{SIDE_BY_SIDE} ({shown}): columns named as a mapped price column hold other prices, and "
                   "nothing names whose each is; save each ticker's columns as a file of its own")
    elif wide is None and (unread := labelled_unread(layout.header_cells, layout.types, canonical, layout.body,
                                                     decimal, thousands)):
        shown = _shown([layout.names[j] for j in unread])
        problem = (f"{SIDE_BY_SIDE} ({shown}): columns naming another ticker and a price would be left unread "
                   "(or read as the field their ticker's name says) beside the prices read, whose names give no "
                   "ticker; name each price column by its ticker "
                   "(\"AAPL Close\") or save each ticker's columns as a file of its own")
    # Not of a table with no date at all (no column, title or name dates it): its rows are no series, and
    # its reason is that (normalise.py: "no date column"), not labels: a snapshot's "Closing Price, Last Year
    # High" or a summary's "Start_Close, End_Close" had been refused as several tickers side by side.
    elif wide is None and (flat is None or lone is not None) and (
            "date" in canonical or split_date is not None or day_of_file(titles(), name) is not None) and (
            untold := untold_series(layout.header_cells, layout.types,
                                   canonical if flat is None else None)):
        shown = _shown([layout.names[j] for j in untold])
        currencies = currencies_of_one(layout.header_cells, untold)
        problem = (f"{SEVERAL_CLOSES} in different currencies ({shown}): one price written in "
                   f"{', '.join(currencies)}, a column each; read as one, the others would be left unread. Map "
                   "the one to load (or keep one currency's column alone)") if currencies else (
                   f"{SEVERAL_CLOSES}? ({shown}): each column names the close by which of one instrument's closes "
                   "it is (a day's, a session's, an auction's, the unadjusted, a spot's or a future's), and none "
                   "says it is the day's close; read as one, the others would be left unread. Keep the day's close "
                   "alone, or name it \"Close\"") if closes_of_one(layout.header_cells, untold) else (
                   f"{SIDE_BY_SIDE}? ({shown}): columns name several series, each by a label beside a price, "
                   "but the labels are not all written as tickers (a name or a longer word may be a company's, "
                   "or one instrument's venue, session or source; a number a code's or a year's) or do not each "
                   "hold the same fields; read "
                   "as one series, all but one would be left unread. Name each by its ticker and field "
                   "(\"AAPL Close\") or save each series as a file of its own")
    else:
        # A broker's trades or statement: its rows are rejected with the reason (normalise.py), and
        # a workbook's other sheets are looked at for a price table (_detect_workbook).
        # Prices in a scale they are not read in: read as written, each would be off (price_unit.py). Not
        # before a list of trades or holdings is told: its "Price (x100)" refused as a scale, a judgement
        # a user may lift, its rows would load as prices. Read as the thousands are (_label_once_off): Brookfield's
        # "BN" taken off every cell took "(bn)" with it, and its billions loaded as written beside MN's millions.
        own_cells = [_label_once_off(cells, s) for cells, s in zip(layout.header_cells, series)]
        problem = moving_average_problem(layout.names, canonical) or traded_money_problem(
            layout.names, canonical, layout.body, decimal, thousands) or statement_problem(
            layout.names, canonical, layout.body, decimal, thousands, layout.head_end) or net_worth_problem(
            layout.names, canonical, layout.types, layout.body, decimal, thousands) or option_problem(
            layout.names, canonical, layout.body, decimal, thousands) or reference_list_problem(
            layout.names, canonical, [c.format for c in columns], layout.body) or unread_scale_problem(
            layout.header_cells, own_cells, canonical) or bar_period_problem(
            layout.names, layout.body, canonical) or lone_bar_problem(layout.names, layout.body, canonical) \
            or currency_switch_problem(layout.names, canonical, layout.body, decimal, thousands) \
            or interest_rates_problem(layout.names, canonical, name, lambda: " ".join(line for _, line in titles()),
                                      layout.body, decimal, thousands)
        if problem is None and {"date", "close"} <= set(canonical):
            # Bars no column declares, told by their dates' steps (bar_period.py). A table with no
            # close has nothing to load either way, and says so (normalise.py). Several tickers side
            # by side too (yfinance's weekly download of two, Bloomberg's columns): their first date
            # column steps as every ticker's bars do; let by, each loaded a week's bars as a day's.
            # Each ticker's dates on their own, where a column names them: pooled, tickers dated on
            # different weekdays stepped a day or two, and their weeks loaded as days.
            j = canonical.index("date")
            k = canonical.index("ticker") if "ticker" in canonical else None
            # Most bodies' rows are all as wide as the table: their columns taken in C, not row by row.
            shortest = min(map(len, layout.body), default=0)
            rows = layout.body if shortest > j else [row for row in layout.body if j < len(row)]
            if wide is not None:
                # Each ticker side by side on its own dates too, those its close holds a value on: one
                # ticker's weeks between another's days (its cells empty between its Mondays) loaded
                # as days, the shared date column stepping a day.
                dates, tickers, holds = series_dates(layout.body, series, canonical)
            else:
                dates = list(map(itemgetter(j), rows))
                if k is None:
                    tickers = holds = None
                else:
                    tickers = list(map(itemgetter(k), rows)) if shortest > k else \
                        [row[k] if k < len(row) else "" for row in rows]
                    holds = ticker_holds_bars(rows, k, canonical)
            # A measurement's one value leaping by orders of magnitude, named "value" or not at all
            # (measurements.py): asked after the dates' steps, as a year's or a month's prices leap too
            # and are refused for their period, the truer reason.
            fmt = columns[j].format if j < len(columns) else None
            # A few months' firsts read by a guessed day/month order are days of January the other way:
            # refused for the order below, not as monthly bars, so that siblings may settle it.
            firsts_guessed = j < len(columns) and columns[j].confidence <= GUESSED_ORDER_CERTAINTY \
                and DAY_MONTH.search(fmt or "") is not None and few_months_firsts(fmt, dates, tickers)
            problem = spaced_bars_problem(layout.names[j], fmt, dates, canonical, tickers,
                                          layout.names[canonical.index("close")], holds, firsts_guessed) \
                or leaping_series_problem(layout.names if layout.header_row >= 0 else [], canonical, layout.body,
                                          decimal, thousands) \
                or reading_series_problem(layout.names if layout.header_row >= 0 else [], canonical, layout.body,
                                          decimal, thousands, name, " ".join(line for _, line in titles())) \
                or jumping_table_problem(layout.names, canonical, layout.body, decimal, thousands, layout.head_end)
    unsettled = None
    if problem is None and (layout.short_header or firsts_guessed
                            or _month_first_against_its_script(layout, columns, canonical, name)):
        # A width the header gave, or dates read month first under a header in a day-first script: an order
        # guessed. Refused last, the schema whole (its ticker, its day) as with the order known: siblings
        # that prove the order lift the refusal (ingestion/sibling_order.py), and the rows load with it.
        unsettled = unsettled_order_problem(columns, layout.body, layout.whole)
    if problem is None and wide is None and len(unnamed := named_as_tickers(layout.header_cells, layout.types,
                                                                            canonical)) > 1:
        shown = _shown([layout.names[j] for j in unnamed])
        said = f"; {unlike}" if unlike else " (a close? any price at all?)"
        problem = (f"{SIDE_BY_SIDE}? ({shown}): numbers under names written as tickers, and no name says which "
                   f"price each holds{said}; name each by its ticker and field (\"AAPL Close\") or save each as "
                   "a file of its own")
    if problem is None:
        # The invariant, whatever rule mapped the columns: a column read as its series' close beside the close
        # that series loads is a price left unread, refused naming it, not dropped unsaid (unread_closes.py).
        problem = unread_close_problem(layout.names, layout.header_cells, typed, canonical, series, layout.body) \
            or position_value_problem(layout.names, layout.header_cells, canonical, series, layout.body)
    if problem is None and layout.header_row < 0 and columns:
        problem = names_above_problem(canonical, titles())  # prices placed by position: named otherwise above?
    day = None
    if problem is None and wide is None and "date" not in canonical and {"close", "ticker"} <= set(canonical) \
            and _tickers(layout.body, canonical.index("ticker")) > 1:
        # A day's list of tickers: the date in its title or name. Not one ticker's quote: a
        # snapshot of one price is no day's list, and a file of a ticker's history needs its dates.
        j = canonical.index("ticker")
        refused = not_a_days_list(layout.names, layout.types,
                                  [t for row in layout.body if j < len(row) and (t := row[j].strip().upper())])
        day = DayDate(None, refused) if refused else day_of_file(titles(), name)
    ticker, nameless = None, None
    if problem is None and wide is None and "ticker" not in canonical:
        # Rows no column names: the ticker the header names, if it does, not the file's name. Also
        # where the header recurs below, in the sample or past it: tables stacked, each under its own
        # ticker's label, load each under its own (normalisation/stacked_tables.py); without it they
        # all loaded under the file's name, one made-up security or "unnamed series".
        ticker = header_ticker(layout.header_rows, canonical,
                               lambda: _line_above(titles, layout.header_row, dialect, layout.double_spaced),
                               lambda: _label_above(titles, layout.header_row, dialect)) or lone \
            or block_ticker(labels, layout.header_row, layout.data_start_line, canonical)
        if ticker is None and day is None and not (sheet_names_ticker(sheet or "") and not lone_sheet) \
                and "close" in canonical:
            # Nor a site's name for every download ("HistoricalPrices.csv"): no instrument's (nameless.py).
            # A workbook's too, unless its sheet is named as a ticker (a sheet each: normalisation/sheets.py):
            # "data.xlsx" of one "Sheet1" had loaded as ticker DATA where "data.csv" is refused.
            # Said after a guessed order: a user's ticker lifts it, which must not load the guess unsaid.
            # Not of a table with no close: nothing would load under any name, and its reason says why
            # (normalise.py), where told to rename the file, the user was then told there is no close.
            # Nor a workbook's lone sheet's name ("AAPL" in "export.xlsx"): a sheet names a ticker only
            # among others that name theirs (sheets.sheet_tickers); let by, it was refused when read.
            nameless = nameless_problem(name)
    if "date" in canonical and canonical.index("date") < len(columns):
        columns = _east_marked(columns, canonical, layout.body, wide is not None)
    # Rows dated by spans of time shorter than a day (time_spans.py), however the spans were split.
    # Rows dated by spans of whole days longer than one, a week's or a month's (day_spans.py), where no
    # column dates them.
    # Or dated by half of a span its spaces split, not the half that is the day it prices (day_spans.py).
    spans = (time_span_problem(layout.body, dialect.delimiter)
             or ("date" not in canonical and long_span_problem(layout.body, dialect.delimiter) or None)
             or ("date" in canonical and halved_span_problem(layout.body, dialect.delimiter, canonical.index("date"))
                 or None)
             or ("date" in canonical and paired_span_problem(fields, layout.body, [c.format for c in columns],
                                                             canonical.index("date")) or None)) if columns else None
    problem = problem or spans or unsettled or nameless
    return FileSchema(
        ragged_from=_ragged_from(layout.ragged_from, canonical, len(columns)) if wide is None else None,
        unnamed_past=layout.unnamed_past if wide is None else None,
        ticker=ticker, day=day.day.isoformat() if day and day.day else None, date_from=day.source if day else None,
        file=name, encoding=encoding, delimiter=dialect.delimiter, quotechar=dialect.quotechar,
        escapechar=dialect.escapechar, skipinitialspace=dialect.skipinitialspace,
        line_terminator=dialect.line_terminator, header_row=layout.header_row,
        data_start_line=layout.data_start_line, footer_lines=layout.footer_lines, decimal=decimal,
        thousands=thousands, file_format=file_format, columns=columns, sheet=sheet, problem=problem,
        confidence=dialect.confidence, data_until=_data_until(name, layout, canonical) if ticker is None else None,
    )


def _data_until(name: str, layout: Layout, canonical: list[str | None]) -> str | None:
    """FileSchema.data_until: the last day the sample's dates name, where the file's name writes a day
    (filename.dated_name) and names its rows (no column does) and the sample holds the table's end
    (every row, or the tail's)."""
    if "date" not in canonical or "ticker" in canonical or not dated_name(name) \
            or not (layout.whole or layout.tail_data_rows):
        return None
    j = canonical.index("date")
    fmt = layout.types[j].format if j < len(layout.types) else None
    if not reads_days(fmt):
        return None
    days = days_of([row[j] for row in layout.body if j < len(row)], fmt)
    return date.fromordinal(days[-1]).isoformat() if days else None


def _ragged_from(least: int | None, canonical: list[str | None], width: int) -> int | None:
    """The fewest fields a short row reads padded with (layout.py, ragged.py), raised to hold every
    column a price row cannot do without: a row short by its close or its date is damaged or cut,
    and rejected for its field count, not loaded as a row missing a value. None where no row may."""
    if least is None:
        return None
    least = max([least, *(j + 1 for j, c in enumerate(canonical) if c in ("date", "close", "ticker"))])
    return least if least < width else None


def _line_above(titles: Callable[[], list[tuple[int, str]]], header_row: int, dialect: Dialect,
                double_spaced: bool = False) -> str | None:
    """The filled cells of the line above the header, joined by a space (a Bloomberg sheet's security
    label), or None when the header has no line above it. Rows that hold nothing of their own between
    them are passed (header_ticker.filler): a row of "#N/A Requesting Data..." its formulas wrote while
    fetching; in a double-spaced file (spacing.py) the blank line that spaces each line from the next: its
    blank line is no gap, and read as one, the label was lost and the prices loaded under the file's name."""
    if header_row <= 0:
        return None
    if len(dialect.delimiter) != 1:  # runs of spaces (gaps.GAP): the line's words are its cells
        def cells(line: str) -> list[str]:
            return line.split()
    else:
        kwargs = reader_kwargs(dialect.delimiter, dialect.quotechar, dialect.escapechar, dialect.skipinitialspace)

        def cells(line: str) -> list[str]:
            return next(csv.reader([line], **kwargs), [])
    lines = dict(titles())
    for i in range(header_row - 1, max(header_row - BETWEEN - 2, -1), -1):
        if i not in lines:
            return None
        row = cells(lines[i])
        if not filler(row, blank=double_spaced):
            return " ".join(c.strip() for c in row if c.strip())
    return None


def _label_above(titles: Callable[[], list[tuple[int, str]]], header_row: int, dialect: Dialect) -> str | None:
    """The nearest line above the header, past blank lines and notes ("Prices in GBX (pence)") or a
    preamble's other fields (LABEL_REACH), that names a ticker by its field's name ("Symbol: ACME"), or
    the first line above past blank ones. A note between the label and the header had hidden the label:
    the rows loaded under the file's name."""
    nearest = _line_above(titles, header_row, dialect, True)
    if nearest is None or labelled_ticker(nearest) is not None:
        return nearest
    for below in range(header_row - 1, max(header_row - LABEL_REACH - 1, 0), -1):
        line = _line_above(titles, below, dialect, True)
        if line is not None and labelled_ticker(line) is not None:
            return line
    return nearest


def _month_first_against_its_script(layout: Layout, columns: list[ColumnSchema], canonical: list[str | None],
                                    name: str) -> bool:
    j = canonical.index("date") if "date" in canonical else None
    if j is None or j >= len(columns) or not month_first_against_its_script(layout.names[j], columns[j]):
        return False
    # Unless the month the file's name writes holds every date so read ("Fecha" over "09/05/2024" in
    # precios_2024_09.csv): the name settles the order, at a guess's certainty only so that siblings'
    # proof still overrules it (dates._num_order).
    named = named_days(name)
    values = [row[j].strip() for row in layout.body[:_NAMED_MONTH_CHECK] if j < len(row) and row[j].strip()]
    return named is None or not name_vouches_all(values, columns[j].format or "", named)


_NAMED_MONTH_CHECK = 60  # rows: a month of days


def _shown(names: list[str]) -> str:
    """The first four of `names` as a refusal names them, "..." for the rest."""
    return ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")


def _east_marked(columns: list[ColumnSchema], canonical: list[str | None], body: list[list[str]],
                 side_by_side: bool = False) -> list[ColumnSchema]:
    """`columns`, the date column's format made its "_east" reading where its stamps may be daily
    bars stamped the evening before their session east of UTC (epoch_days.east_format): timestamp
    text that says UTC, and epochs of tickers each at its own clock, told apart by the ticker column
    (an epoch column judged alone took Paris's bars at 23:00 UTC beside Helsinki's at 22:00 for one
    ticker's hours, and both loaded a day early). Marked last, once nothing else reads the format.
    Tickers `side_by_side` (series.py) have no ticker column: each of their date columns (one shared,
    or one a ticker) is judged on its own cells, as an epoch column is; unmarked, two ASX tickers'
    "...T23:00:00Z" under "bhp_close, cba_close" loaded every bar a day early."""
    if side_by_side:
        for j in [j for j, c in enumerate(canonical) if c == "date" and j < len(columns)]:
            if may_be_east(columns[j].format, False, columns[j].name):
                fmt = east_format(columns[j].format, [row[j] for row in body if j < len(row)], None, columns[j].name)
                columns = [replace(c, format=fmt) if i == j else c for i, c in enumerate(columns)]
        return columns
    j = canonical.index("date")
    k = canonical.index("ticker") if "ticker" in canonical else None
    header = columns[j].name  # "Gmt time": its zoneless stamps UTC's (epoch_days.header_says_utc)
    if not utc_instants(columns[j].format, header):  # most files': their cells are not looked at
        return columns
    rows = [row for row in body if j < len(row) and (k is None or k < len(row))]
    tickers = None if k is None else [row[k].strip().upper() for row in rows]
    # And the weekdays and clock of its evening stamps, which a file of a few midweek bars takes its
    # reading by from its source's other files (ingestion/sibling_east.py).
    cells = [row[j] for row in rows]
    fmt, noted = east_reading(columns[j].format, cells, tickers, header)
    if fmt == columns[j].format and noted is None:
        return columns
    # Where the day/month order is a guess, the note of the other order too: siblings may settle the
    # order, and the weekdays with it ("01/02/2024 15:00:00 UTC" is a Thursday evening day first, not a
    # Tuesday's), before they settle its reading east of UTC (ingestion/sibling_east.py).
    guessed = noted and columns[j].confidence <= GUESSED_ORDER_CERTAINTY
    other = other_order_evenings(fmt, cells, header) if guessed else None
    return [replace(c, format=fmt, evenings=noted, evenings_other_order=other) if i == j else c
            for i, c in enumerate(columns)]


def _tickers(body: list[list[str]], j: int) -> int:
    return len({row[j].strip() for row in body if j < len(row) and row[j].strip()})


def _declare_unit(column: ColumnSchema, header_cells: list[str], notes: list[str]) -> None:
    """The scale the volume's header declares, as its multiplier; a unit that gives none (lots), as
    its unit, its values left as they stand. Only the volume's: a price in a sub-unit ("Close
    (GBX)", "(cents)") is not scaled here, and other columns' units ("Rainfall (mm)") are not ours.
    A user may set any mapped column's multiplier in its stored schema (normalise.py applies it).
    A header that declares nothing may have a note that does (_notes)."""
    unit = column_unit(header_cells)
    if unit is None and notes:
        unit = noted_unit(notes, (column.name, *header_cells))
    column.multiplier, column.unit = as_declared(unit)


def _unlabelled(header_cells: list[str], series: str | None) -> list[str]:
    """A column's header cells without the label of the ticker it belongs to (several side by side):
    "Volume CR", "volume_mn", "Volume (BN)", "Berkshire (B)" over "Close" name Crane, Manning & Napier,
    Brookfield, a class B share, no crore, million or billion; read as one, each volume or price was
    loaded ten million- to a billionfold high, silently."""
    if not series:
        return header_cells
    label = _label(series)
    return [label.sub("", cell) for cell in header_cells]


def _label_once_off(header_cells: list[str], series: str | None) -> list[str]:
    """A price's header cells less its ticker's label once: the cell that is the label alone ("K" over
    "Close (K)"), else its first writing in a cell ("K Close (K)": "Close (K)", "Close (K)" under a ticker
    named "K" by it: "Close"). Taken off every cell, Kellanova's thousands ("K" and "KO" over "Close (K)")
    went with its label: its closes loaded a thousandfold low beside Coca-Cola's, scaled, silently.
    Prices only: a volume's label after its name ("CR" over "Volume CR") stays no crore (_unlabelled)."""
    if not series:
        return header_cells
    alone = re.compile(rf"\s*[(\[]?{re.escape(series.strip())}[)\]]?\s*", re.IGNORECASE)
    if any(alone.fullmatch(cell) for cell in header_cells):
        return ["" if alone.fullmatch(cell) else cell for cell in header_cells]
    label = _label(series)
    return [label.sub("", cell, count=1) for cell in header_cells]


def _label(series: str) -> re.Pattern[str]:
    """A ticker's label written first or last in a header cell, bracketed or not, with what parts it from the
    rest ("K Close", "Close (K)", "volume_cr")."""
    name = re.escape(series.strip())
    return re.compile(rf"^\s*[(\[]?{name}[)\]]?(?:[\s_.]+|$)|(?:^|[\s_.]+)[(\[]?{name}[)\]]?\s*$", re.IGNORECASE)


# A bare word only: "Volume (M)" beside "Close (M)" is read as its brackets declare, as it was before
# scales were read in names.
_LAST_WORD = re.compile(r"[\s_.]([A-Za-z]+)\s*$")


def _label_on_prices(header_cells: list[list[str]], canonical: list[str | None]) -> str | None:
    """The word every price's name ends with, where it declares them no scale ("Close BN", "close_cr"
    beside "Volume BN", "volume_cr"): one ticker's label written on each of its columns, no billion or
    crore after the volume's (multipliers._named_scale). None in most files ("Close", "Close (K)",
    "Close in thousands")."""
    words = {(m[1].lower() if (m := _LAST_WORD.search(cells[-1])) and price_scale(cells) is None else None)
             for cells, c in zip(header_cells, canonical) if c in PRICE_FIELDS and cells}
    return words.pop() if len(words) == 1 and None not in words else None


def _already_counted(body: list[list[str]], j: int, factor: float, decimal: str, thousands: str | None,
                     counted: Callable[[Iterable[float], float], bool] = already_counted) -> bool:
    """Whether the column's sampled values are already the count its header's scale would make them
    (multipliers.already_counted; a price's, multipliers.prices_already_counted)."""
    def values():
        for row in body:
            cell = row[j].strip() if j < len(row) else ""
            if thousands:
                cell = cell.replace(thousands, "")
            try:
                yield float(cell.replace(decimal, ".") if decimal != "." else cell)
            except ValueError:
                continue  # blanks, "1.2M": not a bare count

    return counted(values(), factor)


def _notes(layout: Layout, head_rows: list[Row], tail_rows: list[Row] | None, lines: int) -> list[str]:
    """The text of the lines that may note a column's unit: the line right above the header, and
    the footer's (FactSet writes "Volume in millions." below its table). Most files have neither."""
    if layout.header_row < 1 and layout.footer_lines == 0:
        return []
    wanted = {layout.header_row - 1} if layout.header_row >= 1 else set()
    if layout.footer_lines and tail_rows is None:
        wanted.update(range(lines - layout.footer_lines, lines))
    rows = [f for i, f in head_rows if i in wanted]
    if layout.footer_lines and tail_rows is not None:
        rows += [f for i, f in tail_rows if i <= layout.footer_lines]  # counted from the end, the last 1
    return [" ".join(c.strip() for c in f if c.strip()) for f in rows]


def _cells(rows: list[Row], limit: int = 800) -> list[str]:
    """Cells of (an even spread of) the rows, about `limit` of them, to vote on number format."""
    width = max(map(len, map(itemgetter(1), rows)), default=1) or 1
    step = max(1, len(rows) * width // limit)
    return list(chain.from_iterable(map(itemgetter(1), rows[::step])))  # flattened in C


class _Read(NamedTuple):
    """A sample read with one dialect: its layout, number format and head records."""
    layout: Layout
    number_format: NumberMarks
    head_rows: list[Row]
    plain_lines: int  # of the head, read as plain lines (see _read)


def _table_line(layout: Layout) -> int:
    return layout.header_row if layout.header_row >= 0 else layout.data_start_line


def _read(text: str, tail_text: str | None, dialect: Dialect, plain_lines: int, file_date,
          cells: dict[int, list[str]] | None = None, unpad: bool = False) -> _Read:
    """The layout of the sample read with `dialect`, its first `plain_lines` lines (a preamble)
    read line by line with no quote character. `cells`: the fields of some head lines, as read
    otherwise (a header, see _aligned_header). `unpad`: the table read without the empty fields that
    end every line (layout.detect_layout)."""
    args = (dialect.delimiter, dialect.quotechar, dialect.escapechar)
    skip = {"skipinitialspace": dialect.skipinitialspace}
    if plain_lines:
        cut = line_offset(text, plain_lines)
        # Runs of spaces merged in the preamble too, as in the table: split at every space, its
        # lines would be of a dozen field counts, and weigh on the table's width.
        merged = dialect.delimiter == " " and dialect.skipinitialspace
        head_rows = parse_rows(text[:cut], dialect.delimiter, None, None, skipinitialspace=merged)
        head_rows += [(plain_lines + i, f) for i, f in parse_rows(text[cut:], *args, **skip)]
    else:
        head_rows = parse_rows(text, *args, **skip)
    if cells:
        head_rows = [(i, cells.get(i, f)) for i, f in head_rows]
    tail_rows: list[Row] | None = None
    if tail_text is not None:
        tail_lines = count_lines(tail_text)
        tail_rows = [(tail_lines - start, f) for start, f in parse_rows(tail_text, *args, **skip)]
    marks = detect_number_marks(_cells(head_rows) + _cells(tail_rows or []), dialect.delimiter)
    layout = detect_layout(head_rows, count_lines(text), tail_rows, marks.decimal, marks.thousands, file_date,
                           unpad=unpad)
    return _Read(layout, marks, head_rows, plain_lines)


def _table_start(text: str, tail_text: str | None, dialect: Dialect, first: _Read, file_date) -> int:
    """Line where the table (its header, else its data) starts. When no header was found and a
    record near the top spans lines, a quote in a preamble line may have opened a cell that
    swallowed the header: the table then starts where it does in the sample read without quotes."""
    if first.layout.header_row >= 0 or dialect.quotechar is None:
        return _table_line(first.layout)
    starts = [i for i, _ in first.head_rows[:_SPAN_PROBE + 1]]
    if len(starts) <= _SPAN_PROBE:
        starts.append(count_lines(text))  # the last record ends with the sample
    if not any(b - a > 1 for a, b in zip(starts, starts[1:])):
        return _table_line(first.layout)
    # Without quotes, nothing to skip spaces for, but runs of spaces that delimit stay merged.
    merged = dialect.delimiter == " " and dialect.skipinitialspace
    unquoted = replace(dialect, quotechar=None, escapechar=None, skipinitialspace=merged)
    plain = _read(text, tail_text, unquoted, 0, file_date).layout
    return _table_line(plain) if plain.header_row > 0 else _table_line(first.layout)


def detect_sample(head: bytes, tail: bytes | None, tail_offset: int, name: str) -> FileSchema:
    """Detect from the first bytes of a file and, for files larger than the head, its last bytes
    (which start at byte `tail_offset`)."""
    return _detect_sample(head, tail, tail_offset, name)[0]


def _detect_sample(head: bytes, tail: bytes | None, tail_offset: int, name: str) -> tuple[FileSchema, Layout | None]:
    """(the schema, the layout it was made from; None for a file that holds no table)."""
    complete = tail is None
    if not head.strip(b" \t\r\n\x00") and complete:
        if b"\x00" * 4 in head:  # no UTF-16/32 blank line: a file of zeros, not an empty one
            return problem_schema(name, ZERO_FILLED, encoding="binary"), None
        return problem_schema(name, "empty file"), None
    encoding, _ = detect_encoding(head, complete)
    if encoding == "utf-8" and tail is not None and head.isascii() and not tail.isascii():
        encoding = later_encoding(tail[tail.find(b"\n") + 1:])  # an ASCII head says nothing of the code page
    if not encoding.startswith(("utf-16", "utf-32")):
        problem = binary_problem(head)
        if problem:
            return problem_schema(name, problem, encoding="binary"), None
    text = decode_head(head, encoding, complete)
    if not complete:
        cut = max(text.rfind("\n"), text.rfind("\r"))
        if cut > 0:
            text = text[: cut + 1]  # the last line was cut by the sample boundary
    # Excel's "sep=;" line (excel_sep.py): its delimiter declared, the line blanked, preamble to the layout.
    declared = declared_delimiter(text)
    if declared is not None:
        text = without_sep_line(text, declared[1])
    if not text.strip():
        return problem_schema(name, "empty file", encoding=encoding), None
    problem = json_lines_problem(text) or prose_problem(text)
    if problem:
        return problem_schema(name, problem, encoding=encoding), None

    tail_text = None
    if tail is not None:
        tail_text = decode_tail(tail, encoding, tail_offset, head)
        m = LINE_END.search(tail_text)
        tail_text = tail_text[m.end():] if m else ""  # drop the line the sample started inside
    # Every line a whole record in quotes (wrapped_lines.py): the table is the one the lines hold.
    wrapped = wrapped_quote(text)
    if wrapped is not None:
        text = unwrap(text, wrapped)
        tail_text = unwrap(tail_text, wrapped) if tail_text is not None else None
    # Cells forced to text (`="2024-01-02"`, `'10.75`: forced_text.py): the table is the one they spell.
    forced = forced_marks(text)
    if forced is not None:
        text = unforce(text, forced)
        tail_text = unforce(tail_text, forced) if tail_text is not None else None
    file_date = named_days(name)
    delimiter = declared[0] if declared is not None else None
    dialect = detect_dialect(text, delimiter)
    first = _read(text, tail_text, dialect, 0, file_date)
    # A date written in three columns, year, month and day (split_date.py): the table is the one its
    # lines make with the date in one.
    split_date = _split_date_order(first.layout)
    if split_date is not None:
        text = join_split_dates(text, dialect.delimiter, split_date)
        tail_text = join_split_dates(tail_text, dialect.delimiter, split_date) if tail_text is not None else None
        first = _read(text, tail_text, dialect, 0, file_date)
    # Rows dated by spans of one whole day (day_spans.py): the table is the one its lines make with each
    # span written as its start's date, split as those lines are (the spans' spaces had outnumbered the
    # commas, and the sniffer split on them).
    day_spans = day_span_order(first.layout.body, dialect.delimiter)
    if day_spans is not None:
        text, tail_text = start_days(text, day_spans), start_days(tail_text, day_spans)
        dialect = detect_dialect(text, delimiter)
        first = _read(text, tail_text, dialect, 0, file_date)
    # The dialect is judged on the whole sample, preamble included: a preamble line (another field
    # count, a quote that opens a cell) can tip the choice, e.g. to no quote at all, which then
    # splits every note with a line break in it. Once the layout shows where the table starts, the
    # dialect is judged again on the table alone, and the preamble is read as plain lines: to the
    # reader (normalisation) it is lines skipped, whatever quotes it holds. Only where a quote or
    # escape character is in doubt: the delimiter alone holds against preambles (all scored lines
    # vote), and a second judgement of every file with a preamble cost about 5% of detection.
    read = first
    start = _table_start(text, tail_text, dialect, first, file_date) if quoting_at_stake(text) else 0
    if start > 0 and count_lines(text) - start >= _MIN_TABLE_LINES:
        table = detect_dialect(text[line_offset(text, start):], delimiter)
        if (start, table.delimiter, table.quotechar, table.escapechar, table.skipinitialspace) != (
                _table_line(first.layout), dialect.delimiter, dialect.quotechar, dialect.escapechar,
                dialect.skipinitialspace):
            read = _read(text, tail_text, table, start, file_date)
        dialect = table
    if read.layout.header_row < 0 and dialect.quotechar is not None:
        read = _stray_quote_header(text, tail_text, dialect, read, file_date)
    if read.layout.header_row < 0:
        read = _other_delimiter_header(text, tail_text, dialect, read, file_date)
    if dialect.delimiter == " " and dialect.skipinitialspace:
        read = _aligned_header(text, tail_text, dialect, read, file_date)
        read = _aligned_units(text, tail_text, dialect, read, file_date)
        dialect, read = _gapped(text, tail_text, dialect, read, file_date)
    schema = _text_schema(name, encoding, text, tail_text, dialect, read, split_date)
    # A header lost to the padding leaves a close read by its values alone: "Date,Yield,,," over yields
    # had loaded the yield as a close, where "Date,Yield" is refused as naming none (a yield is no price).
    lost_header = read.layout.header_row < 0
    # Lines above a header padded past the table as it is may be rows of its block ("Ticker,AAPL,AAPL,,,,"
    # over "Date,Open,Close,,,,"): counted with their padding, they were cut off as under half filled,
    # and the rows loaded under the file's name, where read without it the block names their ticker.
    above_header = read.layout.header_row > 0
    if (lost_header or above_header or not any(c.canonical == "close" for c in schema.columns)) \
            and padding(read.head_rows):
        # Every line padded with empty fields past the table (the RBA's tables, 67 commas wide; an Excel
        # export's empty columns, "Date,Close,,,"): counted, they left every row of names under half
        # filled, the header was lost, and the series, unnamed, were refused as "unnamed columns of
        # numbers". Where with them no close is read, read without them, as the reader reads the rows, if
        # that finds a header (a close it may still not find: then its refusal names the columns):
        # a lone row of words over a headerless table's close and volume ("Ticker,AAPL,NASDAQ,,,,,,")
        # is its title, and the table, read by its values, stays so.
        unpadded = _read(text, tail_text, dialect, read.plain_lines, file_date, unpad=True)
        # Where the padded read found a close, only a header naming its columns ("Date" over the dates)
        # replaces it: a title over a headerless table ("Ticker,AAPL,NASDAQ,,,,,,") names none.
        # Where it found the same header, the one it reads from a line higher up takes those lines in, if
        # each fills the table to its last column: "Symbol,AAPL,,,," is a label padded as wide (header_ticker).
        # And only where one of those lines is a row of tickers, the others levels of its header ("Exchange,NYSE,
        # NASDAQ" is none: taken in, the closes loaded as NYSE's and NASDAQ's where the padded read refused them).
        taken_in = unpadded.layout.header_rows[:len(unpadded.layout.header_rows) - len(read.layout.header_rows)]
        taller = 0 <= unpadded.layout.header_row < read.layout.header_row \
            and unpadded.layout.data_start_line == read.layout.data_start_line \
            and all(row[-1].strip() and ticker_level(row) for row in taken_in) and any(map(tickers_row, taken_in))
        if taller or unpadded.layout.width < read.layout.width and unpadded.layout.header_row >= 0 and (
                not any(c.canonical == "close" for c in schema.columns)
                or any(map(names_its_column, unpadded.layout.header_cells, unpadded.layout.types))):
            read = unpadded
            schema = _text_schema(name, encoding, text, tail_text, dialect, read, split_date)
    schema.wrapped = wrapped
    schema.forced = forced
    schema.split_date = split_date
    schema.day_spans = day_spans
    return schema, read.layout


def _text_schema(name: str, encoding: str, text: str, tail_text: str | None, dialect: Dialect, read: _Read,
                 split_date: str | None) -> FileSchema:
    """The schema of a text file's sample as `read` reads it."""
    decimal, thousands, marks_seen = read.number_format.decimal, read.number_format.thousands, read.number_format.seen
    tail_rows = None
    if tail_text is not None and read.layout.footer_lines:
        args = (dialect.delimiter, dialect.quotechar, dialect.escapechar)
        tail_lines = count_lines(tail_text)
        rows = parse_rows(tail_text, *args, skipinitialspace=dialect.skipinitialspace)
        tail_rows = [(tail_lines - i, f) for i, f in rows[-read.layout.footer_lines:]]
    noted = read.layout.header_row >= 1 or read.layout.footer_lines  # most files: neither, and no line count
    notes = _notes(read.layout, read.head_rows, tail_rows, count_lines(text)) if noted else []

    def titles() -> list[tuple[int, str]]:
        above = _table_line(read.layout)
        return list(enumerate(LINE_END.split(text[:line_offset(text, above)])))[:above] if above > 0 else []

    schema = _schema(name, encoding, dialect, read.layout, decimal, thousands, notes=notes, titles=titles,
                     split_date=split_date)
    schema.decimal_unseen = not marks_seen and not _american_dates(schema.columns) \
        and not any(_DOT_CUSTOM_SCRIPT.search(n) for n in read.layout.names)
    schema.marks_guessed = read.number_format.guessed
    return schema


def _american_dates(columns: list[ColumnSchema]) -> bool:
    """Whether the file's dates are written month first, an order its own values settled (a day above 12
    second: "01/13/2020"), not the separator's guess: the American custom, whose decimal is the dot and
    whose grouping the comma. A tab file of whole dollars so dated had rejected its later "71.500" (71.5)
    and "1,500" shares as undecided marks (decimal_unseen), where no comma's locale writes such dates."""
    date = next((c for c in columns if c.canonical == "date"), None)
    return date is not None and date.confidence > GUESSED_ORDER_CERTAINTY \
        and _MONTH_THEN_DAY.match(date.format or "") is not None


# Chinese, Japanese and Korean letters: a header written where every locale's decimal is the dot and its
# grouping the comma. A KRX or JPX file of whole won or yen ("종가", "終値") had rejected its later "1,234"
# shares as undecided marks.
_DOT_CUSTOM_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


# A month, then its day ("%m/%d/%Y", "%m-%d-%y %H:%M", "%a %m/%d/%Y"), not a month and year alone.
_MONTH_THEN_DAY = re.compile(r"(?:%[aA][^%\w]*)?%m[^%\w]?%d")


def _stray_quote_header(text: str, tail_text: str | None, dialect: Dialect, read: _Read, file_date) -> _Read:
    """A header line with a stray quote ('"Date,Close,Volume': an odd number of quotes) reads as
    one or two cells, and the table seems to have no header. The lines above the data are then read
    as plain lines (to the reader they are lines skipped, whatever quotes they hold): when that
    shows a header right above the data, it stands, its names without the quotes around them."""
    start = read.layout.data_start_line
    q = dialect.quotechar
    if start <= 0:
        return read
    above = text[line_offset(text, start - 1):line_offset(text, start)]
    if above.count(q) % 2 == 0:
        return read  # balanced quotes: a quoted preamble line, read as it should be
    plain = _read(text, tail_text, dialect, start, file_date)
    layout = plain.layout
    if layout.header_row < 0 or layout.data_start_line != start:
        return read
    layout.names = [_unquoted(n, q) for n in layout.names]
    layout.header_cells = [[_unquoted(c, q) for c in cells] for cells in layout.header_cells]
    return plain


# The delimiters a header line may be written with where its rows use another.
_HEADER_DELIMITERS = (";", ",", "\t", "|")


def _other_delimiter_header(text: str, tail_text: str | None, dialect: Dialect, read: _Read, file_date) -> _Read:
    """A header written with another delimiter than its rows (mystocks.co.ke's histories of the Nairobi
    exchange: "Date;Lowest Price of the Day;...;Volume Traded" over "20080609,6.95,8.0,..."): read with
    the rows' delimiter it is one cell, no header, and the file was refused for columns of numbers no
    name told apart. Split with another delimiter into the table's width of names, each with a letter,
    it is the header, when the layout then takes it and half its names or more (two at least) name
    their columns: a title or a note right above headerless rows ("Source: Bloomberg | Ticker: AAPL |
    Currency: USD", "ACME Corp; daily prices; close and volume") splits as wide as often, and read
    as the header its words, naming no close, had the file refused where its rows loaded by position."""
    start, width = read.layout.data_start_line, read.layout.width
    line = start - 1
    if line < 0 or width < 2:
        return read
    fields = next((f for i, f in read.head_rows if i == line), [])
    if len(fields) != 1:
        return read
    raw = text[line_offset(text, line):line_offset(text, start)].strip()
    for delimiter in _HEADER_DELIMITERS:
        names = [n.strip() for n in raw.split(delimiter)]
        if delimiter == dialect.delimiter or len(names) != width \
                or not all(any(ch.isalpha() for ch in n) for n in names):
            continue
        other = _read(text, tail_text, dialect, read.plain_lines, file_date, {line: names})
        if (other.layout.header_row, other.layout.data_start_line) == (line, start) \
                and 2 * sum(map(names_its_column, ([n] for n in names), other.layout.types)) >= max(width, 4):
            return other
    return read


def _aligned_header(text: str, tail_text: str | None, dialect: Dialect, read: _Read, file_date) -> _Read:
    """A space-aligned table whose names hold single spaces ("Open Price   Close Price"): read
    with runs of spaces merged, its header line has more fields than the table, and is no header
    (or one cut to the table's width). Its names are then those between runs of two spaces or
    more, when that gives the table's width, and the header stands if the layout then takes it.
    Values with single spaces in them ("Apple Inc") are read whole by _gapped."""
    start, width = read.layout.data_start_line, read.layout.width
    line = start - 1
    if line < 0 or width < 2:
        return read
    fields = next((f for i, f in read.head_rows if i == line), [])
    names = _SPACE_RUNS.split(text[line_offset(text, line):line_offset(text, start)].strip())
    if len(names) != width or len(fields) == width:
        return read  # read at the table's width already, header or not: the layout said which
    aligned = _read(text, tail_text, dialect, read.plain_lines, file_date, {line: names})
    if (aligned.layout.header_row, aligned.layout.data_start_line) != (line, start):
        return read
    return aligned


def _aligned_units(text: str, tail_text: str | None, dialect: Dialect, read: _Read, file_date) -> _Read:
    """A space-aligned table's line of units under its header ("degC  degC  days  mm  hours" under
    "yyyy  mm  tmax  tmin  af  rain  sun", the Met Office's station files): columns without a unit
    leave no cell, so read with runs of spaces merged the line is short, and its words were taken
    for the first data row, under the wrong names. Each word is placed under the name its text
    overlaps on the page; the line stands as the header's units when the layout then takes it so."""
    header, start, width = read.layout.header_row, read.layout.data_start_line, read.layout.width
    if header < 0 or start != header + 1 or width < 2:
        return read
    lines = LINE_END.split(text[line_offset(text, header):line_offset(text, start + 1)])
    if len(lines) < 2:
        return read
    names = [(m.start(), m.end()) for m in _WORD.finditer(lines[0])]
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(lines[1])]
    if len(names) != width or not 0 < len(words) < width or any(_a_value(w) for _, _, w in words):
        return read
    fields = [""] * width
    for a, b, word in words:
        under = [j for j, (c, d) in enumerate(names) if a < d and c < b]  # overlapping on the line
        if len(under) != 1 or fields[under[0]]:
            return read
        fields[under[0]] = word
    units = _read(text, tail_text, dialect, read.plain_lines, file_date, {start: fields})
    if (units.layout.header_row, units.layout.data_start_line) != (header, start + 1):
        return read
    # A unit stands over values: "ABC  HOLIDAY" (a ticker, a note, no price) over a name and a close
    # is a row of the table, rejected with a reason as such, not a header line that swallows it.
    # Or over a column whose every cell below says the value is missing ("---" under "hours": no
    # sunshine measured in a station's early decades), as long as another unit stands over values.
    below = [_values_below(units.layout.body, j) for j, word in enumerate(fields) if word]
    if any(v is False for v in below) or not any(v is True for v in below):
        return read
    return units


def _a_value(word: str) -> bool:
    """Whether a word of a would-be line of units is a value, no unit: a number ("1.5"), or a cell that starts
    as a value and holds no letter but an exponent's ("09:30:00", "10.5*", "$10.5", "1e-5"; "000s" is a unit).
    A first row of a time and a flagged close, its volume missing, was taken for units and vanished unsaid.
    A power written with a caret ("10^6") is a scale, which no value is written as: a unit."""
    return bool(_NUMBERISH.match(word)) or (
        bool(_VALUE_CELL.match(word)) and "^" not in word and not _LETTER.search(_EXPONENT.sub("", word)))


def _values_below(body: list[list[str]], j: int) -> bool | None:
    """Whether nine in ten of column j's cells in the rows below hold a value (a number, a date, a time),
    of those that hold a letter or a digit: a missing value's "---" is none, and a value flagged "8.9*"
    (estimated) or "61.6#" (another instrument) is one, as the Met Office's station files write them.
    None when no cell below holds a letter or a digit: the column's values are all missing."""
    cells = [c for row in body if j < len(row) and _FILLED.search(c := row[j].strip())]
    if not cells:
        return None
    values = sum(bool(_VALUE_CELL.match(c)) and not _CODE.search(c) for c in cells)
    return values >= 0.9 * len(cells)


_WORD = re.compile(r"\S+")
_NUMBERISH = re.compile(r"[-+]?[\d.,]+$")  # a value, not a unit (a unit may hold digits: "m3/s")
# Under a unit, a cell that starts as a value does: "12.5", "(0.5)", "$3", ".5", "1.5e-05", "12:00", "2024-01-02".
_VALUE_CELL = re.compile(r"[-+(]?[$€£¥]?\.?\d")
_FILLED = re.compile(r"[^\W_]")  # a letter or a digit
_LETTER = re.compile(r"[^\W\d_]")
_EXPONENT = re.compile(r"(?<=\d)[eE][-+]?(?=\d)")
# A code that starts as a value does, which no value holds: a letter after a dot ("7203.T", "0700.HK": a
# ticker and its exchange) or between digits ("38259P508", a CUSIP), but an exponent's e or a timestamp's T.
# Over such cells a priceless first row ("7203.T  HOLIDAY") was taken for units, and vanished unsaid.
_CODE = re.compile(r"\.[^\W\d_]|\d[^\W\d_eEtT]+\d")


def _gapped(text: str, tail_text: str | None, dialect: Dialect, read: _Read, file_date) -> tuple[Dialect, _Read]:
    """A space-aligned table whose values or names hold single spaces ("SAP SE", "02 Jan 2024",
    "Close Price" over values that hold one too): read with runs of spaces merged, those rows are
    a field too wide, or of several widths, and the header no longer fits the data. Read with a
    run of two spaces or more as the delimiter (gaps.py), the header and the data rows agree: that
    reading stands when more of its rows have the table's width, or as many and only its header
    names the columns (a line of dashes under the names is no header)."""
    gapped = replace(dialect, delimiter="\t", skipinitialspace=False)
    other = _read(gaps_to_tabs(text), gaps_to_tabs(tail_text) if tail_text is not None else None, gapped, 0,
                  file_date)
    rows, other_rows = len(read.layout.body), len(other.layout.body)
    if other_rows > rows or (other_rows == rows and _names_columns(other) and not _names_columns(read)):
        return replace(dialect, delimiter=GAP, skipinitialspace=False), other
    return dialect, read


def _names_columns(read: _Read) -> bool:
    """Whether the header line, as read, is as wide as the table and names its columns in words."""
    layout = read.layout
    fields = next((f for i, f in read.head_rows if i == layout.header_row), None)
    return (fields is not None and len(fields) == layout.width
            and any(ch.isalpha() for name in layout.names for ch in name))


def _unquoted(cell: str, q: str) -> str:
    return cell[1:-1].strip() or cell if len(cell) > 1 and cell[0] == cell[-1] == q else cell


def _detect_workbook(data: bytes, name: str, kind: str) -> FileSchema:
    try:
        sheet = read_sheet(data, head=XLSX_HEAD_ROWS, tail=XLSX_TAIL_ROWS)
    except Exception as exc:  # corrupt archives raise anything from zipfile, lxml, openpyxl or calamine
        return problem_schema(name, unreadable(exc, data), "binary", kind)
    schema = detect_sheet(sheet, name, kind)
    # A broker's statement dates its rows too: a workbook of one ("Transactions", then "Prices") is
    # read from its price sheet, the statement's rows rejected as another sheet's.
    # Nor is a first sheet of weekly or monthly bars (bar_period.py) the table when a later sheet
    # holds the days' prices: its rows are rejected as another frequency's (sheets.py).
    if _dated_prices(schema, name) or (_dated_numbers(schema) and not not_prices(schema.problem)
                                       and not longer_bars(schema.problem)):
        calculated = _calculated(schema, sheet, data, kind)
        # A first sheet named as a summary ("Summary": each ticker's last close, dated) is no table when
        # a later, longer sheet holds dated prices: read as the table, its figures loaded as closes and
        # the months' sheets beside it were rejected as another layout.
        summary = sheet_sums_up(sheet.name or "") and not _a_history(calculated, sheet)
        if not _a_view(calculated, sheet, data) and not summary:
            return calculated
        schema = calculated
    else:
        summary = False
    # The first sheet with rows is not always the table: a pivot table's summary ("Row Labels,
    # Average of Close, ...") or a cover sheet kept before the data sheet was read as the file's
    # table, which then loaded nothing and rejected the data sheet's every row for its layout.
    # The first sheet that reads as dated prices is the table; without one, the first stays. A
    # first sheet of dated rows whose close is not found (prices side by side, "Date,Level") is a
    # table all the same: another sheet (a benchmark's) would load under the file's name instead.
    # Not a cover sheet's fields, dated but holding no number ("Account,12345678" over
    # "Generated,2023-08-01"): taken for the table, it had the price sheet's every row rejected.
    try:
        others = read_sheets(data, head=XLSX_HEAD_ROWS, tail=XLSX_TAIL_ROWS, visible_first=True)
    except Exception:  # read once already: whatever fails now leaves the first reading
        return schema
    # Without one, a first sheet of no dates (an EIA download's "Contents", a cover's notes) is no
    # table either: the first sheet of dated numbers is, whose refusal names its columns of numbers
    # ("no close column ... 'Cushing, OK WTI Spot Price FOB'"), one of which the user can map. The
    # cover's refusal named no column of the workbook's prices, and no mapping could load them.
    cover = not any(c.canonical == "date" for c in schema.columns)
    # A first sheet of closes never calculated that a script wrote as a view of a later sheet's values
    # ("=Raw!B2", saved as 0): the first later sheet of dated prices that holds its values is the table.
    viewed = _a_view(schema, sheet, data)
    dated: tuple[FileSchema, Sheet] | None = None
    # Nor, without dated numbers anywhere, is a first sheet of words alone (an exchange's statistics
    # workbook: "Notes", then "Equities" of months and turnover): the first sheet holding numbers is.
    # Not a first sheet of dated prices whose numbers read as text ("79.720" stored as text beside text
    # dates): its refusal says why and how to read them, where a later "Summary" sheet's had said "no date
    # column" of the wrong sheet.
    numbered: tuple[FileSchema, Sheet] | None = None
    words_alone = cover and not _numbers(schema)
    for other in others:
        if other.name != sheet.name and any(other.rows):
            candidate = detect_sheet(other, name, kind)
            # A summary longer than the later sheet is the history itself (a view of one is left as above).
            if _dated_prices(candidate, name) and not (summary and not viewed
                                                       and other.total_rows <= sheet.total_rows):
                calculated = _calculated(candidate, other, data, kind)
                if calculated.problem is None or not viewed:
                    return calculated
                continue
            # Refused or not: a data sheet of weekly bars ("weekly bars, not daily prices") is refused
            # as itself, not the contents sheet above it read as the table and refused in its name.
            if cover and dated is None and _dated_numbers(candidate):
                dated = (candidate, other)
            if numbered is None and words_alone and _numbers(candidate):
                numbered = (candidate, other)
    table, its_sheet = dated or numbered or (schema, sheet)
    return _calculated(table, its_sheet, data, kind)


def _a_history(schema: FileSchema, sheet: Sheet) -> bool:
    """Whether the sheet `schema` reads dates a series of its own day by day (nameless.a_history), its
    closes. A summary of no close ("Date,Portfolio Value") kept as the table had the file refused, the
    ticker sheets after it unread (loud)."""
    roles = [c.canonical for c in schema.columns]
    return {"date", "close"} <= set(roles) and a_history(sheet.rows[schema.data_start_line:], roles.index("date"),
                                         roles.index("ticker") if "ticker" in roles else None)


def _numbers(schema: FileSchema) -> bool:
    """Whether the schema has a column of numbers."""
    return any(c.type in ("float", "integer") for c in schema.columns)


def _dated_numbers(schema: FileSchema) -> bool:
    """Whether the schema maps a date column beside a column of numbers: a table, though no close is named."""
    return any(c.canonical == "date" for c in schema.columns) and _numbers(schema)


def _calculated(schema: FileSchema, sheet: Sheet, data: bytes, kind: str) -> FileSchema:
    """`schema`, or refused when its sheet's price cells are formulas never calculated (uncalculated.py)."""
    if kind != "xlsx" or schema.problem is not None or schema.header_row < 0:
        return schema
    header = sheet.rows[schema.header_row] if schema.header_row < len(sheet.rows) else []
    # Its last rows too, but for its footer: a script appends its last days' formulas at the end of a
    # long sheet, past the rows read first, and their volumes saved as 0 had loaded as volumes of 0.
    tail = (sheet.tail or [])[:max(len(sheet.tail or []) - max(schema.footer_lines, 0), 0)]
    rows = sheet.rows + tail if tail else sheet.rows
    # A row of formulas without values alone reads blank, or past the sheet's last value as no row:
    # rejected whole by normalisation (uncalculated.unread_rows), it costs no column.
    blank = blank_prices(schema, rows, header)
    if not blank and not blank_prices(schema, rows, header, ("0",)):  # Excel's files, the most
        return schema
    cells = uncalculated_cells(data, sheet.name, zeros_only=not blank)
    problem = uncalculated_problem(schema, cells, header, sheet.total_rows, lambda r: _sheet_row(sheet, r)) \
        if cells else None
    return replace(schema, problem=problem) if problem else schema


def _a_view(schema: FileSchema, sheet: Sheet, data: bytes) -> bool:
    """Whether `schema` was refused for formulas never calculated that each reject their row by its close
    (uncalculated.rejected_by_close): a sheet another sheet of values may stand for, its rows rejected
    row by row as that sheet's layout's (normalisation/sheets.py); no 0 volume of it loads."""
    if not (schema.problem or "").startswith(UNCALCULATED):
        return False
    header = sheet.rows[schema.header_row] if 0 <= schema.header_row < len(sheet.rows) else []
    return rejected_by_close(replace(schema, problem=None), uncalculated_cells(data, sheet.name), header)


def _sheet_row(sheet: Sheet, r: int) -> list[str] | None:
    """Row r (0-based) of a sheet read bounded (its first rows and its tail), None where not kept."""
    if r < len(sheet.rows):
        return sheet.rows[r]
    first_of_tail = sheet.total_rows - len(sheet.tail or [])
    return sheet.tail[r - first_of_tail] if sheet.tail and first_of_tail <= r < sheet.total_rows else None


def _dated_prices(schema: FileSchema, name: str) -> bool:
    """Whether the schema maps a close and a date column, or the file's name dates its rows (a
    day's snapshot of closes): what a price table needs."""
    mapped = {c.canonical for c in schema.columns}
    return schema.problem is None and "close" in mapped and ("date" in mapped or schema.day is not None
                                                             or date_in_name(name) is not None)


def _split_date_order(layout: Layout) -> str | None:
    """The order of a date written in the table's first three columns (split_date.py), where no column
    holds dates already."""
    if layout.header_row < 0 or any(t.type in ("date", "timestamp") for t in layout.types):
        return None
    return split_date_order(layout.names, layout.body)


def _sheet_layout(sheet: Sheet, decimal: str, thousands: str | None, name: str
                  ) -> tuple[list[tuple[int, list[str]]], list[tuple[int, list[str]]] | None, Layout]:
    """(its first rows and its last ones, numbered, and the layout they show) of a sheet."""
    head_rows = list(enumerate(sheet.rows))
    tail_rows = None if sheet.tail is None else [(len(sheet.tail) - k, row) for k, row in enumerate(sheet.tail)]
    layout = detect_layout(head_rows, len(sheet.rows), tail_rows, decimal, thousands, named_days(name),
                           # serials judged in the workbook's system; short rows padded (records.split_sheets)
                           dates_from_1904=sheet.dates_from_1904, padded=True)
    return head_rows, tail_rows, layout


def detect_sheet(sheet: Sheet, name: str, file_format: str = "xlsx") -> FileSchema:
    """Schema of one worksheet's rows (read whole or bounded: only the first XLSX_HEAD_ROWS and
    last XLSX_TAIL_ROWS are looked at). Normalisation asks it of a workbook's other sheets."""
    if sheet.tail is None and len(sheet.rows) > XLSX_HEAD_ROWS:  # as read_sheet bounds it
        sheet = Sheet(sheet.name, sheet.rows[:XLSX_HEAD_ROWS], sheet.rows[XLSX_HEAD_ROWS:][-XLSX_TAIL_ROWS:],
                      sheet.total_rows, sheet.index, sheet.visible, sheet.dates_from_1904, labels=sheet.labels,
                      text_numbers=sheet.text_numbers)
    if not any(sheet.rows):
        schema = problem_schema(name, "empty workbook", "utf-8", file_format)
        schema.sheet = sheet.name
        return schema
    # A workbook's numbers are typed cells, their dots the program's decimal marks; a page's tables
    # (markup.py) hold text, which takes its writer's marks, and so does a sheet's "4.537" stored as text.
    typed = file_format not in MARKUP_FORMATS and not sheet.text_numbers
    decimal, thousands = detect_number_format(_cells(list(enumerate(sheet.rows))), typed=typed)
    head_rows, tail_rows, layout = _sheet_layout(sheet, decimal, thousands, name)
    # A date written in three columns (split_date.py), as a text file's: its rows read with it joined in the
    # first, as normalisation reads them.
    if (split_date := _split_date_order(layout)) is not None:
        sheet = joined_sheet(sheet, split_date)
        head_rows, tail_rows, layout = _sheet_layout(sheet, decimal, thousands, name)
    dialect = Dialect(delimiter=",", quotechar='"', escapechar=None, line_terminator="\n", confidence=1.0)
    notes = _notes(layout, head_rows, tail_rows, len(sheet.rows))

    def titles() -> list[tuple[int, str]]:  # the rows above the table, their cells joined
        return [(i, " ".join(str(c).strip() for c in row if str(c).strip()))
                for i, row in head_rows[:max(_table_line(layout), 0)]]

    schema = _schema(name, "utf-8", dialect, layout, decimal, thousands, file_format=file_format, sheet=sheet.name,
                     notes=notes, titles=titles, lone_sheet=sheet.worksheets == 1, labels=sheet.labels,
                     split_date=split_date)
    schema.split_date = split_date
    return schema


def detect_bytes(data: bytes, name: str) -> FileSchema:
    """Schema of a file given its content; only the first 64 KiB (more when they hold fewer than
    MIN_HEAD_LINES lines) and last 16 KiB are looked at (a workbook: the first 2000 and last 200
    rows of the chosen sheet)."""
    kind = workbook_format(data, name)
    if kind is not None:
        return _detect_workbook(data, name, kind)
    return _detect_text(data, name)


def _detect_text(data: bytes, name: str) -> FileSchema:
    head = read_on(data[:HEAD_BYTES], lambda at, length: data[at:at + length])
    if len(data) <= len(head) + TAIL_BYTES:
        return _quick(data, data, len(data), name) or detect_sample(data, None, 0, name)
    return detect_head_tail(head, data[-TAIL_BYTES:], len(data), name)


def read_on(head: bytes, read_at: Callable[[int, int], bytes]) -> bytes:
    """`head`, the first HEAD_BYTES of a file (fewer: the whole file), read on by `read_at(offset,
    length)` until it holds MIN_HEAD_LINES lines (or MAX_HEAD_BYTES, or the file ends, or no line
    has ended in MAX_HEADER_BYTES)."""
    while len(head) < MAX_HEAD_BYTES and (lines := _line_ends(head, MIN_HEAD_LINES)) < MIN_HEAD_LINES:
        if lines == 0 and len(head) >= MAX_HEADER_BYTES:
            break
        more = read_at(len(head), min(len(head), MAX_HEAD_BYTES - len(head)))
        if not more:
            break
        head += more
    return head


def _line_ends(data: bytes, most: int) -> int:
    """How many line ends of one kind (\\n, or \\r) `data` holds, `most` at most: a few searches in C
    stop there, where counting them all scanned every byte of every head (2% of detecting a daily file)."""
    found = 0
    for end in (b"\n", b"\r"):
        at, n = -1, 0
        while n < most and (at := data.find(end, at + 1)) >= 0:
            n += 1
        found = max(found, n)
        if found == most:
            break
    return found


def detect_head_tail(head: bytes, tail: bytes, size: int, name: str) -> FileSchema:
    """Schema of a text file larger than HEAD_BYTES + TAIL_BYTES, from its first HEAD_BYTES and
    last TAIL_BYTES (so a caller reads no more of a large file than that)."""
    return _quick(head, tail, size, name) or detect_sample(head, tail, size - TAIL_BYTES, name)


def _quick(head: bytes, tail: bytes, size: int, name: str) -> FileSchema | None:
    """The schema from the file's first QUICK_HEAD_BYTES and last QUICK_TAIL_BYTES, when settled."""
    if size <= QUICK_HEAD_BYTES + QUICK_TAIL_BYTES:
        return None
    schema, layout = _detect_sample(head[:QUICK_HEAD_BYTES], tail[-QUICK_TAIL_BYTES:], size - QUICK_TAIL_BYTES, name)
    if schema.encoding != "utf-8" and head[:QUICK_HEAD_BYTES].isascii() and not head.isascii():
        # The tail's code page chosen for the file (later_encoding) on a quick head of ASCII, where
        # the whole head has more: UTF-8 names past 16 KB would read in it ("Nestlé" as "NestlГ©").
        return None
    return schema if settled(schema, layout) else None


def detect_file(path: str | Path) -> FileSchema:
    """Like detect_bytes, reading only the sampled parts of a text file."""
    path = Path(path)
    with path.open("rb") as fh:
        return detect_opened(fh, path.stat().st_size, str(path))


def detect_opened(handle, size: int, name: str, head: bytes = b"") -> FileSchema:
    """detect_bytes of an open binary file of `size` bytes whose first bytes, `head`, were already
    read: reads up to HEAD_BYTES, then the tail alone for large text files (a workbook whole: a zip
    needs its end, an OLE2 file its sector tables). Works on Python files and pyarrow input streams
    alike (read, seek)."""
    head += handle.read(HEAD_BYTES - len(head))
    kind = workbook_format(head, name)
    if kind is not None:
        return _detect_workbook(head + handle.read(), name, kind)
    head = read_on(head, lambda _, length: handle.read(length))  # the handle reads on where the head ends
    if size <= len(head) + TAIL_BYTES:
        return _detect_text(head + handle.read(), name)  # sniffed above: no workbook
    handle.seek(size - TAIL_BYTES)
    return detect_head_tail(head, handle.read(TAIL_BYTES), size, name)
