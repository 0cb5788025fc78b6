import datetime as dt

import psycopg
import pytest

from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection import detect_bytes

pytestmark = pytest.mark.postgres
NOW = dt.datetime(2025, 1, 3, tzinfo=dt.timezone.utc)


def _raw(sha, dates, path="a.csv"):
    return manifest.RawFile(path, sha, path, 10, NOW, f"/lake/raw/{sha}/{path}", dates)


def test_a_new_version_supersedes_the_old_without_deleting_it(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        manifest.record(conn, _raw("aaa", [dt.date(2025, 1, 2)]))
        manifest.record(conn, _raw("bbb", [dt.date(2025, 1, 3)]))
        current = manifest.current_files(conn)
        assert [f.sha256 for f in current.values()] == ["bbb"]
        assert conn.execute("select count(*) from raw_files").fetchone()[0] == 2
        assert manifest.files_for_dates(conn, dt.date(2025, 1, 2), dt.date(2025, 1, 2)) == []
        assert [f.sha256 for f in manifest.files_for_dates(conn, dt.date(2025, 1, 1), dt.date(2025, 1, 3))] == ["bbb"]


def test_files_for_dates_looks_inside_gaps(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        manifest.record(conn, _raw("ccc", [dt.date(2025, 1, 2), dt.date(2025, 3, 3)]))
        assert manifest.files_for_dates(conn, dt.date(2025, 2, 3), dt.date(2025, 2, 7)) == []
        assert len(manifest.files_for_dates(conn, dt.date(2025, 3, 3), dt.date(2025, 3, 3))) == 1


def test_user_override_survives_redetection(postgres_url):
    schema = {"file": "a.csv", "columns": [
        {"name": "Date", "type": "date", "format": "%Y-%m-%d", "canonical": "date"},
        {"name": "Px", "type": "integer", "format": None, "canonical": None},
    ]}
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "sha", "a.csv", schema)
        changed = file_schemas.override_column(conn, ["sha"], "Px", "alice", final_type="float", final_mapping="close")
        assert changed == 1
        file_schemas.save_detection(conn, "sha", "a.csv", schema)
        final = file_schemas.final_schema(conn, "sha")
        assert final["columns"][1]["type"] == "float" and final["columns"][1]["canonical"] == "close"
        assert final["columns"][0]["type"] == "date"
        detected = conn.execute("select detected_type, changed_by from file_schemas where column_name='Px'").fetchone()
        assert detected == ("integer", "alice")


def test_a_layout_override_reaches_every_file_of_that_layout_only(postgres_url):
    def schema(names, delimiter=","):
        return {"delimiter": delimiter, "columns": [{"name": n, "type": "string"} for n in names]}

    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "s1", "a.csv", schema(["Date", "Px"]))
        file_schemas.save_detection(conn, "s2", "b.csv", schema(["date", "PX"]))
        file_schemas.save_detection(conn, "s3", "c.csv", schema(["Date", "Px"], ";"))
        before = file_schemas.schema_version(conn, ["s1"])
        assert sorted(file_schemas.files_sharing_layout(conn, "s1")) == ["s1", "s2"]
        # b.csv spells it PX
        assert file_schemas.override_column(conn, ["s1", "s2"], "Px", "bob", final_type="float") == 2
        assert file_schemas.schema_version(conn, ["s1"]) != before
        with pytest.raises(file_schemas.OverrideError, match="type must be one of"):
            file_schemas.override_column(conn, ["s1"], "Px", "bob", final_type="money")
        with pytest.raises(file_schemas.OverrideError, match="no column"):
            file_schemas.override_column(conn, ["s3"], "Nope", "bob", final_type="float")


def test_a_borrowed_schema_stays_borrowed_until_a_user_corrects_it(postgres_url):
    """The conversion proves (and may replace) a borrowed schema; a user's correction is final."""
    schema = {"file": "b.csv", "borrowed_from": "a.csv", "columns": [
        {"name": "Date", "type": "date", "format": "%Y-%m-%d", "canonical": "date"},
        {"name": "Px", "type": "float", "format": None, "canonical": "close"},
    ]}
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "sha", "b.csv", schema)
        assert file_schemas.final_schema(conn, "sha")["borrowed_from"] == "a.csv"
        file_schemas.override_column(conn, ["sha"], "Px", "alice", final_mapping="adj_close")
        final = file_schemas.final_schema(conn, "sha")
        assert final["borrowed_from"] is None and final["columns"][1]["canonical"] == "adj_close"


# yfinance's download of two tickers: "Close" over AAPL and over MSFT.
WIDE = (b"Price,Close,Close,Volume,Volume\nTicker,AAPL,MSFT,AAPL,MSFT\nDate,,,,\n"
        b"2025-01-02,10.5,20.5,100,200\n2025-01-03,11.5,21.5,110,210\n")


def test_a_wide_files_columns_keep_whose_they_are(postgres_url):
    detected = detect_bytes(WIDE, "wide.csv").to_dict()
    plain = {"file": "a.csv", "columns": [{"name": "Date", "type": "date", "format": "%Y-%m-%d", "canonical": "date"},
                                          {"name": "Px", "type": "float", "format": None, "canonical": "close"}]}
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "wide", "wide.csv", detected)
        file_schemas.save_detection(conn, "plain", "a.csv", plain)
        rows = conn.execute("select sha256, final_mapping, series from file_schemas order by sha256, column_index")
        assert rows.fetchall() == [("plain", "date", None), ("plain", "close", None), ("wide", "date", None),
                                   ("wide", "close", "AAPL"), ("wide", "close", "MSFT"),
                                   ("wide", "volume", "AAPL"), ("wide", "volume", "MSFT")]
        assert file_schemas.final_schema(conn, "wide") == detected
        assert file_schemas.final_schema(conn, "plain") == plain  # no series key where there is none


def test_a_wide_file_reads_as_wide_though_its_rows_lack_series(postgres_url):
    """Rows written by a process of the code from before the series column (still running while
    the migration ran) have none: the conversion must still read the file a ticker at a time."""
    detected = detect_bytes(WIDE, "wide.csv").to_dict()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "wide", "wide.csv", detected)
        conn.execute("update file_schemas set series = null")
        assert file_schemas.final_schema(conn, "wide") == detected


def test_columns_a_file_no_longer_has_answer_no_override(postgres_url):
    """Its own detection may replace a borrowed schema with fewer columns: `schema show` lists
    those, and an override must not change (and say it changed) a column the file no longer has."""
    columns = [{"name": n, "type": "float", "canonical": m} for n, m in (("Date", "date"), ("Px", "close"))]
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "f", "f.csv", {"columns": [*columns, {"name": "Vol", "type": "integer"}]})
        file_schemas.save_detection(conn, "f", "f.csv", {"columns": columns})
        assert file_schemas.column_count(conn, ["f"]) == 2
        with pytest.raises(file_schemas.OverrideError, match="no column 'Vol'.*1 Date; 2 Px$"):
            file_schemas.override_column(conn, ["f"], "Vol", "bob", final_type="float")
        with pytest.raises(file_schemas.OverrideError, match="no column number 3"):
            file_schemas.override_column(conn, ["f"], 2, "bob", final_type="float")


def test_a_name_refused_in_another_file_of_the_layout_says_which_file(postgres_url):
    def schema(*names):
        return {"delimiter": ",", "columns": [{"name": n, "type": "float"} for n in names]}

    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "a", "a.csv", schema("Date", "Close", "close"))
        file_schemas.save_detection(conn, "b", "b.csv", schema("Date", "CLOSE", "close"))
        assert sorted(file_schemas.files_sharing_layout(conn, "a")) == ["a", "b"]
        with pytest.raises(file_schemas.OverrideError, match=r"several columns of b\.csv: 2 CLOSE; 3 close"):
            file_schemas.override_column(conn, ["a", "b"], "Close", "bob", final_mapping="close")


def test_an_override_of_a_wide_files_column_changes_that_tickers_only(postgres_url):
    detected = detect_bytes(WIDE, "wide.csv").to_dict()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "wide", "wide.csv", detected)
        assert [c["name"] for c in detected["columns"]] == ["Price", "Close", "Close_2", "Volume", "Volume_2"]
        assert file_schemas.override_column(conn, ["wide"], "Close_2", "alice", final_mapping="adj_close") == 1
        assert file_schemas.column_label(conn, "wide", "Close_2") == "3 Close_2 (adj_close of MSFT)"
        final = file_schemas.final_schema(conn, "wide")
        expected = [dict(c) for c in detected["columns"]]
        expected[2]["canonical"] = "adj_close"
        assert final["columns"] == expected  # the series of each column as detected, MSFT's close remapped
        file_schemas.save_detection(conn, "wide", "wide.csv", detected)  # re-detection keeps the correction
        assert file_schemas.final_schema(conn, "wide")["columns"] == expected


def test_a_name_several_columns_of_a_file_answer_to_is_refused(postgres_url):
    """A stored schema may hold names alike but for case, or alike (detected before names were
    made unique): an override must not change them all, nor a guess."""
    columns = [("Date", None, "date"), ("Close", "AAPL", "close"), ("close", "MSFT", "close"),
               ("Volume", "AAPL", "volume"), ("Volume", "MSFT", "volume")]
    schema = {"delimiter": ",", "columns": [{"name": n, "type": "float", "canonical": m, "series": s}
                                            for n, s, m in columns]}

    def mappings():
        return [r[0] for r in conn.execute("select final_mapping from file_schemas order by column_index")]

    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "wide", "wide.csv", schema)
        assert file_schemas.override_column(conn, ["wide"], "Close", "bob", final_mapping="adj_close") == 1
        assert mappings() == ["date", "adj_close", "close", "volume", "volume"]
        refused = file_schemas.OverrideError
        with pytest.raises(refused, match=r"2 Close \(adj_close of AAPL\); 3 close \(close of MSFT\)"):
            file_schemas.override_column(conn, ["wide"], "CLOSE", "bob", final_mapping="open")
        with pytest.raises(refused, match=r"4 Volume \(volume of AAPL\); 5 Volume \(volume of MSFT"):
            file_schemas.override_column(conn, ["wide"], "Volume", "bob", final_type="integer")
        assert file_schemas.override_column(conn, ["wide"], 4, "bob", final_mapping="none") == 1  # by its index
        assert mappings() == ["date", "adj_close", "close", "volume", "none"]
        with pytest.raises(refused, match=r"no column 'Open'.*2 Close \(adj_close of AAPL\)"):
            file_schemas.override_column(conn, ["wide"], "Open", "bob", final_type="float")


def test_a_mapping_another_column_holds_is_refused_until_that_one_is_unmapped(postgres_url):
    """A row is read with one column per canonical name (the last): `Last -> close` said of a file
    whose Close maps to close was stored and shown, and the Close column's values loaded as before."""
    def schema(*columns):
        return {"delimiter": ",", "columns": [{"name": n, "type": "float", "canonical": m, "series": s}
                                              for n, m, s in columns]}

    def mappings(sha):
        return [r[0] for r in conn.execute(
            "select final_mapping from file_schemas where sha256 = %s order by column_index", (sha,))]

    futures = schema(("Date", "date", None), ("Symbol", "ticker", None), ("Last", None, None), ("Close", "close", None))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "fut", "fut.csv", futures)
        refused = file_schemas.OverrideError
        with pytest.raises(refused, match=r"column 3 Last cannot map to close: column 4 Close of fut\.csv maps to it "
                                          r"already.*--column-number 4 --mapping none"):
            file_schemas.override_column(conn, ["fut"], "Last", "ana", final_mapping="close")
        assert mappings("fut") == ["date", "ticker", None, "close"]  # nothing stored
        with pytest.raises(refused, match="column 3 Last cannot map to ticker: column 2 Symbol"):
            file_schemas.override_column(conn, ["fut"], "Last", "ana", final_type="string", final_mapping="ticker")
        assert file_schemas.override_column(conn, ["fut"], "Close", "ana", final_mapping="none") == 1
        assert file_schemas.override_column(conn, ["fut"], "Last", "ana", final_mapping="close") == 1
        assert mappings("fut") == ["date", "ticker", "close", "none"]
        assert file_schemas.override_column(conn, ["fut"], "Last", "ana", final_mapping="close") == 1  # said again
        # Of a layout, the file whose other column holds it is named.
        file_schemas.save_detection(conn, "a", "a.csv", schema(("Date", "date", None), ("Px", None, None)))
        file_schemas.save_detection(conn, "b", "b.csv", schema(("Date", "date", None), ("Px", None, None)))
        file_schemas.override_column(conn, ["b"], 0, "bob", final_mapping="none")
        file_schemas.override_column(conn, ["b"], 0, "bob", final_mapping="close")
        with pytest.raises(refused, match=r"column 2 Px cannot map to close: column 1 Date of b\.csv") as said:
            file_schemas.override_column(conn, ["a", "b"], "Px", "bob", final_mapping="close")
        # b.csv is a current file: unmapping its column with --layout would unmap a.csv's Date too.
        assert str(said.value).endswith("(--column-number 1 --mapping none)")
        assert mappings("a") == ["date", None]
        # A wide table's tickers each have their close; a column of one is refused by its own ticker's only.
        wide = schema(("Date", "date", None), ("Close", "close", "AAPL"), ("Last", None, "AAPL"),
                      ("Close_2", None, "MSFT"))
        file_schemas.save_detection(conn, "wide", "wide.csv", wide)
        with pytest.raises(refused, match=r"column 3 Last \(unmapped of AAPL\) cannot map to close: column "
                                          r"2 Close \(close of AAPL\)"):
            file_schemas.override_column(conn, ["wide"], "Last", "bob", final_mapping="close")
        assert file_schemas.override_column(conn, ["wide"], "Close_2", "bob", final_mapping="close") == 1
        with pytest.raises(refused, match=r"column 3 Last \(unmapped of AAPL\) cannot map to date: column 1 Date"):
            file_schemas.override_column(conn, ["wide"], "Last", "bob", final_mapping="date")


def test_a_mapping_a_superseded_versions_column_holds_is_refused_naming_it_so(postgres_url):
    """Of a layout, the column holding the mapping may be a path's superseded version's: told 'unmap column 4
    of p.csv', the user unmapped the current file's (one file's override) and was refused again."""
    columns = [{"name": n, "type": "float", "canonical": m} for n, m in
               (("Date", "date"), ("Symbol", "ticker"), ("Last", None), ("Close", "close"))]
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        for sha, day in (("old", 2), ("new", 3)):
            manifest.record(conn, _raw(sha, [dt.date(2025, 1, day)], "p.csv"))
            file_schemas.save_detection(conn, sha, "p.csv", {"delimiter": ",", "columns": columns})
        file_schemas.override_column(conn, ["new"], "Close", "ana", final_mapping="none")
        with pytest.raises(file_schemas.OverrideError,
                           match=r"column 4 Close of a superseded version of p\.csv maps to it already.*"
                                 r"\(--column-number 4 --mapping none --layout\)"):
            file_schemas.override_column(conn, ["new", "old"], "Last", "ana", final_mapping="close")
        # Of one file, no --layout to say.
        with pytest.raises(file_schemas.OverrideError, match=r"of p\.csv maps to it already.*--mapping none\)"):
            file_schemas.override_column(conn, ["old"], "Last", "ana", final_mapping="close")


def test_a_column_a_user_mapped_keeps_it_when_a_new_detection_maps_another_to_it(postgres_url):
    """`Px -> close` said of a file none of whose columns detection had named a close; detected again
    (schema redetect, a new version taking its corrections), Settle was found a close too, and the file
    loaded Settle's values as its closes (the last column of a name is read), shown as Px's."""
    from backintime_assets.detection import FileSchema

    def mapped(sha):
        final = FileSchema.from_dict(file_schemas.final_schema(conn, sha))
        return {name: final.columns[i].name for name, i in final.canonical_map().items()}

    def detected(*columns):  # a detection of these (name, canonical, series), numbers all but the date
        schema = detect_bytes(b"Date,A\n2024-01-02,1.5\n2024-01-03,1.7\n", "fut.csv").to_dict()
        schema["columns"] = [{**schema["columns"][0 if m == "date" else 1], "name": n, "canonical": m, "series": s}
                             for n, m, s in columns]
        return schema

    before = detected(("Date", "date", None), ("Px", None, None), ("Settle", None, None))
    again = detected(("Date", "date", None), ("Px", None, None), ("Settle", "close", None))
    wide = [detected(("Date", "date", None), ("Close", close, "AAPL"), ("Last", None, "AAPL"),
                     ("Close_2", "close", "MSFT")) for close in (None, "close")]
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "fut", "fut.csv", before)
        assert "close" not in mapped("fut")
        file_schemas.override_column(conn, ["fut"], "Px", "ana", final_mapping="close")
        file_schemas.replace_detection(conn, "fut", "fut.csv", again, file_schemas.overrides(conn, ["fut"])["fut"])
        assert mapped("fut") == {"date": "Date", "close": "Px"}
        # Of a wide table, a ticker's columns only: another ticker's close stays its own.
        file_schemas.save_detection(conn, "wide", "wide.csv", wide[0])
        file_schemas.override_column(conn, ["wide"], "Last", "ana", final_mapping="close")
        file_schemas.replace_detection(conn, "wide", "wide.csv", wide[1],
                                       file_schemas.overrides(conn, ["wide"])["wide"])
        final = FileSchema.from_dict(file_schemas.final_schema(conn, "wide"))
        assert {label: final.columns[m["close"]].name for label, m, _ in final.series_maps()} == {
            "AAPL": "Last", "MSFT": "Close_2"}


def test_each_dates_last_change_is_kept_as_changes_are_logged(postgres_url):
    day = [dt.date(2031, 5, d) for d in range(1, 5)]
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        manifest.log_change(conn, "a.csv", [day[0], day[1]])
        first = manifest.last_change_seq(conn)
        assert {d: manifest.latest_change_by_date(conn).get(d) for d in day[:2]} == {day[0]: first, day[1]: first}
        # Later reads fold in only the changes logged since, and move dates already kept.
        manifest.log_change(conn, "b.csv", [day[1], day[2], day[1]])
        manifest.log_change(conn, "a.csv", [day[0]])
        seqs = [c.seq for c in manifest.changes_after(conn, 0)][-3:]
        assert seqs[0] == first
        latest = manifest.latest_change_by_date(conn)
        assert {d: latest.get(d) for d in day} == {day[0]: seqs[2], day[1]: seqs[1], day[2]: seqs[1], day[3]: None}
        # the same as grouping the whole log, which the sensor did on every tick before
        assert latest == dict(conn.execute("select d, max(seq) from raw_file_changes, unnest(dates) d group by d"))
        conn.rollback()


def test_a_detected_multiplier_is_stored_and_a_user_may_change_or_remove_it(postgres_url):
    schema = detect_bytes(b"Date,Close,Vol ('000)\n2024-01-02,10.5,3103\n2024-01-03,10.6,2904\n", "m.csv").to_dict()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "m1", "m.csv", schema)
        before = file_schemas.schema_version(conn, ["m1"])
        assert conn.execute("select detected_multiplier, final_multiplier from file_schemas "
                            "where sha256 = 'm1' and column_index = 2").fetchone() == (1000, None)
        assert file_schemas.final_schema(conn, "m1")["columns"][2]["multiplier"] == 1000
        file_schemas.override_column(conn, ["m1"], "Vol ('000)", "alice", final_multiplier=100)
        assert file_schemas.final_schema(conn, "m1")["columns"][2]["multiplier"] == 100
        assert file_schemas.schema_version(conn, ["m1"]) != before
        file_schemas.override_column(conn, ["m1"], "Vol ('000)", "alice", final_multiplier=1)
        assert "multiplier" not in file_schemas.final_schema(conn, "m1")["columns"][2]
        # a mapping changed later keeps the user's multiplier; a re-detection keeps both
        file_schemas.override_column(conn, ["m1"], "Vol ('000)", "alice", final_mapping="none")
        file_schemas.save_detection(conn, "m1", "m.csv", schema)
        final = file_schemas.final_schema(conn, "m1")["columns"][2]
        assert final["canonical"] is None and "multiplier" not in final
        with pytest.raises(file_schemas.OverrideError, match="multiplier must be"):
            file_schemas.override_column(conn, ["m1"], 2, "alice", final_multiplier=0)


def test_a_correction_goes_with_its_column_to_its_new_number_or_has_no_place():
    def corrected(index, name):
        return file_schemas.Override(index, name, "float", None, "close", "alice", NOW)

    names = ["Date", "Ticker", "close", "Close_2"]
    placed, lost = file_schemas.place_overrides(
        [corrected(3, "Close"), corrected(0, "Row"), corrected(3, "Close_2")], names)
    # "Close" moved from 4th to 3rd (spelt otherwise now); "Row" is no column of the new detection.
    assert {i: o.column_name for i, o in placed.items()} == {2: "Close", 3: "Close_2"}
    assert [o.column_name for o in lost] == ["Row"]
    # Of two columns of its name, the one at its old number; never two corrections on one column.
    placed, lost = file_schemas.place_overrides([corrected(1, "Close"), corrected(3, "CLOSE")],
                                                ["Date", "Close", "Close"])
    assert {i: o.column_index for i, o in placed.items()} == {1: 1} and [o.column_index for o in lost] == [3]


def test_a_users_multiplier_goes_with_its_column_when_a_redetection_moves_it(postgres_url):
    old = detect_bytes(b"Date,Close,Vol\n2024-01-02,10.5,3103\n2024-01-03,10.6,2904\n", "m.csv").to_dict()
    new = detect_bytes(b"Date,Ticker,Close,Vol\n2024-01-02,AB,10.5,3103\n2024-01-03,AB,10.6,2904\n",
                       "m.csv").to_dict()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "mv", "m.csv", old)
        file_schemas.override_column(conn, ["mv"], "Vol", "alice", final_multiplier=1000)
        corrected = file_schemas.overrides(conn, ["mv"])["mv"]
        file_schemas.replace_detection(conn, "mv", "m.csv", new, corrected)
        columns = file_schemas.final_schema(conn, "mv")["columns"]
        # The close, now where the volume was, is not multiplied; the volume keeps the user's 1000.
        assert [c.get("multiplier") for c in columns] == [None, None, None, 1000]
        conn.rollback()


def test_a_sibling_stored_without_its_folder_settles_no_other_office(postgres_url):
    # London's day-first file, named by the file_schemas asset without its folder, proves day first
    # (13/03); New York's "04/03/2024" proves nothing. Without its folder London's proof counted for
    # every office: New York's 3 April loaded as 4 March.
    from backintime_assets.ingestion.sibling_order import settle_orders
    header = "Date,Open,High,Low,Close,Volume\n"
    london = detect_bytes((header + "13/03/2024,1,1,1,1,1\n").encode(), "close_013.csv").to_dict()
    new_york = detect_bytes((header + "04/03/2024,1,1,1,1,1\n").encode(), "newyork/close_003.csv").to_dict()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "lon", "london/close_013.csv", london)
        siblings = file_schemas.sibling_detections(conn, [new_york])
        assert [s["file"] for s in siblings] == ["london/close_013.csv"]
        assert settle_orders({"ny": new_york}, siblings) == ({}, [])
        # London's own next file is settled by it.
        own = detect_bytes((header + "04/03/2024,1,1,1,1,1\n").encode(), "london/close_004.csv").to_dict()
        settled, _ = settle_orders({"lon4": own}, siblings)
        assert next(c for c in settled["lon4"]["columns"] if c["canonical"] == "date")["format"] == "%d/%m/%Y"


def test_a_sibling_moved_to_another_folder_settles_its_new_folders_files_not_its_old(postgres_url):
    # London's day-first file, detected in london/, moved by its user to newyork/ (it was New York's): its proof
    # (13/03) was read by the name it was detected under, and London's next 04/03 loaded as 4 March by it.
    from backintime_assets.ingestion.sibling_order import settle_orders
    header = "Date,Open,High,Low,Close,Volume\n"
    moved = detect_bytes((header + "13/03/2024,1,1,1,1,1\n").encode(), "london/close_013.csv").to_dict()
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "lon", "london/close_013.csv", moved)
        manifest.record(conn, _raw("lon", [dt.date(2024, 3, 13)], "newyork/close_013.csv"))
        london = detect_bytes((header + "04/03/2024,1,1,1,1,1\n").encode(), "london/close_004.csv").to_dict()
        siblings = file_schemas.sibling_detections(conn, [london])
        assert [s["file"] for s in siblings] == ["newyork/close_013.csv"]
        assert settle_orders({"lon4": london}, siblings) == ({}, [])
        new_york = detect_bytes((header + "04/03/2024,1,1,1,1,1\n").encode(), "newyork/close_004.csv").to_dict()
        settled, _ = settle_orders({"ny4": new_york}, siblings)
        assert next(c for c in settled["ny4"]["columns"] if c["canonical"] == "date")["format"] == "%d/%m/%Y"
        conn.rollback()
