from datetime import date

import numpy as np
import polars as pl
import pytest

from backintime_assets.simulation import MarketSpec
from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation.layouts import CLEAN, EXCEL_DATE, Layout, random_layout
from backintime_assets.simulation.panel import simulate_panel
from backintime_assets.simulation.rng import Stream, stream
from backintime_assets.simulation.rows import RowSource


@pytest.fixture(scope="module")
def rows() -> pl.DataFrame:
    spec = MarketSpec(n_tickers=20, market_start=date(1900, 1, 1))
    panel = simulate_panel(spec, np.arange(20), date(1900, 1, 1), date(1900, 4, 30))
    values = {f: getattr(panel, f) for f in ("open", "high", "low", "close", "adj_close", "volume")}
    frame = RowSource(spec, 1 << 20, share_years=False).frame(panel.days, panel.tickers, values, ticker_major=True)
    # Big numbers too, so thousands separators and scientific notation show up.
    return frame.with_columns(pl.col("adj_close") * 1e5, pl.col("volume") * 1000)


def test_clean_rows_look_like_the_daily_drop(rows):
    text = fmt.render_rows(fmt.file_frame(rows.head(1), CLEAN), CLEAN).decode()
    first = rows.row(0, named=True)
    assert text == (f"{first['date']:%Y-%m-%d},{first['ticker']},{first['sector']},{first['open']},{first['high']},"
                    f"{first['low']},{first['close']},{first['adj_close']},{first['volume']}\n")


@pytest.mark.parametrize("index", range(60))
def test_hand_rendered_cells_match_what_polars_writes(rows, index):
    """Damaged rows are rendered from text cells; clean cells must print exactly as Polars prints them."""
    layout = random_layout(stream(3, Stream.LAYOUT_FILE, index))
    written = fmt.render_rows(fmt.file_frame(rows, layout), layout).decode("ascii")
    by_hand = "".join(fmt.join_fields(cells, layout) + layout.newline for cells in fmt.text_frame(rows, layout).rows())
    assert by_hand == written


def test_thousands_and_decimal_marks():
    frame = pl.DataFrame({"date": [date(2000, 1, 3)] * 4, "ticker": ["A"] * 4, "open": [1234567.5, 999.25, 0.5, 1e21],
                          "volume": [1234567, 999, 1000, 12]})
    layout = Layout(delimiter=";", decimal=",", thousands=".", columns=(("O", "open"), ("V", "volume")))
    assert fmt.render_rows(fmt.file_frame(frame, layout), layout).decode().splitlines() == [
        "1.234.567,5;1.234.567", "999,25;999", "0,5;1.000", "1e+21;12"]
    layout = Layout(delimiter=",", thousands=",", columns=(("O", "open"), ("V", "volume")))
    first = fmt.render_rows(fmt.file_frame(frame, layout), layout).decode().splitlines()[0]
    assert first == '"1,234,567.5","1,234,567"'


def test_dates_in_every_format():
    frame = pl.DataFrame({"date": [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(2000, 1, 1)]})
    excel = Layout(date_format=EXCEL_DATE, columns=(("D", "date"),))
    # Excel counts the 1900-02-29 that never was: serial 60 is skipped.
    assert fmt.render_rows(fmt.file_frame(frame, excel), excel).decode().split() == ["1", "59", "61", "36526"]
    timed = Layout(date_format="%m/%d/%Y %H:%M", columns=(("D", "date"),))
    assert fmt.render_rows(fmt.file_frame(frame, timed), timed).decode().splitlines()[3] == "01/01/2000 00:00"
    named = Layout(date_format="%d-%b-%Y", columns=(("D", "date"),))
    assert fmt.render_rows(fmt.file_frame(frame, named), named).decode().splitlines()[1] == "28-Feb-1900"


def test_encodings_and_header_quoting():
    layout = Layout(encoding="utf-16", delimiter=";", columns=(("Clôture", "close"), ("a;b", "volume")))
    assert fmt.header_line(layout) == 'Clôture;"a;b"\n'
    assert fmt.byte_order_mark(layout) + fmt.encode_text(fmt.header_line(layout), layout) == \
        fmt.header_line(layout).encode("utf-16")
    assert fmt.encode_rows(b"1;2\n", layout) == "1;2\n".encode("utf-16-le")
    cp = Layout(encoding="cp1252")
    assert fmt.encode_text("Kurse in €", cp) == "Kurse in €".encode("cp1252")
    assert fmt.encode_rows(b"abc", cp) == b"abc"


def test_preamble_and_totals_lines():
    layout = Layout(delimiter="|", preamble=("Exchange{d}{exchange}", "", "Report date{d}{date}"), totals=True)
    assert fmt.preamble_lines(layout, "NYSE", date(2001, 2, 3)) == ["Exchange|NYSE\n", "\n", "Report date|03.02.2001\n"]
    assert fmt.totals_line(layout, 10, 12345) == "TOTAL||||||||12345\n"


@pytest.fixture(scope="module")
def many_rows() -> pl.DataFrame:
    spec = MarketSpec(n_tickers=20, seed=5)
    panel = simulate_panel(spec, np.arange(20), date(2003, 1, 1), date(2004, 12, 31))
    values = {f: getattr(panel, f) for f in ("open", "high", "low", "close", "adj_close", "volume")}
    return RowSource(spec, 1 << 20, share_years=False).frame(panel.days, panel.tickers, values, ticker_major=True)


@pytest.mark.parametrize("index", range(12))
def test_rows_printed_through_a_table_of_days_are_the_bytes_polars_writes(many_rows, index):
    """The writer prints dates of big blocks from a table of the days: the same text, byte for byte."""
    layout = random_layout(stream(4, Stream.LAYOUT_FILE, index))
    if layout.date_format != EXCEL_DATE:
        assert fmt._date_text(many_rows, layout) is not None  # the table is what is being tested
    assert fmt.rendered_rows(many_rows, layout) == fmt.render_rows(fmt.file_frame(many_rows, layout), layout)
    timed = Layout(date_format="%d.%m.%Y %H:%M:%S")
    assert fmt.rendered_rows(many_rows, timed) == fmt.render_rows(fmt.file_frame(many_rows, timed), timed)
