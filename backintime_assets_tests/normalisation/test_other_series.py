import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.group import normalise_group

HEADER = "SYMBOL,SERIES,OPEN,HIGH,LOW,CLOSE,LAST,PREVCLOSE,TOTTRDQTY,TOTTRDVAL,TIMESTAMP,TOTALTRADES,ISIN,"


def _bhavcopy(day: str, *extra: str) -> bytes:
    """An NSE bhavcopy (the legacy layout) of a day: five shares on the EQ board, then `extra` rows."""
    rows = [HEADER] + [f"{t},EQ,{c},{c + 1},{c - 1},{c},{c},{c},1000,{c * 1000},{day},10,INE{k:07d}01,"
                       for k, (t, c) in enumerate([("ACC", 1800.5), ("INFY", 1050.2), ("TCS", 2700.1),
                                                   ("SBIN", 310.4), ("ITC", 260.0)])]
    return ("\n".join([*rows, *extra]) + "\n").encode()


RELIANCE_BL = "RELIANCE,BL,925,925,925,925,925,921.65,100000,92500000,{day},1,INE002A01018,"
RELIANCE_EQ = "RELIANCE,EQ,923,931,920.1,929.3,929,921.65,5123456,4765432100.5,{day},123456,INE002A01018,"


def _loaded(data: bytes, name: str):
    result = normalise_bytes(data, detect_bytes(data, name), name)
    return dict(zip(result.prices_arrow["ticker"].to_pylist(), result.prices_arrow["close"].to_pylist())), \
        list(result.rejected["reason"])


def test_a_block_deal_row_before_the_equity_row_is_another_series_not_the_close():
    # RELIANCE's block deals (BL) written before its EQ row: the first row of the date was kept, the
    # block deal's price loaded as RELIANCE's close and its day's own close was rejected.
    day = "03-JAN-2018"
    data = _bhavcopy(day, RELIANCE_BL.format(day=day), RELIANCE_EQ.format(day=day),
                     f"21STCENMGM,BE,27.6,27.6,27.6,27.6,27.6,26.3,1200,33120,{day},3,INE253B01015,")
    closes, reasons = _loaded(data, "cm03JAN2018bhav.csv")
    assert closes["RELIANCE"] == 929.3
    assert closes["21STCENMGM"] == 27.6  # its only series that day is its price
    assert reasons == ["another series of the ticker: SERIES 'BL' where the file's rows are mostly 'EQ', "
                       "whose row of this date is kept"]


def test_a_ticker_on_several_boards_keeps_its_main_boards_rows():
    # Three other series beside EQ: every row of the ticker had been rejected as several series, EQ's too.
    day = "04-JAN-2018"
    others = [RELIANCE_BL.format(day=day).replace(",BL,", f",{s},") for s in ("BL", "N1", "N2", "BE")]
    closes, reasons = _loaded(_bhavcopy(day, *others, RELIANCE_EQ.format(day=day)), "cm04JAN2018bhav.csv")
    assert closes["RELIANCE"] == 929.3 and len(closes) == 6
    assert sorted(r.split("'")[1] for r in reasons) == ["BE", "BL", "N1", "N2"]


@pytest.mark.parametrize("note", ["", "revised"])
def test_a_note_on_a_corrected_row_names_no_series(note):
    # A mostly blank note column: no value covers half the rows, the correction stays a conflicting duplicate.
    data = (b"Date,Ticker,Close,Note\n2024-01-02,AAPL,185.6,\n2024-01-02,AAPL,185.9," + note.encode() + b"\n"
            b"2024-01-02,MSFT,370.1,\n2024-01-03,AAPL,184.2,\n")
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert result.prices_arrow["close"].to_pylist() == [185.6, 370.1, 184.2]
    assert list(result.rejected["reason"]) == ["conflicting duplicate of line 2"]


def test_files_read_together_keep_their_main_series_as_each_alone():
    days = ["03-JAN-2018", "04-JAN-2018"]
    datas = [_bhavcopy(d, RELIANCE_BL.format(day=d), RELIANCE_EQ.format(day=d)) for d in days]
    names = [f"cm{d.replace('-', '')}bhav.csv" for d in days]
    schema = detect_bytes(datas[0], names[0])
    together = normalise_group(datas, schema, names)
    assert together is not None
    for data, name, result in zip(datas, names, together):
        alone = normalise_bytes(data, schema, name)
        assert result.prices_arrow.to_pylist() == alone.prices_arrow.to_pylist()
        assert list(result.rejected["reason"]) == list(alone.rejected["reason"])
        assert dict(zip(result.prices_arrow["ticker"].to_pylist(), result.prices_arrow["close"].to_pylist())
                    )["RELIANCE"] == 929.3


def test_a_markets_day_on_its_main_board_keeps_a_shares_main_board_row():
    # MOEX's day of results for the market: SBER's odd-lot board (SMAL) row before its main board's
    # (TQBR), where every other share trades on TQBR alone. The odd-lot price (volume 37) had loaded.
    head = "BOARDID;TRADEDATE;SECID;OPEN;LOW;HIGH;CLOSE;VOLUME\n"
    rows = "".join(f"TQBR;2024-01-03;{t};{c};{c - 1};{c + 1};{c};1000\n"
                   for t, c in (("GAZP", 160.1), ("LKOH", 6800.5), ("ROSN", 560.2), ("MGNT", 5900.0)))
    rows += ("SMAL;2024-01-03;SBER;271.56;270.68;273.64;272.62;37\n"
             "TQBR;2024-01-03;SBER;271.45;270.68;273.84;271.69;4000\n")
    closes, reasons = _loaded((head + rows).encode(), "moex_20240103.csv")
    assert closes["SBER"] == 271.69 and len(closes) == 5
    assert reasons == ["another series of the ticker: BOARDID 'SMAL' where the file's rows are mostly 'TQBR', "
                       "whose row of this date is kept"]
