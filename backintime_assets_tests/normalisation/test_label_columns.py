import datetime as dt
import io

import numpy as np
import openpyxl
import pyarrow as pa

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.label_columns import told_apart
from backintime_assets.normalisation.rules import ticker_day_key


def run(data: bytes, name: str):
    return normalise_bytes(data, detect_bytes(data, name), name)


# Modelled on a Japanese wholesale market's vegetable prices (a market, an item, an origin per row;
# high/mid/low in yen, a blank where the market wrote none): a short extract whose other rows were
# rejected (a blank high, low or mid) keeps one clashing row. Both kept rows, taro one day and
# burdock the next, had loaded under the file's name, the sweet potato as a "conflicting duplicate".
MARKET = (
    "date,market,item,origin,volume_t,high,mid,low\n"
    "2026-06-15,Ota,burdock,Gunma,2.6,,2160,\n"
    "2026-06-15,Ota,taro,Kagoshima,1.1,1944,1728,1404\n"
    "2026-06-15,Yokohama,sweet potato,Chiba,22.5,2160,,1728\n"
    "2026-06-16,Ota,burdock,Gunma,2.7,3024,2160,2160\n"
    "2026-06-16,Ota,sweet potato,Kochi,0.1,3240,2700,2700\n"
    "2026-06-16,Yokohama,taro,Chiba,0.6,,270,\n"
)


def test_rows_of_a_date_a_text_column_names_apart_are_no_one_series():
    r = run(MARKET.encode(), "vegetables.csv")
    # Had loaded: 06-15 at 1728 (taro), 06-16 at 2160 (burdock), as one series named VEGETABLES.
    assert len(r.prices) == 0
    reasons = set(r.rejected.reason)
    unnamed = [x for x in reasons if x.startswith("unnamed series")]
    assert len(unnamed) == 1
    # Told apart by the item column, the rows are no correction: the reason does not offer keeping one.
    assert "keep one row of each date" not in unnamed[0]
    assert not any(x.startswith("conflicting duplicate") for x in reasons)


def test_a_workbooks_rows_are_told_apart_too():
    # A workbook's text columns are read again from its sheet, as a text file's from its lines.
    wb = openpyxl.Workbook()
    for i, line in enumerate(MARKET.strip().split("\n")):
        cells = line.split(",")
        if i:
            cells = [dt.datetime.fromisoformat(cells[0]), *cells[1:4], *(float(c) if c else None for c in cells[4:])]
        wb.active.append(cells)
    out = io.BytesIO()
    wb.save(out)
    r = run(out.getvalue(), "vegetables.xlsx")
    assert len(r.prices) == 0 and any(x.startswith("unnamed series") for x in r.rejected.reason)


def test_a_correction_noted_once_is_still_a_conflicting_duplicate():
    # A note written on one day names no series: the corrected row is settled as before, the first kept.
    text = ("Date,Close,Note\n2024-03-04,10.0,\n2024-03-05,10.5,\n2024-03-05,10.6,revised\n"
            "2024-03-06,10.7,\n2024-03-07,10.8,\n")
    r = run(text.encode(), "fund.csv")
    assert list(r.prices.close) == [10.0, 10.5, 10.7, 10.8]
    assert list(r.rejected.reason) == ["conflicting duplicate of line 3"]


def test_told_apart_needs_values_written_on_two_dates():
    days = np.array([1, 2, 2, 3, 3])
    item = pa.array(["a", "a", "b", "b", "c"])
    rows = np.array([1, 2, 3, 4])
    key = ticker_day_key(np.zeros(4, np.int64), days[rows])
    clash = np.unique(key)
    # Day 2 writes "a" and "b", each on two dates: apart. Day 3 writes "b" and "c", "c" only once.
    assert told_apart([item], days, rows, key, clash).tolist() == [ticker_day_key(np.zeros(1, np.int64),
                                                                                   np.array([2]))[0]]


def _one_series(column: str, value_of, resent: str) -> str:
    """A one-series file of 30 weekdays with a text column, its 20th date sent again, corrected,
    the second row writing `resent` there."""
    days = [d for d in (dt.date(2024, 3, 1) + dt.timedelta(k) for k in range(45)) if d.weekday() < 5][:30]
    lines = [f"Date,Close,{column}"]
    for k, day in enumerate(days):
        lines.append(f"{day},{100.13 + 0.37 * k:.2f},{value_of(k)}")
        if k == 20:
            lines.append(f"{day},{100.96 + 0.37 * k:.2f},{resent}")
    return "\n".join(lines) + "\n"


def test_a_note_of_one_value_a_date_is_no_name_of_series():
    # A source that changes by week, a status final but for the last days: each value recurs, and the
    # corrected date writes two. Read as names, every row of both files had been refused as "unnamed
    # series" for that one date; one series, the correction settles as a conflicting duplicate.
    for text in (_one_series("Source", lambda k: "Bloomberg" if k // 5 % 2 else "Reuters", "Bloomberg"),
                 _one_series("Status", lambda k: "final" if k < 25 else "prelim", "prelim")):
        r = run(text.encode(), "fund.csv")
        assert len(r.prices) == 30
        assert list(r.rejected.reason) == ["conflicting duplicate of line 22"]
        assert r.rows_read == len(r.prices) + len(r.rejected)


def test_told_apart_needs_a_column_of_several_values_on_most_dates():
    # "a" and "b" each recur, but the column writes two values on day 3 alone, of 4: a note.
    days = np.array([1, 2, 3, 3, 4, 5])
    note = pa.array(["a", "a", "a", "b", "b", "b"])
    rows = np.array([2, 3])
    key = ticker_day_key(np.zeros(2, np.int64), days[rows])
    assert told_apart([note], days, rows, key, np.unique(key)).tolist() == []


def test_two_exports_appended_each_named_are_one_series():
    # Two downloads of one series appended, each row naming its export, overlapping on most dates at
    # the same prices and restating one close: the export column writes two names on those dates,
    # but on copies of a row, which name no other series. Had been refused whole as "unnamed series".
    days = [d for d in (dt.date(2024, 3, 1) + dt.timedelta(k) for k in range(60)) if d.weekday() < 5]
    lines = ["Date,Close,Export"]
    for export, lo, hi in (("march", 0, 30), ("april", 5, 42)):
        for k in range(lo, hi):
            restated = 0.83 if export == "april" and k == 12 else 0.0
            lines.append(f"{days[k]},{100.13 + 0.37 * k + restated:.2f},{export}")
    r = run(("\n".join(lines) + "\n").encode(), "fund.csv")
    assert len(r.prices) == 42
    assert sorted(set(r.rejected.reason)) == ["conflicting duplicate of line 14", "duplicate"]
