"""Unit slips across a ticker's daily files: a day in pence among days in pounds is named, with its
sides, file and line; a step that stays is not."""
import datetime as dt
from collections import Counter

import pyarrow as pa

from backintime_assets.ingestion.slips_across_dates import find_slips, slips_by_day
from backintime_assets_tests.support.calendar import weekdays

START = dt.date(2025, 3, 3)  # a Monday


def _table(series: dict[str, list[float]], dates: list[dt.date] | None = None) -> pa.Table:
    """One file a day (prices_<date>.csv), a line per ticker, the tickers' closes by day."""
    n = max(len(v) for v in series.values())
    dates = dates or weekdays(START, n)
    cols = {"date": [], "ticker": [], "close": [], "source_file": [], "source_line": []}
    for i, day in enumerate(dates):
        for line, (ticker, closes) in enumerate(sorted(series.items()), start=2):
            if i < len(closes) and closes[i] is not None:
                cols["date"].append(day)
                cols["ticker"].append(ticker)
                cols["close"].append(closes[i])
                cols["source_file"].append(f"prices_{day}.csv")
                cols["source_line"].append(line)
    return pa.table(cols, schema=pa.schema([("date", pa.date32()), ("ticker", pa.string()), ("close", pa.float64()),
                                            ("source_file", pa.string()), ("source_line", pa.int64())]))


def _pounds(n: int, level: float = 58.54) -> list[float]:
    return [round(level * (1 + 0.004 * ((i * 7) % 5 - 2)), 2) for i in range(n)]


def test_a_day_in_pence_among_days_in_pounds_is_named_with_its_sides_file_and_line():
    closes = _pounds(20)
    closes[10] = 5854.0
    rows = _table({"VOD.L": closes, "BARC.L": _pounds(20, 2.1)})
    days = weekdays(START, 20)
    found = find_slips(rows, days)
    assert [(s.ticker, s.date, s.close, s.power, s.source_file, s.source_line) for s in found] == [
        ("VOD.L", days[10].isoformat(), 5854.0, 2, f"prices_{days[10]}.csv", 3)]
    suspect = found[0]
    assert suspect.before == (days[9].isoformat(), closes[9]) and suspect.after == (days[11].isoformat(), closes[11])
    assert suspect.as_dict()["factor"] == "about a hundredfold above"
    per_day = slips_by_day(found, days, Counter(d.isoformat() for d in rows.column("date").to_pylist()))
    assert per_day[0]["date"] == days[10].isoformat() and not per_day[0]["passed"]
    assert per_day[0]["problems"][0].startswith(f"VOD.L {days[10]}: close 5854 (prices_{days[10]}.csv line 3)")
    assert all(d["passed"] for d in per_day[1:]) and len(per_day) == 20
    assert {d["rows"] for d in per_day} == {2}  # VOD.L and BARC.L each day


def test_a_five_day_slip_run_is_named_on_each_day():
    closes = _pounds(30)
    for i in range(12, 17):
        closes[i] = round(closes[i] * 100, 2)
    found = find_slips(_table({"VOD.L": closes}), weekdays(START, 30))
    assert [s.date for s in found] == [d.isoformat() for d in weekdays(START, 30)[12:17]]
    assert {s.power for s in found} == {2}


def test_a_slip_loaded_earlier_is_reported_under_the_date_that_revealed_it():
    # A daily run: the slipped day was loaded at the lake's edge (unconfirmed), the next day comes back.
    closes = _pounds(12)
    closes[10] = 5854.0
    days = weekdays(START, 12)
    at_edge = find_slips(_table({"VOD.L": closes[:11]}), [days[10]])
    assert [(s.date, s.confirmed) for s in at_edge] == [(days[10].isoformat(), False)]
    assert slips_by_day(at_edge, [days[10]], {})[0]["passed"]  # listed, not failed: it may be a real step
    found = find_slips(_table({"VOD.L": closes}), [days[11]])
    assert [(s.date, s.reported_on, s.confirmed) for s in found] == [
        (days[10].isoformat(), days[11].isoformat(), True)]
    assert "revealed by" in found[0].problem()
    # A rerun of a date the slip does not touch names nothing.
    assert find_slips(_table({"VOD.L": closes}), [days[5]]) == []


def test_a_real_step_that_stays_is_not_a_suspect():
    # A 1:100 redenomination kept from day 10 on; a split's tenfold drop kept.
    redenominated = _pounds(10) + [round(c * 100, 2) for c in _pounds(15)]
    split = _pounds(10, 300.0) + _pounds(15, 30.0)
    rows = _table({"RUB": redenominated, "SPLT": split})
    days = weekdays(START, 25)
    assert [s for s in find_slips(rows, days) if s.confirmed] == []
    assert all(d["passed"] for d in slips_by_day(find_slips(rows, days), days, {}))


def test_a_ticker_with_two_days_only_is_not_judged():
    rows = _table({"NEW": [58.54, 5854.0]})
    assert find_slips(rows, weekdays(START, 2)) == []
    rows = _table({"NEW": [58.54, 5854.0, 58.6]})  # sides of one day each: too short to be a series
    assert find_slips(rows, weekdays(START, 3)) == []


def test_tickers_that_share_nothing_are_not_each_others_sides():
    # AAA trades at 58 in the first days, BBB at 5800 in the last: never one series.
    rows = _table({"AAA": _pounds(10) + [None] * 10, "BBB": [None] * 10 + _pounds(10, 5854.0)})
    assert find_slips(rows, weekdays(START, 20)) == []


def test_look_alikes_that_are_not_slips():
    days = weekdays(START, 30)
    cases = {
        # A penny share that moves fivefold in a day elsewhere: its 100x day is its own.
        "penny": [0.01, 0.012, 0.06, 0.055, 0.05, 0.011, 0.01, 1.0, 0.011, 0.012] + [0.011] * 20,
        # A run of 12 days in pence: longer than a clerk's slip, a unit switch that came back.
        "long": _pounds(8) + [round(c * 100, 2) for c in _pounds(12)] + _pounds(10),
        # The two sides do not agree (58 before, 5.8 after): a step down and another, no slip.
        "disagree": _pounds(10) + [5854.0] + _pounds(19, 5.85),
        # The slip's days over a three-week gap of missing files.
        "gap": _pounds(10) + [None] * 15 + [5854.0] + _pounds(4),
        # Two runs side by side (100x then 10000x): which holds the unit?
        "side_by_side": _pounds(10) + [5854.0, 585400.0] + _pounds(18),
        # Only a fivefold day and back: no power of ten.
        "fivefold": _pounds(10) + [292.7] + _pounds(19),
        # A tenfold run of six days: longer than a tenfold slip is read.
        "ten_long": _pounds(10) + [585.4] * 6 + _pounds(14),
    }
    rows = _table(cases, days)
    assert [(s.ticker, s.date) for s in find_slips(rows, days) if s.confirmed] == []


def test_slips_below_and_a_thousandfold_are_named_too():
    cents = _pounds(20)
    cents[5] = 0.5854  # pounds among pence
    milli = _pounds(20, 12.5)
    milli[7], milli[8] = 12500.0, 12510.0
    found = find_slips(_table({"CENT": cents, "MILL": milli}), weekdays(START, 20))
    assert [(s.ticker, s.power) for s in found] == [("CENT", -2), ("MILL", 3), ("MILL", 3)]


def test_a_five_day_slip_loaded_day_by_day_is_named_by_the_day_it_came_back():
    # Daily runs: each slipped day was at the lake's edge when loaded; the sixth day's pounds name all five,
    # not the return itself as a step beside them.
    closes = _pounds(20)
    for i in range(12, 17):
        closes[i] = round(closes[i] * 100, 2)
    days = weekdays(START, 20)
    found = find_slips(_table({"VOD.L": closes[:18]}), [days[17]])
    assert [(s.date, s.reported_on, s.confirmed) for s in found] == [
        (d.isoformat(), days[17].isoformat(), True) for d in days[12:17]]


def test_a_range_run_names_a_tenfold_slip_months_after_a_real_doubling():
    # A year in one range run: a real 2.5x day in February, a day typed ten times its close in
    # November. Run day by day, only the weeks around November are read and the slip is named; the
    # range run read the February day as the ticker's own wildness and named nothing.
    days = weekdays(START, 200)
    closes = [c * (2.5 if i >= 20 else 1.0) for i, c in enumerate(_pounds(200, 20.0))]
    closes[180] *= 10
    rows = _table({"ABC": closes}, days)
    assert [(s.date, s.power) for s in find_slips(rows, days) if s.confirmed] == [(days[180].isoformat(), 1)]
    # A daily run of the day after names it too, and a real step that stays is still never named.
    late = rows.filter(pa.compute.greater_equal(rows.column("date"), pa.scalar(days[150], pa.date32())))
    late = late.filter(pa.compute.less_equal(late.column("date"), pa.scalar(days[181], pa.date32())))
    assert [s.reported_on for s in find_slips(late, [days[181]]) if s.confirmed] == [days[181].isoformat()]
    stays = [c * (10 if i >= 180 else 1) for i, c in enumerate(closes[:180] + [closes[181]] * 20)]
    assert not [s for s in find_slips(_table({"ABC": stays}, days), days) if s.confirmed]


def test_a_slip_on_a_listings_second_day_is_named_by_the_daily_run_that_reveals_it():
    # Listed at 58.10, the second day's file holds pence. The day after alone is too short a side
    # (one day before, one after); the day after that confirms it. Day by day, that date's run names
    # it, once; before, no daily run did (the revealing day was not the slip's neighbour).
    days = weekdays(START, 8)
    closes = [58.1, 5812.0, 58.3, 58.2, 58.25, 58.0, 58.4, 58.3]
    rows = _table({"NEW.L": closes}, days)

    def daily(i):
        upto = rows.filter(pa.compute.less_equal(rows.column("date"), pa.scalar(days[i], pa.date32())))
        return [(s.date, s.reported_on) for s in find_slips(upto, [days[i]]) if s.confirmed]

    assert [daily(i) for i in range(8)] == [[], [], [], [(days[1].isoformat(), days[3].isoformat())], [], [], [], []]
    problem = find_slips(rows.filter(pa.compute.less_equal(rows.column("date"), pa.scalar(days[3], pa.date32()))),
                         [days[3]])[0].problem()
    assert problem.endswith(f"(loaded earlier; revealed by {days[3]})")
    # A range run over every day names it under its own date, as before.
    assert [(s.date, s.reported_on) for s in find_slips(rows, days)] == [(days[1].isoformat(), days[1].isoformat())]


def test_rows_read_in_pieces_with_no_ticker_no_close_or_a_date_held_twice_are_read_as_before():
    # The lake's rows come as the run's table and the neighbours' (two chunks); tickers are read as
    # numbers now (a range run of years was seconds of Python strings): the first of a (ticker, date)
    # held twice is read, a row without ticker or close is not, and the suspect names its own row.
    days = weekdays(START, 12)
    closes = _pounds(12)
    closes[6] = 5854.0
    own = _table({"VOD.L": closes}, days)
    extra = pa.table({"date": [days[3], days[4], days[6]], "ticker": [None, "VOD.L", "VOD.L"],
                      "close": [5.0, None, 58.6], "source_file": ["n.csv", "nan.csv", "dup.csv"],
                      "source_line": [3, 4, 9]}, schema=own.schema)
    found = find_slips(pa.concat_tables([own, extra]), days[5:8])
    assert [(s.ticker, s.date, s.close, s.source_file, s.source_line) for s in found] == [
        ("VOD.L", days[6].isoformat(), 5854.0, f"prices_{days[6]}.csv", 2)]
    assert find_slips(pa.concat_tables([extra, own]), days[5:8]) == []  # the other row of the date is read
