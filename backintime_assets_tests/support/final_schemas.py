"""Reading a file as a run reads it once a schema is stored: by its final schema."""
from __future__ import annotations

from backintime_assets.db import file_schemas
from backintime_assets.detection import FileSchema
from backintime_assets.normalisation import normalise_bytes


def read_as_stored(conn, sha256: str, data: bytes, name: str):
    """`data` (the file `sha256`, named `name`) normalised with its final schema as stored: detection
    with the users' corrections and those carried from the file's previous version."""
    return normalise_bytes(data, FileSchema.from_dict(file_schemas.final_schema(conn, sha256)), name)
