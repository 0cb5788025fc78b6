import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.parsed import FileGroup, FileTask, parse_group, parse_in_pieces
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.unit_slips import PRICES, unit_slips
from backintime_assets_tests.support.calendar import weekdays


def _slips(closes, days=None, keys=None, bars=None, volume=None) -> dict[int, str]:
    """Row -> reason of the rows unit_slips rejects; `bars` (open, high, low) per row, else the close."""
    n = len(closes)
    days = days or weekdays(dt.date(2024, 1, 1), n)
    close = np.array(closes, float)
    values = {c: close for c in PRICES}
    if bars is not None:
        values = {**values, "open": np.array([b[0] for b in bars], float),
                  "high": np.array([b[1] for b in bars], float), "low": np.array([b[2] for b in bars], float)}
    rows, reasons = unit_slips(np.zeros(n, np.int64) if keys is None else np.array(keys),
                               np.array([(d - dt.date(1970, 1, 1)).days for d in days], np.int64), values,
                               np.full(n, np.nan) if volume is None else np.array(volume, float), np.ones(n, bool))
    return dict(zip(rows.tolist(), reasons.tolist()))


def _series(n: int, level: float = 612.2, seed: int = 0) -> list[float]:
    """A calm series around `level`: moves of about 1.5% a day."""
    rng = np.random.default_rng(seed)
    return [round(level * float(np.exp(x)), 4) for x in np.cumsum(rng.normal(0, 0.015, n))]


def test_a_day_in_pounds_among_days_in_pence_is_rejected_naming_its_neighbours():
    closes = [640.0, 612.2, 609.6, 5.854, 611.0, 615.4, 618.0]
    found = _slips(closes)
    assert list(found) == [3]
    assert found[3] == ("unit slip: close 5.854 is about a hundredfold below this ticker's closes on the days around "
                        "it (609.6 on 2024-01-03, 611 on 2024-01-05), which agree: a price in another unit (pounds "
                        "for pence, dollars for cents), not a move")


def test_spikes_up_and_down_of_ten_a_hundred_and_a_thousand_times_are_rejected():
    base = _series(12)
    for factor in (10.0, 100.0, 1000.0, 0.1, 0.01, 0.001):
        closes = list(base)
        closes[6] = round(closes[6] * factor, 6)
        found = _slips(closes)
        assert list(found) == [6], factor
        assert ("above" if factor > 1 else "below") in found[6]


def test_runs_of_one_to_three_rows_are_slips_and_a_fourth_row_makes_a_step_that_loads():
    base = _series(16)
    for run in (1, 2, 3):
        closes = [c / 100 if 6 <= i < 6 + run else c for i, c in enumerate(base)]
        assert sorted(_slips(closes)) == list(range(6, 6 + run))
    closes = [c / 100 if 6 <= i < 10 else c for i, c in enumerate(base)]
    assert _slips(closes) == {}


def test_a_run_in_cents_beside_a_real_move_is_still_a_hundredfold():
    # yahooquery #87, AXE.AX around 2021-02-22: 0.80, 1.20, 1.01, 0.975 written 0.80, 120.00, 101.00, 0.975.
    found = _slips([0.79, 0.80, 120.00, 101.00, 0.975, 0.98, 0.96])
    assert sorted(found) == [2, 3]
    assert found[2].startswith("unit slip: close 120 is about a hundredfold above this ticker's closes on the days "
                               "around it (0.8 on 2024-01-02, 0.975 on 2024-01-05)")
    # A tenfold run is held nearer ten: 15 times both sides is no slip.
    assert _slips([1.00, 1.01, 15.2, 1.02, 1.00, 1.01]) == {}


def test_a_split_or_redenomination_that_stays_loads():
    base = _series(30)
    for factor in (10.0, 100.0, 0.1, 0.001):
        assert _slips([c * factor if i >= 15 else c for i, c in enumerate(base)]) == {}
    # A step back a month later (a second redenomination) is no run of days either.
    assert _slips([c * 100 if 10 <= i < 20 else c for i, c in enumerate(base)]) == {}


def test_a_hundredfold_run_at_the_files_start_is_rejected_naming_both_readings():
    # corpus54b's 000001_z: three rows at ~1172 before 27 at ~10.48.
    closes = [1171.9997, 1160.7628, 1138.2892] + _series(27, 10.48)
    found = _slips(closes)
    assert sorted(found) == [0, 1, 2]
    assert found[0].startswith("unit slip at the file's start: close 1171.9997 is about a hundredfold above this "
                               "ticker's 27 closes after it (from ")
    assert "a split or a redenomination on 2024-01-04 would look the same" in found[0]


def test_a_hundredfold_run_at_the_files_end_is_rejected():
    closes = _series(20) + [6.17, 5.87]
    found = _slips(closes)
    assert sorted(found) == [20, 21]
    assert found[20].startswith("unit slip at the file's end: close 6.17 is about a hundredfold below this ticker's "
                                "20 closes before it")


def test_at_an_edge_a_tenfold_step_a_short_side_or_a_splits_volume_loads():
    # A biotech's -90% day on a trial stays: tenfold at an edge is never called a slip.
    assert _slips(_series(20, 950) + [102.25, 76.5]) == {}
    assert _slips([102.25, 76.5] + _series(20, 950)) == {}
    # Four rows after the run are too few to be the series.
    assert _slips([1172.0] + _series(4, 10.48)) == {}
    # A 1-for-100 reverse split at the end: the volume falls by the factor the price rises by.
    closes = _series(20, 0.05) + [5.1, 5.2]
    volume = [1_000_000 + 1000 * i for i in range(20)] + [10_500, 9_800]
    assert _slips(closes, volume=volume) == {}
    assert sorted(_slips(closes, volume=[1_000_000] * 22)) == [20, 21]


def test_two_and_three_row_files_and_runs_side_by_side_load():
    assert _slips([612.2, 6.12]) == {}
    assert _slips([612.2, 6.12, 611.0]) == {}
    assert _slips([6.12, 612.2, 6.12, 612.0, 6.10]) == {}  # alternating: which is the unit?
    assert _slips([6.12, 6.15, 612.2, 6.12, 612.0, 612.5, 6.10]) == {}


def test_a_run_over_a_gap_loads():
    days = weekdays(dt.date(2024, 1, 1), 10) + [dt.date(2024, 3, 1)] + weekdays(dt.date(2024, 4, 1), 10)
    closes = _series(10) + [6.1] + _series(10, 612.2, 1)
    assert _slips(closes, days=days) == {}
    # Weekly bars: a hundredfold week is judged, a tenfold week is not.
    weeks = [dt.date(2024, 1, 5) + dt.timedelta(weeks=i) for i in range(12)]
    closes = _series(12)
    assert list(_slips([c / 100 if i == 6 else c for i, c in enumerate(closes)], days=weeks)) == [6]
    assert _slips([c / 10 if i == 6 else c for i, c in enumerate(closes)], days=weeks) == {}


def test_a_series_that_moves_by_much_of_the_factor_elsewhere_keeps_its_tenfold_day():
    # A sub-penny share on its ticks: 0.0001 to 0.0002 and back is a day's 2x; its 0.001 day is its own.
    closes = [0.0001, 0.0001, 0.0002, 0.0001, 0.0001, 0.001, 0.0001, 0.0001, 0.0001]
    assert _slips(closes) == {}
    assert list(_slips([0.0001] * 5 + [0.01] + [0.0001] * 3)) == [5]  # a hundredfold is still a slip


def test_a_tenfold_day_whose_open_stays_with_its_neighbours_is_a_spike_that_loads():
    closes = [1.00, 1.02, 1.01, 10.2, 1.03, 1.02, 1.01]
    bars = [(c, c * 1.01, c * 0.99) for c in closes]
    bars[3] = (1.01, 10.5, 1.0)
    assert _slips(closes, bars=bars) == {}
    bars[3] = (10.1, 10.5, 10.0)  # the whole bar moved: a slip
    assert list(_slips(closes, bars=bars)) == [3]


def test_a_hundredfold_close_beside_an_open_and_low_that_stayed_is_rejected():
    # yfinance #1106, PNL.L's week of 2021-10-25: open 488.50, high and close 48,754.21.
    closes = [489.0, 492.0, 48754.21, 504.0, 507.0]
    bars = [(488.5, 491.56, 485.13), (491.0, 493.2, 485.0), (488.5, 48754.21, 488.5), (496.0, 504.95, 493.0),
            (504.0, 509.0, 500.0)]
    weeks = [dt.date(2021, 10, 11) + dt.timedelta(weeks=i) for i in range(5)]
    assert list(_slips(closes, days=weeks, bars=bars)) == [2]


def test_each_ticker_is_judged_apart():
    # Two tickers a hundredfold apart, their rows interleaved day by day.
    days = [d for d in weekdays(dt.date(2024, 1, 1), 10) for _ in range(2)]
    closes = [c for pair in zip(_series(10, 6.12), _series(10, 612.0, 1)) for c in pair]
    assert _slips(closes, days=days, keys=[0, 1] * 10) == {}
    # One of them slips a day: only that row.
    closes[9] = closes[9] / 100
    assert list(_slips(closes, days=days, keys=[0, 1] * 10)) == [9]


def test_rows_rejected_before_are_not_read_and_rows_come_in_any_order():
    closes = [611.0, 612.2, 5.854, 609.6, 615.4, 618.0][::-1]
    days = weekdays(dt.date(2024, 1, 1), 6)[::-1]
    n = len(closes)
    values = {c: np.array(closes) for c in PRICES}
    epoch = [(d - dt.date(1970, 1, 1)).days for d in days]
    rows, _ = unit_slips(np.zeros(n, np.int64), np.array(epoch), values, np.full(n, np.nan), np.ones(n, bool))
    assert rows.tolist() == [3]
    ok = np.ones(n, bool)
    ok[3] = False  # already rejected for another reason: nothing left to judge
    rows, _ = unit_slips(np.zeros(n, np.int64), np.array(epoch), values, np.full(n, np.nan), ok)
    assert rows.tolist() == []


def test_a_london_history_loads_every_day_but_the_one_in_pounds():
    # yfinance #280's EasyJet, with the day in pounds alone between days in pence.
    data = (b"Date,Open,High,Low,Close,Adj Close,Volume\n"
            b"2020-04-16,598.0,612.0,590.2,605.4,605.4,4100233\n"
            b"2020-04-17,610.0,640.0,606.0,633.8,633.8,5203341\n"
            b"2020-04-20,640.0,664.599976,605.799988,612.200012,612.200012,4869693\n"
            b"2020-04-21,604.599976,619.856995,584.16803,609.599976,609.599976,3280302\n"
            b"2020-04-22,6.17,6.31,5.8213,5.854,5.854,3812785\n"
            b"2020-04-23,586.8,597.005,570.617,587.2,587.2,2900462\n"
            b"2020-04-24,578.4,583.78,555.013,573.0,573.0,3612845\n")
    schema = detect_bytes(data, "EZJ.L.csv")
    result = normalise_bytes(data, schema, "EZJ.L.csv")
    assert result.rows_read == 7
    assert result.prices["close"].tolist() == [605.4, 633.8, 612.200012, 609.599976, 587.2, 573.0]
    assert result.rejected["source_line"].tolist() == [6]
    assert result.rejected["reason"].tolist() == [
        "unit slip: close 5.854 is about a hundredfold below this ticker's closes on the days around it (609.599976 on "
        "2020-04-21, 587.2 on 2020-04-23), which agree: a price in another unit (pounds for pence, dollars for "
        "cents), not a move"]


def test_a_split_beside_a_piece_cut_is_refused_saying_the_next_piece_holds_the_days_after():
    # A large file is read in pieces (ingestion/parsed.py), each judged alone: a 1-for-100 reverse split two
    # rows before a cut has no day after it in its piece. Read whole it is a step that stays and loads; read
    # in pieces its two rows are refused, loud, and the reason must not send a reader to a day the file holds.
    closes = _series(120, 12.3)
    days = weekdays(dt.date(2024, 1, 1), 120)

    def text(split_at: int | None) -> bytes:
        # Every line 21 bytes, before the split (12.345678) as after it (1234.5678): the cuts stay put.
        lines = [f"{d.isoformat()},{c:.6f}\n" if i < (split_at or len(days)) else f"{d.isoformat()},{100 * c:.4f}\n"
                 for i, (d, c) in enumerate(zip(days, closes))]
        return ("Date,Close\n" + "".join(lines)).encode()

    def read(data: bytes, pieces: bool) -> list[pa.Table]:
        task = FileTask("x.csv", "x.csv", detect_bytes(data, "x.csv").to_json(), dt.date(2024, 1, 1), 0, len(data))
        if not pieces:
            return [parse_group([data], FileGroup([task], task.schema_json))]
        return list(parse_in_pieces(lambda at, n: data[at:at + n], len(data), task, 1000))

    def loaded(part: pa.Table) -> list[int]:
        return part.filter(pc.equal(part["status"], "loaded"))["source_line"].to_pylist()

    calm = read(text(None), pieces=True)
    assert len(calm) > 2 and sum(len(loaded(part)) for part in calm) == 120
    first_piece_last = max(loaded(calm[0]))  # the line before the first cut; rows 0.. are lines 2..
    split_at = first_piece_last - 1 - 2  # the first piece's last two rows are the split's first days

    data = text(split_at)
    whole = read(data, pieces=False)[0]
    assert whole.filter(pc.equal(whole["status"], "rejected")).num_rows == 0
    pieced = pa.concat_tables(read(data, pieces=True))
    rejected = pieced.filter(pc.equal(pieced["status"], "rejected"))
    assert rejected["source_line"].to_pylist() == [first_piece_last - 1, first_piece_last]
    for reason in rejected["reason"].to_pylist():
        assert reason.startswith("unit slip at the file's end: ")
        assert "the file holds no day after" not in reason
        assert reason.endswith("and no day after is read with these rows to tell (the file holds none, or a large "
                               "file read in pieces holds it in the piece after)")
