"""The market simulator: reproducible daily prices (GBM with Merton jumps) and the messy files offices
write them into, with the ground truth needed to prove ingestion loads or quarantines every row.

Pure Python/numpy/Polars; no Dagster here.
"""
from backintime_assets.simulation.calendar import business_days
from backintime_assets.simulation.layouts import CLEAN, Layout
from backintime_assets.simulation.manifest import FILE_MANIFEST, GROUND_TRUTH, read_file_manifest, read_ground_truth
from backintime_assets.simulation.options import FileOptions, SimulationReport
from backintime_assets.simulation.panel import simulate_prices
from backintime_assets.simulation.spec import LogUniform, MarketSpec, Normal, Uniform
from backintime_assets.simulation.universe import EXCHANGES, SECTORS, listings
from backintime_assets.simulation.writer import write_day, write_files

__all__ = [
    "MarketSpec", "Normal", "Uniform", "LogUniform", "business_days", "listings", "simulate_prices",
    "write_day", "write_files", "FileOptions", "SimulationReport", "Layout", "CLEAN", "SECTORS", "EXCHANGES",
    "GROUND_TRUTH", "FILE_MANIFEST", "read_ground_truth", "read_file_manifest",
]
