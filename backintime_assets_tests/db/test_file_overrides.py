"""A user's overrides of a whole file: a day's list dated by hand, a ticker named by hand, a judged refusal lifted."""
import datetime as dt

import psycopg
import pytest

from backintime_assets.db import file_overrides, file_schemas
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.nameless import NAMELESS
from backintime_assets.detection.refusals import judgement
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support.final_schemas import read_as_stored

pytestmark = pytest.mark.postgres
AS_OF = b"Closing prices as of 2025-03-03\nSymbol,Close\nAAA,10.5\nBBB,20.25\n"
TRADES = (b"Date,Symbol,Side,Quantity,Price,Commission,Order ID\n2025-03-03,AAA,Buy,100,10.5,1.0,123\n"
          b"2025-03-03,BBB,Sell,50,20.25,1.0,124\n")
DAY = dt.date(2025, 3, 3)


def _stored(conn, sha: str, data: bytes, name: str) -> dict:
    file_schemas.save_detection(conn, sha, name, detect_bytes(data, name).to_dict())
    return file_schemas.final_schema(conn, sha)


def test_a_users_day_dates_a_list_whose_title_date_was_refused_and_is_taken_back(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        assert _stored(conn, "fo-day", AS_OF, "quotes.csv")["day"] is None
        assert read_as_stored(conn, "fo-day", AS_OF, "quotes.csv").prices_arrow.num_rows == 0
        before = file_schemas.schema_version(conn, ["fo-day"])

        file_overrides.set_day(conn, "fo-day", file_schemas.final_schema(conn, "fo-day"), DAY, "analyst")
        final = file_schemas.final_schema(conn, "fo-day")
        assert (final["day"], final["date_from"]) == ("2025-03-03", "schema override by analyst")
        loaded = read_as_stored(conn, "fo-day", AS_OF, "quotes.csv")
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
        with pytest.raises(file_overrides.FileOverrideError, match="2025-03-01 is a Saturday"):
            file_overrides.set_day(conn, "fo-dated", file_schemas.final_schema(conn, "fo-dated"),
                                   dt.date(2025, 3, 1), "analyst")
        assert file_schemas.final_schema(conn, "fo-dated")["day"] == "2025-03-03"
        empty = _stored(conn, "fo-empty", b"Symbol,Close\n", "e.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="nothing to date: no data rows"):
            file_overrides.set_day(conn, "fo-empty", empty, DAY, "analyst")
        assert file_overrides.stored(conn, ["fo-dated", "fo-empty"]).keys() == {"fo-dated"}


def test_a_sunday_is_a_day_of_a_sunday_to_thursday_week(postgres_url):
    from backintime_assets.trading_week import TradingWeek

    sun_thu, sunday, friday = TradingWeek.parse("sun-thu"), dt.date(2025, 3, 2), dt.date(2025, 3, 7)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        final = _stored(conn, "fo-sun", AS_OF, "quotes.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="2025-03-02 is a Sunday: trade dates are Monday"):
            file_overrides.set_day(conn, "fo-sun", final, sunday, "analyst")
        file_overrides.set_day(conn, "fo-sun", final, sunday, "analyst", sun_thu)
        final = file_schemas.final_schema(conn, "fo-sun")
        assert final["day"] == "2025-03-02"
        loaded = normalise_bytes(AS_OF, FileSchema.from_dict(final), "quotes.csv", week=sun_thu)
        assert loaded.prices_arrow.column("date").to_pylist() == [sunday, sunday]
        with pytest.raises(file_overrides.FileOverrideError,
                           match="2025-03-07 is a Friday: trade dates are Sunday to Thursday"):
            file_overrides.set_day(conn, "fo-sun", final, friday, "analyst", sun_thu)


def test_a_judged_refusal_may_be_lifted_a_fact_may_not(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        refused = _stored(conn, "fo-trades", TRADES, "t.csv")["problem"]
        assert refused.startswith("a list of trades, not prices")
        assert read_as_stored(conn, "fo-trades", TRADES, "t.csv").prices_arrow.num_rows == 0
        before = file_schemas.schema_version(conn, ["fo-trades"])

        assert file_overrides.set_load_refused(conn, "fo-trades", ["fo-trades"], True, "analyst") == ["fo-trades"]
        assert file_schemas.final_schema(conn, "fo-trades")["problem"] is None
        loaded = read_as_stored(conn, "fo-trades", TRADES, "t.csv")
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


# Two securities each over their own dates, no label above them: a line holds both tickers' prices,
# and only the second has a volume, which detection maps (the first of its name).
SIDE_BY_SIDE = (b"Date,PX_LAST,Date,PX_LAST,PX_VOLUME\n2024-01-02,185.64,2024-01-02,370.87,100\n"
                b"2024-01-03,184.25,2024-01-03,370.60,200\n2024-01-04,181.91,2024-01-04,367.94,300\n")


def test_a_side_by_side_refusal_is_lifted_only_once_the_user_says_what_the_other_columns_are(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        _stored(conn, "fo-wide", SIDE_BY_SIDE, "w.csv")
        # Lifted as it stands, the first security's closes would load under the file's name with the
        # second's volumes, and the second's closes be dropped, no row rejected: refused, nothing stored.
        with pytest.raises(file_overrides.FileOverrideError, match="columns Date_2, PX_LAST_2, PX_VOLUME,"):
            file_overrides.set_load_refused(conn, "fo-wide", ["fo-wide"], True, "analyst")
        assert file_overrides.stored(conn, ["fo-wide"]) == {}
        assert read_as_stored(conn, "fo-wide", SIDE_BY_SIDE, "w.csv").prices_arrow.num_rows == 0
        # Unmapping the unmapped is not enough: the volume mapped is the other security's.
        for column in ("Date_2", "PX_LAST_2"):
            file_schemas.override_column(conn, ["fo-wide"], column, "analyst", final_mapping="none")
        with pytest.raises(file_overrides.FileOverrideError, match="columns PX_VOLUME,"):
            file_overrides.set_load_refused(conn, "fo-wide", ["fo-wide"], True, "analyst")

        # The user says the other security's columns feed nothing: the file is one ticker's.
        file_schemas.override_column(conn, ["fo-wide"], "PX_VOLUME", "analyst", final_mapping="none")
        assert file_overrides.set_load_refused(conn, "fo-wide", ["fo-wide"], True, "analyst") == ["fo-wide"]
        loaded = read_as_stored(conn, "fo-wide", SIDE_BY_SIDE, "w.csv").prices_arrow
        assert loaded.column("close").to_pylist() == [185.64, 184.25, 181.91]
        assert loaded.column("volume").to_pylist() == [None, None, None]  # unmapped: none given


def test_a_lifted_refusal_does_not_lift_another_judgement_a_new_detection_makes(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        _stored(conn, "fo-judged", TRADES, "t.csv")
        file_overrides.set_load_refused(conn, "fo-judged", ["fo-judged"], True, "analyst")
        assert file_schemas.final_schema(conn, "fo-judged")["problem"] is None
        # A new detection (redetect) refuses the file for another judgement than the one overruled:
        # the user never looked at that one.
        wide = detect_bytes(SIDE_BY_SIDE, "t.csv").to_dict()
        file_schemas.save_detection(conn, "fo-judged", "t.csv", wide)
        assert file_schemas.final_schema(conn, "fo-judged")["problem"] == wide["problem"]


PLAIN = b"Date,Close\n2025-03-03,181.9\n2025-03-04,181.2\n"
DOWNLOAD = (b"Price,Close,Volume\nTicker,7203.T,7203.T\nDate,,\n2025-03-03,2650.5,100\n"
            b"2025-03-04,2660.0,200\n")


def test_a_users_ticker_names_every_row_in_place_of_the_files_name_and_is_taken_back(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        final = _stored(conn, "fo-apple", PLAIN, "apple.csv")
        assert set(read_as_stored(conn, "fo-apple", PLAIN, "apple.csv").prices_arrow["ticker"].to_pylist()) == {"APPLE"}
        before = file_schemas.schema_version(conn, ["fo-apple"])

        # Stored as the file-name rule writes a ticker: trimmed, in capitals.
        assert file_overrides.set_ticker(conn, "fo-apple", final, " aapl ", "analyst") == "AAPL"
        final = file_schemas.final_schema(conn, "fo-apple")
        assert (final["ticker"], final["ticker_from"]) == ("AAPL", "schema override by analyst")
        loaded = read_as_stored(conn, "fo-apple", PLAIN, "apple.csv")
        assert loaded.prices_arrow["ticker"].to_pylist() == ["AAPL", "AAPL"] and loaded.rejected_arrow.num_rows == 0
        assert file_schemas.schema_version(conn, ["fo-apple"]) != before
        # A new detection of the file (redetect, save_detection) leaves the user's ticker in force.
        file_schemas.save_detection(conn, "fo-apple", "apple.csv", detect_bytes(PLAIN, "apple.csv").to_dict())
        assert file_schemas.final_schema(conn, "fo-apple")["ticker"] == "AAPL"

        assert file_overrides.set_ticker(conn, "fo-apple", final, None, "boss") is None
        final = file_schemas.final_schema(conn, "fo-apple")
        assert "ticker" not in final and "ticker_from" not in final
        assert file_schemas.schema_version(conn, ["fo-apple"]) == before
        taken_back = file_overrides.stored(conn, ["fo-apple"])["fo-apple"]["ticker"]
        assert (taken_back.value, taken_back.changed_by) == (None, "boss") and taken_back.changed_at is not None
        with pytest.raises(file_overrides.FileOverrideError, match="no ticker of a user's to take back"):
            file_overrides.set_ticker(conn, "fo-apple", final, None, "boss")


def test_a_users_ticker_replaces_the_one_the_header_names(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        final = _stored(conn, "fo-toyota", DOWNLOAD, "toyota.csv")
        assert final["ticker"] == "7203.T"
        file_overrides.set_ticker(conn, "fo-toyota", final, "TM", "analyst")
        assert read_as_stored(conn, "fo-toyota", DOWNLOAD, "toyota.csv").prices_arrow["ticker"].to_pylist() == \
            ["TM", "TM"]


def test_a_ticker_is_refused_for_a_file_of_tables_stacked_each_under_its_own_ticker(postgres_url):
    # AAPL's download, MSFT's and GOOG's below it, past detection's sample: the survey reads them all
    # and stores what it found; a user's one ticker would load the three securities' rows as one's.
    from backintime_assets.cli import _ticker_line
    from backintime_assets.ingestion.survey import survey_file
    from backintime_assets_tests.ingestion.test_parsed import _stacked_downloads

    data = _stacked_downloads()
    found = survey_file(lambda offset, length: data[offset:offset + length], len(data), "prices.csv",
                        detect_bytes(data, "prices.csv"), piece_bytes=20_000)
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        file_schemas.save_detection(conn, "fo-stacked", "prices.csv", FileSchema.from_json(found.schema_json).to_dict())
        final = file_schemas.final_schema(conn, "fo-stacked")
        assert (final["ticker"], final["stacked_tickers"]) == ("AAPL", "AAPL, GOOG, MSFT")
        assert _ticker_line(final).startswith("rows of ticker AAPL, GOOG, MSFT: the header names AAPL for the first")
        with pytest.raises(file_overrides.FileOverrideError, match=r"several tickers one below the other \(AAPL, GOOG"):
            file_overrides.set_ticker(conn, "fo-stacked", final, "AAPL", "analyst")
        assert file_overrides.stored(conn, ["fo-stacked"]) == {}


def test_a_ticker_is_refused_for_a_file_whose_rows_name_theirs_or_hold_none(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        named = _stored(conn, "fo-named", b"Date,Symbol,Close\n2025-03-03,AAA,10.5\n", "n.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="has a ticker column \\(Symbol\\).*--mapping none"):
            file_overrides.set_ticker(conn, "fo-named", named, "AAA", "analyst")
        labelled = _stored(conn, "fo-labelled", b"Price,Close,Close\nTicker,AAPL,MSFT\nDate,,\n2025-03-03,1.5,2.5\n",
                           "l.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="several tickers side by side"):
            file_overrides.set_ticker(conn, "fo-labelled", labelled, "AAPL", "analyst")
        wide = _stored(conn, "fo-wide-t", SIDE_BY_SIDE, "w.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="several tickers side by side"):
            file_overrides.set_ticker(conn, "fo-wide-t", wide, "AAPL", "analyst")
        empty = _stored(conn, "fo-empty-t", b"Date,Close\n", "e.csv")
        with pytest.raises(file_overrides.FileOverrideError, match="no rows to name: no data rows"):
            file_overrides.set_ticker(conn, "fo-empty-t", empty, "AAPL", "analyst")
        plain = _stored(conn, "fo-plain", PLAIN, "p.csv")
        for unusable in ("  ", "n/a", "AA\nPL"):
            with pytest.raises(file_overrides.FileOverrideError, match="empty or reads as a missing|line break"):
                file_overrides.set_ticker(conn, "fo-plain", plain, unusable, "analyst")
        assert file_overrides.stored(conn, ["fo-named", "fo-labelled", "fo-wide-t", "fo-empty-t", "fo-plain"]) == {}

        # Once the user says the other security's columns feed nothing and loads it, it is one ticker's.
        for column in ("Date_2", "PX_LAST_2", "PX_VOLUME"):
            file_schemas.override_column(conn, ["fo-wide-t"], column, "analyst", final_mapping="none")
        file_overrides.set_load_refused(conn, "fo-wide-t", ["fo-wide-t"], True, "analyst")
        file_overrides.set_ticker(conn, "fo-wide-t", file_schemas.final_schema(conn, "fo-wide-t"), "AAPL", "analyst")
        assert set(read_as_stored(conn, "fo-wide-t", SIDE_BY_SIDE, "w.csv").prices_arrow["ticker"].to_pylist()) == \
            {"AAPL"}
        # A column mapped to the ticker afterwards names the rows: the user's ticker is not in force.
        file_schemas.override_column(conn, ["fo-wide-t"], "Date_2", "analyst", final_mapping="ticker")
        assert "ticker_from" not in file_schemas.final_schema(conn, "fo-wide-t")


# WSJ's download, whose name names no instrument (detection/nameless.py).
NAMELESS_ROWS = b"Date,Open,High,Low,Close\n01/03/24,100.0,101.0,99.0,100.5\n01/02/24,99.0,100.0,98.0,99.5\n"


def test_a_users_ticker_names_the_rows_of_a_file_refused_for_its_name():
    schema = detect_bytes(NAMELESS_ROWS, "HistoricalPrices.csv")
    assert judgement(schema.problem) == NAMELESS
    final = schema.to_dict()
    file_overrides.apply(final, {"ticker": file_overrides.FileOverride("ticker", "^DJI", "analyst", None)})
    named = FileSchema.from_dict(final)
    result = normalise_bytes(NAMELESS_ROWS, named, "HistoricalPrices.csv")
    assert named.problem is None and result.prices.ticker.tolist() == ["^DJI"] * 2


def test_a_lifted_judgement_leaves_a_sites_name_for_every_download_refused():
    # A guessed order lifted by a user: detection says the name's refusal after it, and lifted, the rows
    # had loaded as ticker DATA. A user's lifting of the name's refusal, or a ticker, loads them.
    data = "Дата,Открытие,Макс,Мин,Закрытие\n01/02/2024,10,11,9,10.5\n".encode()
    detected = detect_bytes(data, "data.csv").to_dict()
    lift = file_overrides.FileOverride("load_refused", detected["problem"], "analyst", None)
    final = dict(detected)
    file_overrides.apply(final, {"load_refused": lift})
    assert judgement(final["problem"]) == NAMELESS
    named = dict(detected)
    file_overrides.apply(named, {"load_refused": lift,
                                 "ticker": file_overrides.FileOverride("ticker", "SBER", "analyst", None)})
    assert named["problem"] is None and named["ticker"] == "SBER"
    nameless = detect_bytes(NAMELESS_ROWS, "HistoricalPrices.csv").to_dict()
    file_overrides.apply(nameless, {"load_refused": file_overrides.FileOverride(
        "load_refused", nameless["problem"], "analyst", None)})
    assert nameless["problem"] is None


CLOSES = (b"Date,Closing Price,Auction Close\n2025-03-03,181.9,181.7\n2025-03-04,181.2,181.0\n"
          b"2025-03-05,182.4,182.5\n")


def test_several_closes_refusal_is_lifted_only_once_the_user_says_what_the_other_closes_are(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        assert _stored(conn, "fo-closes", CLOSES, "c.csv")["problem"].startswith("several closes of one instrument")
        # Lifted as it stands, detection's pick of the closes loaded as the day's and the auction's was
        # dropped without a word: the very question the refusal says is unsaid.
        with pytest.raises(file_overrides.FileOverrideError, match="several closes .*columns Auction Close"):
            file_overrides.set_load_refused(conn, "fo-closes", ["fo-closes"], True, "analyst")
        file_schemas.override_column(conn, ["fo-closes"], "Auction Close", "analyst", final_mapping="none")
        assert file_overrides.set_load_refused(conn, "fo-closes", ["fo-closes"], True, "analyst") == ["fo-closes"]
        assert read_as_stored(conn, "fo-closes", CLOSES, "c.csv").prices_arrow.column("close").to_pylist() == \
            [181.9, 181.2, 182.4]


def test_a_side_by_side_lift_stored_before_several_closes_were_told_apart_still_lifts_them():
    # Until session 28 "spot_close,fut_close" was refused as tickers side by side; a user's lifting of
    # that refusal, stored with its text, was no word on the same file's new judgement: refused again.
    old = "prices of several tickers side by side? (spot_close, fut_close): columns name several series"
    new = "several closes of one instrument? (spot_close, fut_close): each column names the close"
    schema = {"problem": new, "columns": []}
    lifted = file_overrides.FileOverride(file_overrides.LOAD_REFUSED, old, "analyst", None)
    file_overrides.apply(schema, {file_overrides.LOAD_REFUSED: lifted})
    assert schema["problem"] is None
    # A lift of another judgement still lifts nothing.
    schema = {"problem": new, "columns": []}
    trades = file_overrides.FileOverride(file_overrides.LOAD_REFUSED, "trades, not prices: a broker's", "a", None)
    file_overrides.apply(schema, {file_overrides.LOAD_REFUSED: trades})
    assert schema["problem"] == new


def _day_of_whole_numbers(*late: str) -> bytes:
    """A tab file of one day's 1,500 tickers whose sampled prices and volumes are whole (no mark seen:
    decimal_unseen), with `late` rows in the middle, past the sample: an English desk's 'TICKER\\t71.500\\t1,500'."""
    rows = [f"2025-03-03\tT{i:04d}\t{70 + i % 30}\t{100 + i % 50}\n" for i in range(1500)]
    rows[700:700 + len(late)] = [f"2025-03-03\t{r}\n" for r in late]
    return ("Date\tTicker\tClose\tVolume\n" + "".join(rows)).encode()


WHOLE = _day_of_whole_numbers("MIDA\t71.500\t1,500", "MIDB\t12.125\t2,000", "MIDC\t71,25\t3")


def _row(loaded, ticker: str) -> tuple:
    prices = loaded.prices
    found = prices[prices.ticker == ticker]
    return tuple(found[["close", "volume"]].iloc[0]) if len(found) else None


def test_a_users_marks_read_the_numbers_a_sample_of_whole_numbers_left_undecided_and_are_taken_back(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        final = _stored(conn, "fo-marks", WHOLE, "day.txt")
        assert final["decimal_unseen"] is True
        loaded = read_as_stored(conn, "fo-marks", WHOLE, "day.txt")
        # Undecided as detected: rejected, not loaded 1000x off. "71,25" reads 71.25 by either custom.
        assert _row(loaded, "MIDA") is None and _row(loaded, "MIDB") is None and _row(loaded, "MIDC") == (71.25, 3)
        assert loaded.rejected_arrow["reason"].to_pylist()[0].startswith("unparseable as one number")
        before = file_schemas.schema_version(conn, ["fo-marks"])

        assert file_overrides.set_marks(conn, "fo-marks", ["fo-marks"], {"fo-marks": final}, (".", ","),
                                        "analyst") == ["fo-marks"]
        final = file_schemas.final_schema(conn, "fo-marks")
        assert (final["decimal"], final["thousands"], "decimal_unseen" in final) == (".", ",", False)
        loaded = read_as_stored(conn, "fo-marks", WHOLE, "day.txt")
        assert (_row(loaded, "MIDA"), _row(loaded, "MIDB")) == ((71.5, 1500), (12.125, 2000))
        # The cell the user's marks cannot read is rejected with its reason, never read the other way.
        assert _row(loaded, "MIDC") is None and loaded.prices_arrow.num_rows == 1499
        assert loaded.rejected_arrow["reason"].to_pylist() == ["unparseable value: close"]
        assert file_schemas.schema_version(conn, ["fo-marks"]) != before
        # A new detection of the file (redetect, save_detection) leaves the user's marks in force.
        file_schemas.save_detection(conn, "fo-marks", "day.txt", detect_bytes(WHOLE, "day.txt").to_dict())
        assert file_schemas.final_schema(conn, "fo-marks")["thousands"] == ","

        # The other custom, said of the same file: "71.500" is 71500 by the user's word, "71,25" 71.25.
        file_overrides.set_marks(conn, "fo-marks", ["fo-marks"], {"fo-marks": final}, (",", "."), "analyst")
        loaded = read_as_stored(conn, "fo-marks", WHOLE, "day.txt")
        assert (_row(loaded, "MIDA"), _row(loaded, "MIDC")) == ((71500, 1.5), (71.25, 3))

        assert file_overrides.set_marks(conn, "fo-marks", ["fo-marks"], {"fo-marks": final}, None, "boss") \
            == ["fo-marks"]
        final = file_schemas.final_schema(conn, "fo-marks")
        assert (final["decimal"], final["thousands"], final["decimal_unseen"]) == (".", None, True)
        assert file_schemas.schema_version(conn, ["fo-marks"]) == before
        taken_back = file_overrides.stored(conn, ["fo-marks"])["fo-marks"]["marks"]
        assert (taken_back.value, taken_back.changed_by) == (None, "boss") and taken_back.changed_at is not None
        with pytest.raises(file_overrides.FileOverrideError, match="no marks of a user's to take back"):
            file_overrides.set_marks(conn, "fo-marks", ["fo-marks"], {"fo-marks": final}, None, "boss")


def test_marks_that_contradict_themselves_or_the_file_are_refused_and_nothing_stored(postgres_url):
    comma = detect_bytes(b"Date,Close\n2025-03-03,71\n2025-03-04,72\n", "c.csv").to_dict()
    assert file_overrides.marks_problem(comma, ",", ",").startswith("the decimal mark and the thousands mark are both")
    assert "separates its fields with ',' and quotes none" in file_overrides.marks_problem(
        dict(comma, quotechar=None), ",", ".")
    assert file_overrides.marks_problem(comma, ",", " ") is None and file_overrides.marks_problem(comma, ".", None) \
        is None
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        book = dict(comma, file="prices.xlsx", file_format="xlsx")
        file_schemas.save_detection(conn, "fo-book", "prices.xlsx", book)
        with pytest.raises(file_overrides.FileOverrideError, match="prices.xlsx is a workbook \\(xlsx\\): its numbers "
                                                                   "are typed cells"):
            file_overrides.set_marks(conn, "fo-book", ["fo-book"], {"fo-book": book}, (",", "."), "analyst")
        # Of a layout, a workbook sharing it keeps its typed numbers; the text file takes the marks.
        file_schemas.save_detection(conn, "fo-text", "c.csv", comma)
        assert file_overrides.set_marks(conn, "fo-text", ["fo-text", "fo-book"], {"fo-text": comma, "fo-book": book},
                                        (",", "."), "analyst") == ["fo-text"]
        assert file_overrides.stored(conn, ["fo-text", "fo-book"]).keys() == {"fo-text"}
        # Kept on a file found a workbook since, the marks read nothing of it.
        final = dict(book)
        file_overrides.apply(final, file_overrides.in_force(conn, ["fo-text"])["fo-text"])
        assert (final["decimal"], final["thousands"]) == (book["decimal"], book["thousands"])


def test_the_clis_thousands_names_are_the_marks_a_user_may_name_and_typed_numbers_every_spreadsheets():
    from backintime_assets.cli import THOUSANDS_CHOICES
    from backintime_assets.detection.xlsx import MARKUP_FORMATS, WORKBOOK_FORMATS, WORKBOOK_SUFFIXES

    assert set(THOUSANDS_CHOICES) == set(file_overrides.THOUSANDS_MARKS)
    # Every spreadsheet's cells are typed (Excel 2003 XML's by ss:Type: markup.py); an HTML table's are text.
    assert file_overrides.TYPED_NUMBERS == set(WORKBOOK_SUFFIXES.values()) | {"xmlss"}
    assert WORKBOOK_FORMATS - file_overrides.TYPED_NUMBERS == {"html"} and "html" in MARKUP_FORMATS


def test_a_users_marks_correct_a_guess_the_sample_could_not_settle():
    # A semicolon file of a cross's rates, each with three decimals: read as a German writer's grouping,
    # "1.503" is 1503. The user who knows the desk writes a decimal dot says so.
    rates = "".join(f"0{d}/01/2024;EURX;{1 + d % 3}.{503 + d}\n" for d in range(2, 6)).encode()
    data = b"Date;Pair;Close\n" + rates
    schema = detect_bytes(data, "fx.csv").to_dict()
    assert (schema["decimal"], schema["thousands"]) == (",", ".")
    assert normalise_bytes(data, FileSchema.from_dict(schema), "fx.csv").prices.close.tolist()[0] == 3505
    file_overrides.apply(schema, {"marks": file_overrides.FileOverride("marks", file_overrides.marks_value(".", None),
                                                                       "analyst", None)})
    loaded = normalise_bytes(data, FileSchema.from_dict(schema), "fx.csv")
    assert loaded.prices.close.tolist() == [3.505, 1.506, 2.507, 3.508]


def test_a_users_no_thousands_mark_reads_a_number_the_other_mark_groups_as_a_file_detected_without_one():
    # `--decimal-mark .` (thousands none) of the tab file of whole numbers: its "1,500" and "1,234,567"
    # shares have no reading but a thousand grouped and load so, as past the sample of any file detected
    # without a thousands mark (parse._read_grouped); a close "1,500" where the column writes "71,25" (a
    # decimal comma's row) is 1.5 or 1500 and is rejected, as is "71,25" itself.
    data = _day_of_whole_numbers("MIDA\t71.500\t1,500", "MIDE\t85\t1,234,567", "MIDC\t71,25\t3", "MIDG\t1,500\t7")
    schema = detect_bytes(data, "day.txt").to_dict()
    file_overrides.apply(schema, {"marks": file_overrides.FileOverride("marks", file_overrides.marks_value(".", None),
                                                                       "analyst", None)})
    loaded = normalise_bytes(data, FileSchema.from_dict(schema), "day.txt")
    assert (_row(loaded, "MIDA"), _row(loaded, "MIDE")) == ((71.5, 1500), (85, 1234567))
    assert _row(loaded, "MIDC") is None and _row(loaded, "MIDG") is None
    assert loaded.rejected_arrow["reason"].to_pylist() == ["unparseable value: close"] * 2


def test_a_layouts_marks_are_taken_back_when_named_by_a_file_of_it_migrated_since(postgres_url):
    # The marks said of a desk's layout (a.txt, b.txt); c.txt of the layout, migrated since, holds none.
    # Named with --layout, it takes back its older files' marks rather than refusing for its own.
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        shas = ["fo-lay-a", "fo-lay-b", "fo-lay-c"]
        finals = {sha: _stored(conn, sha, WHOLE, f"{sha}.txt") for sha in shas}
        assert file_overrides.set_marks(conn, "fo-lay-a", shas[:2], finals, (".", ","), "analyst") == shas[:2]
        assert file_overrides.set_marks(conn, "fo-lay-c", shas, finals, None, "boss") == shas[:2]
        assert file_overrides.in_force(conn, shas) == {}
        with pytest.raises(file_overrides.FileOverrideError, match="no marks of a user's to take back: its numbers "
                                                                   "are read with the marks detected, as are its "
                                                                   "layout's"):
            file_overrides.set_marks(conn, "fo-lay-c", shas, finals, None, "boss")
        with pytest.raises(file_overrides.FileOverrideError, match="read with the marks detected$"):
            file_overrides.set_marks(conn, "fo-lay-c", ["fo-lay-c"], finals, None, "boss")
