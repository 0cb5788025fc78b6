from backintime_assets.detection import detect_bytes
from backintime_assets.detection.quoted_lines import one_quoted_field

# uniVocity/univocity-parsers src/test/resources/examples/escape.csv (d7a21e15): one column of
# quoted texts, its quotes backslash-escaped. Scored, its spaces delimited words.
ESCAPED = b'"You are \\"beautiful\\""\n"Yes, \\\\\\"in the inside\\"\\\\"\n'


def test_a_list_of_quoted_texts_is_one_column():
    schema = detect_bytes(b'text\n"Hello there, my friend"\n"You are the best one"\n"Yes, in the inside"\n',
                          "quotes.csv")
    assert (schema.quotechar, schema.header_row) == ('"', 0)
    assert [c.name for c in schema.columns] == ["text"]


def test_backslash_escaped_quotes_inside_the_texts():
    schema = detect_bytes(ESCAPED, "escape.csv")
    assert (schema.delimiter, schema.quotechar, schema.escapechar) == (",", '"', "\\")
    assert len(schema.columns) == 1


def test_which_lines_are_one_quoted_field():
    assert one_quoted_field(['"a ""b"" c"', '"d, e"']) == ('"', None)
    assert one_quoted_field(['"a \\"b\\" c"', '"d, e"']) == ('"', "\\")
    # Quoted cells side by side, a single quoted line, a table quoted whole: not a list of texts.
    assert one_quoted_field(['"a","b"', '"c","d"']) is None
    assert one_quoted_field(['"a b"']) is None
    assert one_quoted_field(['"Date,Close"', '"2020-01-02,1.5"', '"2020-01-03,1.6"']) is None
