"""Records the dates an asset wrote to `<lake>/<asset>/date=YYYY-MM-DD/` and loads them back as a
Spark DataFrame, per partition window.

The conversion writes its dates itself, in Spark tasks (ingestion/convert.py): unlike the built-in
UPath IO managers, outputs may span many partitions, so a single-run backfill of a year is one run.
"""
from __future__ import annotations

from dagster import ConfigurableIOManager, InputContext, MetadataValue, OutputContext, TableColumn, TableSchema

from backintime_assets.lake.schemas import TABLES
from backintime_assets.lake.tables import WrittenDates, read_arrow, read_dates
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
        if not isinstance(obj, WrittenDates):
            raise TypeError(f"{table}: expected the WrittenDates the asset wrote, got {type(obj).__name__}")
        if obj.table != table or sorted(obj.dates) != dates:
            raise ValueError(f"{table}: the asset wrote {obj.table} for {len(obj.dates)} dates, "
                             f"but the run's partitions are {len(dates)} dates of {table}")
        context.add_output_metadata({
            "dagster/row_count": obj.rows,
            "dates_written": len(obj.files),
            "dates_in_run": len(dates),
            "location": MetadataValue.text(f"{location.display()}/{table}"),
            "dagster/column_schema": _table_schema(table),
            "preview": MetadataValue.md(_preview(location, table, obj)),
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


def _preview(location, table: str, written: WrittenDates) -> str:
    first = next((w.date for w in written.files if w.rows), None)
    rows = read_arrow(location, table, TABLES[table], [first] if first else [])
    return markdown_table(rows.slice(0, PREVIEW_ROWS).to_pandas(), PREVIEW_ROWS)
