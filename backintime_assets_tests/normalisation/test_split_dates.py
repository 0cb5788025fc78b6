from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation.normalise import normalise_bytes
from backintime_assets.normalisation.split_dates import split_date_reason

# A CoinMarketCap-style historical table saved as CSV (a test fixture's "bitcoin-historical-data.csv"):
# the dates keep their comma and no quotes, so each row is one field wider than the header.
_CMC = (b'Date,Open,High,Low,Close,Volume,Market Cap\n'
        b'Jul 09, 2026,100.11,105.22,99.33,104.44,"2,000,000","1,976,000,000"\n'
        b'Jul 10, 2026,104.44,106.55,103.66,105.77,"2,500,000","2,010,000,000"\n'
        b'Jul 13, 2026,105.77,107.00,104.10,106.20,"2,100,000","2,020,000,000"\n')


def test_unquoted_dates_cut_by_their_comma_are_named_in_the_refusal():
    schema = detect_bytes(_CMC, "bitcoin-historical-data.csv")
    result = normalise_bytes(_CMC, schema, "bitcoin-historical-data.csv")
    assert len(result.prices) == 0
    assert "'Jul 09' and the field after it '2026'" in result.file_problem
    assert "check its date format" not in result.file_problem


def test_month_day_cells_without_years_beside_them_say_nothing():
    assert split_date_reason("Date", ["Jul 09", "Jul 10"], ["100.11", "104.44"]) is None
    assert split_date_reason("Date", ["2026-07-09"], ["2026"]) is None
    assert split_date_reason("Date", [], []) is None


def test_a_header_that_names_the_year_apart_is_not_told_its_dates_were_cut():
    # Rows as wide as the header: nothing was cut, and no field is "more than its header".
    text = b"Date,Year,Open,High,Low,Close\nJul 09,2026,1,2,0.5,1.5\nJul 10,2026,1,2,0.5,1.6\n"
    schema = detect_bytes(text, "year_apart.csv")
    result = normalise_bytes(text, schema, "year_apart.csv")
    assert len(result.prices) == 0
    assert "cut in two" not in result.file_problem
