"""Price files as offices export them, each in one locale's customs, detected and read end to end: every
row must load with the values written. Written apart from detection/render.py (the other property tests'
writer), with what exports carry: titles and footers, a company's name holding the delimiter, a change in
percent, prices in money, volumes left out as "-" or "n/a", several tickers one after another or by date.

Only numbers no custom reads two ways: prices of three decimals ("5,775") or whole prices grouped
("5,245") are either a decimal or a thousand by their locale alone, so they are left to the unit tests
of that doubt (test_numbers.py)."""
import csv
import io
import random
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

# delimiters, decimal mark, thousands marks, date formats
LOCALES = {
    "us": ([",", "\t"], ".", [None, ","], ["%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y", "%b %d, %Y", "%d-%b-%Y",
                                          "%m/%d/%Y %I:%M %p"]),
    "uk": ([",", "\t"], ".", [None, ","], ["%d/%m/%Y", "%Y-%m-%d", "%d-%b-%Y", "%d %B %Y", "%d/%m/%y"]),
    "de": ([";", "\t"], ",", [None, "."], ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d.%m.%Y %H:%M"]),
    "fr": ([";", "\t"], ",", [None, " "], ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y"]),
    "ch": ([";", "\t", ","], ".", [None, "'"], ["%d.%m.%Y", "%Y-%m-%d"]),
    "jp": ([",", "\t"], ".", [None, ","], ["%Y/%m/%d", "%Y-%m-%d", "%Y%m%d"]),
    "iso": ([",", ";", "\t", "|"], ".", [None], ["%Y-%m-%d", "%Y%m%d", "%Y-%m-%dT%H:%M:%S"]),
}
NAMES = {
    "date": ["Date", "DATE", "Trade Date", "Datum", "Fecha", "Data", "Day", "As of", "Handelstag", "Session"],
    "ticker": ["Ticker", "Symbol", "Code", "Instrument", "Security", "RIC", "Kürzel", "Ticker Symbol", "Sym"],
    "open": ["Open", "Opening", "Eröffnung", "Apertura", "Ouverture", "Open Price", "First"],
    "high": ["High", "Hoch", "Máximo", "Plus haut", "High Price", "Max"],
    "low": ["Low", "Tief", "Mínimo", "Plus bas", "Low Price", "Min"],
    "close": ["Close", "Last", "Schluss", "Schlusskurs", "Cierre", "Clôture", "Close Price", "Price", "Settle"],
    "volume": ["Volume", "Vol.", "Umsatz", "Volumen", "Shares Traded"],
    "name": ["Name", "Company", "Security Name", "Bezeichnung"],
    "change": ["Change %", "Chg%", "Var. %", "% Change"],
}
COMPANIES = {"ACME": "Acme Corp.", "BHP": "BHP Group, Ltd", "SAP": "SAP SE", "VOD": "Vodafone Group plc",
             "NESN": "Nestlé S.A.", "7203": "Toyota Motor", "MC.PA": "LVMH; Moët Hennessy",
             "BRK.B": 'Berkshire "B"', "ZURN": "Zurich Insurance | Group"}
TITLES = ["Daily prices export", "Generated: 2024-05-01", "Account:{d}12345", "", "Source: Exchange data feed",
          "Currency{d}USD", "Page 1"]
FOOTERS = ["", "End of report", "Page 1 of 1", "Source: exchange", "{n} rows"]
PRICES = ("open", "high", "low", "close")


def number(x: float, decimals: int, mark: str, thousands: str | None) -> str:
    whole, _, fraction = f"{x:,.{decimals}f}".partition(".")
    return whole.replace(",", thousands or "") + (mark + fraction if fraction else "")


@st.composite
def exports(draw):
    delimiters, mark, groupings, formats = LOCALES[draw(st.sampled_from(sorted(LOCALES)))]
    delimiter, grouping, fmt = draw(st.sampled_from(delimiters)), draw(st.sampled_from(groupings)), \
        draw(st.sampled_from(formats))
    grouping = None if grouping == delimiter else grouping
    tickers = draw(st.lists(st.sampled_from(sorted(COMPANIES)), min_size=1, max_size=3, unique=True))
    fields = ["date"] + (["ticker"] if len(tickers) > 1 or draw(st.booleans()) else [])
    fields += list(PRICES) if draw(st.booleans()) else ["close"]
    fields += [f for f in ("volume", "name", "change") if draw(st.booleans())]
    fields = fields[:1] + draw(st.permutations(fields[1:]))
    decimals = draw(st.sampled_from([1, 2, 4, 5]))  # not 3: see the module's docstring
    money = draw(st.sampled_from([None, None, None, "$", "€", " EUR"]))
    no_volume = draw(st.sampled_from([None, None, "", "-", "n/a"]))
    day, n = date(2005, 1, 3) + timedelta(days=draw(st.integers(0, 7000))), draw(st.sampled_from([3, 6, 20, 60]))
    days = []
    while len(days) < n:
        days += [day] if day.weekday() < 5 else []
        day += timedelta(days=1)
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))  # prices as a market makes them, not edge cases
    truth = []
    for ticker in tickers:
        price = 10 ** rng.uniform(0.5, 4.5)
        for d in days:
            price = max(2.0, price * (1 + rng.gauss(0, 0.02)))
            o, c = (round(price * (1 + rng.gauss(0, 0.005)), decimals), round(price, decimals))
            h = round(max(o, c) * (1 + abs(rng.gauss(0, 0.005))), decimals)
            low = round(min(o, c) * (1 - abs(rng.gauss(0, 0.005))), decimals)
            truth.append({"date": d, "ticker": ticker, "open": o, "high": max(o, h, c), "low": min(o, low, c),
                          "close": c, "volume": rng.randrange(1, 5_000_000), "change": round(rng.gauss(0, 2), 2)})
    if draw(st.booleans()):
        truth.sort(key=lambda r: (r["date"], r["ticker"]), reverse=draw(st.booleans()))

    def cell(row: dict, field: str) -> str:
        if field == "date":
            return row["date"].strftime(fmt)
        if field == "ticker":
            return row["ticker"]
        if field == "name":
            return COMPANIES[row["ticker"]]
        if field == "change":
            return ("+" if row["change"] >= 0 else "") + number(row["change"], 2, mark, None) + "%"
        if field == "volume":
            return no_volume if no_volume is not None and row["volume"] % 7 == 0 else \
                number(row["volume"], 0, mark, grouping)
        text = number(row[field], decimals, mark, grouping)
        return text + money if money and money[0] in " €" else money + text if money else text

    out = io.StringIO()
    terminator = draw(st.sampled_from(["\n", "\r\n"]))
    writer = csv.writer(out, delimiter=delimiter, lineterminator=terminator,
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    notes = [t.format(d=delimiter) for t in draw(st.lists(st.sampled_from(TITLES), max_size=3, unique=True))]
    for title in notes:
        out.write(title + terminator)
    writer.writerow([draw(st.sampled_from(NAMES[f])) for f in fields])
    writer.writerows([cell(row, f) for f in fields] for row in truth)
    footers = [f.format(n=len(truth)) for f in draw(st.lists(st.sampled_from(FOOTERS), max_size=2, unique=True))]
    for footer in footers:
        out.write(footer + terminator)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:  # a name cp1252 cannot write
        data = out.getvalue().encode("utf-8")
    name = "prices.csv" if "ticker" in fields else f"{tickers[0]}.csv"
    return data, name, fields, truth, no_volume, notes + footers


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(export=exports())
def test_an_office_export_loads_every_row_as_written(export):
    data, name, fields, truth, no_volume, notes = export
    result = normalise_bytes(data, detect_bytes(data, name), name)
    assert result.file_problem is None
    # A title or footer may be rejected with its reason (a three-row file's "Page 1 of 1" reads as a row
    # cut short); no row of prices may.
    assert set(result.rejected_arrow.column("raw").to_pylist()) <= set(notes)
    # Without a ticker column the rows take the file's name, or the company's name where a column holds it.
    by_name = {COMPANIES[t].upper(): t for t in COMPANIES} if "ticker" not in fields and "name" in fields else {}
    expected = {(r["ticker"], r["date"]): r for r in truth}
    loaded = result.prices_arrow.to_pylist()
    assert len(loaded) == len(truth)
    for row in loaded:
        want = expected[(by_name.get(row["ticker"], row["ticker"]), row["date"])]
        for field in [f for f in fields if f in PRICES]:
            assert row[field] == want[field], (field, row, want)
        if "volume" in fields and not (no_volume is not None and want["volume"] % 7 == 0):
            assert row["volume"] == want["volume"], (row, want)
