"""Whether a file of a few midweek bars stamped in the UTC evening is east of UTC, where only its
siblings of the same source settle it.

TradingView stamps a daily bar at its exchange's midnight: Tokyo's at 15:00 UTC the day before. An
office that exports a bar a day keeps a folder of one-row files; a file of a Tuesday to Friday
session is stamped Monday to Thursday evening, which a New York close (21:00 UTC) is too, so
detection reads it by its UTC day (detection/epoch_days.py): every bar a day early, silently. Only
Monday's file, stamped on a Sunday evening, shows its exchange is east of UTC; a Friday's file
stamped on a Friday evening shows one is not (normalisation/east_days.py reads each so, rule 1).

As sibling_order.py settles a day/month order, a file whose evening stamps (ColumnSchema.evenings)
fall on Monday to Thursday only takes the "_east" reading where its siblings PROVE it: files of its
source (named alike in its folder: sibling_order.source), layout and date format, stamped at its
clock or a whole hour from it (its exchange's midnight, a clock change apart: half an hour away is
another exchange's), whose own stamps read east of UTC (a Sunday evening and no Friday or Saturday
one; a Saturday one and no Thursday or Friday one, a Sunday-to-Thursday market's). A sibling
stamped on a Friday evening and no Sunday one proves its own UTC days, and where both are found the
file stays as read ("siblings disagree"). So a US close at 21:00 UTC is not moved where any of its
source's Fridays is among the siblings (stamped so, and no Sunday is); a lone Sunday-evening stamp of
a US source (a data error) with no Friday among them (a Good Friday week surveyed alone) does move its
week, as nothing in the stamps tells it from a Tokyo week's. A file that shows its own reading (a
weekend or Friday evening) guesses nothing. Stamps at midday UTC (before
date_system.EAST_AFTER_MIDDAY) are never recorded: New Zealand's midnights and a Gulf market's closes
are alike there, Sunday to Thursday, and only the week tells them apart.

A name's date is no proof: an office names a day's file after its session or after the day it was
downloaded, and a New York close named for the next morning looks like a Tokyo bar named for its
session.
"""
from __future__ import annotations

import copy
from collections import Counter, defaultdict
from collections.abc import Iterable

from backintime_assets.detection.date_system import EAST
from backintime_assets.detection.epoch_days import read_evenings, utc_instants
from backintime_assets.detection.schema import FORMAT_SAID, SIBLING_CONTENT, layout_signature
from backintime_assets.detection.office_names import folder_pattern, name_pattern

_MONDAY_TO_THURSDAY = frozenset(range(4))
_THURSDAY, _FRIDAY, _SATURDAY, _SUNDAY = 3, 4, 5, 6
_HOUR = 3600
_CLOCK_CHANGE = (0, _HOUR)  # how far one exchange's midnights lie apart in UTC
EAST_READING, UTC_DAYS = "east", "utc"
_EVENINGS = '"evenings":'


def _date_column(schema: dict) -> tuple[int, dict] | None:
    """(index, column) of a schema's date column of UTC instants whose evening stamps it noted."""
    if schema.get("problem"):
        return None
    columns = schema.get("columns") or []
    j = next((j for j, c in enumerate(columns) if c.get("canonical") == "date"), None)
    if j is None or not columns[j].get("evenings"):
        return None
    if not utc_instants(columns[j].get("format"), columns[j].get("name")):  # "Gmt time" says UTC too
        return None
    return j, columns[j]


def _source_of(schema: dict, j: int, column: dict) -> tuple:
    """What a sibling must share: the layout (as file_schemas.layout_key names one), the date column and
    its format (but its reading), the name's pattern (its folder is matched apart)."""
    return (schema.get("file_format"), *layout_signature(schema), j, column["format"].removesuffix(EAST),
            name_pattern(schema.get("file") or ""))


def may_guess_east(schema_json: str) -> bool:
    """Whether a schema, as its JSON text, may guess its reading: a noted evening, no "_east" reading
    (most schemas hold neither, and are not parsed to find so)."""
    return notes_evenings(schema_json) and f'{EAST}"' not in schema_json


def guesses_east(schema: dict) -> bool:
    """Whether a file read by its UTC days could only guess so: its evening stamps all on Monday to
    Thursday, where an exchange east of UTC stamps Tuesday's to Friday's sessions (none proves it)."""
    found = _date_column(schema)
    if found is None or found[1]["format"].endswith(EAST):
        return False
    days, _ = read_evenings(found[1]["evenings"])
    return days <= _MONDAY_TO_THURSDAY


def proves(schema: dict) -> str | None:
    """EAST_READING or UTC_DAYS where a file's own evening stamps read so under any week (east_days.py,
    rule 1), or a user said east of UTC; None where they do not. A file settled so itself, or borrowing its
    schema, proves nothing."""
    found = _date_column(schema)
    if found is not None and found[1].get(FORMAT_SAID) and found[1]["format"].endswith(EAST):
        # A user's word, as a weekend evening's stamp would say: a midweek bar said east proved nothing, and
        # its source's next midweek bar loaded a day early. (Not said east proves no UTC days: a user who
        # set the day/month order may not have thought of the exchange's clock.)
        return EAST_READING
    if found is None or found[1].get("order_from") or schema.get("borrowed_from"):
        return None
    days, _ = read_evenings(found[1]["evenings"])
    monday_to_friday = _SUNDAY in days and not days & {_FRIDAY, _SATURDAY}
    sunday_to_thursday = _SATURDAY in days and not days & {_THURSDAY, _FRIDAY}
    if (monday_to_friday or sunday_to_thursday) and found[1]["format"].endswith(EAST):
        return EAST_READING
    if _FRIDAY in days and _SUNDAY not in days:
        return UTC_DAYS
    return None


def settle_east(guessing: dict[str, dict], siblings: Iterable[dict]) -> tuple[dict[str, dict], list[str]]:
    """(key -> the schema, read "_east", of each of the `guessing` files whose siblings prove it is east
    of UTC; what was left as read because siblings disagree). `siblings`: schemas of other files (those
    surveyed with them, those stored before); only those that prove a reading count, and of those stored,
    none of the guessing file's own content (SIBLING_CONTENT: keys are contents)."""
    # source -> (folder, clocks, reading proven, content if stored, whether a user said it) each
    proofs: dict[tuple, list[tuple[str | None, tuple[int, ...], str, str | None, bool]]] = defaultdict(list)
    for schema in siblings:
        proven = proves(schema)
        if proven is not None:
            j, column = _date_column(schema)
            proofs[_source_of(schema, j, column)].append(
                (folder_pattern(schema.get("file") or ""), read_evenings(column["evenings"])[1], proven,
                 schema.get(SIBLING_CONTENT), bool(column.get(FORMAT_SAID))))
    settled, disagreeing = {}, []
    for key, schema in guessing.items():
        if not guesses_east(schema):
            continue
        j, column = _date_column(schema)
        folder, (_, clocks) = folder_pattern(schema.get("file") or ""), read_evenings(column["evenings"])
        # Siblings in its folder (where both names have one), stamped at its clock or an hour from it: an
        # exchange's midnight, and a clock change, which moves it a whole hour. Another exchange's of the
        # source is no proof: a New York open (14:30 UTC) in a folder of one-row downloads beside a Tokyo
        # bar (15:00 UTC, on a Sunday) loaded each a day late when half an hour away counted.
        agreeing = [(proven, said) for f, theirs, proven, content, said in proofs.get(_source_of(schema, j, column), ())
                    if (f is None or folder is None or f == folder) and content != key
                    and any(abs(a - b) in _CLOCK_CHANGE for a in clocks for b in theirs)]
        found = Counter(proven for proven, _ in agreeing)
        if len(found) > 1:
            disagreeing.append(f"{key}: siblings of its source disagree on whether its evening stamps are east of "
                               f"UTC ({found[EAST_READING]} east, {found[UTC_DAYS]} on their UTC days); read by "
                               "their UTC days")
        elif found[EAST_READING]:
            settled[key] = _read_east(schema, j, found[EAST_READING], sum(said for _, said in agreeing))
    return settled, disagreeing


def _read_east(schema: dict, j: int, count: int, said: int = 0) -> dict:
    """The schema with its date column read "_east", saying which siblings settled it (`said` of them by
    a user's word)."""
    # Whose word it is, where a user's is among them: "stamped on weekend evenings" alone sent the user
    # who doubts a reading to look for weekend stamps none of them holds, not to the correction said.
    files = f"{count} sibling file{'s' if count != 1 else ''} of the same source"
    if not said:
        why = f"as {files} stamped on weekend evenings prove"
    elif said == count:
        why = f"as a user said of {files}"
    else:
        why = f"as {files} prove ({count - said} stamped on weekend evenings, {said} said so by a user)"
    return read_east(schema, j, f"{EAST_TOLD}the next day's sessions, {why}")


# How order_from begins what settled a reading east of UTC (after a settled day/month order's, if any).
EAST_TOLD = "east of UTC: "


def read_east(schema: dict, j: int, told: str) -> dict:
    """The schema with its date column `j` read "_east", `told` (EAST_TOLD ...) saying what settled it."""
    out = copy.deepcopy(schema)
    out["borrowed_from"] = None
    column = out["columns"][j]
    column["format"] = column["format"].removesuffix(EAST) + EAST
    # A day/month order its siblings settled first is said first (sibling_order.settled_by_siblings reads so).
    column["order_from"] = f"{column['order_from']}; {told}" if column.get("order_from") else told
    return out


def east_told(schema: dict) -> str:
    """What settled a schema's reading east of UTC, as its date column's order_from says (read_east)."""
    told = next(c for c in schema["columns"] if c.get("canonical") == "date")["order_from"]
    return told[told.index(EAST_TOLD):]


def notes_evenings(schema_json: str) -> bool:
    """Whether a schema, as its JSON text, notes evening stamps: only such a file may prove its source's
    reading (proves), and most schemas are not parsed to find so."""
    return _EVENINGS in schema_json
