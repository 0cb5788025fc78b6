from backintime_assets.detection.steady import split_by_a_common_delimiter, steady


def test_a_character_is_steady_on_nine_lines_in_ten():
    lines = ["a;b;c"] * 9 + ["a;b"]
    assert steady(lines, ";")
    assert not steady(lines[:8] + ["a;b", "a"], ";")  # eight lines in ten
    assert not steady(["ab"] * 10, ";")  # absent everywhere is no delimiter


def test_a_text_split_by_a_common_delimiter():
    assert split_by_a_common_delimiter(["name\tclose", "a\t1", "b\t2"])
    assert not split_by_a_common_delimiter(["kind§weight", "fruit1§10", "fruit2§20"])
