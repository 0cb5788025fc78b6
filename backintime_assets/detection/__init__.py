"""Field detection: encoding, dialect, table layout and column types of messy CSV/xlsx files."""

from .detect import detect_bytes, detect_file, detect_sample
from .schema import COLUMN_TYPES, ColumnSchema, FileSchema

__all__ = ["COLUMN_TYPES", "ColumnSchema", "FileSchema", "detect_bytes", "detect_file", "detect_sample"]
