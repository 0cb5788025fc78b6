"""Migrate the source folder into the lake's raw zone, recording every file version in the manifest."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from backintime_assets.db import manifest
from backintime_assets.ingestion.sources import dates_held, home_date, raw_lake_key, scan, sha256_of
from backintime_assets.lake import LakeLocation


@dataclass
class MigrationReport:
    copied: list[str] = field(default_factory=list)
    unchanged: int = 0
    gone: int = 0
    problems: dict[str, str] = field(default_factory=dict)
    bytes_copied: int = 0


def migrate(conn, root: Path, location: LakeLocation) -> MigrationReport:
    """Copy new and changed files; an unchanged file (same size and mtime, or same content) is not copied."""
    report = MigrationReport()
    known = manifest.current_files(conn)
    fs = location.filesystem()
    from backintime_assets.ingestion.shared_layouts import LayoutMemory  # detection: not at code-location load

    found = scan(root)
    layouts = LayoutMemory()
    for source in found:
        previous = known.get(source.relative)
        if previous and previous.size_bytes == source.size_bytes and previous.modified_at == source.modified_at:
            report.unchanged += 1
            continue
        data = source.path.read_bytes()
        sha = sha256_of(data)
        if previous and previous.sha256 == sha:
            # Touched but not changed: note the new mtime, keep the copy we have.
            manifest.record(conn, manifest.RawFile(**{**previous.__dict__, "modified_at": source.modified_at}))
            report.unchanged += 1
            continue
        dates, problem = dates_held(data, source.relative, layouts)
        if not dates:
            # Nothing loadable, yet its lines must still land in rejected_rows with the reason:
            # give the file a date so that some partition's run reads it.
            dates = [home_date(source.relative, source.modified_at)]
        lake_path = location.path(raw_lake_key(sha, source.relative))
        if fs.get_file_info(lake_path).size != len(data):
            fs.create_dir(lake_path.rsplit("/", 1)[0], recursive=True)
            with fs.open_output_stream(lake_path) as out:
                out.write(data)
            report.bytes_copied += len(data)
        manifest.record(conn, manifest.RawFile(
            source.relative, sha, Path(source.relative).name, source.size_bytes, source.modified_at, lake_path, dates, problem,
        ))
        report.copied.append(source.relative)
        if problem:
            report.problems[source.relative] = problem
    report.gone = manifest.mark_missing(conn, {s.relative for s in found})
    return report
