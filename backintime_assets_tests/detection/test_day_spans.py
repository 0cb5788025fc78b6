"""Rows dated by spans of one whole day, midnight to midnight, are read as their start's day; spans of
whole days longer than one are refused quoting one; other spans, and spans beside a date, are let be."""
from datetime import datetime, timedelta

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.bar_period import LONGER_BARS
from backintime_assets.detection.day_spans import day_span_order, long_span_problem, start_days
from backintime_assets.normalisation import normalise_bytes

_DAYS = [datetime(2023, 1, 2) + timedelta(days=k) for k in range(8)]  # Monday 2 January to Monday 9


def _table(header: str, row, days=_DAYS) -> bytes:
    return (header + "\n" + "".join(row(d, d + timedelta(days=1), k) + "\n" for k, d in enumerate(days))).encode()


def _days(result) -> list[str]:
    return [f"{d:%Y-%m-%d}" for d in result.prices["date"]]


def _read(data: bytes):
    schema = detect_bytes(data, "prices.csv")
    return schema, normalise_bytes(data, schema, "prices.csv")


def test_spans_of_one_day_date_each_row_by_the_day_they_start():
    # ENTSO-E's daily aggregation: read on its spaces, every row had been rejected as "missing value: close".
    data = _table("MTU (CET/CEST),Price", lambda d, e, k: f"{d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00,{100 + k}.5")
    schema, result = _read(data)
    assert (schema.problem, schema.day_spans, schema.delimiter) == (None, "%d.%m.%Y", ",")
    assert _days(result) == ["2023-01-02", "2023-01-03", "2023-01-04", "2023-01-05",
                                                     "2023-01-06", "2023-01-09"]
    assert list(result.prices["close"]) == [100.5, 101.5, 102.5, 103.5, 104.5, 107.5]
    # The weekend's rows rejected as any weekend's, each line as the file writes it.
    assert list(result.rejected["raw"]) == ["07.01.2023 00:00 - 08.01.2023 00:00,105.5",
                                            "08.01.2023 00:00 - 09.01.2023 00:00,106.5"]


def test_the_span_settles_the_order_of_its_dates():
    # Every day of January's first week is 12 or less: "02.01.2023" alone is 2 January or 1 February.
    # A day from the 2nd to the 3rd is read day first; month first, a span of a month.
    data = _table("Period,Price", lambda d, e, k: f"{d:%d/%m/%Y} 00:00 - {e:%d/%m/%Y} 00:00,{30 + k}")
    schema, result = _read(data)
    assert schema.day_spans == "%d/%m/%Y"
    assert _days(result)[0] == "2023-01-02"
    us = _table("Interval,Price", lambda d, e, k: f"{d:%m/%d/%Y} 00:00:00 - {e:%m/%d/%Y} 00:00:00,{30 + k}")
    assert detect_bytes(us, "prices.csv").day_spans == "%m/%d/%Y"


def test_spans_of_dates_alone_quoted_or_of_several_prices_are_read_alike():
    cases = [
        _table("Period,Price", lambda d, e, k: f"{d:%Y-%m-%d} - {e:%Y-%m-%d},{50 + k}"),
        _table('"MTU";"Price"', lambda d, e, k: f'"{d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00";"{50 + k},25"'),
        _table("Period,Open,High,Low,Close", lambda d, e, k: f"{d:%Y-%m-%d} 00:00 \u2013 {e:%Y-%m-%d} 00:00,"
                                                            f"{49 + k},{51 + k},{48 + k},{50 + k}"),
        _table("MTU Price", lambda d, e, k: f"{d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00 {50 + k}"),
        _table("Ticker,Period,Close", lambda d, e, k: f"AAA,{d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00,{50 + k}"),
    ]
    for data in cases:
        schema, result = _read(data)
        assert schema.problem is None and schema.day_spans is not None
        assert len(result.prices) == 6
        assert _days(result)[0] == "2023-01-02"
        assert float(result.prices["close"].iloc[0]) in (50, 50.25)


def test_spans_of_a_week_or_a_month_are_refused_quoting_one():
    weeks = [datetime(2023, 1, 2) + timedelta(days=7 * k) for k in range(6)]
    for data in (_table("Period,Price", lambda d, e, k: f"{d:%d.%m.%Y} 00:00 - {d + timedelta(days=7):%d.%m.%Y} 00:00,"
                                                        f"{100 + k}", weeks),
                 _table("Week,Price", lambda d, e, k: f"{d:%Y-%m-%d} - {d + timedelta(days=4):%Y-%m-%d},{100 + k}",
                        weeks)):
        schema, result = _read(data)
        assert schema.problem.startswith(f"prices over spans of days{LONGER_BARS}")
        assert "('02.01.2023 00:00 - 09.01.2023 00:00')" in schema.problem or "('2023-01-02 - 2023-01-06')" in \
            schema.problem
        assert (len(result.prices), len(result.rejected)) == (0, 6)


def test_other_spans_and_spans_beside_a_date_are_let_be():
    untouched = [
        # A CET day written in UTC (23:00 to 23:00), a gas day (06:00): whose day is it?
        _table("MTU (UTC),Price", lambda d, e, k: f"{d - timedelta(hours=1):%d.%m.%Y %H:%M} - "
                                                 f"{e - timedelta(hours=1):%d.%m.%Y %H:%M},{100 + k}"),
        _table("Gas day,Price", lambda d, e, k: f"{d:%d.%m.%Y} 06:00 - {e:%d.%m.%Y} 06:00,{30 + k}"),
        # The delivery day beside the trade date: the table is dated already.
        _table("Trade date,Delivery,Price", lambda d, e, k: f"{d - timedelta(days=1):%Y-%m-%d},"
                                                           f"{d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00,{100 + k}"),
        _table("Trade date,Delivery,Price", lambda d, e, k: f'"{d - timedelta(days=1):%b %d, %Y}",'
                                                           f"{d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00,{100 + k}"),
        # Days that do not follow one another; one span of two days among days; an hour's among days'.
        _table("Period,Price", lambda d, e, k: f"{d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00,{100 + k}", _DAYS[::2]),
        _table("Period,Price", lambda d, e, k: f"{d:%d.%m.%Y} 00:00 - "
                                              f"{e + timedelta(days=k == 3):%d.%m.%Y} 00:00,{100 + k}"),
        _table("Period,Price", lambda d, e, k: f"{d:%d.%m.%Y} 00:00 - "
                                              f"{(e if k != 3 else d + timedelta(hours=1)):%d.%m.%Y %H:%M},{100 + k}"),
        # A bid-ask cell; a range of days in a title line.
        _table("Date,Bid-Ask,Close", lambda d, e, k: f"{d:%Y-%m-%d},1.{10 + k} - 1.{12 + k},1.{11 + k}"),
        b"Prices 02.01.2023 00:00 - 10.01.2023 00:00\n" + _table("Date,Close", lambda d, e, k: f"{d:%Y-%m-%d},{k}"),
    ]
    for n, data in enumerate(untouched):
        schema = detect_bytes(data, "prices.csv")
        assert schema.day_spans is None, n
        assert "spans of days" not in (schema.problem or "")


def test_rows_are_rewritten_only_where_their_span_is_a_day_read_in_the_order():
    rows = ["02.01.2023 00:00 - 03.01.2023 00:00,1", "03.01.2023 00:00 - 04.01.2023 00:00,2",
            "04.01.2023 00:00 - 05.01.2023 00:00,3"]
    cells = [row.split(",") for row in rows]
    assert day_span_order(cells, ",") == "%d.%m.%Y"
    assert day_span_order([row.split(" ") for row in rows], " ") == "%d.%m.%Y"  # split on its spaces
    assert day_span_order(cells[:2], ",") is None  # three rows at least
    text = "MTU,Price\n" + "\n".join(rows) + "\n05.01.2023 00:00 - 12.01.2023 00:00,4\r\n"
    assert start_days(text, "%d.%m.%Y") == ("MTU,Price\n2023-01-02,1\n2023-01-03,2\n2023-01-04,3\n"
                                            "05.01.2023 00:00 - 12.01.2023 00:00,4\r\n")
    assert start_days(text.encode(), "%d.%m.%Y") == start_days(text, "%d.%m.%Y").encode()
    assert long_span_problem(cells, ",") is None


def test_rows_dated_by_the_start_of_a_day_from_23_00_that_spaces_split_are_refused():
    # A CET day written in UTC, split on its spaces: the date column held the span's first half, and each
    # row loaded dated the day before the one it prices (2 January's prices as 1 January's).
    data = _table("Period Open High Low Close", lambda d, e, k: f"{d - timedelta(hours=1):%d.%m.%Y %H:%M} - "
                  f"{e - timedelta(hours=1):%d.%m.%Y %H:%M} {10 + k} {11 + k} {9 + k} {10.5 + k}")
    schema, result = _read(data)
    assert schema.problem.startswith(f"prices of days from 23:00{LONGER_BARS}")
    assert "('01.01.2023 23:00 - 02.01.2023 23:00')" in schema.problem
    assert (len(result.prices), len(result.rejected)) == (0, 8)
    # The start's date of a span from midnight, or from a morning hour (a gas day's 06:00), is its day.
    for hour in (0, 6):
        data = _table("Period Open High Low Close", lambda d, e, k: f"{d + timedelta(hours=hour):%d.%m.%Y %H:%M} - "
                      f"{e + timedelta(hours=hour):%d.%m.%Y %H:%M} {10 + k} {11 + k} {9 + k} {10.5 + k}",
                      _DAYS[::2] if hour == 0 else _DAYS)
        schema, result = _read(data)
        assert schema.problem is None
        assert _days(result)[:2] == (["2023-01-02", "2023-01-04"] if hour == 0 else ["2023-01-02", "2023-01-03"])
        assert list(result.prices["close"])[:2] == [10.5, 11.5]



def test_a_day_from_23_00_split_on_spaces_after_an_area_or_as_stamps_is_refused_too():
    # The span after an area's code ("DE 01.01.2023 23:00 - ..."), or its halves stamps joined by "T": the
    # date column held the span's start, and each row loaded dated the day before the one it prices.
    late = [("Area Period Close", lambda d, e, k: f"DE {d - timedelta(hours=1):%d.%m.%Y %H:%M} - "
                                                  f"{e - timedelta(hours=1):%d.%m.%Y %H:%M} {100 + k}.5"),
            ("Period Close", lambda d, e, k: f"{d - timedelta(hours=1):%Y-%m-%dT%H:%M} - "
                                             f"{e - timedelta(hours=1):%Y-%m-%dT%H:%M} {100 + k}.5")]
    for header, row in late:
        schema, result = _read(_table(header, row))
        assert schema.problem.startswith(f"prices of days from 23:00{LONGER_BARS}")
        assert (len(result.prices), len(result.rejected)) == (0, 8)
    # From midnight (every other day: no run of days to rewrite) or a gas day's 06:00, after an area's code
    # or as stamps: the start's date is the day, and they load as they did.
    early = [("Area Period Close", lambda d, e, k: f"DE {d:%d.%m.%Y} 00:00 - {e:%d.%m.%Y} 00:00 {100 + k}.5"),
             ("Area Period Close", lambda d, e, k: f"NBP {d:%d.%m.%Y} 06:00 - {e:%d.%m.%Y} 06:00 {100 + k}.5"),
             ("Period Close", lambda d, e, k: f"{d:%Y-%m-%d}T06:00 - {e:%Y-%m-%d}T06:00 {100 + k}.5")]
    for header, row in early:
        schema, result = _read(_table(header, row, _DAYS[::2]))
        assert schema.problem is None
        assert (_days(result)[:2], list(result.prices["close"])[:2]) == (["2023-01-02", "2023-01-04"], [100.5, 101.5])


def test_an_evening_session_split_on_spaces_is_refused_as_a_day_from_23_00_is():
    # A futures or FX session labelled by its end, from 18:00 the evening before to 17:00: split on its
    # spaces, the date column held its start, and each row loaded dated the day before its session's end.
    data = _table("Session Open High Low Close", lambda d, e, k: f"{d - timedelta(hours=6):%d.%m.%Y %H:%M} - "
                  f"{e - timedelta(hours=7):%d.%m.%Y %H:%M} {10 + k} {11 + k} {9 + k} {10.5 + k}")
    schema, result = _read(data)
    assert schema.problem.startswith(f"prices of days from 18:00{LONGER_BARS}")
    assert "('01.01.2023 18:00 - 02.01.2023 17:00')" in schema.problem
    assert (len(result.prices), len(result.rejected)) == (0, 8)
    # A morning's span of under a day is none: from 09:00 to 17:00, the start's date is its day.
    data = _table("Session Open High Low Close", lambda d, e, k: f"{d + timedelta(hours=9):%d.%m.%Y %H:%M} - "
                  f"{d + timedelta(hours=17):%d.%m.%Y %H:%M} {10 + k} {11 + k} {9 + k} {10.5 + k}")
    assert "prices of days from" not in (detect_bytes(data, "prices.csv").problem or "")
