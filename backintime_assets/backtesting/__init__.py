"""Incremental backtests: which prices a month's entries need, and the latest closes to mark them to."""
