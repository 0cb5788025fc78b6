import re

import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.format_regex import format_regex


def test_the_captured_field_is_caught_and_spaces_read_as_asked():
    rx = format_regex("%d %b %Y", "d", r"\s*")
    assert re.fullmatch(rx, "21 Mar  2012")["d"] == "21"
    assert re.fullmatch(format_regex("%d-%b-%Y", "bB", " +"), "12-Mär.-2021")["b"] == "Mär."
    assert re.fullmatch(format_regex("%d %B %Y", "bB", " +"), "5 janvier 2021")["b"] == "janvier"
    assert re.fullmatch(format_regex("%d %b %Y", "bB", " +"), "5janv2021") is None


def test_no_regex_without_the_field_or_with_an_unknown_directive():
    assert format_regex("%Y-%m", "d", r"\s*") is None
    assert format_regex("%d %U %Y", "d", r"\s*") is None


def test_arrow_reads_the_same_regex():
    # The rollover check runs it with Arrow's RE2, month names with Python's re.
    rx = format_regex("%a, %d %b %Y %H:%M", "d", r"\s*")
    caught = pc.extract_regex(pa.array(["Mon, 01 Mar 2021 10:00", "garbage"]), rx)
    assert caught.is_valid().to_pylist() == [True, False] and caught.field("d")[0].as_py() == "01"
