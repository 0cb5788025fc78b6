"""A tiny table whose width only its header's missing name gave is refused when its day/month order
is a guess, and loads when anything settles the order."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.refusals import judged
from backintime_assets.detection.unsettled_order import UNSETTLED_ORDER
from backintime_assets.normalisation import normalise_bytes

PREAMBLE = ('"Historical Data"\n"From {span} to {span}"\nLU1708330318\n'
            "Date;Open;High;Low;Last;Close;Number of Shares;Number of Trades;Turnover\n")


def _euronext(day: str, name: str = "euronext_LU1708330318.csv", span: str | None = None):
    row = f"{day};4.506;4.506;4.4925;4.497;4.495;3370;6;15147;4.494641\n"
    text = (PREAMBLE.format(span=span or day) + row).encode()
    schema = detect_bytes(text, name)
    return schema, normalise_bytes(text, schema, name)


def test_a_one_day_download_whose_lone_date_reads_either_way_is_refused():
    # Euronext's default d/m/Y: "02/01/2024" is 2 January. Read as "%m/%d/%Y" (the custom for "/"),
    # it loaded as 1 February once the header's missing VWAP name had given the table its width.
    schema, result = _euronext("02/01/2024")
    assert schema.problem.startswith(f"{UNSETTLED_ORDER}: its dates (02/01/2024) read either way")
    assert judged(schema.problem)
    assert result.prices_arrow.num_rows == 0
    assert result.rejected_arrow["reason"].to_pylist() == [f"file problem: {schema.problem}"]


def test_a_one_day_download_whose_order_is_settled_loads():
    # A day above 12, or the date in the file's name, settles the order: the row loads, as its day.
    for day, name, want in (("15/01/2024", "euronext_LU1708330318.csv", "2024-01-15"),
                            ("02/01/2024", "euronext_LU1708330318_2024-01-02.csv", "2024-01-02")):
        schema, result = _euronext(day, name)
        assert schema.problem is None, name
        assert [str(d) for d in result.prices_arrow["date"].to_pylist()] == [want]
        assert result.prices_arrow["close"].to_pylist() == [4.495]
    # So does its range, written year first above the table (detection/stated_order.py).
    schema, result = _euronext("02/01/2024", span="2024-01-02")
    assert schema.problem is None
    assert [str(d) for d in result.prices_arrow["date"].to_pylist()] == ["2024-01-02"]


# The Tel Aviv Stock Exchange's index download (a test fixture of a TA-35 dashboard): Hebrew names
# for the trade date, open, high, low and close, the index named on each row, dates day first.
_TASE_HEADER = "מדד;תאריך המסחר;שער פתיחה;גבוה;נמוך;שער נעילה\n"


def _tase(rows: str, name: str = "ta35.csv"):
    text = (_TASE_HEADER + rows).encode()
    schema = detect_bytes(text, name)
    return schema, normalise_bytes(text, schema, name)


def test_a_hebrew_header_names_the_prices_of_a_tase_download():
    # Its names unknown, the file was refused ("no close column") though it holds a day's bar.
    schema, result = _tase("תא-35;15/07/2026;2500;2510;2490;2505\nתא-35;16/07/2026;2505;2515;2495;2511\n")
    assert [c.canonical for c in schema.columns] == ["ticker", "date", "open", "high", "low", "close"]
    prices = result.prices
    assert prices["date"].astype(str).tolist() == ["2026-07-15", "2026-07-16"]
    assert prices["close"].tolist() == [2505.0, 2511.0]
    assert prices["ticker"].tolist() == ["תא-35", "תא-35"]


def test_a_lone_date_under_a_hebrew_header_is_not_read_month_first():
    # Israel writes dates day first: "01/07/2026" is 1 July. Read by the custom for "/", the row
    # loaded as 7 January; nothing in the file settles the order, so it is refused instead.
    schema, result = _tase("תא-35;01/07/2026;2500;2510;2490;2505\n")
    assert schema.problem.startswith(f"{UNSETTLED_ORDER}: its dates (01/07/2026) read either way")
    assert result.prices_arrow.num_rows == 0


def test_a_lone_date_after_its_weekday_under_a_cyrillic_header_is_not_read_month_first():
    # "Wed 01/07/2026" (both 1 July and 7 January 2026 are Wednesdays) read by the custom for "/".
    text = "Дата,Закрытие\nWed 01/07/2026,10\n".encode()
    schema = detect_bytes(text, "quote.csv")
    assert schema.problem.startswith(f"{UNSETTLED_ORDER}: its dates (Wed 01/07/2026) read either way")
    assert normalise_bytes(text, schema, "quote.csv").prices_arrow.num_rows == 0


def test_month_firsts_under_a_spanish_date_name_are_not_read_as_januarys_days():
    # Banxico's monthly rate (Karup0/Banxico-DataAnalyst tipo_cambio.csv): "01/02/2023" is 1 February,
    # as Mexico writes it. Read by the custom for "/", the twelve month firsts had loaded as twelve
    # days of January; nothing in the file settles the order, so it is refused instead.
    text = ("Fecha,Precio\n" + "".join(f"01/{m:02d}/2023,{600 + m}.5\n" for m in range(1, 13))).encode()
    schema = detect_bytes(text, "tipo_cambio.csv")
    assert schema.problem.startswith(f"{UNSETTLED_ORDER}: its dates (01/01/2023) read either way")
    assert normalise_bytes(text, schema, "tipo_cambio.csv").prices_arrow.num_rows == 0
    # Its days past 12 settle it: a Peruvian daily rate loads day first.
    text = b"Fecha,Precio\n02/01/1997,2.614\n03/01/1997,2.62\n13/01/1997,2.626\n"
    prices = normalise_bytes(text, detect_bytes(text, "tc.csv"), "tc.csv").prices_arrow
    assert [str(d) for d in prices["date"].to_pylist()] == ["1997-01-02", "1997-01-03", "1997-01-13"]
    assert prices["close"].to_pylist() == [2.614, 2.62, 2.626]


@pytest.mark.parametrize(("name", "day"), [("precios_2024_09.csv", "2024-09-05"),
                                           ("2024-05/precios.csv", "2024-05-09")])
def test_a_month_the_files_name_writes_settles_a_spanish_date_names_order(name, day):
    # Its month in the name holds "09/05/2024" one way only: the name settles what the refusal of a
    # guess under "Fecha" left open (the two rules met on the day both were made).
    text = b"Fecha,Precio\n09/05/2024,10.5\n"
    schema = detect_bytes(text, name)
    assert schema.problem is None
    assert [str(d) for d in normalise_bytes(text, schema, name).prices_arrow["date"].to_pylist()] == [day]


@pytest.mark.parametrize(("text", "days"), [
    ("Fecha,Simbolo,Cierre\n05/05/2023,AMXL,17.10\n05/05/2023,WALMEX,64.20\n", ["2023-05-05"] * 2),
    ("Fecha,Precio\n02/02/2023,17.10\n03/03/2023,17.20\n", ["2023-02-02", "2023-03-03"]),
    (_TASE_HEADER + "תא-35;07/07/2026;2500;2510;2490;2505\n", ["2026-07-07"]),
])
def test_dates_whose_day_is_their_month_load_under_a_day_first_name(text, days):
    # "05/05/2023" is 5 May read either way: refused as of unknown order, the rows were lost for nothing.
    schema = detect_bytes(text.encode(), "prices.csv")
    assert schema.problem is None
    prices = normalise_bytes(text.encode(), schema, "prices.csv").prices_arrow
    assert [str(d) for d in prices["date"].to_pylist()] == days


def test_dates_whose_day_is_their_month_in_the_sample_alone_leave_the_order_unsettled():
    # A Spanish office's stacked days, 5 May and 7 July 2023 in the head and tail sampled, 9 May in between
    # unseen: loaded by the guess, 9 May read 5 September (silent). Only a sample of every row shows that
    # every date reads one day either way.
    def day(when: str, n: int) -> str:
        return "".join(f"{when},T{i:05d},{10 + i % 50}.25\n" for i in range(n))

    text = ("Fecha,Simbolo,Cierre\n" + day("05/05/2023", 3500) + day("09/05/2023", 3500)
            + day("07/07/2023", 3500)).encode()
    schema = detect_bytes(text, "precios.csv")
    assert schema.problem.startswith(f"{UNSETTLED_ORDER}: its dates (05/05/2023) read either way")
    assert normalise_bytes(text, schema, "precios.csv").prices_arrow.num_rows == 0
