import codecs
import random

import pytest

from backintime_assets.detection.encoding import (
    binary_problem,
    decode_head,
    decode_later,
    decode_tail,
    detect_encoding,
    later_encoding,
)

TEXT = "Date;Société;Close\n02.01.2020;Crédit Agricole;12,5\n03.01.2020;Nestlé;13,5\n" * 3


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-8"), "utf-8"),
        (b"Date,Close\n2020-01-02,1.5\n", "utf-8"),
        ((TEXT + "Price in €\n").encode("cp1252"), "cp1252"),
    ],
)
def test_detects_encoding(data, expected):
    assert detect_encoding(data)[0] == expected


def test_cyrillic_code_page_is_not_mistaken_for_western():
    text = "Дата;Тикер;Цена закрытия\n02.01.2020;Сбербанк;255,3\n03.01.2020;Газпром;258,1\n" * 20
    enc, _ = detect_encoding(text.encode("cp1251"))
    assert enc != "cp1252"
    assert text.encode("cp1251").decode(enc) == text


def test_utf8_cut_inside_a_character_is_still_utf8_when_sample_is_partial():
    data = ("é" * 100).encode()[:-1]  # sample boundary splits the last character
    assert detect_encoding(data, complete=False)[0] == "utf-8"
    assert decode_head(data, "utf-8", complete=False) == "é" * 99


@pytest.mark.parametrize("data", [
    TEXT.encode()[:-9] + "é".encode()[:1],  # a copy cut short inside its last character
    TEXT.encode() + "02.01.2020;Crédit Agricole;12,5\n".encode("cp1252"),  # a cp1252 row appended
])
def test_utf8_with_a_few_undecodable_bytes_is_still_utf8(data):
    # Read as cp1252, every "é" of the file would become "Ã©": names and tickers silently changed.
    assert detect_encoding(data)[0] == "utf-8"
    assert "Crédit Agricole;12,5\n03.01.2020;Nestlé" in decode_head(data, "utf-8", complete=True)


def test_a_code_page_with_a_utf8_word_is_no_utf8():
    data = (TEXT + "Zürich;Genève\n").encode("cp1252") + "Crédit".encode()  # more undecodable bytes than UTF-8
    assert detect_encoding(data)[0] != "utf-8"


@pytest.mark.parametrize("names", [
    ["ORLEN SPÓŁKA AKCYJNA", "BUDIMEX SPÓŁKA AKCYJNA", "KGHM POLSKA MIEDŹ SPÓŁKA AKCYJNA"],  # Ó Ł: "SPӣKA"
    ["KŘÍŽ A SYN", "VÝŠE"],  # Í Ž, Ý Š: a combining mark after an undecodable byte, a Syriac letter
])
def test_a_code_page_whose_letter_pairs_decode_as_utf8_is_no_utf8(names):
    # More such pairs than undecodable bytes (the header's): read as UTF-8, every name was
    # silently changed ("ORLEN SPӣKA AKCYJNA", a ticker of its own).
    text = "Data;Nazwa;Otwarcie;Najwyższy;Najniższy;Zamknięcie;Wolumen\n" + "".join(
        f"2024-01-{d:02d};{n};{50 + d},10;{52 + d},00;{49 + d},50;{51 + d},20;{1000 * d}\n"
        for d in range(2, 20) for n in names)
    encoding = detect_encoding(text.encode("cp1250"))[0]
    assert encoding == "cp1250"


def test_utf8_in_another_script_with_a_cp1252_row_is_still_utf8():
    data = "Дата;Тикер\n02.01.2020;Газпром\n".encode() * 3 + "03.01.2020;Crédit\n".encode("cp1252")
    assert detect_encoding(data)[0] == "utf-8"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"PK\x03\x04rest", "zip"),
        (b"%PDF-1.4 ...", "pdf"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"abc\x00def\x00" * 10, "NUL"),
        (bytes(range(1, 9)) * 50, "control"),
    ],
)
def test_binary_content_is_named(data, fragment):
    assert fragment in binary_problem(data)


def test_text_is_not_binary():
    assert binary_problem(TEXT.encode()) is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "cp1252"])
@pytest.mark.parametrize("odd", [0, 1])
def test_tail_is_realigned_on_a_character(encoding, odd):
    text = "line é one\n" * 50 + "last line\n"
    data = text.encode(encoding)
    offset = len(data) - 41 - odd
    tail = decode_tail(data[offset:], encoding, offset, data[:4])
    assert tail.endswith("last line\n")
    assert "\ufffd" not in tail.split("\n", 1)[1]


def _price_lines(n: int) -> str:
    return "Date,Ticker,Close\n" + "".join(f"2020-03-{d % 28 + 1:02d},AAPL,{100 + d}.25\n" for d in range(n))


@pytest.mark.parametrize(
    "data",
    [
        _price_lines(40).encode() + b"\x00" * 5000,  # a copy cut short and zero-filled
        _price_lines(40).encode() + b"2020-04-01,AAPL,10" + b"\x00" * 5000,  # ... inside its last row
        _price_lines(40).replace("AAPL,105", "AA\x00PL,105").encode(),  # one NUL in a cell (buggy export)
        _price_lines(20).encode() + b"\x00" * 4096 + _price_lines(20).encode(),  # a zeroed block in the middle
        _price_lines(40).replace("AAPL,", "AAPL\x00\x00\x00\x00,").encode(),  # a NUL-padded field in every row
    ],
    ids=["zero-filled tail", "tail inside a row", "NUL in a cell", "zeroed block", "NUL-padded field"],
)
def test_text_with_stray_nuls_is_text(data):
    assert binary_problem(data) is None
    assert detect_encoding(data)[0] == "utf-8"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + bytes(56) + b"Date,Close\n" * 10, "executable"),
        (b"prices.csv".ljust(257, b"\x00") + b"ustar\x0000" + bytes(250) + _price_lines(30).encode(), "tar archive"),
        (b"\x00" * 70_000, "zero-filled"),
        # gettext catalogue-like: strings ended by NULs, each on its own lines, no table in them
        (b"\xde\x12\x04\x95" + b"".join(b"message number %d\nsecond line\x00" % i for i in range(200)), "NUL"),
    ],
)
def test_binaries_with_nuls_are_named(data, fragment):
    assert fragment in binary_problem(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(3000),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + random.Random(2).randbytes(3000),
        random.Random(3).randbytes(20_000),
        b"abc\x00def\x00" * 10,
    ],
    ids=["png", "zip", "random bytes", "NULs between words"],
)
def test_real_binaries_stay_binary(data):
    """Guards (they pass on the old code too, which called any NUL binary): the NULs let through
    as damaged text must not let real binaries through."""
    assert binary_problem(data).startswith("binary content")


def test_utf16_without_bom_is_utf16_even_with_a_zero_filled_tail():
    data = _price_lines(20).encode("utf-16-le")
    assert detect_encoding(data)[0] == "utf-16-le"
    assert detect_encoding(data + b"\x00" * 3000)[0] == "utf-16-le"
    assert detect_encoding(_price_lines(20).encode("utf-16-be") + b"\x00" * 3000)[0] == "utf-16-be"


def _npy(values: list[float]) -> bytes:
    """A NumPy .npy file of float64 (format 1.0), written by hand: a text header, then the numbers."""
    import struct

    header = b"{'descr': '<f8', 'fortran_order': False, 'shape': (%d,), }" % len(values)
    header = header.ljust(127 - 10) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + struct.pack(f"<{len(values)}d", *values)


def test_a_float_array_is_binary_even_when_its_bytes_read_as_lines_with_a_comma():
    # Whole numbers as float64: five NUL bytes in every value, the other bytes mostly printable, a
    # newline and a comma among them by chance. Read as text, its "lines" agreed on one comma and
    # the file passed for a NUL-padded table: 23 garbage rows rejected, no file problem.
    data = _npy([float(k) for k in range(5000)])
    assert binary_problem(data) == "binary content (NUL bytes)"


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [TEXT, "Дата;Тикер;Цена\n02.01.2020;Сбербанк;250,5\n" * 20], ids=["latin", "cyrillic"])
def test_utf32_without_bom_is_utf32(encoding, text):
    # A NUL after every character: its lines without NULs read as a table, so the file passed for
    # text with stray NULs, was split on NUL bytes and every row rejected for holding them.
    data = text.encode(encoding)
    assert detect_encoding(data)[0] == encoding
    assert detect_encoding(data + b"\x00" * 3000)[0] == encoding


def test_small_32_bit_integers_are_not_utf32_text():
    data = b"".join(k.to_bytes(4, "little") for k in range(5000))
    assert not detect_encoding(data)[0].startswith("utf-32")
    assert binary_problem(data).startswith("binary content")


# Central European and Cyrillic exports in their Windows (or ISO) code pages, written to the
# published layouts; each was read as cp1252 (or, for a Cyrillic name alone, as mac-greek).
MBANK = ("#Data operacji;#Opis operacji;#Rachunek;#Kategoria;#Kwota;\n"
         '2024-01-02;"ZAKUP PRZY UŻYCIU KARTY ŻABKA";"eKonto 1111 ... 2222";"Żywność";-15,49 PLN;\n'
         '2024-01-05;"PRZELEW PRZYCHODZĄCY WYNAGRODZENIE";"eKonto 1111 ... 2222";"Wpływy";6 500,00 PLN;\n'
         '2024-01-10;"PŁATNOŚĆ BLIK ALLEGRO";"eKonto 1111 ... 2222";"Zakupy";-249,99 PLN;\n'
         '2024-01-20;"OPŁATA ZA KARTĘ";"eKonto 1111 ... 2222";"Opłaty";-7,00 PLN;\n')
PKO = ('"Data operacji","Data waluty","Typ transakcji","Kwota","Waluta","Saldo po transakcji","Opis transakcji"\n'
       '"2024-01-02","2024-01-02","Płatność kartą","-45.99","PLN","+12034.11","Miasto: Łódź"\n'
       '"2024-01-05","2024-01-05","Zlecenie stałe","-1800.00","PLN","+15434.11","Tytuł: CZYNSZ STYCZEŃ"\n')
GPW = ("Nazwa;Data;Kurs otwarcia;Kurs max;Kurs min;Kurs zamknięcia;Zmiana;Wolumen;Obrót;Wartość otwartych pozycji\n"
       "ALIOR;2024-01-02;76,20;77,10;75,50;76,80;0,79;412345;31 650,12;\n"
       "ŻABKA;2024-01-02;19,10;19,44;18,90;19,30;1,05;602110;11 620,71;\n")
CNB = ("02.01.2024 #1\nzemě|měna|množství|kód|kurz\nAustrálie|dolar|1|AUD|15,250\n"
       "Čína|žen-min-pi|1|CNY|3,152\nEMU|euro|1|EUR|24,455\nMaďarsko|forint|100|HUF|6,448\n")
PSE = ("Název;ISIN;Datum;Závěrečný kurz;Změna (%);Objem obchodů (ks)\n"
       "ČEZ;CZ0005112300;02.01.2024;958,00;0,84;312044\nKomerční banka;CZ0008019106;02.01.2024;712,50;-0,35;102331\n")
ZSE = ("Datum;Oznaka;Izdavatelj;Zadnja cijena;Količina\n02.01.2024;KOEI;Končar - Elektroindustrija d.d.;182,50;1203\n"
       "02.01.2024;ĐAKO;Đakovština d.d.;30,80;120\n")
# Slovak ť, Ť on bytes cp1252 leaves undefined (0x9D, 0x8D): the file was read as latin-1.
BSSE = ("Dátum;Názov;Záverečná cena;Objem\n02.01.2024;Slovnaft;12,50;100\n"
        "02.01.2024;Ťažobná spoločnosť;3,10;2000\n03.01.2024;Päť ľudí, a.s.;1,05;10\n")
FINAM = ("<TICKER>;<PER>;<DATE>;<TIME>;<OPEN>;<HIGH>;<LOW>;<CLOSE>;<VOL>\n"
         "Сбербанк;D;20240103;000000;272.90000;275.48000;271.52000;274.38000;18987900\n"
         "Сбербанк;D;20240104;000000;274.67000;275.95000;273.67000;274.80000;12116750\n")


@pytest.mark.parametrize(("text", "encoding", "expected"), [
    (MBANK, "cp1250", "cp1250"),
    (PKO, "cp1250", "cp1250"),
    (GPW, "cp1250", "cp1250"),
    (CNB, "cp1250", "cp1250"),
    (PSE, "cp1250", "cp1250"),
    (ZSE, "cp1250", "cp1250"),
    (BSSE, "cp1250", "cp1250"),
    (MBANK, "iso8859-2", "iso8859-2"),
    (FINAM, "cp1251", "cp1251"),
])
def test_central_european_and_cyrillic_code_pages_are_told_from_cp1252(text, encoding, expected):
    data = text.encode(encoding)
    assert codecs.lookup(detect_encoding(data)[0]).name == expected
    assert decode_head(data, detect_encoding(data)[0], True) == text


WESTERN = {
    "fr": "Libellé;Clôture\nSociété Générale;L'Oréal;Hermès;Coût;Août;Sûreté;Œuvre;cœur;Genève;Naïf;maïs;où;problème\n",
    "es": "Fecha;Máximo;Mínimo;Cierre\nTelefónica;España;Compañía;¿Qué?;¡Hola!;Nº 5;1ª;Logroño\n",
    "pt": "Data;Máxima;Fechamento\nAções;Opções;Itaú Unibanco;São Paulo;Preço;Cotação;à vista;Negociação\n",
    "it": "Data;Chiusura\nPiù;Città;Perché;Così;Lunedì;Società;Caffè;È;Può\n",
    "da": "Dato;Åbning;Højeste;Omsætning\nMærsk;Ørsted;Kursværdi;Tømrer;Søren;Århus;Knæ;Træ\n",
    "is": "Dagsetning;Hæst;Lægst;Velta\nÍslandsbanki;Þórður;Eimskipafélag;Sjóvá;Reykjavík;Iða\n",
    "ca": "Data;Màxim;Mínim;Tancament\nHistòria;Col·lecció;Dòlar;Òpera\n",
    "de": "Datum;Eröffnung;Umsatz in €\nMünchener Rück;Straße;Größe;£20m;m³;½ Anteil;Crème brûlée\n",
    # Footnote marks and share classes beside words: a cp1250 reading made them ą and Ľ ("Returną").
    "en": "Date,Fund,NAV (£),Return¹\n2024-01-02,ACME Corp¹,1.23,4.5\n2024-01-03,Fund A¼,1.25,4.6\n",
    "ca2": "Data;Valor;Tancament\n02/01/2024;Memòria anual;1\n02/01/2024;Història;2\n",  # ò as Czech ň
    "sq": "Data;Çmimi i mbylljes;Vëllimi\n02.01.2024;Bankë;1\n",  # Albanian ç before consonants
    "es2": "Fecha;Nº;1ª sesión;Cierre\n02/01/2024;1;2;3\n",
}


@pytest.mark.parametrize("language", sorted(WESTERN))
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_european_text_stays_cp1252(language, encoding):
    data = WESTERN[language].encode(encoding, errors="replace")
    assert detect_encoding(data) == ("cp1252", 0.8)


@pytest.mark.parametrize("encoding", ["koi8-r", "cp866", "cp1253"])
def test_other_code_pages_are_not_taken_for_cp1251(encoding):
    text = ("Дата;Открытие;Закрытие\nСбербанк;Газпром;Норильский никель\n" if encoding != "cp1253"
            else "ΗΜΕΡΟΜΗΝΙΑ;ΚΛΕΙΣΙΜΟ\nΕΘΝΙΚΗ ΤΡΑΠΕΖΑ;ΑΛΦΑ ΤΡΑΠΕΖΑ;ΠΕΙΡΑΙΩΣ\n")
    assert detect_encoding(text.encode(encoding))[0] != "cp1251"


def test_a_hebrew_export_is_not_taken_for_cp1251():
    # TASE in cp1255: Hebrew letters sit on the bytes of Cyrillic а..ъ, so the text read as
    # lowercase Russian words with vowels, and the cheap Cyrillic check took it before
    # charset-normalizer could name it.
    names = ["טבע תעשיות", "בנק לאומי", "בנק הפועלים", "אלביט מערכות", "כיל", "נייס", "מזרחי טפחות", "דיסקונט"]
    text = "תאריך,שם נייר,שער פתיחה,שער גבוה,שער נמוך,שער נעילה,מחזור\n" + "".join(
        f"{2 + k % 20:02d}/01/2024,{names[k % len(names)]},{100 + k},{101 + k},{99 + k},{100.5 + k},{1000 + k}\n"
        for k in range(60))
    assert detect_encoding(text.encode("cp1255"))[0] != "cp1251"


# Turkish (cp1254) and Baltic (cp1257) exports: their letters read as other letters in cp1252
# (İŞLEM as ÝÞLEM, Atvēršanas as Atvçrðanas), so they were read as cp1252, cp1250 or cp1251.
BIST = ("İŞLEM TARİHİ;İŞLEM KODU;KAPANIŞ FİYATI;TOPLAM İŞLEM MİKTARI\n"
        "2024-01-02;THYAO;229,66;21412300\n2024-01-02;GARAN;60,79;58120400\n")
ISYATIRIM = ("Hisse Kodu;Tarih;Kapanış(TL);Min(TL);Max(TL);Piyasa Değeri(mn TL)\n"
             "THYAO;02-01-2024;229,66;226,34;232,42;316930,8\n")
INVESTING_TR = ('"Tarih","Şimdi","Açılış","Yüksek","Düşük","Hac.","Fark %"\n'
                '"09.01.2024","229,66","229,09","232,42","226,34","21,41M","%-0,60"\n')
RIGA = ("Datums;Atvēršanas cena;Augstākā cena;Zemākā cena;Pēdējā cena;Vidējā cena;Apjoms;Apgrozījums\n"
        "02.01.2024;12,969;13,158;12,813;13,002;13,050;812;10637,20\n")
VILNIUS = ("Data;Atidarymo kaina;Aukščiausia kaina;Žemiausia kaina;Paskutinė kaina;Kiekis;Apyvarta\n"
           "2024-01-02;14,355;14,564;14,183;14,391;5120;74240,00\n")
SWEDBANK_LV = ('"Datums","Saņēmējs/Maksātājs","Informācija saņēmējam","Summa","Valūta"\n'
               '"03.01.2024","Jānis Bērziņš","Dzīvokļa īre janvārī","15,50","EUR"\n')
SEB_LT = ("DATA;SUMA;MOKĖTOJO ARBA GAVĖJO PAVADINIMAS;MOKĖJIMO PASKIRTIS\n"
          "2024-01-02;20,50;Šiaulių bankas;Paskolos įmoka\n2024-01-03;21,50;Žaneta Petrauskienė;Grąžinama skola\n")


@pytest.mark.parametrize(("text", "encoding"), [
    (BIST, "cp1254"), (ISYATIRIM, "cp1254"), (INVESTING_TR, "cp1254"),
    (RIGA, "cp1257"), (VILNIUS, "cp1257"), (SWEDBANK_LV, "cp1257"), (SEB_LT, "cp1257"),
])
def test_turkish_and_baltic_code_pages_are_told_from_cp1252(text, encoding):
    data = text.encode(encoding)
    assert detect_encoding(data)[0] == encoding
    assert decode_head(data, encoding, True) == text


ICELANDIC = {
    "nasdaq_iceland": "Dagsetning;Auðkenni;Opnunarverð;Hæsta verð;Lægsta verð;Lokaverð;Velta\n"
                      "02.01.2024;ÍSB;118,50;120,50;116,50;119,50;4112000\n",
    "landsbankinn": "Dagsetning;Tilvísun;Skýring;Texti;Upphæð;Staða\n"
                    "02.01.2024;1000;Millifærsla;Þórður Guðmundsson;-4500;250000\n"
                    "03.01.2024;1001;Kortafærsla;Hagkaup Garðabær;-3500;246500\n",
    # A compound's þ (Alþingi) follows a consonant; Turkish ş mostly follows a vowel (İŞLEM, KAPANIŞ).
    "compounds": "Dagsetning;Auðkenni;Skýring\n02.01.2024;ALTH;Alþingi\n03.01.2024;ALTH;Alþjóðabankinn\n",
    "capitals": "DAGSETNING;AUÐKENNI;LOKAVERÐ;HÆSTA VERÐ\n02.01.2024;ÍSB;118,50;120,50\n",
    "faroese": "Dagur;Heiti;Lokagildi\n02.01.2024;Betri banki (Føroya Banki);150,00\n"
               "02.01.2024;Bakkafrost í Føroyum;500,00\n",
}


@pytest.mark.parametrize("name", sorted(ICELANDIC))
def test_icelandic_and_faroese_stay_cp1252(name):
    # Þ ð ý are real there, and sit on the bytes of Turkish Ş ğ ı.
    assert detect_encoding(ICELANDIC[name].encode("cp1252")) == ("cp1252", 0.8)


# kabuoji3's download of TSE ETF 1557 (a notebook's sp500_2019.csv): a short Shift-JIS title and
# header above rows of ASCII digits. charset-normalizer called it cp949: the header read as rare
# Hangul syllables ("볷븊,럑뭠,..."), no column was named and the file was refused in gibberish.
_KABUOJI3 = ("1557 東証ETF SPDR S&P500  ETF（ETF）,,,,,\r\n日付,始値,高値,安値,終値,出来高,終値調整値\r\n"
             '"2019-01-04","26620","26830","26310","26780","7665","26780"\r\n'
             '"2019-01-07","27710","27790","27450","27520","1568","27520"\r\n'
             '"2019-01-08","27800","28020","27760","27910","2051","27910"\r\n')


def test_short_japanese_header_is_shift_jis_not_korean():
    data = _KABUOJI3.encode("cp932")
    enc, _ = detect_encoding(data)
    assert data.decode(enc) == _KABUOJI3


def test_korean_header_stays_korean():
    # KRX's data system download (EUC-KR): every syllable in common use is KS X 1001.
    text = ("일자,종가,대비,등락률,시가,고가,저가,거래량,거래대금,상장시총\r\n"
            '"2025/01/02","2398.94","-0.55","-0.02","2400.10","2410.50","2390.20","530549066","3100000","59000000"\r\n')
    data = text.encode("cp949")
    enc, _ = detect_encoding(data)
    assert data.decode(enc) == text


def test_a_long_korean_head_is_told_from_japanese():
    # A head read on for its long lines (up to 2 MiB): only the bytes charset-normalizer judged (64
    # KiB) are counted, by a regex (character by character it had cost 0.4 s a file).
    from backintime_assets.detection.encoding import _japanese_read_as_korean

    row = "2026-07-01,삼성전자,71500,현대자동차,250000,카카오뱅크," * 50 + "\r\n"
    assert not _japanese_read_as_korean((row * 800).encode("cp949"), True)
    assert _japanese_read_as_korean(_KABUOJI3.encode("cp932"), True)


def test_shift_jis_is_read_as_windows_writes_it():
    # charset-normalizer calls these bytes shift_jis (or shift_jis_2004, for the NEC "①"): decoded so,
    # "～" became "〜" and "①" U+FFFD. Japanese CSVs are cp932 (Excel, e-Stat, banks).
    data = "id,name,val\n1,きちんと～①,1\n2,日本語,2\n3,テスト,3\n".encode("cp932")
    encoding, _ = detect_encoding(data)
    assert encoding == "cp932"
    assert "きちんと～①" in data.decode(encoding)


def test_shift_jis_2004_of_the_second_plane_is_not_read_as_cp932():
    # Lead bytes 0xF0-0xF9 are JIS X 0213's second plane in Shift_JIS-2004 ("𠂉" is F0 40), and the
    # user-defined area (U+E000...) in cp932: read as cp932, the names became private-use marks.
    text = "日付,銘柄名,終値,出来高\n" + "".join(
        f"2024-01-{d:02d},𠂉硃菑会社,{2500 + d}.0,{1000 * d}\n" for d in range(2, 20))
    data = text.encode("shift_jis_2004")
    encoding, _ = detect_encoding(data)
    assert encoding != "cp932"
    assert data.decode(encoding) == text


# Short price files in ISO-8859-2, Hungarian in cp1250 and Estonian in cp1252, each with a header
# and three rows of names. ISO-8859-2 was read as cp1250 (both readings showed no symbol inside a
# word: "¦widnica", "MiedĽ", "Kroměříľ" instead of Świdnica, Miedź, Kroměříž); one ő ("Győr") was
# too little to leave cp1252 ("Gyõr"); Estonian õ ("Kõrgeim") was read as Hungarian ő.
PL_ISO = ("Data;Spółka;Miasto;Otwarcie;Najwyższy;Najniższy;Zamknięcie;Wolumen\n"
          "2024-01-02;Śnieżka;Świdnica;100,10;101,00;99,50;100,80;1200\n"
          "2024-01-02;KGHM Polska Miedź;Lubin;150,00;152,00;149,00;151,00;3400\n"
          "2024-01-02;Enea;Łódź;9,10;9,20;9,00;9,15;5600\n")
CS_ISO = ("Datum;Název;Město;Kurz;Změna;Objem\n02.01.2024;Škoda Transportation;Plzeň;100,1;0,5;1200\n"
          "02.01.2024;Kofola ČeskoSlovensko;Kroměříž;310,0;-1,2;300\n02.01.2024;ČEZ;Praha;958,0;0,8;31204\n")
HU = ("Dátum;Név;Város;Nyitó;Legmagasabb;Záró;Forgalom\n2024-01-02;OTP Bank;Budapest;1,0;2,0;1,5;100\n"
      "2024-01-02;Rába;Győr;3,0;4,0;3,5;200\n2024-01-02;MOL;Budapest;5,0;6,0;5,5;300\n")
ET = ("Kuupäev;Ettevõte;Linn;Avamishind;Kõrgeim;Madalaim;Sulgemishind;Käive\n"
      "2024-01-02;Tallinna Vesi;Tallinn;10,1;10,2;10,0;10,1;1200\n"
      "2024-01-02;Merko Ehitus;Võru;15,0;15,2;14,9;15,1;300\n2024-01-02;Baltika;Pärnu;0,5;0,6;0,4;0,5;40\n")
GR = ("Ημερομηνία;Μετοχή;Άνοιγμα;Υψηλό;Χαμηλό;Κλείσιμο;Όγκος\n2024-01-02;ΟΠΑΠ;15,10;15,30;15,00;15,20;1200\n"
      "2024-01-02;Μοτορ Όιλ;24,00;24,50;23,80;24,20;3000\n2024-01-02;ΔΕΗ;11,00;11,20;10,90;11,10;500\n")


# Twenty rows of Greek names: charset-normalizer called them ISO-8859-5 (Cyrillic, "Сшоэс").
GR_NAMES = ["ΟΠΑΠ", "ΕΘΝΙΚΗ ΤΡΑΠΕΖΑ", "Μοτορ Όιλ", "ΔΕΗ", "Ελληνικά Πετρέλαια", "Σαράντης", "ΤΙΤΑΝ", "ΟΤΕ"]
GR20 = "Ημερομηνία;Μετοχή;Πόλη;Άνοιγμα;Κλείσιμο;Όγκος\n" + "".join(
    f"2024-01-{1 + k:02d};{GR_NAMES[k % len(GR_NAMES)]};Αθήνα;{10 + k},10;{10 + k},20;{1000 + k}\n" for k in range(20))


@pytest.mark.parametrize(("text", "encoding"), [
    (GR20, "iso8859-7"), (GR20, "cp1253"),
    (PL_ISO, "iso8859-2"), (PL_ISO, "cp1250"), (CS_ISO, "iso8859-2"), (CS_ISO, "cp1250"),
    (HU, "cp1250"), (HU, "iso8859-2"), (ET, "cp1252"), (ET, "cp1257"),
    (GR, "iso8859-7"), (GR, "cp1253"),
])
def test_short_price_files_in_central_european_baltic_and_greek_code_pages_read_right(text, encoding):
    data = text.encode(encoding)
    assert decode_head(data, detect_encoding(data)[0], True) == text


@pytest.mark.parametrize(("text", "encoding", "expected"), [
    ("Datum;Name;Schluß;Umsatz\n2024-01-02;Société Générale;1,0;2\n2024-01-02;Ørsted;Münchener Rück;3\n"
     "2024-01-02;Mærsk;Straße;4\n", "cp1252", "cp1252"),
    ("Дата;Эмитент;Закрытие\n2024-01-02;Сбербанк;272,9\n2024-01-02;Газпром;160,1\n2024-01-02;ЛУКОЙЛ;7000\n",
     "cp1251", "cp1251"),
    ("Дата;Эмитент;Закрытие\n2024-01-02;Сбербанк;272,9\n2024-01-02;Газпром;160,1\n2024-01-02;ЛУКОЙЛ;7000\n",
     "koi8-r", "koi8-r"),
])
def test_short_western_and_russian_price_files_keep_their_code_page(text, encoding, expected):
    data = text.encode(encoding)
    assert codecs.lookup(detect_encoding(data)[0]).name == expected


# A short Estonian price file in cp1252 without an ä: its one õ ("Võru") had been taken for
# Hungarian's ő, which a Hungarian file shows beside its á é í ó ú ("Dátum", "Záró"); Estonian
# writes none of those. The Hungarian file of one ő with them still reads as cp1250.
@pytest.mark.parametrize(("text", "encoding"), [
    ("Date,Name,Close\n2024-01-02,Võru Metsad,1.5\n", "cp1252"),
    ("Dátum,Név,Záró\n2024-01-02,Győr,1.5\n", "cp1250"),
])
def test_one_o_tilde_is_hungarian_only_beside_hungarian_acute_letters(text, encoding):
    data = text.encode(encoding)
    assert data.decode(detect_encoding(data)[0]) == text


# Short office files whose letters a wrong reading spells in another language's alphabet. Each was
# read wrong before: Thai as GB18030, Cyrillic or Latin-10; Hebrew as cp1251, KOI8-R, cp1250 or
# cp874 (charset-normalizer, a few names); Bulgarian KOI8-R as Greek capitals ("ΙΞΧΕΣΤΙΓΙΟΞΞΑ");
# Hungarian and Croatian as Lithuanian cp1257 ("Rįba Jįrmūipari", "Najni¾a"); Turkish in a tie
# between cp1254 and cp1257 ("Düžük" spells Estonian letters); Croatian cp1250 with one clue.
TH = ("วันที่;หลักทรัพย์;ราคาปิด;ปริมาณ\n2024-03-04;ธนาคารกสิกรไทย;138,50;120400\n"
      "2024-03-05;เซ็นทรัลพัฒนา;62,25;98000\n2024-03-06;กัลฟ์ เอ็นเนอร์จี;41,75;55100\n")
HE = "Date;Name;Close\n2024-03-04;בנק לאומי;26,10\n2024-03-05;בנק הפועלים;31,40\n"
HE_ABBREVIATION = 'תאריך;חברה;שער\n2024-03-04;אלביט מערכות בע"מ;612,30\n2024-03-05;שופרסל בע"מ;24,10\n'
BG_KOI8 = ("Date\tName\tOpen\tClose\n03.04\tПърва инвестиционна банка\t3,10\t3,12\n"
           "03.05\tПърва инвестиционна банка\t3,12\t3,15\n")
HU_CP1250 = "Dátum;Név;Változás\n03.04;Rába Járműipari;1,2\n03.05;Állami Nyomda;-0,4\n"
HR_ISO = "Datum;Dionica;Najniža;Količina\n03.04;Đuro Đaković;5,92;212884\n03.05;Đuro Đaković;5,80;1200\n"
HR_CP1250 = "Datum;Dionica;Najniža;Količina;Promet\n03.04;HT;252,39;263,27;927550\n03.05;Petrol;777,34;809,68;504200\n"
TR = "Tarih,Hisse,Düşük,Değişim (%)\r\n03.04,TÜPRAŞ,410.76,1.5\r\n2024-03-05,TÜPRAŞ,265.31,-0.5\r\n"


@pytest.mark.parametrize(("text", "encoding"), [
    (TH, "cp874"), (HE, "cp1255"), (HE, "iso8859-8"), (HE_ABBREVIATION, "cp1255"), (BG_KOI8, "koi8-r"),
    (HU_CP1250, "cp1250"), (HR_ISO, "iso8859-2"), (HR_CP1250, "cp1250"), (TR, "cp1254"),
])
def test_short_files_read_in_the_alphabet_of_one_language(text, encoding):
    data = text.encode(encoding)
    assert data.decode(detect_encoding(data)[0]) == text


def test_thai_is_read_before_the_double_byte_code_pages_claim_it():
    # Read as GB18030 its bytes are valid (rare hanzi); read as cp874 its vowels and tone marks sit on
    # consonants. A Chinese name read as Thai does not: "ค้ดม;ราจ้ฆWบู" (Big5) is no Thai.
    from backintime_assets.detection.east_asian import east_asian_code_page

    for name in ("ธนาคารกสิกรไทย", "ไทยพาณิชย์", "บางจากคอร์ปอเรชั่น"):
        text = "Date,Name,Close\n" + "".join(f"2024-03-{d:02d},{name},{150 + d}.5\n" for d in range(4, 9))
        data = text.encode("cp874")
        assert east_asian_code_page(data, True) is not None  # what had read it wrong (GB18030, Big5)
        assert detect_encoding(data)[0] == "cp874"
    for text, encoding in [("日期,股票名称,收盘\n2024-01-02,贵州茅台,1700.5\n", "gbk"),
                           ("日期,證券名稱,收盤價\n2024-01-02,台積電,590.0\n", "cp950"),
                           ("일자,종목명,종가\n2024-01-02,한화솔루션,71500\n", "euc_kr"),
                           ("Дата,Эмитент\n2024-01-02,ЛУКОЙЛ\n", "cp1251")]:
        assert detect_encoding(text.encode(encoding))[0] != "cp874", text


def test_russian_read_as_hebrew_misplaces_final_letters():
    # Lowercase Cyrillic of cp1251 stands on the Hebrew letters' bytes: "банк" is בםך with a final
    # mem inside a word, "завод" ends in a plain one. Neither is Hebrew.
    from backintime_assets.detection.encoding import _looks_hebrew

    assert _looks_hebrew("שם,שער\nבנק לאומי,1\nטבע,2\n".encode("cp1255"))
    assert not _looks_hebrew("имя,цена\nбанк центр,1\nзавод,2\n".encode("cp1251"))


def test_a_western_file_of_one_clue_stays_cp1252():
    # The evidence of one French word (è before a vowel in "Chièvres") is not doubled by its letters:
    # è, é and ç are one language's.
    text = "Date;Nom;Ville;Cours\n03.04;Société Générale;Chièvres;25,10\n03.05;Crédit Agricole;Besançon;12,40\n"
    assert detect_encoding(text.encode("cp1252"))[0] == "cp1252"


def test_reads_as_cp932():
    from backintime_assets.detection.encoding import _reads_as_cp932

    assert _reads_as_cp932("日付,銘柄,終値\n2024-01-04,トヨタ自動車～①,2500\n".encode("cp932"), True)
    # A character cut by the sample's end is no error in a partial sample, one in a whole file.
    cut = "銘柄,トヨタ\n".encode("cp932")[:-2]
    assert _reads_as_cp932(cut, False) and not _reads_as_cp932(cut, True)
    # Shift_JIS-2004's second plane reads as cp932's user-defined area: not cp932.
    assert not _reads_as_cp932("名前\n𠂉商事\n".encode("shift_jis_2004"), True)
    assert not _reads_as_cp932(b"\x82\xa0\xff\xff\n", True)


@pytest.mark.parametrize(("text", "encoding"), [
    # Read as cp1250 / GB18030 before, every ticker was garbled: a series of its own nobody asked for.
    ("Date,Ticker,Close\n2024-03-04,בנק לאומי,26.10\n2024-03-05,בנק לאומי,26.40\n2024-03-04,בזק,5.10\n", "cp1255"),
    ("Date,Ticker,Close\n2024-03-04,ธนาคารกสิกรไทย,138.5\n2024-03-05,ธนาคารกสิกรไทย,139.0\n2024-03-04,บ้านปู,5.1\n",
     "cp874"),
    # A Chinese file of a few names: 五粮液 and 比亚迪 read as Thai letters with one vowel sign in six
    # ("ฮๅมธาบ", "ฑศัวตฯ"), and as GB2312 every character is a common one.
    ("Date,Ticker,Close\n2024-03-04,五粮液,150.5\n2024-03-05,五粮液,151.0\n", "gb2312"),
    ("Date,Ticker,Close\n2024-03-04,比亚迪,250.5\n2024-03-05,五粮液,151.0\n", "gbk"),
    # Thai that reads as common hanzi as well still reads as Thai: a vowel sign in every three letters.
    ("Date,Ticker,Close\n2024-03-04,บ้านปู,5.1\n2024-03-05,บ้านปู,5.2\n", "cp874"),
])
def test_hebrew_thai_and_chinese_tickers_load_as_written(text, encoding):
    from backintime_assets.detection import detect_bytes
    from backintime_assets.normalisation import normalise_bytes

    data = text.encode(encoding)
    schema = detect_bytes(data, "prices.csv")
    prices = normalise_bytes(data, schema, "prices.csv").prices
    assert prices["ticker"].tolist() == [line.split(",")[1] for line in text.splitlines()[1:]]
    assert prices["close"].tolist() == [float(line.split(",")[2]) for line in text.splitlines()[1:]]


@pytest.mark.parametrize(("text", "encoding"), [
    ("Date,Open,最低,Close\n", "big5"),  # KOI8-U would read "ЁлїC": Cyrillic glued to a Latin letter
    # A Nasdaq Baltic file names Latvian and Lithuanian firms: read as cp1250 ("Pçdçjâ", "grupë") its
    # letters fit French, read as cp1257 those of the two languages it was made for.
    ("Datums;Pēdējā cena\n2024-03-04;1,25\n2024-03-05;1,30\nIgnitis grupė;Klaipėdos nafta\n", "cp1257"),
])
def test_short_files_keep_their_code_page_against_new_readings(text, encoding):
    data = text.encode(encoding)
    assert data.decode(detect_encoding(data)[0]) == text


# A file whose first 64 KB are ASCII (multi-ticker rows sorted by code) and whose names in another
# code page start past them: detection's sample says UTF-8, the later bytes tell their code page.
@pytest.mark.parametrize(("name", "encoding"), [
    ("Сбербанк", "cp1251"), ("日経平均", "cp932"), ("上证指数", "gbk"), ("삼성전자", "euc_kr")])
def test_the_code_page_of_later_lines_is_detected_from_them(name, encoding):
    rows = "".join(f"{name};2024-01-{d:02d};77.5;100\r\n" for d in range(2, 20)).encode(encoding)
    later = later_encoding(b"SBER;2024-01-02;1.5;100\r\n" * 5 + rows)
    assert rows.decode(later) == rows.decode(encoding)


@pytest.mark.parametrize("text", ["Société Générale;1.5\n", "Nestlé;1.5\nHermès;2\n"])
def test_later_cp1252_lines_are_left_to_utf8_or_cp1252(text):
    # UTF8_OR_CP1252 reads them as well and keeps any UTF-8 character among them.
    assert later_encoding(b"ABC;1\n" * 3 + text.encode("cp1252")) == "utf-8"


def test_decode_later_keeps_utf8_lines_and_reads_the_others_in_the_code_page():
    data = "Сбербанк;1\n".encode() + "Сбербанк;2\r\n".encode("cp1251") + b"SBER;3\r"
    assert decode_later(data, "cp1251") == "Сбербанк;1\nСбербанк;2\r\nSBER;3\r"
    assert decode_later("Société;1\n".encode("cp1252"), "utf-8") == "Société;1\n"


class _Scanned(bytes):
    """Bytes that count how many of themselves find and rfind look through."""

    looked = 0

    def find(self, sub, start=0, end=None):
        _Scanned.looked += (len(self) if end is None else end) - start
        return super().find(sub, start, end)

    def rfind(self, sub, start=0, end=None):
        _Scanned.looked += (len(self) if end is None else end) - start
        return super().rfind(sub, start, end)


def test_later_lines_are_found_without_reading_the_rest_of_the_piece_for_each():
    # A 16 MB piece of "\n" lines with one bad byte: the lines beyond ASCII were each found by a
    # find of "\r" that ran to the piece's end (seconds a piece); each is looked through once.
    rows = "Société;1.5\n".encode() * 20000 + b"Nestl\xe9;2\n"
    _Scanned.looked = 0
    assert later_encoding(_Scanned(rows)) == "utf-8"
    assert _Scanned.looked <= 2 * len(rows)


@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n"])
def test_later_lines_are_cut_at_any_line_end(ending):
    rows = ending.join(["Сбербанк;1.5", "SBER;1.6", "Газпром;2"]).encode("cp1251")
    assert decode_later(rows, later_encoding(rows)) == rows.decode("cp1251")
