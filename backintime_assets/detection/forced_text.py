"""Cells a spreadsheet was told to keep as text, their dates and numbers written as Excel's formula
of a string (`="2024-01-02"`, or that cell quoted whole, its quotes doubled) or after an apostrophe
(`'2024-01-02`, `'10.75`): a broker's export that keeps Excel from reading its codes as numbers,
a sheet whose cells were typed so and saved as CSV. Read as written, every such column is text: the
file was refused as holding no date column, though every value is there. Read with the `=` and the
apostrophe off (a cell `="x"` becomes the quoted cell `"x"`), it is the table it holds. Line breaks
stay where they are: lines keep their numbers."""

from __future__ import annotations

import re

FORMULA = "="  # FileSchema.forced: cells written `="..."`
APOSTROPHE = "'"  # cells written `'...` before a digit
_PROBE_CHARS = 8192
_PROBE_LINES = 60
_MIN_LINES = 2
# A cell starts at a line's start or after a delimiter of those files use (the dialect is not known
# yet: these are looked for in the text before it is judged).
_START = r"(?<![^\r\n,;\t|])"
_END = r"(?=[,;\t|\r\n]|\Z)"
# `="x"` and, quoted whole, `"=""x"""`: both become `"x"`, which keeps a delimiter inside the cell one.
_FORMULA = _START + r'(?:="([^"\r\n]*)"|"=""([^"\r\n]*)""")' + _END
# An apostrophe before a number or a date (a sign or a currency sign between), bare or inside a
# quoted cell ("'1,234"). Not a cell that ends in one too: a quote of its own (`'2024-01-02'`, a file
# quoting in apostrophes). A Swiss "'1'234.50" has more inside, and keeps them.
# The currency signs as alternatives, not a class: in the bytes pattern (_PATTERNS_B) a class of
# "€" is a class of its three bytes, and "'€10.50", unforced when detected, stayed forced when read.
_SIGN = r"(?:[-+$]|€|£)?"
_APOSTROPHE = (r"(?:" + _START + r"'(?=" + _SIGN + r"\d[^\r\n,;\t|\"]*(?<!')" + _END + r")"
               r"|(?<=" + _START + r"\")'(?=" + _SIGN + r"\d[^\"\r\n]*\"" + _END + r"))")
_PATTERNS = {FORMULA: re.compile(_FORMULA), APOSTROPHE: re.compile(_APOSTROPHE)}
_PATTERNS_B = {k: re.compile(p.pattern.encode()) for k, p in _PATTERNS.items()}
# Every mark at a cell's start, whether it forces a cell the patterns read or not: a file with some
# they do not read ('$0.0013' beside '2024-01-02 in a layout of its own) is left as it is, since
# half read, its columns could shift or go unread without a word.
_ANY = {FORMULA: re.compile(_START + r'"?="'), APOSTROPHE: re.compile(_START + r"\"?'")}
# A cell opened and closed by apostrophes ('1,000', '2024-01-02'): a file quoting in them, its quotes
# no marks. Quoted only where a cell holds a delimiter, as a writer quoting minimally does, its
# "'1,000'" had its opening quote taken for a mark: "1,000'" read as two cells, a volume of 1.
# Closed before any delimiter detection tries ('2022-04-01'^'7,07'^...): read as marks there, the
# apostrophes came off the cells' starts only, and every date and number kept its closing quote.
_QUOTED = re.compile(_START + r"'[^'\r\n]*'" + r"(?=[,;\t|^~#&!*:\r\n]|\Z)")


def forced_marks(text: str) -> str | None:
    """The marks (FORMULA, APOSTROPHE, or both) that force the cells of most of the first lines of
    `text` (a decoded file's head) to text, or None (most files: neither is in them at all)."""
    head = text[:_PROBE_CHARS]
    # A mark at a cell's start, searched once over the head: most files have none, and a Swiss file's
    # apostrophes ("1'234.50") sit inside its cells; lines are split and weighed only where one is.
    marks = [m for m in (FORMULA, APOSTROPHE) if m in head and _ANY[m].search(head)]
    if not marks:
        return None
    lines = [ln for ln in head.splitlines()[:_PROBE_LINES] if ln.strip()]
    found = "".join(m for m in marks if _all_read(m, lines))
    return found or None


def _all_read(mark: str, lines: list[str]) -> bool:
    """Whether `mark` forces cells on most `lines`, and the patterns read every cell it opens."""
    if mark == APOSTROPHE and any(_QUOTED.search(ln) for ln in lines):
        return False
    n = 0
    for ln in lines:
        read = len(_PATTERNS[mark].findall(ln))
        if read != len(_ANY[mark].findall(ln)):
            return False
        n += read > 0
    # A day's drop (a header and one row) has one line to mark: asked for two, it was refused as
    # holding no date column.
    return n >= max(1, min(_MIN_LINES, len(lines) - 1)) and 2 * n >= len(lines)


# `="x"` or `"=""x"""` as `"x"`: one of the two groups matched, the other reads as empty.
_FORMULA_CELL = r'"\1\2"'


def unforce(text: str | bytes, marks: str) -> str | bytes:
    """`text` (str, or bytes of an ASCII-compatible encoding) with the cells forced to text by
    `marks` written as plain cells: `="x"` as `"x"`, `'x` as `x`."""
    raw = isinstance(text, bytes)
    patterns = _PATTERNS_B if raw else _PATTERNS
    if FORMULA in marks:
        text = patterns[FORMULA].sub(_FORMULA_CELL.encode() if raw else _FORMULA_CELL, text)
    if APOSTROPHE in marks:
        text = patterns[APOSTROPHE].sub(b"" if raw else "", text)
    return text
