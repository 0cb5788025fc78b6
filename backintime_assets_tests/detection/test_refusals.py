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


def test_bars_longer_than_a_day_are_told_by_their_opening_not_by_their_words_in_a_name():
    from backintime_assets.detection.bar_period import LONGER_BARS
    from backintime_assets.detection.refusals import judgement, lifts
    from backintime_assets.detection.statements import NOT_PRICES

    monthly = detect_bytes(b"Date,Symbol,Period,Open,High,Low,Close\n2024-01-01,AAA,M,10,11,9,10.5\n"
                           b"2024-02-01,AAA,M,10,11,9,10.5\n2024-03-01,AAA,M,10,11,9,10.5\n", "m.csv").problem
    assert monthly.startswith(f"monthly bars{LONGER_BARS}") and judgement(monthly) == LONGER_BARS
    # A list of bonds each dated by its issue day, under a column whose name holds the bars' words: a reference
    # list, refused as no prices. Taken for bars by those words, a user's lifting of a monthly file's bars
    # lifted this refusal as well, and the next reference list of the layout loaded its issue days as closes.
    issues = ('Ticker,Name,"Issued, not daily prices: first day",Price\nXS1,Alpha 3% 2027,2019-03-12,101.2\n'
              "XS2,Beta 2% 2029,2020-06-30,97.5\nXS3,Gamma 4% 2031,2021-01-15,104.1\n"
              "XS4,Delta 1% 2026,2018-11-02,95.3\nXS5,Eps 5% 2033,2023-05-22,108.0\n"
              "XS6,Zeta 2.5% 2030,2022-09-09,99.1\n")
    listed = detect_bytes(issues.encode(), "issues.csv").problem
    assert listed.startswith("a list of instruments") and LONGER_BARS in listed
    assert judgement(listed) == NOT_PRICES and not lifts(monthly, listed) and not lifts(listed, monthly)
    # A fact whose words (a failed read naming a cell) hold them: nothing a user may lift.
    fact = "detection failed: ValueError: could not read 'weekly bars, not daily prices: see note'"
    assert judgement(fact) is None and not judged(fact)
