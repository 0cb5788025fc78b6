import re
from datetime import date

import numpy as np
import polars as pl
import pytest

from backintime_assets.simulation import FileOptions, MarketSpec, write_files
from backintime_assets.simulation import formatting as fmt
from backintime_assets.simulation import writer
from backintime_assets.simulation.layouts import CLEAN, DATE_FORMATS, EXCEL_DATE, Layout, random_layout
from backintime_assets.simulation.panel import simulate_panel
from backintime_assets.simulation.printer import printed_rows
from backintime_assets.simulation.rng import Stream, stream
from backintime_assets.simulation.rows import RowSource

PRICES = ("open", "high", "low", "close", "adj_close")
EVERY_COLUMN = tuple((s, s) for s in ("date", "ticker", "sector", "exchange", "currency", "notes", *PRICES, "volume"))
# Prices the kernel prints itself: grid values of every size, .005 boundaries, values that
# round-trip through few digits, the smallest plain decimals, zeros and negatives.
EDGE_PRICES = [0.01, 0.1, 1.0, 2.5, 9.9999, 10.0, 0.005, 1.005, 2.675, 1.0005, 0.0001, 0.00001, 0.000123457,
               0.3, 123.45, 999.9999, 1000.0, 1234.5, 9999.9999, 10000.0, 123456.7891, 1234567.8,
               99999999.9999, 100000000.0, 123456789012.5, 99999999999999.9, 0.0, -0.0, -1.25, -1234.5678, -0.0003]
EDGE_VOLUMES = [0, 1, 999, 1000, 9999, 123456, 99_999_999, 100_000_000, 1_234_567_890, 2**62, -5, -1234567]


@pytest.fixture(scope="module")
def rows() -> pl.DataFrame:
    """Simulated rows, with big numbers too (thousands separators, values past the fast paths)."""
    spec = MarketSpec(n_tickers=20, market_start=date(1900, 1, 1))
    panel = simulate_panel(spec, np.arange(20), date(1900, 1, 1), date(1900, 12, 31))
    values = {f: getattr(panel, f) for f in (*PRICES, "volume")}
    frame = RowSource(spec, 1 << 20, share_years=False).frame(panel.days, panel.tickers, values, ticker_major=True)
    return frame.with_columns((pl.col("adj_close") * 1e3).round(1), pl.col("volume") * 1000)


def _edge_rows() -> pl.DataFrame:
    n = len(EDGE_PRICES) * len(EDGE_VOLUMES)
    prices = np.resize(np.array(EDGE_PRICES), n)
    return pl.DataFrame({
        "date": pl.Series(np.resize(np.arange(-25567, -20000, 31, dtype=np.int32), n)).cast(pl.Date),  # 1900-1915
        "ticker": np.resize(np.array(["AAAAAA", "B", "TWELVE_CHARS", "THIRTEEN_CHAR"]), n),
        "sector": np.resize(np.array(["CONSUMER NON-DURABLES", "ENERGY"]), n),
        "exchange": np.resize(np.array(["NYSE", "NASDAQ GLOBAL SELECT"]), n),
        **{c: np.roll(prices, i) for i, c in enumerate(PRICES)},
        "volume": np.resize(np.array(EDGE_VOLUMES, dtype=np.int64), n),
    })


def _layouts() -> list[Layout]:
    marks = [(d, dec, th) for d in (",", ";", "\t", "|") for dec in (".", ",") for th in ("", ".", " ", ",", "'")
             if th != dec]
    return [Layout(delimiter=d, decimal=dec, thousands=th, columns=EVERY_COLUMN, date_format=f)
            for (d, dec, th), f in zip(marks, DATE_FORMATS * 4)]


def _same_bytes(rows: pl.DataFrame, layout: Layout) -> bool:
    printed = printed_rows(rows, layout)
    assert printed is not None, layout
    return bytes(printed.data) == fmt.rendered_rows(rows, layout)


@pytest.mark.parametrize("layout", _layouts(), ids=lambda la: f"{la.delimiter!r}{la.decimal}{la.thousands!r}")
def test_every_mark_and_delimiter_prints_the_bytes_polars_prints(rows, layout):
    assert _same_bytes(rows, layout)
    assert _same_bytes(_edge_rows(), layout)


@pytest.mark.parametrize("date_format", DATE_FORMATS)
def test_every_date_format(rows, date_format):
    layout = Layout(date_format=date_format, newline="\r\n", columns=EVERY_COLUMN)
    assert _same_bytes(rows, layout)
    assert _same_bytes(_edge_rows(), layout)


@pytest.mark.parametrize("index", range(40))
def test_drifted_layouts(rows, index):
    assert _same_bytes(rows, random_layout(stream(5, Stream.LAYOUT_FILE, index)))


def test_the_fast_path_prints_short_decimals_shortest():
    frame = pl.DataFrame({"open": [0.01, 12.0, 12.5, 81.792, 1.0005, 100.1, 2.675, 9999.9999]})
    printed = printed_rows(frame, Layout(columns=(("Open", "open"),)))
    assert bytes(printed.data).split() == [b"0.01", b"12.0", b"12.5", b"81.792", b"1.0005", b"100.1", b"2.675",
                                          b"9999.9999"]
    comma = printed_rows(frame.head(2), Layout(decimal=",", columns=(("Open", "open"), ("O", "open"))))
    assert bytes(comma.data) == b'"0,01","0,01"\n"12,0","12,0"\n'  # Polars quotes a decimal comma between commas


def _tiny_prices(n: int) -> np.ndarray:
    """Prices below 1e-5 as `daily.round_prices` leaves them (6 significant digits), down to 1e-17,
    and the shapes of their texts: one digit, all 6, exponents of one and two digits."""
    exponents = np.random.default_rng(3).uniform(-17, -5, n)
    raw = 10.0**exponents
    decimals = 5 - np.floor(np.log10(raw)).astype(np.int64)
    rounded = np.rint(raw * 10.0**decimals) / 10.0**decimals
    return np.concatenate([rounded, [1e-6, 9.99999e-6, 1.5e-7, 1e-10, 1.2e-10, 1e-17, 3.00001e-9, 1e-20]])


@pytest.mark.parametrize("layout", _layouts(), ids=lambda la: f"{la.delimiter!r}{la.decimal}{la.thousands!r}")
def test_tiny_prices_in_scientific_notation_as_polars_prints_them(layout):
    """An adjusted close far below its close: Polars prints `2.55158e-6`, quoted like its column (a
    Float column with a decimal comma between commas every cell, grouped text only where it holds
    the decimal mark). Once such a cell sent the whole block to Polars."""
    tiny = _tiny_prices(2000)
    frame = pl.DataFrame({"adj_close": tiny, "close": -tiny, "open": np.resize([1.5, 1234.5], len(tiny))})
    layout = Layout(delimiter=layout.delimiter, decimal=layout.decimal, thousands=layout.thousands,
                    columns=(("A", "adj_close"), ("C", "close"), ("O", "open")))
    assert _same_bytes(frame, layout)
    assert b"e-" in bytes(printed_rows(frame, layout).data)


@pytest.mark.parametrize("value", [1 / 3, 1e-7 / 3, 1.23456e-20, 1e16, 2.0**60, 999999999999999.9, float("nan"),
                                   float("inf"), 0.1 + 0.2])
def test_values_polars_prints_otherwise_are_left_to_it(value):
    """16+ significant digits (tiny ones too), scientific notation past the exact powers of ten or
    above 1e15, nan, inf: None, and the writer takes Polars' path."""
    frame = pl.DataFrame({"open": [1.5, value]})
    assert printed_rows(frame, Layout(columns=(("Open", "open"),))) is None


def test_text_is_quoted_where_polars_quotes_it():
    frame = pl.DataFrame({"ticker": ["A;B", "", "PLAIN", "LONG; TEXT IN A BUFFER", "LONG TEXT IN A BUFFER"]})
    layout = Layout(delimiter=";", columns=(("T", "ticker"), ("C", "currency"), ("N", "notes")))
    printed = printed_rows(frame, layout)
    assert bytes(printed.data) == fmt.rendered_rows(frame, layout)
    assert bytes(printed.data).splitlines()[:2] == [b'"A;B";USD;', b'"";USD;']
    for needs_escaping in ('say "hi"', "two\nlines", "a long text with a \r inside"):
        assert printed_rows(pl.DataFrame({"ticker": ["A", needs_escaping]}), layout) is None


def test_line_ends_are_past_each_newline(rows):
    layout = Layout(newline="\r\n", delimiter="|", thousands="'", columns=EVERY_COLUMN)
    printed = printed_rows(rows, layout, with_ends=True)
    data = bytes(printed.data)
    expected = [i + 1 for i in range(len(data)) if data[i : i + 1] == b"\n"]
    assert printed.ends.tolist() == expected and printed.ends[-1] == len(data)


def test_excel_serials_and_empty_blocks(rows):
    layout = Layout(date_format=EXCEL_DATE, columns=EVERY_COLUMN)
    assert _same_bytes(rows, layout)
    empty = printed_rows(rows.head(0), CLEAN)
    assert empty is not None and len(empty.data) == 0


@pytest.mark.parametrize("options", [
    FileOptions(shape="archive", archive_tickers=8, archive_years=10, drift="random", pollution_rate=0.02),
    FileOptions(shape="archive", archive_tickers=8, archive_years=10, drift="random", xlsx_share=0.1, seed=3),
])
def test_files_are_the_same_with_and_without_the_compiled_printer(tmp_path, monkeypatch, options):
    """End to end: every file and the ground truth, damaged and drifted, byte for byte."""
    spec = MarketSpec(n_tickers=96, seed=11)
    start, end = date(2000, 1, 1), date(2009, 12, 31)  # one 10-year window of 12 files
    options.block_rows = 8192  # blocks of 3 tickers x 10 years: several per file, each big enough for the printer
    printed = _written_both_ways(tmp_path, monkeypatch, spec, start, end, options)
    assert len(printed) > 30
    assert sum(name.startswith("ARCHIVE") for name in _names(tmp_path)) == 12


def test_blocks_with_tiny_prices_are_printed_by_the_kernel_too(tmp_path, monkeypatch):
    """An adjusted close below 1e-5 (here in one block of 3 tickers) is printed in scientific notation
    by the kernel, the same bytes as Polars', instead of sending its whole block to Polars."""
    spec = MarketSpec(n_tickers=64, seed=3)
    options = FileOptions(shape="archive", archive_tickers=16, archive_years=30, drift="random", pollution_rate=0.02,
                          block_rows=8192)
    printed = _written_both_ways(tmp_path, monkeypatch, spec, date(2020, 1, 1), date(2024, 12, 31), options)
    assert len(printed) > 8
    files = [(tmp_path / "compiled" / n).read_bytes() for n in _names(tmp_path) if n.startswith("ARCHIVE")]
    assert any(re.search(rb"[0-9]e-[0-9]", data.replace(b"\x00", b"")) for data in files)


def _names(tmp_path) -> list[str]:
    return sorted(p.name for p in (tmp_path / "polars").iterdir())


def _written_both_ways(tmp_path, monkeypatch, spec, start, end, options) -> list:
    """Write the range with Polars printing every block, then with the kernel printing every block big
    enough for it; assert the folders are byte-identical and the kernel printed each block it got."""
    monkeypatch.setattr(writer, "_COMPILED_FROM", 1 << 62)
    write_files(spec, start, end, tmp_path / "polars", options)
    monkeypatch.setattr(writer, "_COMPILED_FROM", 4096)
    monkeypatch.setattr(writer, "_COMPILED_RUN_ROWS", 0)  # a small run, printed as a big one would be
    printed = []

    def counted(*args, **kwargs):
        printed.append(printed_rows(*args, **kwargs))
        return printed[-1]

    monkeypatch.setattr(writer, "printed_rows", counted)
    write_files(spec, start, end, tmp_path / "compiled", options)
    assert printed and all(p is not None for p in printed)  # the kernel printed every block
    names = _names(tmp_path)
    assert names == sorted(p.name for p in (tmp_path / "compiled").iterdir())
    for name in names:
        assert (tmp_path / "polars" / name).read_bytes() == (tmp_path / "compiled" / name).read_bytes(), name
    return printed


def test_polars_prints_when_the_compiled_kernel_cannot_load(monkeypatch, request):
    # numba raises RuntimeError at import when it has nowhere to cache (a read-only install).
    import sys

    from backintime_assets.simulation import printer

    tried = []

    class Refusing:
        def find_spec(self, name, path=None, target=None):
            if name == "backintime_assets.simulation.print_kernel":
                tried.append(name)
                raise RuntimeError("cannot cache function: no locator available")

    monkeypatch.delitem(sys.modules, "backintime_assets.simulation.print_kernel", raising=False)
    monkeypatch.delattr(sys.modules["backintime_assets.simulation"], "print_kernel", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Refusing(), *sys.meta_path])
    printer._kernel.cache_clear()  # as in a fresh process
    request.addfinalizer(printer._kernel.cache_clear)  # the tests after this one load the kernel
    assert printer._kernel() is None
    for _ in range(3):
        assert printed_rows(pl.DataFrame({"open": [1.5]}), CLEAN) is None  # the writer then prints with Polars
    assert len(tried) == 1  # the import failed once: not tried again for every block


def test_columns_converted_for_the_kernel_outlive_the_view_over_them():
    # An int32 column is copied to int64 inside _one_view: a strided view over that copy read freed
    # memory once the call returned (dates printed as garbage).
    from backintime_assets.simulation.printer import _one_view

    small, large = np.arange(1000, dtype=np.int32), np.arange(1000, 2000, dtype=np.int64)
    view, rows = _one_view([small, large], np.int64, 1000)
    junk = [np.full(1000, -1, dtype=np.int64) for _ in range(50)]  # reuse whatever was freed
    assert view[rows[0]].tolist() == list(range(1000)) and view[rows[1]].tolist() == list(range(1000, 2000))
    assert len(junk) == 50
