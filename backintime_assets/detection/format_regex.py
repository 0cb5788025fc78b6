"""A regex for values written in a strptime format, capturing one of its fields: what reading dates
needs besides strptime itself (the day a rolled-over date was written with, a month name to
translate)."""

from __future__ import annotations

import re
from functools import lru_cache

# A Thai word, dots inside it: a Thai month's abbreviation ("พ.ค.", May; month_names.py). Its vowels
# and tone marks written above or below ("มิ.ย.", "กุมภาพันธ์") are marks, no letters to \w, and
# the dots split it. Not the baht sign (U+0E3F) nor Thai digits (U+0E50-U+0E59).
_THAI_LETTER = "[\u0e01-\u0e3a\u0e40-\u0e4e]"
THAI_WORD = f"{_THAI_LETTER}+(?:\\.{_THAI_LETTER}+)*"
_NAME = r"(?:[^\W\d_]+|" + THAI_WORD + ")"  # letters, accented ones too ("Mär", "févr"), or Thai
_DIRECTIVES = {
    "d": r"\d{1,2}", "m": r"\d{1,2}", "Y": r"\d{4}", "y": r"\d{2}", "H": r"\d{1,2}", "I": r"\d{1,2}",
    "M": r"\d{1,2}", "S": r"\d{1,2}", "f": r"\d{1,9}", "p": r"[AaPp][Mm]", "z": r"(?:Z|[+-]\d{2}(?::?\d{2})?)",
    "Z": r"[A-Za-z]{3}", "j": r"\d{1,3}", "%": "%",
    "b": _NAME + r"\.?", "B": _NAME + r"\.?", "a": _NAME + r"\.?", "A": _NAME,
}


@lru_cache(maxsize=256)
def format_regex(fmt: str, captured: str, space: str) -> str | None:
    """Regex (whole value, Python and RE2 syntax) for values in `fmt`, its first %-directive
    named in `captured` ("d", or "bB" for either month name) caught as the group of that letter's
    first character; a space in `fmt` as `space` (strptime's engines differ: Python reads a run of
    spaces for one, Arrow's none or more). None when `fmt` holds no such directive or one unknown."""
    out, i, caught = "^", 0, False
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            d = _DIRECTIVES.get(fmt[i + 1])
            if d is None:
                return None
            if fmt[i + 1] in captured and not caught:
                d, caught = f"(?P<{captured[0]}>{d})", True
            out += d
            i += 2
        else:
            out += space if fmt[i] == " " else re.escape(fmt[i])
            i += 1
    return out + "$" if caught else None
