"""Proof that every input row ended in exactly one place, and sanity rules for the loaded prices.

Each check is proven per file and overall, and also split by trade date (`prove_...`: the run's finding
and its days from one pass over the rows): a user of a run over a range of dates sees which dates
failed, failing days first.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


PRICE_COLUMNS = ("open", "high", "low", "close", "adj_close")
# Problems listed for one day: a day's count says how many more there are.
DAY_PROBLEMS = 5


@dataclass(frozen=True)
class Finding:
    passed: bool
    problems: list[str]

    @classmethod
    def of(cls, problems: list[str]) -> Finding:
        return cls(not problems, problems)


@dataclass(frozen=True)
class Proof:
    """A check over a run: its finding for the whole run and the same proof per trade date
    (`days`, failing days first), both from one pass over the rows."""
    finding: Finding
    days: list[dict]


def _file_problems(files: list[dict], in_lake_prices: Counter, in_lake_rejected: Counter,
                   expected_files: list[str]) -> list[tuple[str, str]]:
    """(file, problem) for every way a file's rows do not add up; `in_lake_...`: each file's rows there."""
    parsed = {f["source_file"] for f in files}
    unparsed = sorted(set(expected_files) - parsed)
    problems = [(name, f"{name}: in the manifest for these dates but never parsed") for name in unparsed]
    for f in sorted(files, key=lambda f: f["source_file"]):
        name = f["source_file"]
        if f["rows_read"] is None:
            problems.append((name, f"{name}: never parsed"))
            continue
        if f["rows_read"] != f["loaded"] + f["rejected"]:
            problems.append(
                (name, f"{name}: read {f['rows_read']} but loaded {f['loaded']} + rejected {f['rejected']}"))
        if in_lake_prices[name] != f["loaded_in_run"]:
            problems.append((name, f"{name}: {in_lake_prices[name]} rows in prices, expected {f['loaded_in_run']}"))
        if in_lake_rejected[name] != f["rejected_in_run"]:
            problems.append(
                (name, f"{name}: {in_lake_rejected[name]} rows in rejected_rows, expected {f['rejected_in_run']}"))
    for name in sorted((set(in_lake_prices) | set(in_lake_rejected)) - parsed):
        problems.append((name, f"{name}: rows in the lake for these dates from a file this run did not read"))
    return problems


def prove_rows_accounted_for(files: list[dict], stored: StoredRows, expected_files: list[str],
                             file_dates: dict[str, list[dt.date]], dates: list[dt.date]) -> Proof:
    """Per file: read == loaded + rejected, and the lake holds exactly the rows this run put there; for
    the run and per trade date of the run, failing days first. `expected_files` are the files the
    manifest holds for the run's dates: each must have been parsed.

    A day's files are those with rows in the lake on it or dated to it by the manifest (`file_dates`:
    its dates and the date its rejected rows are filed under); a day fails when one of them fails,
    and every day fails on a problem of a file no date places. `rows_read` counts the files held by
    that day alone (every row loaded or rejected on it): for a day of such files alone, rows read =
    rows loaded + rows rejected. A file over several days (an archive) is counted in
    `files_over_several_days`: its rows read are proven per file, in the run's totals. A day's
    `file_problems` name its files refused whole (empty, binary, no date column): such a file passes,
    as its lines are all rejected, but a day of nothing but refused files should not look like a quiet day.
    """
    by_file = {f["source_file"]: f for f in files}
    lake = stored.prices_by_date_and_file, stored.rejected_by_date_and_file
    in_lake = tuple(_rows_by_file(groups) for groups in lake)
    run_problems = _file_problems(files, *in_lake, expected_files)
    problems_of: dict[str, list[str]] = defaultdict(list)
    for name, problem in run_problems:
        problems_of[name].append(problem)
    # Each (day, file) a day is made of as one integer, ordered by day then file name: a history file
    # spans every day of the run, and days x files in Python took 4.2 s for 3,000 such files.
    run = set(dates)
    names = sorted({*lake[0].names, *lake[1].names, *file_dates})
    at = {name: i for i, name in enumerate(names)}
    width = max(len(names), 1)
    keys = [groups.day * width + np.array([at[n] for n in groups.names], dtype=np.int64)[groups.file]
            for groups in lake]
    ordinal = {d: d.toordinal() for d in run}
    named = [np.fromiter(map(ordinal.__getitem__, run.intersection(ds)), np.int64) * width + at[name]
             for name, ds in file_dates.items()]
    pairs = _distinct(np.concatenate([*keys, *named, np.zeros(0, np.int64)]))
    pair_day, pair_file = np.divmod(pairs, width)
    days = _distinct(np.concatenate([pair_day, np.fromiter(ordinal.values(), np.int64)]))
    day_of = np.searchsorted(days, pair_day)
    days_of_file = np.bincount(pair_file, minlength=len(names))

    def held_by_day_alone(name: str) -> bool:
        f = by_file.get(name)
        return (f is not None and f["rows_read"] is not None and days_of_file[at[name]] == 1
                and f["loaded"] == f["loaded_in_run"] and f["rejected"] == f["rejected_in_run"])

    def on_day(per_file: np.ndarray) -> np.ndarray:
        """The sum over each day's files of `per_file` (a value per file)."""
        return np.bincount(day_of, weights=per_file[pair_file], minlength=days.size).astype(np.int64)

    alone = np.array([held_by_day_alone(name) for name in names], dtype=bool)
    read_alone = np.array([by_file[name]["rows_read"] if a else 0 for name, a in zip(names, alone)], dtype=np.int64)
    problem_count = np.array([len(problems_of.get(name, ())) for name in names], dtype=np.int64)
    refused_of = {name: f"{name}: {by_file[name]['file_problem']}" for name in names
                  if name in by_file and by_file[name]["file_problem"]}
    # A problem of a file no date places would otherwise show every day passed while the run failed.
    undated = [p for name, problems in sorted(problems_of.items()) if not (name in at and days_of_file[at[name]])
               for p in problems]
    # A day lists its first DAY_PROBLEMS problems and refused files, in its files' order (each such file
    # has one or more): only its first DAY_PROBLEMS such files are read.
    listed = _first_of_each_day(problem_count[pair_file] > 0, day_of, days.size,
                                lambda i: problems_of[names[pair_file[i]]])
    refused = _first_of_each_day(np.array([n in refused_of for n in names], dtype=bool)[pair_file], day_of, days.size,
                                 lambda i: [refused_of[names[pair_file[i]]]])
    files_on, alone_on = np.bincount(day_of, minlength=days.size), on_day(alone)
    counts = [_rows_on_days(groups.day, groups.count, days) for groups in lake]
    problems_on, read_on = on_day(problem_count), on_day(read_alone)
    result = []
    for i, day_number in enumerate(days.tolist()):
        problems = listed[i] + undated
        day = day_proof(dt.date.fromordinal(day_number), problems, files=int(files_on[i]), rows_read=int(read_on[i]),
                   rows_loaded=int(counts[0][i]), rows_rejected=int(counts[1][i]),
                   files_over_several_days=int(files_on[i] - alone_on[i]), file_problems=refused[i][:DAY_PROBLEMS])
        day["problem_count"] = int(problems_on[i]) + len(undated)  # `problems` holds a day's first few only
        result.append(day)
    return Proof(Finding.of([p for _, p in run_problems]), failing_first(result))


@dataclass(frozen=True)
class _Groups:
    """A lake table's rows per (date, file): each group's day (proleptic ordinal), file (index into
    `names`) and row count."""
    day: np.ndarray
    file: np.ndarray
    names: list[str]
    count: np.ndarray


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


class StoredRows:
    """The rows a run stored in prices and rejected_rows (read from the lake once), and their counts
    per date and file, grouped once for all the checks of the run: each check grouped them again,
    three passes over the same rows in one evaluation."""

    def __init__(self, prices: pa.Table, rejected: pa.Table):
        self.prices = prices
        self.rejected = rejected

    @cached_property
    def prices_by_date_and_file(self) -> _Groups:
        return _by_date_and_file(self.prices)

    @cached_property
    def rejected_by_date_and_file(self) -> _Groups:
        return _by_date_and_file(self.rejected)

    @cached_property
    def prices_per_date(self) -> Counter:
        """Rows of prices per date (a dt.date), from its groups per date and file."""
        groups = self.prices_by_date_and_file
        days = _distinct(groups.day)
        rows = _rows_on_days(groups.day, groups.count, days)
        return Counter({dt.date.fromordinal(int(d)): int(n) for d, n in zip(days.tolist(), rows.tolist())})


def _by_date_and_file(table: pa.Table) -> _Groups:
    groups = _grouped(table, "date", "source_file")
    files = pc.dictionary_encode(groups["source_file"]).combine_chunks()
    days = groups["date"].cast(pa.int32()).to_numpy().astype(np.int64) + _EPOCH_ORDINAL
    return _Groups(days, files.indices.to_numpy().astype(np.int64), files.dictionary.to_pylist(),
                   groups["count_all"].to_numpy())


def _distinct(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting: numpy 2's hashing unique took 0.8 s for 1.5M pairs, a sort 0.1 s."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if values.size else values


def _rows_by_file(groups: _Groups) -> Counter:
    rows = np.bincount(groups.file, weights=groups.count, minlength=len(groups.names))
    return Counter({name: int(n) for name, n in zip(groups.names, rows) if n})


def _rows_on_days(day: np.ndarray, count: np.ndarray, days: np.ndarray) -> np.ndarray:
    return np.bincount(np.searchsorted(days, day), weights=count, minlength=days.size).astype(np.int64)


def _first_of_each_day(has: np.ndarray, day_of: np.ndarray, n_days: int,
                       items: Callable[[int], list[str]]) -> list[list[str]]:
    """Per day, the `items` of its first DAY_PROBLEMS (day, file) pairs with `has` (pairs by day, then file)."""
    out: list[list[str]] = [[] for _ in range(n_days)]
    picked = np.flatnonzero(has)
    if picked.size:
        day = day_of[picked]
        starts = np.r_[0, np.flatnonzero(day[1:] != day[:-1]) + 1]
        rank = np.arange(picked.size) - np.repeat(starts, np.diff(np.r_[starts, picked.size]))
        for i in picked[rank < DAY_PROBLEMS].tolist():
            out[day_of[i]] += items(i)
    return out


def _counts(table: pa.Table, *keys: str) -> Counter:
    """Rows per value of `keys` (a tuple of values when several), counted by Arrow: a Counter over the
    columns' Python values took ~2 s a million rows, a check's every evaluation, against ~0.07 s."""
    groups = _grouped(table, *keys)
    values = zip(*(groups[k].to_pylist() for k in keys)) if len(keys) > 1 else groups[keys[0]].to_pylist()
    return Counter(dict(zip(values, groups["count_all"].to_pylist())))


def _grouped(table: pa.Table, *keys: str) -> pa.Table:
    """Each value of `keys` with its rows' count (`count_all`)."""
    return table.select(list(keys)).group_by(list(keys), use_threads=False).aggregate([([], "count_all")])


def prove_one_row_per_ticker_and_date(stored: StoredRows, dates: list[dt.date]) -> Proof:
    """For the run and per trade date: its rows, and each (ticker) it holds more than once, failing days first."""
    prices = stored.prices
    # Counted by Arrow (a Counter over every row's Python values took ~2 s a million rows); the repeats
    # listed in the order they first occur, which picks the 20 the run's finding shows.
    keys = prices.select(["date", "ticker"]).append_column("at", pa.array(np.arange(prices.num_rows)))
    groups = keys.group_by(["date", "ticker"], use_threads=False).aggregate([([], "count_all"), ("at", "min")])
    groups = groups.filter(pc.greater(groups["count_all"], 1)).sort_by("at_min")
    repeats: list[str] = []
    repeated: dict[dt.date, list[str]] = defaultdict(list)
    rows = stored.prices_per_date
    for day, ticker, n in zip(*(groups[c].to_pylist() for c in ("date", "ticker", "count_all"))):
        repeats.append(f"{day} {ticker} x{n}")
        repeated[day].append(repeats[-1])
    return Proof(Finding.of(repeats[:20]), failing_first([day_proof(day, sorted(repeated.get(day, [])), rows=rows[day])
                                                           for day in sorted(set(dates) | set(rows))]))


def _sanity_rules(prices: pa.Table) -> dict[str, pa.ChunkedArray]:
    """Rule name -> which rows break it (a NULL price breaks every rule it is in)."""
    column = prices.column
    rules = {
        "non-positive price": pc.less_equal(pc.min_element_wise(*(column(c) for c in PRICE_COLUMNS)), 0),
        "high below open/close/low": pc.less(
            column("high"), pc.max_element_wise(column("open"), column("close"), column("low"))),
        "low above open/close": pc.greater(column("low"), pc.min_element_wise(column("open"), column("close"))),
        # A NULL volume is one the file does not give (a close-only source), not a bad row; a NULL
        # price is (filled below as failing).
        "negative volume": pc.fill_null(pc.less(column("volume"), 0), False),
    }
    return {name: pc.fill_null(mask, True) for name, mask in rules.items()}


def prove_prices_are_sane(stored: StoredRows, dates: list[dt.date]) -> Proof:
    """Positive prices, high the highest and low the lowest of the day, non-negative volume (or none):
    for the run and per trade date, its rows and how many break each rule,
    failing days first. The run's counts are the sums of its days' (every row of the lake has a date)."""
    prices, rows = stored.prices, stored.prices_per_date
    bad: dict[dt.date, list[str]] = defaultdict(list)
    run_problems = []
    for name, mask in _sanity_rules(prices).items():
        by_day = _counts(prices.select(["date"]).filter(mask), "date")
        for day, n in sorted(by_day.items()):
            bad[day].append(f"{n} rows with {name}")
        if by_day:
            run_problems.append(f"{sum(by_day.values())} rows with {name}")
    return Proof(Finding.of(run_problems),
                 failing_first([day_proof(day, bad.get(day, []), rows=rows[day])
                                for day in sorted(set(dates) | set(rows))]))


def day_proof(day: dt.date, problems: list[str], **counts) -> dict:
    """One date's proof as every check's metadata shows it: passed unless it has problems, the first
    DAY_PROBLEMS of them named, their count, and the check's own counts."""
    return {"date": day.isoformat(), "passed": not problems, **counts, "problem_count": len(problems),
            "problems": problems[:DAY_PROBLEMS]}


def failing_first(days: list[dict]) -> list[dict]:
    """Days that failed (by date), then those that passed: what a user looks for is on top."""
    return sorted(days, key=lambda d: (d["passed"], d["date"]))


def days_summary(days: list[dict], limit: int) -> dict:
    """What a check's metadata shows of its days: counts, the failing dates, and the first `limit` days
    (failing first), so a backfill of years does not store megabytes per evaluation."""
    failed = [d["date"] for d in days if not d["passed"]]
    return {"days": len(days), "days_failed": len(failed), "failed_dates": failed[:limit],
            "per_day": days[:limit], "days_not_shown": max(0, len(days) - limit)}
