"""A headerless table whose prices the lines above it name in another order is refused, not loaded by position."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.names_above import NAMES_ABOVE
from backintime_assets.detection.refusals import judged
from backintime_assets.normalisation import normalise_bytes

# yfinance's order: close, high, low, open. Read by position, open is left of close.
ROWS = ("2024-01-02,45.80,46.20,44.90,45.10,1200300\n2024-01-03,46.90,47.00,45.50,45.80,1300400\n"
        "2024-01-04,46.20,47.10,46.00,46.90,1100200\n2024-01-05,45.30,46.50,45.10,46.20,1000100\n")


def _read(text: str):
    schema = detect_bytes(text.encode(), "prices.csv")
    return schema, normalise_bytes(text.encode(), schema, "prices.csv")


@pytest.mark.parametrize("above", [
    "Date,Close,High,Low,Open,Volume\n---\n===\n***\n",  # more damaged lines than the header search passes
])
def test_names_above_a_headerless_table_against_its_positions_refuse_it(above):
    # Read by position, each row's close loaded as its open and its open as its close.
    schema, result = _read(above + ROWS)
    assert schema.problem.startswith(NAMES_ABOVE) and judged(schema.problem)
    assert "line 1 names the close left of the open" in schema.problem
    assert len(result.prices) == 0 and len(result.rejected) == result.rows_read == 4


@pytest.mark.parametrize("above", ["Date;Close;High;Low;Open;Volume\n", "Date\tClose\tHigh\tLow\tOpen\tVolume\n"])
def test_a_header_in_another_delimiter_right_above_the_rows_names_them(above):
    # Right above the rows and as wide as they are, the names in another delimiter are the header
    # (detect._other_delimiter_header): the prices load as it names them, not refused.
    schema, result = _read(above + ROWS)
    assert schema.problem is None and schema.header_row == 0
    assert list(result.prices["close"]) == [45.80, 46.90, 46.20, 45.30]
    assert list(result.prices["open"]) == [45.10, 45.80, 46.90, 46.20]


@pytest.mark.parametrize("above", [
    "",  # no names: read by position, as ever
    "Date;Open;High;Low;Close;Volume\n",  # names in the order the positions give
    "Open and close prices, in USD\n",  # a title, not a row of names
])
def test_a_headerless_table_loads_when_nothing_above_contradicts_it(above):
    rows = "".join(f"{d},{o},{h},{lo},{c},{v}\n" for d, c, h, lo, o, v in (r.split(",") for r in ROWS.splitlines()))
    schema, result = _read(above + rows)
    assert schema.problem is None
    assert list(result.prices["close"]) == [45.80, 46.90, 46.20, 45.30]
    assert list(result.prices["open"]) == [45.10, 45.80, 46.90, 46.20]
