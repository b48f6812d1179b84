"""A pool of worker processes for CAS calls, each bounded in time and memory.

A signal alarm would not work under threaded servers, and a runaway sympy call cannot be
interrupted in-process; a separate process can be killed. The pool starts lazily through a
forkserver (never forking a threaded server process) and is rebuilt after a kill.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from . import cas_worker

CAS_TIMEOUT_SECONDS = float(os.environ.get("CRAM_CAS_TIMEOUT", "2.0"))
CAS_WORKERS = int(os.environ.get("CRAM_CAS_WORKERS", "1"))

T = TypeVar("T")


class CasUnavailable(RuntimeError):
    """The CAS call timed out, ran out of memory or its worker died."""


_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None


def _executor_get() -> ProcessPoolExecutor:
    global _executor
    with _lock:
        if _executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["questions.grading.cas_worker"])
            _executor = ProcessPoolExecutor(
                max_workers=CAS_WORKERS,
                mp_context=context,
                initializer=cas_worker.limit_resources,
            )
        return _executor


def _executor_discard(executor: ProcessPoolExecutor) -> None:
    """Kill the workers (one may be stuck in sympy) and forget the pool."""
    global _executor
    with _lock:
        if _executor is executor:
            _executor = None
    for process in list(getattr(executor, "_processes", {}).values()):
        process.kill()
    executor.shutdown(wait=False, cancel_futures=True)


def run(function: Callable[..., T], *args: object, timeout: float | None = None) -> T:
    """Run `function(*args)` in a worker; raise CasUnavailable after `timeout` seconds."""
    executor = _executor_get()
    try:
        future = executor.submit(function, *args)
        return future.result(timeout=CAS_TIMEOUT_SECONDS if timeout is None else timeout)
    except FutureTimeout:
        _executor_discard(executor)
        raise CasUnavailable("timed out") from None
    except (BrokenProcessPool, MemoryError) as exc:
        _executor_discard(executor)
        raise CasUnavailable(type(exc).__name__) from None


def shutdown() -> None:
    """Stop the pool (tests and benchmarks call this to leave no processes behind)."""
    global _executor
    with _lock:
        executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True, cancel_futures=True)
