"""Price files as vendors write them, found wrong by the session-30 price probe (a currency or a
volume multiplier after the number, as Investing.com writes them; grouped prices only after 400
cells), and the edges its review found: a label line naming no security, a label over a table
stacked below the first, a coin's dotted volumes in a decimal-comma file, phone numbers after the
voted cells, date names inside other words."""

import pandas as pd
import pytest

from backintime_assets.detection.columns import date_named
from backintime_assets.detection.detect import detect_bytes
from backintime_assets.normalisation.normalise import normalise_bytes


def _load(data: bytes, name: str):
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


def test_currency_after_the_number_does_not_split_on_its_space():
    # "0.000711 €" holds a space on every line as often as the tabs: read on the space, the header
    # was one field and the file loaded nothing ("no date or close column").
    days = pd.bdate_range("2023-03-01", periods=40).strftime("%Y/%m/%d")
    rows = [f"{day}\t0.0007{k:02d} €\t0.0006{k:02d} €\t0.0008{k:02d} €\t0.0005{k:02d} €\t{k}22357794"
            for k, day in enumerate(days, 10)]
    data = ("Fecha\tApertura\tÚltimo\tMáximo\tMínimo\tVol.\n" + "\n".join(rows) + "\n").encode()
    schema, out = _load(data, "PENNY.csv")
    assert schema.delimiter == "\t"
    p = out.prices
    assert len(p) == 40 and out.rejected.empty
    assert p["close"].iloc[0] == 0.000610 and p["open"].iloc[0] == 0.000710 and p["volume"].iloc[0] == 1022357794


def test_multiplied_volumes_and_a_percent_column_do_not_split_on_the_percent_sign():
    # One "%" in the header and one on every row ("Change %", "0.40%"): read on it, the file was two
    # columns; "123.10 €" and "2.07M" count as values of the ';' reading.
    days = pd.bdate_range("2023-03-01", periods=40).strftime("%Y-%m-%d")
    rows = [f"1{k}.50 €;1{k}.90 €;1{k}.10 €;1{k}.60 €;1{k}.55 €;{k}.07M;{day};0.{k}%" for k, day in enumerate(days, 10)]
    data = ("Open;High;Low;Close;Adj Close;Volume;Date;Change %\n" + "\n".join(rows) + "\n").encode()
    schema, out = _load(data, "ACME.csv")
    assert schema.delimiter == ";"
    p = out.prices
    assert len(p) == 40 and out.rejected.empty
    assert list(p["close"].iloc[:2]) == [110.6, 111.6] and list(p["volume"].iloc[:2]) == [10.07e6, 11.07e6]


def test_grouped_prices_of_a_ticker_after_the_voted_cells_keep_their_grouping():
    # Two tickers' 45 rows of five plain prices each come first (450 numeric cells, past the 400 the
    # number format is voted on); the third's "$259,256.29" then read as text, and the whole file was
    # refused ("no close column ... read as string").
    lines = ["Ticker,Date,Open,High,Low,Close,Adj Close"]
    days = [str(d) for d in pd.bdate_range("2023-01-02", periods=45).date]
    for t, fmt in (("ACME", "${:.2f}"), ("PENNY", "${:.6f}"), ("BRKA", '"${:,.2f}"')):
        base = {"ACME": 138.25, "PENNY": 0.00049, "BRKA": 259256.29}[t]
        for k, day in enumerate(days):
            v = base * (1 + k / 1000)
            lines.append(",".join([t, day] + [fmt.format(v)] * 5))
    data = ("\n".join(lines) + "\n").encode()
    schema, out = _load(data, "export.csv")
    assert schema.thousands == ","
    p = out.prices
    assert out.file_problem is None and out.rejected.empty and len(p) == 3 * 45
    brka = p[p["ticker"] == "BRKA"]
    assert brka["close"].iloc[0] == 259256.29 and len(brka) == 45


@pytest.mark.parametrize(("header", "date_format", "row", "marks"), [
    # Swiss prices ("1'234.50") beside volumes grouped the English way.
    ("Date,Open,High,Low,Close,Volume", "%Y-%m-%d",
     "{day},\"1'{k}4.50\",\"1'{k}9.00\",\"1'{k}0.25\",\"1'{k}5.75\",\"{k},443,306\"", (".", "'")),
    # The mirror: French prices ("1 234,50", a no-break space grouping) beside a German sheet's volumes.
    ("Date;Ouverture;Plus Haut;Plus Bas;Clôture;Volume", "%d/%m/%Y",
     "{day};1\u00a0{k}4,50;1\u00a0{k}9,00;1\u00a0{k}0,25;1\u00a0{k}5,75;{k}.443.306", (",", "\u00a0")),
])
def test_volumes_grouped_by_the_other_mark_than_the_prices_read_whole(header, date_format, row, marks):
    # Read by the prices' mark, the volume column was text, left unmapped, and every row loaded
    # without its volume, no reason given.
    days = pd.bdate_range("2023-03-01", periods=12).strftime(date_format)
    data = (header + "\n" + "\n".join(row.format(day=day, k=k) for k, day in enumerate(days, 10)) + "\n").encode()
    schema, out = _load(data, "NESN.csv")
    assert (schema.decimal, schema.thousands) == marks
    p = out.prices
    assert len(p) == 12 and out.rejected.empty
    assert p["close"].iloc[0] == 1105.75 and list(p["volume"].iloc[:2]) == [10443306, 11443306]


def test_unix_milliseconds_repeated_per_ticker_under_a_japanese_date_name():
    # Three tickers a day, each day's stamp written three times: neither in order nor varied enough to
    # be read as a time axis by the values alone; named "日付け" (the date, as "Date" is) the column is one.
    lines = ["Ticker;日付け;始値;高値;安値;終値"]
    for k, day in enumerate(pd.bdate_range("2023-06-16", periods=8)):
        ms = int(day.tz_localize("UTC").timestamp()) * 1000
        for t, level in (("ACME", 288), ("BRKA", 245148), ("PENNY", 1)):
            lines.append(f"{t};{ms};{level + k},25;{level + k + 1},50;{level - 1},10;{level + k},75")
    schema, out = _load(("\n".join(lines) + "\n").encode(), "export.csv")
    assert schema.columns[1].canonical == "date"
    p = out.prices
    assert len(p) == 24 and out.rejected.empty
    assert str(p["date"].iloc[0].date()) == "2023-06-16" and p["close"].iloc[0] == 288.75


def test_a_symbol_line_above_the_header_names_the_ticker():
    # "Symbol: ACME" over a blank line and the header: no column names the ticker, and the file's own
    # name ("export.csv") names none either: refused, though the file says whose prices these are.
    body = "2024-01-02,10.5,11,10,10.8,1000\n2024-01-03,10.8,11.2,10.6,11.1,1200\n"
    for preamble in ("Symbol: ACME\n\n", "Ticker,ACME\n", "Symbol = ACME\n"):
        schema, out = _load((preamble + "Date,Open,High,Low,Close,Volume\n" + body).encode(), "export.csv")
        assert out.file_problem is None and list(out.prices["ticker"]) == ["ACME", "ACME"], preamble
    # A title is no label: the file stays refused for its name.
    schema, out = _load(("Daily prices 2024\n\nDate,Open,High,Low,Close,Volume\n" + body).encode(), "export.csv")
    assert out.prices.empty and "names no instrument" in out.file_problem


def _bars(n: int, base: float, start: str = "2023-01-02") -> list[str]:
    days = pd.bdate_range(start, periods=n).strftime("%Y-%m-%d")
    return [f"{d},{base + k:.2f},{base + k + 1:.2f},{base + k - 1:.2f},{base + k + 0.5:.2f},{1000 + k}"
            for k, d in enumerate(days)]


@pytest.mark.parametrize("label", ["Ticker: N/A", "Symbol: NONE", "Ticker,ISIN", "Symbol: USD", "Ticker: -"])
def test_a_label_line_naming_no_security_leaves_the_file_its_name(label):
    # "Ticker: N/A" above the header had loaded every row as security "N/A"; "Ticker,ISIN" (a table of
    # codes' header) as security "ISIN".
    data = (label + "\nDate,Open,High,Low,Close,Volume\n" + "\n".join(_bars(5, 100)) + "\n").encode()
    schema, out = _load(data, "AAPL.csv")
    assert schema.ticker is None
    assert set(out.prices["ticker"]) == {"AAPL"} and len(out.prices) == 5


def test_a_label_line_names_the_ticker_above_the_header():
    data = ("Symbol: MSFT\n\nDate,Open,High,Low,Close,Volume\n" + "\n".join(_bars(5, 100)) + "\n").encode()
    schema, out = _load(data, "export.csv")
    assert schema.ticker == "MSFT" and set(out.prices["ticker"]) == {"MSFT"}


@pytest.mark.parametrize("label", ["Symbol: {}", "Ticker,{}"])
def test_a_table_stacked_under_its_own_label_loads_under_it(label):
    # The first table's "Symbol: AAPL" named the file's ticker; the second's "Symbol: MSFT" was a rejected
    # line naming none, and MSFT's rows had loaded under the file's name (before the label was read at
    # all, both tables' rows of one day were rejected as unnamed series).
    header = "Date,Open,High,Low,Close,Volume\n"
    data = (label.format("AAPL") + "\n" + header + "\n".join(_bars(8, 100)) + "\n\n"
            + label.format("MSFT") + "\n" + header + "\n".join(_bars(8, 300)) + "\n").encode()
    schema, out = _load(data, "export.csv")
    assert schema.ticker == "AAPL"
    p = out.prices
    assert len(p) == 16
    assert list(p.groupby("ticker")["close"].min().items()) == [("AAPL", 100.5), ("MSFT", 300.5)]
    assert len(out.rejected) == 2  # the second label's line and its repeated header, each with its reason


@pytest.mark.parametrize(("volume", "grouped"), [
    # "21,375" coins written with a decimal dot ("21.375") beside prices "1 500,00": nothing says the dot
    # groups (no "1.234.567", no bare volume beside it); read as thousands they had loaded 21375.
    (lambda k: f"{k + 1}.{125 * (k % 8):03d}", False),
    # A dot twice in one volume groups its thousands: read whole.
    (lambda k: f"{k + 1}.{k:03d}.306", True),
])
def test_dotted_volumes_in_a_decimal_comma_file_read_whole_only_where_grouped(volume, grouped):
    days = pd.bdate_range("2023-01-02", periods=30).strftime("%d/%m/%Y")
    rows = [f"{d};1 5{k:02d},00;1 5{k:02d},50;1 4{k:02d},00;1 5{k:02d},25;{volume(k)}" for k, d in enumerate(days)]
    data = ("Date;Ouverture;Haut;Bas;Clôture;Volume\n" + "\n".join(rows) + "\n").encode()
    schema, out = _load(data, "ACME.csv")
    assert (schema.columns[5].format == "dot_grouped") is grouped and out.rejected.empty
    expected = [float(volume(k).replace(".", "")) if grouped else float(volume(k)) for k in range(30)]
    assert out.prices["volume"].tolist() == expected


def test_phone_numbers_past_the_voted_cells_are_no_grouping():
    # Numbers spaced in groups of three with no decimal after ("+34 912 345 678") first seen past the 400
    # voted cells had made the space the file's thousands mark, and its phones whole numbers.
    rows = ["id,amount,phone"] + [f"{i},{i % 97 + 0.25:.2f}," + (f"+34 912 {100 + i} {300 + i}" if i > 250 else "")
                                  for i in range(400)]
    schema = detect_bytes(("\n".join(rows) + "\n").encode(), "contacts.csv")
    assert schema.thousands is None
    assert schema.columns[2].type == "string"


@pytest.mark.parametrize("name, dated", [("Дата", True), ("ДатаСделки", True), ("дата_сделки", True),
                                         ("Голосов за кандидата", False), ("мандата", False),
                                         ("거래일자", True), ("일자리 수", False),
                                         ("Fecha", True), ("fecha_operacion", True), ("Fechamento", False),
                                         ("Preço de Fechamento", False)])
def test_date_names_are_words_not_pieces_of_others(name, dated):
    # "Голосов за кандидата" (votes for the candidate) and "일자리 수" (jobs) of 20,000 to 60,000 read as
    # Excel days.
    assert date_named(name) is dated


@pytest.mark.parametrize("closes", [[17758, 17930, 18103, 19172, 19206, 19310, 18758, 18620, 18689, 18792],
                                    [109442844, 109528692, 110005120]])
def test_a_portuguese_close_in_whole_units_is_no_date(closes):
    # "Fechamento" (the close) held "fecha" (Spanish for the date): a HOSE close in whole dong read as Excel
    # days, a fund's value in whole reais as epoch seconds, and the file had "no close column".
    rows = "".join(f"2024-01-{d},{c}\n" for d, c in zip((15, 16, 17, 18, 19, 22, 23, 24, 25, 26), closes))
    data = f"Data,Fechamento\n{rows}".encode()
    prices = normalise_bytes(data, detect_bytes(data, "hose.csv"), "hose.csv").prices_arrow
    assert prices.column("close").to_pylist() == closes


def test_a_count_named_with_a_date_word_inside_stays_a_number():
    rows = ["Округ,Голосов за кандидата"] + [f"{i},{20000 + 1371 * i}" for i in range(1, 30)]
    schema = detect_bytes(("\n".join(rows) + "\n").encode(), "votes.csv")
    assert schema.columns[1].type == "integer"
