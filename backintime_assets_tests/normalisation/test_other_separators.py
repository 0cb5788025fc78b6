from datetime import date, timedelta

import numpy as np
import pyarrow as pa
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation.normalise import normalise_bytes
from backintime_assets.normalisation.other_separators import other_separator_cells
from backintime_assets.normalisation.parse import parse_dates

_NONE_READ = np.array([])  # no cell of the column read by its format

# An investing.com history (DD-MM-YYYY) re-saved through a spreadsheet: the dates it could read as
# dates it wrote in its own style, day still first ("9/12/2025" is 9 December); the others stayed.
_RESAVED = ('Date\tPrice\tOpen\tHigh\tLow\tVol.\tChange %\n'
            '16-12-2025\t"25,860.10"\t"25,951.50"\t"25,966.75"\t"25,837.05"\t264.35M\t-0.64%\n'
            '15-12-2025\t"26,027.30"\t"25,930.05"\t"26,047.00"\t"25,905.85"\t181.56M\t-0.08%\n'
            '12/12/2025\t"26,046.95"\t"25,971.20"\t"26,057.60"\t"25,938.45"\t216.34M\t0.57%\n'
            '11/12/2025\t"25,898.55"\t"25,771.40"\t"25,922.80"\t"25,693.25"\t206.10M\t0.55%\n'
            '10/12/2025\t"25,758.00"\t"25,864.05"\t"25,947.65"\t"25,734.55"\t207.94M\t-0.32%\n'
            '9/12/2025\t"25,839.65"\t"25,867.10"\t"25,923.65"\t"25,728.00"\t275.98M\t-0.47%\n'
            '8/12/2025\t"25,960.55"\t"26,159.80"\t"26,178.70"\t"25,892.25"\t320.73M\t-0.86%\n'
            '5/12/2025\t"26,186.45"\t"25,999.80"\t"26,202.60"\t"25,985.35"\t249.25M\t0.59%\n'
            '4/12/2025\t"26,033.75"\t"25,981.85"\t"26,098.25"\t"25,938.95"\t248.10M\t0.18%\n'
            '28-11-2025\t"26,202.95"\t"26,237.45"\t"26,280.75"\t"26,172.40"\t202.51M\t-0.05%\n'
            '27-11-2025\t"26,215.55"\t"26,261.25"\t"26,310.45"\t"26,141.90"\t240.29M\t0.04%\n').encode()


def test_dates_restyled_by_a_spreadsheet_load_with_the_others():
    schema = detect_bytes(_RESAVED, "Nifty 50 Historical Data.csv")
    result = normalise_bytes(_RESAVED, schema, "Nifty 50 Historical Data.csv")
    prices = result.prices_arrow.to_pandas()
    assert result.rejected_arrow.num_rows == 0
    assert sorted(prices["date"].astype(str)) == [
        "2025-11-27", "2025-11-28", "2025-12-04", "2025-12-05", "2025-12-08", "2025-12-09",
        "2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16"]
    closes = dict(zip(prices["date"].astype(str), prices["close"]))
    assert closes["2025-12-16"] == 25860.10 and closes["2025-12-09"] == 25839.65


def test_a_cell_of_another_separator_reads_only_in_the_columns_order_when_no_other_is_possible():
    # Each alone beside "9/12/2025": 16 December either way written; "05-06-2024" May or June,
    # "12-16-2025" month first, a mixed separator, 31 February: unread, as before.
    cells = ["16-12-2025", "05-06-2024", "12-16-2025", "16.12.2025", "16-12/2025", "31-02-2024", "16/12/2025"]
    days = []
    for cell in cells:
        parsed = parse_dates(pa.array(["9/12/2025", cell]), "%d/%m/%Y")
        days.append(None if parsed.bad[1] else str(parsed.values[1].astype("datetime64[D]")))
    assert days == ["2025-12-16", None, None, "2025-12-16", None, None, "2025-12-16"]


def test_a_month_first_column_reads_the_month_first_cells_of_another_separator():
    parsed = parse_dates(pa.array(["12/11/2025", "12-16-2025"]), "%m/%d/%Y")
    assert list(parsed.bad) == [False, False]
    assert str(parsed.values[1].astype("datetime64[D]")) == "2025-12-16"
    # Beside a cell only day first reads, the column's dashes are another hand's: none read.
    parsed = parse_dates(pa.array(["12/11/2025", "12-16-2025", "16-12-2025"]), "%m/%d/%Y")
    assert list(parsed.bad) == [False, True, True]


def _block(start: str, count: int, fmt: str, close: float) -> list[str]:
    day, rows = date.fromisoformat(start), []
    while len(rows) < count:
        if day.weekday() < 5:
            rows.append(f"{day.strftime(fmt)},{close + len(rows) / 2:.2f}")
        day += timedelta(days=1)
    return rows


@pytest.mark.parametrize("own_days, other_start, other_days, own_max", [
    # January's history, then another export's February rows with dashes, at another instrument's level:
    # its 13th to 28th were loaded as the file's own, 5004 under the ticker of a 109 close.
    (20, "2025-02-03", 20, 109.5),
    # No spreadsheet left "16-02-2025" text while restyling "29/01/2025": only another hand's rows, even
    # when every one of them is past the 12th.
    (20, "2025-02-13", 12, 109.5),
    # Early January (every day up to the 12th, as a restyle's are) with February 13th on appended:
    # February's own days would be slashes in a restyle. Its 5004 had loaded under the ticker.
    (7, "2025-02-13", 5, 103.0),
])
def test_another_hands_rows_appended_stay_rejected_all_of_them(own_days, other_start, other_days, own_max):
    data = ("Date,Close\n" + "\n".join(_block("2025-01-02", own_days, "%d/%m/%Y", 100)
                                       + _block(other_start, other_days, "%d-%m-%Y", 5000)) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "AAA.csv"), "AAA.csv")
    assert result.prices_arrow.to_pandas()["close"].max() == own_max
    assert result.rejected_arrow.num_rows == other_days


def test_a_history_begun_after_the_12th_reads_its_first_months_dashes():
    # A history begun after the 12th: its first month's dashes alone, and still read.
    parsed = parse_dates(pa.array(["28-11-2025", "3/12/2025", "15-12-2025"]), "%d/%m/%Y")
    assert not parsed.bad.any()


def test_formats_without_day_month_and_a_four_digit_year_are_left_alone():
    cells = pa.array(["16-12-25", "2025-12-16"])
    assert other_separator_cells(cells, "%d/%m/%y", _NONE_READ) is None
    assert other_separator_cells(cells, "%Y/%m/%d", _NONE_READ) is None
    assert other_separator_cells(cells, "%d/%m/%Y %H:%M", _NONE_READ) is None
    assert other_separator_cells(cells, None, _NONE_READ) is None
