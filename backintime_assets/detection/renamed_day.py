"""The day a file's NAME gives a day's list of tickers with no date column, taken from the name it has now.

A detection is stored once per content (file_schemas is keyed by sha256), made under one of the content's
names: its `day` is the name's it was detected under. A rename ("pricelist_2025-03-04.csv" fixed to
"pricelist_2025-03-06.csv") had left every row under the old day, and `schema show` still said it, while
`detect` said the new one (silent); a copy saved under another day's name was filed under the first name's
day, its rows rejected there as duplicates. The ticker a name gives is taken from the current name at
conversion (parsed._named_after); a name's day is too, here, wherever a file is dated: the manifest's dates
(ingestion/raw.py), the conversion (assets/lake.py), `schema show`.

Only a day detection took from the name alone (date_from "file name: ..." or its refusal "the file name
..."): a title's day is the content's, a user's is the user's word (file_overrides.py)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .day_date import FILE_NAME, day_of_file
from .filename import base_name

# How far apart (calendar days) the days two names of the same bytes give, next in order, may be for the later to be
# a re-send: a feed that did not update re-sends yesterday's list, over a long weekend or a holiday's days (and day
# after day while it stays stuck). A wider gap between them: one name is likelier mistyped ("pricelist_2025-04-03.csv"
# saved for the 30th's list, or last year's 2024-04-30): the earlier took the list, its prices loaded on a day they
# are not of (silent). Every copy is refused.
RESENT_WITHIN = 7
_BY_NAME = (f"{FILE_NAME}: ", f"the {FILE_NAME}")  # how day_of_file's date_from begins when the name dated it
# A title line's date that dated the rows (day_of_file), which the name it was detected under agreed with or
# wrote nothing against, or whose day and month it settled: "title line 1: 02/01/2024 (day and month as the
# file name's 20240102)". Renamed "..._20240201", the same bytes are 1 February's; "..._20240305", the title
# and the name disagree: refused, as detection under that name says.
_TITLE = re.compile(rf"title line (\d+): (.+?)(?: \(day and month as the {FILE_NAME}'s [^()]+\))?")
# A title line's date refused because the name it was detected under wrote another: "the title's date (title
# line 1: 2025/03/04) and the file name's (2025-03-05) disagree". The name is what was wrong: renamed
# "..._2025-03-04" (or to a name of no day) the same bytes are the 4th's, as detection under that name says;
# left refused, a list whose user fixed its name stayed rejected (loud, but wrong once renamed).
_DISAGREE = re.compile(rf"the title's date \(title line (\d+): (.+?)\) and the {FILE_NAME}'s \([^()]+\) disagree")


def by_name(schema: dict) -> bool:
    """Whether the schema's day (or its refusal of one) is what the name it was detected under gave, alone
    or beside a title line's date: what another name of the same bytes may change."""
    source = schema.get("date_from") or ""
    return bool(schema.get("file")) and (
        source.startswith(_BY_NAME) or (bool(schema.get("day")) and _TITLE.fullmatch(source) is not None)
        or (not schema.get("day") and _DISAGREE.fullmatch(source) is not None))


def dated_as_named(schema: dict, name: str, twins: Iterable[str] = ()) -> dict:
    """`schema` with the day the file named `name` gives its rows, as detection under that name alone
    would (day_of_file without title lines: a day by name has none), the schema itself where it gives
    the same. A name that writes no day, or one that reads two ways, dates none: its rows are rejected
    with why (normalisation/unmapped.why_unmapped), never left under the other name's day.

    `twins`: the other current names of the same bytes. One whose name dates it earlier makes this one
    a re-send of that day's list, byte for byte, not this day's prices (a day's closes of every ticker
    are never all the same the next day): dated none, its rows rejected saying which file it repeats,
    the earliest loaded. Names whose days leave a gap of more than RESENT_WITHIN days: every copy refused, one
    name mistyped.
    Not a day a user set (`schema override --day`): kept per content, it dates every copy alike, and the user
    is told of the copies it reaches (cli._copies)."""
    if not by_name(schema):
        return schema
    day, source = _named(schema, name)
    if day is not None:
        others = [(other_day, twin) for twin in twins if twin != name
                  and (other_day := _named(schema, twin)[0]) is not None and other_day != day]
        far = _across_a_gap(day, others)
        if far is not None:
            other_day, other = far
            return dict(schema, day=None, date_from=(
                f"the same bytes as {other}, which its {FILE_NAME} dates {other_day}, {_apart(day, other_day)} days "
                f"from {day} (its {FILE_NAME}'s day): too far apart for a re-send, so one of the two names is "
                "likely mistyped: rename or remove the one that is wrong"))
        earlier = [(other_day, twin) for other_day, twin in others if other_day < day]
        if earlier:
            first_day, first = min(earlier)
            return dict(schema, day=None, date_from=(
                f"the same bytes as {first}, which its {FILE_NAME} dates {first_day}: a re-send of that day's "
                f"list, not {day}'s prices (its {FILE_NAME}'s day): rename or remove the one that is wrong"))
    if day == schema.get("day") and (day is not None or source == schema.get("date_from")):
        return schema  # the same day, written another way ("20250304"): read as it was
    return dict(schema, day=day, date_from=source)


def _across_a_gap(day: str, others: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(its day, name) of a copy on the other side of the first gap of more than RESENT_WITHIN days between the
    days the names of a list give (`day` this name's, `others` the other names'), None where there is none.
    Consecutive days, not every pair: a feed stuck on one list re-sends it every day, and by its second week its
    first copy, the one day the list is of, was "too far" from the last and refused with the rest."""
    days = sorted({day, *(other_day for other_day, _ in others)})
    gap = next(((before, after) for before, after in zip(days, days[1:]) if _apart(before, after) > RESENT_WITHIN),
               None)
    if gap is None:
        return None
    across = gap[1] if day <= gap[0] else gap[0]
    return min((other_day, twin) for other_day, twin in others if other_day == across)


def _apart(day: str, other: str) -> int:
    return abs((date.fromisoformat(day) - date.fromisoformat(other)).days)


def _named(schema: dict, name: str) -> tuple[str | None, str]:
    """(the ISO day, where it was read or why none was) that `name` gives a file `schema` dated by the name
    it was detected under: the stored ones where both names read alike (a day siblings settled stays)."""
    detected_under = schema["file"]
    # The title line's date as its text (a name alone: none), which detection weighed the name against.
    title = None if schema["date_from"].startswith(_BY_NAME) \
        else _TITLE.fullmatch(schema["date_from"]) or _DISAGREE.fullmatch(schema["date_from"])
    titles = [(int(title[1]) - 1, title[2])] if title else []
    now, before = day_of_file(titles, name), day_of_file(titles, detected_under)
    if now == before or (title and (before is None or (before.day and before.day.isoformat(), before.source)
                                    != (schema.get("day"), schema["date_from"]))):
        # The same, or a title's date its text alone does not date as detection did (its line held more): kept.
        return schema.get("day"), schema["date_from"]
    if now is None:
        return None, (f"the {FILE_NAME} {base_name(name)!r} writes no day, where {base_name(detected_under)!r}, "
                      "the same bytes, dated its rows: no day to load them under")
    return (now.day.isoformat() if now.day else None), now.source
