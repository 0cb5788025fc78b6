"""The words of a name, a title or a file's name: the one splitter of every rule that reads names by
their words ("OrderNo", "PE Ratio", "euribor_3m", "Zinssätze"), with the few ways its callers need."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

# A letter's case in Latin-1 by class, the names of nearly every file; beyond it ("ЦенаЗакрытия", "PréHigh"
# in Greek) by str.isupper/islower, letter by letter: classes of every script's cased letters cost a scan of
# the 65,536 BMP code points and a compile, ~25 ms at every import (a Spark worker's start).
_LATIN1_LOWER = re.escape("".join(c for c in map(chr, range(0x100)) if c.islower()))
_LATIN1_UPPER = re.escape("".join(c for c in map(chr, range(0x100)) if c.isupper()))
_CAMEL = {
    "lower": re.compile(f"(?<=[{_LATIN1_LOWER}])(?=[{_LATIN1_UPPER}])"),  # "OrderNo"; "IBOrderID": "IBOrder", "ID"
    # And a run of capitals before a word: "PERatio": "PE", "Ratio"
    "capitals": re.compile(f"(?<=[{_LATIN1_LOWER}])(?=[{_LATIN1_UPPER}])"
                           f"|(?<=[{_LATIN1_UPPER}])(?=[{_LATIN1_UPPER}][{_LATIN1_LOWER}])"),
}
_RUNS = {
    "joined": re.compile(r"[^\W_]+"),  # "gdp2024", "fee2": one word
    "apart": re.compile(r"[^\W\d_]+|\d+"),  # "gdp", "2024"
    "dropped": re.compile(r"[^\W\d_]+"),  # "gdp" ("euribor_3m": "euribor", "m")
}
# Letters NFKD keeps whole that name sides and sizes: Turkish "Alış", "Satış" (a dotless ı), Polish "Giełda".
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L"})


def words(text: str, *, camel: Literal["lower", "capitals"] | None = "capitals",
          digits: Literal["joined", "apart", "dropped"] = "apart", fold: bool = False) -> list[str]:
    """The words of `text`, letters of any script between spaces, marks and underscores, as written.
    `camel`: camel case split where a lower-case letter meets a capital ("lower": "OrderNo" -> Order, No),
    or a run of capitals a capitalised word too ("capitals": "PERatio" -> PE, Ratio); None: not split.
    `digits`: a run of digits a word of the letters beside it ("joined": "gdp2024"), one of its own
    ("apart": "gdp", "2024") or none ("dropped"). `fold`: in lower case, accents dropped ("Gebühren" ->
    "gebuhren")."""
    return list(_words(text, camel, digits, fold))  # a list of its own: a caller may change it


# A file's column names are read by words in a score of its rules, each name many times over, and the
# same names recur from file to file (an office's synonyms): split once, not at every rule's asking.
@lru_cache(maxsize=8192)
def _words(text: str, camel: Literal["lower", "capitals"] | None, digits: Literal["joined", "apart", "dropped"],
           fold: bool) -> tuple[str, ...]:
    if camel:
        text = _CAMEL[camel].sub(" ", text) if text.isascii() or max(text) <= "\xff" \
            else _camel_cut(text, capitals=camel == "capitals")
    if fold:
        text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED)).lower()
        # Recomposed: NFKD takes a Hangul syllable apart into its letters ("매수" would match no word listed).
        text = unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))
    return tuple(_RUNS[digits].findall(text))


def _camel_cut(text: str, *, capitals: bool) -> str:
    """`text` with a space where _CAMEL would cut it, for letters of any script."""
    cut = []
    for i, c in enumerate(text):
        if i and c.isupper() and (text[i - 1].islower() or capitals and text[i - 1].isupper()
                                  and i + 1 < len(text) and text[i + 1].islower()):
            cut.append(" ")
        cut.append(c)
    return "".join(cut)


def folded_words(name: str) -> list[str]:
    """The lower-case words of a column's name, accents dropped, as statements and the rules after them
    read names ("Gebühren" -> "gebuhren", "Comm/Fee" -> comm, fee; "OrderNo" -> order, no)."""
    return words(name, camel="lower", digits="joined", fold=True)
