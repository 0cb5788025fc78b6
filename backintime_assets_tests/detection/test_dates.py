import pytest

from backintime_assets.detection.dates import infer_date_format


@pytest.mark.parametrize(
    ("values", "kind", "fmt"),
    [
        (["2020-01-02", "2020-01-03"], "date", "%Y-%m-%d"),
        (["2020/01/02", "2020/01/03"], "date", "%Y/%m/%d"),
        (["02/01/2020", "13/01/2020"], "date", "%d/%m/%Y"),
        (["01/02/2020", "01/13/2020"], "date", "%m/%d/%Y"),
        (["2.1.2020", "13.1.2020"], "date", "%d.%m.%Y"),
        (["02-01-20", "25-01-20"], "date", "%d-%m-%y"),
        (["Jan 02, 2020", "Feb 13, 2020"], "date", "%b %d, %Y"),
        (["January 2 2020", "March 13 2020"], "date", "%B %d %Y"),
        (["02-Jan-2020", "13-Feb-2020"], "date", "%d-%b-%Y"),
        (["2 January 2020"], "date", "%d %B %Y"),
        (["Thu, 02 Jan 2020", "Fri, 03 Jan 2020"], "date", "%a, %d %b %Y"),
        (["20200102", "20200103"], "date", "%Y%m%d"),
        (["2020-01-02 09:30:00", "2020-01-02 16:00:00"], "timestamp", "%Y-%m-%d %H:%M:%S"),
        (["2020-01-02T09:30:00Z", "2020-01-02T09:30:00+01:00"], "timestamp", "%Y-%m-%dT%H:%M:%S%z"),
        (["2020-01-02 09:30:00.250"], "timestamp", "%Y-%m-%d %H:%M:%S.%f"),
        (["1/2/2020 1:30 PM", "1/13/2020 10:00 AM"], "timestamp", "%m/%d/%Y %I:%M %p"),
    ],
)
def test_formats(values, kind, fmt):
    guess = infer_date_format(values)
    assert (guess.type, guess.format) == (kind, fmt)
    assert guess.fraction == 1.0


def test_day_first_from_sequence_when_no_value_exceeds_12():
    # Consecutive trading days: the first field changes every row, the second stays.
    days = ["02/01/2020", "03/01/2020", "06/01/2020", "07/01/2020", "08/01/2020"]
    guess = infer_date_format(days)
    assert guess.format == "%d/%m/%Y"
    assert guess.confidence < 1.0
    months_first = ["01/02/2020", "01/03/2020", "01/06/2020", "01/07/2020"]
    assert infer_date_format(months_first).format == "%m/%d/%Y"


def test_values_beyond_12_settle_the_order_with_full_confidence():
    guess = infer_date_format(["05/04/2020", "28/04/2020"])
    assert guess.format == "%d/%m/%Y" and guess.confidence == 1.0


@pytest.mark.parametrize("values", [["hello", "world"], ["1.5", "2.5"], ["2020-13-45"], ["12345"], [""]])
def test_not_dates(values):
    assert infer_date_format(values) is None


def test_fraction_counts_values_that_do_not_parse():
    guess = infer_date_format(["2020-01-02"] * 9 + ["2020-02-30"])
    assert guess.format == "%Y-%m-%d"
    assert guess.fraction == pytest.approx(0.9)
