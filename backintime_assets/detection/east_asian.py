"""Tell a Chinese, Japanese or Korean double-byte code page from its bytes, before single-byte readings.

charset-normalizer judges a short sample badly: a GBK price file of one name (贵州茅台 on every row)
read as ISO-8859-5, Big5 as ISO-8859-2 or cp1252, GB2312 as cp949, cp932 with ～①髙 as latin-1.
Each reading is valid, and silently wrong: names and column names garbled, a header missed.

The standards of these code pages order their characters by use: GB2312 puts its 3755 common
hanzi in rows 0xB0-0xD7 and the rest in 0xD8-0xF7; Big5 its 5401 common ones in 0xA4-0xC6; JIS X
0208 its common kanji in rows 0x88-0x98 (Shift-JIS) or 0xB0-0xCF (EUC-JP) and kana in rows of
their own; KS X 1001 Hangul in 0xB0-0xC8 and Hanja, little written in Korean, in 0xCA-0xFD. Text
in one code page read in another lands on rare rows (GBK's extension, Big5's kana, cp949's
extension), on symbols, or splits characters; text of a single-byte code page (accented Latin,
Cyrillic, Greek) mostly fails to decode (a letter before a space or a digit is no character),
and where it decodes, lands on the less common rows or glues a character to Latin letters
("Crédit": é and d make one character between r and i). Counted by regexes over the bytes (in C)."""

from __future__ import annotations

import codecs
import functools
import re

_JUDGED = 16384  # bytes weighed: a header and a few hundred rows show the code page as well as 64 KiB

# A code page: how its bytes split into characters (a lead byte and its trail, or one byte), and the
# characters of its languages' text by weight: 1 for the common rows, less for the rarer ones.
_ANY_HIGH = rb"|[\x80-\xff]"
_CODE_PAGES = {
    "gb18030": (rb"[\x81-\xfe][\x30-\x39][\x81-\xfe][\x30-\x39]|[\x81-\xfe][\x40-\x7e\x80-\xfe]",
                ((1.0, rb"[\xb0-\xd7][\xa1-\xfe]|[\xa1\xa3][\xa1-\xfe]"), (0.5, rb"[\xd8-\xf7][\xa1-\xfe]"))),
    "cp950": (rb"[\x81-\xfe][\x40-\x7e\xa1-\xfe]",
              ((1.0, rb"[\xa4-\xc5][\x40-\x7e\xa1-\xfe]|\xc6[\x40-\x7e]|[\xa1-\xa3][\x40-\x7e\xa1-\xfe]"),
               (0.5, rb"[\xc9-\xf9][\x40-\x7e\xa1-\xfe]"))),
    "cp932": (rb"[\x81-\x9f\xe0-\xfc][\x40-\x7e\x80-\xfc]",
              ((1.0, rb"[\x81\x82\x87\x88-\x98][\x40-\x7e\x80-\xfc]|\x83[\x40-\x96]"),
               (0.5, rb"[\x99-\x9f\xe0-\xea\xed\xee\xfa-\xfc][\x40-\x7e\x80-\xfc]|[\xa1-\xdf]"))),
    "euc_jp": (rb"\x8f[\xa1-\xfe][\xa1-\xfe]|[\x8e\xa1-\xfe][\xa1-\xfe]",
               ((1.0, rb"[\xa1\xa3\xa4\xa5\xb0-\xcf][\xa1-\xfe]"), (0.5, rb"[\xd0-\xf4][\xa1-\xfe]|\x8e[\xa1-\xdf]"))),
    "cp949": (rb"[\x81-\xfe][\x41-\x5a\x61-\x7a\x81-\xfe]",
              ((1.0, rb"[\xb0-\xc8][\xa1-\xfe]|[\xa1\xa3][\xa1-\xfe]"), (0.3, rb"[\xca-\xfd][\xa1-\xfe]"))),
}
# A character whose trail byte is a Latin letter before another: a word of a single-byte code page
# ("Cr\xe9dit"), not text of a double-byte one (which seldom runs on into a Latin word).
_GLUED = re.compile(rb"[\x81-\xfe][A-Za-z](?=[A-Za-z])")
_RUN = re.compile(rb"[\x80-\xff][\x30-\xff]*")
_HANGUL = re.compile(rb"([\xb0-\xc8][\xa1-\xfe])|" + _CODE_PAGES["cp949"][0] + _ANY_HIGH)
_HANJA = re.compile(rb"([\xca-\xfd][\xa1-\xfe])|" + _CODE_PAGES["cp949"][0] + _ANY_HIGH)
_KOREAN = 0.9
_WITH_KANA = 0.5  # the share that suffices where kana say Japanese
_KANA = {"cp932": re.compile(rb"(\x82[\x9f-\xf1]|\x83[\x40-\x96])|" + _CODE_PAGES["cp932"][0] + _ANY_HIGH),
         "euc_jp": re.compile(rb"([\xa4\xa5][\xa1-\xf6])|" + _CODE_PAGES["euc_jp"][0] + _ANY_HIGH)}
# A character whose trail byte is ASCII (Big5, Shift-JIS, GBK's extension, cp949's; none in EUC-JP).
_ASCII_TRAIL = {name: re.compile(rb"([\x81-\xfe][\x40-\x7e])|" + token + _ANY_HIGH)
                for name, (token, _) in _CODE_PAGES.items()}
_HIGH = bytes(range(0x80, 0x100))
_ENOUGH = 0.8  # the weighted share of common characters a reading needs
_MIN_CHARACTERS = 2


@functools.cache
def _patterns(name: str) -> tuple[re.Pattern, tuple[tuple[float, re.Pattern], ...]]:
    token, weighted = _CODE_PAGES[name]
    return (re.compile(token + _ANY_HIGH),
            tuple((w, re.compile(b"(" + rows + b")|" + token + _ANY_HIGH)) for w, rows in weighted))


def _score(words: bytes, name: str) -> tuple[float, int]:
    """(the weighted share of the characters beyond ASCII in `words` (_words) that stand on common
    rows of code page `name`, how many there are), each character counted once: a name on every
    row of a price file is one name's evidence."""
    token, weighted = _patterns(name)
    found = set(token.findall(words))
    if not found:
        return 0.0, 0
    distinct = b"\n".join(found)
    total = 0.0
    for weight, pattern in weighted:
        common = pattern.findall(distinct)
        total += weight * (len(common) - common.count(b""))
    total -= len(set(_GLUED.findall(words)))
    return total / len(found), len(found)


def _kana(words: bytes, name: str) -> int:
    """How many distinct hiragana and katakana `words` holds read in code page `name` (cp932 or
    EUC-JP; 0 for another): Japanese, even where its kanji are rare ones (JIS X 0213's, which
    cp932 reads as user-defined characters) and the share of common characters is low."""
    pattern = _KANA.get(name)
    if pattern is None:
        return 0
    found = pattern.findall(words)
    return len(set(found)) - (b"" in found)


def _words(sample: bytes) -> bytes:
    """The distinct runs of `sample` that hold its characters beyond ASCII, one a line. A run starts
    with a byte beyond ASCII and ends before a space, a delimiter or a line break: no lead or trail
    byte of these code pages is one, so its characters split as they did in the sample."""
    return b"\n".join(set(_RUN.findall(sample)))


def _hangul_share(words: bytes) -> float:
    """The share of Hangul among the characters of KS X 1001's Hangul and Hanja rows in `sample`
    read as cp949 (each counted once). Korean is written in Hangul, a Hanja here and there; Chinese
    (GB2312) read so shows Hanja for every hanzi past the Hangul rows, a third of them or more, and
    Japanese (EUC-JP) as many."""
    token, _ = _patterns("cp949")
    found = b"\n".join(set(token.findall(words)))
    hangul, hanja = (len(m) - m.count(b"") for m in (_HANGUL.findall(found), _HANJA.findall(found)))
    return hangul / (hangul + hanja) if hangul else 0.0


_SYLLABLE = re.compile("[\uac00-\ud7a3]")
# Jamo Korean words seldom hold (KS X 1001 lists every syllable of an initial and a vowel, most with
# finals few words end in): doubled initials ㄲ ㄸ ㅃ ㅆ ㅉ, vowels ㅒ ㅙ ㅚ ㅞ ㅟ, finals other than
# ㄱ ㄴ ㄹ ㅁ ㅂ ㅅ ㅆ ㅇ.
_ODD_INITIALS = frozenset({1, 4, 8, 10, 13})
_ODD_VOWELS = frozenset({3, 10, 11, 15, 16})
_USUAL_FINALS = frozenset({0, 1, 4, 8, 16, 17, 19, 20, 21})


def _korean_syllables(words: bytes) -> bool:
    """Whether the Hangul of `words` read as cp949 reads as Korean words: open syllables (가, 이,
    자: a third of Korean's) at least twice as many as odd ones. Chinese or Japanese read as Korean
    lands on syllables at random (휑퍅, 믈튿): a sixth open, a third odd."""
    opened = odd = 0
    for syllable in set(_SYLLABLE.findall(words.decode("cp949", errors="replace"))):
        n = ord(syllable) - 0xAC00
        initial, vowel, final = n // 588, n // 28 % 21, n % 28
        opened += final == 0
        odd += initial in _ODD_INITIALS or vowel in _ODD_VOWELS or final not in _USUAL_FINALS
    return opened >= 2 * odd


def decodes(sample: bytes, name: str, final: bool = True) -> bool:
    """Whether `sample` decodes strictly as `name`; a character cut at its end is an error only where
    `final` (the sample ends where the file does)."""
    try:
        codecs.getincrementaldecoder(name)("strict").decode(sample, final=final)
    except UnicodeDecodeError:
        return False
    return True


def east_asian_code_page(sample: bytes, complete: bool, single_byte=lambda sample: False,
                         kana_suffice: bool = False) -> str | None:
    """The double-byte code page `sample` (not UTF-8) is written in, or None: the best reading of
    those that decode every byte, when most of its characters stand on its standard's common rows.

    Korean read as GB2312 or EUC-JP lands on common characters too (the Hangul rows are their
    first levels'): Korean is told by its Hangul (_hangul_share). Japanese kanji read as GB2312
    land on its first level as well: where readings tie, charset-normalizer's character
    frequencies choose. `single_byte(sample)` says whether the sample reads as words of a
    single-byte code page: Cyrillic capitals fall on GB2312's first level ("ЛУКОЙЛ" reads as
    three hanzi), and stay Cyrillic where no trail byte is ASCII (a Big5 or Shift-JIS character
    with one reads as a Cyrillic letter before "@" or "{": no word). With `kana_suffice`, a
    Japanese reading with kana needs only half its characters common (rare kanji of JIS X 0213
    in Shift_JIS-2004); UTF-8 of another script with a stray byte reads so in cp932 too."""
    if len(sample) > _JUDGED:
        sample, complete = sample[:_JUDGED], False
    if len(sample) - len(sample.translate(None, _HIGH)) < 2 * _MIN_CHARACTERS:
        return None
    scores, words = {}, None
    for name in _CODE_PAGES:
        if decodes(sample, name, complete):
            words = _words(sample) if words is None else words
            score, n = _score(words, name)
            enough = _WITH_KANA if kana_suffice and _kana(words, name) else _ENOUGH
            if n >= _MIN_CHARACTERS and score >= enough:
                scores[name] = score
    if not scores:
        return None
    if "cp949" in scores and not _korean_syllables(words):
        del scores["cp949"]  # charset-normalizer's frequencies prefer Korean on a few characters
    if not scores:
        return None
    if "cp949" in scores and _hangul_share(words) >= _KOREAN:
        best = "cp949"
    else:
        best = max(scores, key=scores.get)  # on a tie, in _CODE_PAGES' order
        tied = [name for name, score in scores.items() if score >= scores[best] - 1e-9]
        if len(tied) > 1:
            best = _by_frequencies(sample, tied) or best
    trailed = _ASCII_TRAIL[best].findall(words)
    if len(trailed) == trailed.count(b"") and (single_byte(sample) or _reads_as_words(words)):
        return None
    if best == "cp932" and _PRIVATE_USE.search(sample.decode("cp932", errors="ignore")):
        # cp932 reads lead bytes 0xF0-0xF9 as user-defined characters (U+E000...): there,
        # Shift_JIS-2004 text holds JIS X 0213's second plane ("𠂉").
        return "shift_jis_2004" if decodes(sample, "shift_jis_2004", complete) else None
    return best


def all_common(sample: bytes, complete: bool) -> bool:
    """Whether `sample` (not UTF-8) reads in one of these code pages with every character beyond
    ASCII on its standard's common rows: few Thai names do ("บ้านปู" reads as three common hanzi),
    while a Chinese file of a few names almost always does (五粮液, 比亚迪, 换手率 read as
    Thai letters with a vowel sign: "ฮๅมธาบ", "ฑศัวตฯ", "ปปสึยส")."""
    if len(sample) > _JUDGED:
        sample, complete = sample[:_JUDGED], False
    words = None
    for name in _CODE_PAGES:
        if decodes(sample, name, complete):
            words = _words(sample) if words is None else words
            score, n = _score(words, name)
            if n >= _MIN_CHARACTERS and score >= 1.0:
                return True
    return False


# Single-byte code pages of scripts with letters on the bytes of double-byte characters (Thai is
# left out: its letters take almost every byte, and its words are not split by spaces).
_CYRILLIC = "\u0401-\u045f\u0490\u0491"
_SINGLE_BYTE_SCRIPTS = (("cp1251", _CYRILLIC), ("koi8_r", _CYRILLIC), ("cp866", _CYRILLIC),
                        ("cp1253", "\u0386\u0388-\u03ce"), ("cp1255", "\u05d0-\u05ea"),
                        ("cp1256", "\u0620-\u064a\u0671-\u06d3"))
_LETTERS = tuple((page, re.compile(f"[{letters}]+")) for page, letters in _SINGLE_BYTE_SCRIPTS)
_NON_ASCII = re.compile("[^\x00-\x7f]+")


def _reads_as_words(words: bytes) -> bool:
    """Whether `words` (_words) read in one single-byte code page are words of its script: each run
    of letters of the one script, in capitals, in lowercase or capitalised. Cyrillic and Greek
    capitals ("ΟΠΑΠ", "ЛУКОЙЛ"), Arabic letters fall on the common rows of GB2312 or Big5 in
    pairs; text of those read one byte at a time shows symbols ("№", "±") or case at random."""
    for page, letters in _LETTERS:
        runs = set(_NON_ASCII.findall(words.decode(page, errors="replace")))
        if all(letters.fullmatch(run) and _one_case(run) for run in runs):
            return True
    return False


def _one_case(word: str) -> bool:
    return word.isupper() or word.islower() or word.istitle() or word.lower() == word.upper()  # Hebrew, Arabic: none


def _by_frequencies(sample: bytes, tied: list[str]) -> str | None:
    """Which of readings `tied` charset-normalizer's character frequencies of each language prefer."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=tied).best()
    except Exception:  # a heuristic; never let it break detection
        return None
    if best is None or not best.encoding:
        return None
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    return name if name in tied else None


_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
