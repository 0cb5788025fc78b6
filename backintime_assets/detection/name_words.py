"""Words a user or a site writes beside the instrument in a download's name that say what the file is,
not which instrument: "daily", "prices", "shares", "historical", an article, in the languages of
Investing.com's sites ("Dados Históricos - Ibovespa Diários.csv", "Datos históricos de acciones ACME.csv",
"Azioni Eni Dati Storici.csv", "Aktie BASF Historische Daten.csv"). Kept, each loaded as a ticker of its own
("IBOVESPA DIÁRIOS", "ACCIONES ACME") beside the instrument's other files, one instrument's rows split.

Cut only beside the site's words (filename.SITE_PREFIX, SITE_SUFFIX), which say the rest is the site's name
for an instrument: without them "msft daily.csv" is a user's own name, kept whole. Not the words for a kind
of instrument ("Futures", "Futuros", "Index", "ETF"): "Gold Futures" is no gold spot price."""

from __future__ import annotations

import re

from .month_names import without_accents

# Daily, weekly, monthly; historical, data, prices, quotes; shares, stock: by language, as written without
# accents and in capitals (folded). English's beside the others: "Apple Stock Historical Data.csv".
_WORDS = frozenset('''
    DAILY WEEKLY MONTHLY HISTORICAL HISTORY DATA PRICE PRICES QUOTE QUOTES SHARE SHARES STOCK STOCKS
    DIARIO DIARIOS DIARIA DIARIAS SEMANAL SEMANAIS MENSAL MENSAIS HISTORICO HISTORICOS DADOS PRECO PRECOS
    COTACAO COTACOES ACAO ACOES
    SEMANALES MENSUAL MENSUALES DATOS PRECIO PRECIOS COTIZACION COTIZACIONES ACCION ACCIONES BOLSA
    GIORNALIERO GIORNALIERI GIORNALIERA GIORNALIERE SETTIMANALE SETTIMANALI MENSILE MENSILI STORICO STORICI
    DATI PREZZO PREZZI QUOTAZIONE QUOTAZIONI AZIONE AZIONI
    QUOTIDIEN QUOTIDIENS QUOTIDIENNE QUOTIDIENNES JOURNALIER JOURNALIERS HEBDOMADAIRE HEBDOMADAIRES MENSUEL
    MENSUELS MENSUELLE MENSUELLES HISTORIQUE HISTORIQUES DONNEES COURS PRIX ACTIONS
    TAGLICH TAGLICHE WOCHENTLICH WOCHENTLICHE MONATLICH MONATLICHE HISTORISCH HISTORISCHE DATEN KURS KURSE
    PREISE AKTIE AKTIEN
'''.split())
# Articles and the words for "of": only right after a site's words written first ("Datos históricos de la
# bolsa ..."), where the name reads on from them. Not before words written after: "The Trade Desk
# Historical Data.csv" names the company.
_ARTICLES = frozenset('''
    THE OF A AN DE DO DA DOS DAS O OS AS DEL EL LA LOS LAS DI DELLO DELLA DEI DEGLI DELLE IL LO GLI LE I
    DU DES LES D' DER DIE DAS VON
    - \u2013 \u2014
'''.split())
_SPACE = re.compile(r"[\s_]+")


def fold(word: str) -> str:
    """A word in capitals without its accents ("Diários" -> "DIARIOS", "Täglich" -> "TAGLICH")."""
    return without_accents(word).upper()


def says_what_the_file_is(word: str) -> bool:
    """Whether a word of a name is one of _WORDS (not an article)."""
    return fold(word) in _WORDS


def without_file_words(rest: str, after_prefix: bool, capitals: bool) -> str:
    """`rest`, a name's part left beside a site's words, without the words at its ends that say what the file
    is (_WORDS; at its start, articles too where the site's words came first: `after_prefix`). A word in
    capitals is a symbol's ("DE" is Deere's, "ACAO" may be a code) but where the whole name is in capitals
    (`capitals`: "DATOS HISTÓRICOS DEL BITCOIN.csv"). Never the last word with a letter: "DE 30" stays, so does
    "Dados Históricos - Diários" (a name of no instrument: nameless.py refuses it)."""
    words = [w for w in _SPACE.split(rest.strip()) if w]

    def cut(word: str, articles: bool) -> bool:
        if word.isupper() and not capitals:
            return False
        return fold(word) in _WORDS or (articles and fold(word) in _ARTICLES)

    def lettered(ws: list[str]) -> bool:
        return any(c.isalpha() for w in ws for c in w)

    def leads(k: int) -> bool:
        # At the start, in a name not all in capitals, only a word in small letters ("de acciones ACME", "de la
        # bolsa", as the site writes them) or one before a symbol in capitals ("Ações PETR4", "Aktie BASF"): a
        # capitalised word before another begins the instrument's own name ("La Rioja", "Los Angeles Capital",
        # "Daily Journal Corp", "Stock Yards Bancorp", "Data Sul"), and had been cut from it.
        return capitals or words[k].islower() or (k + 1 < end and words[k + 1].isupper())

    start, end = 0, len(words)
    while start < end and leads(start) and cut(words[start], after_prefix) and lettered(words[start + 1:end]):
        start += 1
    while start < end and cut(words[end - 1], False) and lettered(words[start:end - 1]):
        end -= 1
    if (start, end) == (0, len(words)):
        return rest
    # The words kept as the name wrote them between ("EUR_COP" keeps its underscore).
    spans = [m.span() for m in re.finditer(r"[^\s_]+", rest)]
    return rest[spans[start][0]:spans[end - 1][1]]
