"""Digit shapes of cells: every ASCII digit written as 0, so that a number test runs once per shape.

The cells of a price or volume column are nearly all distinct, yet they come in a handful of
shapes ("28,9658" and "83,2838" are both "00,0000"). A test that treats every ASCII digit alike
gives a cell and its shape the same answer: regexes that name no particular digit (only \\d, \\w,
\\s and classes holding all ten ASCII digits or none), str.isdigit, float(). The number tests and
the dialect's value patterns are such tests; date tests are not (a year starts 19 or 20, a month
stops at 12) and look at the cells themselves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .joined import SEP, joined

_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def shape_of(text: str) -> str:
    """`text` with every ASCII digit written as 0."""
    # bytes.translate is a table lookup per byte; str.translate calls into a dict per character
    # of a non-ASCII text (some 40x slower). In UTF-8 no byte of a multi-byte character is below
    # 0x80, so the digits are the only bytes that change; surrogatepass carries a lone surrogate
    # through unchanged (detection decodes with errors="replace" and makes none, but a caller's
    # text may hold one, and must not raise here).
    if text.isascii():
        return text.encode("ascii").translate(_ZEROS).decode("ascii")
    return text.encode("utf-8", "surrogatepass").translate(_ZEROS).decode("utf-8", "surrogatepass")


def joined_shapes(text: str) -> list[str]:
    """The shape of each cell of `text`, a joined.joined() text (a NUL before, between and after
    the cells), in order: one translation in C for all of them. The text of no cells is the text
    of one empty cell, and reads as that."""
    return shape_of(text).split(SEP)[1:-1]


def shape_hits(text: str, joined_rx) -> tuple[list[str], list[bool]]:
    """The shape of each cell of `text` (a joined.joined() text), and whether `joined_rx` (a
    joined.joined_regex) matches it whole: each distinct shape tested once, in one scan."""
    return hits_of_shapes(joined_shapes(text), joined_rx)


def hits_of_shapes(shapes: list[str], joined_rx) -> tuple[list[str], list[bool]]:
    """`shapes` (of cells, joined_shapes), and whether `joined_rx` matches each whole (see shape_hits)."""
    verdicts = _verdicts(joined_rx)
    try:
        return shapes, list(map(verdicts.__getitem__, shapes))
    except KeyError:  # a shape not seen yet
        return shapes, list(map(_learn(verdicts, shapes, joined_rx).__getitem__, shapes))


def count_hits(text: str, joined_rx) -> int:
    """How many cells of `text` (a joined.joined() text) `joined_rx` matches whole (see shape_hits)."""
    return count_shapes(joined_shapes(text), joined_rx)


def count_shapes(shapes: Sequence[str], joined_rx) -> int:
    """How many of `shapes` (of cells, joined_shapes) `joined_rx` matches whole (see shape_hits)."""
    verdicts = _verdicts(joined_rx)
    try:
        return sum(map(verdicts.__getitem__, shapes))
    except KeyError:
        return sum(map(_learn(verdicts, shapes, joined_rx).__getitem__, shapes))


# The verdicts of each joined regex on the shapes it was asked about. The shapes of prices, volumes
# and dates recur from column to column and file to file ("00.0000", "000000", "0000-00-00"): the
# regex runs on the new ones, the others cost a lookup. Bounded: a regex's verdicts start afresh
# when too many have piled up (shapes of text cells, which seldom recur).
# Only short shapes are kept: a price, volume or date is a few dozen characters, and the bound
# counts shapes, not characters (16k notes of a few KB each, over thousands of files, held
# hundreds of MB per regex before the reset).
_VERDICTS: dict = {}
_MAX_VERDICTS = 1 << 14
_MAX_KEPT_LEN = 64


def _verdicts(joined_rx) -> dict[str, bool]:
    verdicts = _VERDICTS.get(joined_rx)
    if verdicts is None or len(verdicts) > _MAX_VERDICTS:
        verdicts = _VERDICTS[joined_rx] = {}
    return verdicts


def _learn(verdicts: dict[str, bool], shapes: Sequence[str], joined_rx) -> dict[str, bool]:
    """`verdicts` with those on the new ones of `shapes` added, each distinct one tested once."""
    distinct = set(shapes)
    new = distinct.difference(verdicts)
    matched = matched_shapes(new, joined_rx)
    answers = {s: s in matched for s in new}
    if all(len(s) <= _MAX_KEPT_LEN for s in new):
        verdicts.update(answers)
        return verdicts
    verdicts.update((s, v) for s, v in answers.items() if len(s) <= _MAX_KEPT_LEN)
    known = distinct.difference(answers)
    answers.update(zip(known, map(verdicts.__getitem__, known)))  # the long ones for this call alone
    return answers


def matched_shapes(shapes: Iterable[str], joined_rx) -> set[str]:
    """The distinct `shapes` (no NUL in them: see joined_shapes) that `joined_rx`, a
    joined.joined_regex without groups, matches whole; each tested once, all in one scan."""
    text = joined(list(set(shapes)))
    return {m[1:] for m in joined_rx.findall(text)}  # each match is the NUL before its cell + the cell
