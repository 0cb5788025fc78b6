import pytest
from hypothesis import given
from hypothesis import strategies as st

from backintime_assets.detection.words import folded_words, words


@pytest.mark.parametrize(("text", "options", "expected"), [
    # A run of capitals before a word is a word of its own, by default and in any script
    ("S&P 500 PERatio", {}, ["S", "P", "500", "PE", "Ratio"]),
    ("ЦенаЗакрытия", {}, ["Цена", "Закрытия"]),
    ("IBOrderID", {"camel": "lower"}, ["IBOrder", "ID"]),
    ("closePrices", {"camel": None}, ["closePrices"]),
    # Accented letters are letters of the word, not breaks in it
    ("Zinssätze_2024", {}, ["Zinssätze", "2024"]),
    ("gdp2024", {}, ["gdp", "2024"]),
    ("gdp2024", {"digits": "joined"}, ["gdp2024"]),
    ("euribor_3m", {"digits": "dropped"}, ["euribor", "m"]),
    ("Gebühren/Comm", {"fold": True}, ["gebuhren", "comm"]),
    ("Alış Fiyatı", {"fold": True}, ["alis", "fiyati"]),
])
def test_words(text, options, expected):
    assert words(text, **options) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("OrderNo", ["order", "no"]),
    ("IBOrderID", ["iborder", "id"]),
    ("Fee2 (€)", ["fee2"]),
    ("매수", ["매수"]),  # Hangul recomposed after the accents are dropped
])
def test_folded_words(name, expected):
    assert folded_words(name) == expected


@given(st.text(alphabet=st.sampled_from("aAzZéÉßÖıŁцЦ金0_9 -./"), max_size=12),
       st.sampled_from(["lower", "capitals"]), st.sampled_from(["joined", "apart", "dropped"]))
def test_camel_case_only_splits_words(text, camel, digits):
    # A camel case split cuts words, never drops or adds a letter of them.
    assert "".join(words(text, camel=camel, digits=digits)) == "".join(words(text, camel=None, digits=digits))


def test_a_caller_changing_its_words_changes_no_later_answer():
    # The words of a text are split once and kept: each caller gets a list of its own.
    first = words("OrderNo", camel="lower")
    first.append("changed")
    assert words("OrderNo", camel="lower") == ["Order", "No"]
    folded = folded_words("Gebühren")
    folded.clear()
    assert folded_words("Gebühren") == ["gebuhren"]
