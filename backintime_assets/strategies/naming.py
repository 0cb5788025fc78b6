"""Which names strategy results may be stored under."""
from __future__ import annotations

import re

# Kept month by month by the incremental assets; a whole-history rewrite would fight them.
INCREMENTAL_NAMES = {"monthly_ma_dip"}
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")


def strategy_name_problem(name: str) -> str | None:
    """Why `name` cannot hold a recomputed strategy's results, or None if it can."""
    if not NAME_PATTERN.fullmatch(name):
        return (f"strategy name {name!r} must be 1-63 letters, digits, '_', '.' or '-', "
                "starting with a letter or digit")
    if name in INCREMENTAL_NAMES:
        return f"strategy name {name!r} is kept by the monthly assets; choose another name"
    return None
