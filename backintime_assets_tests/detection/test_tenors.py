import pytest

from backintime_assets.detection.columns import infer_column_type
from backintime_assets.detection.detect import detect_file
from backintime_assets.detection.tenors import labels_not_amounts
from backintime_assets.normalisation.normalise import normalise_bytes


@pytest.mark.parametrize("values", [
    ["12m"] * 8,  # a Euribor export's granularity, the same on every row
    ["1m", "3m", "6m", "12m"] * 3,  # tenors down a table of rates
])
def test_repeated_whole_labels_are_labels(values):
    assert labels_not_amounts(values)
    assert infer_column_type(values, "granularity", ".", None).type == "string"


@pytest.mark.parametrize("values", [
    ["118.39M", "146.32K", "12.5M", "9.1M", "850K", "1.2B"],  # amounts: decimals, varied
    ["1M", "2M", "3M", "4M", "5M", "6M"],  # whole but each its own
    ["12m"] * 4,  # too few cells to tell repetition from chance
])
def test_amounts_stay_amounts(values):
    assert not labels_not_amounts(values)


def test_abbreviated_volumes_under_a_volume_name_stay_amounts():
    assert infer_column_type(["1M"] * 8, "Volume", ".", None).format == "abbreviated"


def test_a_euribor_export_types_its_granularity_as_text(tmp_path):
    # datasets/euribor's data/euribor-12m-monthly.csv, in shape: "12m" read as 12,000,000.
    rows = "".join(f"2014-0{m}-1{d};0.{m}{d}0;12m;monthly\n" for m in range(1, 4) for d in range(3))
    path = tmp_path / "euribor-12m.csv"
    path.write_bytes(("date;value;granularity;level\n" + rows).encode())
    granularity = detect_file(path).to_dict()["columns"][2]
    assert (granularity["name"], granularity["type"]) == ("granularity", "string")


def test_a_constant_12m_column_is_not_loaded_as_volume(tmp_path):
    # A guard: a tenor after the close is no volume, read as text or as an amount.
    rows = "".join(f"2024-01-{d:02d},10.{d},11.{d},9.{d},10.{d},12m\n" for d in range(2, 12))
    path = tmp_path / "rates.csv"
    path.write_bytes(("Date,Open,High,Low,Close,Tenor\n" + rows).encode())
    schema = detect_file(path)
    result = normalise_bytes(path.read_bytes(), schema, path.name)
    volumes = set(result.prices_arrow.column("volume").to_pylist())
    assert 12_000_000 not in volumes


def test_a_headerless_files_12m_column_is_not_taken_for_its_ticker(tmp_path):
    # Typed text, a headerless file's constant "12m" would be its ticker by its shape.
    rows = "".join(f"2024-01-{d:02d},10.{d},11.{d},9.{d},10.{d},12m\n" for d in range(2, 12))
    path = tmp_path / "rates.csv"
    path.write_bytes(rows.encode())
    assert "ticker" not in {c["canonical"] for c in detect_file(path).to_dict()["columns"]}
