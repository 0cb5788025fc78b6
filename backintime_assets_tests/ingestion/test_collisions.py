import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc

from backintime_assets.ingestion.collisions import recency_priorities, settle

D1, D2 = dt.date(2025, 2, 10), dt.date(2025, 2, 11)


def _rows(*rows, volume=None):
    """(date, ticker, close, priority, file, line) -> a loaded-rows table."""
    return pa.table({
        "date": pa.array([r[0] for r in rows], pa.date32()),
        "ticker": [r[1] for r in rows],
        "sector": ["TECH"] * len(rows),
        **{c: pa.array([float(r[2]) for r in rows]) for c in ("open", "high", "low", "close", "adj_close")},
        "volume": pa.array(volume or [100.0] * len(rows), pa.float64()),
        "priority": pa.array([r[3] for r in rows], pa.int64()),
        "source_file": [r[4] for r in rows],
        "source_line": pa.array([r[5] for r in rows], pa.int64()),
    })


def test_no_collision_keeps_every_row_sorted_by_date_and_ticker():
    winners, losers = settle(_rows((D2, "B", 1, 0, "a", 2), (D1, "B", 1, 0, "a", 3), (D1, "A", 1, 0, "a", 4)))
    assert list(zip(winners["date"].to_pylist(), winners["ticker"].to_pylist())) == [(D1, "A"), (D1, "B"), (D2, "B")]
    assert losers.num_rows == 0


def test_newest_file_wins_and_losers_say_duplicate_or_conflict():
    winners, losers = settle(_rows(
        (D1, "A", 10, 1, "old.csv", 2),   # same values as the winner -> duplicate
        (D1, "A", 10, 0, "new.csv", 5),
        (D1, "B", 11, 1, "old.csv", 3),   # differs from the winner -> conflict
        (D1, "B", 12, 0, "new.csv", 6),
        (D1, "B", 13, 2, "older.csv", 9),
        (D2, "A", 10, 1, "old.csv", 4),   # alone on its date: kept although its file is older
    ))
    assert winners.select(["ticker", "source_file", "source_line"]).to_pylist() == [
        {"ticker": "A", "source_file": "new.csv", "source_line": 5},
        {"ticker": "B", "source_file": "new.csv", "source_line": 6},
        {"ticker": "A", "source_file": "old.csv", "source_line": 4},
    ]
    reasons = {(r["source_file"], r["source_line"]): r["reason"] for r in losers.to_pylist()}
    assert reasons == {
        ("old.csv", 2): "duplicate of new.csv:5",
        ("old.csv", 3): "conflict: superseded by new.csv:6 (a more recently modified file)",
        ("older.csv", 9): "conflict: superseded by new.csv:6 (a more recently modified file)",
    }
    raw = {r["source_line"]: r["raw"] for r in losers.to_pylist()}
    assert raw[3] == "2025-02-10,B,TECH,11,11,11,11,11,100"
    assert losers["date"].to_pylist() == [D1, D1, D1]


def test_ties_in_priority_go_to_the_file_then_line_that_sorts_first():
    winners, losers = settle(_rows((D1, "A", 1, 0, "b.csv", 1), (D1, "A", 1, 0, "a.csv", 7),
                                   (D1, "A", 2, 0, "a.csv", 3)))
    assert winners.select(["source_file", "source_line"]).to_pylist() == [{"source_file": "a.csv", "source_line": 3}]
    assert sorted(losers["reason"].to_pylist()) == [
        "conflict: superseded by a.csv:3 (a file modified at the same time, its path sorting first)",
        "conflict: superseded by a.csv:3 (the file's first row of the day)"]


def test_a_winner_of_one_age_whose_path_sorts_after_the_loser_won_by_a_yield_and_its_reason_says_so():
    # a.csv (no volume) yields to b.csv's same bar with one; ab.csv, a correction of the same age, loses to
    # b.csv although its path sorts first: its reason had said b.csv won by sorting first.
    _, losers = settle(_rows((D1, "A", 10, 0, "a.csv", 2), (D1, "A", 10, 0, "b.csv", 2), (D1, "A", 11, 0, "ab.csv", 2),
                             volume=[None, 500.0, 500.0]))
    reasons = {r["source_file"]: r["reason"] for r in losers.to_pylist()}
    assert reasons == {"a.csv": "duplicate of b.csv:2", "ab.csv": (
        "conflict: superseded by b.csv:2 (an older file's row, to which a newer copy of the bar yields: its volume "
        "known or in full, its prices in the series' unit)")}


def test_files_modified_at_one_time_share_a_priority_and_a_conflict_says_the_path_decided():
    t0, t1 = dt.datetime(2025, 2, 11, 9, 0, 5), dt.datetime(2025, 2, 11, 9, 0, 9)
    priorities = recency_priorities([t0, t1, t0])  # an upload's times, to the second: two files tie
    assert priorities == [1, 0, 1]
    _, losers = settle(_rows((D1, "A", 10, priorities[0], "desk/a.csv", 2),
                             (D1, "A", 11, priorities[2], "desk/b.csv", 2)))
    assert losers["reason"].to_pylist() == [
        "conflict: superseded by desk/a.csv:2 (a file modified at the same time, its path sorting first)"]


def test_empty_input():
    winners, losers = settle(_rows())
    assert winners.num_rows == 0 and losers.num_rows == 0


def test_settling_among_some_rows_settles_those_rows_alone():
    import numpy as np

    rows = _rows((D1, "A", 10, 1, "old.csv", 2), (D1, "A", 99, 0, "skipped.csv", 1), (D1, "A", 11, 0, "new.csv", 5),
                 (D1, "B", 12, 0, "new.csv", 6), (D2, "A", 10, 1, "old.csv", 4), (D1, None, 0, 0, "skipped.csv", 9))
    among = np.array([True, False, True, True, True, False])
    winners, losers = settle(rows, among=among)
    alone_winners, alone_losers = settle(rows.filter(among))
    assert winners.equals(alone_winners) and losers.equals(alone_losers)
    assert losers.select(["source_file", "reason"]).to_pylist() == [
        {"source_file": "old.csv", "reason": "conflict: superseded by new.csv:5 (a more recently modified file)"}]
    assert settle(rows, among=np.zeros(6, dtype=bool))[0].num_rows == 0


def test_files_differing_only_in_a_fractional_volume_conflict():
    # Two exports of a coin's day, 0.5 and 0.4 traded: rounded to 0 both, the older had been
    # "duplicate of" the newer, one source's volume lost as equal to the other's.
    winners, losers = settle(_rows((D1, "BTC", 42000, 1, "old.csv", 2), (D1, "BTC", 42000, 0, "new.csv", 2),
                                   (D2, "BTC", 43000, 1, "old.csv", 3), (D2, "BTC", 43000, 0, "new.csv", 3),
                                   volume=[0.4, 0.5, 0.0213, 0.0213]))
    assert winners["volume"].to_pylist() == [0.5, 0.0213]
    assert losers["reason"].to_pylist() == [
        "conflict: superseded by new.csv:2 (a more recently modified file)", "duplicate of new.csv:3"]
    assert losers["raw"].to_pylist()[0].endswith(",0.4")


def test_a_row_without_volume_yields_to_the_same_prices_with_one():
    # A close-only feed (newer) beside a full export (older) of the same listing: the newer row won
    # and the volume was lost, though it claims no other. With other prices the newer row still
    # wins (a correction), and a NULL loser beside a known volume is a duplicate.
    winners, losers = settle(_rows(
        (D1, "A", 10, 0, "close_only.csv", 2), (D1, "A", 10, 1, "full.csv", 2), (D1, "A", 10, 2, "older.csv", 2),
        (D2, "A", 11, 0, "close_only.csv", 3), (D2, "A", 10, 1, "full.csv", 3),
        (D1, "B", 10, 0, "full.csv", 4), (D1, "B", 10, 1, "close_only.csv", 4),
        (D2, "B", 10, 0, "close_only.csv", 5), (D2, "B", 10, 1, "zero.csv", 5),
        volume=[None, 1200.0, 1300.0, None, 1500.0, 900.0, None, None, 0.0]))
    assert winners.select(["date", "ticker", "volume", "source_file"]).to_pylist() == [
        {"date": D1, "ticker": "A", "volume": 1200.0, "source_file": "full.csv"},
        {"date": D1, "ticker": "B", "volume": 900.0, "source_file": "full.csv"},
        {"date": D2, "ticker": "A", "volume": None, "source_file": "close_only.csv"},
        {"date": D2, "ticker": "B", "volume": 0.0, "source_file": "zero.csv"},  # a written 0 is a volume
    ]
    reasons = {(r["source_file"], r["source_line"]): r["reason"] for r in losers.to_pylist()}
    assert reasons == {
        ("close_only.csv", 2): "duplicate of full.csv:2",
        ("older.csv", 2): "conflict: superseded by full.csv:2 (a more recently modified file)",  # 1300 against 1200
        ("full.csv", 3): "conflict: superseded by close_only.csv:3 (a more recently modified file)",
        ("close_only.csv", 4): "duplicate of full.csv:4",
        ("close_only.csv", 5): "duplicate of zero.csv:5",
    }
    assert dict(zip(losers["source_line"].to_pylist(), losers["raw"].to_pylist()))[4].endswith(",10,")


def test_two_rows_without_volume_are_duplicates():
    winners, losers = settle(_rows((D1, "A", 10, 1, "a.csv", 2), (D1, "A", 10, 0, "b.csv", 2), volume=[None, None]))
    assert winners["volume"].to_pylist() == [None]
    assert losers["reason"].to_pylist() == ["duplicate of b.csv:2"]


def test_a_row_without_volume_keeps_its_place_against_a_later_row_of_its_own_file():
    # A large file read in pieces (ingestion/parsed.py) leaves a row repeated in two pieces to this
    # settlement: read whole, its first row (no volume) is kept and the later one with a volume is a
    # "conflicting duplicate"; read in pieces, the later row had won, so the row the lake held
    # depended on the size of the pieces. Another file's row with the volume still wins.
    winners, losers = settle(_rows(
        (D1, "A", 10, 0, "big.csv", 2), (D1, "A", 10, 0, "big.csv", 90002),
        (D2, "A", 10, 0, "big.csv", 3), (D2, "A", 10, 0, "big.csv", 90003), (D2, "A", 10, 1, "full.csv", 7),
        volume=[None, 1200.0, None, 1200.0, 1300.0]))
    assert winners.select(["date", "volume", "source_file", "source_line"]).to_pylist() == [
        {"date": D1, "volume": None, "source_file": "big.csv", "source_line": 2},
        {"date": D2, "volume": 1300.0, "source_file": "full.csv", "source_line": 7},
    ]
    assert dict(zip(losers["source_line"].to_pylist(), losers["reason"].to_pylist())) == {
        # as read whole: "conflicting duplicate of line 2"
        90002: "conflict: superseded by big.csv:2 (the file's first row of the day)",
        3: "duplicate of full.csv:7",
        90003: "conflict: superseded by full.csv:7 (an older file's row, to which a newer copy of the bar yields: "
               "its volume known or in full, its prices in the series' unit)",
    }


def test_a_volume_in_thousands_unsaid_yields_to_the_same_bar_in_full():
    # A desk's re-export writes its volumes in thousands and says so nowhere: read as shares, the
    # newer file won with every volume 1,000 times too small, and the full count was rejected as a
    # conflict. The same prices with the volume in full say all the copy does, and more.
    winners, losers = settle(_rows(
        (D1, "A", 10, 0, "thousands.csv", 2), (D1, "A", 10, 1, "full.csv", 2),
        (D2, "A", 11, 0, "thousands.csv", 3), (D2, "A", 11, 1, "full.csv", 3),
        (D1, "B", 10, 0, "millions.csv", 4), (D1, "B", 10, 1, "full.csv", 4),
        (D2, "B", 12, 0, "thousands.csv", 5), (D2, "B", 10, 1, "full.csv", 5),  # another close: a correction
        (D1, "C", 10, 0, "new.csv", 6), (D1, "C", 10, 1, "old.csv", 6),  # 21.3 is no 21,785,791 in millions
        volume=[21786.0, 21785791.0, 1201.5, 1201500.0, 21.79, 21785791.0, 5.0, 5000.0, 21.3, 21785791.0]))
    assert winners.select(["date", "ticker", "volume", "source_file"]).to_pylist() == [
        {"date": D1, "ticker": "A", "volume": 21785791.0, "source_file": "full.csv"},
        {"date": D1, "ticker": "B", "volume": 21785791.0, "source_file": "full.csv"},
        {"date": D1, "ticker": "C", "volume": 21.3, "source_file": "new.csv"},
        {"date": D2, "ticker": "A", "volume": 1201500.0, "source_file": "full.csv"},
        {"date": D2, "ticker": "B", "volume": 5.0, "source_file": "thousands.csv"},
    ]
    reasons = {(r["source_file"], r["source_line"]): r["reason"] for r in losers.to_pylist()}
    assert reasons == {
        ("thousands.csv", 2): "duplicate of full.csv:2, its volume in thousands",
        ("thousands.csv", 3): "duplicate of full.csv:3, its volume in thousands",
        ("millions.csv", 4): "duplicate of full.csv:4, its volume in millions",
        ("full.csv", 5): "conflict: superseded by thousands.csv:5 (a more recently modified file)",
        ("old.csv", 6): "conflict: superseded by new.csv:6 (a more recently modified file)",
    }


def test_a_volume_in_thousands_already_losing_says_so():
    winners, losers = settle(_rows((D1, "A", 10, 0, "full.csv", 2), (D1, "A", 10, 1, "thousands.csv", 2),
                                   volume=[21785791.0, 21786.0]))
    assert winners["source_file"].to_pylist() == ["full.csv"]
    assert losers["reason"].to_pylist() == ["duplicate of full.csv:2, its volume in thousands"]


def test_beside_copies_in_millions_and_in_thousands_the_row_in_full_wins():
    # The newest file in millions, an older one in thousands, the oldest in full: the one in thousands
    # had won (the first loser that was the winner's in thousands), its volume 1,000 times too small.
    winners, losers = settle(_rows((D1, "A", 10, 0, "millions.csv", 2), (D1, "A", 10, 1, "thousands.csv", 2),
                                   (D1, "A", 10, 2, "full.csv", 2), volume=[21.79, 21786.0, 21785791.0]))
    assert winners.select(["source_file", "volume"]).to_pylist() == [{"source_file": "full.csv", "volume": 21785791.0}]
    assert {r["source_file"]: r["reason"] for r in losers.to_pylist()} == {
        "millions.csv": "duplicate of full.csv:2, its volume in millions",
        "thousands.csv": "duplicate of full.csv:2, its volume in thousands",
    }


def test_a_small_volume_in_thousands_rounded_up_to_1_yields_too():
    # 635 shares written in thousands are 1: the copy had kept that day's volume of 1, beside its other
    # days' settled in full (the pair probe's MetaTrader gold, a Christmas session's thin volume).
    winners, losers = settle(_rows((D1, "A", 10, 0, "thousands.csv", 2), (D1, "A", 10, 1, "full.csv", 2),
                                   (D2, "A", 10, 0, "thousands.csv", 3), (D2, "A", 10, 1, "full.csv", 3),
                                   volume=[1.0, 635.0, 1.0, 499.0]))
    assert winners.select(["source_file", "volume"]).to_pylist() == [
        {"source_file": "full.csv", "volume": 635.0}, {"source_file": "thousands.csv", "volume": 1.0}]
    assert [r["reason"] for r in losers.to_pylist()] == [
        "duplicate of full.csv:2, its volume in thousands",
        "conflict: superseded by thousands.csv:3 (a more recently modified file)"]


def test_a_copy_in_thousands_shown_on_one_day_yields_its_counts_rounded_to_0_too():
    # The pair probe's thin listing: a re-export in thousands writes 120 and 480 shares as 0. Its 1,900
    # written 2 shows the copy's unit; its 0s had won as the newest file, beside the counts in full.
    D3 = dt.date(2025, 2, 12)
    winners, losers = settle(_rows((D1, "A", 10, 0, "thousands.csv", 2), (D1, "A", 10, 1, "full.csv", 2),
                                   (D2, "A", 11, 0, "thousands.csv", 3), (D2, "A", 11, 1, "full.csv", 3),
                                   (D3, "A", 12, 0, "thousands.csv", 4), (D3, "A", 12, 1, "full.csv", 4),
                                   volume=[2.0, 1900.0, 0.0, 120.0, 0.0, 480.0]))
    assert winners.select(["source_file", "volume"]).to_pylist() == [
        {"source_file": "full.csv", "volume": 1900.0}, {"source_file": "full.csv", "volume": 120.0},
        {"source_file": "full.csv", "volume": 480.0}]
    assert [r["reason"] for r in losers.to_pylist()] == [
        f"duplicate of full.csv:{n}, its volume in thousands" for n in (2, 3, 4)]


def test_a_0_beside_a_count_with_no_copy_in_thousands_shown_is_a_conflict_the_newest_wins():
    # Alone, a 0 may be a desk's word for no count (or a correction): the documented policy stands.
    winners, losers = settle(_rows((D1, "A", 10, 0, "new.csv", 2), (D1, "A", 10, 1, "old.csv", 2),
                                   (D2, "A", 11, 0, "other.csv", 3), (D2, "A", 11, 1, "old.csv", 3),
                                   (D2, "A", 11, 2, "thousands.csv", 3),
                                   volume=[0.0, 120.0, 0.0, 120.0, 2.0]))
    assert winners["source_file"].to_pylist() == ["new.csv", "other.csv"]
    assert [r["reason"] for r in losers.to_pylist()] == [
        "conflict: superseded by new.csv:2 (a more recently modified file)",
        "conflict: superseded by other.csv:3 (a more recently modified file)",
        "conflict: superseded by other.csv:3 (a more recently modified file)"]


def test_a_bar_in_pence_yields_to_the_same_in_pounds_of_the_file_of_more_days():
    # A newer copy of the last day in pence beside the history in pounds: the newest had won, 100 times
    # the pounds around it. Of a correction the newest still wins (D2's 12.5 beside 11).
    winners, losers = settle(_rows((D1, "A", 1000, 0, "pence.csv", 2), (D1, "A", 10, 1, "pounds.csv", 2),
                                   (D2, "A", 12.5, 0, "fixed.csv", 3), (D2, "A", 11, 1, "pounds.csv", 3)),
                             file_days={"pence.csv": 1, "pounds.csv": 250, "fixed.csv": 1})
    assert winners.select(["close", "source_file"]).to_pylist() == [
        {"close": 10.0, "source_file": "pounds.csv"}, {"close": 12.5, "source_file": "fixed.csv"}]
    assert [r["reason"] for r in losers.to_pylist()] == [
        "duplicate of pounds.csv:2, its prices in hundredths (pence, cents) of that one's unit",
        "conflict: superseded by fixed.csv:3 (a more recently modified file)"]


def test_a_bar_in_pounds_yields_to_the_history_in_pence_and_without_days_known_the_rows_settled_tell():
    winners, losers = settle(_rows((D1, "A", 10, 0, "pounds.csv", 2), (D1, "A", 1000, 1, "pence.csv", 2),
                                   (D2, "A", 1100, 1, "pence.csv", 3)))
    assert winners["source_file"].to_pylist() == ["pence.csv", "pence.csv"]
    assert losers["reason"].to_pylist() == [
        "duplicate of pence.csv:2, its prices in the unit that one's are hundredths of"]


def _daily_archive_and_a_download_in_pence(days):
    """A daily archive in pounds (one newer file a day, VOD and BP) and an older download of VOD's days
    2-4 in pence."""
    d = [dt.date(2025, 2, 3 + k) for k in range(5)]
    rows = [(d[k], t, p + k / 100, 0, f"daily_{k}.csv", line) for k in days
            for t, p, line in (("VOD", 1.10, 2), ("BP", 4.5, 3))]
    rows += [(d[k], "VOD", round(110 + k, 6), 1, "vod_gbx.csv", k) for k in (2, 3, 4)]
    file_days = {**{f"daily_{k}.csv": 1 for k in range(5)}, "vod_gbx.csv": 3}
    return settle(_rows(*rows), file_days=file_days)


def test_a_download_in_pence_does_not_win_over_a_daily_archive_in_pounds_by_its_days():
    # Each archive file holds one day: the download's three had won it the days it holds, 100 times the
    # archive's pounds around them, where the newest (the archive) had kept them right.
    winners, losers = _daily_archive_and_a_download_in_pence(range(5))
    assert winners.filter(pc.equal(winners["ticker"], "VOD"))["source_file"].to_pylist() == [
        f"daily_{k}.csv" for k in range(5)]
    assert set(losers["reason"].to_pylist()) == {
        f"duplicate of daily_{k}.csv:2, its prices in hundredths (pence, cents) of that one's unit" for k in (2, 3, 4)}
    # The days the download holds alone (a run of those days): a file of one day tells no series, the newest wins.
    winners, _ = _daily_archive_and_a_download_in_pence((2, 3, 4))
    assert winners.filter(pc.equal(winners["ticker"], "VOD"))["source_file"].to_pylist() == [
        "daily_2.csv", "daily_3.csv", "daily_4.csv"]


def _settled_by_the_full_sort(rows, among=None):
    from unittest import mock

    with mock.patch("backintime_assets.ingestion.collisions._keyed_order", return_value=None):
        return settle(rows, among=among)


def test_rows_of_distinct_days_and_tickers_settle_as_the_full_sort_orders_them():
    """The shortcut for buckets where nothing collides orders tickers by their bytes, as the sort
    of every key does (capitals before small letters, accents after), days first."""
    import numpy as np

    rows = _rows((D2, "b", 1, 3, "z.csv", 9), (D1, "É", 2, 0, "a.csv", 1), (D1, "B", 3, 2, "b.csv", 4),
                 (D2, "A", 4, 0, "a.csv", 2), (D1, "a", 5, 1, "c.csv", 7), (D1, "B.L", 6, 0, "a.csv", 3),
                 (D1, "B", 7, 0, "x.csv", 8))  # the last one's day and ticker repeat the third's...
    among = np.array([True, True, True, True, True, True, False])  # ...but it is not settled here
    winners, losers = settle(rows, among=among)
    assert winners.equals(_settled_by_the_full_sort(rows, among)[0]) and losers.num_rows == 0
    assert list(zip(winners["date"].to_pylist(), winners["ticker"].to_pylist())) == [
        (D1, "B"), (D1, "B.L"), (D1, "a"), (D1, "É"), (D2, "A"), (D2, "b")]
    # Every row settled (a clean bucket's rows, with or without `among`): the same order.
    distinct = rows.slice(0, 6)
    for every in (None, np.ones(6, dtype=bool)):
        assert settle(distinct, among=every)[0].equals(winners)


def test_a_repeated_day_and_ticker_among_many_still_collides():
    winners, losers = settle(_rows((D1, "B", 1, 1, "old.csv", 2), (D1, "A", 1, 0, "new.csv", 1),
                                   (D2, "A", 1, 0, "new.csv", 2), (D1, "B", 2, 0, "new.csv", 3)))
    assert winners.to_pylist() == _settled_by_the_full_sort(
        _rows((D1, "B", 1, 1, "old.csv", 2), (D1, "A", 1, 0, "new.csv", 1), (D2, "A", 1, 0, "new.csv", 2),
              (D1, "B", 2, 0, "new.csv", 3)))[0].to_pylist()
    assert winners["source_line"].to_pylist() == [1, 3, 2]
    assert losers.select(["source_file", "reason"]).to_pylist() == [
        {"source_file": "old.csv", "reason": "conflict: superseded by new.csv:3 (a more recently modified file)"}]


def test_random_rows_settle_as_the_full_sort_settles_them():
    import numpy as np

    rng = np.random.default_rng(7)
    tickers = ["A", "AA", "B", "b", "Z9", "É", "ÉA", ""]
    for _ in range(200):
        n = int(rng.integers(1, 12))
        rows = _rows(*[(D1 + dt.timedelta(days=int(rng.integers(0, 3))), str(rng.choice(tickers)),
                        int(rng.integers(1, 3)), int(rng.integers(0, 2)), f"f{rng.integers(0, 2)}.csv", k)
                       for k in range(n)])
        among = rng.random(n) < 0.8
        got, expected = settle(rows, among=among), _settled_by_the_full_sort(rows, among)
        assert got[0].equals(expected[0]) and got[1].equals(expected[1])


def test_a_row_without_a_day_or_a_ticker_settles_as_the_full_sort_places_it():
    import numpy as np

    rows = _rows((D1, "B", 1, 0, "a.csv", 1), (D1, "A", 1, 0, "a.csv", 2), (D2, None, 1, 0, "a.csv", 3))
    rows = rows.set_column(0, "date", pa.array([D1, None, D2], pa.date32()))
    for among in (None, np.array([True, False, True]), np.array([True, False, False])):
        got, expected = settle(rows, among=among), _settled_by_the_full_sort(rows, among)
        assert got[0].equals(expected[0]) and got[1].equals(expected[1])
    assert settle(rows, among=np.array([True, False, False]))[0]["source_line"].to_pylist() == [1]


def test_tickers_of_any_script_and_days_far_from_1970_settle_as_the_full_sort_settles_them():
    """The shortcut's ticker ranks and day numbers against the sort of every key: tickers whose UTF-8
    bytes order them otherwise than their letters look (CJK, emoji, a letter with its accent apart,
    a prefix, a trailing space, the empty ticker), days before 1970 and after 2100, rows in several
    chunks; unique keys (the number alone) and repeated ones (the number, then the other keys) alike."""
    import numpy as np

    tickers = ["", " ", "A", "AB", "AB ", "ABC", "a", "Ä", "İ", "ÿ", "e\u0301", "é", "中", "中国", "日本", "😀",
               "A😀", "\uffff", "\U0010ffff"]
    days = [dt.date(1900, 1, 2), dt.date(1969, 12, 31), dt.date(1970, 1, 1), D1, dt.date(2100, 12, 31)]
    rng = np.random.default_rng(31)
    shortcut = collided = 0
    for _ in range(300):
        n = int(rng.integers(1, 25))
        keys = [(days[int(rng.integers(len(days)))], tickers[int(rng.integers(len(tickers)))]) for _ in range(n)]
        if rng.random() < 0.6:
            keys = list(dict.fromkeys(keys))
        rows = _rows(*[(d, t, int(rng.integers(1, 3)), int(rng.integers(0, 2)), f"f{rng.integers(0, 3)}.csv", k)
                       for k, (d, t) in enumerate(keys)])
        if rows.num_rows > 2:
            cut = int(rng.integers(1, rows.num_rows))
            rows = pa.concat_tables([rows.slice(0, cut), rows.slice(cut)])
        among = None if rng.random() < 0.3 else rng.random(rows.num_rows) < 0.8
        got, expected = settle(rows, among=among), _settled_by_the_full_sort(rows, among)
        assert got[0].equals(expected[0]) and got[1].equals(expected[1])
        shortcut += got[1].num_rows == 0 and got[0].num_rows > 1
        collided += got[1].num_rows > 0
    assert shortcut > 50 and collided > 50  # both orders by the day and ticker's number were taken
    winners, _ = settle(_rows(*[(D1, t, 1, 0, "a.csv", k) for k, t in enumerate(["😀", "中国", "ÿ", "AB ", "", "AB"])]))
    assert winners["ticker"].to_pylist() == ["", "AB", "AB ", "ÿ", "中国", "😀"]
