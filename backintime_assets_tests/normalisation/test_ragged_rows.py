"""Rows short of the header by trailing fields: loaded with those fields empty where the file's writer
leaves them out (detection/ragged.py), rejected for their field count where a row is damaged or cut."""

import math

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise, normalise_bytes

HEADER = "Date,Open,High,Low,Close,Volume\n"


def _rows(days, short=(), cut=None):
    out = []
    for d in days:
        row = f"2021-02-{d:02d},{100 + d}.0,{101 + d}.5,{99 + d}.5,{100 + d}.5,{d}000"
        out.append(row.rsplit(",", 1)[0] if d in short else row)
    return "\n".join(out) + "\n" + (cut or "")


def _run(text, monkeypatch=None, careful=False):
    data = text.encode()
    schema = detect_bytes(data, "AAPL.csv")
    if careful:
        monkeypatch.setattr(normalise, "split_fast", lambda *a: None)
    return normalise_bytes(data, schema, "AAPL.csv")


DAYS = [d for d in range(1, 27) if d not in (6, 7, 13, 14, 20, 21)]


@pytest.mark.parametrize("careful", [False, True])
def test_rows_without_the_volume_their_writer_leaves_out_load_with_no_volume(careful, monkeypatch):
    # Before, each was rejected ("wrong field count: expected 6, got 5").
    r = _run(HEADER + _rows(DAYS, short=(3, 10, 18)), monkeypatch, careful)
    assert r.rejected.empty and len(r.prices) == len(DAYS)
    by_day = r.prices.set_index(r.prices.date.astype(str))
    assert math.isnan(by_day.loc["2021-02-10", "volume"]) and by_day.loc["2021-02-10", "close"] == 110.5
    assert by_day.loc["2021-02-11", "volume"] == 11000


def test_rows_mostly_without_the_volume_keep_the_volume_column():
    # Before, the width most rows have dropped the column: the rows that give a volume were rejected.
    r = _run(HEADER + _rows(DAYS, short=[d for d in DAYS if d % 4]))
    assert r.rejected.empty and len(r.prices) == len(DAYS)
    assert r.prices.volume.notna().sum() == sum(1 for d in DAYS if d % 4 == 0)


def test_a_row_short_by_its_close_is_rejected_for_its_field_count():
    text = HEADER + _rows(DAYS, short=(3, 10)) + "2021-02-27,127.0,128.5,126.5\n"
    r = _run(text)
    assert len(r.prices) == len(DAYS)
    assert r.rejected.reason.tolist() == ["wrong field count: expected 6, got 4"]


def test_an_unterminated_last_row_short_of_the_header_is_rejected_as_maybe_cut():
    # Cut right after a price ("110." of "110.57"): read padded, a wrong close would load.
    r = _run(HEADER + _rows(DAYS, short=(3, 10), cut="2021-02-27,127.0,128.5,126.5,12"))
    assert len(r.prices) == len(DAYS)
    assert r.rejected.reason.tolist() == ["wrong field count: expected 6, got 5 (the file's last line, "
                                          "unterminated: cut short?)"]


def test_a_writer_that_writes_empty_last_fields_has_its_short_row_rejected():
    # "...,100.5," for no volume: this writer writes every field, and a row a field short lost one
    # (its high here, which one nothing tells): not read as a row without its volume.
    text = HEADER + _rows(DAYS).replace(",5000\n", ",\n").replace(",8000\n", ",\n")
    text = text.replace("2021-02-12,112.0,113.5,", "2021-02-12,112.0,")
    r = _run(text)
    assert len(r.prices) == len(DAYS) - 1
    assert r.rejected.reason.tolist() == ["wrong field count: expected 6, got 5"]


def test_a_row_missing_a_middle_field_in_a_ragged_file_is_rejected_by_its_prices():
    # Read padded, its fields shift left a column: the price rules catch it (its volume as the close).
    text = HEADER + _rows(DAYS, short=(3, 10)).replace("2021-02-12,112.0,113.5,", "2021-02-12,112.0,")
    r = _run(text)
    assert len(r.prices) == len(DAYS) - 1
    assert r.rejected.raw.str[:10].tolist() == ["2021-02-12"] and r.rejected.reason.tolist() == ["high < low"]
