import random
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.measurements import jumping_table_problem
from backintime_assets.detection.refusals import judged
from backintime_assets.normalisation import normalise_bytes

# readr's norway.csv, read in order: a measurement jumping between orders of magnitude.
LEAPS = [1.23, 3.21, 4.55, 10.67, 333.23, 343.33, 11.32, 3.98, 44.12, 1.22, 9.04, 45.05, 788.02, 65.21, 67.55,
         127897.23, 322222.21, 240.55, 170.23, 3.09, 42.06, 89.43, 7.21, 1.55]


def _weekdays(n: int) -> list[date]:
    days, d = [], date(2024, 1, 1)
    while len(days) < n:
        if d.weekday() < 5:
            days.append(d)
        d += timedelta(1)
    return days


def _file(header: str | None, values: list[float]) -> bytes:
    lines = [header] if header else []
    lines += [f"{d},{v}" for d, v in zip(_weekdays(len(values)), values)]
    return ("\n".join(lines) + "\n").encode()


def _load(data: bytes, name: str = "series.csv"):
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


def test_a_value_leaping_by_orders_of_magnitude_is_no_price_series():
    for header in ("date,value", "Date,Rate", None):
        schema, result = _load(_file(header, LEAPS))
        assert schema.problem is not None and "not prices" in schema.problem and "leap tenfold" in schema.problem
        assert judged(schema.problem)  # a user who knows it is a price may load it
        assert result.prices_arrow.num_rows == 0
        assert result.rejected_arrow.num_rows == len(LEAPS)


def test_a_value_named_as_a_close_or_price_is_left_to_load():
    for header in ("Date,Close", "Date,Price"):
        schema, result = _load(_file(header, LEAPS))
        assert schema.problem is None
        assert result.prices_arrow.num_rows == len(LEAPS)


def test_a_nav_or_index_named_value_loads_with_a_split_and_a_pence_switch():
    random.seed(7)
    values, v = [], 500.0
    for k in range(300):
        v *= 1 + random.gauss(0, 0.015)
        if k == 100:
            v /= 10  # a 10:1 split
        if k == 200:
            v *= 100  # priced in pence from here on
        values.append(round(v, 4))
    schema, result = _load(_file("Date,Value", values))
    assert schema.problem is None
    assert result.prices_arrow["close"].to_pylist() == values


def test_a_few_leaps_among_many_rows_are_slips_not_a_measurement():
    values = [100.0 + k % 7 for k in range(200)]
    for k in (50, 120, 180):
        values[k] *= 100  # three misplaced decimal points: six leaps of 200 steps
    schema, _ = _load(_file("Date,Value", values))
    assert schema.problem is None


def test_two_series_taken_in_turn_keep_their_conflict_as_the_reason():
    # A headerless file of two securities' closes, each date twice: every step leaps, but the rows are two
    # series on one date, rejected as such (their conflict), not refused as a measurement.
    random.seed(3)
    lines = []
    for d in _weekdays(40):
        lines += [f"{d},{150 + random.random():.2f}", f"{d},{3.5 + random.random() / 10:.3f}"]
    schema, result = _load(("\n".join(lines) + "\n").encode())
    assert schema.problem is None
    assert result.prices_arrow.num_rows == 0
    assert result.rejected_arrow.num_rows == 80
    assert all("different pri" in r for r in result.rejected_arrow["reason"].to_pylist())


def test_a_yearly_price_that_leaps_is_refused_for_its_period():
    # Bitcoin at each year's start leaps tenfold three times: yearly bars, the truer reason.
    data = (b"Date,Value\n2011-01-01,0.30\n2012-01-01,5.27\n2013-01-01,13.30\n2014-01-01,770.4\n2015-01-01,314.2\n"
            b"2016-01-01,430.0\n2017-01-01,997.7\n2018-01-01,13657\n2019-01-01,3843\n2020-01-01,7200\n")
    schema, result = _load(data)
    assert schema.problem is not None and schema.problem.startswith("yearly bars")
    assert result.prices_arrow.num_rows == 0


def test_a_value_below_zero_is_a_reading_not_a_close():
    # A daily temperature: its mild days had loaded as a ticker's closes, the frosty ones rejected one by one.
    data = b"date,value\n2024-01-01,3.4\n2024-01-02,-1.2\n2024-01-03,-4.5\n2024-01-04,0.8\n2024-01-05,2.1\n"
    schema, result = _load(data, "series.csv")
    assert "not prices" in schema.problem and "below zero" in schema.problem and "-1.2" in schema.problem
    assert result.prices_arrow.num_rows == 0 and result.rejected_arrow.num_rows == 5


def test_a_file_named_for_a_reading_holds_no_prices():
    data = b"date,value\n2024-07-01,23.4\n2024-07-02,25.1\n2024-07-03,21.9\n"
    for name in ("berlin_temperature.csv", "DailyRainfall.csv"):
        schema, result = _load(data, name)
        assert "not prices" in schema.problem and "file's name" in schema.problem
        assert result.prices_arrow.num_rows == 0
    schema, result = _load(data, "temp.csv")  # a temporary file's name, not a temperature's
    assert schema.problem is None and result.prices_arrow.num_rows == 3


def test_a_value_its_title_or_file_names_as_a_ratio_holds_no_prices():
    # Macrotrends' "S&P 500 PE Ratio - 90 Year Historical Chart" (real files round 32): its "date, value"
    # loaded the ratio as a ticker's monthly closes without a word. The title above, or the file's name
    # ("sp-500-pe-ratio-price-to-earnings-chart.csv"), says what the generic value measures.
    rows = "2023-09-01,24.02\n2023-10-02,22.85\n2023-11-01,24.41\n2023-12-01,25.01\n2024-01-02,25.61\n"
    titled = ('"Macrotrends Data Download"\n\n"S&P 500 PE Ratio - 90 Year Historical Chart"\n\n'
              '"DISCLAIMER: HISTORICAL DATA IS PROVIDED AS IS"\n\n\ndate, value\n' + rows).encode()
    for data, name in ((titled, "sp500.csv"), (f"date,value\n{rows}".encode(), "sp-500-pe-ratio-chart.csv")):
        schema, result = _load(data, name)
        assert "not prices" in schema.problem and "ratio" in schema.problem.lower()
        assert result.prices_arrow.num_rows == 0
    # A price's title leaves it a price: Macrotrends' gold, a fund's NAV "Value".
    # Nor a chart's scale: "(ratio scale)" is its logarithmic axis (refused as a ratio since cc05b76, loud).
    for title in ("Gold Prices - 100 Year Historical Chart", "Fund A - Value per unit", "S&P 500 Price (ratio scale)",
                  "Dow Jones - Log Scale"):
        data = f'"Macrotrends Data Download"\n\n"{title}"\n\n\ndate, value\n{rows}'.encode()
        schema, result = _load(data, "gold.csv")
        assert schema.problem is None and result.prices_arrow.num_rows == 5


def test_a_named_close_below_zero_or_in_a_reading_named_file_still_loads_its_days():
    # Oil's close went below zero once (April 2020): named a close, its rows are judged one by one.
    for header in ("Date,Close", "date,price", "Date,NAV"):
        data = f"{header}\n2024-01-02,12.5\n2024-01-03,-1.2\n2024-01-04,-0.5\n2024-01-05,11.8\n".encode()
        schema, result = _load(data, "weather_fund.csv")
        assert schema.problem is None
        assert result.prices_arrow["close"].to_pylist() == [12.5, 11.8]
        assert {r.split(":")[0] for r in result.rejected_arrow["reason"].to_pylist()} == {"non-positive price"}


@pytest.mark.parametrize("title,name", [("S&P 500 Price to Earnings - Historical Chart", "sp500.csv"),
                                        ("Shiller PE 10", "sp500.csv"), ("S&P 500 KGV", "sp500.csv"),
                                        ("", "arbeitslosenquote.csv"), ("", "desempleo_es.csv")])
def test_a_value_titled_as_a_valuation_or_an_economy_s_figure_in_other_words_holds_no_prices(title, name):
    # cc05b76 read a ratio, unemployment, GDP or population in the title or the file's name; a P/E ratio
    # named by its earnings, Shiller's, German's KGV, or unemployment in German or Spanish loaded as closes.
    rows = "2023-09-01,24.02\n2023-10-02,22.85\n2023-11-01,24.41\n2023-12-01,25.01\n2024-01-02,25.61\n"
    data = ((f'"{title}"\n\n' if title else "") + "date,value\n" + rows).encode()
    schema, result = _load(data, name)
    assert schema.problem is not None and "not prices" in schema.problem
    assert result.prices_arrow.num_rows == 0



_RATES_BY_CURRENCY = ("Date,Currency,Rate\n2024-01-02,USD,5.33\n2024-01-02,GBP,5.20\n2024-01-02,AUD,4.35\n"
                      "2024-01-03,USD,5.31\n2024-01-03,GBP,5.20\n2024-01-03,AUD,4.35\n")


@pytest.mark.parametrize("title,name,loaded", [
    # A central bank's policy or deposit rate per currency, said by the file's name or its title: they had
    # loaded as series USD, GBP and AUD, as an exchange rate's (those below zero were refused, 0e66dfc).
    ("", "policy_rates.csv", 0), ("", "deposit_rates.csv", 0),
    ("Central bank interest rates (percent)", "rates.csv", 0),
    # Exchange rates, or a name that says both: each currency's series, as before.
    ("", "exchange_rates.csv", 6), ("ECB euro foreign exchange reference rates", "rates.csv", 6),
    ("", "interest_rate_parity_fx.csv", 6), ("", "Zinsen_und_Wechselkurse.csv", 6),
    # Exchange rates said by the title over a name saying interest: refused by the name alone, before.
    ("ECB euro foreign exchange reference rates", "policy_rates.csv", 6),
    # A title saying exchange beside interest says which no more than the name's interest: deposit rates.
    ("Interest rates on foreign exchange deposits (%)", "deposit_rates.csv", 0),
    # So in German or Spanish: "Zinssätze" and "interés" had been read as no word of interest, the title as
    # saying exchange alone, and the name's interest overruled (silent).
    ("Devisenkurse und Zinssätze", "zinsen.csv", 0), ("Tipos de cambio y tasas de interés", "depositos_interes.csv", 0),
    ("Devisenkurse und Zinssätze", "wechselkurse.csv", 6), ("Tipos de cambio y tasas de interés", "tipos.csv", 6),
])
def test_rates_by_currency_named_as_interest_rates_are_no_exchange_rates(title, name, loaded):
    data = ((f'"{title}"\n\n' if title else "") + _RATES_BY_CURRENCY).encode()
    schema, result = _load(data, name)
    assert result.prices_arrow.num_rows == loaded
    if loaded:
        assert schema.problem is None
        assert sorted(set(result.prices_arrow["ticker"].to_pylist())) == ["AUD", "GBP", "USD"]
    else:
        assert schema.problem.startswith("interest rates by currency, not prices") and judged(schema.problem)
        assert result.rejected_arrow.num_rows == 6


def _by_currency(series: dict[str, list[str]]) -> str:
    days = _weekdays(len(next(iter(series.values()))))
    return "Date,Currency,Rate\n" + "".join(f"{d},{code},{own[i]}\n" for i, d in enumerate(days)
                                            for code, own in series.items())


_POLICY = {"USD": ["5.50"] * 8, "GBP": ["5.25"] * 8, "CHF": ["1.75"] * 4 + ["1.50"] * 4}


@pytest.mark.parametrize("series,name,refused", [
    # A central bank's rates by currency, unnamed: standing still, moved by a quarter. Loaded as exchange
    # rates before (silent).
    (_POLICY, "rates.csv", True),
    ({**_POLICY, "USD": ["5.33"] * 8}, "rates.csv", True),  # an effective rate off the quarters, unmoved
    # Exchange rates: said so, floating at four decimals or at two, pegs standing still, or policy rates
    # that never moved (no telling them from pegs): each currency's series, as before.
    (_POLICY, "exchange_rates.csv", False),
    ({"EUR": ["0.9213", "0.9198", "0.9231", "0.9240", "0.9225", "0.9219", "0.9207", "0.9211"],
      "GBP": ["0.7912", "0.7920", "0.7905", "0.7899", "0.7911", "0.7915", "0.7921", "0.7930"],
      "CHF": ["0.8801", "0.8790", "0.8812", "0.8808", "0.8815", "0.8799", "0.8802", "0.8794"]}, "rates.csv", False),
    ({"EUR": ["0.92", "0.93", "0.92", "0.91", "0.92", "0.93", "0.93", "0.92"],
      "GBP": ["0.79", "0.80", "0.79", "0.79", "0.78", "0.79", "0.80", "0.80"],
      "CHF": ["0.88", "0.88", "0.87", "0.88", "0.89", "0.88", "0.88", "0.87"]}, "rates.csv", False),
    ({"BSD": ["1.00"] * 8, "SAR": ["3.75"] * 8, "BBD": ["2.00"] * 8}, "rates.csv", False),
    ({**_POLICY, "CHF": ["1.75"] * 8}, "rates.csv", False),
    # Exchange rates kept to two decimals moving by twentieths: a peg's band, budget rates. Refused after 9687b7f.
    ({"HKD": ["7.80"] * 4 + ["7.75"] * 4, "SAR": ["3.75"] * 8, "AED": ["3.67"] * 8}, "rates.csv", False),
    ({"EUR": ["0.90"] * 4 + ["0.95"] * 4, "GBP": ["0.80"] * 8, "CHF": ["0.95"] * 4 + ["0.90"] * 4}, "rates.csv", False),
])
def test_rates_by_currency_moving_as_a_central_bank_s_are_no_exchange_rates(series, name, refused):
    schema, result = _load(_by_currency(series).encode(), name)
    if refused:
        assert schema.problem.startswith("interest rates by currency, not prices") and judged(schema.problem)
        assert "CHF 1.75 -> 1.50" in schema.problem
        assert result.prices_arrow.num_rows == 0 and result.rejected_arrow.num_rows == 24
    else:
        assert schema.problem is None
        assert result.prices_arrow.num_rows == 24
def _long(header: str, values: dict[str, list[float]]) -> bytes:
    days = _weekdays(max(map(len, values.values())))
    rows = [f"{d},{k},{own[i]}" for i, d in enumerate(days) for k, own in values.items() if i < len(own)]
    return ("\n".join([header, *rows]) + "\n").encode()


_SALES = {"Wheat": [120000, 45000, 98000, 30500], "Corn": [80000, 150000, 20000, 64000]}
_ABOUT_A_LEVEL = {"Wheat": [1000, 1400, 800, 1300, 700, 1200, 900, 1500, 800, 1100, 650, 1400, 900, 1300],
                  "Corn": [500, 350, 600, 300, 550, 400, 700, 350, 450, 600, 300, 500, 650, 350]}
_WANDERING = {"P250": [2.0, 2.4, 2.76, 2.35, 2.82, 3.52, 2.82, 2.4, 1.92, 1.63, 1.96, 2.25, 2.7, 2.16],
              "P260": [3.0, 2.4, 2.04, 1.63, 1.96, 1.67, 1.34, 1.68, 2.02, 2.32, 1.97, 2.36, 2.95, 2.51]}
_WILD = {"BTC": [1000, 2000, 4000, 8000, 4000, 2000, 1000, 500, 250, 500, 1000, 2000, 4000, 2000],
         "ETH": [5000, 2500, 1250, 625, 1250, 2500, 5000, 10000, 20000, 10000, 5000, 2500, 1250, 2500]}
_METALS = {"Copper": [8201.5, 8250.0, 8190.5, 8302.0], "Zinc": [2500.0, 2512.5, 2490.0, 2475.5]}


@pytest.mark.parametrize("header,values,loaded", [
    # A day's sales or amounts by asset or contract under a generic "Value": each ticker's had loaded as
    # its closes without a word (at 388f5a8).
    ("Date,Asset,Value", _SALES, 0),
    ("Date,Contract,Value", _SALES, 0),
    ("Date,Stock,Rate", _SALES, 0),
    # Prices under it move a percent or two a day, a coin's a few; a column named as the close is one.
    ("Date,Asset,Value", _METALS, 8),
    ("Date,Asset,Value", {"BTC": [42000.0, 44100.0, 42300.5, 45000.0], "ETH": [2200.0, 2310.0, 2250.0, 2380.5]}, 8),
    ("Date,Asset,Close", _SALES, 8),
    # Amounts about a level over enough rows to tell are refused still; prices that move as far a day but
    # wander as their moves add up (an option's premiums, a young coin's) had been refused too (24179b9).
    ("Date,Contract,Value", _ABOUT_A_LEVEL, 0),
    ("Date,Contract,Value", _WANDERING, 28),
    # Values that double and halve from day to day are no prices however they wander (a coin's volume).
    ("Date,Asset,Value", _WILD, 0),
])
def test_a_long_table_whose_values_jump_as_sales_do_holds_no_prices(header, values, loaded):
    schema, result = _load(_long(header, values))
    assert result.prices_arrow.num_rows == loaded
    if not loaded:
        assert "move tens of percent" in schema.problem and judged(schema.problem)


@pytest.mark.parametrize("values,loaded", [(_SALES, 0), (_METALS, 8)])
def test_so_beside_a_quantity_read_as_the_volume(values, loaded):
    # Each product's units sold beside its takings: the takings had loaded as closes, the units as volumes.
    units = iter([10, 5, 7, 9, 12, 3, 8, 6])
    data = _long("Date,Asset,Quantity,Value", values).decode().splitlines()
    data = [data[0]] + [f"{d},{k},{next(units)},{v}" for d, k, v in (r.split(",") for r in data[1:])]
    schema, result = _load(("\n".join(data) + "\n").encode())
    assert result.prices_arrow.num_rows == loaded
    if not loaded:
        assert "move tens of percent" in schema.problem and judged(schema.problem)


def test_a_sample_s_head_and_tail_years_apart_are_no_steps():
    # A large file's sampled head (2015) and tail (2024): each ticker's price between them moved as sales do
    # from day to day, and its prices had been refused at the sample's first look.
    head = [["2015-01-05", k, v] for k, v in (("A", "20.1"), ("B", "50.2"))] + [["2015-01-06", "A", "20.3"]]
    tail = [["2024-06-28", k, v] for k, v in (("A", "61.5"), ("B", "13.9"))] + [["2024-07-01", "B", "14.0"]]
    args = (["Date", "Asset", "Value"], ["date", "ticker", "close"], head + tail, ".", None)
    assert jumping_table_problem(*args) is not None  # read as one run, the years' moves are steps
    assert jumping_table_problem(*args, head_end=len(head)) is None
