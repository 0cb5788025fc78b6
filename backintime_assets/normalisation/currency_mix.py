"""Prices written with their currency's sign or code ("$12.50") in more than one currency down a ticker's
rows ("$12.50" beside "€11.20"): the signs go on parsing, and both had loaded as one close, a ticker's
days in two currencies. The rows in a currency other than their ticker's most written one are rejected.
Each ticker is judged apart: a day's list of shares from several markets ("AAPL,$185.64", "SAP,€140.20")
prices each in its own currency, which no row mixes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.detection.currencies import CURRENCY_CODE, LOCAL_UNIT_AFTER, LOCAL_UNIT_BEFORE, RUPIAH
from backintime_assets.detection.numbers import CURRENCY_SIGN

# The mark before or after the number ("$12", "US$ 12", "-€12", "12 €", "CHF 12", "12 EUR", "kr 12", "R 12.50",
# "12 kr", "12,50 zł"), as parse.py strips it.
_MARK = rf"[A-Z]{{0,3}}\$|{CURRENCY_SIGN}|{CURRENCY_CODE}"
_MARKED = (rf"^[+-]?\s?(?P<before>{_MARK}|{LOCAL_UNIT_BEFORE}|{RUPIAH}|R)?[^A-Z$]*?"
           rf"(?P<after>{_MARK}|{LOCAL_UNIT_AFTER})?\s*$")
OTHER_CURRENCY = "price in another currency"
# A sign or local abbreviation and the code of the one currency it stands for, counted as one mark ("€12"
# beside "12 EUR", "12,50 zł" beside "12,50 PLN"), upper-cased and without a dot.
_SAME = {"€": "EUR", "£": "GBP", "US$": "USD", "₹": "INR", "₺": "TRY", "₽": "RUB", "₩": "KRW", "₴": "UAH",
         "ZŁ": "PLN", "ZL": "PLN", "KČ": "CZK", "KC": "CZK", "KÈ": "CZK", "FT": "HUF", "TL": "TRY", "ЛВ": "BGN",
         "ГРН": "UAH", "ДЕН": "MKD", "KN": "HRK", "RM": "MYR", "RP": "IDR", "R": "ZAR", "S/": "PEN", "DIN": "RSD",
         "ДИН": "RSD", "FR": "CHF", "SFR": "CHF", "Р": "РУБ"}  # "р.": short for "руб."
# Local abbreviations several currencies share: "kr" is Sweden's, Norway's, Denmark's and Iceland's crown,
# "Rs" the rupee of India, Pakistan, Sri Lanka and Nepal. Beside one of their codes ("12,50 kr" beside
# "SEK 12,50") such a mark is that code: one currency, a Swedish file's two formats. Beside none, or
# beside two ("SEK" and "NOK"), it stands for itself, a currency of its own, and its rows side with
# neither: the file's commoner mark keeps its rows, the rest are rejected.
_SHARED = {"KR": {"SEK", "NOK", "DKK", "ISK"}, "RS": {"INR", "PKR", "LKR", "NPR"}, "LEI": {"RON", "MDL"},
           "РУБ": {"RUB", "BYN"}}


def other_currency_rows(columns: Sequence[pa.Array], keys: np.ndarray | None = None) -> list[tuple[np.ndarray, str]]:
    """[(mask of rows, reason)] of the rows whose price cells (`columns`: the marked ones, open to close)
    carry a currency mark other than the most common one over all of their ticker's (`keys`: each row's
    ticker code, one ticker where None); empty where each ticker writes one mark (or none). A cell
    without a mark sides with none."""
    if not _two_residues(columns):
        return []  # the usual case: one mark at most, told at a trim's cost
    n = len(columns[0])
    keys = np.zeros(n, np.int64) if keys is None else np.asarray(keys, np.int64)
    words: dict[str, int] = {"": 0}  # 0: no mark
    marks = np.stack([_marks(c, words) for c in columns])  # (columns, rows) of codes into `words`
    if len(words) < 3:
        return []  # one mark at most in the whole file: the usual case
    # A mark several currencies share, beside exactly one of their codes, is that code (_SHARED).
    same = np.arange(len(words))
    for word, k in words.items():
        if word in _SHARED and len(codes := _SHARED[word] & words.keys()) == 1:
            same[k] = words[codes.pop()]
    marks = same[marks]
    names = np.array(list(words), dtype=object)
    _, keys = np.unique(keys, return_inverse=True)  # a ticker and file's pairs, numbered 0 up
    keys = keys.reshape(-1)
    counts = np.zeros((int(keys.max(initial=0)) + 1, len(words)), np.int64)
    np.add.at(counts, (np.broadcast_to(keys, marks.shape), marks), 1)
    counts[:, 0] = 0
    if not ((counts > 0).sum(axis=1) > 1).any():
        return []  # each ticker in one currency
    main = counts.argmax(axis=1)  # ties: the mark met first
    other = ((marks != 0) & (marks != main[keys])).any(axis=0)
    out = []
    for m in np.unique(main[keys[other]]):
        rows = other & (main[keys] == m)
        seen = np.unique(marks[:, rows])
        shown = ", ".join(f"'{names[k]}'" for k in seen if k not in (0, m))
        out.append((rows, f"{OTHER_CURRENCY}: {shown} where the ticker's prices are in '{names[m]}'"))
    return out


# What a number is written with: trimmed off a cell, its mark is what is left ("$", "EUR", "US$"), if any.
_NUMBER_CHARS = "0123456789.,+-() '\u00a0\u202f\t"


def _two_residues(columns: Sequence[pa.Array]) -> bool:
    """Whether the cells, trimmed of what numbers are written with, leave two texts or more. One (all "$")
    or none cannot be two marks: cells alike but for their numbers mark alike. Matched against _MARKED,
    a file of 200,000 "$" rows had spent ~1 s a column, as long as the rest of its normalisation."""
    left: set[str] = set()
    for cells in columns:
        left.update(w for w in pc.unique(pc.utf8_trim(pc.cast(cells, pa.string()), _NUMBER_CHARS)).to_pylist() if w)
        if len(left) > 1:
            return True
    return False


def _marks(cells: pa.Array, words: dict[str, int]) -> np.ndarray:
    """Each cell's currency mark as a code into `words` (added to as new marks are met), 0 where none."""
    parts = pc.extract_regex(pc.utf8_trim_whitespace(pc.cast(cells, pa.string())), _MARKED)
    before = pc.fill_null(pc.struct_field(parts, "before"), "")
    after = pc.fill_null(pc.struct_field(parts, "after"), "")
    mark = pc.utf8_rtrim(pc.utf8_upper(pc.if_else(pc.equal(before, ""), after, before)), ".")  # "kr." is "kr"
    encoded = pc.dictionary_encode(mark).combine_chunks() if isinstance(mark, pa.ChunkedArray) \
        else pc.dictionary_encode(mark)
    code = np.array([words.setdefault(_SAME.get(w, w), len(words)) for w in encoded.dictionary.to_pylist()],
                    np.int64)
    return code[encoded.indices.to_numpy(zero_copy_only=False)] if len(code) else np.zeros(len(cells), np.int64)
