import datetime as dt

import psycopg
import pytest

from backintime_assets.db import file_schemas, manifest
from backintime_assets.db.schema import ensure_schema

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
