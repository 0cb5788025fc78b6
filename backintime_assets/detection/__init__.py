"""Field detection: encoding, dialect, table layout and column types of messy CSV/xlsx files."""

from .detect import HEAD_BYTES, TAIL_BYTES, detect_bytes, detect_file, detect_head_tail, detect_opened, detect_sample
from .schema import COLUMN_TYPES, ColumnSchema, FileSchema

__all__ = [
    "COLUMN_TYPES", "ColumnSchema", "FileSchema", "HEAD_BYTES", "TAIL_BYTES", "detect_bytes", "detect_file",
    "detect_head_tail", "detect_opened", "detect_sample",
]
