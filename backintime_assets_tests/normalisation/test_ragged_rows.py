"""Rows short of the header by trailing fields: loaded with those fields empty where the file's writer
leaves them out (detection/ragged.py), rejected for their field count where a row is damaged or cut;
and rows a stray delimiter widened, whose blank surplus was cut (shifted_rows.widened_rows)."""

import math
from datetime import date, timedelta

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


def test_a_row_missing_a_middle_field_in_a_ragged_file_is_rejected_for_its_shifted_values():
    # Read padded, its fields shift left a column: its volume, 12000, read as its close; sized as the
    # file's volumes are, not its closes, the row is named a row that lost a field (shifted_rows.py).
    text = HEADER + _rows(DAYS, short=(3, 10)).replace("2021-02-12,112.0,113.5,", "2021-02-12,112.0,")
    r = _run(text)
    assert len(r.prices) == len(DAYS) - 1
    assert r.rejected.raw.str[:10].tolist() == ["2021-02-12"]
    assert r.rejected.reason.tolist() == ["wrong field count: expected 6, got 5 (its last value, read as its close, "
                                          "is sized as the file's volume values are: a field lost before it?)"]


def _close_volume(days, short=(), lost_close=()):
    rows = []
    for d in days:
        close, volume = f"{150 + d / 10:.2f}", f"{1_200_000 + d * 1000}"
        rows.append(f"2021-02-{d:02d}," + (close if d in short else volume if d in lost_close else f"{close},{volume}"))
    return "Date,Close,Volume\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("careful", [False, True])
def test_a_row_without_its_close_is_not_read_as_a_row_without_its_volume(careful, monkeypatch):
    # "2021-02-12,1212000": the close lost, not the volume; read padded, 1,212,000 had loaded as the
    # day's close of a $150 stock. The rows that leave their volume out still load.
    r = _run(_close_volume(DAYS, short=(3, 10, 18), lost_close=(12,)), monkeypatch, careful)
    assert len(r.prices) == len(DAYS) - 1 and r.prices.close.max() < 200
    assert r.rejected.raw.tolist() == ["2021-02-12,1212000"]
    assert r.rejected.reason.str.endswith("is sized as the file's volume values are: a field lost before it?)").all()
    assert r.prices.volume.isna().sum() == 3


def test_a_row_without_its_volume_but_with_its_adjusted_close_is_rejected():
    # "Date,...,Volume,Adj Close": a row of six fields that ends in its adjusted close lost its volume;
    # read padded, 109.76 had loaded as its volume. Rows leaving the adjusted close out load.
    text = "Date,Open,High,Low,Close,Volume,Adj Close\n" + "\n".join(
        f"2021-02-{d:02d},{100 + d}.0,{101 + d}.5,{99 + d}.5,{100 + d}.5,{d}000000"
        + ("" if d in (3, 10) else f",{98 + d}.76")
        for d in DAYS if d != 12) + "\n2021-02-12,112.0,113.5,111.5,112.5,110.76\n"
    r = _run(text)
    assert len(r.prices) == len(DAYS) - 1
    assert r.rejected.reason.tolist() == ["wrong field count: expected 7, got 6 (its last value, read as its volume, "
                                          "is sized as the file's adj_close values are: a field lost before it?)"]


def test_short_rows_of_one_size_with_the_next_column_read_as_written():
    # Close and adjusted close alike in size: nothing tells a lost adjusted close from a lost close,
    # and the row is read as its writer's way (its adjusted close left out).
    text = "Date,Close,Adj Close\n" + "\n".join(
        f"2021-02-{d:02d},{100 + d}.5" + ("" if d in (3, 10) else f",{99 + d}.9") for d in DAYS) + "\n"
    r = _run(text)
    assert r.rejected.empty and len(r.prices) == len(DAYS)


def test_short_rows_under_every_full_row_are_not_read_as_rows_leaving_fields_out():
    # A table of dividends under the prices ("2021-03-05,0.24"): read padded, each loaded as a close.
    text = _close_volume(DAYS) + "2021-03-05,0.24\n2021-06-04,0.25\n"
    r = _run(text)
    assert len(r.prices) == len(DAYS) and r.prices.close.min() > 100
    assert r.rejected.reason.tolist() == ["wrong field count: expected 3, got 2"] * 2


def test_short_fields_finds_each_padded_record_by_its_line():
    import numpy as np

    from backintime_assets.normalisation.shifted_rows import short_fields

    assert short_fields(np.array([5, 2, 9, 7]), {9: 3, 2: 4, 100: 2}).tolist() == [0, 4, 3, 0]
    assert short_fields(np.array([], dtype=np.int64), {3: 2}).tolist() == []


# Rows a stray delimiter widened (shifted_rows.widened_rows), the mirror of a short row's fault: in a
# file whose last column no row fills, its blank surplus was cut as a spreadsheet's padding is.
WIDE_HEADER = "Date,Open,High,Low,Close,Volume,Remark,Comments\n"


def _widened(stray=None, padded=None):
    out = []
    for d in DAYS:
        values = [f"2021-03-{d:02d}", f"{100 + d}.0", f"{101 + d}.5", f"{99 + d}.5", f"{100 + d}.5", f"{d}000",
                  '"quiet, day"', ""]
        if d == stray:
            values.insert(5, "")  # a stray delimiter before the volume: Pollock's row_more_sep
        if d == padded:
            values += ["", ""]  # a spreadsheet's padding after the row's last column
        out.append(",".join(values))
    return WIDE_HEADER + "\n".join(out) + "\n"


@pytest.mark.parametrize("careful", [False, True])
def test_a_row_a_stray_delimiter_widened_is_rejected_not_loaded_without_its_volume(careful, monkeypatch):
    # Its last field (Comments) blank, the row had been read with it cut: its volume field empty, the
    # 12000 under Remark, the day loaded without a volume.
    r = _run(_widened(stray=12), monkeypatch, careful)
    assert len(r.prices) == len(DAYS) - 1 and r.prices.volume.notna().all()
    assert r.rejected.raw.str[:10].tolist() == ["2021-03-12"]
    assert r.rejected.reason.tolist() == [
        "wrong field count: expected 8, got 9 (its volume empty where the file's other rows fill it, a blank field "
        "past its last column: a stray delimiter moved its values a column on?)"]


def test_a_padded_row_keeps_its_values_and_loads():
    r = _run(_widened(padded=12))
    assert len(r.prices) == len(DAYS) and r.rejected.empty
    assert r.prices.loc[r.prices.date.astype(str) == "2021-03-12", "volume"].tolist() == [12000]


@pytest.mark.parametrize("careful", [False, True])
def test_a_padded_row_of_a_halted_day_loads_without_its_volume(careful, monkeypatch):
    # Its volume genuinely missing and nothing after it: padded, not split by a stray delimiter.
    text = _widened(padded=12).replace(',12000,"quiet, day",,,', ',,,,,')
    r = _run(text, monkeypatch, careful)
    assert len(r.prices) == len(DAYS) and r.rejected.empty
    assert r.prices.loc[r.prices.date.astype(str) == "2021-03-12", "volume"].isna().all()


@pytest.mark.parametrize("values", [lambda k: f"{10 + k / 100:.2f},{1000 + k}",
                                    lambda k: f"{100 + k % 50},{500 + k % 400}"], ids=["decimals", "whole-prices"])
def test_rows_filling_the_unnamed_field_past_a_header_ending_in_the_delimiter_load(values):
    # "Date,Close,Volume," over rows that end in the delimiter too: the table is read without the empty
    # field past the names (50ae37f), and rows past the sample that fill it (a note in an unheaded
    # column) had been rejected for their field count though each holds a whole price row. So were they
    # again where a whole close of three digits or fewer and a volume of three read as one grouped number
    # ("850,855": 71ec359); mended so, the note would be the volume.
    days = [d for k in range(4200) if (d := date(2000, 1, 3) + timedelta(days=k)).weekday() < 5][:3000]
    text = "Date,Close,Volume,\n" + "".join(
        f"{d},{values(k)},{'checked' if 1500 <= k < 1510 else ''}\n" for k, d in enumerate(days))
    schema = detect_bytes(text.encode(), "x.csv")
    assert [c.name for c in schema.columns] == ["Date", "Close", "Volume"]
    result = normalise_bytes(text.encode(), schema, "x.csv")
    assert "wrong field count" not in " ".join(result.rejected_arrow.column("reason").to_pylist())
    assert result.prices_arrow.num_rows == 3000


@pytest.mark.parametrize("careful", [False, True])
def test_a_row_split_by_an_unquoted_grouped_number_is_no_note_in_the_unnamed_field(careful, monkeypatch):
    # "Date,Close,Volume," over rows ending in the delimiter, and past the sample one whose writer grouped the
    # close unquoted and left the trailing comma off: "2005-10-03,1,015.00,2500" is four fields as a row with a
    # note would be, and read so it loaded a close of 1 and a volume of 15 (review45a's up1.csv).
    days = [d for k in range(4200) if (d := date(2000, 1, 3) + timedelta(days=k)).weekday() < 5][:3000]
    rows = [f"{d},{10 + k / 100:.2f},{1000 + k}," for k, d in enumerate(days)]
    rows[1500] = f"{days[1500]},1,015.00,2500"
    text = "Date,Close,Volume,\n" + "\n".join(rows) + "\n"
    r = _run(text, monkeypatch, careful)
    assert len(r.prices) == 2999
    assert str(days[1500]) not in set(r.prices.date.astype(str))
    assert r.rejected.reason.str.contains("wrong field count").sum() == 1
