import pytest

from backintime_assets.detection.leading_step import leads_run


@pytest.mark.parametrize("column, cell, leads", [
    (["45293", "45294", "45297"], "45292", True),  # the day before a run of serials
    (["45297", "45294", "45293"], "45298", True),  # newest first
    (["45293", "45294", "45297"], "45280", False),  # further back than any step of the run
    (["45293", "45294", "45297"], "1000", False),  # a units row's number
    (["45293", "45294", "45297"], "45293", False),  # the run's own first day: no step
    (["1.5", "2.5", "3.5"], "0.5", False),  # prices: no whole numbers
    (["120", "95", "130"], "100", False),  # volumes: no run
    (["45293", "45294"], "45292", False),  # two numbers in order are chance
])
def test_leads_run(column, cell, leads):
    assert leads_run(column)(cell) is leads
