"""An office's folder of daily files, a file a day from a month's first days, surveyed end to end: every row
must load on its day with the values written. Written apart from detection/render.py, in one locale's customs.

Its days up to the 12th, no file's date reads one way only ("02/01/2024"): the order is the office's files'
read together (pooled_order.py), or a folder's date (filename.date_in_path), or, a file of the first week a
month apart from another, a sibling's day above 12 (sibling_order.py). Prices of two or four decimals: three
("5,775") read either way by the locale alone (test_office_exports.py says why)."""
import csv
import io
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backintime_assets.detection import FileSchema
from backintime_assets.ingestion.survey import survey_files
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.ingestion.surveyed_here import survey_tasks

# delimiters, decimal mark, thousands marks, date formats with a day and a month in numbers
LOCALES = {
    "us": ([",", "\t"], ".", [None, ","], ["%m/%d/%Y", "%m/%d/%y"]),
    "uk": ([",", "\t"], ".", [None, ","], ["%d/%m/%Y", "%d/%m/%y"]),
    "de": ([";", "\t"], ",", [None, "."], ["%d.%m.%Y", "%d.%m.%y"]),
    "fr": ([";", "\t"], ",", [None, " "], ["%d/%m/%Y", "%d/%m/%y"]),
}
HEADERS = {"us": "Date|Symbol|Close|Volume", "uk": "Trade Date|Ticker|Close Price|Volume",
           "de": "Datum|Kürzel|Schlusskurs|Umsatz", "fr": "Date|Code|Clôture|Volume"}
NAMES = ["export ({n}).csv", "day_{n:03d}.csv", "{day:%Y}/{day:%m}/{day:%d}/prices.csv", "{day:%Y%m%d}/prices.csv"]
TICKERS = ["ACME", "BHP", "SAP", "VOD", "7203"]


def _number(x: float, decimals: int, mark: str, thousands: str | None) -> str:
    whole, _, fraction = f"{x:,.{decimals}f}".partition(".")
    return whole.replace(",", thousands or "") + mark + fraction


@st.composite
def histories(draw):
    locale = draw(st.sampled_from(sorted(LOCALES)))
    delimiters, mark, groupings, formats = LOCALES[locale]
    delimiter, grouping, fmt = (draw(st.sampled_from(x)) for x in (delimiters, groupings, formats))
    decimals = draw(st.sampled_from([2, 4]))
    first = date(draw(st.integers(2005, 2024)), draw(st.integers(1, 12)), 1)
    days = [d for d in (first + timedelta(k) for k in range(12)) if d.weekday() < 5][:draw(st.integers(3, 7))]
    tickers = draw(st.lists(st.sampled_from(TICKERS), min_size=1, max_size=3, unique=True))
    name = draw(st.sampled_from(NAMES))
    title = draw(st.sampled_from(["", "Daily prices\n"]))
    rng = draw(st.randoms(use_true_random=False))
    files, truth = {}, {}
    for n, day in enumerate(days, 1):
        out = io.StringIO()
        out.write(title)
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")  # quotes a '1,000' split by ','
        writer.writerow(HEADERS[locale].split("|"))
        for ticker in tickers:
            close = round(rng.uniform(1, 5000), decimals)
            volume = rng.randrange(100, 5_000_000)
            truth[(ticker, day)] = (close, volume)
            writer.writerow([day.strftime(fmt), ticker, _number(close, decimals, mark, grouping),
                             _number(volume, 0, "", grouping)])
        files[name.format(n=n, day=day)] = out.getvalue().encode("utf-8")
    return files, truth


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories())
def test_an_office_s_first_days_load_on_their_days(in_process, history):
    files, truth = history
    with tempfile.TemporaryDirectory(prefix="office_") as folder:  # an example each: 25 folders a run
        found = survey_files(None, in_process, survey_tasks(Path(folder), files), slices=2)
    loaded = {}
    for name, data in files.items():
        result = normalise_bytes(data, FileSchema.from_json(found[name].schema_json), name)
        for row in result.prices_arrow.to_pylist():
            loaded[(row["ticker"], row["date"])] = (row["close"], row["volume"])
    assert loaded == truth
