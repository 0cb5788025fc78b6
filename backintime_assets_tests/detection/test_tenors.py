import pytest

from backintime_assets.detection.columns import infer_column_type
from backintime_assets.detection.detect import detect_bytes, detect_file
from backintime_assets.detection.tenors import labels_not_amounts
from backintime_assets.normalisation.normalise import normalise_bytes


@pytest.mark.parametrize("values", [
    ["12m"] * 8,  # a Euribor export's granularity, the same on every row
    ["1m", "3m", "6m", "12m"] * 3,  # tenors down a table of rates
])
def test_repeated_whole_labels_are_labels(values):
    assert labels_not_amounts(values)
    assert infer_column_type(values, "granularity", ".", None).type == "string"


@pytest.mark.parametrize("values", [
    ["118.39M", "146.32K", "12.5M", "9.1M", "850K", "1.2B"],  # amounts: decimals, varied
    ["1M", "2M", "3M", "4M", "5M", "6M"],  # whole but each its own
    ["12m"] * 4,  # too few cells to tell repetition from chance
])
def test_amounts_stay_amounts(values):
    assert not labels_not_amounts(values)


def test_abbreviated_volumes_under_a_volume_name_stay_amounts():
    assert infer_column_type(["1M"] * 8, "Volume", ".", None).format == "abbreviated"


def test_a_euribor_export_types_its_granularity_as_text(tmp_path):
    # datasets/euribor's data/euribor-12m-monthly.csv, in shape: "12m" read as 12,000,000.
    rows = "".join(f"2014-0{m}-1{d};0.{m}{d}0;12m;monthly\n" for m in range(1, 4) for d in range(3))
    path = tmp_path / "euribor-12m.csv"
    path.write_bytes(("date;value;granularity;level\n" + rows).encode())
    granularity = detect_file(path).to_dict()["columns"][2]
    assert (granularity["name"], granularity["type"]) == ("granularity", "string")


def test_a_constant_12m_column_is_not_loaded_as_volume(tmp_path):
    # A guard: a tenor after the close is no volume, read as text or as an amount.
    rows = "".join(f"2024-01-{d:02d},10.{d},11.{d},9.{d},10.{d},12m\n" for d in range(2, 12))
    path = tmp_path / "rates.csv"
    path.write_bytes(("Date,Open,High,Low,Close,Tenor\n" + rows).encode())
    schema = detect_file(path)
    result = normalise_bytes(path.read_bytes(), schema, path.name)
    volumes = set(result.prices_arrow.column("volume").to_pylist())
    assert 12_000_000 not in volumes


def test_a_headerless_files_12m_column_is_not_taken_for_its_ticker(tmp_path):
    # Typed text, a headerless file's constant "12m" would be its ticker by its shape.
    rows = "".join(f"2024-01-{d:02d},10.{d},11.{d},9.{d},10.{d},12m\n" for d in range(2, 12))
    path = tmp_path / "rates.csv"
    path.write_bytes(rows.encode())
    assert "ticker" not in {c["canonical"] for c in detect_file(path).to_dict()["columns"]}


_TERMS = "2024-01-02,3.878,3.861,3.909\n2024-01-03,3.881,3.859,3.912\n2024-01-04,3.880,3.860,3.919\n"


@pytest.mark.parametrize("header, name, tickers", [
    # A term table of a rate, a column per tenor: each tenor's fixings its series, under the rate's name as
    # the header or the file's name writes it. "no close column" before.
    ("Date,1W,1M,3M", "euribor.csv", ["EURIBOR 1M", "EURIBOR 1W", "EURIBOR 3M"]),
    ("Date,1W,1M,3M", "sofr_term_2024.csv", ["SOFR 1M", "SOFR 1W", "SOFR 3M"]),
    ("quote_date,euribor_1w,euribor_1m,euribor_3m", "rates.csv", ["EURIBOR 1M", "EURIBOR 1W", "EURIBOR 3M"]),
    ("date,sonia1w,sonia1m,sonia3m", "rates.csv", ["SONIA 1M", "SONIA 1W", "SONIA 3M"]),
    ("Date,O/N,1 Mo,3 Mo", "daily-treasury-rates.csv", ["TREASURY 1 MO", "TREASURY 3 MO", "TREASURY O/N"]),
    ("Date,1 Mo,1.5 Month,2 Mo", "ust.csv", ["UST 1 MO", "UST 1.5 MONTH", "UST 2 MO"]),  # the par yield curve
    # Not tenors of two rates, nor terms out of order (a table's returns: 1Y before 1M), nor other names.
    ("Date,euribor_1w,sofr_1m,euribor_3m", "rates.csv", []),
    ("Date,3M,1M,1W", "euribor.csv", []),
    ("Date,1W,1M,YTD", "euribor.csv", []),
    ("Date,CPI,GDP,M2", "euribor.csv", []),
    # Nor where a tenor's name is lost: its fixings had loaded as the close of "EURIBOR", the others' dropped.
    ("Date,1W,,3M", "euribor.csv", []),
    ("Date,,1M,3M", "euribor.csv", []),
    ("Date,1W,1M,", "euribor.csv", []),
    ("quote_date,euribor_1w,,euribor_3m", "rates.csv", []),
    # Nor where no rate is named: a fund's returns, an option's volatility or forward points by term move as
    # fixings do. Loaded bare ("1M"), one file's 1M and another's had been one series (silent).
    ("Date,1W,1M,3M", "rates.csv", []),
    ("Date,vol_1w,vol_1m,vol_3m", "eurusd.csv", []),
    ("Date,1W,1M,3M", "treasury_vol.csv", []),
    # Nor another instrument's rates by term: a swap curve had loaded as the fixings "EURIBOR 1W"... (silent).
    ("Date,1W,1M,3M", "euribor_swap_rates.csv", []),
    ("Date,1W,1M,3M", "sofr_futures.csv", []),
    # "fra" the word "from" (Norwegian, Italian...), no forward rate agreement: refused after 3021684.
    ("Date,1W,1M,3M", "nibor_fra_2015.csv", ["NIBOR 1M", "NIBOR 1W", "NIBOR 3M"]),
    # Elsewhere a forward rate agreement's: its rates had loaded as fixings (silent, 45db2da).
    ("Date,1W,1M,3M", "euribor_fra_rates.csv", []),
    ("Date,STIBOR FRA 1W,STIBOR FRA 1M,STIBOR FRA 3M", "stibor.csv", []),
    ("Date,1W,1M,3M", "nibor_fra_01_2015.csv", ["NIBOR 1M", "NIBOR 1W", "NIBOR 3M"]),
    # "fra og med" ("from and including") or a month's name before the year: "from" too, refused after 96f6cc9.
    ("Date,1W,1M,3M", "nibor_fra_og_med_2015.csv", ["NIBOR 1M", "NIBOR 1W", "NIBOR 3M"]),
    ("Date,1W,1M,3M", "cibor_fra_1_januar_2015.csv", ["CIBOR 1M", "CIBOR 1W", "CIBOR 3M"]),
    # Two numbers alone no date, a FRA's months ("3_6" for 3x6): its rates had loaded as fixings (silent).
    ("Date,1W,1M,3M", "euribor_fra_3_6.csv", []),
])
def test_a_term_table_loads_a_series_per_tenor(header, name, tickers):
    data = (header + "\n" + _TERMS).encode()
    prices = normalise_bytes(data, detect_bytes(data, name), name).prices
    assert sorted(set(prices["ticker"])) == tickers
    if tickers:
        assert prices[prices["ticker"] == tickers[-1]]["close"].tolist()[:1] in ([3.909], [3.878])


@pytest.mark.parametrize("header", ["Date,,1M,3M", "Date,,2Y,5Y", "Date,1M,3M,"])
def test_a_price_unnamed_beside_tenors_loads(header):
    # A price above any rate, its name lost, beside its returns or its curve by term: loaded as the file's
    # close at 388f5a8, refused after 3e4d325 as a term table's lost tenor.
    rows = "2024-01-02,370.87,2.1,5.3\n2024-01-03,370.60,2.0,5.2\n2024-01-04,367.94,1.9,5.1\n"
    if header.endswith(","):
        rows = "".join(f"{d},{a},{b},{p}\n" for d, p, a, b in (r.split(",") for r in rows.splitlines()))
    data = (header + "\n" + rows).encode()
    prices = normalise_bytes(data, detect_bytes(data, "msft.csv"), "msft.csv").prices
    assert prices["ticker"].unique().tolist() == ["MSFT"]
    assert prices["close"].tolist() == [370.87, 370.60, 367.94]


@pytest.mark.parametrize("price", ["${}", "{} USD"])
@pytest.mark.parametrize("values", [("370.87", "370.60", "367.94"), ("25.30", "25.10", "24.95")])
def test_a_price_in_money_unnamed_beside_tenors_loads(price, values):
    # A currency's sign or code on it: a price, no rate, whatever its size. "$370.87" read as no number,
    # the column was taken for a term table's lost tenor after cf3aabe and refused "no close column".
    data = ("Date,,1M,3M,6M\n" + "".join(f"2024-01-0{d},{price.format(v)},2.1,5.3,8.9\n"
                                        for d, v in zip((2, 3, 4), values))).encode()
    prices = normalise_bytes(data, detect_bytes(data, "msft.csv"), "msft.csv").prices
    assert prices["close"].tolist() == [float(v) for v in values]


@pytest.mark.parametrize("rows", [
    _TERMS.replace("3.909", "-0.1"),  # a swap curve below zero
    _TERMS.replace("3.909", "42.5"),  # a percent no rate is: a return over three months
    # A table's returns over one, three and six months, all above zero: month by month, or moving by points
    # from day to day, as no fixing does.
    "2024-01-31,2.1,5.3,8.9\n2024-02-29,1.5,6.0,9.2\n2024-03-28,3.2,6.8,10.5\n",
    "2024-01-02,2.1,5.3,8.9\n2024-01-03,2.9,4.6,9.8\n2024-01-04,1.8,5.9,8.7\n2024-01-05,2.5,4.8,9.9\n",
])
def test_a_term_table_of_no_rates_stays_refused(rows):
    data = ("Date,1W,1M,3M\n" + rows).encode()
    assert len(normalise_bytes(data, detect_bytes(data, "euribor.csv"), "euribor.csv").prices) == 0


@pytest.mark.parametrize("text", [
    "Date,1W,1M,3M\n" + _TERMS,
    "Date,Tenor,Rate\n" + "".join(f"2024-01-0{d},{t},3.{d}{k}\n"
                                   for d in (2, 3, 4) for k, t in enumerate(("1W", "1M"))),
])
@pytest.mark.parametrize("name, rate", [("euribor.csv", "EURIBOR"), ("sofr.csv", "SOFR"), ("rates.csv", "RATES")])
def test_a_rate_s_tenors_load_under_the_rate_the_read_file_names(text, name, rate):
    # A schema detected on euribor.csv and lent to a file of the same header (ingestion/shared_layouts.py):
    # its tenors are the rate's its own name names, else its own ticker's, never bare ("1M": one series of
    # every file's 1M) nor the lender's.
    data = text.encode()
    prices = normalise_bytes(data, detect_bytes(data, "euribor.csv"), name).prices
    assert {f"{rate} 1W", f"{rate} 1M"} <= set(prices["ticker"])
