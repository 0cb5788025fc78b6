"""Currency codes, which a price file often carries in a column of its own ("USD" on every row) and
which must not be read as the ticker for looking like one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .joined import SEP

# ISO 4217 codes of the currencies in use, and those the euro replaced (archives from before 2002
# quote in them). Without the metals (XAU, XAG, XPT, XPD: traded instruments themselves, "XAU" an
# index's ticker) and the funds and test codes no price file quotes in. With GBX and CNH, not ISO
# but the units London quotes pence in and the offshore yuan.
CURRENCY_CODES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP
GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD
KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK
NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS
SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST
XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
ATS BEF CYP DEM EEK ESP FIM FRF GRD HRK IEP ITL LTL LUF LVL MTL NLG PTE SIT SKK
GBX CNH
""".split())

# Any of them, as a regex: a code written beside a price instead of its sign ("CHF 1'234.50", "12,50 EUR"),
# as Excel's currency formats show it in Switzerland and elsewhere. Not GBX: pence are no sign but a
# hundredth, and gone as a sign, "412.50 GBX" beside "4.15 GBP" in one column loaded both, a 100x jump.
CURRENCY_CODE = "(?:" + "|".join(sorted(CURRENCY_CODES - {"GBX"})) + ")"
# The same for Python's re: three capitals first, the list checked behind them only then. Searched
# for as the list, every position of every cell tried ~180 codes (a file's currency columns were
# typed 3x slower); RE2 (normalisation/parse.py) needs no such help, and has no look-behind.
CURRENCY_CODE_RE = rf"[A-Z]{{3}}(?<={CURRENCY_CODE})"
# The local abbreviations Excel's currency formats write for the sign where the locale's currency
# has no sign of its own, or had none when the format was set ("12,50 TL" before "₺", "12,50 руб."
# before "₽"): Scandinavia's "12,50 kr", "kr 12,50", Denmark's "kr. 1.234,50", Poland's "12,50 zł",
# Czechia's "1 234,50 Kč", Hungary's "1 234 Ft", Romania's "12,50 lei", Russia's "12,50 р.",
# Bulgaria's "лв.", Ukraine's "грн.", Serbia's "din." and "дин.", North Macedonia's "ден.", Croatia's
# "kn", Switzerland's "Fr. 12.50", India's "Rs. 1,234.50", Malaysia's "RM 12.50", South Africa's
# "R 12.50", Peru's "S/ 12.50". Not Indonesia's "Rp 12.500" (RUPIAH, below). Unread, every such price
# was text and the file refused for "no close column". Spelt as written, case and all: "KR", "FT" are no such
# marks. ASCII stand-ins included ("zl", "Kc"; "Kè": "Kč" read in cp1252).
# Vietnam's "đ" (a letter, "12.500đ") as its shops and banks write the dong for its sign "₫": unread, every price
# was text and the file refused for "no close column". A letter only after a number: Vietnamese starts words with it.
# Each may end in a dot ("kr.", "руб.", "S/."), which a file's thousands dot, gone first, may have taken
# on normalising ("kr. 1.234" reads "kr 1234"). Russia's "р." only with it, and South Africa's "R" only
# before a number with a fraction (RAND): alone, a letter by a number is a code ("R 2"), no price.
DONG_LETTER = "đ"
_UNITS_AFTER = ("kr", "zł", "zl", "Kč", "Kc", "Kè", "Ft", "lei", "Lei", "TL", "руб", "лв", "грн", "din", "Din",
                "дин", "ден", "kn", "Fr", "fr", DONG_LETTER)
_UNITS_BEFORE = ("kr", "Fr", "SFr", "Rs", "RM", "S/", "TL")


def _either(units: tuple[str, ...] | set[str]) -> str:
    """An alternation of `units`, the longest first ("SFr" before "Fr"), as re and RE2 take the first that fits."""
    return "(?:" + "|".join(re.escape(u) for u in sorted(units, key=lambda u: (-len(u), u))) + ")"


# Any of them, in re's syntax as in RE2's.
LOCAL_UNIT_AFTER = _either(_UNITS_AFTER) + r"\.?|р\."
LOCAL_UNIT_BEFORE = _either(_UNITS_BEFORE) + r"\.?"
# South Africa's rand before a number with a fraction, in re (RE2 has no look-ahead: parse.py writes it out).
# Not three digits after the mark: a group ("R 1,234"), which parse.py, the grouping gone, reads as a code
# by a whole number. Read as rand here, every row of such a file was rejected as unparseable, where the
# file is refused, saying why, as for "R 1234". Cents, or a fund's four decimals ("R 1.2345"), read.
RAND = r"R(?=\s?\d[\d.,'\s]*[.,](?:\d{1,2}|\d{4,})\s*$)"
# Indonesia's rupiah before a number ("Rp 1.234.567", "Rp1.234.567,00", "Rp. 12.500", "IDR 12.500"), in re
# and RE2. Apart from the units above and the codes: rupiah are written whole with dots grouping them, or
# with cents, never to three decimals; a file of dots for decimals had read "IDR 12.500" as 12.5, a
# thousandth of the price, without a word. Normalisation reads a rupiah's number only where its dot is no
# decimal point before three digits (parse.py); detection reads the mark as settling such a dot as a
# grouping (currency_custom.py), and "1.234.567" proves it one of itself. Unread, every "Rp" price was text
# and the file refused for "no close column".
RUPIAH = r"(?:Rp\.?|IDR)"
# CURRENCY_CODE but the rupiah's, for parse.py: it strips those wherever they stand, and reads the rupiah apart.
CURRENCY_CODE_BUT_RUPIAH = "(?:" + "|".join(sorted(CURRENCY_CODES - {"GBX", "IDR"})) + ")"
# Their spellings ending a cell, dot and all, by length: the fixed-width look-behinds of CODE_BY_A_DIGIT.
_ENDINGS: dict[int, set[str]] = {}
for _unit in {*_UNITS_AFTER, *(u + "." for u in _UNITS_AFTER), "р."}:
    _ENDINGS.setdefault(len(_unit), set()).add(_unit)
_UNIT_ENDS = "".join(sorted({u[-1] for units in _ENDINGS.values() for u in units} - set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
_UNIT_STARTS = "".join(sorted({u[0] for u in _UNITS_BEFORE} - set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))  # "R" is a capital

# A code or a local unit by a digit at a cell's edge, in NUL-joined cells (joined.py): the first look
# before either list is searched, cell by cell. Written to open on the NUL, a literal the scan jumps
# between in C: opening on a capital or a digit, every ticker's and price's characters were tried (2%
# of detection). At each NUL one character is looked at first, after it for a mark before the number,
# before it for one after: most cells start and end in a digit, and the alternatives cost each NUL
# some six Unicode digit and space tests (4x slower). Behind the NUL each length of a unit is one
# look-behind of fixed width (re has no other): tried only where the cell ends in a unit's last letter.
_AFTER_LOOKS = "|".join(rf"(?<=\d{blank}{_either(units)}{end}{SEP})" for _, units in sorted(_ENDINGS.items())
                        for blank in ("", r"\s") for end in ("", r"\s"))
CODE_BY_A_DIGIT = re.compile(rf"{SEP}(?:(?=[+\-A-Z\s{_UNIT_STARTS}])\s*[+-]?\s?(?:[A-Z]{{3}}|{LOCAL_UNIT_BEFORE}|Rp|R)"
                             rf"\s?[\d.]"
                             rf"|(?<=[A-Z\s{re.escape(_UNIT_ENDS)}]{SEP})(?:(?<=\d[A-Z]{{3}}{SEP})|(?<=\d\s[A-Z]{{3}}{SEP})"
                             rf"|(?<=\d[A-Z]{{3}}\s{SEP})|(?<=\d\s[A-Z]{{3}}\s{SEP})|{_AFTER_LOOKS}))")


def currency_share(values: Sequence[str]) -> float:
    """The share of a column's filled cells that are currency codes (any case: "usd" too)."""
    vals = [v.strip() for v in values if v.strip()]
    if not vals:
        return 0.0
    return sum(1 for v in vals if v.upper() in CURRENCY_CODES) / len(vals)


# How exports write their currency where it is the unit of a column ("Objem (Kč)", "Hacim (TL)",
# "Forgalom (Ft)"): local abbreviations and signs, besides the ISO codes.
# "Kè" is "Kč" read in cp1252, as a Czech file with little else to tell its code page is; "USDT",
# "USDC", "BUSD": the dollar stablecoins crypto exchanges count the quote side of a volume in (CryptoDataDownload's
# "Volume BTC" beside "Volume USDT"), money as much as dollars are.
# "Rs", "Rs.": India's rupees ("Turnover (Rs. Cr)", "Vol (Rs Cr)": crores of rupees traded, not shares).
# "kr": Scandinavia's crowns ("Omsättning (kr)"), "ден": North Macedonia's denar.
_LOCAL_UNITS = frozenset({"kč", "kc", "kè", "ft", "zł", "zl", "tl", "lei", "din", "kn", "rs", "лв", "грн", "руб", "дин",
                          "kr", "ден",
                          "€", "$", "£", "¥", "₺", "₽", "₴", "usdt", "usdc", "busd", "fdusd", "tusd",
                          # Africa's and Asia's exchanges and banks ("Closing Price - VWAP (GH¢)": the
                          # Ghana Stock Exchange; "(KSh)", "(₦)", "(RM)", "(Rp)", "(₱)", "(฿)", "(₫)")
                          "gh¢", "gh₵", "₵", "ksh", "kshs", "tsh", "ush", "₦", "₹", "rm", "rp", "₱", "฿", "₫",
                          "r$", "s/"})


def names_a_currency(unit: str) -> bool:
    """Whether a unit ("USD", "Kč", "€", "mn TL") is a currency, scaled or not: its column holds money.
    ISO codes in capitals only: "(all)", "(top)" are words."""
    return any(w in CURRENCY_CODES or w.lower() in _LOCAL_UNITS for w in re.split(r"[\s.]+", unit) if w)


# The currencies a volume written in money is counted in when its code follows the volume's name
# outside brackets ("Volume USD", "volume_usd", "Vol EUR", CryptoDataDownload's "Volume USDT" beside
# "Volume BTC"): the money traded, the turnover, no share count. The quote currencies of exchanges
# (the pence and cents London and Johannesburg quote in, GBX and ZAC, among them) and the dollar
# stablecoins only, in any case: not every ISO code, as "Volume AMD", "Volume ALL" or
# "Volume NOK" (a single ticker's "Close AMD,Volume AMD") name a ticker as often; nor a coin ("Volume
# BTC": a count of coins, the volume itself).
QUOTE_CURRENCIES = frozenset("""
USD EUR GBP JPY CNY CNH CHF CAD AUD NZD HKD SGD INR KRW TWD BRL MXN ZAR RUB TRY PLN SEK DKK CZK HUF
ILS THB IDR MYR PHP VND UAH KZT NGN ARS AED SAR GBX ZAC
USDT USDC BUSD FDUSD TUSD DAI USDP PYUSD
""".split())

# What prices are counted in: a currency, or a coin pairs quote in ("Close USDT", "BTC-USDT"), never a ticker
# (flat_header.py, marked_tickers.py).
PRICE_UNITS = CURRENCY_CODES | {"USDT", "USDC", "BUSD", "TUSD", "FDUSD", "DAI"}

# A currency pair named by its two codes: with a slash ("EUR/USD", "USD/TRY", the central banks' and the
# brokers' way) or run together ("EURUSD", as Yahoo writes "EURUSD=X" and MetaTrader its symbols). It names
# one exchange rate, as a ticker names its share (canonical._named_series, marked_tickers.py). The Bank of
# Canada's series ids put "FX" before the two ("date,FXUSDCAD,FXEURCAD", its Valet downloads of the daily
# rates): each was refused as a ticker's prices of no named kind, one alone for "no close column".
_PAIR_NAME = re.compile(r"(?:FX)?(?P<base>[A-Z]{3})(?: ?/ ?)?(?P<quote>[A-Z]{3})")


def currency_pair(name: str) -> bool:
    """Whether a column's name is a pair of two currencies (_PAIR_NAME), not one twice nor codes of none
    ("W/L", "ABC/DEF")."""
    pair = _PAIR_NAME.fullmatch(name.strip())
    return pair is not None and pair["base"] != pair["quote"] and {pair["base"], pair["quote"]} <= CURRENCY_CODES


def pair_quote(name: str) -> str | None:
    """The currency a pair's name (currency_pair) quotes its base in: "TRY" of "USD/TRY"."""
    return _PAIR_NAME.fullmatch(name.strip())["quote"] if currency_pair(name) else None


def pair_base(name: str) -> str | None:
    """The currency a pair's name (currency_pair) quotes: "USD" of "USD/TRY"."""
    return _PAIR_NAME.fullmatch(name.strip())["base"] if currency_pair(name) else None


# What a dollar has bought of the currencies that float freely and never lost their digits, at the least
# and the most since 1971 (FRED's rates begin so), with room to spare: a pair of two of them has its rate
# within the quotient of their reaches (EUR/USD 0.74 to 1.8, USD/JPY 70 to 400). A desk's table of
# positions, forward points, implied volatilities, spreads or trade counts by pair is written as its rates
# are: "Date,EURUSD,GBPUSD" of 35.2 forward points had loaded as EUR/USD at 35.2 (silent). Not the
# currencies that dropped zeros (TRY, RUB, BRL, ...), whose long histories span any reach: not judged so.
# The reaches' ends are real days: the pound at $2.64 in 1972 and $2.80 pegged before 1967, the Hong Kong
# dollar at 9.6 a dollar in September 1983, the won near 1,960 in December 1997, the euro backfilled
# through the mark (0.53 in 1971) as long histories of EUR/USD are. A central bank's table by currency
# crosses within them too (marked_tickers._cross_as_rates).
PER_DOLLAR = {
    "USD": (1.0, 1.0), "EUR": (0.55, 1.9), "GBP": (0.35, 1.05), "JPY": (70.0, 400.0), "CHF": (0.65, 4.5),
    "CAD": (0.85, 1.75), "AUD": (0.6, 2.2), "NZD": (0.65, 2.8), "SEK": (3.5, 12.5), "NOK": (4.5, 12.5),
    "DKK": (4.2, 12.5), "HKD": (4.2, 10.0), "SGD": (1.15, 3.2), "CNY": (1.4, 9.0), "CNH": (5.5, 9.0),
    "KRW": (300.0, 2100.0), "INR": (4.5, 100.0),
}


def rate_out_of_reach(name: str, values: Sequence[float]) -> bool:
    """Whether `values` under a currency pair's name (currency_pair) cannot be its exchange rate: some lies
    outside what the base currency has ever cost in the quote one (PER_DOLLAR). False where either
    currency is not in PER_DOLLAR."""
    pair = _PAIR_NAME.fullmatch(name.strip())
    if pair is None or pair["base"] not in PER_DOLLAR or pair["quote"] not in PER_DOLLAR:
        return False
    (base_low, base_high), (quote_low, quote_high) = PER_DOLLAR[pair["base"]], PER_DOLLAR[pair["quote"]]
    low, high = quote_low / base_high, quote_high / base_low
    return any(not low <= v <= high for v in values)


# The coins a crypto pair's volume is counted in when its code follows the volume's name ("Volume
# BTC", CryptoDataDownload's Coinbase "volume_btc" beside a plain "volume" of dollars): the coins
# traded, the volume itself. The large coins whose codes are no words ("Volume Link", "Volume Dot").
COINS = frozenset("BTC XBT ETH SOL XRP LTC BCH ADA DOGE BNB TRX AVAX XLM ETC XMR".split())
