import pytest

from backintime_assets.detection.multipliers import (
    column_unit, declared_unit, price_scale, prices_already_counted, units_cell,
)


@pytest.mark.parametrize(("header", "name", "factor"), [
    ("Volume ('000)", "Volume", 1_000),  # SGX
    ("Vol ('000)", "Vol", 1_000),
    ("Volume ('000 Shares)", "Volume", 1_000),  # SET
    ("Vol ('00)", "Vol", 100),  # Bursa Malaysia: hundreds (board lots of 100)
    ("Volume (000s)", "Volume", 1_000),
    ("Volume 000s", "Volume", 1_000),
    ("volume_000s", "volume", 1_000),  # snake_case: read as no unit, 12.5 loaded for 12,500 shares
    ("aapl_volume_000", "aapl_volume", 1_000),
    ("Volume (thousands)", "Volume", 1_000),
    ("Volume in millions", "Volume", 1_000_000),
    ("Volume (mln)", "Volume", 1_000_000),
    ("Volume (M)", "Volume", 1_000_000),
    ("Shares Traded (Lakhs)", "Shares Traded", 100_000),
    ("Umsatz in Tsd.", "Umsatz", 1_000),
    ("Volume, tis. ks", "Volume", 1_000),
    ("Объем, тыс. шт.", "Объем", 1_000),
    ("出来高（千株）", "出来高", 1_000),
    ("거래량(천주)", "거래량", 1_000),
    ("成交仟股", "成交", 1_000),  # TPEx
    ("ปริมาณ(พันหุ้น)", "ปริมาณ", 1_000),  # SET in Thai: thousand shares
])
def test_a_declared_scale_is_read_with_the_name_before_it(header, name, factor):
    unit = declared_unit(header)
    assert (unit.name, unit.factor, unit.money) == (name, factor, False)


@pytest.mark.parametrize("header", ["成交量(手)", "Volume in lots", "Volume (mil)"])
def test_lots_and_words_of_two_meanings_give_a_unit_without_a_factor(header):
    unit = declared_unit(header)
    assert unit is not None and unit.factor is None and not unit.money


@pytest.mark.parametrize("header", ["Objem obchodů, mil. Kč", "Объем, млн руб.", "거래대금(백만원)", "成交额(元)",
                                    "มูลค่า(ล้านบาท)", "Umsatz in Tsd. EUR", "Close (GBX)", "Volume (USDT)"])
def test_money_is_told_apart_from_a_count(header):
    unit = declared_unit(header)
    assert unit is not None and unit.money and unit.factor is None


@pytest.mark.parametrize("header", ["Volume", "Close", "Adj Close", "Close, adj.", "Total Return (%)", "Date (UTC)",
                                    "Close (cents)", "Volume (all)", "Antal (st)", "振幅(%)", "Close (previous)"])
def test_no_unit_where_none_is_declared(header):
    assert declared_unit(header) is None


def test_the_lowest_header_cell_that_declares_a_unit_counts():
    assert column_unit(["Volume", "('000)"]).factor == 1_000
    assert column_unit(["AAPL", "Volume"]) is None


@pytest.mark.parametrize(("cells", "factor"), [(["Volume", "x1000"], 1_000), (["Volume", "x1000", "shares"], 1_000),
                                               (["Volume", "000s"], 1_000), (["Volume", "'000"], 1_000),
                                               (["Volume", "millions"], 1_000_000)])
def test_a_units_rows_cell_that_is_the_unit_alone_counts(cells, factor):
    # A units row under the names: "x1000" alone in the volume's cell. Unread, volumes loaded 1000x small.
    assert column_unit(cells).factor == factor


@pytest.mark.parametrize("cells", [["000"], ["K"], ["Volume", "EUR"], ["Volume", "shares"], ["Volume", ""]])
def test_a_name_alone_or_a_currency_below_it_declares_no_scale(cells):
    unit = column_unit(cells)
    assert unit is None or unit.factor is None


@pytest.mark.parametrize("header", ["Volume USD (000)", "USD Volume ('000)", "Volume (000) EUR", "Volume (M) USD",
                                    "Turnover € (Mio.)"])
def test_a_currency_outside_the_brackets_makes_the_scale_one_of_money(header):
    unit = declared_unit(header)
    assert unit is not None and unit.money and unit.factor is None


@pytest.mark.parametrize(("cell", "unit"), [
    ("x1000", True), ("'000", True), ("(000)", True), ("USD", True), ("(EUR)", True), ("USDT", True), ("", True),
    ("AAPL", False), ("Close", False), ("LSE", False), ("%", False), ("GBp", False)])
def test_a_units_rows_cell_says_a_unit_and_nothing_else(cell, unit):
    assert units_cell(cell) is unit


@pytest.mark.parametrize(("cell", "factor"), [("vol_k", 1000), ("Volume_Traded_Mn", 1_000_000),
                                              ("Total Volume Thousands", 1000), ("volume_in_crores", 10_000_000)])
def test_a_scale_as_a_names_last_word_is_a_volumes_unit(cell, factor):
    assert column_unit([cell]).factor == factor


def test_a_scale_word_after_a_currency_counts_money():
    unit = column_unit(["Volume_INR_Cr"])
    assert unit.money and unit.factor is None


@pytest.mark.parametrize(("cells", "scale"), [
    (["Close (K)"], 1000), (["Giá ('000)"], 1000), (["Close (x1000)"], 1000), (["Close (000s)"], 1000),
    (["Close (B)"], None), (["Close (M)"], None), (["Close (x100)"], None), (["Close (00)"], None),
    (["Close (USD mn)"], None), (["Close (GBX)"], None), (["close_k"], None),
])
def test_a_price_declares_thousands_alone(cells, scale):
    assert price_scale(cells) == scale


@pytest.mark.parametrize(("values", "counted"), [
    ([23_500, 23_550, 24_100], True),  # dong as written
    ([23.5, 23.55, 24.1], False),  # thousands of dong
    ([1_523, 0, 1_530], True), ([512, 1_530], False), ([1_523.5, 1_530], False), ([0, 0], False),
])
def test_prices_already_counted_are_whole_and_at_least_the_scale(values, counted):
    assert prices_already_counted(values, 1000) is counted
