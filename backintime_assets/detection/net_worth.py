"""A household's or a company's books: a net worth, a balance or a profit beside the figures it is
made of (assets and liabilities, income and expenses, revenue and costs, a budget). "Date,Total
Assets,Total Liabilities,Value" had loaded the net worth as a close through "Value", the close's most
generic name, without a word."""
from __future__ import annotations

from collections.abc import Sequence

from .columns import ColumnType
from .numbers import to_float
from .statements import NOT_PRICES
from .words import folded_words as words

# Names of what is left once the figures are summed: the column read as the close, or, with no close, the
# one the table is kept for. Every word of the name one of these ("Value", "Net Worth", "Balance").
_WORTH = frozenset({"value", "balance", "worth", "networth", "profit", "loss", "surplus", "deficit", "net",
                    "total", "sum", "savings", "saldo"})
# Figures of books, none a market's: a fund's "Total Assets" beside its NAV names no price either, but
# there the NAV is the close, and no worth is.
_ACCOUNTS = frozenset({"asset", "assets", "liability", "liabilities", "equity", "income", "incomes", "expense",
                       "expenses", "revenue", "revenues", "cost", "costs", "budget", "budgeted", "spending",
                       "spent", "debt", "debts", "loan", "loans", "mortgage", "salary", "deposit", "deposits",
                       "withdrawal", "withdrawals"})
# A market's figure named by an accounting word: a bank's "Deposit Rate", a "Fixed Income Index", each a
# series of its own beside a value. A fund's "Total Net Assets" beside its NAV per unit named "Value": its
# price.
_MARKET = frozenset({"rate", "rates", "yield", "yields", "spread", "index", "ratio", "return", "returns"})
# A security's payout: its income ("Dividend Income", "Coupon Income") is the market's figure, its expense
# or cost a firm's books still ("Dividend Expense", "Distribution Costs" beside a "Value" had loaded).
_PAYOUTS = frozenset({"dividend", "dividends", "distribution", "distributions", "coupon", "coupons"})
_PAID = frozenset({"income", "incomes"})
# A fund's or a firm's figure named by accounting words, each word of one of these in its name: a fund's size
# ("Total Net Assets", "Assets Under Management") and the return its capital asks ("Cost of Equity", a rate),
# no household's. Beside a fund's "Value" each had refused its history as a balance (since e612ffc).
_FUND_FIGURES = (frozenset({"net", "assets"}), frozenset({"under", "management"}))
# The return a firm's capital asks is a rate, in percent or a fraction: a "Cost of Equity" in money (9500.00
# beside a "Value" of 10000.00) is what a household paid for its shares, its books' (had loaded the value as
# a close, silent).
_RATE_FIGURES = (frozenset({"cost", "of", "equity"}), frozenset({"cost", "of", "capital"}),
                 frozenset({"cost", "of", "debt"}))
_MOST_PERCENT = 100.0


def _worth(name: str) -> bool:
    named = set(words(name))
    return bool(named) and named <= _WORTH


def _books(name: str, values: Sequence[float] = ()) -> bool:
    """Whether a column named `name` is a figure of books; a firm's cost of capital only where `values` (its
    numbers) reach past a rate's (_MOST_PERCENT)."""
    named = set(words(name))
    accounts = named & _ACCOUNTS - (_PAID if named & _PAYOUTS else frozenset())
    rate = any(fund <= named for fund in _RATE_FIGURES) and all(abs(v) <= _MOST_PERCENT for v in values)
    return bool(accounts) and not named & _MARKET and not any(fund <= named for fund in _FUND_FIGURES) and not rate


def _figures(t: ColumnType) -> bool:
    # A column of words named by an accounting word is an asset's name or class ("Asset Name", "Asset
    # Class" beside a "Value"), no figure of books: such a price table had been refused.
    return t.type in ("integer", "float") or (t.alt is not None and t.alt.type in ("integer", "float"))


def _numbers(j: int, body: Sequence[Sequence[str]], decimal: str, thousands: str | None) -> list[float]:
    return [v for r in body if j < len(r) and (v := to_float(r[j], decimal, thousands)) is not None]


def net_worth_problem(names: Sequence[str], canonical: Sequence[str | None], types: Sequence[ColumnType],
                      body: Sequence[Sequence[str]] = (), decimal: str = ".",
                      thousands: str | None = None) -> str | None:
    """Why a table whose close (or, with none, a column) is named as a worth or a balance beside columns
    of accounting figures (numbers, `types`; their sampled rows `body`, written with this decimal mark and
    grouping) holds no prices; None otherwise."""
    mapped = [j for j, c in enumerate(canonical) if c == "close" and j < len(names)]
    worth = mapped[:1] if mapped and _worth(names[mapped[0]]) else [] if mapped else [
        j for j, n in enumerate(names) if j < len(canonical) and canonical[j] is None and _worth(n)][:1]
    if not worth:
        return None
    books = [j for j, n in enumerate(names) if j < len(canonical) and canonical[j] is None
             and j != worth[0] and _books(n, _numbers(j, body, decimal, thousands)) and j < len(types)
             and _figures(types[j])]
    if not books:
        return None
    # Said as a table of no prices (statements.NOT_PRICES): a judgement of the names a user may overrule.
    return "a balance or net worth" + NOT_PRICES + ", ".join(names[j] for j in [*books, *worth])
