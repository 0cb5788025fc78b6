"""Benchmarks: each module's `run(quick)` returns rows for one table, with ratios against baselines run alongside."""
