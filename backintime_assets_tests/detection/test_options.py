import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.options import option_problem
from backintime_assets.detection.statements import not_prices
from backintime_assets.normalisation import normalise_bytes


def test_an_option_settlement_row_under_no_contracts_name_is_refused():
    # ICE's settlement file of Brent options: the call's premium 0.25 had loaded as a close under the
    # file's name.
    data = ("TRADE DATE|HUB|PRODUCT|STRIP|CONTRACT|CONTRACT TYPE|STRIKE|SETTLEMENT PRICE|NET CHANGE|EXPIRATION DATE\n"
            "5/10/2018|North Sea|Brent Crude Futures|10/1/2018|B|C|100.0000|0.25000|0.01000|8/28/2018\n").encode()
    schema = detect_bytes(data, "icecleared_oil.dat")
    assert not_prices(schema.problem) and "STRIKE" in schema.problem
    assert normalise_bytes(data, schema, "icecleared_oil.dat").prices_arrow.num_rows == 0


def test_strikes_of_one_underlying_and_day_are_several_contracts():
    names = ["Date", "Symbol", "Strike", "Type", "Last"]
    canonical = ["date", "ticker", None, None, "close"]
    chain = [["2024-03-08", "AAPL", "170", "C", "5.10"], ["2024-03-08", "AAPL", "175", "C", "2.40"]]
    assert "several contracts" in option_problem(names, canonical, chain)
    # A call and a put of one strike are two contracts too.
    assert option_problem(names, canonical, [["2024-03-08", "AAPL", "170", "C", "5.10"],
                                             ["2024-03-08", "AAPL", "170", "P", "1.20"]]) is not None
    # Each row's contract named by its own symbol, or one warrant's strike day after day: series of their own.
    named = [["2024-03-08", "AAPL240315C00170000", "170", "C", "5.10"],
             ["2024-03-08", "AAPL240315C00175000", "175", "C", "2.40"]]
    assert option_problem(names, canonical, named) is None
    warrant = [["2024-03-07", "XYZW", "12.5", "C", "1.10"], ["2024-03-08", "XYZW", "12.5", "C", "1.15"]]
    assert option_problem(names, canonical, warrant) is None
    assert option_problem(["Date", "Close", "Volume"], ["date", "close", "volume"], [["2024-03-08", "1", "2"]]) is None


def test_a_days_options_under_their_underlyings_names_are_refused():
    # NSE's F&O bhavcopy: RELIANCE's 1500 call alone on the day had loaded its premium 44.1 as RELIANCE's close.
    names = ["INSTRUMENT", "SYMBOL", "STRIKE_PR", "OPTION_TYP", "CLOSE", "TIMESTAMP"]
    canonical = [None, "ticker", None, None, "close", "date"]
    board = [["FUTIDX", "NIFTY", "0", "XX", "12211.3", "01-JAN-2020"],
             ["OPTSTK", "RELIANCE", "1500", "CE", "44.1", "01-JAN-2020"]]
    assert "underlyings" in option_problem(names, canonical, board)
    futures = [["FUTIDX", "NIFTY", "0", "XX", "12211.3", "01-JAN-2020"],
               ["FUTIDX", "BANKNIFTY", "0", "XX", "32230.35", "01-JAN-2020"]]
    assert option_problem(names, canonical, futures) is None
    named = [["OPTSTK", "RELIANCE20JAN1500CE", "1500", "CE", "44.1", "01-JAN-2020"]]
    assert option_problem(names, canonical, named) is None


@pytest.mark.parametrize("strike", ["Basispreis", "Exercise Price", "Ausübungspreis", "Prix d'exercice", "権利行使価格",
                                    "행사가격"])
def test_a_strike_in_other_words_is_a_strike(strike):
    names = ["Datum", strike, "Typ", "Schluss"]
    canonical = ["date", None, None, "close"]
    assert option_problem(names, canonical, [["02.01.2024", "17000", "C", "312,5"],
                                             ["02.01.2024", "17100", "C", "251,0"]], decimal=",") is not None


@pytest.mark.parametrize("data", [
    b"Date,Strike,Open,High,Low,Close,Volume,Open Interest\n2024-03-04,4500,620.1,631.0,615.2,628.4,120,5400\n"
    b"2024-03-05,4500,628.0,630.5,601.3,605.9,98,5420\n2024-03-06,4500,606.0,622.0,600.0,619.3,143,5433\n",
    b"Date,Close,Exercise Price,Type,Expiry\n2024-03-04,0.125,350,C,2024-06-28\n2024-03-05,0.130,350,C,2024-06-28\n"])
def test_one_contracts_days_named_by_its_file_load(data):
    # An option's or a warrant's own history, the contract named by the file: one strike, a row a day.
    # 7d6d747 refused it with the chains, "no row naming its contract" (loud).
    schema = detect_bytes(data, "SPX_240315C04500.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "SPX_240315C04500.csv").prices_arrow.num_rows == data.count(b"\n") - 1
    # A strike's days over two expiries, or one row alone, name no contract still.
    names, canonical = ["Date", "Strike", "Expiry", "Close"], ["date", None, None, "close"]
    rolled = [["2024-03-04", "4500", "2024-03-15", "628.4"], ["2024-03-05", "4500", "2024-04-19", "640.2"]]
    assert "no row naming its contract" in option_problem(names, canonical, rolled)
    assert "no row naming its contract" in option_problem(names, canonical, rolled[:1])


@pytest.mark.parametrize("name, data, dates", [
    # An option chain (NSE's through a broker's API) and a broker's instruments dump: each contract's premium
    # had loaded as a close on its expiry day, a day not yet traded (silent).
    ("option_chain.csv", b"symbol,token,expiry,strike,type,lot_size,ltp,volume\n"
     b"NIFTY25D2324200CE,14571266,2025-12-23,24200,CE,75,1941.0,0\n"
     b"NIFTY25D2324200PE,14571522,2025-12-23,24200,PE,75,0.4,2575275\n", []),
    ("option_chain.csv", b"symbol,expiry_date,strike,type,ltp\nNIFTY25D2324200CE,2025-12-23,24200,CE,1941.0\n"
     b"NIFTY25D2324200PE,2025-12-23,24200,PE,0.4\n", []),
    ("bonds.csv", b"ISIN,Maturity Date,Price\nXS0000000001,2030-05-15,101.25\nXS0000000002,2032-11-01,98.40\n", []),
    # The trade date unnamed beside a named expiry: the expiry had been taken, the second day a duplicate
    # of the first on 2024-06-28.
    ("SPX_240315C04500.csv", b"Expiry,,Close\n2024-06-28,2024-03-04,0.125\n2024-06-28,2024-03-05,0.130\n",
     ["2024-03-04", "2024-03-05"]),
    ("ES.csv", b",Settle,Expiration Date\n2024-03-04,5100.25,2024-03-15\n2024-03-05,5110.50,2024-03-15\n",
     ["2024-03-04", "2024-03-05"]),
    # Named dates beside an expiry or a maturity load as they did.
    ("AAPL.csv", b"Date,Close,Expiry\n2024-03-04,170.1,2024-06-28\n2024-03-05,171.3,2024-06-28\n",
     ["2024-03-04", "2024-03-05"]),
    # The maturity shortened and glued to its date, as MOEX's bond lists name it: each bond's price had
    # loaded as a close on the day it matures, years ahead (silent).
    ("bonds.csv", b"secid,price,yieldsec,matdate\nRU000A0JQ7Z2,97.06,13.05,2024-07-08\n"
     b"RU000A0JQRD9,94.59,13.34,2025-01-16\n", []),
    ("bonds.csv", b"ISIN,MatDate,Price\nXS0000000001,2030-05-15,101.25\nXS0000000002,2032-11-01,98.40\n", []),
    ("bonds.csv", b"ISIN;Mat Dt;Price\nXS0000000001;2030-05-15;101.25\nXS0000000002;2032-11-01;98.40\n", []),
    ("ES.csv", b",Settle,ExpDate\n2024-03-04,5100.25,2024-03-15\n2024-03-05,5110.50,2024-03-15\n",
     ["2024-03-04", "2024-03-05"]),
    # A date whose name only begins like one ("Material", "Expected") or a short form alone stays a date.
    ("MAT.csv", b"Material Date,Close\n2024-03-04,10.5\n2024-03-05,10.7\n", ["2024-03-04", "2024-03-05"]),
    ("EXP.csv", b"Exp,Close\n2024-03-04,10.5\n2024-03-05,10.7\n", ["2024-03-04", "2024-03-05"]),
    ("UPD.csv", b"UpdateDate,Close\n2024-03-04,10.5\n2024-03-05,10.7\n", ["2024-03-04", "2024-03-05"]),
])
def test_an_expiry_or_a_maturity_is_no_trade_date(name, data, dates):
    schema = detect_bytes(data, name)
    prices = normalise_bytes(data, schema, name).prices_arrow.to_pandas()
    assert [str(d)[:10] for d in prices["date"]] == dates
