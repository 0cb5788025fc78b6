"""A user's marks or multiplier, said of a file's previous version, weighed against its new version's numbers."""
import pyarrow as pa

from backintime_assets.ingestion.carried_numbers import (
    ANOTHER_LOCALES, DECIMAL, GROUPED, UNREAD, Otherwise, read_otherwise, shapes,
)


def _cells(*values):
    return pa.array(list(values), pa.string())


def test_the_shapes_a_columns_numbers_show_read_with_marks():
    assert shapes(_cells("1.503", "1,510", ""), ".", ",") == {
        GROUPED: ("1,510", 1510.0), ANOTHER_LOCALES: ("1,510", 1510.0), DECIMAL: ("1.503", 1.503)}
    # Grouped as no locale writes a decimal: both marks, or several groups.
    assert ANOTHER_LOCALES not in shapes(_cells("1,002.50", "12,345,678"), ".", ",")
    # No thousands mark said: a dot groups where nothing else reads it; a comma before a point reads as nothing.
    found = shapes(_cells("1.203,5", "1,210.5"), ",", None)
    assert {shape: cell for shape, (cell, _) in found.items()} == {UNREAD: "1,210.5", GROUPED: "1.203,5",
                                                                   DECIMAL: "1.203,5"}
    assert found[GROUPED][1] == 1203.5


def test_new_numbers_read_otherwise_only_where_the_previous_versions_never_did():
    old = {"Close": _cells("1.503", "1.504")}
    assert read_otherwise(old, {"Close": _cells("1.503", "1.510")}, ".", ",", True, {}) == []  # same locale
    (grouped,) = read_otherwise(old, {"Close": _cells("1.503", "1,510")}, ".", ",", True, {})
    assert grouped == Otherwise("Close", GROUPED, "1,510", 1510.0)
    assert str(grouped) == "column Close: '1,510' groups thousands (read 1510), which none of the previous " \
                           "version's numbers did"
    # Marks not said (a multiplier alone carries): their reading is detection's, not weighed.
    assert read_otherwise(old, {"Close": _cells("1,510")}, ".", ",", False, {}) == []
    # The previous version grouped thousands already: the user saw it so.
    assert read_otherwise({"Close": _cells("1,503.5")}, {"Close": _cells("1,510.25")}, ".", ",", True, {}) == []
    # Cents said of whole numbers; the new day written in units with a decimal point.
    cents = {"Close": _cells("15030", "15041")}
    assert read_otherwise(cents, {"Close": _cells("15030", "15041")}, ".", None, False, {"Close": 0.01}) == []
    (scaled,) = read_otherwise(cents, {"Close": _cells("15030", "150.35")}, ".", None, False, {"Close": 0.01})
    assert str(scaled) == "column Close: '150.35' has a decimal mark, where the previous version's numbers, said " \
                          "to be x0.01, were whole"
    # A decimal mark is no sign where no multiplier was said; nor a column the previous version lacked.
    assert read_otherwise(cents, {"Close": _cells("150.35")}, ".", None, True, {}) == []
    assert read_otherwise(cents, {"Open": _cells("1,5")}, ".", None, True, {}) == []
    # A volume's own scale ('1.5M') is read by it, not by the thousands said: no other unit; '1.5' is.
    thousands = {"Volume": _cells("1203", "1204")}
    assert read_otherwise(thousands, {"Volume": _cells("1.5M")}, ".", None, False, {"Volume": 1000}, {"Volume"}) == []
    (scaled,) = read_otherwise(thousands, {"Volume": _cells("1.5M", "1.5")}, ".", None, False, {"Volume": 1000},
                               {"Volume"})
    assert scaled.cell == "1.5"


def test_a_number_grouped_is_another_locales_only_where_it_is_written_as_a_decimal_there_among_decimals():
    # A price that grows past 999 groups with both marks, as no other locale writes; a volume's whole
    # numbers were never decimals: both group as their writer would always have grouped so large a number.
    old = {"Close": _cells("996.25", "997.25"), "Volume": _cells("950", "980")}
    assert read_otherwise(old, {"Close": _cells("997.25", "1,002.50"), "Volume": _cells("980", "1,200")},
                          ".", ",", True, {}, {"Volume"}) == []
    # '1,510' among rates written '1.503', even where another ticker's rates in the column are in the 150s.
    for rates in (_cells("1.503", "1.507"), _cells("1.503", "151.25")):
        (grouped,) = read_otherwise({"Close": rates}, {"Close": _cells("1.507", "1,510")}, ".", ",", True, {})
        assert (grouped.shape, grouped.cell) == (GROUPED, "1,510")
    # No number of the column in the previous version: no decimals to tell another locale's from.
    assert read_otherwise({"Volume": _cells("", "")}, {"Volume": _cells("1,200")}, ".", ",", True, {}) == []
