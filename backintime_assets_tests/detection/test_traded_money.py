import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.traded_money import traded_money_problem
from backintime_assets.normalisation import normalise_bytes


@pytest.mark.parametrize("data", [
    # An exchange's turnover beside its shares traded: the turnover had loaded as the day's close.
    b"Date,Volume,Value\n2024-01-02,1000,42510.5\n2024-01-03,1200,51660\n2024-01-04,900,37845\n"
    b"2024-01-05,1500,64200\n",
    # Beside the day's average price it multiplies: read as a holding's worth before, the money traded now.
    b"Date,Volume,Value,VWAP\n2024-01-02,1000,42510.5,42.5105\n2024-01-03,1200,51660,43.05\n"
    b"2024-01-04,900,37845,42.05\n",
    # Under a word a holding's units are named by too (French "Qté"), moving every day: shares traded.
    b"Date,Value,Qt\xc3\xa9\n2024-01-02,42510.5,1000\n2024-01-03,51660,1200\n2024-01-04,37845,900\n"
    b"2024-01-05,64200,1500\n",
])
def test_money_traded_named_value_is_no_close(data):
    schema = detect_bytes(data, "turnover.csv")
    assert schema.problem is not None and schema.problem.startswith("a day's money traded, not prices: 'Value'")
    assert normalise_bytes(data, schema, "turnover.csv").prices.empty


@pytest.mark.parametrize("data", [
    # An index's level and its volume: the level is smooth, divided by the volume it jumps.
    b"Date,Value,Volume\n2024-01-02,4742.8,3.1e9\n2024-01-03,4704.8,4.2e9\n2024-01-04,4688.7,2.6e9\n"
    b"2024-01-05,4697.2,3.9e9\n",
    # A fund's units held the same each day: its value steps as its price does, no smoother per unit.
    b"Date,Units,Value\n2024-01-02,120,1512.0\n2024-01-03,120,1519.2\n2024-01-04,120,1507.2\n",
])
def test_a_price_named_value_beside_a_volume_stays_the_close(data):
    schema = detect_bytes(data, "series.csv")
    assert not (schema.problem or "").startswith("a day's money traded")


def test_comma_decimals_are_read_as_the_file_writes_them():
    body = [["02.01.2024", "1000", "42510,5"], ["03.01.2024", "1200", "51660,0"], ["04.01.2024", "900", "37845,0"]]
    assert traded_money_problem(["Datum", "Volume", "Value"], ["date", "volume", "close"], body, ",", None)


def test_units_held_beside_their_value_are_a_holdings_not_money_traded():
    data = (b"Fund,Units,Bid Price,Valuation Date,Value\nGlobal Equity,120.500,2.3400,20/03/2026,281.97\n"
            b"UK Gilts,80.000,1.1000,20/03/2026,88.00\nAsia Pacific,45.250,3.2000,20/03/2026,144.80\n")
    assert detect_bytes(data, "holdings.csv").problem.startswith("a list of holdings, not prices")
