"""A column of listing codes beside the column of company names a weak name ("name", "company") made the ticker,
under a header that calls it a ticker in words no synonym knows:
vn_stock_prediction's "date,...,name,...,ticket" holds "Cotec Construction JSC" under name and CTD under a
misspelt "ticket" that no synonym knows, and had loaded every row under the company's long name. The code is
the ticker where its header calls it one, misspelt or cut short (_ticker_s_name), and its values agree, each
a code in capitals that goes with one name and one name only."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .currencies import CURRENCY_CODES
from .nameless import sheet_names_a_period
from .venues import BLOCK_WORDS, MARKETS, VENUES

# A listing code as a market writes it: capitals and digits with a letter, a class or an exchange after a
# dot ("CTD", "BRK.B", "7203.T", "^TASI"), no blank; two characters or more (a lone letter is as much a
# grade's or a flag's).
_CODE = re.compile(r"(?=\S*[A-Z])\^?[A-Z0-9][A-Z0-9.=-]{1,11}")
# Words a column of codes beside a company's name may be named by that say it holds something else than
# the company's code: its market, its currency, its kind, its sector, its country.
_OTHER_THINGS = frozenset('''exchange exch market mkt venue mic board floor currency ccy curr cur sector industry
                             country region type kind class category status segment group index rating grade
                             score signal recommendation action side trend flag unit source note comment'''.split())
# Values a column beside one company's rows may hold throughout, written as a code is, that are none: a
# rating, a call, a side, a flag. One company's file pairs any constant with its name one to one.
_NO_CODES = frozenset('''BUY SELL HOLD LONG SHORT UP DOWN FLAT NAN NONE NULL TRUE FALSE YES NO AAA AA BBB BB CCC
                         NEUTRAL OUTPERFORM UNDERPERFORM'''.split())

_NOT_CODES = (CURRENCY_CODES, VENUES, MARKETS, BLOCK_WORDS, _NO_CODES)


def code_beside_name(names: int, candidates: Sequence[tuple[int, Sequence[str]]],
                     body: Sequence[Sequence[str]]) -> int | None:
    """Of `candidates` (columns named by nothing the synonyms know, with their header's words), the one
    column whose every cell is a code, none blank (_CODE; no currency's, market's or venue's) going with the
    company names of column `names` one to one on every row: the ticker beside its company's long name.
    None where there is none, or more than one (which code?)."""
    found = [q for q, words in candidates
             if not _OTHER_THINGS.intersection(words) and any(map(_ticker_s_name, words))
             and _pairs_one_to_one(names, q, body)]
    return found[0] if len(found) == 1 else None


# What a keeper calls a ticker's column where no synonym knows it: a ticker's or a symbol's name misspelt
# ("ticket", "tiker", "simbol") or cut short ("tick", "tkr", "sym"). Its values alone do not say it: any
# constant beside one company's name pairs one to one, a country's "US", an ISIN, an account's "U1234567",
# a broker's IBKR, a sector's TECH, a timeframe's "1D", and had loaded as the ticker, every such file of
# each country's companies as one security US; beside a few companies, their countries' or sectors' codes.
_TICKER_S_NAMES = ("ticker", "symbol")
_SHORT_NAMES = frozenset({"tick", "tkr", "tic", "sym", "symb"})  # "tickers", "symbols": one letter added (_one_edit)


def _ticker_s_name(word: str) -> bool:
    return word in _SHORT_NAMES or any(_one_edit(word, name) for name in _TICKER_S_NAMES)


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` is `b` but for one letter changed, added, dropped, or two beside each other swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _pairs_one_to_one(names: int, q: int, body: Sequence[Sequence[str]]) -> bool:
    pairs = {(r[names].strip(), r[q].strip()) for r in body if max(names, q) < len(r)}
    if not pairs or any(not name or not code for name, code in pairs):
        return False
    codes = {code for _, code in pairs}
    # Nor a period's ("2025Q4", "FY24", "JAN"): a quarter's column beside an index's name had been taken.
    if any(not _CODE.fullmatch(c) or any(c in words for words in _NOT_CODES) or sheet_names_a_period(c)
           for c in codes):
        return False
    return len(codes) == len(pairs) == len({name for name, _ in pairs})
