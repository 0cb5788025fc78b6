"""Tell a note of prose from a table: a file whose lines are sentences holds no rows of values."""

from __future__ import annotations

import re

from .steady import split_by_a_common_delimiter

# A word of prose: letters, maybe an apostrophe or hyphen inside, maybe the punctuation that follows
# a word in a sentence ("household,", "codebook.", "(2019)" is no word: digits and brackets).
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*[,;:.!?]?")
_SENTENCE_END = ".!?。！？"
# Scripts written without spaces between words: a sentence of them is one run, told by its length.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MIN_WORDS = 5
_MIN_UNSPACED = 15
_LINES = 40  # the first lines weighed
_HEAD = 16384  # the characters they are looked for in: forty sentences fit, a 2 MB sample is not split
_TAIL = 10  # the last lines weighed too: a table below a long preamble of sentences ends the sample


def _sentence(line: str) -> bool:
    """Whether `line` reads as a sentence: five words or more, four in five of its tokens words, or
    a run of a script written unspaced of fifteen characters or more; closed by a sentence's mark."""
    line = line.strip()
    if not line.endswith(tuple(_SENTENCE_END)):
        return False
    if len(_UNSPACED.findall(line)) >= _MIN_UNSPACED:
        return True
    tokens = line.split()
    return len(tokens) >= _MIN_WORDS and sum(bool(_WORD.fullmatch(t)) for t in tokens) >= 0.8 * len(tokens)


def mostly_sentences(lines: list[str]) -> bool:
    """Whether nine in ten of `lines` (two or more, non-blank) read as sentences."""
    return len(lines) >= 2 and sum(map(_sentence, lines)) >= 0.9 * len(lines)


def _nonblank(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def prose_problem(text: str) -> str | None:
    """The problem of a text of prose, None for any other: its first lines, the first of them too
    (a one-column table of sentences starts with its header's name: "comment"), and its last lines
    (a table below forty lines of notes, each a sentence), are sentences nine in ten, and no common
    delimiter stands steady on them (a table whose last column holds a sentence: "1,2024-01-02,The
    market rose."). Read as a table, the first sentence was its header, the others its rows, cut on
    their full stops or spaces."""
    cut = len(text) > _HEAD
    lines = _nonblank(text[:_HEAD])[:-1] if cut else _nonblank(text)
    if len(lines) < 2 or not _sentence(lines[0]):
        return None
    head = lines[:_LINES]
    # (past the head: its first line may start mid-line)
    tail = (_nonblank(text[-_HEAD:])[1:] if cut else lines[_LINES:])[-_TAIL:]
    if any(sum(map(_sentence, part)) < 0.9 * len(part) for part in (head, tail) if part):
        return None
    if split_by_a_common_delimiter(head + tail):
        return None
    return "no table found: its lines are sentences of prose, not rows of values"
