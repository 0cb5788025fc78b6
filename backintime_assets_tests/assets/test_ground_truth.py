"""Zero rows lost, proven against the simulator's ground truth on drifted, damaged and mixed-format folders.

The simulator records every line that is not a clean data row (`_ground_truth.csv`) and per file its
layout and row counts (`_files.csv`). The real asset graph ingests the folder; then every physical line
of every file is accounted for: a clean row is in `prices` exactly once with the simulated values, a
damaged row is in `rejected_rows` with a reason, and nothing else lands anywhere.
"""
from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import psycopg
import pytest

from backintime_assets.simulation import (
    FileOptions, Layout, MarketSpec, business_days, read_file_manifest, read_ground_truth, simulate_prices, write_files,
)
from backintime_assets.simulation.universe import listing
from backintime_assets_tests.assets.pipeline import INGEST, lake_prices, lake_rejections, run_range, settings_for

ROW_DAMAGE = {"malformed", "non_numeric", "negative_price", "high_below_low", "duplicate", "truncated"}
NON_DATA = {"preamble", "header", "total"}
CHECKS = {"every_row_accounted_for", "prices_have_one_row_per_ticker_and_date", "prices_are_sane",
          "prices_have_no_unit_slips"}
PRICE_FIELDS = ("open", "high", "low", "close", "adj_close")


@dataclass(frozen=True)
class Scenario:
    name: str
    spec: MarketSpec
    options: FileOptions
    first: date
    last: date
    # What the seeds are known to produce, so a change of seeds cannot quietly make the test vacuous.
    kinds: frozenset[str] = field(default_factory=frozenset)
    formats: frozenset[str] = frozenset({"csv", "xlsx"})


SCENARIOS = [
    # Three weeks of daily drops, two exchanges (about six rows a file), a new layout for every file.
    Scenario(
        "daily", MarketSpec(n_tickers=12, seed=11, n_exchanges=2),
        FileOptions(shape="daily", drift="random", pollution_rate=0.06, xlsx_share=0.2, seed=1),
        date(2025, 1, 20), date(2025, 2, 7),
        kinds=frozenset(ROW_DAMAGE | {"empty_file", "total", "preamble"}),
    ),
    # Archives of three tickers a year across a year (and month) end; the layout drifts with the era.
    Scenario(
        "archive", MarketSpec(n_tickers=8, seed=5),
        FileOptions(shape="archive", drift="eras", era_years=1, archive_years=1, archive_tickers=3,
                    pollution_rate=0.06, xlsx_share=0.25, seed=5),
        date(2024, 12, 16), date(2025, 1, 17),
        kinds=frozenset(ROW_DAMAGE | {"preamble"}),
    ),
]


@dataclass
class FileLines:
    """What each physical line of one file is, per the ground truth."""

    clean: dict[int, tuple[date, str]] = field(default_factory=dict)  # line -> (date, ticker) it holds
    damaged: dict[int, str] = field(default_factory=dict)  # line -> damage kind
    non_data: dict[int, str] = field(default_factory=dict)  # line -> preamble, header or total

    def kind(self, line: int) -> str:
        if line in self.clean:
            return "clean"
        return self.damaged.get(line) or self.non_data.get(line) or "no such line"


def planned_rows(scenario: Scenario, name: str, first_date: date, last_date: date) -> list[tuple[date, str]]:
    """The (date, ticker) of every row the file was meant to hold, in file order.

    Daily drops: one exchange's tickers by name on one day. Archives (ARCHIVE_G<group>_<years>): a group
    of consecutive ticker indices, sorted by name, each ticker's days in a run.
    """
    stem = name.rsplit(".", 1)[0]
    found = listing(scenario.spec)
    if scenario.options.shape == "daily":
        exchange = stem.rsplit("_", 1)[0]
        return [(first_date, str(t)) for t in sorted(found.names[found.exchange_names() == exchange])]
    group, size = int(stem.split("_")[1].removeprefix("G")), scenario.options.archive_tickers
    tickers = sorted(found.names[group * size: (group + 1) * size])
    return [(d, str(t)) for t in tickers for d in business_days(first_date, last_date)]


def classify_lines(scenario: Scenario, record: dict, truth: dict[int, str]) -> FileLines:
    """Walk the file's lines: damaged ones take a planned row too, except the extra copy a duplicate adds."""
    out = FileLines()
    planned = iter(planned_rows(scenario, record["file"], date.fromisoformat(record["first_date"]),
                                date.fromisoformat(record["last_date"])))
    for line in range(1, record["lines"] + 1):
        kind = truth.get(line)
        if kind in NON_DATA:
            out.non_data[line] = kind
        elif kind == "duplicate":
            out.damaged[line] = kind
        elif kind is not None:
            assert kind in ROW_DAMAGE, f"{record['file']}:{line}: unknown ground-truth kind {kind!r}"
            out.damaged[line] = kind
            next(planned)
        else:
            out.clean[line] = next(planned)
    return out


@dataclass
class Ingested:
    """One scenario's ground truth and what the lake holds of its files (names relative to its folder)."""

    scenario: Scenario
    truth: pd.DataFrame
    files: pd.DataFrame
    prices: pd.DataFrame
    rejected: pd.DataFrame


@dataclass
class Run:
    result: object
    prices: pd.DataFrame
    rejected: pd.DataFrame
    source_dir: Path


@pytest.fixture(scope="module")
def run(tmp_path_factory, postgres_server, spark):
    """Every scenario in its own subfolder of one source folder, ingested by one run over all their dates."""
    database = f"gt_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'create database "{database}"')
    url = urlunsplit(urlsplit(postgres_server)._replace(path=f"/{database}"))
    settings = settings_for(tmp_path_factory.mktemp("ground-truth"), url)
    for scenario in SCENARIOS:
        write_files(scenario.spec, scenario.first, scenario.last, settings.source_dir / scenario.name, scenario.options)
    first, last = min(s.first for s in SCENARIOS), max(s.last for s in SCENARIOS)
    result = run_range(settings, first, last, INGEST)
    yield Run(result, lake_prices(settings), lake_rejections(settings), settings.source_dir)
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{database}" with (force)')


@pytest.fixture(params=SCENARIOS, ids=lambda s: s.name)
def ingested(request, run: Run) -> Ingested:
    scenario: Scenario = request.param
    folder = run.source_dir / scenario.name
    prefix = f"{scenario.name}/"

    def own(frame: pd.DataFrame) -> pd.DataFrame:
        mine = frame[frame["source_file"].str.startswith(prefix)]
        return mine.assign(source_file=mine["source_file"].str.removeprefix(prefix))

    return Ingested(scenario, read_ground_truth(folder).to_pandas(), read_file_manifest(folder).to_pandas(),
                    own(run.prices), own(run.rejected))


@pytest.mark.spark
def test_the_run_succeeds_and_every_check_passes(run):
    assert run.result.success
    evaluations = {e.check_name: e for e in run.result.get_asset_check_evaluations()}
    assert set(evaluations) == CHECKS
    failed = {name: e.metadata.get("problems") for name, e in evaluations.items() if not e.passed}
    assert not failed
    stored = set(run.prices["source_file"]) | set(run.rejected["source_file"])
    assert {name.split("/", 1)[0] for name in stored} == {s.name for s in SCENARIOS}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_the_folder_holds_every_kind_of_damage(scenario, tmp_path):
    write_files(scenario.spec, scenario.first, scenario.last, tmp_path, scenario.options)
    kinds, files = set(read_ground_truth(tmp_path)["kind"]), read_file_manifest(tmp_path)
    assert scenario.kinds <= kinds, f"the seeds no longer produce {sorted(scenario.kinds - kinds)}"
    assert set(files["format"]) == scenario.formats
    assert files["layout"].n_unique() > 1  # the layout really drifts
    first, last = date.fromisoformat(files["first_date"].min()), date.fromisoformat(files["last_date"].max())
    assert (first.year, first.month) < (last.year, last.month)


def _truth_by_file(truth: pd.DataFrame) -> dict[str, dict[int, str]]:
    return {name: dict(zip(group["line"], group["kind"])) for name, group in truth.groupby("file")}


def _lines_of(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame.loc[frame["source_file"] == name, "source_line"]


@pytest.mark.spark
def test_every_line_of_every_file_is_accounted_for(ingested):
    """Per file: clean lines are exactly the lines in prices, damaged lines exactly those rejected."""
    problems = accounting_problems(ingested)
    assert not problems, "\n".join(problems[:40])


def accounting_problems(ingested: Ingested) -> list[str]:
    problems = []
    truth_by_file = _truth_by_file(ingested.truth)
    for record in ingested.files.to_dict("records"):
        name = record["file"]
        lines = classify_lines(ingested.scenario, record, truth_by_file.get(name, {}))
        loaded, rejected = _lines_of(ingested.prices, name), _lines_of(ingested.rejected, name)
        twice = sorted(set(loaded[loaded.duplicated()]) | set(rejected[rejected.duplicated()]))
        if twice:
            problems.append(f"{name}: lines {twice} stored more than once")
        if record["clean_rows"] != len(loaded):
            problems.append(f"{name}: _files.csv says {record['clean_rows']} clean rows, prices holds {len(loaded)}")
        if len(lines.clean) + len(lines.damaged) != len(loaded) + len(rejected):
            problems.append(f"{name}: {len(lines.clean)} clean + {len(lines.damaged)} damaged data rows, but"
                            f" {len(loaded)} in prices + {len(rejected)} rejected")
        in_prices, in_rejected = set(loaded), set(rejected)
        for what, got, want in (("prices", in_prices, set(lines.clean)),
                                ("rejected_rows", in_rejected, set(lines.damaged))):
            for line in sorted(want - got):
                elsewhere = "prices" if line in in_prices else "rejected_rows" if line in in_rejected else "nowhere"
                problems.append(f"{name}:{line} ({lines.kind(line)}) missing from {what}; found in {elsewhere}")
            for line in sorted(got - want):
                problems.append(f"{name}:{line} ({lines.kind(line)}) unexpectedly in {what}")
    known = set(ingested.files["file"])
    for what, frame in (("prices", ingested.prices), ("rejected_rows", ingested.rejected)):
        for stray in sorted(set(frame["source_file"]) - known):
            problems.append(f"{stray}: in {what} but not a simulated file")
    return problems


@pytest.mark.spark
def test_damaged_rows_are_rejected_for_their_damage(ingested):
    checked, problems = reason_problems(ingested)
    assert checked > 0
    assert not problems, "\n".join(problems[:40])


def reason_problems(ingested: Ingested) -> tuple[int, list[str]]:
    reasons = dict(zip(zip(ingested.rejected["source_file"], ingested.rejected["source_line"]),
                       ingested.rejected["reason"]))
    problems = []
    checked = 0
    for row in ingested.truth.itertuples():
        if row.kind not in ROW_DAMAGE or (row.file, row.line) not in reasons:
            continue  # a missing row is reported by the accounting test
        reason = reasons[(row.file, row.line)] or ""
        checked += 1
        if row.kind == "duplicate":
            ok = reason == "duplicate" or reason.startswith("duplicate of ")
        else:
            ok = bool(reason.strip()) and not reason.startswith(("duplicate", "conflict"))
        if not ok:
            problems.append(f"{row.file}:{row.line} ({row.kind}) rejected as {reason!r}")
    return checked, problems


@pytest.mark.spark
def test_every_clean_row_holds_the_simulated_values(ingested):
    compared, problems = value_problems(ingested)
    assert compared > 0
    assert not problems, "\n".join(problems[:40])


def value_problems(ingested: Ingested) -> tuple[int, list[str]]:
    scenario = ingested.scenario
    simulated = simulate_prices(scenario.spec, scenario.first, scenario.last)
    simulated["date"] = [date.fromisoformat(str(d)[:10]) for d in simulated["date"]]
    simulated = simulated.set_index(["date", "ticker"])
    truth_by_file = _truth_by_file(ingested.truth)
    prices = ingested.prices.assign(date=[date.fromisoformat(str(d)[:10]) for d in ingested.prices["date"]])
    by_line = prices.set_index(["source_file", "source_line"])
    problems, compared = [], 0
    for record in ingested.files.to_dict("records"):
        name, sources = record["file"], Layout.from_json(record["layout"]).sources
        for line, (day, ticker) in classify_lines(scenario, record, truth_by_file.get(name, {})).clean.items():
            if (name, line) not in by_line.index:
                continue  # reported by the accounting test
            got = by_line.loc[(name, line)]
            if isinstance(got, pd.DataFrame):
                got = got.iloc[0]
            if (got["date"], got["ticker"]) != (day, ticker):
                problems.append(f"{name}:{line}: holds {got['date']} {got['ticker']}, the file has {day} {ticker}")
                continue
            want = simulated.loc[(day, ticker)]
            expected = {c: float(want[c]) for c in PRICE_FIELDS}
            if "adj_close" not in sources:
                expected["adj_close"] = expected["close"]
            for column, value in expected.items():
                if not math.isclose(got[column], value, rel_tol=1e-9, abs_tol=1e-12):
                    problems.append(f"{name}:{line} {day} {ticker}: {column} {got[column]!r}, simulated {value!r}")
            if "volume" not in sources:  # the layout writes none: NULL, no volume known (not 0)
                if not pd.isna(got["volume"]):
                    problems.append(f"{name}:{line} {day} {ticker}: volume {got['volume']}, the file gives none")
            elif got["volume"] != (volume := int(want["volume"])):  # as loaded, fractions too
                problems.append(f"{name}:{line} {day} {ticker}: volume {got['volume']}, simulated {volume}")
            sector = want["sector"] if "sector" in sources else "UNKNOWN"
            if got["sector"] != sector:
                problems.append(f"{name}:{line} {day} {ticker}: sector {got['sector']!r}, simulated {sector!r}")
            compared += 1
    return compared, problems
