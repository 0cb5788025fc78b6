"""Stored detections and current files under names the rules of today call a site's for every download, judged
again at the first migration under those rules: refused, their dates run again, a user's ticker kept."""
import datetime as dt
import re

import psycopg
import pytest

from backintime_assets.db import file_overrides, file_schemas, manifest
from backintime_assets.db.schema import ensure_schema
from backintime_assets.detection import nameless
from backintime_assets.detection.nameless import NAMELESS
from backintime_assets.ingestion import stored_names
from backintime_assets.ingestion.raw import migrate
from backintime_assets_tests.ingestion.test_raw import DriverSurveyor

# The sites' names before session 59 listed a scraper's PriceHistory.csv and a script's dataset.csv.
BEFORE = re.compile(r"HISTORICALPRICES|HISTORICALQUOTES|TABLE|HISTORICALDATA(?:_\d{13})?|HISTORICAL[ _]DATA"
                    r"|UNTITLED SPREADSHEET(?: - SHEET\d+)?|DATA|EXPORT|DOWNLOAD|CHART|QUOTES|FREDGRAPH")
DAYS = [dt.date(2024, 9, 2) + dt.timedelta(days=k) for k in range(12) if (dt.date(2024, 9, 2) + dt.timedelta(days=k))
        .weekday() < 5]


def _history(base: float) -> str:
    return "Date,Open,High,Low,Close\n" + "".join(f"{d},{base},{base + 1},{base - 1},{base + k / 10}\n"
                                                  for k, d in enumerate(DAYS))


@pytest.mark.postgres
def test_a_detection_stored_under_a_name_listed_since_is_refused_at_the_next_migration_once(
        postgres_url, local_lake, tmp_path, monkeypatch):
    source = tmp_path / "source"
    # Folders in lower case, as a user's own are: a code's folder names its scraper's file (nameless.folder_ticker).
    for folder in ("acb", "vnm", "fpt"):
        (source / folder).mkdir(parents=True)
    (source / "acb" / "PriceHistory.csv").write_text(_history(20))  # detected under the scraper's name
    (source / "VNM.csv").write_text(_history(60))  # and its copy under it: detected under VNM.csv
    (source / "vnm" / "PriceHistory.csv").write_text(_history(60))
    (source / "fpt" / "PriceHistory.csv").write_text(_history(90))  # named by its user
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        monkeypatch.setattr(nameless, "_SITE_NAMES", BEFORE)  # migrated under the rules of before
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        before = manifest.current_files(conn)
        assert {p: (f.problem, f.dates) for p, f in before.items()} == dict.fromkeys(before, (None, DAYS))
        fpt = before["fpt/PriceHistory.csv"].sha256
        file_overrides.set_ticker(conn, fpt, file_schemas.final_schema(conn, fpt), "FPT", "ana")
        monkeypatch.undo()
        # A home last judged by those rules (any migration of before this check stands for one).
        conn.execute("update nameless_rules set version = 'before'")
        seq = manifest.last_change_seq(conn)

        surveyor = DriverSurveyor(local_lake)
        report = migrate(conn, source, local_lake, surveyor)
        now = manifest.current_files(conn)
        acb, copy = now["acb/PriceHistory.csv"], now["vnm/PriceHistory.csv"]
        # The scraper's file refused as a new detection of it is, filed under its home date; the stored detection
        # says so. Its copy refused too, its rejections filed with the dates its content loads on under VNM.csv.
        assert acb.problem.startswith(NAMELESS) and acb.home_dated and acb.dates != DAYS
        assert file_schemas.stored_detections(conn, [acb.sha256])[acb.sha256]["problem"] == acb.problem
        assert copy.problem.startswith(NAMELESS) and copy.dates == DAYS
        assert report.problems == {"acb/PriceHistory.csv": acb.problem, "vnm/PriceHistory.csv": copy.problem}
        # The user's ticker names its rows: loading as before. VNM.csv loads as before.
        assert (now["fpt/PriceHistory.csv"].problem, now["fpt/PriceHistory.csv"].dates) == (None, DAYS)
        assert (now["VNM.csv"].problem, now["VNM.csv"].dates) == (None, DAYS)
        # The dates their rows loaded on run again, to take the PRICEHISTORY rows out (VNM.csv's with its copy's:
        # the content is read again whole); only those two contents were read.
        changed = {c.source_path: set(c.dates) for c in manifest.changes_after(conn, seq)}
        assert set(changed) == {"acb/PriceHistory.csv", "vnm/PriceHistory.csv", "VNM.csv"}
        assert set(DAYS) <= changed[acb.source_path]
        assert {key.split("/")[0] for key in sum(surveyor.asked, [])} == {acb.sha256, copy.sha256}
        # Judged once: the next migration reads nothing.
        again = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, again).problems == {} and again.asked == []
        conn.rollback()


@pytest.mark.postgres
def test_a_history_whose_ticker_column_a_user_mapped_loads_its_tickers_under_a_name_listed_since(
        postgres_url, local_lake, tmp_path, monkeypatch):
    import json

    from backintime_assets.detection import FileSchema
    from backintime_assets.detection.read_as_named import read_as_named
    from backintime_assets.ingestion.raw import resurvey
    from backintime_assets.normalisation import normalise_bytes

    # A scraper's history whose tickers sit in a column detection does not take for one ("Remark"): a user mapped
    # it. Loading under the rules of before, it was refused once its name was listed, as was a site's download
    # the user had mapped so: their rows name themselves, as a user's ticker for the file names them.
    def text(base: int) -> str:
        return "Date,Open,High,Low,Close,Remark\n" + "".join(
            f"{d},{base},{base + 1},{base - 1},{base + k / 10},VN{k % 2}\n" for k, d in enumerate(DAYS))

    source = tmp_path / "source"
    (source / "acb").mkdir(parents=True)
    (source / "acb" / "PriceHistory.csv").write_text(text(20))
    (source / "HistoricalPrices.csv").write_text(text(70))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        monkeypatch.setattr(nameless, "_SITE_NAMES", BEFORE)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        monkeypatch.undo()
        files = manifest.current_files(conn)
        assert files["HistoricalPrices.csv"].problem.startswith(NAMELESS)
        shas = {path: f.sha256 for path, f in files.items()}
        for sha in shas.values():
            file_schemas.override_column(conn, [sha], "Remark", "ana", final_type="string", final_mapping="ticker")
        resurvey(conn, sorted(shas.values()), DriverSurveyor(local_lake))
        conn.execute("update nameless_rules set version = 'before'")
        surveyor = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, surveyor).problems == {} and surveyor.asked == []
        for path, sha in shas.items():
            f = manifest.current_files(conn)[path]
            assert (f.problem, f.dates) == (None, DAYS)
            schema = read_as_named(file_schemas.final_schema(conn, sha), path)
            rows = normalise_bytes((source / path).read_bytes(), FileSchema.from_json(json.dumps(schema)), path)
            assert set(rows.prices["ticker"]) == {"VN0", "VN1"}
        conn.rollback()


@pytest.mark.postgres
def test_rules_changed_in_words_alone_read_nothing_and_change_nothing(postgres_url, local_lake, tmp_path,
                                                                      monkeypatch):
    from backintime_assets.ingestion import stored_names
    from backintime_assets.ingestion.raw import resurvey

    # RULES is the modules' source: a comment edited changes it. The migration after judges every stored detection
    # again, and must find nothing where no name reads otherwise: a site's download and its renamed copy, one a
    # user's --load-refused loads, one a user's ticker names, one its title names, a symbol's file.
    source = tmp_path / "source"
    source.mkdir()
    for name, base in (("HistoricalPrices.csv", 10), ("dji.csv", 10), ("data.csv", 30), ("export.csv", 40),
                       ("AAA.csv", 50)):
        (source / name).write_text(_history(base))
    (source / "download.csv").write_text("Symbol: MSFT\n" + _history(60))
    with psycopg.connect(postgres_url) as conn:
        ensure_schema(conn)
        migrate(conn, source, local_lake, DriverSurveyor(local_lake))
        files = manifest.current_files(conn)
        lifted, named = files["data.csv"].sha256, files["export.csv"].sha256
        file_overrides.set_load_refused(conn, lifted, [lifted], True, "ana")
        file_overrides.set_ticker(conn, named, file_schemas.final_schema(conn, named), "EEE", "ana")
        resurvey(conn, [lifted, named], DriverSurveyor(local_lake))
        before = manifest.current_files(conn)
        assert [p for p, f in before.items() if f.problem] == ["HistoricalPrices.csv"]
        assert file_schemas.final_schema(conn, before["download.csv"].sha256)["ticker"] == "MSFT"
        detections = file_schemas.stored_detections(conn, [f.sha256 for f in before.values()])
        monkeypatch.setattr(stored_names, "RULES", "a comment edited")
        surveyor = DriverSurveyor(local_lake)
        assert migrate(conn, source, local_lake, surveyor).problems == {} and surveyor.asked == []
        assert manifest.current_files(conn) == before
        assert file_schemas.stored_detections(conn, [f.sha256 for f in before.values()]) == detections
        assert manifest.names_judged_by(conn) == "a comment edited"
        conn.rollback()


def test_the_rules_of_names_are_every_module_nameless_reads():
    # A module nameless.py imports (or one of those imports) left out of RULES: a word added to its lists changed
    # which names name nothing, and stored detections were not judged again.
    import ast
    from pathlib import Path

    import backintime_assets.detection as detection

    def imported(module: str) -> set[str]:
        tree = ast.parse((Path(detection.__file__).parent / f"{module}.py").read_text())
        return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 1}

    seen, todo = set(), ["nameless"]
    while todo:
        if (module := todo.pop()) not in seen:
            seen.add(module)
            todo.extend(imported(module))
    assert {m.__name__.rsplit(".", 1)[1] for m in stored_names.RULE_MODULES} == seen
