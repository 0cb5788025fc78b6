"""The price a file's name says its columns hold, where its header names only tickers: pandas'
`prices["Close"].to_csv("close.csv")` writes "Date,AAPL,MSFT", each ticker's closes side by side, and
only the name tells which price they are."""

from __future__ import annotations

from .filename import base_name
from .words import words

# Words naming the close, in the languages the header synonyms know (canonical.py); "px_last" is Bloomberg's.
_CLOSE = frozenset({"close", "closes", "closing", "px", "last", "schluss", "schlusskurs", "schlusskurse",
                    "cierre", "cloture", "chiusura", "fechamento"})
# Words that make the name another price's or no price's: an adjusted close is not the close, and a
# name that also says open, high, low, volume or returns is no one field's.
_OTHER = frozenset({"adj", "adjusted", "adjclose", "open", "high", "low", "volume", "volumes", "vol", "return",
                    "returns", "ret", "change", "changes", "pct", "yield", "yields", "spread", "spreads",
                    "bid", "ask", "mid", "vwap", "previous", "prev"})
# And what else a matrix of tickers is saved as: shares, their value, a portfolio's weights, and the
# valuations a screener saves per ticker ("market_caps.csv", "pe_ratios.csv"), whose numbers move as
# closes do and had loaded as them.
_NO_PRICE = frozenset({"shares", "cap", "caps", "mcap", "mktcap", "marketcap", "marketcaps", "capitalization",
                       "capitalisation", "valuation", "valuations", "outstanding", "turnover", "amount", "weight",
                       "weights", "dividend", "dividends", "nav", "pe", "eps", "ratio", "ratios",
                       "earnings", "beta", "betas", "rating", "ratings", "score", "scores", "rank", "ranks"})


def _words(name: str) -> set[str]:
    return {w.lower() for w in words(base_name(name), camel=None, digits="dropped")}


def other_field_named(name: str) -> bool:
    """Whether the file's name says its numbers are another field than the close, or no one field
    ("volume.csv", "adj_close.csv", "returns.csv", "open_close.csv")."""
    return bool(_words(name) & (_OTHER | _NO_PRICE))


def close_named(name: str) -> bool:
    """Whether the file's name says its numbers are closes ("close.csv", "closing_prices_2024.csv",
    "px_last.csv", "Schlusskurse.csv"), and nothing else: not "adj_close.csv", not "open_close.csv".
    "last" alone ("last_week.csv") says no price: it counts beside "px" only."""
    words = _words(name)
    if words & _OTHER:
        return False
    if "last" in words and "px" not in words:
        words.discard("last")
    words.discard("px")
    return bool(words & _CLOSE)
