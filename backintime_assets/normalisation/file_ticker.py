"""The ticker a file's rows load under when nothing in the file names it: the file's name."""
from __future__ import annotations

import re
import unicodedata

from backintime_assets.detection.filename import base_name

_SYMBOL_CODE = re.compile(r"[A-Z]{1,4}|[a-z]{1,4}")  # "L", "KS", "OSE", "B"; "us" of "aapl.us"
# Short dotted words that name a copy, a version or a kind of the file, never an exchange or a
# class: "AAPL.OLD.csv" beside AAPL.csv is Apple's, and loaded as a ticker of its own it would be
# a second Apple in every backtest, where as AAPL it supersedes (or is superseded by) AAPL.csv.
_FILE_WORDS = frozenset("""OLD NEW BAK TMP TEMP COPY ORIG PREV LAST FULL ALL MAX ADJ RAW EOD DATA HIST
                           CSV TXT TSV DAT PRN XLS""".split())
# What a desktop or a browser adds to a file's name when it saves a second copy beside the first: Windows'
# "AAPL - Copy.csv", "AAPL - Copy (2).csv" ("- Kopie", "- Copie", "- copia"... in other languages), its
# older "Copy of AAPL.csv", macOS' "AAPL copy.csv", "AAPL copy 2.csv", a browser's "AAPL (1).csv". The
# copy is Apple's: named "AAPL (1)" a corrected re-send loaded beside the rows it corrects as a second
# ticker, the old closes left under AAPL, where as AAPL it supersedes them.
_COPY_WORD = r"(?:copy|kopie|copie|copia|c\u00f3pia|kopia|kopio|kopi)"
# A browser's bare number is one digit: a name's own number in brackets is wider, and the name's
# ("FTSE (100)" beside "FTSE (250)", "DAX (30)", "Russell (2000)", a target-date fund's "(2030)"), where
# taken for a copy's every such index had loaded as one ticker, "FTSE", the others its conflicts.
_COPY_SUFFIX = re.compile(rf"(?:\s*-\s*{_COPY_WORD}(?:\s*\(\d+\))?|[\s_]+copy(?:[\s_]*\d+)?|\s*\([1-9]\))+$",
                          re.IGNORECASE)
_COPY_PREFIX = re.compile(r"^(?:copy|kopie)(?:\s*\(\d+\))?\s+(?:of|von)\s+", re.IGNORECASE)
# What Investing.com writes after the instrument in every download's name, in its sites' languages
# ("AAPL Historical Data.csv", "Ibovespa Dados Históricos.csv", "USD_TRY Geçmiş Verileri.csv",
# "USD_KRW 내역.csv"; Vietnamese puts it first: "Dữ liệu Lịch sử HPG.csv"), spaces or a user's
# underscores between the words. The words say what the file is, as "DATA" of "AAPL.DATA.csv" does.
# Kept, they made each download a ticker of its own ("AAPL HISTORICAL DATA") beside AAPL.csv's Apple,
# and "BP.L Historical Data.csv" loaded as BP, New York's ADR: its ".L" was cut with them.
_W = r"[\s_]+"
_SITE_SUFFIX = re.compile(
    rf"{_W}(?:historical{_W}data|dados{_W}hist[oó]ricos|datos{_W}hist[oó]ricos|historische{_W}daten"
    rf"|dati{_W}storici|donn[ée]es{_W}historiques|ge[cç]mi[sş]{_W}verileri|dane{_W}historyczne"
    rf"|data{_W}historis|прошлые{_W}данные|بيانات{_W}تاريخية|過去データ|내역)$", re.IGNORECASE)
_SITE_PREFIX = re.compile(rf"^d[ữu]{_W}li[ệe]u{_W}l[ịi]ch{_W}s[ửu]{_W}", re.IGNORECASE)


def _without(words: re.Pattern, piece: str) -> str:
    """The piece without the site's words, compared composed: a Mac writes a name's accents apart
    ("Dados Histo\u0301ricos")."""
    cut = words.sub("", unicodedata.normalize("NFC", piece))
    return cut if cut and cut != unicodedata.normalize("NFC", piece) else piece


def default_ticker_for(source_file: str) -> str:
    """Files without a ticker column are named after it (AAPL.csv, "msft daily.csv" -> MSFT DAILY):
    the name up to its first dot, and the dotted codes of one to four letters that follow it, which
    belong to the symbol: an exchange or a share class ("BP.L" is London's BP in pence, "BP" New
    York's ADR in dollars; "000001.SH" an index, "000001.SZ" a bank; "BRK.B" is not BRK.A). Other
    dotted pieces are no symbol's: a file type, a data kind ("ES 03-24.Last.txt", NinjaTrader's),
    a timeframe ("AAPL.NAS_Daily"), a date ("..._BID_01.01.2024-14.01.2024"); nor are the words a
    second copy's name adds ("AAPL (1).csv", "AAPL - Copy.csv": _COPY_SUFFIX), nor the ones a site
    writes after the symbol in every download's name ("AAPL Historical Data.csv": _SITE_SUFFIX)."""
    pieces = base_name(source_file).split(".")
    if len(pieces) > 1:
        pieces = pieces[:-1]  # the file type: a source file always has one
    pieces[-1] = _COPY_SUFFIX.sub("", pieces[-1]) or pieces[-1]
    pieces[-1] = _without(_SITE_SUFFIX, pieces[-1])
    pieces[0] = _COPY_PREFIX.sub("", pieces[0]) or pieces[0]
    pieces[0] = _without(_SITE_PREFIX, pieces[0])
    # A name's case is an accident of who typed it ("bp.l.csv" is BP.L.csv on Windows): a code in
    # the symbol's own case belongs to it. A lowercase code on a symbol in capitals is a broker's
    # account suffix (MetaTrader's "EURUSD.a", "XAUUSD.m"): the same instrument.
    lower = not any(c.isupper() for c in pieces[0])
    kept = [pieces[0]]
    for piece in pieces[1:]:
        if not (_SYMBOL_CODE.fullmatch(piece) and (lower or piece.isupper())) or piece.upper() in _FILE_WORDS:
            break
        kept.append(piece)
    return ".".join(kept).strip().upper() or "UNKNOWN"
