"""Detect delimiter, quote and escape characters and line endings of delimited text.

Candidates are scored by data consistency (as in CleverCSV, van den Burg et al. 2019): a dialect
that splits rows into the same number of fields, and fields into recognisable values, wins."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from operator import contains

from .joined import SEP, joined, joined_regex


# Preference order breaks ties between dialects that parse the sample identically.
_DELIMITERS = (",", ";", "\t", "|", ":", " ", "^", "~", "#", "&", "/", "*", "!", "$", "%", "+", "-", "=", ".")
_QUOTES = ('"', "'", "`")
_MAX_SCORE_LINES = 120
_SCORE_CHARS = 32768

_KNOWN = re.compile(
    r"""^(?:
      [+-]?[$€£¥]?\s?(?:\d+|\d{1,3}(?:[,.'\u00a0\u202f ]\d{3})+)(?:[.,]\d+)?(?:[eE][+-]?\d+)?\s?%?   # number
    | [+-]?[.,]\d+
    | \d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}
      (?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?
    | \d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?[AaPp][Mm])?
    | \d{1,2}[-\ /.][A-Za-z]{3,9}\.?[-\ /.]\d{2,4}
    | [A-Za-z]{3,9}\.?\ \d{1,2},?\ \d{4}
    | (?:https?|ftp)://\S+ | [\w.+-]+@[\w-]+\.[\w.-]+
    | [^\W\d_][^,;\t|"]* | \d+[^\W\d][^,;\t|"]*   # words, codes
    | \#N/A | N/A | n/a | -+
    )$""",
    re.X,
)


# A single value that some candidate delimiters ('.', '-', '/', ':', ' ') would cut in pieces.
_ATOMIC = re.compile(
    r"""^(?:[+-]?[$€£¥]?\s?\d[\d,.' ]*(?:[eE][+-]?\d+)?%?
    | \d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T][\d:.]+)?
    | \d{1,2}:\d{2}(?::\d{2})?
    | [A-Za-z]{3,9}\.?\ \d{1,2},?\ \d{4})$""",
    re.X,
)
_ATOMIC_JOINED = joined_regex(_ATOMIC.pattern.replace("^(?:", "", 1).rsplit(")$", 1)[0], re.X)


@dataclass
class Dialect:
    delimiter: str = ","
    quotechar: str | None = '"'
    escapechar: str | None = None
    line_terminator: str = "\n"
    confidence: float = 0.0


def detect_line_terminator(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf >= lf and crlf >= cr and crlf > 0:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def reader_kwargs(delimiter: str, quotechar: str | None, escapechar: str | None) -> dict:
    """csv.reader keyword arguments for a dialect. strict=False keeps a malformed quote from raising:
    the row then shows up with a wrong field count instead."""
    kw: dict = {"delimiter": delimiter, "escapechar": escapechar, "strict": False, "skipinitialspace": False}
    if quotechar:
        kw.update(quotechar=quotechar, doublequote=True, quoting=csv.QUOTE_MINIMAL)
    else:
        kw.update(quoting=csv.QUOTE_NONE)
    return kw


def parse_rows(text: str, delimiter: str, quotechar: str | None, escapechar: str | None,
               max_rows: int | None = None) -> list[tuple[int, list[str]]]:
    """(0-based physical line where the record starts, fields) for each record; blank lines give []."""
    kwargs = reader_kwargs(delimiter, quotechar, escapechar)
    if max_rows is None:
        # As many records as lines: none spans lines, so record k starts on line k, and the
        # records come out of the reader in C, without a Python step per record.
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), **kwargs))
        except csv.Error:
            records = None  # e.g. a field larger than the csv module allows: see below
        if records is not None and len(records) == count_lines(text):
            return list(enumerate(records))
    reader = csv.reader(io.StringIO(text, newline=""), **kwargs)
    rows: list[tuple[int, list[str]]] = []
    start = 0
    try:
        for fields in reader:
            rows.append((start, fields))
            start = reader.line_num
            if max_rows is not None and len(rows) >= max_rows:
                break
    except csv.Error:
        pass  # e.g. a field larger than the csv module allows: keep what parsed
    return rows


def count_lines(text: str) -> int:
    """Physical lines as io.StringIO(newline="") splits them (at \\r\\n, \\r or \\n), the last one
    counted even without a terminator."""
    n = text.count("\n") + text.count("\r") - text.count("\r\n")
    return n + (1 if text and not text.endswith(("\n", "\r")) else 0)


# Dates, times and decimals: the '-', '/', '.', ':' and ' ' inside them are not delimiters.
# Every token starts with a digit or a letter: the leading lookahead lets the scan skip the rest.
# A run of digits or letters is always followed by something else in a token, so giving back part
# of it never helps: the runs are possessive, which spares the scan that backtracking at every
# position of a word or number.
_VALUE_TOKENS = re.compile(
    r"(?=[\dA-Za-z])(?:\d{1,4}+[-/.]\d{1,2}+[-/.]\d{1,4}+(?:[ T]\d{1,2}+:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}+:\d{2}(?::\d{2})?|\d++\.\d+"
    r"|[A-Za-z]{3,9}+\.? \d{1,2}+,? \d{4}|\d{1,2}+[- ][A-Za-z]{3,9}+[- ]\d{2,4})"
)
_INNER_CHARS = "-/.: "
_ASCII_ALNUM = bytes(c for c in range(128) if chr(c).isalnum())


def _inside_values(sample: str) -> dict[str, float]:
    """For each of _INNER_CHARS: the share of its occurrences that sit inside a date/number token."""
    tokens = "".join(_VALUE_TOKENS.findall(sample))  # counted once in all tokens, not token by token
    return {c: tokens.count(c) / max(1, sample.count(c)) for c in _INNER_CHARS}


def _candidate_delimiters(lines: list[str]) -> list[str]:
    # Lines holding each character, for the characters that could delimit at all (letters and
    # digits never do): a membership test per line and character beats a set per line.
    text = "".join(lines)
    if text.isascii():  # letters and digits dropped in C before the (slower) set of characters
        chars = set(text.encode("ascii").translate(None, _ASCII_ALNUM).decode("ascii"))
    else:
        chars = {ch for ch in set(text) if not ch.isalnum()}
    chars = sorted(chars, key=text.index)  # in order of first appearance: a stable tie-break
    present = {ch: sum(map(contains, lines, repeat(ch))) for ch in chars}  # lines holding ch, in C
    n = max(1, len(lines))
    out = [d for d in _DELIMITERS if present.get(d, 0) >= min(3, n) or (d in ",;\t|" and present.get(d, 0))]
    # Any other punctuation that shows up on most lines with a steady count is worth a try.
    for ch, k in present.items():
        if ch in out or ch in _QUOTES or ch in "\r\n\\" or ch.isspace() or k < 0.8 * n:
            continue
        per_line = Counter(line.count(ch) for line in lines if line)
        count, freq = per_line.most_common(1)[0]
        if count > 0 and freq >= 0.8 * n and ord(ch) < 0x2000:
            out.append(ch)
    inner = _inside_values("\n".join(lines[:60]))
    out = [d for d in out if d not in inner or inner[d] < 0.5]
    if "," not in out:
        out.insert(0, ",")  # also stands for "one column": a file with no delimiter at all
    return out


# Over NUL-joined cells (joined.py), a group per cell, cells that _KNOWN surely matches: plain
# and grouped numbers, numeric dates, words ("12", "-3,25", "1,234.5", "2020-01-02", "Real Estate") ...
_SURELY_KNOWN = re.compile(
    f"{SEP}((?:[+-]?\\d+(?:[.,]\\d+)?|[+-]?\\d{{1,3}}(?:,\\d{{3}})+(?:\\.\\d+)?"
    f"|\\d{{1,4}}[-/.]\\d{{1,2}}[-/.]\\d{{1,4}}"
    f"|[A-Za-z][^,;\\t|\"{SEP}]*))(?={SEP})"
)
# ... and cells it surely does not: only a URL may hold ';', '|' or '"'; a tab between digits or a
# letter right after a comma fits none of its values. Wrong candidate delimiters make many such.
_SURELY_UNKNOWN = re.compile(
    f"{SEP}((?!(?:https?|ftp)://)"
    f"(?:[^{SEP};|\",\\t]++|,(?![A-Za-z])|(?<!\\d)\\t|\\t(?!\\d))*+"  # up to the first sign, without backtracking
    f"(?:[;|\"]|(?<=\\d)\\t\\d|,[A-Za-z])[^{SEP}]*+)(?={SEP})"
)


class _KnownCells:
    """Counts the cells that are blank or _KNOWN values, testing each distinct (stripped) cell
    once: the candidate dialects of a sample split it into many of the same cells (dates, names,
    every cell of a quote variant), and daily files repeat tickers and names."""

    def __init__(self) -> None:
        self.known: dict[str, bool] = {"": True}

    def count(self, cells: list[str]) -> int:
        stripped = list(map(str.strip, cells))
        new = list(set(stripped).difference(self.known))
        text = joined(new) if new else None
        if text is not None:
            # Most new cells are settled by two scans over them all; _KNOWN (slow, a call per
            # cell) only sees the rest.
            known = set(_SURELY_KNOWN.findall(text))
            unknown = set(_SURELY_UNKNOWN.findall(text))
            self.known.update(dict.fromkeys(known, True))
            self.known.update(dict.fromkeys(unknown, False))
            new = list(set(new).difference(known, unknown))
        if new:
            self.known.update(zip(new, map(bool, map(_KNOWN.match, new))))
        return sum(map(self.known.__getitem__, stripped))  # C loops all the way


_KNOWN_CELLS = _KnownCells()
_MAX_KNOWN_CELLS = 50_000


def _known_cells() -> _KnownCells:
    """The cells tested so far, kept across files (tickers, names and dates recur from one daily
    file to the next) up to a bound."""
    global _KNOWN_CELLS
    if len(_KNOWN_CELLS.known) > _MAX_KNOWN_CELLS:
        _KNOWN_CELLS = _KnownCells()
    return _KNOWN_CELLS


def _score(rows: list[tuple[int, list[str]]], delimiter: str, known: _KnownCells | None = None) -> float:
    # A row whose text is one number or date cut in pieces by the delimiter ("1.5" on '.') is not
    # a row of values: it counts neither for the pattern nor as known cells.
    # "1,5" is a row of two numbers as much as a decimal comma: only the inner characters cut.
    # One scan of all rows usually shows that none is cut; a "\n" in them needs the row-by-row
    # test ($ matches before a last "\n").
    pieces = [delimiter.join(f) for _, f in rows if len(f) > 1] if delimiter in _INNER_CHARS else []
    text = joined(pieces) if pieces else None
    if pieces and (text is None or "\n" in text or _ATOMIC_JOINED.search(text)):
        cut = [len(f) > 1 and bool(_ATOMIC.match(delimiter.join(f))) for _, f in rows]
    else:
        cut = [False] * len(rows)
    whole = [f for (_, f), c in zip(rows, cut) if f and f != [""] and not c]
    broken = sum(cut)
    patterns = Counter(map(len, whole))
    if not patterns:
        return 0.0
    # Pattern score: many rows with one (or few) field counts, more fields better; one-column
    # parses get a small epsilon so they still compare.
    p = sum(n * max(k - 1, 0.01) / k for k, n in patterns.items()) / len(patterns)
    flat = list(chain.from_iterable(whole))
    cells = len(flat)
    t = (known or _KnownCells()).count(flat) / (cells + broken) if cells else 0.0
    return p * t


def detect_dialect(text: str) -> Dialect:
    """The dialect of `text` (a decoded sample starting at the beginning of a file)."""
    terminator = detect_line_terminator(text[:_SCORE_CHARS])
    sample = text[:_SCORE_CHARS]
    lines = sample.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and len(text) > _SCORE_CHARS:
        lines = lines[:-1]  # the last one was cut by the sample boundary
    lines = lines[:_MAX_SCORE_LINES]
    sample = "\n".join(lines)
    if not sample.strip():
        return Dialect(line_terminator=terminator)
    delimiter, quotechar, escapechar, confidence = _best_dialect(sample)
    return Dialect(delimiter, quotechar, escapechar, terminator, confidence)


# The quick look at a file and the larger sample that may follow it mostly score the same first
# lines: the second scoring is then free.
@lru_cache(maxsize=8)
def _best_dialect(sample: str) -> tuple[str, str | None, str | None, float]:
    """(delimiter, quote, escape, confidence) that score best on `sample` (lines joined by \\n)."""
    lines = sample.split("\n")
    delimiters = _candidate_delimiters([ln for ln in lines if ln.strip()])
    quotes: list[str | None] = [q for q in _QUOTES if q in sample] or ['"']
    if '"' not in quotes:
        quotes.insert(0, '"')
    # Without any quote character in the sample, QUOTE_NONE parses exactly as '"' does, and would
    # only tie with it (ties go to the earlier candidate): no need to score it.
    if any(q in sample for q in quotes):
        quotes.append(None)
    escapes: list[str | None] = [None]
    if "\\" in sample:
        escapes.append("\\")

    known = _known_cells()
    best: tuple[float, int] | None = None
    best_dialect: tuple[str, str | None, str | None] = (",", '"', None)
    scores: list[float] = []
    rank = 0
    for d in delimiters:
        for q in quotes:
            for e in escapes:
                if e is not None and not re.search(re.escape(e) + "[" + re.escape(d + (q or "")) + "]", sample):
                    continue  # an escape char that never escapes anything changes nothing
                score = _score(parse_rows(sample, d, q, e), d, known)
                scores.append(score)
                rank += 1
                if best is None or score > best[0] * (1 + 1e-9) + 1e-12:
                    best = (score, rank)
                    best_dialect = (d, q, e)
    top = best[0] if best else 0.0
    runner_up = max((s for s in scores if s < top * (1 - 1e-9)), default=0.0)
    confidence = round(1.0 - runner_up / top, 3) if top > 0 else 0.0
    return (*best_dialect, confidence)
