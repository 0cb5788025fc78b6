"""The cells of a text file's number columns, as its reader splits them."""
from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation.number_cells import number_cells


def test_number_cells_are_the_data_cells_of_the_columns_named_as_written():
    data = b"Prices of EURUSD\nDate;Ticker;Rate\n03/03/2025;EURUSD;1.503\n04/03/2025;EURUSD;1,510\n"
    cells = number_cells(data, detect_bytes(data, "rates.csv"), {"Rate", "Volume"})
    assert {name: column.to_pylist() for name, column in cells.items()} == {"Rate": ["1.503", "1,510"]}


def test_a_workbooks_numbers_are_no_text():
    from dataclasses import replace
    data = b"Date,Close\n2025-03-03,1.5\n"
    assert number_cells(data, replace(detect_bytes(data, "a.csv"), file_format="xlsx"), {"Close"}) is None
