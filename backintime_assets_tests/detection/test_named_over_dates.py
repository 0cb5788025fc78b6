"""An instrument named over the dates ("Fund XYZ,NAV"), the file's name another's."""
import pytest

from backintime_assets.db import file_overrides
from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.named_over_dates import NAMED_OVER_DATES
from backintime_assets.detection.refusals import judgement
from backintime_assets.normalisation import normalise_bytes

ROWS = "2024-01-02,10.52\n2024-01-03,10.55\n2024-01-04,10.49\n"


def _read(head: str, name: str, pad: str = ""):
    text = f"{head}{pad}\n" + "".join(f"{line}{pad}\n" for line in ROWS.splitlines())
    schema = detect_bytes(text.encode(), name)
    return schema, normalise_bytes(text.encode(), schema, name), text


@pytest.mark.parametrize("pad", ["", ",,,"])
def test_a_fund_named_over_the_dates_and_another_name_on_the_file_is_refused(pad):
    # "Fund XYZ,NAV,,," in ABC.csv loaded XYZ's NAVs as ticker ABC, the date column named "Fund XYZ" (silent).
    schema, result, _ = _read("Fund XYZ,NAV", "ABC.csv", pad)
    assert judgement(schema.problem) == NAMED_OVER_DATES, schema.problem
    assert '"Fund XYZ"' in schema.problem and len(result.prices) == 0 and len(result.rejected) == 3


@pytest.mark.parametrize("name, ticker", [("XYZ.csv", "XYZ"), ("Fund XYZ.csv", "FUND XYZ"), ("xyz_nav.csv", "XYZ_NAV")])
def test_a_fund_named_over_the_dates_loads_under_a_file_name_that_shares_its_name(name, ticker):
    schema, result, _ = _read("Fund XYZ,NAV", name)
    assert schema.problem is None and result.prices.ticker.tolist() == [ticker] * 3


@pytest.mark.parametrize("head", ["index,Close", "Unnamed: 0,Close", "Fecha,Cierre", "Trade Date,NAV", "Fund,NAV",
                                  "Portfolio,NAV"])
def test_no_instruments_name_over_the_dates_leaves_the_file_named_by_its_name(head):
    schema, result, _ = _read(head, "ABC.csv")
    assert schema.problem is None and result.prices.ticker.tolist() == ["ABC"] * 3


def test_a_users_ticker_names_the_rows_the_refusal_held_back():
    schema, _, text = _read("Fund XYZ,NAV", "ABC.csv")
    final = schema.to_dict()
    file_overrides.apply(final, {"ticker": file_overrides.FileOverride("ticker", "XYZ", "analyst", None)})
    named = FileSchema.from_dict(final)
    assert named.problem is None
    assert normalise_bytes(text.encode(), named, "ABC.csv").prices.ticker.tolist() == ["XYZ"] * 3
