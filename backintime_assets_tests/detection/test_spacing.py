from backintime_assets.detection.dialect import parse_rows
from backintime_assets.detection.spacing import set_off_blanks


def rows(text):
    return parse_rows(text, ",", '"', None)


def blank_lines(records):
    return [i for i, f in records if not any(map(str.strip, f))]


def spaced(records):
    return set_off_blanks(records, len(records) - len(blank_lines(records)))


def test_a_double_spaced_sample_keeps_only_the_blank_lines_that_set_rows_off():
    # rows 0, 2, 4, 6 each followed by its spacing line; a second blank line (7, 8) sets the notes off
    text = "Date,Close\n\n2024-01-02,1\n\n2024-01-03,2\n\n2024-01-04,3\n\n\nEnd of data\n\n"
    assert blank_lines(spaced(rows(text))) == [8]


def test_crcrlf_line_ends_read_as_double_spacing():
    text = "Date,Close\r\r\n2024-01-02,1\r\r\n2024-01-03,2\r\r\n2024-01-04,3\r\r\n"
    records = rows(text)
    assert blank_lines(records) == [1, 3, 5, 7]
    assert blank_lines(spaced(records)) == []


def test_a_single_spaced_sample_keeps_its_blank_lines():
    text = "Prices export\n\nDate,Close\n2024-01-02,1\n2024-01-03,2\n2024-01-04,3\n\nEnd of data\n"
    records = rows(text)
    assert spaced(records) == records


def test_a_few_rows_apart_are_no_double_spacing():
    text = "Report\n\nDate,Close\n2024-01-02,1\n"
    records = rows(text)
    assert spaced(records) == records


class _Unread(list):
    def __iter__(self):
        raise AssertionError("a sample of few blank lines was stepped through")


def test_a_sample_of_few_blank_lines_is_not_stepped_through():
    # Detection asks of every file: its count of rows says most samples have too few blank lines to
    # space them, and a pass over their cells (a second one: layout.py counts them) was a cost of all.
    records = _Unread([(0, ["Date", "Close"]), (1, []), *((k, ["2024-01-02", "1"]) for k in range(2, 40))])
    assert set_off_blanks(records, 39) is records
