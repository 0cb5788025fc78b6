"""A column that declares the bars' period: Finam's and Stooq's exports carry one ("<PER>": D for
daily bars, W weekly, M monthly; minutes as numbers), as do other tools' ("Period", "Interval",
"Timeframe"). Weekly or monthly bars are dated on their period's first (or last) day: loaded as
that day's prices, a month's high and close would stand for one day's, and a backtest would trade
on prices the day had not seen. The file is refused with what it holds; intraday bars need no word
here (normalisation rejects each, its date at several times), unless each day holds one (an hour's
open and close would stand as the day's): declared and stamped at an hour, they are refused too.
Bars no column declares are told by their dates' steps: a week, a month, a quarter or a year from
row to row, or whole ones where some are missing (Yahoo's weekly and monthly downloads, yearly
averages), each ticker's apart, unless they are closes alone, each on its period's last day (a
fund's weekly NAV, month-end closes): those are their days' prices, unless the close's name says it
averages them ("Avg Close", "Average Closing Price": a year's mean dated 31 December) or the date's
or the price's name names the period ("Week Ending,Price": EIA's weekly means). One ticker's
weeks or months beside another's days (two downloads pasted into one file) refuse the file too,
naming that ticker: judged together, its weeks loaded as days."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Collection, Sequence
from datetime import date

from .canonical import names_time_of_day, norm_name, whole_name
from .cell_days import days_of, reads_days
from .epoch_days import utc_stamp
from .numbers import NULL_TOKENS

# Names of a period column, brackets and case aside ("<PER>", "Period").
_NAMES = frozenset({"per", "period", "periodicity", "interval", "timeframe", "tf", "frequency", "freq"})
# Codes of periods longer than a day. Not "1M" (a minute or a month, by tool) nor MetaTrader's
# "M1" (one minute): only spellings no tool uses for minutes.
_PERIODS = {
    **dict.fromkeys(("w", "w1", "wk", "1w", "week", "weekly"), "weekly"),
    **dict.fromkeys(("m", "mn", "mn1", "mo", "1mo", "month", "monthly"), "monthly"),
    **dict.fromkeys(("q", "quarter", "quarterly"), "quarterly"),
    **dict.fromkeys(("y", "a", "year", "yearly", "annual"), "yearly"),
}
# Codes of bars shorter than a day: Finam's and Stooq's minutes as numbers (5, 60), MetaTrader's
# hours and minutes (H1, M15). Not "M1" nor "1M" (a minute or a month, by tool), nor "1" (a minute
# to Finam, one day or one unit of another tool's own to others).
_INTRADAY = frozenset({"h1", "h2", "h3", "h4", "h6", "h8", "h12", "m2", "m3", "m5", "m10", "m15", "m30",
                       "1h", "2h", "4h", "hourly", "5min", "10min", "15min", "30min", "60min"})
# Minutes a bar lasts as tools offer them (Finam's, MetaTrader's, TradingView's), 2 to 720: no
# indicator's window a daily export writes beside its bars (14, an RSI's; 9, 26, 50, 200), which
# refused a daily file stamped at its close (a US epoch at 21:00 UTC) as one intraday bar a day.
_MINUTES_A_BAR = frozenset({2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720})
_ROWS = 200  # sampled rows looked at
_EVERY_ROW = 0.9  # share of them that must hold the code (a damaged row or two may lack it)
# Every problem this module names holds it: a judgement a user may overrule (refusals.py), each row
# rejected with it meanwhile.
LONGER_BARS = ", not daily prices: "
# How each such problem opens, up to LONGER_BARS: what the rows are (this module's bars, values and averages,
# day_spans.py's and time_spans.py's spans). Told by its opening, not by LONGER_BARS anywhere in a problem: another
# problem naming a column or a file whose name holds those words (a reference list's "Issued, not daily prices:
# first day") is not this judgement (refusals.judgement).
_OPENING = re.compile(r"(?:(?:weekly|monthly|quarterly|yearly) (?:bars|values|averages)|intraday (?:bars?|prices)"
                      r"|prices over spans of days|prices of days from \d{1,2}:\d{2}(?::\d{2})?)"
                      + re.escape(LONGER_BARS))


def longer_bars(problem: str | None) -> bool:
    """Whether a problem is one of bars longer (or, one a day, shorter) than a day, as this module, day_spans.py
    or time_spans.py wrote it: opening with what the rows are, then LONGER_BARS."""
    return problem is not None and _OPENING.match(problem) is not None


def bar_period_problem(names: Sequence[str], body: Sequence[Sequence[str]],
                       canonical: Sequence[str | None] = ()) -> str | None:
    """The file's problem when a column named as a period holds one period longer than a day on
    every sampled row ("<PER>" M), or one shorter than a day on rows each its ticker's only one of
    its date and stamped at an hour ("<PER>" 60, <TIME> 110000, one hourly bar a day), else None.
    `canonical`: the columns' roles (the date's and the ticker's)."""
    rows = body[:_ROWS]
    for j, name in enumerate(names):
        if name.strip().strip("<>").strip().lower() not in _NAMES:
            continue
        cells = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        values = {c.lower() for c in cells}
        # On (nearly) every row, as an export writes its bars' period: a column that marks a few
        # rows ("M" on a daily file's month ends) declares no period of the file's bars, and read as
        # one, it refused the whole file ("M on every row").
        if len(values) != 1 or len(cells) < _EVERY_ROW * len(rows):
            continue
        code = cells[0]
        if period := _PERIODS.get(code.lower()):
            span = {"weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year"}[period]
            return (f"{period} bars{LONGER_BARS}{name.strip()} is {code} on every row: each row holds a {span}'s "
                    "open, high, low and close under one day's date; export daily bars")
        if _intraday(code) and _at_an_hour(names, rows, canonical) and _one_row_a_day(rows, canonical):
            # Several bars of a day are rejected row by row (normalisation: "intraday bar"). One bar
            # a day (a thin stock's only traded hour, a log of the 10:00 bar) loaded as the day's:
            # an hour's open and close stood as the day's, and nothing said so. Only bars stamped
            # at an hour: a number (or "H1") under "Period" is as often no bar's length (a rolling
            # window of 20, a fiscal month 5, a bond's 182 days, a half-year), and refused, a
            # daily file loaded nothing.
            return (f"intraday bars{LONGER_BARS}{name.strip()} is {code} on every row, one bar a day: each row "
                    "holds part of a day's trading (its open, high, low and close), not the day's; export daily bars")
    return None


def lone_bar_problem(names: Sequence[str], body: Sequence[Sequence[str]],
                     canonical: Sequence[str | None] = ()) -> str | None:
    """The problem of a table of one row stamped at a minute no day's bar is stamped at ("2024-01-05
    14:31:00", or 14:31 in a time column): a minute's bar, an excerpt of an intraday file. Several bars of
    a day are rejected row by row (normalisation: "intraday bar"); one row a day at one time is a daily
    file stamped at its close or its open, and a file of one such row (a folder of a bar a file, each
    stamped at its session's 15:00 or 23:00 UTC: ingestion/sibling_east.py) is a day's bar too. Sessions
    open and close on a five minutes' mark (09:15, 16:35, 17:30), or are stamped with the last minute
    before one, the end of the day or of a session written as its last second (a coin's day's 23:59:59,
    CoinMarketCap's "23:59:59.999Z", Moscow's 18:39:59): each had been refused as a minute's bar. A lone
    row off them shows no daily time and loaded as the day's open, high, low and close, a minute's stood
    for the day's. None otherwise."""
    if len(body) != 1 or not {"date", "close"} <= set(canonical):  # (no close: its own reason, normalise.py)
        return None
    minute = _minute_of_day(names, body[0], canonical)
    if minute is None or minute % _DAILY_MARK == 0 or (minute + 1) % _DAILY_MARK == 0:
        return None
    day = body[0][canonical.index("date")].strip() if canonical.index("date") < len(body[0]) else ""
    timed = [body[0][j].strip() for j, name in enumerate(names) if names_time_of_day(name) and j < len(body[0])]
    stamp = " ".join([day, *timed])
    return (f"intraday bar{LONGER_BARS}the file's one row is stamped at {minute // 60:02d}:{minute % 60:02d} "
            f"({stamp}), a minute no session opens or closes at: a bar of part of a day, not the day's open, "
            "high, low and close; export daily bars, or write the date alone")


_DAILY_MARK = 5  # minutes: a day's bar is stamped on a multiple of them (lone_bar_problem)


def _minute_of_day(names: Sequence[str], row: Sequence[str], canonical: Sequence[str | None]) -> int | None:
    """The minute of the day a row is stamped at (its time column's, or its date's: written after the
    day, or an instant's in UTC), None where it writes none."""
    for j, name in enumerate(names):
        if names_time_of_day(name) and j < len(row) and (m := _TIME_ALONE.fullmatch(row[j].strip())):
            return int(m[1]) * 60 + int(m[2])
    j = canonical.index("date")
    cell = row[j].strip() if j < len(row) else ""
    if (at := utc_stamp(cell)) is not None:
        return at % 86400 // 60
    if m := _TIME_AFTER_DATE.search(cell):
        hour, marked = int(m[1]), m[0].rstrip().lower().replace(".", "")
        if marked.endswith(("am", "pm")):
            hour = hour % 12 + (12 if marked.endswith("pm") else 0)
        return hour * 60 + int(m[2])
    return None


def _intraday(code: str) -> bool:
    c = code.lower()
    return c in _INTRADAY or (c.isdigit() and int(c) in _MINUTES_A_BAR)


# A time of day written after a date ("2017-11-20 10:00", "2017-11-20T10:00:00+03:00") or alone
# ("100000", "10:00"): its hour and minutes.
_TIME_AFTER_DATE = re.compile(r"[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?=$|[\sZz+-])", re.I)
_TIME_ALONE = re.compile(r"(\d{1,2}):?(\d{2})(?::?\d{2}(?:\.\d+)?)?")


def _at_an_hour(names: Sequence[str], rows: Sequence[Sequence[str]], canonical: Sequence[str | None]) -> bool:
    """Whether a sampled row's bar is stamped at a time of day other than midnight, in a column
    named as the time (Finam's <TIME> 110000) or after the date's day: an intraday bar is. So is
    an instant in UTC (an epoch, text ending "Z") but at UTC midnight: an epoch's hour was not
    looked at (hourly bars under "Period" 60 loaded as days). Daily bars stamped the evening before
    their session east of UTC (an ASX session's open, 23:00 UTC) are not told apart by their stamps
    (epoch_days.py) from one hourly bar a day of a market open then (a coin's 14:00 bar, FX's 22:00,
    Sunday evenings and all, loaded as days): the period's code tells (_MINUTES_A_BAR)."""
    timed = [j for j, name in enumerate(names) if names_time_of_day(name)]
    dated = [j for j, role in enumerate(canonical) if role == "date"]
    for row in rows:
        for j in timed:
            if j < len(row) and (m := _TIME_ALONE.fullmatch(row[j].strip())) and int(m[1] + m[2]):
                return True
        for j in dated:
            cell = row[j].strip() if j < len(row) else ""
            if (at := utc_stamp(cell)) is not None:
                if at % 86400:
                    return True
            elif (m := _TIME_AFTER_DATE.search(cell)) and int(m[1] + m[2]):
                return True
    return False


def _one_row_a_day(rows: Sequence[Sequence[str]], canonical: Sequence[str | None]) -> bool:
    """Whether no (ticker, day) of the sampled rows repeats: no day holds several of the bars. A
    date's time is no part of its day: "2017-11-20 10:00" and "2017-11-20 11:00" are one day's."""
    keys = [j for j, role in enumerate(canonical) if role in ("date", "ticker")]
    if "date" not in canonical:
        return False
    day = canonical.index("date")
    seen = [tuple("" if j >= len(r) else _TIME_AFTER_DATE.sub("", r[j].strip()) if j == day else r[j].strip()
                  for j in keys) for r in rows]
    return len(set(seen)) == len(seen)


# Steps in days between a file's dates that make its bars longer than a day: weekly bars are dated
# a week apart (a holiday Monday moves one by a day), monthly ones on the 1st or the first trading
# day (27 to 35 days), quarterly and yearly ones alike. A daily file steps 1 to 4 days; a thinly
# traded ticker's days are further apart, but not a week to the day, or a month, on nearly every step.
# Longest first: a step of whole quarters is also one of whole months.
_STEPS = (("yearly", "year", 350, 380), ("quarterly", "quarter", 85, 97), ("monthly", "month", 27, 35),
          ("weekly", "week", 6, 8))
# A period's bars with some missing (a month no one wrote down, a holiday week) step whole periods:
# k weeks to the day, or k months (3k, 12k) from a day of a month to the same day, the same start
# or the same end of another. Months a period holds.
_MONTHS = {"yearly": 12, "quarterly": 3, "monthly": 1}
_LEAST_STEPS = 5  # fewer dates tell no period: a few hand-kept rows may be that sparse by chance
# Dates a first look reads: a daily file's head settles it (most files), with no strptime of the
# whole sample on every file. Several tickers' rows of a few days leave it too few steps: read on.
_FIRST_LOOK = 12
# A period's bar is its own whatever day it is dated on: a week's open, high, low or volume stand
# for none of its days. A close alone is the price of the day it is dated on when that day ends
# the period: a fund's Friday NAV, a month's last close (Yahoo's weekly bars are dated Mondays and
# its monthly ones the 1st, their closes a week's or a month's later; yearly averages 30 June).
_BAR_FIELDS = frozenset({"open", "high", "low", "volume"})
_MONTH_END = 5  # a month's last trading day is among its last five (a holiday beside a weekend)
_MONTH_START = 5  # and its first among its first five (New Year's Day beside a weekend: the 4th)
_PERIOD_MONTHS = {"monthly": range(1, 13), "quarterly": (3, 6, 9, 12), "yearly": (12,)}


def spaced_bars_problem(name: str, fmt: str | None, cells: Sequence[str], mapped: Collection[str | None],
                        tickers: Sequence[str] | None = None, close: str = "",
                        holds_bars: Callable[[str], bool] | None = None, order_guessed: bool = False) -> str | None:
    """The file's problem when the sampled dates (`cells` of the date column `name`, in strptime
    format `fmt`) step a week, a month, a quarter or a year apart, or whole ones, on (nearly) every
    step, else None. None as well for closes each dated on their period's last day (no `mapped`
    column holds a bar's open, high, low or volume): every one is its day's price. A week's close
    dated on another day than its first (a log kept on Wednesdays) is its day's as well: weekly bars
    are dated on the week's first day or its last. Days repeated (several tickers' rows of a day)
    are one date. With `tickers` (the ticker column's cells, row for row), each ticker's dates are
    judged on their own: tickers dated on different weekdays, pooled, step a day or two. Serial and
    epoch dates are read too: Yahoo's chart API stamps its weekly bars as epochs. `close`: the name
    of the column mapped to the close. `holds_bars(ticker)`: whether that ticker's rows hold an
    open, high, low or volume (ticker_holds_bars), asked of a ticker stepping a period beside
    another's days only. `order_guessed`: the dates' day/month order is a guess (dates.GUESSED_ORDER_CERTAINTY):
    a few months' firsts so read are no monthly bars for it (few_months_firsts)."""
    if not reads_days(fmt):
        return None
    cells, tickers = _sampled(cells, tickers)
    distinct = len(set(map(str.strip, cells)))
    if distinct <= _FEWEST_STEPS:
        # A daily file's one date on each of its rows (most files): two dates step once at most, which
        # _few_bars, _few_bars_of_tickers and _month_firsts_problem each find too few. Settled here, before
        # every row's ticker is stripped and grouped and the dates read again (~2% of detecting such a file).
        return None
    if distinct <= _LEAST_STEPS:
        # Too few dates in all to step a period by the steps' majority, for any ticker or all pooled:
        # a daily file's one date on each of its rows (most files), settled here before its tickers
        # are grouped. A few bars of one ticker stepping exactly a period tell it (_few_bars).
        if tickers and len({t.strip() for t in tickers}) > 1:
            problem = _few_bars_of_tickers(name, fmt, cells, tickers, mapped, holds_bars)
        else:
            problem = _few_bars(name, fmt, cells, mapped)
        return problem or (None if order_guessed else _month_firsts_problem(name, fmt, cells))
    # One ticker's rows (or the file's only): their head settles most files. Several tickers' each
    # judged alone, the head of each first: one ticker's days say nothing of the next one's bars.
    several = bool(tickers) and len({t.strip() for t in tickers}) > 1
    if not several and len(cells) > _FIRST_LOOK:
        first = days_of(cells[:_FIRST_LOOK], fmt)
        if len(first) > _LEAST_STEPS and _period(first) is None:
            return None
    series = _by_ticker(cells, tickers) if several else [("", cells)]
    found = None
    ends = True
    daily = False  # a ticker's days beside the others' periods
    pooled = False  # a ticker's few dates off its period's grid: all judged as one
    bars: list[tuple[str, tuple[str, str], list[int]]] = []  # (ticker, its period, its days)
    judged: set[frozenset[str]] = set()  # tickers of the same dates (rows of a day) are judged once
    for ticker, own in series:
        if several:
            if (dates := frozenset(c.strip() for c in own)) in judged:
                continue
            judged.add(dates)
        if len(own) > _FIRST_LOOK and len(first := days_of(own[:_FIRST_LOOK], fmt)) > _LEAST_STEPS \
                and _period(first) is None and sum(s < 6 for s in _steps(first)) > 1:
            daily = True  # a daily ticker's head settles it, its other dates unread
            continue
        days = days_of(own, fmt)
        if len(days) <= _LEAST_STEPS:
            continue  # too few of a ticker's dates to tell: the others tell
        if (period := _period(days)) is None:
            # One ticker's few dates off its period's grid (a listing's first week dated on its day)
            # are diluted among all the file's: those stepping a period, as every ticker's bars do,
            # still refuse it. Let by, each ticker's weeks loaded as days. Not read when the pool
            # cannot: each of its short steps (a day's) is one of theirs, and they are too many.
            short = sum(s < 6 for s in _steps(days))
            if len(own) == len(cells):  # all pooled (no ticker had enough alone): each one's few bars judged
                return _few_bars_of_tickers(name, fmt, cells, tickers, mapped, holds_bars) if several else None
            if short > (1 - _EVERY_ROW) * (len({c.strip() for c in cells}) - 1):
                daily = True  # this ticker's days: the others' are judged on
                continue
            # Judged pooled unless another ticker's days are found: read on (a ticker of a few days
            # in the head, judged pooled at once, left a later ticker's weeks unread, loaded as days).
            pooled = True
            continue
        found = found or period
        ends = ends and _at_period_ends(period[0], days)
        bars.append((ticker, period, days))
    if daily:
        return _beside_days(name, bars, mapped, close, holds_bars)
    if pooled:
        return _pooled_problem(name, fmt, cells, mapped, close)
    if found is None and several and series == [("", cells)]:
        # No ticker with enough dates to step a period by their majority, nor all pooled (tickers dated
        # on different weekdays): each one's few bars are judged as one ticker's are.
        return _few_bars_of_tickers(name, fmt, cells, tickers, mapped, holds_bars)
    return _problem(name, found, ends, mapped, close)


def _sampled(cells: Sequence[str], tickers: Sequence[str] | None) -> tuple[Sequence[str], Sequence[str] | None]:
    """The dates (and their tickers) spaced_bars_problem looks at: the sample's head, and its tail as well
    where a long file's tickers come one after another (the last ones out of its head: a daily ticker's
    years, then another's weeks)."""
    if tickers and len(cells) > 2 * _ROWS and len(tickers) == len(cells):
        return [*cells[:_ROWS], *cells[-_ROWS:]], [*tickers[:_ROWS], *tickers[-_ROWS:]]
    return cells[:_ROWS], tickers


def few_months_firsts(fmt: str | None, cells: Sequence[str], tickers: Sequence[str] | None = None) -> bool:
    """Whether the sampled dates are a few months' firsts, one of them a day no exchange trades
    (_month_firsts_problem), and no more than spaced_bars_problem asks that of. Their day/month order a
    guess, they are as well a few days of January read the other way ("06/01/2024" to "08/01/2024": 1 June
    to 1 August, or 6 to 8 January, a day-first office's weekend among them): refused as monthly bars, the
    file was no longer one its siblings settle (ingestion/sibling_order.py), and a day-first office's days,
    loaded right before, were refused. Refused for the order instead (detect.py), siblings settle it."""
    if not reads_days(fmt):
        return False
    cells, _ = _sampled(cells, tickers)
    return len(set(map(str.strip, cells))) <= _LEAST_STEPS and _month_firsts_problem("", fmt, cells) is not None


# Bars enough to tell a period by their steps alone, each exactly one: a week to the day, or a
# month (a quarter, a year) from a day of a month to the same day or the same start or end of the
# next, every one of them. A daily file's rows step 1 to 4 days, holidays and all.
_FEWEST_STEPS = 2


def _few_bars(name: str, fmt: str, cells: Sequence[str], mapped: Collection[str | None]) -> str | None:
    """The problem of one ticker's 3 to 6 bars (an open, a high and a low beside the close) stepping
    exactly one period each, dated on their periods' first or last days, else None. Below the least
    steps _period reads (_LEAST_STEPS), a short download of weeks or months (Yahoo's weekly bars of
    a month) had loaded each week's high and low as its Monday's."""
    if not {"open", "high", "low"} <= set(mapped):
        return None  # closes alone: a fund's weekly NAV is its days' price
    days = days_of(cells, fmt)
    steps = _steps(days)
    if len(steps) < _FEWEST_STEPS:
        return None
    dates = [date.fromordinal(d) for d in days]
    for period, span, least, most in _STEPS:
        if period == "weekly":
            exact = all(s == 7 for s in steps)
        else:
            exact = all(least <= s <= most and _whole_months(a, b, _MONTHS[period])
                        for s, a, b in zip(steps, dates, dates[1:]))
        if exact and _at_period_bounds(period, days):
            return _problem(name, (period, span), _at_period_ends(period, days), mapped, "")
    return None


def _month_firsts_problem(name: str, fmt: str, cells: Sequence[str]) -> str | None:
    """The problem of a few dates (3 to 5, every ticker's pooled) each the 1st of a month, a month
    apart, one of them a day no exchange trades (a Saturday, a Sunday, New Year's Day): monthly bars
    dated on their months' first calendar day, as Yahoo's monthly downloads date theirs, else None.
    Closes alone pass _few_bars (a few hand-kept closes may be that sparse by chance), and several
    tickers' four first-of-month closes (2024-01-01, a holiday, among them) had loaded as days' closes.
    A daily file's few days step a day or a weekend; a month's first trading days (2024-01-02) keep
    no holiday, and load: only the day no close is made on says the rows are no days'."""
    if "%" in fmt and "%d" not in fmt:
        return None  # a month's column ("%Y-%m"): every date reads as the 1st, its own reason elsewhere
    days = [date.fromordinal(d) for d in days_of(cells, fmt)]
    if len(days) <= _FEWEST_STEPS or any(d.day != 1 for d in days):
        return None
    if any((b.year - a.year) * 12 + b.month - a.month != 1 for a, b in zip(days, days[1:])):
        return None
    closed = next((d for d in days if d.weekday() >= 5 or (d.month, d.day) == (1, 1)), None)
    if closed is None:
        return None
    why = "New Year's Day" if (closed.month, closed.day) == (1, 1) else f"a {closed:%A}"
    return (f"monthly bars{LONGER_BARS}{name.strip()} steps a month from row to row, each date the 1st of its "
            f"month, {closed.isoformat()} ({why}) among them, a day no exchange trades: each row holds a "
            "month's prices under its first day's date, not that day's; export daily prices")


_WEEK = 7  # a ticker's step shorter than this is a day's (or a weekend's, a holiday's): a daily file


def _few_bars_of_tickers(name: str, fmt: str, cells: Sequence[str], tickers: Sequence[str],
                         mapped: Collection[str | None], holds_bars: Callable[[str], bool] | None) -> str | None:
    """_few_bars of each ticker's own dates (`tickers`, row for row with `cells`), its rows holding a bar
    (`holds_bars`): the problem of the first ticker whose few dates step exactly a period, else None.
    Several tickers' three weekly bars each, on the same Mondays, are three dates in all: too few to
    step a period by the steps' majority, the file had loaded each week's high and low as a day's."""
    if len({c.strip() for c in cells}) <= _FEWEST_STEPS:
        return None  # no ticker's dates are more (a daily file's one date): none judged below, unparsed
    groups: dict[str, list[str]] = {}
    for cell, ticker in zip(cells, tickers):
        groups.setdefault(ticker.strip(), []).append(cell)
    if any(s < _WEEK for own in groups.values() for s in _steps(days_of(own, fmt))):
        # Another ticker's own dates step a day or a weekend: a daily file, where a thin ticker's three rows
        # fell on three Mondays by chance. Judged so, ten tickers' week of days beside one ticker's three
        # Mondays had refused the whole file, as a file of eight days each beside them loads (the thin
        # ticker's dates too few to step a period, the others' days: spaced_bars_problem's `daily`).
        return None
    judged: set[frozenset[str]] = set()  # tickers of the same dates (rows of a day) are judged once
    for ticker, own in groups.items():
        dates = frozenset(c.strip() for c in own)
        if len(dates) <= _FEWEST_STEPS or dates in judged or (holds_bars is not None and not holds_bars(ticker)):
            continue
        judged.add(dates)
        if problem := _few_bars(name, fmt, own, mapped):
            return problem
    return None


def _beside_days(name: str, bars: list[tuple[str, tuple[str, str], list[int]]],
                 mapped: Collection[str | None], close: str,
                 holds_bars: Callable[[str], bool] | None) -> str | None:
    """The problem of the tickers whose dates step a period (`bars`) beside another's days: those
    dated on their periods' first or last days, as bars are (Yahoo's weeks on Mondays, its months
    on the 1st), refuse the file. A thinly traded ticker's days, a week apart on a Tuesday each,
    are its days' prices; so are closes alone on their periods' last days (a fund's Friday NAV),
    its open, high, low and volume empty where the file's other tickers have theirs."""
    for ticker, (period, span), days in bars:
        if not _at_period_bounds(period, days):
            continue
        # The file's columns are every ticker's: a fund's NAV rows leave the stocks' open, high,
        # low and volume empty, and read by the file's columns they were refused as a week's bars.
        bar = bool(_BAR_FIELDS & set(mapped)) and (holds_bars is None or holds_bars(ticker))
        if not bar and _at_period_ends(period, days):
            if _AVERAGE.search(norm_name(close)):
                return _averages(name, period, span, close, ticker)
            continue
        return (f"{period} bars{LONGER_BARS}{name.strip()} steps a {span} from row to row for {ticker}, a day for "
                f"other tickers: each of its rows holds a {span}'s prices under one day's date; export its daily "
                "bars, or save each ticker's rows as a file of its own")
    return None




def ticker_holds_bars(rows: Sequence[Sequence[str]], ticker: int,
                      mapped: Sequence[str | None]) -> Callable[[str], bool]:
    """Whether a ticker's `rows` (its name in column `ticker`) hold a value in a column `mapped` to
    a bar's open, high, low or volume: read only of a ticker that steps a period."""
    fields = [j for j, c in enumerate(mapped) if c in _BAR_FIELDS]

    def holds(name: str) -> bool:
        return any(_a_value(row[j]) for row in rows if ticker < len(row) and row[ticker].strip() == name
                   for j in fields if j < len(row))
    return holds


def series_dates(rows: Sequence[Sequence[str]], series: Sequence[str | None], mapped: Sequence[str | None]
                 ) -> tuple[list[str], list[str], Callable[[str], bool]]:
    """Of several tickers side by side (series.py: per column, the ticker it belongs to, None where
    all share it), what a ticker column would give: each ticker's dates where its close holds a
    value (the date cells, their tickers) and whether its own columns hold a bar's open, high, low
    or volume. Judged by the shared dates, one ticker's weekly bars (its cells empty between its
    Mondays) beside another's days loaded a week's prices as a day's."""
    dates: list[str] = []
    tickers: list[str] = []
    shared = next((j for j, (s, m) in enumerate(zip(series, mapped)) if s is None and m == "date"), None)
    own: dict[str, tuple[int, int, list[int]]] = {}  # ticker -> (its date column, its close, its bar fields)
    for label in dict.fromkeys(s for s in series if s is not None):
        cols = [j for j, s in enumerate(series) if s == label]
        date_col = next((j for j in cols if mapped[j] == "date"), shared)
        close = next((j for j in cols if mapped[j] == "close"), None)
        if date_col is not None and close is not None:
            own[label] = (date_col, close, [j for j in cols if mapped[j] in _BAR_FIELDS])
    for row in rows:
        for label, (j, c, _) in own.items():
            if max(j, c) < len(row) and row[c].strip() and row[j].strip():
                dates.append(row[j])
                tickers.append(label)

    def holds(name: str) -> bool:
        fields = own[name][2] if name in own else []
        return any(_a_value(row[j]) for row in rows for j in fields if j < len(row))
    return dates, tickers, holds


def _a_value(cell: str) -> bool:
    text = cell.strip()
    if text.lower() in NULL_TOKENS:  # a NAV's row in a file of bars leaves them empty ("#N/A"), or 0
        return False
    try:
        return float(text.replace(",", "")) != 0
    except ValueError:
        return True


def _at_period_bounds(period: str, days: Sequence[int]) -> bool:
    """Whether (nearly) every one of `days` is among its period's first or last days: a week's
    Monday, Friday or weekend; one of a month's first or last days."""
    if period == "weekly":
        bounds = sum((d - 1) % 7 not in (1, 2, 3) for d in days)  # not a Tuesday, Wednesday or Thursday
    else:
        bounds = 0
        for d in days:
            day = date.fromordinal(d)
            bounds += day.day <= _MONTH_START or day.day > monthrange(day.year, day.month)[1] - _MONTH_END
    return bounds >= _EVERY_ROW * len(days)


def _pooled_problem(name: str, fmt: str, cells: Sequence[str], mapped: Collection[str | None],
                    close: str) -> str | None:
    """The problem of all of `cells` judged as one ticker's dates, else None."""
    days = days_of(cells, fmt)
    found = _period(days)
    return _problem(name, found, found is not None and _at_period_ends(found[0], days), mapped, close)


# Words that name an average (of a period's closes), in letters run together, accents dropped
# (canonical.norm_name: "Średnia cena" -> "sredniacena"): "Avg Close", "Mean
# Close", "Average Closing Price", "Close (avg)", "Durchschnittskurs", "Cours moyen", "Precio promedio".
_AVERAGE = re.compile(r"avg|average|mean|durchschnitt|mittel|moyen|promedio|medio|gemiddeld|srednia|средн")


# Words that name a period, in letters run together (norm_name): a date column named for the
# period its row ends ("Week Ending", EIA's weekly spot prices; "Month") or a price named for it
# ("Weekly Henry Hub Spot Price") says each row stands for that period, its value the period's (EIA's
# and FRED's weekly and monthly series are means of the days' prices), not the day it is dated on.
_PERIOD_WORDS = {
    "weekly": re.compile(r"week|woche|semaine|semana|settimana"),
    "monthly": re.compile(r"month|monat|mois|mese"),
    "quarterly": re.compile(r"quarter|quartal|trimest"),
    "yearly": re.compile(r"year|annual|jahr|annee"),
}
# Names of a day's own price, which the day that ends a period has as well: a week's close is its
# Friday's, a fund's weekly NAV that Friday's ("Week Ending,NAV" loads), a week's last trade its
# Friday's last ("Laatste", "Senaste", "Siste", "Ultimo", "Zuletzt").
_DAYS_OWN = re.compile(r"close|closing|nav|settle|last|schluss|cloture|cierre|chiusura|fechamento|zamkniecie"
                       r"|laatst|senast|sist|sidst|ultim|letzt|dernier|viimeisin")
# A name that says the period's end ("Month End Price", "Price (Month End)", "Month-End Date",
# "Monatsende", "fin de mois") names the price its last day has, not the period's: "ending" aside,
# which names the period a row stands for ("Week Ending", EIA's weekly means).
_PERIOD_END = re.compile(r"end(?!ing)|ultimo|fin(?:de|e)?(?:mois|mes|mese|semaine|semana|settimana|annee|ano|anno)")
# A date column's name that spells its format ("Date (Day Month Year)", "Month/Day/Year") names a
# day beside the month or year: a day's date, not a period.
_DAY_WORD = re.compile(r"day|tag|jour|dia|giorno")
_MONTH_OR_YEAR = re.compile(r"month|monat|mois|mes|year|jahr|annee|ano|anno")


def _days_own(close: str) -> bool:
    """Whether the close's name says it is its day's own price: a close in any language the
    synonyms know ("Slotkoers", "Päätöskurssi"), a NAV, a last trade, or the period's end's price."""
    normed = norm_name(close)
    return bool(_DAYS_OWN.search(normed) or _PERIOD_END.search(normed)) or whole_name([close]) == ("close", 1.0)


def _names_a_period(period: str, name: str, date_column: bool) -> bool:
    """Whether `name` names `period` as what its rows stand for ("Week Ending", "Monthly Price"):
    not its end ("Month End") nor, of the date column, its format ("Date (Day Month Year)")."""
    normed = norm_name(name)
    if not _PERIOD_WORDS[period].search(normed) or _PERIOD_END.search(normed):
        return False
    return not (date_column and _DAY_WORD.search(normed) and _MONTH_OR_YEAR.search(normed))


def _period_named(period: str, name: str, close: str) -> str | None:
    """The name of the date column (`name`) or of the close (`close`) that names `period`, unless the
    close is named as a day's own price; else None."""
    if _days_own(close):
        return None
    return next((n for n, dated in ((name, True), (close, False)) if _names_a_period(period, n, dated)), None)


def _period_values(name: str, period: str, span: str, named: str) -> str:
    return (f"{period} values{LONGER_BARS}{name.strip()} steps a {span} from row to row, each on its "
            f"{span}'s last day, and {named.strip()} names the {span}: each row holds a {span}'s price (as "
            f"EIA's and FRED's, often its mean) under one day's date, not that day's close; export daily closes")


def _averages(name: str, period: str, span: str, close: str, ticker: str = "") -> str:
    whose = f" for {ticker}" if ticker else ""
    return (f"{period} averages{LONGER_BARS}{name.strip()} steps a {span} from row to row{whose}, each on its "
            f"{span}'s last day, and {close.strip()} names an average: a {span}'s mean price under one day's "
            "date, not that day's close; export daily closes")


def _problem(name: str, found: tuple[str, str] | None, ends: bool, mapped: Collection[str | None],
             close: str) -> str | None:
    """The refusal of bars of the period `found`, None when none was or they are closes on their
    periods' last days (`ends`) and `close` (the close's name) names no average."""
    if found is None:
        return None
    if not _BAR_FIELDS & set(mapped) and ends:
        # A period's closes on its last days are those days' prices; its average is no day's.
        if _AVERAGE.search(norm_name(close)):
            return _averages(name, *found, close)
        named = _period_named(found[0], name, close)
        return _period_values(name, *found, named) if named else None
    period, span = found
    return (f"{period} bars{LONGER_BARS}{name.strip()} steps a {span} from row to row: each row holds a "
            f"{span}'s prices under one day's date; export daily bars")


def _by_ticker(cells: Sequence[str], tickers: Sequence[str]) -> list[tuple[str, Sequence[str]]]:
    """(ticker, its `cells`) of each ticker with enough of them to tell a period, the first row's
    ticker first; all of them as one when none has (many tickers' few rows each in a long file's sample)."""
    groups: dict[str, list[str]] = {}
    for cell, ticker in zip(cells, tickers):
        groups.setdefault(ticker.strip(), []).append(cell)
    return [(t, g) for t, g in groups.items() if len(g) > _LEAST_STEPS] or [("", cells)]


def _steps(days: Sequence[int]) -> list[int]:
    return [b - a for a, b in zip(days, days[1:])]


def _period(days: Sequence[int]) -> tuple[str, str] | None:
    """(period, its span) that (nearly) every step between `days` (5 at least) is, or whole ones of
    it, else None."""
    steps = _steps(days)
    if len(steps) < _LEAST_STEPS:
        return None
    # A daily file steps less than a week on more steps than a period lets by: settled here, before
    # a date's month is looked at.
    if sum(s < 6 for s in steps) > (1 - _EVERY_ROW) * len(steps):
        return None
    dates = None
    for period, span, least, most in _STEPS:
        whole = [least <= s <= most for s in steps]
        if all(whole) or sum(whole) < _EVERY_ROW * len(steps) - sum(s > most for s in steps):
            pass  # settled by the steps alone, or too few steps left to make it up
        elif period == "weekly":
            whole = [w or s % 7 == 0 for w, s in zip(whole, steps)]  # k weeks to the weekday
        else:
            dates = dates or [date.fromordinal(d) for d in days]
            whole = [w or (s > most and _whole_months(a, b, _MONTHS[period]))
                     for w, s, a, b in zip(whole, steps, dates, dates[1:])]
        if sum(whole) >= _EVERY_ROW * len(steps):
            return period, span
    return None


def _whole_months(a: date, b: date, months: int) -> bool:
    """Whether `b` is whole `months` after `a`, on the same day of its month, or both among their
    months' first days or last days."""
    apart = (b.year - a.year) * 12 + b.month - a.month
    if apart <= 0 or apart % months:
        return False
    if a.day == b.day or (a.day <= _MONTH_START and b.day <= _MONTH_START):
        return True
    return (a.day > monthrange(a.year, a.month)[1] - _MONTH_END
            and b.day > monthrange(b.year, b.month)[1] - _MONTH_END)


def _at_period_ends(period: str, days: Sequence[int]) -> bool:
    """Whether (nearly) every one of `days` ends its period: for weekly steps, any day past the
    week's first (Sunday or Monday); else one of the last days of a month that ends one."""
    if period == "weekly":
        ends = sum((d - 1) % 7 not in (0, 6) for d in days)  # ordinal 1 (0001-01-01) was a Monday
    else:
        months = _PERIOD_MONTHS[period]
        ends = 0
        for d in days:
            day = date.fromordinal(d)
            ends += day.month in months and day.day > monthrange(day.year, day.month)[1] - _MONTH_END
    return ends >= _EVERY_ROW * len(days)
