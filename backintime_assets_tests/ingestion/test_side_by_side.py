"""Files of several tickers side by side through the raw step's survey and the conversion, in
process (a stand-in for Spark runs each task where it is called)."""
import datetime as dt
import hashlib

from backintime_assets.ingestion.accounting import StoredRows, prove_rows_accounted_for
from backintime_assets.ingestion.convert import convert_files
from backintime_assets.ingestion.parsed import FileTask
from backintime_assets.ingestion.survey import SurveyTask, survey_files
from backintime_assets.lake.schemas import PRICES, REJECTED_ROWS
from backintime_assets.lake.tables import read_arrow


class _Partitions:
    def __init__(self, items):
        self.items = list(items)

    def mapPartitions(self, work):  # noqa: N802 (Spark's name)
        return _Partitions(out for item in self.items for out in work(iter([item])))

    def collect(self):
        return self.items


class _Context:
    defaultParallelism = 1

    def parallelize(self, items, _slices):
        return _Partitions(items)


class _InProcess:
    sparkContext = _Context()


YF = ("Price,Close,Close,Volume,Volume\nTicker,AAPL,MSFT,AAPL,MSFT\nDate,,,,\n"
      "2025-02-10,230.1,,50000,\n2025-02-11,231.5,410.2,51000,21000\n2025-02-12,-1,411.0,52000,22000\n")
BBG = ("AAPL US Equity,,IBM US Equity,\nDate,PX_LAST,Date,PX_LAST\n"
       "2025-02-10,230.1,2025-02-10,250.5\n2025-02-11,231.5,2025-02-11,251.0\n2025-02-12,232.0,,\n")


def test_side_by_side_files_are_surveyed_and_converted_a_row_per_ticker_and_every_row_counted(local_lake):
    fs = local_lake.filesystem()
    fs.create_dir(local_lake.path("raw"), recursive=True)
    surveys, tasks = {}, []
    texts = {"yf.csv": YF, "bbg.csv": BBG}
    for name, text in texts.items():
        data = text.encode()
        with fs.open_output_stream(local_lake.path("raw", name)) as out:
            out.write(data)
    found = survey_files(_InProcess(), local_lake, [
        SurveyTask(name, local_lake.path("raw", name), name, len(text),
                   sha256=hashlib.sha256(text.encode()).hexdigest())
        for name, text in texts.items()])
    for priority, (name, text) in enumerate(texts.items()):
        surveys[name] = survey = found[name]
        assert survey.problem is None and survey.parsed_path  # the conversion reads the rows kept
        tasks.append(FileTask(local_lake.path("raw", name), name, survey.schema_json, survey.dates[0], priority,
                              len(text), survey.parsed_path, tuple(survey.dates)))
    days = [dt.date(2025, 2, d) for d in (10, 11, 12)]
    assert surveys["yf.csv"].dates == days and surveys["bbg.csv"].dates == days
    conversion = convert_files(_InProcess(), local_lake, tasks, [d.isoformat() for d in days], "t")
    accounting = {a["source_file"]: a for a in conversion.accounting}
    assert accounting["yf.csv"] == {"source_file": "yf.csv", "rows_read": 6, "file_problem": None, "loaded": 4,
                                        "rejected": 2, "loaded_in_run": 4, "rejected_in_run": 2}
    assert accounting["bbg.csv"] == {"source_file": "bbg.csv", "rows_read": 6, "file_problem": None, "loaded": 5,
                                     "rejected": 1, "loaded_in_run": 5, "rejected_in_run": 1}
    prices = read_arrow(local_lake, "prices", PRICES)
    rejected = read_arrow(local_lake, "rejected_rows", REJECTED_ROWS)
    stored = StoredRows(prices, rejected)
    assert prove_rows_accounted_for(conversion.accounting, stored, list(texts), {}, days).finding.passed
    closes = sorted((r["ticker"], str(r["date"]), r["close"], r["source_file"]) for r in prices.to_pylist())
    assert closes == [
        ("AAPL", "2025-02-10", 230.1, "yf.csv"), ("AAPL", "2025-02-11", 231.5, "yf.csv"),
        ("AAPL US EQUITY", "2025-02-10", 230.1, "bbg.csv"), ("AAPL US EQUITY", "2025-02-11", 231.5, "bbg.csv"),
        ("AAPL US EQUITY", "2025-02-12", 232.0, "bbg.csv"),
        ("IBM US EQUITY", "2025-02-10", 250.5, "bbg.csv"), ("IBM US EQUITY", "2025-02-11", 251.0, "bbg.csv"),
        ("MSFT", "2025-02-11", 410.2, "yf.csv"), ("MSFT", "2025-02-12", 411.0, "yf.csv")]
    assert sorted((r["source_file"], r["source_line"], r["reason"]) for r in rejected.to_pylist()) == [
        ("bbg.csv", 5, "IBM US EQUITY: empty row"),
        ("yf.csv", 4, "MSFT: empty row"), ("yf.csv", 6, "AAPL: non-positive price: close")]
