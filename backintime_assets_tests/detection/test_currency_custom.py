import pytest

from backintime_assets.detection.currency_custom import comma_by_currency, dots_group_by_currency


def _column(cell: str) -> list[str]:
    return ["2024-01-02", cell.format("234"), "2024-01-03", cell.format("241"), "2024-01-04", cell.format("229")]


@pytest.mark.parametrize("cell", ["1.{} kr.", "1.{} kr", "1.{}\u00a0kr.", "kr 1.{}", "kr. 1.{}", "1.{} lei", "1.{} TL",
                                  "1.{} din", "1.{} kn", "1.{} ₫", "1.{} €", "1.{}€", "€ 1.{}",
                                  "€\u00a01.{}", "Rp 1.{}", "Rp1.{}", "Rp. 1.{}", "IDR 1.{}", "1.{} IDR", "-1.{} kr",
                                  "1.{},50 kr", "1.{}đ", "1.{} đ",  # the dong's letter for its sign
                                  "1.{} VND"])  # and its code, written whole as the rupiah's
def test_money_written_as_a_decimal_comma_writes_it_settles_the_dot(cell):
    assert dots_group_by_currency(_column(cell), 3)


@pytest.mark.parametrize("cell", ["$1.{}", "£1.{}", "US$1.{}", "1.{} DKK", "SEK 1.{}", "€1.{}", "Fr. 1.{}",
                                  "1.{} ₪", "Rs. 1.{}", "1.{}", "1.{} USD",
                                  # the customs that group with a blank write no "1.234" of their own
                                  "1.{} zł", "1.{} Kč", "1.{} Ft", "1.{} руб.", "1.{} р.", "1.{} ₽", "1.{} грн"])
def test_money_of_a_decimal_dot_or_of_either_custom_settles_nothing(cell):
    assert not dots_group_by_currency(_column(cell), 3)


def test_a_dollar_anywhere_beside_the_crowns_settles_nothing():
    assert not dots_group_by_currency(_column("1.{} kr") + ["$1.250"], 3)


def test_one_crown_among_many_plain_dots_settles_nothing():
    # A note's "5.000 kr" beside a column of three-decimal prices is no file's custom.
    assert not dots_group_by_currency(["5.000 kr", "2.000 kr"] + ["1.234"] * 20, 22)
    assert dots_group_by_currency(["5.000 kr", "2.000 kr"] + ["1.234"] * 6, 8)



@pytest.mark.parametrize("cell", ["{} zł", "{} Kč", "{} руб.", "{} ₽", "{} kr", "{} €", "€ {}"])
def test_whole_money_of_any_decimal_comma_custom_says_the_comma(cell):
    # "71 zł": no number shows a mark, the money says the comma is the decimal (a dot past the sample groups).
    assert comma_by_currency(["2024-01-02", cell.format(71), "2024-01-03", cell.format(72)])
    assert not comma_by_currency(["2024-01-02", cell.format(71), "2024-01-03", "$72"])
