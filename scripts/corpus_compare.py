"""What detection and normalisation make of every file in some folders, and what changed between two trees.

A change to detection is judged on files nobody wrote it for: corpora of real exports kept outside
the repository (they are data, and not ours to commit). Record the outcome of each file with the
tree before the change and with the tree after it, then compare; every file that differs should be
a fix the change meant.

    PYTHONPATH=<tree> python scripts/corpus_compare.py record OUT.json DIR... [--week mon-sun] [--schemas]
    python scripts/corpus_compare.py diff BEFORE.json AFTER.json

Per file: the detected problem, rows read, loaded and rejected, the first tickers, the commonest
rejection reasons and a digest of the loaded rows (so a changed price or date shows even where the
counts agree). With `--schemas`, a digest of the detected schema too (every field: confidences, notes,
what no row shows): a change meant to make detection cheaper, not different, should leave every one
as it was; a record without them compares with one with them on the rest. Files are keyed by their
folder's name and their path inside it, so two checkouts of one corpus compare.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

_SKIPPED = {".md", ".py", ".json", ".lock", ".parquet"}  # notes and manifests kept beside the files


def outcome(path: Path, week_text: str | None = None, schemas: bool = False) -> dict:
    import pyarrow as pa

    from backintime_assets.detection.detect import detect_file
    from backintime_assets.normalisation.normalise import normalise_bytes
    from backintime_assets.trading_week import TradingWeek

    week = TradingWeek.parse(week_text)
    try:
        schema = detect_file(path)
        result = normalise_bytes(path.read_bytes(), schema, path.name, week=week)
    except Exception as error:  # a crash is an outcome to compare like any other
        return {"error": f"{type(error).__name__}: {error}"}
    prices = result.prices_arrow.sort_by([("ticker", "ascending"), ("date", "ascending")])
    # The digest is of values, not types: volume was int64 until session 22 (float64 since), and a
    # record of a tree from before compares with one from after where the volumes are the same.
    volume = prices.schema.get_field_index("volume")
    prices = prices.set_column(volume, "volume", prices.column(volume).cast(pa.float64(), safe=False))
    reasons = Counter(r.split(":")[0][:60] for r in result.rejected_arrow.column("reason").to_pylist())
    # NULL volumes (none given: 0 until session 22) are "" in the digest's CSV, a 0 is "0.0": the
    # two digest apart. Their count, where there are any (a key in every record would set each file
    # of an older record apart), says why a digest changed.
    nulls = {"null_volumes": prices.column(volume).null_count} if prices.column(volume).null_count else {}
    return {
        "problem": schema.problem, "file_problem": result.file_problem, "read": result.rows_read,
        "loaded": prices.num_rows, "rejected": result.rejected_arrow.num_rows,
        "tickers": sorted(set(prices.column("ticker").to_pylist()))[:20],
        "reasons": dict(reasons.most_common(5)),
        "digest": hashlib.md5(prices.to_pandas().to_csv(index=False).encode()).hexdigest() if prices.num_rows else "",
        **nulls,
        **({"schema": _schema_digest(schema)} if schemas else {}),
    }


def _schema_digest(schema) -> str:
    """The detected schema's JSON, less the file's path (two checkouts of a corpus), digested."""
    fields = schema.to_dict()
    fields.pop("file", None)
    return hashlib.md5(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def record(out: Path, folders: list[Path], week_text: str | None, schemas: bool = False) -> int:
    outcomes = {}
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.suffix not in _SKIPPED and path.name != "sources.txt":
                outcomes[f"{folder.resolve().name}/{path.relative_to(folder)}"] = outcome(path, week_text, schemas)
    out.write_text(json.dumps(outcomes, indent=1, sort_keys=True))
    print(f"{len(outcomes)} files recorded in {out}")
    return 0


def diff(before: Path, after: Path) -> int:
    old, new = json.loads(before.read_text()), json.loads(after.read_text())
    if not (_with_schemas(old) and _with_schemas(new)):  # compared only where both records have them
        for side in (old, new):
            for result in side.values():
                result.pop("schema", None)
    changed = [key for key in sorted(old.keys() | new.keys()) if old.get(key) != new.get(key)]
    for key in changed:
        print(key)
        for label, side in (("before", old), ("after", new)):
            print(f"  {label}: {side.get(key)}")
    print(f"{len(changed)} of {len(old.keys() | new.keys())} files differ")
    return 0


def _with_schemas(outcomes: dict) -> bool:
    return any("schema" in result for result in outcomes.values())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="record every file's outcome with the tree on PYTHONPATH")
    rec.add_argument("out", type=Path)
    rec.add_argument("folders", type=Path, nargs="+")
    rec.add_argument("--week", help="BACKINTIME_TRADING_WEEK to read the rows by (default mon-fri)")
    rec.add_argument("--schemas", action="store_true", help="record a digest of each detected schema too")
    dif = commands.add_parser("diff", help="the files whose outcome differs between two records")
    dif.add_argument("before", type=Path)
    dif.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "record":
        return record(args.out, args.folders, args.week, args.schemas)
    return diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
