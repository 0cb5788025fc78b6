"""Price files as vendors write them, found wrong by the session-30 price probe: a currency or a
volume multiplier after the number (Investing.com), and grouped prices only after 400 cells."""

import pandas as pd

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


def test_a_volume_grouped_by_commas_in_a_file_grouping_its_prices_by_apostrophes():
    # Swiss prices ("1'234.50") beside volumes grouped the English way: read by the apostrophe, the
    # volume column was text, left unmapped, and every row loaded without its volume, no reason given.
    days = pd.bdate_range("2023-03-01", periods=12).strftime("%Y-%m-%d")
    rows = [f"{day},\"1'{k}4.50\",\"1'{k}9.00\",\"1'{k}0.25\",\"1'{k}5.75\",\"{k},822,696\""
            for k, day in enumerate(days, 10)]
    data = ("Date,Open,High,Low,Close,Volume\n" + "\n".join(rows) + "\n").encode()
    schema, out = _load(data, "NESN.csv")
    assert (schema.decimal, schema.thousands) == (".", "'")
    p = out.prices
    assert len(p) == 12 and out.rejected.empty
    assert p["close"].iloc[0] == 1105.75 and list(p["volume"].iloc[:2]) == [10822696, 11822696]


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


def test_a_volume_grouped_by_dots_in_a_file_grouping_its_prices_by_spaces():
    # The mirror: French prices ("1 234,50", a no-break space grouping) beside a German sheet's volumes
    # ("3.443.306"); the volumes were text, and loaded as no volume, no reason given.
    days = pd.bdate_range("2023-03-01", periods=12).strftime("%d/%m/%Y")
    rows = [f"{day};1\u00a0{k}4,50;1\u00a0{k}9,00;1\u00a0{k}0,25;1\u00a0{k}5,75;{k}.443.306"
            for k, day in enumerate(days, 10)]
    data = ("Date;Ouverture;Plus Haut;Plus Bas;Clôture;Volume\n" + "\n".join(rows) + "\n").encode()
    schema, out = _load(data, "MC.csv")
    assert (schema.decimal, schema.thousands) == (",", "\u00a0")
    p = out.prices
    assert len(p) == 12 and out.rejected.empty
    assert p["close"].iloc[0] == 1105.75 and list(p["volume"].iloc[:2]) == [10443306, 11443306]
