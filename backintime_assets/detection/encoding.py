"""Guess the text encoding of a byte sample and decode samples that start or end mid-character."""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

from .east_asian import all_common, decodes, east_asian_code_page
from .eastern_digits import may_hold_eastern_digits, western_digits
from .mac_roman import delimiting_symbols, reads_as_mac_roman

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of binary formats people save with a .csv name by mistake.
_MAGIC = (
    (b"PK\x03\x04", "zip archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office (xls) file"),
    (b"%PDF", "pdf document"),
    (b"\x89PNG", "png image"),
    (b"GIF8", "gif image"),
    (b"\xff\xd8\xff", "jpeg image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PAR1", "parquet file"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
ZERO_FILLED = "binary content (NUL bytes only: a zero-filled file, a copy cut short?)"
_TAR_MAGIC = b"ustar"  # at byte 257: a tar archive of CSV files holds text between NUL-padded headers

# cp1252 leaves these five bytes undefined: text containing them is latin-1 (or something else).
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_C1_CONTROLS = re.compile("[\x80-\x9f]")
# A two-byte UTF-8 character beyond Latin (IPA, Greek, Cyrillic, ..., NKo: U+0250-U+07FF) beside a
# Latin letter or an undecodable byte (U+FFFD), or a combining mark after no letter (_mostly_utf8).
_OTHER_SCRIPT = "\u0250-\u02ff\u0370-\u07ff"
_STRAY_LETTER = re.compile(f"(?<=[A-Za-z\ufffd])[{_OTHER_SCRIPT}]|[{_OTHER_SCRIPT}](?=[A-Za-z\ufffd])"
                           "|(?<![^\\W\\d_])[\u0300-\u036f]")

# The errors= handler that reads the bytes a UTF-8 text cannot decode as cp1252 (U+FFFD where
# cp1252 has no character). A file whose encoding changes part of the way through (a UTF-8 export
# appended to a cp1252 one, a row pasted from another program) is mostly UTF-8 with cp1252 letters
# here and there: "Soci\xe9t\xe9" then reads "Société" as its UTF-8 rows do, not "Soci�t�", a
# ticker of its own that splits the series silently. A damaged byte reads as a letter either way.
UTF8_OR_CP1252 = "utf8-or-cp1252"


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error(UTF8_OR_CP1252, _as_cp1252)


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_problem(sample: bytes) -> str | None:
    """Why `sample` is not text at all, or None. Call only after ruling out UTF-16/32.

    A few NUL bytes do not make a text file binary: office files get them from a copy cut short
    and zero-filled (a block of NULs at the end), a buggy export (a NUL in a cell), a NUL-padded
    fixed-width field. The reader rejects each line holding one (normalisation/nul.py); here the
    file is binary only when the NULs are not confined to a few lines of text (see _nul_problem)."""
    for magic, what in _MAGIC:
        if sample.startswith(magic):
            return f"binary content ({what})"
    if sample[257:262] == _TAR_MAGIC:
        return "binary content (tar archive)"
    if not sample:
        return None
    body = sample
    if b"\x00" in sample:  # the test costs nothing on ordinary files
        body = sample.rstrip(b"\x00")  # a zero-filled tail says nothing about what came before it
        if not body:
            return ZERO_FILLED
        if b"\x00" in body:
            body = body.replace(b"\x00", b"")
            if _control_heavy(body) or _nul_problem(sample.rstrip(b"\x00"), body):
                return "binary content (NUL bytes)"
    if _control_heavy(body):
        return "binary content (control characters)"
    return None


def _control_heavy(data: bytes) -> bool:
    return len(data) - len(data.translate(None, _CONTROL_BYTES)) > 0.05 * len(data)  # counted in C


# Delimiters a table of NUL-padded fields is recognised by (the dialect sniffer knows more; a
# padded table in an exotic one is called binary, visibly, rather than read as text by mistake).
_TABLE_DELIMITERS = b",;\t|"
_NUL_RUNS = re.compile(rb"\x00+")
_FEW_NUL_PLACES = 2


def _nul_problem(body: bytes, text: bytes) -> bool:
    """Whether the NULs inside `body` (a sample without its zero-filled tail; `text`: it without
    any NUL, free of control characters) make it binary. A few places with NULs (a damaged cell,
    a zero-filled block) are damage in text. NULs in many places are a binary format (strings
    between tables of numbers, each ended by a NUL), unless the lines without them read as a table:
    most rows of one field count on one delimiter (a NUL-padded field, a buggy export)."""
    places = len(_NUL_RUNS.findall(body))
    if places <= max(_FEW_NUL_PLACES, 0.01 * body.count(b"\n")):
        return False
    rows = [line for line in text.split(b"\n") if line.strip()]
    if len(rows) < 2:
        return True
    for d in _TABLE_DELIMITERS:
        common, times = Counter(row.count(d) for row in rows).most_common(1)[0]
        # A padded field holds one run of NULs: a table has at most one per cell. Binary numbers
        # (a float array: a run in every value) or UTF-32 (one after every character) have many
        # more, between "lines" that agree on a delimiter byte by chance or because they are text.
        if common > 0 and times >= 0.8 * len(rows) and places <= (common + 1) * (body.count(b"\n") + 1):
            return False
    return True


def _utf32_without_bom(sample: bytes) -> str | None:
    """UTF-32 text of the Basic Multilingual Plane (any script) has NULs in the two high bytes of
    every character. Read as 8-bit text it is a NUL after each character: no stray NULs, and no
    table (every line rejected for its NULs). An array of small 32-bit numbers has the pattern
    too; decoded, its control characters say it is no text."""
    if sample.endswith(b"\x00" * 8):  # a zero-filled tail weighs on neither side
        sample = sample.rstrip(b"\x00")
    n = min(len(sample), 4096) & ~3
    if n < 16:
        return None
    nul = [sample[k:n:4].count(0) / (n // 4) for k in range(4)]
    for name, high, low in (("utf-32-le", (2, 3), 0), ("utf-32-be", (0, 1), 3)):
        if min(nul[h] for h in high) >= 0.95 and nul[low] < 0.1:
            text = sample[:n].decode(name, errors="replace")
            # Text, in any script, has lines, and a price table digits and delimiters: ASCII.
            ascii_share = len(text.encode("ascii", "ignore")) / len(text)
            plain = text.encode("latin-1", errors="replace")
            return name if "\n" in text and ascii_share >= 0.2 and not _control_heavy(plain) else None
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    if sample.endswith(b"\x00\x00\x00"):  # a zero-filled tail (three NULs end no UTF-16 text) weighs on neither side
        sample = sample.rstrip(b"\x00")
    n = min(len(sample), 4096) & ~1
    if n < 4:
        return None
    even_nul = sample[0:n:2].count(0)
    odd_nul = sample[1:n:2].count(0)
    half = n // 2
    if odd_nul > 0.6 * half and even_nul < 0.1 * half:
        return "utf-16-le"
    if even_nul > 0.6 * half and odd_nul < 0.1 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(sample: bytes) -> bool:
    """Whether `sample`, which is not valid UTF-8, is UTF-8 all the same: it holds at least as many
    UTF-8 characters beyond ASCII as bytes that do not decode. A file cut short inside a character
    (a copy that stopped), a stray byte of another code page: read as cp1252, every "é" of the
    file would read "Ã©" (tickers and names silently changed), for the sake of a byte or two.
    cp1252 text of its own has next to no valid UTF-8 sequences: an accented letter is followed
    by a letter, where UTF-8 wants a byte of 0x80-0xBF (a symbol in cp1252)."""
    kept = sample.decode("utf-8", errors="ignore")
    undecodable = len(sample) - len(kept.encode("utf-8"))
    wide_characters = len(kept) - len(kept.encode("ascii", errors="ignore"))
    if not 0 < undecodable <= wide_characters:
        return False
    # Some pairs of a code page's letters do decode, into a letter of another script: cp1250's
    # "SPÓŁKA" reads "SPӣKA" (Ó Ł: a UTF-8 Cyrillic letter), "KŘÍŽ" a combining mark after a
    # byte that does not decode. A Polish file of "... SPÓŁKA AKCYJNA" names holds more of those
    # than undecodable bytes: such a letter, glued to a Latin letter or to a byte that does not
    # decode, is no UTF-8 character (text in those scripts comes in words of their own).
    stray = len(_STRAY_LETTER.findall(sample.decode("utf-8", errors="replace")))
    return undecodable <= wide_characters - stray


# A whole word of Latin letters, one of them ASCII, touching no byte that does not decode; a Latin-1
# symbol (£, °, µ) between ASCII characters.
_LATIN = "A-Za-z\u00c0-\u017f"
_LATIN_WORD = re.compile(f"(?<![{_LATIN}\ufffd])[{_LATIN}]*[A-Za-z][{_LATIN}]*(?![{_LATIN}\ufffd])"
                         "|(?<![^\x00-\x7f])[\u00a0-\u00bf](?![^\x00-\x7f])")
_BEYOND_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _utf8_latin_words(sample: bytes) -> bool:
    """Whether every character `sample` (mostly UTF-8) decodes to beyond ASCII is a Latin letter of
    a word with ASCII letters, touching no undecodable byte ("Hermès", "Ørsted"), or a Latin-1
    symbol among ASCII ("5°C", "£12"):
    Western text. A double-byte code page read as UTF-8 decodes a pair here and there, between
    bytes that do not decode or beside other such pairs ("ǤŷƲ"), never inside a Latin word."""
    text = sample.decode("utf-8", errors="replace")
    return not _BEYOND_ASCII.search(_LATIN_WORD.sub("", text))


def _looks_western(text: str) -> bool:
    """Western European text decoded as cp1252 has isolated accented letters ("Société"); text in
    another 8-bit code page (cp1251, koi8-r, ...) decoded that way shows whole words of them."""
    return _share_in_runs(text) <= 0.3


def _share_in_runs(text: str) -> float:
    """The share of the non-ASCII characters of `text` that stand in runs of three or more."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))  # counted in C, not char by char
    if non_ascii == 0:
        return 0.0
    return sum(len(m) for m in _NON_ASCII_RUN.findall(text)) / non_ascii


_CENTRAL = ("cp1250", "iso8859-2")
_UNDEFINED = {"cp1250": re.compile(rb"[\x81\x83\x88\x90\x98]"),
              "iso8859-2": re.compile(rb"[\x80-\x9f]")}  # ISO-8859-2 reads them as control characters
_UTF8_PAIRS = re.compile(rb"[\xc2-\xdf][\x80-\xbf]")
_LETTER, _VOWEL = "[^\\W\\d_]", "[aeiouyAEIOUYáéíóúýÁÉÍÓÚÝ]"
# Evidence of a Central European text read as cp1252: Italian and French put ì ù on a word's
# last vowel ("più", "où"), Czech ě ů sit inside words ("mìna" for "měna"); French è and Catalan
# ò come before consonants ("Genève", "Història"), Czech and Croatian č, Czech ň before vowels
# ("Èína", "Kolièina", "daòový"); Spanish ñ before vowels, Polish ń before consonants or at a
# word's end ("koñcowe"); Danish æ and French œ begin or sit inside words, Polish ć and ś end them
# ("Wartoœæ"); Portuguese õ comes before e or s ("ações"), Hungarian ő anywhere ("Értéktõzsde");
# French û before consonants ("coût"), Hungarian ű before vowels too ("Jármûipari"). Macron and
# superscripts (Ż, ą, Ľ, ľ) touch no word.
_WESTERN_LETTERS = {"ìùÌÙ": f"(?={_LETTER})", "òÒèÈ": f"(?={_VOWEL})", "ñÑ": f"(?!{_VOWEL})",
                    "æÆ": f"(?!{_LETTER})", "œŒ": "(?![uiUI])", "õÕ": "(?![esES])",
                    "ûÛ": "(?=[aiouyAIOUYáíóúýÁÍÓÚÝ])"}
# ... and of Western text read as Central European: French à, Nordic å become ŕ, ĺ, which Slovak
# alone writes, seldom; ÿ and ¡ become accents that touch no word.
_CENTRAL_LETTERS = {"ŕĺŔĹ": ""}
_NEVER_BESIDE = {"cp1252": "¯¹¼¾", "latin-1": "¯¹¼¾", "cp1250": "˙ˇ˘˛˝", "iso8859-2": "˙ˇ˘˛˝",
                 "cp1254": "¯¹¼¾", "cp1257": "¨ˇ¸¯˛¹¼¾"}
# The evidence is weighed in the sample's first characters: a header and a few hundred lines
# show a code page as well as the whole sample, at a quarter of the cost.
_WEIGHED = 16384


def _differing_symbols(reading: str, others: tuple[str, ...], first: int) -> set[str]:
    """The symbols (no word letters) code page `reading` shows for bytes from `first` up that one of
    `others` reads differently: only those say which of them the text is in."""
    symbols = set()
    for b in range(first, 0x100):
        shown = bytes([b]).decode(reading, errors="ignore")
        if shown and not _is_word_letter(shown) and any(
                bytes([b]).decode(other, errors="ignore") != shown for other in others):
            symbols.add(shown)
    return symbols


@functools.cache
def _evidence(reading: str, others: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """Two patterns of what says text is read in code page `reading` and not one of `others`:
    a symbol (or control character) between two letters ("Wp³ywy", "P£ATNOŒÆ": Polish ł, Ł read as
    cp1252), weighing 2; a symbol that touches no word set against one ("¯ABKA"), or a letter
    where the code page's languages do not write it, weighing 1. Only bytes the code pages read
    differently count: a "’" between letters says nothing when every reading shows it. Each
    pattern starts with its characters, which the regex engine scans for in C."""
    symbols = _differing_symbols(reading, others, 0x80)
    inside = re.compile(f"[{re.escape(''.join(sorted(symbols)))}](?<={_LETTER}.)(?={_LETTER})" if symbols else "(?!)")
    letters = _WESTERN_LETTERS if reading in ("cp1252", "latin-1") else _CENTRAL_LETTERS
    never = f"[{re.escape(_NEVER_BESIDE[reading])}]"
    tests = [f"(?<={never})(?:(?<!{_LETTER}.)(?={_LETTER})|(?<={_LETTER}.)(?!{_LETTER}))",
             *(f"(?<=[{chars}]){after}" for chars, after in letters.items())]
    first = re.escape(_NEVER_BESIDE[reading] + "".join(letters))
    return inside, re.compile(f"[{first}](?:{'|'.join(tests)})")


def _is_word_letter(c: str) -> bool:
    return unicodedata.category(c) in ("Ll", "Lu", "Lt", "Lo")


def _misread(text: str, reading: str, others: tuple[str, ...],
             delimiters: frozenset[str] = frozenset()) -> tuple[int, set[str]]:
    """(the weight of the evidence against reading `text` in code page `reading`, the characters
    that gave evidence other than a symbol beside a word). `delimiters`: symbols that separate the
    fields, no evidence between two letters ("kind¦weight")."""
    inside, other = _evidence(reading, others)
    within, outside = inside.findall(text, 0, _WEIGHED), other.findall(text, 0, _WEIGHED)
    within = [c for c in within if c not in delimiters]
    return 2 * len(within) + len(outside), set(within) | (set(outside) - set(_NEVER_BESIDE[reading]))


def _utf8_pairs_abound(sample: bytes) -> bool:
    """Whether half the bytes beyond ASCII pair up as UTF-8 characters: UTF-8 with a stray invalid
    byte or a cut character ("CrÃ©dit" in cp1252), no code page's text."""
    high = len(sample) - len(sample.decode("ascii", "ignore"))
    return 2 * len(_UTF8_PAIRS.findall(sample)) >= high / 2


def _central_european(sample: bytes, western: str, name: str) -> str | None:
    """cp1250 or ISO-8859-2 when `sample` (`western`: it read in code page `name`, cp1252 or
    latin-1) is Polish, Czech, Slovak, Hungarian, Croatian, Slovenian or Romanian text rather
    than Western European. Their letters ą ł ż ś ě ř ő ... sit on bytes that cp1252 reads as
    symbols or other letters, so every reading is valid; the wrong one shows symbols inside words
    ("£ódŸ", "Wp³ywy") or letters where its languages do not write them. A Western file stays as
    it reads unless the evidence is clear."""
    candidates = tuple(c for c in _CENTRAL if not _UNDEFINED[c].search(sample))
    if not candidates:
        return None
    readings = (name, *candidates)
    # A table delimited by a symbol ("kind¦weight¦share") shows it between letters in its header:
    # read as Central European it is a letter ("kindŚweightŚshare") and the table has no delimiter.
    wrong, telling = _misread(western, name, candidates, delimiting_symbols(western))
    if telling and telling <= _HUNGARIAN_ONLY:
        if _ESTONIAN.search(western, 0, _WEIGHED):
            return None  # Estonian õ ("Kõrgeim", "Võru") beside ä ("Käive"), which Hungarian does not write
        # ő and ű are the only letters Hungarian writes differently in cp1250: a short file
        # ("Győr" in one row) shows one of them at most. Enough where the file writes Hungarian's
        # á é í ó ú too ("Dátum", "Záró"): Estonian, whose õ stands in names without ä ("Võru
        # Metsad"), writes none of them.
        if _HUNGARIAN_ACUTE.search(western, 0, _WEIGHED):
            wrong += 1
    if wrong == 1 and telling and not _one_language(western, "cp1252") and any(
            _one_language(sample[:_WEIGHED].decode(c), c) for c in candidates):
        # One clue ("Kolièina") weighs more where the file's letters fit no Western language read
        # so ("Kolièina", "Najniža": è beside ž) and one Central one read the other way (č, ž).
        wrong += 1
    if wrong < 2 or not telling:
        # A superscript or a fraction beside a word, and nothing else, is a Western footnote mark
        # ("Return¹", "ACME Corp¹") or share class ("Fund A¼") as often as a misread ą or Ľ.
        return None
    if _utf8_pairs_abound(sample):
        return None
    passing, least = [], wrong // 4 + 1  # a reading must be clearly better than the Western one
    for candidate in candidates:
        others = tuple(r for r in readings if r != candidate)
        score = _misread(sample.decode(candidate), candidate, others)[0]
        if score < least:
            passing.append((score, candidate))
    if len(passing) > 1:
        # cp1250 and ISO-8859-2 place ą ś ź š ž ť ľ on different bytes, each read as a symbol or
        # another letter by the other ("¦widnica", "MiedĽ", "Kroměříľ"): the words of the right
        # one are spelled in one language.
        passing = [(score + _misspelled_central(sample.decode(c), c, candidates), c) for score, c in passing]
    return min(passing, key=lambda sc: sc[0])[1] if passing else None


def _central_rather(sample: bytes, chosen: str) -> str:
    """`chosen` (cp1254 or cp1257, better than cp1252) or a Central European code page that reads
    `sample` better. Hungarian and Croatian read in cp1257 spell Lithuanian letters ("Rįba
    Jįrmūipari", "Šuro Šakovię" for Rába Járműipari, Đuro Đaković), and Czech or Croatian in ISO-8859-2
    shows cp1257's ¾ © ¹ in its words ("Najni¾a"): the Central reading shows fewer words no
    language spells, or as few, its letters fitting one language where the other's do not."""
    text = sample[:_WEIGHED].decode(chosen)
    others = tuple(c for c in ("cp1252", *_CENTRAL) if c != chosen)
    score = sum(n for *_, n in _unspelled(text, chosen)) + 2 * len(_evidence(chosen, others)[0].findall(text))
    fit = _one_language(text, chosen)
    best, least = chosen, (score, -fit)
    for candidate in _CENTRAL:
        if _UNDEFINED[candidate].search(sample):
            continue
        reading = sample[:_WEIGHED].decode(candidate)
        rank = (_misspelled_central(reading, candidate, _CENTRAL), -_one_language(reading, candidate))
        if rank < least:
            best, least = candidate, rank
    return best


_HUNGARIAN_ONLY = frozenset("õÕûÛ")
_ESTONIAN = re.compile("[äÄ]")
_HUNGARIAN_ACUTE = re.compile("[áéíóúÁÉÍÓÚ]")
# The letters beyond ASCII of the languages written in cp1250 and ISO-8859-2: Polish, Czech,
# Slovak, Hungarian, Croatian/Slovenian/Bosnian, Romanian, German, and the French and Albanian
# letters their names of firms borrow.
_CENTRAL_ALPHABETS = tuple(frozenset(a) for a in (
    "ąćęłńóśźż", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "čćđšž", "ăâîșțşţ", "äöüß", "éèêëàâçîïôùûü",
    "ëç"))
_WORD_BEYOND_ASCII = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")


@functools.cache
def _touching(reading: str, others: tuple[str, ...]) -> re.Pattern:
    """A symbol of code page `reading` on a byte that one of `others` reads differently, touching
    a letter on either side ("¦widnica", "Koper©")."""
    symbols = _differing_symbols(reading, others, 0xA0)
    if not symbols:
        return re.compile("(?!)")
    chars = re.escape("".join(sorted(symbols)))
    return re.compile(f"[{chars}](?:(?={_LETTER})|(?<={_LETTER}.))")


def _misspelled_central(text: str, reading: str, candidates: tuple[str, ...]) -> int:
    """How many words of `text` (its first characters) no language of cp1250 spells, or whose
    letters touch a symbol, `text` read in `reading` (one of `candidates`)."""
    words = Counter(_WORD_BEYOND_ASCII.findall(text, 0, _WEIGHED))
    wrong = sum(n for word, n in words.items()
                if not any(set(word.lower()) - _ASCII_LETTERS <= alphabet for alphabet in _CENTRAL_ALPHABETS)
                or (word[1:] != word[1:].lower() and word != word.upper()))  # "MiedĽ": a capital inside
    others = tuple(c for c in candidates if c != reading)
    return wrong + len(_touching(reading, others).findall(text, 0, _WEIGHED))


# The letters (beyond ASCII) of the languages each code page writes, with where some never stand
# (in a lowercase word): a word is written in one language, so a word no alphabet spells is text
# read in the wrong code page ("AÇILIÞ", "Atvçrðanas": Turkish Ş, Latvian ē š read as cp1252).
# French, Portuguese and Catalan put ç before a, o, u only ("Pçdçjâ" is Latvian Pēdējā);
# Icelandic and Faroese þ starts a word or a compound's part, never after a vowel ("Alþingi";
# "KAPANIÞ" is Turkish KAPANIŞ), and ð starts none (Lithuanian "Šiaulių" reads "Ðiauliø");
# Turkish ğ follows a vowel (Icelandic "Lokaverð" read as Turkish is "Lokaverğ").
_WEST, _TURKISH, _BALTIC = ("cp1252", "cp1254"), ("cp1254",), ("cp1257",)
_CEDILLA = "ç(?=[^\\W\\d_])(?![{}])"
_THORN = "(?<=[aeiouyáéíóúýæö])þ|^ð"
_ALPHABETS = (
    ("àâæçéèêëîïôœùûüÿ", _CEDILLA.format("aouâôû"), _WEST),  # French
    ("áâãàçéêíóôõúü", _CEDILLA.format("aouáóúãõâô"), _WEST),  # Portuguese
    ("àçèéíïòóúü", _CEDILLA.format("aouóú"), _WEST),  # Catalan
    ("áéíñóúü", None, _WEST), ("àèéìíîòóùú", None, _WEST), ("áéíóúàèäëïöüê", None, _WEST), ("çë", None, _WEST),
    ("äöüß", None, (*_WEST, *_BALTIC)), ("æøåéóäöü", None, (*_WEST, *_BALTIC)),  # German, Danish and Norwegian
    ("åäöéšž", None, (*_WEST, *_BALTIC)), ("äöõüšž", None, (*_WEST, *_BALTIC)),  # Swedish and Finnish, Estonian
    ("áðéíóúýþæö", _THORN, ("cp1252",)), ("áðíóúýæø", _THORN, ("cp1252",)),  # Icelandic, Faroese
    ("çğıöşüâîû\u0307", "(?<![aeıioöuüâîû])ğ", _TURKISH),  # U+0307: the dot İ keeps in lowercase
    ("āčēģīķļņšūž", None, _BALTIC), ("ąčęėįšųūž", None, _BALTIC),  # Latvian, Lithuanian
    ("ąćęłńóśźż", None, _BALTIC),  # Polish
)
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_SPELLED = {page: tuple((frozenset(letters), re.compile(never) if never else None)
                        for letters, never, pages in _ALPHABETS if page in pages)
            for page in ("cp1252", "cp1254", "cp1257")}
# A word from its first letter beyond ASCII on (superscripts, fractions and ordinal marks, as in
# "Return¹" or "1ª", are none): the ASCII letters before it bear on no spelling but that of þ, ð
# and ğ, found with the character before them. Found this way, in C, rather than by a pattern
# tried at every character, the words cost a quarter.
_FOREIGN_TAIL = re.compile("[^\\W\\d_\\x00-\\x7f¹²³¼½¾ªºµ][^\\W\\d_]*")
_EDGE = re.compile("([ðþÐÞğĞ])(?<=(.)[ðþÐÞğĞ])([^\\W\\d_]*)", re.S)


def _unspelled(text: str, reading: str) -> list[tuple[str, int]]:
    """The words of `text` (its first characters) that no language of code page `reading` spells,
    from their first letter beyond ASCII on (or the letter before a þ, ð or ğ), and how often."""
    found, placed = [], Counter()
    for (letter, before, rest), n in Counter(_EDGE.findall(text, 0, _WEIGHED)).items():
        if before > "\x7f" and before.isalpha():
            continue  # inside a word: read with its first letter beyond ASCII
        tail = letter + rest
        placed[tail] += n
        word = before + tail if before.isalpha() else tail
        if not _spelled(word, reading):
            found.append((word, n))
    for tail, times in Counter(_FOREIGN_TAIL.findall(text, 0, _WEIGHED)).items():
        n = times - placed[tail]
        if n > 0 and not _spelled(tail, reading):
            found.append((tail, n))
    return found


def _spelled(word: str, reading: str) -> bool:
    word = word.lower()
    letters = set(word) - _ASCII_LETTERS
    return any(letters <= alphabet and not (never and never.search(word)) for alphabet, never in _SPELLED[reading])


# Letters an alphabet holds for loanwords only: Estonian, Finnish and Swedish write š and ž in a few
# borrowed words ("šokolaad"), where Turkish ş and ğ read in cp1257 show them in every other word.
_LOANS = frozenset("šž")
_LETTER_BEYOND_ASCII = re.compile("[^\\W\\d_\\x00-\\x7f¹²³¼½¾ªºµ]")


def _alphabets(reading: str) -> tuple[frozenset, ...]:
    return _CENTRAL_ALPHABETS if reading in _CENTRAL else _ONE_FILE[reading]


# The alphabets a file's letters may fit together: one language's, or Latvian and Lithuanian
# together, the languages cp1257 was made for: a Nasdaq Baltic list names firms of Riga and Vilnius
# ("Pēdējā cena", "Ignitis grupė"; read as cp1250 "Pçdçjâ", "grupë" fit French letters).
_ONE_FILE = {page: tuple(alphabet for alphabet, _ in alphabets) for page, alphabets in _SPELLED.items()}
_ONE_FILE["cp1257"] += (frozenset("āčēģīķļņšūž") | frozenset("ąčęėįšųūž"),)


def _one_language(text: str, reading: str) -> int:
    """How well the letters beyond ASCII of `text` (its first characters) read in `reading` fit one
    alphabet of the code page's languages: 2 if they do, 1 if only with letters of loanwords, 0 if
    not. A file is written in one language, its names in it or in a neighbour's: a word may be
    spelled in some language either way ("Düžük" is Estonian letters, "Rįba" Lithuanian), but the
    file's letters together fit one alphabet in the right reading only."""
    letters = set(_LETTER_BEYOND_ASCII.findall(text[:_WEIGHED].lower()))
    fits = [letters <= alphabet for alphabet in _alphabets(reading)]
    if not any(fits):
        return 0
    return 2 if any(letters <= alphabet - _LOANS for alphabet in _alphabets(reading)) else 1


# Turkish and Baltic code pages, with the bytes each reads differently from cp1252 and those it
# leaves undefined (deleted from the sample to test for them: a regex scan costs ten times as
# much). cp1254 differs in six letters (Ğ İ Ş ğ ı ş where Icelandic Ð Ý Þ ð ý þ stand), cp1257 in
# most accented ones.
_TURKISH_OR_BALTIC = tuple(
    (name,
     bytes(b for b in range(0x80, 0x100)
           if bytes([b]).decode(name, "ignore") not in ("", bytes([b]).decode("cp1252", "ignore"))),
     bytes(b for b in range(0x80, 0x100) if not bytes([b]).decode(name, "ignore")))
    for name in ("cp1254", "cp1257"))


def _turkish_or_baltic(sample: bytes, western: str) -> str | None:
    """cp1254 (Turkish) or cp1257 (Estonian, Latvian, Lithuanian) when `sample` (`western`: it read
    as cp1252) is in one of them. Their letters read as other letters in cp1252, so a reading
    shows no symbols; the wrong one spells words no language writes ("DÜÞÜK", "Pçdçjâ"), which the
    right one spells. Icelandic and Faroese text, whose Þ ð ý are real, stays cp1252."""
    misread = _unspelled(western, "cp1252")
    if not misread:
        return None
    size = len(sample)
    candidates = [name for name, differs, undefined in _TURKISH_OR_BALTIC
                  if len(sample.translate(None, differs)) < size and len(sample.translate(None, undefined)) == size]
    wrong = sum(n for *_, n in misread)
    best, least, tied, fit = None, wrong // 4 + 1, False, 0  # a reading must be clearly better than the Western one
    for candidate in candidates:
        # First the words cp1252 misspells, read again: most readings fail on them (Czech read as
        # Turkish, Turkish as Baltic) at a small part of the cost of reading the whole sample.
        still = sum(n for word, n in misread if not _spelled(word.encode("cp1252").decode(candidate), candidate))
        if still >= (least if best is None else least + 1):  # a tie with the best counts
            continue
        text = sample[:4 * _WEIGHED].decode(candidate)
        others = tuple(c for c in ("cp1252", *candidates) if c != candidate)
        score = sum(n for *_, n in _unspelled(text, candidate))
        score += 2 * len(_evidence(candidate, others)[0].findall(text, 0, _WEIGHED))
        tied = best is not None and score == least  # "Uždarymo" reads "Uşdarymo" too: no evidence
        if tied:  # ... unless one reading's letters fit one alphabet better ("Düşük"/"Düžük": Turkish)
            other_fit = _one_language(text, candidate)
            tied = other_fit == fit
            if other_fit > fit:
                best, fit = candidate, other_fit
        if score < least:
            best, least, fit = candidate, score, _one_language(text, candidate)
    if tied:
        return None
    if best and _utf8_pairs_abound(sample):
        return None
    return best


# Letters of Russian, Ukrainian and Bulgarian, and their vowels.
_CYRILLIC = re.compile("[\u0410-\u044f\u0401\u0451\u0406\u0456\u0407\u0457\u0404\u0454\u0490\u0491]+")
_CYRILLIC_VOWELS = re.compile("[аеиоуыэюяёіїєАЕИОУЫЭЮЯЁІЇЄ]")
_LOWER_UPPER = re.compile("[а-яё][А-ЯЁ]")
# Hebrew (cp1255, ISO-8859-8) has no capitals, and its letters sit on the bytes of а..ъ: read as
# cp1251, a TASE export is lowercase Russian words with vowels. Cyrillic text has a capital, or
# one of the letters past ъ (ы ь э ю я, і ї є).
_PAST_HEBREW = re.compile("[А-ЯЁЇІЄҐы-яёіїєґ]")


_KOREAN_CODE_PAGES = frozenset({"cp949", "euc_kr"})
# A double-byte character of cp949, its bytes as the codec pairs them (ASCII between them skipped): the
# pair captured where both bytes are 0xA1 or above (KS X 1001, the set Korean text is written in), else
# one of cp949's extension (a lead byte up to 0xC6: the codec defines none past it).
_CP949_PAIR = re.compile(rb"([\xa1-\xfe][\xa1-\xfe])|[\x81-\xa0][\x41-\x5a\x61-\x7a\x81-\xfe]"
                         rb"|[\xa1-\xc6][\x41-\x5a\x61-\x7a\x81-\xa0]")
_CHARSET_NORMALIZER_BYTES = 65536  # the bytes of a sample charset-normalizer judges


def _japanese_read_as_korean(sample: bytes, complete: bool) -> bool:
    """Whether `sample`, which charset-normalizer calls Korean, is Shift-JIS (cp932) all the same.
    On a short sample (a header of Japanese column names, 日付,始値,...,終値, above rows of ASCII
    digits) it can prefer cp949, which decodes those bytes too, into rare Hangul syllables: the
    header then names no column and the file is refused with names nobody can read. Korean text
    is written in the KS X 1001 set (both bytes 0xA1 or above: every syllable in common use);
    cp949's extension beyond it (a second byte below 0xA1) holds syllables next to no text uses.
    A sample whose double-byte characters mostly come from that extension, and that decodes as
    cp932, is Japanese. Counted by a regex over the bytes charset-normalizer judged, not character
    by character: a head read on for its long lines (up to 2 MiB) cost 0.4 s so."""
    sample = sample[:_CHARSET_NORMALIZER_BYTES] if len(sample) > _CHARSET_NORMALIZER_BYTES else sample
    pairs = _CP949_PAIR.findall(sample)
    rare = pairs.count(b"")
    if rare <= len(pairs) - rare:
        return False
    return decodes(sample, "cp932", complete and len(sample) < _CHARSET_NORMALIZER_BYTES)

# What charset-normalizer calls a Shift-JIS file. Japanese CSVs are Windows' (Excel, e-Stat, the
# banks' and brokers' exports): cp932, which reads the same bytes, and the NEC and IBM rows
# ("①", "髙") that shift_jis turned into U+FFFD, and its wave dash and full-width minus as Windows
# means them ("～", "－"; as "〜" and "−" in shift_jis_2004, which the sample was then called).
_SHIFT_JIS_NAMES = ("shift_jis", "shift_jis_2004", "shift_jisx0213")


# cp932 reads the lead bytes 0xF0-0xF9 as its user-defined characters (U+E000-U+F8FF): there,
# a Shift_JIS-2004 sample holds JIS X 0213's second plane ("𠂉", "𦿶"), which only it reads right.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


def _reads_as_cp932(sample: bytes, complete: bool) -> bool:
    sample = sample[:_CHARSET_NORMALIZER_BYTES] if len(sample) > _CHARSET_NORMALIZER_BYTES else sample
    try:
        text = codecs.getincrementaldecoder("cp932")("strict").decode(
            sample, final=complete and len(sample) < _CHARSET_NORMALIZER_BYTES)
    except UnicodeDecodeError:
        return False
    return not _PRIVATE_USE.search(text)


def _looks_cyrillic(sample: bytes, page: str = "cp1251") -> bool:
    """Whether `sample` (whole words of non-ASCII letters: not Western) is cp1251, the Windows
    code page of Russian, Ukrainian and Bulgarian exports (MOEX, Finam, bank statements). Read
    as cp1251, their non-ASCII bytes are Cyrillic words with vowels, capitals only at a word's
    start or throughout it; text of another code page (KOI8-R, cp866, Greek) read that way has
    symbols among the letters, capitals inside lowercase words or few vowels."""
    if page == "cp1251" and b"\x98" in sample:  # undefined in cp1251
        return False
    text = sample.decode(page)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    words = _CYRILLIC.findall(text)
    letters = sum(map(len, words))
    if not words or letters < 0.9 * non_ascii:
        return False
    joined = " ".join(words)
    vowels = len(_CYRILLIC_VOWELS.findall(joined))
    return (vowels >= 0.2 * letters and _PAST_HEBREW.search(joined) is not None
            and len(_LOWER_UPPER.findall(joined)) <= 0.05 * len(words))


# The bytes of Ukrainian і ї є ґ (and capitals) in KOI8-U, box-drawing characters in KOI8-R.
_KOI8_U_LETTERS = re.compile(rb"[\xa4\xa6\xa7\xad\xb4\xb6\xb7\xbd]")
_KOI8_LOWERCASE = re.compile(rb"[\xc0-\xdf]")
# KOI8's box-drawing and mathematical characters (0x80-0xBF but ё Ё, and і ї є ґ in KOI8-U): no text
# holds them, where mac-cyrillic's capitals and cp866's letters stand on those bytes.
_KOI8_DRAWING = {page: re.compile(b"[" + b"".join(re.escape(bytes([b])) for b in range(0x80, 0xC0)
                                                  if not bytes([b]).decode(page).isalpha() and b != 0x9A) + b"]")
                 for page in ("koi8_r", "koi8_u")}


# The Windows code page and the ISO one of a script place a few letters on different bytes, which
# the other reads as symbols: cp1253 writes Ά on 0xA2, ISO-8859-7 on 0xB6 (cp1253's ¶): "¶νοιγμα".
# cp1250 and ISO-8859-2 likewise (Ś on 0x8C and 0xA6: "¦widnica"), told by spelling as well.
_SIBLINGS = {"cp1253": "iso8859-7", "iso8859-7": "cp1253", **dict(zip(_CENTRAL, reversed(_CENTRAL)))}


def _sibling(sample: bytes, name: str) -> str:
    """`name` (charset-normalizer's choice) or its sibling code page, whichever shows fewer symbols
    touching letters (short samples hold too few letters for charset-normalizer to tell)."""
    other = _SIBLINGS.get(name)
    if other is None:
        return name
    counts = []
    for page in (name, other):
        text = sample[:_WEIGHED].decode(page, errors="replace")
        shown = (_misspelled_central(text, page, _CENTRAL) if page in _CENTRAL
                 else len(_touching(page, (name, other)).findall(text)))
        # An undefined byte, or one ISO-8859 reads as a control character (cp1250's š ś ž ...), weighs more.
        counts.append(shown + 2 * (text.count("\ufffd") + len(_C1_CONTROLS.findall(text))))
    return other if counts[1] < counts[0] else name


_GREEK_WORD = re.compile("[\u0386-\u03ce]+")
_GREEK_MISREAD = re.compile("[\u03c2](?=[\u0386-\u03ce])|[\u03ac-\u03ce][\u0386-\u03ab]|[\u0390\u03b0\u03aa\u03ab]"
                            "|[\u0386-\u03ab]{2}[\u03ac-\u03ce]|[A-Za-z][\u0386-\u03ce]|[\u0386-\u03ce][A-Za-z]")
# Both Greek code pages leave 0xD2 and 0xFF undefined: KOI8-R puts р and Ъ there (a Bulgarian or
# Russian name in lowercase reads as Greek capitals, "ΙΞΧΕΣΤΙΓΙΟΞΞΑ" for инвестиционна, but for р).
_GREEK_UNDEFINED = re.compile(rb"[\xd2\xff]")
# A capital, or a lowercase vowel with its accent (tonos): Greek text shows one; Hebrew read as
# Greek is lowercase letters without accents.
_GREEK_TONOS = re.compile("[\u03ac-\u03af\u03cc-\u03ce\u0390\u03b0]")
_GREEK_TELLING = re.compile("[\u0386-\u03ab\u03ac-\u03af\u03cc-\u03ce]")


def _looks_greek(sample: bytes) -> bool:
    """Whether `sample` (not Cyrillic in cp1251) is Greek in cp1253 or ISO-8859-7, which put the
    Greek letters on the same bytes. charset-normalizer, on a few hundred short capitalised names,
    can call it ISO-8859-5 or cp1251 ("Сшоэс" for Αθήνα). Read as Greek, its non-ASCII bytes are
    words of Greek letters, a final ς only at a word's end and no capital after a lowercase letter;
    Cyrillic text read so mixes cases inside words, puts ς (т) inside them and shows the rare ΰ ΐ
    (а, р of cp1251)."""
    if _GREEK_UNDEFINED.search(sample):
        return False
    text = sample[:_WEIGHED].decode("iso8859-7", errors="replace")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii == 0:
        return False
    words = _GREEK_WORD.findall(text)
    letters = sum(map(len, words))
    if letters < 0.9 * non_ascii or not _GREEK_TELLING.search(text):
        return False
    misread = len(_GREEK_MISREAD.findall(text))  # a Latin letter beside one is no Greek word
    # Modern Greek accents a word once at most ("Κλείσιμο"); Cyrillic read as Greek can show several
    # (ь э ю and Ь Э Ю Я read as ό ύ ώ and ά έ ή ί).
    misread += sum(len(_GREEK_TONOS.findall(word)) > 1 for word in set(words))
    return misread <= 0.02 * len(words)


# A table that blanks ASCII (and one that blanks all but Hebrew letters): split, the bytes give their
# runs of the rest, found in C (a regex over every sample cost half a millisecond); and one that
# shows a sample's shape: a Latin letter as "a", a byte beyond ASCII as 0x80.
_HIGH_RUNS = bytes(b if b >= 0x80 else 0x20 for b in range(256))
_HEBREW_RUNS = bytes(b if 0xE0 <= b <= 0xFA else 0x20 for b in range(256))
_SHAPES = bytes(0x80 if b >= 0x80 else 0x61 if chr(b).isalpha() else 0x20 for b in range(256))
# Hebrew letters stand on 0xE0-0xFA in cp1255 and ISO-8859-8 alike; five have a final form, written
# at a word's end (ך ם ן ף ץ) where the other (כ מ נ פ צ) is written everywhere else (and after the
# gershayim of an abbreviation: בע"מ).
_HEBREW_FINALS = frozenset(b"\xea\xed\xef\xf3\xf5")
_HEBREW_MISPLACED = re.compile(rb"[\xea\xed\xef\xf3\xf5](?=[\xe0-\xfa])"
                               rb"|(?<=[\xe0-\xfa])[\xeb\xee\xf0\xf4\xf6](?![\xe0-\xfa])")


def _looks_hebrew(sample: bytes) -> bool:
    """Whether `sample` (neither Cyrillic nor Greek) is Hebrew in cp1255 or ISO-8859-8. charset-
    normalizer, on a few rows of names, calls it cp1250, koi8-r, cp1251 or cp874 ("čáň" for בזק).
    Its bytes beyond ASCII are Hebrew letters, in words whose final forms stand at their ends only:
    Cyrillic read so (а..ъ of cp1251, capitals of KOI8-R) puts к н п у х (ך ם ן ף ץ) inside words
    and ends them in о л р (מ כ נ)."""
    sample = sample[:_WEIGHED]
    found = sample.translate(_HEBREW_RUNS).split()
    words, letters = set(found), sum(map(len, found))
    if not words or letters < 0.9 * (len(sample) - len(sample.translate(None, _HIGH_BYTES))):
        return False
    misplaced = sum(1 for word in words if _HEBREW_MISPLACED.search(word))
    # A single word needs a final form at its end to tell (תאריך): "טבע" reads as Russian "ибт" as well.
    return misplaced <= 0.1 * len(words) and (len(words) > 1 or any(word[-1] in _HEBREW_FINALS for word in words))


_HIGH_BYTES = bytes(range(0x80, 0x100))
# Thai (cp874, TIS-620): consonants U+0E01-U+0E2E; vowels and tone marks written above or below the
# consonant before them; vowels written before the consonant they follow in speech (เ แ โ ใ ไ).
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
_THAI_LEAST = 6
_THAI_VOWEL = re.compile("[\u0e30-\u0e39\u0e40-\u0e44\u0e47]")
_THAI_MISPLACED = re.compile(
    "(?<![\u0e01-\u0e2e])[\u0e31\u0e34-\u0e3a\u0e47]"  # a vowel above or below on no consonant
    "|(?<![\u0e01-\u0e2e\u0e31\u0e34-\u0e39])[\u0e48-\u0e4e]"  # a tone mark on neither
    "|[\u0e40-\u0e44](?![\u0e01-\u0e2e])"  # a leading vowel before none
    "|[\u0e31\u0e36\u0e37](?![\u0e01-\u0e2e\u0e48-\u0e4b])"  # ั ึ ื before no final consonant or tone mark
    "|(?<![\u0e40\u0e41].)(?<!\u0e01)\u0e47(?!\u0e2d)"  # ็ but in เ-็ แ-็ (เป็น, แข็ง), ก็ and -็อ- (ล็อต)
    "|[\u0e03\u0e05\u0e26]"  # ฃ ฅ ฦ, out of use
    "|[\u0e3f\u0e50-\u0e59](?=[\u0e01-\u0e4e])|(?<=[\u0e01-\u0e4e])[\u0e3f\u0e50-\u0e59]")  # a digit, ฿ in a word


def _clearly_thai(sample: bytes, complete: bool) -> bool:
    """Whether `sample` (not UTF-8) is Thai in cp874 rather than in a double-byte code page. A few
    Thai words read as common hanzi ("บ้านปู": three), and a Chinese file of a few names reads as
    Thai (五粮液, 比亚迪, 换手率: "ฮๅมธาบ", "ฑศัวตฯ", "ปปสึยส"), but with one vowel sign in six
    letters where Thai writes one in three ("วันที่", "ปริมาณ"): where every character of the
    double-byte reading is common, Thai needs a third of its letters vowels or seven characters' worth of
    letters ("ธนาคารกสิกรไทย")."""
    letters, vowels = _thai_reading(sample)
    if not letters:
        return False
    return letters >= _THAI_CLEAR or vowels >= 0.3 * letters or not all_common(sample, complete)


_THAI_CLEAR = 14


def _thai_reading(sample: bytes) -> tuple[int, int]:
    """(the Thai letters, the vowels among them) of the distinct words of `sample` (not UTF-8) if
    it is Thai in cp874, (0, 0) if it is not. Its letters take almost every byte from 0xA1
    up, so a few rows of Thai names decode as GB18030, Big5 or EUC-JP (rare hanzi, kanji), and
    charset-normalizer reads a quarter of such files as CJK or Cyrillic. Read as cp874, Thai has
    no byte undefined there; its words are a quarter vowels or more, its marks above and below
    stand on a consonant, its leading vowels before one, and no digit or Latin letter touches
    them. A double-byte code page's text read so shows runs of consonants, marks anywhere,
    digits inside words; an accented Latin letter reads as a Thai digit in a word ("Sp๓łka")."""
    sample = sample[:_WEIGHED]
    if not decodes(sample, "cp874"):
        return 0, 0
    # Each word counted once: a name on every row is one name's evidence. Found on the bytes, in C.
    text = b"\n".join(set(sample.translate(_HIGH_RUNS).split())).decode("cp874")
    letters = sum(map(len, _THAI_RUN.findall(text)))
    if letters < 0.9 * (len(text) - text.count("\n")) or letters < _THAI_LEAST:
        return 0, 0  # too few letters to tell: a double-byte character or two read so
    vowels = len(_THAI_VOWEL.findall(text))
    if vowels < 0.15 * letters:
        return 0, 0
    shape = sample.translate(_SHAPES)  # no Thai word touches a Latin letter
    misplaced = len(_THAI_MISPLACED.findall(text)) + shape.count(b"a\x80") + shape.count(b"\x80a")
    return (letters, vowels) if misplaced <= 0.01 * letters else (0, 0)


def _touch_latin(sample: bytes) -> bool:
    """Whether bytes beyond ASCII touch an ASCII letter in `sample` (its first characters) more than
    rarely: a Cyrillic word in KOI8 stands apart from Latin ones, where a Big5 character with an
    ASCII trail byte reads as letters glued to one ("最低" as "ЁлїC")."""
    sample = sample[:_WEIGHED]
    shape = sample.translate(_SHAPES)
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    return shape.count(b"a\x80") + shape.count(b"\x80a") > 0.01 * high


def detect_encoding(sample: bytes, complete: bool = True) -> tuple[str, float]:
    """(Python codec name, confidence). `complete` says whether the sample ends where the file does
    (if not, a multi-byte character cut at the end is not an error)."""
    bom = bom_encoding(sample)
    if bom:
        return bom, 1.0
    wide = _utf32_without_bom(sample) or _utf16_without_bom(sample)
    if wide:
        return wide, 0.9
    if b"\x00" in sample:
        sample = sample.replace(b"\x00", b"")  # stray NULs (binary_problem) are no evidence of a code page
    if decodes(sample, "utf-8", complete):
        return "utf-8", 0.9 if sample.isascii() else 1.0
    # Before the test for UTF-8 with stray bytes: GB2312, EUC-JP and EUC-KR characters of a lead
    # 0xC2-0xDF and a trail below 0xC0 are valid UTF-8 ("任天堂" in EUC-JP reads "ǤŷƲ"). Not where
    # the UTF-8 reads as Latin words: "Hermès" in UTF-8 is a common Big5 character after "Herm",
    # and a stray "5\xb0C" one more, but the file is UTF-8 with a cp1252 byte.
    mostly_utf8 = _mostly_utf8(sample)
    if not mostly_utf8 and _clearly_thai(sample, complete) and not (_looks_cyrillic(sample) or _looks_greek(sample)):
        return "cp874", 0.7
    if not (mostly_utf8 and _utf8_latin_words(sample)):
        east_asian = east_asian_code_page(sample, complete, _looks_cyrillic)
        if east_asian:
            return east_asian, 0.7
    if mostly_utf8:
        return "utf-8", 0.8  # its other bytes read as cp1252 (UTF8_OR_CP1252)
    east_asian = east_asian_code_page(sample, complete, _looks_cyrillic, kana_suffice=True)
    if east_asian:
        return east_asian, 0.6
    if not _CP1252_UNDEFINED.search(sample):
        text = sample.decode("cp1252", errors="replace")
        in_runs = _share_in_runs(text)
        # Turkish shows short runs ("Düþük", "Açýlýþ": Düşük, Açılış), but far fewer than Cyrillic.
        other = _turkish_or_baltic(sample, text) if in_runs <= 0.6 else None
        if other:
            return _central_rather(sample, other), 0.7
        if in_runs <= 0.3:  # Western
            if reads_as_mac_roman(sample, text):
                return "mac_roman", 0.7
            central = _central_european(sample, text, "cp1252")
            return (central, 0.7) if central else ("cp1252", 0.8)
    else:
        latin = sample.decode("latin-1")
        if _looks_western(latin):
            if reads_as_mac_roman(sample, latin):
                return "mac_roman", 0.7
            central = _central_european(sample, latin, "latin-1")  # cp1250 defines 0x8D, 0x8F, 0x9D: Ť Ź ť
            if central:
                return central, 0.7
            if len(_C1_CONTROLS.findall(latin)) <= 0.1 * (len(latin) - len(latin.encode("ascii", "ignore"))):
                return "latin-1", 0.6
    if _looks_cyrillic(sample):
        return "cp1251", 0.7
    if _looks_greek(sample):
        return _sibling(sample, "cp1253"), 0.7
    if _looks_hebrew(sample):
        return ("cp1255" if decodes(sample, "cp1255") else "iso8859-8"), 0.7
    # KOI8 puts lowercase Cyrillic where cp1251 has capitals: read as cp1251 its words mix cases. Its
    # capitals alone stand where cp1251 has lowercase letters and Hebrew its letters: undecided.
    koi8 = "koi8_u" if _KOI8_U_LETTERS.search(sample) else "koi8_r"
    if (_KOI8_LOWERCASE.search(sample) and not _KOI8_DRAWING[koi8].search(sample) and _looks_cyrillic(sample, koi8)
            and not _touch_latin(sample)):
        return koi8.replace("_", "-"), 0.7
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample[:65536]).best()
    except Exception:  # charset-normalizer is a heuristic; never let it break detection
        best = None
    if best is not None and best.encoding:
        name = codecs.lookup(best.encoding).name
        if name in _KOREAN_CODE_PAGES and _japanese_read_as_korean(sample, complete):
            return "cp932", 0.6
        if name in _SHIFT_JIS_NAMES and _reads_as_cp932(sample, complete):
            return "cp932", 0.6
        return _sibling(sample, name), 0.6
    return ("latin-1" if _CP1252_UNDEFINED.search(sample) else "cp1252"), 0.3


_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_LINE_END = re.compile(rb"[\r\n]")
_LATER_SAMPLE = 65536
# A code page told by its script's rules (Cyrillic words, double-byte characters), not a guess on
# a byte or two (charset-normalizer's 0.6: a stray byte of a damaged line).
_LATER_CONFIDENCE = 0.7
# What UTF8_OR_CP1252 reads as well, and better: UTF-8 characters among the bytes stay UTF-8.
_READ_AS_UTF8 = frozenset({"utf-8", "cp1252", "latin-1", "iso8859-1"})


def later_encoding(data: bytes) -> str:
    """The code page of `data`, bytes of a file past the sample that chose its encoding, read as
    UTF-8 there (an ASCII sample decodes so) but not UTF-8 here: its lines with bytes beyond ASCII
    detected alone. A file of ASCII rows whose Cyrillic, Japanese or Polish names start past the
    first 64 KB (a multi-ticker export sorted by code) would otherwise read them as cp1252
    (UTF8_OR_CP1252): "Сбербанк" as "Ñáåðáàíê", a ticker of its own, silently. "utf-8" where
    those lines are mostly UTF-8 (a UTF-8 file with a cp1252 row pasted in), cp1252 (which
    UTF8_OR_CP1252 reads) or say nothing clear."""
    lines, size, at = [], 0, 0
    while size < _LATER_SAMPLE and (m := _HIGH_BYTE.search(data, at)):
        # Searched no further than the previous line's end and the next line end: a find of "\r"
        # in a file of "\n" lines ran to the file's end for each line, seconds a 16 MB piece.
        start = max(at, data.rfind(b"\n", at, m.start()) + 1, data.rfind(b"\r", at, m.start()) + 1)
        end = _LINE_END.search(data, m.end())
        end = end.start() if end else len(data)
        lines.append(data[start:end])
        size += end - start
        at = end
    encoding, confidence = detect_encoding(b"\n".join(lines))
    name = codecs.lookup(encoding).name
    if confidence < _LATER_CONFIDENCE or name in _READ_AS_UTF8 or name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return encoding


def decode_later(data: bytes, encoding: str) -> str:
    """`data` (UTF-8 by its file's sample, but not valid UTF-8) read with its lines in `encoding`
    (later_encoding) where they are no UTF-8: a file joined from a UTF-8 export and a cp1251 one
    keeps both readings right. Where `encoding` is UTF-8, the other bytes read as cp1252."""
    if codecs.lookup(encoding).name == "utf-8":
        return data.decode("utf-8", errors=UTF8_OR_CP1252)
    text = []
    for line in data.splitlines(keepends=True):  # splits on \n, \r, \r\n only: bytes of any code page
        try:
            text.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            text.append(line.decode(encoding, errors="replace"))
    return "".join(text)


def without_line_boms(text: str) -> str:
    """`text` without the BOMs that start its lines. Files joined into one (`copy a.csv+b.csv`)
    carry each part's BOM into the middle, and Stooq writes one before some data lines: a mark of
    the encoding, never part of a value (it would make that line's first cell unreadable)."""
    if "\ufeff" not in text:
        return text
    return text.replace("\n\ufeff", "\n").replace("\r\ufeff", "\r").removeprefix("\ufeff")


def decode_head(head: bytes, encoding: str, complete: bool) -> str:
    """Decode the start of a file; a character cut by the sample boundary is dropped, not replaced."""
    dec = codecs.getincrementaldecoder(encoding)(_errors(encoding))
    text = without_line_boms(dec.decode(head, final=complete))
    # Told from the bytes: a search of the text costs a millisecond a sample (re, per character).
    return western_digits(text) if may_hold_eastern_digits(head, encoding) else text


def decode_tail(tail: bytes, encoding: str, offset: int, head: bytes = b"") -> str:
    """Decode a sample taken from `offset` to the end of the file, realigned on a character start.
    `head` (the file's first bytes) tells the byte order a BOM-only encoding name implies."""
    name = codecs.lookup(encoding).name
    if name.startswith("utf-16"):
        skip = offset % 2
    elif name.startswith("utf-32"):
        skip = (-offset) % 4
    elif name == "utf-8" or name == "utf-8-sig":
        skip = 0
        while skip < min(4, len(tail)) and 0x80 <= tail[skip] <= 0xBF:
            skip += 1
    else:
        skip = 0
    if name in ("utf-16", "utf-32"):
        # The BOM is at the file start, not in the tail: use the byte order it announced.
        big = head.startswith(codecs.BOM_UTF16_BE) or head.startswith(codecs.BOM_UTF32_BE)
        name = name + ("-be" if big else "-le")
    name = "utf-8" if name == "utf-8-sig" else name
    text = without_line_boms(codecs.decode(tail[skip:], name, errors=_errors(name)))
    return western_digits(text) if may_hold_eastern_digits(tail, name) else text


def decode_all(data: bytes, encoding: str, digits: bool = True) -> str:
    """The whole file as text, its Arabic-Indic digits in ASCII unless `digits` is False (the text
    as the file writes it, which rejected_rows shows)."""
    text = without_line_boms(data.decode(encoding, errors=_errors(encoding)))
    return western_digits(text) if digits and may_hold_eastern_digits(data, encoding) else text


def _errors(encoding: str) -> str:
    """How undecodable bytes read: in UTF-8 as cp1252 (UTF8_OR_CP1252), elsewhere as U+FFFD."""
    return UTF8_OR_CP1252 if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") else "replace"
