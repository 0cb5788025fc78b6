from datetime import date

from backintime_assets.sensors import contiguous_ranges


def test_ranges_join_across_weekends_and_split_on_gaps():
    days = [date(2025, 1, 2), date(2025, 1, 3), date(2025, 1, 6), date(2025, 1, 8), date(2025, 1, 4)]
    assert contiguous_ranges(days) == [(date(2025, 1, 2), date(2025, 1, 6)), (date(2025, 1, 8), date(2025, 1, 8))]
