import pytest

from backintime_assets.strategies import MaCrossoverParams, MonthlyMaDipParams


def test_defaults_are_the_original_projects():
    assert MonthlyMaDipParams() == MonthlyMaDipParams(amount=100.0, window=7, min_price=0.1, max_price=1000.0)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"amount": 0}, "amount"),
        ({"window": -1}, "window"),
        ({"min_price": 0}, "min_price"),
        ({"min_price": 5, "max_price": 4}, "min_price"),
    ],
)
def test_monthly_ma_dip_params_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MonthlyMaDipParams(**kwargs)


@pytest.mark.parametrize("fast, slow", [(5, 5), (6, 5), (0, 3)])
def test_crossover_needs_a_faster_fast_average(fast, slow):
    with pytest.raises(ValueError, match="fast < slow"):
        MaCrossoverParams(fast=fast, slow=slow)
