"""Tell a table's footer (totals, notes, trailers set off by a blank line) from damaged last rows."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Sequence

from .numbers import NULL_SPELLINGS, written_places
from .stacked_words import prose_lines

MAX_FOOTER_ROWS = 200  # a disclaimer can run to dozens of lines; a tail sample holds a few hundred
# Past this many lines a footer runs on over lines of words only: lines of figures there are more
# likely rows the file's dialect does not split (another export's, appended), which are rejected
# as data rather than dropped as notes.
MAX_FIGURES_FOOTER_ROWS = 30

# First words of totals and summary lines that office exports append below the data.
_SUMMARY = re.compile(
    r"^(?:grand\s*|sub-?\s*|sous-?\s*)?totale?s?\b|^(?:zwischen|gesamt)?summe\b|^gesamt|^insgesamt\b"
    r"|^sum\b|^somme\b|^suma\b|^totaal\b|^average\b|^avg\b|^mean\b|^count\b|^overall\b",
    re.I,
)
# A label ending in the keyword: "Account Total", "Transactions Total" (broker exports). Such a
# label leads its row, which has no date: elsewhere, "Vanguard Total" or a sector "Consumer Total"
# is a name in a data row.
_SUMMARY_LABEL = re.compile(r"^[^\W\d_][\w&/.-]*(?:\s+[\w&/.-]+){0,2}\s+(?:grand\s*|sub-?\s*)?totale?s?:?$", re.I)
# Notes: "Source: ...", "Highest: 1.2", "© 2024 ...", "* prices adjusted", "End of report", a rule,
# "Downloaded from Barchart.com as of 03-20-2020 09:52am CDT" (Barchart's last line), "数据来源:通达信"
# (a label in another script: its colon may be the full-width one, and needs no blank after it),
# also marked as a comment: TDX's newer exports end "#数据来源:通达信", rejected as a short row.
_NOTE = re.compile(
    r"^#?\s*(?:[*†©]|\(c\)|copyright\b|sources?\b|quelle\b|notes?\b|hinweis|remarque|disclaimer\b|generated\b"
    r"|created\b|exported\b|downloaded\b|retrieved\b|printed\b|data (?:provided|supplied|as of)\b"
    r"|powered by\b|all rights reserved"
    # A report's count of its rows ("1 rows", "12 records", "3 rows selected") and its page ("Page 1 of 1").
    r"|\d+ (?:rows?|records?|lines?|entries|items)(?: (?:selected|returned|found|listed|printed))?\.?$"
    r"|(?:page|seite|p[aá]gina) \d+(?: (?:of|von|de) \d+)?$"
    r"|end of (?:report|file|data|export|list|table)\b|[^\W\d_][\w .()/'-]{0,40}(?::(?:\s|$)|：|:(?=[^\x00-\x7f]))"
    # A rule drawn under the table ("__________" in Destatis' exports): never a value ("-", "---" are
    # null tokens, so dashes stay out).
    r"|_{3,}$|={3,}$)",
    re.I,
)

# A totals row's label alone in its first cell ("Total", "Grand Total:", "Summe", "Total général"):
# below a table without dates, the row of a total of every column is as full as a data row, and was
# read as one (a generic table's sums loaded as its last record). Not "Sum", "Avg", "Count": tickers
# too. "Total" and "TOTAL" alone are names as well (TotalEnergies in a day's list of French shares, a
# fund): such a row is the footer only where its figures add up the rows above it (_adds_up).
_NAME_TOO = re.compile(r"^totale?s?$", re.I)
_TOTAL_LABEL = re.compile(r"^(?:grand\s*|sub-?\s*|sous-?\s*)?totale?s?(?:\s+g[eé]n[eé]ral(?:e|es)?)?\s*:?$"
                          r"|^(?:zwischen|gesamt)?summe\s*:?$|^gesamt\s*:?$|^insgesamt\s*:?$|^somme\s*:?$"
                          r"|^suma\s*:?$|^totaal\s*:?$", re.I)

Row = tuple[int, list[str]]

# A subtotal's label alone in a row's name cell ("Subtotal", "Sub-total", "Zwischensumme", "Sous-total",
# "Subtotale", "Subtotaal"): inside a day's list without dates, such a row is left in the data (see
# _adds_up) and loaded as a share named SUBTOTAL. No ticker spells it: "SUB", "SUBS", "TOT" do not match.
_SUBTOTAL_LABEL = re.compile(r"^\s*(?:(?:sub|sous)[-\s]?totale?s?|subtotaal|zwischensumme)\s*:?\s*$", re.I)
SUBTOTAL_ROW = "a subtotal row, not a share"


def subtotal_label(cell: str) -> bool:
    """Whether a ticker or name cell is a subtotal's label (_SUBTOTAL_LABEL)."""
    return bool(_SUBTOTAL_LABEL.match(cell))


def _cells(fields: Sequence[str]) -> list[str]:
    return [c.strip() for c in fields if c.strip()]


def summary_row(fields: Sequence[str], width: int, date_columns: Collection[int]) -> bool:
    """A totals or summary line ("TOTAL,,,,2088334", "Summe: 12", "Grand total"): a keyword cell in
    a row that is mostly empty or lacks a date where the data has one. A full data row whose ticker
    happens to be "SUM" is neither."""
    cells = _cells(fields)
    # A date (not the label standing in the date column) makes it a data row more likely.
    dated = _dated(fields, date_columns)
    if not (any(_SUMMARY.match(c) for c in cells) or (cells and not dated and _SUMMARY_LABEL.match(cells[0]))):
        return False
    # Every other column spelled out missing (":" in each): a record keyed "TOTAL" (Eurostat's age
    # or sex code for all of them) with no figures for a country, not a totals line, which is there
    # for its figures. Taken for one at the end of a table, it vanished as the footer. Only in a
    # table without dates: where the data has a date, a row with none keyed "Total" ("Total,N/A,
    # N/A,N/A" below a price file's days) is its totals line, left empty.
    if width > 2 and not date_columns and len(cells) == width and all(c in NULL_SPELLINGS for c in cells[1:]):
        return False
    # Besides the keyword, at most half the row is filled; "--" and "N/A" fill nothing, unless the
    # row has a date: then they are the missing values of a data row ("2021-03-01,SUM,40.5,N/A").
    if (len(cells) if dated else sum(c not in NULL_SPELLINGS for c in cells)) - 1 <= 0.5 * width:
        return True
    return any(j >= len(fields) or not (v := fields[j].strip()) or _keyword(v) for j in date_columns)


def _dated(fields: Sequence[str], date_columns: Collection[int]) -> bool:
    """Whether the row holds a value, not a totals label, in a date column."""
    return any(j < len(fields) and (v := fields[j].strip()) not in NULL_SPELLINGS and not _keyword(v)
               for j in date_columns)


def _total_label(fields: Sequence[str]) -> bool:
    """Whether the row's first cell is a totals label alone (_TOTAL_LABEL)."""
    return bool(fields) and bool(_TOTAL_LABEL.match(fields[0].strip()))


# A totals word leading a name ("Total SE", "Subtotal Inc", "Total Energy"): a share as often as a
# group's total. Ending a list, the full row had been cut off as the footer (Total SE's price lost);
# it is a total only where its figures add up the rows above (_adds_up), as "Total" alone is.
_NAMED_TOTAL = re.compile(r"^(?:(?:grand|sub|sous)[-\s]?)?totale?s?\s+\S", re.I)
# But a totals word before what it sums ("Total market value", "Total portfolio", "Total for the day"):
# a label, whether or not its figures add up the rows above (a value is shares times prices). Let in
# as data for not adding up, "Total market value,4125.75" below a day's closes had loaded as a share.
_SUMMED = frozenset({"value", "values", "assets", "amount", "amounts", "portfolio", "holdings", "positions",
                     "position", "invested", "investment", "investments", "cost", "costs", "gain", "gains", "loss",
                     "losses", "pnl", "profit", "volume", "volumes", "turnover", "traded", "trades", "quantity",
                     "qty", "count", "number", "rows", "records", "items", "for", "of", "all", "in", "net", "gross",
                     "cash", "balance", "weight", "weights", "exposure", "cap", "capitalisation",
                     "capitalization", "securities", "stocks", "shares"})


SUMMED_ROW = "a totals row, not a share: a totals word before what it sums"


def summed_total(cell: str) -> bool:
    """Whether a ticker or name cell is a totals word before what it sums ("Total market value",
    "Total portfolio"): a label wherever it stands. Inside a day's list, no footer, it had loaded as
    a share unless its figures added up the rows above."""
    first = cell.strip()
    return bool(_NAMED_TOTAL.match(first)) and bool(_SUMMED & set(re.findall(r"[^\W\d_]+", first.lower())[1:3]))


def _named_total(fields: Sequence[str], width: int) -> bool:
    """A full row (every column filled) whose first cell is a totals word and a name (_NAMED_TOTAL),
    not a label alone ("Grand Total", "Total:"), and no other cell a keyword."""
    cells = _cells(fields)
    first = fields[0].strip() if fields else ""
    after = re.findall(r"[^\W\d_]+", first.lower())[1:3]  # the words after the totals word
    return (len(cells) == width and bool(_NAMED_TOTAL.match(first)) and not _TOTAL_LABEL.match(first)
            and not _SUMMARY_LABEL.match(first) and not any(_keyword(c) for c in cells[1:])
            and not _SUMMED & set(after))


def _adds_up(candidates: Sequence[Row], m: int, number: Callable[[str], float | None] | None) -> bool:
    """Whether candidate m, its first cell a totals label (_total_label), is a row of totals. Where
    the label is "Total" alone, it holds in some column the sum of the rows above it: of those since
    the last such row (a subtotal), or of every row that is not one (a grand total). That label is no
    proof: "Total" or "TOTAL" names a share or a fund in a day's list too, and such a last record
    had been dropped as the footer. A table with a totals row inside it (a subtotal over more rows)
    is left whole, its totals rows read (and rejected or refused) with the records, not only those
    below the last record: taking the last ones off, a lone "SUBTOTAL" left above loaded as a
    security. Read on the bounded sample only: `number` None where `candidates` are a tail sample,
    not the whole table, and add up to no total."""
    above = candidates[:m]
    labelled = [k for k, (_, f) in enumerate(above) if _total_label(f)]
    # A totals row with records below it: inside the table, not a run of totals ending it. Unless it
    # is a subtotal's (normalisation rejects those by their label): the last row still ends the table.
    inside = [k for k in labelled if any(not _total_label(f) for _, f in above[k + 1:])]
    if any(not subtotal_label(above[k][1][0]) for k in inside):
        return False
    fields = candidates[m][1]
    if not _NAME_TOO.match(fields[0].strip()) and not _NAMED_TOTAL.match(fields[0].strip()):
        return True  # "Grand Total", "Summe", "Insgesamt": a label, never a share's name
    if number is None:  # a tail sample: the rows above are not all the table's
        return False
    since = [f for _, f in (above[labelled[-1] + 1:] if labelled else above)]
    records = [f for _, f in above if not _total_label(f)]
    for j in range(1, len(fields)):
        total = number(fields[j].strip())
        if not total:
            continue
        for rows in (since, records):
            values = [v for f in rows if j < len(f) and (v := number(f[j].strip())) is not None]
            if len(values) < 2:
                continue
            # Written rounded: each value and the total are off by up to half their last digit.
            places = min((written_places(f[j]) for f in rows if j < len(f)), default=0)
            slack = 0.5 * (len(values) + 1) * 10.0 ** -min(places, written_places(fields[j])) + 1e-9 * abs(total)
            if abs(sum(values) - total) <= slack:
                return True
    return False


def _keyword(cell: str) -> bool:
    return bool(_SUMMARY.match(cell) or _SUMMARY_LABEL.match(cell))


def cut_sentence(fields: Sequence[str]) -> bool:
    """A sentence the delimiter cut into cells ("Prices are indicative, not binding"): no digit, four words
    or more, a cell after the first running on in lower case. Under a day's one row it was half of what
    typed each column: the dates a text column, and the file refused as having no date column.
    A sentence opens with a capital and a word in lower case ("Prices", "Disclaimer"), not a ticker in
    capitals or a word in lower case, and says each piece once, none of them "n/a": a row of a day's file
    with no price ("QQQ,not traded,not traded", "holiday,market closed,no trading") is a row, to be
    rejected with its reason; taken for the footer, it went unaccounted."""
    cells = [c.strip() for c in fields if c.strip()]
    if len(cells) < 2 or any(ch.isdigit() for c in cells for ch in c) or sum(len(c.split()) for c in cells) < 4:
        return False
    first = cells[0].split()[0]
    return (first[0].isupper() and not first.isupper() and any(c[0].islower() for c in cells[1:])
            and len(set(cells)) == len(cells) and not any(c in NULL_SPELLINGS for c in cells))


def _cut_sentences_to_the_end(candidates: Sequence[Row], m: int) -> bool:
    """Whether candidate m and every one below it is a sentence the delimiter cut (cut_sentence) or a note."""
    return cut_sentence(candidates[m][1]) and all(cut_sentence(f) or note_row(f) for _, f in candidates[m + 1:])


def note_row(fields: Sequence[str]) -> bool:
    """A remark below the data: "Source: ...", "© ...", "End of report"; not "NULL" or "<<corrupt>>"."""
    cells = _cells(fields)
    return bool(cells) and bool(_NOTE.match(cells[0]))


def _figures(fields: Sequence[str]) -> bool:
    """More digits than letters: a row of values, not a remark (unless it reads as a note:
    "Generated 2021-03-05 10:00")."""
    text = "".join(fields)
    return sum(map(str.isdigit, text)) > sum(map(str.isalpha, text))


def _blank_between(blank_lines: Sequence[int], lo: int, hi: int) -> bool:
    k = bisect_right(blank_lines, lo)
    return k < len(blank_lines) and blank_lines[k] < hi


def footer_start(candidates: Sequence[Row], blank_lines: Sequence[int], data_like: Callable[[list[str]], bool],
                 width: int, date_columns: Collection[int], from_end: bool = False,
                 dated: Callable[[list[str]], bool] | None = None,
                 number: Callable[[str], float | None] | None = None) -> int | None:
    """Index in `candidates` (the non-blank rows from the first data row on, in file order) of the
    first footer row, or None. `blank_lines`: sorted blank line numbers; `from_end`: row numbers
    count lines from the end of the file (tail samples). `dated`: whether a row holds a date where
    the data has its dates (None: the data has no date column). `number`: a cell's value under the
    file's number format (a full row of totals: _adds_up; None: no such row is looked for).

    The footer is the run of non-data rows (and totals) at the end, from the first of them that is
    recognisably not data: set off from the rows above by a blank line, a totals/summary row or a
    note. Unrecognised junk right below the last data row ("<<corrupt>>", "NULL") is a damaged data
    row: it stays in the data region, where it is rejected rather than silently dropped."""
    def totals(m: int) -> bool:  # a row of totals, labelled so, with figures adding up the rows above
        fields = candidates[m][1]
        return (number is not None and (_total_label(fields) or _named_total(fields, width))
                and not _dated(fields, date_columns)
                and any(number(c.strip()) is not None for c in fields[1:])  # "Summe;-;-;-": summary_row's
                and _adds_up(candidates, m, None if from_end else number))

    def summary(fields: list[str]) -> bool:  # "Total SE,7.00" in full is data unless it adds up (totals)
        return summary_row(fields, width, date_columns) and not _named_total(fields, width)

    k = len(candidates)
    while k > 1 and len(candidates) - k < MAX_FOOTER_ROWS:
        fields = candidates[k - 1][1]
        if data_like(fields) and not summary(fields) and not totals(k - 1):
            break
        if len(candidates) - k >= MAX_FIGURES_FOOTER_ROWS and _figures(fields) and not note_row(fields):
            break
        k -= 1
    for m in range(max(k, 1), len(candidates)):
        if _set_off(candidates, m, blank_lines, from_end) or summary(fields := candidates[m][1]) \
                or note_row(fields) or totals(m) or _cut_sentences_to_the_end(candidates, m):
            return m
    if k < len(candidates) and prose_lines([f for _, f in candidates[max(k, 1):]], width):
        return max(k, 1)  # a note in sentences, no keyword to start it (stacked_words.prose_lines)
    return _undated_after_break(candidates, blank_lines, data_like, dated, from_end) if dated is not None else None


def _set_off(candidates: Sequence[Row], m: int, blank_lines: Sequence[int], from_end: bool) -> bool:
    """Whether a blank line separates candidate m from the one above it."""
    above, here = candidates[m - 1][0], candidates[m][0]
    return _blank_between(blank_lines, *((here, above) if from_end else (above, here)))


def _undated_after_break(candidates: Sequence[Row], blank_lines: Sequence[int], data_like: Callable[[list[str]], bool],
                         dated: Callable[[list[str]], bool], from_end: bool) -> int | None:
    """The first footer row when the rows at the end hold no date where the data has its dates, and a
    blank line sets them off from the dated rows above: a statement's summary block ("STATEMENT
    SUMMARY :-", "Opening Balance,,,,Dr Count,Cr Count,Closing Bal", then its figures) below a bank's
    transactions. Its figures read as data, being numbers where the data has numbers, so the run
    of non-data rows above ended at the last line; read as data, its words made text of the amount
    columns. Rows of figures right below the last dated row, no blank line between, stay data (to
    be rejected), as do rows dated in another format (`dated` takes any date-like cell). The block
    begins with a row that is no data (its title or labels): a day's prices set off below the
    others with a date we cannot read (a serial number, "Jan 12", none) are data, to be rejected
    for their date, not dropped unseen as a footer."""
    k = len(candidates)
    while k > 1 and len(candidates) - k < MAX_FIGURES_FOOTER_ROWS and not dated(candidates[k - 1][1]):
        k -= 1
    if k == len(candidates) or not dated(candidates[k - 1][1]):
        return None
    return next((m for m in range(k, len(candidates))
                 if _set_off(candidates, m, blank_lines, from_end) and not data_like(candidates[m][1])), None)
