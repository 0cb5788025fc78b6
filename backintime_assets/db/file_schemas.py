"""Detected file layouts and per-column schemas, with the user's overrides kept across re-detection."""
from __future__ import annotations

import json

from psycopg.types.json import Jsonb


def save_detection(conn, sha256: str, source_path: str, schema: dict) -> None:
    """Store a file's detected dialect and columns; a user's final type or mapping is never overwritten."""
    with conn.transaction():
        conn.execute(
            """insert into file_layouts (sha256, source_path, dialect) values (%s, %s, %s)
               on conflict (sha256) do update set dialect = excluded.dialect, detected_at = now()""",
            (sha256, source_path, Jsonb(schema)),
        )
        for index, column in enumerate(schema["columns"]):
            conn.execute(
                """insert into file_schemas (sha256, source_path, column_index, column_name, detected_type,
                       detected_format, confidence, detected_mapping, final_type, final_format, final_mapping)
                   values (%(sha)s, %(path)s, %(i)s, %(name)s, %(type)s, %(format)s, %(confidence)s, %(mapping)s,
                       %(type)s, %(format)s, %(mapping)s)
                   on conflict (sha256, column_index) do update set
                       column_name = excluded.column_name, detected_type = excluded.detected_type,
                       detected_format = excluded.detected_format, confidence = excluded.confidence,
                       detected_mapping = excluded.detected_mapping,
                       final_type = case when file_schemas.changed_by is null then excluded.final_type else file_schemas.final_type end,
                       final_format = case when file_schemas.changed_by is null then excluded.final_format else file_schemas.final_format end,
                       final_mapping = case when file_schemas.changed_by is null then excluded.final_mapping else file_schemas.final_mapping end""",
                {"sha": sha256, "path": source_path, "i": index, "name": column["name"], "type": column["type"],
                 "format": column.get("format"), "confidence": column.get("confidence"),
                 "mapping": column.get("canonical")},
            )


def final_schema(conn, sha256: str) -> dict | None:
    """The file's schema as detection produced it, with each column's final type and mapping applied."""
    row = conn.execute("select dialect from file_layouts where sha256 = %s", (sha256,)).fetchone()
    if row is None:
        return None
    schema = json.loads(json.dumps(row[0]))
    finals = conn.execute(
        "select column_index, final_type, final_format, final_mapping from file_schemas where sha256 = %s", (sha256,)
    ).fetchall()
    for index, final_type, final_format, final_mapping in finals:
        if index < len(schema["columns"]):
            schema["columns"][index].update(type=final_type, format=final_format, canonical=final_mapping)
    return schema


def override_column(conn, sha256: str, column_name: str, changed_by: str, final_type: str | None = None,
                    final_format: str | None = None, final_mapping: str | None = None) -> int:
    """A user's correction of one column; returns how many rows changed (0: no such column)."""
    result = conn.execute(
        """update file_schemas set final_type = coalesce(%s, final_type), final_format = coalesce(%s, final_format),
               final_mapping = coalesce(%s, final_mapping), changed_by = %s, changed_at = now()
           where sha256 = %s and column_name = %s""",
        (final_type, final_format, final_mapping, changed_by, sha256, column_name),
    )
    return result.rowcount
