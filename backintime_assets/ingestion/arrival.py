"""New detections of files whose rows are dated well after the file arrived, refused whole
(detection/after_arrival.py) before they are stored: what the manifest files them under, what
file_schemas keeps and what the conversion reads all say so, and none of their rows loads.

A file arrives when its content is first copied into the lake (raw_files.copied_at, under any
name): a rerun, a redetection, a copy or a rename of a file seen in 2025 is judged by 2025, and its
2026 dates stay refused when 2026 comes. A refusal a user lifted stays lifted.

A stored detection is judged too, by what the manifest files its names under (stored_refusals): one stored
before this rule, or by an older detector, loaded its maturities as closes; a stored content renamed
"pricelist_2027-03-05.csv", its name's day a year past its arrival, loaded its rows on that day."""
from __future__ import annotations

import json
from datetime import date, timezone

from backintime_assets.db import file_overrides, file_schemas, manifest
from backintime_assets.detection.after_arrival import LEEWAY, dated_after_arrival, refused_after_arrival
from backintime_assets.detection.read_as_named import read_as_named
from backintime_assets.ingestion.survey import Survey


def arrivals(conn, sha256s: list[str]) -> dict[str, date]:
    """sha256 -> the day (UTC) its content arrived: first copied into the lake, or now for a content
    the manifest does not hold yet (a migration surveys new files before it records them)."""
    seen = manifest.first_seen(conn, sha256s)
    now = manifest.database_now(conn) if len(seen) < len(set(sha256s)) else None
    return {sha: (seen.get(sha) or now).astimezone(timezone.utc).date() for sha in sha256s}


def refuse_after_arrival(surveys: dict[str, Survey], arrived: dict[str, date]) -> dict[str, str]:
    """Of the surveys of new detections named in `arrived` (key -> the day its file arrived), each
    whose loadable rows run past that day replaced, in `surveys`, by the file refused: its schema
    carrying the refusal (a judgement: refusals.py), no dates, the refusal its problem. Returns key ->
    problem of those refused. A file refused already (empty, a judgement) is left as it is."""
    refused = {}
    for key, day in arrived.items():
        survey = surveys.get(key)
        if survey is None or survey.problem or not survey.dates:
            continue
        schema = survey.schema_dict()
        if schema.get("problem"):
            continue
        problem = dated_after_arrival(schema, survey.dates, day)
        if problem is None:
            continue
        surveys[key] = refused_as(survey, problem)
        refused[key] = problem
    return refused


def refused_as(survey: Survey, problem: str) -> Survey:
    """`survey` refused whole for `problem`: its schema carrying it, no dates."""
    # Its rows kept in the parsed zone were read as loadable: the conversion, reading with this
    # schema (another reading, another kept key), parses the file again and rejects every row.
    refused_schema = json.dumps({**survey.schema_dict(), "problem": problem}, ensure_ascii=False,
                                separators=(",", ":"))
    return Survey(refused_schema, [], problem, detect_seconds=survey.detect_seconds)


def stored_refusals(conn) -> dict[str, tuple[str, dict]]:
    """sha256 -> (the refusal, the detection as stored, for the caller to store the refusal on) of each stored
    content one of whose current names the manifest files under dates well past the day the content arrived, as
    that name reads its final schema; not one whose refusal, this or another judgement, a user lifted.
    From the manifest's dates (manifest.dated_past_arrival): no file is read, and a migration whose files' dates
    lie before their arrival, as a day's list's do, finds none. What its caller stores and reads again."""
    found = manifest.dated_past_arrival(conn, LEEWAY)
    if not found:
        return {}
    shas = sorted({f.sha256 for f, _ in found})
    detected = file_schemas.stored_detections(conn, shas)
    finals = file_schemas.final_schemas(conn, shas)
    twins = manifest.current_names(conn, shas)
    said = file_overrides.in_force(conn, shas)
    dated = {sha for sha, kept in said.items() if file_overrides.DAY in kept}
    lifted = {sha for sha, kept in said.items() if file_overrides.LOAD_REFUSED in kept}
    refused: dict[str, tuple[str, dict]] = {}
    for f, arrived in found:
        sha = f.sha256
        if sha in refused or sha not in finals:
            continue
        # The manifest says nothing refuses this name, yet detection, as the name reads it, refused it: a user
        # lifted that judgement (--load-refused, a ticker for a site's download), this one or another. A new
        # detection refused by another is not judged after arrival (refuse_after_arrival), and its lifting loads
        # its rows: judged here, a lifted list of monthly bars, its month dated at its end, was refused again.
        # Not where the refusal detection stored is this rule's of a day the user's day replaced (file_overrides.apply):
        # the user's day is judged.
        as_detected = read_as_named(detected[sha], f.source_path, twins.get(sha, ())).get("problem") \
            if sha in detected else None
        if as_detected and not (refused_after_arrival(as_detected) and sha in dated and sha not in lifted):
            continue
        problem = dated_after_arrival(read_as_named(finals[sha], f.source_path, twins.get(sha, ())), f.dates, arrived)
        if problem is not None:
            refused[sha] = problem, detected[sha]
    return refused
