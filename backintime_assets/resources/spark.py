"""The Spark session as a resource: `local[*]` by default, or a standalone/YARN master."""
from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource

from backintime_assets.services.spark import DRIVER_JAVA_OPTIONS, build_spark_session


class SparkResource(ConfigurableResource):
    master: str = "local[*]"
    event_log_dir: str = ""
    driver_memory: str = "2g"
    shuffle_partitions: int = 8
    driver_java_options: str = DRIVER_JAVA_OPTIONS  # "" for the JVM's own (services/spark.py)

    def get_session(self):
        return build_spark_session(
            self.master,
            Path(self.event_log_dir) if self.event_log_dir else None,
            driver_memory=self.driver_memory,
            shuffle_partitions=self.shuffle_partitions,
            java_options=self.driver_java_options,
        )
