"""Whether a character stands alike on a text's lines, as a table's delimiter does: the same number
of times on nine lines in ten. A text no common delimiter splits so is no table of theirs: prose
(prose.py), or a table delimited by a rarer symbol (mac_roman.py)."""

from __future__ import annotations

from collections import Counter

COMMON_DELIMITERS = ",;\t|"
_SHARE = 0.9


def steady(lines: list[str], ch: str) -> bool:
    """Whether `ch` stands on nine in ten of `lines` (non-empty) the same number of times, once or more."""
    count, freq = Counter(line.count(ch) for line in lines).most_common(1)[0]
    return count > 0 and freq >= _SHARE * len(lines)


def split_by_a_common_delimiter(lines: list[str]) -> bool:
    return any(steady(lines, d) for d in COMMON_DELIMITERS)
