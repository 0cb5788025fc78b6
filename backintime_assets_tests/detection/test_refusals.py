"""Which refusals of a whole file a user may overrule."""
from backintime_assets.detection import detect_bytes
from backintime_assets.detection.refusals import judged


def test_trades_and_unlabelled_side_by_side_tickers_are_judgements():
    trades = detect_bytes(b"Date,Symbol,Side,Quantity,Price,Commission\n2025-03-03,AAA,Buy,100,10.5,1.0\n"
                          b"2025-03-04,BBB,Sell,50,20.25,1.0\n", "t.csv").problem
    # Two securities each over their own dates, no label above them (test_normalise.py).
    wide = detect_bytes(b"Date,PX_LAST,Date,PX_LAST\n2024-01-02,185.64,2024-01-02,370.87\n"
                        b"2024-01-03,184.25,2024-01-03,370.60\n2024-01-04,181.91,2024-01-04,367.94\n",
                        "w.csv").problem
    assert judged(trades), trades
    assert wide.startswith("prices of several tickers side by side") and judged(wide)


def test_an_empty_binary_or_tableless_file_is_a_fact():
    for data in (b"", b"Symbol,Close\n", b"\x00\x01\x02" * 100):
        problem = detect_bytes(data, "x.csv").problem
        assert problem and not judged(problem), problem
    assert not judged(None)


def test_one_instruments_several_closes_are_a_judgement_of_their_own():
    # "Closing Price,Auction Close" was refused as tickers side by side: its closes are one instrument's.
    problem = detect_bytes(b"Date,Closing Price,Auction Close\n2024-01-02,180.1,180.2\n2024-01-03,181.1,181.2\n"
                           b"2024-01-04,182.1,182.3\n", "c.csv").problem
    assert problem is not None and problem.startswith("several closes of one instrument")
    assert judged(problem)
