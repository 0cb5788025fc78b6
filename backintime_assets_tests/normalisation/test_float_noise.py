import datetime as dt

import numpy as np

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.accounting import prove_prices_are_sane
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.float_noise import snapped_bounds

# yfinance's auto-adjusted SPY dump (Goro2030/autoresearch data/SPY.csv): 1 and 19 February 1993 each
# had a high that was its close, written a double's last place under it.
_YFINANCE = """Date,Close,High,Low,Open,Volume
1993-01-29,24.175392150878906,24.192586597643402,24.072225470291944,24.192586597643402,1003200
1993-02-01,24.347318649291992,24.34731864929199,24.19256874262276,24.19256874262276,480500
1993-02-02,24.398916244506836,24.416110688653777,24.278555135478264,24.33013846791908,201300
1993-02-19,23.96906280517578,23.969062805175778,23.84870165766055,23.883090556950616,34900
"""


def test_a_high_a_doubles_rounding_under_the_close_loads_as_the_close():
    data = _YFINANCE.encode()
    result = normalise_bytes(data, detect_bytes(data, "SPY.csv"), "SPY.csv")
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
    assert prove_prices_are_sane(result.prices_arrow, []).finding.passed


def test_only_a_rounding_error_is_snapped_a_cent_stays_a_violation():
    open_ = np.array([10.0, 10.0, 10.0, 10.0, np.nan])
    close = np.array([20.000000000000004, 20.0, 10.5, 10.5, 10.5])
    high = np.array([20.0, 19.99, 21.0, 10.5, np.nan])
    low = np.array([9.0, 9.0, 10.000000000000002, 10.01, 10.0])
    snapped_high, snapped_low = snapped_bounds(open_, high, low, close)
    assert snapped_high.tolist()[:4] == [20.000000000000004, 19.99, 21.0, 10.5]
    assert np.isnan(snapped_high[4])
    assert snapped_low.tolist() == [9.0, 9.0, 10.0, 10.01, 10.0]


def test_a_cent_under_the_close_is_still_rejected():
    data = b"Date,Open,High,Low,Close\n2024-01-02,10.00,10.49,9.90,10.50\n"
    result = normalise_bytes(data, detect_bytes(data, "X.csv"), "X.csv")
    assert result.rejected_arrow.column("reason").to_pylist() == ["high < max(open, close)"]
