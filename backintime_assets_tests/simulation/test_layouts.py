from collections import Counter

from backintime_assets.simulation.layouts import CANONICAL, CLEAN, ENCODINGS, Layout, for_xlsx, random_layout
from backintime_assets.simulation.rng import Stream, stream


def _layouts(n: int) -> list[Layout]:
    return [random_layout(stream(1, Stream.LAYOUT_FILE, i)) for i in range(n)]


def test_clean_layout_is_the_daily_drop_format():
    assert ",".join(CLEAN.headers) == "Date,Ticker,Sector,Open,High,Low,Close,Adj Close,Volume"
    assert CLEAN.sources == CANONICAL
    assert (CLEAN.delimiter, CLEAN.decimal, CLEAN.encoding, CLEAN.newline) == (",", ".", "utf-8", "\n")


def test_random_layouts_drift_in_every_trait():
    layouts = _layouts(400)
    assert set(Counter(x.delimiter for x in layouts)) == {",", ";", "\t", "|"}
    assert set(Counter(x.encoding for x in layouts)) == set(ENCODINGS)
    assert {x.decimal for x in layouts} == {".", ","}
    assert {x.thousands for x in layouts} >= {"", ".", ",", " ", "'"}
    assert len({x.date_format for x in layouts}) >= 10
    assert {x.newline for x in layouts} == {"\n", "\r\n"}
    assert any(x.preamble for x in layouts) and any(x.totals for x in layouts)
    assert any(x.sources[0] != "date" for x in layouts)  # reordered columns
    assert any("exchange" in x.sources for x in layouts)  # extra columns
    for optional in ("sector", "adj_close", "volume"):
        assert any(optional not in x.sources for x in layouts)
    headers = {h for x in layouts for h, s in x.columns if s == "adj_close"}
    assert {"Adj Close", "adj_close", "AdjClose", "Adjusted Close"} <= headers
    assert any(h.isupper() for x in layouts for h in x.headers) and any(h.islower() for x in layouts for h in x.headers)
    assert sum(x != CLEAN for x in layouts) > 390


def test_random_layouts_stay_parseable():
    for layout in _layouts(400):
        assert {"date", "ticker", "open", "high", "low", "close"} <= set(layout.sources)
        assert len(set(layout.sources)) == len(layout.sources)
        assert len({h.casefold() for h in layout.headers}) == len(layout.headers)
        assert layout.decimal != layout.thousands
        assert layout.delimiter not in layout.date_format
        if layout.delimiter == "\t":
            assert layout.extension in (".csv", ".txt", ".tsv")


def test_json_round_trip_and_workbook_form():
    for layout in _layouts(50):
        assert Layout.from_json(layout.to_json()) == layout
        book = for_xlsx(layout)
        assert book.extension == ".xlsx" and book.columns == layout.columns and book.preamble == layout.preamble
