import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.agreed_order import agree_day_order
from backintime_assets.detection.columns import ColumnType

# plotly/datasets 1962_2006_walmart_store_openings.csv (256f6ba8), a few of its rows: OPENDATE
# has no part above 12 in any row, date_super proves month first ("2/20/02"); MONTH, DAY and
# YEAR spell OPENDATE out.
WALMART = b"""storenum,OPENDATE,date_super,STRCITY,MONTH,DAY,YEAR
1,7/1/62,3/1/97,Rogers,7,1,1962
2,8/1/64,3/1/96,Harrison,8,1,1964
8,10/1/67,3/1/93,Morrilton,10,1,1967
11,3/1/68,2/20/02,Mountain Home,3,1,1968
22,10/1/70,5/18/05,Pryor,10,1,1970
38,12/9/71,3/17/04,Idabel,12,9,1971
65,7/3/73,3/1/94,Sullivan,7,3,1973
66,8/1/73,7/17/02,Clarksville,8,1,1973
"""


def test_a_column_takes_the_order_its_file_proves():
    columns = {c.name: c for c in detect_bytes(WALMART, "walmart_store_openings.csv").columns}
    assert columns["date_super"].format == "%m/%d/%y"
    assert columns["OPENDATE"].format == "%m/%d/%y"
    assert columns["OPENDATE"].confidence >= 0.9


def _dates(fmt: str, confidence: float = 0.7) -> ColumnType:
    return ColumnType("date", fmt, confidence)


def test_an_unproven_column_follows_the_proven_one():
    types = [_dates("%d.%m.%Y"), _dates("%m.%d.%Y %H:%M", 1.0), ColumnType("integer", None, 1.0)]
    cols = [["01.02.2020", "03.04.2020"], ["01.13.2020 10:00", "02.01.2020 11:00"], ["1", "2"]]
    agreed = agree_day_order(types, cols)
    assert agreed[0].format == "%m.%d.%Y"
    assert agreed[1:] == types[1:]


def test_columns_proving_opposite_orders_keep_their_readings():
    types = [_dates("%d/%m/%Y", 1.0), _dates("%m/%d/%Y", 1.0), _dates("%d/%m/%Y")]
    cols = [["13/01/2020"], ["01/13/2020"], ["01/02/2020"]]
    assert agree_day_order(types, cols) == types


def test_a_lone_date_column_keeps_its_reading():
    types = [_dates("%d/%m/%Y"), ColumnType("float", None, 1.0)]
    assert agree_day_order(types, [["01/02/2020"], ["1.5"]]) == types


def test_a_column_of_another_separator_proves_nothing():
    # A German trade date ("04.01.2021": no part above 12) beside a US expiry ("03/19/2021"): two
    # programs wrote them. Read month first, the trade dates became 1 April ... 1 December.
    data = "Datum;Schluss;Verfall\n" + "".join(
        f"{d:02d}.01.2021;{100 + d},5;03/19/2021\n" for d in (4, 5, 6, 7, 8, 11, 12))
    columns = {c.name: c for c in detect_bytes(data.encode(), "dax_future.csv").columns}
    assert columns["Verfall"].format == "%m/%d/%Y"
    assert columns["Datum"].format == "%d.%m.%Y"


def test_a_us_trade_date_keeps_its_order_beside_a_dotted_settlement_date():
    data = "Date,Close,Volume,Settlement\n" + "".join(
        f"01/{d:02d}/2021,{100 + d}.5,1000,{d + 2:02d}.01.2021\n" for d in (4, 5, 6, 7, 8, 11, 12))
    columns = {c.name: c for c in detect_bytes(data.encode(), "trades.csv").columns}
    assert columns["Settlement"].format == "%d.%m.%Y"
    assert columns["Date"].format == "%m/%d/%Y"


def test_the_files_name_settles_the_order_before_another_column():
    # A day's drop named 2021-03-05, every row "03/05/2021": 5 March, not 3 May, whatever order the
    # maturity column proves.
    data = "Date,Ticker,Close,Maturity\n" + "".join(f"03/05/2021,T{i},{100 + i}.0,{15 + i}/06/2030\n" for i in range(6))
    columns = {c.name: c for c in detect_bytes(data.encode(), "prices_2021-03-05.csv").columns}
    assert columns["Maturity"].format == "%d/%m/%Y"
    assert columns["Date"].format == "%m/%d/%Y"


def test_same_separator_columns_still_agree():
    # A dotted column proving the opposite order no longer blocks the slashed columns' agreement.
    types = [_dates("%d/%m/%Y"), _dates("%d.%m.%Y", 1.0), _dates("%m/%d/%Y", 1.0)]
    cols = [["01/02/2020", "03/04/2020"], ["13.01.2020"], ["01/13/2020", "02/01/2020"]]
    agreed = agree_day_order(types, cols)
    assert agreed[0].format == "%m/%d/%Y"  # from the slashed column, not the dotted one
    assert agreed[1:] == types[1:]


def test_a_date_between_the_spreads_rows_proves_the_order():
    # A register of 300 sign-up days in no order of time, written day first, one of them above 12
    # (row 269): typing looks at 160 rows spread over the sample, which missed it, and the column
    # was read month first by the separator's custom, every other row a wrong date.
    rows = [f"{1000 + i},name {i},{(i * 7) % 12 + 1:02d}/{(i * 5) % 12 + 1:02d}/20{10 + i % 9}" for i in range(300)]
    rows[269] = "1269,name 269,19/03/2015"
    schema = detect_bytes(("id,name,signup\n" + "\n".join(rows) + "\n").encode(), "register.csv")
    signup = schema.columns[2]
    assert (signup.type, signup.format, signup.confidence) == ("date", "%d/%m/%Y", 1.0)


def _one_day(delimiter: str, date: str, closes: list[str]) -> bytes:
    rows = "".join(f"{date}{delimiter}{t}{delimiter}{c}\n" for t, c in zip(("ACME", "BHP", "SAP"), closes))
    return f"Date{delimiter}Ticker{delimiter}Close\n{rows}".encode()


def _date_format(data: bytes) -> str:
    return next(c.format for c in detect_bytes(data, "prices.csv").columns if c.name == "Date")


def test_a_decimal_comma_reads_a_lone_slashed_date_day_first():
    # A French office's day ("05/03/2024": 5 March, every row the same day) beside its closes written
    # with a decimal comma: the countries of the comma write the day first. By the slash's US custom
    # it loaded as 3 May, silently. Still a guess (siblings proving the other order settle it).
    types = {c.name: c for c in detect_bytes(_one_day(";", "05/03/2024", ["12,5", "1.234,56", "7,25"]),
                                             "prices.csv").columns}
    assert types["Date"].format == "%d/%m/%Y"
    assert types["Date"].confidence <= 0.5
    assert _date_format(_one_day("\t", "05/03/24", ["12,50", "99,75", "3,1"])) == "%d/%m/%y"
    assert _date_format(_one_day("|", "05/03/2024 17:30", ["2 673,786", "1 001,5", "3,125"])) == "%d/%m/%Y %H:%M"


def test_no_written_decimal_comma_leaves_the_slashed_guess():
    # Whole numbers, or a dot: nothing says the locale; nor does "1,234" (a grouped thousand or three decimals).
    assert _date_format(_one_day(";", "05/03/2024", ["125", "1234", "725"])) == "%m/%d/%Y"
    assert _date_format(_one_day(";", "05/03/2024", ["12.5", "1234.56", "7.25"])) == "%m/%d/%Y"
    assert _date_format(_one_day(",", "05/03/2024", ['"1,234"', '"2,345"', '"7,250"'])) == "%m/%d/%Y"
    # A clock of AM and PM is the US custom: against the comma's, the guess stays as it was.
    assert _date_format(_one_day(";", "05/03/2024 04:00 PM", ["12,5", "1,75", "7,25"])) == "%m/%d/%Y %I:%M %p"


# Grouping only a day-first custom writes reads a lone slashed date day first; by the slash's US custom each
# had loaded as another month's day, silently.
@pytest.mark.parametrize("text,expected", [
    # A French office's prices to three decimals ("844,867": either way alone) beside volumes grouped by a
    # blank, which makes the comma the file's decimal (01/10/2014 had loaded as 10 January); so by dots twice.
    ("Date;Ticker;Close;Volume\n01/10/2014;7203;844,867;3 722 290\n01/10/2014;NESN;616,608;4 575 938\n", "%d/%m/%Y"),
    ("Date;Ticker;Close;Volume\n03/01/2024;SAP;14,775;4.805.028\n03/01/2024;BMW;99,125;1.234.567\n", "%d/%m/%Y"),
    # An Indian office's volumes grouped by lakhs and crores, as only South Asia groups (5 January, not 1 May).
    ('Date,Symbol,Close,Volume\n05/01/2024,RELIANCE,2593.45,"1,23,45,678"\n05/01/2024,TCS,3711.20,"45,67,890"\n',
     "%d/%m/%Y"),
    # A column named in a day-first market's own word: London's EPIC (3 January, not 1 March), India's NSE's
    # traded quantity.
    ('Date,EPIC,Closing Price,Volume\n03/01/2022,VOD,"1,909.34","920,634"\n03/01/2022,BHP,"1,300.23","1,954,850"\n',
     "%d/%m/%Y"),
    ("Date,SYMBOL,CLOSE,TOTTRDQTY\n11/05/2015,SBIN,282.15,1594322\n11/05/2015,TCS,2560.40,4101313\n", "%d/%m/%Y"),
    # Codes listed only on day-first markets: London's and NSE's Yahoo suffixes, Indian ISINs. Beside a US code,
    # or bare, nothing is told.
    ("Date,Symbol,Close\n03/01/2022,VOD.L,120.5\n03/01/2022,BARC.L,160.2\n", "%d/%m/%Y"),
    ("Date,Symbol,Close\n03/01/2022,RELIANCE.NS,2400.5\n03/01/2022,TCS.NS,3800.2\n", "%d/%m/%Y"),
    ("Date,ISIN,Close\n03/01/2022,INE002A01018,2400.5\n03/01/2022,INE467B01029,3800.2\n", "%d/%m/%Y"),
    ("Date,Symbol,Close\n03/01/2022,AAPL,182.0\n03/01/2022,VOD.L,120.5\n", "%m/%d/%Y"),
    ("Date,ISIN,Close\n03/01/2022,US0378331005,182.0\n03/01/2022,US5949181045,334.7\n", "%m/%d/%Y"),
    # Switzerland's apostrophe.
    ("Date;Symbol;Close;Volume\n05/01/2024;NESN;99.845;1'234'567\n05/01/2024;ROG;245.105;987’654\n", "%d/%m/%Y"),
    # A decimal dot beside blank groups is no comma's custom, and thousands grouped by three are the US's:
    # the guess stays.
    ("Date;Ticker;Close;Volume\n03/01/2024;AAPL;14.775;4 805 028\n03/01/2024;MSFT;99.125;1 234 567\n", "%m/%d/%Y"),
    ('Date,Symbol,Close,Volume\n05/01/2024,AAPL,181.18,"62,303,300"\n05/01/2024,MSFT,367.75,"20,987,000"\n',
     "%m/%d/%Y"),
])
def test_a_grouping_only_a_day_first_custom_writes_reads_a_lone_slashed_date_day_first(text, expected):
    assert _date_format(text.encode()) == expected
