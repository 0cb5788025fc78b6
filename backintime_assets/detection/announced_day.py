"""A NAV's own day, not the day it was announced. Tushare's fund_nav as countless scripts fetch it
("ts_code,ann_date,end_date,unit_nav,accum_nav,accum_div,net_asset,total_netasset,adj_nav") dates each NAV
twice: by the day it stands at (end_date; nav_date in the newer field list) and by the day it was announced
(ann_date), a day later for a daily NAV, weeks later for one a periodic report publishes. Both are named as
dates as weakly, and of equals the leftmost, ann_date, had dated every NAV a day or weeks late, without a
word, once unit_nav was read as the close. (canonical._price_s_day moves a date to "nav_date" right of it.)

Only in a fund's table (a NAV named beside), and only to a column named for the day a figure stands at (a
period's end, a NAV's or a price's): an earnings calendar ("Symbol,Announcement Date,Period End Date,EPS,
Close") is refused as one, and loaded by the period's end it would file today's prices there; beside an
announcement, an ex-date or a pay date is another event's day.

Tushare's ann_date with no day of the NAV's own beside (a script that fetched "ts_code,ann_date,unit_nav")
dates no row: the file is refused for its date, where it would load each NAV a day or weeks late. Not a
name written out ("Announcement Date", "公告日期"): a fund list's day of publication is its NAVs' day
(statements._ANNOUNCED)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

ANNOUNCED = frozenset({"ann", "announcement", "announced"})
OWN_DAY = frozenset({"end", "nav", "quote", "quoted", "close", "closing", "price", "pricing", "px"})
_NAV = "nav"  # "unit_nav", "NAV", "adj_nav": a fund's table
TUSHARE_ANNOUNCED = "ann"  # ann_date: Tushare's, a day or weeks after the NAV's day


def own_day_of_announced(words: Sequence[frozenset[str]], date_column: int,
                         tied: Callable[[int], bool]) -> int | None:
    """Where the date column's name (`words`: each column's name's words, folded) is an announcement's,
    the first other column `tied` with it as the date whose name is the day a figure stands at (OWN_DAY) and
    no announcement's, where a third column names a NAV; None otherwise."""
    if date_column >= len(words) or not words[date_column] & ANNOUNCED:
        return None
    for q, named in enumerate(words):
        if q != date_column and named & OWN_DAY and not named & ANNOUNCED and tied(q) \
                and any(_NAV in w for k, w in enumerate(words) if k not in (date_column, q)):
            return q
    return None


def announced_alone(words: Sequence[frozenset[str]], date_column: int) -> bool:
    """Whether the date column is Tushare's ann_date ("ann" in its name's `words`) beside a NAV: no day the
    NAV stands at, where own_day_of_announced found none."""
    return date_column < len(words) and TUSHARE_ANNOUNCED in words[date_column] \
        and any(_NAV in w for k, w in enumerate(words) if k != date_column)
