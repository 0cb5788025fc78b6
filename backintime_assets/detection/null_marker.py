"""The \\N that database dumps write for NULL (MySQL SELECT ... INTO OUTFILE, PostgreSQL COPY ...
TO in text format), kept through a backslash escape: the reader would unescape it to a plain "N"."""

from __future__ import annotations

import re
from functools import lru_cache

MARKER = "\\N"  # a null token (numbers.NULL_TOKENS), as read where no escape character acts on it
_ESCAPED = "\\\\N"  # what a backslash-escaping reader reads as the marker


@lru_cache(maxsize=16)
def _whole_cells(delimiter: str, binary: bool) -> re.Pattern:
    """The marker as a whole cell: between the delimiter or a line end on either side."""
    # The marker first, what comes before it looked behind: a pattern opening with a literal is
    # searched for it alone, where one opening with a choice of look-behinds is tried at every
    # character (2 s on a 21 MB dump, twice its whole normalisation; 0.2 s so).
    d, m = re.escape(delimiter), re.escape(MARKER)
    pattern = rf"{m}(?:(?<={d}{m})|(?<=[\n\r]{m})|(?<=\A{m}))(?={d}|[\n\r]|\Z)"
    return re.compile(pattern.encode() if binary else pattern)


def keep_null_markers(text: str | bytes, delimiter: str, escapechar: str | None) -> str | bytes:
    """`text` (str, or UTF-8 bytes) with each cell that is the null marker written escaped, so that
    a reader with a backslash escape reads the marker rather than "N". A marker inside a cell
    ("C:\\New") is text and stays as it is."""
    if escapechar != "\\" or not delimiter:
        return text
    binary = isinstance(text, bytes)
    if (MARKER.encode() if binary else MARKER) not in text:
        return text
    escaped = _ESCAPED.encode() if binary else _ESCAPED
    return _whole_cells(delimiter, binary).sub(lambda _: escaped, text)


def count_null_markers(text: str, delimiter: str) -> int:
    """How many cells of `text` are the marker alone."""
    if not delimiter or MARKER not in text:
        return 0
    return sum(1 for _ in _whole_cells(delimiter, False).finditer(text))
