import pytest

from backintime_assets.detection.encoding import detect_encoding
from backintime_assets.detection.mac_roman import misfits, reads_as_mac_roman

# Excel for Mac saves "CSV" in Mac OS Roman: its é ô è ü sit where cp1252 has Ž ™ (nothing) Ÿ.
FRENCH = "Date;Société;Clôture\r02/01/2024;Crédit Agricole;12,5\r03/01/2024;Hélène Lefèvre;13,5\r" * 3
NAMES = "Name,Date,Close\r" + "Nestlé,01/02/2024,95.1\rL'Oréal,01/02/2024,420.5\rHermès,01/02/2024,2000\r" * 3
GERMAN = "Datum;Schlusskurs;Börse\r02.01.2024;12,5;Düsseldorf München Köln\r" * 3
ROWS = "".join(f"2024-01-{d:02d};1{d}.5;1{d}.7;1{d}.2;1{d}.6;12345\r" for d in range(2, 25))


@pytest.mark.parametrize("text", [
    FRENCH, NAMES, GERMAN,
    # One accent in a header is telling: "Cl™ture", "LibellŽ", "M‡ximo", "H¿j" read in cp1252.
    "Date;Ouverture;Plus haut;Plus bas;Clôture;Volume\r" + ROWS,
    "Date;Dernier;Volume;Libellé\r" + ROWS,
    "Fecha;Apertura;Máximo;Mínimo;Cierre;Volumen\r" + ROWS,
    "Dato;Åbning;Høj;Lav;Luk;Volumen\r" + ROWS,
])
def test_mac_roman_text_reads_as_mac_roman(text):
    data = text.encode("mac_roman")
    encoding, _ = detect_encoding(data)
    assert data.decode(encoding) == text  # not "SociŽtŽ", "Cl™ture", "NestlŽ", "CrŽdit" (cp1250)


WINDOWS_TEXTS = [
    FRENCH.replace("\r", "\r\n"),
    "Datum;Eröffnung;Schluss\r\n02.01.2024;Müller Größe;1\r\n" * 3,
    "Dato;Åbning;Luk\r\nØrsted;Føtex Århus;370,5\r\n" * 3,
    "Data;Najwyższy;Zamknięcie\r\nŁódź;Żabka Polska;41,2\r\n" * 3,
    "Název;Závěrečná\r\nČEZ;Komerční banka;940\r\n" * 3,
    "Name;Close\r\nl’Oréal — don’t;1\r\n" * 3,  # typographic apostrophes and dashes of cp1252
    "Name;Close\r\nDow Jones—Industrial;1\r\n",  # an em dash set without spaces: Mac Roman's ó
]


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


# Each text in each Windows code page that writes it (Polish has no cp1252 bytes, Danish no cp1250 ones).
@pytest.mark.parametrize(("text", "encoding"), [(t, e) for t in WINDOWS_TEXTS for e in ("cp1252", "cp1250", "latin-1")
                                                if _encodable(t, e)])
def test_windows_text_stays_as_it_was(text, encoding):
    data = text.encode(encoding)
    assert not reads_as_mac_roman(data, data.decode("cp1252", errors="replace"))


def test_misfits_count_symbols_and_capitals_inside_words():
    assert misfits("SociŽtŽ Cl™ture") == 3
    assert misfits("Société Clôture l’Oréal 5°C Corp®") == 0


@pytest.mark.parametrize(("text", "encoding"), [
    # The left quote typed for an apostrophe is no Mac Roman ë ("Moodyës", "Oëreilly").
    ("Name;Close\r\nMoody‘s;1\r\nO‘Reilly Automotive;2\r\nApple;3\r\n", "cp1252"),
    # Mac Roman reads ö ß as "ˆ", "ﬂ", no letters of words: a stray bullet does not make it "Hˆchst".
    ("Name;Close;Note\r\nHöchst;1;Buy•Hold\r\nGroßbank;2;\r\n", "cp1252"),
    # ISO-8859-2's ż ź read as Mac Roman's ø º ("Najwyøszy", "£Ûdº"), as cp1250's ż Ľ.
    ("Nazwa;Kurs\nNajwyższy Łódź;1\nMiedź;2\n" * 3, "iso8859-2"),
])
def test_windows_and_iso_text_with_one_telling_character_is_no_mac_roman(text, encoding):
    data = text.encode(encoding)
    assert not reads_as_mac_roman(data, data.decode("cp1252", errors="replace"))


def test_a_mac_roman_e_diaeresis_is_no_apostrophe():
    assert misfits("Citro‘n No‘l") == 2  # Mac Roman's "Citroën Noël" read in cp1252
    assert misfits("Moody‘s O‘Reilly L‘Oréal don‘t") == 0


# A table delimited by the section sign (cp1252's and Latin-1's 0xA7, Mac Roman's "ß"): read as
# Mac Roman its words spell "categoryßcalories" and the table loses its delimiter.
SECTION_DELIMITED = "kind§weight§share\r\n" + "".join(f"fruit{k}§{k}0§{k}.5\r\n" for k in range(1, 9))


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_symbol_delimiting_every_line_is_no_misfit(encoding):
    data = SECTION_DELIMITED.encode(encoding)
    assert not reads_as_mac_roman(data, data.decode(encoding))
    found, _ = detect_encoding(data)
    assert data.decode(found) == SECTION_DELIMITED


def test_a_section_delimited_table_is_read_with_its_columns():
    from backintime_assets.detection import detect_bytes
    result = detect_bytes(SECTION_DELIMITED.encode("latin-1"), "kinds.csv")
    assert result.delimiter == "§"
    assert [c.name for c in result.columns] == ["kind", "weight", "share"]
    assert [c.type for c in result.columns] == ["string", "integer", "float"]


def test_a_mac_roman_sharp_s_in_a_semicolon_table_is_still_a_letter():
    # "Straße" on every row: the rows are delimited by ";", the "§" of the Windows reading sits in a word.
    text = "Name;Adresse;Kurs\r" + "".join(f"Firma {k};Hauptstraße {k};1{k},5\r" for k in range(1, 9))
    data = text.encode("mac_roman")
    found, _ = detect_encoding(data)
    assert data.decode(found) == text


def test_a_mac_roman_sharp_s_in_a_list_of_words_is_still_a_letter():
    # One "ß" a line and no delimiter at all: read in cp1252 it is a steady "§", but beside no digit.
    text = "Straße\rFußweg\rMaßband\rGießkanne\rSpaß\r"
    data = text.encode("mac_roman")
    found, _ = detect_encoding(data)
    assert data.decode(found) == text


@pytest.mark.parametrize(("symbol", "encoding"), [("¦", "cp1252"), ("¬", "latin-1"), ("§", "cp1252")])
def test_a_symbol_delimited_table_is_no_central_european_text(symbol, encoding):
    # cp1252's "¦" and "¬" are ISO-8859-2's "Ś" and "Ź": read so, "kindŚweightŚshare" has no delimiter.
    from backintime_assets.detection import detect_bytes
    text = SECTION_DELIMITED.replace("§", symbol)
    result = detect_bytes(text.encode(encoding), "kinds.csv")
    assert result.encoding in ("cp1252", "latin-1") and result.delimiter == symbol
    assert [c.name for c in result.columns] == ["kind", "weight", "share"]


def test_a_mac_roman_sharp_s_beside_a_digit_on_one_line_is_still_a_letter():
    # One "ß" a line, beside a digit on a stray line alone ("Fuß3"): no column of numbers beside it.
    text = "Straße\rFußweg\rMaßband\rGießkanne\rSpaß\rFuß3\rGroßmarkt\rWeißbier\r"
    data = text.encode("mac_roman")
    found, _ = detect_encoding(data)
    assert data.decode(found) == text
