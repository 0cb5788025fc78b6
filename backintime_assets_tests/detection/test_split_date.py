"""A date written in three columns, year, month and day (split_date.py)."""
from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.schema import FileSchema
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support.workbooks import xlsx

_DAYS = [date(2018, 1, 2), date(2018, 1, 3), date(2018, 1, 4)]


@pytest.mark.parametrize("text", [
    # The coffee co-operatives' quotes (r46 DaviMAC02): refused "no date column" (loud) before.
    'Ano,Mês,Dia,Ativo,Cotação\n2018,01,02,Guaxupé,"460,00"\n2018,01,03,Guaxupé,"462,00"\n'
    '2018,01,04,Guaxupé,"461,50"\n2018,01,04,Poços,s/ cotação\n',
    "Day;Month;Year;Symbol;Close\n2;1;2018;GUAXUPÉ;460\n3;1;2018;GUAXUPÉ;462\n4;1;2018;GUAXUPÉ;461.5\n"
    "4;1;2018;POÇOS;-\n",
    # English "Day" names a date column: its cell, emptied by the join, had been read as the date.
    "Year,Month,Day,Symbol,Close\n2018,1,2,GUAXUPÉ,460\n2018,1,3,GUAXUPÉ,462\n2018,1,4,GUAXUPÉ,461.5\n"
    "2018,1,4,POÇOS,-\n",
    # A blank after each comma: the month's and the day's " 01" left unjoined, every row "unparseable value".
    "Ano, Mês, Dia, Ativo, Cotação\n2018, 01, 02, Guaxupé, 460.00\n2018, 01, 03, Guaxupé, 462.00\n"
    "2018, 01, 04, Guaxupé, 461.50\n2018, 01, 04, Poços, -\n",
    "Year\tMonth\tDay\tSymbol\tClose\n2018\t 1\t 2\tGUAXUPÉ\t460\n2018\t 1\t 3\tGUAXUPÉ\t462\n"
    "2018\t 1\t 4\tGUAXUPÉ\t461.5\n2018\t 1\t 4\tPOÇOS\t-\n",
])
def test_a_date_in_three_columns_loads_as_its_day(text):
    data = text.encode()
    schema = FileSchema.from_json(detect_bytes(data, "cotacoes.csv").to_json())  # as stored and read again
    result = normalise_bytes(data, schema, "cotacoes.csv")
    assert list(result.prices.date.dt.date) == _DAYS
    assert list(result.prices.ticker) == ["GUAXUPÉ"] * 3 and list(result.prices.close) == [460.0, 462.0, 461.5]
    # The row without a price is rejected as the file writes it, its date in three cells still.
    assert list(result.rejected.source_line) == [5] and result.rejected.raw[0].startswith(text.splitlines()[4][:9])
    assert result.rows_read == 4


@pytest.mark.parametrize("text", [
    "Year,Month,Day,Temp\n2018,01,02,3.5\n2018,01,03,4.0\n2018,01,04,2.5\n",  # a weather log: no price
    "Year,Month,Day,Close\n2018,13,02,460\n2018,14,03,462\n2018,15,04,461\n",  # no month of any year
    "Count,Code,Score,Close\n2018,01,02,460\n2018,01,03,462\n2018,01,04,461\n",  # named as no date
])
def test_three_numbers_that_are_no_date_stay_unread(text):
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "table.csv"), "table.csv")
    assert result.prices.empty and result.file_problem


def test_a_workbook_s_date_in_three_columns_loads_on_every_sheet():
    # Saved as .xlsx its cells were never joined: refused "no date column" (loud) where the .csv loaded.
    header = ["Ano", "Mês", "Dia", "Ativo", "Cotação"]
    data = xlsx({"Jan": [header, [2018, 1, 2, "GUAXUPÉ", 460], [2018, 1, 3, "GUAXUPÉ", 462]],
                 "Feb": [header, [2018, 2, 1, "GUAXUPÉ", 470.5], [2018, 2, 2, "GUAXUPÉ", None]]})
    schema = FileSchema.from_json(detect_bytes(data, "cotacoes.xlsx").to_json())
    result = normalise_bytes(data, schema, "cotacoes.xlsx")
    assert list(result.prices.date.dt.date) == [date(2018, 1, 2), date(2018, 1, 3), date(2018, 2, 1)]
    assert list(result.prices.close) == [460.0, 462.0, 470.5]
    assert len(result.rejected) == 1 and result.rows_read == 4


@pytest.mark.parametrize("rows", [
    [["Year", "Month", "Day", "Temp"], [2018, 1, 2, 3.5], [2018, 1, 3, 4.0], [2018, 1, 4, 2.5]],
    [["Count", "Code", "Score", "Close"], [2018, 1, 2, 460], [2018, 1, 3, 462], [2018, 1, 4, 461]],
])
def test_a_workbook_s_three_numbers_that_are_no_date_stay_unread(rows):
    data = xlsx({"Sheet1": rows})
    result = normalise_bytes(data, detect_bytes(data, "table.xlsx"), "table.xlsx")
    assert result.prices.empty and result.file_problem


@pytest.mark.parametrize("text", [
    "Year,Month,Day,Hour,Open,High,Low,Close\n2024,1,2,9,100.0,101.0,99.5,100.5\n2024,1,2,10,100.5,101.5,100.0,101.0\n"
    "2024,1,3,9,100.2,100.9,99.8,100.6\n2024,1,3,10,100.6,102.0,100.4,101.8\n",
    "Date,Hour,Open,High,Low,Close\n2024-01-02,9,100.0,101.0,99.5,100.5\n2024-01-02,10,100.5,101.5,100.0,101.0\n"
    "2024-01-03,9,100.2,100.9,99.8,100.6\n2024-01-03,10,100.6,102.0,100.4,101.8\n",
])
def test_hourly_bars_are_rejected_as_bars_of_their_hour(text):
    # An hour in a column of its own was no time of day: every row was rejected as an "unnamed series",
    # several instruments perhaps. Prices holds one row a day: each is an intraday bar, so named.
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "hourly.csv"), "hourly.csv")
    assert result.prices.empty and len(result.rejected) == 4
    assert set(result.rejected.reason) == {"intraday bar: this ticker's date at several times of day (column 'Hour'); "
                                           "prices holds one row a day"}


def test_a_daily_fixing_at_its_hour_loads():
    data = b"Date,Hour,Close\n2024-01-02,16,1.0945\n2024-01-03,16,1.0920\n2024-01-04,16,1.0950\n"
    assert list(normalise_bytes(data, detect_bytes(data, "fix.csv"), "fix.csv").prices.close) == [1.0945, 1.092, 1.095]
