"""A per-file time limit, so one pathological file cannot hold a scan hostage.

It uses SIGALRM, which interrupts Python code between bytecodes: it works in the main thread
of the scanning process and of every worker, which is where hms-policy analyses files. In
another thread (a library caller's thread pool) there is no limit. A C-level call that never
returns to Python (a regular expression in the `re` module) is interrupted only when it
returns; the prefilters use linear-time engines for that reason.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

DEFAULT_FILE_TIMEOUT = 60.0  # seconds of analysis per file


class FileTimeout(BaseException):
    """Raised inside the analysis of a file that ran out of time. A BaseException, so the
    engine's `except Exception` around each rule does not swallow it."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise FileTimeout()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    usable = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
