"""The progress indicator: silent for short scans and off a terminal; a spinner on stderr
after the delay, erased at the end."""

from __future__ import annotations

import io
import os
import time

import pytest

from hms_policy.cli import progress as progress_module
from hms_policy.cli.progress import Progress


class _Terminal(io.StringIO):
    def __init__(self, fd: int, tty: bool = True) -> None:
        super().__init__()
        self._fd, self._tty = fd, tty

    def isatty(self) -> bool:
        return self._tty

    def fileno(self) -> int:
        return self._fd


def _drain(fd: int) -> str:
    os.set_blocking(fd, False)
    try:
        return os.read(fd, 65536).decode()
    except BlockingIOError:
        return ""


@pytest.fixture
def pipe():  # type: ignore[no-untyped-def]
    read, write = os.pipe()
    yield read, _Terminal(write)
    os.close(read)
    os.close(write)


def test_spinner_appears_after_the_delay_and_is_erased(pipe: tuple[int, _Terminal]) -> None:
    with Progress("scanning", delay=0.0, stream=pipe[1]) as shown:
        assert shown.enabled
        deadline = time.monotonic() + 5
        while not shown._drawn and time.monotonic() < deadline:
            time.sleep(0.01)
    out = _drain(pipe[0])
    assert "hms-policy: scanning..." in out
    assert out.endswith("\r\x1b[K")


def test_short_scans_draw_nothing(pipe: tuple[int, _Terminal]) -> None:
    with Progress("scanning", delay=60.0, stream=pipe[1]) as shown:
        assert shown.enabled
    assert _drain(pipe[0]) == ""


def test_off_a_terminal_nothing_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not progress_module.wanted(_Terminal(2, tty=False))
    assert not Progress("scanning", stream=_Terminal(2, tty=False)).enabled
    monkeypatch.setenv("TERM", "dumb")
    assert not progress_module.wanted(_Terminal(2))
    monkeypatch.setenv("TERM", "xterm")
    assert progress_module.wanted(_Terminal(2))
