from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.group import normalise_group
from backintime_assets.normalisation.repeated_header import RELABELLED_HEADER, REORDERED_HEADER, REPEATED_HEADER
from backintime_assets_tests.support.calendar import weekdays


def _part(first: date, rows: int, bom: bool = True) -> bytes:
    """An Excel "CSV UTF-8" export: a byte-order mark, a header, then daily closes on weekdays."""
    days = weekdays(first, rows)
    lines = ["Date,Ticker,Close"] + [f"{d},AAPL,{180 + k}.5" for k, d in enumerate(days)]
    return ("\ufeff" if bom else "").encode() + ("\r\n".join(lines) + "\r\n").encode()


def test_files_joined_into_one_name_their_repeated_headers():
    data = _part(date(2024, 1, 1), 20) + _part(date(2024, 2, 1), 20) + _part(date(2024, 3, 1), 20, bom=False)
    schema = detect_bytes(data, "joined.csv")
    result = normalise_bytes(data, schema, "joined.csv")
    assert result.prices_arrow.num_rows == 60
    rejected = result.rejected_arrow.to_pylist()
    assert [(r["source_line"], r["reason"]) for r in rejected] == [(22, REPEATED_HEADER), (43, REPEATED_HEADER)]
    assert result.rows_read == 62  # still counted as read and rejected: the accounting holds


def test_a_row_that_does_not_read_keeps_its_reason():
    data = _part(date(2024, 1, 1), 20, bom=False) + b"2024-02-01,AAPL,n/a?\r\nDate,Ticker\r\n"
    schema = detect_bytes(data, "damaged.csv")
    reasons = normalise_bytes(data, schema, "damaged.csv").rejected_arrow["reason"].to_pylist()
    assert reasons and REPEATED_HEADER not in reasons


def test_files_read_as_one_group_name_them_too():
    datas = [_part(date(2024, 1, 1), 20) + _part(date(2024, 2, 1), 20), _part(date(2024, 3, 1), 20)]
    schema = detect_bytes(datas[1], "b.csv")
    results = normalise_group(datas, schema, ["a.csv", "b.csv"])
    assert results is not None
    assert results[0].rejected_arrow.to_pylist()[0]["reason"] == REPEATED_HEADER
    assert [r.prices_arrow.num_rows for r in results] == [40, 20]


def _joined(header: str, sep: str, twice: bool = False) -> bytes:
    """Two months' files joined, each under `header`; `twice`: the second column repeats the first's prices."""
    parts = []
    for month in (1, 2):
        days = [date(2024, month, 1) + timedelta(days=k) for k in range(28)]
        parts.append("\n".join([header] + [f"{d}{sep}{180 + k}.5{sep}{f'{180 + k}.5' if twice else f'{181 + k}.25'}"
                                          for k, d in enumerate(d for d in days if d.weekday() < 5)]))
    return ("\n".join(parts) + "\n").encode()


def _reasons(data: bytes) -> dict[str, str]:
    result = normalise_bytes(data, detect_bytes(data, "joined.csv"), "joined.csv")
    rejected = result.rejected_arrow
    return dict(zip(rejected.column("raw").to_pylist(), rejected.column("reason").to_pylist()))


def test_a_repeated_header_with_a_name_twice_is_named():
    # Detection names the second "Close" "Close_2": the repeat holds "Close" twice. (The column
    # exported twice, with the same prices: with others, it would be another series' closes.)
    assert _reasons(_joined("Date,Close,Close", ",", twice=True)) == {"Date,Close,Close": REPEATED_HEADER}


def test_a_repeated_header_of_a_space_aligned_table_is_named():
    # Runs of spaces are one delimiter there, as the records are read.
    header = "Date        Close      Open"
    assert _reasons(_joined(header, "   ")) == {header: REPEATED_HEADER}


def test_a_repeat_with_a_cell_changed_keeps_the_ticker_column():
    # Under a title row, the header row was taken for a record (its names recur in the repeat below):
    # the Ticker column lost its name, and every row was loaded under the file's name as ticker.
    days = weekdays(date(2024, 1, 1), 25)
    rows = [f"{d},AAPL,1{k}.5,{k}00" for k, d in enumerate(days, 10)]
    lines = ["Daily prices report,Fund A,,", "Date,Ticker,Close,Volume", *rows[:8],
             "Date,Ticker,Close,Volume (page 2)", *rows[8:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "prices.csv"), "prices.csv")
    assert set(result.prices_arrow["ticker"].to_pylist()) == {"AAPL"}
    assert result.prices_arrow.num_rows == 25
    assert [r["source_line"] for r in result.rejected_arrow.to_pylist()] == [11]


def _closes(first: date, rows: int, header: str) -> bytes:
    """Closes and volumes of weekdays under `header` ("Date,Close,Volume" or "Date,Volume,Close")."""
    days = weekdays(first, rows)
    cells = [{"Date": str(d), "Close": f"{180 + k}.5", "Volume": str(2_000_000 + k)} for k, d in enumerate(days)]
    return "\n".join([header] + [",".join(c[n] for n in header.split(",")) for c in cells]).encode() + b"\n"


def test_a_part_under_the_headers_names_in_another_order_is_rejected_not_read_in_the_files_order():
    # Two exports joined, the second set to write its volume before its close: read in the first
    # header's order, its 2,000,000 volumes loaded as closes and its closes as volumes.
    data = (_closes(date(2024, 1, 1), 20, "Date,Close,Volume") + _closes(date(2024, 2, 1), 20, "Date,Volume,Close")
            + _closes(date(2024, 3, 1), 20, "Date,Close,Volume"))
    result = normalise_bytes(data, detect_bytes(data, "joined.csv"), "joined.csv")
    prices = result.prices_arrow.to_pydict()
    assert len(prices["close"]) == 40 and max(prices["close"]) < 200 and min(prices["volume"]) >= 2_000_000
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert rejected[0] == (22, REORDERED_HEADER) and (43, REPEATED_HEADER) in rejected
    assert [line for line, why in rejected if why.startswith("below line 22, whose header names the columns in "
                                                              "another order")] == list(range(23, 43))
    assert result.rows_read == 62


def test_a_part_under_the_headers_columns_in_other_words_and_another_order_is_rejected():
    # Two exports joined, the second another site's ("Vol.,Price") or another language's
    # ("Volumen,Schluss"), volume before close: the header line did not repeat the file's names, so
    # its rows read in the file's order and their 2,000,000 volumes loaded as closes.
    first = _closes(date(2024, 1, 1), 20, "Date,Close,Volume")
    for header in ("Date,Vol.,Price", "Datum,Volumen,Schluss", "date,volume,close"):
        second = _closes(date(2024, 2, 1), 20, "Date,Volume,Close").decode().split("\n", 1)[1]
        data = first + f"{header}\n{second}".encode()
        result = normalise_bytes(data, detect_bytes(data, "joined.csv"), "joined.csv")
        prices = result.prices_arrow.to_pydict()
        assert len(prices["close"]) == 20 and max(prices["close"]) < 200, header
        rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
        assert rejected[0] == (22, REORDERED_HEADER), header
        assert [line for line, why in rejected if why.startswith("below line 22")] == list(range(23, 43)), header


def test_a_part_under_the_headers_columns_in_other_words_in_the_same_order_loads():
    # "date,Price,Vol." below "Date,Close,Volume": every column where the file's header has it.
    second = _closes(date(2024, 2, 1), 20, "Date,Close,Volume").decode().split("\n", 1)[1]
    data = _closes(date(2024, 1, 1), 20, "Date,Close,Volume") + f"date,Price,Vol.\n{second}".encode()
    result = normalise_bytes(data, detect_bytes(data, "joined.csv"), "joined.csv")
    assert result.prices_arrow.num_rows == 40 and max(result.prices_arrow["close"].to_pylist()) < 200
    assert [r["source_line"] for r in result.rejected_arrow.to_pylist()] == [22]


def test_a_part_under_the_header_with_only_unread_columns_swapped_loads():
    # Two notes beside the prices written in another order below: every price column where the
    # file's header has it, so its rows read right (they were rejected as "in another order").
    part = _closes(date(2024, 1, 1), 20, "Date,Close,Volume").decode().splitlines()
    later = _closes(date(2024, 2, 1), 20, "Date,Close,Volume").decode().splitlines()
    data = "\n".join(["Date,Close,Volume,Desk,Note"] + [r + ",fx,ok" for r in part[1:]]
                     + ["Date,Close,Volume,Note,Desk"] + [r + ",ok,fx" for r in later[1:]]).encode() + b"\n"
    result = normalise_bytes(data, detect_bytes(data, "joined.csv"), "joined.csv")
    assert result.prices_arrow.num_rows == 40
    assert [r["source_line"] for r in result.rejected_arrow.to_pylist()] == [22]


def test_a_line_past_the_readers_field_limit_naming_the_header_is_rejected_as_itself():
    # A note of 200,000 characters holding "Date": the header test's reader refuses it (field
    # larger than field limit), which named its reason False and failed the whole file.
    data = _closes(date(2024, 1, 1), 20, "Date,Close,Volume") + b"Date note " + b"x" * 200_000 + b"\n"
    result = normalise_bytes(data, detect_bytes(data, "notes.csv"), "notes.csv")
    assert result.file_problem is None and result.prices_arrow.num_rows == 20
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert rejected == [(22, "wrong field count: expected 3, got 1")]


def test_a_part_of_tickers_side_by_side_under_their_fields_in_another_order_is_rejected():
    # Two downloads of AAPL and MSFT side by side joined, the second writing volume before close:
    # read in the first's order, each ticker's 900,000 volumes loaded as its closes.
    days = weekdays(date(2021, 1, 4), 80)
    lines = [",AAPL,AAPL,MSFT,MSFT", "Date,Close,Volume,Close,Volume"]
    lines += [f"{d},{130 + k * 0.1:.2f},{900000 + k},{220 + k * 0.1:.2f},{500000 + k}" for k, d in enumerate(days[:40])]
    lines += [",AAPL,AAPL,MSFT,MSFT", "Date,Volume,Close,Volume,Close"]
    lines += [f"{d},{900000 + k},{134 + k * 0.1:.2f},{500000 + k},{224 + k * 0.1:.2f}" for k, d in enumerate(days[40:])]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    prices = result.prices_arrow.to_pydict()
    assert sorted(set(prices["ticker"])) == ["AAPL", "MSFT"] and len(prices["close"]) == 80
    assert max(prices["close"]) < 230
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert (44, f"AAPL: {REORDERED_HEADER}") in rejected and (44, f"MSFT: {REORDERED_HEADER}") in rejected
    assert [line for line, why in rejected if why.startswith("MSFT: below line 44")] == list(range(45, 85))


def test_a_header_in_other_words_in_the_files_order_ends_a_part_in_another_order():
    # Three exports joined: the second writes volume before close, the third the first's order in
    # German. The third's header was "unparseable value", not a repeat, so its 20 rows, which read
    # right, were rejected as below the second's header.
    first = _closes(date(2024, 1, 1), 20, "Date,Close,Volume")
    second = _closes(date(2024, 2, 1), 20, "Date,Volume,Close")
    third = _closes(date(2024, 3, 1), 20, "Date,Close,Volume").decode().split("\n", 1)[1]
    data = first + second + f"Datum,Schluss,Volumen\n{third}".encode()
    result = normalise_bytes(data, detect_bytes(data, "joined.csv"), "joined.csv")
    assert result.prices_arrow.num_rows == 40 and max(result.prices_arrow["close"].to_pylist()) < 200
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert (22, REORDERED_HEADER) in rejected and (43, REPEATED_HEADER) in rejected
    assert [line for line, why in rejected if why.startswith("below line 22")] == list(range(23, 43))
    assert result.rows_read == 62


@pytest.mark.parametrize("second", ["Date,AAPL Vol.,AAPL Price,MSFT Vol.,MSFT Price",
                                    "Date,MSFT Close,MSFT Volume,AAPL Close,AAPL Volume"])
def test_a_part_of_tickers_in_one_flat_header_under_another_order_is_rejected(second):
    # Each ticker's columns named in its header cells (flat_header.py), a second part writing volume
    # before close, or the tickers swapped: read in the first part's order, volumes loaded as closes,
    # or MSFT's prices as AAPL's.
    days = weekdays(date(2021, 1, 4), 80)
    lines = ["Date,AAPL Close,AAPL Volume,MSFT Close,MSFT Volume"]
    lines += [f"{d},{130 + k * 0.1:.2f},{900000 + k},{220 + k * 0.1:.2f},{500000 + k}" for k, d in enumerate(days[:40])]
    lines += [second]
    lines += [f"{d},{900000 + k},{134 + k * 0.1:.2f},{500000 + k},{224 + k * 0.1:.2f}" for k, d in enumerate(days[40:])]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    prices = result.prices_arrow.to_pydict()
    assert sorted(set(prices["ticker"])) == ["AAPL", "MSFT"] and len(prices["close"]) == 80
    assert max(prices["close"]) < 230 and max(prices["date"]).isoformat()[:10] == str(days[39])
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert (42, f"AAPL: {REORDERED_HEADER}") in rejected and (42, f"MSFT: {REORDERED_HEADER}") in rejected
    assert [line for line, why in rejected if why.startswith("MSFT: below line 42")] == list(range(43, 83))


def test_another_tickers_part_below_one_tickers_flat_header_is_rejected():
    # quantmod's SPY, then QQQ's rows appended under their own header: loaded as SPY's.
    days = weekdays(date(2021, 1, 4), 40)
    lines = ["Index,SPY.Open,SPY.Close,SPY.Volume"]
    lines += [f"{d},{370 + k * 0.1:.2f},{371 + k * 0.1:.2f},{900000 + k}" for k, d in enumerate(days[:20])]
    lines += ["Index,QQQ.Open,QQQ.Close,QQQ.Volume"]
    lines += [f"{d},{310 + k * 0.1:.2f},{311 + k * 0.1:.2f},{500000 + k}" for k, d in enumerate(days[20:])]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "etfs.csv"), "etfs.csv")
    prices = result.prices_arrow.to_pydict()
    assert set(prices["ticker"]) == {"SPY"} and len(prices["close"]) == 20 and max(prices["close"]) < 374
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert rejected[0] == (22, REORDERED_HEADER) and [line for line, _ in rejected] == list(range(22, 43))


def _wide(parts: list[tuple[str, int, int]]) -> bytes:
    """AAPL's and MSFT's closes and volumes side by side under labels, parts pasted one below the
    other each under its own line of labels (given) over "Date,Close,Volume,Close,Volume", 20 days
    each: the first ticker named in a part's labels closes at 100 + k, the second at 300 + k."""
    days = [d for d in (date(2021, 1, 4) + timedelta(days=k) for k in range(200)) if d.weekday() < 5]
    lines, at = [], 0
    for labels, first, n in parts:
        lines += [labels, "Date,Close,Volume,Close,Volume"]
        lines += [f"{d},{first + k}.5,{900000 + k},{first + 200 + k}.5,{500000 + k}"
                  for k, d in enumerate(days[at:at + n])]
        at += n
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("labels", [",MSFT,MSFT,AAPL,AAPL", ",AAPL,AAPL,GOOG,GOOG", "Ticker,MSFT,MSFT,AAPL,AAPL",
                                    ",GOOG,GOOG,AMZN,AMZN"])
def test_a_part_of_tickers_side_by_side_under_other_labels_is_rejected_not_read_under_the_files(labels):
    # Two downloads joined, the second's labels naming MSFT's columns first (or GOOG in MSFT's place,
    # or two tickers the file's labels do not name, over its line of fields):
    # read under the first's labels, MSFT's prices loaded as AAPL's and AAPL's as MSFT's. The third
    # part, under the file's labels again, loads.
    data = _wide([(",AAPL,AAPL,MSFT,MSFT", 100, 20), (labels, 150, 20), (",AAPL,AAPL,MSFT,MSFT", 120, 20)])
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    prices = result.prices_arrow.to_pylist()
    assert sorted({(r["ticker"], r["close"] // 100) for r in prices}) == [("AAPL", 1), ("MSFT", 3)]
    assert sorted({r["source_line"] for r in prices}) == list(range(3, 23)) + list(range(47, 67))
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert (23, f"AAPL: {RELABELLED_HEADER}") in rejected and (23, f"MSFT: {RELABELLED_HEADER}") in rejected
    # its line of fields, in the file's order, carries the part on
    assert (24, f"MSFT: {REPEATED_HEADER}") in rejected
    below = [line for line, why in rejected if why.startswith("AAPL: below line 23, whose labels name the tickers")]
    assert below == list(range(25, 45))
    assert (45, f"MSFT: {REPEATED_HEADER}") in rejected  # the file's labels again: a plain repeat
    # each line read once for each ticker, the two header lines not: every one loaded or rejected
    assert result.rows_read == 2 * 64 and len(rejected) == 2 * 24


def _days(n: int) -> list[date]:
    return weekdays(date(2021, 1, 4), n)


@pytest.mark.parametrize("labels, fields", [(",AAPL,AAPL,MSFT,MSFT", ",GOOG,GOOG,AMZN,AMZN"),
                                            (",AAPL US Equity,,MSFT US Equity,", ",GOOG US Equity,,AMZN US Equity,"),
                                            # Tickers that are currency codes too: no line of currencies.
                                            (",AAPL,AAPL,MSFT,MSFT", ",AMD,AMD,ALL,ALL"),
                                            # Tickers that are words of a note too: the prices tell.
                                            (",AAPL,AAPL,MSFT,MSFT", ",ADR,,ORD,"),
                                            # Not in capitals, or one in capitals beside one not: loaded
                                            # as AAPL's and MSFT's.
                                            (",AAPL,AAPL,MSFT,MSFT", ",goog,goog,amzn,amzn"),
                                            (",AAPL,AAPL,MSFT,MSFT", ",GOOG,,amzn,"),
                                            (",aapl,aapl,msft,msft", ",goog,goog,amzn,amzn")])
def test_labels_naming_none_of_the_files_tickers_right_over_rows_reject_the_part_below(labels, fields):
    # GOOG's and AMZN's download pasted below AAPL's and MSFT's with its labels alone, no line of
    # fields under them: loaded as AAPL's and MSFT's. The file's labels again end the part.
    days = _days(50)
    rows = [f"{d},{100 + k}.5,{900000 + k},{300 + k}.5,{500000 + k}" for k, d in enumerate(days)]
    lines = [labels, "Date,Close,Volume,Close,Volume", *rows[:20], fields,
             *[r.replace(",1", ",7", 1) for r in rows[20:40]], labels, *rows[40:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    prices = result.prices_arrow.to_pylist()
    assert len(prices) == 60 and max(r["close"] for r in prices) < 400
    assert sorted({r["source_line"] for r in prices}) == list(range(3, 23)) + list(range(45, 55))
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    first = labels.split(",")[1].upper()
    assert (23, f"{first}: {RELABELLED_HEADER}") in rejected
    assert [line for line, why in rejected if why.startswith(f"{first}: below line 23, whose labels")] == \
        list(range(24, 44))


@pytest.mark.parametrize("note", [",Halted,,Trading,", ",Halted,Halted,Trading,Trading", ",Closed,,Closed,",
                                  # In capitals as tickers are: exchanges, currencies, states.
                                  ",NYSE,,NASDAQ,", ",NYSE,NYSE,NASDAQ,NASDAQ", ",USD,,EUR,", ",HALTED,,TRADING,",
                                  # Written as tickers are (tickers by these names trade): the rows
                                  # below carry on each ticker's series above, a note.
                                  ",ADR,,ORD,", ",BUY,,SELL,", ",Old,Old,New,New", ",EST,,FINAL,", ",adr,,ord,",
                                  ",usd,,usd,"])
def test_a_note_of_words_between_rows_of_tickers_side_by_side_rejects_no_rows_below(note):
    # Not labels over another download's rows: its own line rejected, the rows below it load.
    rows = [f"{d},{100 + k}.5,{900000 + k},{300 + k}.5,{500000 + k}" for k, d in enumerate(_days(40))]
    lines = [",AAPL,AAPL,MSFT,MSFT", "Date,Close,Volume,Close,Volume", *rows[:20], note, *rows[20:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert result.prices_arrow.num_rows == 80
    assert {r["source_line"] for r in result.rejected_arrow.to_pylist()} == {23}


@pytest.mark.parametrize("note", [",ADR,,ORD,", ",goog,goog,amzn,amzn"])
def test_labels_between_rows_over_the_same_days_again_reject_the_part_below(note):
    # Another download of the same days pasted below under its labels alone, its prices near the
    # first's: the dates do not run on, a new instrument's series, not a note.
    rows = [f"{d},{100 + k}.5,{900000 + k},{300 + k}.5,{500000 + k}" for k, d in enumerate(_days(20))]
    lines = [",AAPL,AAPL,MSFT,MSFT", "Date,Close,Volume,Close,Volume", *rows, note,
             *[r.replace(".5,", ".75,") for r in rows]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert sorted({r["source_line"] for r in result.prices_arrow.to_pylist()}) == list(range(3, 23))
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert (23, f"AAPL: {RELABELLED_HEADER}") in rejected and len(rejected) == 2 * 21


@pytest.mark.parametrize("labels, theirs", [(",GOOG,GOOG,SPY,SPY", ",GOOGL,GOOGL,IVV,IVV"),
                                            (",GOOG,GOOG,SPY,SPY", ",OLD,OLD,NEW,NEW"),
                                            (",GOOG US Equity,,SPY US Equity,", ",GOOGL US Equity,,IVV US Equity,"),
                                            (",GOOG US Equity,,SPY US Equity,", ",googl us equity,,ivv us equity,")])
def test_a_downloads_labels_over_the_next_days_at_prices_near_the_files_reject_the_part_below(labels, theirs):
    # GOOGL's and IVV's download of the next days pasted below GOOG's and SPY's under their labels
    # alone: a share class and an ETF's twin, their prices running on from the file's. Written as a
    # download writes its labels (in capitals over each column, a Bloomberg security), not a note.
    rows = [f"{d},{1100 + k % 5}.5,{900000 + k},{280 + k % 3}.5,{500000 + k}" for k, d in enumerate(_days(40))]
    twins = [f"{d},{1111 + k % 5}.5,{900000 + k},{281 + k % 3}.5,{500000 + k}" for k, d in enumerate(_days(40))]
    lines = [labels, "Date,Close,Volume,Close,Volume", *rows[:20], theirs, *twins[20:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert sorted({r["source_line"] for r in result.prices_arrow.to_pylist()}) == list(range(3, 23))
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert (23, f"GOOG{labels[5:15].upper() if 'US' in labels else ''}: {RELABELLED_HEADER}") in rejected
    assert len(rejected) == 2 * 21


def test_a_note_over_a_ticker_not_traded_for_weeks_above_it_rejects_no_rows_below():
    # MSFT's cells empty for three weeks above a note (not traded, halted): its last row above and
    # its first below are weeks apart, the file's rows beside the note a day apart.
    rows = [f"{d},{100 + k % 5}.5,{900000 + k}," + ("," if 5 <= k < 20 else f"{300 + k % 3}.5,{500000 + k}")
            for k, d in enumerate(_days(40))]
    lines = [",AAPL,AAPL,MSFT,MSFT", "Date,Close,Volume,Close,Volume", *rows[:20], ",adr,,ord,", *rows[20:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert result.prices_arrow.num_rows == 80 - 15
    assert {r["reason"] for r in result.rejected_arrow.to_pylist() if r["source_line"] != 23} == {"MSFT: empty row"}


def test_a_line_of_currencies_under_the_files_labels_and_fields_repeated_carries_the_part_on():
    # The file's own three header lines (labels, fields, currencies) again below its rows, as files
    # of one layout joined: the rows below were rejected as under other labels.
    rows = [f"{d},{100 + k}.5,{900000 + k},{300 + k}.5,{500000 + k}" for k, d in enumerate(_days(40))]
    head = [",AAPL,AAPL,MSFT,MSFT", "Date,Close,Volume,Close,Volume", ",USD,USD,EUR,EUR"]
    data = ("\n".join([*head, *rows[:20], *head, *rows[20:]]) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert result.prices_arrow.num_rows == 80
    assert {r["source_line"] for r in result.rejected_arrow.to_pylist()} == {24, 25, 26}


@pytest.mark.parametrize("first, again", [(",AAPL,AAPL,MSFT,MSFT", ",AAPL,AAPL,MSFT,MSFT"),
                                          (",AAPL US Equity,AAPL US Equity,MSFT US Equity,MSFT US Equity",
                                           ",AAPL,AAPL,MSFT,MSFT")])
def test_a_part_of_tickers_side_by_side_under_the_files_labels_again_loads(first, again):
    # The same labels in the same order (or respelt, "AAPL" for "AAPL US Equity"): a plain repeat,
    # named so rather than "unparseable value", and the rows below it load.
    data = _wide([(first, 100, 20), (again, 120, 20)])
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    prices = result.prices_arrow.to_pylist()
    assert len(prices) == 80 and {r["close"] // 100 for r in prices if r["ticker"].startswith("AAPL")} == {1}
    assert sorted(r["reason"].split(": ", 1)[1] for r in result.rejected_arrow.to_pylist()) == [REPEATED_HEADER] * 4


def test_a_respelt_label_line_in_another_order_is_rejected():
    data = _wide([(",AAPL US Equity,AAPL US Equity,MSFT US Equity,MSFT US Equity", 100, 20),
                  (",MSFT,MSFT,AAPL,AAPL", 150, 20)])
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert result.prices_arrow.num_rows == 40 and max(result.prices_arrow["source_line"].to_pylist()) == 22
    assert (23, f"AAPL US EQUITY: {RELABELLED_HEADER}") in [(r["source_line"], r["reason"])
                                                           for r in result.rejected_arrow.to_pylist()]


# Sixty weekdays from 4 January 2021.
_SIXTY_DAYS = _days(60)


def _yfinance_second_part_rejected(second_part: tuple[str, str, tuple[int, int]], first_label: str) -> None:
    """Two yf.download files joined: three header lines each ("Price", "Ticker", "Date") over their
    rows, AAPL's closes about 100 and MSFT's 300 in the first. The second's rows are rejected below
    its "Ticker" line (35), the first's 30 load, each under its own ticker."""
    lines = []
    for first, second, closes, part in (("AAPL", "MSFT", (100, 300), _SIXTY_DAYS[:30]),
                                        (*second_part, _SIXTY_DAYS[30:])):
        lines += [f"Price,Close,Close,Volume,Volume\nTicker,{first},{second},{first},{second}\nDate,,,,"]
        lines += [f"{d},{closes[0] + k}.5,{closes[1] + k}.5,{900000 + k},{500000 + k}" for k, d in enumerate(part)]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "yf.csv"), "yf.csv")
    prices = result.prices_arrow.to_pylist()
    assert len(prices) == 60 and {(r["ticker"], r["close"] // 100) for r in prices} == {("AAPL", 1), ("MSFT", 3)}
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert (35, f"{first_label}: {RELABELLED_HEADER}") in rejected
    other = "MSFT" if first_label == "AAPL" else "AAPL"
    # "Date,,,," below it is an empty row
    assert [line for line, why in rejected if why.startswith(f"{other}: below line 35")] == list(range(37, 67))


def test_two_yfinance_downloads_joined_with_their_tickers_in_another_order_reject_the_second():
    # The second download listing MSFT first: its closes were loaded under the first's tickers, each other's.
    _yfinance_second_part_rejected(("MSFT", "AAPL", (300, 100)), "MSFT")


@pytest.mark.parametrize("head, page", [([",MSFT,MSFT,AAPL,AAPL", ",EUR,EUR,USD,USD", "Date,Close,Volume,Close,Volume"],
                                         None),
                                        ([",MSFT,MSFT,AAPL,AAPL", "Date,Close,Volume,Close,Volume"],
                                         "Date,Close,Volume,Close,Volume")])
def test_a_part_under_other_labels_runs_on_past_its_own_lines_of_fields(head, page):
    # A second download, MSFT's columns first, its labels over a line of currencies (or its fields
    # repeated over each page): the file's line of fields below a row that is no price ended the
    # part, and the rest of it loaded MSFT's prices as AAPL's. Only a line of labels ends it.
    days = _SIXTY_DAYS

    def rows(days: list[date], first: int) -> list[str]:
        return [f"{d},{first + k}.5,{900000 + k},{first + 200 + k}.5,{500000 + k}" for k, d in enumerate(days)]
    second = part = rows(days[20:40], 300)
    if page:
        second = part[:10] + [page] + part[10:]
    lines = ([",AAPL,AAPL,MSFT,MSFT", ",USD,USD,EUR,EUR", "Date,Close,Volume,Close,Volume"] + rows(days[:20], 100)
             + head + second + [",AAPL,AAPL,MSFT,MSFT", ",USD,USD,EUR,EUR", "Date,Close,Volume,Close,Volume"]
             + rows(days[40:], 120))
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    prices = result.prices_arrow.to_pylist()
    assert len(prices) == 80 and all(r["close"] < 300 if r["ticker"].startswith("AAPL") else r["close"] >= 300
                                     for r in prices)
    last = list(range(len(lines) - 19, len(lines) + 1))
    assert sorted({r["source_line"] for r in prices}) == list(range(4, 24)) + last
    below = {r["source_line"] for r in result.rejected_arrow.to_pylist() if " below line 24, " in r["reason"]}
    assert below >= {k + 1 for k, line in enumerate(lines) if line in part}


def test_a_yfinance_download_of_other_tickers_joined_below_is_rejected():
    # yf.download's "Ticker" line naming GOOG and AMZN, none of the first download's: their closes
    # loaded as AAPL's and MSFT's. Its "Price" line of fields, right above, says it heads a part.
    _yfinance_second_part_rejected(("GOOG", "AMZN", (500, 700)), "AAPL")


@pytest.mark.parametrize("under", [",USD,USD,EUR,EUR", ",NASDAQ,NASDAQ,NYSE,NYSE"])
def test_a_line_of_currencies_under_the_files_labels_repeated_is_no_part_of_other_tickers(under):
    # The file's header (labels, a line of currencies or exchanges, fields) repeated below: a line
    # naming none of the file's tickers, but under its labels, not over its fields. Its rows load.
    head = f",AAPL,AAPL,MSFT,MSFT\n{under}\nDate,Close,Volume,Close,Volume\n"
    days = weekdays(date(2021, 1, 4), 40)
    rows = [f"{d},{100 + k}.5,{900000 + k},{300 + k}.5,{500000 + k}\n" for k, d in enumerate(days)]
    data = (head + "".join(rows[:20]) + head + "".join(rows[20:])).encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    prices = result.prices_arrow.to_pylist()
    assert len(prices) == 80 and all((r["close"] < 300) == r["ticker"].startswith("AAPL") for r in prices)
    assert not any("below line" in r["reason"] for r in result.rejected_arrow.to_pylist())


@pytest.mark.parametrize(("stamp", "first"), [
    ("{d}T21:00:00", "Timestamp"), ("{d}T21:00:00Z", "Timestamp"), ("{d} 16:00", "Datetime")])
def test_a_part_under_time_naming_a_files_stamps_in_another_order_is_rejected(stamp, first):
    # "Time" over the file's stamps (date and time in one column) names its date: read as a time of
    # day, the line named no reordered header, and the rows below it loaded their closes as opens.
    days = weekdays(date(2024, 1, 1), 40)
    rows = [(stamp.format(d=d), 100 + k, 103 + k, 99 + k, 101.5 + k) for k, d in enumerate(days)]
    lines = [f"{first},Ticker,Open,High,Low,Close"] + [f"{s},AAPL,{o},{h},{lo},{c}" for s, o, h, lo, c in rows[:20]]
    lines += ["Time,Symbol,Close,High,Low,Open"] + [f"{s},AAPL,{c},{h},{lo},{o}" for s, o, h, lo, c in rows[20:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "joined.csv"), "joined.csv")
    prices = result.prices_arrow.to_pydict()
    assert len(prices["close"]) == 20 and all(c - o == 1.5 for o, c in zip(prices["open"], prices["close"]))
    rejected = [(r["source_line"], r["reason"]) for r in result.rejected_arrow.to_pylist()]
    assert rejected[0] == (22, REORDERED_HEADER)


@pytest.mark.parametrize("second, loads", [("date,goog_close,goog_volume,amzn_close,amzn_volume", False),
                                           ("date,msft_close,msft_volume,aapl_close,aapl_volume", False),
                                           ("date,aapl_close,aapl_volume,msft_close,msft_volume", True)])
def test_a_part_under_a_flat_header_of_tickers_not_in_capitals_is_judged_by_its_tickers(second, loads):
    # "aapl_close" read as AAPL's close (flat_header.py): a part naming GOOG and AMZN below it was
    # loaded as AAPL's and MSFT's.
    rows = [f"{d},{100 + k}.5,{900000 + k},{300 + k}.5,{500000 + k}" for k, d in enumerate(_days(40))]
    lines = ["date,aapl_close,aapl_volume,msft_close,msft_volume", *rows[:20], second, *rows[20:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert sorted(set(result.prices_arrow["ticker"].to_pylist())) == ["AAPL", "MSFT"]
    assert result.prices_arrow.num_rows == (80 if loads else 40)
    rejected = {r["reason"] for r in result.rejected_arrow.to_pylist() if r["source_line"] == 22}
    assert rejected == {f"AAPL: {REPEATED_HEADER if loads else REORDERED_HEADER}",
                        f"MSFT: {REPEATED_HEADER if loads else REORDERED_HEADER}"}


@pytest.mark.parametrize("header, second, loads", [
    ("Date,Apple Close,Apple Volume,Microsoft Close,Microsoft Volume",
     "Date,Google Close,Google Volume,Amazon Close,Amazon Volume", False),
    ("Date,Apple Close,Apple Volume (thousands),Microsoft Close,Microsoft Volume (thousands)",
     "Date,Google Close,Google Volume (thousands),Amazon Close,Amazon Volume (thousands)", False),
    ("Date,Apple Close,Apple Volume,Microsoft Close,Microsoft Volume",
     "Date,Apple Close,Apple Volume,Microsoft Close,Microsoft Volume", True)])
def test_a_part_under_a_flat_header_of_companies_is_judged_by_its_companies(header, second, loads):
    # "Google Close" was taken for a label over a column (its first word a ticker's), not written in
    # capitals as tickers are: no header of another part, and Google's and Amazon's rows loaded as
    # Apple's and Microsoft's.
    rows = [f"{d},{100 + k}.5,{900 + k},{300 + k}.5,{500 + k}" for k, d in enumerate(_days(40))]
    lines = [header, *rows[:20], second, *rows[20:]]
    data = ("\n".join(lines) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert sorted(set(result.prices_arrow["ticker"].to_pylist())) == ["APPLE", "MICROSOFT"]
    assert result.prices_arrow.num_rows == (80 if loads else 40)
    assert max(result.prices_arrow["source_line"].to_pylist()) == (42 if loads else 21)
    rejected = {r["reason"] for r in result.rejected_arrow.to_pylist() if r["source_line"] == 22}
    assert rejected == {f"APPLE: {REPEATED_HEADER if loads else REORDERED_HEADER}",
                        f"MICROSOFT: {REPEATED_HEADER if loads else REORDERED_HEADER}"}


@pytest.mark.parametrize("header, second, loads", [
    # pandas writes its unnamed index (the dates) as an empty name: two downloads joined.
    (",aapl_close,msft_close", ",goog_close,amzn_close", False),
    (",aapl_close,msft_close", ",msft_close,aapl_close", False),
    (",AAPL Close,MSFT Close", ",GOOG Close,AMZN Close", False),
    ("date,aapl_close,msft_close", ",goog_close,amzn_close", False),
    ("date,aapl_close,msft_close", ",aapl_close,msft_close", True),
])
def test_a_flat_header_with_its_date_unnamed_between_rows_is_judged_by_its_tickers(header, second, loads):
    # Its empty date cell named no column: no header line, GOOG's and AMZN's closes (or MSFT's and
    # AAPL's swapped) loaded as AAPL's and MSFT's.
    rows = [f"{d},{100 + k}.5,{300 + k}.5" for k, d in enumerate(_days(40))]
    data = ("\n".join([header, *rows[:20], second, *rows[20:]]) + "\n").encode()
    result = normalise_bytes(data, detect_bytes(data, "wide.csv"), "wide.csv")
    assert sorted(set(result.prices_arrow["ticker"].to_pylist())) == ["AAPL", "MSFT"]
    assert result.prices_arrow.num_rows == (80 if loads else 40)
    rejected = {r["reason"] for r in result.rejected_arrow.to_pylist() if r["source_line"] == 22}
    kind = REPEATED_HEADER if loads else REORDERED_HEADER
    assert rejected == {f"AAPL: {kind}", f"MSFT: {kind}"}
