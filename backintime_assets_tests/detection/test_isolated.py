import os
from datetime import date

import pytest

from backintime_assets.detection import detect_bytes
from backintime_assets.detection.isolated import ReaderCrashed, run_isolated
from backintime_assets.normalisation import normalise_bytes
from backintime_assets_tests.support import workbooks


class Panic(BaseException):
    """As pyo3's PanicException: no Exception, so `except Exception` lets it through."""


def _panics():
    raise Panic("index out of range")


def test_a_result_and_an_exception_come_back_from_the_child():
    assert run_isolated(lambda: [["Date", "Close"]], 0) == [["Date", "Close"]]
    with pytest.raises(ValueError, match="bad sheet"):
        run_isolated(lambda: (_ for _ in ()).throw(ValueError("bad sheet")), 0)


def test_an_abort_or_a_panic_in_the_reader_is_an_exception_here():
    with pytest.raises(ReaderCrashed, match="SIGABRT"):
        run_isolated(os.abort, 0)
    with pytest.raises(ReaderCrashed, match="Panic: index out of range"):
        run_isolated(_panics, 0)
    assert run_isolated(lambda: 1, 0) == 1  # and the caller goes on


def test_a_reader_asking_for_far_more_memory_than_the_file_warrants_fails_in_the_child():
    with pytest.raises(MemoryError):
        run_isolated(lambda: bytearray(64 << 30), 1000)


def test_a_damaged_xls_that_aborts_calamine_is_a_file_problem(monkeypatch):
    pytest.importorskip("python_calamine")
    from backintime_assets.detection import xlsx

    monkeypatch.setattr(xlsx, "ENGINE", "calamine")
    data = bytearray(workbooks.xls({"S": [["Date", "Close"], [date(2021, 1, 4), 1.5]]}))
    # One byte of the sheet's records changed: calamine 0.37 asks for 343 GB, and the failed
    # allocation aborted the process (found by fuzzing).
    data[1625] = 74
    schema = detect_bytes(bytes(data), "prices.xls")
    assert schema.problem.startswith("unreadable workbook")
    assert normalise_bytes(bytes(data), schema, "prices.xls").file_problem.startswith("unreadable workbook")
