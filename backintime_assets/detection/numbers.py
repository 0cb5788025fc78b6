"""Recognise numbers written with any decimal mark and digit grouping, and decide both for a file."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

# Spreadsheet and export conventions for "no value". Compared lower-cased and stripped.
NULL_TOKENS = frozenset(
    {"", "na", "n/a", "n.a.", "nan", "null", "none", "nil", "-", "--", "---", "#n/a", "n/d", "."}
)

GROUP_SEPARATORS = (",", ".", " ", "\u00a0", "\u202f", "'", "\u2019")

_CANDIDATE = re.compile(r"^[+-]?[\d.,' \u00a0\u202f\u2019]+$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?P<t>[,. \u00a0\u202f'\u2019])\d{3}(?:(?P=t)\d{3})*(?P<rest>[.,]\d+)?$")
_ONE_MARK = re.compile(r"^[+-]?\d*(?P<m>[.,])(?P<frac>\d+)$")


def is_null(value: str) -> bool:
    return value.strip().lower() in NULL_TOKENS


def detect_number_format(cells: Iterable[str], delimiter: str | None = None) -> tuple[str, str | None]:
    """(decimal mark, thousands separator or None) voted by the numeric-looking cells of a file.

    Unambiguous evidence wins: "1.234,5" means decimal ',' and grouping '.', "12,5" means decimal ','.
    "1,234" alone (one mark followed by exactly three digits) could be either and only counts when
    nothing else decides: then the file's `delimiter` does (see below)."""
    decimal_votes: Counter[str] = Counter()
    group_votes: Counter[str] = Counter()
    ambiguous: Counter[str] = Counter()
    ungrouped = 0  # integers of five or more digits (not a year) written without grouping
    seen = 0
    for raw in cells:
        v = raw.strip().strip("$€£¥%").strip()  # "$1,075.09" and "12,5 %" vote like plain numbers
        if not v or len(v) > 40 or not _CANDIDATE.match(v) or not any(c.isdigit() for c in v):
            continue
        seen += 1
        if seen > 400:
            break
        m = _GROUPED.match(v)
        if m:
            t, rest = m.group("t"), m.group("rest")
            if rest:
                if rest[0] != t:
                    decimal_votes[rest[0]] += 1
                    group_votes[t] += 1
            elif v.count(t) > 1 or t not in ",.":
                # "1,234,567" or "1 234": a mark used twice, or a space, can only be grouping.
                group_votes[t] += 1
            else:
                ambiguous[t] += 1
            continue
        m = _ONE_MARK.match(v)
        if m:
            decimal_votes[m.group("m")] += 1
        elif len(v.lstrip("+-")) >= 5 and v.lstrip("+-").isdigit():
            ungrouped += 1
    if decimal_votes:
        decimal = decimal_votes.most_common(1)[0][0]
    elif group_votes.get(".", 0) > group_votes.get(",", 0):
        decimal = ","
    elif ambiguous and ungrouped:
        # "4.537" beside "12345": a file that does not group its big numbers uses the mark as a decimal.
        decimal = ambiguous.most_common(1)[0][0]
    elif ambiguous:
        # Only "4.537"- or "4,537"-shaped cells, as in prices kept to three decimals. Files split
        # by ';' are written where the comma is the decimal mark; anywhere else the dot is. Taking
        # "4.537" for 4537 in a comma-separated file would be a silent 1000x error.
        decimal = "," if delimiter == ";" else "."
    else:
        decimal = "."
    for mark, n in ambiguous.items():
        if mark != decimal:
            group_votes[mark] += n
    group_votes.pop(decimal, None)
    thousands = group_votes.most_common(1)[0][0] if group_votes else None
    return decimal, thousands


@lru_cache(maxsize=64)
def number_patterns(decimal: str, thousands: str | None) -> tuple[re.Pattern, re.Pattern]:
    """(integer regex, float regex) for one convention; both accept an optional sign, grouping
    and surrounding blanks; the float one also accepts exponents and integers."""
    d = re.escape(decimal)
    if thousands:
        t = re.escape(thousands)
        digits = rf"(?:\d{{1,3}}(?:{t}\d{{3}})+|\d+)"
    else:
        digits = r"\d+"
    integer = re.compile(rf"^\s*[+-]?{digits}\s*$")
    flt = re.compile(rf"^\s*[+-]?(?:{digits}(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?\s*$")
    return integer, flt


def to_float(value: str, decimal: str, thousands: str | None) -> float | None:
    """Python-level parse of one cell under the file's convention; None when it is not a number."""
    _, flt = number_patterns(decimal, thousands)
    if not flt.match(value):
        return None
    v = value.strip()
    if thousands:
        v = v.replace(thousands, "")
    if decimal != ".":
        v = v.replace(decimal, ".")
    try:
        return float(v)
    except ValueError:
        return None
