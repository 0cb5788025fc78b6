"""The tickers a file's first rows hold (sibling_tickers.py)."""
from backintime_assets.detection import detect_bytes
from backintime_assets.ingestion.sibling_tickers import tickers_in_heads


def test_a_files_tickers_are_its_ticker_columns_cells_each_head_read_once():
    files = {"a": ("export (1).csv", b"Date,Ticker,Close\n15/10/2024,VOD.L,10.5\n15/10/2024, barc.l ,2.5\n"),
             "b": ("AAPL.csv", b"Date,Close\n10/15/2024,230.5\n10/16/2024,231.5\n")}
    schemas = {key: detect_bytes(data, name).to_dict() for key, (name, data) in files.items()}
    asked = []

    def heads(keys):
        asked.append(sorted(keys))
        return {key: files[key][1] for key in keys}

    tickers = tickers_in_heads(heads)
    # A file named by its one ticker holds none in its rows: its name is another pattern than its neighbours'.
    assert tickers(schemas) == {"a": {"VOD.L", "BARC.L"}, "b": set()}
    assert tickers({"a": schemas["a"]}) == {"a": {"VOD.L", "BARC.L"}}
    assert asked == [["a", "b"], []]
