import datetime

import pytest

from backintime_assets.detection.east_asian import east_asian_code_page
from backintime_assets.detection.encoding import detect_encoding
from backintime_assets.normalisation.normalise import normalise_bytes
from backintime_assets.detection.detect import detect_bytes


def _one_name(header: str, name: str, days: int = 14) -> str:
    """A price file of one stock, its name on every row (akshare's, KRX's, TWSE's downloads)."""
    first = datetime.date(2024, 1, 2)
    return header + "\n" + "".join(f"{first + datetime.timedelta(days=d)},{name},{1702 + d}.5,{1000 * d}\n"
                                   for d in range(days))


# charset-normalizer's picks on these, each a valid reading, silently wrong: the header named no
# close ("ШеЦк,ЙЩЦБ,ЪеХЬМл": the file refused) or the names were garbled.
CASES = {
    "gbk, one name (was ISO-8859-5)": (_one_name("日期,股票,收盘价,成交量", "贵州茅台"), "gbk"),
    "gb2312, one name (was cp949)": (_one_name("日期,股票名称,涨跌幅,换手率", "南方航空"), "gb2312"),
    "gb2312, a header and a name (was cp949)": ("名称,值\n中国银行,1\n", "gb2312"),
    "big5, one name (was ISO-8859-2)": (_one_name("日期,股票,收盤價,成交量", "台積電"), "big5"),
    "big5, a trail byte in ASCII (was cp1251)": (_one_name("日期,證券名稱,收盤價,成交股數", "味全"), "cp950"),
    "big5, sixty rows (was ISO-8859-2)": (_one_name("日期,證券名稱,收盤價,成交股數", "鴻海", days=60), "cp950"),
    "cp932 with ～①髙 (was latin-1)": (_one_name("日付,銘柄,終値,出来高", "トヨタ～①髙島屋"), "cp932"),
    "euc-jp header of kana (was ISO-8859-5)": ("日付\tコード\t銘柄名\t始値\t終値\n"
                                               "2024-01-02\t7203\t2500\t2500\t2510\n", "euc_jp"),
    "euc-kr with a Hanja (stays Korean)": ("일자,종목명,비고\n2024-01-02,삼성전자,우아(優雅)한 문법\n"
                                         "2024-01-03,현대자동차,효율적인 고수준 데이터 구조\n", "euc_kr"),
    # Every byte pair on KS X 1001's Hangul rows, as GB2312's first level: 包钢股份 reads "괜멀믈룀", whose
    # syllables Korean seldom writes (no open one), where 기아 and 삼성전자 are Korean words.
    "gbk, a name under an ASCII header (was cp949)": (_one_name("Date,Name,Close,Volume", "包钢股份"), "gbk"),
    "cp949, a name under an ASCII header (stays Korean)": (_one_name("Date,Name,Close,Volume", "기아"), "cp949"),
    "cp949 one name (stays Korean)": (_one_name("일자,종목,종가,거래량", "삼성전자"), "cp949"),
}


def assert_reads_back(text: str, codec: str) -> None:
    """`text` written in `codec` is read back as written."""
    data = text.encode(codec)
    encoding, _ = detect_encoding(data)
    assert data.decode(encoding) == text


@pytest.mark.parametrize("name", sorted(CASES))
def test_east_asian_code_pages_read_right(name):
    text, codec = CASES[name]
    assert_reads_back(text, codec)


def test_euc_jp_that_is_valid_utf8_in_part_is_no_utf8():
    # "任天堂" in EUC-JP (C7A4 C5B7 C6B2) is valid UTF-8 ("ǤŷƲ"): on every row, those outnumbered
    # the header's undecodable bytes and the file read as UTF-8 with stray bytes.
    text = _one_name("日付,銘柄名,出来高,終値調整値", "任天堂")
    assert_reads_back(text, "euc_jp")


def test_shift_jis_2004_notes_with_kana_are_japanese():
    # Kanji of JIS X 0213 (on cp932's user-defined rows) in a notes column: few common characters,
    # but kana ("の") say Japanese. It had read as cp1251 ("“ъ•t,–Б•ї": no close column).
    rare = ["堠硃", "抙菑", "棙硃", "溓菑", "璠硃", "稸菑", "翲硃", "𠂉菑", "儈硃"]
    text = "日付,銘柄,終値,備考\n" + "".join(f"2024-01-{d:02d},A{d},{100 + d}.0,{rare[d % 9]}の件\n"
                                            for d in range(2, 20))
    assert_reads_back(text, "shift_jis_2004")


# Single-byte code pages stay theirs: accented Latin glued into words, Cyrillic capitals whose
# bytes fall on GB2312's first level ("ЛУКОЙЛ" decodes as three hanzi), Greek, Hebrew, Arabic.
SINGLE_BYTE = {
    "cp1251 capitals": ("Дата;Тикер\n02.01.2020;ЛУКОЙЛ\n03.01.2020;ЛУКОЙЛ\n", "cp1251"),
    "cp1251 names": ("Дата;Тикер;Цена\n02.01.2020;Сбербанк;255,3\n03.01.2020;Газпром;258,1\n" * 5, "cp1251"),
    "cp1252 French": ("Date;Libellé;Dernier\n02.01.2024;Crédit Agricole;12,5\n02.01.2024;Hermès;1800\n", "cp1252"),
    "cp1252 German": ("Datum;Bezeichnung;Schluss\n02.01.2024;Münchener Rück;401\n02.01.2024;Börse;190\n", "cp1252"),
    "cp1250 Polish": ("Data;Nazwa;Najwyższy;Najniższy;Zamknięcie\n02.01.2024;ORLEN SPÓŁKA AKCYJNA;61,2;59,8;60,1\n"
                      "02.01.2024;Łódzki Dom Maklerski;2,1;2,0;2,05\n02.01.2024;Śnieżka;70;68;69,5\n", "cp1250"),
    "cp1250 Czech": ("Datum;Název;Změna\n02.01.2024;Komerční banka;1,2\n02.01.2024;ČEZ;0,4\n", "cp1250"),
}


@pytest.mark.parametrize("name", sorted(SINGLE_BYTE))
def test_single_byte_code_pages_stay_theirs(name):
    text, codec = SINGLE_BYTE[name]
    assert_reads_back(text, codec)


@pytest.mark.parametrize(("text", "codec"), [
    ("Ημερομηνία;Εταιρεία;Κλείσιμο\n02.01.2024;ΟΠΑΠ;15,2\n02.01.2024;ΤΙΤΑΝ;30\n", "cp1253"),
    ("תאריך,שם נייר,שער נעילה\n2024-01-02,בנק לאומי,30.1\n2024-01-02,טבע,45\n", "cp1255"),
    ("التاريخ,الشركة,الإغلاق\n2024-01-02,مصرف الراجحي,80.1\n2024-01-02,سابك,70\n", "cp1256"),
    ("Date,Name\n2024-01-02,Straße\n2024-01-03,Zürich\n", "cp1252"),
])
def test_no_east_asian_reading_of_single_byte_text(text, codec):
    assert east_asian_code_page(text.encode(codec), True) is None


def test_a_gbk_price_file_loads_with_its_names_and_columns():
    # Read as ISO-8859-5, "收盘价" was "ЪеХЬМл": no close column, every row refused.
    text = _one_name("日期,股票,收盘价,成交量", "贵州茅台", days=4)  # 2024-01-02 .. 05: Tuesday to Friday
    data = text.encode("gbk")
    schema = detect_bytes(data, "600519.csv")
    result = normalise_bytes(data, schema, "600519.csv")
    assert [c.name for c in schema.columns] == ["日期", "股票", "收盘价", "成交量"]
    assert result.prices_arrow.column("close").to_pylist() == [1702.5, 1703.5, 1704.5, 1705.5]
    assert result.rejected_arrow.num_rows == 0


def test_utf8_with_a_stray_cp1252_byte_stays_utf8():
    # "è" and "é" in UTF-8 (C3A8, C3A9) are common Big5 characters, and a stray cp1252 "°" before "C"
    # (B0 43) one more: the whole file decoded as cp950 and the tickers read "HERM癡S", "SOCI矇T矇".
    data = ("Date,Ticker,Close,Note\n2021-03-01,Hermès,564.90,\n2021-03-02,Société,505.97,\n".encode()
            + b"2021-03-03,Herm\xc3\xa8s,566.10,5\xb0C\n")
    schema = detect_bytes(data, "prices.csv")
    result = normalise_bytes(data, schema, "prices.csv")
    assert schema.encoding == "utf-8"
    assert result.prices_arrow.column("ticker").to_pylist() == ["HERMÈS", "SOCIÉTÉ", "HERMÈS"]
    assert result.prices_arrow.column("close").to_pylist() == [564.9, 505.97, 566.1]
    assert result.rejected_arrow.num_rows == 0
