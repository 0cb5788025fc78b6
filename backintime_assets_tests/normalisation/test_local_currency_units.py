"""Prices written with a local abbreviation for the sign ("12,50 kr", "12.50 zł", "R 12.50") load their closes."""

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.columns import infer_column_type
from backintime_assets.normalisation import normalise_bytes


def _closes(text: str) -> tuple[list[float], list[str]]:
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "f.csv"), "f.csv")
    return result.prices_arrow.column("close").to_pylist(), result.rejected_arrow.column("reason").to_pylist()


@pytest.mark.parametrize("cells, closes", [
    (["12,50 kr", "13,25 kr", "1 234,50 kr"], [12.5, 13.25, 1234.5]),
    (["kr. 1.234,50", "kr. 12,50", "kr. 13,75"], [1234.5, 12.5, 13.75]),
    (["12,50 zł", "13,25 zł", "12,75 zł"], [12.5, 13.25, 12.75]),
    (["12,50 руб.", "13,25 р.", "12,75 руб."], [12.5, 13.25, 12.75]),
    (["12,50 TL", "₺13,25", "12,75 TL"], [12.5, 13.25, 12.75]),
])
def test_semicolon_files_load_local_marks(cells, closes):
    rows = "".join(f"2024-01-0{i + 2};{c};1000\n" for i, c in enumerate(cells))
    assert _closes("Datum;Stängning;Volym\n" + rows) == (closes, [])


@pytest.mark.parametrize("cells", [["12.50 zł", "13.25 zł", "12.75 zł"], ["R 12.50", "R 13.25", "R 12.75"],
                                   ["Rs. 12.50", "Rs. 13.25", "Rs. 12.75"], ["S/ 12.50", "S/ 13.25", "S/ 12.75"]])
def test_comma_files_load_local_marks(cells):
    rows = "".join(f"2024-01-0{i + 2},{c},1000\n" for i, c in enumerate(cells))
    assert _closes("Date,Close,Volume\n" + rows) == ([12.5, 13.25, 12.75], [])


def test_another_currency_beside_crowns_is_rejected_but_their_code_is_not():
    rows = "2024-01-02;12,50 kr;1\n2024-01-03;13,25 kr;1\n2024-01-04;{};1\n2024-01-05;14,00 kr;1\n"
    closes, reasons = _closes("Datum;Stängning;Volym\n" + rows.format("€11,20"))
    assert closes == [12.5, 13.25, 14.0] and reasons[0].startswith("price in another currency: 'EUR'")
    assert _closes("Datum;Stängning;Volym\n" + rows.format("11,20 SEK")) == ([12.5, 13.25, 11.2, 14.0], [])


def test_codes_and_names_ending_in_such_letters_stay_text():
    assert infer_column_type(["R 2", "R 3", "R 4", "R 5", "R 6"], "column_3", ".", None).type == "string"
    assert infer_column_type(["100 TL", "200 TL", "50 TL", "20 TL", "10 TL"], "Name", ".", None).type == "string"
    assert infer_column_type(["1,2 M", "3,4 M", "5,6 M", "1,1 M", "2,2 M"], "Volym", ",", None).format == "abbreviated"


@pytest.mark.parametrize("volume", ["1,2 Mkr", "12 kkr", "1,2 MKč", "1,2 MFr.", "kr 1,2 M"])
def test_a_turnover_in_scaled_crowns_is_no_volume(volume):
    rows = "".join(f"2024-01-0{i + 2};1{i},50;{volume}\n" for i in range(3))
    data = ("Datum;Stängning;Volym\n" + rows).encode()
    result = normalise_bytes(data, detect_bytes(data, "f.csv"), "f.csv")
    # Money traded, no count of shares: left unmapped (detection/scaled_money.py), the closes load
    # with no volume, where every row had been rejected as unparseable.
    assert result.prices_arrow.column("volume").to_pylist() == [None] * 3
    assert result.prices_arrow.column("close").to_pylist() == [10.5, 11.5, 12.5]
    assert result.rejected_arrow.num_rows == 0


def test_whole_rand_grouped_by_commas_refuse_the_file_as_a_code_by_a_number_does():
    # "R 1,234": three digits after the mark are a group, no cents; read as rand in detection and as a
    # code in normalisation, every row had been rejected as unparseable.
    rows = "".join(f'2024-01-0{i + 2},"R 1,23{i}",1000\n' for i in range(3))
    data = ("Date,Close,Volume\n" + rows).encode()
    result = normalise_bytes(data, detect_bytes(data, "f.csv"), "f.csv")
    assert result.prices_arrow.num_rows == 0 and result.file_problem.startswith("no close column")
    with_cents = "".join(f"2024-01-0{i + 2},R 1 23{i}.50,1000\n" for i in range(3))
    assert _closes("Date,Close,Volume\n" + with_cents) == ([1230.5, 1231.5, 1232.5], [])
    a_funds = "".join(f"2024-01-0{i + 2},R 1.234{i},1000\n" for i in range(3))
    assert _closes("Date,Close,Volume\n" + a_funds) == ([1.234, 1.2341, 1.2342], [])


def test_rupiah_beside_decimal_dots_is_never_a_thousandth_of_its_price():
    rows = "".join(f"2024-01-0{i + 2},Rp 12.{i}00,0.{i}5\n" for i in range(3))
    closes, reasons = _closes("Date,Close,Change\n" + rows)
    assert closes == [] and reasons == ["unparseable value: close"] * 3


@pytest.mark.parametrize("cell", ["Rp {}", "Rp{}", "Rp\u00a0{}", "Rp{},00", "Rp. {}", "IDR {}"])
def test_rupiah_grouped_twice_by_dots_load(cell):
    # Whole rupiah: the "Rp" cells had been text, the file refused for no close column.
    cells = "".join(f"2024-01-0{i + 2};{cell.format(n)};1000\n" for i, n in enumerate(("1.234.567", "1.241.000")))
    assert _closes("Date;Close;Volume\n" + cells) == ([1234567.0, 1241000.0], [])


def _file(delimiter: str, header: str, cells: list[str]) -> str:
    quoted = [f'"{c}"' if delimiter in c else c for c in cells]
    return header.replace(",", delimiter) + "\n" + "".join(
        f"2024-01-0{i + 2}{delimiter}{c}{delimiter}1000\n" for i, c in enumerate(quoted))


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("cell", ["{} kr.", "{} kr", "{}\u00a0kr.", "kr {}", "kr. {}", "{} lei", "{} €", "€ {}"])
def test_whole_crowns_grouped_by_dots_load_as_thousands(delimiter, cell):
    # A Danish export of whole crowns dated year first ("2024-01-02;1.234 kr."): split by ';' it had
    # been refused for its number format, by ',' or a tab "1.234 kr" had loaded as 1.234 crowns.
    cells = [cell.format(n) for n in ("1.234", "1.241", "1.229")]
    assert _closes(_file(delimiter, "Dato,Kurs,Antal", cells)) == ([1234.0, 1241.0, 1229.0], [])


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("cell", ["Rp {}", "Rp{}", "Rp\u00a0{}", "Rp{},00", "Rp. {}", "IDR {}"])
def test_rupiah_grouped_by_dots_load(delimiter, cell):
    # Indonesia's whole rupiah: the "Rp" cells had been text, the file refused for no close column.
    cells = [cell.format(n) for n in ("1.234.567", "1.241.000", "1.229.500")]
    assert _closes(_file(delimiter, "Date,Close,Volume", cells)) == ([1234567.0, 1241000.0, 1229500.0], [])
    one_group = [cell.format(n) for n in ("12.500", "12.750", "12.250")]
    assert _closes(_file(delimiter, "Date,Close,Volume", one_group))[0] == [12500.0, 12750.0, 12250.0]


@pytest.mark.parametrize("delimiter", [",", "\t"])
# Nor money of the customs that group with a blank ("1 234,56 zł"), which write no "1.234" of their own:
# an English tool's three decimals ("10.123 ₽" had loaded 10123).
@pytest.mark.parametrize("cell", ["${}", "£{}", "US${}", "{}", "{} USD", "{} zł", "{} ₽", "{} Kč"])
def test_three_decimal_dollars_and_plain_numbers_keep_their_decimal_dot(delimiter, cell):
    cells = [cell.format(n) for n in ("1.234", "1.241", "1.229")]
    assert _closes(_file(delimiter, "Date,Close,Volume", cells)) == ([1.234, 1.241, 1.229], [])


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("cell", ["{} kr", "€ {}", "{} ₽"])
def test_prices_crossing_one_keep_their_decimal_dot(delimiter, cell):
    # "0.985 kr" shows the dot a decimal point: the money's custom had read it as 985, and "1.012 kr" as 1012
    # (',', tab); split by ';', the file was in doubt and refused for no close column.
    cells = [cell.format(n) for n in ("0.985", "1.012", "0.998")]
    assert _closes(_file(delimiter, "Date,Close,Volume", cells)) == ([0.985, 1.012, 0.998], [])
