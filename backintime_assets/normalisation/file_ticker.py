"""The ticker a file's rows load under when nothing in the file names it: the file's name."""
from __future__ import annotations

import re
from datetime import date

from backintime_assets.detection.currencies import COINS, CURRENCY_CODE, CURRENCY_CODES
from backintime_assets.detection.name_words import without_file_words
from backintime_assets.detection.nameless import folder_ticker, nameless_problem
from backintime_assets.detection.filename import (COPY_PREFIX, COPY_SUFFIX, SITE_PREFIX, SITE_SUFFIX, base_name,
                                                  without_dates, without_words)

_SYMBOL_CODE = re.compile(r"[A-Z]{1,4}|[a-z]{1,4}|[A-Z][a-z]")  # "L", "KS", "OSE", "B"; "us" of "aapl.us"; "Si"
# Short dotted words that name a copy, a version or a kind of the file, never an exchange or a
# class: "AAPL.OLD.csv" beside AAPL.csv is Apple's, and loaded as a ticker of its own it would be
# a second Apple in every backtest, where as AAPL it supersedes (or is superseded by) AAPL.csv.
_FILE_WORDS = frozenset("""OLD NEW BAK TMP TEMP COPY ORIG PREV LAST FULL ALL MAX ADJ RAW EOD DATA HIST
                           CSV TXT TSV DAT PRN XLS""".split())


# What a site or a tool writes around the symbol in the name it gives every download, each from its real
# names; the symbol is what is left ("MacroTrends_Data_Download_BRK.A" is BRK.A, its class kept). Kept, each
# download loaded as a ticker of its own beside the symbol's other files ("AAPL_US_D", "EURUSD1440" beside
# EURUSD60, a second EURUSD each), and a site's download of a month or a range as yet another
# ("BTCUSDT-1D-2024-01" beside "BTCUSDT-1D-2024-02"): one instrument's rows split, neither superseding the other.
_CURRENCY = (r"(?:USD|EUR|GBP|JPY|CHF|AUD|NZD|CAD|SEK|NOK|DKK|PLN|HUF|CZK|TRY|ZAR|MXN|SGD|HKD|CNH|CNY|RUB|ILS"
             r"|XAU|XAG|XPT|XPD|BTC|ETH|LTC|XRP)")
_PAIR = rf"{_CURRENCY}{_CURRENCY}"
# What Binance quotes its pairs in. Not its lira: "INDUSTRY", "ENTRY" and "COUNTRY" end in TRY, and an
# office's "INDUSTRY_1d" is its own name.
_COIN_QUOTE = r"(?:USDT|USDC|FDUSD|BUSD|TUSD|USD|EUR|BTC|ETH|BNB)"
# MetaTrader 5's timeframes ("M15", "H1", "D1", "MN1"), and the words its bar export names the longer ones
# by ("EURUSD_Daily_200601020000_201912310000": Daily, Weekly, Monthly).
_MT5_FRAME = r"(?:M(?:1|2|3|4|5|6|10|12|15|20|30)|H(?:1|2|3|4|6|8|12)|D1|W1|MN1?|Daily|Weekly|Monthly)"
# TradingView's venue prefixes whose symbols other sources write bare, and its intervals (minutes, or a
# count of seconds, days, weeks or months). Not a coin exchange's: each trades a coin at its own price
# (COINBASE_BTCUSD and BITSTAMP_BTCUSD cut to one BTCUSD would mix two markets' days under one name).
_TV_VENUES = ("(?:NASDAQ|NYSE|AMEX|BATS|CBOE|ARCA|NYSEARCA|OTC)(?:_DLY)?|OANDA|FX|FX_IDC|FXCM|FOREXCOM|SAXO"
              "|PEPPERSTONE|ICMARKETS|CAPITALCOM|TVC|SP|DJ|INDEX")
_TV_INTERVAL = r"(?:\d{1,3}[SDWM]|[DWM]|1|3|5|15|30|45|60|120|180|240)"
_TV_DOWNLOAD = r"(?:_[0-9a-fA-F]{5})?"
_YYMMDD = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # a day as Finam names its export's range
_AV_FRAME = r"(?:daily|weekly|monthly|intraday_\d+min)"  # Alpha Vantage's currencies' frames in its names
_DECORATIONS = tuple(re.compile(p) for p in (
    # Dukascopy: "EURUSD_Candlestick_1_D_BID_01.01.2024-14.01.2024", "..._1_Hour_ASK_...", and what a
    # user adds after its range or writes in its place ("XAUUSD_..._31.12.2019_all" beside "..._wkdays",
    # "EURUSD_Candlestick_1_D_BID_Clean"): had loaded as XAUUSD_CANDLESTICK_1_D_BID_05, a date's day kept.
    r"^(?P<s>.+?)_Candlestick_\d+_[A-Za-z]+_(?:BID|ASK)(?:[_ .-].*)?$",
    # And dukascopy-node's download (its CLI's default name, in lower case): the instrument, its timeframe and
    # the side of the quote ("eurusd-d1-bid-2017-01-01-2020-01-01", "xauusd-h1-ask"; its range cut first by
    # filename.without_dates): had loaded as EURUSD-D1-BID beside the pair's other files. Only with the side:
    # "us-m1" or "fund-d1" are a user's own names.
    r"^(?P<s>[a-z][a-z0-9]+)-(?:s1|m1|m5|m15|m30|h1|h4|d1|mn1)-(?:bid|ask)$",
    # MetaTrader 4's History Center: the pair and the bars' minutes ("EURUSD1440", "EURUSD60"). A pair of
    # currencies only: the digits of "US30", "GER40", "JP225" or "NAS100" are the index's own.
    rf"^(?P<s>{_PAIR})(?:1|5|15|30|60|240|1440|10080|43200)$",
    # MetaTrader 5's timeframe after a pair ("EURUSDH1", "EURUSD_M1", "XAUUSD_D1"), and after any symbol
    # where its bar export's range follows ("US30_D1_202401020000_202403290000"). Not after any word: "US_M1"
    # is the money stock.
    rf"^(?P<s>{_PAIR})_?{_MT5_FRAME}$", rf"^(?P<s>.+?)_{_MT5_FRAME}_\d{{12}}_\d{{12}}$",
    # Barchart: "aapl_price-history-01-02-2024", "zcu19_price-history-11-07-2018" (the day it was saved).
    r"^(?P<s>.+?)_price-history-\d{2}-\d{2}-\d{4}$",
    # MacroTrends: "MacroTrends_Data_Download_AAPL".
    r"^MacroTrends_Data_Download_(?P<s>.+)$",
    # ariva.de's historic download: "wkn_<WKN>_historic" ("wkn_840400_historic" is BASF's), the German
    # securities code of six letters and digits; whole, every ariva file had loaded under its own name.
    r"^wkn_(?P<s>(?=[A-Z]*\d)[A-Z0-9]{6})_historic$",
    # Cboe's index histories: "VIX_History", "VIX9D_History", "SKEW_History".
    r"^(?P<s>\^?[A-Z][A-Z0-9]*)_History$",
    # Binance's monthly and daily files: "BTCUSDT-1d-2024-01", "ETHUSDT-1h-2024-01-15".
    r"^(?P<s>[A-Z0-9]+)-(?:1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1mo)-\d{4}-\d{2}(?:-\d{2})?$",
    # And the name scripts give what they fetch from its API: the pair and its interval as Binance writes it
    # ("BTCUSDT-1d", "ETHUSDT_1h"). A coin pair only, its quote currency last: "SPY_5" and "US_1m" are users'.
    rf"^(?P<s>[A-Z0-9]{{2,}}{_COIN_QUOTE})[-_](?:1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M|1mo)$",
    # Alpha Vantage's CSV: "daily_IBM", "daily_adjusted_IBM", "weekly_IBM", "intraday_5min_IBM" (its
    # symbol as the user typed it, in capitals: "daily_returns" is a user's own name).
    r"^(?:(?:daily|weekly|monthly)(?:_adjusted)?|intraday_\d+min)_(?P<s>\^?[A-Z0-9][A-Z0-9.=-]*)$",
    # And its currencies' and coins': "fx_daily_EUR_USD", "fx_intraday_5min_EUR_USD", "currency_daily_BTC_CNY"
    # (a coin and the market it is priced in), the pair as it writes it. Each had loaded as a ticker of its
    # own (FX_DAILY_EUR_USD beside FX_WEEKLY_EUR_USD); in lower case ("fx_daily_returns") a user's own name,
    # and so where the pair is no currencies' codes ("fx_daily_UK_GDP", "fx_daily_2020_EUR"), nor where
    # a coin's is no known coin's or currency's ("currency_daily_2020_EUR", "currency_daily_SALES_EUR").
    rf"^fx_{_AV_FRAME}_(?P<s>{CURRENCY_CODE}_{CURRENCY_CODE})$",
    rf"^currency_{_AV_FRAME}_(?P<s>(?:{'|'.join(sorted(COINS))}|{CURRENCY_CODE})_{CURRENCY_CODE})$",
    # MarketWatch: "Download Data - STOCK_US_XNAS_AAPL", "... - FUND_US_ARCX_SPY". American listings
    # only: elsewhere the market code is the symbol's ("STOCK_UK_XLON_BP" is no New York BP).
    r"^Download Data - [A-Z]+_US_[^_]+_(?P<s>[^_]+)$",
    # CoinMarketCap: "Bitcoin_1_1_2024-2_1_2024_historical_data_coinmarketcap".
    r"^(?P<s>.+?)_\d{1,2}_\d{1,2}_\d{4}-\d{1,2}_\d{1,2}_\d{4}_historical_data_coinmarketcap$",
    # FirstRate Data: "AAPL_full_1day_adjsplitdiv", "AAPL_full_1min_UNADJUSTED".
    r"^(?P<s>[A-Z0-9.^-]+)_full_\d+(?:min|hour|day|week)_(?:adjsplitdiv|adjsplit|UNADJUSTED)$",
    # Google Sheets: "<spreadsheet> - <sheet>", its sheet's default name after the spreadsheet's.
    r"^(?P<s>.+?) - Sheet\d+$",
    # CoinGecko's export of a coin's whole history: "btc-usd-max", "eth-eur-max" (the coin, the currency
    # it is priced in, the range).
    rf"^(?P<s>[a-z0-9]+(?:-[a-z0-9]+)*-(?i:{_CURRENCY}))-max$",
    # Kraken's OHLCVT downloads: the pair and the bars' minutes ("XBTUSD_1440", "ETHEUR_60"). A pair: a
    # currency alone ("USD_60", "NOK_1") is a user's name, its number theirs.
    rf"^(?P<s>[A-Z0-9]{{2,}}{_CURRENCY}(?:T|C)?)_(?:1|5|15|30|60|240|720|1440|10080|21600)$",
    # TradingView's chart export: "<venue>_<symbol>, <interval>" ("BATS_AAPL, 1D", "BINANCE_BTCUSDT, 1D",
    # "OANDA_EURUSD, 60", "CME_MINI_ES1!, 1W"), its newer downloads each with five hex digits of their own
    # after ("BATS_AAPL, 1D_9f4ab", "COMEX_DL_GC1!, 240_2d42d": two downloads of AAPL had loaded as two
    # tickers). The interval is never the symbol's. The venue is cut where it is an American listing's, a
    # currency dealer's or an index publisher's, as the other sources write those symbols bare; elsewhere
    # it stays ("LSE_BP" is no New York BP, "BINANCE_BTCUSDT" no other exchange's coin).
    rf"^(?:{_TV_VENUES})_(?P<s>[A-Z0-9][A-Z0-9.!&^-]*), {_TV_INTERVAL}{_TV_DOWNLOAD}$",
    rf"^(?P<s>[A-Z0-9][A-Z0-9_.!&^-]*), {_TV_INTERVAL}{_TV_DOWNLOAD}$",
    # Nasdaq Data Link's (Quandl's) download: "<database>-<dataset>" ("WIKI-AAPL", "EOD-MSFT", "CHRIS-CME_CL1",
    # "LBMA-GOLD"). For these databases, which gather one kind of price from many places, the dataset's code
    # is the instrument's; an exchange's own database ("NSE-INFY", "TSE-7203") keeps its code: Infosys in
    # Mumbai is no New York INFY. A code with a letter, not a file's word: an office's "EOD-2024" (its
    # year's file) or "EOD-DATA" names no instrument after the dash.
    rf"^(?:WIKI|EOD|CHRIS|LBMA|BCHARTS|FRED|PERTH|OPEC|BITFINEX|CURRFX)-"
    rf"(?!(?:{'|'.join(sorted(_FILE_WORDS))})$)(?P<s>(?=[A-Z0-9_.]*[A-Z])[A-Z0-9][A-Z0-9_.]*)$",
    # NSE's index history and Kaggle's per-stock files: "NIFTY 50_Data", "NIFTY BANK_Data", "AAPL_data", the
    # symbol in capitals. Not an office's own words ("stock_data", "my_data", "EOD_data"): cut, they loaded
    # as tickers STOCK, MY, EOD (a listed fund's symbol) where they had been STOCK_DATA, MY_DATA, EOD_DATA.
    rf"^(?!(?:{'|'.join(sorted(_FILE_WORDS))})_)(?P<s>(?=[^a-z]*[A-Z])[^a-z]+?)_[Dd]ata$",
    # kabuoji3's download of a Tokyo listing's year: "<code>_<year>" ("1557_2019", "7203_2020"), one file a
    # year: each year had loaded as a ticker of its own (1557_2019 beside 1557_2020), one ETF split in
    # years. A four-digit code only, Tokyo's (1301 and up): a name's own number stays ("RUSSELL_2000",
    # "AAPL_2019", "1000_2020"). Not a span of years ("2019_2020", "2024_2025": a season's file, not Tokyo
    # code 2019): a code that could be a year of these keeps the whole name, as before.
    r"^(?!(?:199\d|20\d\d)_)(?P<s>(?:1[3-9]|[2-9]\d)\d{2})_(?:19|20)\d{2}$",
    # The Taiwan Stock Exchange's download of a code's month: "STOCK_DAY_<code>_<YYYYMM>" ("STOCK_DAY_2330_202101",
    # its monthly averages "STOCK_DAY_AVG_2330_202101"), the code four digits and up to two more digits or letters
    # ("0050", "00631L"). Whole, each month had loaded as a ticker of its own beside the code's other months.
    r"^STOCK_DAY(?:_AVG)?_(?P<s>\d{4}[0-9A-Z]{0,2})_(?:19|20)\d{2}(?:0[1-9]|1[0-2])$",
    # Finam's export: "<code>_<from>_<to>", both days as YYMMDD ("GAZP_190722_190722", "SBER_101111_221111",
    # "SPFB.Si_200101_201231"). Its bars exported without the <TICKER> field (DATE,TIME,OPEN,...) had loaded
    # each range downloaded as a ticker of its own. A code with a capital, not a file's word: an office's
    # "sales_240101_240131" or "DATA_190101_191231" keeps its whole name.
    rf"^(?!(?:{'|'.join(sorted(_FILE_WORDS))})_)(?P<s>(?=[A-Za-z0-9.@-]*[A-Z])[A-Za-z0-9][A-Za-z0-9.@-]*?)"
    rf"_{_YYMMDD}_{_YYMMDD}$",
))
# stooq names a download after its symbol in lowercase, market and bars: "aapl_us_d", "^spx_d", "bp_uk_d".
# An American listing is the bare symbol, as other sources write it; another market's code stays the
# symbol's, written as stooq's own symbol writes it ("bp.uk"): London's BP is no New York BP.
# Without a market, an index's ("^spx_d") or a pair's of currencies, metals or coins ("eurusd_d",
# "xauusd_d", "btcusd_d"), each half a code. Not any word's: an office's own "prices_w" and "treasury_d"
# (its weekly and daily files) had loaded as PRICES and TREASURY, the one instrument of no name; a short
# word's "_w" or "_m" ("d_w", "t_m") is a user's own name too. A coin of any code against a currency
# its pairs are quoted in ("dogeusd_d", "solusdt_d", "adaeur_d"): the coins are too many to list, and
# such a pair had been cut before the pairs were listed (DOGEUSD was to stay DOGEUSD, not DOGEUSD_D).
_CODES = "|".join(sorted({c.lower() for c in CURRENCY_CODES} | {"xau", "xag", "xpt", "xpd", "btc", "eth", "ltc", "xrp",
                                                                "bch"}))
_QUOTES = "usdt|usdc|usd|eur|gbp|jpy|chf|pln|btc|eth"
_STOOQ = re.compile(rf"^(?:(?P<s>\^?[a-z0-9][a-z0-9.-]*?)_(?P<m>[a-z]{{2}})|(?P<b>\^[a-z0-9]+|(?:{_CODES}){{2}}"
                    rf"|[a-z]{{3,6}}(?:{_QUOTES})))_[dwm]$")


# stooq.pl writes its downloads' header in Polish, without diacritics ("Data,Otwarcie,Najwyzszy,Najnizszy,
# Zamkniecie,Wolumen"), and names them after the symbol and the bars ("wig20_d", "pkn_d", "kgh_w"): a Warsaw
# listing's or a Polish index's symbol has no market code, so _STOOQ, which cuts a bare word's "_d" only
# where it reads as an index or a pair, keeps it: "wig20_d.csv" had loaded as WIG20_D, "pkn_d.csv" as PKN_D,
# each download a ticker of its own beside the symbol's other files. The header proves the name stooq's;
# an office's own "treasury_d" under any other header keeps its whole name.
# Only the daily letter: a weekly, monthly or yearly download's bars are no day's, and one short enough to
# pass for days (two rows: "kgh_w.csv") loaded under KGH beside the daily file's rows; as KGH_W it stands
# apart. No dot in the symbol: stooq writes a market as "_us" (_STOOQ), and "aapl.us_d" had read as AAPL,
# stooq's own American listing (stooq_american), not as AAPL.US.
STOOQ_PL_HEADER = ("Data", "Otwarcie", "Najwyzszy", "Najnizszy", "Zamkniecie")
_STOOQ_PL_NAME = re.compile(r"^(?P<s>\^?[a-z0-9][a-z0-9-]*?)_d$")


def stooq_polish(names) -> bool:
    """Whether a header's first column names (`names`, in order) are a stooq.pl download's."""
    return tuple(str(n).strip() for n in list(names)[:len(STOOQ_PL_HEADER)]) == STOOQ_PL_HEADER


# stooq's database files ("aapl.us.txt": "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,...") write an American
# listing's symbol with its market ("AAPL.US"), which its downloads' names read as the bare symbol (_STOOQ):
# both loaded, one share's history stood under two tickers, AAPL and AAPL.US. Other markets keep theirs.
STOOQ_TICKER_COLUMN = "<TICKER>"
_STOOQ_AMERICAN = re.compile(r"^(\^?[A-Z0-9][A-Z0-9.-]*?)\.US$")


def stooq_american(symbol: str) -> str:
    """`symbol` of a stooq database file's ticker column without its ".US" ("AAPL.US" -> "AAPL"); others as is."""
    return m[1] if (m := _STOOQ_AMERICAN.fullmatch(symbol)) is not None else symbol


# And the database's files are named after that symbol in lower case ("aapl.us.txt", "bp.uk.txt"): where
# the file holds no <TICKER> column, its name reads as the column would (AAPL), not as AAPL.US. Only in
# stooq's shape: "AAPL.US.csv" or "aapl.us.csv" is another's name, kept whole.
_STOOQ_FILE = re.compile(r"^\^?[a-z0-9][a-z0-9-]*\.[a-z]{2}\.txt$")


def _undecorated(stem: str, data_until: date | None, stooq_pl: bool = False) -> str:
    """The symbol a site's or a tool's name for its download holds (_DECORATIONS, _STOOQ), or a name
    without the days written beside it (filename.without_dates: "AAPL_2024-09-03", "AAPL_data_20240903");
    `stem` as is where none of them is its name. A site's own days first: Barchart's
    "aapl_price-history-01-02-2024" is AAPL, not "AAPL_PRICE-HISTORY"."""
    undated = without_dates(stem, data_until) or stem
    for name in dict.fromkeys((stem, undated)):
        for words in _DECORATIONS:
            if (m := words.fullmatch(name)) is not None:
                return m["s"]
        if (m := _STOOQ.fullmatch(name)) is not None:
            return m["b"] or (m["s"] if m["m"] == "us" else f"{m['s']}.{m['m']}")
        # Not where the symbol is a word a page gives every download ("data_d", "export_d": a user's
        # renamed file, no stooq symbol): cut, it loaded as DATA, a name "data.csv" is refused for.
        if stooq_pl and (m := _STOOQ_PL_NAME.fullmatch(name)) is not None \
                and nameless_problem(f"{m['s']}.csv") is None:
            return m["s"]
    return undated


def _beside(own: str, cut: str) -> tuple[str, str]:
    """(what `own`, a name with its day kept, writes before the symbol `cut` gives, and after it); ("", "")
    where it is the cut name, or holds it otherwise."""
    if own == cut or not cut:
        return "", ""
    if own.startswith(cut):
        return "", own[len(cut):]
    return (own[:-len(cut)], "") if own.endswith(cut) else ("", "")


def default_ticker_for(source_file: str, data_until: str | None = None, stooq_pl: bool = False) -> str:
    """Files without a ticker column are named after it (AAPL.csv, "msft daily.csv" -> MSFT DAILY):
    the name up to its first dot, and the dotted codes of one to four letters that follow it, which
    belong to the symbol: an exchange or a share class ("BP.L" is London's BP in pence, "BP" New
    York's ADR in dollars; "000001.SH" an index, "000001.SZ" a bank; "BRK.B" is not BRK.A). Other
    dotted pieces are no symbol's: a file type, a data kind ("ES 03-24.Last.txt", NinjaTrader's),
    a timeframe ("AAPL.NAS_Daily"), a date ("..._BID_01.01.2024-14.01.2024"); nor are the words a
    second copy's name adds ("AAPL (1).csv", "AAPL - Copy.csv": COPY_SUFFIX), nor the ones a site
    writes after the symbol in every download's name ("AAPL Historical Data.csv": filename.SITE_SUFFIX) or before
    it (SITE_PREFIX), nor the words beside them that say what the file is ("Diários", "acciones":
    name_words.without_file_words), nor a
    site's or a tool's around it ("aapl_us_d.csv", "EURUSD1440.csv": _DECORATIONS). A day written beside
    the symbol is cut where it is the download's, kept where it is after the file's data (`data_until`,
    ISO: FileSchema.data_until), an expiry's or a maturity's ("ES_2024-12-20": filename.without_dates).
    `stooq_pl`: the file's header is a stooq.pl download's (stooq_polish), whose daily letter is cut
    from the name ("wig20_d" -> WIG20; "wig20_w", weekly bars, stays WIG20_W).
    A name a site or a program gives every download, in a folder named as a code is, is the folder's
    ("dataset/ACB/PriceHistory.csv" -> ACB: nameless.folder_ticker)."""
    if (folder := folder_ticker(source_file)) is not None:
        return folder
    pieces = base_name(source_file).split(".")
    if len(pieces) > 1:
        pieces = pieces[:-1]  # the file type: a source file always has one
    pieces[-1] = COPY_SUFFIX.sub("", pieces[-1]) or pieces[-1]
    capitals = not any(c.islower() for c in base_name(source_file).rsplit(".", 1)[0])
    if (suffixed := without_words(SITE_SUFFIX, pieces[-1])) != pieces[-1]:
        pieces[-1] = without_file_words(suffixed, after_prefix=False, capitals=capitals)
    pieces[0] = COPY_PREFIX.sub("", pieces[0]) or pieces[0]
    if (prefixed := without_words(SITE_PREFIX, pieces[0])) != pieces[0]:
        pieces[0] = without_file_words(prefixed, after_prefix=True, capitals=capitals)
    joined = ".".join(pieces)
    cut = _undecorated(joined, None, stooq_pl)
    # A day kept (after the data: an expiry's, a maturity's) stands beside the symbol the cut name gives,
    # whose dotted codes read as they do without it: in the codes' place it ended them, "VOD.L_2024-09-03"
    # of 2024-06's rows had loaded as VOD, New York's, and "2330.TW_2024-02-15" as 2330 (silent).
    own = _undecorated(joined, date.fromisoformat(data_until), stooq_pl) if data_until else cut
    before, after = _beside(own, cut)
    pieces = (cut if before or after else own).split(".")
    # A name's case is an accident of who typed it ("bp.l.csv" is BP.L.csv on Windows): a code in
    # the symbol's own case belongs to it. A lowercase code on a symbol in capitals is a broker's
    # account suffix (MetaTrader's "EURUSD.a", "XAUUSD.m"): the same instrument.
    # Two letters capitalised are a contract's code, not a broker's suffix nor a file's word ("Last"):
    # Finam's futures "SPFB.Si", "SPFB.Eu" beside "SPFB.RTS" had all loaded as SPFB.
    lower = not any(c.isupper() for c in pieces[0])
    kept = [pieces[0]]
    for piece in pieces[1:]:
        cased = piece.isupper() or (len(piece) == 2 and piece.istitle())
        if not (_SYMBOL_CODE.fullmatch(piece) and (lower or cased)) or piece.upper() in _FILE_WORDS:
            break
        kept.append(piece)
    ticker = (before + ".".join(kept).strip() + after).upper() or "UNKNOWN"
    return stooq_american(ticker) if _STOOQ_FILE.fullmatch(base_name(source_file)) else ticker
