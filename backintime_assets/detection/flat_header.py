"""A one-row header that names each column by ticker and field in one cell ("AAPL Close",
"AAPL.Close", "Close_AAPL", pandas' flattened "('Close', 'AAPL')"): its cells split into the label
and the field, as a two-row header (yfinance's) writes them, so that series.py reads each ticker's
columns and one ticker's label names the file's rows. Read whole, the first ticker's columns were
mapped, loaded under the file's name, and the others' left unread without a word."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .canonical import PRICE_COLUMNS, field_of, fits_type, has_a_name, name_hints, qualified_price
from .columns import ColumnType
from .currencies import CURRENCY_CODES, PRICE_UNITS, currency_pair
from .marked_tickers import indices_only, marked_ticker
from .multipliers import column_unit, declared_unit, units_cell
from .numbers import to_float
from .price_unit import without_unit
from .words import words as split_words

# Where a ticker and a field's name meet in one cell. A dot is also part of a ticker ("BHP.AX",
# "7203.T"): every place is tried, and the split kept whose other part is a field's whole name.
# A bar too ("AAPL|Close"): unsplit, AAPL's closes loaded under the file's name and MSFT's unread.
_SEPARATORS = " ._-|"
# A ticker in brackets after its field ("Close (MSFT)", "Close [AAPL]": Excel/Refinitiv exports).
# Cut whole, the label kept its brackets and the rows loaded under ticker "(MSFT)".
_IN_BRACKETS = re.compile(r"[(\[](.+)[)\]]")
_FIELD_BRACKETED = re.compile(r"(.+?)\s*[(\[](.+)[)\]]")  # "Close (MSFT)": (field, label)
# pandas' to_csv of MultiIndex columns flattened to tuples: "('Close', 'AAPL')".
_TUPLE = re.compile(r"""\(\s*(['"])(.+?)\1\s*,\s*(['"])(.+?)\3\s*,?\s*\)""")
# A ticker as written in capitals ("AAPL", "BHP.AX", "7203.T", "^GSPC", "BRK-B"): a word in lower
# case beside a field ("Prev Close", "Close Bid", "Apple Close") is a qualifier or a name, no ticker.
_CAPITALS = re.compile(r"[A-Z0-9^][A-Z0-9.=^/-]{0,19}")
# Words written in capitals beside a field that qualify it, not tickers: the day before, a side of
# the quote, a change, an average or indicator, a period ("52W High", "YTD Low"), an open interest.
_QUALIFIER = re.compile(
    r"PREV|PRIOR|LAST|BID|ASK|MID|OFFER|BUY|SELL|TRADE|CHG|CHANGE|PCT|DIFF|DELTA|NET|INT|INTEREST|OI|TOTAL|AVG|"
    r"AVERAGE|MEAN|MEDIAN|MIN|MAX|EOD|NAV|PX|ADJ|UNADJ|RAW|REF|SETTLE|OFFICIAL|OHLCV?|VWAP|TWAP|RSI|MACD|ATR|BB|"
    r"[SEW]?MA\d*|\d+[DWMYH]|[WMQY]TD|TTM|LTM|DAY|DAILY|TODAY|OPEN|HIGH|LOW|CLOSE|VOLUME|"
    # What kind of price, where, whose or in what ("INDEX Close", "ETF Close", "FX Close", "LCL
    # Close"), a session ("NY Close", "LDN Close"), a day before ("Close T-1"): over every column
    # of one ticker's export, its rows loaded under "INDEX". (Not "AM", "PM", "EU", "IDX": tickers
    # too, and a close matrix "Date,MO,KO,PM" names each.)
    r"INDEX|ETF|FUND|FX|CCY|LCL|LOCAL|MKT|MARKET|US|UK|NY|LDN|LON|ASIA|EMEA|APAC|[TD][-+]?\d+")
# Field names too wide to say a price beside a ticker: "CPI Value", "SOFR Rate" (a close by name
# alone, Date,Value) are series of another kind, which a split loaded as prices of tickers "CPI",
# "SOFR"; "Value" beside a ticker is also the money traded; a NAV is the fund's, not its price.
_GENERIC_FIELDS = frozenset({"value", "rate", "closingrate", "units", "qty", "quantity", "min", "max", "minimum",
                             "maximum", "first", "latest", "mid", "nav"})


# What prices are counted in beside their field ("Close USD", "Close USDT"): not a ticker.
_UNITS = PRICE_UNITS
_PRICES = frozenset(PRICE_COLUMNS)
_FIELDS = _PRICES | {"volume"}
_RANGE = frozenset({"high", "low"})
# Names of a row's number, in capitals as tickers are: a count beside the prices, not a ticker's.
# A slash in a bare name is a ratio's ("P/E", "P/B", "EV/EBITDA") but a share class's ("BRK/B").
_SHARE_CLASS = re.compile(r"[A-Z0-9]{2,}/[A-Z]")
_ROW_NUMBERS = frozenset({"ID", "NO", "NR", "NUM", "SEQ", "ROW", "N", "IDX", "INDEX"})
# A figure kept beside one ticker's prices, written in capitals as tickers are: a code, a
# fundamental, an indicator, an amount ("AAPL Close,AAPL Volume,EPS"). Its file loaded AAPL's rows
# and left it unread, as any extra column; taken for another ticker, the whole file was refused.
_FIGURES = frozenset({
    "CODE", "SYM", "SYMBOL", "TICKER", "ISIN", "CUSIP", "SEDOL", "RIC", "KEY", "LINE",
    "EPS", "PE", "PER", "PB", "PBR", "PS", "PCF", "EV", "EBIT", "EBITDA", "ROE", "ROA", "ROI", "ROIC", "DPS", "BVPS",
    "DIV", "DY", "YLD", "YIELD", "MCAP", "CAP", "FCF", "SHARES", "SHS", "FLOAT", "BETA", "ALPHA",
    "OBV", "ADX", "DMI", "CCI", "MFI", "ROC", "MOM", "SAR", "STOCH", "KDJ", "TR", "WR", "BIAS", "PSY", "DMA",
    "TRIX", "EMV", "STD", "STDEV", "VAR", "HV", "IV", "VOL", "VOLA", "SPREAD", "DIF", "DEA", "BOLL", "UPPER",
    "LOWER", "SIGNAL", "HIST",
    "AMT", "AMOUNT", "VAL", "VALUE", "TURNOVER", "QTY", "COUNT", "CNT", "TRADES", "DEALS", "WEIGHT", "WGT",
    "RANK", "SCORE", "RET", "RTN", "RETURN", "PNL", "POS", "RATIO", "FACTOR", "GAMMA", "VEGA", "THETA", "RHO",
    "YTM", "YTW", "OAS", "BPS", "DUR", "BASIS", "MTM"})  # a bond's yields, spread, sensitivity ("Close YTM")
_NO_TICKER = _ROW_NUMBERS | _FIGURES
# Such a figure over a period ("RSI14", "ATR_14", "VOL20"): the figure's name and the days it spans.
_OVER_DAYS = re.compile(r"([A-Z]+?)_?\d+")


@lru_cache(maxsize=4096)  # a file's header is looked at again (labelled_unread, repeated headers)
def split_cell(cell: str, words: bool = False) -> tuple[str, str] | None:
    """(the ticker, the field's name as written) a header cell names, or None: a name of its own
    ("Adj Close", "Close Price"), or a field beside no ticker written as one. With `words`, a label
    in capitals that is a qualifier word as well ("NET Close": Cloudflare's, or a net change?)."""
    cell = cell.strip()
    if (m := _TUPLE.fullmatch(cell)) is not None:
        parts = [(m.group(2).strip(), m.group(4).strip()), (m.group(4).strip(), m.group(2).strip())]
    elif has_a_name(cell) or marked_ticker(cell):
        # A symbol with its exchange's suffix is a ticker whole: "BAS.DE" (BASF in Frankfurt) cut into
        # a ticker "DE" and "Bas" (French for a low) refused its close matrix.
        return None
    else:
        parts = _cuts(cell)
    splits = [(label, field) for label, field in parts if _names_a_field(field) and _ticker(label, words)]
    if not splits and (priced := _priced_in(cell) or ((noted := _noted(cell)) and noted[0])) is not None:
        return split_cell(priced, words)
    return max(splits, key=lambda s: len(s[1])) if splits else None  # "AAPL Adj Close": not "AAPL Adj"


def _priced_in(cell: str) -> str | None:
    """A cell less the unit its prices are written in, written last: a currency, a coin, thousands or
    any unit its brackets declare ("AAPL Close USD", "BP.L Close (GBp)", "AAPL Close (K)", "AAPL Close
    (mn)": "AAPL Close"; price_unit.without_unit, a scale not read for prices refused apart), or None. Unsplit,
    AAPL's closes loaded under the file's name and MSFT's were unread (or the file refused as named by
    no tickers). The scale is still read from the whole cell (detect.price_scales). Only a price's: a
    volume in a currency ("AAPL Volume USD") is the money traded, no share count."""
    rest = without_unit(cell)
    if not rest:
        return None
    cut = max(((label, f) for label, f in _cuts(rest) if _names_a_field(f)), key=lambda s: len(s[1]), default=None)
    return rest if cut is not None and field_of(cut[1]) in _PRICES else None


def _cuts(cell: str, scales: bool = False) -> list[tuple[str, str]]:
    """Every (label, field) a separator cuts a header cell into, the label on either side, a label in
    brackets without them. A bracket that holds a scale or a currency ("Close (K)", "Volume (BN)",
    "(USD)") is the column's unit, no label, unless `scales` (split_header: a header that writes its
    tickers in brackets, where "Close (BN)" beside "Close (MSFT)" is BN's)."""
    cuts = []
    for i, c in enumerate(cell):
        if c in _SEPARATORS:
            for label, field in ((cell[:i].strip(), cell[i + 1:].strip()), (cell[i + 1:].strip(), cell[:i].strip())):
                if (inside := _IN_BRACKETS.fullmatch(label)) is not None:
                    text = inside.group(1).strip()
                    if len(text) < 2 or (not scales and _a_unit(text)):
                        continue  # a unit; "Close (A)", "Close (B)": a share class as often as a ticker
                    # A note keeps its brackets, no ticker: "Close (LSE),Close (NYSE)" loaded as tickers
                    # LSE and NYSE, and NYSE.csv's "Close (NYSE)" under "NYSE" (untold_series refuses
                    # two such series, as "(LDN)" and "(NY)" once were; stripped, they were qualifiers
                    # and the London close loaded alone, New York's unread).
                    label = label if _bracket_note(text) else text
                cuts.append((label, field))
    return cuts


# What a bracket after a field notes besides a unit, written in capitals as tickers are: a clock's zone
# ("Close (ET)", "(UTC)"), a source, an exchange's market code, a listing's kind ("(PFD)") or a
# price's make ("(COMP)": a composite). _may_name_series knows the venues, sessions, sources and
# listings ("(LSE)", "(NYSE)", "(ORD)", "(ADR)", "(SPOT)", "(BBG)") and the qualifiers ("(LAST)").
_BRACKET_NOTES = frozenset({
    "UTC", "GMT", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "PT", "PST", "PDT", "CET", "CEST", "BST",
    "WET", "EET", "EEST", "MSK", "IST", "SGT", "HKT", "JST", "KST", "AEST", "AEDT", "NZST", "NZT",
    "RTRS", "LSEG", "FDS", "IDC", "ICE", "CBOT", "EUREX", "MOEX", "TASE", "BMV", "JSE", "SIX", "OMX",
    "XNYS", "XNAS", "XASE", "XLON", "XPAR", "XAMS", "XBRU", "XLIS", "XETR", "XFRA", "XSWX", "XMIL", "XMAD",
    "XSTO", "XCSE", "XHEL", "XOSL", "XTSE", "XASX", "XHKG", "XTKS", "XSES", "XKRX", "XSHG", "XSHE", "XBOM",
    "XNSE", "XJSE", "BVMF", "XMEX",
    "PFD", "PREF", "PRF", "CDI", "NVDR", "DR", "COMP", "CONS", "PRIM", "PROV", "INDIC", "HIST", "CLOSING"})


@lru_cache(maxsize=1024)
def _bracket_note(text: str) -> bool:
    """Whether a bracket's text after a field is a note of one instrument's (a venue, a session, a
    source, a listing, a qualifier, a clock's zone), no ticker."""
    return not _may_name_series(text) or text.upper() in _BRACKET_NOTES


@lru_cache(maxsize=1024)
def _a_unit(text: str) -> bool:
    """Whether a bracket's text is a unit: a scale, lots or a currency ("K", "BN", "mil", "USD")."""
    return text.upper() in _UNITS or declared_unit(f"Close ({text})") is not None


def _names_a_field(field: str) -> bool:
    """Whether a cut's part is a field's name. Not one of one letter, an exchange's suffix as often
    ("VOD.L", "AAPL.O", "ABC.V": London, Nasdaq, TSX Venture): a close matrix of them split into
    tickers "VOD", "BP" of lows."""
    return len(field) > 1 and bool(field_of(field)) and re.sub(r"[\W_]", "", field.lower()) not in _GENERIC_FIELDS


def _ticker(label: str, words: bool = False) -> bool:
    return (bool(_CAPITALS.fullmatch(label)) and label[-1].isalnum() and any(c.isalpha() for c in label)
            and (words or not _QUALIFIER.fullmatch(label)))


def split_header(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType]
                 ) -> tuple[list[list[str]], list[str]] | None:
    """(the header's cells with each ticker-and-field cell split in two, [label, field]; the labels in
    column order) of a one-row header whose every price and volume column names its ticker, or None.
    A bare price beside labelled ones is not split: whose is it? (labelled_unread refuses it.) In a
    header all in capitals, capitals tell no ticker from a word: a label must name two fields, or
    share its field with another label."""
    header_cells = _names(header_cells)
    if any(len(cells) > 1 for cells in header_cells):
        return None  # a header of several rows writes its labels on a row of their own
    # Tickers in brackets ("Close (MSFT)"): a bracket that reads as a scale is a ticker there too
    # ("Close (BN),Volume (BN)": BN's, not billions): read as a scale, BN's volumes loaded under the
    # file's name a billionfold and MSFT's columns were left unread.
    bracketed = any(_ticker_in_brackets(cells[0]) for cells in header_cells if cells)
    split: list[list[str]] = []
    fields: dict[str, set[str]] = {}
    worded: dict[str, list[tuple[int, tuple[str, str], str]]] = {}  # "NET Close": (column, parts, field)
    priced: list[int] = []  # columns split once their currency or scale was cut off ("AAPL Close EUR")
    suffixed = _tickers_after_fields(header_cells)
    for j, (cells, t) in enumerate(zip(header_cells, types)):
        cell = cells[0] if cells else ""
        scaled = _ticker_in_scale(cell) if bracketed else None
        if scaled is None and (named := field_of(cell) or _scaled_field(cell) or (bracketed and _noted_field(cell))) \
                and fits_type(named, t) \
                and not (field_of(cell) is None and (p := split_cell(cell)) is not None and p[0] in suffixed):
            return None
        parts = split_cell(cell) or scaled
        field = field_of(parts[1]) if parts else None
        if parts is None or not fits_type(field, t):
            split.append(list(cells))
            if parts is None and (w := split_cell(cell, words=True)) and fits_type(f := field_of(w[1]), t):
                worded.setdefault(w[0], []).append((j, w, f))
            continue
        split.append(list(parts))
        fields.setdefault(parts[0], set()).add(field)
        if scaled is None and (_priced_in(cell.strip()) is not None or _noted(cell) is not None):
            priced.append(j)  # "AAPL Close (LSE)" too: a note's, beside AAPL's own close
    # A ticker's price in a currency beside the same price plain ("AAPL Close,AAPL Close EUR"): the
    # plain one is its close, the other stays whole and unread, as before currencies were cut off;
    # split too, AAPL had two closes and the file was refused though AAPL's and MSFT's read right.
    plain = {(c[0], field_of(c[1])) for j, c in enumerate(split) if len(c) == 2 and j not in priced}
    for j in priced:
        if (split[j][0], field_of(split[j][1])) in plain:
            split[j] = list(header_cells[j])
    labels = list(fields)
    if labels and all(label in _UNITS for label in labels):
        return None  # "Close USD", "Close EUR": one instrument's close in two currencies
    # A word among tickers, over two fields as they are ("NET Close,NET Volume" beside "SPY Close,
    # SPY Volume": Cloudflare; "LOW ...": Lowe's) is a ticker too: left whole, its prices were
    # unread and SPY's loaded alone, or "LOW Close" mapped as SPY's low. Over one field ("PREV
    # Close"), a qualifier, left unread as a single ticker's extra column is. Alone, only a bar's field
    # in capitals over that field itself ("LOW Open,LOW High,LOW Low,LOW Close": Lowe's bars) is one:
    # a low's low is no figure, where "PREV Close,PREV Volume", "ADJ Open,ADJ Close", "MA Close" or
    # "LOW Close,LOW Volume" (a low-volatility basket's?) may be. Left whole, "LOW Close" was read as
    # no close and the file refused.
    for label, cols in worded.items():
        if label not in fields and len(own := {f for _, _, f in cols}) >= 2 \
                and (labels or (label in _BAR_WORDS and field_of(label) in own)):
            for j, parts, f in cols:
                split[j] = list(parts)
                fields.setdefault(label, set()).add(f)
    if not fields:
        return _named_side_by_side(header_cells, types)
    # A ticker in lower case beside those in capitals ("AAPL_close,msft_close"): read as AAPL's file,
    # MSFT's closes were left unread without a word. A word over a close alone ("dema_close") or a
    # field by a synonym ("stop_price") is no ticker (_ticker_shaped, _own_named). A label that is a
    # ticker of the header already is ("AAPL Vol_K" beside "AAPL Close": a field split_cell does not read).
    lower: dict[str, list[tuple[int, str]]] = {}  # label -> (column, field)
    for j, cells in enumerate(split):
        if len(cells) == 1 and (p := _any_case_split(cells[0])) is not None and fits_type(p[1], types[j]):
            lower.setdefault(p[0], []).append((j, p[1]))
    for label, cols in lower.items():
        if (_ticker_shaped(label, _whole(f for _, f in cols)) or _written(label) in fields) \
                and all(_own_named(split[j][0]) for j, _ in cols):
            for j, f in cols:
                split[j] = [_written(label), f]
                fields.setdefault(split[j][0], set()).add(f)
    # A volume alone beside another label's prices counts in a unit or a coin ("Close USDT,...,Volume
    # ETH": ETH/USDT's bars), not another series: split, the pair's file was refused as tickers side by side.
    if any(f & _PRICES for f in fields.values()):
        for j, cells in enumerate(split):
            if len(cells) == 2 and not fields[cells[0]] & _PRICES:
                split[j] = list(header_cells[j])
    labels = list(dict.fromkeys(c[0] for c in split if len(c) == 2))  # in column order
    if not labels or all(label in _UNITS for label in labels):
        return None
    if len(labels) == 1 and _figure(labels[0].upper()) and not any(
            field_of(c[1]) in name_hints(header_cells[j][0]) for j, c in enumerate(split) if len(c) == 2):
        # A figure's name beside a price's word, the header's one label, where read whole the cell names no
        # such price ("Close IV", "SPREAD CLOSE", "Open MTM,Close MTM": an implied volatility, a spread at the
        # close, a book's worth) is what the column holds, no ticker: split, its figures had loaded as the
        # close of ticker "IV", the bars of "MTM". A ticker that is a figure's word too ("KEY Close": KeyCorp)
        # stays one: read whole, its cell names the close.
        return None
    # Where a ticker is written: before its field, or after it over a whole set of fields ("Close_INFY,
    # Volume_INFY", pandas' flattened columns); a note is written after one field ("Close INDICATIVE").
    placed = {label: len(fields[label]) >= 2 or all(
        header_cells[j][0].strip().upper().startswith(label.upper())
        for j, c in enumerate(split) if len(c) == 2 and c[0] == label) for label in labels}
    worded = [label for label in labels if _a_word(label, placed[label])]
    if worded and (len(worded) == len(labels) or any(label.upper() not in _SERIES_WORDS for label in worded)):
        # A venue, a session or another word over a field ("Close LSE,Close NYSE", "Close|NYSE",
        # "Close INDICATIVE,Close FIRM"): one instrument's series as often as tickers, loaded as
        # tickers "LSE" and "NYSE" (as "(LSE)" in brackets once were). Left whole, untold_series
        # refuses the file, naming them. A series word beside a ticker is a ticker too ("SPOT Close,
        # AAPL Close": Spotify's; "CME,ICE,CBOE": exchanges' shares), read as such: refused, each had
        # loaded right.
        return None
    noted = [(c[0], field_of(c[1])) for j, c in enumerate(split) if len(c) == 2 and _noted(header_cells[j][0])]
    if len(noted) > len(set(noted)):
        return None  # "AAPL Close (LSE),AAPL Close (NYSE)": two of AAPL's closes, whose is the close?
    fields = {label: fields[label] for label in labels}
    if len(labels) == 1 and all(_bracketed(header_cells[j][0], labels[0]) for j, c in enumerate(split) if len(c) == 2):
        # One label, in brackets after each field ("Close (NYSE),Volume (NYSE)"): a venue's, a
        # source's or a session's note as often as the ticker; the rows load under the file's name,
        # as they did, not under "NYSE".
        return None
    if _all_capitals(header_cells) and any(len(f) < 2 and not any(f & g for g in fields.values() if g is not f)
                                           for f in fields.values()):
        return None  # "OPEN INT": a word; "SPY CLOSE, SPY VOLUME" or "SPY CLOSE, QQQ CLOSE": tickers
    return split, labels


def _a_word(label: str, placed: bool) -> bool:
    """Whether a label in capitals split from a field is a word over one instrument's series, no
    ticker: a venue, session, leg or source (_SERIES_WORDS: "LSE", "NYSE", "SPOT", "XETRA"), or,
    written after one field as a note is ("Close INDICATIVE", "Close (FIRM)"), a word of letters
    longer than a US ticker's five, not a pair ("BTCUSDT"). `placed` where a ticker is written
    ("RELIANCE Close,HDFCBANK Close": NSE's symbols; "SILVER Close", "BITCOIN Close", "Close_INFY,
    Volume_INFY"), such a word is the instrument's name: refused, every series had loaded right."""
    name = label.upper()
    return name in _SERIES_WORDS or (not placed and name.isalpha() and len(name) > 5 and not _paired(name))


def _noted_field(cell: str) -> str | None:
    """The field a cell names with a note in brackets after it ("Close (LSE)", "Close (ET)"): a field
    alone still, whose ticker is unsaid. Beside "Close (AAPL),Close (MSFT)" it was read as ticker
    "LSE" (or left unread without a word, a column of no ticker's). Beside "AAPL Close" it is a
    qualifier's column ("Close (T-1)"), left unread as "PREV Close" is."""
    m = _FIELD_BRACKETED.fullmatch(cell.strip())
    if m is None or not _names_a_field(m[1]) or _a_unit(text := m[2].strip()) or not _bracket_note(text):
        return None
    return field_of(m[1])


def _bracketed(cell: str, label: str) -> bool:
    """Whether a cell writes `label` in brackets after its field ("Close (MSFT)")."""
    return (m := _FIELD_BRACKETED.fullmatch(cell.strip())) is not None and m[2].strip() == label


def _ticker_in_brackets(cell: str) -> bool:
    """Whether a cell writes a ticker in brackets after its field ("Close (MSFT)"), no unit."""
    return (m := _FIELD_BRACKETED.fullmatch(cell.strip())) is not None and _names_a_field(m[1]) \
        and _ticker(m[2].strip()) and len(m[2].strip()) > 1 and not _a_unit(m[2].strip()) \
        and not _bracket_note(m[2].strip())


def _ticker_in_scale(cell: str) -> tuple[str, str] | None:
    """(the ticker, the field) of a cell whose bracket holds a ticker that reads as a scale ("Close
    (BN)", "Volume (MN)"), or None: read so only where the header writes other tickers in brackets."""
    if _IN_BRACKETS.search(cell) is None:
        return None
    found = [(label, field) for label, field in _cuts(cell.strip(), scales=True)
             if _names_a_field(field) and _ticker(label) and label not in _UNITS and _a_unit(label)]
    return max(found, key=lambda s: len(s[1])) if found else None


def _tickers_after_fields(header_cells: Sequence[Sequence[str]]) -> frozenset[str]:
    """The labels written after a price's field ("CLOSE_K" beside "CLOSE_VOD.L") where the header so writes
    two labels or more: tickers after their fields, a scale's letter among them too ("PX_VOLUME_K":
    Kellogg's volume, no volume in thousands). Read as a scale, K's columns had the file refused."""
    after: dict[str, set[str]] = {}
    for cells in header_cells:
        cell = cells[0].strip() if cells else ""
        if (parts := split_cell(cell)) is not None and cell.upper().startswith(parts[1].upper()):
            after.setdefault(parts[0], set()).add(field_of(parts[1]))
    return frozenset(label for label, f in after.items() if f & _PRICES) if len(after) >= 2 else frozenset()


def _scaled_field(cell: str) -> str | None:
    """The field a cell names with its scale ("vol_k", "Volume (000s)", "Close (K)"): a field alone
    still, no ticker's. Beside "aapl_close,msft_close" a "vol_k" was taken as the last label's column
    (a merged label's, series._under_labels): volumes of a ticker unsaid loaded as MSFT's."""
    cell = cell.strip()
    if (named := _any_case_split(cell)) is not None and _may_name_series(named[0]):  # "Volume BN": BN's
        return None
    unit = column_unit((cell,))
    field = field_of(unit.name) if unit is not None and unit.name else None
    return field if field == "volume" or (field and declared_unit(cell) is not None) else None


# The sets of fields that make one ticker's columns whole: its close and volume, or its bars.
_FULL_SETS = (frozenset({"close", "volume"}), frozenset({"open", "high", "low", "close"}))
# Words over a whole set of one instrument's fields, not in capitals as _QUALIFIER's are: its
# contract or leg ("spot_close,fut_close", "long/short", "front/back"), its session ("regular/
# extended", "premarket"), its version ("current/previous", "old/new", "adjusted"), its period
# ("weekly/monthly"), a comparison ("stock/benchmark") or its venue ("nse/bse", "Schluss Xetra,
# Schluss Frankfurt", "lse/nyse"). Read as tickers, the file's rows loaded under "SPOT" and "FUT"
# (or "NSE", "BSE"), not its own name. Some are tickers too ("spot": Spotify): left unsplit, the
# file is read as before this reading (its first set under the file's name), no fake tickers.
_BAR_WORDS = frozenset({"OPEN", "HIGH", "LOW", "CLOSE"})  # a bar's own fields, which qualify none of them
_SERIES_WORDS = frozenset({
    "SPOT", "FUT", "FUTS", "FUTURE", "FUTURES", "FWD", "FORWARD", "PERP", "PERPETUAL", "SWAP", "CASH", "PHYSICAL",
    "LONG", "SHORT", "NEAR", "FAR", "FRONT", "BACK", "NEXT", "FIRST", "SECOND", "THIRD", "CONT", "CONTINUOUS",
    "OLD", "NEW", "CURRENT", "CUR", "CURR", "PREVIOUS", "LATEST", "ORIGINAL", "REVISED", "FINAL", "PRELIM",
    "ADJUSTED", "UNADJUSTED", "SPLIT", "DIVIDEND", "GROSS", "REAL", "NOMINAL", "ACTUAL", "FORECAST", "ESTIMATE",
    "MODEL", "FAIR", "THEO", "IMPLIED", "SYNTHETIC", "BASE", "QUOTE", "UNDERLYING", "STOCK", "SHARE", "BENCHMARK",
    "BENCH", "SECTOR", "PEER", "PORTFOLIO", "STRATEGY", "HOME", "FOREIGN", "DOMESTIC", "ONSHORE", "OFFSHORE",
    "REGULAR", "EXTENDED", "EXT", "PRE", "POST", "PREMARKET", "POSTMARKET", "AFTERHOURS", "AFTER", "OVERNIGHT",
    "NIGHT", "MORNING", "EVENING", "SESSION", "AUCTION", "INTRADAY", "HOURLY", "WEEKLY", "MONTHLY", "QUARTERLY",
    "YEARLY", "ANNUAL", "PRIMARY", "COMPOSITE", "CONSOLIDATED", "LIT", "DARK", "EXCHANGE", "VENUE",
    "NYSE", "NASDAQ", "AMEX", "ARCA", "BATS", "CBOE", "IEX", "OTC", "LSE", "TSX", "TSXV", "ASX", "HKEX", "HKSE",
    "SGX", "SSE", "SZSE", "NSE", "BSE", "JPX", "TSE", "KRX", "XETRA", "EURONEXT", "CME", "NYMEX", "COMEX", "LME",
    "SHFE", "FRANKFURT", "TRADEGATE", "STUTTGART", "BERLIN", "MUNICH", "PARIS", "LONDON", "LONDRES", "TOKYO",
    # Over a close alone too (ticker-shaped labels over closes are a close matrix, _named_side_by_side;
    # one beside a ticker in capitals, its ticker too: split_header):
    # a period, a day, a pit or screen, a coin's exchange, a data source, a model's output, the sides
    # a merge names ("close_left,close_right"): one instrument's, loaded under "WEEK", "KRAKEN", "PRED".
    "WEEK", "MONTH", "YEAR", "QUARTER", "QTR", "YR", "YESTERDAY", "TOMORROW", "PIT", "FLOOR",
    "GLOBEX", "ELECTRONIC", "ELEC", "SCREEN", "BINANCE", "COINBASE", "KRAKEN", "BITSTAMP", "BITFINEX", "GEMINI",
    "HUOBI", "OKX", "OKEX", "BYBIT", "KUCOIN", "BITMEX", "DERIBIT", "FTX", "YAHOO", "YF", "STOOQ", "TIINGO",
    "QUANDL", "BBG", "BLOOMBERG", "REFINITIV", "REUTERS", "FACTSET", "POLYGON", "EODHD", "MORNINGSTAR", "SOURCE",
    "VENDOR", "FEED", "MANUAL", "CALC", "CALCULATED", "COMPUTED", "DERIVED", "PRED", "PREDICTED",
    "PREDICTION", "FCST", "EST", "EXPECTED", "TARGET", "TRUE", "OBS", "OBSERVED", "FITTED",
    "SIMULATED", "BACKTEST", "PAPER", "TEST", "TRAIN", "LEFT", "RIGHT", "OURS", "THEIRS", "BMK",
    "PORT", "PTF", "LAG", "LEAD", "LAGGED",
    # A close transformed ("log_close", "ln_close"): beside a ticker's columns, read as ticker "LOG".
    "LOG", "LN", "SQRT", "NORM", "NORMED", "SCALED", "ZSCORE", "SMOOTH", "SMOOTHED", "CUM", "INV",
    # Moving averages and filters past [SEW]MA ("dema_close", "hma_close", "kf_close"), a crossover's
    # legs ("fast/slow", "up/dn"), a bar's other prices ("hl_close", "oc_close", "hlc3", Heikin-Ashi,
    # Renko), whose ("my/their"), a period shortened ("dly/wkly"), a listing ("adr/ord"), a return's
    # kind ("gr/nt"): ticker-shaped in lower case, one instrument's, loaded as "DEMA", "RENKO".
    "DEMA", "TEMA", "TRIMA", "KAMA", "HMA", "VWMA", "ZLEMA", "ZLMA", "ALMA", "SMMA", "RMA", "LSMA", "JMA", "T3",
    "MAMA", "FAMA", "FRAMA", "VIDYA", "LINREG", "KF", "KALMAN", "FILT", "TREND", "CYCLE", "NOISE",
    "RESID", "SLOW", "DN", "DOWN", "BULL", "BEAR", "LO", "HL2", "HLC", "HLC3",
    "OC2", "OHLC4", "TYP", "WC", "HEIKIN", "HKN", "RENKO", "KAGI", "PNF", "MY",
    "MINE", "OUR", "YOUR", "THEIR", "OTHER", "DLY", "WKLY", "MTHLY", "QTLY", "ADR", "GDR", "ORD",
    "GR", "NT", "FILL", "FFILL", "BFILL", "CLEAN", "INTERP",
    # A trade's or a book's prices, a span's ends, an equation's sides ("entry_close,exit_close",
    # "cost_close,mark_close", "start_close,end_close", "lhs_close,rhs_close").
    "ENTRY", "EXIT", "LIMIT", "STOP", "ORDER", "DEAL", "EXEC", "FV", "MV", "BV",
    "PV", "LIST", "SALE", "HEDGE", "START", "BEGIN", "END", "LHS", "RHS",
    # A quote's standing ("INDICATIVE Close,FIRM Close": a dealer's two quotes of one instrument).
    "INDICATIVE", "INDIC", "FIRM", "TRADEABLE", "TRADABLE", "EXECUTABLE"})
# Words over a close alone that are tickers too, common ones (Philip Morris, Antero Midstream, Target,
# Eagle Materials, Costco, Hecla, Owens Corning): a word over a close alone ("am_close,pm_close",
# "cost_close,mark_close"), a ticker over a whole set of fields ("pm_close,pm_volume,mo_close,
# mo_volume"); as series words there too, one's rows loaded under the file's name and the other's
# unread, or the file refused.
_CLOSE_WORDS = frozenset({"AM", "PM", "EXP", "FIT", "LIVE", "TGT", "WK", "MTH", "SIM", "SRC", "SHIFT", "UP", "HP",
                          "MED", "ALT", "ADS", "TP", "MARK", "COST", "BOOK", "PAR", "FAST", "HI", "HL", "OC", "PR",
                          "TOT", "ROLL", "HA"})
_ANY_SERIES_WORDS = _SERIES_WORDS | _CLOSE_WORDS
# A ticker written in lower case ("aapl", "brk-b", "bhp.ax", "7203.t", "600519.ss", "^gspc", "btcusdt"): a
# longer word in lower case ("current", "composite", "premarket") is a word's as often.
_LOWER_TICKER = re.compile(r"\^?(?:[a-z0-9]{1,5}|\d{6})(?:[.=-][a-z0-9]{1,4})?")
# A label ending in a count ("lag1", "lag2"; "t1", "q3"): one series' periods, not tickers.
_COUNTED = re.compile(r"(.*?[a-z])[\s._-]*\d+", re.IGNORECASE)


def _named_side_by_side(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType]
                        ) -> tuple[list[list[str]], list[str]] | None:
    """split_header's answer for a header whose labels are not written in capitals ("aapl_close",
    "Apple Close", "close_msft"): read whole, the first's columns loaded under the file's name and
    the others' left unread. Such a label is a word as often ("prev_close", "close_lag1", "Bid
    Close"): only two labels or more, each over a whole set of the same fields (_FULL_SETS: its
    close and volume, or its bars), are tickers side by side; or each written as a ticker in lower
    case over the same fields with a close ("aapl_close,msft_close": a close matrix). A label in lower case alone is a
    ticker written in the header's case ("aapl": AAPL); a name is kept as written ("Apple")."""
    columns: dict[str, dict[str, int]] = {}  # label -> field -> column
    for j, (cells, t) in enumerate(zip(header_cells, types)):
        if (parts := _any_case_split(cells[0] if cells else "")) is None:
            continue
        label, field = parts
        if not fits_type(field, t) or field in columns.setdefault(label, {}):
            return None  # a field twice under one label: no ticker's columns
        columns[label][field] = j
    held = {label: frozenset(f) for label, f in columns.items()
            if _whole(f) and _may_be_ticker(label, whole=True)}
    if len(held) < 2:
        # Closes alone ("aapl_close,msft_close,goog_close"), as a close matrix under ticker-shaped
        # labels: read whole, AAPL's closes loaded under the file's name and the others' unread.
        # Only labels written as tickers are (a name or a longer word over a close alone is a
        # qualifier's as often: untold_series refuses such a file), each over the same fields.
        priced = {label: frozenset(f) for label, f in columns.items() if f.keys() & _PRICES}
        if len(priced) < 2 or not all(_ticker_shaped(label, _whole(f)) for label, f in priced.items()) \
                or not all(_own_named(header_cells[j][0]) for label in priced for j in columns[label].values()) \
                or len(set(priced.values())) > 1 \
                or "close" not in next(iter(priced.values())):
            return None
        held = priced
    stems = [m.group(1).lower() for label in held if (m := _COUNTED.fullmatch(label))]
    if len(held) < 2 or len(set(held.values())) > 1 or len(stems) > len(set(stems)):
        return None
    # Another ticker beside them over fewer fields ("goog_close" by AAPL's and MSFT's closes and
    # volumes) is read too, as "GOOG Close" is: left whole, its closes were unread without a word.
    # A volume alone is not (a unit's or a coin's, as split_header says).
    held.update({label: frozenset(f) for label, f in columns.items()
                 if label not in held and f.keys() & _PRICES and _may_be_ticker(label, _whole(f))
                 and not ((m := _COUNTED.fullmatch(label)) and m.group(1).lower() in stems)})
    split = [list(cells) for cells in header_cells]
    for label in held:
        for field, j in columns[label].items():
            split[j] = [_written(label), field]
    return split, list(dict.fromkeys(c[0] for c in split if len(c) == 2))


def untold_series(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                  canonical: Sequence[str | None] | None = None) -> list[int]:
    """The columns of a one-row header that names two series or more, each by a label beside a price
    field, which split_header does not read as tickers side by side: names or longer words in lower
    case ("google_close,amazon_close", "Apple Close,Microsoft Close"), beside a ticker too
    ("AAPL_close,microsoft_close"), or fields that differ ("aapl_close,msft_open"). Such a label
    may be a ticker, a company or a word over one instrument's series (a venue, a session, a
    source): read whole, the first's prices loaded under the file's name and the others' unread
    without a word. No column may be named by its field alone ("Close" beside "Apple Close": the
    file's own prices, the others a qualifier's as often). With `canonical` (a header split_header
    read no ticker in), where the close mapped is labelled by no ticker, any label counts
    (_marks_series: a currency, a venue, a note, one letter, a word), not only those that may name a
    ticker: "Close USD,Close EUR", "AMD Close,NOK Close", "Close LSE,Close NYSE", "Close (A),Close (B)",
    "spot_close,fut_close" loaded the first as the file's close and left the rest unread. Beside a close
    labelled by a ticker ("spy_close,spy_volume,dema_close"), a word's close is a series derived from it."""
    header_cells = _names(header_cells)
    if any(len(cells) != 1 for cells in header_cells):
        return []
    loose = canonical is not None and _close_of_no_ticker(header_cells, canonical)
    if canonical is not None and "close" in canonical and (j := list(canonical).index("close")) < len(header_cells) \
            and (parts := _labelled(header_cells[j][0])) is not None and _says_which_price(parts[0]):
        # The close is named by which price it is ("Closing Price - VWAP"), as a plain "Close" is; unless
        # another close is named so too but for its note, or by a label of a series of its own: the
        # first's closes loaded under the file's name and the others' unread without a word.
        return _beside_which_price(header_cells, types, canonical, j)
    named: dict[str, list[int]] = {}  # label -> its columns
    fields: dict[str, set[str]] = {}  # label -> its fields
    tickers: set[str] = set()  # labels written as a ticker is, in capitals ("AAPL Close")
    for j, (cells, t) in enumerate(zip(header_cells, types)):
        if (field := field_of(cells[0])) and fits_type(field, t):
            if loose and field == "volume" and _any_case_split(cells[0]) is None:
                continue  # "Close USD,Close EUR,Volume", "Close (A),Close (B),Volume": whose closes still?
            return []
        parts = _labelled(cells[0]) or (_bracketed_label(cells[0]) or _unit_label(cells[0]) if loose else None)
        if parts is not None and _says_which_price(parts[0]):
            continue  # "Last Transaction Price", "Opening Price": which of one instrument's prices
        if parts is None or not fits_type(parts[1], t) \
                or not (_may_name_series(parts[0], whole=True) or _numbered(parts[0])
                        or (loose and _marks_series(parts[0])) or _averaged(parts[0])):
            continue
        label = " ".join(f"{parts[0]} {parts[2]}".upper().split())  # "AAPL (LSE)": AAPL's London series
        named.setdefault(label, []).append(j)
        fields.setdefault(label, set()).add(parts[1])
        if _ticker(parts[0]) and not _averaged(parts[0]):
            tickers.add(label)
    priced = [label for label, f in fields.items()
              if f & _PRICES and (_may_name_series(label, _whole(f)) or _numbered(label) or loose
                                  or _averaged(label) and not tickers and not any(_whole(g) for g in fields.values()))]
    return sorted(j for label in priced for j in named[label]) if len(priced) >= 2 else []


def _averaged(label: str) -> bool:
    """Whether a label is an average's word alone ("Mean Close", "avg_close"): beside a close labelled by a
    series ("Growth Close", "Apple Close") a mean of several, a series of its own. Mapped first, the mean's
    label marked the other a series (_close_of_no_ticker) and the file was refused; after it, the mean
    was left unread and the labelled close loaded under the file's name (a simulation's summary). Not
    beside a ticker's whole bar ("AAPL Open,...,AAPL Close,Avg Close"), nor beside a close labelled by a
    ticker written in capitals ("AAPL Close,Avg Close"): its average, as before (refused, in either order)."""
    return label.strip().upper() in _AVERAGES


def _beside_which_price(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                        canonical: Sequence[str | None], close: int) -> list[int]:
    """The close named by which price it is (column `close`) and the unmapped closes beside it that
    name another series, else []: one written as it is but for its note in brackets ("Closing Price
    (USD)" and "(EUR)": one instrument in two currencies, or two venues' prices), or labelled by what
    may mark a series of its own and says no other price of one instrument ("last_close,aapl_close",
    "Price Close,Apple Close", "vwap_close,twap_close"). Another of its prices ("Last Transaction
    Price", "Closing Bid Price", "Prev Close", "Close %") is no other series: left unread, as beside
    a plain "Close"."""
    bare = _without_notes(header_cells[close][0])
    written = " ".join(header_cells[close][0].split()).upper()
    found = []
    for k, (cells, t, m) in enumerate(zip(header_cells, types, canonical)):
        if k == close or m is not None or t.type not in ("integer", "float") or qualified_price(cells[0]):
            continue
        if bare == _without_notes(cells[0]) and " ".join(cells[0].split()).upper() != written:
            # The note sets it apart, which "Close (USD)" and "Close (EUR)" refuse for, where the close
            # loaded has one ("Closing Price (USD),Closing Price": the USD closes loaded, the others
            # unread); unless it says which of the instrument's quotes or days it is ("Last Price (Bid)",
            # "Settlement Price (prev)"). Beside the bare close, as beside a plain "Close", a noted one
            # ("Closing Price (Pence)", "(EUR)") is the same close written otherwise: left unread.
            if written != bare and not _one_instruments_words(cells[0]):
                found.append(k)
            continue
        parts = _labelled(cells[0])
        if parts is None or parts[1] != "close" or _says_which_price(parts[0]) or parts[2] \
                or _names_a_field(parts[0]) or re.sub(r"[\W_]", "", parts[0].lower()) in _GENERIC_FIELDS:
            continue  # "settlement_close" read as ("close", close): a price's name; "Closing Value": money
        if not _one_instruments_words(re.sub(r"\([^)]*\)", " ", parts[0])) \
                and (_marks_series(parts[0]) or _may_name_series(parts[0])):
            found.append(k)
    return sorted([close, *found]) if found else []


# Words over a close that say which of one instrument's closes, sessions or contracts it is, not whose:
# the day's, the spot's, the auction's, a future's, the unadjusted ("Closing Price,Daily Close",
# "last_close,fut_close", "closing_price,unadj_close").
_KINDS_OF_CLOSE = frozenset({"DAILY", "DAY", "EOD", "SPOT", "CASH", "AUCTION", "FUT", "FUTS", "FUTURE", "FUTURES",
                             "FWD", "FORWARD", "PERP", "SESSION", "MARKET", "MKT", "FINAL", "CLOSE", "UNADJ",
                             "UNADJUSTED", "RAW", "OFFICIAL"})


def closes_of_one(header_cells: Sequence[Sequence[str]], columns: Sequence[int]) -> bool:
    """Whether untold_series' `columns` are each a close labelled only by which of one instrument's closes
    it is (_KINDS_OF_CLOSE, _WHICH_PRICE), with no note in brackets: "Closing Price" beside "Daily Close", "Spot
    Close" or "Auction Close"; "last_close" beside "fut_close". Several closes of one instrument (or of a
    spot and its future), not tickers side by side, as their refusal had said."""
    words = _KINDS_OF_CLOSE | _WHICH_PRICE
    for j in columns:
        cell = header_cells[j][0] if j < len(header_cells) and header_cells[j] else ""
        parts = _labelled(cell) if not _IN_BRACKETS.search(cell) else None
        # A note in brackets may be a currency's or a venue's ("Closing Price (USD)", "(EUR)"): said otherwise.
        if parts is None or parts[1] != "close" \
                or not set(split_words(parts[0].upper(), camel=None, digits="joined")) <= words:
            return False
    return bool(columns)


# A currency code alone in brackets at a name's end: "NAV per share (EUR)", "Close [USD]".
_CURRENCY_NOTE = re.compile(r"^(?P<name>.*?\S)\s*[(\[（]\s*(?P<code>[A-Za-z]{3})\s*[)\]）]$")


def currencies_of_one(header_cells: Sequence[Sequence[str]], columns: Sequence[int]) -> list[str] | None:
    """The currencies of untold_series' `columns` where they are one name but for a currency code in
    brackets ("NAV per share (EUR)" beside "NAV per share (USD)"): one fund's price in several
    currencies, not tickers side by side, as their refusal had said. None otherwise."""
    names, codes = set(), []
    for j in columns:
        cell = header_cells[j][0] if j < len(header_cells) and header_cells[j] else ""
        found = _CURRENCY_NOTE.match(cell.strip())
        if found is None or found["code"].upper() not in CURRENCY_CODES:
            return None
        names.add(found["name"].casefold())
        codes.append(found["code"].upper())
    return codes if len(names) == 1 and len(set(codes)) == len(codes) > 1 else None


def _one_instruments_words(text: str) -> bool:
    """Whether a text holds a word of _ONE_INSTRUMENTS, "T-1" and "D-1" whole (cut at the hyphen, the day
    before's "Closing Price (T-1)" was another series, and the file refused)."""
    upper = text.upper()
    written = set(split_words(upper, camel=None, digits="joined")) | set(re.split(r"[^\w-]+|_", upper))
    return bool(written & _ONE_INSTRUMENTS)


def _without_notes(cell: str) -> str:
    """A header cell less its notes in brackets, its spaces made one ("Closing Price (USD)": "Closing Price")."""
    return " ".join(re.sub(r"[(\[][^)\]]*[)\]]", " ", cell).split()).upper()


# Words over a price that say it is the day before's, beside the day's own ("Last Close,Prev Close"):
# the same series a day late, not another; the other column is the close.
# Words over a price that say it is the day's average, beside its close named by which price it is: an
# exchange's list writes "Average Price" (Nasdaq Nordic's "Closing price;Average price", "Avg Price",
# "Weighted Average Price") beside "Closing Price", and the average, read as a series labelled "Average",
# had the file refused as tickers side by side. Only there (_one_instruments_words): not a word of which
# price (_WHICH_PRICE), which a close labelled by a series of its own may stand beside. There,
# "equal_close,weighted_close" and "Apple Close,Typical Close" loaded the first as the file's close and
# left the weighted or typical series unread without a word.
_AVERAGES = frozenset({"AVERAGE", "AVG", "MEAN", "WEIGHTED", "WTD", "MEDIAN", "TYPICAL"})
_DAY_BEFORE = frozenset({"PREV", "PRIOR", "PREVIOUS", "YESTERDAY", "YDAY", "T-1", "D-1", "LAG1", "LAG"})
# Words in a label that say which of one instrument's quotes or days a close is, beside its close named
# by which price: its bid, its offer, the day before's ("Closing Bid Price" by "Closing Price - VWAP"),
# its official or unadjusted close ("Closing Price" beside "Official Close"), a week ago's.
# Its day's average too (_AVERAGES).
_ONE_INSTRUMENTS = _DAY_BEFORE | _AVERAGES | frozenset({"BID", "ASK", "OFFER", "MID", "BUY", "SELL", "AGO",
                                                        "OFFICIAL", "UNOFFICIAL", "ADJ", "ADJUSTED", "UNADJUSTED"})


# Words that say which of one instrument's prices a column holds, not whose: an exchange's daily list
# names its columns "Closing Price - VWAP", "Last Transaction Price", "Opening Price" (the Ghana Stock
# Exchange's, beside "Closing Bid Price", "Closing Offer Price", "Year High"). Read as labels ("VWAP",
# "Last Transaction", "Price"), they named several series, and a file with its ticker in a column of
# its own was refused as tickers side by side. Not a bid's, an ask's nor a span's words: "Close Bid"
# beside "Close Ask", "week_close" beside "month_close" are two series, and either may be taken for
# the close. Nor the words of a series made of others or set beside them ("Total Close,Apple Close",
# "value_close,growth_close", "weighted_close,equal_close", "avg_close,msft_close"): as which price,
# the total or the style index loaded under the file's name and the others went unread without a word.
_WHICH_PRICE = frozenset({
    "PRICE", "PRICES", "LAST", "TRANSACTION", "TRADE", "TRADED", "TRADING", "VWAP", "CHANGE", "CLOSING",
    "OPENING", "PREVIOUS", "SETTLEMENT", "REFERENCE", "-"})


def _says_which_price(label: str) -> bool:
    """Whether a label is made of _WHICH_PRICE's words alone, a unit in brackets aside."""
    words = re.sub(r"\([^)]*\)", " ", label).upper().replace("-", " - ").split()
    return bool(words) and all(w in _WHICH_PRICE for w in words)


def _close_of_no_ticker(header_cells: Sequence[Sequence[str]], canonical: Sequence[str | None]) -> bool:
    """Whether the column mapped as the close is labelled by something that may name no ticker: a
    currency, a venue, a word, a note in brackets, one letter ("Close USD", "Close LSE", "spot_close",
    "Close (A)"), or by nothing split_header reads."""
    if "close" not in canonical or (j := list(canonical).index("close")) >= len(header_cells):
        return False
    parts = _labelled(header_cells[j][0])
    return parts is None or not _may_name_series(parts[0]) or bool(_IN_BRACKETS.fullmatch(parts[0]))


def _labelled(cell: str) -> tuple[str, str, str] | None:
    """(the label, the field, a note in brackets or "") a header cell names in any case
    (_any_case_split), its currency written last too ("7203 Close JPY", as split_cell reads one:
    _priced_in), or a note in brackets ("AAPL Close (LSE)": ("AAPL", "close", "(LSE)"))."""
    # Not a field's name of its own before the note ("Adj Close (LSE)": no series "Adj" beside
    # "Close (LSE)", a venue's note over one instrument's close and adjusted close).
    if (noted := _noted(cell)) is not None and not field_of(noted[0]) \
            and (parts := _any_case_split(noted[0])) is not None:
        return parts[0], parts[1], noted[1]
    parts = _any_case_split((priced := _priced_in(cell)) or cell)
    if priced is not None and parts is not None and field_of(priced) not in (None, parts[1]):
        # "Adj Close (USD)": another field's name of its own and its unit, no series "Adj" beside
        # "Close (USD)". Not "Closing Price (USD)": which close it is, as "Closing Price" beside it says.
        return None
    if parts is None and (m := _FIELD_BRACKETED.fullmatch(cell.strip())) is not None \
            and len(note := m[2].strip()) >= 2 and not _a_unit(note) and not _IN_BRACKETS.search(m[1]) \
            and (parts := _any_case_split(m[1])) is not None:
        # A ticker's field with a note that may be a ticker too ("AAPL Close (IBM),MSFT Close (IBM)":
        # IBM's prices, or a source's, an index's?): split_cell reads no ticker in it, and AAPL's closes
        # loaded under the file's name, MSFT's unread. Here, where it only refuses, it names a series.
        return parts[0], parts[1], f"({note})"
    return None if parts is None else (parts[0], parts[1], "")


def _marks_series(label: str) -> bool:
    """Whether a label beside a price in a header that names no ticker marks a series of its own: any
    one word but the day before's ("Prev Close" beside "Last Close")."""
    name = label.strip().upper()
    # One word: "Average Stock Price" beside "Year Close" is a figure of the year's bars, no series.
    return bool(name) and name not in _DAY_BEFORE and len(name.split()) == 1


def _bracketed_label(cell: str) -> tuple[str, str, str] | None:
    """(the text in its brackets, the field, "") of a price or volume cell with a text in brackets after
    its field that _any_case_split does not cut off: one letter ("Close (A)"), a share class's or a
    ticker's (F, T, C)."""
    m = _FIELD_BRACKETED.fullmatch(cell.strip())
    if m is None or not _names_a_field(m[1]) or field_of(m[1]) not in _FIELDS:
        return None
    return f"({m[2].strip()})", field_of(m[1]), ""


def _unit_label(cell: str) -> tuple[str, str, str] | None:
    """(the unit, the field, "") of a price cell whose unit written after its field is cut off whole
    ("Close in USDT", "Close, EUR", "Adj Close EUR": ("USDT", "close", "")), as _bracketed_label reads
    "Close (EUR)". Read as no label, "Close in USDT" beside "Close in BTC", or "Close USD" beside "Adj
    Close EUR", loaded the first and left the other unread, or an adjusted close in another currency."""
    if (rest := without_unit(cell)) is None or field_of(rest) not in _PRICES or not _names_a_field(rest):
        return None
    unit = cell.strip()[len(rest):].strip(" ,_")
    unit = unit[3:] if unit[:3].lower() == "in " else unit
    return unit.strip(), field_of(rest), ""


def _noted(cell: str) -> tuple[str, str] | None:
    """(the cell less a note in brackets written last, the note) of a cell naming a ticker and a field
    with a venue's, session's or source's note after them ("AAPL Close (LSE)": ("AAPL Close", "(LSE)")),
    or None. Unsplit, AAPL's closes loaded under the file's name and MSFT's were left unread."""
    m = _FIELD_BRACKETED.fullmatch(cell.strip())
    if m is None or len(note := m[2].strip()) < 2 or _a_unit(note) or note.upper() not in _PLACE_NOTES \
            or _IN_BRACKETS.search(m[1]) or qualified_price(cell):  # "(est)": an estimate, EST a zone
        return None  # one letter: a unit as often ("VOD Price (p)": pence)
    return m[1].strip(), f"({note})"


# The notes after a ticker's field that say where, when or whose its price is, not which price: a
# clock's zone, a source, a venue, a listing (_BRACKET_NOTES; the venues and sources of _SERIES_WORDS).
# A qualifier is another figure ("AAPL Close (prev)", "(chg)", "(Bid)", "(MA20)", "(est)"): cut off as
# a note, the day before's close, a change or a bid loaded as AAPL's and MSFT's closes.
_PLACE_NOTES = _BRACKET_NOTES | frozenset({
    "PRIMARY", "COMPOSITE", "CONSOLIDATED", "EXCHANGE", "VENUE", "NYSE", "NASDAQ", "AMEX", "ARCA", "BATS", "CBOE",
    "IEX", "OTC", "LSE", "TSX", "TSXV", "ASX", "HKEX", "HKSE", "SGX", "SSE", "SZSE", "NSE", "BSE", "JPX", "TSE", "KRX",
    "XETRA", "EURONEXT", "CME", "NYMEX", "COMEX", "LME", "SHFE", "FRANKFURT", "TRADEGATE", "STUTTGART", "BERLIN",
    "MUNICH", "PARIS", "LONDON", "LONDRES", "TOKYO", "GLOBEX", "BINANCE", "COINBASE", "KRAKEN", "BITSTAMP",
    "BITFINEX", "GEMINI", "HUOBI", "OKX", "OKEX", "BYBIT", "KUCOIN", "BITMEX", "DERIBIT", "YAHOO", "YF", "STOOQ",
    "TIINGO", "QUANDL", "BBG", "BLOOMBERG", "REFINITIV", "REUTERS", "FACTSET", "POLYGON", "EODHD", "MORNINGSTAR",
    "ADR", "GDR", "ORD"})


def _numbered(label: str) -> bool:
    """Whether a label is a number of two digits or more: a ticker of Tokyo, Hong Kong, Shanghai, Seoul
    or Taipei ("Close (7203)", "600519_close") as often as a year ("Close 2023"), never read as a ticker
    (split_header, _ticker: no letter). Beside another so written it names a series all the same: read
    as one series, 7203's closes loaded under the file's name and 6758's were left unread without a word.
    In brackets too: a number is no venue's or session's note, yet _bracket_note keeps its brackets."""
    digits = label.strip("()[]")
    return len(digits) > 1 and digits.isdigit()


# A scale written onto a price's name as its last word ("aapl_close_k", "AAPL Close K", "msft_close_mn").
# Not read as a price's scale (multipliers.price_scale: "close_k" may be a series' letter as well),
# nor a part of a label: such columns were no ticker's, and the first loaded under the file's name.
_SCALE_LAST = re.compile(r"(?P<name>.+?)[\s_.]+(?:k|thousands?|thous|mn|mm|mln|mio|millions?|bn|billions?|"
                         r"lakhs?|lacs?|crores?|cr)", re.IGNORECASE)


def scaled_series(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType]) -> list[int]:
    """The columns of a one-row header that names two series or more each by a label beside a price
    whose name ends in a scale ("date,aapl_close_k,msft_close_k"), with their labels' other columns so
    written: refused, for the scale is not read for prices and read as written each ticker's prices
    were a thousandfold off (AAPL's loaded under the file's name, MSFT's left unread)."""
    header_cells = _names(header_cells)
    if any(len(cells) != 1 for cells in header_cells):
        return []
    named: dict[str, list[int]] = {}  # label -> its scaled columns
    priced: set[str] = set()
    for j, (cells, t) in enumerate(zip(header_cells, types)):
        if t.type not in ("integer", "float") or (m := _SCALE_LAST.fullmatch(cells[0].strip())) is None:
            continue
        if (parts := _any_case_split(m["name"])) is None or not _may_name_series(parts[0], whole=True):
            continue  # "close_mn": Manning & Napier's close, no scale
        label = _written(parts[0])
        named.setdefault(label, []).append(j)
        if parts[1] in _PRICES:
            priced.add(label)
    return sorted(j for label in priced for j in named[label]) if len(priced) >= 2 else []


# Of those, the thousands alone, in which prices are counted at times: a price in millions, billions
# or crores is none, and "Close BN,Volume BN", "close_cr,volume_cr" are one ticker's (Danone's, Crane's).
_THOUSANDS_LAST = re.compile(r"(?P<name>.+?)[\s_.]+(?:k|thousands?|thous)", re.IGNORECASE)


def scaled_fields(header_cells: Sequence[Sequence[str]], canonical: Sequence[str | None]) -> list[int]:
    """The mapped price and volume columns of a one-row header named by their field and a scale in
    thousands written onto it ("date,close_k,volume_k", "Close K"), where a price is so named: one
    instrument's prices in thousands, or series K's, it does not say. Read as written, its closes
    loaded a thousandfold off under the file's name (the scale is not read for prices, scaled_series)."""
    if any(len(cells) != 1 for cells in header_cells):
        return []
    found = [j for j, (cells, m) in enumerate(zip(header_cells, canonical))
             if m in _FIELDS and (n := _THOUSANDS_LAST.fullmatch(cells[0].strip())) and field_of(n["name"]) == m]
    return found if any(canonical[j] in _PRICES for j in found) else []


def named_in_any_case(cell: str) -> tuple[str, str] | None:
    """(the ticker as _named_side_by_side writes it, the field) a header cell names in any case:
    a line repeating such a header is told from one naming other tickers by it (repeated_header.py)."""
    return None if (parts := _any_case_split(cell)) is None else (_written(parts[0]), parts[1])


def _written(label: str) -> str:
    """A label in lower case alone is a ticker written in the header's case ("aapl": AAPL); a
    company's name is kept as written."""
    return label.upper() if label.islower() and " " not in label else label


@lru_cache(maxsize=4096)  # a file's header is looked at again (its repeats: repeated_header.py)
def _any_case_split(cell: str) -> tuple[str, str] | None:
    """(a label, the canonical price or volume field) a header cell names in any case, the field's
    whole name first or last ("aapl_close", "Apple Close", "close_msft"), else None. A unit the
    cell declares is no part of either ("Apple Volume (thousands)": Apple's volume, its scale read
    from the whole cell, detect._declare_unit): kept, no field was found, and Microsoft's columns
    beside Apple's were left unread, Apple's loaded under the file's name."""
    return None if (cut := _any_case_cut(cell)) is None else (cut[0], field_of(cut[1]))


@lru_cache(maxsize=4096)
def _any_case_cut(cell: str) -> tuple[str, str] | None:
    """_any_case_split's (label, field) with the field as written ("aapl_price": ("aapl", "price"))."""
    cell = cell.strip()
    # A scale written onto the name as a word of its own ("aapl_vol_k", "msft_volume_thousands")
    # too: unsplit beside "aapl_close,msft_close", it was taken as the last label's column (a merged
    # label's, series._under_labels) and AAPL's volumes loaded as MSFT's, a thousandfold.
    # Only a volume's, as detection reads that scale (multipliers._named_scale): "aapl_close_k" split
    # as AAPL's close would load thousands as units.
    # Tried only where the whole name names no field: "Close BN", "volume_mn" are BN's and MN's.
    money = False
    if (unit := declared_unit(cell)) is not None and unit.name:
        cell, money = unit.name, unit.money
    found = [(label, field) for label, field in _cuts(cell)
             if label and _names_a_field(field) and field_of(field) in _FIELDS]
    # A volume in a currency ("AAPL Volume (USD)") is the money traded, no share count: left whole and
    # unread, as "Volume (USD)" is in a file of one ticker. Split, its dollars loaded as AAPL's volume.
    found = [(label, field) for label, field in found if not (money and field_of(field) == "volume")]
    if not found and (unit := column_unit((cell,))) is not None and unit.name:
        found = [(label, field) for label, field in _cuts(unit.name)
                 if label and _names_a_field(field) and field_of(field) == "volume"]
    return max(found, key=lambda s: len(s[1])) if found else None  # "aapl_adj_close": not "aapl_adj"


# A field written by its own name ("aapl_close", "close_msft", "aapl_adj_close"): beside a word in lower
# case, a synonym wider than a close ("entry_price,exit_price", "limit_price,stop_price", "list_price")
# names one instrument's other prices as often, loaded as tickers "ENTRY", "LIMIT".
_OWN_NAMES = frozenset({"open", "high", "low", "close", "volume", "vol", "adjclose", "adjustedclose", "closeadj"})


def _own_named(cell: str) -> bool:
    """Whether a header cell names its field by the field's own name (_OWN_NAMES)."""
    return (cut := _any_case_cut(cell)) is not None and re.sub(r"[\W_]", "", cut[1].lower()) in _OWN_NAMES


def _may_be_ticker(label: str, whole: bool = False) -> bool:
    """Whether a label may name a ticker: one that may name a series (_may_name_series), and if
    written in lower case, as a ticker is or as a name of words ("bank of america")."""
    # A label still in its brackets is a note ("Close (LSE),Volume (LSE)"): _cuts takes a ticker out of
    # them. Read as one, the London and New York listings loaded as tickers "(LSE)" and "(NYSE)".
    return _may_name_series(label, whole) and (not label.islower() or " " in label or _lower_ticker(label)) \
        and not _IN_BRACKETS.fullmatch(label)


def _may_name_series(label: str, whole: bool = False) -> bool:
    """Whether a label may name a series of its own: not a word that qualifies a field ("prev", "bid",
    "adj", "ma20"), a currency, a figure, a row's number, a word over one instrument's series
    (_SERIES_WORDS; _CLOSE_WORDS too unless `whole`, the label over a whole set of fields), or one
    letter ("close_a", "close_b": series' places, as often as tickers)."""
    name = label.upper()
    words = _SERIES_WORDS if whole else _ANY_SERIES_WORDS
    return len(name) > 1 and any(c.isalpha() for c in name) and not _QUALIFIER.fullmatch(name) \
        and name not in _UNITS and not _figure(name) and name not in words \
        and not ((m := _OVER_DAYS.fullmatch(name)) is not None and m.group(1) in words)  # "lead1", "src2"


def _ticker_shaped(label: str, whole: bool = False) -> bool:
    """Whether a label is written as a ticker in lower case ("aapl", "brk-b", "btcusdt") and may name
    one: a close beside its kind needs no whole set of fields to be read as a ticker's."""
    return label.islower() and _may_name_series(label, whole) and _lower_ticker(label)


def _whole(fields: Iterable[str]) -> bool:
    """Whether a label's fields make a ticker's columns whole (_FULL_SETS)."""
    return any(full <= set(fields) for full in _FULL_SETS)


def _lower_ticker(label: str) -> bool:
    return bool(_LOWER_TICKER.fullmatch(label)) or _paired(label.upper())


def _paired(name: str) -> bool:
    """Whether a name is a coin's pair quoted in a unit ("BTCUSDT", "ETHUSD"): a ticker longer than
    _LOWER_TICKER's."""
    name = re.split(r"[.=-]", name)[0]  # "EURUSD=X": Yahoo's
    return name.isalnum() and any(len(name) - len(unit) in range(2, 7) and name.endswith(unit) for unit in _UNITS)


def _names(header_cells: Sequence[Sequence[str]]) -> list[list[str]]:
    """Each column's header cells less those a units row writes under its name ("x1000", "USD"), or
    a row of words under names that say all ("yyyy-mm-dd", "Last", "shares" under "Date", "AAPL
    Close", "AAPL Volume"): a flat header with such a row under it is one row of names still. Read
    as two rows, it was no flat header: the first ticker's prices loaded under the file's name, the
    others' unread, or each ticker's under its cell whole ("AAPL CLOSE"). A word in capitals there
    may be a ticker ("Close" over "AAPL"): the header stays as it is."""
    return [[c for k, c in enumerate(cells) if k == 0 or not _under_names(c, cells[0])] for cells in header_cells]


def _under_names(cell: str, top: str) -> bool:
    """Whether a header cell below `top` says nothing of whose column it is: a unit, or a word of no
    ticker under a top cell that names its column whole (a ticker and a field, or a column's name)."""
    return units_cell(cell) or ((split_cell(top) is not None or has_a_name(top))
                                and split_cell(cell) is None and not _ticker(cell.strip()))


def one_ticker(cells: Sequence[str]) -> str | None:
    """The one ticker a one-row header's cells name with their fields ("Index,SPY.Open,SPY.Close"),
    else None: a repeat of such a header names its rows' ticker as the header did."""
    labels = {parts[0] for cell in cells if (parts := split_cell(cell.strip()))}
    return labels.pop() if len(labels) == 1 else None


def _all_capitals(header_cells: Sequence[Sequence[str]]) -> bool:
    return not any(ch.islower() for cells in header_cells for cell in cells for ch in cell)


def labelled_unread(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                    canonical: Sequence[str | None], body: Sequence[Sequence[str]] = (), decimal: str = ".",
                    thousands: str | None = None) -> list[int]:
    """The unmapped columns whose names give a ticker and a price field ("SPY Close" beside a mapped
    "Close"), with that ticker's other unmapped columns ("SPY Volume"), of a one-row header that
    names no ticker column: another series left unread beside the prices mapped, which load under
    the file's name as though they were the only ones. Only a price names another series: a volume
    beside a unit or a coin ("Volume BTC", "Volume USDT") is the same instrument's, counted in it."""
    header_cells = _names(header_cells)
    if "ticker" in canonical or any(len(cells) > 1 for cells in header_cells):
        return []
    mapped = {parts[0] for cells, m in zip(header_cells, canonical)
              if m and cells and (parts := _ticker_split(cells[0]))}
    unread: dict[int, tuple[str, str]] = {}  # column -> (its ticker, its field)
    for j, (cells, t, m) in enumerate(zip(header_cells, types, canonical)):
        parts = _ticker_split(cells[0]) if m is None and cells and t.type in ("integer", "float") else None
        if parts is not None and parts[0] not in mapped and parts[0] not in _UNITS:
            unread[j] = (parts[0], field_of(parts[1]))
    fields: dict[str, set[str]] = {}
    for label, field in unread.values():
        fields.setdefault(label, set()).add(field)
    # In a header all in capitals, capitals tell no ticker from a word: a label must name two fields.
    least = 2 if _all_capitals(header_cells) else 1
    # A label over a high and a low alone whose values sit around the file's own prices is a range of them,
    # an indicator's band or zone ("OB_High,OB_Low": an order block's, "BB_High,BB_Low"), not another
    # ticker's bars: Tiingo's daily AAPL with its indicators beside had been refused as two tickers'. Far
    # from them ("MSFT_High,MSFT_Low" at 380 beside AAPL's 100) it is another ticker's range, which
    # would be left unread without a word.
    priced = {label for label, named in fields.items()
              if named & _PRICES and len(named) >= least
              and not (named <= _RANGE and _around_own_prices([j for j, (name, _) in unread.items() if name == label],
                                                              canonical, body, decimal, thousands))}
    found = [j for j, (label, _) in unread.items() if label in priced]
    # One such column beside prices whose names give no ticker ("US Close", "ETF Close", "Close C",
    # "SPY Close" in AAPL.csv) may be a word's as well as a ticker's, and the file's own prices read
    # right: left unread, as "SMA Close" is, not the file refused. Two ("SPY Close,SPY Volume",
    # "SPY Close,QQQ Close"), or beside prices named by their own ticker, are another series.
    found = found if len(found) >= 2 or mapped - _UNITS else []
    # A series made of others beside prices named by their ticker ("TOTAL Close,AAPL Close": a market's
    # or a portfolio's total): no word of AAPL's own, as "SMA Close" or "dema_close" is, nor a ticker
    # (_QUALIFIER); AAPL's closes loaded and the total's were left unread without a word.
    if mapped - _UNITS:
        found += [j for j, (cells, t, m) in enumerate(zip(header_cells, types, canonical))
                  if m is None and cells and t.type in ("integer", "float")
                  and (parts := _any_case_split(cells[0].strip())) is not None
                  and parts[1] in _PRICES and parts[0].upper() in _MADE_OF_OTHERS]
    # The mirror: the close mapped is a series made of others' ("Index Close", "Benchmark Close") beside a
    # fund's own price left unread ("Fund NAV", "Unit Price"): a fund's file, the index's closes loaded
    # under its name and the fund's went unread without a word.
    if "close" in canonical and (j := list(canonical).index("close")) < len(header_cells) and header_cells[j] \
            and (parts := _any_case_split(header_cells[j][0].strip())) is not None \
            and parts[0].upper() in _MADE_OF_OTHERS:
        own = [k for k, (cells, t, m) in enumerate(zip(header_cells, types, canonical))
               if m is None and cells and t.type in ("integer", "float") and _FUNDS_PRICE.search(cells[0])]
        found += [j, *own] if own else []
    # A ticker that is a field's word beside its field ("LOW Close,LOW Volume": Lowe's, beside "SPY
    # Close"): read as the field its ticker names, Lowe's close loaded as SPY's low. Refused with them.
    misread = [j for j, (cells, m) in enumerate(zip(header_cells, canonical))
               if m and cells and (w := split_cell(cells[0], words=True)) and field_of(w[0]) == m != field_of(w[1])]
    return sorted({*found, *misread})


def _around_own_prices(band: Sequence[int], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
                       decimal: str, thousands: str | None) -> bool:
    """Whether the columns `band` hold values within a factor of _BAND_REACH of the file's own close (or
    its first price mapped) on the median row that has both, or that hold it between them on most such
    rows (a 52-week or all-time high and low, "52wk High,52wk Low", "ATH_High,ATH_Low", of a share that
    fell far below its high: refused as another ticker's, whose day's range holds no other price); an
    indicator's empty band (0) says nothing. With no such row, nothing tells the band from another
    ticker's: taken for a band, as the names say. Near the prices but apart from them, a band that moves
    on its own as much as the prices do, and not with them, is another ticker's range (_own_moves),
    unless it meets the day's own bar (low to high) on most rows: another session's range of the same
    instrument."""
    own = next((canonical.index(f) for f in ("close", *PRICE_COLUMNS) if f in canonical), None)
    if own is None:
        return True
    # The file's own bar, its low to its high where both are mapped (else its price alone).
    bar = [canonical.index(f) for f in ("low", "high")] if {"low", "high"} <= set(canonical) else [own]
    ratios, held, met = [], 0, 0
    pairs: list[tuple[float, float] | None] = []  # (price, the band's middle) of each row, in order
    for row in body:
        price = to_float(row[own], decimal, thousands) if own < len(row) else None
        values = [to_float(row[j], decimal, thousands) if j < len(row) else None for j in band]
        if price and price > 0 and all(v and v > 0 for v in values):
            middle = sum(values) / len(values)
            ratios.append(middle / price)
            held += min(values) <= price <= max(values)
            pairs.append((price, middle))
            ends = [v for k in bar if k < len(row) and (v := to_float(row[k], decimal, thousands))] or [price]
            met += min(values) <= max(ends) and max(values) >= min(ends)
        else:
            pairs.append(None)
    if not ratios or 2 * held > len(ratios):
        return True
    middle = sorted(ratios)[len(ratios) // 2]
    # A range that meets the day's own bar on most rows is another session's of the same instrument
    # (a premarket's, the overnight's, an opening range's: "PM High,PM Low", "ON High,ON Low", "IB High,
    # IB Low"), which moves on its own as much as the day's close does and is no other ticker's.
    return 1 / _BAND_REACH <= middle <= _BAND_REACH and (2 * met > len(ratios) or not _own_moves(pairs))


# A band drawn on a ticker's prices (Bollinger's, an order block's, a day's range) stays near them; a
# 52-week or all-time high may stand a few times above a price that fell, another ticker's anywhere.
_BAND_REACH = 3.0
_LEAST_MOVES = 8  # steps between rows that both hold a price and the band: fewer tell no moves apart
# Of the prices' median step (log), the least median step of the band itself (a moving average's steps
# come to a third of the prices' or less, up to two thirds over a short window's first rows), and of its
# distance from the prices, that make it move on its own. Another ticker calmer than the file's prices
# by more than a quarter is still taken for a band, as before.
_OWN_STEP = 0.75
_APART_STEP = 0.5


def _own_moves(pairs: Sequence[tuple[float, float] | None]) -> bool:
    """Whether a band apart from the prices (holding them on few rows) moves day by day as much as they
    do, and not with them: another ticker's high and low ("MSFT_High,MSFT_Low" at 250 beside AAPL's 200,
    left unread without a word). An indicator's band drawn on the prices moves less (Bollinger's and
    Keltner's, on a moving average), not at all (a zone, a 52-week high) or with them (an envelope)."""
    steps = [(math.log(b[0] / a[0]), math.log(b[1] / a[1])) for a, b in zip(pairs, pairs[1:]) if a and b]
    if len(steps) < _LEAST_MOVES:
        return False
    price = _median([abs(p) for p, _ in steps])
    return price > 0 and _median([abs(m) for _, m in steps]) >= _OWN_STEP * price \
        and _median([abs(m - p) for p, m in steps]) >= _APART_STEP * price


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def made_of_others(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType], series: Sequence[str | None],
                   canonical: Sequence[str | None]) -> list[int]:
    """Of several tickers side by side in a one-row header (`series`: wide_columns'), the numeric columns
    naming a series made of others' prices and a price ("TOTAL Close", "BENCHMARK Close", "Portfolio
    Close" beside "AAPL Close,MSFT Close"): no instrument's price. A word of _QUALIFIER ("TOTAL") was
    read as none of the tickers' and its column left unread without a word; one that is not
    ("BENCHMARK", "PORTFOLIO") loaded as a ticker of that name."""
    header_cells = _names(header_cells)
    if any(len(cells) != 1 for cells in header_cells):
        return []
    return [j for j, (cells, t, s, m) in enumerate(zip(header_cells, types, series, canonical))
            if t.type in ("integer", "float") and (s is None or s.strip().upper() in _MADE_OF_OTHERS)
            and (m is None or m in _PRICES) and (parts := _any_case_split(cells[0].strip())) is not None
            and parts[1] in _PRICES and parts[0].strip().upper() in _MADE_OF_OTHERS - _LISTED]


# Labels of _MADE_OF_OTHERS that are listed tickers too, read as a ticker's beside others: "TOT Close" is
# TotalEnergies' (NYSE until 2021), "PTF Close" an Invesco ETF's; refused, the whole file loaded nothing.
_LISTED = frozenset({"TOT", "PTF"})


# Labels of a series made of others' prices: a total, an index, a benchmark, a sector's or a portfolio's.
_MADE_OF_OTHERS = frozenset({"TOTAL", "TOT", "INDEX", "COMPOSITE", "BENCHMARK", "BENCH", "BMK", "SECTOR", "PEER",
                             "PEERS", "PORTFOLIO", "PTF"})
# Names of a fund's own price, beside its benchmark's close ("Fund NAV,Index Close").
_FUNDS_PRICE = re.compile(r"\bnav\b|\bfund\b|\bunit (?:price|value)\b", re.IGNORECASE)


def _ticker_split(cell: str) -> tuple[str, str] | None:
    """split_cell's (ticker, field), or a ticker written in lower case and its field ("spy_close":
    ("SPY", "close")): "Close,Volume,spy_close,spy_volume" loaded the file's own rows and left SPY's
    unread without a word, where "SPY Close,SPY Volume" refused the file."""
    if (parts := split_cell(cell)) is not None:
        return parts
    parts = _any_case_split(cell.strip())
    return (_written(parts[0]), parts[1]) if parts is not None and _ticker_shaped(parts[0]) and _own_named(cell) \
        else None


def named_as_tickers(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                     canonical: Sequence[str | None]) -> list[int]:
    """Of a table with a date but no close mapped, its unmapped numeric columns named as tickers are
    written ("Date,AAPL,MSFT,GOOG"): closes side by side, perhaps, but nothing says so, and "CPI",
    "GDP" are written alike. Named in the file's refusal, which said only "no close column"."""
    if "date" not in canonical or "close" in canonical or "ticker" in canonical:
        return []
    return [j for j, (cells, t, m) in enumerate(zip(header_cells, types, canonical)) if _bare_ticker(cells, t, m)]


def nameless_among_tickers(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                           canonical: Sequence[str | None]) -> list[str | None]:
    """`canonical` with the prices of columns of no name unmapped where two or more columns beside them
    are named as tickers are written (named_as_tickers): "Date,AAPL,,MSFT,IBM" (a column's name lost, or
    a spacer column) had loaded the nameless column as the file's close and left the tickers' columns
    unread without a word. Unmapped, the table is judged as without it ("Date,AAPL,MSFT,IBM"); so are a
    rate table's currencies ("Date,USD,,JPY,GBP"), whose nameless column had loaded as the close too."""
    priced = [j for j, m in enumerate(canonical) if m in PRICE_COLUMNS]
    if not priced or any(j < len(header_cells) and any(c.strip() for c in header_cells[j]) for j in priced):
        return list(canonical)
    without = [None if j in priced else m for j, m in enumerate(canonical)]
    currencies = [j for j, (cells, t, m) in enumerate(zip(header_cells, types, without))
                  if m is None and len(cells) == 1 and t.type in ("integer", "float")
                  and cells[0].strip().upper() in CURRENCY_CODES]
    tickers = named_as_tickers(header_cells, types, without)
    if not currencies and indices_only([header_cells[j][0].strip() for j in tickers]):
        return list(canonical)  # a share's close beside its benchmarks ("Date,,^GSPC,^IXIC"), its name lost
    return without if len(tickers) + len(currencies) > 1 else list(canonical)


def _figure(name: str) -> bool:
    return name in _NO_TICKER or ((m := _OVER_DAYS.fullmatch(name)) is not None
                                  and (m.group(1) in _NO_TICKER or bool(_QUALIFIER.fullmatch(m.group(1)))))


def bare_tickers(split: Sequence[Sequence[str]], types: Sequence[ColumnType], canonical: Sequence[str | None]
                 ) -> list[int]:
    """Of a one-row header split_header read as tickers and fields (`split`, its cells), the unmapped
    numeric columns named by a ticker alone ("AAPL" beside "MSFT Close"): another ticker's prices,
    which field unsaid. Read as the others were, MSFT's close loaded and AAPL's column left unread
    without a word (or, right of a ticker's columns, taken into that ticker's as a column of no
    name). A qualifier ("VWAP", "RSI", "MA20"), a currency, a ratio ("P/E"), a row's number ("ID",
    "No") or a figure ("EPS", "BETA", "CODE") is no ticker."""
    return [j for j, (cells, t, m) in enumerate(zip(split, types, canonical)) if _bare_ticker(cells, t, m)]


def _bare_ticker(cells: Sequence[str], column: ColumnType, mapped: str | None) -> bool:
    """Whether an unmapped numeric column's one name is written as a ticker alone: not a qualifier,
    a currency, a ratio ("P/E": a share class "BRK/B" and a currency pair "EUR/USD" are tickers), a
    row's number or a figure."""
    if mapped is not None or len(cells) != 1 or column.type not in ("integer", "float"):
        return False
    name = cells[0].strip()
    return (_ticker(name) and name not in _UNITS and not _figure(name.upper())
            and ("/" not in name or _SHARE_CLASS.fullmatch(name) is not None or currency_pair(name)))
