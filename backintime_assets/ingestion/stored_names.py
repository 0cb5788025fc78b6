"""Stored detections, and current files, under names the rules of today call a site's or a program's for every
download (detection/nameless.py), judged again when those rules change.

A detection is made once per content and stored; the rules of names are applied when it is made (detect.py)
and when each name reads it (nameless.as_named). One made under "PriceHistory.csv" before that name was
listed refused nothing, and as_named takes a detection under a site's name that refuses nothing for a refusal a
user lifted: it kept loading as ticker PRICEHISTORY, a thousand symbols' files as one security, until the user
ran `schema redetect`. A copy "PriceHistory.csv" of a content detected as "ACB.csv" was read refused by the
conversion, but the manifest still filed it as loading and its dates never ran again: its rows stayed in prices.

So a migration under rules other than those the home was last judged by (RULES, kept in the manifest) stores the
refusal on each such detection (the user's corrections kept: a user's ticker names the rows still) and reads
again the current files whose names now refuse them; their old and new dates run again. Once per change of the
rules, and no file is read unless its name's reading changed."""
from __future__ import annotations

import hashlib
from pathlib import Path

from backintime_assets.db import file_schemas, manifest
from backintime_assets.detection import (currencies, filename, format_regex, joined, month_names, name_words, nameless,
                                         venues)
from backintime_assets.detection.nameless import nameless_problem, names_nothing, unnamed
from backintime_assets.detection.read_as_named import read_as_named

# The rules as written: any change to the modules that say which names name nothing is a change of the rules.
# The bytes of the modules, not a number to bump by hand: a word added to a list without it left stored files
# loading under the word. Every module nameless.py reads, itself included (a folder's venue words, a currency
# code, a month's name all decide whether a name names nothing); test_stored_names holds the list to its imports.
RULE_MODULES = (nameless, filename, name_words, month_names, format_regex, joined, currencies, venues)
RULES = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in RULE_MODULES)).hexdigest()[:16]


def judged_now(conn) -> bool:
    """Whether the stored detections were last judged by today's rules of names."""
    return manifest.names_judged_by(conn) == RULES


def nameless_refusals(conn) -> dict[str, tuple[str, dict]]:
    """sha256 -> (the refusal, the detection as stored) of each stored detection made under a name today's rules
    call a site's for every download, which refuses nothing though nothing else names its rows."""
    found = file_schemas.refusing_nothing_by_name(conn)
    generic = {name for name in {name for _, name in found} if names_nothing(name)}  # a history's versions: once
    shas = sorted(sha for sha, name in found if name in generic)
    detected = file_schemas.stored_detections(conn, shas) if shas else {}
    return {sha: (problem, schema) for sha, schema in detected.items() if schema.get("problem") is None
            and unnamed(schema) and (problem := nameless_problem(schema.get("file") or "")) is not None}


def refused_by_name(conn) -> list[str]:
    """The contents of current files filed as loading whose names refuse them as they read their final schema
    now: to be read again. Names are judged first, schemas read only of those that name nothing."""
    loading = manifest.loading_names(conn)
    generic = {path for path in {path for path, _ in loading} if names_nothing(path)}
    shas = sorted({sha for path, sha in loading if path in generic})
    if not shas:
        return []
    finals = file_schemas.final_schemas(conn, shas)
    twins = manifest.current_names(conn, shas)
    return sorted({sha for path, sha in loading if path in generic and sha in finals
                   and read_as_named(finals[sha], path, twins.get(sha, ())).get("problem") is not None})


def mark_judged(conn) -> None:
    manifest.set_names_judged_by(conn, RULES)
