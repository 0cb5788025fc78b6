"""One raw file parsed with its own dialect into tagged rows: loaded, rejected, and a summary row.

Spark's CSV reader applies one set of options per read and silently pads or truncates rows with
the wrong number of fields, so each file is parsed by our own normaliser instead.

A file whose schema was borrowed from a file of the same template (`borrowed_from`, see
shared_layouts.py) is proven here, on all its rows: where the schema does not hold, the file is
detected on its own and read with that schema, and its summary row carries the schema it was read
with (`schema_json`) for the caller to record in file_schemas.

The raw step's survey keeps what it parsed: each file's tagged rows, as read with its schema, in
`<lake>/parsed/`, keyed by content and reading schema: a large file's in a Parquet file of its own
(`parsed_key`), small files' together in group files (`member_key`, kept_groups.py). The
conversion reads those instead of parsing the text again (`from_parsed`); a file with no such rows
(a schema a user corrected since, a manifest older than the parsed zone) is parsed from its text.
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from backintime_assets.ingestion.schema_texts import names_tickers, reading_key, reading_key_of, schema_dict
from backintime_assets.lake.schemas import PRICES
from backintime_assets.normalisation.string_runs import strings_at
from backintime_assets.trading_week import MON_FRI, TradingWeek

LOADED, REJECTED, FILE_SUMMARY = "loaded", "rejected", "file"

PARSED = pa.schema([
    ("status", pa.string()), ("date", pa.date32()),
    *[f for f in PRICES if f.name not in ("source_file", "source_line")],
    ("source_file", pa.string()), ("source_line", pa.int64()), ("raw", pa.string()), ("reason", pa.string()),
    ("rows_read", pa.int64()), ("priority", pa.int64()),
    ("schema_json", pa.string()),  # summary rows: the file's own schema, when it replaced a borrowed one
])
# What the parsed zone keeps of a file: what does not depend on the run that reads it (PARSED
# without the run's priority of the file; rejected and summary rows are dated by the run too).
KEPT = pa.schema([f for f in PARSED if f.name not in ("priority", "schema_json")])
# The columns of kept and staged rows whose values repeat (a status, a file's name, its tickers and
# sectors, a reason): the only ones a Parquet dictionary pays for. pyarrow's default encodes every
# column so, and a large file's kept rows hashed every price and line number into dictionaries larger
# than the values (a 150-ticker archive's: 1.36 against 1.00 MB, ~1.7x the CPU to write, callgrind
# counting the double columns' dictionary 4.5% of surveying and converting six such archives).
DICTIONARY_COLUMNS = ["status", "ticker", "sector", "source_file", "reason"]
# Part of the parsed zone's key: raise it whenever the normaliser reads a row differently (a new
# rule, another reason), so that rows kept by the old rules are read again.
# 6 (session 16): a null word in the ticker column is a missing ticker, control characters in
# text are spaces, prices with any currency sign or a lettered dollar parse, a space-aligned
# table's rejected lines are its own, an .xlsx holding an Excel 365 error value (#SPILL!,
# #GETTING_DATA) is read, bytes a UTF-8 file cannot decode read as cp1252, prices of 1e30 and up
# are no price (and the several-series and apostrophe rules of the two sessions before).
# 7 (session 17): Arabic-Indic and Persian digits in UTF text read as digits, a volume's declared
# multiplier never scales a cell that writes its own (12.3K).
# 8 (session 22): the volume is float64, as written (rows kept before hold it rounded, in int64).
# 9 (session 22): and NULL where the file gives none (no column, a blank cell), where it had been 0:
# rows kept by 8 hold those 0s. Either way a lake of 7 reads its rows once more.
# 10 (session 23): a volume in lots of a size unsaid ("成交量(手)") is NULL, not the lots as shares;
# "45.67万", "1.2亿", "1.5 Lakh", "2 Cr" read scaled; a UTC evening stamp among plain dates is
# rejected, where it was read as its UTC day (a day early east of UTC); a one-row header's repeat
# with its date cell empty (",goog_close,amzn_close", pandas' unnamed index) heads a part as one
# naming its date does (repeated_header._respelt), its rows no more loaded as the file's tickers'.
# 11 (session 25): two rows of a ticker's date off its own time of day, in a file that otherwise
# has one, are intraday bars (rules.check_intraday's clock), where the first loaded as the day's
# price; dates written as text are weighed by the time they write too.
# 12 (session 26): a row off its ticker's time of day before its date's row at it is that day's bar,
# where it loaded as the price (and the row at the clock was its conflicting duplicate); a date of a
# two-digit year in the future is rejected (Thai BE "02/01/67" had loaded as 2067).
# 13 (session 27): a second copy's name ("AAPL (1).csv", "AAPL - Copy.csv") is the first one's
# ticker, where the copy's name was; a file without a ticker whose clashing rows of a date a
# recurring text column names apart (a market, an item) is rejected as several series, where the
# first row of each date had loaded.
# 14 (session 28): Investing.com's words after the instrument in a download's name ("AAPL Historical
# Data.csv", "USD_TRY Geçmiş Verileri.csv") are no part of the ticker, where "AAPL HISTORICAL DATA" was.
# Also (session 28): a site's or a tool's words around the symbol ("aapl_us_d.csv", "EURUSD1440.csv",
# "MacroTrends_Data_Download_AAPL.csv", "AAPL历史数据.csv") are no part of it, where "AAPL_US_D" was.
# (A site's name for every download, "HistoricalPrices.csv", is refused by detection: its schema differs.)
# 15 (session 29): tools' words in download names ("btc-usd-max", "XBTUSD_1440", "NIFTY 50_Data") are
# no part of the ticker; a lone price named in words loads as the close; a comma-decimal file's grouped
# volumes ("1,234,567") read whole and dashes as no volume; two-digit Minguo years read with evidence;
# rows short only by trailing optional fields load with them empty; date cells that Excel stored
# with day and month swapped are read as typed; a labelled totals row that adds up the rows above is
# the footer, a share named TOTAL is data, a row named "Subtotal" is rejected. Most of these change
# the schema too, and a changed schema reads its file again anyway; the version covers rows kept
# under an unchanged one.
# 16 (session 30): a labelled row whose close or volume adds up its day's rows above ("Subtotal
# Energy", "Total") is rejected as a totals row, where it loaded as a share; a schema stored before
# detection carried its digit-clock answer asks it again of the file's first rows, which now want
# most rows sharing their day (a daily file's round volumes beside a day listed twice had read as
# times); volumes grouped by the other mark than the prices' ("1'234.50" beside "1,822,696") read
# whole where they loaded empty; a headerless day's money traded is no volume beside its shares;
# download names' tools' words cut (TradingView, Quandl, MT5, a Binance script's "BTCUSDT-1d").
# 17 (session 31): a date's flat untraded first row yields to a later traded bar holding its price (a
# newest-first file's quote had loaded as the day); spreadsheet error cells and infinities are no value
# (a column of marked opens with one "#VALUE!" had loaded the close as every open); a mid-list totals
# row naming what it sums is rejected; rows below a repeated header keep a label's ticker where the
# file's name names none; "NaN" in any case is a null; all-flat MT4 bars read in O,H,L,C order; a Tokyo
# code before a year in a file's name ("1557_2019.csv") names the code.
# 18 (session 32): a row priced in another currency than the file's is rejected ("$" beside "€" had
# loaded as one close); stooq's database ".US" tickers lose the suffix its downloads' names lose;
# "p.m." with dots reads under "%p"; a row whose blank surplus field was cut is rejected where a column
# the file's other rows fill is empty in it (a stray delimiter had loaded a day without its volume);
# Finam's ticker-less exports ("GAZP_190722_190722.csv") load under the code, its futures with their
# contract's ("SPFB.Si": every contract had loaded as SPFB).
# 19 (session 33): a ticker's rows of one date that a text column names as other series than its own
# (NSE's SERIES BL beside EQ, MOEX's boards) are rejected, its own series' row kept (a block deal had
# loaded as the close); a row's currency is judged against its own ticker's; a thin market's hourly
# bars stamped at an hour of their own each day are intraday; times of day written two ways are one;
# a code page starting past detection's sample reads from its own lines (Cyrillic tickers had loaded
# as cp1252 mojibake); ariva's "wkn_<WKN>_historic" names load under the WKN.
# 20 (session 35): a volume 0 on every row of a file is not recorded (NULL); a turnover in scaled money
# ("1,2 Mkr", "$1.2M") is no count of shares; whole rand grouped by commas is no rand; units held or
# shares issued are no day's volume; a coin's dollar volume beside its market cap is no count of coins;
# a close named by a fund's ticker wins over the NAV it hugs; past the sample, a dot in a file of decimal
# commas grouping by none is no decimal point ("1.500" had loaded 1.5); Huobi's money volume gives way to
# its count of coins; another session's high and low are not the day's.
# 21 (session 36): money written as the dot-grouping customs write it ("1.234 kr.", "Rp 1.234.567") and
# coins written with their code ("1.2K BTC") read; a decimal mark the sample never saw takes no dot on
# trust past it; a lone separator a column writes as a decimal point is no grouping; hidden sheets are
# set aside, formulas never calculated refused, a ticker merged over the prices names them; an Excel
# serial a hair below midnight is that day; a text "Index" column names indices; a Bloomberg security
# labelled above the header names its rows; a few weekly bars of several tickers are refused.
# 22: Thai digits, month names and Buddhist-era years; Finam's six-digit dates; a header run into the
# first row rejected; İş Yatırım's columns; Excel serial days end at today; kept rows dictionary-encoded
# only in repeated columns; a user's decimal and thousands marks.
# 23 (session 38): space-aligned tables read otherwise: a run of spaces is no thousands group, a line of
# units under the header joins it, a prose preamble is no data, a label ending in a colon names no column.
# 24 (session 39): a units line stands over values (flagged, timed, scientific), never over codes or a line
# of values; a non-ASCII symbol steady in the header and the rows ('§', '¦', '¬') delimits, and sets the code
# page; '^' and '~' ending every line are values' ends again; lines of prose are refused as no table, one
# column of sentences under a name is one column, quoted sentences with one comma are no wrapped table.
# 25 (session 55): a run of at most three rows a power of ten off its ticker's rows on both sides within a file
# (pounds among pence, a leading basis ~112x the rest) is rejected as a unit slip (normalisation/unit_slips.py);
# rows rejected for their values count as their dates' rows in a file without a ticker
# (rules.check_unnamed_behind_values).
# 26 (session 56): a file's unterminated last row whose last value shows a cut (a volume the start of one like
# the 20 before it, fewer decimals than a column of fixed decimals, an open quote, a unit or date part missing)
# is rejected as truncated (normalisation/cut_end.py), where it had loaded the cut value; a ticker's newest row
# stamped within its day among rows stamped at midnight is rejected as the export's snapshot, not the day's
# close (normalisation/day_snapshot.py).
# 27 (session 59): a day's list's unterminated last row, its ticker's only one, whose whole volume is two digits
# or more shorter than every other ticker's ("12" of 12,345 under 98,700 .. 5.6 million) is rejected as truncated.
# The same version covers what else reads a row differently under an unchanged schema: a text file detection failed
# on ("unreadable: <error>") has its lines rejected with the error, where it was read as no lines
# (normalisation/unread_lines.py); the words beside a site's in a download's name that say what the file is, and
# Italian, French and German sites' words, are no part of the ticker ("Dados Históricos - Ibovespa Diários.csv" is
# IBOVESPA, "Dati Storici FTSE MIB.csv" FTSE MIB, where IBOVESPA DIÁRIOS and DATI STORICI FTSE MIB were: kept rows
# named so keep their name, as _named_after renames only rows named as the current rules name the file).
PARSER_VERSION = 27
# A rule that reads only some schemas' rows differently raises their own version, so every other
# file's kept rows stay found rather than the whole zone read again.
# 2 (session 20): whether an "_east" epoch column's stamps are the next day's sessions is decided
# per ticker under the trading week, on every row (normalisation/east_days.py).
# 3 (session 21): a large file read in pieces decides each ticker's reading over all its pieces, as
# read whole (each piece had decided by its own rows: a ticker straddling a cut loaded a day off).
# 4 (session 21): a ticker of a few midweek bars follows another's next days only at its clock time
# (New York's opens beside an ASX ticker's loaded a day late).
# 5 (session 21): all of those few bars' stamps at that clock, not one (a last bar at the download's
# latest trade took them along); under a week of every day, a ticker stamped on Friday evenings as
# often as on Sunday ones reads its UTC days (a vendor's Sunday futures opens loaded every bar a day late).
# 6 (session 22): a ticker whose only evening stamp is off the clock (a coin's live bar at its latest
# trade, a Sunday afternoon) reads its UTC days, no more a midnight east of UTC (loaded on Monday).
# 7 (session 23): stamps from 11:00 UTC on are the next day's (NZX's summer midnight, 11:00 UTC, loaded a day
# early), and Sunday-to-Thursday stamps at midday UTC read by the week (a Gulf close, under sun-thu, a day late).
EAST_EPOCH_VERSION, _EAST_EPOCH = 7, '_east"'  # the end of such a column's format in a schema's JSON
KEEP_MIN_BYTES = 512 * 2**10  # files whose rows the survey keeps in a Parquet file of their own (kept_rows_path)
MEMBER_SUFFIX = ".member"  # ends the key a small file's rows are listed under in a group file (kept_groups.py)


@dataclass(frozen=True)
class FileTask:
    lake_path: str
    source_file: str
    schema_json: str
    # Rejected rows have no trustworthy date; they are filed under the first date the file holds.
    home_date: dt.date
    # Lower wins when two files hold the same (date, ticker): 0 is the most recently modified file.
    priority: int
    size_bytes: int = 0  # to share files fairly between tasks
    # The file's rows as the survey parsed them with this schema, if kept (parsed_key); None: parse the text.
    parsed_path: str | None = None
    # The dates its rows hold (the manifest's); None: not known, so the conversion stages its rows.
    dates: tuple[dt.date, ...] | None = None

    @property
    def first_date(self) -> dt.date | None:
        """Its first date, which names the month its kept rows are filed under (kept_groups.py)."""
        return min(self.dates) if self.dates else self.known_first_date

    # The first of `dates` once they are dropped (convert.py sends tasks without them).
    known_first_date: dt.date | None = None
    # The days that hold trade dates, the driver's setting: a row dated on another is rejected.
    week: TradingWeek = MON_FRI


@dataclass(frozen=True)
class FileGroup:
    """Files read together: one schema, all but the file name (a group of one is read alone)."""
    tasks: list[FileTask]
    schema_json: str  # the schema they share; each column as confident as its least sure file

    @property
    def size_bytes(self) -> int:
        return sum(t.size_bytes for t in self.tasks)


def group_files(tasks: list[FileTask], max_bytes: int) -> list[FileGroup]:
    """Tasks in groups of one schema, each group at most `max_bytes` of files (or one file)."""
    by_schema: dict[tuple[TradingWeek, str], list[tuple[FileTask, dict]]] = {}
    for task in tasks:
        by_schema.setdefault((task.week, reading_key_of(task.schema_json)), []).append(
            (task, schema_dict(task.schema_json)))
    groups = []
    for members in by_schema.values():
        chunk: list[tuple[FileTask, dict]] = []
        chunk_bytes = 0
        for member in members + [None]:
            if chunk and (member is None or chunk_bytes + member[0].size_bytes > max_bytes):
                groups.append(_group(chunk))
                chunk, chunk_bytes = [], 0
            if member is not None:
                chunk.append(member)
                chunk_bytes += member[0].size_bytes
    return groups


def kept_rows_path(location, sha256: str, schema_json: str, size_bytes: int, week: TradingWeek = MON_FRI) -> str:
    """Where the parsed zone would keep a file's rows read with a schema: a Parquet file of its own
    for a large file; for a small one, the key its rows are listed under in a group file
    (kept_groups.py), as a file of its own would cost more to write and read than its parse."""
    return location.path(kept_rows_key(sha256, schema_json, size_bytes, week))


def kept_rows_key(sha256: str, schema_json: str, size_bytes: int, week: TradingWeek = MON_FRI) -> str:
    """kept_rows_path within the lake: what the parsed zone's pruning (parsed_pruning.py) keeps."""
    if size_bytes >= KEEP_MIN_BYTES:
        return parsed_key(sha256, schema_json, week)
    return member_key(sha256, reading_hash(schema_json, week))


def parsed_key(sha256: str, schema_json: str, week: TradingWeek = MON_FRI) -> str:
    """Where the parsed zone keeps a file's rows read with a schema: by content, then by reading,
    trading week and the version of the reading rules, so a corrected schema, another week or a
    changed rule never finds rows read the old way."""
    return f"parsed/{sha256[:2]}/{sha256}/{reading_hash(schema_json, week)}.parquet"


def member_key(sha256: str, reading: str) -> str:
    """What names a small file's rows in a group file (kept_groups.py): parsed_key's place, another
    suffix; `reading` is reading_hash of the schema they were read with."""
    return f"parsed/{sha256[:2]}/{sha256}/{reading}{MEMBER_SUFFIX}"


def reading_hash(schema_json: str, week: TradingWeek = MON_FRI) -> str:
    """The reading of a schema, the trading week and the version of the reading rules, as a short
    hash. Monday to Friday adds nothing: rows kept before the week was a setting are found still."""
    of_week = "" if week == MON_FRI else f":{week.spec}"
    key = reading_key_of(schema_json)
    rules = f"{PARSER_VERSION}.east{EAST_EPOCH_VERSION}" if _EAST_EPOCH in key else PARSER_VERSION
    return hashlib.sha256(f"{rules}:{key}{of_week}".encode()).hexdigest()[:16]


def reader_at(handle):
    """read_at(offset, length) of an open pyarrow input file, as parse_in_pieces takes it."""
    return lambda offset, length: handle.read_at(length, offset)  # pyarrow's order: nbytes, then offset


def kept(parsed: pa.Table) -> pa.Table:
    """Tagged rows (PARSED) as the parsed zone keeps them."""
    return parsed.select(KEPT.names).cast(KEPT)


def from_parsed(rows: pa.Table, task: FileTask) -> pa.Table:
    """Rows of the parsed zone (KEPT) as `task`'s run tags them: its priority, its name (the same
    content may sit under two names), and its home date on the rows that have no trustworthy date
    of their own (rejected rows, summary rows)."""
    return from_parsed_members(rows, [rows.num_rows], [task])


def from_parsed_members(rows: pa.Table, counts: list[int], tasks: list[FileTask]) -> pa.Table:
    """Kept rows of several files one after the other (`counts` rows of each of `tasks`), each
    file's tagged as from_parsed tags them, in one pass over the rows."""
    rows = rows.combine_chunks()
    read_under = rows["source_file"]  # the name each kept file was read under
    member_of = np.repeat(np.arange(len(tasks), dtype=np.int64), counts)
    member = pa.array(member_of)
    undated = pc.not_equal(rows["status"], LOADED)
    homes = pa.array([t.home_date for t in tasks], pa.date32()).take(member)
    rows = rows.set_column(rows.schema.get_field_index("date"), "date", pc.if_else(undated, homes, rows["date"]))
    rows = rows.set_column(rows.schema.get_field_index("source_file"), "source_file",
                           strings_at([t.source_file for t in tasks], member_of))
    # No ticker column: the normaliser named the rows after the file, and kept rows may have been
    # read under another name of the same content. Only rows so named: a workbook's rows named by
    # their sheets (AAPL, MSFT) or by each sheet's header, loaded again under a copy's name, were all
    # loaded as the copy's one ticker.
    named_in_rows = [names_tickers(schema_dict(t.schema_json)) for t in tasks]
    if not all(named_in_rows):
        rows = rows.set_column(rows.schema.get_field_index("ticker"), "ticker",
                               _named_after(rows, read_under, undated, member_of, counts, tasks, named_in_rows))
    return pa.Table.from_arrays([
        *(rows[f.name] for f in KEPT),
        pa.array([t.priority for t in tasks], pa.int64()).take(member), pa.nulls(rows.num_rows, pa.string()),
    ], schema=PARSED)


def _named_after(rows: pa.Table, read_under: pa.ChunkedArray, undated, member_of: np.ndarray, counts: list[int],
                 tasks: list[FileTask], named_in_rows: list[bool]) -> pa.Array:
    """The kept rows' tickers, a file's loaded rows named after the copy it is read as (`tasks`) where
    they were named after the file it was read under (`read_under`): every one of a file whose header
    names no ticker; not rows named by their sheet or by a header's ticker (FileSchema.ticker, or a
    stacked table's: normalisation/stacked_tables.py), but a stacked table's under a plain header."""
    from backintime_assets.detection.nameless import names_nothing
    from backintime_assets.normalisation import default_ticker_for  # pandas and all: only when needed
    from backintime_assets.normalisation.file_ticker import stooq_polish

    names = read_under.unique()
    where = pc.index_in(read_under, value_set=names)
    # What the rows were named after the name they were read under, a day it writes kept or cut by the
    # data's last day their task's schema says (FileSchema.data_until).
    until = [schema_dict(task.schema_json).get("data_until") for task in tasks]
    # And read as a stooq.pl download's name where the task's header is one (file_ticker.stooq_polish), as
    # normalisation named them: "wig20_d" is WIG20.
    stooq = [stooq_polish(c.get("name") for c in schema_dict(task.schema_json).get("columns") or ())
             for task in tasks]
    if any(until) or any(stooq):
        pairs, inverse = np.unique(where.to_numpy(zero_copy_only=False) * len(tasks) + member_of, return_inverse=True)
        listed = names.to_pylist()
        was = pa.array([default_ticker_for(listed[p // len(tasks)], until[p % len(tasks)], stooq[p % len(tasks)])
                        for p in pairs.tolist()], pa.string()).take(pa.array(inverse))
    else:
        was = pa.array([default_ticker_for(n) for n in names.to_pylist()], pa.string()).take(where)
    # Read under a name that names nothing ("export.csv"), a plain repeat's rows kept the ticker above
    # them (stacked_tables.tickers_of_rows), not the file's name: a copy's name names them as well.
    carried_under = pa.array([names_nothing(n) for n in names.to_pylist()], pa.bool_()).take(where)
    loaded = pc.invert(undated)
    after_file = pc.fill_null(pc.and_(loaded, pc.equal(rows["ticker"], was)), False)
    n = len(tasks)
    loaded_per = np.bincount(member_of, weights=loaded.to_numpy(zero_copy_only=False), minlength=n)
    after_per = np.bincount(member_of, weights=after_file.to_numpy(zero_copy_only=False), minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    named: list[str | None] = []
    rows_of: list[np.ndarray | None] = []  # per task: which of its rows take the copy's name (None: all)
    carried: dict[int, np.ndarray] = {}  # per task: its rows' own names, where a copy's name names nothing
    for k, task in enumerate(tasks):
        header = schema_dict(task.schema_json).get("ticker") if not named_in_rows[k] else None
        rows_of.append(None)
        if header is None:
            rename = not named_in_rows[k] and loaded_per[k] > 0 and after_per[k] == loaded_per[k]
        else:
            # Rows under a ticker a header names (the header's, or a table's stacked below it:
            # normalisation/stacked_tables.py) are that security's under any name, even where the
            # file's name spells it (AAPL.csv whose header names AAPL). The others, under a plain
            # repeat of the header, were named after the file: a copy names them after itself, also
            # where the file's name spells a header's ticker (their rows and the copy's read alike).
            own = rows.slice(int(starts[k]), int(counts[k]))
            plain, tables, at = _plain_tables(own, task.schema_json)
            own_after = after_file.slice(int(starts[k]), int(counts[k])).to_numpy(zero_copy_only=False)
            if names_nothing(task.source_file):
                # A copy whose name names nothing: the ticker of the table above them, as it reads them.
                from backintime_assets.normalisation.normalise import series_ticker
                from backintime_assets.normalisation.stacked_tables import tickers_of_rows

                first = series_ticker(header)
                carried[k] = tickers_of_rows(tables, at, first,
                                             default_ticker_for(task.source_file, until[k], stooq[k]),
                                             series_ticker, carried=True)
                rows_of[-1] = plain & own_after
            else:
                under = pc.and_(carried_under.slice(int(starts[k]), int(counts[k])),
                                loaded.slice(int(starts[k]), int(counts[k])))
                rows_of[-1] = plain & (own_after | pc.fill_null(under, False).to_numpy(zero_copy_only=False))
            rename = bool(rows_of[-1].any())
        named.append(default_ticker_for(task.source_file, until[k], stooq[k]) if rename else None)
    own_name = pa.array(named, pa.string()).take(pa.array(member_of))
    if carried:
        per_row = own_name.to_numpy(zero_copy_only=False).astype(object)
        for k, names_k in carried.items():
            per_row[int(starts[k]):int(starts[k + 1])] = names_k
        own_name = pa.array(per_row, pa.string())
    take = pc.and_(loaded, pc.is_valid(own_name))
    if any(r is not None for r in rows_of):
        per_row = np.concatenate([np.ones(int(c), dtype=bool) if r is None else r for r, c in zip(rows_of, counts)])
        take = pc.and_(take, pa.array(per_row))
    return pc.if_else(take, own_name, rows["ticker"])


def _under_plain_header(rows: pa.Table, schema_json: str) -> np.ndarray:
    """Which of a file's kept rows are a table's stacked below the first under a plain repeat of the
    header, which names no ticker: the normaliser named them after the file (stacked_tables.py), by
    the rejected lines, as here. A user's ticker names every row (ticker_from)."""
    return _plain_tables(rows, schema_json)[0]


def _plain_tables(rows: pa.Table, schema_json: str):
    """_under_plain_header's answer, with the stacked tables it read and each row's line."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.normalisation.stacked_tables import stacked_tables

    schema = FileSchema.from_json(schema_json)
    at = pc.fill_null(rows["source_line"], 0).to_numpy(zero_copy_only=False)
    if schema.ticker_from is not None:
        return np.zeros(rows.num_rows, dtype=bool), [], at
    rejected = rows.filter(pc.equal(rows["status"], REJECTED)).select(["source_line", "raw", "reason"])
    lines = list(zip(*(rejected[c].to_pylist() for c in rejected.column_names)))
    row_lines = np.sort(pc.drop_null(rows["source_line"]).to_numpy(zero_copy_only=False))
    tables = stacked_tables(lines, schema, row_lines)
    plain = np.array([False] + [t.ticker is None for t in tables], dtype=bool)
    return plain[np.searchsorted(np.array([t.line for t in tables], np.int64), at, "right")], tables, at


def _group(members: list[tuple[FileTask, dict]]) -> FileGroup:
    shared = json.loads(json.dumps(members[0][1]))
    for _, schema in members[1:]:
        for column, other in zip(shared["columns"], schema["columns"]):
            column["confidence"] = min(column["confidence"], other["confidence"])
    return FileGroup([t for t, _ in members], json.dumps(shared))


def parse_group(datas: list[bytes], group: FileGroup) -> pa.Table:
    """Every row of every file of the group, tagged loaded or rejected, plus one summary row per
    file with its rows_read; read as one text when the files allow it (normalise_group)."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.normalisation import normalise_bytes
    from backintime_assets.normalisation.group import normalise_group

    results = None
    week = group.tasks[0].week  # group_files groups by week
    if len(group.tasks) > 1:
        results = normalise_group(datas, FileSchema.from_json(group.schema_json), [t.source_file for t in group.tasks],
                                  week)
    # Each file's own schema is built only where it is read with it: a group read as one text
    # needs none but those of borrowed schemas that do not hold.
    if results is None:
        results = [normalise_bytes(data, FileSchema.from_json(t.schema_json), t.source_file, week=week)
                   for data, t in zip(datas, group.tasks)]
    own: list[str | None] = [None] * len(results)
    for k, (data, task) in enumerate(zip(datas, group.tasks)):
        if schema_dict(task.schema_json).get("borrowed_from") is not None:
            results[k], own[k] = _proven_or_own(data, task.schema_json, results[k], task.source_file, week)
    return _tagged(results, group.tasks, own)


def _proven_or_own(data: bytes, borrowed_json: str, result, source_file: str, week: TradingWeek = MON_FRI):
    """(the file's rows, None) when the borrowed schema holds on them; else (the rows read with the
    file's own schema, that schema's JSON). A detector that raises on the file refuses it, as the survey's
    own detection does (survey.py): every line rejected with the error (unread_lines.py)."""
    from backintime_assets.detection import FileSchema, detect_bytes
    from backintime_assets.detection.detect import problem_schema
    from backintime_assets.ingestion.shared_layouts import holds_on_whole_file
    from backintime_assets.normalisation import normalise_bytes
    from backintime_assets.normalisation.unread_lines import detection_failed

    if holds_on_whole_file(result, schema_dict(borrowed_json)):
        return result, None
    borrowed = FileSchema.from_json(borrowed_json)
    try:
        own = detect_bytes(data, borrowed.file)  # the name detection saw: it may date the file
    except Exception as error:  # noqa: BLE001 - a detector's fault on one file: raised here, it failed the task
        # (the whole day's conversion); the bytes are in memory, so no fault of the lake's is lost.
        own = problem_schema(borrowed.file, detection_failed(error))
    if reading_key(own.to_dict()) != reading_key(borrowed.to_dict()):
        result = normalise_bytes(data, own, source_file, week=week)
    return result, own.to_json()


READ_ON_PIECES = 4  # how far a piece reads on to find where a record ends
_NO_ROWS = ("no data rows", "empty file")


def parse_in_pieces(read_at, size: int, task: FileTask, piece_bytes: int):
    """A large text file's tagged rows, one piece of about `piece_bytes` at a time, so a task holds
    one piece, never the whole file. `read_at(offset, length)` reads bytes of the file.

    Pieces end at line breaks and keep the file's line numbers. Each piece yields its own summary
    row (rows_read of that piece): the counts add up per file. A row repeated in two pieces is
    left to the collision settlement, which keeps the same (first) row but names it "duplicate of
    FILE:LINE" rather than "duplicate"."""

    from backintime_assets.detection import FileSchema

    schema = FileSchema.from_json(task.schema_json)
    if not pieceable(schema) or size <= piece_bytes or schema.borrowed_from is not None:
        # A borrowed schema is proven on the whole file (detection lends none to files this large).
        group = FileGroup([task], task.schema_json)
        yield parse_group([read_at(0, size)], group)
        return
    whole = _east_readings(read_at, size, task, schema, piece_bytes)
    for result in _piece_results(read_at, size, task, schema, piece_bytes, whole):
        yield _tagged([result], [task])


def _east_readings(read_at, size: int, task: FileTask, schema, piece_bytes: int):
    """Of a file whose epochs may be stamped east of UTC (an "_east" date column), each ticker's
    reading decided over all its pieces (normalisation/east_days.py), by a first read of the pieces
    that keeps only their evidence: read apart, each piece decided by its own rows, and a ticker
    straddling a cut, or a few rows of a US ticker in a piece of ASX rows, loaded a day off. None
    for any other file, read once as before."""
    from backintime_assets.detection.date_system import stamped_east
    from backintime_assets.normalisation.east_days import WholeFile

    cmap = schema.canonical_map()
    if "date" not in cmap or not stamped_east(schema.columns[cmap["date"]].format):
        return None
    whole = WholeFile(task.week, evidence_alone=schema.ticker is None or schema.ticker_from is not None)
    for _ in _piece_results(read_at, size, task, schema, piece_bytes, whole):
        whole.piece_read()
    whole.decide()
    return whole


def _ticker_past(result, schema, ticker: str, unnamed: str, carried: bool = False) -> tuple[str, int | None]:
    """The ticker in effect past a piece read with `schema`, whose header's ticker was `ticker`:
    the last table's below it, if the piece holds others' header lines; and the line that table's
    header starts on if no row follows it in the piece (None otherwise)."""
    from backintime_assets.normalisation.stacked_tables import stacked_tables, ticker_after

    rejected = result.rejected_arrow
    heads = list(zip(*(rejected[c].to_pylist() for c in ("source_line", "raw", "reason"))))
    if not heads:
        return ticker, None
    lines = np.concatenate([result.prices_arrow["source_line"].to_numpy(zero_copy_only=False),
                            rejected["source_line"].to_numpy(zero_copy_only=False)])
    tables = stacked_tables(heads, schema, np.sort(lines))
    return (ticker_after(tables, ticker, unnamed, lambda t: t, carried),
            tables[-1].line if tables and tables[-1].open else None)


def _line_start(chunk: bytes, line: int) -> int:
    """Where the `line`th line (from 1) of `chunk` starts, its lines counted as lines.py counts them."""
    if line <= 1:
        return 0
    for k, end in enumerate(re.finditer(rb"\r\n|\r|\n", chunk), start=2):
        if k == line:
            return end.end()
    return len(chunk)


def _piece_results(read_at, size: int, task: FileTask, schema, piece_bytes: int, whole=None):
    """Each piece of the file read with `schema` (parse_in_pieces), its lines numbered in the file;
    `whole`: its "_east" epochs' readings (_east_readings)."""
    from dataclasses import replace

    from backintime_assets.detection.nameless import names_nothing
    from backintime_assets.normalisation import default_ticker_for
    from backintime_assets.normalisation.carried_on import last_rows
    from backintime_assets.normalisation.file_ticker import stooq_polish
    from backintime_assets.normalisation.repeated_header import header_at_end, reordered_in_piece

    terminator = b"\r" if schema.line_terminator == "\r" else b"\n"
    footer_start = _footer_start(read_at, size, terminator, schema.footer_lines)
    start, lines_before, first = 0, 0, True
    rows_read, held = 0, None
    # Tables stacked one below the other, each under its own header's ticker (stacked_tables.py): a
    # piece that starts inside one begins with the ticker of the last header above it, which an
    # earlier piece read; one whose header names none, with the file's name (written as the header's
    # ticker, so that the piece still tells the tables below apart). A user's ticker names every row.
    stacked = schema.ticker is not None and schema.ticker_from is None
    ticker, unnamed = schema.ticker, default_ticker_for(task.source_file, schema.data_until,
                                                        stooq_polish(c.name for c in schema.columns))
    # A name a site gives every download names nothing: a plain repeat keeps the ticker above it, as
    # the file read whole does (normalise.py); the file's name ("EXPORT") had named the pieces below.
    carried = names_nothing(task.source_file)
    reordered = None  # (line, kind) of the header line beginning a part the rows read are below (repeated_header.py)
    tail = None  # each ticker's last row read so far (carried_on.last_rows)
    # A first read for "_east" evidence alone keeps no row: no part below a header is looked for in it.
    evidence_only = whole is not None and whole.gathering and whole.evidence_alone
    while start < size:
        chunk = read_at(start, min(piece_bytes, size - start))
        if not chunk:
            raise OSError(f"{task.source_file}: read nothing at byte {start} of {size}")
        last = start + len(chunk) >= size
        if not last:
            skip = schema.data_start_line if first else 0
            cut = _last_record_end(chunk, terminator, schema, skip)
            if cut == 0:  # one record longer than a piece: read on to its end
                while cut == 0 and start + len(chunk) < size and len(chunk) < READ_ON_PIECES * piece_bytes:
                    more = read_at(start + len(chunk), piece_bytes)
                    if not more:
                        raise OSError(f"{task.source_file}: read nothing at byte {start + len(chunk)} of {size}")
                    chunk += more
                    cut = _last_record_end(chunk, terminator, schema, skip)
                if cut == 0 and start + len(chunk) < size:
                    # A quote that never closes would otherwise hold the rest of the file: its
                    # record ends at a line break here, and reads as bad rows (as it would whole).
                    cut = chunk.rfind(terminator) + 1
                last = cut == 0 or start + cut >= size
                cut = cut or len(chunk)
            if not last and start + cut > footer_start:
                # The cut falls inside the footer: this piece would read its first lines as data
                # rows (a totals line rejected, a note counted as read). The footer ends the file
                # and is short: this piece reads on to the end and is the last.
                chunk, cut, last = chunk + read_at(start + len(chunk), size - start - len(chunk)), size - start, True
            chunk = chunk[:cut]
        piece_schema = replace(schema, footer_lines=schema.footer_lines if last else 0)
        if not first:
            piece_schema = replace(piece_schema, header_row=-1, data_start_line=0, ticker=ticker)
        result = _piece_read(chunk, piece_schema, task, first, lines_before, whole)
        if stacked:
            past, open_at = _ticker_past(result, piece_schema, ticker, unnamed, carried)
            cut_at = _line_start(chunk, open_at - lines_before) if open_at is not None and not last else 0
            if cut_at > 0:
                # The piece ends inside a stacked table's header, or just below it ("MSFT US Equity"
                # here, "Date,PX_LAST" the next piece's first line): read apart, the next piece would
                # take the rest for a plain repeat of the header, naming none. It starts there instead.
                chunk = chunk[:cut_at]
                result = _piece_read(chunk, piece_schema, task, first, lines_before, whole)
                past, _ = _ticker_past(result, piece_schema, ticker, unnamed, carried)
            ticker = past
        if not (last or evidence_only) and (at := header_at_end(result, schema)) is not None \
                and (cut_at := _line_start(chunk, at - lines_before)) > 0:
            # The piece ends in the header lines of a part below ("GOOG,GOOG,AMZN,AMZN" here, its
            # fields the next piece's first line): read apart, neither piece knows the part for one.
            chunk = chunk[:cut_at]
            result = _piece_read(chunk, piece_schema, task, first, lines_before, whole)
        # A part under the header's names in another order: its rows rejected in every piece it
        # spans, as read whole (repeated_header.py); a piece past the first holds no header to name it.
        if not evidence_only:
            reordered = reordered_in_piece(result, schema, task.source_file, reordered,
                                           _line_texts(chunk, schema, lines_before), tail)
            if schema.side_by_side:  # a line of labels at the next piece's top is judged by the rows above it
                tail = last_rows(result.prices_arrow, tail)
        if result.file_problem in _NO_ROWS:
            # A piece without rows (a stretch of blank lines, a first piece of preamble and header
            # alone) says nothing of the file: the file has none only if no piece has any. The
            # first piece's word for it ("empty file", "no data rows") is held until then.
            held = held or (result.file_problem if first else None)
            whole_read = start + len(chunk) >= size
            result.file_problem = held if whole_read and rows_read + result.rows_read == 0 else None
        rows_read += result.rows_read
        yield result
        # Counted as the line index counts them (lines.py): a stray lone \r ends a line too.
        lines_before += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
        start += len(chunk)
        first = False
        if chunk.endswith(b"\x00"):  # cut inside a zero-filled block: its line is reported (nul.py)
            start = _past_nuls(read_at, start, size, piece_bytes)


def _line_texts(chunk: bytes, schema, lines_before: int):
    """The text of a piece's line by its number in the file, as its rejected rows show a line; the
    piece's lines indexed once, when one is asked for (most pieces: none)."""
    from backintime_assets.normalisation.lines import LineIndex, to_utf8

    index = None

    def text_of(line: int) -> str:
        nonlocal index
        if index is None:
            index = LineIndex(to_utf8(chunk, schema.encoding))
        return index.text(line - lines_before - 1)
    return text_of


def _piece_read(chunk: bytes, piece_schema, task: FileTask, first: bool, lines_before: int, whole=None):
    """One piece normalised, its lines numbered in the file."""
    from backintime_assets.normalisation import normalise_bytes

    if whole is not None:
        whole.judged_again()  # a piece read again (cut inside a stacked table's header): only its last read counts
    result = normalise_bytes(chunk, piece_schema, task.source_file, week=task.week, whole=whole)
    if not first:
        result.prices_arrow = _shift_lines(result.prices_arrow, lines_before)
        result.rejected_arrow = _shift_lines(result.rejected_arrow, lines_before)
    return result


def _past_nuls(read_at, start: int, size: int, piece_bytes: int) -> int:
    """Where the run of NUL bytes at `start` ends. A zero-filled block longer than a piece reads on
    (READ_ON_PIECES) for its line end; read as more pieces, each reported its line again, at the
    same line number, and the file seemed to hold more rows than read whole."""
    while start < size:
        more = read_at(start, min(piece_bytes, size - start))
        if not more:
            raise OSError(f"read nothing at byte {start} of {size}")
        rest = more.lstrip(b"\x00")
        start += len(more) - len(rest)
        if rest:
            break
    return start


def _footer_start(read_at, size: int, terminator: bytes, footer_lines: int, tail_bytes: int = 1 << 16) -> int:
    """Byte offset where the schema's last `footer_lines` lines start (`size` without a footer),
    found in the file's last `tail_bytes`; 0 when the footer is longer than that (read whole)."""
    if footer_lines <= 0:
        return size
    at = max(0, size - tail_bytes)
    tail = read_at(at, size - at)
    end = len(tail) - 1 if tail.endswith(terminator) else len(tail)
    for _ in range(footer_lines):
        end = tail.rfind(terminator, 0, end)
        if end < 0:
            return 0
    return at + end + 1


def _last_record_end(chunk: bytes, terminator: bytes, schema, skip_lines: int) -> int:
    """Offset just past the last record of `chunk` known to be complete; 0 when there is none. The
    chunk starts where a record does. A line break inside a quoted cell (a note over two lines)
    ends no record: where the chunk holds a quote, the records are found by the csv module's own
    rules (a quote opens a cell only at its start: `12" pipe` is text, and counting quotes would
    be thrown out by it for the rest of the file), with array operations (record_ends.py), or by
    the csv module itself where those cannot tell. The first `skip_lines` lines (a file's
    preamble and header) are passed over as lines. The last record read may be cut by the
    chunk's end: the piece ends with the one before it."""
    quote = (schema.quotechar or "").encode()
    if len(quote) != 1 or quote not in chunk or len(schema.delimiter) != 1:
        return chunk.rfind(terminator) + 1  # most files: every line break ends a record
    from backintime_assets.normalisation.lines import LineIndex
    from backintime_assets.normalisation.record_ends import record_ends

    index = LineIndex(chunk)  # the same lines as io.StringIO(newline="") gives the reader
    ended = record_ends(index, skip_lines, schema.delimiter, schema.quotechar, schema.escapechar,
                        schema.skipinitialspace)
    if ended is None:
        return _last_record_end_by_csv(chunk, index, schema, skip_lines)
    # Lines of the records before the last one: up to the last record end before the last line.
    breaks = np.flatnonzero(ended[:-1])
    return index.offset(skip_lines + int(breaks[-1]) + 1) if breaks.size else 0


def _last_record_end_by_csv(chunk: bytes, index, schema, skip_lines: int) -> int:
    """_last_record_end by the csv module itself, where record_ends cannot tell (an escape
    character, spaces skipped after a delimiter, a record longer than the csv module reads). At a
    Python object per cell, it takes over ten times as long on a piece of quoted notes."""
    from backintime_assets.detection.dialect import reader_kwargs

    text = chunk[index.offset(skip_lines):].decode("latin-1")  # a character per byte, ASCII kept
    reader = csv.reader(io.StringIO(text, newline=""),
                        **reader_kwargs(schema.delimiter, schema.quotechar, schema.escapechar,
                                        schema.skipinitialspace))
    complete = read = 0  # lines of the records before the last one read, and of all read
    try:
        for _ in reader:
            complete, read = read, reader.line_num
    except csv.Error:
        pass
    return index.offset(skip_lines + complete) if complete else 0


def pieceable(schema) -> bool:
    """Text whose line breaks can be found byte-wise (not UTF-16 or UTF-32) can be read in pieces."""
    encoding = schema.encoding.lower().replace("_", "-")
    return schema.file_format == "csv" and not encoding.startswith(("utf-16", "utf-32"))


def _shift_lines(table: pa.Table, lines_before: int) -> pa.Table:
    at = table.schema.get_field_index("source_line")
    table = table.set_column(at, "source_line", pc.add(table["source_line"], lines_before))
    if "reason" in table.column_names and pc.any(pc.match_substring(table["reason"], _DUPLICATE_OF)).as_py():
        # A duplicate names the line it repeats, numbered in the piece: "of line 1" was line 6881.
        reasons = [None if r is None else _LINE_NAMED.sub(lambda m: f"{m[1]}{int(m[2]) + lines_before}", r)
                   for r in table["reason"].to_pylist()]
        at = table.schema.get_field_index("reason")
        table = table.set_column(at, "reason", pa.array(reasons, pa.string()))
    return table


_DUPLICATE_OF = "duplicate of line "
_LINE_NAMED = re.compile(rf"({_DUPLICATE_OF})(\d+)")


def _tagged(results, tasks: list[FileTask], schemas: list[str | None] | None = None) -> pa.Table:
    """Each file's rows together, in the files' order: its loaded rows, its rejected rows, its
    summary row. That is how the parsed zone keeps a file (kept_groups.py), so a survey's group
    file takes the rows as they come rather than moving every row with a take."""
    priorities = [t.priority for t in tasks]
    # Rejected rows have no trustworthy date: each is filed under its file's home date.
    homes = pa.array([t.home_date for t in tasks], pa.date32())
    sections = []  # (rows of every file, rows per file), the files in the same order in each
    loaded_per_file = np.array([r.prices_arrow.num_rows for r in results])
    if loaded_per_file.sum():  # a part without rows adds nothing but a table build per file
        # Left in chunks: the one copy into a single chunk is made once the files' rows are in place.
        prices = pa.concat_tables([r.prices_arrow for r in results])
        sections.append((_conform(prices, LOADED, {"priority": _repeat(priorities, loaded_per_file)}), loaded_per_file))
    rejected_per_file = np.array([r.rejected_arrow.num_rows for r in results])
    if rejected_per_file.sum():
        rejected = pa.concat_tables([r.rejected_arrow for r in results])
        sections.append((_conform(rejected, REJECTED, {
            "priority": _repeat(priorities, rejected_per_file),
            "date": homes.take(pa.array(np.repeat(np.arange(len(tasks)), rejected_per_file))),
        }), rejected_per_file))
    summary = pa.table({
        "date": homes, "source_file": pa.array([t.source_file for t in tasks], pa.string()),
        "reason": pa.array([r.file_problem for r in results], pa.string()),
        "rows_read": pa.array([r.rows_read for r in results], pa.int64()), "priority": pa.array(priorities, pa.int64()),
        "schema_json": pa.array(schemas or [None] * len(tasks), pa.string()),
    })
    sections.append((_conform(summary, FILE_SUMMARY, {}), np.ones(len(tasks), dtype=np.int64)))
    # One chunk per column: a group's files arrive as a thousand slices, and every later filter,
    # take or sort over a thousand chunks costs several times what it costs over one.
    if len(tasks) == 1 or len(sections) == 1:  # in place already (one file, or summary rows alone)
        return pa.concat_tables([table.combine_chunks() for table, _ in sections])
    # Record batches, not tables: a table's slice and concatenation cost ten times more.
    cut = [(RowSlices(table), np.concatenate([[0], np.cumsum(counts)]).tolist()) for table, counts in sections]
    pieces = [batch for k in range(len(tasks)) for rows, at in cut for batch in rows.slice(at[k], at[k + 1])]
    return pa.Table.from_batches([pa.concat_batches(pieces)])


class RowSlices:
    """A table's rows from `start` to `stop` as slices of its record batches, without a copy (a
    record batch's slice costs a tenth of a table's)."""

    def __init__(self, table: pa.Table):
        self._batches = table.to_batches()
        self._starts = np.cumsum([0] + [b.num_rows for b in self._batches]).tolist()

    def slice(self, start: int, stop: int) -> list[pa.RecordBatch]:
        pieces = []
        k = bisect.bisect_right(self._starts, start) - 1
        while start < stop:
            batch = self._batches[k]
            at = start - self._starts[k]
            rows = min(stop - start, batch.num_rows - at)
            if rows > 0:
                pieces.append(batch.slice(at, rows))
            start += rows
            k += 1
        return pieces


def _repeat(values: list[int], counts) -> pa.Array:
    return pa.array(np.repeat(np.asarray(values, dtype=np.int64), counts), pa.int64())


def _conform(table: pa.Table, status: str, overrides: dict) -> pa.Table:
    n = table.num_rows
    columns = []
    names = set(table.column_names)
    for field in PARSED:
        if field.name == "status":
            columns.append(pa.repeat(pa.scalar(status, pa.string()), n))
        elif field.name in overrides:
            columns.append(overrides[field.name])
        elif field.name in names:
            column = table.column(field.name)
            columns.append(column if column.type == field.type else column.cast(field.type))
        else:
            columns.append(pa.nulls(n, field.type))
    return pa.Table.from_arrays(columns, schema=PARSED)


# A large file's kept rows are written and read this many at a time. Parquet decodes a whole row
# group at once, so the row group, not the piece, bounds what a task holds of a kept file; a
# batch spanning two row groups would hold both.
PARSED_BATCH_ROWS = 1 << 18


def tagged_rows(fs, groups: list[FileGroup], piece_bytes: int):
    """Tagged rows (PARSED) of every file of `groups`: kept rows where the survey kept them
    under the file's schema, else parsed from the text, a group as one text, a large file in pieces."""
    from backintime_assets.ingestion.kept_groups import read_members

    # Small files' rows sit in group files, several of them in one: read them all at once.
    members = [t for g in groups for t in g.tasks if (t.parsed_path or "").endswith(MEMBER_SUFFIX)]
    not_kept: list[FileTask] = []
    yield from read_members(fs, members, not_kept)
    is_member, not_found = {id(t) for t in members}, {id(t) for t in not_kept}
    for group in groups:
        unparsed = []
        for task in group.tasks:
            if id(task) in is_member:
                if id(task) in not_found:
                    unparsed.append(task)
                continue
            kept = _kept_rows(fs, task)
            if kept is None:
                unparsed.append(task)
                continue
            for batch in kept:
                yield from_parsed(pa.Table.from_batches([batch]), task)
        if not unparsed:
            continue
        group = FileGroup(unparsed, group.schema_json)
        if len(group.tasks) == 1 and group.size_bytes > piece_bytes:
            task = group.tasks[0]
            with fs.open_input_file(task.lake_path) as handle:
                yield from parse_in_pieces(reader_at(handle), handle.size(), task, piece_bytes)
            continue
        datas = []
        for task in group.tasks:
            with fs.open_input_file(task.lake_path) as handle:
                datas.append(handle.readall())
        yield parse_group(datas, group)


def _kept_rows(fs, task: FileTask):
    """The file's rows from the parsed zone, a row group at a time (memory bounded as when parsing
    in pieces); None when they were not kept under the task's schema. A conversion holds the
    parsed zone's shared lock (db/manifest.py), so pruning cannot delete them half-way through."""
    if task.parsed_path is None:
        return None
    try:
        reader = pq.ParquetFile(task.parsed_path, filesystem=fs)
    except (OSError, pa.ArrowInvalid):  # gone (pruned, or the zone deleted): parse the text
        return None
    return _by_row_group(reader)


def _by_row_group(reader: pq.ParquetFile):
    # A read per row group: pre-buffering (one coalesced read of a row group rather than one per
    # column, a request each on S3) then holds that row group only. Over the whole file it kept
    # every row group read until the end: a 1 GB archive's kept rows held +450 MB.
    for group in range(reader.num_row_groups):
        yield from reader.iter_batches(batch_size=PARSED_BATCH_ROWS, row_groups=[group])
