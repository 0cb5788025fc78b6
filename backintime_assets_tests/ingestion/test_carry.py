"""A file's corrections carried to its next version (same path, new content) of the same layout, in the
migration that meets it, before its rows are read; not carried, and said so, when the layout changed."""
import datetime as dt
import os

import psycopg
import pytest

from backintime_assets.db import carried_corrections, file_overrides, file_schemas, manifest
from backintime_assets.db.file_overrides import FileOverride, marks_value
from backintime_assets.db.file_schemas import Override
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection import FileSchema
from backintime_assets.ingestion.carried_numbers import DECIMAL, Otherwise
from backintime_assets.ingestion.carry import (
    DAY_NOT_CARRIED, WHOLE_ONLY_CAVEAT, WHOLE_ONLY_SAID, Previous, column_correction, layout_change, plan,
    read_otherwise,
)
from backintime_assets.ingestion.raw import migrate
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.parse import WRITTEN_OTHERWISE, whole_only_reason
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor
from backintime_assets_tests.support.final_schemas import read_as_stored

LAST_WEEK = dt.datetime(2026, 12, 1, 9, 30).timestamp()
WEEK = [3, 4, 5, 6, 7]  # March 2025's first trading week; then Monday 10, Tuesday 11 appended


def _rates(days: list[int], header: str = "Date;Ticker;Rate") -> bytes:
    """A `;` file of three-decimal rates, which detection reads with ',' decimals: 1.503 as 1503."""
    extra = header.count(";") - 2
    return (header + "\n" + "".join(f"{d:02d}/03/2025;EURUSD;1.{500 + d}" + ";100" * extra + "\n"
                                    for d in days)).encode()


class AskedSurveyor(DriverSurveyor):
    """DriverSurveyor noting the schema each file was surveyed with (None: detected)."""

    def __init__(self, location):
        super().__init__(location)
        self.schemas = []

    def __call__(self, tasks):
        self.schemas.append({t.name: t.schema_json for t in tasks})
        return super().__call__(tasks)


def _write(source, name: str, data: bytes, mtime: float | None = None):
    (source / name).write_bytes(data)
    if mtime is not None:
        os.utime(source / name, (mtime, mtime))


def first_version(conn, source, local_lake, name: str = "rates.csv", data: bytes | None = None) -> str:
    """A file's first version (rates.csv's first week unless given) written into a new `source` folder
    last week and migrated; its sha256."""
    source.mkdir()
    _write(source, name, _rates(WEEK) if data is None else data, LAST_WEEK)
    ensure_schema(conn)
    migrate(conn, source, local_lake, DriverSurveyor(local_lake))
    return file_schemas.current_sha256(conn, name)


def _loaded_closes(conn, sha: str, data: bytes, name: str) -> list[float]:
    """The closes the conversion loads from the file, read with its final schema."""
    return read_as_stored(conn, sha, data, name).prices_arrow.column("close").to_pylist()


@pytest.mark.postgres
def test_a_column_correction_and_marks_reach_the_files_next_version_before_its_rows_are_read(
        postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    _write(source, "rates.csv", _rates(WEEK), LAST_WEEK)
    surveyor = AskedSurveyor(local_lake)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, surveyor)
        first = file_schemas.current_sha256(conn, "rates.csv")
        assert _loaded_closes(conn, first, _rates(WEEK), "rates.csv")[0] == 1503  # the defect's reading
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", None), "ana")
        file_schemas.override_column(conn, [first], "Rate", "ana", final_type="float")
        assert _loaded_closes(conn, first, _rates(WEEK), "rates.csv") == [1.503, 1.504, 1.505, 1.506, 1.507]
        made = file_overrides.stored(conn, [first])[first]["marks"].changed_at

        # The office appends a day to the file in place.
        _write(source, "rates.csv", _rates(WEEK + [10]))
        report = migrate(conn, source, local_lake, surveyor)
        second = file_schemas.current_sha256(conn, "rates.csv")
        assert second != first and report.detected == 1
        assert report.carried["rates.csv"] == [
            f"column 3 Rate: type 'float' (by ana at {made:%Y-%m-%d %H:%M})",
            f"numbers read with decimal mark '.' and no thousands mark (by ana at {made:%Y-%m-%d %H:%M})"]
        assert report.not_carried == {}
        # Read again with them in the same migration: its kept rows and dates are the corrected reading's.
        resurveyed = surveyor.schemas[-1]["rates.csv"]
        assert resurveyed is not None and FileSchema.from_json(resurveyed).decimal == "."
        assert manifest.current_files(conn)["rates.csv"].dates == [dt.date(2025, 3, d) for d in WEEK + [10]]
        assert _loaded_closes(conn, second, _rates(WEEK + [10]), "rates.csv") == [
            1.503, 1.504, 1.505, 1.506, 1.507, 1.51]
        # Who made them and when, and that they were carried.
        marks = file_overrides.stored(conn, [second])[second]["marks"]
        assert (marks.value, marks.changed_by, marks.changed_at) == (
            marks_value(".", None), "ana (carried from the version of 2026-12-01)", made)
        (rate,) = file_schemas.overrides(conn, [second])[second]
        assert (rate.column_name, rate.final_type, rate.changed_by) == (
            "Rate", "float", "ana (carried from the version of 2026-12-01)")
        assert carried_corrections.lines(carried_corrections.recorded(conn, second)) == [
            f"carried from the previous version ({first[:12]}) of rates.csv: {told}"
            for told in report.carried["rates.csv"]]
        # A version carried again names its own previous version, and the original author still.
        _write(source, "rates.csv", _rates(WEEK + [10, 11]), dt.datetime(2026, 12, 3, 9).timestamp())
        migrate(conn, source, local_lake, surveyor)
        third = file_schemas.current_sha256(conn, "rates.csv")
        assert _loaded_closes(conn, third, _rates(WEEK + [10, 11]), "rates.csv")[-1] == 1.511
        assert file_overrides.stored(conn, [third])[third]["marks"].changed_by.startswith(
            "ana (carried from the version of 20")
        assert file_overrides.stored(conn, [third])[third]["marks"].changed_by.count("carried") == 1


@pytest.mark.postgres
def test_nothing_is_carried_into_a_version_whose_columns_differ_and_the_reason_is_shown(
        postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake)
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", None), "ana")
        file_schemas.override_column(conn, [first], "Rate", "ana", final_type="float")

        _write(source, "rates.csv", _rates(WEEK + [10], header="Date;Ticker;Rate;Volume"))
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "rates.csv")
        assert report.carried == {}
        assert [line.split(": not the same layout: ")[1] for line in report.not_carried["rates.csv"]] == [
            "columns added 'Volume'"] * 2
        assert file_overrides.stored(conn, [second]) == {} and file_schemas.overrides(conn, [second]) == {}
        assert file_schemas.final_schema(conn, second)["decimal"] == ","  # as detected: the user must say again
        shown = carried_corrections.lines(carried_corrections.recorded(conn, second))
        assert len(shown) == 2 and all(line.startswith(f"NOT carried from the previous version ({first[:12]}) of "
                                                       "rates.csv: ") for line in shown)
        assert shown[1].startswith("NOT carried from the previous version") and "'Volume'" in shown[1]


@pytest.mark.postgres
def test_a_day_is_not_carried_to_a_days_list_saved_over_and_says_so(postgres_url, local_lake, tmp_path):
    monday = b"Closing prices as of 2025-03-03\nSymbol,Close\nAAA,10.5\nBBB,20.25\n"
    source = tmp_path / "source"
    source.mkdir()
    _write(source, "quotes.csv", monday, LAST_WEEK)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        first = file_schemas.current_sha256(conn, "quotes.csv")
        file_overrides.set_day(conn, first, file_schemas.final_schema(conn, first), dt.date(2025, 3, 3), "ana")

        _write(source, "quotes.csv", monday.replace(b"03-03", b"03-04").replace(b"10.5", b"10.75"))
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "quotes.csv")
        assert report.carried == {} and report.not_carried["quotes.csv"] == [
            f"every row dated 2025-03-03 (by ana at "
            f"{file_overrides.stored(conn, [first])[first]['day'].changed_at:%Y-%m-%d %H:%M}): {DAY_NOT_CARRIED}"]
        assert file_schemas.final_schema(conn, second)["day"] is None and file_overrides.stored(conn, [second]) == {}
        (shown,) = carried_corrections.lines(carried_corrections.recorded(conn, second))
        assert shown.startswith("NOT carried from the previous version") and shown.endswith(DAY_NOT_CARRIED)


@pytest.mark.postgres
def test_a_correction_taken_back_is_not_carried(postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake)
        finals = file_schemas.final_schemas(conn, [first])
        file_overrides.set_marks(conn, first, [first], finals, (".", None), "ana")
        file_overrides.set_marks(conn, first, [first], finals, None, "boss")  # taken back: value None
        file_schemas.override_column(conn, [first], "Rate", "ana", final_type="integer")  # as detected already

        _write(source, "rates.csv", _rates(WEEK + [10]))
        surveyor = AskedSurveyor(local_lake)
        report = migrate(conn, source, local_lake, surveyor)
        second = file_schemas.current_sha256(conn, "rates.csv")
        assert report.carried == {} and report.not_carried == {} and len(surveyor.schemas) == 1
        assert file_overrides.stored(conn, [second]) == {} and carried_corrections.recorded(conn, second) == []
        assert _loaded_closes(conn, second, _rates(WEEK + [10]), "rates.csv")[-1] == 1510  # as detected


@pytest.mark.postgres
@pytest.mark.parametrize("thousands", [",", None])
def test_marks_are_not_carried_into_a_version_whose_numbers_detection_reads_otherwise(
        postgres_url, local_lake, tmp_path, thousands):
    # The same header, saved again from a desk whose locale writes '1,503': the user's point would read 1503.
    source = tmp_path / "source"
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake)
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", thousands),
                                 "ana")
        commas = _rates(WEEK + [10]).replace(b";1.5", b";1,5")
        _write(source, "rates.csv", commas)
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "rates.csv")
        assert report.carried == {} and file_overrides.stored(conn, [second]) == {}
        (line,) = report.not_carried["rates.csv"]
        assert line.endswith(": the new version may be written otherwise: numbers now detected with decimal mark "
                             "',' and no thousands mark, the previous version's with decimal mark ',' and "
                             "thousands mark '.'")
        assert _loaded_closes(conn, second, commas, "rates.csv") == [1.503, 1.504, 1.505, 1.506, 1.507, 1.51]
        (shown,) = carried_corrections.lines(carried_corrections.recorded(conn, second))
        assert shown.startswith("NOT carried from the previous version") and "written otherwise" in shown


@pytest.mark.postgres
def test_a_new_version_whose_content_was_met_before_reads_as_it_did_and_its_previous_corrections_are_said_not_carried(
        postgres_url, local_lake, tmp_path):
    # The refreshed file now holds exactly what an archived copy held, detected (uncorrected) in an earlier run.
    source = tmp_path / "source"
    (source / "archive").mkdir(parents=True)
    _write(source, "latest.csv", _rates(WEEK), LAST_WEEK)
    _write(source, "archive/0310.csv", _rates(WEEK + [10]), LAST_WEEK)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        first = file_schemas.current_sha256(conn, "latest.csv")
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", None), "ana")
        _write(source, "latest.csv", _rates(WEEK + [10]))
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "latest.csv")
        assert second == file_schemas.current_sha256(conn, "archive/0310.csv")
        assert report.carried == {} and file_overrides.stored(conn, [second]) == {}
        assert report.not_carried["latest.csv"] == [
            "numbers read with decimal mark '.' and no thousands mark (by ana at "
            f"{file_overrides.stored(conn, [first])[first]['marks'].changed_at:%Y-%m-%d %H:%M}): the same content was "
            "met before (as archive/0310.csv) and reads as it did then, with its own corrections if any: say them "
            "again of it if they hold"]
        (shown,) = carried_corrections.lines(carried_corrections.recorded(conn, second))
        assert shown.startswith(f"NOT carried from the previous version ({first[:12]}) of latest.csv: ")


def test_a_correction_is_carried_while_detection_reads_what_it_corrected_as_before_or_as_the_user_said():
    def column(name, **detected):
        return {"name": name, "type": "float", "format": None, "canonical": None, **detected}

    def schema(*columns, header_row=0, decimal=",", thousands="."):
        return {**_schema([]), "columns": list(columns), "header_row": header_row, "decimal": decimal,
                "thousands": thousands}

    dated = Override(0, "Date", None, "%d/%m/%Y", None, "ana", None)
    before = schema(column("Date", type="date", format="%m/%d/%Y"))
    assert read_otherwise(before, before, {0: dated}, {}) is None
    # A day past the 12th first now proves the user's order: no conflict.
    assert read_otherwise(before, schema(column("Date", type="date", format="%d/%m/%Y")), {0: dated}, {}) is None
    assert read_otherwise(before, schema(column("Date", type="date", format="%Y-%m-%d")), {0: dated}, {}) == (
        "column Date: format now detected '%Y-%m-%d', the previous version's '%m/%d/%Y'")
    cents = Override(0, "Close", None, None, None, "ana", None, final_multiplier=0.01)
    assert read_otherwise(schema(column("Close")), schema(column("Close")), {0: cents}, {}) is None
    assert read_otherwise(schema(column("Close")), schema(column("Close", multiplier=0.001)), {0: cents}, {}) == (
        "column Close: multiplier now detected 0.001, the previous version's 1.0")
    point = {"marks": FileOverride("marks", marks_value(".", None), "ana", None)}
    assert read_otherwise(schema(), schema(), {}, point) is None
    assert read_otherwise(schema(), schema(decimal=".", thousands=None), {}, point) is None  # the user's, now
    point_comma = {"marks": FileOverride("marks", marks_value(".", ","), "ana", None)}
    assert read_otherwise(schema(), schema(decimal=".", thousands=None), {}, point_comma) is None  # no thousands seen
    assert "numbers now detected with decimal mark '.' and thousands mark ','" in read_otherwise(
        schema(), schema(decimal=".", thousands=","), {}, point)
    # Headerless, the same count of columns is no same layout unless each column holds what it held.
    bare = schema(column("column_1", canonical="date"), column("column_2", canonical="close"), header_row=-1)
    swapped = schema(column("column_1", canonical="close"), column("column_2", canonical="date"), header_row=-1)
    assert read_otherwise(bare, bare, {}, point) is None
    assert read_otherwise(bare, swapped, {}, point).startswith("headerless columns now detected as ['close', 'date']")


def _previous(detected: dict, columns=(), settings=None) -> Previous:
    return Previous("old", "a.csv", dt.datetime(2026, 12, 1, 10), detected, list(columns), settings or {})


def _schema(names, delimiter=";", encoding="utf-8") -> dict:
    return {"file_format": "csv", "delimiter": delimiter, "encoding": encoding,
            "columns": [{"name": n} for n in names]}


def test_the_same_layout_is_the_same_format_delimiter_encoding_family_and_names_in_order():
    base = _schema(["Date", "Close"])
    assert layout_change(base, _schema(["Date", "Close"], encoding="cp1252")) is None  # an accented byte gained
    assert layout_change(base, _schema(["Date", "Close"], encoding="utf-16")) == "encoding 'utf-8' -> 'utf-16'"
    assert layout_change(base, _schema(["Date", "Close"], delimiter=",")) == "delimiter ';' -> ','"
    assert layout_change(base, _schema(["Close", "Date"])) == "columns reordered: 'Close', 'Date'"
    assert layout_change(base, _schema(["Date", "close"])) == "columns added 'close'; removed 'Close'"
    assert layout_change(base, {**_schema(["Date", "Close"]), "file_format": "xlsx"}) == "file_format 'csv' -> 'xlsx'"


def test_a_plan_carries_ticker_marks_and_a_lifted_refusal_not_a_day_and_marks_them_carried_once():
    at = dt.datetime(2026, 11, 30, 8)
    settings = {s: FileOverride(s, v, "ana (carried from the version of 2026-11-29)", at) for s, v in
                (("ticker", "AAPL"), ("marks", marks_value(",", ".")), ("load_refused", "a list of trades"),
                 ("day", "2025-03-03"))}
    column = Override(1, "Close", None, None, "close", "bob", at)
    carry = plan(_previous(_schema(["Date", "Close"]), [column], settings), _schema(["Date", "Close"]))
    assert [o.setting for o in carry.settings] == ["load_refused", "marks", "ticker"]
    assert {o.changed_by for o in carry.settings} == {"ana (carried from the version of 2026-12-01)"}
    assert {o.changed_at for o in carry.settings} == {at}
    assert carry.columns == [Override(1, "Close", None, None, "close", "bob (carried from the version of 2026-12-01)",
                                      at)]
    assert carry.not_carried == [(f"every row dated 2025-03-03 (by ana (carried from the version of 2026-11-29) at "
                                  f"{at:%Y-%m-%d %H:%M})", DAY_NOT_CARRIED)]


def test_a_plan_carries_a_multiplier_over_whole_numbers_gaining_a_decimal_mark_rejecting_them_in_its_column_alone():
    at = dt.datetime(2026, 11, 30, 8)
    cents = Override(1, "Close", None, None, None, "ana", at, final_multiplier=0.01)
    thousands = Override(2, "Volume", None, None, None, "ana", at, final_multiplier=1000)
    previous = _previous(_schema(["Date", "Close", "Volume"]), [cents, thousands])
    dollars = Otherwise("Close", DECIMAL, "150.35", 150.35, 0.01)
    carry = plan(previous, _schema(["Date", "Close", "Volume"]), [dollars])
    assert carry.not_carried == []
    assert [(o.column_name, o.whole_only) for o in carry.columns] == [("Close", True), ("Volume", False)]
    assert carry.caveats == [(column_correction(cents), f"{WHOLE_ONLY_CAVEAT}: {dollars}")]
    # Carried again, it still rejects them, and says so: the version it came from read them as none.
    again = plan(_previous(_schema(["Date", "Close", "Volume"]), carry.columns), _schema(["Date", "Close", "Volume"]))
    assert [(o.column_name, o.whole_only) for o in again.columns] == [("Close", True), ("Volume", False)]
    assert f"multiplier 0.01 ({WHOLE_ONLY_SAID}) (by ana (carried" in again.carried[0] and again.caveats == []


def test_a_multiplier_of_1_said_of_whole_numbers_rejects_no_decimal_nor_says_so():
    # x1 reads every number as written: a decimal is read as no other unit. Flagged, the migration said the
    # new '150.35' was rejected while it loaded (and the column's JSON held whole_only without a multiplier).
    at = dt.datetime(2026, 11, 30, 8)
    none = Override(1, "Close", None, None, None, "ana", at, final_multiplier=1)
    carry = plan(_previous(_schema(["Date", "Close"]), [none]), _schema(["Date", "Close"]),
                 [Otherwise("Close", DECIMAL, "150.35", 150.35, 1)], unweighed="a reason")
    assert [(o.column_name, o.whole_only) for o in carry.columns] == [("Close", False)] and carry.caveats == []


@pytest.mark.postgres
def test_the_survey_keeps_the_new_versions_rows_read_with_the_carried_corrections(postgres_url, in_process, tmp_path):
    import json

    from backintime_assets.ingestion.kept_groups import read_members
    from backintime_assets.ingestion.parsed import FileTask, kept_rows_path
    from backintime_assets.ingestion.survey import survey_files

    source = tmp_path / "source"
    source.mkdir()
    _write(source, "rates.csv", _rates(WEEK), LAST_WEEK)
    survey = lambda tasks: survey_files(None, in_process, tasks, slices=1)  # noqa: E731
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, in_process, survey)
        first = file_schemas.current_sha256(conn, "rates.csv")
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", None), "ana")
        file_schemas.override_column(conn, [first], "Rate", "ana", final_type="float")
        _write(source, "rates.csv", _rates(WEEK + [10]))
        migrate(conn, source, in_process, survey)
        current = manifest.current_files(conn)["rates.csv"]
        final = json.dumps(file_schemas.final_schema(conn, current.sha256))
    # What the conversion reads: the rows kept under the final schema's reading, no parse of the text.
    task = FileTask(current.lake_path, "rates.csv", final, current.dates[0], 0, current.size_bytes,
                    kept_rows_path(in_process, current.sha256, final, current.size_bytes), tuple(current.dates))
    not_kept = []
    (rows,) = read_members(in_process.filesystem(), [task], not_kept)
    assert not_kept == []
    # (and the file's summary row, which holds no price)
    assert [c for c in rows.column("close").to_pylist() if c is not None] == [1.503, 1.504, 1.505, 1.506, 1.507, 1.51]


@pytest.mark.postgres
def test_one_content_new_under_two_corrected_paths_takes_the_first_ones_and_says_so_of_the_other(
        postgres_url, local_lake, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    _write(source, "a.csv", _rates(WEEK), LAST_WEEK)
    _write(source, "b.csv", _rates(WEEK[:4]), LAST_WEEK)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        for name, who in (("a.csv", "ana"), ("b.csv", "bob")):
            sha = file_schemas.current_sha256(conn, name)
            file_overrides.set_marks(conn, sha, [sha], file_schemas.final_schemas(conn, [sha]), (".", None), who)
        _write(source, "a.csv", _rates(WEEK + [10]))
        _write(source, "b.csv", _rates(WEEK + [10]))
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        new = file_schemas.current_sha256(conn, "a.csv")
        assert file_schemas.current_sha256(conn, "b.csv") == new
        assert list(report.carried) == ["a.csv"] and list(report.not_carried) == ["b.csv"]
        assert report.not_carried["b.csv"][0].endswith(
            ": the same content is also the new version of a.csv, whose previous version's corrections it takes")
        assert file_overrides.stored(conn, [new])[new]["marks"].changed_by.startswith("ana (carried")
        assert len(carried_corrections.recorded(conn, new)) == 2



@pytest.mark.postgres
@pytest.mark.parametrize("thousands, read", [
    (None, "'1,510' reads as no number, where every number of the previous version read"),
    (",", "'1,510' groups thousands (read 1510), which none of the previous version's numbers did")])
def test_marks_carried_into_a_version_whose_new_day_is_written_in_another_locale_reject_that_day(
        postgres_url, local_lake, tmp_path, thousands, read):
    # The office changed locale mid-history: the old rows kept, a day appended as '1,510'. Detection reads
    # both versions alike (',' decimals, '.' groups), so only the numbers themselves tell.
    source = tmp_path / "source"
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake)
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", thousands),
                                 "ana")
        said = file_overrides.stored(conn, [first])[first]["marks"]
        mixed = _rates(WEEK) + b"10/03/2025;EURUSD;1,510\n"
        _write(source, "rates.csv", mixed)
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "rates.csv")
        told = ("numbers read with decimal mark '.' and " + ("no thousands mark" if thousands is None
                                                              else "thousands mark ','")
                + f" (by ana at {said.changed_at:%Y-%m-%d %H:%M})")
        assert report.carried == {"rates.csv": [told]} and report.not_carried == {}
        assert report.caveat_lines() == [
            f"rates.csv: carried from its previous version, with a caveat: {told}: the new version's rows whose "
            f"numbers they read otherwise than every number of the previous version are rejected: column Rate: "
            f"{read}"]
        carried = file_overrides.stored(conn, [second])[second]["marks"].value
        assert file_overrides.read_marks(carried) == (".", thousands)
        assert file_overrides.ungrouped(carried) == (None if thousands is None else ["Rate"])
        # The old rows as the user saw them; the new day rejected with why, never loaded as 1510 unsaid.
        loaded = read_as_stored(conn, second, mixed, "rates.csv")
        assert loaded.prices_arrow.column("close").to_pylist() == [1.503, 1.504, 1.505, 1.506, 1.507]
        assert loaded.rejected_arrow.column("reason").to_pylist() == [
            "unparseable value: close" if thousands is None else f"{WRITTEN_OTHERWISE}: close"]
        (shown,) = carried_corrections.lines(carried_corrections.recorded(conn, second))
        assert shown == f"carried from the previous version ({first[:12]}) of rates.csv: {told}; " \
            + report.caveats["rates.csv"][0].removeprefix(f"{told}: ")


@pytest.mark.postgres
def test_a_decimal_comma_carried_into_a_version_whose_new_day_groups_thousands_with_a_comma_rejects_that_day(
        postgres_url, local_lake, tmp_path):
    # The user said ',' (no thousands mark) of '1.203,5' rows; the new day is written '1,210.5'.
    source = tmp_path / "source"
    rows = "Date;Ticker;Close\n" + "".join(f"{d:02d}/03/2025;ABC;1.2{d:02d},5\n" for d in WEEK)
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake, "prices.csv", rows.encode())
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (",", None), "ana")
        assert _loaded_closes(conn, first, rows.encode(), "prices.csv") == [1203.5, 1204.5, 1205.5, 1206.5, 1207.5]
        mixed = (rows + "10/03/2025;ABC;1,210.5\n").encode()
        _write(source, "prices.csv", mixed)
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "prices.csv")
        assert list(report.carried) == ["prices.csv"] and report.not_carried == {}
        (line,) = report.caveat_lines()
        assert line.endswith(": column Close: '1,210.5' reads as no number, where every number of the previous "
                             "version read")
        loaded = read_as_stored(conn, second, mixed, "prices.csv")
        assert loaded.prices_arrow.column("close").to_pylist() == [1203.5, 1204.5, 1205.5, 1206.5, 1207.5]
        assert loaded.rejected_arrow.column("reason").to_pylist() == ["unparseable value: close"]


def _cents_then_dollars(conn, source, local_lake) -> tuple[str, str, bytes]:
    """cents.csv: a week of whole cents ('15003') the user said x0.01 of, then a version that keeps them and
    appends a day in dollars ('150.35'); (first sha256, rows of the second, report of its migration)."""
    source.mkdir()
    rows = "Date,Ticker,Close\n" + "".join(f"2025-03-{d:02d},ABC,150{d:02d}\n" for d in WEEK)
    _write(source, "cents.csv", rows.encode(), LAST_WEEK)
    ensure_schema(conn)
    migrate(conn, source, local_lake, DriverSurveyor(local_lake))
    first = file_schemas.current_sha256(conn, "cents.csv")
    file_schemas.override_column(conn, [first], "Close", "ana", final_multiplier=0.01)
    mixed = (rows + "2025-03-10,ABC,150.35\n").encode()
    _write(source, "cents.csv", mixed)
    return first, mixed, migrate(conn, source, local_lake, DriverSurveyor(local_lake))


@pytest.mark.postgres
def test_a_multiplier_carried_into_a_version_whose_whole_numbers_gain_a_decimal_mark_rejects_those_cells(
        postgres_url, local_lake, tmp_path):
    # Cents said of whole numbers; the office now writes the new day in dollars, '150.35'. Not carried, every
    # old day would load 100x off (15003); carried unweighed, the new day would load as 1.5035 unsaid.
    with psycopg.connect(postgres_url) as conn:
        first, mixed, report = _cents_then_dollars(conn, tmp_path / "source", local_lake)
        second = file_schemas.current_sha256(conn, "cents.csv")
        (told,) = report.carried["cents.csv"]
        assert told.startswith("column 3 Close: multiplier 0.01 (by ana at ") and report.not_carried == {}
        assert report.caveat_lines() == [
            f"cents.csv: carried from its previous version, with a caveat: {told}: the new version's cells of the "
            "column that have a decimal mark are rejected: column Close: '150.35' has a decimal mark, where the "
            "previous version's numbers, said to be x0.01, were whole"]
        (carried,) = file_schemas.overrides(conn, [second])[second]
        assert carried.final_multiplier == 0.01 and carried.whole_only
        final = file_schemas.final_schema(conn, second)
        assert final["columns"][2]["whole_only"] is True
        assert FileSchema.from_dict(final).to_dict()["columns"][2]["whole_only"] is True  # round-tripped
        loaded = normalise_bytes(mixed, FileSchema.from_dict(final), "cents.csv")
        assert loaded.prices_arrow.column("close").to_pylist() == [150.03, 150.04, 150.05, 150.06, 150.07]
        assert loaded.rejected_arrow.column("reason").to_pylist() == [f"{whole_only_reason(0.01)}: close"]
        (shown,) = carried_corrections.lines(carried_corrections.recorded(conn, second))
        assert shown == f"carried from the previous version ({first[:12]}) of cents.csv: {told}; " \
            + report.caveats["cents.csv"][0].removeprefix(f"{told}: ")
        # Detected again (schema redetect stores it with the file's corrections), the version still rejects its
        # decimals; the previous version, whose numbers were all whole, takes none of it.
        stored = file_schemas.stored_detections(conn, [second])[second]
        file_schemas.replace_detection(conn, second, "cents.csv", stored, [carried])
        assert file_schemas.overrides(conn, [second])[second] == [carried]
        assert _loaded_closes(conn, second, mixed, "cents.csv") == [150.03, 150.04, 150.05, 150.06, 150.07]
        (kept,) = file_schemas.overrides(conn, [first])[first]
        assert kept.final_multiplier == 0.01 and not kept.whole_only


@pytest.mark.postgres
def test_carried_marks_load_a_new_day_whose_price_and_volume_grow_past_a_thousand(postgres_url, local_lake, tmp_path):
    # The user said '.' and ',' of a file whose numbers were all under 1,000; its next day is written
    # '1,002.50' and '1,200', as its writer always grouped numbers so large: no other locale's, loaded.
    source = tmp_path / "source"
    rows = "Date,Ticker,Close,Volume\n" + "".join(f"2025-03-{d:02d},ABC,{990 + d}.25,{900 + d}\n" for d in WEEK)
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake, "p.csv", rows.encode())
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", ","), "ana")
        grown = (rows + '2025-03-10,ABC,"1,002.50","1,200"\n').encode()
        _write(source, "p.csv", grown)
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "p.csv")
        assert list(report.carried) == ["p.csv"] and report.caveats == {} and report.not_carried == {}
        loaded = read_as_stored(conn, second, grown, "p.csv")
        assert loaded.prices_arrow.column("close").to_pylist() == [993.25, 994.25, 995.25, 996.25, 997.25, 1002.5]
        assert loaded.prices_arrow.column("volume").to_pylist()[-1] == 1200 and loaded.rejected_arrow.num_rows == 0


_PAGE = ("<html><body><table>\n<tr><td>Datum</td><td>Schluss</td></tr>\n{}</table></body></html>\n")


@pytest.mark.postgres
def test_marks_carried_to_a_version_whose_numbers_cannot_be_weighed_are_carried_said_so(
        postgres_url, local_lake, tmp_path):
    # A bank's HTML page: its cells are text the marks read, but found by the markup reader, not split in
    # lines: its new day, in whatever locale, cannot be weighed against the old; the marks carry, said so.
    source = tmp_path / "source"
    source.mkdir()
    row = "<tr><td>{:02d}.03.2025</td><td>1.2{:02d},50</td></tr>\n"
    page = _PAGE.format("".join(row.format(d, d) for d in WEEK))
    _write(source, "kurse.xls", page.encode(), LAST_WEEK)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        first = file_schemas.current_sha256(conn, "kurse.xls")
        assert file_schemas.final_schema(conn, first)["file_format"] == "html"
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (",", "."), "ana")
        _write(source, "kurse.xls", _PAGE.format("".join(row.format(d, d) for d in WEEK + [10])).encode())
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "kurse.xls")
        (told,) = report.carried["kurse.xls"]
        assert report.caveat_lines() == [
            f"kurse.xls: carried from its previous version, with a caveat: {told}: not weighed against the new "
            "version's numbers (an HTML page's cells are read from its markup, not split): a number it writes in "
            "another locale is read as the previous version's were"]
        (shown,) = carried_corrections.lines(carried_corrections.recorded(conn, second))
        assert shown.endswith("; not weighed against the new version's numbers (an HTML page's cells are read "
                              "from its markup, not split): a number it writes in another locale is read as the "
                              "previous version's were")


@pytest.mark.postgres
def test_marks_carried_to_a_version_too_large_to_weigh_on_the_driver_are_carried_said_so(
        postgres_url, local_lake, tmp_path, monkeypatch):
    from backintime_assets.ingestion import raw

    source = tmp_path / "source"
    with psycopg.connect(postgres_url) as conn:
        first = first_version(conn, source, local_lake)
        file_overrides.set_marks(conn, first, [first], file_schemas.final_schemas(conn, [first]), (".", None), "ana")
        monkeypatch.setattr(raw, "WEIGHED_AT_MOST", 100)
        _write(source, "rates.csv", _rates(WEEK) + b"10/03/2025;EURUSD;1,510\n")
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        (told,) = report.carried["rates.csv"]
        (line,) = report.caveat_lines()
        assert line.startswith(f"rates.csv: carried from its previous version, with a caveat: {told}: not weighed "
                               "against the new version's numbers (a version of 0 MiB is not read whole on the "
                               "driver to weigh it)")


@pytest.mark.postgres
def test_a_multiplier_carried_to_a_workbook_is_carried_said_not_weighed(postgres_url, local_lake, tmp_path):
    from backintime_assets.ingestion.carry import MULTIPLIER_UNWEIGHED, TYPED_UNWEIGHED
    from backintime_assets_tests.support.workbooks import xlsx

    def book(days, dollars=()):
        rows = [[dt.datetime(2025, 3, d), "ABC", 15000 + d] for d in days]
        return xlsx({"Prices": [["Date", "Ticker", "Close"], *rows, *([dt.datetime(2025, 3, d), "ABC", 150.35]
                                                                        for d in dollars)]})

    source = tmp_path / "source"
    source.mkdir()
    _write(source, "cents.xlsx", book(WEEK), LAST_WEEK)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        first = file_schemas.current_sha256(conn, "cents.xlsx")
        file_schemas.override_column(conn, [first], "Close", "ana", final_multiplier=0.01)
        _write(source, "cents.xlsx", book(WEEK, dollars=[10]))
        report = migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        second = file_schemas.current_sha256(conn, "cents.xlsx")
        (told,) = report.carried["cents.xlsx"]
        assert told.startswith("column 3 Close: multiplier 0.01")
        assert report.caveat_lines() == [f"cents.xlsx: carried from its previous version, with a caveat: {told}: "
                                         + MULTIPLIER_UNWEIGHED.format(TYPED_UNWEIGHED)]
        assert any(line.endswith(MULTIPLIER_UNWEIGHED.format(TYPED_UNWEIGHED))
                   for line in carried_corrections.lines(carried_corrections.recorded(conn, second)))
