from backintime_assets.strategies.trades import EXIT_COLUMNS, EXIT_SPARK_TYPES, TRADE_COLUMNS, TRADE_SPARK_TYPES


def test_every_column_has_one_spark_type():
    assert list(TRADE_SPARK_TYPES) == TRADE_COLUMNS
    assert list(EXIT_SPARK_TYPES) == EXIT_COLUMNS
    assert not set(TRADE_COLUMNS) & set(EXIT_COLUMNS)
