"""Which office's a file is, by its path: one office's daily files share a key, two offices' do not."""
import pytest

from backintime_assets.detection.office_names import office_key


@pytest.mark.parametrize("one, other", [
    ("london/day_13.csv", "london/day_04.csv"),
    ("prices/2024/01/close_20240102.csv", "prices/2025/12/close_20251231.csv"),  # a folder a year, a month
    ("day_13.csv", "day_04.csv"),  # the root's files
])
def test_one_offices_files_share_a_key(one, other):
    assert office_key(one) == office_key(other)


@pytest.mark.parametrize("one, other", [
    ("london/day_13.csv", "paris/day_13.csv"),
    ("branch01/close_20240102.csv", "branch02/close_20240102.csv"),  # a number that names an office
    ("desk3_prices_20240102.csv", "desk4_prices_20240102.csv"),
    ("london/day_13.csv", "day_13.csv"),
])
def test_two_offices_files_do_not(one, other):
    assert office_key(one) != office_key(other)
