"""Rows read a column off: wide rows whose blank surplus was cut (shifted_rows.widened_rows)."""

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise, normalise_bytes

HEADER = "Date,Open,High,Low,Close,Volume,Remark,Comments\n"
DAYS = [d for d in range(1, 27) if d not in (6, 7, 13, 14, 20, 21)]


def _rows(stray=None, padded=None):
    out = []
    for d in DAYS:
        values = [f"2021-03-{d:02d}", f"{100 + d}.0", f"{101 + d}.5", f"{99 + d}.5", f"{100 + d}.5", f"{d}000",
                  '"quiet, day"', ""]
        if d == stray:
            values.insert(5, "")  # a stray delimiter before the volume: Pollock's row_more_sep
        if d == padded:
            values += ["", ""]  # a spreadsheet's padding after the row's last column
        out.append(",".join(values))
    return HEADER + "\n".join(out) + "\n"


def _run(text, monkeypatch=None, careful=False):
    data = text.encode()
    schema = detect_bytes(data, "AAPL.csv")
    if careful:
        monkeypatch.setattr(normalise, "split_fast", lambda *a: None)
    return normalise_bytes(data, schema, "AAPL.csv")


@pytest.mark.parametrize("careful", [False, True])
def test_a_row_a_stray_delimiter_widened_is_rejected_not_loaded_without_its_volume(careful, monkeypatch):
    # Its last field (Comments) blank, the row had been read with it cut: its volume field empty, the
    # 12000 under Remark, the day loaded without a volume.
    r = _run(_rows(stray=12), monkeypatch, careful)
    assert len(r.prices) == len(DAYS) - 1 and r.prices.volume.notna().all()
    assert r.rejected.raw.str[:10].tolist() == ["2021-03-12"]
    assert r.rejected.reason.tolist() == [
        "wrong field count: expected 8, got 9 (its volume empty where the file's other rows fill it, a blank field "
        "past its last column: a stray delimiter moved its values a column on?)"]


def test_a_padded_row_keeps_its_values_and_loads():
    r = _run(_rows(padded=12))
    assert len(r.prices) == len(DAYS) and r.rejected.empty
    assert r.prices.loc[r.prices.date.astype(str) == "2021-03-12", "volume"].tolist() == [12000]
