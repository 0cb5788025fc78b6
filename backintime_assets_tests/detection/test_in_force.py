import pytest

from backintime_assets.detection.detect import detect_bytes
from backintime_assets.detection.in_force import in_force
from backintime_assets.normalisation.normalise import normalise_bytes

# Colombia's TRM as datos.gov.co exports it (alejojimenezz/Dollar-Exchange-Rate, real files round 50).
_TRM = ('"VALOR","UNIDAD","VIGENCIADESDE","VIGENCIAHASTA"\n"$3,991.09","COP","05/09/2025","05/09/2025"\n'
        '"$4,002.86","COP","04/09/2025","04/09/2025"\n"$4,016.94","COP","03/09/2025","03/09/2025"\n'
        '"$4,018.41","COP","30/08/2025","02/09/2025"\n"$4,019.09","COP","29/08/2025","29/08/2025"\n')


@pytest.mark.parametrize("opens, closes, period", [
    ("vigenciadesde", "vigenciahasta", True), ("validfrom", "validto", True), ("startdate", "enddate", True),
    ("gultigab", "gultigbis", True), ("from", "to", False), ("tradedate", "settledate", False),
])
def test_the_first_and_last_day_of_a_period(opens, closes, period):
    assert in_force(opens, closes) is period


def test_an_official_rate_dated_by_the_days_it_is_in_force_loads():
    # "no close column" before: every row rejected.
    data = _TRM.encode()
    prices = normalise_bytes(data, detect_bytes(data, "historico.csv"), "historico.csv").prices
    assert prices[["date", "close"]].astype(str).values.tolist() == [
        ["2025-09-05", "3991.09"], ["2025-09-04", "4002.86"], ["2025-09-03", "4016.94"], ["2025-08-29", "4019.09"]]


@pytest.mark.parametrize("text", [
    _TRM.replace('"COP"', '"kWh"'),  # a meter's readings: no currency their unit
    _TRM.replace('"VALOR"', '"CANTIDAD"'),  # a quantity, not a value
    _TRM.replace('"COP"', '"COP","Widget"').replace('"UNIDAD"', '"UNIDAD","PRODUCTO"'),  # a price list's items
    # A contract's value or a tariff's price in force for a year, each row another's: loaded as a series.
    _TRM.replace('/2025"\n', '/2026"\n'),
])
def test_look_alikes_of_a_rate_in_force_stay_refused(text):
    data = text.encode()
    assert len(normalise_bytes(data, detect_bytes(data, "historico.csv"), "historico.csv").prices) == 0
