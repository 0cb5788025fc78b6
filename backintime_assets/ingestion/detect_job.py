"""Detect one raw file of the lake inside a Spark task that surveys many (survey.py).

The task keeps a LayoutMemory, so a file of one template that lands in the same slice as an
earlier one borrows its schema on the bytes before the data alone, and the survey's read of the
whole file proves it (shared_layouts.py). A file is read only where detection looks: its first
PEEK_BYTES, which settle most borrowings, then up to HEAD_BYTES and its last TAIL_BYTES when it
is detected on its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from backintime_assets.detection import HEAD_BYTES, detect_opened

# Larger files never borrow: they are read in pieces and so a borrowed schema could not be proven
# on the whole file (parsed.py). Keep it at most convert.PIECE_BYTES.
BORROW_MAX_BYTES = 4 * 2**20
PEEK_BYTES = 4096


@dataclass(frozen=True)
class DetectTask:
    key: str
    lake_path: str
    name: str
    size_bytes: int


def detect_one(fs, task: DetectTask, memory, borrow_max_bytes: int = BORROW_MAX_BYTES):
    """The file's schema: borrowed from an earlier file of the slice, else detected from its head
    and tail as detect_bytes would (a workbook read whole: a zip needs its end)."""
    from backintime_assets.detection.xlsx import is_workbook

    with fs.open_input_file(task.lake_path) as handle:
        size = handle.size()
        head = handle.read(PEEK_BYTES)  # holds the header of most files: enough to borrow
        can_borrow = size <= borrow_max_bytes and not is_workbook(head, task.name)
        borrowed = memory.borrow(head, task.name) if can_borrow else None
        if borrowed is not None:
            return borrowed
        head += handle.read(HEAD_BYTES - len(head))
        borrowed = memory.borrow(head, task.name) if can_borrow and len(head) > PEEK_BYTES else None
        if borrowed is not None:  # a preamble longer than the peek
            return borrowed
        schema = detect_opened(handle, size, task.name, head)
    memory.learn(head, schema)
    return schema
