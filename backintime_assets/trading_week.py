"""The trading week: which days of the week hold trade dates (BACKINTIME_TRADING_WEEK).

Most exchanges trade Monday to Friday; crypto venues trade every day, Tadawul, Egypt and Kuwait
Sunday to Thursday. Partitions, the row rules, where undated rows are filed and which dates count
as consecutive all follow one week, parsed here. Day numbers are date.weekday()'s: 0 Monday ... 6 Sunday.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ABBREVIATIONS = {name[:3].lower(): number for number, name in enumerate(DAY_NAMES)}
_SPELLINGS = {**_ABBREVIATIONS, **{name.lower(): number for number, name in enumerate(DAY_NAMES)}}
ACCEPTED = ("mon-fri (the default), mon-sun (every day), sun-thu, any other range of two day names "
            "(sat-wed), or a comma list of day names (sun,mon,tue,wed,thu)")


class TradingWeekError(ValueError):
    pass


@dataclass(frozen=True)
class TradingWeek:
    days: frozenset[int]

    @classmethod
    def parse(cls, text: str | None) -> TradingWeek:
        """`text` as BACKINTIME_TRADING_WEEK writes it; empty or None: Monday to Friday."""
        spec = (text or "").strip().lower().replace(" ", "")
        if not spec:
            return MON_FRI
        try:
            if "," in spec:
                days = [_SPELLINGS[name] for name in spec.split(",")]
            elif "-" in spec:
                first, last = (_SPELLINGS[name] for name in spec.split("-"))
                days = [(first + k) % 7 for k in range((last - first) % 7 + 1)]
            else:
                days = [_SPELLINGS[spec]]
        except (KeyError, ValueError):
            raise TradingWeekError(f"BACKINTIME_TRADING_WEEK={text!r} is not a trading week: use {ACCEPTED}") from None
        return cls(frozenset(days))

    @property
    def spec(self) -> str:
        """The week in one canonical spelling ("mon-fri", "sun-thu", "mon,wed"): what keys a cache."""
        run = self._run()
        if run is not None:
            first, last = run
            short = DAY_NAMES[first][:3].lower(), DAY_NAMES[last][:3].lower()
            return short[0] if first == last else f"{short[0]}-{short[1]}"
        return ",".join(DAY_NAMES[d][:3].lower() for d in sorted(self.days))

    @property
    def label(self) -> str:
        """How a reason names the week: "Monday to Friday", "Sunday to Thursday", "every day"."""
        if len(self.days) == 7:
            return "every day"
        run = self._run()
        if run is not None and run[0] != run[1]:
            return f"{DAY_NAMES[run[0]]} to {DAY_NAMES[run[1]]}"
        return ", ".join(DAY_NAMES[d] for d in sorted(self.days))

    @property
    def cron_days(self) -> str:
        """The day-of-week field of a cron schedule (0 Sunday ... 6 Saturday) with a tick on each trading day."""
        if len(self.days) == 7:
            return "*"
        cron = sorted((d + 1) % 7 for d in self.days)
        if cron == list(range(cron[0], cron[-1] + 1)) and len(cron) > 1:
            return f"{cron[0]}-{cron[-1]}"  # "1-5" for Monday to Friday, as before the setting
        return ",".join(map(str, cron))

    @property
    def closed_days(self) -> list[int]:
        """The days of the week that hold no trade date, Monday first."""
        return [d for d in range(7) if d not in self.days]

    def is_trading_day(self, day: date) -> bool:
        return day.weekday() in self.days

    def on_or_before(self, day: date) -> date:
        """`day` if it is a trading day, else the trading day before it."""
        while day.weekday() not in self.days:
            day -= timedelta(days=1)
        return day

    def gap_after(self, day: date) -> int:
        """Days from `day` to the next trading day: a larger step between two dates skips one."""
        step = 1
        while (day.weekday() + step) % 7 not in self.days:
            step += 1
        return step

    def _run(self) -> tuple[int, int] | None:
        """(first, last) when the days are one run around the week (Sunday to Thursday wraps), else None."""
        if len(self.days) == 7:
            return 0, 6
        starts = [d for d in self.days if (d - 1) % 7 not in self.days]
        if len(starts) != 1:
            return None
        first = starts[0]
        return first, (first + len(self.days) - 1) % 7

    def __post_init__(self) -> None:
        if not self.days or not self.days <= set(range(7)):
            raise TradingWeekError("a trading week holds at least one of the days 0 (Monday) to 6 (Sunday), "
                                   f"not {sorted(self.days)}")


MON_FRI = TradingWeek(frozenset(range(5)))
