"""A strategy chosen by name and settings (the launchpad's, the CLI's): the object that runs it, the
name its results are stored under and the parameters stored with every row."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from backintime_assets.strategies.base import Strategy
from backintime_assets.strategies.naming import strategy_name_problem
from backintime_assets.strategies.params import MaCrossoverParams
from backintime_assets.strategies.registry import MaCrossover
from backintime_assets.strategies.sql_strategy import SqlStrategy


@dataclass(frozen=True)
class Choice:
    strategy: Strategy
    name: str
    stored_params: dict


def choose_strategy(strategy: str, name: str = "", sql: str = "", fast: int = 10, slow: int = 50,
                    amount: float = 100.0, min_price: float = 0.1, max_price: float = 1000.0) -> Choice:
    """ValueError, saying what to change, for settings that cannot run."""
    if strategy == "ma_crossover":
        params = MaCrossoverParams(fast=fast, slow=slow, amount=amount, min_price=min_price, max_price=max_price)
        name = name or "ma_crossover"
        chosen = Choice(MaCrossover(params=params, name=name), name, asdict(params))
    elif strategy == "sql":
        if not sql.strip():
            raise ValueError("strategy 'sql' needs the sql setting: a query over the view `prices`")
        if not name:
            raise ValueError("strategy 'sql' needs a name to store its results under")
        chosen = Choice(SqlStrategy(name=name, sql=sql), name,
                        {"sql": sql, "min_price": min_price, "max_price": max_price})
    else:
        raise ValueError(f"unknown strategy {strategy!r}: use 'ma_crossover' or 'sql'")
    problem = strategy_name_problem(chosen.name)
    if problem:
        raise ValueError(problem)
    return chosen
