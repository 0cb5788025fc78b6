from datetime import date

from backintime_assets.detection.render import Style, format_number, render_table, sample_prices


def test_format_number_grouping_and_decimal_mark():
    assert format_number(1234567.25, ",", ".") == "1.234.567,25"
    assert format_number(-1234, ".", ",") == "-1,234"
    assert format_number(12.5) == "12.5"


def test_render_dialect():
    out = render_table(["Date", "Name"], [[date(2020, 1, 2), "a;b"]],
                       Style(delimiter=";", line_terminator="\r\n", date_format="%d/%m/%Y", preamble=["Export"],
                             footer=["End"], encoding="utf-16"))
    assert out.decode("utf-16") == 'Export\r\nDate;Name\r\n02/01/2020;"a;b"\r\nEnd\r\n'


def test_sample_prices_are_valid_bars():
    for _, _, _, o, h, lo, c, adj, v in sample_prices(50, seed=3, tickers=2):
        assert h >= max(o, c, lo) and lo <= min(o, c) and min(o, h, lo, c, adj) > 0 and v >= 1000
