"""A day's span cut into two columns, its start's and its end's, dates each row by its start where the span
starts before noon, whichever column the header's names or places chose; spans from noon or later (a CET
day in UTC, an evening session) are refused; two dates a day apart the header names no span are let be."""
from datetime import datetime, timedelta

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.bar_period import LONGER_BARS
from backintime_assets.detection.paired_spans import span_pair, span_start_column
from backintime_assets.normalisation import normalise_bytes

_DAYS = [datetime(2023, 1, 2) + timedelta(days=k) for k in range(8)]  # Monday 2 January to Monday 9


def _table(header: str, cells, fmt: str, hours: float = 0, length: float = 24) -> bytes:
    """`header` over a row a day, each its span's start and end written by `cells(start, end)` in `fmt`, the
    span from `hours` past midnight and `length` hours long, and a price."""
    lines = []
    for k, d in enumerate(_DAYS):
        a = d + timedelta(hours=hours)
        b = a + timedelta(hours=length)
        lines.append(",".join(f"{t:{fmt}}" for t in cells(a, b)) + f",{100 + k}")
    return (header + "\n" + "\n".join(lines) + "\n").encode()


def _first(data: bytes) -> tuple[str | None, str, float]:
    schema = detect_bytes(data, "prices.csv")
    result = normalise_bytes(data, schema, "prices.csv")
    date = next(c.name for c in schema.columns if c.canonical == "date")
    return schema.problem, date, (f"{result.prices['date'].iloc[0]:%Y-%m-%d}", float(result.prices["close"].iloc[0]))


def test_a_span_s_end_chosen_as_the_date_yields_to_its_start():
    # Each had loaded Monday's price dated Tuesday, a day late, without a word.
    starts_first = ["Begin,End Date,Close", "Period Start,Date,Close", "Start Date,Date,Close"]
    ends_first = ["To,From,Price", "Valid to,Valid from,Price"]
    for fmt in ("%Y-%m-%d", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M:%S"):
        for header in starts_first + ends_first:
            data = _table(header, (lambda a, b: (b, a)) if header in ends_first else (lambda a, b: (a, b)), fmt)
            problem, date, first = _first(data)
            assert problem is None, (header, fmt)
            assert date == header.split(",")[1 if header in ends_first else 0], (header, fmt)
            assert first == ("2023-01-02", 100.0), (header, fmt)


def test_a_morning_start_is_the_day_as_a_gas_day_s_is():
    data = _table("Gas day end,Gas day start,Price", lambda a, b: (b, a), "%d.%m.%Y %H:%M", hours=6)
    assert _first(data) == (None, "Gas day start", ("2023-01-02", 100.0))


def test_spans_from_noon_or_later_are_refused_whichever_half_dates_them():
    cases = [  # a CET day written in UTC; an FX or futures session labelled by its end, from 18:00 to 17:00
        _table("From,To,Price", lambda a, b: (a, b), "%d.%m.%Y %H:%M", hours=-1),
        _table("Session start,Session end,Settle", lambda a, b: (a, b), "%Y-%m-%d %H:%M", hours=-6, length=23),
        _table("To,From,Price", lambda a, b: (b, a), "%d.%m.%Y %H:%M", hours=-6, length=23),
    ]
    for n, data in enumerate(cases):
        schema = detect_bytes(data, "prices.csv")
        assert schema.problem is not None and schema.problem.startswith("prices of days from "), n
        assert LONGER_BARS in schema.problem, n
        result = normalise_bytes(data, schema, "prices.csv")
        assert (len(result.prices), len(result.rejected)) == (0, len(_DAYS)), n
    assert "(2023-01-01 18:00 to 2023-01-02 17:00)" in detect_bytes(cases[1], "prices.csv").problem


def test_two_dates_a_day_apart_named_no_span_are_let_be():
    # A trade's date and its settlement's, a day after: the trade date stays the date, the table unrefused.
    data = _table("Trade Date,Settlement Date,Price", lambda a, b: (a, b), "%Y-%m-%d")
    assert _first(data) == (None, "Trade Date", ("2023-01-02", 100.0))
    # Named nothing, the date column holding the later date is left as read: no word says it is a span.
    body = [[f"{d + timedelta(days=1):%Y-%m-%d}", f"{d:%Y-%m-%d}", "1"] for d in _DAYS]
    formats = ["%Y-%m-%d", "%Y-%m-%d", None]
    assert span_pair(body, formats, 0).start == 1
    assert span_start_column([["Date"], ["Prior"], ["Close"]], formats, body, 0) is None
    assert span_start_column([["Date"], ["From"], ["Close"]], formats, body, 0) == 1
    # Spans of two days, or of one from different hours, are no day's span.
    assert span_pair([[f"{d:%Y-%m-%d}", f"{d + timedelta(days=2):%Y-%m-%d}"] for d in _DAYS], formats, 0) is None
    mixed = [[f"{d + timedelta(hours=k % 2):%Y-%m-%d %H:%M}", f"{d + timedelta(hours=24):%Y-%m-%d %H:%M}"]
             for k, d in enumerate(_DAYS)]
    assert span_pair(mixed, ["%Y-%m-%d %H:%M"] * 2, 0) is None


def test_a_stamp_from_noon_beside_one_a_day_later_named_no_span_loads_by_its_date():
    # A trade at 17:00 beside its expiry a day later, a bar stamped 16:00 beside its close time: no word
    # says the two are a span, and the date column is the row's day. Each had been refused as a CET day
    # written in UTC; the same stamps under "From,To" still are.
    for header in ("Trade Time,Expiry,Price", "Date,Close Time,Close", "Date,Value Date,Close"):
        data = _table(header, lambda a, b: (a, b), "%Y-%m-%d %H:%M", hours=17)
        assert _first(data) == (None, header.split(",")[0], ("2023-01-02", 100.0)), header
    data = _table("From,To,Price", lambda a, b: (a, b), "%Y-%m-%d %H:%M", hours=17)
    assert detect_bytes(data, "prices.csv").problem.startswith("prices of days from 17:00")


def test_a_stamp_with_its_utc_offset_beside_a_plain_date_is_compared_not_a_failure():
    # Real files round 60 (an ETF's NAV export, "symbol,nav_date,...,ingested_at_utc"): the download's
    # time, written with "+00:00", beside the naive trade date made detection raise ("can't compare
    # offset-naive and offset-aware datetimes") and the whole file fail. The trade date still dates it.
    rows = "".join(f"{d:%Y-%m-%d},{100 + k},2026-09-07T14:36:25+00:00\n" for k, d in enumerate(_DAYS[:5]))
    data = ("Date,Close,fetched_at\n" + rows).encode()
    assert _first(data) == (None, "Date", ("2023-01-02", 100.0))
    # A day's span whose end carries an offset: read on the wall clock, a day long, its start the date.
    rows = "".join(f"{d:%Y-%m-%d},{d + timedelta(days=1):%Y-%m-%dT%H:%M:%S}+01:00,{100 + k}\n"
                   for k, d in enumerate(_DAYS[:5]))
    assert _first(("Start Date,End,Close\n" + rows).encode()) == (None, "Start Date", ("2023-01-02", 100.0))


def test_two_stamps_with_offsets_of_their_own_span_their_instants_not_their_wall_clocks():
    # A CET day (Monday 00:00+01:00 to Tuesday 00:00+01:00) with its start written in Tokyo's time
    # (Monday 08:00+09:00): 24 hours apart as instants, 16 on the wall clocks. Read on the wall clocks (as
    # a stamp beside a plain date is), it was no span, and every price loaded dated by its end, a day late.
    rows = "".join(f"{d + timedelta(days=1):%Y-%m-%d}T00:00:00+01:00,{d:%Y-%m-%d}T08:00:00+09:00,{100 + k}\n"
                   for k, d in enumerate(_DAYS[:5]))
    assert _first(("Period End,Period Start,Close\n" + rows).encode()) == (None, "Period Start",
                                                                           ("2023-01-02", 100.0))
