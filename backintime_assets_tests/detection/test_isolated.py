import os
import signal
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


class _TwoArgs(Exception):
    """An error with its own __init__: it pickles, but unpickling calls __init__ with one arg."""

    def __init__(self, part: str, why: str):
        super().__init__(f"{part}: {why}")


def _raises_two_args():
    raise _TwoArgs("xl/worksheets/sheet1.xml", "bad record")


def test_a_reader_error_that_does_not_unpickle_comes_back_as_its_name_and_text():
    with pytest.raises(ReaderCrashed, match="_TwoArgs: xl/worksheets/sheet1.xml: bad record"):
        run_isolated(_raises_two_args, 0)


def test_a_process_that_ignores_sigchld_still_gets_the_readers_answer():
    # SIG_IGN for SIGCHLD is inherited across exec (some supervisors set it): the kernel reaps the
    # child, and waitpid raised ChildProcessError for every workbook, a good one too.
    old = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert run_isolated(lambda: [["Date", "Close"]], 0) == [["Date", "Close"]]
        with pytest.raises(ReaderCrashed, match="SIGABRT|without an answer"):
            run_isolated(os.abort, 0)
    finally:
        signal.signal(signal.SIGCHLD, old)
