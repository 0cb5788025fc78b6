"""Map a file's columns onto the canonical price columns by header synonyms and type evidence."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from itertools import pairwise

from .columns import ACCOUNTING, CURRENCY_MARKS, LEADING_ZEROS, NO_VALUE, TRAILING_MINUS, ColumnType, is_whole
from .price_unit import without_unit
from .currencies import (COINS, CURRENCY_CODES, QUOTE_CURRENCIES, currency_pair, currency_share,
                         names_a_currency, pair_base, pair_quote, rate_out_of_reach)
from .dates import months_only
from .moves import FIGURES, JUMPY, RATES, jumps_as_counts, median_step
from .month_names import for_strptime, weekday_numbers
from .moving_average import averaged
from .nameless import nameless_problem, sheet_names_ticker
from .net_value import BARE_NET_VALUE, among_fund_figures
from .multipliers import BRACKETED, declared_unit, only_pieces, units_cell
from .numbers import float_under, marks_or_default, to_float, written_places
from .options import names_expiry
from .figure_pairs import another_figure_s_prices
from .sample_runs import cut_days, sample_runs
from .stable_nav import yield_beside_stable_nav
from .scaled_money import scaled_money
from .series_units import change_in_percent, in_its_currency, level_unit, rate_unit, series_name, trailing_unit
from .statements import COMPANY_WORDS, held_units
from .announced_day import announced_alone, own_day_of_announced
from .paired_spans import span_start_column
from .words import folded_words as name_words, words as split_words
from .filename import base_name
from .unit_prices import names_unit_price, other_figure_per_unit
from .tenors import MOST_RATE, a_tenor_unnamed, fixings, rate_named, tenor_days
from .formulas import chemical_formula
from .in_force import rate_in_force
from .code_beside_name import code_beside_name
from .volume_in_money import count_beside_money, counts_trades

PRICE_COLUMNS = ("open", "high", "low", "close", "adj_close")
CANONICAL_TARGETS = ("date", "ticker", "sector", *PRICE_COLUMNS, "volume")

# Normalised header (lower case, accents and non-alphanumerics removed) -> (canonical, strength).
_SYNONYMS: dict[str, tuple[str, float]] = {}


def _add(canonical: str, strength: float, *names: str) -> None:
    for n in names:
        _SYNONYMS[norm_name(n)] = (canonical, strength)


# Letters NFKD does not take apart into a base letter and an accent ("Høj" would lose its ø).
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                               "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})


@lru_cache(maxsize=4096)  # header names recur from file to file, and Unicode normalisation is slow
def norm_name(name: str) -> str:
    """Letters and digits of `name` in lower case, accents dropped ("Máxima" -> "maxima"); letters
    of other scripts stay ("收盘", "Закрытие" -> "закрытие")."""
    s = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).lower()
    return "".join(c for c in s if c.isalnum() and not unicodedata.combining(c))


# Turkish letters a cp1254 text lost to cp1252 and kept so, saved again as UTF-8: Investing.com's
# Turkish "Şimdi, Açılış, Düşük" read "Þimdi, Açýlýþ, Düþük" (encoding.py reads such bytes right;
# this text's bytes are the wrong letters'). A name read so only where it names nothing as written:
# Icelandic's own letters ("Lokaverð") stay.
_ICELANDIC = re.compile("[ÐÝÞðýþ]")
_TURKISH_AS_ICELANDIC = str.maketrans("ÐÝÞðýþ", "ĞİŞğış")


def _latin(normed: str) -> str:
    """The Latin letters and digits of a norm_name'ed name: "收盘价(Close)" is named "close" as well."""
    return normed if normed.isascii() else "".join(c for c in normed if c.isascii())


_add("date", 1.0, "date", "dates", "trade date", "trading date", "tradedate", "dt", "day", "datetime", "timestamp",
     "time", "as of date", "asof", "as of", "pricing date", "price date", "session", "period", "datum", "fecha",
     "data", "jour", "handelstag", "date time", "business date", "cob date", "value date", "trading day",
     "handelsdatum", "kursdatum", "borsentag", "date de cotation", "seance", "fecha de cotizacion",
     "dtyyyymmdd", "yyyymmdd", "date yyyymmdd")  # Forexite, MetaStock: the name is the format
_add("ticker", 1.0, "ticker", "symbol", "code", "ts_code", "ticker symbol", "stock code", "security",
     "sym", "tkr", "ric", "secid", "security id", "instrument id", "share code", "epic", "wkn",
     "symbole", "simbolo", "trading symbol", "ticker code", "kurzel", "mnemo", "mnemonique", "code valeur")
_add("ticker", 0.7, "stock", "asset", "name", "security name", "company", "wertpapier", "valeur", "titel")
# FinRL's tables (the reinforcement-learning library's downloads, copied into countless repositories:
# "date,tic,open,high,low,close,volume,day,macd,...") name each row's stock "tic". Unread, a date's ten
# stocks had loaded as one series under the file's name: the rows a price check let through (one
# stock's, where the others' adjusted closes lay below their lows), or each date's first. Below the
# codes' strength (_NAMED_AS_CODE): a column of whole numbers under "tic" is a count of ticks, no code.
_TIC = "tic"  # read again where its column holds no stock codes (_tic_of_no_stock)
_add("ticker", 0.9, _TIC)
# A table of several indices names each row's under "Index" (Kaggle's "Stock Exchange Data": "Index,Date,
# Open,...", HSI, N225, GDAXI...), as a Hebrew one does under מדד: unmapped, its rows were rejected as an
# unnamed series. A text column's only: a row number under "index" (a pandas dump) is no ticker. Weaker
# than an instrument's own name: beside "Company" or "Stock", "Index" is the index the stock belongs to
# ("NIFTY 50" on every row), and taken for the ticker it had every stock's rows rejected as one's.
_INDEX_NAME = 0.65
_add("ticker", _INDEX_NAME, "index", "index name", "index code")
# A fund house's NAV history of several funds names each row's fund ("fondo,fecha,vcp"; Spanish, Portuguese,
# Italian, German, Dutch): unmapped, funds whose days did not overlap loaded as one series under the file's
# name, one fund's NAV after another's (silent); those that did, rejected as an unnamed series.
_add("ticker", 0.7, "fund", "fund name", "fondo", "nombre del fondo", "fundo", "nome do fundo", "fonds",
     "fondsname", "fondsnaam", "nome fondo")
# So a futures desk's settlements name each row's contract ("Date,Contract,Settle": "BRN Dec26" after "BRN
# Oct26"): unread, every contract's rows loaded as one series under the file's name, the first contract's
# days and the rest rejected as duplicates (real files round 50).
_add("ticker", 0.7, "contract")
# ... and a commodities' board each row's commodity or metal ("Date,Commodity,Currency,Value": LME Copper
# beside LME Zinc each day): unread, every row was rejected as an unnamed series.
_add("ticker", 0.7, "commodity", "commodity name", "metal")
_add("sector", 1.0, "sector", "industry", "gics sector", "sector name", "industry group", "segment",
     "branche", "sektor", "secteur", "sector gics", "category", "gics industry", "industry sector")
_add("open", 1.0, "open", "open price", "opening price", "opening", "px open", "first", "opn", "o",
     "eroffnung", "eroeffnung", "erster", "ouverture", "apertura", "abertura", "open px", "eroffnungskurs",
     "erster kurs", "anfang", "cours d'ouverture", "premier cours", "session open")
_add("high", 1.0, "high", "high price", "max", "maximum", "day high", "px high", "hi", "h", "hoch", "haut",
     "plus haut", "maximo", "alta", "high px", "intraday high", "day's high", "highest", "session high",
     "hochst", "hochstkurs", "tageshoch", "hoch kurs", "cours le plus haut")
_add("low", 1.0, "low", "low price", "min", "minimum", "day low", "px low", "lo", "l", "tief", "bas",
     "plus bas", "minimo", "baixa", "low px", "intraday low", "day's low", "lowest", "session low",
     "tiefst", "tiefstkurs", "tagestief", "tief kurs", "cours le plus bas")
_add("close", 1.0, "close", "close price", "closing price", "closing", "px last", "px close", "cl", "c",
     "schluss", "schlusskurs", "cloture", "cierre", "fechamento", "close px", "settle",
     "settlement", "settlement price", "unadjusted close", "raw close", "schlusspreis", "cours de cloture",
     "precio de cierre", "session close", "official close",
     # Run together in a futures desk's sheet ("Date,Contract,SettlePrice"): "no close column" (real
     # files round 50).
     "settle price")
_add("close", 0.8, "last", "last price", "price", "last trade", "px", "kurs", "prix", "precio", "ultimo",
     "nav", "value", "rate", "mid", "close last", "close/last", "cours", "letzter", "letzter kurs",
     "last sale", "last close", "closing rate", "latest", "latest price",  # Barchart: Latest
     # French "dernier (cours)" is the last trade, as "last" is: Euronext's French download has
     # "Dernier" and "Clôture" (the closing auction) side by side, and loaded the last trade.
     "dernier", "dernier cours")
# An exchange rate's own words: Spanish "Tipo de Cambio" (Peru's, Mexico's central banks), "Tasa de
# cambio", Portuguese "Taxa de câmbio", French "Taux de change", German "Wechselkurs", Turkish "Kur",
# "FX Rate", "Rates": a daily rate beside its date, whose files had "no close column" where "Rate" and
# "Exchange Rate" loaded. Weaker than a price's name: a trade log's "FX Rate" left of its "Price", a
# Turkish "Kur" left of its "Fiyat", had taken the close from them.
# Romanian "curs", as the Bank of Russia's rate dynamics export ("nominal,data,curs,cdx") and the BNR's files
# ("Data,Curs") name the rate: each had "no close column" and every day rejected. It is a school's course too
# ("Data,Curs,Studenti"), numbered, or its grade ("Data,Student,Curs,Seminar,Laborator": 9.50, 8.75) or hours
# on a course (1.5): a rate only over fractions that are no grades (_graded).
_COURSES = frozenset({"curs"})
_GRADE_STEPS = 4  # grades and hours are whole, halves or quarters; a central bank's rate has four decimals
_FX_RATES = ("tipo de cambio", "tipo cambio", "tasa de cambio", "taxa de cambio", "taux de change", "wechselkurs",
             "fx rate", "rates", "kur", *_COURSES)
_add("close", 0.7, *_FX_RATES)
# An ETF's NAV history beside its market price ("Date,NAV,Market Price,Premium/Discount"): the
# price the fund traded at is the close; its NAV, taken as the leftmost, had been.
_add("close", 0.9, "market price", "closing market price", "market price closing", "market close price")
# The London bullion fixing in dollars (LBMA's "Date,USD (AM),USD (PM),GBP (AM),..."; "Date,USD (PM)"
# in many a gold study): the afternoon fix is the day's price, the morning one no open. Only the
# dollar's, the benchmark's currency: a file of one fix in pounds and euros as well loads the dollars.
_add("close", 0.9, "usd pm", "usd pm fix", "usd pm fixing", "pm fix usd", "usd london pm fix")
# Refinitiv (Eikon, Workspace) field codes, as its Excel add-in and Data API head their columns:
# "Timestamp,BID,ASK,TRDPRC_1,HIGH_1,LOW_1,OPEN_PRC,ACVOL_UNS" (RDP.HistoricalPricing), "CF_CLOSE"
# in its sheets. TRDPRC_1, the last trade of each bar, named nothing: the file had "no close column".
_add("close", 1.0, "trdprc_1", "cf_close")
_add("close", 0.8, "cf_last")
_add("open", 1.0, "open_prc", "cf_open")
_add("high", 1.0, "high_1", "cf_high")
_add("low", 1.0, "low_1", "cf_low")
_add("volume", 1.0, "acvol_uns", "acvol_1", "cf_volume")
# Bloomberg's field (BDH in its Excel add-in), beside PX_OPEN ... PX_LAST: scored only as a qualified
# "volume" (0.6), too weak to map a column of it holding a few cells that read as no number.
_add("volume", 1.0, "px volume")
_add("adj_close", 1.0, "adj close", "adjclose", "adjusted close", "adj_close", "adj. close", "adj close*",
     "adj close**", "adjusted closing price", "adjusted", "adj", "close adj", "closeadj", "adj px",
     "adjusted price", "total return close", "adjusted close price", "adj. close**", "close (adj.)",
     "close adjusted", "adj closing price", "bereinigter schlusskurs", "cloture ajustee")
_add("volume", 1.0, "traded contracts", "contracts traded", "contracts")  # futures (Eurex): its volume had been 0
_add("volume", 1.0, "volume", "vol", "vol.", "volumes", "shares traded", "share volume", "qty", "quantity",
     "volume traded", "trade volume", "traded volume", "total volume", "v", "units",
     "stucke", "stuck", "stuckzahl", "umsatz in stuck", "umsatz stuck", "trading volume",
     "shares volume", "traded qty", "traded quantity", "total traded qty",
     "volume (shares)", "titres echanges", "nombre de titres", "volume echange", "cantidad", "volumen negociado",
     "stuecke", "stueck", "stueckzahl", "umsatz in stueck", "umsatz stueck")
# A count of shares is the volume alone (Euronext's "Number of Shares"), but beside a column named the
# volume it is another count (shares held or outstanding): leftmost, it had loaded as the volume. Named
# the volume in any language: below German "Volumen" and "Umsatz" (their share counts) too, each of which
# it had beaten; where they are the money traded, the rows prove it (volume_in_money.count_beside_money).
_add("volume", 0.85, "shares", "number of shares", "no of shares")
# "Volumen" is the share count in Spanish files and most German ones, but a German export that also
# has a count of pieces ("Stücke", "Stuecke": ariva.de) means by it the money traded: the count wins.
_add("volume", 0.95, "volumen")
# Italian, Dutch, Portuguese, Polish (Stooq's exports), Swedish and Danish headers, accents dropped
# as norm_name drops them ("Máxima" -> "maxima", "Zamknięcie" -> "zamkniecie").
_add("date", 1.0, "data di negoziazione", "handelsdag", "data de negociacao", "data pregao", "handelsdatum",
     "dato", "handelsdato")
_add("ticker", 1.0, "codice", "simbolo titolo", "symbool", "fondscode", "codigo", "codigo de negociacao",
     "ticker symbool", "kod", "symbol spolki", "kortnamn", "kode")
# Portuguese words for the instrument, weak as "asset" and "stock" are: B3 files built from COTAHIST
# ("Ativo;Data;Abertura;...;Fechamento") stack tickers under "Ativo"; unread, each row was rejected as
# an unnamed series.
_add("ticker", 0.7, "ativo", "papel", "acao")
_add("open", 1.0, "prezzo di apertura", "openingskoers", "opening koers", "preco de abertura", "otwarcie",
     "kurs otwarcia", "oppning", "oppningskurs", "oppningspris", "abning", "abningskurs")
_add("high", 1.0, "massimo", "prezzo massimo", "hoog", "hoogste", "hoogste koers", "maxima", "preco maximo",
     "najwyzszy", "kurs maksymalny", "kurs max", "hogst", "hogsta", "hogstkurs", "hogstakurs", "hoj", "hojeste",
     "hojeste kurs")
_add("low", 1.0, "prezzo minimo", "laag", "laagste", "laagste koers", "minima", "preco minimo", "najnizszy",
     "kurs minimalny", "kurs min", "lagst", "lagsta", "lagstkurs", "lagstakurs", "lav", "laveste", "laveste kurs")
_add("close", 1.0, "chiusura", "prezzo di chiusura", "slot", "slotkoers", "fecho", "preco de fecho",
     "preco de fechamento", "zamkniecie", "kurs zamkniecia", "stangning", "stangningskurs", "slutkurs",
     "lukkekurs", "luk", "stangnkurs")  # Nasdaq Nordic's Swedish download: "Stängn.kurs", "Högstakurs"
# "Laatste": Investing.com's Dutch download ("Datum","Laatste","Open","Hoog","Laag","Vol.","+/- %").
_add("close", 0.8, "ultimo prezzo", "laatste koers", "laatste", "laatst", "ultima cotacao", "senast", "senaste",
     "sidste kurs")
# Portuguese, as "precio" and "prix": B3 files' "Preço" and "Cotação", a Brazilian fund's "Cota" (its NAV per unit);
# unread, such files were refused for having no close.
_add("close", 0.8, "preco", "cotacao", "cota", "valor da cota")
_add("adj_close", 1.0, "chiusura rettificata", "aangepaste slotkoers", "fecho ajustado",
     "fechamento ajustado", "cierre ajustado", "zamkniecie skorygowane")
_add("volume", 1.0, "volumi", "quantita", "quantita scambiata", "volume scambiato", "quantidade",
     "volume negociado", "wolumen", "obrot w szt", "volym", "omsatt antal", "antal", "omsaetning antal",
     "quantite", "qte", "quantite echangee", "qte echangee", "quantites echangees")  # French, as "quantity"
# Finnish (Nasdaq Helsinki's and Finnish brokers' downloads: "Päivämäärä;Avaushinta;Ylin hinta;Alin
# hinta;Päätöskurssi;Keskihinta;Kokonaisvolyymi;Vaihto") and Norwegian ("Dato;Åpning;Høy;Lav;Siste;
# Volum") headers: their closes were named nothing, and the files refused with "no close column".
# "Vaihto" and "Omsetning" are the money traded, "Keskihinta" the day's average: none is mapped.
_add("date", 1.0, "paivamaara", "pvm")
# EIA's weekly downloads head their dates "Week of" ("Week of,Weekly U.S. ... Retail Gasoline Prices"):
# unnamed, the series' price was not looked for, and the file was refused as having no close column
# rather than as the weekly series it is (real CSV round 29).
_add("date", 0.9, "week of", "week ending", "week end", "week ending date")
_add("open", 1.0, "avaus", "avaushinta", "avauskurssi", "apning", "apningskurs", "apningspris")
_add("high", 1.0, "ylin", "ylin hinta", "ylin kurssi", "korkein", "korkein hinta", "hoy", "hoyeste", "hoyeste kurs")
_add("low", 1.0, "alin", "alin hinta", "alin kurssi", "matalin", "laveste pris")
_add("close", 1.0, "paatos", "paatoskurssi", "paatoshinta", "sluttkurs", "sluttpris")
_add("close", 0.8, "viimeisin", "viimeisin kurssi", "siste", "siste kurs", "siste pris")
_add("volume", 1.0, "volyymi", "kokonaisvolyymi", "vaihto kpl", "volum", "antall aksjer")
# Investing.com's localised exports ("Zuletzt", "Eröffn.", "Ouv.", "Openen", "Öppen", "Ostatnio",
# "Wol.", "Şimdi", "Terakhir") and Vietnamese and Indonesian brokers'.
_add("date", 1.0, "tarih", "tanggal", "ngay", "ngay giao dich")
_add("ticker", 1.0, "sembol", "hisse", "kode saham", "ma ck", "ma chung khoan")
_add("close", 1.0, "clot")  # the abbreviation "ouv;haut;bas;clot" (HistData's French, Boursorama)
_add("open", 1.0, "eroffn", "ouv", "openen", "oppen", "acilis", "pembukaan", "gia mo cua", "mo cua")
_add("high", 1.0, "yuksek", "en yuksek", "tertinggi", "gia cao nhat", "cao nhat")
_add("low", 1.0, "dusuk", "en dusuk", "terendah", "gia thap nhat", "thap nhat")
_add("close", 1.0, "kapanis", "penutupan", "gia dong cua", "dong cua")
_add("close", 0.8, "zuletzt", "ostatnio", "simdi", "son", "terakhir")
# Indonesian and Malay "Harga" is "price", as "Fiyat" and "Preço" are: a gold price under "Tanggal,Harga" had
# "no close column" (real files round 50).
_add("close", 0.8, "harga")
# ... and its bar's fields are "Harga" with the field's word ("Harga Penutupan", closing price; Malay "Harga
# Penutup", "Harga Tutup"): unread, a plain "Harga" beside "Harga Penutupan" loaded as the close (silent since
# e0f65d3), and an IDX bar under these names had "no close column".
_add("open", 1.0, "harga pembukaan", "harga buka")
_add("high", 1.0, "harga tertinggi")
_add("low", 1.0, "harga terendah")
_add("close", 1.0, "harga penutupan", "harga penutup", "harga tutup")
_add("adj_close", 1.0, "gia dieu chinh")
_add("volume", 1.0, "wol", "hac", "hacim", "khoi luong", "khoi luong khop lenh")
# Investing.com's Vietnamese download: "Ngày","Lần cuối","Mở","Cao","Thấp","KL","% Thay đổi". Unmapped,
# the file had no close and loaded nothing. Its short names, their accents dropped, are tickers
# elsewhere ("MO" Altria's, "KL" Kirkland Lake's, "CAO"): over "Close" in a yfinance download of
# several tickers, "MO" read as a field lost its label, and the table's prices were rejected or
# loaded under the file's name. They name a column only in a header that "Lần cuối" tells Vietnamese.
_add("close", 0.8, "lan cuoi")
_VIETNAMESE = norm_name("lan cuoi")
_VIETNAMESE_SHORT = {norm_name(n): hit for n, hit in (("mo", ("open", 1.0)), ("cao", ("high", 1.0)),
                                                   ("thap", ("low", 1.0)), ("kl", ("volume", 0.9)))}
# Chinese (akshare, tushare, East Money, TWSE), Japanese, Korean, Russian and Arabic headers: a
# market's own exports name their columns in its script.
_add("date", 1.0, "日期", "交易日期", "交易日", "时间", "日付", "日付け", "年月日", "일자", "날짜", "거래일",
     "дата", "дата торгов", "التاريخ")
_add("ticker", 1.0, "代码", "股票代码", "证券代码", "代號", "證券代號", "コード", "銘柄コード", "종목코드",
     "тикер", "код", "код инструмента", "الرمز")
_add("ticker", 0.7, "名称", "股票名称", "证券名称", "銘柄名", "종목명", "наименование")
# Korean's plain "name" and "index name", as English "Name" and "Index Name" are: a Google Sheet's long
# table of indices ("이름,날짜,종가": name, date, close) had its names unread, one index loading under
# the file's name, several refused as unnamed series. The index's name as weak as English's: at 0.7 it
# tied a stock's name (종목명) and, leftmost, loaded "KOSPI200" for Samsung's closes. A fund's name
# (펀드명) too, or its manager's (이름) named the fund's rows.
_add("ticker", 0.7, "이름", "펀드명")
_add("ticker", _INDEX_NAME, "지수명")
# A fund's code and name in a Chinese NAV list of several funds ("基金代码,基金名称,公告日期,单位净值"):
# unread, each fund's NAV was rejected as an unnamed series, or loaded as one series of funds.
_add("ticker", 1.0, "基金代码", "基金代碼")
_add("ticker", 0.7, "基金名称", "基金简称", "基金名稱")
_add("sector", 1.0, "行业", "所属行业", "板块", "業種", "업종", "сектор", "отрасль")
_add("open", 1.0, "开盘", "开盘价", "今开", "開盤", "開盤價", "開市", "開市價", "始値", "시가", "오픈", "открытие",
     "откр", "цена открытия", "افتتاح")
_add("high", 1.0, "最高", "最高价", "最高價", "高", "高値", "고가", "максимум", "макс", "максимальная цена",
     "مرتفع", "أعلى", "الأعلى")
_add("low", 1.0, "最低", "最低价", "最低價", "低", "安値", "저가", "минимум", "мин", "минимальная цена",
     "منخفض", "أدنى", "الأدنى")
_add("close", 1.0, "收盘", "收盘价", "收盤", "收盤價", "收市", "收市價", "終値", "종가", "закрытие", "закр",
     "цена закрытия", "الإغلاق")
_add("close", 0.8, "最新价", "现价", "цена", "последняя цена", "الأخير")
# A Korean or Japanese quote's current price (Naver's and KRX's "현재가", kabutan's "現在値") is the day's
# last, as "Last" is; above a fund's NAV's names (a54ce46's 기준가, 基準価格), which in a share's quote are its
# reference price, the day before's close the day's limits are taken from: it had loaded as the close.
_add("close", 0.9, "현재가", "現在値")
# kabuoji3's downloads (Japanese daily prices) head the split-adjusted close "終値調整値".
_add("adj_close", 1.0, "复权收盘价", "調整後終値", "終値調整値", "수정종가", "скорректированная цена закрытия")
_add("volume", 1.0, "成交量", "成交量手", "成交股数", "成交股數", "交易量", "出来高", "売買高", "거래량", "объем",
     "объем торгов", "حجم")
# The Tel Aviv Stock Exchange's downloads, in Hebrew: trade date, opening, high, low and closing
# price ("שער": rate), the adjusted close ("מתואם": adjusted), the index or security named on each
# row, and the turnover in units (shares); "מחזור מסחר" (turnover in shekels) is money, unmapped,
# as "שער בסיס" (the base price the day's change is measured from) is.
_add("date", 1.0, "תאריך", "תאריך המסחר", "תאריך מסחר")
_add("open", 1.0, "שער פתיחה")
_add("high", 1.0, "גבוה", "שער גבוה")
_add("low", 1.0, "נמוך", "שער נמוך")
_add("close", 1.0, "שער נעילה", "נעילה")
_add("adj_close", 1.0, "שער נעילה מתואם")
_add("ticker", 0.7, "מדד", "שם המדד", "שם נייר", "נייר ערך")
# Thai, as SET's historical prices write them ("วันที่,ราคาเปิด,ราคาสูงสุด,ราคาต่ำสุด,ราคาปิด,...,ปริมาณ(พันหุ้น),
# มูลค่า(ล้านบาท)"): unread, the file was refused for want of a close. Its value (มูลค่า) is money, left unmapped.
_add("date", 1.0, "วันที่", "วันที่ซื้อขาย")
_add("open", 1.0, "ราคาเปิด", "เปิด")
_add("high", 1.0, "ราคาสูงสุด", "สูงสุด")
_add("low", 1.0, "ราคาต่ำสุด", "ต่ำสุด")
_add("close", 1.0, "ราคาปิด", "ปิด")
_add("volume", 1.0, "ปริมาณ", "ปริมาณซื้อขาย", "ปริมาณการซื้อขาย")
_add("ticker", 1.0, "หลักทรัพย์", "ชื่อย่อหลักทรัพย์", "ชื่อย่อ")
# Investing.com's Thai download ("วันที่","ล่าสุด","เปิด","สูง","ต่ำ","ปริมาณ","% เปลี่ยนแปลง"): its high and
# low written short and its close "latest", as its other languages' ("Zuletzt", "Lần cuối"). Unread, the
# file was refused for want of a close. Thai words are no ticker anywhere, unlike Vietnamese "Cao" or "Mo".
_add("high", 1.0, "สูง")
_add("low", 1.0, "ต่ำ")
_add("close", 0.8, "ล่าสุด", "ราคาล่าสุด")
# İş Yatırım's daily history (its HisseTekil data, as the isyatirimhisse library and loaders save it):
# "HG_" fields are the day's prices as traded, "HGDG_" ones restated for later splits and dividends
# (loaders name HGDG_KAPANIS "adj_close", HG_KAPANIS "raw_close"); "AOF" is the day's weighted average
# price (no open), "HACIM" the money traded in lira (no volume), "END_" the XU100 index beside, "PD" the
# market value. Read as labels over fields ("HGDG" a ticker beside "KAPANIS"), the file was refused as
# several tickers' prices side by side.
_add("date", 1.0, "hgdg_tarih")
_add("ticker", 1.0, "hgdg_hs_kodu")
_add("close", 1.0, "hg_kapanis")
_add("high", 1.0, "hg_max")
_add("low", 1.0, "hg_min")
_add("adj_close", 1.0, "hgdg_kapanis")
# Its symbol ("TEVA") and its security number (629014: a numbered code, as under 종목코드, yielding to
# the symbol) key a security: with the names alone mapped, a file holding them took the Hebrew name for
# the ticker beside them.
_add("ticker", 1.0, "סימול", "מספר נייר", "מספר ני\"ע", "מספר נייר ערך")
_add("volume", 1.0, "מחזור ביחידות")
# TPEx (Taipei Exchange) heads its count in thousands "成交仟股" (multipliers.py reads the 仟, 1000).
_add("volume", 1.0, "成交仟股", "成交千股")
# German exports head the traded share count "Umsatz" (more exactly "Umsatz in Stück"); "Umsatz in
# Euro" and English "Turnover" are money traded, not shares, so they stay unmapped.
_add("volume", 0.9, "umsatz")
# The abbreviations of ISO 20022 (the Indian exchanges' UDiFF bhavcopies: "TckrSymb", "OpnPric",
# "ClsPric", "TtlTradgVol") and the Indian exchanges' older names ("SC_CODE", "TTL_TRD_QNTY").
_add("ticker", 1.0, "tckr symb", "scrip code", "sc code", "security code")
# The numbered codes of Tokyo and Taipei under their English names: JPX's "SecuritiesCode" (1301),
# FinMind's "stock_id" (2330). Unknown, the column stayed an integer extra and a file of many codes
# loaded nothing ("no column names their ticker"). Not "Stock No" nor "Stock Number": a row's
# number or a count of shares as often, and numbers named as the ticker outrank a "Company" or
# "Asset" column of names (_NUMBERED_TICKER): each row loaded as a ticker of its own ("1510").
_add("ticker", 1.0, "securities code", "stock id")
# An ISIN tells stocks apart where nothing else does (BSE's ISIN_CODE beside its numbered SC_CODE),
# but beside a column named as the symbol it yields: the UDiFF bhavcopy's ISIN, left of its
# TckrSymb, loaded RELIANCE as "INE002A01018".
_add("ticker", 0.95, "isin", "isin code")
# Switzerland's security number (SIX's Valorennummer), a whole number as WKN is a code: named in full it is one.
_add("ticker", 0.95, "valorennummer", "valoren nummer", "valorennr", "valoren nr", "valor nr", "valornummer")
# "Valor" alone is Spanish and Portuguese for a value (an index's level under "Fecha;Valor") as often: a
# ticker only where its whole numbers tell apart the rows of each date (_valor_codes).
_VALOR = frozenset({norm_name("valor")})
# "Instrument" may be the kind of contract (NSE's F&O bhavcopy: FUTIDX, OPTIDX left of its SYMBOL,
# which loaded every row under its kind): it yields to a symbol.
_add("ticker", 0.95, "instrument")
# FX fixings stacked by pair (WM/Reuters closing spot rates: "Date,Currency Pair,Bid,Offer,Mid"), as a
# crypto exchange's export names each market ("Pair": BTC/USD): the pair is the instrument. Unread,
# every row was rejected as an unnamed series (real files round 34).
_add("ticker", 1.0, "currency pair", "ccy pair", "pair", "fx pair", "currency pairs", "trading pair")
# Nepal's exchange (NEPSE) heads its "Today's Price" sheet "S.N.,Traded Companies,No. Of Transaction,Max
# Price,Min Price,Closing Price,Traded Shares,Amount,Previous Closing,...": the company's name is the only
# instrument it gives (the day is the file's name). Unread, a folder of them was refused ("no ticker
# column"). A numbered column so named counts companies (a market summary's "Traded Companies: 221"): text
# only, as every name-like ticker is. Weaker than a "Company" or "Name" column beside it (a group's label,
# "Group A", taken for the ticker had loaded every company's rows as one), above an "Index" (the companies'
# index). "Traded Shares" yields to a "Volume" beside it. "Max Price" and "Min Price" stay unread: a band
# or a limit reads so as often ("Max Price" 10.50 every day beside a fund's NAV), and loaded as the day's
# range it were silent; unread, the rows keep their close.
_TRADED_NAMES = 0.68
_add("ticker", _TRADED_NAMES, "traded companies", "traded company")
_add("volume", 0.9, "traded shares")
_add("open", 1.0, "opn pric")
_add("high", 1.0, "hgh pric")
_add("low", 1.0, "lw pric")
_add("close", 1.0, "cls pric")
_add("close", 0.8, "last pric")
_add("adj_close", 1.0, "adjustment close")  # J-Quants: beside "AdjustmentFactor", "AdjustmentOpen"
# AMFI's daily NAV history of every Indian mutual fund: a fund's price is its NAV ("nav" above).
_add("ticker", 1.0, "scheme code")
# A fund house's NAV history of several funds keyed by each fund's code, a number as often (China's
# "513050": "fund_id,trade_date,nav_unit"), as "基金代码" names it: unread, every row was rejected as an
# unnamed series (real files round 50).
_add("ticker", 1.0, "fund id", "fund code")
_add("close", 0.8, "net asset value")
# A fund factsheet's NAV history names it by the share or unit ("NAV Date,NAV per share,Daily
# return"): the fund's price all the same, and unnamed, the file had "no close column".
_add("close", 0.8, "nav per share", "nav per unit", "net asset value per share", "net asset value per unit",
     "nav/share", "nav/unit", "nav price")
# A pension or unit-linked fund's NAV as its house names it: "date,provider,fund,unit_value,net_assets"
# (VytisCode/pension-fund-tracker, Lithuania's pension funds) had "no close column" (real files round 49). A
# trade's or a stock's unit value beside its quantity and amount is a holding's, refused as "Price" is there.
_add("close", 0.8, "unit value")
# The NAV as fund houses of other languages name it: French "valeur liquidative", Spanish "valor
# liquidativo", Italian "valore (della) quota", German "Anteilwert" or "Inventarwert" (real files round 32:
# an Amundi-style NAV workbook had "no close column"). Not the fund's net assets ("Actif net").
_add("close", 0.8, "valeur liquidative", "valor liquidativo", "valore quota", "valore della quota",
     "anteilwert", "inventarwert", "nettoinventarwert")
# Latin America's: an Argentine fund's "valor cuotaparte" ("vcp", as CNV and the fund houses abbreviate it),
# a Chilean's "valor cuota", a Brazilian's "VL_QUOTA" (CVM's daily reports; "valor da cota" above). A
# fund's NAV history "fondo,fecha,vcp" had "no close column".
_add("close", 0.8, "valor cuotaparte", "valor de cuotaparte", "valor cuota parte", "cuotaparte", "vcp",
     "valor cuota", "valor de cuota", "valor de la cuota", "vl quota")
# Chinese "单位净值" (the unit NAV; "累计净值", with every distribution added back, is none), Japanese
# "基準価額" and Korean "기준가" (rc33: a fund's NAV history in each had "no close column").
_add("close", 0.8, "单位净值", "單位淨值", "基金净值", "基準価額", "基準価格", "기준가", "기준가격")
# The unit NAV in English word order, as Tushare's fund_nav ("ts_code,ann_date,nav_date,unit_nav,accum_nav,
# adj_nav") and akshare's exports write 单位净值: the fund's price, and unnamed, a fund's NAV history had "no
# close column" (real files round 60; only "adj_nav" was offered, as an adjusted close). "accum_nav" (累计净值,
# every distribution added back) stays none.
_add("close", 0.8, "unit nav")
# ... and plainly "净值" (NAV), as a fund list's "代码,名称,净值,涨跌,...,日期" heads it: "no close column". Only in
# a fund's table (_net_value): elsewhere it is a net book value or a net worth.
_add("close", 0.8, "净值", "淨值")
# An index's own history names its level so ("Date;Symbol;Indexvalue": STOXX's h_<index>.txt), a German
# fund's its redemption price ("Datum,Ausgabepreis,Rücknahmepreis": the NAV, the issue price above it by
# the load), and a currency's reference rate is its price ("Date,Country,Exchange rate"). Unnamed, each
# file had "no close column" (real CSV round 29).
_add("close", 0.8, "rucknahmepreis", "ruecknahmepreis")
# The others name the close only of a file of that one figure (_one_figure_close): weaker than any other
# name of a price, and no close beside another figure. Elsewhere an exchange rate converts a fund's price
# or a trade's amount ("Date,Currency,Exchange rate,Price", "Trade Date,Security,Quantity,Exchange rate,
# Settlement Amount"), a redemption price is a bond's par beside its clean and dirty prices, an index's
# level a fund's benchmark beside its NAV: each loaded as the close without a word.
_ONE_FIGURE = 0.55
# Korean's "exchange rate" and a bank's "base rate" (매매기준율, the mid it buys and sells around), Chinese
# "汇率", Japanese "為替レート", as "Exchange rate" is: a won's daily rate under "날짜,매매기준율" had "no close
# column" (real files round 49). A trade log's rate beside its unit price and amount stays unmapped.
_ONE_FIGURE_RATES = ("exchange rate", "reference rate", "환율", "매매기준율", "기준환율", "汇率", "為替レート")
_ONE_FIGURE_NAMES = frozenset(norm_name(n) for n in ("indexvalue", "index level", "redemption price",
                                                     *_ONE_FIGURE_RATES))
# An index's level with the day's high and low beside it is that index's bar, its close whatever other
# figures of the index stand beside: Nasdaq Data Link's NASDAQOMX database ("Trade Date,Index Value,High,
# Low,Total Market Value,Dividend Market Value") had "no close column". Not beside a price (_one_figure_close).
_INDEX_LEVELS = frozenset(norm_name(n) for n in ("indexvalue", "index level"))
_add("close", _ONE_FIGURE, *_ONE_FIGURE_NAMES)
# Beside a redemption price, the issue price it is quoted with (a fund's "Issue Price,Redemption Price").
_REDEMPTION = frozenset({norm_name("redemption price")})
_ISSUE_PRICES = frozenset(norm_name(n) for n in ("issue price", "ausgabepreis", "offer price"))
# The Ghana Stock Exchange's daily list counts the day's shares "Total Shares Traded", beside
# "Total Value Traded (GH¢)" (money, unmapped).
_add("volume", 1.0, "total shares traded", "number of shares traded", "no of shares traded",
     "total quantity traded")
_add("volume", 1.0, "ttl tradg vol", "ttl trd qnty", "tot trd qty", "total traded quantity",
     "no of shrs")
# Nasdaq Data Link's (Quandl's) NSE database counts the day's shares "Total Trade Quantity", beside
# "Turnover (Lacs)" (money, unmapped): its files (the ubiquitous NSE-TATAGLOBAL.csv) loaded no volume.
_add("volume", 1.0, "total trade quantity")
# Central and Eastern European, Balkan, Baltic, Greek and Turkish exchanges and brokers, as their
# own exports write them: their files loaded nothing ("no close column"). Money traded ("Promet",
# "Obrót", "Forgalom (HUF)", "Оборот", "Τζίρος", "Valoare", "Käive", "Apyvarta", "Apgrozījums")
# and changes ("Změna", "Zmiana", "Promjena", "Μεταβολή") name no column here, and stay unmapped.
# Warsaw's archive names each instrument by the short name it trades under ("PKOBP"): its
# identifier, ahead of an ISIN beside it, behind a column named as the symbol.
_SHORT_NAME = 0.97  # map_canonical: a name column that holds names, not short ones, is no ticker
_add("ticker", _SHORT_NAME, "nazwa")
# Prague (PSE: "Název;ISIN;Datum;Závěrečný kurz;Změna (%);Objem obchodů (ks);Objem obchodů (Kč)"),
# Bratislava (BSSE) and Czech and Slovak brokers' charts ("Otevírací;Nejvyšší;Nejnižší;Zavírací;Objem").
_add("ticker", 0.7, "název", "názov")
_add("open", 1.0, "otevírací", "otevírací kurz", "otevírací cena", "otevření", "otvárací", "otvárací kurz",
     "otváracia cena", "otvorenie")
_add("high", 1.0, "nejvyšší", "nejvyšší kurz", "nejvyšší cena", "najvyšší", "najvyšší kurz", "najvyššia cena")
_add("low", 1.0, "nejnižší", "nejnižší kurz", "nejnižší cena", "najnižší", "najnižší kurz", "najnižšia cena")
_add("close", 1.0, "zavírací", "zavírací kurz", "zavírací cena", "závěrečný kurz", "závěrečná cena", "uzavírací kurz",
     "záverečný kurz", "záverečná cena", "uzatvárací kurz", "zatvárací kurz",
     "závěrečná", "závěrečný", "záverečná", "záverečný", "uzavírací", "uzatvárací", "zatvárací")
_add("close", 0.8, "kurz", "cena", "poslední kurz", "poslední cena", "posledný kurz", "posledná cena")
_add("volume", 1.0, "objem (ks)", "objem obchodů (ks)", "objem obchodov (ks)", "počet kusů", "počet kusov")
# "Objem" alone is the count in brokers' charts, but yields to one in pieces ("Objem (ks)") where
# both stand; "Objem (Kč)" is money (_in_money).
_add("volume", 0.95, "objem", "objem obchodů", "objem obchodov")  # "Objem obchodů, tis. ks" (multipliers.py)
# Budapest (BSE: "Értékpapír neve;Dátum;Nyitóár;Napi legmagasabb ár;...;Utolsó ár;Forgalom (db)").
# Never "ár" alone: it is any price.
_add("ticker", 0.7, "értékpapír", "értékpapír neve")
_add("open", 1.0, "nyitóár", "nyitó ár", "nyitó árfolyam", "nyitás", "nyitó")
_add("high", 1.0, "napi legmagasabb ár", "legmagasabb ár", "legmagasabb", "legmagasabb árfolyam", "maximum ár")
_add("low", 1.0, "napi legalacsonyabb ár", "legalacsonyabb ár", "legalacsonyabb", "legalacsonyabb árfolyam",
     "minimum ár")
_add("close", 1.0, "záróár", "záró ár", "záró árfolyam", "zárás", "záró")
_add("close", 0.8, "utolsó ár", "utolsó", "utolsó árfolyam", "árfolyam")
_add("volume", 1.0, "forgalom (db)", "forgalom darab", "darabszám")
# Zagreb (ZSE: "Oznaka;Prva cijena;Najviša cijena;Najniža cijena;Zadnja cijena;Količina;Promet"),
# Ljubljana (LJSE: "Oznaka;Otvoritveni tečaj;Najvišji tečaj;Najnižji tečaj;Zaključni tečaj;Količina")
# and Belgrade (BELEX: "Simbol;Cena otvaranja;Najviša cena;Najniža cena;Poslednja cena;Količina"),
# in Latin letters and in Serbian Cyrillic.
_add("date", 1.0, "датум")
_add("ticker", 1.0, "oznaka", "simbol", "ознака", "симбол")
_add("ticker", 0.7, "izdavatelj", "izdavalac", "izdajatelj", "emitent", "емитент", "емітент")
_add("open", 1.0, "prva", "prva cijena", "prva cena", "cijena otvaranja", "cena otvaranja", "otvaranje",
     "prvi tečaj", "otvoritveni tečaj", "цена отварања", "отварање")
_add("high", 1.0, "najviša", "najviša cijena", "najviša cena", "najvišji", "najvišji tečaj", "највиша",
     "највиша цена")
_add("low", 1.0, "najniža", "najniža cijena", "najniža cena", "najnižji", "najnižji tečaj", "најнижа",
     "најнижа цена")
_add("close", 1.0, "zaključna cijena", "zaključna cena", "cijena zatvaranja", "cena zatvaranja", "zatvaranje",
     "zaključni tečaj", "цена затварања", "затварање")
_add("close", 0.8, "zadnja", "zadnja cijena", "zadnji tečaj", "poslednja", "poslednja cena", "cijena", "tečaj",
     "последња цена")
_add("volume", 1.0, "količina", "количина")
_add("volume", 0.95, "obim", "обим")
# Sofia (BSE: "Код;Емитент;Отваряне;Най-висока;Най-ниска;Затваряне;Обем;Оборот") and Kyiv (PFTS,
# UX, brokers: "Дата;Відкриття;Максимум;Мінімум;Закриття;Обсяг"); Russian names map above.
_add("ticker", 1.0, "борсов код", "тікер")
_add("open", 1.0, "отваряне", "цена на отваряне", "відкриття", "ціна відкриття", "відкр")
_add("high", 1.0, "най-висока", "най-висока цена", "максимальна ціна")
_add("low", 1.0, "най-ниска", "най-ниска цена", "мінімум", "мін", "мінімальна ціна")
_add("close", 1.0, "затваряне", "цена на затваряне", "закриття", "ціна закриття")
_add("close", 0.8, "последна цена", "ціна", "остання ціна")
_add("volume", 1.0, "обем", "об'єм", "кількість", "кількість цінних паперів")
_add("volume", 0.95, "обсяг")
# Bucharest (BVB: "Simbol;Data;Pret deschidere;Pret maxim;Pret minim;Pret inchidere;Volum;Valoare"),
# with or without its diacritics ("Preț închidere").
_add("open", 1.0, "preț deschidere", "preț de deschidere", "deschidere")
_add("high", 1.0, "preț maxim", "maxim")
_add("low", 1.0, "preț minim", "minim")
_add("close", 1.0, "preț închidere", "preț de închidere", "închidere")
_add("close", 0.8, "preț", "ultimul preț", "preț ultim")
_add("volume", 1.0, "volum")
# Nasdaq Tallinn, Riga and Vilnius in their own languages ("Kuupäev;Avamishind;Kõrgeim hind;...",
# "Datums;Atvēršanas cena;...", "Data;Atidarymo kaina;...").
_add("date", 1.0, "kuupäev", "datums")
_add("open", 1.0, "avamishind", "atvēršanas cena", "atidarymo kaina")
_add("high", 1.0, "kõrgeim hind", "augstākā cena", "aukščiausia kaina")
_add("low", 1.0, "madalaim hind", "zemākā cena", "žemiausia kaina")
_add("close", 1.0, "sulgemishind", "slēgšanas cena", "uždarymo kaina")
_add("close", 0.8, "viimane hind", "pēdējā cena", "paskutinė kaina")
_add("volume", 1.0, "kogus", "apjoms", "daudzums", "kiekis")
# Athens (ATHEX and Investing.com in Greek: "Ημερομηνία;Σύμβολο;Άνοιγμα;Υψηλό;Χαμηλό;Κλείσιμο;Όγκος").
_add("date", 1.0, "ημερομηνία")
_add("ticker", 1.0, "σύμβολο")
_add("open", 1.0, "άνοιγμα", "τιμή ανοίγματος")
_add("high", 1.0, "υψηλό", "μέγιστη", "μέγιστη τιμή")
_add("low", 1.0, "χαμηλό", "ελάχιστη", "ελάχιστη τιμή")
_add("close", 1.0, "κλείσιμο", "τιμή κλεισίματος")
_add("close", 0.8, "τιμή", "τελευταία", "τελευταία τιμή")
_add("volume", 1.0, "όγκος", "όγκ")
# Borsa Istanbul's data store in Turkish ("İŞLEM TARİHİ;İŞLEM KODU;AÇILIŞ FİYATI;...;TOPLAM İŞLEM
# MİKTARI;TOPLAM İŞLEM HACMİ", the last in lira) and İş Yatırım's ("Kapanış (TL)", "Hacim (TL)":
# money, _in_money).
_add("date", 1.0, "işlem tarihi")
_add("ticker", 1.0, "işlem kodu", "hisse kodu")
_add("open", 1.0, "açılış fiyatı")
_add("high", 1.0, "en yüksek fiyat")
_add("low", 1.0, "en düşük fiyat")
_add("close", 1.0, "kapanış fiyatı")
_add("close", 0.8, "fiyat", "son fiyat")
_add("volume", 1.0, "işlem miktarı", "toplam işlem miktarı", "miktar")
# TEFAS's fund price export ("Fon Kodu,Fon Adı,Tarih,Fiyat,Tedavüldeki Pay Sayısı,..."): every fund's price
# under its code, unread, was rejected as an unnamed series (real files round 51).
_add("ticker", 1.0, "fon kodu")
_add("ticker", 0.7, "fon adı")
# Latin American exchanges and brokers ("Precio Cierre", "Precio Mayor"/"Precio Menor" (BVC),
# "Unidades" (Santiago), "Cantidad Negociada" (BVL)), South Asian day-end files ("LTP*", "CLOSEP*",
# "OPENP*": Dhaka, where the last trade stands BEFORE the official close), Nairobi's "Day Price",
# Shenzhen's "今收" (today's close, beside "前收", the previous one), Japan's "株価" (kabu+: the
# price at 15:00) and Egypt's Arabic names with their article: all loaded nothing ("no close
# column"), or Dhaka's "VALUE (mn)" (taka traded, in millions) as the close.
# Their tickers: "Emisora" (BMV), "Nemo"/"Nemotécnico" (Santiago, Bogotá), "especie" (Buenos
# Aires), "TRADING CODE" (Dhaka): read as extras, every row loaded under the file's name.
_add("ticker", 1.0, "emisora", "nemo", "nemotecnico", "especie", "trading code")
_add("ticker", 1.0, "sc")  # kabu+'s securities code (7203), ahead of 名称, the company's name
_add("open", 1.0, "precio apertura", "precio de apertura", "openp")
_add("high", 1.0, "precio maximo", "precio mayor")
_add("low", 1.0, "precio minimo", "precio menor")
_add("close", 1.0, "precio cierre", "closep", "今收")
_add("close", 0.8, "ltp", "last traded price", "day price", "株価")
_add("volume", 1.0, "unidades", "cantidad negociada", "cantidad operada", "volumen nominal")
_add("open", 1.0, "الافتتاح", "سعر الافتتاح")
_add("high", 1.0, "أعلى سعر")
_add("low", 1.0, "أدنى سعر")
_add("close", 1.0, "سعر الإغلاق", "الاغلاق")
_add("volume", 1.0, "الكمية", "الكمية المتداولة")
_NUMERIC = {"integer", "float"}
_VOLUME_HINTS = ("volume", "vol")
_TOKEN_HINTS = (  # substrings, weaker than whole-name synonyms
    ("adj_close", ("adj",)),
    ("volume", _VOLUME_HINTS),
    ("date", ("date",)),
    ("ticker", ("ticker", "symbol")),
    ("sector", ("sector", "industry")),
    ("open", ("open",)),
    ("high", ("high",)),
    ("low", ("low",)),
    ("close", ("close", "closing")),
)


# Names that contain a price word but are not that price ("Prev Close", "Change High") get no hint.
# Nor a flag ("adjustflag": baostock's code of the adjustment, 1-3, loaded as the adjusted close).
# Nor a futures' open interest cut short ("Open Int", "OpenInt"): beside a settlement and no open, its
# contracts had loaded as each day's open (real files round 32 probes).
_NOT_HINTED = re.compile(r"prev|prior|yesterday|change|chg|diff|pct|percent|delta|interest|factor|flag"
                         r"|open ?int(?![a-z])"
                         # Nor a market's breadth ("New Highs", "New Lows": how many stocks made one) beside
                         # its index's close, nor a move between two prices ("Open to Close"): each had
                         # loaded as the day's high, low or open (real files round 32 probes).
                         r"|new(?:highs?|lows?)(?![a-z])|(?:open|close|high|low)to(?:open|close|high|low)")
# Nor an account's figure at the day's open or close: its balance, its profit and loss ("Close P&L",
# "Closing Balance", "Open PnL": a desk's or an account's money, loaded as the day's open and close).
# Not a rebalancing ("Rebalanced Index Close": an index's levels), a word of its own (_account_figure). The
# balance abbreviated ("Opening Bal, Closing Bal") as a word of its own.
_ACCOUNT_FIGURE = re.compile(r"balance|pnl|profit|gainloss")
_PNL = re.compile(r"\bp\s*[&/]\s*l\b|\bbal\b", re.IGNORECASE)
# Nor an index's or a holding's figures at the close: a constituent's weight, its shares or its market
# cap ("Open Weight,Close Weight": an index file's weights, loaded as each constituent's open and close;
# "Close Shares" its shares in the index as its close). Not "Weighted Close", a price. Nor what a shop or
# a till holds at its opening or closing: its stock or its cash ("Opening Stock,Closing Stock": an
# inventory's counts, loaded as a day's open and close). Not "Stock Close", a stock's, nor LME's "Cash
# Close", its spot price: the word after the close's names the figure, the word before it the instrument.
# Nor where a price follows the figure's word: "Opening Stock Price,Closing Stock Price" are a stock's.
# Nor a till's float, the cash it opens and closes with ("Opening Float,Closing Float"), nor a fund holding's
# units ("Opening Units,Closing Units", "Closing Fund Units": loaded as the day's open and close). Nor the
# held thing's word first and the gerund after it, a book's own order ("Stock Opening,Stock Closing", "Cash
# Opening,Cash Closing": an inventory's and a cash book's counts, loaded as a day's open and close);
# the gerund only, and the name's first word: "Stock Close" is a stock's, "Apple Stock Closing" Apple's.
# A till's float and its till ("Float Open,Float Close", "Opening Till,Closing Till": a shop's cash counts,
# loaded as a day's open and close) name no instrument in either order, nor with the price's word short.
_HOLDING_FIGURE = re.compile(r"weight(?!ed)|(?<!i)shares|marketcap|mktcap"  # not "iShares"
                             r"|capitali[sz](?:ation|acao|acion|zazione)?"  # not "Capital Inc"
                             r"|(?:opening|closing)(?:fund)?(?:stocks?|inventor(?:y|ies)|cash|float|till|units)(?!price)"
                             r"|^(?:stocks?|inventor(?:y|ies)|cash|float|till)(?:opening|closing)(?!price)"
                             r"|^(?:float|till)(?:open|close)(?!price)|^(?:open|close)(?:float|till)$")
# Nor a figure taken of the price or at its hour that is no price: a return, a ratio, a score or a
# rank, a signal, a volatility, a forecast, a count, a temperature, a bet's odds ("Close Return", "Closing
# Temperature": each alone in its file had loaded as the close). Words of the name as written (camel
# case split), so "Temperature" is none of "temp" in "Tempo". Not a moving average's ("sma_close"):
# flat_header names those over the close, and refuses a file of them side by side for it.
# Nor a rate, a volatility or a sensitivity taken at the close ("Close IV", "Closing YTM", "Close Vega",
# "Close OAS", "Close Basis"): each alone beside its file's date had loaded as the close, its ticker "IV".
# Only after the price's word: before it, an instrument's name ("Gamma Close").
_FIGURE_AFTER = frozenset({"ytm", "ytw", "iv", "hv", "vola", "implied", "beta", "gamma", "vega", "theta", "rho",
                           "greeks", "convexity", "oas", "bps", "basis", "dv", "eps", "pe",
                           # a desk's mark to market ("Open MTM,Close MTM": its book's worth, loaded as bars)
                           "mtm"})
_NOT_A_PRICE = frozenset({"return", "returns", "ratio", "score", "zscore", "rank", "signal", "trend", "momentum",
                          "volatility", "std", "stdev", "lag", "lagged", "forecast", "predicted", "prediction",
                          "temperature", "temp", "count", "duration", "odds", "moneyline",
                          # A bound on the day's prices, not one traded: an exchange's daily price limits
                          # ("High Limit", "Lower Limit Price"), a Bollinger band, a fund's high watermark
                          # (real files round 32 probes), each loaded as the day's high and low.
                          "limit", "limits", "band", "bands", "bound", "bounds", "watermark",
                          # Nor the lines of a band, a channel or an envelope named by their indicator
                          # ("Keltner High", "Donchian Low", "Channel High": loaded as the day's high and low).
                          "bollinger", "keltner", "donchian", "channel", "channels", "envelope", "envelopes",
                          "pivot", "pivots",
                          # Nor a difference or comparison between prices, nor a holding ("Opening Gap", "High
                          # Low Spread", "High Low Range", "Close vs Open", "Open Position"): each took the
                          # open or high by its hint beside a close (real files round 32 probes).
                          "gap", "gaps", "spread", "spreads", "range", "ranges", "vs", "versus", "position",
                          "positions",
                          "orders",  # a count of orders ("Open Orders" beside a close): taken for the open
                          # Nor a yield or a volatility ("Close Yield", "Closing Yield", "Close Vol"): each
                          # alone beside its file's date had loaded as the close (or the volume).
                          "yield", "yields", "vol"}) | _FIGURE_AFTER
# A volatility holds the volume's hint "vol": "Date,Close,Volatility" (or "Implied Volatility (30D)",
# "Historical Vol") had loaded the volatility, 0.21, as the day's volume. Letters run together.
_VOLATILITY = re.compile(r"volatil|(?:implied|historical|hist|realized|realised)vol(?!ume)")
# "vol" as a word of its own beside a price's word ("Close Vol", "Open Vola"): the volatility taken at that
# hour as often as an auction's volume, neither the day's volume nor a price; it had loaded as the volume.
_PRICED_VOL = re.compile(r"\b(?:vol|vola)\b", re.IGNORECASE)
_PRICE_WORDS = frozenset({"open", "opening", "high", "low", "close", "closing"})
# Nor a figure of the volume or a part of it, named by a word beside the volume's ("Relative Volume", "RVOL",
# "Volume Ratio", "Volume Rank", "Dollar Volume", "Short Volume", "Call Volume", "Taker buy volume"), nor its
# moving average ("Volume SMA 20", moving_average.averaged): alone beside the close, each had loaded as the
# day's volume. Words of the name as written (camel case split).
_VOLUME_FIGURES = frozenset({"ratio", "rel", "relative", "rvol", "rank", "score", "zscore", "oscillator", "osc",
                             "surge", "spike", "unusual", "dollar", "dollars", "notional", "buy", "sell", "buying",
                             "selling", "up", "down", "short", "call", "calls", "put", "puts", "option", "options",
                             "block", "dark", "profile", "delta", "signal", "trend", "momentum"})


# Both sides summed ("Buy+Sell Volume", "Buy & Sell Volume") are the whole volume, no part of it: since c8d8452
# each had lost the volume. Not "Buy-Sell" nor "Buy/Sell" (a net flow, a ratio).
_BOTH_SIDES = re.compile(r"\bbuy(?:ing)?\s*(?:\+|&|\band\b)\s*sell(?:ing)?\b", re.IGNORECASE)


def _volume_figure(cell: str) -> bool:
    """Whether a name holding the volume's hint names a figure of the volume or a part of it (_VOLUME_FIGURES)."""
    words = {w.lower() for w in _split_words(_BOTH_SIDES.sub(" ", cell))}
    return bool(words & _VOLUME_FIGURES) or averaged(cell)


def _account_figure(cell: str) -> bool:
    """Whether a name holds an account's figure (_ACCOUNT_FIGURE), its words run together, but for a word
    of a rebalancing: "Rebalanced Index Close" is an index's, while "Closing Share Balance" (letters run
    together, "...sharebalance") is an account's, and had loaded as the day's close."""
    words = _split_words(cell)
    return bool(_ACCOUNT_FIGURE.search("".join(w.lower() for w in words if not w.lower().startswith("rebalanc"))))


def _holding_figure(cell: str, latin: str) -> bool:
    """Whether a name (`latin`: its letters run together) holds a weight, shares or a market cap ("Close
    Weight", "Shares Outstanding", "Weight at Close", "Market Cap (Close)"), but for an index's or a fund's
    name: the figure's word before "Index", "Weighted" or "Fund", or an equal weight ("Equal Weight Index
    Close", "Market Cap Weighted Close", "S&P 500 Equal Weight Close": an index's levels). Within a word as
    written, after letters of its own ("ProShares", "GraniteShares", "closeshares"), the figure's word is a
    brand's unless no price's word follows it: "ProShares UltraPro QQQ Close" is the ETF's close."""
    starts = _word_starts(cell)
    return any((found.start() in starts or not any(s in latin[found.end():] for s in _PRICE_SUBS))
               and not latin[found.end():].startswith(_NAMES_AN_INSTRUMENT)
               and not latin[:found.start()].endswith("equal")
               for found in _HOLDING_FIGURE.finditer(latin))


_PRICE_SUBS = tuple(s for canonical, subs in _TOKEN_HINTS if canonical in PRICE_COLUMNS for s in subs)


def _word_starts(cell: str) -> set[int]:
    """Where each word as written (between blanks and marks) begins in the name's letters run together."""
    starts, at = set(), 0
    for piece in re.split(r"[\W_]+", cell):
        starts.add(at)
        at += len(_latin(norm_name(piece)))
    return starts


# Words after a weight, shares or a market cap that make them an index's or a fund's name.
_NAMES_AN_INSTRUMENT = ("index", "weighted", "fund", "etf", "portfolio")


# An index's variant is named by its return ("Total Return Close", "Price Return Close", "Net Return"):
# a level, a price, not a return; so is a return index ("Close Return Index", Datastream's RI).
_INDEX_VARIANTS = frozenset({"total", "price", "net", "gross"})


# Of those words, the ones an instrument's name may hold ("Trend Fund Close", "Momentum Fund Price", "Low
# Volatility Index Close"): no price's figure where they name an index or a fund before the price's word
# (_INSTRUMENT_WORDS between), only after it ("Close Return", "Closing Volatility") or naming none ("Daily
# Return Close", "Signal Close", "Volatility at Close": a figure's own name, had loaded as closes).
_NAMING_TOO = frozenset({"return", "returns", "trend", "momentum", "volatility", "signal", "yield", "yields",
                         "vol"})
_INSTRUMENT_WORDS = frozenset({"index", "fund", "etf", "portfolio", "strategy", "trust"})
# And those an instrument's name holds just before the price's word: "GAP Open" (Gap Inc.), "Crack Spread
# Close", "Trading Range High"; after it ("Opening Gap", "High Low Spread"), no price. Nor with a word between
# ("Spread at Close", "Gap at Open": the figure taken at that hour), nor a quote's spread ("Bid Ask Spread
# Close", _QUOTE_SIDE_NOTE before it): each alone beside its file's date had loaded as the close or the open.
# Nor the word alone before the price's ("Gap Open", "Spread Close": the gap at the open, the spread at the
# close, differences that had loaded as the open and the close): an instrument's name holds more ("Crack
# Spread") or is written as its ticker is, in capitals in a name that is not ("GAP Open").
_NAMING_BEFORE = frozenset({"gap", "spread", "range"})


# The ratio by which a series was adjusted, before the adjustment's word or in brackets after it.
_RATIO_ADJUSTED = re.compile(r"ratio[\s_-]*adj|adj.*\(\s*ratio\s*\)", re.IGNORECASE)


def _names_an_instrument(written: Sequence[str], i: int) -> bool:
    """Whether the word at `i` of a name's words (as written) is part of an instrument's name: a word
    before it that is no quote's side, or the word in capitals where the name is not all in them. A range
    alone too: "Range High", "Range Low" split a day's range over two columns, its high and low."""
    if i > 0:
        return not {w.lower() for w in written[:i]} & _QUOTE_SIDE_NOTE
    return written[i].lower() == "range" or (written[i].isupper() and not all(w.isupper() for w in written))


# An index's, a fund's or a trust's name ends at its word: what follows names the figure ("Low Volatility
# Index Close", "High Yield Bond Fund Close", "Low Vol ETF Close"), and a price's word before it is the
# name's. Read whole, the first took the low or no hint at all, the last the volume.
_INSTRUMENT_END = re.compile(r"\b(?:index|fund|etf|portfolio|strategy|trust)\b", re.IGNORECASE)


def _after_the_instrument(cell: str, latin: str) -> tuple[str, str]:
    """A name's words after an instrument's (_INSTRUMENT_END) and their letters run together, where words
    holding a hint (_TOKEN_HINTS) follow it; else the name as it was. A generic word after it leaves the
    price's word before it the name's own: NSE's "Open Index Value", "Closing Index Value" are the index's
    open and close, and had been read as "Value" alone, no price (the day's list refused)."""
    ends = list(_INSTRUMENT_END.finditer(cell))
    if not ends or not _LETTERS.search(tail := cell[ends[-1].end():]):
        return cell, latin
    tail_latin = _latin(norm_name(tail))
    if not any(s in tail_latin for _, subs in _TOKEN_HINTS for s in subs):
        return cell, latin
    return tail, tail_latin


def _not_a_price(cell: str, subs: Sequence[str] = ()) -> bool:
    """Whether a name's words say its figure is no price (_NOT_A_PRICE), but for an index's variant;
    words an instrument's name may hold count only after the word holding the price's hint (`subs`)."""
    # A volatility in any language that writes it so ("Volatilité", "Volatilidad", "Volatilität"): ee53bfc withheld
    # the volume's hint from it, and "Close Volatilidad" took the close's, each day's volatility loaded as its close.
    written = _split_words(cell)
    words = ["volatility" if w.startswith("volatil") else w for w in (w.lower() for w in written)]
    first = next((i for i, w in enumerate(words) if any(s in w for s in subs)), -1)
    # A ratio beside an adjustment names how a continuous future's series was adjusted ("Ratio Adjusted
    # Close", "Back-Adjusted Close (Ratio)"): a price, that had lost its adjusted close to the close. Only
    # the ratio qualifying the adjustment: "Adjustment Ratio", "Adj Close Ratio" are a factor, no price.
    adjusted = bool(_RATIO_ADJUSTED.search(cell))
    return any(w in _NOT_A_PRICE and not (w.startswith("return") and (i and words[i - 1] in _INDEX_VARIANTS
                                                                      or words[i + 1:i + 2] == ["index"]))
               and not (w == "ratio" and adjusted)
               and not (w in _FIGURE_AFTER and i < first)
               and (w not in _NAMING_TOO or i > first or not set(words[i + 1:first]) & _INSTRUMENT_WORDS)
               and not (w in _NAMING_BEFORE and i == first - 1 and _names_an_instrument(written, i))
               for i, w in enumerate(words))


# A measurement's unit alone in brackets, of length, a reservoir's volume or a flow: a reservoir's "Cota (m)"
# (its water's level; "cota" is also a Brazilian fund's unit price, the close) and "Volumen (hm3)" had loaded
# as the close and the volume, a tide's "Verified (ft)" is none either. No price's nor volume's unit; a price
# per unit is one ("Price (€/m2)", "Close (USD/m3)"). As SI writes them, in lower case: "Close (M)" is a class's.
_MEASURE_UNIT = re.compile(r"\s*(?:m|cm|mm|km|ft|msnm|m\.s\.n\.m\.|hm[3³]|m[3³]/s|[lL]/s)\s*")


def _measure_unit(cell: str) -> str | None:
    """The unit of measurement (_MEASURE_UNIT) the brackets in a name hold, if any."""
    units = (inside.strip() for inside in BRACKETED.findall(cell))
    return next((unit for unit in units if _MEASURE_UNIT.fullmatch(unit)), None)


# "Cota" with no unit is the level still where the table says it is a reservoir's or a river's: a word of
# water, or a Spanish header (Spanish names a fund's unit price "cuota", its "cota" is a height): "Fecha;
# Embalse;Cota" had loaded each day's level as its close. Portuguese alone, "Data;Cota" is a fund's.
_QUOTA = frozenset({norm_name("cota")})
_WATER_WORDS = frozenset({"embalse", "embalses", "presa", "represa", "reservatorio", "reservorio", "barragem",
                          "usina", "vazao", "caudal", "afluente", "afluencia", "defluente", "defluencia", "aforo",
                          "nivel", "util", "precipitacao", "precipitacion", "chuva", "lluvia", "cuenca", "bacia",
                          "fecha"})


def _water_level(header_cells: Sequence[Sequence[str]], named: list[dict[str, float]]) -> None:
    """Drop, in place, the close's name from a "Cota" of a table of water (_WATER_WORDS)."""
    quotas = [j for j, cells in enumerate(header_cells) if j < len(named) and cells and norm_name(cells[-1]) in _QUOTA]
    if quotas and {w for cells in header_cells for c in cells for w in name_words(c)} & _WATER_WORDS:
        for j in quotas:
            named[j].pop("close", None)


def _net_value(header_cells: Sequence[Sequence[str]], named: list[dict[str, float]]) -> None:
    """Drop, in place, the close's name from a bare "净值" in a header with no other word of a fund's table
    (net_value.py): an asset register's net book values, a balance sheet's net worth, had loaded as closes
    since 1956c00, and a closed-end fund's NAV beside its price ("价格") as its close, without a word."""
    nets = [j for j, cells in enumerate(header_cells)  # a name read as a close first: one dict look a column
            if j < len(named) and cells and "close" in named[j]
            and norm_name(BRACKETED.sub("", cells[-1])) in BARE_NET_VALUE]
    if nets and not among_fund_figures(norm_name(c) for j, cells in enumerate(header_cells) if j not in nets
                                       for c in cells):
        for j in nets:
            named[j].pop("close", None)


def _not_measured(canonical: str, unit: str) -> bool:
    """Whether a column a measurement's `unit` names is none of `canonical`: no price is measured, nor a
    volume but in millions ("Volume (m)", "Volume (mm)": a US desk's millions, as multipliers.py reads them)."""
    return canonical in PRICE_COLUMNS or canonical == "volume" and unit not in ("m", "mm")


def _a_difference(cells: Sequence[str], j: int, body: Sequence[Sequence[str]],
                  number_format: tuple[str, str | None] | None) -> bool:
    """Whether a column named by a spread, a gap or a range (_NAMING_BEFORE: "Crack Spread Close",
    "Calendar Spread Close") holds a value of zero or below: a difference between two prices, never a
    price; its days above zero had loaded as closes, those at or below rejected one by one."""
    if not {w.lower() for c in cells for w in _split_words(c)} & _NAMING_BEFORE:
        return False
    values = (float_under(r[j], number_format) for r in body if j < len(r))
    return any(v is not None and v <= 0 for v in values)


def _graded(j: int, body: Sequence[Sequence[str]], number_format: tuple[str, str | None] | None) -> bool:
    """Whether a column's numbers are grades or hours, not a rate (_COURSES): each on a quarter
    (_GRADE_STEPS: 9.50, 8.75, 1.5), or jumping tens of percent from row to row (moves.JUMPY) as a
    student's grades do and a day's rate does not. A 0 is a holiday's mark in a rate's column, and is
    passed over: counted, a BNR series with one had lost its close (09900c0)."""
    values = [v for r in body if j < len(r) and (v := float_under(r[j], number_format)) is not None
              and v != 0]
    if any(v < 0 for v in values):
        return True
    on_quarters = bool(values) and all(float(v * _GRADE_STEPS).is_integer() for v in values)
    return on_quarters or (median_step([values]) or 0) > JUMPY


# An adjusted price other than the close ("AdjustmentOpen", "Adj Volume" beside "AdjustmentClose"):
# the leftmost of them took the adjusted close. Searched in letters run together, so only in names
# without "close": "Adj Close (following splits)" holds "low", "(Volume-weighted)" "vol".
_ADJUSTED_OTHER = re.compile(r"open|high|low|vol")
# "adj" in a name that says it is not adjusted ("Unadjusted Closing Price", "Non-Adjusted Close"): no
# adjusted close. Beside "Closing Price" it took adj_close, the raw closes loaded as the adjusted ones.
_NOT_ADJUSTED = re.compile(r"unadj|nonadj|notadj")
# A volume averaged over days ("1Y Avg Volume", "Average Volume", "Volume (30D Avg)"): no day's
# volume, and it loaded as one without a word.
_AVERAGED = re.compile(r"avg|average|mean|median")
# A quote's side in brackets after a price ("Closing Price (Bid)"): which of the instrument's quotes,
# no unit; dropped, the bid tied with "Closing Price" beside it and, leftmost, took the close.
_QUOTE_SIDE_NOTE = frozenset({"bid", "ask", "offer", "buy", "sell"})
# Words that hold "low" and are no low ("Slow Close", "slow_ma": a slow moving average; "Money Flow",
# "Cash Flow", "Below Band"): beside a close with no low named, the slow average loaded as the low. Nor a
# lower bound, whatever it is named ("Lower BB", "Lower Channel", "Lower Envelope", NSE's "Lower Circuit"):
# the lower of two lines drawn about the price, as "Upper ..." is the higher and takes no high.
_NO_LOW = re.compile(r"slow|flow|below|allow|follow|yellow|glow|blow|lower")
# A high or low over a longer span than the day ("52 Week High", "52W Low", "Year High", "YTD Low",
# "All-time High"): an exchange's daily list (the Ghana Stock Exchange's "Year High (GH¢)") gives it
# beside the day's close, and as the day's high and low it loaded without a word (within its range,
# the close passed every bar check). Searched in letters run together, for the high and the low alone.
# Not a futures contract's month ("Front Month High", "2nd Month Low": that contract's day's).
_SPAN_HIGH_LOW = re.compile(r"\d+w|week|year|annual|ytd|alltime|lifetime"
                            r"|quarter|qtd|\d+mo|\d+mths?|(?:[2-9]|\d\d+)d(?:ays?)?(?!\d)"
                            r"|(?<!front)(?<!near)(?<!nearby)(?<!spot)(?<!prompt)(?<!first)(?<!1st)(?<!second)(?<!2nd)"
                            r"(?<!third)(?<!3rd)(?<!next)(?<!back)month")
# So is a quarter's, a number of months written "3Mo" or "3 mths", or of days ("90 Day High", "90D Low": a
# day's own is "1D"): as the day's high, each loaded without a word.
# A number of years or months ("1Y High", "12M Low"), as "52W High" is: loaded as the day's high and
# low without a word. Not 3M's (the company's ticker: its "3M High" is its day's) nor minutes' ("5min
# High": an intraday bar's own); nor an instrument's, whose other prices it names too ("10Y High,10Y
# Close": a ten-year yield's bar, _counted_labels). Months only in the counts a span is taken over
# (1, 6, 9, 12, 18, 24, 36): "5m", "15m", "30m" are a bar's minutes (Binance's, TradingView's
# intervals), and read as months a 5-minute bar's high and low were left unread, the high loaded as
# the greater of the open and close without a word; "5mn" is minutes in French.
_SPAN_COUNTED = re.compile(r"(?<!\d)(?:\d+y|(?:1|6|9|12|18|24|36)m(?!in|n))")
# The same span as a header cell of its own over "High" and "Low" ("52 Week Range" over them): the
# whole cell, so that a ticker over them ("W", "3M", "5238WA") is none.
_SPAN_ALONE = re.compile(r"(?:\d+(?:w|wk|wks|weeks?|months?|mths?|years?|yrs?)|weeks?|weekly|months?|monthly|years?"
                         r"|yearly|annual|ytd|alltime|lifetime)(?:range)?")
# The same qualifiers in the other languages named above, which _NOT_HINTED (English, in Latin
# letters) misses: in brackets they are no unit ("Kurz (předchozí)", "Ціна (попередня)": the
# previous price, taken for the close ahead of the price beside it), nor a count of trades for the
# volume ("Кількість (угод)", "Quantity (trades)"). Searched in norm_name'ed names, all scripts.
_QUALIFIED = re.compile(
    r"poprzedn|odniesien|predchoz|predchadz|prethodn|prejsn|elozo|anterior|referen|onceki|eelmine|ieprieks"
    r"|ankstesn|vortag|vorherig|precedent|vorige|forrige|foregaend|предишн|предходн|претходн|попередн|предыдущ"
    r"|προηγ|zmian|zmen|promjen|promen|spremem|valtoz|variat|degis|muutus|izmain|pokyt|промян|промен|змін"
    r"|изменен|μεταβολ|trades|transak|tranzac|kotes|sandori|tehing|darijum|угод|сделк|сделок|πραξ|islemsay")


def no_values_seen(t: ColumnType) -> bool:
    """The type of a column whose sample held no value (all empty)."""
    return t.type == "string" and t.confidence == 0.0


def trade_dates(t: ColumnType) -> bool:
    """A column of dates that can be trade dates: months alone ("2021-03") are a monthly series,
    whose bars read as daily ones on the 1st would be wrong prices, and rejected on weekends."""
    return t.type in ("date", "timestamp") and not months_only(t.format)


def fits_type(canonical: str, t: ColumnType) -> bool:
    """Whether a column of type `t`, as it is, can feed `canonical`."""
    if no_values_seen(t):
        return True  # a header-only file: the name alone decides
    if canonical == "date":
        return trade_dates(t)
    if canonical in PRICE_COLUMNS:
        return t.type in _NUMERIC and t.format in (None, "currency", ACCOUNTING, TRAILING_MINUS)  # parse.py reads each
    if canonical == "volume":
        # An accounting volume ("(1,200)") parses as negative and is rejected, not silently unmapped.
        return t.type in _NUMERIC and t.format in (None, "abbreviated", ACCOUNTING, TRAILING_MINUS, "comma_grouped",
                                                         "dot_grouped")
    return t.type == "string"  # ticker, sector


# In a header block of several rows, a row weighs this much less than the row below it: the row
# nearest the data names the column ("Open" under "AAPL" in a two-level export); the top one may
# be a title that happens to be as wide as the table ("Prices, volumes, AAPL" above "Date,Close,
# Volume" claimed the Close column for volume).
_UPPER_ROW_WEIGHT = 0.95
_STRONG_NAME = 0.8  # a whole-name synonym; token hints ("closing px") score 0.6


# The close's most generic names ("Rate", "Value"), as strong as a price's but yielding to it where both stand:
# "Date,Rate,Price" (a bond's coupon or an exchange rate beside the price) loaded the rate as the close, the
# leftmost of two equals (silent). Not weaker than the others: alone, each is the close, and between the two
# the leftmost still wins ("Date,Currency,Rate,Value": the rate; a weaker "Rate" had loaded the value).
# Portuguese "Taxa", Spanish "Tasa", French "Taux", Italian "Tasso" are "Rate" so: a real's daily dollar rate under
# "data,moeda_base,moeda_alvo,taxa" had "no close column" where "date,base,target,rate" loaded (real files round 50).
_RATES = ("taxa", "tasa", "taux", "tasso")
_add("close", 0.8, *_RATES)
# A central bank's or a bank's daily rate as the middle of its buying and selling ones ("Mid Rate", "Middle
# Rate"), the rate its fixing publishes: Zimbabwe's ZWG rate under "Date,Mid_Rate,Inflation,Interest Rates"
# had "no close column" (real files round 54). Generic as "Rate" is, yielding to a price's name beside it.
_MID_RATES = ("mid rate", "middle rate")
_add("close", 0.8, *_MID_RATES)
_GENERIC_CLOSE = frozenset({"rate", "value", *_RATES, *(norm_name(n) for n in _MID_RATES)})
# "Rate" with the currency it is in, a quote currency's code the name's one other word ("rate_idr", "USD Rate"):
# a day's exchange rate, the close as the dated file's one figure (_one_figure_close): beside another figure,
# one rate of several ("USD Rate,EUR Rate") or a trade's rate, it is none. Unread, a daily rupiah rate
# ("date,rate_idr,fetched_at") had "no close column" (real files round 49). Not "Value" so: a day's sales
# "value_usd", a trade's. A price or a NAV with its currency the same ("price_usd", "nav_zac", "NAV EUR"): a
# metal's daily price under "timestamp,date,price_usd,source,url" and a South African ETF's NAV in cents under
# "fund_code,nav_zac,nav_date,source_url" had "no close column" as well (real files round 51).
_RATE = "rate"
_IN_A_CURRENCY = frozenset({_RATE, "price", "nav"})


def _rate_in_a_currency(cell: str) -> bool:
    """Whether `cell` names a rate, a price or a NAV and a quote currency's code, and nothing else ("rate_idr",
    "Rate (USD)"), or nothing else but that currency in brackets after them (series_units.in_its_currency:
    "nav_zac (ZAR)", refused for "no close column" before; not "rate_idr (USD)" nor "nav_usd (%)")."""
    return in_its_currency(cell, _currency_of_a_rate) is not None


def _currency_of_a_rate(cell: str) -> str | None:
    """The quote currency's code a name of a rate, a price or a NAV holds as its one other word, if any."""
    words = _split_words(cell)
    figure = [w for w in words if norm_name(w) in _IN_A_CURRENCY]
    if len(words) != 2 or len(figure) != 1:
        return None
    code = next(w for w in words if w not in figure).upper()
    return code if code in QUOTE_CURRENCIES else None


# The ticker's plain "Name" (Korean 이름, Chinese 名称) and the names of a named thing ("Fund Name", 종목명)
# that it ties at 0.7 (_named_thing).
_PLAIN_NAMES = frozenset(norm_name(n) for n in ("name", "이름", "名称"))
# A fund's own names: where a house beside them is no code (_houses).
_FUND_NAMES = frozenset(norm_name(n) for n in (
    "fund name", "nombre del fondo", "nome do fundo", "fondsname", "fondsnaam", "nome fondo", "펀드명", "基金名称",
    "基金简称", "基金名稱"))
_THING_NAMES = _FUND_NAMES | frozenset(norm_name(n) for n in (
    "security name", "股票名称", "证券名称", "銘柄名", "종목명"))

_NUMBERED_TICKER = 0.9  # below a text column named as the ticker, above the weak names ("Name")
# The names whose whole numbers are codes: the ticker's own and "Instrument" (0.95, yielding to a symbol).
# Left out, "7203" under "Instrument" was an extra column, and a file of one code loaded under its name.
_NAMED_AS_CODE = 0.95


def _counted_in(inside: str, cell: str) -> bool:
    """Whether the brackets of a volume's name hold what it counts, a volume's name too ("Vol.
    (shares)", "Wolumen (shares)", "Volume BTC (shares)"): a unit, not a second name. Refused as a
    name, the volume was left unread, loaded NULL without a word. The name before them a volume's
    whole or by its hint ("Volume BTC": the coins traded)."""
    if _SYNONYMS.get(inside, ("",))[0] != "volume":
        return False
    outside = norm_name(BRACKETED.sub("", cell))
    return _SYNONYMS.get(outside, ("",))[0] == "volume" or any(s in _latin(outside) for s in _VOLUME_HINTS)


def _unit_in_brackets(cell: str, latin: str) -> bool:
    """Whether the brackets in a name hold a unit or currency ("始値(円)", "Close (USD)"), which
    leave the name before them. Not a qualifier ("Close (previous)") nor the name itself ("Price
    (Open)", "Price (High)": dropped, every column of the file would be named "Price")."""
    if _NOT_HINTED.search(latin) or _QUALIFIED.search(norm_name(cell)):
        return False
    inside = norm_name(" ".join(BRACKETED.findall(cell)))
    if _counted_in(inside, cell):
        return True
    return inside not in _SYNONYMS and inside not in _QUOTE_SIDE_NOTE \
        and not any(s in inside for _, subs in _TOKEN_HINTS for s in subs)


# The signs of the currencies volumes are counted in, not every sign (numbers.CURRENCY_SYMBOLS): a
# volume in ₿ is a count of coins, the volume itself.
_CURRENCY_SIGN = re.compile(r"[€$£¥₺₽₴₹₩]")


# A code written last, after the name ("Volume USD", "volume_usd", "Vol EUR", "Volume in USD").
_LAST_CODE = re.compile(r"\S[\s_.\-]+([A-Za-z]{3,5})\s*$")


def _in_money(cell: str) -> bool:
    """Whether the brackets in a name hold a currency, or a currency sign stands in it outside them
    ("Volume €", "Umsatz $": norm_name drops the sign, and the name read as the share count), or a
    quote currency's code ends it ("Volume USD", "Vol EUR", "Volume USDT"): a volume in money is the
    turnover. "Volume USD" over one instrument had loaded the dollars traded as its share count
    (CryptoDataDownload's "Volume USDT" too where it came before "Volume BTC"). Codes before the name
    do not count: "AMD Volume" is a ticker's."""
    if _CURRENCY_SIGN.search(cell) or any(names_a_currency(inside) for inside in BRACKETED.findall(cell)):
        return True
    last = _LAST_CODE.search(cell)
    return last is not None and last.group(1).upper() in QUOTE_CURRENCIES


def _in_coins(cell: str) -> bool:
    """Whether a coin's code ends a name ("Volume BTC", "volume_btc"): a count of coins traded."""
    last = _LAST_CODE.search(cell)
    return last is not None and last.group(1).upper() in COINS


def _label_with_its_tooltip(cell: str) -> tuple[str, float] | None:
    """The synonym a name leads with when the rest of it spells that name out: a web table copied
    with its tooltips (Yahoo Finance: "Close Close price adjusted for splits.", "Adj Close Adjusted
    close price adjusted for splits and dividend..."), whose close was taken for the adjusted close
    by the "adj" in its tooltip and whose file loaded nothing. Only the spelled-out label counts:
    "Close price adjusted for splits" is no label and its tooltip."""
    words = cell.split()
    for n in range(1, min(3, len(words) // 2) + 1):
        label, spelled = words[:n], words[n:2 * n]
        if all(w.lower().startswith(a.lower()) for a, w in zip(label, spelled)) and len(words) > 2 * n:
            hit = _SYNONYMS.get(norm_name(" ".join(label)))
            if hit:
                return hit
    return None


# A price's name with a percent sign, or a bracket saying a change or an estimate ("Close (%)", "Close
# %", "AAPL Close (chg)", "Close (est)"): another figure of the price, no price. "Close (%)" was a
# whole-name close (norm_name drops the sign) and a day's change of 1.2% loaded as a close of 1.2;
# "(est)" was read as the zone EST, an analyst's estimate loaded as the close. The zone is written
# in capitals ("Close (EST)"), an estimate in lower case as a word is.
_QUALIFYING = re.compile(r"[(\[]\s*(?:(?i:pct|percent|chg|change|estimated?|fcst|forecast)\b|(?i:e)st\b)")
# A volume's estimate, alone in its brackets ("Volume (est.)", "Vol (Est)"), is the day's volume as yet
# uncleared, as CME writes "Est. Volume": no price's estimate (a forecast), and it had lost the volume since 84aa6bc.
_ESTIMATED_ALONE = re.compile(r"[(\[]\s*(?:(?i:estimated?)|(?i:e)st)\b\.?\s*[)\]]")
# A percentage of par is a bond's price as quoted ("Price (% of par)", "Close (% of face)"): refused as a
# change, such a file had loaded nothing ("no close column").
_OF_PAR = re.compile(r"%\s*(?:of\s+)?(?:par|face|nominal)\b", re.IGNORECASE)


def qualified_price(cell: str) -> bool:
    """Whether a header cell qualifies its price as a percentage, a change or an estimate (_QUALIFYING)."""
    if "%" in cell:
        return _OF_PAR.search(cell) is None
    return ("(" in cell or "[" in cell) and _QUALIFYING.search(cell) is not None


# Short forms a clerk types over a price column ("Op", "Hgh", "Cls", "Vlm"): the field's first letter
# and some of its others, in their order; of two letters, its first two ("Co", "Cs" may be a company's
# or a class's, no close). Unread, "Op" of "Date,Op,Hi,Lo,Cl,Vol" was left unmapped and the open
# filled from the close: every row's open silently the close. As weak as a word in a name
# (_TOKEN_HINTS): a column named in full takes the field first. Only in a header of such names
# (map_canonical): alone beside "Cours" or "Price", a French "Opé" (an operation's number), "Vue"
# (views), "Vo" are no open or volume, and had loaded as them.
_ABBREVIATED_FIELDS = ("open", "high", "low", "close", "volume")
_ABBREVIATION_LENGTH = (2, 4)
_ABBREVIATION = 0.6


def _abbreviated_field(latin: str) -> tuple[str, float] | None:
    """The price or volume field `latin` (a norm_name'ed name, Latin letters) abbreviates, if any."""
    if not (_ABBREVIATION_LENGTH[0] <= len(latin) <= _ABBREVIATION_LENGTH[1] and latin.isalpha()):
        return None
    for field in _ABBREVIATED_FIELDS:
        letters = iter(field)
        if len(latin) == 2 and field.startswith(latin):
            return field, _ABBREVIATION
        if len(latin) > 2 and latin[0] == field[0] and all(c in letters for c in latin) \
                and any(c not in _VOWELS for c in latin[1:]):  # a subsequence, a consonant kept
            return field, _ABBREVIATION
    return None


# A clerk shortens a name by its consonants ("Vlm", "Hgh", "Cls", "Opn"), not by its vowels: "Vue" (views,
# in French) beside "Open,High,Low,Close" is no volume, and had loaded as it (a subsequence of "volume").
_VOWELS = frozenset("aeiouy")


# What an instrument's other columns name beside its "10Y High": its bar's prices or its yield; not a
# span's figures ("1Y Return", "12M Change %", "6M Perf", "1Y Avg Volume" beside "1Y High" in a screener's
# sheet), which had made "1Y" a label and loaded the year's high and low as the day's without a word.
_BAR_FIELD = re.compile(r"open|close|last|yield|settle")
_SPAN_FIGURE = re.compile(r"chang|chg|return|perf|pct|percent|avg|average|mean|vol")


def _counted_labels(header_cells: Sequence[Sequence[str]]) -> frozenset[str]:
    """The spans of years or months (_SPAN_COUNTED) written in header cells that name an instrument's
    price other than its high or low ("10Y Close", _BAR_FIELD): an instrument's label, not a span. So
    are a session's words (_OTHER_SESSION_WORDS) naming its open or close too: "PM Open,PM High,PM
    Low,PM Close" is Philip Morris's bar, not the premarket's range."""
    return frozenset().union(*(_labels_in(c) for cells in header_cells for c in cells))


# A cell's labels are its own (the header's are their union), and header cells recur from file to file.
@lru_cache(maxsize=4096)
def _labels_in(c: str) -> frozenset[str]:
    """The labels _counted_labels reads in one header cell."""
    labels = set()
    latin = _latin(norm_name(c)) if any(ch.isdigit() for ch in c) else ""
    if (m := _SPAN_COUNTED.search(latin)) and "high" not in latin and "low" not in latin \
            and _BAR_FIELD.search(latin) and not _SPAN_FIGURE.search(latin):
        labels.add(m.group(0))
    if {"open", "close"} & {w.lower() for w in _split_words(c)}:
        labels.update(_session_words(c))
    return frozenset(labels)


# Another session's range beside or instead of the day's: the premarket's ("PM High", "Pre-Market Low",
# "PreHigh"), after hours' ("AH High", "Post Low"), the overnight or Globex session's ("ON High", "Globex
# Low"), a day's first hour or minutes' ("IB High": the initial balance; "OR Low": the opening range). Read
# as the day's, "Date,Open,Close,PM High,PM Low" loaded the premarket's range as the day's high and low.
# So are a currency's or a future's sessions by their markets ("Asia High", "London Low": a day's first
# hours in Tokyo or Sydney, the next in London). Words of the name (camel case split), not letters run
# together: "Born", "Pmi", "Ahold" name none. Not "ETH" (extended hours to some, Ether's high in a
# coin's file), nor "RTH" (regular hours, a stock's day).
_OTHER_SESSION_WORDS = frozenset({"pm", "premarket", "pre", "preopen", "premkt", "ah", "afterhours", "after",
                                  "post", "postmarket", "postmkt", "on", "overnight", "globex", "ib", "or",
                                  "asia", "asian", "tokyo", "sydney", "london"})
_LETTERS = re.compile(r"[^\W\d_]+")  # a word in any script


# Session words that are words of a language too: an English "on" and "or" ("High on Day", "Low or Bid";
# French "or" is gold), an "after" not before hours ("High After Split") had left the day's high and low
# unmapped. They say a session as abbreviations only: in capitals ("ON High", "OR Low") or in a name
# written as one word ("on_high", "orLow"), and first, as a session's name is: an all-capitals "HIGH ON
# DAY" or a "high_on_day" say the day.
_WORDS_OF_A_LANGUAGE = frozenset({"on", "or"})
_AFTER_WHAT = frozenset({"hours", "hour", "market", "mkt"})


def _split_words(cell: str) -> list[str]:
    """The words of a name as written, camel case split ("PreHigh": "Pre", "High")."""
    return split_words(cell, digits="dropped")


def _session_words(cell: str) -> list[str]:
    """The session's words of a name, in lower case (_OTHER_SESSION_WORDS, as abbreviations where they
    are words of a language too)."""
    words = _split_words(cell)
    one_word = not any(ch.isspace() for ch in cell.strip())
    found = []
    for i, word in enumerate(words):
        low = word.lower()
        if low not in _OTHER_SESSION_WORDS:
            continue
        if low in _WORDS_OF_A_LANGUAGE and (i > 0 or not (word.isupper() or one_word)):
            continue
        if low == "after" and (i + 1 == len(words) or words[i + 1].lower() not in _AFTER_WHAT):
            continue
        found.append(low)
    return found


def other_session(cell: str, instruments: frozenset[str] = frozenset()) -> bool:
    """Whether a high's or low's name says another session's than the day's ("PM High", "Globex Low"),
    by a word that is no instrument's label (`instruments`: _counted_labels)."""
    return any(w not in instruments for w in _session_words(cell))


def _spanned(latin: str, instruments: frozenset[str]) -> bool:
    """Whether a norm_name'ed high or low names a longer span's (_SPAN_HIGH_LOW, _SPAN_COUNTED)."""
    return bool(_SPAN_HIGH_LOW.search(latin)) or (
        (m := _SPAN_COUNTED.search(latin)) is not None and m.group(0) not in instruments)


def _not_the_days(cell: str, latin: str, spanned: bool, instruments: frozenset[str]) -> bool:
    """Whether a high's or low's name (`latin`: norm_name'd) is a longer span's or another session's."""
    return spanned or _spanned(latin, instruments) or other_session(cell, instruments)


def _name_score(cells: Sequence[str], abbreviated: bool = True,
                instruments: frozenset[str] = frozenset()) -> dict[str, float]:
    """The canonical columns a column's header cells (top row first) suggest, with their strength;
    with `abbreviated` False, none by a short form alone (_abbreviated_field). `instruments`: the
    header's _counted_labels."""
    return dict(_scored_name(tuple(cells), abbreviated, instruments))  # a dict of its own: callers change it


# A column's name is scored by its cells alone, and names recur from file to file (an office's synonyms):
# scored once, where each file's every column went through the synonyms, units and hints again (~4% of
# detecting a drifted daily file).
@lru_cache(maxsize=4096)
def _scored_name(cells: tuple[str, ...], abbreviated: bool, instruments: frozenset[str]) -> dict[str, float]:
    if len(cells) > 1:
        # One name split over the header's rows ("Adj" over "Close"): the whole name says it. Read a
        # row at a time, the lower "Close" made the adjusted close a second close, taken before the close.
        whole = whole_name(cells)
        if whole is not None:
            return {whole[0]: whole[1]}
    scores: dict[str, float] = {}
    spanned = len(cells) > 1 and any(_SPAN_ALONE.fullmatch(_latin(norm_name(c))) for c in cells)
    for above, cell in enumerate(reversed(cells)):
        n = norm_name(cell)
        if not n:
            continue
        weight = _UPPER_ROW_WEIGHT ** above
        latin = _latin(n)
        hit = _SYNONYMS.get(n) or (_SYNONYMS.get(latin) if latin != n else None)
        if hit is None and BRACKETED.search(cell) and _unit_in_brackets(cell, latin):
            hit = _SYNONYMS.get(norm_name(BRACKETED.sub("", cell)))
            if hit is None and _counted_in(norm_name(" ".join(BRACKETED.findall(cell))), cell):
                # "Volume BTC (shares)": read as "Volume BTC" by its hints, the count's "shares" no
                # holding's figure ("Shares Outstanding"); kept, it had left the volume NULL (silent).
                cell = BRACKETED.sub("", cell).strip()
                latin = _latin(norm_name(cell))
        unit = declared_unit(cell)
        if hit is None and unit is not None and unit.name:
            # A unit after a comma or "in" ("Objem, tis. ks", "Umsatz in Tsd."): the name before it
            hit = _SYNONYMS.get(norm_name(unit.name))
        if hit is None and _ICELANDIC.search(cell):
            hit = _SYNONYMS.get(norm_name(cell.translate(_TURKISH_AS_ICELANDIC)))
        if hit is None:
            hit = _label_with_its_tooltip(cell)
        if hit is None and _rate_in_a_currency(cell):
            hit = "close", _ONE_FIGURE
        if hit is None and abbreviated and cell.isascii():  # "Opé" is French, no "Op."
            hit = _abbreviated_field(latin)
        measure = _measure_unit(cell)
        if hit and measure and _not_measured(hit[0], measure):
            continue  # "Cota (m)", "Volumen (hm3)": a level, a reservoir's water (_MEASURE_UNIT)
        if qualified_price(cell) and (hit is None or hit[0] in PRICE_COLUMNS
                                      or hit[0] == "volume" and ("%" in cell or not _ESTIMATED_ALONE.search(cell))):
            continue  # no price, nor a hint of one (_QUALIFYING); no volume either ("Vol%": a percentage)
        money = _in_money(cell) or (unit is not None and unit.money)
        if hit and hit[0] == "volume" and (money or _AVERAGED.search(latin)
                                           or hit is not _SYNONYMS.get(n) and _spanned(latin, instruments)):
            # "Objem (Kč)", "Hacim (TL)", "Volume €": the money traded, beside or instead of the count. "Volume
            # (30D)": a span's. A whole name is none ("Qtd Títulos": B3's shares, no quarter to date).
            continue
        if hit and hit[0] in ("high", "low") and _not_the_days(cell, latin, spanned, instruments):
            continue  # "High (52W)", "Low (YTD)", "52 Week Range" over "High": the span's, not the day's
        if hit:
            scores[hit[0]] = max(scores.get(hit[0], 0.0), hit[1] * weight)
            continue
        if _NOT_HINTED.search(latin) or _account_figure(cell) or _PNL.search(cell) \
                or _holding_figure(cell, latin):
            continue
        cell, latin = _after_the_instrument(cell, latin)
        for canonical, subs in _TOKEN_HINTS:
            if any(s in latin for s in subs):
                if canonical in PRICE_COLUMNS and _not_a_price(cell, subs) \
                        or measure and _not_measured(canonical, measure):
                    break
                if canonical == "adj_close" and _NOT_ADJUSTED.search(latin):
                    continue  # the close's hint, if any, stands: "Unadjusted Closing Price" is the close
                if canonical == "adj_close" and _ADJUSTED_OTHER.search(latin) and "clos" not in latin:
                    break
                if canonical == "volume" and _VOLATILITY.search(latin):
                    continue  # "vol" of a volatility: "Volatility", "Implied Vol" beside the close
                if canonical == "volume" and _PRICED_VOL.search(cell) \
                        and {w.lower() for w in _split_words(cell)} & _PRICE_WORDS:
                    break
                if canonical == "volume" and (_AVERAGED.search(latin) or _spanned(latin, instruments)
                                              or _volume_figure(cell)):
                    break  # the days' average, a span's figure ("Vol 30d": its volatility), no day's volume
                if canonical == "volume" and money:  # "Volume in $", "Trading volume (USD)"
                    break
                if canonical == "low" and _NO_LOW.search(latin) and "low" not in _NO_LOW.sub("", latin):
                    break  # no hint, as _NOT_HINTED: "slow_close" is no close either
                if canonical in ("high", "low") and _not_the_days(cell, latin, spanned, instruments):
                    break  # the year's or 52 weeks' range, not the day's
                # A volume in a coin is as plainly the volume as "Volume" is: left of a plain one, it
                # is the coins traded where the plain one is the dollars (CryptoDataDownload's Coinbase
                # "volume_btc,volume", whose dollars had loaded as the volume); right of it, which of
                # the two counts coins is unsaid and the plain one stays the volume, as before.
                strength = 1.0 if canonical == "volume" and _in_coins(cell) else 0.6
                scores[canonical] = max(scores.get(canonical, 0.0), strength * weight)
                break
    return scores


# Names of a time-of-day column beside the date ("Date,Time,Open,..."): bars within a day.
_TIME_OF_DAY = {norm_name(n) for n in ("time", "time of day", "trade time", "bar time", "zeit", "uhrzeit",
                                   # an hourly bar's hour in a column of its own ("Date,Hour,Open,...")
                                   "hour", "hr", "stunde",
                                   "heure", "hora", "ora", "tijd", "czas", "tid", "klokkeslett",
                                   # the markets whose price names map above (Turkish, Indonesian,
                                   # Vietnamese, CJK, Russian): unknown, their time column let the first
                                   # of a day's bars load as the day's price
                                   "saat", "waktu", "jam", "gio", "thoi gian", "时间", "時間", "时刻",
                                   "時刻", "시간", "시각", "время")}


# The strength of a ticker synonym that names an identifier (ISIN, instrument: 0.95), not a name (0.7).
_IDENTIFIER = 0.9


def names_time_of_day(name: str) -> bool:
    return norm_name(name) in _TIME_OF_DAY


def name_hints(cell: str) -> frozenset[str]:
    """The canonical columns a header cell alone suggests, however weakly (by a token hint too)."""
    return frozenset(_name_score([cell]))


def names_its_column(cells: Sequence[str], t: ColumnType) -> bool:
    """Whether a column's header cells suggest a canonical column its values can feed ("Date" over
    dates, "Min" over numbers): evidence the cells are its name, not words that happen to sit above."""
    return any(fits_type(canonical, t) for canonical in _name_score(cells))


def whole_name(cells: Sequence[str]) -> tuple[str, float] | None:
    """The canonical column (and strength) a name split over a header's rows says read whole
    ("Adj" over "Close": the adjusted close), or None when joined they are no known name."""
    joined = norm_name("".join(cells))
    return _SYNONYMS.get(joined) or _SYNONYMS.get(_latin(joined))


def named_as(canonical: str, name: str) -> bool:
    """Whether a column's name alone says it holds `canonical` ("Close", "Schlusskurs", "Datum")."""
    return _name_score([name]).get(canonical, 0.0) >= _STRONG_NAME


@lru_cache(maxsize=4096)  # a rejected line's cells are looked at too ("n/a", "-" on many lines)
def header_says(name: str) -> str | None:
    """What a header cell alone says its column holds: a canonical column by a whole-name synonym
    ("Vol." and "Volumen" both "volume"), "time_of_day" ("Time" beside the date), or None. Two
    spellings of one header (another export's, another language's) say the same."""
    if names_time_of_day(name):
        return "time_of_day"
    scores = _name_score([name])
    best = max(scores, key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] >= _STRONG_NAME else None


def names_the_ticker(cell: str) -> bool:
    """Whether a cell names the ticker as an identifier ("Ticker", "Symbol", "RIC", "ISIN"), not as a
    company's name ("Name", "Company"): a header row so named names the file's ticker (header_ticker.py)."""
    hit = _SYNONYMS.get(norm_name(cell))
    return hit is not None and hit[0] == "ticker" and hit[1] >= _IDENTIFIER


# A number with a word of East Asian script written onto it is a count or an amount, its unit
# spelled after it (kabutan's "6924300株" of shares, "47663百万円", "14329回" trades): no ticker, though
# its letters made it look like one. A headerless scrape had loaded "6924300株" as each day's ticker.
_COUNTED = re.compile(r"[+-]?\d[\d,.]*\s?[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")


def _looks_like_ticker(values: Sequence[str]) -> float:
    vals = [v.strip() for v in values if v.strip()]
    if not vals:
        return 0.0
    ok = sum(1 for v in vals if len(v) <= 12 and " " not in v and any(c.isalpha() for c in v)
             and not _COUNTED.fullmatch(v))
    return ok / len(vals)


_NAME = 0.7  # the strength of "Name", "Company", "Název"


def _holds_names(j: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j` holds names with spaces or of many letters, not the short names a market
    lists its instruments under (Warsaw's "PKOBP" under "Nazwa"). No values: nothing says so."""
    values = [r[j] for r in body if j < len(r) and r[j].strip()]
    return bool(values) and _looks_like_ticker(values) < 0.5


def _header_of(header_cells: Sequence[Sequence[str]], j: int) -> Sequence[str]:
    """The header's cells over column `j`: none past the header's width (a row longer than the header)."""
    return header_cells[j] if j < len(header_cells) else []


# stooq's database files are named after their symbol and market ("aapl.us.txt", "bp.uk.txt", "7203.jp.txt"),
# whatever a database that loaded them added: a number held throughout under another name than the symbol
# is that database's key. Only in stooq's shape: a user's "tsmc.tw.csv" of FinMind's "stock_id" 2330
# names the same stock by its code, and "prices.old.csv" names none.
_STOOQ_DATABASE_FILE = re.compile(r"\^?(?P<s>[a-z0-9][a-z0-9-]*)\.[a-z]{2}\.txt")


# stooq's bars, whose database writes them "<OPEN>,<HIGH>,<LOW>,<CLOSE>" and its downloads "Open,High,Low,Close".
_STOOQ_BARS = frozenset({"open", "high", "low", "close"})


def _named_by_stooq_otherwise(file_name: str, key: str, header_cells: Sequence[Sequence[str]]) -> bool:
    """Whether `file_name` is a stooq database file's (_STOOQ_DATABASE_FILE) named after another symbol than `key`,
    its header stooq's bars (_STOOQ_BARS) and its symbol no word a site names every download: FinMind's
    "date,stock_id,close" of 2330 in a user's "data.us.txt" or "prices.tw.txt" had loaded as DATA and
    PRICES.TW, a security_id 7203 in "export.db.txt" as EXPORT.DB."""
    m = _STOOQ_DATABASE_FILE.fullmatch(base_name(file_name))
    if m is None or m["s"].lstrip("0") == key.lstrip("0"):
        return False
    named = {cells[-1].strip().strip("<>").strip().lower() for cells in header_cells if cells}
    return _STOOQ_BARS <= named and nameless_problem(f"{m['s']}.csv") is None


def _a_database_s_key(header_cells: Sequence[Sequence[str]], j: int, body: Sequence[Sequence[str]],
                      file_name: str = "") -> bool:
    """Whether whole-number column `j`, named "<thing> id" and holding one key throughout, is a database's key
    to another of its tables: beside a column named "id" (the table's own row key) it is one, not an
    exchange's code for the stock. A table dumped from a web app ("id,date,price,stock_id": silver's
    month-end prices, stock 2) loaded every price under the ticker "2" (real files round 54); unread, the file
    is one series and its name names it. FinMind's "date,stock_id,...,close" (2330), with no row key beside
    it, and "id,date,stock_code,close" (600519), a code named so, stay tickers. Several keys stay each a
    series of its own: read as one series they would be one name over several stocks' prices. A lone key
    in a stooq database file named after another symbol (`file_name`, _named_by_stooq_otherwise) is one
    too: "aapl.us.txt" loaded into a database with its "stock_id" (1280) had loaded every row as "1280"."""
    cells = _header_of(header_cells, j)
    words = _split_words(cells[-1]) if cells else []
    if len(words) < 2 or words[-1].lower() != "id":
        return False
    keys = {r[j].strip() for r in body if j < len(r) and r[j].strip()}
    if len(keys) == 1 and _named_by_stooq_otherwise(file_name, next(iter(keys)), header_cells):
        return True
    # An exchange numbers its stocks in four digits or more (Taiwan's 2330, Japan's 7203, China's 600519):
    # one of those beside a row's key is the stock's code all the same, and a file "tw.csv" of "id,date,
    # stock_id,close" of 2330 had loaded under "TW". A web app's own table of stocks counts from 1.
    if len(keys) != 1 or len(next(iter(keys)).lstrip("0")) > 3:
        return False
    return any(k != j and any(norm_name(c) == "id" for c in _header_of(header_cells, k))
               for k in range(len(header_cells)))


def map_canonical(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                  body: Sequence[Sequence[str]], number_format: tuple[str, str | None] | None = None,
                  head_end: int | None = None, file_name: str = "") -> list[str | None]:
    """Canonical column name for each file column (None when unmapped), each canonical used once.
    A mostly-numeric "string" column mapped by a strong name is a reading of its `alt` type.
    `number_format`: the file's (decimal, thousands) marks, where known (_unread_volume). `head_end`:
    how many of the `body` rows are a head sample's, the rest a tail's (Layout.head_end; None: every row).
    `file_name`: the file's, where known, that may name the rate a table by tenor holds (_tenor_keys_rates)."""
    width = len(types)
    short = _VIETNAMESE_SHORT if any(norm_name(c) == _VIETNAMESE for cells in header_cells for c in cells) else {}
    candidates: list[tuple[float, int, str]] = []
    instruments = _counted_labels(header_cells)
    named = [_name_score(header_cells[j], instruments=instruments) if j < len(header_cells) else {}
             for j in range(width)]
    _without_lone_short_forms(header_cells, named, instruments, types)
    _higher_and_lower(header_cells, named)
    _counted_beside_money(header_cells, named)
    _ticker_close_over_nav(header_cells, named, body, number_format)
    _open_copies_previous_close(header_cells, named, body, number_format)
    _water_level(header_cells, named)
    _net_value(header_cells, named)
    # A contract's expiry or a bond's maturity is no day a price was made, named a date or not: an option
    # chain's "symbol,expiry_date,strike,...,ltp" and a bond list's "ISIN,Maturity Date,Price" had loaded
    # every premium or price as a close on that day, one not yet traded (_fill_by_type: nor by its type).
    expiries = [any(names_expiry(c) for c in cells) for cells in header_cells]
    for j in range(width):
        cells = _header_of(header_cells, j)
        scores = named[j] or dict(hit for c in cells if (hit := short.get(norm_name(c))))
        generic = bool(cells) and norm_name(cells[-1]) in _GENERIC_CLOSE
        for canonical, s in scores.items():
            if canonical == "date" and j < len(expiries) and expiries[j]:
                continue
            if canonical == "ticker" and s == _SHORT_NAME and _holds_names(j, body):
                s = _NAME  # "Investor Akcji Plus FIO": a fund's or company's name, behind its ISIN or code
            if canonical in PRICE_COLUMNS and _a_difference(cells, j, body, number_format):
                continue
            if canonical == "close" and cells and norm_name(cells[-1]) in _COURSES \
                    and (is_whole(types[j]) or _graded(j, body, number_format)):
                continue
            specific = not (generic and canonical == "close")
            if fits_type(canonical, types[j]):
                candidates.append((s, specific, -j, canonical))
            elif s >= 0.8 and types[j].alt is not None and fits_type(canonical, types[j].alt):
                candidates.append((s * types[j].alt.confidence, specific, -j, canonical))
            elif canonical == "ticker" and s >= _NAMED_AS_CODE and is_whole(types[j]) \
                    and not _a_database_s_key(header_cells, j, body, file_name):
                # Asian markets number their stocks ("600000" under 股票代码, "7203" under コード):
                # a column named as the ticker holds them as codes, read as text. A column of text
                # named as strongly wins: "Security ID" of numbers beside "Ticker" is an id.
                candidates.append((s * _NUMBERED_TICKER, specific, -j, canonical))
    _traded_names_yield(header_cells, named, candidates)
    # Strongest evidence first; among equals a specific name (_GENERIC_CLOSE), then the leftmost column
    # (files repeat names rarely).
    mapping: list[str | None] = [None] * width
    used: set[str] = set()
    for _, _, negj, canonical in sorted(candidates, reverse=True):
        j = -negj
        if mapping[j] is None and canonical not in used:
            mapping[j] = canonical
            used.add(canonical)
    if "ticker" in used:
        _named_thing(mapping, named, header_cells, body)
        _code_over_name(mapping, named, header_cells, types, body)
    if "date" in used:
        _price_s_day(mapping, named, header_cells, types)
        if (announced := _announced_s_day(mapping, named, header_cells, types)) is not None:
            used.discard("date")
            # nor taken by its type below (_fill_by_type), as an expiry's is not
            expiries = [e or j == announced for j, e in enumerate(expiries)]
    if "ticker" in used and "date" in used and (_no_ticker(mapping, named, body, file_name)
                                                or _tic_of_no_stock(mapping, header_cells, body)):
        mapping[mapping.index("ticker")] = None
        used.discard("ticker")
    if "ticker" not in used and "date" in used:
        _valor_codes(mapping, used, header_cells, types, body)
    if "volume" not in used:
        _unread_volume(mapping, used, named, types, body, number_format)
    else:
        _money_volume(mapping, used, header_cells, types, body, number_format)
        count_beside_money([" ".join(_header_of(header_cells, j)) for j in range(width)],
                           mapping, body, number_format)
        _trades_beside_money(mapping, used, header_cells, body, number_format)
    if "close" in used:
        _one_figure_close(mapping, used, header_cells, types)
    if "close" in used:
        _another_figure_s_prices(mapping, header_cells, body, number_format)
        _converting_rate(mapping, used, header_cells, body, head_end)
    if "close" not in used and "date" in used:
        _lone_price(mapping, used, header_cells, types, body, number_format)
    if "close" not in used and "date" in used:
        _coingecko_price(mapping, used, header_cells, types, body)
    if "close" not in used and "date" in used:
        _keyed_rate(mapping, used, header_cells, types)
    if "close" not in used and "date" in used:
        _named_series(mapping, used, header_cells, types, body, number_format)
    if "close" not in used and "date" in used:
        _valued_currencies(mapping, used, header_cells, types, body, number_format)
    unnamed = [not _header_of(header_cells, j) for j in range(width)]
    named = [j for j in range(width) if not unnamed[j]]
    past_header = [bool(named) and j > named[-1] for j in range(width)]
    terse = _terse_as_unnamed(mapping, header_cells, unnamed)
    if a_tenor_unnamed([" ".join(_header_of(header_cells, j)) for j in range(width) if mapping[j] is None]) \
            and all(types[j].format != "currency" and all(
                abs(v) <= MOST_RATE for r in body if j < len(r) and (v := float_under(r[j], number_format)) is not None)
                    for j in range(width) if unnamed[j] and mapping[j] is None):
        # A term table's tenor whose name is lost ("Date,1W,,3M,6M") is no headerless price: it had loaded as
        # the close of a series named for the file, the named tenors dropped without a word (silent). Not a
        # price above any rate beside its returns or its curve ("Date,,1M,3M" of 370.87, 2.1, 5.3), refused;
        # nor one in money ("$370.87", "25.30 USD"), no number float_under reads and no rate.
        terse = [False] * width
    _fill_by_type(mapping, used, types, body, terse, past_header, number_format, expiries)
    if "close" not in used and "date" in used and (j := rate_in_force(
            [" ".join(norm_name(c) for c in _header_of(header_cells, k)) for k in range(width)],
            [t.type in ("date", "timestamp") for t in types], [t.type in _NUMERIC for t in types], mapping, body,
            [t.format for t in types])) \
            is not None and fits_type("close", types[j]):
        mapping[j] = "close"  # an official rate by the days it is in force (in_force.py)
        used.add("close")
    if "ticker" not in used and "close" in used and "date" in used:
        _currency_keys_rates(mapping, used, header_cells, types, body, number_format)
    if "ticker" not in used and "date" in used:
        _tenor_keys_rates(mapping, used, header_cells, types, body, number_format, file_name)
    if "ticker" in mapping and terse[t := mapping.index("ticker")] and not unnamed[t] \
            and not _keys_dates(t, body, mapping.index("date") if "date" in mapping else None):
        # A terse name is the ticker's only where its values tell apart the rows of a date, as
        # Polygon's "T" does: a time ("D,T,O,H,L,C,V", "093000" on each row), an exchange ("Ex") or a
        # side ("S") beside one instrument's days had loaded as the ticker, or as several.
        mapping[t] = None
    if "date" in mapping:
        # Of a day's span cut in two columns ("Begin,End Date", "To,From"), the day is its start's, whichever
        # column the date's name or place chose (paired_spans.py).
        d = mapping.index("date")
        if (q := span_start_column(header_cells, [t.format for t in types], body, d)) is not None \
                and mapping[q] is None:
            mapping[d], mapping[q] = None, "date"
    return mapping


def _terse_as_unnamed(mapping: list[str | None], header_cells: Sequence[Sequence[str]],
                      unnamed: list[bool]) -> list[bool]:
    """`unnamed`, with the columns named by a letter or two counted among them where the close is named
    so too: a row of terse names is an API's keys ("T,v,vw,o,c,h,l,t,n", Polygon's grouped daily bars
    written as CSV), its "T" the ticker as its "c" is the close. Unread, every row of the day's tickers
    was rejected as an unnamed series. Its values must still look like tickers (_fill_by_type)."""
    if "close" not in mapping or mapping.index("close") >= len(header_cells) \
            or not _tersely(header_cells[mapping.index("close")]):
        return unnamed
    return [u or (j < len(header_cells) and _tersely(header_cells[j])) for j, u in enumerate(unnamed)]


# A column of the instrument's market capitalisation, its name alone or with a currency's code: not one
# scaled ("Market Cap (M)", "Mkt Cap (000s)"), whose units are not the volume's money.
_MARKET_CAP = frozenset({"marketcap", "marketcapitalization", "marketcapitalisation", "mktcap", "mcap"})
_MONEY_ROWS = 0.9  # of the sampled rows where volume, close and market cap are all positive


def _names_market_cap(normed: str) -> bool:
    """Whether a norm_name'd name is a market cap's, alone or followed by a quote currency ("marketcapusd")."""
    return any(normed == n or (normed.startswith(n) and normed[len(n):].upper() in QUOTE_CURRENCIES)
               for n in _MARKET_CAP)


def _money_volume(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                  types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                  number_format: tuple[str, str | None] | None = None) -> None:
    """Unmap, in place, a volume that is money: a coin aggregator's history counts its volume in the
    quote currency (CoinGecko's "snapped_at,price,market_cap,total_volume", CoinMarketCap's
    "...,Close,Volume,Marketcap"), whose dollars traded had loaded as the coins traded (62,881,800
    "BTC" on a day when 85,000 changed hands). Told beside the market cap: read as units, the day's
    trades would be worth more than every coin there is (volume times close above the market cap),
    read as money less (the volume below it), on nearly every row; and short of that, the aggregators
    that give a market cap count money and only a count above the cap proves coins (_counted_in_money).
    Only of a market open
    on weekends (_every_day): a stock's market cap in thousands (CRSP's, its shares outstanding in
    thousands times the price) passes both tests with a count of shares, whose volumes had loaded
    blank; a coin trades on Saturdays and Sundays, a stock not."""
    # (The date's column by its type where no name mapped it yet: "snapped_at" is mapped by type later.)
    dates = mapping.index("date") if "date" in used else next(
        (j for j, t in enumerate(types) if mapping[j] is None and t.type in ("date", "timestamp")), None)
    if "close" not in used or dates is None:
        return
    caps = [j for j in range(len(mapping)) if mapping[j] is None and j < len(header_cells)
            and _names_market_cap(norm_name(" ".join(header_cells[j])))]
    # The header's market cap first: most files name none, and the weekdays cost a date parse a row.
    if len(caps) != 1 or not _every_day(body, dates, types[dates].format):
        return
    vol, close, cap = mapping.index("volume"), mapping.index("close"), caps[0]
    if vol < len(header_cells) and any(_in_coins(cell) or _named_in_units(cell) for cell in header_cells[vol]):
        return  # "Volume BTC", "BTC Volume", "Volume (coins)", "Base Volume": the coins, as named

    def num(v: str) -> float | None:  # under the file's marks: a German "45.000.000.000,00" is no None
        return float_under(v, number_format)

    rows = [(v, c, m) for r in body if max(vol, close, cap) < len(r)
            for v, c, m in [(num(r[vol]), num(r[close]), num(r[cap]))]
            if v is not None and c is not None and m is not None and v > 0 and c > 0 and m > 0]
    if len(rows) >= 3 and sum(_counted_in_money(v, m) for v, _, m in rows) >= _MONEY_ROWS * len(rows):
        mapping[vol] = None
        used.discard("volume")


# Words of a volume's name that count it in the instrument's units: a coin's own volume, not its money.
_UNIT_WORDS = frozenset({"coin", "coins", "base", "unit", "units", "qty", "quantity", "token", "tokens", "from",
                         "volumefrom"})
_CODE_WORD = re.compile(r"[A-Za-z]+")
# Words in capitals that end a volume's name and are no coin's code ("USD VOL", "DAILY TOTAL").
_NO_CODES = frozenset({"VOL", "VOLU", "TOTAL", "DAILY", "DAY", "SUM", "AVG", "QUOTE", "TRADE", "MONEY", "VALUE", "CASH",
                       "MIL", "MLN", "BLN", "BIL", "THS", "THOU"})


def _named_in_units(cell: str) -> bool:
    """Whether a volume's name says it counts units: a coin's code anywhere in it ("BTC Volume", "Volume
    (BTC)", "Volume [ETH]"), a code in capitals no quote currency's ending it or in its brackets
    ("Volume SHIB", "Volume (MATIC)"), or a word of units ("Volume (coins)", "Base Volume", CryptoCompare's
    "volumefrom"). Beside a market cap, such a volume of BTC (its coins, a sliver of the cap) had been
    taken for money and left unread."""
    if any(word.upper() in COINS or word.lower() in _UNIT_WORDS for word in _CODE_WORD.findall(cell)):
        return True
    codes = [*BRACKETED.findall(cell), *(m.group(1) for m in [_LAST_CODE.search(cell)] if m)]
    return any(code.strip().isalpha() and code.strip().isupper() and 3 <= len(code.strip()) <= 5
               and code.strip() not in QUOTE_CURRENCIES | _NO_CODES for code in codes)


def _counted_in_money(volume: float, cap: float) -> bool:
    """Whether a day's volume beside its market cap may be money, not coins: it is not above
    the cap. Read as coins, dollars are a sliver of the cap's worth too wherever the close times the day's
    turnover is under 1 (a coin under a dollar always; at 3.72 a day's 8% of the cap): CoinGecko's
    total_volume of DOGE, of such a coin, had loaded its dollars as its coins traded. A count above the
    cap is coins (SHIB's trillions); nothing else tells coins from dollars beside a market cap, and the
    aggregators that give one count money: left unread."""
    return volume <= cap


def _every_day(body: Sequence[Sequence[str]], dates: int, date_format: str | None) -> bool:
    """Whether the dates of `body` (column `dates`, written as `date_format`) hold a Friday, a Saturday
    and a Sunday: a market that trades every day of the week (a coin's). No exchange trades all three:
    Tehran's trades Saturday to Wednesday, Riyadh's did until 2013 (Sunday to Thursday since), and a
    share's volume there, below its market cap as every share's is, had been read as money and dropped."""
    if not date_format or "%" not in date_format:
        return False
    weekdays = set()
    for written in {r[dates].strip() for r in body if dates < len(r)}:  # a short row: its date column rejects it
        try:
            weekdays.add(datetime.strptime(*for_strptime(written, date_format)).weekday())
        except ValueError:
            continue  # a date of another shape: the date column rejects its row
    return {4, 5, 6} <= weekdays


# A dated series of one price named in words around "Price" (the EIA's downloads: "Day,Cushing OK WTI
# Spot Price FOB  Dollars per Barrel", "Henry Hub Natural Gas Spot Price"; "Date,Gold Price USD"): no
# name says close, and the file was refused ("no close column") though its one price is the day's.
# Not a price qualified as another figure than the day's own (a bid, a day's average or modal price, a
# strike, a target, a forecast, an option's, a trade's entry or cost), nor a price index, ratio, change
# or moving average; nor one of several prices (a market's minimum, maximum and modal price: which is the
# close is not said).
_PRICE_WORD = re.compile(r"[a-z]*prices?")  # EIA's "Weekly U.S. Retail Gasoline Prices (Dollars per Gallon)"
# Words before the price that name another figure than the day's own price, and after it another figure
# than a price ("Dollars per Barrel" after it is its unit). An app's forecast export ("AAPL_predictions.csv":
# "Date,Predicted Price") had loaded its predictions as Apple's closes, an option's "Call Price" as the
# underlying's, a trade log's "Price Paid" and a house's "Sold Price" as a series.
_OTHER_PRICE = frozenset("""bid ask offer buy buying sell selling min max minimum maximum modal avg average mean
                            median strike target issue base reference ref prev previous prior purchase sale
                            sales unit item list predicted prediction forecast forecasted projected
                            expected estimated est implied theoretical model fitted fair intrinsic call put
                            option options exercise entry exit stop cost paid sold weighted vwap ipo house home
                            property product""".split())
_NO_PRICE = frozenset("""index indices ratio return returns yield earnings book change chg pct percent target
                         range predicted prediction forecast estimate paid delta diff difference momentum
                         ma sma ema wma moving avg average mean level unit units item sqft sq square upper
                         lower bound spread gap signal trend lag lagged volatility std rank score
                         cap caps ceiling ceilings floor floors limit limits""".split())
# ("Price Cap", "Price Floor", "Price Limit": a policy's or an exchange's bound on the price, no price paid,
# had loaded as closes.)
# Words before the price that name a figure of it, no price: "Change in price of Brent Crude (Dollars per
# Barrel)", "Spread of price of Brent", "Std dev of price of gold (USD/oz)" had loaded as the good's closes once
# "of" could stand between the price and its money per unit (unit_prices._TERMS).
_FIGURE_OF_PRICE = frozenset("""change changes chg difference diff increase decrease spread volatility std stdev
                              deviation delta momentum sd sigma variance var zscore score log ln lag lagged sma ema
                              wma ewma rolling cumulative normalized normalised scaled standardized
                              standardised detrended smoothed deflated real pct yoy gain gains loss losses rise
                              fall drop margin basis minus vs versus""".split())
# ("log_price", "lagged_price", "SMA price", "Real Brent Crude Oil Price", "Margin price (USD/bbl)", "Brent minus
# WTI price" had loaded as the good's closes, silent. Not "growth", "return", "range", "index", "tax", "premium":
# a fund's or a company's name ("Vanguard Growth ETF", "Absolute Return Fund", "Range Resources") or a good's
# grade ("Premium gasoline") holds them; written as a figure of the price they take a word of the next list.)
# A word that makes the price its object, last before it but an article: a figure of the price, whatever names
# it ("Range of price of gold", "Growth in price of gold", "Return on price of gold", "Discount to price of
# Brent", "Tax in price of petrol" had loaded as the good's closes, silent); a price is named with none there
# ("Price of gold", "Global price of Brent Crude", "Bank of America stock price": a word stands between).
_OF_THE_PRICE = frozenset("of in on over to from than above below".split())
_ARTICLES = frozenset("the a an its".split())


# Figures of the one figure itself beside it: its change, its return ("Index Level,Daily Return"). Whole
# words: "Exchange rate" holds "change".
_OF_THE_FIGURE = re.compile(
    r"%|\b(?:prev|previous|prior|change|chg|diff|pct|percent|delta|returns?|perf|performance)\b", re.IGNORECASE)


# Words a day's high and low are named with beside an index's level, besides the level's own ("Index High"
# beside "Index Value"): the day's ("Day High", "Day's Low", "Intraday High") and a price's ("High Price").
_LEVEL_S_OWN = frozenset({"day", "days", "s", "daily", "intraday", "today", "todays", "price"}) | _PRICE_WORDS


# Words of a figure of the file's own instrument beside a benchmark's bar, as a price or NAV is ("Fund Value",
# "Bid", "ETF AUM", "Account Cash"): the level beside it is none of the file's prices (_one_figure_close). Each
# names a kind of instrument, whatever figure of it follows: e6574f4, asking for a value word after "ETF" or
# "Trust", had loaded the benchmark's bar beside "ETF AUM" or "Trust Assets" under the file's name (silent).
_A_FUND_S = frozenset({"fund", "funds", "portfolio", "bid", "ask", "offer", "mid", "etf", "etfs", "trust",
                       "account", "strategy", "investment"})
# What an index holds too: a holding's figure is the instrument's only as its value ("Holding Value"), not the
# index's own "Number of Holdings" (refused after 446efdd; loaded at 388f5a8).
_HOLDINGS = frozenset({"holding", "holdings"})
_A_HOLDING_S_VALUE = frozenset({"value", "equity", "balance", "worth"})
# "Investment Grade" is a bond index's credit grade ("Investment Grade Spread"), no investment's figure.
_GRADED = frozenset({"grade", "grades"})


def _a_fund_s_figure(words: set[str]) -> bool:
    """Whether a column's name `words` name a figure of the file's own instrument beside a benchmark's bar."""
    named = words - {"investment"} if _GRADED & words else words
    return bool(_PRICE_DAY_WORDS & named or _A_FUND_S & named or _HOLDINGS & named and _A_HOLDING_S_VALUE & named)


def _level_s_bar(mapping: Sequence[str | None], header_cells: Sequence[Sequence[str]], level: Sequence[str]) -> bool:
    """Whether the high and the low are the index level's (named `level`) own: plainly or as it is, not
    another figure's ("Fund High", "Fund Low" beside a benchmark's "Index Value": the fund's range)."""
    own = _LEVEL_S_OWN.union(w for cell in level for w in name_words(cell))
    return all(own.issuperset(w for cell in _header_of(header_cells, mapping.index(p)) for w in name_words(cell))
               for p in ("high", "low"))


def _one_figure_close(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                      types: Sequence[ColumnType]) -> None:
    """Unmap, in place, a close named only as a file's one figure is (_ONE_FIGURE_NAMES: "Exchange rate",
    "Redemption Price", "Index Level") where another column of numbers no name took stands beside it: a
    rate converting a trade's amount, a bond's par beside its clean price. Not its change or return
    (_OF_THE_FIGURE), nor a fund's issue price beside its redemption price."""
    c = mapping.index("close")
    cells = _header_of(header_cells, c)
    named = {norm_name(cell) for cell in cells}
    if not named & _ONE_FIGURE_NAMES and not any(_rate_in_a_currency(cell) for cell in cells):
        return
    bar = bool(named & _INDEX_LEVELS) and {"high", "low"} <= used and _level_s_bar(mapping, header_cells, cells)
    issued = bool(named & _REDEMPTION)
    for j, t in enumerate(types):
        if j == c or mapping[j] is not None or no_values_seen(t) or t.type not in _NUMERIC:
            continue
        cells = [cell for cell in _header_of(header_cells, j) if norm_name(cell)]
        if not cells or any(_OF_THE_FIGURE.search(cell) or (issued and norm_name(cell) in _ISSUE_PRICES)
                            for cell in cells):
            continue  # an unnamed column of numbers (a writer's row numbers, an index's empty last field)
        if bar and not _a_fund_s_figure({w for cell in cells for w in name_words(cell)}):
            # The index's own figure beside its bar (its market value): the level is that bar's close. Not
            # beside a price or a NAV ("Fund NAV", "Fund Price"): the file's instrument is that fund, its
            # benchmark's bar none of its prices (64a410f had loaded the index's as the fund's, silent).
            continue
        mapping[c] = None
        used.discard("close")
        return


# Every name of an exchange rate read as a close (_converting_rate), and a plain "Rate": an Indian contract
# note's or broker's trade book ("Date,Symbol,Qty,Rate") names each trade's price per unit so, and had
# loaded it as the day's close, the trade's quantity as its volume (silent).
_EXCHANGE_RATES = frozenset(norm_name(n) for n in (*_FX_RATES, *_ONE_FIGURE_RATES, _RATE))
# Dates a daily table's sample holds the fewest of: a trade book's two days may each trade every ticker once.
_DAILY_DATES = 3
_STRAYS = 20  # a day's bar may miss its close on one row in this many (a vendor's bad tick), no more
# A daily table's first or last day with no day between to judge it may lack one ticker in so many: listed the
# next day, delisted that day. A trade book of 300 tickers a day drawn from 310 lacks one in 30.
_FEW_LISTED = 100
# Days between a table's edges, each holding every ticker, that make it a daily table's: no trade book trades
# each of its tickers on so many days in a row.
_JUDGING_DAYS = 5


def _another_figure_s_prices(mapping: list[str | None], header_cells: Sequence[Sequence[str]],
                             body: Sequence[Sequence[str]], number_format: tuple[str, str | None] | None) -> None:
    """Unmap, in place, an open, high or low named as another figure's (another_figure_s_prices: "units_open"
    beside "units_close" and the close "nav") unless that figure's close is the close's twin, the same
    value on the median row, or its high and low hold the close on every row (_holds_the_close): the
    close's own under another name ("PX_OPEN" beside the close "PX_LAST" and "PX_CLOSE"), unmapped on its
    name alone, Bloomberg's day's open, high and low had each loaded as the close (silent). Not an open
    merely near the close, which a day's move (9818bd6) let by: units of 10,500 beside a NAV of 10,012, a
    benchmark's or the bid's open beside a fund's price or a mid."""
    c = mapping.index("close")
    marks = marks_or_default(number_format)
    bars: dict[int, dict[str, int]] = {}
    for p, own_close in another_figure_s_prices(mapping, header_cells):
        bars.setdefault(own_close, {})[str(mapping[p])] = p
    for own_close, bar in bars.items():
        if not _hugs(body, own_close, c, marks, 0.0) and not _holds_the_close(body, bar, c, marks):
            for p in bar.values():
                mapping[p] = None


def _holds_the_close(body: Sequence[Sequence[str]], bar: dict[str, int], close: int,
                     number_format: tuple[str, str | None]) -> bool:
    """Whether a figure's high and low (`bar`: its prices' columns by field) hold column `close`, and its
    open where it has one, on every row holding them (_DAILY_DATES at least) but one in _STRAYS: the close's
    own day's range. Its own close may be another of the close's ("PX_CLOSE", the official close, a cent
    off "PX_LAST" on most days, or the day before's): the twin test alone had set Bloomberg's open, high
    and low to the close (silent, 0f83af0). Units, a benchmark's level or another fund's price leave the
    range some day; a vendor's one bad row among hundreds (a late trade's last over the high) had set the
    whole file's bar to the close (silent; right at 388f5a8)."""
    if "high" not in bar or "low" not in bar:
        return False
    held = strays = 0
    for row in body:
        cells = [row[j] if j < len(row) else "" for j in (bar["low"], close, bar["high"])]
        values = [to_float(v, *number_format) for v in cells]
        if None in values:
            continue
        low, price, high = values
        opened = to_float(row[bar["open"]], *number_format) if "open" in bar and bar["open"] < len(row) else None
        if not low <= price <= high or (opened is not None and not low <= opened <= high):
            strays += 1
            continue
        held += 1
    return held >= _DAILY_DATES and strays * _STRAYS <= held + strays


def _converting_rate(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                     body: Sequence[Sequence[str]], head_end: int | None = None) -> None:
    """Unmap, in place, a close named as an exchange rate (_EXCHANGE_RATES, _rate_in_a_currency) beside
    units held or traded (held_units: "Quantity", "Qty", 수량, not "Volume") that differ from row to
    row: a trade log's rate converting each trade's amount. "Trade Date,Name,Quantity,Unit Price,FX
    Rate,Amount" had loaded the rate as the close and the trade's quantity as the day's volume (silent).
    Not a rate quoted per so many units ("Date,Currency,FX Rate,Units", 100 on every row), nor a day's bar
    ("Open Rate,High Rate,Low Rate,Rate,Qty") or a table of every ticker's day ("Date,Symbol,Qty,Rate" of
    an Indian exchange's daily quantities traded): no trade has an open or a row of each ticker every day.
    That table names its price a plain "Rate" or "Rate (INR)", each ticker's its own on a day; a trade log's
    "FX Rate" is no price however its tickers' days fall, nor one rate for every ticker of a day (a plan's
    trades of each ticker every day had loaded its rate of 0.92 as their close)."""
    c = mapping.index("close")
    cells = _header_of(header_cells, c)
    if not any(norm_name(cell) in _EXCHANGE_RATES or _rate_in_a_currency(cell) for cell in cells) \
            or {"open", "high", "low"} & set(mapping) \
            or (any(norm_name(cell) == _RATE or _rate_in_a_currency(cell) for cell in cells)
                and _every_ticker_s_day(mapping, body, head_end) and not _one_a_day(c, mapping, body)):
        return
    for j in range(len(mapping)):
        name = " ".join(_header_of(header_cells, j))
        if j != c and mapping[j] in (None, "volume") and held_units(name) \
                and len({r[j].strip() for r in body if j < len(r) and r[j].strip()}) > 1:
            mapping[c] = None
            used.discard("close")
            return


def _every_ticker_s_day(mapping: Sequence[str | None], body: Sequence[Sequence[str]],
                        head_end: int | None = None) -> bool:
    """Whether several tickers each have one row on every date the sample holds whole, over _DAILY_DATES
    dates or more: a daily table of prices, not a book of trades. A day the head sample ends inside (or
    the tail starts inside) is not judged (sample_runs.py): an exchange's table of 300 tickers a day
    had its second day cut by the 16 KB quick head, as if tickers traded on one day and not the next,
    and was refused. The head and the tail each judged on their own tickers: years apart, listings change."""
    if "ticker" not in mapping or "date" not in mapping:
        return False
    t, d = mapping.index("ticker"), mapping.index("date")
    runs = [([(r[t].strip(), r[d].strip()) for r in rows if max(t, d) < len(r)], cut_before, cut_after)
            for rows, cut_before, cut_after in sample_runs(body, head_end)]
    keys = [key for run, _, _ in runs for key in run]
    if len(set(keys)) != len(keys) or len({day for _, day in keys}) < _DAILY_DATES:
        return False
    judged = False
    for run, cut_before, cut_after in runs:
        tickers = len({ticker for ticker, _ in run})
        held = Counter(day for _, day in run)  # each ticker's once (keys unique): a day's tickers
        days = [day for _, day in run]
        whole = held.keys() - cut_days(days, cut_before, cut_after)
        # The table's own first and last days may miss a ticker listed on the second day or gone on the last.
        # Where the run holds days between, those judge it, the edges missing no more rows than half its
        # tickers: a trade book of two tickers, one traded each day and both on the day between, had loaded
        # its rates as closes (silent). Where not (a day of more tickers than the quick head holds two of),
        # only a few: one listed had refused every row of a table past 16 KB, while a trade book's days hold
        # tickers at random.
        # With _JUDGING_DAYS between, every ticker on each, each edge may miss half: three tickers, one listed
        # on the second day and another gone on the last, had been refused 'no close column' (3af4f3e).
        edges = whole & cut_days(days, True, True)
        inner = whole - edges
        missing = [tickers - held[day] for day in edges]
        if any(held[day] != tickers for day in inner) or (
                max(missing, default=0) > max(1, tickers // 2) if len(inner) >= _JUDGING_DAYS
                else sum(missing) > (tickers // 2 if inner else max(1, tickers // _FEW_LISTED))):
            return False
        judged = judged or any(held[day] > 1 for day in whole)
    return judged


def _one_a_day(j: int, mapping: Sequence[str | None], body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j` holds one value for every row of each date: a day's conversion rate, not each
    ticker's price (_every_ticker_s_day tells that the table has a ticker and a date)."""
    t, d = mapping.index("ticker"), mapping.index("date")
    values: dict[str, set[str]] = {}
    for r in body:
        if max(j, t, d) < len(r):
            values.setdefault(r[d].strip(), set()).add(r[j].strip())
    return all(len(each) == 1 for each in values.values())


# An exchange rate's series key in the SDMX form of the ECB's EXR dataflow (the Bundesbank's BBEX3):
# frequency, currency, base currency, "EXR.D.USD.EUR.SP00.A", as the ECB Data Portal, the Banque de
# France's Webstat and the Bundesbank name a downloaded series ("US dollar/Euro (EXR.D.USD.EUR.SP00.A)").
_EXR_KEY = re.compile(r"(?<![A-Za-z0-9])(?:EXR|BBEX3)\.[A-Z]\.[A-Z]{3}\.[A-Z]{3}\.")


def _keyed_rate(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                types: Sequence[ColumnType]) -> None:
    """Map, in place, the one column of numbers of a dated file without a close that an exchange rate's
    series key names (_EXR_KEY) as the close, as "Exchange rate" is the file's one figure: the ECB Data
    Portal's download ("DATE","TIME PERIOD","US dollar/Euro (EXR.D.USD.EUR.SP00.A)") had "no close
    column" and every row rejected (real files round 32). Beside it only dates (the portal's second,
    "02 Jan 2024"); not two rates side by side, nor a rate beside another figure or words."""
    keyed, others = [], []
    for j, t in enumerate(types):
        if mapping[j] is not None or no_values_seen(t) or t.type in ("date", "timestamp"):
            continue
        name = " ".join(_header_of(header_cells, j))
        (keyed if _EXR_KEY.search(name) and t.type in _NUMERIC else others).append(j)
    if len(keyed) == 1 and not others and fits_type("close", types[keyed[0]]):
        mapping[keyed[0]] = "close"
        used.add("close")


BELOW_ZERO = 2  # values below zero that make a series no price one: a single one may be a slip's minus


# A column named as the currency a row is of (English, German, Spanish, Portuguese, French, Italian, Polish,
# Czech, Turkish, Russian, Korean, Japanese, Chinese), beside an exchange rate (_currency_keys_rates,
# _valued_currencies). French "monnaie" unread, a day's 170 rates "monnaie,rates,date" (Eracoptere/ETL, real
# files round 47) had every row rejected as an unnamed series.
CURRENCY_COLUMN = frozenset(norm_name(n) for n in ("currency", "ccy", "currency code", "währung", "moneda", "moeda",
                                                    "devise", "monnaie", "valuta", "waluta", "měna", "döviz",
                                                    "para birimi", "валюта", "통화", "通貨", "货币", "币种"))


# Codes for a missing value: -1 and all nines ("-9", "-999"), whole.
_MISSING_CODE = re.compile(r"-(?:1|9+)(?:\.0*)?")


_CODE_GAP = 10  # a whole value below zero this many times nearer zero than its series' least rate is a code


def _rates_below_zero(body: Sequence[Sequence[str]], c: int, j: int,
                      number_format: tuple[str, str | None] | None) -> int:
    """How many cells of column `c` hold a rate below zero: a number, not a mark of none ("-", "--"), nor a
    code for a missing day (_MISSING_CODE: "-1", "-999"). Counting every cell led by "-", an exchange rates'
    table with two holidays written "-" had lost its tickers, every row rejected as an unnamed series
    (0e66dfc). Any other whole number counts in a column of whole numbers: a policy rate in basis points
    (-75) is an interest rate below zero, passed over as a code, a table of them loaded its positive rates
    as closes. Beside rates with decimals it is a code still: an exchange rates' table with a holiday
    written "-2" had been refused whole (bd1f2f2). So is one far nearer zero than every rate of its own
    series (column `j`'s currency, _CODE_GAP): whole rates of won and yen (1300, 145) with a holiday "-2"
    had been refused whole (2b8dc14), as no rate leaps from 145 to -2; a basis points' series that goes
    below zero passes near it (25, 0, -10), and one below zero throughout (JPY -10 beside USD 550) has no
    rate above it."""
    series: dict[str, list[float]] = {}
    for r in body:
        if max(c, j) < len(r) and not _MISSING_CODE.fullmatch(cell := r[c].strip()) \
                and (v := float_under(cell, number_format)) is not None:
            series.setdefault(r[j].strip(), []).append(v)
    whole = all(v.is_integer() for values in series.values() for v in values if v > 0)
    below = 0
    for values in series.values():
        least = min((v for v in values if v > 0), default=0.0)
        below += sum(v < 0 and (not v.is_integer() or whole and _CODE_GAP * -v > least) for v in values)
    return below


def _currency_keys_rates(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                         types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                         number_format: tuple[str, str | None] | None) -> None:
    """Map, in place, a column named as the currency (CURRENCY_COLUMN) as the ticker where its values are
    currency codes that tell apart the rows of each date and the close is named as an exchange rate: a
    long table of rates ("Date,Currency,Rate", "날짜,통화,환율": "2024-01-02,USD,1300.5" beside
    "2024-01-02,JPY,9.12"), each currency's rates its series. Unread, every row was rejected as an
    unnamed series. Not under another close ("Value": a day's sales in each currency), nor beside another
    figure (a trade's rate beside its amount), nor where the codes do not key the dates (one currency:
    the file's, no ticker), nor under rates below zero (_rates_below_zero): no exchange rate is, an
    interest rate is ("Date,Currency,Rate": a deposit rate per currency, JPY -0.07, had loaded as series
    USD and EUR, its parent refused it as values that go below zero)."""
    c = mapping.index("close")
    rate = _header_of(header_cells, c)
    if any(m is None and t.type in _NUMERIC for m, t in zip(mapping, types)) or not any(
            norm_name(cell) in _EXCHANGE_RATES | {_RATE} or _rate_in_a_currency(cell) for cell in rate):
        return
    j = _currency_column(mapping, header_cells, body)
    if j is not None and _keys_dates(j, body, mapping.index("date")) \
            and _rates_below_zero(body, c, j, number_format) < BELOW_ZERO:
        mapping[j] = "ticker"
        used.add("ticker")


def _currency_column(mapping: list[str | None], header_cells: Sequence[Sequence[str]],
                     body: Sequence[Sequence[str]]) -> int | None:
    """The unmapped column named as the currency (CURRENCY_COLUMN) that holds currency codes, if any."""
    for j, cells in enumerate(header_cells):
        if mapping[j] is None and {norm_name(cell) for cell in cells} & CURRENCY_COLUMN \
                and currency_share([r[j] for r in body if j < len(r)]) >= 0.9:
            return j
    return None


# A column named as the term a rate is fixed for (_tenor_keys_rates).
_TENOR_COLUMN = frozenset(norm_name(n) for n in ("tenor", "term", "maturity", "laufzeit", "plazo", "prazo",
                                                 "échéance", "scadenza", "termin", "looptijd"))


def names_a_term(cells: Iterable[str]) -> bool:
    """Whether a column's header cells name the term a rate is fixed for (_TENOR_COLUMN): "Tenor", "Plazo"."""
    return bool({norm_name(cell) for cell in cells} & _TENOR_COLUMN)


def _tenor_column(mapping: list[str | None], header_cells: Sequence[Sequence[str]],
                  body: Sequence[Sequence[str]]) -> int | None:
    """The unmapped column named as a rate's term (_TENOR_COLUMN) that holds tenors alone ("1M", "O/N"), if any."""
    for j, cells in enumerate(header_cells):
        if mapping[j] is None and names_a_term(cells):
            cells = [r[j] for r in body if j < len(r) and r[j].strip()]
            if cells and all((t := tenor_days(c)) is not None and not t[0] for c in cells):
                return j
    return None


def _tenor_keys_rates(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                      types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                      number_format: tuple[str, str | None] | None, file_name: str) -> None:
    """Map, in place, a column of tenors named as a rate's term (_tenor_column) that tells apart the rows of
    each date as the ticker, and the one column of numbers beside it as the close, where its values are a
    rate's daily fixings (tenors.fixings): a long table of a rate by tenor ("Date,Tenor,Rate", "Fecha,Plazo,
    Tasa", "Date,Tenor,Rate (%)"), each tenor's fixings its series. Unread, every row was rejected as an
    unnamed series, or the first tenor's loaded under the file's name and the others' rejected as its
    conflicting duplicates; or the file was refused for "no close column". Not a loan book's amounts by term
    (they jump), nor beside another figure; nor where neither the numbers' header nor the file's name names
    the rate (tenors.rate_named): a fund's returns or an option's volatility by term move as fixings do."""
    d = mapping.index("date")
    j = _tenor_column(mapping, header_cells, body)
    numbers = [k for k, t in enumerate(types) if t.type in _NUMERIC and mapping[k] in (None, "close")]
    if j is None or len(numbers) != 1 or any(m not in (None, "date", "close") for m in mapping) \
            or not fits_type("close", types[c := numbers[0]]) or not _keys_dates(j, body, d) \
            or rate_named(" ".join(header_cells[c]), base_name(file_name)) is None:
        return
    series: dict[str, list[str]] = {}
    for r in body:
        if max(c, j) < len(r):
            series.setdefault(r[j].strip().upper(), []).append(r[c])
    if fixings(list(series.values()), [r[d] for r in body if d < len(r)], types[d].format or "",
               *marks_or_default(number_format)):
        mapping[j], mapping[c] = "ticker", "close"
        used.update(("ticker", "close"))


# A currency's price in another named by the other's code with "value" or "rate", or as so much of it "per
# unit": "date,currency,value_brl,prev_value,pct_change_day" (JonWilk365/bb-moedas, EUR and USD in reais) and
# "date,currency,lkr_per_unit" (dhananjaya-hbc/lanka-data-tracker, rupees per unit) had "no close column"
# (real files round 49). A close only beside a currency column of other codes than the name's
# (_valued_currencies): alone, "value_usd" is a day's sales or a trade's amount as well.
# "date,currency,rate_to_cny" (seeLn-La/metal-price-report, real files round 50) too: "no close column".
_VALUE_WORDS = (["value"], ["valor"], ["rate"], ["per", "unit"], ["rate", "to"], ["rate", "in"], ["value", "in"])


def _valued_in(cell: str) -> str | None:
    """The quote currency's code a name values a thing in (_VALUE_WORDS: "value_brl", "lkr_per_unit"), with
    that currency in brackets after it or none (series_units.in_its_currency: "lkr_per_unit (LKR)" had "no
    close column"; not "value_brl (USD)")."""
    return in_its_currency(cell, _code_valued_in)


def _code_valued_in(cell: str) -> str | None:
    """_valued_in of a name with no unit after it."""
    words = [w.lower() for w in _split_words(cell)]
    codes = [w for w in words if w.upper() in CURRENCY_CODES]
    if len(codes) == 1 and [w for w in words if w != codes[0]] in _VALUE_WORDS \
            and (words[0] == codes[0] or words[-1] == codes[0]):
        return codes[0].upper()
    return None


def _of_the_figure(cell: str) -> bool:
    """Whether a name is a figure of the one figure beside it (_OF_THE_FIGURE), its words joined as a
    writer of code joins them too ("prev_value", "pct_change_day")."""
    return bool(_OF_THE_FIGURE.search(cell) or _OF_THE_FIGURE.search(" ".join(_split_words(cell))))


def _valued_currencies(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                       types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                       number_format: tuple[str, str | None] | None) -> None:
    """Map, in place, the one column of numbers named as valued in a currency (_valued_in) as the close, and
    the currency column beside it as the ticker where its codes tell apart the rows of each date: a long
    table of each currency's price in the name's. Only where the currency column's codes are other than the
    name's (a day's sales in each currency, worth so much in reais, count reais among them), beside no
    other column but dates and figures of the rate itself (its previous value, its change), not an account's
    or a trade's quantity, and each currency's values moving as a rate's do (moves.jumps_as_counts) within
    its pair's reach (currencies.rate_out_of_reach: a fund's holdings in euros, worth 1.2 million dollars)."""
    k = _currency_column(mapping, header_cells, body)
    if k is None or set(used) != {"date"}:
        return
    valued, others = [], []
    for j, t in enumerate(types):
        if j != k and mapping[j] is None and not no_values_seen(t) and t.type not in ("date", "timestamp"):
            cells = _header_of(header_cells, j)
            code = next((c for cell in cells if (c := _valued_in(cell))), None) if t.type in _NUMERIC else None
            if code:
                valued.append((j, code))
            elif not cells or not any(_of_the_figure(cell) for cell in cells):
                others.append(j)
    if len(valued) != 1 or others or not fits_type("close", types[valued[0][0]]):
        return
    j, code = valued[0]
    d = mapping.index("date")
    series: dict[str, list[float]] = {}
    for r in body:
        if max(j, k, d) < len(r) and (v := float_under(r[j], number_format)) is not None:
            series.setdefault(r[k].strip().upper(), []).append(v)
    if code in series or any(v <= 0 for own in series.values() for v in own) \
            or any(rate_out_of_reach(f"{ccy}/{code}", own) for ccy, own in series.items()) \
            or jumps_as_counts(list(series.values()), RATES, is_whole(types[j]), [r[d] for r in body if d < len(r)],
                               types[d].format or ""):
        return
    mapping[j] = "close"
    used.add("close")
    if _keys_dates(k, body, mapping.index("date")):
        mapping[k] = "ticker"
        used.add("ticker")


# FRED's download of one series (a series page's "Download CSV", fredgraph.csv): the date under FRED's own
# name, "DATE" or, since 2024, "observation_date", then one column named by the series' id, capitals and
# digits run together ("DCOILWTICO", "NIKKEI225", "DEXUSEU").
_FRED_DATES = frozenset({"DATE", "observation_date"})
_FRED_ID = re.compile(r"[A-Z][A-Z0-9]{2,}")
# "observation_date" is FRED's alone, but any database's export in capitals writes "DATE" over a column named
# by a word ("DATE,SALES", "DATE,VISITORS", "DATE,TEMP": each had loaded as a ticker's closes without a word,
# and been refused for "no close column" before). Under "DATE", an id is FRED's only where it holds a digit
# ("NIKKEI225", "SP500", "DGS10") or its column writes FRED's "." for a day without a value. Not a chemical
# formula's digit ("DATE,PM25", "DATE,CO2", "DATE,H2O": an air-quality or a sensor's export, whose readings had
# loaded as closes without a word): a short one, as a sensor names the gas it reads ("SO2", "CH4", "C6H6"). Longer
# ids that read as formulas too are FRED's ("STLFSI4", "GDPC1", "HSN1F", "U6RATE", "CE16OV": refused for "no
# close column" where the base loaded them).
_FRED_OWN_DATE = "observation_date"
_FORMULA_CHARS = 4
_FRED_NO_VALUE = "."


def _fred_id(names: Sequence[str], body: Sequence[Sequence[str]]) -> bool:
    """Whether the date's and the column's names are FRED's download of a series (_FRED_DATES, _FRED_ID):
    "DATE,NIKKEI225", the Nikkei's daily closes, had "no close column" and every row rejected (real files
    round 46)."""
    # FRED's own date name in capitals too ("OBSERVATION_DATE,DEXINUS": a writer's upper-cased header had "no
    # close column"); "date" in lower case is anyone's.
    own = names[0].lower() == _FRED_OWN_DATE
    if not (own or names[0] in _FRED_DATES) or not _FRED_ID.fullmatch(names[1]):
        return False
    formula = len(names[1]) <= _FORMULA_CHARS and chemical_formula(names[1])
    return own or any(c.isdigit() for c in names[1]) and not formula \
        or any(len(r) > 1 and r[1].strip() == _FRED_NO_VALUE for r in body)


def _named_series(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                  types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                  number_format: tuple[str, str | None] | None) -> None:
    """Map, in place, the one column of a dated file named as one series is (FRED's id: _fred_id; a
    currency pair: currencies.currency_pair) as the close. Two columns only, the date first; not a
    series at or below zero on some day (a spread, a yield curve's slope: "T10Y2Y"), no price's, nor
    numbers that move from row to row as a volume or a count of trades does and no rate (moves.jumps_as_counts,
    as a matrix of pairs is judged): "Date,USD/TRY" of the pair's volume had loaded it as rates; nor a
    pair's beyond its rate's reach (currencies.rate_out_of_reach). A column after them that is the
    series' change from the day before, by its values (_close_change), is the series' too: "DATE,SOFR,Change"
    had "no close column", every row rejected. So is a column of its unit written on every row (_one_label):
    "observation_date,DCOILBRENTEU,unit" had "no close column", every row rejected (real files round 53)."""
    if len(types) < 2 or mapping[0] != "date" or mapping[1] is not None or no_values_seen(types[1]) \
            or types[1].type not in _NUMERIC:
        return
    labels: list[str | None] = []
    if len(types) > 2:
        series = _column_of(body, 1, number_format)
        if any(mapping[j] is not None for j in range(2, len(types))):
            return
        labels = [None if _close_change(_column_of(body, j, number_format), series)
                  else _one_label(types[j], [r[j] if j < len(r) else "" for r in body]) or ""
                  for j in range(2, len(types))]
    # Less the unit written after the series' name or under it (series_units.series_name: "DGS10 (%)", "USD"
    # or "Percent" under "DGS10", "yyyy-mm-dd" under "DATE"): "DGS10 USD" is no FRED id, and the series with a
    # unit had "no close column", every row rejected. Not a scale ("'000", "bn", "USD mn", pence's "GBX"): none
    # is applied to a close, and "SP500" over "'000" had loaded 4.7 for 4,700.
    (date_name, _), (name, units) = series_name(_header_of(header_cells, 0)), series_name(_header_of(header_cells, 1))
    # A pair's rate is in its quote currency: not in percent, points or pips (a change, forward points), nor in
    # brackets in another currency ("USD/TRY (USD)"). A units row's currency under it is let be, as before.
    bracketed = trailing_unit(_header_of(header_cells, 1)[0])[1] if _header_of(header_cells, 1) else None
    pair = currency_pair(name) and not any(rate_unit(u) for u in units) and bracketed in (None, pair_quote(name))
    if not (_fred_id([date_name, name], body) or pair) \
            or not all(label is None or _states_level(label, name) for label in labels) \
            or change_in_percent(name, units):  # "SP500 (%)": the index's change, no level
        return
    values = [v for r in body if len(r) > 1 and (v := float_under(r[1], number_format)) is not None]
    if fits_type("close", types[1]) and not any(v <= 0 for v in values) \
            and not jumps_as_counts([values], RATES if currency_pair(name) else FIGURES, is_whole(types[1]),
                                    [r[0] for r in body if r], types[0].format or "") \
            and not rate_out_of_reach(name, values):  # a pair's forward points, a position: no rate
        mapping[1] = "close"
        used.add("close")


def _one_label(t: ColumnType, cells: Sequence[str]) -> str | None:
    """The one same word a column writes on every row, as a series' unit is written beside its values
    ("observation_date,DCOILBRENTEU,unit" with "Dollars per Barrel" on each row), or None. A column of words
    that change from row to row is no unit."""
    words = {c.strip() for c in cells}
    return words.pop() if t.type == "string" and not no_values_seen(t) and len(words) == 1 else None


def _states_level(label: str, name: str) -> bool:
    """Whether a unit written on every row beside a named series (_one_label) says the values are the
    series' level, as a unit after or under its name is read (series_units.level_unit: "Percent", "Index
    2015=100"), or money per a good's unit (unit_prices: "Dollars per Barrel"); a pair's only in its quote
    currency ("TRY", "TRY per USD" beside "USD/TRY"). Not a change, a growth, a ratio, a forecast, a scale
    or a pair's inverse: "DATE,SP500,unit" of "Percent Change from Year Ago" and "USD/TRY" of "USD per TRY"
    had loaded as closes."""
    if currency_pair(name):
        return label.upper() in (pair_quote(name), f"{pair_quote(name)} PER {pair_base(name)}")
    return level_unit(label) or names_unit_price(label)


def _lone_price(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                number_format: tuple[str, str | None] | None) -> None:
    """Map, in place, the one numeric column of a dated file without a close whose name says it is a
    price and nothing else (_PRICE_WORD, _OTHER_PRICE, _NO_PRICE; or money per a good's unit:
    unit_prices.py) as the close; none where several are,
    nor in a table that holds figures or words no column took beside it: a log of purchases ("Order
    Date,Purchase Price Per Unit,Quantity,Title,Category", each row an item's), an option's quotes
    ("Date,Strike,Option Price"), a forecast's bounds ("Date,Predicted Price,Lower Bound,Upper Bound"), a
    dividend's ("Ex Date,Dividend,Share Price") had each loaded its price as a series."""
    priced, others = [], []
    for j, t in enumerate(types):
        if mapping[j] is not None or no_values_seen(t):
            continue
        if j >= len(header_cells) or not header_cells[j]:
            if not is_whole(t):
                others.append(j)  # an unnamed column of whole numbers is a writer's row numbers ("",Date,...)
            continue
        text = unicodedata.normalize("NFKD", " ".join(header_cells[j])).lower()
        found = list(re.finditer(r"[a-z]+", text))
        words = [m.group() for m in found]
        at = [i for i, w in enumerate(words) if _PRICE_WORD.fullmatch(w)]
        if at and t.type in _NUMERIC:
            before, after = words[:at[0]] + [words[at[0]].rstrip("s")[:-len("price")]], words[at[0] + 1:]
            named = [w for w in before if w and w not in _ARTICLES]
            other = len(at) > 1 or any(w in _OTHER_PRICE | _FIGURE_OF_PRICE for w in before) \
                or bool(named) and named[-1] in _OF_THE_PRICE or any(w in _NO_PRICE for w in after) \
                or other_figure_per_unit(text[found[at[0]].end():])  # "price_cap_usd_per_barrel": a policy's
            priced.append((j, other))
        elif t.type in _NUMERIC and names_unit_price(" ".join(header_cells[j])):
            # money per a good's unit, no word "price" ("brent_usd_per_barrel"; unit_prices reads only a good's
            # words before the money); an average among them is another figure still ("avg_usd_per_barrel")
            priced.append((j, any(w in _OTHER_PRICE or w in _NO_PRICE for w in words)))
        else:
            others.append(j)
    if len(priced) == 1:
        # The price's change from the day before beside it, by its values (_close_change), is the price's
        # too: "Day,Henry Hub ... Spot Price ...,Change" had "no close column", every row rejected.
        price = _column_of(body, priced[0][0], number_format)
        others = [j for j in others if not _close_change(_column_of(body, j, number_format), price)]
    if len(priced) == 1 and not others and not priced[0][1] and fits_type("close", types[priced[0][0]]):
        mapping[priced[0][0]] = "close"
        used.add("close")


# CoinGecko's API names a coin's price "current_price" (/coins/markets, saved row by row by a tracker: "id,symbol,
# current_price,last_updated", real files round 47); a shop's sales name a product's price after its discount so
# too ("Country,article,sales,regularprice,current_price,retail_week", round 46), and a broker's holdings a share's
# price of the moment, no close. CoinGecko's is told by its other names beside it, as its API writes them: the
# coin's id and symbol, the symbol in lower case as it writes every one ("ethereum", "eth"; a holding's "AAPL"
# is no coin's), or two names of its market's figures.
_COINGECKO_PRICE = "current_price"
_COINGECKO_COIN = ("id", "symbol")
_COINGECKO_MARKET = frozenset({
    "last_updated", "market_cap", "total_volume", "high_24h", "low_24h", "price_change_24h",
    "price_change_percentage_24h", "market_cap_rank", "market_cap_change_24h", "circulating_supply", "total_supply",
    "max_supply", "fully_diluted_valuation", "ath", "atl", "ath_date", "atl_date"})
_COINGECKO_LEAST = 2


def _coingecko_price(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                     types: Sequence[ColumnType], body: Sequence[Sequence[str]]) -> None:
    """Map, in place, CoinGecko's "current_price" as the close where the header is CoinGecko's
    (_COINGECKO_COIN, _COINGECKO_MARKET): refused before for "no close column", its coin's every day rejected."""
    names = [" ".join(_header_of(header_cells, j)).strip() for j in range(len(types))]
    if names.count(_COINGECKO_PRICE) != 1:
        return
    symbols = [r[k].strip() for k in [names.index("symbol")] for r in body if k < len(r)] if "symbol" in names else []
    if any(c != c.lower() for c in symbols):
        return
    if not (all(n in names for n in _COINGECKO_COIN) or len(_COINGECKO_MARKET.intersection(names)) >= _COINGECKO_LEAST):
        return
    j = names.index(_COINGECKO_PRICE)
    if mapping[j] is None and not no_values_seen(types[j]) and fits_type("close", types[j]):
        mapping[j] = "close"
        used.add("close")


def _unread_volume(mapping: list[str | None], used: set[str], scores: Sequence[dict[str, float]],
                   types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                   number_format: tuple[str, str | None] | None = None) -> None:
    """Map, in place, a column named as the volume by a whole name ("Volume", "Vol.") whose values read
    as no number ("1.234,5" in a file of "." decimals, "12 500 shares", words): unmapped, every row loaded
    with no volume, without a word. Mapped, its cells that read are volumes and the rest rejected as
    unparseable (normalise.py). Only text: a column of dates or of amounts in money is no count; nor one
    whose cells that read are misread (_misread_groups); nor one of no value but a formula's errors
    (Bloomberg's "#N/A Field Not Applicable" as an index's PX_VOLUME), which holds no count to misread,
    as one of "#N/A" holds none: mapped, every row of the index was rejected. Nor one whose dots the
    file's marks leave unread (_dots_unread), nor one of money scaled by a letter (scaled_money.py)."""
    for j, t in enumerate(types):
        if mapping[j] is None and t.type == "string" and not no_values_seen(t) \
                and scores[j].get("volume", 0.0) >= _STRONG_NAME:
            cells = [r[j].strip() for r in body if j < len(r)]
            if not _misread_groups(cells) and not all(c in NO_VALUE for c in cells) \
                    and not _dots_unread(cells, number_format) and not scaled_money(cells):
                mapping[j] = "volume"
                used.add("volume")
                return


# A count whose thousands are grouped by a mark ("1.234.567", "1.234,5": the dot groups) and a cell
# of one group of three ("123.456"), which a file of that decimal mark reads as 123.456.
_GROUPED = re.compile(r"-?\d{1,3}([.,])\d{3}(?:\1\d{3})+(?:[.,]\d+)?|-?\d{1,3}(?:([.,])\d{3})+(?!\2)[.,]\d+")
_ONE_GROUP = re.compile(r"-?\d{1,3}([.,])\d{3}")


def _dots_unread(cells: Sequence[str], number_format: tuple[str, str | None] | None) -> bool:
    """Whether a text column holds counts of one group by a dot ("1.234") in a file of another decimal
    mark that groups by none: the dot's reading in doubt (numbers.py), as grouping or as a decimal. Its
    cells are text for that; mapped as the volume, they were parsed with the dot a decimal point all
    the same, 1.234 shares where the file's custom writes 1234: a ';' file of whole prices ("955")
    beside such volumes, dated year first, loaded them a thousandfold small, without a word. Left
    unmapped, no volume loads. Not where another mark groups ("1 500,00"): the dot groups nothing
    there, and a coin's "21.375" is its decimal (comma_groups.py)."""
    if number_format is None or number_format[0] == "." or number_format[1] is not None:
        return False
    return any(m is not None and m.group(1) == "." for m in map(_ONE_GROUP.fullmatch, cells))


def _misread_groups(cells: Sequence[str]) -> bool:
    """Whether a text column's counts group thousands by a mark ("1.234.567" in a file of "." decimals)
    and some of its cells are one group ("123.456"): mapped as the volume, the grouped counts were
    rejected and the others loaded a thousandfold small, without a word. Left unmapped, no volume loads."""
    marks = {m.group(1) or m.group(2) for c in cells if (m := _GROUPED.fullmatch(c))}
    return bool(marks) and any((m := _ONE_GROUP.fullmatch(c)) and m.group(1) in marks for c in cells)


# The other price fields a header must name for a short form to be one of them: "Date,Op,Hi,Lo,Cl".
_SHORT_FORMS_BESIDE = 2
_SHORTENED = ("open", "high", "low", "close")


def _without_lone_short_forms(header_cells: Sequence[Sequence[str]], scores: list[dict[str, float]],
                              instruments: frozenset[str] = frozenset(),
                              types: Sequence[ColumnType] = ()) -> None:
    """Unname, in place, the columns named a price field only by a short form (_abbreviated_field)
    where the other columns name fewer than two other prices: a clerk shortens a row of names, not
    one ("Date;Opé;Cours": an operation's number, no open). So too a close named by a letter or two
    (_tersely_named) beside figures no field's name takes (_unnamed_figures)."""
    named = [{c for c in s if c in _SHORTENED} for s in scores]
    for j, cells in enumerate(header_cells[:len(scores)]):
        if not scores[j]:
            continue
        terse = _tersely_named(cells, named[j]) and _unnamed_figures(header_cells, scores, types, j)
        if not terse and not any(c.isascii() and _abbreviated_field(_latin(norm_name(c))) for c in cells):
            continue
        plain = _name_score(cells, abbreviated=False, instruments=instruments)
        if terse:
            plain = {f: v for f, v in plain.items() if f not in _SHORTENED}
        if plain == scores[j]:
            continue
        others = set().union(*(named[k] for k in range(len(named)) if k != j))
        if len(others) < _SHORT_FORMS_BESIDE:
            scores[j] = plain


# The comparatives as a pair of whole names ("Date,Open,Higher,Lower,Close"): the day's high and low. Alone,
# "Lower" is a band's lower line as often ("Date,Close,Upper,Lower"), no low (_NO_LOW); beside "Higher" it
# is the bar's, and unread, the day's low had loaded as the lesser of its open and close (silent).
_COMPARATIVES = {"higher": "high", "lower": "low"}


def _higher_and_lower(header_cells: Sequence[Sequence[str]], scores: list[dict[str, float]]) -> None:
    """Name, in place, the columns whose lowest header cells are "Higher" and "Lower" the high and the low,
    where the header holds both (_COMPARATIVES)."""
    at = {norm_name(cells[-1]): j for j, cells in enumerate(header_cells[:len(scores)]) if cells}
    if all(word in at for word in _COMPARATIVES):
        for word, field in _COMPARATIVES.items():
            scores[at[word]] = {field: _STRONG_NAME}


# B3's words for the shares traded (COTAHIST's QUATOT, Profit's and brokers' exports: "...;Fechamento;Volume;
# Quantidade", "Qtde"), beside which its "Volume" is the reais traded (VOLTOT): the leftmost of two equal
# names, the money loaded as the volume wherever the rows did not prove it (count_beside_money), as with
# prices adjusted for dividends, whose bar the day's average price leaves (silent). Not "Qtd Negócios":
# the trades. "Qtd" alone only among Portuguese prices' names: in English it is quarter-to-date.
_SHARES_BESIDE_VOLUME = frozenset(norm_name(n) for n in (
    "quantidade", "qtde", "quantidade de titulos", "qtd titulos", "qtd de titulos", "qtde titulos",
    "quantidade negociada", "qtd negociada", "qtde negociada", "titulos negociados"))
_add("volume", 1.0, *_SHARES_BESIDE_VOLUME)
_QTD = norm_name("qtd")
_PORTUGUESE_PRICES = frozenset(norm_name(n) for n in ("abertura", "fechamento", "fecho", "maximo", "maxima", "minimo",
                                                      "minima", "ultimo", "preco", "cotacao", "negocios"))


# B3's count of trades ("Negócios", "Qtd Negócios", "Nº Negócios"; norm_name runs the words together): beside
# it, "Volume" is the reais traded as it is beside the shares (ADVFN's, B3's own and brokers' exports), and had
# loaded as the shares traded (silent). Unnamed, the day loads without a volume: no column counts the shares.
_B3_TRADES = norm_name("negocios")


def _lowest_names(header_cells: Sequence[Sequence[str]], width: int) -> list[str]:
    """Each column's name in the header's row nearest the data, norm_name'd ("" for none)."""
    return [norm_name(cells[-1]) if cells else "" for cells in header_cells[:width]]


def _counted_beside_money(header_cells: Sequence[Sequence[str]], scores: list[dict[str, float]]) -> None:
    """Unname, in place, a column named "Volume" alone beside one named as B3 names the shares traded
    (_SHARES_BESIDE_VOLUME, or _QTD among _PORTUGUESE_PRICES), which it names the volume, or its trades
    (_B3_TRADES): the money traded."""
    lowest = _lowest_names(header_cells, len(scores))
    terse = _QTD in lowest and bool(_PORTUGUESE_PRICES & set(lowest))
    trades = any(n.endswith(_B3_TRADES) for n in lowest)
    if "volume" not in lowest or not (terse or trades or _SHARES_BESIDE_VOLUME & set(lowest)):
        return
    for j, n in enumerate(lowest):
        if n == "volume":
            scores[j] = {}
        elif n == _QTD and terse:
            scores[j] = {"volume": 1.0}


def _trades_beside_money(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                         body: Sequence[Sequence[str]], number_format: tuple[str, str | None] | None) -> None:
    """Unmap, in place, a volume that B3's name for the shares gave (_counted_beside_money) where the reais
    under "Volume" over it come to hundreds of the day's price (counts_trades): some of B3's exports count
    the trades under "Quantidade", which had loaded as the shares traded (silent)."""
    if "volume" not in mapping:  # the money proved by its rows (count_beside_money, _money_volume)
        return
    lowest = _lowest_names(header_cells, len(mapping))
    units = mapping.index("volume")
    price = mapping.index("high") if "high" in mapping else mapping.index("close") if "close" in mapping else None
    if price is None or not (lowest[units:units + 1] and lowest[units] in _SHARES_BESIDE_VOLUME | {_QTD}):
        return
    money = [j for j, n in enumerate(lowest) if n == "volume" and mapping[j] is None]
    if money and counts_trades(money[0], units, price, body, number_format):
        mapping[units] = None
        used.discard("volume")


# A fund's net asset value, by the names that map it to the close (0.8): its price where no close is named.
# "Unit NAV" (Tushare's, akshare's unit_nav) as well: beside "GLD Close" it had taken the close from it.
_NAV_NAMES = frozenset(norm_name(n) for n in ("nav", "net asset value", "unit nav"))
# A close named by the instrument's ticker ("GLD Close", "SPY_CLOSE", "gld close"), scored by its hint (0.6).
_TICKER_CLOSE = re.compile(r"(?P<code>[A-Za-z]{1,5})[ _.\-]*(?:close|closing price)", re.IGNORECASE)
# Words written where a ticker would be that make the close another series' or no day's close.
_NOT_A_CODE = frozenset({"nav", "inav", "fund", "index", "idx", "total", "tot", "bench", "bmk", "peer", "peers",
                         "ptf", "prev", "prior", "last", "adj", "raw", "eod", "day", "week", "month", "year",
                         # Index families and their tickers: a benchmark rebased to the fund's NAV ("Date,NAV,
                         # MSCI Close", both from 100) hugs it, and its levels had loaded as the fund's price.
                         "msci", "ftse", "stoxx", "spx", "gspc", "sp", "ndx", "dji", "djia", "dj", "rut", "dax",
                         "cac", "nky", "hsi", "topix", "kospi", "nifty", "bse", "nse", "asx", "tsx", "ibov",
                         "crsp", "bbg", "iboxx", "jpm", "ice", "bofa",
                         # A fund's cash at the close beside its NAV ("cash_open,cash_close,nav"): its cash
                         # book's balance, which had loaded as the fund's price where it came near the NAV.
                         "cash"})
_NAV_YIELDS = 0.55  # below a named close's hint (0.6), above nothing


def _ticker_close_over_nav(header_cells: Sequence[Sequence[str]], scores: list[dict[str, float]],
                           body: Sequence[Sequence[str]],
                           number_format: tuple[str, str | None] | None = None) -> None:
    """Weaken, in place, a bare NAV's claim to the close beside a close named by a ticker that hugs it
    ("Date,GLD Close,NAV,Volume": an archive of SPDR's gold ETF): the price the fund traded at is its
    close, as "Market Price" beside "NAV" is. At 0.8 over the named close's 0.6, GLD's NAV had loaded
    as its closes without a word. A benchmark's close ("SPX Close" beside a fund's NAV of 25) stands
    apart from the NAV and leaves the NAV the fund's price."""
    cells = [c[0] if len(c) == 1 else "" for c in header_cells[:len(scores)]]
    navs = [j for j, c in enumerate(cells) if norm_name(c) in _NAV_NAMES and "close" in scores[j]]
    if not navs:
        return  # the common case: no NAV
    closes = [j for j, c in enumerate(cells) if "close" in scores[j] and _ticker_close(c)]
    if any(_hugs(body, k, j, marks_or_default(number_format)) for k in closes for j in navs):
        for j in navs:
            scores[j]["close"] = min(scores[j]["close"], _NAV_YIELDS)


def _traded_names_yield(header_cells: Sequence[Sequence[str]], scores: list[dict[str, float]],
                        candidates: list[tuple[float, bool, int, str]]) -> None:
    """Drop, in place, a "Traded Companies" column's ticker candidate where another column is one (save an
    index's name): the name is the instrument only where nothing else names it. Stronger than a symbol named
    by a hint alone ("Stock Symbol", "Company Symbol": 0.6), it had named every row of "Date,Stock Symbol,
    Traded Companies,LTP" by the company's long name, not its symbol: another series of the same stock."""
    traded = {j for j, cells in enumerate(header_cells[:len(scores)])
              if cells and _SYNONYMS.get(norm_name(cells[-1])) == ("ticker", _TRADED_NAMES)}
    if traded and any(c == "ticker" and -negj not in traded and scores[-negj].get("ticker") != _INDEX_NAME
                      for _, _, negj, c in candidates):
        candidates[:] = [c for c in candidates if not (c[3] == "ticker" and -c[2] in traded)]


# A previous close's name, run together by norm_name: "Prev. Close", "PREV_CLOSE", "Previous Closing", "Prior
# Close", "Yesterday's Close Price".
_PREVIOUS_CLOSE_NAME = re.compile(r"(?:prev|previous|prior|yesterdays?|yday)(?:close|closing)(?:price)?")


_COPIED_OUTSIDE = 2  # rows at least, where a copied open lies outside the day's range
_COPIED_OUTSIDE_SHARE = 0.25  # and a quarter of the rows


def _open_copies_previous_close(header_cells: Sequence[Sequence[str]], scores: list[dict[str, float]],
                                body: Sequence[Sequence[str]],
                                number_format: tuple[str, str | None] | None = None) -> None:
    """Unname, in place, an open that is the previous close copied: equal to the column named as the
    previous close on every sampled row holding both (three at least), and outside the day's range (above
    its high or below its low), which no open ever is, on two rows and a quarter of them at least. NEPSE's
    old daily sheet ("S.No,Symbol,Conf.,Open,High,Low,Close,VWAP,Vol,Prev. Close,...") writes the day
    before's close under "Open": read as the open, 30 of three days' 44 rows were rejected ("high <
    max(open, close)"), their closes with them. An open that merely equals the previous close (an illiquid
    stock's, an auction that opened unchanged) lies within the day's range and stays the open, as on every
    row but one whose high or low is in error (that row is rejected, the others keep their opens)."""
    cells = [norm_name(c[-1]) if c else "" for c in header_cells[:len(scores)]]
    previous = [k for k, c in enumerate(cells) if _PREVIOUS_CLOSE_NAME.fullmatch(c)]
    opens, highs, lows = ([j for j, s in enumerate(scores) if f in s] for f in ("open", "high", "low"))
    if len(previous) != 1 or len(opens) != 1 or len(highs) != 1 or len(lows) != 1:
        return  # the common case: no previous close beside one open, high and low
    marks = marks_or_default(number_format)
    o, p, h, lo = opens[0], previous[0], highs[0], lows[0]
    pairs = outside = 0
    for row in body:
        if max(o, p, h, lo) >= len(row):
            continue
        opened, before = to_float(row[o], *marks), to_float(row[p], *marks)
        if opened is None or before is None:
            continue
        if abs(opened - before) > 1e-9 * max(1.0, abs(before)):
            return  # an open of its own on this row: the column is the open
        pairs += 1
        high, low = to_float(row[h], *marks), to_float(row[lo], *marks)
        outside += high is not None and low is not None and not low <= opened <= high
    # A copy falls outside the range wherever the price gapped, most days (NEPSE: 10 of each day's 14 or 15
    # rows); an open of its own, on a row with an error only. An illiquid stock's opens at the last close
    # with one row's high mistyped had lost every row's open to the close (filled, silent) for one row
    # the checks reject on their own (loud).
    if pairs >= 3 and outside >= max(_COPIED_OUTSIDE, pairs * _COPIED_OUTSIDE_SHARE):
        del scores[o]["open"]


_PREMIUM = 0.05  # an ETF's price departs from its NAV by its premium or discount: a percent or two


def _hugs(body: Sequence[Sequence[str]], price: int, nav: int, number_format: tuple[str, str | None],
          within: float = _PREMIUM) -> bool:
    """Whether column `price` stays within `within` (_PREMIUM) of column `nav` on the median row holding
    both, their cells read under the file's marks (a ';' file's "101,50" is 101.5)."""
    gaps = []
    for row in body:
        if max(price, nav) < len(row):
            p, n = to_float(row[price], *number_format), to_float(row[nav], *number_format)
            if p is not None and n is not None and p > 0 and n > 0:
                gaps.append(abs(p / n - 1))
    return bool(gaps) and sorted(gaps)[len(gaps) // 2] <= within


def _ticker_close(cell: str) -> bool:
    m = _TICKER_CLOSE.fullmatch(cell.strip())
    return m is not None and m.group("code").lower() not in _NOT_A_CODE


def _tersely_named(cells: Sequence[str], fields: set[str]) -> bool:
    """Whether a column is named the close by a letter or two alone ("c", "cl"): a row of such names
    is a price table's ("t,o,h,l,c,v"); one among other names is not. A sensor log's "cl" (chloride)
    beside "P", "T" and "EGV" had loaded as a close. (A lone "Hi" or "Lo" loads nothing by itself.)"""
    return "close" in fields and _tersely(cells)


def _unnamed_figures(header_cells: Sequence[Sequence[str]], scores: Sequence[dict[str, float]],
                     types: Sequence[ColumnType], j: int) -> bool:
    """Whether a column other than `j` is named and holds numbers that no field its name suggests
    can take: "EGV" beside a sensor log's "cl", "F" and "GM" beside "C" in a sheet of tickers' closes
    ("Date,C,F,GM,T": Citigroup, Ford). A close named "c" or "cl" stands where every other column
    is a field's ("Date,c", "date,c,v", "Date,Ticker,C", quantmod's "Index,c"): those had loaded,
    and were refused for want of a close when any 1-2-letter close needed two other prices named.
    Types unknown (none given), every named column counts."""
    for k, cells in enumerate(header_cells[:len(scores)]):
        if k == j or not any(norm_name(c) for c in cells):
            continue
        if k >= len(types):
            return True
        t = types[k].alt if types[k].type not in _NUMERIC and types[k].alt is not None else types[k]
        if k == 0 and is_whole(t):
            continue  # a writer's row numbers, named or not: R's "", pandas' "Unnamed: 0"
        fields = {f for f in scores[k] if fits_type(f, t)}
        if t.type in _NUMERIC and (not fields or fields == {"volume"} and not is_whole(t)
                                   and _tersely(cells)):
            return True  # (a "V" of prices with cents is Visa's beside Citigroup's "C", no count)
    return False


def _tersely(cells: Sequence[str]) -> bool:
    """Whether a column's names are a letter or two each ("c", "V", "Cl")."""
    names = [n for c in cells if (n := norm_name(c))]
    return bool(names) and all(n.isascii() and n.isalpha() and len(n) <= 2 for n in names)


def _fill_by_type(mapping: list[str | None], used: set[str], types: Sequence[ColumnType],
                  body: Sequence[Sequence[str]], unnamed: list[bool], past_header: list[bool],
                  number_format: tuple[str, str | None] | None = None,
                  expiries: Sequence[bool] = ()) -> None:
    """Roles from types and values: the date column whatever its name (a date axis is unmistakable) but
    an expiry's or a maturity's (`expiries`); ticker and prices only for columns without any header (a
    named "Turnover" is not a close), and the ticker not for a column of currency codes, nor past the
    end of a header (_may_be_ticker)."""
    free = [j for j, m in enumerate(mapping) if m is None]
    dated = [j for j in free if trade_dates(types[j]) and not (j < len(expiries) and expiries[j])]
    if "date" not in used and dated:
        # The leftmost, but a 12/14-digit integer read as a stamp only from its digits and their
        # order yields to a column dated by its shape: ids built from a date and a count
        # ("202103010001") run in order as well, and would put every row on one day.
        j = min(dated, key=lambda j: (_bare_stamp(types[j]), j))
        mapping[j] = "date"
        used.add("date")
    free = [j for j in free if unnamed[j]]
    strings = [j for j in free if mapping[j] is None and types[j].type == "string" and types[j].confidence > 0]
    if "ticker" not in used and strings:
        dates = mapping.index("date") if "date" in used else None
        date_format = types[dates].format if dates is not None else None
        # The column that tells apart the rows of a date, if one does (an exchange's rows share
        # one); else among columns alike the leftmost: a ticker leads its row, a flag trails it.
        scored = [(_keys_dates(j, body, dates), score, -j) for j in strings
                  if (score := _looks_like_ticker([r[j] for r in body if j < len(r)])) >= 0.9
                  and _may_be_ticker(j, body, dates, past_header[j], date_format)]
        if not scored:  # no word shaped like a ticker: a column of numeric codes (KRX's "005930")
            scored = [(True, 0.0, -j) for j in strings if _ticker_codes(j, body, dates, types[j])]
        if scored:
            mapping[-max(scored)[2]] = "ticker"
            used.add("ticker")
    if any(m in used for m in PRICE_COLUMNS):
        return  # named price columns exist: leave the other numbers (turnover, counts...) unmapped
    numeric = [j for j in free if mapping[j] is None and types[j].type in _NUMERIC and types[j].format is None]
    marked = _marked_prices(free, numeric, mapping, types)
    if marked:
        # Read as their unmarked twin ("$26,799" a price in whole won like "26799"), kept where each marked
        # column is a price; else, of one marked column, the unmarked alone, the marked left out
        # ("date,$turnover,c,v"). Not of several: a bar's worth of marked prices, the unmarked are none.
        tried, taken = list(mapping), set(used)
        _assign_ohlc(tried, taken, sorted(numeric + marked), types, body, number_format, frozenset(marked))
        if all(tried[j] in PRICE_COLUMNS for j in marked):
            mapping[:] = tried
            used.update(taken)
            return
        if len(marked) > 1:
            return
    if numeric:
        _assign_ohlc(mapping, used, numeric, types, body, number_format)
    if len(marked) == 1 and "close" in mapping:
        _marked_close(mapping, marked[0], body, number_format)
    elif not marked and "close" in mapping and not any(m in mapping for m in ("open", "high", "low", "adj_close")):
        # A marked column after the close is money traded ("date,close,volume,$turnover"), but not one that
        # stands still beside a yield: "2020-01-02,0.0412,$1.00" had loaded the yield as the close (silent).
        after = [j for j in free if mapping[j] is None and types[j].type in _NUMERIC and types[j].format == "currency"]
        close = mapping.index("close")
        if len(after) == 1 and _yield_beside_nav(close, after[0], body, number_format):
            mapping[close], mapping[after[0]] = None, "close"


def _marked_close(mapping: list[str | None], marked: int, body: Sequence[Sequence[str]],
                  number_format: tuple[str, str | None] | None) -> None:
    """The one marked column as the close where the unmarked one taken for it alone, without a bar, is no
    price's series while the marked is: at or under zero, or jumping tens of percent a day (moves.JUMPY),
    as a day's return does ("date,$1832.00,0.0023": the return had loaded as the close, its falls rejected
    as non-positive prices). The marked beside a close that moves as one stays out: money traded; so too
    beside a close at zero or under on a day (BELOW_ZERO: a missing day typed 0, oil's in April 2020) or
    jumping between a few ticks (a sub-penny stock's 0.0002, 0.0003): either had loaded the money as the
    close (silent). Only values below zero count, a zero being a day missing: two such days had loaded the
    money as the close too (silent; right at 388f5a8). Zero on most days beside a marked price written to
    the cent is no close either, but a day's change: a money market fund's "$1.00,0.00" had loaded its
    0.01 days as the close, its NAV left out (silent). Beside money traded ("$1964800", "$1964800.00"), which
    never stands still, such zeros stay a close's missing days."""
    close = mapping.index("close")
    if any(m in mapping for m in ("open", "high", "low", "adj_close")):
        return

    def series(j: int, marks: bool) -> list[float]:
        return [v for r in body if j < len(r)
                and (v := float_under(CURRENCY_MARKS.sub("", r[j]) if marks else r[j], number_format)) is not None]

    def price_like(values: list[float]) -> bool:
        return len(values) >= 2 and all(v > 0 for v in values) and (median_step([values]) or 0) <= JUMPY

    def no_price(values: list[float]) -> bool:
        above = [v for v in values if v > 0]
        return sum(v < 0 for v in values) >= BELOW_ZERO or (
            (median_step([above]) or 0) > JUMPY and 2 * len(set(above)) > len(above))

    def changes() -> bool:
        # Zero on most days and no close with days missing: the marked price stands still on those days (a
        # day's change), or the other days' values move as no price does (an illiquid share's volume).
        # Beside money traded, which never stands still, a close's other days make the zeros its missing days.
        # Whole money repeating a day ("$1964800" twice, a stale figure) is no price standing still: a price
        # stands still to its written cents, and whole money had loaded as every day's close (silent).
        pairs = [(m, u) for r in body if max(close, marked) < len(r)
                 and (m := float_under(CURRENCY_MARKS.sub("", r[marked]), number_format)) is not None
                 and (u := float_under(r[close], number_format)) is not None]
        zero = [i for i, (_, u) in enumerate(pairs) if u == 0]
        still = sum(any(0 <= k < len(pairs) and pairs[k][0] == pairs[i][0] for k in (i - 1, i + 1)) for i in zero)
        other = [u for _, u in pairs if u != 0]
        # Money to the cent (_written_to_the_cent): "1.00 $" read as whole money had let the fund's 0.01 days
        # load as the close, and "1.250 €" read as cents had loaded money stepping beside a close (both silent).
        priced = _written_to_the_cent(marked, body, number_format)
        # Nor money to the cent that stands still a few days and then leaps past the figures beside it
        # ("$1964800.00" thrice, then "$2011000.25" beside 18.20): a price moves by no more than the change
        # of either row of its move, a file newest first writing the day's change a row before the move.
        # Or, on a zero's row, by a change written elsewhere: a day left out of the file puts its move
        # beside a zero ("$10.00" then "$10.01", the 0.01 day missing). Not by any figure up to the largest:
        # money traded or a fee standing still and stepping on a close's missing day ("$950.00" thrice,
        # then "$960.00" beside 0, the close 18.04 on other days) had loaded as every day's close, nothing
        # rejected (silent); a price so misread beside a dividend keeps its zero days' rows rejected.
        # Give or take half the change's last written place: a NAV to four places moves beside a change
        # rounded to the cent ("$1.0001,0.00").
        places = max((written_places(r[close]) for r in body if close < len(r)), default=0)
        slack = 0.5 * 10 ** -places + 1e-9 * max((m for m, _ in pairs), default=0)
        # The change written elsewhere must be one the price moved by beside it: a close that happens to equal
        # a fee's step ("$5.00" to "$7.50" on a missing day, the close 2.50 on another) is no day's change,
        # and had loaded the fee as every day's close (silent; right at 3c47ce6).
        moved = {abs(b - a) for (a, u), (b, v) in pairwise(pairs)
                 if b != a and any(x != 0 and abs(abs(b - a) - abs(x)) <= slack for x in (u, v))}
        bounded = all(abs(b - a) <= max(abs(u), abs(v)) + slack
                      or any(abs(abs(b - a) - w) <= slack for w in moved)
                      for (a, u), (b, v) in pairwise(pairs))
        return 2 * len(zero) > len(pairs) and (
            priced and bounded and 2 * still > len(zero) or len(other) > 1 and not price_like(other))

    if price_like(series(marked, True)) and (no_price(series(close, False)) or changes()
                                             or _yield_beside_nav(close, marked, body, number_format)):
        mapping[close], mapping[marked] = None, "close"


def _yield_beside_nav(close: int, marked: int, body: Sequence[Sequence[str]],
                      number_format: tuple[str, str | None] | None) -> bool:
    """Whether the unmarked column taken for the close is a money market fund's yield beside its stable NAV,
    the marked column, written with its cents (stable_nav.py): "2020-01-02,$1.00,0.0412" had loaded the
    yield as the close (silent), the NAV left out."""
    pairs = [(m, u) for r in body if max(close, marked) < len(r)
             and (m := float_under(CURRENCY_MARKS.sub("", r[marked]), number_format)) is not None
             and (u := float_under(r[close], number_format)) is not None]
    return _written_to_the_cent(marked, body, number_format) \
        and yield_beside_stable_nav([m for m, _ in pairs], [u for _, u in pairs])


def _written_to_the_cent(marked: int, body: Sequence[Sequence[str]],
                         number_format: tuple[str, str | None] | None) -> bool:
    """Whether every cell of the currency-marked column `marked` is written with its cents, read without the
    mark: "1,00 €" or "1.00 $" ends in no digits and had been taken for whole money. Nor a group of three
    after the file's thousands mark: "1.250 €" in a decimal-comma file, "$1,250", is whole money."""
    thousands = marks_or_default(number_format)[1]

    def cents(cell: str) -> bool:
        digits = CURRENCY_MARKS.sub("", cell).strip()
        places = written_places(digits)
        return places > 0 and digits.rstrip("%")[-places - 1] != thousands

    return all(cents(r[marked]) for r in body if marked < len(r) and r[marked].strip())


def _marked_prices(free: list[int], numeric: list[int], mapping: Sequence[str | None],
                   types: Sequence[ColumnType]) -> list[int]:
    """The headerless columns whose numbers carry a currency mark ("$18.04"), left of every unmarked
    number: prices, the unmarked after them a volume or other figures. Left out, the unmarked loaded as the
    prices ("ts,$o,$h,$l,$c,0.1,1": the coin volume 0.1 as the close) or the file had no close. Not a
    marked column after the unmarked ("date,close,volume,$turnover"): money traded, no price."""
    marked = [j for j in free if mapping[j] is None and types[j].type in _NUMERIC and types[j].format == "currency"]
    return marked if marked and all(j > max(marked) for j in numeric) else []


# A column keys the dates when they repeat (a tenth of the rows at least share their date with
# another) and its values tell those rows apart (their pairs of date and value, nine in ten
# distinct). Not "each date on several rows": tickers' histories differ in length (one listed
# later than the others), and the rows of the dates only the oldest has are no duplicates.
_REPEATED_ROWS = 0.1
_DISTINCT_PAIRS = 0.9


def _may_be_ticker(j: int, body: Sequence[Sequence[str]], dates: int | None, past_header: bool,
                   date_format: str | None = None) -> bool:
    """Whether unnamed column `j`, its values shaped like tickers, may be taken for the ticker by
    them. Not when they are currency codes ("USD" on every row): the file's quote currency. Nor
    when the column lies past the end of a header: the header names the file's columns, and one
    without a ticker is a single ticker's file, named after it (msft.csv), the values its rows
    carry beyond the header extras (a currency, an exchange, a note), unless the column keys the
    dates as only a ticker does: a file of several tickers whose header left the ticker unnamed,
    whose rows, read as one ticker's, would be duplicates of each other. Currency codes that key
    the dates are the tickers themselves: a long table of exchange rates ("2024-01-02,USD,1.09")."""
    if _keys_dates(j, body, dates):
        return True
    if dates is not None and labels_each_row(j, dates, body):
        return False  # pandas' row labels under no name (",Date,Close" over "row1,..."): each row had loaded apart
    values = [r[j] for r in body if j < len(r)]
    if _weekdays(j, body, dates, date_format):  # "Mon, 01/04/2021" unquoted: the weekday split off its date
        return False
    return not past_header and currency_share(values) < 0.9


# Exchanges that list by number write codes of a fixed width, zero-padded: KRX's "005930" (some end in
# a letter, "00088K"), Shenzhen's "000001", Taiwan's "0050". Not two-digit ones (a month, a branch), nor
# zeros alone (a placeholder, "000" on every row).
_CODE = re.compile(r"(?=0*[1-9A-Z])\d{3,12}[A-Z]?")


def _ticker_codes(j: int, body: Sequence[Sequence[str]], dates: int | None, t: ColumnType) -> bool:
    """Whether unnamed column `j`, of numbers some written with leading zeros, holds an exchange's codes
    for its instruments: of one width, each code recurring over the dates, several of them on each date
    (they key the dates) or one on every row of distinct dates (a file of one code). Headerless KRX
    exports ("005930,20240102,71000,...") were rejected row by row as an unnamed series. A figure
    written zero-padded (a volume, an amount, a row's id) takes a new value on almost every row."""
    if t.format != LEADING_ZEROS or dates is None:
        return False
    values = [r[j].strip() for r in body if j < len(r) and dates < len(r) and r[dates].strip()]
    codes = Counter(values)
    if len(values) < 3 or len({len(v) for v in codes}) != 1 or not all(map(_CODE.fullmatch, codes)):
        return False
    if not _recurring(values):
        return False
    if len(codes) == 1:
        days = [r[dates].strip() for r in body if j < len(r) and dates < len(r) and r[dates].strip()]
        return len(set(days)) == len(days)
    # Several a day that all read as times of day ("093000", "100000"): an intraday file's bars as
    # well as codes may be (_DIGIT_CLOCK); loaded as tickers, each bar became an instrument. Left as read.
    return not all(map(_DIGIT_CLOCK.fullmatch, codes)) and _keys_dates(j, body, dates)


def _weekdays(j: int, body: Sequence[Sequence[str]], dates: int | None, date_format: str | None) -> bool:
    """Whether column `j` names the weekday of each row's date ("Mon", "Di", "mer."). Checked against
    the dates: tickers may spell weekdays ("MA", "SO", "DO", "MAR"), and a file of them, one row each,
    lost its tickers."""
    if dates is None or not date_format or "%" not in date_format:
        return False
    filled = {r[j].strip() for r in body if j < len(r) and r[j].strip()}
    if len(filled) == 1 and next(iter(filled)).isupper():
        return False  # one ticker's weekly file: "MO" on every row, every one a Monday
    checked = 0
    for r in body:
        if j >= len(r) or dates >= len(r) or not r[j].strip():
            continue
        days = weekday_numbers(r[j].strip())
        if not days:
            return False
        try:
            day = datetime.strptime(*for_strptime(r[dates].strip(), date_format)).weekday()
        except ValueError:
            continue  # a date of another shape: the date column rejects its row
        if day not in days:
            return False
        checked += 1
    return checked > 0


def _valor_codes(mapping: list[str | None], used: set[str], header_cells: Sequence[Sequence[str]],
                 types: Sequence[ColumnType], body: Sequence[Sequence[str]]) -> None:
    """Map, in place, as the ticker a column named "Valor" (_VALOR) of whole numbers that tells apart the
    rows of each date: Swiss securities' numbers stacked ("Datum;Valor;Schlusskurs"), whose rows had each
    been rejected as an unnamed series. Not a value over one series' days ("Fecha;Valor"), nor whole sums
    that differ from row to row ("Fecha;Cierre;Valor", "Fecha;Hora;Valor;Precio"): each had loaded as a
    ticker named by the sum, where its rows had been rejected as an unnamed series or an intraday bar."""
    for j, cells in enumerate(header_cells):
        if j < len(mapping) and mapping[j] is None and cells and norm_name(cells[-1]) in _VALOR \
                and is_whole(types[j]) and _keys_dates(j, body, dates := mapping.index("date")) \
                and _valor_recurs(j, body, dates, header_cells):
            mapping[j] = "ticker"
            used.add("ticker")
            return


# Spanish and Portuguese names beside which "Valor" is a value, as over one date nothing in the rows tells.
_IBERIAN_NAMES = _PORTUGUESE_PRICES | frozenset(norm_name(n) for n in (
    "fecha", "cierre", "precio", "hora", "apertura", "volumen", "importe", "monto", "ultimo precio"))


def _valor_recurs(j: int, body: Sequence[Sequence[str]], dates: int, header_cells: Sequence[Sequence[str]]) -> bool:
    """Whether a "Valor" column's numbers are codes by their rows: over several dates, coming back on
    other rows (_recurring); of one date, where none can, beside no Spanish or Portuguese name (_IBERIAN_NAMES):
    SIX's one-day "Datum;Valor;Schlusskurs", each security once, had been refused as an unnamed series."""
    rows = [r for r in body if j < len(r) and dates < len(r) and r[j].strip() and r[dates].strip()]
    if len({r[dates].strip() for r in rows}) >= 2:
        return _recurring([r[j].strip() for r in rows])
    return not any(norm_name(cells[-1]) in _IBERIAN_NAMES for k, cells in enumerate(header_cells) if k != j and cells)


def _recurring(values: Sequence[str]) -> bool:
    """Whether most values come back on other rows, as an instrument's code does over the dates: a figure (a
    volume, an amount, a row's id) takes a new value on most rows."""
    return 2 * len(set(values)) <= len(values)


def _keys_dates(j: int, body: Sequence[Sequence[str]], dates: int | None) -> bool:
    """Whether column `j` tells apart the rows of each date, the dates repeating: a ticker column
    of a file of several tickers."""
    if dates is None:
        return False
    keyed = [(r[dates], r[j]) for r in body if j < len(r) and dates < len(r) and r[dates].strip()]
    per_date = Counter(d for d, _ in keyed)
    repeated = [pair for pair in keyed if per_date[pair[0]] > 1]
    return len(repeated) >= max(2, _REPEATED_ROWS * len(keyed)) \
        and len(set(repeated)) >= _DISTINCT_PAIRS * len(repeated)


def _named_thing(mapping: list[str | None], named: list[dict[str, float]], header_cells: Sequence[Sequence[str]],
                 body: Sequence[Sequence[str]]) -> None:
    """Move, in place, the ticker from a plain "Name" (_PLAIN_NAMES) to a thing's name right of it that it
    tied (_THING_NAMES), where that one tells as many rows apart: "Date,Name,Fund Name,NAV" (the fund's
    manager, then the fund) had named each fund's rows by its manager, the leftmost of two equals (silent).
    Not to a bare "Fund" or "Company": beside a fund's or a stock's name, a house or a group. Nor from a
    "Name" of codes in capitals ("AAPL", "VTSAX") telling as many rows apart: the ticker beside its long name,
    which would have renamed every series of a history whose other files carry only "Name" (silent)."""
    t = mapping.index("ticker")
    if t >= len(header_cells) or not header_cells[t] or norm_name(header_cells[t][-1]) not in _PLAIN_NAMES:
        return
    for q in range(t + 1, min(len(mapping), len(header_cells))):
        if mapping[q] is None and header_cells[q] and norm_name(header_cells[q][-1]) in _THING_NAMES \
                and named[q].get("ticker") == named[t].get("ticker") and _kinds(q, body) >= _kinds(t, body) \
                and (_kinds(q, body) > _kinds(t, body) or not _codes(t, body)
                     or (norm_name(header_cells[q][-1]) in _FUND_NAMES and _houses(t, q, body))):
            mapping[t], mapping[q] = None, "ticker"
            return


def _code_over_name(mapping: list[str | None], named: list[dict[str, float]], header_cells: Sequence[Sequence[str]],
                    types: Sequence[ColumnType], body: Sequence[Sequence[str]]) -> None:
    """Move, in place, the ticker from a column of company names taken by a weak name (_NAME: "name",
    "company") to the one column of listing codes beside it that no synonym names (code_beside_name.py):
    "name,...,ticket" had loaded Cotec Construction's rows as "COTEC CONSTRUCTION JSC", its code CTD
    unread under a misspelling. Not from a column of codes itself, nor to a column the header names as
    something ("Currency", a date, a price): those are known."""
    t = mapping.index("ticker")
    if named[t].get("ticker") not in (_NAME, _SHORT_NAME) or not _holds_names(t, body):
        return  # "Index" (_INDEX_NAME) names an index, a stock's or its own: _no_ticker's
    candidates = [(q, frozenset(w for cell in _header_of(header_cells, q) for w in name_words(cell)))
                  for q in range(len(mapping))
                  if q != t and mapping[q] is None and not named[q] and _header_of(header_cells, q)
                  and types[q].type == "string"]
    if (q := code_beside_name(t, candidates, body)) is not None:
        mapping[t], mapping[q] = None, "ticker"


def _houses(t: int, q: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column t's every cell is the first word(s) of column q's on its row, any case: a house
    beside its fund's name ("VANGUARD", "Vanguard 500 Index Admiral"), not a code beside its thing's
    long name ("AAPL", "APPLE INC"). Read as codes, a house in capitals with one fund each named the
    funds' series (0fa6fa6). Nor a company's code that is its name's first word ("IBM", "IBM Corp"): a
    name ending in a company's word (COMPANY_WORDS) is no fund's, and read as houses, such codes had
    renamed every series by the long names (adc8393)."""
    pairs = [(r[t].strip().casefold(), r[q].strip().casefold()) for r in body if max(t, q) < len(r)]
    return bool(pairs) and all(name and (thing == name or thing.startswith(name + " "))
                               and not COMPANY_WORDS.intersection(name_words(thing)[-1:])
                               for name, thing in pairs)


def _codes(j: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether a column's filled cells are all written as tickers are, in capitals (sheet_names_ticker)."""
    cells = [r[j].strip() for r in body if j < len(r) and r[j].strip()]
    return bool(cells) and all(sheet_names_ticker(cell) for cell in cells)


# Words that name a price: a date as the price's own ("Quote Date", "NAV Date", "Close Date": _price_s_day),
# a fund's price beside its benchmark's bar ("Fund NAV": _one_figure_close).
_PRICE_DAY_WORDS = frozenset({"nav", "quote", "quoted", "close", "closing", "price", "pricing", "px"})


def _price_s_day(mapping: list[str | None], named: list[dict[str, float]], header_cells: Sequence[Sequence[str]],
                 types: Sequence[ColumnType]) -> None:
    """Move, in place, the date from a date named for something else to one right of it that it tied,
    named for the price (_PRICE_DAY_WORDS): "Calculation Date,Quote Date,Ticker,Close" and "Valuation
    Date,NAV Date,Fund,NAV" (both weak names of a date, 0.6) had loaded each price on the day it was
    reported or valued, the leftmost of two equals, a day after the one it was made (silent)."""
    def of_price(j: int) -> bool:
        return j < len(header_cells) and bool(_PRICE_DAY_WORDS.intersection(
            w for cell in header_cells[j] for w in name_words(cell)))
    d = mapping.index("date")
    if of_price(d):
        return
    for q in range(d + 1, len(mapping)):
        if mapping[q] is None and of_price(q) and named[q].get("date") == named[d].get("date") \
                and fits_type("date", types[q]):
            mapping[d], mapping[q] = None, "date"
            return


def _announced_s_day(mapping: list[str | None], named: list[dict[str, float]],
                     header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType]) -> int | None:
    """Move, in place, the date from a day a figure was announced to the day it stands at, a column it tied
    (announced_day.py): Tushare's "ts_code,ann_date,end_date,unit_nav" had dated each NAV by its
    announcement, a day or weeks late. Tushare's ann_date alone beside a NAV dates nothing: its column,
    left unmapped, is returned (None otherwise)."""
    d = mapping.index("date")
    words = [frozenset(w for cell in _header_of(header_cells, j) for w in name_words(cell))
             for j in range(len(mapping))]
    q = own_day_of_announced(words, d, lambda q: mapping[q] is None and named[q].get("date") == named[d].get("date")
                             and fits_type("date", types[q]))
    if q is not None:
        mapping[d], mapping[q] = None, "date"
    elif announced_alone(words, d):
        mapping[d] = None  # refused for its date (announced_day.py)
        return d
    return None


def _kinds(j: int, body: Sequence[Sequence[str]]) -> int:
    return len({r[j].strip() for r in body if j < len(r) and r[j].strip()})


def _no_ticker(mapping: list[str | None], named: list[dict[str, float]], body: Sequence[Sequence[str]],
               file_name: str = "") -> bool:
    """Whether the column mapped as the ticker by a weak name ("Index", "Name") holds no instrument: row
    labels (labels_each_row), or under "Index" past every price, one index on the dates of one series
    ("...,Close,Volume,Index": SPX on each of a stock's rows, the index it belongs to; loaded as SPX).
    Not in a file its name says is an index's (_INDEX_FILE_WORDS: "tableau_index_daily.csv"): there the
    column names the index whose levels the rows are ("Tadwul All Share Index (TASI)"), which had loaded
    under the file's name, TABLEAU_INDEX_DAILY."""
    j, dates = mapping.index("ticker"), mapping.index("date")
    strength = named[j].get("ticker", 0.0)
    if strength >= _IDENTIFIER:
        return False
    if labels_each_row(j, dates, body):
        return True
    prices = [k for k, m in enumerate(mapping) if m in PRICE_COLUMNS]
    words = frozenset(name_words(base_name(file_name).rsplit(".", 1)[0]))
    return strength == _INDEX_NAME and bool(prices) and j > max(prices) and not _keys_dates(j, body, dates) \
        and (not _INDEX_FILE_WORDS.intersection(words) or bool(_TRACKER_WORDS.intersection(words))
             or not _calls_itself_an_index(j, body))


def _calls_itself_an_index(j: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column j's every filled cell names an index as one ("Tadwul All Share Index (TASI)"). A
    stock's benchmark beside its prices is written as often without the word ("S&P 500", "VN30"): in a
    stock's "ACME_index.csv" or "index_data_ACME.csv" it had loaded the stock's rows as ticker S&P 500,
    under the index's own series."""
    cells = [r[j] for r in body if j < len(r) and r[j].strip()]
    return bool(cells) and all(_INDEX_FILE_WORDS.intersection(name_words(c)) for c in cells)


# What a file's name calls an index's levels: "tableau_index_daily.csv", "TASI Index History.csv".
_INDEX_FILE_WORDS = frozenset({"index", "indices", "indexes", "indice", "indeks", "indeksi"})
# And what it calls a holding of an index or a fund that tracks one ("index_fund_VFIAX.csv", "index_members.csv"):
# its "Index" column is the index tracked or belonged to, not the file's series.
_TRACKER_WORDS = frozenset({"fund", "funds", "etf", "etfs", "tracker", "member", "members", "constituent",
                            "constituents", "component", "components", "holding", "holdings", "stock", "stocks",
                            "share", "shares", "weights", "membership", "benchmark", "composition", "vs", "versus"})


# FinRL's "tic" (_add above): a short name that is also a tick's (its size, a count, up or down) and a
# timer's ("tic,toc"). Its stocks' codes, one word each, one stock all through or several a date.
_TIC_CODE = re.compile(r"[A-Za-z0-9^][A-Za-z0-9.\-=^_/]{0,11}")


def _tic_of_no_stock(mapping: Sequence[str | None], header_cells: Sequence[Sequence[str]],
                     body: Sequence[Sequence[str]]) -> bool:
    """Whether the ticker column is named "tic" and holds no stock codes: a word with its count ("4956 ticks"),
    a time ("09:30:00.120" of a timer), or labels that change row to row on one row a day (a tick's "up",
    "down"; row labels "t1", "t2"), each row of which loaded as an instrument of its own. Unread, the file is
    one series and its name names it, as before "tic" was read."""
    j, dates = mapping.index("ticker"), mapping.index("date")
    cells = _header_of(header_cells, j)
    if not cells or norm_name(cells[-1]) != _TIC:
        return False
    values = [r[j].strip() for r in body if j < len(r) and r[j].strip()]
    if not all(_TIC_CODE.fullmatch(v) for v in values):
        return True
    return len(set(values)) > 1 and not _keys_dates(j, body, dates)


# Rows enough to tell labels from tickers: a label on each row of its own date is a series' row labels
# only over several; a few rows of as many tickers on a date each may be a day's last prices.
_LABELLED_ROWS = 4


def labels_each_row(j: int, dates: int, body: Sequence[Sequence[str]]) -> bool:
    """Whether column `j` labels each row apart, every label and every date once: a pandas dump's row
    labels ("row1", "r2"...) under "index", of one series. Taken for its ticker, each row loaded as an
    instrument of its own: a ticker keys a series of several dates."""
    keyed = [(r[j].strip(), r[dates].strip()) for r in body if max(j, dates) < len(r) and r[j].strip()]
    return len(keyed) >= _LABELLED_ROWS and len({k for k, _ in keyed}) == len(keyed) \
        and len({d for _, d in keyed}) == len(keyed)


def _bare_stamp(t: ColumnType) -> bool:
    return t.format is not None and t.format.startswith("%Y%m%d%H")


def _assign_ohlc(mapping: list[str | None], used: set[str], numeric: list[int], types: Sequence[ColumnType],
                 body: Sequence[Sequence[str]], number_format: tuple[str, str | None] | None = None,
                 marked: frozenset[int] = frozenset()) -> None:
    """Headerless OHLC(V): high is the row maximum, low the minimum, the remaining columns keep the
    usual order open, close, adj close, and a large integer column is volume. A fifth decimal column
    that does not move with the close is no adjusted close: right after the prices, it is the volume
    (Binance's klines: "o,h,l,c,10.549,...", a crypto volume in fractions of a coin; its volume had
    been loaded as the adjusted close, its count of trades as the volume)."""
    def num(v: str) -> float | None:  # under the file's marks: "100,5" beside "99,75" is no 1005 beside 9975
        return float_under(v, number_format)

    numeric = [j for j in numeric if digit_clock(j, mapping, body) is None and not _stamped_hour(j, mapping, body)]
    values = {j: [num(CURRENCY_MARKS.sub("", r[j]) if j in marked else r[j]) if j < len(r) else None for r in body]
              for j in numeric}
    numeric = _moving(numeric, values, mapping.index("date") if "date" in mapping else None)
    vol = [j for j in numeric if is_whole(types[j])
           or j in marked and all(v is None or v.is_integer() for v in values[j])]  # "$26,799": whole won
    prices = [j for j in numeric if j not in vol]
    # A lone fractional column beside whole ones would be the close (_assign_prices): unless the
    # whole ones are a bar. Whole columns alone are one where every row holds a bar's shape
    # (_whole_bar, held to every row): a file in won or yen without a fraction in it
    # ("20240102,71000,72000,70500,71500,1234567") had been refused for no close.
    if (len(prices) == 1 and _whole_bar(mapping, vol, prices[0], values, body, types)) \
            or (not prices and _whole_bar(mapping, vol, None, values, body, types, share=1.0)):
        used.update(m for m in mapping if m)
        return
    fractional_volume = _assign_prices(mapping, prices, numeric, values, body)
    if fractional_volume is not None:
        mapping[fractional_volume] = "volume"
    elif prices and (volume := _volume_of(vol, mapping, values)) is not None:
        mapping[volume] = "volume"
    used.update(m for m in mapping if m)


def _moving(numeric: list[int], values: dict[int, list[float | None]], dates: int | None) -> list[int]:
    """`numeric` less its columns of one number on every row left of the date: a code leading each row,
    no figure of the day. A headerless scrape's stock code (kabutan's "7203,2019-08-06,6875,6922,...",
    Toyota's) had been read as every day's high, the prices shifted a column along (the high loaded
    as the close, the close as the volume). One number after the date may be a volume (MetaTrader's
    early bars, a tick each)."""
    if dates is None:
        return numeric
    return [j for j in numeric if j > dates or len(filled := [v for v in values[j] if v is not None]) < _FLAT_LEAST
            or len(set(filled)) > 1]


# The money traded in a day is its shares times a price inside the day's bar (its average): within this
# share of the low and of the high, on this share of the rows.
_TRADED_SLACK, _TRADED_ROWS = 0.02, 0.9


def _volume_of(whole: list[int], mapping: Sequence[str | None], values: dict[int, list[float | None]]) -> int | None:
    """Which headerless whole column is the volume: the largest, unless it is another's money, that one's
    shares times a price in the day's bar on nearly every row (TWSE's "date,shares,turnover,o,h,l,c,...":
    its turnover in dollars, the largest, had loaded as the volume, its shares left unread). None where
    each goes below zero: a day's change ("+71", "-43"), no count of shares, had loaded as the volume
    (its falls rejected as negative volumes). A change falls by different amounts; one negative value,
    however often, is a volume's slip or its "-1" for none: that volume had been dropped from every row.
    Nor the close's change from the day before (_close_change), of one fall or none: a few days' "500,
    500, -200, 300" in won had loaded as the volume since fb4da4f. None of several right of the date beside a
    close without a bar, whose money nothing can test: the Nikkei's larger of two day counts had loaded as its
    volume. A key left of the date is no figure of the day (a database dump's row id beside its volume)."""
    close = values.get(mapping.index("close")) if "close" in mapping else None
    whole = [j for j in whole if len({v for v in values[j] if v is not None and v < 0}) < 2
             and not (close is not None and _close_change(values[j], close))]
    if not whole:
        return None
    largest = max(whole, key=lambda j: sum(v or 0 for v in values[j]))
    if "low" not in mapping or "high" not in mapping or len(whole) < 2:
        dates = mapping.index("date") if "date" in mapping else -1
        return None if len([j for j in whole if j > dates]) > 1 else largest
    low, high = values[mapping.index("low")], values[mapping.index("high")]
    bar = [i for i in range(len(low)) if low[i] is not None and high[i] is not None and low[i] > 0 and high[i] > 0]
    # Each pair's rows are read until more miss than could, of every row of the bar: a wide headerless
    # file of whole columns (80 of them: 6,320 pairs) had taken 13 times as long to detect, each pair
    # read to its end.
    budget = len(bar) - _TRADED_ROWS * len(bar)

    def money_of(shares: list[float | None], money: list[float | None]) -> bool:
        rows = inside = 0
        for i in bar:
            a, b = shares[i], money[i]
            if a is None or b is None or a <= 0 or b <= 0:
                continue
            rows += 1
            if low[i] * (1 - _TRADED_SLACK) <= b / a <= high[i] * (1 + _TRADED_SLACK):
                inside += 1
            elif rows - inside > budget:
                return False
        return rows >= 2 and inside >= _TRADED_ROWS * rows

    kept = [b for b in whole if not any(a != b and money_of(values[a], values[b]) for a in whole)]
    return max(kept, key=lambda j: sum(v or 0 for v in values[j])) if kept else largest


def _column_of(body: Sequence[Sequence[str]], j: int, number_format: tuple[str, str | None] | None) \
        -> list[float | None]:
    """Column j's numbers, row by row, None where a row has none."""
    return [float_under(r[j], number_format) if j < len(r) else None for r in body]


def _close_change(column: list[float | None], close: list[float | None]) -> bool:
    """Whether `column` is the close's change from the row before (or after: the newest first) on most rows
    (_TRADED_ROWS) where the close moved, two at least: no volume is."""
    return _follows_close(column, close, lambda c, p: c - p)


def _previous_close(column: list[float | None], close: list[float | None]) -> bool:
    """Whether `column` is the close of the row before (or after: the newest first) on most rows where the
    close moved: a previous close, a price, no volume."""
    return _follows_close(column, close, lambda c, p: p)


def _follows_close(column: list[float | None], close: list[float | None],
                   of: Callable[[float, float], float]) -> bool:
    """Whether `column` is of(close, the close of the row before) (or after) on most rows (_TRADED_ROWS)
    where the close moved, two at least."""
    for rows in (zip(column[1:], close[1:], close[:-1]), zip(column[:-1], close[:-1], close[1:])):
        moved = [(v, of(c, p)) for v, c, p in rows if v is not None and c is not None and p is not None and c != p]
        same = sum(abs(v - d) <= 1e-9 * max(1.0, abs(d)) for v, d in moved)
        if len(moved) >= 2 and same >= _TRADED_ROWS * len(moved):
            return True
    return False


# A time of day written in digits, seconds or not ("0930", "100500": Finam's, MetaStock's headerless
# intraday exports, "SBER,5,20180103,100500,233.5,...", write it right after the date). Detection
# decides whether such a column is its rows' times (digit_clock); the schema carries the answer as
# the column's format (DIGIT_CLOCK_FORMATS), and normalise.py reads the times where it says so.
DIGIT_CLOCK = r"(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?"
_DIGIT_CLOCK = re.compile(DIGIT_CLOCK)
DIGIT_CLOCK_FORMATS = {4: "%H%M", 6: "%H%M%S"}
_FIVE_MINUTE_MARK = re.compile(r"\d{3}[05]")
# A day of bars: most of a sample's rows share their date (and ticker) with another row. A daily file
# with a day listed twice ("2024-01-04,170000,..." and "2024-01-04,100000,...") repeats few: its round
# volumes had been read as 17:00 and 10:00, every volume of the file lost and the day's two rows
# rejected as intraday bars.
_BAR_ROWS = 0.5


def digit_clock(j: int, mapping: Sequence[str | None], body: Sequence[Sequence[str]]) -> str | None:
    """The format (DIGIT_CLOCK_FORMATS) of headerless column `j`, right after the date, where it holds
    its rows' times of day; None where it does not. Every value a clock of digits of one length; four
    digits only where one writes its hour's zero ("0930") or all fall on a bar's five-minute marks
    (Moscow's "1000", "1005": "1301", "1332" are as often a daily file's codes or counts). The column
    tells apart the rows of each date (_keys_dates), and most rows share their date: a day's bars
    (_BAR_ROWS). A daily file's whole prices ("005930,20240102,1500,...") repeat no date, a daily
    export's "000000" tells no rows apart, and a one-day dump of a market does not run its whole
    opens in order down a day, as the bars of a day run by their times (either way: some exports put
    the newest first)."""
    if "date" not in mapping or j != mapping.index("date") + 1:
        return None
    dates = mapping.index("date")
    cells = [r[j].strip() for r in body if j < len(r)]
    widths = {len(c) for c in cells}
    if not cells or len(widths) != 1 or not all(map(_DIGIT_CLOCK.fullmatch, cells)) \
            or not _keys_dates(j, body, dates):
        return None
    if widths == {4} and not any(c.startswith("0") for c in cells) \
            and not all(map(_FIVE_MINUTE_MARK.fullmatch, cells)):
        return None
    ticker = mapping.index("ticker") if "ticker" in mapping else dates
    rows = [(r[dates], r[ticker], r[j].strip()) for r in body if j < len(r) and ticker < len(r)]
    per_day = Counter(row[:2] for row in rows)
    if sum(per_day[row[:2]] > 1 for row in rows) < _BAR_ROWS * len(rows):
        return None
    steps = [a[2] < b[2] for a, b in zip(rows, rows[1:]) if a[:2] == b[:2] and a[2] != b[2]]
    if not steps or max(steps.count(True), steps.count(False)) < _IN_ORDER * len(steps):
        return None
    return DIGIT_CLOCK_FORMATS[len(cells[0])]


def _stamped_hour(j: int, mapping: Sequence[str | None], body: Sequence[Sequence[str]]) -> bool:
    """Whether headerless column `j`, right after the date, holds one time of day on every row, in digits
    ("160000", "1530"): a daily export's hour of its close. Its largest whole numbers, it had been loaded
    as every day's volume (160000 shares), the real volume beside the prices left unread."""
    if "date" not in mapping or j != mapping.index("date") + 1:
        return False
    cells = {r[j].strip() for r in body if j < len(r)}
    return len(cells) == 1 and len(body) >= 2 and bool(_DIGIT_CLOCK.fullmatch(next(iter(cells)))) \
        and len(next(iter(cells))) in DIGIT_CLOCK_FORMATS


_IN_ORDER = 0.9


def _bar_ends(quad: list[int], values: dict[int, list[float | None]], n: int,
              share: float, flat: bool = False) -> tuple[list[int], int | None, int | None]:
    """(the rows where the four columns `quad` all hold a value; the one column that is the row's
    maximum and the one that is its minimum on at least `share` of those rows, or None, None where
    not exactly one each, two apart). Four columns of one price on every row are a bar's only where
    `flat` (prices with fractions), each price above zero."""
    rows = [i for i in range(n) if all(values[k][i] is not None for k in quad)]
    high, low = _ends(quad, values, rows, share)
    if high is None:
        # A flat bar (open, high, low and close one price: MetaTrader's early history, a day without
        # trades) is every column's maximum and minimum: told by the other rows, or where every row is
        # flat, by the columns' order (O, H, L, C), which no reading of them can get wrong. Such a file
        # had "no close column". Not four whole columns of one number beside a price ("date,10.52,0,0,
        # 0,0" of a fund's NAV, flags "1,1,1,1"): read as the bar, its zeros were rejected as
        # non-positive prices, its ones loaded, the real price left unread.
        moving = [i for i in rows if len({values[k][i] for k in quad}) > 1]
        if not moving and len(rows) >= _FLAT_LEAST:
            if flat and all(values[quad[0]][i] > 0 for i in rows):
                return rows, quad[1], quad[2]
            return rows, None, None
        if 0 < len(moving) < len(rows):
            high, low = _ends(quad, values, moving, share)
    return rows, high, low


_FLAT_LEAST = 3  # rows of flat bars alone that make four equal columns a bar's


def _ends(quad: list[int], values: dict[int, list[float | None]], rows: list[int],
          share: float) -> tuple[int | None, int | None]:
    least = share * len(rows)
    highs = [j for j in quad if sum(values[j][i] >= max(values[k][i] for k in quad) for i in rows) >= least]
    lows = [j for j in quad if sum(values[j][i] <= min(values[k][i] for k in quad) for i in rows) >= least]
    if not rows or len(highs) != 1 or len(lows) != 1 or highs == lows:
        return None, None
    return highs[0], lows[0]


_WHOLE_BAR_ROWS = 0.85  # the share of rows whose maximum (minimum) the high (low) must be
_WHOLE_BAR_LEAST = 3  # one row's four numbers fall in a bar's order by chance as often as not
# Without a fraction beside them, four whole columns are a bar's only where it is a day's tight bar: its
# low most days within a fifth of its high. Counts beside a date fall in a bar's order by chance in a
# short file ("20240102,15,19,13,17,1200" on three days had loaded as prices), and seldom keep so close.
_WHOLE_BAR_TIGHT = 0.8


def _whole_bar(mapping: list[str | None], whole: list[int], fractional: int | None,
               values: dict[int, list[float | None]], body: Sequence[Sequence[str]],
               types: Sequence[ColumnType], share: float = _WHOLE_BAR_ROWS) -> bool:
    """Map a headerless bar priced in whole numbers (won, yen, rupiah, dong) whose first four whole
    columns are one: high the row's maximum, low its minimum and near it (a tight bar, not a volume
    over the prices), open and close between. The whole columns had all been taken for volumes and
    the one column with fractions for the close: a Korean file "2015-01-02,26799,26799,26540,26600,
    175499,0.00226" had loaded its daily return as every price of the day, and refused each day it
    fell as a non-positive close. A fractional column that keeps near the close is its adjusted
    close; another (a change, a return) is left unread. The volume is the largest whole column left.
    Asked where one fractional column would otherwise be taken for the close, and (`fractional`
    None, `share` every row) where no column holds a fraction."""
    if len(whole) < 4:
        return False
    quad = whole[:4]
    # Most rows, not all: a kept file has its slips (Samsung's closes of 2015-01-27 and 2015-02-17
    # a won over their highs).
    rows, high, low = _bar_ends(quad, values, len(body), share)
    if high is None or (fractional is None and len(rows) < _WHOLE_BAR_LEAST):
        return False
    if _median_share(values[low], values[high], rows) < (_LOW_OF_HIGH if fractional is not None else _WHOLE_BAR_TIGHT):
        return False  # a volume over the prices is no bar's high
    rest = [j for j in quad if j not in (high, low)]
    if _close_first(values[rest[0]], values[rest[1]], _date_order(mapping, types, body, rows)):
        rest.reverse()
    mapping[high], mapping[low] = "high", "low"
    mapping[rest[0]], mapping[rest[1]] = "open", "close"
    # Held to the close's ratio far more tightly than _assign_prices' adjusted close: beside whole
    # prices a fractional column is as often the close in another currency (its ratio moving with
    # the exchange rate) or a share of foreign holdings (Naver's 외국인소진율, moving with the price).
    ratios = _ratios(values[fractional], values[rest[1]]) if fractional is not None else []
    if len(ratios) > 1 and _moves_with(ratios, _WHOLE_ADJUSTED_STEP) and _near(ratios):
        mapping[fractional] = "adj_close"
    if whole[4:] and (volume := _volume_of(whole[4:], mapping, values)) is not None:
        mapping[volume] = "volume"
    return True


_WHOLE_ADJUSTED_STEP = 0.001  # an adjusted close's ratio to a whole close moves by rounding only
# The open and close of a bar in whole numbers are told by the days: a day opens near where the one
# before closed. The columns' order names them (open first) unless the days say the other plainly.
_CLOSE_FIRST = 0.5


def _date_order(mapping: Sequence[str | None], types: Sequence[ColumnType], body: Sequence[Sequence[str]],
                rows: list[int]) -> list[int]:
    """`rows` in date order (the dates read by their column's format); [] when they cannot be read."""
    if "date" not in mapping:
        return []
    j = mapping.index("date")
    fmt = types[j].format if j < len(types) else None
    if not fmt or "%" not in fmt:
        return []
    dated = []
    for i in rows:
        try:
            dated.append((datetime.strptime(*for_strptime(body[i][j].strip(), fmt)), i))
        except (ValueError, IndexError):
            continue
    return [i for _, i in sorted(dated)]


def _close_first(first: list[float | None], second: list[float | None], order: list[int]) -> bool:
    """Whether of two middle columns of a bar the first is the close, the second the open: each
    day's `second` nearer the day before's `first` than its `first` to the day before's `second`.
    A file "date,close,open,high,low" had loaded its opens as the closes."""
    kept = [i for i in order if first[i] and second[i]]  # no holiday's zeros
    as_named = sum(abs(first[b] - second[a]) for a, b in zip(kept, kept[1:]))
    swapped = sum(abs(second[b] - first[a]) for a, b in zip(kept, kept[1:]))
    return len(kept) > 2 and swapped < _CLOSE_FIRST * as_named


def _assign_prices(mapping: list[str | None], prices: list[int], numeric: list[int],
                   values: dict[int, list[float | None]], body: Sequence[Sequence[str]]) -> int | None:
    """Map the price columns of _assign_ohlc; the column that is the volume after all, if one is."""
    if len(prices) == 1:
        mapping[prices[0]] = "close"
        return None
    if len(prices) == 3 and _bar_without_its_open(mapping, prices, values, body):
        mapping[prices[0]], mapping[prices[1]], mapping[prices[2]] = "high", "low", "close"
        return None
    if len(prices) < 4:
        return None
    quad = prices[:4]
    rows, high, low = _bar_ends(quad, values, len(body), 1.0, flat=True)
    if high is None:
        return None
    if all(len({values[k][i] for k in quad}) == 1 for i in rows) and prices[4:] and (any(
            all(values[j][i] == values[quad[0]][i] for i in rows) for j in prices[4:])
            or len({values[quad[0]][i] for i in rows}) == 1):
        # Five columns of one price, no bar: a printout of closes (its open, high, low filled in). Nor
        # four columns of one number on every day beside another that moves ("0.25,0.25,0.25,0.25,10.52":
        # a rate, a fee): read as the bar, the constant had loaded as the price, the price unread.
        return None
    rest = [j for j in prices if j not in (high, low)]
    if not _one_bar(values[low], values[high], [values[j] for j in quad if j in rest], rows):
        return None
    mapping[high], mapping[low] = "high", "low"
    mapping[rest[0]], mapping[rest[1]] = "open", "close"
    if len(rest) < 3:
        return None
    extra = rest[2]
    ratios = _ratios(values[extra], values[rest[1]])
    if _moves_with(ratios):
        if _crosses(ratios):
            return None  # another price of the day, read as none of the bar's
        if _near(ratios):
            mapping[extra] = "adj_close"
            return None
        if len(ratios) > 1:
            # Far from the close yet keeping its ratio to it row after row: a market value, or an
            # adjusted close past _ADJUSTED_FACTOR (a raw close beside a split-adjusted one); no
            # volume, whose ratio to the price changes every day. Left out: taken as the volume, a
            # penny stock's reverse-split adjusted close had loaded as its volume, its volume dropped.
            return None
    # Not a column with negatives ("Change" after the close): it took the volume, and the volume was dropped.
    # Nor the close of the day before ("o,h,l,c,prev_close,volume"): loaded as the volume, the real one unread.
    # Nor a price inside every row's bar (_inside_bars): left to the whole columns, as a longer file's is.
    after_prices = numeric.index(extra) == numeric.index(max(quad)) + 1
    return extra if after_prices and all(v is None or v >= 0 for v in values[extra]) \
        and not _previous_close(values[extra], values[rest[1]]) \
        and not _inside_bars(values[extra], values[low], values[high]) else None


def _inside_bars(column: list[float | None], low: list[float | None], high: list[float | None]) -> bool:
    """Whether `column` lies between the low and the high on every row where all three are (two at least): a
    price of the day (its VWAP, its average), no volume. Kraken's "time,o,h,l,c,vwap,volume,count" of a few
    days, its VWAP's ratio to the close moving by more than _ADJUSTED_STEP from row to row (neither an
    adjusted close nor, on too few rows, crossing it), had loaded its VWAP as every day's volume."""
    rows = [(v, lo, hi) for v, lo, hi in zip(column, low, high) if v is not None and lo is not None and hi is not None]
    return len(rows) >= 2 and all(lo <= v <= hi for v, lo, hi in rows)


def _bar_without_its_open(mapping: Sequence[str | None], prices: list[int], values: dict[int, list[float | None]],
                          body: Sequence[Sequence[str]]) -> bool:
    """Whether the three price columns `prices` are a bar's high, low and close in that order, its open's
    column left empty right before them: the high every row's maximum, the low its minimum, the close
    not their midpoint on every row (a sell, buy and middle rate), rounded to the places it writes
    ("1.0854;1.0851;1.0853": asked exactly, an ask, bid and middle loaded as a bar). A Borsa Istanbul
    export ("19950321;;356.00;348.00;353.00;665845") had "no close column". Three prices without the
    empty open stay unread: their order is no bar's by itself (buy, sell, middle)."""
    empty = prices[0] - 1
    if empty < 0 or mapping[empty] is not None or any(empty < len(r) and r[empty].strip() for r in body):
        return False
    rows = [i for i in range(len(body)) if all(values[k][i] is not None for k in prices)]
    if len(rows) < _FLAT_LEAST or _ends(prices, values, rows, 1.0) != (prices[0], prices[1]):
        return False
    high, low, close = (values[k] for k in prices)
    # A middle written to d places is off the exact one by up to half their unit: 2 * close by a unit. A row
    # whose high and low are a unit apart or none tells nothing: its middle, so rounded, is the one or the
    # other, as a bar's close is. Read on those, a penny stock's bars moving a cent a day at most
    # ("20240103;;0.46;0.45;0.45") were refused, every close a "middle" (739557f): asked exactly there.
    unit = 10.0 ** -max(written_places(body[i][prices[2]]) for i in rows)
    told = [i for i in rows if high[i] - low[i] > 1.5 * unit]
    slack = unit if told else 0.0
    return _median_share(low, high, rows) >= _LOW_OF_HIGH \
        and not all(abs(2 * close[i] - high[i] - low[i]) <= slack + 1e-9 * high[i] for i in told or rows)


# A column far below the others (a change in cents, SGX's "high;low;last;change;...": the change
# was taken for the low, 0.077 under a close of 13.08) is no price of the bar. Its mark: far under
# the high on most rows (under this share of it), and as far under a column that is the lowest of
# the other three on every row, the bar's real low. Far under the high alone is no mark: a cheap
# option's or a sub-penny stock's day often ends at a third of its high. Nor is a low under zero:
# WTI's of 2020-04-20, in a file that had loaded every day but that one, and then loaded nothing.
_LOW_OF_HIGH = 0.5
# Far under the high, the low may still be a bar's if its open and close are near each other on
# most rows: a bar's day seldom ends at a third of its start. Two pairs of columns, each near
# itself and far from the other, are two prices of something else side by side: the Banco
# Central do Brasil's closing file, "15/05/2026;220;A;USD;5,0648;5,0654;1,0000;1,0000", its
# buy and sell rates in reais beside its buy and sell parities to the dollar, had loaded the
# rate bought as the open, the parity sold as the close (1.0000), and the currency code as volume.
_OPEN_OF_CLOSE = 1 / 3


def _one_bar(low: list[float | None], high: list[float | None], middle: list[list[float | None]],
             rows: list[int]) -> bool:
    """Whether `low` can be the lows of the bars whose highs are `high` and whose other two prices
    are `middle` (on `rows`, where all are)."""
    if _median_share(low, high, rows) >= _LOW_OF_HIGH:
        return True
    a, b = middle
    # On `rows` only: a row with an empty cell holds None, which min() cannot order (a bar's file
    # with one open left blank, its low far under its high, had stopped detection with a TypeError).
    lower, upper = {i: min(a[i], b[i]) for i in rows}, {i: max(a[i], b[i]) for i in rows}
    if _median_share(lower, upper, rows) < _OPEN_OF_CLOSE:
        return False
    lowest = a if all(a[i] <= b[i] for i in rows) else b if all(b[i] <= a[i] for i in rows) else None
    return lowest is None or _median_share(low, lowest, rows) >= _LOW_OF_HIGH


def _median_share(part: Mapping[int, float | None] | list[float | None],
                  whole: Mapping[int, float | None] | list[float | None], rows: list[int]) -> float:
    """The median of part / whole over `rows` where whole is above zero (1.0 where it is nowhere)."""
    shares = sorted(part[i] / whole[i] for i in rows if whole[i] > 0)
    return shares[len(shares) // 2] if shares else 1.0


_ADJUSTED_STEP = 0.02  # an adjusted close's ratio to the close holds between dividends and splits


# An adjusted close stays within this factor of the close: decades of splits and dividends put
# Microsoft's 1986 close at a 430th of itself, China's back-adjusted prices (后复权) a few hundred
# times their own. A column a thousand times the close or more is money traded or a market value:
# Eastmoney's kline line "2000-01-28,1005.26,1012.56,1173.12,982.13,3023326,3075552000.00" ends
# with the yuan traded, which a one-row file (too few rows to tell by _moves_with) had loaded as
# the adjusted close, 3 million times the close; a market value keeps its ratio to the close on
# every row of one ticker's file, and would pass _moves_with however many rows it has.
_ADJUSTED_FACTOR = 1000.0


def _ratios(column: list[float | None], close: list[float | None]) -> list[float]:
    """A column's ratios to the close, row by row, where both are above zero."""
    return [a / c for a, c in zip(column, close) if a is not None and c is not None and a > 0 and c > 0]


def _near(ratios: list[float]) -> bool:
    """Whether a column's `ratios` to the close stay within _ADJUSTED_FACTOR on most rows, as an adjusted close's do."""
    middle = sorted(ratios)[len(ratios) // 2] if ratios else 1.0
    return 1 / _ADJUSTED_FACTOR < middle < _ADJUSTED_FACTOR


# An adjusted close is the close scaled by the splits and dividends after its day: on one side of
# the close row after row. A column now a little above the close, now a little below, is another
# price of the day (its last trade, its average, the day before's close): an NSE bhavcopy without
# its header had loaded its LAST as the adjusted close, a file's VWAP after the close the same.
_CROSSING = 0.002  # beyond rounding: an adjusted close printed to fewer places touches the close
_CROSSING_SHARE = 0.05  # of the rows on the rarer side: one slip in a long file is no crossing
# Another price of the day keeps within this factor of the close. An adjusted close beside a close
# not adjusted for splits (Yahoo's table.csv before 2017) is many times it before a reverse split,
# a little under it after for the dividends since: counted as crossing, that adjusted close had
# gone unread and every row's adj_close was its close.
_DAY_PRICE_FACTOR = 1.25


def _crosses(ratios: list[float]) -> bool:
    """Whether a column's `ratios` to the close lie a little above it on some rows and a little below
    it on others."""
    above = sum(1 + _CROSSING < r < _DAY_PRICE_FACTOR for r in ratios)
    below = sum(1 / _DAY_PRICE_FACTOR < r < 1 - _CROSSING for r in ratios)
    return min(above, below) >= max(1.0, _CROSSING_SHARE * len(ratios))


def _moves_with(ratios: list[float], step: float = _ADJUSTED_STEP) -> bool:
    """Whether a column's `ratios` to the close hold from row to row (within `step`) on most rows, as
    an adjusted close's do (a volume's ratio to the price changes every day). Too few rows to tell: they do."""
    steps = sorted(abs(r2 / r1 - 1) for r1, r2 in zip(ratios, ratios[1:]))
    return not steps or steps[len(steps) // 2] < step


def stays_unmapped(j: int, header_cells: Sequence[Sequence[str]], mapping: Sequence[str | None]) -> bool:
    """Whether column `j`, empty in the sample and unmapped, would stay unmapped (and leave every
    other column's mapping as it is) whatever values a larger sample found in it. Empty, it fitted
    every type (fits_type), so each canonical its name suggests was already a candidate, and lost:
    values can only take candidates away or weaken them. By type alone it could take the date when
    no column has it, and, without a header, the ticker or the prices when no column has those."""
    used = {m for m in mapping if m}
    if "date" not in used:
        return False
    named = j < len(header_cells) and bool(header_cells[j])
    return named or ("ticker" in used and any(p in used for p in PRICE_COLUMNS))


# The problem of a table holding several tickers' prices on each line (tickers_side_by_side): its
# rows are rejected with it (normalise.py), not read as one ticker's.
SIDE_BY_SIDE = "prices of several tickers side by side"
# One instrument's several closes, each named by which close it is ("Closing Price,Auction Close"): which is
# the day's is unsaid. A judgement a user may overrule with the mapping (refusals.py), as SIDE_BY_SIDE is.
SEVERAL_CLOSES = "several closes of one instrument"
# Sides of a quote: columns "Close" under "Bid" and under "Ask" are one instrument's two prices.
_QUOTE_SIDES = frozenset({"bid", "ask", "offer", "mid", "last", "trade", "buy", "sell"})


def _named(normed: str) -> str | None:
    """The canonical column a norm_name'ed name is a synonym of, if any."""
    hit = _SYNONYMS.get(normed)
    return hit[0] if hit is not None else None


def _field_named(normed: str) -> str | None:
    """The price or volume column a norm_name'ed name is a synonym of, if any."""
    named = _named(normed)
    return named if named in (*PRICE_COLUMNS, "volume") else None


def names_a_field(cell: str) -> bool:
    """A label that is itself a price or volume name sets apart fields, not tickers: "Price" over
    "Open" and over "High" (a group name pandas repeats over each column), "Adjusted" over a second
    "Open". One letter may be a ticker as well ("C", "V" under "Close" in yf.download)."""
    n = norm_name(cell)
    return len(n) > 1 and _field_named(n) is not None


def field_of(cell: str) -> str | None:
    """The price or volume column a header cell is a whole-name synonym of ("Adj Close", "Volume");
    not a price it qualifies ("Close (%)": _QUALIFYING)."""
    named = _field_named(norm_name(cell))
    if named is None and "volume" == _field_named(norm_name(BRACKETED.sub("", cell))) \
            and all(map(only_pieces, BRACKETED.findall(cell))):
        # "AAPL Volume (units)", "MSFT Vol (Stk.)": what is counted, as "Volume (shares)" says it. Left
        # whole, a wide file's volumes were unread and its tickers loaded without them, without a word.
        return "volume"
    return None if named in PRICE_COLUMNS and qualified_price(cell) else named


def has_a_name(cell: str) -> bool:
    """Whether a header cell is a whole-name synonym of any canonical column ("Close Price")."""
    return _named(norm_name(cell)) is not None


def tickers_side_by_side(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                         tickers: Collection[str] = ()) -> list[str]:
    """The labels that set apart price columns a header block names alike ("Close" over "AAPL" and
    "Close" over "MSFT": yfinance's download of several tickers, a Bloomberg sheet of several
    securities), else []. Such a wide table holds several tickers on each line, and only one
    column of each name can be mapped: read as one ticker's file, the others' prices would be lost
    and the first's loaded under the file's name (series.py reads each ticker's columns).
    `tickers`: labels known for tickers (labels_over_fields)."""
    labels = labels_over_fields(header_cells, types, tickers)
    if labels:
        return sorted({" ".join(label) for label in labels})
    dated = series_with_their_dates(header_cells, types)
    ends = [j - 1 for j, _ in dated[1:]] + [len(types) - 1]
    return [label or f"columns {j + 1}-{end + 1}" for (j, label), end in zip(dated, ends)]


def repeated_unlabelled(header_cells: Sequence[Sequence[str]], mapping: Sequence[str | None],
                        body: Sequence[Sequence[str]]) -> list[int]:
    """The unmapped columns that repeat a mapped price column's name with no label to set them
    apart ("Date,Close,Close,Close"; "Date,Open,Close,Open,Close"), and hold other values than it on
    at least half the rows: several series' prices with nothing to say whose each is. Read as one
    ticker's file, the first loaded under the file's name and the others were left unread without a
    word. A column repeated with the same values (exported twice) is no other series."""
    mapped = {norm_name(cells[0]): j for j, (cells, m) in enumerate(zip(header_cells, mapping))
              if m in PRICE_COLUMNS and len(cells) == 1}
    repeats = []
    for j, cells in enumerate(header_cells):
        if mapping[j] is not None or len(cells) != 1 or (k := mapped.get(norm_name(cells[0]))) is None \
                or qualified_price(cells[0]):  # "Close %" beside "Close": its change, no other series
            continue
        pairs = [(_bare_number(r[j]), _bare_number(r[k])) for r in body
                 if max(j, k) < len(r) and r[j].strip() and r[k].strip()]
        if pairs and 2 * sum(a != b for a, b in pairs) >= len(pairs):
            repeats.append(j)
    return repeats


_TRAILING_ZEROS = re.compile(r"([.,]\d*?)0+$")


def _bare_number(cell: str) -> str:
    """A cell as written less the zeros that end its decimals ("10.60", "10,50" -> "10.6", "10,5"): one
    price written twice by two formats is one price."""
    return _TRAILING_ZEROS.sub(r"\1", cell.strip()).rstrip(".,")


def labels_over_fields(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType],
                       tickers: Collection[str] = ()) -> list[tuple[str, ...]]:
    """The labels (the header cells besides the field's name) of the price columns of one name
    that they set apart, in column order; [] when no name is set apart by labels. `tickers`: labels
    a one-row header's split read as tickers though they name a field too (flat_header.split_header:
    Lowe's "LOW" over "Open", beside "HD Open"). Unread, HD's bars loaded under the file's name and
    LOW's were left unread without a word. A price named with its currency ("Close (GBp)") is a field
    only under a label none of whose columns names that field alone: beside each ticker's "Close",
    AAPL's and MSFT's "Close (EUR)" (or "Value (USD)", a position's worth) read as a second close of
    each label, no label was set apart, and AAPL's closes loaded under the file's name, MSFT's left
    unread without a word."""
    found: list[tuple[str, tuple[str, ...], bool]] = []  # (field, label, named with a currency) of each column
    for cells, t in zip(header_cells, types):
        if len(cells) < 2:
            continue
        # The field is the longest price name among the cells: a ticker may be one letter ("C"
        # over "Open"); the other cells are its label, unless one names a field as well.
        fields = [(len(n), k, field, coded) for k, cell in enumerate(cells) if cell not in tickers
                  for n in (norm_name(cell),) for field, coded in _field_or_priced(cell, n) if fits_type(field, t)]
        if fields:
            _, k, canonical, coded = max(fields, key=lambda f: (f[0], -f[1]))
            label = tuple(cells[:k]) + tuple(cells[k + 1:])
            # A units row under the names ("USD", "x1000" under "Close") is no part of the ticker's
            # label: taken in, AAPL's rows loaded under "AAPL USD". Unless it is the label.
            named = tuple(cells[:k]) + tuple(c for c in cells[k + 1:] if not units_cell(c))
            label = named if named else label
            if not any(map(names_a_field, label)) or " ".join(label) in tickers:
                found.append((canonical, label, coded))
    plain = {(canonical, label) for canonical, label, coded in found if not coded}
    labels_of: dict[str, list[tuple[str, ...]]] = {}
    for canonical, label, coded in found:
        if not (coded and (canonical, label) in plain):
            labels_of.setdefault(canonical, []).append(label)
    for labels in labels_of.values():
        named = {" ".join(label) for label in labels}
        if len(labels) >= 2 and len(named) == len(labels) and not {norm_name(n) for n in named} <= _QUOTE_SIDES:
            return labels
    return []


def _field_or_priced(cell: str, normed: str) -> list[tuple[str, bool]]:
    """[(the field a header cell, norm_name'd `normed`, names, whether only as a price in a unit)], or []."""
    if field := _field_named(normed):
        return [(field, False)]
    return [(field, True)] if (field := _price_in_a_unit(cell)) else []


def _price_in_a_unit(cell: str) -> str | None:
    """The price a header cell names before the unit its prices are written in ("Close (GBp)", "Close
    USDT", "Close (K)", "Close in USD": price_unit.py), if any. A ticker's label over each such close
    ("BP.L" over one, "VOD.L" over the other) read as no field's, the first close loaded under the
    file's name and the second was left unread, without a word. Prices only: a volume in money is the
    turnover (_in_money), no count of shares."""
    field = _field_named(norm_name(rest)) if (rest := without_unit(cell)) else None
    return field if field in PRICE_COLUMNS else None


def series_with_their_dates(header_cells: Sequence[Sequence[str]], types: Sequence[ColumnType]
                            ) -> list[tuple[int, str | None]]:
    """Series that each bring their own date column ("Date,PX_LAST,Date,PX_LAST": a Bloomberg sheet
    of several securities, each over its own dates), as (their date column, their label: the cells
    above the date, "AAPL US Equity", or None), else []: the first series loaded under the file's
    name and the others' prices were dropped without a word."""
    fields = [{f for cell in cells if (f := _named(norm_name(cell))) and fits_type(f, t)}
              for cells, t in zip(header_cells, types)]
    dates = [j for j, named in enumerate(fields) if "date" in named]
    repeated = {f for f in (*PRICE_COLUMNS, "volume") if sum(f in named for named in fields) >= 2}
    if len(dates) < 2 or not repeated:
        return []
    labels = [" ".join(label_cells_over_date(header_cells[j])) or None for j in dates]
    named = [label for label in labels if label is not None]
    return list(zip(dates, labels)) if len(set(named)) == len(named) else []


def label_cells_over_date(cells: Sequence[str]) -> list[str]:
    """The cells of a series' date column that label it: those naming no field and not the date."""
    return [c.strip() for c in cells
            if c.strip() and _field_named(norm_name(c)) is None and _named(norm_name(c)) != "date"]
