"""A raw file's survey: the schema it reads with (borrowed and proven, or its own) and its dates."""
import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion.shared_layouts import LayoutMemory
from backintime_assets.ingestion.kept_groups import read_members
from backintime_assets.ingestion.parsed import FileTask, member_key, parsed_key, reading_hash, reading_key
from backintime_assets.ingestion.survey import SurveyTask, survey_file, survey_files
from backintime_assets_tests.ingestion.test_shared_layouts import READS_DIFFERENTLY


def _file(rows: int, seed: int, **style) -> bytes:
    return render_table(PRICE_HEADER, sample_prices(rows, seed=seed, tickers=3), Style(**style))


def _survey(data: bytes, name: str, schema, piece_bytes: int = 64 * 2**20):
    return survey_file(lambda offset, length: data[offset:offset + length], len(data), name, schema, piece_bytes)


def _borrowed(first: bytes, other: bytes):
    memory = LayoutMemory()
    memory.learn(first, detect_bytes(first, "a.csv"))
    schema = memory.borrow(other[:4096], "b.csv")
    assert schema is not None and schema.borrowed_from == "a.csv"
    return schema


def _reading(schema: FileSchema) -> str:
    return reading_key(schema.to_dict())


def _days(rows: int, tickers: int = 3) -> list[dt.date]:
    """The business days sample_prices spreads `rows` over."""
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=d) for d in range(2 * rows)]
    return [d for d in days if d.weekday() < 5][:(rows + tickers - 1) // tickers]


@pytest.mark.parametrize("rows", [40, 600])
def test_a_file_of_the_same_template_keeps_the_borrowed_schema_and_gives_every_date(rows):
    other = _file(rows, 2, footer=["", "Total,,,,,,,"])
    survey = _survey(other, "b.csv", _borrowed(_file(rows, 1, footer=["", "Total,,,,,,,"]), other))
    schema = FileSchema.from_json(survey.schema_json)
    assert schema.borrowed_from == "a.csv" and schema.footer_lines >= 1
    assert _reading(schema) == _reading(detect_bytes(other, "b.csv"))
    assert survey.dates == _days(rows) and survey.problem is None


@pytest.mark.parametrize("rows", [40, 600])
@pytest.mark.parametrize("first_style,other_style", READS_DIFFERENTLY)
def test_a_file_that_reads_differently_is_surveyed_with_its_own_detection(rows, first_style, other_style):
    other = _file(rows, 2, **other_style)
    survey = _survey(other, "b.csv", _borrowed(_file(rows, 1, **first_style), other))
    schema = FileSchema.from_json(survey.schema_json)
    assert schema.borrowed_from is None
    assert _reading(schema) == _reading(detect_bytes(other, "b.csv"))
    assert survey.dates == _days(rows)


def test_bad_values_keep_the_borrowed_schema_but_an_unreadable_row_does_not():
    first, good = _file(600, 1), _file(600, 2).decode().splitlines(keepends=True)
    high_below_low = "".join(good[:5] + ["2020-01-09,AAA,Tech,10,5,6,7,7,100\n"] + good[5:]).encode()
    assert FileSchema.from_json(_survey(high_below_low, "b.csv", _borrowed(first, high_below_low)).schema_json
                                ).borrowed_from == "a.csv"
    unreadable = "".join(good[:5] + ["2020-01-09,AAA,Tech,ten,5,6,7,7,100\n"] + good[5:]).encode()
    assert FileSchema.from_json(_survey(unreadable, "c.csv", _borrowed(first, unreadable)).schema_json
                                ).borrowed_from is None


def _aligned(names: list[str], days: list[dt.date]) -> bytes:
    lines = ["Security Report   Page 1", "", "Trade Date    Security       Close Price      Volume"]
    lines += [f"{day:%Y-%m-%d}    {names[k % len(names)]:<12}   {100 + k % 50}.{k % 100:02d}   {1000 + k:>9}"
              for k, day in enumerate(days)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(("first", "other", "kept"), [
    (["AAPL", "MSFT"], ["AAPL", "SAP SE"], False),  # its two-word names split on spaces: detected on its own
    (["SAP SE", "BRK B"], ["SAP SE", "AAPL"], True),  # read by runs of spaces, as the first file is
    (["SAP SE", "BRK B"], ["AAPL", "MSFT"], True),  # no single spaces in its values: they read either way
])
def test_a_space_aligned_file_borrowing_a_layout_reads_its_two_word_values_whole(first, other, kept):
    days = _days(300, tickers=1)
    other_data = _aligned(other, days)
    survey = _survey(other_data, "b.txt", _borrowed(_aligned(first, days), other_data))
    schema = FileSchema.from_json(survey.schema_json)
    assert (schema.borrowed_from == "a.csv") == kept and survey.problem is None
    assert [c.name for c in schema.columns] == ["Trade Date", "Security", "Close Price", "Volume"]
    assert survey.dates == days


def test_a_file_read_in_pieces_gives_the_dates_of_one_read():
    data = _file(3000, 4, footer=["Total,,,,,,,"])
    schema = detect_bytes(data, "big.csv")
    whole, pieces = _survey(data, "big.csv", schema), _survey(data, "big.csv", schema, piece_bytes=10_000)
    assert whole.dates == pieces.dates == _days(3000) and pieces.problem is None


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"Date,Ticker,Close\n", "no data rows"),
    (b"Date,Ticker,Close\n2025-01-02,AAA,-1\n", "no loadable rows"),  # its one row is rejected
])
def test_a_file_with_nothing_loadable_says_why(data, problem):
    survey = _survey(data, "x.csv", detect_bytes(data, "x.csv"))
    assert survey.dates == [] and survey.problem == problem


@pytest.mark.spark
@pytest.mark.parametrize("lake", ["local_lake", "s3_lake"])
def test_spark_tasks_survey_files_and_read_known_ones_with_their_given_schema(spark, request, lake):
    location = request.getfixturevalue(lake)
    fs = location.filesystem()
    fs.create_dir(location.path("raw"), recursive=True)
    files = {f"day{i}.csv": _file(30, i) for i in range(4)}
    files["big.csv"] = _file(3000, 9)
    files["eu.csv"] = _file(60, 5, delimiter=";", decimal=",", date_format="%d.%m.%Y")
    tasks = []
    for name, data in files.items():
        with fs.open_output_stream(location.path("raw", name)) as out:
            out.write(data)
        tasks.append(SurveyTask(name, location.path("raw", name), name, len(data), sha256=f"sha-{name}"))
    # eu.csv "known" with day and month swapped (say, a user's correction): it is read that way.
    given = detect_bytes(files["eu.csv"], "eu.csv")
    given = given.__class__.from_dict(given.to_dict() | {"columns": [
        c | ({"format": "%m.%d.%Y"} if c["canonical"] == "date" else {}) for c in given.to_dict()["columns"]]})
    tasks[-1] = SurveyTask("eu.csv", tasks[-1].lake_path, "eu.csv", tasks[-1].size_bytes, given.to_json(), "sha-eu")
    # Rows kept for files of 4 kB or more (day files are smaller): both ways of reading are used.
    found = survey_files(spark, location, tasks, piece_bytes=50_000, keep_min_bytes=4_000)
    assert set(found) == set(files)
    for name in [f"day{i}.csv" for i in range(4)]:
        assert found[name].dates == _days(30) and found[name].problem is None
    assert found["big.csv"].dates == _days(3000)
    assert found["eu.csv"].schema_json == given.to_json()
    # 20 business days from 2020-01-01 read month-first: only those whose day is at most 12 exist,
    # in other months, and those that fall on a weekend are refused.
    assert found["eu.csv"].dates == sorted(dt.date(2020, d.day, 1) for d in _days(60)
                                           if d.day <= 12 and dt.date(2020, d.day, 1).weekday() < 5)
    assert survey_files(spark, location, []) == {}

    # The parsed rows are kept, by content and reading schema, whole, with nothing left half-written:
    # the small files' in one group file, found through their member keys.
    small = [f"day{i}.csv" for i in range(4)]
    for name in small:
        reading = reading_hash(found[name].schema_json)
        assert found[name].parsed_path == location.path(member_key(f"sha-{name}", reading))
    tasks = [FileTask("", name, found[name].schema_json, found[name].dates[0], 0, 1, found[name].parsed_path)
             for name in small]
    not_kept = []
    members = pa.concat_tables(read_members(fs, tasks, not_kept))  # a group file per survey task
    assert not not_kept
    loaded = members.filter(pc.equal(members["status"], "loaded"))
    for name in small:
        mine = loaded.filter(pc.equal(loaded["source_file"], name))
        assert sorted(set(mine["date"].to_pylist())) == found[name].dates
    assert pc.sum(members["rows_read"]).as_py() == 4 * 30
    for name, survey in found.items():
        if name in small:
            continue
        sha = "sha-eu" if name == "eu.csv" else f"sha-{name}"
        assert survey.parsed_path == location.path(parsed_key(sha, survey.schema_json))
        rows = pq.read_table(survey.parsed_path, filesystem=fs)
        loaded = rows.filter(pc.equal(rows["status"], "loaded"))
        assert sorted(set(loaded["date"].to_pylist())) == survey.dates
        assert loaded.num_rows == (3000 if name == "big.csv" else 3 * len(survey.dates))
        assert pc.sum(rows["rows_read"]).as_py() == {"big.csv": 3000, "eu.csv": 60}.get(name, 30)
    everything = fs.get_file_info(pafs.FileSelector(location.path("parsed"), recursive=True))
    assert not [f.path for f in everything if f.path.endswith(".partial")]


def test_a_large_files_kept_rows_are_written_and_read_a_bounded_row_group_at_a_time(tmp_path, monkeypatch):
    # A task holds a whole row group when it reads one: pieces of ~700 rows must land in row groups
    # of at most PARSED_BATCH_ROWS, and be read back in batches no larger.
    import backintime_assets.ingestion.parsed as parsed
    import backintime_assets.ingestion.survey as survey
    from backintime_assets.lake import LakeLocation

    monkeypatch.setattr(survey, "PARSED_BATCH_ROWS", 250)
    monkeypatch.setattr(parsed, "PARSED_BATCH_ROWS", 250)
    data = _file(3000, 9)
    location = LakeLocation(str(tmp_path))
    fs = location.filesystem()
    keeper = survey._Keeper(fs, location, "sha-big")
    found = survey_file(lambda offset, length: data[offset:offset + length], len(data), "big.csv",
                        detect_bytes(data, "big.csv"), piece_bytes=50_000, keep=keeper)
    path = keeper.finish(found.read_whole)
    metadata = pq.ParquetFile(path, filesystem=fs).metadata
    sizes = [metadata.row_group(g).num_rows for g in range(metadata.num_row_groups)]
    assert max(sizes) == 250 and metadata.num_row_groups > 3000 // 250
    batches = list(parsed._kept_rows(fs, FileTask("", "big.csv", found.schema_json, found.dates[0], 0, len(data),
                                                  path)))
    assert max(b.num_rows for b in batches) <= 250 and sum(b.num_rows for b in batches) == metadata.num_rows
    table = pa.Table.from_batches(batches)
    assert table.filter(pc.equal(table["status"], "loaded")).num_rows == 3000


def test_file_dates_are_the_distinct_dates_of_each_file():
    from backintime_assets.ingestion.survey import file_dates

    d1, d2 = dt.date(1969, 12, 31), dt.date(2024, 2, 29)
    names = pa.chunked_array([["b", "a", "b"], ["a", "b", None]])
    dates = pa.chunked_array([[d2, d1, d2], [None, d1, d1]], pa.date32())
    got = {name: sorted(days) for name, days in file_dates(names, dates)}
    assert got == {"a": [d1], "b": [d1, d2], None: [d1]}
    # Only the rows counted (a survey's loaded ones), where they lie: a null in the mask counts none.
    among = pa.chunked_array([[True, False, False], [True, None, True]])
    assert {name: sorted(days) for name, days in file_dates(names, dates, among)} == {"b": [d2], None: [d1]}
    assert file_dates(names, dates, pa.chunked_array([[False] * 3, [False] * 3])) == []
    assert file_dates(pa.chunked_array([["a"]]), pa.chunked_array([[None]], pa.date32())) == []
    assert file_dates(pa.chunked_array([], pa.string()), pa.chunked_array([], pa.date32())) == []


def test_a_days_list_is_filed_under_its_name_date_and_a_renamed_copy_keeps_its_stored_schema():
    data = b"Code,Name,Open,High,Low,Close\n0050,A,130.2,131.8,129.9,131.5\n1101,B,32.3,32.7,32.1,32.7\n"
    schema = detect_bytes(data, "STOCK_DAY_ALL_20240102.csv")
    survey = _survey(data, "STOCK_DAY_ALL_20240102.csv", schema)
    assert survey.dates == [dt.date(2024, 1, 2)] and survey.problem is None
    assert FileSchema.from_json(survey.schema_json).date_from == "file name: 20240102"
    # Renamed, the same content keeps the schema stored for its sha: the date it was filed under.
    renamed = _survey(data, "STOCK_DAY_ALL_20240109.csv", FileSchema.from_json(survey.schema_json))
    assert renamed.dates == [dt.date(2024, 1, 2)]


def _in_lake(local_lake, name: str, data: bytes) -> str:
    """`data` written as a migrated file of the lake's raw zone; its path."""
    fs = local_lake.filesystem()
    fs.create_dir(local_lake.path("raw"), recursive=True)
    path = local_lake.path("raw", name)
    with fs.open_output_stream(path) as out:
        out.write(data)
    return path


@pytest.mark.spark
@pytest.mark.parametrize("keep_min_bytes", [4_000, 10**9])  # kept in a file of its own; in a group file
def test_under_an_every_day_week_a_saturday_row_is_surveyed_kept_and_converted_to_its_date(
        spark, local_lake, keep_min_bytes):
    from backintime_assets.ingestion.convert import convert_files
    from backintime_assets.ingestion.parsed import kept_rows_path
    from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS
    from backintime_assets.lake.tables import list_dates, read_arrow
    from backintime_assets.trading_week import TradingWeek

    every_day = TradingWeek.parse("mon-sun")
    # Daily candles of a crypto venue, Monday 3 March 2025 on, Saturdays and Sundays among them.
    days = [dt.date(2025, 3, 3) + dt.timedelta(days=k) for k in range(120)]
    data = ("Date,Symbol,Close,Volume\n" + "".join(f"{d},BTCUSDT,{90000 + k}.5,{k}\n" for k, d in enumerate(days))
            ).encode()
    path = _in_lake(local_lake, "btc.csv", data)
    task = SurveyTask("btc", path, "btc.csv", len(data), sha256="sha-btc")
    found = survey_files(spark, local_lake, [task], keep_min_bytes=keep_min_bytes, week=every_day)["btc"]
    assert found.dates == days and found.problem is None
    assert found.parsed_path == kept_rows_path(local_lake, "sha-btc", found.schema_json, len(data), every_day)

    weekend = [d.isoformat() for d in days[5:9]]  # Saturday 8 to Tuesday 11 March
    convert = FileTask(path, "btc.csv", found.schema_json, days[0], 0, len(data), found.parsed_path, tuple(days),
                       week=every_day)
    conversion = convert_files(spark, local_lake, [convert], weekend, "t1")
    prices = read_arrow(local_lake, "prices", PRICES)
    assert sorted(str(d) for d in prices["date"].to_pylist()) == weekend
    assert list_dates(local_lake, "prices") == weekend
    assert read_arrow(local_lake, "rejected_rows", REJECTED_ROWS).num_rows == 0
    assert conversion.accounting[0]["loaded"] == 120 and conversion.accounting[0]["rejected"] == 0


@pytest.mark.parametrize("piece_bytes", [None, 20_000])
def test_the_surveyed_schema_of_stacked_downloads_names_every_tables_ticker(piece_bytes):
    # AAPL's download, MSFT's and GOOG's stacked below past detection's sample: each table loads under
    # its own header's ticker, and the schema stored from the survey said "every row of ticker AAPL".
    from backintime_assets_tests.ingestion.test_parsed import _stacked_downloads

    data = _stacked_downloads()
    schema = detect_bytes(data, "prices.csv")
    assert schema.ticker == "AAPL"
    extra = {} if piece_bytes is None else {"piece_bytes": piece_bytes}
    surveyed = FileSchema.from_json(_survey(data, "prices.csv", schema, **extra).schema_json)
    assert (surveyed.ticker, surveyed.stacked_tickers) == ("AAPL", "AAPL, GOOG, MSFT")
    assert surveyed.columns == schema.columns
    # One download alone keeps its header's ticker; so does a file whose name spells it.
    single = b"Price,Close,Volume\nTicker,MSFT,MSFT\nDate,,\n2024-01-04,367.9,100\n2024-01-05,367.7,200\n"
    for name in ("prices.csv", "msft.csv"):
        alone = FileSchema.from_json(_survey(single, name, detect_bytes(single, name)).schema_json)
        assert (alone.ticker, alone.stacked_tickers) == ("MSFT", None)


def test_the_surveyed_schema_of_downloads_stacked_on_a_workbooks_sheet_names_every_tables_ticker():
    # MSFT's download stacked below AAPL's on the workbook's second tab (a cover sheet first): its
    # rows loaded as AAPL's, and the schema stored said "every row of ticker AAPL", so a user's one
    # ticker for them all was taken (db/file_overrides.py refuses it for stacked_tickers).
    from datetime import datetime

    from backintime_assets.db.file_overrides import FileOverrideError, set_ticker
    from backintime_assets_tests.normalisation.test_sheets import _download, book

    data = book({"Cover": [["Prices downloaded 2024"]], "Prices": _download("AAPL", datetime(1990, 1, 1), 3000)
                 + [[]] + _download("MSFT", datetime(2005, 1, 1), 1000)})
    schema = detect_bytes(data, "prices.xlsx")
    assert schema.ticker == "AAPL"
    surveyed = FileSchema.from_json(_survey(data, "prices.xlsx", schema).schema_json)
    assert (surveyed.ticker, surveyed.stacked_tickers) == ("AAPL", "AAPL, MSFT")
    with pytest.raises(FileOverrideError, match=r"several tickers one below the other \(AAPL, MSFT\)"):
        set_ticker(None, "sha", surveyed.to_dict(), "AAPL", "analyst")  # refused before the store is asked


@pytest.mark.spark
def test_spark_tasks_survey_stacked_downloads_naming_each_tables_ticker(spark, local_lake):
    # A small file's survey: read in a group, under its place in the slice, its rows kept in a group
    # file under the reading of the schema stored, where the conversion looks for them.
    from backintime_assets_tests.ingestion.test_parsed import _stacked_downloads

    data = _stacked_downloads()
    _in_lake(local_lake, "prices.csv", data)
    task = SurveyTask("prices.csv", local_lake.path("raw", "prices.csv"), "prices.csv", len(data), sha256="sha-st")
    found = survey_files(spark, local_lake, [task])["prices.csv"]
    stored = FileSchema.from_json(found.schema_json)
    assert (stored.ticker, stored.stacked_tickers) == ("AAPL", "AAPL, GOOG, MSFT")
    assert found.parsed_path == local_lake.path(member_key("sha-st", reading_hash(found.schema_json)))


def test_a_large_stacked_files_rows_are_kept_where_the_conversion_looks_for_them(tmp_path):
    # Read in pieces, its header's AAPL the first table's (MSFT's and GOOG's tables below): the survey
    # stores the schema saying so, and keeps the rows where the conversion (kept_rows_path of the
    # stored schema) looks for them, or every run parses the text again.
    from backintime_assets.ingestion.parsed import kept_rows_path
    from backintime_assets.ingestion.survey import _Keeper
    from backintime_assets.lake import LakeLocation
    from backintime_assets_tests.ingestion.test_parsed import _stacked_downloads

    data = _stacked_downloads()
    location = LakeLocation(str(tmp_path))
    keeper = _Keeper(location.filesystem(), location, "sha-stacked")
    found = survey_file(lambda offset, length: data[offset:offset + length], len(data), "prices.csv",
                        detect_bytes(data, "prices.csv"), piece_bytes=20_000, keep=keeper)
    assert FileSchema.from_json(found.schema_json).stacked_tickers == "AAPL, GOOG, MSFT"
    path = keeper.finish(found.read_whole, found.schema_json)  # as survey_files finishes it
    assert path == kept_rows_path(location, "sha-stacked", found.schema_json, 10**9)
    rows = pq.read_table(path, filesystem=location.filesystem())
    loaded = rows.filter(pc.equal(rows["status"], "loaded"))
    assert loaded.num_rows == 5000 and set(loaded["ticker"].to_pylist()) == {"AAPL", "MSFT", "GOOG"}


def test_a_stored_schema_naming_a_stacked_files_header_ticker_keeps_its_rows_under_its_own_reading(tmp_path):
    # Stored before the survey dropped a ticker the whole file did not bear out, a schema still names
    # AAPL; read again with it (a resurvey, a new name of the content), its rows were kept under the
    # reading without it, where the conversion (kept_rows_path of the stored schema) never looks.
    from backintime_assets.ingestion.parsed import kept_rows_path
    from backintime_assets.ingestion.survey import _Keeper
    from backintime_assets.lake import LakeLocation
    from backintime_assets_tests.ingestion.test_parsed import _stacked_downloads

    data = _stacked_downloads()
    stored = detect_bytes(data, "prices.csv")
    assert stored.ticker == "AAPL"
    location = LakeLocation(str(tmp_path))
    keeper = _Keeper(location.filesystem(), location, "sha-stored")
    found = survey_file(lambda offset, length: data[offset:offset + length], len(data), "prices.csv", stored,
                        piece_bytes=20_000, keep=keeper, stored=True)
    path = keeper.finish(found.read_whole, found.schema_json)
    assert path == kept_rows_path(location, "sha-stored", stored.to_json(), 10**9)
    rows = pq.read_table(path, filesystem=location.filesystem())
    assert set(rows.filter(pc.equal(rows["status"], "loaded"))["ticker"].to_pylist()) == {"AAPL", "MSFT", "GOOG"}


@pytest.mark.spark
def test_spark_tasks_keep_a_stacked_files_rows_under_its_stored_schema_naming_the_header_ticker(spark, local_lake):
    # A small file read again with its stored schema (stored naming AAPL, before the survey dropped
    # it): its rows must be kept under that schema's reading, where the conversion looks for them.
    from backintime_assets_tests.ingestion.test_parsed import _stacked_downloads

    data = _stacked_downloads()
    _in_lake(local_lake, "prices.csv", data)
    stored = detect_bytes(data, "prices.csv").to_json()
    task = SurveyTask("prices.csv", local_lake.path("raw", "prices.csv"), "prices.csv", len(data), stored, "sha-sd")
    found = survey_files(spark, local_lake, [task])["prices.csv"]
    assert found.parsed_path == local_lake.path(member_key("sha-sd", reading_hash(stored)))


def test_a_file_a_detector_fails_on_is_refused_and_each_of_its_lines_rejected(tmp_path, monkeypatch):
    # A detector's fault (TypeError) on one file: the survey names it unreadable, and its lines, read by
    # the conversion as no lines at all, had ended in neither prices nor rejected_rows.
    import backintime_assets.ingestion.detect_job as detect_job
    from backintime_assets.ingestion.parsed import FileGroup, parse_group
    from backintime_assets.ingestion.survey import _schemas

    def failing(*args, **kwargs):
        raise TypeError("can't compare offset-naive and offset-aware datetimes")

    monkeypatch.setattr(detect_job, "detect_one", failing)
    data = b"Date,Close\n2025-03-03,71.5\n2025-03-04,72.5\n"
    (tmp_path / "a.csv").write_bytes(data)
    task = SurveyTask("a", str(tmp_path / "a.csv"), "a.csv", len(data))
    schema_json = _schemas(pafs.LocalFileSystem(), [task], None)[1]["a"]
    assert FileSchema.from_json(schema_json).problem.startswith("unreadable: TypeError")
    rows = parse_group([data], FileGroup([FileTask("", "a.csv", schema_json, dt.date(2025, 3, 3), 0)], schema_json))
    summary = rows.filter(pc.is_valid(rows["rows_read"]))
    assert summary["rows_read"].to_pylist() == [3]
    rejected = rows.filter(pc.match_substring(rows["reason"], "file problem: unreadable: TypeError"))
    assert rejected["source_line"].to_pylist() == [1, 2, 3]
