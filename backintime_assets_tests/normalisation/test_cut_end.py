"""A file cut inside its last value: that row rejected as truncated, never loaded with the cut value."""
from datetime import date, timedelta

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.cut_end import open_quote

HEAD = (b"Date,Open,High,Low,Close,Volume\n"
        b"2025-03-03,121.10,122.40,120.50,121.75,51200\n2025-03-04,121.80,123.00,121.00,122.40,48700\n"
        b"2025-03-05,122.40,122.90,121.30,121.95,50300\n2025-03-06,121.90,122.60,120.80,121.40,47100\n")
LAST = b"2025-03-07,121.50,122.10,120.60,121.75,48000"
CLOSE_LAST = (b"Date,Volume,Close\n2025-03-03,51200,121.75\n2025-03-04,48700,122.40\n"
              b"2025-03-05,50300,121.95\n2025-03-06,47100,121.40\n")


def _read(data: bytes):
    return normalise_bytes(data, detect_bytes(data, "ACME.csv"), "ACME.csv")


@pytest.mark.parametrize("data, why", [
    (HEAD + LAST[:-3], "'48' is the start of a value like the 4 before it (47100 .. 51200)"),  # 48000 cut
    ((HEAD + LAST[:-2]).replace(b"\n", b"\r\n"), "'480' is the start of a value like"),
    ((HEAD + LAST[:-3]).replace(b",", b"\t"), "'48' is the start of a value like the 4 before it (47100 .. 51200)"),
    (HEAD + LAST[:-5], "empty where every other row has a value"),  # cut just past the delimiter
    (CLOSE_LAST + b"2025-03-07,48000,12", "'12' has 0 decimals where every other row has 2"),
    (CLOSE_LAST + b"2025-03-07,48000,121.", "it ends in the decimal mark"),
    (CLOSE_LAST + b"2025-03-07,48000,121.7", "'121.7' has 1 decimals"),
    (CLOSE_LAST + b'2025-03-07,48000,"12', "a quoted value left open"),
    (b"Date,Close\n2026-05-25,17650\n2026-05-26,17702\n2026-05-27,17740\n2026-05-28,1777",
     "'1777' is shorter than, and under a fifth of"),  # a rate of 17778 cut by one digit
    (b"Date,Close\n2025-03-03,1.0845\n2025-03-04,1.0862\n2025-03-05,1.0831\n2025-03-06,1.0857\n2025-03-07,1.085",
     "'1.085' has 3 decimals"),
    (b"Close,Volume,Date\n121.75,51200,2025-03-03\n121.40,48700,2025-03-04\n121.95,50300,2025-03-05\n"
     b"121.40,47100,2025-03-06\n121.75,48000,2025-03-1", "'2025-03-1' is shorter than every other row's date"),
    (b"Date,Close,Volume\n2025-03-03,121.75,1.2M\n2025-03-04,122.40,1.5M\n2025-03-05,121.95,1.1M\n"
     b"2025-03-06,121.40,1.3M\n2025-03-07,121.75,1.2", "lacks the unit every other row writes"),
    (b"Ticker,Date,Close\nAAPL,2025-03-07,180.50\nMSFT,2025-03-07,410.20\nNVDA,2025-03-07,112.40\nF,2025-03-07,9.8",
     "'9.8' has 1 decimals"),
])
def test_a_last_line_cut_inside_its_last_value_is_rejected_as_truncated(data, why):
    r = _read(data)
    rows = data.count(b"\n")  # the header's line break, then each full row's
    assert r.file_problem is None and r.prices_arrow.num_rows == rows - 1
    rejected = r.rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [rows + 1]
    assert rejected[0]["reason"].startswith("truncated: the file ends inside this line, no line break after it")
    assert why in rejected[0]["reason"]


@pytest.mark.parametrize("data, close, volume", [
    (HEAD + LAST, 121.75, 48000),  # a complete last row, no final line break
    (HEAD + LAST + b"\n\n", 121.75, 48000),
    ((HEAD + LAST).replace(b"\n", b"\r\n"), 121.75, 48000),
    (HEAD + LAST + b"   ", 121.75, 48000),
    (HEAD.split(b"\n")[0] + b"\n" + LAST[:-3], 121.75, 48),  # one row: nothing to judge its writing by
    (b"\n".join(HEAD.split(b"\n")[:3]) + b"\n" + LAST[:-3], 121.75, 48),  # two other rows: too few to tell
    (HEAD + b"2025-03-07,121.50,122.10,120.60,121.75,9800", 121.75, 9800),  # a quiet day: not a tenth
    (HEAD + b"2025-03-07,121.50,122.10,120.60,121.75,30000", 121.75, 30000),
    (CLOSE_LAST + b"2025-03-07,48000,99.50", 99.5, 48000),
    (b"Date,Close\n2026-05-25,1050\n2026-05-26,1102\n2026-05-27,1011\n2026-05-28,980", 980, None),  # a fall
    (CLOSE_LAST + b"2025-03-07,48000,121.755", 121.755, 48000),
    (CLOSE_LAST.replace(b".75", b"").replace(b".40", b"").replace(b".95", b"") + b"2025-03-07,48000,121", 121, 48000),
    (b"Date,Volume,Close\n2025-03-03,51200,121.5\n2025-03-04,48700,121.75\n2025-03-05,50300,122\n"
     b"2025-03-06,47100,121.4\n2025-03-07,48000,121", 121, 48000),  # decimals vary: zeros dropped
    (b"Date,Volume,Close\n2025-03-03,51200,121.5\n2025-03-04,48700,121.75\n2025-03-05,50300,122.25\n"
     b"2025-03-06,47100,121.4\n2025-03-07,48000,121.5", 121.5, 48000),
    (b"Date,Volume,Close\n2025-03-03,1,121.23456789012345\n2025-03-04,1,122.45678901234567\n"
     b"2025-03-05,1,121.98765432109876\n2025-03-06,1,121.48765432109876\n2025-03-07,1,121.3456789012345",
     121.3456789012345, 1),  # floats written in full: a cut there is as good as whole
    (b"Ticker,Date,Close,Volume\nAAPL,2025-03-06,1.5,51200000\nAAPL,2025-03-07,1.5,48700000\n"
     b"MSFT,2025-03-06,1.5,20300000\nTINY,2025-03-07,1.5,4800", 1.5, 4800),  # another ticker's scale
    (b"Date,Close,Vol.\n2025-03-03,121.75,51.20K\n2025-03-04,122.40,48.70K\n2025-03-05,121.95,50.30K\n"
     b"2025-03-06,121.40,47.10K\n2025-03-07,121.75,1.10M", 121.75, 1100000),
    (b"Date,Close,Volume,Note\n2025-03-03,121.75,51200,ok\n2025-03-04,122.40,48700,ok\n2025-03-05,121.95,50300,ok\n"
     b"2025-03-06,121.40,47100,ok\n2025-03-07,121.75,48000,o", 121.75, 48000),  # the cut in a column not read
])
def test_a_complete_last_row_without_a_final_line_break_loads(data, close, volume):
    r = _read(data)
    assert r.file_problem is None and r.rejected_arrow.num_rows == 0
    last = r.prices_arrow.to_pylist()[-1]
    assert (last["close"], last["volume"]) == (close, volume)


VOLUMES = (b"Date,Open,High,Low,Close,Volume\n" + b"".join(
    b"2025-03-%02d,121.10,122.40,120.50,121.75,%s\n" % (3 + i, v) for i, v in enumerate(
        (b"21456789", b"48123456", b"33000111", b"29876543"))))


@pytest.mark.parametrize("others, last", [
    (VOLUMES, b"889105"),  # an illiquid stock's quiet last day: 88.9 million put back, above them all
    (VOLUMES, b"512345"),
    (VOLUMES, b"9100000"),  # one digit short: a tenth, as a quiet day or a half session can be
    (HEAD, b"4800"),
    (HEAD, b"300"),  # 30,000 .. 30,999 put back: under them all
    (HEAD, b"12"),
    (HEAD.replace(b"51200", b"1200").replace(b"48700", b"45000").replace(b"50300", b"800").replace(b"47100", b"300000"),
     b"50"),  # volumes spread over decades: no scale to judge by
    (b"\n".join(HEAD.split(b"\n")[:1] + HEAD.split(b"\n")[2:]), b"48"),  # three others: too few
])
def test_a_small_last_volume_loads_unless_it_is_the_start_of_one_like_the_others(others, last):
    r = _read(others + b"2025-03-07,121.50,122.10,120.60,121.75," + last)
    assert r.file_problem is None and r.rejected_arrow.num_rows == 0
    assert r.prices_arrow.to_pylist()[-1]["volume"] == int(last)


@pytest.mark.parametrize("last, why", [
    (b"31234", "'31234' is the start of a value like the 4 before it (21456789 .. 48123456)"),
    (b"29", "'29' is the start of a value like"),
])
def test_a_volume_cut_to_the_start_of_one_like_the_others_is_rejected(last, why):
    r = _read(VOLUMES + b"2025-03-07,121.50,122.10,120.60,121.75," + last)
    rejected = r.rejected_arrow.to_pylist()
    assert r.prices_arrow.num_rows == 4 and [x["source_line"] for x in rejected] == [6]
    assert rejected[0]["reason"].startswith("truncated:") and why in rejected[0]["reason"]


WEEKDAYS = [d for d in (date(2014, 1, 1) + timedelta(days=i) for i in range(100)) if d.weekday() < 5]
YEARS = b"Date,Close,Volume\n" + b"".join(  # volumes 1,000s at first, then 19 million: the file's life
    b"%s,61.40,%d\n" % (str(d).encode(), 1000 + i if i < 40 else 19_000_000 + 30_000 * (i - 40))
    for i, d in enumerate(WEEKDAYS[:60]))


@pytest.mark.parametrize("last, loaded", [(b"19470904", 19470904), (b"350000", 350000), (b"194709", None)])
def test_a_last_volume_of_a_long_file_is_judged_by_the_volumes_just_before_it(last, loaded):
    # Over the whole file the volumes span four decades and give no scale; the 20 before the last are steady.
    r = _read(YEARS + str(WEEKDAYS[60]).encode() + b",61.40," + last)
    assert r.prices_arrow.num_rows == 60 + (loaded is not None)
    if loaded is None:
        assert "'194709' is the start of a value like the 20 before it" in r.rejected_arrow["reason"][0].as_py()
    else:
        assert r.rejected_arrow.num_rows == 0 and r.prices_arrow.to_pylist()[-1]["volume"] == loaded


def test_a_quote_opened_mid_field_or_closed_leaves_nothing_open():
    assert open_quote('2025-03-07,48000,"12', ",", '"')
    assert open_quote('2025-03-07,"a ""b"" c', ",", '"')
    assert not open_quote('2025-03-07,"121.75"', ",", '"')
    assert not open_quote('2025-03-07,5" pipe,12', ",", '"')



DATE_LAST = (b"Close,Volume,Date\n121.75,51200,{0}\n122.40,48700,{1}\n121.95,50300,{2}\n"
             b"121.40,47100,{3}\n121.50,48000,{4}")


@pytest.mark.parametrize("dates, day", [
    (("2/24/2025", "2/25/2025", "2/26/2025", "2/27/2025", "3/3/2025"), "2025-03-03"),  # unpadded, a new month
    (("12/26/2025", "12/29/2025", "12/30/2025", "12/31/2025", "1/2/2026"), "2026-01-02"),  # and a new year
    (("September 24 2025", "September 25 2025", "September 26 2025", "September 30 2025", "October 1 2025"),
     "2025-10-01"),  # a month's name shorter than the others'
])
def test_a_complete_last_date_shorter_inside_than_the_others_loads(dates, day):
    r = _read(DATE_LAST.decode().format(*dates).encode())
    assert r.file_problem is None and r.rejected_arrow.num_rows == 0
    assert [str(d) for d in r.prices_arrow.column("date").to_pylist()][-1] == day


@pytest.mark.parametrize("dates, cut", [
    (("2/24/2025", "2/25/2025", "2/26/2025", "2/27/2025", "2/28/20"), "'2/28/20'"),  # its year cut
    (("2025-02-24", "2025-02-25", "2025-02-26", "2025-02-27", "2025-02-"), "'2025-02-'"),
    (("September 24 2025", "September 25 2025", "September 26 2025", "September 29 2025", "September 30 202"),
     "'September 30 202'"),
])
def test_a_date_cut_at_its_end_is_still_rejected_as_truncated(dates, cut):
    r = _read(DATE_LAST.decode().format(*dates).encode())
    rejected = r.rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [6]
    assert rejected[0]["reason"].startswith("truncated:") and cut in rejected[0]["reason"]


OHLC_CLOSE_LAST = (b"Date,Open,High,Low,Close\n2025-03-03,121.1,122.45,120.55,121.25\n"
                   b"2025-03-04,121.85,123.15,121.05,122.75\n2025-03-05,122.45,122.9,121.35,121.35\n"
                   b"2025-03-06,121.95,122.65,120.85,121.45\n")


@pytest.mark.parametrize("last, close", [
    (b"2025-03-07,121.55,122.15,120.65,121.5", 121.5),  # 121.50 written short, as its opens and highs are
    (b"2025-03-07,121.55,122.15,120.65,121", 121),
])
def test_a_last_price_short_of_zeros_loads_where_the_writer_drops_them_in_other_columns(last, close):
    r = _read(OHLC_CLOSE_LAST + last)
    assert r.file_problem is None and r.rejected_arrow.num_rows == 0
    assert r.prices_arrow.to_pylist()[-1]["close"] == close


def test_a_last_price_cut_in_a_file_of_fixed_decimals_in_every_column_is_still_rejected():
    fixed = OHLC_CLOSE_LAST.replace(b",121.1,", b",121.10,").replace(b",122.9,", b",122.90,")
    r = _read(fixed + b"2025-03-07,121.55,122.15,120.65,121.5")
    rejected = r.rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [6] and "'121.5' has 1 decimals" in rejected[0]["reason"]


def _long_history(rows: int, close_of) -> bytes:
    day, lines = date(1990, 1, 1), [b"Date,Volume,Close"]
    while len(lines) <= rows:
        if day.weekday() < 5:
            lines.append(b"%s,%d,%s" % (str(day).encode(), 48000 + len(lines) % 97, close_of(len(lines))))
        day += timedelta(days=1)
    return b"\n".join(lines) + b"\n"


def test_a_long_files_last_value_is_judged_by_the_rows_just_before_it_and_reads_only_those(monkeypatch):
    # Years ago the writer dropped trailing zeros ("121.5"); the last 1,200 rows are all "121.xx". Over the
    # whole file the decimals vary and the cut "121.7" had loaded; and every one of its cells, in every
    # price column, was read by a Python regex: seconds for a 16 MB file ending without a line break.
    import backintime_assets.normalisation.cut_end as cut_end
    old = _long_history(3000, lambda i: b"121.5" if i <= 1800 else b"121.%02d" % (10 + i % 80))
    reads = []
    read = cut_end._read
    monkeypatch.setattr(cut_end, "_read", lambda *a: reads.append(1) or read(*a))
    r = _read(old + b"2002-01-02,48020,121.7")
    rejected = r.rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [3002] and "'121.7' has 1 decimals" in rejected[0]["reason"]
    assert r.prices_arrow.num_rows == 3000 and len(reads) <= 2 * (cut_end.NEAR_ROWS + 1)


def test_other_columns_that_dropped_zeros_years_ago_do_not_excuse_a_cut_close_nor_do_they_now():
    # The open dropped trailing zeros ("120.5") until 1,200 rows before the end: the writer the rows near
    # the last show writes fixed decimals, and "121.7" of "121.75" is cut. Where the open drops them
    # near the end too, "121.7" is 121.70 written short and loads. (The open's decimals are read only
    # for a last value short of its column's; a read over the whole column would load the cut.)
    def history(short_open_until: int) -> bytes:
        day, lines = date(1990, 1, 1), [b"Date,Open,Close"]
        while len(lines) <= 3000:
            if day.weekday() < 5:
                i = len(lines)
                open_ = b"120.5" if i <= short_open_until and i % 2 else b"120.%02d" % (10 + i % 80)
                lines.append(b"%s,%s,121.%02d" % (str(day).encode(), open_, 10 + i % 80))
            day += timedelta(days=1)
        return b"\n".join(lines) + b"\n2002-01-02,120.25,121.7"
    rejected = _read(history(1800)).rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [3002] and "'121.7' has 1 decimals" in rejected[0]["reason"]
    loaded = _read(history(3000))
    assert loaded.rejected_arrow.num_rows == 0 and loaded.prices_arrow.to_pylist()[-1]["close"] == 121.7


@pytest.mark.parametrize("tickers", [300, 400])
def test_a_last_volume_of_many_tickers_by_date_is_judged_by_its_tickers_rows_in_the_whole_file(tickers):
    # Hundreds of tickers a day: the rows just before the last (the 1,000 a cheaper reread would start
    # from) hold three of its ticker's, too few for a scale; the five in the whole file give one. Judged
    # on those three, 48 loaded for 48,000.
    lines = [b"Ticker,Date,Close,Volume"] + [
        b"T%03d,2025-03-%02d,10.50,%d" % (t, 3 + d, 48000 + 100 * d + t) for d in range(5) for t in range(tickers)]
    r = _read(b"\n".join(lines) + b"\nT%03d,2025-03-10,10.50,48" % (tickers - 1))
    rejected = r.rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [5 * tickers + 2] and "'48' is the start of a value like the 5" \
        in rejected[0]["reason"]
    assert r.prices_arrow.num_rows == 5 * tickers


def test_a_long_files_cut_is_found_across_blank_lines_a_record_over_two_lines_and_a_nul_line():
    # The rows judged are read again from the first of them on: the records there must be the file's
    # own, line for line, where blank lines, a quoted note over two lines and a damaged line lie between.
    lines = _long_history(1500, lambda i: b"121.%02d" % (10 + i % 80)).rstrip(b"\n").split(b"\n")
    for at, text in ((1400, b""), (1200, b'"a note, written\nover two lines",,'), (900, b"\x00\x00\x00,,"),
                     (700, b"")):
        lines.insert(at, text)
    for last, cut in ((b"2005-10-03,48020,121.7", True), (b"2005-10-03,48020,121.75", False)):
        r = _read(b"\n".join(lines) + b"\n" + last)
        truncated = [x["source_line"] for x in r.rejected_arrow.to_pylist() if x["reason"].startswith("truncated")]
        assert truncated == ([1507] if cut else []) and r.prices_arrow.num_rows == 1500 + (not cut)



def test_a_last_volume_is_judged_by_its_tickers_last_twenty_volumes_however_many_blanks_lie_among_them():
    # 50 tickers a day for 100 days; T049 left its volume blank on 30 of its last 40 days, and traded
    # nothing on three. The rule reads the 20 volumes it wrote last, back past the blanks: 3 zeros in 20
    # leave a scale. A read of its last 40 rows alone finds ten, 3 of them zeros: a stock that seldom
    # trades, whose last day can be any count, and 48 for 48,000 had loaded.
    def volume(d: int, t: int) -> bytes:
        if t == 49 and d >= 60:
            return b"" if d % 4 else b"0" if d >= 88 else b"%d" % (48000 + 10 * d + t)
        return b"%d" % (48000 + 10 * d + t)
    days = [d for d in (date(2020, 1, 1) + timedelta(days=k) for k in range(150)) if d.weekday() < 5]
    lines = [b"Ticker,Date,Close,Volume"] + [
        b"T%03d,%s,10.50,%s" % (t, str(days[d]).encode(), volume(d, t)) for d in range(100) for t in range(50)]
    r = _read(b"\n".join(lines) + b"\nT049,%s,10.50,48" % str(days[100]).encode())
    rejected = r.rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [5002] and "'48' is the start of a value like the 17" \
        in rejected[0]["reason"]


HOLIDAY = (b"Date,Close,Volume\n2025-03-03,121.75,51200\n2025-03-04,122.40,48700\n2025-03-05,121.95,0\n"
           b"2025-03-06,121.40,50300\n2025-03-07,121.50,47100\n2025-03-10,121.80,49900\n")


@pytest.mark.parametrize("data, loaded", [
    (HOLIDAY + b"2025-03-11,121.75,48", None),  # 48000 cut: the holiday's 0 had switched the rule off, 48 loaded
    (HOLIDAY + b"2025-03-11,121.75,48000", 48000),
    (HOLIDAY + b"2025-03-11,121.75,12", 12),  # a quiet day: 12,000 .. 12,999 put back is under them all
    # Zeros on more than a quarter of the days: a stock that seldom trades, whose last day can be any count.
    (HOLIDAY.replace(b"49900", b"0") + b"2025-03-11,121.75,48", 48),
    (HOLIDAY.replace(b"48700", b"0").replace(b"49900", b"0") + b"2025-03-11,121.75,48", 48),
])
def test_a_zero_volume_day_is_no_evidence_of_the_scale_a_last_volume_is_judged_by(data, loaded):
    r = _read(data)
    if loaded is None:
        rejected = r.rejected_arrow.to_pylist()
        assert r.prices_arrow.num_rows == 6 and [x["source_line"] for x in rejected] == [8]
        assert rejected[0]["reason"].startswith("truncated:") and "'48' is the start of a value like" in \
            rejected[0]["reason"]
    else:
        assert r.rejected_arrow.num_rows == 0 and r.prices_arrow.num_rows == 7
        assert r.prices_arrow.to_pylist()[-1]["volume"] == loaded


@pytest.mark.parametrize("data, close, volume", [
    (HEAD + LAST[:-3] + b"  ", 121.75, 48),  # blanks after 48: the writer finished it, a cut ends where bytes stop
    (HEAD + LAST[:-3] + b"\t", 121.75, 48),
    ((HEAD + LAST[:-3] + b" ").replace(b"\n", b"\r\n"), 121.75, 48),
    (CLOSE_LAST + b"2025-03-07,48000,121.7 ", 121.7, 48000),
])
def test_a_last_value_followed_by_blanks_is_whole_and_loads(data, close, volume):
    r = _read(data)
    assert r.file_problem is None and r.rejected_arrow.num_rows == 0 and r.prices_arrow.num_rows == 5
    last = r.prices_arrow.to_pylist()[-1]
    assert (last["close"], last["volume"]) == (close, volume)


@pytest.mark.parametrize("data, why", [
    (HEAD + LAST[:-5] + b"   ", "empty where every other row has a value"),  # cut inside blanks before a value
    (CLOSE_LAST + b'2025-03-07,48000,"12 ', "a quoted value left open"),  # a quoted text can hold a blank
    # A value that holds a blank can be cut after it: "48 000" grouped by a space, "16:00" after the date.
    (b"Date;Close;Volume\n2025-03-03;121,75;51 200\n2025-03-04;122,40;48 700\n2025-03-05;121,95;50 300\n"
     b"2025-03-06;121,40;47 100\n2025-03-07;121,75;48 ", "'48' is the start of a value like"),
    (b"Close,Volume,Date\n121.75,51200,2025-03-10 16:00\n121.40,48700,2025-03-11 16:00\n"
     b"121.95,50300,2025-03-12 16:00\n121.40,47100,2025-03-13 16:00\n121.75,48000,2025-03-14 ",
     "is shorter than every other row's date"),
    (b"Date,Close,Volume\n2025-03-03,121.75,1.2 M\n2025-03-04,122.40,1.5 M\n2025-03-05,121.95,1.1 M\n"
     b"2025-03-06,121.40,1.3 M\n2025-03-07,121.75,1.2 ", "lacks the unit every other row writes"),
    # A unit written close ("1.5M") can still follow a blank on the last row ("1.2 M"): 1.2 loaded for 1.2 million.
    (b"Date,Close,Volume\n2025-03-03,121.75,1.2M\n2025-03-04,122.40,1.5M\n2025-03-05,121.95,1.1M\n"
     b"2025-03-06,121.40,1.3M\n2025-03-07,121.75,1.2 ", "lacks the unit every other row writes"),
    (b"Date,Close,Volume\n2025-03-03,121.75,51K\n2025-03-04,122.40,48K\n2025-03-05,121.95,50K\n"
     b"2025-03-06,121.40,47K\n2025-03-07,121.75,48 ", "lacks the unit every other row writes"),
])
def test_a_cut_that_can_end_in_a_blank_is_still_rejected_as_truncated(data, why):
    r = _read(data)
    rejected = r.rejected_arrow.to_pylist()
    assert r.prices_arrow.num_rows == 4 and len(rejected) == 1
    assert rejected[0]["reason"].startswith("truncated:") and why in rejected[0]["reason"], rejected


DAY_LIST = (b"Ticker,Open,High,Low,Close,Volume\nAAA,10.1,10.5,9.9,10.2,1234500\nBBB,20.1,20.5,19.9,20.2,345600\n"
            b"CCC,5.1,5.5,4.9,5.2,98700\nDDD,50.1,50.5,49.9,50.2,5612300\n")


def _read_day(data: bytes):
    return normalise_bytes(data, detect_bytes(data, "daily_2025-03-07.csv"), "daily_2025-03-07.csv")


@pytest.mark.parametrize("last, shorter", [(b"12", 3), (b"123", 2), (b"1", 4)])
def test_a_days_list_cut_inside_its_last_tickers_volume_is_rejected_as_truncated(last, shorter):
    # A day's file of one row a ticker copied short: ZZZ's 12,345 cut to 12 had loaded 12 (its only row:
    # no days of its own to give the volume's scale).
    r = _read_day(DAY_LIST + b"ZZZ,10.5,10.7,10.1,10.4," + last)
    rejected = r.rejected_arrow.to_pylist()
    assert [x["source_line"] for x in rejected] == [6]
    assert rejected[0]["reason"].startswith("truncated: the file ends inside this line")
    assert f"is {shorter} digits shorter than every other ticker's volume, 4 of them (98700 .. 5612300)" \
        in rejected[0]["reason"]
    assert r.prices_arrow.num_rows == 4 and "ZZZ" not in r.prices_arrow.column("ticker").to_pylist()


@pytest.mark.parametrize("data", [
    DAY_LIST + b"ZZZ,10.5,10.7,10.1,10.4,12345",  # complete, no final line break: loads
    DAY_LIST + b"ZZZ,10.5,10.7,10.1,10.4,1234",  # one digit short of the fewest: a quiet stock's day, not a cut
    DAY_LIST + b"ZZZ,10.5,10.7,10.1,10.4,12\n",  # a line break after it: the file ends where it was written
    # A thin market: two of six tickers untraded, its four others' volumes enough to be a scale otherwise.
    DAY_LIST + b"EEE,1.0,1.0,1.0,1.0,0\nFFF,2.0,2.0,2.0,2.0,0\n" + b"ZZZ,10.5,10.7,10.1,10.4,12",
    DAY_LIST.replace(b"98700\n", b"98700\nEEE,1.0,1.0,1.0,1.0,300\n") + b"ZZZ,10.5,10.7,10.1,10.4,12",
])
def test_a_days_list_whose_last_volume_is_within_its_tickers_range_loads(data):
    r = _read_day(data)
    assert r.rejected_arrow.num_rows == 0
    assert "ZZZ" in r.prices_arrow.column("ticker").to_pylist()
