"""A per-document time limit for work done in a worker process (pipeline/work.py).

    with deadline(30.0, "enrich"):
        ...  # raises DocumentTimeout after 30 s of wall clock

The in-process path bounds large extractions with a child process (limits.py); a worker of
the pool or of a Dask cluster is already a separate process, so there a timer is enough:
SIGALRM interrupts the Python code of extraction or enrichment (trafilatura and our rules
are Python loops; a single long C call finishes before the signal is handled).
Limitation: Python delivers signals to the main thread only, so the deadline applies where
the work runs on a process's main thread (the `local` engine's pool workers, the driver);
on a thread (Dask workers run tasks on threads) it is a no-op and only the size caps
(`max_article_chars`, the model's character cap) bound a document.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeout(BaseException):
    """Raised inside the work when its time is up. A BaseException, so the `except Exception`
    of a library (or of enrich's one-bad-article guard) cannot swallow it."""


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Raise DocumentTimeout("<what> exceeded the Ns time limit") past `seconds` (0: no limit)."""
    if seconds <= 0 or not available():
        yield
        return

    message = f"{what} exceeded the {seconds:g}s time limit"
    expired = False

    def expire(_signum: int, _frame: object) -> None:
        nonlocal expired
        expired = True
        raise DocumentTimeout(message)

    previous = signal.signal(signal.SIGALRM, expire)
    # The timer repeats: a signal that lands inside a finaliser or weakref callback is
    # reported as "unraisable" and lost, so it fires again until the work is interrupted.
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds, min(seconds, 0.1))
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # an enclosing timer (pytest-timeout, a caller's deadline) keeps what is left of its time
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))
    if expired:  # every signal was swallowed and the work ran to its end: it still ran out of time
        raise DocumentTimeout(message)
