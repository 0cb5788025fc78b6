"""Files' schema JSON read once per layout rather than once per file and step.

A daily run's files share one layout and their schemas differ in the file's name alone, yet each
was parsed, keyed (reading_key) and rebuilt several times on its way through the survey and the
conversion: ~6% of a daily clean run's CPU (0.3 of 5 CPU-s for 1,250 files). The part after the
name is read once and remembered.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

# A schema that starts with its file's name, as FileSchema.to_json and json.dumps of a stored
# schema both write it; any other text is read whole (the same result, without the memory).
_NAME_FIRST = re.compile(r'\{\s*"file"\s*:\s*("(?:[^"\\]|\\.)*"|null)\s*,')


def schema_dict(schema_json: str) -> dict:
    """json.loads(schema_json), shared with every other caller: read it, never change it."""
    return _read(schema_json)[0]


def names_tickers(schema: dict) -> bool:
    """Whether a schema's (as a dict) rows name their tickers in their own cells: a ticker column, or
    labels of several tickers side by side."""
    return any(c.get("canonical") == "ticker" or c.get("series") is not None for c in schema.get("columns", []))


def reading_key_of(schema_json: str) -> str:
    """reading_key of the schema in `schema_json`."""
    return _read(schema_json)[1]


def reading_key(schema: dict) -> str:
    """What decides how a file's rows are read: its schema without its name, confidences, provenance
    or what the survey found it to hold."""
    key = dict(schema, file=None, confidence=None, borrowed_from=None,
               columns=[_reading_of(c) for c in schema.get("columns", [])])
    key.pop("stacked_tickers", None)  # what the survey found the file to hold: it reads alike
    if not key.get("skipinitialspace", True):
        del key["skipinitialspace"]  # its default, as schemas stored before it say: their rows stay found
    return json.dumps(key, sort_keys=True)


def _reading_of(column: dict) -> dict:
    """A column without its confidence, why its date order is what it is (sibling_order.py) or what its
    sample's evening stamps were (sibling_east.py): none of them changes how its cells read."""
    out = dict(column, confidence=None)
    out.pop("order_from", None)
    out.pop("evenings", None)
    out.pop("evenings_other_order", None)
    return out


# A task's text is asked for by every step it passes (grouping, reading, keying its rows): the same
# string, whose hash Python keeps, so a lookup costs nothing next to reading it.
@lru_cache(maxsize=2048)
def _read(schema_json: str) -> tuple[dict, str]:
    """(the schema, its reading_key), its layout (all but the file's name) read once."""
    found = _NAME_FIRST.match(schema_json)
    rest = schema_json[found.end():] if found else ""
    if found is None or '"file"' in rest:  # json.loads keeps the last of two names
        schema = json.loads(schema_json)
        return schema, reading_key(schema)
    layout, key = _layout(rest)
    return {"file": json.loads(found.group(1)), **layout}, key


@lru_cache(maxsize=256)
def _layout(rest: str) -> tuple[dict, str]:
    """(the schema without its file's name, its reading_key) of the text after the name."""
    schema = json.loads("{" + rest)
    return schema, reading_key(schema)
