from datetime import date, datetime, timezone

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes
from backintime_assets.normalisation.day_snapshot import SNAPSHOT
from backintime_assets_tests.support.calendar import weekdays
from backintime_assets_tests.support.workbooks import xlsx


def _load(lines: list[str], name: str = "coin.csv"):
    data = ("\n".join(lines) + "\n").encode()
    return normalise_bytes(data, detect_bytes(data, name), name)


def _stamped(days: list[date], times: list[str], header: str = "Date,Close Price") -> list[str]:
    return [header] + [f"{d} {t},{1000 + 10 * k}.5" for k, (d, t) in enumerate(zip(days, times))]


def _closes(result) -> dict[date, float]:
    return {r["date"]: r["close"] for r in result.prices_arrow.to_pylist()}


def test_an_export_ending_on_its_own_moment_rejects_that_row_not_loads_it_as_the_close():
    # CoinDesk's "Date,Close Price": each day at 0:00, the day of the export at the moment it was taken.
    days = weekdays(date(2017, 11, 6), 20)
    result = _load(_stamped(days, ["0:00"] * 19 + ["14:52"]))
    closes = _closes(result)
    assert days[-1] not in closes and len(closes) == 19
    assert closes[days[-2]] == 1180.5
    rejected = result.rejected_arrow.to_pylist()
    assert [(r["source_line"], r["reason"]) for r in rejected] == [(21, SNAPSHOT.format(at="14:52"))]


def test_newest_first_the_snapshot_is_the_first_row():
    days = weekdays(date(2017, 11, 6), 20)
    lines = _stamped(days, ["0:00"] * 19 + ["09:05"])
    result = _load([lines[0]] + lines[:0:-1])
    assert days[-1] not in _closes(result) and result.prices_arrow.num_rows == 19


def test_a_file_stamped_at_the_close_keeps_an_early_close_as_its_last_row():
    # Daily closes stamped 16:00; the day after Thanksgiving closed at 13:00: a real close.
    days = weekdays(date(2023, 10, 27), 20)
    result = _load(_stamped(days, ["16:00"] * 19 + ["13:00"], header="Date,Close"))
    assert result.prices_arrow.num_rows == 20


def test_plain_dates_with_a_time_written_on_the_last_row_are_left_as_they_are():
    days = weekdays(date(2024, 1, 1), 12)
    lines = ["Date,Close"] + [f"{d},{50 + k}.25" for k, d in enumerate(days[:-1])] + [f"{days[-1]} 10:31,61.25"]
    result = _load(lines, "log.csv")
    assert _closes(result)[days[-1]] == 61.25


def test_a_row_off_midnight_amid_the_file_and_a_short_file_are_left_as_they_are():
    days = weekdays(date(2024, 1, 1), 12)
    middle = _load(_stamped(days, ["0:00"] * 5 + ["14:52"] + ["0:00"] * 6))
    assert middle.prices_arrow.num_rows == 12
    short = _load(_stamped(days[:5], ["0:00"] * 4 + ["14:52"]))
    assert short.prices_arrow.num_rows == 5


def test_a_stamp_in_the_days_last_minute_marks_its_end():
    days = weekdays(date(2024, 1, 1), 12)
    result = _load(_stamped(days, ["00:00:00"] * 11 + ["23:59:59"]))
    assert result.prices_arrow.num_rows == 12


def _epochs(stamps: list[datetime], header: str = "time,close") -> list[str]:
    return [header] + [f"{int(s.replace(tzinfo=timezone.utc).timestamp())},{100 + k}.5" for k, s in enumerate(stamps)]


def test_a_london_midnight_in_utc_moved_by_summer_time_is_the_days_close():
    # London's midnight in UTC epochs: 00:00 in winter, 23:00 the day before from 31 March 2024. The
    # file's last row, Sunday 23:00, is read as Monday 1 April's session: its close, no snapshot.
    days = [d for d in weekdays(date(2024, 2, 29), 22) if d <= date(2024, 3, 29)][-20:]
    stamps = [datetime(d.year, d.month, d.day) for d in days] + [datetime(2024, 3, 31, 23)]
    result = _load(_epochs(stamps), "ftse.csv")
    assert _closes(result)[date(2024, 4, 1)] == 120.5
    assert result.rejected_arrow.num_rows == 0


def test_a_coins_sunday_evening_snapshot_read_as_monday_is_still_a_snapshot():
    # Moved to Monday's session by its evening stamp, the price at 20:30 on Sunday is no close of Monday.
    days = weekdays(date(2023, 12, 20), 26)
    stamps = [datetime(d.year, d.month, d.day) for d in days if d < date(2024, 1, 28)] + [datetime(2024, 1, 28, 20, 30)]
    result = _load(_epochs(stamps), "coin.csv")
    assert date(2024, 1, 29) not in _closes(result)
    assert result.rejected_arrow.to_pylist()[-1]["reason"] == SNAPSHOT.format(at="20:30")


def test_each_tickers_newest_row_is_judged_not_the_files_newest():
    # Two coins by date, BTC's export a day behind ETH's: BTC's newest row, a day before the file's
    # newest, is its snapshot. Judging the file's newest row alone (ETH's, at midnight) loaded it.
    days = weekdays(date(2017, 11, 6), 21)
    lines = ["Date,Ticker,Close"]
    for k, d in enumerate(days):
        lines.append(f"{d} 0:00,ETH,{300 + k}.5")
        if k < 20:
            lines.append(f"{d} {'14:52' if k == 19 else '0:00'},BTC,{7000 + k}.5")
    result = _load(lines)
    rejected = result.rejected_arrow.to_pylist()
    assert [(r["source_line"], r["reason"]) for r in rejected] == [(41, SNAPSHOT.format(at="14:52"))]
    loaded = result.prices_arrow.to_pylist()
    assert len(loaded) == 40 and {r["ticker"] for r in loaded if r["date"] == days[19]} == {"ETH"}


def _book(rows: list[list], name: str = "coin.xlsx"):
    data = xlsx({"Sheet1": rows})
    return normalise_bytes(data, detect_bytes(data, name), name)


def test_a_workbooks_date_cells_at_midnight_are_stamped_so_its_snapshot_is_refused():
    # The CoinDesk export saved as .xlsx: its days are date cells at midnight, which read as the date
    # alone ("2017-12-04"); read so, as plain dates with one time, its 14:52 snapshot loaded as the close.
    days = weekdays(date(2017, 11, 6), 20)
    stamps = [datetime(d.year, d.month, d.day) for d in days[:-1]] + [datetime(2017, 12, 1, 14, 52)]
    result = _book([["Date", "Close Price"]] + [[s, 1000 + 10 * k + 0.5] for k, s in enumerate(stamps)])
    closes = _closes(result)
    assert days[-1] not in closes and len(closes) == 19 and closes[days[-2]] == 1180.5
    assert result.rejected_arrow.column("reason").to_pylist() == [SNAPSHOT.format(at="14:52")]


def test_a_workbook_stamped_at_the_close_or_timed_amid_its_rows_keeps_every_row():
    days = weekdays(date(2023, 10, 27), 20)
    at = [16] * 19 + [13]  # the day after Thanksgiving closed at 13:00: a real close
    closed = _book([["Date", "Close"]] + [[datetime(d.year, d.month, d.day, h), 50.25 + k] for k, (d, h)
                                           in enumerate(zip(days, at))])
    assert closed.prices_arrow.num_rows == 20
    hours = [0] * 5 + [14] + [0] * 14  # a time typed amid the rows: not the export's moment
    amid = _book([["Date", "Close"]] + [[datetime(d.year, d.month, d.day, h), 50.25 + k] for k, (d, h)
                                         in enumerate(zip(days, hours))])
    assert amid.prices_arrow.num_rows == 20


def test_a_workbooks_dates_typed_as_text_are_read_as_a_csvs_so_a_logs_timed_last_row_loads():
    # A hand-kept log whose dates are text cells ("2024-05-01" typed, not a date cell): no midnight
    # stamp, as in its CSV; its last row's time written by hand ("2024-05-03 10:31") is kept as a
    # log's. Read as date cells at midnight, that day's price had been refused as a snapshot.
    days = weekdays(date(2024, 4, 4), 22)
    cells = [d.isoformat() for d in days[:-1]] + [f"{days[-1].isoformat()} 10:31"]
    result = _book([["Date", "Close"]] + [[c, 50.25 + k] for k, c in enumerate(cells)])
    closes = _closes(result)
    assert len(closes) == 22 and closes[days[-1]] == 50.25 + 21
    assert result.rejected_arrow.num_rows == 0
    # Date cells beside a text note reading as a date (an ex-date "2024-03-15"): still stamped at midnight.
    stamps = [datetime(d.year, d.month, d.day) for d in days[:-1]] + [datetime(2024, 5, 3, 14, 52)]
    noted = _book([["Date", "Close", "Note"]] + [[s, 50.25 + k, "2024-03-15"] for k, s in enumerate(stamps)])
    assert days[-1] not in _closes(noted)
    assert noted.rejected_arrow.column("reason").to_pylist() == [SNAPSHOT.format(at="14:52")]


def _midnights(days: list[date]) -> list[datetime]:
    return [datetime(d.year, d.month, d.day) for d in days]


def test_a_workbooks_later_sheets_date_cells_are_stamped_on_their_own_rows():
    # The reader tells each sheet's date cells at midnight by their row on that sheet: a cover sheet before,
    # a title and a blank row above the header, a blank row amid the days must not move them off the rows
    # they stamp. Moved (the sheet's place forgotten, or a row early), the last days read as plain
    # dates and the 14:52 snapshot on the last sheet loaded as the close.
    days = weekdays(date(2017, 10, 2), 30)
    stamps = _midnights(days[:-1]) + [datetime(days[-1].year, days[-1].month, days[-1].day, 14, 52)]
    rows = [[s, 1000 + 10 * k + 0.5] for k, s in enumerate(stamps)]
    data = xlsx({"Cover": [["Bitcoin prices"], ["Exported by", "CoinDesk"], ["Rows", 30]],
                 "Oct": [["October"], [], ["Date", "Close Price"]] + rows[:15],
                 "Nov": [["November"], [], ["Date", "Close Price"]] + rows[15:22] + [[]] + rows[22:]})
    result = normalise_bytes(data, detect_bytes(data, "coin.xlsx"), "coin.xlsx")
    closes = _closes(result)
    assert days[-1] not in closes and len(closes) == 29 and closes[days[-2]] == 1000 + 10 * 28 + 0.5
    assert result.rejected_arrow.column("reason").to_pylist() == [SNAPSHOT.format(at="14:52")]


def test_a_workbooks_text_dates_on_another_sheet_are_no_stamps_in_any_format():
    # A kept archive of text dates ("02.10.2017", restated to the table's ISO days as the sheet is read:
    # restate.py) under an export's recent date cells is a hand-kept log's as a CSV's is, as an archive of
    # text "2017-10-02" was already: the newest row's time is kept, not refused as a snapshot. Its
    # restated cells had been taken for date cells at midnight and the 14:52 row refused.
    days = weekdays(date(2017, 10, 2), 30)
    recent = _midnights(days[24:-1]) + [datetime(days[-1].year, days[-1].month, days[-1].day, 14, 52)]
    head = [["Date", "Close Price"]]
    for archive in ([d.strftime("%d.%m.%Y") for d in days[:24]], [d.isoformat() for d in days[:24]]):
        data = xlsx({"Recent": head + [[s, 2000.5 + k] for k, s in enumerate(recent)],
                     "Archive": head + [[c, 1000.5 + k] for k, c in enumerate(archive)]})
        result = normalise_bytes(data, detect_bytes(data, "coin.xlsx"), "coin.xlsx")
        closes = _closes(result)
        assert len(closes) == 30 and closes[days[-1]] == 2005.5 and closes[days[0]] == 1000.5
        assert result.rejected_arrow.num_rows == 0
    # Both sheets of date cells at midnight: the snapshot is refused, whichever sheet the days are on.
    data = xlsx({"Recent": head + [[s, 2000.5 + k] for k, s in enumerate(recent)],
                 "Archive": head + [[s, 1000.5 + k] for k, s in enumerate(_midnights(days[:24]))]})
    result = normalise_bytes(data, detect_bytes(data, "coin.xlsx"), "coin.xlsx")
    assert days[-1] not in _closes(result) and len(_closes(result)) == 29
    assert result.rejected_arrow.column("reason").to_pylist() == [SNAPSHOT.format(at="14:52")]
