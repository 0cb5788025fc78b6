"""A file's guessed number marks, settled by its siblings of the same layout (sibling_marks.py)."""
import datetime as dt

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.numbers import detect_number_marks
from backintime_assets.ingestion.sibling_marks import guesses_marks, settle_marks
from backintime_assets.ingestion.survey import survey_files
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.ingestion.surveyed_here import survey_tasks

HEADER = "Date\tTicker\tOpen\tHigh\tLow\tClose\tVolume\n"


def _day(day: int, close: str, volume: str) -> bytes:
    return f"{HEADER}2023-02-{day:02d}\tMC.PA\t{close}\t{close}\t{close}\t{close}\t{volume}\n".encode()


# A German office's tab files: the first two days' volumes group twice, proving the comma the decimal; the
# third day's "245,040" and "51.956" read either way, and the tab's custom (the dot the decimal) took
# them 1000x off: 245040 and 51.956 shares.
DAYS = {"EOD_13.csv": _day(13, "240,618", "3.525.674"), "EOD_14.csv": _day(14, "243,978", "4.719.903"),
        "EOD_15.csv": _day(15, "245,040", "51.956")}


def test_a_day_of_numbers_read_either_way_takes_the_marks_its_siblings_prove(in_process, tmp_path):
    # One slice a file: no file borrows another's schema within its task.
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", DAYS), slices=3)
    schema = FileSchema.from_json(found["EOD_15.csv"].schema_json)
    assert (schema.decimal, schema.thousands, schema.marks_from) == (",", ".", "2 sibling files of the same layout")
    rows = normalise_bytes(DAYS["EOD_15.csv"], schema, "EOD_15.csv").prices_arrow.to_pylist()
    assert [(r["close"], r["volume"]) for r in rows] == [(245.04, 51956.0)]
    assert found["EOD_15.csv"].dates == [dt.date(2023, 2, 15)]


def _schemas(files: dict[str, bytes]) -> dict[str, dict]:
    return {name: detect_bytes(data, name).to_dict() for name, data in files.items()}


def test_only_proving_siblings_of_one_layout_and_folder_settle_marks():
    schemas = _schemas(DAYS)
    guessing = {k: s for k, s in schemas.items() if guesses_marks(s)}
    assert list(guessing) == ["EOD_15.csv"]
    siblings = [s for k, s in schemas.items() if k not in guessing]
    assert set(settle_marks(guessing, siblings)) == {"EOD_15.csv"}
    # Another folder's files are another office's.
    moved = {**guessing["EOD_15.csv"], "file": "paris/EOD_15.csv"}
    assert settle_marks({"EOD_15.csv": moved}, siblings) == {}
    # Siblings that disagree on the decimal settle nothing; nor does one whose own marks were a guess.
    dotted = detect_bytes(_day(16, "1,240.61", "3,525,674"), "EOD_16.csv").to_dict()
    assert settle_marks(guessing, [*siblings, dotted]) == {}
    assert settle_marks(guessing, [guessing["EOD_15.csv"]]) == {}


def test_marks_read_either_way_are_a_guess_and_proven_ones_are_not():
    assert detect_number_marks(["245,040", "51.956"], "\t").guessed
    assert detect_number_marks(["4,537"], ";").guessed
    assert not detect_number_marks(["245,04", "51.956"], "\t").guessed  # two decimals: the comma proven
    assert not detect_number_marks(["3.525.674"], "\t").guessed


def test_siblings_decimal_that_would_part_a_days_volumes_is_not_taken(in_process, tmp_path):
    # A folder of downloads under one header: beside the German days, an American broker's "170.125" and "1,234"
    # shares read either way alone. Its siblings' comma would read its volume 1.234 shares (and its close
    # 170125): a file of another source that only looks alike keeps its own reading.
    files = {**DAYS, "EOD_16.csv": _day(16, "170.125", "1,234")}
    found = survey_files(None, in_process, survey_tasks(tmp_path / "in", files), slices=4)
    schema = FileSchema.from_json(found["EOD_16.csv"].schema_json)
    assert (schema.decimal, schema.thousands, schema.marks_from) == (".", ",", None)
    rows = normalise_bytes(files["EOD_16.csv"], schema, "EOD_16.csv").prices_arrow.to_pylist()
    assert [(r["close"], r["volume"]) for r in rows] == [(170.125, 1234.0)]
    assert FileSchema.from_json(found["EOD_15.csv"].schema_json).marks_from == "2 sibling files of the same layout"
