import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes, rules
from backintime_assets.normalisation.rules import (
    Reasons, accepted_repeats, check_duplicates, check_prices, check_trade_days,
    check_unnamed_behind_values, check_unnamed_series, ticker_day_key,
)
from backintime_assets.trading_week import TradingWeek


def test_first_failing_rule_wins_and_columns_are_listed():
    r = Reasons(3)
    r.set_per_column("unparseable value",
                     {"open": np.array([True, False, True]), "close": np.array([True, False, False])})
    r.set(np.array([True, True, False]), "later rule")
    assert r.reason.tolist() == ["unparseable value: open, close", "later rule", "unparseable value: open"]
    assert r.ok.tolist() == [False, False, False]


def prices(**cols):
    base = {c: np.array([10.0]) for c in ("open", "high", "low", "close", "adj_close")}
    base.update({k: np.array([v], dtype=float) for k, v in cols.items()})
    return base


def reason(values, volume=0.0):
    r = Reasons(1)
    check_prices(r, values, np.array([volume]))
    return r.reason[0]


def test_price_rules():
    assert reason(prices()) is None
    assert reason(prices(open=0.0)) == "non-positive price: open"
    assert reason(prices(adj_close=-1.0)) == "non-positive price: adj_close"
    assert reason(prices(), volume=-5) == "negative volume"
    assert reason(prices(high=9.0, low=9.5, open=9.2, close=9.2)) == "high < low"
    assert reason(prices(high=10.0, open=10.5)) == "high < max(open, close)"
    assert reason(prices(low=10.0, close=9.5, high=11.0)) == "low > min(open, close)"
    assert reason(prices(close=float("nan"))) == "non-positive price: close"


def test_a_high_a_hair_under_the_open_is_a_violation_here_as_in_the_lakes_check():
    # Merval's "1336.06006,1336.06" (open, high) is set to the open before this rule
    # (test_rounded_bounds); as it reaches the rule, it is judged exactly, as prices_are_sane judges
    # what loads: a slack here had loaded rows that check then failed.
    assert reason(prices(open=1336.06006, high=1336.06, low=1298.37, close=1305.56006)) == "high < max(open, close)"
    assert reason(prices(open=1339.95996, high=1356.54, low=1339.96, close=1350.92004)) == "low > min(open, close)"


def test_the_largest_double_or_float_is_no_price():
    # Interactive Brokers' API fills a price it has not got with the largest double: loaded, a
    # close of 1.8e308 made every return computed from it infinite.
    marker = "no price (the largest number a type holds, a marker of no value)"
    assert reason(prices(close=1.7976931348623157e308, high=1.7976931348623157e308)) == f"{marker}: high, close"
    assert reason(prices(open=3.4028235e38, high=3.4028235e38)) == f"{marker}: open, high"
    assert reason(prices(open=2e9, high=3e9, close=2.5e9, low=1e9, adj_close=2.5e9)) is None


def test_duplicates_exact_and_conflicting():
    r = Reasons(5)
    r.set(np.array([False, False, False, False, True]), "bad")
    ticker = np.array([0, 0, 1, 0, 0])
    day = np.array([1, 1, 1, 1, 1])
    close = np.array([5.0, 5.0, 5.0, 6.0, 5.0])
    check_duplicates(r, ticker, day, {"close": close}, np.array([10, 11, 12, 13, 14]))
    assert r.reason.tolist() == [None, "duplicate", None, "conflicting duplicate of line 10", "bad"]


def test_weekend_rows_are_refused_by_name_and_weekdays_kept():
    days = np.array([np.datetime64(d, "D").astype(np.int64) for d in
                     ("2025-03-07", "2025-03-08", "2025-03-09", "2025-03-10", "1969-12-27")])  # Fri Sat Sun Mon Sat
    r = Reasons(len(days))
    r.set(np.array([False, False, True, False, False]), "unparseable value: close")  # an earlier rule wins
    check_trade_days(r, days)
    assert r.reason.tolist() == [None, "dated on a Saturday: trade dates are Monday to Friday",
                                 "unparseable value: close", None,
                                 "dated on a Saturday: trade dates are Monday to Friday"]


def test_a_weekend_row_of_a_guessed_day_month_order_says_the_guess():
    # A British office's lone "02/03/2024": read month first by the '/' custom, 3 February, a Saturday.
    data = b"Date,Ticker,Close\n02/03/2024,VOD,71.5\n"
    result = normalise_bytes(data, detect_bytes(data, "vod.csv"), "vod.csv")
    assert result.rejected_arrow["reason"].to_pylist() == [
        "dated on a Saturday: trade dates are Monday to Friday (its dates read either way, month first a guess: "
        "check the date's format)"]
    # Its order proven (a name's date), a weekend is the row's own.
    named = normalise_bytes(data, detect_bytes(data, "vod_20240203.csv"), "vod_20240203.csv")
    assert named.rejected_arrow["reason"].to_pylist() == ["dated on a Saturday: trade dates are Monday to Friday"]


# A crypto venue's daily candles, Monday 3 to Sunday 9 March 2025: every day trades.
CRYPTO = ("Date,Symbol,Open,High,Low,Close,Volume\n" + "".join(
    f"2025-03-{d:02d},BTCUSDT,{90000 + d}.5,{91000 + d}.0,{89000 + d}.0,{90500 + d}.25,{1000 + d}\n"
    for d in range(3, 10))).encode()


def _crypto(week):
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes

    out = normalise_bytes(CRYPTO, detect_bytes(CRYPTO, "btcusdt_1d.csv"), "btcusdt_1d.csv", week=week)
    loaded = [d.day for d in out.prices_arrow.column("date").to_pylist()]
    return loaded, dict(zip(out.rejected_arrow.column("source_line").to_pylist(),
                            out.rejected_arrow.column("reason").to_pylist()))


def test_a_seven_day_file_loads_whole_under_an_every_day_week():
    from backintime_assets.trading_week import MON_FRI, TradingWeek

    assert _crypto(TradingWeek.parse("mon-sun")) == (list(range(3, 10)), {})
    # By default its weekend rows are rejected, by name, as before the setting.
    assert _crypto(MON_FRI) == (list(range(3, 8)), {7: "dated on a Saturday: trade dates are Monday to Friday",
                                                    8: "dated on a Sunday: trade dates are Monday to Friday"})
    # Sunday to Thursday: Friday and Saturday go, and the reason names the week.
    assert _crypto(TradingWeek.parse("sun,mon,tue,wed,thu")) == ([3, 4, 5, 6, 9], {
        6: "dated on a Friday: trade dates are Sunday to Thursday",
        7: "dated on a Saturday: trade dates are Sunday to Thursday"})


def test_rows_without_a_repeated_key_are_left_alone():
    r = Reasons(4)
    check_duplicates(r, np.array([0, 1, 0, 1]), np.array([1, 1, 2, 2]), {"close": np.ones(4)}, np.arange(4))
    assert r.ok.all() and r.reason.tolist() == [None] * 4


def test_repeated_keys_are_found_in_any_order():
    from backintime_assets.normalisation.rules import _repeated

    assert _repeated(np.array([5, 3, 9])) is None
    assert _repeated(np.array([5, 3, 9, 3, 7, 5])).tolist() == [True, True, False, True, False, True]


def test_unnamed_series_rejects_each_file_whose_dates_mostly_clash():
    # File 0: 3 of its 4 dates hold two prices (several series); file 1: 1 of 4 (a correction).
    files = np.array([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    days = np.array([1, 1, 2, 2, 3, 3, 4, 1, 1, 2, 3, 4])
    close = np.array([5.0, 9.0, 5.0, 9.0, 5.0, 9.0, 5.0, 5.0, 6.0, 5.0, 5.0, 5.0])
    r = Reasons(len(files))
    r.set(np.arange(len(files)) == 6, "bad")  # rows already refused are left with their reason
    check_unnamed_series(r, files, days, {"close": close})
    unnamed = [bool(x and x.startswith("unnamed series: 3 of the file's 3 dates")) for x in r.reason]
    assert unnamed == [True] * 6 + [False] * 6
    assert r.reason[6] == "bad" and r.ok[7:].all()


def test_unnamed_series_leaves_dates_whose_rows_differ_in_their_adjusted_close_or_volume_alone():
    # A download appended to an older one of the same series restates each adjusted close after a
    # dividend; two sources count its volume apart: one series, its repeats conflicting duplicates.
    files, days = np.zeros(6, np.int64), np.array([1, 2, 3, 1, 2, 3])
    close = np.array([5.0, 6.0, 7.0, 5.0, 6.0, 7.0])
    for adj, volume in [(close * np.array([1, 1, 1, .99, .99, .99]), np.full(6, 100.0)),
                        (close, np.array([100.0, 200, 300, 90, 180, 270]))]:
        r = Reasons(6)
        check_unnamed_series(r, files, days, {"close": close, "adj_close": adj, "volume": volume})
        assert r.ok.all()


def test_one_date_of_many_unnamed_rows_is_no_correction():
    # An option chain's strikes, the expiry its only date: the first strike loaded as the price,
    # the others were its conflicting duplicates. Two rows of one date stay a correction.
    r = Reasons(6)
    check_unnamed_series(r, np.zeros(6, np.int64), np.ones(6, np.int64), {"close": np.arange(1.0, 7.0)})
    assert all(x.startswith("unnamed series: 1 of the file's 1 dates") for x in r.reason)
    r = Reasons(3)
    check_unnamed_series(r, np.zeros(3, np.int64), np.array([1, 1, 2]), {"close": np.array([5.0, 6.0, 5.0])})
    assert r.ok.all()


def test_a_file_none_of_whose_dates_holds_one_price_is_no_correction():
    # A day's price list of three items ("Date,Item,Price", a file a day): the first item's price
    # loaded under the file's name, the others as its conflicting duplicates. Two dates each holding
    # two prices are no corrections either (one clashing date beside a clean one stays a correction:
    # the test above).
    r = Reasons(3)
    check_unnamed_series(r, np.zeros(3, np.int64), np.ones(3, np.int64), {"close": np.array([12.5, 1.2, 2.1])})
    assert all(x.startswith("unnamed series: 1 of the file's 1 dates") for x in r.reason)
    r = Reasons(4)
    check_unnamed_series(r, np.zeros(4, np.int64), np.array([1, 1, 2, 2]), {"close": np.array([5.0, 9.0, 5.5, 9.5])})
    assert all(x.startswith("unnamed series: 2 of the file's 2 dates") for x in r.reason)


def test_a_date_or_two_of_two_prices_each_name_a_resent_price_in_their_reason():
    # One ticker's file of a day with its price sent again, corrected, reads as a day's list of two
    # items: rejected alike, its reason says that keeping one row of the date loads it.
    r = Reasons(2)
    check_unnamed_series(r, np.zeros(2, np.int64), np.ones(2, np.int64), {"close": np.array([189.5, 189.7])})
    assert all(x.startswith("unnamed series: 1 of the file's 1 dates") and x.endswith("if one corrects the other")
               for x in r.reason)
    r = Reasons(8)  # a date of four items is a list: no word of a correction
    check_unnamed_series(r, np.zeros(8, np.int64), np.array([1, 1, 1, 1, 2, 2, 2, 2]),
                         {"close": np.array([1.0, 2.0, 3.0, 4.0, 1.1, 2.1, 3.1, 4.1])})
    assert all(x.startswith("unnamed series: 2 of the file's 2 dates") and "corrects" not in x for x in r.reason)


def test_rows_rejected_for_their_values_count_as_their_dates_other_instruments():
    # Three instruments on four dates, two of them rejected for their values: the third's rows, one
    # a date, had loaded under the file's name. The rejected rows keep their reason.
    days = np.repeat([1, 2, 3, 4], 3)
    price = np.tile([10.0, 20.0, 30.0], 4)
    values = {"open": price, "high": price + 1, "low": price - 1, "close": price}
    r = Reasons(12)
    bad = np.tile([True, False, True], 4)
    r.set(bad, "low > min(open, close)")
    check_unnamed_behind_values(r, np.zeros(12, np.int64), days, values, bad)
    assert all(x.startswith("unnamed series: 4 of the file's 4 dates") for x in r.reason[~bad])
    assert (r.reason[bad] == "low > min(open, close)").all()


def test_rows_rejected_for_their_values_on_the_days_bar_or_of_zeros_name_no_other_instrument():
    # The same open, high and low (an adjusted close under the low, high and low swapped), or
    # nothing but zeros: one series' rows. So are a few such rows among many dates (corrections).
    days = np.repeat([1, 2, 3, 4], 2)
    one = np.repeat([10.0, 11.0, 12.0, 13.0], 2)
    bad = np.tile([False, True], 4)
    for values in ({"open": one, "high": one + 1, "low": one - 1, "close": np.where(bad, one - 2, one)},
                   {"open": one, "high": np.where(bad, one - 1, one + 1), "low": np.where(bad, one + 1, one - 1),
                    "close": one},
                   {c: np.where(bad, 0.0, one) for c in ("open", "high", "low", "close")}):
        r = Reasons(8)
        r.set(bad, "bad")
        check_unnamed_behind_values(r, np.zeros(8, np.int64), days, values, bad)
        assert r.ok.sum() == 4
    days = np.r_[np.arange(10), [0, 1, 2]]
    one = np.r_[np.arange(10.0) + 10, [5.0, 6.0, 7.0]]
    bad = np.arange(13) >= 10
    r = Reasons(13)
    r.set(bad, "bad")
    check_unnamed_behind_values(r, np.zeros(13, np.int64), days,
                                {"open": one, "high": one + 1, "low": one - 1, "close": one}, bad)
    assert r.ok.sum() == 10


def test_rows_rejected_for_their_values_that_write_a_price_of_their_dates_kept_bar_are_that_bar():
    # Each date's second row shares one price with the kept bar (the close as a quote's open, the
    # open and close of a row whose high was mistyped): the same bar written again. A row sharing
    # none, at another price level, still counts.
    days = np.repeat([1, 2, 3, 4], 2)
    one = np.repeat([10.0, 11.0, 12.0, 13.0], 2)
    bad = np.tile([False, True], 4)
    for second in ({"open": one + 0.5, "high": one + 0.45, "low": one + 0.55, "close": one + 0.5},
                   {"open": one, "high": one - 5, "low": one - 1, "close": one + 0.5}):
        values = {c: np.where(bad, second[c], v) for c, v in
                  {"open": one, "high": one + 1, "low": one - 1, "close": one + 0.5}.items()}
        r = Reasons(8)
        r.set(bad, "bad")
        check_unnamed_behind_values(r, np.zeros(8, np.int64), days, values, bad)
        assert r.ok.sum() == 4
    other = {c: np.where(bad, v + 50, v) for c, v in {"open": one, "high": one + 1, "low": one - 1,
                                                      "close": one - 2}.items()}
    r = Reasons(8)
    r.set(bad, "bad")
    check_unnamed_behind_values(r, np.zeros(8, np.int64), days, other, bad)
    assert r.ok.sum() == 0


def test_a_long_file_with_a_bad_row_or_two_is_not_sorted_for_other_instruments(monkeypatch):
    # Its rows rejected for their values are too few to clash on half its dates: counted, not sorted
    # (a fifth of a second a million rows, on every file with a bad row).
    n = 5000
    price = 10.0 + np.arange(n) % 89 / 100
    bad = np.arange(n) % 1000 == 0
    r = Reasons(n)
    r.set(bad, "high < low")
    monkeypatch.setattr(rules, "_repeats_among", lambda *a, **k: pytest.fail("sorted"))
    check_unnamed_behind_values(r, np.zeros(n, np.int64), np.arange(n), {c: price for c in ("open", "high", "low",
                                                                                          "close")}, bad)
    assert r.ok.sum() == n - 5


def test_a_long_file_with_one_corrected_row_does_not_count_its_dates(monkeypatch):
    # Only a file every accepted row of which shares its date may be one none of whose dates holds
    # one price: a file of thousands of days with one correction had hashed every row's date to
    # learn it was not (a tenth of a second a million rows), on every such file.
    n = 5000
    days = np.arange(n, dtype=np.int64)
    days[-1] = days[-2]
    r = Reasons(n)
    found = accepted_repeats(r, np.zeros(n, np.int64), days)
    hashed = []
    monkeypatch.setattr(rules, "ticker_day_key", lambda codes, d: hashed.append(len(codes)) or ticker_day_key(codes, d))
    close = np.round(10.0 + (np.arange(n) % 89) / 100, 2)
    close[-1] += 0.25  # the last day's price sent again, corrected
    check_unnamed_series(r, np.zeros(n, np.int64), days, {"close": close}, found=found)
    assert r.ok.all() and hashed == []
    check_duplicates(r, np.zeros(n, np.int64), days, {"close": close}, np.arange(n) + 2, found=found)
    assert r.reason[-1] == f"conflicting duplicate of line {n}" and r.ok[:-1].all()


def test_several_series_under_one_ticker_are_rejected_with_their_own_reason():
    # MOEX's SECID on each of its boards: ticker 0's dates all hold two prices, ticker 1's one.
    tickers = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    days = np.array([1, 1, 2, 2, 3, 3, 1, 1, 2, 3])
    close = np.array([5.25, 5.5, 6.25, 6.5, 7.25, 7.5, 9.0, 9.5, 9.0, 9.0])
    r = Reasons(len(tickers))
    check_unnamed_series(r, tickers, days, {"close": close}, named=True)
    assert all(x.startswith("several series under one ticker: 3 of its 3 dates") for x in r.reason[:6])
    assert r.ok[6:].all()


def test_a_ticker_with_too_few_dates_to_show_its_series_follows_the_files_other_tickers():
    # Two tickers' 12-hour bars: ticker 0's three dates show the layout; ticker 1's two dates had
    # each loaded the 00:00 bar as the day's price, the 12:00 bar its conflicting duplicate.
    # Ticker 2's one corrected date of three stays a correction.
    tickers = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
    days = np.array([1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 1, 1, 2, 3])
    close = np.array([5.25, 5.5, 6.25, 6.5, 7.25, 7.5, 9.25, 9.5, 10.25, 10.5, 3.25, 3.5, 3.25, 3.25])
    r = Reasons(len(tickers))
    check_unnamed_series(r, tickers, days, {"close": close}, named=True)
    assert all(x.startswith("several series under one ticker: 3 of its 3 dates") for x in r.reason[:6])
    assert all(x.startswith("several series under one ticker: 2 of its 2 dates") for x in r.reason[6:10])
    assert r.ok[10:].all()
    # Alone in its file, a ticker's two clashing dates are still too few to tell: conflicting duplicates.
    r = Reasons(4)
    check_unnamed_series(r, tickers[6:10], days[6:10], {"close": close[6:10]}, named=True)
    assert r.ok.all()


def test_a_copy_of_a_series_with_fewer_decimals_is_no_second_series():
    # Ticker 0: a Yahoo download ("185.639999") appended to an older copy of it that Excel had saved
    # ("185.64"); ticker 1: a 4-decimal copy beside a 2-decimal one. Each differs only by rounding,
    # and had been rejected whole as several series; they settle as conflicting duplicates.
    # Tickers 2 and 3 are on two boards (two-decimal prices both): rejected, each with its counts.
    tickers = np.repeat([0, 1, 2, 3], [8, 8, 6, 7])
    days = np.r_[[1, 2, 3, 4] * 2, [1, 2, 3, 4] * 2, [1, 1, 2, 2, 3, 3], [1, 1, 2, 2, 3, 3, 4]]
    close = np.r_[[185.64, 186.5, 187.1, 188.0, 185.639999, 186.500001, 187.099998, 188.000002],
                  [100.1235, 100.5, 101.0071, 99.9949, 100.12, 100.5, 101.01, 99.99],
                  [268.62, 268.69, 265.12, 265.19, 262.07, 262.6],
                  [50.25, 50.5, 51.25, 51.5, 52.25, 52.5, 53.0]]
    r = Reasons(len(tickers))
    check_unnamed_series(r, tickers, days, {"close": close}, named=True)
    assert r.ok[:16].all()
    assert all(x.startswith("several series under one ticker: 3 of its 3 dates") for x in r.reason[16:22])
    assert all(x.startswith("several series under one ticker: 3 of its 4 dates") for x in r.reason[22:])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 5), st.sampled_from([5.0, 5.5, 6.0, 7.25])),
                min_size=0, max_size=40),
       st.lists(st.booleans(), min_size=40, max_size=40))
def test_repeats_found_once_settle_as_repeats_found_by_each_rule(rows, rejected_before):
    # normalise sorts the accepted keys once and hands the repeats to both rules; each rule finding
    # them itself (after the rows the one before it rejected) must give every row the same reason.
    tickers = np.array([t for t, _, _ in rows], dtype=np.int64)
    days = np.array([d for _, d, _ in rows], dtype=np.int64)
    close = np.array([c for _, _, c in rows], dtype=np.float64)
    lines = np.arange(len(rows)) + 2

    def settle(share_sort: bool) -> list:
        r = Reasons(len(rows))
        r.set(np.array(rejected_before[:len(rows)], dtype=bool), "earlier rule")
        found = accepted_repeats(r, tickers, days) if share_sort else None
        if share_sort and found is None:
            return r.reason.tolist()
        check_unnamed_series(r, tickers, days, {"close": close}, named=True, found=found)
        check_duplicates(r, tickers, days, {"close": close}, lines, found=found)
        return r.reason.tolist()

    assert settle(True) == settle(False)


def test_a_two_digit_year_in_the_future_is_rejected_naming_the_year_a_four_digit_one_is_not():
    today = 20000  # 2024-10-04
    # 2024-01-02, 2068-01-02, 2068-01-03, 2024-10-06; and tomorrow, a session's date east of UTC.
    days = np.array([19724, 35795, 35796, 20002, 20001])
    r = Reasons(5)
    rules.check_two_digit_future(r, days, "%d/%m/%y", today)
    assert r.ok.tolist() == [True, False, False, False, True]
    assert r.reason[1].startswith("dated 2068 by a two-digit year, in the future") and "BE 2567" in r.reason[1]
    assert r.reason[3].startswith("dated 2024 by a two-digit year")
    r = Reasons(5)
    rules.check_two_digit_future(r, days, "%d/%m/%Y", today)
    assert r.ok.all()


def test_a_two_digit_year_the_pivot_wraps_a_buddhist_era_one_to_is_rejected_without_later_years():
    today = 20789  # 2026-12-02: BE 2569, "69", read by strptime's pivot as 1969
    # A Thai file of 30/12/68 (2068) and 02/01/69 (1969): the 1969 row had loaded as the year of BE 2569.
    r = Reasons(2)
    rules.check_two_digit_future(r, np.array([36158, -364]), "%d/%m/%y", today)
    assert r.ok.tolist() == [False, False]
    assert r.reason[1].startswith("dated 1969 by a two-digit year, and no row") and "2569 (2026)" in r.reason[1]
    # A file of the common era's 1969 and 1975 by two digits: 1969 loads.
    r = Reasons(2)
    rules.check_two_digit_future(r, np.array([-364, 1827]), "%d/%m/%y", today)
    assert r.ok.all()
    # Two years earlier (2024), 69 is BE 2569, in the future by either era: 1969 stands.
    r = Reasons(1)
    rules.check_two_digit_future(r, np.array([-364]), "%d/%m/%y", 20000)
    assert r.ok.all()


def _days(first: str, count: int, skip: tuple[int, ...]) -> list[np.int64]:
    """`count` consecutive days from `first`, but for the weekdays in `skip` (0 Monday ... 6 Sunday)."""
    start = np.datetime64(first, "D")
    days = [start + k for k in range(count)]
    return [d.astype(np.int64) for d in days if d.astype("datetime64[D]").item().weekday() not in skip]


def test_a_sunday_row_of_a_sunday_to_thursday_file_says_its_week():
    # Tadawul's TASI (sa_tadawul_2025's tableau_index_daily.csv): three weeks Sunday to Thursday. Its Sundays
    # are rejected under Monday to Friday, as they were, now saying the file's week and the setting for it.
    tasi = _days("2025-12-07", 21, skip=(4, 5))  # Sun 7 Dec to Sat 27: no Friday, no Saturday
    # A Monday-to-Friday office's fortnight with one Sunday slip (a typo, a weekend entry).
    office = _days("2025-12-01", 14, skip=(5, 6)) + [np.datetime64("2025-12-07", "D").astype(np.int64)]
    days = np.array(tasi + office)
    files = np.array([0] * len(tasi) + [1] * len(office))
    r = Reasons(len(days))
    check_trade_days(r, days, file_of_row=files)
    plain = "dated on a Sunday: trade dates are Monday to Friday"
    hinted = (plain + " (this file's dates fall Sunday to Thursday, none on a Friday or Saturday: "
              "a Sunday-to-Thursday market's? set BACKINTIME_TRADING_WEEK=sun-thu to load them)")
    assert [x for x in r.reason[:len(tasi)] if x] == [hinted] * 3 and r.ok[:len(tasi)].sum() == 12
    assert [x for x in r.reason[len(tasi):] if x] == [plain] and r.ok[len(tasi):].sum() == 10
    # Under Sunday to Thursday the market's rows all load, and the office's Fridays are rejected.
    r = Reasons(len(days))
    check_trade_days(r, days, TradingWeek.parse("sun-thu"), file_of_row=files)
    assert r.ok[:len(tasi)].all() and not r.ok[len(tasi):].all()


@pytest.mark.parametrize("days", [
    _days("2025-12-07", 5, skip=()),  # one week, Sunday to Thursday: too few days to tell
    _days("2025-09-07", 84, skip=(0, 1, 2, 3, 4, 5)),  # weekly bars dated each Sunday: no market's week
])
def test_sundays_of_no_sunday_to_thursday_week_keep_the_plain_reason(days):
    r = Reasons(len(days))
    check_trade_days(r, np.array(days))
    assert r.reason.tolist()[0] == "dated on a Sunday: trade dates are Monday to Friday"


def test_the_sunday_to_thursday_note_weighs_each_file_of_a_mixed_batch_on_its_own():
    # A batch alternating a Sunday-to-Thursday file and an office's Monday-to-Sunday one, counted at once
    # (a pass over the batch per file was quadratic: a minute for 20,000 files): each keeps its verdict.
    tasi = np.array(_days("2025-12-07", 14, skip=(4, 5)))  # ten days Sunday to Thursday, two Sundays
    office = np.array(_days("2025-12-01", 14, skip=(5,)))  # Monday to Sunday, a Friday among them
    files = np.repeat(np.arange(2_000), 10)
    days = np.where(files % 2 == 0, np.tile(tasi, 2_000), np.tile(office[:10], 2_000))
    r = Reasons(len(days))
    check_trade_days(r, days, file_of_row=files)
    sundays = rules.weekday(days) == 6
    hinted = np.char.endswith(r.reason.astype(str), "to load them)")
    assert (hinted == (sundays & (files % 2 == 0))).all() and sundays[files % 2 == 1].any()
