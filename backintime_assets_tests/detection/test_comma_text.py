from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.comma_text import dot_decimals
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support.workbooks import xlsx

pytestmark = pytest.mark.usefixtures("xlsx_engine")  # each test with both workbook readers

_DAYS = [date(2020, 1, 2), date(2020, 1, 3), date(2020, 1, 6)]


def _prices(header: list[str], rows: list[list]):
    data = xlsx({"Sheet1": [header, *([d, *r] for d, r in zip(_DAYS, rows))]})
    result = normalise_bytes(data, detect_bytes(data, "gold.xlsx"), "gold.xlsx")
    assert result.file_problem is None
    return result.prices_arrow


@pytest.mark.parametrize("header, rows, field, loaded", [
    # An investing.com download opened in a Turkish Excel: prices typed, its changes left as text. The
    # commas made the sheet decimal-comma, and 290.727 loaded as 290727 (silent).
    (["Tarih", "Şimdi", "Açılış", "Fark %"],
     [[290.352, 290.727, "0,01%"], [292.842, 290.356, "0,86%"], [293.5, 292.8, "0,22%"]],
     "open", [290.727, 290.356, 292.8]),
    # A Russian one: "31,77M" volumes as text. Read decimal-comma, or the volumes failing under a dot,
    # every row had been rejected (loud).
    (["Дата", "Цена", "Откр.", "Объём"],
     [[257.31, 258.0, "31,77M"], [259.94, 258.4, "35,05M"], [255.0, 259.5, "40,1M"]],
     "volume", [31770000.0, 35050000.0, 40100000.0]),
    # Whole volumes grouped by the same writer's dot: "1.234" beside "1,5" had loaded as 1.234 (silent).
    (["Date", "Close", "Volume"], [[10.25, "1,5"], [10.5, "1.234"], [10.75, "987,25"]],
     "volume", [1.5, 1234.0, 987.25])])
def test_typed_prices_beside_numbers_typed_as_text_with_a_decimal_comma_load_both(header, rows, field, loaded):
    prices = _prices(header, rows)
    assert prices.column("close").to_pylist() == [r[0] for r in rows]
    assert prices.column(field).to_pylist() == loaded


def test_text_volumes_grouped_by_a_comma_stay_whole_beside_typed_prices():
    # "1,234" alone may group thousands, as an English writer's text does: not rewritten.
    prices = _prices(["Date", "Close", "Volume"], [[10.25, "1,234"], [10.5, "2,468"], [10.75, "3,702"]])
    assert prices.column("volume").to_pylist() == [1234.0, 2468.0, 3702.0]


def test_texts_of_three_decimals_read_as_the_sheets_other_texts():
    # Prices of three decimals (Kuwait, Tunisia) as text beside text changes of two: read 12.345 by the
    # sheet's vote until the changes alone were rewritten with a dot, then 12345 (silent).
    rows = [["12,345", "1,01%", 0.5], ["12,401", "-0,45%", 0.25], ["12,399", "0,02%", 0.75]]
    data = xlsx({"Sheet1": [["Date", "Close", "Change %", "Ratio"], *([d, *r] for d, r in zip(_DAYS, rows))]})
    prices = normalise_bytes(data, detect_bytes(data, "kse.xlsx"), "kse.xlsx").prices_arrow
    assert prices.column("close").to_pylist() == [12.345, 12.401, 12.399]


def test_the_texts_are_rewritten_where_one_is_decimal_comma_beyond_doubt():
    rows = [["x", "1,234", "1,234"], ["y", "5,5", "2.468"], ["z", "1.234,5", "12,345"]]
    assert dot_decimals([(r, j) for r in rows for j in (1, 2) if "," in r[j]], [(rows[1], 2)])
    assert rows == [["x", "1.234", "1.234"], ["y", "5.5", "2468"], ["z", "1234.5", "12.345"]]
    alone = [["x", "1,234"], ["y", "2.468"]]
    assert not dot_decimals([(alone[0], 1)], [(alone[1], 1)])
    assert alone == [["x", "1,234"], ["y", "2.468"]]
