import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.named_field import close_named
from backintime_assets.normalisation import normalise_bytes

WIDE = "Date,AAPL,MSFT,GOOG\n" + "".join(f"2024-01-{d:02d},{180 + d}.5,{370 + d}.25,{140 + d}.75\n"
                                        for d in range(2, 6))


@pytest.mark.parametrize(("name", "said"), [
    ("close.csv", True), ("closes.csv", True), ("closing_prices_2024.csv", True), ("data/px_last.csv", True),
    ("Schlusskurse.csv", True), ("Close Prices.xlsx", True),
    ("prices.csv", False), ("adj_close.csv", False), ("open_close.csv", False), ("close_returns.csv", False),
    ("last_week.csv", False), ("closed_positions.csv", False),
])
def test_a_files_name_says_its_numbers_are_closes(name, said):
    assert close_named(name) is said


def test_tickers_side_by_side_in_a_file_named_as_the_close_load_as_each_tickers_close():
    # pandas' prices["Close"].to_csv("close.csv"): only the name says which price; refused as prices no
    # name said, the file loaded nothing.
    result = normalise_bytes(WIDE.encode(), detect_bytes(WIDE.encode(), "close.csv"), "close.csv")
    assert result.file_problem is None and result.rejected_arrow.num_rows == 0
    prices = result.prices.sort_values(["ticker", "date"])
    assert prices["ticker"].tolist() == ["AAPL"] * 4 + ["GOOG"] * 4 + ["MSFT"] * 4
    assert prices["close"].tolist()[:2] == [182.5, 183.5] and prices["close"].tolist()[-1] == 375.25
    # Named otherwise, nothing says which price: still refused, naming the tickers.
    assert "side by side" in detect_bytes(WIDE.encode(), "prices.csv").problem
    assert "side by side" in detect_bytes(WIDE.encode(), "adj_close.csv").problem


def test_tickers_with_an_exchange_letter_in_a_file_named_as_the_close_keep_it():
    data = b"Date,VOD.L,BP.L,HSBA.L\n2021-01-04,1.0,2.0,3.0\n2021-01-05,1.1,2.1,3.1\n2021-01-06,1.2,2.2,3.2\n"
    result = normalise_bytes(data, detect_bytes(data, "closes.csv"), "closes.csv")
    assert sorted(set(result.prices["ticker"])) == ["BP.L", "HSBA.L", "VOD.L"]
