"""A list of quoted texts, one a line: a table of one column, each line a single quoted field
('"Hello there, my friend"'), which the delimiter scoring would cut at its spaces (words are
known cells, and a single column scores next to nothing against several)."""

from __future__ import annotations

import re
from itertools import islice

# A steady count of a table's delimiter inside every line makes the lines a table quoted whole
# ('"2020-01-02,1.5"'): unwrapped before the dialect is judged (wrapped_lines.py); any it leaves
# (no numbers in it, rows of several widths) are left to the scoring, as before.
from .prose import mostly_sentences
from .wrapped_lines import LINE_QUOTES, TABLE_DELIMITERS

_MIN_LINES = 2
_SENTENCES = 40  # the texts weighed as sentences


def one_quoted_field(lines: list[str]) -> tuple[str, str | None] | None:
    """(quote, escape) when every non-blank line but perhaps the first (a bare header: "text") is
    one field in quotes: it opens and closes the line, and any quote inside is doubled or
    backslash-escaped. None otherwise, or when the texts inside hold a delimiter as steadily as a
    table's rows do."""
    # The second filled line is of the body whatever the first is: unless it is one field in quotes (most
    # samples' rows), no body is, and the rest are spared the strip.
    second = next(islice((ln for ln in map(str.strip, lines) if ln), 1, None), "")
    if not _wrapped(second, second[:1]):
        return None
    body = [ln.strip() for ln in lines if ln.strip()]
    if body and not _wrapped(body[0], body[0][:1]):
        body = body[1:]
    if len(body) < _MIN_LINES:
        return None
    for q in LINE_QUOTES:
        if not all(_wrapped(ln, q) for ln in body):
            continue
        inner = [ln[1:-1] for ln in body]
        backslash = re.compile(r"\\\\|\\" + re.escape(q))
        doubled = [_lone_quote(text, q) for text in inner]
        escaped = [_lone_quote(backslash.sub("", text), q) for text in inner]
        if not any(doubled):
            escape = None
        elif not any(escaped):
            escape = "\\"
        else:
            continue  # a quote inside that neither doubling nor a backslash explains: fields end mid-line
        if any(len({text.count(d) for text in inner}) == 1 and inner[0].count(d) > 0 for d in TABLE_DELIMITERS) \
                and not mostly_sentences(inner[:_SENTENCES]):  # a comma in each sentence: still texts
            return None
        return q, escape
    return None


def _wrapped(line: str, q: str) -> bool:
    return q in LINE_QUOTES and len(line) >= 2 and line[0] == q and line[-1] == q


def _lone_quote(text: str, q: str) -> bool:
    """A quote in `text` that is not one of a doubled pair."""
    return q in text.replace(q + q, "")
