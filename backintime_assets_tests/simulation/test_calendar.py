from datetime import date, timedelta

from backintime_assets.simulation.calendar import (
    business_day_count,
    business_day_numbers,
    business_days,
    day_number,
    from_day_number,
    is_business_day,
    year_block_days,
)
from backintime_assets.trading_week import TradingWeek


def test_business_days_are_mondays_to_fridays_inclusive():
    days = business_days(date(2024, 2, 23), date(2024, 3, 4))  # Fri .. Mon, leap day in between
    assert days == [date(2024, 2, 23), date(2024, 2, 26), date(2024, 2, 27), date(2024, 2, 28),
                    date(2024, 2, 29), date(2024, 3, 1), date(2024, 3, 4)]


def test_whole_range_from_1900_has_every_weekday_and_no_weekend():
    start, end = date(1900, 1, 1), date(2025, 12, 31)
    days = business_days(start, end)
    expected = [start + timedelta(d) for d in range((end - start).days + 1)]
    assert days == [d for d in expected if d.weekday() < 5]
    assert days[0] == date(1900, 1, 1)  # a Monday


def test_empty_and_weekend_ranges():
    assert business_days(date(2024, 1, 2), date(2024, 1, 1)) == []
    assert business_days(date(2024, 1, 6), date(2024, 1, 7)) == []
    assert not is_business_day(date(2024, 1, 6)) and is_business_day(date(2024, 1, 8))


def test_day_numbers_round_trip():
    for day in (date(1900, 1, 1), date(1969, 12, 31), date(1970, 1, 1), date(2025, 6, 30)):
        assert from_day_number(day_number(day)) == day
    assert day_number(date(1970, 1, 2)) == 1
    assert list(business_day_numbers(date(1970, 1, 1), date(1970, 1, 5))) == [0, 1, 4]


def test_year_blocks_start_with_the_market():
    assert from_day_number(year_block_days(2000, date(2000, 6, 15))[0]) == date(2000, 6, 15)
    assert from_day_number(year_block_days(2001, date(2000, 6, 15))[0]) == date(2001, 1, 1)
    assert from_day_number(year_block_days(2001, date(2000, 6, 15))[-1]) == date(2001, 12, 31)
    assert len(year_block_days(2001, date(2000, 6, 15))) == 261


def test_business_day_count_counts_the_business_days():
    start = date(1999, 12, 27)
    for span in range(-3, 40):
        for shift in range(7):
            first, last = start + timedelta(shift), start + timedelta(shift + span)
            assert business_day_count(first, last) == len(business_day_numbers(first, last)), (first, last)


SUN_THU, EVERY_DAY = TradingWeek.parse("sun-thu"), TradingWeek.parse("mon-sun")


def test_the_week_sets_the_trading_days():
    # Thursday 2025-01-02 to Monday 2025-01-06.
    assert business_days(date(2025, 1, 2), date(2025, 1, 6), SUN_THU) == [date(2025, 1, 2), date(2025, 1, 5),
                                                                          date(2025, 1, 6)]
    assert len(business_days(date(2025, 1, 2), date(2025, 1, 6), EVERY_DAY)) == 5
    assert is_business_day(date(2025, 1, 5), SUN_THU) and not is_business_day(date(2025, 1, 3), SUN_THU)
    assert is_business_day(date(2025, 1, 4), EVERY_DAY) and not is_business_day(date(2025, 1, 4))
    assert len(year_block_days(2001, date(2000, 6, 15), EVERY_DAY)) == 365
    assert from_day_number(year_block_days(2001, date(2000, 6, 15), SUN_THU)[-1]) == date(2001, 12, 31)  # a Monday


def test_business_day_count_follows_the_week():
    start = date(1999, 12, 27)
    for week in (SUN_THU, EVERY_DAY, TradingWeek.parse("mon,wed")):
        for span in range(-1, 16):
            for shift in range(7):
                first, last = start + timedelta(shift), start + timedelta(shift + span)
                assert business_day_count(first, last, week) == len(business_day_numbers(first, last, week))
