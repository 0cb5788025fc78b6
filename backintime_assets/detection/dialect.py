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
    reader = csv.reader(io.StringIO(text, newline=""), **reader_kwargs(delimiter, quotechar, escapechar))
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


# Dates, times and decimals: the '-', '/', '.', ':' and ' ' inside them are not delimiters.
_VALUE_TOKENS = re.compile(
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?|\d+\.\d+"
    r"|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2}[- ][A-Za-z]{3,9}[- ]\d{2,4}"
)
_INNER_CHARS = "-/.: "


def _inside_values(sample: str) -> dict[str, float]:
    """For each of _INNER_CHARS: the share of its occurrences that sit inside a date/number token."""
    inside = {c: 0 for c in _INNER_CHARS}
    for m in _VALUE_TOKENS.finditer(sample):
        tok = m.group()
        for c in _INNER_CHARS:
            inside[c] += tok.count(c)
    return {c: inside[c] / max(1, sample.count(c)) for c in _INNER_CHARS}


def _candidate_delimiters(lines: list[str]) -> list[str]:
    present = Counter()
    for line in lines:
        for ch in set(line):
            present[ch] += 1
    n = max(1, len(lines))
    out = [d for d in _DELIMITERS if present.get(d, 0) >= min(3, n) or (d in ",;\t|" and present.get(d, 0))]
    # Any other punctuation that shows up on most lines with a steady count is worth a try.
    for ch, k in present.items():
        if ch in out or ch.isalnum() or ch in _QUOTES or ch in "\r\n\\" or ch.isspace() or k < 0.8 * n:
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


@lru_cache(maxsize=16384)
def _is_known(cell: str) -> bool:
    v = cell.strip()
    return not v or bool(_KNOWN.match(v))


def _score(rows: list[tuple[int, list[str]]], delimiter: str) -> float:
    # A row whose text is one number or date cut in pieces by the delimiter ("1.5" on '.') is not
    # a row of values: it counts neither for the pattern nor as known cells.
    if delimiter in _INNER_CHARS:
        cut = [len(f) > 1 and bool(_ATOMIC.match(delimiter.join(f))) for _, f in rows]
    else:
        cut = [False] * len(rows)  # "1,5" is a row of two numbers as much as a decimal comma
    whole = [f for (_, f), c in zip(rows, cut) if f and f != [""] and not c]
    broken = sum(cut)
    patterns = Counter(len(f) for f in whole)
    if not patterns:
        return 0.0
    # Pattern score: many rows with one (or few) field counts, more fields better; one-column
    # parses get a small epsilon so they still compare.
    p = sum(n * max(k - 1, 0.01) / k for k, n in patterns.items()) / len(patterns)
    cells = known = 0
    for fields in whole:
        cells += len(fields)
        known += sum(map(_is_known, fields))
    t = known / (cells + broken) if cells else 0.0
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

    delimiters = _candidate_delimiters([ln for ln in lines if ln.strip()])
    quotes: list[str | None] = [q for q in _QUOTES if q in sample] or ['"']
    if '"' not in quotes:
        quotes.insert(0, '"')
    quotes.append(None)
    escapes: list[str | None] = [None]
    if "\\" in sample:
        escapes.append("\\")

    best: tuple[float, int] | None = None
    best_dialect = Dialect(line_terminator=terminator)
    scores: list[float] = []
    rank = 0
    for d in delimiters:
        for q in quotes:
            for e in escapes:
                if e is not None and not re.search(re.escape(e) + "[" + re.escape(d + (q or "")) + "]", sample):
                    continue  # an escape char that never escapes anything changes nothing
                score = _score(parse_rows(sample, d, q, e), d)
                scores.append(score)
                rank += 1
                if best is None or score > best[0] * (1 + 1e-9) + 1e-12:
                    best = (score, rank)
                    best_dialect = Dialect(d, q, e, terminator)
    top = best[0] if best else 0.0
    runner_up = max((s for s in scores if s < top * (1 - 1e-9)), default=0.0)
    best_dialect.confidence = round(1.0 - runner_up / top, 3) if top > 0 else 0.0
    return best_dialect
