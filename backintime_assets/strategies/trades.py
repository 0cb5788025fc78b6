"""The shape every strategy's trades share, so results of any strategy land in one table."""
from __future__ import annotations

# The common core. Strategies may append extra columns after these (see EXIT_COLUMNS).
TRADE_COLUMNS = [
    "strategy",
    "ticker",
    "sector",
    "purchase_date",
    "purchase_price",
    "purchase_vol",
    "last_close",
    "pnl",
]

# Strategies that sell add these; both are null while the position is still open, and pnl is then
# marked to last_close.
EXIT_COLUMNS = ["exit_date", "exit_price"]

# Spark SQL types of the core columns, used to check and cast user-supplied results.
TRADE_SPARK_TYPES = {
    "strategy": "string",
    "ticker": "string",
    "sector": "string",
    "purchase_date": "date",
    "purchase_price": "double",
    "purchase_vol": "double",
    "last_close": "double",
    "pnl": "double",
}
EXIT_SPARK_TYPES = {"exit_date": "date", "exit_price": "double"}
