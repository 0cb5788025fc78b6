"""A text file detection failed on has every line that holds anything rejected with why; a file that is no
text stays read as no lines."""
import zipfile
from io import BytesIO

import pytest

from backintime_assets.detection.detect import problem_schema
from backintime_assets.normalisation import normalise_bytes

_FAILED = "unreadable: TypeError: can't compare offset-naive and offset-aware datetimes"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_a_text_file_detection_failed_on_has_each_line_rejected_with_why(encoding):
    # Read as no lines, as a binary file is, its lines had ended in neither prices nor rejected_rows.
    text = ("Datum;Kurs €;Abruf\n02.01.2023;10,5;2026-09-07T14:36:25+00:00\n\n"
            "03.01.2023;10,7;2026-09-07T14:36:25+00:00\n")
    result = normalise_bytes(text.encode(encoding), problem_schema("kurse.csv", _FAILED), "kurse.csv")
    assert result.file_problem == _FAILED
    assert result.prices_arrow.num_rows == 0 and result.rows_read == result.rejected_arrow.num_rows == 3
    assert list(zip(result.rejected["source_line"], result.rejected["raw"])) == [
        (1, "Datum;Kurs €;Abruf"), (2, "02.01.2023;10,5;2026-09-07T14:36:25+00:00"),
        (4, "03.01.2023;10,7;2026-09-07T14:36:25+00:00")]
    assert set(result.rejected["reason"]) == {f"file problem: {_FAILED}"}


def test_a_workbook_detection_failed_on_is_still_read_as_no_lines():
    book = BytesIO()
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>" * 50)
    result = normalise_bytes(book.getvalue(), problem_schema("prices.csv", _FAILED), "prices.csv")
    assert (result.rows_read, result.rejected_arrow.num_rows, result.file_problem) == (0, 0, _FAILED)
