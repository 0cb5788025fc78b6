"""Arabic-Indic and Persian digits, as Arabic and Persian pages write numbers, read as ASCII ones.

A table copied from an Arabic page (Tadawul, Mubasher, Argaam) writes "٣٢٫٨٥" for 32.85 and
"١٢٬٩٦٤٬٥٢٤" for 12,964,524: no number or date read, and the file loaded nothing. The digits are
the same digits in another script, and the Arabic decimal separator (U+066B) and thousands
separator (U+066C) are used for nothing else, so the text is read with them in ASCII: the point
for the decimal one, and the thousands one dropped (a "," would split the cell where it is not
quoted). The Arabic comma (U+060C), a separator of words and lists, stays. Only files in a
Unicode encoding are read so: the Arabic code pages (cp1256, ISO-8859-6) have no such digits.

Thai digits (U+0E50-U+0E59) likewise: the Stock Exchange of Thailand's pages and Thai brokers' and
banks' statements may write a date "๒๓ พ.ค. ๒๕๖๘" (23 May 2025) and a price in them. Thailand's code
page (cp874, TIS-620) has them too, at bytes 0xF0-0xF9, which it uses for nothing else.
"""
from __future__ import annotations

import codecs
import re

_WESTERN = str.maketrans({**{chr(0x0660 + d): str(d) for d in range(10)},
                          **{chr(0x06F0 + d): str(d) for d in range(10)},
                          **{chr(0x0E50 + d): str(d) for d in range(10)},
                          "\u066b": ".", "\u066c": ""})
_EASTERN_TEXT = re.compile("[\u0660-\u0669\u066b\u066c\u06f0-\u06f9\u0e50-\u0e59]")
_EASTERN_UTF8 = re.compile(rb"\xd9[\xa0-\xa9\xab\xac]|\xdb[\xb0-\xb9]|\xe0\xb9[\x90-\x99]")
_THAI_CODE_PAGES = ("cp874", "tis-620", "iso8859-11")
_THAI_CODE_PAGE_DIGITS = re.compile(rb"[\xf0-\xf9]")


def western_digits(text: str) -> str:
    """`text` with Arabic-Indic and Persian digits and the Arabic decimal and thousands separators in ASCII."""
    return text.translate(_WESTERN) if _EASTERN_TEXT.search(text) else text


def has_eastern_digits(utf8: bytes) -> bool:
    """Whether UTF-8 bytes hold any character western_digits changes (a search of the bytes alone).
    Their lead bytes, 0xD9 and 0xDB, start only Arabic-script characters: a file without either (a
    Japanese one) is told by two byte searches, at a fraction of the regex's cost. Thai digits' lead
    bytes, 0xE0 0xB9, start Thai letters too (เ, แ, tone marks): a Thai file is searched."""
    return (b"\xd9" in utf8 or b"\xdb" in utf8 or b"\xe0\xb9" in utf8) and _EASTERN_UTF8.search(utf8) is not None


def in_unicode(encoding: str) -> bool:
    """Whether a file in `encoding` may hold the digits at all (UTF-8, -16, -32). Not UTF-7: its
    digits are base64 (no byte 0x06), so the whole file (may_hold_eastern_digits) would keep them."""
    return codecs.lookup(encoding).name.startswith(("utf-8", "utf-16", "utf-32"))


def may_hold_eastern_digits(data: bytes, encoding: str) -> bool:
    """Whether a file may hold them, told from its bytes cheaply: in UTF-16 and UTF-32 each of
    them has a byte 0x06 (a Thai one 0x0E), which ASCII text has not (an MT5 export of ticks:
    hundreds of MB); in Thailand's code page, a byte 0xF0-0xF9."""
    name = codecs.lookup(encoding).name
    if name.startswith("utf-8"):
        return has_eastern_digits(data)
    if name in _THAI_CODE_PAGES:
        return _THAI_CODE_PAGE_DIGITS.search(data) is not None
    return in_unicode(name) and (b"\x06" in data or b"\x0e" in data)
