"""Words a keeper writes in capitals as a ticker is, which name no instrument: a venue or a source, and what
the block of prices is (header_ticker.py over a table, nameless.folder_ticker for a folder)."""

from __future__ import annotations

# Venues and sources a keeper may write over a table's prices as well, in capitals as a ticker is.
VENUES = frozenset({"NYSE", "NASDAQ", "AMEX", "ARCA", "BATS", "CBOE", "OTC", "LSE", "AIM", "XETRA", "EURONEXT", "SIX",
                    "TSX", "TSXV", "ASX", "NZX", "HKEX", "SEHK", "SGX", "JPX", "TSE", "OSE", "KRX", "KOSPI", "KOSDAQ",
                    "SSE", "SZSE", "NSE", "BSE", "TWSE", "JSE", "B3", "BMV", "MOEX", "OMX", "YAHOO", "BLOOMBERG",
                    "REUTERS", "REFINITIV", "FACTSET", "GOOGLE", "MORNINGSTAR", "STOOQ", "IEX", "COMPOSITE", "ETF"})
# And what a keeper calls the block itself, in capitals too: its fields ("OHLC"), its kind of quote or use.
BLOCK_WORDS = frozenset({"OHLC", "OHLCV", "HLOC", "EOD", "INTRADAY", "TRADING", "TRADES", "SPOT", "BID", "ASK", "LAST",
                         "PORTFOLIO", "WATCHLIST", "HOLDINGS", "DIVIDENDS", "DEMO", "VALUES", "NUMBERS", "STATS"})
# Exchanges and markets of the smaller and newer markets, in capitals as a ticker is, which a keeper names a
# folder of a market's files by ("HOSE/", "TADAWUL/") or writes in a column beside each row's company.
MARKETS = frozenset('''HOSE HNX UPCOM IDX PSX DSE EGX KSE BURSA KLSE TADAWUL SET BOURSA NGX BVC BVL BCBA TASE MSM QSE
                       ADX DFM BHB BIST WSE BVB ATHEX VSE CSE NSE BSE'''.split())
