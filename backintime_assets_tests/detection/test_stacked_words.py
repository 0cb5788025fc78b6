from backintime_assets.detection import detect_bytes
from backintime_assets.detection.columns import ColumnType
from backintime_assets.detection.stacked_words import keys_over_a_dated_header, words_over_names

CARS = "year,make,model,comment,blank\n2012,Tesla,S,No comment,\n1997,Ford,E350,Go get one now,\n2015,Chevy,Volt,,\n"


def test_lines_of_words_stacked_over_the_header_are_preamble():
    # Spark's cars-with-lines-to-skip.csv: three rows of words as wide as the table. The top one was
    # taken for the header: "these", "lines", "a" named the columns, "year" and "make" were lost.
    text = "\nthese,lines,a,load,of\nrubbish,that,,isn't,relevant\n" + CARS
    schema = detect_bytes(text.encode(), "cars.csv")
    assert (schema.header_row, schema.data_start_line) == (3, 4)
    assert [c.name for c in schema.columns] == ["year", "make", "model", "comment", "blank"]
    assert schema.columns[0].type == "integer"


def test_header_rows_that_label_or_name_columns_stay_in_the_block():
    text_type = ColumnType("string", None, 1.0)
    date, number = ColumnType("date", "%Y-%m-%d", 1.0), ColumnType("float", None, 1.0)
    # a ticker over its fields, a units row, a name row over a row of another language
    three = [text_type, number, number]
    assert words_over_names([["Price", "Close", "Volume"], ["Ticker", "AAPL", "AAPL"]], three, 3) == 0
    assert words_over_names([["Series Description", "EUR", "JPY"], ["Time Period", "RXI_N.B.EU", "RXI_N.B.JA"]],
                            three, 3) == 0
    assert words_over_names([["Date", "Close", "Volume"], ["(dd/mm/yyyy)", "(USD)", "(shares)"]],
                            [date, number, number], 3) == 0
    assert words_over_names([["Date", "Close"], ["Fecha", "Cierre"]], [date, number], 2) == 0
    assert words_over_names([["these", "lines", "a"], ["year", "make", "model"]], [number, text_type, text_type],
                            3) == 1


def test_phrases_of_a_sentence_stacked_over_the_header_are_preamble():
    # readr's deaths-other.csv: notes cut at their commas into phrases of several words. Taken for
    # the header's top rows, "which is really" and "keep making notes" named the first columns.
    text = ("For the sake,,,,,\n,of consistency,,,in the,\"data layout,\"\n"
            "which is really,,,,a,\"beautiful thing,\"\nI will,keep making notes,,,,up here.\n"
            "Name,Profession,Age,Has kids,Date of birth,Date of death\n"
            "Vera Rubin,scientist,88,TRUE,7/23/1928,12/25/2016\nMohamed Ali,athlete,74,TRUE,1/17/1942,6/3/2016\n"
            "Morley Safer,journalist,84,TRUE,11/8/1931,5/19/2016\n"
            "Fidel Castro,politician,90,TRUE,8/13/1926,11/25/2016\n")
    schema = detect_bytes(text.encode(), "deaths-other.csv")
    assert (schema.header_row, schema.data_start_line) == (4, 5)
    assert [c.name for c in schema.columns] == ["Name", "Profession", "Age", "Has kids", "Date of birth",
                                                 "Date of death"]
    assert schema.columns[4].format == "%m/%d/%Y"


EIA_SHEET = ("Back to Contents,Data 1: Cushing OK WTI Spot Price FOB\nSourcekey,RWTC\n"
             "Date,Cushing OK WTI Spot Price FOB (Dollars per Barrel)\n"
             "2024-01-02,70.38\n2024-01-03,72.8\n2024-01-04,72.19\n2024-01-05,73.77\n")


def test_key_and_value_rows_over_a_header_naming_its_dates_are_preamble():
    # EIA's data sheets (real CSV round 29): "Back to Contents" and "Sourcekey,RWTC" over "Date,<series
    # (unit)>". Stacked onto the header, "Back to Contents" named the dates and the sheet's title the prices.
    schema = detect_bytes(EIA_SHEET.encode(), "RWTCd.csv")
    assert (schema.header_row, schema.data_start_line) == (2, 3)
    assert [c.name for c in schema.columns] == ["Date", "Cushing OK WTI Spot Price FOB (Dollars per Barrel)"]
    assert schema.columns[0].canonical == "date"


def test_rows_that_name_the_dates_or_repeat_a_ticker_stay_over_the_header():
    date, number = ColumnType("date", "%Y-%m-%d", 1.0), ColumnType("float", None, 1.0)
    types = [date, number, number]
    assert keys_over_a_dated_header([["Datum", "Schluss", "Volumen"], ["Date", "Close", "Volume"]], types, 3) == 0
    assert keys_over_a_dated_header([["AAPL", "AAPL", "AAPL"], ["Date", "Close", "Volume"]], types, 3) == 0
    assert keys_over_a_dated_header([["AAPL US Equity", "", ""], ["Date", "PX_LAST", "PX_VOLUME"]], types, 3) == 0
    assert keys_over_a_dated_header([["Ticker", "AAPL", "MSFT"], ["Date", "Close", "Close"]], types, 3) == 0
    assert keys_over_a_dated_header([["Sourcekey", "RWTC", "RBRTE"], ["Date", "WTI", "Brent"]], types, 3) == 1
