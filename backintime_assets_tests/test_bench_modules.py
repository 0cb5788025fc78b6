"""Every benchmark `make bench` runs imports and has its entry point: a broken one stops the
benches after it, and nothing else runs them."""
import importlib

import pytest

from bench.__main__ import MODULES


@pytest.mark.parametrize("name", MODULES)
def test_each_benchmark_module_imports_and_can_run(name):
    module = importlib.import_module(f"bench.{name}")
    assert callable(module.run)
