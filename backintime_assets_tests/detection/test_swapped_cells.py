from datetime import date, datetime, timedelta

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.swapped_cells import swapped_note
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support.calendar import weekdays


DAYS = weekdays(date(2022, 9, 1), 40)


def _typed_day_first_in_us_excel(d: date) -> str:
    """A cell of `d` typed day first into US Excel, as a sheet reader writes it: an ISO date where Excel
    made a date cell of it (day and month swapped), the text as typed where it could not."""
    return datetime(d.year, d.day, d.month).strftime("%Y-%m-%d") if d.day <= 12 else d.strftime("%d/%m/%Y")


def test_a_column_of_cells_typed_in_the_other_order_reads_swapped():
    note = swapped_note([_typed_day_first_in_us_excel(d) for d in DAYS], True, "/", "Y")
    cells = sum(d.day <= 12 for d in DAYS)
    assert note.startswith(f"{cells} ISO dates (date cells) read with day and month swapped (2022-01-09 as 2022-09-01)")


def test_weak_evidence_reads_as_stored():
    cells = [_typed_day_first_in_us_excel(d) for d in DAYS]
    # Date cells alone, though read swapped they run in order and as stored they do not.
    assert swapped_note([c for c in cells if c[4] == "-"], True, "/", "Y") is None
    # A typed date on a day up to 12: Excel would have read it.
    assert swapped_note(cells + ["05/11/2022"], True, "/", "Y") is None
    # A date cell on a day after the 12th: no swap made it.
    assert swapped_note(cells + ["2022-11-14"], True, "/", "Y") is None
    # Fewer than three typed dates.
    assert swapped_note([c for c in cells if c[4] == "-"] + ["13/09/2022", "14/09/2022"], True, "/", "Y") is None
    # In order as stored: date cells of the first days, then text.
    march = weekdays(date(2023, 3, 1), 22)
    assert swapped_note([d.isoformat() if d.day <= 12 else d.strftime("%d/%m/%Y") for d in march],
                        True, "/", "Y") is None


def _csv(lines: list[str]) -> bytes:
    return ("Date,Open,High,Low,Close,Volume\n" + "".join(
        f"{text},{10 + k},{11 + k},{9 + k},{10.5 + k},{1000 + k}\n" for k, text in enumerate(lines))).encode()


def test_a_pandas_csv_of_a_sheet_typed_in_the_other_order_loads_on_its_days():
    # read_excel then to_csv: the date cells "2022-01-09 00:00:00", the rest the text as typed.
    cells = [_typed_day_first_in_us_excel(d) for d in DAYS]
    data = _csv([c + " 00:00:00" if c[4] == "-" else c for c in cells])
    schema = detect_bytes(data, "p.csv")
    assert schema.columns[0].format == "%d/%m/%Y" and schema.columns[0].swapped_cells is not None
    result = normalise_bytes(data, schema, "p.csv")
    assert result.rejected.empty
    assert result.prices.date.dt.date.tolist() == DAYS
    assert result.prices.close.tolist() == [10.5 + k for k in range(len(DAYS))]


def test_a_csv_saved_by_excel_from_a_sheet_typed_in_the_other_order_loads_on_its_days():
    # Saved as CSV, US Excel writes its date cells month first ("1/9/2022": the cell 9 January that
    # "01/09/2022", 1 September typed day first, became) beside the text typed day first ("13/09/2022"):
    # one layout, read day first by the text's days, which reads the date cells back as typed.
    lines = [f"{d.day}/{d.month}/{d.year}" if d.day <= 12 else d.strftime("%d/%m/%Y") for d in DAYS]
    assert lines[:2] == ["1/9/2022", "2/9/2022"]
    data = _csv(lines)
    schema = detect_bytes(data, "p.csv")
    assert schema.columns[0].format == "%d/%m/%Y" and schema.columns[0].swapped_cells is None
    result = normalise_bytes(data, schema, "p.csv")
    assert result.rejected.empty
    assert result.prices.date.dt.date.tolist() == DAYS


def test_a_schema_of_swapped_cells_is_not_lent_to_a_sibling():
    from backintime_assets.ingestion.shared_layouts import _reusable

    data = _csv([_typed_day_first_in_us_excel(d) for d in DAYS])
    schema = detect_bytes(data, "p.csv")
    assert schema.columns[0].swapped_cells is not None and not _reusable(schema)


def _between(first: date, last: date) -> list[date]:
    return [d for d in (first + timedelta(k) for k in range((last - first).days + 1)) if d.weekday() < 5]


def test_a_later_dmy_export_joined_to_an_earlier_iso_one_reads_as_stored():
    # 15-31 January written day first, then 2-12 January in ISO: one step back as stored and none
    # swapped, yet swapped the ISO dates step a month each (1 February ... 1 December), 7 of 9 loaded
    # on those days without a word, two rejected as Sundays.
    late, early = _between(date(2024, 1, 15), date(2024, 1, 31)), _between(date(2024, 1, 2), date(2024, 1, 12))
    data = _csv([d.strftime("%d/%m/%Y") for d in late] + [d.isoformat() for d in early])
    schema = detect_bytes(data, "p.csv")
    assert schema.columns[0].format == "%d/%m/%Y" and schema.columns[0].swapped_cells is None
    result = normalise_bytes(data, schema, "p.csv")
    assert result.rejected.empty
    assert result.prices.date.dt.date.tolist() == late + early


def test_a_long_table_of_a_typed_ticker_then_an_iso_one_reads_as_stored():
    late, early = _between(date(2024, 1, 15), date(2024, 1, 31)), _between(date(2024, 1, 2), date(2024, 1, 12))
    lines = [f"XXX,{d.strftime('%d/%m/%Y')}" for d in late] + [f"YYY,{d.isoformat()}" for d in early]
    data = ("Ticker,Date,Close\n" + "".join(f"{line},{10 + k}\n" for k, line in enumerate(lines))).encode()
    schema = detect_bytes(data, "p.csv")
    assert schema.columns[1].swapped_cells is None
    result = normalise_bytes(data, schema, "p.csv")
    assert result.rejected.empty
    assert result.prices[result.prices.ticker == "YYY"].date.dt.date.tolist() == early
