from datetime import date, datetime, timedelta, timezone

from backintime_assets.db.manifest import Change
from backintime_assets.sensors import CLOCK_MARGIN, contiguous_ranges, dates_to_run


def test_ranges_join_across_weekends_and_split_on_gaps():
    days = [date(2025, 1, 2), date(2025, 1, 3), date(2025, 1, 6), date(2025, 1, 8), date(2025, 1, 4)]
    assert contiguous_ranges(days) == [(date(2025, 1, 2), date(2025, 1, 6)), (date(2025, 1, 8), date(2025, 1, 8))]


def test_a_date_runs_again_unless_it_ran_well_after_its_last_change():
    at = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)
    d1, d2, d3, d4 = (date(2025, 1, d) for d in (6, 7, 8, 9))
    changes = [Change(1, "a.csv", [d1, d2, d3], at), Change(2, "b.csv", [d3, d4], at + timedelta(hours=1))]
    last_runs = {
        d1: at + CLOCK_MARGIN,  # ran after the change, beyond any clock skew: done
        d2: at + CLOCK_MARGIN / 2,  # ran so close to the change that skew could put it before: again
        d3: at + timedelta(minutes=30),  # ran after the first change but before the second: again
    }
    assert dates_to_run(changes, last_runs) == [d2, d3, d4]
