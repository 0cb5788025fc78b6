"""A one-value series that is no price history: "date,value" of a measurement (a count, a reading, a
sum) whose values leap by orders of magnitude from one row to the next and back (1.22 -> 788 ->
127,897 -> 3.09). A generic name ("value", "rate", none at all) maps to the close, as FRED's
DATE,VALUE and a fund's Date,Value NAV rightly do; a price moves a few percent a day, and a split or
a switch to pence leaps once and stays. Loaded, the leaps stood as a ticker's days. Nor is one that
goes below zero (a temperature, a spread, a balance: no price is), nor one a file's name says is a
reading ("berlin_temperature.csv"): its positive rows had loaded as a ticker's closes, the others
rejected one by one as non-positive prices."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from pathlib import PurePath

from .canonical import BELOW_ZERO, CURRENCY_COLUMN, norm_name
from .moves import ABOUT_A_LEVEL, JUMPY, median_step, wander
from .numbers import to_float, written_places
from .sample_runs import sample_runs
from .statements import NOT_PRICES
from .tenors import MOST_RATE
from .words import words

# Names that say a value and not which: the close maps to them for want of a better word. A close
# named "Close", "Price", "NAV" or by a ticker says it is one, and its leaps are the prices' own
# (a switch between pounds and pence, settled on loading: ingestion/price_units.py).
_GENERIC = frozenset({"", "value", "values", "val", "rate", "rates", "obsvalue", "observation", "observations"})
_OTHERS = frozenset({"open", "high", "low", "adj_close", "volume", "ticker"})
_ROWS = 500  # sampled rows looked at
_LEAP = 10.0  # a step of tenfold or more between neighbouring rows: no day's price moves so
_LEAPS = 3  # at least this many, and this share of the steps: a split, a misplaced point, leap once or twice
_LEAP_SHARE = 0.1
_WILD = 0.4  # a median move this wide (half again or more): no price's, however its values wander
# Words of a file's name that say what its generic "value" measures: weather and readings, none a price's.
# Not "temp" (a temporary file's as often) nor "emissions" (carbon allowances are priced).
_READINGS = frozenset({"temperature", "temperatures", "rainfall", "precipitation", "humidity", "weather",
                       "snowfall", "windspeed", "sunshine", "celsius", "fahrenheit", "sensor", "readings"})
# Words of a title above the table, or of the file's name, that say its generic value is a ratio or an
# economy's figure, no price: Macrotrends' "S&P 500 PE Ratio - 90 Year Historical Chart" over "date, value"
# had loaded the ratio as a ticker's closes (real files round 32). Not "rate" nor "index": an exchange
# rate and an index's level are loaded as prices.
# A valuation named otherwise ("Price to Earnings", "Shiller PE 10", German "KGV") and an economy's
# figures in German, Spanish and Italian are no price either.
_FIGURES = frozenset({"ratio", "ratios", "unemployment", "gdp", "population", "earnings", "kgv", "shiller",
                      "arbeitslosenquote", "arbeitslosigkeit", "bruttoinlandsprodukt", "desempleo", "disoccupazione"})
# A chart's scale, no figure: "S&P 500 Price (ratio scale)" (a logarithmic axis) had been refused as a ratio.
_CHART_SCALE = re.compile(r"\b(?:ratio|log(?:arithmic)?)[\s-]+scale[ds]?\b", re.IGNORECASE)


def leaping_series_problem(names: Sequence[str], canonical: Sequence[str | None],
                           body: Sequence[Sequence[str]], decimal: str, thousands: str | None) -> str | None:
    """The problem of a table of dates and one value under a generic name (`names`: the header's, none if
    it has none) whose values step tenfold or more between neighbouring rows on at least _LEAPS and
    _LEAP_SHARE of the steps, else None."""
    j = _generic_value(names, canonical)
    if j is None:
        return None
    name = names[j].strip() if j < len(names) else ""
    rows = [r for r in body[:_ROWS] if j < len(r)]
    d = canonical.index("date")
    if len({r[d].strip() for r in rows if d < len(r)}) < len(rows):
        # A date held twice: several series stacked, or a day's readings, not one series' steps. Two
        # securities' rows taken in turn leap on every step; refused so, the rows' conflict was hidden.
        return None
    cells = [r[j].strip() for r in rows]
    values = [(c, v) for c in cells if (v := to_float(c, decimal, thousands)) is not None and v > 0]
    steps = list(zip(values, values[1:]))
    leaps = [(a, b) for a, b in steps if max(a[1], b[1]) >= _LEAP * min(a[1], b[1])]
    if len(leaps) < _LEAPS or len(leaps) < _LEAP_SHARE * len(steps):
        return None
    widest = max(leaps, key=lambda s: max(s[0][1], s[1][1]) / min(s[0][1], s[1][1]))
    return (f"a series of values that leap tenfold or more between neighbouring rows ({len(leaps)} of {len(steps)} "
            f"steps){NOT_PRICES}{name or 'its only value column'} goes from {widest[0][0]} to {widest[1][0]}; "
            "no day's price moves so, and a split leaps once. Name the column \"Close\" if it is a price")


def jumping_table_problem(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
                          decimal: str, thousands: str | None, head_end: int | None = None) -> str | None:
    """The problem of a long table of dates, a ticker and one value under a generic name (as
    leaping_series_problem's, each ticker's its own series) whose tickers' values move tens of percent
    from row to row on the median step (moves.JUMPY), as a day's sales, amounts or counts do by product,
    commodity or asset ("Date,Commodity,Value": wheat 120,000 then 45,000 then 98,000); else None. Each
    ticker's values had loaded as its closes without a word. A price moves a percent or two a day. Beside a
    quantity read as the volume too ("Date,Asset,Quantity,Value": a day's sales, each product's units and
    takings). Only where the values stay about a level (moves.wander), as amounts do: an option's premiums,
    a young coin's or a crash week's small caps move so far a day too, and had been refused (24179b9).
    Each ticker's steps within the head's rows and within the tail's (`head_end`, sample_runs.py): between
    them, years apart, a price moves as much as sales do from day to day."""
    if {m for m in canonical if m} - {"volume"} != {"date", "ticker", "close"} or canonical.count("close") != 1:
        return None
    c, k = canonical.index("close"), canonical.index("ticker")
    name = names[c].strip() if c < len(names) else ""
    if norm_name(name) not in _GENERIC:
        return None
    series: dict[tuple[int, str], list[float]] = {}
    for run, (rows, _, _) in enumerate(sample_runs(body, head_end)):
        for r in rows[:_ROWS]:
            if max(c, k) < len(r) and (v := to_float(r[c].strip(), decimal, thousands)) is not None and v > 0:
                series.setdefault((run, r[k].strip()), []).append(v)
    step = median_step(list(series.values()))
    if sum(len(own) - 1 for own in series.values()) < _LEAPS or step is None or step <= JUMPY:
        return None
    # Large moves alone are an option's, a young coin's or a crash week's prices too, whose moves add up;
    # a day's takings leap about their level. Too few rows to tell, or moves no price makes: refused.
    if step < _WILD and (far := wander(list(series.values()))) is not None and far > ABOUT_A_LEVEL:
        return None
    return (f"figures by {names[k].strip() if k < len(names) else 'ticker'} that move tens of percent from row to "
            f"row{NOT_PRICES}{name or 'its only value column'} of each moves {math.expm1(step):.0%} on the median "
            "step; a price moves a percent or two a day. Name the column \"Close\" if it is a price")


def reading_series_problem(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
                           decimal: str, thousands: str | None, file_name: str, above: str = "") -> str | None:
    """The problem of a table of dates and one value under a generic name (as leaping_series_problem's)
    with at least BELOW_ZERO values below zero among its sampled rows, or in a file whose name holds
    a word of _READINGS, or whose name or title (`above`: the text of the lines above the table) one of
    _FIGURES; else None. A close named so ("Close", "Price", "NAV") is left to load."""
    j = _generic_value(names, canonical)
    if j is None:
        return None
    shown = (names[j].strip() if j < len(names) else "") or "its only value column"
    cells = [r[j].strip() for r in body[:_ROWS] if j < len(r)]
    below = [c for c in cells if (v := to_float(c, decimal, thousands)) is not None and v < 0]
    if len(below) >= BELOW_ZERO:
        return (f"a series of values that go below zero ({len(below)} of {len(cells)} rows){NOT_PRICES}{shown} "
                f"holds {below[0]}, which no price is. Name the column \"Close\" if it is a price")
    stem = PurePath(file_name).stem
    if said := [w for w in words(stem) if w.lower() in _READINGS]:
        return (f"a series of readings{NOT_PRICES}the file's name says \"{said[0]}\" and its column ({shown}) "
                "no price's name. Name the column \"Close\" if it is a price")
    for text, where in ((_CHART_SCALE.sub(" ", above), "its title"), (_CHART_SCALE.sub(" ", stem), "the file's name")):
        if said := [w for w in words(text) if w.lower() in _FIGURES]:
            return (f"a series of figures{NOT_PRICES}{where} says \"{said[0]}\" and its column ({shown}) no "
                    "price's name. Name the column \"Close\" if it is a price")
    return None


# Words of a file's name or title that say its rates are money's price over time, an interest rate or
# a yield, and no currency's price in another: a central bank's policy or deposit rate per currency.
_INTEREST = frozenset({"interest", "deposit", "deposits", "policy", "lending", "borrowing", "overnight", "yield",
                       "yields", "libor", "sofr", "sonia", "euribor", "estr", "eonia", "saron", "tona", "tonar",
                       "zins", "zinsen", "zinssatz", "zinssätze", "zinssaetze", "leitzins", "leitzinsen", "juros",
                       "interés", "interes", "intereses", "intérêt", "intérêts", "interesse", "interessi"})

_EXCHANGE = frozenset({"fx", "forex", "exchange", "exchanges", "wechselkurs", "wechselkurse", "devisen", "devisenkurse",
                       "cambio", "cambios", "câmbio", "devises"})


def interest_rates_problem(names: Sequence[str], canonical: Sequence[str | None], file_name: str,
                           above: Callable[[], str], body: Sequence[Sequence[str]], decimal: str,
                           thousands: str | None) -> str | None:
    """The problem of a long table of rates under a generic name keyed by a column named as the currency
    ("Date,Currency,Rate", read as exchange rates: canonical._currency_keys_rates) in a file whose name
    or title (`above`: the text of the lines above the table) holds a word of _INTEREST, or whose rates
    (`body`) move as a central bank's do (_set_rates); else None. A deposit rate per currency (USD 5.31,
    GBP 5.20, AUD 4.35) had loaded as series USD, GBP and AUD, as an exchange rate's; those that go
    below zero are refused as such (canonical._rates_below_zero)."""
    if "ticker" not in canonical or "close" not in canonical:
        return None
    k, c = canonical.index("ticker"), canonical.index("close")
    if max(k, c) >= len(names) or norm_name(names[k].strip()) not in CURRENCY_COLUMN \
            or norm_name(names[c].strip()) not in _GENERIC:
        return None
    texts = {where: ([w for w in found if w.lower() in _INTEREST], any(w.lower() in _EXCHANGE for w in found))
             for where, found in (("the file's name", words(PurePath(file_name).stem)),
                                  ("its title", words(above())))}
    # Exchange rates said by one text and no interest with them (a "policy_rates.csv" titled "Foreign
    # exchange reference rates") are exchange rates. Exchange said beside interest is unsaid which
    # ("interest_rate_parity_fx.csv", "FX and policy rates"), and leaves the other text to say: a
    # "deposit_rates.csv" titled "Interest rates on foreign exchange deposits" had loaded its deposit
    # rates as exchange rates (silent, bc03ee0), for the title's "exchange".
    if any(exchange and not said for said, exchange in texts.values()):
        return None
    for where, (said, exchange) in texts.items():
        if said and not exchange:
            return (f"interest rates by currency{NOT_PRICES}{where} says \"{said[0]}\" over {names[k].strip()} "
                    f"and {names[c].strip()}: a currency's interest rate is no exchange rate. Load the file with "
                    "its mapping if these are exchange rates")
    if moved := _set_rates(body, k, c, decimal, thousands):
        return (f"interest rates by currency{NOT_PRICES}its {names[c].strip() or 'rates'} by {names[k].strip()} "
                f"stand still for days and move by quarters of a point ({moved}), as a central bank's rates do "
                "and no floating currency's. Load the file with its mapping if these are exchange rates")
    return None


# A central bank's rates: a percent a year below a level no exchange rate of two decimals is held to, written
# to two decimals at most ("5.25"; a peg's exchange rate is written to four, "3.7500"), moved in quarters of
# a point on at most this share of the steps between a currency's rows, three currencies at least with this
# many rows each. Not in twentieths: exchange rates kept to two decimals move so too, a peg's band ("HKD
# 7.80 -> 7.75"), a treasury's budget rates, cash rates rounded to five centimes; they had been refused.
_SET_STEP = 0.25
_SET_MOVES = 0.5
_SET_CURRENCIES = 3
_SET_ROWS = 5


def _set_rates(body: Sequence[Sequence[str]], k: int, c: int, decimal: str, thousands: str | None) -> str | None:
    """A move of the rates (column `c`) by currency (column `k`) of `body`, where they move only as a central
    bank's policy or deposit rates do (_SET_STEP...): "CHF 1.75 -> 1.50"; else None. Not an exchange rate's
    table: its floating currencies move every day by less than a quarter, its pegs never (a table of pegs
    alone, "BSD 1.00, SAR 3.75", stands still as a quiet month's policy rates do: left as it was read)."""
    series: dict[str, list[tuple[str, float]]] = {}
    for r in body[:_ROWS]:
        if max(k, c) >= len(r):
            continue
        cell = r[c].strip()
        v = to_float(cell, decimal, thousands)
        if v is None or not 0 < v <= MOST_RATE or written_places(cell) > 2:
            return None
        series.setdefault(r[k].strip().upper(), []).append((cell, v))
    if len(series) < _SET_CURRENCIES or any(len(own) < _SET_ROWS for own in series.values()):
        return None
    steps = [(code, a, b) for code, own in series.items() for a, b in zip(own, own[1:])]
    moves = [(code, a, b) for code, a, b in steps if a[1] != b[1]]
    if not moves or len(moves) > _SET_MOVES * len(steps) \
            or any(abs(d / _SET_STEP - round(d / _SET_STEP)) > 1e-6 for _, a, b in moves if (d := b[1] - a[1])):
        return None
    code, a, b = moves[0]
    return f"{code} {a[0]} -> {b[0]}"


def _generic_value(names: Sequence[str], canonical: Sequence[str | None]) -> int | None:
    """The index of a table's one value column, the close for want of a better word (a name of _GENERIC,
    or none), beside a date and nothing else mapped; else None."""
    if "date" not in canonical or canonical.count("close") != 1 or _OTHERS & set(canonical):
        return None
    j = canonical.index("close")
    return j if norm_name(names[j].strip() if j < len(names) else "") in _GENERIC else None
