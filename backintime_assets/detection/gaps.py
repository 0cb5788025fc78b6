"""Space-aligned tables whose columns are set apart by runs of two spaces or more, read as
tab-delimited text: names and values with single spaces in them ("Close Price", "SAP SE",
"02 Jan 2024") stay whole."""

from __future__ import annotations

import re
# FileSchema.delimiter of such a table: a run of two spaces or more (its lines' leading and
# trailing spaces are no delimiter). No reader takes it: the text is read with tabs in its place.
GAP = "  "

_EDGES = re.compile(r"(?<![^\r\n]) +| +(?=[\r\n]|\Z)")
_RUNS = re.compile(r" {2,}")
_EDGES_B = re.compile(_EDGES.pattern.encode())
_RUNS_B = re.compile(_RUNS.pattern.encode())


def gaps_to_tabs(text: str | bytes) -> str | bytes:
    """`text` (str, or bytes of an ASCII-compatible encoding) with each run of two spaces or more
    a tab, and no spaces at its lines' ends; line breaks stay where they are, so lines keep their
    numbers."""
    if isinstance(text, bytes):
        return _RUNS_B.sub(b"\t", _EDGES_B.sub(b"", text))
    return _RUNS.sub("\t", _EDGES.sub("", text))
