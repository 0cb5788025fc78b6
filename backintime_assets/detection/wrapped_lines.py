"""Tables whose every line is one quoted field holding the whole record, inner quotes doubled
(a row "2020-01-03,""1,234.5"",1.7"): CSV text pasted into one column of a spreadsheet and
saved as CSV, or written by a tool that quotes each record as one string. Read as written, it is
one column of text; read with each such line unwrapped (its outer quotes off, the quotes inside
undoubled), it is the table it holds. Line breaks stay where they are: lines keep their numbers."""

from __future__ import annotations

import csv
import re
from collections import Counter

from .prose import mostly_sentences

LINE_QUOTES = ('"', "'")  # what a whole line is quoted in, here and in quoted_lines.py
# Delimiters whose steady count inside the lines makes them a table's rows rather than a list of
# quoted texts, which stays one column (quoted_lines.py).
TABLE_DELIMITERS = (",", ";", "\t", "|")
_PROBE_CHARS = 8192
_EARLY_LINES = 10
# A line holding one value the delimiter would cut ("1,234.5", "1,5", "-1\u00a0184,31" grouped with a
# no-break space as French and Swiss exports do, "Jan 2, 2020"): a column of quoted numbers or
# dates, one a line, is no table of two.
_ONE_VALUE = re.compile(r"[+-]?[$€£¥]?(?:\d{1,3}(?:[,.' \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+[.,]\d+)%?"
                        r"|[A-Za-z]{3,9}\.? \d{1,2}, \d{4}")
_PROBE_LINES = 60
_SENTENCES = 40  # the unwrapped lines weighed as sentences
_MIN_WRAPPED = 2
# Lines left bare may be a header, a blank line, a title or a totals line without the delimiter
# (Excel quotes only the cells that hold one): the wrapped lines must still be most of the text,
# and most of them of one width (a totals line, a note may be of another).
_STEADY_SHARE = 0.8
# After a line's closing quote: blanks, and the delimiters of the sheet's empty columns (Excel
# writes one for each column of the range in use, '"2020-01-02,1.5",,'). Nothing of the record,
# and dropped with the quotes; a line with a value after its quote is no whole record, and stays.
_TRAIL = " \t,;|"
_TRAIL_CLASS = re.escape(_TRAIL)


def _line(q: str) -> str:
    # The whole line one quoted field (every quote inside it doubled), then only _TRAIL. Written
    # unrolled (runs of other characters between doubled quotes): an alternation per character
    # made unwrapping a file cost 2-5 times as much.
    return rf"(?<![^\r\n]){q}([^{q}\r\n]*(?:{q}{q}[^{q}\r\n]*)*){q}[{_TRAIL_CLASS}]*(?=[\r\n]|\Z)"


_LINES = {q: re.compile(_line(q)) for q in LINE_QUOTES}
_LINES_B = {q: re.compile(_line(q).encode()) for q in LINE_QUOTES}


def wrapped_quote(text: str) -> str | None:
    """The quote the lines of `text` (the head of a decoded file) are wrapped in, when most of its
    lines are each one quoted field and what they hold is a steady delimited table with numbers in
    it; None otherwise (most files: no line both opens and closes with a quote)."""
    if not _opens_quoted_early(text):
        return None
    # A line of empty cells alone (',,') is a blank line of the sheet.
    lines = [ln for ln in (ln.rstrip(_TRAIL) for ln in text[:_PROBE_CHARS].splitlines()[:_PROBE_LINES]) if ln.strip()]
    if len(lines) < _MIN_WRAPPED:
        return None
    for q in LINE_QUOTES:
        held = [ln[1:-1] for ln in lines if len(ln) >= 2 and ln[0] == q and ln[-1] == q]
        if len(held) < _MIN_WRAPPED or 2 * len(held) <= len(lines):
            continue
        pair = q + q
        # Quoted cells side by side ('"2020-01-02","1.5"'): a quote inside that is not doubled.
        inner = [t.replace(pair, q) for t in held if q not in t.replace(pair, "")]
        # Sentences quoted one a line, each with a comma ("Fine rooms, kind staff."), are quoted texts.
        if 2 * len(inner) > len(lines) and _a_table(inner) and not mostly_sentences(inner[:_SENTENCES]):
            return q
    return None


def _opens_quoted_early(text: str) -> bool:
    """Whether one of the first lines after the first opens with a quote. Most files: none does,
    and no more of them is looked at (a search of the whole sample cost 20 µs a file)."""
    nl = "\n" if text.find("\n", 0, 4096) >= 0 else "\r"
    at = 0
    for _ in range(_EARLY_LINES):
        at = text.find(nl, at) + 1
        if at == 0:
            return False
        if text[at:at + 1] in LINE_QUOTES:
            return True
    return False


def _a_table(inner: list[str]) -> bool:
    """Whether the unwrapped lines are rows of one width (two fields or more) under some delimiter,
    and numbers are among them: a list of names with one comma each ("Smith, John") is not, nor a
    column of numbers or dates ("1,234.5", "Jan 2, 2020")."""
    if sum(any(ch.isdigit() for ch in t) for t in inner) * 3 < len(inner):
        return False
    if sum(bool(_ONE_VALUE.fullmatch(t.strip())) for t in inner) * 2 >= len(inner):
        return False
    for d in TABLE_DELIMITERS:
        if not any(d in t for t in inner):
            continue
        widths = Counter(len(f) for f in csv.reader(inner, delimiter=d, quotechar='"'))
        width, n = widths.most_common(1)[0]
        if width >= 2 and n >= _STEADY_SHARE * len(inner):
            return True
    return False


def unwrap(text: str | bytes, q: str) -> str | bytes:
    """`text` (str, or bytes of an ASCII-compatible encoding) with every line that is one field in
    quotes `q` (then only empty cells or blanks) replaced by what it holds, its doubled quotes
    single; other lines (a bare header, a blank line, a title) as they are."""
    if isinstance(text, bytes):
        one, two = q.encode(), (q + q).encode()
        return _LINES_B[q].sub(lambda m: m.group(1).replace(two, one), text)
    pair = q + q
    return _LINES[q].sub(lambda m: m.group(1).replace(pair, q), text)
