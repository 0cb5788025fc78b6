"""A file's header that names its one ticker: yfinance's "Ticker" row, a Bloomberg security label."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.canonical import SIDE_BY_SIDE
from backintime_assets.detection.header_ticker import header_ticker, labelled_ticker
from backintime_assets.detection.names_above import NAMES_ABOVE
from backintime_assets.normalisation import normalise_bytes

ROWS = ("2024-01-02,184.53,186.86,182.88,185.62,82488700\n2024-01-03,183.15,184.67,182.78,183.06,58414500\n"
        "2024-01-04,180.91,182.09,179.12,181.91,71983600\n2024-01-05,181.18,182.76,180.17,181.99,62303300\n")
FIELDS = "Close,High,Low,Open,Volume"


def _ticker(text: str, name: str = "prices.csv") -> str | None:
    schema = detect_bytes(text.encode(), name)
    assert schema.problem is None and {"date", "close"} <= {c.canonical for c in schema.columns}
    return schema.ticker


@pytest.mark.parametrize("header, ticker", [
    (f"Price,{FIELDS}\nTicker,AAPL,AAPL,AAPL,AAPL,AAPL\nDate,,,,,\n", "AAPL"),  # yfinance >= 0.2.51
    (f"Price,{FIELDS}\nTicker,7203.T,7203.T,7203.T,7203.T,7203.T\nDate,,,,,\n", "7203.T"),
    (f"Price,{FIELDS}\nSymbol,MSFT,MSFT,MSFT,MSFT,MSFT\nDate,,,,,\n", "MSFT"),
    (f",{FIELDS}\n,AAPL,AAPL,AAPL,AAPL,AAPL\nDate,,,,,\n", "AAPL"),  # the levels without names
    (f"Price,{FIELDS}\nTicker,^GSPC,^GSPC,^GSPC,^GSPC,^GSPC\n", "^GSPC"),  # only the first two rows
    ("AAPL US Equity,,,,,\nDate,PX_LAST,PX_HIGH,PX_LOW,PX_OPEN,PX_VOLUME\n", "AAPL US Equity"),  # Bloomberg
    (",AAPL US Equity,,,,\nDate,PX_LAST,PX_HIGH,PX_LOW,PX_OPEN,PX_VOLUME\n", "AAPL US Equity"),
])
def test_a_header_row_naming_the_ticker_names_the_files_rows(header, ticker):
    assert _ticker(header + ROWS) == ticker


@pytest.mark.parametrize("date_row", ["Date,,,,,\n", ""])
@pytest.mark.parametrize("code", ["000333", "2330", "005930"])
def test_a_ticker_row_of_a_numbered_code_is_the_headers_not_a_data_row(code, date_row):
    # pandas' export of a Shenzhen, Taipei or Seoul code: "Ticker,000333,..." reads as prices. Taken
    # for a data row, it cut "Price,Close,High,Low,Open" off: the file read headerless, its columns by
    # position, and each row's open loaded as its close under the file's name.
    text = f"Price,{FIELDS}\nTicker,{code},{code},{code},{code},{code}\n{date_row}" + ROWS
    assert _ticker(text) == code
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "data.csv"), "data.csv")
    prices = result.prices
    assert list(prices["ticker"].unique()) == [code]
    assert list(prices["close"]) == [184.53, 183.15, 180.91, 181.18]
    assert list(prices["open"]) == [185.62, 183.06, 181.91, 181.99]


def test_a_ticker_row_of_numbered_codes_over_two_tickers_heads_their_columns():
    text = ("Price,Close,Close,Open,Open\nTicker,000333,600519,000333,600519\nDate,,,,\n"
            "2016-03-29,29.99,180.5,30.75,181.0\n2016-03-30,30.53,182.1,30.16,180.7\n"
            "2016-03-31,30.85,183.0,30.68,182.0\n2016-04-01,30.59,181.9,31.00,183.2\n")
    prices = normalise_bytes(text.encode(), detect_bytes(text.encode(), "data.csv"), "data.csv").prices
    by_ticker = {t: list(g["close"]) for t, g in prices.groupby("ticker")}
    assert by_ticker == {"000333": [29.99, 30.53, 30.85, 30.59], "600519": [180.5, 182.1, 183.0, 181.9]}
    assert list(prices[prices["ticker"] == "000333"]["open"]) == [30.75, 30.16, 30.68, 31.0]


def test_a_numbered_ticker_row_in_a_workbook_is_the_headers_too():
    # pandas' to_excel of the same frame: the sheet stores no trailing empty cell, so its "Date" row
    # is one cell wide, and the ticker row of numbers above it was taken for the first data row.
    import io

    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    for line in f"Price,{FIELDS}\nTicker,000333,000333,000333,000333,000333".splitlines():
        ws.append(line.split(","))
    ws.append(["Date"])
    for line in ROWS.splitlines():
        date, *values = line.split(",")
        ws.append([date, *map(float, values)])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    schema = detect_bytes(data, "data.xlsx")
    assert schema.ticker == "000333"
    prices = normalise_bytes(data, schema, "data.xlsx").prices
    assert list(prices["ticker"].unique()) == ["000333"]
    assert list(prices["close"]) == [184.53, 183.15, 180.91, 181.18]
    assert list(prices["open"]) == [185.62, 183.06, 181.91, 181.99]


LONG = ("{t},2024-01-02,45.10,46.20,44.90,45.80,1200300\n{t},2024-01-03,45.80,47.00,45.50,46.90,1300400\n"
        "{t},2024-01-04,46.90,47.10,46.00,46.20,1100200\n{t},2024-01-05,46.20,46.50,45.10,45.30,1000100\n")


@pytest.mark.parametrize("header, tickers", [
    ("Symbol,Date,Open,High,Low,Close,Volume\n", ["SC", "SCHW"]),
    ("", ["SYM"]),  # no header: the rows alone
])
def test_a_data_row_whose_ticker_is_spelled_as_the_ticker_column_stays_data(header, tickers):
    # Symbotic's "SYM", Santander Consumer's "SC" name the ticker column too; first in a long table,
    # their row (a date, prices) was taken for a header's ticker row of numbered codes: the file was
    # refused for "no close column", a row of it lost from the count.
    text = header + "".join(LONG.format(t=t) for t in tickers)
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "data.csv"), "data.csv")
    assert result.file_problem is None and result.rows_read == 4 * len(tickers) and len(result.rejected) == 0
    prices = result.prices
    assert sorted(prices["ticker"].unique()) == tickers
    assert list(prices["close"])[:4] == [45.80, 46.90, 46.20, 45.30]


@pytest.mark.parametrize("header", [
    f"Daily prices\nDate,{FIELDS}\n",  # a title over the fields
    f"Daily prices,,,,,\nDate,{FIELDS}\n",
    f"AAPL\nDate,{FIELDS}\n",  # a sheet's or a title's name, however ticker-like
    f"Price,{FIELDS}\nCurrency,USD,USD,USD,USD,USD\nDate,,,,,\n",  # their currency
    f",{FIELDS}\n,USD,USD,USD,USD,USD\nDate,,,,,\n",
    f",{FIELDS}\n,Yahoo,Yahoo,Yahoo,Yahoo,Yahoo\nDate,,,,,\n",  # an unnamed row of words: a source
    f"Price,{FIELDS}\nName,Apple Inc,Apple Inc,Apple Inc,Apple Inc,Apple Inc\nDate,,,,,\n",  # a company's name
    f"Price,{FIELDS}\nTicker,AAPL,AAPL,AAPL,AAPL,\nDate,,,,,\n",  # not over every price column
    f"Date,{FIELDS}\n",
    # A capitals row of no name under a header that names the date itself is not pandas' unnamed
    # level: an exchange's, a source's, an adjustment's (they loaded as NASDAQ, YAHOO, UNADJUSTED).
    f"Date,{FIELDS}\n,NASDAQ,NASDAQ,NASDAQ,NASDAQ,NASDAQ\n",
    f"Date,{FIELDS}\n,YAHOO,YAHOO,YAHOO,YAHOO,YAHOO\n",
    f"Date,{FIELDS}\n,UNADJUSTED,UNADJUSTED,UNADJUSTED,UNADJUSTED,UNADJUSTED\n",
])
def test_no_row_naming_itself_the_ticker_row_leaves_the_file_its_name(header):
    assert _ticker(header + ROWS) is None


@pytest.mark.parametrize("header", [
    f",{FIELDS}\n,2024,2024,2024,2024,2024\nDate,,,,,\n",  # an unnamed row of a year
    f"Price,{FIELDS}\nTicker,AAPL,AAPL,AAPL,AAPL,AAPL,Close\nDate,,,,,\n",
])
def test_a_header_the_rows_under_it_cut_off_names_no_ticker_and_refuses_the_file(header):
    # The row of years (a data row's look) or the wider ticker row ended the header search: the
    # file read headerless, its prices by position, the close named above left of the open. Loaded,
    # each row's open was its close; now refused for the names above (names_above.py).
    schema = detect_bytes((header + ROWS).encode(), "data.csv")
    assert schema.ticker is None and schema.problem.startswith(NAMES_ABOVE)


def test_two_rows_naming_two_tickers_name_none():
    rows = [["Price", "Close", "Volume"], ["Ticker", "AAPL", "AAPL"], ["Symbol", "MSFT", "MSFT"]]
    assert header_ticker(rows, ["date", "close", "volume"], lambda: None) is None
    assert header_ticker(rows[:2], ["date", "close", "volume"], lambda: None) == "AAPL"


def test_a_file_with_a_ticker_column_or_several_tickers_takes_none():
    assert _ticker("Date,Ticker,Close\n2024-01-02,AAPL,184.53\n2024-01-03,AAPL,183.15\n"
                   "2024-01-04,AAPL,180.91\n") is None
    wide = "Price,Close,Close\nTicker,AAPL,MSFT\nDate,,\n2024-01-02,184.53,367.75\n2024-01-03,183.15,367.38\n"
    schema = detect_bytes(wide.encode(), "data.csv")
    assert schema.ticker is None and {c.series for c in schema.columns} == {None, "AAPL", "MSFT"}


@pytest.mark.parametrize("first, second", [
    ("AAPL US Equity,,,,,\nDate,PX_LAST,PX_HIGH,PX_LOW,PX_OPEN,PX_VOLUME\n",
     "MSFT US Equity,,,,,\nDate,PX_LAST,PX_HIGH,PX_LOW,PX_OPEN,PX_VOLUME\n"),
    (f"Price,{FIELDS}\nTicker,AAPL,AAPL,AAPL,AAPL,AAPL\nDate,,,,,\n",
     f"Price,{FIELDS}\nTicker,MSFT,MSFT,MSFT,MSFT,MSFT\nDate,,,,,\n"),
])
def test_tables_stacked_each_under_its_own_tickers_header_load_each_under_its_own(first, second):
    # A sheet of several securities one below the other, both inside detection's sample: the header
    # recurring took the ticker away, and the two months loaded as one security under the file's
    # name. The first table's ticker is the header's; the next one's is named by its own header
    # (normalisation/stacked_tables.py), as in a file whose second table lies past the sample.
    def month(m: int) -> str:
        return "".join(f"2024-{m:02d}-{d:02d},18{d}.5,18{d}.9,17{d}.1,18{d}.0,{d}000\n" for d in range(10, 29))
    text = first + month(1) + second + month(2)
    assert _ticker(text) == _ticker(first + month(1)) is not None
    out = normalise_bytes(text.encode(), detect_bytes(text.encode(), "data.csv"), "data.csv")
    named = [t.split()[0] for t in out.prices_arrow["ticker"].to_pylist()]
    weekdays = 13  # of each month's 19 days
    assert named == ["AAPL"] * weekdays + ["MSFT"] * weekdays


@pytest.mark.parametrize("between", [
    "#N/A Requesting Data...\n",  # a sheet saved while its formulas still fetched
    "#N/A Requesting Data...,,,,,\n", ",#N/A N/A,#N/A N/A,,,\n", "#NAME?\n",
])
def test_a_bloomberg_label_over_placeholders_or_blanks_names_the_rows(between):
    # Two lines above the header, a row of "#N/A Requesting Data..." between: the rows had loaded under
    # the file's name (PRICES) beside the label's security.
    text = f"AAPL US Equity\n{between}Date,PX_LAST,PX_HIGH,PX_LOW,PX_OPEN,PX_VOLUME\n{ROWS}"
    assert _ticker(text) == "AAPL US Equity"
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "prices.csv"), "prices.csv")
    assert set(result.prices.ticker) == {"AAPL US EQUITY"} and len(result.prices) == 4


@pytest.mark.parametrize("above", [
    "AAPL US Equity\nDaily prices\n",  # a title between: the label is not the header's
    "AAPL US Equity\n\n#N/A Requesting Data...\n",  # a blank line sets a title off (test_detect.py)
    "AAPL US Equity\n#N/A\n#N/A\n#N/A\n#N/A\n",  # further than placeholders reach
    "#N/A Requesting Data...\n",  # nothing over the placeholder
])
def test_a_label_past_a_line_of_its_own_or_far_above_names_nothing(above):
    assert _ticker(f"{above}Date,PX_LAST,PX_HIGH,PX_LOW,PX_OPEN,PX_VOLUME\n{ROWS}") is None


def test_a_bloomberg_export_saved_while_fetching_loads_under_its_label():
    # The layout of a Bloomberg CSV a loader's tests write (a range, a blank row, the label in the second
    # cell, a row of "#N/A Requesting Data..." under it, then the BDH header): loaded as the file's name.
    text = ("????,01/01/2020,,,,\n????,31/12/2020,,,,\n,,,,,\n,QQQ US Equity,,,,\n"
            ",#N/A Requesting Data...,#N/A Requesting Data...,#N/A Requesting Data...,#N/A Requesting Data...,\n"
            "Dates,PX_OPEN,PX_HIGH,PX_LOW,PX_LAST,PX_VOLUME\n02/01/2020,100,102,99,101,1000\n"
            "03/01/2020,101,103,100,102,1100\n06/01/2020,102,104,101,103,1200\n07/01/2020,103,105,102,104,1300\n")
    schema = detect_bytes(text.encode(), "sample.csv")
    assert schema.ticker == "QQQ US Equity"
    result = normalise_bytes(text.encode(), schema, "sample.csv")
    assert set(result.prices.ticker) == {"QQQ US EQUITY"} and result.prices.close.tolist() == [101, 102, 103, 104]


def test_a_workbooks_sheets_each_under_a_label_over_placeholders_load_as_their_securities():
    import io

    import openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, label, base in (("A", "AAPL US Equity", 185), ("B", "MSFT US Equity", 370)):
        sheet = book.create_sheet(title)
        for row in ([label], ["#N/A Requesting Data..."], ["Date", "PX_OPEN", "PX_HIGH", "PX_LOW", "PX_LAST"]):
            sheet.append(row)
        for d in range(2, 6):
            sheet.append([f"2024-01-0{d}", base + d, base + d + 1, base + d - 1, base + d + 0.5])
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    # Each sheet's label was hidden by the placeholder row: the rows loaded as tickers "A" and "B", the
    # sheets' names (Agilent's and Barnes' symbols).
    result = normalise_bytes(data, detect_bytes(data, "book.xlsx"), "book.xlsx")
    assert sorted(set(result.prices.ticker)) == ["AAPL US EQUITY", "MSFT US EQUITY"] and len(result.prices) == 8


@pytest.mark.parametrize("width", ["Open;High;Low;Close;Adj Close", "Open;High;Low;Close"])
def test_a_symbol_label_over_a_semicolon_file_of_prices_after_their_currency_code(width):
    # "USD 100,80": read on the space, the label's "Symbol:" and the header's "Adj Close" had made a
    # table of 2 and 7 cells, the file's ticker "00:00:00;USD".
    bar = ["{d},50", "{u},00", "{l},00", "{d},20", "{l},90"][:width.count(";") + 1]  # open, high, low, close, adj
    rows = [f"2023-12-{d:02d} 00:00:00;" + ";".join("USD " + c.format(d=100 + d, u=101 + d, l=99 + d) for c in bar)
            for d in (13, 12, 11, 8)]
    data = ("\r\n".join(["Symbol: ACME", "", f"Date;{width}", *rows]) + "\r\n").encode("utf-16")
    schema = detect_bytes(data, "export.csv")
    assert (schema.delimiter, schema.decimal, schema.ticker) == (";", ",", "ACME")
    prices = normalise_bytes(data, schema, "export.csv").prices_arrow
    assert prices["ticker"].to_pylist() == ["ACME"] * 4
    assert prices["open"].to_pylist() == [113.5, 112.5, 111.5, 108.5]
    assert prices["low"].to_pylist() == [112.0, 111.0, 110.0, 107.0]


def test_a_note_between_the_symbol_label_and_the_header_hides_no_ticker():
    body = "2024-01-02,100.8,101.5,99.9,100.2,12500\n2024-01-03,100.2,102.0,100.0,101.7,13400\n"
    for between in ("Prices in GBX (pence)\n", "\nPrices in GBX (pence)\n\n"):
        data = f"Symbol: PENNY\n{between}Date,Open,High,Low,Close,Volume\n{body}".encode()
        schema = detect_bytes(data, "export.csv")
        assert schema.problem is None and schema.ticker == "PENNY"
        assert normalise_bytes(data, schema, "export.csv").prices_arrow["ticker"].to_pylist() == ["PENNY"] * 2


@pytest.mark.parametrize("kind", ["Instrument: EQUITY", "Security: STOCK"])
def test_an_instruments_kind_over_a_preamble_names_no_ticker(kind):
    # Looked for past the preamble's other lines, the instrument's kind had named the rows' security.
    body = "2024-01-02,100.8,101.5,99.9,100.2,12500\n2024-01-03,100.2,102.0,100.0,101.7,13400\n"
    for above in (f"{kind}\nExchange: NYSE\n", f"{kind}\n"):
        data = f"{above}Date,Open,High,Low,Close,Volume\n{body}".encode()
        schema = detect_bytes(data, "ACME.csv")
        assert schema.ticker is None
        assert normalise_bytes(data, schema, "ACME.csv").prices_arrow["ticker"].to_pylist() == ["ACME"] * 2


@pytest.mark.parametrize("above", ["Security,AAPL US Equity,,,,\n\n",
                                   # A Bloomberg sheet's preamble: the security five lines up.
                                   "Security,AAPL US Equity,,,,\nStart Date,1/1/2020,,,,\nEnd Date,1/6/2020,,,,\n"
                                   "Period,D,,,,\n,,,,,\n"])
def test_a_bloomberg_security_labelled_above_the_header_names_the_rows(above):
    # Its words past "AAPL" made the line no label, and the rows loaded under the file's name (EXPORT).
    body = "1/2/2020,74.06,75.15,73.7975,75.0875,135480400\n1/3/2020,74.2875,75.145,74.125,74.3575,146322800\n"
    data = f"{above}Date,PX_OPEN,PX_HIGH,PX_LOW,PX_LAST,PX_VOLUME\n{body}".encode()
    schema = detect_bytes(data, "export.csv")
    assert schema.problem is None and schema.ticker == "AAPL US Equity"
    prices = normalise_bytes(data, schema, "export.csv").prices_arrow
    assert prices["ticker"].to_pylist() == ["AAPL US EQUITY"] * 2
    assert prices["close"].to_pylist() == [75.0875, 74.3575]


def test_a_preambles_other_fields_far_above_name_no_ticker():
    # Only a line that names the ticker's field counts from that far: a title six lines up is no label.
    body = "2024-01-02,100.8,101.5,99.9,100.2,12500\n2024-01-03,100.2,102.0,100.0,101.7,13400\n"
    data = ("Daily Prices ACME\nSource: Vendor\nFrom: 2024-01-01\nTo: 2024-01-31\nPeriod: D\n\n"
            f"Date,Open,High,Low,Close,Volume\n{body}").encode()
    schema = detect_bytes(data, "ACME.csv")
    assert schema.ticker is None
    assert normalise_bytes(data, schema, "ACME.csv").prices_arrow["ticker"].to_pylist() == ["ACME"] * 2


THREE = "".join(f"2023-01-{d:02d},10.{d},11.{d}\n" for d in (2, 3, 4, 5, 6, 9, 10, 11))  # weekdays


@pytest.mark.parametrize("header_pad, row_pad", [(",,,,", ""), (",,,,", ",,,,"), ("", "")])
def test_a_ticker_row_padded_past_the_table_names_the_rows_as_unpadded(header_pad, row_pad):
    # "Ticker,AAPL,AAPL,,,," over "Date,Open,Close,,,,": counted with its padding, the ticker row was cut
    # off the header as under half filled, and the rows loaded under the file's name (MSFT), where
    # "Ticker,AAPL,AAPL" over "Date,Open,Close" loads them as AAPL's. Padded or not, they are AAPL's.
    rows = "".join(line + row_pad + "\n" for line in THREE.splitlines())
    text = f"Ticker,AAPL,AAPL{header_pad}\nDate,Open,Close{header_pad}\n{rows}"
    assert _ticker(text, "MSFT.csv") == "AAPL"
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "MSFT.csv"), "MSFT.csv")
    assert set(result.prices["ticker"]) == {"AAPL"} and len(result.prices) == 8
    assert list(result.prices["close"])[:2] == [11.2, 11.3]


@pytest.mark.parametrize("header_pad, row_pad", [(",,,", ""), (",,,", ",,,"), ("", "")])
def test_yfinance_levels_padded_past_the_table_name_the_ticker_and_each_price(header_pad, row_pad):
    # The levels padded past the table, its rows not: cut off the header, the table read headerless, its
    # columns placed by their values, and each row's open (the last price) loaded as its close, as MSFT's.
    rows = "".join(line + row_pad + "\n" for line in ROWS.splitlines())
    text = "".join(f"{line}{header_pad}\n" for line in (
        f"Price,{FIELDS}", "Ticker,AAPL,AAPL,AAPL,AAPL,AAPL", "Date,,,,,")) + rows
    assert _ticker(text, "MSFT.csv") == "AAPL"
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "MSFT.csv"), "MSFT.csv")
    assert set(result.prices["ticker"]) == {"AAPL"}
    assert list(result.prices["close"]) == [184.53, 183.15, 180.91, 181.18]


@pytest.mark.parametrize("row_pad", ["", ",,,,"])
@pytest.mark.parametrize("above, ticker", [("Symbol,AAPL", "AAPL"), ("Daily prices", None), ("Prices,USD", None)])
def test_a_label_or_title_padded_over_a_padded_header_stays_above_it(row_pad, above, ticker):
    # A label or a title padded as wide as the table reaches no column of it past its words: no header row.
    rows = "".join(line + row_pad + "\n" for line in THREE.splitlines())
    schema = detect_bytes(f"{above},,,,\nDate,Open,Close,,,,\n{rows}".encode(), "MSFT.csv")
    assert [c.name for c in schema.columns if c.canonical] == ["Date", "Open", "Close"]
    assert schema.ticker == ticker


@pytest.mark.parametrize("pad", ["", ",,,,"])
@pytest.mark.parametrize("between", ["\n", "Prices in USD\n"])
def test_a_ticker_row_set_off_from_the_header_names_the_rows(pad, between):
    # "Ticker,AAPL,AAPL" a blank line or a note above "Date,Open,Close": read as a label, its AAPL repeated
    # over each price made it none, and the rows loaded under the file's name (MSFT); padded, they did too
    # once the padded header was kept (before, the file was refused for no close).
    text = f"Ticker,AAPL,AAPL{pad}\n{between}Date,Open,Close{pad}\n{THREE}"
    assert _ticker(text, "MSFT.csv") == "AAPL"


def test_a_label_repeats_one_ticker_only():
    assert labelled_ticker("Ticker AAPL AAPL AAPL") == "AAPL"
    assert labelled_ticker("Ticker AAPL MSFT") is None  # two tickers: whose?
    assert labelled_ticker("Ticker AAPL") == "AAPL"


@pytest.mark.parametrize("above", ["Exchange,NYSE,NASDAQ", "Source,Yahoo,Google", "Adjusted,No,Yes"])
def test_a_row_padded_over_a_padded_header_that_names_no_ticker_is_no_row_of_tickers(above):
    # "Exchange,NYSE,NASDAQ,,,," over "Date,Close,Close,,,,": taken into the header as a ticker row padded past
    # the table is, its words named the two closes' tickers (NYSE's, NASDAQ's). No "Ticker" heads it: refused.
    text = f"{above},,,,\nDate,Close,Close,,,,\n{THREE}"
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "MSFT.csv"), "MSFT.csv")
    assert len(result.prices) == 0 and len(result.rejected) == 8


def test_a_ticker_row_with_a_gap_padded_over_a_padded_header_still_names_the_ticker():
    # "Ticker,,AAPL,,,,": no ticker over each column, so no header row; read as the label it is, AAPL.
    assert _ticker(f"Ticker,,AAPL,,,,\nDate,Open,Close,,,,\n{THREE}", "MSFT.csv") == "AAPL"



@pytest.mark.parametrize("row_pad", ["", ",,,,"])
def test_a_row_padded_over_a_padded_ticker_row_that_is_no_level_of_it_stays_out(row_pad):
    # "Exchange,NYSE,NASDAQ,,,," over "Ticker,AAPL,MSFT,,,," over "Date,Close,Close,,,,": taken in with the ticker
    # row, the exchanges were written onto the tickers and the closes loaded as "NYSE AAPL"'s and "NASDAQ MSFT"'s.
    rows = "".join(line + row_pad + "\n" for line in THREE.splitlines())
    text = f"Exchange,NYSE,NASDAQ,,,,\nTicker,AAPL,MSFT,,,,\nDate,Close,Close,,,,\n{rows}"
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "MSFT.csv"), "MSFT.csv")
    loaded = sorted(set(result.prices["ticker"])) if len(result.prices) else []
    assert loaded == ["AAPL", "MSFT"] or (loaded, len(result.rejected)) == ([], 8)


def _loaded(text: str, name: str = "MSFT.csv"):
    schema = detect_bytes(text.encode(), name)
    return schema, normalise_bytes(text.encode(), schema, name)


@pytest.mark.parametrize("above", ["Exchange,NYSE,NASDAQ", "Source,Yahoo,Google", "Market,US,UK", ",NYSE,NASDAQ"])
def test_a_row_over_the_prices_naming_their_exchange_or_source_names_no_tickers(above):
    # Unpadded, "Exchange,NYSE,NASDAQ" over "Date,Close,Close" set the two closes apart, and they loaded as
    # tickers NYSE and NASDAQ (silent). Nothing says whose they are: refused, every line with the reason.
    schema, result = _loaded(f"{above}\nDate,Close,Close\n{THREE}")
    assert schema.problem is not None and schema.problem.startswith(SIDE_BY_SIDE), schema.problem
    assert len(result.prices) == 0 and result.rejected.source_line.nunique() == 8


@pytest.mark.parametrize("rows", ["Ticker,AAPL,MSFT\nExchange,NYSE,NASDAQ", "Exchange,NYSE,NASDAQ\nTicker,AAPL,MSFT",
                                  "Ticker,AAPL,MSFT\nSource,Yahoo,Yahoo"])
def test_a_row_naming_the_exchange_beside_a_ticker_row_is_no_part_of_the_tickers(rows):
    # Taken into the tickers' labels, the closes loaded as tickers "AAPL NYSE" and "MSFT NASDAQ".
    schema, result = _loaded(f"{rows}\nDate,Close,Close\n{THREE}")
    closes = {t: list(g["close"]) for t, g in result.prices.groupby("ticker")}
    days = (2, 3, 4, 5, 6, 9, 10, 11)
    assert closes == {"AAPL": [float(f"10.{d}") for d in days], "MSFT": [float(f"11.{d}") for d in days]}


@pytest.mark.parametrize("rows, tickers", [("Ticker,BRK,BRK\nClass,A,B", ["BRK A", "BRK B"]),
                                           ("Class,A,B\nTicker,BRK,BRK", ["A BRK", "B BRK"]),
                                           ("Ticker,VOD,VOD\nExchange,LSE,NASDAQ", ["VOD LSE", "VOD NASDAQ"]),
                                           ("Ticker,BP,BP\nCurrency,GBP,USD", ["BP GBP", "BP USD"])])
def test_a_listing_row_that_tells_apart_one_tickers_columns_stays_part_of_their_labels(rows, tickers):
    # Left out as a note on the tickers, "Class,A,B" under "Ticker,BRK,BRK" left both closes under ticker BRK:
    # the class A closes loaded as BRK and the class B closes were left unread, nothing rejected (silent).
    schema, result = _loaded(f"{rows}\nDate,Close,Close\n{THREE}")
    closes = {t: list(g["close"]) for t, g in result.prices.groupby("ticker")}
    days = (2, 3, 4, 5, 6, 9, 10, 11)
    assert schema.problem is None, schema.problem
    assert closes == {tickers[0]: [float(f"10.{d}") for d in days], tickers[1]: [float(f"11.{d}") for d in days]}


@pytest.mark.parametrize("title, tickers", [("Market Data", "AAPL,MSFT"), ("Source: Yahoo Finance", "AAPL,MSFT"),
                                            ("Currency", "EURUSD,GBPUSD"), ("Exchange Rate", "EUR/USD,GBP/USD"),
                                            ("Bolsa", "PETR4,VALE3"), ("Sector ETFs", "XLK,XLE")])
def test_a_title_with_a_listings_word_over_tickers_still_names_them(title, tickers):
    # Headed by a listing's word ("Market", "Source", "Currency", "Exchange", "Bolsa", "Sector"), a title over
    # cells written as tickers was refused as a row of exchanges, where the closes had loaded under the tickers.
    schema, result = _loaded(f"{title},{tickers}\nDate,Close,Close\n{THREE}")
    assert schema.problem is None, schema.problem
    assert sorted(result.prices.ticker.unique()) == sorted(tickers.split(",")) and len(result.prices) == 16


@pytest.mark.parametrize("tickers", ["CBOE,ASX", "SIX,ASX"])
def test_a_ticker_row_names_its_tickers_though_they_are_written_as_venues(tickers):
    # yfinance's download of Cboe Global Markets and ASE Technology, or of Six Flags ("Ticker,CBOE,ASX" between
    # "Price,Close,Close" and "Date,,"), whose tickers are also venues' names, was refused as prices set apart by
    # venues, where it had loaded under its tickers.
    schema, result = _loaded(f"Price,Close,Close\nTicker,{tickers}\nDate,,\n{THREE}")
    assert schema.problem is None, schema.problem
    assert sorted(result.prices.ticker.unique()) == sorted(tickers.split(",")) and len(result.prices) == 16


@pytest.mark.parametrize("above", ["Portfolio A,AAPL,MSFT", ",AAPL,MSFT", "Stocks,AAPL,MSFT"])
def test_a_title_or_no_name_over_tickers_still_names_them(above):
    schema, result = _loaded(f"{above}\nDate,Close,Close\n{THREE}")
    assert schema.problem is None and sorted(result.prices.ticker.unique()) == ["AAPL", "MSFT"]


@pytest.mark.parametrize("label, fields, pad", [("Ticker,,AAPL", 1, ",,"), ("Ticker,,AAPL", 1, ""),
                                                ("Symbol,,,AAPL", 2, ",")])
def test_a_label_row_padded_as_wide_as_its_table_names_its_ticker(label, fields, pad):
    # "Ticker,,AAPL,," over "Date,Close,,," and rows padded alike (a sheet's used range): taken into the
    # header block, the label named no ticker over a price, and the rows loaded under the file's name, MSFT.
    width = label.count(",") + 1 + pad.count(",")
    header = ",".join(["Date", "Open", "Close"][-fields - 1:] if fields == 2 else ["Date", "Close"])
    rows = "".join(",".join([f"2023-01-{d:02d}", *[f"10.{d}"] * fields]) + "\n" for d in (2, 3, 4, 5))
    text = f"{label}{pad}\n" + "".join(line + "," * (width - line.count(",") - 1) + "\n"
                                        for line in [header, *rows.splitlines()])
    schema, result = _loaded(text)
    assert schema.ticker == "AAPL"
    assert result.prices.ticker.tolist() == ["AAPL"] * 4


@pytest.mark.parametrize("above, words", [(",Spot,Future", "Spot, Future"), (",Stock,Stock,Index", "Stock, Index"),
                                          (",Bid,Ask", "Bid, Ask"), (",SPOT,FUTURE", "SPOT, FUTURE"),
                                          (",Aktie,Index", "Aktie, Index"), ("Type,Stock,Index", "Stock, Index"),
                                          # Kinds a label above the header names too (INSTRUMENT_KINDS): had loaded
                                          # as tickers FOREX and CRYPTO, STOCK and WARRANTS.
                                          (",Forex,Crypto", "Forex, Crypto"), (",Stock,Warrants", "Stock, Warrants")])
def test_a_row_naming_each_prices_kind_of_instrument_names_no_tickers(above, words):
    # ",Spot,Future" over "Date,Close,Close" loaded the closes as tickers SPOT and FUTURE; ",Stock,Stock,Index"
    # over three closes loaded the first under the file's name and left the others unread (silent). Nothing
    # says whose they are: refused, naming the words, every line rejected with the reason.
    closes = ",Close" * (above.count(","))
    rows = "".join(line + ",12.5" * (above.count(",") - 2) + "\n" for line in THREE.splitlines())
    schema, result = _loaded(f"{above}\nDate{closes}\n{rows}")
    assert schema.problem is not None and schema.problem.startswith(f"{SIDE_BY_SIDE} ({words})"), schema.problem
    assert len(result.prices) == 0 and result.rejected.source_line.nunique() == 8


@pytest.mark.parametrize("rows, tickers", [("Ticker,AAPL,MSFT\n,Spot,Future", ["AAPL", "MSFT"]),
                                           (",Stock,Stock\nTicker,AAPL,MSFT", ["AAPL", "MSFT"]),
                                           ("Ticker,SPOT,INDEX", ["INDEX", "SPOT"]),
                                           ("Symbol,BID,ETF", ["BID", "ETF"]),
                                           ("Price,Close,Close\nTicker,SPOT,BOND", ["BOND", "SPOT"]),
                                           (",Close,Close\n,SPOT,BOND", ["BOND", "SPOT"])])
def test_a_ticker_row_names_its_tickers_beside_or_as_words_of_a_kind(rows, tickers):
    # Beside a ticker row the kinds' row was written onto the tickers ("AAPL SPOT", "MSFT FUTURE"); a ticker row
    # of tickers that are such words (Spotify, INDEX, Sotheby's BID), or pandas' unnamed level of them, names them.
    block = f"{rows}\nDate,," if rows.startswith((",Close", "Price")) else f"{rows}\nDate,Close,Close"
    schema, result = _loaded(f"{block}\n{THREE}")
    assert schema.problem is None, schema.problem
    assert sorted(result.prices.ticker.unique()) == tickers and len(result.prices) == 16


def test_one_kind_over_every_price_says_what_the_instrument_is():
    # ",Stock,Stock,Stock" over "Date,Open,High,Close" sets nothing apart: the file's one stock, loaded as ever.
    rows = "".join(f"2024-01-0{d},10.0,11.0,10.5\n" for d in range(2, 6))
    schema, result = _loaded(f",Stock,Stock,Stock\nDate,Open,High,Close\n{rows}")
    assert schema.problem is None, schema.problem
    assert list(result.prices.ticker.unique()) == ["MSFT"] and list(result.prices.close) == [10.5] * 4


@pytest.mark.parametrize("block", [",Last,Last\nTicker,AAPL,MSFT\nDate,,", ",Mid,Mid\nTicker,AAPL,MSFT\nDate,,",
                                   "Ticker,AAPL,MSFT\n,Last,Last\nDate,,",
                                   ",Last,Last\nTicker,AAPL,MSFT\nDate,Close,Close"])
def test_a_row_of_kinds_naming_the_price_is_the_prices_level_where_no_other_row_names_it(block):
    # pandas' pivot of a table's "Last" by its "Ticker" writes ",Last,Last" over "Ticker,AAPL,MSFT": "Last" (as
    # "Mid") names the close. Left out as a row of the prices' kinds, nothing named them and the file was refused.
    # Over "Date,Close,Close" it is a note all the same: the closes are AAPL's and MSFT's.
    schema, result = _loaded(f"{block}\n{THREE}")
    assert schema.problem is None, schema.problem
    prices = result.prices.sort_values(["ticker", "date"])
    assert sorted(prices.ticker.unique()) == ["AAPL", "MSFT"] and len(prices) == 16
    assert prices.close.tolist()[:2] == [10.2, 10.3] and prices.close.tolist()[8:10] == [11.2, 11.3]
