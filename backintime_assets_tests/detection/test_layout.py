import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.detect import count_lines
from backintime_assets.detection.dialect import parse_rows
from backintime_assets.detection.layout import _before_summary, _uniform_counts, detect_layout
from backintime_assets.normalisation import normalise_bytes

DATA = "2020-01-02,AAPL,10.5,100\n2020-01-03,AAPL,10.7,120\n2020-01-06,AAPL,10.6,90\n2020-01-07,AAPL,10.9,95\n"


def layout(text, tail=None):
    return detect_layout(parse_rows(text, ",", '"', None), count_lines(text), tail, ".", None)


def test_plain_header():
    lay = layout("Date,Ticker,Close,Volume\n" + DATA)
    assert (lay.header_row, lay.data_start_line, lay.footer_lines) == (0, 1, 0)
    assert lay.names == ["Date", "Ticker", "Close", "Volume"]
    assert [t.type for t in lay.types] == ["date", "string", "float", "integer"]


def test_preamble_and_blank_lines_before_header():
    text = "Prices export\nGenerated 2020-01-08 10:00\n\nDate,Ticker,Close,Volume\n" + DATA
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (3, 4)


def test_spreadsheet_preamble_padded_with_delimiters():
    text = "Prices export,,,\n,,,\nDate,Ticker,Close,Volume\n" + DATA
    assert layout(text).header_row == 2


@pytest.mark.parametrize("bookings", [1, 4])
def test_label_and_value_lines_above_a_statement_are_metadata_however_few_its_rows(bookings):
    # A bank's export: "Label:;value;" lines, then the bookings' header and rows. A month of one booking
    # had fewer rows than labels: the table was read as the labels' three columns and the booking lost.
    metadata = ('"Konto:";"DE00 1234";\n\n"Von:";"01.02.2024";\n"Bis:";"29.02.2024";\n'
                '"Saldo am 31.01.2024:";"812,40 EUR";\n\n')
    header = '"Datum";"Valuta";"Text";"Empfaenger";"Zweck";"IBAN";"BIC";"Betrag (EUR)";"Referenz";\n'
    rows = "".join(f'"{d:02d}.02.2024";"{d:02d}.02.2024";"Lastschrift";"Markt {d}";"Einkauf";"DE00";"AAAA";'
                   f'"-1{d},50";"";\n' for d in range(12, 12 + bookings))
    schema = detect_bytes((metadata + header + rows).encode(), "statement.csv")
    assert schema.header_row == 6 and schema.delimiter == ";"
    assert [c.name for c in schema.columns][:3] == ["Datum", "Valuta", "Text"]
    assert (schema.columns[0].type, schema.columns[0].format) == ("date", "%d.%m.%Y")


def test_a_sections_title_and_total_between_the_header_and_the_data_leave_the_header_found():
    # A broker's export: the header, then "Pending" with its total, then the day's rows. The total (mostly
    # empty) was taken for the header and dropped for its empty cells: the table read as having none.
    text = ('"Date","Ticker","Open","High","Low","Close","Volume"\n"Pending"\n'
            '"Total pending","","","","","$0.00",""\n'
            + "".join(f'"01/{d:02d}/2024","AAPL","{d}.1","{d}.5","{d}.0","{d}.2","100"\n' for d in range(2, 9)))
    schema = detect_bytes(text.encode(), "prices.csv")
    assert schema.header_row == 0 and [c.name for c in schema.columns][:2] == ["Date", "Ticker"]
    assert schema.data_start_line == 1  # the section's lines stay data, to be rejected with a reason


@pytest.mark.parametrize("name", ["Total Return", "Average", "Count"])
def test_a_header_half_empty_naming_a_total_is_no_sections_total(name):
    # A sheet's side columns leave the header half empty; its "Total Return" is a name, no total of a
    # section: skipped as one, the fund's details above were taken for the header and no close was found.
    text = (f"Fund,Currency,Benchmark,Inception,,\nAlpha,EUR,MSCI World,2010-01-01,,\nDate,Close,{name},,,\n"
            + "".join(f"2024-01-0{d},10.{d},0.{d},,,\n" for d in range(2, 6)))
    schema = detect_bytes(text.encode(), "fund.csv")
    result = normalise_bytes(text.encode(), schema, "fund.csv")
    assert result.file_problem is None and list(result.prices["close"]) == [10.2, 10.3, 10.4, 10.5]


@pytest.mark.parametrize("padded", [("Report,,,", "Total,,,"), ("", "Disclaimer,,,\nPast performance is no guide,,,")])
def test_label_lines_stay_in_the_vote_over_a_days_table_beside_padded_lines(padded):
    # Lines padded with delimiters fill one cell, and are no wider table: counted as one, they took the
    # labels out of the vote and set the day's "Date,NAV" table at their width (no date or close column).
    title, footer = padded
    text = f"{title}\nFund:,Alpha\nCurrency:,EUR\nDate,NAV\n2024-01-02,10.5\n{footer}\n".lstrip()
    schema = detect_bytes(text.encode(), "nav.csv")
    result = normalise_bytes(text.encode(), schema, "nav.csv")
    assert [c.name for c in schema.columns] == ["Date", "NAV"] and list(result.prices["close"]) == [10.5]


def test_a_statement_of_one_booking_above_a_disclaimer_is_read_as_its_table():
    # Label lines, the header and one booking, then a disclaimer's title and text: with the labels out of
    # the vote, the disclaimer's lines outnumbered the table, which was read as one column, "Disclaimer:".
    text = ("Datum von:;2017-05-23\nBuchungsart:;Alle Buchungen\nKonto:;CH00 0000\nWaehrung:;CHF\n"
            "Buchungsdatum;Avisierungstext;Gutschrift;Lastschrift;Valuta;Saldo\n"
            '2017-06-01;"Acme Corp";;-135.00;2017-06-01;\n\nDisclaimer:\n'
            "Dies ist kein von der Bank erstelltes Dokument. Die Bank ist nicht verantwortlich.\n")
    schema = detect_bytes(text.encode(), "statement.csv")
    assert schema.header_row == 4 and [c.name for c in schema.columns][:2] == ["Buchungsdatum", "Avisierungstext"]


@pytest.mark.parametrize("title", ["", "Report for 2024,,,,\n"])
def test_label_and_value_lines_alone_are_the_table(title):
    # Under a title padded with delimiters too: with the labels out of the vote, the title's width won.
    schema = detect_bytes(f"{title}Open:,10.5\nHigh:,11.0\nLow:,10.1\nClose:,10.8\n".encode(), "summary.csv")
    assert len(schema.columns) == 2


def test_headerless_file():
    lay = layout(DATA)
    assert (lay.header_row, lay.data_start_line) == (-1, 0)
    assert lay.names == ["column_1", "column_2", "column_3", "column_4"]


def test_footer_totals_and_notes():
    text = "Date,Ticker,Close,Volume\n" + DATA + "Total,,,405\n\nSource: exchange\n"
    lay = layout(text)
    assert lay.footer_lines == 3
    assert len(lay.body) == 4


def test_truncated_last_line_is_data_not_footer():
    text = "Date,Ticker,Close,Volume\n" + DATA + "2020-01-08,AAPL,11"
    assert layout(text).footer_lines == 0


def test_multi_row_header_block():
    text = ("Price,Close,Volume\nTicker,AAPL,AAPL\nDate,,\n"
            "2020-01-02,10.5,100\n2020-01-03,10.7,120\n2020-01-06,10.6,90\n")
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 3)
    assert lay.header_cells[0] == ["Price", "Ticker", "Date"]
    assert lay.names == ["Price", "Close", "Volume"]



WEEKDAYS = [2, 3, 4, 5, 8, 9, 10, 11, 12, 15]  # of January 2024


def _yfinance_download(ticker, days):
    # yfinance's columns: Close first, Open fourth (read positionally, the open loaded as the close)
    rows = "".join(f"2024-01-{d:02d},{100 + d}.25,{101 + d}.5,{99 + d}.75,{100 + d}.0,{1000 + d}\n" for d in days)
    return (f"Price,Close,High,Low,Open,Volume\nTicker,{ticker},{ticker},{ticker},{ticker},{ticker}\n"
            f"Date,,,,,\n{rows}")


@pytest.mark.parametrize("ending", ["\r\r\n", "\n\n"])
def test_double_spaced_yfinance_download_keeps_its_ticker_row(ending):
    # A blank line after every row (a CRLF file whose breaks a round trip doubled, a double-spaced
    # export) sets nothing off: taken for a break, it cut "Ticker,AAPL" off the header, and the
    # prices loaded headerless under the file's name, the open as the close.
    data = _yfinance_download("AAPL", WEEKDAYS).replace("\n", ending).encode()
    schema = detect_bytes(data, "X.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 5)
    prices = normalise_bytes(data, schema, "X.csv").prices
    assert set(prices["ticker"]) == {"AAPL"} and len(prices) == 10
    assert (prices["close"].iloc[0], prices["open"].iloc[0]) == (102.25, 102.0)


@pytest.mark.parametrize("ending", ["\r\r\n", "\n\n"])
def test_double_spaced_damaged_last_row_is_rejected_not_taken_for_a_footer(ending):
    # Its blank line is the spacing, not a break: read as a footer, the row was dropped unseen.
    text = "Date,Open,Close\n" + "".join(f"2024-01-{d:02d},1{d}.5,1{d}.7\n" for d in WEEKDAYS) + "<<corrupt>>\n"
    data = text.replace("\n", ending).encode()
    schema = detect_bytes(data, "X.csv")
    assert schema.footer_lines == 0
    result = normalise_bytes(data, schema, "X.csv")
    assert len(result.prices) == 10 and list(result.rejected["reason"]) == ["wrong field count: expected 3, got 1"]

def test_footer_found_in_tail_sample():
    tail_text = "2020-06-30,AAPL,10.5,100\n2020-07-01,AAPL,10.5,100\nEnd of report\n\n"
    n = count_lines(tail_text)
    tail = [(n - start, f) for start, f in parse_rows(tail_text, ",", '"', None)]
    lay = layout("Date,Ticker,Close,Volume\n" + DATA, tail)
    assert lay.footer_lines == 2
    assert lay.body[-2:] == [["2020-06-30", "AAPL", "10.5", "100"], ["2020-07-01", "AAPL", "10.5", "100"]]


def test_all_text_table_takes_first_row_as_header():
    lay = layout("name,city\nbob,paris\nalice,rome\n")
    assert (lay.header_row, lay.data_start_line, lay.names) == (0, 1, ["name", "city"])


@pytest.mark.parametrize("text", [
    "a\n01:02:03\n01:02:03\n01:02:03\n1",  # duckdb's 15473_time.csv: times, a stray "1" last
    "a,b\n01:02:03,x\n01:02:03,y\n01:02:03,z\n1,w\n",
    "code\nx1\nx2\nx3\n1\n",
])
def test_an_odd_last_row_under_alike_rows_does_not_make_them_a_header(text):
    # Typed from the lone last row, the rows above it were taken for a three-row header and skipped.
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names[0] in ("a", "code")


def test_a_title_over_a_header_over_one_row_still_types_that_row():
    # Two rows over one: here the lone last row is the data (no digits alike above it).
    lay = layout("Report,Daily\nDate,Close\n2024-01-02,5.5\n")
    assert (lay.data_start_line, lay.header_rows[-1]) == (2, ["Date", "Close"])
    assert [t.type for t in lay.types] == ["date", "float"]


def test_duplicate_and_empty_header_names_are_made_unique():
    lay = layout("Date,Close,Close,\n2020-01-02,1.5,1.6,x\n2020-01-03,1.5,1.6,y\n")
    assert lay.names == ["Date", "Close", "Close_2", "column_4"]


# Regressions found by the ground-truth test (simulated office files with seeded damage).

def test_damaged_row_right_below_the_header_does_not_hide_it():
    for damaged in ("????????", "2020-01-02,AAPL"):
        lay = layout("Date,Ticker,Close,Volume\n" + damaged + "\n" + DATA)
        # The header stays the header and the damaged line stays in the data region (to be rejected).
        assert (lay.header_row, lay.data_start_line) == (0, 1), damaged
        assert lay.names == ["Date", "Ticker", "Close", "Volume"]


def test_damaged_row_between_the_first_data_rows_does_not_move_the_data_start():
    rows = DATA.splitlines(keepends=True)
    lay = layout("Date,Ticker,Close,Volume\n" + rows[0] + "<<corrupt>>\n" + "".join(rows[1:]))
    assert (lay.header_row, lay.data_start_line) == (0, 1)


def test_a_narrow_preamble_line_above_a_headerless_table_is_still_preamble():
    lay = layout("Prices export\n" + DATA)
    assert (lay.header_row, lay.data_start_line) == (-1, 1)


def test_totals_row_is_a_footer_whatever_column_holds_the_keyword():
    text = ("Ticker,Date,Close,Volume\n" + "".join(f"AAPL,2020-01-0{d},10.5,100\n" for d in range(2, 8))
            + "TOTAL,,,600\n")
    lay = layout(text)
    assert lay.footer_lines == 1
    assert len(lay.body) == 6


def test_garbage_last_line_stays_in_the_data_region():
    # No blank line, totals keyword or note marks it as a footer: it is a damaged row, and normalisation
    # must reject it rather than drop it silently.
    assert layout("Date,Ticker,Close,Volume\n" + DATA + "<<corrupt>>\n").footer_lines == 0
    assert layout("Date,Ticker,Close,Volume\n" + DATA + "NULL\nTOTAL,,,405\n").footer_lines == 1


def test_a_row_cut_short_does_not_vote_on_column_types():
    text = ("Code|Datum|Close\n" + "".join(f"AAPL|{45658 + d}|5,5\n" for d in range(4)) + "AAPL|4\n")
    lay = detect_layout(parse_rows(text, "|", '"', None), count_lines(text), None, ",", None)
    assert (lay.types[1].type, lay.types[1].format) == ("date", "excel_serial")
    assert all(len(r) == 3 and r[2] for r in lay.body)


def test_cell_kinds_match_the_cell_by_cell_test():
    from backintime_assets.detection.layout import _cell_kind, _cell_kinds
    from backintime_assets.detection.numbers import number_patterns

    cells = {"1.5", " 2 ", "1,234.5", "NA", "", " ", "2020-01-02", "02/01/2020", "AAPL", "1.2.3", "-", "3e5",
             "Jan 5, 2020", "x\x00y"}
    for decimal, thousands in ((".", ","), (",", "."), (".", None)):
        rx = number_patterns(decimal, thousands)[1]
        expected = {c: _cell_kind(c, rx) for c in cells}
        assert _cell_kinds(cells, decimal, thousands) == expected  # NUL in a cell: the slow path
        without_nul = {c: k for c, k in expected.items() if "\x00" not in c}
        assert _cell_kinds(cells - {"x\x00y"}, decimal, thousands) == without_nul
    kinds = _cell_kinds({"1.5", "NA", "2020-01-02", "AAPL"}, ".", None)
    assert kinds == {"1.5": 1, "NA": 0, "2020-01-02": 2, "AAPL": 3}


@given(st.integers(0, 60).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.lists(st.integers(0, 3), min_size=n, max_size=n), max_size=6))))
def test_uniform_counts_match_counting_every_slice(case):
    n, columns = case
    expected = []
    for k in range(min(n, 10)):
        end = n - 1 if n - k >= 3 else n
        score = 0
        for column in columns:
            part = column[k:end]
            filled = len(part) - part.count(0)
            top = max(part.count(1), part.count(2))
            score += bool(filled) and top >= 0.9 * filled and top > 0
        expected.append(score)
    assert _uniform_counts(columns, n, min(n, 10)) == expected



# Rows of a short price list and the notes and summary lines that close such lists.
_SUMMING_ROWS = [["Highest:", "", "12.5"], ["Average:", "", ""], ["Note: prices are indicative only", "", ""],
                 ["Total", "", "3"], ["2024-01-02", "AAPL", "185.2"], ["2024-01-03", "MSFT", "370.1"],
                 ["Date", "Ticker", "Close"], ["", "", ""]]


@given(st.lists(st.sampled_from(range(len(_SUMMING_ROWS))), min_size=1, max_size=12), st.integers(0, 11))
def test_summary_rows_end_where_they_do_from_any_start_above_them(picks, start):
    # _typed_body asks where the closing summary starts once, from the top, and uses that end for the body
    # it types from a later start: the same end, for any start above it.
    rows = [(i, list(_SUMMING_ROWS[k])) for i, k in enumerate(picks)]
    end = _before_summary(rows, 0, 3)
    if start < min(end, len(rows)):
        assert _before_summary(rows, start, 3) == end


def test_a_date_column_judges_cells_as_strptime_reads_them():
    from backintime_assets.detection.columns import ColumnType
    from backintime_assets.detection.layout import _matcher

    is_date = _matcher(ColumnType("date", "%d.%m.%Y", 1.0), ",", None)
    for _ in range(2):  # the second time from the cache: the same answers
        assert [is_date(v) for v in ["03.01.2000", "31.02.2000", "2000-01-03", "03.01.2000 ", "Total"]] == [
            True, False, False, False, False]
    assert _matcher(ColumnType("timestamp", "%Y-%m-%d %H:%M", 1.0), ".", None)("2020-01-02 10:30")


def test_each_date_column_remembers_its_own_judgements():
    # The memo lives with the column's matcher (one file's detection), not the process: a cell's
    # answer under one format is not another format's, and nothing outlives the file.
    from backintime_assets.detection.columns import ColumnType
    from backintime_assets.detection.layout import _matcher

    day_first = _matcher(ColumnType("date", "%d.%m.%Y", 1.0), ",", None)
    month_first = _matcher(ColumnType("date", "%m.%d.%Y", 1.0), ",", None)
    for _ in range(2):
        assert (day_first("31.01.2000"), month_first("31.01.2000")) == (True, False)
        assert (day_first("01.31.2000"), month_first("01.31.2000")) == (False, True)
    assert not day_first("03.01.2000" + " note" * 2000)


# Regressions found on Pollock (Vitagliano et al., VLDB 2023) polluted files, rebuilt here by hand.

def test_first_data_row_a_field_short_or_long_does_not_hide_the_header():
    for damaged in ("2020-01-02,AAPL10.5,100", "2020-01-02,AAPL,,10.5,100", ",2020-01-02,AAPL,10.5,100"):
        lay = layout("Date,Ticker,Close,Volume\n" + damaged + "\n" + DATA)
        # Neither lost (no header) nor taken into a two-row header block (skipped unseen): the
        # damaged row stays in the data region, to be rejected for its field count.
        assert (lay.header_row, lay.data_start_line) == (0, 1), damaged
        assert lay.names == ["Date", "Ticker", "Close", "Volume"], damaged


def test_a_header_wider_by_a_stray_delimiter_keeps_its_names_over_their_columns():
    for header in (",Date,Ticker,Close,Volume", "Date,Ticker,,Close,Volume", "Date,Ticker,Close,Volume,,"):
        lay = layout(header + "\n" + DATA)
        assert lay.names == ["Date", "Ticker", "Close", "Volume"], header
        assert [t.type for t in lay.types] == ["date", "string", "float", "integer"]


def test_a_two_row_header_block_still_stacks():
    lay = layout("Date,Ticker,Close,Volume\n,,USD,shares\n" + DATA)
    assert (lay.header_row, lay.data_start_line) == (0, 2)


def test_a_doubled_delimiter_in_the_second_data_row_does_not_make_it_the_header():
    # The damaged row fits the width once its empty last cell is dropped, so it used to refute the
    # rows above it as data: the data then started below it, and it became the header (the real
    # header and the first data row were skipped as preamble).
    rows = [f"2020-01-{d:02d},AAPL,{10 + d}.5," for d in range(2, 9)]
    for damaged in (",2020-01-03,AAPL,10.7,", "2020-01-03,,AAPL,10.7,"):
        lay = layout("\n".join(["Date,Ticker,Close,Note", rows[0], damaged] + rows[1:]) + "\n")
        assert (lay.header_row, lay.data_start_line) == (0, 1), damaged
        assert lay.names == ["Date", "Ticker", "Close", "Note"]


def test_a_first_data_row_in_another_date_format_is_not_taken_into_the_header():
    # Found on frictionless' test files (a timestamp above dates, "T15:00:00" above "T15:00:00Z"):
    # the row failed the data's format in half its typed cells, so it was stacked under the header
    # and skipped unseen.
    data = "".join(f"2020-01-{d:02d},AAPL,10.{d}\n" for d in range(3, 9))
    for first in ("2020-01-02 10:00,AAPL,10.5", "02.01.2020,AAPL,10.5", "2020-01-02T10:00:00Z,AAPL,10.5"):
        lay = layout("Date,Ticker,Close\n" + first + "\n" + data)
        assert (lay.header_row, lay.data_start_line) == (0, 1), first
        assert lay.names == ["Date", "Ticker", "Close"], first


def test_a_header_row_of_units_still_stacks():
    lay = layout("Date,Ticker,Close\n,,USD\n" + "".join(f"2020-01-{d:02d},AAPL,10.{d}\n" for d in range(3, 9)))
    assert (lay.header_row, lay.data_start_line) == (0, 2)


def test_a_comment_line_between_the_header_and_the_data_does_not_cost_the_header():
    # Found on frictionless' test files ("x,y" then "# units: m" then the data): the walk up from
    # the data stopped at the comment, and the header was lost. The comment stays in the data
    # region (rejected for its field count); comments above the header are still preamble.
    lay = layout("# exported by X\nDate,Ticker,Close\n# prices in USD\n" + "".join(
        f"2020-01-{d:02d},AAPL,10.{d}\n" for d in range(2, 9)))
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert lay.names == ["Date", "Ticker", "Close"]


def test_above_a_comment_only_a_row_of_names_is_taken_for_the_header():
    # Review of the previous test's change: stepping over the comment took the damaged first data
    # row above it (",2020-01-02,...") for the header, and every row failed with no close column.
    rows = "".join(f"2020-01-{d:02d},AAPL,1{d}.5,1{d:02d}\n" for d in range(3, 24))
    lay = layout(",2020-01-02,AAPL,10.5,100\n# checked\n" + rows)
    assert lay.header_row == -1 and lay.names == ["column_1", "column_2", "column_3", "column_4"]
    # ... a header trailing empty cells is one ("Date,...,Volume,,": review of the rule above).
    lay = layout("Date,Ticker,Close,Volume,,\n# checked\n" + rows)
    assert lay.header_row == 0 and lay.names == ["Date", "Ticker", "Close", "Volume"]


def test_a_header_row_of_years_is_the_header():
    # Found on frictionless' test files ("Musei,2011,2010" above visitor counts): a year reads as
    # data to every type test, so the header was taken for the first data row and its names lost.
    cases = {
        "Musei,2011,2010\nUffizi,1766692,1651627\nAccademia,1252997,1161432\nPitti,500123,480321\n":
            ["Musei", "2011", "2010"],
        # the real file: two rows, one of them text where the counts should be
        "Musei,2011,2010\nGalleria d'Arte moderna,23.824,17.518\nMuseo Pitrè,in restauro,in restauro\n":
            ["Musei", "2011", "2010"],
        "Region,2020,2019,2018\nNorth,10.5,9.25,8.5\nSouth,11.5,9.5,8.75\nEast,12.25,9.75,8.25\n":
            ["Region", "2020", "2019", "2018"],
        ',"2018","2019"\nItaly,1.5,2.1\nFrance,1.8,1.9\n': ["column_1", "2018", "2019"],
        "2018,2019,2020\n1.5,2.1,-8.9\n1.8,1.9,-7.9\n2.3,2.0,-10.8\n": ["2018", "2019", "2020"],
    }
    for text, names in cases.items():
        lay = layout(text)
        assert (lay.header_row, lay.data_start_line, lay.names) == (0, 1, names), text
    # under a title line, and in a semicolon export with decimal commas
    text = "Real GDP growth\nCountry;2018;2019;2020\nItaly;0,9;0,5;-8,9\nFrance;1,8;1,9;-7,9\nSpain;2,3;2,0;-10,8\n"
    lay = detect_layout(parse_rows(text, ";", '"', None), count_lines(text), None, ",", None)
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert lay.names == ["Country", "2018", "2019", "2020"]
    assert [t.type for t in lay.types] == ["string", "float", "float", "float"]


def test_a_row_of_years_over_a_section_title_row_is_the_header():
    # Found on a GBE (German health statistics) export kept by messytables: the years' row has a
    # section title under it, a label over blank cells, before the first figures. The years were
    # taken for preamble, the table read headerless (columns column_1..column_5).
    text = ('Region:;Deutschland\n;"1985";"1993";"2000";"2005"\n'
            '"   Chirurgie ...";"      ";"      ";"      ";"      "\n'
            '"      Gefaesschirurgie";".";"379";"1.575";"686"\n"      Kinderchirurgie";".";"135";"123";"100"\n'
            '"      Thoraxchirurgie";".";"4";"68";"95"\n"      Unfallchirurgie";".";"1.613";"2.003";"2.221"\n'
            '"   Innere Medizin ...";"      ";"      ";"      ";"      "\n'
            '"      Angiologie";".";"";"289";"412"\n"      Kardiologie";".";"1.230";"1.834";"2.287"\n')
    lay = detect_layout(parse_rows(text, ";", '"', None), count_lines(text), None, ",", ".")
    assert (lay.header_row, lay.data_start_line) == (1, 2)  # the section rows stay in the data
    assert lay.names == ["column_1", "1985", "1993", "2000", "2005"]


def test_a_header_row_of_small_integers_above_decimals_is_the_header():
    # maturities in years over a yield curve; three integers in order at least
    text = "Date,1,2,5,10\n" + "".join(f"2020-01-{d:02d},1.{d}5,1.{d}7,1.{d}9,2.{d}1\n" for d in range(2, 9))
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names == ["Date", "1", "2", "5", "10"]
    assert [t.type for t in lay.types] == ["date", "float", "float", "float", "float"]


def test_a_first_data_row_of_years_or_integers_stays_data():
    cases = [
        "2011,5.2,3.1\n2012,5.4,3.0\n2013,5.1,3.3\n2014,5.0,3.2\n",  # a column of years
        "Italy,2011,2012\nFrance,2013,2014\nSpain,2010,2015\n",  # two columns of years
        "1990,2001,2010\n1991,2002,2011\n1992,2003,2012\n",
        # prices near 2000 (a price file without a header), round ones in the first row
        "AAPL,2005,2010\nMSFT,2011.5,2020.25\nIBM,1995.75,2001.5\nIBM,2003.25,2004.5\n",
        "A,1,2,3\nB,17,25,33\nC,18,26,35\n",  # small integers above integers
        "A,1,2\nB,1.5,2.5\nC,1.25,2.75\n",  # only two of them
        "Italy,2011,5.5\nFrance,2012,5.25\n",  # years with a value: a data row
    ]
    for text in cases:
        lay = layout(text)
        assert (lay.header_row, lay.data_start_line) == (-1, 0), text
        assert lay.names == [f"column_{j + 1}" for j in range(lay.width)]


@given(first_year=st.integers(1900, 2090), rows=st.integers(2, 30), label=st.booleans(),
       values=st.lists(st.floats(0.01, 5000, allow_nan=False).map(lambda v: round(v, 2)), min_size=60, max_size=60))
def test_a_headerless_table_with_a_year_column_keeps_its_first_row(first_year, rows, label, values):
    lines = [(f"Item{k}," if label else "") + f"{first_year + k},{values[2 * k]},{values[2 * k + 1]}"
             for k in range(rows)]
    lay = layout("\n".join(lines) + "\n")
    assert (lay.header_row, lay.data_start_line) == (-1, 0)


@given(years=st.lists(st.lists(st.integers(1800, 2100), min_size=3, max_size=3, unique=True).map(sorted),
                      min_size=2, max_size=30), label=st.booleans())
def test_a_headerless_table_of_years_in_order_keeps_its_first_row(years, label):
    # the hardest case for the rule: every row is a row of years in order, as a header of years is
    lines = [(f"Item{k}," if label else "") + ",".join(map(str, row)) for k, row in enumerate(years)]
    lay = layout("\n".join(lines) + "\n")
    assert (lay.header_row, lay.data_start_line) == (-1, 0)


def test_a_world_bank_export_keeps_its_header_of_years():
    years = range(1960, 1966)
    text = ('"Data Source","World Development Indicators",\n\n"Last Updated Date","2023-12-18",\n\n'
            '"Country Name","Country Code",' + ",".join(f'"{y}"' for y in years) + ",\n" + "".join(
                f'"{c}","{c[:3].upper()}",' + ",".join('""' if y < 1962 and k % 2 else f'"{(k + 1) * 1234567 + y}"'
                                                       for y in years) + ",\n"
                for k, c in enumerate(["Aruba", "Afghanistan", "Angola", "Albania", "Andorra"])))
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (4, 5)
    # (the rows end in a delimiter, as the World Bank's do, the header too: no column past the names)
    assert lay.names == ["Country Name", "Country Code", *map(str, years)]
    assert [t.type for t in lay.types][:8] == ["string"] * 2 + ["integer"] * 6


@given(first_year=st.integers(1900, 2080), years=st.integers(2, 8), descending=st.booleans(),
       rows=st.integers(1, 30), scale=st.sampled_from([0.01, 1.0, 1e6]))
def test_a_row_of_years_above_values_of_another_kind_is_the_header(first_year, years, descending, rows, scale):
    heads = [str(first_year + k) for k in range(years)][::-1 if descending else 1]
    body = [[f"Item{r}"] + [f"{(r + 1) * (k + 2) * scale / 7:.2f}" for k in range(years)] for r in range(rows)]
    lay = layout("\n".join(",".join(r) for r in [["Name"] + heads] + body) + "\n")
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names == ["Name"] + heads


def test_a_first_row_that_reads_as_data_is_data_though_the_rows_below_do_not_confirm_it():
    # Rows of mixed kinds ("in restauro" where numbers stand) confirm no data start; the first row
    # was then taken for the header, found to be data-like, dropped from the header, and so skipped
    # as preamble: neither loaded nor rejected (found by helper-57's review of the years header).
    for text in ("Museo,2011\nGalleria,23.8\nPitti,in restauro\n",
                 "AAPL,2021-03-01,10.5\nMSFT,2021-03-02,bad\nIBM,x,zz\n"):
        lay = layout(text)
        assert (lay.header_row, lay.data_start_line) == (-1, 0), text
    # A comment line is not made data.
    lay = layout("# prices\nAAPL,2021-03-01,10.5\nMSFT,2021-03-02,bad\nIBM,x,zz\n")
    assert lay.data_start_line == 1


@pytest.mark.parametrize("rows", [
    # Early values the provisional types reject ("+ $1,150.00" is no number before its grouping is
    # known; a price flagged "*" or "p"; one date in another format): the rows below them did not
    # confirm them as the data start, and the nearest of them was taken for the header, the header
    # and every row above it skipped as preamble (real-world evaluation, class C).
    ['2020-01-02,"+ $1,150.00"', "2020-01-03,- $12.00", "2020-01-04,- $2.24", '2020-01-05,"+ $1,423.73"',
     "2020-01-06,- $22.84", "2020-01-07,- $3.00"],
    ["2020-01-02,10.5*", "2020-01-03,11.0", "2020-01-06,10.5*", "2020-01-07,11.5", "2020-01-08,12.0",
     "2020-01-09,12.5"],
    ["2020-01-02,10.5", "2020-01-03,11.0p", "2020-01-06,10.5p", "2020-01-07,11.5", "2020-01-08,12.0",
     "2020-01-09,12.5"],
    ["2020-01-02,10.5", "02/01/2020,11.0", "2020-01-06,10.5", "2020-01-07,11.5", "2020-01-08,12.0",
     "2020-01-09,12.5"],
])
def test_early_rows_of_values_the_provisional_types_reject_stay_data(rows):
    lay = layout("Date,Close\n" + "\n".join(rows) + "\n")
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names == ["Date", "Close"]
    lay = layout("\n".join(rows) + "\n")  # without a header: every row is data
    assert (lay.header_row, lay.data_start_line) == (-1, 0)


def test_a_header_is_a_row_of_names_not_of_values_in_the_datas_shapes():
    # Dates heading columns of numbers are names of those columns, not values of them; a label
    # whose digits outnumber its letters is still a name when no cell of its row reads as data.
    body = "AAPL,10.5,11.0\nMSFT,20.5,21.0\nIBM,30.5,31.0\nORCL,40.5,41.0\n"
    for head in ("Ticker,2020-01-02,2020-01-03", "Ticker,2Y,10Y", "Ticker,Q1 2020,Q2 2020"):
        lay = layout(head + "\n" + body)
        assert (lay.header_row, lay.data_start_line) == (0, 1), head
    # A preamble line naming something above a headless table stays preamble.
    lay = layout("Account,12345\n" + DATA.replace(",AAPL", ""))
    assert lay.data_start_line == 1


def test_ragged_rows_take_their_width_and_names_from_the_header():
    # Rows that omit their trailing empty fields (distro-info CSVs): the header names the table's
    # columns; the short rows are data (normalisation rejects them for their field count).
    head = "version,codename,created,release,eol,eol-lts\n"
    short = "1.1,Buzz,1993-08-16,1996-06-17,1997-06-05\n1.2,Rex,1996-06-17,1996-12-12,1998-06-05\n" \
            "1.3,Bo,1996-12-12,1997-06-05,1999-03-09\n"
    full = "6.0,Squeeze,2009-02-14,2011-02-06,2014-05-31,2016-02-29\n"
    lay = layout(head + short + full * 5)
    assert (lay.header_row, lay.data_start_line, lay.width) == (0, 1, 6)
    assert lay.names == ["version", "codename", "created", "release", "eol", "eol-lts"]
    assert [t.type for t in lay.types][2:] == ["date"] * 4
    # Fewer than half the rows reach the header, each short row ending in a value: the writer leaves
    # trailing empty fields out (ragged.py), the header's width still, the short rows read padded.
    lay = layout(head + short + full)
    assert (lay.header_row, lay.data_start_line, lay.width, lay.ragged_from) == (0, 1, 6, 5)
    assert lay.names == ["version", "codename", "created", "release", "eol", "eol-lts"]
    # A short row ending in an empty field is no writer's omission: the width most rows have (the
    # reader rejects a row for its field count), the header kept over it; the long row is data.
    lay = layout(head + short.replace(",1997-06-05\n", ",\n", 1) + full)
    assert (lay.header_row, lay.data_start_line, lay.width, lay.ragged_from) == (0, 1, 5, None)
    assert lay.names == ["version", "codename", "created", "release", "eol"]


def test_a_header_wider_than_every_row_keeps_its_names_over_the_rows_columns():
    # No row reaches the header's width: the table is as wide as its rows (every row would be
    # rejected for its field count at the header's), and the header is not lost.
    lay = layout("a,b,c,d\n" + "1,2\n" * 20)
    assert (lay.header_row, lay.data_start_line, lay.width, lay.names) == (0, 1, 2, ["a", "b"])
    lay = layout("Date,Close,Volume,OpenInterest\n" + "2020-01-02,10.5\n2020-01-03,10.7\n2020-01-06,10.6\n")
    assert (lay.header_row, lay.data_start_line, lay.names) == (0, 1, ["Date", "Close"])


def test_a_line_of_words_wider_than_a_headerless_price_table_is_preamble():
    # No row fills the columns it names past the table's width, and its names map no price the
    # rows read without a header show (open, high, low, close from their values): no header.
    rows = "".join(f"2021-03-{d:02d},{120 + d}.5,{122 + d}.0,{119 + d}.9,{121 + d}.7\n" for d in range(1, 13))
    lay = layout("Account,Type,Owner,Region,Currency,Broker\n" + rows)
    assert (lay.header_row, lay.data_start_line, lay.width) == (-1, 1, 5)
    assert lay.names == [f"column_{j}" for j in range(1, 6)]
    # A line that names a price keeps its names over the rows' columns.
    lay = layout("Date,Open,High,Low,Close,Volume\n" + rows)
    assert (lay.header_row, lay.data_start_line, lay.names) == (0, 1, ["Date", "Open", "High", "Low", "Close"])


def test_a_header_wider_than_its_rows_that_names_its_date_column_stays_the_header():
    # Rows that omit a trailing empty "Remarks": the header of a table of no prices, as it is at the
    # table's width; read as preamble, its temperatures loaded as closes.
    rows = "".join(f"2021-03-{d:02d},{10 + d % 7}.5,Oslo\n" for d in range(1, 13))
    lay = layout("Date,Temperature,Station,Remarks\n" + rows)
    assert (lay.header_row, lay.data_start_line, lay.names) == (0, 1, ["Date", "Temperature", "Station"])
    # Nor a statistics table whose "Min" and "Max" sit over numbers (its "N" left empty).
    rows = "".join(f"2021-03-{d:02d},{10 + d % 5}.5,1.{d % 9},{5 + d % 5}.2,{15 + d % 5}.8,{10 + d % 5}.4\n"
                   for d in range(1, 13))
    assert layout("Date,Mean,SD,Min,Max,Median,N\n" + rows).header_row == 0


def test_a_release_list_whose_rows_omit_its_last_names_keeps_its_header():
    # debian.csv of distro-info-data, its older releases (no row fills eol-lts, eol-elts): no name
    # is a canonical one, but read headerless the "close" (version) lies left of the date, as in no
    # price table; taken for preamble, the releases loaded as prices of tickers "buzz", "rex"...
    text = ("version,codename,series,created,release,eol,eol-lts,eol-elts\n"
            "1.1,Buzz,buzz,1993-08-16,1996-06-17,1997-06-05\n1.2,Rex,rex,1996-06-17,1996-12-12,1998-06-05\n"
            "1.3,Bo,bo,1996-12-12,1997-06-05,1999-03-09\n2.0,Hamm,hamm,1997-06-05,1998-07-24,2000-03-09\n"
            "2.1,Slink,slink,1998-07-24,1999-03-09,2000-10-30\n2.2,Potato,potato,1999-03-09,2000-08-15,2003-07-30\n"
            "3.0,Woody,woody,2000-08-15,2002-07-19,2006-06-30\n3.1,Sarge,sarge,2002-07-19,2005-06-06,2008-03-30\n"
            "4.0,Etch,etch,2005-06-06,2007-04-08,2010-02-15\n5.0,Lenny,lenny,2007-04-08,2009-02-14,2012-02-06\n")
    lay = layout(text)
    assert (lay.header_row, lay.names[:2]) == (0, ["version", "codename"])


def test_a_totals_row_labelled_at_its_end_is_a_footer():
    # Broker exports: "Transactions Total", "Account Total", with "--" in the empty cells.
    text = '"Date","Action","Amount"\n"11/20/2020","Div","$2.11"\n"11/19/2020","Award","$300.00"\n' \
           '"11/10/2020","Journal","-$123.45"\nTransactions Total,"",$178.66\n'
    assert layout(text).footer_lines == 1
    text = "Symbol,Quantity,Price,Value,Change\nAAPL,10,$10.00,$100.00,+1.2%\nMSFT,5,$20.00,$100.00,-0.5%\n" \
           "IBM,2,$50.00,$100.00,+0.1%\nAccount Total,--,--,$300.00,--\n"
    assert layout(text).footer_lines == 1


def test_early_rows_the_rows_below_did_not_confirm_are_data_but_type_no_column():
    # One odd first value among seven (frictionless issue 1138): the row is data, to be rejected
    # with its reason; typed with the others it would cost the date column its format.
    text = "Zeit,Wasserstand\n09.07.2013 12:00:00,146\n" + "".join(f"{d}.07.2013,{150 - d}\n" for d in range(10, 16))
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert (lay.types[0].type, lay.types[0].format) == ("date", "%d.%m.%Y")


def test_a_commented_header_ending_a_metadata_block_names_the_columns():
    # Copernicus CAMS exports: "# key: value" lines, the last of them the header (found by helper-60).
    meta = "# Title: CAMS radiation service\n# Latitude: 38.2970 (N)\n# Altitude: 500.0 m\n"
    rows = "".join(f"2020-01-01T00:0{m}:00.0;{m}.5;0.{m}000;0.0000\n" for m in range(6))
    text = meta + "# Observation period;TOA;GHI;BHI\n" + rows
    lay = detect_layout(parse_rows(text, ";", '"', None), count_lines(text), None, ".", None)
    assert (lay.header_row, lay.data_start_line, lay.width) == (3, 4, 4)
    assert lay.names == ["Observation period", "TOA", "GHI", "BHI"]
    # A remark with commas between the header and the data is no header: it ends no comment block.
    text = "Date,Ticker,Close\n# prices, checked, ok\n" + "".join(f"2021-01-0{d},AAA,10.{d}\n" for d in range(4, 8))
    lay = detect_layout(parse_rows(text, ",", '"', None), count_lines(text), None, ".", None)
    assert (lay.header_row, lay.names) == (0, ["Date", "Ticker", "Close"])
    # A data row commented out above the data is no header, nor is a one-cell comment.
    for comment in ("# 2019-12-31T23:59:00.0;0.5;0.1000;0.0000\n", "# checked by ops\n"):
        text = "Observation period;TOA;GHI;BHI\n" + comment + rows
        lay = detect_layout(parse_rows(text, ";", '"', None), count_lines(text), None, ".", None)
        assert (lay.header_row, lay.names[1]) == (0, "TOA")


@pytest.mark.parametrize("preamble", ["Account,12345", "As of,2021", "2021-03-05,Daily report"])
def test_a_row_of_years_heading_the_table_stops_the_data_walking_up_to_a_preamble_row(preamble):
    # A row of years reads as data (numbers where the data has numbers); a preamble row above it
    # that reads as data too must not carry it into the data region: it is the header.
    body = "".join(f"{t},1.{k}5,2.{k}5,3.{k}5\n" for k, t in enumerate(["AAA", "BBB", "CCC", "DDD", "EEE"]))
    lay = layout(f"{preamble}\nTicker,2019,2020,2021\n" + body)
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert lay.names == ["Ticker", "2019", "2020", "2021"]


@given(st.integers(min_value=0, max_value=700), st.integers(min_value=1, max_value=200))
def test_spread_picks_rows_evenly_as_the_step_formula_does(n, limit):
    from backintime_assets.detection.layout import _spread

    rows = [[str(k)] for k in range(n)]
    step = n / limit
    expected = rows if n <= limit else [rows[int(k * step)] for k in range(limit)]
    assert _spread(rows, limit) == expected


@pytest.mark.parametrize("missing", ["NA", "..", ":"])
def test_a_row_of_missing_values_is_data_not_a_header(missing):
    # Every typed cell spelled missing: a record whose values are all missing, not the header of
    # the rows below it (which would make the real header and the rows above preamble).
    row = ",".join([missing] * 3)
    lay = layout(f"a,b,c\n1.5,2.5,3\n2.5,3.5,4\n{row}\n4.5,5.5,6\n5.5,6.5,7\n")
    assert (lay.header_row, lay.data_start_line, lay.names) == (0, 1, ["a", "b", "c"])
    assert [t.type for t in lay.types] == ["float", "float", "integer"]


def test_a_line_as_wide_as_the_table_above_a_blank_line_is_no_part_of_the_header():
    # Macrotrends: a disclaimer with as many commas as the table, blank lines, then the header. It
    # was stacked onto the header, and its words named the columns ("Disclaimer...", "tax").
    disclaimer = ("Disclaimer and Terms: All data provided on Macrotrends is provided for informational purposes"
                  " only, and is not intended for trading purposes or financial, investment, tax, legal,"
                  " accounting or other advice.")
    rows = "".join(f"2024-01-0{d},18{d}.5,18{d}.7,18{d}.1,18{d}.2,10{d}000\n" for d in range(2, 9))
    lay = layout(f"Macrotrends Data Download\n\n{disclaimer}\n\n\ndate,open,high,low,close,volume\n" + rows)
    assert (lay.header_row, lay.data_start_line) == (5, 6)
    assert lay.names == ["date", "open", "high", "low", "close", "volume"]
    assert lay.header_cells == [[n] for n in lay.names]


@pytest.mark.parametrize(("above", "cells"), [
    # A Bloomberg sheet: the securities, a blank line, the field under each. Cut off at the blank
    # line, the block named two columns "PX_LAST": one ticker's prices loaded under the file's name,
    # the other's dropped unseen (a file of several tickers side by side, to be refused).
    ("Dates,AAPL US Equity,MSFT US Equity\n\nDate,PX_LAST,PX_LAST\n",
     [["Dates", "Date"], ["AAPL US Equity", "PX_LAST"], ["MSFT US Equity", "PX_LAST"]]),
    # The header, a blank line, each price's currency: the currencies alone named no column.
    ("Date,Open,Close\n\n,USD,USD\n", [["Date"], ["Open", "USD"], ["Close", "USD"]]),
])
def test_a_blank_line_inside_a_header_block_that_names_columns_alike_keeps_the_row_above(above, cells):
    rows = "".join(f"2024-01-0{d},18{d}.5,18{d}.7\n" for d in range(2, 9))
    lay = layout(above + rows)
    assert (lay.header_row, lay.data_start_line) == (0, 3)
    assert lay.header_cells == cells


@pytest.mark.parametrize("labels", [
    ",AAPL US Equity,,MSFT US Equity,\n",  # two of five cells filled
    ",AAPL US Equity,,MSFT US Equity\n",  # and its trailing empty cell left out (Excel does)
    "\n,AAPL US Equity,,MSFT US Equity\n",  # a blank line between
])
def test_a_sparse_row_labelling_fields_named_alike_heads_the_table(labels):
    # A Bloomberg sheet: each security written once, over the first of its fields. Taken for
    # preamble, AAPL's prices loaded under the file's name and MSFT's were dropped without a word.
    data = "2024-01-02,185.64,82488700,370.87,25258600\n2024-01-03,184.25,58414500,370.60,23083500\n"
    lay = layout(labels + "Dates,PX_LAST,PX_VOLUME,PX_LAST,PX_VOLUME\n" + data)
    assert lay.header_row == labels.count("\n") - 1 and lay.data_start_line == labels.count("\n") + 1
    assert lay.header_cells == [["Dates"], ["AAPL US Equity", "PX_LAST"], ["PX_VOLUME"],
                                ["MSFT US Equity", "PX_LAST"], ["PX_VOLUME"]]


def test_a_sparse_row_over_a_header_of_distinct_names_is_preamble():
    # Nothing below is named alike: two words above the header are a note, not labels.
    lay = layout("Source,Bloomberg\nDate,Ticker,Close,Volume\n" + DATA)
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert lay.header_cells == [["Date"], ["Ticker"], ["Close"], ["Volume"]]


@pytest.mark.parametrize(("top", "names", "adj_at"), [
    (",,,,,Adj,\n", "Date,Open,High,Low,Close,Close,Volume", 5),
    (",Adj,,,,,\n", "Date,Close,Close,High,Low,Open,Volume", 1),  # yfinance's order: the adjusted first
    (",,,,,Adj,,Change\n", "Date,Open,High,Low,Close,Close,Volume,%", 5),  # every split name's first line
])
def test_names_split_over_two_rows_are_read_whole(top, names, adj_at):
    # "Adj" over the second "Close": the first line of "Adj Close". Taken for preamble, the two
    # closes were refused as several tickers' prices side by side; read a row at a time, the
    # adjusted closes could load as the closes.
    closes, adjs = [31.14, 31.39, 31.71], [30.2, 30.45, 30.76]
    rows = []
    for d, c, a in zip((22, 23, 24), closes, adjs):
        values = {"Open": "31.5", "High": "32.9", "Low": "29.9", "Volume": "2259341", "%": "0.5"}
        cells = [f"2023-05-{d}"] + [values.get(n, "") for n in names.split(",")[1:]]
        cells[adj_at] = str(a)
        cells[names.split(",").index("Close", 1 + (adj_at == 1))] = str(c)
        rows.append(",".join(cells) + "\n")
    data = (top + names + "\n" + "".join(rows)).encode()
    schema = detect_bytes(data, "ACME.csv")
    assert schema.problem is None and (schema.header_row, schema.data_start_line) == (0, 2)
    assert schema.columns[adj_at].canonical == "adj_close"
    result = normalise_bytes(data, schema, "ACME.csv")
    assert result.prices.close.tolist() == closes and result.prices.adj_close.tolist() == adjs
    assert len(result.rejected) == 0


def test_a_word_over_a_header_that_tells_no_pair_apart_is_preamble():
    # "Source" over "Date": the two closes stay alike, so it is a note, not a name's first line.
    lay = layout("Source,,,\nDate,Close,Close,Volume\n2020-01-02,10.5,10.4,100\n2020-01-03,10.7,10.6,120\n"
                 "2020-01-06,10.6,10.5,90\n")
    assert (lay.header_row, lay.data_start_line) == (1, 2)


@pytest.mark.parametrize("top", [",MSFT,,\n", ",,MSFT,\n", ",,S&P 500,\n", ",USD,,\n"])
def test_a_label_over_one_of_two_closes_is_no_split_name(top):
    # A ticker, a benchmark or a currency over one of two closes names whose it is, not a name's first
    # line: "MSFT" and "Close" read whole are no known name. Joined to the header, the file's ticker
    # loaded the closes of the first column, MSFT's; which close is AAPL's is unsaid: refused.
    data = (top + "Date,Close,Close,Volume\n2024-01-02,100.5,400.1,1000\n2024-01-03,101.0,401.2,1100\n"
            "2024-01-04,101.5,402.3,1200\n").encode()
    schema = detect_bytes(data, "AAPL.csv")
    result = normalise_bytes(data, schema, "AAPL.csv")
    assert schema.problem is not None and "side by side" in schema.problem
    assert len(result.prices) == 0 and len(result.rejected) == 3


def test_a_header_marking_each_name_with_a_hash_is_no_comment():
    # mBank's operations export: '#' before each label of its preamble and each name of its header.
    # Taken for a comment, the file had no header and its columns no names.
    rows = "".join(f"2024-01-{d:02d};ZAKUP {d};eKonto;-{d}5,49;\n" for d in range(2, 9))
    text = "mBank S.A.;\n#Klient;\nJAN KOWALSKI;\n;\n#Data operacji;#Opis operacji;#Rachunek;#Kwota;\n" + rows
    lay = detect_layout(parse_rows(text, ";", '"', None), count_lines(text), None, ",", None)
    assert (lay.header_row, lay.data_start_line) == (4, 5)
    assert lay.names[:4] == ["Data operacji", "Opis operacji", "Rachunek", "Kwota"]
    # Above an unmarked header, such a row is a metadata block: taken for a header row, its cells
    # ("Source: broker") named the columns.
    text = "# Source: broker;# Account: 12345;# Currency: EUR\nDate;Open;Close\n" + "".join(
        f"2024-01-{d:02d};{d}.10;{d}.90\n" for d in range(2, 9))
    lay = detect_layout(parse_rows(text, ";", '"', None), count_lines(text), None, ",", None)
    assert (lay.header_row, lay.data_start_line, lay.names) == (1, 2, ["Date", "Open", "Close"])
    # A row of "#N/A"s is no header.
    text = "Date,Ticker,Close\n#N/A,#N/A,#N/A\n" + "".join(f"2021-01-0{d},AAA,10.{d}\n" for d in range(4, 8))
    assert (layout(text).header_row, layout(text).names) == (0, ["Date", "Ticker", "Close"])


def test_a_header_repeated_at_each_page_break_leaves_the_numeric_columns_numeric():
    # An accounting report exported with its page breaks: "Page n of 3" and the header every 4
    # rows. Counted among the values, the repeated names made text of Net, VAT and Gross.
    rows = [f"INV-{1000 + k},{1 + 2 * k:02d}/03/2024,Client {'ABCD'[k % 4]},{100 + 17 * k}.00,{20 + 3.4 * k:.2f}"
            for k in range(12)]
    header = "Invoice,Date,Customer,Net,VAT\n"
    text = "".join(f"Page {p + 1} of 3,,,,\n" + header + "".join(r + "\n" for r in rows[4 * p:4 * p + 4])
                   for p in range(3))
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert [t.type for t in lay.types] == ["string", "date", "string", "float", "float"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_header_naming_the_row_numbers_with_a_bare_hash_is_no_comment(delimiter):
    # Web tables and report tools number their rows under "#" ("#,Date,Open,..."). Taken for a
    # comment, the file lost its header below a preamble line.
    rows = "".join(f"{k}{delimiter}2024-01-0{k + 1}{delimiter}{10 + k}.5{delimiter}{100 * k}\n" for k in range(1, 7))
    for above in ("", "Ticker: AAPL\n\n", "# generated by ExportTool 2.1\n"):
        text = above + delimiter.join(["#", "Date", "Close", "Volume"]) + "\n" + rows
        lay = detect_layout(parse_rows(text, delimiter, '"', None), count_lines(text), None, ".", None)
        assert lay.header_row == text.count("\n", 0, text.index("#" + delimiter))
        assert lay.names == ["#", "Date", "Close", "Volume"]
        assert lay.data_start_line == lay.header_row + 1


def test_a_bare_hash_over_no_row_numbers_is_still_a_comment():
    # "#,comment" between the header and dates: a remark (rejected with the data), not a header.
    text = "Date,Ticker,Close\n#,checked,ok\n" + "".join(
        f"2020-01-0{k},AAPL,{10 + k}.5\n" for k in range(2, 8))
    lay = layout(text)
    assert (lay.header_row, lay.names) == (0, ["Date", "Ticker", "Close"])
    assert lay.data_start_line == 1


@pytest.mark.parametrize("first", [
    "2024-01-01,ND,ND,ND",  # the Federal Reserve's "no data" on a holiday
    "2024-01-01,N/E,N/E,N/E",  # Banco de México's "no existe"
    "2024-01-01,#N/A Field Not Applicable,1.1,#N/A Invalid Security",  # Bloomberg's errors
])
def test_a_first_row_of_a_date_and_words_of_no_value_is_data_not_a_header_row(first):
    # The Fed's download: description rows, the series codes, then the data, whose first day is a
    # holiday. That row was taken into the header block (its date among the names) and skipped as
    # a header line, unseen: it is data, to be rejected for its missing prices.
    head = "Series Description,EUR,JPY,CAD\nTime Period,RXI$US_N.B.EU,RXI_N.B.JA,RXI_N.B.CA\n"
    rows = "".join(f"2024-01-0{d},1.09{d},141.{d},1.33{d}\n" for d in range(2, 7))
    lay = layout(head + first + "\n" + rows)
    assert (lay.header_row, lay.data_start_line) == (0, 2)
    assert lay.header_cells[0] == ["Series Description", "Time Period"]
    assert [t.type for t in lay.types] == ["date", "float", "float", "float"]


def test_comment_lines_with_a_bare_hash_above_a_header_are_no_header_rows():
    # '#' names the row numbers only in the header row itself: above it, a metadata line whose
    # first cell is a bare '#' had joined the header block, and named the columns "Source", "Yahoo".
    rows = "".join(f"{k},2024-01-0{k + 1},{10 + k},{11 + k},{100 + k}\n" for k in range(1, 8))
    text = "#,Source,Yahoo,,\n#,Exported,2024-01-09,,\nNo,Date,Open,Close,Volume\n" + rows
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (2, 3)
    assert lay.names == ["No", "Date", "Open", "Close", "Volume"]


@pytest.mark.parametrize("labels", [",AAA,,BBB,", "Ticker,AAA,AAA,BBB,BBB"])
def test_a_row_of_names_with_a_date_where_the_dates_go_stays_the_header(labels):
    # Excel reports write the report's date over the date column, beside the fields, under the
    # securities: a row of names all the same. Taken for a first day of no prices, the file lost
    # "Close" and "Volume" and loaded nothing.
    rows = "".join(f"0{d}/01/2024,1.{d},10{d},2.{d},20{d}\n" for d in range(2, 7))
    lay = layout(f"{labels}\n31/01/2024,Close,Volume,Close,Volume\n" + rows)
    assert (lay.header_row, lay.data_start_line) == (0, 2)
    assert [c[-1] for c in lay.header_cells[1:]] == ["Close", "Volume", "Close", "Volume"]


@pytest.mark.parametrize("second", ["2024-01-31,,USD,shares", "2024-01-31,,PX_LAST,PX_VOLUME"])
def test_a_dated_row_of_units_or_fields_under_the_names_is_no_data(second):
    # Words that differ, or name their columns, are names or units, not a source's word for no value.
    rows = "".join(f"2024-01-0{d},AAA,1.{d},10{d}\n" for d in range(2, 7))
    lay = layout(f"Date,Ticker,Close,Volume\n{second}\n" + rows)
    assert (lay.header_row, lay.data_start_line) == (0, 2)


# Investing.com's Chinese download of the Shanghai Composite, opened in Excel and saved again with a
# statistics table typed beside the prices and three rows of its figures above the header
# (Zechen003/Q_Finance, 上证指数历史数据.csv): the head and first rows as in the file; the
# rows below carry the side table's columns empty, as the file's other 4,950 rows do.
_SIDE_TABLE_HEAD = (
    ",,,,,,,,,,,,Av Pos,1.25%,2575,51.51%,0.65%,,,\n"
    ",,,,,,,,,,Average return,0.000276042,Av Neg,-1.32%,2333,46.67%,-0.62%,,Count,4999\n"
    ",,,,,,,,,,,,,0,0,,,,,\n"
    "日期,收盘,开盘,高,低,交易量,涨跌幅,Return ,,intervals,,,,,,,,,,\n"
    '2011年5月19日,"2,859.57","2,879.39","2,884.14","2,856.83",7.70B,-0.46%,-0.69%,,-0.03,,Bin,Frequency,'
    "Range,prob,cdf ,,,Column1,\n"
    '2011年5月18日,"2,872.77","2,846.72","2,877.43","2,843.68",7.68B,0.70%,0.92%,,-0.02,,-0.03,231,'
    "Less than -3%,4.62%,4.62%,,,,\n"
    '2011年5月17日,"2,852.77","2,846.45","2,869.23","2,821.20",9.48B,0.13%,0.22%,,-0.01,,-0.02,236,'
    "-3% to -2%,4.72%,9.34%,,,Mean,0.000276042\n"
    '2011年5月16日,"2,849.07","2,864.38","2,877.09","2,846.31",8.46B,-0.76%,-0.53%,,0,,-0.01,583,'
    "-2% to -1%,11.66%,21.00%,,,Standard Error,0.000284098\n"
)


def _side_table_file(plain_rows: int = 30) -> str:
    rows = "".join(f'2011年4月{d}日,"2,9{d:02d}.57","2,9{d:02d}.39","2,9{d + 20:02d}.14","2,8{d:02d}.83",'
                   f"7.{d % 10}0B,-0.46%,-0.69%,,,,,,,,,,,,\n" for d in range(1, plain_rows + 1) if d % 7 not in (2, 3))
    return _SIDE_TABLE_HEAD + rows


def test_a_header_half_empty_for_side_columns_below_banner_rows_is_the_header():
    # The banner rows fill only side columns, typed like the side table below them: taken for the
    # data's start they hid the header, and the half-empty header row (eight names of twenty
    # columns) was dropped as preamble. Mapped by values alone, open and close were swapped.
    text = _side_table_file()
    lay = detect_layout(parse_rows(text, ",", '"', None), count_lines(text), None, ".", ",")
    assert (lay.header_row, lay.data_start_line) == (3, 4)
    assert lay.names[:8] == ["日期", "收盘", "开盘", "高", "低", "交易量", "涨跌幅", "Return"]


def test_a_preamble_row_naming_one_column_of_several_is_no_header():
    # The half-empty header passes only as a row naming every column the data always fills.
    text = "Report,,,\nDate,Ticker,Close,Volume\n" + DATA
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    lay = layout("Report,,,\n" + DATA)
    assert lay.header_row == -1


def _new_listing(note: str) -> str:
    """A new listing's daily prices in Investing's column order: its first days carry a close only,
    then a line that is no day's prices (a dividend, a note), then full rows."""
    first = "".join(f"01/0{d}/2020,1{d}.50,,,,,\n" for d in range(2, 7))
    full = "".join(f'01/{d}/2020,2{d % 10}.10,2{d % 10}.50,2{d % 10}.90,2{d % 10}.00,1{d}.2K,0.5%\n'
                   for d in range(10, 31))
    return "Date,Price,Open,High,Low,Vol.,Change %\n" + first + note + "\n" + full


@pytest.mark.parametrize("note", ["01/09/2020,0.22 Dividend,,,,,", "Trading resumed after the lock-up,,,,,,"])
def test_first_rows_sparser_than_the_table_above_a_line_of_no_prices_keep_the_header(note):
    # Only rows that fill side columns above a header are banners: here no header sits between the
    # sparse first rows and the full ones. Taken for preamble, they hid the header, and mapped by
    # values, the open loaded as the close (Price first) and the volume was lost.
    lay = layout(_new_listing(note))
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names[:3] == ["Date", "Price", "Open"]


def test_words_over_a_headerless_sheets_full_columns_are_a_title_not_its_header():
    # A half-empty row is kept as the header only when it names a column it heads ("Date" over
    # dates): taken for the names, "Ticker,AAPL,NASDAQ" left the file no close column.
    rows = "".join(f"2020-01-{d:02d},10.{d},{d}00,,,,,,\n" for d in range(2, 30))
    lay = layout("Ticker,AAPL,NASDAQ,,,,,,\n" + rows)
    assert (lay.header_row, lay.data_start_line) == (-1, 1)


# Excerpt of a real UK spending return (frictionlessdata/frictionless-py, data/hmt/1011-bbsrc-25k-spend-return.csv):
# its first two records carry an id ("IAH126") and a date ("01/11/2010") in shapes the rows below do not
# use ("174195", "03-NOV-2010"), so they did not read as data, and were taken into the header and skipped.
BBSRC = (
    'Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number, Amount ,VAT Reg'
    'istration Number\n'
    'BIS,BBSRC,01/11/2010,Fuel Oil R&M Consumables,IAH,Estate Management,IAH126,"47,715.95",\n'
    'BIS,BBSRC,01/11/2010,L&B Other Fees Pirbright,IAH,Construction Services,IAH127,"30,052.99",\n'
    'BIS,BBSRC,03-NOV-2010,Research Grant Expenditure,RISD - Innovation Skills,University of Essex,174195'
    ',"111,737.00",\n'
    'BIS,BBSRC,03-NOV-2010,Research Institutes - Capital Grants: Major Works,FG - Accounts & Business Pla'
    'nning,Babraham Bioscience Technologies Ltd,177765,"396,246.00",\n'
    'BIS,BBSRC,03-NOV-2010,Rates,JBOS - Maintenance,Swindon Borough Council,175237,"60,190.00",\n'
    'BIS,BBSRC,05/11/2010,Lab Supplies,IAH,Scientific Services,IAH128,"29,937.50",\n'
    'BIS,BBSRC,08-NOV-2010,Research Institutes - Capital Grants: Major Works,Estates - Projects,Babraham '
    'Institute,180356,"105,219.00",\n'
    'BIS,BBSRC,09/11/2010,Equipment,RRES,POWE-009 - POWERPEFECTOR PLC,308485," 61,310.33 ",\n'
    'BIS,BBSRC,10-NOV-2010,,,Radisson Edwardian Heathrow,180165,"31,095.30",\n'
    'BIS,BBSRC,10-NOV-2010,Research Institutes - Competitive Strategic Grant,FG - Accounts & Business Pla'
    'nning,Babraham Institute,181902,"1,015,667.00",\n'
    'BIS,BBSRC,10/11/2010,Corporate Events,RISD - Director Office,"California State University Fullerton,'
    ' Auxiliaty Services Corporation",181742,"47,751.08",\n'
    'BIS,BBSRC,12/11/2010,HPLC System,RRES,SHIM-001 - Shimadzu UK Ltd,309310," 35,250.00 ",\n'
    'BIS,BBSRC,16/11/2010,Research Institutes - Capital Grants: Major Works,Estates - Projects,Institute '
    'for Animal Health,185406,"1,543,919.64",\n'
    'BIS,BBSRC,24/11/2010,,,Sodexo Pass Ltd,187860,"34,039.01",\n'
    'BIS,BBSRC,30/11/2010,Standard Charge Expenses,Central Purchases - SO,Cable & Wireless,192774,"105,384.25",\n'
)


def test_first_records_in_other_shapes_that_repeat_the_columns_values_are_data_not_header():
    lay = detect_layout(parse_rows(BBSRC, ",", '"', None), count_lines(BBSRC), None, ".", ",")
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names[:3] == ["Department Family", "Entity", "Date"]


def test_a_second_header_row_of_names_stays_in_the_header():
    text = "Date,Close,Close\n,AAPL,MSFT\n" + "".join(f"2020-01-0{d},1{d}.5,2{d}.5\n" for d in range(2, 8))
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 2)


# Excerpt of a real German research-budget listing (okfn/messytables, horror/sparse_with_column_errors.csv):
# codes and titles, and a number column only some rows fill. Rows with that cell empty did not read as
# data, so the data "started" at the first three rows in a row that fill it, and the rows above were
# skipped as preamble, a data row taken for the header.
SPARSE = (
    'LP,Bezeichnung,Kapitel/Titel,\n'
    'A,Trägerorganisationen; Umstrukturierung der Forschung im Beitrittsgebiet; Hochschulbau und überwieg'
    'end hochschulbezogene Sonderprogramme,,\n'
    'A1,Grundfinanzierung MPG,,\n'
    'A100,Grundfinanzierung MPG,300368540,\n'
    ',,300389440,\n'
    'A10000,Grundfinanzierung MPG,,\n'
    'A2,Grundfinanzierung DFG,,\n'
    'A200,Grundfinanzierung DFG,300368530,\n'
    ',,300389430,\n'
    'A20000,Grundfinanzierung DFG,,\n'
    'A3,Grundfinanzierung FhG,,\n'
    'A300,Grundfinanzierung FhG,300468560,\n'
    ',,300489460,\n'
    'A30000,Grundfinanzierung FhG,,\n'
    'A4,Umstrukturierung der Forschung im Beitrittsgebiet,,\n'
    'A40000,Umstrukturierung der Forschung im Beitrittsgebiet,,\n'
    'A5,Aus- und Neubau von Hochschulen,,\n'
    'A500,Aus- und Neubau von Hochschulen,300288260,\n'
    ',,300388201,\n'
    ',,300388207,\n'
)


def test_rows_leaving_a_sparse_number_column_empty_are_data():
    lay = detect_layout(parse_rows(SPARSE, ",", '"', None), count_lines(SPARSE), None, ".", None)
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names[:3] == ["LP", "Bezeichnung", "Kapitel/Titel"]
    assert lay.types[2].type == "integer"


def test_a_title_over_a_sparse_number_column_stays_preamble():
    text = "Budget listing 2011,,,\n" + SPARSE
    lay = detect_layout(parse_rows(text, ",", '"', None), count_lines(text), None, ".", None)
    assert (lay.header_row, lay.data_start_line) == (1, 2)


def test_a_two_row_header_repeated_down_the_table_stays_the_header():
    head = "Date,Close,Close\n,AAPL,MSFT\n"
    rows = "".join(f"2020-01-0{d},1{d}.5,2{d}.5\n" for d in range(2, 8))
    text = head + rows + head + rows
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 2)
    assert ["Date", "Close", "Close"] not in lay.body  # its repeat is no data row


def _closes(rows: int, first: int = 2) -> str:
    return "".join(f"2024-01-{d:02d},AAPL,1{d}.5,{d}00\n" for d in range(first, first + rows))


def test_a_header_repeated_down_the_table_with_a_cell_changed_is_no_record():
    # The repeat (a page break's, its last name changed) holds the header's names in their columns; it
    # is no data row, so those names are no values: taken for some, the header row was thought a record.
    text = "Daily prices report,Fund A,,\nDate,Ticker,Close,Volume\n" + _closes(8) + \
        "Date,Ticker,Close,Volume (page 2)\n" + _closes(12, first=10)
    lay = layout(text)
    # (the title line above is preamble: a key and its value, it names no column; see
    # test_a_key_and_values_line_above_a_complete_header_is_preamble)
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert lay.names == ["Date", "Ticker", "Close", "Volume"]


def test_a_units_row_whose_words_recur_in_text_columns_stays_in_the_header():
    # "GBP" and "LSE" are the values of the currency and market columns too; the row writes a word
    # where the data has its dates, so it is no record in another shape.
    text = "Trade date,Symbol,Price,Price currency,Market\ndd/mm/yyyy,,GBP,GBP,LSE\n" + "".join(
        f"{d:02d}/01/2024,VOD,1{d}.5,GBP,LSE\n" for d in range(2, 22))
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 2)


def test_a_header_leaving_its_sparse_number_column_unnamed_stays_the_header():
    # A holdings list whose one number column (a close only some rows fill) has no name: the header
    # fills the word columns as the rows do, yet with names. Read as a row, the sector was lost.
    rows = "".join(f"Company {k},US{1000000000 + 7 * k},Tech,{f'1{k}.5' if k % 4 == 0 else ''}\n"
                   for k in range(30))
    lay = layout("Name,ISIN,Sector,\n" + rows)
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    assert lay.names[:3] == ["Name", "ISIN", "Sector"]


@pytest.mark.parametrize("preamble", [
    "File created by:,Sally,Brown,,",  # readr's deaths.csv: a key and its values, the rest empty
    "Report date:,2020-01-08,,,",
    "Source,Exchange,Reuters,,",
])
def test_a_key_and_values_line_above_a_complete_header_is_preamble(preamble):
    # Left-packed, as wide as the table and half filled, such a line was stacked onto the header:
    # its words named the first columns ("File created by:" for the date, "Sally" for the ticker)
    # and the header's own names were lost. A header row above names that already name every
    # column labels groups of them; filled from the left and empty after, it labels nothing.
    text = preamble + "\nDate,Ticker,Close,Volume,Note\n" + DATA.replace("\n", ",x\n")
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert lay.names == ["Date", "Ticker", "Close", "Volume", "Note"]


def test_a_label_row_over_a_complete_header_still_stacks():
    # Labels spread over the header's columns (a gap between them) still head the block.
    lay = layout("Trade,,Price,,Size\nDate,Ticker,Close,Volume,Note\n" + DATA.replace("\n", ",x\n"))
    assert (lay.header_row, lay.data_start_line) == (0, 2)


def test_a_title_padded_with_delimiters_over_an_all_text_table_is_preamble():
    # csvlint's title-row.csv: no column types a row as data, so the first row as wide as the table
    # was taken for the header; the title, padded to that width, was that row, and dropped as a
    # header for its empty cells, it left the table headerless: title and header loaded as rows.
    lay = layout('"This is a title row",,\n"Foo","Bsr","Baz"\n"Biff","Baff","Boff"\n"Qux","Teaspoon","Doge"')
    assert (lay.header_row, lay.data_start_line) == (1, 2)
    assert lay.names == ["Foo", "Bsr", "Baz"]


def test_an_ellipsis_for_a_figure_not_yet_published_is_no_value():
    # Destatis' GENESIS tables (and Statistics Canada's) write "..." where a figure is due later: the
    # months of the year not yet counted. Read as text, it made the count columns strings.
    rows = "".join(f"2021,{m},3{m}551,3{m}197\n" for m in range(1, 9)) + "".join(
        f"2022,{m},...,...\n" for m in range(1, 7))
    lay = layout("Year,Month,Male,Female\n" + rows)
    assert [t.type for t in lay.types] == ["integer", "integer", "integer", "integer"]


def test_the_feds_download_metadata_lines_above_the_series_codes_are_preamble():
    # The Federal Reserve's Data Download Program writes a line per attribute ("Unit:", "Multiplier:",
    # "Currency:", "Unique Identifier:") above the "Time Period" row of series codes. Three of them
    # were stacked into the header, its top one naming the columns: "Currency:" over the dates and
    # "NA" over the rates (the refusal then spoke of a column "Currency:").
    head = ('"Series Description","Rate paid by fixed-rate payer on an interest rate swap"\n'
            '"Unit:","Percent:_Per_Year"\n"Multiplier:","1"\n"Currency:","NA"\n'
            '"Unique Identifier: ","H15/H15/RIFLDIY02_N.M"\n"Time Period","RIFLDIY02_N.M"\n')
    rows = "".join(f"2001-{m:02d},{5 - m / 10:.2f}\n" for m in range(1, 13))
    lay = layout(head + rows)
    assert (lay.header_row, lay.data_start_line) == (5, 6)
    assert lay.names == ["Time Period", "RIFLDIY02_N.M"]


@pytest.mark.parametrize("ticker_row", ["Ticker:,AAPL,AAPL", "Symbol:,AAPL,"])
def test_a_ticker_row_keyed_with_a_colon_stays_in_the_header(ticker_row):
    # Its key names the ticker: the header's ticker row (header_ticker.py), not a line of metadata.
    lay = layout(ticker_row + "\nDate,Close,Volume\n" + "".join(f"2020-01-0{d},1{d}.5,{d}00\n" for d in range(2, 9)))
    assert (lay.header_row, lay.data_start_line) == (0, 2)


@pytest.mark.parametrize(("units", "names", "row"), [
    ("Units:,USD,USD,('000)", "Date,Close,Open,Volume", "2024-01-{:02d},12.5,12.25,200"),
    ("Unit:,,,('000)", "Date,Close,Open,Volume", "2024-01-{:02d},12.5,12.25,200"),
    ("Units,USD,('000),", "Date,Close,Volume,Note", "2024-01-{:02d},12.5,200,x"),
    # A unit of scale with words beside it is the volume's scale as well.
    ("Units:,USD,USD,Shares ('000)", "Date,Close,Open,Volume", "2024-01-{:02d},12.5,12.25,200"),
    ("Unit:,,,Volume (000s)", "Date,Close,Open,Volume", "2024-01-{:02d},12.5,12.25,200"),
])
def test_a_units_row_keyed_or_left_packed_over_a_complete_header_stays_in_it(units, names, row):
    # "('000)" over the volume is its scale: taken for a key's line of metadata and cut off as
    # preamble, the volume loaded a thousand times too small, unseen.
    text = f"{units}\n{names}\n" + "".join(row.format(d) + "\n" for d in range(2, 12))
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line) == (0, 2)
    schema = detect_bytes(text.encode(), "units.csv")
    assert next(c for c in schema.columns if c.canonical == "volume").multiplier == 1000
    assert normalise_bytes(text.encode(), schema, "units.csv").prices_arrow["volume"].to_pylist()[0] == 200_000


@pytest.mark.parametrize("keys", ["Symbol:,AAPL\nName:,Apple Inc.\n", "Ticker:,AAPL\nCurrency:,USD\n"])
def test_key_rows_under_a_ticker_row_leave_the_header_its_ticker(keys):
    # A ticker row over key rows over the header: cut off at the key row under it, the ticker row was
    # lost with the preamble, and the prices loaded under the file's name ("DATA").
    text = keys + "Date,Close\n" + "".join(f"2024-01-{d:02d},1{d}.5\n" for d in range(2, 12))
    schema = detect_bytes(text.encode(), "data.csv")
    assert schema.ticker == "AAPL"
    assert set(normalise_bytes(text.encode(), schema, "data.csv").prices_arrow["ticker"].to_pylist()) == {"AAPL"}


@pytest.mark.parametrize("ending", ["\r\r\n", "\n\n"])
def test_double_spaced_damaged_last_row_of_a_sampled_file_is_rejected_not_taken_for_a_footer(ending):
    # A file past the head sample: its end is judged on the tail sample (its own spacing), where the
    # blank line above a damaged last row was taken for a break, the row for a footer, dropped unseen.
    days = [d for d in (dt.date(2000, 1, 3) + dt.timedelta(days=k) for k in range(8400)) if d.weekday() < 5]
    text = "Date,Open,Close\n" + "".join(f"{d},1{k % 90}.5,1{k % 90}.7\n" for k, d in enumerate(days)) + "<<corrupt>>\n"
    data = text.replace("\n", ending).encode()
    assert len(data) > 2 * 64 * 1024  # head and tail sampled apart
    schema = detect_bytes(data, "X.csv")
    assert schema.footer_lines == 0
    result = normalise_bytes(data, schema, "X.csv")
    assert len(result.prices) == 6000 and list(result.rejected["reason"]) == ["wrong field count: expected 3, got 1"]


def test_a_units_row_giving_few_columns_a_unit_stays_under_the_names_row():
    # Campbell Scientific's TOA5: names, units (few columns have one), the logger's aggregation. Cut
    # off at the units row for its empty cells, the block kept the last row, and "Min", "Smp", "Smp_2"
    # named the columns.
    text = ('"TOA5","CR1000_38400","CR1000","44238","CR1000.Std.24","CPU:SOFS-3.CR1","4011","Log"\n'
            '"TIMESTAMP","RECORD","BattV_Min","PTemp_C","PAR","OptodeBPhase","OptodeTemp","flntusCHL",'
            '"flntusNTU","meanZAccel","stdZAccel","meanLoad"\n'
            '"TS","RN","Volts","Deg C","","","","","","","",""\n'
            '"","","Min","Smp","Smp","Smp","Smp","Smp","Smp","Smp","Smp","Smp"\n'
            + "".join(f'"2012-03-20 0{h}:00:00",{h},12.1{h},23.1{h},"NAN",-1,-98,-1,-1,-9.8{h},0.03,-13{h}.8\n'
                      for h in range(8)))
    schema = detect_bytes(text.encode(), "log.dat")
    assert (schema.header_row, schema.data_start_line) == (1, 4)
    assert [c.name for c in schema.columns][:6] == ["TIMESTAMP", "RECORD", "BattV_Min", "PTemp_C", "PAR",
                                                     "OptodeBPhase"]
    assert [c.type for c in schema.columns][:4] == ["timestamp", "integer", "float", "float"]


def test_a_short_log_under_a_long_key_value_preamble_finds_its_header():
    # An instrument's download: twenty "Key,value" lines, then a short log. No column typed from the
    # first ten rows, so the whole head read as text, and "Upper Alarm,100000,ppb" named the columns.
    keys = ["Instrument IRN,T000001C86D7C", "Selected calibration,Factory",
            "Factory calibration date,Tuesday, May 13, 2025", "User calibration date,Wednesday, July 23, 2025",
            "Select calibration date,Friday, July 18, 2025", "Instrument ID,", "Gas,Isobutylene", "Units,ppb",
            "Session Number,2", "Download date,Saturday, September 13, 2025 4:07:55 PM", "Zone,001",
            "Record Mode,Single reading", "Upper Alarm,100000,ppb", "Lower Alarm,50000,ppb",
            "Log Start,1/1/1980 12:00:00 AM", "Log End,1/1/1980 12:00:11 AM", "Interval,1", "Tiger Select",
            "Max Reading,245,ppb,1/1/1980 12:00:11 AM", "Date,Time,Isobutylene (ppb)"]
    text = "\n".join(keys + [f"1/1/1980,12:00:{s:02d} AM,{170 + 3 * s}" for s in range(12)]) + "\n"
    schema = detect_bytes(text.encode(), "session.csv")
    assert (schema.header_row, schema.data_start_line) == (19, 20)
    assert [(c.name, c.type, c.format) for c in schema.columns] == [
        ("Date", "date", "%m/%d/%Y"), ("Time", "string", None), ("Isobutylene (ppb)", "integer", None)]


def test_a_one_day_download_whose_header_names_one_column_fewer_than_its_row_is_read():
    # Euronext's download of one day: three preamble lines, a header of nine names, a row of ten
    # (its VWAP unnamed). The header and the row had split their votes, the preamble outvoted them,
    # and the file was read as one column, "Historical Data": nothing loaded, "no date or close column".
    text = ('"Historical Data"\n"From 2024-01-02 to 2024-01-02"\nLU1708330318\n'
            "Date;Open;High;Low;Last;Close;Number of Shares;Number of Trades;Turnover\n"
            "2024-01-02;4.506;4.506;4.4925;4.497;4.495;3370;6;15147;4.494641\n").encode()
    schema = detect_bytes(text, "euronext_LU1708330318.csv")
    assert (schema.header_row, schema.data_start_line) == (3, 4)
    assert [c.canonical for c in schema.columns][:6] == ["date", "open", "high", "low", None, "close"]
    result = normalise_bytes(text, schema, "euronext_LU1708330318.csv")
    prices = result.prices_arrow.to_pylist()
    assert result.rejected_arrow.num_rows == 0 and len(prices) == 1
    assert (str(prices[0]["date"]), prices[0]["close"], prices[0]["volume"]) == ("2024-01-02", 4.495, 3370)


def test_a_header_over_a_damaged_first_row_of_two_keeps_the_tables_width():
    # The header is one name short of the first row only: that row has a stray field, the row
    # below it is as wide as the header. Counted at the stray row's width, the header made the table
    # three columns wide: the good row was rejected for its field count, the damaged one loaded.
    text = b"Prices\nDate,Close\n2024-01-02,1.5,x\n2024-01-03,1.6\n"
    schema = detect_bytes(text, "p.csv")
    assert len(schema.columns) == 2
    result = normalise_bytes(text, schema, "p.csv")
    assert [(str(r["date"]), r["close"]) for r in result.prices_arrow.to_pylist()] == [("2024-01-03", 1.6)]
    assert result.rejected_arrow.select(["source_line", "reason"]).to_pylist() == [
        {"source_line": 3, "reason": "wrong field count: expected 2, got 3"}]


def test_a_sparse_row_over_a_full_header_ends_the_block_though_names_sit_above_it():
    # A quote's names and values over the price history's own header: the sparse row is the quote's
    # values, no units row. Taken into the block, the quote's names named the columns ("Symbol" the
    # dates, "Close" the opens).
    rows = "".join(f"2024-01-{d:02d},{99 + d}.5,{101 + d},{98 + d},{100 + d}.25,{1000 + d}\n" for d in range(2, 22))
    text = "Symbol,Close,Date,High,Low,Volume\nAAPL,185.50,,,,\nDate,Open,High,Low,Close,Volume\n" + rows
    schema = detect_bytes(text.encode(), "prices.csv")
    assert (schema.header_row, schema.data_start_line) == (2, 3)
    assert [c.name for c in schema.columns] == ["Date", "Open", "High", "Low", "Close", "Volume"]


def test_a_table_of_text_keeps_its_header_over_a_few_counts_at_its_end():
    # No column types from the first rows; from three rows from the end, "Total,30" and "Listed,28"
    # typed a column alone, a name two rows above named the columns, and 30 rows went as preamble.
    rows = "".join(f"Ticker {i},Company number {i} plc,London,Ordinary shares\n" for i in range(30))
    text = "Name,Description,Place,Kind\n" + rows + "Total,30,,\nListed,28,,\nDelisted,2,,\n"
    schema = detect_bytes(text.encode(), "list.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)
    assert [c.name for c in schema.columns] == ["Name", "Description", "Place", "Kind"]


@pytest.mark.parametrize("preamble", ["", "Report,Daily\nGenerated,2024-01-11\n\n"])
def test_a_header_one_name_short_over_a_units_row_as_short_keeps_both(preamble):
    # Cut off at the header for its width, the units row alone was no header: the table read
    # headerless, the volume's "x1000" lost (loaded a thousand times small), a note column's word
    # loaded as the ticker.
    rows = "".join(f"2024-01-{d:02d},{100 + d}.5,{1234 + d},note\n" for d in (2, 3, 4, 5, 8, 9, 10))
    data = f"{preamble}Date,Close,Volume\n,,x1000\n{rows}".encode()
    schema = detect_bytes(data, "prices.csv")
    assert [c.name for c in schema.columns][:3] == ["Date", "Close", "Volume"]
    assert schema.columns[2].canonical == "volume" and schema.columns[2].multiplier == 1000
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert prices["volume"].tolist() == [(1234 + d) * 1000 for d in (2, 3, 4, 5, 8, 9, 10)]
    assert set(prices["ticker"]) == {"PRICES"}


def test_comment_lines_do_not_hide_a_flag_column_of_a_headerless_table():
    # CSV.jl's test_508: two '#' lines ("# no header...") over rows of "Yes"/"No" and a word. Typed
    # with the comments, the flag column was text, nothing read as data, and the first row
    # ("Yes","Medium rare") became the header: a record lost.
    data = b'# a comment\n# no header...\n"Yes","Medium rare"\n"Yes","Medium"\n"Yes","Medium"\n' \
           b'"Yes","Medium rare"\n"No",\n"Yes","Rare"'
    schema = detect_bytes(data, "steaks.csv")
    assert schema.header_row == -1 and schema.data_start_line == 2
    assert [(c.type, c.format) for c in schema.columns] == [("boolean", "yes/no"), ("string", None)]
    # With a header, the header is kept.
    named = detect_bytes(b"# a comment\nDone,Steak\n" + data.split(b"\n", 2)[2], "steaks.csv")
    assert named.header_row == 1 and [c.name for c in named.columns] == ["Done", "Steak"]


def test_a_header_one_name_short_of_rows_that_end_in_a_delimiter_names_the_columns():
    # INSEE's IRIS table quoted in a README: 11 names over rows of 12 values and a trailing ';'. Two
    # fields short of the rows, the header was taken for a preamble line, skipped, and every column
    # went unnamed (column_1, ...).
    data = ("CODGEO;LIBGEO;COM;LIBCOM;REG;DEP;ARR;CV;ZE2010;UU2010;NB_B101\n"
            "010040101;Les Perouses-Triangle d'Activite;01004;Ambérieu-en-Bugey;82;01;011;0101;8201;01302;0;2;\n"
            "010040102;Longeray-Gare;01004;Ambérieu-en-Bugey;82;01;011;0101;8201;01302;0;2;\n"
            "010040201;Centre-St Germain-Vareilles;01004;Ambérieu-en-Bugey;82;01;011;0101;8201;01302;0;0;\n").encode()
    schema = detect_bytes(data, "iris.csv")
    assert schema.header_row == 0 and schema.data_start_line == 1
    names = [c.name for c in schema.columns]
    assert names[:2] == ["CODGEO", "LIBGEO"] and names[10] == "NB_B101" and names[11:] == ["column_12", "column_13"]
    assert schema.columns[0].format == "leading_zeros"
    # Three names short even so: a line of another kind, not the header.
    short = detect_bytes(b"Report;2024\n" + data.split(b"\n", 1)[1], "iris.csv")
    assert short.header_row == -1


@pytest.mark.parametrize("names", ["Open;High;Low;Close;Volume", "Kurse;Aktie;Boerse;Xetra;EUR"])
def test_a_short_line_over_dated_rows_ending_in_a_delimiter_names_no_column_it_misreads(names):
    # Rows "2024-01-02;100.0;101.1;...;100000;" under a line two names short: its names, set over
    # the first columns, called the dates "Open" and the lows "Close" (every row rejected), or were a
    # preamble's words ("Kurse") over the dates (no close column). Headerless, the file loads.
    rows = "".join(f"2024-01-{d:02d};{100 + d}.0;{101 + d}.1;{99 + d}.1;{100 + d}.2;{100000 + d};\n"
                   for d in (2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17))
    data = (names + "\n" + rows).encode()
    schema = detect_bytes(data, "prices.csv")
    assert schema.header_row == -1
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert prices["close"].tolist()[:2] == [102.2, 103.2] and prices["volume"].tolist()[:2] == [100002, 100003]


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_exports_joined_into_one_file_start_at_the_first_header(bom):
    # Two days under a header, then the header again (a BOM before it when each export had one):
    # the repeat refuted the first days as data, and they were rejected "outside the table".
    part = "Date,Close\n2024-01-0{},1.5\n2024-01-0{},1.6\n"
    text = part.format(2, 3) + bom + part.format(4, 5)
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line, lay.names) == (0, 1, ["Date", "Close"])
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "joined.csv"), "joined.csv")
    assert list(result.prices["date"].astype(str)) == ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
    assert list(result.rejected["source_line"]) == [4]  # the repeated header (1-based), rejected with its reason


def test_a_days_row_under_dated_preamble_lines_types_the_columns():
    # A one-day snapshot: two "key,date" lines (alike, their dates in one shape) over the day's row.
    # The row holds no date where the lines hold theirs: it is the data, not an odd last row; typed
    # without it, the file was refused for "no date column".
    text = "Report date,2024-01-05,\nPrinted on,2024-01-08,\n2024-01-05,AAPL,185.25\n"
    schema = detect_bytes(text.encode(), "snapshot.csv")
    prices = normalise_bytes(text.encode(), schema, "snapshot.csv").prices
    assert list(prices["date"].astype(str)) == ["2024-01-05"] and list(prices["close"]) == [185.25]


def test_genesis_period_row_under_a_repeated_name_heads_the_columns():
    # Destatis GENESIS: ";Jahr;Jahr;..." over ";2001;2002;...", label column blank in both. The years
    # read as numbers: the row was the first record, and every column was named "Jahr".
    text = ("GENESIS-Tabelle: 12612-0102\nGeburtenziffern: Deutschland, Jahre, Altersjahre;;;;\n"
            "Lebendgeborene je 1000 Frauen (Anzahl);;;;\n;Jahr;Jahr;Jahr;Jahr\n;2001;2002;2003;2004\n"
            "15 Jahre;1,0;1,0;0,9;0,8\n16 Jahre;3,1;3,2;3,0;2,8\n17 Jahre;7,5;7,7;7,1;6,4\n"
            "18 Jahre;12,1;12,0;11,5;11,0\n_____\n(C)opyright Statistisches Bundesamt, Wiesbaden 2010\n")
    data = text.encode("cp1252")
    schema = detect_bytes(data, "12612-0102.csv")
    assert (schema.header_row, schema.data_start_line, schema.footer_lines) == (3, 5, 2)
    assert [c.name for c in schema.columns] == ["column_1", "Jahr 2001", "Jahr 2002", "Jahr 2003", "Jahr 2004"]
    assert [c.type for c in schema.columns][1:] == ["float"] * 4
    assert normalise_bytes(data, schema, "12612-0102.csv").rows_read == 4
    # Reference days over numbers do not read as data, and were left between header and data.
    days = text.replace(";2001;2002;2003;2004", ";31.12.2001;31.12.2002;31.12.2003;31.12.2004")
    schema = detect_bytes(days.encode("cp1252"), "11111-0001.csv")
    assert (schema.header_row, schema.data_start_line) == (3, 5)
    assert schema.columns[1].name == "Jahr 31.12.2001"
    # A first record with its label missing is no period row: its header names each column.
    text = "Age,y2001,y2002,y2003\n,2001,2002,2003\nA,1,2,3\nB,4,5,6\nC,7,8,9\n"
    schema = detect_bytes(text.encode(), "t.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)


def test_a_row_of_periods_over_rows_of_periods_is_a_record_not_a_period_head():
    # A table of years under a repeated name: its first record's label is missing, and its years are
    # of the kind every row below holds. Taken for the header's period row, it was lost unseen.
    text = (",Year,Year,Year\n,1990,1995,2001\nGermany,1949,1957,1999\nFrance,1958,1957,1999\n"
            "Italy,1946,1957,1999\nSpain,1978,1986,1999\n")
    schema = detect_bytes(text.encode(), "years.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)
    assert normalise_bytes(text.encode(), schema, "years.csv").rows_read == 5
    # Under a price name, a dateless first record of prices in the years' range: no tickers named.
    text = ",Close,Close,Close\n,1850,1920,2010\n2024-01-02,1851,1921,2011\n2024-01-03,1852,1922,2012\n"
    schema = detect_bytes(text.encode(), "closes.csv")
    assert schema.data_start_line == 1
    result = normalise_bytes(text.encode(), schema, "closes.csv")
    assert len(result.prices) == 0 and result.rows_read == 3


def test_a_record_of_blank_figures_near_the_top_keeps_the_header_above():
    # A World Bank download: four preamble lines, the header, then a region whose figures are all
    # missing (left empty) as the third row. No data row to the judge, it ended the data's top: the
    # two rows above it were taken for preamble and the header was lost (header_row -1, data at line 7).
    text = ('"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n'
            '"Country Name","Country Code","Indicator Name","Indicator Code","1960","2020","2021",\n'
            '"Aruba","ABW","Consumer price index (2010 = 100)","FP.CPI.TOTL","","120.5","125.1",\n'
            '"Africa Eastern and Southern","AFE","Consumer price index (2010 = 100)","FP.CPI.TOTL","","","",\n'
            '"Albania","ALB","Consumer price index (2010 = 100)","FP.CPI.TOTL","","110.0","",\n'
            '"Togo","TGO","Consumer price index (2010 = 100)","FP.CPI.TOTL","","120.5","125.1",\n')
    data = text.encode()
    schema = detect_bytes(data, "API_FP.CPI.TOTL_DS2_en_csv_v2_1.csv")
    assert (schema.header_row, schema.data_start_line) == (4, 5)
    assert [c.name for c in schema.columns][:4] == ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    result = normalise_bytes(data, schema, "API_FP.CPI.TOTL_DS2_en_csv_v2_1.csv")
    assert (result.rows_read, result.prices_arrow.num_rows) == (4, 0)  # every record read, none loaded as prices
    # So in a day's listing: a halted stock's row, no close nor volume, third. Its rows above were
    # taken for preamble (AAA read by nothing, neither loaded nor rejected) and "BBB,Beta Inc" for
    # the header: the file was refused for want of a close column.
    data = b"Ticker,Name,Close,Volume\nAAA,Alpha Corp,10.5,100\nBBB,Beta Inc,,\nCCC,Gamma Ltd,11,200\n" \
           b"DDD,Delta plc,12,300\nEEE,Epsilon AG,13,400\n"
    result = normalise_bytes(data, detect_bytes(data, "prices_2024-01-02.csv"), "prices_2024-01-02.csv")
    assert result.file_problem is None and result.rows_read == 5
    assert result.prices["ticker"].tolist() == ["AAA", "CCC", "DDD", "EEE"]
    assert result.prices["close"].tolist() == [10.5, 11.0, 12.0, 13.0]
    rejected = result.rejected_arrow.select(["raw", "reason"]).to_pylist()
    assert rejected == [{"raw": "BBB,Beta Inc,,", "reason": "missing value: close"}]
    # Its words unique to it, a record above it says it is one; a title line above the header
    # (one cell filled) stays preamble, and a header leaving its number column unnamed stays the header.
    rows = "Aruba,ABW,1.5,2.5\nAfrica,AFE,,\nAlbania,ALB,1.0,\nTogo,TGO,1.5,2.5\nChad,TCD,1,2\n"
    lay = layout("Report,,,\nName,Code,Y2020,Y2021\n" + rows)
    assert (lay.header_row, lay.data_start_line, lay.names) == (1, 2, ["Name", "Code", "Y2020", "Y2021"])
    lay = layout("Name,Code,Sector,\n" + rows.replace(",1.5,", ",X,").replace(",1.0,", ",Y,").replace(",1,", ",Z,")
                 .replace(",AFE,,", ",AFE,W,"))
    assert (lay.header_row, lay.data_start_line, lay.names[:3]) == (0, 1, ["Name", "Code", "Sector"])


@pytest.mark.parametrize("above", ["Account balances report\n", "Account balances report\nExported: 2024-03-01\n",
                                   "Account balances report\n\n"])
def test_a_one_column_table_is_named_by_the_line_right_above_its_values(above):
    # Stacked as a two-line header, the title named the column and "value" was lost.
    data = (above + "value\n-967.44\n774.73\n211.68\n425.13\n-12.5\n").encode()
    schema = detect_bytes(data, "balances.csv")
    header = above.count("\n")
    assert (schema.header_row, schema.data_start_line) == (header, header + 1)
    assert [(c.name, c.type) for c in schema.columns] == [("value", "float")]
    # A units line under the name: the name is the line above it.
    schema = detect_bytes(b"Account balances report\nvalue\n(USD)\n-967.44\n774.73\n211.68\n425.13\n", "balances.csv")
    assert [c.name for c in schema.columns] == ["value"]


@pytest.mark.parametrize("above", ["List of office cities\n\n",
                                   "Office Cities Report 2024\nExported: 2024-03-01 10:15\n\n"])
def test_a_one_column_list_of_words_under_a_title_set_off_by_a_blank_line(above):
    # All lines one cell of words: only the blank line tells the title from the header. The title
    # named the column and "city" was read as the list's first value.
    cities = ["Paris, FR", "Köln", "São Paulo", "New York, NY", "Zürich", "Reykjavík", "Kraków", "Lyon"] * 2
    data = (above + "city\n" + "\n".join(cities) + "\nTotal\n").encode()
    schema = detect_bytes(data, "cities.csv")
    header = above.count("\n")
    assert (schema.header_row, schema.data_start_line) == (header, header + 1)
    assert [c.name for c in schema.columns] == ["city"]
    # A blank line inside the list, below its first values, is no title's.
    schema = detect_bytes(b"city\nParis\n\nLyon\nNice\nKoln\nRome\n", "cities.csv")
    assert (schema.header_row, [c.name for c in schema.columns]) == (0, ["city"])


@pytest.mark.parametrize("units", ["(deg C)", "[kg]", "%"])
def test_a_one_column_tables_name_over_a_units_line_it_does_not_know(units):
    # Read as the name (the line right above the values), the units line hid the name above it.
    data = f"Reading\n{units}\n20.5\n21.25\n19.75\n22.0\n20.1\n".encode()
    schema = detect_bytes(data, "readings.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 2)
    assert [(c.name, c.type) for c in schema.columns] == [("Reading", "float")]


def test_a_one_word_header_over_a_blank_line_is_no_title():
    # A title is words; a lone word over a blank line is the list's own header. Taken for a title,
    # the list's first value ("Paris") was read as its header.
    cities = ["Paris", "London", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Oslo", "Bern", "Athens"]
    schema = detect_bytes(("city\n\n" + "\n".join(cities) + "\n").encode(), "cities.csv")
    assert (schema.header_row, [c.name for c in schema.columns]) == (0, ["city"])


_SURVEY = ("Respondent ID,Collector ID,Start Date,IP Address,How satisfied are you?,Which products do you use?,,,"
           "What could we improve?\n"
           ",,,,Response,Product A,Product B,Product C,Open-Ended Response\n"
           "11486953365,265432118,05/14/2020 10:12:40 AM,73.12.44.1,Very satisfied,Product A,,Product C,Faster\n"
           "11486950012,265432118,05/14/2020 10:05:11 AM,98.210.3.77,Satisfied,,Product B,,\n"
           "11486941187,265432118,05/14/2020 09:51:02 AM,24.5.190.12,Neutral,Product A,Product B,,More colours\n"
           "11486938820,265432118,05/14/2020 09:40:19 AM,67.180.22.9,Very satisfied,,,Product C,\n")


def test_a_second_header_row_naming_a_headings_blank_cells_is_the_headers_though_its_words_recur():
    # SurveyMonkey's export: a question heads the answer options' columns, its blank cells named by the
    # second row ("Product A", "Product B"). The options chosen recur below in their columns, and the
    # second row was read as the first record.
    lay = layout(_SURVEY)
    assert (lay.header_row, lay.data_start_line) == (0, 2)
    assert lay.names[4:8] == ["How satisfied are you?", "Which products do you use?", "Product B", "Product C"]
    schema = detect_bytes(_SURVEY.encode(), "survey.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 2)
    # A record naming its row first, its figures missing, under a header leaving a column unnamed after
    # a name, stays a record (its words recur below).
    rows = ("Aruba,ABW,CPI,FP.CPI,1.5,2.5\nAfrica,AFE,CPI,FP.CPI,,\nAlbania,ALB,CPI,FP.CPI,1.0,\n"
            "Togo,TGO,CPI,FP.CPI,1.5,2.5\nChad,TCD,CPI,FP.CPI,1,2\n")
    lay = layout("Name,Code,Indicator,,Y2020,Y2021\n" + rows)
    assert (lay.header_row, lay.data_start_line) == (0, 1)
    lay = layout("Name,Code,Indicator,,Y2020,Y2021\n" + rows.split("\n", 1)[1])
    assert (lay.header_row, lay.data_start_line) == (0, 1)


def test_labels_spanning_columns_join_the_names_under_them():
    # "Sales" over "date,units": named by the label alone, "date" was lost and its Excel serials,
    # typed under "Sales", read as a number.
    rows = [f"{45000 + k},{k * 3},{45100 + k},{k * 5}" for k in range(20)]
    data = ("Sales,,Costs,\ndate,units,date,units\n" + "\n".join(rows) + "\n").encode()
    schema = detect_bytes(data, "book.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 2)
    assert [(c.name, c.type) for c in schema.columns] == [
        ("Sales date", "date"), ("units", "integer"), ("Costs date", "date"), ("units_2", "integer")]


def test_a_table_of_times_flags_and_accounting_numbers_keeps_its_header_and_first_rows():
    # No column of times, t/f, "(39,462)" and Y/N types as numbers or dates from the top; the last
    # rows held no parentheses, typed the number columns alone from there, and every row above them
    # was taken for preamble: the header read at line 33, thirty-three rows lost.
    def cell(i, j):
        n = f"{10 + i + j},{(i * 37 + j * 11) % 900 + 100}"
        return f"({n})" if i % 2 == 0 and i < 34 else n

    rows = [f"{i % 24:02d}:{15 * (i % 4):02d}|{'tf'[i % 3 == 0]}|{cell(i, 0)}|{cell(i, 1)}|{'YN'[i % 5 == 0]}"
            for i in range(40)]
    text = "time|flag|variance|net income|flag\n" + "\n".join(rows) + "\n"
    schema = detect_bytes(text.encode(), "ledger.psv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)
    assert [(c.name, c.type, c.format) for c in schema.columns] == [
        ("time", "string", None), ("flag", "boolean", "t/f"), ("variance", "float", "accounting"),
        ("net income", "float", "accounting"), ("flag_2", "boolean", "y/n")]


def test_group_labels_over_names_of_flag_and_text_columns_are_a_two_row_header():
    # No column types as numbers or dates: the first mostly filled row was taken for the header,
    # the labels "Totals,,Group B", and the names under them read as a data row (the flags text).
    rows = [f"{'YN'[i % 2]},+1 {300 + i} 555 {1000 + i},{'tf'[i % 3 == 0]}" for i in range(20)]
    text = "Totals,,Group B\nverified,tel,active\n" + "\n".join(rows) + "\n"
    schema = detect_bytes(text.encode(), "members.csv")
    assert schema.data_start_line == 2
    assert [(c.name, c.type) for c in schema.columns] == [
        ("Totals verified", "boolean"), ("tel", "string"), ("Group B active", "boolean")]


def test_a_header_over_flags_whose_first_row_is_odd_is_one_row():
    # A full header row (no cell empty) over data is no label row, though the row below is no
    # value of a column the rest type: that row is data, to be loaded or rejected.
    rows = [f"{'YN'[i % 2]},name {i},{'tf'[i % 3 == 0]}" for i in range(20)]
    text = "verified,who,active\nmaybe,someone,x\n" + "\n".join(rows) + "\n"
    schema = detect_bytes(text.encode(), "members.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)


@pytest.mark.parametrize("rows, header_row", [
    # A headerless list of cities: its first value recurs below, no name heads its column so.
    (["Kyoto", "Lima", "Oslo", "Kyoto", "Lima", "Perth", "Oslo"], -1),
    (["city", "Kyoto", "Lima", "Oslo", "Kyoto", "Lima", "Perth"], 0),
    # Records of e-mail addresses and hashes: shaped as values, not names.
    ([f"user{i}@ex.com;{i * 7919:032x}" for i in range(1, 9)], -1),
    (["contact;commit"] + [f"user{i}@ex.com;{i * 7919:032x}" for i in range(1, 9)], 0),
    # Codes of one digit shape: the first is one of them.
    ([f"AB-{100 + 7 * i};Paris {'North' if i % 2 else 'South'} {i}" for i in range(9)], -1),
    (["code;place"] + [f"AB-{100 + 7 * i};Paris {'North' if i % 2 else 'South'} {i}" for i in range(9)], 0),
])
def test_the_first_row_of_a_table_of_text_is_a_header_only_if_it_names(rows, header_row):
    text = "\n".join(rows) + "\n"
    schema = detect_bytes(text.encode(), "list.csv")
    assert (schema.header_row, schema.data_start_line) == (header_row, header_row + 1)
    assert all(c.type == "string" for c in schema.columns)


@pytest.mark.parametrize("rows", [
    # A name that recurs as a value of its column: a data dictionary's own "name" field.
    ["name,description", "id,The record's identifier", "name,The customer's full name",
     "email,The customer's e-mail address", "city,Where the customer lives", "segment,Marketing segment"],
    # Joined lists: the header heads its column twice, in a case none of its values are written in.
    ["Symbol", "AAPL", "MSFT", "GOOG", "AMZN", "Symbol", "META", "NVDA", "TSLA", "KO"],
    ["email", "u0@ex.org", "u1@ex.org", "u2@ex.org", "email", "v0@ex.org", "v1@ex.org", "v2@ex.org"],
    # Names shaped as values, over columns of words: URLs, e-mail addresses, hosts' addresses.
    ["http://schema.org/name,http://schema.org/url"] + [f"Shop {c},http://shop{c}.example.com/" for c in "ABCDEFG"],
    ["task,alice@example.com,bob@example.com"] + [f"task {c},done,pending" for c in "ABCDEFG"],
    ["service,10.0.0.1,10.0.0.2"] + [f"{s},open,closed" for s in ("ssh", "http", "smtp", "ftp", "dns", "ntp")],
    # One of two names written once among its column's values.
    ["id,status"] + [f"item-{c},{'status' if i == 5 else ('open', 'closed', 'pending')[i % 3]}"
                     for i, c in enumerate("abcdefgh")],
])
def test_a_header_of_a_table_of_text_whose_names_recur_or_look_like_values_stays_the_header(rows):
    text = "\n".join(rows) + "\n"
    schema = detect_bytes(text.encode(), "list.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)
    assert [c.name for c in schema.columns] == rows[0].split(",")


def test_a_blank_cornered_header_over_a_first_record_with_one_odd_flag_is_one_row():
    # The first record ("zed,maybe,t") holds a value of the flags' column beside an odd one: no row
    # of names. Taken for the header's second row, it named the columns and the header was lost.
    names = ["alice", "bob", "carol", "dan", "eve", "frank", "gina", "hal", "ivy", "jon", "kim", "lou"]
    text = ",verified,active\nzed,maybe,t\n" + "".join(
        f"{n},{'YN'[i % 2]},{'tf'[i % 3 == 0]}\n" for i, n in enumerate(names))
    schema = detect_bytes(text.encode(), "members.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)
    assert [c.name for c in schema.columns][1:] == ["verified", "active"]


def test_a_scientific_table_under_a_long_prose_preamble_is_found_below_it():
    # A certified dataset's description (NIST StRD style): thirty-odd lines of prose, some of
    # two words, and a "Data:" header over space-aligned numbers. The uniform typing from the
    # table's top lets a few prose lines through; counted as the data's shapes, they made every
    # prose line above "shaped like" the data, the table was read from line 0 and typed as text.
    prose = ["Reference Dataset", "Dataset Name:   Silver   (silver.dat)", "",
             "File Format:    ASCII", "                Data               (lines 41 to 88)", ""]
    prose += [f"Note {k}:   the reference values were measured by hand" for k in range(14)]
    prose += ["", "Certified Values:", "", "Between Instrument  1 3.6E-09 3.6E-09 1.59E+01",
              "Within Instrument  46 1.0E-08 2.2E-10", "", "Certified Residual",
              "Standard Deviation  1.5E-05", "", "", "Data:  Instrument           AgWt"]
    rows = [f"           {1 + i // 24}            107.86815{i:02d}" for i in range(48)]
    text = "\n".join(prose + rows) + "\n"
    schema = detect_bytes(text.encode(), "silver.dat")
    assert (schema.header_row, schema.data_start_line) == (len(prose) - 1, len(prose))
    assert [(c.name, c.type) for c in schema.columns] == [("Instrument", "integer"), ("AgWt", "float")]


def test_a_label_before_the_names_of_a_header_names_no_column():
    # "Data:" labels the line; cut at the end to the table's width, the header had named the
    # value column "Instrument" and lost "AgWt".
    text = "Data:  Instrument   AgWt\n" + "".join(f"   {1 + i // 6}   107.8{i:02d}\n" for i in range(12))
    schema = detect_bytes(text.encode(), "silver.dat")
    assert [c.name for c in schema.columns] == ["Instrument", "AgWt"]
    plain = detect_bytes(b"Date,Close,Note\n2024-01-02,10.5,a\n2024-01-03,10.7,b\n2024-01-04,10.6,c\n", "x.csv")
    assert [c.name for c in plain.columns] == ["Date", "Close", "Note"]


@pytest.mark.parametrize("sign", ["£", "$", "€"])
def test_prices_written_with_their_currency_are_numbers_to_the_rows_shape(sign):
    # Seen as text, the rows had no numbers to tell them by: under a note, "Total,,,8" (a number where
    # the symbols go) made the last two rows the header and the data, every price a name.
    rows = [f'2017/11/{d},{sign}0.4{d}3,"BHP Group, Ltd",BHP' for d in range(20, 24)]
    rows += [f"2017/11/{d},{sign}49.{d}5,Apple Inc.,AAPL" for d in range(20, 24)]
    data = "\n".join(["date,Price,Bezeichnung,symbol", *rows, "End of report", "Total,,,8", ""]).encode()
    s = detect_bytes(data, "p.csv")
    assert (s.header_row, s.data_start_line, s.footer_lines) == (0, 1, 2)
    assert [(c.name, c.canonical) for c in s.columns] == [("date", "date"), ("Price", "close"),
                                                          ("Bezeichnung", None), ("symbol", "ticker")]


def test_a_word_a_numeric_column_repeats_for_no_value_is_data_not_the_header():
    # "NC" (not classified) in the position column, written again further down: the first row
    # holding it did not read as data, and taken for the header, the real header and the two rows
    # above it were skipped as preamble unseen and "NC" named the column.
    text = ("Race,Name,Driver,Pos,Points\n"
            "AUS,Alex,Leclerc,3,15\nAUS,Conor,Antonelli,2,18\nAUS,Harry,Hadjar,NC,0\n"
            "AUS,Joe,Hamilton,4,12\nCHN,Alex,Hamilton,3,15\nCHN,Conor,Verstappen,NC,0\n"
            "CHN,Harry,Leclerc,4,12\nCHN,Joe,Antonelli,1,0\n")
    schema = detect_bytes(text.encode(), "picks.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 1)
    assert [c.name for c in schema.columns] == ["Race", "Name", "Driver", "Pos", "Points"]


def test_key_and_value_rows_under_a_blank_cornered_row_of_series_codes_are_no_header():
    # A Bundesbank download: the series' code and its flags column over its description, unit,
    # unit multiplier and last update, each a key and a value in the date column and one other.
    # The rows right above the data were stacked for the header: "unit" named the dates, "% p.a."
    # the series, and the series' code was lost.
    text = (",BBK01.SU0202,BBK01.SU0202_FLAGS\n"
            ",Yields on public debt securities / 9 to 10 years / Monthly average,\n"
            "unit,% p.a.,\nunit multiplier,one,\nlast update,2024-06-11 08:40:48,\n"
            "1997-08,5.96,\n1997-09,5.82,\n1997-10,5.74,\n1997-11,5.64,\n2024-05,.,No value available\n")
    schema = detect_bytes(text.encode(), "bbk.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 5)
    assert [c.name for c in schema.columns][1:] == ["BBK01.SU0202", "BBK01.SU0202_FLAGS"]
    assert schema.columns[0].type == "date"


def test_a_commented_header_under_a_legend_of_narrower_lines_names_the_columns():
    # KNMI's daily files: a legend of "CODE = meaning" lines, then "# STN,YYYYMMDD,..." and a
    # blank line over the values. The '#' header was taken for a remark between a header and the
    # data (the line above it is no comment) and the columns went unnamed.
    text = ("SOURCE: ROYAL NETHERLANDS METEOROLOGICAL INSTITUTE (KNMI)\n"
            "YYYYMMDD  = Date (YYYY=year MM=month DD=day)\n"
            "TG        = Daily mean temperature in (0.1 degrees Celsius)\n"
            "TX        = Maximum temperature (in 0.1 degrees Celsius)\n\n"
            "# STN,YYYYMMDD,   TG,   TX\n\n"
            + "".join(f"  260,1901010{d},  -{50 + d},  -{20 + d}\n" for d in range(1, 8)))
    schema = detect_bytes(text.encode(), "etmgeg_260.txt")
    assert (schema.header_row, schema.data_start_line) == (5, 6)  # (the blank line is skipped)
    assert [c.name for c in schema.columns] == ["STN", "YYYYMMDD", "TG", "TX"]
    # Under a header row of the table's width, a '#' line is a remark between it and the data.
    rows = b"".join(b"2024-01-0%d,10.%d\n" % (d, d) for d in range(1, 8))
    remark = detect_bytes(b"Date,Close\n# closes in EUR\n" + rows, "x.csv")
    assert (remark.header_row, [c.name for c in remark.columns]) == (0, ["Date", "Close"])


def test_a_key_with_one_value_for_every_column_over_a_row_of_names_is_metadata():
    # An RBA statistical table: "Source,RBA,RBA,RBA" and "Publication date,04-Jun-2024,..." over
    # "Series ID,FIRMMCRTD,...". Stacked onto it for the header, "Source" named the dates and
    # "RBA" the rates, whose series codes were lost.
    text = ("F1 INTEREST RATES\nTitle,Cash Rate Target,Change,Interbank Rate\nFrequency,Daily,Daily,Daily\n"
            "Source,RBA,RBA,RBA\nPublication date,04-Jun-2024,04-Jun-2024,04-Jun-2024\n"
            "Series ID,FIRMMCRTD,FIRMMCCRT,FIRMMCRID\n"
            + "".join(f"0{d}-Jun-2024,4.35,,4.3{d}\n" for d in range(3, 8)))
    schema = detect_bytes(text.encode(), "f1-data.csv")
    assert (schema.header_row, schema.data_start_line) == (5, 6)
    assert [c.name for c in schema.columns] == ["Series ID", "FIRMMCRTD", "FIRMMCCRT", "FIRMMCRID"]
    # A label over its tickers stays the header's: "Close" names the price each ticker's column holds.
    yf = ("Price,Close,Close,Close\nTicker,AAPL,MSFT,GOOG\nDate,,,\n"
          + "".join(f"2024-01-0{d},18{d}.6,37{d}.9,13{d}.6\n" for d in range(2, 7)))
    schema = detect_bytes(yf.encode(), "yf.csv")
    assert [c.name for c in schema.columns][1:] == ["Close", "Close_2", "Close_3"]


def test_a_first_row_naming_every_column_over_keys_of_codes_and_days_is_the_header():
    # INSEE's series download: "Libellé;<the series' title>;Codes" over its idBank, the time of
    # its last update and "Période". Stacked from the rows right above the data, the update's time
    # named the series and "Dernière mise à jour" the periods.
    text = ('"Libellé";"Indice des prix des logements anciens - Appartements - Série CVS";"Codes"\n'
            '"idBank";"010567069";""\n"Dernière mise à jour";"28/08/2025 08:45";""\n"Période";"";""\n'
            '"2025-T2";"101.2";"A"\n"2025-T1";"100.9";"A"\n"2024-T4";"100.4";"A"\n"2024-T3";"100.1";"A"\n')
    schema = detect_bytes(text.encode(), "valeurs_trimestrielles.csv")
    assert (schema.header_row, schema.data_start_line) == (0, 4)
    assert [c.name for c in schema.columns][::2] == ["Libellé", "Codes"]


def test_a_short_table_of_values_below_a_longer_legend_sets_the_width():
    # A short KNMI download: a legend of "CODE = meaning, translation" lines, then the table. Cut
    # by the comma in their text, the legend's lines outnumbered the rows: the table was read two
    # wide, the legend's, and its rows taken for a footer.
    legend = [f"{code:<9} = Measure {k} (in 0.1 units) / Measure {k}, translated (in 0.1 units)"
              for k, code in enumerate(["TG", "TN", "TX", "SQ", "SP", "Q", "DR", "RH", "PG", "PX",
                                        "PN", "NG", "UG", "UX", "UN", "EV24", "FG", "FHX", "FHN", "FXX"])]
    rows = [f"  260,2024010{d},  {50 + d},  {20 + d},  {30 + d},   {d},   {d}" for d in range(1, 6)]
    text = "\n".join(["SOURCE: ROYAL NETHERLANDS METEOROLOGICAL INSTITUTE (KNMI)", *legend, "",
                      "# STN,YYYYMMDD,   TG,   TN,   TX,   SQ,   SP", "", *rows]) + "\n"
    schema = detect_bytes(text.encode(), "etmgeg_260.txt")
    assert schema.delimiter == ","
    assert [c.name for c in schema.columns][:3] == ["STN", "YYYYMMDD", "TG"]


@pytest.mark.parametrize("text", [
    # Three key and value lines above a table whose days and prices are written with words and signs.
    "Period,2024-01-02,2024-01-31\nAccount,12345,678\nPrinted,2024-02-01,09:00\nDate,Close\n"
    + "".join(f"0{d}-Jan-2024,$1{d}.50\n" for d in range(2, 9)),
    # Three summary lines below one.
    "Date,Close\n" + "".join(f"0{d}-Jan-2024,$1{d}.50\n" for d in range(2, 9))
    + "Rows,7,7\nFirst,2024-01-02,1\nLast,2024-01-08,7\n",
])
def test_a_few_lines_of_plain_values_do_not_set_the_width_of_a_table_of_dressed_values(text):
    # Its rows hold no value _VALUE_CELL knows ("02-Jan-2024", "$12.50"), and the width rule for a
    # legend over a short table took the three lines' width: the file was refused as having no
    # date or close column.
    schema = detect_bytes(text.encode(), "x.csv")
    assert [(c.name, c.canonical) for c in schema.columns] == [("Date", "date"), ("Close", "close")]


DAYS = "".join(f"2024-01-0{d},1{d}.5,{d}00\n" for d in range(2, 7))


@pytest.mark.parametrize("units", ["Unit,,Thousands", "Unit:,,Thousands", "Unit,EUR,Thousands", "Einheit,,Tsd.",
                                   ",,Thousands", ",,x1000", "Unit,,M"])
def test_a_units_row_above_the_names_scales_the_volume_and_names_nothing(units):
    # A statistics office writes the units first, the names under them. Taken for preamble (a key and its
    # values) or stacked onto the header, the volume loaded a thousand times small and the units named
    # the columns ("Unit" the dates, "Thousands" the volume).
    schema = detect_bytes(f"{units}\nDate,Close,Volume\n{DAYS}".encode(), "prices.csv")
    assert [c.name for c in schema.columns] == ["Date", "Close", "Volume"]
    factor = 1_000_000 if units.endswith(",M") else 1000
    assert [c.multiplier for c in schema.columns] == [None, None, factor]
    assert schema.data_start_line == 2


def test_a_units_row_above_a_wide_header_scales_each_volume_and_keeps_every_ticker():
    text = ("Unit,EUR,Thousands,EUR,Thousands\nDate,AAPL Close,AAPL Volume,MSFT Close,MSFT Volume\n"
            + "".join(f"2024-01-0{d},1{d}.5,{d}00,3{d}.5,100\n" for d in range(2, 6)))
    schema = detect_bytes(text.encode(), "prices.csv")
    result = normalise_bytes(text.encode(), schema, "prices.csv")
    prices = result.prices_arrow.to_pylist()
    assert sorted({r["ticker"] for r in prices}) == ["AAPL", "MSFT"] and len(prices) == 8
    assert {r["volume"] for r in prices if r["ticker"] == "MSFT"} == {100_000.0}


@pytest.mark.parametrize("row", [",K,K", ",M,M"])
def test_capitals_over_the_names_without_a_units_key_stay_a_ticker_not_a_scale(row):
    schema = detect_bytes(f"{row}\nDate,Close,Volume\n{DAYS}".encode(), "prices.csv")
    assert next(c for c in schema.columns if c.canonical == "volume").multiplier is None


@pytest.mark.parametrize("text, delimiter", [
    ("Fund:,Alpha\nCurrency:,EUR\nDate,NAV\n2024-01-02,10.5\n2024-01-03,10.6\n"
     "Disclaimer,,,,\nPast performance is no guide,,,,\nSource: internal,,,,\n", ","),
    ("Ticker:;AAPL\nDate;Close\n2024-01-02;185,6\nNote;;;\nData delayed;;;\n", ";"),
])
def test_notes_padded_to_a_sheets_width_do_not_outvote_a_short_table(text, delimiter):
    # A spreadsheet pads its notes to its widest row; three such lines under a table of a day or two
    # were counted at their width, the table read as theirs and the file refused (no date or close column).
    schema = detect_bytes(text.encode(), "fund.csv")
    assert schema.delimiter == delimiter and [c.canonical for c in schema.columns] == ["date", "close"]
    result = normalise_bytes(text.encode(), schema, "fund.csv")
    assert [r["close"] for r in result.prices_arrow.to_pylist()] == ([10.5, 10.6] if delimiter == "," else [185.6])


def test_padded_days_keep_the_tables_width():
    # A day without values, padded ("2024-01-04,,"), is the table's row: it keeps its width in the vote.
    text = "Date,Close,Volume\n2024-01-02,10.5,100\n2024-01-03,,\n2024-01-04,,\n"
    assert [c.canonical for c in detect_bytes(text.encode(), "x.csv").columns] == ["date", "close", "volume"]


@pytest.mark.parametrize("text", [
    "Date,Close,Volume\n2024-01-02,100.5,1000\nSource: Bloomberg,,\nPage 1\n",
    "Fund XYZ,,\nDate,Close,Volume\n2024-01-02,100.5,1000\nPast performance is no guide,,\nPage 1\n",
    "Fund XYZ Daily Prices\nDate,Close,Volume\n2024-01-02,100.5,1000\nSource,,\nNotes,,\nPage 1\n",
    "Date,Close,Volume\n2024-01-02,100.5,1000\nDisclaimer,,\nPage 1\nConfidential\n",
    "Page 1\nConfidential\nDisclaimer,,\nPast performance is no guide,,\nDate,Close,Volume\n2024-01-02,100.5,1000\n",
])
def test_notes_padded_to_the_tables_width_vote_for_it(text):
    # Counted as one field, notes padded to the table's own width joined a "Page 1" or title line to
    # outvote a one-day download's header and row: the file was read as one column (no data rows, or no
    # date or close column).
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "fund.csv"), "fund.csv")
    assert [(r["close"], r["volume"]) for r in result.prices_arrow.to_pylist()] == [(100.5, 1000)]


@pytest.mark.parametrize("text", [
    "Date;Symbol;Indexvalue;\n08.07.2026;SX5E;6204.91;\n09.07.2026;SX5E;6284.27;\n10.07.2026;SX5E;6272.23;\n",
    "Date,USD,JPY,\n2025-05-09,1.1252,163.36,\n2025-05-08,1.1297,163.45,\n2025-05-07,1.136,162.89,\n",
])
def test_a_header_ending_in_the_delimiter_as_its_rows_do_names_no_column_past_its_names(text):
    # STOXX's index histories and the ECB's eurofxref-hist.csv (real CSV round 29) end every line, the
    # header's too, with the delimiter: the empty field past the names was shown as a column of its own.
    schema = detect_bytes(text.encode(), "h_sx5e.txt")
    assert [c.name for c in schema.columns] == text.split("\n")[0].rstrip(";,").replace(";", ",").split(",")


def test_a_last_column_the_header_leaves_unnamed_and_rows_fill_stays():
    text = "Date,Close,\n2024-01-02,10.5,10.4\n2024-01-03,10.6,10.5\n2024-01-04,10.7,10.6\n"
    assert len(detect_bytes(text.encode(), "x.csv").columns) == 3


@pytest.mark.parametrize("footer", [
    "Prices are indicative, not binding\n",
    "Prices are indicative, not binding, and delayed\nPlease see terms, conditions, and notes\n",
    "Disclaimer, prices are indicative only\n", "Unaudited, for information only\n",
])
def test_a_days_row_under_labels_loads_above_a_note_its_commas_cut(footer):
    # A fund's daily file: labels, "Date,NAV", one row, a disclaimer the commas cut into cells. Half of the
    # rows typing each column, or outvoting the table's width, the note had the file refused (no date column).
    text = "Fund:,Alpha\nCurrency:,EUR\nDate,NAV\n2024-01-02,10.5\n" + footer
    schema = detect_bytes(text.encode(), "alpha.csv")
    assert [c.canonical for c in schema.columns] == ["date", "close"]
    result = normalise_bytes(text.encode(), schema, "alpha.csv")
    assert [(str(r["date"]), r["close"]) for r in result.prices_arrow.to_pylist()] == [("2024-01-02", 10.5)]
    # The note is the file's footer, no row of the table rejected for its words.
    assert schema.footer_lines == footer.count("\n") and result.rejected_arrow.num_rows == 0


@pytest.mark.parametrize("name, text", [
    ("px_2024-01-05.csv", "Ticker,Close,Volume\nAAA,10.5,1000\nBBB,20.5,2000\nCCC,30.5,3000\n"
                          "XYZ,suspended,suspended\nQQQ,not traded,not traded\n"),
    ("px.csv", "Date,Close,Volume\n2024-01-02,10.5,1000\n2024-01-03,10.6,1100\nholiday,market closed,no trading\n"),
    ("px_2024-01-05.csv", "Name,Status,Close\nAlpha Corp,active,10.5\nBeta Group,active,20.5\n"
                          "Gamma Holdings,suspended,n/a\n"),
])
def test_a_last_row_of_words_without_a_price_is_rejected_not_taken_for_a_cut_note(name, text):
    # A day's row with no price, its words cut by the delimiter like a note's ("QQQ,not traded,not traded"),
    # was taken for the footer (bbb4238) and went unaccounted: a row, rejected with its reason.
    schema = detect_bytes(text.encode(), name)
    result = normalise_bytes(text.encode(), schema, name)
    rows = text.count("\n") - 1
    assert schema.footer_lines == 0
    assert result.prices_arrow.num_rows + result.rejected_arrow.num_rows == rows


def test_a_table_of_words_alone_is_typed_from_all_its_rows():
    # Rows of words, one running on in lower case, are no note under a table that has none of digits.
    text = "Name,Description\nApple,makes phones and computers\nShell,sells oil and gas\nTesco,runs food shops here\n"
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line, lay.footer_lines) == (0, 1, 0)
    assert lay.names == ["Name", "Description"]


@pytest.mark.parametrize("header,units", [("Close,Date,Volume", "Units,,x1000"), ("Price,Date,Volume", "Einheit,,Tsd."),
                                          ("High,Close,Date,Volume", "Units,,,x1000")])
def test_a_units_rows_key_over_a_price_names_nothing(header, units):
    # The date not first, the units row's key sat over a price: read under the names, "Units" named the
    # close (or the high) as the volume, and the file had no close (or loaded its high as the volume).
    cols = header.split(",")
    values = {"Date": "2024-01-0{d}", "Volume": "1{d}", "Close": "10.{d}", "Price": "10.{d}", "High": "11.{d}"}
    text = f"{units}\n{header}\n" + "".join(",".join(values[c] for c in cols).format(d=d) + "\n" for d in range(2, 6))
    schema = detect_bytes(text.encode(), "prices.csv")
    canonical = {c.name: c.canonical for c in schema.columns}
    assert canonical["Volume"] == "volume" and canonical[cols[0]] in ("close", "high")
    prices = normalise_bytes(text.encode(), schema, "prices.csv").prices_arrow.to_pylist()
    assert len(prices) == 4 and prices[0]["volume"] == 12_000.0


def test_rows_with_times_and_no_labels_are_not_weighed_for_a_table(monkeypatch):
    # A colon in the first cells (times, "2024-01-02 09:30") but no "Label:;value" line: the rows vote as
    # they are, and no row is tested for a sentence (cut_sentence) to count the table the labels would be
    # weighed against (6.5% of detecting a drifted daily file with times).
    from backintime_assets.detection import layout as layout_module

    def no_sentence_test(fields):
        raise AssertionError("a table counted with no labelled line to weigh it against")

    monkeypatch.setattr(layout_module, "cut_sentence", no_sentence_test)
    rows = [["Time", "Close"], ["2024-01-02 09:30", "10.5"], ["2024-01-02 09:31", "10.6"]]
    assert layout_module._without_labelled_values(rows) is rows
    text = "Time,Close\n2024-01-02 09:30,10.5\n2024-01-02 09:31,10.6\n2024-01-02 09:32,10.7\n"
    assert layout_module._width([(i, ln.split(",")) for i, ln in enumerate(text.splitlines())]) == (2, False)


@pytest.mark.parametrize("meta, headerless", [
    # The ONS' time series: keys and values, no colons; the release's dates right over the data.
    ('"Title","CPIH ANNUAL RATE 00: ALL ITEMS 2015=100"\n"CDID","L55O"\n"Unit","%"\n'
     '"Release date","16-10-2024"\n"Next release","20 November 2024"\n"Important notes",""\n', True),
    ('"Indicator","CPIH"\n"Unit",""\n"Year","2024"\n', False),  # a year names its column
    ('"Symbol","AAPL"\n"Updated","2024-01-01"\n"Year","Rate"\n', False),  # names right over the data
])
def test_keys_and_their_dates_right_over_the_data_are_no_header(meta, headerless):
    data = (meta + '"1989","6.3"\n"1990","8.1"\n"1991","6.5"\n"1992","4.0"\n').encode()
    schema = detect_bytes(data, "l55o.csv")
    assert (schema.header_row == -1) == headerless
    assert (schema.columns[1].type, schema.data_start_line) == ("float", meta.count("\n"))


@pytest.mark.parametrize("text", [
    # Periods, or names, whose values are missing, right under the table's header: rows of its data.
    '"Quarter","Value"\n"1989 Q1",""\n"1989 Q2",""\n"1989 Q3","6.3"\n"1989 Q4","6.1"\n"1990 Q1","8.1"\n',
    '"Country","Value"\n"Aruba",""\n"Afghanistan",""\n"Angola","3.1"\n"Albania","2.2"\n"Andorra","1.1"\n"Armenia","4.4"\n',
])
def test_rows_whose_values_are_missing_under_a_header_are_no_keys(text):
    schema = detect_bytes(text.encode(), "series.csv")
    assert (schema.header_row, [c.name for c in schema.columns]) == (0, [text[1:text.index('",')], "Value"])


def test_a_block_of_labelled_values_over_the_data_is_no_header():
    # The Banque de France's Webstat export: its last label line, "Source :", was taken for the header and its
    # source for the rate's name; refused 'no close column' (rc32 bdf_webstat_usd.csv).
    data = ("Titre :;Taux de change de l'euro contre le dollar\nCode série :;EXR.D.USD.EUR.SP00.A\n"
            "Unité :;Dollar des Etats-Unis (USD)\nSource :;BCE (Banque Centrale Européenne) (4F0)\n"
            "05/01/2024;1,0921\n04/01/2024;1,0953\n03/01/2024;1,0919\n02/01/2024;1,0956\n").encode("cp1252")
    schema = detect_bytes(data, "webstat_usd.csv")
    rows = normalise_bytes(data, schema, "webstat_usd.csv").prices_arrow.to_pylist()
    assert [(r["date"], r["close"]) for r in rows][:2] == [(dt.date(2024, 1, 5), 1.0921), (dt.date(2024, 1, 4), 1.0953)]


_DAYS = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]


@pytest.mark.parametrize("text, rows, rejected", [
    # the header's own row number over a counter column, a ticker under "Close": the header's
    ("1,Date,Close\n2,,AAPL\n" + "".join(f"{k + 3},{d},{100 + k}.5\n" for k, d in enumerate(_DAYS)), 4, 0),
    ("No,Date,Close\n0,,SPX\n" + "".join(f"{k + 1},{d},{100 + k}.5\n" for k, d in enumerate(_DAYS)), 4, 0),
    # a units row ("1000") over a volume rising a little each day
    ("Date,Close,Volume\n,USD,1000\n" + "".join(f"{d},{100 + k}.5,{1001 + 3 * k}\n" for k, d in enumerate(_DAYS)),
     4, 0),
    # the same beside dates kept as serial numbers
    ("1,Date,Close\n2,,AAPL\n" + "".join(f"{k + 3},{45293 + k},{100 + k}.5\n" for k in range(4)), 4, 0),
    ("Date,Close,Volume\n,USD,1000\n" + "".join(f"{45293 + k},{100 + k}.5,{1001 + 3 * k}\n" for k in range(4)), 4, 0),
    # a volume of serial width (5 or 9 digits) rising under its units row: the dates' run leads
    ("Date,Close,Volume\n,USD,10000\n" + "".join(f"{45293 + k},{100 + k}.5,{10001 + 3 * k}\n" for k in range(4)),
     4, 0),
    ("Date,Close,Volume\n,USD,100000000\n"
     + "".join(f"{45293 + k},{100 + k}.5,{100000001 + 3 * k}\n" for k in range(4)), 4, 0),
    # a holiday's row, a word in its settlement date: a day's row to reject, not a header row
    ("Date,Settle,Close\n2024-01-01,Holiday,ND\n" + "".join(f"{d},{d},{100 + k}.5\n" for k, d in enumerate(_DAYS)),
     5, 1),
])
def test_a_number_over_a_counter_or_volume_run_is_no_day(text, rows, rejected):
    # Beside a column of written dates a whole-number run is a counter or a volume: the number over
    # it was read as the day before, and the header row rejected as data; and a date column's word
    # ("Holiday") made a day's row a header row, skipped unseen.
    data = text.encode()
    result = normalise_bytes(data, detect_bytes(data, "t.csv"), "t.csv")
    assert (result.rows_read, len(result.rejected)) == (rows, rejected)
    assert result.prices.close.tolist() == [100.5 + k for k in range(4)]


def _padded(lines, width):
    return "".join(line + "," * (width - 1 - line.count(",")) + "\n" for line in lines)


_RBA_ROWS = ["03-Jan-2023,0.6828,61.40,88.48", "04-Jan-2023,0.6809,61.50,89.08", "05-Jan-2023,0.6815,61.50,90.17",
             "06-Jan-2023,0.6769,61.20,90.63", "09-Jan-2023,0.6929,62.00,91.25"]
# The RBA's F11.1 (reigaer/currency_converter_EUR_AUD_RBA, f11.1-data.csv), cut to three series: rows of
# series metadata keyed in the first column, two blank lines, every line padded with commas to 67 fields.
_RBA = ["F11.1  EXCHANGE RATES ", "Title,A$1=USD,Trade-weighted Index May 1970 = 100,A$1=JPY",
        "Units,USD,Index,JPY", "", "", "Source,WM/Reuters,RBA,RBA",
        "Publication date,18-Dec-2024,18-Dec-2024,18-Dec-2024", "Series ID,FXRUSD,FXRTWI,FXRJY", *_RBA_ROWS]


def test_lines_padded_past_the_table_keep_their_header():
    # Counted, the padding left every row of names under half filled: the header was lost, and the
    # closes of "Date,Close,,," (an Excel export's empty columns on every line) were refused unnamed.
    days = [f"2024-01-{d:02d},{100 + d}" for d in (2, 3, 4, 5, 8, 9)]
    data = _padded(["Date,Close", *days], 5).encode()
    schema = detect_bytes(data, "acme.csv")
    assert (schema.header_row, schema.data_start_line, [c.name for c in schema.columns]) == (0, 1, ["Date", "Close"])
    result = normalise_bytes(data, schema, "acme.csv")
    assert (len(result.prices), len(result.rejected)) == (6, 0)
    assert list(result.prices["close"]) == [102, 103, 104, 105, 108, 109]
    # The RBA's table: its header found above the data, as if unpadded, and the series it names refused
    # by their ids (not as "19 unnamed columns of numbers").
    data = _padded(_RBA, 67).encode()
    schema = detect_bytes(data, "f11.1-data.csv")
    assert (schema.header_row, schema.data_start_line) == (7, 8)
    assert [c.name for c in schema.columns] == ["Series ID", "FXRUSD", "FXRTWI", "FXRJY"]
    result = normalise_bytes(data, schema, "f11.1-data.csv")
    assert (len(result.prices), len(result.rejected)) == (0, 5)
    assert "(FXRUSD, FXRTWI, FXRJY)" in result.rejected["reason"][0]
    # A lone row of words over a padded headerless table's close and volume stays a title, as when half
    # empty (test_words_over_a_headerless_sheets_full_columns_are_a_title_not_its_header): the close is
    # read by its values, and loads.
    data = _padded(["Ticker,AAPL,NASDAQ", *(f"2020-01-{d:02d},10.{d},{d}00" for d in range(6, 11))], 9).encode()
    schema = detect_bytes(data, "acme.csv")
    assert (schema.header_row, schema.data_start_line) == (-1, 1)
    assert list(normalise_bytes(data, schema, "acme.csv").prices["close"]) == [10.6, 10.7, 10.8, 10.9, 10.1]


def test_rows_of_series_metadata_are_named_by_the_row_that_tells_the_series_apart():
    # The RBA's F11.1 unpadded: "Source" (one publisher for several series), "Publication date" and
    # "Series ID" rows, each keyed in the first column, over the data. Named by the top row, the series
    # were "WM/Reuters", "RBA", "RBA_2", ..., and their refusal named none of them.
    rows = ["03-Jan-2023,0.6828,61.40,88.48,0.6400,0.5656", "04-Jan-2023,0.6809,61.50,89.08,0.6439,0.5678",
            "05-Jan-2023,0.6815,61.50,90.17,0.6426,0.5661", "06-Jan-2023,0.6769,61.20,90.63,0.6431,0.5677"]
    text = "\n".join(["Units,USD,Index,JPY,EUR,SDR", "", "", "Source,WM/Reuters,RBA,RBA,RBA,IMF",
                      "Publication date,18-Dec-2024,18-Dec-2024,18-Dec-2024,18-Dec-2024,01-Oct-2024",
                      "Series ID,FXRUSD,FXRTWI,FXRJY,FXREUR,FXRSDR", *rows]) + "\n"
    lay = layout(text)
    assert (lay.header_row, lay.data_start_line, len(lay.header_rows)) == (3, 6, 3)
    assert lay.names == ["Series ID", "FXRUSD", "FXRTWI", "FXRJY", "FXREUR", "FXRSDR"]
    result = normalise_bytes(text.encode(), detect_bytes(text.encode(), "f11.1-data.csv"), "f11.1-data.csv")
    assert len(result.prices) == 0
    assert "'FXRUSD', 'FXRTWI'" in result.rejected["reason"][0]
    # A ticker repeated over the fields its header names: as it was, its fields read from the header's
    # cells (flat_header.py).
    lay = layout("Ticker,AAPL,AAPL,AAPL\nDate,Open,High,Close\n" + "".join(
        f"2020-01-{d:02d},10.{d},11.{d},10.{d}\n" for d in range(6, 11)))
    assert lay.names == ["Ticker", "AAPL", "AAPL_2", "AAPL_3"]


def test_a_header_that_names_each_column_then_pads_past_them_is_kept():
    # "Date,Yield,,," over rows of two fields: under half filled, the line was dropped as a title, and the
    # table read headerless loaded the yield as a close. Named, the yield is no close, as "Date,Yield" says.
    rows = "".join(f"2023-01-0{d},3.{d}0\n" for d in range(2, 9))
    for header, close in (("Date,Yield,,,", None), ("Date,Close,,,", "Close")):
        schema = detect_bytes(f"{header}\n{rows}".encode(), "prices.csv")
        assert schema.header_row == 0, header
        assert [c.name for c in schema.columns if c.canonical == "close"] == ([close] if close else []), header
    # A title padded so leaves a column unnamed, or names none as its values read: the table stays headerless.
    for title in ("Report,,,,", "Prices,USD,,,"):
        schema = detect_bytes(f"{title}\n{rows}".encode(), "prices.csv")
        assert (schema.header_row, schema.data_start_line) == (-1, 1), title


def test_a_row_padded_past_the_table_over_a_header_padded_alike_is_a_row_of_the_header():
    # "Ticker,AAPL,AAPL,,,," over "Date,Open,Close,,,," over rows of three fields: counted with its padding,
    # the ticker row was no row of the header, as "Ticker,AAPL,AAPL" over "Date,Open,Close" is.
    rows = "".join(f"2023-01-0{d},10.{d},11.{d}\n" for d in range(2, 10))
    for pad in (",,,,", ""):
        lay = layout(f"Ticker,AAPL,AAPL{pad}\nDate,Open,Close{pad}\n{rows}")
        assert (lay.header_row, lay.data_start_line, lay.width) == (0, 2, 3), pad
        assert lay.header_rows == [["Ticker", "AAPL", "AAPL"], ["Date", "Open", "Close"]], pad
    # A title padded as wide reaches no column past its words: it stays above the header.
    lay = layout(f"Prices,USD,,,,\nDate,Open,Close,,,,\n{rows}")
    assert (lay.header_row, lay.header_rows) == (1, [["Date", "Open", "Close"]])
