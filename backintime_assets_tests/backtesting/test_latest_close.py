"""The `latest_close` asset after corrections: a close the lake no longer holds must not survive."""
import datetime as dt

import psycopg
import pytest
from dagster import materialize

from backintime_assets.definitions import ASSETS, build_resources
from backintime_assets.runner import range_tags
from backintime_assets.settings import Settings
from backintime_assets_tests.backtesting.lake_prices import put_prices

pytestmark = pytest.mark.postgres
JAN = [dt.date(2025, 1, d) for d in (2, 3, 6, 7)]


@pytest.fixture
def setup(tmp_path, postgres_url):
    settings = Settings.from_env({"BACKINTIME_HOME": str(tmp_path), "BACKINTIME_POSTGRES_URL": postgres_url})
    resources = build_resources(settings)
    return resources, resources["lake"].location(), postgres_url


def _closes(resources, url, first: dt.date, last: dt.date) -> dict:
    assert materialize(ASSETS, resources=resources, selection=["latest_close"], tags=range_tags(first, last)).success
    with psycopg.connect(url) as conn:
        rows = conn.execute("select ticker, date, adj_close from latest_close where strategy = 'monthly_ma_dip'")
        return {ticker: (day, close) for ticker, day, close in rows}


def test_a_removed_latest_row_falls_back_to_the_previous_close(setup):
    resources, lake, url = setup
    for i, day in enumerate(JAN):
        put_prices(lake, day.isoformat(), [("A", 10.0 + i), ("B", 20.0 + i)] + [("GONE", 5.0)] * (i == 3))
    assert _closes(resources, url, JAN[0], JAN[-1])["A"] == (JAN[3], 13.0)

    # A's and GONE's rows of Jan 7 were wrong: the correction drops them.
    put_prices(lake, JAN[3].isoformat(), [("B", 23.0)])
    closes = _closes(resources, url, JAN[3], JAN[3])
    assert closes == {"A": (JAN[2], 12.0), "B": (JAN[3], 23.0)}  # marked to a close the lake still holds


def test_a_latest_row_now_out_of_bounds_falls_back_within_the_rerun(setup):
    resources, lake, url = setup
    for i, day in enumerate(JAN):
        put_prices(lake, day.isoformat(), [("A", 10.0 + i)])
    _closes(resources, url, JAN[0], JAN[-1])

    put_prices(lake, JAN[3].isoformat(), [("A", 5000.0)])  # above max_price: no longer a close to mark to
    put_prices(lake, JAN[2].isoformat(), [("A", 0.01)])  # below min_price
    assert _closes(resources, url, JAN[1], JAN[3]) == {"A": (JAN[1], 11.0)}
    # A rerun of days before the latest close leaves it alone.
    assert _closes(resources, url, JAN[0], JAN[0]) == {"A": (JAN[1], 11.0)}
