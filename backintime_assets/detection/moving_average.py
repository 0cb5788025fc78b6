"""A close that is a moving average of the close ("Date,ema_close", "Date,Close SMA20"): the file's only
close named so holds no day's price, and loaded as one it had stood as each day's close without a word."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .statements import NOT_PRICES
from .words import words as split_words

# A moving average's or a smoothing filter's name. "MA" alone is Mastercard's ticker as often: it counts
# only with its period ("MA20", "ma_50").
_AVERAGES = frozenset({"sma", "ema", "wma", "vwma", "dema", "tema", "trima", "hma", "kama", "smma", "rma", "zlema",
                       "alma", "lsma", "jma", "ewma"})
# In other languages too: "moyenne mobile", "media móvil", "media mobile", "média móvel", "gleitender Durchschnitt".
_MOVING = re.compile(r"moving\s*-?\s*av(?:era)?g|rolling\s*-?\s*(?:mean|av(?:era)?g)|moyenne\s*-?\s*mobile"
                     r"|m[eé]dia\s*m(?:[oó]vil|obile|[oó]vel)|gleitende[nrs]?\s*durchschnitt", re.IGNORECASE)
# An average with its period, abbreviated in other languages too: German "GD200" (gleitender
# Durchschnitt), French, Spanish and Italian "MM20" (moyenne mobile, media móvil, media mobile), or in words
# ("Close (20-day avg)", "Close 20D Mean"): no day's price. Without a period, "Avg Price" may be the day's.
_PERIODIC = frozenset({"ma", "dma", "gd", "mm", "mms", "mme", "avg", "average", "mean",
                       "moyenne", "durchschnitt", "media", "promedio"})  # "Clôture (moyenne 20 jours)"
_SPANS = frozenset({"d", "day", "days", "w", "wk", "week", "weeks",  # "20-day", "20D"
                    "tage", "tagen", "jours", "giorni", "dias", "wochen", "semaines", "semanas", "settimane"})


def averaged(name: str) -> bool:
    """Whether a column's name says it is a moving average: its average's name with a period ("SMA20",
    "Close (MA 50)", "ema_20_close", "Close 50 SMA"), written in lower case as a quant's column is ("ema_close": in
    capitals, "EMA Close" may be Emera's), or in words ("20-day moving average", "Close (20-day avg)",
    "Schluss GD200", "Clôture MM20")."""
    if _MOVING.search(name):
        return True
    words = split_words(name, camel="lower")
    # A period's words: its number, and the span after it ("20-day", "20D")
    spans = {i for i, w in enumerate(words) if w.isdigit() or i > 0 and words[i - 1].isdigit() and w.lower() in _SPANS}
    for i, w in enumerate(words):
        low = w.lower()
        period = i + 1 in spans or i - 1 in spans  # "SMA20", "50 SMA", "20-day avg"
        if low in _AVERAGES and (period or w.islower()) or low in _PERIODIC and period:
            return True
    return False


def moving_average_problem(names: Sequence[str], canonical: Sequence[str | None]) -> str | None:
    """Why a table whose close is named as a moving average has no day's close to load, else None."""
    if "close" not in canonical or (j := list(canonical).index("close")) >= len(names) or not averaged(names[j]):
        return None
    # Said as a table of no prices (statements.NOT_PRICES): a judgement of the names a user may overrule.
    return f"a moving average of the close, no day's price{NOT_PRICES}{names[j]}"
