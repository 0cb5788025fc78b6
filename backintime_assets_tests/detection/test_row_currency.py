import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes


def _load(text: str):
    data = text.encode()
    return normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")


@pytest.mark.parametrize("text,currencies", [
    # A London share in pence, then in pounds: a hundredfold fall loaded as a price move (silent).
    ("Date,Ticker,Close,Currency\n2024-01-02,VOD,69.50,GBX\n2024-01-03,VOD,70.12,GBX\n"
     "2024-01-04,VOD,0.6988,GBP\n2024-01-05,VOD,0.7010,GBP\n", "GBX, GBP"),
    ("Date,Close,Currency\n2024-01-02,69.50,GBp\n2024-01-03,70.12,GBp\n2024-01-04,0.6988,GBP\n", "GBp, GBP"),
])
def test_a_series_in_two_currencies_is_refused_naming_them(text, currencies):
    result = _load(text)
    assert result.prices.empty
    assert result.file_problem.startswith("prices in several currencies under one series")
    assert f"rows in {currencies}, one on some days" in result.file_problem


@pytest.mark.parametrize("text,closes", [
    # Each ticker in its own currency, pence for one and pounds for another; a code's case aside.
    ("Date,Ticker,Price,Ccy\n2024-01-02,VOD,69.50,GBX\n2024-01-02,BP,4.71,GBP\n"
     "2024-01-03,VOD,70.12,GBX\n2024-01-03,BP,4.73,GBP\n", [4.71, 4.73, 69.5, 70.12]),
    ("Date,Ticker,Close,Currency\n2024-01-02,AAPL,185.64,USD\n2024-01-03,AAPL,184.25,usd\n",
     [185.64, 184.25]),
    # A share's dollar rows on a few of its euro days, among three tickers in dollars: the rules on
    # repeated dates keep its euro series (other_series.py).
    ("Date,Ticker,Close,Currency\n" + "".join(
        f"2024-01-0{d},AAPL,18{d}.1,USD\n2024-01-0{d},MSFT,37{d}.2,USD\n2024-01-0{d},GOOG,14{d}.3,USD\n"
        f"2024-01-0{d},SAP,13{d}.4,EUR\n" + (f"2024-01-0{d},SAP,15{d}.9,USD\n" if d == 3 else "")
        for d in (2, 3, 4)), [182.1, 183.1, 184.1, 142.3, 143.3, 144.3, 372.2, 373.2, 374.2, 132.4, 133.4, 134.4]),
    # Pence written "GBp" on some days and "GBP" on others over one level of prices: a sloppy column, not a
    # hundredfold step (refused since 9b59542).
    ("Date,Ticker,Close,Currency\n2024-01-02,VOD,70.12,GBp\n2024-01-03,VOD,70.40,GBP\n2024-01-04,VOD,70.22,GBp\n"
     "2024-01-05,VOD,69.90,GBP\n", [70.12, 70.4, 70.22, 69.9]),
    # Rates keyed by their currency: the currency is the ticker.
    ("Date,Currency,Rate\n2024-01-02,USD,1.0950\n2024-01-02,GBP,0.8610\n2024-01-03,USD,1.0930\n"
     "2024-01-03,GBP,0.8620\n", [0.861, 0.862, 1.095, 1.093]),
])
def test_one_currency_a_series_loads(text, closes):
    prices = _load(text).prices.sort_values(["ticker", "date"])
    assert prices.close.tolist() == closes


def test_a_column_of_many_currencies_keys_rows_and_is_no_switch():
    # A day's rate of every currency, French "monnaie" the ticker: each currency its series, no switch.
    result = _load("monnaie,rates,date\nAED,3.80,2022-07-05\nAFN,91.00,2022-07-05\nALL,118.25,2022-07-05\n"
                   "AED,3.81,2022-07-06\nAFN,91.10,2022-07-06\nALL,118.30,2022-07-06\n")
    assert sorted(set(result.prices.ticker)) == ["AED", "AFN", "ALL"] and len(result.prices) == 6
    assert not (result.file_problem or "").startswith("prices in several currencies")


def test_columns_of_one_currency_or_none_are_passed_over_before_their_rows_are_read(monkeypatch):
    # A sector's words and a column of dollars throughout switch nothing: their share of codes (a look at
    # every row) is not asked, where a column of pence and pounds is still judged.
    from backintime_assets.detection import row_currency

    asked = []
    share = row_currency.currency_share
    monkeypatch.setattr(row_currency, "currency_share", lambda cells: asked.append(list(cells)) or share(cells))
    names = ["Date", "Ticker", "Sector", "Close", "Currency"]
    canonical = ["date", "ticker", None, "close", None]
    body = [["2024-01-02", "AAPL", "TECHNOLOGY", "185.64", "USD"],
            ["2024-01-03", "AAPL", "TECHNOLOGY", "184.25", "usd"]]
    assert row_currency.currency_switch_problem(names, canonical, body) is None
    assert asked == []
    body = [["2024-01-02", "VOD", "TELECOM", "69.50", "GBX"], ["2024-01-03", "VOD", "TELECOM", "0.6988", "GBP"]]
    assert row_currency.currency_switch_problem(names, canonical, body).startswith(row_currency.CURRENCY_SWITCH)
    assert asked == [["GBX", "GBP"]]
