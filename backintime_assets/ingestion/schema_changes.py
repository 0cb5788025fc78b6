"""What differs between a file's stored detection and a new one, one line per change, as
`schema redetect` prints it; no difference means the file reads exactly as before."""
from __future__ import annotations

import re
from dataclasses import fields

from backintime_assets.detection import FileSchema
from backintime_assets.detection.schema import ColumnSchema

# Every field that decides how rows are read (shared_layouts/schema_texts.reading_key leave out the
# same three): taken from the dataclasses, so a field added to detection is compared without a word here.
_NOT_READING = ("file", "confidence", "borrowed_from", "columns")
FILE_FIELDS = tuple(f.name for f in fields(FileSchema) if f.name not in _NOT_READING)
# A date column's evening stamps (ColumnSchema.evenings, under either day/month order) say what its sample
# showed, not how it reads.
COLUMN_FIELDS = tuple(f.name for f in fields(ColumnSchema) if f.name not in ("name", "confidence", "evenings",
                                                                              "evenings_other_order"))
_SAID = {"canonical": "mapping"}  # as `schema override --mapping` calls it
# What settled a reading, as text ("order settled by 3 sibling files of the same layout"): its counts grow with
# the files stored beside it, and a file settled alike by more of them reads as before. Redetected after a
# daily run, nearly every file was reported changed (and stored again) for its count alone.
_PROVENANCE = ("order_from", "marks_from")
_COUNT = re.compile(r"\d+")
_PLURAL = re.compile(r"\b(file|bar)s\b")  # "1 sibling file", "3 sibling files"
LISTED_NAMES = 10


def schema_changes(stored: dict | None, new: dict) -> list[str]:
    """The changes from `stored` (file_layouts.dialect; None: never detected) to `new`, each as
    `delimiter ';' -> ','` or `column 1 Date: format '%m/%d/%Y' -> '%d/%m/%Y'`."""
    if stored is None:
        return ["no stored detection"]
    # Read through the dataclass: a schema stored before a field existed reads as its default.
    old, now = FileSchema.from_dict(stored).to_dict(), FileSchema.from_dict(new).to_dict()
    lines = [f"{name} {_shown(old.get(name))} -> {_shown(now.get(name))}"
             for name in FILE_FIELDS if _differs(name, old.get(name), now.get(name))]
    old_names = [c["name"] for c in old["columns"]]
    new_names = [c["name"] for c in now["columns"]]
    if old_names != new_names:
        lines.append(columns_line(old_names, new_names))
    for index, column in enumerate(now["columns"]):
        before = _same_column(old_names, column["name"], index)
        if before is None:
            continue  # a column added: the columns line says so
        was = old["columns"][before]
        lines += [f"column {index + 1} {column['name']}: {_SAID.get(key, key)} {_shown(was.get(key))} -> "
                  f"{_shown(column.get(key))}" for key in COLUMN_FIELDS if _differs(key, was.get(key), column.get(key))]
    return lines


def _differs(key: str, was, now) -> bool:
    if key in _PROVENANCE and isinstance(was, str) and isinstance(now, str):
        return _uncounted(was) != _uncounted(now)
    return was != now


def _uncounted(provenance: str) -> str:
    return _PLURAL.sub(r"\1", _COUNT.sub("N", provenance))


def _same_column(names: list[str], name: str, index: int) -> int | None:
    """The stored column a new column is: the same name at the same number, else the one of its name."""
    if index < len(names) and names[index] == name:
        return index
    return names.index(name) if names.count(name) == 1 else None


def columns_line(old: list[str], new: list[str]) -> str:
    """How a header's names changed: `columns added 'Adj Close'; removed 'Close'`, or reordered."""
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    if not added and not removed:
        return f"columns reordered: {_listed(new)}"
    return "columns " + "; ".join(part for part in (added and f"added {_listed(added)}",
                                                    removed and f"removed {_listed(removed)}") if part)


def _listed(names: list[str]) -> str:
    more = f" and {len(names) - LISTED_NAMES} more" if len(names) > LISTED_NAMES else ""
    return ", ".join(repr(n) for n in names[:LISTED_NAMES]) + more


def _shown(value) -> str:
    return "none" if value is None else repr(value)
