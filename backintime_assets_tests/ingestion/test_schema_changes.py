"""What `schema redetect` prints: one line per change between a stored detection and a new one."""
import copy

from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.schema_changes import schema_changes

DAY_FIRST = ("Date;Ticker;Close\n" + "".join(f"{d:02d}/03/2025;AAA;{d},5\n" for d in range(3, 8))).encode()


def _detected() -> dict:
    return detect_bytes(DAY_FIRST, "a.csv").to_dict()


def test_the_same_reading_is_no_change_whatever_the_name_confidence_or_borrowing():
    stored = _detected()
    new = dict(copy.deepcopy(stored), file="b.csv", confidence=0.1, borrowed_from="a.csv")
    new["columns"][0]["confidence"] = 0.01
    assert schema_changes(stored, new) == []


def test_a_reading_settled_alike_by_more_files_is_no_change_but_one_settled_otherwise_is():
    # After a daily run a file's order is settled by more of its stored siblings than when it was stored:
    # "2 sibling files" then "4". Reported as a change, redetect stored nearly every file again for its count.
    stored, new = _detected(), _detected()
    stored["columns"][0]["order_from"] = "order settled by the dates of 2 one-day files of its layout read together"
    new["columns"][0]["order_from"] = "order settled by the dates of 4 one-day files of its layout read together"
    stored["marks_from"], new["marks_from"] = "1 sibling file of the same layout", "3 sibling files of the same layout"
    assert schema_changes(stored, new) == []
    new["columns"][0]["order_from"] = "order settled by 4 sibling files of the same layout"
    assert schema_changes(stored, new) == [
        "column 1 Date: order_from 'order settled by the dates of 2 one-day files of its layout read together' -> "
        "'order settled by 4 sibling files of the same layout'"]


def test_a_schema_stored_before_a_field_existed_reads_as_its_default():
    stored = _detected()
    del stored["skipinitialspace"], stored["sheet"]
    assert schema_changes(stored, _detected()) == []


def test_each_change_is_one_line_naming_the_field_or_the_column():
    stored = _detected()
    stored.update(delimiter=",", footer_lines=1)
    stored["columns"][0]["format"] = "%m/%d/%Y"
    stored["columns"][2].update(type="string", canonical=None)
    assert schema_changes(stored, _detected()) == [
        "delimiter ',' -> ';'", "footer_lines 1 -> 0",
        "column 1 Date: format '%m/%d/%Y' -> '%d/%m/%Y'",
        "column 3 Close: type 'string' -> 'float'", "column 3 Close: mapping none -> 'close'"]


def test_columns_added_or_removed_are_named_and_the_others_compared_by_name():
    stored = _detected()
    stored["columns"].insert(0, {"name": "Row", "type": "integer", "format": None, "confidence": 1.0,
                                 "canonical": None})
    stored["columns"][1]["format"] = "%m/%d/%Y"  # Date, the stored second column, is the new first
    assert schema_changes(stored, _detected()) == [
        "columns removed 'Row'", "column 1 Date: format '%m/%d/%Y' -> '%d/%m/%Y'"]


def test_a_file_never_detected_says_so():
    assert schema_changes(None, _detected()) == ["no stored detection"]


def test_a_schema_stored_before_evening_stamps_were_noted_reads_as_before():
    # A Tokyo bar stamped at its midnight, 15:00 UTC: detection now notes the weekday and clock of its
    # stamps (ColumnSchema.evenings), which says what its sample showed, not how its cells read.
    new = detect_bytes(b"time,close\n1704294000,2510\n", "a.csv").to_dict()
    stored = copy.deepcopy(new)
    del stored["columns"][0]["evenings"]
    assert new["columns"][0]["evenings"] == "Wed 15:00" and schema_changes(stored, new) == []
