import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.canonical import SIDE_BY_SIDE
from backintime_assets.detection.pandas_repeats import unsuffixed
from backintime_assets.normalisation.normalise import normalise_bytes


def test_a_suffixed_repeat_is_read_as_the_name_it_repeats():
    assert unsuffixed(["Date", "Close", "Close.1", "Close.2"]) == ["Date", "Close", "Close", "Close"]
    assert unsuffixed(["Open", "Volume", "Open.1", "Volume.1"]) == ["Open", "Volume", "Open", "Volume"]


def test_a_merges_suffix_without_its_twin_is_read_as_the_name_it_suffixes():
    # investing.com's Turkish gram-gold history merged by pandas on its date, the right side dropped
    # (vulonviing/fonpilot altin.csv): refused for "no close column"; read bare, it loads.
    text = (",Tarih,Şimdi_x,Açılış_x,Yüksek_x,Düşük_x,Hac._x,Fark %_x\n"
            '0,01.01.2020,"290,352","290,727","290,945","290,331",,"0,01%"\n'
            '1,02.01.2020,"292,842","290,356","293,185","290,185",,"0,86%"\n'
            '2,03.01.2020,"297,960","292,844","298,495","292,844",,"1,75%"\n')
    schema, result = _load(text, "altin.csv")
    prices = result.prices
    assert prices[["open", "high", "low", "close"]].values.tolist()[0] == [290.727, 290.945, 290.331, 290.352]
    assert prices["date"].astype(str).tolist() == ["2020-01-01", "2020-01-02", "2020-01-03"]


@pytest.mark.parametrize("row", [["Date", "Close.1"], ["Date", "Close", "BHP.AX"], ["2024", "2024.1"],
                                 ["time", "acc_x", "acc_y", "acc_z"], ["Date", "Close_x"],
                                 ["Date", "Close_x", "Close_y", "Open_x", "Open_y"]])
def test_a_suffix_with_nothing_it_repeats_keeps_its_name(row):
    assert unsuffixed(row) == row


def _load(text: str, name: str = "prices.csv"):
    data = text.encode()
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


DAYS = "2024-01-02,100.0,200.0,300.0\n2024-01-03,100.5,200.5,300.5\n2024-01-04,101.0,201.0,301.0\n"


@pytest.mark.parametrize("labels", [",SPY,QQQ,IWM", ",spy,qqq,iwm"])
def test_tickers_over_pandas_repeats_load_each_tickers_closes(labels):
    # pandas' read back of a MultiIndex export: each ticker's close was "Close.1", "Close.2", named
    # nothing; SPY's loaded under the file's name and QQQ's and IWM's were left unread without a word.
    schema, result = _load(f"{labels}\nDate,Close,Close.1,Close.2\n{DAYS}")
    assert schema.problem is None
    rows = sorted(zip(result.prices["ticker"], result.prices["close"]))
    tickers = labels.strip(",").upper().split(",")  # loaded in capitals
    assert [t for t, _ in rows] == sorted(t for t in tickers for _ in range(3))
    assert {t: c for t, c in rows if c in (101.0, 201.0, 301.0)} == dict(zip(tickers, (101.0, 201.0, 301.0)))


def test_a_ticker_written_once_over_its_suffixed_fields_owns_them():
    text = (",SPY,,QQQ,\nDate,Close,Volume,Close.1,Volume.1\n2024-01-02,100,1000,200,2000\n"
            "2024-01-03,101,1001,201,2001\n2024-01-04,102,1002,202,2002\n")
    schema, result = _load(text)
    assert schema.problem is None
    assert [(c.canonical, c.series) for c in schema.columns] == [
        ("date", None), ("close", "SPY"), ("volume", "SPY"), ("close", "QQQ"), ("volume", "QQQ")]
    qqq = result.prices[result.prices["ticker"] == "QQQ"]
    assert list(qqq["close"]) == [200.0, 201.0, 202.0] and list(qqq["volume"]) == [2000, 2001, 2002]


def test_a_suffixed_repeat_with_other_prices_and_no_label_is_refused_and_one_alike_loads():
    other = _load("Date,Close,Close.1\n2024-01-02,100.0,99.0\n2024-01-03,100.5,99.0\n2024-01-04,101.0,99.0\n")[0]
    assert other.problem is not None and other.problem.startswith(SIDE_BY_SIDE) and "Close.1" in other.problem
    schema, result = _load("Date,Close,Close.1\n2024-01-02,100.0,100.0\n2024-01-03,100.5,100.5\n"
                           "2024-01-04,101.0,101.0\n", "AAPL.csv")
    assert schema.problem is None and list(result.prices["close"]) == [100.0, 100.5, 101.0]
