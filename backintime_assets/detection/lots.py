"""A volume counted in lots of 100 shares, told by the money traded beside it (China's 成交量 in 手)."""
from __future__ import annotations

import re
from collections.abc import Sequence

LOT = 100
UNIT = "lots of 100 (the money traded beside it is 100 shares a lot at a price in the day's bar)"
# The money traded in a day is its shares times a price inside the day's bar (its average): within this
# share of the low and of the high, on this share of at least _MIN_ROWS rows (canonical._volume_of's test).
_SLACK, _ROWS, _MIN_ROWS = 0.02, 0.9, 3
_SAMPLE = 50  # rows enough to tell; detection runs on every file
# A contract's file: its open interest, settlement price or strike. A future's or an option's size (100
# troy ounces of COMEX gold, 100 tonnes of Dalian iron ore, 100 shares an American option) is no lot:
# its volume counts contracts, and its notional turnover ÷ the contracts is a hundred times the price
# just as 成交额 ÷ 手 is (a gold future's 205,651 contracts had loaded as 20,565,100).
_CONTRACT = re.compile(r"open.?int|^oi$|^hold$|持仓|持倉|未平倉|建玉|미결제|settle|结算|結算|strike|expir|行权|履約",
                       re.I)
# Money counted in a currency's hundredth ("Turnover (cents)", "Value GBX"): a hundredfold over the
# shares' worth in the prices' unit, lots or not.
_HUNDREDTHS = re.compile(r"(?<![a-z])(?:cents?|gbx)(?![a-z])|pence|penny|pennies|centavos?|centimes?|kopec?ks?|"
                         r"agorot|¢", re.I)


# Tushare's daily bars (pro.daily: "ts_code,trade_date,...,vol,amount") write vol in 手 and amount in
# thousands of yuan (千元), as its documentation says: the money ÷ the lots is a tenth of the price, which
# lots of 100 beside yuan never give (a hundredfold) nor shares beside yuan (inside the bar). Read so only
# under Tushare's own names: elsewhere a tenth could be 1,000-share lots (Taiwan's 張) beside 萬元.
_TUSHARE = frozenset({"ts_code", "trade_date"})
_TUSHARE_MONEY = "amount"
_THOUSANDS = 1000


def _numbers(body: list[list[str]], j: int, decimal: str, thousands: str | None) -> list[float | None]:
    out: list[float | None] = []
    for row in body:
        cell = row[j].strip() if j < len(row) else ""
        if thousands:
            cell = cell.replace(thousands, "")
        try:
            out.append(float(cell.replace(decimal, ".") if decimal != "." else cell))
        except ValueError:
            out.append(None)
    return out


def in_hundred_share_lots(body: list[list[str]], canonical: Sequence[str | None], kinds: Sequence[str],
                          decimal: str, thousands: str | None, names: Sequence[str] = ()) -> bool:
    """Whether the volume counts lots of 100 shares: an unmapped column's money ÷ the volume lies a
    hundredfold over the day's bar on nearly every sampled row, and never inside it. akshare's and
    East Money's A-share files write 成交量 in 手 (100 shares) beside 成交额 in yuan, and no unit: the
    lots had loaded as shares, each day's volume a hundredth of the shares traded. A file whose volume
    is shares (money ÷ volume inside the bar) is left as it is; so is one with no money column, a
    contract's (its open interest or settlement named: _CONTRACT) and money named in cents or pence."""
    if any(_CONTRACT.search(n.strip()) for n in names):
        return False
    money_columns = [j for j, (c, kind) in enumerate(zip(canonical, kinds))
                     if c is None and kind in ("integer", "float")
                     and not (j < len(names) and _HUNDREDTHS.search(names[j]))]
    if not money_columns or not all(c in canonical for c in ("volume", "low", "high")):
        return False
    body = body[:_SAMPLE]
    volume = _numbers(body, canonical.index("volume"), decimal, thousands)
    low = _numbers(body, canonical.index("low"), decimal, thousands)
    high = _numbers(body, canonical.index("high"), decimal, thousands)

    def inside(i: int, price: float) -> bool:
        return low[i] * (1 - _SLACK) <= price <= high[i] * (1 + _SLACK)  # type: ignore[operator]

    tushare = _TUSHARE <= {n.strip().lower() for n in names}
    for j in money_columns:
        money = _numbers(body, j, decimal, thousands)
        readings = [money]
        if tushare and j < len(names) and names[j].strip().lower() == _TUSHARE_MONEY:
            # 千元 as Tushare writes it, or yuan as a copy rescaled by hand has it ("amount * 1000" is
            # a common first step): read in thousands alone, such a copy's lots had loaded as shares.
            readings.append([None if m is None else m * _THOUSANDS for m in money])
        for money in readings:
            rows = [i for i in range(len(body)) if all(x is not None and x > 0 for x in
                                                       (volume[i], money[i], low[i], high[i]))]
            if len(rows) < _MIN_ROWS:
                continue
            if any(inside(i, money[i] / volume[i]) for i in rows):  # type: ignore[operator]
                break  # shares, or a column that is no money
            if sum(inside(i, money[i] / volume[i] / LOT) for i in rows) >= _ROWS * len(rows):  # type: ignore[operator]
                return True
    return False
