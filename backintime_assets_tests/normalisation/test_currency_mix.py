import numpy as np
import pyarrow as pa

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.currency_mix import other_currency_rows


def _load(data: bytes, name: str = "prices.csv"):
    schema = detect_bytes(data, name)
    return schema, normalise_bytes(data, schema, name)


def test_a_close_in_two_currencies_loads_the_files_own_and_rejects_the_other():
    data = "Date,Ticker,Close\n2024-01-02,ABC,$12.50\n2024-01-03,ABC,€11.20\n2024-01-04,ABC,$12.80\n" \
           "2024-01-05,ABC,$12.70\n".encode()
    schema, result = _load(data)
    assert schema.problem is None
    assert result.prices_arrow["close"].to_pylist() == [12.5, 12.8, 12.7]
    assert result.rejected_arrow["reason"].to_pylist() == [
        "price in another currency: 'EUR' where the ticker's prices are in '$'"]
    assert result.rejected_arrow["source_line"].to_pylist() == [3]


def test_one_currency_written_as_sign_and_code_or_left_off_loads_every_row():
    data = "Date,Open,Close\n2024-01-02,€12.50,12.60 EUR\n2024-01-03,12.60,€12.70\n2024-01-04,€12.70,€12.80\n" \
           "2024-01-05,€12.80,€12.90\n".encode()
    schema, result = _load(data)
    assert result.prices_arrow["close"].to_pylist() == [12.6, 12.7, 12.8, 12.9]
    assert result.rejected_arrow.num_rows == 0


def test_marks_are_counted_over_all_price_columns_and_codes_read_before_or_after():
    [(rows, reason)] = other_currency_rows([pa.array(["CHF 10", "CHF 11", "12 EUR"]),
                                            pa.array(["CHF 10", None, "CHF 9"])])
    assert rows.tolist() == [False, False, True]
    assert reason == "price in another currency: 'EUR' where the ticker's prices are in 'CHF'"
    assert other_currency_rows([pa.array(["$1", "2", "US$ 3"])])  # US$ apart from a bare $
    assert other_currency_rows([pa.array(["$1", "2", "$3"])]) == []


def test_a_days_list_of_shares_each_in_its_own_currency_loads_every_row():
    # Review of 3a24faf: judged over the whole file, SAP's euros were rejected beside AAPL's and MSFT's dollars,
    # though no ticker's rows mix two currencies.
    data = "Date,Ticker,Close,Currency\n2024-01-02,AAPL,$185.64,USD\n2024-01-02,SAP,€140.20,EUR\n" \
           "2024-01-02,MSFT,$370.87,USD\n2024-01-03,AAPL,$184.25,USD\n2024-01-03,SAP,€139.50,EUR\n" \
           "2024-01-03,MSFT,$370.60,USD\n".encode()
    schema, result = _load(data)
    assert result.rejected_arrow.num_rows == 0
    assert result.prices_arrow["close"].to_pylist() == [185.64, 140.2, 370.87, 184.25, 139.5, 370.6]
    # A ticker that mixes two still has its odd rows rejected, the other tickers' rows untouched.
    mixed = data.replace("2024-01-03,SAP,€139.50".encode(), b"2024-01-03,SAP,$151.10")
    schema, result = _load(mixed + "2024-01-04,SAP,€140.10,EUR\n".encode())
    assert result.rejected_arrow["reason"].to_pylist() == [
        "price in another currency: '$' where the ticker's prices are in 'EUR'"]
    assert result.rejected_arrow["source_line"].to_pylist() == [6]
    assert len(result.prices_arrow) == 6


def test_tickers_are_judged_apart_by_their_codes():
    [(rows, reason)] = other_currency_rows([pa.array(["$1", "€2", "$3", "€4", "€5"])], np.array([0, 1, 0, 1, 0]))
    assert rows.tolist() == [False, False, False, False, True]
    assert reason == "price in another currency: 'EUR' where the ticker's prices are in '$'"
    assert other_currency_rows([pa.array(["$1", "€2", "$3", "€4"])], np.array([0, 1, 0, 1])) == []


def test_one_mark_however_placed_is_told_without_matching_each_cell():
    # The trim that spares a clean file the per-cell match must not hide a second mark behind signs and blanks.
    assert other_currency_rows([pa.array(["$1", "($2)", "-$3", "4 $", None, "5"])]) == []
    [(rows, _)] = other_currency_rows([pa.array(["$1", "($2)", "-$3", "4 $", "-€5", "$6"])])
    assert rows.tolist() == [False, False, False, False, True, False]
