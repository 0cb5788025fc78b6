"""Chinese "净值", "net value": a fund's NAV in a fund's table, a net book value or a net worth in an account's."""

from __future__ import annotations

from collections.abc import Iterable

# The bare word, as canonical.norm_name leaves it (Chinese letters stay as written).
BARE_NET_VALUE = frozenset({"净值", "淨值"})
# A fund's table names, beside its NAV, its other NAVs ("单位净值", "累计净值"), the NAV's date ("净值日期"), its
# change ("涨跌", "日增长率") or the fund ("基金代码"). An asset register nets a cost of its depreciation ("原值,
# 累计折旧,净值"), a balance sheet its assets of its debts ("总资产,总负债,净值"): neither names a price.
_FUND_WORDS = ("净值", "淨值", "涨跌", "漲跌", "增长率", "增長率", "基金")


def among_fund_figures(names: Iterable[str]) -> bool:
    """Whether the normalised names of a bare "净值"'s other columns hold a word of a fund's table (_FUND_WORDS)."""
    return any(w in n for n in names for w in _FUND_WORDS)
