"""Arrow schemas of the lake's tables (the `date` partition column is kept in the directory name)."""
import pyarrow as pa

PRICES = pa.schema([
    ("ticker", pa.string()), ("sector", pa.string()),
    ("open", pa.float64()), ("high", pa.float64()), ("low", pa.float64()), ("close", pa.float64()),
    # volume: float64, as written: a coin's 0.0213, a fund's 12.5 units (int64 until session 22: rounded,
    # a 0.4 loaded as 0; date files written before hold int64 and are read as float64, tables.py).
    ("adj_close", pa.float64()), ("volume", pa.float64()),
    ("source_file", pa.string()), ("source_line", pa.int64()),
])

REJECTED_ROWS = pa.schema([
    ("source_file", pa.string()), ("source_line", pa.int64()), ("raw", pa.string()), ("reason", pa.string()),
])

TABLES = {"prices": PRICES, "rejected_rows": REJECTED_ROWS}
