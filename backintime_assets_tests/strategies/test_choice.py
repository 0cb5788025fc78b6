import pytest

from backintime_assets.strategies.choice import choose_strategy
from backintime_assets.strategies.registry import MaCrossover
from backintime_assets.strategies.sql_strategy import SqlStrategy


def test_ma_crossover_is_stored_under_its_own_name_or_the_given_one_with_all_its_parameters():
    chosen = choose_strategy("ma_crossover", fast=5, slow=20)
    assert isinstance(chosen.strategy, MaCrossover) and chosen.name == chosen.strategy.name == "ma_crossover"
    assert chosen.stored_params == {"fast": 5, "slow": 20, "amount": 100.0, "min_price": 0.1, "max_price": 1000.0}
    assert choose_strategy("ma_crossover", name="fast_cross").strategy.name == "fast_cross"


def test_sql_keeps_its_query_and_price_bounds():
    chosen = choose_strategy("sql", name="mine", sql="select 1", max_price=50.0)
    assert isinstance(chosen.strategy, SqlStrategy) and chosen.name == "mine"
    assert chosen.stored_params == {"sql": "select 1", "min_price": 0.1, "max_price": 50.0}


@pytest.mark.parametrize("settings, message", [
    (dict(strategy="sql", name="mine"), "needs the sql setting"),
    (dict(strategy="sql", sql="select 1"), "needs a name"),
    (dict(strategy="momentum"), "unknown strategy 'momentum'"),
    (dict(strategy="ma_crossover", fast=50, slow=10), "fast < slow"),
    (dict(strategy="ma_crossover", name="monthly_ma_dip"), "monthly_ma_dip"),
])
def test_settings_that_cannot_run_say_what_to_change(settings, message):
    with pytest.raises(ValueError, match=message):
        choose_strategy(**settings)
