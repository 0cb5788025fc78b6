"""A user's overrides of a whole file: a day's list dated by hand, a judged refusal lifted."""
import datetime as dt

import psycopg
import pytest

from backintime_assets.db import file_overrides, file_schemas
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.normalisation import normalise_bytes

pytestmark = pytest.mark.postgres
AS_OF = b"Closing prices as of 2025-03-03\nSymbol,Close\nAAA,10.5\nBBB,20.25\n"
TRADES = (b"Date,Symbol,Side,Quantity,Price,Commission,Order ID\n2025-03-03,AAA,Buy,100,10.5,1.0,123\n"
          b"2025-03-03,BBB,Sell,50,20.25,1.0,124\n")
DAY = dt.date(2025, 3, 3)


def _stored(conn, sha: str, data: bytes, name: str) -> dict:
    file_schemas.save_detection(conn, sha, name, detect_bytes(data, name).to_dict())
    return file_schemas.final_schema(conn, sha)


def _loaded(conn, sha: str, data: bytes, name: str):
    return normalise_bytes(data, FileSchema.from_dict(file_schemas.final_schema(conn, sha)), name)


def test_a_users_day_dates_a_list_whose_title_date_was_refused_and_is_taken_back(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        assert _stored(conn, "fo-day", AS_OF, "quotes.csv")["day"] is None
        assert _loaded(conn, "fo-day", AS_OF, "quotes.csv").prices_arrow.num_rows == 0
        before = file_schemas.schema_version(conn, ["fo-day"])

        file_overrides.set_day(conn, "fo-day", file_schemas.final_schema(conn, "fo-day"), DAY, "analyst")
        final = file_schemas.final_schema(conn, "fo-day")
        assert (final["day"], final["date_from"]) == ("2025-03-03", "schema override by analyst")
        loaded = _loaded(conn, "fo-day", AS_OF, "quotes.csv")
        assert loaded.prices_arrow.column("date").to_pylist() == [DAY, DAY] and loaded.file_problem is None
        assert file_schemas.schema_version(conn, ["fo-day"]) != before
        # A new detection of the file (redetect, save_detection) leaves the user's day in force.
        file_schemas.save_detection(conn, "fo-day", "quotes.csv", detect_bytes(AS_OF, "quotes.csv").to_dict())
        assert file_schemas.final_schema(conn, "fo-day")["day"] == "2025-03-03"

        file_overrides.set_day(conn, "fo-day", final, None, "boss")
        assert file_schemas.final_schema(conn, "fo-day")["day"] is None
        assert file_schemas.schema_version(conn, ["fo-day"]) == before
        taken_back = file_overrides.stored(conn, ["fo-day"])["fo-day"]["day"]
        assert (taken_back.value, taken_back.changed_by) == (None, "boss") and taken_back.changed_at is not None
        with pytest.raises(file_overrides.FileOverrideError, match="no day of a user's to take back"):
            file_overrides.set_day(conn, "fo-day", final, None, "boss")


def test_a_day_is_refused_for_a_file_with_a_date_column_or_nothing_to_date(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        dated = _stored(conn, "fo-dated", b"Date,Symbol,Close\n2025-03-03,AAA,10.5\n", "d.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="has a date column \\(Date\\)"):
            file_overrides.set_day(conn, "fo-dated", dated, DAY, "analyst")
        # Unmapped by the user (it holds no trade dates), the rows take the day.
        file_schemas.override_column(conn, ["fo-dated"], "Date", "analyst", final_mapping="none")
        file_overrides.set_day(conn, "fo-dated", file_schemas.final_schema(conn, "fo-dated"), DAY, "analyst")
        assert file_schemas.final_schema(conn, "fo-dated")["day"] == "2025-03-03"
        empty = _stored(conn, "fo-empty", b"Symbol,Close\n", "e.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="nothing to date: no data rows"):
            file_overrides.set_day(conn, "fo-empty", empty, DAY, "analyst")
        assert file_overrides.stored(conn, ["fo-dated", "fo-empty"]).keys() == {"fo-dated"}


def test_a_judged_refusal_may_be_lifted_a_fact_may_not(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        refused = _stored(conn, "fo-trades", TRADES, "t.csv")["problem"]
        assert refused.startswith("a list of trades, not prices")
        assert _loaded(conn, "fo-trades", TRADES, "t.csv").prices_arrow.num_rows == 0
        before = file_schemas.schema_version(conn, ["fo-trades"])

        assert file_overrides.set_load_refused(conn, "fo-trades", ["fo-trades"], True, "analyst") == ["fo-trades"]
        assert file_schemas.final_schema(conn, "fo-trades")["problem"] is None
        loaded = _loaded(conn, "fo-trades", TRADES, "t.csv")
        assert loaded.prices_arrow.column("close").to_pylist() == [10.5, 20.25] and loaded.file_problem is None
        assert file_schemas.schema_version(conn, ["fo-trades"]) != before
        assert file_overrides.stored(conn, ["fo-trades"])["fo-trades"]["load_refused"].value == refused

        file_overrides.set_load_refused(conn, "fo-trades", ["fo-trades"], False, "boss")
        assert file_schemas.final_schema(conn, "fo-trades")["problem"] == refused
        assert file_schemas.schema_version(conn, ["fo-trades"]) == before

        _stored(conn, "fo-nodata", b"Symbol,Close\n", "n.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="not by a judgement .*: no data rows"):
            file_overrides.set_load_refused(conn, "fo-nodata", ["fo-nodata"], True, "analyst")
        _stored(conn, "fo-fine", b"Date,Close\n2025-03-03,10.5\n", "f.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="not refused as a whole"):
            file_overrides.set_load_refused(conn, "fo-fine", ["fo-fine"], True, "analyst")
