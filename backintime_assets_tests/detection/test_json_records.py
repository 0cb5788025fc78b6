"""A file of JSON lines is refused for what it is, not read as a table whose first record is a header."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.json_records import JSON_LINES, json_lines_problem
from backintime_assets.normalisation import normalise_bytes

RECORDS = ('{"date": "2014-02-28", "open": 10680, "high": 10720, "low": 10604, "close": 10657, "settle": 10670}\n'
           '{"date": "2014-03-03", "open": 10400, "high": 10403, "low": 10263, "close": 10298, "settle": 10307}\n'
           '{"date": "2014-03-04", "open": 10310, "high": 10330, "low": 10256, "close": 10306, "settle": 10292}\n')


def test_json_lines_are_refused_for_what_they_are():
    # Read as a table, the first record was its header and the file was refused for "no date or
    # close column", though each record names both.
    schema = detect_bytes(RECORDS.encode(), "PP.csv")
    assert schema.problem == JSON_LINES
    result = normalise_bytes(RECORDS.encode(), schema, "PP.csv")
    assert result.file_problem == JSON_LINES
    assert len(result.prices) == 0


@pytest.mark.parametrize("text", [
    "Date,Close\n2024-01-02,1.5\n",
    '{"date": "2024-01-02"}\nDate,Close\n2024-01-02,1.5\n',  # one object over a table
    "{a},{b}\n{c},{d}\n",  # braces, no JSON
    "[1, 2]\n[3, 4]\n",  # arrays are not records
])
def test_tables_and_other_lines_are_not_json_lines(text):
    assert json_lines_problem(text) is None


class _Unsplittable(str):
    def splitlines(self, keepends=False):
        raise AssertionError("split into lines")


def test_a_tables_sample_is_not_split_into_lines():
    # Every file's sample (up to 2 MB) comes here: one not opening with a brace is ruled out by its
    # first character, not split into lines first (0.4 ms a 64 KB sample, 15 ms a 2 MB one).
    assert json_lines_problem(_Unsplittable("Date,Close\n2024-01-02,1.5\n" * 1000)) is None
