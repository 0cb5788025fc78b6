"""A search of most rows finds what a rule needs in nine rows in ten, three at least, and stops at the
row that leaves too few: a file holding none of it is searched a tenth of the way."""
from hypothesis import given, settings
from hypothesis import strategies as st

from backintime_assets.detection.most_rows import found_in_most


def _finder(seen: list[str]):
    def find(row: str) -> str | None:
        seen.append(row)
        return row.upper() if row.startswith("span") else None
    return find


def test_nine_rows_in_ten_are_found_in_their_order():
    rows = [f"span {k}" for k in range(9)] + ["plain"]
    seen: list[str] = []
    assert found_in_most(rows, _finder(seen), 3, 0.9) == [f"SPAN {k}" for k in range(9)]
    assert seen == rows


def test_eight_rows_in_ten_are_too_few_and_the_search_stops_at_the_second_miss():
    rows = ["plain", "span 1", "plain", "span 3", "plain", "span 5", "span 6", "span 7", "span 8", "span 9"]
    seen: list[str] = []
    assert found_in_most(rows, _finder(seen), 3, 0.9) is None
    assert seen == rows[:3]  # one miss of ten allowed: the second decides it


def test_rows_holding_none_are_searched_a_tenth_of_the_way():
    rows = ["plain"] * 200
    seen: list[str] = []
    assert found_in_most(rows, _finder(seen), 3, 0.9) is None
    assert len(seen) == 21  # twenty misses allowed in two hundred rows


def test_fewer_rows_than_the_least_find_nothing_however_many_hold_it():
    assert found_in_most(["span 1", "span 2"], _finder([]), 3, 0.9) is None
    assert found_in_most([], _finder([]), 3, 0.9) is None
    assert found_in_most(["span 1", "span 2", "span 3"], _finder([]), 3, 0.9) == ["SPAN 1", "SPAN 2", "SPAN 3"]


@st.composite
def _rows_that_hold_about_nine_in_ten(draw) -> list[bool]:
    """Whether each row holds it: misses about a tenth of the rows (63 in 70 hold it at exactly nine in ten,
    where 0.9 * 70 is 63.00000000000001 as a float), anywhere, at the start, or the rows holding it at the end."""
    count = draw(st.integers(0, 230))
    misses = min(count, draw(st.integers(max(0, count // 10 - 2), count // 10 + 2)))
    where = draw(st.sampled_from(["anywhere", "first", "last"]))
    if where == "anywhere":
        missed = set(draw(st.permutations(range(count)))[:misses])
    else:
        missed = set(range(misses) if where == "first" else range(count - misses, count))
    return [k not in missed for k in range(count)]


@settings(max_examples=200, deadline=None)
@given(_rows_that_hold_about_nine_in_ten(), st.integers(0, 5), st.sampled_from([0.9, 0.9, 2 / 3, 1.0, 0.0]))
def test_the_search_that_stops_early_answers_as_one_that_reads_every_row(holds, least, share):
    # Whatever stops the search, the answer is the rule's count over every row: what each found, in its order.
    rows = list(range(len(holds)))
    seen: list[int] = []

    def find(k: int) -> int | None:
        seen.append(k)
        return k if holds[k] else None

    every = [k for k in rows if holds[k]]
    enough = len(every) >= least and len(every) >= share * len(rows)
    assert found_in_most(rows, find, least, share) == (every if enough else None)
    assert seen == rows[:len(seen)] and (not enough or seen == rows)  # in order; all read where it answers
