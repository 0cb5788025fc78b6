"""Column names only a ticker writes: a symbol with its exchange's suffix ("VOD.L", "SAP.DE", "7203.T",
"005930.KS"), an index's caret ("^GSPC"), Yahoo's currency pairs and futures ("EURUSD=X", "GC=F"), a coin
against what it is quoted in ("BTC-USD"), a pair of currencies ("EUR/USD", "EURUSD": its exchange rate).

"Date,AAPL,MSFT" is refused where nothing says its numbers are closes (flat_header.named_as_tickers):
"Date,CPI,GDP", "Date,TMAX,PRCP" and "Date,NO2,PM10" are written alike. A header of such marks names
tickers as no series of another kind is named, and a table of a date and of positive numbers under
them is a close matrix (pandas' prices["Close"].to_csv() of Yahoo's symbols): read as the file named
"close.csv" is."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from statistics import median

from .cell_days import month_of, reads_days
from .columns import ColumnType
from .currencies import CURRENCY_CODES, PER_DOLLAR, PRICE_UNITS, currency_pair, rate_out_of_reach
from .moves import JUMPY, PRICES, RATES, jumps_as_counts, median_step
from .numbers import is_null, to_float

# Yahoo's suffixes of exchanges (and Reuters' ".O", ".N", Stooq's ".US"): a symbol's, never a word's
# ("Temp.C", "No.1" are no ticker: C and 1 are in none).
_EXCHANGES = frozenset({
    "L", "IL", "DE", "F", "BE", "DU", "HM", "HA", "MU", "SG", "PA", "AS", "BR", "LS", "MI", "MC", "SW", "VX", "ST",
    "OL", "CO", "HE", "IC", "VI", "WA", "PR", "BD", "AT", "IR", "IS", "ME", "TO", "V", "CN", "NE", "AX", "NZ",
    "HK", "SS", "SZ", "KS", "KQ", "T", "NS", "BO", "SI", "KL", "BK", "JK", "TW", "TWO", "SA", "MX", "BA", "SN",
    "JO", "TA", "SR", "QA", "KW", "CA", "O", "N", "OQ", "US"})
_SUFFIXED = re.compile(r"(?P<symbol>[A-Z0-9][A-Z0-9&-]{0,11})\.(?P<exchange>[A-Z]{1,3})")
_CARET = re.compile(r"\^[A-Z0-9][A-Z0-9.]{1,11}")
_YAHOO_FX_OR_FUTURE = re.compile(r"[A-Z]{6}=X|[A-Z]{1,3}=F")
_COIN = re.compile(r"(?P<coin>[A-Z0-9]{2,10})-(?P<quote>[A-Z]{3,4})")
# A coin's code of letters alone is six at most (Yahoo's "PENDLE-USD", "RENDER-USD"; a longer one it writes
# with digits: "UNI7083-USD"): seven letters or more are a word, a series counted in the currency after it
# ("EXPORTS-USD,IMPORTS-USD": a country's trade, loaded as two coins' closes without a word).
_COIN_LETTERS = 6
# A name of no mark beside marked ones is a ticker only where written as a US listing's symbol is: five
# capitals at most, a share's class after them ("^GSPC,AAPL", "^GSPC,BRK-B": an index and a share Yahoo
# lists unmarked). A longer word, a digit or a word before a currency is a series of another kind
# ("^VIX,UNRATE", "BTC-USD,EXPORTS-USD", "^GSPC,DGS10"), and so are the economy's figures of a
# symbol's length, which had loaded as a ticker's closes: "^VIX,CPI".
_US_SYMBOL = re.compile(r"[A-Z]{1,5}(?:[./-][A-Z])?")
_ECONOMY = frozenset({
    "CPI", "CPIH", "HICP", "RPI", "PPI", "PCE", "PCEPI", "GDP", "GNP", "GNI", "PMI", "ISM", "NFP", "UR", "UNEMP",
    "HOUST", "ICSA", "CCSA", "SOFR", "SONIA", "ESTR", "EONIA", "LIBOR", "TONA", "TONAR", "CORRA", "SARON", "SELIC"})
# Words of a business's or a country's money counted in a currency ("SALES-USD,COSTS-USD"), short as a coin's
# code: a ledger's figures, which had loaded as two coins' closes. No coin Yahoo lists is one.
_MONEY_WORDS = _ECONOMY | {
    "SALES", "COST", "COSTS", "PROFIT", "INCOME", "TOTAL", "SPEND", "BUDGET", "DEBT", "WAGES", "TAXES", "RENT",
    "FEES", "LOSS", "GROSS", "CAPEX", "OPEX", "EXPORT", "IMPORT", "ASSETS", "LOANS", "PRICE", "CREDIT", "DEBIT"}


def unmarked_ticker(name: str) -> bool:
    """Whether a name of no mark (marked_ticker) beside marked ones is written as a ticker (_US_SYMBOL)."""
    name = name.strip()
    return bool(_US_SYMBOL.fullmatch(name)) and name not in _ECONOMY


def marked_ticker(name: str) -> bool:
    """Whether a column's name is written as only a ticker is (the module's marks)."""
    name = name.strip()
    if (m := _SUFFIXED.fullmatch(name)) is not None:
        return m.group("exchange") in _EXCHANGES and any(c.isalnum() for c in m.group("symbol"))
    if (m := _COIN.fullmatch(name)) is not None:
        coin = m.group("coin")
        return m.group("quote") in PRICE_UNITS and coin not in CURRENCY_CODES \
            and not (coin.isalpha() and len(coin) > _COIN_LETTERS) and coin not in _MONEY_WORDS
    return bool(_CARET.fullmatch(name) or _YAHOO_FX_OR_FUTURE.fullmatch(name)) or currency_pair(name)


# A bar's fields abbreviated after a ticker's symbol ("AAPL.O", "AAPL.H", "AAPL.L", "AAPL.C", "AAPL.V").
_BAR_LETTERS = frozenset("OHLCV")


def _one_symbol_twice(names: Sequence[str]) -> bool:
    """Whether a symbol leads two of the names before a bar's letter, one of them no exchange's (".H", ".C"):
    "AAPL.O,AAPL.H,AAPL.L,AAPL.C" are one ticker's open, high, low and close abbreviated, its ".O" and ".L"
    no exchange's. Half so marked, they had loaded as the closes of four tickers. A share's classes ("BRK.A",
    "BRK.B") are two tickers, and a share listed twice ("AZN.L,AZN.O": London's and Nasdaq's) is two."""
    letters: dict[str, list[str]] = {}
    for n in names:
        if (m := _SUFFIXED.fullmatch(n.strip())) is not None and m.group("exchange") in _BAR_LETTERS:
            letters.setdefault(m.group("symbol"), []).append(m.group("exchange"))
    return any(len(own) > 1 and not set(own) <= _EXCHANGES for own in letters.values())


def _opens_and_lows(names: Sequence[str], body: Sequence[Sequence[str]], columns: Sequence[int], decimal: str,
                    thousands: str | None) -> bool:
    """Whether a symbol's ".L" column stands at or below its ".O" column on every row, within a day's range of it
    (JUMPY): Reuters' letters of one ticker's open and low ("AAPL.O,AAPL.L,MSFT.O,MSFT.L"), each an exchange's
    too, which had loaded as four tickers' closes. A share listed twice ("AZN.L,AZN.O") is priced in two
    currencies: pence a hundredfold, pounds a third below the dollars, or above and below by turns."""
    own: dict[str, dict[str, int]] = {}
    for n, j in zip(names, columns):
        if (m := _SUFFIXED.fullmatch(n.strip())) is not None:
            own.setdefault(m.group("symbol"), {})[m.group("exchange")] = j
    for letters in own.values():
        if "O" not in letters or "L" not in letters:
            continue
        o, lo = letters["O"], letters["L"]
        pairs = [(a, b) for row in body if max(o, lo) < len(row)
                 and (a := to_float(row[o], decimal, thousands)) and (b := to_float(row[lo], decimal, thousands))]
        if pairs and all(b <= a <= b * (1 + JUMPY) for a, b in pairs):
            return True
    return False


def marked_closes(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                  canonical: Sequence[str | None], body: Sequence[Sequence[str]], bare: Sequence[int],
                  decimal: str, thousands: str | None) -> list[int]:
    """Of a table of a date and no close, the columns that are each a ticker's closes, where every
    column but the date is one: named by a ticker alone (`bare`: flat_header.named_as_tickers), half or
    more of them marked as only a ticker is (marked_ticker), the others written as a US symbol is
    (unmarked_ticker), all where one is a currency pair (a
    desk's sheet of rates names each by its pair), two or more, and holding positive numbers only (a
    return, a change, a temperature goes below zero). [] otherwise."""
    if "date" not in canonical or "close" in canonical or "ticker" in canonical:
        return []
    others = [j for j, m in enumerate(canonical) if m != "date"]
    names = [header_cells[j][0].strip() if j < len(header_cells) and len(header_cells[j]) == 1 else ""
             for j in others]
    if len(others) < 2 or any(canonical[j] is not None for j in others):
        return []
    if not all(j in bare and types[j].type in ("integer", "float") for j in others):
        return []
    marked = sum(map(marked_ticker, names))
    if 2 * marked < len(names) or _one_symbol_twice(names):
        return []
    if not all(marked_ticker(n) or unmarked_ticker(n) for n in names):
        return []
    if marked < len(names) and any(map(currency_pair, names)):
        return []  # a rate beside a name of no mark ("Date,EUR/USD,CPI"): a sheet of the economy's figures
    for row in body:
        for j in others:
            cell = row[j] if j < len(row) else ""
            if is_null(cell):
                continue
            value = to_float(cell, decimal, thousands)
            if value is None or value <= 0:
                return []
    return [] if _opens_and_lows(names, body, others, decimal, thousands) else others


def dated_column(canonical: Sequence[str | None], types: Sequence[ColumnType]) -> tuple[int, str]:
    """The date's column and its format, of a table unlike_closes judges (it has one)."""
    j = canonical.index("date")
    return j, types[j].format or ""


def indices_only(names: Sequence[str]) -> bool:
    """Whether every name is an index's, as Yahoo writes them ("^GSPC", "^IXIC"): the benchmarks a share's
    close is set beside, not a matrix of tickers' closes."""
    return all(_CARET.fullmatch(n) for n in names)


def marked_beside_close(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                        canonical: Sequence[str | None], body: Sequence[Sequence[str]], decimal: str,
                        thousands: str | None, bare_of: Callable[..., list[int]]) -> list[int]:
    """Of a table of a date and one close no ticker names ("PRICE"), the other columns where they are a close
    matrix of two or more tickers each marked as only a ticker is (marked_closes of the table without the
    close; `bare_of`: flat_header.named_as_tickers). "Date,BTC-USD,ETH-USD,PRICE" had loaded PRICE alone, as the
    file name's ticker, and left the coins unread without a word: whose close PRICE is, is unsaid. A share's
    close beside one benchmark ("Date,Close,^GSPC") is no matrix, nor beside indices only ("^GSPC,^IXIC"):
    the benchmarks a share is set beside. [] otherwise."""
    if canonical.count("close") != 1 or set(filter(None, canonical)) != {"date", "close"} \
            or len(header_cells) < len(canonical) \
            or sum(m is None and marked_ticker(" ".join(header_cells[j])) for j, m in enumerate(canonical)) < 2:
        return []
    keep = [j for j, m in enumerate(canonical) if m != "close"]
    cells, kinds, mapped = ([seq[j] for j in keep] for seq in (header_cells, types, canonical))
    rows = [[row[j] if j < len(row) else "" for j in keep] for row in body]
    found = marked_closes(cells, kinds, mapped, rows, bare_of(cells, kinds, mapped), decimal, thousands)
    names = [" ".join(cells[k]).strip() for k in found]
    if len(found) < 2 or not all(map(marked_ticker, names)) or indices_only(names) \
            or unlike_closes([" ".join(c).strip() for c in cells], rows, found, decimal, thousands,
                             dated_column(mapped, kinds)):
        return []
    return [keep[k] for k in found]


# An index's volume may move as little as a price (the S&P's, 3%): a million and more whole units tell
# it (below); moves.JUMPY tells the rest.
# Whole numbers this large are counts (shares traded or issued) or money (a market value): no share
# trades at a million (Berkshire's A at 700,000; a rare Korean one has: refused, loud), nor an index
# stands so high; a coin may, in a small currency's units.
_COUNTS = 1_000_000
# Of an unmarked name's steps (unmarked_ticker: its name is weak evidence), the share on which it holds still
# where no price does: "Date,^VIX,ISMX" of an index beside a monthly survey's figure written on each of its
# month's days had loaded the figure as a ticker's closes. A marked name's is a thin listing's price. So is
# an unmarked one's that moves on days of its own (a thin or halted share "SIVB" beside "^GSPC", a gilt, a
# money market fund at 1.00 that never moves): only a figure that moves once or twice a month is refused.
_STILL = 0.75
_LEAST_STEPS = 5
_MONTH_ROWS = 23  # a month's trading days, the most
_MONTHS_STILL = 2  # a figure the same two months running
_SUMS = ((1.0, 0.01), (100.0, 1.0))  # what a row of weights adds up to, and how near
_LEAST_SUMS = 3  # full rows that add up so: a head's two rows of prices may by chance


def unlike_closes(names: Sequence[str], body: Sequence[Sequence[str]], columns: Sequence[int], decimal: str,
                  thousands: str | None, dated: tuple[int, str], rates: bool = False) -> str | None:
    """Why the numbers of a matrix of marked tickers (marked_closes' `columns`, `names` the file's, its
    date's column and format `dated`) are no closes, or None: pandas' prices["Volume"].to_csv() writes the same
    header as its closes; a pair's numbers beyond its rate's reach (currencies.rate_out_of_reach) are a
    desk's other figures. Steps are judged pooled over the tickers, each between its own neighbouring
    values (a head of a few rows gives each ticker few), as rates (moves.jumps_as_counts) where every
    column is a currency pair's or they are a central bank's (`rates`). Where the columns are named as
    tickers (not a central bank's currencies, whose pegged ones hold still), an unmarked name's that holds
    still as a monthly figure does (_monthly, by the rows' months) is no ticker's."""
    values = [[to_float(row[j], decimal, thousands) if j < len(row) and not is_null(row[j]) else None
               for j in columns] for row in body]
    series: list[list[float]] = []
    counted = None
    for k, j in enumerate(columns):
        own = [row[k] for row in values if row[k]]
        series.append(own)
        if own and all(v.is_integer() for v in own) and median(own) >= _COUNTS \
                and not _COIN.fullmatch(names[j].strip()):  # a coin in whole won: "BTC-KRW" at 90,000,000
            counted = counted or (f"{names[j].strip()} holds whole numbers of a million or more ({own[0]:.0f}), "
                                  "which no price is: shares traded or issued, or a market value?")
    step = median_step(series)
    kind = RATES if rates or all(currency_pair(names[j]) for j in columns) else PRICES
    if jumps_as_counts(series, kind, all(v.is_integer() for own in series for v in own),
                       [row[dated[0]] for row in body if len(row) > dated[0]], dated[1]):
        return (f"they move {step:.0%} from row to row on the median step, where a price moves a few percent: "
                "volumes, money traded or returns?")
    if counted:
        return counted
    if step == 0:
        return "they hold still from row to row on most steps, as no price does: shares held or issued?"
    months = None if rates else row_months(body, *dated)
    for k, j in enumerate(columns):
        if months is not None and not marked_ticker(names[j]) \
                and _monthly([(m, row[k]) for m, row in zip(months, values) if row[k]]):
            return (f"{names[j].strip()}, a name no mark says a ticker's, holds still from row to row on most "
                    "steps, as no price does: a monthly figure written on every day?")
    full = [sum(row) for row in values if all(row)]
    for total, near in _SUMS:
        if len(full) >= _LEAST_SUMS and all(abs(s - total) <= near for s in full):
            return f"each row's numbers add up to {total:g}: weights?"
    for j, own in zip(columns, series):
        if rate_out_of_reach(names[j], own):  # a desk's forward points or volatilities by pair
            return (f"{names[j].strip()} holds {own[0]:g}, where no rate of the pair has ever stood: "
                    "forward points, volatilities or positions?")
    return None


def _monthly(cells: list[tuple[tuple[int, int] | None, float]]) -> bool:
    """Whether (month, value) `cells` hold still on most steps (_STILL) as a monthly figure does: moving once
    at least, twice a month at most (a figure filled in from its release), and still for no longer than
    _MONTHS_STILL months' rows (a share halted for good is still for ever)."""
    steps = list(zip(cells, cells[1:]))
    moves = [k for k, (a, b) in enumerate(steps) if a[1] != b[1]]
    spanned = {m for m, _ in cells if m is not None}
    runs = [b - a for a, b in zip([-1, *moves], [*moves, len(steps)])]
    return len(steps) >= _LEAST_STEPS and len(steps) - len(moves) >= _STILL * len(steps) \
        and 0 < len(moves) <= 2 * len(spanned) and max(runs) <= _MONTHS_STILL * _MONTH_ROWS


def row_months(body: Sequence[Sequence[str]], j: int, fmt: str) -> list[tuple[int, int] | None] | None:
    """Each body row's (year, month) in its date column `j` written in `fmt` (cell_days reads it), None where
    unread; None where no format reads days."""
    if not reads_days(fmt):
        return None
    return [month_of(row[j], fmt) if j < len(row) else None for row in body]


# A central bank's reference rates, one column per currency: headed by its code alone (the ECB's
# eurofxref-hist.csv: "Date,USD,JPY,BGN,...", each the units one euro buys) or by the units a rate is the
# price of (Poland's NBP "data,1 USD,1 EUR", the CNB's "Datum|1 AUD|100 JPY", in zlotys and korunas).
# "USD" means one rate in the ECB's file and another in the NBP's: each column loads as its pair
# ("EUR/USD", "USD/PLN", as currency_pair names one), and a rate per 100 units as the rate of one.
_RATE_NAME = re.compile(r"(?:(?P<units>1|10|100|1000|10000) ?)?(?P<code>[A-Z]{3})")
_LEAST_RATES = 3  # "Date,USD,EUR" may as well be a sales split by currency
# Words of a file's name that say the office and so the currency its rates are counted in (a base
# no number tells: zlotys and korunas per dollar are alike numbers).
_BASE_WORDS = {"eurofxref": "EUR", "ecb": "EUR", "nbp": "PLN", "kursy": "PLN", "cnb": "CZK", "kurzy": "CZK",
               "cbr": "RUB"}
# The majors, whose cost in dollars (the inverse of PER_DOLLAR's reach) rates of one office, read through
# its dollar's, cross within; amounts by currency, balances or each currency's growth from 1, do not.
_MAJORS = ("EUR", "GBP", "JPY", "CHF")
_RATE_WORDS = re.compile(r"[a-z]+")
# The old leu and lira, which the ECB's history still heads a column by: not CURRENCY_CODES' (Rollins trades
# as "ROL"), a code only among other currencies' here. The IMF's special drawing right, which the NBP's, the
# CNB's and the CBR's tables rate beside the currencies: "data,AUD,...,XDR,..." (St4nkk/kursy_NBP) had "no
# close column" for its one column not a currency's (real files round 49).
_RATE_CODES = CURRENCY_CODES | {"ROL", "TRL", "XDR"}
# Currencies held to the euro, per euro: the lev fixed at 1.95583 since 1999, the krone held within 0.5% of
# 7.46038 (7.42 to 7.47 in the ECB's history; ERM II's 2.25% band would take a franc's krone at parity). A
# pound's, franc's or dollar's rates cross as a euro's do (the pound and franc have cost 0.8 to 1.65 dollars
# as the euro has): only a peg held says the euro where no name does.
_EURO_PEGS = {"BGN": (1.9555, 1.9561), "DKK": (7.41, 7.48)}


def rate_table(names: Sequence[str], file_name: str, types: Sequence[ColumnType], canonical: Sequence[str | None],
               body: Sequence[Sequence[str]], decimal: str, thousands: str | None) -> dict[int, tuple[str, int]]:
    """Of a table of a date and columns named by currencies alone (_RATE_NAME), three or more, each
    column's pair and the units its rate is for, where the currency they are counted in is known (named
    by the file, _BASE_WORDS, or the euro where no column is the euro's and one is the yen's) and the
    majors' rates cross as rates do (_cross_as_rates). {} otherwise, and where a number is at or below
    zero; unlike_closes judges their moves after."""
    if "date" not in canonical or any(m is not None for m in canonical if m != "date"):
        return {}
    others = [j for j, m in enumerate(canonical) if m != "date"]
    codes = {j: m for j in others if (m := _RATE_NAME.fullmatch(names[j].strip())) and m["code"] in _RATE_CODES}
    if len(codes) < _LEAST_RATES or len(codes) < len(others) or len({m["code"] for m in codes.values()}) < len(codes):
        return {}
    units = {j: int(m["units"] or 1) for j, m in codes.items()}
    held = {m["code"]: j for j, m in codes.items()}
    for row in body:
        for j in others:
            cell = row[j] if j < len(row) else ""
            if is_null(cell):
                continue  # the ECB's "N/A" for a currency gone: a rejected row, as a matrix's empty cell
            value = to_float(cell, decimal, thousands) if types[j].type in ("integer", "float") else None
            if value is None or value <= 0:
                return {}
    base = next((_BASE_WORDS[w] for w in _RATE_WORDS.findall(file_name.rsplit("/", 1)[-1].lower())
                 if w in _BASE_WORDS), None)
    if base is None and "EUR" not in held and "JPY" in held and set(units.values()) == {1} \
            and _euro_pegged(body, held, decimal, thousands):
        base = "EUR"  # the ECB's, if its dollars and yen cross as a euro's do (below)
    if base is None or base in held:
        return {}
    # The ECB's rates are units of each currency per euro; an office's counted in its own currency, per
    # units of the others (its header says how many).
    per_euro = base == "EUR" and set(units.values()) == {1}
    if not _cross_as_rates(body, held, units, base, per_euro, decimal, thousands):
        return {}
    return {j: (f"{base}/{m['code']}" if per_euro else f"{m['code']}/{base}", units[j]) for j, m in codes.items()}


def _cross_as_rates(body: Sequence[Sequence[str]], held: dict[str, int], units: dict[int, int], base: str,
                    per_euro: bool, decimal: str, thousands: str | None) -> bool:
    """Whether on every row holding the dollar's rate the majors' (_MAJORS, the base's own among them)
    cost what they have in dollars (PER_DOLLAR), one at least: each rate read as the price of one unit in `base`."""
    checked = False
    for row in body:
        price = {}
        for code, j in held.items():
            value = to_float(row[j], decimal, thousands) if j < len(row) and not is_null(row[j]) else None
            if value:
                price[code] = 1 / value if per_euro else value / units[j]
        price[base] = 1.0
        if "USD" not in price:
            continue
        for code in _MAJORS:
            if code in price:
                least, most = PER_DOLLAR[code]
                if not 1 / most <= price[code] / price["USD"] <= 1 / least:
                    return False
                checked = True
    return checked


def _euro_pegged(body: Sequence[Sequence[str]], held: dict[str, int], decimal: str, thousands: str | None) -> bool:
    """Whether a currency held to the euro (_EURO_PEGS) is among the columns, at its peg on every row."""
    for code, (low, high) in _EURO_PEGS.items():
        if code in held:
            values = [to_float(row[held[code]], decimal, thousands) for row in body
                      if held[code] < len(row) and not is_null(row[held[code]])]
            if values and all(v is not None and low <= v <= high for v in values):
                return True
    return False
