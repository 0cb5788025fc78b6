"""A file whose carried marks were said of numbers that never grouped thousands rejects the ones that do."""
from dataclasses import replace

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.parse import WRITTEN_OTHERWISE

DATA = b"Date;Ticker;Rate\n03/03/2025;EURUSD;1.503\n04/03/2025;EURUSD;1,510\n05/03/2025;EURUSD;1.505\n"


def test_a_number_read_as_grouped_is_rejected_where_the_file_is_ungrouped_and_read_otherwise():
    schema = replace(detect_bytes(DATA, "rates.csv"), decimal=".", thousands=",", decimal_unseen=False)
    read = normalise_bytes(DATA, schema, "rates.csv")
    assert read.prices_arrow.column("close").to_pylist() == [1.503, 1510.0, 1.505]  # as the marks read it
    kept = normalise_bytes(DATA, replace(schema, ungrouped=["Rate"]), "rates.csv")
    assert kept.prices_arrow.column("close").to_pylist() == [1.503, 1.505]
    assert kept.rejected_arrow.to_pylist() == [{"source_file": "rates.csv", "source_line": 3,
                                                "raw": "04/03/2025;EURUSD;1,510",
                                                "reason": f"{WRITTEN_OTHERWISE}: close"}]
    # Only the columns named: another column's grouping is the one its numbers always showed.
    other = normalise_bytes(DATA, replace(schema, ungrouped=["Volume"]), "rates.csv")
    assert other.prices_arrow.column("close").to_pylist() == [1.503, 1510.0, 1.505]
    # Grouped as no locale writes a decimal ('1,002.50'): the marks' reading, loaded.
    grown = DATA + b'06/03/2025;EURUSD;"1,002.50"\n'
    assert normalise_bytes(grown, replace(schema, ungrouped=["Rate"]), "rates.csv").prices_arrow.column(
        "close").to_pylist() == [1.503, 1.505, 1002.5]
    assert replace(schema, ungrouped=["Rate"]).to_dict()["ungrouped"] == ["Rate"]
    assert "ungrouped" not in schema.to_dict()  # schemas stored before it key their rows alike
