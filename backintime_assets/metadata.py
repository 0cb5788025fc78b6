"""Small helpers for the metadata every materialization records."""
from __future__ import annotations

import pandas as pd


def markdown_table(frame: pd.DataFrame, rows: int = 5) -> str:
    sample = frame.head(rows)
    if sample.empty:
        return "_no rows_"
    header = "| " + " | ".join(map(str, sample.columns)) + " |"
    rule = "|" + "---|" * len(sample.columns)
    lines = ["| " + " | ".join(str(v) for v in row) + " |" for row in sample.itertuples(index=False)]
    return "\n".join([header, rule, *lines])
