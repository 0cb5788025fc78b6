"""Rows of a header block that label each price column by something of its listing other than its ticker:
"Exchange,NYSE,NASDAQ", "Source,Yahoo,Google", "Market,US,UK" over "Date,Close,Close". Read as the labels
that set the closes apart (series.py), their words loaded as tickers NYSE and NASDAQ (or YAHOO, GOOGLE),
silently. Only a row headed by the ticker's own field name ("Ticker,AAPL,MSFT") names tickers: beside one,
such a row is a note on them (dropped from the block: layout.py), but where it tells apart columns the
ticker row gives one ticker ("Ticker,BRK,BRK" over "Class,A,B", "Ticker,VOD,VOD" over "Exchange,LSE,NASDAQ"):
there it is part of whose each price is, and stays; without a ticker row, nothing names whose each close is,
and the file is refused (detect.py).

A row headed by a word for such a thing (_LISTING: in English and the languages of the sites' exports), not a
title ("Portfolio A,AAPL,MSFT" names its tickers all the same), nor by an empty cell (pandas' unnamed level of
tickers), nor by a name of the ticker ("Exchange ticker", "Ticker,AAPL,MSFT"). Nor a row whose cells are written
as tickers are: such words head titles over the tickers as well ("Market Data,AAPL,MSFT", "Currency,EURUSD,GBPUSD",
"Bolsa,PETR4,VALE3", "Source: Yahoo Finance,AAPL,MSFT"), which had named them; refused, such a file was lost.

So is a row whose every cell names a kind of instrument or quote (_KINDS: ",Spot,Future", ",Stock,Stock,Index",
",Bid,Ask" over the closes), headed by anything but a column's name: "Ticker,SPOT,INDEX" names Spotify's shares."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .canonical import has_a_name, names_a_field, names_the_ticker
from .currencies import CURRENCY_CODES
from .header_ticker import INSTRUMENT_KINDS, venues_only
from .name_words import fold

# What a keeper writes over each price beside its ticker, or in its place: where it trades, where it came
# from, what it is counted in, its kind, its place in a market. Folded (name_words.fold).
_LISTING = frozenset('''EXCHANGE EXCHANGES MARKET MARKETS VENUE VENUES SOURCE SOURCES PROVIDER VENDOR FEED
                         CURRENCY CURRENCIES CCY COUNTRY REGION SECTOR INDUSTRY TYPE CLASS LISTING BOARD SEGMENT
                         BOURSE BORSE BOERSE HANDELSPLATZ QUELLE WAHRUNG BRANCHE BOLSA MERCADO FUENTE FONTE MOEDA
                         MONEDA DIVISA BORSA MERCATO VALUTA MARCHE PLACE DEVISE ORIGEN ORIGINE'''.split())
# Of them, the words for the currency a price is counted in: under them a currency's code is the listing's.
_CURRENCY = frozenset("CURRENCY CURRENCIES CCY WAHRUNG MOEDA MONEDA DIVISA VALUTA DEVISE".split())
_WORD = re.compile(r"[^\W\d_]+")
# A class's letter or a country's or market's code ("A", "US", "UK"): too short for the tickers of a table's
# columns to be written so, all of them.
_CODE = re.compile(r"[A-Z]{1,2}")


def _a_listings_cell(cell: str, currency: bool) -> bool:
    """Whether a cell under a listing's word is the listing's, not a ticker: a word as written in a sentence
    ("Tech", "Yahoo", "Common Stock"), a venue's or a source's name ("NYSE": header_ticker.venues_only), a
    class's or a country's code ("A", "US"), a currency's code under a currency's word ("GBP")."""
    return (any(c.islower() for c in cell) or venues_only([cell]) or bool(_CODE.fullmatch(cell))
            or (currency and cell in CURRENCY_CODES))


# What a keeper writes over each price in place of its ticker to say what kind of instrument it is, or which
# quote or role: ",Spot,Future", ",Stock,Stock,Index", ",Bid,Ask" over "Date,Close,Close" (in English and the
# languages of the exports). Loaded as tickers SPOT and FUTURE, silently. Folded (name_words.fold). With every
# kind a label above the header may name (header_ticker.INSTRUMENT_KINDS): ",Forex,Crypto" had loaded as FOREX.
_KINDS = INSTRUMENT_KINDS | frozenset('''SPOT CASH FUTURE FUTURES FORWARD FORWARDS SWAP SWAPS STOCK STOCKS SHARE
                       SHARES EQUITY EQUITIES INDEX INDICES INDEXES BOND BONDS FUND FUNDS ETF ETFS OPTION OPTIONS CALL
                       CALLS PUT PUTS BID ASK OFFER MID LAST BENCHMARK PORTFOLIO COMMODITY NEAR FRONT BACK MONTH
                       KASSA TERMIN AKTIE AKTIEN ANLEIHE ANLEIHEN FONDS GELD BRIEF
                       COMPTANT ACTION ACTIONS INDICE OBLIGATION OBLIGATIONS ACHAT VENTE
                       CONTADO FUTURO FUTUROS ACCION ACCIONES BONO BONOS FONDO FONDOS COMPRA VENTA
                       AZIONE AZIONI OBBLIGAZIONE FONDI ACAO ACOES FUNDO FUNDOS TITULO'''.split())


def labels_kinds(fields: Sequence[str], capitals: bool = True, kinds: int = 2) -> bool:
    """Whether a header row sets its prices apart by their kind of instrument or quote (_KINDS), not by tickers:
    not headed by the name of a column ("Ticker,SPOT,INDEX" names Spotify and INDEX; "Date,Bid,Ask" is the fields'
    row), its cells past the first filled over two columns at least, every word of each a kind's.
    In capitals a cell is a kind's only where `capitals` (not in pandas' block of levels, where ",SPOT,BOND" is
    a row of tickers whose level has no name)."""
    first = fields[0].strip() if fields else ""
    if has_a_name(first):
        return False
    cells = [c.strip() for c in fields[1:] if c.strip()]
    # `kinds` of them at least: one over every price (",Stock,Stock,Stock,Stock" over "Date,Open,High,Low,Close")
    # sets nothing apart, it says what the file's one instrument is; beside a ticker row it is a note all the same.
    return len(cells) >= 2 and len(set(cells)) >= kinds and all(
        (words := _WORD.findall(c)) and all(fold(w) in _KINDS for w in words)
        and (capitals or any(ch.islower() for ch in c)) for c in cells)


def _pandas_levels(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a header block is pandas' block of column levels: a row of the index's name alone ("Date,,")."""
    return any(r and r[0].strip() and not any(c.strip() for c in r[1:]) for r in rows)


def kind_labels(rows: Sequence[Sequence[str]]) -> tuple[str, list[str]] | None:
    """(the row's first cell, its words) of the header block's row (`rows`, each as wide as the table) that sets
    the prices apart by their kinds (labels_kinds) where another row names a price or volume under two of its
    cells at least ("Date,Close,Close" under ",Spot,Future"); None where there is none."""
    capitals = not _pandas_levels(rows)
    for k, row in enumerate(rows):
        if not labels_kinds(row, capitals):
            continue
        over = [j for j in range(1, len(row)) if row[j].strip()
                and any(names_a_field(r[j]) for i, r in enumerate(rows) if i != k and j < len(r))]
        if len(over) >= 2:
            return row[0].strip(), list(dict.fromkeys(row[j].strip() for j in over))
    return None


def labels_a_listing(fields: Sequence[str]) -> bool:
    """Whether a header row is headed by a word that names something of a listing other than its ticker
    (_LISTING), its cells past the first filled over two columns at least, none a field's name, each the
    listing's, none written as a ticker (_a_listings_cell)."""
    first = fields[0].strip() if fields else ""
    words = {fold(w) for w in _WORD.findall(first)}
    if not words & _LISTING or names_the_ticker(first):
        return False
    cells = [c.strip() for c in fields[1:] if c.strip()]
    return len(cells) >= 2 and not any(map(names_a_field, cells)) \
        and all(_a_listings_cell(c, bool(words & _CURRENCY)) for c in cells)


def _kinds_note(rows: Sequence[Sequence[str]], k: int, capitals: bool) -> bool:
    """Whether the header block's row k names the prices' kinds (labels_kinds), a note beside a ticker row. Not
    where its words name the price themselves and no other row names it: "Last" and "Mid" name a close, and
    pandas' pivot of a table's "Last" by its "Ticker" writes ",Last,Last" over "Ticker,AAPL,MSFT" (the prices'
    unnamed level). Left out as a note, nothing named the closes and the file was refused."""
    row = rows[k]
    return labels_kinds(row, capitals, kinds=1) and all(
        not names_a_field(c) or any(names_a_field(r[j]) for i, r in enumerate(rows) if i != k and j < len(r))
        for j, c in enumerate(row) if j and c.strip())


def listing_notes(rows: Sequence[Sequence[str]]) -> list[int]:
    """The indices of the header block's `rows` (each as wide as the table) that are notes on the tickers
    (labels_a_listing, _kinds_note): all of them where, without them, the block tells every column apart it told apart
    with them; none otherwise. "Class,A,B" under "Ticker,BRK,BRK" is what sets BRK's two classes apart:
    left out, both closes stood under ticker BRK, one was loaded and the other left unread (silent)."""
    capitals = not _pandas_levels(rows)
    notes = [k for k, row in enumerate(rows) if labels_a_listing(row) or _kinds_note(rows, k, capitals)]
    kept = [row for k, row in enumerate(rows) if k not in notes]
    if not notes or not kept:
        return []
    return notes if len(set(zip(*kept))) == len(set(zip(*rows))) else []


def listing_labels(header_rows: Sequence[Sequence[str]], series: Sequence[str | None]) -> tuple[str, list[str]] | None:
    """(the row's first cell, its cells) of a header row of the module's that labels the columns `series`
    (series.wide_columns: per column, its ticker's label) set apart: its cell over a labelled column part
    of that column's label. None where the labels are none of such a row's."""
    for row in header_rows:
        if not labels_a_listing(row):
            continue
        words = [row[j].strip() for j, s in enumerate(series)
                 if s is not None and j < len(row) and row[j].strip() and row[j].strip() in s]
        if words:
            return row[0].strip(), list(dict.fromkeys(words))
    return None
