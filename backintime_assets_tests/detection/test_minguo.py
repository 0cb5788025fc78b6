"""Taiwan's Minguo years of two digits, read so only where the file shows it is Minguo."""
from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

PRICES = ["100.5,101.0,99.5,100.0,12000", "100.0,101.5,99.8,101.2,13000", "101.2,102.0,100.9,101.8,11000",
          "101.8,102.5,101.0,102.0,12500"]


def _file(header: str, days: list[str]) -> bytes:
    return (header + "\n" + "".join(f"{d},{p}\n" for d, p in zip(days, PRICES))).encode()


@pytest.mark.parametrize(("header", "days", "loaded"), [
    # TWSE's words: "83/09/05" is Minguo 83, 1994 (had been refused: "no date column").
    ("日期,開盤價,最高價,最低價,收盤價,成交股數", ["83/09/05", "83/09/06", "83/09/07", "83/09/08"],
     [date(1994, 9, 5), date(1994, 9, 6), date(1994, 9, 7), date(1994, 9, 8)]),
    # TPEx's words (its shares in thousands): Minguo 99, 2010.
    ("日期,開盤,最高,最低,收盤,成交仟股", ["99/12/27", "99/12/28", "99/12/29", "99/12/30"],
     [date(2010, 12, 27), date(2010, 12, 28), date(2010, 12, 29), date(2010, 12, 30)]),
    # A column crossing into three-digit years: its two-digit ones are Minguo years too.
    ("Date,Open,High,Low,Close,Volume", ["99/12/30", "99/12/31", "100/01/03", "100/01/04"],
     [date(2010, 12, 30), date(2010, 12, 31), date(2011, 1, 3), date(2011, 1, 4)]),
])
def test_two_digit_minguo_years_load_where_the_file_is_taiwans(header, days, loaded):
    data = _file(header, days)
    schema = detect_bytes(data, "2330.csv")
    assert schema.problem is None and schema.columns[0].format == "%Y/%m/%d|roc"
    assert normalise_bytes(data, schema, "2330.csv").prices.date.dt.date.tolist() == loaded


@pytest.mark.parametrize(("header", "days"), [
    # Nothing says Minguo: 83/09/05 is as much 1983's, left unread (a date off by eleven years is worse).
    ("Date,Open,High,Low,Close,Volume", ["83/09/05", "83/09/06", "83/09/07", "83/09/08"]),
    # Before Taiwan's exchange opened (Minguo 51, 1962): no price's date.
    ("日期,開盤價,最高價,最低價,收盤價,成交股數", ["45/01/03", "45/01/04", "45/01/05", "45/01/06"]),
    # Hong Kong's headers share the high, low and turnover's characters with Taiwan's: no Minguo's
    # (its "94/09/05" had loaded as 2005-09-05).
    ("日期,開市價,最高價,最低價,收市價,成交金額", ["94/09/05", "94/09/06", "94/09/07", "94/09/08"]),
])
def test_two_digit_year_first_dates_without_evidence_stay_refused(header, days):
    data = _file(header, days)
    schema = detect_bytes(data, "2330.csv")
    result = normalise_bytes(data, schema, "2330.csv")
    assert result.prices_arrow.num_rows == 0 and "no date column" in result.file_problem


@pytest.mark.parametrize("shares, money", [("成交仟股", "成交仟元"), ("成交千股", "成交千元")])
def test_a_tpex_download_loads_its_volume_in_shares(shares, money):
    # TPEx's daily history: Minguo dates of three-digit years, volume in thousands of shares (x1000
    # loaded), turnover in thousands of NT$ (no canonical column), transactions' count unmapped.
    data = (f"日期,{shares},{money},開盤,最高,最低,收盤,漲跌,筆數\n"
            '113/01/02,"1,234","45,678",36.50,37.00,36.20,36.80,0.30,"1,020"\n'
            '113/01/03,"2,345","86,000",36.80,37.10,36.40,36.60,-0.20,"1,500"\n').encode()
    schema = detect_bytes(data, "6488.csv")
    assert [(c.name, c.canonical, c.multiplier) for c in schema.columns[:3]] == [
        ("日期", "date", None), (shares, "volume", 1000), (money, None, None)]
    out = normalise_bytes(data, schema, "6488.csv")
    assert [(r["date"], r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()] == [
        (date(2024, 1, 2), 36.8, 1_234_000), (date(2024, 1, 3), 36.6, 2_345_000)]
    assert out.rows_read == 2
