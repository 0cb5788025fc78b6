"""A bond list whose only date is each bond's maturity, under a name detection does not know, ingested:
refused whole for its dates after the file arrived, every row in rejected_rows with the reason, none
loaded (the past maturity was loaded as a close, the future ones held to load on their days), while a
daily file beside it loads."""
import os
from datetime import date, datetime

import pytest

from backintime_assets_tests.assets.pipeline import cli_home, ingest_range, lake_prices, lake_rejections

# A bond matured last Friday, two years and decades on: the "Rückzahlung" column read as the rows' dates.
BONDS = ("ISIN;Bezeichnung;Rückzahlung;Kurs\nDE0001102341;Bund 2,5% 15/25;28.02.2025;99,80\n"
         "DE0001102382;Bund 1% 15/46;15.08.2046;71,25\nDE0001141810;Bobl 2,2% 24/89;13.04.2089;100,15\n")
FRIDAY, TUESDAY = date(2025, 2, 28), date(2025, 3, 4)


@pytest.mark.spark
def test_a_bond_list_dated_by_maturities_is_refused_and_loads_nothing(tmp_path, postgres_url, spark, monkeypatch):
    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    (settings.source_dir / "anleihen.csv").write_text(BONDS, encoding="utf-8")
    (settings.source_dir / "daily.csv").write_text("Date,Symbol,Close\n2025-03-03,AAA,10.5\n")
    stamp = datetime(2025, 3, 4, 18).timestamp()  # where the refused list files its rows: its home date
    os.utime(settings.source_dir / "anleihen.csv", (stamp, stamp))
    ingest_range(settings, FRIDAY, TUESDAY)

    prices = lake_prices(settings)
    assert prices[["ticker", "close"]].values.tolist() == [["AAA", 10.5]]  # not the bond's 99.80 of 28 February
    rejected = lake_rejections(settings)
    bonds = rejected[rejected["source_file"].str.endswith("anleihen.csv")]
    assert len(bonds) == 3
    reasons = set(bonds["reason"])
    assert len(reasons) == 1
    (reason,) = reasons
    assert reason.startswith("file problem: dates up to 2089-04-13 in column 'Rückzahlung', after the file arrived on ")
    assert "a maturity or expiry, not a trade date?" in reason


@pytest.mark.spark
def test_a_bond_list_loaded_before_the_rule_is_taken_out_at_the_next_ingest(tmp_path, postgres_url, spark,
                                                                           monkeypatch):
    from backintime_assets.ingestion import raw

    settings = cli_home(tmp_path, postgres_url, monkeypatch)
    (settings.source_dir / "anleihen.csv").write_text(BONDS, encoding="utf-8")
    (settings.source_dir / "daily.csv").write_text("Date,Symbol,Close\n2025-03-03,AAA,10.5\n")
    stamp = datetime(2025, 3, 4, 18).timestamp()
    os.utime(settings.source_dir / "anleihen.csv", (stamp, stamp))
    # Ingested by a version before the rule: the matured bond's price loaded as a close on 28 February.
    with monkeypatch.context() as before_the_rule:
        before_the_rule.setattr(raw, "refuse_after_arrival", lambda surveys, arrived: {})
        before_the_rule.setattr(raw, "_refuse_stored_after_arrival", lambda *args: None, raising=False)
        ingest_range(settings, FRIDAY, TUESDAY)
    assert sorted(lake_prices(settings)["close"].tolist()) == [10.5, 99.8]

    # The same folder ingested again: the stored detection is judged, the bond's close taken out, its rows rejected.
    ingest_range(settings, FRIDAY, TUESDAY)
    assert lake_prices(settings)[["ticker", "close"]].values.tolist() == [["AAA", 10.5]]
    rejected = lake_rejections(settings)
    bonds = rejected[rejected["source_file"].str.endswith("anleihen.csv")]
    assert sorted(bonds["source_line"]) == [2, 3, 4]
    assert all(r.startswith("file problem: dates up to 2089-04-13 in column 'Rückzahlung', after the file arrived on ")
               for r in bonds["reason"])
