"""Tell Mac OS Roman text (Excel for Mac's "CSV") from Windows code page text of the same languages."""

from __future__ import annotations

import re

# Mac OS Roman writes the accented lowercase letters of Western languages on 0x87-0x9F (é 0x8E,
# è 0x8F, ô 0x99, ü 0x9F), where cp1252 has capitals, symbols or nothing ("SociŽtŽ", "Cl™ture",
# "Hl\x8fne"), cp1250 capitals ("CrŽdit"), and ø æ on 0xBF 0xBE (cp1252's "¿", "¾": "F¿tex").
# Windows text read as Mac Roman shows the same in reverse: cp1252's é, ü on 0xE9, 0xFC read "È",
# "¸" ("SociÈtÈ", "M¸ller"), cp1250's ą, ł "π", "≥".
_INSIDE = re.compile("(?<=[^\\W\\d_])[^\\x00-\\x7f]")
# Characters Western words hold between letters in any reading: the typographic apostrophe
# ("l’Oréal"), the middle dot ("l·l" in Catalan), the soft hyphen, the dashes set without spaces
# ("Dow Jones—Industrial": Mac Roman's ó, ñ, no evidence either way).
_WORD_PUNCTUATION = frozenset("’·\u00ad–—")
_WEIGHED = 16384
# Lowercase Western letters (and the German ß, the ligatures) stand on 0x80-0x9F in Mac Roman, on
# 0xC0-0xFF in cp1250: a text whose non-ASCII bytes lie almost all below 0xA0 is no Central one.
_MAC_LETTER_BYTES = re.compile(rb"[\x80-\x9f]")
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
# The bytes of Mac Roman's Western letters but its capitals À Ã Õ Œ Â Ê Á Ë È Í Î Ï Ì Ó Ô Ò Ú Û Ù
# (and œ ÿ), which only a text that also writes lowercase ones holds.
_MAC_LETTERS = re.compile(rb"[\x80-\x9f\xa7\xae\xaf\xbe\xbf]")


def misfits(text: str) -> int:
    """How many non-ASCII characters of `text` (its first characters) sit in a word where no word
    has them: a symbol between two letters, or a capital beside a lowercase letter."""
    wrong = 0
    for m in _INSIDE.finditer(text, 0, _WEIGHED):
        c, at = m.group(), m.end()
        after = text[at] if at < len(text) else ""
        if c.isalpha():  # a capital after a lowercase letter, or between a capital and one ("DŸsseldorf")
            wrong += c.isupper() and (text[at - 2].islower() or after.islower())
        elif c not in _WORD_PUNCTUATION and after.isalpha():
            wrong += 1
    return wrong


def reads_as_mac_roman(sample: bytes, western: str) -> bool:
    """Whether `sample` (8-bit Western text: `western` is it read in cp1252 or latin-1) is Mac OS
    Roman: read so, its words show a quarter of the misfits (symbols and capitals inside words)
    the Windows reading shows, or fewer. A German header alone ("Eröffnung", Mac's ö cp1252's š)
    shows none either way and stays as it reads. Against cp1250, which reads Mac Roman's ü ö as ź š ("Mźller",
    "Kšln"), its bytes beyond ASCII decide: almost all below 0xA0, where no Central language
    writes most of its letters."""
    sample = sample[:_WEIGHED]
    if not _MAC_LETTERS.search(sample):  # found in C: most Windows text is told here at no cost
        return False
    windows = misfits(western)  # one is telling: a header alone shows one accent ("Cl™ture")
    if windows == 0:
        return False
    mac = misfits(sample.decode("mac_roman"))
    if 4 * mac >= windows:
        return False
    try:
        central = misfits(sample.decode("cp1250"))
    except UnicodeDecodeError:  # a byte cp1250 leaves undefined (Mac Roman's É, à, ê, ò)
        return True
    high = len(_HIGH_BYTES.findall(sample))
    return 4 * mac < central or len(_MAC_LETTER_BYTES.findall(sample)) >= 0.9 * high
