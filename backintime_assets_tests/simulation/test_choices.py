from datetime import date

from backintime_assets.simulation import FileOptions
from backintime_assets.simulation.choices import era_of, file_layout, is_workbook
from backintime_assets.simulation.layouts import CLEAN


def test_layouts_follow_the_drift_mode():
    assert file_layout(FileOptions(), 1, (0, 5), date(2001, 1, 1)) == CLEAN
    eras = FileOptions(drift="eras", era_years=5)
    assert file_layout(eras, 1, (0, 5), date(2001, 1, 1)) == file_layout(eras, 1, (0, 99), date(2004, 12, 31))
    assert file_layout(eras, 1, (0, 5), date(2001, 1, 1)) != file_layout(eras, 1, (0, 5), date(2005, 1, 1))
    loose = FileOptions(drift="random")
    assert file_layout(loose, 1, (0, 5), date(2001, 1, 1)) == file_layout(loose, 1, (0, 5), date(1950, 1, 1))
    assert file_layout(loose, 1, (0, 5), date(2001, 1, 1)) != file_layout(loose, 1, (0, 6), date(2001, 1, 1))
    assert era_of(date(1900, 1, 1), 5) == 0 and era_of(date(2004, 12, 31), 5) == 20


def test_workbook_share():
    options = FileOptions(xlsx_share=0.25)
    share = sum(is_workbook(options, 3, (0, i)) for i in range(4000)) / 4000
    assert abs(share - 0.25) < 0.03
    assert not any(is_workbook(FileOptions(), 3, (0, i)) for i in range(100))
    assert file_layout(options, 3, next((0, i) for i in range(100) if is_workbook(options, 3, (0, i))),
                       date(2000, 1, 1)).extension == ".xlsx"
