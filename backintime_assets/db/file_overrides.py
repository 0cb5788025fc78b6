"""A user's corrections of a whole file rather than of one column (`schema override --day`,
`--ticker`, `--load-refused`, `--decimal-mark`): kept per content in file_overrides with who made them
and when, and applied to the file's final schema (file_schemas.final_schemas), so the conversion reads
the file with them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from backintime_assets.detection.after_arrival import latest_refused
from backintime_assets.detection.nameless import NAMELESS, nameless_problem, unnamed
from backintime_assets.detection.refusals import judged, judgement, leaves_columns_unread, lifts, side_by_side
from backintime_assets.trading_week import DAY_NAMES, MON_FRI, TradingWeek

DAY = "day"  # the date every row of a day's list of tickers with no date column loads under
LOAD_REFUSED = "load_refused"  # detection's judgement the user overruled, as it read then
MARKS = "marks"  # the decimal mark and thousands mark every number of the file is read with (JSON)
TICKER = "ticker"  # the ticker every row of a file with no ticker column loads under
WHO_DATED = "schema override by "  # how a user's day names where it came from (FileSchema.date_from)
WHO_NAMED = WHO_DATED  # and a user's ticker (FileSchema.ticker_from)


class FileOverrideError(ValueError):
    pass


@dataclass(frozen=True)
class FileOverride:
    setting: str
    value: str | None  # None: taken back, the file as detected
    changed_by: str
    changed_at: datetime | None


def stored(conn, sha256s: list[str]) -> dict[str, dict[str, FileOverride]]:
    """sha256 -> setting -> the file's override as stored, those taken back too (who took it back)."""
    found: dict[str, dict[str, FileOverride]] = {}
    for sha, *row in conn.execute(
            "select sha256, setting, value, changed_by, changed_at from file_overrides where sha256 = any(%s) "
            "order by sha256, setting", (list(sha256s),)).fetchall():
        found.setdefault(sha, {})[row[0]] = FileOverride(*row)
    return found


def in_force(conn, sha256s: list[str]) -> dict[str, dict[str, FileOverride]]:
    """stored, without those taken back."""
    return {sha: kept for sha, settings in stored(conn, sha256s).items()
            if (kept := {k: o for k, o in settings.items() if o.value is not None})}


def apply(schema: dict, settings: dict[str, FileOverride]) -> None:
    """A file's overrides on its schema's JSON (with the user's column corrections applied). A day
    dates the rows only of a file with no date column mapped: a column's dates are the rows' own,
    and the conversion reads them (a redetection that maps one is kept back: redetect.py). A
    refusal is lifted only while it is the judgement the user overruled (refusals.judgement): a
    file found binary since, or a list of trades found tickers side by side, is not loaded for it."""
    day = settings.get(DAY)
    if day is not None and not date_columns(schema):
        schema.update(day=day.value, date_from=WHO_DATED + day.changed_by)
        if latest_refused(schema.get("problem")) not in (None, day.value):
            # Refused for the day its title or name gave, after it arrived: the user's day replaces that day, and
            # an engineer's backfill of a day long past loads. Their day is judged as any (ingestion/arrival.py):
            # one past the arrival is refused naming it, and stays so.
            schema["problem"] = None
    # So a ticker names the rows only of a file whose rows name none: a column's tickers are the rows' own.
    ticker = settings.get(TICKER)
    if ticker is not None and not naming_columns(schema):
        schema.update(ticker=ticker.value, ticker_from=WHO_NAMED + ticker.changed_by)
        if judgement(schema.get("problem")) == NAMELESS:  # refused for want of a name: the user's names it
            schema["problem"] = None
    marks = settings.get(MARKS)
    if marks is not None and schema.get("file_format") not in TYPED_NUMBERS:
        # The user's marks read every number: the sample's (or its silence's, decimal_unseen) no longer.
        decimal, thousands = read_marks(marks.value)
        schema.update(decimal=decimal, thousands=thousands)
        schema.pop("decimal_unseen", None)
        schema.pop("marks_guessed", None)
        if ungrouped(marks.value):
            schema["ungrouped"] = ungrouped(marks.value)
    lifted = settings.get(LOAD_REFUSED)
    if lifted is not None and lifts(lifted.value, schema.get("problem")):
        # Lifted, the file's name is said, which detection says only after the judgement (a guessed order,
        # several closes): a site's name for every download ("data.csv") refuses it still (nameless.py),
        # or the rows loaded as ticker DATA unsaid. The user's ticker names them (above).
        named = judgement(lifted.value) == NAMELESS or not unnamed(schema)
        schema["problem"] = None if named else nameless_problem(schema.get("file") or "")
    if settings:
        # A user's correction is the word on the file, as a column's (final_schemas): the
        # conversion must not swap the schema for its own detection.
        schema["borrowed_from"] = None


def refused_for_want_of_a_name(schema: dict) -> bool:
    """Whether a schema is refused for its site's name alone (nameless.py) though a column of it names its rows."""
    return judgement(schema.get("problem")) == NAMELESS and bool(naming_columns(schema))


def date_columns(schema: dict) -> list[str]:
    """The names of the schema's columns mapped to the date."""
    return [c["name"] for c in schema.get("columns", []) if c.get("canonical") == "date"]


def naming_columns(schema: dict) -> list[str]:
    """The names of the schema's columns that name the rows' tickers: one mapped to the ticker, or
    the columns of several tickers side by side (each labelled with its ticker: `series`)."""
    return [c["name"] for c in schema.get("columns", []) if c.get("canonical") == "ticker" or c.get("series")]


def sheets_caveat(schema: dict, joined: str = "; ") -> str:
    """What "every row" of a user's ticker leaves out, joined to the sentence by `joined`: of a
    workbook, the sheets that name their own tickers (by the sheet's name or its header:
    normalisation/sheets.py) keep theirs, the user's standing in for the file's name only; "" else."""
    from backintime_assets.detection.xlsx import WORKBOOK_FORMATS

    return joined + SHEETS_KEEP_THEIRS if schema.get("file_format") in WORKBOOK_FORMATS else ""


SHEETS_KEEP_THEIRS = "but of several sheets, one that names its own ticker (by its name or its header) keeps it"


def clean_ticker(symbol: str) -> str:
    """A user's ticker as the rows will carry it, cleaned as a ticker cell is (normalise.series_ticker):
    trimmed, in capitals, as the file-name rule writes one too. Refused when unusable: empty, a line
    break or other control character in it (a ticker is a label of one line), or a word a ticker
    cell reads as missing ("N/A", "NULL")."""
    import pyarrow as pa  # only when needed: the CLI's other commands do not load it

    from backintime_assets.normalisation.parse import TICKER_NULLS, parse_strings

    if any(ord(c) < 32 or ord(c) == 127 for c in symbol.strip()):
        raise FileOverrideError(f"the ticker {symbol!r} holds a line break or other control character")
    cleaned = parse_strings(pa.array([symbol], pa.string()), upper=True, nulls=TICKER_NULLS)
    if cleaned.missing[0]:
        raise FileOverrideError(f"the ticker {symbol!r} is empty or reads as a missing value, not a symbol")
    return cleaned.words[cleaned.codes[0]]


def set_ticker(conn, sha256: str, final: dict, symbol: str | None, changed_by: str) -> str | None:
    """Name every row of the file (its final schema: `final`) `symbol`, in place of the file's name
    or the ticker its header names; None: take the user's ticker back. Returns the ticker stored."""
    if not changed_by:
        raise FileOverrideError("say who changes the schema (--by)")
    name = final.get("file") or sha256
    if symbol is None:
        if TICKER not in in_force(conn, [sha256]).get(sha256, {}):
            raise FileOverrideError(f"{name}: no ticker of a user's to take back: its rows are named as detected")
        _store(conn, [sha256], TICKER, None, changed_by)
        return None
    cleaned = clean_ticker(symbol)
    columns = final.get("columns", [])
    # The final schema's problem: of tickers side by side whose refusal the user lifted, having
    # said the other columns feed nothing (set_load_refused), the rows are one ticker's.
    problem = final.get("problem")
    if any(c.get("series") for c in columns) or side_by_side(problem):
        raise FileOverrideError(
            f"{name} holds several tickers side by side: one ticker for every row would load them all as "
            "one security's. Save each ticker's columns as a file of its own (or, if the other columns feed "
            "nothing, say so with --column C --mapping none and load it with --load-refused first)")
    if final.get("stacked_tickers"):
        # Tables one below the other, each under its own header's ticker (the survey read them all:
        # normalisation/stacked_tables.py): one ticker for every row would load them all as one's.
        raise FileOverrideError(
            f"{name} holds tables of several tickers one below the other ({final['stacked_tickers']}), each "
            "under its own header's ticker, and loads each table's rows under it: one ticker for every row "
            "would load them all as one security's. Save each table as a file of its own")
    named = [c["name"] for c in columns if c.get("canonical") == "ticker"]
    if named:
        raise FileOverrideError(
            f"{name} has a ticker column ({', '.join(named)}): its rows are named by it. A ticker is for a file "
            f"of one security with no ticker column (if that column holds no tickers: --column {named[0]!r} "
            "--mapping none first)")
    if problem is not None and not judged(problem):
        raise FileOverrideError(f"{name} has no rows to name: {problem}")
    _store(conn, [sha256], TICKER, cleaned, changed_by)
    return cleaned


def set_day(conn, sha256: str, final: dict, day: date | None, changed_by: str, week: TradingWeek = MON_FRI) -> None:
    """Date every row of the file (its final schema: `final`) `day`; None: take the user's day back,
    the date as detection took it from the title or name, or none. `week`: the deployment's trading week."""
    if not changed_by:
        raise FileOverrideError("say who changes the schema (--by)")
    name = final.get("file") or sha256
    if day is None:
        if DAY not in in_force(conn, [sha256]).get(sha256, {}):
            raise FileOverrideError(f"{name}: no day of a user's to take back: its date is as detected")
    else:
        if not week.is_trading_day(day):
            # Its every row would be rejected for its date (normalisation/rules.py): say so now,
            # rather than that every row is dated so.
            raise FileOverrideError(
                f"{day:%Y-%m-%d} is a {DAY_NAMES[day.weekday()]}: trade dates are {week.label} "
                f"(BACKINTIME_TRADING_WEEK={week.spec}), and rows dated on another day are rejected")
        dated = date_columns(final)
        if dated:
            raise FileOverrideError(
                f"{name} has a date column ({', '.join(dated)}): its rows are dated by it. A day is for a list of "
                f"tickers with no date column (if that column holds no trade dates: --column {dated[0]!r} "
                "--mapping none first)")
        problem = _detected_problem(conn, sha256)
        if problem is not None and not judged(problem):
            raise FileOverrideError(f"{name} has nothing to date: {problem}")
    _store(conn, [sha256], DAY, day.isoformat() if day else None, changed_by)


def set_load_refused(conn, sha256: str, targets: list[str], load: bool, changed_by: str) -> list[str]:
    """Load the files detection refused by a judgement (`load`), or refuse them again. `sha256`: the
    file the user named, which must be so refused (or, to refuse again, so loaded); of `targets`
    (the files of its layout, or it alone) those that are. Returns them."""
    if not changed_by:
        raise FileOverrideError("say who changes the schema (--by)")
    problems = _detected_problems(conn, targets)
    name = conn.execute("select source_path from file_layouts where sha256 = %s", (sha256,)).fetchone()
    name = name[0] if name else sha256
    if load:
        problem = problems.get(sha256)
        if problem is None:
            raise FileOverrideError(f"{name} is not refused as a whole: nothing to load anyway (a column is "
                                    "corrected with --column and --type, --format, --mapping, --multiplier)")
        if not judged(problem):
            raise FileOverrideError(f"{name} is refused for what it is, not by a judgement a user may overrule: "
                                    f"{problem}")
        lost = _unsaid(conn, [sha for sha in targets if leaves_columns_unread(problems.get(sha))])
        if lost.get(sha256) and not side_by_side(problem):
            raise FileOverrideError(
                f"{name} holds several closes of one instrument: loaded as it is, detection's pick of them would "
                f"load as the day's close and columns {', '.join(lost[sha256])} be dropped without a word. Say "
                "which is the day's close (--column C --mapping close) and what the others are (--mapping none)")
        if lost.get(sha256):
            raise FileOverrideError(
                f"{name} holds several tickers' prices on a line: loaded as it is, the first's would load under "
                f"the file's name, and columns {', '.join(lost[sha256])}, another's perhaps, be dropped without a "
                "word or loaded as the first's. Save each ticker's columns as a file of its own; or say first what "
                "each of them is (--column C --mapping none, or the field it holds of this file's ticker)")
        chosen = [sha for sha in targets if judged(problems.get(sha)) and not lost.get(sha)]
    else:
        loaded = in_force(conn, targets)
        if LOAD_REFUSED not in loaded.get(sha256, {}):
            raise FileOverrideError(f"{name} is not loaded against detection's refusal: nothing to take back")
        chosen = [sha for sha in targets if LOAD_REFUSED in loaded.get(sha, {})]
    for sha in chosen:
        _store(conn, [sha], LOAD_REFUSED, problems[sha] if load else None, changed_by)
    return chosen


# The marks a user may name (`--decimal-mark`, `--thousands`); a blank as it is written in the file:
# U+0020, or the no-break space of a French or Russian export (a file's space reads no no-break one).
DECIMAL_MARKS = (".", ",")
THOUSANDS_MARKS = {",": ",", ".": ".", "space": " ", "nbsp": "\u00a0", "'": "'", "apostrophe": "'", "none": None}
# Workbooks whose numbers are typed cells, read as the numbers they are whatever the marks (an HTML
# page's are text, read with them): a user's marks would change nothing but their few text cells.
TYPED_NUMBERS = frozenset({"xlsx", "xls", "xlsb", "ods", "xmlss"})


def marks_value(decimal: str, thousands: str | None, ungrouped: list[str] | None = None) -> str:
    """The stored value of a user's marks; `ungrouped`: carried to a version whose numbers in these columns
    group thousands where none of those they were said of did, which read so are rejected
    (FileSchema.ungrouped)."""
    marks = {"decimal": decimal, "thousands": thousands} | ({"ungrouped": list(ungrouped)} if ungrouped else {})
    return json.dumps(marks, ensure_ascii=False)


def ungrouped_said(columns: list[str]) -> str:
    """What `schema show` and a carry say of marks that reject numbers read as grouped (marks_value)."""
    return (f"a number of {', '.join(columns)} they read as grouping thousands, written as another locale writes a "
            "decimal ('1,510'), is rejected: none of those they were said of grouped (carried to a version of the "
            "file that does)")


def ungrouped(value: str) -> list[str] | None:
    """The columns whose numbers stored marks reject where they read them as grouped (marks_value), or None."""
    return json.loads(value).get("ungrouped") or None


def read_marks(value: str) -> tuple[str, str | None]:
    marks = json.loads(value)
    return marks["decimal"], marks["thousands"]


def marks_label(decimal: str, thousands: str | None) -> str:
    """The marks as the user is told them: "decimal mark ',' and thousands mark '.'"."""
    named = {" ": "a space", "\u00a0": "a no-break space"}
    return f"decimal mark {decimal!r} and " + (
        f"thousands mark {named.get(thousands, repr(thousands))}" if thousands else "no thousands mark")


def marks_problem(final: dict, decimal: str, thousands: str | None) -> str | None:
    """Why the file (its final schema: `final`) cannot be read with these marks, or None. Pure."""
    name = final.get("file") or "the file"
    if decimal not in DECIMAL_MARKS or thousands not in THOUSANDS_MARKS.values():
        return f"marks not known: decimal {decimal!r}, thousands {thousands!r}"
    if decimal == thousands:
        return (f"the decimal mark and the thousands mark are both {decimal!r}: '1{decimal}500' would be "
                "1.5 and 1500 at once")
    if final.get("file_format") in TYPED_NUMBERS:
        return (f"{name} is a workbook ({final['file_format']}): its numbers are typed cells, read as the numbers "
                "they are, with no mark to read them: the marks would change nothing")
    delimiter, quote = final.get("delimiter"), final.get("quotechar")
    for role, mark in (("decimal", decimal), ("thousands", thousands)):
        if mark is not None and mark == delimiter and quote is None:
            # Its unquoted numbers would be cut in two fields: read so, detection would have seen it.
            return (f"{name} separates its fields with {mark!r} and quotes none: a number written with a "
                    f"{role} mark {mark!r} would be two fields")
    return None


def set_marks(conn, sha256: str, targets: list[str], finals: dict[str, dict],
              marks: tuple[str, str | None] | None, changed_by: str) -> list[str]:
    """Read every number of the file named (`sha256`), or of each of `targets` (its layout's files,
    or it alone), with `marks` (decimal, thousands) in place of detection's; None: take the user's
    marks back. `finals`: the files' final schemas. Of a layout, a workbook is left out (its numbers
    are typed). Returns the files changed."""
    if not changed_by:
        raise FileOverrideError("say who changes the schema (--by)")
    final = finals.get(sha256) or {}
    if marks is None:
        held = in_force(conn, targets)
        chosen = [sha for sha in targets if MARKS in held.get(sha, {})]
        # Of a layout, those of its files that hold them: a file of it migrated since the layout's marks
        # were said holds none, and named, had refused to take back its older files'.
        if not chosen:
            raise FileOverrideError(f"{final.get('file') or sha256}: no marks of a user's to take back: its "
                                    "numbers are read with the marks detected" + (
                                        ", as are its layout's" if len(targets) > 1 else ""))
    else:
        problem = marks_problem(final, *marks)
        if problem:
            raise FileOverrideError(problem)
        # Another file of the layout that cannot take them (a workbook) keeps detection's.
        chosen = [sha for sha in targets if sha in finals and not marks_problem(finals[sha], *marks)]
    _store(conn, chosen, MARKS, marks_value(*marks) if marks else None, changed_by)
    return chosen


def _unsaid(conn, sha256s: list[str]) -> dict[str, list[str]]:
    """sha256 -> the names of the file's columns, from the first detection left unmapped on, that
    carry no user's word. Of tickers side by side (canonical.tickers_side_by_side) detection maps the
    first of each name: the first it leaves unmapped starts another ticker's columns, whose values a
    file loaded as one ticker's would drop without a word, or load as this one's where their name
    was not taken (a volume only the second ticker has). A user's mapping, "none" too, says what each is."""
    found: dict[str, list[str]] = {}
    for sha, name in conn.execute(
            """select sha256, column_name from (
                   select sha256, column_index, column_name, changed_by, min(column_index) filter (
                       where detected_mapping is null) over (partition by sha256) as others_from
                   from file_schemas where sha256 = any(%s)) c
               where column_index >= others_from and changed_by is null order by sha256, column_index""",
            (list(sha256s),)).fetchall():
        found.setdefault(sha, []).append(name)
    return found


def _detected_problem(conn, sha256: str) -> str | None:
    return _detected_problems(conn, [sha256]).get(sha256)


def _detected_problems(conn, sha256s: list[str]) -> dict[str, str]:
    """sha256 -> the problem of the file's stored detection, of the files that have one."""
    return dict(conn.execute("select sha256, dialect ->> 'problem' from file_layouts where sha256 = any(%s) "
                             "and dialect ->> 'problem' is not null", (list(sha256s),)).fetchall())


def _store(conn, sha256s: list[str], setting: str, value: str | None, changed_by: str) -> None:
    conn.cursor().executemany(
        """insert into file_overrides (sha256, setting, value, changed_by) values (%s, %s, %s, %s)
           on conflict (sha256, setting) do update set value = excluded.value, changed_by = excluded.changed_by,
               changed_at = now()""",
        [(sha, setting, value, changed_by) for sha in sha256s])


def version_rows(conn, sha256s: list[str]) -> list[list]:
    """What of the files' overrides a schema version digests: the settings in force, in order."""
    return [[sha, setting, o.value] for sha, settings in sorted(in_force(conn, sha256s).items())
            for setting, o in sorted(settings.items())]


def store_carried(conn, sha256: str, carried: list[FileOverride]) -> None:
    """Overrides carried to a new version of a file (ingestion/carry.py) as they were made, when and by whom
    (their changed_by marked carried). A new content holds none of its own; one that did keeps it."""
    conn.cursor().executemany(
        """insert into file_overrides (sha256, setting, value, changed_by, changed_at)
           values (%s, %s, %s, %s, coalesce(%s, now())) on conflict (sha256, setting) do nothing""",
        [(sha256, o.setting, o.value, o.changed_by, o.changed_at) for o in carried])
