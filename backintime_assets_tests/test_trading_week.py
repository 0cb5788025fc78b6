from datetime import date

import pytest

from backintime_assets.settings import Settings
from backintime_assets.trading_week import MON_FRI, TradingWeek, TradingWeekError

SUN_THU = TradingWeek.parse("sun-thu")
EVERY_DAY = TradingWeek.parse("mon-sun")
FRI, SAT, SUN, MON = date(2025, 3, 7), date(2025, 3, 8), date(2025, 3, 9), date(2025, 3, 10)


@pytest.mark.parametrize("text, days, spec, label, cron", [
    (None, {0, 1, 2, 3, 4}, "mon-fri", "Monday to Friday", "1-5"),
    ("", {0, 1, 2, 3, 4}, "mon-fri", "Monday to Friday", "1-5"),
    ("Mon-Fri", {0, 1, 2, 3, 4}, "mon-fri", "Monday to Friday", "1-5"),
    ("mon-sun", set(range(7)), "mon-sun", "every day", "*"),
    ("sun-thu", {6, 0, 1, 2, 3}, "sun-thu", "Sunday to Thursday", "0-4"),
    ("sun,mon,tue,wed,thu", {6, 0, 1, 2, 3}, "sun-thu", "Sunday to Thursday", "0-4"),
    ("sunday, monday, tuesday, wednesday, thursday", {6, 0, 1, 2, 3}, "sun-thu", "Sunday to Thursday", "0-4"),
    ("sat-wed", {5, 6, 0, 1, 2}, "sat-wed", "Saturday to Wednesday", "0,1,2,3,6"),
    ("mon,wed,fri", {0, 2, 4}, "mon,wed,fri", "Monday, Wednesday, Friday", "1,3,5"),
])
def test_the_accepted_spellings(text, days, spec, label, cron):
    week = TradingWeek.parse(text)
    assert (week.days, week.spec, week.label, week.cron_days) == (days, spec, label, cron)
    assert TradingWeek.parse(week.spec) == week  # the canonical spelling reads back as the same week


@pytest.mark.parametrize("text", ["weekdays", "mon-", "mon-fri-sat", "mon,,tue", "1-5", "lun-ven"])
def test_a_bad_week_names_the_accepted_forms(text):
    with pytest.raises(TradingWeekError, match="mon-fri .*mon-sun .*sun-thu.*comma list"):
        TradingWeek.parse(text)


def test_settings_read_the_week_and_refuse_a_bad_one():
    assert Settings.from_env({}).trading_week == MON_FRI
    assert Settings.from_env({"BACKINTIME_TRADING_WEEK": "sun-thu"}).trading_week == SUN_THU
    with pytest.raises(ValueError, match="BACKINTIME_TRADING_WEEK='weekend'"):
        Settings.from_env({"BACKINTIME_TRADING_WEEK": "weekend"})


def test_trading_days_the_day_before_and_the_gap_that_is_still_consecutive():
    assert [MON_FRI.is_trading_day(d) for d in (FRI, SAT, SUN, MON)] == [True, False, False, True]
    assert [SUN_THU.is_trading_day(d) for d in (FRI, SAT, SUN, MON)] == [False, False, True, True]
    assert [EVERY_DAY.is_trading_day(d) for d in (FRI, SAT, SUN, MON)] == [True] * 4
    assert (MON_FRI.on_or_before(SUN), SUN_THU.on_or_before(SAT), EVERY_DAY.on_or_before(SAT)) == (
        FRI, date(2025, 3, 6), SAT)
    assert (MON_FRI.gap_after(FRI), MON_FRI.gap_after(MON), SUN_THU.gap_after(date(2025, 3, 6)),
            EVERY_DAY.gap_after(FRI), TradingWeek.parse("mon,wed,fri").gap_after(FRI)) == (3, 1, 3, 1, 3)
    assert SUN_THU.closed_days == [4, 5] and EVERY_DAY.closed_days == []
