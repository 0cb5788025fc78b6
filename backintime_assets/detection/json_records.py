"""A file of JSON lines, not a delimited table: one JSON object a line ({"date": "2014-03-03",
"close": 10298, ...}, as pandas' to_json(orient="records", lines=True), a logger or a scraper writes
them), saved as prices.csv or .txt. Read as CSV, the first record became the header (its keys and
values glued into column names) and the file was refused with "no date or close column", which sent
one looking for a column that is there. Refused for what it is, with what to do."""

from __future__ import annotations

import json
import re

_LINES = 20  # sampled lines: every one must be a JSON object
_OPENS = re.compile(r"\s*\{")  # JSON lines open with a brace; a table's first character rules it out
JSON_LINES = "JSON lines, not a delimited table: one JSON record a line; export the prices as CSV"


def json_lines_problem(text: str) -> str | None:
    """The problem of a sample whose non-blank lines (the first _LINES) are each a JSON object, else
    None. Braces alone do not make one: only a line json.loads reads as an object counts."""
    if not _OPENS.match(text):
        return None  # (checked before splitting: every file comes here, its sample up to 2 MB)
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            if not (line.startswith("{") and line.endswith("}")):
                return None  # checked before parsing: a table's lines fail here at once
            lines.append(line)
            if len(lines) == _LINES:
                break
    if not lines:
        return None
    try:
        if not all(isinstance(json.loads(line), dict) for line in lines):
            return None
    except ValueError:
        return None
    return JSON_LINES
