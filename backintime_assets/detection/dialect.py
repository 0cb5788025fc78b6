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
from .month_names import MONTHS
from .prose import mostly_sentences
from .dump_escapes import escapes_as_a_dump, keep_dump_escapes
from .footer import note_row
from .quoted_lines import one_quoted_field
from .shapes import shape_of
from .steady import COMMON_DELIMITERS


# Preference order breaks ties between dialects that parse the sample identically.
_DELIMITERS = (",", ";", "\t", "|", ":", " ", "^", "~", "#", "&", "/", "*", "!", "$", "%", "+", "-", "=", ".")
_QUOTES = ('"', "'", "`")
_MAX_SCORE_LINES = 120
_SCORE_CHARS = 32768
# Every line one quoted field (quoted_lines.py): no rival reading was scored to measure it by.
_ONE_QUOTED_FIELD_CONFIDENCE = 0.9

_KNOWN = re.compile(
    r"""^(?:
      [+-]?[$€£¥]?\s?(?:\d+|\d{1,3}(?:[,.'\u00a0\u202f ]\d{3})+)(?:[.,]\d+)?(?:[eE][+-]?\d+)?\s?%?   # number
      [KMBkmb]?(?:\s?[$€£¥]|\ [A-Z]{3})?   # a volume's multiplier ("4.69M"), its currency ("12,50 €", "3.520 EUR")
    | [+-]?[.,]\d+
    | \d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}
      (?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s?(?:[AaPp][Mm])?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?
    | \d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?[AaPp][Mm])?
    | \d{1,2}\.?[-\ /.][^\W\d_]{3,9}\.?[-\ /.]\d{2,4}   # "5-Mar-2021", "05 janv. 2021", "05. Mär. 2021"
    | [A-Za-z]{3,9}\.?\ \d{1,2},?\ \d{4}(?:,?\ \d{1,2}:\d{2}(?::\d{2})?(?:\ ?[AaPp][Mm])?)?
    | (?:[A-Za-z]{3,9},?\ )?\d{1,2}\ [A-Za-z]{3,9}\.?\ \d{2,4}   # RFC 2822: "Mon, 01 Mar 2021 00:00:00 +0000"
      (?:\ \d{1,2}:\d{2}(?::\d{2})?(?:\ (?:[+-]\d{4}|[A-Z]{2,4}))?)?
    | (?:https?|ftp)://\S+ | <?[\w.+-]+@[\w-]+\.[\w.-]+>?   # a mail address, a Message-ID
    | [^\W\d_][^,;\t|"]* | \d+[^\W\d][^,;\t|"]*   # words, codes
    | \#N/A | N/A | n/a | -+ | : | \.\.   # missing values (Eurostat ":", ONS and World Bank "..")
    | [+-]?\d+(?:[.,]\d+)?\ [a-z]{1,3}   # a number with a flag or a unit ("102.6 b" in Eurostat, "12 kg")
    | [A-Z]{3}\ [+-]?\d++(?:[.'\u00a0\u202f]\d{3})*+,\d++   # a price after its currency's code ("USD 100,80")
    | \+\d{1,3}(?:[\ .-]\d{1,4}){2,4} | (?:\+\d{1,3}\ ?)?\(\d{1,4}\)\ ?\d{3,4}[-\ .]\d{4}   # a phone number
    | \d{3,4}-\d{3,4}-\d{4}   # ("+1 938 479 2900", "(264) 617-9283", "0710-733-5476")
    )$""",
    re.X,
)


# A single value that some candidate delimiters ('.', '-', '/', ':', ' ') would cut in pieces.
# Spaces group the digits of a number, a code or a phone number ("1 000", "020 7946 0958") before
# any decimal mark, never after one: a row of readings ("1614556800 20.134 54.24") is several
# values, not one cut in pieces.
_ATOMIC = re.compile(
    r"""^(?:[+-]?[$€£¥]?\s?\d[\d ]*(?:[,.'][\d,.']*)?(?:[eE][+-]?\d+)?%?
    | \d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T][\d:.]+)?
    | \d{1,2}:\d{2}(?::\d{2})?
    | [A-Za-z]{3,9}\.?\ \d{1,2},?\ \d{4})$""",
    re.X,
)
# The same for a space delimiter in a sample aligned with runs of spaces (read with the runs
# merged, the text between two cells may have been a run, which no value holds): only a thousands
# group of three digits ("1 000"), a time after a date or the spaces of a written-out date cut a
# value in pieces there. Taken loosely, a row of numbers ("1         1.4", "5  7 8") reads as one.
_ATOMIC_MERGED = re.compile(
    r"""^(?:[+-]?[$€£¥]?\s?(?:\d{1,3}(?:[ ]\d{3})+(?:[.,]\d+)?|\d[\d,.']*)(?:[eE][+-]?\d+)?%?
    | \d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}[\d:.]*)?
    | \d{1,2}:\d{2}(?::\d{2})?
    | [A-Za-z]{3,9}\.?\ \d{1,2},?\ \d{4})$""",
    re.X,
)


def _joined_atomic(atomic: re.Pattern) -> re.Pattern:
    return joined_regex(atomic.pattern.replace("^(?:", "", 1).rsplit(")$", 1)[0], re.X)


_ATOMIC_JOINED = _joined_atomic(_ATOMIC)
_ATOMIC_MERGED_JOINED = _joined_atomic(_ATOMIC_MERGED)


@dataclass
class Dialect:
    delimiter: str = ","
    quotechar: str | None = '"'
    escapechar: str | None = None
    line_terminator: str = "\n"
    confidence: float = 0.0
    # Spaces after a delimiter are skipped, so a quote after them opens a cell ('1, "Smith, J"'):
    # hand-made and older exports write them; pyarrow's reader cannot, the csv module can. With a
    # space delimiter, runs of spaces are one delimiter: a space-aligned (fixed-width) text table.
    skipinitialspace: bool = False


def detect_line_terminator(text: str) -> str:
    counts = _terminators(text)
    if sum(map(bool, counts)) > 1:
        # Mixed: Excel ends records in "\r\n" and a line break inside a cell in "\n", and cells of
        # several lines outnumbered the records. The breaks outside quoted cells are the records'
        # (a quote escaped with a backslash opens or closes none; doubled ones keep the parity).
        for q in _QUOTES[:2]:
            if q in text:
                outside = _terminators("".join(text.replace("\\" + q, "").split(q)[::2]))
                if sum(map(bool, outside)) == 1:
                    counts = outside
                    break
    crlf, lf, cr = counts
    if crlf >= lf and crlf >= cr and crlf > 0:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def _terminators(text: str) -> tuple[int, int, int]:
    """How many "\r\n", lone "\n" and lone "\r" `text` holds."""
    if "\r" not in text:  # most samples: one count, where each of three scanned the whole text
        return 0, text.count("\n"), 0
    crlf = text.count("\r\n")
    return crlf, text.count("\n") - crlf, text.count("\r") - crlf


def reader_kwargs(delimiter: str, quotechar: str | None, escapechar: str | None,
                  skipinitialspace: bool = False) -> dict:
    """csv.reader keyword arguments for a dialect. strict=False keeps a malformed quote from raising:
    the row then shows up with a wrong field count instead."""
    kw: dict = {"delimiter": delimiter, "escapechar": escapechar, "strict": False,
                "skipinitialspace": skipinitialspace}
    if quotechar:
        kw.update(quotechar=quotechar, doublequote=True, quoting=csv.QUOTE_MINIMAL)
    else:
        kw.update(quoting=csv.QUOTE_NONE)
    return kw


def parse_rows(text: str, delimiter: str, quotechar: str | None, escapechar: str | None,
               max_rows: int | None = None, skipinitialspace: bool = False) -> list[tuple[int, list[str]]]:
    """(0-based physical line where the record starts, fields) for each record; blank lines give []."""
    text = keep_dump_escapes(text, delimiter, escapechar)
    if max_rows is None and not skipinitialspace and _plain(text, quotechar, escapechar):
        return list(enumerate(_split_lines(text, delimiter)))
    rows = _parse_rows(text, delimiter, quotechar, escapechar, max_rows, skipinitialspace)
    if delimiter == " " and skipinitialspace:
        # Columns aligned with runs of spaces: the reader merges the runs (and a line's leading
        # spaces), but spaces after the last value still open an empty last cell. Some lines of
        # such a table are padded and some not: their empty last cell is not a column (the
        # reading tolerates empty surplus cells, records.py), and must not set the table's width.
        rows = [(i, f[:-1] if len(f) > 1 and not f[-1] else f) for i, f in rows]
    return rows


def _parse_rows(text: str, delimiter: str, quotechar: str | None, escapechar: str | None,
                max_rows: int | None, skipinitialspace: bool) -> list[tuple[int, list[str]]]:
    kwargs = reader_kwargs(delimiter, quotechar, escapechar, skipinitialspace)
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


def _plain(text: str, quotechar: str | None, escapechar: str | None) -> bool:
    """Whether the csv module would read `text` as lines cut at the delimiter: no quote or escape
    character in it to act on, and no field long enough to raise (field_size_limit)."""
    return ((quotechar is None or quotechar not in text) and (escapechar is None or escapechar not in text)
            and len(text) <= csv.field_size_limit())


def _split_lines(text: str, delimiter: str) -> list[list[str]]:
    """The records of a _plain text as the csv module reads them, by str.split in C: most samples
    hold no quote character, and the reader's step per character costs some 2-3x as much. A line
    ends at \\r\\n, \\r or \\n (io.StringIO(newline="")); a blank line is [] and the text's last
    line break opens no record."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()
    return [line.split(delimiter) if line else [] for line in lines]


def count_lines(text: str) -> int:
    """Physical lines as io.StringIO(newline="") splits them (at \\r\\n, \\r or \\n), the last one
    counted even without a terminator."""
    crlf, lf, cr = _terminators(text)
    return crlf + lf + cr + (1 if text and not text.endswith(("\n", "\r")) else 0)


def quoting_at_stake(text: str) -> bool:
    """Whether the quote or escape character of `text` is open to doubt: without any candidate of
    either in its first _SCORE_CHARS (all detect_dialect may score), every quote candidate reads
    it alike."""
    sample = text[:_SCORE_CHARS]
    return any(q in sample for q in _QUOTES) or "\\" in sample


LINE_END = re.compile(r"\r\n|\r|\n")  # what count_lines counts as a line break


def line_offset(text: str, line: int) -> int:
    """Offset in `text` of the start of physical line `line` (0-based, lines as count_lines counts
    them); len(text) past the last one."""
    if line <= 0:
        return 0
    for k, m in enumerate(LINE_END.finditer(text), 1):
        if k == line:
            return m.end()
    return len(text)


# Dates, times, decimals and URLs: the '-', '/', '.', ':' and ' ' inside them are not delimiters.
# (A URL's slashes outnumber a date's: "dd/mm/yyyy,...,https://host/a/b.html" holds six '/' a line,
# as steady a count as any delimiter, and splits every data row alike while leaving the header whole.)
# Every token starts with a digit or a letter, which the pattern tests first: most positions of a
# sample then fail on one or two character tests (a leading lookahead cost an assertion, then all
# five alternatives at every letter). The digit alternatives keep their order, so every match is
# the one of "\d{1,4}+[-/.]... | \d{1,2}+:... | \d++\.\d+ | [A-Za-z]{3,9}+... | \d{1,2}+[- ][A-Za-z]...":
# no alternative opening on a letter can match where one opening on a digit can, and vice versa.
# A run of digits or letters is always followed by something else in a token, so giving back part
# of it never helps: the runs are possessive, which spares the scan that backtracking at every
# position of a word or number. Every digit alternative goes on from its digit run to one of
# "-/.: " (a date, time or decimal mark): a lookahead for that, one quick scan of the run, turns
# away a digit of an ordinary number ("28,9658", "107693") before the four alternatives are tried.
_NUMERIC_TOKEN_REST = (  # after its first digit
    r"(?:\d{0,3}+[-/.]\d{1,2}+[-/.]\d{1,4}+(?:[ T]\d{1,2}+:\d{2}(?::\d{2})?)?"
    r"|\d?+:\d{2}(?::\d{2})?|\d*+\.\d+"
    r"|\d?+\.?[- ][A-Za-z]{3,9}+\.?[- ]\d{2,4})"
)
# ... whose word is a month name of a language the project reads (month_names.py), not any word: "1 ann
# 10" of a space-delimited "id name score" table read as a date, which took its spaces out of the
# candidates, and the file split on '.'. The names' alternation, tried wherever a digit and a blank
# meet, made the scan 2-4x slower on text: a sample is scanned again with it only where the scan
# above found a word that is no month's between digits (_month_named).
_MONTH_NAMES = frozenset(w for table in MONTHS.values() for w in table)
_WORD_IN_TOKEN = re.compile(r"[A-Za-z]{3,}")  # (not a timestamp's 'T')
_DIGITS_AND_MARKS = b"0123456789-/.: T,"
_MONTH_WORDS = "|".join(map(re.escape, sorted(_MONTH_NAMES, key=lambda w: (-len(w), w))))  # "ม.ค": Thai dots
_MONTH_TOKEN_REST = _NUMERIC_TOKEN_REST.replace("[A-Za-z]{3,9}+", f"(?i:{_MONTH_WORDS})")
_VALUE_TOKENS, _VALUE_TOKENS_OF_MONTHS = (re.compile(
    rf"\d(?=\d*+[-/.: ]){rest}"
    r"|[A-Za-z]{3,9}+\.? \d{1,2}+,? \d{4}"
) for rest in (_NUMERIC_TOKEN_REST, _MONTH_TOKEN_REST))
# Most samples hold no middle of a written date ("r 5, 2", "b. 12 2"): they are scanned for the
# numeric tokens alone (the written date could match nowhere), with a pattern that opens on a
# digit alone, so the scan skips every other character in C instead of trying it. It reads a run
# of digits followed by no "-/.: " in one step (an empty group): the lookahead fails at every
# digit of such a run, and tried at each, scanned the rest of the run again ("28,9658", "107693").
# Its group holds a token without the first digit, which is no character _inside_values counts.
_NUMERIC_TOKENS, _NUMERIC_TOKENS_OF_MONTHS = (re.compile(rf"\d(?:\d*+(?![-/.: ])|(?=\d*+[-/.: ])({rest}))")
                                              for rest in (_NUMERIC_TOKEN_REST, _MONTH_TOKEN_REST))
_WRITTEN_DATE_HINT = re.compile(r" (?:(?<=[A-Za-z] )|(?<=[A-Za-z]\. ))\d{1,2}+,? \d")
# Searched apart, and only in samples that hold a "://": one more alternative in _VALUE_TOKENS is
# tried at every letter of every sample.
_URL_TOKENS = re.compile(r"(?:https?|ftp)://[^\s\"',;|]++")
# An e-mail address holds an '@' on every line of a column of them, and a '.' or two: a steady
# count, but a value's own, like a URL's slashes (a one-column list of addresses split on '@').
_EMAIL_TOKENS = re.compile(r"[\w.+-]++@[\w-]++\.[\w.-]++")
_INNER_CHARS = "-/.: "
# A UUID's hyphens are its own too: a column of them, four on every line, read as five columns of hex.
# Looked for only where a hyphen stands between two runs of four hex digits (most samples: nowhere).
_UUID_HINT = re.compile(r"-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-")
_UUID_TOKENS = re.compile(r"(?<![\w-])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?![\w-])")
_ASCII_ALNUM = bytes(c for c in range(128) if chr(c).isalnum())


def _month_named(tokens_rx: re.Pattern, text: str) -> str:
    """The tokens of `text` joined, a day, word and year among them only where its word is a month's."""
    joined = "".join(tokens_rx.findall(text))
    # Most samples' tokens hold no word: digits and marks dropped in C, nothing is left. (Every token
    # ends in a digit: no word runs on from one token into the next.)
    if (joined.isascii() and not joined.encode("ascii").translate(None, _DIGITS_AND_MARKS)) \
            or set(map(str.lower, _WORD_IN_TOKEN.findall(joined))) <= _MONTH_NAMES:
        return joined
    exact = _VALUE_TOKENS_OF_MONTHS if tokens_rx is _VALUE_TOKENS else _NUMERIC_TOKENS_OF_MONTHS
    return "".join(exact.findall(text))  # the digits the word's match took read again: "10" of "10.5"


def _inside_values(sample: str) -> dict[str, float]:
    """For each of _INNER_CHARS and '@': the share of its occurrences that sit inside a date/number,
    URL, e-mail or UUID token."""
    rest, urls = sample, ""
    if "://" in sample:  # URLs first, and out of the rest: a date or decimal in a URL counts once
        urls = "".join(_URL_TOKENS.findall(sample))
        rest = _URL_TOKENS.sub("\n", sample)
    if "@" in rest:  # e-mail addresses likewise
        urls += "".join(_EMAIL_TOKENS.findall(rest))
        rest = _EMAIL_TOKENS.sub("\n", rest)
    if _UUID_HINT.search(rest):
        urls += "".join(_UUID_TOKENS.findall(rest))
        rest = _UUID_TOKENS.sub("\n", rest)
    tokens_rx = _VALUE_TOKENS if _WRITTEN_DATE_HINT.search(rest) else _NUMERIC_TOKENS
    tokens = urls + _month_named(tokens_rx, rest)  # counted once in all tokens, not token by token
    return {c: tokens.count(c) / max(1, sample.count(c)) for c in _INNER_CHARS + "@"}


# The marks that close a sentence: one ending every line of a note ("Please cite the publication.")
# is no delimiter. Another rare one ending every line is a terminator, its field the line's value
# ("1^", "fund~": read without it the values keep it, numbers as text).
_SENTENCE_ENDS = ".!?"
_SENTENCES_WEIGHED = 41


def _only_ends_lines(d: str, lines: list[str]) -> bool:
    """Whether `d` stands on the lines only as their last character (trailing blanks aside)."""
    return all(line.count(d) == line.rstrip().endswith(d) for line in lines)


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
        # A symbol beyond ASCII that the first line (a header) lacks stands in the values under it:
        # "1°C", "30×40", "col·legi" under "temp", "size", "paraula". A header of a table it
        # delimits holds it ("kind§weight§share").
        if count > 0 and freq >= 0.8 * n and ord(ch) < 0x2000 and (ch.isascii() or ch in lines[0]):
            out.append(ch)
    # A sentence's mark that only ever ends a line splits no two fields: the full stop closing
    # each sentence of a prose note ("Please cite the publication.") is no column of it.
    out = [d for d in out if d not in _SENTENCE_ENDS or not _only_ends_lines(d, lines)]
    # Rows that are sentences under a name ("comment" over the comments) are one column: their
    # spaces and full stops part words and sentences, not cells.
    if (" " in out or "." in out) and mostly_sentences(lines[1:_SENTENCES_WEIGHED]):
        out = [d for d in out if d not in " ."]
    if any(d in _INNER_CHARS or d == "@" for d in out):  # else there is nothing to drop: spare the scan
        inner = _inside_values("\n".join(lines[:60]))
        out = [d for d in out if d not in inner or inner[d] < 0.5]
    if "$" in out and _currency_dollars(text):
        out.remove("$")
    if " " in out and any(_steady_on_most(d, lines) for d in _STRONG_DELIMITERS if d in out):
        out.remove(" ")
    if "," not in out:
        out.insert(0, ",")  # also stands for "one column": a file with no delimiter at all
    return out


# Delimiters that stand in no value of a space-delimited table: where one of them splits most lines alike,
# the spaces are inside its cells ("01.12.2010 00:00;9,29", "BHP Group, Ltd", "12:00 AM"). A fixed-width
# table padded with tabs among its spaces holds them unevenly, and read on the tab its cells strip alike.
_STRONG_DELIMITERS = ";|\t"


def _steady_on_most(d: str, lines: list[str]) -> bool:
    """Whether `d` stands on most of `lines` (at least three) and nearly always the same number of times,
    or does so on the lines that are no notes ("Source: exchange", "1 rows", "Page 1 of 1": footer.note_row).
    Read on the space, a small file of such lines ties with its preamble's words: three rows of
    "01.12.2010 00:00;9,29296;4.624.913" are two cells each by the space, as "Page 1" is, and under three
    lines of title the space's one field count beat the ';' table's two (the title's and the table's). So did
    an office's day of one ticker, a header and a row ("TradeDate;symbol;Close Price;Volume") above two notes,
    each two words: read on the space, the file was refused "no date or close column"."""
    if _steady(d, lines):
        return True
    if len(lines) > _NOTES_WEIGHED:
        return False  # a table long enough outnumbers its notes
    kept = [line for line in lines if not note_row([line])]
    return len(kept) < len(lines) and _steady(d, kept)


# Lines of a sample few enough for its notes to outvote its table's on the space.
_NOTES_WEIGHED = 20


def _steady(d: str, lines: list[str]) -> bool:
    on = [line for line in lines if d in line]
    counts = [line.count(d) for line in on]
    if len(counts) < min(3, len(lines)) or 2 * len(counts) < len(lines):
        return False
    if Counter(counts).most_common(1)[0][1] < _STEADY_SHARE * len(counts):
        return False
    # Unless the space splits those very lines alike into more cells than `d` does: then `d` is no table's
    # but a trailing tab's or '|', or a ';' inside a space table's last cell ("1000 ok;checked").
    width = Counter(counts).most_common(1)[0][0]
    # Cut into more cells than `d` cuts it, a line holds more spaces than `d`s: most lines of a table
    # ("CONSUMER NON-DURABLES" among ten cells) hold fewer, and are spared the cutting.
    if sum(line.count(" ") > width for line in on) < _STEADY_SHARE * len(on):
        return True
    by_space = Counter(len(_SPACES.split(line.strip(" \r"))) for line in on).most_common(1)[0]
    return not (by_space[1] >= _STEADY_SHARE * len(on) and by_space[0] > width + 1)


_SPACES = re.compile(r" +")


_STEADY_SHARE = 0.9


# A dollar sign opening a number at a cell's start ("\t$568,67", ",$1,068.93", "-$12"; "US$ 5", "R$ 36,50"):
# a price's currency, no delimiter. A file delimited by '$' has a value before each one ("ACME$12.5").
_DOLLAR_SIGN = re.compile(r"(?:^|(?<=[\s,;|(\"+-])|(?<=[\s,;|(\"+-][A-Z])|(?<=[\s,;|(\"+-][A-Z]{2}))\$\s?\d", re.M)


def _currency_dollars(text: str) -> bool:
    """Whether most of the '$' in `text` are currency signs before numbers (_DOLLAR_SIGN): read as the
    delimiter, a tab file of "$568,67" prices under a two-cell line ("Account:<tab>12345") had one
    pattern fewer than on the tab, and won; its dates and tickers one cell, "no date column"."""
    return 2 * len(_DOLLAR_SIGN.findall(text)) >= text.count("$")


# _KNOWN over NUL-joined cells (joined.py), a group per cell it matches whole, written for speed on
# the cells of wrong delimiters (whole lines, or pieces of them), where a scan costs most:
# - its open-ended runs stop at a NUL, so a match never spans two cells;
# - runs are possessive where giving back a character can never lead to a match: the word runs
#   (what follows them is the lookahead for a NUL, which no given-back character is) and the
#   digit runs of a number outside its groups of thousands (what follows takes no digit);
# - only a URL may hold ';', '|' or '"' (no other alternative has them in any character class):
#   a cell that holds one is tried as a URL alone;
# - the word alternative comes first: a cell is counted when any alternative matches it whole, in
#   whatever order, and the distinct cells of a sample are mostly words (tickers, names), which
#   failed every alternative before it (a written date's and an e-mail's after backtracking).
#   Those runs are possessive too: each is followed by a character its class does not hold.
def _joined_known() -> re.Pattern:
    core = _KNOWN.pattern.replace("^(?:", "", 1).rsplit(")$", 1)[0]
    words = '[^\\W\\d_][^,;\\t|"]*'
    for old, new, times in (
        (f"| {words} |", "|", 1),  # put first, below
        ('[^,;\\t|"]*', f'[^,;\\t|"{SEP}]*+', 1),  # codes
        ("\\S+", f"[^\\s{SEP}]++", 1),  # URL
        ("(?:\\d+|\\d{1,3}", "(?:\\d++|\\d{1,3}", 1),  # a number's integer part, ungrouped
        # its fraction and exponent
        ("(?:[.,]\\d+)?(?:[eE][+-]?\\d+)?\\s?%?", "(?:[.,]\\d++)?(?:[eE][+-]?\\d++)?\\s?%?", 1),
        ("\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}", "\\d{1,4}+[-/.]\\d{1,2}+[-/.]\\d{1,4}+", 1),  # 2021-03-05
        ("\\d{1,2}\\.?[-\\ /.][^\\W\\d_]{3,9}\\.?", "\\d{1,2}+\\.?[-\\ /.][^\\W\\d_]{3,9}+\\.?", 1),  # 5-Mar-2021
        ("[A-Za-z]{3,9}\\.?\\ \\d{1,2},?", "[A-Za-z]{3,9}+\\.?\\ \\d{1,2}+,?", 1),  # Mar 5, 2021
        ("[\\w.+-]+@[\\w-]+\\.[\\w.-]+", "[\\w.+-]++@[\\w-]++\\.[\\w.-]++", 1),  # e-mail
        ("\\d+[^\\W\\d]", "\\d++[^\\W\\d]", 1),  # codes
    ):
        assert core.count(old) == times, old
        core = core.replace(old, new)
    core = f'{words.replace("]*", SEP + "]*+")}\n    | {core}'
    url = f"(?:https?|ftp)://[^\\s{SEP}]++"
    assert url in core
    no_sign = f'(?=[^{SEP};|"]*+{SEP})'
    return re.compile(f"{SEP}({no_sign}(?:{core}\n)|{url})(?={SEP})", re.X)  # \n: the core ends in a comment


_KNOWN_JOINED = _joined_known()


def _known_count(cells: list[str]) -> int:
    """How many cells are blank or _KNOWN values (stripped). Each distinct cell is tested once, all
    of them in one scan: the cells of a sample repeat (a daily file's date, sectors, names), and a
    regex call per cell would cost more than the test itself. _KNOWN treats every digit alike:
    _best_dialect passes the cells in their digit shape (shapes.py), where prices repeat too."""
    return _known_in(Counter(cells))


def _known_in(counts: Counter[str]) -> int:
    """_known_count of the cells `counts` counts."""
    keys = list(counts)
    stripped = list(map(str.strip, keys))  # each distinct cell stripped once
    if stripped != keys:  # blanks around some: cells that strip alike count together
        merged: Counter[str] = Counter()
        for cell, n in zip(stripped, counts.values()):
            merged[cell] += n
        counts = merged
    text = joined(list(counts))
    if text is None:  # a NUL inside a cell: cell by cell
        return sum(n for c, n in counts.items() if not c or _KNOWN.match(c))
    return sum(map(counts.__getitem__, _KNOWN_JOINED.findall(text))) + counts.get("", 0)


def _score(rows: list[tuple[int, list[str]]], delimiter: str, aligned: bool = False, unread: str = "",
           lines: list[str] | None = None) -> float:
    """`aligned`: rows of a space delimiter in a sample with runs of spaces (_aligned), read with
    the runs merged or not. A blank cell is then no known value (it is padding, read unmerged), and
    a space between two cells cuts a number only where it groups thousands (_ATOMIC_MERGED).
    `unread`: the sample's quote characters this reading does not take as quotes (_torn).
    `lines`: the sample's lines, of a reading with its runs of spaces merged: a number is cut only
    where its cells stand one space apart in the line, as a thousands group does."""
    # A row whose text is one number or date cut in pieces by the delimiter ("1.5" on '.') is not
    # a row of values: it counts neither for the pattern nor as known cells.
    # "1,5" is a row of two numbers as much as a decimal comma: only the inner characters cut.
    # One scan of all rows usually shows that none is cut; a "\n" in them needs the row-by-row
    # test ($ matches before a last "\n").
    if unread:  # a line that is one quoted cell counts as that cell, quotes and all (_torn)
        rows = _untorn(rows, delimiter, unread)
    atomic, atomic_joined = (_ATOMIC_MERGED, _ATOMIC_MERGED_JOINED) if aligned else (_ATOMIC, _ATOMIC_JOINED)
    pieces = [delimiter.join(f) for _, f in rows if len(f) > 1] if delimiter in _INNER_CHARS else []
    text = joined(pieces) if pieces else None
    if pieces and (text is None or "\n" in text or atomic_joined.search(text)):
        # Merged, a run of spaces reads as the one space of a thousands group: a scientific table's
        # "1            107.8681568" (a one-digit factor beside three-digit values) was one number
        # "1 107.8681568" cut in two on every row, and the reading that kept the padding as empty
        # cells won, 24 columns of blanks for 2.
        cut = [len(f) > 1 and bool(atomic.match(j := delimiter.join(f))) and (lines is None or j in lines[i])
               for i, f in rows]
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
    counts = Counter(chain.from_iterable(whole))  # the cells, counted without a list of them
    cells = sum(map(len, whole))
    if delimiter == " " and not aligned:
        counts = _unpadded(counts)
    # Most samples hold no cell that the two tests below look for: one look over the cells joined says so.
    joined_cells = "\x00".join(counts)
    known = _known_in(counts) + _quoted_delimiters_known(counts, delimiter, joined_cells) + _corner_keys_known(whole)
    if aligned:
        known -= counts[""]
    t = known / (cells + broken + _torn_cells(counts, delimiter, joined_cells, whole)) if cells else 0.0
    return p * t


# A quoted field's edge against another delimiter ('AM,"Berkshire', 'B""",33.7' read on spaces), per
# delimiter read: the quote a comma table opens and closes its cells with, torn open by this reading.
_QUOTE_EDGES = {d: re.compile("|".join(f'{re.escape(o)}"|"{re.escape(o)}' for o in ",;|\t" if o != d))
                for d in _DELIMITERS}


def _torn_cells(counts: Counter[str], delimiter: str, joined_cells: str, rows: list[list[str]]) -> int:
    """How many cells hold another reading's marks, counted again as broken: a tab between two of its
    characters (no value holds one: the tab is the table's delimiter), or a quoted field's edge against
    another delimiter. Unknown already, they weighed as little as a word; a space reading cut a few
    preamble lines and a footer ("Page 1 of 1") into as many cells as it cut each row, out-scored the
    comma or tab on the pattern, and the table was read in pieces (no date or close column)."""
    edges = _QUOTE_EDGES.get(delimiter)
    tabbed = delimiter != "\t" and "\t" in joined_cells
    runs = delimiter == " " and any(mark in joined_cells for mark in _RUN_MARKS)
    if not tabbed and not runs and (edges is None or not edges.search(joined_cells)):
        return 0  # most readings: one look over the cells says none is torn
    torn = sum(n for c, n in counts.items()
               if (tabbed and "\t" in c.strip()) or (edges is not None and edges.search(c)))
    return torn + (_runs_torn(rows) if runs else 0)


def _runs_torn(rows: list[list[str]]) -> int:
    """The cells holding ';' or '|' of the rows a space reading leaves those marks in at least twice and as
    often as it cut the row into cells: the mark, not the space, splits such a row."""
    torn = 0
    for fields in rows:
        for mark in _RUN_MARKS:
            held = [c.count(mark) for c in fields]
            if sum(held) >= max(2, len(fields)):
                torn += sum(1 for k in held if k)
    return torn


# Delimiters a space reading leaves inside its cells where they split the table: "18/07/17;BHP;1,25;...;17" and
# "207" of a ';' row whose volume groups by a space ("17 207"), "Trade" and "Date;Security;...;Volume" of its
# header, a title of two words: two cells each, a steady width the ';' reading (1, 7, 7) lost on the pattern.
# Twice in a row at least: a note's one ';' is prose; and as often as the space cut that row into cells: a
# list in a space table's cell ("Lots(min;max;step)" over "0;1;2", five cells a line) is fewer pieces than its
# row, where a ';' row read on its space or two holds more marks than the space made cells. Counted, a space
# table of one row and such a list read on the ';' (3, 3 cells), and was refused as having no close. Row by
# row, not by the reading's widest row: a footer 'Page 1 of 1' (four cells) had left a header's
# 'Handelstag;Low;Shares' and 'Traded;Max;close;Open' (two and three marks) untorn, and the space won again.
_RUN_MARKS = ";|"


# Characters that end a cell read on single spaces only where they are the delimiter, the space
# after them padding ("Date\t Open\t High", "2024-02-14^ 20.01^"): a value ends in none of them.
_PADDED_DELIMITERS = "\t^~"


def _unpadded(counts: Counter[str]) -> Counter[str]:
    """`counts` without the cells that end in one of _PADDED_DELIMITERS, which no reading on single
    spaces knows: their delimiter is that character, the space after it padding. Known as they were
    (a tab stripped off, a '^' taken into a word), they gave the space reading every cell of the
    tab's or caret's, and a title or a note of a few words read on the space besides (a steady
    width where the right delimiter reads it as one cell) won it the file."""
    # (An empty cell ends in none: `"" in "\t^~"` holds, and blank cells, known, were dropped.)
    if not any(c[-1:] in _PADDED_DELIMITERS for c in counts if c):
        return counts
    return Counter({c: n for c, n in counts.items() if not c or c[-1] not in _PADDED_DELIMITERS})


# The corner cell of a cross table names the columns of its row keys, joined, and after a
# backslash the dimension its column heads run along: Eurostat's "unit,geo\\time" and
# "freq,unit,geo\\TIME_PERIOD", over rows keyed "NR,DE" in that first column, tab-delimited.
_CORNER = re.compile(r"([^\W\d][\w ]*)((?:[,;|][^\W\d][\w ]*)+)\\[^\W\d]\w*")


def _corner_keys_known(rows: list[list[str]]) -> int:
    """How many more cells are known where the first row opens on a cross table's corner cell
    (_CORNER): the corner, and each first cell below holding its keys joined as it joins their
    names. Read on the joining comma, those keys were words, and the row's last cell the values
    with their tabs: a tie with the tab, which the comma won by order (every Eurostat table read
    as four columns, its numbers in one). Most samples hold no backslash: one look says so."""
    if not rows or len(rows[0]) < 2 or "\\" not in rows[0][0]:
        return 0
    corner = _CORNER.fullmatch(rows[0][0].strip())
    if corner is None:
        return 0
    joiner, n = corner.group(2)[0], corner.group(2).count(corner.group(2)[0])
    return 1 + sum(1 for f in rows[1:] if len(f) > 1 and f[0].count(joiner) == n
                   and all(part.strip() for part in f[0].split(joiner)))


def _torn(fields: list[str], delimiter: str, quotes: str) -> bool:
    """Whether a record read in pieces is one quoted cell cut at the delimiter it holds ('"-1,184.31"',
    '"Paris, FR"' on ','): a line that is one quoted field, read without that quote. Such a line is
    a one-column table's value quoted for its delimiter (or a quoted title), and scores as the one
    cell it is, its quotes in it (no known value). Counted as its pieces, they outweighed the
    one-column reading (which the pattern score hardly weighs), and a one-column file of grouped
    numbers was read split at the comma, its header lost among the pieces."""
    q = fields[0][:1] if len(fields) > 1 else ""
    if not q or q not in quotes or fields[-1][-1:] != q:
        return False
    inner = delimiter.join(fields)[1:-1]
    return q not in inner.replace(q + q, "")


def _untorn(rows: list[tuple[int, list[str]]], delimiter: str, quotes: str) -> list[tuple[int, list[str]]]:
    """`rows` with each torn line (_torn) joined back into its one cell, unless its pieces are as
    many as the other lines' commonest count of cells: a line wrapped whole in quotes over a table
    that quotes nothing else ('"Date,Open,High,Low,Close"' above '2024-01-02,10.5,...', as some
    exporters write their header) is that table's header in its pieces, and scored as one cell,
    the reading that took the quote for one read it so: the header lost, the columns unnamed.
    Lines that are all torn (every line wrapped: wrapped_lines.py) are left in their pieces too."""
    torn = [_torn(f, delimiter, quotes) for _, f in rows]
    if not any(torn):
        return rows
    widths = Counter(len(f) for (_, f), t in zip(rows, torn) if not t and f and f != [""])
    if not widths:
        return rows
    common = widths.most_common(1)[0][0]
    return [(i, [delimiter.join(f)]) if t and len(f) != common else (i, f) for (i, f), t in zip(rows, torn)]


# Delimiters no word of _KNOWN holds (a whole line, or a line's piece, read on a wrong delimiter is
# no value for them).
_WORD_BREAKS = ",;\t|"


def _quoted_delimiters_known(counts: Counter[str], delimiter: str, joined_cells: str) -> int:
    """How many more cells are known when a cell holding the delimiter itself is read with a space
    for it. Only a quote puts the delimiter inside a cell ('"New York, NY"' on ','): the writer
    quoted it because it is a value of that delimiter's table. Counted unknown like a line read
    whole, it cost the right delimiter the sample and gave it to a space, which cut every name
    of two words ("São Paulo") alike. A cell holding a line break is left alone: a quote that
    never closed swallowed the lines below it. Few cells hold their delimiter: they are tested
    one by one. `joined_cells`: the cells joined, for one look that none holds it (most samples)."""
    if delimiter not in _WORD_BREAKS or delimiter not in joined_cells:
        return 0
    return sum(n for c, n in counts.items()
               if delimiter in c and "\n" not in c and not _KNOWN.match(c.strip())
               and _KNOWN.match(c.replace(delimiter, " ").strip()))


def detect_dialect(text: str, declared: str | None = None) -> Dialect:
    """The dialect of `text` (a decoded sample starting at the beginning of a file). `declared`: the
    delimiter the file declares (Excel's `sep=` line, excel_sep.py), which stands unless the data
    clearly contradicts it (_DECLARED_SHARE)."""
    terminator = detect_line_terminator(text[:_SCORE_CHARS])
    sample = text[:_SCORE_CHARS]
    lines = sample.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and len(text) > _SCORE_CHARS:
        lines = lines[:-1]  # the last one was cut by the sample boundary
    commented = _commented_header(lines)
    lines = _without_leading_comments(lines)[:_MAX_SCORE_LINES]
    sample = "\n".join(lines)
    if not sample.strip():
        return Dialect(line_terminator=terminator)
    if (wrapped := one_quoted_field(lines)) is not None:
        return Dialect(",", wrapped[0], wrapped[1], terminator, _ONE_QUOTED_FIELD_CONFIDENCE)
    delimiter, quotechar, escapechar, skip, confidence = _best_dialect(sample, declared)
    if commented is not None and (named := _named_by(commented, lines, delimiter)) is not None:
        delimiter, quotechar, escapechar, skip = named, '"', None, False
    if declared is None and (below := _table_below(lines, delimiter)) is not None:
        delimiter, quotechar, escapechar, skip = below, '"', None, False
    if delimiter == "," and declared != "," and _number_commas_only(lines):
        delimiter = next((d for d in (declared, *_ONE_COLUMN_DELIMITERS) if d and d not in sample), delimiter)
    return Dialect(delimiter, quotechar, escapechar, terminator, confidence, skip)


# A number whole in its line's text whose commas group its thousands ("-1,184.31", "(2,500)"), or
# whose comma is its decimal mark ("-967,44", "-1.184,31", "1 184,31"). Not the end of a date or a
# time it follows ("2024-01-02,101.50", "09:30,101.5", "1/2/2024,99"): a headerless price file's
# comma, on the lines that hold one (a day with no close, a title, a footer), is its delimiter.
_COMMA_GROUPED = re.compile(r"(?<![\w,.:/-])[-+(]?\d{1,3}+(?:,\d{3})++(?:\.\d++)?\)?(?![\w,])")
_COMMA_DECIMAL = re.compile(r"(?<![\w,.:/-])[-+(]?\d{1,3}+(?:[.' \u00a0\u202f]\d{3})*+,(\d++)\)?(?![\w,])")
# Delimiters that read a one-column list as one column where a comma cuts its values, in turn
# until one the sample does not hold.
_ONE_COLUMN_DELIMITERS = ("\t", ";", "|")


# The rows a table ends a sample with, fewest, and the fields each holds, fewest.
_TABLE_BELOW_ROWS = 3
_TABLE_BELOW_FIELDS = 3
# The common delimiters that may lead or end a stripped cell: not the blanks.
_EDGE_MARKS = [d for d in COMMON_DELIMITERS if d.strip()]
# A cell that is a number or a day written in digits ("-50", "20240101", "1.258,25", "2024-01-02").
_VALUE_CELL = re.compile(r"[-+(]?\d(?:[\d.,:/' -]*\d)?\)?")


def _values_half(cells: list[str]) -> bool:
    """Whether half the filled cells at least are values (one cell filled at least)."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and 2 * sum(bool(_VALUE_CELL.fullmatch(c)) for c in filled) >= len(filled)


def _edged_cells(block: list[str], cut_block: list[list[str]], chosen: str) -> bool:
    """Whether a cell of the rows (`block`, cut at `chosen` into `cut_block`), stripped, starts or ends
    with a common delimiter. Only a mark the cells hold can: not the one they were cut at, nor a blank
    once stripped. Most rows hold none of the others, and their cells are spared the look."""
    text = "\n".join(block)
    return any(d in text for d in _EDGE_MARKS if d != chosen) and any(
        c[0] in COMMON_DELIMITERS or c[-1] in COMMON_DELIMITERS for f in cut_block for c in map(str.strip, f) if c)


def _table_below(lines: list[str], chosen: str) -> str | None:
    """The common delimiter of the table the sample ends with, where the `chosen` one reads it as no
    values: the last run of lines (three at least) that it splits each into as many fields (three at
    least), values half of them, which `chosen` splits into cells that are no values. Weighed over
    every line, a longer legend above it (KNMI's "TG = Daily mean temperature (in 0.1 degrees) / ..."
    lines, steady on " / ") outscored the rows, which alone hold the table's commas. None elsewhere."""
    block: list[str] = []
    top = len(lines)  # the index of the block's first line
    for k in range(len(lines) - 1, -1, -1):
        if lines[k].strip():
            block.insert(0, lines[k])
            top = k
        elif block:
            break
    if len(block) < _TABLE_BELOW_ROWS:
        return None
    above = lines[:top]
    # The line over the rows names them: it splits into as many fields (KNMI's "# STN,YYYYMMDD,...").
    # A footer's lines after a blank line ("High | 18.5 | 2024-01-08") have no such line over them.
    # Only a delimiter it holds twice names three fields: most samples (no blank line, nothing above
    # the last run of lines, or a title there) have none, and their rows are spared every test below.
    named = next((ln for ln in reversed(above) if ln.strip()), "")
    naming = [d for d in COMMON_DELIMITERS if d != chosen and named.count(d) + 1 >= _TABLE_BELOW_FIELDS]
    if not naming:
        return None
    def cut(line: str) -> list[str]:
        return line.split() if chosen == " " else line.split(chosen)
    cut_block = list(map(cut, block))  # each row cut once: the tests below read them by turns
    if all(map(_values_half, cut_block)):
        return None  # the chosen delimiter reads the rows' values
    # The chosen delimiter splits the rows alike, no cell led or ended by another delimiter (a
    # table of words and numbers written "12,50", which a comma would cut), or reads a table of
    # values above them (the rows are a footer after a blank line: "High | 18.5 | 2024-01-08" under
    # "2024-01-02,12.5"): they are not a table it misses. (KNMI's "  260,20240101,  -51," split
    # alike on spaces leave the commas at the cells' ends.)
    if len(set(map(len, cut_block))) == 1 < len(cut_block[0]) and not _edged_cells(block, cut_block, chosen):
        return None
    if any(len(f := cut(ln)) > 1 and _values_half(f) for ln in above):
        return None
    for d in naming:
        rows = [f for _, f in parse_rows("\n".join(block), d, '"', None)]
        widths = set(map(len, rows))
        if len(rows) == len(block) and len(widths) == 1 and widths.pop() >= _TABLE_BELOW_FIELDS \
                and all(map(_values_half, rows)) and len(named.split(d)) == len(rows[0]):
            return d
    return None


def _bare(rest: str) -> bool:
    """Whether what is left of a line without its comma numbers holds no comma and no digit: the
    line was a value, dressed at most ("$", "EUR", "Total"). Digits beside a number are another
    cell's: a date's ("2 Jan 24,102.25", "2024-01-02,101.50"), the comma between them the delimiter."""
    return not any(c == "," or c.isdigit() for c in rest)


def _number_commas_only(lines: list[str]) -> bool:
    """Whether every comma of the lines is inside a number, grouping its thousands or as its decimal
    mark (then as many decimals in each, as money is written), and some lines hold none: a
    one-column list of numbers whose writer delimited with something else ("value", "-967.44",
    "-1,184.31"). Read on the comma, the values that hold one were two cells, the rest one: once
    they outnumbered the rest, a table two wide whose header was the first value. A table's
    delimiter stands on every line (a header's names hold no such number)."""
    filled = [ln for ln in lines if ln.strip()]
    commas = [ln for ln in filled if "," in ln]
    if not 0 < len(commas) < len(filled) or any(ln.lstrip()[:1] in _QUOTES for ln in commas):
        return False  # a value quoted for its comma: the comma is the writer's delimiter
    if all(_bare(_COMMA_GROUPED.sub("", ln)) for ln in commas):
        return True
    decimals = set()
    for ln in commas:
        found = _COMMA_DECIMAL.findall(ln)
        if len(found) != ln.count(",") or not _bare(_COMMA_DECIMAL.sub("", ln)):
            return False
        decimals.update(map(len, found))
    return len(decimals) == 1


def _without_leading_comments(lines: list[str]) -> list[str]:
    """`lines` without the block of '#' comment lines (and blank lines) they start with, when at
    least two lines follow it. A metadata block of one '#' a line ("# Latitude: 38.2", ...) is as
    steady a count of '#' as any delimiter, and outvotes the data's own: the data alone says how
    the table is delimited. (Its last line may be the header, '#'-commented: that is the layout's
    to say, which sees the lines whatever dialect is chosen.)"""
    k = 0
    while k < len(lines) and (not lines[k].strip() or lines[k].lstrip().startswith("#")):
        k += 1
    if k == 0 or sum(1 for ln in lines[k:] if ln.strip()) < 2:
        return lines
    return lines[k:]


def _commented_header(lines: list[str]) -> str | None:
    """The last line of the block of '#' comment lines a sample starts with, without its '#'s,
    where it touches the first line below the block: a commented header ("#CHROM<tab>POS<tab>ID"
    of a VCF under its "##" metadata, "#chrom<tab>start<tab>end" of a BED file)."""
    k = 0
    while k < len(lines) and lines[k].lstrip().startswith("#"):
        k += 1
    if k == 0 or k >= len(lines) or not lines[k].strip():
        return None
    return lines[k - 1].lstrip().lstrip("#")


# Delimiters a commented header may name its columns by, where the data's cells hold another mark
# more often ("GT:AD:DP" and "0/1:0,660:660" in a VCF's tab-separated rows read as more columns on ':').
# The tab alone: prose comments hold no tabs, but commas and semicolons ("# Generated, by tool, v2"
# over rows of decimal commas "1,5;2,5;3,5" would have turned the file to ',').
_HEADER_DELIMITERS = ("\t",)


def _named_by(header: str, lines: list[str], chosen: str) -> str | None:
    """The delimiter other than `chosen` by which the commented `header` names as many columns
    (three or more) as every row below it holds, where `chosen` cuts the header otherwise than the
    rows: the header is the writer's word on the table's shape. None where no such delimiter is."""
    rows = [ln for ln in lines[:_MAX_SCORE_LINES] if ln.strip()]
    if not rows or '"' in header:
        return None
    width = header.count(chosen) + 1
    if all(ln.count(chosen) + 1 == width for ln in rows):
        return None  # the chosen delimiter reads the header as it reads the rows
    for d in _HEADER_DELIMITERS:
        n = header.count(d) + 1
        # A quote inside a cell the tab cuts ('a;"x<tab>y"') opens a cell of the chosen delimiter's:
        # its tabs are that cell's text, no columns. Nor does a row the tab leaves whole, its other
        # cells empty (stray tabs ending "2024-01-02,10.7,1200<tab><tab>"): read on the tab, the file
        # had one column of whole lines, "no date column".
        if d != chosen and n >= 3 and all(len(f) == n and not any('"' in c for c in f)
                                          and sum(1 for c in f if c.strip()) >= 2
                                          for _, f in parse_rows("\n".join(rows), d, '"', None)):
            return d
    return None


# Lines of an aligned table hold runs of spaces; a share of them that a stray double space in a
# name ("Fly  Rod") or a padded preamble line does not reach, and a table below a preamble does.
_ALIGNED_SHARE = 1 / 3


def _aligned(lines: list[str]) -> bool:
    """Whether the lines look like columns aligned with spaces (a fixed-width text table), which a
    space delimiter reads only with its runs merged: many of them hold a run of spaces or start
    with a space."""
    filled = [ln for ln in lines if ln.strip()]
    runs = sum(map(contains, filled, repeat("  "))) + sum(1 for ln in filled if ln[0] == " " and "  " not in ln)
    return runs >= _ALIGNED_SHARE * len(filled) > 0


def _a_table(rows: list[tuple[int, list[str]]]) -> bool:
    """Whether one width of two fields or more holds at least _TABLE_SHARE of the non-blank records:
    a table, whatever preamble or ragged rows are about it."""
    filled = [len(f) for _, f in rows if f and f != [""]]
    widths = Counter(n for n in filled if n > 1)
    return bool(widths) and widths.most_common(1)[0][1] >= _TABLE_SHARE * len(filled)


def _as_read(sample: str, dialect: tuple[str, str | None, str | None, bool], rows: list) -> list:
    """The records of `sample` as `dialect` reads them, `rows` its reading without skipped spaces: a
    space-aligned table is read with its runs of spaces merged. Split at every space, its rows are
    of as many widths as its values are long ("10.5" and "10.75" padded to one column), and no table."""
    d, q, e, skip = dialect
    return parse_rows(sample, d, q, e, skipinitialspace=True) if skip else rows


def _trimmed(rows: list[tuple[int, list[str]]]) -> list[list[str]]:
    return [[c.strip() for c in f] for _, f in rows]


def _spaced_quotes(sample: str, quotes: list[str | None]) -> set[tuple[str, str]]:
    """(character, quote) pairs where spaces stand between that character and the quote: the
    delimiters after which a dialect that skips initial spaces may open a quoted cell. Most samples
    hold no space before a quote, and the scan is spared."""
    qs = "".join(q for q in quotes if q and " " + q in sample)
    if not qs:
        return set()
    return set(re.findall(f"([^ ]) +([{re.escape(qs)}])", sample))


def _escapes_explained(plain: list[tuple[int, list[str]]], escaped: list[tuple[int, list[str]]],
                       pair: str) -> bool:
    """Whether reading with the escape character leaves fewer cells scarred by it than reading
    without: the two may split every row alike ('"said \\"hi\\" twice"' is one cell either way), and
    tie, but only the escaped reading takes the quotes as text. A cell is scarred when it holds the
    escape before a quote (`pair`, '\\"'), or holds the escape and ends in a quote: read without
    the escape, the quote after it closes the cell, and what follows is run on with the closing
    quote ("'Côte d\\'Ivoire'" read "Côte d\\Ivoire'"), the pair no longer in the cell."""
    e, q = pair[0], pair[1]

    def held(rows):
        return sum(pair in c or (e in c and c.endswith(q)) for _, f in rows for c in f)
    n = held(plain)
    return n > 0 and held(escaped) < n


# A declared delimiter (Excel's `sep=` line) stands unless the data clearly contradicts it: another
# delimiter reads the sample more than three times as well, and reads it as a table, half its lines
# or more of one width of two fields or more (_a_table). That is the declared delimiter splitting no
# line ("sep=;" over a table of ',', a pattern score of a hundredth or none), or splitting values in
# pieces no value pattern knows ("sep=," over "02.01.2024;10,5;100": their decimal commas). A near
# call is the writer's to make: scores within a factor of three are readings the data does not tell
# apart (a space after each tab, "Datum\t Hoch\t", read on the space scored twice the tab). Nor is a
# one-column list (city names, "Paris, FR" quoted) a table of spaces for the names that hold one
# here and there: their widths vary, and most lines are one word.
_DECLARED_SHARE = 1 / 3
_TABLE_SHARE = 0.5
# The confidence of a declared delimiter that stands where another scored better: enough for the first
# look at a file to settle it (settled.MIN_DIALECT_CONFIDENCE), as a larger sample would not unsay it.
_DECLARED_CONFIDENCE = 0.5


# The quick look at a file and the larger sample that may follow it mostly score the same first
# lines: the second scoring is then free.
@lru_cache(maxsize=8)
def _best_dialect(sample: str, declared: str | None = None) -> tuple[str, str | None, str | None, bool, float]:
    """(delimiter, quote, escape, skipinitialspace, confidence) that score best on `sample` (lines
    joined by \\n); the best of the `declared` delimiter's where it stands (_DECLARED_SHARE)."""
    # Nothing below tells one digit from another (no candidate delimiter, quote or escape is a
    # digit; the value patterns know only \d): the sample is read in its digit shape (shapes.py),
    # in which a column of prices repeats a handful of cells, each scored once (_known_count).
    sample = shape_of(sample)
    lines = sample.split("\n")
    delimiters = _candidate_delimiters([ln for ln in lines if ln.strip()])
    if declared is not None and declared not in delimiters:
        delimiters.append(declared)
    quotes: list[str | None] = [q for q in _QUOTES if q in sample] or ['"']
    present = "".join(q for q in quotes if q)  # the quote characters the sample holds
    if '"' not in quotes:
        quotes.insert(0, '"')
    # Without any quote character in the sample, QUOTE_NONE parses exactly as '"' does, and would
    # only tie with it (ties go to the earlier candidate): no need to score it.
    if any(q in sample for q in quotes):
        quotes.append(None)
    escapes: list[str | None] = [None]
    if "\\" in sample:
        escapes.append("\\")
    # Skipping initial spaces is tried only for a delimiter and quote with spaces between them
    # somewhere ('1, "a"'), and kept only where the quotes it opens change the cells: elsewhere it
    # changes nothing the reading keeps (cells are trimmed) but the reader (the csv module's, slower).
    spaced = _spaced_quotes(sample, quotes)
    aligned = " " in delimiters and _aligned(lines)

    best: tuple[float, int] | None = None
    best_dialect: tuple[str, str | None, str | None, bool] = (",", '"', None, False)
    best_rows: list = []
    scores: list[float] = []
    rank = 0
    held = None  # the declared delimiter's best: (best, best_dialect, best_rows) as they stood after it
    for d in delimiters:
        if d == declared and best is not None:
            # Its readings compete among themselves first, then with the rest (below).
            outer: tuple | None = (best, best_dialect, best_rows)
            best, best_dialect, best_rows = None, (",", '"', None, False), []
        else:
            outer = None
        # The quote (and escape) variants of a delimiter often read the sample alike (an
        # apostrophe in a name, a quote no field opens with): the same rows, the same score.
        scored: list[tuple[list, float]] = []
        for q in quotes:
            for e in escapes:
                if e is not None and not re.search(re.escape(e) + "[" + re.escape(d + (q or "")) + "]", sample):
                    continue  # an escape char that never escapes anything changes nothing
                rows = parse_rows(sample, d, q, e)
                # Runs of spaces are padding, not empty cells: read without merging them, a
                # space-aligned table ("2020-01-02   10.50") is cells of nothing, as steady a
                # count as its values when every row is padded alike. Its blank cells are no
                # known value there; merged, its values are the cells. Where the runs do stand
                # for empty cells (a missing value between single spaces, "1 2  4"), the merged
                # reading's field counts vary and it loses.
                padded = d == " " and aligned
                score = next((s for r, s in scored if r == rows), None)
                if score is None:
                    score = _score(rows, d, aligned=padded, unread=present.replace(q or "", ""))
                    scored.append((rows, score))
                skip = False
                if padded:
                    skipped = _score(parse_rows(sample, d, q, e, skipinitialspace=True), d, aligned=True,
                                     unread=present.replace(q or "", ""), lines=lines)
                    if skipped > score * (1 + 1e-9) + 1e-12:
                        score, skip = skipped, True
                elif (d, q) in spaced and d != " ":  # a space delimiter: see above
                    skip_rows = parse_rows(sample, d, q, e, skipinitialspace=True)
                    skipped = _score(skip_rows, d, unread=present.replace(q or "", ""))
                    # A tie where the cells differ beyond their blanks: the quotes opened cells that
                    # are no more known for it ('1, "say ""hi"""'), and kept, they stay in the values.
                    if skipped > score * (1 + 1e-9) + 1e-12 or (
                            skipped >= score * (1 - 1e-9) and _trimmed(skip_rows) != _trimmed(rows)):
                        score, skip = max(score, skipped), True
                scores.append(score)
                rank += 1
                if best is None or score > best[0] * (1 + 1e-9) + 1e-12 or (
                        e is not None and q is not None and best_dialect == (d, q, None, skip)
                        and score >= best[0] * (1 - 1e-9) and _escapes_explained(best_rows, rows, e + q)):
                    best = (score, rank)
                    best_dialect = (d, q, e, skip)
                    best_rows = rows
        if d == declared:
            held = (best, best_dialect, best_rows)
            if outer is not None and (best is None or best[0] <= outer[0][0] * (1 + 1e-9) + 1e-12):
                best, best_dialect, best_rows = outer  # as in one loop: the earlier stands unless beaten
    stands = (held is not None and held[0] is not None and best is not None and held[1][0] != best_dialect[0]
              and (held[0][0] >= _DECLARED_SHARE * best[0] or not _a_table(_as_read(sample, best_dialect, best_rows))))
    if stands:
        # The declared delimiter stands against a reading that scores up to three times as well, or
        # reads no table: the writer's word settles a call the data leaves open.
        best, best_dialect, best_rows = held
    d, q, e, skip = best_dialect
    if e is None and escapes_as_a_dump(sample, d, q):
        # A database's text dump (its NULLs written "\N"): backslashes escape there, though none
        # escaped a delimiter in the sample, as in PostgreSQL's, which writes a tab as "\t". Read
        # without the escape, "\\" stayed two backslashes and "\t" a backslash and a "t". Unless
        # the escape splits the rows otherwise: a backslash ending a cell is then text (a path).
        def counts(escape: str | None) -> list[int]:
            return [len(f) for _, f in parse_rows(sample, d, q, escape, skipinitialspace=skip)]
        if counts("\\") == counts(None):
            best_dialect = (d, q, "\\", skip)
    top = best[0] if best else 0.0
    runner_up = max((s for s in scores if s < top * (1 - 1e-9)), default=0.0)
    confidence = round(1.0 - runner_up / top, 3) if top > 0 else 0.0
    if stands:
        confidence = _DECLARED_CONFIDENCE  # scored below another reading: the declaration's word alone
    return (*best_dialect, confidence)
