"""Names pandas made unique: reading a file back (a MultiIndex export, any repeated name) it writes
the second "Close" as "Close.1", the third "Close.2" ("Date,Close,Close.1,Close.2" under ",SPY,QQQ,IWM";
"Open,...,Volume,Open.1,...,Volume.1" of two tickers' blocks). Taken as names of their own, they
named nothing: the first ticker's column loaded under the file's name and the others' left unread
without a word. Read as the repeats they are, labels over them set the tickers apart (series.py),
and with none to, the repeats are refused (canonical.repeated_unlabelled)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SUFFIXED = re.compile(r"(.*[^\W\d_].*)\.([1-9]\d*)")  # a name with a letter, ".1", ".2", ...


def unsuffixed(row: Sequence[str]) -> list[str]:
    """The row's cells, each "X.N" whose "X" is another cell of the row written as X: the suffix
    only pandas gives a repeat. A "X.1" alone ("Close.1" with no "Close") keeps its name."""
    names = {c.strip() for c in row}
    return [m.group(1) if (m := _SUFFIXED.fullmatch(c.strip())) is not None and m.group(1) in names else c
            for c in row]
