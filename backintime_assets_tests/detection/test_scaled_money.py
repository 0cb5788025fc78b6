import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.scaled_money import scaled_money
from backintime_assets.normalisation import normalise_bytes


@pytest.mark.parametrize("cells", [
    ["$1.2M", "$950K", "-"], ["1,2 Mkr", "950 kkr"], ["12 tkr", "8 tkr"], ["1,2 MSEK", "0,9 MSEK"],
    ["1.2M USD", "0.9M USD"], ["₹1.2 Cr", "₹0.9 Cr"], ["Rs. 1.2 Cr", "Rs. 0.9 Cr"], ["RM1.2M", "RM0.9M"],
    ["kr 1,2 M", "kr 0,9 M"], ["€1.2bn", "€0.9bn"],
    # Rejected as unparseable, every row, before: German scales and yuan after a Chinese one.
    ["€1,2 Mio", "€0,9 Mio"], ["1,2 Mio. €", "0,9 Mio. €"], ["1.2 Mrd. EUR", "0.9 Mrd. EUR"],
    ["CHF 1,2 Mio.", "CHF 0,9 Mio."], ["1.2万元", "3.4亿元"],
])
def test_money_scaled_by_a_letter_is_told(cells):
    assert scaled_money(cells)


@pytest.mark.parametrize("cells", [
    ["1.2M", "950K"], ["1.2 Cr", "0.9 Cr"], ["1.2万", "3.4亿"], ["1,2 Mio", "0,9 Mio"],
    ["12 500 shares", "9 000 shares"], ["$1,234", "$1,100"], ["1234", "1100"], ["n/a", "-"],
])
def test_shares_counts_and_unscaled_money_are_not(cells):
    assert not scaled_money(cells)


def _load(data: bytes, name: str):
    out = normalise_bytes(data, detect_bytes(data, name), name)
    return out.prices_arrow, out.rejected_arrow


@pytest.mark.parametrize("header,cells", [
    (b"Vol.", [b"$1.2M", b"$1.1M", b"$950K"]),
    (b"Volume", [b"1.2M USD", b"1.1M USD", b"0.9M USD"]),
    (b"Volume", ["\u20b91.2 Cr".encode(), "\u20b91.1 Cr".encode(), "\u20b90.9 Cr".encode()]),
    (b"Volym", [b"1,2 Mkr", b"1,1 Mkr", b"950 kkr"]),
    (b"Volume", ["1.2万元".encode(), "1.1万元".encode(), "0.9万元".encode()]),
    (b"Volumen", ["1,2 Mio. €".encode(), "1,1 Mio. €".encode(), "950 Tsd. €".encode()]),
])
def test_a_volume_column_of_scaled_money_loads_the_prices_with_no_volume(header, cells):
    # Mapped as the volume, every row was rejected as unparseable: money traded is no count of shares.
    sep = b";" if header in (b"Volym", b"Volumen") else b","
    dec = (lambda v: v.replace(b".", b",")) if sep == b";" else (lambda v: v)
    rows = [b"2024-01-05", b"2024-01-04", b"2024-01-03"]
    closes = [b"10.5", b"10.3", b"10.2"]
    data = sep.join([b"Date", b"Close", header]) + b"\n" + b"".join(
        sep.join([d, dec(c), v]) + b"\n" for d, c, v in zip(rows, closes, cells))
    prices, rejected = _load(data, "abc.csv")
    assert rejected.num_rows == 0
    assert sorted(prices["close"].to_pylist()) == [10.2, 10.3, 10.5]
    assert prices["volume"].to_pylist() == [None] * 3


def test_a_turnover_of_scaled_money_beside_the_volume_leaves_the_volume_as_it_is():
    data = ("Date,Open,High,Low,Close,Volume,Turnover\n2024-01-05,100,110,95,105,12000,\u20b91.2 Cr\n"
            "2024-01-04,100,110,95,104,11000,\u20b91.1 Cr\n").encode()
    prices, rejected = _load(data, "abc.csv")
    assert rejected.num_rows == 0
    assert prices["volume"].to_pylist() == [12000.0, 11000.0]


def test_a_turnover_of_scaled_money_alone_is_no_volume():
    data = b"Date,Close,Turnover\n2024-01-05,105,$1.2M\n2024-01-04,104,$1.1M\n"
    prices, rejected = _load(data, "abc.csv")
    assert rejected.num_rows == 0
    assert prices["volume"].to_pylist() == [None, None]
