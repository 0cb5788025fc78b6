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


def test_a_share_listed_in_another_currency_keeps_its_own_series():
    # XYZ's euro price on each of its dates, a dollar row beside it on two: the file's dollars (most of
    # its rows) had loaded on those two days, a dollar close between euro ones.
    rows = []
    for day, extra in (("02", "54.5"), ("03", None), ("04", "55.6"), ("05", None)):
        rows += [f"2024-01-{day},{t},USD,{c}.{day}" for t, c in (("AAA", 10), ("BBB", 20), ("CCC", 30))]
        rows += [f"2024-01-{day},XYZ,EUR,50.{day}"] + ([f"2024-01-{day},XYZ,USD,{extra}"] if extra else [])
    closes = normalise_bytes(data := ("Date,Ticker,Currency,Close\n" + "\n".join(rows) + "\n").encode(),
                             detect_bytes(data, "prices.csv"), "prices.csv")
    xyz = [c for t, c in zip(closes.prices_arrow["ticker"].to_pylist(), closes.prices_arrow["close"].to_pylist())
           if t == "XYZ"]
    assert xyz == [50.02, 50.03, 50.04, 50.05]
    assert [r.split("'")[1] for r in closes.rejected["reason"]] == ["USD", "USD"]


@pytest.mark.parametrize("put", [35, 30])
def test_an_option_chains_two_rows_under_the_commonest_type_are_no_series_to_keep(put):
    # A future and an at-the-money call and put of each share: OPTSTK is most rows, but it holds two of
    # each date (however alike their prices). The call's premium had loaded as the share's close, the
    # future set aside.
    rows = []
    for day in ("03-JAN-2018", "04-JAN-2018"):
        for share, price in (("ACC", 1800), ("INFY", 1050), ("TCS", 2700), ("SBIN", 310)):
            rows.append(f"FUTSTK,{share},25-Jan-2018,0,XX,{price},{price + 5},{price - 5},{price + 1},100,{day}")
            rows += [f"OPTSTK,{share},25-Jan-2018,{price},{kind},{c},{c + 1},{c - 1},{c},10,{day}"
                     for kind, c in (("CE", price // 30), ("PE", price // put))]
    data = ("INSTRUMENT,SYMBOL,EXPIRY_DT,STRIKE_PR,OPTION_TYP,OPEN,HIGH,LOW,CLOSE,CONTRACTS,TIMESTAMP\n"
            + "\n".join(rows) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "fo03JAN2018bhav.csv"), "fo03JAN2018bhav.csv")
    assert not {price // 30 for price in (1800, 1050, 2700, 310)} & set(result.prices_arrow["close"].to_pylist())
    assert not any(r.startswith("another series") for r in result.rejected["reason"])


def test_a_correction_whose_text_columns_agree_is_a_conflicting_duplicate():
    # The rows of the repeated date are alike in every text column: nothing names another series.
    data = (b"Date,Ticker,Exchange,Close\n2024-01-02,AAPL,NASDAQ,185.6\n2024-01-02,AAPL,NASDAQ,185.9\n"
            b"2024-01-02,MSFT,NASDAQ,370.1\n2024-01-02,IBM,NYSE,160.2\n2024-01-03,AAPL,NASDAQ,184.2\n")
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert result.prices_arrow["close"].to_pylist() == [185.6, 370.1, 160.2, 184.2]
    assert list(result.rejected["reason"]) == ["conflicting duplicate of line 2"]


def test_a_bhavcopy_written_twice_keeps_its_equity_row():
    # The day's file appended to itself: EQ's row twice is one row of its series, not a chain of them.
    day = "03-JAN-2018"
    data = _bhavcopy(day, RELIANCE_BL.format(day=day), RELIANCE_EQ.format(day=day))
    data += data.split(b"\n", 1)[1]
    closes, reasons = _loaded(data, "cm03JAN2018bhav.csv")
    assert closes["RELIANCE"] == 929.3
    assert sorted(r.split(":")[0] for r in reasons) == ["another series of the ticker"] * 2 + ["duplicate"] * 6
