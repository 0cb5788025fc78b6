import pytest

from backintime_assets.strategies import (
    STRATEGIES,
    MaCrossover,
    MonthlyMaDip,
    MonthlyMaDipParams,
    Strategy,
    get_strategy,
    monthly_ma_dip_reference,
)
from backintime_assets_tests.strategies.markets import HAND_PARAMS, assert_same_trades, hand_market, to_spark


def test_registry_holds_the_built_in_strategies():
    assert set(STRATEGIES) == {"monthly_ma_dip", "ma_crossover"}
    for name, strategy in STRATEGIES.items():
        assert isinstance(strategy, Strategy)
        assert strategy.name == name
    assert get_strategy("monthly_ma_dip").params == MonthlyMaDipParams()
    assert isinstance(get_strategy("ma_crossover"), MaCrossover)


def test_unknown_strategy_lists_the_known_ones():
    with pytest.raises(KeyError, match="known: \\['ma_crossover', 'monthly_ma_dip'\\]"):
        get_strategy("nope")


@pytest.mark.spark
def test_strategy_object_runs_with_its_params(spark):
    trades = MonthlyMaDip(HAND_PARAMS).run_spark(to_spark(spark, hand_market())).toPandas()
    assert_same_trades(trades, monthly_ma_dip_reference(hand_market(), HAND_PARAMS))
