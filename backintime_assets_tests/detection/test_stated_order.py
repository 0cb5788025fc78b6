from datetime import date

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.columns import ColumnType
from backintime_assets.detection.day_date import title_days
from backintime_assets.detection.stated_order import stated_order
from backintime_assets.normalisation import normalise_bytes

def _rows(extra: str = "", stamp: str = "") -> str:
    rows = (f"03/04/2024,{t},{c}{stamp}\n" for t, c in (("ACME", 12.5), ("BHP", 13.5)))
    return f"Date,Ticker,Close{extra}\n" + "".join(rows)


def _dates(data: bytes, name: str = "prices.csv") -> set[date]:
    schema = detect_bytes(data, name)
    return set(normalise_bytes(data, schema, name).prices_arrow.column("date").to_pylist())


def test_a_title_spelling_the_day_settles_a_lone_dates_order():
    # An office's day, "03/04/2024" on every row (3 April), its title spelling the day: by the slash's
    # custom it loaded as 4 March, silently.
    rows = _rows()
    for title in ("Closing prices as of 3 April 2024", "Trade date: 2024-04-03", "Kurse vom 03.04.2024"):
        assert _dates(f"{title}\n{rows}".encode()) == {date(2024, 4, 3)}
    # and the other way round: 4 March stated, the rows read month first as they would be anyway.
    assert _dates(f"Prices for March 4, 2024\n{rows}".encode()) == {date(2024, 3, 4)}


def test_a_timestamp_of_the_rows_day_settles_their_dates_order():
    data = _rows(",Updated", ",2024-04-03T17:30:00").encode()
    assert _dates(data) == {date(2024, 4, 3)}
    # Written after midnight, the night after: the stamp's day before is the rows' too.
    data = _rows(",Updated", ",2024-04-04 00:15:00").encode()
    assert _dates(data) == {date(2024, 4, 3)}


def test_no_day_stated_one_way_only_leaves_the_guess():
    guess = [ColumnType("date", "%m/%d/%Y", 0.4), ColumnType("float", None, 1.0)]
    body = [["03/04/2024", "12.5"]]
    # A title of its own ambiguous date, a day the file was made, a day neither reading is: nothing stated.
    for title in ("Prices as of 03/04/2024", "Generated: 2024-04-03", "Generated 3 April 2024 17:30",
                  "Trade date: 2024-04-05"):
        assert stated_order(guess, body, lambda: [(0, title)]) == guess
    # A stamp far from both readings (an expiry), or one row's near each: no statement.
    stamped = [*guess, ColumnType("timestamp", "%Y-%m-%d %H:%M", 1.0)]
    for stamps in (["2024-06-21 16:00"], ["2024-04-03 17:00", "2024-03-04 17:00"]):
        body = [["03/04/2024", "12.5", s] for s in stamps]
        assert stated_order(stamped, body, list) == stamped


def test_an_order_the_values_prove_is_not_restated():
    proven = [ColumnType("date", "%m/%d/%Y", 1.0)]
    assert stated_order(proven, [["03/14/2024"]], lambda: [(0, "Prices as of 3 April 2024")]) == proven


def test_title_days_are_those_spelled_one_way_only_and_not_when_the_file_was_made():
    assert title_days([(0, "Prices as of 3 April 2024"), (1, "Trade date: 2024-04-05")]) == {
        date(2024, 4, 3), date(2024, 4, 5)}
    assert title_days([(0, "Prices as of 03/04/2024"), (1, "Exported 2024-04-05"), (2, "at 17:30 on 2024-04-06")]) \
        == set()


def test_a_day_of_another_event_states_no_order():
    # A British office's 3 April, "03/04/2024", under a title or beside a stamp of another day that happens
    # to be the rows' other reading (4 March): the day before's close, an ex-dividend day, a review's, a
    # period's bounds, a settlement or an expiry. Each settled month first (4 March) at a certainty its
    # siblings could no longer overturn; now the order stays a guess for them to settle.
    rows = _rows()
    for title in ("Previous close 4 March 2024", "Ex-dividend 4 March 2024", "Closing prices, next review 4 March 2024",
                  "Month to date: 1 March 2024 - 4 March 2024", "Fund launched 4 March 2024"):
        assert title_days([(0, title)]) == set(), title
    for extra, stamp in ((",Settlement", ",2024-03-05T00:00:00"), (",Expiry", ",2024-03-04T16:00:00")):
        schema = detect_bytes(_rows(extra, stamp).encode(), "prices.csv")
        assert next(c.confidence for c in schema.columns if c.name == "Date") <= 0.5, extra
    assert title_days([(0, "From 4 March 2024")]) == set()  # a bound
    # A title of the prices' own day still states it, and so does a period of that one day (Euronext's).
    assert _dates(f"Closing prices 3 April 2024\n{rows}".encode()) == {date(2024, 4, 3)}
    assert title_days([(0, "From 2024-04-03 to 2024-04-03")]) == {date(2024, 4, 3)}
