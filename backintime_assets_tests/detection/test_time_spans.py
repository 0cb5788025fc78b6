"""Rows dated by spans of time shorter than a day (an hour's, a quarter's price) are refused as intraday
prices, each row rejected saying so; spans of a day or longer, or one a day, are let be."""
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.bar_period import LONGER_BARS
from backintime_assets.detection.refusals import judgement
from backintime_assets.detection.time_spans import time_span_problem
from backintime_assets.normalisation import normalise_bytes

_START = datetime(2023, 1, 2)
_PRICES = (61.38, 52.68, 52.93, 42.75, -4.08, 67.91, 105.08, 140.64)


def _spans(minutes: int, fmt: str, row: str) -> str:
    return "".join(row.format(a=(_START + timedelta(minutes=minutes * k)).strftime(fmt),
                              b=(_START + timedelta(minutes=minutes * (k + 1))).strftime(fmt), p=p) + "\n"
                   for k, p in enumerate(_PRICES))


def test_an_hour_s_prices_dated_by_their_span_are_refused_as_intraday():
    # ENTSO-E's day-ahead prices (AntoineAckermann/Arbitrage-Batterie): read on its spaces, the span was cut
    # in five cells with the price glued to the last, and every row was rejected as "missing value: close".
    data = ("MTU (CET/CEST),Day-ahead Price [EUR/MWh]\n"
            + _spans(60, "%d.%m.%Y %H:%M", "{a} - {b},{p}")).encode()
    schema = detect_bytes(data, "Day-ahead Prices_202301010000-202401010000.csv")
    assert schema.problem.startswith(f"intraday prices{LONGER_BARS}")
    assert "'02.01.2023 00:00 - 02.01.2023 01:00'" in schema.problem
    assert judgement(schema.problem) == LONGER_BARS  # a judgement a user may lift, as bar_period's
    result = normalise_bytes(data, schema, "Day-ahead Prices_202301010000-202401010000.csv")
    assert (result.rows_read, len(result.prices), len(result.rejected)) == (8, 0, 8)
    assert set(result.rejected["reason"]) == {f"file problem: {schema.problem}"}


def test_quoted_quarter_hours_and_iso_stamps_are_refused_alike():
    quarter = ('"MTU (CET/CEST)","Area","Day-ahead Price (EUR/MWh)"\n'
               + _spans(15, "%d/%m/%Y %H:%M:%S", '"{a} - {b}","BZN|DE-LU","{p}"')).encode()
    iso = ("period,price\n" + _spans(60, "%Y-%m-%dT%H:%M", "{a} - {b},{p}")).encode()
    for data in (quarter, iso):
        schema = detect_bytes(data, "prices.csv")
        assert schema.problem.startswith(f"intraday prices{LONGER_BARS}")
        result = normalise_bytes(data, schema, "prices.csv")
        assert (len(result.prices), len(result.rejected)) == (0, 8)


def test_spans_of_a_day_or_more_one_a_day_or_of_times_alone_are_let_be():
    days = [_START + timedelta(days=k) for k in range(7) if (_START + timedelta(days=k)).weekday() < 5]

    def table(header: str, row) -> bytes:
        return (header + "\n" + "".join(row(d, k) + "\n" for k, d in enumerate(days))).encode()

    cases = [
        table("MTU,Price", lambda d, k: f"{d:%d.%m.%Y} 00:00 - {d + timedelta(days=1):%d.%m.%Y} 00:00,{100 + k}"),
        table("Period,Price", lambda d, k: f"{d:%d.%m.%Y} 00:00 - {d + timedelta(days=7):%d.%m.%Y} 00:00,{100 + k}"),
        table("Session,Close", lambda d, k: f"{d:%Y-%m-%d} 09:30 - {d:%Y-%m-%d} 16:00,{185 + k}"),
        # Two tickers' sessions: two spans a day, both starting at 09:30.
        table("Ticker,Session,Close", lambda d, k: f"AAPL,{d:%Y-%m-%d} 09:30 - {d:%Y-%m-%d} 16:00,{185 + k}\n"
                                                   f"MSFT,{d:%Y-%m-%d} 09:30 - {d:%Y-%m-%d} 16:00,{370 + k}"),
        table("Period,Price", lambda d, k: f"{d:%d.%m.%Y} 00:00 - {d:%d.%m.%Y} 23:59,{100 + k}"),
        table("Date,Session,Close", lambda d, k: f"{d:%Y-%m-%d},09:30 - 16:00,{185 + k}"),
        table("Entry Time,Exit Time,Price", lambda d, k: f"{d:%Y-%m-%d} 09:30,{d:%Y-%m-%d} 15:59,{185 + k}"),
        table("Week,Price", lambda d, k: f"{d:%Y-%m-%d} - {d + timedelta(days=4):%Y-%m-%d},{185 + k}"),
    ]
    for data in cases:
        problem = detect_bytes(data, "prices.csv").problem
        assert problem is None or "span of time" not in problem
    # Only two rows of a daily table hold an hour's span: no table of spans.
    closes = table("Date,Note,Close", lambda d, k: f"{d:%Y-%m-%d},ok,{185 + k}")
    spans = b"2023-01-02 09:00 - 2023-01-02 10:00,x,1\n2023-01-02 10:00 - 2023-01-02 11:00,x,2\n"
    assert "span of time" not in (detect_bytes(closes + spans, "prices.csv").problem or "")


def test_a_span_is_read_whatever_splits_its_row():
    rows = [f"01.01.2023 0{h}:00 - 01.01.2023 0{h + 1}:00,{p}" for h, p in enumerate(_PRICES[:4])]
    assert time_span_problem([r.split(",") for r in rows], ",") is not None
    # The span is found in the line's text, whatever delimiter or sniffed split joined its cells: split on
    # its spaces too, as a sniffer that counted them split it.
    for delimiter in (";", "\t"):
        assert time_span_problem([r.replace(",", delimiter).split(delimiter) for r in rows], delimiter) is not None
    assert time_span_problem([r.split(" ") for r in rows], " ") is not None
    assert time_span_problem([r.split(",") for r in rows[:2]], ",") is None  # three rows at least


_HOURS = [f"02.01.2023 {h:02d}:00 - 02.01.2023 {h + 1:02d}:00" for h in range(20)]
_OTHER_ROWS = st.one_of(st.sampled_from([[], [""], ["", ""], [" ", "\t"], ["", "", ""], ["n/a", "1.5"]]),
                        st.lists(st.sampled_from(["", " ", "\t", "1.5", '"a,b"', "DE", "02.01.2023"]), max_size=3))


@st.composite
def _hours_among_other_rows(draw) -> list[list[str]]:
    """Rows of an hour's spans, in their order, and others among them: blank, of spaces or tabs, of empty
    cells, of words, of one cell or several, as many as leave the spans nine rows in ten or just fewer."""
    rows = [[span, "1.5"] for span in _HOURS[:draw(st.integers(0, len(_HOURS)))]]
    for other in draw(st.lists(_OTHER_ROWS, max_size=4)):
        rows.insert(draw(st.integers(0, len(rows))), other)
    return rows


@settings(max_examples=100, deadline=None)
@given(_hours_among_other_rows(), st.sampled_from([",", ";", "\t", "|", " "]))
def test_the_answer_is_the_lines_however_their_cells_are_split(body, delimiter):
    # A line of delimiters is no blank line, a line of spaces split on them is: each row is judged as the
    # line its cells join into, as that line alone in a cell is.
    lines = [[delimiter.join(cells)] for cells in body]
    assert time_span_problem(body, delimiter) == time_span_problem(lines, delimiter)


def test_windows_that_do_not_follow_one_another_beside_a_date_are_each_a_ticker_s_day():
    # Each row is its ticker's day, dated by the Date column; the span is its session, settlement
    # minute or publication window, and they start at several times a day because the tickers differ,
    # or a day's price was published again: these tables loaded right and must still load.
    days = [_START + timedelta(days=k) for k in range(5)]
    sessions = "Date,Ticker,Session,Close\n" + "".join(
        f"{d:%Y-%m-%d},AAPL,{d:%Y-%m-%d} 14:30 - {d:%Y-%m-%d} 21:00,{185 + k}\n"
        f"{d:%Y-%m-%d},VOD.L,{d:%Y-%m-%d} 08:00 - {d:%Y-%m-%d} 16:30,{70 + k}\n" for k, d in enumerate(days))
    settles = "Date,Contract,Settlement window,Settle\n" + "".join(
        f"{d:%Y-%m-%d},ES,{d:%Y-%m-%d} 15:14 - {d:%Y-%m-%d} 15:15,{4700 + k}\n"
        f"{d:%Y-%m-%d},CL,{d:%Y-%m-%d} 14:28 - {d:%Y-%m-%d} 14:30,{72 + k}\n"
        f"{d:%Y-%m-%d},GC,{d:%Y-%m-%d} 13:29 - {d:%Y-%m-%d} 13:30,{2050 + k}\n" for k, d in enumerate(days))
    for text, tickers in ((sessions, {"AAPL", "VOD.L"}), (settles, {"ES", "CL", "GC"})):
        schema = detect_bytes(text.encode(), "prices.csv")
        assert schema.problem is None
        result = normalise_bytes(text.encode(), schema, "prices.csv")
        assert (len(result.prices), len(result.rejected)) == (5 * len(tickers), 0)
        assert set(result.prices["ticker"]) == tickers
    assert list(result.prices.sort_values(["date", "ticker"])["close"][:3]) == [72, 4700, 2050]
    # One day's price published again an hour later: that day's second row is the file's conflict.
    rows = [f"{d:%Y-%m-%d},{d:%Y-%m-%d} 16:00 - {d:%Y-%m-%d} 16:30,{100 + k}\n" for k, d in enumerate(days)]
    rows.insert(2, f"{days[1]:%Y-%m-%d},{days[1]:%Y-%m-%d} 17:00 - {days[1]:%Y-%m-%d} 17:30,101.5\n")
    text = ("Date,Window,Close\n" + "".join(rows)).encode()
    schema = detect_bytes(text, "prices.csv")
    assert schema.problem is None
    assert len(normalise_bytes(text, schema, "prices.csv").prices) == 5
    # An hour's prices of two areas follow one another each: still refused.
    hours = "Area,MTU,Price\n" + "".join(
        f"{area},{_START + timedelta(hours=h):%d.%m.%Y %H:%M} - {_START + timedelta(hours=h + 1):%d.%m.%Y %H:%M},{p}\n"
        for area in ("DE", "FR") for h, p in enumerate(_PRICES[:3]))
    assert detect_bytes(hours.encode(), "prices.csv").problem.startswith(f"intraday prices{LONGER_BARS}")
