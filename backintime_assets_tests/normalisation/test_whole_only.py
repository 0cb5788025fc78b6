"""A column whose multiplier, carried to the file's new version, was said of whole numbers rejects the
numbers with a decimal mark, another unit's, rather than read them by it."""
from dataclasses import replace

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.parse import whole_only_reason

DATA = b"Date,Ticker,Close,Volume\n2025-03-03,ABC,15003,1200\n2025-03-04,ABC,150.35,1300\n2025-03-05,ABC,15005,1.5\n"


def _multiplied(schema, close=None, volume=None):
    by_name = {"Close": close, "Volume": volume}
    return replace(schema, columns=[replace(c, multiplier=by_name[c.name][0], whole_only=by_name[c.name][1])
                                    if by_name.get(c.name) else c for c in schema.columns])


def test_a_number_with_a_decimal_mark_is_rejected_where_the_columns_multiplier_was_said_of_whole_ones():
    schema = detect_bytes(DATA, "cents.csv")
    read = normalise_bytes(DATA, _multiplied(schema, close=(0.01, None)), "cents.csv")
    assert read.prices_arrow.column("close").to_pylist() == [150.03, 1.5035, 150.05]  # the multiplier's reading
    kept = normalise_bytes(DATA, _multiplied(schema, close=(0.01, True)), "cents.csv")
    assert kept.prices_arrow.column("close").to_pylist() == [150.03, 150.05]
    assert kept.rejected_arrow.to_pylist() == [{"source_file": "cents.csv", "source_line": 3,
                                                "raw": "2025-03-04,ABC,150.35,1300",
                                                "reason": f"{whole_only_reason(0.01)}: close"}]
    assert whole_only_reason(0.01).startswith("a decimal mark, unlike every number the column's multiplier x0.01")
    # Each column by its own multiplier, named in its reason; a column without the flag reads its decimals.
    both = normalise_bytes(DATA, _multiplied(schema, close=(0.01, True), volume=(1000, True)), "cents.csv")
    assert both.prices_arrow.column("close").to_pylist() == [150.03]
    assert both.rejected_arrow.column("reason").to_pylist() == [f"{whole_only_reason(0.01)}: close",
                                                               f"{whole_only_reason(1000)}: volume"]
    assert normalise_bytes(DATA, _multiplied(schema, volume=(1000, True)), "cents.csv").prices_arrow.column(
        "volume").to_pylist() == [1_200_000, 1_300_000]


def test_whole_only_is_in_a_columns_json_only_where_set():
    schema = _multiplied(detect_bytes(DATA, "cents.csv"), close=(0.01, True))
    close = schema.to_dict()["columns"][2]
    assert close["whole_only"] is True and close["multiplier"] == 0.01
    assert type(schema).from_dict(schema.to_dict()) == schema
    assert "whole_only" not in detect_bytes(DATA, "cents.csv").to_dict()["columns"][2]  # stored schemas key alike


def test_a_decimal_comma_or_a_number_pyarrow_would_type_is_judged_as_written():
    # pyarrow types a plain column as it reads (records._read_fast), with the file's decimal comma: as a
    # float, '150,35' was cast back as '150.35', which no ',' matched, and loaded as 1.5035 unsaid; and
    # '1.501E4' cast back as '15010' loaded, where its row is rejected once one bad cell sends the file to text.
    cents = "".join(f"2025-03-{d:02d};ABC;150{d:02d}\n" for d in range(3, 8))
    data = f"Date;Ticker;Close\n{cents}2025-03-10;ABC;150,35\n2025-03-11;ABC;1,501E4\n".encode()
    schema = detect_bytes(data, "cents.csv")
    assert (schema.decimal, schema.thousands, schema.decimal_unseen) == (",", None, False)
    kept = normalise_bytes(data, _multiplied(schema, close=(0.01, True)), "cents.csv")
    assert kept.prices_arrow.column("close").to_pylist() == [150.03, 150.04, 150.05, 150.06, 150.07]
    assert kept.rejected_arrow.column("reason").to_pylist() == [f"{whole_only_reason(0.01)}: close"] * 2


def test_a_cell_has_a_decimal_mark_where_its_text_writes_one_before_a_digit():
    import pyarrow as pa

    from backintime_assets.normalisation.parse import decimal_cells

    assert decimal_cells(pa.array([150.35, 15003.0, None]), ",").tolist() == [True, False, False]
    assert decimal_cells(pa.array(["150,35", "15003", "150.35", None]), ",").tolist() == [True, False, False, False]
    # A fraction with no whole part ('.35' dollars after cents '35'), read 0.35, had loaded as 0.0035 unsaid.
    assert decimal_cells(pa.array([".35", "-.5", "($.35)", "150", "1,500", "Rs.15003", "Rs.150.35"]), ".").tolist() == [
        True, True, True, False, False, False, True]


def test_a_volume_written_with_its_own_scale_is_read_by_it_not_rejected():
    # '1.5M' is read as 1,500,000 by its own scale, never by the column's multiplier: no other unit's.
    rows = "".join(f"2025-03-{d:02d},ABC,150.{d:02d},12{d:02d}\n" for d in range(3, 8))
    data = f"Date,Ticker,Close,Volume\n{rows}2025-03-10,ABC,150.10,1.5M\n2025-03-11,ABC,150.11,1.5\n".encode()
    read = normalise_bytes(data, _multiplied(detect_bytes(data, "v.csv"), volume=(1000, True)), "v.csv")
    assert read.prices_arrow.column("volume").to_pylist() == [1_203_000, 1_204_000, 1_205_000, 1_206_000,
                                                              1_207_000, 1_500_000]
    assert read.rejected_arrow.column("raw").to_pylist() == ["2025-03-11,ABC,150.11,1.5"]
