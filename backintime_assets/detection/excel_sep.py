"""Excel's `sep=` line: a first line "sep=;" (or "sep=,", "sep=|", "sep=<tab>", any case, quoted or
padded with the delimiter as a spreadsheet re-saves it: '"sep=;"', "sep=;;;") that tells Excel the
file's delimiter. It is preamble, neither the header nor a record, and its delimiter a strong prior
for the dialect (dialect.detect_dialect weighs it)."""

from __future__ import annotations

import re

# A delimiter is no letter, digit, quote or line break. The line may follow a BOM the decoder kept
# (a second one, or UTF-8's read as another encoding) and end in blanks.
_SEP_LINE = re.compile(r'\ufeff?("?)sep=([^\w"\r\n])\1(?:\2)*[ \t]*(?=\r\n|\r|\n|$)', re.IGNORECASE)


def declared_delimiter(text: str) -> tuple[str, int] | None:
    """(the delimiter the first line declares, the offset where that line's text ends), or None:
    one look at the start of the decoded sample."""
    m = _SEP_LINE.match(text)
    return (m.group(2), m.end()) if m else None


def without_sep_line(text: str, end: int) -> str:
    """`text` with the `sep=` line blanked (its line break kept, so every line keeps its number):
    read as a line, it split into "sep=" and an empty cell, and was taken for the header of a
    two-column table or a headerless one ("sep=" the first column's name)."""
    return text[end:]
