"""The settings every session starts with, and the driver JVM's options reaching the JVM."""
import pytest

from backintime_assets.resources.spark import SparkResource
from backintime_assets.services.spark import DRIVER_JAVA_OPTIONS, session_config

C2_THRESHOLD = "-XX:Tier4InvocationThreshold=50000"


@pytest.mark.parametrize(("java_options", "expected"), [
    (DRIVER_JAVA_OPTIONS, DRIVER_JAVA_OPTIONS),  # the product's sessions
    ("", None),  # a benchmark's plain-Spark baseline: the JVM as Spark ships it
])
def test_driver_java_options_are_set_only_when_given(java_options, expected):
    config = session_config(None, java_options=java_options)
    assert config.get("spark.driver.extraJavaOptions") == expected
    assert config["spark.sql.session.timeZone"] == "UTC"


def test_the_resource_ships_the_driver_options():
    assert C2_THRESHOLD in SparkResource().driver_java_options.split()
    assert SparkResource(driver_java_options="").driver_java_options == ""


@pytest.mark.spark
def test_the_driver_jvm_runs_with_the_options(spark):
    # pyspark hands the session's settings to spark-submit, which starts the JVM with them.
    arguments = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
    assert C2_THRESHOLD in list(arguments)
