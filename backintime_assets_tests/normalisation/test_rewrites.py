from dataclasses import replace

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.gaps import GAP
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
