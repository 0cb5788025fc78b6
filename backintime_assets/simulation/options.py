"""What files to write (shape, layout drift, damage, size profile) and what was written."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backintime_assets.simulation.spec import MarketSpec

SHAPES = ("daily", "archive")
DRIFTS = ("none", "eras", "random")
PROFILES = ("original",)


@dataclass
class FileOptions:
    shape: str = "daily"  # daily: one file per exchange and business day; archive: years of a ticker group
    drift: str = "none"  # none: the clean layout; eras: one layout per era; random: one per file
    pollution_rate: float = 0.0  # share of damaged rows, and of damaged (truncated/empty) files
    profile: str | None = None  # "original": the original archive's file-size mix (implies archive)
    scale: float = 1.0  # with a profile: multiplies every file size (file counts stay)
    xlsx_share: float = 0.0  # share of files written as .xlsx workbooks
    seed: int | None = None  # seed of layouts and damage; None = the market's seed
    era_years: int = 5  # drift="eras": a new layout every this many calendar years
    archive_tickers: int = 25  # archive shape: tickers per file
    archive_years: int = 5  # archive shape: calendar years per file (windows aligned to 1900)
    block_rows: int = 262_144  # rows formatted at a time: bounds memory, not file size

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"shape must be one of {SHAPES}, got {self.shape!r}")
        if self.drift not in DRIFTS:
            raise ValueError(f"drift must be one of {DRIFTS}, got {self.drift!r}")
        if self.profile is not None and self.profile not in PROFILES:
            raise ValueError(f"profile must be None or one of {PROFILES}, got {self.profile!r}")
        if not 0.0 <= self.pollution_rate <= 1.0:
            raise ValueError("pollution_rate must be within [0, 1]")
        if not 0.0 <= self.xlsx_share <= 1.0:
            raise ValueError("xlsx_share must be within [0, 1]")
        if self.scale <= 0:
            raise ValueError("scale must be positive")
        if min(self.era_years, self.archive_tickers, self.archive_years, self.block_rows) < 1:
            raise ValueError("era_years, archive_tickers, archive_years and block_rows must be >= 1")

    def file_seed(self, spec: MarketSpec) -> int:
        return spec.seed if self.seed is None else self.seed


@dataclass
class SimulationReport:
    files: list[Path] = field(default_factory=list)
    rows: int = 0  # data lines written, damaged ones included
    clean_rows: int = 0  # rows an ingestion should load
    bytes: int = 0
    ground_truth: Path | None = None  # _ground_truth.csv: file, line, kind of every non-clean line
    file_manifest: Path | None = None  # _files.csv: per file layout and expected row counts
    spec: MarketSpec | None = None  # the market actually written (a profile may add tickers)
    seconds: float = 0.0
