import random
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.canonical import (_every_ticker_s_day, digit_clock, header_says, map_canonical,
                                                  stays_unmapped, tickers_side_by_side)
from backintime_assets.detection.columns import ColumnType
from backintime_assets.detection.statements import not_prices
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.simulation.layouts import ALIASES, EXTRAS
from backintime_assets.trading_week import TradingWeek

D = ColumnType("date", "%Y-%m-%d", 1.0)
F = ColumnType("float", None, 1.0)
N = ColumnType("integer", None, 1.0)
S = ColumnType("string", None, 1.0)


@pytest.mark.parametrize(
    ("name", "kind", "canonical"),
    [
        ("Adj Close", F, "adj_close"), ("AdjClose", F, "adj_close"), ("Adjusted Close", F, "adj_close"),
        ("adj_close", F, "adj_close"), ("Adj Close**", F, "adj_close"), ("Symbol", S, "ticker"),
        ("Ticker", S, "ticker"), ("Code", S, "ticker"), ("Vol.", N, "volume"), ("Volume", N, "volume"),
        ("Date", D, "date"), ("Trade Date", D, "date"), ("Sector", S, "sector"), ("Industry", S, "sector"),
        ("Close Price", F, "close"), ("Last", F, "close"), ("Open", F, "open"), ("High", F, "high"),
        ("Low", F, "low"), ("Datum", D, "date"), ("Schlusskurs", F, "close"), ("Clôture", F, "close"),
        ("Notes", S, None), ("Turnover", F, None), ("Umsatz", N, "volume"), ("Umsatz in Stück", N, "volume"),
        ("Umsatz in Euro", F, None), ("Qty", N, "volume"), ("Shares Traded", N, "volume"), ("Vol", N, "volume"),
        ("Last", F, "close"), ("Price", F, "close"), ("Schluss", F, "close"), ("Cours", F, "close"),
        ("Prev Close", F, None), ("Previous Close", F, None), ("Open Interest", N, None), ("Day's High", F, "high"),
        ("Tipo de Cambio", F, "close"), ("Tipo_Cambio", F, "close"), ("Taux de change", F, "close"),
        ("Taxa de câmbio", F, "close"), ("Wechselkurs", F, "close"), ("Kur", F, "close"), ("Rates", F, "close"),
        ("환율", F, "close"), ("매매기준율", F, "close"), ("汇率", F, "close"), ("為替レート", F, "close"),
        ("rate_idr", F, "close"), ("USD Rate", F, "close"), ("rateEUR", F, "close"), ("value_brl", F, None),
        ("rate_tax", F, None), ("Unit Value", F, "close"), ("unit_value", F, "close"),
        # The Bank of Russia's and the BNR's rate; a school's numbered course is none.
        ("curs", F, "close"), ("Curs", N, None),
        ("Tagestief", F, "low"), ("Eröffnungskurs", F, "open"), ("As Of", D, "date"),
        # An estimate of the day's volume (CME's, as yet uncleared) is the day's volume: it had lost it since
        # 84aa6bc. A percentage or a forecast is none.
        ("Volume (est.)", N, "volume"), ("Vol (Est)", N, "volume"), ("Volume (Estimated)", N, "volume"),
        ("Volume (est.) %", F, None), ("Volume (Forecast)", N, None),
        # Both sides' sum is the day's volume (it had lost it since c8d8452); a net flow or a ratio is none.
        ("Buy+Sell Volume", N, "volume"), ("Buy & Sell Volume", N, "volume"), ("Buy-Sell Volume", N, None),
        ("Buy/Sell Volume Ratio", F, None),
    ],
)
def test_synonyms(name, kind, canonical):
    assert map_canonical([[name]], [kind], []) == [canonical]


@pytest.mark.parametrize(
    "header",
    [
        ["Data", "Otwarcie", "Najwyzszy", "Najnizszy", "Zamkniecie", "Wolumen"],  # Polish (Stooq)
        ["Data", "Apertura", "Massimo", "Minimo", "Chiusura", "Volumi"],  # Italian
        ["Datum", "Openingskoers", "Hoogste", "Laagste", "Slotkoers", "Volume"],  # Dutch
        ["Data", "Abertura", "Máxima", "Mínima", "Fecho", "Quantidade"],  # Portuguese
        ["Datum", "Öppning", "Högst", "Lägst", "Stängning", "Volym"],  # Swedish
        ["Dato", "Åbning", "Høj", "Lav", "Lukkekurs", "Antal"],  # Danish
        ["Datum", "Öppningskurs", "Högstakurs", "Lägstakurs", "Stängn.kurs", "Tot.vol."],  # Nasdaq Nordic
        ["date", "ouv", "haut", "bas", "clot", "vol"],  # French abbreviations (HistData, Boursorama)
        ["Päivämäärä", "Avaushinta", "Ylin hinta", "Alin hinta", "Päätöskurssi", "Kokonaisvolyymi"],  # Finnish
        ["Pvm", "Avaus", "Ylin", "Alin", "Päätös", "Volyymi"],  # Finnish, short
        ["Dato", "Åpning", "Høy", "Lav", "Siste", "Volum"],  # Norwegian
        ["Date", "Ouverture", "Plus haut", "Plus bas", "Clôture", "Quantité"],  # French, shares counted
        ["Date", "Ouverture", "Plus haut", "Plus bas", "Dernier", "Qté échangée"],
    ],
)
def test_european_price_headers_map(header):
    # Unnamed in another language, OHLC columns of one magnitude cannot be told apart by their values:
    # the Polish file mapped nothing but its date, and every row was rejected for want of a close.
    kinds = [D, F, F, F, F, N]
    assert map_canonical([[h] for h in header], kinds, []) == ["date", "open", "high", "low", "close", "volume"]


@pytest.mark.parametrize(
    "header",
    [
        ["日期", "开盘", "最高", "最低", "收盘", "成交量"],  # akshare, East Money
        ["交易日期", "开盘价", "最高价", "最低价", "收盘价", "成交量(手)"],
        ["日期", "開盤價", "最高價", "最低價", "收盤價", "成交股數"],  # TWSE
        ["日付", "始値", "高値", "安値", "終値", "出来高"],  # Japanese
        ["일자", "시가", "고가", "저가", "종가", "거래량"],  # KRX
        ["Дата", "Открытие", "Максимум", "Минимум", "Закрытие", "Объём"],  # MOEX, Finam
        ["Дата", "Откр.", "Макс.", "Мин.", "Цена", "Объём"],  # Investing.com, Russian
        ["Tarih", "Açılış", "Yüksek", "Düşük", "Şimdi", "Hac."],  # Investing.com, Turkish
        # The same, its cp1254 text read as cp1252 and saved so as UTF-8 (r46 yasinoncu13): high alone mapped.
        ["Tarih", "Açýlýþ", "Yüksek", "Düþük", "Þimdi", "Hac."],
        ["Datum", "Eröffn.", "Hoch", "Tief", "Zuletzt", "Vol."],  # Investing.com, German
        ["Date", "Ouv.", "Plus Haut", "Plus Bas", "Dernier", "Vol."],  # Investing.com, French
        ["Ngày", "Giá mở cửa", "Giá cao nhất", "Giá thấp nhất", "Giá đóng cửa", "Khối lượng"],  # Vietnamese
        ["Tanggal", "Pembukaan", "Tertinggi", "Terendah", "Terakhir", "Vol."],  # Investing.com, Indonesian
        ["日期(Date)", "开盘价 Open", "最高价 High", "最低价 Low", "收盘价 Close", "成交量 Volume"],  # bilingual
        ["תאריך", "שער פתיחה", "שער גבוה", "שער נמוך", "שער נעילה", "מחזור ביחידות"],  # TASE, Hebrew
    ],
)
def test_price_headers_in_other_scripts_map(header):
    # Their letters were dropped with the accents: every name came out empty, and every row of a
    # Chinese, Japanese, Korean or Russian export was rejected for want of a close.
    kinds = [D, F, F, F, F, N]
    assert map_canonical([[h] for h in header], kinds, []) == ["date", "open", "high", "low", "close", "volume"]


def test_investing_com_vietnamese_header_maps():
    # kimthanh83/Stock_Prediction "Dữ liệu Lịch sử HPG.csv": the last price first, then open, high,
    # low, "KL" (volume, "10.25M") and the change. Unmapped, the file had no close and loaded nothing.
    header = ["Ngày", "Lần cuối", "Mở", "Cao", "Thấp", "KL", "% Thay đổi"]
    assert map_canonical([[h] for h in header], [D, F, F, F, F, F, F], []) == [
        "date", "close", "open", "high", "low", "volume", None]


def test_the_vietnamese_short_names_are_tickers_outside_a_vietnamese_header():
    # "MO" is Altria's ticker, "KL" Kirkland Lake's: read as open and volume, yfinance's download of
    # several tickers lost MO's label ("Close" over "MO" named two fields), and its rows were rejected
    # or loaded under the file's name, the other tickers' dropped.
    fields = ("Close", "Open", "Volume")
    header = "Price," + ",".join(f for f in fields for _ in range(2)) + "\nTicker," + ",".join(["MO", "KL"] * 3)
    rows = "".join(f"{d},{40 + k}.5,{20 + k}.5,{40 + k}.25,{20 + k}.25,{1000 + k},{2000 + k}\n"
                   for k, d in enumerate(DAYS))
    data = (header + "\nDate,,,,,,\n" + rows).encode()
    schema = detect_bytes(data, "watchlist.csv")
    prices = normalise_bytes(data, schema, "watchlist.csv").prices
    assert sorted(set(prices["ticker"])) == ["KL", "MO"]
    assert prices[prices["ticker"] == "MO"]["close"].tolist() == [40.5 + k for k in range(6)]
    assert prices[prices["ticker"] == "KL"]["volume"].tolist() == [2000 + k for k in range(6)]
    assert map_canonical([["Date"], ["Close"], ["MO"], ["KL"]], [D, F, F, F], []) == ["date", "close", None, None]


def test_money_traded_in_other_scripts_stays_unmapped():
    # 成交额 / 成交金額 / 売買代金 / 거래대금: turnover in money, not shares.
    for name in ("成交额", "成交金額", "売買代金", "거래대금", "Оборот"):
        assert map_canonical([["日期"], ["收盘"], [name]], [D, F, F], []) == ["date", "close", None], name


def test_a_clerks_short_names_map_to_their_fields():
    # "Op" was left unmapped and the open filled from the close: every row's open silently the close.
    text = ("Date,Op,Hgh,Lo,Cls,Vlm\n2010-12-31,31.22,31.5,30.9,31.3,1000\n"
            "2010-12-30,31.53,31.6,31.1,31.2,2000\n2010-12-29,31.66,31.7,31.3,31.5,3000\n").encode()
    schema = detect_bytes(text, "ORCL.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume"]
    prices = normalise_bytes(text, schema, "ORCL.csv").prices.sort_values("date")
    assert prices["open"].tolist() == [31.66, 31.53, 31.22]
    assert prices["high"].tolist() == [31.7, 31.6, 31.5]
    assert prices["close"].tolist() == [31.5, 31.2, 31.3]


def test_two_letters_abbreviate_a_field_only_as_its_first_two():
    # "Co" and "Cs" may be a company's or a class's: no close.
    assert map_canonical([["Date"], ["Close"], ["Co"], ["Cs"]], [D, F, F, F], []) == ["date", "close", None, None]
    assert map_canonical([["Date"], ["Op"], ["Hi"], ["Lo"], ["Close"]], [D, F, F, F, F], []) == \
        ["date", "open", "high", "low", "close"]


@pytest.mark.parametrize("header, expected", [
    # One short name beside a price named in full is no clerk's row of short names: a French "Opé"
    # (an operation's number), "Vue" (views), "Vo" had loaded as the open and the volume.
    (["Date", "Opé", "Cours"], ["date", None, "close"]), (["Date", "Ope", "Cours"], ["date", None, "close"]),
    (["Date", "Price", "Vue"], ["date", "close", None]), (["Date", "Close", "Vo"], ["date", "close", None]),
    (["Date", "Cos", "Hig"], ["date", None, None]),
    # Accented, the name is no English short form, whatever its row.
    (["Date", "Opé", "Hi", "Lo", "Cl"], ["date", None, "high", "low", "close"]),
])
def test_a_short_name_alone_maps_no_field(header, expected):
    assert map_canonical([[c] for c in header], [D] + [F] * (len(header) - 1), []) == expected


def test_an_operations_number_beside_the_close_loads_no_open():
    text = "Date;Opé;Cours\n02/01/2024;17;10,20\n03/01/2024;18;10,30\n04/01/2024;19;10,40\n".encode()
    schema = detect_bytes(text, "FR.csv")
    prices = normalise_bytes(text, schema, "FR.csv").prices
    assert prices["open"].tolist() == [10.2, 10.3, 10.4] and prices["high"].tolist() == [10.2, 10.3, 10.4]


def test_a_name_in_full_takes_the_field_before_its_short_form():
    assert map_canonical([["Date"], ["Ope"], ["Open"], ["Close"]], [D, F, F, F], []) == ["date", None, "open", "close"]


def test_type_evidence_overrides_a_misleading_name():
    # yfinance MultiIndex export: the date column's top header cell says "Price".
    mapping = map_canonical([["Price", "Ticker", "Date"], ["Close", "AAPL"], ["Volume", "AAPL"]], [D, F, N], [])
    assert mapping == ["date", "close", "volume"]


def test_each_canonical_is_used_once_preferring_the_stronger_name():
    assert map_canonical([["Price"], ["Close"]], [F, F], []) == [None, "close"]


def test_headerless_ohlcv_by_value_relations():
    body = [
        ["2020-01-02", "AAPL", "10", "11", "9", "10.5", "100"],
        ["2020-01-03", "AAPL", "10.5", "12", "10", "11", "200"],
        ["2020-01-06", "AAPL", "11", "11.5", "10.2", "10.4", "150"],
    ]
    mapping = map_canonical([[]] * 7, [D, S, F, F, F, F, N], body)
    assert mapping == ["date", "ticker", "open", "high", "low", "close", "volume"]


def test_headerless_ohlc_is_told_by_values_read_under_the_files_decimal_comma():
    # Numbers written without their trailing zeros: with the comma stripped, "100,5" was 1005 beside
    # "99,75" read 9975, no column was every row's high, and the file was refused for no close.
    data = (b"20240102;99,5;100,46;98,88;100,09;6125\n20240103;100,16;101,1;99,69;100,21;5512\n"
            b"20240104;99,47;101,46;98,6;100,99;4902\n20240105;100,5;101,25;99,75;100;5001\n")
    schema = detect_bytes(data, "x.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume"]
    prices = normalise_bytes(data, schema, "x.csv").prices
    assert prices["high"].tolist() == [100.46, 101.1, 101.46, 101.25]


def test_a_headerless_days_yuan_traded_is_no_adjusted_close():
    # Eastmoney's kline line: date, open, close, high, low, lots, yuan traded. One row is too few
    # to tell an adjusted close by its ratio to the close; the yuan, 3 million times the close,
    # had loaded as the adjusted close.
    data = b"2000-01-28,1005.26,1012.56,1173.12,982.13,3023326,3075552000.00\n"
    prices = normalise_bytes(data, detect_bytes(data, "000001.csv"), "000001.csv").prices
    assert prices[["open", "high", "low", "close"]].values.tolist() == [[1005.26, 1173.12, 982.13, 1012.56]]
    assert prices["adj_close"].tolist() == [1012.56]
    assert prices["volume"].tolist() == [3023326]


@pytest.mark.parametrize(("text", "closes", "volumes"), [
    # Prices marked "$", the unmarked after them the volume: the coin volume 0.1 (and the day's return
    # 0.0023) had loaded as the close (silent), a lone marked close been refused.
    ("2013-10-07,$123.61,$123.61,$123.61,$123.61,0.1,1\n2013-10-08,$123.91,$124.19,$123.9,$124.18,3.9916,4\n",
     [123.61, 124.18], [0.1, 3.9916]),
    ('2015-01-05,"$26,800","$26,900","$26,500","$26,700","185,499",0.0022\n2015-01-06,$0,$0,$0,$0,0,0\n'
     '2015-01-07,"$26,700","$26,950","$26,600","$26,650","165,499",-0.0019\n', [26700, 26650], [185499, 165499]),
    # Too few whole-won bars beside their empty days to tell: refused, the return no close.
    ('2015-01-02,"$26,799","$26,799","$26,540","$26,600","175,499",0.0023\n2015-01-03,$0,$0,$0,$0,0,0\n'
     '2015-01-04,$0,$0,$0,$0,0,0\n2015-01-05,"$26,720","$26,720","$26,260","$26,660","202,790",0.0023\n', [], []),
    ("02-20-2017,$18.04\n02-17-2017,$17.99\n", [18.04, 17.99], [None, None]),
    # Money traded after the unmarked close and volume: no price.
    ("2017-02-20,1.23,1200,$1476.0\n2017-02-21,1.25,1300,$1625.0\n", [1.23, 1.25], [1200, 1300]),
    ("2017-02-20,$1476.0,1.23,1200\n2017-02-21,$1625.0,1.25,1300\n", [1.23, 1.25], [1200, 1300]),
    # A marked close, the unmarked after it the day's return (jumping, going below zero): the return
    # had loaded as the close (silent), its fall rejected as a non-positive price.
    ("2020-01-02,$1832.00,0.0023\n2020-01-03,$1840.50,0.0046\n2020-01-06,$1829.10,-0.0062\n",
     [1832.0, 1840.5, 1829.1], [None, None, None]),
    ("2020-01-02,$1832.00,0.0023,1000\n2020-01-03,$1840.50,0.0046,1200\n2020-01-06,$1829.10,-0.0062,900\n",
     [1832.0, 1840.5, 1829.1], [1000, 1200, 900]),
    # Money traded beside a close that moves as one: the close stays.
    ("2020-01-02,$2164800.50,18.04\n2020-01-03,$2338700.25,17.99\n2020-01-06,$1991000.75,18.10\n",
     [18.04, 17.99, 18.10], [None, None, None]),
    # Beside a close at zero one day (a missing day typed 0) or a sub-penny close jumping between ticks:
    # the money traded had loaded as the close (silent).
    ("2020-01-02,$1964800,18.04\n2020-01-03,$2038700,17.99\n2020-01-06,$1991000,0\n2020-01-07,$2001000,18.10\n",
     [18.04, 17.99, 18.10], [None, None, None]),
    # Two missing days typed 0: no fall below zero, the close stays (the money had loaded, silent).
    ("2020-01-02,$1964800,18.04\n2020-01-03,$2038700,0\n2020-01-06,$1991000,0\n2020-01-07,$2001000,18.10\n"
     "2020-01-08,$2011000,18.20\n", [18.04, 18.10, 18.20], [None, None, None]),
    # A money market fund's stable NAV beside its day's change, zero most days: the 0.01 days had loaded
    # as the close (silent), the rest rejected.
    ("2020-01-02,$1.00,0.00\n2020-01-03,$1.00,0.01\n2020-01-06,$1.00,0.00\n2020-01-07,$1.00,0.00\n"
     "2020-01-08,$1.00,0.01\n", [1.0] * 5, [None] * 5),
    ("2020-01-02,$1.000,0.000\n2020-01-03,$1.000,0.001\n2020-01-06,$1.000,0.000\n2020-01-07,$1.000,0.000\n"
     "2020-01-08,$1.000,0.001\n", [1.0] * 5, [None] * 5),
    # So with the mark after the NAV ("1.00 $", "1,00 €"): its cents read without the mark (had been taken
    # for whole money, the 0.01 days loaded as the close, silent).
    ("2020-01-02,1.00 $,0.00\n2020-01-03,1.00 $,0.01\n2020-01-06,1.00 $,0.00\n2020-01-07,1.00 $,0.00\n"
     "2020-01-08,1.00 $,0.01\n", [1.0] * 5, [None] * 5),
    ("2020-01-02;1,00 €;0,00\n2020-01-03;1,00 €;0,01\n2020-01-06;1,00 €;0,00\n2020-01-07;1,00 €;0,00\n"
     "2020-01-08;1,00 €;0,01\n", [1.0] * 5, [None] * 5),
    # Beside whole money traded, a close typed 0 most days keeps its days (the money is no price).
    ("2020-01-02,$1964800,18.04\n2020-01-03,$2038700,0\n2020-01-06,$1991000,0\n2020-01-07,$2001000,0\n"
     "2020-01-08,$2011000,18.20\n", [18.04, 18.20], [None, None]),
    # Nor where whole money repeats a day: a stale figure, no price standing still (had loaded as every
    # day's close, silent, at 4d57191).
    ("2020-01-02,$1964800,18.04\n2020-01-03,$1964800,0\n2020-01-06,$1964800,0\n2020-01-07,$2001000,0\n"
     "2020-01-08,$2011000,18.20\n", [18.04, 18.20], [None, None]),
    # Nor money to the cent standing still a few days, then leaping past the day's figure: no price's
    # change (had loaded as every day's close, silent, at 4d57191).
    ("2020-01-02,$1964800.00,18.04\n2020-01-03,$1964800.00,0\n2020-01-06,$1964800.00,0\n"
     "2020-01-07,$1964800.00,0\n2020-01-08,$2011000.25,18.20\n", [18.04, 18.20], [None, None]),
    # Nor newest first: the leap still passes every figure beside it.
    ("2020-01-08,$2011000.25,18.20\n2020-01-07,$1964800.00,0\n2020-01-06,$1964800.00,0\n"
     "2020-01-03,$1964800.00,0\n2020-01-02,$1964800.00,18.04\n", [18.20, 18.04], [None, None]),
    # Nor money or a fee standing still and stepping on a close's missing day by less than the close: a
    # move beside zeros is a price's only where it is a change written elsewhere (a day left out). Had
    # loaded as every day's close, the close's own days dropped (silent; right at 3c47ce6).
    ("2020-01-02,$950.00,18.04\n2020-01-03,$950.00,0\n2020-01-06,$950.00,0\n2020-01-07,$960.00,0\n"
     "2020-01-08,$960.00,0\n2020-01-09,$960.00,18.20\n2020-01-10,$960.00,0\n", [18.04, 18.20], [None, None]),
    ("2020-01-10,$2700.00,0\n2020-01-09,$2700.00,305.00\n2020-01-08,$2700.00,0\n2020-01-07,$2700.00,0\n"
     "2020-01-06,$2500.00,0\n2020-01-03,$2500.00,0\n2020-01-02,$2500.00,310.00\n", [305.0, 310.0], [None, None]),
    # Nor where the step happens to equal a close written on another day (the fee's 2.50, the close 2.50):
    # a change written elsewhere bounds a move only where the price moved by it beside it. Had loaded the
    # fee as every day's close (silent; right at 3c47ce6).
    ("2020-01-02,$5.00,2.50\n2020-01-03,$5.00,0\n2020-01-06,$5.00,0\n2020-01-07,$7.50,0\n"
     "2020-01-08,$7.50,0\n2020-01-09,$7.50,2.60\n2020-01-10,$7.50,0\n", [2.50, 2.60], [None, None]),
    # Nor money grouped by thousands, stepping beside the close: "1.250 €" in a decimal-comma file, read
    # without its mark, had been taken for a price to three places (silent), as "$1,250" had always been.
    ("2020-01-02;1.250 €;18,04\n2020-01-03;1.250 €;0\n2020-01-06;1.250 €;0\n2020-01-07;1.250 €;0\n"
     "2020-01-08;1.260 €;18,20\n2020-01-09;1.260 €;0\n2020-01-10;1.260 €;0\n", [18.04, 18.20], [None, None]),
    ('2020-01-02,"$1,250",18.04\n2020-01-03,"$1,250",0\n2020-01-06,"$1,250",0\n2020-01-07,"$1,250",0\n'
     '2020-01-08,"$1,260",18.20\n2020-01-09,"$1,260",0\n2020-01-10,"$1,260",0\n', [18.04, 18.20], [None, None]),
    # But a price moves by no more than the change of either row of its move, or by one written elsewhere:
    # a fund's NAV with a day left out of the file (Jan 6, its 0.01 up) moves beside a zero; an illiquid
    # share written newest first writes each day's change a row before its move. Either had loaded the
    # changes as the close (0.01, 0.05), the other days rejected (silent; right at 3c47ce6's parent).
    ("2020-01-02,$10.00,0.00\n2020-01-03,$10.00,0.00\n2020-01-07,$10.01,0.00\n2020-01-08,$10.01,0.00\n"
     "2020-01-09,$10.02,0.01\n2020-01-10,$10.02,0.00\n2020-01-13,$10.02,0.00\n",
     [10.0, 10.0, 10.01, 10.01, 10.02, 10.02, 10.02], [None] * 7),
    ("2020-01-13,$18.10,0.00\n2020-01-10,$18.10,0.00\n2020-01-09,$18.10,0.05\n2020-01-08,$18.05,0.00\n"
     "2020-01-07,$18.05,0.00\n2020-01-06,$18.05,0.05\n2020-01-03,$18.00,0.00\n2020-01-02,$18.00,0.00\n",
     [18.10, 18.10, 18.10, 18.05, 18.05, 18.05, 18.0, 18.0], [None] * 8),
    # Give or take half the change's last written place: a NAV to four places beside its change rounded
    # to the cent (every row had been rejected, the zeros taken for the close).
    ("2020-01-02,$1.0000,0.00\n2020-01-03,$1.0000,0.00\n2020-01-06,$1.0001,0.00\n2020-01-07,$1.0001,0.00\n"
     "2020-01-08,$1.0001,0.00\n2020-01-09,$1.0002,0.00\n2020-01-10,$1.0002,0.00\n",
     [1.0, 1.0, 1.0001, 1.0001, 1.0001, 1.0002, 1.0002], [None] * 7),
    # So beside money traded written to the cent: it moves every day, as no price standing still does (the
    # money had loaded as the close, silent, at 52ac606).
    ("2020-01-02,$1964800.00,18.04\n2020-01-03,$2038700.50,0\n2020-01-06,$1991000.25,0\n"
     "2020-01-07,$2001000.75,0\n2020-01-08,$2011000.00,18.20\n", [18.04, 18.20], [None, None]),
    # An illiquid share's volume, zero most days: its price moves, the volume's other days as no price.
    ("2020-01-02,$18.04,0.00\n2020-01-03,$18.10,1500.00\n2020-01-06,$18.12,0.00\n2020-01-07,$18.20,0.00\n"
     "2020-01-08,$18.25,200.00\n", [18.04, 18.10, 18.12, 18.20, 18.25], [None] * 5),
    ("2020-01-02,$11900,0.0002\n2020-01-03,$12100,0.0003\n2020-01-06,$12000,0.0002\n2020-01-07,$11800,0.0003\n",
     [0.0002, 0.0003, 0.0002, 0.0003], [None, None, None, None]),
    # A money market fund's stable NAV beside its yield, a fraction moving by hundredths of a percent, on
    # either side of it: the yield had loaded as the close (silent), the NAV left out. So with a day the
    # fund broke its buck.
    ("2020-01-02,$1.00,0.0412\n2020-01-03,$1.00,0.0413\n2020-01-06,$1.00,0.0413\n2020-01-07,$1.00,0.0411\n"
     "2020-01-08,$1.00,0.0410\n", [1.0] * 5, [None] * 5),
    ("2020-01-02,0.0412,$1.00\n2020-01-03,0.0413,$1.00\n2020-01-06,0.0413,$1.00\n2020-01-07,0.0411,$1.00\n"
     "2020-01-08,0.0410,$1.00\n", [1.0] * 5, [None] * 5),
    ("2020-01-02,$1.0000,0.0412\n2020-01-03,$1.0000,0.0413\n2020-01-06,$1.0000,0.0413\n"
     "2020-01-07,$1.0000,0.0411\n2020-01-08,$1.0000,0.0410\n", [1.0] * 5, [None] * 5),
    # Its mark after the NAV ("1.00 $"): its cents read without it, as the change's rule reads them (the yield
    # had loaded, silent).
    ("2020-01-02,1.00 $,0.0412\n2020-01-03,1.00 $,0.0413\n2020-01-06,1.00 $,0.0411\n2020-01-07,1.00 $,0.0414\n"
     "2020-01-08,1.00 $,0.0412\n", [1.0] * 5, [None] * 5),
    ("".join(f"2020-01-{d:02},${0.99 if d == 14 else 1:.2f},0.04{d:02}\n" for w in (6, 13, 20)
             for d in range(w, w + 5)), [0.99 if k == 6 else 1.0 for k in range(15)], [None] * 15),
    # Beside money traded that moves, a sub-dollar close stays; beside a dollar figure standing still, a
    # close over one dollar (a dividend's, a fee's "$0.25", "$1.00"), or whole money standing still.
    ("2020-01-02,$120431.50,0.4512\n2020-01-03,$131002.25,0.4530\n2020-01-06,$118250.00,0.4498\n",
     [0.4512, 0.4530, 0.4498], [None] * 3),
    ("2020-01-02,$0.25,18.04\n2020-01-03,$0.25,18.10\n2020-01-06,$0.25,18.12\n", [18.04, 18.10, 18.12], [None] * 3),
    ("2020-01-02,18.04,$1.00\n2020-01-03,18.10,$1.00\n2020-01-06,18.12,$1.00\n", [18.04, 18.10, 18.12], [None] * 3),
    ("2020-01-02,$120000,0.4512\n2020-01-03,$120000,0.4530\n2020-01-06,$120000,0.4498\n",
     [0.4512, 0.4530, 0.4498], [None] * 3),
    # A figure standing still beside a sub-dollar series is no stable NAV unless it is one unit of money
    # beside a fraction a yield could be: a par, a strike, a fee, a dollar beside its rate in euros, a bond's
    # par beside its price as a fraction of it had each loaded as every day's close (silent).
    ("2020-01-02,$1.00,0.45\n2020-01-03,$1.00,0.46\n2020-01-06,$1.00,0.44\n2020-01-07,$1.00,0.47\n",
     [0.45, 0.46, 0.44, 0.47], [None] * 4),
    ("2020-01-02,$1.00,0.8912\n2020-01-03,$1.00,0.8931\n2020-01-06,$1.00,0.8905\n", [0.8912, 0.8931, 0.8905],
     [None] * 3),
    ("2020-01-02,$5.00,0.0412\n2020-01-03,$5.00,0.0413\n2020-01-06,$5.00,0.0411\n", [0.0412, 0.0413, 0.0411],
     [None] * 3),
    ("2020-01-02,$100.00,0.9875\n2020-01-03,$100.00,0.9881\n2020-01-06,$100.00,0.9870\n",
     [0.9875, 0.9881, 0.9870], [None] * 3),
    ("2020-01-02,0.45,$4.95\n2020-01-03,0.46,$4.95\n2020-01-06,0.44,$4.95\n", [0.45, 0.46, 0.44], [None] * 3),
])
def test_headerless_prices_marked_with_a_currency_are_the_prices(text, closes, volumes):
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices
    assert prices["close"].tolist() == closes
    assert [None if v != v else v for v in prices["volume"].tolist()] == volumes


def test_a_headerless_bar_in_whole_won_is_read_by_its_values_not_its_fractional_return():
    # A Korean daily file: date, open, high, low, close in whole won, volume, the day's return. The
    # whole columns had all been taken for volumes, the return (the one column with fractions) for
    # every price of the day; its falling days refused as non-positive closes. Its slips kept: two
    # closes a won over their highs (2015-01-27, 2015-02-17), and a holiday of zeros.
    data = (b"2015-01-02,26799,26799,26540,26600,175499,0.0022607385079125297\n"
            b"2015-01-03,0,0,0,0,0,0\n"
            b"2015-01-05,26720,26720,26260,26660,202790,0.0022556390977443996\n"
            b"2015-01-06,26300,26340,25760,25900,304710,-0.028507126781695424\n"
            b"2015-01-07,25880,26220,25640,26140,286455,0.009266409266409203\n"
            b"2015-01-08,26780,26780,26199,26280,289552,0.00535577658760511\n"
            b"2015-01-09,26280,26440,26280,26280,186248,0.0\n"
            b"2015-01-12,26260,26379,26020,26320,166508,0.0015220700152207556\n"
            b"2015-01-13,26280,26800,26000,26780,245868,0.01747720364741645\n"
            b"2015-01-14,26780,27100,26700,26900,286645,0.004480955937266717\n"
            b"2015-01-15,26900,26979,26580,26680,282078,-0.008178438661710086\n"
            b"2015-01-16,26680,26680,26260,26320,271370,-0.013493253373313308\n"
            b"2015-01-19,26580,26980,26400,26860,133459,0.020516717325227862\n"
            b"2015-01-20,27000,27440,26900,27440,265561,0.021593447505584562\n"
            b"2015-01-21,27340,27900,27200,27900,332253,0.016763848396501357\n"
            b"2015-01-22,27960,27979,27560,27560,359154,-0.012186379928315394\n"
            b"2015-01-23,27999,27999,27540,27720,257175,0.005805515239477588\n"
            b"2015-01-26,27500,27900,27280,27780,203070,0.0021645021645022577\n"
            b"2015-01-27,27500,27999,27480,28000,199144,0.007919366450684029\n"
            b"2015-02-17,27479,27539,27280,27540,114900,0.0021834061135370675\n")
    schema = detect_bytes(data, "005930.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume", None]
    prices = normalise_bytes(data, schema, "005930.csv").prices
    first = prices[prices["date"] == "2015-01-06"]
    assert first[["open", "high", "low", "close", "volume"]].values.tolist() == [[26300, 26340, 25760, 25900, 304710]]
    # A fractional column keeping near the close is its adjusted close (it had loaded as the close).
    body = [["2015-01-02", "26799", "26799", "26540", "26600", "175499", "26100.5"],
            ["2015-01-05", "26720", "26720", "26260", "26660", "202790", "26158.9"],
            ["2015-01-06", "26300", "26340", "25760", "25900", "304710", "25413.2"]]
    assert map_canonical([[]] * 7, [D, N, N, N, N, N, F], body) == \
        ["date", "open", "high", "low", "close", "volume", "adj_close"]
    # Whole columns that are no tight bar (a volume over the prices) are still not read as one.
    body = [["2020-01-02", "100", "10", "11", "9", "0.5"], ["2020-01-03", "200", "11", "12", "10", "-0.2"],
            ["2020-01-06", "150", "10", "11", "9", "0.1"]]
    assert "high" not in map_canonical([[]] * 6, [D, N, N, N, N, F], body)


def test_a_headerless_scrape_with_its_code_on_each_row_is_read_by_its_bar_and_no_count_is_its_ticker():
    # kabutan's daily rows as a scraper kept them (taketake92/scraipingstock 7203.csv): code, date, open,
    # high, its time, low, its time, close, shares ("株"), yen traded ("百万円"), change, its percent,
    # average price ("円"), trades ("回"). The code, above every price, had loaded as each day's high
    # (the high as the close, the close as the volume), "6924300株" as the ticker; read as the bar,
    # the change had then been taken for the volume (its falls rejected as negative volumes).
    data = ("7203,2019-08-06,6875,6922,09:01,6852,12:30,6886,6924300株,47663百万円,-43,-0.62,6883.467円,14329回\n"
            "7203,2019-08-07,6725,6808,14:44,6690,09:00,6791,6495800株,43914百万円,+71,+1.06,6760.424円,13534回\n"
            "7203,2019-08-08,6788,6843,10:56,6766,09:00,6810,5246100株,35735百万円,+19,+0.28,6811.694円,11416回\n"
            "7203,2019-08-09,6838,6873,09:17,6827,14:55,6837,4026900株,27557百万円,+27,+0.40,6843.177円,7488回\n"
            "7203,2019-08-13,6737,6826,13:34,6722,09:01,6790,5400400株,36589百万円,-47,-0.69,6775.228円,9848回\n"
            "7203,2019-08-14,6883,6894,09:00,6834,14:59,6853,4287000株,29394百万円,+63,+0.93,6856.568円,8299回\n"
            ).encode()
    schema = detect_bytes(data, "7203.csv")
    result = normalise_bytes(data, schema, "7203.csv")
    prices = result.prices
    assert prices["date"].astype(str).tolist()[:2] == ["2019-08-06", "2019-08-07"]
    assert prices[["ticker", "open", "high", "low", "close"]].values.tolist()[:2] == [
        ["7203", 6875, 6922, 6852, 6886], ["7203", 6725, 6808, 6690, 6791]]
    assert len(prices) == 6 and prices["volume"].isna().all()  # the change is no volume
    # A code leading each row before a bar with fractions: no price either, nor a volume.
    body = [["7", "2020-01-02", "10.5", "11.25", "9.5", "10.75"], ["7", "2020-01-03", "10.75", "11.5", "10.25", "11.5"],
            ["7", "2020-01-06", "11.5", "12.5", "11.25", "12.25"]]
    assert map_canonical([[]] * 6, [N, D, F, F, F, F], body) == [None, "date", "open", "high", "low", "close"]
    # A volume with one "-1" for none is still the volume: its other rows keep theirs.
    data = b"2024-01-02,10.00,11.00,9.00,10.50,1000\n2024-01-03,10.50,11.20,10.10,10.80,-1\n" \
           b"2024-01-04,10.80,11.00,10.40,10.60,900\n2024-01-05,10.60,10.90,10.20,10.70,1100\n"
    result = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv")
    assert result.prices["volume"].tolist() == [1000, 900, 1100]
    assert result.rejected["reason"].tolist() == ["negative volume"]
    # But a close's change from the day before, one fall in a few days, is none: every day loads, no volume.
    data = b"2024-01-02,71000,72000,70500,71500,500\n2024-01-03,71500,72500,71000,72000,500\n" \
           b"2024-01-04,72000,72200,71500,71800,-200\n2024-01-05,71800,72300,71600,72100,300\n"
    result = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv")
    assert result.prices["close"].tolist() == [71500, 72000, 71800, 72100]
    assert result.prices["volume"].isna().all() and result.rejected.empty
    # Nor the close of the day before, right after the close: the volume is the column after it.
    data = b"2024-01-01,49.74,50.02,48.52,48.59,50.00,781233\n2024-01-02,48.70,50.71,48.22,50.64,48.59,304268\n" \
           b"2024-01-03,50.80,50.93,49.73,49.87,50.64,371963\n2024-01-04,50.53,50.57,47.42,47.77,49.87,580416\n"
    for rows in (data, b"".join(reversed(data.splitlines(keepends=True))).replace(b",50.00,", b",51.00,")):
        prices = normalise_bytes(rows, detect_bytes(rows, "x.csv"), "x.csv").prices.sort_values("date")
        assert prices[["close", "volume"]].values.tolist() == [
            [48.59, 781233], [50.64, 304268], [49.87, 371963], [47.77, 580416]]


def test_a_headerless_days_money_traded_is_no_volume_beside_its_shares():
    # TWSE's daily rows as crawlers keep them (Asoul/tsec data/2330.csv): ROC date, shares, dollars
    # traded, open, high, low, close, change, trades. The dollars, the largest whole column, had loaded
    # as the volume: each is the shares times a price inside the day's bar.
    data = (b"106/07/17,21400126,4566620338,215.00,215.50,211.50,213.00,0.00,8537\n"
            b"106/07/18,18756453,3998545790,213.00,214.00,212.00,214.00,1.00,8905\n"
            b"106/07/19,20661381,4428023668,212.50,215.00,212.50,214.50,0.50,11699\n"
            b"106/07/20,20795770,4468108550,215.00,215.50,214.00,215.50,1.00,8261\n"
            b"106/07/21,15422136,3302914894,214.00,215.00,213.50,214.00,-1.50,7558\n")
    schema = detect_bytes(data, "2330.csv")
    assert [c.canonical for c in schema.columns] == ["date", "volume", None, "open", "high", "low", "close", None, None]
    prices = normalise_bytes(data, schema, "2330.csv").prices
    assert prices["volume"].tolist() == [21400126, 18756453, 20661381, 20795770, 15422136]
    assert [str(d)[:10] for d in prices["date"]][:2] == ["2017-07-17", "2017-07-18"]
    # Whole won, the same: the bar in whole numbers, then shares and won traded.
    body = [["2023-01-02", "4500", "4531", "4402", "4420", "206495", "921000000", "0.1"],
            ["2023-01-03", "4420", "4424", "4208", "4268", "111625", "480000000", "-0.2"],
            ["2023-01-04", "4268", "4350", "4230", "4340", "491079", "2110000000", "0.3"]]
    assert map_canonical([[]] * 8, [D, N, N, N, N, N, N, F], body)[5:7] == ["volume", None]
    # A larger whole column that is no price times the other stays the volume (open interest beside it).
    body = [["2023-01-02", "10.5", "11", "10", "10.8", "1000", "500000"],
            ["2023-01-03", "10.8", "11.2", "10.6", "11.0", "1200", "510000"],
            ["2023-01-04", "11.0", "11.1", "10.7", "10.9", "900", "505000"]]
    assert map_canonical([[]] * 7, [D, F, F, F, F, N, N], body)[5:] == [None, "volume"]


def test_a_headerless_close_beside_two_counts_takes_neither_as_its_volume():
    # The Nikkei's close beside two day counts ("20150817,830,750,20620.26", real files round 50): the
    # larger count had loaded as each day's volume, 830 shares of an index (silent). Without a bar no money
    # tells the shares among them; one whole column beside the close is still its volume.
    rows = [("20150817", "830", "750", "20620.26"), ("20150818", "920", "780", "20554.47"),
            ("20150819", "1180", "1140", "20222.63")]
    for cut, volumes in ((4, [None] * 3), (3, [830.0, 920.0, 1180.0])):
        data = "".join(",".join(r[:cut - 1] + r[3:]) + "\n" for r in rows).encode()
        prices = normalise_bytes(data, detect_bytes(data, "kabuka.csv"), "kabuka.csv").prices
        assert prices.close.tolist() == [20620.26, 20554.47, 20222.63]
        assert [None if v != v else v for v in prices.volume.tolist()] == volumes


def test_a_days_money_traded_is_told_among_many_whole_columns_and_beside_a_slip():
    # Each pair of whole columns is read only until it misses more rows than the money may (a wide
    # headerless file of 80 whole columns had taken 13 times as long to detect); a slip on the first
    # day of ten (one in ten missing, the most that may) still makes the turnover money, not the volume.
    import random
    rng = random.Random(7)
    body = []
    for d in range(10):
        low, high = 100 + d, 104 + d
        shares = 1000 + 37 * d
        money = shares * 90 if d == 0 else shares * (low + 2)  # the first day's turnover a slip
        body.append([f"2024-01-{d + 2:02d}", f"{low + 1}.5", f"{high}.0", f"{low}.0", f"{low + 2}.5", str(shares),
                     str(money)] + [str(rng.randint(1, 900)) for _ in range(40)])
    types = [D, F, F, F, F] + [N] * 42
    mapping = map_canonical([[]] * 47, types, body)
    assert mapping[5] == "volume" and "volume" not in mapping[6:]


# Ten days of a whole-won bar (open, high, low, close) and their volumes, in date order.
_WON_DAYS = [("2023-01-02", 4500, 4531, 4402, 4420, 206495), ("2023-01-03", 4420, 4424, 4208, 4268, 111625),
             ("2023-01-04", 4268, 4350, 4230, 4340, 491079), ("2023-01-05", 4345, 4400, 4300, 4310, 302110),
             ("2023-01-06", 4310, 4318, 4190, 4205, 250000), ("2023-01-09", 4200, 4290, 4180, 4280, 180320),
             ("2023-01-10", 4280, 4410, 4270, 4395, 410500), ("2023-01-11", 4390, 4395, 4301, 4320, 220140),
             ("2023-01-12", 4320, 4330, 4205, 4215, 330900), ("2023-01-13", 4215, 4300, 4200, 4290, 199000)]


@pytest.mark.parametrize("descending", [False, True])
def test_a_headerless_whole_bar_with_its_close_first_is_read_by_its_days(descending):
    # "date,close,open,high,low,volume,change %": the middle columns had been taken in their order,
    # open then close, and the file loaded its opens as its closes, nothing rejected. A day opens
    # near where the one before closed, in either order of the rows.
    days = _WON_DAYS[::-1] if descending else _WON_DAYS
    data = "".join(f"{d},{c},{o},{h},{lo},{v},{(c / o - 1) * 100:.2f}\n" for d, o, h, lo, c, v in days).encode()
    schema = detect_bytes(data, "kr.csv")
    assert [c.canonical for c in schema.columns][:5] == ["date", "close", "open", "high", "low"]
    prices = normalise_bytes(data, schema, "kr.csv").prices
    assert prices[prices["date"] == "2023-01-03"][["open", "close"]].values.tolist() == [[4420, 4268]]
    # Open, close, high, low (Eastmoney's order) stays as it is.
    data = "".join(f"{d},{o},{c},{h},{lo},{v},{(c / o - 1) * 100:.2f}\n" for d, o, h, lo, c, v in days).encode()
    assert [c.canonical for c in detect_bytes(data, "kr.csv").columns][:5] == ["date", "open", "close", "high", "low"]


def test_a_fractional_column_beside_a_whole_bar_moving_with_its_price_is_no_adjusted_close():
    # Naver's daily rows end with the share held abroad (외국인소진율, "12.51"), another file with
    # the close in dollars: each keeps within a thousandfold of the close and moves less than 2% a
    # day against it, and had loaded as the adjusted close.
    rates = [12.5, 12.51, 12.49, 12.5, 12.52, 12.55, 12.53, 12.5, 12.48, 12.5]
    data = "".join(f"{d},{o},{h},{lo},{c},{v},{r}\n" for (d, o, h, lo, c, v), r in zip(_WON_DAYS, rates)).encode()
    assert [c.canonical for c in detect_bytes(data, "kr.csv").columns] == \
        ["date", "open", "high", "low", "close", "volume", None]
    fx = [150.2, 149.8, 150.9, 151.3, 150.1, 149.5, 148.9, 149.7, 150.4, 151.0]
    data = "".join(f"{d},{o},{h},{lo},{c},{v},{c / x:.2f}\n" for (d, o, h, lo, c, v), x in zip(_WON_DAYS, fx)).encode()
    assert "adj_close" not in [c.canonical for c in detect_bytes(data, "jp.csv").columns]


def test_a_headerless_market_value_is_no_adjusted_close_though_it_moves_with_the_close():
    # A ticker's market value keeps its ratio to the close (its shares) on every row, as an
    # adjusted close does; a billion times the close, it is none.
    closes = [10.5, 11.0, 10.4]
    body = [[f"2020-01-0{d}", "10", "12", "9", str(c), "100", str(c * 2e9)] for d, c in zip((2, 3, 6), closes)]
    mapping = map_canonical([[]] * 7, [D, F, F, F, F, N, F], body)
    assert mapping == ["date", "open", "high", "low", "close", "volume", None]
    # An adjusted close a few hundred times the close (China's back-adjusted prices) stays one.
    body = [r[:6] + [str(c * 300)] for r, c in zip(body, closes)]
    assert map_canonical([[]] * 7, [D, F, F, F, F, N, F], body)[6] == "adj_close"


# Another price of the day after the close, now above it, now below: not its adjusted close.
_VWAP_DAYS = [("2024-01-02", 100.1, 102.3, 99.2, 101.4, 100.6), ("2024-01-03", 101.4, 103.1, 100.3, 102.5, 101.9),
              ("2024-01-04", 102.5, 104.2, 101.1, 101.2, 102.4), ("2024-01-05", 101.2, 102.3, 100.4, 101.8, 101.1),
              ("2024-01-08", 101.8, 103.3, 101.2, 102.9, 102.2)]


@pytest.mark.parametrize(("text", "name", "adjusted"), [
    # The day's average price (VWAP) right after the close.
    ("".join(f"{d},{o},{h},{lo},{c},{a},{5000 + k}\n" for k, (d, o, h, lo, c, a) in enumerate(_VWAP_DAYS)), "vwap.csv",
     [r[4] for r in _VWAP_DAYS]),
    # An NSE bhavcopy kept without its header: symbol, open, high, low, close, last, previous close,
    # shares, date. Its last trade had loaded as the adjusted close.
    ("AAA,92.8,101,92.75,97.35,97.9,91.9,1058107,2022-01-28\nBBB,81.45,81.45,78.25,78.8,78.8,79.2,648717,2022-01-28\n"
     "CCC,24203,24883.95,23932,24407.4,24700,24060.65,2971,2022-01-28\n"
     "DDD,379.9,386,361.55,366.2,363.15,368.4,35608,2022-01-28\nEEE,262,274.9,260,274.9,274.9,261.85,219955,2022-01-28\n"
     "FFF,12.45,12.85,12.45,12.85,12.85,12.25,367104,2022-01-28\nGGG,264,264,256.35,259.95,259.15,260.6,49201,2022-01-28\n",
     "bhav.csv", [97.35, 78.8, 24407.4, 366.2, 274.9, 12.85, 259.95]),
    # An adjusted close on the close's one side stays one.
    ("".join(f"{d},{o},{h},{lo},{c},{c * 0.98:.2f},{5000 + k}\n" for k, (d, o, h, lo, c, _) in enumerate(_VWAP_DAYS)),
     "yahoo.csv", [round(r[4] * 0.98, 2) for r in _VWAP_DAYS]),
    # Beside a close not adjusted for splits: ten times it before a 1:10 reverse split, under it
    # after (the dividends since). Far above, then a little below, it is no other price of the day.
    ("".join(f"{d},{o},{h},{lo},{c},{c * (9.7 if k < 2 else 0.97):.2f},{5000 + k}\n"
             for k, (d, o, h, lo, c, _) in enumerate(_VWAP_DAYS)),
     "yahoo_raw.csv", [round(r[4] * (9.7 if k < 2 else 0.97), 2) for k, r in enumerate(_VWAP_DAYS)]),
])
def test_a_headerless_price_now_above_now_below_the_close_is_no_adjusted_close(text, name, adjusted):
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, name), name).prices
    assert prices["adj_close"].tolist() == adjusted
    assert prices["close"].tolist()[:2] in ([101.4, 102.5], [97.35, 78.8])


@pytest.mark.parametrize("factor", [20000.0, 1 / 6144])
def test_a_headerless_adjusted_close_past_the_factor_is_no_volume(factor):
    # A raw close beside its split-adjusted close: a penny stock's reverse splits put the adjusted
    # close 20000 times the close, Walmart's splits its 1972 close at a 6144th. Right after the
    # prices and keeping its ratio to the close, it had loaded as the volume, the volume dropped.
    rows = [("2023-01-02", 1.79, 1.82, 1.78, 1.81, 8312989), ("2023-01-03", 1.82, 1.88, 1.80, 1.86, 5167870),
            ("2023-01-04", 1.85, 1.86, 1.74, 1.75, 6400211), ("2023-01-05", 1.75, 1.79, 1.70, 1.72, 7012345)]
    data = "".join(f"{d},{o},{h},{lo},{c},{c * factor:.6f},{v}\n" for d, o, h, lo, c, v in rows).encode()
    prices = normalise_bytes(data, detect_bytes(data, "PENNY.csv"), "PENNY.csv").prices
    assert prices["volume"].tolist() == [r[5] for r in rows]
    assert prices["close"].tolist() == prices["adj_close"].tolist() == [r[4] for r in rows]


def test_a_column_dated_by_its_shape_is_the_date_before_bare_integer_stamps():
    # Headerless: order ids of a date and a count ("202103010001") read as %Y%m%d%H%M stamps (valid
    # digits, in order); leftmost, they took the date and put every row on one day.
    types = [ColumnType("timestamp", "%Y%m%d%H%M", 1.0), ColumnType("date", "%Y-%m-%d", 1.0),
             ColumnType("float", None, 1.0)]
    body = [[f"20210301{k:04d}", f"2021-03-{k:02d}", f"{100 + k}.5"] for k in range(1, 10)]
    assert map_canonical([[], [], []], types, body) == [None, "date", "close"]
    # Alone, such stamps are the date.
    assert map_canonical([[], []], [types[0], types[2]], [[r[0], r[2]] for r in body]) == ["date", "close"]


def test_string_column_with_a_numeric_reading_maps_under_a_strong_name():
    messy = ColumnType("string", None, 0.2, alt=ColumnType("float", None, 0.8))
    assert map_canonical([["Date"], ["Close"]], [D, messy], []) == ["date", "close"]
    mostly_text = ColumnType("string", None, 0.9)
    assert map_canonical([["Date"], ["Close"]], [D, mostly_text], []) == ["date", None]


KIND = {"date": D, "ticker": S, "sector": S, "volume": N, **{c: S for c in EXTRAS},
        **{c: F for c in ("open", "high", "low", "close", "adj_close")}}


@pytest.mark.parametrize(("source", "header"), [(s, h) for s, names in ALIASES.items() for h in names])
def test_every_header_the_simulator_writes_maps_to_its_column(source, header):
    want = None if source in EXTRAS else source
    for spelling in (header, header.upper(), header.lower()):
        assert map_canonical([[spelling]], [KIND[source]], []) == [want], spelling


def test_an_empty_column_stays_unmapped_only_where_no_values_could_map_it():
    mapped = ["date", "ticker", "close", None]
    assert stays_unmapped(3, [["Date"], ["Ticker"], ["Close"], ["Notes"]], mapped)
    # Without a header it could be a ticker or a price, unless the file has those already.
    assert stays_unmapped(3, [["Date"], ["Ticker"], ["Close"], []], mapped)
    assert not stays_unmapped(3, [["Date"], ["Name"], ["Turnover"], []], ["date", "ticker", None, None])
    # Filled with dates it would become the date axis of a file that has none.
    assert not stays_unmapped(3, [["Ticker"], ["Close"], ["Volume"], ["When"]], ["ticker", "close", "volume", None])


def test_a_filled_column_never_takes_more_than_its_name_offered_when_empty():
    # What stays_unmapped rests on: an empty named column competes for what its name suggests.
    empty = ColumnType("string", None, 0.0)
    headers = [["Date"], ["Close"], ["Price"]]
    assert map_canonical(headers, [D, F, empty], []) == ["date", "close", None]
    for filled in (D, F, N, S):
        assert map_canonical(headers, [D, F, filled], [["2020-01-02", "1.5", "x"]]) == ["date", "close", None]


def test_in_a_header_block_the_row_nearest_the_data_names_the_column():
    # A title as wide as the table stacked above the header ("Prices, volumes, AAPL" above "Date,
    # Close,Volume", review of this session's layout changes) claimed the Close column for volume,
    # and every row failed with no close column. Two-level exports ("AAPL" above "Open") too.
    cells = [["Prices", "Date"], ["volumes", "Close"], ["AAPL", "Volume"]]
    assert map_canonical(cells, [D, F, N], []) == ["date", "close", "volume"]
    assert map_canonical([["AAPL", "Open"], ["AAPL", "Close"]], [F, F], []) == ["open", "close"]


def _rows(*columns: list[str]) -> list[list[str]]:
    return [list(r) for r in zip(*columns)]


DAYS = [f"2024-01-{d:02d}" for d in (2, 3, 4, 5, 8, 9)]
CLOSES = [f"{10 + k}.5" for k in range(6)]
VOLUMES = [str(1000 + k) for k in range(6)]


def test_a_column_of_currency_codes_is_no_ticker_with_a_header_or_without():
    # "Date,Close,Volume" over rows ending in "USD": every row loaded as ticker USD (msft.csv).
    body = _rows(DAYS, CLOSES, VOLUMES, ["USD"] * 6)
    assert map_canonical([["Date"], ["Close"], ["Volume"], []], [D, F, N, S], body) == ["date", "close", "volume", None]
    assert map_canonical([[]] * 4, [D, F, N, S], body) == ["date", "close", "volume", None]
    mixed = _rows(DAYS, CLOSES, VOLUMES, ["usd", "EUR", "GBP", "CHF", "JPY", "EUR"])
    assert map_canonical([[]] * 4, [D, F, N, S], mixed) == ["date", "close", "volume", None]
    # Beside the ticker column, the currency does not take its place either (it did: the rightmost won).
    body = _rows(DAYS, ["AAPL"] * 6, CLOSES, ["USD"] * 6)
    assert map_canonical([[]] * 4, [D, S, F, S], body) == ["date", "ticker", "close", None]


def test_a_column_named_as_the_ticker_keeps_it_whatever_its_values():
    body = _rows(DAYS, CLOSES, ["USD"] * 6)  # the ProShares ETF "USD"
    assert map_canonical([["Date"], ["Close"], ["Symbol"]], [D, F, S], body) == ["date", "close", "ticker"]


def test_a_column_past_the_end_of_the_header_is_no_ticker_unless_it_keys_the_dates():
    header = [["Date"], ["Close"], ["Volume"], []]
    # An exchange (or a note, a flag) the header does not name: the file is one ticker's.
    body = _rows(DAYS, CLOSES, VOLUMES, ["NYSE"] * 6)
    assert map_canonical(header, [D, F, N, S], body) == ["date", "close", "volume", None]
    # Several tickers' rows, each date once per ticker: only a ticker tells them apart.
    body = [[d, c, v, t] for d, c, v in zip(DAYS, CLOSES, VOLUMES) for t in ("AAPL", "MSFT", "IBM")]
    assert map_canonical(header, [D, F, N, S], body) == ["date", "close", "volume", "ticker"]
    # An exchange of such a file does not: its tickers share it on a date.
    body = [[d, c, v, "NYSE"] for d, c, v in zip(DAYS, CLOSES, VOLUMES) for _ in range(3)]
    assert map_canonical(header, [D, F, N, S], body) == ["date", "close", "volume", None]


def test_an_unnamed_column_before_the_header_end_may_still_be_the_ticker():
    # pandas' unnamed index (",Date,Close"), R's row names: a row label, a ticker here.
    body = [[t, d, c] for d, c in zip(DAYS, CLOSES) for t in ("AAPL", "MSFT")]
    assert map_canonical([[], ["Date"], ["Close"]], [S, D, F], body) == ["ticker", "date", "close"]


def test_headerless_ticker_is_the_column_that_keys_the_dates_else_the_leftmost():
    body = [["NYSE", t, d, c] for d, c in zip(DAYS, CLOSES) for t in ("AAPL", "MSFT", "IBM")]
    assert map_canonical([[]] * 4, [S, S, D, F], body) == [None, "ticker", "date", "close"]
    body = _rows(DAYS, ["AAPL"] * 6, CLOSES, VOLUMES, ["NYSE"] * 6)
    assert map_canonical([[]] * 5, [D, S, F, N, S], body) == ["date", "ticker", "close", "volume", None]


def test_price_columns_named_alike_over_several_tickers_are_side_by_side():
    # yfinance's download of several tickers, grouped by column and by ticker; a Bloomberg sheet.
    by_column = [["Price", "Ticker", "Date"], ["Close", "AAPL"], ["Close", "MSFT"], ["Volume", "AAPL"],
                 ["Volume", "MSFT"]]
    assert tickers_side_by_side(by_column, [D, F, F, N, N]) == ["AAPL", "MSFT"]
    by_ticker = [["Ticker", "Price", "Date"], ["AAPL", "Open"], ["AAPL", "Close"], ["MSFT", "Open"], ["MSFT", "Close"]]
    assert tickers_side_by_side(by_ticker, [D, F, F, F, F]) == ["AAPL", "MSFT"]
    bloomberg = [["Dates"], ["AAPL US Equity", "PX_LAST"], ["PX_VOLUME"], ["MSFT US Equity", "PX_LAST"], ["PX_VOLUME"]]
    assert tickers_side_by_side(bloomberg, [D, F, N, F, N]) == ["AAPL US Equity", "MSFT US Equity"]


def test_series_that_each_bring_their_dates_are_side_by_side():
    # A Bloomberg sheet of several securities, each over its own dates: the first loaded under the
    # file's name, the other securities' prices were dropped without a word.
    labelled = [["AAPL US Equity", "Date"], ["", "PX_LAST"], ["MSFT US Equity", "Date"], ["", "PX_LAST"]]
    assert tickers_side_by_side(labelled, [D, F, D, F]) == ["AAPL US Equity", "MSFT US Equity"]
    bare = [["Date"], ["PX_LAST"], ["PX_VOLUME"], ["Date"], ["PX_LAST"], ["PX_VOLUME"]]
    assert tickers_side_by_side(bare, [D, F, N, D, F, N]) == ["columns 1-3", "columns 4-6"]
    # A second date that brings no second series (a settlement date) sets nothing apart.
    assert tickers_side_by_side([["Trade Date"], ["Close"], ["Date"], ["Volume"]], [D, F, D, N]) == []


@pytest.mark.parametrize("header", [
    [["Price", "Ticker", "Date"], ["Close", "AAPL"], ["High", "AAPL"], ["Volume", "AAPL"]],  # one ticker
    [["Date"], ["Bid", "Close"], ["Ask", "Close"], ["Volume"]],  # one instrument's two sides
    [["Date"], ["Close"], ["Close"], ["Volume"]],  # a name written twice, nothing telling them apart
    [["Date"], ["Close", "USD"], ["Close", "USD"], ["Volume"]],
])
def test_one_tickers_columns_are_not_side_by_side(header):
    assert tickers_side_by_side(header, [D, F, F, N]) == []


def test_currency_codes_that_key_the_dates_are_the_tickers():
    # A long table of exchange rates, no header: each date once per currency (eurofxref as rows).
    # Taken for the file's quote currency, the rates of every currency but the first were rejected
    # as conflicting duplicates of it.
    body = [[d, c, f"1.{k}{j}"] for k, d in enumerate(DAYS) for j, c in enumerate(("USD", "JPY", "GBP"))]
    assert map_canonical([[]] * 3, [D, S, F], body) == ["date", "ticker", "close"]


def test_a_column_past_the_header_keys_the_dates_of_tickers_with_histories_of_different_lengths():
    # AAPL on six days, META listed on the last three: most dates are on one row only, yet the
    # column tells apart the rows of every date that repeats.
    header = [["Date"], ["Close"], ["Volume"], []]
    body = _rows(DAYS, CLOSES, VOLUMES, ["AAPL"] * 6) + _rows(DAYS[3:], CLOSES[:3], VOLUMES[:3], ["META"] * 3)
    assert map_canonical(header, [D, F, N, S], body) == ["date", "close", "volume", "ticker"]
    # The same rows under one exchange: it tells none of them apart.
    body = [r[:3] + ["NYSE"] for r in body]
    assert map_canonical(header, [D, F, N, S], body) == ["date", "close", "volume", None]


@pytest.mark.parametrize("name", ["股票代码", "コード", "종목코드", "Code", "Symbol", "Instrument"])
def test_a_column_named_as_the_ticker_holding_numeric_codes_is_the_ticker(name):
    # Shanghai "600000", Tokyo "7203": read as integers, the column was left unmapped and every
    # code's rows loaded under the file's name (then clashed as duplicates).
    assert map_canonical([["日期"], [name], ["收盘"]], [D, N, F], []) == ["date", "ticker", "close"]
    assert map_canonical([["Date"], ["Volume"], ["Close"]], [D, N, F], []) == ["date", "volume", "close"]


def test_a_file_of_one_code_under_instrument_loads_under_that_code():
    # Not under the file's name: its one code's rows had loaded as "PRICES", the column left unread.
    data = b"Date;Instrument;Settle;Shares Traded\n2019-03-20;7203;34,74;862341\n2019-03-21;7203;35,39;3669380\n"
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert result.prices["ticker"].tolist() == ["7203", "7203"]
    assert result.prices["close"].tolist() == [34.74, 35.39]
    # Beside a symbol, the instrument's numbers stay an extra column.
    data = b"Date;Instrument;Symbol;Close\n2019-03-20;7203;TM;34,74\n2019-03-21;7203;TM;35,39\n"
    assert normalise_bytes(data, detect_bytes(data, "p.csv"), "p.csv").prices["ticker"].tolist() == ["TM", "TM"]


@pytest.mark.parametrize(("header", "expected"), [
    (["日付", "始値(円)", "高値(円)", "安値(円)", "終値(円)", "出来高(株)"],
     ["date", "open", "high", "low", "close", "volume"]),
    (["Date", "Open (USD)", "High [USD]", "Low（USD）", "Close (USD)", "Volume (shares)"],
     ["date", "open", "high", "low", "close", "volume"]),
    (["Date", "Prev. Close (USD)", "High", "Low", "Close", "Volume"], ["date", None, "high", "low", "close", "volume"]),
])
def test_a_unit_in_brackets_after_a_name_leaves_the_name(header, expected):
    assert map_canonical([[h] for h in header], [D, F, F, F, F, N], []) == expected


@pytest.mark.parametrize(("volume", "expected"), [
    # The count a volume is in, itself a volume's name ("shares"): the volume had loaded NULL (silent).
    ("Vol. (shares)", [1200, 1500]), ("Wolumen (shares)", [1200, 1500]), ("Vol (shares)", [1200, 1500]),
    ("Volume BTC (shares)", [1200, 1500]),  # a volume's name by its hint, a coin's
    ("Vol. (mn)", [1.2e9, 1.5e9]),  # a scale still read
])
def test_a_volume_counted_in_shares_loads(volume, expected):
    data = f"Date,Close,{volume}\n2021-12-30,10.5,1200\n2021-12-31,10.7,1500\n".encode()
    assert normalise_bytes(data, detect_bytes(data, "p.csv"), "p.csv").prices["volume"].tolist() == expected


@pytest.mark.parametrize("header", [
    # A group name repeated over each field (pandas writes its column MultiIndex so): fields, not tickers.
    [["Date"], ["Price", "Open"], ["Price", "High"], ["Price", "Low"], ["Price", "Close"]],
    # One instrument's adjusted and unadjusted prices.
    [["Date"], ["Unadjusted", "Open"], ["Close"], ["Adjusted", "Open"], ["Close"]],
])
def test_labels_that_name_fields_are_not_tickers_side_by_side(header):
    assert tickers_side_by_side(header, [D, F, F, F, F]) == []


def test_a_one_letter_ticker_over_its_fields_is_side_by_side():
    # Citigroup is "C", a synonym of close: the longer name is the field.
    header = [["Ticker", "Price", "Date"], ["C", "Open"], ["C", "Close"], ["AAPL", "Open"], ["AAPL", "Close"]]
    assert tickers_side_by_side(header, [D, F, F, F, F]) == ["AAPL", "C"]


@pytest.mark.parametrize(("header", "expected"), [
    # The bracket names the field: "Price (Open)" was taken for the close, the other three left out.
    (["Date", "Price (Open)", "Price (High)", "Price (Low)", "Price (Close)", "Volume"],
     ["date", "open", "high", "low", "close", "volume"]),
    # The bracket qualifies the name: the previous close is no close.
    (["Date", "Open", "High", "Low", "Close (previous)", "Close"], ["date", "open", "high", "low", None, "close"]),
])
def test_words_in_brackets_that_name_or_qualify_a_field_are_no_unit(header, expected):
    assert map_canonical([[h] for h in header], [D, F, F, F, F, F], []) == expected


def test_numbers_under_a_ticker_name_yield_to_text_named_as_strongly():
    # "Security ID" of numbers beside "Ticker": the symbols are the tickers, the numbers an id.
    assert map_canonical([["Security ID"], ["Ticker"], ["Date"], ["Close"]], [N, S, D, F], []) == \
        [None, "ticker", "date", "close"]
    assert map_canonical([["Code"], ["Symbol"], ["Date"], ["Close"]], [N, S, D, F], []) == \
        [None, "ticker", "date", "close"]


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # ariva.de: "Stuecke" is the share count, "Volumen" the euros traded; the volume is the count,
    # in either order. Its "Volumen" (euros) had been loaded as the volume.
    (["Datum", "Erster", "Hoch", "Tief", "Schlusskurs", "Stuecke", "Volumen"], [D, F, F, F, F, N, N],
     ["date", "open", "high", "low", "close", "volume", None]),
    (["Datum", "Schlusskurs", "Volumen", "Stücke"], [D, F, N, N], ["date", "close", None, "volume"]),
    # J-Quants: the adjusted close is "AdjustmentClose", not the factor or the adjusted open that
    # precede it ("AdjustmentFactor" of 1.0 had been loaded as the adjusted close).
    (["Date", "Close", "AdjustmentFactor", "AdjustmentOpen", "AdjustmentClose", "AdjustmentVolume"],
     [D, F, F, F, F, N], ["date", "close", None, None, "adj_close", None]),
    # The Warsaw exchange's archive, Investing.com in Arabic, Hong Kong: their high and low (and
    # open and close) had been left out, the loaded high and low made up from open and close.
    (["Data", "Kurs otwarcia", "Kurs max", "Kurs min", "Kurs zamknięcia", "Wolumen"], [D, F, F, F, F, N],
     ["date", "open", "high", "low", "close", "volume"]),
    (["التاريخ", "الأخير", "افتتاح", "أعلى", "أدنى", "حجم"], [D, F, F, F, F, N],
     ["date", "close", "open", "high", "low", "volume"]),
    (["日期", "開市價", "最高價", "最低價", "收市價", "成交量(股)"], [D, F, F, F, F, N],
     ["date", "open", "high", "low", "close", "volume"]),
    # NSE's UDiFF bhavcopy (ISO 20022 abbreviations) and its full bhavcopy's traded quantity.
    (["TradDt", "TckrSymb", "OpnPric", "HghPric", "LwPric", "ClsPric", "LastPric", "TtlTradgVol"],
     [D, S, F, F, F, F, F, N], ["date", "ticker", "open", "high", "low", "close", None, "volume"]),
    (["SYMBOL", "DATE1", "CLOSE_PRICE", "TTL_TRD_QNTY"], [S, D, F, N], ["ticker", "date", "close", "volume"]),
    # BSE's bhavcopy: the ISIN code tells its stocks apart (its rows were duplicates of the first).
    (["SC_CODE", "SC_NAME", "CLOSE", "NO_OF_SHRS", "ISIN_CODE", "TRADING_DATE"], [N, S, F, N, S, D],
     [None, None, "close", "volume", "ticker", "date"]),
    # Yahoo Finance's history table copied from the browser, each label followed by its tooltip: the
    # close was taken for the adjusted close (the "adj" of its tooltip) and the file loaded nothing.
    (["Date", "Open", "Close Close price adjusted for splits.",
      "Adj Close Adjusted close price adjusted for splits and dividend and/or capital gain distributions.",
      "Volume"], [D, F, F, F, N], ["date", "open", "close", "adj_close", "volume"]),
    # AMFI's NAV history of every Indian fund: the scheme code tells them apart, the NAV is the price.
    (["Scheme Code", "Scheme Name", "Net Asset Value", "Repurchase Price", "Date"], [N, S, F, F, D],
     ["ticker", None, "close", None, "date"]),
    # A fund factsheet's NAV history: the NAV per share is the fund's price, its return and size are not.
    (["NAV Date", "NAV per share", "Daily return", "Fund size (EUR m)"], [D, F, F, F], ["date", "close", None, None]),
    (["Date", "NAV/Unit"], [D, F], ["date", "close"]),
    # No label and its tooltip: a name that describes an adjusted close stays one.
    (["Date", "Close price adjusted for splits and dividends"], [D, F], ["date", "adj_close"]),
])
def test_exchange_and_vendor_names_map_to_their_columns(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # NSE's UDiFF bhavcopy as exported: its ISIN stands left of TckrSymb, and took the ticker
    # (RELIANCE loaded as "INE002A01018"). An ISIN without a symbol beside it still keys the rows.
    (["TradDt", "FinInstrmId", "ISIN", "TckrSymb", "ClsPric"], [D, N, S, S, F],
     ["date", None, None, "ticker", "close"]),
    (["Date", "ISIN Code", "Symbol", "Close"], [D, S, S, F], ["date", None, "ticker", "close"]),
    # Warsaw's "Nazwa" is the short name an instrument trades under ("PKOBP"), not a company's name:
    # it is the ticker ahead of the ISIN.
    (["Data", "Nazwa", "ISIN", "Kurs zamknięcia"], [D, S, S, F], ["date", "ticker", None, "close"]),
    # An adjusted close whose description holds another price's letters ("fol-low-ing", "Vol-ume")
    # is still the adjusted close; it had been left unmapped.
    (["Date", "Close", "Adj Close (following splits)"], [D, F, F], ["date", "close", "adj_close"]),
    (["Date", "Close", "Adj Close (Volume-weighted)"], [D, F, F], ["date", "close", "adj_close"]),
    (["Date", "Close", "AdjustmentFactor", "AdjustmentVolume", "Adj. High"], [D, F, F, N, F],
     ["date", "close", None, None, None]),
])
def test_an_id_yields_to_the_symbol_and_an_adjusted_close_keeps_its_hint(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


def test_headerless_change_after_the_close_is_neither_the_volume_nor_the_adjusted_close():
    # "date,o,h,l,c,change,volume": the change does not keep its ratio to the close, and was taken
    # for a volume in fractions (the real volume left unmapped, every row's volume 0, 1 or 2).
    closes = [100.49, 101.68, 99.76, 100.2, 99.9, 101.1, 100.3]
    body = [[f"2024-01-{2 + k:02d}", f"{c - 0.4:.2f}", f"{c + 1:.2f}", f"{c - 1.5:.2f}", f"{c:.2f}",
             f"{c - (closes[k - 1] if k else 100):.2f}", str(5_000_000 + 1000 * k)] for k, c in enumerate(closes)]
    assert map_canonical([[]] * 7, [D, F, F, F, F, F, N], body) == \
        ["date", "open", "high", "low", "close", None, "volume"]


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # Euronext's French download: "Dernier" is the last trade, "Clôture" the closing auction (the
    # last trade had loaded as the close), as "Last" beside "Close" in its English one.
    (["Date", "Ouverture", "Plus haut", "Plus bas", "Dernier", "Clôture"], [D, F, F, F, F, F],
     ["date", "open", "high", "low", None, "close"]),
    (["Date", "Dernier"], [D, F], ["date", "close"]),
    # An ETF's NAV history beside its market price: the close is the price it traded at.
    (["Date", "NAV", "Market Price", "Premium/Discount"], [D, F, F, F], ["date", None, "close", None]),
    (["Date", "NAV"], [D, F], ["date", "close"]),
    # LBMA's gold fixing: the afternoon fix in dollars is the day's price (it had been refused for
    # no close), and it is the close beside a column of someone's own ("value": a day-lagged copy of
    # it, which had loaded as the close). The morning fix is no open; bare currencies stay unread.
    (["Date", "USD (PM)"], [D, F], ["date", "close"]),
    (["Date", "USD (AM)", "USD (PM)", "GBP (AM)", "GBP (PM)", "EURO (AM)", "EURO (PM)"], [D, F, F, F, F, F, F],
     ["date", None, "close", None, None, None, None]),
    (["Date", "USD (PM)", "value", "ma5"], [D, F, F, F], ["date", "close", None, None]),
    (["Date", "USD (AM)"], [D, F], ["date", None]),
    (["Date", "USD", "EUR"], [D, F, F], ["date", None, None]),
    # An exchange rate's name is weaker than a price's: a trade log's FX rate left of its price.
    (["Date", "FX Rate", "Price"], [D, F, F], ["date", None, "close"]),
    (["Tarih", "Kur", "Fiyat"], [D, F, F], ["date", None, "close"]),
    # "Rate" is as strong as "Price" but yields to it (a coupon's or an exchange rate beside the price had
    # loaded as the close); beside "Value", as generic, the leftmost still wins.
    (["Date", "Rate", "Price"], [D, F, F], ["date", None, "close"]),
    (["Date", "Currency", "Rate", "Value"], [D, S, F, F], ["date", None, "close", None]),
    (["Date", "Value", "Rate"], [D, F, F], ["date", "close", None]),
    # baostock's adjustflag (1-3) had loaded as the adjusted close.
    (["date", "code", "close", "adjustflag", "tradestatus"], [D, S, F, N, N], ["date", "ticker", "close", None, None]),
    # tushare's ts_code (its file of every stock loaded nothing: "unnamed series").
    (["ts_code", "trade_date", "close", "vol"], [S, D, F, F], ["ticker", "date", "close", "volume"]),
    # Futures' traded contracts (Eurex) and kabutan's 売買高(株): the volume had been 0.
    (["Date", "Closing price", "Daily settlem. price", "Traded contracts", "Open interest (adj.)"], [D, F, F, N, N],
     ["date", "close", None, "volume", None]),
    (["日付", "終値", "売買高(株)"], [D, F, N], ["date", "close", "volume"]),
    # NSE's F&O bhavcopy: INSTRUMENT is the kind of contract (FUTIDX), the SYMBOL the ticker.
    (["INSTRUMENT", "SYMBOL", "EXPIRY_DT", "CLOSE", "TIMESTAMP"], [S, S, D, F, D],
     [None, "ticker", None, "close", "date"]),
    (["Date", "Instrument", "Close"], [D, S, F], ["date", "ticker", "close"]),
])
def test_last_trades_navs_flags_and_kinds_of_contract_yield(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # Sofia, Kyiv, Belgrade in Cyrillic: their files loaded nothing ("no close column").
    (["Дата", "Код", "Емитент", "Отваряне", "Най-висока", "Най-ниска", "Затваряне", "Обем", "Оборот"],
     [D, S, S, F, F, F, F, N, F], ["date", "ticker", None, "open", "high", "low", "close", "volume", None]),
    (["Дата", "Тікер", "Відкриття", "Максимум", "Мінімум", "Закриття", "Обсяг"], [D, S, F, F, F, F, N],
     ["date", "ticker", "open", "high", "low", "close", "volume"]),
    (["Датум", "Симбол", "Цена отварања", "Највиша цена", "Најнижа цена", "Последња цена", "Количина", "Промет"],
     [D, S, F, F, F, F, N, F], ["date", "ticker", "open", "high", "low", "close", "volume", None]),
    # Budapest: "Forgalom (HUF)" is money beside the pieces traded.
    (["Értékpapír neve", "Dátum", "Nyitóár", "Napi legmagasabb ár", "Napi legalacsonyabb ár", "Utolsó ár",
      "Forgalom (db)", "Forgalom (HUF)", "Kötésszám"], [S, D, N, N, N, N, N, N, N],
     ["ticker", "date", "open", "high", "low", "close", "volume", None, None]),
    (["Dátum", "Záróár", "Utolsó ár"], [D, N, N], ["date", "close", None]),
    # Zagreb, Ljubljana, Belgrade: "Promet" is the turnover in money, never the volume.
    (["Datum", "Oznaka", "Izdavatelj", "Prva cijena", "Najviša cijena", "Najniža cijena", "Zadnja cijena",
      "Količina", "Promet"], [D, S, S, F, F, F, F, N, F],
     ["date", "ticker", None, "open", "high", "low", "close", "volume", None]),
    (["Datum", "Oznaka", "Otvoritveni tečaj", "Najvišji tečaj", "Najnižji tečaj", "Zaključni tečaj",
      "Sprememba (%)", "Količina", "Promet (EUR)"], [D, S, F, F, F, F, F, N, F],
     ["date", "ticker", "open", "high", "low", "close", None, "volume", None]),
    (["Datum", "Simbol", "Cena otvaranja", "Najviša cena", "Najniža cena", "Poslednja cena", "Promena (%)",
      "Količina", "Promet (RSD)"], [D, S, F, F, F, F, F, N, F],
     ["date", "ticker", "open", "high", "low", "close", None, "volume", None]),
    # Prague, Bratislava and Czech brokers: a change is no price, a volume in money no volume.
    (["Název", "ISIN", "Datum", "Závěrečný kurz", "Změna (%)", "Objem obchodů (ks)", "Objem obchodů (Kč)"],
     [S, S, D, F, F, N, N], [None, "ticker", "date", "close", None, "volume", None]),
    (["Datum", "Otevírací", "Nejvyšší", "Nejnižší", "Zavírací", "Objem"], [D, F, F, F, F, N],
     ["date", "open", "high", "low", "close", "volume"]),
    (["Dátum", "Symbol", "Otvárací kurz", "Najvyšší kurz", "Najnižší kurz", "Záverečný kurz", "Objem (EUR)",
      "Objem (ks)"], [D, S, F, F, F, F, F, N], ["date", "ticker", "open", "high", "low", "close", None, "volume"]),
    (["Datum", "Poslední cena", "Objem (Kč)", "Objem"], [D, F, N, N], ["date", "close", None, "volume"]),
    # The adjective alone, as a broker's chart writes it beside "Otevírací": the file had loaded nothing.
    (["Datum", "Otevírací", "Nejvyšší", "Nejnižší", "Závěrečná", "Objem"], [D, F, F, F, F, N],
     ["date", "open", "high", "low", "close", "volume"]),
    (["Dátum", "Záverečný", "Objem"], [D, F, N], ["date", "close", "volume"]),
    (["Dátum", "Nyitó", "Záró"], [D, F, F], ["date", "open", "close"]),
    # Warsaw's archive: "Zmiana" is the change, "Obrót" the money traded.
    (["Nazwa", "Data", "Kurs otwarcia", "Kurs max", "Kurs min", "Kurs zamknięcia", "Zmiana", "Wolumen",
      "Liczba Transakcji", "Obrót"], [S, D, F, F, F, F, F, N, N, F],
     ["ticker", "date", "open", "high", "low", "close", None, "volume", None, None]),
    # Bucharest, with and without its diacritics; "Valoare" is money.
    (["Simbol", "Data", "Pret deschidere", "Pret maxim", "Pret minim", "Pret inchidere", "Volum", "Valoare"],
     [S, D, F, F, F, F, N, F], ["ticker", "date", "open", "high", "low", "close", "volume", None]),
    (["Data", "Preț deschidere", "Preț maxim", "Preț minim", "Preț închidere", "Preț mediu"], [D, F, F, F, F, F],
     ["date", "open", "high", "low", "close", None]),
    # Tallinn, Riga, Vilnius: the closing price wins over the last one; "Käive" and kin are money.
    (["Kuupäev", "Avamishind", "Kõrgeim hind", "Madalaim hind", "Viimane hind", "Keskmine hind", "Kogus", "Käive"],
     [D, F, F, F, F, F, N, F], ["date", "open", "high", "low", "close", None, "volume", None]),
    (["Datums", "Atvēršanas cena", "Augstākā cena", "Zemākā cena", "Pēdējā cena", "Apjoms", "Apgrozījums"],
     [D, F, F, F, F, N, F], ["date", "open", "high", "low", "close", "volume", None]),
    (["Data", "Atidarymo kaina", "Aukščiausia kaina", "Žemiausia kaina", "Paskutinė kaina", "Uždarymo kaina",
      "Kiekis", "Apyvarta"], [D, F, F, F, F, F, N, F], ["date", "open", "high", "low", None, "close", "volume", None]),
    # Athens.
    (["Ημερομηνία", "Σύμβολο", "Κλείσιμο", "Άνοιγμα", "Υψηλό", "Χαμηλό", "Όγκος", "Τζίρος", "Μεταβολή (%)"],
     [D, S, F, F, F, F, N, F, F], ["date", "ticker", "close", "open", "high", "low", "volume", None, None]),
    # Istanbul's data store counts the shares traded ("MİKTARI"), and its "HACMİ" is lira; İş
    # Yatırım's "Hacim (mn TL)" too: their money had been loaded as the volume.
    (["İŞLEM TARİHİ", "İŞLEM KODU", "AÇILIŞ FİYATI", "EN DÜŞÜK FİYAT", "EN YÜKSEK FİYAT", "KAPANIŞ FİYATI",
      "TOPLAM İŞLEM MİKTARI", "TOPLAM İŞLEM HACMİ"], [D, S, F, F, F, F, N, F],
     ["date", "ticker", "open", "low", "high", "close", "volume", None]),
    (["Kod", "Tarih", "Kapanış(TL)", "Min(TL)", "Max(TL)", "AOF(TL)", "Hacim(mn TL)"], [S, D, F, F, F, F, F],
     ["ticker", "date", "close", "low", "high", None, None]),
    # A volume in a currency is the money traded, in any language: the count beside it is the volume.
    (["Date", "Close", "Volume (USD)", "Volume"], [D, F, F, N], ["date", "close", None, "volume"]),
])
def test_central_eastern_european_balkan_baltic_greek_and_turkish_names_map(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # A qualifier in brackets is no unit in these languages either: the previous price had been
    # loaded as the close, ahead of the price beside it, and a count of trades as the volume.
    (["Datum", "Kurz (předchozí)", "Kurz", "Objem"], [D, F, F, N], ["date", None, "close", "volume"]),
    (["Data", "Kurs (poprzedni)", "Kurs", "Wolumen"], [D, F, F, N], ["date", None, "close", "volume"]),
    (["Datum", "Cena (prethodna)", "Poslednja cena", "Količina"], [D, F, F, N], ["date", None, "close", "volume"]),
    (["Дата", "Ціна (попередня)", "Ціна", "Обсяг"], [D, F, F, N], ["date", None, "close", "volume"]),
    (["Ημερομηνία", "Κλείσιμο (προηγ.)", "Τιμή", "Όγκος"], [D, F, F, N], ["date", None, "close", "volume"]),
    (["Tarih", "Fiyat (önceki)", "Son Fiyat", "Miktar"], [D, F, F, N], ["date", None, "close", "volume"]),
    (["Дата", "Закриття", "Кількість (угод)", "Кількість"], [D, F, N, N], ["date", "close", None, "volume"]),
    # Money, wherever its currency stands: a sign outside brackets ("Volume €", which _norm reads as
    # "volume"), a stablecoin ("Volume (USDT)" left of the coins traded), "Kč" read in cp1252.
    (["Date", "Close", "Volume €"], [D, F, F], ["date", "close", None]),
    (["Date", "Close", "Volume in $", "Volume"], [D, F, F, N], ["date", "close", None, "volume"]),
    (["Date", "Close", "Volume (USDT)", "Volume (BTC)"], [D, F, F, F], ["date", "close", None, "volume"]),
    (["Datum", "Kurz", "Objem (Kè)", "Objem"], [D, F, F, N], ["date", "close", None, "volume"]),
    # ... but a price in a currency is still that price.
    (["Date", "Closing px (USD)", "Volume"], [D, F, N], ["date", "close", "volume"]),
])
def test_qualifiers_and_money_in_any_language_name_no_price_or_volume(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


@pytest.mark.parametrize(("header", "row", "expected"), [
    # Warsaw's archive: "Nazwa" holds the short name an instrument trades under, its ticker.
    (["Data", "Nazwa", "ISIN", "Kurs"], ["2024-01-02", "PKOBP", "PLPKO0000016", "40.1"],
     ["date", "ticker", None, "close"]),
    # A fund's or company's full name under "Nazwa" is a name: the ISIN, or the code, identifies it.
    (["Data", "Nazwa", "ISIN", "Kurs"], ["2024-01-02", "Investor Akcji Plus FIO", "PLINVFI00011", "40.1"],
     ["date", None, "ticker", "close"]),
    (["Data", "Kod", "Nazwa", "Kurs"], ["2024-01-02", "1234", "PKO BANK POLSKI", "40.1"],
     ["date", "ticker", None, "close"]),
])
def test_nazwa_is_the_ticker_only_when_it_holds_short_names(header, row, expected):
    kinds = [D, N if row[1].isdigit() else S, S, F]
    assert map_canonical([[h] for h in header], kinds, [row] * 3) == expected


def test_refinitiv_field_codes_map():
    # Refinitiv Workspace's =RDP.HistoricalPricing heads its columns with field codes: the last trade,
    # TRDPRC_1, named nothing, and the file loaded nothing ("no close column").
    header = ["Timestamp", "BID", "ASK", "TRDPRC_1", "HIGH_1", "LOW_1", "OPEN_PRC", "ACVOL_UNS"]
    kinds = [D, F, F, F, F, F, F, N]
    assert map_canonical([[h] for h in header], kinds, []) == [
        "date", None, None, "close", "high", "low", "open", "volume"]


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # Mexico (BMV), Santiago and Bogotá (BVC) name each price "Precio ...": their files loaded
    # nothing ("no close column"), and their tickers ("Emisora", "Nemo") were no ticker. BVC's
    # "Volumen" is pesos traded beside "Cantidad", the shares.
    (["Fecha", "Emisora", "Precio Apertura", "Precio Máximo", "Precio Mínimo", "Precio Cierre", "PPP", "Volumen"],
     [D, S, F, F, F, F, F, N], ["date", "ticker", "open", "high", "low", "close", None, "volume"]),
    (["Fecha", "Nemo", "Precio Apertura", "Precio Máximo", "Precio Mínimo", "Precio Cierre", "Unidades", "Monto ($)"],
     [D, S, F, F, F, F, N, F], ["date", "ticker", "open", "high", "low", "close", "volume", None]),
    (["Fecha", "Cantidad", "Volumen", "Precio Cierre", "Precio Mayor", "Precio Menor", "Precio Medio"],
     [D, N, N, F, F, F, F], ["date", "volume", None, "close", "high", "low", None]),
    # Lima (BVL): the shares traded had been left out (volume 0).
    (["Fecha", "Apertura", "Cierre", "Máxima", "Mínima", "Cantidad Negociada", "Monto Negociado (US$)"],
     [D, F, F, F, F, N, F], ["date", "open", "close", "high", "low", "volume", None]),
    # Dhaka's day-end archive: the last trade (LTP*) stands before the official close (CLOSEP*), and
    # "VALUE (mn)", taka traded in millions, had been taken for the close.
    (["DATE", "TRADING CODE", "LTP*", "HIGH", "LOW", "OPENP*", "CLOSEP*", "YCP", "TRADE", "VALUE (mn)", "VOLUME"],
     [D, S, F, F, F, F, F, F, N, F, N],
     ["date", "ticker", None, "high", "low", "open", "close", None, None, None, "volume"]),
    # Nairobi: "Day Price" is the close; the 12-month low and high are not the day's.
    (["DATE", "CODE", "12m Low", "12m High", "Day Low", "Day High", "Day Price", "Previous", "Volume"],
     [D, S, F, F, F, F, F, F, N], ["date", "ticker", None, None, "low", "high", "close", None, "volume"]),
    # Shenzhen: 今收 (today's close) beside 前收 (the previous close); kabu+: 株価 before 始値, and
    # its code SC, not 名称 (the company's name, under which its rows had loaded), the ticker.
    (["交易日期", "证券代码", "前收", "开盘", "最高", "最低", "今收"], [D, S, F, F, F, F, F],
     ["date", "ticker", None, "open", "high", "low", "close"]),
    (["SC", "名称", "日時", "株価", "前日終値", "始値", "高値", "安値", "出来高"], [N, S, D, F, F, F, F, F, N],
     ["ticker", None, "date", "close", None, "open", "high", "low", "volume"]),
    # Egypt in Arabic: the open and the quantity, with their article, had been left out.
    (["التاريخ", "الرمز", "الافتتاح", "الأعلى", "الأدنى", "الإغلاق", "الكمية", "القيمة"], [D, S, F, F, F, F, N, F],
     ["date", "ticker", "open", "high", "low", "close", "volume", None]),
])
def test_latin_american_south_asian_african_and_east_asian_names_map(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


def test_headerless_columns_far_below_the_others_are_no_low():
    # SGX's SESprice.dat: "date;name;;SGD;high;low;last;change;volume;bid;offer;...;open;...". The
    # change (cents, negative on a falling day) was taken for the low: rows of a rising day loaded
    # with a low of 0.077 under a close of 13.08, the others were rejected. Four columns whose
    # smallest is no price of the same instrument are no bar: nothing maps, and the file says so.
    body = [["2024-01-02", "DBS", "SGD", "33.600", "33.380", "33.450", "-0.150", "3295", "33.440", "33.450"],
            ["2024-01-02", "OCBC", "SGD", "13.090", "12.950", "13.077", "+0.077", "6504", "13.070", "13.080"],
            ["2024-01-02", "UOB", "SGD", "30.950", "30.700", "30.880", "+0.080", "2011", "30.870", "30.880"]]
    mapping = map_canonical([[]] * 10, [D, S, S, F, F, F, F, N, F, F], body)
    assert not {"open", "high", "low", "close"} & set(mapping)


@pytest.mark.parametrize("body", [
    # The Banco Central do Brasil's closing file of a day (www4.bcb.gov.br/Download/fechamento):
    # code, type, currency, then the buy and sell rates in reais and the buy and sell parities to
    # the dollar. It had loaded the rate bought as the open, the parity sold as the close.
    [["15/05/2026", "220", "A", "USD", "5,06480000", "5,06540000", "1,00000000", "1,00000000"],
     ["15/05/2026", "540", "B", "GBP", "6,75190000", "6,75320000", "1,33310000", "1,33320000"],
     ["15/05/2026", "978", "B", "EUR", "5,88830000", "5,89000000", "1,16260000", "1,16280000"]],
    # The same kept for the euro alone, day by day (its "B", the currency's type, had been the ticker).
    [["14/05/2026", "978", "B", "EUR", "5,88110000", "5,88280000", "1,16180000", "1,16200000"],
     ["15/05/2026", "978", "B", "EUR", "5,88830000", "5,89000000", "1,16260000", "1,16280000"]],
])
def test_headerless_two_pairs_of_rates_are_no_bar(body):
    mapping = map_canonical([[]] * 8, [D, N, S, S, F, F, F, F], body)
    assert not {"open", "high", "low", "close"} & set(mapping)


def test_a_bcb_closing_file_is_refused_not_loaded_as_bars():
    data = (b"15/05/2026;220;A;USD;5,06480000;5,06540000;1,00000000;1,00000000\r\n"
            b"15/05/2026;540;B;GBP;6,75190000;6,75320000;1,33310000;1,33320000\r\n"
            b"15/05/2026;978;B;EUR;5,88830000;5,89000000;1,16260000;1,16280000\r\n")
    result = normalise_bytes(data, detect_bytes(data, "20260515.csv"), "20260515.csv")
    assert len(result.prices) == 0 and result.file_problem


@pytest.mark.parametrize("body", [
    # WTI's front month, 2020-04-20: the low and the close under zero. The file had loaded every
    # day but that one; read as no bar for one negative low, it loaded nothing ("no close column").
    [["2020-04-17", "19.84", "20.36", "17.31", "18.27", "470478"],
     ["2020-04-20", "17.73", "17.85", "-40.32", "-37.63", "247947"],
     ["2020-04-21", "20.74", "21.29", "6.50", "10.01", "351258"]],
    # A cheap option's days: the low a third of the high on most of them, and the open and the
    # close each the lower of the two on some. Read as no bar, the file had loaded nothing.
    [["20240102", "0.12", "0.15", "0.05", "0.06", "1520"], ["20240103", "0.05", "0.09", "0.03", "0.08", "2210"],
     ["20240104", "0.08", "0.11", "0.04", "0.04", "980"], ["20240105", "0.04", "0.07", "0.02", "0.06", "3310"]],
    # The same with one open left blank: its None had stopped detection (a TypeError ordering it).
    [["20240102", "0.12", "0.15", "0.05", "0.06", "1520"], ["20240103", "", "0.09", "0.03", "0.08", "2210"],
     ["20240104", "0.08", "0.11", "0.04", "0.04", "980"], ["20240105", "0.04", "0.07", "0.02", "0.06", "3310"]],
])
def test_headerless_bars_far_below_their_highs_still_map(body):
    assert map_canonical([[]] * 6, [D, F, F, F, F, N], body) == ["date", "open", "high", "low", "close", "volume"]


@pytest.mark.parametrize("text, loaded", [
    # Borsa Istanbul's XU100 export: its open's column left empty before high, low and close. It had
    # "no close column" (real files round 49, tuannasuhra/ec581).
    ("19950321;;356.00;348.00;353.00;665845\n19950322;;361.00;353.00;360.00;821254\n"
     "19950323;;367.00;356.00;359.00;766160\n", [[356.0, 348.0, 353.0, 665845], [361.0, 353.0, 360.0, 821254],
                                                [367.0, 356.0, 359.0, 766160]]),
    # A penny stock's bars a cent wide or flat: each close at the high or low, as a rounded middle would be,
    # tells no middle. They had "no close column" (739557f).
    ("20240102;;0.46;0.45;0.45;86405\n20240103;;0.46;0.46;0.46;64944\n20240104;;0.46;0.45;0.46;80618\n",
     [[0.46, 0.45, 0.45, 86405], [0.46, 0.46, 0.46, 64944], [0.46, 0.45, 0.46, 80618]]),
    # Sell, buy and their middle rate, or buy, sell and middle: no bar, though one column is empty.
    ("20240102;;5.10;5.00;5.05\n20240103;;5.20;5.10;5.15\n20240104;;5.16;5.06;5.11\n", []),
    ("20240102;;5.00;5.10;5.05\n20240103;;5.10;5.20;5.15\n20240104;;5.06;5.16;5.11\n", []),
    # Ask, bid and their middle rounded to the places written (1.08525 as 1.0853): no bar either. It had
    # loaded as high, low and close (57cc0b6).
    ("20240102;;1.0854;1.0851;1.0853\n20240103;;1.0862;1.0857;1.0860\n20240104;;1.0871;1.0866;1.0869\n", []),
    # Three prices without the empty open: their order is no bar's by itself.
    ("19950321;356.00;348.00;353.00;665845\n19950322;361.00;353.00;360.00;821254\n"
     "19950323;367.00;356.00;359.00;766160\n", []),
])
def test_a_headerless_bar_with_its_open_left_empty_is_read_as_high_low_close(text, loaded):
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "XU100.csv"), "XU100.csv").prices
    assert prices[["high", "low", "close", "volume"]].values.tolist() == loaded if loaded else len(prices) == 0


_LONG_RATES = "2024-01-02,USD,1300.5\n2024-01-02,JPY,9.12\n2024-01-03,USD,1305.2\n2024-01-03,JPY,9.15\n"
_LONG_TENORS = "".join(f"2024-01-0{d},{t},3.{d}{k}\n" for d in (2, 3, 4) for k, t in enumerate(("1M", "3M")))


@pytest.mark.parametrize("text, tickers", [
    # A long table of exchange rates, its currency column named: each currency's rates its series.
    # Every row had been rejected as an unnamed series.
    ("날짜,통화,환율\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("Date,Currency,Rate\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("Date,Currency,FX Rate\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("date,monnaie,rates\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("Tarih,Döviz,Kur\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    # An index's level or a fund's price in each currency is no rate: its codes name no series.
    ("Date,Currency,Index Level\n" + _LONG_RATES, []),
    ("Date,Currency,Redemption Price\n" + _LONG_RATES, []),
    # A deposit rate in each currency goes below zero, as no exchange rate does: refused, no series.
    ("Date,Currency,Rate\n" + _LONG_RATES.replace("9.1", "-0.1"), []),
    # ... written in basis points, whole (since 0e66dfc its positive ones had loaded as closes, silent).
    ("Date,Currency,Rate\n2024-01-02,USD,525\n2024-01-02,CHF,-75\n2024-01-03,USD,525\n2024-01-03,CHF,-75\n"
     "2024-01-04,USD,500\n2024-01-04,CHF,-75\n", []),
    # A day without rates written "-", "--" or "-1" is no rate below zero: the rates still key their series.
    # Each had lost its tickers, every row rejected as an unnamed series (0e66dfc); "-2" beside rates with
    # decimals is such a code too (refused since bd1f2f2).
    *(("Date,Currency,Rate\n" + _LONG_RATES + f"2024-01-04,USD,{none}\n2024-01-04,JPY,{none}\n",
       ["USD", "JPY", "USD", "JPY"]) for none in ("-", "--", "-1", "-999", "-2")),
    # ... and beside whole rates far above it, of won and yen (refused whole since 2b8dc14).
    ("Date,Currency,Rate\n" + _LONG_RATES.replace(".5", "").replace(".2", "").replace("9.1", "14")
     + "2024-01-04,USD,-2\n2024-01-04,JPY,-2\n", ["USD", "JPY", "USD", "JPY"]),
    # Basis points below zero still: a series below zero throughout, one that passes near zero to go below.
    ("Date,Currency,Rate\n2024-01-02,USD,550\n2024-01-02,JPY,-10\n2024-01-03,USD,550\n2024-01-03,JPY,-10\n", []),
    ("Date,Currency,Rate\n" + "".join(f"2016-01-0{d},USD,50\n2016-01-0{d},SEK,{r}\n"
                                     for d, r in zip(range(4, 8), (25, 0, -10, -25))), []),
    # A day's sales in each currency, a trade's rate beside its amount: no rates' series.
    ("Date,Currency,Value\n" + _LONG_RATES, []),
    ("Date,Currency,Rate,Amount\n" + _LONG_RATES.replace("\n", ",100\n"), []),
    # One currency: the file's, its name the ticker.
    ("Date,Currency,Rate\n2024-01-02,USD,1300.5\n2024-01-03,USD,1305.2\n", ["FX", "FX"]),
    # Each currency's price in won, named by the won's code (real files round 49: "value_brl", "lkr_per_unit"),
    # its previous value and change beside: "no close column" and every row rejected.
    ("date,currency,value_krw,prev_value,pct_change_day\n" + _LONG_RATES.replace("\n", ",,\n"),
     ["USD", "JPY", "USD", "JPY"]),
    ("date,currency,krw_per_unit\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("data,moeda,valor_krw\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("date,currency,rate_to_krw\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("date,currency,value_in_krw\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    # the won in brackets after the name too ("no close column" before); not another currency there
    ("date,currency,krw_per_unit (KRW)\n" + _LONG_RATES, ["USD", "JPY", "USD", "JPY"]),
    ("date,currency,value_krw (USD)\n" + _LONG_RATES, []),
    # Not money in won of each currency: sales counting won among them, an account's, a trade's beside its
    # quantity, sums that jump from day to day.
    ("date,currency,value_krw\n" + _LONG_RATES.replace("JPY", "KRW"), []),
    ("date,account,currency,value_krw\n" + "".join(f"{r[:10]},A1{r[10:]}\n" for r in _LONG_RATES.split()), []),
    ("date,currency,krw_per_unit,quantity\n" + _LONG_RATES.replace("\n", ",10\n"), []),
    ("date,currency,value_usd\n2024-01-02,EUR,1200500\n2024-01-02,GBP,800200\n2024-01-03,EUR,1203100\n"
     "2024-01-03,GBP,801900\n", []),
    ("date,currency,value_krw\n2024-01-02,USD,501\n2024-01-02,EUR,1090\n2024-01-03,USD,251.5\n"
     "2024-01-03,EUR,54.7\n2024-01-04,USD,1200\n2024-01-04,EUR,70.2\n", []),
])
def test_a_currency_column_keying_the_dates_of_exchange_rates_is_the_ticker(text, tickers):
    data = text.encode()
    assert normalise_bytes(data, detect_bytes(data, "fx.csv"), "fx.csv").prices["ticker"].tolist() == tickers


@pytest.mark.parametrize("text, name, tickers", [
    # A long table of a rate's fixings by tenor: each tenor's its series, under the rate's name. Every row had
    # been rejected as an unnamed series ("Date,Tenor,Rate"), or the first tenor's loaded under the file's name
    # and the others' rejected as its conflicting duplicates ("Fecha,Plazo,Tasa"), or the file refused ("Rate
    # (%)").
    ("Date,Tenor,Rate\n" + _LONG_TENORS, "euribor.csv", ["EURIBOR 1M", "EURIBOR 3M"] * 3),
    ("Date,Maturity,Rate\n" + _LONG_TENORS, "euribor.csv", ["EURIBOR 1M", "EURIBOR 3M"] * 3),
    ("Fecha,Plazo,Tasa\n" + _LONG_TENORS, "euribor.csv", ["EURIBOR 1M", "EURIBOR 3M"] * 3),
    ("Date,Tenor,Rate (%)\n" + _LONG_TENORS, "euribor.csv", ["EURIBOR 1M", "EURIBOR 3M"] * 3),
    ("Date,Tenor,SOFR\n" + _LONG_TENORS, "rates.csv", ["SOFR 1M", "SOFR 3M"] * 3),
    # Not a loan book's amounts by term, nor rates that jump from day to day, nor a deposit rate below zero;
    # nor where no rate is named: a fund's returns or an option's volatility by term move as fixings do.
    ("Date,Term,Amount\n" + _LONG_TENORS.replace(",3.", ",3500."), "euribor.csv", []),
    ("Date,Tenor,Rate\n" + _LONG_TENORS.replace(",3.3", ",8.3"), "euribor.csv", []),
    ("Date,Tenor,Rate\n" + _LONG_TENORS.replace(",3.", ",-0."), "euribor.csv", []),
    ("Date,Term,Return\n" + _LONG_TENORS, "fund.csv", []),
    # Nor another instrument's rates on it: a swap curve had loaded as "EURIBOR 1M"... (silent).
    ("Date,Tenor,Rate\n" + _LONG_TENORS, "euribor_swap_rates.csv", []),
    ("Date,Tenor,Swap Rate\n" + _LONG_TENORS, "euribor.csv", []),
])
def test_a_tenor_column_keying_the_dates_of_a_rate_s_fixings_is_the_ticker(text, name, tickers):
    data = text.encode()
    loaded = normalise_bytes(data, detect_bytes(data, name), name).prices["ticker"].tolist()
    assert loaded == tickers if tickers else not {t for t in loaded if t.endswith(("1M", "3M"))}  # no tenor's


@pytest.mark.parametrize("text, closes", [
    # The BNR's rate, "Curs": four decimals moving by thousandths.
    ("Data,Curs\n2024-01-03,4.9714\n2024-01-04,4.9720\n2024-01-05,4.9735\n", [4.9714, 4.972, 4.9735]),
    # ... and a holiday written 0 among them: rejected alone, not the rate's column with it.
    ("Data,Curs\n2024-01-03,4.9714\n2024-01-04,4.9720\n2024-01-05,0\n2024-01-08,4.9735\n",
     [4.9714, 4.972, 4.9735]),
    # A student's grades or hours on a course, "Curs" beside the seminar's and the lab's: no rate.
    ("Data,Student,Curs,Seminar,Laborator\n2024-01-02,Ion,9.50,8.00,10\n2024-01-03,Ion,8.75,9.50,9\n"
     "2024-01-04,Ion,7.25,7.50,8\n", []),
    ("Data,Curs,Nota\n2024-01-02,1.5,9.50\n2024-01-03,2.5,8.75\n2024-01-04,1.5,7.25\n", []),
    ("Data,Curs\n2024-01-02,9.33\n2024-01-03,6.67\n2024-01-04,8.33\n2024-01-05,5.67\n", []),
])
def test_curs_is_a_rate_only_over_a_rates_fractions(text, closes):
    data = text.encode()
    assert normalise_bytes(data, detect_bytes(data, "ro.csv"), "ro.csv").prices["close"].tolist() == closes


@pytest.mark.parametrize("name", ["Umsatz in Tsd.", "Objem obchodů, tis. ks", "Объем, тыс. шт.", "成交仟股"])
def test_a_volume_named_with_its_scale_after_a_comma_or_in_is_the_volume(name):
    assert map_canonical([["Date"], ["Close"], [name]], [D, F, F], [["2024-01-02", "1.5", "12.5"]]) \
        == ["date", "close", "volume"]


@pytest.mark.parametrize("name", ["Umsatz in Tsd. EUR", "Objem obchodů, mil. Kč", "Объем, млн руб."])
def test_money_with_its_scale_is_no_volume(name):
    assert map_canonical([["Date"], ["Close"], [name]], [D, F, F], [["2024-01-02", "1.5", "12.5"]]) \
        == ["date", "close", None]


def test_a_header_cell_says_its_column_in_any_of_its_spellings():
    assert [header_says(n) for n in ("Vol.", "Volumen", "volume")] == ["volume"] * 3
    assert [header_says(n) for n in ("Price", "Schluss", "Close")] == ["close"] * 3
    assert header_says("Datum") == "date" and header_says("Time") == "time_of_day"
    assert header_says("Notes") is None and header_says("Name") is None  # a company's name: weak


@pytest.mark.parametrize(("header", "rows"), [
    # JPX's stock_prices.csv: a row id, then the numbered code under "SecuritiesCode".
    ("RowId,Date,SecuritiesCode,Open,High,Low,Close,Volume,AdjustmentFactor,ExpectedDividend,SupervisionFlag",
     ["20211206_1301,2021-12-06,1301,2982.0,2982.0,2965.0,2971.0,8900,1.0,,False",
      "20211206_1332,2021-12-06,1332,592.0,599.0,588.0,589.0,1360800,1.0,,False",
      "20211207_1301,2021-12-07,1301,2998.0,3065.0,2990.0,3065.0,19100,1.0,,False",
      "20211207_1332,2021-12-07,1332,598.0,608.0,596.0,601.0,1141400,1.0,,False"]),
    # FinMind's TaiwanStockPrice: "stock_id", "max"/"min", and "spread" (the change, not a price).
    ("date,stock_id,Trading_Volume,Trading_money,open,max,min,close,spread,Trading_turnover",
     ["2023-01-03,1301,17025047,7638405402,2982.0,2982.0,2965.0,2971.0,4.5,19207",
      "2023-01-03,1332,14570140,1440017360,592.0,599.0,588.0,589.0,0.2,9612",
      "2023-01-04,1301,26022788,11705932232,2998.0,3065.0,2990.0,3065.0,-3.5,29011",
      "2023-01-04,1332,16012230,1591121431,598.0,608.0,596.0,601.0,0.6,10010"]),
])
def test_english_names_of_numbered_codes_name_the_ticker(header, rows):
    # Both loaded nothing: "no column names their ticker", each date holding several codes' rows.
    data = ("\n".join([header, *rows]) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    prices = result.prices.sort_values(["ticker", "date"])
    assert result.rejected.empty
    assert prices["ticker"].tolist() == ["1301", "1301", "1332", "1332"]
    assert prices["close"].tolist() == [2971.0, 3065.0, 589.0, 601.0]
    assert prices["high"].tolist() == [2982.0, 3065.0, 599.0, 608.0]


@pytest.mark.parametrize(("header", "rows", "ticker"), [
    # A count of shares held under "Stock Number" beside the company's name.
    ("Date,Company,Stock Number,Close", ["2024-01-02,Acme Corp,1500,20.1", "2024-01-03,Acme Corp,1510,20.2",
                                         "2024-01-04,Acme Corp,1520,20.3"], "ACME CORP"),
    # A row's number under "Stock No" before the ticker under "Name".
    ("Stock No,Date,Name,Close,Volume", ["1,2024-01-02,ACME,20.1,1000", "2,2024-01-03,ACME,20.2,1001",
                                         "3,2024-01-04,ACME,20.3,1002"], "ACME"),
])
def test_numbers_under_stock_no_or_number_do_not_outrank_a_named_ticker(header, rows, ticker):
    # Taken as the ticker, each row loaded as a ticker of its own ("1500", "1510", ...).
    data = ("\n".join([header, *rows]) + "\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv").prices
    assert prices["ticker"].tolist() == [ticker] * 3 and prices["close"].tolist() == [20.1, 20.2, 20.3]


def test_a_mid_rate_is_the_close_of_a_daily_rate():
    # A central bank's rate beside the month's inflation and policy rate: "no close column" before.
    data = b"Date,Mid_Rate,Inflation,Interest Rates\n8-Apr-24,13.5616,1,32.52\n9-Apr-24,13.5348,1,32.52\n" \
           b"2-Sept-24,13.8603,5.8,32.76\n"
    prices = normalise_bytes(data, detect_bytes(data, "zwg.csv"), "zwg.csv").prices
    assert prices["close"].tolist() == [13.5616, 13.5348, 13.8603]
    assert [str(d)[:10] for d in prices["date"]] == ["2024-04-08", "2024-04-09", "2024-09-02"]
    # Beside a buying and a selling rate, the middle one.
    data = b"Date,Buy Rate,Sell Rate,Middle Rate\n2024-01-02,13.4,13.6,13.5\n2024-01-03,13.5,13.7,13.6\n"
    assert normalise_bytes(data, detect_bytes(data, "r.csv"), "r.csv").prices["close"].tolist() == [13.5, 13.6]


@pytest.mark.parametrize(("header", "rows", "closes"), [
    # Generic as "Rate": a price's name beside it wins.
    ("Date,Mid_Rate,Price", ["2024-01-02,1.5,100.5", "2024-01-03,1.6,101.0"], [100.5, 101.0]),
    # An interest rate and inflation alone name no close.
    ("Date,Inflation,Interest Rates", ["2024-01-02,1.5,32.5", "2024-01-03,1.6,32.6"], []),
])
def test_a_mid_rate_yields_and_an_interest_rate_is_none(header, rows, closes):
    data = ("\n".join([header, *rows]) + "\n").encode()
    assert normalise_bytes(data, detect_bytes(data, "p.csv"), "p.csv").prices["close"].tolist() == closes


def test_a_database_s_stock_id_beside_its_row_id_is_no_ticker():
    # A web app's table dumped as it is ("id,date,price,stock_id"): the stock's key in the app's own
    # table of stocks, beside the row's key, loaded every month-end price under the ticker "2".
    data = b"id,date,price,stock_id\n1,29/01/1971,1.64,2\n2,26/02/1971,1.60,2\n3,31/03/1971,1.67,2\n"
    prices = normalise_bytes(data, detect_bytes(data, "silver.csv"), "silver.csv").prices
    assert prices["ticker"].tolist() == ["SILVER"] * 3
    assert prices["close"].tolist() == [1.64, 1.60, 1.67]
    # Two stocks' keys stay apart, each a series of its own: as one, the file's name would hold both.
    data = b"id,date,price,stock_id\n1,2024-01-02,10.5,1\n2,2024-01-02,20.5,2\n3,2024-01-03,10.6,1\n"
    prices = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv").prices
    assert sorted(zip(prices["ticker"], prices["close"])) == [("1", 10.5), ("1", 10.6), ("2", 20.5)]


@pytest.mark.parametrize(("name", "ticker"), [("aapl.us.txt", "AAPL"), ("bp.uk.txt", "BP.UK"),
                                              ("7203.jp.txt", "7203.JP")])
def test_a_stock_id_in_a_stooq_file_named_after_another_symbol_is_a_database_s_key(name, ticker):
    # stooq's files loaded into a database and dumped again ("aapl.us.txt" of Date,...,Volume,stock_id):
    # the database's key for the stock (1280), not the exchange's code, had named every row "1280".
    data = (b"Date,Open,High,Low,Close,Volume,stock_id\n1984-09-07,0.42388,0.42902,0.41874,0.42388,23220030,1280\n"
            b"1984-09-10,0.42388,0.42516,0.41366,0.42134,18022532,1280\n")
    prices = normalise_bytes(data, detect_bytes(data, name), name).prices
    assert prices["ticker"].tolist() == [ticker] * 2 and prices["close"].tolist() == [0.42388, 0.42134]


@pytest.mark.parametrize("name", ["2330.TW.csv", "tsmc.csv", "prices.csv", "2330.csv", "prices.old.csv",
                                  "tsmc.tw.csv", "2330.tw.txt", "tsmc.tw.txt", "data.us.txt", "prices.tw.txt"])
def test_a_stock_id_beside_another_name_stays_the_ticker(name):
    # FinMind's "date,stock_id,close" of 2330 under a name of its own, or a stooq file's named after it; or
    # named as stooq names its files, no stooq bars under it ("data.us.txt" had loaded as DATA).
    data = b"date,stock_id,close\n2024-01-02,2330,593.0\n2024-01-03,2330,578.0\n"
    assert normalise_bytes(data, detect_bytes(data, name), name).prices["ticker"].tolist() == ["2330"] * 2


@pytest.mark.parametrize(("header", "rows", "ticker"), [
    # No row key beside it: FinMind's stock_id is the exchange's code.
    ("date,stock_id,close", ["2024-01-02,2330,593.0", "2024-01-03,2330,578.0"], "2330"),
    # A row key beside a code named as one ("stock_code"), not as a key.
    ("id,date,stock_code,close", ["1,2024-01-02,600519,593.0", "2,2024-01-03,600519,578.0"], "600519"),
    # A row's number under another name than "id".
    ("row,date,close,stock_id", ["1,2024-01-02,593.0,2330", "2,2024-01-03,578.0,2330"], "2330"),
    # An exchange's code of four digits or more beside a row key is the stock's code, not an app's key.
    ("id,date,stock_id,close", ["1,2024-01-02,2330,593.0", "2,2024-01-03,2330,578.0"], "2330"),
    ("id,trade_date,security_id,close", ["1,2024-01-02,600519,593.0", "2,2024-01-03,600519,578.0"], "600519"),
    ("ID,Date,Close,Instrument ID", ["1,2024-01-04,593.0,7203", "2,2024-01-05,578.0,7203"], "7203"),
])
def test_numbered_codes_without_a_row_key_stay_tickers(header, rows, ticker):
    data = ("\n".join([header, *rows]) + "\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv").prices
    assert prices["ticker"].tolist() == [ticker] * 2 and prices["close"].tolist() == [593.0, 578.0]


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # A quote currency's code after the volume's name is the money it is counted in: the dollars
    # traded had loaded as the share volume.
    (["Date", "Close", "Volume USD"], [D, F, N], ["date", "close", None]),
    (["date", "close", "volume_usd"], [D, F, N], ["date", "close", None]),
    (["Date", "Close", "Vol EUR"], [D, F, N], ["date", "close", None]),
    (["Date", "Close", "Volume USDT"], [D, F, F], ["date", "close", None]),
    # CryptoDataDownload's pair: the coins traded are the volume, the stablecoins the turnover,
    # whichever comes first (USDT's had been taken for the volume when first).
    (["date", "close", "Volume USDT", "Volume BTC"], [D, F, F, F], ["date", "close", None, "volume"]),
    (["date", "close", "Volume BTC", "Volume USDT"], [D, F, F, F], ["date", "close", "volume", None]),
    (["Date", "Close", "Volume ETH"], [D, F, F], ["date", "close", "volume"]),
    # CryptoDataDownload's Coinbase "volume_btc,volume": the plain one is the dollars traded (whose
    # dollars had loaded as the volume); right of a plain one, which counts coins is unsaid: as before.
    (["date", "close", "volume_btc", "volume"], [D, F, F, F], ["date", "close", "volume", None]),
    (["date", "close", "volume", "volume_btc"], [D, F, F, F], ["date", "close", "volume", None]),
    # A ticker's code, before the name or after it, is no currency.
    (["Date", "AMD Close", "AMD Volume"], [D, F, N], ["date", "close", "volume"]),
    (["Date", "Close AMD", "Volume AMD"], [D, F, N], ["date", "close", "volume"]),
])
def test_a_volume_named_with_a_quote_currency_after_it_is_turnover(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


@pytest.mark.parametrize(("header", "rows", "volume"), [
    # CoinGecko's export and CoinMarketCap's history count the volume in the quote currency's money:
    # as coins, a day would have traded more than every coin there is; as money, a sliver of it.
    ("snapped_at,price,market_cap,total_volume",
     ["2013-12-27 00:00:00 UTC,734.27,8944473292.0,62881800.0",
      "2013-12-28 00:00:00 UTC,738.81,9005215447.0,24717100.0",
      "2013-12-29 00:00:00 UTC,745.05,9082347911.0,21903500.0",
      "2013-12-30 00:00:00 UTC,760.52,9270681761.0,16837800.0"],
     None),
    ("SNo,Name,Symbol,Date,High,Low,Open,Close,Volume,Marketcap",
     ["249,Bitcoin,BTC,2014-01-03,834.15,789.12,802.85,818.72,37810100,9980135396",
      "250,Bitcoin,BTC,2014-01-04,859.51,801.53,823.27,859.51,38005000,10479118742",
      "251,Bitcoin,BTC,2014-01-05,952.40,854.52,858.55,933.53,72898500,11382898940"], None),
    # A coin under a dollar: its dollars read as coins are worth less than themselves, so the test above
    # never passed, and DOGE's dollars traded (286 million) had loaded as its coins traded.
    ("snapped_at,price,market_cap,total_volume",
     ["2021-01-01 00:00:00 UTC,0.004681,597982138.1,134289587.3",
      "2021-01-02 00:00:00 UTC,0.005685,726497911.6,287341021.8",
      "2021-01-03 00:00:00 UTC,0.009919,1267946562.0,601358427.0",
      "2021-01-04 00:00:00 UTC,0.010271,1312942417.0,433926574.0"],
     None),
    ("SNo,Name,Symbol,Date,High,Low,Open,Close,Volume,Marketcap",
     ["2557,Dogecoin,DOGE,2021-01-01,0.005685,0.004615,0.004681,0.005685,228961515,727352714",
      "2558,Dogecoin,DOGE,2021-01-02,0.013334,0.005584,0.005686,0.010615,1021562680,1358316993",
      "2559,Dogecoin,DOGE,2021-01-03,0.013492,0.009366,0.010602,0.009771,907003608,1250586771"], None),
    # At 3.72 a day's dollars, 8% of the cap, read as coins are worth 29% of it: as likely coins.
    ("snapped_at,price,market_cap,total_volume",
     ["2019-07-05 00:00:00 UTC,3.72,3011057.31,234258.35", "2019-07-06 00:00:00 UTC,3.65,2954400.12,198764.20",
      "2019-07-07 00:00:00 UTC,3.81,3083500.77,301022.93", "2019-07-08 00:00:00 UTC,3.77,3051110.05,254310.48"],
     None),
    # A volume named by its coin is the coins, beside a market cap too.
    ("Date,Close,Volume BTC,Market Cap",
     ["2021-01-01,29374.15,45320.51,546000000000", "2021-01-02,32127.27,67865.42,597000000000",
      "2021-01-03,32782.02,78665.24,609000000000"], 45320.51),
    # Coins counted above the cap's dollars are coins: SHIB's trillions of a day stay the volume.
    ("Date,Close,Volume,Market Cap",
     ["2021-05-14,0.0000182,1850000000000000,7100000000", "2021-05-15,0.0000167,1320000000000000,6500000000",
      "2021-05-16,0.0000151,1100000000000000,5900000000"], 1850000000000000.0),
    # A market's shares: a day's trades are a sliver of its worth, and the shares traded stay the volume.
    ("Date,Close,Volume,Market Cap",
     ["2024-01-02,185.64,82488700,2870000000000", "2024-01-03,184.25,58414500,2850000000000",
      "2024-01-04,181.91,71983600,2810000000000"], 82488700.0),
    # A market cap in thousands (CRSP's: shares outstanding in thousands times the price) passes both
    # tests with a count of shares; the stock trades no weekend, and the shares traded stay the volume.
    ("Date,Close,Volume,Market Cap",
     ["2024-01-02,185.64,82488700,2870000000", "2024-01-03,184.25,58414500,2850000000",
      "2024-01-04,181.91,71983600,2810000000", "2024-01-05,181.18,62303300,2800000000",
      "2024-01-08,185.56,59144500,2870000000"], 82488700.0),
    # A market cap in millions is in other units than the volume's money: left alone.
    ("Date,Close,Volume,Market Cap (M)",
     ["2024-01-02,185.64,82488700,2870000", "2024-01-03,184.25,58414500,2850000",
      "2024-01-04,181.91,71983600,2810000"], 82488700.0),
])
def test_a_volume_counted_in_money_beside_the_market_cap_is_no_count(header, rows, volume):
    data = ("\n".join([header, *rows]) + "\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv", week=TradingWeek.parse("mon-sun")).prices
    assert len(prices) == len(rows)
    assert prices["volume"].isna().all() if volume is None else prices["volume"].iloc[0] == volume


def test_a_volume_counted_in_money_is_told_under_the_files_marks():
    # CoinGecko's export saved by a German spreadsheet: "45.123.456,78" read with its commas stripped is
    # no number, no row proved the dollars money, and they had loaded as the coins traded.
    rows = ["2024-01-0{d} 00:00:00 UTC;42.{d}00,50;823.{d}00.000.000,00;45.{d}23.456.789,78".format(d=d)
            for d in range(1, 8)]
    data = ("snapped_at;price;market_cap;total_volume\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "bitcoin.csv")
    assert (schema.decimal, schema.thousands) == (",", ".")
    prices = normalise_bytes(data, schema, "bitcoin.csv", week=TradingWeek.parse("mon-sun")).prices
    assert prices["close"].tolist() == [42000 + d * 100 + 0.5 for d in range(1, 8)]
    assert prices["volume"].isna().all()


@pytest.mark.parametrize("name", ["Slow Close", "slow_close", "slow_ma", "Money Flow", "Cash Flow", "Below Band"])
def test_a_word_holding_low_is_no_low(name):
    # "low" inside "slow", "flow", "below": a slow moving average (a crossover's leg beside the close)
    # loaded as the day's low.
    assert map_canonical([["Date"], ["Close"], [name]], [D, F, F], []) == ["date", "close", None]


def test_a_low_named_with_its_day_is_still_the_low():
    assert map_canonical([["Date"], ["Day Low"], ["Close"]], [D, F, F], []) == ["date", "low", "close"]


@pytest.mark.parametrize(("header", "kinds", "expected"), [
    # TASE's securities download: the security's name, number and symbol. With the names alone mapped,
    # "טבע" (Teva) loaded as the ticker beside its symbol TEVA; the symbol keys it, else the number.
    (["תאריך", "שם נייר", "מספר נייר", "סימול", "שער בסיס", "שער נעילה"], [D, S, N, S, F, F],
     ["date", None, None, "ticker", None, "close"]),
    (["תאריך", "שם נייר", "מספר נייר", "שער נעילה"], [D, S, N, F], ["date", None, "ticker", "close"]),
])
def test_a_tase_symbol_or_security_number_is_the_ticker_before_its_name(header, kinds, expected):
    assert map_canonical([[h] for h in header], kinds, []) == expected


@pytest.mark.parametrize("names", [
    "Year High,Year Low", "52 Week High,52 Week Low", "52W High,52W Low", "52-Wk High,52-Wk Low",
    "High 52W,Low 52W", "YTD High,YTD Low", "Yearly High,Yearly Low", "All-time High,All-time Low",
    # The span in brackets was read as a unit ("Close (USD)") and left "High", or sat in a header row
    # of its own over "High" and "Low".
    "High (52W),Low (52W)", "High (YTD),Low (YTD)", "Highest (52 weeks),Lowest (52 weeks)",
    "52 Week Range,52 Week Range\n,,High,Low,,,",
    # A number of years or months ("1Y", "12M"), as "52W" is.
    "1Y High,1Y Low", "12M High,12M Low", "High 1Y,Low 1Y", "6M High,6M Low", "2Y High,2Y Low"])
def test_a_longer_span_high_and_low_are_not_the_days(names):
    # The Ghana Stock Exchange's daily list: "Year High (GH¢),Year Low (GH¢)" beside the day's open
    # and close, and no high or low of the day. Read as the day's, the year's range loaded without a
    # word: the close lay within it, and passed every bar check.
    first, _, below = names.partition("\n")
    data = (f"Date,Code,{first},Open,Close,Volume\n" + (below + "\n" if below else "") +
            "2024-01-02,ABC,12.50,8.10,10.00,10.20,100\n2024-01-03,ABC,12.50,8.10,10.20,10.40,200\n"
            "2024-01-02,XYZ,22.50,18.10,20.00,20.20,100\n2024-01-03,XYZ,22.50,18.10,20.20,20.40,300\n").encode()
    schema = detect_bytes(data, "daily_list.csv")
    assert [c.canonical for c in schema.columns][2:4] == [None, None]
    prices = normalise_bytes(data, schema, "daily_list.csv").prices
    abc = prices[prices["ticker"] == "ABC"]
    assert abc["high"].tolist() == [10.2, 10.4] and abc["low"].tolist() == [10.0, 10.2]


def test_an_exchanges_daily_list_of_which_price_names_loads_by_its_ticker_column():
    # The Ghana Stock Exchange's export: each price named by which it is ("Last Transaction Price",
    # "Closing Bid Price", "Closing Price - VWAP") in cedis ("GH¢"), the ticker in "Share Code". Its
    # names were read as labels of several series, and the file was refused as tickers side by side.
    cur = "(GH¢)"
    data = (f"Daily Date,Share Code,Year High {cur},Year Low {cur},Previous Closing Price - VWAP {cur},"
            f"Opening Price {cur},Last Transaction Price {cur},Closing Price - VWAP {cur},Price Change {cur},"
            f"Closing Bid Price {cur},Closing Offer Price {cur},Total Shares Traded,Total Value Traded {cur}\n"
            "01/09/2026,MTNGH,3.60,2.40,3.20,3.20,3.25,3.24,0.04,3.24,3.25,1250300,4050972.00\n"
            "01/09/2026,GCB,7.50,5.00,6.80,6.80,6.85,6.85,0.05,,6.90,10450,71582.50\n"
            "02/09/2026,MTNGH,3.60,2.40,3.24,3.24,3.30,3.28,0.04,3.28,3.30,980400,3215712.00\n"
            "02/09/2026,GCB,7.50,5.00,6.85,6.85,6.85,6.85,0.00,6.80,,0,0.00\n").encode()
    schema = detect_bytes(data, "gse_shares.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "gse_shares.csv").prices
    mtn = prices[prices["ticker"] == "MTNGH"]
    assert mtn["date"].astype(str).tolist() == ["2026-09-01", "2026-09-02"]
    assert mtn["close"].tolist() == [3.24, 3.28] and mtn["open"].tolist() == [3.20, 3.24]
    assert mtn["high"].tolist() == [3.24, 3.28]  # not the year's 3.60
    assert mtn["volume"].tolist() == [1250300, 980400]


def _weekdays_table(header: str, row: str) -> bytes:
    days = ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08")
    return (header + "\n" + "".join(row.format(d=d, i=i) + "\n" for i, d in enumerate(days))).encode()


@pytest.mark.parametrize("header", ["Date,Price (% of par)", "Date,Close (% of par),Volume", "Date,Close (% of face)"])
def test_a_bond_s_price_as_a_percentage_of_par_still_loads_as_its_close(header):
    # A clean price quoted as % of par is the price: taken for a change, such a file loaded nothing.
    data = _weekdays_table(header, "{d},99.{i}5" + (",1000" if "Volume" in header else ""))
    schema = detect_bytes(data, "bond.csv")
    result = normalise_bytes(data, schema, "bond.csv")
    assert schema.problem is None and result.prices.close.tolist() == [99.05, 99.15, 99.25, 99.35, 99.45]


@pytest.mark.parametrize("header", ["Date,Close,Close %", "Date,Close,Close (%),Volume"])
def test_a_close_s_percentage_beside_it_is_no_second_series_and_the_close_loads(header):
    # "Close %" named as the close by its letters had made the file one of several series, refused.
    data = _weekdays_table(header, "{d},10{i}.0,0.{i}" + (",1000" if "Volume" in header else ""))
    schema = detect_bytes(data, "prices.csv")
    result = normalise_bytes(data, schema, "prices.csv")
    assert schema.problem is None and result.prices.close.tolist() == [100.0, 101.0, 102.0, 103.0, 104.0]


@pytest.mark.parametrize("top", ["W", "3M", "10Y", "5238WA"])
def test_a_ticker_over_its_high_and_low_is_no_span(top):
    # "W" (Wayfair), "3M", a ten-year yield, a Bursa warrant over "High" and "Low": their day's.
    data = (f"Date,{top},{top},{top}\n,High,Low,Close\n"
            "2024-01-02,10.5,9.9,10.2\n2024-01-03,10.6,10.0,10.4\n").encode()
    schema = detect_bytes(data, "prices.csv")
    assert [c.canonical for c in schema.columns] == ["date", "high", "low", "close"]


def test_a_futures_front_months_high_and_low_are_the_days():
    # "Front Month High" is the day's high of the nearest contract, no month's range: taken for one,
    # the file's highs and lows went unread without a word.
    data = ("Date,Front Month Open,Front Month High,Front Month Low,Front Month Close,Volume\n"
            "2024-01-02,71.5,72.9,70.1,72.3,100\n2024-01-03,72.3,73.5,71.9,73.0,120\n").encode()
    schema = detect_bytes(data, "CL1.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume"]
    prices = normalise_bytes(data, schema, "CL1.csv").prices
    assert prices["high"].tolist() == [72.9, 73.5] and prices["low"].tolist() == [70.1, 71.9]


@pytest.mark.parametrize("names", ["3M High,3M Low", "5min High,5min Low", "High,Low", "10Y High,10Y Low",
                                   "12M High,12M Low"])
def test_3ms_or_a_few_minutes_high_and_low_are_the_days(names):
    # "3M" is a company's ticker as often as three months (its day's high beside its close, as before);
    # a few minutes' high is an intraday bar's own.
    # A ten-year yield's bar ("10Y Open", "10Y Close" beside): the instrument's label, not a span.
    label = names.split()[0] + " " if names.startswith(("10Y", "12M")) else ""
    data = (f"Date,{label}Open,{names},{label}Close\n"
            "2024-01-02,10.0,10.5,9.9,10.2\n2024-01-03,10.2,10.6,10.0,10.4\n").encode()
    schema = detect_bytes(data, "prices.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close"]


@pytest.mark.parametrize(("last", "expected"), [("Vlm", "volume"), ("Vol", "volume"), ("Vue", None), ("Vie", None)])
def test_a_short_form_keeps_a_consonant_beside_the_full_names(last, expected):
    # Bloomberg's "Vlm" beside "Open,High,Low,Close" is the volume; "Vue" (views, in French) is a
    # subsequence of "volume" too, and its counts had loaded as the volume.
    header = [["Date"], ["Open"], ["High"], ["Low"], ["Close"], [last]]
    assert map_canonical(header, [D, F, F, F, F, N], [])[-1] == expected
    assert map_canonical([["Date"], ["Op"], ["Hgh"], ["Lo"], ["Cls"], ["Vlm"]], [D, F, F, F, F, N], []) == [
        "date", "open", "high", "low", "close", "volume"]


@pytest.mark.parametrize("names", ["5m High,5m Low", "15m High,15m Low", "High (30m),Low (30m)", "high_5m,low_5m",
                                   "5mn High,5mn Low"])
def test_a_bars_minutes_high_and_low_are_the_days(names):
    # "5m", "15m", "30m" are a bar's minutes (the intervals of Binance's and TradingView's exports), no
    # span of months: read as one, the bar's high and low were left unread and the high loaded as the
    # greater of its open and close without a word ("5mn", in French, refused as tickers side by side).
    data = (f"Date,Open,{names},Close,Volume\n"
            "2024-01-02,10.0,10.5,9.9,10.2,1000\n2024-01-03,10.2,10.6,10.0,10.4,1200\n").encode()
    schema = detect_bytes(data, "prices.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", "volume"]
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert prices["high"].tolist() == [10.5, 10.6] and prices["low"].tolist() == [9.9, 10.0]


@pytest.mark.parametrize("figure", ["1Y Return", "1Y Change %", "1Y Avg Volume"])
def test_a_spans_other_figures_do_not_make_its_count_an_instruments_label(figure):
    # A screener's sheet: "1Y High,1Y Low" beside "1Y Return" (the span's figures, not a "10Y" yield's
    # bar): read as a label, the year's high and low loaded as the day's without a word.
    data = (f"Date,Close,1Y High,1Y Low,{figure}\n"
            "2024-01-02,10.0,15.0,8.0,0.12\n2024-01-03,10.2,15.0,8.0,0.13\n").encode()
    schema = detect_bytes(data, "screen.csv")
    assert [c.canonical for c in schema.columns][:4] == ["date", "close", None, None]


@pytest.mark.parametrize(("header", "row", "close", "adj_close"), [
    # "adj" in "Unadjusted" took the adjusted close: the raw closes loaded as the adjusted ones.
    ("Date,Closing Price,Unadjusted Closing Price", "{d},10{i}.0,20{i}.0", [100.0, 101.0], [100.0, 101.0]),
    ("Date,Unadjusted Closing Price", "{d},20{i}.0", [200.0, 201.0], [200.0, 201.0]),
    # The bid in brackets was dropped as a unit, tied with "Closing Price" and, leftmost, took the close.
    ("Date,Closing Price (Bid),Closing Price", "{d},10{i}.0,20{i}.0", [200.0, 201.0], [200.0, 201.0]),
])
def test_an_unadjusted_or_a_bids_close_is_neither_the_adjusted_close_nor_the_close(header, row, close, adj_close):
    data = _weekdays_table(header, row)
    schema = detect_bytes(data, "prices.csv")
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert schema.problem is None
    assert prices.close.tolist()[:2] == close and prices.adj_close.tolist()[:2] == adj_close


@pytest.mark.parametrize("header", ["Date,Close,1Y Avg Volume", "Date,Close,Average Volume",
                                    "Date,Close,Volume (30D Avg)", "Date,Close,30 Day Avg Volume"])
def test_an_average_volume_is_no_days_volume(header):
    # The year's (or 30 days') average volume loaded as each day's, without a word.
    data = _weekdays_table(header, "{d},10{i}.0,5000")
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None and not any(c.canonical == "volume" for c in schema.columns)


@pytest.mark.parametrize("header", ["Date,Close,3Mo High", "Date,Close,3 mths High", "Date,Close,Quarter High",
                                    "Date,Close,QTD High", "Date,Close,90 Day High", "Date,Close,90D High"])
def test_a_quarters_or_some_days_high_is_no_days_high(header):
    data = _weekdays_table(header, "{d},10{i}.0,200.0")
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None and not any(c.canonical == "high" for c in schema.columns)
    # A day's own high still is.
    assert [c.canonical for c in detect_bytes(_weekdays_table("Date,Close,1D High", "{d},10{i}.0,200.0"),
                                              "p.csv").columns] == ["date", "close", "high"]


@pytest.mark.parametrize("volumes", [["1.234,5", "2.345,0", "3.456,7", "4.567,8", "5.678,9"],  # another decimal
                                     ["abc", "xyz", "n/a-ish", "lots", "few"]])
def test_a_volume_column_that_does_not_read_rejects_its_rows_not_its_volumes(volumes):
    # Typed text, "Volume" was left unmapped and every row loaded with no volume, without a word.
    header = "Date,Open,High,Low,Close,Volume"
    data = (header + "\n" + "".join(f'{d},10.5,11.0,10.0,10.8,"{v}"\n' for d, v in zip(
        ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"), volumes))).encode()
    schema = detect_bytes(data, "prices.csv")
    result = normalise_bytes(data, schema, "prices.csv")
    assert schema.problem is None and [c.canonical for c in schema.columns][-1] == "volume"
    assert result.prices_arrow.num_rows == 0
    assert set(result.rejected.reason) == {"unparseable value: volume"}


def test_a_volume_column_of_numbers_some_blank_still_loads():
    data = _weekdays_table("Date,Close,Volume", "{d},10{i}.0,1.{i}M").replace(b"1.1M", b"")
    result = normalise_bytes(data, detect_bytes(data, "p.csv"), "p.csv")
    assert result.prices.volume.tolist()[:3] == [1_000_000, None, 1_200_000] or \
        result.prices.volume.fillna(-1).tolist()[:3] == [1_000_000, -1, 1_200_000]


@pytest.mark.parametrize("volumes", [["1.234.567", "123.456", "2.345.678", "98.765", "3.456.789"],
                                     ["1.234,5", "123.456", "2.345,0", "1.234", "5.678,9"]])
def test_a_volume_column_grouped_by_the_decimal_mark_loads_no_volume_a_thousandfold_small(volumes):
    # Mapped as the volume, the grouped counts were rejected and "123.456" loaded as 123.456 shares
    # (123,456 written with a dot), without a word.
    data = ("Date,Open,High,Low,Close,Volume\n" + "".join(f'{d},10.5,11.0,10.0,10.8,"{v}"\n' for d, v in zip(
        ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"), volumes))).encode()
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert result.prices_arrow.num_rows == 5
    assert result.prices.volume.isna().all()


def test_a_volume_of_dotted_counts_the_files_marks_leave_unread_loads_no_volume():
    # Split by ';', dated year first, its prices whole: the dot's reading is in doubt (numbers.py), the
    # volumes' "1.234" text. Mapped as the volume all the same, they loaded as 1.234 shares, 2.037,
    # ... a thousandfold small (the ';' custom writes 1234 so), without a word.
    rows = "".join(f"2024-01-0{d};{950 + d};{960 + d};{940 + d};{955 + d};{d}.{d * 37:03d}\n" for d in range(2, 6))
    data = ("Date;Open;High;Low;Close;Volume\n" + rows).encode()
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert result.prices["close"].tolist() == [957.0, 958.0, 959.0, 960.0]
    assert result.prices.volume.isna().all()


def test_a_headerless_time_in_digits_beside_the_date_is_no_volume():
    # Finam's multi-day 5-minute bars without a header: "100500" beside the date is the bar's time,
    # not the volume (its values larger than the real volume's). Left unmapped, normalise reads it.
    data = (b"SBER,20180103,100000,233.5,233.7,232.9,233.1,665\nSBER,20180103,100500,233.1,233.3,232.7,232.9,179\n"
            b"SBER,20180104,100000,233.2,233.4,232.7,233.2,173\nSBER,20180104,100500,233.2,233.6,233.0,233.4,88\n")
    assert [c.canonical for c in detect_bytes(data, "SBER.txt").columns] == \
        ["ticker", "date", None, "open", "high", "low", "close", "volume"]


def test_whole_prices_beside_the_date_in_clock_range_are_no_times():
    # A one-day dump of a market priced in whole won, opens like "1500" right after the date: they tell
    # the tickers' rows of the day apart, as times would, but do not run in order down the day.
    rows = [("035720", 1500, 1520, 1490, 1510), ("005930", 2210, 2250, 2200, 2240),
            ("000660", 1130, 1150, 1120, 1140), ("035420", 1845, 1850, 1830, 1835),
            ("051910", 1215, 1230, 1200, 1225), ("006400", 2005, 2015, 1995, 2010)]
    data = b"".join(f"{t},20240102,{o},{h},{lo},{c},{v},{c / 1000:.4f}\n".encode()
                    for v, (t, o, h, lo, c) in zip(range(100000, 700000, 100000), rows))
    schema = detect_bytes(data, "20240102.txt")
    assert [c.canonical for c in schema.columns][2:7] == ["open", "high", "low", "close", "volume"]


def test_a_lone_letter_or_two_names_no_close_among_other_names():
    # An R write.csv2 sensor log: "cl" (chloride) beside pressure, temperature and conductivity had
    # loaded as a close, the file as a series of prices under its name.
    data = ('"";"Date";"Time";"P";"T";"EGV";"cl"\n'
            '"1";2020-07-24;09:10:00;1568,883;21,58;0,668;106,745\n'
            '"2";2020-07-24;09:20:00;1568,901;21,60;0,671;106,912\n'
            '"3";2020-07-24;09:30:00;1568,877;21,61;0,669;107,033\n').encode()
    schema = detect_bytes(data, "GROEN-18.csv")
    assert [c.canonical for c in schema.columns][-1] is None
    result = normalise_bytes(data, schema, "GROEN-18.csv")
    assert (result.rows_read, result.prices_arrow.num_rows, result.rejected_arrow.num_rows) == (3, 0, 3)
    # Refused, the reason does not send the user to check values that would have fed a close.
    data = b"a,b,c\n1,2,3\n4,5,6\n7,8,9\n"
    problem = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").file_problem
    assert problem.startswith("no date or close column") and "is named as one" not in problem
    # In a row of such names it is the close, as "o", "h", "l" beside it say.
    data = b"t,o,h,l,c,v\n2024-01-02,1,2,0.5,1.5,100\n2024-01-03,1,2,0.5,1.25,100\n2024-01-04,1,2,0.5,1.75,100\n"
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices
    assert prices["close"].tolist() == [1.5, 1.25, 1.75]
    assert map_canonical([["Date"], ["Cl"], ["P"]], [D, F, F], []) == ["date", None, None]
    assert map_canonical([["Date"], ["Op"], ["Hi"], ["Lo"], ["Cl"]], [D, F, F, F, F], []) == \
        ["date", "open", "high", "low", "close"]


def _cells(data: bytes) -> list[list[str]]:
    return [line.split(",") for line in data.decode().splitlines()]


@pytest.mark.parametrize(("data", "ticker", "format"), [
    # Finam's 5-minute bars over two days, the time in six digits and in four.
    (b"SBER,20180103,100000,1\nSBER,20180103,100500,1\nSBER,20180104,100000,1\nSBER,20180104,100500,1\n",
     True, "%H%M%S"),
    (b"SBER,20180103,1000,1\nSBER,20180103,1005,1\nSBER,20180104,1000,1\nSBER,20180104,1005,1\n", True, "%H%M"),
    # A day listed twice among days listed once: round volumes, no clock.
    (b"2024-01-02,150000,1\n2024-01-03,120000,1\n2024-01-04,170000,1\n2024-01-04,100000,1\n"
     b"2024-01-05,130000,1\n2024-01-08,140000,1\n2024-01-09,200000,1\n", False, None),
    # Codes on every day, in order: four digits off the five-minute marks, no hour's zero.
    (b"20240104,1301,1\n20240104,1332,1\n20240105,1301,1\n20240105,1332,1\n", False, None),
    # A daily export's midnight tells no rows apart.
    (b"SBER,20180103,000000,1\nSBER,20180104,000000,1\nSBER,20180105,000000,1\n", True, None),
])
def test_digit_clock_reads_a_days_bars_times_only(data, ticker, format):
    rows = _cells(data)
    mapping = ["ticker", "date", None, "close"] if ticker else ["date", None, "close"]
    assert digit_clock(mapping.index("date") + 1, mapping, rows) == format


def test_detection_carries_its_digit_clock_in_the_schema():
    # The one judgement of a time in digits is detection's; the schema carries it as the column's format.
    bars = (b"SBER,5,20180103,100000,233.5,233.7,232.9,233.1,665\nSBER,5,20180103,100500,233.1,233.3,232.7,232.9,179\n"
            b"SBER,5,20180104,100000,233.2,233.4,232.7,233.2,173\nSBER,5,20180104,100500,233.2,233.6,233.0,233.4,88\n")
    schema = detect_bytes(bars, "SBER.txt")
    assert schema.columns[3].canonical is None and schema.columns[3].format == "%H%M%S"
    daily = b"SBER,D,20180103,000000,233.50,235.94,232.50,234.94,83957878\n" \
            b"SBER,D,20180104,000000,234.94,237.13,233.94,236.13,44264986\n"
    assert detect_bytes(daily, "SBER.txt").columns[3].format == "leading_zeros"  # (as columns.py types it)


def test_a_day_listed_twice_keeps_its_round_volumes():
    # "2024-01-04" twice: its round six-digit volumes had been read as times of day (17:00, 10:00), every
    # row's volume lost and that day's two rows rejected as intraday bars.
    data = (b"2024-01-02,150000,10.5,11,10,10.8\n2024-01-03,120000,10.8,11.2,10.5,11.0\n"
            b"2024-01-04,170000,11.0,11.5,10.9,11.3\n2024-01-04,100000,11.3,11.6,11.1,11.4\n"
            b"2024-01-05,130000,11.3,11.6,11.1,11.4\n2024-01-08,140000,11.3,11.6,11.1,11.4\n"
            b"2024-01-09,200000,11.3,11.6,11.1,11.4\n")
    schema = detect_bytes(data, "X.csv")
    assert schema.columns[1].canonical == "volume" and schema.columns[1].format is None
    result = normalise_bytes(data, schema, "X.csv")
    assert result.prices.volume.tolist() == [150000, 120000, 170000, 130000, 140000, 200000]
    assert result.rejected.reason.tolist() == ["conflicting duplicate of line 3"]


@pytest.mark.parametrize("volume", [True, False])
def test_headerless_bars_in_whole_numbers_load_without_a_fraction(volume):
    # Korean won, no column with a fraction: refused "no close column" (the whole bar needed one).
    rows = [("20240102", 71000, 72000, 70500, 71500, 1234567), ("20240103", 71500, 73000, 71000, 72500, 2345678),
            ("20240104", 72500, 72800, 71200, 71800, 1534567), ("20240105", 71800, 71900, 70000, 70200, 1734567)]
    data = "".join(",".join(map(str, r if volume else r[:5])) + "\n" for r in rows).encode()
    schema = detect_bytes(data, "005930.csv")
    mapped = ["date", "open", "high", "low", "close", "volume"]
    assert [c.canonical for c in schema.columns] == (mapped if volume else mapped[:5])
    result = normalise_bytes(data, schema, "005930.csv")
    assert result.file_problem is None and result.rejected.empty
    assert result.prices.close.tolist() == [71500, 72500, 71800, 70200]
    if volume:
        assert result.prices.volume.tolist() == [1234567, 2345678, 1534567, 1734567]
    else:
        assert result.prices.volume.isna().all()


def test_whole_numbers_that_are_no_bar_stay_unread():
    # Counts beside a date: the largest not always in one column, nor the least: no bar, refused as before.
    data = b"20240102,3,150,20,7,1000\n20240103,4,160,25,9,1100\n20240104,2,140,22,8,900\n" \
           b"20240105,5,130,26,4,1200\n"
    schema = detect_bytes(data, "X.csv")
    assert not any(c.canonical in ("open", "high", "low", "close") for c in schema.columns)
    # One slip in a bar's order (a close over its high) is no proof without a fraction beside it.
    slipped = b"20240102,71000,72000,70500,71500,1\n20240103,71500,73000,71000,73500,2\n" \
              b"20240104,72500,72800,71200,71800,3\n20240105,71800,71900,70000,70200,4\n"
    assert detect_bytes(slipped, "X.csv").columns[4].canonical is None


def test_counts_in_a_bars_order_on_a_few_days_stay_unread():
    # Three days of counts whose largest and least happen to sit in one column each: no tight bar (a low
    # most days within a fifth of its high), refused for no close as before, not loaded as prices.
    data = b"20240102,15,19,13,17,1200\n20240103,14,18,12,16,3000\n20240104,11,20,10,12,800\n"
    schema = detect_bytes(data, "X.csv")
    assert not any(c.canonical in ("open", "high", "low", "close") for c in schema.columns)
    assert normalise_bytes(data, schema, "X.csv").prices.empty


@pytest.mark.parametrize("stamp", [b"160000", b"1530"])
def test_a_daily_files_hour_on_every_row_is_no_volume(stamp):
    # The hour of a daily export's close beside its date ("20240102,160000,..."), the same on every row: its
    # largest whole numbers, it had loaded as every day's volume, the real volume left unread.
    rows = [(b"20240102", b"10.5,11.0,10.1,10.8,1200"), (b"20240103", b"10.8,11.2,10.5,11.0,1500"),
            (b"20240104", b"11.0,11.5,10.9,11.3,900"), (b"20240105", b"11.3,11.6,11.1,11.4,1100")]
    data = b"".join(b"%s,%s,%s\n" % (day, stamp, rest) for day, rest in rows)
    schema = detect_bytes(data, "X.csv")
    assert schema.columns[1].canonical is None and schema.columns[6].canonical == "volume"
    result = normalise_bytes(data, schema, "X.csv")
    assert result.rejected.empty and result.prices.volume.tolist() == [1200, 1500, 900, 1100]


def test_a_lone_letter_names_the_close_where_every_other_column_is_a_fields():
    # One series written by a tool ("Date,C", "date,c,v", R's row names before "Date","c", pandas'
    # "Unnamed: 0", a long file's "Date,Ticker,C"): every other column is a field's, and the "c" is the
    # close. Refused for want of a close when a 1-2-letter close needed two other prices named.
    days = ["2024-01-02", "2024-01-03", "2024-01-04"]
    for head, row in [("Date,C", "{d},{c}"), ("date,c,v", "{d},{c},1200"), ('"","Date","c"', '"{i}",{d},{c}'),
                      ("Unnamed: 0,Date,c", "{i},{d},{c}"), ("Date,Adj Close,Cl", "{d},1.0,{c}"),
                      ("Date,O,C", "{d},40,{c}")]:
        data = (head + "\n" + "".join(row.format(i=i, d=d, c=45 + i / 4) + "\n" for i, d in enumerate(days))).encode()
        result = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv")
        assert result.file_problem is None, head
        assert result.prices["close"].tolist() == [45.0, 45.25, 45.5], head
    data = b"Date,Ticker,C\n2024-01-02,AAPL,185.5\n2024-01-02,MSFT,370.25\n2024-01-03,AAPL,184.5\n"
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices
    assert list(zip(prices["ticker"], prices["close"])) == [("AAPL", 185.5), ("MSFT", 370.25), ("AAPL", 184.5)]
    # Beside figures no field's name takes, it is one name among others: tickers side by side
    # (Citigroup, Ford; crude oil's "CL" beside natural gas), or a sensor's chloride.
    assert map_canonical([["Date"], ["C"], ["F"], ["GM"]], [D, F, F, F], []) == ["date", None, None, None]
    assert map_canonical([["Date"], ["CL"], ["NG"]], [D, F, F], []) == ["date", None, None]
    assert map_canonical([["Date"], ["EGV"], ["cl"]], [D, F, F], []) == ["date", None, None]
    assert map_canonical([["Date"], ["C"], ["V"]], [D, F, N], []) == ["date", "close", "volume"]
    # A "V" of prices with cents is Visa's beside Citigroup's "C", no volume to make the "C" a close.
    data = b"Date,C,V\n2024-01-02,51.25,250.31\n2024-01-03,51.5,251.1\n2024-01-04,51.75,249.87\n"
    assert normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices_arrow.num_rows == 0


_KRX = [("005930", 71000), ("000660", 140000), ("035720", 50000), ("00088K", 9000)]


def test_headerless_zero_padded_codes_recurring_over_the_dates_are_the_ticker():
    # KRX exports without a header: the six-digit code leads each row. Its digits made no ticker, and
    # every row was rejected as an "unnamed series" (several instruments on each date).
    data = b"".join(f"{code},202401{d:02d},{p},{p + 900},{p - 600},{p + 400},{1000 * d + k}\n".encode()
                    for d in (2, 3, 4) for k, (code, p) in enumerate(_KRX))
    schema = detect_bytes(data, "krx.csv")
    assert [c.canonical for c in schema.columns] == ["ticker", "date", "open", "high", "low", "close", "volume"]
    result = normalise_bytes(data, schema, "krx.csv")
    assert result.rejected.empty and len(result.prices) == 12
    assert result.prices.groupby("ticker").close.first().to_dict() == \
        {"005930": 71400, "000660": 140400, "035720": 50400, "00088K": 9400}
    # One code on every row of distinct dates: a file of that code.
    data = b"".join(f"005930,202401{d:02d},71000,71900,70400,71{d:02d}0,{1000 + d}\n".encode()
                    for d in (2, 3, 4, 5, 8, 9, 10))
    result = normalise_bytes(data, detect_bytes(data, "krx.csv"), "krx.csv")
    assert result.prices.ticker.unique().tolist() == ["005930"] and len(result.prices) == 7


def test_zero_padded_figures_and_ids_are_no_ticker_codes():
    # A zero-padded row id, or a zero-padded count, takes a new value on (almost) every row: a figure.
    data = b"".join(f"{k:06d},202401{2 + k // 3:02d},{d},{d + 9},{d - 6},{d + 4}\n".encode()
                    for k, d in enumerate(range(100, 112)))
    assert [c.canonical for c in detect_bytes(data, "ids.csv").columns][0] is None
    data = b"id,day,count\n" + b"".join(f"{k},2024-01-{2 + k // 2:02d},{7 * k + 3:06d}\n".encode() for k in range(12))
    assert "ticker" not in [c.canonical for c in detect_bytes(data, "counts.csv").columns]
    # Two-digit codes (a branch, a month) recurring over the dates stay as they were.
    data = b"".join(f"0{k},2024-01-{d:02d},{d}.5,{d}.25\n".encode() for d in (2, 3, 4) for k in (1, 2, 3))
    assert [c.canonical for c in detect_bytes(data, "branches.csv").columns][0] is None
    # Nor zeros alone on every row (a placeholder).
    data = b"".join(f"000,2024-01-{d:02d},{d}.5,{d + 1}.5,{d - 1}.5,{d}.25\n".encode() for d in range(2, 9))
    assert [c.canonical for c in detect_bytes(data, "acme.csv").columns][0] is None


def test_times_of_day_in_digits_are_no_ticker_codes():
    # A headerless intraday file (Finam's "005930,20180103,090000,..."): its clock column, zero-padded,
    # several values a day recurring over the dates, had been read as KRX codes and each bar loaded as
    # an instrument ("090000", "090500"). Its rows are one ticker's bars of a day, rejected as before.
    data = b"".join(f"005930,201801{d:02d},{t},{p},{p + 200},{p - 100},{p + 100 * (k % 2)},{4172 + 997 * k}\n".encode()
                    for d in (3, 4, 5) for k, (t, p) in enumerate(zip(("090000", "090500", "091000", "091500"),
                                                                      (78500, 78600, 78500, 78500))))
    schema = detect_bytes(data, "samsung.txt")
    assert [c.canonical for c in schema.columns] == [None, "date", None, "open", "high", "low", "close", "volume"]
    result = normalise_bytes(data, schema, "samsung.txt")
    assert result.prices.empty and len(result.rejected) == 12
    assert result.rejected.reason.str.startswith("intraday bar").all()
    # Four digits alike ("0930", "1000"), the date first.
    data = b"".join(f"202401{d:02d},{t},{100 + k}.25\n".encode()
                    for d in (2, 3, 4) for k, t in enumerate(("0930", "1000", "1030")))
    assert "ticker" not in [c.canonical for c in detect_bytes(data, "bars.csv").columns]


def test_metatrader_history_of_flat_bars_has_a_close():
    # MT4's early history: open, high, low and close one price on every row. Each column the row's
    # maximum and minimum, none was taken for the high: "no close column".
    lines = [f"1971.01.{d:02d},00:00,0.53{d:02d},0.53{d:02d},0.53{d:02d},0.53{d:02d},1" for d in (4, 5, 6, 7, 8, 11)]
    data = ("\n".join(lines) + "\n").encode()
    schema = detect_bytes(data, "AUDUSD1440.csv")
    assert [c.canonical for c in schema.columns] == ["date", None, "open", "high", "low", "close", "volume"]
    prices = normalise_bytes(data, schema, "AUDUSD1440.csv").prices_arrow
    assert prices["close"].to_pylist() == [0.5304, 0.5305, 0.5306, 0.5307, 0.5308, 0.5311]


def test_flat_bars_before_moving_ones_leave_the_high_and_low_to_the_moving_ones():
    flat = [f"1971.01.{d:02d},00:00,0.53{d:02d},0.53{d:02d},0.53{d:02d},0.53{d:02d},1" for d in range(4, 29)]
    # Moving bars whose high is the 4th column, low the 3rd: flat rows alone would not tell.
    moving = [f"1971.02.{d:02d},00:00,0.5400,0.5350,0.5450,0.5420,9" for d in (1, 2, 3)]
    data = ("\n".join(flat + moving) + "\n").encode()
    schema = detect_bytes(data, "AUDUSD1440.csv")
    assert [c.canonical for c in schema.columns][2:6] == ["open", "low", "high", "close"]


def test_five_columns_of_one_price_are_no_flat_bar():
    # A printout of closes with open, high, low and the adjusted close filled in from them: which is
    # the close is no question, but nothing says these are bars; refused as before (no close column).
    lines = [f"2024-01-{d:02d},{d}.5,{d}.5,{d}.5,{d}.5,{d}.5,{d}" for d in (2, 3, 4, 5, 8, 9)]
    schema = detect_bytes(("\n".join(lines) + "\n").encode(), "prices.csv")
    assert "close" not in [c.canonical for c in schema.columns]


@pytest.mark.parametrize("filler", ["0,0,0,0", "1,1,1,1"])
def test_four_whole_columns_of_one_number_beside_a_price_are_no_flat_bar(filler):
    # A fund's NAV beside four columns of zeros (or flags): each row's four equal numbers had been
    # read as a flat bar, the zeros rejected as non-positive prices (the ones loaded as the price),
    # the NAV left unread.
    days = ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09")
    data = "".join(f"{d},{10 + k * 0.13:.2f},{filler}\n" for k, d in enumerate(days)).encode()
    schema = detect_bytes(data, "fund.csv")
    assert [c.canonical for c in schema.columns][:2] == ["date", "close"]
    out = normalise_bytes(data, schema, "fund.csv")
    assert out.rejected_arrow.num_rows == 0
    assert out.prices_arrow["close"].to_pylist() == [10.0, 10.13, 10.26, 10.39, 10.52, 10.65]


@pytest.mark.parametrize("flat", ["0.00", "0.25"])
def test_four_fractional_columns_of_one_number_every_day_beside_a_price_are_no_flat_bar(flat):
    # Zeros, or a rate that never moves, before the price: taken for a flat bar, the constant had
    # loaded as every day's price (or every row was rejected as non-positive).
    days = ("2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09")
    data = "".join(f"{d},{flat},{flat},{flat},{flat},{10 + k * 0.13:.2f}\n" for k, d in enumerate(days)).encode()
    schema = detect_bytes(data, "fund.csv")
    assert not {"open", "high", "low"} & {c.canonical for c in schema.columns}
    assert normalise_bytes(data, schema, "fund.csv").prices_arrow.num_rows == 0


def test_a_finnish_download_loads_its_close_and_share_count_not_its_turnover():
    # Nasdaq Helsinki's Finnish download: "no close column", the file refused. Its "Vaihto" is the
    # money traded and "Keskihinta" the day's average: neither is the volume nor the close.
    data = ("Päivämäärä;Ostotarjous;Myyntitarjous;Avaushinta;Ylin hinta;Alin hinta;Päätöskurssi;Keskihinta;"
            "Kokonaisvolyymi;Vaihto;Kaupat\n"
            "2024-01-03;9,10;9,12;9,20;9,25;9,05;9,11;9,14;1234567;11283937,38;2050\n"
            "2024-01-02;9,18;9,20;9,15;9,30;9,12;9,19;9,21;1034567;9528362,07;1850\n").encode()
    schema = detect_bytes(data, "NOKIA.csv")
    prices = normalise_bytes(data, schema, "NOKIA.csv").prices
    assert prices["close"].tolist() == [9.11, 9.19] and prices["volume"].tolist() == [1234567, 1034567]


def _gld(header: str, nav_ratio: float) -> bytes:
    rows = [f"2023-01-{d:02d},{100 + d},{(100 + d) * nav_ratio:.4f},{5_000_000 + 37 * d}" for d in (2, 3, 4, 5, 6, 9)]
    return f"{header}\n".encode() + "\n".join(rows).encode() + b"\n"


@pytest.mark.parametrize(("header", "nav_ratio", "close_column"), [
    # An archive of SPDR's gold ETF: its traded close named by its ticker, its NAV beside. The NAV (0.8)
    # had won over "GLD Close" (0.6) and loaded as GLD's closes without a word.
    ("Date,GLD Close,NAV,Volume", 1.002, "GLD Close"),
    ("Date,gld_close,NAV,Volume", 0.998, "gld_close"),
    # So a NAV named by the unit ("unit_nav", read as the close since round 60): it had taken GLD's close.
    ("Date,GLD Close,Unit NAV,Volume", 1.002, "GLD Close"),
    ("Date,SPX Close,unit_nav,Volume", 0.01, "unit_nav"),
    ("Date,Close,NAV,Volume", 1.002, "Close"),
    # A benchmark's close named by its ticker stands far from the fund's NAV: the NAV stays its price.
    ("Date,SPX Close,NAV,Volume", 0.01, "NAV"),
    # A benchmark's close named as one: the NAV stays the fund's price, as before.
    ("Date,Index Close,NAV,Volume", 1.002, "NAV"),
])
def test_a_close_named_by_the_ticker_wins_over_the_nav_it_hugs(header, nav_ratio, close_column):
    data = _gld(header, nav_ratio)
    schema = detect_bytes(data, "GLD.csv")
    closes = [c.name for c in schema.columns if c.canonical == "close"]
    assert closes == [close_column]
    prices = normalise_bytes(data, schema, "GLD.csv").prices
    column = header.split(",").index(close_column)
    assert prices["close"].tolist() == [float(line.split(",")[column]) for line in data.decode().splitlines()[1:]]


@pytest.mark.parametrize("name", ["BTC Volume", "Volume (BTC)", "Volume [BTC]", "Volume (coins)", "Base Volume",
                                  "volumefrom", "Volume (Units)", "Volume SHIB"])
def test_a_volume_named_as_counted_in_coins_beside_the_market_cap_stays_the_coins(name):
    # Bitcoin's coins traded (45,320), a sliver of its cap as coins and as dollars alike: named as coins
    # in any of these ways, the volume had been taken for dollars beside the market cap and left unread.
    rows = ["2021-01-01,29374.15,45320.51,546000000000", "2021-01-02,32127.27,67865.42,597000000000",
            "2021-01-03,32782.02,78665.24,609000000000"]
    data = ("\n".join([f"Date,Close,{name},Market Cap", *rows]) + "\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv", week=TradingWeek.parse("mon-sun")).prices
    assert prices["volume"].tolist() == [45320.51, 67865.42, 78665.24]


@pytest.mark.parametrize("name", ["Volume (USD)", "USD VOL", "Volume (MLN)", "Quote Volume", "volumeto"])
def test_a_volume_named_in_money_or_scaled_beside_the_market_cap_is_still_read_as_money(name):
    # DOGE's dollars traded, below its cap: money, however the name says so.
    rows = ["2021-01-01,0.004681,134289587.3,597982138.1", "2021-01-02,0.005685,287341021.8,726497911.6",
            "2021-01-03,0.009919,601358427.0,1267946562.0"]
    data = ("\n".join([f"Date,Close,{name},Market Cap", *rows]) + "\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv", week=TradingWeek.parse("mon-sun")).prices
    assert len(prices) == 3 and prices["volume"].isna().all()


def test_a_shares_volume_beside_its_market_cap_on_a_saturday_to_wednesday_exchange_stays_the_volume():
    # Tehran's exchange trades Saturday to Wednesday: Saturdays and Sundays, but no Friday. A share's
    # volume is below its market cap (in rials), and had been read as money and dropped.
    rows = ["2023-01-07,5120,6200000,102400000000000", "2023-01-08,5180,4100000,103600000000000",
            "2023-01-09,5090,8800000,101800000000000", "2023-01-10,5140,3900000,102800000000000",
            "2023-01-11,5200,5100000,104000000000000", "2023-01-14,5230,7200000,104600000000000"]
    data = ("\n".join(["Date,Close,Volume,Market Cap", *rows]) + "\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv", week=TradingWeek.parse("sat-wed")).prices
    assert prices["volume"].tolist() == [6200000, 4100000, 8800000, 3900000, 5100000, 7200000]


@pytest.mark.parametrize("header", ["Date,MSCI Close,NAV,Volume", "Date,FTSE Close,NAV,Volume",
                                    "Date,STOXX Close,NAV,Volume", "Date,cash_close,NAV,Volume"])
def test_an_index_rebased_beside_the_funds_nav_leaves_the_nav_its_price(header):
    # A fund's NAV beside its benchmark rebased to the same start hugs it as a traded close does; named by
    # its index family, not a ticker, the index's levels had loaded as the fund's closes. So had a fund's
    # cash at the close near its NAV.
    data = _gld(header, 1.002)
    schema = detect_bytes(data, "FUND.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ["NAV"]
    prices = normalise_bytes(data, schema, "FUND.csv").prices
    assert prices["close"].tolist() == [float(line.split(",")[2]) for line in data.decode().splitlines()[1:]]


def test_another_sessions_range_is_not_the_days_high_and_low():
    # "PM High" and "PM Low" (the premarket's range) had loaded as the day's high and low.
    data = (b"Date,Open,Close,PM High,PM Low\n2024-01-02,100.5,101.2,101.9,99.8\n"
            b"2024-01-03,101.2,100.1,101.5,99.6\n2024-01-04,100.1,102.3,102.4,99.7\n")
    prices = normalise_bytes(data, detect_bytes(data, "AAPL.csv"), "AAPL.csv").prices_arrow
    assert prices.column("high").to_pylist() == [101.2, 101.2, 102.3]  # of the open and close alone
    assert prices.column("low").to_pylist() == [100.5, 100.1, 100.1]


@pytest.mark.parametrize("name", ["PM High", "Pre-Market High", "PreHigh", "AH High", "Post High", "ON High",
                                  "Overnight High", "Globex High", "IB High", "OR High", "pm_high", "on_high",
                                  "OR_HIGH", "ON HIGH", "After Hours High", "AfterHoursHigh", "Asia High",
                                  "London High", "Asian Session High"])
def test_other_sessions_highs_stay_unmapped(name):
    mapping = map_canonical([["Date"], ["Open"], ["Close"], [name]],
                            [D, F, F, F],
                            [["2024-01-02", "1.0", "1.1", "1.2"]])
    assert "high" not in mapping


@pytest.mark.parametrize(("high", "low"), [("High on Day", "Low on Day"), ("High After Split", "Low After Split"),
                                         ("High or Ask", "Low or Bid"), ("HIGH ON DAY", "LOW ON DAY"),
                                         ("HIGH OR ASK", "LOW OR BID"), ("high_on_day", "low_on_day")])
def test_a_languages_on_or_and_after_say_no_session(high, low):
    # English "on", "or" and "after" are words, not the overnight session, the opening range and after
    # hours: these highs and lows had been left unmapped, the day's high loaded as the greater of its
    # open and close. Capitals or one word say an abbreviation only where it leads the name.
    mapping = map_canonical([["Date"], ["Open"], [high], [low], ["Close"]], [D, F, F, F, F],
                            [["2024-01-02", "1.0", "1.2", "0.9", "1.1"]])
    assert mapping == ["date", "open", "high", "low", "close"]


def test_a_tickers_bar_under_a_sessions_word_keeps_its_high_and_low():
    # Philip Morris's ("PM") and ON Semiconductor's bars: the word names the open and close too.
    for label in ("PM", "ON"):
        header = [["Date"], [f"{label} Open"], [f"{label} High"], [f"{label} Low"], [f"{label} Close"]]
        assert map_canonical(header, [D, F, F, F, F], [["2024-01-02", "1.0", "1.2", "0.9", "1.1"]]) == \
            ["date", "open", "high", "low", "close"]


def test_a_ticker_named_close_hugging_the_nav_is_read_under_the_files_decimal_comma():
    # Read with the comma stripped, "102,20" and "102,2044" were 10220 and 1022044, a hundredfold apart:
    # the NAV kept the close. Under the file's marks they are a fifth of a percent apart.
    rows = [f"2023-01-{d:02d};{100 + d},{d % 10}0;{(100 + d + d % 10 / 10) * 1.002:.4f};{5_000_000 + 37 * d}"
            for d in (2, 3, 4, 5, 6, 9)]
    data = ("Datum;GLD Close;NAV;Volume\n" + "\n".join(r.replace(".", ",") for r in rows) + "\n").encode()
    schema = detect_bytes(data, "GLD.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ["GLD Close"]
    closes = normalise_bytes(data, schema, "GLD.csv").prices["close"].tolist()
    assert closes == [102.2, 103.3, 104.4, 105.5, 106.6, 109.9]


def test_a_table_of_indices_names_each_rows_index_under_index():
    # Kaggle's "Stock Exchange Data" (indexProcessed.csv): each row's index under "Index", its close
    # in dollars beside its own. Unmapped, every row was rejected as an unnamed series.
    rows = "".join(f"{code},1987-01-0{d},{p + d},{p + d + 5},{p + d - 5},{p + d + 1},{p + d + 1},0.0,{(p + d) / 8}\n"
                   for code, p in (("HSI", 2500), ("N225", 18800)) for d in (5, 6, 7, 8))
    data = ("Index,Date,Open,High,Low,Close,Adj Close,Volume,CloseUSD\n" + rows).encode()
    schema = detect_bytes(data, "indexProcessed.csv")
    assert [c.canonical for c in schema.columns][:2] == ["ticker", "date"]
    prices = normalise_bytes(data, schema, "indexProcessed.csv").prices
    assert sorted(set(prices["ticker"])) == ["HSI", "N225"]
    assert prices[prices["ticker"] == "N225"]["close"].tolist() == [18806.0, 18807.0, 18808.0, 18809.0]


def test_a_row_number_under_index_is_no_ticker():
    # A pandas dump's row numbers: the file is one instrument's, named by the file.
    data = ("index,Date,Open,High,Low,Close,Volume\n"
            + "".join(f"{k},2024-01-0{k + 2},10.{k},11.{k},9.{k},10.{k + 1},{1000 + k}\n" for k in range(4))).encode()
    prices = normalise_bytes(data, detect_bytes(data, "ACME.csv"), "ACME.csv").prices
    assert set(prices["ticker"]) == {"ACME"} and len(prices) == 4


def test_sets_thai_header_maps_its_prices_and_its_thousands_of_shares():
    # SET's historical prices in Thai, dated in the Buddhist era: refused for want of a close.
    data = ("วันที่,ราคาเปิด,ราคาสูงสุด,ราคาต่ำสุด,ราคาปิด,เปลี่ยนแปลง,%เปลี่ยนแปลง,ปริมาณ(พันหุ้น),มูลค่า(ล้านบาท)\n"
            '12/01/2567,34.75,35.00,34.50,34.75,0.00,0.00,"28,451.20",990.12\n'
            '11/01/2567,34.50,34.75,34.25,34.75,0.25,0.72,"31,220.50","1,080.33"\n'
            '10/01/2567,34.75,34.75,34.25,34.50,-0.25,-0.72,"25,112.80",864.71\n').encode()
    schema = detect_bytes(data, "PTT.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close", None, None, "volume", None]
    prices = normalise_bytes(data, schema, "PTT.csv").prices.sort_values("date")
    assert prices["date"].astype(str).tolist() == ["2024-01-10", "2024-01-11", "2024-01-12"]
    assert prices["close"].tolist() == [34.5, 34.75, 34.75]
    assert prices["open"].tolist() == [34.75, 34.5, 34.75]
    assert prices["volume"].tolist() == [25_112_800, 31_220_500, 28_451_200]


@pytest.mark.parametrize("header,labels", [("Index", ["r0", "r1", "r2", "r3"]),
                                           ("index", ["row1", "row2", "row3", "row4"]),
                                           ("Name", ["a1", "a2", "a3", "a4"]),
                                           ("", ["row1", "row2", "row3", "row4"])])  # pandas: the index unnamed
def test_row_labels_under_index_or_name_are_no_tickers(header, labels):
    # A pandas dump of one series with text row labels: each row had loaded as an instrument of its own.
    rows = "".join(f"{label},2024-01-0{k + 2},10.{k},11.{k},9.{k},10.{k + 1},{1000 + k}\n"
                   for k, label in enumerate(labels))
    data = (f"{header},Date,Open,High,Low,Close,Volume\n" + rows).encode()
    schema = detect_bytes(data, "ACME.csv")
    assert schema.columns[0].canonical is None
    prices = normalise_bytes(data, schema, "ACME.csv").prices
    assert set(prices["ticker"]) == {"ACME"} and prices["close"].tolist() == [10.1, 10.2, 10.3, 10.4]


def test_a_day_of_indices_keeps_each_rows_index():
    # One row per index on one date: each label once, but the dates shared; the rows are the indices'.
    closes = {"SPX": 4697.2, "DJI": 37466.1, "N225": 33377.4, "HSI": 16535.3}
    data = ("Index,Date,Close\n" + "".join(f"{code},2024-01-05,{close}\n" for code, close in closes.items())).encode()
    prices = normalise_bytes(data, detect_bytes(data, "indices.csv"), "indices.csv").prices
    assert dict(zip(prices["ticker"], prices["close"])) == closes


@pytest.mark.parametrize("other", ["Company", "Stock", "Name"])
def test_the_index_a_stock_belongs_to_yields_to_the_stocks_name(other):
    # "NIFTY 50" on every row, the stocks under their own column: taken for the ticker, "Index" had
    # every row rejected as one ticker's conflicting series.
    rows = "".join(f"NIFTY 50,{stock},2024-01-0{d},{p + d}.5,{1000 + d}\n"
                   for stock, p in (("RELIANCE", 2500), ("TCS", 3700)) for d in (2, 3, 4, 5))
    data = (f"Index,{other},Date,Close,Volume\n" + rows).encode()
    schema = detect_bytes(data, "nifty_stocks.csv")
    assert [c.canonical for c in schema.columns][:2] == [None, "ticker"]
    result = normalise_bytes(data, schema, "nifty_stocks.csv")
    assert len(result.rejected) == 0
    assert result.prices[result.prices["ticker"] == "TCS"]["close"].tolist() == [3702.5, 3703.5, 3704.5, 3705.5]


def test_an_index_column_past_a_stocks_prices_names_no_ticker():
    # The index the stock belongs to, on each of its rows: its rows had loaded as ticker SPX.
    data = ("Date,Open,High,Low,Close,Volume,Index\n" + "".join(
        f"2024-01-0{d},10.{d},11.{d},9.{d},10.{d + 1},{1000 + d},SPX\n" for d in (2, 3, 4, 5))).encode()
    schema = detect_bytes(data, "ACME.csv")
    assert schema.columns[-1].canonical is None
    assert set(normalise_bytes(data, schema, "ACME.csv").prices["ticker"]) == {"ACME"}


@pytest.mark.parametrize("name", ["tableau_index_daily.csv", "TASI Index History.csv", "index.csv"])
def test_an_index_column_past_the_prices_of_a_file_named_an_index_s_is_the_ticker(name):
    # sa_tadawul_2025's tableau_index_daily.csv: the index's own levels, its name on each row. Read as the
    # index a stock belongs to, they had loaded under the file's name, TABLEAU_INDEX_DAILY.
    data = ("Date,Open,High,Low,Close,Index,Quarter\n" + "".join(
        f"2025-12-{d},10{d}.1,10{d}.9,10{d}.0,10{d}.5,Tadwul All Share Index (TASI),2025Q4\n"
        for d in (29, 30, 31))).encode()
    schema = detect_bytes(data, name)
    assert [c.canonical for c in schema.columns][-2:] == ["ticker", None]
    prices = normalise_bytes(data, schema, name).prices
    assert prices["ticker"].tolist() == ["TADWUL ALL SHARE INDEX (TASI)"] * 3
    assert prices["close"].tolist() == [1029.5, 1030.5, 1031.5]


@pytest.mark.parametrize("name", ["index_fund_VFIAX.csv", "index_stocks_ACME.csv"])
def test_an_index_column_past_a_tracker_s_prices_names_no_ticker_though_its_file_says_index(name):
    # A fund tracking an index, a member's prices: the index named is not the series (loaded as it, silent).
    data = ("Date,Close,Index\n" + "".join(f"2024-01-0{d},10.{d},S&P 500 Index\n" for d in (2, 3, 4))).encode()
    schema = detect_bytes(data, name)
    assert schema.columns[-1].canonical is None


@pytest.mark.parametrize(("name", "index"), [
    # A stock's file its name ties to an index, its benchmark beside its prices: had loaded as S&P 500 (or
    # the benchmark's long name), under the index's own series, where the stock's file name had named it.
    ("ACME_index.csv", "S&P 500"), ("index_data_ACME.csv", "S&P 500"), ("ACME_with_index.csv", "VN30"),
    ("ACME_index_membership.csv", "S&P 500 Index"), ("ACME vs index.csv", "S&P 500 Index"),
    ("index_composition.csv", "S&P 500 Index"),
])
def test_an_index_column_of_a_stock_s_file_named_with_index_names_no_ticker(name, index):
    data = ("Date,Open,High,Low,Close,Volume,Index\n" + "".join(
        f"2024-01-0{d},10.0,11.0,9.5,10.{d},1000,{index}\n" for d in (2, 3, 4))).encode()
    schema = detect_bytes(data, name)
    assert schema.columns[-1].canonical is None
    assert index.upper() not in set(normalise_bytes(data, schema, name).prices["ticker"])


def test_an_index_column_past_the_prices_that_keys_the_dates_is_the_ticker():
    data = ("Date,Close,Index\n" + "".join(f"2024-01-0{d},{p + d}.5,{code}\n" for d in (2, 3, 4)
                                           for code, p in (("SPX", 4700), ("NDX", 16800)))).encode()
    prices = normalise_bytes(data, detect_bytes(data, "indices.csv"), "indices.csv").prices
    assert prices[prices["ticker"] == "NDX"]["close"].tolist() == [16802.5, 16803.5, 16804.5]


_ISY_DAYS = ["02-01-2024", "03-01-2024", "04-01-2024", "05-01-2024", "08-01-2024"]


def _isyatirim(fields: str) -> bytes:
    """İş Yatırım's HisseTekil rows for THYAO, of the fields named (HGDG_ adjusted, HG_ as traded)."""
    values = {"HGDG_HS_KODU": "THYAO", "HGDG_KAPANIS": "240.5", "HGDG_AOF": "240.1", "HGDG_MIN": "237.5",
              "HGDG_MAX": "243.5", "HGDG_HACIM": "1248000000.0", "HG_KAPANIS": "250.0", "HG_AOF": "249.6",
              "HG_MIN": "247.0", "HG_MAX": "253.0", "HG_HACIM": "1248000000.0", "PD": "345000000000"}
    names = fields.split(",")
    rows = [",".join(day if n == "HGDG_TARIH" else values[n] for n in names) for day in _ISY_DAYS]
    return (fields + "\n" + "\n".join(rows) + "\n").encode()


def test_isyatirim_s_history_loads_its_closes_as_traded_under_its_code():
    # Refused before as several tickers' prices side by side ("HGDG" a ticker beside "KAPANIS").
    data = _isyatirim("HGDG_HS_KODU,HGDG_TARIH,HGDG_KAPANIS,HGDG_AOF,HGDG_MIN,HGDG_MAX,HGDG_HACIM,"
                      "HG_KAPANIS,HG_AOF,HG_MIN,HG_MAX,HG_HACIM,PD")
    schema = detect_bytes(data, "THYAO.csv")
    mapped = {c.name: c.canonical for c in schema.columns if c.canonical}
    assert mapped == {"HGDG_HS_KODU": "ticker", "HGDG_TARIH": "date", "HGDG_KAPANIS": "adj_close",
                      "HG_KAPANIS": "close", "HG_MIN": "low", "HG_MAX": "high"}  # HACIM is lira traded
    prices = normalise_bytes(data, schema, "THYAO.csv").prices
    assert set(prices.ticker) == {"THYAO"} and set(prices.close) == {250.0} and prices.volume.isna().all()


def test_isyatirim_s_adjusted_fields_alone_are_refused_for_want_of_a_close():
    # Loaded before as ticker "HGDG" with the adjusted close for the close and lira traded for shares.
    data = _isyatirim("HGDG_HS_KODU,HGDG_TARIH,HGDG_KAPANIS,HGDG_AOF,HGDG_MIN,HGDG_MAX,HGDG_HACIM")
    schema = detect_bytes(data, "THYAO.csv")
    result = normalise_bytes(data, schema, "THYAO.csv")
    assert result.prices.empty and "only an adjusted close" in result.file_problem


@pytest.mark.parametrize(("header", "rows", "closes"), [
    # a daily rupiah rate, real files round 49
    ("date,rate_idr,fetched_at", ["2026-01-19,16974,2026-01-20 01:23:57", "2026-01-20,16946,2026-01-21 01:26:39",
                                  "2026-01-21,16911,2026-01-22 01:26:41"], [16974.0, 16946.0, 16911.0]),
    # two rates, neither the file's one figure: refused, as before
    ("Date,USD Rate,EUR Rate", ["2026-01-19,5.33,3.90", "2026-01-20,5.33,3.91", "2026-01-21,5.32,3.90"], []),
    # a price or a NAV in its currency (real files round 51): a JSE ETF's NAV in cents, a metal's price
    ("fund_code,nav_zac,nav_date,source_url", ["EASYAI,10899.66,2026-05-11,https://etfs.example/easyai",
                                               "EASYAI,11494.01,2026-05-12,https://etfs.example/easyai",
                                               "EASYAI,11274.39,2026-05-13,https://etfs.example/easyai"],
     [10899.66, 11494.01, 11274.39]),
    ("date,price_usd,source", ["2026-02-03,50.06,Kitco", "2026-02-04,88.07,Kitco", "2026-02-06,77.69,Kitco"],
     [50.06, 88.07, 77.69]),
    ("Date,Price USD,Price EUR", ["2026-01-19,5.33,3.90", "2026-01-20,5.33,3.91", "2026-01-21,5.32,3.90"], []),
    # its currency in brackets after it too (a rand's cents are the rand's): "no close column" before; not
    # another currency's, nor a percent
    ("fund_code,nav_zac (ZAR),nav_date", ["EASYAI,10899.66,2026-05-11", "EASYAI,11494.01,2026-05-12",
                                          "EASYAI,11274.39,2026-05-13"], [10899.66, 11494.01, 11274.39]),
    ("date,rate_idr (IDR)", ["2026-01-19,16974", "2026-01-20,16946", "2026-01-21,16911"], [16974.0, 16946.0, 16911.0]),
    ("date,rate_idr (USD)", ["2026-01-19,16974", "2026-01-20,16946", "2026-01-21,16911"], []),
    ("date,nav_usd (%)", ["2026-01-19,5.33", "2026-01-20,5.33", "2026-01-21,5.32"], []),
    # a rate in brackets' currency beside a trade's amount stays a trade's, as before
    ("Date,Rate (USD),Amount", ["2026-01-19,5.33,1200", "2026-01-20,5.33,900", "2026-01-21,5.32,1500"], []),
])
def test_rate_in_a_currency_is_the_close_as_the_one_figure(header, rows, closes):
    # Each file of one figure had "no close column" and every row rejected.
    data = "\n".join([header, *rows, ""]).encode()
    result = normalise_bytes(data, detect_bytes(data, "exchange_rates.csv"), "exchange_rates.csv")
    assert result.prices.close.tolist() == closes
    assert bool(result.file_problem) == (not closes)


_TRADES = ("2025-01-03,Apple Inc,10,185.2,1852\n2025-01-06,Microsoft Corp,5,370.1,1850.5\n"
           "2025-01-07,Apple Inc,3,184.0,552\n")


@pytest.mark.parametrize(("text", "closes"), [
    # Pension funds' NAVs, long by fund (real files round 49): "no close column", every row rejected.
    ("date,provider,fund,unit_value,net_assets\n2025-01-03,ALLIANZ,Allianz D1,1.0,566082\n"
     "2025-01-06,ALLIANZ,Allianz D1,1.0038,568264\n2025-01-03,SEB,SEB 1970-1976,2.1,1200\n"
     "2025-01-06,SEB,SEB 1970-1976,2.11,1210\n", [1.0, 1.0038, 2.1, 2.11]),
    # A trade's or an inventory's unit value beside its quantity and amount is a holding's, as "Price" is.
    ("Trade Date,Name,Quantity,Unit Value,Amount\n" + _TRADES, []),
    ("Date,Item,Quantity,Unit Value,Total Value\n" + _TRADES, []),
])
def test_a_fund_s_unit_value_is_its_close(text, closes):
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "nav_history.csv"), "nav_history.csv")
    assert sorted(result.prices.close.tolist()) == closes


def test_a_won_s_base_rate_is_its_daily_close():
    # A Korean sheet's USD/KRW history (date, base rate), real files round 49: "no close column", every row rejected.
    data = "날짜,매매기준율\n2025-08-04,1399.30\n2025-08-05,1384.90\n2025-08-06,1386.70\n".encode()
    prices = normalise_bytes(data, detect_bytes(data, "fx_std.csv"), "fx_std.csv").prices
    assert prices.close.tolist() == [1399.3, 1384.9, 1386.7] and set(prices.ticker) == {"FX_STD"}


@pytest.mark.parametrize(("text", "closes"), [
    # A Chinese fund house's NAV history keyed by each fund's numbered code: every row was rejected as an
    # unnamed series, "fund_id" read as an extra column of whole numbers (real files round 50).
    ('"fund_id","trade_date","nav_unit"\n"513050","2022-03-03 00:00:00","1.0599"\n'
     '"513050","2022-03-02 00:00:00","1.0936"\n"162605","2022-03-03 00:00:00","2.576"\n'
     '"162605","2022-03-02 00:00:00","2.628"\n', {"513050": [1.0936, 1.0599], "162605": [2.628, 2.576]}),
    ("fund code,date,nav\n0P0000XYZ1,2024-01-02,10.5\n0P0000XYZ1,2024-01-03,10.6\n"
     "0P0000ABC2,2024-01-02,20.1\n0P0000ABC2,2024-01-03,20.2\n",
     {"0P0000XYZ1": [10.5, 10.6], "0P0000ABC2": [20.1, 20.2]}),
    # An Indonesian gold price under "Harga" (price): "no close column", every row rejected.
    ("Harga,Tanggal\n2.255.625,6 Oct 2025\n2.260.000,7 Oct 2025\n2.270.500,8 Oct 2025\n",
     {"PRICES": [2255625.0, 2260000.0, 2270500.0]}),
    ("Tanggal;Harga\n06/10/2025;1.950,50\n07/10/2025;1.962,25\n", {"PRICES": [1950.5, 1962.25]}),
    # "Harga" with the field's word names a bar's field: beside "Harga Penutupan" (closing price) a plain
    # "Harga" had loaded as the close (silent), and the bar alone had "no close column".
    ("Tanggal,Harga,Harga Penutupan\n2024-01-02,100,105\n2024-01-03,105,108\n", {"PRICES": [105.0, 108.0]}),
    ("Tanggal,Harga Pembukaan,Harga Tertinggi,Harga Terendah,Harga Penutupan\n2024-01-02,100,110,95,105\n"
     "2024-01-03,105,112,100,108\n", {"PRICES": [105.0, 108.0]}),
    # ICE Brent futures' settlements, one contract's rows after another's: "SettlePrice" unread ("no close
    # column"), and under "Settle" every contract's rows taken for one series under the file's name.
    ("Date,Contract,SettlePrice\n2026-07-06,BRN Dec26,71.99\n2026-07-07,BRN Dec26,74.16\n"
     "2026-07-06,BRN Oct26,72.50\n2026-07-07,BRN Oct26,74.80\n",
     {"BRN DEC26": [71.99, 74.16], "BRN OCT26": [72.5, 74.8]}),
    ("Date,Contract,Settle\n2026-07-06,BRN Dec26,71.99\n2026-07-07,BRN Dec26,74.16\n"
     "2026-07-08,BRN Oct26,75.10\n2026-07-09,BRN Oct26,76.20\n",
     {"BRN DEC26": [71.99, 74.16], "BRN OCT26": [75.1, 76.2]}),
    # An exchange's metals by "Commodity" or "Metal" beside the price's currency: an unnamed series.
    ("Date,Commodity,Currency,Value\n21 October 2019,LME Copper,US$,\"5,820.00\"\n21 October 2019,LME Zinc,US$,"
     "\"2,500.00\"\n22 October 2019,LME Copper,US$,\"5,851.50\"\n22 October 2019,LME Zinc,US$,\"2,512.00\"\n",
     {"LME COPPER": [5820.0, 5851.5], "LME ZINC": [2500.0, 2512.0]}),
    ("Date,Metal,Price\n2024-01-02,Gold,2050.5\n2024-01-02,Silver,23.1\n2024-01-03,Gold,2042.1\n2024-01-03,Silver,23.0\n",
     {"GOLD": [2050.5, 2042.1], "SILVER": [23.1, 23.0]}),
    # A real's daily dollar rate under Portuguese "taxa" (rate), Spanish "tasa": "no close column", where
    # English "rate" loaded.
    ("data,moeda_base,moeda_alvo,taxa\n2024-10-28,USD,BRL,5.6896\n2024-10-29,USD,BRL,5.7187\n",
     {"PRICES": [5.6896, 5.7187]}),
    ("fecha,tasa\n2024-10-28,18.95\n2024-10-29,19.02\n", {"PRICES": [18.95, 19.02]}),
    # Round 51: TEFAS's export of Turkish funds' prices by "Fon Kodu" (fund code), rejected as an unnamed
    # series; a Chinese fund's NAV under plain "净值", "no close column".
    ('Dışa Aktarım Tarihi:,12.08.2026 16:15:32\nToplam Kayıt Sayısı:,4\n\n'
     "Fon Kodu,Fon Adı,Tarih,Fiyat,Tedavüldeki Pay Sayısı,Kişi Sayısı,Fon Toplam Değer\n"
     'AAL,ATA PORTFÖY PARA PİYASASI (TL) FONU,11.08.2026,"3,45037",627139489.00,4494,"2163863429,07"\n'
     'AAS,ATA PORTFÖY FON SEPETİ SERBEST FONU,11.08.2026,"12,683358",1367732.00,143,"17347434,75"\n'
     'AAL,ATA PORTFÖY PARA PİYASASI (TL) FONU,12.08.2026,"3,45512",627139489.00,4494,"2166842421,08"\n'
     'AAS,ATA PORTFÖY FON SEPETİ SERBEST FONU,12.08.2026,"12,690001",1367732.00,143,"17356520,12"\n',
     {"AAL": [3.45037, 3.45512], "AAS": [12.683358, 12.690001]}),
    ("代码,名称,净值,涨跌,近1月,近3月,近6月,近1年,日期\n005827,易方达蓝筹,1.8887,-2.12,-3.47,17.54,3.09,-3.06,20241108\n",
     {"005827": [1.8887]}),
])
def test_real_files_round_50_plain_histories_load(text, closes):
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv").prices
    got = {t: prices[prices.ticker == t].sort_values("date").close.tolist() for t in set(prices.ticker)}
    assert got == closes


@pytest.mark.parametrize("names", [("S&P 500",), ("S&P 500", "KOSPI", "NASDAQ")])
def test_a_korean_name_column_names_each_series(names):
    # A Google Sheet's long table of indices under Korean headers (name, date, close), real files round 49:
    # one index had loaded under the file's name ("INDICES_HISTORY"), several were refused as unnamed series.
    rows = "".join(f"{n},2021-09-{d},{100 * (i + 1) + d}\n" for i, n in enumerate(names) for d in (20, 21, 22))
    data = f"이름,날짜,종가\n{rows}".encode()
    prices = normalise_bytes(data, detect_bytes(data, "indices_history.csv"), "indices_history.csv").prices
    assert sorted(set(prices.ticker)) == sorted(names) and len(prices) == 3 * len(names)
    assert prices[prices.ticker == "S&P 500"].close.tolist() == [120.0, 121.0, 122.0]


@pytest.mark.parametrize("header,ticker", [
    ("일자,지수명,종목명,종가", "삼성전자"),  # the index the stock belongs to, left of the stock's name
    ("기준일,펀드명,이름,기준가", "미래에셋성장"),  # a fund's name beside its manager's
    ("기준일,이름,펀드명,기준가", "미래에셋성장"),
    ("Date,Name,Fund Name,NAV", "CONTRAFUND"),  # the manager's plain name left of the fund's
    ("Date,Name,Fund,NAV", "GROWTH A"),  # beside a bare "Fund" (the house), "Name" names the rows
])
def test_a_korean_instrument_s_name_outranks_a_group_s_or_a_person_s(header, ticker):
    # Since 95cd352 the index's name (지수명) tied the stock's and, leftmost, loaded Samsung's closes as
    # "KOSPI200"; the fund's name unread, its manager's name (이름) named the fund's rows (silent). A
    # plain "Name" (이름) left of the fund's tied it and, leftmost, named the rows by the manager (silent).
    fields = header.split(",")
    rows = {"지수명": "KOSPI200", "종목명": "삼성전자", "펀드명": "미래에셋성장", "이름": "홍길동",
            "Name": "Fidelity" if "Fund Name" in fields else "Growth A", "Fund Name": "Contrafund", "Fund": "ABC Funds"}
    data = (header + "\n" + "".join(
        ",".join(f"2024-01-0{d}" if i == 0 else str(100 + d) if i == 3 else rows[f] for i, f in enumerate(fields))
        + "\n" for d in (2, 3, 4))).encode()
    prices = normalise_bytes(data, detect_bytes(data, "k.csv"), "k.csv").prices
    assert set(prices.ticker) == {ticker} and prices.close.tolist() == [102.0, 103.0, 104.0]


_CODES = ("AAPL,Apple Inc", "MSFT,Microsoft Corp")
_HOUSES = ("VANGUARD,Vanguard 500 Index", "FIDELITY,Fidelity Contrafund")


@pytest.mark.parametrize("header,pair,tickers", [
    # A plain "Name" of codes beside each one's long name: the codes, as in a history's files of "Name" alone
    # (since 12b27cf the long names had renamed every series, silent).
    ("Date,Name,Security Name,Close", _CODES, {"AAPL", "MSFT"}),
    ("Date,Name,Fund Name,Close", _CODES, {"AAPL", "MSFT"}),
    # ... but a house in capitals, each with one fund, is the first word of its fund's name: the fund's
    # name is the ticker (since 0fa6fa6 the houses had named the funds' series, silent).
    ("Date,Name,Fund Name,Close", _HOUSES, {"VANGUARD 500 INDEX", "FIDELITY CONTRAFUND"}),
    # ... and a code that is its company's first word is no house (since adc8393 the long names, silent).
    ("Date,Name,Security Name,Close", ("IBM,IBM Corp", "META,Meta Platforms"), {"IBM", "META"}),
    ("Date,Name,Fund Name,Close", ("IBM,IBM Corp", "SNAP,Snap Inc"), {"IBM", "SNAP"}),
])
def test_a_plain_name_of_codes_stays_the_ticker_beside_long_names(header, pair, tickers):
    a, b = pair
    data = (f"{header}\n2024-01-02,{a},185.64\n2024-01-02,{b},370.87\n"
            f"2024-01-03,{a},184.25\n2024-01-03,{b},370.60\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "k.csv"), "k.csv").prices
    assert set(prices.ticker) == tickers and len(prices) == 4


@pytest.mark.parametrize("header,days", [
    # A day named for the price right of one named for a report or a valuation, both weak names of a date:
    # the leftmost had dated each price a day late (silent).
    ("Calculation Date,Quote Date,Ticker,Close", ["2024-01-02", "2024-01-03"]),
    ("Valuation Date,NAV Date,Ticker,NAV", ["2024-01-02", "2024-01-03"]),
    ("As Of,Price Date,Ticker,Close", ["2024-01-02", "2024-01-03"]),
    # The price's day left of the other, or two days neither named for the price: the leftmost, as before.
    ("NAV Date,Valuation Date,Ticker,NAV", ["2024-01-02", "2024-01-03"]),
    ("Report Date,Effective Date,Ticker,Close", ["2024-01-03", "2024-01-04"]),
    ("Trade Date,Settlement Date,Ticker,Close", ["2024-01-02", "2024-01-03"]),
])
def test_a_price_s_own_day_outranks_a_report_s(header, days):
    first, second = ("2024-01-03", "2024-01-04"), ("2024-01-02", "2024-01-03")
    if header.split(",")[0] in ("NAV Date", "Trade Date"):
        first, second = second, first
    rows = "".join(f"{a},{b},AAPL,{c}\n" for a, b, c in zip(first, second, (185.64, 184.25)))
    data = f"{header}\n{rows}".encode()
    prices = normalise_bytes(data, detect_bytes(data, "p.csv"), "p.csv").prices
    assert [str(d)[:10] for d in prices.date] == days and prices.close.tolist() == [185.64, 184.25]


@pytest.mark.parametrize("text,closes", [
    # A trade log's rate converting each trade's amount, its quantities not the day's volume: the rate had
    # loaded as the close, the quantity as the volume (silent, since before 03cd815).
    ("Trade Date,Name,Quantity,Unit Price,FX Rate,Amount\n2024-01-02,Apple,10,185.64,1300.50,2414270\n"
     "2024-01-03,Apple,5,184.25,1305.20,1202400\n2024-01-04,Tesla,3,237.93,1310.10,935170\n", []),
    ("Trade Date,Name,Quantity,FX Rate,Amount\n2024-01-02,Apple,10,1300.50,2414270\n"
     "2024-01-03,Apple,5,1305.20,1202400\n2024-01-04,Tesla,3,1310.10,935170\n", []),
    ("Date,Item,Qty,Rate USD\n2024-01-02,Widget,10,5.25\n2024-01-03,Gadget,5,7.50\n2024-01-04,Widget,3,5.25\n", []),
    ("날짜,수량,환율\n2024-01-02,10,1300.5\n2024-01-03,5,1305.2\n2024-01-04,3,1310.1\n", []),
    # A trade book's plain "Rate", each trade's price per unit (silent: the closes and volumes of trades).
    ("Date,Symbol,Qty,Rate\n2024-01-02,INFY,10,1510.25\n2024-01-05,TCS,3,3720.10\n2024-01-09,INFY,25,1498\n", []),
    # ... each ticker traded on the day between, one the day before, the other after (silent since f0f5a23),
    # or one traded every day, the other on the day between alone.
    ("Date,Symbol,Qty,Rate\n2024-01-02,INFY,10,1510.25\n2024-01-03,INFY,5,1512\n2024-01-03,TCS,3,3720.10\n"
     "2024-01-04,TCS,25,3711.50\n", []),
    ("Date,Symbol,Qty,Rate\n2024-01-02,INFY,10,1510.25\n2024-01-03,INFY,5,1512\n2024-01-03,TCS,3,3720.10\n"
     "2024-01-04,INFY,25,1511.50\n", []),
    # A day's rate beside its bid and ask, buy and sell, volume, or the units it is quoted per: a rate.
    ("Date,FX Rate,Bid,Ask\n2024-01-02,1.0950,1.0949,1.0951\n2024-01-03,1.0930,1.0929,1.0931\n", [1.095, 1.093]),
    ("Fecha,Tipo de Cambio,Compra,Venta\n2024-01-02,3.70,3.69,3.71\n2024-01-03,3.71,3.70,3.72\n", [3.7, 3.71]),
    ("Date,Rate EUR,Volume\n2024-01-02,1.09,100\n2024-01-03,1.10,120\n", [1.09, 1.1]),
    ("Date,Currency,FX Rate,Units\n2024-01-02,JPY,0.0068,100\n2024-01-03,JPY,0.0069,100\n", [0.0068, 0.0069]),
    ("Date,Rate,Volume\n2024-01-02,1.09,100\n2024-01-03,1.10,120\n", [1.09, 1.1]),
    # A plain "Rate" of a day's bar, or of every ticker's day beside its quantity traded (refused since 30d380a).
    ("Date,Open Rate,High Rate,Low Rate,Rate,Qty\n2024-01-02,1500,1515,1495,1510.25,1520345\n"
     "2024-01-03,1510,1525,1505,1520.10,1320045\n", [1510.25, 1520.1]),
    *((f"Date,Symbol,Qty,{rate}\n2024-01-02,INFY,1520345,1510.25\n2024-01-02,TCS,820345,3720.25\n"
       "2024-01-03,INFY,1320045,1520.10\n2024-01-03,TCS,720045,3731.10\n2024-01-04,INFY,1720099,1498\n"
       "2024-01-04,TCS,920099,3698\n", [1510.25, 3720.25, 1520.1, 3731.1, 1498.0, 3698.0])
      # ... "Rate (INR)" too (refused since 23b7870).
      for rate in ("Rate", "Rate (INR)")),
    # ... TCS listed on the second day.
    ("Date,Symbol,Qty,Rate\n2024-01-02,INFY,10,1510.25\n2024-01-03,INFY,5,1512\n2024-01-03,TCS,3,3720.10\n"
     "2024-01-04,INFY,7,1511\n2024-01-04,TCS,25,3711.50\n", [1510.25, 1512.0, 3720.1, 1511.0, 3711.5]),
    # ... but not a trade log's "FX Rate", though a plan trades each ticker every day (silent since fb3125f),
    # nor its plain "Rate" that is one for every ticker of a day (silent since fb3125f too).
    *((f"Trade Date,Name,Quantity,Unit Price,{rate},Amount\n2024-01-02,AAPL,5,185,0.92,851\n"
       "2024-01-02,MSFT,2,370,0.92,680.8\n2024-01-03,AAPL,7,184,0.91,1172.08\n2024-01-03,MSFT,3,371,0.91,1012.83\n"
       "2024-01-04,AAPL,4,183,0.93,680.76\n2024-01-04,MSFT,6,372,0.93,2075.76\n", []) for rate in ("FX Rate", "Rate")),
])
def test_an_exchange_rate_beside_a_trade_s_quantity_is_no_close(text, closes):
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "fx.csv"), "fx.csv").prices
    assert prices.close.tolist() == closes


@pytest.mark.parametrize("rows,every", [
    ("2 A,2 B,3 A,3 B,4 A,4 B", True),
    ("2 B,3 A,3 B,4 A", False),  # its edges missing as many rows as it has tickers: traded on random days
    ("2 A,3 A,3 B,4 A,4 B", True),  # a whole file's first and last days may miss a ticker listed or delisted
    ("2 A,2 B,3 A,3 B,4 A,4 B,5 A", True),
    ("2 A,2 B,3 A,3 B,3 C,4 A,4 B,4 C", True),  # C listed on the second day of a file read whole
    ("2 A,2 B,3 A,4 A,4 B", False),  # B has no row on an inner day
    ("2 A,2 B,3 A,3 B,3 B,4 A,4 B", False),  # a ticker twice on one day: a book of trades
    ("2 A,3 A,4 A", False),  # one ticker
    ("2 A,2 B,3 A,3 B", False),  # no inner day
    ("2 A,2 C,3 A,3 B,4 A,4 B", False),  # C only on the first day
    ("2 A,2 B,3 A,3,3 B,4 A,4 B", True),  # a short row is left out
    # Five whole days between: each edge may miss half its tickers, C listed late and B gone (refused after
    # 3af4f3e); with four, as many as a few days' trades of each ticker, half between the two edges.
    ("2 A,2 B,3 A,3 B,3 C,4 A,4 B,4 C,5 A,5 B,5 C,6 A,6 B,6 C,7 A,7 B,7 C,8 A,8 C", True),
    ("2 A,2 B,3 A,3 B,3 C,4 A,4 B,4 C,5 A,5 B,5 C,6 A,6 B,6 C,7 A,7 C", False),
    # ... but not where an edge misses more than half: the first day holds one ticker of three.
    ("2 A,3 A,3 B,3 C,4 A,4 B,4 C,5 A,5 B,5 C,6 A,6 B,6 C,7 A,7 B,7 C,8 A,8 C", False),
])
def test_every_ticker_s_day(rows, every):
    body = [row.split(" ")[::-1] for row in rows.split(",")]  # (ticker, day) cells
    assert _every_ticker_s_day(["ticker", "date", "close"], body) is every


@pytest.mark.parametrize("tickers,days", [(300, 4), (100, 30), (50, 400)])
def test_every_ticker_s_daily_rate_stays_the_close_past_the_sample_s_cut_day(tickers, days):
    # An exchange's daily table bigger than the sample: its head ends inside a day, its tail starts inside
    # one. Those days counted as if the tickers past the cut had no row, every row had been refused for
    # "no close column" (loud).
    weekdays = [day for k in range(2 * days) if (day := date(2024, 1, 1) + timedelta(k)).weekday() < 5][:days]
    rows = "".join(f"{day},S{t:03d},{1000 + 7 * t + d},{10 + t + d / 100:.2f}\n"
                   for d, day in enumerate(weekdays) for t in range(tickers))
    data = f"Date,Symbol,Qty,Rate\n{rows}".encode()
    result = normalise_bytes(data, detect_bytes(data, "rates.csv"), "rates.csv")
    assert len(result.prices) == tickers * days and result.rejected.empty
    last = result.prices[result.prices.ticker == f"S{tickers - 1:03d}"].sort_values("date").iloc[-1]
    assert str(last.date)[:10] == str(weekdays[-1]) and last.volume == 1000 + 7 * (tickers - 1) + days - 1
    assert last.close == round(10 + tickers - 1 + (days - 1) / 100, 2)


def _daily_rates(days: int, listed: Callable[[int, int], bool]) -> bytes:
    """A 'Date,Symbol,Qty,Rate' table of 300 tickers (S000...) over `days` weekdays, ticker t on day d where
    `listed(t, d)`: 38 KB and more, past the 16 KB quick head."""
    weekdays = [day for k in range(2 * days) if (day := date(2024, 1, 1) + timedelta(k)).weekday() < 5][:days]
    return ("Date,Symbol,Qty,Rate\n" + "".join(f"{day},S{t:03d},{1000 + 7 * t + d},{10 + t + d / 100:.2f}\n"
                                              for d, day in enumerate(weekdays) for t in range(300)
                                              if listed(t, d))).encode()


@pytest.mark.parametrize("days,listed", [
    (4, lambda t, d: t != 5 or d > 0),  # S005 listed on the second day
    (10, lambda t, d: t != 5 or d > 0),
    (10, lambda t, d: t != 7 or d < 9),  # S007 gone on the last
    (10, lambda t, d: (t != 5 or d > 0) and (t != 9 or d < 9)),
])
def test_a_daily_rate_table_past_the_quick_head_keeps_a_listing_at_its_edges(days, listed):
    # Its own first or last day then misses a ticker the sample holds: judged as a trade book's, the rate
    # was no close and every row refused (loud, since 07759bd), where the same table read whole loaded.
    data = _daily_rates(days, listed)
    result = normalise_bytes(data, detect_bytes(data, "rates.csv"), "rates.csv")
    assert len(result.prices) == sum(listed(t, d) for t in range(300) for d in range(days))
    assert result.rejected.empty and result.prices[result.prices.ticker == "S005"].close.iloc[-1] == 15.0 + (
        days - 1) / 100


@pytest.mark.parametrize("listed,traded", [(2000, 400), (310, 300)])
def test_a_trade_book_of_many_tickers_a_day_past_the_quick_head_has_no_close(listed, traded):
    # Each day trades 400 of 2,000 tickers once: its first day misses most of the sample's, no listing. Or 300
    # of 310: it misses one in thirty, as no day of listings does (silent since 2a8e035).
    pick = random.Random(8)
    rows = "".join(f"2024-01-0{day},{s},{pick.randint(1, 500)},{pick.randint(1000, 900000) / 100:.2f}\n"
                   for day in (2, 3, 4, 5, 8)
                   for s in sorted(pick.sample([f"T{i:04d}" for i in range(listed)], traded)))
    data = f"Date,Symbol,Qty,Rate\n{rows}".encode()
    assert normalise_bytes(data, detect_bytes(data, "book.csv"), "book.csv").prices.empty


@pytest.mark.parametrize("header,name", [
    ("Date;Symbol;Indexvalue;", "Indexvalue"),  # STOXX's h_<index>.txt
    ("Datum;Ausgabepreis;Rücknahmepreis;Währung", "Rücknahmepreis"),  # a German fund's price history
    ("Date;Exchange rate", "Exchange rate"),
])
def test_an_index_value_a_redemption_price_and_an_exchange_rate_are_the_close(header, name):
    # Real CSV round 29: each file had "no close column".
    cells = {"Date": "{d:02d}.07.2026", "Datum": "{d:02d}.07.2026", "Symbol": "SX5E", "Währung": "EUR"}
    rows = "".join(";".join(cells.get(h, "1{d}3,5").format(d=d) for h in header.rstrip(";").split(";"))
                   + (";" if header.endswith(";") else "") + "\n" for d in range(6, 11))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "h_sx5e.txt")
    assert [c.name for c in schema.columns if c.canonical == "close"] == [name]


@pytest.mark.parametrize("header,name", [
    ("Date;Valeur liquidative;Actif net (EUR);Devise", "Valeur liquidative"),  # a French fund house's NAV history
    ("Fecha;Valor liquidativo;Patrimonio", "Valor liquidativo"),  # a Spanish fund's
    ("Data;Valore quota;Patrimonio netto", "Valore quota"),  # an Italian fund's
    ("Datum;Anteilwert;Fondsvermögen", "Anteilwert"),  # a German or Austrian fund's
    # An Argentine fund's "valor cuotaparte" (abbreviated "vcp"), a Chilean's "Valor Cuota", CVM's VL_QUOTA
    ("fecha;vcp;patrimonio", "vcp"), ("Fecha;Valor Cuotaparte;Patrimonio", "Valor Cuotaparte"),
    ("Fecha;Valor Cuota;Patrimonio Neto", "Valor Cuota"), ("DT_COMPTC;VL_QUOTA;VL_PATRIM_LIQ", "VL_QUOTA"),
    # A Chinese fund's unit NAV (not its cumulative one), a Japanese trust's 基準価額, a Korean fund's 기준가
    ("净值日期;单位净值;累计净值", "单位净值"),
    ("年月日;基準価額(円);純資産総額（百万円）", "基準価額(円)"),
    ("일자;기준가;순자산총액", "기준가"),
])
def test_a_fund_s_net_asset_value_in_other_languages_is_the_close(header, name):
    # Real files round 32 (an Amundi-style NAV workbook): the NAV unnamed, the file had "no close column"
    # and every row was rejected. The fund's net assets beside it stay no price.
    names = header.split(";")
    cells = ["{d:02d}/07/2026", "45{d},12", "14143164{d}", "EUR"][: len(names)]
    rows = "".join(";".join(cells).format(d=d) + "\n" for d in range(6, 11))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "fund.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == [name]
    assert [c.name for c in schema.columns if c.canonical == "date"] == [names[0]]


def test_a_fund_s_unit_nav_is_its_close_dated_by_its_nav_date():
    # Real files round 60 (Tushare's fund_nav, an akshare ETF export): "unit_nav", 单位净值 in English word
    # order, was no close; Tushare's file was refused as holding only an adjusted close ("adj_nav") and the
    # ETF's had "no close column". Its NAV's date, not the day it was announced, dates each row, and the
    # cumulative NAV (accum_nav) and the fund's net assets stay no price.
    data = ("ts_code,ann_date,nav_date,unit_nav,accum_nav,net_asset,adj_nav\n"
            "011629.OF,20230421,20230331,0.8167,0.8167,193765536.97,0.8167\n"
            "014412.OF,20230421,20230331,1.2982,1.5192,5904645619.51,1.56206664\n"
            "011629.OF,20230119,20230103,0.8835,0.8835,229083021.32,0.8835\n"
            "014412.OF,20230118,20230103,1.2281,1.4491,4261170157.37,1.47771841\n").encode()
    schema = detect_bytes(data, "fund_nav.csv")
    assert {c.name: c.canonical for c in schema.columns if c.canonical} == {
        "ts_code": "ticker", "nav_date": "date", "unit_nav": "close", "adj_nav": "adj_close"}
    prices = normalise_bytes(data, schema, "fund_nav.csv").prices.sort_values(["ticker", "date"])
    assert [(r.ticker, f"{r.date:%Y-%m-%d}", r.close) for r in prices.itertuples()] == [
        ("011629.OF", "2023-01-03", 0.8835), ("011629.OF", "2023-03-31", 0.8167),
        ("014412.OF", "2023-01-03", 1.2281), ("014412.OF", "2023-03-31", 1.2982)]


@pytest.mark.parametrize("header", ["ts_code,ann_date,end_date,unit_nav,accum_nav,adj_nav",
                                    "ts_code,end_date,ann_date,unit_nav,accum_nav,adj_nav",
                                    "Fund,Announcement Date,NAV Date,NAV"])
def test_a_fund_s_nav_is_dated_by_its_own_day_not_by_the_day_it_was_announced(header):
    # Tushare's fund_nav as most scripts fetch it (end_date, the field's older name for nav_date): two dates
    # named as weakly, and the leftmost, the announcement (a day later for a daily NAV, weeks for a report's),
    # had dated each NAV once unit_nav was read as its close, without a word.
    names = header.split(",")
    announced = 1 if names[1].lower().startswith("ann") else 2
    own = 3 - announced
    days = [date(2023, 1, 3) + timedelta(days=k) for k in range(4)]  # Tuesday to Friday
    rows = []
    for k, day in enumerate(days):
        cells = ["011629.OF", "", "", f"{0.8 + k / 100:.4f}", "0.9", "0.95"][:len(names)]
        cells[own], cells[announced] = f"{day:%Y%m%d}", f"{day + timedelta(days=1):%Y%m%d}"
        rows.append(",".join(cells))
    data = ("\n".join([header, *rows]) + "\n").encode()
    schema = detect_bytes(data, "fund_nav.csv")
    assert [c.name for c in schema.columns if c.canonical == "date"] == [names[own]]
    prices = normalise_bytes(data, schema, "fund_nav.csv").prices
    assert [f"{d:%Y-%m-%d}" for d in prices["date"]] == [f"{d:%Y-%m-%d}" for d in days]


def test_a_tushare_nav_dated_only_by_its_announcement_is_refused_for_its_date():
    # "ts_code,ann_date,unit_nav": ann_date trails the NAV's day (a day, or weeks for a report's), and had
    # dated each NAV so once unit_nav was read as the close. A name written out stays a fund list's day of
    # publication, as it was ("Fund,Announcement Date,NAV" loads).
    rows = "".join(f"011629.OF,202301{d:02d},0.8{d}\n" for d in (3, 4, 5, 6))
    for header, loaded in (("ts_code,ann_date,unit_nav", 0), ("Fund,Announcement Date,NAV", 4)):
        data = (header + "\n" + rows).encode()
        result = normalise_bytes(data, detect_bytes(data, "fund_nav.csv"), "fund_nav.csv")
        assert len(result.prices) == loaded, header
    assert result.file_problem is None
    data = ("ts_code,ann_date,unit_nav\n" + rows).encode()
    problem = normalise_bytes(data, detect_bytes(data, "fund_nav.csv"), "fund_nav.csv").file_problem
    assert problem.startswith("no date column ('ann_date' is the day each NAV was announced")


def test_an_earnings_calendar_dated_by_announcements_stays_refused_beside_a_period_s_end():
    # No NAV beside: the announcement is the event's day, and a calendar's, refused; dated by the period's
    # end, each company's price of today would load as its close there.
    data = ("Symbol,Announcement Date,Period End Date,EPS,Close\nAAPL,2023-02-02,2023-01-03,1.88,150.8\n"
            "MSFT,2023-01-24,2023-01-03,2.32,242.0\nGOOG,2023-02-02,2023-01-03,1.05,107.6\n"
            "AMZN,2023-02-02,2023-01-03,0.03,112.9\n").encode()
    assert detect_bytes(data, "earnings.csv").problem.startswith("a calendar of companies' events")


@pytest.mark.parametrize("header", ["fondo,fecha,vcp", "Fund,Date,NAV", "Fundo;Data;Valor da cota"])
def test_a_fund_houses_navs_of_several_funds_are_named_by_their_fund(header):
    # An Argentine fund house's history (real files round 46): its funds' days did not overlap, and under
    # the file's name one fund's NAV ran on into the other's (silent); where they overlapped, each row
    # was rejected as an unnamed series.
    sep = ";" if ";" in header else ","
    premium, pesos = "Fima Premium - Clase A", "Fima Ahorro Pesos - Clase A"
    rows = [(premium, "2015-01-05", "1.919"), (premium, "2015-01-06", "1.9196"),
            (pesos, "2015-01-07", "5.101"), (pesos, "2015-01-08", "5.104")]
    data = (header + "\n" + "".join(sep.join(r) + "\n" for r in rows)).encode()
    schema = detect_bytes(data, "historico.csv")
    prices = normalise_bytes(data, schema, "historico.csv").prices
    assert list(zip(prices.ticker, prices.close)) == [
        ("FIMA PREMIUM - CLASE A", 1.919), ("FIMA PREMIUM - CLASE A", 1.9196),
        ("FIMA AHORRO PESOS - CLASE A", 5.101), ("FIMA AHORRO PESOS - CLASE A", 5.104)]


@pytest.mark.parametrize("header", ["일자,종목코드,현재가,기준가,거래량", "일자,종목코드,기준가,현재가,거래량",
                                    "日付,銘柄コード,基準価格,現在値,出来高"])
def test_a_share_s_current_price_beats_its_reference_price(header):
    # a54ce46 made a fund's NAV (기준가, 基準価格) a close: in a share's quote it is the reference price (the
    # day before's close), and beside the current price, unnamed, it had loaded as each day's close (silent;
    # before a54ce46 the file had no close and was refused).
    cells = {"일자": "2024-01-0{d}", "日付": "2024-01-0{d}", "종목코드": "005930", "銘柄コード": "7203",
             "현재가": "7820{d}", "現在値": "7820{d}", "기준가": "7700{d}", "基準価格": "7700{d}", "거래량": "100{d}",
             "出来高": "100{d}"}
    names = header.split(",")
    data = (header + "\n" + "".join(",".join(cells[n] for n in names).format(d=d) + "\n" for d in range(2, 6))).encode()
    schema = detect_bytes(data, "quote.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == [n for n in names if n in ("현재가", "現在値")]
    assert normalise_bytes(data, schema, "quote.csv").prices_arrow.column("close").to_pylist() == [
        78202.0, 78203.0, 78204.0, 78205.0]
    # A broker's holdings at their current price stay refused, as an English one's are: each held quantity
    # times its current price is its valuation.
    data = ("기준일,종목코드,종목명,보유수량,평균단가,현재가,평가금액\n"
            "2024.01.05,005930,삼성전자,30,72000,76600,2298000\n2024.01.05,000660,SK하이닉스,5,120000,138500,692500\n"
            "2024.01.05,035420,NAVER,3,230000,214000,642000\n2024.01.05,035720,카카오,12,58000,55100,661200\n").encode()
    schema = detect_bytes(data, "jango.csv")
    assert schema.problem is not None and "not prices" in schema.problem
    assert normalise_bytes(data, schema, "jango.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("names,close", [
    # The ECB Data Portal's series download (real files round 32): two dates, the series by its title and key.
    (["DATE", "TIME PERIOD", "US dollar/Euro (EXR.D.USD.EUR.SP00.A)"], "US dollar/Euro (EXR.D.USD.EUR.SP00.A)"),
    (["Date", "BBEX3.D.USD.EUR.BB.AC.000"], "BBEX3.D.USD.EUR.BB.AC.000"),  # the Bundesbank's key for the same rate
    # Two series side by side, or a figure beside: no one rate to call the file's price.
    (["DATE", "TIME PERIOD", "US dollar/Euro (EXR.D.USD.EUR.SP00.A)", "Japanese yen/Euro (EXR.D.JPY.EUR.SP00.A)"],
     None),
    (["DATE", "US dollar/Euro (EXR.D.USD.EUR.SP00.A)", "Amount"], None),
    (["DATE", "TIME PERIOD", "Euro short-term rate (EST.B.EU000A2X2A25.WT)"], None),  # an interest rate, no price
])
def test_an_exchange_rate_named_by_its_sdmx_key_is_the_close_as_the_file_s_one_figure(names, close):
    # Unnamed, the ECB portal's EUR/USD download had "no close column" and every row rejected.
    cells = {"DATE": "2024-01-{d:02d}", "Date": "2024-01-{d:02d}", "TIME PERIOD": "{d:02d} Jan 2024",
             "Amount": "1{d}00"}
    rows = "".join(",".join(f'"{cells.get(n, "1.09{d}1")}"' for n in names).format(d=d) + "\n" for d in range(2, 7))
    header = ",".join(f'"{n}"' for n in names)
    schema = detect_bytes(f"{header}\n{rows}".encode(), "ecb.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else [])


@pytest.mark.parametrize("header,values,close", [
    # FRED's download of one series (real files round 46: IamYotaro/N225 "DATE,NIKKEI225"), and its 2024 form.
    ("DATE,NIKKEI225", ["95.16", "96.1", "96.02", "97.72", "96.87"], "NIKKEI225"),
    ("observation_date,DCOILWTICO", ["72.1", "73.4", "71.9", "72.6", "70.8"], "DCOILWTICO"),
    # a rate near zero moving in hundredths, tens of percent a day: still the series (refused since 9c534f0)
    ("observation_date,DTB3", ["0.05", "0.04", "0.03", "0.02", "0.03"], "DTB3"),
    # FRED's own date name upper-cased by a writer: still its (had "no close column"); "date" is anyone's.
    ("OBSERVATION_DATE,DEXINUS", ["74.32", "74.52", "74.3", "74.41", "74.6"], "DEXINUS"),
    ("Observation_Date,DEXINUS", ["74.32", "74.52", "74.3", "74.41", "74.6"], "DEXINUS"),
    ("date,SALES", ["95.16", "96.1", "96.02", "97.72", "96.87"], None),
    # A spread that crosses zero is no price; nor a column named otherwise, nor FRED's date name's lookalike.
    ("DATE,T10Y2Y", ["0.12", "0.05", "-0.03", "-0.08", "0.01"], None),
    ("DATE,Rainfall mm", ["0.2", "1.4", "3.0", "0.8", "2.2"], None),
    ("Day,NIKKEI225", ["95.16", "96.1", "96.02", "97.72", "96.87"], None),
    # FRED's older download of a series of letters: its "." for a day without a value marks it FRED's.
    ("DATE,DCOILWTICO", ["72.1", ".", "71.9", "72.6", "70.8"], "DCOILWTICO"),
    # A database's export in capitals: a word over "DATE" is no series' id (each had loaded as closes).
    ("DATE,SALES", ["95.16", "96.1", "96.02", "97.72", "96.87"], None),
    ("DATE,VISITORS", ["1204", "1311", "1187", "1250", "1299"], None),
    # Nor a chemical formula's digit: an air-quality or a sensor's export (each had loaded as closes); FRED's
    # ids with digits stay its series'.
    ("DATE,PM25", ["12.5", "14.1", "9.8", "11.2", "13.0"], None),
    ("DATE,CO2", ["410.5", "410.7", "411.2", "410.9", "411.4"], None),
    ("DATE,H2O", ["10.5", "10.7", "11.2", "10.9", "11.4"], None),
    ("DATE,DGS10", ["3.95", "3.91", "3.99", "4.02", "4.05"], "DGS10"),
    ("DATE,SP500", ["4742.83", "4704.81", "4688.68", "4697.24", "4763.54"], "SP500"),
    # FRED's ids that read as formulas too (S-Tl-F-S-I4, Gd-P-C1, U6-Ra-Te), longer than a gas's name, had
    # been refused ("no close column"): they load.
    ("DATE,STLFSI4", ["1.41", "1.38", "1.45", "1.40", "1.36"], "STLFSI4"),
    ("DATE,GDPC1", ["22112.3", "22225.4", "22490.7", "22679.3", "22780.9"], "GDPC1"),
    ("DATE,U6RATE", ["7.1", "7.2", "7.0", "7.3", "7.4"], "U6RATE"),
    # A units row under the names is no part of the id: read as "DGS10 USD", the series had "no close column".
    ("DATE,DGS10\n,USD", ["3.95", "3.91", "3.99", "4.02", "4.05"], "DGS10"),
    ("DATE,SALES\n,USD", ["95.16", "96.1", "96.02", "97.72", "96.87"], None),
    # A scale in the units row is none of the id's either, and is applied to no close: "SP500" over "'000" had
    # loaded 4.7 for 4,700 without a word.
    ("DATE,SP500\n,'000", ["4.70", "4.71", "4.72", "4.69", "4.73"], None),
    ("DATE,NIKKEI225\n,bn", ["33.01", "33.05", "33.10", "33.02", "33.11"], None),
    ("DATE,SP500\n,GBX", ["470000", "470400", "470800", "469900", "471200"], None),  # pence: a hundredth
    # A unit in brackets after the id, or a units row under it with the date's format (the unit's cell a word,
    # as FRED's own series pages write it): each had "no close column", every row rejected.
    ("DATE,DGS10 (%)", ["3.95", "3.91", "3.99", "4.02", "4.05"], "DGS10 (%)"),
    ("observation_date,SOFR [%]", ["5.40", "5.35", "5.33", "5.31", "5.31"], "SOFR [%]"),
    ("DATE,NIKKEI225 (JPY)", ["95.16", "96.1", "96.02", "97.72", "96.87"], "NIKKEI225 (JPY)"),
    ("DATE,NIKKEI225 (points)", ["95.16", "96.1", "96.02", "97.72", "96.87"], "NIKKEI225 (points)"),
    ("DATE,DGS10\nyyyy-mm-dd,Percent", ["3.95", "3.91", "3.99", "4.02", "4.05"], "DGS10"),
    ("observation_date,SOFR\nYYYY-MM-DD,%", ["5.40", "5.35", "5.33", "5.31", "5.31"], "SOFR"),
    ("DATE,DGS10\nyyyy-mm-dd,USD", ["3.95", "3.91", "3.99", "4.02", "4.05"], "DGS10"),
    # Not a word's nor a formula's series with a unit, nor one with a scale or pence, nor a change in percent.
    ("DATE,SALES (USD)", ["95.16", "96.1", "96.02", "97.72", "96.87"], None),
    ("DATE,PM25 (%)", ["12.5", "14.1", "9.8", "11.2", "13.0"], None),
    ("DATE,SP500 (bn USD)", ["4.70", "4.71", "4.72", "4.69", "4.73"], None),
    ("DATE,SP500 (GBX)", ["470000", "470400", "470800", "469900", "471200"], None),
    ("DATE,SP500 (%)", ["0.12", "-0.81", "-0.34", "0.18", "1.41"], None),
    # So where every change is positive: a share index's or an exchange rate's level is no percent (had
    # loaded as the index's closes, silent). A yield's or a spread's id in percent is its level still.
    ("DATE,SP500 (%)", ["0.12", "0.81", "0.34", "0.18", "1.41"], None),
    ("DATE,SP500\n,Percent", ["0.12", "0.81", "0.34", "0.18", "1.41"], None),
    ("observation_date,DEXUSEU (%)", ["0.12", "0.81", "0.34", "0.18", "1.41"], None),
    ("observation_date,NIKKEI225 [bps]", ["12", "81", "34", "18", "141"], None),
    ("observation_date,DCOILWTICO (%)", ["0.12", "0.81", "0.34", "0.18", "1.41"], None),
    ("DATE,GOLDAMGBD228NLBM (%)", ["0.12", "0.81", "0.34", "0.18", "1.41"], None),
    ("observation_date,CBBTCUSD (%)", ["0.12", "0.81", "0.34", "0.18", "1.41"], None),
    ("observation_date,DCOILWTICO", ["78.10", "78.55", "77.90", "79.20", "80.05"], "DCOILWTICO"),
    ("DATE,T10Y2Y (%)", ["0.42", "0.45", "0.44", "0.41", "0.40"], "T10Y2Y (%)"),
    ("DATE,SP500 (points)", ["3230.78", "3257.85", "3234.85", "3246.28", "3237.18"], "SP500 (points)"),
    ("DATE,SALES\nyyyy-mm-dd,USD", ["95.16", "96.1", "96.02", "97.72", "96.87"], None),
    ("DATE,DGS10\nyyyy-mm-dd,Count", ["3.95", "3.91", "3.99", "4.02", "4.05"], None),
])
def test_a_fred_series_named_by_its_id_is_the_close(header, values, close):
    # Unnamed, "DATE,NIKKEI225" had "no close column" and every one of the Nikkei's days rejected.
    rows = "".join(f"1950-05-{15 + i},{v}\n" for i, v in enumerate(values))  # Monday to Friday
    schema = detect_bytes(f"{header}\n{rows}".encode(), "N225.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else [])
    if close:
        assert normalise_bytes(f"{header}\n{rows}".encode(), schema, "N225.csv").prices_arrow.num_rows \
            == sum(v != "." for v in values)
        # FRED's graph download is named so whichever series it holds: no ticker of its own, refused so.
        assert "names no instrument" in (detect_bytes(f"{header}\n{rows}".encode(), "fredgraph.csv").problem or "")


@pytest.mark.parametrize("header,third,close", [
    # The series' change from the day before beside it, negatives in brackets or not: still the series
    # (each had "no close column", every row rejected).
    ("DATE,DGS10,Change", ["", "-0.04", "0.08", "0.03", "0.03"], "DGS10"),
    ("DATE,DGS10,Change", ["", "(0.04)", "0.08", "0.03", "0.03"], "DGS10"),
    ("Tarih,USD/TRY,Fark", ["", "-0.04", "0.08", "0.03", "0.03"], "USD/TRY"),
    # Not a column of other figures, nor a change beside a word that names no series.
    ("DATE,DGS10,Spread", ["1.1", "1.2", "1.0", "1.3", "1.2"], None),
    ("DATE,SALES,Change", ["", "-0.04", "0.08", "0.03", "0.03"], None),
    # The series' unit written on every row (real files round 53: 24pnuit/vietnam-fuel-price-dataset
    # brent_crude_price.csv) is no second figure: still the series (had "no close column", every row rejected).
    ("observation_date,DCOILBRENTEU,unit", ["Dollars per Barrel"] * 5, "DCOILBRENTEU"),
    ("DATE,DGS10,unit", ["Percent"] * 5, "DGS10"),
    ("DATE,NIKKEI225,unit", ["Index"] * 5, "NIKKEI225"),
    ("observation_date,CPIAUCSL,unit", ["Index 1982-1984=100"] * 5, "CPIAUCSL"),
    ("DATE,DGS10,unit", ["%"] * 5, "DGS10"),
    ("observation_date,DCOILWTICO,unit", ["USD"] * 5, "DCOILWTICO"),
    ("Date,USD/TRY,unit", ["TRY"] * 5, "USD/TRY"),
    ("Date,USD/TRY,unit", ["TRY per USD"] * 5, "USD/TRY"),
    # Only a unit that says the series' level: not its change, growth, a ratio, a forecast, a scale, another
    # word (a source), nor a pair's inverse or another currency (each had loaded as the closes since 6ce9bf0).
    ("DATE,SP500,unit", ["Percent Change from Year Ago"] * 5, None),
    ("DATE,SP500,unit", ["Percent Change"] * 5, None),
    ("DATE,SP500,unit", ["Change from Year Ago"] * 5, None),
    ("DATE,SP500,unit", ["Growth rate"] * 5, None),
    ("observation_date,CPIAUCSL,unit", ["Index change from 1982-1984=100"] * 5, None),
    ("DATE,SP500,unit", ["Ratio"] * 5, None),
    ("DATE,SP500,kind", ["forecast"] * 5, None),
    ("DATE,GDPC1,unit", ["Billions of Dollars"] * 5, None),
    ("Date,USD/TRY,Source", ["TCMB"] * 5, None),
    ("Date,USD/TRY,unit", ["USD per TRY"] * 5, None),
    ("Date,USD/TRY,unit", ["USD"] * 5, None),
    ("Date,USD/TRY,unit", ["%"] * 5, None),
    ("Date,USD/TRY,unit", ["Dollars per Barrel"] * 5, None),
    # Not words that change from row to row, nor a unit beside a word that names no series.
    ("DATE,DGS10,Note", ["holiday", "", "auction", "", "auction"], None),
    ("DATE,DGS10,Note", ["a", "b", "c", "d", "e"], None),
    ("DATE,SALES,unit", ["USD"] * 5, None),
])
def test_a_named_series_with_its_change_beside_it_is_the_close(header, third, close):
    values = ["3.95", "3.91", "3.99", "4.02", "4.05"]
    text = header + "\n" + "".join(f"1950-05-{15 + i},{v},{c}\n" for i, (v, c) in enumerate(zip(values, third)))
    schema = detect_bytes(text.encode(), "series.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else [])


@pytest.mark.parametrize("header,values,close", [
    # The Turkish central bank's daily rate (real files round 47, muhtalipdede/currencies-tcmb usd_try.csv).
    ("Tarih,USD/TRY", ["34.4992", "34.5115", "34.5263"], "USD/TRY"),
    ("Tarih,USD/TRY\n,TRY", ["34.4992", "34.5115", "34.5263"], "USD/TRY"),  # a units row under the names
    # its quote currency in brackets after it: "no close column" before; not another currency's, nor a percent
    # (a change), nor basis points or pips (forward points)
    ("Tarih,USD/TRY (TRY)", ["34.4992", "34.5115", "34.5263"], "USD/TRY (TRY)"),
    ("Date,EUR/USD [USD]", ["1.0945", "1.0921", "1.095"], "EUR/USD [USD]"),
    ("Tarih,USD/TRY (USD)", ["34.4992", "34.5115", "34.5263"], None),
    ("Tarih,USD/TRY (EUR)", ["34.4992", "34.5115", "34.5263"], None),
    ("Tarih,USD/TRY (%)", ["34.4992", "34.5115", "34.5263"], None),
    ("Tarih,USD/TRY\n,%", ["34.4992", "34.5115", "34.5263"], None),
    ("Date,EURUSD (bp)", ["1.0945", "1.0921", "1.095"], None),
    ("Date,EUR/USD\n,mln", ["1.0945", "1.0921", "1.095"], None),  # millions of euros traded: no rate
    ("Date,EUR / USD", ["1.0945", "1.0921", "1.095"], "EUR / USD"),
    ("Date,EURUSD", ["1.0945", "1.0921", "1.095"], "EURUSD"),  # the codes run together, as MetaTrader writes
    ("date,FXUSDCAD", ["1.3316", "1.3348", "1.3354"], "FXUSDCAD"),  # the Bank of Canada's series id
    ("date,FXUSDCAD", ["35.2", "35.6", "35.9"], None),
    # No rate at or below zero (a spread, a return); no pair of one currency or of codes no currency has.
    ("Date,EUR/GBP", ["-0.5", "0.86", "0.85"], None),
    ("Date,USD/USD", ["1", "1", "1"], None),
    ("Date,ABC/DEF", ["1.5", "1.6", "1.7"], None),
    ("Date,W/L", ["1.5", "1.6", "1.7"], None),
    # nor a pair's volume or count of trades, moving tens of percent a day as no rate does (since a456a10)
    ("Date,USD/TRY", ["1523400", "2034100", "987600"], None),
    ("Tarih,EUR/USD", ["120", "95", "143"], None),
    # in millions with decimals, run together (since 96e89fa); a falling currency's years still the rate
    ("Date,USDTRY", ["1523.4", "2034.1", "987.6", "1800.2", "1210.7", "2250.3"], None),
    ("Date,USDTRY", ["1.5234", "2.0341", "0.9876", "1.8002", "1.2107", "2.2503"], None),
    ("Date,USD/TRY", ["3.02", "3.65", "4.83", "5.68", "7.00", "8.90"], "USD/TRY"),
    # nor what no rate of the pair ever was: EUR/USD's forward points, USD/JPY's implied volatility (since 21b7a63)
    ("Date,EURUSD", ["35.2", "35.6", "35.9"], None),
    ("Date,USD/JPY", ["10.1", "10.3", "10.2"], None),
    ("Date,USDJPY", ["151.2", "150.8", "151.9"], "USDJPY"),
    ("DATE,USD/JPY", ["357.73", "357.61", "357.5"], "USD/JPY"),  # 1971's rate, as FRED's DEXJPUS begins
    # the reaches' real ends: the pound in 1972, the Hong Kong dollar in 1983, the won in 1997 (since 187b152)
    ("Date,GBP/USD", ["2.6345", "2.6401", "2.6440"], "GBP/USD"),
    ("Date,USD/HKD", ["9.2100", "9.4500", "9.5500"], "USD/HKD"),
    ("Date,USDKRW", ["1891.0", "1962.0", "1830.5"], "USDKRW"),
])
def test_a_currency_pair_over_its_one_column_is_the_rate(header, values, close):
    # Named by the pair alone, beside its date, it had "no close column" and every day rejected.
    rows = "".join(f"2024-11-{25 + i},{v}\n" for i, v in enumerate(values))  # Monday to Wednesday
    schema = detect_bytes(f"{header}\n{rows}".encode(), "usd_try.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else [])


@pytest.mark.parametrize("name", ["SALES", "USERS", "RAINFALL", "PCOPPUSDM"])
def test_a_word_over_date_named_as_its_file_is_no_fred_id(name):
    # A database's export saved under its column's name ("DATE,SALES" in SALES.csv) looks as FRED's download
    # of a series of letters; read as one, it loaded its figures as closes. Such an id of FRED's is left
    # unread (refused: no close) unless a "." day or a digit marks it: a loud cost over a silent misread.
    data = f"DATE,{name}\n2024-01-01,8345.2\n2024-02-01,8310.5\n2024-03-01,8667.4\n2024-04-01,9451.8\n".encode()
    assert [c.name for c in detect_bytes(data, f"{name}.csv").columns if c.canonical == "close"] == []


@pytest.mark.parametrize("header", ["Date,Settle,Volume,Open Int", "Date,Settle,Volume,OpenInt",
                                    "Date,Close,Open Int.,Volume", "Date,Last,Volume,Open_Int"])
def test_an_open_interest_abbreviated_is_no_open(header):
    # A futures file with its settlement and its open interest "Open Int" (Barchart, CSI, Premium Data's
    # "OpenInt"), no open of its own (real files round 32 probes): the open interest, 1203310 contracts,
    # had loaded as each day's open (and so its high) without a word. "Open Interest" whole was no open.
    rows = "".join(f"2024-01-0{d},7{d}.70,30011{d},120331{d}\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "CL.csv")
    assert "open" not in [c.canonical for c in schema.columns]
    assert [c.canonical for c in schema.columns].count("close") == 1
    # Beside an open of its own, the open stays the open ("Date,Open,High,Low,Close,Volume,OpenInt": Stooq's futures).
    data = b"Date,Open,High,Low,Close,Volume,OpenInt\n" + b"".join(
        f"2024-01-0{d},7{d}.1,7{d}.9,7{d}.0,7{d}.5,30011{d},120331{d}\n".encode() for d in range(2, 6))
    schema = detect_bytes(data, "cl_f.csv")
    assert {c.name: c.canonical for c in schema.columns}["Open"] == "open"
    assert {c.name: c.canonical for c in schema.columns}["OpenInt"] is None


@pytest.mark.parametrize("header", ["Date,Close,High Limit,Low Limit", "Date,Close,Upper Band,Lower Band",
                                    "Date,Close,UpperLimit,LowerLimit",
                                    "Date,Close,Lower Limit Price,Upper Limit Price",
                                    "Date,Close,High Watermark,Low Watermark",
                                    # a band's, a channel's or an envelope's lines named by their indicator
                                    "Date,Close,Bollinger High,Bollinger Low", "Date,Close,Keltner High,Keltner Low",
                                    "Date,Close,Donchian High,Donchian Low", "Date,Close,Channel High,Channel Low",
                                    "Date,Close,Envelope High,Envelope Low", "Date,Close,Pivot High,Pivot Low"])
def test_a_bound_named_by_high_or_low_is_no_high_or_low(header):
    # A day's price limits ("High Limit", "Lower Limit Price"), a Bollinger band beside a close-only
    # series, a fund's high watermark (real files round 32 probes): each loaded as the day's high and low
    # without a word, the close passing every bar check between them.
    rows = "".join(f"2024-01-0{d},7{d}.70,8{d}.97,6{d}.43\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "CL.csv")
    mapped = [c.canonical for c in schema.columns]
    assert "high" not in mapped and "low" not in mapped and mapped.count("close") == 1
    # A bar's own high and low stay: "Day High", "Session Low".
    schema = detect_bytes(f"Date,Close,Day High,Session Low\n{rows}".encode(), "CL.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close", "high", "low"]


@pytest.mark.parametrize("header", ["Date,Close,New Highs,New Lows", "Date,Close,NewHighs,NewLows",
                                    "Date,Close,Open to Close,Close to Open", "Date,Close,Open-to-Close,High-to-Low"])
def test_a_count_of_new_highs_or_a_move_between_prices_is_no_price(header):
    # A market's breadth beside its index's close ("New Highs", "New Lows": how many stocks made one),
    # a move from one price to another ("Open to Close"): real files round 32 probes, each had loaded as
    # the day's high, low or open without a word (81 stocks as the high above a close of 72.70).
    rows = "".join(f"2024-01-0{d},7{d}.70,8{d},6{d}\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "SPX.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close", None, None]
    # A close in New York keeps its hint.
    schema = detect_bytes(f"Date,New York Close,London Close,Volume\n{rows}".encode(), "XAU.csv")
    assert [c.canonical for c in schema.columns][:2] == ["date", "close"]


@pytest.mark.parametrize("header", ["Date,Close,Opening Gap", "Date,Close,Open Price Gap", "Date,Close,Close vs Open",
                                    "Date,Close,High Low Spread", "Date,Close,High Low Range",
                                    "Date,Close,Open Position"])
def test_a_gap_a_spread_a_range_a_comparison_or_a_position_is_no_price(header):
    # Real files round 32 probes: each named figure beside a close took the open or high by its token hint
    # and loaded as the day's open or high without a word.
    rows = "".join(f"2024-01-0{d},7{d}.70,8{d}\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "SPX.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close", None]


def test_a_count_of_open_orders_beside_a_close_is_no_open():
    # Real files round 32 probes (and round 31's hdr_Open_Orders.csv): the count took the open by its hint.
    rows = "".join(f"2024-01-0{d},7{d}.70,8{d}\n" for d in range(2, 6))
    schema = detect_bytes(f"Date,Close,Open Orders\n{rows}".encode(), "X.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close", None]


@pytest.mark.parametrize("header,name,canonical", [
    ("Date,Crack Spread Close,Volume", "Crack Spread Close", "close"),  # a spread contract's own close
    ("Date,Close,Trading Range High", "Trading Range High", "high"),
    ("Date,GAP Open,GAP Close", "GAP Open", "open"),  # Gap Inc.'s open
])
def test_an_instrument_named_by_a_spread_a_range_or_a_gap_keeps_its_prices(header, name, canonical):
    rows = "".join(f"2024-01-0{d},7{d}.70,8{d}\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "X.csv")
    assert {c.name: c.canonical for c in schema.columns}[name] == canonical


@pytest.mark.parametrize("header", ["Date,Spread at Close", "Date,Bid Ask Spread Close", "Date,Price,Gap at Open",
                                    "Date,Last,Bid-Ask Spread High,Bid-Ask Spread Low"])
def test_a_spread_or_a_gap_taken_at_an_hour_or_of_a_quote_is_no_price(header):
    # Review of the merged _NAMING_BEFORE: a spread or gap before the price's word had kept its hint with any
    # words between or before it, and "Spread at Close" (0.50, 0.60, ...) alone loaded as the closes (silent).
    figures = header.count(",")
    rows = "".join(f"2024-01-0{d}" + f",0.{d}5" * figures + "\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "X.csv")
    assert [c.canonical for c in schema.columns if c.name not in ("Date", "Price", "Last")] == [None] * (
        figures - header.count(",Price") - header.count(",Last"))


@pytest.mark.parametrize("header", [
    "Week of,Weekly U.S. All Grades All Formulations Retail Gasoline Prices Dollars per Gallon", "Date,Retail Price"])
def test_a_dated_series_of_retail_prices_is_the_close(header):
    # EIA's weekly retail gasoline download (real CSV round 29): "Prices", plural and retail, and dated "Week of".
    rows = "".join(f"2021-07-{d:02d},3.{d}4\n" for d in range(1, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "gas.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close"]


@pytest.mark.parametrize("header,close", [
    # A good's price named by its money per unit, no word "price" (real files round 53: 24pnuit/
    # vietnam-fuel-price-dataset cleaned_brent_crude_price.csv): had "no close column", every day rejected.
    ("date,brent_usd_per_barrel", "brent_usd_per_barrel"), ("Date,EUR/MWh", "EUR/MWh"),
    # Not another figure in money per unit, nor two goods side by side, nor a price beside a quantity.
    ("date,cost_usd_per_barrel", None), ("date,forecast_eur_per_mwh", None),
    ("date,brent_usd_per_barrel,wti_usd_per_barrel", None), ("Date,Litres,EUR per litre", None),
    ("date,usd_per_share", None), ("date,usd_per_capita", None),
    # Nor money per unit that is no price of the good: each had loaded as the good's closes.
    ("date,fuel_tax_eur_per_litre", None), ("date,refining_margin_usd_per_barrel", None),
    ("date,pounds_per_bushel", None),
    # Nor a bound on the price named with the word "price" (had loaded as closes, silent): a policy's cap,
    # floor or limit, with or without its money per unit, or a subsidy of it.
    ("Date,price_cap_usd_per_barrel", None), ("Date,Price Cap (USD/bbl)", None), ("Date,Price floor EUR/t", None),
    ("Date,price_ceiling_usd_per_barrel", None), ("Date,price_subsidy_inr_per_litre", None), ("Date,Price Cap", None),
    # The good's price with its market's or its delivery's words between the price and its money still loads.
    ("Date,Europe Brent Spot Price FOB (Dollars per Barrel)", "Europe Brent Spot Price FOB (Dollars per Barrel)"),
    ("DATE,Global price of Brent Crude (Dollars per Barrel)", "Global price of Brent Crude (Dollars per Barrel)"),
    ("Date,Price of gold (USD/oz)", "Price of gold (USD/oz)"), ("Date,Price nominal USD/bbl", "Price nominal USD/bbl"),
    ("Date,Price of cap (USD/bbl)", None), ("Date,Price real 2020 USD/bbl", None),
    # Nor a figure of the price named before it, "of" or no "of" (had loaded as closes, silent).
    ("Date,Change in price of Brent Crude (Dollars per Barrel)", None),
    ("Date,Spread of price of Brent (USD/bbl)", None),
    ("Date,Std dev of price of gold (USD/oz)", None), ("Date,Volatility of price of gold (USD/oz)", None),
    ("Date,Difference in price of gold (USD/oz)", None),
    ("Date,Change in Brent Crude price (Dollars per Barrel)", None),
    ("Date,price_brent_usd_per_barrel", "price_brent_usd_per_barrel"), ("Date,Price in EUR/MWh", "Price in EUR/MWh"),
    ("Date,Price CIF USD/t", "Price CIF USD/t"), ("Date,Price (USD per barrel)", "Price (USD per barrel)"),
    ("Date,Gold Price (USD/oz)", "Gold Price (USD/oz)"),
    # A code that is a word in small letters alone before the unit is the word: no money (had loaded, silent).
    ("Date,cup per litre", None), ("Date,top/t", None), ("Date,all per ton", None),
    ("Date,CUP/l", "CUP/l"), ("Date,cup_per_litre", "cup_per_litre"), ("Date,pen per gallon", "pen per gallon"),
    ("Date,diesel cup per litre", "diesel cup per litre"),
])
def test_money_per_a_goods_unit_is_the_close_as_the_files_one_figure(header, close):
    figures = header.count(",")
    rows = "".join(f"2024-01-{d:02d}" + "".join(f",7{k}.{d}5" for k in range(figures)) + "\n" for d in (2, 3, 4, 5, 8))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "brent.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else [])
    if close:
        prices = normalise_bytes(f"{header}\n{rows}".encode(), schema, "brent.csv").prices
        assert prices["close"].tolist() == [70.25, 70.35, 70.45, 70.55, 70.85]


@pytest.mark.parametrize("header,close", [
    # A figure of the price, by a word the price is the object of, or a figure's word before it: each had loaded
    # its figures as the good's closes (silent).
    ("Date,Range of price of gold (USD/oz)", None), ("Date,Growth in price of gold (USD/oz)", None),
    ("Date,Return on price of gold (USD/oz)", None), ("Date,Discount to price of Brent (USD/bbl)", None),
    ("Date,Tax in the price of petrol (INR per litre)", None), ("Date,SD of price of gold (USD/oz)", None),
    ("date,log_price", None), ("date,lagged_price", None), ("Date,SMA price", None), ("Date,zscore_price", None),
    ("Date,Real Brent Crude Oil Price", None), ("Date,Margin price (USD/bbl)", None),
    ("Date,Brent minus WTI price (USD/bbl)", None),
    # A price still, those words elsewhere in its name or none of them before it.
    ("Date,Bank of America stock price", "Bank of America stock price"),
    ("Date,The price of gold (USD/oz)", "The price of gold (USD/oz)"),
    ("Date,Vanguard Growth ETF price", "Vanguard Growth ETF price"),
    ("Date,Range Resources stock price", "Range Resources stock price"),
    ("Date,Lead price (USD/t)", "Lead price (USD/t)"),
    ("Date,Premium gasoline price (USD/gal)", "Premium gasoline price (USD/gal)"),
    ("Date,Cum dividend price", "Cum dividend price"),
])
def test_a_figure_written_before_a_price_is_no_close(header, close):
    rows = "".join(f"2024-01-{d:02d},7{d}.25\n" for d in (2, 3, 4, 5, 8))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "gold.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else [])
    if close:
        prices = normalise_bytes(f"{header}\n{rows}".encode(), schema, "gold.csv").prices
        assert prices["close"].tolist() == [72.25, 73.25, 74.25, 75.25, 78.25]


@pytest.mark.parametrize("header,close", [
    ("Date,Exchange rate,NAV per share", "NAV per share"),  # a fund priced in another currency
    ("Date,Currency,Exchange rate,Price", "Price"),
    ("Date,Index Level,NAV", "NAV"),  # a fund's benchmark beside its NAV
    ("Date,ISIN,Clean Price,Dirty Price,Redemption Price", None),  # a bond's par, no price of the day
    ("Date,ISIN,Bid Price,Ask Price,Redemption Price", None),
    ("Trade Date,Security,Quantity,Exchange rate,Settlement Amount", None),  # a rate converting the amount
    ("Date,Fund,Issue Price,Redemption Price", "Redemption Price"),  # a fund's pair, as Ausgabepreis's
    ("Date,Index,Index Level,Daily Return", "Index Level"),
    ("Date,Index Level,Exchange rate", None),  # "Exchange rate" is no change of the level
    ("Date,Issue Price,Exchange rate", None),  # an issue price beside a redemption price only
])
def test_a_rate_a_redemption_price_or_an_index_level_is_the_close_only_as_the_files_one_figure(header, close):
    # 1756152 named each the close at a price's strength: beside a fund's price it took the close as the
    # leftmost, beside a bond's prices or a trade's amount it was taken for one, each loaded without a word.
    text = {"Currency": "USD", "ISIN": "US0378331005", "Security": "Apple", "Fund": "Alpha", "Index": "SX5E"}
    names = header.split(",")
    rows = "".join(",".join(f"2024-01-{d:02d}" if "Date" in h else text.get(h, f"1{k}{d}.5")
                            for k, h in enumerate(names)) + "\n" for d in range(2, 7))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "prices.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else [])


@pytest.mark.parametrize("bar,figures,loads", [
    ("High,Low", "Total Market Value,Dividend Market Value", True), ("High,Low", "P/E,Dividend Yield", True),
    ("Index High,Index Low", "Total Market Value,Dividend Market Value", True),
    ("Day's High,Day's Low", "Total Market Value,Dividend Market Value", True),
    # A fund's own price beside its benchmark's bar: the level is the index's, no price of the fund's file.
    ("High,Low", "Fund NAV,Dividend Market Value", False), ("High,Low", "Fund Price,Dividend Market Value", False),
    ("Index High,Index Low", "Fund Value,Dividend Market Value", False), ("High,Low", "Bid,Ask", False),
    # An ETF's, a trust's, an account's, a strategy's or a holding's value is the file's instrument's too.
    ("Index High,Index Low", "ETF Value,Dividend Market Value", False),
    ("Index High,Index Low", "Trust Value,Dividend Market Value", False),
    ("High,Low", "Account Value,Dividend Market Value", False), ("High,Low", "Strategy Value,Cash", False),
    ("High,Low", "Investment Value,Cash", False), ("High,Low", "Holding Value,Cash", False),
    # Whatever figure of it the name says: an ETF's assets, a trust's units, an account's cash.
    ("Index High,Index Low", "ETF AUM,Dividend Market Value", False), ("High,Low", "Trust Units,Cash", False),
    ("High,Low", "Trust Assets,Cash", False), ("High,Low", "Account Cash,Dividend Market Value", False),
    # An index's own count of holdings, or its credit grade's spread (refused after 446efdd).
    ("Index High,Index Low", "Number of Holdings,Dividend Market Value", True),
    ("High,Low", "Holdings,Dividend Market Value", True), ("High,Low", "Investment Grade Spread,Cash", True),
    # Nor beside the fund's own range: the benchmark's level is no close of that range.
    ("Fund High,Fund Low", "Units Outstanding,Dividend Market Value", False)])
def test_an_index_value_beside_its_high_and_low_is_the_close_beside_other_figures(bar, figures, loads):
    # Nasdaq Data Link's NASDAQOMX database: the level with its day's range, then the index's market values.
    data = (f"Trade Date,Index Value,{bar},{figures}\n"
            "2018-01-05,7136.56,7137.47,7097.08,11600000000000,0\n"
            "2018-01-04,7077.91,7102.29,7076.84,11500000000000,0\n"
            "2018-01-03,7065.53,7069.15,7016.01,11500000000000,0\n").encode()
    schema = detect_bytes(data, "NASDAQOMX-COMP.csv")
    prices = normalise_bytes(data, schema, "NASDAQOMX-COMP.csv").prices.sort_values("date")
    assert prices["close"].tolist() == ([7065.53, 7077.91, 7136.56] if loads else [])
    assert prices["high"].tolist() == ([7069.15, 7102.29, 7137.47] if loads else [])


def test_b3_tickers_stacked_under_ativo_load_each_as_its_own_series():
    # A CSV built from B3's COTAHIST: two tickers stacked under "Ativo". Unread, every row was rejected
    # as an unnamed series.
    data = ("Ativo;Data;Abertura;Máxima;Mínima;Fechamento;VolumeFinanceiro;Quantidade\n"
            "PETR4;02/01/2024;37,56;37,79;37,23;37,56;1234567890,12;32845600\n"
            "PETR4;03/01/2024;37,60;38,60;37,45;38,45;2035478912,55;53012300\n"
            "VALE3;02/01/2024;76,92;77,10;75,80;76,05;1654789321,40;21654300\n"
            "VALE3;03/01/2024;75,80;76,49;75,11;75,30;1987456321,88;26412500\n").encode()
    assert _stacked_closes(data, "cotacoes.csv") == [("PETR4", 37.56), ("PETR4", 38.45),
                                                     ("VALE3", 75.30), ("VALE3", 76.05)]


@pytest.mark.parametrize("header, volume", [
    # Prices adjusted for dividends: the reais over the shares, the day's average price, leave the bar and
    # prove nothing; "Volume", the leftmost of two names of the volume, loaded the reais (silent).
    ("Data;Abertura;Máximo;Mínimo;Fechamento;Volume;Quantidade", 100000.0),
    ("Data;Abertura;Máximo;Mínimo;Fechamento;Volume;Qtd", 100000.0),
    # B3's shares beside its trades: "Qtd" there is no quarter to date (the volume over a span is no day's).
    ("Data;Abertura;Máximo;Mínimo;Fechamento;Volume;Qtd Títulos;Qtd Negócios", 100000.0),
    # Not English: "QTD" is quarter-to-date.
    ("Date;Open;High;Low;Close;Volume;QTD", 1020000.0),
    # Beside B3's count of trades, "Volume" is the reais as well: it had loaded as the shares (silent). No
    # column counts the shares: none loaded.
    ("Data;Abertura;Máximo;Mínimo;Fechamento;Volume;Negócios", None),
    ("Data;Abertura;Máximo;Mínimo;Fechamento;Volume;Nº Negócios", None)])
def test_b3s_volume_beside_its_shares_traded_is_money(header, volume):
    trades = ";350" * (header.count(";") - 6)  # a count of trades after the shares
    data = (f"{header}\n02/01/2024;8,00;8,40;7,92;8,16;1.020.000,00;100.000{trades}\n"
            f"03/01/2024;8,16;8,48;8,08;8,32;2.080.000,00;200.000{trades}\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "b3.csv"), "b3.csv").prices_arrow
    assert prices.column("volume").to_pylist()[0] == volume


@pytest.mark.parametrize("header", ["Data;Abertura;Máximo;Mínimo;Fechamento;Volume;Quantidade",
                                    "Data;Abertura;Máximo;Mínimo;Fechamento;Volume;Qtd"])
def test_b3s_trades_under_its_shares_name_are_no_volume(header):
    # Some of B3's exports count the trades under "Quantidade": the reais over them come to an average
    # trade's worth, hundreds of the day's price, and the trades had loaded as the shares traded (silent).
    data = (f"{header}\n02/01/2024;8,00;8,40;7,92;8,16;1.020.000,00;250\n"
            "03/01/2024;8,16;8,48;8,08;8,32;2.080.000,00;410\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "b3.csv"), "b3.csv").prices_arrow
    assert prices.column("close").to_pylist() == [8.16, 8.32]
    assert prices.column("volume").to_pylist() == [None, None]


def _stacked_closes(data: bytes, name: str) -> list[tuple[str, float]]:
    """(ticker, close) of each row a file of series stacked under one column loads, sorted."""
    prices = normalise_bytes(data, detect_bytes(data, name), name).prices
    return sorted(zip(prices["ticker"], prices["close"]))


@pytest.mark.parametrize("name", ["Valor", "Valorennummer", "Valoren-Nr."])
def test_swiss_security_numbers_stacked_name_each_series(name):
    # SIX's security number (Valorennummer) over each stacked series: unread, every row was rejected as an
    # unnamed series (loud).
    data = (f"Datum;{name};Schlusskurs\n02.01.2024;1203204;245,10\n02.01.2024;3886335;98,50\n"
            "03.01.2024;1203204;246,00\n03.01.2024;3886335;98,90\n").encode()
    assert _stacked_closes(data, "six.csv") == [("1203204", 245.1), ("1203204", 246.0), ("3886335", 98.5),
                                                ("3886335", 98.9)]
    # So a one-day file's, each security once (refused as an unnamed series since eee2a6c)
    data = b"Datum;Valor;Schlusskurs\n02.01.2024;1203204;245,10\n02.01.2024;3886335;98,50\n02.01.2024;1222171;77,25\n"
    assert _stacked_closes(data, "six.csv") == [("1203204", 245.1), ("1222171", 77.25), ("3886335", 98.5)]
    # but not among Spanish names, whose "Valor" is a value: nothing in one date's rows tells
    data = b"Fecha;Cierre;Valor\n02/01/2024;250,10;1200\n02/01/2024;250,20;1300\n02/01/2024;251,00;1250\n"
    assert _stacked_closes(data, "valor.csv") == []
    # "Valor" over one series' days is a value (Spanish, Portuguese), no code.
    assert map_canonical([["Fecha"], ["Valor"]], [D, N], [["02/01/2024", "10234"], ["03/01/2024", "10250"]])[1] is None


@pytest.mark.parametrize("header,rows", [
    ("Fecha;Cierre;Valor", ("250,10;1200", "250,20;1300", "251,00;1250", "251,10;1210")),
    ("Fecha;Hora;Valor;Precio", ("10:00;100;250,10", "11:00;120;250,40", "10:00;90;251,00", "11:00;80;251,10")),
])
def test_whole_sums_under_valor_name_no_series(header, rows):
    # A value traded, new on every row, is no security's number: each row had loaded as a ticker named by
    # its sum (silent), where all had been rejected as an unnamed series or an intraday bar.
    body = "".join(f"0{2 + i // 2}/01/2024;{r}\n" for i, r in enumerate(rows))
    assert _stacked_closes(f"{header}\n{body}".encode(), "valor.csv") == []


@pytest.mark.parametrize("header", ["Data;Papel;Cotação", "Data;Ativo;Preço", "Data;Fundo;Cota"])
def test_portuguese_prices_are_closes(header):
    # "Preço", "Cotação" and a fund's "Cota" were no close's names: refused for having no close (loud).
    data = (header + "\n02/01/2024;HGLG11;160,10\n03/01/2024;HGLG11;161,00\n04/01/2024;HGLG11;160,55\n").encode()
    schema = detect_bytes(data, "b3.csv")
    assert [c.canonical for c in schema.columns][2] == "close"
    assert list(normalise_bytes(data, schema, "b3.csv").prices["close"]) == [160.10, 161.00, 160.55]
    # A Brazilian broker's trades and a portfolio's holdings, priced so, are refused as they are in English.
    for statement in ("Data;Operação;Ativo;Quantidade;Preço\n02/01/2024;Compra;PETR4;100;37,50\n"
                      "03/01/2024;Venda;PETR4;100;38,10\n04/01/2024;Compra;VALE3;50;76,05\n",
                      "Data;Ação;Papel;Quantidade;Preço\n02/01/2024;Compra;PETR4;100;37,50\n"
                      "03/01/2024;Venda;PETR4;100;38,10\n04/01/2024;Compra;VALE3;50;76,05\n",
                      "Data;Ativo;Quantidade;Preço;Valor\n02/01/2024;PETR4;100;37,50;3750,00\n"
                      "02/01/2024;VALE3;50;76,05;3802,50\n02/01/2024;ITUB4;200;33,10;6620,00\n"):
        schema = detect_bytes(statement.encode(), "nota.csv")
        assert not_prices(schema.problem)


@pytest.mark.parametrize("header,row", [("Date,Book,Open P&L,Close P&L,Change", "Rates,{a},{b},50"),
                                        ("Date,Opening Balance,Closing Balance", "{a},{b}"),
                                        ("Date,Open PnL,Close PnL", "{a},{b}"),
                                        ("Date,Opening Bal,Closing Bal", "{a},{b}"),
                                        # a register's shares ("...sharebalance": dc0530a read a rebalancing)
                                        ("Date,Opening Share Balance,Closing Share Balance", "{a},{b}"),
                                        ("Date,Account,Closing Profit", "X123,{b}")])
def test_an_accounts_figures_at_open_and_close_are_no_prices(header, row):
    # A desk's P&L or an account's balance at the day's open and close had loaded as the day's open and close.
    data = (header + "\n" + "".join(f"2024-01-{d:02d}," + row.format(a=1000 + 50 * d, b=1050 + 50 * d) + "\n"
                                     for d in range(2, 10))).encode()
    schema = detect_bytes(data, "book.csv")
    assert not {c.canonical for c in schema.columns} & {"open", "close"}
    assert normalise_bytes(data, schema, "book.csv").prices_arrow.num_rows == 0


def test_a_ticker_named_by_a_letter_among_terse_names_is_the_ticker():
    # Polygon's grouped daily bars written with their API keys as the header: every row was rejected
    # as an unnamed series, "T" left unread.
    data = (b"T,v,vw,o,c,h,l,t,n\nAAPL,70790813,185.9468,187.15,185.64,188.44,183.885,1704229200000,1008871\n"
            b"MSFT,25258626,370.6617,373.86,370.87,375.9,366.77,1704229200000,336227\n"
            b"NVDA,41125455,480.1271,492.44,481.68,492.95,475.95,1704229200000,440561\n"
            b"SPY,123007793,472.2107,472.16,472.65,473.67,470.49,1704229200000,867420\n")
    schema = detect_bytes(data, "grouped.csv")
    assert [c.canonical for c in schema.columns][:5] == ["ticker", "volume", None, "open", "close"]
    prices = normalise_bytes(data, schema, "grouped.csv").prices
    assert sorted(prices["ticker"]) == ["AAPL", "MSFT", "NVDA", "SPY"]
    assert prices.set_index("ticker").loc["AAPL", "close"] == 185.64


@pytest.mark.parametrize("header,cells", [("Date,Index,Ticker,Open Weight,Close Weight", "SPX,{t},7.012,7.046"),
                                          ("Date,Ticker,Close Shares", "{t},15441880000"),
                                          ("Date,Ticker,Close Market Cap", "{t},2842000000000"),
                                          # the figure's word first: 548d6ae had let them take the close (silent)
                                          ("Date,Ticker,Weight at Close", "{t},7.046"),
                                          ("Date,Ticker,Index Weight (Close)", "{t},7.046"),
                                          ("Date,Ticker,Shares Close", "{t},15441880000"),
                                          ("Date,Ticker,Market Cap at Close", "{t},2842000000000")])
def test_an_index_constituents_figures_at_the_close_are_no_prices(header, cells):
    # An index file's weights at the open and close loaded as each constituent's open and close, its
    # shares in the index as its close.
    rows = "".join("2024-01-31," + cells.format(t=t) + "\n" for t in ("AAPL", "MSFT", "NVDA"))
    data = (header + "\n" + rows).encode()
    schema = detect_bytes(data, "constituents.csv")
    assert not {c.canonical for c in schema.columns} & {"open", "close"}
    assert normalise_bytes(data, schema, "constituents.csv").prices_arrow.num_rows == 0
    # A weighted close is a price.
    assert map_canonical([["Date"], ["Weighted Close"]], [D, F], [["2024-01-02", "185.1"]])[1] == "close"


@pytest.mark.parametrize("name", ["Close Return", "Close-to-Close Return", "Closing Volatility", "Closing Temperature",
                                  "Closing Count", "Close Score", "CloseRank"])
def test_a_figure_of_the_close_that_is_no_price_is_no_close(name):
    # Alone in its file beside the date, each had loaded as the close.
    data = (f"Date,{name}\n" + "".join(f"2024-01-{d:02d},0.{d + 10}\n" for d in range(2, 10))).encode()
    schema = detect_bytes(data, "figure.csv")
    assert "close" not in {c.canonical for c in schema.columns}
    assert normalise_bytes(data, schema, "figure.csv").prices_arrow.num_rows == 0
    # The close beside a return is the close.
    assert map_canonical([["Date"], ["Close"], [name]], [D, F, F], [["2024-01-02", "185.1", "0.2"]])[1] == "close"


@pytest.mark.parametrize("header,cells", [
    ("D,T,O,H,L,C,V", ["093000"] * 4),  # a time of day
    ("D,Ex,O,H,L,C,V", ["XNAS"] * 4),  # the exchange
    ("D,S,O,H,L,C,V", ["B", "S", "B", "B"]),  # a side
])
def test_a_terse_name_beside_one_instruments_days_is_no_ticker(header, cells):
    # Only a column telling apart the rows of a date is the ticker by a terse name (Polygon's "T"):
    # a time, an exchange or a side beside one instrument's days had loaded as its ticker(s).
    days = ["20240102", "20240103", "20240104", "20240105"]
    data = (header + "\n" + "".join(f"{d},{c},10,11,9,10.5,1000\n" for d, c in zip(days, cells))).encode()
    schema = detect_bytes(data, "acme.csv")
    assert "ticker" not in [c.canonical for c in schema.columns]
    prices = normalise_bytes(data, schema, "acme.csv").prices
    assert list(prices["ticker"]) == ["ACME"] * 4


@pytest.mark.parametrize("header", [
    # An index's price-, total- or net-return level is a price, not a return (8ff5e74's return words).
    "Date,Price Return Close,Total Return Close", "Date,Price Return Index Close", "Date,Net Return Close",
    "Date,Close Return Index",
    # An ETF's or a fund's name before its close (32c2b20's shares, 8ff5e74's trend and momentum words).
    "Date,iShares Core MSCI World Close", "Date,Trend Fund Close", "Date,Momentum Fund Close",
    # A weight or a market cap before the close names the index ("S&P 500 Equal Weight": 32c2b20).
    "Date,Equal Weight Index Close", "Date,Market Cap Weighted Close", "Date,Capitalization Weighted Index Close",
    "Date,S&P 500 Equal Weight Close", "Date,Core Weight Fund Close",
    # A brand's shares and a company's capital (d1a5d02 read them as a figure's name before the close).
    "Date,ProShares UltraPro QQQ Close", "Date,GraniteShares Gold Trust Close", "Date,Ares Capital Inc Close",
    # A rebalanced index's levels (b558673's balance).
    "Date,Rebalanced Index Close", "Date,Monthly Rebalance Close",
])
def test_a_close_named_by_its_instrument_s_words_is_a_price(header):
    # Each had been left with no close column: a figure's word in the instrument's name taken for the figure.
    width = header.count(",")
    data = (header + "\n" + "".join(f"2024-01-0{d}," + ",".join([f"104{d}.5"] * width) + "\n"
                                    for d in range(2, 6))).encode()
    schema = detect_bytes(data, "index.csv")
    assert "close" in [c.canonical for c in schema.columns]
    assert normalise_bytes(data, schema, "index.csv").prices_arrow.num_rows == 4


@pytest.mark.parametrize("shares", ["Number of Shares", "No. of Shares", "Shares"])
@pytest.mark.parametrize("volume", ["Volume", "Volume ('000)", "Vol.", "Volumen", "Umsatz"])  # German's beaten too
def test_a_column_named_the_volume_beats_a_count_of_shares_beside_it(shares, volume):
    # A count of shares is the volume alone (Euronext's "Number of Shares"), but beside a column named
    # the volume it is some other count (held, outstanding, a fuzzed file's trades): leftmost, it had
    # loaded as the volume.
    header = [[h] for h in ("Date", shares, "Ticker", "Close", volume)]
    assert map_canonical(header, [D, N, S, F, N], [])[1:] == [None, "ticker", "close", "volume"]
    assert map_canonical(header[:4], [D, N, S, F], []) == ["date", "volume", "ticker", "close"]


@pytest.mark.parametrize("header", ["Date,Item,Opening Stock,Closing Stock", "Date,Opening Inventory,Closing Inventory",
                                    "Date,Branch,Opening Cash,Closing Cash",
                                    # the book's own order, the held thing first (loaded as bars, silent)
                                    "Date,Item,Stock Opening,Stock Closing", "Date,Cash Opening,Cash Closing",
                                    # a fund holding's units at the day's opening and close
                                    "Date,Opening Units,Closing Units", "Date,Opening Fund Units,Closing Fund Units"])
def test_stock_or_cash_held_at_the_opening_and_closing_is_no_price(header):
    # An inventory's counts or a till's cash at the day's opening and closing had loaded as bars.
    width = header.count(",") - 1
    rows = "".join(f"2024-01-0{d},{'Flour,' * (width - 2)}{120 - d},{117 - d}\n" for d in range(2, 6))
    data = (header + "\n" + rows).encode()
    schema = detect_bytes(data, "stock.csv")
    assert not {"open", "close"} & {c.canonical for c in schema.columns}
    assert normalise_bytes(data, schema, "stock.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("header", ["Date,Stock Close", "Date,Cash Close", "Date,Closing Stock Price",
                                    "Date,Stock Opening Price,Stock Closing Price", "Date,Apple Stock Closing",
                                    "Date,Closing Unit Price", "Date,Closing Unit Value"])
def test_a_stock_s_or_a_spot_close_stays_the_close(header):
    data = (header + "\n" + "".join(f"2024-01-0{d}" + f",10{d}.5" * header.count(",") + "\n"
                                    for d in range(2, 6))).encode()
    schema = detect_bytes(data, "spot.csv")
    assert normalise_bytes(data, schema, "spot.csv").prices_arrow.num_rows == 4


@pytest.mark.parametrize("name", ["Volatility", "Implied Volatility (30D)", "Historical Vol", "Realised Vol",
                                  # A percentage ("Vol%", "% Vol": a share of some volume, or a volatility in
                                  # percent) and a span's figure ("Vol 30d", "Volume (30D)") were each loaded
                                  # as the day's volume (silent); a change in percent was none already.
                                  "Vol%", "% Vol", "Volume %", "Vol 30d", "Volume (30D)", "Chg%", "Change %",
                                  # A figure of the volume or a part of it, or its average (each loaded so too).
                                  "Relative Volume", "RVOL", "Volume Ratio", "Dollar Volume", "Short Volume",
                                  "Call Volume", "Volume SMA 20"])
def test_a_volatility_beside_the_close_is_no_volume(name):
    # Its "vol" had taken the volume's hint, and each day's volatility loaded as its volume (silent).
    data = (f"Date,Close,{name}\n2024-01-02,100.5,0.21\n2024-01-03,101.5,0.22\n2024-01-04,102.5,0.2\n").encode()
    schema = detect_bytes(data, "vol.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close", None]
    assert normalise_bytes(data, schema, "vol.csv").prices["volume"].isna().all()
    # A volume so qualified is the volume still.
    volume = b"Date,Close,Historical Volume\n2024-01-02,100.5,1200\n2024-01-03,101.5,1300\n"
    assert [c.canonical for c in detect_bytes(volume, "vol.csv").columns] == ["date", "close", "volume"]


@pytest.mark.parametrize("name", ["Ratio Adjusted Close", "Back-Adjusted Close (Ratio)", "Ratio Adj Close"])
def test_a_ratio_adjusted_close_is_the_adjusted_close(name):
    # A continuous future's series adjusted by ratio: 8ff5e74's 'ratio' left it unread, and the adjusted
    # close loaded as the close (98.2 lost for 100.5; silent).
    data = (f"Date,Open,High,Low,Close,{name}\n2024-01-02,100,101,99,100.5,98.2\n"
            "2024-01-03,100.5,102,100,101.7,99.4\n").encode()
    schema = detect_bytes(data, "cl.csv")
    assert [c.canonical for c in schema.columns][-2:] == ["close", "adj_close"]
    assert list(normalise_bytes(data, schema, "cl.csv").prices["adj_close"]) == [98.2, 99.4]


@pytest.mark.parametrize("name", ["Adjustment Ratio", "Adj Close Ratio", "Adj. Ratio"])
def test_an_adjustment_s_ratio_is_no_adjusted_close(name):
    # The factor a close was adjusted by: e20a26e spared 'ratio' in any name saying adjusted, and the factor,
    # 0.982, loaded as each day's adjusted close (silent).
    data = (f"Date,Open,High,Low,Close,{name}\n2024-01-02,100,101,99,100.5,0.982\n"
            "2024-01-03,100.5,102,100,101.7,0.982\n").encode()
    schema = detect_bytes(data, "cl.csv")
    assert [c.canonical for c in schema.columns][-2:] == ["close", None]
    assert list(normalise_bytes(data, schema, "cl.csv").prices["adj_close"]) == [100.5, 101.7]  # the close's


@pytest.mark.parametrize("name", ["Return Close", "Daily Return Close", "Return (Close)", "Signal Close",
                                  "Volatility at Close"])
def test_a_figure_named_before_the_close_is_no_close(name):
    # 300c18b counted a return, a signal or a volatility only after the price's word, so these loaded each
    # day's return as its close (silent); named before the close they name an instrument only with an index
    # or a fund between ("Trend Fund Close", "Low Volatility Index Close").
    data = f"Date,{name}\n2024-01-02,0.012\n2024-01-03,-0.004\n2024-01-04,0.007\n".encode()
    schema = detect_bytes(data, "returns.csv")
    assert "close" not in [c.canonical for c in schema.columns]
    assert normalise_bytes(data, schema, "returns.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("name", ["Currency Pair", "Ccy Pair", "Pair", "FX Pair"])
def test_fx_fixings_stacked_by_currency_pair_load_each_pair_as_its_own_series(name):
    # WM/Reuters-style closing spot rates, pairs stacked: the pair is the instrument. Unread, every row
    # was rejected as an unnamed series (real files round 34).
    data = (f"Date,{name},Bid,Offer,Mid\n"
            "02/01/2024,EURUSD,1.09452,1.09468,1.09460\n"
            "02/01/2024,USDJPY,141.835,141.855,141.845\n"
            "03/01/2024,EURUSD,1.09241,1.09259,1.09250\n"
            "03/01/2024,USDJPY,143.160,143.180,143.170\n").encode()
    assert _stacked_closes(data, "wmr.csv") == [("EURUSD", 1.0925), ("EURUSD", 1.0946),
                                                ("USDJPY", 141.845), ("USDJPY", 143.17)]


def test_a_stock_s_opening_and_closing_prices_are_its_open_and_close():
    # 75ffd9f's held stock took "Opening Stock Price" and "Closing Stock Price" for an inventory's counts:
    # side by side (no lone price to fall back on) the file had no close and was refused.
    data = ("Date,Opening Stock Price,Closing Stock Price\n"
            + "".join(f"2024-01-0{d},4{d}.1,4{d}.5\n" for d in range(2, 6))).encode()
    schema = detect_bytes(data, "stock.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "close"]
    result = normalise_bytes(data, schema, "stock.csv")
    assert result.prices_arrow.column("close").to_pylist() == [42.5, 43.5, 44.5, 45.5]


@pytest.mark.parametrize("bounds", ["Upper BB,Lower BB", "Upper Channel,Lower Channel", "Upper Circuit,Lower Circuit",
                                    "Upper Envelope,Lower Envelope", "Keltner Upper,Keltner Lower"])
def test_a_lower_bound_beside_the_close_is_no_low(bounds):
    # cb47212 refused the bounds it named ("Lower Limit", "Lower Band"); named otherwise, the lower line
    # drawn about the price took the low's hint from "lower" and loaded below each close as the day's low.
    data = (f"Date,Close,{bounds}\n" + "".join(f"2024-01-0{d},2{d}.5,2{d + 2}.0,1{d + 7}.0\n"
                                              for d in range(2, 6))).encode()
    schema = detect_bytes(data, "bands.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close", None, None]
    result = normalise_bytes(data, schema, "bands.csv")
    assert result.prices_arrow.column("low").to_pylist() == [22.5, 23.5, 24.5, 25.5]


@pytest.mark.parametrize("header, rows, high, low", [
    ("Date,Open,Higher,Lower,Close", ["10.0,10.5,9.8,10.2", "10.2,10.6,10.1,10.4"], [10.5, 10.6], [9.8, 10.1]),
    # a band's lines beside a bar named so are no bar's; "Lower" without "Higher" is a band's (_NO_LOW)
    ("Date,Open,High,Low,Close,Higher,Lower", ["10.0,10.5,9.8,10.2,11.0,9.0", "10.2,10.6,10.1,10.4,11.2,9.2"],
     [10.5, 10.6], [9.8, 10.1]),
    ("Date,Open,Close,Upper,Lower", ["10.0,10.2,10.5,9.8", "10.2,10.4,10.6,10.1"], [10.2, 10.4], [10.0, 10.2])])
def test_higher_beside_lower_are_the_days_high_and_low(header, rows, high, low):
    # "Lower" was no low (a band's line), "Higher" the high by its hint: the day's low had loaded as the
    # lesser of its open and close (silent).
    data = (header + "\n" + "".join(f"2024-01-0{d},{r}\n" for d, r in enumerate(rows, 2))).encode()
    prices = normalise_bytes(data, detect_bytes(data, "bars.csv"), "bars.csv").prices_arrow
    assert prices.column("high").to_pylist() == high
    assert prices.column("low").to_pylist() == low


@pytest.mark.parametrize("header", ["Opening Float,Closing Float",
                                    # the float's word first, the price's short; the till's own (silent)
                                    "Float Open,Float Close", "Opening Till,Closing Till", "Till Open,Till Close"])
def test_a_tills_float_at_its_opening_and_close_is_no_price(header):
    # The cash a till opens and closes with had loaded as the day's open and close.
    data = f"Date,{header}\n".encode() + b"".join(
        b"2024-01-0%d,200.00,%d.00\n" % (d, 780 + 20 * d) for d in range(2, 6))
    schema = detect_bytes(data, "float.csv")
    assert not {"open", "close"} & {c.canonical for c in schema.columns}
    assert normalise_bytes(data, schema, "float.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("data", [
    "Data;Cota (m);Vazão Afluente (m3/s)\n01/03/2024;612,45;1234\n04/03/2024;612,51;1250\n05/03/2024;612,58;1198\n",
    "Fecha;Cota (m);Volumen (hm3)\n01/03/2024;612,45;1234,5\n04/03/2024;612,51;1236,1\n05/03/2024;612,58;1238,0\n",
    # No unit, but a reservoir's table: a word of water, or Spanish, whose fund's price is a "cuota" (silent)
    "Fecha;Embalse;Cota\n01/03/2024;Alarcón;804,12\n04/03/2024;Alarcón;804,10\n05/03/2024;Alarcón;804,05\n",
    "Data;Reservatório;Cota;Volume Útil (%)\n01/03/2024;Furnas;762,45;55,2\n04/03/2024;Furnas;762,51;55,4\n"
    "05/03/2024;Furnas;762,58;55,5\n"])
def test_a_level_measured_in_metres_is_no_price(data):
    # A reservoir's water level and volume: e8a69ad made Portuguese "Cota" (a fund's unit price) a close's name,
    # and each day's level loaded as its close, the water as its volume (silent).
    schema = detect_bytes(data.encode(), "nivel.csv")
    assert not {"close", "volume"} & {c.canonical for c in schema.columns}
    assert normalise_bytes(data.encode(), schema, "nivel.csv").prices_arrow.num_rows == 0
    # A volume in millions is the volume ("mm" as a US desk writes millions: dropped since 2eab0db), and a
    # fund's quota the close.
    for volume in ("Volume (m)", "Volume (mm)", "Vol (mm)"):
        assert map_canonical([["Date"], ["Close"], [volume]], [D, F, F],
                             [["2024-01-02", "10.5", "1.2"]]) == ["date", "close", "volume"]
    assert map_canonical([["Data"], ["Cota"]], [D, F], [["02/01/2024", "1,234567"]]) == ["date", "close"]
    assert map_canonical([["Data"], ["Cota"], ["Volume"]], [D, F, N],
                         [["02/01/2024", "1,234567", "1000"]]) == ["date", "close", "volume"]
    # A price per unit is a price.
    for name in ("Price (€/m2)", "Close (USD/m3)"):
        assert map_canonical([["Date"], [name]], [D, F], [["2024-01-02", "3150"]]) == ["date", "close"]


@pytest.mark.parametrize("name", ["Close Volatilidad", "Close Volatilité", "Schluss Volatilität", "Cierre Volatilidad"])
def test_a_volatility_in_other_languages_is_no_close(name):
    # ee53bfc withheld the volume's hint from a volatility; in other languages the close's hint stood, and each
    # day's volatility, 0.21, loaded as its close (silent).
    data = f"Date,{name}\n2024-01-02,0.21\n2024-01-03,0.22\n2024-01-04,0.23\n".encode()
    schema = detect_bytes(data, "vol.csv")
    assert [c.canonical for c in schema.columns] == ["date", None]
    assert normalise_bytes(data, schema, "vol.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("header", ["Date,Close,Gap Open", "Date,Spread Close", "Date,Close,Spread Close",
                                    "Date,Spread Open,Spread High,Spread Low,Spread Close"])
def test_a_gap_or_a_spread_alone_before_the_price_word_is_no_price(header):
    # 'Gap Open' (the gap at the open) and 'Spread Close' (the spread at the close) had loaded as the open
    # and the close: the word names an instrument only with more of its name ('Crack Spread') or as a ticker.
    width = header.count(",")
    rows = "".join(f"2024-01-0{d}," + ",".join(f"{d - 3}.{k}5" for k in range(width)) + "\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "X.csv")
    named = [c.name for c in schema.columns if c.canonical in ("open", "high", "low", "close")]
    assert all(not n.lower().startswith(("gap", "spread")) for n in named)


@pytest.mark.parametrize("cells", ["0.50,0.00,-0.20,0.40", "20.5,21.0,-1.5,19.0"])
def test_a_named_spread_at_or_below_zero_is_no_price(cells):
    # A calendar or crack spread that falls to zero or below is a difference between two prices: its
    # days above zero had loaded as closes and the others been rejected one by one.
    rows = "".join(f"2024-01-0{d},{v},100\n" for d, v in zip(range(2, 6), cells.split(",")))
    schema = detect_bytes(f"Date,Calendar Spread Close,Volume\n{rows}".encode(), "X.csv")
    assert [c.canonical for c in schema.columns] == ["date", None, "volume"]


@pytest.mark.parametrize("header", ["Date,Close IV", "Date,Close Yield", "Date,Closing YTM", "Date,Close Vega",
                                    "Date,Close OAS", "Date,Close Vol", "Date,SPREAD CLOSE", "Date,Close,High Beta"])
def test_a_rate_a_volatility_or_a_sensitivity_at_the_close_is_no_price(header):
    # Each alone beside the date had loaded as the close (as ticker 'IV', 'YTM', 'SPREAD'), 'Close Vol' as the
    # volume, 'High Beta' as the high beside the close.
    rows = "".join(f"2024-01-0{d},0.2{d}" + (f",0.3{d}" if header.count(",") == 2 else "") + "\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "X.csv")
    mapped = {c.name: c.canonical for c in schema.columns}
    assert all(mapped[name] in (None, "close") and (mapped[name] is None or name == "Close")
               for name in header.split(",")[1:])


@pytest.mark.parametrize("header", ["Date,Low Volatility Index Close", "Date,High Yield Bond Fund Close",
                                    "Date,Low Vol ETF Close", "Date,Gamma Close"])
def test_a_price_word_in_an_instruments_name_is_the_names(header):
    # An index's or a fund's name ends at its word, what follows names the figure: read whole, the first had
    # no hint (refused), the third loaded as the volume.
    rows = "".join(f"2024-01-0{d},100{d}.5\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "X.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close"]


def test_a_price_word_before_the_index_and_its_value_is_the_indexs_price():
    # NSE's daily list of its indices: "Open Index Value" is the index's open. Read from "Index" on ("Value",
    # no hint) since 8f9d34d, no column was the close and the day was refused (loud).
    data = ("Index Name,Index Date,Open Index Value,High Index Value,Low Index Value,Closing Index Value,"
            "Points Change,Change(%),Volume,Turnover (Rs. Cr.),P/E,P/B,Div Yield\n"
            "Nifty 50,02-01-2024,21751.35,21755.60,21555.65,21665.80,-65.6,-0.3,300000000,28000.12,22.5,3.9,1.2\n"
            "Nifty Bank,02-01-2024,48100.00,48200.00,47800.00,47900.00,-100,-0.2,200000000,9000.1,18.1,2.9,0.8\n"
            "Nifty IT,02-01-2024,35000.00,35200.00,34800.00,34900.00,-50,-0.1,50000000,3000.2,28.1,7.9,2.1\n").encode()
    schema = detect_bytes(data, "ind_close_all_02012024.csv")
    assert [c.canonical for c in schema.columns][:7] == ["ticker", "date", "open", "high", "low", "close", None]
    result = normalise_bytes(data, schema, "ind_close_all_02012024.csv")
    prices = result.prices_arrow
    closes = dict(zip(prices.column("ticker").to_pylist(), prices.column("close").to_pylist()))
    assert closes == {"NIFTY 50": 21665.8, "NIFTY BANK": 47900.0, "NIFTY IT": 34900.0}


def test_a_books_mark_to_market_is_no_price():
    # 'Open MTM,Close MTM' (a desk's book's worth at the open and close) had loaded as MTM's bars.
    rows = "".join(f"2024-01-0{d},Desk A,{1000 + d},{1200 - d}\n" for d in range(2, 6))
    data = f"Date,Book,Open MTM,Close MTM\n{rows}".encode()
    schema = detect_bytes(data, "book.csv")
    assert normalise_bytes(data, schema, "book.csv").prices_arrow.num_rows == 0


@pytest.mark.parametrize("header,ticker", [("Date,KEY Close", "KEY"), ("Date,Close_CCI", "CCI"),
                                           ("Date,DV Close", "DV")])
def test_a_ticker_that_is_a_figures_word_names_its_close(header, ticker):
    # KeyCorp, Crown Castle, DoubleVerify: read whole their cells name the close, so their label is the ticker.
    rows = "".join(f"2024-01-0{d},10.2{d}\n" for d in range(2, 6))
    schema = detect_bytes(f"{header}\n{rows}".encode(), "prices.csv")
    assert schema.ticker == ticker and [c.canonical for c in schema.columns] == ["date", "close"]


def test_a_days_range_split_over_two_columns_keeps_its_high_and_low():
    rows = "".join(f"2024-01-0{d},10.{d},11.{d},9.{d},10.{d}5\n" for d in range(2, 6))
    schema = detect_bytes(f"Date,Open,Range High,Range Low,Close\n{rows}".encode(), "X.csv")
    assert [c.canonical for c in schema.columns] == ["date", "open", "high", "low", "close"]


@pytest.mark.parametrize("text,closes", [
    # A tracker's rows of CoinGecko's /coins/markets (real files round 47, dfinke/TrackCrypto ethereum.csv).
    ('"id","symbol","current_price","last_updated"\n"ethereum","eth","4175.9","11/22/2021"\n'
     '"ethereum","eth","4177.05","11/23/2021"\n"ethereum","eth","4252.8","11/24/2021"\n', [4175.9, 4177.05, 4252.8]),
    ("date,current_price,market_cap,total_volume\n2024-01-02,2352.12,282773000000.5,9823000000.1\n"
     "2024-01-03,2370.44,284900000000.2,12011000000.7\n2024-01-04,2209.91,265600000000.9,18233000000.3\n",
     [2352.12, 2370.44, 2209.91]),
    # A shop's discounted price, a broker's holding's price of the moment: no close.
    ("Country,article,sales,regularprice,current_price,ratio,retail_week,Promo1,Promo2\n"
     "Germany,AA1821,62,31.95,25.95,0.812207,12/28/2014,1,0\nGermany,AA1821,29,31.95,22.95,0.71831,1/4/2015,0,0\n"
     "Germany,AA1821,58,31.95,28.95,0.906103,1/11/2015,0,0\n", []),
    ("id,name,current_price,last_updated\n1,Blue Kettle,39.99,2024-01-02\n2,Red Mug,9.99,2024-01-02\n"
     "1,Blue Kettle,35.99,2024-01-03\n", []),
    ("date,id,symbol,current_price\n2024-01-02,1,AAPL,185.6\n2024-01-02,2,MSFT,370.9\n2024-01-03,1,AAPL,184.2\n", []),
    ("symbol,quantity,current_price,market_value,last_updated\nAAPL,10,185.6,1856,2024-01-02\n"
     "MSFT,5,370.9,1854.5,2024-01-02\n", []),
])
def test_coingecko_s_current_price_is_the_close(text, closes):
    # Refused before for "no close column" (loud), CoinGecko's too.
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert list(result.prices.close) == closes
    assert result.rows_read == len(result.prices) + len(result.rejected)


def test_a_floating_currencys_yearly_rates_up_and_down_are_the_rate():
    # A year's rates move tens of percent both ways (USD/BRL 2.34, 1.74, 1.67, 1.88...): refused since
    # 6d9ec2a as a pair's volume moving so from day to day, where bfba964 loaded it.
    values = ["1.9554", "2.3204", "3.5333", "2.8892", "1.7713", "2.3370", "1.7412", "2.6562", "3.9048", "3.2591"]
    rows = "".join(f"{2000 + i}-12-31,{v}\n" for i, v in enumerate(values))
    schema = detect_bytes(f"Date,USD/BRL\n{rows}".encode(), "usd_brl.csv")
    assert [c.name for c in schema.columns if c.canonical == "close"] == ["USD/BRL"]


def test_a_name_s_scores_are_each_caller_s_own():
    # A column's name is scored once and kept (names recur from file to file); map_canonical's rules then
    # change the scores they are given, which must leave the next file's reading of the name as it was.
    from backintime_assets.detection.canonical import _name_score

    scores = _name_score(["Adj Close"])
    assert scores == {"adj_close": pytest.approx(scores["adj_close"])} and scores["adj_close"] > 0
    scores.clear()
    assert "adj_close" in _name_score(["Adj Close"])
    header = [["Date"], ["Close"], ["Adj Close"], ["Volume"]]
    types = [ColumnType("date", "%Y-%m-%d", 1.0)] + [ColumnType("float", None, 1.0)] * 3
    body = [["2024-01-02", "185.2", "184.9", "1000"], ["2024-01-03", "184.3", "184.0", "1200"]]
    for _ in range(2):
        assert map_canonical(header, types, body) == ["date", "close", "adj_close", "volume"]


def test_a_header_s_counted_labels_are_its_cells_labels():
    # Read a cell at a time (each kept: header cells recur from file to file), the header's labels are
    # their union: an instrument's "10Y" beside its close, Philip Morris's "PM" bar, no span's figures.
    from backintime_assets.detection.canonical import _counted_labels

    assert _counted_labels([["10Y Close"], ["10Y High"], ["PM Open"], ["PM Close"]]) == {"10y", "pm"}
    assert _counted_labels([["Date"], ["1Y Return"], ["10Y High"], ["Close"]]) == frozenset()
    assert _counted_labels([["Issuer", "10Y Close"], ["Pre-Market Open"]]) == _counted_labels(
        [["10Y Close"]]) | _counted_labels([["Pre-Market Open"]])


def test_finrl_s_tic_names_each_row_s_stock():
    # FinRL's "date,tic,...": unread, a date's stocks were rejected as an unnamed series, or, where a price
    # check rejected all but one stock's rows (adjusted closes below their lows), that stock's loaded under
    # the file's name.
    data = (b"date,tic,open,high,low,close,volume,macd\n"
            b"2015-01-02,BOREO,3.80,3.81,3.80,3.0589,137,0.1\n"
            b"2015-01-02,ICP1V,0.3168,0.3423,0.3168,0.3423,11807,0.2\n"
            b"2015-01-02,UPM,13.75,13.88,13.70,8.7622,1092959,0.3\n"
            b"2015-01-05,BOREO,3.89,3.89,3.89,3.1232,1490,0.1\n"
            b"2015-01-05,ICP1V,0.3423,0.3423,0.3168,0.3168,16883,0.2\n"
            b"2015-01-05,UPM,13.73,13.90,13.45,8.5968,1696270,0.3\n")
    prices = normalise_bytes(data, detect_bytes(data, "train_data.csv"), "train_data.csv").prices
    assert prices["ticker"].tolist() == ["ICP1V", "ICP1V"] and prices["close"].tolist() == [0.3423, 0.3168]
    raw = (b"date,tic,open,high,low,close,volume\n2024-01-02,AAA,10,11,9.5,10.5,100\n"
           b"2024-01-02,BBB,20,21,19.5,20.5,200\n2024-01-03,AAA,10.5,11.5,10,11,110\n"
           b"2024-01-03,BBB,20.5,21.5,20,21,210\n")
    prices = normalise_bytes(raw, detect_bytes(raw, "train_data.csv"), "train_data.csv").prices.sort_values("ticker")
    assert prices["ticker"].tolist() == ["AAA", "AAA", "BBB", "BBB"]
    assert prices["close"].tolist() == [10.5, 11, 20.5, 21]


@pytest.mark.parametrize("text", [
    "date,close,tic\n2024-01-02,10.5,153\n2024-01-03,10.6,201\n2024-01-04,10.7,177\n",  # a count of ticks
    "date,close,tic\n2024-01-02,10.5,0.01\n2024-01-03,10.6,0.01\n2024-01-04,10.7,0.01\n",  # a tick's size
])
def test_numbers_under_tic_name_no_stock(text):
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "ticks.csv"), "ticks.csv").prices
    assert prices["ticker"].tolist() == ["TICKS"] * 3 and prices["close"].tolist() == [10.5, 10.6, 10.7]


@pytest.mark.parametrize("tic", [
    ["4956 ticks", "2558 ticks", "1107 ticks", "1504 ticks"],  # a count of ticks, with its unit
    ["09:30:00.120"] * 4,  # a timer's start ("tic,toc")
    ["up", "down", "up", "down"],  # a tick's direction, one row a day
    ["t1", "t2", "t3", "t4"],  # row labels
])
def test_tic_of_no_stock_codes_names_no_series(tic):
    # Read as the ticker, each row loaded as an instrument of its own ("4956 TICKS", "UP"), or the file under
    # a time; unread, the file is one series named by the file's name.
    dates = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    data = ("date,tic,close\n" + "".join(f"{d},{t},{10.5 + i / 10}\n" for i, (d, t) in enumerate(zip(dates, tic))))
    data = data.encode()
    prices = normalise_bytes(data, detect_bytes(data, "ticks.csv"), "ticks.csv").prices
    assert prices["ticker"].tolist() == ["TICKS"] * 4 and prices["close"].tolist() == [10.5, 10.6, 10.7, 10.8]


_NEPSE_TODAY = ("S.N.,Traded Companies,No. Of Transaction,Max Price,Min Price,Closing Price,Traded Shares,Amount,"
                "Previous Closing,Difference Rs.\n"
                "1,10% Sunrise Debenture 2080,2,1050.00,1050.00,1050.00,50.00,52500.00,1050.00,0.00\n"
                "2,Agriculture Development Bank Limited,229,445.00,435.00,439.00,29054.00,12755181.00,440.00,-1.00\n"
                "3,Ajod Insurance Limited,336,658.00,630.00,630.00,20102.00,12846577.00,646.00,-16.00\n")


def test_nepse_sheet_names_each_row_by_its_traded_company():
    # NEPSE's "Today's Price": no symbol, only the company's name, and the day in the file's name. Unread,
    # "Traded Companies" left the folder refused ("no ticker column").
    data = _NEPSE_TODAY.encode()
    result = normalise_bytes(data, detect_bytes(data, "2021-01-04.csv"), "2021-01-04.csv")
    prices = result.prices.sort_values("ticker")
    assert result.file_problem is None
    assert prices["ticker"].tolist() == ["10% SUNRISE DEBENTURE 2080", "AGRICULTURE DEVELOPMENT BANK LIMITED",
                                         "AJOD INSURANCE LIMITED"]
    assert prices["close"].tolist() == [1050, 439, 630] and prices["volume"].tolist() == [50, 29054, 20102]
    assert {str(d)[:10] for d in prices["date"]} == {"2021-01-04"}
    # Max and Min Price stay unread (a band reads so as often): the rows keep their close alone.
    assert prices["high"].tolist() == [1050, 439, 630] and prices["low"].tolist() == [1050, 439, 630]


@pytest.mark.parametrize(("text", "ticker", "volume"), [
    # A market summary counts the companies traded: a number is no instrument.
    ("Date,Traded Companies,Closing Price\n2024-03-04,221,2710.5\n2024-03-05,218,2698.1\n2024-03-06,224,2721.4\n",
     ["SUMMARY"] * 3, [None] * 3),
    # A group's label beside the company: the company names the row, wherever the label stands.
    ("Date,Traded Companies,Company,Close\n2024-03-04,Group A,Nabil Bank,1111\n2024-03-04,Group A,NIC Asia,892\n"
     "2024-03-05,Group A,Nabil Bank,1097\n2024-03-05,Group A,NIC Asia,883\n",
     ["NABIL BANK", "NABIL BANK", "NIC ASIA", "NIC ASIA"], [None] * 4),
    # Beside a "Volume", "Traded Shares" is not it.
    ("Date,Symbol,Close,Traded Shares,Volume\n2024-03-04,NABIL,1111,0.5,91228\n2024-03-05,NABIL,1097,0.4,90991\n",
     ["NABIL", "NABIL"], [91228, 90991]),
])
def test_traded_names_yield_to_what_names_more(text, ticker, volume):
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "summary.csv"), "summary.csv").prices
    prices = prices.sort_values(["ticker", "date"])
    assert prices["ticker"].tolist() == ticker
    assert [None if v != v else v for v in prices["volume"].tolist()] == volume


def test_max_and_min_price_are_no_days_range():
    # "Max Price"/"Min Price" left of "High"/"Low": a day's limits; beside a fund's NAV, its band.
    data = (b"Date,Symbol,Max Price,Min Price,Open,High,Low,Close\n2024-03-04,ABC,110,90,100,104,99,103\n"
            b"2024-03-05,ABC,113.3,92.7,103,106,102,105\n")
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices
    assert prices["high"].tolist() == [104, 106] and prices["low"].tolist() == [99, 102]
    data = (b"Date,Fund,NAV,Max Price,Min Price\n2024-03-04,Alpha Fund,10.21,10.50,10.00\n"
            b"2024-03-05,Alpha Fund,10.25,10.50,10.00\n")
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices
    assert prices["high"].tolist() == [10.21, 10.25] and prices["low"].tolist() == [10.21, 10.25]


_OPEN_IS_PREVIOUS = ("S.No,Symbol,Conf.,Open,High,Low,Close,VWAP,Vol,Prev. Close\n"
                     "1,ADBL,-,134.00,134.00,130.00,130.00,131.47,\"1,288.00\",134.00\n"
                     "2,CZBIL,-,208.00,206.00,196.00,200.00,200.55,\"1,520.00\",208.00\n"
                     "3,EBL,-,\"1,059.00\",\"1,038.00\",960.00,998.00,986.38,324.00,\"1,059.00\"\n"
                     "4,KBL,-,255.00,260.00,260.00,260.00,260.00,77.00,255.00\n")


def test_open_that_copies_the_previous_close_is_no_open():
    # NEPSE's old daily sheet writes the day before's close under "Open" (equal to "Prev. Close" on every
    # row, above the day's high or below its low on most): read as the open, those rows were rejected
    # ("high < max(open, close)") and their closes with them.
    data = _OPEN_IS_PREVIOUS.encode()
    result = normalise_bytes(data, detect_bytes(data, "2011-03-28.csv"), "2011-03-28.csv")
    prices = result.prices.sort_values("ticker")
    assert result.rejected.empty
    assert prices["ticker"].tolist() == ["ADBL", "CZBIL", "EBL", "KBL"]
    assert prices["close"].tolist() == [130, 200, 998, 260] and prices["open"].tolist() == [130, 200, 998, 260]
    assert prices["high"].tolist() == [134, 206, 1038, 260] and prices["low"].tolist() == [130, 196, 960, 260]


@pytest.mark.parametrize("rows", [
    # The open equals the previous close on every row, within the day's range (an unchanged open).
    ["AAA,100,104,99,103,100", "BBB,50,51,49,50.5,50", "CCC,20,21,19,20,20", "DDD,10,10.5,9.8,10.2,10"],
    # One row's open is its own: the column is the open (that row's other values are the file's).
    ["AAA,110,104,99,103,110", "BBB,52,51,49,50.5,52", "CCC,20,21,19,20,20", "DDD,11,10.5,9.8,10.2,10.9"],
])
def test_open_beside_previous_close_stays_the_open(rows):
    data = ("Date,Symbol,Open,High,Low,Close,Prev. Close\n" + "".join(f"2024-03-04,{r}\n" for r in rows)).encode()
    schema = detect_bytes(data, "x.csv")
    assert [c.canonical for c in schema.columns][2] == "open"


@pytest.mark.parametrize("symbol", ["Stock Symbol", "Company Symbol", "Symbol"])
def test_traded_names_yield_to_a_symbol_named_by_a_hint(symbol):
    # "Stock Symbol" scores by a hint alone (0.6), below "Traded Companies": the company's long name had
    # named every row, another series of the same stock than its symbol's in every other file.
    data = (f"Business Date,{symbol},Traded Companies,LTP,Traded Shares\n"
            "2024-03-04,NABIL,Nabil Bank Limited,1111,91228\n2024-03-04,NICA,NIC Asia Bank Limited,892,1234\n"
            "2024-03-05,NABIL,Nabil Bank Limited,1097,90991\n2024-03-05,NICA,NIC Asia Bank Limited,883,2234\n").encode()
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices.sort_values(["ticker", "date"])
    assert prices["ticker"].tolist() == ["NABIL", "NABIL", "NICA", "NICA"]
    assert prices["close"].tolist() == [1111, 1097, 892, 883]
    assert prices["volume"].tolist() == [91228, 90991, 1234, 2234]


def test_traded_names_stay_above_an_index_beside_them():
    # "Index" beside the companies is the index they belong to: taken for the ticker it had named every
    # company's rows as one series.
    data = (b"Date,Index,Traded Companies,Close\n2024-03-04,NEPSE,Nabil Bank Limited,1111\n"
            b"2024-03-04,NEPSE,NIC Asia Bank Limited,892\n2024-03-05,NEPSE,Nabil Bank Limited,1097\n"
            b"2024-03-05,NEPSE,NIC Asia Bank Limited,883\n")
    prices = normalise_bytes(data, detect_bytes(data, "x.csv"), "x.csv").prices.sort_values(["ticker", "date"])
    assert prices["ticker"].tolist() == ["NABIL BANK LIMITED"] * 2 + ["NIC ASIA BANK LIMITED"] * 2


@pytest.mark.parametrize("error", ["10.15,10.10,10.00,10.05", "10.15,10.40,10.20,10.30"])
def test_open_at_the_last_close_with_one_row_in_error_stays_the_open(error):
    # An illiquid stock opens at the last close each day; one row's high (or low) is mistyped. Read as a
    # copy, every row's open had been dropped and filled with its close (silent) for one row the checks
    # reject on their own.
    data = ("Date,Open,High,Low,Close,Prev Close,Volume\n2024-03-04,10.00,10.20,9.90,10.10,10.00,500\n"
            "2024-03-05,10.10,10.30,10.00,10.20,10.10,300\n2024-03-06,10.20,10.25,10.10,10.15,10.20,200\n"
            f"2024-03-07,{error},10.15,100\n2024-03-08,10.05,10.20,10.00,10.10,10.05,400\n").encode()
    schema = detect_bytes(data, "x.csv")
    assert [c.canonical for c in schema.columns][1] == "open"
    prices = normalise_bytes(data, schema, "x.csv").prices.sort_values("date")
    assert prices["open"].tolist()[:3] == [10.0, 10.1, 10.2] and prices["open"].tolist()[-1] == 10.05
