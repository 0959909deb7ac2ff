"""A quiet progress indicator: nothing for scans under a second, then a spinner with the
elapsed time on stderr, erased when the scan ends. Only on a terminal.

It writes with os.write on the raw descriptor, so it never holds the lock of Python's
stderr buffer at the moment the engine forks its worker processes.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import Any

DELAY_SECONDS = 1.0
INTERVAL_SECONDS = 0.125
FRAMES = "|/-\\"


def wanted(stream: Any = None) -> bool:
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty()) and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


class Progress:
    def __init__(
        self, label: str = "scanning", *, enabled: bool | None = None, delay: float = DELAY_SECONDS, stream: Any = None
    ) -> None:
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.delay = delay
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self._fd = 2

    def __enter__(self) -> Progress:
        if self.enabled:
            try:
                self._fd = int(self.stream.fileno())
            except (AttributeError, ValueError, OSError):
                self.enabled = False
                return self
            self._started = time.monotonic()
            self._thread = threading.Thread(target=self._run, name="hms-policy-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        if self._drawn:
            self._write("\r\x1b[K")

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return  # finished within the delay: draw nothing
        frame = 0
        while not self._stop.is_set():
            elapsed = time.monotonic() - self._started
            self._write(f"\r\x1b[K{FRAMES[frame % len(FRAMES)]} hms-policy: {self.label}... {elapsed:.0f} s")
            self._drawn = True
            frame += 1
            self._stop.wait(INTERVAL_SECONDS)

    def _write(self, text: str) -> None:
        try:
            os.write(self._fd, text.encode("utf-8", "replace"))
        except OSError:
            self._stop.set()
