import pyarrow as pa

from backintime_assets.ingestion.price_units import hundredths


def _bars(*rows):
    """(file, open, high, low, close, volume) -> rows to compare."""
    return pa.table({
        "source_file": [r[0] for r in rows], "sector": pa.array([None] * len(rows), pa.string()),
        **{c: pa.array([r[k] for r in rows], pa.float64()) for k, c in enumerate(["open", "high", "low", "close"], 1)},
        "adj_close": pa.array([None] * len(rows), pa.float64()),
        "volume": pa.array([r[5] for r in rows], pa.float64()),
    })


def test_pence_beside_pounds_to_the_rounding_each_writes_and_not_a_correction_or_another_volume():
    pence = _bars(("gbx.csv", 112.35, 113.0, 111.9, 112.8, 500.0),  # £1.12354 written to the penny's hundredth
                  ("gbx.csv", 112.35, 113.0, 111.9, 113.9, 500.0),  # another close: a correction
                  ("gbx.csv", 112.35, 113.0, 111.9, 112.8, 50000.0),  # a 100:1 split's adjustment moves the volume
                  ("gbp.csv", 112.35, 113.0, 111.9, 112.8, None))  # one file's rows: its unit is one
    pounds = _bars(("gbp.csv", 1.12354, 1.13, 1.119, 1.128, 500.0), ("gbp.csv", 1.12354, 1.13, 1.119, 1.128, 500.0),
                   ("gbp.csv", 1.12354, 1.13, 1.119, 1.128, 500.0), ("gbp.csv", 1.12354, 1.13, 1.119, 1.128, 500.0))
    assert hundredths(pence, pounds).tolist() == [1, 0, 0, 0]
    assert hundredths(pounds, pence).tolist() == [-1, 0, 0, 0]
