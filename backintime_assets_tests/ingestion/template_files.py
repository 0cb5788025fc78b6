"""Files of one office template (identical header bytes) where some read differently deeper down."""
from __future__ import annotations

import datetime as dt

HEADER = "Date;Ticker;Open;High;Low;Close;Volume\n"
DAYS = [day for day in (dt.date(2025, 3, 3) + dt.timedelta(days=d) for d in range(12)) if day.weekday() < 5]


def template_file(prefix: str, tickers: int, date_format: str = "%d/%m/%Y", dot_decimal_after: int | None = None,
                  grouping: bool = False) -> str:
    """`tickers` rows a day over DAYS, ';'-separated with decimal commas (day-first dates, some
    day past the 12th), prices grouped by dots ("1.234,5") if `grouping`; from row
    `dot_decimal_after` on, prices have decimal dots instead (earlier rows hold whole prices
    only, which read the same either way)."""
    lines = [HEADER]
    for day in DAYS:
        for t in range(tickers):
            k = len(lines) - 1
            if grouping:
                prices = ["1.234,5", "1.300,25", "1.200,75", "1.234,5"]
            elif dot_decimal_after is None:
                prices = ["1234,5", "1300,25", "1200,75", "1234,5"]
            else:
                prices = ["10", "11", "9", "10"] if k < dot_decimal_after else ["10.5", "11.25", "9.75", "10.5"]
            lines.append(";".join([day.strftime(date_format), f"{prefix}{t:03d}", *prices, str(1000 + k)]) + "\n")
    return "".join(lines)
