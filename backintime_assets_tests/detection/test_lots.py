import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

_HEAD = "日期,股票代码,开盘,收盘,最高,最低,成交量,成交额,振幅\n"
# akshare's A-share rows: 成交量 in lots of 100 shares, 成交额 in yuan (1,241,637,222.8 ÷ 90,919 ÷ 100 = 136.6).
_LOTS = ("2026-06-02,001270,133.0,134.50,135.2,132.1,80000,1075000000.0,2.31\n"
         "2026-06-03,001270,134.5,135.10,136.0,133.9,70000,946000000.0,1.55\n"
         "2026-06-04,001270,135.0,136.79,139.1,133.8,90919,1241637222.8,3.87\n")


def _load(text: str):
    data = text.encode("utf-8")
    schema = detect_bytes(data, "001270.csv")
    return schema, normalise_bytes(data, schema, "001270.csv")


def test_a_volume_in_lots_of_100_beside_the_money_traded_loads_as_shares():
    schema, r = _load(_HEAD + _LOTS)
    volume = next(c for c in schema.columns if c.canonical == "volume")
    assert volume.multiplier == 100 and volume.unit.startswith("lots of 100")
    assert r.prices_arrow.column("volume").to_pylist() == [8_000_000.0, 7_000_000.0, 9_091_900.0]
    assert r.prices_arrow.column("close").to_pylist() == [134.5, 135.1, 136.79]


def test_a_volume_in_shares_beside_the_money_traded_is_left_as_it_is():
    shares = _LOTS.replace(",80000,", ",8000000,").replace(",70000,", ",7000000,").replace(",90919,", ",9091900,")
    schema, r = _load(_HEAD + shares)
    volume = next(c for c in schema.columns if c.canonical == "volume")
    assert volume.multiplier is None and volume.unit is None
    assert r.prices_arrow.column("volume").to_pylist() == [8_000_000.0, 7_000_000.0, 9_091_900.0]


def test_a_money_column_off_by_other_than_a_lot_leaves_the_volume_as_it_is():
    # tushare's vol (lots) beside amount in thousands of yuan: money ÷ volume is a tenth of the price.
    tushare = _LOTS.replace("1075000000.0", "1075000.0").replace("946000000.0", "946000.0") \
                   .replace("1241637222.8", "1241637.2")
    schema, r = _load(_HEAD + tushare)
    assert next(c for c in schema.columns if c.canonical == "volume").multiplier is None
    assert r.prices_arrow.column("volume").to_pylist() == [80000.0, 70000.0, 90919.0]


def test_too_few_rows_to_tell_leave_the_volume_as_it_is():
    schema, _ = _load(_HEAD + _LOTS.splitlines(keepends=True)[2])
    assert next(c for c in schema.columns if c.canonical == "volume").multiplier is None


def test_a_lot_declared_without_its_size_takes_the_size_the_money_beside_it_tells():
    # "成交量(手)": lots of a size unsaid had loaded as NULL; 成交额 in yuan says a hundred shares a lot.
    schema, r = _load(_HEAD.replace(",成交量,", ",成交量(手),") + _LOTS)
    volume = next(c for c in schema.columns if c.canonical == "volume")
    assert volume.multiplier == 100 and volume.unit.startswith("lots of 100")
    assert r.prices_arrow.column("volume").to_pylist() == [8_000_000.0, 7_000_000.0, 9_091_900.0]


# COMEX gold's 100 troy ounces a contract: turnover ÷ contracts is a hundred times the price, as
# 成交额 ÷ 手 is, but the volume counts contracts (its open interest says so), no lots of shares.
_CONTRACTS = ("2024-01-02,2070.0,2080.0,2060.0,2075.0,200000,500000,41400000000\n"
              "2024-01-03,2075.0,2090.0,2070.0,2085.0,210000,510000,43680000000\n"
              "2024-01-04,2085.0,2095.0,2050.0,2055.0,250000,505000,51750000000\n")


@pytest.mark.parametrize(("rows", "volumes"), [
    ("Date,Open,High,Low,Settle,Volume,Open Interest,Turnover\n" + _CONTRACTS, [200000.0, 210000.0, 250000.0]),
    ("日期,开盘价,最高价,最低价,收盘价,成交量,持仓量,成交额\n" + _CONTRACTS, [200000.0, 210000.0, 250000.0]),
    # Dollar prices, shares and the turnover in cents: a hundredfold over the shares' worth, lots or not.
    ("Date,Open,High,Low,Close,Volume,Turnover (cents)\n"
     "2024-01-02,50.0,51.0,49.5,50.5,1000000,5030000000\n"
     "2024-01-03,50.5,51.5,50.0,51.0,1200000,6096000000\n"
     "2024-01-04,51.0,52.0,50.5,51.5,900000,4635000000\n", [1_000_000.0, 1_200_000.0, 900_000.0]),
], ids=["contracts", "contracts_zh", "cents"])
def test_a_hundredfold_money_that_is_no_lots_leaves_the_volume_as_it_is(rows, volumes):
    schema, r = _load(rows)
    assert next(c for c in schema.columns if c.canonical == "volume").multiplier is None
    assert r.prices_arrow.column("volume").to_pylist() == volumes


# Tushare's pro.daily: vol in lots of 100 shares (手), amount in thousands of yuan (千元), as its documentation says.
_TUSHARE = ("ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount\n"
            "000001.SZ,20240105,9.27,9.32,9.18,9.21,9.27,-0.06,-0.6472,1157532.45,1071923.577\n"
            "000001.SZ,20240104,9.39,9.40,9.24,9.27,9.39,-0.12,-1.2780,1159715.37,1077837.491\n"
            "000001.SZ,20240103,9.38,9.43,9.35,9.39,9.39,0.00,0.0000,1254130.43,1178313.245\n")


def test_tushares_vol_in_lots_beside_its_amount_in_thousands_loads_as_shares():
    schema, r = _load(_TUSHARE)
    volume = next(c for c in schema.columns if c.canonical == "volume")
    assert volume.name == "vol" and volume.multiplier == 100
    assert r.prices_arrow.column("volume").to_pylist() == [115753245.0, 115971537.0, 125413043.0]


def test_a_tenth_of_the_price_under_other_names_or_tushares_shares_is_no_lot():
    # Unnamed by Tushare, a tenth may be 1,000-share lots beside 萬元; Tushare's Hong Kong bars (hk_daily)
    # write vol in shares and amount in yuan.
    other = _TUSHARE.replace("ts_code,trade_date", "code,date")
    hk = ("ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount\n"
          "00700.HK,20240105,290.0,292.0,287.0,288.0,290.0,-2.0,-0.69,15000000,4320000000\n"
          "00700.HK,20240104,293.0,295.0,289.0,290.0,293.0,-3.0,-1.02,16000000,4640000000\n"
          "00700.HK,20240103,292.0,296.0,291.0,293.0,292.0,1.0,0.34,14000000,4102000000\n")
    for text in (other, hk):
        schema, r = _load(text)
        assert next(c for c in schema.columns if c.canonical == "volume").multiplier is None


def test_tushares_lots_beside_an_amount_rescaled_to_yuan_still_load_as_shares():
    # Review of 3a24faf: a copy whose amount was rescaled to yuan by hand ("amount * 1000"), read in thousands
    # alone, made no lots: its vol loaded as shares, a hundredth of them, where before it loaded right.
    rows = _TUSHARE.splitlines()
    yuan = "\n".join([rows[0]] + [r.rsplit(",", 1)[0] + "," + str(round(float(r.rsplit(",", 1)[1]) * 1000))
                                  for r in rows[1:]]) + "\n"
    schema, r = _load(yuan)
    assert next(c for c in schema.columns if c.canonical == "volume").multiplier == 100
    assert r.prices_arrow.column("volume").to_pylist() == [115753245.0, 115971537.0, 125413043.0]
    # vol in shares beside amount in thousands: shares, as they are.
    shares = "\n".join([rows[0]] + [",".join(f[:9] + [str(round(float(f[9]) * 100)), f[10]])
                                    for f in (r.split(",") for r in rows[1:])]) + "\n"
    schema, r = _load(shares)
    assert next(c for c in schema.columns if c.canonical == "volume").multiplier is None
    assert r.prices_arrow.column("volume").to_pylist() == [115753245.0, 115971537.0, 125413043.0]
