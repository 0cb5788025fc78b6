import datetime as dt

import numpy as np

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.accounting import StoredRows, prove_prices_are_sane
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.rounded_bounds import snapped_bounds


def _normalised(text: str, name: str):
    data = text.encode()
    return normalise_bytes(data, detect_bytes(data, name), name)


# yfinance's auto-adjusted SPY dump (Goro2030/autoresearch data/SPY.csv): 1 and 19 February 1993 each
# had a high that was its close, written a double's last place under it.
_YFINANCE = """Date,Close,High,Low,Open,Volume
1993-01-29,24.175392150878906,24.192586597643402,24.072225470291944,24.192586597643402,1003200
1993-02-01,24.347318649291992,24.34731864929199,24.19256874262276,24.19256874262276,480500
1993-02-02,24.398916244506836,24.416110688653777,24.278555135478264,24.33013846791908,201300
1993-02-19,23.96906280517578,23.969062805175778,23.84870165766055,23.883090556950616,34900
"""


def test_a_high_a_doubles_rounding_under_the_close_loads_as_the_close():
    result = _normalised(_YFINANCE, "SPY.csv")
    assert result.rejected_arrow.num_rows == 0
    rows = {r["date"]: r for r in result.prices_arrow.to_pylist()}
    assert sorted(rows) == [dt.date(1993, 1, 29), dt.date(1993, 2, 1), dt.date(1993, 2, 2), dt.date(1993, 2, 19)]
    feb1 = rows[dt.date(1993, 2, 1)]
    assert feb1["close"] == 24.347318649291992 and feb1["high"] == feb1["close"]
    assert feb1["low"] == 24.19256874262276 and feb1["open"] == 24.19256874262276
    assert rows[dt.date(1993, 2, 19)]["high"] == 23.96906280517578
    # Highs above the close stay as written.
    assert rows[dt.date(1993, 1, 29)]["high"] == 24.192586597643402
    # And the lake's blocking check, which compares exactly, passes on them.
    assert prove_prices_are_sane(StoredRows(result.prices_arrow, result.rejected_arrow), []).finding.passed


# Merval's daily rows (ombzzz/mkt merval.csv): open and close to five decimals, high and low to two.
_MERVAL = """Date,Open,High,Low,Close,Volume
2024-01-02,1336.06006,1336.06,1298.37,1305.56006,100
2024-01-03,1339.95996,1356.54,1339.96,1350.92004,100
2024-01-04,1344.10999,1347.29,1331.88,1347.29004,100
2024-01-05,1300.50000,1300.25,1290.10,1295.12345,100
"""


def test_a_bound_written_to_fewer_decimals_a_hair_inside_loads_as_that_price_and_passes_the_lakes_check():
    result = _normalised(_MERVAL, "merval.csv")
    rows = {r["date"]: r for r in result.prices_arrow.to_pylist()}
    # Rounded to cents, "1336.06" stood under the open "1336.06006", "1339.96" over it, "1347.29"
    # under the close "1347.29004": each is that price, within half a cent of what was written.
    assert (rows[dt.date(2024, 1, 2)]["high"], rows[dt.date(2024, 1, 2)]["open"]) == (1336.06006, 1336.06006)
    assert rows[dt.date(2024, 1, 3)]["low"] == 1339.95996 and rows[dt.date(2024, 1, 3)]["high"] == 1356.54
    assert rows[dt.date(2024, 1, 4)]["high"] == 1347.29004 and rows[dt.date(2024, 1, 4)]["low"] == 1331.88
    # A quarter under the open is more than half a cent: no rounding, still a violation.
    assert result.rejected_arrow.column("reason").to_pylist() == ["high < max(open, close)"]
    # What loads, the blocking check passes (on BASE it failed: "2 rows with high below open/close/low").
    assert prove_prices_are_sane(StoredRows(result.prices_arrow, result.rejected_arrow), []).finding.passed


def test_one_unit_of_a_written_last_decimal_is_no_doubles_rounding():
    # A bitcoin to the satoshi (14 significant digits), a price to 15: a high one unit of the last
    # written decimal under the close, or a low over the open, is a violation as written, not noise
    # (a relative 1e-12 had loaded the first two at the close and the open).
    result = _normalised("Date,Open,High,Low,Close\n"
                         "2024-01-02,99000.12345678,100000.12345677,98000.5,100000.12345678\n"
                         "2024-01-03,99000.12345678,100000.5,99000.12345679,100000.12345678\n"
                         "2024-01-04,9.12345678901234,9.99999999999998,9.1,9.99999999999999\n"
                         "2024-01-05,99000.5,100000.5,98000.5,100000.12345678\n", "BTC.csv")
    assert result.rejected_arrow.column("reason").to_pylist() == [
        "high < max(open, close)", "low > min(open, close)", "high < max(open, close)"]
    assert [r["date"] for r in result.prices_arrow.to_pylist()] == [dt.date(2024, 1, 5)]


def test_only_a_rounding_is_snapped_a_cent_stays_a_violation():
    open_ = np.array([10.0, 10.0, 10.0, 10.0, np.nan])
    close = np.array([20.000000000000004, 20.0, 10.5, 10.5, 10.5])
    high = np.array([20.0, 19.99, 21.0, 10.5, np.nan])
    low = np.array([9.0, 9.0, 10.000000000000002, 10.01, 10.0])
    snapped_high, snapped_low = snapped_bounds(open_, high, low, close)
    assert snapped_high.tolist()[:4] == [20.000000000000004, 19.99, 21.0, 10.5]
    assert np.isnan(snapped_high[4])
    assert snapped_low.tolist() == [9.0, 9.0, 10.0, 10.01, 10.0]


def test_a_cent_under_the_close_is_still_rejected():
    result = _normalised("Date,Open,High,Low,Close\n2024-01-02,10.00,10.49,9.90,10.50\n", "X.csv")
    assert result.rejected_arrow.column("reason").to_pylist() == ["high < max(open, close)"]
