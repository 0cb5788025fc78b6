"""Borrowing a sibling's schema must give what detecting the file on its own gives, or not happen."""
import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.render import PRICE_HEADER, Style, render_table, sample_prices
from backintime_assets.ingestion.shared_layouts import LayoutMemory


def _same(a, b) -> bool:
    x, y = a.to_dict(), b.to_dict()
    for d in (x, y):
        d["file"], d["confidence"] = None, None
        for c in d["columns"]:
            c["confidence"] = None
    return x == y


def _file(rows: int, seed: int, **style) -> bytes:
    return render_table(PRICE_HEADER, sample_prices(rows, seed=seed, tickers=3), Style(**style))


@pytest.mark.parametrize("rows", [40, 600])  # under and over the 16 KiB proof sample
def test_files_of_one_template_borrow_the_first_ones_schema(rows):
    memory = LayoutMemory()
    files = [_file(rows, seed) for seed in range(4)]
    schemas = [memory.detect(data, f"f{i}.csv") for i, data in enumerate(files)]
    assert memory.detected == 1 and memory.borrowed == 3
    for i, (data, schema) in enumerate(zip(files, schemas)):
        assert schema.file == f"f{i}.csv"
        assert _same(schema, detect_bytes(data, f"f{i}.csv"))


@pytest.mark.parametrize("rows", [40, 600])
@pytest.mark.parametrize("change", [
    {"decimal": ",", "delimiter": ";"},  # same header text, other number format
    {"footer": ["Total,,,,,,,"]},  # a totals line the first file did not have
    {"date_format": "%d/%m/%Y"},
])
def test_a_sibling_that_reads_differently_is_detected_on_its_own(rows, change):
    memory = LayoutMemory()
    first = _file(rows, 1, **({"delimiter": ";"} if "delimiter" in change else {}))
    memory.detect(first, "a.csv")
    other = _file(rows, 2, **change)
    schema = memory.detect(other, "b.csv")
    assert memory.borrowed == 0
    assert _same(schema, detect_bytes(other, "b.csv"))


@pytest.mark.parametrize("rows", [40, 600])
def test_a_missing_footer_is_not_borrowed(rows):
    """The first file ends with a totals line; borrowing its footer count would hide a data row."""
    memory = LayoutMemory()
    memory.detect(_file(rows, 1, footer=["Total,,,,,,,"]), "a.csv")
    plain = _file(rows, 2)
    schema = memory.detect(plain, "b.csv")
    assert schema.footer_lines == 0 and memory.borrowed == 0


def test_bad_values_do_not_stop_borrowing_but_bad_reading_does():
    memory = LayoutMemory()
    memory.detect(_file(600, 1), "a.csv")
    good = _file(600, 2).decode().splitlines(keepends=True)
    high_below_low = good[:5] + ["2020-01-09,AAA,Tech,10,5,6,7,7,100\n"] + good[5:]
    assert memory.detect("".join(high_below_low).encode(), "b.csv").footer_lines == 0
    assert memory.borrowed == 1
    broken = good[:5] + ["2020-01-09,AAA,Tech,ten,5,6,7,7,100\n"] + good[5:]
    memory.detect("".join(broken).encode(), "c.csv")
    assert memory.borrowed == 1 and memory.detected == 2


def test_detect_many_decides_as_detect_does_one_by_one():
    files = [(_file(600, 1), "a.csv"), (_file(40, 2), "b.csv"), (_file(600, 3, footer=["Total,,,,,,,"]), "c.csv"),
             (_file(600, 4, decimal=",", delimiter=";"), "d.csv"), (_file(600, 5), "e.csv"), (b"", "empty.csv")]
    broken = _file(600, 6).decode().splitlines(keepends=True)
    files.append(("".join(broken[:5] + ["2020-01-09,AAA,Tech,ten,5,6,7,7,100\n"] + broken[5:]).encode(), "f.csv"))
    one_by_one, together = LayoutMemory(), LayoutMemory()
    expected = [one_by_one.detect(data, name) for data, name in files]
    got = together.detect_many(files)
    assert [s.to_dict() for s in got] == [s.to_dict() for s in expected]
    assert (together.borrowed, together.detected) == (one_by_one.borrowed, one_by_one.detected) == (2, 5)
