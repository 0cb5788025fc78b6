"""A volume named as one that is the money traded loads the count of units beside it instead."""
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

# Huobi's daily candles (market/history/kline): "amount" the coins traded, "vol" their worth in USDT.
HUOBI = (b"id,open,close,low,high,amount,vol,count\n"
         b"1704067200,42000.5,42300.1,41900.0,42500.2,120.5,5090000.25,3400\n"
         b"1704153600,42300.1,42800.0,42100.0,43000.0,98.2,4180000.5,3100\n"
         b"1704240000,42800.0,42500.0,42200.0,42900.0,110.0,4690000.0,3300\n")
# Gate's candlesticks as records: "v" the quote currency's worth, "a" the base currency's amount.
GATE = (b"t,v,c,h,l,o,a\n"
        b"1704067200,5090000.25,42300.1,42500.2,41900.0,42000.5,120.5\n"
        b"1704153600,4180000.5,42800.0,43000.0,42100.0,42300.1,98.2\n"
        b"1704240000,4690000.0,42500.0,42900.0,42200.0,42800.0,110.0\n")


def _volumes(data: bytes, name: str) -> list[float]:
    result = normalise_bytes(data, detect_bytes(data, name), name)
    return result.prices_arrow.column("volume").to_pylist()


def test_huobis_amount_is_the_volume_not_its_vol():
    # Before: 5,090,000.25 (USDT) loaded as the coins traded on 1 January.
    assert _volumes(HUOBI, "btcusdt.csv") == [120.5, 98.2, 110.0]


def test_huobis_names_tell_without_the_rows_proving_it():
    data = HUOBI.replace(b"5090000.25", b"0").replace(b"4180000.5", b"0").replace(b"4690000.0", b"0")
    assert _volumes(data, "btcusdt.csv") == [120.5, 98.2, 110.0]


def test_money_proved_by_the_rows_gives_way_to_the_count():
    # v / a falls inside each day's low and high: v is the money, a the coins.
    assert _volumes(GATE, "gate_btc.csv") == [120.5, 98.2, 110.0]


def test_a_turnover_beside_the_volume_leaves_the_volume():
    # A price near 1 makes turnover / volume and volume / turnover both fall inside the bar: unsaid.
    data = (b"Date,Open,High,Low,Close,Volume,Turnover\n2024-01-02,1.00,1.02,0.99,1.01,1000000,1010000\n"
            b"2024-01-03,1.01,1.02,0.99,1.00,1200000,1200000\n2024-01-04,1.00,1.01,0.98,0.99,900000,891000\n")
    assert _volumes(data, "penny.csv") == [1000000.0, 1200000.0, 900000.0]
    close_alone = (b"Date,Close,Volume,Turnover\n2024-01-02,1.01,1000000,1010000\n2024-01-03,1.00,1200000,1200000\n"
                   b"2024-01-04,0.99,900000,891000\n")  # so with a close alone
    assert _volumes(close_alone, "penny.csv") == [1000000.0, 1200000.0, 900000.0]
    data = (b"Date,Open,High,Low,Close,Volume,Turnover\n2024-01-02,10.0,10.5,9.9,10.2,1000,10200\n"
            b"2024-01-03,10.2,10.4,10.0,10.1,1200,12120\n2024-01-04,10.1,10.3,9.8,9.9,900,8910\n")
    assert _volumes(data, "stock.csv") == [1000.0, 1200.0, 900.0]


def test_a_count_of_trades_is_never_the_volume():
    # 1,000,000 shares in 20,000 trades: 50 a trade, inside a $50 stock's bar every day.
    data = (b"Date,Open,High,Low,Close,Volume,Trades\n2024-01-02,50.0,51.0,49.0,50.5,1000000,20000\n"
            b"2024-01-03,50.5,51.5,49.5,50.0,1200000,24000\n2024-01-04,50.0,50.8,49.2,49.9,900000,18000\n")
    assert _volumes(data, "stock.csv") == [1000000.0, 1200000.0, 900000.0]


def test_a_scaled_volume_beside_the_volume_leaves_the_volume():
    # "Adj Volume", twice the shares since a 2:1 split: volume / it is 0.5 on every row, inside a $0.50
    # stock's bar; a ratio the same on every row is a scale, not a price. The adjusted shares had loaded.
    rows = [("2024-01-02", "0.50", "0.51", "0.49", "0.50", 100000),
            ("2024-01-03", "0.50", "0.505", "0.495", "0.502", 80000),
            ("2024-01-04", "0.502", "0.51", "0.497", "0.498", 120000),
            ("2024-01-05", "0.498", "0.503", "0.492", "0.5", 90000)]
    data = ("Date,Open,High,Low,Close,Volume,Adj Volume\n"
            + "".join(f"{d},{o},{h},{lo},{c},{v},{2 * v}\n" for d, o, h, lo, c, v in rows)).encode()
    assert _volumes(data, "penny.csv") == [100000.0, 80000.0, 120000.0, 90000.0]
    # A split of 3 for 2, the adjusted count rounded to the share: 1.5 in its first digits.
    data = ("Date,Open,High,Low,Close,Volume,Adj Volume\n"
            + "".join(f"{d},{float(o) * 3:.3f},{float(h) * 3:.3f},{float(lo) * 3:.3f},{float(c) * 3:.3f},"
                      f"{v + 1},{(v + 1) * 2 // 3}\n" for d, o, h, lo, c, v in rows)).encode()
    assert _volumes(data, "penny.csv") == [100001.0, 80001.0, 120001.0, 90001.0]


def test_an_average_trades_size_is_never_the_volume():
    # Shares over the average trade's size is the count of trades: 50 trades a day, inside a $50 bar.
    data = (b"Date,Open,High,Low,Close,Volume,Avg Trade Size\n2024-01-02,50.0,51.0,49.0,50.5,1000000,20000\n"
            b"2024-01-03,50.5,51.5,49.5,50.0,1200000,23900\n2024-01-04,50.0,50.8,49.2,49.9,900000,18100\n")
    assert _volumes(data, "stock.csv") == [1000000.0, 1200000.0, 900000.0]


def _tushare(prices: list[float]) -> bytes:
    # Tushare's daily bars: "vol" in lots of 100 shares, "amount" in thousands of yuan.
    lines, day = ["ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount"], date(2016, 1, 4)
    for i, p in enumerate(prices):
        while day.weekday() >= 5:
            day += timedelta(1)
        lots = 900_000 + 7_919 * (i % 13) ** 2
        lines.append(f"601288.SH,{day:%Y%m%d},{p},{p + 0.02:.2f},{p - 0.02:.2f},{p},{p},0.0,0.0,{lots}.0,"
                     f"{lots * 100 * p / 1000:.3f}")
        day += timedelta(1)
    return ("\n".join(lines) + "\n").encode()


def test_lots_over_thousands_of_yuan_near_a_price_of_ten_s_root_leave_the_volume():
    # A bank's shares at 3.13 to 3.19 yuan: lots over thousands of yuan (10 over the price) fall inside
    # each day's bar, and the yuan had loaded as the shares traded. They fall as the price rises.
    prices = [round(3.16 + 0.03 * ((i * 7) % 5 - 2) / 2, 2) for i in range(200)]
    volumes = _volumes(_tushare(prices), "601288.SH.csv")
    assert volumes[:2] == [90_000_000.0, 90_791_900.0]  # lots of 100 shares


def test_money_over_coins_in_a_narrow_range_of_prices_still_gives_way():
    # Gate's "v" (USDT) over "a" (BTC) is the day's price, 29,400 to 30,600 over 200 days.
    lines = ["t,v,c,h,l,o,a"]
    for i in range(200):
        p = 30_000 + 600 * ((i * 37) % 21 - 10) / 10
        coins = 100 + (i * 13) % 50
        lines.append(f"{1704067200 + 86400 * i},{coins * p:.2f},{p},{p + 150},{p - 150},{p - 20},{coins}")
    assert _volumes(("\n".join(lines) + "\n").encode(), "gate_btc.csv")[:3] == [100.0, 113.0, 126.0]


def test_money_over_units_of_a_pegged_price_still_gives_way():
    # A pair held to a peg (7.85 to 7.851 over 60 days, as the Hong Kong dollar to the US one): most "v"
    # over "a" lie within 1e-4 of their median, and had been taken for a scale while the bars moved as
    # much, the quote currency's worth loaded as the units traded, 7.85 times too many.
    lines = ["t,v,c,h,l,o,a"]
    for i in range(60):
        p = 7.8500 + ((i * 7) % 5) / 10_000
        units = 1000 + (i * 13) % 9 * 250
        lines.append(f"{1704067200 + 86400 * i},{units * (p + 0.00005):.4f},{p:.4f},{p + 0.0001:.4f},"
                     f"{p - 0.0001:.4f},{p:.4f},{units}")
    assert _volumes(("\n".join(lines) + "\n").encode(), "usdhkd.csv")[:3] == [1000.0, 2000.0, 3000.0]


def test_money_over_coins_on_a_few_days_gives_way_though_the_price_wanders_in_its_bars():
    # Four days: the day's average price (v over a) lies inside each bar, near its low on the day the bar
    # rose and near its high on the day it fell, so on so few rows it does not follow the bars' middles.
    # The dollars had loaded as the coins traded.
    data = (b"t,v,c,h,l,o,a\n"
            b"1704067200,5148000.0,42300.0,43000.0,41800.0,42000.0,120.0\n"
            b"1704153600,4116000.0,42900.0,43500.0,41900.0,42300.0,98.0\n"
            b"1704240000,4653000.0,42500.0,43300.0,42100.0,42900.0,110.0\n"
            b"1704326400,3852000.0,42600.0,43200.0,42000.0,42500.0,90.0\n")
    assert _volumes(data, "gate_btc.csv") == [120.0, 98.0, 110.0, 90.0]


def test_a_size_alone_is_the_units_beside_their_money():
    # "Volume" the dollars traded, "Size" the shares: the dollars had loaded as the shares, a "size"
    # anywhere in a name taken for an average trade's.
    data = (b"Date,Open,High,Low,Close,Volume,Size\n2024-01-02,50.0,51.0,49.0,50.5,50250,1000\n"
            b"2024-01-03,50.5,51.5,49.5,50.0,60600,1200\n2024-01-04,50.0,50.8,49.2,49.9,44910,900\n")
    assert _volumes(data, "stock.csv") == [1000.0, 1200.0, 900.0]
    # A trade's size is no count of units: shares over it, 50 trades a day, fall inside the bar.
    trade_size = (b"Date,Open,High,Low,Close,Volume,Trade Size\n2024-01-02,50.0,51.0,49.0,50.5,1000000,20000\n"
                  b"2024-01-03,50.5,51.5,49.5,50.0,1200000,23900\n2024-01-04,50.0,50.8,49.2,49.9,900000,18100\n")
    assert _volumes(trade_size, "stock.csv") == [1000000.0, 1200000.0, 900000.0]


@pytest.mark.parametrize("rows", [
    # No high or low: the day's average price, money over shares, is near its close. 1e303f1 made German
    # "Umsatz" beat "Number of Shares": where it is the euros traded, they had loaded as the shares.
    [("10.50", "1000", "10480.00"), ("10.60", "2000", "21300.00"), ("10.40", "1500", "15525.00")],
    # Where "Umsatz" is the shares, the count beside it is another (held): "Umsatz" stays the volume.
    [("10.50", "5000000", "1000"), ("10.60", "5000000", "2000"), ("10.40", "5000000", "1500")]])
def test_money_beside_a_close_alone_gives_way_to_the_count(rows):
    data = "Date,Close,Number of Shares,Umsatz\n" + "".join(f"0{d}.01.2024,{','.join(r)}\n"
                                                         for d, r in enumerate(rows, 2))
    assert _volumes(data.encode(), "umsatz.csv") == [1000.0, 2000.0, 1500.0]
