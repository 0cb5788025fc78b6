from backintime_assets.detection.eastern_digits import has_eastern_digits, may_hold_eastern_digits, western_digits


def test_arabic_indic_and_persian_digits_read_as_ascii():
    assert western_digits("٢٠٢٤/٠١/٠٢,٣٢٫٨٥,١٢٬٩٦٤٬٥٢٤") == "2024/01/02,32.85,12964524"
    assert western_digits("۱۴۰۲/۱۰/۱۲") == "1402/10/12"


def test_text_without_them_is_left_alone():
    text = "التاريخ،الإغلاق 2024-01-02"  # the Arabic comma stays: it separates words, not numbers
    assert western_digits(text) is text


def test_the_bytes_tell_whether_utf8_holds_them():
    assert has_eastern_digits("٣٢٫٨٥".encode())
    assert has_eastern_digits("۱۴۰۲".encode())
    assert not has_eastern_digits("الإغلاق 32.85".encode())  # Arabic letters share the lead byte 0xD9


def test_only_files_in_a_unicode_encoding_may_hold_them():
    assert may_hold_eastern_digits("٣٢٫٨٥".encode("utf-16"), "utf-16")
    assert not may_hold_eastern_digits("2024.01.02\t1.10372".encode("utf-16"), "utf-16")  # MT5's ticks
    assert not may_hold_eastern_digits("الإغلاق 32.85".encode("cp1256"), "cp1256")  # no such digits in it


def test_utf7_is_read_with_its_own_digits_by_detection_and_by_the_whole_file_alike():
    # UTF-7 writes them in base64, without a byte 0x06: the whole file (decode_all) kept them, the
    # sample detection reads (decode_head) did not, and its columns were typed on other digits.
    from backintime_assets.detection.encoding import decode_all, decode_head

    data = "٣٢٫٨٥,١٢٬٩٦٤\n".encode("utf-7")
    assert decode_head(data, "utf-7", True) == decode_all(data, "utf-7")


def test_thai_digits_read_as_ascii_in_utf8_utf16_and_thailand_s_code_page():
    # SET's pages and Thai statements may write "๒๓ พ.ค. ๒๕๖๘" (23 May BE 2568) and prices in them.
    assert western_digits("๒๓ พ.ค. ๒๕๖๘,๓๒.๕๐") == "23 พ.ค. 2568,32.50"
    assert has_eastern_digits("๒๕๖๘".encode())
    assert not has_eastern_digits("เปิด 32.50".encode())  # Thai letters share the lead bytes 0xE0 0xB9
    assert may_hold_eastern_digits("๒๕๖๘".encode("utf-16"), "utf-16")
    assert may_hold_eastern_digits("๒๕๖๘".encode("cp874"), "cp874")
    assert not may_hold_eastern_digits("ราคาปิด 32.50".encode("cp874"), "cp874")
