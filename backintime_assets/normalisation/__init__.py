"""Normalisation: file bytes + FileSchema -> canonical prices, rejected rows, non-data lines."""

from .file_ticker import default_ticker_for
from .normalise import normalise_bytes
from .result import CANONICAL_COLUMNS, REJECTED_COLUMNS, NormalisedFile

__all__ = ["CANONICAL_COLUMNS", "REJECTED_COLUMNS", "NormalisedFile", "default_ticker_for", "normalise_bytes"]
