"""Tell Mac OS Roman text (Excel for Mac's "CSV") from Windows code page text of the same languages."""

from __future__ import annotations

import re
import unicodedata

from .steady import split_by_a_common_delimiter, steady

# Mac OS Roman writes the accented lowercase letters of Western languages on 0x87-0x9F (é 0x8E,
# è 0x8F, ô 0x99, ü 0x9F), where cp1252 has capitals, symbols or nothing ("SociŽtŽ", "Cl™ture",
# "Hl\x8fne"), cp1250 capitals ("CrŽdit"), and ø æ on 0xBF 0xBE (cp1252's "¿", "¾": "F¿tex").
# Windows text read as Mac Roman shows the same in reverse: cp1252's é, ü on 0xE9, 0xFC read "È",
# "¸" ("SociÈtÈ", "M¸ller"), cp1250's ą, ł "π", "≥".
_INSIDE_PATTERN = "(?<=[^\\W\\d_])[^\\x00-\\x7f{}]"  # less the lowercase letters (_LOWER)
# Characters Western words hold between letters in any reading: the typographic apostrophe
# ("l’Oréal"), the middle dot ("l·l" in Catalan), the soft hyphen, the dashes set without spaces
# ("Dow Jones—Industrial": Mac Roman's ó, ñ, no evidence either way).
_WORD_PUNCTUATION = frozenset("’·\u00ad–—")
# The left quote typed for an apostrophe ("Moody‘s", "O‘Reilly", "L‘Oréal"): Mac Roman's ë
# ("Citroën", "Noël") stands neither after a one-letter word nor before an English contraction's end.
_APOSTROPHE = re.compile("(?<![^\\W\\d_])[^\\W\\d_]‘|[^\\W\\d_]‘(?:s|t|d|m|ll|re|ve)(?![^\\W\\d_])", re.IGNORECASE)
_WEIGHED = 16384
_ISO = "iso8859-2"
_CENTRAL = ("cp1250", _ISO)
# Lowercase Western letters (and the German ß, the ligatures) stand on 0x80-0x9F in Mac Roman, on
# 0xC0-0xFF in cp1250: a text whose non-ASCII bytes lie almost all below 0xA0 is no Central one.
_MAC_LETTER_BYTES = re.compile(rb"[\x80-\x9f]")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
# The bytes of Mac Roman's Western letters but its capitals À Ã Õ Œ Â Ê Á Ë È Í Î Ï Ì Ó Ô Ò Ú Û Ù
# (and œ ÿ), which only a text that also writes lowercase ones holds.
_MAC_LETTERS = re.compile(rb"[\x80-\x9f\xa7\xae\xaf\xbe\xbf]")


def _no_letter_of_words(c: str) -> bool:
    """Whether `c`, a letter to Python, is none a word is spelled with: a modifier letter or a
    ligature. Mac Roman reads cp1252's ö ÿ ß as "ˆ", "ˇ", "ﬂ" ("Hˆchst", "Groﬂbank"): counted as
    any symbol, a German text of them with one stray "•" or "™" is no Mac text."""
    return unicodedata.category(c) == "Lm" or unicodedata.decomposition(c).startswith("<compat>")


# The lowercase letters of the code pages weighed, none of them a misfit anywhere: skipped in C,
# the words of a French or German text are not looked at a character at a time.
_LOWER = "".join(sorted({c for name in ("mac_roman", "cp1252", "latin-1", *_CENTRAL)
                         for c in bytes(range(0x80, 0x100)).decode(name, errors="ignore")
                         if c.islower() and not _no_letter_of_words(c)}))
_INSIDE = re.compile(_INSIDE_PATTERN.format(re.escape(_LOWER)))


def misfits(text: str, enough: int = _WEIGHED, delimiters: frozenset[str] = frozenset()) -> int:
    """How many non-ASCII characters of `text` (its first characters) sit in a word where no word
    has them: a symbol between two letters, or a capital beside a lowercase letter. Counted up to
    `enough`, all a comparison needs. `delimiters`: symbols that separate the fields, no misfit
    between two letters ("category§calories")."""
    wrong = 0
    for m in _INSIDE.finditer(text, 0, _WEIGHED):
        if wrong >= enough:
            break
        c, at = m.group(), m.end()
        after = text[at] if at < len(text) else ""
        if c.isalpha() and not _no_letter_of_words(c):
            # a capital after a lowercase letter, or between a capital and one ("DŸsseldorf")
            wrong += c.isupper() and (text[at - 2].islower() or after.islower())
        elif (c not in _WORD_PUNCTUATION and c not in delimiters and after.isalpha()
              and not _APOSTROPHE.match(text, at - 2)):
            wrong += 1
    return wrong


def delimiting_symbols(text: str) -> frozenset[str]:
    """The non-ASCII symbols of `text` (its first characters) that delimit its fields: in a text of
    three lines or more that no common delimiter splits line by line, a symbol standing the same
    number of times on nine lines in ten, beside a digit on a quarter of them ("§" in
    "category§calories", cp1252's and Latin-1's 0xA7, Mac Roman's "ß"). Between two letters it is
    no misfit: read as Mac Roman's letter, or a Central European one (0xA6: "¦", ISO-8859-2's "Ś"),
    the table has no delimiter left. A symbol in the words of a table delimited otherwise
    ("Hauptstra§e" over "Name;Straße" rows) stays a misfit."""
    lines = [line for line in text[:_WEIGHED].splitlines() if line.strip()]
    if len(lines) < 3:
        return frozenset()
    if split_by_a_common_delimiter(lines):
        return frozenset()
    symbols = {c for c in set(text[:_WEIGHED]) if ord(c) > 0x7F and unicodedata.category(c)[0] in "PS"}

    # Beside a digit on a quarter of the lines, as a delimiter stands beside a column of numbers:
    # a letter of words does so on a stray line at most ("Straße" a line, Mac Roman's ß read
    # "Stra§e", one "Fuß3"; ISO-8859-2's ś, ą read "¶", "±" in a Polish list).
    def beside_digits(ch: str) -> bool:
        touching = re.compile(f"\\d{re.escape(ch)}|{re.escape(ch)}\\d")
        return sum(bool(touching.search(line)) for line in lines) >= len(lines) / 4

    return frozenset(c for c in symbols if steady(lines, c) and beside_digits(c))


def reads_as_mac_roman(sample: bytes, western: str) -> bool:
    """Whether `sample` (8-bit Western text: `western` is it read in cp1252 or latin-1) is Mac OS
    Roman: read so, its words show a quarter of the misfits (symbols and capitals inside words)
    the Windows reading shows, or fewer. A German header alone ("Eröffnung", Mac's ö cp1252's š)
    shows none either way and stays as it reads. Against cp1250, which reads Mac Roman's ü ö as ź š ("Mźller",
    "Kšln"), the Mac reading must show fewer misfits than the better Central one (cp1250 or
    ISO-8859-2), or its bytes beyond ASCII lie almost all below 0xA0, where no Central language
    writes most of its letters."""
    sample = sample[:_WEIGHED]
    if not _MAC_LETTERS.search(sample):  # found in C: most Windows text is told here at no cost
        return False
    # One is telling: a header alone shows one accent ("Cl™ture").
    windows = misfits(western, delimiters=delimiting_symbols(western))
    if windows == 0:
        return False
    mac = misfits(sample.decode("mac_roman"), enough=-(-windows // 4))
    if 4 * mac >= windows:
        return False
    # Both Central code pages: ISO-8859-2's ż ź ą on 0xBF 0xBC 0xB1 read as Mac Roman's ø º ±
    # ("Najwyøszy", "£Ûdº"), its ź as cp1250's Ľ ("ŁódĽ"). Neither where it cannot be: cp1250
    # leaves bytes undefined (Mac Roman's É, à, ê, ò), ISO-8859-2 has controls on 0x80-0x9F.
    below_a0 = len(_MAC_LETTER_BYTES.findall(sample))
    readings = [misfits(sample.decode(c), enough=4 * mac + 1) for c in _CENTRAL
                if _decodes(sample, c) and not (c == _ISO and below_a0)]
    if not readings:
        return True
    high = len(_HIGH_BYTES.findall(sample))
    return 4 * mac < min(readings) or below_a0 >= 0.9 * high


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
