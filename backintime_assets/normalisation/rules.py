"""Row rules for canonical prices; each failing row gets one reason, the first rule it breaks.

Decisions (documented for the lead and the README):
- date, ticker and close are required; a missing one rejects the row ("missing value: close").
- open/high/low present as columns but empty in a row: rejected (a backtest filling at the open must
  not see an invented price). Absent from the file altogether: open filled with close, high and low
  with the max and min of open and close (close-only series: close).
- adj_close missing -> close. volume missing (a blank or null-token cell, or no volume column) ->
  NULL: nothing is known of it (loaded as 0 until session 22, it said "nothing traded", and a
  filter on volume > 0 dropped close-only sources); a written 0 stays 0. A fractional volume loads
  as written (a coin's 0.0213: it had been rounded, a 0.4 loaded as 0).
- sector missing -> "UNKNOWN". No ticker column -> the caller's default (file stem).
- prices must be > 0; volume >= 0 (or NULL); high >= max(open, close, low); low <= min(open, close).
- prices written with their currency's sign or code in more than one currency down a ticker's rows
  ("$12.50" beside "€11.20"): the rows in another currency than the ticker's most written one are
  rejected ("price in another currency", currency_mix.py), never loaded as one close. Each ticker is
  judged apart: a day's list of shares of several markets, each in its own currency, loads whole.
- the date must be a day of the trading week (BACKINTIME_TRADING_WEEK, Monday to Friday unless
  set): trade-date partitions hold only those days, so a row dated on another could be filed under
  no partition and would vanish; it is rejected instead, naming its day and the week.
- a later row equal to an earlier one on ticker, date and every value: "duplicate" (two NULL
  volumes are equal); same ticker and date with other values, a NULL volume beside a written one
  too: "conflicting duplicate of line N" (the first one is kept, but a first row of no trades at one
  price, volume 0, yields to the date's first row with a volume above 0 whose range holds that price:
  a quote is no correction of the day's bar). Between files, a row without a volume yields to one
  with the same prices and a volume (ingestion/collisions.py).
- intraday bars (a ticker's rows of one date at several times of day, by a time column or the
  date's own time): every one of them is rejected, none is the day's price ("intraday bar ...").
  A ticker whose dates are at least half of them such days is a series of bars: its dates of one
  bar (a download's partial first or last day) are rejected with them. Of a date's row at its
  ticker's daily time of day and one at another before it, the other is that day's bar; after it,
  a correction as often (a "conflicting duplicate"). In a file mostly of bars (a day's trade
  prints), another ticker's lone row amid that date's bars, at no time of day the rows share, is one.
- a date of a two-digit year (%y) after tomorrow is rejected naming its year: a Buddhist-era year
  read by strptime's pivot ("02/01/67", BE 2567, loaded as 2067); a Thai file's are read as BE
  years by detection (detection/buddhist_era.py). So is one the pivot wraps a recent BE year to
  (1969 for "69", BE 2569) in a file with no row of the years after it up to today's.
- a file without a ticker column (its rows named after the file) whose dates mostly hold rows of
  different prices holds several instruments, or bars of a day, that no column tells apart: every
  row is rejected ("unnamed series: ..."), since any one row of a date may be any instrument's.
  So is every row of a ticker whose dates do ("several series under one ticker": boards, contracts,
  bars), and of the file's other tickers whose fewer dates mostly clash alike.
  A few such rows are corrections within one series, settled as conflicting duplicates; not when
  none of the file's dates holds one price (a day's price list of a few items, a file a day), nor
  when a text column writes them apart in values each written on two dates or more (a market, an
  item: a price list cut to a few days; normalisation/label_columns.py).
  Rows rejected for their values (a price not above 0, high < low, a close outside its bar) are
  counted with the accepted ones too, by their bar (check_unnamed_behind_values): a long table of
  stocks whose unread ticker column had named none, every stock's adjusted close under its low but
  one's, had loaded that one stock's series under the file's name. They keep their own reason.
- a run of at most three rows of a ticker within a file whose close stands at about 10, 100 or 1000
  times (or a tenth, ...) the rows on both sides, which agree: "unit slip: close ... is about a
  hundredfold below ..." (pounds among pence), never loaded as a -99% day; a step that stays loads.
  At a file's edge only a hundred- or thousandfold run beside a long side, its reason naming a split
  or a redenomination as the other reading (normalisation/unit_slips.py)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from backintime_assets.detection.date_system import weekday
from backintime_assets.normalisation.week_hint import SUN_THU, SUN_THU_NOTE, sun_thu_files
from backintime_assets.detection.footer import SUBTOTAL_ROW, SUMMED_ROW, subtotal_label, summed_total
from backintime_assets.detection.month_names import BE_CENTURY, BE_OFFSET, STRPTIME_PIVOT, pivot_year
from backintime_assets.trading_week import DAY_NAMES, MON_FRI, TradingWeek

PRICE_FIELDS = ("open", "high", "low", "close", "adj_close")


class Reasons:
    """One reason per row, set by the first rule that fails."""

    def __init__(self, n: int):
        self.reason = np.full(n, None, dtype=object)
        self.ok = np.ones(n, dtype=bool)  # no reason yet

    def open(self) -> np.ndarray:
        return self.ok

    def set(self, mask: np.ndarray, reason: str) -> None:
        hit = mask & self.ok
        if hit.any():
            self.reason[hit] = reason
            self.ok &= ~hit

    def set_rows(self, rows: np.ndarray, reasons: np.ndarray) -> None:
        self.reason[rows] = reasons
        self.ok[rows] = False

    def set_per_column(self, prefix: str, masks: dict[str, np.ndarray]) -> None:
        """Rows failing in several columns name them all: "unparseable value: open, close"."""
        if not masks:
            return
        if not (np.logical_or.reduce(list(masks.values())) & self.ok).any():
            return  # the usual case: nothing to label
        names = list(masks)
        stacked = np.stack([masks[c] for c in names], axis=1) & self.ok[:, None]
        rows = np.flatnonzero(stacked.any(axis=1))
        if rows.size == 0:
            return
        # Few distinct column combinations: build each reason string once.
        keys, inverse = np.unique(stacked[rows], axis=0, return_inverse=True)
        labels = np.array([f"{prefix}: " + ", ".join(n for n, b in zip(names, k) if b) for k in keys], dtype=object)
        self.set_rows(rows, labels[inverse.ravel()])


# Exporters mark a price they do not have with the largest number a type holds: the largest double
# (1.7976931348623157E308, the "unset" price of Interactive Brokers' API), the largest float
# (3.4028235E38). No market quotes anything near: such a price is no value, not a price to load.
MARKER_PRICE = 1e30


def check_subtotal_rows(r: Reasons, words: np.ndarray, codes: np.ndarray) -> None:
    """A row named by a subtotal's label ("Subtotal", "Zwischensumme") in its ticker column: a sum of
    the rows above it, not a share (detection/footer.py leaves it in a table it sits inside). Judged
    per distinct ticker (`words`, each row's index into them `codes`), not per row, and only after one
    look over them all joined finds such a word: asked ticker by ticker, a day's list of 1,000 cost
    0.14 ms, 7% of its normalisation (1.9 ms); now 0.02 ms."""
    try:
        joined = "\n".join(words)
    except TypeError:  # a word missing (None)
        joined = "\n".join(w for w in words if isinstance(w, str))
    upper = joined.upper()  # (a case-blind regex over the joined words cost as much as the loop)
    if "TOTA" not in upper and "ZWISCHEN" not in upper:
        return
    labels = np.fromiter((isinstance(w, str) and subtotal_label(w) for w in words), dtype=bool, count=len(words))
    if labels.any():
        r.set(labels[codes], SUBTOTAL_ROW)
    # "Total market value" among a day's shares, not last (no footer): a label whether or not it adds up.
    summed = np.fromiter((isinstance(w, str) and summed_total(w) for w in words), dtype=bool, count=len(words))
    if summed.any():
        r.set(summed[codes], SUMMED_ROW)


def check_prices(r: Reasons, v: dict[str, np.ndarray], volume: np.ndarray,
                 present: tuple[str, ...] = PRICE_FIELDS) -> None:
    """`present`: price columns the file has (the others were filled from close and are not named)."""
    if not (np.minimum.reduce([v[c] for c in present]) > 0).all():  # NaN compares False: lands here
        r.set_per_column("non-positive price", {c: ~(v[c] > 0) for c in present})
    if (np.maximum.reduce([v[c] for c in present]) >= MARKER_PRICE).any():
        r.set_per_column("no price (the largest number a type holds, a marker of no value)",
                         {c: v[c] >= MARKER_PRICE for c in present})
    r.set(volume < 0, "negative volume")
    o, h, lo, c = v["open"], v["high"], v["low"], v["close"]
    r.set(h < lo, "high < low")
    # Exactly, as the lake's blocking check (prices_are_sane) does: a high or low the file rounded a
    # hair inside the bar has been set to that price already (rounded_bounds), and any other is a
    # violation; a slack here had accepted rows that then failed that check.
    r.set(h < np.maximum(o, c), "high < max(open, close)")
    r.set(lo > np.minimum(o, c), "low > min(open, close)")


def check_trade_days(r: Reasons, days: np.ndarray, week: TradingWeek = MON_FRI, guessed: str | None = None,
                     file_of_row: np.ndarray | None = None) -> None:
    """`days`: days since 1970-01-01; a row dated on a day outside `week` is rejected. `guessed`: the
    day/month order the dates were read in where it is a guess ("month first"): said, as the likeliest
    cause (a British "02/03/2024" read as 3 February, a Saturday), with what to check. A Sunday row of a
    file whose dates keep Sunday to Thursday (`file_of_row` tells the files apart: week_hint.py) says so,
    and the setting that loads it."""
    closed = week.closed_days
    if not closed:
        return
    day = weekday(days)
    why = f" (its dates read either way, {guessed} a guess: check the date's format)" if guessed else ""
    sun_thu = sun_thu_files(days, file_of_row) if _SUNDAY in closed and not why and SUN_THU.days != week.days \
        else np.zeros(len(days), bool)
    for number in closed:
        reason = f"dated on a {DAY_NAMES[number]}: trade dates are {week.label}{why}"
        if number == _SUNDAY and sun_thu.any():
            r.set((day == number) & sun_thu, reason + SUN_THU_NOTE)
        r.set(day == number, reason)


_SUNDAY = 6


# A two-digit year read by strptime's pivot (00-68 as 20xx) lands in the future when it counts
# another era: Thai sources (SET, Thai banks) write the Buddhist era's "02/01/67" for BE 2567, the
# common era's 2024, which loaded as 2 February 2067 without a word. No price is dated after today.
TWO_DIGIT_FUTURE = ("dated {year} by a two-digit year, in the future: a price cannot be; a Buddhist-era year "
                    "(Thai: 67 for BE 2567, 2024)? write the year in four digits")


# The pivot reads the Buddhist era's years from 2569 (2026) on as 1969 on: "02/01/69" loaded as 1969
# where its neighbour "30/12/68" was rejected as 2068. Such a year among no row of the years between
# it and today is the Buddhist era's as often (a file of 2026, or of 2025 and 2026, by BE); a file of
# the common era's 1969 by two digits holds 1970s rows too, unless it is of 1969 alone (refused so).
TWO_DIGIT_WRAPPED = ("dated {year} by a two-digit year, and no row of the years from then to today: {yy} is as "
                     "often the Buddhist era's {be_year} ({be}); write the year in four digits")
_PIVOT_WRAP = pivot_year(STRPTIME_PIVOT)  # 1969
_WRAP_SPAN = BE_CENTURY - BE_OFFSET - 1900  # 57: BE 25yy read as 19yy lands 57 years early


def check_two_digit_future(r: Reasons, days: np.ndarray, fmt: str | None, today: int) -> None:
    """Rows of a date format with a two-digit year (%y) dated after `today` (days since 1970-01-01)
    are rejected, each naming the year it read; a four-digit year is taken as written. A day's slack:
    east of UTC, a session's date is tomorrow's by UTC's today for some hours. So are rows of the years
    the pivot wraps the Buddhist era's recent ones to (1969 on) where no row is of a later year up to
    today's (TWO_DIGIT_WRAPPED)."""
    if fmt is None or "%y" not in fmt:
        return
    future = r.ok & (days > today + 1)
    this_year = int(np.datetime64(today, "D").astype("datetime64[Y]").astype(np.int64)) + 1970
    last_wrapped = this_year - _WRAP_SPAN  # 2026: 69, BE 2569, read as 1969
    early = r.ok & (days < np.datetime64(f"{last_wrapped + 1}-01-01", "D").astype(np.int64))
    if not (future.any() or early.any()):
        return
    years = days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    for year in np.unique(years[future]):  # a reason per year read, not per row
        r.set(future & (years == year), TWO_DIGIT_FUTURE.format(year=year))
    wrapped = early & (years >= _PIVOT_WRAP)
    if wrapped.any() and not (r.ok & ~wrapped & (years > last_wrapped)).any():
        for year in np.unique(years[wrapped]):
            yy = year % 100
            r.set(wrapped & (years == year),
                  TWO_DIGIT_WRAPPED.format(year=year, yy=yy, be_year=BE_CENTURY + yy, be=year + _WRAP_SPAN))


def check_duplicates(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray, values: dict[str, np.ndarray],
                     lines: np.ndarray, found: Repeats | None = None) -> None:
    """Among rows still accepted: exact repeats are "duplicate"; same ticker and date with other
    values are "conflicting duplicate of line N". An int64 (ticker, date) key finds the few
    candidates cheaply; values are compared only for those. `found`: accepted_repeats' answer
    from before the rules that ran since, which saves sorting every accepted row again."""
    repeats = _repeats_now(r, ticker_codes, days, found)
    if repeats is None:
        return
    rows, key = repeats
    sub = pd.DataFrame({"key": key, **{c: v[rows] for c, v in values.items()}, "line": lines[rows]})
    exact = sub.drop(columns="line").duplicated(keep="first").to_numpy()
    r.set_rows(rows[exact], np.full(int(exact.sum()), "duplicate", dtype=object))
    rest, rest_rows = sub[~exact], rows[~exact]
    # A row of no trades at one price (open = high = low = close, volume 0) standing first is no
    # correction of a traded bar of its date (volume > 0) whose range holds that price: the bar says all
    # the quote does, and the date's first such bar is kept. CryptoDataDownload's Poloniex file, newest
    # first, writes each day's 00:18 quote of its close above its 00:00 bar: the quote had loaded as the
    # day's price and volume (0), the bar its "conflicting duplicate". Otherwise the first row stays
    # kept: beside a blank volume or an index's range of volume 0 (nothing traded either), or a bar of
    # other prices (a halted day's row beside another's bar).
    if {"open", "high", "low", "close", "volume"} <= set(rest.columns):
        volume, close = rest["volume"], rest["close"]
        flat = (volume == 0) & (rest["open"] == close) & (rest["high"] == close) & (rest["low"] == close)
        if flat.any():
            keys = rest["key"]
            first = rest.groupby(keys, sort=False)["close"].transform("first")
            bar = (volume > 0) & (rest["low"] <= first) & (first <= rest["high"])
            promote = (bar & (bar.groupby(keys, sort=False).cumsum() == 1)
                       & flat.groupby(keys, sort=False).transform("first")).to_numpy()
            if promote.any():
                order = np.argsort(~promote, kind="stable")
                rest, rest_rows = rest.iloc[order], rest_rows[order]
    clash = rest["key"].duplicated(keep="first").to_numpy()
    if clash.any():
        first_line = rest.groupby("key", sort=False)["line"].transform("first").to_numpy()
        labels = np.array([f"conflicting duplicate of line {n}" for n in first_line[clash]], dtype=object)
        r.set_rows(rest_rows[clash], labels)


# Accepted rows of other dates looked at for a ticker's time of day (check_intraday's `clock`): its
# daily rows share one, and a few dozen spread over its rows show it without reading a long file's
# every cell; spread, not its first ones, so that a clock that changed within the file (an export's
# cron moved from 17:00 to 18:00, a UTC stamp's summer time) shows as no one clock.
_CLOCK_SAMPLE = 64
_CLOCK_SHARE = 0.9  # of them at one time of day: a daily file's (16:00, 00:00, none written)


def check_intraday(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray,
                   moments: Callable[[np.ndarray], np.ndarray], least: int, reason: str,
                   clock: Callable[[np.ndarray], np.ndarray] | None = None, found: Repeats | None = None,
                   files: int = 1, day_ms: Callable[[np.ndarray], np.ndarray] | None = None) -> None:
    """Among rows still accepted: a ticker's rows of one date at `least` distinct moments of the day
    or more (`moments(rows)`: codes of those rows' time of day) are bars of that day, not its price;
    the first of them is no more the day's open, high, low and close than the others, so all are
    rejected. So are the other rows of a ticker whose dates are at least half of them such days.
    `clock(rows)`: codes of rows' time of day alike across dates, where `least` counts the date's own
    time (two times a correction as often as bars): of a ticker whose other rows share one time of
    day, a date's rows at two times, neither of them that one, are bars too (_off_the_clock).
    `found`: accepted_repeats' answer, when asked already. `files`: of a group read as one text
    (group.py), how many files `ticker_codes` tell apart (ticker * files + file). `day_ms(rows)`: the
    millisecond of the day of rows, -1 for none (a time column's or the date's: _amid_bars), `clock`
    where not given."""
    repeats = _repeats_now(r, ticker_codes, days, found)
    if repeats is None:
        return
    rows, key = repeats
    times = pd.DataFrame({"key": key, "moment": moments(rows)}).groupby("key")["moment"].transform("nunique")
    is_bar = times.to_numpy() >= least
    twice = ~is_bar & (times.to_numpy() >= 2)
    off = np.zeros(rows.size, dtype=bool)
    if clock is not None and twice.any():  # (most files' repeats: one time, a correction's or none)
        steps = np.diff(days[r.ok])  # a file written newest first writes a date's later times first too
        is_bar[twice], off[twice] = _off_the_clock(r, ticker_codes, rows, key, twice, clock, files,
                                                   newest_first=(steps < 0).sum() > (steps > 0).sum())
    bars = rows[is_bar]
    amid = np.zeros(0, dtype=np.int64)
    if bars.size:
        bars = np.union1d(bars, _lone_bars(r, ticker_codes, days, key[is_bar], clock))
        if (day_ms or clock) is not None:
            amid = _amid_bars(r, ticker_codes, days, bars, day_ms or clock)
    r.set_rows(bars, np.full(bars.size, reason, dtype=object))
    r.set_rows(amid, np.full(amid.size, reason + AMID_BARS, dtype=object))
    off_rows = np.setdiff1d(rows[off], bars)  # (a ticker of bars' rows: all bars, named so above)
    r.set_rows(off_rows, np.full(off_rows.size, reason + OFF_THE_CLOCK, dtype=object))


# A date's row at its ticker's daily time of day after one at another ("09:30", then "16:00" in a
# file stamped 16:00): the earlier is a bar of that day; as the first, it had loaded as the day's
# price (a 09:30 bar as the close) and the 16:00 row was its "conflicting duplicate". One off the
# clock after it (16:00, then 16:30) is its correction or a re-export as often: check_duplicates.
OFF_THE_CLOCK = "; of its rows of that date, the one at its daily time of day loads"


def _off_the_clock(r: Reasons, ticker_codes: np.ndarray, rows: np.ndarray, key: np.ndarray, asked: np.ndarray,
                   clock: Callable[[np.ndarray], np.ndarray], files: int = 1, newest_first: bool = False
                   ) -> tuple[np.ndarray, np.ndarray]:
    """(is_bar, off) of each of `rows[asked]` (`key`: ticker and date). is_bar: whether it is of a date
    none of whose rows is at the time of day its ticker's other accepted rows share ("2024-01-02
    16:00", a row a day): two rows at
    10:00 and 11:00 of one date are that day's bars, the first of them loaded as its price where a
    correction was taken. Each daily ticker's own clock, over its rows: the file's first rows (another
    ticker's 16:00) had made a London ticker's correction at 16:30 and 16:35 two bars, and a clock that
    changed within the file (an export moved from 17:00 to 18:00) a later correction at 18:00 and
    19:30; both loaded before, the first as the price and the other rejected as its conflicting
    duplicate. A ticker mostly of such dates (12-hour bars beside daily tickers) has no clock of its
    own: the file's is its, its own file's in a group (`files`: one file exported at 17:00 among a
    month's at 16:00 had made its correction at 17:00 and 17:05 two bars, read alone a correction). A
    clock of no common time of day (each row's own), or of no rows, says nothing. off: a row at another
    time of day before its date's row at that one (OFF_THE_CLOCK): before in the file's order of time,
    after it in the file's lines where the file is written newest first (`newest_first`): there a
    correction at 16:30 comes above its 16:00 row and a 09:30 bar below it."""
    asked_rows, asked_keys = rows[asked], key[asked]
    ticker_of = split_ticker_day_key(asked_keys)[0]
    tickers, dates = np.unique(split_ticker_day_key(np.unique(asked_keys))[0], return_counts=True)
    repeat = np.zeros(r.ok.size, dtype=bool)
    repeat[rows] = True
    others = np.flatnonzero(r.ok & ~repeat)
    if not others.size:
        return np.zeros(asked_rows.size, dtype=bool), np.zeros(asked_rows.size, dtype=bool)
    owner = ticker_codes[others]
    # Looked up by code, not np.isin: this runs over every accepted row of a file.
    own = np.bincount(owner, minlength=int(tickers[-1]) + 1)[tickers]
    daily = tickers[own > dates]  # more dates of one row than of two times: a correction or two
    wanted = np.zeros(max(int(owner.max()), int(tickers[-1])) + 1, dtype=bool)
    wanted[daily] = True
    of_daily = wanted[owner]
    sample = _spread(others[of_daily], owner[of_daily])
    labels = ticker_codes[sample]
    if daily.size < tickers.size:  # the file's clock, over all its rows; a group's files' each their own
        file_of = ticker_codes[others] % files
        needed = np.zeros(files, dtype=bool)
        needed[ticker_of[~np.isin(ticker_of, daily)] % files] = True
        whole = _spread(others[needed[file_of]], file_of[needed[file_of]], 4 * _CLOCK_SAMPLE)
        sample, labels = np.r_[sample, whole], np.r_[labels, -1 - ticker_codes[whole] % files]
    codes = clock(np.r_[asked_rows, sample])  # one call: its codes are alike only within it
    seen = pd.DataFrame({"label": labels, "code": codes[asked_rows.size:]}).value_counts()  # most first
    top = seen[~seen.index.get_level_values("label").duplicated()]
    shown = seen.groupby(level="label").sum().reindex(top.index.get_level_values("label")).to_numpy()
    usual = pd.Series(top.index.get_level_values("code"), index=top.index.get_level_values("label"))
    usual = usual[top.to_numpy() >= _CLOCK_SHARE * shown]
    is_daily = np.isin(ticker_of, daily)
    own_clock = usual.reindex(np.where(is_daily, ticker_of, -1 - ticker_of % files)).to_numpy(dtype=float)
    on_it = codes[:asked_rows.size] == own_clock
    # The date's first row at the clock (the file's rows past the last: none); a row off it after that
    # one is a correction or a re-export as often, left to check_duplicates as before.
    # Newest first, the date's last row at the clock, its earliest in time (lines negated: one test for both).
    at = -asked_rows if newest_first else asked_rows
    first_on = pd.Series(np.where(on_it, at, r.ok.size)).groupby(asked_keys).transform("min").to_numpy()
    has_clock, none_on = ~np.isnan(own_clock), first_on == r.ok.size
    # A row off the clock before one at it only of a daily ticker's own: a ticker mostly of such
    # dates is two series as often (BHP's 23:00 UTC beside SPY's 14:30 stacked under one name),
    # whose rows are every one of them rejected (check_unnamed_series), not one series' loaded.
    return has_clock & none_on, has_clock & is_daily & ~none_on & (at < first_on)


def _spread(rows: np.ndarray, labels: np.ndarray, most: int = _CLOCK_SAMPLE) -> np.ndarray:
    """Of `rows`, at most `most` of each label, spread evenly over that label's rows (in numpy: a file
    may hold thousands of tickers)."""
    order = np.argsort(labels, kind="stable")
    rows, labels = rows[order], labels[order]
    _, starts, counts = np.unique(labels, return_index=True, return_counts=True)
    step = np.repeat(-(-counts // most), counts)
    return rows[(np.arange(rows.size) - np.repeat(starts, counts)) % step == 0]


def _lone_bars(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray, bar_keys: np.ndarray,
               clock: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """The accepted rows of the tickers whose dates are at least half of them dates of bars
    (`bar_keys`: the ticker_day_key of the bars), or, where `clock` tells rows' time of day, whose
    other dates' rows share no time of day (_clockless). An hourly download's partial first or last
    day, one 00:00 candle, or two, is bars of that kind too, not the day's price; a daily file with a
    time column, a day of bars among dates of one row each, keeps its other days."""
    bar_days = np.unique(bar_keys)
    tickers, bar_dates = np.unique(split_ticker_day_key(bar_days)[0], return_counts=True)
    idx = np.flatnonzero(r.ok)
    idx = idx[np.isin(ticker_codes[idx], tickers)]
    dated = np.unique(ticker_day_key(ticker_codes[idx], days[idx]))
    # The bars are still accepted: the owners of those dates are `tickers`, in the same (sorted) order.
    dates = np.unique(split_ticker_day_key(dated)[0], return_counts=True)[1]
    intraday = tickers[2 * bar_dates >= dates]
    if clock is not None and intraday.size < tickers.size:
        others = idx[~np.isin(ticker_day_key(ticker_codes[idx], days[idx]), bar_days)]
        intraday = np.union1d(intraday, _clockless(ticker_codes, others, np.setdiff1d(tickers, intraday), clock))
    return idx[np.isin(ticker_codes[idx], intraday)]


# A day's trade prints of many symbols ("timestamp,symbol,price,size"): the busy ones' rows are bars,
# but a symbol that traded once had its one print, mid-session, loaded as the day's close (rc34).
AMID_BARS = "; its ticker's one row of that date is among the file's bars of that date, at no daily time of day"
_PRINTS = 0.5  # of a date's bars stamped off whole minutes, more than this share: trade prints


def _amid_bars(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray, bars: np.ndarray,
               clock: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """The accepted rows of tickers without bars, in a file mostly of bars (`bars`: at least half of
    its accepted rows), each on a date of bars within the span of that date's bars' times of day
    (`clock`'s codes: the millisecond of the day, -1 for none), where those rows share no time of day
    (a daily ticker's rows beside them, at its close's time or midnight, share one): a thin symbol's
    one trade among a day's prints is no more its close than a busy one's first. Only on a date of
    bars of two tickers or more: not in a daily file with one ticker's day of bars, however small,
    nor of rows that write no time."""
    accepted = np.flatnonzero(r.ok)
    if 2 * bars.size < accepted.size:
        return accepted[:0]
    rest = accepted[~np.isin(ticker_codes[accepted], np.unique(ticker_codes[bars]))]
    # A date's bars of one ticker beside other tickers' rows are a daily file's mixed ticker (a day of
    # hourly bars), not a day's prints: a small file of them is still mostly bars, and a daily ticker's
    # one close that day, its other days at its clock, was rejected among them.
    # Unless that ticker's rows are trade prints, not bars: stamped off whole minutes, where a bar is at its
    # interval's start. One busy symbol's prints beside a thin one's lone trade had loaded that trade as
    # its close (silent, since 2fa0019).
    if not rest.size:
        return rest
    bar_ms = clock(bars)
    busy = (pd.DataFrame({"day": days[bars], "ticker": ticker_codes[bars]}).groupby("day")["ticker"].nunique() >= 2)
    rest = rest[np.isin(days[rest], np.union1d(busy.index[busy.to_numpy()], _days_of_prints(days[bars], bar_ms)))]
    if not rest.size:
        return rest
    ms = clock(rest)
    known = ms >= 0
    _, counts = np.unique(ms[known], return_counts=True)
    if not counts.size or (counts.max() >= 2 and counts.max() * 2 >= known.sum()):
        return rest[:0]  # a time of day the rows share: a daily clock (16:00, 00:00)
    span = pd.DataFrame({"day": days[bars], "ms": bar_ms})
    span = span[span["ms"] >= 0].groupby("day")["ms"].agg(["min", "max"])
    at = span.reindex(days[rest])
    amid = known & (ms >= at["min"].to_numpy()) & (ms <= at["max"].to_numpy())
    return rest[amid]


_CLOCKLESS_ROWS = 3  # a ticker's rows outside its dates of bars, the fewest that show its clock, or none
# A daily file's stamps that vary from day to day stay near one time: the last trade's, seconds or
# minutes before the close, or a UTC close an hour apart over summer time's change. A thin market's
# bars are at whole minutes (their interval's start) and all over the day.
_CLOCK_WINDOW_MS = 2 * 3_600_000
_MINUTE_MS, _DAY_MS = 60_000, 86_400_000


def _days_of_prints(days: np.ndarray, ms: np.ndarray) -> np.ndarray:
    """The days whose rows (`ms`: the millisecond of the day, -1 for none) are trade prints, not bars:
    mostly stamped off whole minutes (_PRINTS), each at a second of its own. Bars stamped at their
    interval's end less a second (10:59:59, 11:59:59) share one second past the minute: a daily file
    beside one ticker's day of them kept its other tickers' closes before 31125b5 rejected them. Times
    counted once each: prints in one burst share their time, not a second of several minutes (three at
    10:00:05 of five had loaded a thin symbol's lone trade as its close since 80adb14)."""
    timed = ms >= 0
    frame = pd.DataFrame({"day": days[timed], "ms": ms[timed]}).drop_duplicates()
    frame = pd.DataFrame({"day": frame["day"], "second": frame["ms"] % _MINUTE_MS})
    if frame.empty:
        return days[:0]
    off = (frame["second"] != 0).groupby(frame["day"])
    shared = frame.groupby(["day", "second"]).size().groupby(level="day").max()
    prints = (off.mean() > _PRINTS) & (2 * shared <= off.size())
    return prints.index[prints.to_numpy()].to_numpy()


def _clockless(ticker_codes: np.ndarray, rows: np.ndarray, tickers: np.ndarray,
               clock: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Of `tickers` (each with a date of bars), those whose `rows` (their accepted rows outside those
    dates) share no time of day (_CLOCK_SHARE of them at one): a thin market's hourly bars, a bar or
    two on most days at an hour of their own (Kraken's early XBTUSD_60: 20:00, 05:00, 21:00), each
    lone one had loaded as its day's price, since a daily file stamps its days at one time (00:00,
    its close, none). Not where its times are off whole minutes or nearly all within
    _CLOCK_WINDOW_MS (`clock`'s codes: the millisecond of the day, -1 for none): a daily file stamped
    with its last trade (15:59:41, 15:59:58) or in UTC over summer time (21:00, then 20:00), whose
    one date written thrice (a correction sent three times) had made every row of it a bar."""
    rows = rows[np.isin(ticker_codes[rows], tickers)]
    if not rows.size:
        return rows
    sample = _spread(rows, ticker_codes[rows])
    seen = pd.DataFrame({"ticker": ticker_codes[sample], "code": clock(sample)})
    counts = seen.value_counts()
    top = counts.groupby(level="ticker").max()
    shown = counts.groupby(level="ticker").sum()
    found = top.index[(shown >= _CLOCKLESS_ROWS) & (top < _CLOCK_SHARE * shown)].to_numpy()
    codes, owners = seen["code"].to_numpy(), seen["ticker"].to_numpy()
    return np.array([t for t in found if _all_over_the_day(codes[owners == t])], dtype=found.dtype)


def _all_over_the_day(ms: np.ndarray) -> bool:
    """Whether times of day (milliseconds, -1 for none) are nearly all at whole minutes and too few of
    them within any _CLOCK_WINDOW_MS (over midnight too) to be one clock's."""
    if (ms % _MINUTE_MS == 0).sum() < _CLOCK_SHARE * ms.size:
        return False
    times = np.sort(ms[ms >= 0])
    around = np.r_[times, times + _DAY_MS]
    within = np.searchsorted(around, times + _CLOCK_WINDOW_MS, side="right") - np.arange(times.size)
    return not times.size or within.max() < _CLOCK_SHARE * ms.size


# A file's dates holding rows of different prices, this share of its dates and at least this many
# rows past each date's first, make it a table of several series without their names (a corrected
# row or two does not).
UNNAMED_SERIES_MIN_ROWS, UNNAMED_SERIES_SHARE = 3, 0.5
# A file of a date or two, each holding two prices, may as well be one series with a price sent
# again, corrected, which no value tells from a second item's: its rows are rejected all the same
# (loading the first row loads either the uncorrected price or one item's), and the reason says
# that keeping the right row loads it: "several instruments" alone had misled on a correction.
_RESENT = ", or keep one row of each date if one corrects the other"
_TRADED = ("open", "high", "low", "close")


def check_unnamed_series(r: Reasons, file_keys: np.ndarray, days: np.ndarray, values: dict[str, np.ndarray],
                         named: bool = False, found: Repeats | None = None, files: int = 1,
                         labels: Callable[[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]], np.ndarray]
                         | None = None) -> None:
    """Among rows still accepted of files without a ticker column (`file_keys`: each row's file):
    reject every row of a file whose dates mostly hold rows of different prices. Before, the first
    row of each date loaded, a different instrument's from one date to the next, under the file's name.
    `named`: `file_keys` are tickers named by a column, which several series share (a futures and
    options bhavcopy's SYMBOL over every expiry and strike, MOEX's SECID on each of its boards): the
    first row of each date had loaded, one board's or contract's, as the ticker's price. `found`: as
    for check_duplicates. `files`: the count of files read together (group.py), whose keys are
    ticker * files + file: one file's layout says nothing of another's. `labels`: given (rows,
    their keys, the clashing keys, every row's traded prices), those of the clashing keys whose rows
    a text column names apart (label_columns.told_apart): two instruments, however few such rows
    (asked of a row or two only)."""
    repeats = _repeats_now(r, file_keys, days, found)
    if repeats is None:
        return
    rows, key = repeats
    # The traded prices only: a download appended to an older one of the same series (a repeated
    # header, ">>") restates every adjusted close after a dividend, two sources count its volume
    # apart, and no two instruments or bars share their prices on most dates. Those settle as
    # conflicting duplicates.
    traded = [c for c in _TRADED if c in values]
    distinct = pd.DataFrame({"key": key, **{c: values[c][rows] for c in traded}}).drop_duplicates()
    extra = distinct["key"].to_numpy()[_other_prices(distinct, traded)]  # a date's rows past its first
    # Asked only where the count cannot tell (a row or two past their date's first): more such rows
    # are judged by their share of the dates, as before, and most files never read the text columns.
    ask = labels is not None and not named and 0 < extra.size < UNNAMED_SERIES_MIN_ROWS
    told = np.unique(split_ticker_day_key(labels(rows, key, np.unique(extra), [values[c] for c in traded]))[0]) \
        if ask else np.zeros(0, np.int64)
    if extra.size < UNNAMED_SERIES_MIN_ROWS and not told.size and (
            named or not _every_row_repeated(r, file_keys, key, extra)):
        return
    accepted = np.flatnonzero(r.ok)
    clash_files, clash_dates, extra_rows, held = _clashes(extra, file_keys, days, accepted)
    # Rows past their date's first are counted, not dates: one date of an option chain's sixteen
    # strikes (its expiry the only date) is no correction, and its first strike had loaded as the price.
    mostly = clash_dates >= UNNAMED_SERIES_SHARE * held
    several = (extra_rows >= UNNAMED_SERIES_MIN_ROWS) & mostly
    if not named:
        # A file none of whose dates holds one price is no series with a correction or two: a day's
        # price list of a few items ("Date,Item,Price", a file a day) had loaded its first item's
        # price under the file's name, the others rejected as conflicting duplicates of it.
        several |= clash_dates == held
        # Rows of a date a text column names apart (a market, an item) are two instruments, not a
        # correction, however few: a file of a few days had loaded one item's price, then another's.
        several |= np.isin(clash_files, told)
    if not several.any():
        return
    if named:
        # One ticker's rows show the file's layout (a day's 12-hour bars, each board's row): its
        # other tickers whose dates mostly clash too are that layout with fewer dates, not
        # corrections. A ticker of two dates had loaded its first bar of each as the day's price.
        # The same file's only: read with another office's file (group.py), a ticker corrected
        # once was rejected beside the other file's contracts, and read alone it loaded.
        several = mostly & np.isin(clash_files % files, clash_files[several] % files) if files > 1 else mostly
    reasons = np.array([
        f"several series under one ticker: {count} of its {n} dates hold rows of different prices (exchange "
        "boards, contracts, strikes, a day's bars...); map the column that tells them apart, or keep one series"
        if named else
        f"unnamed series: {count} of the file's {n} dates hold rows of different prices and no column names "
        "their ticker (or time of day): several instruments, or a day's bars, in one file; map the column that "
        "tells them apart" + (_RESENT if few else "")
        for count, n, few in zip(clash_dates[several].tolist(), held[several].tolist(),
                                 ((extra_rows < UNNAMED_SERIES_MIN_ROWS) & ~np.isin(clash_files, told))[several]
                                 .tolist())], dtype=object)
    # One lookup for every accepted row, not a pass over them per ticker: a file of thousands of
    # tickers each on two boards had spent seconds here.
    rejected = clash_files[several]
    at = np.minimum(np.searchsorted(rejected, file_keys[accepted]), rejected.size - 1)
    mine = rejected[at] == file_keys[accepted]
    r.set_rows(accepted[mine], reasons[at[mine]])


def _clashes(extra: np.ndarray, file_keys: np.ndarray, days: np.ndarray, judged: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Of the files with rows past their date's first (`extra`: those rows' ticker_day_key), in order:
    the files, how many of their dates clash, how many such rows each has, and how many dates each
    holds among rows `judged`. Dates are counted by hashing: a sort of every accepted row had cost
    more than the rest of check_unnamed_series."""
    clash_files, clash_dates = np.unique(split_ticker_day_key(np.unique(extra))[0], return_counts=True)
    extra_rows = np.unique(split_ticker_day_key(extra)[0], return_counts=True)[1]  # the same files, in order
    file_days = pd.unique(ticker_day_key(file_keys[judged], days[judged]))
    held = pd.Series(split_ticker_day_key(file_days)[0]).value_counts().reindex(clash_files).to_numpy()
    return clash_files, clash_dates, extra_rows, held


def check_unnamed_behind_values(r: Reasons, file_keys: np.ndarray, days: np.ndarray, values: dict[str, np.ndarray],
                                valued: np.ndarray, found: Repeats | None = None) -> None:
    """check_unnamed_series' count (rows past their date's first, on most of the file's dates) over
    the rows still accepted of files without a ticker column and the rows rejected for their values
    (`valued`): the accepted rows of a file so judged are rejected. Those rejected rows were dates'
    other instruments as often as bad rows of the one series: FinRL's long table, its ticker column
    "tic" unread, had every stock's rows rejected for a close under the low but one's, whose clean
    series loaded under the file's name. Only the count, not the rules for a row or two (a file a
    day, a column naming rows apart): a day's list of a few items, one good, reads as before.
    Told apart by their open, high and low, not the close: a copy of the series appended to it whose
    closes are adjusted (under their lows), or whose high and low are swapped, shares each day's bar
    and is no second instrument. A row of zeros writes no price: a block of them beside the series
    (a placeholder, a suspended day) names no other instrument; a negative price is one written.
    `found`: the accepted rows' repeats (accepted_repeats), None where no two share a date."""
    bad = np.flatnonzero(valued)
    counted = np.zeros_like(valued)
    counted[bad[~np.logical_and.reduce([(values[c][bad] == 0) | np.isnan(values[c][bad]) for c in _TRADED])]] = True
    if found is None:
        # Each accepted row on a date of its own, each clashing date holds a counted row: a file
        # with fewer of those than half its accepted rows clashes on too few dates (one with none
        # accepted has nothing to reject). A count, not a sort of every row: a fifth of a second a
        # million rows, for a file with a bad row or two.
        size = int(file_keys.max()) + 1
        kept, rejected = np.bincount(file_keys[r.ok], minlength=size), np.bincount(file_keys[counted], minlength=size)
        if ((rejected < UNNAMED_SERIES_SHARE * kept) | (kept == 0)).all():
            return
    seen = r.ok | counted
    repeats = _repeats_among(seen, file_keys, days)
    if repeats is None:
        return
    rows, key = _apart_from_kept(r, repeats, values)
    # The bar's extremes whichever way written: a copy with high and low swapped is the same bar.
    high, low = values["high"][rows], values["low"][rows]
    bar = {"open": values["open"][rows], "high": np.fmax(high, low), "low": np.fmin(high, low)}
    distinct = pd.DataFrame({"key": key, **bar}).drop_duplicates()
    extra = distinct["key"].to_numpy()[_other_prices(distinct, list(bar))]
    if extra.size < UNNAMED_SERIES_MIN_ROWS:
        return
    clash_files, clash_dates, extra_rows, held = _clashes(extra, file_keys, days, np.flatnonzero(seen))
    several = (extra_rows >= UNNAMED_SERIES_MIN_ROWS) & (clash_dates >= UNNAMED_SERIES_SHARE * held)
    if not several.any():
        return
    for f, count, n in zip(clash_files[several].tolist(), clash_dates[several].tolist(), held[several].tolist()):
        r.set(file_keys == f,  # its accepted rows: the others keep their reasons
              f"unnamed series: {count} of the file's {n} dates hold rows of different prices, counting rows "
              "rejected for their values, and no column names their ticker (or time of day): several instruments, "
              "or a day's bars, in one file, the others' rows rejected; map the column that tells them apart")


def _apart_from_kept(r: Reasons, repeats: Repeats, values: dict[str, np.ndarray]) -> Repeats:
    """`repeats` without the rejected rows that write a price (open, high, low or close) one of their
    date's accepted rows writes: that bar written again, not another instrument's. A quote row
    beside the day's bar (its bid and ask in high and low, under each other, its open the close), a
    bad row and its correction (a high mistyped under the low), a copy re-sent with its high and low
    zero or its open rounded: each shares a price with the bar kept, and one series of such rows
    had been refused whole. Another stock's bar, at its own price level, shares none but by chance
    on a date or two, too few for half the file's dates. Exact equality: the same number written."""
    rows, key = repeats
    kept = r.ok[rows]
    # Each (date, price) written as one integer: the date's code times the count of prices plus
    # the price's, exact (no hash of the two), a NaN none.
    price, prices = pd.factorize(np.concatenate([values[c][rows] for c in _TRADED]))
    date = np.tile(pd.factorize(key)[0], len(_TRADED))
    pair = np.where(price >= 0, date * (len(prices) + 1) + price, -1)
    pair = pair.reshape(len(_TRADED), -1)
    written = pair[:, kept].ravel()
    asked = pair[:, ~kept]
    shares = (pd.Series(asked.ravel()).isin(written[written >= 0]).to_numpy().reshape(asked.shape)).any(axis=0)
    apart = kept.copy()
    apart[~kept] = ~shares
    return rows[apart], key[apart]


def _every_row_repeated(r: Reasons, file_keys: np.ndarray, key: np.ndarray, extra: np.ndarray) -> bool:
    """Whether a file with a clashing date (`extra`: keys of rows past their date's first) has every
    accepted row on a date of several rows (`key`: those rows' keys), as a file none of whose dates
    holds one price has. A count, cheap beside hashing every accepted row's date to count the
    file's dates: a file of thousands of days with one corrected row had paid that (a tenth of a
    second a million rows) to find it was no such file."""
    repeated = split_ticker_day_key(key)[0]
    return any(np.count_nonzero((file_keys == f) & r.ok) == np.count_nonzero(repeated == f)
               for f in np.unique(split_ticker_day_key(extra)[0]).tolist())


def _other_prices(distinct: pd.DataFrame, traded: list[str]) -> np.ndarray:
    """Which rows of `distinct` (each key's distinct rows, in file order) hold other prices than
    their key's first row. Not those that differ only by rounding: a download appended to an older
    copy of itself that had been saved with fewer decimals (Yahoo's "185.639999" beside Excel's
    "185.64") is one series, whose every row had been rejected as several. Values within half a
    unit of the last decimal the coarser copy writes are the same price. A copy is a ticker's n-th
    row of each date, its decimals the most any of its values shows: a price that ends in zeros
    ("268.60" read as 268.6) is no coarser copy."""
    occurrence = distinct.groupby("key", sort=False).cumcount().to_numpy()
    later = occurrence > 0
    if not later.any() or not traded:
        return later
    prices = distinct[traded].to_numpy(dtype=np.float64)
    firsts = distinct.groupby("key", sort=False)[traded].transform("first").to_numpy(dtype=np.float64)
    copy = pd.DataFrame({"ticker": distinct["key"].to_numpy() >> 32, "n": occurrence,
                         "decimals": written_decimals(prices).max(axis=1)})
    shown = copy.groupby(["ticker", "n"])["decimals"].transform("max").to_numpy()
    first_shown = copy.assign(decimals=np.where(later, -1, shown)).groupby("ticker")["decimals"].transform("max")
    decimals = np.minimum(shown, first_shown.to_numpy())
    half_unit = 0.5 * 10.0 ** -decimals.astype(np.float64) * (1 + 1e-9)
    return later & (np.abs(prices - firsts) > half_unit[:, None]).any(axis=1)


def written_decimals(v: np.ndarray) -> np.ndarray:
    """The fewest decimals (0 to 9, else 10) each value is written with, as its float tells. Tried
    from none up, each value until it fits: most prices settle within two or three tries."""
    flat = v.ravel()
    out = np.full(flat.size, 10, dtype=np.int64)
    todo = np.arange(flat.size)
    for k in range(10):
        scaled = flat[todo] * 10.0 ** k
        fits = np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(np.abs(scaled), 1.0)
        out[todo[fits]] = k
        todo = todo[~fits]
        if not todo.size:
            break
    return out.reshape(v.shape)


def series_reason(ticker: str, reason: str) -> str:
    """The reason a row of one ticker among several side by side is rejected, naming the ticker."""
    return f"{ticker}: {reason}"


def ticker_day_key(codes: np.ndarray, days: np.ndarray) -> np.ndarray:
    """One int64 per (ticker code, day number): sorts and compares as the pair does."""
    return (codes.astype(np.int64) << 32) | (days.astype(np.int64) + (1 << 31))


def split_ticker_day_key(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return key >> 32, (key & 0xFFFFFFFF) - (1 << 31)


Repeats = tuple[np.ndarray, np.ndarray]  # rows, and their ticker_day_key


def accepted_repeats(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray) -> Repeats | None:
    """The rows still accepted whose ticker and day another such row shares, or None: the rules on
    repeats have nothing to do then (most files), and one sort tells."""
    return _accepted_repeats(r, ticker_codes, days, 2)


def _repeats_now(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray, found: Repeats | None) -> Repeats | None:
    """The accepted repeats, from `found` when given: rules only reject rows, so today's repeats are
    those of `found` still accepted that still share their key, and sorting those few keys is enough."""
    if found is None:
        return _accepted_repeats(r, ticker_codes, days, 2)
    rows, key = found
    still = r.ok[rows]
    rows, key = rows[still], key[still]
    involved = _repeated(key) if rows.size >= 2 else None
    return None if involved is None else (rows[involved], key[involved])


def _accepted_repeats(r: Reasons, ticker_codes: np.ndarray, days: np.ndarray, least: int) -> Repeats | None:
    """(rows, their ticker_day_key) of the rows still accepted whose ticker and day another such
    row shares; None when none does or fewer than `least` rows are accepted."""
    return _repeats_among(r.ok, ticker_codes, days, least)


def _repeats_among(rows: np.ndarray, ticker_codes: np.ndarray, days: np.ndarray, least: int = 2) -> Repeats | None:
    """As _accepted_repeats, among the rows of the mask `rows`."""
    idx = np.flatnonzero(rows)
    if idx.size < least:
        return None
    key = ticker_day_key(ticker_codes[idx], days[idx])
    involved = _repeated(key)
    return None if involved is None else (idx[involved], key[involved])


def _repeated(key: np.ndarray) -> np.ndarray | None:
    """Whether each key occurs more than once, or None when none does (most files): one sort,
    which costs a small part of building a pandas Series per file."""
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    same_as_next = ordered[1:] == ordered[:-1]
    if not same_as_next.any():
        return None
    involved = np.empty(key.size, dtype=bool)
    involved[order] = np.r_[same_as_next, False] | np.r_[False, same_as_next]
    return involved
