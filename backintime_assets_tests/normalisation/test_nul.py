"""A text file with stray NUL bytes: its clean rows load, every line holding a NUL is rejected
with a reason, and a zero-filled tail is reported as lost rows, never dropped or read as data."""
from dataclasses import replace

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise, normalise_bytes
from backintime_assets.normalisation.group import normalise_group
from backintime_assets.normalisation.nul import NUL_REASON, TAIL_REASON, shown

from .test_normalise import accounted, check_invariants

HEADER = "Date,Ticker,Open,High,Low,Close,Volume\n"
DAYS = ["2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07", "2020-01-08", "2020-01-09", "2020-01-10",
        "2020-01-13", "2020-01-14", "2020-01-15"]
ROWS = "".join(f"{d},AAPL,{10 + k},{11 + k},{9 + k},{10.5 + k},{1000 + k}\n" for k, d in enumerate(DAYS))


def _read(data: bytes, careful: bool = False, monkeypatch=None, one_line_records: bool = True):
    schema = detect_bytes(data, "damaged.csv")
    assert schema.problem is None
    if careful:
        monkeypatch.setattr(normalise, "split_fast", lambda *a: None)
    result = normalise_bytes(data, schema, "damaged.csv")
    check_invariants(result)
    assert accounted(result) or not one_line_records  # a record over two lines is listed once
    assert result.file_problem is None
    return result


def _outcome(result) -> tuple[list[int], dict[int, str], dict[int, str]]:
    """(loaded lines, rejected line -> reason, rejected line -> raw)."""
    rejected = result.rejected
    return (result.prices.source_line.tolist(), dict(zip(rejected.source_line, rejected.reason)),
            dict(zip(rejected.source_line, rejected.raw)))


@pytest.mark.parametrize("careful", [False, True])
def test_a_zero_filled_tail_is_reported_as_lost_rows(careful, monkeypatch):
    loaded, reasons, raws = _outcome(_read((HEADER + ROWS).encode() + b"\x00" * 5000, careful, monkeypatch))
    assert loaded == list(range(2, 12))
    assert reasons == {12: TAIL_REASON}
    assert raws == {12: "<5000 NUL bytes>"}  # not five thousand invisible characters


@pytest.mark.parametrize("careful", [False, True])
def test_a_row_cut_by_the_zero_fill_is_rejected_not_read(careful, monkeypatch):
    # "2020-01-16,AAPL,2" would read as an open of 2 and a short row; its real values are lost
    data = (HEADER + ROWS).encode() + b"2020-01-16,AAPL,2" + b"\x00" * 700
    loaded, reasons, raws = _outcome(_read(data, careful, monkeypatch))
    assert loaded == list(range(2, 12))
    assert reasons == {12: TAIL_REASON} and raws[12] == "2020-01-16,AAPL,2<700 NUL bytes>"


def test_a_zero_filled_tail_after_a_footer_is_not_taken_for_footer():
    result = _read((HEADER + ROWS + "Total,,,,,,10045\n").encode() + b"\x00" * 3000)
    loaded, reasons, _ = _outcome(result)
    assert loaded == list(range(2, 12)) and reasons == {13: TAIL_REASON}
    assert dict(zip(result.non_data.source_line, result.non_data.reason)) == {1: "header", 12: "footer"}


@pytest.mark.parametrize("careful", [False, True])
def test_a_nul_in_one_cell_rejects_that_row_alone(careful, monkeypatch):
    data = (HEADER + ROWS.replace("2020-01-07,AAPL,13", "2020-01-07,AA\x00PL,13")
            .replace("10.5,1000", "1\x000.5,1000")).encode()
    loaded, reasons, raws = _outcome(_read(data, careful, monkeypatch))
    assert loaded == [3, 4, 6, 7, 8, 9, 10, 11]
    assert reasons == {2: NUL_REASON, 5: NUL_REASON}
    assert raws[5] == "2020-01-07,AA\u2400PL,13,14,12,13.5,1003"


def test_nul_padded_fields_reject_their_rows_with_the_reason():
    data = (HEADER + ROWS.replace("AAPL,", "AAPL\x00\x00\x00\x00,")).encode()
    result = _read(data)
    loaded, reasons, _ = _outcome(result)
    assert loaded == [] and result.rows_read == 10
    assert set(reasons.values()) == {NUL_REASON} and sorted(reasons) == list(range(2, 12))


def test_a_record_with_a_nul_in_a_later_line_of_a_quoted_note_is_rejected_whole():
    header = "Date,Ticker,Close,Note\n"
    rows = "".join(f"{d},AAPL,{k}.5,ok\n" for k, d in enumerate(DAYS[:8]))
    data = (header + rows + '2020-01-14,AAPL,9.5,"two\nli\x00nes"\n2020-01-15,AAPL,10.5,"fine\nnote"\n').encode()
    loaded, reasons, raws = _outcome(_read(data, one_line_records=False))
    assert loaded == list(range(2, 10)) + [12]
    assert reasons == {10: NUL_REASON} and raws[10] == '2020-01-14,AAPL,9.5,"two\nli\u2400nes"'


def test_a_piece_of_zeros_with_the_files_schema_is_lost_rows_not_an_empty_piece():
    # A large file is read in pieces (ingestion/parsed.py); one piece may be all zero-fill.
    schema = replace(detect_bytes((HEADER + ROWS).encode(), "big.csv"), header_row=-1, data_start_line=0)
    result = normalise_bytes(b"\x00" * 100_000, schema, "big.csv")
    assert result.file_problem is None and result.rows_read == 1
    assert _outcome(result)[1] == {1: TAIL_REASON}


def test_files_with_nuls_are_not_read_as_one_text():
    clean = (HEADER + ROWS).encode()
    damaged = (HEADER + ROWS.replace(",AAPL,", ",AA\x00PL,", 1)).encode()
    schema = detect_bytes(clean, "a.csv")
    assert normalise_group([clean, clean], schema, ["a.csv", "b.csv"]) is not None
    assert normalise_group([clean, damaged], schema, ["a.csv", "b.csv"]) is None


def test_utf16_without_bom_and_a_zero_filled_tail_loads_its_rows():
    data = (HEADER + ROWS).replace(",", "\t").encode("utf-16-le") + b"\x00" * 2000
    loaded, reasons, _ = _outcome(_read(data))
    assert loaded == list(range(2, 12)) and reasons == {12: TAIL_REASON}


def test_nuls_are_shown():
    assert shown("a\x00b\x00\x00c" + "\x00" * 9) == "a\u2400b\u2400\u2400c<9 NUL bytes>"


def test_a_utf32_file_without_bom_loads_its_rows():
    data = (HEADER + ROWS).encode("utf-32-le")
    result = _read(data)
    assert result.prices.source_line.tolist() == list(range(2, 12))
    assert result.rejected.empty
