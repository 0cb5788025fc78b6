"""A column of listing codes beside a column of company names is the ticker, not the long names."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

# vn_stock_prediction's historical_data.csv, shortened: the code under a misspelt "ticket".
COTEC = (b"date,change_per,close,high,index,low,name,open,ticket,volume\n"
         b"2019-06-14,-1.92,102300.0,104300.0,VN 30 (VNI30),102000.0,Cotec Construction JSC,102500.0,CTD,468500.0\n"
         b"2019-06-13,-1.51,104300.0,106300.0,VN 30 (VNI30),104300.0,Cotec Construction JSC,105900.0,CTD,342200.0\n"
         b"2019-06-12,-0.19,105900.0,106800.0,VN 30 (VNI30),105900.0,Cotec Construction JSC,106000.0,CTD,286300.0\n")


def tickers(data: bytes, name: str = "historical_data.csv") -> list[str]:
    schema = detect_bytes(data, name)
    assert schema.problem is None, schema.problem
    return normalise_bytes(data, schema, name).prices.ticker.tolist()


def test_the_code_beside_a_company_s_name_is_the_ticker():
    # Had loaded as "COTEC CONSTRUCTION JSC", the long name a weak synonym ("name") made the ticker.
    assert tickers(COTEC) == ["CTD"] * 3


def test_codes_beside_several_companies_names_are_their_tickers():
    data = (b"Date,Company,Tick,Close\n2024-01-02,Apple Inc,AAPL,185.6\n2024-01-02,Microsoft Corp,MSFT,370.9\n"
            b"2024-01-03,Apple Inc,AAPL,184.2\n2024-01-03,Microsoft Corp,MSFT,370.6\n")
    assert tickers(data) == ["AAPL", "MSFT", "AAPL", "MSFT"]


@pytest.mark.parametrize("data", [
    # A market, a currency, a rating, a call beside one company's name: the same one to one, no code.
    b"Date,Name,Exchange,Close\n2024-01-02,Apple Inc,NASDAQ,185.6\n2024-01-03,Apple Inc,NASDAQ,184.2\n",
    b"Date,Name,San,Close\n2024-01-02,Cotec Construction,HOSE,185.6\n2024-01-03,Cotec Construction,HOSE,184.2\n",
    b"Date,Name,Qtr,Close\n2024-01-02,Apple Inc,2024Q1,185.6\n2024-01-03,Apple Inc,2024Q1,184.2\n",
    b"Date,Name,Ccy,Close\n2024-01-02,Apple Inc,USD,185.6\n2024-01-03,Apple Inc,USD,184.2\n",
    b"Date,Name,Rtg,Close\n2024-01-02,Apple Inc,AA,185.6\n2024-01-03,Apple Inc,AA,184.2\n",
    b"Date,Name,Call,Close\n2024-01-02,Apple Inc,BUY,185.6\n2024-01-03,Apple Inc,BUY,184.2\n",
    # Two columns of codes: which is the company's?
    b"Date,Name,A1,B1,Close\n2024-01-02,Apple Inc,AAPL,XNAS1,185.6\n2024-01-03,Apple Inc,AAPL,XNAS1,184.2\n",
    # A code column that does not go with the names one to one (two companies under one code).
    b"Date,Name,Grp,Close\n2024-01-02,Apple Inc,TECH,185.6\n2024-01-02,Microsoft Corp,TECH,370.9\n",
])
def test_no_code_column_leaves_the_names(data):
    loaded = tickers(data)
    assert len(loaded) == data.count(b"\n") - 1 and all(" " in t for t in loaded)


@pytest.mark.parametrize(("header", "code"), [
    # Beside one company's name any constant pairs one to one: a country's, an ISIN, an account, a broker, a
    # sector, a timeframe. Each had loaded as the ticker, every US company's file as one security US.
    ("Ctry", "US"), ("Domicile", "US"), ("Id", "US0378331005"), ("Acct", "U1234567"), ("Broker", "IBKR"),
    ("Sect", "TECH"), ("Tf", "1D"), ("Trader", "JSM"), ("Listing", "XNAS"),
])
def test_a_code_column_not_called_a_ticker_leaves_the_name(header, code):
    data = f"Date,Name,{header},Close\n2024-01-02,Apple Inc,{code},185.6\n2024-01-03,Apple Inc,{code},184.2\n"
    assert tickers(data.encode()) == ["APPLE INC"] * 2


def test_codes_beside_several_companies_are_no_tickers_unless_called_so():
    # Countries (or sectors, venues) one to one with a few companies by chance: had loaded as US, JP, DE.
    data = "".join(f"2024-01-0{d},{n},{c},{p}\n" for d in (2, 3)
                   for n, c, p in (("Apple Inc", "US", 185.1), ("Toyota Motor", "JP", 2500.0), ("SAP SE", "DE", 140.2)))
    names = ["APPLE INC", "SAP SE", "TOYOTA MOTOR"]
    assert sorted(set(tickers(("Date,Company,Ctry,Close\n" + data).encode()))) == names
    assert sorted(set(tickers(("Date,Company,Tiker,Close\n" + data).encode()))) == ["DE", "JP", "US"]


def test_a_name_column_of_codes_stays_the_ticker():
    data = b"Date,Name,Desc,Close\n2024-01-02,AAPL,APPLE,185.6\n2024-01-03,AAPL,APPLE,184.2\n"
    assert tickers(data) == ["AAPL", "AAPL"]
