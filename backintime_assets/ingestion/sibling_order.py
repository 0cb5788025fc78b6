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
branch02/, desk3_prices_20240102.csv and desk4_prices_20240102.csv are two offices' (detection/office_names.py). Any
other number counts one office's periods, days, parts or deliveries (week05/, dia_05/, cd2/, close_001)
as far as a name can tell; so does a lone one (desk3.csv and desk4.csv: an office's or a file's number)
and a folder a branch named by a bare number (01/, 02/: a month's folder).
"""
from __future__ import annotations

import copy
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from backintime_assets.detection.date_system import DAY_MONTH, EAST, SATURDAY, SUNDAY
from backintime_assets.detection.dates import GUESSED_ORDER_CERTAINTY
from backintime_assets.detection.epoch_days import read_evenings
from backintime_assets.detection.nameless import nameless_problem, unnamed
from backintime_assets.detection.office_names import folder_pattern, name_pattern
from backintime_assets.detection.schema import SIBLING_CONTENT, layout_signature
from backintime_assets.detection.unsettled_order import UNSETTLED_ORDER

# Above a guess, short of the file's own values or name (dates._NAME_CERTAINTY): another file proved it.
SIBLING_ORDER_CERTAINTY = 0.7
# The weaker readings of a file's own values (dates._num_order: a steady part other than 1 taken for
# the month, weekdays of January, which part changes more often) are right for the file more often
# than not, yet no proof to carry to another: only certainties above them (a day above 12, the
# file's name, steps across a new year) count.
PROOF_CERTAINTY = 0.7
_WEEKEND = frozenset({SATURDAY, SUNDAY})


def date_order(schema: dict) -> tuple[tuple, str, float] | None:
    """(the layout a sibling must share, the part the date column reads first: "%d" or "%m", the
    column's certainty of it), or None where the file has no numeric day/month date column. A file
    refused as of unknown order (detection/unsettled_order.py: a lone "01/07/2026" under a Hebrew header)
    guesses it: its siblings may settle it ("13/07/2026" proves its TASE folder day first)."""
    if schema.get("problem") and not refused_for_order(schema):
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


def folder_of(schema: dict) -> str | None:
    return folder_pattern(schema.get("file") or "")


def may_guess(schema_json: str) -> bool:
    """Whether a schema, as its JSON text, has any date format of a day and a month before the year:
    most have none (ISO dates, epochs), and their JSON is not parsed to find so (guesses)."""
    return DAY_MONTH.search(schema_json) is not None


def guesses(schema: dict) -> bool:
    """Whether the file's date order is a guess that siblings could settle."""
    order = date_order(schema)
    return order is not None and order[2] <= GUESSED_ORDER_CERTAINTY


def settle_orders(guessing: dict[str, dict], siblings: Iterable[dict],
                  tickers: Callable[[dict[str, dict]], dict[str, frozenset[str]]] | None = None,
                  ) -> tuple[dict[str, dict], list[str]]:
    """(key -> the schema, order settled, of each of the `guessing` files whose siblings prove the
    other order; what was left guessed because siblings disagree). `siblings`: schemas of other files
    (those surveyed with them, those stored before); only those that prove their order count, and of
    those stored, none of the guessing file's own content (SIBLING_CONTENT: keys are contents).
    `tickers`: of files by key (SIBLING_CONTENT of a sibling) with their schemas, the tickers they hold
    (sibling_tickers.py): where siblings disagree, those holding one of a file's tickers settle it if they agree."""
    settled, disagreeing = {}, []
    for key, schema, first, proving in _sibling_proofs(guessing, siblings):
        found = Counter(p for p, _ in proving)
        if len(found) > 1 and tickers is not None:
            held = _holding_its_tickers(key, schema, proving, tickers)
            if len(held) == 1:
                (proven, count), = held.items()
                if proven != first or refused_for_order(schema):
                    settled[key] = with_order(schema, proven, count, f"{count} sibling file{'s' if count != 1 else ''}"
                                                                     " of the same layout holding its tickers")
                continue
        if not found:
            continue
        if len(found) > 1:
            disagreeing.append(f"{key}: siblings of its layout disagree on day/month order "
                               f"({', '.join(f'{n} {order_named(p)}' for p, n in sorted(found.items()))}); "
                               "its guess stays")
            continue
        (proven, count), = found.items()
        # A guess the siblings bear out reads the same: nothing to read again, but for a file refused
        # for the guess (detection's UNSETTLED_ORDER), which they now settle.
        if proven != first or refused_for_order(schema):
            settled[key] = with_order(schema, proven, count)
    return settled, disagreeing


def _holding_its_tickers(key: str, schema: dict, proving: list[tuple[str, dict]],
                         tickers: Callable[[dict[str, dict]], dict[str, frozenset[str]]]) -> Counter:
    """The orders proven by those of a file's `proving` siblings (order, schema) that hold its tickers: most of
    those either holds, not one of them. An office may hold another's name too: London's VOD.L and AAPL beside
    New York's MSFT proved day first for New York's "04/02/2024" of AAPL alone (a Sunday, rejected; or a month
    for a day, silent), where its guess, month first, was its own."""
    held = tickers({key: schema, **{s[SIBLING_CONTENT]: s for _, s in proving if s.get(SIBLING_CONTENT)}})
    own = held.get(key) or frozenset()
    return Counter(p for p, s in proving if _one_universe(own, held.get(s.get(SIBLING_CONTENT), frozenset())))


def _one_universe(own: frozenset[str], theirs: frozenset[str]) -> bool:
    return 2 * len(own & theirs) > len(own | theirs)


def unproven(guessing: dict[str, dict], siblings: Iterable[dict]) -> list[str]:
    """Those of the `guessing` files no sibling proves an order for, either way (settle_orders)."""
    return [key for key, _, _, proving in _sibling_proofs(guessing, siblings) if not proving]


def _sibling_proofs(guessing: dict[str, dict], siblings: Iterable[dict]):
    """(key, schema, the part its date column reads first, the order each of its siblings that prove one
    proves, with its schema) of each of the `guessing` files whose order is a guess."""
    # layout -> (folder, order, content if stored) each
    proofs: dict[tuple, list[tuple[str | None, str, dict]]] = defaultdict(list)
    for schema in siblings:
        if proves_order(schema):
            layout, first, _ = date_order(schema)
            proofs[layout].append((folder_of(schema), first, schema))
    for key, schema in guessing.items():
        order = date_order(schema)
        if order is None or order[2] > GUESSED_ORDER_CERTAINTY:
            continue
        layout, first, _ = order
        folder = folder_of(schema)
        yield key, schema, first, [(p, s) for f, p, s in proofs.get(layout, ())
                                   if one_folder(f, folder) and s.get(SIBLING_CONTENT) != key]


def proves_order(schema: dict) -> bool:
    """Whether a file's day/month order is its own values' (or name's, or a user's) proof to its siblings. A
    file settled by siblings proves nothing more: its siblings did (they count on their own). Nor does a
    borrowed schema: its certainty is the lender's (a file of the same source, where its dates name a day and
    a month: shared_layouts.py), which counts where it is a sibling."""
    order = date_order(schema)
    return (order is not None and order[2] > PROOF_CERTAINTY and not settled_by_siblings(schema)
            and not schema.get("borrowed_from"))


def one_folder(folder: str | None, other: str | None) -> bool:
    """Whether two files' folders (folder_of) may be one office's: us/close_001.csv and eu/close_017.csv are
    two offices' files, so folders, where both names have one, must be the same."""
    return folder is None or other is None or folder == other


def refused_for_order(schema: dict) -> bool:
    """Whether detection refused the file for its guessed day/month order alone (unsettled_order.py: a
    lone date under a header in a day-first script, or a tiny table's): siblings that prove the order
    settle it as they do a guess it loads by. Left out, a Russian office's daily files of the first
    twelve days were refused where before the refusal their siblings had settled them."""
    return (schema.get("problem") or "").startswith(UNSETTLED_ORDER)


SETTLED = "order settled by "  # as with_order says


def settled_by_siblings(schema: dict) -> bool:
    """Whether siblings settled the file's day/month order. Not its reading east of UTC (sibling_east.py
    says so in `order_from` too): its order is its own values', and proves. Counted as settled, a Tokyo
    bar's "15/01/2024 15:00:00 UTC" proved nothing, and its source's next "01/02/2024 ..." loaded 2 January."""
    return any((c.get("order_from") or "").startswith(SETTLED) for c in schema.get("columns") or [])


def order_named(first: str) -> str:
    return "day first" if first == "%d" else "month first"


def with_order(schema: dict, first: str, count: int, proof: str | None = None) -> dict:
    """The schema with its date column read `first`-part first, saying which siblings settled it;
    no longer borrowed: a borrowed schema that does not hold falls back to the file's own guess."""
    out = copy.deepcopy(schema)
    out["borrowed_from"] = None
    if refused_for_order(out):
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
    column["order_from"] = SETTLED + (proof or f"{count} sibling file{'s' if count != 1 else ''} of the same layout")
    return out
