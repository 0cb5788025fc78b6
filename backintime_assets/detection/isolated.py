"""Run a workbook reader in a child process, so that a damaged file cannot take the caller down.

calamine (Rust) panics on some damaged workbooks, and a panic reaches Python as a BaseException
that no `except Exception` stops; on others it asks for hundreds of gigabytes and the allocation
failure aborts the whole process (seen on a .xls with a few bytes changed: "memory allocation of
343209410720 bytes failed"). In a Spark task, either ends the worker, the task is retried on the
same file, and the day's run fails: one bad file must never fail the day. A forked child takes the
blow instead; its caller gets an exception it can turn into the file's problem. Forking costs a
few milliseconds, which a workbook read (tens to hundreds) absorbs.
"""
from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Memory the child may take beyond what it starts with: a reader's tables run to ~60x the file
# (280 MB for a 4.4 MB .xls), and a request far beyond (a damaged length field) fails at once.
_MEMORY_BASE, _MEMORY_PER_BYTE = 2 << 30, 200
_SECONDS_BASE, _SECONDS_PER_MB = 120.0, 4.0


class ReaderCrashed(Exception):
    """The reader died, ran out of its memory or time, or raised what is not an Exception."""


def run_isolated(read: Callable[[], T], input_bytes: int) -> T:
    """read() in a forked child; its result, or its Exception raised again here."""
    if not hasattr(os, "fork"):
        return read()
    seconds = _SECONDS_BASE + _SECONDS_PER_MB * input_bytes / 2**20
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        try:
            os.close(reader)
            _limit_memory(_MEMORY_BASE + _MEMORY_PER_BYTE * input_bytes)
            _limit_cpu(seconds)  # its own bound too: a child whose caller died must not read on
            try:
                outcome = ("value", read())
            except BaseException as error:  # a Rust panic (PanicException) is no Exception
                outcome = ("error", error if isinstance(error, Exception) else _crashed(error))
            try:
                payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                if outcome[0] == "error":
                    # An exception with its own __init__ pickles but does not unpickle (its args are
                    # not those of __init__): tried here, not as a TypeError in the caller.
                    pickle.loads(payload)
            except Exception:  # an error of the reader's own that does not pickle: its name and text
                payload = pickle.dumps(("error", _crashed(outcome[1])), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(writer)
    deadline = time.monotonic() + seconds
    try:
        payload = _read_all(reader, deadline, pid)
    except BaseException:  # interrupted here: the child must not read on unwatched
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(reader)
        status = _reap(pid)
    if not payload:
        raise ReaderCrashed(_death(status))
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise value
    return value


def _reap(pid: int) -> int:
    """The child's exit status; 0 when it was reaped elsewhere: a process that ignores SIGCHLD
    (inherited across exec) has its children reaped by the kernel, and a SIGCHLD handler may reap
    them first. The pipe's payload tells the outcome either way."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:
        return 0


def _crashed(error: BaseException) -> ReaderCrashed:
    return ReaderCrashed(f"{type(error).__name__}: {str(error)[:200]}")


def _read_all(fd: int, deadline: float, pid: int) -> bytes:
    parts = []
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0.0, left))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return b""
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def _limit_memory(extra: int) -> None:
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (mapped + extra, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (OSError, ValueError):
        pass  # no /proc, or a hard limit already lower: read without this bound


def _limit_cpu(seconds: float) -> None:
    try:
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft = int(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    except (OSError, ValueError):
        pass


def _death(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig in (signal.SIGKILL, signal.SIGXCPU):
            return "the workbook reader ran out of time (a damaged file?)"
        return f"the workbook reader crashed ({signal.Signals(sig).name}: a damaged file?)"
    return "the workbook reader stopped without an answer (a damaged file?)"
