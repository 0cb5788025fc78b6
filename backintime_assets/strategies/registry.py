"""The built-in strategies by name, each a small object with `name`, `params` and `run_spark`."""
from __future__ import annotations

from dataclasses import dataclass, field

from pyspark.sql import DataFrame

from backintime_assets.strategies.base import Strategy
from backintime_assets.strategies.ma_crossover import ma_crossover_spark
from backintime_assets.strategies.monthly_ma_dip_spark import monthly_ma_dip_spark
from backintime_assets.strategies.params import MaCrossoverParams, MonthlyMaDipParams


@dataclass(frozen=True)
class MonthlyMaDip:
    params: MonthlyMaDipParams = field(default_factory=MonthlyMaDipParams)
    name: str = "monthly_ma_dip"

    def run_spark(self, prices: DataFrame) -> DataFrame:
        return monthly_ma_dip_spark(prices, self.params)


@dataclass(frozen=True)
class MaCrossover:
    params: MaCrossoverParams = field(default_factory=MaCrossoverParams)
    name: str = "ma_crossover"

    def run_spark(self, prices: DataFrame) -> DataFrame:
        return ma_crossover_spark(prices, self.params)


STRATEGIES: dict[str, Strategy] = {s.name: s for s in (MonthlyMaDip(), MaCrossover())}


def get_strategy(name: str) -> Strategy:
    try:
        return STRATEGIES[name]
    except KeyError:
        raise KeyError(f"unknown strategy {name!r}; known: {sorted(STRATEGIES)}") from None
