import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from backintime_assets.simulation.grouping import _grouped_by_regex, grouped_numbers


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(-(10**18), 10**18), min_size=1, max_size=50),
       sep=st.sampled_from([",", ".", " ", "'"]))
def test_integers_are_grouped_like_python_does(values, sep):
    text = grouped_numbers(pl.Series("v", values, dtype=pl.Int64), sep, ".")
    assert text.name == "v"
    assert text.to_list() == [f"{v:,}".replace(",", sep) for v in values]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e22, max_value=1e22), min_size=1,
                    max_size=50),
    marks=st.sampled_from([(",", "."), (" ", "."), ("'", "."), (".", ","), (" ", ",")]),
)
def test_floats_keep_polars_text_with_the_integer_digits_grouped(values, marks):
    """Against the general form (a regex over the digits Polars printed), whatever the magnitude."""
    sep, decimal = marks
    series = pl.Series("x", values, dtype=pl.Float64)
    text = series.cast(pl.String)
    if decimal != ".":
        text = text.str.replace(".", decimal, literal=True)
    expected = pl.select(_grouped_by_regex(pl.lit(text), sep)).to_series()
    assert grouped_numbers(series, sep, decimal).to_list() == expected.to_list()


def test_the_usual_cases():
    prices = pl.Series([1234567.5, 999.25, 0.5, -1234.0, 1e21, 12345678901234.5])
    assert grouped_numbers(prices, ".", ",").to_list() == [
        "1.234.567,5", "999,25", "0,5", "-1.234,0", "1e+21", "12.345.678.901.234,5"]
    assert grouped_numbers(pl.Series([0, 7, 1000, 999999, -1000]), " ", ".").to_list() == [
        "0", "7", "1 000", "999 999", "-1 000"]
