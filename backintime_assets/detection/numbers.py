"""Recognise numbers written with any decimal mark and digit grouping, and decide both for a file."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress, product
from operator import methodcaller
from typing import NamedTuple

from .currencies import CODE_BY_A_DIGIT, CURRENCY_CODE_RE, LOCAL_UNIT_AFTER, LOCAL_UNIT_BEFORE, RAND, RUPIAH
from .currency_custom import (comma_by_currency, comma_parts_thousandths, commas_group_by_currency, dot_by_currency,
                              dots_group_by_currency)
from .joined import SEP, joined, joined_regex
from .shapes import hits_of_shapes, joined_shapes, shape_of

# Spreadsheet and export conventions for "no value". Compared lower-cased and stripped. ".." is
# the "not available" of the World Bank, OECD, ABS and Statistics Canada tables, ":" Eurostat's.
# "\N" is the NULL of MySQL and PostgreSQL text dumps (null_marker.py); lower-cased it is "\n",
# an escaped line break alone in its cell, no value either. "#N/A N/A" is what a Bloomberg BDH
# sheet fills a security's missing days with: read as a name, a first row of it joined the header.
NULL_TOKENS = frozenset(
    {"", "na", "n/a", "n.a.", "nan", "null", "none", "nil", "-", "--", "---", "#n/a", "#n/a n/a", "n/d", ".",
     "..", "...", ":", "\\n",  # "...": a figure due later (Destatis' GENESIS, Statistics Canada)
     "\u2014", "\u2013",  # an em or en dash for "none", as typesetting writes a hyphen's "-"
     "\u2026"}  # "...", typeset as one character: the World Bank's Pink Sheet before a series starts
)
# Every spelling whose lower case is a null token ("NA", "Null", ...): a set lookup per cell
# instead of lower-casing each one. No other string lower-cases to a token: the one non-ASCII
# character whose lower case is an ASCII letter is the Kelvin sign, and no token holds a "k".
NULL_SPELLINGS = frozenset(
    "".join(chars) for t in NULL_TOKENS for chars in product(*({c, c.upper()} for c in t))
)

# A formula's error as spreadsheets write it into an export ("#DIV/0!", "#VALUE!"; Bloomberg's
# "#N/A Field Not Applicable"), and an infinity as numpy, pandas, R and Java print one: no value
# of any type, as a null is none. Typing a column by its other cells, a close of prices with a
# few of them is a column of prices (each such row rejected, "unparseable value"); typed as text
# by them, its column went unmapped: an open filled from the close, a volume lost, a ticker's
# closes left out of a wide table, all without a word.
ERROR_CELLS = frozenset(
    {"#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
     "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA", "#N/A Field Not Applicable", "#N/A Invalid Security",
     "#N/A Requesting Data...", "#N/A Not Found"}
    | {sign + word for sign in ("", "-", "+") for word in ("inf", "Inf", "INF", "Infinity", "infinity", "INFINITY")}
)

GROUP_SEPARATORS = (",", ".", " ", "\u00a0", "\u202f", "'", "\u2019")

# At least one digit among digits and marks.
_CANDIDATE = re.compile(r"^(?=.{1,40}$)[+-]?[.,' \u00a0\u202f\u2019]*\d[\d.,' \u00a0\u202f\u2019]*$")
_CANDIDATE_CELLS = joined_regex(  # _CANDIDATE over NUL-joined cells (joined.py)
    f"(?=[^{SEP}]{{1,40}}{SEP})" + _CANDIDATE.pattern[len("^(?=.{1,40}$)"):-1])
_UNGROUPED = re.compile(r"^[+-]?\d{5,}$")  # among candidates: what lstrip("+-").isdigit() with 5+ chars is
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?P<t>[,. \u00a0\u202f'\u2019])\d{3}(?:(?P=t)\d{3})*(?P<rest>[.,]\d+)?$")
_ONE_MARK = re.compile(r"^[+-]?\d*(?P<m>[.,])(?P<frac>\d+)$")
# IPv4 addresses whose last three octets have three digits ("192.168.100.107") have the shape of an
# integer grouped by dots: they must not vote for "." grouping (and "," as decimal mark).
_DOTTED_QUAD = re.compile(r"^0{1,3}\.000\.000\.000$")
IPV4 = re.compile(r"^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$")
# "0,537", "-0.250": no grouped thousand starts with a 0. Written in money or as a share too ("0.985 kr",
# "€ 0.985", "kr. 0,985", "-0.321%"): seen bare only, a coin's "1.012 kr" crossing one beside "0.985 kr" had
# been read as grouped by its currency's custom (currency_custom.py), 1012 and 985.
_MARK_WORD = r"[^\d\s.,+\-]{1,4}\.?"  # "kr.", "€", "руб.", "%", "US$": a few signs or letters, no digit
_BELOW_ONE = {m: re.compile(rf"^\s*[+-]?\s?(?:{_MARK_WORD}\s?)?[+-]?0{re.escape(m)}\d{{3}}(?:\s?{_MARK_WORD})?\s*$")
              for m in ",."}
# A date written day first with dots ("05.10.2021", "5.10.2021 10:00", "05.10.21"), alone at the start of
# its cell. Its year in two digits too: the same custom's short form (German banks' "Buchungstag"), and
# left out, a tab file of such dates read its "2,821" prices as thousands, silently.
_DOTTED_DAY_FIRST = re.compile(r"^\s*(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:(?:1[89]|20)\d\d|\d\d)(?![\d.,])")
# A date written year first: "1999-01-12" (ISO 8601), "2024/01/02" (Japan, China, Taiwan), "2024.01.02"
# (Korea, Hungary). No custom that groups thousands with a dot writes its dates so.
_YEAR_FIRST = re.compile(r"^\s*(?:1[89]|20)\d\d([-/.])\d{1,2}\1\d{1,2}(?![\d.,])")
# A date written otherwise: year first ("2021-10-05", "2021.10.05"), or with slashes or dashes ("10/05/2021").
_OTHER_DATE = re.compile(r"^\s*(?:(?:1[89]|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4})(?![\d.,])")


# Every currency sign (Unicode's category Sc: "$", "€", "₹", "₩", "₺", "₽", ...). Excel saves a cell as
# shown, in its locale's currency format; with "$€£¥" alone, an Indian or Turkish file's prices were text.
# Not the signs of a unit's fraction (SUBUNIT_SIGNS): "25¢" is $0.25, read as 25 it loaded a hundred
# times the price; such a cell stays text, to be rejected.
CURRENCY_SYMBOLS = (  # written out: computed from unicodedata, they cost every import 13 ms
    "$\xa3\xa4\xa5\u058f\u060b\u07fe\u07ff\u09f2\u09f3\u0af1\u0bf9\u0e3f\u17db\u20a0\u20a1"
    "\u20a2\u20a3\u20a4\u20a6\u20a7\u20a8\u20a9\u20aa\u20ab\u20ac\u20ad\u20ae\u20af\u20b1"
    "\u20b2\u20b3\u20b4\u20b5\u20b6\u20b7\u20b8\u20b9\u20ba\u20bb\u20bc\u20bd\u20be\u20bf\u20c0\ua838"
    "\ufdfc\ufe69\uff04\uffe1\uffe5\uffe6"
)
# The cent "¢" and its fullwidth "￠", the mill "₥" (a thousandth of a dollar), the German penny "₰",
# the Bengali ganda "৻" (a sixteenth of an anna).
SUBUNIT_SIGNS = "\xa2\u09fb\u20a5\u20b0\uffe0"
# A regex class of any one of them.
CURRENCY_SIGN = f"[{re.escape(CURRENCY_SYMBOLS)}]"
_MARKS = CURRENCY_SYMBOLS + "%"
_ANY_MARK = re.compile(f"[{re.escape(_MARKS)}]")
_STRIP_MARKS = methodcaller("strip", _MARKS)
# The vote reads the first _VOTING_CELLS numeric cells. A file of several tickers one after another
# can hold its grouped numbers only after them ("138.25" and "0.000490" for 400 cells, then
# "$259,256.29"): one scan of the rest finds such a number, grouped by another mark than the decimal
# (_later_grouping). Only what is no other reading: both marks, or the grouping mark twice.
_VOTING_CELLS = 400
# Signs, blanks, percent and words of up to three letters ("EUR", "kr.", "руб.", "S/": a dot or slash may end them).
_AROUND = rf"(?:[+-]|\s|[^\W\d_]{{1,3}}[./]?|{CURRENCY_SIGN}|%)"
_LATER_GROUPED = re.compile(
    rf"{SEP}{_AROUND}{{0,4}}\d{{1,3}}(?P<t>[,. \u00a0\u202f'\u2019])\d{{3}}(?P<again>(?:(?P=t)\d{{3}})*)"
    rf"(?P<d>[.,]\d+)?{_AROUND}{{0,4}}(?={SEP})")
# A currency mark after the sign ("- $12.00", "+ $1,150.00": payment-app exports) goes, as it does
# for the type votes (columns.CURRENCY_MARKS): "+ $1,150.00" votes for its grouping as "$1,150.00"
# does. Looked for in the joined cells first: few files have one.
_SIGNED_MARK = re.compile(rf"{SEP}\s*[+-]\s?[{re.escape(_MARKS)}]")
_SIGNED_MARK_CELL = re.compile(rf"^([+-])\s?[{re.escape(_MARKS)}]\s?")
# A dollar written with its country's letters ("R$ 36,50" in Brazil, "US$12.50", "HK$ 1,080.00"):
# the letters go with the mark, and the number votes as "$36,50" does. Else the cell was a word, and
# a file of reais, voting nothing, read "36,50" with a decimal dot: every price text.
_LETTERED_DOLLAR = re.compile(r"\$(?<=[A-Z]\$)")  # the literal first: a search jumps between dollar signs
_LETTERED_DOLLAR_CELL = re.compile(r"^([+-]?\s?)[A-Z]{1,3}(?=\$)")
# An ISO code written for the sign ("CHF 1'234.50", "12,50 EUR": Excel's currency formats), as
# columns.CURRENCY_MARKS reads it: it goes, and the number votes as "€12,50" does. Else the cell was
# a word, and a Swiss file, voting nothing, read "1'234.50" as text: every price, the file refused.
# So does a local abbreviation for the sign ("12,50 kr", "kr. 1.234,50", "1 234 Ft": currencies.py): read
# as a word, a Swedish file of "12,50 kr" voted nothing, read its decimal comma as a dot, and every price
# was text. Looked for in the joined cells first, by the mark's shape (CODE_BY_A_DIGIT): few files have one.
_CODE_CELL = re.compile(rf"^([+-]?\s?)(?:{CURRENCY_CODE_RE}|{LOCAL_UNIT_BEFORE}|{RUPIAH}|{RAND})\s?(?=[\d.])"
                        rf"|(?<=\d)\s?(?:{CURRENCY_CODE_RE}|{LOCAL_UNIT_AFTER})$")
# A number in scientific notation ("7,08E-07", "1.5e+03": Excel's Scientific format, R and numpy
# output): its mantissa votes, as "7,08" does. Else the cell was no candidate, and a European file
# of such numbers, voting nothing, read its decimal comma as a dot: every value text. Written to open
# on the 'e', the digit before it looked behind: opening on \d, the scan tried every character of the
# cells as a Unicode digit (4-5x slower, some 1% of detecting a file).
_EXPONENT = re.compile(rf"[eE](?<=\d[eE])[+-]?\d{{1,3}}(?={SEP})")
_EXPONENT_CELL = re.compile(r"^(\s*[+-]?\d+[.,]?\d*)[eE][+-]?\d{1,3}\s*$")
# A cell with blanks at either end, in NUL-joined cells. Written to open on the NUL, a literal the
# scan jumps between in C: opening on \s, every character of the cells would be tried.
_PADDED = re.compile(rf"{SEP}(?:\s|(?<=\s{SEP}))")
# A minus written after the number ("1.234,56-", "345,00-": SAP's lists, DATEV, DTAUS and other ERP
# and bank exports; columns.TRAILING_MINUS): it goes, and the number votes as "-345,00" does. Else
# the cell was no candidate, and a file whose amounts all carry one voted nothing: its decimal
# comma was read as a dot, every amount text.
_MINUS_AFTER = re.compile(rf"-(?<=\d-)(?={SEP})")  # the literal first: a search jumps between minus signs


def written_places(cell: str) -> int:
    """Digits after the last "." or "," of a number as written (its decimals, or a group of three)."""
    digits = cell.strip().rstrip("%")
    cut = max(digits.rfind("."), digits.rfind(","))
    return len(digits) - cut - 1 if cut >= 0 and digits[cut + 1:].isdigit() else 0


def _has_mark(text: str) -> bool:
    """A currency sign or a percent sign in the text. An ASCII text (CPython knows it without a
    scan) can hold only "$" and "%": two searches in C, where the class of every sign costs more."""
    if text.isascii():
        return "$" in text or "%" in text
    return _ANY_MARK.search(text) is not None


def is_null(value: str) -> bool:
    return value.strip().lower() in NULL_TOKENS


def _plain_cells(text: str, cell_shapes: list[str] | None = None) -> bool:
    """Whether no cell of `text` (joined.py) holds what _candidate_shapes takes off before the vote:
    a code or unit by its number, a currency or percent sign, a blank at either end, an exponent, a
    minus after the number. Each search looks into one cell at a time (no NUL in any of their
    classes) and treats every digit alike: asked of each distinct digit shape once (shapes.py), as a
    chunk of a daily file's cells repeats a few dozen (a date, prices, volumes; tickers aside). Over
    every cell, the searches were ~3% of detecting a drifted daily file. `cell_shapes`: the
    joined_shapes of `text`, where the caller has them."""
    if _has_mark(text):
        return False
    shapes = joined(list(set(joined_shapes(text) if cell_shapes is None else cell_shapes)))
    return shapes is not None and not (CODE_BY_A_DIGIT.search(shapes) or _PADDED.search(shapes)
                                       or _EXPONENT.search(shapes) or _MINUS_AFTER.search(shapes))


def _unmarked_cells(part: list[str], text: str | None,
                    mantissas: Counter[str] | None) -> tuple[list[str], str | None]:
    """`part` (`text`, its cells joined) without the marks, blanks, exponents and minus signs after
    the number that _candidate_shapes takes off, and their joined text (None: a NUL inside a cell)."""
    if text is not None and CODE_BY_A_DIGIT.search(text):
        part = [_CODE_CELL.sub(r"\1", c.strip()) for c in part]
        text = joined(part)
    if text is not None and _has_mark(text):
        part = list(map(str.strip, part))
        if _LETTERED_DOLLAR.search(text):
            part = [_LETTERED_DOLLAR_CELL.sub(r"\1", c) for c in part]
            text = joined(part)
        if _SIGNED_MARK.search(text):
            part = [_SIGNED_MARK_CELL.sub(r"\1", c) for c in part]
        part = list(map(str.strip, map(_STRIP_MARKS, part)))
        text = joined(part)
    elif text is not None and _PADDED.search(text):
        part = list(map(str.strip, part))  # without marks the second and third strip change nothing
        text = joined(part)
    if text is not None and _EXPONENT.search(text):
        part = [_EXPONENT_CELL.sub(r"\1", c) for c in part]
        if mantissas is not None:  # their decimal marks, counted (detect_number_format)
            mantissas.update(m.group("m") for c in part if (m := _ONE_MARK.match(c.strip())))
        text = joined(part)
    if text is not None and _MINUS_AFTER.search(text):
        part = [c[:-1] if c[-2:-1].isdigit() and c.endswith("-") else c for c in part]
        text = joined(part)
    return part, text


def _candidate_shapes(cells: list[str], limit: int, chunk: int = 200,
                      mantissas: Counter[str] | None = None) -> list[str]:
    """The digit shapes (shapes.py) of the first `limit` cells that look numeric, "$1,075.09" and
    "12,5 %" voting like plain numbers (marks and blanks around them stripped). A chunk of cells at
    a time until enough are found; in each, every distinct shape is tested once, in one scan
    (joined.py): the test, like every vote in detect_number_format, treats all digits alike."""
    found: list[str] = []
    for start in range(0, len(cells), chunk):
        part = cells[start:start + chunk]
        text = joined(part)
        # The chunk's shapes, taken once for the test that it is plain and for the vote's cells.
        shapes = joined_shapes(text) if text is not None else None
        if text is not None and not _plain_cells(text, shapes):
            part, text = _unmarked_cells(part, text, mantissas)
            shapes = joined_shapes(text) if text is not None else None
        if shapes is None:  # a NUL inside a cell: cell by cell
            stripped = (_STRIP_MARKS(_SIGNED_MARK_CELL.sub(r"\1", _LETTERED_DOLLAR_CELL.sub(r"\1", c.strip()))).strip()
                        for c in part)
            found.extend(map(shape_of, filter(_CANDIDATE.match, stripped)))
        else:
            found.extend(compress(*hits_of_shapes(shapes, _CANDIDATE_CELLS)))
        if len(found) >= limit:
            break
    return found[:limit]


# Of a comma-separated file's numeric cells, fewer than one in _LIST_SHARE written "12,5" (quoted, and
# no "1.234,5") are lists in their cells, not the file's decimal commas.
_LIST_SHARE = 10
_PRICED_GROUPS = 2  # cells grouped before a fraction that make their mark the file's (not a stray one)


class NumberMarks(NamedTuple):
    """A file's number format as voted (detect_number_marks)."""
    decimal: str
    thousands: str | None
    # Whether the vote settled the marks: False where no number of the sample wrote a mark at all (whole
    # prices, volumes ungrouped) and nothing else of the file says its custom (marks_unsettled).
    seen: bool = True
    # Whether every marked number read either way ("4,537" and "4.537" alone) and a custom decided them (the
    # delimiter's, the dates'), or left them in doubt: no number of the sample proved them. A sibling file of
    # the same layout whose numbers prove them may settle them (ingestion/sibling_marks.py).
    guessed: bool = False


def detect_number_format(cells: Iterable[str], delimiter: str | None = None,
                         typed: bool = False) -> tuple[str, str | None]:
    """(decimal mark, thousands separator or None) voted by the numeric-looking cells of a file
    (detect_number_marks)."""
    marks = detect_number_marks(cells, delimiter, typed)
    return marks.decimal, marks.thousands


def detect_number_marks(cells: Iterable[str], delimiter: str | None = None, typed: bool = False) -> NumberMarks:
    """The decimal mark, thousands separator or None, and whether they were seen, voted by the
    numeric-looking cells of a file.

    Unambiguous evidence wins: "1.234,5" means decimal ',' and grouping '.', "12,5" means decimal ','.
    "1,234" alone (one mark followed by exactly three digits) could be either and only counts when
    nothing else decides: then the file's `delimiter` does (_ambiguous_reading). `typed`: the cells
    are a workbook's, its numbers typed and written by the program with a decimal dot (xlsx.cell_text),
    so no custom of its dates casts doubt on a "4.537"."""
    # Every test below treats all digits alike: each digit shape (shapes.py) is looked at once and
    # weighs as often as it occurs ("1,234.50" and "9,876.25" vote alike). Shapes are taken in the
    # order of their first cell, where ties between votes go to the earliest.
    cells = cells if isinstance(cells, list) else list(cells)
    mantissas: Counter[str] = Counter()  # the decimal mark of each mantissa ("2.27" of "2.27E+06")
    shapes = _candidate_shapes(cells, _VOTING_CELLS, mantissas=mantissas)
    # Marks in the order of their first vote: most_common keeps it among equal counts.
    decimal_votes: Counter[str] = Counter()
    group_votes: Counter[str] = Counter()
    ambiguous: Counter[str] = Counter()
    ungrouped = 0
    addresses = None
    before_decimal: Counter[str] = Counter()  # marks grouping a number with a fraction ("1'185.64")
    lone_marks: Counter[str] = Counter()  # the one mark of a number without grouping ("12,5")
    lone_shapes: list[str] = []  # their shapes
    widest_priced: dict[str, int] = {}  # per such mark, the most digits before its fraction
    whole_widths: dict[str, Counter[int]] = {}  # per mark, its whole numbers' cells by their digits
    twice: Counter[str] = Counter()  # marks grouping a whole number twice ("3.291.843")
    for shape, n in Counter(shapes).items():  # a Counter keeps the order of first occurrence
        m = _GROUPED.match(shape)
        if m is not None and _DOTTED_QUAD.match(shape):
            addresses = _addresses(cells) if addresses is None else addresses
            if addresses:
                continue
        if m is not None:
            t, rest = m.group("t"), m.group("rest")
            if rest:
                if rest[0] != t:
                    decimal_votes[rest[0]] += n
                    group_votes[t] += n
                    before_decimal[t] += n
                    width = len(shape) - len(rest) - shape.count(t) - (shape[0] in "+-")
                    widest_priced[t] = max(widest_priced.get(t, 0), width)
            else:
                width = len(shape) - shape.count(t) - (shape[0] in "+-")
                whole_widths.setdefault(t, Counter())[width] += n
                if shape.count(t) > 1 or t not in ",.":
                    # "1,234,567" or "1 234": a mark used twice, or a space, can only be grouping.
                    group_votes[t] += n
                    twice[t] += n
                else:
                    ambiguous[t] += n
        elif _INDIAN.match(shape):  # "55,09,326": ',' can only group, and '.' is the decimal mark
            group_votes[","] += n
            if "." in shape:
                decimal_votes["."] += n
        elif (one := _ONE_MARK.match(shape)) is not None:
            decimal_votes[one.group("m")] += n
            lone_marks[one.group("m")] += n
            lone_shapes.append(shape)
        elif _UNGROUPED.match(shape):
            # Integers of five or more digits (not a year) written without grouping (neither
            # regex above matches them).
            ungrouped += n
    doubt = False
    seen = True
    guessed = False
    # A mantissa ("2.27E+06") is a weaker vote than a grouping: a mark that groups numbers of the sample
    # ("3.291.843", "1.234,50") is no decimal mark of a cell or two written in another locale. Counted,
    # a quarter of such volumes made a German file's dot its decimal: "1.500" loaded as 1.5.
    for mark, n in mantissas.items():
        if twice[mark] or before_decimal[mark]:
            decimal_votes[mark] -= min(n, decimal_votes[mark])
    decimal_votes = +decimal_votes
    if decimal_votes:
        decimal = decimal_votes.most_common(1)[0][0]
        if decimal == delimiter == "," and lone_marks[","] == decimal_votes[","] \
                and _LIST_SHARE * (lone_marks[","] + (0 if group_votes[","] else ambiguous[","])) < len(shapes) \
                and len(shapes) >= _LIST_SHARE * _LIST_SHARE and _like_items(lone_shapes):
            # "2,2" quoted in a comma-separated file among whole numbers: a list in a cell (ISO 4217's
            # minor units of Bhutan's two currencies, "356,064" their codes), not a decimal comma. Read
            # as one, the file's decimal was the comma: "2,2" loaded as 2.2, and any "12.5" was text. A
            # file whose writer quotes its decimal commas (a spreadsheet's export in a comma-decimal
            # locale) writes them in most of its numbers. Not where "1,234" cells vote with them (and no
            # "1,234,567" shows the comma grouping): prices of three decimals ("15,234"; General format
            # drops the zero of "15,230", so a tenth of them show fewer) had their decimal read as
            # grouping, 1000x. Not where a comma parts a number's digits unlike a list's items
            # ("2345,5", a yen price's half among whole ones, had its rows rejected), nor of a short
            # file's few cells.
            decimal = "."
    elif group_votes.get(".", 0) > group_votes.get(",", 0):
        decimal = ","
    elif ambiguous:
        mark = ambiguous.most_common(1)[0][0]
        if any(map(_BELOW_ONE[mark].match, cells)):
            decimal = mark  # "0,537": no grouped number starts with a zero (a test of the digits themselves)
        elif group_votes and mark not in group_votes:
            decimal = mark  # the file groups with another mark ("1 234 567"): this one is the decimal
        elif mark == "." and "," not in ambiguous and dots_group_by_currency(cells, ambiguous["."]):
            # "1.234 kr.", "kr 1.234", "1.234 lei", "€ 1.234", "Rp 12.500": money written as only the
            # customs of a decimal comma that group with a dot write it (currency_custom.py) groups its
            # thousands with the dot, whatever the delimiter and the dates say. A Danish ';' file of whole
            # crowns dated year first had been in doubt (below), every row rejected; split by ',' or a
            # tab, its "1.234 kr" loaded as 1.234.
            decimal = ","
        elif mark == "," and "." not in ambiguous and commas_group_by_currency(cells, ambiguous[","]):
            # "Rp 12,500", "IDR 12,500" (an English export's rupiah): a currency written whole groups its
            # thousands with the comma, whatever the delimiter and the dates say. Beside a volume written
            # ungrouped ("1234567") in a tab file, the comma was in doubt and every price text: refused.
            decimal = "."
        elif mark == "," and "." not in ambiguous and mark not in group_votes \
                and _dates_written_day_first_dotted(cells):
            # "05.10.2021" beside "15,883": dates written day first with dots are the custom of the
            # countries that write the comma as the decimal mark (Germany, Central and Eastern
            # Europe, Russia, Turkey, the Nordics); those grouping with a comma write their dates
            # with slashes, dashes or year first ("2021.10.05"). Not the Swiss, who write them with
            # a decimal dot: the dot's reading is in doubt (below). A weaker hint than those above, it
            # yields to each of them: "1,234,567" proves the comma a grouping; a "12.345" beside
            # "1,234" is the same doubt either way round; a dotted date in a note beside the file's
            # ISO dates is not the file's custom (each read as the others would 1000x off, silently).
            # A "4,537" quoted in a comma-separated file is a spreadsheet's grouped number by the
            # delimiter's custom and a decimal by the dates': in doubt, read as neither.
            decimal, doubt = (".", True) if mark == delimiter else (mark, False)
            guessed = True
        elif mark == "." and "," not in ambiguous and delimiter != ";" and not ungrouped and not typed \
                and _dates_written_day_first_dotted(cells):
            # "118.894" beside "30.04.2021": Investing.com's Brazilian Ibovespa (118894 points)
            # without the "Vol." and "Var%" cells that prove its comma the decimal, or a Swiss file
            # of three-decimal prices (the Swiss write such dates with a decimal dot). Nothing in the
            # digits tells the two apart, and either reading is 1000x off for the other: in doubt,
            # read as neither (rows rejected naming the number format). Integers of five or more
            # digits written without grouping ("10748": a volume) say the file groups no number: the
            # dot is its decimal (_ambiguous_reading). Split by ';', the delimiter's custom and the
            # dates' agree: the dot groups.
            decimal, doubt, guessed = ",", True, True
        elif mark == "." and delimiter == ";" and not ungrouped and _dates_written_year_first(cells):
            # "3.074" in a file split by ';' that writes its dates year first, none "05.10.2021":
            # datasets/euribor's weekly export ("1999-01-12;3.074;1w;weekly") of rates to three
            # decimals, none below one in its first rows. The delimiter's custom alone (the comma the
            # decimal, the dot grouping) read every rate as thousands, 3074, silently. The dates, of no
            # locale, do not agree with it as day-first dotted ones do (above); and either reading is
            # 1000x off for the other: in doubt, read as neither, the rows rejected naming the format.
            decimal, doubt, guessed = ",", True, True
        elif twice[mark]:
            # "4,805,028" beside "14,775 EUR" in a file split by ';': a mark grouping a number twice groups
            # the file's "1,234" too, whatever the delimiter's custom (_ambiguous_reading) says. Read by the
            # custom, the comma was the decimal and "14,775 EUR" loaded as 14.775, silently. A decimal
            # written with it ("10,50" beside English volumes: comma_groups.py) votes above, not here.
            decimal = "," if mark == "." else "."
        elif mark == "," and delimiter != ";" and comma_parts_thousandths(cells):
            # "69,835€" in a file split by a tab: money written as only the customs of a decimal comma write it
            # (currency_custom.py) says the comma is the decimal, as "1.234 €" says the dot groups (above). By
            # the delimiter's custom the comma grouped, and a price to three decimals loaded 1000x, silently. Not
            # the rupiah's "Rp 12,500": written whole, its comma groups (currency_custom.comma_parts_thousandths).
            decimal = ","
        else:
            decimal, doubt = _ambiguous_reading(mark, delimiter, ungrouped > 0 and mark not in group_votes)
            guessed = True
    elif comma_by_currency(cells):
        # No mark written, but money as only the customs of a decimal comma write it ("71 €", "kr 71"):
        # the comma is the decimal; a dot past the sample is read as grouping where it can only be one
        # (normalisation/parse.py's _foreign_dots, _read_grouped).
        decimal = ","
    else:
        decimal = "."
        # Nor unsettled where a volume's scale or the money shows the dot's custom ("1.5M", "$71", "¥2100").
        seen = not marks_unsettled(delimiter) or _scaled_decimal_dot(cells) or dot_by_currency(cells)
    if not doubt:
        for mark, n in ambiguous.items():
            if mark != decimal:
                group_votes[mark] += n
    group_votes.pop(decimal, None)
    thousands = group_votes.most_common(1)[0][0] if group_votes else None
    if thousands is not None and not before_decimal[thousands]:
        # A mark grouping only whole numbers ("3,187,104": volumes) beside another grouping prices
        # with their fractions ("1'185.64", Swiss): the prices' mark is the file's, the volumes'
        # commas are read by their column (comma_groups.py). Counted by cells, the commas had won,
        # and every price was text: its ticker's rows lost, no reason given. Only where the fractions'
        # numbers are the shorter: whole prices grouped ("71,250" won, "7.125" rupiah) beside a
        # turnover's amounts with fractions ("879'624'000'000.00") keep their mark, else the prices
        # were text and the turnover loaded as the close: most whole numbers must be longer than
        # every number with a fraction.
        widths = whole_widths.get(thousands, Counter())
        priced = [m for m, n in before_decimal.most_common() if m != decimal and n >= _PRICED_GROUPS
                  and 2 * sum(k for w, k in widths.items() if w > widest_priced[m]) > widths.total()]
        thousands = priced[0] if priced else thousands
    if thousands is None and not doubt and len(shapes) >= _VOTING_CELLS:
        thousands = _later_grouping(cells, decimal)
    return NumberMarks(decimal, thousands, seen or thousands is not None, guessed)


def marks_unsettled(delimiter: str | None) -> bool:
    """Whether a file split by `delimiter` whose sample writes no decimal or grouping mark leaves the
    reading of a lone one past it ("71.500", "1,234": a thousand grouped, or three decimals) unsettled.
    Split by a comma, it is settled: a comma within a number was quoted to be kept, as spreadsheets
    export a grouped one, and the dot is the decimal by that custom (_ambiguous_reading). Split by a ';',
    a tab or another mark, it is not: ';' is the custom of the comma's locales and of Switzerland's
    decimal dot alike (nor do its dotted dates or German words tell the Swiss apart); read with the
    dot, a German file's "71.500" past the sample had loaded as 71.5. A workbook's cells (no delimiter)
    are numbers written by the program, its decimal a dot."""
    return delimiter is not None and delimiter != ","


# A volume scaled by its letter, a dot before one or two digits ("1.5M", "12.75K", "2.3 B"): no group is that
# short, so the dot is the decimal, though the vote does not read such cells (letters are no digit shape).
_SCALED_DECIMAL_DOT = re.compile(r"^\s*[+-]?\d+\.\d{1,2}\s?[KkMmBb]\s*$")


def _scaled_decimal_dot(cells: list[str]) -> bool:
    """Whether a cell writes a decimal dot before a volume's scale letter ("1.5M"): a file whose sample
    writes no other mark, its volumes so, has shown its decimal. Unseen, its later "2.345M" (2,345,000
    shares by that dot) had been rejected as an undecided mark."""
    return any(_SCALED_DECIMAL_DOT.match(c) for c in cells)


def _like_items(shapes: list[str]) -> bool:
    """Every one of the "d,d" shapes parts digits of one length: items of a list ("2,2", "12,34"),
    not a number with a fraction of another length than its whole part ("2345,5")."""
    return all(len(a) == len(b) for a, _, b in (s.lstrip("+-").partition(",") for s in shapes if "," in s))


def _later_grouping(cells: list[str], decimal: str) -> str | None:
    """The grouping mark of numbers past the voted cells (_VOTING_CELLS), read with `decimal`."""
    text = joined(cells)
    # Most files group by no mark at all, or hold a mark only where it groups nothing (a stamp's
    # "2024-01-02 00:00:00"): a search in C of each mark before three digits, in the text's digit shape
    # (shapes.py), spares them the scan (0.01 ms of 50 KB without a mark, 0.1 ms with one, where the scan
    # costs 1 ms).
    marks = [m for m in GROUP_SEPARATORS if m != decimal and text is not None and m in text]
    if not marks:
        return None
    # Nor is a mark before three digits a group unless another group or the decimal follows them, as the
    # scan asks: one search of the shape finds them (a space before "000" in most files' names and
    # stamps had sent a quarter of the drifted files through the scan, 6% of their detection).
    if re.search(rf"0([{re.escape(''.join(marks))}])000(?:\1000|[.,]0)", shape_of(text)) is None:
        return None
    votes: Counter[str] = Counter()
    for m in _LATER_GROUPED.finditer(SEP + text + SEP):
        t, d = m.group("t"), m.group("d")
        # A space between groups of three without a decimal after is no number's only: a phone's
        # "+34 912 345 678" had made the space the file's grouping, its phone column whole numbers.
        if t != decimal and (d[0] == decimal if d else m.group("again") and not t.isspace()):
            votes[t] += 1
    return votes.most_common(1)[0][0] if votes else None


def _addresses(cells: list[str]) -> bool:
    """Most cells shaped as a number in four groups by dots ("192.168.100.107") are IPv4 addresses:
    a number so grouped has its last three groups below 256 once in 60 values."""
    quads = [c for c in map(str.strip, cells) if _DOTTED_QUAD.match(shape_of(c))]
    return 2 * sum(1 for c in quads if IPV4.match(c)) > len(quads)


def _dates_written_day_first_dotted(cells: list[str]) -> bool:
    """Whether the file's dates, as its cells write them, are mostly "05.10.2021" (a title's one
    date counts: the CNB's fixing dates its table in its title line only)."""
    dotted = sum(1 for c in cells if _DOTTED_DAY_FIRST.match(c))
    return dotted > 0 and dotted > sum(1 for c in cells if _OTHER_DATE.match(c))


def _dates_written_year_first(cells: list[str]) -> bool:
    """Whether the file's dates are written year first ("1999-01-12", "1999/01/12"), none of them "05.10.2021"."""
    return not any(map(_DOTTED_DAY_FIRST.match, cells)) and any(map(_YEAR_FIRST.match, cells))


def _ambiguous_reading(mark: str, delimiter: str | None, ungrouped: bool) -> tuple[str, bool]:
    """(decimal mark, in doubt) for a file whose only marked numbers read "4,537" or "4.537"
    (`ungrouped`: it also holds integers of 5+ digits without grouping, and no "1,234,567"
    proves the mark a grouping).

    The delimiter's custom comes first: files split by ';' are written where the comma is the
    decimal mark; anywhere else the dot is. A "4,537" in a comma-separated file was quoted to hold
    the comma: a grouped number as spreadsheets export it ("19,582"), not a decimal. Against the
    custom, integers of five or more digits written without grouping are the one hint of a decimal
    mark, and a weak one: they may stand in another column (government and accounting exports
    group their totals only), and the vote sees no columns. Either reading may then be 1000x off,
    silently; in doubt the mark is read as neither, so the cells that hold it fail to parse and
    their rows get rejected with a reason instead of loading wrong values."""
    custom = "," if delimiter == ";" else "."
    if mark == custom:
        return mark, False
    if mark == delimiter or not ungrouped:
        return custom, False  # the mark groups thousands
    return custom, True


def indian_groups(star: str = "*") -> str:
    """Regex (Python and RE2 syntax) of a whole number grouped the Indian way, by lakhs and crores
    ("55,09,326" for 5,509,326; NSE's and BSE's exports): two digits a group, but the last three.
    `star`: "*+" for a possessive run."""
    return rf"\d{{1,2}},(?:\d{{2}},){star}\d{{3}}"


_INDIAN = re.compile(rf"^[+-]?{indian_groups()}(?:\.\d+)?$")


@lru_cache(maxsize=64)
def _number_cores(decimal: str, thousands: str | None, possessive: bool = True) -> tuple[str, str]:
    """Regex cores of a whole integer and float cell. Type votes run them over every sampled cell:
    the runs are possessive (`possessive=False` gives the plain forms the tests compare with),
    sparing the engine the backtracking into a run that can never lead to a match. What follows
    each run cannot start with what the run takes: blanks are followed by a sign, a digit or the
    end; digits by a mark, an exponent, blanks or the end; a group of thousands ("<t>ddd", t a
    mark or a blank) given back would leave "<t>ddd" to the rest of the pattern, which takes no
    digit after a blank or a mark other than the decimal one. Only \\d{1,3} before the groups may
    need to give back ("1234" is no "1,234" but plain digits), and stays as it is."""
    d = re.escape(decimal)
    plus, star = ("++", "*+") if possessive else ("+", "*")
    if thousands:
        t = re.escape(thousands)
        indian = "|" + indian_groups(star) if thousands == "," else ""
        digits = rf"(?:\d{{1,3}}(?:{t}\d{{3}}){plus}|\d{plus}{indian})"
    else:
        digits = rf"\d{plus}"
    integer = rf"\s{star}[+-]?{digits}\s{star}"
    flt = rf"\s{star}[+-]?(?:{digits}(?:{d}\d{star})?|{d}\d{plus})(?:[eE][+-]?\d{plus})?\s{star}"
    return integer, flt


@lru_cache(maxsize=64)
def number_patterns(decimal: str, thousands: str | None) -> tuple[re.Pattern, re.Pattern]:
    """(integer regex, float regex) for one convention; both accept an optional sign, grouping
    and surrounding blanks; the float one also accepts exponents and integers."""
    integer, flt = _number_cores(decimal, thousands)
    return re.compile(rf"^{integer}$"), re.compile(rf"^{flt}$")


@lru_cache(maxsize=64)
def joined_number_patterns(decimal: str, thousands: str | None) -> tuple[re.Pattern, re.Pattern]:
    """number_patterns for counting whole cells of a NUL-joined column (joined.py)."""
    integer, flt = _number_cores(decimal, thousands)
    return joined_regex(integer), joined_regex(flt)


# The marks a column is read under when the file's own were not detected: a dot decimal, comma groups.
DEFAULT_MARKS: tuple[str, str | None] = (".", ",")


def marks_or_default(number_format: tuple[str, str | None] | None) -> tuple[str, str | None]:
    """The file's detected (decimal, thousands) marks, or DEFAULT_MARKS when none were detected."""
    return number_format or DEFAULT_MARKS


def float_under(value: str, number_format: tuple[str, str | None] | None) -> float | None:
    """to_float of one cell under the file's detected marks (DEFAULT_MARKS when none were detected)."""
    return to_float(value, *marks_or_default(number_format))


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
