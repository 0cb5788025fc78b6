"""Names pandas made unique: reading a file back (a MultiIndex export, any repeated name) it writes
the second "Close" as "Close.1", the third "Close.2" ("Date,Close,Close.1,Close.2" under ",SPY,QQQ,IWM";
"Open,...,Volume,Open.1,...,Volume.1" of two tickers' blocks). Taken as names of their own, they
named nothing: the first ticker's column loaded under the file's name and the others' left unread
without a word. Read as the repeats they are, labels over them set the tickers apart (series.py),
and with none to, the repeats are refused (canonical.repeated_unlabelled)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_SUFFIXED = re.compile(r"(.*[^\W\d_].*)\.([1-9]\d*)")  # a name with a letter, ".1", ".2", ...
# pandas' merge of two tables that share names suffixes the left one's "_x", the right one's "_y". A
# merge whose other side was then dropped keeps them on names that no longer have a twin: investing.com's
# Turkish download merged on its date ("Tarih,Şimdi_x,Açılış_x,Yüksek_x,Düşük_x,Hac._x,Fark %_x") named
# no price, and its gram-gold history was refused for "no close column".
_MERGED = re.compile(r"(.*[^\W\d_].*)_([xy])")
_OTHER_SIDE = {"x": "y", "y": "x"}


def unsuffixed(row: Sequence[str]) -> list[str]:
    """The row's cells, each "X.N" whose "X" is another cell of the row written as X: the suffix
    only pandas gives a repeat. A "X.1" alone ("Close.1" with no "Close") keeps its name. So is
    "X_x" (or "X_y") read as X where two cells or more of the row carry that suffix and the row holds
    neither X nor its twin from the other side: an axis's "acc_x" beside "acc_y" keeps its name."""
    names = {c.strip() for c in row}
    merged = Counter(m[2] for c in row if (m := _MERGED.fullmatch(c.strip())) is not None)

    def bare(cell: str) -> str:
        c = cell.strip()
        if (m := _SUFFIXED.fullmatch(c)) is not None and m[1] in names:
            return m[1]
        if (m := _MERGED.fullmatch(c)) is not None and merged[m[2]] >= 2 and m[1] not in names \
                and f"{m[1]}_{_OTHER_SIDE[m[2]]}" not in names:
            return m[1]
        return cell
    return [bare(c) for c in row]
