"""Which day each ticker of an "_east" epoch column's bars stands for, under the trading week."""
import numpy as np
import pyarrow as pa
import pytest

from backintime_assets.normalisation.east_days import WholeFile, east_readings, session_days
from backintime_assets.normalisation.parse import parse_dates
from backintime_assets.trading_week import MON_FRI, TradingWeek

_MONDAY = 1704067200  # 2024-01-01 00:00 UTC
_DAY = 86400
SUN_THU, EVERY_DAY = TradingWeek.parse("sun-thu"), TradingWeek.parse("mon-sun")


def _read(stamps: list[int], codes: list[int], week: TradingWeek = MON_FRI) -> list[str]:
    cells = pa.array([str(s) for s in stamps])
    east, utc = parse_dates(cells, "epoch_s_east"), parse_dates(cells, "epoch_s")
    days = session_days(east, utc, np.array(codes), week, np.array(stamps, dtype=float)).values
    return np.array([np.datetime64(int(d), "D") for d in days]).astype(str).tolist()


def _days(first: str, n: int) -> list[str]:
    return [str(np.datetime64(first) + k) for k in range(n)]


def test_a_ticker_stamped_on_friday_evenings_is_read_by_its_utc_days():
    # Ticker 0: an ASX session stamped 23:00 UTC the day before; ticker 1: New York's open, 14:30 UTC.
    asx = [_MONDAY - 3600 + _DAY * k for k in range(5)]
    new_york = [_MONDAY + 52200 + _DAY * k for k in range(5)]
    days = _read(asx + new_york, [0] * 5 + [1] * 5)
    week = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    assert days == week + week


def test_a_ticker_stamped_on_both_weekend_evenings_keeps_the_files_reading():
    # Sunday and Friday evenings: no reading is a week of weekdays; it reads as the file's other
    # ticker does (its weekend row is rejected either way).
    stamps = [_MONDAY - 3600 + _DAY * k for k in range(6)]  # Sunday 23:00 to Friday 23:00
    days = _read(stamps + [_MONDAY - 3600], [0] * 6 + [1])
    assert days == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05",
                    "2024-01-06", "2024-01-01"]


def test_a_stray_weekend_session_does_not_turn_the_ticker_a_day_early():
    # Three weeks of an ASX ticker and one make-up Saturday session (stamped on Friday evening).
    weeks = [_MONDAY - 3600 + _DAY * (7 * w + k) for w in range(3) for k in range(5)]
    days = _read(weeks + [_MONDAY - 3600 + _DAY * 5], [0] * 16)
    assert days[:5] == _days("2024-01-01", 5) and days[-1] == "2024-01-06"


@pytest.mark.parametrize("week", [SUN_THU, EVERY_DAY, MON_FRI])
@pytest.mark.parametrize("hour", [21, 20])  # Riyadh's midnight; Cairo's in summer time
def test_sunday_to_thursday_sessions_stamped_at_their_midnight_read_as_their_days(hour, week):
    # 2023-12-30 was a Saturday: Sunday the 31st's session stamped that evening. By UTC days every
    # bar was a day early: Monday's on Sunday (loaded under Sunday to Thursday or every day).
    saturday = _MONDAY - 2 * _DAY + hour * 3600
    stamps = [saturday + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    assert _read(stamps, [0] * 10, week)[:5] == ["2023-12-31", "2024-01-01", "2024-01-02", "2024-01-03",
                                                 "2024-01-04"]


def test_a_stray_session_on_a_closed_day_leaves_the_weeks_reading():
    # Three weeks of Tadawul sessions at Riyadh's midnight and one stamped on a Thursday evening
    # (a Friday's): no week of five sessions shows, but by the UTC days every Sunday's session is on
    # a Saturday; by the next days one row is on a Friday. Rejected, that one.
    saturday = _MONDAY - 2 * _DAY + 21 * 3600
    stamps = [saturday + _DAY * (7 * w + k) for w in range(3) for k in range(5)] + [saturday + 5 * _DAY]
    days = _read(stamps, [0] * 16, SUN_THU)
    assert days[:5] == ["2023-12-31", "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]
    assert days[-1] == "2024-01-05"


def test_every_day_bars_stamped_at_a_midnight_east_of_utc_read_as_the_next_days_every_day():
    # OKX's Hong Kong days: 00:00 HKT, 16:00 UTC the day before. Under every day both readings fit
    # the week; a 24-hour market's daily bar is stamped at its open, so the evening is a midnight.
    stamps = [_MONDAY - 8 * 3600 + _DAY * k for k in range(14)]
    assert _read(stamps, [0] * 14, EVERY_DAY) == _days("2024-01-01", 14)
    # Monday to Friday: as before, read by the UTC days (a weekend either way).
    assert _read(stamps, [0] * 14, MON_FRI) == _days("2023-12-31", 14)


def test_every_day_bars_stamped_at_their_close_keep_their_utc_day():
    # Binance's close time: 23:59:59 of the UTC day. No time zone's midnight.
    stamps = [_MONDAY + _DAY - 1 + _DAY * k for k in range(14)]
    assert _read(stamps, [0] * 14, EVERY_DAY) == _days("2024-01-01", 14)


def test_a_ticker_of_few_bars_takes_the_files_reading():
    # Two weeks of an ASX ticker and a ticker of two midweek bars, stamped alike.
    asx = [_MONDAY - 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    few = [_MONDAY - 3600 + _DAY * 2, _MONDAY - 3600 + _DAY * 3]
    assert _read(asx + few, [0] * 10 + [1] * 2)[-2:] == ["2024-01-03", "2024-01-04"]
    # Alone (a file of the layout, its schema borrowed) nothing tells against the detection's reading.
    assert _read(few, [1, 1]) == ["2024-01-03", "2024-01-04"]
    # Stamped off a midnight's clock (a close, 23:59:59) and nothing tells: the UTC days.
    closes = [_MONDAY + _DAY * 2 - 1, _MONDAY + _DAY * 3 - 1]
    assert _read(closes, [1, 1]) == ["2024-01-02", "2024-01-03"]


def test_a_ticker_of_few_bars_at_another_clock_keeps_its_utc_days():
    # Two weeks of an ASX ticker (23:00 UTC the evening before) and four midweek bars of a New York
    # one at its open (14:30 UTC, its own day): those took the ASX ticker's reading and loaded a day
    # late, silently. Within an hour of its clock (a clock change), a few bars still follow it.
    asx = [_MONDAY - 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    spy = [_MONDAY + 52200 + _DAY * k for k in range(4)]
    assert _read(asx + spy, [0] * 10 + [1] * 4)[-4:] == _days("2024-01-01", 4)
    summer = [_MONDAY - 7200 + _DAY * 2, _MONDAY - 7200 + _DAY * 3]  # 22:00, an hour before
    assert _read(asx + summer, [0] * 10 + [1] * 2)[-2:] == ["2024-01-03", "2024-01-04"]
    # Bars of every day at a midnight east of UTC (OKX's, 16:00 UTC) follow the file's still.
    okx = [_MONDAY - 8 * 3600 + _DAY * k for k in range(14)]
    assert _read(asx + okx, [0] * 10 + [1] * 14)[-14:] == _days("2024-01-01", 14)


def test_a_few_bars_with_a_last_one_at_the_clock_of_another_ticker_keep_their_utc_days():
    # Three New York opens (14:30 UTC) and a last bar at the download's latest trade (22:37, after
    # hours) beside two weeks of an ASX ticker (23:00): the last bar near the ASX clock took all four
    # a day late, silently. Every evening stamp of the few bars must lie within the hour.
    asx = [_MONDAY - 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    spy = [_MONDAY + 52200 + _DAY * k for k in range(3)] + [_MONDAY + 3 * _DAY + 81420]
    assert _read(asx + spy, [0] * 10 + [1] * 4)[-4:] == _days("2024-01-01", 4)


def test_weekday_bars_and_sunday_evening_bars_keep_their_utc_days_every_day():
    # New York's opens (14:30 UTC) Monday to Friday and a vendor's Sunday-evening futures open
    # (23:00 UTC) before each Monday: under a week of every day neither reading closes a day, and
    # the ticker took the detection's next days, every bar a day late (Fridays' on Saturdays).
    opens = [_MONDAY + 52200 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    sundays = [_MONDAY - 3600 + 7 * _DAY * w for w in range(2)]
    days = _read(opens + sundays, [0] * 12, EVERY_DAY)
    assert days[:10] == [d for w in range(2) for d in _days(str(np.datetime64("2024-01-01") + 7 * w), 5)]
    assert days[10:] == ["2023-12-31", "2024-01-07"]
    # An exchange's sessions east of UTC (Sunday to Thursday evenings) with one stray Friday stamp
    # still read as the next days.
    asx = [_MONDAY - 3600 + _DAY * (7 * w + k) for w in range(3) for k in range(5)] + [_MONDAY - 3600 + 5 * _DAY]
    assert _read(asx, [0] * 16, EVERY_DAY)[:5] == _days("2024-01-01", 5)
    # So does one week with a special Saturday session (NSE's 2025 budget day): one Friday, one Sunday.
    nse = [1737916200 + _DAY * k for k in range(6)]  # 2025-01-26 18:30 UTC (Monday 27th at midnight in India)
    assert _read(nse, [0] * 6, EVERY_DAY) == _days("2025-01-27", 6)


def test_two_weeks_and_one_stray_session_read_as_the_sundays_say():
    # NSE at India's midnight (18:30 UTC the day before), two weeks about the 2025 budget's Saturday
    # session (stamped on Friday evening): two Sundays' stamps against one stray. By their UTC days
    # every bar loaded a day early (Tuesday's on Monday), silently.
    stamps = [_MONDAY - 19800 + _DAY * (7 * w + k) for w in range(2) for k in range(5)] + [_MONDAY - 19800 + _DAY * 5]
    days = _read(stamps, [0] * 11)
    assert days[:5] == _days("2024-01-01", 5) and days[-1] == "2024-01-06"


@pytest.mark.parametrize("week", [MON_FRI, EVERY_DAY])
def test_every_day_bars_stamped_at_their_close_keep_their_utc_days_beside_a_ticker_read_so(week):
    # Binance's close time (23:59:59 of the UTC day) for BTC and for a coin listed five days, Sunday
    # to Thursday: the new coin's stamps look like an ASX week's, read as the next days; BTC's, on
    # every day at no time zone's midnight, are its UTC days and took the new coin's reading.
    btc = [_MONDAY + _DAY - 1 + _DAY * k for k in range(28)]
    new = [_MONDAY - 1 + _DAY * k for k in range(14, 19)]  # 2024-01-14 (a Sunday) to the 18th
    assert _read(btc + new, [0] * 28 + [1] * 5, week)[:28] == _days("2024-01-01", 28)


def test_every_day_bars_stamped_at_noon_utc_keep_their_utc_days_every_day():
    # A date put at noon UTC (clear of every time zone's midnight) is no 24-hour market's open.
    stamps = [_MONDAY + _DAY // 2 + _DAY * k for k in range(14)]
    assert _read(stamps, [0] * 14, EVERY_DAY) == _days("2024-01-01", 14)


@pytest.mark.parametrize("week", [MON_FRI, EVERY_DAY])
def test_bars_stamped_at_a_close_read_by_their_utc_days_however_few_their_weekdays(week):
    # A coin's first five days at Binance's close time, Sunday to Thursday: an ASX week's weekdays,
    # but 23:59:59 is no time zone's midnight nor any exchange's open. Read as the next days, each
    # loaded a day late (Sunday's on Monday, ...), silently.
    stamps = [_MONDAY - 1 + _DAY * k for k in range(5)]  # 2023-12-31 (a Sunday) to 2024-01-04
    assert _read(stamps, [0] * 5, week) == _days("2023-12-31", 5)


def test_monthly_bars_stamped_on_every_weekday_keep_their_utc_days_every_day():
    # A month's bar on its first day at New York's open (14:30 UTC), four years of them: stamped on
    # every weekday, at a quarter hour, but no 24-hour market's daily bars. Read as the next days,
    # each loaded on the 2nd, silently.
    firsts = [np.datetime64("2020-01") + k for k in range(48)]
    stamps = [int(m.astype("datetime64[D]").astype(np.int64)) * _DAY + 52200 for m in firsts]
    assert _read(stamps, [0] * 48, EVERY_DAY) == [str(m.astype("datetime64[D]")) for m in firsts]


def _as_pieces(stamps: list[int], names: list[str], cuts: list[int], week: TradingWeek = MON_FRI) -> list[str]:
    """The rows read piece by piece (cut before each of `cuts`) by readings decided over them all,
    as ingestion/parsed.py reads a large file: a first read gathers, a second reads."""
    whole = WholeFile(week)
    pieces = list(zip([0, *cuts], [*cuts, len(stamps)]))
    days: list[str] = []
    for gathering in (True, False):
        for start, stop in pieces:
            cells = pa.array([str(s) for s in stamps[start:stop]])
            words, codes = np.unique(np.array(names[start:stop], dtype=object), return_inverse=True)
            east, utc = parse_dates(cells, "epoch_s_east"), parse_dates(cells, "epoch_s")
            seconds = np.array(stamps[start:stop], dtype=float)
            read = session_days(east, utc, codes, week, seconds, whole=whole, names=words).values
            whole.piece_read()
            if not gathering:
                days += np.array([np.datetime64(int(d), "D") for d in read]).astype(str).tolist()
        if gathering:
            whole.decide()
    return days


@pytest.mark.parametrize("cuts", [[12], [7, 12], list(range(1, 15)), [3, 11, 14]])
def test_a_file_read_in_pieces_reads_each_ticker_as_read_whole(cuts):
    # Ten ASX sessions (Sunday to Thursday evenings, 23:00 UTC) and a week of New York's (14:30 UTC).
    # A piece alone reads New York's first rows as its ASX rows (a day late), and a piece of the
    # ASX's midweek rows beside New York's Friday as New York's (a day early).
    asx = [_MONDAY - 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    new_york = [_MONDAY + 52200 + _DAY * k for k in range(5)]
    stamps, names = asx + new_york, ["BHP.AX"] * 10 + ["SPY"] * 5
    whole = _read(stamps, [0] * 10 + [1] * 5)
    assert whole == _days("2024-01-01", 5) + _days("2024-01-08", 5) + _days("2024-01-01", 5)
    assert _as_pieces(stamps, names, cuts) == whole


def test_a_piece_judged_again_counts_its_evidence_once():
    # Two Sunday evenings in one piece, two Friday evenings in the next: as many each side, no
    # reading tells, and the ticker keeps its UTC days. Counted twice (normalisation judges a
    # piece's rows again under stacked tables' tickers), the Sundays outnumbered the Fridays and
    # turned it a day late.
    sundays = [_MONDAY - 3600 + _DAY * 7, _MONDAY - 3600 + _DAY * 14]
    fridays = [_MONDAY - 3600 + _DAY * 5, _MONDAY - 3600 + _DAY * 12]
    assert _read(sundays + fridays, [0] * 4) == ["2024-01-07", "2024-01-14", "2024-01-05", "2024-01-12"]
    whole = WholeFile(MON_FRI)
    for stamps, judgments in ((sundays, 2), (fridays, 1)):
        cells = pa.array([str(s) for s in stamps])
        east, utc = parse_dates(cells, "epoch_s_east"), parse_dates(cells, "epoch_s")
        for _ in range(judgments):
            whole.judged_again()
            session_days(east, utc, np.zeros(2, np.int64), MON_FRI, np.array(stamps, float), whole=whole,
                         names=np.array(["BHP.AX"], dtype=object))
        whole.piece_read()
    whole.decide()
    assert whole.east_for(np.array(["BHP.AX", "SPY"])).tolist() == [False, False]


def test_tickers_side_by_side_in_pieces_are_each_read_as_read_whole():
    # A table of two tickers side by side, read once per ticker (normalise.py): New York's week
    # (its UTC days) and two midweek bars that tell nothing, which alone keep the detection's
    # reading. Gathered as one file's, the second took New York's reading.
    new_york = [_MONDAY + 52200 + _DAY * k for k in range(5)]
    few = [_MONDAY - 3600 + _DAY * 2, _MONDAY - 3600 + _DAY * 3]
    assert _read(few, [0, 0]) == ["2024-01-03", "2024-01-04"]
    whole = WholeFile(MON_FRI)
    for gathering in (True, False):
        read = []
        for stamps, name in ((new_york, "SPY"), (few, "BHP.AX")):
            cells = pa.array([str(s) for s in stamps])
            east, utc = parse_dates(cells, "epoch_s_east"), parse_dates(cells, "epoch_s")
            read.append(session_days(east, utc, np.zeros(len(stamps), np.int64), MON_FRI, np.array(stamps, float),
                                     whole=whole, names=np.array([name], dtype=object)).values)
        if gathering:
            whole.decide()
    assert [str(np.datetime64(int(d), "D")) for d in read[1]] == ["2024-01-03", "2024-01-04"]


@pytest.mark.parametrize("week", [MON_FRI, EVERY_DAY])
def test_a_live_last_bar_alone_in_the_evening_keeps_its_utc_day(week):
    # A coin's daily bars at 00:00 UTC and the download's live bar stamped at its latest trade, on a
    # Sunday afternoon (Yahoo's BTC-USD): its only evening stamp, off the clock. Taken for a midnight
    # east of UTC, Sunday's partial bar loaded as Monday's, silently.
    stamps = [_MONDAY + _DAY * k for k in range(6)] + [_MONDAY + _DAY * 6 + 52632]  # 2024-01-07 14:37:12
    assert _read(stamps, [0] * 7, week) == _days("2024-01-01", 7)


@pytest.mark.parametrize("hour", [11, 12])  # UTC+13's midnight (NZ summer), UTC+12's (winter)
def test_new_zealand_sessions_stamped_at_their_midnight_read_as_the_next_days(hour):
    # An NZX session stamped at Wellington's midnight, in UTC the day before: Sunday to Thursday.
    # In summer 11:00 UTC is before noon, nearer its own UTC day's midnight than the next: every
    # bar loaded a day early (Monday's rejected as a Sunday's), silently.
    sunday = _MONDAY - _DAY + hour * 3600
    stamps = [sunday + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    assert _read(stamps, [0] * 10) == _days("2024-01-01", 5) + _days("2024-01-08", 5)
    text = pa.array([f"{np.datetime64(s, 's')}Z" for s in stamps])
    east, utc, seconds = east_readings(text, "%Y-%m-%dT%H:%M:%S%z_east", parse_dates(text, "%Y-%m-%dT%H:%M:%S%z"))
    days = session_days(east, utc, np.zeros(10, np.int64), MON_FRI, seconds).values
    assert np.array([np.datetime64(int(d), "D") for d in days]).astype(str).tolist()[:5] == _days("2024-01-01", 5)


@pytest.mark.parametrize("hour", [11, 12, 12.5])  # the Gulf's closes: Tadawul 12:00 UTC, Egypt 12:30
def test_sunday_to_thursday_midday_stamps_read_as_the_week_says(hour):
    # At their close a Sunday-to-Thursday market's bars are stamped at midday UTC on their own days,
    # as NZX's at its midnight are the day before theirs: the stamps alike, the week tells. Under
    # Sunday to Thursday they read as NZX's, and each loaded a day late (Thursday's rejected).
    sunday = _MONDAY - _DAY + int(hour * 3600)
    stamps = [sunday + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    assert _read(stamps, [0] * 10, SUN_THU)[:5] == _days("2023-12-31", 5)
    if hour != int(hour):  # off the whole hour no NZX midnight (below)
        return
    assert _read(stamps, [0] * 10, MON_FRI)[:5] == _days("2024-01-01", 5)


@pytest.mark.parametrize("week", [MON_FRI, SUN_THU, EVERY_DAY])
@pytest.mark.parametrize("clock", [(11.5,), (12.5,), (11.5, 12.5)])  # Egypt's close (14:30 Cairo), summer and winter
def test_midday_stamps_off_the_whole_hour_are_a_close_on_its_own_day(week, clock):
    # NZX's midnights are 11:00 or 12:00 UTC: a Sunday-to-Thursday market's close at 11:30 or 12:30
    # UTC is its own day's under any week. Taken for NZX's under Monday to Friday, each Sunday's
    # session loaded on Monday and each Thursday's on Friday, silently (its UTC days rejected the
    # Sundays, as a closed day's, before 11:00 UTC was an evening).
    stamps = [_MONDAY - _DAY + int(clock[w % len(clock)] * 3600) + _DAY * (7 * w + k)
              for w in range(2) for k in range(5)]
    utc_days = [str(np.datetime64(s // _DAY, "D")) for s in stamps]
    assert _read(stamps, [0] * 10, week) == utc_days
    # A last bar at its latest trade (11:37) does not make an NZX ticker's midnights a close.
    nzx = [_MONDAY - _DAY + 11 * 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    assert _read(nzx[:-1] + [nzx[-1] + 37 * 60], [0] * 10, week)[:5] == (
        _days("2023-12-31", 5) if week == SUN_THU else _days("2024-01-01", 5))


@pytest.mark.parametrize("week", [MON_FRI, EVERY_DAY])
def test_weekday_bars_stamped_at_midday_utc_keep_their_utc_days(week):
    # Dubai's close (11:00 UTC), Frankfurt's noon: Monday to Friday on their own days, the Fridays say so.
    stamps = [_MONDAY + 11 * 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    assert _read(stamps, [0] * 10, week)[:5] == _days("2024-01-01", 5)
    every_day = [_MONDAY + 11 * 3600 + _DAY * k for k in range(14)]  # a coin's days at 11:00 UTC: no one's open
    assert _read(every_day, [0] * 14, EVERY_DAY) == _days("2024-01-01", 14)


@pytest.mark.parametrize("week", [MON_FRI, EVERY_DAY])
def test_new_zealand_sessions_beside_a_new_york_ticker_read_as_the_next_days(week):
    # Beside New York's opens (its UTC days, Fridays and all), NZX's winter midnights (12:00 UTC)
    # are still the next days under a week that does not open on Sunday, every day too.
    nzx = [_MONDAY - _DAY + 12 * 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    new_york = [_MONDAY + 52200 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    days = _read(nzx + new_york, [0] * 10 + [1] * 10, week)
    fortnight = _days("2024-01-01", 5) + _days("2024-01-08", 5)
    assert days == fortnight + fortnight


def test_a_few_midweek_bars_at_a_midday_close_do_not_follow_an_nzx_ticker():
    # A fixing or close at 11:30 UTC (three midweek bars) beside NZX's summer midnights (11:00 UTC):
    # within an hour of its clock, the few bars followed its next days and loaded a day late, silently.
    nzx = [_MONDAY - _DAY + 11 * 3600 + _DAY * (7 * w + k) for w in range(2) for k in range(5)]
    fixing = [_MONDAY + _DAY * k + 11 * 3600 + 1800 for k in (1, 2, 3)]
    assert _read(nzx + fixing, [0] * 10 + [1] * 3)[10:] == _days("2024-01-02", 3)
