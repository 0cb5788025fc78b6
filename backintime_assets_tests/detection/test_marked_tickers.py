"""Close matrices headed by names only a ticker writes ("Date,VOD.L,BP.L"): marked_tickers.py."""
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.marked_tickers import marked_ticker
from backintime_assets.normalisation import normalise_bytes


@pytest.mark.parametrize("name,marked", [
    ("VOD.L", True), ("SAP.DE", True), ("7203.T", True), ("005930.KS", True), ("^GSPC", True), ("^N225", True),
    ("EURUSD=X", True), ("GC=F", True), ("BTC-USD", True), ("PENDLE-USD", True), ("UNI7083-USD", True),
    # A word of seven letters or more counted in a currency is a series' name, no coin's.
    ("EXPORTS-USD", False), ("IMPORTS-USD", False),
    # Nor is a ledger's or the economy's word of a coin's length; a coin's code that is a word still is one.
    ("SALES-USD", False), ("COSTS-EUR", False), ("GDP-USD", False), ("LINK-USD", True), ("DOGE-USD", True),
    ("AAPL", False), ("TMAX", False), ("Temp.C", False), ("No.1", False), ("USD-EUR", False), ("BRK-B", False),
    ("AAPL.Close", False), ("EUR/USD", True), ("EURUSD", True), ("USD / TRY", True), ("USD/USD", False),
    ("ABC/DEF", False), ("W/L", False), ("USDUSD", False),
])
def test_marked_ticker(name, marked):
    assert marked_ticker(name) is marked


@pytest.mark.parametrize("text,closes,rejected", [
    # A share's two classes are two tickers, though one symbol leads both.
    ("Date,BRK.A,BRK.B,VOD.L,BP.L\n2024-01-02,545000.5,362.5,69.5,467.0\n2024-01-03,546100.2,363.1,69.8,468.2\n",
     {("BRK.A", "2024-01-02"): 545000.5, ("BRK.A", "2024-01-03"): 546100.2, ("BRK.B", "2024-01-02"): 362.5,
      ("BRK.B", "2024-01-03"): 363.1, ("VOD.L", "2024-01-02"): 69.5, ("VOD.L", "2024-01-03"): 69.8,
      ("BP.L", "2024-01-02"): 467.0, ("BP.L", "2024-01-03"): 468.2}, []),
    # One share listed twice, London's and Nasdaq's: two tickers (refused since d3ed184).
    ("Date,AZN.L,AZN.O\n2024-01-02,10250,135.5\n2024-01-03,10300,136.1\n",
     {("AZN.L", "2024-01-02"): 10250.0, ("AZN.L", "2024-01-03"): 10300.0, ("AZN.O", "2024-01-02"): 135.5,
      ("AZN.O", "2024-01-03"): 136.1}, []),
    # In pounds, a third below Nasdaq's dollars on every row: still two listings, no open and low.
    ("Date,AZN.O,AZN.L\n2024-01-02,135.5,102.5\n2024-01-03,136.1,103.0\n",
     {("AZN.O", "2024-01-02"): 135.5, ("AZN.O", "2024-01-03"): 136.1, ("AZN.L", "2024-01-02"): 102.5,
      ("AZN.L", "2024-01-03"): 103.0}, []),
    # An empty cell is no price: its row is rejected for that ticker, with the reason.
    ("Date,VOD.L,BP.L\n2024-01-02,69.52,467.05\n2024-01-03,69.10,\n2024-01-04,68.80,469.85\n",
     {("VOD.L", "2024-01-02"): 69.52, ("VOD.L", "2024-01-03"): 69.10, ("VOD.L", "2024-01-04"): 68.80,
      ("BP.L", "2024-01-02"): 467.05, ("BP.L", "2024-01-04"): 469.85}, ["BP.L: empty row"]),
    # "BAS.DE" was cut into a ticker "DE" and "Bas" (French for a low), and the file refused.
    ("Datum;SAP.DE;BAS.DE\n02.01.2024;139,50;48,12\n03.01.2024;138,10;47,80\n04.01.2024;139,02;47,91\n",
     {("SAP.DE", "2024-01-02"): 139.50, ("SAP.DE", "2024-01-03"): 138.10, ("SAP.DE", "2024-01-04"): 139.02,
      ("BAS.DE", "2024-01-02"): 48.12, ("BAS.DE", "2024-01-03"): 47.80, ("BAS.DE", "2024-01-04"): 47.91}, []),
    ("Date,^GSPC,BTC-USD,AAPL\n2024-01-02,4742.83,45897.57,185.64\n2024-01-03,4704.81,42913.07,184.25\n",
     {("^GSPC", "2024-01-02"): 4742.83, ("^GSPC", "2024-01-03"): 4704.81, ("BTC-USD", "2024-01-02"): 45897.57,
      ("BTC-USD", "2024-01-03"): 42913.07, ("AAPL", "2024-01-02"): 185.64, ("AAPL", "2024-01-03"): 184.25}, []),
    # An index and a share Yahoo lists unmarked, of a US symbol's shape.
    ("Date,^GSPC,BRK-B\n2024-01-02,4742.83,362.5\n2024-01-03,4704.81,363.1\n",
     {("^GSPC", "2024-01-02"): 4742.83, ("^GSPC", "2024-01-03"): 4704.81, ("BRK-B", "2024-01-02"): 362.5,
      ("BRK-B", "2024-01-03"): 363.1}, []),
    # Whole yen and won, as JPX and KRX price: no counts for being whole.
    ("Date,7203.T,6758.T,005930.KS\n2024-01-04,2450.0,13775.0,71000.0\n2024-01-05,2477.0,13940.0,71300.0\n"
     "2024-01-09,2489.0,14010.0,72100.0\n",
     {("7203.T", "2024-01-04"): 2450, ("7203.T", "2024-01-05"): 2477, ("7203.T", "2024-01-09"): 2489,
      ("6758.T", "2024-01-04"): 13775, ("6758.T", "2024-01-05"): 13940, ("6758.T", "2024-01-09"): 14010,
      ("005930.KS", "2024-01-04"): 71000, ("005930.KS", "2024-01-05"): 71300, ("005930.KS", "2024-01-09"): 72100},
     []),
    ("Date,BTC-KRW,ETH-KRW\n2024-01-02,59500000,3150000\n2024-01-03,57100000,3012000\n",  # coins in whole won
     {("BTC-KRW", "2024-01-02"): 59500000, ("BTC-KRW", "2024-01-03"): 57100000, ("ETH-KRW", "2024-01-02"): 3150000,
      ("ETH-KRW", "2024-01-03"): 3012000}, []),
    # Coins in a wild week (8% on the median step, -13% on the last) still move as prices, not as volumes.
    ("Date,BTC-USD,ETH-USD,SOL-USD\n2021-01-04,31971.91,1040.23,2.36\n2021-01-05,33992.43,1100.01,2.57\n"
     "2021-01-06,36824.36,1207.11,2.66\n2021-01-07,39371.04,1225.68,2.98\n2021-01-08,40797.61,1224.20,3.26\n"
     "2021-01-11,35566.66,1090.15,2.92\n",
     {("BTC-USD", "2021-01-04"): 31971.91, ("BTC-USD", "2021-01-05"): 33992.43, ("BTC-USD", "2021-01-06"): 36824.36,
      ("BTC-USD", "2021-01-07"): 39371.04, ("BTC-USD", "2021-01-08"): 40797.61, ("BTC-USD", "2021-01-11"): 35566.66,
      ("ETH-USD", "2021-01-04"): 1040.23, ("ETH-USD", "2021-01-05"): 1100.01, ("ETH-USD", "2021-01-06"): 1207.11,
      ("ETH-USD", "2021-01-07"): 1225.68, ("ETH-USD", "2021-01-08"): 1224.20, ("ETH-USD", "2021-01-11"): 1090.15,
      ("SOL-USD", "2021-01-04"): 2.36, ("SOL-USD", "2021-01-05"): 2.57, ("SOL-USD", "2021-01-06"): 2.66,
      ("SOL-USD", "2021-01-07"): 2.98, ("SOL-USD", "2021-01-08"): 3.26, ("SOL-USD", "2021-01-11"): 2.92}, []),
    # Exchange rates side by side, each named by its pair: with a slash, a Turkish export's semicolons and
    # decimal commas, or the codes run together.
    ("Date,EUR/USD,GBP/USD,USD/JPY\n2024-01-02,1.0945,1.2623,141.95\n2024-01-03,1.0920,1.2650,143.10\n",
     {("EUR/USD", "2024-01-02"): 1.0945, ("EUR/USD", "2024-01-03"): 1.0920, ("GBP/USD", "2024-01-02"): 1.2623,
      ("GBP/USD", "2024-01-03"): 1.2650, ("USD/JPY", "2024-01-02"): 141.95, ("USD/JPY", "2024-01-03"): 143.10}, []),
    ("Tarih;USD/TRY;EUR/TRY\n02.01.2024;29,7523;32,6012\n03.01.2024;29,8120;32,5421\n04.01.2024;29,8433;32,6620\n",
     {("USD/TRY", "2024-01-02"): 29.7523, ("USD/TRY", "2024-01-03"): 29.8120, ("USD/TRY", "2024-01-04"): 29.8433,
      ("EUR/TRY", "2024-01-02"): 32.6012, ("EUR/TRY", "2024-01-03"): 32.5421, ("EUR/TRY", "2024-01-04"): 32.6620},
     []),
    ("Date,EURUSD,GBPUSD\n2024-01-02,1.0945,1.2623\n2024-01-03,1.0920,1.2650\n",
     {("EURUSD", "2024-01-02"): 1.0945, ("EURUSD", "2024-01-03"): 1.0920, ("GBPUSD", "2024-01-02"): 1.2623,
      ("GBPUSD", "2024-01-03"): 1.2650}, []),
    ("Date,USDJPY,GBPUSD\n2024-01-02,141.95,1.2623\n2024-01-03,143.10,1.2650\n",
     {("USDJPY", "2024-01-02"): 141.95, ("USDJPY", "2024-01-03"): 143.10, ("GBPUSD", "2024-01-02"): 1.2623,
      ("GBPUSD", "2024-01-03"): 1.2650}, []),
    # 1985's: the euro backfilled at 70 cents, the yen at 260 a dollar, within what a dollar has bought.
    ("Date,EUR/USD,USD/JPY\n1985-02-04,0.7021,259.20\n1985-02-05,0.7003,260.10\n",
     {("EUR/USD", "1985-02-04"): 0.7021, ("EUR/USD", "1985-02-05"): 0.7003, ("USD/JPY", "1985-02-04"): 259.20,
      ("USD/JPY", "1985-02-05"): 260.10}, []),
])
def test_close_matrix_of_marked_tickers_loads_each_as_its_close(text, closes, rejected):
    # Refused before (loud): "numbers under names written as tickers, and no name says which price".
    _loads_closes("prices.csv", text, closes, rejected)


def _loads_closes(name, text, closes, rejected):
    data = text.encode()
    schema = detect_bytes(data, name)
    result = normalise_bytes(data, schema, name)
    assert schema.problem is None
    loaded = {(t, f"{d:%Y-%m-%d}"): c for t, d, c in zip(result.prices.ticker, result.prices.date, result.prices.close)}
    assert loaded == pytest.approx(closes)
    assert list(result.rejected.reason) == rejected
    assert result.rows_read == len(result.prices) + len(result.rejected)


@pytest.mark.parametrize("text", [
    "Date,AAPL,MSFT,GOOG\n2024-01-02,185.64,370.87,138.17\n2024-01-03,184.25,370.60,138.92\n",  # CPI, GDP alike
    "DATE,TMAX,TMIN,PRCP\n2024-01-02,12.1,3.4,0.5\n2024-01-03,11.0,2.2,1.0\n",
    "Date,VOD.L,BP.L\n2024-01-02,0.012,-0.004\n2024-01-03,-0.010,0.008\n",  # returns
    "Date,GDP,CPI,^VIX\n2024-01-02,1.2,3.1,13.2\n2024-01-03,1.2,3.1,14.0\n",  # one mark among words
    "Date,VOD.L,BP.L,TOTAL\n2024-01-02,69.52,467.05,536.57\n2024-01-03,69.10,471.00,540.1\n",
    "Date,VOD.L,Temp\n2024-01-02,69.52,12.1\n2024-01-03,69.10,11.0\n",
    "Date,USD,EUR,GBP\n2024-01-02,2064.4,1880.1,1620.3\n2024-01-03,2034.2,1860.5,1605.0\n",
    # A pair's rate beside a figure of the economy: a pair vouches for no name unmarked.
    "Date,EUR/USD,CPI\n2024-01-02,1.0945,310.3\n2024-01-03,1.0920,310.3\n2024-01-04,1.0950,310.3\n",
    "Date,EURUSD,GDP\n2024-01-02,1.0945,2.1\n2024-01-03,1.0920,2.1\n2024-01-04,1.0950,2.1\n",
    # An FX desk's profit and loss per pair goes below zero; its monthly budget has no trade dates.
    "Date,EUR/USD,GBP/USD\n2024-01-02,120.5,-40.2\n2024-01-03,-30.1,80.0\n2024-01-04,15.0,22.4\n",
    "Month,EUR/USD,GBP/USD\n2024-01,1.09,1.27\n2024-02,1.08,1.26\n2024-03,1.08,1.27\n",
    # A pair alone beside a pair's named close: whose price is it? EUR/USD's close had loaded under the file's
    # name and USD/JPY's rates been left unread without a word.
    "Date,EUR/USD Close,USD/JPY\n2024-01-02,1.0945,141.95\n2024-01-03,1.0920,143.10\n",
    # A country's trade counted in dollars: loaded as two coins' closes (silent).
    "Date,EXPORTS-USD,IMPORTS-USD\n2024-01-02,1050.5,990.2\n2024-01-03,1070.7,995.1\n2024-01-04,1060.1,1001.3\n",
    # A desk's sheets by pair where no rate of the pair was ever so: implied volatilities,
    # positions in money, volumes in millions. Each had loaded as the pairs' rates (since 21b7a63).
    "Date,EUR/USD,GBP/USD,USD/JPY\n2024-01-02,7.5,8.2,10.1\n2024-01-03,7.6,8.3,10.3\n2024-01-04,7.7,8.2,10.2\n",
    "Date,EUR/USD,GBP/USD\n2024-01-02,1523400,884300\n2024-01-03,1531200,889100\n2024-01-04,1528800,887400\n",
    "Date,EURUSD,GBPUSD\n2024-01-02,152.3,88.1\n2024-01-03,153.9,89.0\n2024-01-04,153.1,88.7\n",
    # One marked name of two vouches for no figure of the economy nor a longer word: CPI, UNRATE and EXPORTS
    # had loaded as tickers' closes (silent).
    "Date,^VIX,CPI\n2024-01-02,13.2,308.4\n2024-01-03,14.0,309.1\n2024-01-04,14.1,309.9\n",
    "Date,^GSPC,UNRATE\n2024-01-02,4742.83,3.7\n2024-01-03,4704.81,3.8\n2024-01-04,4688.68,3.8\n",
    "Date,EXPORTS-USD,BTC-USD\n2024-01-02,1050.5,45897.57\n2024-01-03,1070.7,42913.07\n",
    "Date,SALES-USD,COSTS-USD\n2024-01-02,1050.5,990.2\n2024-01-03,1070.7,995.1\n2024-01-04,1060.1,1001.3\n",
    # One ticker's open, high, low and close abbreviated: ".O" and ".L" are no exchange's here.
    # Reuters' open and low of two tickers, each letter an exchange's too: the low at or below the open, a
    # percent or two, on every row. Loaded as four tickers' closes (silent, since ed008d3).
    "Date,AAPL.O,AAPL.L,MSFT.O,MSFT.L\n2024-01-02,187.15,183.89,373.86,366.50\n"
    "2024-01-03,184.22,183.43,369.01,365.18\n2024-01-04,182.15,180.88,370.66,367.25\n",
    "Date,AAPL.O,AAPL.H,AAPL.L,AAPL.C\n2024-01-02,185,186,184,185.5\n2024-01-03,185.5,187,185,186\n"
    "2024-01-04,186,188,185.5,187\n",
])
def test_look_alikes_stay_refused(text):
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "series.csv"), "series.csv")
    assert result.prices.empty and result.file_problem


@pytest.mark.parametrize("name", ["volume.csv", "ftse_adj_close.csv", "market_cap.csv", "weights_2024.csv",
                                  "market_caps.csv", "mktcap_bn.csv", "pe_ratios.csv", "ftse_eps.csv"])
def test_a_matrix_whose_file_names_another_field_stays_refused(name):
    # pandas' prices["Volume"].to_csv("volume.csv") writes the same header: its shares are no closes.
    data = b"Date,VOD.L,BP.L\n2024-01-02,69.52,467.05\n2024-01-03,69.10,471.00\n"
    result = normalise_bytes(data, detect_bytes(data, name), name)
    assert result.prices.empty and result.file_problem


@pytest.mark.parametrize("text,said", [
    # pandas' prices["Volume"].to_csv(): shares traded jump tens of percent a day, an empty cell among them.
    ("Date,VOD.L,BP.L\n2024-01-02,41208115,23041210\n2024-01-03,58120334,\n2024-01-04,36110520,17820441\n"
     "2024-01-05,49532108,30155003\n2024-01-08,33017733,21934118\n", "volumes"),
    ("Date,7203.T,6758.T\n2024-01-04,13481000,5012300\n2024-01-05,21932800,3101200\n"
     "2024-01-09,15730400,4450100\n", "volumes"),
    # An index's volume moves as little as a price, but counts whole millions.
    ("Date,^GSPC,^N225\n2009-01-02,869314816,92500000\n2009-01-05,1050356160,95100000\n"
     "2009-01-06,1079731712,97200000\n2009-01-07,1085807232,94800000\n", "million"),
    # Money traded, in a currency's units.
    ("Datum;SAP.DE;BAS.DE\n02.01.2024;212345678,50;98765432,10\n03.01.2024;151234567,20;143210987,40\n"
     "04.01.2024;280123456,90;87654321,00\n05.01.2024;190876543,30;120345678,80\n", "volumes"),
    # Returns in percent, positive in a short head.
    ("Date,VOD.L,BP.L,SHEL.L\n2024-01-02,0.42,1.35,0.08\n2024-01-03,1.21,0.12,0.77\n2024-01-04,0.05,0.64,1.92\n",
     "returns"),
    # A portfolio's weights, as shares of one and in percent: smooth, and each row adds up.
    ("Date,VOD.L,BP.L,SHEL.L\n2024-01-02,0.252,0.331,0.417\n2024-01-03,0.249,0.334,0.417\n"
     "2024-01-04,0.251,0.330,0.419\n", "weights"),
    ("Date,7203.T,6758.T\n2024-01-04,61.2,38.8\n2024-01-05,60.9,39.1\n2024-01-09,61.5,38.5\n", "weights"),
    # Positions per pair, whole millions; a book's weights per pair; trades counted per pair.
    ("Date,EUR/USD,GBP/USD\n2024-01-02,1000000,2500000\n2024-01-03,1000000,2500000\n2024-01-04,1500000,2500000\n"
     "2024-01-05,1500000,2000000\n", "million"),
    ("Date,EUR/USD,GBP/USD,USD/JPY\n2024-01-02,0.5,0.3,0.2\n2024-01-03,0.5,0.3,0.2\n2024-01-04,0.4,0.3,0.3\n"
     "2024-01-05,0.4,0.35,0.25\n", "hold still"),
    # Forward points per pair: smooth and positive, but where neither rate has ever stood (since 21b7a63).
    ("Date,EURUSD,GBPUSD\n2024-01-02,35.2,12.1\n2024-01-03,35.6,12.3\n2024-01-04,35.9,12.2\n", "forward points"),
    ("Date,EURUSD,GBPUSD,USDJPY\n2024-01-02,1523,880,2210\n2024-01-03,2210,1402,1300\n2024-01-04,980,610,2950\n"
     "2024-01-05,1870,1220,1650\n", "volumes"),
    # Shares held, still from day to day.
    ("Date,VOD.L,BP.L\n2024-01-02,12000,4500\n2024-01-03,12000,4500\n2024-01-04,12000,5000\n"
     "2024-01-05,12000,5000\n", "shares held"),
])
def test_a_matrix_of_no_closes_under_marked_tickers_is_refused_saying_why(text, said):
    # Loaded before as each ticker's closes, without a word.
    data = text.encode()
    schema = detect_bytes(data, "data.csv")
    result = normalise_bytes(data, schema, "data.csv")
    assert result.prices.empty and said in result.file_problem
    assert result.rows_read == len(result.rejected)


@pytest.mark.parametrize("header", ["date,FXUSDCAD,FXEURCAD,FXJPYCAD", "date,USDCAD,EURCAD,JPYCAD"])
def test_the_bank_of_canada_s_rates_load_by_series(header):
    # Its Valet download's series ids, "FX" before the pair, had been refused as unnamed tickers' prices.
    text = header + "\n2024-01-02,1.3316,1.4591,0.009359\n2024-01-03,1.3348,1.4580,0.009325\n"
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "boc.csv"), "boc.csv").prices
    names = header.split(",")[1:]
    assert sorted(zip(prices.ticker, prices.close)) == sorted(
        (n, v) for n, vs in zip(names, [(1.3316, 1.3348), (1.4591, 1.4580), (0.009359, 0.009325)]) for v in vs)


@pytest.mark.parametrize("name,text,closes,rejected", [
    # The ECB's eurofxref-hist.csv: units per euro, a trailing comma, "N/A" for a currency gone; its dollars
    # and yen within a euro's ranges say the euro without its name.
    ("series.csv", "Date,USD,JPY,BGN,CYP,\n2025-05-09,1.1252,163.36,1.9558,N/A,\n"
     "2025-05-08,1.1297,162.52,1.9558,N/A,\n",
     {("EUR/USD", "2025-05-09"): 1.1252, ("EUR/USD", "2025-05-08"): 1.1297, ("EUR/JPY", "2025-05-09"): 163.36,
      ("EUR/JPY", "2025-05-08"): 162.52, ("EUR/BGN", "2025-05-09"): 1.9558, ("EUR/BGN", "2025-05-08"): 1.9558},
     ["EUR/CYP: empty row", "EUR/CYP: empty row"]),
    # An extract of it, its krone at the euro's peg saying the euro.
    ("series.csv", "Date,USD,JPY,GBP,DKK\n2024-01-02,1.0956,157.72,0.86763,7.4551\n",
     {("EUR/USD", "2024-01-02"): 1.0956, ("EUR/JPY", "2024-01-02"): 157.72, ("EUR/GBP", "2024-01-02"): 0.86763,
      ("EUR/DKK", "2024-01-02"): 7.4551}, []),
    # The ECU's rates of 1985 in an ECB-named file: the yen at 245 a dollar, the pound at 1.16 dollars, as
    # far back as PER_DOLLAR reaches. Refused (no close column) while the majors' reach began in 1999.
    ("ecb_1985.csv", "Date,USD,JPY,GBP\n1985-01-02,0.7612,191.2,0.6589\n1985-01-03,0.7598,190.8,0.6577\n",
     {("EUR/USD", "1985-01-02"): 0.7612, ("EUR/USD", "1985-01-03"): 0.7598, ("EUR/JPY", "1985-01-02"): 191.2,
      ("EUR/JPY", "1985-01-03"): 190.8, ("EUR/GBP", "1985-01-02"): 0.6589, ("EUR/GBP", "1985-01-03"): 0.6577}, []),
    # Poland's NBP: zlotys per unit, the file's name in Polish.
    ("kursy.csv", "data,1 USD,1 EUR,1 GBP\n20231229,3.935,4.348,4.9997\n20240102,3.9432,4.3434,5.0152\n",
     {("USD/PLN", "2023-12-29"): 3.935, ("USD/PLN", "2024-01-02"): 3.9432, ("EUR/PLN", "2023-12-29"): 4.348,
      ("EUR/PLN", "2024-01-02"): 4.3434, ("GBP/PLN", "2023-12-29"): 4.9997, ("GBP/PLN", "2024-01-02"): 5.0152},
     []),
    # Its special drawing right among the currencies (real files round 49: "no close column").
    ("kursy.csv", "date,USD,EUR,XDR\n2024-01-02,3.9432,4.3434,5.2608\n2024-01-03,3.9909,4.3646,5.3010\n",
     {("USD/PLN", "2024-01-02"): 3.9432, ("USD/PLN", "2024-01-03"): 3.9909, ("EUR/PLN", "2024-01-02"): 4.3434,
      ("EUR/PLN", "2024-01-03"): 4.3646, ("XDR/PLN", "2024-01-02"): 5.2608, ("XDR/PLN", "2024-01-03"): 5.3010},
     []),
    # The CNB's korunas, in decimal commas, the yen's per 100: loaded as the rate of one.
    ("cnb_2024.txt", "Datum|1 AUD|100 JPY|1 USD\n02.01.2024|15,123|15,871|22,378\n03.01.2024|15,201|15,902|22,512\n",
     {("AUD/CZK", "2024-01-02"): 15.123, ("AUD/CZK", "2024-01-03"): 15.201, ("JPY/CZK", "2024-01-02"): 0.15871,
      ("JPY/CZK", "2024-01-03"): 0.15902, ("USD/CZK", "2024-01-02"): 22.378, ("USD/CZK", "2024-01-03"): 22.512},
     []),
])
def test_a_central_banks_rates_by_currency_load_as_pairs(name, text, closes, rejected):
    # Refused before (loud): "Date,USD,JPY" may be amounts by currency, and "USD" says no pair.
    _loads_closes(name, text, closes, rejected)


@pytest.mark.parametrize("name,text", [
    # Amounts by currency: a sales split, a budget, balances in large units, positions going below zero.
    ("series.csv", "Date,USD,EUR\n2024-01-02,1.10,1.00\n2024-01-03,1.09,1.00\n2024-01-04,1.11,1.00\n"),
    ("series.csv", "Date,USD,JPY,GBP\n2024-01-02,1200.5,180000,950.2\n2024-01-03,1310.0,175000,990.4\n"),
    ("series.csv", "Month,USD,GBP,JPY\n2024-01,1.10,0.86,160.1\n2024-02,1.08,0.85,161.3\n"),
    ("ecb.csv", "Date,USD,JPY,GBP\n2024-01-02,1.10,-160.2,0.86\n2024-01-03,1.09,161.0,0.86\n"),
    ("ecb.csv", "Date,USD,JPY,GBP\n2024-01-02,1523,880,2210\n2024-01-03,2210,1402,1300\n"
     "2024-01-04,980,610,2950\n2024-01-05,1870,1220,1650\n"),
    # Each currency's growth from 1, its dollars as a euro's might be: its yen are no euro's.
    ("series.csv", "Date,USD,GBP,JPY\n2024-01-02,1.00,1.00,1.00\n2024-01-03,1.01,0.99,1.02\n"),
    # Whose zlotys, korunas or dollars? No name says the currency the rates are counted in.
    ("series.csv", "data,1 USD,1 EUR,1 GBP\n20231229,3.935,4.348,4.9997\n20240102,3.9432,4.3434,5.0152\n"),
    ("series.csv", "Date,EUR,JPY,GBP\n2024-01-02,1.10,141.9,1.27\n2024-01-03,1.09,143.1,1.26\n"),
    # Rates per pound, per franc, per dollar, no euro's column: they cross as a euro's would, the euro
    # unnamed. Only a peg to the euro (the lev's 1.9558) says the euro.
    ("series.csv", "Date,USD,JPY,CHF,AUD\n2024-01-02,1.2645,179.21,1.0745,1.8712\n"
     "2024-01-03,1.2632,180.12,1.0771,1.8801\n"),
    ("series.csv", "Date,USD,JPY,GBP,CAD\n2024-01-02,1.1765,166.8,0.9264,1.5601\n"
     "2024-01-03,1.1720,167.5,0.9250,1.5620\n"),
    ("series.csv", "Date,USD,JPY,GBP,CHF\n2024-01-02,1.0,141.6,0.7874,0.8501\n"
     "2024-01-03,1.0,142.9,0.7890,0.8534\n"),
    # Per franc at parity (2023), its krone just beside the euro's peg.
    ("series.csv", "Date,USD,JPY,GBP,DKK\n2023-01-02,1.0815,141.6,0.8941,7.5301\n"
     "2023-01-03,1.0790,142.0,0.8950,7.5410\n"),
    ("series.csv", "Date,USD,JPY,BGN,CHF\n2024-01-02,1.2645,179.21,2.2866,1.0745\n"
     "2024-01-03,1.2632,180.12,2.2901,1.0771\n"),
    # The Bank of England's spot rates per pound, the SNB's per franc: no name says the currency.
    ("boe_spot.csv", "Date,USD,EUR,JPY,CHF\n2024-01-02,1.2645,1.1541,179.21,1.0745\n"
     "2024-01-03,1.2632,1.1560,180.12,1.0771\n"),
    ("snb_devisen.csv", "Date,USD,EUR,GBP,JPY\n2024-01-02,0.8501,0.9312,1.0745,0.6012\n"
     "2024-01-03,0.8534,0.9301,1.0790,0.6032\n"),
    # Balances by currency in a file named as rates: a pound worth less than a dollar is no rate's.
    ("kursy.csv", "Date,USD,EUR,GBP\n2024-01-02,2064.4,1880.1,1620.3\n2024-01-03,2034.2,1860.5,1605.0\n"),
    # A currency of the office's own among its columns: no rate of it.
    ("kursy.csv", "data,USD,EUR,PLN\n20231229,3.935,4.348,1\n20240102,3.9432,4.3434,1\n"),
])
def test_amounts_by_currency_stay_refused(name, text):
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, name), name)
    assert result.prices.empty and result.file_problem


@pytest.mark.parametrize("text,tickers", [
    # A close no ticker names beside a matrix of coins: PRICE had loaded alone as the file's, the coins unread.
    ("Date,BTC-USD,ETH-USD,PRICE\n2024-01-02,45897.6,2370.4,55.93\n2024-01-03,42848.2,2210.0,56.13\n"
     "2024-01-04,44179.9,2268.8,56.40\n", None),
    # A share's close beside one benchmark or indices only, or beside a matrix of no marked names: as before.
    ("Date,Close,^GSPC\n2024-01-02,185.64,4742.83\n2024-01-03,184.25,4704.81\n2024-01-04,181.91,4688.68\n",
     ["AAPL"]),
    ("Date,Close,^GSPC,^IXIC\n2024-01-02,185.64,4742.83,14765.94\n2024-01-03,184.25,4704.81,14592.21\n"
     "2024-01-04,181.91,4688.68,14510.30\n", ["AAPL"]),
    ("Date,Close,CPI,GDP\n2024-01-02,185.64,3.1,2.4\n2024-01-03,184.25,3.1,2.4\n2024-01-04,181.91,3.1,2.4\n",
     ["AAPL"]),
])
def test_a_close_no_ticker_names_beside_marked_closes_is_refused(text, tickers):
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "AAPL.csv"), "AAPL.csv")
    if tickers is None:
        assert result.prices.empty and "a close no ticker names" in result.file_problem
    else:
        assert sorted(set(result.prices["ticker"])) == tickers


def _monthly_beside(name: str, month_step: float) -> str:
    # 30 days of an index beside `name`'s values, which change only when the month does.
    rows, vix = [], 18.0
    for k in range(30):
        vix *= 1.04 if k % 3 else 0.95
        rows.append(f"2023-{1 + k // 20:02d}-{1 + k % 20:02d},{vix:.2f},{50 + month_step * (k // 20):.1f}")
    return f"Date,^VIX,{name}\n" + "\n".join(rows) + "\n"


def test_an_unmarked_name_holding_still_beside_a_marked_one_is_no_ticker():
    # A monthly survey's figure written on each day of its month beside an index had loaded as the closes
    # of a ticker "ISMX" (silent).
    data = _monthly_beside("ISMX", 1.5).encode()
    result = normalise_bytes(data, detect_bytes(data, "data.csv"), "data.csv")
    assert result.prices.empty and "ISMX, a name no mark says a ticker's, holds still" in result.file_problem
    # A marked name holding still is a thin listing's price: it loads.
    data = _monthly_beside("TINY.L", 1.5).encode()
    result = normalise_bytes(data, detect_bytes(data, "data.csv"), "data.csv")
    assert sorted(set(result.prices["ticker"])) == ["TINY.L", "^VIX"]


def _beside_index(name: str, own: list[float]) -> str:
    # 60 weekdays of an index beside `name`'s values.
    days = [d for d in (date(2023, 1, 2) + timedelta(k) for k in range(90)) if d.weekday() < 5][:60]
    index = [4000 * (1.01 if k % 3 else 0.985) ** k for k in range(60)]
    return f"Date,^GSPC,{name}\n" + "".join(f"{d},{i:.2f},{v:.2f}\n" for d, i, v in zip(days, index, own))


@pytest.mark.parametrize("own", [
    [12 + k / 10 for k in range(10)] + [12.9] * 50,  # a share halted after its tenth day
    [5 + k // 5 / 10 for k in range(60)],  # a thin share, traded on one day in five
    [1.0] * 60,  # a money market fund at its dollar
], ids=["halted", "thin", "money_market"])
def test_an_unmarked_share_holding_still_on_days_of_its_own_loads(own):
    # Refused since c4f365a as a monthly figure written on every day (loud), where each had loaded right.
    data = _beside_index("SIVB", own).encode()
    result = normalise_bytes(data, detect_bytes(data, "data.csv"), "data.csv")
    assert result.file_problem is None
    loaded = result.prices[result.prices["ticker"] == "SIVB"]
    assert loaded["close"].round(2).tolist() == [round(v, 2) for v in own]
