"""The backslash escapes of database text dumps (MySQL SELECT ... INTO OUTFILE, PostgreSQL COPY ...
TO in text format): `\\t`, `\\n`, `\\r`, `\\0`... stand for control characters, which a reader with a
backslash escape reads as the bare letters ("Bob\\tJr" as "BobtJr"). Rewritten before reading, each
reads as a space: the canonical table's text (a ticker, a sector) is one line of printable text,
and a line break written into a cell as `\\n` must not become a line of the file."""

from __future__ import annotations

import re
from collections import Counter

from .null_marker import count_null_markers, keep_null_markers

# PostgreSQL writes \b \f \n \r \t \v for those control characters; MySQL writes \0 for NUL and
# reads \Z as Ctrl-Z. Any other escaped character stands for itself ("\\\\" a backslash).
CONTROL_ESCAPES = "0bfnrtvZ"
# An escaped backslash is matched too, so that the escape pairs are read from the left as the
# reader reads them ("\\\\t" is a backslash and a "t"); the pattern opens with a literal, which the
# scan jumps between in C.
_PAIRS = re.compile(r"\\[\\" + CONTROL_ESCAPES + "]")
_PAIRS_BYTES = re.compile(_PAIRS.pattern.encode())
_CONTROLS = re.compile(r"\\[" + CONTROL_ESCAPES + "]")  # where no backslash is escaped
_CONTROLS_BYTES = re.compile(_CONTROLS.pattern.encode())
_ANY_PAIR = re.compile(r"\\(.)", re.S)  # a backslash and the character it escapes, from the left


def _space(m: re.Match) -> str:
    return m[0] if m[0][1] == "\\" else "\\ "


def _space_bytes(m: re.Match) -> bytes:
    return m[0] if m[0][1:] == b"\\" else b"\\ "


def keep_dump_escapes(text: str | bytes, delimiter: str, escapechar: str | None) -> str | bytes:
    """`text` (str, or UTF-8 bytes) as a backslash-escaping reader must see it: each
    control-character escape written as an escaped space, the null marker kept (null_marker.py).
    Text with another escape character, or none, is left as it is."""
    if escapechar != "\\":
        return text
    if isinstance(text, bytes):
        if b"\\\\" in text:  # an escaped backslash: the pairs must be read from the left
            text = _PAIRS_BYTES.sub(_space_bytes, text)
        else:  # every backslash escapes the character after it: one replacement, no call a match
            text = _CONTROLS_BYTES.sub(b"\\\\ ", text)
    elif "\\\\" in text:
        text = _PAIRS.sub(_space, text)
    else:
        text = _CONTROLS.sub("\\\\ ", text)
    return keep_null_markers(text, delimiter, escapechar)


def escapes_as_a_dump(sample: str, delimiter: str, quotechar: str | None) -> bool:
    """Whether `sample`'s backslashes are those of a database's text dump, though none escapes a
    delimiter (PostgreSQL writes a tab as "\\t"): a cell is the null marker alone, another escape
    a dump writes is there, and no backslash is one that a dump never writes. "\\N" cells alone do
    not tell: Hive, Sqoop and pandas (na_rep) write them too and escape nothing, and there a path
    ("C:\\feeds\\", "Energy\\Nuclear") is text. Read with the escape, its letters changed, and a
    cell ending in a backslash past the sample ate its quote or delimiter, and with it the next
    line: rows merged unseen. Read without it, a dump's later "\\t" stays two characters."""
    markers = count_null_markers(sample, delimiter)
    if not markers:
        return False
    escaped = Counter(m[1] for m in _ANY_PAIR.finditer(sample))
    written = set("\\\n\r" + CONTROL_ESCAPES + delimiter + (quotechar or ""))  # and N: the markers
    return (escaped["N"] == markers and sum(escaped.values()) > markers
            and all(c in written for c in escaped if c != "N"))
