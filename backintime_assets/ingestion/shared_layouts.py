"""Detect many files at once, letting a file borrow the schema of an earlier one with its layout.

Offices export day after day from one template, and detection costs about as much as parsing a
small daily file. A file whose lines before the data (preamble and header) are byte-identical to
those of a file already detected borrows that file's schema, but only after proving it:
- the borrowed schema reads every row of the file's first 16 KiB: none is rejected for a reason
  of reading (an unparseable or missing value, a wrong field count), only for its values;
- the file's last 4 KiB end with exactly as many non-data lines (totals, notes) as the schema says.
Anything else (a rejected row, a different footer, an unusual file) and the file is detected on its
own, so borrowing can make detection cheaper but never different in what it accepts.
"""
from __future__ import annotations

from dataclasses import replace

from backintime_assets.detection import FileSchema, detect_bytes
from backintime_assets.detection.xlsx import is_xlsx
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.group import normalise_group

PROOF_HEAD_BYTES = 16 * 1024
PROOF_TAIL_BYTES = 4 * 1024
MIN_PROOF_ROWS = 1
# Rejections that say the schema may not fit the file (rather than that a row's values are bad).
READING_PROBLEMS = ("unparseable", "missing value", "wrong field count", "empty row", "file problem")


class LayoutMemory:
    """Schemas detected so far, by the bytes before their data; one per Spark task or CLI call."""

    def __init__(self) -> None:
        self._by_prefix: dict[bytes, FileSchema] = {}
        self._prefix_lengths: set[int] = set()  # data_start_line of the schemas held
        self.borrowed = 0
        self.detected = 0

    def detect(self, data: bytes, name: str) -> FileSchema:
        for known in self._candidates(data, name):
            if _proven(known, data, name):
                self.borrowed += 1
                return replace(known, file=name)
        schema = detect_bytes(data, name)
        self.detected += 1
        if _reusable(schema):
            self._by_prefix.setdefault(_prefix(data, schema.data_start_line), schema)
            self._prefix_lengths.add(schema.data_start_line)
        return schema

    def detect_many(self, files: list[tuple[bytes, str]]) -> list[FileSchema]:
        """detect() of each file, with the proofs of the files that borrow one schema read as one
        text (normalise_group): the same decisions, at a fraction of the fixed cost per file."""
        schemas: list[FileSchema | None] = [None] * len(files)
        borrowing: dict[int, tuple[FileSchema, list[int]]] = {}
        for i, (data, name) in enumerate(files):
            candidate = next(iter(self._candidates(data, name)), None)
            if candidate is None:
                schemas[i] = self.detect(data, name)  # detects it and remembers its layout
            else:
                borrowing.setdefault(id(candidate), (candidate, []))[1].append(i)
        for candidate, members in borrowing.values():
            proven = _proven_together(candidate, [files[i] for i in members])
            for i, ok in zip(members, proven):
                data, name = files[i]
                if ok:
                    self.borrowed += 1
                    schemas[i] = replace(candidate, file=name)
                else:
                    schemas[i] = self.detect(data, name)
        return schemas

    def _candidates(self, data: bytes, name: str) -> list[FileSchema]:
        """Schemas of earlier files whose bytes before the data this file repeats."""
        if is_xlsx(data, name):
            return []
        found = (self._by_prefix.get(_prefix(data, lines)) for lines in sorted(self._prefix_lengths))
        return [known for known in found if known is not None]


def _prefix(data: bytes, lines: int) -> bytes:
    """The first `lines` physical lines, as bytes (a UTF-16 line break also contains b"\\n")."""
    end = 0
    for _ in range(lines):
        end = data.find(b"\n", end) + 1
        if end == 0:
            return data
    return data[:end]


def _reusable(schema: FileSchema) -> bool:
    # Multi-byte encodings are left out: their tail sample cannot be cut at a line break byte-wise.
    return (schema.problem is None and schema.file_format == "csv" and schema.header_row >= 0
            and bool(schema.columns) and schema.data_start_line > 0
            and not schema.encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32")))


def _proven(schema: FileSchema, data: bytes, name: str) -> bool:
    sample, head_rows = _proof_sample(schema, data)
    return _reads_as(schema, normalise_bytes(sample, replace(schema, footer_lines=0), name), head_rows)


def _proven_together(schema: FileSchema, files: list[tuple[bytes, str]]) -> list[bool]:
    """_proven of each file, reading all their samples as one text when they allow it."""
    samples = [_proof_sample(schema, data) for data, _ in files]
    results = normalise_group([s for s, _ in samples], replace(schema, footer_lines=0), [n for _, n in files])
    if results is None:
        return [_proven(schema, data, name) for data, name in files]
    return [_reads_as(schema, result, head_rows) for result, (_, head_rows) in zip(results, samples)]


def _proof_sample(schema: FileSchema, data: bytes) -> tuple[bytes, int | None]:
    """(what to read to prove the schema, how many data rows of the head it holds; None: the whole file)."""
    if len(data) <= PROOF_HEAD_BYTES + PROOF_TAIL_BYTES:  # the whole file, footer included
        return data, None
    # The head and the tail are read as one text.
    head = data[:data.rfind(b"\n", 0, PROOF_HEAD_BYTES) + 1]
    tail = data[-PROOF_TAIL_BYTES:]
    tail = tail[tail.find(b"\n") + 1:]  # from the first whole line
    return head + tail, head.count(b"\n") - schema.data_start_line


def _reads_as(schema: FileSchema, result, head_rows: int | None) -> bool:
    """The lines after the last loaded row are exactly the schema's footer, no line before that
    was refused for a reason of reading, and (`head_rows`) the head held enough rows to judge."""
    loaded = result.prices_arrow["source_line"]
    last = int(loaded.to_numpy().max()) if len(loaded) else 0
    return (result.file_problem is None and last > 0 and result.physical_lines - last == schema.footer_lines
            and (head_rows is None or head_rows >= MIN_PROOF_ROWS)
            and not _reading_problems(result, last))


def _reading_problems(result, up_to_line: int) -> bool:
    rejected = result.rejected_arrow
    return any(reason.startswith(READING_PROBLEMS) and line <= up_to_line
               for line, reason in zip(rejected["source_line"].to_pylist(), rejected["reason"].to_pylist()))
