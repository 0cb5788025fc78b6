"""A file that borrowed a neighbour's schema (same header bytes) but reads differently deeper down
ends with every row loaded and its own schema in file_schemas."""
import json

import psycopg
import pytest
from dagster import materialize

from backintime_assets.db import file_schemas
from backintime_assets.definitions import ASSETS, build_resources
from backintime_assets.runner import range_tags
from backintime_assets_tests.assets.pipeline import INGEST, lake_prices, lake_rejections, settings_for
from backintime_assets_tests.ingestion.template_files import DAYS, template_file


@pytest.mark.spark
def test_a_file_that_does_not_fit_its_borrowed_schema_lands_whole_with_its_own(tmp_path, postgres_url, spark):
    settings = settings_for(tmp_path, postgres_url)
    settings.source_dir.mkdir(parents=True)
    texts = {f"desk_{k}.csv": template_file(f"N{k}", 40, grouping=True) for k in range(6)}
    # Smaller than their neighbours, so each lands in a detection slice after one of them; named as
    # the desk's files are, since a day/month order is lent only within one source (shared_layouts).
    dots_name, us_name = "desk_6.csv", "desk_7.csv"
    texts[dots_name] = template_file("A", 30, dot_decimal_after=150)
    texts[us_name] = template_file("B", 30, date_format="%m/%d/%Y")
    for name, text in texts.items():
        (settings.source_dir / name).write_text(text)

    result = materialize(ASSETS, resources=build_resources(settings), selection=INGEST,
                         tags=range_tags(DAYS[0], DAYS[-1]))
    assert result.success

    prices = lake_prices(settings)
    assert len(prices) == 6 * 400 + 2 * 300 and len(lake_rejections(settings)) == 0
    assert set(prices.loc[prices["source_file"] == dots_name, "close"]) == {10.0, 10.5}
    assert set(prices.loc[prices["source_file"] == us_name, "date"].astype(str)) == {str(d) for d in DAYS}
    with psycopg.connect(postgres_url) as conn:
        def stored(name):
            return file_schemas.final_schema(conn, file_schemas.current_sha256(conn, name))

        # Borrowing happened (the neighbours kept theirs), and the two odd files now show their own.
        assert any(stored(name).get("borrowed_from") for name in texts if name not in (dots_name, us_name))
        dots, us_dates = stored(dots_name), stored(us_name)
        assert (dots["decimal"], dots["thousands"], dots.get("borrowed_from")) == (".", None, None)
        assert us_dates["columns"][0]["format"] == "%m/%d/%Y" and us_dates.get("borrowed_from") is None
        layouts = dict(conn.execute("select source_path, dialect from file_layouts").fetchall())
        assert json.loads(json.dumps(layouts[dots_name]))["decimal"] == "."
