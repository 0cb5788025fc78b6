
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.written_lines import written_lines
from backintime_assets_tests.support.workbooks import xlsx

# Each file's last row has a close of -1, rejected by the normaliser with its own line as raw text:
# the text written_lines finds for that line must be the same, whatever the file's encoding and shape.
CLEAN = "Date,Open,High,Low,Close,Volume\n" + "".join(
    f"2025-02-{d},1.{d},2.{d},1.{d},1.5,100\n" for d in range(10, 14))


SHAPES = {
    "utf8": (CLEAN + "2025-02-14,1,2,1,-1,100\n").encode(),
    "utf8 bom crlf": b"\xef\xbb\xbf" + (CLEAN + "2025-02-14,1,2,1,-1,100\n").replace("\n", "\r\n").encode(),
    "utf16": ("Datum;Kurs;Notiz\n10.02.2025;1,50;ok\n11.02.2025;1,60;é\n12.02.2025;-1,00;Müller\n").encode("utf-16"),
    "cp1252": ("Date;Close;Note\n10/02/2025;1,5;caf\xe9\n11/02/2025;1,6;na\xefve\n12/02/2025;-1;\xc9t\xe9\n"
               ).encode("cp1252"),
    "quoted note over two lines": (CLEAN + '2025-02-14,1,2,1,-1,"two\nlines"\n').replace(
        "Volume", "Note").encode(),
    "preamble": ("Prices of AAA\nexported 2025-02-20\n\n" + CLEAN + "2025-02-14,1,2,1,-1,100\n").encode(),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_rejected_lines_text_is_the_one_the_normaliser_reports(shape):
    data = SHAPES[shape]
    schema = detect_bytes(data, "AAA.csv")
    out = normalise_bytes(data, schema, "AAA.csv")
    rejected = out.rejected_arrow.to_pylist()
    assert rejected and out.prices_arrow.num_rows  # a read file, with the row of -1 rejected
    lines = [r["source_line"] for r in rejected]
    assert written_lines(data, schema, lines) == [r["raw"] for r in rejected]


def test_loaded_lines_are_found_as_written():
    data = SHAPES["cp1252"]
    schema = detect_bytes(data, "AAA.csv")
    assert written_lines(data, schema, [2, 3, 9, 0]) == ["10/02/2025;1,5;café", "11/02/2025;1,6;naïve", None, None]


def test_a_workbooks_rows_are_its_cells_in_one_line_led_by_a_later_sheets_name():
    rows = [["Date", "Close"], ["2025-02-10", 1.5], ["2025-02-11", 1.6]]
    data = xlsx({"AAA": rows, "More": [["Date", "Close"], ["2025-02-12", 1.7], ["2025-02-13", -1]]})
    schema = detect_bytes(data, "AAA.xlsx")
    out = normalise_bytes(data, schema, "AAA.xlsx")
    [rejected] = out.rejected_arrow.to_pylist()
    found = written_lines(data, schema, [2, rejected["source_line"], rejected["source_line"] - 1])
    assert found == ["2025-02-10,1.5", rejected["raw"], "sheet 'More' row 2: 2025-02-12,1.7"]


def test_a_line_in_cp1252_in_a_utf8_file_reads_as_the_normaliser_reads_it():
    data = "Date,Close,Note\n2025-02-10,1.5,café\n".encode() + "2025-02-11,-1,crème\n".encode("cp1252")
    schema = detect_bytes(data, "AAA.csv")
    [rejected] = normalise_bytes(data, schema, "AAA.csv").rejected_arrow.to_pylist()
    assert written_lines(data, schema, [2, 3]) == ["2025-02-10,1.5,café", rejected["raw"]]
    assert rejected["raw"] == "2025-02-11,-1,crème"


@pytest.mark.parametrize("piece", [1, 2, 3, 5, 8, 13, 64])
@pytest.mark.parametrize("text", [
    b"\xef\xbb\xbfDate,Close\r\n2025-02-10,1.5\r\n2025-02-11,1.6\r\n",
    b"Date,Close\r2025-02-10,1.5\r2025-02-11,1.6\r",
    b'Date,Close,Note\n2025-02-10,1.5,"two\nlines\r\nthree"\n2025-02-11,1.6,x\n\n2025-02-12,1.7,"open\nto the end',
    b"Date,Close\n2025-02-10,1.5\n2025-02-11,\x00\x00\n2025-02-12,caf\xe9",
])
def test_a_file_read_in_pieces_gives_the_lines_it_gives_whole(text, piece):
    # A loser's file is read a piece at a time (memory bounded by a piece, not by an archive's size):
    # a line or a quoted record cut between two pieces, a \r\n or a BOM cut in two, read as whole.
    schema = detect_bytes(b"Date,Close,Note\n2025-02-10,1.5,x\n", "AAA.csv")
    lines = [0, 1, 2, 3, 4, 5, 6, 7, 9]
    whole = written_lines(text, schema, lines)
    assert written_lines([text[at:at + piece] for at in range(0, len(text), piece)], schema, lines) == whole
    assert whole[1] in ("Date,Close", "Date,Close,Note")


def test_a_quote_inside_a_cell_opens_no_record_over_two_lines():
    # 'Prüfung "neu' is a cell holding a quote (a quote opens a quoted cell only where the cell starts):
    # the normaliser loads that line alone and rejects the next on its own, and the loaded line's text is
    # that one line, not the two joined as a record.
    data = 'Datum;Schluss;Notiz\n10.02.2025;1,5;Prüfung "neu\nzweite Zeile"\n11.02.2025;-1;"two\nlines"\n'.encode()
    schema = detect_bytes(data, "AAA.csv")
    out = normalise_bytes(data, schema, "AAA.csv")
    assert out.prices_arrow.num_rows == 1
    rejected = {r["source_line"]: r["raw"] for r in out.rejected_arrow.to_pylist()}
    assert written_lines(data, schema, [2, 3, 4]) == ['10.02.2025;1,5;Prüfung "neu', rejected[3], rejected[4]]
    assert rejected[4] == '11.02.2025;-1;"two\nlines"'
