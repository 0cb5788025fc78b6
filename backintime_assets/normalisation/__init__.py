"""Normalisation: file bytes + FileSchema -> canonical prices, rejected rows, non-data lines."""

from .normalise import default_ticker_for, normalise_bytes
from .result import CANONICAL_COLUMNS, REJECTED_COLUMNS, NormalisedFile

__all__ = ["CANONICAL_COLUMNS", "REJECTED_COLUMNS", "NormalisedFile", "default_ticker_for", "normalise_bytes"]
