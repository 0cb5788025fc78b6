from dataclasses import replace

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.gaps import GAP
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.rewrites import next_rewrite


def _steps(schema):
    steps = []
    while (step := next_rewrite(schema)) is not None:
        _, schema = step
        steps.append(schema)
    return steps


def test_a_wrapped_gapped_file_is_unwrapped_then_given_tabs_and_then_read_as_written():
    schema = replace(detect_bytes(b"Date,Close\n2024-01-02,1.5\n", "p.csv"), wrapped='"', delimiter=GAP)
    unwrapped, tabbed = _steps(schema)
    assert (unwrapped.wrapped, unwrapped.delimiter) == (None, GAP)
    assert (tabbed.wrapped, tabbed.delimiter) == (None, "\t")


def test_a_plain_file_and_a_workbook_are_read_as_written():
    schema = detect_bytes(b"Date,Close\n2024-01-02,1.5\n", "p.csv")
    assert next_rewrite(schema) is None
    assert next_rewrite(replace(schema, file_format="xlsx", delimiter=GAP)) is None


def test_spans_of_a_day_are_written_as_their_start_s_date_and_a_later_week_s_row_rejected():
    # The rows past detection's sample are read through the same rewrite: a span of a day is its start's
    # date, and a week's, left as written, is rejected for its date (never loaded as its start's day).
    lines = [f"{d:02d}.01.2023 00:00 - {d + 1:02d}.01.2023 00:00,{100 + d}" for d in (2, 3, 4, 5, 6)]
    data = ("MTU,Price\n" + "\n".join(lines) + "\n09.01.2023 00:00 - 16.01.2023 00:00,109\n").encode()
    schema = detect_bytes(("MTU,Price\n" + "\n".join(lines) + "\n").encode(), "p.csv")
    assert schema.day_spans == "%d.%m.%Y"
    rewrite, rewritten = next_rewrite(schema)
    assert rewrite(b"02.01.2023 00:00 - 03.01.2023 00:00,102\n") == b"2023-01-02,102\n"
    assert rewritten.day_spans is None and next_rewrite(rewritten) is None
    result = normalise_bytes(data, schema, "p.csv")
    assert list(result.prices["close"]) == [102, 103, 104, 105, 106]
    assert list(result.rejected["raw"]) == ["09.01.2023 00:00 - 16.01.2023 00:00,109"]
    assert "date" in result.rejected["reason"][0]
