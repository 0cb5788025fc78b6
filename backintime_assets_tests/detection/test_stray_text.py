"""Words among an unmapped column's numbers, and the "?" of UCI tables: the types `detect` reports."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes


def _types(data: bytes) -> dict[str, tuple[str, str | None]]:
    schema = detect_bytes(data, "survey.csv")
    return {c.name: (c.type, c.format) for c in schema.columns}


def _rows(result: str, n: int = 300) -> bytes:
    # Counts with one written-out result far down: the type vote reads a spread of 160 rows.
    lines = [f"{i},{i % 7},{result if i == n - 3 else i * 3}" for i in range(n)]
    return ("id,group,result\n" + "\n".join(lines) + "\n").encode()


def test_a_word_far_down_a_column_of_counts_makes_it_text():
    # Typed integer, "see note" was a value any reader trusting the type loses.
    types = _types(_rows("see note"))
    assert types["result"] == ("string", None)
    assert types["id"] == ("integer", None) and types["group"] == ("integer", None)


@pytest.mark.parametrize("marker", ["n/a", "NA", "-", "?", "#N/A", "#DIV/0!", "inf", ""])
def test_no_value_markers_leave_a_column_of_counts_integer(marker):
    assert _types(_rows(marker))["result"] == ("integer", None)


def test_an_infinity_leaves_a_column_of_floats_float():
    # numpy and pandas write a ratio's division by zero "inf": a float, no word (shown as text, the
    # column's numbers were hidden).
    lines = [f"{i},inf" if i == 250 else f"{i},{i / 7:.3f}" for i in range(300)]
    assert _types(("id,ratio\n" + "\n".join(lines) + "\n").encode())["ratio"] == ("float", None)


def test_question_marks_as_missing_values_leave_counts_integer():
    # UCI's tables write a missing value "?": a fifth of them made the column text.
    lines = [f"{i},{'?' if i % 5 == 0 else i * 2}" for i in range(40)]
    assert _types(("age,visits\n" + "\n".join(lines) + "\n").encode())["visits"] == ("integer", None)


def test_a_header_repeated_below_is_no_word_of_its_column():
    # Two exports joined end to end: the second's header is no value of the first's columns.
    body = [f"{i},{i * 5}" for i in range(30)]
    data = ("item,count\n" + "\n".join(body[:15]) + "\nitem,count\n" + "\n".join(body[15:]) + "\n").encode()
    assert _types(data)["count"] == ("integer", None)


def test_a_price_column_keeps_its_type_and_rejects_the_row_with_a_reason():
    days = [f"2024-01-{d:02d}" for d in range(1, 32) if d % 7 not in (6, 0)]  # Mondays to Fridays
    lines = [f"{d},10.5,11,10,{'see note' if k == 20 else '10.75'},{1000 + k}" for k, d in enumerate(days)]
    data = ("Date,Open,High,Low,Close,Volume\n" + "\n".join(lines) + "\n").encode()
    schema = detect_bytes(data, "ACME.csv")
    close = next(c for c in schema.columns if c.canonical == "close")
    assert close.type == "float"
    result = normalise_bytes(data, schema, "ACME.csv")
    assert len(result.prices) == len(days) - 1 and result.file_problem is None
    assert result.rejected.raw.tolist() == [lines[20]]



@pytest.mark.parametrize("header", ["Date,Close,Volume,SPY Close,SPY Volume", "Date,Index Close,Fund NAV",
                                    "Date,Close LSE,Close NYSE"])
def test_a_word_among_another_series_prices_leaves_the_file_refused(header):
    # Another series beside the file's prices, one of its cells "halted": shown as text, but still
    # prices left unread. Read as text by the refusals too, they were lifted, and the file's own
    # prices (or the index's, under the fund's name) loaded without a word.
    days = [f"2024-{m:02d}-{d:02d}" for m in (1, 2) for d in range(1, 29) if (d + m) % 7 not in (6, 0)]
    width = header.count(",")
    lines = [",".join([d, *(str(100 * c + k) for c in range(1, width)), "halted" if k == 20 else str(700 + k)])
             for k, d in enumerate(days)]
    data = (header + "\n" + "\n".join(lines) + "\n").encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is not None and "side by side" in schema.problem
    assert schema.columns[-1].type == "string"  # shown as it is
    result = normalise_bytes(data, schema, "prices.csv")
    assert len(result.prices) == 0 and len(result.rejected) == len(days)
