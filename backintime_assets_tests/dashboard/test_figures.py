import datetime as dt

import pandas as pd

from dashboard.data import PNL_COLUMNS
from dashboard.figures import MAX_TICKER_TRACES, TOTAL_TRACE, pnl_figure, summary

D1, D2 = dt.date(2024, 1, 2), dt.date(2024, 1, 3)


def _frame(rows):
    return pd.DataFrame(rows, columns=PNL_COLUMNS)


def test_total_bar_and_one_line_per_ticker():
    frame = _frame([(D1, "A", 2, 1.5), (D1, "B", 1, -0.5), (D2, "A", 1, 2.0)])
    fig = pnl_figure(frame)
    traces = {t.name: t for t in fig.data}
    assert list(traces) == [TOTAL_TRACE, "A", "B"]
    assert traces[TOTAL_TRACE].type == "bar"
    assert list(traces[TOTAL_TRACE].x) == [D1, D2] and list(traces[TOTAL_TRACE].y) == [1.0, 2.0]
    assert list(traces["A"].x) == [D1, D2] and list(traces["A"].y) == [1.5, 2.0]
    assert list(traces["B"].x) == [D1] and list(traces["B"].y) == [-0.5]


def test_many_tickers_show_only_the_total():
    n = MAX_TICKER_TRACES + 1
    frame = _frame([(D1, f"T{i}", 1, float(i)) for i in range(n)])
    fig = pnl_figure(frame)
    assert [t.name for t in fig.data] == [TOTAL_TRACE]
    assert list(fig.data[0].y) == [float(sum(range(n)))]


def test_empty_frame_gives_an_annotated_empty_figure():
    fig = pnl_figure(_frame([]), empty_message="nothing here")
    assert fig.data == ()
    assert [a.text for a in fig.layout.annotations] == ["nothing here"]


def test_summary():
    frame = _frame([(D1, "A", 2, 1.5), (D1, "B", 1, -0.25), (D2, "A", 1, 2.0)])
    assert summary(frame) == {"trades": 4, "tickers": 2, "total_pnl": 3.25}
    assert summary(_frame([])) == {"trades": 0, "tickers": 0, "total_pnl": 0.0}


def test_single_date_gets_a_visible_bar_and_a_range_around_it():
    fig = pnl_figure(_frame([(D1, "A", 1, 1.0)]))
    assert fig.data[0].width == 0.8 * 86_400_000
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert start < pd.Timestamp(D1) < end


def test_short_spans_tick_once_per_day_long_ones_are_left_to_plotly():
    short = pnl_figure(_frame([(D1, "A", 1, 1.0), (D2, "A", 1, 2.0)]))
    assert short.layout.xaxis.dtick == 86_400_000 and short.layout.xaxis.type == "date"
    long = pnl_figure(_frame([(D1, "A", 1, 1.0), (dt.date(2025, 6, 1), "A", 1, 2.0)]))
    assert long.layout.xaxis.dtick is None and long.layout.xaxis.range is None
