"""Tell a note of prose from a table: a file whose lines are sentences holds no rows of values."""

from __future__ import annotations

import re

from .steady import split_by_a_common_delimiter

# A word of prose: letters, maybe an apostrophe or hyphen inside, maybe the punctuation that follows
# a word in a sentence ("household,", "codebook.", "(2019)" is no word: digits and brackets).
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*[,;:.!?]?")
_SENTENCE_END = ".!?。！？"
_ENDS = tuple(_SENTENCE_END)  # for str.endswith
# Scripts written without spaces between words: a sentence of them is one run, told by its length.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_MIN_WORDS = 5
_MIN_UNSPACED = 15
_LINES = 40  # the first lines weighed
_HEAD = 16384  # the characters they are looked for in: forty sentences fit, a 2 MB sample is not split
_TAIL = 10  # the last lines weighed too: a table below a long preamble of sentences ends the sample
_TITLE_WORDS = 8  # a title line's words at most


def _sentence(line: str) -> bool:
    """Whether `line` reads as a sentence: five words or more, four in five of its tokens words, or
    a run of a script written unspaced of fifteen characters or more; closed by a sentence's mark."""
    line = line.strip()
    if not line.endswith(_ENDS):
        return False
    if len(_UNSPACED.findall(line)) >= _MIN_UNSPACED:
        return True
    tokens = line.split()
    return len(tokens) >= _MIN_WORDS and sum(bool(_WORD.fullmatch(t)) for t in tokens) >= 0.8 * len(tokens)


def _wrapped(lines: list[str]) -> bool:
    """Whether `lines` are prose wrapped at a width: nine in ten of their tokens words, running on
    across the line ends, sentences ending mid-line as well ("...the roof of the" over "old library
    building. The gauge was moved..."), the last ending the text, of five words or more on average.
    Each line ends no sentence, so none read as one, and the lines' words were taken for a table's
    columns split by spaces. A table's rows end no sentence inside them."""
    # A sentence ending inside a line is looked for first: a table's rows (most samples) end none, and
    # nothing more is counted of them.
    if len(lines) < 2 or not any(t.endswith(_ENDS) for line in lines for t in line.split()[:-1]):
        return False
    tokens = [t for line in lines for t in line.split()]
    ends = sum(t.endswith(_ENDS) for t in tokens)
    return (tokens[-1].endswith(_ENDS)
            and len(tokens) >= _MIN_WORDS * ends and sum(bool(_WORD.fullmatch(t)) for t in tokens) >= 0.9 * len(tokens))


def _prose(lines: list[str]) -> bool:
    """Whether `lines` read as prose: sentences nine lines in ten, or prose wrapped at a width."""
    return sum(map(_sentence, lines)) >= 0.9 * len(lines) or _wrapped(lines)


def _titled(text: str, lines: list[str]) -> bool:
    """Whether the first of `lines` is a title: a few words on a line of their own, a blank line
    under them ("Notes on the export"), over two lines or more. Its words are no sentence: the
    text's first sentence was taken for the header of a one-column table of sentences."""
    first = text.lstrip().split("\n", 2)
    return (len(lines) >= 3 and len(first) == 3 and not first[1].strip() and not _sentence(lines[0])
            and len(lines[0].split()) <= _TITLE_WORDS)


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
    their full stops or spaces. Prose wrapped at a width, its sentences running across the line ends,
    is prose too (_wrapped), and so is prose under a title line (_titled)."""
    cut = len(text) > _HEAD
    lines = _nonblank(text[:_HEAD])[:-1] if cut else _nonblank(text)
    if len(lines) < 2:
        return None
    if _titled(text, lines):
        lines = lines[1:]
    head = lines[:_LINES]
    if not (_sentence(lines[0]) or _wrapped(head)):
        return None
    # (past the head: its first line may start mid-line)
    tail = (_nonblank(text[-_HEAD:])[1:] if cut else lines[_LINES:])[-_TAIL:]
    if not all(_prose(part) for part in (head, tail) if part):
        return None
    if split_by_a_common_delimiter(head + tail):
        return None
    return "no table found: its lines are sentences of prose, not rows of values"
