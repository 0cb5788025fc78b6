import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.buddhist_era import thai_evidence
from backintime_assets.normalisation import normalise_bytes

# SET's and Thai banks' exports: 2 to 8 January of BE 2567 (2024), two-digit years.
_THAI_DAYS = "02/01/67,10.5\n03/01/67,10.6\n04/01/67,10.7\n05/01/67,10.8\n08/01/67,10.9\n"
_2024 = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"]


def _dates(data: bytes, name: str) -> tuple[object, list[str], list[str]]:
    schema = detect_bytes(data, name)
    result = normalise_bytes(data, schema, name)
    return schema, result.prices.date.astype(str).tolist(), result.rejected.reason.tolist()


@pytest.mark.parametrize("name, data", [
    ("PTT.BK.csv", "Date,Close\n" + _THAI_DAYS),  # a Bangkok listing
    ("set_ptt.csv", "Date,Close\n" + _THAI_DAYS),  # SET's
    ("ptt.csv", "ราคาหุ้น PTT\nDate,Close\n" + _THAI_DAYS),  # Thai script above the table
    ("ptt.csv", "Prices as of 08/01/2567\nDate,Close\n" + _THAI_DAYS),  # a four-digit BE year above it
])
def test_two_digit_buddhist_era_years_of_a_thai_file_load_as_the_common_era_s(name, data):
    # Read by strptime's pivot, each loaded as 2067 (month first: 1 February 2067 on), without a word.
    schema, dates, rejected = _dates(data.encode(), name)
    assert schema.columns[0].format == "%d/%m/%y|be"
    assert dates == _2024 and rejected == []


def test_two_digit_years_of_no_thai_file_in_the_future_are_rejected_naming_why():
    schema, dates, rejected = _dates(("Date,Close\n" + _THAI_DAYS).encode(), "ptt.csv")
    assert dates == [] and len(rejected) == 5
    assert all(r.startswith("dated 2067 by a two-digit year, in the future") for r in rejected)


def test_a_thai_file_s_common_era_two_digit_years_stay_the_common_era_s():
    # "24" is 2024 (BE 2524 would be 1981); "69" BE 2569, 2026 (1969 by the pivot).
    _, dates, _ = _dates(b"Date,Close\n02/01/24,10.5\n03/01/24,10.6\n04/01/24,10.7\n", "PTT.BK.csv")
    assert dates == ["2024-01-02", "2024-01-03", "2024-01-04"]
    _, dates, _ = _dates(b"Date,Close\n13/01/69,10.5\n14/01/69,10.6\n15/01/69,10.7\n", "PTT.BK.csv")
    assert dates == ["2026-01-13", "2026-01-14", "2026-01-15"]


def test_thai_evidence_is_the_name_the_header_or_the_lines_above():
    assert thai_evidence("PTT.BK.csv", [["Date"]], "")
    assert thai_evidence("prices_th.csv", [["Date"]], "")
    assert thai_evidence("x.csv", [["วันที่"]], "")
    assert thai_evidence("x.csv", [["Date"]], "พ.ศ. 2567")
    assert not thai_evidence("dataset.csv", [["Date"]], "")
    assert not thai_evidence("x.csv", [["Date"]], "Prices 2024")
