"""Postgres tables Back In Time owns: the raw-file manifest, detected schemas and backtest results."""
