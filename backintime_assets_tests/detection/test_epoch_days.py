"""Daily bars stamped as Unix epochs east of UTC: which stamps may be the next day's sessions (the
week decides which are: backintime_assets_tests/normalisation/test_east_days.py)."""
from datetime import date, datetime, timedelta, timezone

import pytest

from backintime_assets.detection.columns import infer_column_type
from backintime_assets.detection import detect_bytes
from backintime_assets.detection.epoch_days import east_format, evenings, header_says_utc, read_evenings
from backintime_assets.detection.epoch_days import may_be_stamped_east_of_utc as stamped_east_of_utc
from backintime_assets.detection.schema import ColumnSchema, FileSchema
from backintime_assets_tests.support.calendar import weekdays


def stamps(hour: float, days: list[date], day_before: bool) -> list[int]:
    """Epoch seconds of each day's bar stamped at `hour` UTC of that day (or of the day before)."""
    out = []
    for d in days:
        at = datetime(d.year, d.month, d.day, tzinfo=timezone.utc) + timedelta(hours=hour)
        out.append(int((at - timedelta(days=1) if day_before else at).timestamp()))
    return out


JANUARY = weekdays(date(2024, 1, 2), 15)


@pytest.mark.parametrize("hour", [
    23,  # Yahoo's chart API, ASX: the session's open, 10:00 in Sydney (AEDT)
    18.5,  # TradingView, NSE: the exchange's midnight, 00:00 in Mumbai
    15,  # TradingView, Tokyo
    13,  # TradingView, ASX (AEDT)
    22,  # a European exchange's midnight in summer time
    12,  # NZX's midnight in winter (NZST, UTC+12)
    11,  # NZX's midnight in summer (NZDT, UTC+13): before noon, it was taken for its own day's
])
def test_daily_bars_stamped_the_evening_before_are_the_next_days(hour):
    assert stamped_east_of_utc(stamps(hour, JANUARY, day_before=True))


def test_a_clock_change_mixes_evening_and_midnight_stamps():
    # ASX through April 7 2024: 10:00 AEDT is 23:00 UTC the day before, 10:00 AEST 00:00 UTC that day.
    days = weekdays(date(2024, 3, 25), 20)
    mixed = [s for d in days for s in stamps(23, [d], True) if d < date(2024, 4, 8)] + \
        [s for d in days for s in stamps(0, [d], False) if d >= date(2024, 4, 8)]
    assert stamped_east_of_utc(mixed)


@pytest.mark.parametrize("hour", [0, 4, 5, 8, 13.5, 14.5, 20, 21, 23.99])
def test_bars_stamped_on_their_own_day_stay_so(hour):
    # UTC midnight, New York's midnight, Frankfurt's morning, New York's open and close: the
    # stamp's UTC day is the bar's (23:59 on the day itself: Monday to Friday evenings).
    assert not stamped_east_of_utc(stamps(hour, JANUARY, day_before=False))


def test_bars_of_every_day_of_the_week_at_utc_midnight_stay_as_stamped():
    every_day = [date(2024, 1, 1) + timedelta(k) for k in range(21)]  # Binance's UTC days
    assert not stamped_east_of_utc(stamps(0, every_day, day_before=False))


@pytest.mark.parametrize("hour", [16, 23.99])
def test_bars_of_every_day_of_the_week_stamped_in_the_evening_are_left_to_the_week(hour):
    # OKX's Hong Kong days (00:00 HKT, 16:00 UTC the day before), or a UTC day's close (23:59:59):
    # no week is known here, so the column is marked and normalisation reads it by the week.
    every_day = [date(2024, 1, 1) + timedelta(k) for k in range(21)]
    assert stamped_east_of_utc(stamps(hour, every_day, day_before=False))


def test_sunday_to_thursday_sessions_stamped_at_riyadhs_midnight_may_be_the_next_days():
    # Tadawul through TradingView: Sunday's session at 00:00 in Riyadh, 21:00 UTC on Saturday. A
    # Saturday session was no Monday-to-Friday day, so the column was read by its UTC days: every
    # bar a day early (Monday's loaded on Sunday) under a Sunday-to-Thursday week.
    days = [date(2024, 1, 7) + timedelta(k) for k in range(21)]
    sessions = [d for d in days if d.weekday() in (6, 0, 1, 2, 3)]
    assert stamped_east_of_utc(stamps(21, sessions, day_before=True))


def test_intraday_bars_are_no_daily_bars():
    hourly = [s + 3600 * h for s in stamps(0, JANUARY, day_before=True) for h in range(22, 24)]
    assert not stamped_east_of_utc(hourly)


def test_bars_without_a_weekend_evening_tell_nothing():
    # Tuesday to Thursday's sessions, stamped Monday to Wednesday evening: no weekend shows which.
    assert not stamped_east_of_utc(stamps(23, JANUARY[:3], day_before=True))


def test_an_epoch_column_of_such_bars_gets_its_own_format():
    cells = [str(s) for s in stamps(23, JANUARY, day_before=True)]
    t = infer_column_type(cells, "timestamp", ".", None)
    assert (t.type, t.format) == ("timestamp", "epoch_s_east")
    ms = infer_column_type([c + "000" for c in cells], "c1", ".", None)  # unnamed: the stamps' clock vouches
    assert ms.format == "epoch_ms_east"
    plain = infer_column_type([str(s) for s in stamps(14.5, JANUARY, day_before=False)], "timestamp", ".", None)
    assert plain.format == "epoch_s"


def test_the_format_survives_the_schema_json():
    schema = FileSchema("a.csv", "utf-8", ",", '"', None, "\n", 0, 1, 0, ".", None, "csv",
                        [ColumnSchema("timestamp", "timestamp", "epoch_ms_east", 0.9, "date")])
    assert FileSchema.from_json(schema.to_json()).columns[0].format == "epoch_ms_east"


MARCH = weekdays(date(2021, 3, 1), 25)  # New York's clocks change on March 14, Sydney's on April 4


def _yahoo_asx(days: list[date]) -> list[int]:
    """The ASX's sessions at their open, 10:00 in Sydney: 23:00 UTC the day before (AEDT), 00:00 after April 4."""
    return [s for d in days for s in stamps(23, [d], True) if d <= date(2021, 4, 1)] + \
        [s for d in days for s in stamps(0, [d], False) if d > date(2021, 4, 1)]


def _yahoo_us(days: list[date]) -> list[int]:
    """New York's sessions at their open, 14:30 UTC (EST), 13:30 from March 15 (EDT)."""
    return [s for d in days for s in stamps(14.5 if d < date(2021, 3, 15) else 13.5, [d], False)]


@pytest.mark.parametrize("others", [
    _yahoo_us(MARCH),  # New York's open: the same nearest-midnight day as the ASX's next session
    _yahoo_us(MARCH) + stamps(0, [date(2021, 3, 1) + timedelta(k) for k in range(35)], False),  # and a coin's UTC days
    stamps(0, [date(2021, 3, 1) + timedelta(k) for k in range(35)], False),  # a coin beside: 00:00 an hour on
])
def test_an_asx_tickers_stamps_beside_other_exchanges_may_be_the_next_days(others):
    # A small file of BHP.AX beside SPY (Yahoo's stamps): the US stamps share the ASX ones' nearest
    # midnight, taken for two stamps a day (intraday), and fall at a third clock time after New
    # York's clock change. The column was read by its UTC days: BHP loaded a day early, its
    # Mondays rejected as dated on a Sunday. Each ticker's reading is normalisation's.
    assert stamped_east_of_utc(_yahoo_asx(MARCH) + others)


def test_several_tickers_last_bars_at_their_latest_trade_do_not_hide_an_asx_ticker():
    # Each of five New York tickers' downloads ends with a bar stamped at its latest trade, seconds
    # apart on one evening: times of their own, not an intraday ticker's hours.
    last = [s + 6 * 3600 + 29 * 60 + k for k, s in enumerate(_yahoo_us(MARCH)[-1:] * 5)]
    assert stamped_east_of_utc(_yahoo_asx(MARCH) + _yahoo_us(MARCH[:-1]) + last)


def test_other_exchanges_stamps_alone_stay_as_stamped():
    coin = stamps(0, [date(2021, 3, 1) + timedelta(k) for k in range(35)], False)
    us_close = [s + 6 * 3600 + 30 * 60 for s in _yahoo_us(MARCH)]  # 21:00 and 20:00 UTC
    assert not stamped_east_of_utc(_yahoo_us(MARCH) + coin + us_close)


@pytest.mark.parametrize("step", [3600, 1800, 900])
def test_intraday_bars_of_every_day_are_no_daily_bars(step):
    # A coin's bars through the day, every day: each time of day recurs, but an evening holds several.
    every_day = [date(2024, 1, 1) + timedelta(k) for k in range(10)]
    assert not stamped_east_of_utc([s + step * k for s in stamps(0, every_day, False) for k in range(86400 // step)])


def test_one_event_a_day_at_any_time_is_no_daily_bars():
    # Times of day that do not recur (a log of one trade a day) are no exchange's clock.
    days = [date(2024, 1, 1) + timedelta(k) for k in range(21)]
    assert not stamped_east_of_utc([s + 997 * k for k, s in enumerate(stamps(13, days, False))])


def _paris_and_helsinki(days: list[date]) -> tuple[list[int], list[str]]:
    """TradingView's stamps of a Paris ticker at its midnight (23:00 UTC the evening before, winter)
    and a Helsinki one at its own (22:00), and the ticker of each."""
    paris, helsinki = stamps(23, days, day_before=True), stamps(22, days, day_before=True)
    return paris + helsinki, ["AIR.PA"] * len(paris) + ["NOKIA.HE"] * len(helsinki)


def test_exchanges_an_hour_apart_are_each_one_bar_a_day_at_its_own_clock():
    # Two stamps an hour apart every evening: one ticker's hours, judged alone, so the column was
    # read by its UTC days and both loaded a day early. Told apart by their tickers, each is daily.
    seconds, tickers = _paris_and_helsinki(JANUARY)
    assert not stamped_east_of_utc(seconds)
    assert stamped_east_of_utc(seconds, tickers)
    assert east_format("epoch_s", [str(s) for s in seconds], tickers) == "epoch_s_east"
    assert east_format("epoch_ms", [f"{s}000" for s in seconds], tickers) == "epoch_ms_east"


def test_a_cell_of_infinity_among_the_epochs_is_no_stamp():
    # "inf" reads as a float: int() of it raised OverflowError, and the file's detection with it.
    seconds, tickers = _paris_and_helsinki(JANUARY)
    cells = [str(s) for s in seconds]
    cells[5] = "inf"
    assert east_format("epoch_s", cells, tickers) == "epoch_s_east"


def test_each_tickers_intraday_bars_are_no_daily_bars():
    # Two tickers' hourly bars: several stamps of one ticker an hour apart each evening.
    hourly = [s + 3600 * h for s in stamps(0, JANUARY, day_before=True) for h in range(20, 24)]
    assert not stamped_east_of_utc(hourly + hourly, ["AAA"] * len(hourly) + ["BBB"] * len(hourly))
    assert east_format("epoch_s", [str(s) for s in hourly], ["AAA"] * len(hourly)) == "epoch_s"


def _text(seconds: list[int], written: str) -> list[str]:
    return [datetime.fromtimestamp(s, timezone.utc).strftime(written) for s in seconds]


@pytest.mark.parametrize("fmt, written", [
    ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%SZ"),  # Yahoo/Binance-style ISO text
    ("%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S.000Z"),  # JavaScript's toISOString
    ("%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S+00:00"),  # pandas' to_csv of UTC stamps
    ("%Y-%m-%d %H:%M:%S %Z", "%Y-%m-%d %H:%M:%S UTC"),
])
def test_timestamp_text_that_says_utc_is_judged_as_epochs_are(fmt, written):
    asx = stamps(23, JANUARY, day_before=True)  # the ASX's opens, the evening before
    assert east_format(fmt, _text(asx, written)) == f"{fmt}_east"
    assert east_format(fmt, _text(stamps(5, JANUARY, day_before=False), written)) == fmt  # New York's midnight
    seconds, tickers = _paris_and_helsinki(JANUARY)
    assert east_format(fmt, _text(seconds, written), tickers) == f"{fmt}_east"


def test_timestamp_text_in_another_zone_or_none_is_read_as_written():
    asx = stamps(23, JANUARY, day_before=True)
    local = [datetime.fromtimestamp(s + 11 * 3600, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+11:00") for s in asx]
    assert east_format("%Y-%m-%dT%H:%M:%S%z", local) == "%Y-%m-%dT%H:%M:%S%z"
    assert east_format("%Y-%m-%dT%H:%M:%S", _text(asx, "%Y-%m-%dT%H:%M:%S")) == "%Y-%m-%dT%H:%M:%S"
    assert east_format("%Y-%m-%d", _text(asx, "%Y-%m-%d")) == "%Y-%m-%d"


@pytest.mark.parametrize("header, says", [
    ("Gmt time", True), ("Date (UTC)", True), ("time_utc", True), ("Timestamp UTC+0", True), ("GMT+00:00", True),
    ("Time (GMT+2)", False), ("UTC-05:00", False), ("Local time", False), ("Date", False), ("Outcome", False),
    ("Time (Riyadh, UTC/GMT+3)", False), ("Local time (UTC offset +03:00)", False),
])
def test_a_time_without_a_zone_under_a_header_that_says_utc_is_judged_as_utc_text(header, says):
    asx = stamps(23, JANUARY, day_before=True)
    fmt = "%d.%m.%Y %H:%M:%S.%f"
    assert header_says_utc(header) is says
    assert east_format(fmt, _text(asx, "%d.%m.%Y %H:%M:%S.000"), None, header) == (f"{fmt}_east" if says else fmt)
    # At UTC midnight, a day's bars are their days as written, whatever the header.
    assert east_format(fmt, _text(stamps(0, JANUARY, day_before=False), "%d.%m.%Y %H:%M:%S.000"), None, header) == fmt


def _detected_date(data: str, name: str = "a.csv") -> ColumnSchema:
    return next(c for c in detect_bytes(data.encode(), name).columns if c.canonical == "date")


def test_a_one_bar_file_notes_the_weekday_and_clock_of_its_evening_stamp():
    # TradingView's Tokyo bar of Thursday 4 January 2024, stamped at its midnight: 15:00 UTC on Wednesday.
    # Its own stamp cannot tell (a New York close is stamped on a weekday evening too): its siblings
    # can, by theirs (ingestion/sibling_east.py).
    column = _detected_date("time,open,high,low,close,Volume\n1704294000,2500,2530,2480,2510,1200000\n")
    assert (column.format, column.evenings) == ("epoch_s", "Wed 15:00")
    monday = _detected_date("time,open,high,low,close,Volume\n1704639600,2514,2544,2494,2524,1200002\n")
    assert (monday.format, monday.evenings) == ("epoch_s_east", "Sun 15:00")
    zoned = _detected_date("Date,Close\n2024-01-03T15:00:00Z,2510\n")
    assert zoned.evenings == "Wed 15:00"


def test_a_guessed_day_month_order_notes_the_evenings_of_the_other_order_too():
    # "01/02/2024" reads month first by the separator's custom (2 January, a Tuesday); siblings may prove
    # it day first (1 February, a Thursday), and the reading east of UTC is settled by that weekday.
    guessed = _detected_date("Date,Close\n01/02/2024 15:00:00 UTC,2510\n")
    assert (guessed.format, guessed.evenings, guessed.evenings_other_order) == (
        "%m/%d/%Y %H:%M:%S %Z", "Tue 15:00", "Thu 15:00")
    assert _detected_date("Date,Close\n16/01/2024 15:00:00 UTC,2510\n").evenings_other_order is None  # its own
    assert _detected_date("Date,Close\n2024-01-02T15:00:00Z,2510\n").evenings_other_order is None


@pytest.mark.parametrize("seconds, noted", [
    (stamps(15, JANUARY[:3], day_before=True), "Mon Tue Wed 15:00"),
    (stamps(23, JANUARY[:2], day_before=True) + stamps(22, JANUARY[2:4], day_before=True),  # a clock change
     "Mon Tue Wed Thu 22:00 23:00"),
    (stamps(5, JANUARY, day_before=False), None),  # New York's midnight: no evening
    (stamps(12, JANUARY, day_before=True), None),  # midday: NZX's midnight or Tadawul's close, the week's call
    (stamps(16 + 35 / 60, JANUARY, day_before=False), None),  # a close at its minute
    (stamps(15, JANUARY, True) + stamps(18.5, JANUARY, True), None),  # two exchanges' clocks
    (stamps(14, JANUARY[:1], False) + stamps(15, JANUARY[:1], False), None),  # hourly bars of one evening
])
def test_evenings_are_noted_only_where_they_may_be_one_exchange_s_midnights(seconds, noted):
    assert evenings(seconds) == noted
    if noted is not None:
        days, clocks = read_evenings(noted)
        assert clocks[0] in {s % 86400 for s in seconds} and len(days) == len(noted.split()) - len(clocks)


def test_files_of_no_utc_instants_note_nothing():
    assert _detected_date("Date,Close\n2024-01-03,2510\n").evenings is None
    assert "evenings" not in detect_bytes(b"Date,Close\n2024-01-03,2510\n", "a.csv").to_json()
