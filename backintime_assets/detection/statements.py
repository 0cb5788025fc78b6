"""Tables that are not price histories: a broker's trades, orders, transactions, account statement or
holdings. Their Price is one fill's, their Quantity the account's, not the market's day: loaded as
prices, a backtest would run over them. Told apart by what their columns mean, not by one broker's
names: a side (Buy/Sell), fees, an order or trade id, a cash balance, money paid in or out, proceeds,
a cost basis, a profit, a settlement date beside the trade's or a buyer's e-mail address are columns no
price history has, and two of them (or a side, an order number or a settlement date beside a quantity)
make a statement. Money traded
("Amount", "Value", "Turnover") and counts of trades ("Trades", "number_of_trades", "NUMTRADES") are
what exchanges publish for the day: they count for nothing."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from itertools import islice

from .numbers import NULL_TOKENS, to_float
from .sample_runs import sample_runs
from .words import folded_words as words

# Every problem this module names holds it: normalisation rejects each row of such a file with it.
NOT_PRICES = ", not prices: "

# Costs of a trade: brokers', exchanges', the state's.
_FEES = frozenset({"fee", "fees", "commission", "commissions", "comm", "brokerage", "gebuhr", "gebuhren",
                   "gebuehren", "provision", "frais", "courtage", "comision", "comisiones", "commissione",
                   "commissioni", "costs", "kosten", "costes", "transactiekosten", "transaktionskosten", "courtages",
                   "stempelzegel", "quellensteuer", "withholding", "avgift", "avgifter", "gebyr", "gebyrer",
                   "kurtasje", "kurtage", "corretagem", "emolumentos", "custos", "手数料",
                   # Polish, Turkish, Russian, Chinese, Korean brokers' commission
                   "prowizja", "prowizje", "komisyon", "комиссия", "комиссии", "手续费", "佣金", "수수료",
                   # Czech, Hungarian, Romanian, Greek
                   "poplatek", "poplatky", "dij", "jutalek", "comisioane", "προμηθεια", "комісія"})
# An order's, a fill's, a transaction's or a position's own number.
_IDS = ("orderid", "ordernumber", "orderno", "ordernr", "ordernummer", "orderref", "auftragsnummer", "tradeid",
        "tradenumber", "tradeno", "transactionid", "transactionnumber", "transactionno", "transactionref", "txid",
        "txnid", "txhash", "execid", "executionid", "positionid", "dealid", "dealnumber", "ticketnumber",
        "confirmationnumber", "refid", "transaktionsnummer", "referencenumber")
# An order's id written id first, as Romance languages put it: Degiro's Spanish "ID Orden", French "ID Ordre",
# Italian "ID Ordine", Portuguese "ID da Ordem" (its Spanish trades had loaded each fill's price as a close
# under the ISIN). Not "Nº Orden" nor "N. ordine": a row's number in a kept list, as often as an order's.
_ORDERS = frozenset({"order", "orders", "orden", "ordre", "ordine", "ordem", "auftrag", "auftrags", "opdracht"})
# Not an order book's id: an exchange's id of the instrument it trades (Nasdaq Nordic's "Order Book ID" beside
# each day's close and volume had been refused as a list of trades).
_BOOK = frozenset({"book", "books"})
# What is left in the account after each row.
_BALANCE = frozenset({"balance", "saldo", "solde", "kontostand", "bakiye", "остаток", "balans"})
# Money paid out of or into the account, a column each: a bank statement's "Withdrawal Amt." and
# "Deposit Amt." (HDFC), "Debit"/"Credit", "Lastschrift"/"Gutschrift", beside its balance. Beside
# "Closing Balance" (named as a close), they tell a statement from a price history.
_CASH_FLOWS = frozenset({"withdrawal", "withdrawals", "deposit", "deposits", "debit", "debits", "credit", "credits",
                         "lastschrift", "gutschrift", "retrait", "retraits", "versement", "versements"})
# What the account made or paid for a holding.
_PNL = re.compile(r"^(?:.* )?(?:p ?[&/]? ?l|pnl|gain|gains|profit|realized|realised|unrealized|unrealised|gewinn|"
                  r"verlust|plusvalue|plusvalia)(?: .*)?$")
# Not "Entry Price": a unit trust's buying price beside its "Exit Price" (Australian funds), see _kind.
_BASIS = ("costbasis", "averagecost", "avgcost", "costprice", "bookcost", "purchaseprice", "einstandskurs",
          "einstandswert", "kaufkurs", "prixderevient", "openrate",
          # a lot's cost a unit or a share ("Symbol,Trade Date,Quantity,Unit Cost,Last Price")
          "unitcost", "costperunit", "costpershare", "costunit", "pricepaid")
# Money the trade brought or cost the account (exchanges' money traded, "Amount", "Value", stays out).
_PROCEEDS = ("proceeds", "netamount", "netproceeds", "settlementamount", "nettobetrag", "montantnet", "netcash",
             "tradingtotal", "ausmachenderbetrag")
# Not "portfolio": a fund's name in an asset manager's NAV files ("Portfolio,Date,NAV,Management Fee").
_ACCOUNT = frozenset({"account", "konto", "kontonummer", "depot", "depotnummer", "compte"})
# Whose a row is: a person the holding or the purchase belongs to (a family's tracker of "Ticker,Pocet,
# Cena,Datum,Owner", each member's lots). No market's price belongs to anyone.
_OWNERS = frozenset({"owner", "owners", "holder", "investor", "user", "username", "vlastnik", "inhaber",
                     "besitzer", "eigentumer", "propietario", "titular", "titulaire", "proprietaire",
                     "proprietario", "wlasciciel"})
# Names a column of sides goes by, and the words of a side in its cells ("Buy", "Market buy",
# "YOU BOUGHT APPLE INC", "BUY - MARKET", "Kauf").
# Not "code" alone: a ticker column's name, and a ticker may spell a side ("Trans Code" is Robinhood's).
_SIDE_NAMES = frozenset({"type", "action", "side", "direction", "operation", "transaction", "activity", "trans",
                         "description", "details", "buy", "sell", "bs", "typ", "art", "geschaftsart", "transaktion",
                         "transaktionstyp", "sens", "tipo", "operacion", "richting", "soort", "kauf", "verkauf",
                         "category",  # HealthEquity's "Category": Buy, Sell, Dividend (a sector's is no side)
                         # a Brazilian broker's "Operação", "Natureza da operação", "Ação" (Compra, Venda;
                         # "Ação" also names the ticker, weakly: its cells tell which)
                         "operacao", "natureza", "acao",
                         "売買区分", "売買",  # a Japanese broker's (Rakuten's "売買区分": 買付, 売付)
                         # Polish "Kierunek", "Operacja", Turkish "İşlem", "Yön", Russian "Операция",
                         # "Направление", Chinese "买卖方向", "操作", Korean "구분", "매매구분"
                         "kierunek", "operacja", "transakcja", "rodzaj", "islem", "yon", "операция",
                         "направление", "тип", "вид", "买卖方向", "买卖标志", "买卖", "操作", "方向",
                         "구분", "매매구분", "거래구분", "매매",
                         # Romanian "Tip", Hungarian "Irány", Greek "Πράξη", Czech "Směr"
                         "tip", "irany", "πραξη", "smer", "операція"})  # Ukrainian "Операція" too
# Not "sale" nor "purchase": a card processor's transaction types ("sale", "credit").
_SIDES = frozenset({"buy", "sell", "bought", "sold", "kauf", "verkauf", "achat", "vente", "compra",
                    "venta", "venda", "acquisto", "vendita", "koop", "verkoop", "kop", "salj", "buying", "selling",
                    # Nordic brokers' past tenses (Nordnet's "KÖPT", "SÅLT"; "KJØPT", "KØBT", "SOLGT") and nouns
                    "kopt", "salt", "kjøpt", "kjøp", "købt", "køb", "solgt", "salg",
                    "買付", "売付", "買", "売",
                    # Polish, Turkish, Russian, Chinese, Korean, Dutch
                    "kupno", "sprzedaz", "zakup", "alis", "satis", "alim", "satim", "покупка", "продажа",
                    "купля", "买入", "卖出", "证券买入", "证券卖出", "매수", "매도", "aankoop",
                    # Czech, Hungarian, Romanian, Greek
                    "nakup", "prodej", "vetel", "eladas", "cumparare", "vanzare", "αγορα", "πωληση",
                    "купівля", "продаж"})  # Ukrainian
# Sides that are other words once their accents are dropped count only as written: "salt" is Nordnet's "SÅLT"
# less its ring, and a "Type" or "Category" of salt beside its prices and volume had been refused as sales.
_SIDES_AS_WRITTEN = {"salt": "sålt"}
# A fund's or a pension's units bought and sold: a statement's "Contribution", "Redemption", "Switch In"
# rows, its Units the member's, its Value their worth (loaded as the close). Also the fund's own events
# noted on a few days of its price history ("Dividend Reinvestment" on a distribution's day, a bond's
# "Redemption"): sides only in a column filled on most rows (_FLOWS_FILLED), as a statement's is.
# The verb too: Schwab's "Reinvest Shares" and "Reinvest Dividend" rows, a dividend and the units it bought
# (an income account's history has few Buy or Sell rows between them), had loaded each fill's price as a
# close under its symbol.
# In other languages too: a German savings plan's "Sparplan" and "Wiederanlage" rows, a French account's
# "Réinvestissement" (each fill's price had loaded as a close under the ISIN).
_FLOWS = frozenset({"contribution", "contributions", "redemption", "redemptions", "subscription", "subscriptions",
                    "withdrawal", "withdrawals", "reinvestment", "reinvest", "reinvested",
                    "sparplan", "wiederanlage", "zeichnung", "rucknahme", "reinvestissement", "souscription", "rachat",
                    "reinversion", "suscripcion", "reembolso", "reinvestimento", "sottoscrizione", "rimborso",
                    "herbelegging", "inschrijving"})
_FLOWS_FILLED = 0.5  # of the sampled rows
_FLOW = 2  # _side_cell's mark of a flow (_FLOWS, a switch between funds)
# A company named by a flow's word describes a ticker, as "SWITCH INC" does: "Reinvestment Trust Ltd" in
# a one-day file's Description (beside its volume) had refused the day as a list of trades. The company's
# word right after the flow's: Fidelity's "REINVESTMENT APPLE INC (AAPL)" is a flow.
COMPANY_WORDS = frozenset({"inc", "ltd", "limited", "plc", "corp", "corporation", "co", "company", "trust", "group",
                      "holdings", "sa", "ag", "nv", "se", "spa", "gmbh", "bhd", "berhad"})
# A switch between funds, alone or "Switch In", "Switch Out": not "SWITCH INC" (a company's description).
_SWITCH = frozenset({"switch", "switches"})
_SWITCH_WAYS = frozenset({"in", "out", "to", "from"})
# A trade settles days after it is done: its settlement or value date beside the day it was done
# ("Trade Date,Settlement Date", flatex's "Buchungstag;Valuta", Directa's "Data operazione,Data
# valuta"); a price history has one day a row. Its cells must be dates: "Valuta" is also the
# currency in Swedish and Italian ("Transaktionsvaluta"), "Settle" a futures' settlement price.
_SETTLES = frozenset({"settlement", "settle", "settled", "valuta", "valutadatum", "wertstellung", "valeur"})
_DATE_CELL = re.compile(r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:\D|$)")
_DATES = 0.9  # of a column's filled sampled cells, the share that must be dates
_SHOWN = 5  # evidence columns named in the problem
# The payout reinvested too ("Dividend Reinvestment", a unit trust's "Distribution Reinvestment" and "Income
# Reinvestment": after 9568dc5 a statement of them, 'Date,Transaction,Units,Price', still loaded each fill's price).
_SIDE_LEADS = frozenset({"you", "market", "limit", "stop", "regular", "single", "employer", "employee", "member",
                         "unit", "units", "fund", "dividend", "distribution", "income"})
# An analyst's rating or a strategy's signal: a column holding these beside "Buy" and "Sell" gives
# advice on a price file's rows ("Type", "Action": BUY/HOLD/SELL), no broker's trade is held.
_ADVICE = frozenset({"hold", "neutral", "outperform", "underperform", "overweight", "underweight", "accumulate"})
_SIDE_ROWS = 500  # of the sampled rows, those a column of sides is judged on
_SIDE_SHARE = 1 / 3  # of a column's filled cells: deposits, dividends and fees sit between the trades
# A holding or a trade's size: the market's volume in a price file, so evidence only beside a side or an id.
_QUANTITY = frozenset({"quantity", "qty", "shares", "units", "menge", "anzahl", "stuck", "stueck", "nominal",
                       "quantite", "cantidad", "quantita", "quantidade", "aantal", "antal", "executed", "size",
                       "qte", "qtde", "qtd",  # "Qté", "Qtde": French and Portuguese abbreviate their words so
                       "volume", "vol", "数量",
                       "liczba", "ilosc", "adet", "количество", "成交数量", "수량", "titulos",
                       "кол",  # "Кол-во", the Russian count abbreviated
                       "mnozstvi", "pocet", "darab", "cantitate", "ποσοτητα", "кількість",
                       # a Korean and a Japanese broker's quantity held ("보유수량", "잔고수량", "保有株数")
                       "보유수량", "잔고수량", "保有株数", "保有数量"})


# A person's e-mail address on each row: a buyer's, a payer's, a customer's (a ticket shop's "Purchaser
# e-mail", PayPal's "From Email Address"). No market's day has one; beside an order's number it makes a
# list of purchases, whose "Price" had loaded as one series' close under the file's name. Told by the
# cells, whatever the column is named; one kind of evidence, as a name is.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAILS = 0.9  # of a column's filled sampled cells, the share that must be addresses
_EMAIL_PROBE = 20  # first sampled rows, one of which holds an address in a column of them


def _emails(j: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j` holds e-mail addresses in nearly all its filled sampled cells, and is filled on
    most sampled rows: a buyer's address is on each purchase, where a price file's remark or trailing
    note giving whom to ask ("Note": "ir@fund.example" on one day) fills one cell."""
    # Settled on the first rows for most columns: a column of addresses shows one there.
    if not any(j < len(r) and "@" in r[j] for r in body[:_EMAIL_PROBE]):
        return False
    rows = body[:_SIDE_ROWS]
    cells = [r[j].strip() for r in rows if j < len(r) and "@" in r[j]]
    filled = sum(1 for r in rows if j < len(r) and r[j].strip())
    return filled >= _FLOWS_FILLED * len(rows) and sum(1 for c in cells if _EMAIL.fullmatch(c)) >= _EMAILS * filled


@lru_cache(maxsize=4096)  # a column of sides (or a "Type" column) repeats its few values
def _side_cell(cell: str) -> int:
    """1 for a side as a cell's first word, or second after an order's kind: "Buy", "BUY - LIMIT",
    "Market buy", "YOU SOLD APPLE INC"; never further in ("BEST BUY CO INC" describes a ticker).
    _FLOW for a fund's flow ("Contribution", "Switch In"), -1 for advice ("Hold", "Neutral"), 0 for
    anything else."""
    w = words(cell)
    if not w:
        return 0
    if w[0] in _ADVICE:
        return -1
    lead = w[1:] if len(w) > 1 and w[0] in _SIDE_LEADS else w
    if lead[0] in _SWITCH:
        return _FLOW if len(lead) == 1 or lead[1] in _SWITCH_WAYS else 0
    if lead[0] in _FLOWS:
        return 0 if lead[1:2] and lead[1] in COMPANY_WORDS else _FLOW
    side = w[0] if w[0] in _SIDES else w[1] if len(w) > 1 and w[0] in _SIDE_LEADS and w[1] in _SIDES else None
    return int(side is not None and _as_written(side, cell))


def _as_written(side: str, cell: str) -> bool:
    """Whether a side read in `cell` (accents dropped) is one as the cell writes it (_SIDES_AS_WRITTEN)."""
    return side not in _SIDES_AS_WRITTEN or _SIDES_AS_WRITTEN[side] in unicodedata.normalize("NFC", cell).lower()


@lru_cache(maxsize=4096)  # a source's files repeat their header's names
def _name_words(name: str) -> frozenset[str]:
    return frozenset(words(name))


# Sides written as their words' first letters: Compra/Venda or Venta (Portuguese, Spanish "C"/"V"), Kupno or
# Kauf/Sprzedaż or Verkauf ("K"/"S", "K"/"V"), Achat, Acquisto or Aankoop/Vente, Vendita or Verkoop ("A"/"V"),
# Buy/Sell ("B"/"S"), Alış/Satış ("A"/"S"). A Brazilian broker's "Operação" of C and V had loaded each fill's
# price as its ticker's close.
_LETTER_SIDES = frozenset({frozenset("cv"), frozenset("ks"), frozenset("kv"), frozenset("av"), frozenset("bs"),
                           frozenset("as")})


def _letter_sides(j: int, name: str, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j`, named as a side may be or by its pair of letters ("C/V", "B/S"), holds only those
    letters, a cell each, on most sampled rows: both of one pair (_LETTER_SIDES), or either of the name's."""
    named = frozenset(w for w in _name_words(name) if len(w) == 1)
    paired = named in _LETTER_SIDES
    # The name first: most columns are named neither way, and their cells need no reading (every
    # column of every file comes here, and reading 500 cells each was ~12% of detecting a daily file).
    if not paired and not _name_words(name) & _SIDE_NAMES:
        return False
    rows = body[:_SIDE_ROWS]
    cells = [r[j].strip().lower() for r in rows if j < len(r) and r[j].strip()]
    if len(cells) < _FLOWS_FILLED * len(rows) or any(len(c) != 1 for c in cells):
        return False
    letters = frozenset(cells)
    return letters <= named if paired else letters in _LETTER_SIDES


def _sides(j: int, name: str, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j`, named as a side may be, holds trade sides in a third of its cells, and no advice;
    or sides as their letters (_letter_sides)."""
    if _letter_sides(j, name, body):
        return True
    if not _name_words(name) & _SIDE_NAMES:
        return False
    rows = body[:_SIDE_ROWS]
    kinds = [_side_cell(r[j]) for r in rows if j < len(r) and r[j].strip()]
    if len(kinds) < _FLOWS_FILLED * len(rows):
        kinds = [0 if k == _FLOW else k for k in kinds]  # a few days' events, no statement's flows
    return bool(kinds) and -1 not in kinds and sum(k > 0 for k in kinds) >= _SIDE_SHARE * len(kinds)


@lru_cache(maxsize=4096)
def _kind(name: str) -> str | None:
    """What a column name says of a trade or a statement, if anything."""
    w = words(name)
    joined = "".join(w)
    if set(w) & _FEES:
        return "fees"
    if joined.endswith(_IDS) or ("id" in w and set(w) & _ORDERS and not set(w) & _BOOK):
        return "id"
    if set(w) & _BALANCE:
        return "balance"
    if set(w) & _CASH_FLOWS:
        return "cash_flow"
    if joined.startswith(_BASIS) or joined.endswith(_BASIS) or w == ["basis"]:
        return "basis"
    if _PNL.match(" ".join(w)):
        return "profit"
    if joined in _PROCEEDS or "proceeds" in w:
        return "proceeds"
    # A strategy's round trip (entryPrice, exitTime); one kind of evidence however many of its columns,
    # as a unit trust's "Entry Price" and "Exit Price" are its buying and selling prices of the day.
    if w[:1] in (["entry"], ["exit"]):
        return "round_trip"
    if set(w) & _ACCOUNT:
        return "account"
    if set(w) & _OWNERS:
        return "owner"
    return None


def _dates(j: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j` holds dates (with or without a time) in nearly all its filled sampled cells."""
    cells = [r[j].strip() for r in body[:_SIDE_ROWS] if j < len(r) and r[j].strip()]
    return bool(cells) and sum(1 for c in cells if _DATE_CELL.match(c)) >= _DATES * len(cells)


def _settles(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]]) -> list[int]:
    """The columns of settlement or value dates a few days after the days the rows were done (another
    column: the date mapped, or one whose days change in the sample)."""
    named = [j for j, n in enumerate(names) if _name_words(n) & _SETTLES and _dates(j, body)]
    if not named:
        return []
    done = [k for k in range(len(names)) if k not in named and _dates(k, body)
            and (canonical[k] == "date" or len({r[k].strip() for r in body[:_SIDE_ROWS] if k < len(r)} - {""}) > 1)]
    return [j for j in named if any(_settles_after(j, k, body) for k in done)]


# A trade settles within days of the day it was done (shares T+1 or T+2, bonds T+3, funds up to a
# week, weekends and holidays between); a contract's settlement day ("Final Settlement Date", an
# option's "Settlement Date" beside each day of its prices, a forward's a month on) is weeks or
# months after most of its days, or, beside the contract's last trading day, both the same on every row.
_SETTLE_DAYS = 10
_DAY_PARTS = re.compile(r"(\d{1,4})[-./](\d{1,2})[-./](\d{1,4})")


def _day(cell: str, month_first: bool) -> int | None:
    """A date cell's day number, its day and month read in the order given unless the year leads."""
    m = _DAY_PARTS.match(cell.strip())
    if m is None:
        return None
    a, b, c = m.groups()
    year, month, day = (int(a), int(b), int(c)) if len(a) == 4 else (
        int(c) + (2000 if len(c) <= 2 else 0), *((int(a), int(b)) if month_first else (int(b), int(a))))
    try:
        return date(year, month, day).toordinal()
    except ValueError:
        return None


def _settles_after(j: int, k: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j`'s dates are within _SETTLE_DAYS of column `k`'s on most rows (days and months
    read in the order that puts them nearest)."""
    rows = [(r[k], r[j]) for r in body[:_SIDE_ROWS] if j < len(r) and k < len(r) and r[j].strip() and r[k].strip()]
    for month_first in (False, True):
        lags = sorted(abs(b - a) for a, b in ((_day(x, month_first), _day(y, month_first)) for x, y in rows)
                      if a is not None and b is not None)
        if lags and lags[len(lags) // 2] <= _SETTLE_DAYS:
            return True
    return False


# A record's own bookkeeping dates: when it was added to a list, created, changed, listed, published.
# A price history's date is the day its prices are of; a list of products, listings or posts dated
# this way is one row per thing, its "Price" that thing's ("Product,Category,Price,Date Added" had
# loaded each product's price as one series' close, a day per product).
# When a row was added or created in other languages (not Spanish "alta", also a high): a German broker's
# watchlist "Symbol;Name;Letzter;Hinzugefügt am" had loaded as "Date Added" no longer does.
_ENTERED_ABROAD = frozenset({"hinzugefugt", "erstellt", "erstellungsdatum", "ajout", "ajoute", "cree", "anadido",
                             "anadida", "agregado", "creado", "creacion", "aggiunto", "aggiunta", "inserimento",
                             "creato", "creazione", "toegevoegd", "aangemaakt", "adicionado", "criado", "criacao"})
_RECORD_DATES = frozenset({"added", "created", "creation", "modified", "updated", "inserted", "registered",
                           "joined", "published", "posted", "hired", "born", "birth"}) | _ENTERED_ABROAD
# A business document's date: an invoice's, a bill's, an order's ("Invoice Date,Customer,Description,
# Price,VAT,Total": each line's price had loaded as one series' closes under the file's name).
_DOCUMENT_DATES = frozenset({"invoice", "invoiced", "billing", "billed", "ordered", "shipped", "rechnungsdatum",
                             "rechnung", "facture", "factura", "fattura", "factuur", "factuurdatum"})
_RECORD_NAMES = 3  # sampled rows, the fewest whose names all differ that make a list of things
_SHIFTED = 0.05  # of a column's filled sampled cells, the share (at least one) a list's names may lack letters in
# A column of remarks names no thing: a kept price file's note on each day ("Published,NAV,Note",
# "Date Updated,Price,Comment") differs row by row as a list's names do, and had been refused with it.
# A day's commentary or headline too ("Published,NAV,Commentary", "Last Updated,Close,Headline" had been refused).
_REMARK_NAMES = frozenset({"note", "notes", "comment", "comments", "remark", "remarks", "memo", "event", "events",
                           "annotation", "news", "reason", "observation", "observations", "commentary", "headline",
                           "headlines", "commentaire", "kommentar", "comentario", "commento"})
# Nor is a bar's open, high and low a thing's price: a day's prices of one thing ("Created,Close,Open,...").
_BAR_PRICES = frozenset({"open", "high", "low"})
# A column naming the thing each row is of, however its date is named: a shop's sales or a catalogue
# ("DATE,TIME,Qty,PRODUCTID,Price,ProductType,...": each row a product sold, its Price the product's,
# had loaded as one series' closes under the file's name). Names of things, not of instruments: a
# ticker's column is mapped, and one instrument's "Product" (Brent, WTI) repeats row after row.
# A place's address names a thing too: a property sold, each row its own ("Sale Date,Address,Postcode,
# Price": each house's price had loaded as one series' closes under the file's name).
# So do a team's, a player's or a match's: odds or lines of a game each ("Date,Team,Opening Odds,
# Closing Odds": each team's odds had loaded as one series' bars under the file's name).
_THING_NAMES = ("product", "item", "sku", "article", "artikel", "produit", "producto", "prodotto", "asin",
                "produto", "produkt", "artigo", "articulo", "articolo",
                "address", "street", "adresse", "anschrift", "direccion", "indirizzo",
                "team", "player", "match", "fixture", "opponent")
# A name carrying a day names a period's contract of one instrument, a new one each day, not a thing
# ("Baseload 03/01/2024": a power exchange's day-ahead prices).
_DAY_IN_NAME = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def _names_a_thing(name: str) -> bool:
    """Whether a column's name says it names a product or an item ("PRODUCTID", "Item Name", "SKU")."""
    w = words(name)
    return "".join(w).startswith(_THING_NAMES) or any(x in _THING_NAMES for x in w)


# Of the bookkeeping dates, those that never date a price: when a row was added to a list or created
# (not "updated" nor "published": a quote's time, a fund's price as published).
# Or since when a row has stood on the list ("Watching Since", "Tracked Since": loaded as "Date Added" had).
_ENTERED_DATES = frozenset({"added", "created", "creation", "inserted", "registered", "joined", "since"}) \
    | _ENTERED_ABROAD
# Nor do the days of a company's events: a dividend's ex-, pay or declaration date, an earnings or a
# split date, an IPO's. A calendar lists each ticker on its event's day beside its price of today
# ("Symbol,Ex-Date,Dividend,Yield,Price" had loaded KO's price as its close on the coming ex-date).
# Not "Record Date" nor "Report Date": a price file's own names for the day its row is of.
_EVENT_DATES = frozenset({"ex", "exdate", "exdiv", "exdividend", "pay", "payable", "payment", "paydate",
                          "declaration", "declared", "announcement", "announced", "earnings", "split", "ipo",
                          "extag", "zahltag", "zahlungstag", "detachement", "paiement", "versement", "pago",
                          "stacco", "pagamento", "betaaldatum", "uitbetaling",
                          # the event named by what is paid: "Dividend Date", "Div Date", a fund's
                          # "Distribution Date", a bond's "Coupon Date"
                          "dividend", "div", "dividende", "dividendo", "distribution", "coupon",
                          "dividendos", "dividendi", "dividenden", "dywidendy", "dywidenda", "temettu",
                          # Russian "Дата отсечки" (the record date), "Дата выплаты"; dividends' days in
                          # Japanese (権利確定日, 権利落ち日), Korean (배당락일, 배당기준일) and Chinese
                          # (股权登记日, 除权除息日, 派息日), and earnings days, each written as one word
                          "отсечки", "отсечка", "выплаты", "дивиденда", "дивидендов",
                          "権利確定日", "権利付最終日", "権利落ち日", "権利落日", "配当落ち日", "配当基準日",
                          "支払開始日", "決算発表日", "決算発表予定日",
                          "배당락일", "배당기준일", "배당지급일", "지급일", "실적발표일",
                          "股权登记日", "除权除息日", "除息日", "除权日", "派息日", "红利发放日", "公告日期",
                          "公告日", "披露日期", "预约披露日期",
                          # a listing's, as an IPO's ("Symbol,Name,Listing Date,Last Price" had loaded each
                          # ticker's price of today as its close on the day it listed)
                          "listing", "listed",
                          # India's record date, the day its register closes ("Security,Book Closure Date,
                          # Purpose,Price" had loaded each company's price of today on its coming closure)
                          "closure",
                          # the Moscow Exchange's one word for a dividend's record date (its dividends'
                          # "secid,isin,registryclosedate,value,currencyid")
                          "registryclosedate"})
# The day a dividend's holders are recorded: the Treasury's Fiscal Data names its own rows' day so, and
# its rates load; beside a column of a company's event's days (_calendar) it is that event's register.
_RECORD_DAY = frozenset({"record"})
# A day a thing was announced or published: a company's event's, but a fund's NAV list dates each NAV by
# the day it was published (a Chinese fund's "公告日期,单位净值" of several funds had been refused as a
# calendar of events). Beside a NAV (_NAV_WORDS), the NAV's own day.
_ANNOUNCED = frozenset({"announcement", "announced", "公告日期", "公告日", "披露日期"})
_NAV_WORDS = frozenset({"nav", "navps", "单位净值", "單位淨值", "基金净值", "净值", "淨值", "基準価額", "기준가"})
# Words for a sum paid, as a dividend's is named where it is the one value of a row ("value", "amount").
_PAID_SUMS = frozenset({"value", "values", "val", "amount", "sum", "payout", "gross", "net"})
# Nor the day a holding was bought: a lot's acquisition date beside today's price ("Ticker,Date
# Acquired,Current Price" had loaded AAPL's price of today as its close on the day the lot was bought).
_BOUGHT_DATES = frozenset({"acquired", "acquisition", "purchased", "purchase", "bought", "opened", "kaufdatum",
                           "kauftag", "erwerbsdatum", "anschaffungsdatum", "achat", "compra", "acquisto",
                           "aankoop", "aankoopdatum"})


# The day a company reports ("Report Date", "Reporting Date"): a price file's own name for its row's day,
# but an earnings calendar's beside an earnings figure ("Symbol,Company,Report Date,EPS Forecast,Last Price"
# had loaded each company's price of today as its close on its coming report day).
_REPORTED = frozenset({"report", "reported", "reporting", "reports"})
_EARNINGS_FIGURES = frozenset({"eps", "earnings", "estimate", "estimates", "consensus", "forecast", "surprise",
                               "guidance"})


def _dated_as(name: str, names: Sequence[str] = ()) -> frozenset[str]:
    """The words of a date column's name, "Open Date" read as "opened": a broker's lot or position opened
    that day ("Symbol,Open Date,Quantity,Current Price" had loaded each lot's price of today as its close
    on the day it was bought). Not "Open Time" nor "Open" and a day: a bar's. A report's day beside an
    earnings figure among the table's `names` as "earnings" (_REPORTED)."""
    named = _name_words(name)
    others = [n for n in names if n != name]
    if named & _REPORTED and any(_name_words(n) & _EARNINGS_FIGURES for n in others):
        named = named | {"earnings"}
    # Beside a column of another event's days ("Ex-Date", "Pay Date") the announcement is that event's, a
    # fund's calendar of distributions: its NAVs had loaded as one series on the days each was announced.
    if named & _ANNOUNCED and any(_names_a_nav(n) for n in others) \
            and not any(_name_words(n) & (_EVENT_DATES - _ANNOUNCED) for n in others):
        named = named - _ANNOUNCED
    return named | {"opened"} if named == {"open", "date"} else named


def _names_a_nav(name: str) -> bool:
    """Whether a column's name is a fund's NAV's ("NAV", "NAV per Share", "Net Asset Value", "单位净值")."""
    named = _name_words(name)
    return bool(named & _NAV_WORDS) or {"net", "asset", "value"} <= named


def _calendar(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]]) -> list[int]:
    """Of a table without bars dated by a company's event or by its record day (_RECORD_DAY), beside
    another column of days named by an event: that column and the date column; [] otherwise. A dividend
    calendar dated by its record day ("Record Date,Ex-Date,Amount,Close", with or without a ticker) had
    loaded each row's figure as its close on the day holders were recorded."""
    if "date" not in canonical or _BAR_PRICES & set(canonical):
        return []
    dated = canonical.index("date")
    if dated >= len(names) or not _dated_as(names[dated], names) & (_EVENT_DATES | _RECORD_DAY):
        return []
    return next(([dated, k] for k, n in enumerate(names) if k != dated and k < len(canonical)
                 and canonical[k] is None and _dated_as(n, names) & _EVENT_DATES and _dates(k, body)), [])


def _listed(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]]) -> list[int]:
    """Of a table whose date column is named as the day its rows were entered (_ENTERED_DATES), as a
    company's event's (_EVENT_DATES) or as the day a holding was bought (_BOUGHT_DATES), and whose
    tickers each stand on one row of the sample (or on a row a lot, where bought), entered on more than
    one day: the ticker and the date column; [] otherwise. A
    watchlist's "Symbol,Last,Change,Date Added" had loaded today's last prices as each ticker's close on
    the day it was added. Not bars: a day's open, high and low are of that day."""
    if "ticker" not in canonical or "date" not in canonical or _BAR_PRICES & set(canonical):
        return []
    k, dated = canonical.index("ticker"), canonical.index("date")
    dates = _dated_as(names[dated], names) if dated < len(names) else frozenset()
    if not dates & (_ENTERED_DATES | _EVENT_DATES | _BOUGHT_DATES):
        return []
    tickers = [r[k].strip() for r in body[:_SIDE_ROWS] if k < len(r) and r[k].strip()]
    # A report's day (_REPORTED) is an event's only over several days: a day's screener dated by its report
    # ("Symbol,Report Date,EPS,Close", one day on every row) is that day's prices.
    if not _name_words(names[dated]) & (_EVENT_DATES | _BOUGHT_DATES) and len(_days(dated, body)) < 2:
        # Rows entered or opened on one day are a day's prices, each ticker's once: an office's day of
        # closes kept in a database ("Ticker,Close,Inserted", every row inserted at 17:30; "Open Date,
        # Symbol,Close") had been refused. A list's rows fall on days of their own. Not lots named as
        # bought ("Date Acquired", "Purchase Date"): a portfolio bought on one day had loaded each ticker's
        # price of today as its close on that day.
        return []
    # A holding bought in lots stands on a row a lot, each dated by its purchase and priced today
    # ("AAPL,01/10/2022,185.64" and "AAPL,05/11/2022,185.64"): no day's price file is dated so.
    each_once = len(set(tickers)) == len(tickers) or bool(dates & _BOUGHT_DATES)
    # Each ticker's payouts on their events' days under a word for a sum and not for a price: a history
    # of dividends ("secid,registryclosedate,value": GAZP's 7.2 roubles a share had loaded as its closes;
    # "Symbol,Ex-Date,Value"). A close named so beside an ex-date ("Symbol,Ex-Date,Dividend,Close") is one.
    paid = bool(dates & _EVENT_DATES) and bool(close := _close_words(names, canonical)) and close <= _PAID_SUMS
    return [k, dated] if len(tickers) >= _RECORD_NAMES and (each_once or paid) else []


# A time of day after a day ("2024-01-05 17:30", "2024-01-05T17:30:00Z", "Jan 5, 2024 10:31 AM"), or its six
# digits run together ("20240105 173001", "20240105T173001"): each second of a day's inserts is no day of its own.
_CLOCK = re.compile(r"(?:T|\s+)(?:\d{1,2}:\d{2}|\d{6}(?!\d)).*$")


def _days(j: int, body: Sequence[Sequence[str]]) -> set[str]:
    """The days column `j` holds on the sampled rows, a time after the day left out. The day as written
    before its time, not its first word: a watchlist's "Jan 5, 2024 10:31 AM", "Jan 12, 2024 09:02 AM"
    are two days, and were one ("Jan"), so it loaded as a day's prices."""
    return {_CLOCK.sub("", r[j].strip()) for r in body[:_SIDE_ROWS] if j < len(r) and r[j].strip()}


def _records(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]]) -> list[int]:
    """Of a table without a ticker whose date column is named as its records' bookkeeping date
    (_RECORD_DATES), a company's event's, a holding's purchase's or a document's (_EVENT_DATES,
    _BOUGHT_DATES, _DOCUMENT_DATES), or with a column named as a thing's (_THING_NAMES): an unmapped
    column of names, each row's its own (no name repeats in the sample), and the date column; [] where
    either is missing. Not a file of one instrument's days noting when each row was updated beside its
    date: its date column is the day's."""
    if "ticker" in canonical or "date" not in canonical or _BAR_PRICES & set(canonical):
        return []
    dated = canonical.index("date")
    if dated >= len(names):
        return []
    # A company's event or a holding's purchase dates a list as its entry does ("Company,Ex-Date,Price":
    # each company's price had loaded as one series' closes under the file's name).
    bookkeeping = bool(_dated_as(names[dated], names)
                       & (_RECORD_DATES | _EVENT_DATES | _BOUGHT_DATES | _DOCUMENT_DATES))
    if "close" in canonical and _name_words(names[dated]) & _DOCUMENT_DATES:
        # No price history is dated by its invoices, whatever its lines name: the same service billed
        # day after day ("Invoice Date,Customer,Description,Price", "Consulting" on every line) had loaded.
        return [canonical.index("close"), dated]
    rows = body[:_SIDE_ROWS]
    # A day's list of items' prices (its rows on a few dates) is several unnamed series, and rejected
    # row by row as such; a list of things has a day, or a time, of its own on most rows.
    days = {r[dated].strip() for r in rows if dated < len(r)}
    own_days = len(days) > _FLOWS_FILLED * len(rows)
    for j, c in enumerate(canonical):
        if c is not None or j >= len(names) or _name_words(names[j]) & _REMARK_NAMES:
            continue
        if not bookkeeping and not (own_days and _names_a_thing(names[j])):
            continue
        cells = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        # Nearly every cell a name: a row a stray delimiter shifted puts a number in the column (a
        # quantity under PRODUCTID had let a shop's sales load as prices).
        named = [v for v in cells if any(ch.isalpha() for ch in v)]
        # A shop's sales name a product again on a later day, and another between ("Data,Produto,
        # Quantidade,Preço": Arroz, Feijão, Arroz, Café, each at its own price): one row a day, they
        # had loaded as one series jumping from one product's price to another's. One product's
        # prices name it on every row, or rename it once; never come back to it after another.
        sold = own_days and _names_a_thing(names[j]) and _sold_in_turn(j, dated, rows)
        if len(named) >= max(_RECORD_NAMES, _FLOWS_FILLED * len(rows)) and (sold or len(set(named)) == len(named)) \
                and len(cells) - len(named) <= max(1, _SHIFTED * len(cells)) \
                and (bookkeeping or sum(bool(_DAY_IN_NAME.search(v)) for v in named) <= _FLOWS_FILLED * len(named)):
            return [j, dated]
    return []


# A holding's or a fill's worth: its units times its unit price, to the rounding of the money
# ("Fund,Units,Unit Price,Price Date,Value": the Value, named as a close, had loaded as the fund's price
# a hundredfold, under the file's name). A day's close is no multiple of its volume: its money traded
# is ("Value", "Turnover"), and that is never named as the close beside the price it multiplies.
_WORTH_SLACK = 0.005  # of the worth, the rounding of the unit price
_WORTH_CENT = 0.01  # the most the money's own rounding may be off: a cent, or the last place it is written to
_WORTH_FIRST = 3  # rows read before the whole sample
_WORTH_PROBE = 50  # first sampled rows the first of them are looked for in (volumes of 0 on a price file's)
_NOT_DIGITS = re.compile(r"[^\d.,'\s+-]")  # a currency's sign or code beside the money ("£1,300.00")


def held_units(name: str) -> bool:
    """Whether a quantity's name is of units held, not of a market's volume: its money traded may be
    written as the close times the volume (a dataset's derived column; an exchange whose close is the
    day's average price: Ghana's "Total Shares Traded" times "Closing Price - VWAP")."""
    named = _name_words(name)
    return bool(named & _HELD) and not named & (_MARKETS | _ISSUED)


_HELD = _QUANTITY - {"volume", "vol", "size", "executed"}
_MARKETS = frozenset({"traded", "trade", "trades", "turnover", "volume", "vol", "dealt", "total", "market", "number",
                      "fund"})
# The units an issuer has out, not anyone's holding: a fund's NAV history beside its "Shares Outstanding"
# and their "Total Net Assets" (iShares', to the cent), a share's close beside its market cap, had been
# refused as a list of holdings.
# In British words too: a unit trust's "Units in Issue", a company's "Shares in Issue".
_ISSUED = frozenset({"outstanding", "issued", "issue", "float", "listed", "circulating", "supply"})
# Names of a worth that is no holding's: the market's money traded, an issuer's capitalisation or a
# fund's assets ("Turnover" of a market whose close is the day's average price, "Market Cap", a fund's
# "Total NAV": its units in issue times its NAV per unit).
_NOT_HELD_WORTH = frozenset({"turnover", "traded", "trade", "dealt", "cap", "capitalization", "capitalisation",
                             "mcap", "marketcap", "assets", "aum", "tna", "nav"})


def _money(cell: str, decimal: str, thousands: str | None) -> float | None:
    return to_float(_NOT_DIGITS.sub("", cell).strip(), decimal, thousands)


def _rounding(cell: str, decimal: str) -> float:
    """One unit of the last place a number is written to, at most a cent: a close of 0.00001234 is
    rounded to 1e-8, not to a cent that any product near nothing would fall within."""
    _, mark, places = _NOT_DIGITS.sub("", cell).strip().rpartition(decimal)
    return min(_WORTH_CENT, 10.0 ** -len(places)) if mark and places.isdigit() else _WORTH_CENT


def _worth(canonical: Sequence[str | None], quantity: int, body: Sequence[Sequence[str]], decimal: str,
           thousands: str | None, held: bool, names: Sequence[str] = ()) -> list[int]:
    """The close and the unit price column of a table whose close is its quantity column's units times
    another column's unit price on every sampled row where units and close are numbers (units neither
    0 nor 1: a volume of 1 times the close is the close); or, where the quantity is named as units held
    (`held`: "Quantity", "Shares", not "Volume"), the close and the column that is its units' worth
    ("Date,Ticker,Quantity,Price,Market Value": a position history, whose quantities had loaded as the
    day's volume); [] where no column so multiplies."""
    if "close" not in canonical:
        return []
    close = canonical.index("close")

    def pairs(rows: Sequence[Sequence[str]]):
        for r in rows:
            if max(close, quantity) < len(r) \
                    and (units := _money(r[quantity], decimal, thousands)) not in (None, 0.0, 1.0, -1.0) \
                    and (worth := _money(r[close], decimal, thousands)) is not None and worth != 0:
                yield units, worth, r

    def multiplies(k: int, rows: Sequence[tuple[float, float, Sequence[str]]]) -> bool:
        for units, worth, r in rows:
            price = _money(r[k], decimal, thousands) if k < len(r) else None
            # A unit price of nothing prices no holding (a day's dividend of 0 beside a close near 0).
            if not price or abs(units * price - worth) > _WORTH_SLACK * abs(worth) + _rounding(r[close], decimal):
                return False
        return True

    def worth_of_close(k: int, rows: Sequence[tuple[float, float, Sequence[str]]]) -> bool:
        # To the cent and the rounding of the price as written, no closer: a day's turnover is its volume
        # times prices near the close, within a fraction of a percent of their product.
        for units, price, r in rows:
            worth = _money(r[k], decimal, thousands) if k < len(r) else None
            written = r[close].strip().rsplit(decimal, 1)
            rounding = 0.5 * 10 ** -len(written[1]) if len(written) == 2 and written[1].isdigit() else 0.5
            if not worth or abs(units * price - worth) > abs(units) * rounding + 0.011:
                return False
        return True

    # The first rows settle it for most tables (no column multiplies there), so a long sample is read
    # only where one does; and none of them past the sample the worth is judged on, where no row would
    # be left to judge it (a price file's volumes of 0 on its first 500 days).
    first = list(islice(pairs(body[:_WORTH_PROBE]), _WORTH_FIRST))
    # The unit price is a column the mapping left unread: a close is no multiple of its own day's open
    # or adjusted close, whatever a small volume (2 lots, 1.002 million) times it comes to.
    others = [k for k in range(len(canonical)) if k not in (close, quantity) and canonical[k] is None]
    kept = [k for k in others if first and multiplies(k, first)]
    worths = [k for k in others if held and first and not (k < len(names) and _name_words(names[k]) & _NOT_HELD_WORTH)
              and worth_of_close(k, first)]
    if not kept and not worths:
        return []
    every = list(pairs(body[:_SIDE_ROWS]))
    return next(([close, k] for k in kept if multiplies(k, every)), []) \
        or next(([close, k] for k in worths if worth_of_close(k, every)), [])


# A timesheet: hours worked beside whose they are or what they paid ("Date,Employee,Hours,Rate,Pay").
# Its hourly "Rate" is named as a rate is (a close), and had loaded as the file's prices.
_WORKED = frozenset({"hours", "hrs", "overtime"})
# Or whom and what the hours were billed to: a freelancer's "Date,Client,Project,Hours,Rate,Amount" had loaded
# its hourly rate as closes too.
_WORKER = frozenset({"employee", "staff", "worker", "wage", "wages", "pay", "payroll", "salary", "shift", "client",
                     "project", "task", "billable", "billed",
                     # as often a customer's and a job's ("Date,Customer,Job,Hours,Rate,Amount" loaded after 8bf542b)
                     "customer", "job"})
# Hours a market keeps are no hours worked: "After Hours Close", "Extended Hours Volume" are prices.
_MARKET_HOURS = frozenset({"close", "open", "high", "low", "last", "price", "volume", "bid", "ask", "trading",
                           "market", "extended", "session"})


def _worked(names: Sequence[str]) -> list[int]:
    """The columns of hours worked and of the worker or the pay, when the table has both; else []."""
    hours = [j for j, n in enumerate(names) if _name_words(n) & _WORKED and not _name_words(n) & _MARKET_HOURS]
    workers = [j for j, n in enumerate(names) if _name_words(n) & _WORKER]
    return sorted(hours + workers) if hours and workers else []


# A shop's prices: the store, brand or barcode of each row's product ("date,product_name,brand,price,
# unit_price,unit,store": one product's shelf price tracked day by day had loaded as a series of
# closes under the file's name). No market's instrument is sold in a store or under a brand, and its
# code is no barcode. Nor is any counted into a shop's till: a register's cash at its opening and close
# ("Date,Register,Cash Open,Cash Close,Sales" had loaded as a day's open and close).
# The till in British English, German and French too ("Date,Till,Cash Open,Cash Close,Sales" had loaded).
_TILL = frozenset({"register", "cashier", "checkout", "till", "tills", "kasse", "caisse"})
_RETAIL = frozenset({"store", "stores", "shop", "retailer", "supermarket", "brand", "ean", "gtin", "upc", "barcode",
                     "filiale", "tienda", "magasin", "negozio", "winkel",
                     # the brand and the shop in other languages: a Spanish tracker's "Marca;Supermercado", a
                     # French one's "Marque;Enseigne" had loaded as closes
                     "marca", "marque", "marke", "merk", "supermercado", "supermarche", "supermarkt", "supermercato",
                     "enseigne", "loja"}) | _TILL
# Whom each row was bought from: a supplier's or vendor's price list or invoices ("Date,Vendor,Price", each row
# a supplier's) had loaded as one series' closes under the file's name. A price file's data vendor ("Vendor":
# IEX on every row) names one, or a second after a switch (IEX's rows, then Polygon's): only several taken in
# turn (one back again after another), with no ticker nor bars, make a list of purchases.
_VENDORS = frozenset({"vendor", "vendors", "supplier", "suppliers", "lieferant", "fournisseur", "proveedor",
                      "fornecedor", "fornitore", "leverancier"})
# A market's words for its day's last price: a supplier sells at a price, never at a close. A data vendor's
# fallback in turn ("Date,Close,Vendor" of Bloomberg's days and Reuters' between) had been refused as purchases.
_CLOSING = frozenset({"close", "closing", "settle", "settlement", "last", "schluss", "schlusskurs", "cloture",
                      "cierre", "chiusura", "fechamento", "fecho", "slotkoers"})
# The vendor only may be a data vendor beside a "Last" price: a buyer writes the last price a supplier charged
# ("Date,Last Price,Supplier"), and what each invoice's settlement paid ("Date,Settlement,Supplier": loaded as
# closes since d775f04). A close, a settle are a market's only, a data supplier's beside them.
_DATA_VENDORS = frozenset({"vendor", "vendors"})
_BOUGHT_LAST = frozenset({"last", "settlement"})
# A day's bar: its high and low. An open and close alone may be a till's counts.
_BAR = frozenset({"high", "low"})


def _suppliers(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]]) -> list[int]:
    """The columns naming suppliers in turn (_VENDORS), but beside a close named by a market's word (_CLOSING):
    none, or where that word is a buyer's too (_BOUGHT_LAST), any but a data vendor's (_DATA_VENDORS).
    "Date,Close,Data Supplier" of two sources' gold fixings in turn was refused as purchases since 239015c."""
    found = [j for j in _shop(names, canonical, body, _VENDORS) if _in_turn(j, body)]
    closing = _close_words(names, canonical) & _CLOSING
    if closing - _BOUGHT_LAST:
        return []
    if closing:
        return [j for j in found if not _name_words(names[j]) <= _DATA_VENDORS]
    return found


def _shop(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
          words: frozenset[str] = _RETAIL) -> list[int]:
    """The unmapped columns naming a shop, a brand, a barcode or a till (or other `words`) of a table with
    a close and no bars (no high nor low; a till's beside bars too), each filled (_filled); else []. Not a
    column left empty: it names no shop ("Date,Symbol,Close,Store" over an empty Store had refused AAPL's
    closes). Nor a till beside a ticker: a till's cash names no instrument ("Date,Ticker,Close,Register", a
    share's register, had been refused as a till). Nor a column of dates: a Spanish form's "Marca temporal"
    (its timestamp; "marca", a brand) had refused a price log."""
    if "close" not in canonical:
        return []
    if _BAR & set(canonical):
        # No market's day is counted at a till, bar or none: "Date,Register,Open,High,Low,Close" (a
        # register's cash through the day) had loaded as a day's bars.
        words = words & _TILL
    if "ticker" in canonical:
        words = words - _TILL
    return [j for j, n in enumerate(names) if j < len(canonical) and canonical[j] is None and _name_words(n) & words
            and _filled(j, body) and not _dates(j, body)]


def _close_words(names: Sequence[str], canonical: Sequence[str | None]) -> frozenset[str]:
    """The words of the close's name; none where no column is the close."""
    c = canonical.index("close") if "close" in canonical else len(names)
    return _name_words(names[c]) if c < len(names) else frozenset()


def _in_turn(j: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j`'s filled values on the sampled rows come back after another ("A, B, A"): more runs
    of one value than values."""
    return _come_back([r[j].strip() for r in body[:_SIDE_ROWS] if j < len(r) and r[j].strip()])


def _come_back(cells: Sequence[str]) -> bool:
    """Whether values come back after another ("A, B, A"): more runs of one value than values."""
    runs = sum(1 for i, c in enumerate(cells) if i == 0 or c != cells[i - 1])
    return runs > len(set(cells))


def _sold_in_turn(j: int, dated: int, rows: Sequence[Sequence[str]]) -> bool:
    """Whether column `j` names things that come back after another (_come_back), letter case and marks
    of a missing name aside, and the rows alone on their day (column `dated`) name more than one: a
    shop's sales, one product one day and another the next. Not one product written "Brent" and now and
    then "BRENT" or "N/A": its prices had been refused. Nor a second product on some of the first's days
    only ("Regular" daily, "Diesel" beside it now and then), written first on each day of two rows: those
    days' other rows are rejected as conflicting duplicates, and the first product's days load. Written
    after the second on any of them, the second's price loaded as the first's on that day (silent,
    1cd98fa): a sale in turn, as before."""
    per_day = Counter(r[dated].strip() for r in rows if dated < len(r))
    named = [(r[dated].strip(), r[j].strip().casefold()) for r in rows
             if max(j, dated) < len(r) and r[j].strip().lower() not in NULL_TOKENS]
    if not _come_back([n for _, n in named]):
        return False
    alone = {n for d, n in named if per_day[d] == 1}
    first: dict[str, str] = {}
    for d, n in named:
        first.setdefault(d, n)
    return len(alone) > 1 or not set(first.values()) <= alone


def _filled(j: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j` holds a value on most sampled rows, or on the first, atop the rows it stands for:
    a grouped export writes a product's brand and store once over its days ("2024-03-01,Whole Milk 1L,Farm
    Co,1.19,Berlin-Mitte" then ",,,0.99," rows), and its prices had loaded as closes."""
    rows = body[:_SIDE_ROWS]
    return bool(rows) and (sum(j < len(r) and bool(r[j].strip()) for r in rows) > len(rows) / 2
                           or j < len(rows[0]) and bool(rows[0][j].strip()))


# A home's rooms, floor area, listing number or year built: a list of properties listed or sold ("List
# Date,MLS Number,City,Beds,Baths,Sqft,Price": each home's price had loaded as one series' closes).
# Or its zip code: a listing service's "Property ID,Close Date,Close Price,List Price,Zip" (RESO's names)
# had loaded each home's price as one series' closes; no market's instrument has one. RESO's own name is
# "PostalCode" ("Postal Code": loaded so after 6b14a37).
_ESTATE = frozenset({"bed", "beds", "bedroom", "bedrooms", "bath", "baths", "bathroom", "bathrooms", "sqft", "sqm",
                     "mls", "built", "zimmer", "wohnflache", "schlafzimmer", "chambres", "habitaciones",
                     "zip", "zipcode", "postal", "postalcode"})


def statement_problem(names: Sequence[str], canonical: Sequence[str | None], body: Sequence[Sequence[str]],
                      decimal: str = ".", thousands: str | None = None, head_end: int | None = None) -> str | None:
    """Why a table with these column names, canonical mapping and sampled rows (numbers written with
    this decimal mark and grouping; the first `head_end` rows a head sample's, the rest a tail's: None
    where they are every row) is no price history (what it looks like, and the columns that tell), or
    None when nothing says so."""
    if worked := _worked(names):
        return "a timesheet" + NOT_PRICES + ", ".join(names[j] for j in worked)
    if shop := _shop(names, canonical, body):
        till = all(_name_words(names[j]) & _TILL for j in shop)
        return ("a shop's till" if till else "a shop's prices of products") + NOT_PRICES + ", ".join(
            names[j] for j in shop)
    if homes := _shop(names, canonical, body, _ESTATE):
        return "a list of properties" + NOT_PRICES + ", ".join(names[j] for j in homes)
    if "ticker" not in canonical and (vendors := _suppliers(names, canonical, body)):
        return "a list of purchases from suppliers" + NOT_PRICES + ", ".join(names[j] for j in vendors)
    if records := _records(names, canonical, body) or _listed(names, canonical, body) \
            or _calendar(names, canonical, body):
        dated = _dated_as(names[records[1]], names)
        what = ("a list of records, each row its own, dated when it was entered" if dated & _RECORD_DATES
                else "a calendar of companies' events, each ticker's on its event's day" if dated & _EVENT_DATES
                else "a list of holdings, each dated when it was bought" if dated & _BOUGHT_DATES
                else "a list of invoices or orders, each row its own" if dated & _DOCUMENT_DATES
                else "a list of things, each row its own")
        return what + NOT_PRICES + ", ".join(names[j] for j in records)
    evidence: dict[str, list[int]] = {}
    owners: list[int] = []
    for j, name in enumerate(names):
        # Not a column the mapping reads (a ticker written "AAPL@XNAS.US"): a buyer's address is none of a price's.
        kind = "side" if _sides(j, name, body) else _kind(name) or (
            "contact" if j < len(canonical) and canonical[j] is None and _emails(j, body) else None)
        if kind == "owner":
            # Whose a row is tells only beside units held (below): a price sheet names who typed each
            # row too, and a fund's NAV of each "Investor Type" beside its "Management Fee" is prices.
            owners.append(j)
        elif kind:
            evidence.setdefault(kind, []).append(j)
    for j in _settles(names, canonical, body):
        evidence.setdefault("settlement", []).append(j)
    if "balance" not in evidence:
        # Money paid in or out tells a statement only beside the balance it moves: their words also
        # name a price file's own columns ("Credit Spread", "Credit Rating", "Deposit Rate") beside a
        # fee, a basis or an account it may have.
        evidence.pop("cash_flow", None)
    # Not the units an issuer has out ("Shares Outstanding" beside a fund's NAV): no trade's nor holding's size.
    quantity = [j for j, (n, c) in enumerate(zip(names, canonical))
                if (c == "volume" or _name_words(n) & _QUANTITY) and not _name_words(n) & _ISSUED]
    # An order's side or number, a round trip or a settlement date, beside how much it moved: a fill,
    # whatever else the file holds. Not beside a day's high and low: a bar's, whose volume is the
    # market's (candles that keep their first and last trade ids, the takers' side of the volume).
    bar = {"high", "low"} <= set(canonical)
    fill = bool(quantity) and not bar and bool(evidence.keys() & {"side", "id", "round_trip", "settlement"})
    # A close that is its units' worth is a holding's or a fill's, whatever else the file holds (asked
    # only where nothing else has told: a file told already names its evidence as before).
    # A lot's cost beside the units held: a holding's, whatever else the file holds ("Symbol,Trade Date,
    # Quantity,Unit Cost,Last Price": today's price had loaded as each lot's close on the day it was bought).
    # Without a close nothing loads, and the table says so ("no close column").
    if "basis" in evidence and quantity and not bar and "close" in canonical and held_units(names[quantity[0]]):
        fill = True
    if len(evidence) < 2 and not fill and quantity and not bar \
            and (worth := _worth(canonical, quantity[0], body, decimal, thousands,
                                 held=held_units(names[quantity[0]]), names=names)):
        evidence["worth"] = worth
        fill = True
    # Units held beside their worth named as the close ("Date,Units,Value": a fund holding valued day by
    # day, no unit price to multiply), the units the same from one day to the next as no market's volume
    # is: the worth had loaded as the unit price, the units as the day's volume.
    if len(evidence) < 2 and not fill and quantity and not bar and "close" in canonical \
            and held_units(names[quantity[0]]) and _name_words(names[canonical.index("close")]) & _WORTH_NAMES \
            and held_steady(quantity[0], body, canonical.index("ticker") if "ticker" in canonical else None):
        evidence["worth"] = [canonical.index("close")]
        fill = True
    # Units held or traded (not a market's "Volume") beside a price no market's word names, each ticker's
    # rows on scattered days of the file's: a trade book ("Date,Symbol,Qty,Price", a few trades of each
    # ticker) had loaded each trade's price as the day's close and its quantity as the day's volume.
    if len(evidence) < 2 and not fill and quantity and not bar and {"close", "date", "ticker"} <= set(canonical) \
            and held_units(names[quantity[0]]) and not _close_words(names, canonical) & _CLOSING \
            and _scattered(canonical.index("date"), canonical.index("ticker"), body, head_end):
        evidence["scattered"] = [canonical.index("ticker")]
        fill = True
    # Units held beside a price, on rows naming whose they are (an owner's, a user's, an account's): each
    # row a person's lot or purchase ("Ticker,Pocet,Cena,Datum,Owner": each lot's price paid had loaded as
    # the close of the day it was bought, a few rows too few to show their days scattered).
    # The owner's a column of its own, no figure the mapping reads ("Net Shares Foreign Investor" is a
    # market's flow), and the units numbers ("Units" of "USD/bbl" beside a commodity's price is its unit).
    owners = [j for j in owners if j not in quantity and (j >= len(canonical) or canonical[j] is None)]
    if len(evidence) < 2 and not fill and quantity and not bar and "close" in canonical \
            and held_units(names[quantity[0]]) and (owners or "account" in evidence) \
            and _numbers(quantity[0], body, decimal, thousands):
        if owners:
            evidence["owner"] = owners
        fill = True
    if len(evidence) < 2 and not fill:
        return None
    told = sorted({j for cols in evidence.values() for j in cols} | set(quantity[:1]))
    shown = [names[j] for j in told[:_SHOWN]] + (["..."] if len(told) > _SHOWN else [])
    return _what(evidence, bool(quantity)) + NOT_PRICES + ", ".join(shown)


def _numbers(j: int, body: Sequence[Sequence[str]], decimal: str, thousands: str | None) -> bool:
    """Whether column `j` holds numbers in most of its filled sampled cells."""
    cells = [r[j].strip() for r in body[:_SIDE_ROWS] if j < len(r) and r[j].strip()]
    return bool(cells) and 2 * sum(to_float(c, decimal, thousands) is not None for c in cells) > len(cells)


_WORTH_NAMES = frozenset({"value", "worth", "valuation", "amount"})
_STEADY_ROWS = 3  # sampled rows with units, the fewest that show them steady


def held_steady(j: int, body: Sequence[Sequence[str]], key: int | None = None) -> bool:
    """Whether column `j` writes the same units on at least half its sampled rows as on the row before
    of the same `key` column's value (each ticker's own: "Date,Symbol,Quantity,Value" of two holdings
    day by day, 100 and 50 in turn, had loaded each holding's worth as its close)."""
    last: dict[str, str] = {}
    cells = same = 0
    for r in body[:_SIDE_ROWS]:
        if j < len(r) and (cell := r[j].strip()):
            k = r[key].strip() if key is not None and key < len(r) else ""
            cells += 1
            same += last.get(k) == cell
            last[k] = cell
    return cells >= _STEADY_ROWS and 2 * same >= cells - len(last)


_SCATTERED_PAIRS = 3  # a ticker's rows one after another, the fewest that show its days scattered


def _scattered(d: int, t: int, body: Sequence[Sequence[str]], head_end: int | None = None) -> bool:
    """Whether each ticker's sampled rows stand on days apart among the file's days (numbered in the
    order they first come): most of its rows two or more of the file's days after its row before. A
    price history's tickers share their days, each row on the day after its ticker's last; a trade
    book's few trades of each ticker are scattered among the others' days. A ticker's row right after
    its own is a history written ticker by ticker, whose days the file's order numbers as they come:
    a ticker on every day after one on every other day had its days numbered far apart. No row of the
    head is paired with one of the tail (sample_runs.py): the days between are unseen, and a daily
    table's tickers past the day the head ends inside stood two days from their rows in the tail."""
    tickers: set[str] = set()
    gaps = []
    for rows, _, _ in sample_runs(body[:_SIDE_ROWS], head_end):
        order: dict[str, int] = {}
        last: dict[str, int] = {}
        before = None
        for r in rows:
            if max(d, t) < len(r) and (day := _CLOCK.sub("", r[d].strip())) and (ticker := r[t].strip()):
                n = order.setdefault(day, len(order))
                if ticker in last:
                    gaps.append(1 if ticker == before else abs(n - last[ticker]))
                last[ticker] = n
                before = ticker
        tickers |= last.keys()
    return len(tickers) > 1 and len(gaps) >= _SCATTERED_PAIRS and 2 * sum(g >= 2 for g in gaps) > len(gaps)


def _what(evidence: dict[str, list[int]], quantity: bool) -> str:
    """What a statement's kinds of evidence say it is."""
    if "side" in evidence or "round_trip" in evidence or "scattered" in evidence or (
            quantity and evidence.keys() & {"fees", "id", "proceeds", "settlement"}):
        return "a list of trades"
    if "balance" in evidence:
        return "an account statement"
    if evidence.keys() & {"basis", "profit", "worth", "owner"}:
        return "a list of holdings"
    return "a list of transactions"  # payments' fees and ids (a card processor's report)


def not_prices(problem: str | None) -> bool:
    """Whether a schema's problem says its table is a statement (statement_problem)."""
    return problem is not None and NOT_PRICES in problem
