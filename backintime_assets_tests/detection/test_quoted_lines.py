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


def test_rows_not_quoted_whole_are_told_from_the_second_filled_line():
    # Every sample is asked whether its lines are one quoted field each: the second filled line (of the
    # body whatever the first is) settles a table's rows, which were each stripped twice before the answer.
    stripped = []

    class Line(str):
        def strip(self, *args):
            stripped.append(str(self))
            return super().strip(*args)

    rows = [Line(ln) for ln in ["", "Date,Close", "  2024-01-02,10.5", '"2024-01-03,10.6"', '"x"']]
    assert one_quoted_field(rows) is None
    assert not stripped
    assert one_quoted_field(["text", "", ' "Hello there, my friend" ', '"You are the best one"']) == ('"', None)
    assert one_quoted_field(['"text"', "plain"]) is None
