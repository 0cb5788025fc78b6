import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.footer import footer_start, note_row, summary_row
from backintime_assets.detection.numbers import to_float
from backintime_assets.normalisation import normalise_bytes


def _number(cell):
    return to_float(cell, ".", None)


@pytest.mark.parametrize(
    "fields",
    [["TOTAL", "", "", "", "2088334"], ["", "Total:", "", "", "12"], ["Summe", "", "", "", ""],
     ["Gesamt", "", "", "", "5"], ["Grand total", "", "", "", ""], ["TOTAL 2088334"], ["Total rows: 12"],
     ["Sum", "", "", "3", "4"]],
)
def test_summary_rows(fields):
    assert summary_row(fields, 5, date_columns=[1])


@pytest.mark.parametrize(
    "fields",
    [["SUM", "2020-01-02", "Tech", "10.5", "100"],  # a ticker that happens to read "SUM"
     ["AAPL", "2020-01-02", "Tech", "10.5", "100"], ["Totally", "", "", "", ""], ["<<corrupt>>"]],
)
def test_not_summary_rows(fields):
    assert not summary_row(fields, 5, date_columns=[1])


def test_notes():
    assert note_row(["Source: exchange"]) and note_row(["© 2024 Data Corp"]) and note_row(["End of report"])
    assert not note_row(["????????"]) and not note_row(["NULL"]) and not note_row(["<<corrupt>>"])


def test_a_reports_count_of_rows_and_its_page_are_notes():
    for note in ("1 rows", "12 records", "3 rows selected", "Page 1", "Page 1 of 1", "Seite 2 von 3"):
        assert note_row([note]), note
    assert not note_row(["12"]) and not note_row(["Page"]) and not note_row(["1 row 2"])


@pytest.mark.parametrize("notes", [["1 rows", "Source: exchange"], ["Page 1 of 1", "1 rows"],
                                   ["End of report", "1 rows", "Page 1"]])
def test_a_one_row_days_table_above_a_count_of_rows_and_a_page_is_the_table(notes):
    # An office's daily report of one ticker: its header and one row above two or three lines of one
    # field. Those outnumbered the table, whose width lost the vote: "1 rows" was taken for the header
    # of a one-column table and the file refused "no date or close column".
    data = ("Fecha,Code,Close Price\n20120730,AAPL,741.560\n" + "".join(f"{n}\n" for n in notes)).encode()
    schema = detect_bytes(data, "prices.csv")
    assert [c.canonical for c in schema.columns] == ["date", "ticker", "close"]
    assert (schema.header_row, schema.data_start_line, schema.footer_lines) == (0, 1, len(notes))


def test_a_note_marked_as_a_comment_ends_the_data():
    # TDX's newer daily exports end with "#数据来源:通达信" (older ones without the '#'): the line
    # had been read as a row of one field and rejected ("wrong field count").
    assert note_row(["#数据来源:通达信"]) and note_row(["# Source: exchange"])
    assert not note_row(["#N/A"]) and not note_row(["#"])
    data = ("688019 澜起科技 日线 前复权\r\n日期\t开盘\t最高\t最低\t收盘\t成交量\t成交额\r\n"
            "2026/04/10\t190.00\t195.00\t189.00\t194.00\t1000\t194000.00\r\n"
            "2026/04/13\t195.00\t200.00\t194.00\t196.00\t1100\t215600.00\r\n"
            "#数据来源:通达信\r\n").encode("gb18030")
    schema = detect_bytes(data, "SH#688019.txt")
    result = normalise_bytes(data, schema, "SH#688019.txt")
    assert result.prices["close"].tolist() == [194.0, 196.0]
    assert result.rejected.empty


def data_like(fields):
    return len(fields) == 3 and fields[1].replace(".", "").isdigit()


ROWS = [(1, ["2020-01-02", "10.5", "x"]), (2, ["2020-01-03", "10.6", "x"])]


def test_footer_needs_a_blank_line_a_total_or_a_note():
    assert footer_start(ROWS + [(3, ["<<corrupt>>"])], [], data_like, 3, []) is None
    assert footer_start(ROWS + [(4, ["<<corrupt>>"])], [3], data_like, 3, []) == 2  # set off by a blank
    assert footer_start(ROWS + [(3, ["NULL"]), (4, ["TOTAL", "", "5"])], [], data_like, 3, []) == 3
    assert footer_start(ROWS + [(3, ["Source: x"]), (4, ["garbage"])], [], data_like, 3, []) == 2


def test_footer_in_a_tail_sample_counts_lines_from_the_end():
    tail = [(4, ["2020-06-30", "1.5", "x"]), (3, ["2020-07-01", "1.5", "x"]), (1, ["zzz"])]
    assert footer_start(tail, [2], data_like, 3, [], from_end=True) == 2
    assert footer_start(tail[:2] + [(2, ["zzz"])], [], data_like, 3, [], from_end=True) is None


def test_a_footer_may_run_to_dozens_of_lines():
    notes = [(3 + k, ["Notes:" if k == 0 else f"line {k} of a disclaimer"]) for k in range(60)]
    assert footer_start(ROWS + notes, [], data_like, 3, []) == 2


def test_a_long_footer_runs_over_lines_of_words_not_over_lines_of_figures():
    # Rows another export appended in its own dialect ("2015-01-05;10.5;x") are not notes: past
    # the first 30 lines they end the footer, so they stay in the data and are rejected, where as
    # footer lines they were dropped without a trace (review of 3aa9165).
    figures = [(4 + k, [f"2020-02-{1 + k % 28:02d};1{k}.5;x"]) for k in range(60)]
    assert footer_start(ROWS + figures, [3], data_like, 3, []) is None
    assert footer_start(ROWS + figures[:20], [3], data_like, 3, []) == 2  # a short one: as before
    words = [(4 + k, [f"line {k} of a disclaimer"]) for k in range(60)]
    assert footer_start(ROWS + words, [3], data_like, 3, []) == 2


@pytest.mark.parametrize(
    "fields",
    [["Transactions Total", "", "", "", "$178.66"], ["Account Total", "--", "--", "$13,727.00", "N/A"],
     ["Portfolio totals:", "", "", "", ""]],
)
def test_summary_rows_labelled_at_their_end(fields):
    # Broker exports label their totals "<what> Total"; "--" and "N/A" fill no cell.
    assert summary_row(fields, 5, date_columns=[])


def test_a_row_named_like_a_total_that_is_data_is_not_a_summary():
    assert not summary_row(["Grand Total Fund", "2020-01-02", "Fund", "10.5", "100"], 5, date_columns=[1])
    assert not summary_row(["Total", "2020-01-02", "Tech", "10.5", "100"], 5, date_columns=[1])


@pytest.mark.parametrize("fields", [
    ["2021-03-01", "VTI", "Vanguard Total", "40.5", "", "", "", ""],  # a fund named "... Total"
    ["2021-03-01", "DDD", "40.5", "", "", "", "Consumer Total"],  # a sector
])
def test_a_data_row_holding_a_name_that_ends_in_total_is_not_a_summary(fields):
    # Only a label leading its row ("Account Total,--,--,$300.00") ends in the keyword: a name in
    # a later cell of a dated row is the row's data.
    assert not summary_row(fields, len(fields), date_columns=[0])


def test_a_full_row_labelled_at_its_end_in_the_date_column_is_a_summary():
    assert summary_row(["Account Total", "AAA", "10.5", "300", "1.2"], 5, date_columns=[0])


def test_na_cells_of_a_dated_row_whose_ticker_is_a_keyword_still_fill_it():
    # "SUM" is a ticker (Summit Materials): with a date, its row's "N/A" are a data row's missing
    # values, not the empty cells of a totals line.
    assert not summary_row(["2021-03-01", "SUM", "40.5", "N/A", "N/A", "N/A", "N/A"], 7, date_columns=[0])


def test_a_download_stamp_below_the_data_is_a_note():
    """Barchart ends its exports with a quoted "Downloaded from ..." line: a footer, not a damaged row."""
    data = (b"Time,Open,High,Low,Latest,Change,%Change,Volume\n"
            b"03/20/2020,2410.25,2412.00,2401.50,2405.00,-5.25,-0.22%,15321\n"
            b"03/19/2020,2415.00,2418.75,2409.25,2410.25,-4.75,-0.20%,20110\n"
            b'"Downloaded from Barchart.com as of 03-20-2020 09:52am CDT"\n')
    schema = detect_bytes(data, "ESM20_Barchart_Interactive_Chart_Daily.csv")
    result = normalise_bytes(data, schema, "ESM20_Barchart_Interactive_Chart_Daily.csv")
    assert schema.footer_lines == 1
    assert result.rejected_arrow.num_rows == 0 and result.prices_arrow["close"].to_pylist() == [2405.0, 2410.25]
    assert note_row(["Downloaded from Barchart.com as of 03-20-2020 09:52am CDT"])


def test_a_label_in_another_script_below_the_data_is_a_note():
    """通达信 (TDX) ends its GBK exports with "数据来源:通达信" (data source): a footer, not a row of the
    wrong field count; a full-width colon needs no blank after it either."""
    assert note_row(["数据来源:通达信"]) and note_row(["出典：日本取引所グループ"]) and not note_row(["AAPL:US"])
    text = ("600000 浦发银行 日线 不复权\r\n      日期\t    开盘\t    最高\t    最低\t    收盘\t    成交量\r\n"
            + "".join(f"2024/01/0{d}\t6.57\t6.60\t6.52\t6.5{d}\t2451932{d}\r\n" for d in (2, 3, 4, 5, 8))
            + "数据来源:通达信\r\n")
    data = text.encode("gbk")
    schema = detect_bytes(data, "600000.txt")
    result = normalise_bytes(data, schema, "600000.txt")
    assert schema.footer_lines == 1 and result.file_problem is None
    assert result.rejected_arrow.num_rows == 0
    assert result.prices_arrow["close"].to_pylist() == [6.52, 6.53, 6.54, 6.55, 6.58]


def test_a_rule_line_above_the_notes_starts_the_footer():
    # Destatis' GENESIS exports draw a rule of underscores between the table and its copyright and
    # "Stand:" lines. Left in the data, it was rejected as a damaged row on every file.
    footer = [(3, ["__________", "", ""]), (4, ["© Statistisches Bundesamt (Destatis), 2022", "", ""]),
              (5, ["Stand: 28.07.2022 / 20:34:46", "", ""])]
    assert footer_start(ROWS + footer, [], data_like, 3, []) == 2
    assert note_row(["=========="]) and not note_row(["__"]) and not note_row(["---"])


HDFC = ("HDFC BANK LTD\r\nAccount No : 50100123456789\r\nStatement From : 01/09/26 To : 09/10/26\r\n\r\n"
        "Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance\r\n"
        '01/09/26,"UPI-SWIGGY-swiggy@axisbank",0000123456,01/09/26,"2,500.00",,"1,18,043.75"\r\n'
        '03/09/26,"SALARY SEP 2026 ACME PVT LTD",NEFT001,03/09/26,,"85,000.00","2,03,043.75"\r\n'
        '07/09/26,"ATM WDL-KORAMANGALA",ATM9988,07/09/26,"10,000.00",,"1,93,043.75"\r\n'
        '08/09/26,"AMB CHG INCL GST",,08/09/26,"354.00",,"1,92,689.75"\r\n'
        ",,,,,,\r\nSTATEMENT SUMMARY :-,,,,,,\r\nOpening Balance,,,,Dr Count,Cr Count,Closing Bal\r\n"
        '"1,20,543.75",,,,3,1,"1,92,689.75"\r\n')


def test_an_undated_summary_block_set_off_below_dated_rows_is_the_footer():
    # An Indian bank's statement ends in a summary block below a line of commas: its last row, figures
    # under the amount columns, read as data, so no footer was found and the block's words ("Dr
    # Count", "Closing Bal") made text of the three amount columns.
    schema = detect_bytes(HDFC.encode(), "statement.csv")
    assert schema.header_row == 4 and schema.footer_lines == 3
    types = {c.name: c.type for c in schema.columns}
    assert types["Withdrawal Amt."] == types["Deposit Amt."] == types["Closing Balance"] == "float"


def test_undated_rows_right_below_the_data_or_dated_otherwise_stay_data():
    # An undated block is a footer only when a blank line sets it off from the dated rows and it
    # starts with a row that is no data (a title, labels), wherever in the run it sits. Right below
    # the data, or figures only, they are damaged rows, to be rejected; dated in another format past
    # the break, they are the data's.
    dated = lambda f: f[0].startswith("2024")  # noqa: E731
    rows = [(0, ["2024-01-02", "1", "x"]), (1, ["2024-01-03", "2", "x"]), (3, ["SUMMARY"]), (5, ["", "4", "x"])]
    assert footer_start(rows, [], data_like, 3, [0], dated=dated) is None
    assert footer_start(rows, [2], data_like, 3, [0], dated=dated) == 2
    assert footer_start(rows[:3] + [(5, ["Totals"]), (6, ["", "4", "x"])], [4], data_like, 3, [0], dated=dated) == 3
    assert footer_start(rows, [2], data_like, 3, [0]) is None  # no date column: nothing to tell by
    shaped = lambda f: f[0][:1].isdigit()  # noqa: E731  (as layout's: any date-like cell)
    assert footer_start(rows[:2] + [(3, ["03.01.2024", "5", "x"])], [2], data_like, 3, [0], dated=shaped) is None


def test_a_days_prices_set_off_below_with_a_date_we_cannot_read_are_rejected_not_a_footer():
    # A price file's last days below a blank line, their dates an Excel serial, "Jan 31" or none:
    # rows of prices, data-like. Taken for an undated summary block, they were dropped unseen as
    # the footer; rejected for their date, they are counted.
    rows = [(0, ["2024-01-02", "1", "x"]), (1, ["2024-01-03", "2", "x"]), (3, ["45295", "3", "x"]), (4, ["", "4", "x"])]
    assert footer_start(rows, [2], data_like, 3, [0], dated=lambda f: f[0].startswith("2024")) is None
    days = (2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26)
    body = "".join(f"2024-01-{d:02d},{100 + d}.5,{101 + d}.5,{99 + d}.5,{100 + d},{1000 + d}\n" for d in days)
    for last in ("45317", "Jan 29", ""):
        data = f"Date,Open,High,Low,Close,Volume\n{body}\n{last},130.5,131.5,129.5,130,1029\n".encode()
        schema = detect_bytes(data, "prices.csv")
        assert schema.footer_lines == 0
        result = normalise_bytes(data, schema, "prices.csv")
        assert len(result.prices) == 19 and len(result.rejected) == 1


_DEATHS = ("Name,Profession,Age,Has kids,Date of birth,Date of death\n"
           "Vera Rubin,scientist,88,TRUE,7/23/1928,12/25/2016\nMohamed Ali,athlete,74,TRUE,1/17/1942,6/3/2016\n"
           "Morley Safer,journalist,84,TRUE,11/8/1931,5/19/2016\nFidel Castro,politician,90,TRUE,8/13/1926,11/25/2016\n"
           "Jo Cox,politician,41,TRUE,6/22/1974,6/16/2016\nJanet Reno,lawyer,78,FALSE,7/21/1938,11/7/2016\n")


def test_a_note_in_sentences_cut_at_commas_is_a_footer():
    # readr's deaths-other.csv: no keyword, no blank line, yet lines of words below the table. Read
    # as data, "This" and "we're signing" stood in the Name column and the rows were rejected.
    text = _DEATHS + "This,,,,,\n,\"has been really fun, but\",,,,\nwe're signing,,,,,\n,,off,,now!,\n"
    schema = detect_bytes(text.encode(), "deaths-other.csv")
    assert schema.footer_lines == 4
    assert [c.confidence for c in schema.columns][2:] == [1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize("tail", ["AAPL,,,,,\nMSFT,,,,,\n", "<<corrupt>>,,,,,\n", "This,,,,,\n"])
def test_sparse_rows_of_codes_or_one_word_are_no_note(tail):
    # Rows of one code each, or a lone word: damaged data rows, to be rejected, not skipped unseen.
    assert detect_bytes((_DEATHS + tail).encode(), "deaths.csv").footer_lines == 0


@pytest.mark.parametrize("tail", ["wells fargo,,,,,\nciti group,,,,,\n", ",,bank of america,,,\n,,wells fargo,,,\n"])
def test_names_in_one_column_below_the_data_are_no_note(tail):
    # Lowercase names of several words where the data has its names (a name or ticker column),
    # no date, no price: rows of the table to reject, not a note to skip unseen. A sentence cut at
    # its commas runs across columns.
    data = (_DEATHS + tail).encode()
    schema = detect_bytes(data, "deaths.csv")
    assert schema.footer_lines == 0
    result = normalise_bytes(data, schema, "deaths.csv")
    assert len(result.prices) + len(result.rejected) == 8


def test_a_last_record_keyed_total_with_every_value_missing_is_data():
    # Eurostat keys a row "TOTAL" (all ages) and writes ":" for a country with no figures: at the end
    # of the table, the row read as a totals line and vanished as the footer.
    assert not summary_row(["TOTAL,T,NR,FR", ":", ":", ":"], 4, [])
    assert summary_row(["TOTAL", "", "", "2088334"], 4, [])  # a totals line keeps its figure
    data = ("age,sex,unit,geo\\time\t2022W31 \t2022W30 \t2022W29\n"
            "Y_LT5,F,NR,PL\t1 \t2 \t:\nY20-24,M,NR,DE\t100 p \t0 p \t:\nTOTAL,T,NR,FR\t: \t: \t:").encode()
    schema = detect_bytes(data, "demo_r_mwk_05.tsv")
    assert (schema.delimiter, schema.footer_lines) == ("\t", 0)
    assert [c.name for c in schema.columns] == ["age,sex,unit,geo\\time", "2022W31", "2022W30", "2022W29"]
    assert normalise_bytes(data, schema, "demo_r_mwk_05.tsv").rows_read == 3  # each refused, none unseen


def test_a_full_totals_row_below_a_table_without_dates_is_its_footer():
    # A spreadsheet's "Total" row sums every column: as full as a data row, it was read as the
    # table's last record, its sums a station's readings.
    data = (b"station,temp,rain,wind\nST01,12.5,3.0,14\nST02,18.0,0.5,22\nST03,9.5,12.0,31\n"
            b"Total,40.0,15.5,67\n")
    schema = detect_bytes(data, "weather.csv")
    assert (schema.header_row, schema.data_start_line, schema.footer_lines) == (0, 1, 1)
    assert [c.type for c in schema.columns] == ["string", "float", "float", "integer"]
    rows = [(1, ["ST01", "12.5", "3.0", "14"]), (2, ["ST02", "18.0", "0.5", "22"]), (3, ["ST03", "9.5", "12.0", "31"])]

    def footer(last):
        return footer_start([*rows, (4, last)], [], lambda f: True, 4, [], number=_number)

    assert footer(["Grand Total:", "40.0", "15.5", "67"]) == 3
    assert footer(["Total général", "40.0", "15.5", "67"]) == 3
    # A name after the label ("Total Return Fund", "Total SE") is data, unless its figures add up the
    # rows above: then it is a group's total, as "Total" alone is.
    assert footer(["Total Return Fund", "41.0", "15.0", "60"]) is None
    assert footer(["Total Return Fund", "40.0", "15.5", "67"]) == 3
    assert footer(["ST04", "Total", "15.5", "67"]) is None


@pytest.mark.parametrize("total", ["Total,N/A,N/A,N/A,N/A", "TOTAL,--,--,--,--",
                                   "Average,N/A,N/A,N/A,N/A\nTotal,-,-,-,-"])
def test_an_empty_totals_line_below_a_price_files_days_stays_the_footer(total):
    # Where the data has dates, a dateless row keyed "Total" with its figures missing is the totals
    # line (a table of keys without dates may hold a record keyed TOTAL with no figures, above).
    # Taken for data, each was a rejected row of a file whose data all loaded.
    data = ("Date,Open,High,Close,Volume\n2024-01-02,10.0,11.0,10.5,1000\n2024-01-03,10.5,11.5,11.0,1200\n"
            f"2024-01-04,11.0,12.0,11.5,1300\n2024-01-05,11.5,12.5,12.0,1400\n{total}\n").encode()
    assert summary_row(["Total", "N/A", "N/A", "N/A", "N/A"], 5, [0])
    schema = detect_bytes(data, "prices.csv")
    assert schema.footer_lines == total.count("\n") + 1
    result = normalise_bytes(data, schema, "prices.csv")
    assert (len(result.prices), len(result.rejected), result.rows_read) == (4, 0, 4)
    assert list(result.prices["close"]) == [10.5, 11.0, 11.5, 12.0]


def _day_list(last: str, name: str = "quotes_20240102.csv"):
    data = f"Ticker,Close,Volume\nAAPL,189.5,1200000\nMSFT,410.2,800000\nGOOG,141.3,950000\n{last}\n".encode()
    schema = detect_bytes(data, name)
    out = normalise_bytes(data, schema, name)
    return schema, [(r["ticker"], r["close"], r["volume"]) for r in out.prices_arrow.to_pylist()]


def test_a_last_record_named_total_that_adds_up_nothing_is_a_share():
    # "TOTAL" names a share too (TotalEnergies in a day's list of French shares, a fund "Total"):
    # its figures the others' sum in no column, the last record, dropped as the table's footer.
    schema, loaded = _day_list("TOTAL,58.1,950000")
    assert (schema.day, schema.footer_lines) == ("2024-01-02", 0)
    assert loaded[-1] == ("TOTAL", 58.1, 950000)
    # The others' sum (here of both columns) is the totals row: not loaded as a share "TOTAL".
    schema, loaded = _day_list("Total,741.0,2950000")
    assert (schema.day, schema.footer_lines) == ("2024-01-02", 1)
    assert [t for t, _, _ in loaded] == ["AAPL", "MSFT", "GOOG"]
    # In German, decimal commas: its volume adds up.
    data = "Symbol;Schluss;Volumen\nSAP;180,5;1200000\nSIE;170,2;800000\nBAS;45,3;950000\nSumme;396,0;2950000\n"
    assert detect_bytes(data.encode(), "kurse_20240102.csv").footer_lines == 1


def _quotes(data: bytes):
    """A day's list's schema and what it loads, the day from its name."""
    schema = detect_bytes(data, "quotes_20240102.csv")
    return schema, normalise_bytes(data, schema, "quotes_20240102.csv")


def test_subtotals_inside_a_day_list_are_rejected_and_its_last_totals_are_the_footer():
    # A subtotal above further records: the one left inside had loaded as a share "SUBTOTAL". It is
    # rejected by its label (normalisation), so the totals rows below the last record are the footer.
    data = (b"Ticker,Close,Volume\nAAPL,189.5,1200000\nMSFT,410.2,800000\nSubtotal,599.7,2000000\n"
            b"XOM,101.2,700000\nCVX,150.3,600000\nSubtotal,251.5,1300000\nGrand Total,851.2,3300000\n")
    schema, out = _quotes(data)
    assert schema.footer_lines == 2
    assert out.prices_arrow.column("ticker").to_pylist() == ["AAPL", "MSFT", "XOM", "CVX"]
    assert out.rejected_arrow.to_pylist()[0]["reason"] == "a subtotal row, not a share"
    assert out.rows_read == 5
    # One subtotal inside, a "Total" adding up the records last: the subtotal had loaded as a share
    # SUBTOTAL, and the total (read inside the table) as one TOTAL.
    data = (b"Ticker,Close,Volume\nAAA,10.50,1000\nBBB,20.25,2000\nSubtotal,30.75,3000\n"
            b"CCC,5.00,500\nDDD,7.25,700\nTotal,43.00,4200\n")
    schema, out = _quotes(data)
    assert schema.footer_lines == 1
    assert out.prices_arrow.column("ticker").to_pylist() == ["AAA", "BBB", "CCC", "DDD"]
    assert [(r["source_line"], r["reason"]) for r in out.rejected_arrow.to_pylist()] == [
        (4, "a subtotal row, not a share")]
    # A run of totals below the records: each adds up its rows, and all of them are the footer.
    data = (b"Ticker,Close,Volume\nAAPL,189.5,1200000\nMSFT,410.2,800000\nXOM,101.2,700000\n"
            b"Subtotal,701.0,2700000\nGrand Total,701.0,2700000\n")
    assert detect_bytes(data, "quotes_20240102.csv").footer_lines == 2


def test_a_totals_label_over_no_figures_is_left_to_the_summary_rules():
    # Its figures all spelled missing: no row of totals to add up (summary_row keeps a record keyed
    # "TOTAL" with no figures as data, rejected with its reason, not dropped as the footer).
    rows = [(1, ["ST01", "12.5", "3.0"]), (2, ["ST02", "18.0", "0.5"]), (3, ["Summe", "-", "-"])]
    assert footer_start(rows, [], lambda f: True, 3, [], number=_number) is None
    rows[2] = (3, ["Summe", "30.5", "3.5"])
    assert footer_start(rows, [], lambda f: True, 3, [], number=_number) == 2


@pytest.mark.parametrize("label", ["Subtotal", "Sub-total", "Sub total", "SUBTOTAL:", "Zwischensumme", "Sous-total",
                                   "Subtotale", "Subtotaal"])
def test_a_subtotal_row_is_rejected_as_no_share(label):
    data = f"Ticker,Close,Volume\nAAA,10.5,1000\n{label},10.5,1000\nBBB,20.0,\n".encode()
    out = normalise_bytes(data, detect_bytes(data, "quotes_20240102.csv"), "quotes_20240102.csv")
    assert out.prices_arrow.column("ticker").to_pylist() == ["AAA", "BBB"]
    assert [(r["source_line"], r["reason"]) for r in out.rejected_arrow.to_pylist()] == [
        (3, "a subtotal row, not a share")]


@pytest.mark.parametrize("ticker", ["TOT", "TOTAL", "SUB", "SUBS", "SUBT"])
def test_tickers_like_a_subtotal_load(ticker):
    data = f"Ticker,Close,Volume\nAAA,10.5,1000\n{ticker},12.5,3000\nBBB,20.0,500\n".encode()
    out = normalise_bytes(data, detect_bytes(data, "quotes_20240102.csv"), "quotes_20240102.csv")
    assert out.prices_arrow.column("ticker").to_pylist() == ["AAA", ticker, "BBB"]


def test_a_share_named_total_something_ending_a_list_is_data():
    # "Total SE" as the last row of a day's list of two columns: cut off as the footer (a "Total" row
    # half filled), its price lost. Its price adds up nothing above it; "Total Energy" adding up the
    # rows above is the list's total.
    head = b"Symbol,Close\nXOM,10.00\nCVX,20.00\nAAPL,5.00\n"
    schema = detect_bytes(head + b"Total SE,7.00\n", "prices_2024-01-02.csv")
    assert schema.footer_lines == 0
    result = normalise_bytes(head + b"Total SE,7.00\n", schema, "prices_2024-01-02.csv")
    assert result.prices.ticker.tolist() == ["XOM", "CVX", "AAPL", "TOTAL SE"]
    assert detect_bytes(head + b"Total Energy,35.00\n", "prices_2024-01-02.csv").footer_lines == 1


@pytest.mark.parametrize("label", ["Total market value", "Total portfolio value", "Total for the day"])
def test_a_totals_word_before_what_it_sums_ends_a_list_whatever_it_adds_up_to(label):
    # Shares times prices add up no close above: let in as a share named so, "Total market value,4125.75"
    # had loaded as one (the label is no name: a row of totals set below the list, as before).
    data = f"Symbol,Close\nAAA,10.50\nBBB,20.25\nCCC,5.00\n{label},4125.75\n".encode()
    schema = detect_bytes(data, "prices_2024-01-02.csv")
    assert schema.footer_lines == 1
    result = normalise_bytes(data, schema, "prices_2024-01-02.csv")
    assert result.prices.ticker.tolist() == ["AAA", "BBB", "CCC"]


@pytest.mark.parametrize("label", ["Total market value", "TOTAL PORTFOLIO", "Total for the day"])
def test_a_totals_word_before_what_it_sums_inside_a_list_is_no_share(label):
    # Not the last row (no footer): it had loaded as a share unless its figure added up the rows above.
    data = f"Symbol,Close\nAAPL,185.20\nMSFT,370.10\n{label},4125.75\nGOOG,140.20\nAMZN,151.90\n".encode()
    out = normalise_bytes(data, detect_bytes(data, "prices_2024-01-02.csv"), "prices_2024-01-02.csv")
    assert out.prices_arrow.column("ticker").to_pylist() == ["AAPL", "MSFT", "GOOG", "AMZN"]
    assert [(r["source_line"], r["reason"]) for r in out.rejected_arrow.to_pylist()] == [
        (4, "a totals row, not a share: a totals word before what it sums")]


_SUMMARY_BLOCK = b"Highest:,,11,,,\nLowest:,,,9,,\nDifference:,,,,0.2,\nAverage:,,,,10.6,\nChange %:,,,,1.9%,\n"


@pytest.mark.parametrize("days", [1, 2, 3, 8])
def test_a_summary_block_outnumbering_a_short_file_s_days_is_its_footer(days):
    # Typed with the days, five labelled rows made the date column text: "no date column" for the file.
    weekdays = (2, 3, 4, 5, 8, 9, 10, 11)
    rows = b"".join(b"2024-01-%02d,10,11,9,10.%d,1000\n" % (weekdays[i], i) for i in range(days))
    data = b"Date,Open,High,Low,Close,Volume\n" + rows + _SUMMARY_BLOCK
    out = normalise_bytes(data, detect_bytes(data, "abc.csv"), "abc.csv")
    assert out.file_problem is None
    assert out.rejected_arrow.num_rows == 0
    assert out.prices_arrow["close"].to_pylist() == [10.0 + i / 10 for i in range(days)]
