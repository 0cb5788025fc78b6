"""Close matrices headed by names only a ticker writes ("Date,VOD.L,BP.L"): marked_tickers.py."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.marked_tickers import marked_ticker
from backintime_assets.normalisation import normalise_bytes


@pytest.mark.parametrize("name,marked", [
    ("VOD.L", True), ("SAP.DE", True), ("7203.T", True), ("005930.KS", True), ("^GSPC", True), ("^N225", True),
    ("EURUSD=X", True), ("GC=F", True), ("BTC-USD", True),
    ("AAPL", False), ("TMAX", False), ("Temp.C", False), ("No.1", False), ("USD-EUR", False), ("BRK-B", False),
    ("AAPL.Close", False),
])
def test_marked_ticker(name, marked):
    assert marked_ticker(name) is marked


@pytest.mark.parametrize("text,closes,rejected", [
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
])
def test_close_matrix_of_marked_tickers_loads_each_as_its_close(text, closes, rejected):
    # Refused before (loud): "numbers under names written as tickers, and no name says which price".
    data = text.encode()
    schema = detect_bytes(data, "prices.csv")
    result = normalise_bytes(data, schema, "prices.csv")
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
])
def test_look_alikes_stay_refused(text):
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "series.csv"), "series.csv")
    assert result.prices.empty and result.file_problem


@pytest.mark.parametrize("name", ["volume.csv", "ftse_adj_close.csv", "market_cap.csv", "weights_2024.csv"])
def test_a_matrix_whose_file_names_another_field_stays_refused(name):
    # pandas' prices["Volume"].to_csv("volume.csv") writes the same header: its shares are no closes.
    data = b"Date,VOD.L,BP.L\n2024-01-02,69.52,467.05\n2024-01-03,69.10,471.00\n"
    result = normalise_bytes(data, detect_bytes(data, name), name)
    assert result.prices.empty and result.file_problem
