"""A file whose rows are dated well after the file arrived holds no trade dates.

A price is made on its trade date and written down after it: no file can hold a close of a day it
was written before. A date column that runs past the day its file arrived is another date under a
name detection did not know (a bond's "Rückzahlung" or "Tilgung", an
"Issue Date"): loaded, each bond's price stood as a close on its maturity day, the past ones at
once and the future ones the day their partition opens. Only the whole file's dates tell (the
survey's), so the rule is applied to a new detection once its file is read (ingestion/arrival.py).

The file is refused whole, not its future rows alone: a column that holds one date after the file
arrived is a maturity column for every row, and its rows dated in the past would load as closes
under the wrong days (silent). A judgement (refusals.py): a user who knows the column (a
settlement date) may correct it and `--load-refused`.

A long history with a mistyped year on a row or two (1 date in 2,144 read 2071) is no maturity
list: refused whole, a new version of an archive that had loaded for years would take every one of
its days out of `prices` for one typo. Where the dates past arrival are under one in MATERIAL of
the file's, the file is judged by the rest and loads; the typo'd rows wait as any date no partition
holds does (the CLI names them). A maturity list is mostly future dates: a price list is of bonds
still trading.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

# How far past its arrival a file's dates may run: a Friday's file dated the next trading day across
# a long weekend (+4), a settlement date two trading days on (T+2 over a weekend and a holiday: +5),
# a source east of UTC whose day has begun while ours has not (+1). A week covers those; a bond's
# maturity or an option's expiry lies months or years on. A list of options expiring within the week
# is not caught: refused by their names alone, where detection knows them (options.py).
LEEWAY = timedelta(days=7)
# The name of this judgement (refusals.judgement); in every message it gives, but never told by it alone: a
# column's or a file's name in another problem may hold these words (refused_after_arrival).
AFTER_ARRIVAL = ", after the file arrived on "
_CLOSING = ("a maturity or expiry, not a trade date? A price cannot be dated after its file was written; no row of the "
            "file loads")
MATERIAL = 20  # dates past arrival under 1 in 20 of a file's: typos in a history, not a maturity column


def dated_after_arrival(schema: dict, dates: list[date], arrived: date) -> str | None:
    """Why a file read with `schema` (a FileSchema's JSON as a dict), whose loadable rows hold
    `dates`, cannot hold trade dates, having arrived on `arrived`; None when its dates run no more
    than LEEWAY past that."""
    after = [d for d in dates if d > arrived + LEEWAY]
    if not after or len(set(after)) * MATERIAL < len(set(dates)):
        return None
    return (f"dates up to {max(after).isoformat()} in {_date_source(schema)}{AFTER_ARRIVAL}{arrived.isoformat()} "
            f"({len(after)} of its {len(set(dates))} dates more than {LEEWAY.days} days after it): {_CLOSING}")


# The whole of a message dated_after_arrival gives, from its first word to its last: what a column or a file is
# named (`.*`) is anything, what surrounds it is this rule's alone.
_REFUSAL = re.compile(r"dates up to (?P<latest>\d{4}-\d{2}-\d{2}) in .*" + re.escape(AFTER_ARRIVAL)
                      + r"\d{4}-\d{2}-\d{2} \(\d+ of its \d+ dates more than \d+ days after it\): "
                      + re.escape(_CLOSING), re.DOTALL)


def refused_after_arrival(problem: str | None) -> bool:
    """Whether a problem is this rule's refusal, as dated_after_arrival wrote it. Not the words "after the file
    arrived" found anywhere in it: a file named "x, after the file arrived on 2025-03-04.csv" or a column so named
    in another problem (a fact no user may lift) is not this judgement, and this refusal of a file whose name holds
    another judgement's words is this one."""
    return problem is not None and _REFUSAL.fullmatch(problem) is not None


def latest_refused(problem: str | None) -> str | None:
    """The latest date (ISO) past arrival this rule's refusal names ("dates up to 2046-08-15 ..."), None for any
    other problem: of a day's list, the one day it was refused for."""
    found = _REFUSAL.fullmatch(problem) if problem is not None else None
    return found["latest"] if found else None


def _date_source(schema: dict) -> str:
    """What dates the rows: the column mapped to the date, else what gave the file's one day."""
    named = [c.get("name") for c in schema.get("columns") or [] if c.get("canonical") == "date"]
    if named:
        return f"column {named[0]!r}"
    return f"the day read from {schema['date_from']}" if schema.get("date_from") else "its day"
