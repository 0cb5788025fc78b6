"""Stores a Spark DataFrame as `<lake>/<asset>/date=YYYY-MM-DD/` and loads it back, per partition window.

Unlike the built-in UPath IO managers this accepts outputs that span many partitions, so a
single-run backfill of a year writes one run's worth of dates in one Spark job.
"""
from __future__ import annotations

from dagster import ConfigurableIOManager, InputContext, MetadataValue, OutputContext, TableColumn, TableSchema

from backintime_assets.lake.schemas import SORT_KEYS, TABLES
from backintime_assets.lake.tables import WrittenDates, read_arrow, read_dates, write_dates
from backintime_assets.metadata import markdown_table
from backintime_assets.resources import LakeResource, SparkResource

PREVIEW_ROWS = 5


class LakeParquetIOManager(ConfigurableIOManager):
    lake: LakeResource
    spark: SparkResource

    def handle_output(self, context: OutputContext, obj) -> None:
        table = context.asset_key.path[-1]
        if not context.has_asset_partitions:
            raise ValueError(f"{table}: the lake stores date-partitioned tables only")
        dates = sorted(context.asset_partition_keys)
        location = self.lake.location()
        if isinstance(obj, WrittenDates):  # the asset wrote the dates itself
            if obj.table != table or sorted(obj.dates) != dates:
                raise ValueError(f"{table}: the asset wrote {obj.table} for {len(obj.dates)} dates, "
                                 f"but the run's partitions are {len(dates)} dates of {table}")
            written, preview = obj.files, _written_preview(location, table, obj)
        else:
            written = write_dates(obj, location, table, dates, context.run_id.split("-")[0], SORT_KEYS[table])
            preview = _preview(obj)
        rows = sum(w.rows for w in written)
        context.add_output_metadata({
            "dagster/row_count": rows,
            "dates_written": len(written),
            "dates_in_run": len(dates),
            "location": MetadataValue.text(f"{location.display()}/{table}"),
            "dagster/column_schema": _table_schema(table),
            "preview": MetadataValue.md(preview),
        })

    def load_input(self, context: InputContext):
        table = context.upstream_output.asset_key.path[-1]
        dates = None
        if context.has_asset_partitions:
            keys = context.asset_partition_keys
            partitions_def = context.upstream_output.asset_partitions_def
            # Reading every partition is "the whole table": list what exists instead of thousands of keys.
            if partitions_def is None or len(keys) < partitions_def.get_num_partitions():
                dates = list(keys)
        return read_dates(self.spark.get_session(), self.lake.location(), table, TABLES[table], dates)


def _table_schema(table: str) -> TableSchema:
    columns = [TableColumn("date", "date")]
    columns += [TableColumn(f.name, str(f.type)) for f in TABLES[table]]
    return TableSchema(columns=columns)


def _preview(df) -> str:
    return markdown_table(df.limit(PREVIEW_ROWS).toPandas(), PREVIEW_ROWS)


def _written_preview(location, table: str, written: WrittenDates) -> str:
    first = next((w.date for w in written.files if w.rows), None)
    rows = read_arrow(location, table, TABLES[table], [first] if first else [])
    return markdown_table(rows.slice(0, PREVIEW_ROWS).to_pandas(), PREVIEW_ROWS)
