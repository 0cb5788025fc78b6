import re

from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection.joined import SEP, joined, joined_regex

_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_CELLS = st.lists(st.text(alphabet="0123456789.+-ab \t,", max_size=8), max_size=40)


def count(cells, core):
    return len(joined_regex(core).findall(joined(cells)))


def test_counts_the_cells_matched_from_end_to_end():
    cells = ["12", "1.5", "x1", "1.5x", "-3", "", " 7", "1.2.3"]
    assert count(cells, _NUMBER) == 3  # "12", "1.5", "-3"


def test_a_match_never_spans_two_cells():
    # "1" + "5" side by side must not read as "1.5" or "15" across the separator.
    assert count(["1", ".5", "5"], r"\d+\.\d+") == 0
    assert count(["1", "5"], r"\d+") == 2


def test_cells_holding_the_separator_cannot_be_joined():
    assert joined(["a", f"b{SEP}c"]) is None
    assert joined([]) == SEP + SEP
    assert joined(["a", "b"]) == f"{SEP}a{SEP}b{SEP}"


@given(_CELLS)
def test_joined_count_equals_a_match_per_cell(cells):
    whole = re.compile(rf"^(?:{_NUMBER})$")
    assert count(cells, _NUMBER) == sum(1 for c in cells if whole.match(c))
