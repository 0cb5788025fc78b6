from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection.joined import joined, joined_regex
from backintime_assets.detection.shapes import joined_shapes, matched_shapes, shape_hits, shape_of

# Digits, the marks numbers and dates are written with, letters, blanks, a Unicode digit (Arabic-
# Indic three), a superscript two and a lone surrogate (an undecodable byte kept by surrogateescape).
_CELL_CHARS = "0123456789.,' \u00a0\u202f\u2019+-eE$€%:/TaZ_\t\u0663\u00b2\udcff"
_cells = st.lists(st.text(alphabet=_CELL_CHARS, max_size=12), min_size=1, max_size=20)


def test_shape_writes_every_ascii_digit_as_zero_and_leaves_the_rest():
    assert shape_of("28,9658") == "00,0000"
    assert shape_of("1.234,50 €") == "0.000,00 €"
    assert shape_of("AAPL 2020-01-02") == "AAPL 0000-00-00"
    assert shape_of("\u0663\u00b2x9") == "\u0663\u00b2x0"  # only ASCII digits change
    assert shape_of("\udcff7") == "\udcff0"  # a lone surrogate passes through


@given(_cells)
def test_joined_shapes_are_the_shape_of_each_cell(cells):
    cells = [c.replace("\x00", "") for c in cells]
    assert joined_shapes(joined(cells)) == [shape_of(c) for c in cells]


def test_matched_shapes_are_the_distinct_shapes_the_regex_matches_whole():
    rx = joined_regex(r"\d+(?:\.\d+)?")
    shapes = joined_shapes(joined(["1.5", "22.75", "7", "1.5x", "x", "3.25"]))
    assert matched_shapes(shapes, rx) == {"0.0", "00.00", "0", "0.00"}



def test_shape_hits_say_for_each_cell_whether_the_regex_matches_its_shape():
    rx = joined_regex(r"\d+\.\d+")
    cells = ["1.5", "22.75", "7", "1.5x", "x", "3.25", "1.5"]
    assert shape_hits(joined(cells), rx) == ([shape_of(c) for c in cells],
                                             [True, True, False, False, False, True, True])

@given(_cells)
def test_the_tests_read_by_shape_give_a_cell_and_its_shape_the_same_answer(cells):
    # What the shapes rest on: every test run on shapes instead of cells treats all digits alike.
    # A digit-specific rule added to one of them (a year "19\d\d", a month "[01]\d") fails here.
    from backintime_assets.detection import columns, dialect, numbers

    tests = [dialect._KNOWN.match, dialect._ATOMIC.match, numbers._CANDIDATE.match, numbers._GROUPED.match,
             numbers._ONE_MARK.match, numbers._UNGROUPED.match, str.isdigit]
    joined_tests = [dialect._KNOWN_JOINED, numbers._CANDIDATE_CELLS, columns._ABBREVIATED_JOINED]
    for conv in ((".", None), (",", "."), (".", ","), (",", " "), (".", "'")):
        tests += [rx.match for rx in numbers.number_patterns(*conv)]
        joined_tests += list(numbers.joined_number_patterns(*conv))

    def floats(v: str) -> bool:
        try:
            float(v)
        except ValueError:
            return False
        return True

    for cell in cells:
        shape = shape_of(cell)
        for test in tests:
            assert bool(test(cell)) == bool(test(shape)), (test, cell)
        assert floats(cell) == floats(shape)
        for rx in joined_tests:  # the joined forms, run over many cells at once
            assert len(rx.findall(joined([cell]))) == len(rx.findall(joined([shape]))), (rx.pattern, cell)
        m, s = numbers._GROUPED.match(cell), numbers._GROUPED.match(shape)
        if m:
            assert (m.group("t"), (m.group("rest") or " ")[0]) == (s.group("t"), (s.group("rest") or " ")[0])


@given(st.text(alphabet="0123456789aJnZ-/.: ,T;\n", max_size=60))
def test_value_tokens_hold_the_same_marks_in_a_text_and_its_shape(text):
    from backintime_assets.detection.dialect import _inside_values

    assert _inside_values(text) == _inside_values(shape_of(text))


def test_a_sample_and_its_shape_get_the_same_dialect():
    from backintime_assets.detection.dialect import detect_dialect

    text = "Date;Ticker;Close\n" + "".join(f"{d:02d}.01.2020;T{d};{d * 7 % 90},{d * 13 % 97}\n" for d in range(1, 29))
    assert detect_dialect(text) == detect_dialect(shape_of(text))
    assert detect_dialect(text).delimiter == ";"


@given(_cells)
def test_count_hits_counts_the_cells_whose_shape_the_regex_matches(cells):
    from backintime_assets.detection.shapes import count_hits

    cells = [c.replace("\x00", "") for c in cells]
    rx = joined_regex(r"[+-]?\d+(?:\.\d+)?")
    expected = sum(1 for c in cells if rx.search(joined([c])) is not None)  # the cell itself, not its shape
    assert count_hits(joined(cells), rx) == expected
    assert count_hits(joined(cells + cells), rx) == 2 * expected  # verdicts remembered: the same answer
    assert shape_hits(joined(cells), rx)[1] == [rx.search(joined([c])) is not None for c in cells]


def test_a_shape_seen_before_is_not_scanned_again():
    # A price column of the next file holds the shapes of this one's ("00.0000"): a lookup, no scan.
    from backintime_assets.detection.shapes import count_hits

    class Counted:
        def __init__(self, rx):
            self.rx, self.scans = rx, 0

        def findall(self, text):
            self.scans += 1
            return self.rx.findall(text)

    rx = Counted(joined_regex(r"\d+\.\d+"))
    assert count_hits(joined(["28.9658", "x", "83.2838"]), rx) == 2
    assert rx.scans == 1
    assert count_hits(joined(["11.1111", "x", "99.0001", "12.5"]), rx) == 3  # "00.0" is new: one scan of it
    assert rx.scans == 2
    assert shape_hits(joined(["45.6789", "y"]), rx)[1] == [True, False]  # "y" new, "00.0000" known
    assert count_hits(joined(["45.6789", "y", "0.5"] * 3), rx) == 6
    assert rx.scans == 4
    assert count_hits(joined(["45.6789", "y", "0.5"] * 3), rx) == 6
    assert rx.scans == 4


def test_the_verdicts_kept_across_files_hold_short_shapes_alone():
    # The bound counts shapes: long text cells (notes, descriptions) seldom recur, and 16k of them
    # of a few KB each, kept per regex, held hundreds of MB in a long-running process.
    from backintime_assets.detection import shapes

    rx = joined_regex(r"\d+(?:\.\d+)?")
    notes = ["note " + "x" * 2000 + str(k) for k in range(50)]
    cells = ["1.5", "22.75"] + notes
    assert shape_hits(joined(cells), rx)[1] == [True, True] + [False] * 50
    kept = shapes._VERDICTS[rx]
    assert {"0.0", "00.00"} <= kept.keys()
    assert max(map(len, kept)) <= 64
    assert shape_hits(joined(cells), rx)[1] == [True, True] + [False] * 50  # answered again alike
