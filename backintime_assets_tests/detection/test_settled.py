"""The quick sample's schema is kept only where a larger sample could not change it."""

import pytest

from backintime_assets.detection import detect as detect_module
from backintime_assets.detection.detect import QUICK_HEAD_BYTES, QUICK_TAIL_BYTES, detect_bytes, detect_sample

TICKERS = [f"T{k:04d}" for k in range(1500)]


def _daily(date_of, header="Date,Ticker,Close,Volume", extra=lambda k: "") -> bytes:
    """A daily drop of 1500 tickers (~40 KB: more than the quick sample, less than the full one)."""
    lines = [header] + [f"{date_of(k)},{t},{10 + k % 90}.{k % 100:02d},{1000 + k}{extra(k)}"
                        for k, t in enumerate(TICKERS)]
    data = ("\n".join(lines) + "\n").encode()
    assert QUICK_HEAD_BYTES + QUICK_TAIL_BYTES < len(data) < detect_module.HEAD_BYTES
    return data


@pytest.fixture
def full_samples(monkeypatch) -> list[str]:
    """Names of the files detection read the full sample of."""
    calls: list[str] = []

    def spy(head, tail, tail_offset, name):
        calls.append(name)
        return detect_sample(head, tail, tail_offset, name)

    monkeypatch.setattr(detect_module, "detect_sample", spy)
    return calls


def test_one_ambiguous_date_throughout_settles_quickly(full_samples):
    # 03/05: day/month order open in the values, settled by the file's name; every row repeats it.
    data = _daily(lambda k: "03/05/2024")
    schema = detect_bytes(data, "prices_2024-03-05.csv")
    assert full_samples == []
    date_column = schema.columns[0]
    assert (date_column.type, date_column.format, date_column.canonical) == ("date", "%m/%d/%Y", "date")
    assert date_column.confidence == 0.8  # the name's word, short of the data's proof
    assert schema == detect_sample(data, None, 0, "prices_2024-03-05.csv")  # what the full sample says


def test_excel_serial_date_of_a_daily_drop_settles_quickly(full_samples):
    schema = detect_bytes(_daily(lambda k: "45356"), "prices_2024-03-05.csv")
    assert full_samples == []
    assert (schema.columns[0].format, schema.columns[0].canonical) == ("excel_serial", "date")


def test_head_and_tail_dates_that_differ_take_the_full_sample(full_samples):
    # The rows in between may hold a date that decides day/month order (or another reading).
    data = _daily(lambda k: "03/05/2024" if k < 1000 else "03/06/2024")
    schema = detect_bytes(data, "prices_2024-03-05.csv")
    assert full_samples == ["prices_2024-03-05.csv"]
    assert schema.columns[0].format == "%m/%d/%Y"


def test_a_guessed_day_month_order_takes_the_full_sample(full_samples):
    # No date in the name and no value above 12: the order is a guess that other rows could settle.
    detect_bytes(_daily(lambda k: "03/05/2024"), "prices.csv")
    assert full_samples == ["prices.csv"]


def test_an_empty_unmapped_column_settles_quickly(full_samples):
    data = _daily(lambda k: "2024-03-05", header="Date,Ticker,Close,Volume,Notes", extra=lambda k: ",")
    schema = detect_bytes(data, "prices.csv")
    assert full_samples == []
    assert (schema.columns[4].name, schema.columns[4].type, schema.columns[4].canonical) == ("Notes", "string", None)


def test_an_empty_canonical_column_still_asks_for_more(full_samples):
    # "Adj Close" left blank in the first and last rows maps by its name alone: values further in
    # would decide whether it holds prices.
    data = _daily(lambda k: "2024-03-05", header="Date,Ticker,Close,Volume,Adj Close", extra=lambda k: ",")
    schema = detect_bytes(data, "prices.csv")
    assert full_samples == ["prices.csv"]
    assert schema.columns[4].canonical == "adj_close"


def test_an_empty_column_in_a_file_without_a_date_still_asks_for_more(full_samples):
    # Filled further in, it could turn out to be the date axis (any date column becomes it).
    lines = ["Ticker,Close,Volume,When"] + [f"{t},{10 + k % 90}.5,{1000 + k}," for k, t in enumerate(TICKERS)]
    detect_bytes(("\n".join(lines) + "\n").encode(), "prices.csv")
    assert full_samples == ["prices.csv"]


def test_a_repeated_value_in_too_few_cells_still_asks_for_more(full_samples):
    # Four filled cells: typing discounts so few values, more of them would raise the confidence.
    data = _daily(lambda k: "2024-03-05", header="Date,Ticker,Close,Volume,Rating",
                  extra=lambda k: ",AAA" if k in (1, 2, 3, 1499) else ",")
    schema = detect_bytes(data, "prices.csv")
    assert full_samples == ["prices.csv"]
    assert schema.columns[4].confidence < 0.999


def test_a_footer_longer_than_the_quick_tail_takes_the_full_sample(full_samples):
    # The quick tail saw notes only, so where they start was unseen (found by review: the quick
    # look took 27 footer lines where the full sample took 30, and 3 more notes read as bad rows).
    notes = "\n".join(["Disclaimer: the data herein is provided for information only and may be delayed; "
                       "no warranty of any kind is given as to accuracy or completeness."] * 40) + "\n"
    data = _daily(lambda k: "2024-03-05") + notes.encode()
    schema = detect_bytes(data, "prices_2024-03-05.csv")
    assert full_samples == ["prices_2024-03-05.csv"]
    assert schema.footer_lines == detect_sample(data, None, 0, "prices_2024-03-05.csv").footer_lines == 40  # every note
