"""The lines of a text file detection failed on: each rejected with the reason, as a refused file's are.

A detector's fault on one file (a bug: a stamp with its UTC offset beside a plain date once raised
TypeError) leaves the survey a schema of no columns and the problem "unreadable: TypeError: ..."
(ingestion/survey.py). Read as no lines at all, as a binary file is, its data lines had ended in neither
prices nor rejected_rows: read 0 = loaded 0 + rejected 0, every_row_accounted_for passed, and only
raw_files.problem told. Which line is the header detection never said, so every line that holds
anything is rejected; blank ones are no data. A file that is not text after all (a workbook, a binary
named .csv) stays read as no lines."""

from __future__ import annotations

from backintime_assets.detection.encoding import binary_problem, detect_encoding

from .lines import LineIndex, to_utf8
from .records import Line

# The problem a survey gives a file detection raised on ("unreadable: TypeError: ..."); not a workbook's
# "unreadable workbook: ...", whose bytes are no text.
DETECTION_FAILED = "unreadable: "
SAMPLE_BYTES = 64 * 1024  # enough to tell the encoding, as detection's sample is


def detection_failed(error: Exception) -> str:
    """The problem of a file detection raised on: the survey's and the conversion's alike."""
    return f"{DETECTION_FAILED}{type(error).__name__}: {error}"


def unread_text_lines(data: bytes, reason: str) -> tuple[list[Line], int] | None:
    """(each line of `data` that holds anything: its number from 1, its text and `reason`; the file's
    physical lines), or None where `data` is no text."""
    sample = data[:SAMPLE_BYTES]
    try:
        encoding = detect_encoding(sample, complete=len(data) <= SAMPLE_BYTES)[0]
    except Exception:  # noqa: BLE001 - the detector that failed may be this one: undecodable bytes are replaced
        encoding = "utf-8"
    if not encoding.startswith(("utf-16", "utf-32")) and binary_problem(sample):
        return None
    index = LineIndex(to_utf8(data, encoding))
    texts = index.texts(range(index.count))
    return [(k + 1, text, reason) for k, text in enumerate(texts) if text.strip()], index.count
