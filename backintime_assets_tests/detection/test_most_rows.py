"""A search of most rows finds what a rule needs in nine rows in ten, three at least, and stops at the
row that leaves too few: a file holding none of it is searched a tenth of the way."""
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
