"""A daily file's day/month order, where only its siblings of the same layout settle it.

An office writes a file a day, "02/01/2024" day first, named with no date (day_001.csv). A file of
the first twelve days of a month holds no day above 12, so detection can only guess its order by the
separator's custom (month first for "/": dates.GUESSED_ORDER_CERTAINTY), and 2 January loads as
1 February: silent wrong dates. Its siblings of the same layout from the 13th on prove the order.

Borrowing a schema never changes what a file accepts (shared_layouts.py); this is a separate,
explicit step after a survey: a file whose date column's order is a guess takes the order its
siblings PROVE (by their own values, names or steps: not by the weaker heuristics), where they share
its header, delimiter, date format family (separator, year digits) and name pattern, and agree; the
column says so (`order_from`). Where they disagree (an office that switched from month first to day
first), the guess stays: nothing tells which of them the file follows. A file detection refused for
its guess (detection/unsettled_order.py: a lone "01/07/2026" under a Hebrew header) guesses so too,
and loads where its siblings settle it.

A header is no source: "Date,Ticker,Open,High,Low,Close,Volume" is written by offices either side of
the Atlantic, in one folder, and stored schemas of a layout are any office's. Only files named alike
(us_close_001.csv, us_close_017.csv: the same name but for its numbers and month names) are
taken for one office's; a US office's lone early-month files settled by a European one's of the same header
loaded 2 May for 5 February. A number after a word that names an office is no sequence: branch01/ and
branch02/, desk3_prices_20240102.csv and desk4_prices_20240102.csv are two offices' (_OFFICE_WORDS). Any
other number counts one office's periods, days, parts or deliveries (week05/, dia_05/, cd2/, close_001)
as far as a name can tell; so does a lone one (desk3.csv and desk4.csv: an office's or a file's number)
and a folder a branch named by a bare number (01/, 02/: a month's folder).
"""
from __future__ import annotations

import copy
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from backintime_assets.detection.date_system import DAY_MONTH, EAST, SATURDAY, SUNDAY
from backintime_assets.detection.dates import GUESSED_ORDER_CERTAINTY
from backintime_assets.detection.epoch_days import read_evenings
from backintime_assets.detection.month_names import MONTHS
from backintime_assets.detection.nameless import nameless_problem, unnamed
from backintime_assets.detection.schema import SIBLING_CONTENT, layout_signature
from backintime_assets.detection.unsettled_order import UNSETTLED_ORDER

# Above a guess, short of the file's own values or name (dates._NAME_CERTAINTY): another file proved it.
SIBLING_ORDER_CERTAINTY = 0.7
# The weaker readings of a file's own values (dates._num_order: a steady part other than 1 taken for
# the month, weekdays of January, which part changes more often) are right for the file more often
# than not, yet no proof to carry to another: only certainties above them (a day above 12, the
# file's name, steps across a new year) count.
PROOF_CERTAINTY = 0.7
_DIGITS = re.compile(r"\d+")
# A month's name as a word of its own, in any language month_names reads: an office that names its
# files by month (prices_jan.csv, prices_feb.csv; 2024/März/) is one source as one that numbers them
# is. Kept apart, the current month's file of its first trading day ("01/03/2024": no day above 12)
# borrowed no order from February's and no sibling settled it: 1 March loaded as 3 January.
_MONTH_NAMES = frozenset(word for table in MONTHS.values() for word in table)
_WORD = re.compile(r"[^\W\d_]+")  # letters between digits, dots, dashes, underscores, spaces
# A number shaped as a date: a year (19xx, 20xx) with its month and day if any (2024, 2024-01, 20240102,
# 2024_01_02), a day and month before a year (02.01.2024, 02-01-24), or six digits and more (a date
# without its century, a stamp: 020124, 20240102093000). Months and days alone are numbers as any.
_DATE_NUMBER = re.compile(r"(?<!\d)(?:(?:19|20)\d\d(?:[-_. ]?\d\d?){0,2}"
                          r"|\d\d?[-_. ]\d\d?[-_. ](?:19|20)?\d\d|\d{6,})(?!\d)")
# A number after the word before it (letters, then at most one joint): "desk3", "branch_01", "week05". The
# word starts where letters do (not within one), so a long word is not tried from each of its letters.
_COUNTED = re.compile(r"(?<![^\W\d_])([^\W\d_]*)([-_ ]?)(\d+)")
# Words whose number names an office (branch01/, office_2/, desk3_prices_20240102.csv): it sets its files
# apart. Any other word's number is blanked as dates are, as before offices were told apart: it numbers
# periods, days, parts or deliveries of one office's files in words no list holds (semana05/, dia_05/,
# cd2/, export_7/, fy24/), and kept, a folder of early-month days alone took the separator's guess (5 February
# loaded as 2 May) where its siblings in the other folders proved day first.
_OFFICE_WORDS = frozenset({
    "branch", "office", "desk", "site", "region", "entity", "fund", "portfolio", "account", "acct", "client",
    "trader", "dealer", "team", "store", "shop", "bank", "broker", "company", "firm", "subsidiary", "division",
    "dept", "department", "location", "filiale", "niederlassung", "zweigstelle", "standort", "agence",
    "succursale", "bureau", "sucursal", "oficina", "agencia", "filial", "sede", "ufficio", "kantoor", "vestiging",
})
_WEEKEND = frozenset({SATURDAY, SUNDAY})


def date_order(schema: dict) -> tuple[tuple, str, float] | None:
    """(the layout a sibling must share, the part the date column reads first: "%d" or "%m", the
    column's certainty of it), or None where the file has no numeric day/month date column. A file
    refused as of unknown order (detection/unsettled_order.py: a lone "01/07/2026" under a Hebrew header)
    guesses it: its siblings may settle it ("13/07/2026" proves its TASE folder day first)."""
    if schema.get("problem") and not _unsettled(schema):
        return None
    columns = schema.get("columns") or []
    j = next((j for j, c in enumerate(columns) if c.get("canonical") == "date"), None)
    if j is None or columns[j].get("type") not in ("date", "timestamp"):
        return None
    found = DAY_MONTH.match(columns[j].get("format") or "")
    if found is None or found.group(1) == found.group(3):
        return None
    first, sep, _, year = found.groups()
    # The header and delimiter, as file_schemas.layout_key names a layout, and the date's family.
    layout = (schema.get("file_format"), *layout_signature(schema), j, sep, year,
              name_pattern(schema.get("file") or ""))
    return layout, first, float(columns[j].get("confidence") or 0.0)


def name_pattern(name: str) -> str:
    """A file's name without its folder, its numbers and month names blanked: one office's daily files
    share it (day_001.csv, day_017.csv -> day_#.csv; prices_jan.csv -> prices_#.csv), but for an office's
    number beside a date or another number (desk3_prices_20240102.csv -> desk3_prices_#.csv)."""
    text = posixpath.basename(name.replace("\\", "/")).lower()
    text, dated = _dates_blanked(text)
    if not _DIGITS.search(text):
        return text
    # An office's number names it (desk3, desk_3) where the date or another number counts the files. No
    # date and a lone number: it numbers the files (day_001, desk_N) or names the file's ticker or office
    # (one file each), and nothing tells which: one source, as before.
    if dated or len(_COUNTED.findall(text)) > 1:
        return _COUNTED.sub(_unless_office, text)
    return _DIGITS.sub("#", text)


def _folder(schema: dict) -> str | None:
    return folder_pattern(schema.get("file") or "")


def folder_pattern(name: str) -> str | None:
    """The file's folder, its numbers and month names blanked (prices/2024/01 -> prices/#/#, prices/2024/jan
    -> prices/#/#, 2024/week05 -> #/week#), where its name has one: a migration names a file by its path
    under the root, the file_schemas asset by its name alone. An office's number stays (branch01/,
    office_2/): blanked, a US branch's "01/02/2024" took a European branch's proven day first, and
    2 January loaded as 1 February."""
    folder = posixpath.dirname(name.replace("\\", "/").lower())
    return "/".join(_folder_part(part) for part in folder.split("/")) if folder else None


def _folder_part(part: str) -> str:
    text, _ = _dates_blanked(part)
    return _COUNTED.sub(_unless_office, text) if _DIGITS.search(text) else text


def _dates_blanked(text: str) -> tuple[str, bool]:
    """`text` with its month names and date-shaped numbers blanked; whether it held any."""
    dated = False
    if not _MONTH_NAMES.isdisjoint(_WORD.findall(text)):  # most names hold no month's
        # As a month's number, so "may2024" is a date as "052024" is, and every month's name the same.
        text, dated = _WORD.sub(_unless_month, text), True
    text, dates = _DATE_NUMBER.subn("#", text)
    return text, dated or dates > 0


def _unless_office(found: re.Match) -> str:
    """The number, kept where it names an office (desk3, branch_01), else blanked (day_05, cd2, week05)."""
    word, joint, _ = found.groups()
    return found.group() if word in _OFFICE_WORDS else f"{word}{joint}#"


def _unless_month(word: re.Match) -> str:
    return "01" if word.group() in _MONTH_NAMES else word.group()


def source(name: str) -> tuple[str, str | None]:
    """What files of one office share in their names (path under the root): the name pattern and the
    folder, numbers blanked but for an office's. Files of one survey are named alike, so those of one source
    share it exactly."""
    return name_pattern(name), folder_pattern(name)


def may_guess(schema_json: str) -> bool:
    """Whether a schema, as its JSON text, has any date format of a day and a month before the year:
    most have none (ISO dates, epochs), and their JSON is not parsed to find so (guesses)."""
    return DAY_MONTH.search(schema_json) is not None


def guesses(schema: dict) -> bool:
    """Whether the file's date order is a guess that siblings could settle."""
    order = date_order(schema)
    return order is not None and order[2] <= GUESSED_ORDER_CERTAINTY


def settle_orders(guessing: dict[str, dict], siblings: Iterable[dict]) -> tuple[dict[str, dict], list[str]]:
    """(key -> the schema, order settled, of each of the `guessing` files whose siblings prove the
    other order; what was left guessed because siblings disagree). `siblings`: schemas of other files
    (those surveyed with them, those stored before); only those that prove their order count, and of
    those stored, none of the guessing file's own content (SIBLING_CONTENT: keys are contents)."""
    settled, disagreeing = {}, []
    for key, schema, first, found in _sibling_proofs(guessing, siblings):
        if not found:
            continue
        if len(found) > 1:
            disagreeing.append(f"{key}: siblings of its layout disagree on day/month order "
                               f"({', '.join(f'{n} {_named(p)}' for p, n in sorted(found.items()))}); "
                               "its guess stays")
            continue
        (proven, count), = found.items()
        # A guess the siblings bear out reads the same: nothing to read again, but for a file refused
        # for the guess (detection's UNSETTLED_ORDER), which they now settle.
        if proven != first or _unsettled(schema):
            settled[key] = with_order(schema, proven, count)
    return settled, disagreeing


def unproven(guessing: dict[str, dict], siblings: Iterable[dict]) -> list[str]:
    """Those of the `guessing` files no sibling proves an order for, either way (settle_orders)."""
    return [key for key, _, _, found in _sibling_proofs(guessing, siblings) if not found]


def _sibling_proofs(guessing: dict[str, dict], siblings: Iterable[dict]):
    """(key, schema, the part its date column reads first, Counter of the orders its siblings prove)
    of each of the `guessing` files whose order is a guess."""
    # layout -> (folder, order, content if stored) each
    proofs: dict[tuple, list[tuple[str | None, str, str | None]]] = defaultdict(list)
    for schema in siblings:
        order = date_order(schema)
        # A file settled so itself proves nothing more: its siblings did (they count on their own). Nor
        # does a borrowed schema: its certainty is the lender's (a file of the same source, where its
        # dates name a day and a month: shared_layouts.py), which counts where it is a sibling.
        if (order is not None and order[2] > PROOF_CERTAINTY and not _settled_by_siblings(schema)
                and not schema.get("borrowed_from")):
            proofs[order[0]].append((_folder(schema), order[1], schema.get(SIBLING_CONTENT)))
    for key, schema in guessing.items():
        order = date_order(schema)
        if order is None or order[2] > GUESSED_ORDER_CERTAINTY:
            continue
        layout, first, _ = order
        # us/close_001.csv and eu/close_017.csv are two offices' files: folders, where both names
        # have one, must be the same.
        folder = _folder(schema)
        found = Counter(p for f, p, content in proofs.get(layout, ())
                        if (f is None or folder is None or f == folder) and content != key)
        yield key, schema, first, found


def _unsettled(schema: dict) -> bool:
    """Whether detection refused the file for its guessed day/month order alone (unsettled_order.py: a
    lone date under a header in a day-first script, or a tiny table's): siblings that prove the order
    settle it as they do a guess it loads by. Left out, a Russian office's daily files of the first
    twelve days were refused where before the refusal their siblings had settled them."""
    return (schema.get("problem") or "").startswith(UNSETTLED_ORDER)


_SETTLED = "order settled by "  # as with_order says


def _settled_by_siblings(schema: dict) -> bool:
    """Whether siblings settled the file's day/month order. Not its reading east of UTC (sibling_east.py
    says so in `order_from` too): its order is its own values', and proves. Counted as settled, a Tokyo
    bar's "15/01/2024 15:00:00 UTC" proved nothing, and its source's next "01/02/2024 ..." loaded 2 January."""
    return any((c.get("order_from") or "").startswith(_SETTLED) for c in schema.get("columns") or [])


def _named(first: str) -> str:
    return "day first" if first == "%d" else "month first"


def with_order(schema: dict, first: str, count: int, proof: str | None = None) -> dict:
    """The schema with its date column read `first`-part first, saying which siblings settled it;
    no longer borrowed: a borrowed schema that does not hold falls back to the file's own guess."""
    out = copy.deepcopy(schema)
    out["borrowed_from"] = None
    if _unsettled(out):
        # The order its refusal was for, settled. Not its name: a site's for every download, which detection
        # says after the order (detection/nameless.py), refuses it still, or "data.csv" loaded as ticker DATA.
        out["problem"] = nameless_problem(out.get("file") or "") if unnamed(out) else None
    column = next(c for c in out["columns"] if c.get("canonical") == "date")
    found = DAY_MONTH.match(column["format"])
    _, sep, _, year = found.groups()
    second = "%m" if first == "%d" else "%d"
    column["format"] = f"{first}{sep}{second}{sep}{year}{column['format'][found.end():]}"
    if column.get("evenings_other_order"):
        # Its evening stamps' weekdays as the settled order reads them (detection noted both): what
        # sibling_east.py settles its reading east of UTC by, and what detection reads "_east" by (a
        # weekend evening among them: "07/01/2024 15:00:00 UTC" is a Sunday's day first, Tokyo's Monday).
        column["evenings"], column["evenings_other_order"] = column["evenings_other_order"], column.get("evenings")
        weekend, was = (bool(note) and not read_evenings(note)[0].isdisjoint(_WEEKEND)
                        for note in (column["evenings"], column["evenings_other_order"]))
        if weekend != was:  # else "_east" (or none) was not the noted evenings' doing: it stays
            column["format"] = column["format"].removesuffix(EAST) + (EAST if weekend else "")
    column["confidence"] = SIBLING_ORDER_CERTAINTY
    column["order_from"] = _SETTLED + (proof or f"{count} sibling file{'s' if count != 1 else ''} of the same layout")
    return out
