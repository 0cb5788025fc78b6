import numpy as np

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.unrecorded_volume import unrecorded_zeros

# MetaTrader 5's D1 export of a forex pair: <VOL> (real volume) 0 on every bar, <TICKVOL> quotes.
MT5_FOREX = (b"<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n"
             b"2024.01.02\t00:00:00\t1.10420\t1.10450\t1.09390\t1.09410\t71239\t0\t0\n"
             b"2024.01.03\t00:00:00\t1.09410\t1.09520\t1.09010\t1.09210\t68123\t0\t1\n"
             b"2024.01.04\t00:00:00\t1.09210\t1.09700\t1.09150\t1.09480\t65000\t0\t0\n"
             b"2024.01.05\t00:00:00\t1.09480\t1.09990\t1.08770\t1.09390\t80012\t0\t0\n")


def _load(data: bytes, name: str):
    out = normalise_bytes(data, detect_bytes(data, name), name)
    assert out.rejected_arrow.num_rows == 0
    return out.prices_arrow


def test_a_volume_column_all_0_in_a_metatrader_forex_export_loads_null_not_untraded():
    # Loaded as 0, each day of EURUSD said "nothing traded"; the tick count is no volume either.
    prices = _load(MT5_FOREX, "EURUSD_D1.csv")
    assert prices["close"].to_pylist() == [1.0941, 1.0921, 1.0948, 1.0939]
    assert prices["volume"].to_pylist() == [None] * 4


def test_a_few_zero_days_among_real_volumes_stay_0():
    data = (b"Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,1000\n"
            b"2024-01-03,10.5,11,10,10.7,0\n2024-01-04,10.7,11,10,10.9,1200\n")
    assert _load(data, "abc.csv")["volume"].to_pylist() == [1000.0, 0.0, 1200.0]


def test_blank_volumes_beside_zeros_do_not_make_the_zeros_real():
    data = b"Date,Close,Volume\n2024-01-02,10.5,0\n2024-01-03,10.7,\n2024-01-04,10.9,0\n"
    assert _load(data, "abc.csv")["volume"].to_pylist() == [None, None, None]


def test_one_zero_alone_is_no_pattern():
    written = np.array([True])
    assert not unrecorded_zeros(np.array([0.0]), written).any()


def test_each_file_read_together_is_judged_on_its_own_volumes():
    values = np.array([0.0, 0.0, 0.0, 5.0, 0.0, 0.0])
    written = np.ones(6, dtype=bool)
    files = np.array([0, 0, 1, 1, 2, 2])
    assert unrecorded_zeros(values, written, files).tolist() == [True, True, False, False, True, True]
