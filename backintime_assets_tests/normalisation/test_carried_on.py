from datetime import date, timedelta

import pyarrow as pa

from backintime_assets.normalisation.carried_on import carries_on


def _prices(rows: list[tuple[str, int, date, float]]) -> pa.Table:
    ticker, line, day, close = zip(*rows)
    return pa.table({"ticker": pa.array(ticker), "source_line": pa.array(line, pa.int64()),
                     "date": pa.array(day, pa.date32()), "close": pa.array(close, pa.float64())})


def test_a_ticker_without_rows_for_weeks_beside_a_line_is_judged_by_its_close_alone():
    # AAPL's rows right above and below line 30, a day apart; MSFT's last row above three weeks
    # before (its cells empty since: not traded). Its close runs on: the rows carry on.
    day = [date(2021, 1, 4) + timedelta(days=k) for k in range(60)]
    rows = [("AAPL", 3 + k, day[k], 100.0 + k % 3) for k in range(27)] + \
           [("AAPL", 31 + k, day[27 + k], 100.0 + k % 3) for k in range(10)] + \
           [("MSFT", 3 + k, day[k], 300.0) for k in range(6)] + \
           [("MSFT", 31 + k, day[27 + k], 301.0) for k in range(10)]
    assert carries_on(_prices(rows))(30) is True


def test_dates_again_or_a_jump_in_a_close_beside_a_line_do_not_carry_on():
    day = [date(2021, 1, 4) + timedelta(days=k) for k in range(60)]
    above = [("AAPL", 3 + k, day[k], 100.0) for k in range(20)]
    assert carries_on(_prices(above + [("AAPL", 24 + k, day[k], 100.0) for k in range(20)]))(23) is False
    assert carries_on(_prices(above + [("AAPL", 24 + k, day[20 + k], 140.0) for k in range(20)]))(23) is False
    assert carries_on(_prices(above + [("AAPL", 24 + k, day[20 + k], 101.0) for k in range(20)]))(23) is True
    # Newest first: the dates run on down in time.
    down = [("AAPL", 3 + k, day[59 - k], 100.0) for k in range(40)]
    assert carries_on(_prices(down[:20] + [(t, n + 1, d, c) for t, n, d, c in down[20:]]))(23) is True
    assert carries_on(_prices(above))(23) is None  # no row below: not known
