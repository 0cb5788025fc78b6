"""An official rate's table that dates each rate by the days it is in force ("VALOR,UNIDAD,VIGENCIADESDE,
VIGENCIAHASTA": Colombia's TRM as datos.gov.co exports it), its one figure named as a value."""

from __future__ import annotations

from collections.abc import Sequence

from .cell_days import days_of
from .currencies import currency_share

# The words that open and close the days a rate holds, written after the names' shared stem
# ("vigenciadesde", "validfrom", "fechadesde") or before it ("startdate", "fromdate"); names as
# canonical.norm_name writes them.
_OPENS = ("desde", "from", "von", "since", "start", "inicio", "debut", "ab")
_CLOSES = ("hasta", "to", "until", "till", "bis", "end", "fin")
# What such a table names its rate by, where no name says close: its value, its rate.
_VALUES = frozenset({"valor", "value", "wert", "valeur", "valore", "rate", "tasa", "taxa", "kurs", "trm"})
# The days a day's rate is in force, at most: from a Friday to the Tuesday after a Monday's holiday. A
# contract's value or a tariff's price holds for months, each row another's: they had loaded as a series.
_LONGEST = 4


def in_force(opens: str, closes: str) -> bool:
    """Whether two norm_name'd column names are the first and the last day of one period: a stem of
    theirs shared, one opening it and the other closing it (_OPENS, _CLOSES)."""
    for o in _OPENS:
        for c in _CLOSES:
            if (opens.endswith(o) and closes.endswith(c) and opens[:-len(o)] == closes[:-len(c)] != "") \
                    or (opens.startswith(o) and closes.startswith(c) and opens[len(o):] == closes[len(c):] != ""):
                return True
    return False


def rate_in_force(names: Sequence[str], dated: Sequence[bool], numeric: Sequence[bool],
                  mapping: Sequence[str | None], body: Sequence[Sequence[str]],
                  formats: Sequence[str | None]) -> int | None:
    """The column to load as the close of a table of one rate in force from its date to another
    (in_force), or None: the one column of numbers, named as a value (_VALUES), beside the dates and
    a column of one currency's code (the unit the rate is in), and nothing else. "no close column"
    before. A meter's readings ("Start Date,End Date,Value,kWh"), a price list's items valid from a
    day ("Product,Valid From,Valid To,Value,Currency") or a statement's amounts are not: no currency
    unit, or a column of names beside; nor a contract's values or a tariff's prices, in force for months
    (_a_day_each: `formats`, each column's date format)."""
    d = mapping.index("date")
    ends = [j for j, is_date in enumerate(dated) if is_date and j != d and mapping[j] is None
            and in_force(names[d], names[j])]
    values = [j for j, n in enumerate(numeric) if n and mapping[j] is None]
    units = [j for j in range(len(names)) if j != d and j not in ends and j not in values]
    if len(ends) != 1 or len(values) != 1 or names[values[0]] not in _VALUES or len(units) != 1:
        return None
    codes = [r[units[0]].strip().upper() for r in body if units[0] < len(r) and r[units[0]].strip()]
    if not codes or len(set(codes)) != 1 or currency_share(codes) < 0.9 \
            or not _a_day_each(body, d, ends[0], formats[d] or "", formats[ends[0]] or ""):
        return None
    return values[0]


def _a_day_each(body: Sequence[Sequence[str]], opens: int, closes: int, opens_format: str, closes_format: str) -> bool:
    """Whether each row's period, from its `opens` column's day to its `closes` column's, is a day's rate's
    (_LONGEST), one at least read."""
    spans = [closed[0] - opened[0] for r in body if max(opens, closes) < len(r)
             if (opened := days_of([r[opens]], opens_format)) and (closed := days_of([r[closes]], closes_format))]
    return bool(spans) and all(0 <= span <= _LONGEST for span in spans)
