from collections import Counter

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.prose import prose_problem

ENGLISH = ("These figures were gathered by the survey team in spring.\n"
           "Each row is one household, and the columns follow the codebook.\n"
           "Missing values are written as NA, dates in ISO format.\n"
           "Please cite the original publication when you use them.\n")
JAPANESE = ("このファイルは調査チームが春に集めた数値をまとめたものです。\n"
            "各行は一つの世帯を表し、列は符号表の順に並んでいます。\n"
            "欠損値はNAと書き、日付はISOの形式で書いています。\n")


@pytest.mark.parametrize(("text", "encoding"), [(ENGLISH, "utf-8"), (JAPANESE, "utf-8"), (JAPANESE, "euc_jp")])
def test_a_note_of_prose_is_no_table(text, encoding):
    schema = detect_bytes(text.encode(encoding), "readme.txt")
    assert schema.problem is not None and schema.problem.startswith("no table found")
    assert schema.columns == []


@pytest.mark.parametrize("text", [
    # A one-column table of sentences: its header is a name.
    "comment\n" + ENGLISH,
    # A headerless table whose last column holds a sentence: the comma stands on every line.
    "".join(f"{k},2024-01-0{k},The market rose again on the news from abroad.\n" for k in range(1, 6)),
    # Words split by single spaces, no sentences.
    "name city score\nann paris 10.5\nbob lyon 11.25\ncy nice 9.75\n",
    # One sentence above a table: a title, not prose throughout.
    "Daily closing prices of the fund in euros.\nDate,Close\n2024-01-02,10.5\n2024-01-03,10.7\n",
])
def test_tables_holding_sentences_are_no_prose(text):
    assert prose_problem(text) is None


def test_a_table_below_a_long_preamble_of_sentences_is_read():
    # Forty notes, each a sentence, above the table: the first forty lines are prose, the last are rows.
    notes = "".join(f"# Note {k}: the values below were recorded by the station staff.\n" for k in range(42))
    rows = "".join(f"2024-01-{d:02d},{10 + d}.5\n" for d in range(1, 13))
    schema = detect_bytes((notes + "Date,Close\n" + rows).encode(), "station.csv")
    assert schema.problem is None
    assert [(c.name, c.type) for c in schema.columns] == [("Date", "date"), ("Close", "float")]
    assert schema.header_row == 42


def test_a_long_note_of_prose_is_no_table_to_its_end():
    # Past the characters of its head, a long note is weighed by its last lines as well.
    schema = detect_bytes((ENGLISH * 200).encode(), "readme.txt")
    assert schema.problem is not None and schema.problem.startswith("no table found")


def test_a_one_column_table_of_sentences_under_its_name_is_one_column():
    # The sentences' spaces part words, their full stops end them: neither cuts a column.
    reviews = ["The service was friendly and the food arrived quickly.",
               "I would not recommend this hotel to anyone I know.",
               "Great value for money and a lovely view of the sea.",
               "The room was clean but the walls were rather thin.",
               "Staff went out of their way to help us with the bags."]
    schema = detect_bytes(("review\n" + "\n".join(reviews) + "\n").encode(), "reviews.csv")
    assert schema.problem is None
    assert [(c.name, c.type) for c in schema.columns] == [("review", "string")]
    assert schema.header_row == 0


@pytest.mark.parametrize("header", ["", "comment\n"])
def test_quoted_sentences_each_with_a_comma_are_one_column(header):
    # One comma in each quoted sentence is no table wrapped in quotes: the lines are texts.
    lines = "".join(f'"Room {k} was clean, and the staff were kind to us."\n' for k in range(1, 7))
    schema = detect_bytes((header + lines).encode(), "comments.csv")
    assert len(schema.columns) == 1 and schema.columns[0].type == "string"
    assert schema.header_row == (0 if header else -1)
    assert not schema.wrapped


def test_a_refused_note_is_recorded_with_its_reason_not_dropped():
    from backintime_assets.normalisation import normalise_bytes
    data = ENGLISH.encode()
    result = normalise_bytes(data, detect_bytes(data, "notes.csv"), "notes.csv")
    assert result.file_problem == "no table found: its lines are sentences of prose, not rows of values"
    assert result.prices_arrow.num_rows == 0


WRAPPED = ("This folder holds the daily readings of the rain gauge on the roof of the\n"
           "old library building. The gauge was moved in 2019 and the readings before\n"
           "that date are not comparable with the later ones. Values are in millimetres\n"
           "and a blank cell means the gauge was not read that day. Please ask the data\n"
           "office before you publish anything based on these files.\n")
TITLED = ("Notes on the export\n\n"
          "The numbers in this file come from the quarterly survey of 2023 and were cleaned by hand.\n"
          "Some answers were removed because they could identify a person.\n"
          "Totals may not add up due to rounding.\n")


@pytest.mark.parametrize("text", [WRAPPED, TITLED])
def test_prose_wrapped_at_a_width_or_under_a_title_is_no_table(text):
    # Wrapped at a width, its lines end mid-sentence: read as a table of 13 space-separated
    # columns, the first line its header. Under a title line, the first sentence was the header
    # of a one-column table of sentences.
    schema = detect_bytes(text.encode(), "readme.txt")
    assert schema.problem is not None and schema.problem.startswith("no table found")


@pytest.mark.parametrize("text", [
    # Words split by spaces, rows of a table, one ending in a full stop.
    "name city note\nann paris ok.\nbob lyon late again today.\ncy nice fine\n",
    # A titled one-column table of names.
    "Staff list\n\nname\nAnn Smith\nBob Jones\nCy Brown\n",
])
def test_tables_of_words_are_no_wrapped_prose(text):
    assert prose_problem(text) is None


def test_rows_that_end_no_sentence_inside_are_not_counted_as_prose():
    # Every sample is asked whether it is prose wrapped at a width: a table's rows end no sentence inside a
    # line, and that settles it; each line was split into its tokens twice over (and a tuple of the
    # sentence marks built per token) before the answer, ~2% of detecting a drifted daily file.
    from backintime_assets.detection.prose import _wrapped

    splits = Counter()

    class Line(str):
        def split(self, *args):
            splits[str(self)] += 1
            return super().split(*args)

    lines = [Line(ln) for ln in ["Date,Close,Volume", "2024-01-02,10.5,100", "2024-01-03 10.6 120"]]
    assert not _wrapped(lines)
    assert max(splits.values()) == 1
    prose = ["The gauge stood on the roof of the", "old library building. The gauge was moved in the",
             "spring of that year. It was read daily."]
    assert _wrapped(prose)
