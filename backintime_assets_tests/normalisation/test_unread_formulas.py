from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support.workbooks import xlsx

pytestmark = pytest.mark.usefixtures("xlsx_engine")  # each test with both workbook readers

_DAYS = [date(2024, 1, 2), date(2024, 1, 3), date(2024, 1, 4), date(2024, 1, 5), date(2024, 1, 8), date(2024, 1, 9)]
_NO_VALUE = "formulas never calculated: no value saved"


def _read(rows: list[list], more: dict[str, list[list]] | None = None):
    data = xlsx({"Prices": rows, **(more or {})})
    schema = detect_bytes(data, "aapl.xlsx")
    assert schema.problem is None
    result = normalise_bytes(data, schema, "aapl.xlsx")
    assert result.rows_read == len(result.prices) + len(result.rejected)
    return result


def _days(days: list[date] = _DAYS) -> list[list]:
    return [["Date", "Close", "Volume"], *[[d, 100.5 + k, 1000 + k] for k, d in enumerate(days)]]


# A script's days written as formulas and never calculated ("=B7*1.01"): every reader gives such a row as
# a blank row, or past the sheet's last value as none. Its date never typed, below the last typed date, it
# vanished without a word (758e348); amid the days, or dated by a formula ("=A7+1"), it refused every
# other day of the file (15f24d5). Each is now a rejected row of its own, its formulas its raw text.
@pytest.mark.parametrize(("at", "row", "raw"), [
    (7, [None, "=B7*1.01", "=C7"], ",=B7*1.01,=C7"),  # the last day, its date never typed
    (3, [None, "=B3*1.01", "=C3"], ",=B3*1.01,=C3"),  # amid the days
    (7, ["=A7+1", "=B7*1.01", "=C7"], "=A7+1,=B7*1.01,=C7"),
    (3, ["=A3+1", "=B3*1.01", "=C3"], "=A3+1,=B3*1.01,=C3"),
    (7, [None, "=B7/B2-1", "=C2+C3+C4+C5+C6+C7"], ",=B7/B2-1,=C2+C3+C4+C5+C6+C7"),  # a summary, no day told apart
])
def test_a_row_of_price_formulas_never_calculated_is_rejected_and_the_days_load(at, row, raw):
    rows = _days()
    if at == 7:  # below the last day
        rows.append(row)
    else:
        rows[at] = row
    result = _read(rows)
    closes = [100.5 + k for k in range(6) if at == 7 or k != at - 1]
    assert result.prices.close.tolist() == closes
    assert result.rejected[["source_line", "raw"]].values.tolist() == [[at + 1, raw]]
    assert result.rejected.reason[0].startswith(_NO_VALUE)


@pytest.mark.parametrize("tail", [
    [[None, "=AVERAGE(B2:B7)", "=SUM(C2:C7)"]],  # a totals row of ranges
    [[f"=A{k}+1"] for k in range(7, 11)],  # days to come, their dates filled down ahead, no price yet
    # A template's close filled down past the days, drawing on its own row's empty cells alone: no day.
    [[None, f'=IF(A{k}="","",C{k}/1000)'] for k in range(8, 12)],
])
def test_a_row_of_formulas_never_calculated_that_holds_no_price_is_a_non_data_line(tail):
    result = _read(_days() + tail)
    assert result.prices.close.tolist() == [100.5 + k for k in range(6)] and result.rejected.empty
    formulas = result.non_data[result.non_data.reason.str.startswith("formulas never calculated")]
    assert formulas.source_line.tolist() == list(range(8, 8 + len(tail)))


def test_a_later_sheets_row_of_formulas_never_calculated_is_rejected_at_its_line_naming_its_sheet():
    february = [date(2024, 2, d) for d in (1, 2, 5, 6, 7, 8)]
    result = _read(_days(), {"Feb": _days(february) + [[None, "=B7*1.01", "=C7"]]})
    assert len(result.prices) == 12
    feb_row_8 = [(1 << 20) + 8, "sheet 'Feb' row 8: ,=B7*1.01,=C7"]  # its line: detection/xlsx.py
    assert result.rejected[["source_line", "raw"]].values.tolist() == [feb_row_8]
