import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.statements import not_prices, statement_problem, words
from backintime_assets.normalisation import normalise_bytes


def problem(header: str, *rows: str, canonical: dict[str, str] | None = None) -> str | None:
    names = header.split(",")
    mapped = [(canonical or {}).get(n) for n in names]
    return statement_problem(names, mapped, [r.split(",") for r in rows])


def test_words_split_camel_case_symbols_and_accents():
    assert words("Fees & Comm") == ["fees", "comm"]
    assert words("IBOrderID") == ["iborder", "id"]
    assert words("Gebühren (EUR)") == ["gebuhren", "eur"]
    assert words("taker_buy_base_asset_volume") == ["taker", "buy", "base", "asset", "volume"]


@pytest.mark.parametrize(
    ("header", "rows", "canonical", "expected"),
    [
        # Schwab: a side in Action, a quantity, fees
        ("Date,Action,Symbol,Description,Quantity,Price,Fees & Comm,Amount",
         ["01/10/2024,Buy,SPY,SPDR S&P500 ETF,10,$473.10,,-$4731.00",
          "01/08/2024,Sell,AAPL,APPLE INC,5,$181.20,$0.02,$905.98"],
         {"Quantity": "volume", "Price": "close"},
         "a list of trades, not prices: Action, Quantity, Fees & Comm"),
        # Degiro: no side, but each row's order number beside its quantity
        ("Date,Time,Product,ISIN,Reference exchange,Venue,Quantity,Price,,Local value,,Value,,Exchange rate,"
         "Transaction and/or third,,Total,,Order ID",
         ["29-01-2024,15:31,APPLE INC,US0378331005,NDQ,XNAS,10,191.73,USD,-1917.3,USD,-1761.41,EUR,1.0885,-2,EUR,"
          "-1763.41,EUR,a1b2c3d4-0000-1111-2222-333344445510"],
         {"Quantity": "volume", "Price": "close"},
         "a list of trades, not prices: Quantity, Order ID"),
        # Kraken's trades.csv: ids, a side in "type", a fee
        ("txid,ordertxid,pair,time,type,ordertype,price,cost,fee,vol,margin,misc,ledgers",
         ["TDNN5P-YWGRO-YF32BH,OS6ZQP-JLQZV-8QW9K2,XXBTZEUR,2024-01-03 19:43:31.6798,buy,limit,40054.0,100.0,0.26,"
          "0.0024,0.0,,LFTGXD"],
         {"vol": "volume", "price": "close"},
         "a list of trades, not prices: txid, ordertxid, type, fee, vol"),
        # Robinhood: the side in "Trans Code", between deposits and dividends
        ("Activity Date,Process Date,Settle Date,Instrument,Description,Trans Code,Quantity,Price,Amount",
         ["1/12/2024,1/12/2024,1/17/2024,NVDA,NVIDIA,Sell,3,$547.10,$1641.26",
          "1/5/2024,1/5/2024,1/5/2024,,ACH Deposit,ACH,,,$5000.00",
          "1/2/2024,1/2/2024,1/2/2024,AAPL,Cash Div,CDIV,,,$1.20"],
         {"Quantity": "volume", "Price": "close"},
         "a list of trades, not prices: Settle Date, Trans Code, Quantity"),
        # Fidelity's positions: a cost basis and gains, no trade
        ("Account Number,Symbol,Quantity,Last Price,Current Value,Total Gain/Loss Dollar,Cost Basis Total",
         ["Z12345678,AAPL,10,$185.92,$1859.20,+$17.70,$1841.50"],
         {"Last Price": "close", "Quantity": "volume"},
         "a list of holdings, not prices: Account Number, Quantity, Total Gain/Loss Dollar, Cost Basis Total"),
        # Nordnet's transactions (Sweden): sides in the past tense, "KÖPT" and "SÅLT", and fees ("Avgifter");
        # read as prices, a purchase of Volvo loaded as its close
        ("Id,Bokföringsdag,Likviddag,Transaktionstyp,Värdepapper,ISIN,Antal,Kurs,Avgifter,Belopp,Valuta",
         ["101,2024-01-31,2024-02-02,KÖPT,Volvo B,SE0000115446,10,245.60,39,-2495,SEK",
          "102,2024-01-25,2024-01-29,SÅLT,Ericsson B,SE0000108656,-50,61.12,39,3017,SEK"],
         {"ISIN": "ticker", "Antal": "volume", "Kurs": "close"},
         "a list of trades, not prices: Transaktionstyp, Antal, Avgifter"),
        # A health savings account's fund trades (HealthEquity): the side under "Category", shares bought
        ("Date,Fund,Category,Description,Price,Amount,Shares,Total Shares,Total Value",
         ["2016-01-19,VIIIX,Buy,Investment: VIIIX,$170.11,$300.00,1.763,1.763,$300.00",
          "2016-02-12,VIIIX,Sell,Investment: VIIIX,$191.00,($336.73),-1.763,0.000,$0.00",
          "2016-03-16,VIIIX,Dividend,Investment: VIIIX,$185.71,$10.40,0.056,10.492,$1948.47"],
         {"Price": "close", "Shares": "volume"},
         "a list of trades, not prices: Category, Shares"),
        # A Japanese broker's trade history (Rakuten): sides 買付 and 売付 under 売買区分, a quantity, fees
        ("約定日,受渡日,銘柄コード,銘柄名,売買区分,数量［株］,単価［円］,手数料［円］,受渡金額［円］",
         ["2024/01/15,2024/01/17,7203,トヨタ自動車,買付,100,2745.5,0,274550",
          "2024/01/22,2024/01/24,6758,ソニーグループ,売付,50,13500,0,675000"],
         {"銘柄コード": "ticker", "単価［円］": "close"},
         "a list of trades, not prices: 売買区分, 数量［株］, 手数料［円］"),
        # A German bank's statement: a balance beside the account
        ("Buchungstag,Verwendungszweck,Betrag,Saldo,Kontonummer",
         ["02.01.2024,Miete,-850.00,1250.00,532013000"], {},
         "an account statement, not prices: Saldo, Kontonummer"),
    ],
)
def test_statements_are_named_by_what_their_columns_mean(header, rows, canonical, expected):
    found = problem(header, *rows, canonical=canonical)
    assert found == expected
    assert not_prices(found)


@pytest.mark.parametrize(
    ("header", "row", "canonical"),
    [
        # Binance klines: a count of trades and the takers' buy volumes are the market's day
        ("open_time,open,high,low,close,volume,close_time,quote_asset_volume,number_of_trades,"
         "taker_buy_base_asset_volume,taker_buy_quote_asset_volume,ignore",
         "1704067200000,42283.58,44184.10,42180.77,44179.55,27174.29,1704153599999,1169995682.6,1129212,13763.3,"
         "592574364.9,0", {"close": "close", "volume": "volume"}),
        # NSE's bhavcopy: quantity, value and trades traded that day
        ("SYMBOL,SERIES,OPEN,HIGH,LOW,CLOSE,LAST,PREVCLOSE,TOTTRDQTY,TOTTRDVAL,TIMESTAMP,TOTALTRADES,ISIN",
         "RELIANCE,EQ,2591,2610.05,2570.1,2586.85,2587.6,2584.95,3934413,10199478306.9,02-JAN-2024,132604,"
         "INE002A01018", {"CLOSE": "close", "TOTTRDQTY": "volume"}),
        # MOEX ISS: NUMTRADES and VALUE
        ("BOARDID,TRADEDATE,SHORTNAME,SECID,NUMTRADES,VALUE,OPEN,LOW,HIGH,LEGALCLOSEPRICE,WAPRICE,CLOSE,VOLUME",
         "TQBR,2024-01-03,Sber,SBER,91542,9321462011.4,271.9,270.95,274.7,274.43,273.35,274.43,34101130",
         {"CLOSE": "close", "VOLUME": "volume"}),
        # Nasdaq Nordic: bid and ask, turnover and trades
        ("Date,Bid,Ask,Opening price,High price,Low price,Closing price,Average price,Total volume,Turnover,Trades",
         "2024-01-05,152.10,152.15,151.00,153.05,150.45,152.10,151.88,1875214,284802152.87,9518",
         {"Closing price": "close", "Total volume": "volume"}),
        # A futures settlement with open interest, Euronext's count of trades
        ("Date,Open,High,Low,Last,Change,Settle,Volume,Previous Day Open Interest",
         "2024-01-05,72.19,74.24,71.92,73.81,1.62,73.81,339512.0,281436.0", {"Settle": "close", "Volume": "volume"}),
        ("Date,Open,High,Low,Last,Close,Number of Shares,Number of Trades,Turnover,vwap",
         "05/01/2024,657.3,662.4,649.8,651.2,651.2,618204,8877,403212318.4,652.23",
         {"Close": "close", "Number of Shares": "volume"}),
        # A screener's snapshot with an analyst's rating: "Buy" is advice there, not a side
        ("Ticker,Description,Price,Change %,Volume,Technical Rating 1 day",
         "AAPL,Apple Inc.,185.92,-0.36,40477782,Buy", {"Price": "close", "Volume": "volume"}),
        # One ticker's description beside its volume: "Best Buy" is a name, "BUY" a ticker
        ("Date,Code,Description,Close,Volume", "2024-01-02,BUY,BEST BUY CO INC,78.30,2519000",
         {"Close": "close", "Volume": "volume", "Code": "ticker"}),
        # A card processor's transaction type "sale" is no trade's side
        ("Transaction Type,Settlement Date,Amount,Volume", "sale,2024-01-02,10.00,1", {"Volume": "volume"}),
    ],
)
def test_exchange_files_are_not_statements(header, row, canonical):
    assert problem(header, row, canonical=canonical) is None


@pytest.mark.parametrize(
    ("header", "rows", "canonical"),
    [
        # An Australian unit trust's buying and selling prices of the day: no fill's entry and exit
        ("Date,Entry Price,Exit Price,NAV", ["02/01/2024,1.2345,1.2297,1.2321"], {"NAV": "close"}),
        # An asset manager's NAV history: "Portfolio" names the fund, its fee is the fund's
        ("Portfolio,Date,NAV,Total Return %,Management Fee,TER",
         ["Global Equity A Acc,2024-01-02,12.3456,0.12,0.75,0.89"], {"NAV": "close"}),
        # Daily candles built from a trade feed keep their first and last trade ids
        ("timestamp,open,high,low,close,volume,trades,first_trade_id,last_trade_id",
         ["2024-01-01,42283.58,44184.10,42180.77,44179.55,27174.29903,1129212,3351234000,3352363211"],
         {"open": "open", "high": "high", "low": "low", "close": "close", "volume": "volume"}),
        # An analyst's ratings in "Type", a strategy's signals in "Action": advice, not sides
        ("Date,Ticker,Close,Volume,Type",
         ["2024-01-02,AAPL,185.64,82488700,BUY", "2024-01-02,MSFT,370.87,25258600,BUY",
          "2024-01-02,TSLA,248.42,104654200,SELL", "2024-01-02,INTC,47.52,35001200,HOLD"],
         {"Close": "close", "Volume": "volume"}),
        ("Date,Close,Volume,Action", ["2024-01-02,185.64,82488700,BUY", "2024-01-03,184.25,58414500,HOLD",
                                     "2024-01-04,181.91,71983600,SELL"], {"Close": "close", "Volume": "volume"}),
        # Salt's prices under its "Type" or "Category": "Salt" is Nordnet's "SÅLT" only with its ring
        ("Date,Type,Close,Volume", ["2024-01-02,Salt,101.5,1000", "2024-01-03,Salt,102.5,1100"],
         {"Close": "close", "Volume": "volume"}),
        ("Date,Category,Close,Volume", ["2024-01-02,Salt,101.5,1000", "2024-01-02,Sugar,21.5,900"],
         {"Close": "close", "Volume": "volume"}),
    ],
)
def test_price_files_that_name_fees_ids_entries_or_advice_are_not_statements(header, rows, canonical):
    assert problem(header, *rows, canonical=canonical) is None


def test_a_strategys_round_trips_with_their_size_are_trades():
    # Entry and exit are one kind of evidence; beside a size they tell fills, as a side or an order id does.
    found = problem("Size,EntryBar,ExitBar,EntryPrice,ExitPrice,EntryTime,ExitTime",
                    "10,3,9,185.64,181.18,2024-01-02,2024-01-08", canonical={"ExitPrice": "close", "Size": "volume"})
    assert found == "a list of trades, not prices: Size, EntryBar, ExitBar, EntryPrice, ExitPrice, ..."


def test_a_side_beside_the_size_of_one_price_is_a_fill_but_not_beside_a_bar():
    header = "Date,Side,Open,High,Low,Close,Volume"
    row = "2024-01-02,Buy,187.15,188.44,183.89,185.64,82488700"
    assert problem(header, row, canonical={"Close": "close", "Volume": "volume"}) == \
        "a list of trades, not prices: Side, Volume"
    bar = {"Open": "open", "High": "high", "Low": "low", "Close": "close", "Volume": "volume"}
    assert problem(header, row, canonical=bar) is None


def test_a_value_date_beside_the_booking_day_and_a_quantity_is_a_fill():
    # flatex's bookings: no side or id a column names, but each fill settles two days after it was
    # done ("Valuta"); its execution price had loaded as the close of the day it was booked.
    header = "Buchungstag;Valuta;Bezeichnung;ISIN;Nominal (Stk.);;Betrag;;Kurs;;TA.-Nr."
    rows = ["03.01.2025;06.01.2025;VANGUARD FTSE ALL-WLD;IE00B3RBWM25;0,236252;Stück;31,62;EUR;133,84;EUR;4045504719",
            "03.01.2025;06.01.2025;ISHARES CLEAN ENERGY;IE00B1XNHC34;3,85862;Stück;25,00;EUR;6,48;EUR;4047588788"]
    names = header.split(";")
    mapped = [{"Buchungstag": "date", "ISIN": "ticker", "Kurs": "close"}.get(n) for n in names]
    found = statement_problem(names, mapped, [r.split(";") for r in rows])
    assert found == "a list of trades, not prices: Valuta, Nominal (Stk.)"
    data = ("\n".join([header, *rows]) + "\n").encode("latin-1")
    result = normalise_bytes(data, detect_bytes(data, "flatex.csv"), "flatex.csv")
    assert result.prices.empty
    assert set(result.rejected["reason"]) == {"file problem: " + found}


@pytest.mark.parametrize(
    ("header", "rows", "canonical"),
    [
        # "Valuta" is the currency in Swedish and Italian: no date in its cells
        ("Datum,Kurs,Antal,Valuta", ["2024-01-02,191.12,1200,SEK", "2024-01-03,192.40,900,SEK"],
         {"Kurs": "close", "Antal": "volume"}),
        # A futures' settlement price beside its trade date
        ("Trade Date,Open,Settle,Volume", ["2024-01-02,72.19,73.81,339512"], {"Settle": "close", "Volume": "volume"}),
        # A value date alone: the day a fixing is for, no day a trade was done beside it
        ("Value Date,Rate,Volume", ["2024-01-04,1.0945,1200"], {"Rate": "close", "Volume": "volume"}),
    ],
)
def test_a_settlement_word_is_no_fill_without_two_dates(header, rows, canonical):
    assert problem(header, *rows, canonical=canonical) is None


def test_a_contracts_settlement_day_is_no_trades_settlement():
    # A futures contract's prices beside its last trading and final settlement days, the same on
    # every row and weeks after most of its days: its prices, refused as "a list of trades".
    header = "Trade Date,Contract,Last Trading Day,Final Settlement Date,Settlement Price,Volume,Open Interest"
    rows = ["2024-01-02,CLH24,2024-02-20,2024-02-21,73.31,214824,303001",
            "2024-01-03,CLH24,2024-02-20,2024-02-21,72.10,244324,310097",
            "2024-01-04,CLH24,2024-02-20,2024-02-21,72.19,339512,311516"]
    data = ("\n".join([header, *rows]) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "CLH24.csv"), "CLH24.csv")
    assert result.prices["close"].tolist() == [73.31, 72.10, 72.19]
    assert result.prices["volume"].tolist() == [214824, 244324, 339512]
    # The one day of a futures curve, a settlement day a contract; a forward's value date a month on.
    assert problem("Trade Date,Contract,Final Settlement Date,Settlement Price,Volume",
                   "2024-01-02,CLG24,2024-01-22,72.70,400112", "2024-01-02,CLH24,2024-02-21,72.81,214824",
                   canonical={"Trade Date": "date", "Settlement Price": "close", "Volume": "volume"}) is None
    assert problem("Date,Tenor,Settlement Date,Mid,Size", "2024-01-02,1M,2024-02-05,1.0962,1000000",
                   "2024-01-03,1M,2024-02-05,1.0951,1000000",
                   canonical={"Date": "date", "Mid": "close", "Size": "volume"}) is None
    # A Treasury future's settlement price in 32nds has the shape of a date, and is none.
    assert problem("Trade Date,Contract,Settle,Volume", "2024-01-02,ZNH24,110-16/32,1200",
                   "2024-01-03,ZNH24,110-20/32,1300", canonical={"Trade Date": "date", "Volume": "volume"}) is None


def test_a_settlement_a_few_days_after_the_trade_in_either_order_of_day_and_month():
    # Booked on 30 January, settled on 1 February: read month first (01/30 and 02/01) the lag is 2
    # days; UBS's report dates every row by the day it was made (Bewertungsdatum), its trades by
    # Abschluss, a column the mapping did not take.
    assert problem("Trade Date,Settlement Date,Symbol,Price,Quantity", "01/30/2024,02/01/2024,AAPL,188.04,10",
                   "01/31/2024,02/02/2024,MSFT,397.58,5",
                   canonical={"Trade Date": "date", "Price": "close", "Quantity": "volume"}) == \
        "a list of trades, not prices: Settlement Date, Quantity"
    assert problem("Bewertungsdatum,Abschluss,Valuta,ISIN,Anzahl", "14.08.2026,26.01.2026,28.01.2026,CH0012345678,3",
                   "14.08.2026,15.04.2026,17.04.2026,IE00B4L5Y983,-2",
                   canonical={"Bewertungsdatum": "date", "ISIN": "ticker", "Anzahl": "volume"}) == \
        "a list of trades, not prices: Valuta, Anzahl"


@pytest.mark.parametrize("kinds", [("Contribution", "Contribution", "Switch", "Redemption"),
                                   ("Employer Contribution", "Regular Contribution", "Switch Out", "Switch In")])
def test_a_pension_statements_contributions_and_redemptions_are_no_prices(kinds):
    # A pension or fund statement: its units bought and sold by a member, not a market's day. Known by
    # Buy/Sell only, its Value loaded as the close and its Units as the volume, each row a "day".
    dates = ("2024-01-02", "2024-02-02", "2024-03-04", "2024-04-02")
    units = ("10.5", "10.4", "-5.0", "-2.0")
    data = ("Date,Code,Transaction,Units,Unit Price,Value\n" + "".join(
        f"{d},ABC1,{k},{u},1.2345,{float(u) * 1.2345:.2f}\n" for d, k, u in zip(dates, kinds, units))).encode()
    schema = detect_bytes(data, "pension.csv")
    assert schema.problem == "a list of trades, not prices: Transaction, Units"
    result = normalise_bytes(data, schema, "pension.csv")
    assert result.prices_arrow.num_rows == 0 and result.rejected_arrow.num_rows == 4


def test_a_funds_units_outstanding_are_no_trades_size():
    # A fund's NAV history of its reinvesting class, "Dividend Reinvestment" on every row, beside its shares
    # outstanding: refused as a list of trades, the issuer's shares read as a fill's quantity (loud).
    data = (b"Date,Type,NAV,Shares Outstanding\n2024-01-02,Dividend Reinvestment,12.1,100000\n"
            b"2024-01-03,Dividend Reinvestment,12.2,100000\n2024-01-04,Dividend Reinvestment,12.15,100500\n")
    schema = detect_bytes(data, "fund.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "fund.csv").prices_arrow.num_rows == 3


def test_a_company_named_switch_in_a_description_is_no_switch_between_funds():
    # "SWITCH INC" describes the ticker (as "BEST BUY CO INC" does), no fund switch: its prices load.
    assert problem("Date,Description,Close,Volume", "2024-01-02,SWITCH INC,10.5,1000",
                   "2024-01-03,SWITCH INC,10.6,1100", canonical={"Close": "close", "Volume": "volume"}) is None
    assert problem("Date,Transaction,Units,Price", "2024-01-02,Switch Out,-5,1.2", "2024-01-03,Switch In,5,1.3",
                   canonical={"Units": "volume", "Price": "close"}) is not None
    # Nor does a company named by a flow's word, in a day's file of three (refused as trades before).
    assert problem("Date,Symbol,Description,Close,Volume", "2024-01-05,RIT,Reinvestment Trust Ltd,1.85,120000",
                   "2024-01-05,BHP,BHP Group Ltd,45.10,5000000", "2024-01-05,CBA,Commonwealth Bank,112.50,2100000",
                   canonical={"Symbol": "ticker", "Close": "close", "Volume": "volume"}) is None
    # A reinvestment into a company's shares is a flow still.
    assert problem("Run Date,Action,Quantity,Price", "2024-01-02,REINVESTMENT APPLE INC (AAPL),0.5,185.6",
                   "2024-02-01,REINVESTMENT APPLE INC (AAPL),0.4,186.1",
                   "2024-03-01,REINVESTMENT APPLE INC (AAPL),0.4,180.2",
                   canonical={"Quantity": "volume", "Price": "close"}) is not None


@pytest.mark.parametrize(("header", "event"), [("Date,NAV,Shares Outstanding,Description", "Dividend Reinvestment"),
                                               ("Date,NAV,Units,Type", "Reinvestment"),
                                               ("Date,Close,Volume,Action", "Redemption"),
                                               ("Date,Price,Volume,Type", "Subscription")])
def test_a_funds_own_event_on_a_few_days_of_its_prices_is_no_statements_flow(header, event):
    # A distribution reinvested, a bond's redemption, noted on one day of a fund's or a bond's price
    # history: the column filled on that day alone, the event is every one of its filled cells. Counted
    # as a member's flow, the whole history was refused as a list of trades.
    days = ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09")
    data = (header + "\n" + "".join(f"{d},{10 + i / 10:.2f},5000,{event if i == 2 else ''}\n"
                                    for i, d in enumerate(days))).encode()
    schema = detect_bytes(data, "fund.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "fund.csv").prices
    assert prices["close"].tolist() == [10.0, 10.1, 10.2, 10.3, 10.4, 10.5]


def test_a_brokers_history_of_reinvested_dividends_is_a_list_of_trades():
    # Schwab's history of an income account: a dividend and the shares it bought on most rows, one Sell
    # among them. Read as no side, each fill's price had loaded as its symbol's close.
    data = ("Date,Action,Symbol,Description,Quantity,Price,Fees & Comm,Amount\n"
            "11/01/2023,Reinvest Shares,SPY,SPDR S&P 500 ETF,1.6531,$420.10,,-$694.48\n"
            "10/31/2023,Reinvest Dividend,SPY,SPDR S&P 500 ETF,,,,$694.48\n"
            "10/31/2023,Reinvest Shares,NFRIX,NUVEEN FLOATING RATE INCOME I,8.082,$17.83,,-$144.11\n"
            "10/31/2023,Reinvest Dividend,NFRIX,NUVEEN FLOATING RATE INCOME I,,,,$144.11\n"
            "10/30/2023,Credit Interest,,SCHWAB1 INT 09/28-10/29,,,,$1.63\n"
            "08/24/2023,Advisor Fee,,TO ADVISOR,,,,-$519.67\n"
            "08/22/2023,Sell,FIHBX,FEDERATED HERMES INSTL HIGH YIELD BD IS,592.199,$8.46,$10.00,$5000.00\n").encode()
    schema = detect_bytes(data, "schwab.csv")
    assert not_prices(schema.problem) and schema.problem.startswith("a list of trades")
    assert normalise_bytes(data, schema, "schwab.csv").prices_arrow.num_rows == 0


# Degiro's trades in its Romance languages name the order's id id first; read as prices, each fill's price
# had loaded as the ISIN's close (the Spanish export, "Número" its quantity, silently).
@pytest.mark.parametrize(("data", "named"), [
    ("Fecha,Hora,Producto,ISIN,Bolsa de,Centro de ejecución,Número,Precio,,Valor local,,Valor,,Tipo de cambio,"
     "Costes de transacción,,Total,,ID Orden\n"
     "29-10-2021,16:17,AUTOHOME INC. AMERICAN,US05278C1071,NSY,CDED,6,39.2600,USD,-235.56,USD,-203.03,EUR,1.1590,"
     "-0.52,EUR,-203.55,EUR,edbc1222-2695-4349-8867-0e6d98549637\n"
     "26-10-2021,15:46,META PLATFORMS INC,US30303M1027,NDQ,SOHO,1,326.4000,USD,-326.40,USD,-281.21,EUR,1.1595,"
     "-0.50,EUR,-281.71,EUR,9b4a614b-4c89-4968-8944-3aa324f2ee0c\n", "ID Orden"),
    ("Data,Hora,Produto,ISIN,Bolsa,Local de execução,Quantidade,Preços,,Valor local,,Valor,,Taxa de Câmbio,"
     "Custos de transação,,Total,,ID da Ordem\n"
     "29-10-2021,16:17,APPLE INC,US0378331005,NDQ,XNAS,6,149.80,USD,-898.80,USD,-775.50,EUR,1.1590,-0.52,EUR,"
     "-776.02,EUR,edbc1222-2695-4349-8867-0e6d98549638\n"
     "26-10-2021,15:46,META PLATFORMS INC,US30303M1027,NDQ,SOHO,1,326.40,USD,-326.40,USD,-281.21,EUR,1.1595,"
     "-0.50,EUR,-281.71,EUR,9b4a614b-4c89-4968-8944-3aa324f2ee0d\n", "ID da Ordem")])
def test_a_brokers_trades_naming_the_order_id_first_are_no_price_history(data, named):
    _no_price_history(data.encode(), "Transactions.csv", named)


@pytest.mark.parametrize("name", ["Order Book ID", "orderBookId"])
def test_an_order_books_id_beside_each_days_close_is_no_trades_id(name):
    # An exchange's id of the instrument's order book (Nasdaq Nordic's), one on every row: refused as a
    # list of trades since 0048a88 (loud), where its closes and volumes had loaded.
    data = (f"Date,{name},Close,Volume\n2024-01-02,SSE3966,185.6,100\n2024-01-03,SSE3966,184.2,100\n"
            "2024-01-04,SSE3966,183.1,120\n2024-01-05,SSE3966,183.9,110\n").encode()
    schema = detect_bytes(data, "volvo.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "volvo.csv").prices
    assert list(prices["close"]) == [185.6, 184.2, 183.1, 183.9] and list(prices["volume"]) == [100, 100, 120, 110]


@pytest.mark.parametrize("data", [
    "Datum;Typ;ISIN;Anzahl;Kurs\n02.01.2024;Sparplan;IE00B4L5Y983;1,234;81,02\n02.02.2024;Sparplan;IE00B4L5Y983;1,198;83,45\n"
    "04.03.2024;Wiederanlage;IE00B4L5Y983;0,050;85,10\n04.03.2024;Sparplan;IE00B4L5Y983;1,160;86,20\n",
    "Date;Type;ISIN;Quantité;Cours\n02/01/2024;Réinvestissement;FR0000120271;1,5;60,02\n"
    "02/02/2024;Réinvestissement;FR0000120271;1,2;61,45\n04/03/2024;Réinvestissement;FR0000120271;0,5;62,10\n"])
def test_a_savings_plans_fills_in_other_languages_are_a_list_of_trades(data):
    # Each fill's price had loaded as a close under the ISIN (silent): 0410e5a's flows were English only.
    _no_price_history(data.encode(), "depot.csv", "Typ" if "Typ;" in data else "Type")


def test_a_bank_statement_of_withdrawals_deposits_and_a_closing_balance_is_no_price_history():
    # HDFC's statement: "Closing Balance" is named as a close. Once its summary block was read as the
    # footer, the balance column typed as numbers and four days of an account's balance loaded as a
    # price history under the file's name.
    data = ("HDFC BANK LTD\r\nAccount No : 50100123456789\r\n\r\n"
            "Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\r\n"
            '01/09/26,"UPI-SWIGGY-swiggy@axisbank",0000123456,01/09/26,"2,500.00",,"1,18,043.75"\r\n'
            '03/09/26,"SALARY SEP 2026 ACME PVT LTD",NEFT001,03/09/26,,"85,000.00","2,03,043.75"\r\n'
            '07/09/26,"ATM WDL-KORAMANGALA",ATM9988,07/09/26,"10,000.00",,"1,93,043.75"\r\n'
            ",,,,,,\r\nSTATEMENT SUMMARY :-,,,,,,\r\nOpening Balance,,,,Dr Count,Cr Count,Closing Bal\r\n"
            '"1,20,543.75",,,,3,1,"1,93,043.75"\r\n').encode()
    schema = detect_bytes(data, "Acct_Statement.csv")
    assert not_prices(schema.problem) and schema.problem.startswith("an account statement")
    result = normalise_bytes(data, schema, "Acct_Statement.csv")
    assert result.prices_arrow.num_rows == 0
    assert statement_problem(["Date", "Debit", "Credit", "Balance"], ["date", None, None, None], []) is not None
    assert statement_problem(["Date", "Close", "Credit Spread"], ["date", "close", None], []) is None


@pytest.mark.parametrize("names", [["Date", "Close", "Credit Spread", "Account"],
                                   ["Date", "Deposit Rate", "Fees", "Close"],
                                   ["Date", "NAV", "Management Fee", "Credit Quality"],
                                   ["Date", "ISIN", "Price", "Credit Rating", "Gain/Loss"]])
def test_credit_or_deposit_in_a_price_files_names_makes_no_statement_without_a_balance(names):
    # "Credit", "Deposit" name a price file's own columns (a CDS spread, a deposit rate, a bond's
    # rating): beside a fee, an account or a gain they refused the file as a statement.
    canonical = ["date" if n == "Date" else "close" if n in ("Close", "Price", "NAV") else None for n in names]
    assert statement_problem(names, canonical, []) is None
    day = "2024-01-02," + ",".join("AA" if "Rating" in n or "Quality" in n else "Main" if n == "Account" else
                                   "XS0123456789" if n == "ISIN" else "1.5" for n in names[1:])
    days = "\n".join(day.replace("01-02", f"01-{d:02d}") for d in (2, 3, 4, 5, 8, 9, 10))
    data = (",".join(names) + "\n" + days + "\n").encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None and len(normalise_bytes(data, schema, "prices.csv").prices) == 7


def test_a_list_of_products_dated_when_added_is_no_price_history():
    # Each row a product, its price the product's, dated when it was added: loaded as one series' closes.
    data = (b"Product,Category,Price,Date Added\nWidget,Tools,12.50,2024-01-02\nGadget,Tools,8.25,2024-01-03\n"
            b"Gizmo,Toys,3.10,2024-01-05\nDoohickey,Toys,4.75,2024-01-08\n")
    schema = detect_bytes(data, "items.csv")
    assert not_prices(schema.problem) and schema.problem.endswith("not prices: Product, Date Added")
    result = normalise_bytes(data, schema, "items.csv")
    assert result.prices.empty and len(result.rejected) == 4


_SALES = (b'DATE,TIME,Qty,PRODUCTID,Price,ProductType,"ProductDescription",Comments\r\n'
          b"29/01/2018,00:15,0,RI-3895,$29.81,Light-Up Running Jacket,\"The next level, of weather.\",\r\n"
          b"30/01/2018,00:30,1,RI-8070,$80.08,Men's Ventilated Trail Shoes,\"Great grip.\",\r\n"
          b"31/01/2018,00:45,1,RI-9546,$25.55,Switch Fly Rods,\"This lightweight fly rod.\",\r\n"
          b"01/02/2018,01:00,9,CC-9259,$48.00,\"Throw Pillow, Wooden Paddles\",\"Add a pop.\",\r\n"
          b"02/02/2018,01:15,1,CC-1697,$34.22,Men's Heavy-Duty Suspenders,\"These tough.\",\r\n")


@pytest.mark.parametrize("data", [
    _SALES,
    # A stray delimiter in one row (Pollock's row_more_sep) puts its quantity under PRODUCTID.
    _SALES + b"03/02/2018,,01:30,2,RI-6052,$89.34,Organic Textured Cotton Towel,\"All the softness.\",\r\n",
])
def test_a_shops_sales_of_a_product_a_row_are_no_price_history(data):
    # Pollock's source (a shop's sales: each row a product, its Price the product's) had loaded as the
    # closes of one series named by the file, its Qty as volume, whatever its date column is named.
    schema = detect_bytes(data, "source.csv")
    assert schema.problem == "a list of things, each row its own, not prices: PRODUCTID, DATE"
    assert [c.name for c in schema.columns][:5] == ["DATE", "TIME", "Qty", "PRODUCTID", "Price"]
    result = normalise_bytes(data, schema, "source.csv")
    assert result.prices.empty and len(result.rejected) == data.count(b"\n") - 1


@pytest.mark.parametrize("data, columns", [
    ("Data,Produto,Quantidade,Preço\n02/01/2024,Arroz,10,25.90\n02/01/2024,Feijão,5,8.49\n"
     "03/01/2024,Arroz,2,25.90\n04/01/2024,Café,3,17.99\n05/01/2024,Feijão,1,8.49\n", "Produto, Data"),
    ("Date,Item,Price\n2024-01-02,Bread,2.50\n2024-01-03,Milk,1.20\n2024-01-04,Bread,2.50\n"
     "2024-01-05,Eggs,3.10\n2024-01-08,Milk,1.25\n", "Item, Date"),
    # One product daily, a second beside it on some days written first: the second's price had loaded as
    # the first's on its days (silent, 1cd98fa).
    ("Date,Product,Price\n2024-01-02,Diesel,3.85\n2024-01-02,Regular,3.10\n2024-01-03,Regular,3.12\n"
     "2024-01-04,Diesel,3.88\n2024-01-04,Regular,3.11\n", "Product, Date"),
])
def test_a_shops_sales_naming_products_again_are_no_price_history(data, columns):
    # Sales of a few products, one row a day, each product back after another: they had loaded as one
    # series under the file's name, its close one product's price one day and another's the next.
    schema = detect_bytes(data.encode(), "vendas.csv")
    assert schema.problem == "a list of things, each row its own, not prices: " + columns
    result = normalise_bytes(data.encode(), schema, "vendas.csv")
    assert result.prices.empty and len(result.rejected) == 5


@pytest.mark.parametrize("data", [
    # One instrument's product, the same on every row: its prices.
    b"Date,Product,Price\n2024-01-02,Brent,80.5\n2024-01-03,Brent,81.2\n2024-01-04,Brent,79.9\n2024-01-05,Brent,80.1\n",
    # An item column naming the one instrument on each row.
    b"Date,Item,Price\n2024-01-02,Gold,2050\n2024-01-03,Gold,2061\n2024-01-04,Gold,2049\n2024-01-05,Gold,2055\n",
    # A power exchange's day-ahead product, named after its delivery day: one series, a name a day.
    b"Delivery Day,Product,Price\n2024-01-02,Baseload 02/01/2024,80.5\n2024-01-03,Baseload 03/01/2024,81.2\n"
    b"2024-01-04,Baseload 04/01/2024,79.9\n2024-01-05,Baseload 05/01/2024,80.1\n",
    # One product renamed once, never named again after another: still its one series.
    "Data,Produto,Quantidade,Preço\n02/01/2024,Soja,1500,120.50\n03/01/2024,Soja,1320,121.00\n"
    "04/01/2024,Soja em grão,980,119.80\n05/01/2024,Soja em grão,1710,122.30\n".encode(),
    # One product written in capitals on a day, or its name missing: no other product between its days.
    b"Date,Product,Price\n2024-01-02,Brent,80.5\n2024-01-03,BRENT,81.2\n2024-01-04,Brent,79.9\n2024-01-05,Brent,80.1\n",
    b"Date,Product,Price\n2024-01-02,Brent,80.5\n2024-01-03,Brent,81.2\n2024-01-04,N/A,79.9\n2024-01-05,Brent,80.1\n",
    # A second product on one of the first's days only: that day's two rows are rejected, unnamed.
    b"Date,Product,Price\n2024-01-02,Regular,3.10\n2024-01-02,Diesel,3.85\n2024-01-03,Regular,3.12\n"
    b"2024-01-04,Regular,3.11\n2024-01-05,Regular,3.15\n",
])
def test_one_products_prices_are_no_list_of_things(data):
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "prices.csv").prices) == 4


@pytest.mark.parametrize("data", [
    # A price history: its date is the day's, whatever its other columns name.
    b"Date,Price\n2024-01-02,12.50\n2024-01-03,12.75\n2024-01-04,12.60\n",
    b"Date,Price,Note\n2024-01-02,12.50,earnings\n2024-01-03,12.75,fed\n2024-01-04,12.60,split\n",
    # Dated when each row was updated, but no name to each row: one thing's prices.
    b"Last Updated,Price\n2024-01-02,12.50\n2024-01-03,12.75\n2024-01-04,12.60\n",
])
def test_price_histories_are_no_list_of_records(data):
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "AAPL.csv").prices) == 3


@pytest.mark.parametrize("data", [
    # Kept prices with a remark on each day: the remarks differ row by row, as a list's names do.
    b"Date Updated,Price,Comment\n2024-01-02,10.50,bought more\n2024-01-03,10.75,earnings beat\n"
    b"2024-01-04,10.60,market dip\n2024-01-05,10.90,new high\n",
    b"Published,NAV,Note\n2024-01-02,100.50,Q1 start\n2024-01-03,100.75,dividend ex\n"
    b"2024-01-04,100.60,holiday adj\n2024-01-05,100.90,fee change\n",
    b"Published,NAV,Commentary\n2024-01-02,100.50,Markets rose on rate hopes\n2024-01-03,100.75,Tech led a pullback\n"
    b"2024-01-04,100.60,Energy rallied\n2024-01-05,100.90,Quiet session\n",
    b"Last Updated,Close,Headline\n2024-01-02,10.50,Apple slips on demand\n2024-01-03,10.75,Analyst downgrade\n"
    b"2024-01-04,10.60,Shares extend losses\n2024-01-05,10.90,Flat ahead of CES\n",
    # A day's bar (open, high, low) is the prices of one thing, whatever its dates and texts are named.
    b"Created,Close,Open,High,Low,Headline\n2024-01-02,10.50,10.1,10.6,10.0,Split announced\n"
    b"2024-01-03,10.75,10.5,10.8,10.4,CEO interview\n2024-01-04,10.60,10.7,10.9,10.5,Guidance cut\n"
    b"2024-01-05,10.90,10.6,11.0,10.6,Upgrade\n",
])
def test_a_kept_price_history_with_a_remark_each_day_is_no_list_of_records(data):
    # Refused as "a list of records ... not prices: Comment, Date Updated" (and so on) when first told apart.
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "AAPL.csv").prices.close.tolist()[:2] in ([10.50, 10.75], [100.50, 100.75])


def test_a_list_of_purchases_with_the_buyers_e_mail_is_no_price_history():
    # SBB's ticket purchases (trimmed): a "Price" and a travel date on each row, an order number and the
    # purchaser's e-mail address. Its Price had loaded as one series' close under the file's name.
    data = ("Tariff,Route,Via (optional),Price,Co-passenger(s),Travel date,Validity,Order date,Order number,"
            "Payment methods,Purchaser e-mail\n"
            "ZVV Single Ticket,Zürich HB → Bern,,25.50,Person A,2024-01-20,2024-01-20 08:00 - 2024-01-20 09:30,"
            "2024-01-15,12345678,Half Fare Card PLUS,person@example.com\n"
            "ZVV Day Pass (calendar day),Zürich Flughafen → Zürich HB,Zürich,32.00,Person A,2024-03-15,"
            "2024-03-15 00:00 - 2024-03-16 05:00,2024-03-14,12345680,Half Fare Card PLUS,person@example.com\n"
            "Point-to-point Ticket,Bern → Basel,Bus - Bern - Olten - Basel,28.75,Person A,2024-04-22,"
            "2024-04-22 00:00 - 2024-04-23 05:00,2024-04-19,12345681,Half Fare Card PLUS,person@example.com\n"
            ).encode()
    schema = detect_bytes(data, "SBB_tickets.csv")
    assert schema.problem == "a list of transactions, not prices: Order number, Purchaser e-mail"
    result = normalise_bytes(data, schema, "SBB_tickets.csv")
    assert result.prices.empty and len(result.rejected) == 3


@pytest.mark.parametrize("cells", [
    # Addresses alone are one kind of evidence: a kept price file noting who sent each day's price.
    ("Date,Close,Source", "{day},10.5,desk@broker.example"),
    # "@" in a cell that is no address: a venue's or a remark's.
    ("Date,Close,Venue,Order ID", "{day},10.5,Fill @ XNAS,"),
])
def test_e_mail_addresses_alone_or_at_signs_make_no_statement(cells):
    header, row = cells
    rows = [row.format(day=f"2024-01-{d:02d}") for d in (2, 3, 4, 5, 8)]
    data = (header + "\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "AAPL.csv").prices) == 5


def test_a_holdings_value_its_units_times_their_price_is_no_close():
    # A pension provider's holdings: "Value" (named as a close) is Units times Unit Price. It had loaded
    # as the fund's price on the price date, a hundredfold, under the file's name.
    data = ('"Fund","Units","Unit Price","Price Date","Value"\n'
            '"Example Fixed Interest Fund",100.000,"£13.000000","20/03/2026","£1,300.00"\n'
            '"Example Lifestyle Fund",70.500,"£10.215000","20/03/2026","£720.16"\n').encode()
    schema = detect_bytes(data, "pension-holdings.csv")
    assert schema.problem == "a list of holdings, not prices: Units, Unit Price, Value"
    result = normalise_bytes(data, schema, "pension-holdings.csv")
    assert result.prices.empty and len(result.rejected) == 2
    # Written the other way round (comma decimals, dot groups): the same worth.
    assert statement_problem(["Fonds", "Anteile", "Kurs", "Wert"], [None, "volume", None, "close"],
                             [["Welt", "12,5", "80,10", "1.001,25"]], decimal=",", thousands=".") is not None


@pytest.mark.parametrize("data", [
    b"Date,Ticker,Quantity,Price,Market Value\n2024-01-02,AAPL,100,185.64,18564.00\n"
    b"2024-01-03,AAPL,100,184.25,18425.00\n2024-01-04,AAPL,150,181.91,27286.50\n",
    b"Datum;Anzahl;Kurs;Wert\n02.01.2024;12;80,10;961,20\n03.01.2024;12;81,00;972,00\n04.01.2024;20;80,50;1.610,00\n",
])
def test_a_position_historys_worth_beside_its_price_tells_a_holding(data):
    # A broker's position history: its units held had loaded as the day's volume beside the price.
    schema = detect_bytes(data, "positions.csv")
    assert schema.problem is not None and schema.problem.startswith("a list of holdings, not prices")
    assert normalise_bytes(data, schema, "positions.csv").prices.empty


@pytest.mark.parametrize("data", [
    # A fund's NAV history: its units in issue times its NAV per unit are its total NAV.
    b"Date,NAV,Units,Total NAV\n2024-01-02,10.50,1000000,10500000.00\n2024-01-03,10.60,1000000,10600000.00\n"
    b"2024-01-04,10.55,1000000,10550000.00\n",
    # An ETF's NAV history: its shares outstanding times its NAV are its net assets, to the cent.
    b"Date,NAV,Shares Outstanding,Net Assets\n2024-01-02,472.65,350000000,165427500000.00\n"
    b"2024-01-03,468.79,350200000,164170258000.00\n2024-01-04,467.28,349800000,163454544000.00\n",
    # A dataset's own column of dollar volume: the close times the volume, to the cent, on every day.
    b"Date,Close,Volume,Dollar Volume\n2024-01-02,42.5,1000,42500.0\n2024-01-03,43.0,1200,51600.0\n"
    b"2024-01-04,42.0,900,37800.0\n",
    # Money traded in dollars beside the coins: the volume times the close, never the close itself.
    b"Date,Close,Volume,Volume USD\n2024-01-02,42000.5,12.5,525006.25\n2024-01-03,43000.0,10.0,430000.0\n"
    b"2024-01-04,42500.0,8.0,340000.0\n",
    # A volume of 1 on every day (a quote's, no trades counted): close times 1 is the close.
    b"Date,Close,Volume,Adj Close\n2024-01-02,10.5,1,10.5\n2024-01-03,10.75,1,10.75\n2024-01-04,10.6,1,10.6\n",
    # Volumes and turnovers that no column divides into the close.
    b"Date,Close,Volume,Turnover,Change\n2024-01-02,10.5,1000,10450,0.1\n2024-01-03,10.75,1200,12850,0.25\n"
    b"2024-01-04,10.6,900,9560,-0.15\n",
    # A fund's NAV history (iShares'): its shares outstanding times the NAV are its net assets, to the cent.
    b"As Of,NAV per Share,Shares Outstanding,Total Net Assets\nDec 26 2023,439.44,765450000,336369348000\n"
    b"Dec 22 2023,436.14,765450000,333843363000\nDec 21 2023,433.48,765450000,331807266000\n",
    # A unit trust's, its units "in issue" (had been refused as a list of holdings).
    b"Date,NAV per Unit,Units in Issue,Fund Size\n2024-01-02,12.10,1000000,12100000.00\n"
    b"2024-01-03,12.05,1000000,12050000.00\n2024-01-04,12.20,1010000,12322000.00\n",
    # A share's close beside its market cap; and a market's shares traded whose turnover is the close's.
    b"Date,Close,Shares Outstanding,Market Cap\n2024-01-02,43.94,7654500,336338730.00\n"
    b"2024-01-03,43.61,7654500,333812745.00\n2024-01-04,43.34,7654500,331746030.00\n",
    b"Date,Close,Shares,Turnover\n2024-01-02,4.25,12000,51000.00\n2024-01-03,4.30,8000,34400.00\n"
    b"2024-01-04,4.20,15000,63000.00\n",
])
def test_a_price_historys_close_is_no_worth_of_its_volume(data):
    schema = detect_bytes(data, "AAPL.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "AAPL.csv").prices) == 3


@pytest.mark.parametrize("data", [
    # A coin's close below a cent beside a column of nothing: 0 times the volume is within a cent of it,
    # no unit price of a holding.
    b"Date,Close,Volume,Dividends\n2024-01-02,0.00001234,150000000000,0\n2024-01-03,0.00001240,160000000000,0\n"
    b"2024-01-04,0.00001199,120000000000,0\n",
    # ... or beside a small change: 3 x 0.0001 is within a cent of 0.0052, not within its last place.
    b"Date,Close,Volume,Change\n2024-01-02,0.0052,3,0.0001\n2024-01-03,0.0053,2,0.0001\n2024-01-04,0.0051,5,-0.0002\n",
    # A thin penny stock's close twice its open on days of 2 and 3 lots: the open is the day's own price.
    b"Date,Open,Close,Volume\n2024-01-02,0.004,0.008,2\n2024-01-03,0.003,0.009,3\n2024-01-04,0.004,0.008,2\n",
    # Volumes in millions a hair above 1 beside an adjusted close next to the close.
    b"Date,Close,Volume (M),Adj Close\n2024-01-02,10.50,1.002,10.49\n2024-01-03,10.60,1.003,10.58\n"
    b"2024-01-04,10.55,1.001,10.54\n",
])
def test_a_close_near_its_volume_times_nothing_or_its_own_price_is_no_worth(data):
    schema = detect_bytes(data, "COIN.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "COIN.csv").prices) == 3


def test_a_closes_last_place_is_read_past_the_coins_code():
    rows = [["2024-01-02", "0.0052 BTC", "3", "0.0001"], ["2024-01-03", "0.0053 BTC", "2", "0.0001"]]
    assert statement_problem(["Date", "Close", "Volume", "Change"], ["date", "close", "volume", None], rows) is None


def test_a_worth_is_judged_on_the_sample_its_first_rows_are_read_in():
    # Volumes of 0 on the first 550 days, then three days whose close happens to be the volume times the
    # change: no row of the 500 judged says anything, so nothing is told.
    names, canonical = ["Date", "Close", "Volume", "Change"], ["date", "close", "volume", None]
    body = [["2000-01-01", "10.0", "0", "0.1"]] * 550 + [["2001-01-01", "10.0", "2", "5.0"]] * 3 \
        + [["2001-01-04", "10.0", "3", "0.1"]] * 50
    assert statement_problem(names, canonical, body) is None


@pytest.mark.parametrize("data", [
    # A fund's NAV beside its management fee; whom to ask noted once, on one day.
    b"Portfolio,Date,NAV,Management Fee,Note\nGrowth,2024-01-02,10.50,0.75,ir@fund.example.com\n"
    b"Growth,2024-01-03,10.60,0.75,\nGrowth,2024-01-04,10.55,0.75,\nGrowth,2024-01-05,10.58,0.75,\n",
    # A ticker written with its venue after an at sign, beside an exchange's fee.
    b"Symbol,Date,Close,Volume,Fee\nAAPL@XNAS.US,2024-01-02,180.5,1000,0.1\nAAPL@XNAS.US,2024-01-03,181.5,1200,0.1\n"
    b"AAPL@XNAS.US,2024-01-04,182.5,1100,0.1\nAAPL@XNAS.US,2024-01-05,183.5,1000,0.1\n",
])
def test_an_address_in_one_remark_or_in_a_ticker_is_no_buyers(data):
    schema = detect_bytes(data, "FUND.csv")
    assert schema.problem is None
    assert len(normalise_bytes(data, schema, "FUND.csv").prices) == 4


@pytest.mark.parametrize(("data", "holding"), [
    # A fund holding valued day by day: its worth had loaded as the unit price, its units as the volume.
    (b"Date,Units,Value\n2024-01-02,120,1512.0\n2024-01-03,120,1519.2\n2024-01-04,120,1507.2\n"
     b"2024-01-05,125,1575.0\n", True),
    # Shares traded, a market's, change every day.
    (b"Date,Shares,Value\n2024-01-02,1200,1512.0\n2024-01-03,900,1519.2\n2024-01-04,1500,1507.2\n", False),
    # A volume named as the market's is no holding's, however steady.
    (b"Date,Volume,Value\n2024-01-02,100,1512.0\n2024-01-03,100,1519.2\n2024-01-04,100,1507.2\n", False),
    # Two holdings day by day, each one's units steady, in turn 100 and 50: their worth had loaded as closes.
    (b"Date,Symbol,Quantity,Value\n2024-01-02,AAPL,100,18564.00\n2024-01-02,MSFT,50,18543.50\n"
     b"2024-01-03,AAPL,100,18425.00\n2024-01-03,MSFT,50,18530.00\n", True),
    # An exchange's quantities traded per ticker change every day: no holding's.
    (b"Date,Symbol,Quantity,Value\n2024-01-02,AAPL,1200,18564.00\n2024-01-02,MSFT,900,18543.50\n"
     b"2024-01-03,AAPL,1500,18425.00\n2024-01-03,MSFT,700,18530.00\n", False),
])
def test_units_held_steady_beside_their_worth_are_a_holdings_valuation(data, holding):
    problem = detect_bytes(data, "fund.csv").problem or ""
    assert problem.startswith("a list of holdings, not prices") == holding


_TRADES = ("2024-01-02,INFY,10,1510.25\n2024-01-05,TCS,3,3720.10\n2024-01-09,INFY,25,1498.00\n"
           "2024-01-12,HDFCBANK,7,1655.40\n2024-01-16,TCS,12,3801.00\n2024-01-19,INFY,5,1560.75\n")
_DAYS = ("2024-01-02,INFY,5432100,1510.25\n2024-01-02,TCS,1234500,3720.10\n2024-01-03,INFY,4987600,1498.00\n"
         "2024-01-03,TCS,1100200,3701.00\n2024-01-04,INFY,6123400,1524.80\n2024-01-04,TCS,998700,3745.50\n")

# An exchange's days of 380 tickers, each row long (a company's name, a note): the sample's head (under
# 500 rows) ends inside the second day, and its tail starts inside the last.
_LONG_DAYS = "".join(f"2024-01-{d:02},S{t:03},Company number {t} of a rather long name plc,{1000 + t},{10 + t}.{d},"
                     "a note that makes every row of the table long, as an exchange's remarks can be\n"
                     for d in (2, 3, 4, 5, 8) for t in range(380))


@pytest.mark.parametrize(("header", "rows", "loaded"), [
    # A trade book: a few trades of each ticker on scattered days. Each trade's price had loaded as the
    # day's close, its quantity as the day's volume.
    ("Date,Symbol,Qty,Price", _TRADES, 0),
    ("Date,Symbol,Qty,Value", _TRADES, 0),
    # An exchange's days: every ticker on every day, its quantity traded.
    ("Date,Symbol,Qty,Price", _DAYS, 6),
    # Each ticker's history after the other's: their days shared.
    ("Date,Symbol,Quantity,Price", "".join(sorted(_DAYS.splitlines(keepends=True), key=lambda r: r.split(",")[1])), 6),
    # Ticker by ticker, one on every other day before one on every day: the second's days had been
    # numbered far apart in the file's order of days, its history refused as trades (its weekends rejected).
    ("Date,Symbol,Shares,Price", "".join(f"2024-01-{d:02},BBB,{d}00,20.{d}\n" for d in range(2, 30, 2))
     + "".join(f"2024-01-{d:02},AAA,{d}00,10.{d}\n" for d in range(2, 30)), 30),
    # A market's volume on scattered days is no trade's quantity.
    ("Date,Symbol,Volume,Price", _TRADES, 6),
    # Tickers past the day the head ends inside stood two days from their rows in the tail, as if
    # scattered: the table had been refused as trades (loud).
    ("Date,Symbol,Company,Qty,Price,Note", _LONG_DAYS, 1900),
])
def test_a_trade_books_rows_scattered_over_the_days_are_no_prices(header, rows, loaded):
    data = f"{header}\n{rows}".encode()
    result = normalise_bytes(data, detect_bytes(data, "book.csv"), "book.csv")
    assert len(result.prices) == loaded
    assert loaded or all(r.startswith("file problem: a list of trades, not prices") for r in result.rejected["reason"])


def test_a_timesheets_hourly_rate_is_no_close():
    # "Rate" is named as a close is (an exchange rate's file): a timesheet's pay rate had loaded as
    # the file's prices, a row a day.
    data = b"Date,Employee,Start,End,Hours,Rate,Pay\n" + b"".join(
        b"2024-01-%02d,J. Smith,09:00,17:30,8.5,21.00,178.50\n" % d for d in (2, 3, 4, 5, 8))
    schema = detect_bytes(data, "timesheet.csv")
    assert schema.problem == "a timesheet, not prices: Employee, Hours, Pay"
    assert normalise_bytes(data, schema, "timesheet.csv").prices.empty
    # A freelancer's hours billed to its clients (loaded, silent, before).
    data = (b"Date,Client,Project,Hours,Rate,Amount\n2024-01-02,Acme,Web,6,95,570\n2024-01-03,Acme,Web,7,95,665\n"
            b"2024-01-04,Globex,App,5,95,475\n")
    assert normalise_bytes(data, detect_bytes(data, "hours.csv"), "hours.csv").prices.empty
    # Billed to a customer's job (loaded, silent, after 8bf542b).
    data = data.replace(b"Client,Project", b"Customer,Job")
    assert normalise_bytes(data, detect_bytes(data, "hours.csv"), "hours.csv").prices.empty


@pytest.mark.parametrize("header", ["Date,Close,Volume,Trading Hours", "Date,Close,Pay Date,Dividend",
                                    "Date,Close,After Hours Close,Shift", "Date,Close,Extended Hours Volume,Pay Date"])
def test_hours_or_pay_alone_make_no_timesheet(header):
    assert problem(header, "2024-01-02,10.5,100,6.5") is None


def _no_price_history(data: bytes, name: str, named: str) -> None:
    """The file is refused as no price history, its reason naming `named`, and loads nothing."""
    schema = detect_bytes(data, name)
    assert not_prices(schema.problem) and named in schema.problem
    assert normalise_bytes(data, schema, name).prices_arrow.num_rows == 0


def test_a_watchlist_dated_by_when_each_ticker_was_added_is_no_price_history():
    # Each ticker's last price today, dated the day it was added to the list: loaded, AAPL's 185.64 of
    # January stood as its close of 2 November.
    data = (b"Symbol,Name,Last,Change,% Change,Date Added\nAAPL,Apple Inc.,185.64,-2.04,-1.09%,2023-11-02\n"
            b"MSFT,Microsoft Corp,370.87,-5.17,-1.37%,2023-12-15\nNVDA,NVIDIA Corp,481.68,-13.54,-2.73%,2024-01-03\n"
            b"TSLA,Tesla Inc,238.45,-9.97,-4.01%,2023-10-20\n")
    _no_price_history(data, "watchlist.csv", "Date Added")
    # Added on days of their own written with the month's name first and a time: 3ad9b8f read each day as its
    # first word ("Jan"), all one day, and the watchlist loaded as a day's prices (silent).
    data = (b'Symbol,Name,Last,Created\nAAPL,Apple Inc,185.64,"Jan 5, 2024 10:31 AM"\n'
            b'MSFT,Microsoft,402.10,"Jan 12, 2024 09:02 AM"\nNVDA,Nvidia,610.20,"Jan 19, 2024 03:15 PM"\n'
            b'TSLA,Tesla,210.50,"Jan 26, 2024 11:00 AM"\n')
    _no_price_history(data, "watchlist.csv", "Created")
    # Watched since its day (loaded, silent, before).
    data = (b"Symbol,Name,Last,Watching Since\nAAPL,Apple Inc,185.64,2023-10-02\nMSFT,Microsoft,370.87,2023-11-15\n"
            b"NVDA,Nvidia,481.68,2023-12-01\nTSLA,Tesla,210.50,2024-01-03\n")
    _no_price_history(data, "watchlist.csv", "Watching Since")
    # A quote board's time of its last update dates the prices, and a day's bars are that day's.
    assert problem("Symbol,Last,Updated", "AAPL,185.64,2024-01-05", "MSFT,370.87,2024-01-05",
                   "NVDA,481.68,2024-01-04", canonical={"Symbol": "ticker", "Last": "close", "Updated": "date"}) is None
    assert problem("Symbol,Open,High,Low,Close,Created", "AAPL,1,2,0.5,1.5,2024-01-05", "MSFT,1,2,0.5,1.5,2024-01-05",
                   "NVDA,1,2,0.5,1.5,2024-01-04", canonical={"Symbol": "ticker", "Open": "open", "High": "high",
                                                             "Low": "low", "Close": "close", "Created": "date"}) is None


@pytest.mark.parametrize("data", [
    "Symbol;Name;Letzter;Hinzugefügt am\nAAPL;Apple;185,64;02.11.2023\nMSFT;Microsoft;370,87;15.12.2023\n"
    "NVDA;NVIDIA;481,68;03.01.2024\n",
    "Symbole;Nom;Dernier;Date d'ajout\nAAPL;Apple;185,64;02/11/2023\nMSFT;Microsoft;370,87;15/12/2023\n"
    "NVDA;NVIDIA;481,68;03/01/2024\n"])
def test_a_watchlist_dated_in_other_languages_is_no_price_history(data):
    # Each ticker's last price today, dated the day it was added: 176a1d0 knew the day only in English,
    # and these loaded AAPL's 185.64 as its close of 2 November (silent).
    data = data.encode()
    _no_price_history(data, "watchlist.csv", "")


@pytest.mark.parametrize("data", [
    b"Ticker,Close,Inserted\nAAPL,185.64,2024-01-05 17:30:01\nMSFT,370.87,2024-01-05 17:30:01\n"
    b"NVDA,481.68,2024-01-05 17:30:02\n",
    # Its clock written compact ("173001"): the time is no day of its own (refused since 028a366, loud)
    b"Ticker,Close,Inserted\nAAPL,185.64,20240105 173001\nMSFT,370.87,20240105 173001\n"
    b"NVDA,481.68,20240105 173002\n",
    b"Symbol,Last,Created\nAAPL,185.64,2024-01-05\nMSFT,370.87,2024-01-05\nNVDA,481.68,2024-01-05\n",
    b"Open Date,Symbol,Close\n2024-01-05,AAPL,185.64\n2024-01-05,MSFT,370.87\n2024-01-05,NVDA,481.68\n",
    # A record day with no event's day beside it is the rows' own: the US Treasury's Fiscal Data names
    # its rows' day so, beside other days of its own.
    b"record_date,country_currency_desc,exchange_rate,effective_date\n2024-03-29,Euro Zone-Euro,0.926,2024-03-29\n"
    b"2023-12-29,Euro Zone-Euro,0.905,2023-12-29\n2023-09-29,Euro Zone-Euro,0.946,2023-09-29\n",
    b"Record Date,Close,Comment\n2024-01-02,185.6,ok\n2024-01-03,184.2,ok\n2024-01-04,181.9,ok\n"])
def test_a_days_prices_entered_on_that_day_are_its_prices(data):
    # An office's day of closes kept in a database, every row inserted on the day: each ticker stands on one
    # row as a watchlist's does, and 176a1d0 had refused it as a list of records (loud).
    schema = detect_bytes(data, "closes.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "closes.csv").prices_arrow.num_rows == 3


@pytest.mark.parametrize("data,date", [
    (b"Symbol,Company,Ex-Date,Dividend,Yield,Price\nKO,Coca-Cola,2024-02-05,0.485,3.2%,50.00\n"
     b"PEP,PepsiCo,2024-02-06,1.265,3.0%,168.10\nJNJ,Johnson,2024-02-07,1.19,2.9%,159.30\n"
     b"PG,Procter,2024-02-08,0.94,2.4%,157.75\n", "Ex-Date"),
    (b"Ticker,Company,Earnings Date,EPS Estimate,Last Price\nAAPL,Apple,2024-01-22,2.10,185.64\n"
     b"MSFT,Microsoft,2024-01-23,2.77,370.87\nNVDA,NVIDIA,2024-01-24,4.59,481.68\nMETA,Meta,2024-01-25,4.96,344.47\n",
     "Earnings Date"),
    (b"Symbol,Pay Date,Amount,Close\nO,2024-03-11,0.257,54.10\nMAIN,2024-03-12,0.24,44.75\n"
     b"STAG,2024-03-13,0.123,37.20\nARCC,2024-03-14,0.48,20.05\n", "Pay Date"),
    # The event named by what is paid (f305e8f knew only the ex-, pay and declaration days): loaded, silent.
    (b"Symbol,Company,Dividend Date,Dividend,Price\nKO,Coca-Cola,2024-02-05,0.485,50.00\n"
     b"PEP,PepsiCo,2024-02-06,1.265,168.10\nJNJ,Johnson,2024-02-07,1.19,159.30\n", "Dividend Date"),
    (b"Symbol,Distribution Date,Amount,Price\nSPY,2024-03-15,1.59,510.1\nQQQ,2024-03-18,0.73,438.2\n"
     b"IWM,2024-03-19,0.48,201.3\n", "Distribution Date"),
    # A listing's day, as an IPO's (loaded, silent, before).
    (b"Symbol,Name,Listing Date,Last Price\nABNB,Airbnb,2020-12-10,142.10\nSNOW,Snowflake,2020-09-16,190.50\n"
     b"RIVN,Rivian,2021-11-10,18.20\nCOIN,Coinbase,2021-04-14,155.30\n", "Listing Date"),
    # Dated by the record day beside the ex-date, with or without a ticker, or by India's book closure
    # (each loaded its figure as the record day's close, silent).
    (b"Symbol,Record Date,Ex-Date,Amount,Price\nAAPL,2024-02-12,2024-02-09,0.24,185.5\n"
     b"MSFT,2024-02-15,2024-02-14,0.75,410.2\nKO,2024-03-15,2024-03-14,0.485,60.1\n", "Record Date"),
    (b"Record Date,Ex-Date,Amount,Close\n2024-02-12,2024-02-09,0.24,185.5\n2024-05-13,2024-05-10,0.25,183.2\n"
     b"2024-08-12,2024-08-12,0.25,217.5\n", "Ex-Date"),
    (b"Record Date,Ex-Date,Value\n2024-02-12,2024-02-09,0.24\n2024-05-13,2024-05-10,0.25\n", "Record Date"),
    (b"Security,Book Closure Date,Purpose,Price\nINFY,16-Feb-2024,Interim Dividend,1650.2\n"
     b"TCS,19-Jan-2024,Interim Dividend,3900.5\nITC,04-Jun-2024,Final Dividend,430.1\n", "Book Closure Date")])
def test_a_calendar_of_companies_events_is_no_price_history(data, date):
    # Each ticker's price of today beside its coming ex-date, earnings date or pay date: loaded, KO's
    # 50.00 stood as its close on its ex-date.
    _no_price_history(data, "calendar.csv", date)
    # One ticker's dividends, each beside its close on the ex-date, are that day's closes.
    assert problem("Symbol,Ex-Date,Dividend,Close", "KO,2023-03-14,0.46,60.5", "KO,2023-06-14,0.46,61.2",
                   "KO,2023-09-14,0.46,58.1",
                   canonical={"Symbol": "ticker", "Ex-Date": "date", "Close": "close"}) is None


def test_a_chinese_nav_list_dated_by_its_announcement_loads_each_fund():
    # 公告日期 (announced) dates a NAV list by the day each NAV was published: refused as a calendar of
    # events (loud), the funds' codes unread.
    data = ("基金代码,基金名称,公告日期,单位净值,累计净值\n000001,华夏成长,2024-01-02,1.2345,3.4567\n"
            "000011,华夏大盘,2024-01-02,12.345,20.123\n000021,华夏优势,2024-01-03,2.345,3.123\n").encode()
    schema = detect_bytes(data, "nav.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "nav.csv").prices
    assert sorted(zip(prices["ticker"], prices["close"])) == [("000001", 1.2345), ("000011", 12.345),
                                                              ("000021", 2.345)]
    # A dividend's announcement beside no NAV is a company's event still.
    _no_price_history("股票代码,公告日期,每股派息,收盘价\n600000,2024-01-02,0.41,7.1\n600036,2024-01-03,1.97,30.2\n"
                      "000001,2024-01-04,0.71,9.3\n".encode(), "calendar.csv", "公告日期")
    # Nor beside another event's days: a fund's distributions calendar, its NAVs loaded as one series (silent).
    _no_price_history(b"Fund,Announcement Date,Ex-Date,Distribution,NAV\nAlpha,2024-01-02,2024-01-10,0.05,10.1\n"
                      b"Beta,2024-01-03,2024-01-11,0.07,20.1\nGamma,2024-01-04,2024-01-12,0.02,15.3\n"
                      b"Delta,2024-01-05,2024-01-15,0.04,12.2\n", "distributions.csv", "Announcement Date")


def test_a_vendors_price_list_is_no_price_history():
    # Each row a supplier's price, suppliers in turn: loaded as one series' closes under the file's name (silent).
    _no_price_history(b"Date,Vendor,Price\n2024-01-05,Acme,12.50\n2024-01-08,Bolt Co,3.10\n2024-01-09,Acme,8.99\n",
                      "vendors.csv", "Vendor")
    # A price file's data vendor, one or a switch to another, or one a ticker's, names no supplier.
    # Nor a data vendor's fallback in turn under a market's close: Bloomberg's days, Reuters' between.
    for rows in (("IEX", "IEX", "IEX"), ("IEX", "IEX", "Polygon"), ("Bloomberg", "Reuters", "Bloomberg")):
        assert problem("Date,Close,Vendor", *(f"2024-01-0{d},18{d}.5,{v}" for d, v in zip((2, 3, 4), rows)),
                       canonical={"Date": "date", "Close": "close"}) is None
    # nor a data supplier's beside a close, a market's word no buyer writes (refused since 239015c)
    for header in ("Date,Close,Data Supplier", "Date,Closing Price,Supplier"):
        assert problem(header, "2024-01-02,2050.1,LBMA", "2024-01-03,2051.2,ICE", "2024-01-04,2049.8,LBMA",
                       canonical={"Date": "date", header.split(",")[1]: "close"}) is None
    # but a supplier sells, whatever its price's name: its list was loaded as closes since 3385b9b (silent)
    _no_price_history(b"Date,Last Price,Supplier\n2024-01-02,10.5,Acme\n2024-01-03,10.6,Globex\n"
                      b"2024-01-04,10.7,Acme\n2024-01-05,10.8,Globex\n", "suppliers.csv", "Supplier")
    # and what each invoice's settlement paid (loaded as closes since d775f04, silent)
    _no_price_history(b"Date,Settlement,Supplier\n2024-01-02,1250.00,Acme\n2024-01-03,830.50,Globex\n"
                      b"2024-01-04,1190.25,Acme\n2024-01-05,760.00,Globex\n", "payables.csv", "Supplier")
    assert problem("Date,Symbol,Close,Vendor", "2024-01-02,AAPL,185.6,IEX", "2024-01-02,MSFT,370.9,Polygon",
                   "2024-01-03,AAPL,184.2,IEX",
                   canonical={"Date": "date", "Symbol": "ticker", "Close": "close"}) is None
@pytest.mark.parametrize("header,date", [
    # The Moscow Exchange's dividends (real files round 46: avgirk/dividends dividends.csv): GAZP's, MTSS's
    # and SBER's payouts per share had loaded as their closes on their record dates.
    ("index,secid,isin,registryclosedate,value,currencyid", "registryclosedate"),
    ("Symbol,Ex-Date,Value", "Ex-Date"),
    ("Ticker,Dividend Date,Value", "Dividend Date"),
])
def test_a_history_of_each_tickers_dividends_is_no_price_history(header, date):
    rows = {"index": "{i}", "secid": "{t}", "Symbol": "{t}", "Ticker": "{t}", "isin": "RU000766162{i}",
            "currencyid": "RUB"}
    lines = []
    for i, (t, day, v) in enumerate([("GAZP", "2014-07-17", "7.2"), ("GAZP", "2015-07-16", "7.2"),
                                     ("GAZP", "2016-07-20", "7.89"), ("SBER", "2019-06-13", "16"),
                                     ("SBER", "2020-10-05", "18.7"), ("SBER", "2021-05-12", "18.7")]):
        cells = [rows.get(n, v).format(i=i, t=t) if n != date else day for n in header.split(",")]
        lines.append(",".join(cells))
    data = (header + "\n" + "\n".join(lines) + "\n").encode()
    _no_price_history(data, "dividends.csv", date)


def test_a_shops_prices_of_a_product_are_no_price_history():
    # One product's shelf price tracked day by day, with its brand and store: loaded as closes under the
    # file's name.
    data = b"date,product_name,brand,price,unit_price,unit,store\n" + b"".join(
        b"2024-03-%02d,Whole Milk 1L,Farm Co,%s,1.19,1 l,Berlin-Mitte\n" % (d, p)
        for d, p in ((1, b"1.19"), (4, b"1.19"), (5, b"0.99"), (6, b"1.19"), (7, b"1.29")))
    _no_price_history(data, "prices.csv", "store")
    # One instrument's product named beside its prices is a price file.
    assert problem("Date,Product,Price", "2024-01-02,Brent,77.04", "2024-01-03,Brent,78.25",
                   canonical={"Date": "date", "Price": "close"}) is None


def test_a_tills_cash_at_its_opening_and_close_is_no_price_history():
    # A register's cash counted at the day's opening and close: loaded as the day's open and close.
    data = b"Date,Register,Cash Open,Cash Close,Sales\n" + b"".join(
        b"2024-01-0%d,Till 1,200.00,%d.00,%d.00\n" % (d, 780 + 20 * d, 580 + 20 * d) for d in range(2, 6))
    _no_price_history(data, "till.csv", "a shop's till, not prices: Register")


@pytest.mark.parametrize("header", ["Date,Ticker,Close,Register", "Date,Symbol,Open,Close,Share Register",
                                    "Date,Symbol,Close,Checkout"])
def test_a_register_beside_a_ticker_is_no_till(header):
    # 42e36e6's till names no instrument: beside a ticker, a column of its share register (HKEX's principal
    # or branch register) had the file refused as "a shop's till".
    width = header.count(",")
    data = (header + "\n" + "".join(f"2024-01-0{d},AAPL," + "18{d}.5,".format(d=d) * (width - 2) + "Main\n"
                                     for d in range(2, 6))).encode()
    schema = detect_bytes(data, "register.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "register.csv").prices_arrow.num_rows == 4


@pytest.mark.parametrize("till", ["Till", "Kasse", "Caisse"])
def test_a_till_named_in_british_english_german_or_french_is_no_price_history(till):
    # 42e36e6 knew the till as an American register, cashier or checkout: a British till's cash loaded.
    data = f"Date,{till},Cash Open,Cash Close,Sales\n".encode() + b"".join(
        b"2024-01-0%d,Till 1,200.00,%d.00,%d.00\n" % (d, 780 + 20 * d, 580 + 20 * d) for d in range(2, 6))
    _no_price_history(data, "till.csv", f"a shop's till, not prices: {till}")


@pytest.mark.parametrize("header,named", [("Fecha;Producto;Marca;Supermercado;Precio", "Marca"),
                                          ("Date;Produit;Marque;Enseigne;Prix", "Marque")])
def test_a_shops_prices_in_other_languages_are_no_price_history(header, named):
    # a9e2f6f knew the brand and the shop only in English (and a few shops' words): loaded, silent.
    data = (header + "\n" + "".join(f"0{d}/01/2024;Leche 1l;Pascual;Mercadona;1,0{d}\n" for d in range(2, 6))).encode()
    _no_price_history(data, "precios.csv", named)


def test_holdings_dated_when_they_were_bought_are_no_price_history():
    # Each lot's price of today, dated the day it was bought: loaded, AAPL's 185.64 stood as its close
    # of 10 January 2022.
    data = (b"Ticker,Date Acquired,Current Price\nAAPL,01/10/2022,185.64\nMSFT,02/11/2022,370.87\n"
            b"NVDA,03/14/2022,481.68\nMETA,04/13/2022,344.47\n")
    _no_price_history(data, "lots.csv", "Date Acquired")


def test_lots_dated_when_opened_are_no_price_history():
    # A broker's lots by the day each was opened: loaded, AAPL's price of today stood as its close of 10
    # January 2022 (silent); 8e0a650 knew "Date Opened", not "Open Date".
    data = (b"Symbol,Open Date,Quantity,Current Price\nAAPL,2022-01-10,10,185.64\nMSFT,2022-05-11,5,370.87\n"
            b"NVDA,2023-02-01,3,481.68\nAAPL,2023-03-01,4,185.64\n")
    _no_price_history(data, "lots.csv", "Open Date")
    # A bar's opening time is a day's.
    assert problem("Open Time,Symbol,Close", "2024-01-02,BTCUSDT,42000", "2024-01-02,ETHUSDT,2300",
                   "2024-01-03,BTCUSDT,43000",
                   canonical={"Open Time": "date", "Symbol": "ticker", "Close": "close"}) is None


def test_a_list_of_properties_sold_is_no_price_history():
    # Each house's sale price on its own day, its address its own: loaded as one series' closes.
    data = b"Sale Date,Address,Postcode,Price,Property Type\n" + b"".join(
        b"2024-01-%02d,%d High Street,AB%d 1CD,%d,Terraced\n" % (d, d + 8, d, 250000 + 1000 * d) for d in range(2, 10))
    _no_price_history(data, "sales.csv", "Address")


@pytest.mark.parametrize("data", [
    b"Company,Ex-Date,Dividend,Price\nCoca-Cola,2024-02-05,0.485,60.12\nPepsiCo,2024-02-06,1.265,168.10\n"
    b"Johnson & Johnson,2024-02-07,1.19,159.30\nProcter & Gamble,2024-02-08,0.94,157.75\n",
    b"Name,Earnings Date,Price\nApple Inc,2024-01-25,185.64\nMicrosoft Corp,2024-01-30,370.87\n"
    b"NVIDIA Corp,2024-02-21,481.68\nMeta Platforms,2024-02-01,344.47\n"])
def test_companies_named_on_their_events_days_are_no_price_history(data):
    # No ticker column, each row a company of its own: every company's price had loaded as one series'
    # closes under the file's name.
    _no_price_history(data, "events.csv", "calendar")


def test_a_holding_bought_in_lots_is_no_price_history():
    # Two lots of AAPL, each dated by its purchase and priced today: both loaded as AAPL's closes.
    data = (b"Symbol,Date Acquired,Current Price\nAAPL,01/10/2022,185.64\nAAPL,05/11/2022,185.64\n"
            b"MSFT,02/11/2022,370.87\nNVDA,03/14/2022,481.68\n")
    _no_price_history(data, "lots.csv", "Date Acquired")


@pytest.mark.parametrize("data,date", [
    ("Valeur;Date de détachement;Dividende;Cours\nTotalEnergies;20/03/2024;0,79;61,20\nSanofi;16/05/2024;3,76;88,50\n"
     "AXA;06/05/2024;1,98;33,10\nOrange;04/06/2024;0,45;10,70\n", "Date de détachement"),
    ("Símbolo;Fecha de compra;Cierre\nSAN;10/01/2022;3,71\nBBVA;11/02/2022;9,12\nITX;14/03/2022;38,80\n"
     "IBE;13/04/2022;11,95\n", "Fecha de compra")])
def test_events_and_purchases_dated_in_other_languages_are_no_price_history(data, date):
    # A French calendar of ex-dates beside today's prices ('Cours') loaded each company's price as one
    # series' closes; a Spanish list of lots dated by purchase loaded each lot's price of today.
    raw = data.encode()
    _no_price_history(raw, "liste.csv", date)


@pytest.mark.parametrize("data,date", [
    ("権利確定日,コード,銘柄名,1株配当,株価\n2024/09/27,9432,NTT,2.6,171.5\n2024/09/27,8058,三菱商事,50,3012\n"
     "2024/09/27,2914,JT,97,4110\n2024/03/28,8316,三井住友FG,135,8750\n", "権利確定日"),
    ("배당락일,종목코드,종목명,주당배당금,종가\n2024-06-27,105560,KB금융,795,75100\n2024-06-27,055550,신한지주,540,47300\n"
     "2024-06-27,086790,하나금융지주,600,58800\n2024-06-27,316140,우리금융지주,180,14450\n", "배당락일"),
    ("股权登记日,股票代码,股票简称,每股派息,收盘价\n2024-07-10,601398,工商银行,0.306,5.99\n2024-07-10,601939,建设银行,0.4,7.62\n"
     "2024-06-27,601288,农业银行,0.2309,4.98\n2024-07-09,601988,中国银行,0.2364,5.02\n", "股权登记日"),
    ("Тикер;Дата отсечки;Дивиденд;Цена\nMTSS;09.07.2024;35,35;262,10\nLKOH;18.12.2024;498;6921,50\n"
     "SNGSP;18.07.2024;12,84;63,40\nNLMK;14.06.2024;3,22;188,00\n", "Дата отсечки"),
])
def test_calendars_of_dividends_in_asian_languages_and_russian_are_no_price_history(data, date):
    # Each company's price of today, dated by its record or ex-date: loaded as one close per ticker on
    # that day (silent), the calendar's date words being Western European only.
    _no_price_history(data.encode(), "calendar.csv", date)


def test_invoice_lines_are_no_price_history():
    # Each line's price, dated by its invoice: loaded as one series' closes under the file's name.
    data = b"Invoice Date,Customer,Description,Price,VAT,Total\n" + b"".join(
        b"2024-02-%02d,Customer %d,Consulting %d,%d.00,%.2f,%.2f\n" % (d, d % 3, d, 500 + d, (500 + d) * 0.19,
                                                                     (500 + d) * 1.19) for d in range(1, 9))
    _no_price_history(data, "invoices.csv", "Invoice Date")


@pytest.mark.parametrize("data", [
    b"List Date,MLS Number,City,Beds,Baths,Sqft,Price\n2024-01-02,ML81950011,San Jose,3,2,1450,1250000\n"
    b"2024-01-03,ML81950234,Campbell,4,3,2100,1899000\n2024-01-04,ML81950377,San Jose,2,1,980,799000\n"
    b"2024-01-05,ML81950512,Cupertino,4,3,2300,2650000\n",
    b"Sold Date,Property Type,Beds,Baths,Price\n2024-01-02,Single Family,3,2,1250000\n2024-01-03,Condo,2,2,799000\n"
    b"2024-01-04,Single Family,4,3,1899000\n2024-01-05,Townhouse,3,3,1150000\n",
    # Told by its postal code alone (loaded, silent, before).
    b"Property ID,Close Date,Close Price,List Price,Days on Market,Zip\nP1001,2024-01-05,450000,460000,12,94110\n"
    b"P1002,2024-01-09,610000,599000,5,94112\nP1003,2024-01-12,385000,399000,30,94115\n",
    # By RESO's own name for it, "PostalCode" (loaded, silent, after 6b14a37).
    b"PropertyID,CloseDate,ClosePrice,ListPrice,DaysOnMarket,PostalCode\nP1001,2024-01-05,450000,460000,12,94110\n"
    b"P1002,2024-01-09,610000,599000,5,94112\nP1003,2024-01-12,385000,399000,30,94115\n"])
def test_homes_listed_or_sold_are_no_price_history(data):
    # Each home's price beside its rooms and floor area: loaded as one series' closes under the file's name.
    _no_price_history(data, "homes.csv", "Beds" if b"Beds" in data else "Zip" if b"Zip" in data else "PostalCode")


@pytest.mark.parametrize("data,named", [
    (b"Date,Team,Opening Odds,Closing Odds\n2024-01-08,Bills,1.72,1.70\n2024-01-09,Eagles,1.45,1.48\n"
     b"2024-01-10,Lions,1.80,1.77\n2024-01-11,Chiefs,1.65,1.61\n", None),
    (b"Date,Player,Club,Price\n2024-01-08,Haaland,Man City,14.2\n2024-01-09,Salah,Liverpool,13.1\n"
     b"2024-01-10,Saka,Arsenal,8.9\n2024-01-11,Son,Tottenham,9.8\n", "Player")])
def test_odds_and_players_prices_are_no_price_history(data, named):
    # Each team's odds on its game's day, each player's price on his own day: loaded as one series'
    # bars or closes under the file's name.
    schema = detect_bytes(data, "games.csv")
    assert named is None or (not_prices(schema.problem) and named in schema.problem)
    assert normalise_bytes(data, schema, "games.csv").prices_arrow.num_rows == 0


def test_invoice_lines_of_one_service_are_no_price_history():
    # The same service billed day after day: its lines name no thing of their own, and loaded as closes.
    data = b"Invoice Date,Customer,Description,Price\n" + b"".join(
        b"2024-02-%02d,Customer %d,Consulting,%d.00\n" % (d, d % 3, 500 + d) for d in range(1, 9))
    _no_price_history(data, "invoices.csv", "Invoice Date")


def test_an_empty_column_named_as_a_shop_names_no_shop():
    # a9e2f6f refused a ticker's closes beside an empty "Store" column as a shop's prices.
    assert problem("Date,Symbol,Close,Store", "2024-01-02,AAPL,185.64,", "2024-01-03,AAPL,184.25,",
                   "2024-01-04,AAPL,181.91,", "2024-01-05,AAPL,181.18,",
                   canonical={"Date": "date", "Symbol": "ticker", "Close": "close"}) is None


def test_a_shop_named_once_atop_its_rows_is_a_shop():
    # A grouped export writes the product, its brand and its store once over its days: c63ce0d read the
    # mostly blank Store as no shop's, and the shelf prices loaded as closes (silent).
    data = (b"date,product_name,brand,price,store\n2024-03-01,Whole Milk 1L,Farm Co,1.19,Berlin-Mitte\n"
            b"2024-03-04,,,1.19,\n2024-03-05,,,0.99,\n2024-03-06,,,1.19,\n2024-03-07,,,1.29,\n")
    _no_price_history(data, "prices.csv", "store")


@pytest.mark.parametrize("data,named", [
    # Polish: "Kupno"/"Sprzedaż", "Liczba" of shares, "Prowizja"
    ("Data;Walor;Kierunek;Liczba;Kurs;Prowizja\n10.01.2024;KGHM;Kupno;15;118,20;5,00\n"
     "11.01.2024;KGHM;Sprzedaż;5;121,40;5,00\n12.01.2024;LPP;Kupno;1;15800,00;39,50\n", "Kierunek"),
    # Turkish: "İşlem" of "Alış"/"Satış" (a dotless ı), "Adet", "Komisyon"
    ("Tarih;Kod;İşlem;Adet;Fiyat;Komisyon\n10.01.2024;EREGL;Alış;500;42,18;21,09\n"
     "11.01.2024;EREGL;Satış;200;43,02;8,60\n12.01.2024;KCHOL;Alış;40;150,30;6,01\n", "İşlem"),
    # Russian: "Операция" of "Покупка"/"Продажа", "Количество", "Комиссия"
    ("Дата;Тикер;Операция;Количество;Цена;Комиссия\n10.01.2024;MGNT;Покупка;3;5810,50;5,23\n"
     "11.01.2024;MGNT;Продажа;1;5890,00;1,77\n12.01.2024;YNDX;Покупка;4;2540,00;3,05\n", "Операция"),
    # Chinese: "买卖方向" of "买入"/"卖出", "手续费"
    ("日期,代码,买卖方向,数量,价格,手续费\n2024-01-10,600000,买入,1000,6.61,5.00\n2024-01-11,600000,卖出,500,6.70,5.00\n"
     "2024-01-12,601398,买入,2000,5.02,5.00\n", "买卖方向"),
])
def test_a_brokers_trades_in_polish_turkish_russian_korean_or_chinese_are_a_list_of_trades(data, named):
    # Each fill's price had loaded as a close under its ticker (silent): the sides, sizes and fees these
    # brokers write were English and Western European words only.
    _no_price_history(data.encode(), "trades.csv", named)


def test_a_korean_brokers_trades_are_a_list_of_trades():
    # "구분" of "매수"/"매도" beside "수량" and "수수료": no side, size or fee had been read in Korean.
    names = ["일자", "종목코드", "구분", "수량", "단가", "수수료"]
    rows = [["2024-01-10", "035720", "매수", "12", "55100", "99"], ["2024-01-11", "035720", "매도", "4", "56300", "34"],
            ["2024-01-12", "051910", "매수", "2", "460000", "138"]]
    problem = statement_problem(names, ["date", "ticker", None, None, "close", None], rows)
    assert problem is not None and problem.startswith("a list of trades") and "구분" in problem


def test_a_russian_brokers_operations_with_their_count_abbreviated_are_a_list_of_trades():
    # "Кол-во" is how Russian brokers abbreviate the count: beside "Тип операции" of "Покупка ценных бумаг",
    # each fill's price had loaded as its ticker's close (silent), no size being read.
    data = ("Дата и время;Тип операции;Тикер;Кол-во;Цена;Сумма операции\n"
            "10.01.2024 10:12;Покупка ценных бумаг;MTSS;40;262,10;-10484,00\n"
            "11.01.2024 15:41;Продажа ценных бумаг;MTSS;10;265,00;2650,00\n"
            "12.01.2024 09:05;Покупка ценных бумаг;AFLT;300;41,20;-12360,00\n").encode()
    _no_price_history(data, "operations.csv", "Тип операции")



@pytest.mark.parametrize("data,named", [
    ("Datum;Symbol;Typ;Množství;Cena;Poplatek\n10.01.2024;KOFOL;Nákup;20;330,00;40,00\n"
     "11.01.2024;KOFOL;Prodej;5;336,00;40,00\n12.01.2024;ERSTE;Nákup;4;915,00;40,00\n", "Typ"),  # Czech
    ("Ημερομηνία;Σύμβολο;Πράξη;Ποσότητα;Τιμή;Προμήθεια\n10/01/2024;ΜΥΤΙΛ;Αγορά;40;35,10;3,51\n"
     "11/01/2024;ΜΥΤΙΛ;Πώληση;10;35,90;0,90\n12/01/2024;ΤΙΤΚ;Αγορά;20;36,50;1,83\n", "Πράξη"),  # Greek
    ("Dátum;Értékpapír;Irány;Darab;Árfolyam;Díj\n10.01.2024;MTELEKOM;Vétel;300;512,5;1300,0\n"
     "11.01.2024;MTELEKOM;Eladás;100;520,0;1300,0\n12.01.2024;4IG;Vétel;150;801,0;1300,0\n", "Irány"),  # Hungarian
    ("Data;Simbol;Tip;Cantitate;Pret;Comision\n10.01.2024;BRD;Cumparare;200;17,40;8,70\n"
     "11.01.2024;BRD;Vanzare;50;17,62;2,20\n12.01.2024;FP;Cumparare;1000;0,60;1,50\n", "Tip"),  # Romanian
])
def test_a_brokers_trades_in_czech_greek_hungarian_or_romanian_are_a_list_of_trades(data, named):
    # Each fill's price had loaded as its ticker's close (silent): no side, size or fee was read in these.
    _no_price_history(data.encode(), "trades.csv", named)



def test_a_ukrainian_brokers_trades_are_a_list_of_trades():
    # "Операція" of "Купівля"/"Продаж" beside "Кількість" and "Комісія": each fill's price had loaded as
    # its ticker's close (silent), the Russian words listed but not the Ukrainian.
    data = ("Дата;Тікер;Операція;Кількість;Ціна;Комісія\n10.01.2024;UKRN;Купівля;40;262,10;5,23\n"
            "11.01.2024;UKRN;Продаж;10;265,00;1,77\n12.01.2024;KVBZ;Купівля;300;41,20;3,05\n").encode()
    _no_price_history(data, "trades.csv", "Операція")


def test_a_timestamp_named_by_a_brand_s_word_names_no_shop():
    # A Spanish form's price log: "Marca temporal" (the form's timestamp) holds "marca", a brand's word since
    # df76e25, and the file was refused as a shop's prices of products (loud).
    data = ("Marca temporal,Fecha,Ticker,Precio\n2024/01/05 18:01:22,2024-01-05,SAN,3.85\n"
            "2024/01/08 18:00:10,2024-01-08,SAN,3.88\n2024/01/09 18:02:40,2024-01-09,SAN,3.90\n").encode()
    schema = detect_bytes(data, "precios.csv")
    assert schema.problem is None
    assert list(normalise_bytes(data, schema, "precios.csv").prices["close"]) == [3.85, 3.88, 3.90]


def test_a_unit_trust_s_distributions_reinvested_are_a_statement_s_flows():
    # An investor's unit trust statement: each distribution reinvested (as "Dividend Reinvestment" is) and its
    # units; 9568dc5's flows knew the payout only as a dividend, and each fill's price loaded as a close (silent).
    data = (b"Date,Transaction,Units,Price\n2024-01-05,Application,8100.4455,1.2345\n"
            b"2024-02-05,Distribution Reinvestment,97.1796,1.2401\n2024-03-05,Application,3999.3601,1.2502\n"
            b"2024-04-05,Income Reinvestment,94.1457,1.2555\n2024-05-06,Switch,-1000.0000,1.2601\n")
    _no_price_history(data, "statement.csv", "")


@pytest.mark.parametrize("data", [
    b"Symbol,Date Acquired,Quantity,Current Price\nAAPL,2023-10-02,10,185.64\nMSFT,2023-10-02,5,370.87\n"
    b"NVDA,2023-10-02,8,481.68\nTSLA,2023-10-02,4,210.50\n",
    b"Symbol,Purchase Date,Last Price\nAAPL,10/02/2023,185.64\nMSFT,10/02/2023,370.87\nNVDA,10/02/2023,481.68\n"])
def test_lots_all_bought_on_one_day_are_no_price_history(data):
    # A portfolio bought on one day, each ticker priced today: cd3e88b let lots of one day load as that day's
    # prices ('Open Date' may name a day's), and each ticker's price of today loaded as its close of 2 October.
    _no_price_history(data, "lots.csv", "Symbol")


@pytest.mark.parametrize("header,side,cells", [
    ("Data;Ativo;Operação;Quantidade;Preço;Taxas", "Operação", "CVC"),  # Compra/Venda (rc33 probe pt_cv.csv)
    ("Fecha;Valor;Tipo;Cantidad;Precio;Comisión", "Tipo", "CVV"),  # Compra/Venta
    ("Date;Symbol;Side;Qty;Price;Venue", "Side", "BSB"),
    ("Data;Walor;K/S;Liczba;Kurs;Uwagi", "K/S", "KKK"),  # one letter of the pair the name spells
])
def test_sides_written_as_letters_make_a_list_of_trades(header, side, cells):
    # A broker's side as the first letters of its words: each fill's price had loaded as its ticker's close.
    data = (header + "\n" + "".join(f"1{d}/01/2024;PETR4;{c};{d}00;38,{d}2;x\n" for d, c in enumerate(cells))).encode()
    _no_price_history(data, "notas.csv", side)


@pytest.mark.parametrize("column,cells", [("Type", "CPC"), ("Class", "ABA"), ("Type", "CCC")])
def test_letters_of_no_side_pair_are_no_sides(column, cells):
    # An option's call or put, a share class, one letter under a side's name: no trade's side.
    data = (f"Date,Symbol,{column},Volume,Close\n" + "".join(
        f"2024-01-1{d},AAPL,{c},{d}00,5.{d}\n" for d, c in enumerate(cells))).encode()
    assert detect_bytes(data, "chain.csv").problem is None


def test_a_tills_cash_beside_a_high_and_a_low_is_no_price_history():
    # 595f1ad's till was told only beside no bar: with its high and low it loaded as a day's bars.
    data = b"Date,Register,Open,High,Low,Close\n" + b"".join(
        b"2024-01-0%d,Till 1,200.00,%d.00,150.00,%d.00\n" % (d, 900 + 20 * d, 780 + 20 * d) for d in range(2, 6))
    _no_price_history(data, "till.csv", "a shop's till, not prices: Register")


def test_an_earnings_calendar_dated_by_its_report_days_is_no_price_history():
    # f305e8f left 'Report Date' to price files; beside an earnings figure it is each company's report day,
    # and today's price had loaded as its close on that day.
    data = (b"Symbol,Company,Report Date,EPS Forecast,Last Price\nAAPL,Apple,2024-02-01,2.10,185.64\n"
            b"MSFT,Microsoft,2024-01-30,2.77,370.87\nNVDA,NVIDIA,2024-02-21,4.59,481.68\n")
    _no_price_history(data, "earnings.csv", "Report Date")
    # A price file's own report day stays its rows' day; so does a day's screener's, one day on every row.
    data = b"Symbol,Report Date,Close\n" + b"".join(b"ABC,2024-01-0%d,10.%d\n" % (d, d) for d in range(2, 6))
    assert detect_bytes(data, "abc.csv").problem is None
    data = (b"Symbol,Report Date,EPS,Close\nAAPL,2024-02-01,2.10,185.64\nMSFT,2024-02-01,2.77,370.87\n"
            b"NVDA,2024-02-01,4.59,481.68\n")
    assert detect_bytes(data, "screener.csv").problem is None


def test_lots_at_their_unit_cost_are_no_price_history():
    # Each lot dated by its trade and priced today: 'Unit Cost' named no basis, and the lots loaded.
    data = (b"Symbol,Trade Date,Quantity,Unit Cost,Last Price\nAAPL,2022-01-10,10,170.1,185.64\n"
            b"AAPL,2022-05-11,5,150.2,185.64\nNVDA,2023-02-01,3,200.0,481.68\n")
    _no_price_history(data, "lots.csv", "Unit Cost")


@pytest.mark.parametrize("header", ["Ticker,Pocet,Cena,Datum,Owner", "Symbol,Shares,Price,Date,User",
                                    "Date,Account,Symbol,Quantity,Price"])
def test_units_held_on_rows_naming_whose_they_are_are_no_price_history(header):
    # A family's tracker: each member's lots, the price paid, the moment each was entered. Too few rows to
    # show their days scattered, each lot's price had loaded as its ticker's close of the day it was bought.
    rows = [["AAPL", "10.0", "250.0", "2024-11-25 04:00:00.000000", "admin"],
            ["CEZ.PR", "10.0", "1222.0", "2024-11-25 04:00:00.000000", "admin"],
            ["CEZ.PR", "1.0", "1000.0", "2025-11-25 03:11:00.000000", "admin"],
            ["AAPL", "1.0", "225.0", "2025-11-27 01:58:00.000000", "Filip"]]
    if header.startswith("Date"):
        rows = [[r[3], r[4], r[0], r[1], r[2]] for r in rows]
    data = (header + "\n" + "".join(",".join(r) + "\n" for r in rows)).encode()
    _no_price_history(data, "portfolio_data.csv", header.split(",")[1 if header.startswith("Date") else 4])


def test_who_typed_a_price_history_s_rows_makes_no_holding():
    # A shared sheet naming who entered each day's close, beside the market's volume: prices all the same.
    data = (b"Date,Ticker,Close,Volume,User\n2024-01-02,AAPL,185.64,82488700,anna\n"
            b"2024-01-03,AAPL,184.25,58414500,ben\n2024-01-04,AAPL,181.91,71983600,anna\n")
    schema = detect_bytes(data, "aapl.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "aapl.csv").prices["close"].tolist() == [185.64, 184.25, 181.91]


@pytest.mark.parametrize(("header", "row"), [
    # A fund's NAV of each investor type beside its fee: whose class it is, no holding.
    ("Date,Fund,Investor Type,NAV,Management Fee", "{d},Global Equity,Retail,{c},0.75"),
    # A shared sheet naming who typed each row and how to reach them.
    ("Date,Ticker,Close,Volume,User,Email", "{d},AAPL,{c},82488700,anna,anna@example.com"),
    # A market's net flows of each kind of investor, in shares.
    ("Date,Close,Net Shares Foreign Investor,Net Shares Individual Investor,Volume", "{d},{c},1200,-1200,82488700"),
])
def test_whose_rows_they_are_without_units_held_of_their_own_is_no_holding(header, row):
    # Read as a statement's evidence of its own, an owner's word beside a fee or an email had refused these
    # price histories; beside "Units" that are none, or inside the figures' own names, too.
    days = [("2024-01-02", 185.64), ("2024-01-03", 184.25), ("2024-01-04", 181.91)]
    data = (header + "\n" + "".join(row.format(d=d, c=c) + "\n" for d, c in days)).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "prices.csv").prices["close"].tolist() == [185.64, 184.25, 181.91]


def test_units_of_measure_beside_whose_prices_they_are_make_no_holding():
    # A commodity's unit of measure, no units held, beside who keeps its prices: prices all the same.
    data = b"Date,Commodity,Price,Units,Owner\n" + b"".join(
        b"2024-01-0%d,Brent,8%d.0,USD/bbl,desk1\n" % (d, d) for d in (2, 3, 4, 5, 8))
    schema = detect_bytes(data, "brent.csv")
    assert schema.problem is None
    assert normalise_bytes(data, schema, "brent.csv").prices["close"].tolist() == [82.0, 83.0, 84.0, 85.0, 88.0]
