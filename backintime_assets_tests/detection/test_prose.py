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
