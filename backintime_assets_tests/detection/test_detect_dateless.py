"""A table no column, title or name dates is refused for that, not as several tickers side by side."""
from backintime_assets.detection import detect_bytes
from backintime_assets.normalisation import normalise_bytes

# bytesized_course's stocks.csv, shortened: a snapshot of a few companies, no date anywhere.
SNAPSHOT = (b"Ticker Symbol,Company Name,Closing Price,Opening Price,Last Year High,Last Year Low\n"
            b"FB,Facebook,171.69,173.51,190.21,169.1\nGOOGL,Alphabet,947.45,945.21,940.8,911.77\n")
# sa_tadawul_2025's tableau_sector_summary.csv, shortened.
SUMMARY = (b"Sector,Total_Value_Traded_SAR,Start_Close,End_Close,Price_Change_Pct\n"
           b"Banks,240760211448.23,12325.36,12194.17,-1.06\nBasic Materials,173537873962.32,5572.87,4943.15,-11.29\n")


def test_a_dateless_snapshot_is_refused_for_its_missing_date():
    for data in (SNAPSHOT, SUMMARY):
        schema = detect_bytes(data, "stocks.csv")
        result = normalise_bytes(data, schema, "stocks.csv")
        assert result.prices_arrow.num_rows == 0 and result.file_problem == "no date column"
        assert result.rejected.reason.tolist() == ["file problem: no date column"] * 2


def test_a_day_s_list_dated_by_its_name_keeps_the_side_by_side_refusal():
    # Dated by its name, the labels are what is wrong: "Last Year High" beside "Closing Price" is another series.
    schema = detect_bytes(SNAPSHOT, "stocks_2024-01-02.csv")
    assert schema.problem.startswith("prices of several tickers side by side?")
