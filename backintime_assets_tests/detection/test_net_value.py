import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes


def _closes(text: str) -> list[float]:
    data = text.encode()
    return normalise_bytes(data, detect_bytes(data, "net.csv"), "net.csv").prices.close.tolist()


@pytest.mark.parametrize("text", [
    # An asset register's net book values (cost less depreciation), a balance sheet's net worth: 1956c00 read
    # the bare "净值" as a NAV and loaded them as closes on purchase and balance dates (silent).
    "资产编号,资产名称,购置日期,原值,累计折旧,净值\nA001,办公电脑,2019-03-05,6500.00,3900.00,2600.00\n"
    "A004,空调,2021-01-20,5800.00,1160.00,4640.00\n",
    "日期,总资产,总负债,净值\n2022-12-30,1610000,850000,760000\n2023-12-29,1702000,900000,802000\n",
    # A closed-end fund's NAV beside its price: its NAV loaded as its close.
    "日期,价格,净值,折价率\n2024-11-04,1.052,1.061,-0.85\n2024-11-05,1.060,1.066,-0.56\n",
])
def test_a_net_value_outside_a_fund_s_table_is_no_close(text):
    assert _closes(text) == []


@pytest.mark.parametrize("text", [
    "代码,名称,净值,涨跌,近1月,日期\n005827,易方达蓝筹,1.8887,-2.12,-3.47,20241108\n",
    "日期,净值,累计净值,日增长率\n2024-11-08,1.8887,2.3610,0.12\n",
    "日期,淨值（元）,累計淨值（元）\n2024-11-08,1.8887,2.3610\n",
])
def test_a_net_value_in_a_fund_s_table_is_its_nav(text):
    assert _closes(text) == [1.8887]
