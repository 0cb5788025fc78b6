"""A number an unquoted comma cut in two, its tail read into the field past the header's names
(shifted_rows.spilled_rows): rejected for its field count, not loaded as its head."""

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.group import normalise_group


def _days(text: str) -> tuple[dict[int, float | None], list[str]]:
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "AAPL.csv"), "AAPL.csv")
    prices = result.prices_arrow
    loaded = dict(zip((d.day for d in prices.column("date").to_pylist()), prices.column("volume").to_pylist()))
    return loaded, result.rejected_arrow.column("reason").to_pylist()


@pytest.mark.parametrize("text, loaded, cut", [
    # A trailing delimiter left "1,5" and "1,500" a field for the header's empty last name: each loaded
    # its volume as 1 (silent).
    ("Date,Close,Volume,\n2024-01-02,10.2,1,5\n2024-01-03,10.4,2,\n2024-01-04,10.5,3,\n2024-01-05,10.6,4,\n",
     {3: 2.0, 4: 3.0, 5: 4.0}, 1),
    ("Date,Close,Volume,\n2024-01-02,10.2,1,500\n2024-01-03,10.4,2000,\n2024-01-04,10.5,3000,\n"
     "2024-01-05,10.6,4000,\n", {3: 2000.0, 4: 3000.0, 5: 4000.0}, 1),
    # Every row's volume cut so, the header a field short: a thousands group on each (silent, 1 to 4)
    ("Date,Close,Volume\n2024-01-02,10.2,1,500\n2024-01-03,10.4,2,250\n2024-01-04,10.5,3,125\n", {}, 3),
    # round thousands too, one tail on every row: no column writes "000" (silent, 1 to 3, since 47bdaac)
    ("Date,Close,Volume\n2024-01-02,10.2,1,000\n2024-01-03,10.4,2,000\n2024-01-04,10.5,3,000\n", {}, 3),
    # one of them with its decimals: no other figure (silent, 1 to 4, since e55fb8f)
    ("Date,Close,Volume\n2024-01-02,10.2,1,500\n2024-01-03,10.4,2,250.5\n2024-01-04,10.5,3,125\n"
     "2024-01-05,10.6,4,750\n", {}, 4),
    # a crypto volume to four decimals on every row, above a thousand (silent, 2 to 4)
    ("Date,Close,Volume\n2024-01-02,28540.7,2,101.0796\n2024-01-03,27949.9,3,872.7805\n"
     "2024-01-04,28650.8,1,528.0767\n2024-01-05,28172.8,4,310.25\n", {}, 4),
    # Not: a trailing delimiter no row fills, nor a column past the header every row fills with no group
    ("Date,Close,Volume,\n2024-01-02,10.2,1500,\n2024-01-03,10.4,2000,\n", {2: 1500.0, 3: 2000.0}, 0),
    ("Date,Close,Volume\n2024-01-02,10.2,1500,7\n2024-01-03,10.4,2000,8\n", {2: 1500.0, 3: 2000.0}, 0),
    # nor three digits after a volume under a thousand where the field holds other figures too: a count
    # of trades the header left unnamed (two rows of five rejected)
    ("Date,Close,Volume\n2024-01-02,10.2,500,17\n2024-01-03,10.3,800,123\n2024-01-04,10.4,900,2345\n"
     "2024-01-05,10.5,700,250\n2024-01-08,10.5,710,99\n", {2: 500.0, 3: 800.0, 4: 900.0, 5: 700.0, 8: 710.0}, 0),
    # nor one value on every row, a column the header left unnamed: a lot's size (three rows rejected)
    ("Date,Close,Volume,\n2024-01-02,10.2,500,100\n2024-01-03,10.4,800,100\n2024-01-04,10.5,1900,100\n",
     {2: 500.0, 3: 800.0, 4: 1900.0}, 0),
    # nor a column of prices the header left unnamed, most with decimals, one day's whole (each row
    # rejected since 55e0970)
    ("Date,Close,Volume\n2024-01-02,512.3,800,510.25\n2024-01-03,513.1,750,511.5\n2024-01-04,514.0,900,512\n"
     "2024-01-05,514.5,950,512.75\n", {2: 800.0, 3: 750.0, 4: 900.0, 5: 950.0}, 0),
    # nor so of two tickers by turns, each column near its own close
    ("Date,Ticker,Close,Volume\n2024-01-02,AAA,185.6,800,184.25\n2024-01-03,BBB,371.2,750,368.5\n"
     "2024-01-04,AAA,186.1,900,184.75\n2024-01-05,BBB,372.4,950,369.5\n2024-01-08,AAA,185.9,700,184.5\n",
     {2: 800.0, 3: 750.0, 4: 900.0, 5: 950.0, 8: 700.0}, 0),
    # nor a decimal no comma cuts off a number: a dividend in a column the header left unnamed
    ("Date,Close,Volume,\n2024-01-02,10.2,1500,\n2024-01-03,10.4,2000,0.25\n2024-01-04,10.5,2100,\n"
     "2024-01-05,10.6,2200,\n", {2: 1500.0, 3: 2000.0, 4: 2100.0, 5: 2200.0}, 0),
    # nor words in it ("Date,Close,Volume," with a note on one day)
    ("Date,Close,Volume,\n2024-01-02,10.2,1500,holiday\n2024-01-03,10.4,2000,\n2024-01-04,10.5,2100,\n",
     {2: 1500.0, 3: 2000.0, 4: 2100.0}, 0)])
def test_a_number_cut_by_an_unquoted_comma_is_rejected(text, loaded, cut):
    days, reasons = _days(text)
    assert days == loaded
    assert sum("unquoted comma" in r for r in reasons) == cut


def test_files_read_together_judge_the_field_each_by_its_own_rows():
    # A file whose rows all fill the field past the header beside one whose rows leave it empty: read
    # together (a day's files of one layout), the first's rows were most of the group's.
    header = "Date,Ticker,Open,High,Low,Close,Volume,\n"
    filled = (header + "2025-02-10,AAA,1,2,1,1.5,1,5\n2025-02-10,BBB,1,2,1,1.5,2,5\n").encode()
    empty = (header + "".join(f"2025-02-10,T{k},1,2,1,1.5,1000,\n" for k in range(6))).encode()
    schema = detect_bytes(filled, "a.csv")
    grouped = normalise_group([filled, empty], schema, ["a.csv", "b.csv"])
    assert grouped is not None
    for data, name, got in zip([filled, empty], ["a.csv", "b.csv"], grouped):
        alone = normalise_bytes(data, schema, name)
        assert got.prices_arrow.equals(alone.prices_arrow) and got.rejected_arrow.equals(alone.rejected_arrow)
    assert grouped[0].prices_arrow.num_rows == 2 and grouped[1].prices_arrow.num_rows == 6
