"""An index or totals line among a day's securities (real file: NSE's market-watch download of the
NIFTY 200, Santhoshkumargaja/santhu MW-NIFTY-50.csv, under the name NSE gives it with its day)."""

import numpy as np

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.aggregates import check_aggregate_rows
from backintime_assets.normalisation.rules import Reasons

HEADER = ('"SYMBOL \n","OPEN \n","HIGH \n","LOW \n","PREV. CLOSE \n","LTP \n","CHNG \n","%CHNG \n",'
          '"VOLUME \n(shares)",VALUE ,"52W H \n","52W L \n","365 D % CHNG \n 02-Mar-2021",'
          '"30 D % CHNG \n 31-Jan-2022",,,,,\n')
INDEX = ('NIFTY 200,"8,512.45","8,674.60","8,470.80","8,467.30","8,636.05",168.75,1.99,1448839322,'
         '"5,47,63,12,19,086.48","9,895.10","7,427.00",8.26,-8.76,,,,,\n')
# The file's first constituent lines as written; the other 195 constituents are represented by
# their real volumes alone (the index's volume is all 200 of them added up, to the share).
FIRST = [
    'DALBHARAT,"1,366.40","1,475.90","1,362.25","1,362.25","1,474.00",111.75,8.2,442885,"63,53,14,103.65",'
    '"2,548.40","1,278.15",-5.99,-29.79,,,,,\n',
    'LALPATHLAB,"2,477.00","2,625.00","2,442.50","2,437.85","2,621.70",183.85,7.54,350704,"90,18,59,885.28",'
    '"4,245.50","2,263.40",5.16,-21.01,,,,,\n',
    'ASHOKLEY,101,107.75,99.85,99.3,106.6,7.3,7.35,32285510,"3,37,06,07,244.00",153.5,93.2,-21.07,-27.09,,,,,\n',
    'INDIGO,"1,658.00","1,754.85","1,658.00","1,598.80","1,715.00",116.2,7.27,5596423,"9,56,99,39,294.23",'
    '"2,380.00","1,503.00",-6.39,-19.02,,,,,\n',
    'INDHOTEL,197,208.8,196.2,194.05,208,13.95,7.19,15038951,"3,06,85,47,562.04",230.49,91.02,52.74,-10.39,,,,,\n',
]
FIRST_VOLUMES = 442885 + 350704 + 32285510 + 5596423 + 15038951


def _rest(total: int, n: int = 195) -> list[str]:
    """n constituent lines whose volumes add up to `total` (as the real ones do)."""
    each, extra = divmod(total, n)
    return [f"S{i:03d},100,101,99,100,100.5,0.5,0.5,{each + (i < extra)},1000,120,80,1,1,,,,,\n" for i in range(n)]


def _normalise(text: str, name: str = "MW-NIFTY-200-01-Mar-2022.csv"):
    data = text.encode()
    return normalise_bytes(data, detect_bytes(data, name), name)


def test_an_index_line_whose_volume_is_its_constituents_is_rejected_not_loaded_as_a_security():
    text = HEADER + INDEX + "".join(FIRST) + "".join(_rest(1448839322 - FIRST_VOLUMES))
    result = _normalise(text)
    tickers = result.prices_arrow.column("ticker").to_pylist()
    assert "NIFTY 200" not in tickers and len(tickers) == 200
    rejected = result.rejected_arrow.to_pydict()
    assert rejected["source_line"] == [HEADER.count("\n") + 1]  # the header's cells hold line breaks
    assert rejected["reason"][0].startswith("aggregate line: its volume is the sum of the other 200 rows'")


def test_a_busy_security_that_nearly_matches_the_others_stays_a_security():
    reasons = Reasons(12)
    days = np.zeros(12, dtype=np.int64)
    check_aggregate_rows(reasons, days, np.array([1001.0] + [100] * 10 + [0]))  # 1001 vs 1000
    assert reasons.ok.all()
    check_aggregate_rows(reasons, days, np.array([1000.0] + [1000 / 9] * 9 + [0, 0]))  # only 9 others
    assert reasons.ok.all()
    check_aggregate_rows(reasons, days, np.array([1000.0] + [100] * 10 + [0]))
    assert reasons.ok.tolist() == [False] + [True] * 11


def test_rows_without_a_volume_are_left_out_of_the_days_sum():
    # NaN: a volume the file does not give (NULL in the lake since session 22, 0 before). Left out
    # as a 0 is: the others' sum is of the volumes known, and a NaN row is never the aggregate.
    reasons = Reasons(13)
    days = np.zeros(13, dtype=np.int64)
    check_aggregate_rows(reasons, days, np.array([1000.0] + [100] * 10 + [np.nan, np.nan]))
    assert reasons.ok.tolist() == [False] + [True] * 12
    assert reasons.reason[0] == "aggregate line: its volume is the sum of the other 10 rows' of its day " \
        "(an index or a total, not a security)"
    reasons = Reasons(12)
    check_aggregate_rows(reasons, days[:12], np.array([1000.0] + [1000 / 9] * 9 + [np.nan, np.nan]))  # 9 known
    assert reasons.ok.all()


def test_each_day_is_summed_on_its_own():
    reasons = Reasons(22)
    days = np.array([1] * 11 + [2] * 11, dtype=np.int64)
    volume = np.array([1000.0] + [100] * 10 + [1900] + [100] * 10)
    check_aggregate_rows(reasons, days, volume)
    assert np.flatnonzero(~reasons.ok).tolist() == [0]


def test_round_lots_summing_the_others_by_chance_stay_securities():
    # A thin market's day: round lots, the busiest security the others' sum by chance, among them.
    lots = [100, 200, 300, 400, 500, 100, 200, 300, 400, 500]
    text = "Symbol,Open,High,Low,Close,Volume\n" + "".join(
        f"S{i},10,10.5,9.9,10.2,{v}\n" for i, v in enumerate(lots[:5])) + "FFF,12,12.4,11.9,12.3,3000\n" + "".join(
        f"T{i},10,10.5,9.9,10.2,{v}\n" for i, v in enumerate(lots[5:]))
    result = _normalise(text, "thin_2024-03-01.csv")
    assert result.prices_arrow.num_rows == 11 and result.rejected_arrow.num_rows == 0


def test_a_ticker_summing_the_others_on_one_day_only_stays_a_security():
    # Eleven tickers' history in round lots: AX is the others' sum on day 2 (and last), not on day 1.
    others = "".join(f"{{day}},{t}X,10,{v}\n" for t, v in zip("BCDEFGHIJK", [100, 200, 300, 400, 500] * 2))
    text = ("Date,Ticker,Close,Volume\n" + others.format(day="2024-03-04") + "2024-03-04,AX,10,700\n"
            + others.format(day="2024-03-05") + "2024-03-05,AX,10,3000\n")
    result = _normalise(text, "history.csv")
    assert result.prices_arrow.num_rows == 22 and result.rejected_arrow.num_rows == 0


def test_an_index_line_on_every_day_of_a_history_is_rejected_each_day():
    text = "Date,Ticker,Close,Volume\n" + "".join(
        f"2024-03-0{d},IDX,1000,{3000 + d}\n" + "".join(f"2024-03-0{d},S{i},10,{v}\n" for i, v in
                                                         enumerate(([100, 200, 300, 400, 500] * 2)[:-1] + [500 + d]))
        for d in (4, 5))
    result = _normalise(text, "history.csv")
    assert result.rejected_arrow.column("source_line").to_pylist() == [2, 13]
    assert set(result.prices_arrow.column("ticker").to_pylist()) == {f"S{i}" for i in range(10)}


def test_an_index_cut_short_on_the_first_or_last_day_read_is_still_rejected_on_its_other_days():
    # A piece of a large file (ingestion/parsed.py) ends mid-day: its last day holds the index and
    # a few constituents. That day's miss must not make a security of the index on every other day.
    days, volume, tickers = [], [], []
    for d in range(1, 5):
        others = [100.0 * (i + d) for i in range(1, 21)]
        if d == 4:
            others = others[:12]  # the cut: enough left to count, not all
        days += [d] * (1 + len(others))
        volume += [sum(others) if d < 4 else 99999.0] + others
        tickers += [0] + list(range(1, 1 + len(others)))
    reasons = Reasons(len(days))
    check_aggregate_rows(reasons, np.array(days, dtype=np.int64), np.array(volume), np.array(tickers))
    assert np.flatnonzero(~reasons.ok).tolist() == [0, 21, 42]


def test_fractional_volumes_are_summed_to_the_float_not_to_half_a_unit():
    # A day of a dozen coins each trading under a tenth: within half a unit of the others' sum
    # (the tolerance of whole shares), the first had been rejected as an aggregate line. Loaded as
    # written (session 22), their volumes are summed as exactly as whole shares are.
    volume = np.array([0.0213, 0.05, 0.031, 0.012, 0.07, 0.0044, 0.09, 0.015, 0.033, 0.061, 0.0021, 0.048])
    reasons = Reasons(volume.size)
    check_aggregate_rows(reasons, np.zeros(volume.size, dtype=np.int64), volume)
    assert reasons.ok.all()
    # A total of them that is their sum is still one.
    total = np.concatenate(([volume.sum()], volume))
    reasons = Reasons(total.size)
    check_aggregate_rows(reasons, np.zeros(total.size, dtype=np.int64), total)
    assert np.flatnonzero(~reasons.ok).tolist() == [0]


def _read(data: bytes, name: str):
    result = normalise_bytes(data, detect_bytes(data, name), name)
    assert result.rows_read == len(result.prices) + len(result.rejected)
    return result


def test_a_groups_subtotal_and_the_total_are_no_shares():
    # "Subtotal Energy" inside a holdings list, "Total" below: loaded as tickers SUBTOTAL ENERGY and TOTAL.
    # Their closes add up the rows above (since the last subtotal; all the shares for the total).
    data = (b"Ticker,Date,Close\nXOM,2024-01-02,10.00\nCVX,2024-01-02,20.00\nSubtotal Energy,2024-01-02,30.00\n"
            b"AAPL,2024-01-02,5.00\nTotal SE,2024-01-02,7.00\nTotal,2024-01-02,42.00\n")
    result = _read(data, "holdings.csv")
    assert result.prices.ticker.tolist() == ["XOM", "CVX", "AAPL", "TOTAL SE"]
    assert result.rejected.source_line.tolist() == [4, 7]
    assert result.rejected.reason.tolist() == ["a totals row, not a share: its close adds up the 2 rows above it",
                                               "a totals row, not a share: its close adds up the 4 rows above it"]


def test_names_that_start_like_a_total_load_where_they_add_up_nothing():
    # "Total SE", "TotalEnergies", "Subtotal Inc": shares, their prices no sum of the rows above.
    data = (b"Symbol,Close\nXOM,10.00\nCVX,20.00\nSubtotal Energy,30.00\nAAPL,5.00\nSubtotal Inc,4.00\n"
            b"Total SE,7.00\nTotalEnergies,9.00\nMSFT,3.00\n")
    result = _read(data, "prices_2024-01-02.csv")
    assert result.prices.ticker.tolist() == ["XOM", "CVX", "AAPL", "SUBTOTAL INC", "TOTAL SE", "TOTALENERGIES", "MSFT"]
    assert result.rejected.source_line.tolist() == [4]
    # Each day of a history on its own: a sum of another day's rows is none.
    history = (b"Ticker,Date,Close\nXOM,2024-01-02,10.00\nCVX,2024-01-02,20.00\nXOM,2024-01-03,11.00\n"
               b"Total SE,2024-01-03,30.00\n")
    assert _read(history, "h.csv").rejected.empty


def test_a_share_named_total_whose_close_matches_a_days_sum_by_chance_loads():
    # "TOTAL" beside two other shares for 40 days, its close the sum of the day's other two on two of them
    # by chance: those two days had been rejected as totals rows. A ticker is one thing: a totals row on
    # most of its days, or a share.
    rows = ["Ticker,Date,Close"]
    days = [f"2024-{1 + k // 20:02d}-{1 + k % 20:02d}" for k in range(40)]
    for k, day in enumerate(days):
        a, b = 10 + k * 0.25, 20 + k * 0.5
        total = a + b if k in (7, 30) else 50 + k
        rows += [f"AAA,{day},{a:.2f}", f"BBB,{day},{b:.2f}", f"TOTAL,{day},{total:.2f}"]
    data = ("\n".join(rows) + "\n").encode()
    result = _read(data, "h.csv")
    assert result.rejected[~result.rejected.reason.str.startswith("dated on a")].empty
    assert (result.prices.ticker == "TOTAL").sum() == len(result.prices) // 3
