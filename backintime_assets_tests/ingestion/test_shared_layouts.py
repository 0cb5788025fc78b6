"""Borrowing a sibling's schema on its pre-data bytes, and the proof on the whole file that catches
a sibling that reads differently (the survey's use of both: test_survey.py)."""
import datetime as dt

import pyarrow.compute as pc
import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion.parsed import LOADED, FileGroup, FileTask, parse_group
from backintime_assets.ingestion.shared_layouts import LayoutMemory, holds_on_whole_file
from backintime_assets.normalisation import normalise_bytes


def _file(rows: int, seed: int, **style) -> bytes:
    return render_table(PRICE_HEADER, sample_prices(rows, seed=seed, tickers=3), Style(**style))


def _deferred(first: bytes, other: bytes, names: tuple[str, str] = ("a.csv", "b.csv")):
    """(the schema `other` borrows from `first` on its pre-data bytes, whether the whole-file proof holds)."""
    memory = LayoutMemory()
    memory.learn(first, detect_bytes(first, names[0]))
    borrowed = memory.borrow(other[:4096], names[1])
    assert borrowed is not None and borrowed.file == names[1] and borrowed.borrowed_from == names[0]
    return borrowed, holds_on_whole_file(normalise_bytes(other, borrowed, names[1]), borrowed.to_dict())


def test_borrowing_needs_the_same_bytes_before_the_data():
    memory = LayoutMemory()
    first = _file(600, 1, preamble=["Prices export", ""])
    memory.learn(first, detect_bytes(first, "a.csv"))
    assert memory.borrow(_file(600, 2, preamble=["Prices export", ""]), "b.csv") is not None
    assert memory.borrow(_file(600, 3, preamble=["Prices export 2", ""]), "c.csv") is None
    assert memory.borrow(_file(600, 4), "d.csv") is None
    assert memory.borrow(b"Prices export\n", "e.csv") is None  # stops before its data would start
    assert memory.borrowed == 1


@pytest.mark.parametrize("name", ["b.csv", 'odd "quoted" \\ name.csv', "données_é€.csv", "AAPL 2024\n.csv"])
def test_a_lent_schema_is_written_as_its_own_text(name):
    """The memory writes a lent schema from its lender's text (LayoutMemory.to_json): the very text
    the schema writes itself, under the borrower's name and its lender's."""
    first = _file(40, 1, preamble=["Prices export", ""])
    memory = LayoutMemory()
    own = detect_bytes(first, "a.csv")
    memory.learn(first, own)
    lent = [memory.borrow(_file(40, seed, preamble=["Prices export", ""]), name) for seed in (2, 3)]
    assert all(s is not None for s in lent)
    assert [memory.to_json(s) for s in lent] == [s.to_json() for s in lent]
    assert memory.to_json(own) == own.to_json()  # not lent: written whole
    assert (own.file, own.borrowed_from) == ("a.csv", None)  # lending leaves the lender as it was


@pytest.mark.parametrize("rows", [40, 600])
def test_the_whole_file_proof_holds_for_a_file_of_the_same_template(rows):
    footer = ["", "Total,,,,,,,"]
    borrowed, holds = _deferred(_file(rows, 1, footer=footer), _file(rows, 2, footer=footer))
    assert holds and borrowed.footer_lines >= 1


# (the first file's style, its sibling's): same header bytes, but the sibling reads differently.
READS_DIFFERENTLY = [
    ({"delimiter": ";"}, {"decimal": ",", "delimiter": ";"}),  # same header text, other number format
    ({}, {"footer": ["Total,,,,,,,"]}),  # a totals line the first file did not have
    ({"footer": ["Total,,,,,,,"]}, {}),  # no totals line where the first file had one: a row would be lost
    ({}, {"date_format": "%d/%m/%Y"}),
]


@pytest.mark.parametrize("rows", [40, 600])
@pytest.mark.parametrize("first_style,other_style", READS_DIFFERENTLY)
def test_the_whole_file_proof_fails_where_the_file_reads_differently(rows, first_style, other_style):
    _, holds = _deferred(_file(rows, 1, **first_style), _file(rows, 2, **other_style))
    assert not holds


def test_the_whole_file_proof_sees_a_difference_anywhere_in_the_file():
    good = _file(2000, 2).decode().splitlines(keepends=True)
    assert len("".join(good[:1500])) > 64 * 1024  # past any detection sample
    bad_values = good[:1500] + ["2020-01-09,AAA,Tech,10,5,6,7,7,100\n"] + good[1500:]
    assert _deferred(_file(600, 1), "".join(bad_values).encode())[1]  # high < low: the row's values, not the reading
    unreadable = good[:1500] + ["2020-01-09,AAA,Tech,ten,5,6,7,7,100\n"] + good[1500:]
    assert not _deferred(_file(600, 1), "".join(unreadable).encode())[1]


def test_files_dated_by_epochs_do_not_borrow_a_reading_their_stamps_decide():
    # Yahoo chart dumps of an ASX and a NYSE stock share their header byte for byte, but the ASX
    # bars, stamped the evening before, are the next day's (detection/epoch_days.py): a file read
    # with the other's schema would load every bar a day off, its rows all read.
    header = b"timestamp,open,high,low,close,volume\n"
    asx = header + b"".join(b"%d,51.0,51.5,50.8,51.2,6000000\n" % (1704063600 + 86400 * d)
                            for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11))
    nyse = header + b"".join(b"%d,185.0,186.5,184.8,185.2,6000000\n" % (1704205800 + 86400 * d)
                             for d in (0, 1, 2, 3, 6, 7, 8, 9, 10, 13))
    for first, other in ((asx, nyse), (nyse, asx)):
        memory = LayoutMemory()
        memory.learn(first, detect_bytes(first, "a.csv"))
        assert memory.borrow(other, "b.csv") is None


def test_files_dated_by_utc_text_do_not_borrow_a_reading_their_stamps_decide():
    # The same with stamps written as UTC text: the ASX's opens, "2023-12-31T23:00:00Z", are the
    # next day's sessions (format "..._east"), New York's, "2024-01-02T14:30:00Z", their own day's.
    header = b"Date,Open,High,Low,Close,Volume\n"
    asx = header + b"".join(b"2024-01-%02dT23:00:00Z,51.0,51.5,50.8,51.2,6000000\n" % d
                            for d in (7, 8, 9, 10, 11, 14, 15, 16, 17, 18))
    nyse = header + b"".join(b"2024-01-%02dT14:30:00Z,185.0,186.5,184.8,185.2,6000000\n" % d
                             for d in (2, 3, 4, 5, 8, 9, 10, 11, 12, 15))
    assert detect_bytes(asx, "a.csv").columns[0].format.endswith("_east")
    for first, other in ((asx, nyse), (nyse, asx)):
        memory = LayoutMemory()
        memory.learn(first, detect_bytes(first, "a.csv"))
        assert memory.borrow(other, "b.csv") is None


def _factset(seed: int, note: str) -> bytes:
    days = [d for d in range(1, 32) if d % 7 not in (6, 0)]  # January 2024's weekdays
    bars = "".join(f"2024-01-{d:02d},{100 + (d * seed) % 7}.25,{58 + d % 5}.38\n" for d in days)
    return (f"FactSet Research Systems,,\nIdentifier:,AAPL-US,\n,,\nDate,Price,Volume\n{bars}\"{note}\",,\n").encode()


@pytest.mark.parametrize(("first_note", "other_note"), [
    ("Volume in millions. Source: FactSet Prices.", "Source: FactSet Prices."),
    ("Source: FactSet Prices.", "Volume in millions. Source: FactSet Prices."),
    ("Volume in millions. Source: FactSet Prices.", "Volume in thousands. Source: FactSet Prices."),
])
def test_a_unit_noted_below_the_table_is_the_files_own_not_its_templates(first_note, other_note):
    # The footer is not among the bytes a schema is borrowed on: a sibling whose note declares
    # another unit (or none) is read with the one it declares, as if detected on its own.
    first, other = _factset(1, first_note), _factset(2, other_note)
    memory = LayoutMemory()
    memory.learn(first, detect_bytes(first, "a.csv"))
    borrowed = memory.borrow(other[:4096], "b.csv")
    own = detect_bytes(other, "b.csv")
    assert borrowed.columns[2].multiplier != own.columns[2].multiplier
    # the survey's read of the file (parsed.py): the borrowed schema's proof, else its own
    task = FileTask("b.csv", "b.csv", borrowed.to_json(), dt.date(2024, 1, 1), 0)
    rows = parse_group([other], FileGroup([task], task.schema_json))
    loaded = rows.filter(pc.equal(rows["status"], LOADED))["volume"].to_pylist()
    assert loaded == normalise_bytes(other, own, "b.csv").prices_arrow["volume"].to_pylist()


def test_a_note_the_sibling_repeats_lets_it_borrow():
    first = _factset(1, "Volume in millions. Source: FactSet Prices.")
    other = _factset(2, "Volume in millions. Source: FactSet Prices.")
    _, holds = _deferred(first, other)
    assert holds


def test_a_declared_scale_a_siblings_values_already_count_does_not_hold():
    # "Volume ('000)" over a template's few thousands, then a sibling whose volumes are all whole
    # thousands: detected alone, the sibling's header is taken as already counted (detect.py); under
    # the template's x1000 its 1,234,000 shares would load as 1.2 billion, every row, unseen.
    header = "Date,Ticker,Close,Volume ('000)\n"
    first = (header + "".join(f"2024-01-{d:02d},ABC,10.5,{1200 + d}\n" for d in (2, 3, 4))).encode()
    other = (header + "".join(f"2024-01-{d:02d},ABC,10.5,{(1200 + d) * 1000}\n"
                              for d in (2, 3, 4, 5, 8, 9))).encode()
    borrowed, holds = _deferred(first, other)
    assert borrowed.columns[3].multiplier == 1000 and detect_bytes(other, "b.csv").columns[3].multiplier is None
    assert not holds
    # a blank volume among them (NULL since session 22, as 0 before) says nothing of the scale
    blank = other.replace(b"10.5,1205000\n", b"10.5,\n")
    assert blank != other and not _deferred(first, blank)[1]
    # and a sibling of real thousands still borrows it
    assert _deferred(first, (header + "".join(f"2024-01-{d:02d},ABC,10.5,{1300 + d}\n"
                                              for d in (2, 3, 4, 5, 8, 9))).encode())[1]



def test_a_prices_declared_scale_a_siblings_values_already_count_does_not_hold():
    # "Close (K)" over a template's 23.5 (thousands of dong), then a sibling writing 23,500: under the
    # template's x1000 it would load as 23.5 million, every row.
    header = "Date,Ticker,Close (K)\n"
    first = (header + "".join(f"2024-01-{d:02d},ABC,{20 + d}.5\n" for d in (2, 3, 4))).encode()
    other = (header + "".join(f"2024-01-{d:02d},ABC,{(20 + d) * 1000}\n" for d in (2, 3, 4, 5, 8, 9))).encode()
    borrowed, holds = _deferred(first, other)
    assert borrowed.columns[2].multiplier == 1000 and detect_bytes(other, "b.csv").columns[2].multiplier is None
    assert not holds
    assert _deferred(first, (header + "".join(f"2024-01-{d:02d},ABC,{21 + d}.5\n"
                                              for d in (2, 3, 4, 5, 8, 9))).encode())[1]


def test_a_declared_scale_the_lenders_values_already_count_holds_only_where_the_files_do():
    # January's volumes under "Volume ('000)" are all whole thousands: counted already, read as
    # written. February's are thousands (1,201.5): detected alone, x1000; under January's schema
    # they loaded as 1,201.5 shares, a thousandth of each, every row, unseen.
    header = "Date,Ticker,Close,Volume ('000)\n"
    first = (header + "".join(f"2024-01-{d:02d},ABC,10.5,{(1200 + d) * 1000}\n" for d in (2, 3, 4, 5, 8, 9))).encode()
    other = (header + "".join(f"2024-02-{d:02d},ABC,10.5,{1200 + d}.5\n" for d in (1, 2, 5, 6, 7))).encode()
    names = ("prices_jan.csv", "prices_feb.csv")
    borrowed, holds = _deferred(first, other, names)
    assert borrowed.columns[3].multiplier is None and detect_bytes(other, names[1]).columns[3].multiplier == 1000
    assert not holds
    # and a sibling whose volumes are whole thousands too still borrows it
    again = (header + "".join(f"2024-02-{d:02d},ABC,10.5,{(1300 + d) * 1000}\n" for d in (1, 2, 5, 6, 7))).encode()
    assert _deferred(first, again, names)[1]

HEADER = b"Date,Open,High,Low,Close,Volume\n"
MONTH_FIRST = HEADER + b"".join(b"01/%02d/2024,10,11,9,10.5,100\n" % d for d in range(15, 27))  # January: day > 12
# Twelve trading days of February written day first: each value also parses month first (a month a row).
FEBRUARY = [2, 5, 6, 7, 8, 9, 12]
DAY_FIRST = HEADER + b"".join(b"%02d/02/2024,10,11,9,10.5,100\n" % d for d in FEBRUARY)
# Two files of one office: a schema whose dates name a day and a month is lent only within a source.
ONE_OFFICE = ("close_001.csv", "close_002.csv")


def test_a_borrowed_day_month_order_the_files_own_dates_contradict_does_not_hold():
    import datetime as dt

    from backintime_assets.ingestion.survey import survey_file

    assert detect_bytes(DAY_FIRST, "close_002.csv").columns[0].format == "%d/%m/%Y"  # on its own: February
    borrowed, holds = _deferred(MONTH_FIRST, DAY_FIRST, ONE_OFFICE)
    assert borrowed.columns[0].format == "%m/%d/%Y" and not holds
    # The survey (and so the manifest's dates and the stored schema) reads it as detected alone.
    survey = survey_file(lambda o, n: DAY_FIRST[o:o + n], len(DAY_FIRST), "close_002.csv", borrowed)
    assert survey.dates == [dt.date(2024, 2, d) for d in FEBRUARY]
    assert survey.schema_dict()["columns"][0]["format"] == "%d/%m/%Y"


@pytest.mark.parametrize("other", [
    HEADER + b"02/05/2024,10,11,9,10.5,100\n" * 3,  # one date, nothing in the file says its order: the template's
    HEADER + b"".join(b"02/%02d/2024,10,11,9,10.5,100\n" % d for d in (12, 13, 14, 15)),  # a day above 12
])
def test_a_borrowed_day_month_order_holds_where_the_files_dates_agree_or_cannot_tell(other):
    assert _deferred(MONTH_FIRST, other, ONE_OFFICE)[1]


def test_a_days_list_dated_by_its_name_does_not_lend_its_date_to_a_sibling():
    # TWSE's STOCK_DAY_ALL exports: the same header every day, the date only in the name.
    data = b"Code,Name,Open,High,Low,Close\n0050,A,130.2,131.8,129.9,131.5\n1101,B,32.3,32.7,32.1,32.7\n"
    first = detect_bytes(data, "STOCK_DAY_ALL_20240102.csv")
    assert first.day == "2024-01-02"
    memory = LayoutMemory()
    memory.learn(data, first)
    assert memory.borrow(data, "STOCK_DAY_ALL_20240103.csv") is None


def test_a_sites_name_for_every_download_does_not_borrow_a_schema_that_loads_it_under_the_name():
    # WSJ's downloads: the same header bytes for every index, "HistoricalPrices.csv" the name of each.
    # Lent DJI.csv's schema, the download loaded as ticker HISTORICALPRICES, past the refusal its own
    # detection makes (detection/nameless.py).
    data = (b"Date, Open, High, Low, Close\n01/16/24, 37715.04, 37787.05, 37359.76, 37430.19\n"
            b"01/12/24, 37566.22, 37788.60, 37460.89, 37715.04\n")
    memory = LayoutMemory()
    memory.learn(data, detect_bytes(data, "DJI.csv"))
    assert memory.borrow(data, "SPX.csv") is not None
    assert memory.borrow(data, "HistoricalPrices (1).csv") is None



def _by_tenor(wide: bool, days: list[tuple[float, float, float]]) -> bytes:
    if wide:
        return ("Date,1W,1M,3M\n" + "".join(f"2024-01-0{d},{a},{b},{c}\n"
                                             for d, (a, b, c) in zip((2, 3, 4), days))).encode()
    return ("Date,Tenor,Rate\n" + "".join(f"2024-01-0{d},{t},{v}\n" for d, row in zip((2, 3, 4), days)
                                          for t, v in zip(("1W", "1M", "3M"), row))).encode()


@pytest.mark.parametrize("wide", [True, False])
def test_a_rates_term_table_lends_no_sibling_its_tenors(wide):
    # A term table loads only where its name names the rate and its numbers move as fixings (tenors.py):
    # lent euribor.csv's schema, a fund's returns by window of the same header loaded as FUND_RETURNS 1W.
    euribor = _by_tenor(wide, [(3.878, 3.861, 3.909), (3.881, 3.859, 3.912), (3.880, 3.860, 3.919)])
    returns = _by_tenor(wide, [(0.42, 1.85, 4.10), (-0.31, 1.20, 3.95), (0.12, 1.33, 4.02)])
    memory = LayoutMemory()
    memory.learn(euribor, detect_bytes(euribor, "euribor.csv"))
    assert memory.borrow(returns, "fund_returns.csv") is None
    assert len(normalise_bytes(returns, detect_bytes(returns, "fund_returns.csv"), "fund_returns.csv").prices) == 0

_CLOSES = b"Date,Close\n2024-08-30,5600.25\n2024-09-03,5530.5\n"


@pytest.mark.parametrize(("data", "lender", "name", "borrows"), [
    # A daily drop's day is its download's: its sibling's is too, cut as its own detection cuts it.
    (_CLOSES, "ES_2024-09-03.csv", "ES_2024-09-04.csv", True), (_CLOSES, "ES.csv", "NQ.csv", True),
    # An expiry's day is kept by the data's last day: a contract's own, which a sibling's schema does not
    # hold. Lent ES_2024-12-20's, ES_2025-03-21 had loaded as ES, or ES_2024-12-20 lent ES.csv's.
    (_CLOSES, "ES_2024-12-20.csv", "ES_2025-03-21.csv", False), (_CLOSES, "ES.csv", "ES_2024-12-20.csv", False),
    # Rows a column names: the name's day names none of them, any sibling borrows.
    (b"Date,Symbol,Close\n2024-08-30,ES,5600.25\n2024-09-03,ES,5530.5\n", "ES_2024-12-20.csv", "ES_2025-03-21.csv",
     True),
])
def test_a_name_of_a_day_borrows_only_a_download_days_schema(data, lender, name, borrows):
    memory = LayoutMemory()
    memory.learn(data, detect_bytes(data, lender))
    assert (memory.borrow(data, name) is not None) is borrows
def test_a_sites_name_for_every_download_borrows_a_schema_whose_rows_name_their_tickers():
    # Its rows name their tickers (a ticker column): its name names nothing it loads, detected alone it
    # is no refusal, and the schema it borrows reads what its own does (the name is not worked out).
    data = b"Date,Ticker,Open,High,Low,Close\n2024-01-16,AAA,10,11,9,10.5\n2024-01-16,BBB,20,21,19,20.5\n"
    memory = LayoutMemory()
    memory.learn(data, detect_bytes(data, "prices_a.csv"))
    own = detect_bytes(data, "HistoricalPrices (1).csv")
    assert own.problem is None
    borrowed = memory.borrow(data, "HistoricalPrices (1).csv")
    assert borrowed is not None and borrowed.borrowed_from == "prices_a.csv"
    got = normalise_bytes(data, borrowed, "HistoricalPrices (1).csv").prices_arrow
    assert got.to_pylist() == normalise_bytes(data, own, "HistoricalPrices (1).csv").prices_arrow.to_pylist()
    assert got["ticker"].to_pylist() == ["AAA", "BBB"]


def _wrapped_rows(seed: int) -> list[str]:
    return [f'"2024-01-{d:02d},{seed}{d}.5,""1,{d:03d},000"""' for d in range(2, 30)]


def test_a_wrapped_tables_schema_is_borrowed_with_its_unwrapping_and_holds():
    first = ("\n".join(['"Date,Close,Volume"', *_wrapped_rows(1)]) + "\n").encode()
    other = ("\n".join(['"Date,Close,Volume"', *_wrapped_rows(2)]) + "\n").encode()
    borrowed, holds = _deferred(first, other)
    assert borrowed.wrapped == '"' and holds


def test_a_plain_schema_does_not_hold_on_a_sibling_whose_rows_are_quoted_whole():
    # The same bare header, its rows pasted in quoted whole: the neighbour's plain reading makes
    # each row one field. The proof fails, and the file is read with its own (unwrapped) schema.
    first = ("\n".join(["Date,Close,Volume", *[r[1:-1].replace('""', '"') for r in _wrapped_rows(1)]]) + "\n").encode()
    other = ("\n".join(["Date,Close,Volume", *_wrapped_rows(2)]) + "\n").encode()
    borrowed, holds = _deferred(first, other)
    assert borrowed.wrapped is None and not holds
    task = FileTask("b.csv", "b.csv", borrowed.to_json(), dt.date(2024, 1, 1), 0)
    rows = parse_group([other], FileGroup([task], task.schema_json))
    own = detect_bytes(other, "b.csv")
    assert own.wrapped == '"'
    loaded = rows.filter(pc.equal(rows["status"], LOADED))["volume"].to_pylist()
    assert loaded == normalise_bytes(other, own, "b.csv").prices_arrow["volume"].to_pylist()
    assert len(loaded) == 20 and loaded[0] == 1_002_000  # the weekdays of 2024-01-02..29


def test_a_sibling_whose_header_names_another_ticker_does_not_borrow_the_firsts():
    # yfinance downloads of two tickers: the same bytes before the data but for the "Ticker" row.
    def download(ticker: bytes) -> bytes:
        return (b"Price,Close,Volume\nTicker," + ticker + b"," + ticker + b"\nDate,,\n"
                + b"".join(b"2024-01-%02d,%d.5,1000%d\n" % (d, 100 + d, d) for d in (2, 3, 4, 5, 8, 9)))
    first = detect_bytes(download(b"AAPL"), "a.csv")
    assert first.ticker == "AAPL"
    memory = LayoutMemory()
    memory.learn(download(b"AAPL"), first)
    assert memory.borrow(download(b"MSFT"), "b.csv") is None
    borrowed = memory.borrow(download(b"AAPL"), "c.csv")
    assert borrowed is not None and borrowed.ticker == "AAPL"


def _close_file(days: list[int], fmt: bytes) -> bytes:
    return HEADER + b"".join(fmt % d + b",10,11,9,10.5,100\n" for d in days)


def test_a_day_and_month_order_is_lent_only_to_files_of_the_lenders_source():
    # One generic header, written by a European office (day first, proven by days above 12) and a US
    # one whose "02/01/2024" proves nothing: under the European "%d/%m/%Y", 1 February loaded as 2 January.
    european = _close_file([15, 16, 17, 18, 19], b"%02d/01/2024")
    us_first, us_later = _close_file([1], b"02/%02d/2024"), _close_file([2], b"02/%02d/2024")
    memory = LayoutMemory()
    memory.learn(european, detect_bytes(european, "eu_close_010.csv"))
    assert memory.borrow(us_first, "us_close_001.csv") is None  # detected on its own: its own guess
    assert memory.borrow(us_first, "elsewhere/eu_close_011.csv") is None  # another folder, another office
    # unless its own first rows prove the order (a day above 12): it reads so alone too.
    assert memory.borrow(european, "elsewhere/eu_close_011.csv").borrowed_from == "eu_close_010.csv"
    borrowed = memory.borrow(_close_file([2], b"%02d/01/2024"), "eu_close_001.csv")
    assert borrowed.borrowed_from == "eu_close_010.csv" and borrowed.columns[0].format == "%d/%m/%Y"
    # The US office's first file, detected alone, lends its own reading to its office's later files.
    own = detect_bytes(us_first, "us_close_001.csv")
    assert own.columns[0].format == "%m/%d/%Y"
    memory.learn(us_first, own)
    borrowed = memory.borrow(us_later, "us_close_002.csv")
    assert borrowed.borrowed_from == "us_close_001.csv" and borrowed.columns[0].format == "%m/%d/%Y"
    assert memory.borrow(_close_file([3], b"%02d/01/2024"), "eu_close_002.csv").borrowed_from == "eu_close_010.csv"


def test_an_iso_dated_schema_is_lent_to_a_file_of_any_source():
    # Year, month, day is the order detection reads unless the values prove another: nothing to take.
    first, other = _close_file([15, 16], b"2024-01-%02d"), _close_file([2], b"2024-02-%02d")
    borrowed, holds = _deferred(first, other, ("eu_close_010.csv", "us_close_001.csv"))
    assert borrowed.columns[0].format == "%Y-%m-%d" and holds


def _history(days: list[dt.date], fmt: str) -> bytes:
    return b"Datum;Schluss;Volumen\n" + b"".join(f"{d.strftime(fmt)};10,5;100\n".encode() for d in days)


def test_another_sources_day_and_month_order_is_lent_where_the_files_own_first_rows_prove_it():
    # A folder of one ticker's history a file, named by its ticker (a source each), dotted day first:
    # each file's first rows hold a day above 12, so it would read the order alone, and borrows it
    # rather than cost a detection apiece.
    days = [dt.date(2022, 1, 3) + dt.timedelta(i) for i in range(60)]
    days = [d for d in days if d.weekday() < 5]
    first, other = _history(days, "%d.%m.%Y"), _history(days[5:], "%d.%m.%Y")
    memory = LayoutMemory()
    memory.learn(first, detect_bytes(first, "kurse/SAP.csv"))
    borrowed = memory.borrow(other[:4096], "kurse/BMW.csv")
    assert borrowed is not None and borrowed.borrowed_from == "kurse/SAP.csv"
    assert borrowed.columns[0].format == "%d.%m.%Y"
    assert holds_on_whole_file(normalise_bytes(other, borrowed, "kurse/BMW.csv"), borrowed.to_dict())
    # Not where its first rows leave the order to the separator's custom (a day up to 12, one date), nor
    # where they prove the other order: each is read as its own office's.
    assert memory.borrow(_history([dt.date(2024, 2, 1)] * 3, "%d.%m.%Y"), "kurse/VOW.csv") is None
    assert memory.borrow(_history(days, "%m.%d.%Y"), "kurse/ADS.csv") is None


def test_a_prices_declared_scale_the_lenders_values_already_count_holds_only_where_the_files_do():
    # The template's 23,500 under "Close (K)" count dong already (read as written); a sibling's 23.5
    # are thousands: detected alone x1000, under the template read as 23.5 dong, a thousandfold low.
    header = "Date,Ticker,Close (K)\n"
    first = (header + "".join(f'2024-01-{d:02d},ABC,"{23_000 + 50 * d:,}"\n' for d in (2, 3, 4, 5, 8, 9))).encode()
    other = (header + "".join(f"2024-01-{d:02d},ABC,{20 + d}.55\n" for d in (2, 3, 4, 5, 8, 9))).encode()
    borrowed, holds = _deferred(first, other)
    assert borrowed.columns[2].multiplier is None and detect_bytes(other, "b.csv").columns[2].multiplier == 1000
    assert not holds
    assert _deferred(first, (header + "".join(f'2024-01-{d:02d},ABC,"{24_000 + 50 * d:,}"\n'
                                              for d in (2, 3, 4, 5, 8, 9))).encode())[1]


def test_a_file_of_dates_typed_in_the_other_order_does_not_borrow_a_siblings_plain_day_first_schema():
    # export_01 holds the 15th-31st of August typed day first (text alone: nothing to swap); export_02,
    # of the same office and header, dates typed day first into US Excel and saved by pandas: its date
    # cells read as stored under export_01's "%d/%m/%Y", every row read, 27 of 87 on wrong days.
    def csv_of(cells):
        return ("Date,Close\n" + "".join(f"{c},{10 + k}\n" for k, c in enumerate(cells))).encode()

    def weekdays(first, last):
        return [d for d in (first + dt.timedelta(k) for k in range((last - first).days + 1)) if d.weekday() < 5]

    plain = csv_of(d.strftime("%d/%m/%Y") for d in weekdays(dt.date(2022, 8, 15), dt.date(2022, 8, 31)))
    days = weekdays(dt.date(2022, 9, 1), dt.date(2022, 12, 30))
    swapped = csv_of(dt.date(d.year, d.day, d.month).isoformat() if d.day <= 12 else d.strftime("%d/%m/%Y")
                     for d in days)
    memory = LayoutMemory()
    memory.learn(plain, detect_bytes(plain, "export_01.csv"))
    assert memory.borrow(plain, "export_03.csv") is not None
    assert memory.borrow(swapped, "export_02.csv") is None
    own = detect_bytes(swapped, "export_02.csv")
    assert own.columns[0].swapped_cells is not None
    assert normalise_bytes(swapped, own, "export_02.csv").prices.date.dt.date.tolist() == days


_TO_EXPIRY = b"Date,Close\n2024-12-19,6050.25\n2024-12-20,5980.5\n"


@pytest.mark.parametrize(("name", "holds"), [
    # Lent by a contract whose data ends on its expiry (its name's day, cut as a download's): the next
    # contract's day is weeks after the same data, its own. Held, it had loaded as ES (silent), where
    # detected alone it loads as ES_2025-03-21: the outcome hung on which files shared a Spark slice.
    ("ES_2025-03-21.csv", False),
    # A daily drop's next day, or a name without a day: the lender's schema names its rows alike.
    ("ES_2024-12-23.csv", True), ("NQ.csv", True),
])
def test_a_borrowed_schema_holds_only_where_the_files_own_data_cuts_its_names_day(name, holds):
    borrowed, held = _deferred(_TO_EXPIRY, _TO_EXPIRY, ("ES_2024-12-20.csv", name))
    assert held is holds


_DAILY_DROP = b"Date,Ticker,Close\n2024-12-19,ES,6050.25\n2024-12-20,NQ,21000.5\n"


@pytest.mark.parametrize(("data", "names", "holds"), [
    (_TO_EXPIRY, ("ES_2024-12-20.csv", "ES_2025-03-21.csv"), False),
    (_DAILY_DROP, ("drop_2024-12-20.csv", "drop_2025-03-21.csv"), True),  # a ticker column names the rows
])
def test_the_names_day_is_weighed_on_the_schema_as_given(monkeypatch, data, names, holds):
    """Asked of every borrowing file of a daily drop: on the dict, never a FileSchema built for it."""
    memory = LayoutMemory()
    memory.learn(data, detect_bytes(data, names[0]))
    borrowed = memory.borrow(data, names[1])
    result = normalise_bytes(data, borrowed, names[1])

    def built(*_):
        raise AssertionError("a FileSchema built to weigh a borrowed schema")
    monkeypatch.setattr(FileSchema, "from_dict", built)
    assert holds_on_whole_file(result, borrowed.to_dict()) is holds


def test_a_name_is_read_for_its_day_only_where_it_names_the_rows(monkeypatch):
    """A daily drop's rows name their tickers: its files' names are not read for a day (a regex each)."""
    import backintime_assets.ingestion.shared_layouts as shared_layouts

    memory = LayoutMemory()
    memory.learn(_DAILY_DROP, detect_bytes(_DAILY_DROP, "drop_2024-12-20.csv"))

    def read(name):
        raise AssertionError(f"{name} read for a day")
    monkeypatch.setattr(shared_layouts, "dated_name", read)
    borrowed = memory.borrow(_DAILY_DROP, "drop_2025-03-21.csv")
    assert borrowed is not None
    assert holds_on_whole_file(normalise_bytes(_DAILY_DROP, borrowed, borrowed.file), borrowed.to_dict())
