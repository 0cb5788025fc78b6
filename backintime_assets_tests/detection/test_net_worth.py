import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes


def _data(header: str, cells: str) -> bytes:
    return (header + "\n" + "".join(f"2024-01-0{d},{cells}\n" for d in range(2, 6))).encode()


@pytest.mark.parametrize("header,cells,shown", [
    # A household's net worth month by month beside what it is made of: through "Value", the close's most
    # generic name, it had loaded as a close without a word (at 4720d48).
    ("Date,Total Assets,Total Liabilities,Value", "100000,40000,60000", "Total Assets, Total Liabilities, Value"),
    ("Date,Budget,Actual,Value", "5000,4800,200", "Budget, Value"),
    ("Date,Income,Expense,Value", "5000,3000,2000", "Income, Expense, Value"),
    # No close among them: refused as "no close column" before, now with what the table is.
    ("Date,Assets,Liabilities,Net Worth", "100000,40000,60000", "Assets, Liabilities, Net Worth"),
    ("Date,Income,Expenses,Balance", "5000,3000,2000", "Income, Expenses, Balance"),
    ("Date,Revenue,Cost,Profit", "5000,3000,2000", "Revenue, Cost, Profit"),
    # A household's payouts and a firm's costs among its books are the books' still.
    ("Date,Salary,Dividend Income,Expenses,Balance", "5000,100,3000,2100", "Salary, Expenses, Balance"),
    ("Date,Revenue,Cost of Goods Sold,Profit", "5000,3000,2000", "Revenue, Cost of Goods Sold, Profit"),
    # A payout's expense is the books' (a "Value" beside it had loaded as a close at 704eed8).
    ("Date,Value,Dividend Expense", "125000,40", "Dividend Expense, Value"),
    ("Date,Value,Distribution Costs", "125000,40", "Distribution Costs, Value"),
    # A cost of equity in money, no rate: what a household paid for its shares (had loaded as a close, silent).
    ("Date,Value,Cost of Equity", "125000,98000.00", "Cost of Equity, Value"),
    ("Date,Value,Cost of Capital", "12500.50,9800.25", "Cost of Capital, Value"),
])
def test_a_worth_beside_accounting_figures_is_no_price(header, cells, shown):
    data = _data(header, cells)
    schema = detect_bytes(data, "books.csv")
    assert schema.problem == "a balance or net worth, not prices: " + shown
    result = normalise_bytes(data, schema, "books.csv")
    assert result.prices_arrow.num_rows == 0
    assert len(result.rejected) == 4


@pytest.mark.parametrize("header,cells,close", [
    # A day's money traded beside its bar, a fund's NAV beside its assets, a value alone or beside the price.
    ("Date,Open,High,Low,Close,Volume,Value", "10,11,9,10.5,1000,10500", 10.5),
    ("Date,NAV,Total Assets", "10.12,5000000", 10.12),
    ("Date,Value", "10.12", 10.12),
    ("Date,Price,Value", "10.12,1012", 10.12),
    ("Date,Value,Volume", "10.12,1012", 10.12),
    # a fund's NAV per unit named "Value" beside its net assets; a rate named by an accounting word
    ("Date,Value,Total Net Assets", "10.12,5000000", 10.12),
    ("Date,Deposit Rate,Value", "3.5,10.12", 10.12),
    ("Date,Value,Fixed Income Index", "10.12,101.5", 10.12),
    # a fund's size, a security's payout, the return its capital asks: a fund's or a firm's, no household's
    # (refused as a balance since e612ffc)
    ("Date,Value,Assets Under Management", "10.12,5000000", 10.12),
    ("Date,Value,Dividend Income", "10.12,0.25", 10.12),
    ("Date,Value,Cost of Equity", "10.12,8.5", 10.12),
    ("Date,Value,Cost of Equity", "152.40,0.085", 152.4),
    ("Date,Value,Cost of Capital", "1012.5,7.25", 1012.5),
    ("Date,Value,Cost of Debt", "101.5,-0.5", 101.5),
    # an asset's name or class, words named by an accounting word, is no figure of books (refused at ce1b60a)
    ("Date,Asset Name,Value", "Bitcoin,42000", 42000),
    ("Date,Asset Class,Value", "Gold,2050.5", 2050.5),
])
def test_a_value_without_accounting_figures_loads(header, cells, close):
    data = _data(header, cells)
    schema = detect_bytes(data, "prices.csv")
    assert schema.problem is None
    prices = normalise_bytes(data, schema, "prices.csv").prices_arrow
    assert prices.num_rows == 4
    assert prices.column("close").to_pylist() == [close] * 4
