"""Seeded office histories, each surveyed at once and normalised, against what was written: a cross-file
change (day/month order, number marks, siblings) is judged on thousands of them, under one tree and another.

A history is an office's folder of one-day files in one locale's customs (after
backintime_assets_tests/ingestion/test_office_histories.py's generator, wider: six locales with Swiss and
lakh grouping, any start day, 1-10 files, several header spellings); its seed alone makes it again, so two
trees' outcomes compare seed by seed. Per seed: ok, novol (rows right, volumes NULL), loud (rows missing,
none wrong), silent (a row loaded with another date or value), error.

    PYTHONPATH=<tree> python scripts/history_fuzz.py run OUT.json FROM TO
    python scripts/history_fuzz.py compare BEFORE.json AFTER.json
"""
import csv
import hashlib
import io
import json
import random
import sys
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

LOCALES = {
    "us": ([",", "\t"], ".", [None, ","], ["%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d"]),
    "uk": ([",", "\t"], ".", [None, ","], ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"]),
    "de": ([";", "\t"], ",", [None, "."], ["%d.%m.%Y", "%d.%m.%y"]),
    "fr": ([";", "\t"], ",", [None, " "], ["%d/%m/%Y", "%d/%m/%y"]),
    "ch": ([";", ","], ".", [None, "'"], ["%d.%m.%Y"]),
    "in": ([","], ".", [None, ","], ["%d-%m-%Y", "%d/%m/%Y"]),
}
HEADERS = {"us": ["Date|Symbol|Close|Volume", "Date|Ticker|Last|Vol.", "Trade Date|Symbol|Close Price|Shares"],
           "uk": ["Trade Date|Ticker|Close Price|Volume", "Date|EPIC|Closing Price|Volume"],
           "de": ["Datum|Kürzel|Schlusskurs|Umsatz", "Datum|Symbol|Schluss|Volumen"],
           "fr": ["Date|Code|Clôture|Volume", "Date|Mnémo|Dernier|Quantité"],
           "ch": ["Datum|Symbol|Schluss|Volumen", "Date|Symbol|Close|Volume"],
           "in": ["Date|Symbol|Close|Volume", "DATE|SYMBOL|CLOSE|TOTTRDQTY"]}
NAMES = ["export ({n}).csv", "day_{n:03d}.csv", "{day:%Y}/{day:%m}/{day:%d}/prices.csv", "{day:%Y%m%d}/prices.csv",
         "prices_{day:%Y%m%d}.csv", "report{n}.txt"]
TICKERS = ["ACME", "BHP", "SAP", "VOD", "7203", "RELIANCE", "NESN", "MC"]


def _number(x: float, decimals: int, mark: str, thousands: str | None, lakh: bool = False) -> str:
    whole, _, fraction = f"{x:,.{decimals}f}".partition(".")
    if lakh and thousands == ",":
        digits = whole.replace(",", "")
        head, tail = digits[:-3], digits[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        whole = ",".join(([head] if head else []) + groups + [tail])
    else:
        whole = whole.replace(",", thousands or "")
    return whole + (mark + fraction if fraction else "")


def history(seed: int) -> tuple[dict[str, bytes], dict[tuple[str, str], tuple[float, float]]]:
    """The seed's office: file name -> bytes, and (ticker, ISO date) -> (close, volume) written."""
    rng = random.Random(seed)
    locale = rng.choice(sorted(LOCALES))
    delimiters, mark, groupings, formats = LOCALES[locale]
    delimiter, grouping, fmt = rng.choice(delimiters), rng.choice(groupings), rng.choice(formats)
    if delimiter == "," and mark == ",":
        delimiter = ";"
    decimals = rng.choice([2, 4])
    first = date(rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28))
    span = rng.choice([12, 12, 20, 40])
    days = [d for d in (first + timedelta(k) for k in range(span)) if d.weekday() < 5][:rng.randint(1, 10)]
    tickers = rng.sample(TICKERS, rng.randint(1, 4))
    name = rng.choice(NAMES)
    title = rng.choice(["", "", "Daily prices\n"])
    header = rng.choice(HEADERS[locale]).split("|")
    files, truth = {}, {}
    for n, day in enumerate(days, 1):
        out = io.StringIO()
        out.write(title)
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        for ticker in tickers:
            close = round(rng.uniform(1, 5000), decimals)
            volume = rng.randrange(100, 5_000_000)
            truth[(ticker, day.isoformat())] = (close, float(volume))
            writer.writerow([day.strftime(fmt), ticker, _number(close, decimals, mark, grouping, locale == "in"),
                             _number(volume, 0, "", grouping, locale == "in")])
        files[name.format(n=n, day=day)] = out.getvalue().encode("utf-8")
    return files, truth


def outcome(seed: int) -> dict:
    """The seed's history surveyed at once (Spark's tasks in this process) and normalised, against its truth."""
    from backintime_assets.detection import FileSchema
    from backintime_assets.ingestion import survey as survey_module
    from backintime_assets.ingestion.survey import SurveyTask, survey_files
    from backintime_assets.lake import LakeLocation
    from backintime_assets.normalisation import normalise_bytes

    files, truth = history(seed)
    spark_tasks = survey_module.run_tasks
    # Spark's tasks run in this process, one after another (as the tests' in_process fixture runs them).
    survey_module.run_tasks = lambda spark, payloads, work, schema: [r for p in payloads for r in work(p)]
    try:
        with tempfile.TemporaryDirectory(prefix="hfuzz_") as folder:
            folder = Path(folder)
            location = LakeLocation(url=str(folder / "lake"))
            location.ensure_exists()
            tasks = []
            for name, data in files.items():
                (folder / "src" / name).parent.mkdir(exist_ok=True, parents=True)
                (folder / "src" / name).write_bytes(data)
                tasks.append(SurveyTask(name, str(folder / "src" / name), name, len(data), sha256=f"sha-{name}"))
            found = survey_files(None, location, tasks, slices=2)
            loaded = {}
            for name, data in files.items():
                result = normalise_bytes(data, FileSchema.from_json(found[name].schema_json), name)
                for row in result.prices_arrow.to_pylist():
                    loaded[(row["ticker"], str(row["date"]))] = (row["close"], row["volume"])
    except Exception as e:  # noqa: BLE001  a crash is an outcome to compare, not the end of the run
        return {"status": "error", "why": repr(e)[:200]}
    finally:
        survey_module.run_tasks = spark_tasks
    # A volume left NULL with the close right is no misread (novol); another date, close or volume is.
    wrong = {k: v for k, v in loaded.items()
             if truth.get(k) != v and (k not in truth or v[1] is not None or truth[k][0] != v[0])}
    novol = any(v[1] is None for v in loaded.values())
    status = "silent" if wrong else ("loud" if len(loaded) != len(truth) else ("novol" if novol else "ok"))
    text = json.dumps(sorted((list(k), list(v)) for k, v in loaded.items()))
    return {"status": status, "digest": hashlib.sha1(text.encode()).hexdigest()[:12],
            "wrong": [list(k) for k in list(wrong)[:3]], "missing": len(truth) - len(loaded) + len(wrong)}


def run(out: str, first: int, last: int) -> Counter:
    """Each seed of [first, last)'s outcome under the tree on the path, written to `out`."""
    results = {str(seed): outcome(seed) for seed in range(first, last)}
    Path(out).write_text(json.dumps(results))
    return Counter(v["status"] for v in results.values())


def compare(before: str, after: str) -> None:
    """Each tree's count of outcomes, then every seed whose outcome or loaded rows moved."""
    a, b = (json.loads(Path(p).read_text()) for p in (before, after))
    print("before", dict(Counter(v["status"] for v in a.values())))
    print("after ", dict(Counter(v["status"] for v in b.values())))
    for seed in a:
        if seed in b and (a[seed]["status"], a[seed].get("digest")) != (b[seed]["status"], b[seed].get("digest")):
            print(seed, a[seed]["status"], "->", b[seed]["status"], b[seed].get("wrong") or b[seed].get("why", ""))


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"] and len(sys.argv) == 5:
        print(dict(run(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
